/* encode/encode.h — in-process H.264 (libx264, yuv420p) + AAC 48 kHz stereo MP4 writer
 * with faststart, via libavcodec/libavformat.
 *
 *   struct enc_opts o = ENC_OPTS_INIT; o.width = 1080; o.height = 1920;
 *   struct encoder *e;
 *   if (enc_open("ep01.mp4", &o, &e) < 0) return -1;
 *   enc_video_bgra(e, pixels, stride);   // once per frame, in order
 *   enc_audio(e, lr, n);                 // interleaved stereo float, any chunking
 *   enc_close(e, 1);                     // 1: finish and rename into place; 0: discard
 *
 * The file is written to "<path>.part" and renamed on success, so a killed run never
 * leaves a torn MP4 at the final path.
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
	int threads;           /* x264 threads; 0 = auto */
};
#define ENC_OPTS_INIT { 1080, 1920, 30, 23, "veryfast", 48000, 0 }

struct encoder;
int enc_open(const char *path, const struct enc_opts *o, struct encoder **out);
/* Next video frame from premultiplied BGRA (cairo ARGB32 in memory order). */
int enc_video_bgra(struct encoder *e, const uint8_t *bgra, int stride);
/* Next video frame from YUV420P planes. */
int enc_video_yuv(struct encoder *e, const uint8_t *const planes[3], const int strides[3]);
int enc_audio(struct encoder *e, const float *lr, size_t frames);
/* ok=1: flush, write trailer, rename into place. ok=0: discard. Frees e. Returns 0 or <0. */
int enc_close(struct encoder *e, int ok);

#endif
