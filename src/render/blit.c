/* render/blit.c — a layer painted into the frame through a scale-and-move matrix,
 * bilinear, without pixman: the room magnified by the camera (SOURCE) and the
 * characters and the front layer (OVER, only where their bands are not transparent).
 *
 * Why: these paints were most of our own CPU beside x264 in a make (perf, 1080x1920:
 * the room's zoom 6.5 s, the characters' paints 6.3 s). For a matrix that only scales
 * and moves, bilinear is separable: per frame row, the two source rows are mixed once
 * (a vertical pass over the columns needed, in 16-bit lanes), then each frame pixel mixes
 * two neighbours of that row; when the layer moves by whole columns (most character
 * paints: only the breathing scales them, vertically) the two passes are one: the two
 * rows mixed and shifted straight to bytes.
 *
 * Arithmetic: pixman's (7-bit weights, vertical first, truncated once by 14 bits; the
 * texels outside the layer are transparent; OVER as pixman's: d * (255 - a) / 255
 * rounded, plus the source, saturated). Sample positions come from the matrix alone
 * (the frame pixel's centre mapped back, in 16.16), not from the box painted: a pixel
 * painted in a partial frame is the pixel of the whole frame. cairo instead rounds its
 * matrix around the centre of each painted box, so against cairo a pixel may differ by
 * a level or two; a whole-pixel move gives cairo's NEAREST bytes exactly. */
#include "render/render_internal.h"

#include "core/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define RBLIT_X86 1
#endif

/* ---- row kernels: each has a plain C form (the reference) and, on x86-64, an AVX2 one ---- */

/* t[i] = a[i] * w1 + b[i] * w2 over n bytes (w1 + w2 = 128) */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((optimize("O3"), target_clones("arch=x86-64-v4", "avx2", "default")))
#endif
static void vmix(uint16_t *restrict t, const uint8_t *restrict a, const uint8_t *restrict b, int n, int w1, int w2)
{
	for (int i = 0; i < n; i++) t[i] = (uint16_t)(a[i] * w1 + b[i] * w2);
}

/* whole columns (the horizontal weight of the left texel is 128): vmix, then >> 7, in one pass */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((optimize("O3"), target_clones("arch=x86-64-v4", "avx2", "default")))
#endif
static void vmix_shift(uint8_t *restrict out, const uint8_t *restrict a, const uint8_t *restrict b, int n, int w1, int w2)
{
	for (int i = 0; i < n; i++) out[i] = (uint8_t)((a[i] * w1 + b[i] * w2) >> 7);
}

/* pixel x = (t[ix[x]] * (128 - w) + t[ix[x] + 1] * w) >> 14 per channel; wx[x] = w << 16 | (128 - w) */
static void hmix_c(uint32_t *restrict out, const uint16_t *restrict t, const int *restrict ix, const uint32_t *restrict wx,
                   int n)
{
	for (int x = 0; x < n; x++) {
		const uint16_t *p = t + 4 * ix[x];
		uint32_t wl = wx[x] & 0xffff, wr = wx[x] >> 16, v = 0;
		for (int c = 0; c < 4; c++) v |= ((p[c] * wl + p[4 + c] * wr) >> 14) << (8 * c);
		out[x] = v;
	}
}

/* OVER of n premultiplied pixels s onto d: d = s + d * (255 - sa) / 255, pixman's rounding */
static inline uint32_t over1(uint32_t s, uint32_t d)
{
	uint32_t ia = 255 - (s >> 24), r = 0;
	for (int c = 0; c < 32; c += 8) {
		uint32_t t = ((d >> c) & 255) * ia + 0x80;
		t = ((t + (t >> 8)) >> 8) + ((s >> c) & 255);
		r |= (t > 255 ? 255 : t) << c;
	}
	return r;
}

static void over_c(uint32_t *restrict d, const uint32_t *restrict s, int n)
{
	for (int x = 0; x < n; x++) {
		uint32_t a = s[x] >> 24;
		if (a == 255) d[x] = s[x];
		else if (a) d[x] = over1(s[x], d[x]);
	}
}

#ifdef RBLIT_X86
__attribute__((target("avx2"))) static void hmix_avx2(uint32_t *restrict out, const uint16_t *restrict t,
                                                      const int *restrict ix, const uint32_t *restrict wx, int n)
{
	/* a texel pair (8 words: left BGRA, right BGRA) to (l0 r0 l1 r1 ..) for madd */
	const __m256i shuf = _mm256_setr_epi8(0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15, 0, 1, 8, 9, 2, 3, 10,
	                                      11, 4, 5, 12, 13, 6, 7, 14, 15);
	/* the four weights wx[x..x+3] to (x x x x x+2 x+2 x+2 x+2) and (x+1 .. x+3 ..) */
	const __m256i ws0 = _mm256_setr_epi32(0, 0, 0, 0, 2, 2, 2, 2), ws1 = _mm256_setr_epi32(1, 1, 1, 1, 3, 3, 3, 3);
	int x = 0;
	for (; x + 4 <= n; x += 4) {
		__m256i p0 = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(t + 4 * ix[x]))),
		                                     _mm_loadu_si128((const __m128i *)(t + 4 * ix[x + 2])), 1);
		__m256i p1 = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(t + 4 * ix[x + 1]))),
		                                     _mm_loadu_si128((const __m128i *)(t + 4 * ix[x + 3])), 1);
		__m256i w4 = _mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(wx + x)));
		__m256i w0 = _mm256_permutevar8x32_epi32(w4, ws0), w1 = _mm256_permutevar8x32_epi32(w4, ws1);
		__m256i r0 = _mm256_srli_epi32(_mm256_madd_epi16(_mm256_shuffle_epi8(p0, shuf), w0), 14);
		__m256i r1 = _mm256_srli_epi32(_mm256_madd_epi16(_mm256_shuffle_epi8(p1, shuf), w1), 14);
		__m256i v = _mm256_packus_epi32(r0, r1);          /* lane 0: x, x+1; lane 1: x+2, x+3 */
		v = _mm256_packus_epi16(v, v);
		v = _mm256_permute4x64_epi64(v, 0x08);
		_mm_storeu_si128((__m128i *)(out + x), _mm256_castsi256_si128(v));
	}
	if (x < n) hmix_c(out + x, t, ix + x, wx + x, n - x);
}

__attribute__((target("avx2"))) static void over_avx2(uint32_t *restrict d, const uint32_t *restrict s, int n)
{
	/* each pixel's alpha word (word 3 of its four) into its four words */
	const __m256i a_sh = _mm256_setr_epi8(6, 7, 6, 7, 6, 7, 6, 7, 14, 15, 14, 15, 14, 15, 14, 15, 6, 7, 6, 7, 6, 7, 6, 7,
	                                      14, 15, 14, 15, 14, 15, 14, 15);
	const __m256i k255 = _mm256_set1_epi16(255), k80 = _mm256_set1_epi16(0x80), zero = _mm256_setzero_si256();
	const __m256i amask = _mm256_set1_epi32((int)0xff000000u);
	int x = 0;
	for (; x + 8 <= n; x += 8) {
		__m256i sv = _mm256_loadu_si256((const __m256i *)(s + x));
		__m256i al = _mm256_and_si256(sv, amask);
		if (_mm256_testz_si256(al, al)) continue;                     /* all transparent */
		if (_mm256_movemask_epi8(_mm256_cmpeq_epi32(al, amask)) == -1) {   /* all opaque */
			_mm256_storeu_si256((__m256i *)(d + x), sv);
			continue;
		}
		__m256i dv = _mm256_loadu_si256((const __m256i *)(d + x));
		__m256i slo = _mm256_unpacklo_epi8(sv, zero), shi = _mm256_unpackhi_epi8(sv, zero);
		__m256i dlo = _mm256_unpacklo_epi8(dv, zero), dhi = _mm256_unpackhi_epi8(dv, zero);
		__m256i ilo = _mm256_sub_epi16(k255, _mm256_shuffle_epi8(slo, a_sh));
		__m256i ihi = _mm256_sub_epi16(k255, _mm256_shuffle_epi8(shi, a_sh));
		__m256i tlo = _mm256_add_epi16(_mm256_mullo_epi16(dlo, ilo), k80);
		__m256i thi = _mm256_add_epi16(_mm256_mullo_epi16(dhi, ihi), k80);
		tlo = _mm256_srli_epi16(_mm256_add_epi16(tlo, _mm256_srli_epi16(tlo, 8)), 8);
		thi = _mm256_srli_epi16(_mm256_add_epi16(thi, _mm256_srli_epi16(thi, 8)), 8);
		__m256i r = _mm256_adds_epu8(_mm256_packus_epi16(tlo, thi), sv);
		_mm256_storeu_si256((__m256i *)(d + x), r);
	}
	if (x < n) over_c(d + x, s + x, n - x);
}
#endif

static int force_plain;     /* set by tests only, never while frames are drawn */

static int have_avx2(void)
{
#ifdef RBLIT_X86
	return !force_plain && __builtin_cpu_supports("avx2");
#else
	return 0;
#endif
}

void rblit_force_plain(int on) { force_plain = on; }

static void hmix(uint32_t *out, const uint16_t *t, const int *ix, const uint32_t *wx, int n)
{
#ifdef RBLIT_X86
	if (have_avx2()) {
		hmix_avx2(out, t, ix, wx, n);
		return;
	}
#endif
	hmix_c(out, t, ix, wx, n);
}

static void over_row(uint32_t *d, const uint32_t *s, int n)
{
#ifdef RBLIT_X86
	if (have_avx2()) {
		over_avx2(d, s, n);
		return;
	}
#endif
	over_c(d, s, n);
}

/* ---- the paint ---- */

/* Frame column or row k's sample in the layer, 16.16: its centre mapped back, less half a texel. */
static int64_t sample_at(double k, double scale, double move)
{
	return (int64_t)llround(((k + 0.5 - move) / scale - 0.5) * 65536.0);
}

/* The layer row the next frame rows will read first, asked of memory ahead: the row
 * kernels otherwise wait on its loads (the layers are megabytes, out of cache).
 * In the bench (render_blit_1080x1920) the characters' paints take 25-30% less; in a
 * render of the demo (perf, task-clock samples, loaded machine) vmix went 4.0 -> 2.3 s
 * but rblit itself 0.7 -> 2.6 s: a burst of prefetches waits for free miss buffers.
 * Spread through the vertical mix (RBLIT_PIECE) the paints' total went 11.4 -> 7.8 s. */
static void prefetch_row(const uint8_t *p, size_t n)
{
#if defined(__GNUC__) || defined(__clang__)
	for (size_t i = 0; i < n; i += 64) __builtin_prefetch(p + i, 0, 3);
#else
	(void)p;
	(void)n;
#endif
}

#define RBLIT_PIECE 512    /* bytes of a row mixed between two shares of prefetches */

struct span { int x0, x1; };

/* The first k in [a, e) with ix[k] >= v (ix never decreases), else e. */
static int first_at_least(const int *ix, int a, int e, int v)
{
	while (a < e) {
		int m = a + (e - a) / 2;
		if (ix[m] >= v) e = m;
		else a = m + 1;
	}
	return a;
}

/* The frame columns of row y inside the boxes, merged, in order; their count. */
static int row_spans(const int (*boxes)[4], int nbox, int y, struct span *out)
{
	int n = 0;
	for (int k = 0; k < nbox; k++) {
		if (y < boxes[k][1] || y >= boxes[k][3] || boxes[k][2] <= boxes[k][0]) continue;
		struct span s = { boxes[k][0], boxes[k][2] };
		int j = n++;
		while (j > 0 && out[j - 1].x0 > s.x0) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = s;
	}
	int m = 0;
	for (int k = 0; k < n; k++) {
		if (m && out[k].x0 <= out[m - 1].x1) {
			if (out[k].x1 > out[m - 1].x1) out[m - 1].x1 = out[k].x1;
		} else {
			out[m++] = out[k];
		}
	}
	return m;
}

/* The layer columns with something in them in rows r0 and r0 + 1 (bands), as [*a, *e];
 * 0 when both are transparent (or outside). */
static int band_cols(const struct rbands *b, int sh, int r0, int *a, int *e)
{
	*a = 1 << 30;
	*e = -1;
	for (int r = r0; r <= r0 + 1; r++) {
		if (r < 0 || r >= sh) continue;
		int k = r / RBAND_ROWS;
		if (!b || !b->n || k >= b->n) {
			*a = 0;
			*e = 1 << 29;
			return 1;
		}
		if (b->x1[k] < b->x0[k]) continue;
		if (b->x0[k] < *a) *a = b->x0[k];
		if (b->x1[k] > *e) *e = b->x1[k];
	}
	return *e >= *a;
}

void rblit(cairo_surface_t *dst, const int (*boxes)[4], int nbox, cairo_surface_t *src, const struct rbands *b,
           const cairo_matrix_t *m, double ox, double oy, int over)
{
	int W = cairo_image_surface_get_width(dst), H = cairo_image_surface_get_height(dst);
	int sw = cairo_image_surface_get_width(src), sh = cairo_image_surface_get_height(src);
	if (nbox <= 0 || sw <= 0 || sh <= 0 || m->xx <= 0 || m->yy <= 0) return;
	cairo_surface_flush(dst);
	cairo_surface_flush(src);
	uint8_t *dd = cairo_image_surface_get_data(dst);
	const uint8_t *sd = cairo_image_surface_get_data(src);
	int ds = cairo_image_surface_get_stride(dst), ss = cairo_image_surface_get_stride(src);
	/* frame -> layer: column x samples at u(x) = (x + .5 - mx) / xx - .5 (layer pixels, from its origin) */
	double mx = m->x0 + m->xx * ox, my = m->y0 + m->yy * oy;
	int whole_x = m->xx == 1 && (sample_at(0, 1, mx) & 0xffff) == 0;
	/* the frame box the layer can reach (a texel's reach grown by one) */
	int fx0 = (int)floor(mx - m->xx) - 1, fx1 = (int)ceil(mx + m->xx * (sw + 1)) + 1;
	int fy0 = (int)floor(my - m->yy) - 1, fy1 = (int)ceil(my + m->yy * (sh + 1)) + 1;
	int by0 = H, by1 = 0, bx0 = W, bx1 = 0;
	for (int k = 0; k < nbox; k++) {
		by0 = boxes[k][1] < by0 ? boxes[k][1] : by0;
		by1 = boxes[k][3] > by1 ? boxes[k][3] : by1;
		bx0 = boxes[k][0] < bx0 ? boxes[k][0] : bx0;
		bx1 = boxes[k][2] > bx1 ? boxes[k][2] : bx1;
	}
	if (by0 < 0) by0 = 0;
	if (by1 > H) by1 = H;
	if (bx0 < 0) bx0 = 0;
	if (bx1 > W) bx1 = W;
	if (over) {            /* OVER: nothing changes outside the layer's reach */
		if (by0 < fy0) by0 = fy0;
		if (by1 > fy1) by1 = fy1;
		if (bx0 < fx0) bx0 = fx0;
		if (bx1 > fx1) bx1 = fx1;
	}
	if (by1 <= by0 || bx1 <= bx0) return;
	int n = bx1 - bx0;
	/* per frame column of the boxes' extent: left texel (from layer column c0) and weights */
	int *ix = xmalloc(sizeof *ix * (size_t)n);
	uint32_t *wx = xmalloc(sizeof *wx * (size_t)n), *row = xmalloc(sizeof *row * (size_t)n + 32);
	int64_t u0 = sample_at(bx0, m->xx, mx), u1 = sample_at(bx1 - 1, m->xx, mx);
	int c0 = (int)(u0 >> 16), c1 = (int)(u1 >> 16) + 1;   /* layer columns read: c0 .. c1 */
	for (int x = 0; x < n; x++) {
		int64_t u = whole_x ? u0 + ((int64_t)x << 16) : sample_at(bx0 + x, m->xx, mx);
		uint32_t w = (uint32_t)((u & 0xffff) >> 9);
		ix[x] = (int)(u >> 16) - c0;
		wx[x] = w << 16 | (128 - w);
	}
	/* the mixed row: columns c0 .. c1 (+2 spare for the vector loads), 0 outside the layer */
	size_t tn = 4 * (size_t)(c1 - c0 + 3);
	uint16_t *t = xcalloc(tn, sizeof *t);
	uint8_t *zrow = xcalloc((size_t)sw, 4);
	int rc0 = c0 < 0 ? 0 : c0, rc1 = c1 >= sw ? sw - 1 : c1;      /* layer columns that exist */
	struct span sp[64];
	int nb = nbox < 64 ? nbox : 64;
	for (int y = by0; y < by1; y++) {
		int ns = row_spans(boxes, nb, y, sp);
		if (!ns) continue;
		int64_t v = sample_at(y, m->yy, my);
		int r0 = (int)(v >> 16), w2 = (int)((v & 0xffff) >> 9), w1 = 128 - w2;
		int ca = 0, ce = 0;
		int any = r0 + 1 >= 0 && r0 < sh;
		if (over && (!any || !band_cols(b, sh, r0, &ca, &ce))) continue;
		uint32_t *d = (uint32_t *)(dd + (size_t)y * ds);
		if (!any) {                      /* SOURCE outside the layer: transparent */
			for (int k = 0; k < ns; k++) {
				int a = sp[k].x0 < bx0 ? bx0 : sp[k].x0, e = sp[k].x1 > bx1 ? bx1 : sp[k].x1;
				if (e > a) memset(d + a, 0, 4 * (size_t)(e - a));
			}
			continue;
		}
		/* the columns this row needs: the spans', narrowed to the bands' */
		int lo = n, hi = 0;
		for (int k = 0; k < ns; k++) {
			int a = sp[k].x0 - bx0, e = sp[k].x1 - bx0;
			if (a < 0) a = 0;
			if (e > n) e = n;
			if (e <= a) continue;
			lo = a < lo ? a : lo;
			hi = e > hi ? e : hi;
		}
		if (hi <= lo) continue;
		int ta = ix[lo] + c0, te = ix[hi - 1] + c0 + 1;       /* layer columns read */
		if (over) {
			if (ta < ca - 1) ta = ca - 1;
			if (te > ce + 1) te = ce + 1;
			if (te < ta) continue;
		}
		int ra = ta < rc0 ? rc0 : ta, re = te > rc1 ? rc1 : te;
		const uint8_t *pa = r0 >= 0 ? sd + (size_t)r0 * ss : zrow;
		const uint8_t *pb = r0 + 1 < sh ? sd + (size_t)(r0 + 1) * ss : zrow;
		if (w2 == 0) pb = pa;                /* no weight on the lower row */
		int pf = re >= ra && r0 + 2 < sh && r0 + 2 >= 0;
		if (pf && whole_x) prefetch_row(sd + (size_t)(r0 + 2) * ss + 4 * (size_t)ra, 4 * (size_t)(re - ra + 1));
		if (re >= ra && !whole_x) {
			/* in pieces, each followed by its share of the prefetch: a burst of them
			 * waits for free miss buffers */
			int nbytes = 4 * (re - ra + 1);
			for (int o = 0; o < nbytes; o += RBLIT_PIECE) {
				int k = nbytes - o < RBLIT_PIECE ? nbytes - o : RBLIT_PIECE;
				vmix(t + 4 * (ra - c0) + o, pa + 4 * (size_t)ra + o, pb + 4 * (size_t)ra + o, k, w1, w2);
				if (pf) prefetch_row(sd + (size_t)(r0 + 2) * ss + 4 * (size_t)ra + o, (size_t)k);
			}
		}
		for (int k = 0; k < ns; k++) {
			int a = sp[k].x0 - bx0, e = sp[k].x1 - bx0;
			if (a < lo) a = lo;
			if (e > hi) e = hi;
			if (over) {                      /* only the frame columns whose texels the bands hold */
				a = first_at_least(ix, a, e, ta - 1 - c0);
				e = first_at_least(ix, a, e, te + 1 - c0);
			}
			if (e <= a) continue;
			if (whole_x) {
				/* frame column x reads layer column ix[x] + c0 alone (weight 128): the
				 * two rows mixed and shifted in one pass; outside ra..re transparent */
				int s0 = ix[a] + c0, va = a, ve = e;
				if (ra - s0 > 0) va = a + (ra - s0);
				if (a + (re - s0) + 1 < ve) ve = a + (re - s0) + 1;
				if (re < ra || ve < va) va = ve = e;
				if (!over) {
					if (va > a) memset(d + bx0 + a, 0, 4 * (size_t)(va - a));
					if (e > ve) memset(d + bx0 + ve, 0, 4 * (size_t)(e - ve));
				}
				if (ve > va) {
					int sc = s0 + (va - a);
					uint32_t *out = over ? row : d + bx0 + va;
					vmix_shift((uint8_t *)out, pa + 4 * (size_t)sc, pb + 4 * (size_t)sc, 4 * (ve - va), w1, w2);
					if (over) over_row(d + bx0 + va, row, ve - va);
				}
				continue;
			}
			/* zero the texels outside the layer (or its bands) that this span reads: they
			 * may hold another row's */
			int ka = ix[a], ke = ix[e - 1] + 1, za = ra - c0, ze = re - c0;
			if (re < ra) {
				za = ke + 1;
				ze = ke;
			}
			if (ka < za) memset(t + 4 * ka, 0, 8 * (size_t)((za < ke + 1 ? za : ke + 1) - ka));
			if (ke > ze) {
				int z0 = ze + 1 > ka ? ze + 1 : ka;
				memset(t + 4 * z0, 0, 8 * (size_t)(ke - z0 + 1));
			}
			uint32_t *out = over ? row : d + bx0 + a;    /* SOURCE: straight into the frame */
			hmix(out, t, ix + a, wx + a, e - a);
			if (over) over_row(d + bx0 + a, row, e - a);
		}
	}
	free(t);
	free(zrow);
	free(ix);
	free(wx);
	free(row);
	cairo_surface_mark_dirty(dst);
}

/* ---- one 8-bit plane (the room's Y, U or V: rblit_plane) ---- */

/* out[x] = (t[ix[x]] * (128 - w) + t[ix[x] + 1] * w) >> 14; wx[x] = w << 16 | (128 - w) */
static void hmix1_c(uint8_t *restrict out, const uint16_t *restrict t, const int *restrict ix, const uint32_t *restrict wx,
                    int n)
{
	for (int x = 0; x < n; x++)
		out[x] = (uint8_t)((t[ix[x]] * (wx[x] & 0xffff) + t[ix[x] + 1] * (wx[x] >> 16)) >> 14);
}

#ifdef RBLIT_X86
__attribute__((target("avx2"))) static void hmix1_avx2(uint8_t *restrict out, const uint16_t *restrict t,
                                                       const int *restrict ix, const uint32_t *restrict wx, int n)
{
	/* one 32-bit load at t + ix holds the texel pair (left low, right high): madd with the weights */
	int x = 0;
	for (; x + 16 <= n; x += 16) {
		__m256i p0 = _mm256_i32gather_epi32((const int *)t, _mm256_loadu_si256((const __m256i *)(ix + x)), 2);
		__m256i p1 = _mm256_i32gather_epi32((const int *)t, _mm256_loadu_si256((const __m256i *)(ix + x + 8)), 2);
		__m256i r0 = _mm256_srli_epi32(_mm256_madd_epi16(p0, _mm256_loadu_si256((const __m256i *)(wx + x))), 14);
		__m256i r1 = _mm256_srli_epi32(_mm256_madd_epi16(p1, _mm256_loadu_si256((const __m256i *)(wx + x + 8))), 14);
		__m256i w = _mm256_permute4x64_epi64(_mm256_packus_epi32(r0, r1), 0xD8);   /* words 0-7, 8-15 */
		_mm_storeu_si128((__m128i *)(out + x),
		                 _mm_packus_epi16(_mm256_castsi256_si128(w), _mm256_extracti128_si256(w, 1)));
	}
	if (x < n) hmix1_c(out + x, t, ix + x, wx + x, n - x);
}

/* With AVX-512BW: the 32 words from t + ix[x] in one register, and each pixel's texel
 * pair picked from it by a word permute (no gather); when the camera magnifies, 16
 * pixels read at most 17 texels. */
__attribute__((target("avx512f,avx512bw"))) static void hmix1_avx512(uint8_t *restrict out, const uint16_t *restrict t,
                                                                     const int *restrict ix, const uint32_t *restrict wx,
                                                                     int n)
{
	const __m512i one = _mm512_set1_epi32(1);
	int x = 0;
	for (; x + 16 <= n; x += 16) {
		int base = ix[x];
		if (ix[x + 15] - base > 30) {     /* it shrinks here: too far apart for one register */
			hmix1_c(out + x, t, ix + x, wx + x, 16);
			continue;
		}
		__m512i d = _mm512_sub_epi32(_mm512_loadu_si512(ix + x), _mm512_set1_epi32(base));
		__m512i pi = _mm512_or_si512(d, _mm512_slli_epi32(_mm512_add_epi32(d, one), 16));
		__m512i p = _mm512_permutexvar_epi16(pi, _mm512_loadu_si512(t + base));
		__m512i r = _mm512_srli_epi32(_mm512_madd_epi16(p, _mm512_loadu_si512(wx + x)), 14);
		_mm_storeu_si128((__m128i *)(out + x), _mm512_cvtepi32_epi8(r));
	}
	if (x < n) hmix1_c(out + x, t, ix + x, wx + x, n - x);
}
#endif

static void hmix1(uint8_t *out, const uint16_t *t, const int *ix, const uint32_t *wx, int n)
{
#ifdef RBLIT_X86
	static int avx512 = -1;
	if (avx512 < 0) avx512 = __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512f");
	if (!force_plain && avx512) {
		hmix1_avx512(out, t, ix, wx, n);
		return;
	}
	if (have_avx2()) {
		hmix1_avx2(out, t, ix, wx, n);
		return;
	}
#endif
	hmix1_c(out, t, ix, wx, n);
}

void rblit_plane(uint8_t *dst, int ds, int W, int H, const uint8_t *src, int ss, int sw, int sh, double z, double mx,
                 double my, const int (*skip)[4], int nskip)
{
	struct span sp[64];
	if (nskip > 64) nskip = 64;
	if (W <= 0 || H <= 0 || sw <= 0 || sh <= 0 || z <= 0) return;
	int *ix = xmalloc(sizeof *ix * (size_t)W);
	uint32_t *wx = xmalloc(sizeof *wx * (size_t)W);
	for (int x = 0; x < W; x++) {         /* outside the plane: its edge texel */
		int64_t u = sample_at(x, z, mx);
		int c = (int)(u >> 16);
		uint32_t w = (uint32_t)((u & 0xffff) >> 9);
		if (c < 0) c = 0, w = 0;
		if (c >= sw - 1) c = sw - 1, w = 0;
		ix[x] = c;
		wx[x] = w << 16 | (128 - w);
	}
	int c0 = ix[0], c1 = ix[W - 1] + 1 < sw ? ix[W - 1] + 1 : sw - 1;
	uint16_t *t = xcalloc((size_t)sw + 34, sizeof *t);   /* + spares: the last texel's pair, a 32-word load */
	for (int y = 0; y < H; y++) {
		int64_t v = sample_at(y, z, my);
		int r0 = (int)(v >> 16), w2 = (int)((v & 0xffff) >> 9);
		if (r0 < 0) r0 = 0, w2 = 0;
		if (r0 >= sh - 1) r0 = sh - 1, w2 = 0;
		const uint8_t *pa = src + (size_t)r0 * ss, *pb = w2 ? pa + ss : pa;
		vmix(t + c0, pa + c0, pb + c0, c1 - c0 + 1, 128 - w2, w2);
		uint8_t *out = dst + (size_t)y * ds;
		int ns = row_spans(skip, nskip, y, sp);
		for (int k = 0, a = 0; k <= ns; k++) {     /* the columns between the skipped spans */
			int e = k < ns ? sp[k].x0 : W;
			if (e > W) e = W;
			if (e > a) hmix1(out + a, t, ix + a, wx + a, e - a);
			if (k < ns && sp[k].x1 > a) a = sp[k].x1;
		}
	}
	free(t);
	free(ix);
	free(wx);
}
