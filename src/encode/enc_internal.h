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

/* enc_video_bgra in two steps, so the caller's BGRA buffer is free before x264 runs. */
struct encoder;
int enc_video_convert(struct encoder *e, const uint8_t *bgra, int stride);
int enc_video_send(struct encoder *e);

#endif
