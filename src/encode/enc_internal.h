/* encode/enc_internal.h — helpers shared by the writer and the assembler. */
#ifndef DRAMA_ENCODE_INTERNAL_H
#define DRAMA_ENCODE_INTERNAL_H

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/audio_fifo.h>

/* err_set with the FFmpeg error text; returns code. */
int enc_averr(int code, const char *what, const char *path, int averr);
/* Open an AAC stereo FLTP encoder at rate and add its stream to fmt. */
int enc_audio_codec_open(AVFormatContext *fmt, int rate, AVCodecContext **ac, AVStream **st, const char *path);
/* avio_open(part) + header with +faststart and bitexact flags. */
int enc_write_header(AVFormatContext *fmt, const char *part);

/* The next video frame from YUV 4:2:0 planes inside buf, not copied: the encoder takes
 * buf (its reference) and keeps it as the last picture (for enc_video_repeat) until the
 * next frame or enc_close, then unrefs it, so buf's free callback says when the planes
 * may be written again. */
struct encoder;
int enc_video_send_ref(struct encoder *e, AVBufferRef *buf, uint8_t *const planes[3], const int strides[3]);

#endif
