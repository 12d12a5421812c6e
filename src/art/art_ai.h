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

#endif
