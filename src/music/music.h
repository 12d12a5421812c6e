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

int music_stage(struct project *p, const struct stage_opts *o);

/* Interleaved stereo float at MIX_RATE, exactly tl->frames / tl->fps seconds long
 * (rounded to samples). *lr is malloc'd; caller frees. Returns 0 or <0 with err_msg. */
int mix_episode(const struct project *p, const struct episode *ep, const struct timeline *tl,
                float **lr, size_t *frames);

/* The same mix, streamed with flat memory (what the renderer should use): mix_open
 * renders the episode chunk by chunk into an unlinked temporary float file in the
 * project's cache/ (dialogue loudness and the duck curve are measured first, one scene's
 * cue/ambience in memory at a time), then masters it file to file (libebur128 loudness,
 * true-peak limiter); mix_read hands out the result in any chunking. Memory stays at a
 * few MB plus the longest scene's cue, whatever the episode's length; disk: 2 x 384 KB
 * per second of episode while open. mix_episode() is mix_open + mix_read of everything.
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
size_t mix_frames(const struct mix *m);
/* Up to max frames of interleaved stereo float into lr; returns frames read (0 at the
 * end) or <0 with err_msg. */
long mix_read(struct mix *m, float *lr, size_t max);
void mix_close(struct mix *m);                       /* NULL ok */
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
