/* core/timeline.h — frame-exact episode timeline shared by music, mix and render.
 *
 *   struct timeline tl;
 *   if (timeline_build(s, ep, 30, &tl) == 0) { ... tl.shots[i].start ... }
 *   timeline_free(&tl);
 *
 * Layout: a title card, then every shot of every scene in order, then an end card.
 * A shot with a line lasts lead + audio + tail (rounded up to whole frames); a shot
 * without one lasts its storyboard duration or a default beat. All times are frames.
 */
#ifndef DRAMA_CORE_TIMELINE_H
#define DRAMA_CORE_TIMELINE_H

#include <stdint.h>
#include "core/model.h"

#define TL_TITLE_SEC 2.0     /* title card */
#define TL_END_SEC 2.5       /* "to be continued" card */
#define TL_LEAD_SEC 0.20     /* silence before a line starts in its shot */
#define TL_TAIL_SEC 0.35     /* reaction beat after a line */
#define TL_BEAT_SEC 1.6      /* a shot with no line and no duration */

struct tl_shot {
	int scene, shot;             /* indices into the episode */
	const struct scene *sc;
	const struct shot *sh;
	int64_t start, frames;       /* first frame, number of frames */
	int64_t line_start, line_end;/* frames of the spoken audio (absolute); -1 if no line */
};

struct tl_scene { int64_t start, frames; };

struct timeline {
	int fps;
	int64_t frames;              /* total */
	int64_t title_frames;        /* frames [0, title_frames) are the title card */
	int64_t end_start;           /* frames [end_start, frames) are the end card */
	struct tl_shot *shots; size_t n_shots;
	struct tl_scene *scenes; size_t n_scenes;
};

/* Build from the storyboard (line audio lengths come from line->audio_sec).
 * Returns 0, or <0 with err_msg if the episode has no shots. timeline_free frees. */
int timeline_build(const struct series *s, const struct episode *e, int fps, struct timeline *tl);
void timeline_free(struct timeline *tl);
/* Seconds a shot lasts before rounding (used for music length estimates). */
double shot_seconds(const struct shot *sh);

#endif
