/* encode/assemble.c — episode assembly by remuxing per-shot H.264 segments (no
 * re-encode) plus freshly encoded AAC; and a small prober for tests and benchmarks. */
#include "encode/encode.h"
#include "encode/enc_internal.h"
#include "core/util.h"
#include "core/cache.h"

#include <pthread.h>
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

/* ---- AAC in pieces: packets held in memory (data, times, flags only: the same bytes
 * whether fresh from the encoder or read from a piece's cache file) ---- */
struct apk { int64_t pts, dur; int32_t flags, size; uint8_t *data; };
struct apkts { struct apk *p; size_t n, cap; };

/* One held AAC packet into the MP4. */
static int write_apk(AVFormatContext *fmt, AVStream *st, const struct apk *k, AVRational atb, AVPacket *pkt,
                     const char *path)
{
	if (av_new_packet(pkt, k->size) < 0) return err_set(ERR_GENERIC, "out of memory for audio");
	memcpy(pkt->data, k->data, (size_t)k->size);
	pkt->pts = pkt->dts = k->pts;
	pkt->duration = k->dur;
	pkt->flags = k->flags;
	av_packet_rescale_ts(pkt, atb, st->time_base);
	pkt->stream_index = st->index;
	int r = av_interleaved_write_frame(fmt, pkt);
	if (r < 0) return enc_averr(ERR_IO, "cannot write", path, r);
	return 0;
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

/* ---- AAC in pieces ---- */

static void apk_free(struct apkts *l)
{
	for (size_t i = 0; i < l->n; i++) free(l->p[i].data);
	free(l->p);
	memset(l, 0, sizeof *l);
}

static void apk_add(struct apkts *l, int64_t pts, int64_t dur, int32_t flags, const uint8_t *data, int32_t size)
{
	xgrow((void **)&l->p, &l->cap, l->n, sizeof *l->p);
	struct apk *k = &l->p[l->n++];
	k->pts = pts;
	k->dur = dur;
	k->flags = flags;
	k->size = size;
	k->data = xmalloc((size_t)size + 1);
	memcpy(k->data, data, (size_t)size);
}

static int assemble(const char *path, const char *const *segments, size_t n, enc_read_fn read, void *ctx,
                    const struct apkts *pk, const struct enc_opts *o);

int enc_assemble_stream(const char *path, const char *const *segments, size_t n,
                        enc_read_fn read, void *ctx, const struct enc_opts *o)
{
	return assemble(path, segments, n, read, ctx, NULL, o);
}

#define PIECE_MAGIC "DAACPK02"    /* 02: times from the piece's start (01: absolute) */

/* A piece's packets from its cache file, their times moved to the piece's start at;
 * 0, or -1 if it is missing or not whole. */
static int piece_load(const char *path, int64_t start, struct apkts *l)
{
	char *txt = NULL;
	size_t len = 0, at = 24;
	if (!path || !cache_valid(path, -1) || file_read_all(path, &txt, &len) < 0 || len < 24 || memcmp(txt, PIECE_MAGIC, 8)) {
		err_clear();
		free(txt);
		return -1;
	}
	int32_t ver;
	int64_t np;
	memcpy(&ver, txt + 8, 4);
	memcpy(&np, txt + 16, 8);
	int ok = ver == (int32_t)avcodec_version() && np >= 0;
	for (int64_t i = 0; ok && i < np; i++) {
		int64_t pts, dur;
		int32_t fl, sz;
		if (len - at < 24) { ok = 0; break; }
		memcpy(&pts, txt + at, 8);
		memcpy(&dur, txt + at + 8, 8);
		memcpy(&fl, txt + at + 16, 4);
		memcpy(&sz, txt + at + 20, 4);
		at += 24;
		if (sz < 0 || len - at < (size_t)sz) { ok = 0; break; }
		apk_add(l, pts + start, dur, fl, (const uint8_t *)txt + at, sz);
		at += (size_t)sz;
	}
	free(txt);
	if (!ok || at != len) {
		apk_free(l);
		return -1;
	}
	return 0;
}

/* The packets into path, their times from the piece's start (so that the piece is
 * found again when an edit moves it by whole AAC frames: its key is its sound's). */
static void piece_save(const char *path, int64_t start, const struct apkts *l)
{
	struct sbuf b = { 0 };
	int32_t ver = (int32_t)avcodec_version(), zero = 0;
	int64_t np = (int64_t)l->n;
	sb_addn(&b, PIECE_MAGIC, 8);
	sb_addn(&b, (const char *)&ver, 4);
	sb_addn(&b, (const char *)&zero, 4);
	sb_addn(&b, (const char *)&np, 8);
	for (size_t i = 0; i < l->n; i++) {
		const struct apk *k = &l->p[i];
		int64_t rel = k->pts - start;
		sb_addn(&b, (const char *)&rel, 8);
		sb_addn(&b, (const char *)&k->dur, 8);
		sb_addn(&b, (const char *)&k->flags, 4);
		sb_addn(&b, (const char *)&k->size, 4);
		sb_addn(&b, (const char *)k->data, (size_t)k->size);
	}
	if (file_write_replace(path, b.s, b.len) < 0 || cache_seal(path, -1) < 0) {   /* no fsync: sealed; a read-only cache: encoded again next time */
		log_debug("encode", "%s", err_msg());
		err_clear();
	}
	sb_free(&b);
}

/* The pieces to encode, shared by the threads that encode them. */
struct pjobs {
	const struct enc_asource *src;
	const struct enc_apiece *pc;
	size_t npc, next, encoded;
	int rate, rc;
	int64_t end;
	const char *path;
	struct apkts *got;
	char *todo;
	char err[1024];
	pthread_mutex_t mu;
};

/* Packets from the encoder (after a frame or the flush) into l, those with pts in [lo, hi). */
static int drain(AVCodecContext *ac, AVPacket *pkt, int64_t lo, int64_t hi, struct apkts *l, const char *path)
{
	for (;;) {
		int r = avcodec_receive_packet(ac, pkt);
		if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return 0;
		if (r < 0) return enc_averr(ERR_GENERIC, "AAC encoding failed for", path, r);
		if (pkt->pts >= lo && pkt->pts < hi)
			apk_add(l, pkt->pts, pkt->duration ? pkt->duration : ac->frame_size, pkt->flags, pkt->data, pkt->size);
		av_packet_unref(pkt);
	}
}

/* Piece k: its encoder fed [S, E) (E the audio's end: flushed), its packets in j->got[k]. */
static int piece_encode(struct pjobs *j, size_t k)
{
	const struct enc_apiece *p = &j->pc[k];
	int64_t S = p->start > ENC_AAC_ROLL ? p->start - ENC_AAC_ROLL : 0;
	int64_t E = p->end + ENC_AAC_ROLL < j->end ? p->end + ENC_AAC_ROLL : j->end;
	int64_t lo = k == 0 ? INT64_MIN : p->start, hi = k + 1 == j->npc ? INT64_MAX : p->end;
	AVFormatContext *dummy = NULL;      /* enc_audio_codec_open adds a stream to a muxer */
	AVCodecContext *ac = NULL;
	AVStream *st = NULL;
	AVFrame *f = av_frame_alloc();
	AVPacket *pkt = av_packet_alloc();
	float *buf = xmalloc(ENC_AAC_FRAME * 2 * sizeof *buf);
	void *rd = NULL;
	int rc = avformat_alloc_output_context2(&dummy, NULL, "mp4", NULL);
	if (rc < 0) rc = enc_averr(ERR_GENERIC, "cannot create an MP4 muxer for", j->path, rc);
	else rc = enc_audio_codec_open(dummy, j->rate, &ac, &st, j->path);
	if (rc == 0) {
		f->format = AV_SAMPLE_FMT_FLTP;
		f->nb_samples = ENC_AAC_FRAME;
		f->sample_rate = j->rate;
		av_channel_layout_copy(&f->ch_layout, &ac->ch_layout);
		if (av_frame_get_buffer(f, 0) < 0) rc = err_set(ERR_GENERIC, "out of memory for audio");
	}
	if (rc == 0 && !(rd = j->src->open(j->src->ctx, S))) rc = err_set(ERR_GENERIC, "cannot read the audio for %s", j->path);
	for (int64_t P = S; rc == 0 && P < E; P += ENC_AAC_FRAME) {
		int g = 0;
		while (g < ENC_AAC_FRAME) {              /* one frame, zeros after the audio's end */
			long r = j->src->read(rd, buf + 2 * g, (size_t)(ENC_AAC_FRAME - g));
			if (r < 0) { rc = (int)r; break; }
			if (r == 0) break;
			g += (int)r;
		}
		if (rc < 0 || g == 0) break;
		memset(buf + 2 * g, 0, (size_t)(ENC_AAC_FRAME - g) * 2 * sizeof *buf);
		if (av_frame_make_writable(f) < 0) { rc = err_set(ERR_GENERIC, "out of memory for audio"); break; }
		float *l = (float *)f->data[0], *r = (float *)f->data[1];
		for (int i = 0; i < ENC_AAC_FRAME; i++) { l[i] = buf[2 * i]; r[i] = buf[2 * i + 1]; }
		f->pts = P;
		int r2 = avcodec_send_frame(ac, f);
		if (r2 < 0) rc = enc_averr(ERR_GENERIC, "AAC encoding failed for", j->path, r2);
		else rc = drain(ac, pkt, lo, hi, &j->got[k], j->path);
		if (g < ENC_AAC_FRAME) break;
	}
	if (rc == 0 && E >= j->end) {               /* the audio's end: what the encoder holds */
		avcodec_send_frame(ac, NULL);
		rc = drain(ac, pkt, lo, hi, &j->got[k], j->path);
	}
	if (rd) j->src->close(rd);
	if (rc == 0 && p->cache) piece_save(p->cache, p->start, &j->got[k]);
	avcodec_free_context(&ac);
	avformat_free_context(dummy);
	av_frame_free(&f);
	av_packet_free(&pkt);
	free(buf);
	return rc;
}

/* Encode the pieces not yet claimed until none is left or one failed. */
static void *pieces_worker(void *arg)
{
	struct pjobs *j = arg;
	for (;;) {
		pthread_mutex_lock(&j->mu);
		size_t k = j->next;
		while (k < j->npc && !j->todo[k]) k++;
		j->next = k + 1;
		int stop = k >= j->npc || j->rc < 0;
		pthread_mutex_unlock(&j->mu);
		if (stop) break;
		int rc = piece_encode(j, k);
		pthread_mutex_lock(&j->mu);
		if (rc < 0 && j->rc == 0) {
			j->rc = rc;
			snprintf(j->err, sizeof j->err, "%s", err_msg());
		}
		if (rc == 0) j->encoded++;
		pthread_mutex_unlock(&j->mu);
	}
	return NULL;
}

/* All pieces' packets, in order, into out: from their cache files, or encoded. */
static int audio_pieces(const struct enc_asource *src, const struct enc_apiece *pc, size_t npc, int rate,
                        struct apkts *out, size_t *encoded, const char *path)
{
	struct pjobs j = { .src = src, .pc = pc, .npc = npc, .rate = rate, .path = path };
	j.end = npc ? pc[npc - 1].end : 0;
	j.got = xcalloc(npc + 1, sizeof *j.got);
	j.todo = xcalloc(npc + 1, 1);
	pthread_mutex_init(&j.mu, NULL);
	size_t n_todo = 0;
	for (size_t k = 0; k < npc; k++)
		if (piece_load(pc[k].cache, pc[k].start, &j.got[k]) < 0) { j.todo[k] = 1; n_todo++; }
	pthread_t th;
	int helper = n_todo > 1 && ENC_THREADS > 1 && pthread_create(&th, NULL, pieces_worker, &j) == 0;
	pieces_worker(&j);
	if (helper) pthread_join(th, NULL);
	int rc = j.rc;
	if (rc < 0) err_set(rc, "%s", j.err);
	for (size_t k = 0; k < npc; k++) {
		for (size_t i = 0; rc == 0 && i < j.got[k].n; i++) {
			xgrow((void **)&out->p, &out->cap, out->n, sizeof *out->p);
			out->p[out->n++] = j.got[k].p[i];
			j.got[k].p[i].data = NULL;
		}
		apk_free(&j.got[k]);
	}
	*encoded = j.encoded;
	pthread_mutex_destroy(&j.mu);
	free(j.got);
	free(j.todo);
	return rc;
}

struct enc_apackets { struct apkts pk; };

int enc_audio_pieces(const char *path, const struct enc_asource *src, const struct enc_apiece *pc, size_t npc,
                     int rate, struct enc_apackets **out, size_t *encoded)
{
	struct enc_apackets *a = xcalloc(1, sizeof *a);
	size_t enc = 0;
	int rc = audio_pieces(src, pc, npc, rate ? rate : 48000, &a->pk, &enc, path);
	if (encoded) *encoded = enc;
	if (rc < 0) {
		enc_apackets_free(a);
		a = NULL;
	}
	*out = a;
	return rc;
}

int enc_assemble_packets(const char *path, const char *const *segments, size_t n, const struct enc_apackets *pk,
                         const struct enc_opts *o)
{
	return assemble(path, segments, n, NULL, NULL, &pk->pk, o);
}

void enc_apackets_free(struct enc_apackets *pk)
{
	if (!pk) return;
	apk_free(&pk->pk);
	free(pk);
}

int enc_assemble_pieces(const char *path, const char *const *segments, size_t n, const struct enc_asource *src,
                        const struct enc_apiece *pc, size_t npc, const struct enc_opts *o, size_t *encoded)
{
	struct enc_apackets *pk = NULL;
	int rc = enc_audio_pieces(path, src, pc, npc, o->sample_rate, &pk, encoded);
	if (rc == 0) rc = enc_assemble_packets(path, segments, n, pk, o);
	enc_apackets_free(pk);
	return rc;
}

static int assemble(const char *path, const char *const *segments, size_t n, enc_read_fn read, void *ctx,
                    const struct apkts *pk, const struct enc_opts *o)
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
	if (pk) {                /* the stream's parameters from an encoder of the same settings */
		if ((rc = enc_audio_codec_open(out, o->sample_rate ? o->sample_rate : 48000, &a.ac, &a.st, path)) < 0) goto end;
		avcodec_free_context(&a.ac);
	} else if (read) {
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
	size_t pki = 0;          /* the next of pk's packets */
	AVRational atb = { 1, o->sample_rate ? o->sample_rate : 48000 };
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
			while (rc == 0 && pk && pki < pk->n && av_compare_ts(pk->p[pki].pts, atb, pkt->dts, ftb) < 0)
				rc = write_apk(out, a.st, &pk->p[pki++], atb, apkt, path);
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
	while (pk && pki < pk->n) if ((rc = write_apk(out, a.st, &pk->p[pki++], atb, apkt, path)) < 0) goto end;
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
