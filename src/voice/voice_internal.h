/* voice/voice_internal.h — what the voice module's files share: engine parameters,
 * the two engines (flite, espeak-ng), text normalisation, hanzi → pinyin, visemes.
 * Not for other modules: they use voice/voice.h. */
#ifndef DRAMA_VOICE_INTERNAL_H
#define DRAMA_VOICE_INTERNAL_H

#include <pthread.h>
#include "voice/voice.h"

/* joint.c: the voices of line l — the speaker's (or the narrator's), then with's and
 * each of also's that is a character (one warning for a name that is none) — into a new
 * array *v (caller frees the array; the voices are the series'); returns how many.
 * voice_line_synth: line l in each of voices v[0..n), mixed (voice_mix) when several. */
size_t voice_line_voices(const struct series *s, const struct line *l, const json_t ***v);
int voice_line_synth(const json_t *const *v, size_t n, const struct line *l, const char *lang, struct voice_clip *out);

/* Bump when synthesis, normalisation or timing changes so cached clips are redone. */
#define VOICE_CACHE_VERSION 10
/* Longest piece of text handed to an engine at once; longer lines are split. */
#define VOICE_PIECE_CHARS 240

/* Engine-neutral delivery. pitch and rate are multipliers of the voice's natural
 * pitch and speed (1 = natural); gain is linear; rise > 0 lifts the pitch towards
 * the end (questions, surprise); timbre scales the formants (a smaller or larger
 * speaker, 1 = natural; flite only, espeak's variants carry their own; rms, which
 * has no F0 control, moves its pitch with it). */
struct voice_params {
	char engine[16];      /* "flite" | "espeak" */
	char voice[32];       /* flite: slt rms awb kal16; espeak: cmn-latn-pinyin, ... */
	double pitch, rate, gain, rise, timbre;
	int unvoiced;         /* whisper: flite output is re-excited with noise (vwhisper) */
	char effect[8];       /* a creature's sound: VOICE_EFFECTS value or "" */
};

/* creature_fx.c: creatures' voices. VOICE_EFFECTS: robot ghost bird beast (NULL-ended).
 * vcreature_kind: the data/art/creatures.json kind a role names ("bird", "canine",
 * "feline", "robot", "ghost") or NULL (borrowed data). vcreature_fx: the effect applied
 * in place, same length. */
extern const char *const VOICE_EFFECTS[];
const char *vcreature_kind(const char *role);
void vcreature_fx(int16_t *pcm, size_t n, int rate, const char *effect);

/* Read a voice object {"engine","voice","pitch","rate","gain","timbre"} (missing fields get
 * defaults for lang) and apply the emotion's delivery (data/voice/emotions.json). */
int voice_params_from(const json_t *voice, const char *emotion, const char *lang, struct voice_params *out);

/* Both engines draw noise from libc rand() and keep global state, so one lock
 * serialises them; each seeds rand() from its text under the lock, which makes every
 * line sound the same on every run and in any thread. */
extern pthread_mutex_t voice_engine_lock;

/* Raw synthesis at the engine's own rate. pcm malloc'd (caller frees); the timing
 * is filled (phonemes in engine names, words); caller frees with voice_timing_free. */
int vflite_synth(const struct voice_params *vp, const char *text, int16_t **pcm, size_t *n, int *rate, struct voice_timing *t);
int vespeak_synth(const struct voice_params *vp, const char *pinyin, int16_t **pcm, size_t *n, int *rate, struct voice_timing *t);

/* English text as flite should read it: stage directions, emphasis marks, emoji and
 * symbols removed; numbers, ordinals, years, times, currencies, percentages and
 * abbreviations spelled out. Returns a malloc'd string (maybe ""); never NULL. */
char *vnorm_en(const char *text);
/* Chinese text as tone-numbered pinyin ("你好" -> "ni3 hao3"), numbers read as
 * Chinese numbers, punctuation kept as pauses (", " / ". "). If src is not NULL it
 * receives, for each syllable in order, the source text it came from (a strv;
 * free with vpinyin_strv_free). Returns 0 or <0 with err_msg (Unihan data missing). */
int vpinyin_convert(const char *text, char **out, char ***src, size_t *n_src);
void vpinyin_strv_free(char **v, size_t n);
/* Third-tone sandhi as spoken (ni3 hao3 -> ni2 hao3), in place, before synthesis. */
void vpinyin_spoken(char *py);

/* Viseme of a phoneme: ARPAbet (flite) or espeak-ng phoneme mnemonic. */
char vviseme_of(const char *ph, int espeak);
/* Build t->vis from t->ph (merging neighbours with the same viseme). */
void vviseme_build(struct voice_timing *t, int espeak);

/* Append timing b (shifted by offset seconds) to a. */
void vtiming_append(struct voice_timing *a, const struct voice_timing *b, double offset);
void vtiming_add_phone(struct voice_timing *t, double s, double e, const char *ph);
void vtiming_add_word(struct voice_timing *t, double s, double e, const char *w);

/* Whisper: LPC analysis of each 20 ms frame, resynthesis from noise with the same
 * spectral envelope and level. In place; deterministic. */
void vwhisper(int16_t *pcm, size_t n, int rate);

/* x (1 = full scale) as a sample, with a soft knee above 0.9 so a loud sum never wraps. */
int16_t vsoft_clip(double x);

/* Resample mono int16 from rate to VOICE_RATE. *out malloc'd. */
int vresample(const int16_t *in, size_t n, int rate, int16_t **out, size_t *n_out);

/* Split text into pieces of at most max bytes at sentence/clause/space boundaries. */
size_t vsplit(const char *text, size_t max, char ***pieces);

#endif
