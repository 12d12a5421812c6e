/* tests/clip_double.c — small real video files for tests (see clip_double.h). */
#include "clip_double.h"
#include "core/util.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
#include <stdio.h>
#include <string.h>

static int put(AVFormatContext *oc, AVCodecContext *enc, AVStream *st, AVFrame *f, AVPacket *pkt)
{
	int r = avcodec_send_frame(enc, f);
	while (r >= 0) {
		r = avcodec_receive_packet(enc, pkt);
		if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return 0;
		if (r < 0) return r;
		if (!pkt->duration) pkt->duration = 1;       /* else MP4's edit list drops the last frame */
		av_packet_rescale_ts(pkt, enc->time_base, st->time_base);
		pkt->stream_index = st->index;
		r = av_interleaved_write_frame(oc, pkt);
	}
	return r;
}

int clip_double_write(const char *path, int w, int h, int fps, int n, clip_px_fn px, void *ud)
{
	const char *ext = strrchr(path, '.');
	const char *cname = str_eq(ext, ".mp4") ? "libx264" : str_eq(ext, ".gif") ? "gif" : "libvpx-vp9";
	const AVCodec *codec = avcodec_find_encoder_by_name(cname);
	AVFormatContext *oc = NULL;
	AVCodecContext *enc = NULL;
	AVFrame *f = NULL, *rgb = NULL;
	AVPacket *pkt = av_packet_alloc();
	struct SwsContext *sws = NULL;
	int r = -1;
	if (!codec) { fprintf(stderr, "clip_double: no %s encoder\n", cname); goto end; }
	if (avformat_alloc_output_context2(&oc, NULL, NULL, path) < 0) goto end;
	AVStream *st = avformat_new_stream(oc, NULL);
	enc = avcodec_alloc_context3(codec);
	enc->width = w;
	enc->height = h;
	enc->time_base = (AVRational){ 1, fps };
	enc->framerate = (AVRational){ fps, 1 };
	enc->pix_fmt = codec->pix_fmts ? codec->pix_fmts[0] : AV_PIX_FMT_YUV420P;
	if (codec->id == AV_CODEC_ID_H264 || codec->id == AV_CODEC_ID_VP9) enc->pix_fmt = AV_PIX_FMT_YUV420P;
	enc->gop_size = 8;
	if (oc->oformat->flags & AVFMT_GLOBALHEADER) enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	AVDictionary *o = NULL;
	if (codec->id == AV_CODEC_ID_VP9) {
		av_dict_set(&o, "crf", "4", 0);
		av_dict_set(&o, "b", "0", 0);
		av_dict_set(&o, "deadline", "realtime", 0);
		av_dict_set(&o, "cpu-used", "8", 0);
	} else if (codec->id == AV_CODEC_ID_H264) {
		av_dict_set(&o, "crf", "4", 0);
		av_dict_set(&o, "preset", "ultrafast", 0);
	}
	r = avcodec_open2(enc, codec, &o);
	av_dict_free(&o);
	if (r < 0) goto end;
	avcodec_parameters_from_context(st->codecpar, enc);
	st->time_base = enc->time_base;
	if (!(oc->oformat->flags & AVFMT_NOFILE) && (r = avio_open(&oc->pb, path, AVIO_FLAG_WRITE)) < 0) goto end;
	if ((r = avformat_write_header(oc, NULL)) < 0) goto end;
	f = av_frame_alloc();
	f->format = enc->pix_fmt;
	f->width = w;
	f->height = h;
	rgb = av_frame_alloc();
	rgb->format = AV_PIX_FMT_RGB24;
	rgb->width = w;
	rgb->height = h;
	if ((r = av_frame_get_buffer(f, 0)) < 0 || (r = av_frame_get_buffer(rgb, 0)) < 0) goto end;
	sws = sws_getContext(w, h, AV_PIX_FMT_RGB24, w, h, enc->pix_fmt, SWS_POINT, NULL, NULL, NULL);
	for (int i = 0; i < n; i++) {
		av_frame_make_writable(f);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				uint32_t c = px(i, x, y, ud);
				uint8_t *q = rgb->data[0] + (size_t)y * rgb->linesize[0] + 3 * x;
				q[0] = c >> 16; q[1] = c >> 8; q[2] = c;
			}
		sws_scale(sws, (const uint8_t *const *)rgb->data, rgb->linesize, 0, h, f->data, f->linesize);
		f->pts = i;
		if ((r = put(oc, enc, st, f, pkt)) < 0) goto end;
	}
	if ((r = put(oc, enc, st, NULL, pkt)) < 0) goto end;
	r = av_write_trailer(oc);
end:
	if (r < 0) {
		char e[128];
		av_strerror(r, e, sizeof e);
		fprintf(stderr, "clip_double: %s: %s\n", path, e);
	}
	sws_freeContext(sws);
	av_frame_free(&f);
	av_frame_free(&rgb);
	av_packet_free(&pkt);
	avcodec_free_context(&enc);
	if (oc && !(oc->oformat->flags & AVFMT_NOFILE)) avio_closep(&oc->pb);
	avformat_free_context(oc);
	return r < 0 ? -1 : 0;
}
