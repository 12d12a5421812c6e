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
		char *part = xasprintf("%s.part", ours);
		CHECK(!file_exists(part));
		free(part);
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
	CHECK(rpng_write(s, bad) < 0 && strstr(err_msg(), "x.png.part"));
	err_clear();
	free(bad);
	cairo_surface_destroy(s);
}
