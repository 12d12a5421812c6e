/* tests/test_encode.c — the focus of this file is the encoder: a valid H.264 + AAC MP4
 * (streams, size, frame count, duration, faststart: moov before mdat), the encoding
 * thread, assembly of shot segments by remuxing (audio from a buffer or streamed from a
 * reader: same bytes), identical bytes for identical input,
 * and clear errors for bad sizes. Small sizes only. */
#define _GNU_SOURCE            /* memmem */
#include "test.h"
#include "encode/encode.h"
#include "encode/enc_internal.h"
#include "core/util.h"

#include <malloc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* A moving gradient so the encoder has something to do. */
static void fill(uint8_t *px, int w, int h, int stride, int t)
{
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint8_t *p = px + (size_t)y * stride + x * 4;
			p[0] = (uint8_t)(x * 2 + t * 5);
			p[1] = (uint8_t)(y + t * 3);
			p[2] = (uint8_t)((x ^ y) + t);
			p[3] = 255;
		}
}

static float *sine(size_t frames)
{
	float *lr = xmalloc(frames * 2 * sizeof(float));
	for (size_t i = 0; i < frames; i++)
		lr[i * 2] = lr[i * 2 + 1] = 0.3f * (float)sin(i * 2 * M_PI * 440.0 / 48000.0);
	return lr;
}

/* Offset of a top-level MP4 box, -1 if absent. */
static long box_offset(const char *path, const char *type)
{
	char *d;
	size_t n;
	if (file_read_all(path, &d, &n) < 0) return -1;
	long off = 0, found = -1;
	while (off + 8 <= (long)n) {
		const unsigned char *b = (const unsigned char *)d + off;
		uint64_t sz = ((uint64_t)b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
		if (!memcmp(b + 4, type, 4)) { found = off; break; }
		if (sz == 1 && off + 16 <= (long)n) {
			sz = 0;
			for (int i = 0; i < 8; i++) sz = (sz << 8) | b[8 + i];
		}
		if (sz < 8) break;
		off += (long)sz;
	}
	free(d);
	return found;
}

TEST(encode_mp4_valid_faststart)
{
	char *path = path_join(test_tmpdir(), "a.mp4");
	struct enc_opts o = ENC_OPTS_INIT;
	o.width = 216; o.height = 384; o.fps = 10; o.preset = "ultrafast";
	struct encoder *e;
	CHECK(enc_open(path, &o, &e) == 0);
	uint8_t *px = xmalloc((size_t)o.width * 4 * o.height);
	for (int i = 0; i < 20; i++) {
		fill(px, o.width, o.height, o.width * 4, i);
		CHECK(enc_video_bgra(e, px, o.width * 4) == 0);
	}
	float *lr = sine(96000);
	CHECK(enc_audio(e, lr, 50000) == 0);       /* odd chunking */
	CHECK(enc_audio(e, lr + 100000, 46000) == 0);
	char *part = xasprintf("%s.part", path);
	CHECK(file_exists(part));                   /* written beside, not at the final path */
	CHECK(!file_exists(path));
	CHECK(enc_close(e, 1) == 0);
	CHECK(!file_exists(part));
	struct enc_probe p;
	CHECK(enc_probe_file(path, &p) == 0);
	CHECK_STR(p.vcodec, "h264");
	CHECK_STR(p.acodec, "aac");
	CHECK_INT(p.width, 216);
	CHECK_INT(p.height, 384);
	CHECK_INT(p.video_frames, 20);
	CHECK_INT(p.audio_rate, 48000);
	CHECK_INT(p.audio_channels, 2);
	CHECKF(fabs(p.duration - 2.0) < 0.1, "duration %.3f", p.duration);
	long moov = box_offset(path, "moov"), mdat = box_offset(path, "mdat");
	CHECKF(moov > 0 && mdat > 0 && moov < mdat, "moov at %ld, mdat at %ld", moov, mdat);
	free(px); free(lr); free(part); free(path);
}

TEST(encode_bad_size_error)
{
	char *path = path_join(test_tmpdir(), "b.mp4");
	struct enc_opts o = ENC_OPTS_INIT;
	o.width = 215; o.height = 384;
	struct encoder *e = NULL;
	CHECK(enc_open(path, &o, &e) < 0);
	CHECK(e == NULL);
	CHECK(strstr(err_msg(), "215x384") != NULL);
	CHECK(!file_exists(path));
	free(path);
}

/* Two segments through the encoding thread, assembled with audio. */
static int make_episode(const char *dir, const char *name, int frames_a, int frames_b)
{
	struct enc_opts o = ENC_OPTS_INIT;
	o.width = 108; o.height = 192; o.fps = 10; o.preset = "veryfast"; o.video_only = 1;  /* B-frames */
	struct enc_pipe *q = enc_pipe_new(o.width, o.height, 3);
	char *seg[2] = { xasprintf("%s/%s.s0.mp4", dir, name), xasprintf("%s/%s.s1.mp4", dir, name) };
	int counts[2] = { frames_a, frames_b };
	uint8_t *px = xmalloc((size_t)o.width * 4 * o.height);
	for (int s = 0; s < 2; s++) {
		enc_pipe_open(q, seg[s], &o);
		for (int i = 0; i < counts[s]; i++) {
			if (i == 3) { enc_pipe_repeat(q); continue; }
			fill(px, o.width, o.height, o.width * 4, i + s * 50);
			if (enc_pipe_bgra(q, px, o.width * 4) < 0) break;
		}
		enc_pipe_close(q, 1);
	}
	free(px);
	int rc = enc_pipe_free(q);
	if (rc == 0) {
		size_t n = (size_t)(frames_a + frames_b) * 4800;
		float *lr = sine(n);
		char *out = path_join(dir, name);
		rc = enc_assemble(out, (const char *const *)seg, 2, lr, n, &o);
		free(out);
		free(lr);
	}
	free(seg[0]);
	free(seg[1]);
	return rc;
}

TEST(encode_segments_assemble)
{
	const char *d = test_tmpdir();
	CHECK(make_episode(d, "e1.mp4", 12, 7) == 0);
	char *p1 = path_join(d, "e1.mp4"), *p2 = path_join(d, "e2.mp4");
	struct enc_probe p;
	CHECK(enc_probe_file(p1, &p) == 0);
	CHECK_INT(p.video_frames, 19);
	CHECK(p.has_audio);
	CHECKF(fabs(p.duration - 1.9) < 0.1, "duration %.3f", p.duration);
	CHECK(box_offset(p1, "moov") < box_offset(p1, "mdat"));
	/* Byte identity of whole renders is checked in test_render.c (render_identical_bytes). */
	free(p1); free(p2);
}

/* An audio source that hands out a buffer in uneven chunks (1, 7, 700, 3 frames, ...)
 * and can fail after a number of calls. */
struct chunky { const float *lr; size_t frames, pos; int calls, fail_at; };

static long chunky_read(void *ctx, float *lr, size_t max)
{
	static const size_t sizes[] = { 1, 7, 700, 3, 4096, 1023, 1025 };
	struct chunky *c = ctx;
	if (c->fail_at && ++c->calls >= c->fail_at) return err_set(ERR_IO, "test audio source broke");
	size_t k = sizes[c->pos % 7];
	if (k > max) k = max;
	if (k > c->frames - c->pos) k = c->frames - c->pos;
	memcpy(lr, c->lr + 2 * c->pos, k * 2 * sizeof(float));
	c->pos += k;
	return (long)k;
}

/* The streamed assembly gives the bytes of the whole-buffer one; a failing source fails
 * the assembly with its message and leaves no file. */
TEST(encode_assemble_stream_same_bytes)
{
	const char *d = test_tmpdir();
	CHECK(make_episode(d, "w.mp4", 12, 7) == 0);       /* also leaves the segments */
	char *seg[2] = { path_join(d, "w.mp4.s0.mp4"), path_join(d, "w.mp4.s1.mp4") };
	char *whole = path_join(d, "w.mp4"), *streamed = path_join(d, "s.mp4");
	struct enc_opts o = ENC_OPTS_INIT;
	o.width = 108; o.height = 192; o.fps = 10;
	size_t n = 19 * 4800 + 77;                          /* not a whole AAC frame */
	float *lr = sine(n);
	struct chunky c = { lr, n, 0, 0, 0 };
	CHECK(enc_assemble(whole, (const char *const *)seg, 2, lr, n, &o) == 0);
	CHECK(enc_assemble_stream(streamed, (const char *const *)seg, 2, chunky_read, &c, &o) == 0);
	CHECK_INT(c.pos, n);
	char *a = NULL, *b = NULL;
	size_t an = 0, bn = 0;
	CHECK(file_read_all(whole, &a, &an) == 0);
	CHECK(file_read_all(streamed, &b, &bn) == 0);
	CHECK_INT(an, bn);
	CHECK(memcmp(a, b, an) == 0);
	struct chunky bad = { lr, n, 0, 0, 9 };
	char *broken = path_join(d, "b.mp4");
	CHECK(enc_assemble_stream(broken, (const char *const *)seg, 2, chunky_read, &bad, &o) < 0);
	CHECK(strstr(err_msg(), "test audio source broke") != NULL);
	CHECK(!file_exists(broken));
	free(a); free(b); free(lr);
	free(seg[0]); free(seg[1]);
	free(whole); free(streamed); free(broken);
}

TEST(encode_assemble_missing_segment)
{
	const char *seg[1] = { "/nonexistent/x.mp4" };
	struct enc_opts o = ENC_OPTS_INIT;
	char *out = path_join(test_tmpdir(), "m.mp4");
	CHECK(enc_assemble(out, seg, 1, NULL, 0, &o) < 0);
	CHECK(strstr(err_msg(), "/nonexistent/x.mp4") != NULL);
	CHECK(!file_exists(out));
	free(out);
}

/* BGRA -> YUV: BT.709 limited range, matching the stream's colour tags (white 235,
 * black 16, red 63/102/240, blue 32/240/118), chroma from each 2x2 block. */
TEST(encode_bt709_colours)
{
	char *path = path_join(test_tmpdir(), "c.mp4");
	struct enc_opts o = ENC_OPTS_INIT;
	o.width = 64; o.height = 64; o.fps = 10; o.preset = "ultrafast"; o.video_only = 1;
	struct encoder *e;
	CHECK(enc_open(path, &o, &e) == 0);
	static const uint8_t col[4][3] = { { 255, 255, 255 }, { 0, 0, 0 }, { 0, 0, 255 }, { 255, 0, 0 } };   /* B,G,R */
	uint8_t *px = xmalloc(64 * 64 * 4);
	for (int y = 0; y < 64; y++)
		for (int x = 0; x < 64; x++) {
			const uint8_t *c = col[(y >= 32) * 2 + (x >= 32)];
			uint8_t *p = px + (y * 64 + x) * 4;
			p[0] = c[0]; p[1] = c[1]; p[2] = c[2]; p[3] = 255;
		}
	for (int i = 0; i < 3; i++) CHECK(enc_video_bgra(e, px, 64 * 4) == 0);
	CHECK(enc_close(e, 1) == 0);
	char *cmd = xasprintf("ffmpeg -v error -i %s -frames:v 1 -f rawvideo -pix_fmt yuv420p - | od -An -v -tu1 -w1", path);
	char *out = NULL;
	CHECK(test_run(cmd, &out) == 0 && out);
	uint8_t *yuv = xmalloc(64 * 64 * 3 / 2);
	size_t n = 0;
	for (char *t = strtok(out, " \n"); t && n < 64 * 64 * 3 / 2; t = strtok(NULL, " \n")) yuv[n++] = (uint8_t)atoi(t);
	CHECK_INT((int)n, 64 * 64 * 3 / 2);
	static const int want[4][3] = { { 235, 128, 128 }, { 16, 128, 128 }, { 63, 102, 240 }, { 32, 240, 118 } };
	for (int q = 0; q < 4; q++) {
		int x = (q & 1) * 32 + 16, y = (q >> 1) * 32 + 16;
		int Y = yuv[y * 64 + x], U = yuv[64 * 64 + (y / 2) * 32 + x / 2], V = yuv[64 * 64 * 5 / 4 + (y / 2) * 32 + x / 2];
		CHECKF(abs(Y - want[q][0]) <= 2 && abs(U - want[q][1]) <= 2 && abs(V - want[q][2]) <= 2,
		       "quadrant %d: YUV %d,%d,%d, want %d,%d,%d", q, Y, U, V, want[q][0], want[q][1], want[q][2]);
	}
	free(yuv); free(out); free(cmd); free(px); free(path);
}

/* Encode a fading, sometimes moving clip (75 frames at 30 fps, veryfast, the renderer's
 * segment settings) with every fresh heap byte set to `junk` (glibc M_PERTURB); the
 * file's bytes in *data. */
static int encode_with_junk(const char *path, int w, int h, int junk, char **data, size_t *n)
{
	struct enc_opts o = ENC_OPTS_INIT;
	o.width = w; o.height = h; o.fps = 30; o.video_only = 1;
	mallopt(M_PERTURB, junk);
	struct encoder *e;
	int rc = enc_open(path, &o, &e);
	uint8_t *px = xmalloc((size_t)w * 4 * h);
	for (int i = 0; i < 75 && rc == 0; i++) {
		fill(px, w, h, w * 4, i / 4);          /* moves every 4th frame: P, B and skip blocks */
		double a = i < 12 ? (i + 1) / 12.0 : i >= 63 ? (75 - i) / 12.0 : 1.0;
		for (size_t k = 0; k < (size_t)w * 4 * h; k++)
			if (k % 4 != 3) px[k] = (uint8_t)lround(px[k] * a);
		rc = enc_video_bgra(e, px, w * 4);
	}
	if (rc == 0) rc = enc_close(e, 1);
	mallopt(M_PERTURB, 0);
	free(px);
	return rc < 0 ? rc : file_read_all(path, data, n);
}

/* The bytes may not depend on what freed or fresh heap memory held, nor on how libx264's
 * frame threads happen to be scheduled: three encodes of the same frames (fresh heap bytes
 * 0, 0x55, 0xaa) are identical at every size, small ones included. The heap once
 * mattered through libx264's AVX-512 macroblock-tree kernels (masked since; on a CPU
 * without AVX-512 that part passes either way), and frame threads were blamed for it and
 * replaced by sliced threads at small sizes. The stream's x264 SEI shows frame threads,
 * and the parameters ask for them at 1080x1920 too (sliced there once, for memory). */
TEST(encode_frame_threads_same_bytes)
{
	static const int sizes[][2] = { { 64, 112 }, { 108, 192 }, { 216, 384 }, { 360, 640 } };
	static const int junk[] = { 0, 0x55, 0xaa };
	for (size_t s = 0; s < ARRAY_LEN(sizes); s++) {
		char *d[3] = { NULL, NULL, NULL };
		size_t nd[3] = { 0, 0, 0 };
		for (int r = 0; r < 3; r++) {
			char *name = xasprintf("same_%d.mp4", r), *path = path_join(test_tmpdir(), name);
			CHECK(encode_with_junk(path, sizes[s][0], sizes[s][1], junk[r], &d[r], &nd[r]) == 0);
			free(name);
			free(path);
		}
		CHECKF(d[0] && memmem(d[0], nd[0], " threads=2 ", 11) && memmem(d[0], nd[0], "sliced_threads=0", 16),
		       "%dx%d: the x264 SEI does not show 2 frame threads", sizes[s][0], sizes[s][1]);
		for (int r = 1; r < 3; r++)
			CHECKF(nd[0] == nd[r] && !memcmp(d[0], d[r], nd[0]), "%dx%d: run %d gave %zu bytes, run 1 %zu, or other bytes",
			       sizes[s][0], sizes[s][1], r + 1, nd[r], nd[0]);
		for (int r = 0; r < 3; r++) free(d[r]);
	}
	char par[128];
	enc_x264_params("veryfast", 1080, 1920, par, sizeof par);
	CHECKF(!strstr(par, "sliced") && strstr(par, "sync-lookahead=3") && strstr(par, "rc-lookahead=5"), "1080x1920: %s",
	       par);
	enc_x264_params("veryfast", 360, 640, par, sizeof par);
	CHECKF(!strstr(par, "sliced") && strstr(par, "sync-lookahead=3"), "360x640: %s", par);
	enc_x264_params("ultrafast", 360, 640, par, sizeof par);   /* no lookahead: no thread for it */
	CHECKF(strstr(par, "sync-lookahead=0") && !strstr(par, "rc-lookahead"), "ultrafast: %s", par);
}

/* Frames 0..n-1 of a pattern (k: "r" = repeat the previous) through a pipe of the given
 * depth, by whole pictures or in bands of `band` rows (0: whole); the file's bytes. */
static int pipe_encode(const char *path, const char *pattern, int depth, int band, char **data, size_t *n)
{
	struct enc_opts o = ENC_OPTS_INIT;
	o.width = 108; o.height = 198; o.fps = 10; o.video_only = 1;
	struct enc_pipe *q = enc_pipe_new(o.width, o.height, depth);
	uint8_t *px = xmalloc((size_t)o.width * 4 * o.height);
	int rc = enc_pipe_open(q, path, &o);
	for (int i = 0; pattern[i] && rc == 0; i++) {
		if (pattern[i] == 'r') { rc = enc_pipe_repeat(q); continue; }
		fill(px, o.width, o.height, o.width * 4, pattern[i] - 'a');
		if (!band) {
			rc = enc_pipe_bgra(q, px, o.width * 4);
			continue;
		}
		if ((rc = enc_pipe_begin(q)) < 0) break;
		for (int y = 0; y < o.height; y += band)   /* each band from its own copy of the rows */
			enc_pipe_rows(q, px + (size_t)y * o.width * 4, o.width * 4, y, o.height - y < band ? o.height - y : band);
		rc = enc_pipe_commit(q);
	}
	enc_pipe_close(q, rc == 0);
	int rc2 = enc_pipe_free(q);
	free(px);
	if (rc == 0) rc = rc2;
	return rc < 0 ? rc : file_read_all(path, data, n);
}

/* The same frames straight into the writer (no thread): the reference. */
static int direct_encode(const char *path, const char *pattern, char **data, size_t *n)
{
	struct enc_opts o = ENC_OPTS_INIT;
	o.width = 108; o.height = 198; o.fps = 10; o.video_only = 1;
	struct encoder *e;
	int rc = enc_open(path, &o, &e);
	uint8_t *px = xmalloc((size_t)o.width * 4 * o.height);
	for (int i = 0; pattern[i] && rc == 0; i++) {
		if (pattern[i] == 'r') { rc = enc_video_repeat(e); continue; }
		fill(px, o.width, o.height, o.width * 4, pattern[i] - 'a');
		rc = enc_video_bgra(e, px, o.width * 4);
	}
	rc = rc == 0 ? enc_close(e, 1) : (enc_close(e, 0), rc);
	free(px);
	return rc < 0 ? rc : file_read_all(path, data, n);
}

/* The pipe hands x264 its slots without a copy and keeps the last one for repeats: with
 * only two slots, a repeat after the renderer has moved on still shows the right picture
 * (a slot given back too early would hold the next frame by then), and a picture
 * converted in bands (a transition's) is the same as a whole one (bands of 64 rows and
 * a last of 6; of 2 rows). All the same bytes as the writer fed directly. */
TEST(encode_pipe_slots_and_bands_same_bytes)
{
	const char *pattern = "rabrrcdrrrefrgrrrrhijrk";
	char *path = path_join(test_tmpdir(), "ref.mp4"), *ref = NULL;
	size_t nref = 0;
	CHECK(direct_encode(path, pattern, &ref, &nref) == 0);
	static const int cfg[][2] = { { 2, 0 }, { 3, 0 }, { 6, 0 }, { 8, 0 }, { 2, 64 }, { 2, 2 } };
	for (size_t k = 0; k < ARRAY_LEN(cfg); k++) {
		char *p = path_join(test_tmpdir(), "pipe.mp4"), *d = NULL;
		size_t n = 0;
		int rc = pipe_encode(p, pattern, cfg[k][0], cfg[k][1], &d, &n);
		int same = rc == 0 && n == nref && !memcmp(d, ref, n);
		free(d);
		free(p);
		CHECKF(same, "depth %d, bands of %d rows: rc %d, %zu bytes against %zu, or other bytes", cfg[k][0], cfg[k][1], rc,
		       n, nref);
	}
	free(ref);
	free(path);
}

/* enc_pipe_bgra_part: each frame differs from the one before only inside a box (odd
 * corners, at the edges, partly outside, empty), the file closed and another opened
 * between two of them. Converting only the box gives the same two files as converting
 * every picture whole, with 2 and 8 slots. */
static int part_encode(const char *dir, int depth, int part, char **data, size_t *n)
{
	static const int box[][4] = { { 0, 0, 108, 198 }, { 11, 7, 40, 33 }, { -5, 190, 30, 260 }, { 101, 0, 108, 5 },
	                              { 50, 50, 50, 90 }, { 3, 99, 107, 197 }, { 0, 0, 1, 1 }, { 70, 120, 71, 198 } };
	struct enc_opts o = ENC_OPTS_INIT;
	o.width = 108; o.height = 198; o.fps = 10; o.video_only = 1;
	struct enc_pipe *q = enc_pipe_new(o.width, o.height, depth);
	uint8_t *px = xmalloc((size_t)o.width * 4 * o.height), *nx = xmalloc((size_t)o.width * 4 * o.height);
	char *f[2] = { path_join(dir, "part1.mp4"), path_join(dir, "part2.mp4") };
	int rc = enc_pipe_open(q, f[0], &o);
	for (size_t k = 0; k < ARRAY_LEN(box) && rc == 0; k++) {
		fill(nx, o.width, o.height, o.width * 4, (int)k * 7 + 1);    /* new pixels inside the box only */
		for (int y = box[k][1] < 0 ? 0 : box[k][1]; y < box[k][3] && y < o.height; y++)
			for (int x = box[k][0] < 0 ? 0 : box[k][0]; x < box[k][2] && x < o.width; x++)
				memcpy(px + ((size_t)y * o.width + x) * 4, nx + ((size_t)y * o.width + x) * 4, 4);
		rc = part ? enc_pipe_bgra_part(q, px, o.width * 4, box[k]) : enc_pipe_bgra(q, px, o.width * 4);
		if (rc == 0 && k % 3 == 1) rc = enc_pipe_repeat(q);
		if (rc == 0 && k == 4) {
			enc_pipe_close(q, 1);
			rc = enc_pipe_open(q, f[1], &o);
		}
	}
	enc_pipe_close(q, rc == 0);
	int rc2 = enc_pipe_free(q);
	free(px);
	free(nx);
	if (rc == 0) rc = rc2;
	struct sbuf b = { 0 };
	for (int i = 0; i < 2 && rc == 0; i++) {
		char *d = NULL;
		size_t dn = 0;
		if ((rc = file_read_all(f[i], &d, &dn)) == 0) sb_addn(&b, d, dn);
		free(d);
	}
	free(f[0]);
	free(f[1]);
	*data = b.s;
	*n = b.len;
	return rc;
}

TEST(encode_pipe_part_same_bytes)
{
	for (int depth = 2; depth <= 8; depth += 6) {
		char *whole = NULL, *part = NULL;
		size_t nw = 0, np = 0;
		CHECK(part_encode(test_tmpdir(), depth, 0, &whole, &nw) == 0);
		CHECK(part_encode(test_tmpdir(), depth, 1, &part, &np) == 0);
		CHECKF(nw > 0 && nw == np && !memcmp(whole, part, nw), "depth %d: %zu bytes whole, %zu in part, or other bytes",
		       depth, nw, np);
		free(whole);
		free(part);
	}
}

/* The drawing may run 6 full-size frames ahead of x264 (20 MB of slots), small frames 8;
 * never fewer than 2 (a repeat needs the last picture while the next is drawn), and a
 * full-size pipe stays within its budget. */
/* bigpool.c: on an armed thread a big memalign written whole comes back from the pool
 * after free (the same block, counted as reused); one written in part is kept with the
 * pages its size's fresh blocks had written, the others given back (larger than 64 MB:
 * unmapped); an unarmed thread's never comes from it; realloc of a pool block keeps its
 * bytes. */
static void write_all(uint8_t *p, size_t n, int v)
{
	memset(p, v, n);
	__asm__ __volatile__("" : : "r"(p) : "memory");   /* the stores happen (free follows) */
}

TEST(encode_bigpool_reuse)
{
	struct enc_bigpool_stats s0 = enc_bigpool_stats();
	if (!s0.on) return;                  /* a sanitizer build: glibc's allocator alone */
	enc_bigpool_arm(1);
	size_t n = (3u << 20) + 100;
	uint8_t *a = memalign(1u << 21, n);
	CHECK(a && ((uintptr_t)a & ((1u << 21) - 1)) == 0);
	write_all(a, n, 7);
	free(a);
	uint8_t *b = memalign(1u << 21, n);
	struct enc_bigpool_stats s1 = enc_bigpool_stats();
	CHECK(b == a);
	CHECK_INT(s1.reused, s0.reused + 1);
	CHECK_INT(s1.fresh, s0.fresh + 1);
	b[0] = 9;
	uint8_t *c = realloc(b, n * 2);  /* grows out of the pool: the bytes go along */
	CHECK(c && c[0] == 9 && c[n - 1] == 7);
	free(c);
	size_t nd = (4u << 20) + 3 * 4096 + 5;   /* a size x264's buffers in the tests before have not */
	uint8_t *d = memalign(64, nd);         /* one page written of 1028 */
	CHECK(d);
	write_all(d, 1, 1);
	volatile uintptr_t da = (uintptr_t)d; /* its pages, looked at after free */
	free(d);
	struct enc_bigpool_stats s2 = enc_bigpool_stats();
	CHECK_INT(s2.fresh, s1.fresh + 1);
	CHECK_INT(s2.kept_part, s1.kept_part + 1);
	CHECK_INT(s2.unmapped, s1.unmapped);
	uint8_t *d2 = memalign(64, nd);        /* kept: its next owner writes another page */
	CHECK(d2 == d);
	write_all(d2 + 5 * 4096, 1, 2);
	free(d2);
	unsigned char vec[8];
	CHECK(mincore((void *)da, 8 * 4096, vec) == 0);
	CHECK(vec[0] & 1);                    /* written by the fresh block: kept */
	CHECK(!(vec[5] & 1));                 /* not: given back */
	CHECK_INT(enc_bigpool_stats().kept_part, s2.kept_part + 1);
	uint8_t *h = memalign(64, 65u << 20); /* larger than the sizes followed, written in part */
	CHECK(h);
	write_all(h, 1, 1);
	free(h);
	CHECK_INT(enc_bigpool_stats().unmapped, s2.unmapped + 1);
	s2 = enc_bigpool_stats();
	enc_bigpool_arm(0);
	uint8_t *e = memalign(1u << 21, n);
	CHECK(e);
	write_all(e, n, 1);
	free(e);
	struct enc_bigpool_stats s3 = enc_bigpool_stats();
	CHECK_INT(s3.fresh + s3.reused, s2.fresh + s2.reused);
	enc_bigpool_trim();
	CHECK_INT(enc_bigpool_stats().idle, 0);
}

TEST(encode_pipe_depth_by_size)
{
	CHECK_INT(enc_pipe_depth(1080, 1920), 3);
	CHECK_INT(enc_pipe_depth(1920, 1080), 3);
	CHECK_INT(enc_pipe_depth(360, 640), 8);
	CHECK_INT(enc_pipe_depth(2, 2), 8);
	CHECK_INT(enc_pipe_depth(7680, 4320), 2);
	CHECK((size_t)enc_pipe_depth(1080, 1920) * 1080 * 1920 * 3 / 2 <= ENC_PIPE_BUDGET);
}

/* The converter before it was written for one pass and 32-bit loads (three passes,
 * 16-bit arithmetic): the reference the fast one must equal byte for byte. */
static void bgra_to_yuv420_ref(const uint8_t *src, int stride, int w, int h, uint8_t *py, int ly, uint8_t *pu, int lu,
                               uint8_t *pv, int lv)
{
	for (int y = 0; y < h; y += 2) {
		const uint8_t *r0 = src + (size_t)y * stride, *r1 = y + 1 < h ? r0 + stride : r0;
		uint8_t *y0 = py + (size_t)y * ly, *y1 = y + 1 < h ? y0 + ly : y0;
		uint8_t *u = pu + (size_t)(y / 2) * lu, *v = pv + (size_t)(y / 2) * lv;
		for (int x = 0; x < w; x++) {
			const uint8_t *a = r0 + 4 * x;
			y0[x] = (uint8_t)((uint16_t)(16 * a[0] + 157 * a[1] + 47 * a[2] + 4224) >> 8);
		}
		for (int x = 0; x < w; x++) {
			const uint8_t *b = r1 + 4 * x;
			y1[x] = (uint8_t)((uint16_t)(16 * b[0] + 157 * b[1] + 47 * b[2] + 4224) >> 8);
		}
		for (int x = 0; x < w / 2; x++) {
			const uint8_t *a = r0 + 8 * x, *b = r1 + 8 * x;
			int16_t B = (int16_t)((a[0] + a[4] + b[0] + b[4] + 2) >> 2);
			int16_t G = (int16_t)((a[1] + a[5] + b[1] + b[5] + 2) >> 2);
			int16_t R = (int16_t)((a[2] + a[6] + b[2] + b[6] + 2) >> 2);
			u[x] = (uint8_t)(((int16_t)(-26 * R - 86 * G + 112 * B + 128) >> 8) + 128);
			v[x] = (uint8_t)(((int16_t)(112 * R - 102 * G - 10 * B + 128) >> 8) + 128);
		}
		if (w & 1) {
			const uint8_t *a = r0 + 4 * (w - 1), *b = r1 + 4 * (w - 1);
			int16_t B = (int16_t)((a[0] + b[0] + 1) >> 1), G = (int16_t)((a[1] + b[1] + 1) >> 1),
			        R = (int16_t)((a[2] + b[2] + 1) >> 1);
			u[w / 2] = (uint8_t)(((int16_t)(-26 * R - 86 * G + 112 * B + 128) >> 8) + 128);
			v[w / 2] = (uint8_t)(((int16_t)(112 * R - 102 * G - 10 * B + 128) >> 8) + 128);
		}
	}
}

/* The fast converter gives the reference's bytes: random pixels (every channel value,
 * alpha ignored), the extremes, odd and even sizes (down to 1x1), strides with padding,
 * and it writes nothing outside its planes' w x h (guard bytes around each plane). */
TEST(encode_bgra_to_yuv_same_bytes)
{
	static const int sizes[][2] = { { 1, 1 }, { 2, 2 }, { 3, 5 }, { 17, 9 }, { 64, 64 }, { 67, 33 }, { 1080, 6 }, { 361, 641 } };
	uint64_t s = 0x9e3779b97f4a7c15u;
	for (size_t k = 0; k < ARRAY_LEN(sizes); k++) {
		int w = sizes[k][0], h = sizes[k][1], stride = 4 * w + 4 * (int)(k % 3) * 8;
		int ly = w + 7, lc = (w + 1) / 2 + 5, ch = (h + 1) / 2;
		uint8_t *src = xmalloc((size_t)stride * h);
		for (size_t i = 0; i < (size_t)stride * h; i++) {
			s = s * 6364136223846793005u + 1442695040888963407u;
			uint8_t b = (uint8_t)(s >> 33);
			src[i] = (s >> 60) == 0 ? 255 : (s >> 60) == 1 ? 0 : b;     /* the extremes often */
		}
		size_t ny = (size_t)ly * h + 64, nc = (size_t)lc * ch + 64;
		uint8_t *out[2][3];
		for (int m = 0; m < 2; m++) {
			out[m][0] = xmalloc(ny);
			out[m][1] = xmalloc(nc);
			out[m][2] = xmalloc(nc);
			memset(out[m][0], 0xA5, ny);
			memset(out[m][1], 0xA5, nc);
			memset(out[m][2], 0xA5, nc);
		}
		bgra_to_yuv420_ref(src, stride, w, h, out[0][0] + 32, ly, out[0][1] + 32, lc, out[0][2] + 32, lc);
		enc_bgra_to_yuv420(src, stride, w, h, out[1][0] + 32, ly, out[1][1] + 32, lc, out[1][2] + 32, lc);
		int same = !memcmp(out[0][0], out[1][0], ny) && !memcmp(out[0][1], out[1][1], nc) && !memcmp(out[0][2], out[1][2], nc);
		int guards = out[1][0][31] == 0xA5 && out[1][0][ny - 1] == 0xA5 && out[1][1][31] == 0xA5 && out[1][2][nc - 1] == 0xA5;
		for (int m = 0; m < 2; m++)
			for (int p = 0; p < 3; p++) free(out[m][p]);
		free(src);
		CHECKF(same, "%dx%d: the fast converter's bytes differ from the reference's", w, h);
		CHECKF(guards, "%dx%d: the converter wrote outside its planes", w, h);
	}
}

/* enc_pipe_boxes: the boxes (odd edges widened to 2x2 blocks, overlapping, one reaching
 * outside the picture) hold the whole picture's conversion, every other sample of the
 * slot is left as it was. */
TEST(encode_pipe_boxes_convert_only_the_boxes)
{
	enum { W = 64, H = 48 };
	uint8_t *px = xmalloc(W * H * 4);
	uint64_t s = 7;
	for (int i = 0; i < W * H * 4; i++) {
		s = s * 6364136223846793005u + 1442695040888963407u;
		px[i] = (uint8_t)(s >> 33);
	}
	uint8_t whole[W * H + 2 * (W / 2) * (H / 2)];
	uint8_t *wy = whole, *wu = wy + W * H, *wv = wu + (W / 2) * (H / 2);
	enc_bgra_to_yuv420(px, W * 4, W, H, wy, W, wu, W / 2, wv, W / 2);
	static const int boxes[][4] = { { 3, 5, 20, 17 }, { 10, 9, 31, 30 }, { 50, 40, 70, 60 }, { 7, 7, 7, 20 } };
	struct enc_pipe *q = enc_pipe_new(W, H, 2);
	CHECK(enc_pipe_begin(q) == 0);
	uint8_t *pl[3];
	int ls[3];
	enc_pipe_planes(q, pl, ls);
	for (int p = 0; p < 3; p++) memset(pl[p], 0x5A, (size_t)ls[p] * (p ? H / 2 : H));
	enc_pipe_boxes(q, px, W * 4, boxes, (int)ARRAY_LEN(boxes));
	long bad = 0;
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			int in = 0;
			for (size_t k = 0; k < ARRAY_LEN(boxes); k++)
				in |= boxes[k][2] > boxes[k][0] && x >= (boxes[k][0] & ~1) && x < ((boxes[k][2] + 1) & ~1) &&
				      y >= (boxes[k][1] & ~1) && y < ((boxes[k][3] + 1) & ~1);
			bad += pl[0][y * ls[0] + x] != (in ? wy[y * W + x] : 0x5A);
			if (!(x & 1) && !(y & 1)) {
				int c = (y / 2) * ls[1] + x / 2, w = (y / 2) * (W / 2) + x / 2;
				bad += pl[1][c] != (in ? wu[w] : 0x5A);
				bad += pl[2][c] != (in ? wv[w] : 0x5A);
			}
		}
	CHECKF(bad == 0, "%ld samples differ from the whole conversion inside the boxes or were touched outside", bad);
	CHECK(enc_pipe_commit(q) == 0);
	CHECK(enc_pipe_free(q) == 0);
	free(px);
}
