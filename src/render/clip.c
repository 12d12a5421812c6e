/* render/clip.c — a generated video clip as a shot's pictures (see clip.h): streaming
 * decode with libavformat/libavcodec, scale-to-fill and crop with libswscale. */
#define _GNU_SOURCE
#include "render/clip.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rclip {
	char *path, *where, *fix;       /* for messages: " (shot E.S.H ...)", what to do */
	int W, H;
	AVFormatContext *fmt;
	AVCodecContext *dec;
	AVPacket *pkt;
	int stream, eof;
	AVFrame *cur, *next;            /* the picture shown and the one after it (NULL at the end) */
	double cur_t, next_t;           /* their times, seconds from the first picture */
	int64_t t0;                     /* first picture's timestamp, stream time base */
	int64_t n_decoded;
	double frame_sec;               /* from the stream's rate: times of untimed pictures */
	struct SwsContext *sws;
	cairo_surface_t *pic;           /* cur, scaled and cropped to W×H */
	uint8_t *pic_buf;               /* its pixels, padded: swscale's SIMD paths write past the end */
	int64_t pic_of;                 /* n_decoded index of the picture in pic; -1 none */
	int64_t cur_idx;
	int have_prev, prev_sub;
	int64_t prev_pic;
};

static int fail(struct rclip *k, int averr, const char *what)
{
	char e[AV_ERROR_MAX_STRING_SIZE] = "";
	if (averr) av_strerror(averr, e, sizeof e);
	return err_set(ERR_IO, "%s: cannot read the generated shot clip: %s%s%s%s%s; %s", k->path, what, *e ? " (" : "", e,
	               *e ? ")" : "", k->where, k->fix);
}

/* Animated WebP (ComfyUI's SaveAnimatedWEBP) opens as a still in FFmpeg 5.1 and then
 * fails to decode: say so plainly instead. */
static int animated_webp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) return 0;
	unsigned char b[64];
	size_t n = fread(b, 1, sizeof b, f);
	fclose(f);
	if (n < 16 || memcmp(b, "RIFF", 4) || memcmp(b + 8, "WEBP", 4)) return 0;
	return memmem(b, n, "ANIM", 4) || memmem(b, n, "ANMF", 4);
}

static void close_av(struct rclip *k)
{
	av_frame_free(&k->cur);
	av_frame_free(&k->next);
	av_packet_free(&k->pkt);
	avcodec_free_context(&k->dec);
	avformat_close_input(&k->fmt);
}

/* Next decoded picture into f: 1, 0 at the end, <0 on error. */
static int decode_one(struct rclip *k, AVFrame *f)
{
	for (;;) {
		int r = avcodec_receive_frame(k->dec, f);
		if (r == 0) return 1;
		if (r == AVERROR_EOF) return 0;
		if (r != AVERROR(EAGAIN)) return fail(k, r, "a picture does not decode");
		if (k->eof) return 0;
		r = av_read_frame(k->fmt, k->pkt);
		if (r == AVERROR_EOF) {
			k->eof = 1;
			avcodec_send_packet(k->dec, NULL);          /* drain */
			continue;
		}
		if (r < 0) return fail(k, r, "the file is damaged");
		if (k->pkt->stream_index == k->stream) r = avcodec_send_packet(k->dec, k->pkt);
		else r = 0;
		av_packet_unref(k->pkt);
		if (r < 0 && r != AVERROR(EAGAIN)) return fail(k, r, "a picture does not decode");
	}
}

static double frame_time(struct rclip *k, const AVFrame *f)
{
	int64_t ts = f->best_effort_timestamp;
	if (ts == AV_NOPTS_VALUE) return (double)k->n_decoded * k->frame_sec;
	if (k->n_decoded == 0) k->t0 = ts;
	return (double)(ts - k->t0) * av_q2d(k->fmt->streams[k->stream]->time_base);
}

/* Decode the picture after cur into next (next NULL at the end). */
static int advance(struct rclip *k)
{
	if (!k->next) k->next = av_frame_alloc();
	if (!k->next) abort();
	int r = decode_one(k, k->next);
	if (r < 0) return r;
	if (r == 0) { av_frame_free(&k->next); return 0; }
	k->next_t = frame_time(k, k->next);
	k->n_decoded++;
	return 0;
}

static int open_av(struct rclip *k)
{
	int r;
	if ((r = avformat_open_input(&k->fmt, k->path, NULL, NULL)) < 0) return fail(k, r, "not a video file");
	if ((r = avformat_find_stream_info(k->fmt, NULL)) < 0) return fail(k, r, "no readable streams");
	const AVCodec *codec = NULL;
	k->stream = av_find_best_stream(k->fmt, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
	if (k->stream < 0 || !codec) return fail(k, k->stream < 0 ? k->stream : 0, "it has no video stream FFmpeg can decode");
	AVStream *st = k->fmt->streams[k->stream];
	k->dec = avcodec_alloc_context3(codec);
	k->pkt = av_packet_alloc();
	k->cur = av_frame_alloc();
	if (!k->dec || !k->pkt || !k->cur) abort();
	if ((r = avcodec_parameters_to_context(k->dec, st->codecpar)) < 0) return fail(k, r, "bad stream parameters");
	k->dec->thread_count = 1;       /* the encoder has the cores; a 480p clip decodes fast on one */
	if ((r = avcodec_open2(k->dec, codec, NULL)) < 0) return fail(k, r, "the decoder refused it");
	AVRational fr = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
	k->frame_sec = fr.num > 0 && fr.den > 0 ? av_q2d(av_inv_q(fr)) : 1.0 / 16;
	k->eof = 0;
	k->n_decoded = 0;
	k->t0 = 0;
	if ((r = decode_one(k, k->cur)) < 0) return r;
	if (r == 0) return fail(k, 0, "it has no pictures");
	k->cur_t = 0;
	frame_time(k, k->cur);
	k->n_decoded = 1;
	k->cur_idx = 0;
	return advance(k);
}

int rclip_open(const char *path, int w, int h, const char *shot, struct rclip **out)
{
	*out = NULL;
	struct rclip *k = xcalloc(1, sizeof *k);
	k->path = xstrdup(path);
	k->where = shot ? xasprintf(" (shot %s in cache/ai/shots.json)", shot) : xstrdup("");
	k->fix = xasprintf("regenerate it with `drama design DIR --shot %s --again` or remove its entry from "
	                   "cache/ai/shots.json", shot ? shot : "E.S.H");
	k->W = w;
	k->H = h;
	k->pic_of = k->prev_pic = -1;
	int rc;
	if (!file_exists(path)) {
		rc = err_set(ERR_NOTFOUND, "%s: the generated shot clip is missing%s; %s", path, k->where, k->fix);
		goto fail;
	}
	if (animated_webp(path)) {
		rc = err_set(ERR_INPUT, "%s: an animated WebP (ComfyUI's SaveAnimatedWEBP), which FFmpeg 5.1 cannot decode%s; "
		             "end the video workflow in SaveWEBM (as data/comfyui/video.json does) or SaveVideo (MP4)",
		             path, k->where);
		goto fail;
	}
	if ((rc = open_av(k)) < 0) goto fail;
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
	k->pic_buf = av_mallocz((size_t)stride * (size_t)(h + 2) + 256);
	if (!k->pic_buf) abort();
	k->pic = cairo_image_surface_create_for_data(k->pic_buf, CAIRO_FORMAT_RGB24, w, h, stride);
	if (cairo_surface_status(k->pic) != CAIRO_STATUS_SUCCESS) {
		rc = err_set(ERR_GENERIC, "cannot make a %dx%d picture for the clip %s", w, h, path);
		goto fail;
	}
	*out = k;
	return 0;
fail:
	rclip_free(k);
	return rc;
}

/* cur scaled to fill W×H, centred, the overflow cropped; into pic. */
static int convert(struct rclip *k)
{
	AVFrame *f = k->cur;
	double sar = f->sample_aspect_ratio.num > 0 && f->sample_aspect_ratio.den > 0 ? av_q2d(f->sample_aspect_ratio) : 1;
	double dw = f->width * sar, s = fmax(k->W / dw, (double)k->H / f->height);
	int cw = (int)lround(k->W / s / sar), ch = (int)lround(k->H / s);
	if (cw > f->width) cw = f->width;
	if (ch > f->height) ch = f->height;
	if (cw < 1) cw = 1;
	if (ch < 1) ch = 1;
	f->crop_left = (size_t)((f->width - cw) / 2) & ~(size_t)1;
	f->crop_top = (size_t)((f->height - ch) / 2) & ~(size_t)1;
	f->crop_right = (size_t)(f->width - cw) - f->crop_left;
	f->crop_bottom = (size_t)(f->height - ch) - f->crop_top;
	int r = av_frame_apply_cropping(f, AV_FRAME_CROP_UNALIGNED);
	if (r < 0) return fail(k, r, "cannot crop a picture");
	k->sws = sws_getCachedContext(k->sws, f->width, f->height, f->format, k->W, k->H, AV_PIX_FMT_BGR0,
	                              SWS_BICUBIC, NULL, NULL, NULL);
	if (!k->sws) return fail(k, 0, "no conversion from its pixel format");
	const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(f->format);
	if (d && !(d->flags & AV_PIX_FMT_FLAG_RGB) && d->nb_components >= 3) {
		int cs = f->colorspace == AVCOL_SPC_BT709 ? SWS_CS_ITU709 : SWS_CS_ITU601;
		int full = f->color_range == AVCOL_RANGE_JPEG;
		sws_setColorspaceDetails(k->sws, sws_getCoefficients(cs), full, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0,
		                         1 << 16, 1 << 16);
	}
	cairo_surface_flush(k->pic);
	uint8_t *dst[4] = { cairo_image_surface_get_data(k->pic) };
	int dst_stride[4] = { cairo_image_surface_get_stride(k->pic) };
	r = sws_scale(k->sws, (const uint8_t *const *)f->data, f->linesize, 0, f->height, dst, dst_stride);
	cairo_surface_mark_dirty(k->pic);
	if (r <= 0) return fail(k, 0, "a picture does not convert");
	k->pic_of = k->cur_idx;
	return 0;
}

int rclip_picture(struct rclip *k, double t, cairo_surface_t **img, int *changed)
{
	*img = NULL;
	*changed = 0;
	int rc;
	const double eps = 1e-3;                        /* WebM keeps times in milliseconds */
	if (t + eps < k->cur_t && k->cur_idx > 0) {     /* back in time: from the start */
		close_av(k);
		k->pic_of = -1;
		if ((rc = open_av(k)) < 0) return rc;
	}
	while (k->next && k->next_t <= t + eps) {       /* streaming: two pictures held */
		AVFrame *tmp = k->cur;
		k->cur = k->next;
		k->next = tmp;
		av_frame_unref(k->next);
		k->cur_t = k->next_t;
		k->cur_idx++;
		if ((rc = advance(k)) < 0) return rc;
	}
	if (k->pic_of != k->cur_idx && (rc = convert(k)) < 0) return rc;
	*changed = k->prev_pic != k->cur_idx;
	k->prev_pic = k->cur_idx;
	*img = k->pic;
	return 0;
}

int rclip_draw(struct rclip *k, double t, const struct rsub *sub, cairo_surface_t *dst, int *same)
{
	*same = 0;
	cairo_surface_t *pic;
	int changed, rc = rclip_picture(k, t, &pic, &changed);
	if (rc < 0) return rc;
	int s = sub && sub->img;
	if (k->have_prev && !changed && s == k->prev_sub) {
		*same = 1;
		return 0;
	}
	cairo_t *cr = cairo_create(dst);
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	cairo_set_source_surface(cr, pic, 0, 0);
	cairo_paint(cr);
	if (s) {
		cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
		cairo_set_source_surface(cr, sub->img, sub->x, sub->y);
		cairo_paint(cr);
	}
	cairo_destroy(cr);
	k->have_prev = 1;
	k->prev_sub = s;
	return 0;
}

double rclip_duration(const struct rclip *k)
{
	const AVStream *st = k->fmt ? k->fmt->streams[k->stream] : NULL;
	if (st && st->duration > 0) return (double)st->duration * av_q2d(st->time_base);
	if (k->fmt && k->fmt->duration > 0) return (double)k->fmt->duration / AV_TIME_BASE;
	return (k->next ? k->next_t : k->cur_t) + k->frame_sec;    /* what is known so far */
}

void rclip_free(struct rclip *k)
{
	if (!k) return;
	close_av(k);
	sws_freeContext(k->sws);
	if (k->pic) cairo_surface_destroy(k->pic);
	av_free(k->pic_buf);
	free(k->path);
	free(k->where);
	free(k->fix);
	free(k);
}

/* ---- the shot's clip ---- */

/* Absolute path of shot ts's clip: 1; 0 when it has none; <0 on a damaged manifest. */
static int clip_path(const struct rctx *c, const struct tl_shot *ts, char **path)
{
	*path = NULL;
	char *img = NULL, *vid = NULL;
	int rc = art_shot_media(c->p->dir, (size_t)(c->ep - c->s->eps), (size_t)ts->scene, (size_t)ts->shot, &img, &vid);
	free(img);
	if (rc < 0 || !vid) {
		free(vid);
		return rc < 0 ? rc : 0;
	}
	*path = vid[0] == '/' ? xstrdup(vid) : path_join(c->p->dir, vid);
	free(vid);
	return 1;
}

int rclip_for_shot(const struct rctx *c, const struct tl_shot *ts, struct rclip **out)
{
	*out = NULL;
	char *path = NULL;
	int rc = clip_path(c, ts, &path);
	if (rc <= 0) return rc;
	char *where = xasprintf("%d.%d.%d", c->ep->number, ts->scene + 1, ts->shot + 1);
	rc = rclip_open(path, c->W, c->H, where, out);
	if (rc == 0) {
		double d = rclip_duration(*out), sec = (double)ts->frames / c->fps;
		log_debug("render", "shot %s: clip %s, %.2f s for a %.2f s shot (%s)", where, path, d, sec,
		          d + 1e-3 < sec ? "last frame held" : d > sec + 1e-3 ? "trimmed" : "exact");
	}
	free(where);
	free(path);
	return rc;
}

void rclip_hash_shot(const struct rctx *c, const struct tl_shot *ts, struct hash *h)
{
	char *path = NULL;
	if (clip_path(c, ts, &path) <= 0) return;
	hash_str(h, "clip");
	FILE *f = fopen(path, "rb");
	if (f) {                          /* in pieces: a clip may be large */
		char buf[1 << 16];
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, f)) > 0) hash_add(h, buf, n);
		fclose(f);
	} else {
		hash_str(h, path);            /* missing: the render reports it */
	}
	free(path);
}
