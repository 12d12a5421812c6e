/* export/export.h — editor handoff: an episode's timeline as an editable project.
 *
 * `drama export DIR --format mlt` writes DIR/epNN.mlt (Shotcut, Kdenlive, melt),
 * `--format otio` DIR/epNN.otio (OpenTimelineIO JSON), `--format fcpxml` DIR/epNN.fcpxml
 * (Final Cut Pro / DaVinci Resolve, FCPXML 1.10). The episode must have been rendered:
 * the shot segments of cache/shots (listed in order in cache/shots/epNN.list), the voice
 * WAVs of the lines and the scenes' music cues are what the timelines point at.
 *
 *   struct ex_episode e;
 *   if (export_walk(p, ep, &e) == 0) { export_mlt(&e, &buf); ... }
 *   export_episode_free(&e);
 *
 * or, all at once: export_run(p, episode, "mlt", &paths) (paths: the files written).
 */
#ifndef DRAMA_EXPORT_EXPORT_H
#define DRAMA_EXPORT_EXPORT_H

#include <stdint.h>
#include "core/model.h"
#include "core/util.h"

#define EXPORT_FORMATS "mlt, otio, fcpxml, all"

/* One clip on a track. Times in frames of the episode's frame rate. */
struct ex_clip {
	char *path;           /* media path relative to the project folder */
	char *name;           /* shown in the editor: "title", "2.3 close_up", a speaker */
	int64_t start;        /* first frame on the timeline */
	int64_t frames;       /* length on the timeline (from the media's start) */
	int64_t media_frames; /* length of the media file, in frames (rounded up) */
	int64_t media_samples;/* audio: samples per channel; 0 for video */
	int rate, channels;   /* audio: sample rate and channels; 0 for video */
	double gain_db;       /* volume of the clip (0 = as recorded) */
	int lane;             /* music: 0 or 1, alternating so crossfading cues never overlap */
};

struct ex_marker { int64_t start; char *name; };

struct ex_episode {
	int number, fps, width, height;
	int64_t frames;                      /* the episode's length */
	char *title;                         /* "Series — Ep 1: Title" */
	char *dir;                           /* the project folder (absolute where it could be made so) */
	struct ex_clip *video; size_t n_video;        /* contiguous, from frame 0 */
	struct ex_clip *dialogue; size_t n_dialogue;  /* in time order, never overlapping */
	struct ex_clip *music; size_t n_music;        /* one per scene with music */
	struct ex_marker *markers; size_t n_markers;  /* one per scene: its heading or location */
	char *srt;                           /* "epNN.srt" if it exists, else NULL */
};

/* Gather episode ep of p from the render's cache. Returns 0, or <0 with err_msg naming
 * what is missing and the stage to run (`drama render DIR`). export_episode_free frees. */
int export_walk(const struct project *p, const struct episode *ep, struct ex_episode *out);
void export_episode_free(struct ex_episode *e);   /* NULL-safe; leaves *e zeroed */

/* The writers: append the document to *out. Return 0 or <0 with err_msg. */
int export_mlt(const struct ex_episode *e, struct sbuf *out);
int export_otio(const struct ex_episode *e, struct sbuf *out);
int export_fcpxml(const struct ex_episode *e, struct sbuf *out);

/* Export the episode (0: every episode) of p in format ("mlt", "otio", "fcpxml", "all"),
 * each written atomically beside storyboard.json as epNN.<ext>. The paths written are
 * appended to *paths (n *n_paths; caller frees each and the array). Returns 0 or <0 with
 * err_msg (an unknown format lists the formats). */
int export_run(const struct project *p, int episode, const char *format, char ***paths, size_t *n_paths);

/* helpers the writers share (walk.c) */
void ex_xml_text(struct sbuf *b, const char *s);        /* s with & < > " ' escaped */
const struct ex_clip *ex_video_at(const struct ex_episode *e, int64_t frame);   /* the shot at frame */

#endif
