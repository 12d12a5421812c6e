/* encode/bigpool.c — libx264's big buffers kept from one encoder to the next.
 *
 * Every shot is its own MP4 (the segment cache), so the encoding thread opens and closes
 * a libx264 encoder per shot: 72 times in a 3-minute make. Each open takes about 170 MB
 * at 1080x1920 (frames, lookahead, half-pel planes) in 24 blocks above malloc's mmap
 * threshold (1 MB, main.c), which close gave back to the kernel and the next open
 * took again fresh: a page fault and a zeroed page for every 4 KB, 2.6 million faults and
 * 6.4 s of kernel CPU beside x264 in a render (perf, call graphs). libx264 has no allocator
 * hooks; it takes every buffer with memalign (x264_malloc). So this file replaces
 * memalign, free and realloc for the process: a memalign of BIGPOOL_MIN or more made on a
 * thread that armed the pool (the encoding thread, enc_bigpool_arm) gets a block of its
 * own mapping, and free keeps that block for the next memalign of exactly the same size
 * and alignment (an encoder asks for the same sizes as the one before it). Everything else
 * goes straight to glibc (__libc_memalign, __libc_free, __libc_realloc); malloc, calloc,
 * posix_memalign (FFmpeg's av_malloc) and the rest are glibc's, never pool blocks.
 *
 * Memory: a block is idle only between one encoder's close and the next one's open on the
 * same thread, or after the last; enc_bigpool_trim unmaps the idle ones (the pipe calls
 * it when it stops). A block is reused only by a request of its very size and, among those, in the order the last encoder took them (the
 * n-th buffer of a size goes to the n-th request for that size). A block whose every page
 * was written is kept whole; one written in part (libx264's frame buffers are 92-95%
 * written, the hole a little different each time; some others 1-99%) is kept with only the
 * pages that every fresh block of its size had written when freed (keep_written_part): the
 * rest are given back with MADV_DONTNEED, so its next owner is not handed pages an earlier
 * owner wrote and it may never write (RSS), and faults in only those. Measured, render of a
 * 3-minute 1080x1920 episode (`drama render` with voices and music cached), whole blocks
 * only: page faults 3.67 -> 2.55 million, system CPU 9.2 -> 6.3 s, peak 289 MB as before,
 * the same MP4 bytes. Blocks written in part kept too (`drama make` of the demo, ep01.mp4
 * the same bytes, cmp): 1335 fresh blocks -> 24 of 1728, minor faults 2.63 -> 1.17 million,
 * system CPU 6.9 -> 4.4 s; RSS while drawing +5.7 MB on average over the 72 segments (261.6
 * -> 267.3 MB), peak 293.7 MB (297.2 MB an hour before) -> 299.7 MB: close to the 300 MB
 * cap. Keeping every page of them instead: 3.5 s, but 303.1 MB.
 *
 * Not built under a sanitizer (it owns malloc there): then arm and trim do nothing. */
#include "encode/encode.h"
#include "core/util.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define BIGPOOL_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define BIGPOOL_OFF 1
#endif
#endif

#ifndef BIGPOOL_OFF

#define BIGPOOL_MIN (1u << 20)
#define BIGPOOL_MAX 128            /* blocks tracked at once; more go to glibc */
#define BIGPOOL_PAGE 4096u

void *__libc_malloc(size_t n);
void __libc_free(void *p);
void *__libc_realloc(void *p, size_t n);
void *__libc_memalign(size_t align, size_t n);

struct bblock { uint8_t *p; size_t cap, align; uint8_t *map; size_t map_len; int busy; uint64_t seq; int used; };

/* For each block size: the pages that every fresh block of that size had written when it
 * was freed (the intersection of their mincore vectors), 1 = always written. */
#define BIGPOOL_CLASSES 32
#define BIGPOOL_VEC 16384          /* pages of the largest block whose pages are followed (64 MB) */
struct bclass { size_t cap; unsigned char *always; };
static struct bclass bc[BIGPOOL_CLASSES];
static int bc_n;
static unsigned char bp_vec[BIGPOOL_VEC];

static pthread_mutex_t bp_mu = PTHREAD_MUTEX_INITIALIZER;
static struct bblock bp[BIGPOOL_MAX];
static int bp_n;
static uintptr_t bp_lo = UINTPTR_MAX, bp_hi;   /* bounds of all blocks: free's quick test */
static struct enc_bigpool_stats bp_st;
static uint64_t bp_seq;                        /* takes so far: a block's seq is its last take's */
static __thread int bp_armed;

static void bounds_update(void)
{
	uintptr_t lo = UINTPTR_MAX, hi = 0;
	for (int i = 0; i < bp_n; i++) {
		if ((uintptr_t)bp[i].p < lo) lo = (uintptr_t)bp[i].p;
		if ((uintptr_t)bp[i].p + bp[i].cap > hi) hi = (uintptr_t)bp[i].p + bp[i].cap;
	}
	__atomic_store_n(&bp_lo, lo, __ATOMIC_RELEASE);
	__atomic_store_n(&bp_hi, hi, __ATOMIC_RELEASE);
}

/* A block of exactly cap bytes aligned to align (a power of two): an idle one, else a
 * fresh mapping; NULL when the table is full or the kernel says no (the caller then asks
 * glibc). */
static void *take(size_t cap, size_t align)
{
	void *p = NULL;
	if (align < BIGPOOL_PAGE) align = BIGPOOL_PAGE;
	pthread_mutex_lock(&bp_mu);
	int best = -1;
	for (int i = 0; i < bp_n; i++)
		if (!bp[i].busy && bp[i].cap == cap && bp[i].align == align && (best < 0 || bp[i].seq < bp[best].seq))
			best = i;
	if (best >= 0) {
		bp[best].busy = 1;
		bp[best].seq = ++bp_seq;
		bp[best].used++;
		p = bp[best].p;
		bp_st.reused++;
	}
	if (!p && bp_n < BIGPOOL_MAX) {
		size_t len = cap + (align > BIGPOOL_PAGE ? align : 0);   /* room to align inside */
		uint8_t *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m != MAP_FAILED) {
			uint8_t *a = (uint8_t *)(((uintptr_t)m + align - 1) & ~(uintptr_t)(align - 1));
			bp[bp_n++] = (struct bblock){ a, cap, align, m, len, 1, ++bp_seq, 0 };
			bounds_update();
			bp_st.fresh++;
			p = a;
		}
	}
	pthread_mutex_unlock(&bp_mu);
	return p;
}

/* The pool's block that starts at p, or -1; under bp_mu. */
static int find(const void *p)
{
	for (int i = 0; i < bp_n; i++)
		if (bp[i].p == p) return i;
	return -1;
}

/* Every page of the block resident (written), as in a frame's planes: kept whole. (Keeping
 * every block whole, written in part or not, peaked at 296 MB against 289 in a 2026-12-05
 * render, 303.1 against 293.7 MB in a 2026-12-07 make: the pages one owner wrote stay
 * resident through owners that do not write them.) */
static int all_written(const struct bblock *b)
{
	size_t pages = b->cap / BIGPOOL_PAGE;
	unsigned char vec[4096];
	for (size_t at = 0; at < pages; at += sizeof vec) {
		size_t n = pages - at < sizeof vec ? pages - at : sizeof vec;
		if (mincore(b->p + at * BIGPOOL_PAGE, n * BIGPOOL_PAGE, vec) != 0) return 0;
		for (size_t k = 0; k < n; k++)
			if (!(vec[k] & 1)) return 0;
	}
	return 1;
}

/* A block written in part (all_written said no), under bp_mu: 1 = kept for the next request
 * of its size with only the pages that every fresh block of its size had written when freed
 * (those the next owner will write again: the others are given back with MADV_DONTNEED and
 * its next owner faults them in afresh as from a fresh mapping), 0 = to be unmapped (a size
 * not followed). The always-written set of a size is learned from its fresh blocks only:
 * once reused, a block's resident pages are its owners' union. */
static int keep_written_part(struct bblock *b)
{
	size_t pages = b->cap / BIGPOOL_PAGE;
	if (pages > BIGPOOL_VEC || mincore(b->p, pages * BIGPOOL_PAGE, bp_vec) != 0) return 0;
	struct bclass *c = NULL;
	for (int k = 0; k < bc_n && !c; k++)
		if (bc[k].cap == b->cap) c = &bc[k];
	if (!c && !b->used) {
		if (bc_n == BIGPOOL_CLASSES) return 0;
		unsigned char *a = __libc_malloc(pages);
		if (!a) return 0;
		c = &bc[bc_n++];
		c->cap = b->cap;
		c->always = a;
		for (size_t k = 0; k < pages; k++) a[k] = bp_vec[k] & 1;
	} else if (c && !b->used) {
		for (size_t k = 0; k < pages; k++) c->always[k] &= bp_vec[k] & 1;
	}
	if (!c) return 0;
	/* give back every resident page outside the always-written set, in runs */
	for (size_t k = 0; k < pages;) {
		if (!(bp_vec[k] & 1) || c->always[k]) {
			k++;
			continue;
		}
		size_t e = k;
		while (e < pages && (bp_vec[e] & 1) && !c->always[e]) e++;
		if (madvise(b->p + k * BIGPOOL_PAGE, (e - k) * BIGPOOL_PAGE, MADV_DONTNEED) != 0) return 0;
		k = e;
	}
	bp_st.kept_part++;
	return 1;
}

static int in_bounds(const void *p)
{
	uintptr_t u = (uintptr_t)p;
	return u >= __atomic_load_n(&bp_lo, __ATOMIC_ACQUIRE) && u < __atomic_load_n(&bp_hi, __ATOMIC_ACQUIRE);
}

/* libx264 allocates with memalign (2 MB alignment for its big buffers) */
void *memalign(size_t align, size_t n)
{
	if (bp_armed && n >= BIGPOOL_MIN && n <= SIZE_MAX / 4 && align && !(align & (align - 1)) && align <= (8u << 20)) {
		void *p = take((n + BIGPOOL_PAGE - 1) & ~(size_t)(BIGPOOL_PAGE - 1), align);
		if (p) return p;
	}
	return __libc_memalign(align, n);
}

void free(void *p)
{
	if (p && in_bounds(p)) {
		struct bblock gone = { 0 };
		pthread_mutex_lock(&bp_mu);
		int i = find(p);
		if (i >= 0 && (all_written(&bp[i]) || keep_written_part(&bp[i]))) {
			bp[i].busy = 0;
		} else if (i >= 0) {            /* partly written: given back, as glibc would */
			gone = bp[i];
			bp[i] = bp[--bp_n];
			bounds_update();
			bp_st.unmapped++;
		}
		pthread_mutex_unlock(&bp_mu);
		if (gone.map) munmap(gone.map, gone.map_len);
		if (i >= 0) return;
	}
	__libc_free(p);
}

void *realloc(void *p, size_t n)
{
	size_t cap = 0;
	if (p && in_bounds(p)) {
		pthread_mutex_lock(&bp_mu);
		int i = find(p);
		if (i >= 0) cap = bp[i].cap;
		pthread_mutex_unlock(&bp_mu);
	}
	if (!cap) return __libc_realloc(p, n);
	if (n <= cap && n > 0) return p;
	void *q = n ? __libc_malloc(n) : NULL;
	if (n && !q) return NULL;
	if (q) memcpy(q, p, cap < n ? cap : n);
	free(p);
	return q;
}

void enc_bigpool_arm(int on) { bp_armed = on; }

void enc_bigpool_trim(void)
{
	struct bblock idle[BIGPOOL_MAX];
	int n = 0;
	pthread_mutex_lock(&bp_mu);
	for (int i = 0; i < bp_n;)
		if (!bp[i].busy) {
			idle[n++] = bp[i];
			bp[i] = bp[--bp_n];
		} else {
			i++;
		}
	if (n) bounds_update();
	bp_st.unmapped += n;
	pthread_mutex_unlock(&bp_mu);
	for (int i = 0; i < n; i++) munmap(idle[i].map, idle[i].map_len);
}

struct enc_bigpool_stats enc_bigpool_stats(void)
{
	pthread_mutex_lock(&bp_mu);
	struct enc_bigpool_stats s = bp_st;
	s.on = 1;
	for (int i = 0; i < bp_n; i++) {
		s.held_mb += bp[i].cap / 1048576.0;
		s.idle += !bp[i].busy;
	}
	pthread_mutex_unlock(&bp_mu);
	return s;
}

#else

void enc_bigpool_arm(int on) { (void)on; }
void enc_bigpool_trim(void) {}
struct enc_bigpool_stats enc_bigpool_stats(void) { return (struct enc_bigpool_stats){ 0 }; }

#endif
