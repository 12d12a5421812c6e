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
 * effects,reverb,dialogue" leaves parts out of a mix when checking it.
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

#endif
