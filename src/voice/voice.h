/* voice/voice.h — speech for every line: casting, synthesis (flite for English,
 * espeak-ng with pinyin for Chinese), phoneme/viseme/word timing, and the voice stage.
 *
 *   voice_cast(s);                                   // fills character->voice, narrator_voice
 *   struct voice_clip clip;
 *   if (voice_synth(s, c->voice, line, "en", &clip) == 0) { ... clip.pcm ... }
 *   voice_clip_free(&clip);
 *
 *   struct voice_timing t;                           // the renderer reads saved timing
 *   voice_timing_load("demo/cache/voice/ab12.json", &t);
 *   char v = voice_viseme_at(&t, 0.42);             // 'A'..'H' or 'X'
 *   voice_timing_free(&t);
 */
#ifndef DRAMA_VOICE_VOICE_H
#define DRAMA_VOICE_VOICE_H

#include <stdint.h>
#include "core/util.h"
#include "core/model.h"

#define VOICE_RATE 48000

struct voice_phone { double start, end; char ph[8]; };     /* seconds from clip start */
struct voice_viseme { double start, end; char v; };        /* 'A'..'H', 'X' */
struct voice_word { double start, end; char *word; };
struct voice_timing {
	double duration;
	struct voice_phone *ph; size_t n_ph;
	struct voice_viseme *vis; size_t n_vis;
	struct voice_word *words; size_t n_words;
};

struct voice_clip {
	int16_t *pcm; size_t n;      /* mono, VOICE_RATE */
	struct voice_timing t;
};

/* Fill the voice object of characters whose voice is NULL and of the narrator:
 *   {"engine": "flite"|"espeak", "voice": "slt"|"rms"|"awb"|"kal16"|"cmn-latn-pinyin+f2"...,
 *    "pitch": 1.0, "rate": 1.0, "gain": 1.0, "timbre": 1.0 (optional)}
 * pitch, rate, gain and timbre (formant scale) are multipliers of the voice's natural
 * ones. Existing (user-edited) voices are kept; no two characters share an engine
 * voice + pitch pair. Returns 0 or <0 with err_msg (casting data missing). */
int voice_cast(struct series *s);
/* The sex casting gives a character the storyboard names no gender for (1: female):
 * female words in its role or name, else the pronouns around its name in the
 * storyboard. The design draws such a character by the same answer (art/look.c), so a
 * character is never drawn as a woman and voiced as a man. */
int voice_guess_female(const struct series *s, const struct character *c);
/* Speak one line with a voice (json from character->voice or narrator_voice; NULL =
 * defaults for the language). Lines with CJK text are spoken in Chinese, others in
 * English; the line's emotion shapes the delivery; parentheticals are not spoken.
 * out->pcm is 48 kHz mono; out->t covers it exactly. A line with nothing speakable
 * gives 0.25 s of silence (and a warning). Returns 0 or <0 with err_msg (no text, bad
 * voice object, engine failure); free with voice_clip_free (also after an error). */
int voice_synth(const json_t *voice, const struct line *l, const char *lang, struct voice_clip *out);
void voice_clip_free(struct voice_clip *c);
/* A joint cue ("A AND B") spoken by every voice at once: clips[0..n) (the same text in
 * each speaker's voice, clips[0] the cue's first speaker) added sample-aligned from
 * their start, each at 1/sqrt(n) of its level, soft-limited; *out is as long as the
 * longest clip and takes clips[0]'s timing (phonemes, visemes, words; clips[0].t is
 * emptied). The clips stay the caller's (free with voice_clip_free); free *out the same
 * way. Returns 0, or <0 with err_msg when n is 0. */
int voice_mix(struct voice_clip *clips, size_t n, struct voice_clip *out);
int voice_timing_save(const struct voice_timing *t, const char *json_path);   /* atomic */
/* The same, replaced without an fsync: for a cache entry sealed next (wav_write_replace). */
int voice_timing_save_replace(const struct voice_timing *t, const char *json_path);
int voice_timing_load(const char *json_path, struct voice_timing *t);
void voice_timing_free(struct voice_timing *t);
/* A cached line's length in seconds, as its first voicing set line->audio_sec: the WAV's
 * sample count over its rate (the timing file's duration is rounded to 3 decimals). The
 * timing file must load too. Returns 0, or <0 with err_msg (then make the entry again). */
int voice_cached_sec(const char *wav_path, const char *json_path, double *sec);
char voice_viseme_at(const struct voice_timing *t, double sec);

/* The `drama voice` stage: cast, then synthesise every line whose audio is missing or
 * stale into cache/voice/<hash>.wav + .json, setting line->audio and line->audio_sec. */
int voice_stage(struct project *p, const struct stage_opts *o);

/* ---- reference voices (voice_ref.c): characters/NAME.voice.wav + NAME.voice.txt ---- */
/* Cast `c` to sound like the WAV recording wav (transcript may be NULL: speed is then
 * not matched): the closest embedded voice of its sex with pitch, rate and timbre that
 * bring it to the recording's median F0, speed and brightness (aubio's pitch tracker
 * and spectral centroid, the same measures on both). *out is the voice object with the
 * measures under "ref" (new reference). Returns 0 or <0 with err_msg. */
int voice_ref_match(const struct series *s, const struct character *c, const char *wav, const char *transcript, json_t **out);
/* Give character `name` the reference voice `file` (WAV) and its transcript (NULL = none):
 * copied to characters/NAME.voice.wav / .txt, and the character recast to match it (its
 * speech-server voice name kept). The caller saves the storyboard. 0 or <0 with err_msg. */
int voice_ref_set(struct project *p, const char *name, const char *file, const char *transcript);
/* Before casting: every character without a voice that has a reference file is cast
 * to match it (a failure is warned and leaves it to the casting pools). Returns 0. */
int voice_cast_refs(struct project *p);
/* `drama voice DIR --ref NAME=FILE [--ref-text TEXT]`: voice_ref_set, then save. */
int voice_ref_arg(struct project *p, const char *arg, const char *transcript);

/* ---- the voice stage's AI backend (speech_stage.c, over the speech-server client) ---- */
struct ai_config;
/* The voice stage through the speech server (use when the voice backend is "speech-api"):
 * voice_cast + speech_api_cast, then every line of o->episode (0 = all) into
 * cache/voice/<hash>.wav + .json like the embedded stage, setting line->audio and
 * audio_sec. Cached by text, voice and model. ERR_NET = server unavailable (fall back to
 * voice_stage unless strict). */
int speech_api_stage(struct project *p, const struct stage_opts *o, const struct ai_config *c);

/* The voice stage through a ComfyUI TTS workflow (comfy_tts.c; "comfyui.tts": true): the
 * embedded stage first (every line voiced and cached), then each line whose speaker has a
 * reference voice (characters/NAME.voice.wav + .txt) is voiced again by the workflow
 * (data/comfyui/tts.json, F5-TTS): the reference uploaded for LoadAudio, the line's text,
 * transcript and seed filled in, the saved audio decoded into cache/voice/<hash>.wav +
 * .json (cached by the filled workflow and reference). ERR_NET = server unavailable. */
int comfy_tts_stage(struct project *p, const struct stage_opts *o, const struct ai_config *c);

/* ---- the voice stage's backends, as art_backend is for pictures ---- */
struct voice_backend {
	const char *name;     /* "embedded", "speech-api", "comfyui" */
	/* The stage over o->episode; c is the AI configuration (the embedded voices ignore
	 * it). 0, or <0 with err_msg; ERR_NET = server unavailable. */
	int (*stage)(struct project *p, const struct stage_opts *o, const struct ai_config *c);
};
extern const struct voice_backend voice_embedded, voice_speech_api, voice_comfyui;
/* ComfyUI when comfyui.tts is set and a ComfyUI URL configured; else the speech server when
 * one is configured or the project's voice is "speech-api"; else the embedded voices. */
const struct voice_backend *voice_backend_for(const struct project *p, const struct ai_config *c);
/* Counts of the last voice_stage run: lines synthesised and lines reused from cache. */
void voice_stage_stats(size_t *synthesised, size_t *reused);

#endif
