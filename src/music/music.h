/* music/music.h — score, effects and the final mix.
 *
 * The `drama music` stage composes one cue per scene from its mood with libfluidsynth
 * and the GM soundfont (or picks a track from a user library) into
 * cache/music/<hash>.wav (48 kHz stereo) and sets scene->music.
 * mix_episode() builds the episode's sound on a timeline: dialogue on top, music
 * ducked under speech with crossfades at scene changes, effects at their cues,
 * normalised with libebur128 to -14 LUFS, true peak <= -1 dBTP.
 *
 * Content lives in data/music/: moods.json (tempo, modes, progressions, GM instruments,
 * drum kits per mood; era colours) and ambience.json (location words -> ambience layers,
 * weather, effect levels and aliases). Environment: DRAMA_SF2 picks another soundfont
 * (missing -> a built-in synthesiser, with a warning); DRAMA_MIX_MUTE="music,ambience,
 * effects,reverb,dialogue" leaves parts out of a mix when checking it ("master": no
 * mastering gain or limiter; export/stem.c's effects stem).
 *
 *   struct timeline tl; timeline_build(s, ep, fps, &tl);
 *   float *lr; size_t frames;
 *   if (mix_episode(p, ep, &tl, &lr, &frames) == 0) { ... free(lr); }
 */
#ifndef DRAMA_MUSIC_MUSIC_H
#define DRAMA_MUSIC_MUSIC_H

#include "core/util.h"
#include "core/model.h"
#include "core/timeline.h"

#define MIX_RATE 48000
/* Every scene's sound but the first's starts on a multiple of MIX_GRID samples: the AAC
 * frame (encode.h ENC_AAC_FRAME), where the audio is cut into pieces. */
#define MIX_GRID 1024

int music_stage(struct project *p, const struct stage_opts *o);

/* music_stage in parts, so the cues can be made beside the render (pipeline.c):
 * music_plan decides each scene's cue and cache file (reads p->s; writes nothing there);
 * music_plan_make makes the missing ones (on any thread: it reads only the plan and writes
 * only cache/music); music_plan_assign sets each scene->music to its cue's file. The
 * caller frees the plan with music_plan_free (after make has returned). <0 with err_msg. */
struct music_plan;
int music_plan(struct project *p, const struct stage_opts *o, struct music_plan **out);
size_t music_plan_missing(const struct music_plan *pl);
int music_plan_make(struct music_plan *pl);
void music_plan_assign(struct music_plan *pl);
void music_plan_free(struct music_plan *pl);

/* Interleaved stereo float at MIX_RATE, exactly tl->frames / tl->fps seconds long
 * (rounded to samples). *lr is malloc'd; caller frees. Returns 0 or <0 with err_msg. */
int mix_episode(const struct project *p, const struct episode *ep, const struct timeline *tl,
                float **lr, size_t *frames);

/* The same mix, streamed with flat memory (what the renderer should use): mix_open
 * mixes the episode in spans (cut at scene starts), each from the inputs that reach it
 * (its content hash), into cache/shots/<hash>.mixspan unless it is there already (an
 * edit mixes again only the spans it touches); measures the loudness per span and sets
 * a master gain in 0.5 dB steps (levels per span and gain cached too); mix_read hands out
 * the mastered result (gain, true-peak limiter inside each span) in any chunking.
 * Memory stays at a few MB plus the longest scene's cue, whatever the episode's length;
 * disk: 384 KB per second of episode, kept in the cache (temporary files without a
 * project). mix_episode() is mix_open + mix_read of everything.
 *
 *   struct mix *m;
 *   if (mix_open(p, ep, &tl, &m) < 0) ...;          // mix_frames(m) = exact length
 *   float buf[2 * 4096]; long n;
 *   while ((n = mix_read(m, buf, 4096)) > 0) enc_audio(e, buf, (size_t)n);
 *   mix_close(m);                                    // n < 0: error (err_msg)
 */
struct mix;
int mix_open(const struct project *p, const struct episode *ep, const struct timeline *tl,
             struct mix **out);
/* mix_open with the spans mixed and levelled on `workers` threads (1: on this one, as
 * mix_open): the same samples, the same cache files. Each thread holds what one span's
 * mixing holds: a few MB (the scenes' cues are read by range from their files and the hall
 * reverb made as it goes) plus, for a scene with ambience, that ambience (a scene's
 * length of stereo floats, twice while it is made: 30 MB for a 38-second scene). */
int mix_open_workers(const struct project *p, const struct episode *ep, const struct timeline *tl, int workers,
                     struct mix **out);
/* Each scene's ambience made ahead (on two threads), into an unlinked temporary file, so
 * that a mix opened with it (mix_open_with) reads it by range, holds no scene-long buffer
 * and makes each scene's ambience once (a join span made both its scenes' whole again):
 * the renderer's after x264. The same samples as made in the mix.
 * mix_ambience_new: 0 (*out; mix_ambience_free frees, NULL ok) or <0. */
struct mix_amb {
	size_t n;                        /* scenes */
	int *fd;                         /* -1: none (no ambience, or a mute) */
	int64_t *alen;                   /* its frames */
	int *nl;                         /* its layers */
};
int mix_ambience_new(const struct project *p, const struct episode *ep, const struct timeline *tl,
                     struct mix_amb **out);
void mix_ambience_free(struct mix_amb *a);
/* mix_open_workers with the ambience made ahead (NULL: made in the mix). */
int mix_open_with(const struct project *p, const struct episode *ep, const struct timeline *tl, int workers,
                  const struct mix_amb *amb, struct mix **out);
size_t mix_frames(const struct mix *m);
/* Up to max frames of interleaved stereo float into lr; returns frames read (0 at the
 * end) or <0 with err_msg. */
long mix_read(struct mix *m, float *lr, size_t max);
void mix_close(struct mix *m);                       /* NULL ok */
/* What mix_open did: spans in the episode, spans mixed (the others came from the
 * project's cache/shots/<hash>.mixspan), spans whose mastered level was measured (not
 * cached), the master gain (dB; NAN: none). */
struct mix_stats { size_t spans, spans_mixed, spans_levelled; double gain_db; };
void mix_get_stats(const struct mix *m, struct mix_stats *out);
/* The cache names (one a line) of the spans and levels the mix uses, for the renderer's
 * cache/shots/epNN.list (what `drama clean` keeps). */
void mix_cache_names(const struct mix *m, struct sbuf *b);
/* Where the mix's AAC is cut to be encoded in pieces (the encoder's frame size and roll,
 * encode.h): at the spans (mix.c: each scene's body and the joins between, on the
 * MIX_GRID), a body's piece from roll samples after its start to roll before its end, so
 * that the encoder's roll around it is the body's own; the first at 0, the last to the
 * end; each with a key (hash of the encoder's config string, the gain and the spans
 * whose mastered samples it is fed, at their places relative to it): the same key, the
 * same AAC packets. The array belongs to m (valid until mix_close). */
struct mix_piece { int64_t start, end; char key[33]; };
/* A reader of the mastered mix from frame at (what mix_read gives from there): several
 * can read one mix at once, each on its own thread. mix_reader_read is mix_read's
 * contract; lr NULL skips. Close it before the mix. */
struct mix_reader;
struct mix_reader *mix_reader_open(const struct mix *m, size_t at);
long mix_reader_read(struct mix_reader *r, float *lr, size_t max);
void mix_reader_close(struct mix_reader *r);          /* NULL ok */
const struct mix_piece *mix_audio_pieces(struct mix *m, int frame, int roll, const char *config, size_t *n);
/* Add to h everything mix_open's result depends on: the mixer's version, the whole
 * storyboard, the timeline's frame numbers, the bytes of every line's audio and every
 * scene's score, data/music/ambience.json and DRAMA_MIX_MUTE. The same hash means the
 * same samples (the renderer keeps an episode's MP4 when neither it nor the pictures
 * changed). */
void mix_hash(const struct project *p, const struct episode *ep, const struct timeline *tl, struct hash *h);

/* The level (dB, relative to the cue file) at which a scene of this mood plays its music
 * cue between lines, before the duck under speech and the master gain: the cue's volume
 * in an editor export. */
double music_bed_db(const char *mood);

#endif
