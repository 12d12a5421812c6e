/* render/still.h — one picture of one shot, drawn on demand without rendering the
 * episode (the workbench's preview of a shot that has never been rendered, issue 18).
 *
 *   struct sbuf png = { 0 };
 *   struct render_still_info info;
 *   if (render_still(p, 0, 1, 2, 540, 960, &png, &info) == 0) { ... png.s, png.len ... }
 *   sb_free(&png);
 *
 * The frame is the one the render keeps as the shot's thumbnail (the middle of its line,
 * else the middle of the shot), drawn by the same compositor (render/shot.c) at the
 * size asked for. What the render would take from later stages is stood in for: a
 * character not designed yet gets the look `drama design` would give it (same seed), a
 * line not voiced yet shows its subtitle for the time its text would take to say, with
 * the mouth at rest. Nothing is written to the project; p->s gains, in memory only, the
 * looks of characters and locations not designed yet.
 */
#ifndef DRAMA_RENDER_STILL_H
#define DRAMA_RENDER_STILL_H

#include "core/model.h"
#include "core/util.h"

struct render_still_info {
	double seconds;       /* wall time of the drawing and the PNG encoding */
	double cpu_seconds;   /* this thread's CPU time for the same (what a loaded machine does not inflate) */
	int frame;            /* the frame drawn, counted from the shot's start */
};

/* Draw shot `shot` of scene `scene` of episode `episode` (0-based positions in
 * storyboard.json's arrays) of project p at width x height (even, 16..4096) and append
 * it as PNG bytes to *png. info may be NULL. Returns 0, or <0 with err_msg naming the
 * position that does not exist or what could not be drawn; *png is then unchanged. */
int render_still(struct project *p, size_t episode, size_t scene, size_t shot, int width, int height,
                 struct sbuf *png, struct render_still_info *info);

#endif
