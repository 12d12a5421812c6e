/* encode/pipe.c — the encoding thread: a bounded queue of commands (open a file, a
 * frame, repeat the last frame, close) executed in order while the caller renders.
 * Frames wait in the queue as YUV 4:2:0, converted on the caller's thread: a slot is a
 * third of a BGRA frame (1080x1920: 3.1 MB instead of 8.3 MB) and the caller's picture
 * is not copied first. */
#include "encode/encode.h"
#include "encode/enc_internal.h"
#include "core/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { CMD_OPEN, CMD_FRAME, CMD_REPEAT, CMD_CLOSE, CMD_STOP };

struct cmd {
	int kind;
	int slot;               /* CMD_FRAME: buffer index */
	int ok;                 /* CMD_CLOSE */
	char *path;             /* CMD_OPEN */
	struct enc_opts o;
	char preset[16];
};

struct enc_pipe {
	int w, h, depth;
	int lw[3], lh[3];       /* plane strides and heights */
	uint8_t **bufs;         /* depth YUV 4:2:0 frames, planes one after the other */
	int *buf_free;          /* 1 = available to the producer */
	struct cmd *q; size_t qcap, qhead, qlen;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t th;
	int busy;               /* worker executing a command */
	int err;                /* first error code, 0 */
	char errmsg[512];
	struct encoder *enc;
	int filling;            /* slot between enc_pipe_begin and enc_pipe_commit, -1 */
	int last;               /* slot of the last frame queued, -1: its picture is still in it
	                         * (a slot is written only after enc_pipe_begin takes it) */
	size_t size;            /* bytes of a slot */
	double t_idle, t_open, t_close, t_wait;   /* seconds (logged by enc_pipe_free at -v): the
	                         * encoding thread waiting for a command (x264 starved), opening an
	                         * encoder, closing one (x264 draining its delayed frames); the
	                         * drawing waiting for a free slot */
};

static void push(struct enc_pipe *q, const struct cmd *c)
{
	pthread_mutex_lock(&q->mu);
	if (q->qlen == q->qcap) {
		size_t nc = q->qcap * 2;
		struct cmd *n = xcalloc(nc, sizeof *n);
		for (size_t i = 0; i < q->qlen; i++) n[i] = q->q[(q->qhead + i) % q->qcap];
		free(q->q);
		q->q = n;
		q->qcap = nc;
		q->qhead = 0;
	}
	q->q[(q->qhead + q->qlen) % q->qcap] = *c;
	q->qlen++;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

static void fail(struct enc_pipe *q, int rc)
{
	pthread_mutex_lock(&q->mu);
	if (!q->err) {
		q->err = rc < 0 ? rc : ERR_GENERIC;
		snprintf(q->errmsg, sizeof q->errmsg, "%s", err_msg());
	}
	pthread_mutex_unlock(&q->mu);
}

static void planes(const struct enc_pipe *q, int slot, uint8_t *pl[3])
{
	pl[0] = q->bufs[slot];
	pl[1] = pl[0] + (size_t)q->lw[0] * q->lh[0];
	pl[2] = pl[1] + (size_t)q->lw[1] * q->lh[1];
}

/* The free callback of a slot's AVBufferRef: the slot is the renderer's again. */
static void slot_release(void *opaque, uint8_t *data)
{
	struct enc_pipe *q = opaque;
	pthread_mutex_lock(&q->mu);
	for (int i = 0; i < q->depth; i++)
		if (q->bufs[i] == data) q->buf_free[i] = 1;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

static void *worker(void *arg)
{
	struct enc_pipe *q = arg;
	enc_bigpool_arm(1);     /* x264's buffers: each encoder reuses the last one's pages */
	for (;;) {
		pthread_mutex_lock(&q->mu);
		if (!q->qlen) {
			double t0 = now_sec();
			while (!q->qlen) pthread_cond_wait(&q->cv, &q->mu);
			q->t_idle += now_sec() - t0;
		}
		struct cmd c = q->q[q->qhead];
		q->qhead = (q->qhead + 1) % q->qcap;
		q->qlen--;
		q->busy = 1;
		int failed = q->err != 0;
		pthread_mutex_unlock(&q->mu);
		int rc = 0;
		double t0 = now_sec();
		switch (c.kind) {
		case CMD_OPEN:
			if (!failed) {
				c.o.preset = c.preset;
				rc = enc_open(c.path, &c.o, &q->enc);
			}
			free(c.path);
			q->t_open += now_sec() - t0;
			break;
		case CMD_FRAME:
			/* x264 reads the slot itself (it copies the picture into its own frame); the
			 * encoder keeps it as its last picture for repeats and gives it back
			 * (slot_release) when the next frame comes or the file is closed */
			if (!failed && q->enc) {
				uint8_t *pl[3];
				planes(q, c.slot, pl);
				AVBufferRef *b = av_buffer_create(q->bufs[c.slot], q->size, slot_release, q, 0);
				if (!b) {
					slot_release(q, q->bufs[c.slot]);
					rc = err_set(ERR_GENERIC, "out of memory for a video frame");
				} else {
					rc = enc_video_send_ref(q->enc, b, pl, q->lw);
				}
			} else {
				slot_release(q, q->bufs[c.slot]);
			}
			break;
		case CMD_REPEAT:
			if (!failed && q->enc) rc = enc_video_repeat(q->enc);
			break;
		case CMD_CLOSE:
			rc = enc_close(q->enc, c.ok && !failed);
			q->enc = NULL;
			q->t_close += now_sec() - t0;
			break;
		default:
			break;
		}
		if (rc < 0) fail(q, rc);
		pthread_mutex_lock(&q->mu);
		q->busy = 0;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
		if (c.kind == CMD_STOP) break;
	}
	return NULL;
}

int enc_pipe_depth(int width, int height)
{
	size_t slot = (size_t)width * height + 2 * (size_t)((width + 1) / 2) * ((height + 1) / 2);
	size_t n = slot ? ENC_PIPE_BUDGET / slot : 8;
	return n < 2 ? 2 : n > 8 ? 8 : (int)n;
}

struct enc_pipe *enc_pipe_new(int width, int height, int depth)
{
	struct enc_pipe *q = xcalloc(1, sizeof *q);
	q->w = width;
	q->h = height;
	q->lw[0] = width;
	q->lh[0] = height;
	q->lw[1] = q->lw[2] = (width + 1) / 2;
	q->lh[1] = q->lh[2] = (height + 1) / 2;
	size_t size = (size_t)width * height + 2 * (size_t)q->lw[1] * q->lh[1];
	q->size = size;
	q->filling = -1;
	q->last = -1;
	q->depth = depth < 2 ? 2 : depth;
	q->bufs = xcalloc((size_t)q->depth, sizeof *q->bufs);
	q->buf_free = xcalloc((size_t)q->depth, sizeof *q->buf_free);
	for (int i = 0; i < q->depth; i++) {
		q->bufs[i] = xmalloc(size);
		q->buf_free[i] = 1;
	}
	q->qcap = 16;
	q->q = xcalloc(q->qcap, sizeof *q->q);
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->cv, NULL);
	pthread_create(&q->th, NULL, worker, q);
	return q;
}

int enc_pipe_open(struct enc_pipe *q, const char *path, const struct enc_opts *o)
{
	struct cmd c = { .kind = CMD_OPEN, .path = xstrdup(path), .o = *o };
	snprintf(c.preset, sizeof c.preset, "%s", o->preset ? o->preset : "veryfast");
	c.o.preset = NULL;
	if (o->width != q->w || o->height != q->h) {
		free(c.path);
		return err_set(ERR_INPUT, "encoder pipe is %dx%d, not %dx%d", q->w, q->h, o->width, o->height);
	}
	push(q, &c);
	return 0;
}

int enc_pipe_begin(struct enc_pipe *q)
{
	int slot = -1;
	pthread_mutex_lock(&q->mu);
	for (;;) {
		if (q->err) {
			int rc = q->err;
			err_set(rc, "%s", q->errmsg);
			pthread_mutex_unlock(&q->mu);
			return rc;
		}
		for (int i = 0; i < q->depth && slot < 0; i++)
			if (q->buf_free[i]) slot = i;
		if (slot >= 0) break;
		double t0 = now_sec();
		pthread_cond_wait(&q->cv, &q->mu);
		q->t_wait += now_sec() - t0;
	}
	q->buf_free[slot] = 0;
	q->filling = slot;
	pthread_mutex_unlock(&q->mu);
	return 0;
}

void enc_pipe_rows(struct enc_pipe *q, const uint8_t *bgra, int stride, int y, int rows)
{
	uint8_t *pl[3];
	planes(q, q->filling, pl);
	if (y < 0 || rows <= 0 || y + rows > q->h) return;
	enc_bgra_to_yuv420(bgra, stride, q->w, rows, pl[0] + (size_t)y * q->lw[0], q->lw[0], pl[1] + (size_t)(y / 2) * q->lw[1],
	                   q->lw[1], pl[2] + (size_t)(y / 2) * q->lw[2], q->lw[2]);
}

void enc_pipe_planes(struct enc_pipe *q, uint8_t *pl[3], int ls[3])
{
	planes(q, q->filling, pl);
	for (int i = 0; i < 3; i++) ls[i] = q->lw[i];
}

void enc_pipe_boxes(struct enc_pipe *q, const uint8_t *bgra, int stride, const int (*boxes)[4], int n)
{
	uint8_t *pl[3];
	planes(q, q->filling, pl);
	int b[64][4], m = 0;
	for (int k = 0; k < n && m < 64; k++) {   /* widened to whole 2x2 blocks, inside the picture */
		if (boxes[k][2] <= boxes[k][0] || boxes[k][3] <= boxes[k][1]) continue;
		int x0 = boxes[k][0] < 0 ? 0 : boxes[k][0] & ~1, y0 = boxes[k][1] < 0 ? 0 : boxes[k][1] & ~1;
		int x1 = boxes[k][2] >= q->w ? q->w : (boxes[k][2] + 1) & ~1, y1 = boxes[k][3] >= q->h ? q->h : (boxes[k][3] + 1) & ~1;
		if (x1 > x0 && y1 > y0) b[m][0] = x0, b[m][1] = y0, b[m][2] = x1, b[m][3] = y1, m++;
	}
	for (int y = 0; y < q->h; y += 2) {
		/* this row pair's columns covered, merged (each converted once) */
		int sx0[64], sx1[64], ns = 0;
		for (int k = 0; k < m; k++) {
			if (y < b[k][1] || y >= b[k][3]) continue;
			int j = ns++;
			while (j > 0 && sx0[j - 1] > b[k][0]) {
				sx0[j] = sx0[j - 1];
				sx1[j] = sx1[j - 1];
				j--;
			}
			sx0[j] = b[k][0];
			sx1[j] = b[k][2];
		}
		int rows = y + 2 <= q->h ? 2 : 1;
		for (int k = 0; k < ns;) {
			int a = sx0[k], e = sx1[k++];
			while (k < ns && sx0[k] <= e) e = sx1[k] > e ? sx1[k] : e, k++;
			enc_bgra_to_yuv420(bgra + (size_t)y * stride + 4 * (size_t)a, stride, e - a, rows, pl[0] + (size_t)y * q->lw[0] + a,
			                   q->lw[0], pl[1] + (size_t)(y / 2) * q->lw[1] + a / 2, q->lw[1],
			                   pl[2] + (size_t)(y / 2) * q->lw[2] + a / 2, q->lw[2]);
		}
	}
}

int enc_pipe_commit(struct enc_pipe *q)
{
	struct cmd c = { .kind = CMD_FRAME, .slot = q->filling };
	q->last = q->filling;
	q->filling = -1;
	push(q, &c);
	return 0;
}

int enc_pipe_bgra(struct enc_pipe *q, const uint8_t *bgra, int stride)
{
	int rc = enc_pipe_begin(q);
	if (rc < 0) return rc;
	enc_pipe_rows(q, bgra, stride, 0, q->h);
	return enc_pipe_commit(q);
}

/* Plane p of slot `from` copied into slot `to`, all but the box (x0 y0 x1 y1 in that
 * plane's samples, x0 < x1 and y0 < y1 or an empty box) that is converted anew. */
static void copy_around(const struct enc_pipe *q, int to, int from, int p, int x0, int y0, int x1, int y1)
{
	uint8_t *dst[3], *src[3];
	planes(q, to, dst);
	planes(q, from, src);
	size_t lw = (size_t)q->lw[p];
	if (x1 <= x0 || y1 <= y0) y0 = y1 = 0;
	memcpy(dst[p], src[p], lw * (size_t)y0);
	for (int y = y0; y < y1; y++) {
		memcpy(dst[p] + lw * y, src[p] + lw * y, (size_t)x0);
		memcpy(dst[p] + lw * y + x1, src[p] + lw * y + x1, lw - (size_t)x1);
	}
	memcpy(dst[p] + lw * y1, src[p] + lw * y1, lw * (size_t)(q->lh[p] - y1));
}

/* Only box (x0 y0 x1 y1, widened to whole 2x2 chroma blocks) is converted; the rest of
 * the slot is the last frame's YUV, copied (a memcpy is several times cheaper than the
 * conversion it replaces), around the box only. Each 2x2 block's bytes depend only on
 * its own pixels, so the slot is the same as a whole conversion's. */
int enc_pipe_bgra_part(struct enc_pipe *q, const uint8_t *bgra, int stride, const int box[4])
{
	if (q->last < 0) return enc_pipe_bgra(q, bgra, stride);
	int last = q->last, rc = enc_pipe_begin(q);
	if (rc < 0) return rc;
	int x0 = box[0] < 0 ? 0 : box[0] & ~1, y0 = box[1] < 0 ? 0 : box[1] & ~1;
	int x1 = box[2] >= q->w ? q->w : (box[2] + 1) & ~1, y1 = box[3] >= q->h ? q->h : (box[3] + 1) & ~1;
	if (q->filling != last) {
		copy_around(q, q->filling, last, 0, x0, y0, x1, y1);
		for (int p = 1; p < 3; p++) copy_around(q, q->filling, last, p, x0 / 2, y0 / 2, (x1 + 1) / 2, (y1 + 1) / 2);
	}
	if (x1 > x0 && y1 > y0) {
		uint8_t *pl[3];
		planes(q, q->filling, pl);
		enc_bgra_to_yuv420(bgra + (size_t)y0 * stride + 4 * (size_t)x0, stride, x1 - x0, y1 - y0,
		                   pl[0] + (size_t)y0 * q->lw[0] + x0, q->lw[0], pl[1] + (size_t)(y0 / 2) * q->lw[1] + x0 / 2,
		                   q->lw[1], pl[2] + (size_t)(y0 / 2) * q->lw[2] + x0 / 2, q->lw[2]);
	}
	return enc_pipe_commit(q);
}

int enc_pipe_repeat(struct enc_pipe *q)
{
	struct cmd c = { .kind = CMD_REPEAT };
	push(q, &c);
	return 0;
}

int enc_pipe_close(struct enc_pipe *q, int ok)
{
	struct cmd c = { .kind = CMD_CLOSE, .ok = ok };
	push(q, &c);
	return 0;
}

int enc_pipe_sync(struct enc_pipe *q)
{
	pthread_mutex_lock(&q->mu);
	while (q->qlen || q->busy) pthread_cond_wait(&q->cv, &q->mu);
	int rc = q->err;
	if (rc) err_set(rc, "%s", q->errmsg);
	pthread_mutex_unlock(&q->mu);
	return rc;
}

int enc_pipe_free(struct enc_pipe *q)
{
	if (!q) return 0;
	struct cmd c = { .kind = CMD_CLOSE, .ok = 0 };
	push(q, &c);          /* discards a file left open after an error */
	int rc = enc_pipe_sync(q);
	c.kind = CMD_STOP;
	push(q, &c);
	pthread_join(q->th, NULL);
	struct enc_bigpool_stats bs = enc_bigpool_stats();
	enc_bigpool_trim();
	log_debug("encode", "x264's big buffers: %ld fresh, %ld reused (%ld kept written in part), %.0f MB held at the end",
	          bs.fresh, bs.reused, bs.kept_part, bs.held_mb);
	log_debug("encode", "pipe %dx%d: encoder opening %.2f s, closing %.2f s, idle %.2f s; drawing waited %.2f s for a slot",
	          q->w, q->h, q->t_open, q->t_close, q->t_idle, q->t_wait);
	for (int i = 0; i < q->depth; i++) free(q->bufs[i]);
	free(q->bufs);
	free(q->buf_free);
	free(q->q);
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->cv);
	free(q);
	return rc;
}
