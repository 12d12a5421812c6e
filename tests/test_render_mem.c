/* tests/test_render_mem.c — the render's memory savings keep the pixels: a transition
 * drawn band by band is the same as drawn whole, and giving back unwritten file pages
 * keeps every mapping's content (a written one is left alone). */
#include "test.h"
#include "render/render_internal.h"
#include "core/util.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static cairo_surface_t *pattern(int w, int h, int t)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	uint8_t *d = cairo_image_surface_get_data(s);
	int st = cairo_image_surface_get_stride(s);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint8_t *p = d + (size_t)y * st + 4 * x;
			p[0] = (uint8_t)(x * 3 + t);
			p[1] = (uint8_t)(y * 5 + 7 * t);
			p[2] = (uint8_t)((x ^ y) * t);
			p[3] = 255;
		}
	cairo_surface_mark_dirty(s);
	return s;
}

/* render.c draws a transition's frame in bands of rows (memory): every transition, at a
 * moment where the whip pan's offset is a fraction of a pixel, gives the same pixels
 * band by band as drawn whole (bands of 64 rows and a last of 8). */
TEST(render_transition_bands_same_pixels)
{
	struct rctx c = { 0 };
	c.W = 108;
	c.H = 200;
	cairo_surface_t *prev = pattern(c.W, c.H, 1), *cur = pattern(c.W, c.H, 2);
	static const char *const trs[] = { "crossfade", "dip_to_black", "whip_pan", "flash", "cut" };
	static const double us[] = { 0.37, 0.61 };
	for (size_t t = 0; t < ARRAY_LEN(trs); t++)
		for (size_t k = 0; k < ARRAY_LEN(us); k++) {
			cairo_surface_t *whole = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, c.W, c.H);
			cairo_t *cr = cairo_create(whole);
			rtransition(&c, trs[t], us[k], prev, cur, cr);
			cairo_destroy(cr);
			cairo_surface_flush(whole);
			cairo_surface_t *band = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, c.W, 64);
			int bad = -1;
			for (int y = 0; y < c.H && bad < 0; y += 64) {
				cr = cairo_create(band);
				cairo_translate(cr, 0, -y);
				rtransition(&c, trs[t], us[k], prev, cur, cr);
				cairo_destroy(cr);
				cairo_surface_flush(band);
				for (int r = 0; r < 64 && y + r < c.H && bad < 0; r++)
					if (memcmp(cairo_image_surface_get_data(band) + (size_t)r * cairo_image_surface_get_stride(band),
					           cairo_image_surface_get_data(whole) + (size_t)(y + r) * cairo_image_surface_get_stride(whole),
					           (size_t)c.W * 4))
						bad = y + r;
			}
			cairo_surface_destroy(band);
			cairo_surface_destroy(whole);
			CHECKF(bad < 0, "%s at %.2f: row %d differs drawn in bands", trs[t], us[k], bad);
		}
	cairo_surface_destroy(prev);
	cairo_surface_destroy(cur);
}

/* Rss (kB) of the mapping that starts at addr, from /proc/self/smaps; -1 if none. */
static long mapping_rss(const void *addr)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	long rss = -1;
	int in = 0;
	while (f && fgets(line, sizeof line, f)) {
		unsigned long long a, b;
		if (sscanf(line, "%llx-%llx ", &a, &b) == 2 && strchr(line, '-') < strchr(line, ' ')) in = a == (uintptr_t)addr;
		else if (in && sscanf(line, "Rss: %ld", &rss) == 1) break;
	}
	if (f) fclose(f);
	return rss;
}

TEST(render_file_pages_given_back_content_kept)
{
	size_t n = 2u << 20;
	char *path = path_join(test_tmpdir(), "pages.bin");
	unsigned char *buf = xmalloc(n);
	for (size_t i = 0; i < n; i++) buf[i] = (unsigned char)(i * 7 + (i >> 12));
	CHECK(file_write_atomic(path, (const char *)buf, n) == 0);
	int fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	unsigned char *ro = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0);
	unsigned char *wr = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	CHECK(ro != MAP_FAILED && wr != MAP_FAILED);
	wr[5] = 99;                                      /* a private copy of one page */
	volatile unsigned sum = 0;                       /* then the rest resident (after the write:
	                                                  * a copy-on-write may unmap a large folio) */
	for (size_t i = 0; i < n; i += 4096) sum += ((volatile unsigned char *)ro)[i] + ((volatile unsigned char *)wr)[i];
	CHECK(mprotect(wr, n, PROT_READ) == 0);          /* read-only now, as ld.so leaves RELRO */
	CHECKF(mapping_rss(ro) >= 2000 && mapping_rss(wr) >= 2000, "the mappings have %ld and %ld kB resident before",
	       mapping_rss(ro), mapping_rss(wr));
	CHECK(rmem_drop_file_pages() >= 1.9);
	CHECKF(mapping_rss(ro) < 100, "the unwritten mapping still has %ld kB resident", mapping_rss(ro));
	CHECKF(mapping_rss(wr) >= 2000, "the written mapping lost its pages: %ld kB", mapping_rss(wr));
	buf[5] = 99;
	CHECK(!memcmp(wr, buf, n));                      /* the written byte stays */
	buf[5] = (unsigned char)(5 * 7);
	CHECK(!memcmp(ro, buf, n));                      /* read back from the file */
	munmap(ro, n);
	munmap(wr, n);
	free(buf);
	free(path);
	(void)sum;
}
