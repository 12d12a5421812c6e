/* art/art_ai.h — shared pieces of the AI art backends (art_ai.c, art_ai_draw.c): the
 * bound project and config, the design stages and a look's generated image. Not for
 * other modules (they use art/art.h). */
#ifndef DRAMA_ART_ART_AI_H
#define DRAMA_ART_ART_AI_H

#include "net/net_internal.h"
#include "art/art.h"

/* The bound project for art backends (see ai_art_bind). */
const char *ai_art_project_dir(void);
const struct ai_config *ai_art_config(void);

/* art_ai.c: the design stages of the two AI art backends; a look's generated image. */
int ai_design_comfy(struct project *p, const struct stage_opts *o);
int ai_design_images(struct project *p, const struct stage_opts *o);
const char *ai_look_image(const json_t *look);

/* art_ai.c: a shot's entry of cache/ai/shots.json (*out new reference, NULL when none):
 * 1 found, 0 not, <0 damaged manifest. */
int art_shot_record(const char *project_dir, size_t ep, size_t scene, size_t shot, json_t **out);
/* art_ai_face.c: the shot's distinct characters in order (up to max); faces where the
 * shot prompt places them; faces as shots.json records them (new reference). */
size_t art_shot_cast(const struct series *s, const struct shot *sh, struct character **cast, size_t max);
int art_faces_by_placement(const struct series *s, const struct shot *sh, double aspect, struct art_face *out, int max);
json_t *art_faces_json(const struct art_face *f, int n);
/* art_ai_clip.c: the line's voice placed where the line starts in the shot (silence
 * first), written to cache/ai/line_E.S.H.wav: *path absolute (caller frees), *seconds
 * its length. For the speech-to-video clip. */
int line_audio_for_clip(const struct project *p, size_t ep, size_t scene, size_t shot, char **path, double *seconds);

#endif
