/* encode/assemble.c — episode assembly by remuxing per-shot H.264 segments (no
 * re-encode) plus freshly encoded AAC; and a small prober for tests and benchmarks. */
#include "encode/encode.h"
#include "encode/enc_internal.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>

struct audio_src {
	AVCodecContext *ac;
	AVStream *st;
	AVFrame *f;
	enc_read_fn read;
	void *ctx;
	float *buf;            /* one AAC frame of interleaved stereo */
	int64_t pts;
	int eof, flushed;
};

/* Fill buf with fs frames from the source, zeros after its end; *got = frames read. */
static int audio_fill(struct audio_src *a, int fs, int *got, const char *path)
{
	*got = 0;
	while (!a->eof && *got < fs) {
		long r = a->read(a->ctx, a->buf + 2 * *got, (size_t)(fs - *got));
		if (r < 0) return (int)r;
		if (r == 0) a->eof = 1;
		if (r > fs - *got) return err_set(ERR_GENERIC, "audio source for %s gave more than it was asked", path);
		*got += (int)r;
	}
	memset(a->buf + 2 * *got, 0, (size_t)(fs - *got) * 2 * sizeof(float));
	return 0;
}

/* Encode the next AAC frame (or flush) and write its packets; *done at the end. */
static int audio_step(AVFormatContext *fmt, struct audio_src *a, AVPacket *pkt, int *done, const char *path)
{
	int r, fs = a->ac->frame_size, got = 0;
	if (!a->eof && (r = audio_fill(a, fs, &got, path)) < 0) return r;
	if (got > 0) {
		av_frame_make_writable(a->f);
		float *l = (float *)a->f->data[0], *rr = (float *)a->f->data[1];
		for (int i = 0; i < fs; i++) {
			l[i] = a->buf[2 * i];
			rr[i] = a->buf[2 * i + 1];
		}
		a->f->nb_samples = fs;
		a->f->pts = a->pts;
		a->pts += fs;
		r = avcodec_send_frame(a->ac, a->f);
	} else if (!a->flushed) {
		a->flushed = 1;
		r = avcodec_send_frame(a->ac, NULL);
	} else {
		*done = 1;
		return 0;
	}
	if (r < 0) return enc_averr(ERR_GENERIC, "AAC encoding failed for", path, r);
	for (;;) {
		r = avcodec_receive_packet(a->ac, pkt);
		if (r == AVERROR(EAGAIN)) return 0;
		if (r == AVERROR_EOF) { *done = 1; return 0; }
		if (r < 0) return enc_averr(ERR_GENERIC, "AAC encoding failed for", path, r);
		if (!pkt->duration) pkt->duration = a->ac->frame_size;
		av_packet_rescale_ts(pkt, a->ac->time_base, a->st->time_base);
		pkt->stream_index = a->st->index;
		r = av_interleaved_write_frame(fmt, pkt);
		if (r < 0) return enc_averr(ERR_IO, "cannot write", path, r);
	}
}

static int open_seg(const char *path, AVFormatContext **in, int *vidx)
{
	*in = NULL;
	int r = avformat_open_input(in, path, NULL, NULL);
	if (r < 0) return enc_averr(ERR_IO, "cannot open shot segment", path, r);
	/* The MP4 header already holds the codec parameters: no probing decode needed. */
	*vidx = av_find_best_stream(*in, AVMEDIA_TYPE_VIDEO, -1, -1, NULL, 0);
	if (*vidx < 0) {
		avformat_close_input(in);
		return err_set(ERR_INPUT, "shot segment %s has no video; delete it to re-render", path);
	}
	return 0;
}

struct buf_src { const float *lr; size_t frames, pos; };

static long buf_read(void *ctx, float *lr, size_t max)
{
	struct buf_src *b = ctx;
	size_t k = b->frames - b->pos < max ? b->frames - b->pos : max;
	memcpy(lr, b->lr + 2 * b->pos, k * 2 * sizeof(float));
	b->pos += k;
	return (long)k;
}

int enc_assemble(const char *path, const char *const *segments, size_t n,
                 const float *lr, size_t frames, const struct enc_opts *o)
{
	struct buf_src b = { lr, frames, 0 };
	return enc_assemble_stream(path, segments, n, lr && frames ? buf_read : NULL, &b, o);
}

int enc_assemble_stream(const char *path, const char *const *segments, size_t n,
                        enc_read_fn read, void *ctx, const struct enc_opts *o)
{
	if (!n) return err_set(ERR_INPUT, "no shot segments to assemble into %s", path);
	char *part = xasprintf("%s.part", path);
	AVFormatContext *out = NULL, *in = NULL;
	AVPacket *pkt = av_packet_alloc(), *apkt = av_packet_alloc();
	struct audio_src a = { 0 };
	int rc = 0, vidx = 0, opened = 0;
	AVStream *vst = NULL;
	uint8_t *extra = NULL;
	int extra_n = 0;
	AVRational ftb = { 1, o->fps };

	rc = avformat_alloc_output_context2(&out, NULL, "mp4", part);
	if (rc < 0 || !out) { rc = enc_averr(ERR_GENERIC, "cannot create an MP4 muxer for", path, rc); goto end; }
	if ((rc = open_seg(segments[0], &in, &vidx)) < 0) goto end;
	vst = avformat_new_stream(out, NULL);
	avcodec_parameters_copy(vst->codecpar, in->streams[vidx]->codecpar);
	vst->codecpar->codec_tag = 0;
	vst->time_base = ftb;
	vst->avg_frame_rate = (AVRational){ o->fps, 1 };
	extra_n = vst->codecpar->extradata_size;
	extra = xmalloc((size_t)extra_n + 1);
	memcpy(extra, vst->codecpar->extradata, (size_t)extra_n);
	avformat_close_input(&in);
	if (read) {
		if ((rc = enc_audio_codec_open(out, o->sample_rate ? o->sample_rate : 48000, &a.ac, &a.st, path)) < 0) goto end;
		a.f = av_frame_alloc();
		a.f->format = AV_SAMPLE_FMT_FLTP;
		a.f->nb_samples = a.ac->frame_size;
		a.f->sample_rate = a.ac->sample_rate;
		av_channel_layout_copy(&a.f->ch_layout, &a.ac->ch_layout);
		av_frame_get_buffer(a.f, 0);
		a.read = read;
		a.ctx = ctx;
		a.buf = xmalloc((size_t)a.ac->frame_size * 2 * sizeof(float));
	}
	if ((rc = enc_write_header(out, part)) < 0) goto end;
	opened = 1;

	int64_t base = 0;        /* first frame of the current segment */
	int64_t last_dts = INT64_MIN;
	int adone = a.ac ? 0 : 1;
	for (size_t s = 0; s < n; s++) {
		if ((rc = open_seg(segments[s], &in, &vidx)) < 0) goto end;
		AVCodecParameters *cp = in->streams[vidx]->codecpar;
		if (cp->extradata_size != extra_n || memcmp(cp->extradata, extra, (size_t)extra_n) ||
		    cp->width != vst->codecpar->width || cp->height != vst->codecpar->height) {
			rc = err_set(ERR_INPUT, "shot segment %s was encoded with other settings; delete cache/shots and render again",
			             segments[s]);
			goto end;
		}
		AVRational itb = in->streams[vidx]->time_base;
		int64_t count = 0;
		while ((rc = av_read_frame(in, pkt)) >= 0) {
			if (pkt->stream_index != vidx) { av_packet_unref(pkt); continue; }
			av_packet_rescale_ts(pkt, itb, ftb);
			pkt->pts += base;
			pkt->dts += base;
			if (pkt->dts <= last_dts) pkt->dts = last_dts + 1;
			if (pkt->pts != AV_NOPTS_VALUE && pkt->dts > pkt->pts) {
				av_packet_unref(pkt);
				rc = err_set(ERR_INPUT, "shot segment %s has timestamps that cannot follow the previous shot; "
				             "delete cache/shots and render again", segments[s]);
				goto end;
			}
			last_dts = pkt->dts;
			pkt->duration = 1;
			pkt->stream_index = vst->index;
			pkt->pos = -1;
			count++;
			/* Keep audio up to the video time so the interleaver stays small. */
			while (!adone && av_compare_ts(a.pts, a.ac->time_base, pkt->dts, ftb) < 0)
				if ((rc = audio_step(out, &a, apkt, &adone, path)) < 0) break;
			if (rc < 0) { av_packet_unref(pkt); goto end; }
			av_packet_rescale_ts(pkt, ftb, vst->time_base);
			rc = av_interleaved_write_frame(out, pkt);
			if (rc < 0) { rc = enc_averr(ERR_IO, "cannot write", part, rc); goto end; }
		}
		rc = 0;
		avformat_close_input(&in);
		base += count;
	}
	while (!adone) if ((rc = audio_step(out, &a, apkt, &adone, path)) < 0) goto end;
	rc = av_write_trailer(out);
	if (rc < 0) { rc = enc_averr(ERR_IO, "cannot finish", part, rc); goto end; }
	rc = 0;
end:
	avformat_close_input(&in);
	if (out && out->pb) avio_closep(&out->pb);
	avformat_free_context(out);
	avcodec_free_context(&a.ac);
	av_frame_free(&a.f);
	av_packet_free(&pkt);
	av_packet_free(&apkt);
	free(a.buf);
	free(extra);
	if (rc == 0 && rename(part, path) < 0) rc = err_set(ERR_IO, "cannot rename %s to %s", part, path);
	if (rc < 0 && opened) remove(part);
	free(part);
	return rc;
}

int enc_count_frames(const char *path, int64_t *frames)
{
	*frames = 0;
	AVFormatContext *in = NULL;
	int vidx, rc = open_seg(path, &in, &vidx);
	if (rc < 0) return rc;
	AVPacket *pkt = av_packet_alloc();
	while (av_read_frame(in, pkt) >= 0) {
		if (pkt->stream_index == vidx) (*frames)++;
		av_packet_unref(pkt);
	}
	av_packet_free(&pkt);
	avformat_close_input(&in);
	return 0;
}

int enc_probe_file(const char *path, struct enc_probe *p)
{
	memset(p, 0, sizeof *p);
	AVFormatContext *in = NULL;
	int r = avformat_open_input(&in, path, NULL, NULL);
	if (r < 0) return enc_averr(ERR_IO, "cannot open", path, r);
	if ((r = avformat_find_stream_info(in, NULL)) < 0) {
		avformat_close_input(&in);
		return enc_averr(ERR_IO, "cannot read", path, r);
	}
	p->duration = in->duration > 0 ? in->duration / (double)AV_TIME_BASE : 0;
	for (unsigned i = 0; i < in->nb_streams; i++) {
		AVStream *st = in->streams[i];
		AVCodecParameters *cp = st->codecpar;
		if (cp->codec_type == AVMEDIA_TYPE_VIDEO && !p->has_video) {
			p->has_video = 1;
			p->width = cp->width;
			p->height = cp->height;
			p->video_frames = st->nb_frames;
			p->fps = av_q2d(st->avg_frame_rate);
			snprintf(p->vcodec, sizeof p->vcodec, "%s", avcodec_get_name(cp->codec_id));
		} else if (cp->codec_type == AVMEDIA_TYPE_AUDIO && !p->has_audio) {
			p->has_audio = 1;
			p->audio_rate = cp->sample_rate;
			p->audio_channels = cp->ch_layout.nb_channels;
			snprintf(p->acodec, sizeof p->acodec, "%s", avcodec_get_name(cp->codec_id));
		}
	}
	avformat_close_input(&in);
	return 0;
}
