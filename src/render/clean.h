/* render/clean.h — an episode's segments drawn without burned subtitles, for `drama
 * export`: the editors get the shots clean and the subtitles as their own text items.
 *
 * Each segment (title card, every shot, end card) is drawn as the render draws it (same
 * camera, faces) except for the subtitle layer, and kept in cache/shots/HASH.mp4 under a
 * content hash of its own (the render's segment hash plus "clean"): made once, reused by
 * every later export until something visible in it changes. cache/shots/epNN.clean.list
 * names them, so `drama clean` keeps them.
 *
 * Transitions: a crossfade or a dip to black into a segment is left to the editor (its
 * own dissolve or fades), so it is not drawn into the segment; instead the segment before
 * it holds its last frame for the transition's length after its end (a handle: the render
 * blends that frozen frame with the next shot's first frames, and so does the editor). A
 * whip pan or a flash has no editor equivalent: it is drawn in, as the render draws it.
 *
 *   struct render_clean_seg *g = NULL; size_t n = 0; struct render_clean_stats st;
 *   if (render_clean(p, ep, &g, &n, &st) == 0) ...   // g[k].rel: "cache/shots/HASH.mp4"
 *   render_clean_free(g, n);
 */
#ifndef DRAMA_RENDER_CLEAN_H
#define DRAMA_RENDER_CLEAN_H

#include <stddef.h>
#include <stdint.h>
#include "core/model.h"

struct render_clean_stats {
	int drawn, reused;        /* segments drawn now / found in the cache */
	int64_t frames;           /* frames drawn */
	double seconds;           /* wall time of render_clean */
};

struct render_clean_seg {
	char *rel;              /* "cache/shots/HASH.mp4" */
	int64_t frames;         /* the segment's frames on the timeline */
	int64_t handle;         /* frames after them in the file: the last frame held */
	char tr_in[16];         /* the editor's transition into it: "crossfade", "dip_to_black" or "" */
	int64_t tr_frames;      /* its length in frames */
};
/* The clean segments of episode ep of p, in timeline order (n = shots + 2), each made if
 * its cache entry is missing or damaged. Returns 0 or <0 with err_msg (an art or encoder
 * error). */
int render_clean(const struct project *p, const struct episode *ep, struct render_clean_seg **segs, size_t *n,
                 struct render_clean_stats *st);
void render_clean_free(struct render_clean_seg *segs, size_t n);

/* The burned subtitles' look (data/render/style.json "subtitle"), for the editors' text
 * items: sizes and places as fractions (size of the frame's width; the box top..bottom of
 * its height, centred at cx of its width, max_w wide), outline as a fraction of the size,
 * colours as 0..1 RGB. Returns 0 or <0 with err_msg naming the file and field. */
struct render_sub_style {
	char font[64];
	double size, top, bottom, cx, max_w, outline;
	double fill[3], stroke[3];
};
int render_sub_style(struct render_sub_style *out);

#endif
