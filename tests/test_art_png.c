/* tests/test_art_png.c — the design's own PNG writer (art.c art_png_encode, fast zlib):
 * read back, every picture holds the pixels cairo's own writer stores, for translucent,
 * opaque and RGB24 surfaces of odd sizes and padded strides. */
#include <stdlib.h>
#include <string.h>
#include "test.h"
#include "art/art.h"
#include "core/util.h"

struct rd { const struct sbuf *b; size_t at; };

static cairo_status_t rd_read(void *closure, unsigned char *data, unsigned int len)
{
	struct rd *r = closure;
	if (r->at + len > r->b->len) return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->b->s + r->at, len);
	r->at += len;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t wr_sink(void *closure, const unsigned char *data, unsigned int len)
{
	sb_addn(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *decode(const struct sbuf *b)
{
	struct rd r = { b, 0 };
	return cairo_image_surface_create_from_png_stream(rd_read, &r);
}

/* 1 when a and b have the same size, format and pixels (row by row, width only). */
static int same_pixels(cairo_surface_t *a, cairo_surface_t *b)
{
	int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
	if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b) ||
	    cairo_image_surface_get_format(a) != cairo_image_surface_get_format(b))
		return 0;
	for (int y = 0; y < h; y++)
		if (memcmp(cairo_image_surface_get_data(a) + (size_t)y * cairo_image_surface_get_stride(a),
		           cairo_image_surface_get_data(b) + (size_t)y * cairo_image_surface_get_stride(b), (size_t)w * 4))
			return 0;
	return 1;
}

TEST(art_png_same_pixels)
{
	static const struct { cairo_format_t f; int w, h, opaque; } cases[] = {
		{ CAIRO_FORMAT_ARGB32, 1, 1, 0 }, { CAIRO_FORMAT_ARGB32, 37, 21, 0 }, { CAIRO_FORMAT_ARGB32, 64, 33, 1 },
		{ CAIRO_FORMAT_RGB24, 45, 17, 1 }, { CAIRO_FORMAT_ARGB32, 300, 7, 0 },
	};
	uint64_t rng = 12345;
	for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
		cairo_surface_t *s = cairo_image_surface_create(cases[k].f, cases[k].w, cases[k].h);
		unsigned char *px = cairo_image_surface_get_data(s);
		int stride = cairo_image_surface_get_stride(s);
		cairo_surface_flush(s);
		for (int y = 0; y < cases[k].h; y++)
			for (int x = 0; x < cases[k].w; x++) {
				rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
				uint32_t v = (uint32_t)(rng >> 32), a = v >> 24;
				if (!cases[k].opaque && (v & 3) == 0) a = 0;          /* clear pixels too */
				if (cases[k].opaque || (v & 3) == 1) a = 255;
				uint32_t r = ((v >> 16) & 0xff) * a / 255, g = ((v >> 8) & 0xff) * a / 255, b = (v & 0xff) * a / 255;
				uint32_t p = a << 24 | r << 16 | g << 8 | b;   /* premultiplied, as cairo keeps it */
				memcpy(px + (size_t)y * stride + 4 * (size_t)x, &p, 4);
			}
		cairo_surface_mark_dirty(s);
		struct sbuf ours = { 0 }, theirs = { 0 };
		CHECK(art_png_encode(s, &ours) == 0);
		CHECK(cairo_surface_write_to_png_stream(s, wr_sink, &theirs) == CAIRO_STATUS_SUCCESS);
		cairo_surface_t *a = decode(&ours), *b = decode(&theirs);
		CHECK(cairo_surface_status(a) == CAIRO_STATUS_SUCCESS && cairo_surface_status(b) == CAIRO_STATUS_SUCCESS);
		CHECKF(same_pixels(a, b), "case %zu (%dx%d format %d)", k, cases[k].w, cases[k].h, (int)cases[k].f);
		cairo_surface_destroy(a);
		cairo_surface_destroy(b);
		cairo_surface_destroy(s);
		sb_free(&ours);
		sb_free(&theirs);
	}
	/* not a picture it can write */
	cairo_surface_t *a8 = cairo_image_surface_create(CAIRO_FORMAT_A8, 4, 4);
	struct sbuf none = { 0 };
	CHECK(art_png_encode(a8, &none) < 0 && strstr(err_msg(), "ARGB32"));
	err_clear();
	cairo_surface_destroy(a8);
	sb_free(&none);
}
