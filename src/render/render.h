/* render/render.h — the `drama render` stage: timeline → animated frames (art backend,
 * lip-sync from viseme timing, camera moves, transitions, burned subtitles) + mix →
 * epNN.mp4, epNN.srt, epNN.ass, epNN.cover.png, epNN.contact.png.
 *
 *   struct stage_opts o = { .episode = 1 };
 *   if (render_stage(p, &o) < 0) log_error("render", "%s", err_msg());
 */
#ifndef DRAMA_RENDER_RENDER_H
#define DRAMA_RENDER_RENDER_H

#include "core/util.h"
#include "core/model.h"
#include "core/timeline.h"

int render_stage(struct project *p, const struct stage_opts *o);
/* Subtitles from the timeline (SRT and ASS text). Caller sb_free()s. */
int render_srt(const struct episode *ep, const struct timeline *tl, struct sbuf *out);

#endif
