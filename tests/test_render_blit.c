/* tests/test_render_blit.c — the focus of this file is rblit (render/blit.c), the
 * bilinear scale-and-move paint of the room, the characters and the front layer:
 * render_blit-1 its pixels are cairo's within a few levels (the same bytes for a
 * whole-pixel move), OVER with bands and SOURCE; render_blit-2 a paint inside boxes is
 * the whole paint there and leaves the rest alone (partial frames equal whole ones);
 * render_blit-3 the plain C kernels give the AVX2 kernels' bytes. */
#include "test.h"
#include "render/render_internal.h"
#include "core/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005u + 1442695040888963407u;
	return *s >> 33;
}

/* A character-like layer: soft-edged blobs (premultiplied), transparent between them. */
static cairo_surface_t *sprite(int w, int h, uint64_t seed)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	uint8_t *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	for (int k = 0; k < 5; k++) {
		int cx = (int)(rnd(&seed) % (uint64_t)w), cy = (int)(rnd(&seed) % (uint64_t)h), r = 4 + (int)(rnd(&seed) % 30);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int dx = x - cx, dy = y - cy, q = dx * dx + dy * dy;
				if (q > r * r) continue;
				uint32_t a = q > (r - 2) * (r - 2) ? 30 + (uint32_t)(rnd(&seed) % 220) : 255;
				uint32_t c0 = (uint32_t)rnd(&seed) % (a + 1), c1 = (uint32_t)rnd(&seed) % (a + 1), c2 = (uint32_t)rnd(&seed) % (a + 1);
				((uint32_t *)(d + (size_t)y * stride))[x] = a << 24 | c2 << 16 | c1 << 8 | c0;
			}
	}
	cairo_surface_mark_dirty(s);
	return s;
}

/* An opaque picture: smooth gradients with a few hard edges, like a room. */
static cairo_surface_t *room(int w, int h, uint64_t seed)
{
	cairo_surface_t *f = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	uint8_t *d = cairo_image_surface_get_data(f);
	int stride = cairo_image_surface_get_stride(f);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t v = 0xff000000u | (uint32_t)((x * 3 + y) & 255) | (uint32_t)(((x / 17 + y / 23) & 1) * 200) << 8 |
			             (uint32_t)(rnd(&seed) & 63) << 16;
			((uint32_t *)(d + (size_t)y * stride))[x] = v;
		}
	cairo_surface_mark_dirty(f);
	return f;
}

static cairo_surface_t *copy_of(cairo_surface_t *s)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	cairo_surface_t *c = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_surface_flush(s);
	memcpy(cairo_image_surface_get_data(c), cairo_image_surface_get_data(s), (size_t)cairo_image_surface_get_stride(s) * h);
	cairo_surface_mark_dirty(c);
	return c;
}

static void cairo_way(cairo_surface_t *dst, cairo_surface_t *s, const cairo_matrix_t *m, double x, double y, int over)
{
	cairo_t *cr = cairo_create(dst);
	cairo_set_matrix(cr, m);
	cairo_set_source_surface(cr, s, x, y);
	int exact = m->xx == 1 && m->yy == 1 && m->x0 + x == (int)(m->x0 + x) && m->y0 + y == (int)(m->y0 + y);
	cairo_pattern_set_filter(cairo_get_source(cr), exact ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_BILINEAR);
	cairo_set_operator(cr, over ? CAIRO_OPERATOR_OVER : CAIRO_OPERATOR_SOURCE);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_flush(dst);
}

static void diff(cairo_surface_t *a, cairo_surface_t *b, int *maxd, long *nd)
{
	cairo_surface_flush(a);
	cairo_surface_flush(b);
	const uint8_t *p = cairo_image_surface_get_data(a), *q = cairo_image_surface_get_data(b);
	size_t n = (size_t)cairo_image_surface_get_stride(a) * cairo_image_surface_get_height(a);
	*maxd = 0;
	*nd = 0;
	for (size_t i = 0; i < n; i++) {
		int d = abs((int)p[i] - (int)q[i]);
		*nd += d != 0;
		if (d > *maxd) *maxd = d;
	}
}

static void random_matrix(uint64_t *seed, int k, cairo_matrix_t *m)
{
	double z = k % 3 == 0 ? 1 : 0.9 + (double)(rnd(seed) % 4500) / 10000.0;
	double yy = k % 4 == 1 ? z : z * (0.98 + (double)(rnd(seed) % 4000) / 100000.0);
	double x0 = -30 + (double)(rnd(seed) % 60000) / 1000.0, y0 = -30 + (double)(rnd(seed) % 60000) / 1000.0;
	if (k % 5 == 0) {             /* a whole-pixel move */
		z = yy = 1;
		x0 = (double)(int)x0;
		y0 = (double)(int)y0;
	}
	cairo_matrix_init(m, z, 0, 0, yy, x0, y0);
}

TEST(render_blit_close_to_cairo)
{
	uint64_t seed = 99;
	cairo_surface_t *s = sprite(90, 150, 5), *bg = room(160, 240, 7), *big = room(200, 300, 8);
	struct rbands b = { 0 };
	rbands_scan(&b, s, 0, 150);
	int full[1][4] = { { 0, 0, 160, 240 } };
	int worst = 0;
	for (int k = 0; k < 300; k++) {
		cairo_matrix_t m;
		random_matrix(&seed, k, &m);
		int over = k % 7 != 3;
		cairo_surface_t *src = over ? s : big;
		cairo_surface_t *a = copy_of(bg), *c = copy_of(bg);
		if (!over && k % 14 == 3) {  /* a whole-pixel move that leaves part of the frame empty */
			cairo_matrix_init(&m, 1, 0, 0, 1, (double)(rnd(&seed) % 30) - 5, (double)(rnd(&seed) % 30) - 25);
		} else if (!over) {          /* the room under the camera: magnified, covering the frame */
			double z = 1 + (double)(rnd(&seed) % 3000) / 10000.0;
			cairo_matrix_init(&m, z, 0, 0, z, -(double)(rnd(&seed) % 15000) / 1000.0, -(double)(rnd(&seed) % 25000) / 1000.0);
		}
		rblit(a, (const int (*)[4])full, 1, src, over ? &b : NULL, &m, 3, 2, over);
		cairo_way(c, src, &m, 3, 2, over);
		int maxd;
		long nd;
		diff(a, c, &maxd, &nd);
		int exact = m.xx == 1 && m.yy == 1 && m.x0 == (int)m.x0 && m.y0 == (int)m.y0;
		CHECKF(exact ? nd == 0 : maxd <= 4, "render_blit-1.%d (%g %g %g %g, %s): %ld bytes differ from cairo's, by up to %d", k,
		       m.xx, m.yy, m.x0, m.y0, over ? "OVER" : "SOURCE", nd, maxd);
		worst = maxd > worst ? maxd : worst;
		cairo_surface_destroy(a);
		cairo_surface_destroy(c);
	}
	CHECK(worst > 0);                 /* the paints were not all whole-pixel moves */
	/* a shot type's magnification of the room (shot.c zoom_into): cairo's GOOD filter */
	for (int k = 0; k < 20; k++) {
		double z = 1 + 1.3 * k / 19.0;
		cairo_matrix_t m;
		cairo_matrix_init(&m, z, 0, 0, z, 100 * (1 - z), 165 * (1 - z));
		cairo_surface_t *a = copy_of(bg), *c = copy_of(bg);
		rblit(a, (const int (*)[4])full, 1, big, NULL, &m, 0, 0, 0);
		cairo_t *cr = cairo_create(c);
		cairo_set_matrix(cr, &m);
		cairo_set_source_surface(cr, big, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
		cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
		cairo_paint(cr);
		cairo_destroy(cr);
		int maxd;
		long nd;
		diff(a, c, &maxd, &nd);
		CHECKF(maxd <= 4, "render_blit-1.z%d (zoom %g): %ld bytes differ from cairo's GOOD, by up to %d", k, z, nd, maxd);
		cairo_surface_destroy(a);
		cairo_surface_destroy(c);
	}
	rbands_free(&b);
	cairo_surface_destroy(s);
	cairo_surface_destroy(bg);
	cairo_surface_destroy(big);
}

TEST(render_blit_boxes_are_the_whole_paint)
{
	uint64_t seed = 7;
	cairo_surface_t *s = sprite(90, 150, 11), *bg = room(160, 240, 3), *big = room(200, 300, 4);
	struct rbands b = { 0 };
	rbands_scan(&b, s, 0, 150);
	int full[1][4] = { { 0, 0, 160, 240 } };
	for (int k = 0; k < 120; k++) {
		cairo_matrix_t m;
		random_matrix(&seed, k, &m);
		int over = k % 4 != 0;
		cairo_surface_t *src = over ? s : big;
		int boxes[5][4], nb = 1 + (int)(rnd(&seed) % 5);
		for (int i = 0; i < nb; i++) {   /* overlapping, some reaching out of the frame */
			boxes[i][0] = -10 + (int)(rnd(&seed) % 160);
			boxes[i][1] = -10 + (int)(rnd(&seed) % 240);
			boxes[i][2] = boxes[i][0] + (int)(rnd(&seed) % 90);
			boxes[i][3] = boxes[i][1] + (int)(rnd(&seed) % 120);
		}
		cairo_surface_t *whole = copy_of(bg), *part = copy_of(bg);
		rblit(whole, (const int (*)[4])full, 1, src, over ? &b : NULL, &m, 1, 4, over);
		rblit(part, (const int (*)[4])boxes, nb, src, over ? &b : NULL, &m, 1, 4, over);
		cairo_surface_flush(whole);
		cairo_surface_flush(part);
		const uint32_t *w = (const uint32_t *)cairo_image_surface_get_data(whole);
		const uint32_t *p = (const uint32_t *)cairo_image_surface_get_data(part);
		const uint32_t *o = (const uint32_t *)cairo_image_surface_get_data(bg);
		int st = cairo_image_surface_get_stride(bg) / 4, bad = 0;
		for (int y = 0; y < 240; y++)
			for (int x = 0; x < 160; x++) {
				int in = 0;
				for (int i = 0; i < nb; i++) in |= x >= boxes[i][0] && x < boxes[i][2] && y >= boxes[i][1] && y < boxes[i][3];
				bad += p[y * st + x] != (in ? w : o)[y * st + x];
			}
		CHECKF(!bad, "render_blit-2.%d (%s, %d boxes): %d pixels are not the whole paint's inside the boxes, the frame's outside",
		       k, over ? "OVER" : "SOURCE", nb, bad);
		cairo_surface_destroy(whole);
		cairo_surface_destroy(part);
	}
	rbands_free(&b);
	cairo_surface_destroy(s);
	cairo_surface_destroy(bg);
	cairo_surface_destroy(big);
}

TEST(render_blit_plain_kernels_same_bytes)
{
	uint64_t seed = 3;
	cairo_surface_t *s = sprite(300, 200, 2), *bg = room(400, 300, 1), *big = room(500, 400, 6);
	int full[1][4] = { { 0, 0, 400, 300 } };
	for (int k = 0; k < 40; k++) {
		cairo_matrix_t m;
		random_matrix(&seed, k, &m);
		int over = k % 3 != 0;
		cairo_surface_t *src = over ? s : big, *a = copy_of(bg), *c = copy_of(bg);
		rblit(a, (const int (*)[4])full, 1, src, NULL, &m, 0, 0, over);
		rblit_force_plain(1);
		rblit(c, (const int (*)[4])full, 1, src, NULL, &m, 0, 0, over);
		rblit_force_plain(0);
		int maxd;
		long nd;
		diff(a, c, &maxd, &nd);
		CHECKF(nd == 0, "render_blit-3.%d: the plain kernels differ in %ld bytes (by up to %d)", k, nd, maxd);
		cairo_surface_destroy(a);
		cairo_surface_destroy(c);
	}
	cairo_surface_destroy(s);
	cairo_surface_destroy(bg);
	cairo_surface_destroy(big);
}

/* render_blit-4: rblit_plane (one 8-bit plane: the room's Y, U, V magnified straight into
 * a frame's planes) gives rblit's bytes for the same matrix: a layer whose four channels
 * all hold the plane, painted with SOURCE where its samples fall inside the layer; and
 * its plain C kernel gives the AVX2 kernel's bytes. */
TEST(render_blit_plane_is_rblit_of_one_channel)
{
	enum { SW = 300, SH = 240, W = 200, H = 150 };
	uint64_t seed = 11;
	uint8_t *pl = xmalloc((size_t)SW * SH);
	for (int y = 0; y < SH; y++)
		for (int x = 0; x < SW; x++) pl[y * SW + x] = (uint8_t)(((x * 5 + y * 3) & 255) ^ (rnd(&seed) & 31));
	cairo_surface_t *lay = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, SW, SH);
	uint8_t *ld = cairo_image_surface_get_data(lay);
	int ls = cairo_image_surface_get_stride(lay);
	for (int y = 0; y < SH; y++)
		for (int x = 0; x < SW; x++) memset(ld + (size_t)y * ls + 4 * x, pl[y * SW + x], 4);
	cairo_surface_mark_dirty(lay);
	int full[1][4] = { { 0, 0, W, H } };
	uint8_t *out = xmalloc((size_t)W * H), *out_c = xmalloc((size_t)W * H);
	for (int k = 0; k < 12; k++) {
		double z = 1.0 + 0.05 * k + (double)(rnd(&seed) % 1000) / 37000.0;
		double mx = -z * (20 + (double)(rnd(&seed) % 700) / 10.0), my = -z * (15 + (double)(rnd(&seed) % 500) / 10.0);
		cairo_matrix_t m;
		cairo_matrix_init(&m, z, 0, 0, z, mx, my);
		cairo_surface_t *f = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W, H);
		rblit(f, (const int (*)[4])full, 1, lay, NULL, &m, 0, 0, 0);
		cairo_surface_flush(f);
		rblit_plane(out, W, W, H, pl, SW, SW, SH, z, mx, my, NULL, 0);
		rblit_force_plain(1);
		rblit_plane(out_c, W, W, H, pl, SW, SW, SH, z, mx, my, NULL, 0);
		rblit_force_plain(0);
		const uint8_t *fd = cairo_image_surface_get_data(f);
		int fs = cairo_image_surface_get_stride(f);
		long nd = 0;
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) nd += fd[(size_t)y * fs + 4 * x] != out[y * W + x];
		CHECKF(nd == 0, "render_blit-4.%d: the plane differs from rblit's channel in %ld pixels (z %.3f)", k, nd, z);
		CHECKF(!memcmp(out, out_c, (size_t)W * H), "render_blit-4.%d: the plain plane kernel differs from the AVX2 one", k);
		cairo_surface_destroy(f);
	}
	free(out);
	free(out_c);
	free(pl);
	cairo_surface_destroy(lay);
}
