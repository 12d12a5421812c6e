/* export/export.h — editor handoff: an episode's timeline as an editable project.
 *
 * `drama export DIR [-o OUT] [--format F]` writes, per rendered episode, a self-contained
 * folder OUT/epNN/ (OUT defaults to DIR/export): media/ holds the shot segments, voiced
 * lines and music cues (hard links into the project's cache, copies across file systems),
 * beside them epNN.mlt (Shotcut, melt), epNN.kdenlive (Kdenlive), epNN.otio
 * (OpenTimelineIO), epNN.fcpxml (Final Cut Pro / DaVinci Resolve, FCPXML 1.10), epNN.srt,
 * and jianying/NAME/ (a Jianying / CapCut draft folder with its own copy of the media).
 * Paths are relative to the folder, except FCPXML's file:// URLs (absolute, for the folder
 * where it was written). The episode must have been rendered: the shot segments of
 * cache/shots (listed in order in cache/shots/epNN.list), the voice WAVs of the lines and
 * the scenes' music cues are what the timelines hold.
 *
 *   struct ex_episode e;
 *   if (export_walk(p, ep, &e) == 0) { export_mlt(&e, &buf); ... }
 *   export_episode_free(&e);
 *
 * or, all at once: export_run(p, episode, "all", out_dir, &paths, &n) (paths: the files
 * and folders written).
 */
#ifndef DRAMA_EXPORT_EXPORT_H
#define DRAMA_EXPORT_EXPORT_H

#include <stdint.h>
#include "core/model.h"
#include "core/util.h"
#include "core/timeline.h"
#include "render/clean.h"

#define EXPORT_FORMATS "jianying, capcut, mlt, kdenlive, fcpxml, otio, all"

/* A volume keyframe: at timeline frame `frame` the clip plays at gain_db + db. */
struct ex_key { int64_t frame; double db; };

/* One clip on a track. Times in frames of the episode's frame rate. */
struct ex_clip {
	char *path;           /* media path: relative to the project folder after export_walk,
	                       * relative to the export folder (media/NAME) after export_run */
	char *src;            /* absolute (or project-relative) path of the cached file */
	char *name;           /* shown in the editor: "title", "2.3 close_up", a speaker */
	int64_t start;        /* first frame on the timeline */
	int64_t frames;       /* length on the timeline (from the media's start) */
	int64_t media_frames; /* length of the media file, in frames (rounded up) */
	int64_t media_samples;/* audio: samples per channel; 0 for video */
	int rate, channels;   /* audio: sample rate and channels; 0 for video */
	double gain_db;       /* volume of the clip (0 = as recorded), the master gain included */
	int lane;             /* music: 0 or 1, alternating so crossfading cues never overlap */
	struct ex_key *keys; size_t n_keys;  /* music: the duck under dialogue, in time order */
	/* video: the editor's transition into the clip ("crossfade", "dip_to_black" or ""), its
	 * frames; head: frames at the clip's start its own entry leaves to that transition;
	 * tail: frames of its handle (the last frame held) it plays past its end into a dip;
	 * fade: brightness keyframes of the dips ("frame=level;...", frames of the media), or NULL */
	char tr_in[16];
	int64_t tr_frames, head, tail;
	char *fade;
};

/* One subtitle: its frames and text (lines joined by '\n'). */
struct ex_sub { int64_t start, frames; char *text; };

struct ex_marker { int64_t start; char *name; };

/* The effects stem and the bus gains (stem.c). full, fx: our finished mix and the stem at
 * 24 kHz stereo, n frames, only while they are being fitted (the first export). */
struct ex_stem {
	float *full, *fx; size_t n;
	char *gains_path;                    /* cache/music/HASH.fx.json */
	double bus_db[3];                    /* dialogue, music, effects gains; effects NAN: none */
	double fit_db;                       /* the fit's residual energy relative to the mix (dB) */
	int have_bus, made;                  /* gains read from the cache; stem made now */
};

struct ex_episode {
	int number, fps, width, height;
	int64_t frames;                      /* the episode's length */
	char *title;                         /* "Series — Ep 1: Title" */
	char *dir;                           /* the project folder (absolute where it could be made so) */
	struct ex_clip *video; size_t n_video;        /* contiguous, from frame 0 */
	struct ex_clip *dialogue; size_t n_dialogue;  /* in time order, never overlapping */
	struct ex_clip *music; size_t n_music;        /* one per scene with music */
	struct ex_clip *effects; size_t n_effects;    /* the stem: ambience, effects, reverb (0 or 1) */
	struct ex_stem stem;
	struct ex_marker *markers; size_t n_markers;  /* one per scene: its heading or location */
	struct ex_sub *subs; size_t n_subs;  /* from the rendered epNN.srt, in time order */
	char *srt;                           /* "epNN.srt" if it exists, else NULL */
	char *srt_src;                       /* its path in the project */
	struct render_clean_stats clean;     /* the shots without subtitles: drawn now or reused */
	struct render_sub_style sub_style;   /* the look the text items take from the render's */
	double master_db;                    /* the gain that brings the export's sum to -14 LUFS */
	double loudness;                     /* that sum's loudness before the master gain (LUFS) */
	double peak_db;                      /* the sum's sample peak after it (dBFS; the MLT limiter's job) */
};

/* Gather episode ep of p from the render's cache, with the levels of the mix (per-line
 * dialogue gains, the music's bed level and duck keyframes, the master gain; level.c).
 * Returns 0, or <0 with err_msg naming what is missing and the stage to run
 * (`drama render DIR`). export_episode_free frees. */
int export_walk(const struct project *p, const struct episode *ep, struct ex_episode *out);
void export_episode_free(struct ex_episode *e);   /* NULL-safe; leaves *e zeroed */
void ex_clips_free(struct ex_clip *c, size_t n);   /* each clip's strings and keys, then c */

/* The writers: append the document to *out. Return 0 or <0 with err_msg. */
int export_mlt(const struct ex_episode *e, struct sbuf *out);
int export_otio(const struct ex_episode *e, struct sbuf *out);
int export_fcpxml(const struct ex_episode *e, struct sbuf *out);
int export_kdenlive(const struct ex_episode *e, struct sbuf *out);

/* The levels (level.c): set each dialogue clip's gain as the mix evens out voices, each
 * music clip's duck keyframes, then measure the sum of every clip as an editor plays it
 * and add the master gain to every clip so that sum is at the mix's -14 LUFS. Returns 0
 * or <0 with err_msg (a WAV that cannot be read). */
int export_levels(struct ex_episode *e);

/* The effects stem (stem.c): made by the mix with music and dialogue muted and no
 * mastering, or found in cache/music; sets e->effects (one clip over the episode) and, the
 * first time, e->stem's full and fx buses for export_levels to fit. 0 or <0 with err_msg. */
int export_stem(const struct project *p, const struct episode *ep, const struct timeline *tl, struct ex_episode *e);
/* Least squares: the gains (dB; NAN for a silent bus) of the three stereo buses (NULL: none)
 * whose sum best matches y, all 2 n samples; *fit_db the residual relative to y. 0, or -1
 * when no positive solution exists. */
int ex_stem_fit(const float *y, const float *const bus[3], size_t n, double gain[3], double *fit_db);
int ex_stem_write_gains(const struct ex_episode *e);   /* e->stem's gains into the cache */
void ex_stem_free(struct ex_stem *s);

/* The Jianying / CapCut draft (jianying.c): writes the draft folder `dir` (created):
 * draft_content.json, draft_info.json (the same), draft_meta_info.json, and the media
 * linked into dir/Resources/local. Returns 0 or <0 with err_msg. */
int export_jianying(const struct ex_episode *e, const char *dir, const char *name);

/* Link (hard link, else copy) src to dst atomically; an existing dst with the same size
 * and inode is kept. Returns 0 or <0 with err_msg. (folder.c) */
int ex_link(const char *src, const char *dst);

/* Export the episode (0: every episode) of p in format (one of EXPORT_FORMATS) into
 * out_dir/epNN/ (out_dir NULL: DIR/export), each document written atomically. The paths
 * written are appended to *paths (n *n_paths; caller frees each and the array). Returns 0
 * or <0 with err_msg (an unknown format lists the formats). */
int export_run(const struct project *p, int episode, const char *format, const char *out_dir, char ***paths,
               size_t *n_paths);

/* After export_run with the same arguments: OUT/epNN-FORMAT.zip of each episode's folder
 * (episode 0: every one), holding format's files under "epNN/" (all: the whole folder;
 * jianying, capcut: the draft folder; the others: the document, media/ and the SRT),
 * written atomically; the ZIPs' paths appended to *paths. 0 or <0 with err_msg. (zip.c) */
int export_zip(const struct project *p, int episode, const char *format, const char *out_dir, char ***paths,
               size_t *n_paths);

/* helpers the writers share (walk.c) */
void ex_xml_text(struct sbuf *b, const char *s);        /* s with & < > " ' escaped */
const struct ex_clip *ex_video_at(const struct ex_episode *e, int64_t frame);   /* the shot at frame */
/* MLT pieces shared by mlt.c and kdenlive.c: a <property>, the <profile>, a clip's
 * avformat <producer> (with its volume filter; kdenlive_id >= 0 adds Kdenlive's bin
 * properties), a black colour producer as long as the episode (the bottom track), a track's <entry>s and <blank>s (clips of lane, < 0: all; producer ids
 * prefix+index; kdenlive_id0 >= 0 tags entry i with kdenlive:id kdenlive_id0 + i). */
void ex_mlt_prop(struct sbuf *b, const char *ind, const char *name, const char *val);
void ex_mlt_profile(struct sbuf *b, const struct ex_episode *e);
void ex_mlt_producer(struct sbuf *b, const char *id, const struct ex_clip *c, int kdenlive_id);
void ex_mlt_black(struct sbuf *b, const struct ex_episode *e, const char *id, const char *colour, const char *eof);
void ex_mlt_limiter(struct sbuf *b, const char *ind);   /* the mix's limiter on the output (tractor filter) */
void ex_mlt_entries(struct sbuf *b, const char *prefix, const struct ex_clip *c, size_t n, int lane, int kdenlive_id0);
int64_t ex_us(const struct ex_episode *e, int64_t frames);   /* frames -> integer microseconds */

#endif
