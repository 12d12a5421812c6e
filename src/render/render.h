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
/* DIR/series.contact.png (out): every episode's cover on one sheet with its number, length
 * and title (series_sheet.c); episodes not made yet are marked. 0 or <0 with err_msg. */
int render_series_sheet(struct project *p, const char *out);
/* Subtitles from the timeline (SRT and ASS text): each cue in at most two balanced lines,
 * a longer one as several cues timed from project p's word timings (p NULL: by length).
 * Caller sb_free()s. */
int render_srt(const struct project *p, const struct episode *ep, const struct timeline *tl, struct sbuf *out);
/* The same cues as an ASS script styled like the burned subtitles (PlayRes w x h; font
 * NULL = the style's). With project p's render.word_highlight on, spoken lines are
 * karaoke: a {\kf} per word from the line's saved word timing (p NULL: plain). Caller
 * sb_free()s. Returns 0 or <0 with err_msg. */
int render_ass(const struct project *p, const struct episode *ep, const struct timeline *tl, int w, int h,
               const char *font, struct sbuf *out);

/* Test seams: draw with another art backend / mix with another function (NULL fields =
 * the project's own). render_set_hooks(NULL) restores the defaults. */
struct render_hooks {
	const void *art;   /* const struct art_backend * */
	int (*mix)(const struct project *p, const struct episode *ep, const struct timeline *tl,
	           float **lr, size_t *frames);
	int whole_yuv;     /* 1: every frame converted to YUV whole (the reference for the partial conversion) */
	int one_lane;      /* 1: one drawing lane at every size (the reference for two lanes) */
	int mix_after;     /* 1: the mix and its AAC always after the frames (the reference for beside them) */
	int rgb_room;      /* 1: a zooming camera's room drawn in BGRA too (the reference for rseg_draw_yuv) */
};
void render_set_hooks(const struct render_hooks *h);

/* What the last render_stage did (for tests and the benchmark). */
struct render_stats {
	int segments_rendered, segments_reused;
	int outputs_kept;          /* the MP4 kept: nothing it is made from changed */
	int64_t frames_drawn, frames_repeated;
	int64_t frames_part;       /* of frames_drawn: only the part drawn again converted to YUV */
	int64_t frames_yuv;        /* of frames_drawn: the room magnified straight into YUV (rseg_draw_yuv) */
	int lanes;                 /* drawing lanes: 2 when an episode's segments were drawn by two (small frames), else 1 */
	int mix_beside;            /* 1: the mix and its AAC were made on a thread while the frames were drawn */
	double seconds;
};
void render_last_stats(struct render_stats *out);

#endif
