/* render/pool.c — the pixel blocks of a shot's big surfaces kept from one shot to the next.
 *
 * A shot's magnified room (a 10.4 MB layer at 1080x1920), the front layer's magnified
 * part, the characters' cropped layers and their cached heads are allocated by one shot
 * and freed when the next one starts. Each is above malloc's mmap threshold, so free()
 * gave the pages back to the kernel and the next shot took fresh ones: a page fault and
 * a zeroed page for every 4 KB. The pool keeps the blocks freed by such surfaces (at most
 * RPOOL_KEEP) and hands them to the next shot's. Only surfaces whose every pixel is then
 * painted with CAIRO_OPERATOR_SOURCE come from here, and a block is not cleared again:
 * clearing would touch every page, where a fresh surface's untouched pages (most of a
 * layer drawn with gaps) cost no memory — the first version cleared them and its peak
 * was 22 MB higher. A surface that none fits frees the idle blocks before it takes a
 * fresh one, and what the next shot's set-up did not take is freed when it ends
 * (rpool_trim): nothing idle is held beside a fresh block or while frames are drawn.
 *
 * Process-wide under a mutex: a surface may be destroyed on another thread than the one
 * that made it. Blocks under RPOOL_MIN come from cairo as before. */
#include "render/render_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define RPOOL_MIN (1u << 20)
#define RPOOL_KEEP 6
#define RPOOL_PAGE 4096u

struct rblock { void *p; size_t cap; };

static pthread_mutex_t pool_mu = PTHREAD_MUTEX_INITIALIZER;
static struct rblock pool_idle[RPOOL_KEEP];
static int pool_n;
static struct rpool_stats pool_st;
static const cairo_user_data_key_t pool_key;

/* A surface's block comes back: kept while there is room, else freed. */
static void block_back(void *data)
{
	struct rblock *b = data;
	pthread_mutex_lock(&pool_mu);
	int keep = pool_n < RPOOL_KEEP;
	if (keep) pool_idle[pool_n++] = *b;
	pthread_mutex_unlock(&pool_mu);
	if (!keep) free(b->p);
	free(b);
}

/* The idle block that fits need best (no more than a quarter larger), taken out. NULL if
 * none: then the idle blocks are freed before a fresh one is taken, so the memory held is
 * never more than it was without the pool (where they were freed with their surfaces). */
static void *block_take(size_t need, size_t *cap)
{
	void *p = NULL;
	struct rblock idle[RPOOL_KEEP];
	int n_idle = 0;
	pthread_mutex_lock(&pool_mu);
	int best = -1;
	for (int i = 0; i < pool_n; i++)
		if (pool_idle[i].cap >= need && pool_idle[i].cap - need <= need / 4 &&
		    (best < 0 || pool_idle[i].cap < pool_idle[best].cap))
			best = i;
	if (best >= 0) {
		p = pool_idle[best].p;
		*cap = pool_idle[best].cap;
		pool_idle[best] = pool_idle[--pool_n];
		pool_st.reused++;
	} else {
		pool_st.fresh++;
		n_idle = pool_n;
		memcpy(idle, pool_idle, sizeof idle);
		pool_n = 0;
	}
	pthread_mutex_unlock(&pool_mu);
	for (int i = 0; i < n_idle; i++) free(idle[i].p);
	return p;
}

cairo_surface_t *rpool_overwrite(int w, int h)
{
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w);
	size_t need = stride > 0 && h > 0 ? (size_t)stride * (size_t)h : 0;
	if (need < RPOOL_MIN) return cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	size_t cap = need;
	void *p = block_take(need, &cap);
	if (p && cap - need >= 2 * RPOOL_PAGE) {
		/* the pages past need were written by the block's last surface: give them back
		 * (they would stay resident unused, about 4 MB more at the peak of a 1080 make) */
		uintptr_t from = ((uintptr_t)p + need + RPOOL_PAGE - 1) & ~(uintptr_t)(RPOOL_PAGE - 1);
		uintptr_t to = ((uintptr_t)p + cap) & ~(uintptr_t)(RPOOL_PAGE - 1);
		if (to > from) madvise((void *)from, to - from, MADV_DONTNEED);
	}
	if (!p && !(p = calloc(1, need))) return cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_surface_t *s = cairo_image_surface_create_for_data(p, CAIRO_FORMAT_ARGB32, w, h, stride);
	struct rblock *b = xmalloc(sizeof *b);
	*b = (struct rblock){ p, cap };
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
	    cairo_surface_set_user_data(s, &pool_key, b, block_back) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		free(b);
		free(p);
		return cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	}
	return s;
}

void rpool_trim(void)
{
	struct rblock idle[RPOOL_KEEP];
	pthread_mutex_lock(&pool_mu);
	int n = pool_n;
	memcpy(idle, pool_idle, sizeof idle);
	pool_n = 0;
	pthread_mutex_unlock(&pool_mu);
	for (int i = 0; i < n; i++) free(idle[i].p);
}

struct rpool_stats rpool_stats(void)
{
	pthread_mutex_lock(&pool_mu);
	struct rpool_stats s = pool_st;
	s.idle = pool_n;
	pthread_mutex_unlock(&pool_mu);
	return s;
}
