/* tests/test_render_bands.c — painting a layer only where its bands say it is not
 * transparent (render/bands.c) gives the frame pixels of painting all of it, within two
 * levels in a few bytes (at most a tenth; cairo rounds the transform's translation around the centre of
 * each box it paints): whole-pixel moves (exact), fractional ones, breathing and zoom
 * scales (bilinear), and after part of the layer is drawn again. A band that misses a
 * soft edge or a stale band misses whole pixels, tens of levels. */
#include "test.h"
#include "render/render_internal.h"
#include "core/util.h"

#include <stdint.h>
#include <stdlib.h>

static uint64_t rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005u + 1442695040888963407u;
	return *s >> 33;
}

/* A character-like layer: transparent but for a few blobs with soft (partly transparent)
 * edges, one of them a single pixel, and empty bands between them. */
static void sprite(cairo_surface_t *s, uint64_t *seed, int y0, int y1)
{
	cairo_surface_flush(s);
	uint8_t *d = cairo_image_surface_get_data(s);
	int w = cairo_image_surface_get_width(s), stride = cairo_image_surface_get_stride(s);
	int cx = (int)(rnd(seed) % (uint64_t)w), r = 3 + (int)(rnd(seed) % 20);
	for (int y = y0; y < y1; y++)
		for (int x = 0; x < w; x++) {
			int dx = x - cx, dy = y - (y0 + y1) / 2, q = dx * dx + dy * dy / 4;
			uint32_t *p = (uint32_t *)(d + (size_t)y * stride) + x;
			if (q > r * r) continue;
			uint32_t a = q > (r - 2) * (r - 2) ? 40 + (uint32_t)(rnd(seed) % 200) : 255;
			uint32_t c0 = (uint32_t)rnd(seed) % (a + 1), c1 = (uint32_t)rnd(seed) % (a + 1), c2 = (uint32_t)rnd(seed) % (a + 1);
			*p = a << 24 | c2 << 16 | c1 << 8 | c0;
		}
	uint32_t *dot = (uint32_t *)(d + (size_t)(y1 - 1) * stride) + (w - 1);
	*dot = 0xff102030u;
	cairo_surface_mark_dirty(s);
}

static cairo_surface_t *frame_bg(int w, int h, uint64_t seed)
{
	cairo_surface_t *f = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	uint8_t *d = cairo_image_surface_get_data(f);
	int stride = cairo_image_surface_get_stride(f);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) ((uint32_t *)(d + (size_t)y * stride))[x] = 0xff000000u | (uint32_t)rnd(&seed);
	cairo_surface_mark_dirty(f);
	return f;
}

/* Paint layer s (origin x, y) through m over a fresh copy of the background, with the
 * bands' clip (b) or without (NULL). */
static cairo_surface_t *painted(cairo_surface_t *s, const struct rbands *b, const cairo_matrix_t *m, double x, double y)
{
	cairo_surface_t *f = frame_bg(160, 240, 7);
	cairo_t *cr = cairo_create(f);
	cairo_save(cr);
	if (b) rbands_clip(cr, b, m, x, y);
	cairo_set_matrix(cr, m);
	cairo_set_source_surface(cr, s, x, y);
	int exact = m->xx == 1 && m->yy == 1 && m->x0 == (int)m->x0 && m->y0 == (int)m->y0;
	cairo_pattern_set_filter(cairo_get_source(cr), exact ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_BILINEAR);
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_destroy(cr);
	cairo_surface_flush(f);
	return f;
}

/* How a and b differ: the largest difference of a byte, how many bytes differ, and how
 * many bytes the layer changed in a (against the background). */
static void compare(cairo_surface_t *a, cairo_surface_t *b, int *maxd, int *ndiff, int *changed)
{
	const uint8_t *p = cairo_image_surface_get_data(a), *q = cairo_image_surface_get_data(b);
	size_t n = (size_t)cairo_image_surface_get_stride(a) * cairo_image_surface_get_height(a);
	cairo_surface_t *bg = frame_bg(160, 240, 7);
	const uint8_t *o = cairo_image_surface_get_data(bg);
	*maxd = *ndiff = *changed = 0;
	for (size_t i = 0; i < n; i++) {
		int d = abs((int)p[i] - (int)q[i]);
		*changed += p[i] != o[i];
		*ndiff += d != 0;
		if (d > *maxd) *maxd = d;
	}
	cairo_surface_destroy(bg);
}

TEST(render_bands_nearly_same_pixels)
{
	static const double mats[][4] = {   /* xx, yy, x0, y0; then random ones */
		{ 1, 1, 20, 10 }, { 1, 1, 20.37, -3.71 }, { 1, 1.013, 11.5, 3.25 }, { 1.07, 1.07 * 0.991, -6.3, -17.9 },
		{ 0.93, 0.93, 30.2, 40.6 }, { 1.3, 1.3, -25.55, -60.45 },
	};
	uint64_t seed = 12345;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 97, 203);
	sprite(s, &seed, 5, 40);        /* bands 0-2 */
	sprite(s, &seed, 70, 75);       /* band 4 only; band 3 empty */
	sprite(s, &seed, 120, 203);     /* the last bands, the dot in the corner */
	struct rbands b = { 0 };
	rbands_scan(&b, s, 0, 203);
	CHECK_INT(b.n, (203 + RBAND_ROWS - 1) / RBAND_ROWS);
	CHECK(b.x1[3] < b.x0[3]);       /* an empty band */
	CHECK_INT(b.x1[b.n - 1], 96);  /* the dot */
	int worst = 0;
	for (int round = 0; round < 2; round++) {
		for (int k = 0; k < 400; k++) {
			cairo_matrix_t m;
			double z = k < (int)ARRAY_LEN(mats) ? mats[k][0] : k % 3 == 0 ? 1 : 0.9 + (double)(rnd(&seed) % 4500) / 10000.0;
			double yy = k < (int)ARRAY_LEN(mats) ? mats[k][1] : z * (0.98 + (double)(rnd(&seed) % 4000) / 100000.0);
			double x0 = k < (int)ARRAY_LEN(mats) ? mats[k][2] : -40 + (double)(rnd(&seed) % 80000) / 1000.0;
			double y0 = k < (int)ARRAY_LEN(mats) ? mats[k][3] : -40 + (double)(rnd(&seed) % 80000) / 1000.0;
			cairo_matrix_init(&m, z, 0, 0, yy, x0, y0);
			cairo_surface_t *whole = painted(s, NULL, &m, 3, 2), *cut = painted(s, &b, &m, 3, 2);
			int maxd, ndiff, changed;
			compare(whole, cut, &maxd, &ndiff, &changed);
			cairo_surface_destroy(whole);
			cairo_surface_destroy(cut);
			CHECKF(changed > 0, "round %d, matrix %d: the layer changed nothing", round, k);
			CHECKF(maxd <= 2 && ndiff * 10 <= changed, "round %d, matrix %d (%g %g %g %g): %d of %d bytes differ, by up to %d",
			       round, k, z, yy, x0, y0, ndiff, changed, maxd);
			if (z == 1 && yy == 1 && x0 == (int)x0 && y0 == (int)y0) CHECK_INT(ndiff, 0);
			worst = maxd > worst ? maxd : worst;
		}
		/* a head drawn again where band 3 was empty: only those rows looked at again */
		sprite(s, &seed, 50, 60);
		rbands_scan(&b, s, 50, 60);
		CHECK(b.x1[3] >= b.x0[3]);
	}
	CHECK(worst > 0 && worst <= 2);   /* the rounding shows somewhere in 800 paints */
	rbands_free(&b);
	cairo_surface_destroy(s);
}
