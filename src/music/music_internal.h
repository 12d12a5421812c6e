/* music/music_internal.h — shared between the music module's files; not for other modules.
 *
 * compose.c  mood rules (data/music/moods.json) -> a note list for one cue
 * synth.c    note list -> stereo float via libfluidsynth, or a small additive fallback
 * sfx.c      synthesised effects (stinger, whoosh, slap, door, phone ...) and ambience
 * library.c  user music library: tags, libav decoding to 48 kHz stereo, loop/trim/fades
 * level.c    loudness (libebur128), true-peak limiter, float <-> WAV helpers
 * stage.c    music_stage();   mix.c  mix_episode()
 */
#ifndef DRAMA_MUSIC_INTERNAL_H
#define DRAMA_MUSIC_INTERNAL_H

#include <stdint.h>
#include <stddef.h>
#include <ebur128.h>
#include "music/music.h"

#define MUSIC_VERSION 6            /* bump when composed output changes (cache key); 5: a fresh synthesiser per cue;
                                    * 6: cues made while two workers raced in fluidsynth's sample cache are remade */
#define MUSIC_SF2_DEFAULT "/usr/share/sounds/sf2/FluidR3_GM.sf2"
#define MUSIC_CUE_LUFS (-20.0)     /* every cue file is levelled to this */
#define MUSIC_XFADE_SEC 1.5        /* crossfade at scene changes = tail added to cues */

/* ---- timing shared by the stage and the mix ---- */
/* Sample (MIX_RATE) of timeline frame f. */
int64_t music_sample_of(const struct timeline *tl, int64_t f);
/* Where scene i's sound starts (its score, ambience, lines and effects): its first
 * frame's sample, on the MIX_GRID for every scene but the first (whose span starts at 0);
 * i == n_scenes: the episode's end. Each scene's sound is moved by music_scene_shift
 * (|shift| <= MIX_GRID / 2 samples, 10.7 ms at 48 kHz) against its pictures and keeps
 * its length (its frames'), so that an edit that changes a scene's length moves each
 * later scene's sound by whole AAC frames, the same inside it (mix.c's spans, the AAC
 * pieces): two scenes' sounds meet up to MIX_GRID samples apart or overlapping (under
 * the score's crossfade and the ambience's fades); the last scene's score and the end
 * card's sound end up to MIX_GRID / 2 samples before the episode's end (silence) or
 * after it (cut off in the score's fade-out). */
int64_t music_scene_sample(const struct timeline *tl, size_t i);
int64_t music_scene_shift(const struct timeline *tl, size_t i);
/* Where scene i's sound ends: music_scene_sample plus its frames' length in samples. */
int64_t music_scene_end(const struct timeline *tl, size_t i);
/* Where scene i's score plays, in samples, without the crossfade tail: scene 0 also
 * covers the title card, the last scene also covers the end card; as long as those
 * frames, from music_scene_sample (scene 0: from 0). */
void music_cue_span(const struct timeline *tl, size_t i, int64_t *start, int64_t *len);
/* Seed of one scene's cue: differs by series seed, episode and scene. */
uint64_t music_cue_seed(const struct series *s, const struct episode *ep, size_t scene);

/* Compose, render and level n cues (moods[k], seeds[k], frames long) as the stage does, on
 * `workers` threads (1 or 2), and give each one's content hash (of its levelled samples)
 * in sum[k]: the determinism test and bench compare one worker with two. Returns 0 or
 * <0 with err_msg. */
int music_cues_hash(const char *const *moods, const uint64_t *seeds, size_t n, size_t frames, int workers,
                    char (*sum)[33]);

/* ---- composition ---- */
struct mnote {
	double beat, dur;              /* in beats from the cue start */
	uint8_t ch, key, vel;
};
struct mchan { int program; int volume, pan, reverb, chorus; int used; };
struct mscore {
	double tempo;                  /* beats per minute */
	struct mchan ch[16];
	struct mnote *notes; size_t n, cap;
	char desc[160];                /* "romance: D lydian, 74 bpm, I-V-vi-IV" for logs */
};
/* Compose a cue of `seconds` for mood (any MODEL_MOODS word or alias; unknown -> calm)
 * and era ("ancient" adds pentatonic colour; NULL ok). Returns 0 or <0 with err_msg
 * (bad data file). mscore_free frees. */
int music_compose(const char *mood, const char *era, uint64_t seed, double seconds, struct mscore *sc);
void mscore_free(struct mscore *sc);
/* The canonical mood name for a word ("face-slap" -> "triumph"); NULL if unknown. */
const char *music_mood_canon(const char *word);
/* The mood's music level in the mix relative to the common bed, dB (moods.json bed_db). */
double music_mood_bed_db(const char *mood);

/* ---- rendering ---- */
struct msynth;                     /* one loaded soundfont, reused for every cue of a stage */
/* Open libfluidsynth with sf2 (NULL = $DRAMA_SF2 or the GM default). A missing or
 * unreadable soundfont is not an error: a warning is logged and the additive fallback
 * is used (msynth_has_sf2() == 0). Never fails except out of memory. */
struct msynth *msynth_new(const char *sf2);
void msynth_free(struct msynth *m);          /* NULL ok */
int msynth_has_sf2(const struct msynth *m);
/* Errors libfluidsynth has logged in this process (a test checks there are none). */
unsigned msynth_error_count(void);
const char *msynth_sf2_path(const struct msynth *m);
/* Render sc into *lr (interleaved stereo float, malloc'd, caller frees), exactly
 * `frames` frames, with a fade-out over the last fade_out seconds. */
int msynth_render(struct msynth *m, const struct mscore *sc, size_t frames, double fade_out,
                  float **lr);

/* ---- effects and ambience (sfx.c) ---- */
/* Canonical effect for a cue word ("stinger", "whoosh", "slap", "impact", "door", "knock",
 * "phone", "bell", "thunder", ...); NULL if unknown. */
const char *sfx_canon(const char *word);
/* Render an effect: stereo float, malloc'd, caller frees. *pre = frames of the effect
 * that come before its cue point (a whoosh swells into the cut). With lr NULL only
 * *frames and *pre are given (nothing is rendered). */
int sfx_render(const char *name, uint64_t seed, float **lr, size_t *frames, size_t *pre);
/* Add ambience layer `kind` ("rain", "snow", "street", "crowd", "hall", "birds", "night",
 * "room") at linear gain into lr[0 .. frames) with fades of fade frames at both ends. */
void amb_add(const char *kind, uint64_t seed, float *lr, size_t frames, size_t fade, float gain);
float *amb_make(const char *kind, uint64_t seed, size_t frames, size_t fade, float gain);   /* amb_add into a new buffer (caller frees) */
/* Ambience layers for a scene, from data/music/ambience.json (location kind/name
 * keywords, weather, time). Fills up to max names (static strings); returns count. */
int amb_layers_for(const struct series *s, const struct scene *sc, const char **out, int max);

/* ---- library (library.c) ---- */
struct mlib;
/* Scan dir: tracks.json {"file": "mood"} and/or mood words in file names.
 * Returns 0, or <0 with err_msg if dir is missing/unreadable or holds no tagged track. */
int mlib_open(const char *dir, struct mlib **out);
void mlib_free(struct mlib *l);
/* A track for mood (seeded choice among matches); NULL if none. Borrowed path. */
const char *mlib_pick(const struct mlib *l, const char *mood, uint64_t seed);
size_t mlib_count(const struct mlib *l);
/* Decode any audio file with libavformat/libavcodec + libswresample to MIX_RATE stereo
 * float. *lr malloc'd, caller frees. Returns 0 or <0 with err_msg. */
int music_decode(const char *path, float **lr, size_t *frames);
/* Make lr exactly want frames: loop (with a crossfade of xfade frames) or trim, then
 * fade in/out. Replaces *lr (realloc). */
void music_fit(float **lr, size_t *frames, size_t want, size_t xfade, size_t fade_in, size_t fade_out);

/* ---- the mix (mix.c) ---- */
/* The former whole-buffer mix (the whole episode in memory, mastered in place); kept as
 * the reference the streamed mix (mix_open/mix_read) is tested against. */
int mix_episode_whole(const struct project *p, const struct episode *ep, const struct timeline *tl,
                      float **lr, size_t *frames);

/* ---- levels (level.c) ---- */
/* Integrated loudness (LUFS) and true peak (dBTP) of stereo float; -HUGE_VAL if silent. */
int level_measure(const float *lr, size_t frames, double *lufs, double *tp_db);
/* Scale to target LUFS (no-op on silence). Returns the gain applied in dB. */
double level_normalize(float *lr, size_t frames, double target);
/* Look-ahead true-peak limiter: 4x oversampled peak detection, ceiling in dBTP. */
void level_limit(float *lr, size_t frames, double ceiling_db);
/* The limiter's detector: highest |sample| of the 4x-interpolated signal around frame i
 * (both channels; reads frames i-6 .. i+5 within [0, frames)). win holds stereo frames
 * from frame w0 on (a window of the episode). LEVEL_TAPS wide. */
#define LEVEL_TAPS 12
float level_os_peak(const float *win, size_t w0, size_t frames, size_t i);
/* The true peak (linear) of frames [i0, i1) by the same detector, at least tp: the
 * interpolation is computed only where the samples around could exceed tp (quiet
 * stretches cost a comparison). win holds frames from w0 on, through i1 + 5 (or frames). */
float level_true_peak(const float *win, size_t w0, size_t frames, size_t i0, size_t i1, float tp);
/* Loudness-normalise to target LUFS with true peak <= ceiling: gain, limit, re-measure. */
int level_master(float *lr, size_t frames, double target, double ceiling_db, double *lufs, double *tp);
/* Loudness of a signal cut into pieces measured apart (the mix's spans): each piece's
 * BS.1770 400 ms blocks (100 ms steps, from its own start; K-weighting by libebur128)
 * as mean-square energies, gated together by level_gated like an integrated loudness.
 *   struct level_blocks b; level_blocks_init(&b, 1);
 *   level_blocks_add(&b, lr, n); ...; double pk = level_blocks_end(&b);  // b.e, b.n: caller frees b.e */
struct level_blocks { ebur128_state *st; size_t fed; double *e; size_t n, cap; int true_peak; };
void level_blocks_init(struct level_blocks *b, int true_peak);
int level_blocks_add(struct level_blocks *b, const float *lr, size_t frames);
/* Frees the libebur128 state; returns the true peak (linear, both channels) if asked, else 0. */
double level_blocks_end(struct level_blocks *b);
/* Integrated loudness (LUFS, -HUGE_VAL if silent) of k pieces' blocks e[s][0 .. n[s]). */
double level_gated(const double *const *e, const size_t *n, size_t k);
/* Stereo float <-> 16-bit WAV (with clamping). Written without an fsync
 * (wav_write_replace): for the cue cache, sealed next. */
int wav_write_float(const char *path, const float *lr, size_t frames);
/* Read any 16-bit WAV as stereo float at MIX_RATE (mono is duplicated; other rates are
 * an error). */
int wav_read_float(const char *path, float **lr, size_t *frames);

#endif
