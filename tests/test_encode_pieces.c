/* tests/test_encode_pieces.c — the focus of this file is the AAC made in pieces and
 * spliced (enc_assemble_pieces): decoded, it is the sound a whole encode gives within
 * AAC's own noise, at the joins too; pieces found in their cache files are not encoded
 * again and the MP4 has the bytes of one made with every piece fresh. */
#include "test.h"
#include "encode/encode.h"
#include "core/util.h"
#include "music/music_internal.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W 108
#define H 192
#define FPS 10
#define SEC 8

/* one black video-only segment of SEC seconds */
static char *segment(const char *dir)
{
	struct enc_opts o = ENC_OPTS_INIT;
	o.width = W; o.height = H; o.fps = FPS; o.video_only = 1;
	char *seg = xasprintf("%s/seg.mp4", dir);
	struct enc_pipe *q = enc_pipe_new(W, H, 2);
	uint8_t *px = xcalloc((size_t)W * 4 * H, 1);
	enc_pipe_open(q, seg, &o);
	for (int i = 0; i < SEC * FPS; i++) enc_pipe_bgra(q, px, W * 4);
	enc_pipe_close(q, 1);
	free(px);
	if (enc_pipe_free(q) < 0) { free(seg); return NULL; }
	return seg;
}

/* music-like: chords that change every 0.7 s with a struck attack (short windows) and a
 * little noise */
static float *tune(size_t n)
{
	float *lr = xmalloc(n * 2 * sizeof *lr);
	uint32_t r = 12345;
	for (size_t i = 0; i < n; i++) {
		double t = (double)i / 48000, u = fmod(t, 0.7);
		int note = (int)(t / 0.7);
		double f = 220 * pow(2, (note * 5 % 12) / 12.0), env = exp(-u * 4) * (u < 0.004 ? u / 0.004 : 1);
		double v = 0.25 * env * (sin(2 * M_PI * f * t) + 0.5 * sin(2 * M_PI * f * 1.5 * t) + 0.3 * sin(2 * M_PI * f * 2.01 * t));
		r = r * 1664525u + 1013904223u;
		double nz = ((double)(r >> 8) / 16777216.0 - 0.5) * 0.01;
		lr[2 * i] = (float)(v + nz);
		lr[2 * i + 1] = (float)(0.8 * v - nz);
	}
	return lr;
}

struct src { const float *lr; size_t n, pos; int opened; };
static long src_read(void *ctx, float *lr, size_t max)
{
	struct src *s = ctx;
	size_t k = s->n - s->pos < max ? s->n - s->pos : max;
	if (k > 999) k = 999;                    /* uneven chunks */
	memcpy(lr, s->lr + 2 * s->pos, k * 2 * sizeof *lr);
	s->pos += k;
	return (long)k;
}

/* readers of one buffer from any frame (the pieces' threads each open one) */
static void *src_open(void *ctx, int64_t at)
{
	struct src *base = ctx, *r = xmalloc(sizeof *r);
	*r = *base;
	r->pos = (size_t)at;
	__atomic_add_fetch(&base->opened, 1, __ATOMIC_SEQ_CST);
	return r;
}
static void src_close(void *r) { free(r); }

/* RMS of (a - ref) over frames [x, y) */
static double err_rms(const float *a, const float *ref, size_t x, size_t y)
{
	double e = 0;
	for (size_t i = 2 * x; i < 2 * y; i++) e += ((double)a[i] - ref[i]) * ((double)a[i] - ref[i]);
	return sqrt(e / (double)(2 * (y - x)));
}

static void cut(struct enc_apiece *pc, size_t n, const size_t *at, char *const *cache)
{
	for (size_t k = 0; k <= 2; k++) {
		pc[k].start = k ? (int64_t)(at[k - 1] / ENC_AAC_FRAME * ENC_AAC_FRAME) : 0;
		pc[k].cache = cache ? cache[k] : NULL;
	}
	pc[0].end = pc[1].start;
	pc[1].end = pc[2].start;
	pc[2].end = (int64_t)n;
}

TEST(encode_pieces_decode_like_whole)
{
	const char *d = test_tmpdir();
	char *seg = segment(d);
	CHECK(seg);
	size_t n = SEC * 48000 - 333, at[2] = { 113777, 245001 };
	float *lr = tune(n);
	struct enc_opts o = ENC_OPTS_INIT;
	o.width = W; o.height = H; o.fps = FPS;
	char *whole = path_join(d, "whole.mp4"), *pieces = path_join(d, "pieces.mp4");
	struct src a = { lr, n, 0, 0 }, b = { lr, n, 0, 0 };
	struct enc_asource bs = { src_open, src_read, src_close, &b };
	CHECK(enc_assemble_stream(whole, (const char *const *)&seg, 1, src_read, &a, &o) == 0);
	struct enc_apiece pc[3];
	cut(pc, n, at, NULL);
	size_t encoded = 0;
	CHECKF(enc_assemble_pieces(pieces, (const char *const *)&seg, 1, &bs, pc, 3, &o, &encoded) == 0, "%s", err_msg());
	CHECK_INT(encoded, 3);
	CHECK_INT(b.opened, 3);
	float *dw, *dp;
	size_t nw, np;
	CHECK(music_decode(whole, &dw, &nw) == 0);
	CHECK(music_decode(pieces, &dp, &np) == 0);
	CHECK_INT(np, nw);
	CHECKF(nw >= n && nw < n + ENC_AAC_FRAME, "decoded %zu frames of %zu", nw, n);
	/* the whole and the spliced stream against the input: overall, and at each join */
	double ew = err_rms(dw, lr, 0, n), ep = err_rms(dp, lr, 0, n);
	log_info("test", "AAC error: whole %.5f, in pieces %.5f (signal RMS %.3f)", ew, ep, err_rms(lr, lr, 0, 0 + 1) + 0.1);
	CHECKF(ep <= ew * 1.12 + 1e-5, "pieces %.5f against whole %.5f", ep, ew);
	for (int k = 1; k <= 2; k++) {
		size_t j = (size_t)pc[k].start, x = j - 2048, y = j + 2048;
		double lw = err_rms(dw, lr, x, y), lp = err_rms(dp, lr, x, y);
		log_info("test", "join at %zu: error whole %.5f, in pieces %.5f", j, lw, lp);
		CHECKF(lp <= 2 * lw + 1e-4, "join at %zu: %.5f against %.5f", j, lp, lw);
	}
	free(dw); free(dp); free(lr);
	free(seg); free(whole); free(pieces);
}

TEST(encode_pieces_cached_same_bytes)
{
	const char *d = test_tmpdir();
	char *seg = segment(d);
	CHECK(seg);
	size_t n = SEC * 48000 - 333, at[2] = { 113777, 245001 };
	float *lr = tune(n);
	struct enc_opts o = ENC_OPTS_INIT;
	o.width = W; o.height = H; o.fps = FPS;
	char *c1[3], *c2[3], *c3[3];
	for (int k = 0; k < 3; k++) {
		c1[k] = xasprintf("%s/p%d.a", d, k);
		c2[k] = xasprintf("%s/p%d.%s", d, k, k == 1 ? "b" : "a");    /* piece 2 changed */
		c3[k] = xasprintf("%s/p%d.c", d, k);
	}
	char *out[4];
	for (int i = 0; i < 4; i++) out[i] = xasprintf("%s/o%d.mp4", d, i);
	struct enc_apiece pc[3];
	size_t enc = 0;
	/* fresh, then again from the cache */
	cut(pc, n, at, c1);
	struct src s = { lr, n, 0, 0 };
	struct enc_asource ss = { src_open, src_read, src_close, &s };
	CHECK(enc_assemble_pieces(out[0], (const char *const *)&seg, 1, &ss, pc, 3, &o, &enc) == 0);
	CHECK_INT(enc, 3);
	CHECK(enc_assemble_pieces(out[1], (const char *const *)&seg, 1, &ss, pc, 3, &o, &enc) == 0);
	CHECK_INT(enc, 0);
	CHECK_INT(s.opened, 3);                   /* nothing to encode: the sound is not read */
	CHECK(file_same_bytes(out[0], out[1]));
	/* the middle of the second piece changed: only it is encoded; the same bytes as all fresh */
	for (size_t i = 170000; i < 190000; i++) lr[2 * i] *= 0.5f;
	cut(pc, n, at, c2);
	CHECK(enc_assemble_pieces(out[2], (const char *const *)&seg, 1, &ss, pc, 3, &o, &enc) == 0);
	CHECK_INT(enc, 1);
	cut(pc, n, at, c3);
	CHECK(enc_assemble_pieces(out[3], (const char *const *)&seg, 1, &ss, pc, 3, &o, &enc) == 0);
	CHECK_INT(enc, 3);
	CHECK(file_same_bytes(out[2], out[3]));
	CHECK(!file_same_bytes(out[0], out[2]));
	/* a damaged cache file is encoded again */
	CHECK(file_write_atomic(c1[0], "DAACPK01xx", 10) == 0);
	cut(pc, n, at, c1);
	for (size_t i = 170000; i < 190000; i++) lr[2 * i] *= 2.0f;
	CHECK(enc_assemble_pieces(out[1], (const char *const *)&seg, 1, &ss, pc, 3, &o, &enc) == 0);
	CHECK_INT(enc, 1);
	CHECK(file_same_bytes(out[0], out[1]));
	/* 3 AAC frames of sound put in the first piece: the two after it move by whole frames
	 * and are taken from their cache files at their new places; the same bytes as all
	 * fresh (a piece's packets kept their old absolute times: the mux failed) */
	size_t ins = 3 * ENC_AAC_FRAME, n2 = n + ins, at2[2] = { at[0] + ins, at[1] + ins };
	float *lr2 = xmalloc(n2 * 2 * sizeof *lr2);
	memcpy(lr2, lr, 50000 * 2 * sizeof *lr);
	memcpy(lr2 + 2 * 50000, lr + 2 * (50000 - ins), ins * 2 * sizeof *lr);
	memcpy(lr2 + 2 * (50000 + ins), lr + 2 * 50000, (n - 50000) * 2 * sizeof *lr);
	struct src s2 = { lr2, n2, 0, 0 };
	struct enc_asource ss2 = { src_open, src_read, src_close, &s2 };
	char *c4[3] = { c3[0], c1[1], c1[2] }, *c5[3];
	for (int k = 0; k < 3; k++) c5[k] = xasprintf("%s/p%d.e", d, k);
	c4[0] = xasprintf("%s/p0.d", d);
	cut(pc, n2, at2, c4);
	CHECKF(enc_assemble_pieces(out[2], (const char *const *)&seg, 1, &ss2, pc, 3, &o, &enc) == 0, "%s", err_msg());
	CHECK_INT(enc, 1);
	cut(pc, n2, at2, c5);
	CHECK(enc_assemble_pieces(out[3], (const char *const *)&seg, 1, &ss2, pc, 3, &o, &enc) == 0);
	CHECK_INT(enc, 3);
	CHECK(file_same_bytes(out[2], out[3]));
	free(c4[0]);
	for (int k = 0; k < 3; k++) { free(c1[k]); free(c2[k]); free(c3[k]); free(c5[k]); }
	for (int i = 0; i < 4; i++) free(out[i]);
	free(lr2);
	free(lr);
	free(seg);
}
