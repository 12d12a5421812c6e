/* encode/pipe.c — the encoding thread: a bounded queue of commands (open a file, a
 * frame, repeat the last frame, close) executed in order while the caller renders. */
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
	int w, h, stride, depth;
	uint8_t **bufs;
	int *buf_free;          /* 1 = available to the producer */
	int cur;                /* slot handed out by enc_pipe_frame, -1 none */
	struct cmd *q; size_t qcap, qhead, qlen;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t th;
	int busy;               /* worker executing a command */
	int err;                /* first error code, 0 */
	char errmsg[512];
	struct encoder *enc;
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

static void *worker(void *arg)
{
	struct enc_pipe *q = arg;
	for (;;) {
		pthread_mutex_lock(&q->mu);
		while (!q->qlen) pthread_cond_wait(&q->cv, &q->mu);
		struct cmd c = q->q[q->qhead];
		q->qhead = (q->qhead + 1) % q->qcap;
		q->qlen--;
		q->busy = 1;
		int failed = q->err != 0;
		pthread_mutex_unlock(&q->mu);
		int rc = 0;
		switch (c.kind) {
		case CMD_OPEN:
			if (!failed) {
				c.o.preset = c.preset;
				rc = enc_open(c.path, &c.o, &q->enc);
			}
			free(c.path);
			break;
		case CMD_FRAME:
			/* convert, hand the buffer back to the renderer, then let x264 work */
			if (!failed && q->enc) rc = enc_video_convert(q->enc, q->bufs[c.slot], q->stride);
			pthread_mutex_lock(&q->mu);
			q->buf_free[c.slot] = 1;
			pthread_cond_broadcast(&q->cv);
			pthread_mutex_unlock(&q->mu);
			if (rc == 0 && !failed && q->enc) rc = enc_video_send(q->enc);
			break;
		case CMD_REPEAT:
			if (!failed && q->enc) rc = enc_video_repeat(q->enc);
			break;
		case CMD_CLOSE:
			rc = enc_close(q->enc, c.ok && !failed);
			q->enc = NULL;
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

struct enc_pipe *enc_pipe_new(int width, int height, int depth)
{
	struct enc_pipe *q = xcalloc(1, sizeof *q);
	q->w = width;
	q->h = height;
	q->stride = width * 4;
	q->depth = depth < 2 ? 2 : depth;
	q->bufs = xcalloc((size_t)q->depth, sizeof *q->bufs);
	q->buf_free = xcalloc((size_t)q->depth, sizeof *q->buf_free);
	for (int i = 0; i < q->depth; i++) {
		q->bufs[i] = xmalloc((size_t)q->stride * height);
		q->buf_free[i] = 1;
	}
	q->cur = -1;
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

uint8_t *enc_pipe_frame(struct enc_pipe *q, int *stride)
{
	*stride = q->stride;
	if (q->cur >= 0) return q->bufs[q->cur];
	pthread_mutex_lock(&q->mu);
	for (;;) {
		if (q->err) { pthread_mutex_unlock(&q->mu); return NULL; }
		for (int i = 0; i < q->depth; i++)
			if (q->buf_free[i]) { q->cur = i; break; }
		if (q->cur >= 0) break;
		pthread_cond_wait(&q->cv, &q->mu);
	}
	q->buf_free[q->cur] = 0;
	pthread_mutex_unlock(&q->mu);
	return q->bufs[q->cur];
}

int enc_pipe_submit(struct enc_pipe *q)
{
	if (q->cur < 0) return err_set(ERR_GENERIC, "enc_pipe_submit without enc_pipe_frame");
	struct cmd c = { .kind = CMD_FRAME, .slot = q->cur };
	q->cur = -1;
	push(q, &c);
	return 0;
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
	if (q->cur >= 0) {
		q->buf_free[q->cur] = 1;
		q->cur = -1;
	}
	struct cmd c = { .kind = CMD_CLOSE, .ok = 0 };
	push(q, &c);          /* discards a file left open after an error */
	int rc = enc_pipe_sync(q);
	c.kind = CMD_STOP;
	push(q, &c);
	pthread_join(q->th, NULL);
	for (int i = 0; i < q->depth; i++) free(q->bufs[i]);
	free(q->bufs);
	free(q->buf_free);
	free(q->q);
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->cv);
	free(q);
	return rc;
}
