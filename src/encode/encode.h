/* encode/encode.h — in-process H.264 (libx264, yuv420p) + AAC 48 kHz stereo MP4 writer
 * with faststart, via libavcodec/libavformat; a background encoding thread fed by a
 * bounded queue; and the remuxer that assembles per-shot segments into an episode.
 *
 *   struct enc_opts o = ENC_OPTS_INIT; o.width = 1080; o.height = 1920;
 *   struct encoder *e;
 *   if (enc_open("ep01.mp4", &o, &e) < 0) return -1;
 *   enc_video_bgra(e, pixels, stride);   // once per frame, in order
 *   enc_audio(e, lr, n);                 // interleaved stereo float, any chunking
 *   enc_close(e, 1);                     // 1: finish and rename into place; 0: discard
 *
 * The file is written to "<path>.part" and renamed on success, so a killed run never
 * leaves a torn MP4 at the final path. Output is deterministic: the same frames and
 * options give the same bytes (x264 threads fixed, bitexact flags, no wall-clock
 * metadata).
 *
 * Threaded use (render on the caller's thread, encode on the pipe's):
 *
 *   struct enc_pipe *q = enc_pipe_new(1080, 1920, 4);
 *   enc_pipe_open(q, "cache/shots/ab.mp4", &o);     // o.video_only = 1 for a segment
 *   enc_pipe_bgra(q, pixels, stride);                // or enc_pipe_repeat(q)
 *   enc_pipe_close(q, 1);
 *   int rc = enc_pipe_free(q);                       // waits; first error or 0
 */
#ifndef DRAMA_ENCODE_ENCODE_H
#define DRAMA_ENCODE_ENCODE_H

#include <stddef.h>
#include <stdint.h>

struct enc_opts {
	int width, height, fps;
	int crf;               /* default 23 */
	const char *preset;    /* default "veryfast" */
	int sample_rate;       /* 48000 */
	int threads;           /* x264 frame threads; 0 = ENC_THREADS (fixed, for identical bytes) */
	int video_only;        /* 1: no audio stream (a shot segment) */
};
#define ENC_OPTS_INIT { 1080, 1920, 30, 23, "veryfast", 48000, 0, 0 }
#define ENC_THREADS 2
/* x264 rc-lookahead cap, frames (memory: see encode.c); the benchmark's libx264-alone
 * baseline uses the same. */
#define ENC_LOOKAHEAD 5
#define ENC_LOOKAHEAD_STR "5"
/* libx264's CPU features: as detected, less AVX-512 (see encode.c); a name for content
 * hashes, changed when the policy changes. */
#define ENC_X264_CPU "no-avx512"
/* Everything else enc_open gives libx264 that the bytes depend on (threading, lookahead),
 * for content hashes: change it whenever those settings change, so cached segments made
 * with the old ones are not reused. */
/* Its "sync-lookahead:0" stays as it was on purpose: the lookahead's own thread
 * (sync-lookahead=1, then 3: enc_x264_params) changes no byte, so the segments cached before
 * are still good. */
#define ENC_X264_CONFIG "frame-threads:2:rc-lookahead:" ENC_LOOKAHEAD_STR ":sync-lookahead:0"

/* The x264-params string enc_open gives libx264 for preset (NULL: veryfast) at that
 * frame size (the same at every size now), into buf (n >= 96): for the benchmark's
 * libx264-alone runs. */
void enc_x264_params(const char *preset, int width, int height, char *buf, size_t n);

struct encoder;
/* Returns 0 and *out (freed by enc_close), or <0 with err_msg. */
int enc_open(const char *path, const struct enc_opts *o, struct encoder **out);
/* Next video frame from premultiplied BGRA (cairo ARGB32 in memory order). */
int enc_video_bgra(struct encoder *e, const uint8_t *bgra, int stride);
/* Next video frame from YUV420P planes. */
int enc_video_yuv(struct encoder *e, const uint8_t *const planes[3], const int strides[3]);
/* Next video frame identical to the previous one (no conversion). */
int enc_video_repeat(struct encoder *e);
int enc_audio(struct encoder *e, const float *lr, size_t frames);
/* ok=1: flush, write trailer, rename into place. ok=0: discard. Frees e (NULL ok).
 * Returns 0 or <0 with err_msg. */
int enc_close(struct encoder *e, int ok);

/* ---- the encoding thread ---- */
struct enc_pipe;
/* depth = frames in flight (>= 2), one of them the encoder's last picture (kept for
 * enc_pipe_repeat; x264 reads the slots without a copy). Never fails (aborts on
 * out-of-memory). */
struct enc_pipe *enc_pipe_new(int width, int height, int depth);
/* The depth for width x height: as many slots as fit in ENC_PIPE_BUDGET bytes, 2 to 8.
 * The slots let the drawing run ahead of x264, so a slow frame (a shot's set-up, a
 * transition) or x264 draining and reopening at a segment's end does not leave the
 * other side waiting. Measured on the demo's full 1080x1920 render (`drama render P -v`,
 * its "pipe" line; two renders side by side at load 13-18, same bytes): with 2 slots (the
 * former 4 MB budget) the encoding thread waited for frames 49.7 s in all, with 6 (this
 * budget) 6.7 s; wall 1348 -> 1321 s, CPU 168.7 -> 168.1 s, peak RSS 274 -> 286 MB.
 * Since x264 keeps three frames of its own queued for its lookahead (sync-lookahead=3,
 * enc_x264_params), 3 slots at 1080x1920 (10 MB) do what 6 did: the drawing still waited
 * 38 s for a slot in a 3-minute render (39 s with 4 slots, 53 s with 6 and one frame queued).
 * 360x640: 8, as before. */
#define ENC_PIPE_BUDGET (10u << 20)
int enc_pipe_depth(int width, int height);
/* Queue: open path with o (o->preset is copied). */
int enc_pipe_open(struct enc_pipe *q, const char *path, const struct enc_opts *o);
/* Queue the next frame from premultiplied BGRA (width x height, stride bytes per row):
 * converted to YUV 4:2:0 into a free slot on the caller's thread (blocks while all
 * depth slots are queued); bgra is free again on return. 0, or <0 with err_msg after an
 * encoding error. */
int enc_pipe_bgra(struct enc_pipe *q, const uint8_t *bgra, int stride);
/* The same in parts, for a picture made a band at a time (a transition's blend, drawn
 * into a few rows instead of a whole frame): begin takes a free slot (blocks while none
 * is; 0 or <0 as above), rows converts rows y..y+rows-1 of the picture from bgra (which
 * holds just those rows; y and rows even, except the last band), commit queues it.
 * Same bytes as enc_pipe_bgra of the whole picture. */
int enc_pipe_begin(struct enc_pipe *q);
void enc_pipe_rows(struct enc_pipe *q, const uint8_t *bgra, int stride, int y, int rows);
int enc_pipe_commit(struct enc_pipe *q);
/* Between enc_pipe_begin and enc_pipe_commit: the slot's Y, U, V planes (4:2:0, ls their
 * strides), for a caller that writes the frame's YUV itself; enc_pipe_boxes converts the
 * pixels of the n boxes (x0 y0 x1 y1, widened to whole 2x2 chroma blocks; at most 64;
 * where they overlap, once) of the BGRA picture into the slot, the rest of it untouched. */
void enc_pipe_planes(struct enc_pipe *q, uint8_t *pl[3], int ls[3]);
void enc_pipe_boxes(struct enc_pipe *q, const uint8_t *bgra, int stride, const int (*boxes)[4], int n);
/* Opaque BGRA (cairo ARGB32 in memory) to BT.709 limited-range YUV 4:2:0 planes, chroma
 * from each 2x2 block's mean (the frames' conversion). */
void enc_bgra_to_yuv420(const uint8_t *src, int stride, int w, int h, uint8_t *py, int ly,
                        uint8_t *pu, int lu, uint8_t *pv, int lv);
/* The next frame from bgra (as enc_pipe_bgra) when it differs from the last frame queued
 * on this pipe (by any of these calls, whatever file was open) only inside box (x0 y0
 * x1 y1, pixels, x1 y1 exclusive): only that part is converted, the rest is copied from
 * the last frame's slot. Same bytes as enc_pipe_bgra; the caller vouches for the box
 * (render.c: the region rseg_draw drew again). The first frame on a pipe is converted
 * whole. 0 or <0 as enc_pipe_bgra. */
int enc_pipe_bgra_part(struct enc_pipe *q, const uint8_t *bgra, int stride, const int box[4]);
int enc_pipe_repeat(struct enc_pipe *q);       /* same picture as the last frame */
int enc_pipe_close(struct enc_pipe *q, int ok);
/* Wait until everything queued is done; returns the first error (<0, err_msg set on
 * this thread) or 0. The pipe stays usable. */
int enc_pipe_sync(struct enc_pipe *q);
/* Sync, stop the thread, free (NULL ok). Returns what enc_pipe_sync returns. */
int enc_pipe_free(struct enc_pipe *q);

/* ---- libx264's big buffers from one encoder to the next (bigpool.c) ----
 * On an armed thread, memalign of 1 MB and more (libx264's allocator) comes from blocks
 * that free keeps, when every page was written, for the next request of the same size
 * (the pipe's encoding thread arms itself: each shot's encoder then reuses the last one's
 * pages instead of faulting in fresh ones). enc_bigpool_trim unmaps the idle blocks;
 * enc_bigpool_stats counts since the start (process-wide). No-ops in a sanitizer build. */
struct enc_bigpool_stats {
	long fresh, reused, unmapped;   /* blocks mapped, handed out again, given back on free or trim */
	long kept_part;                 /* blocks written in part kept on free (their always-written pages) */
	int idle;                       /* blocks held unused now */
	double held_mb;                 /* all blocks held now */
	int on;                         /* 0: a sanitizer build, the pool is not there */
};
void enc_bigpool_arm(int on);
void enc_bigpool_trim(void);
struct enc_bigpool_stats enc_bigpool_stats(void);

/* ---- assembling ---- */
/* Concatenate video-only segment files (same encoder settings, each starting with an
 * IDR) by copying their packets (no re-encode), add AAC audio from lr (interleaved
 * stereo float at o->sample_rate, may be NULL), write path (faststart, atomic).
 * Returns 0 or <0 with err_msg. */
int enc_assemble(const char *path, const char *const *segments, size_t n,
                 const float *lr, size_t frames, const struct enc_opts *o);
/* The same with the audio pulled from read (NULL: no audio) as the video goes out, so
 * memory does not grow with the episode's length: read(ctx, lr, max) puts up to max
 * frames of interleaved stereo float into lr and returns how many, 0 at the end, <0 on
 * error with err_msg (the assembly then fails with that error). Same bytes as
 * enc_assemble of the whole buffer, whatever chunking read uses.
 *
 *   rc = enc_assemble_stream(out, segs, n, (enc_read_fn)mix_read, m, &o);   // music.h */
typedef long (*enc_read_fn)(void *ctx, float *lr, size_t max);
int enc_assemble_stream(const char *path, const char *const *segments, size_t n,
                        enc_read_fn read, void *ctx, const struct enc_opts *o);

/* The same with the AAC made in pieces, each encoded apart and spliced: piece k is the
 * output samples [start, end) (start a multiple of ENC_AAC_FRAME but the first's 0; each
 * end the next one's start; the last's the audio's end). Its encoder is fed
 * ENC_AAC_ROLL samples before and after it (the MDCT's overlap and the encoder's window
 * choices see the same sound as a whole encode would: at the joins the decoded sound
 * differs from a whole encode's by AAC's own noise) and only its packets are kept. A
 * piece whose cache file (path, or NULL) holds its packets is not encoded; one encoded is
 * written there. Pieces are encoded on ENC_THREADS threads, each reading its sound from
 * its own reader (src->open(ctx, frame) .. read .. close; read as enc_read_fn); the
 * packets (~20 KB a second) are held in memory for the muxing. *encoded = pieces
 * encoded (NULL ok). Fresh or from the cache, the same pieces give the same bytes. */
#define ENC_AAC_FRAME 1024
#define ENC_AAC_ROLL 2048
#define ENC_AAC_CONFIG "aac:160000:fast:roll2048"   /* for cache keys */
struct enc_apiece { int64_t start, end; const char *cache; };
struct enc_asource {
	void *(*open)(void *ctx, int64_t at);
	long (*read)(void *reader, float *lr, size_t max);
	void (*close)(void *reader);
	void *ctx;
};
int enc_assemble_pieces(const char *path, const char *const *segments, size_t n, const struct enc_asource *src,
                        const struct enc_apiece *pc, size_t npc, const struct enc_opts *o, size_t *encoded);
/* The same in two steps, so that the sound can be encoded on another thread while the
 * pictures are still drawn: enc_audio_pieces encodes (or loads) the pieces into *out
 * (held packets; enc_apackets_free frees, NULL ok), enc_assemble_packets muxes them with
 * the segments. The bytes are enc_assemble_pieces'. path names the MP4 in messages. */
struct enc_apackets;
int enc_audio_pieces(const char *path, const struct enc_asource *src, const struct enc_apiece *pc, size_t npc,
                     int rate, struct enc_apackets **out, size_t *encoded);
int enc_assemble_packets(const char *path, const char *const *segments, size_t n, const struct enc_apackets *pk,
                         const struct enc_opts *o);
void enc_apackets_free(struct enc_apackets *pk);

/* Probe a media file: video size, frame count, duration; 0 or <0. (tests, bench) */
struct enc_probe {
	int width, height, has_video, has_audio, audio_rate, audio_channels;
	int64_t video_frames;
	double duration, fps;
	char vcodec[16], acodec[16];
};
int enc_probe_file(const char *path, struct enc_probe *out);
/* Video packets (= frames) in an MP4, read without decoding (a segment's seal). Returns 0
 * or <0 with err_msg. */
int enc_count_frames(const char *path, int64_t *frames);

#endif
