/* tests/test_render_cpu.c — the renderer's CPU savings keep their pictures: the cover,
 * thumbnails and contact sheet go through the fast PNG writer (rpng_write) with the pixels
 * cairo's own writer stores. */
#include <stdlib.h>
#include <string.h>
#include "test.h"
#include "render/render_internal.h"
#include "core/util.h"

/* 1 when a and b have the same size and pixels (row by row, width only). */
static int same_pixels(cairo_surface_t *a, cairo_surface_t *b)
{
	int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
	if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) return 0;
	for (int y = 0; y < h; y++)
		if (memcmp(cairo_image_surface_get_data(a) + (size_t)y * cairo_image_surface_get_stride(a),
		           cairo_image_surface_get_data(b) + (size_t)y * cairo_image_surface_get_stride(b), (size_t)w * 4))
			return 0;
	return 1;
}

/* rpng_write stores art_png_encode's bytes (not cairo's slower level-6 stream), and they
 * read back as the pixels cairo's writer stores, translucent and opaque. */
TEST(render_png_fast_writer_same_pixels)
{
	for (int opaque = 0; opaque < 2; opaque++) {
		cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 61, 37);
		cairo_t *cr = cairo_create(s);
		if (opaque) {
			cairo_set_source_rgb(cr, 0.2, 0.3, 0.4);
			cairo_paint(cr);
		}
		cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, 61, 37);
		cairo_pattern_add_color_stop_rgba(g, 0, 1, 0.5, 0, 0.3);
		cairo_pattern_add_color_stop_rgba(g, 1, 0, 0.2, 0.9, 1);
		cairo_set_source(cr, g);
		cairo_arc(cr, 30, 18, 16, 0, 6.3);
		cairo_fill(cr);
		cairo_pattern_destroy(g);
		cairo_destroy(cr);
		char *ours = xasprintf("%s/ours%d.png", test_tmpdir(), opaque);
		char *theirs = xasprintf("%s/theirs%d.png", test_tmpdir(), opaque);
		CHECK(rpng_write(s, ours) == 0);
		CHECK(cairo_surface_write_to_png(s, theirs) == CAIRO_STATUS_SUCCESS);
		struct sbuf fast = { 0 };
		CHECK(art_png_encode(s, &fast) == 0);
		char *got = NULL;
		size_t n = 0;
		CHECK(file_read_all(ours, &got, &n) == 0);
		CHECKF(n == fast.len && !memcmp(got, fast.s, n), "rpng_write is not the fast writer (%zu vs %zu bytes)", n,
		       fast.len);
		cairo_surface_t *a = cairo_image_surface_create_from_png(ours), *b = cairo_image_surface_create_from_png(theirs);
		CHECK(cairo_surface_status(a) == CAIRO_STATUS_SUCCESS && cairo_surface_status(b) == CAIRO_STATUS_SUCCESS);
		CHECKF(same_pixels(a, b), "opaque %d: other pixels than cairo's writer", opaque);
		cairo_surface_destroy(a);
		cairo_surface_destroy(b);
		free(got);
		sb_free(&fast);
		free(ours);
		free(theirs);
		cairo_surface_destroy(s);
	}
	/* a folder that is not there: one message naming the file */
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4);
	char *bad = xasprintf("%s/no/such/dir/x.png", test_tmpdir());
	CHECK(rpng_write(s, bad) < 0 && strstr(err_msg(), "x.png"));
	err_clear();
	free(bad);
	cairo_surface_destroy(s);
}

/* s painted all over with SOURCE: a gradient (translucent) through a scale, as the room is
 * magnified (zoom_into), with the part outside the picture left transparent. */
static void paint_source(cairo_surface_t *s)
{
	cairo_surface_t *pic = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 40, 30);
	cairo_t *cr = cairo_create(pic);
	cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, 40, 30);
	cairo_pattern_add_color_stop_rgba(g, 0, 1, 0.5, 0, 0.4);
	cairo_pattern_add_color_stop_rgba(g, 1, 0, 0.2, 0.9, 1);
	cairo_set_source(cr, g);
	cairo_paint(cr);
	cairo_pattern_destroy(g);
	cairo_destroy(cr);
	cr = cairo_create(s);
	cairo_translate(cr, 30, 20);
	cairo_scale(cr, 13.3, 11.7);
	cairo_set_source_surface(cr, pic, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(pic);
	cairo_surface_flush(s);
}

/* A big surface's block is handed to the next big surface of about its size (not cleared:
 * a SOURCE paint over it gives the pixels it gives on a new cairo surface); a much smaller
 * one frees the idle blocks and gets its own; rpool_trim frees what is idle (ASan: no
 * leak, no use after free; a surface destroyed after the trim gives its block back). */
TEST(render_pool_reuses_blocks)
{
	rpool_trim();
	struct rpool_stats s0 = rpool_stats();
	cairo_surface_t *a = rpool_overwrite(700, 600);        /* 1.7 MB */
	CHECK(cairo_surface_status(a) == CAIRO_STATUS_SUCCESS);
	unsigned char *pa = cairo_image_surface_get_data(a);
	cairo_t *cr = cairo_create(a);
	cairo_set_source_rgb(cr, 1, 0, 0);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(a);
	CHECK(rpool_stats().idle == 1);
	cairo_surface_t *b = rpool_overwrite(640, 600);        /* fits in a's block: reused */
	CHECK(cairo_image_surface_get_data(b) == pa);
	CHECK(cairo_image_surface_get_width(b) == 640 && cairo_image_surface_get_stride(b) == 640 * 4);
	CHECK(rpool_stats().idle == 0);
	cairo_surface_t *ref = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 640, 600);
	paint_source(b);
	paint_source(ref);
	CHECKF(same_pixels(b, ref), "a SOURCE paint over a reused block differs from one on a new surface");
	cairo_surface_destroy(ref);
	cairo_surface_destroy(b);
	cairo_surface_t *c = rpool_overwrite(300, 1000);       /* 1.2 MB: too small for a's 1.7 MB block, */
	CHECK(rpool_stats().idle == 0);                        /* which is freed before c's own is taken */
	cairo_surface_t *tiny = rpool_overwrite(10, 10);       /* small surfaces are cairo's own */
	CHECK(cairo_surface_status(tiny) == CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(tiny);
	struct rpool_stats s1 = rpool_stats();
	CHECKF(s1.reused - s0.reused == 1 && s1.fresh - s0.fresh == 2, "%ld reused, %ld fresh", s1.reused - s0.reused,
	       s1.fresh - s0.fresh);
	rpool_trim();
	cairo_surface_destroy(c);                              /* after the trim: kept until the next one */
	CHECK(rpool_stats().idle == 1);
	cairo_surface_t *d = rpool_overwrite(300, 1000);       /* c's block again */
	CHECK(rpool_stats().idle == 0);
	cairo_surface_destroy(d);
	rpool_trim();
	/* more blocks back than the pool keeps: the rest are freed at once */
	cairo_surface_t *many[9];
	for (int i = 0; i < 9; i++) many[i] = rpool_overwrite(512, 512);
	for (int i = 0; i < 9; i++) cairo_surface_destroy(many[i]);
	CHECK(rpool_stats().idle <= 6);
	rpool_trim();
	CHECK(rpool_stats().idle == 0);
}
