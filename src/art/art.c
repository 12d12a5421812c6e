/* art/art.c — the procedural art backend table, backend lookup, atomic PNG writing and
 * the design stage (looks, character sheets, location cards, with a cache by the hash
 * of each picture's inputs). */
#include "core/cache.h"
#include <string.h>
#include <cairo.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include "art/art_internal.h"

/* Bump when the drawing changes so cached sheets are redrawn. */
#define ART_SHEET_VERSION "chr-sheet-15"  /* 15: a creature's turnaround fitted to its slots; 14: a bald head's fringe behind the ear; 13: three-quarter and profile views */

static int assign_looks(struct series *s, uint64_t seed)
{
	if (proc_assign_character_looks(s, seed) < 0) return -1;
	return proc_assign_location_looks(s, seed);
}

static int design(struct project *p, const struct stage_opts *o);

const struct art_backend art_procedural = {
	.name = "procedural",
	.assign_looks = assign_looks,
	.metrics = proc_metrics,
	.draw_character = proc_draw_character,
	.draw_location = proc_draw_location,
	.draw_prop = proc_draw_prop,
	.design = design,
};

const struct art_backend *art_backend_get(const char *name)
{
	if (!name || !*name || str_ieq(name, "procedural") || str_ieq(name, "default")) return &art_procedural;
	if (str_ieq(name, "comfyui")) return &art_comfyui;
	if (str_ieq(name, "images-api")) return &art_images_api;
	err_set(ERR_INPUT, "art backend \"%s\" is unknown; use \"procedural\", \"comfyui\" or \"images-api\" (\"art\" in drama.json)", name);
	return NULL;
}

/* libpng's write callbacks into an sbuf; an error longjmps back to art_png_encode. */
static void png_put(png_structp png, png_bytep data, size_t len)
{
	sb_addn(png_get_io_ptr(png), (const char *)data, len);
}

static void png_flush_none(png_structp png) { (void)png; }

/* surf (ARGB32 or RGB24) as PNG bytes into out: the pixels cairo_surface_write_to_png
 * writes (RGB when no pixel is translucent, else RGBA un-premultiplied as cairo does it),
 * compressed at zlib level 3 with the Up filter: the design's sheets and cards took 1.0 s
 * of their 1.9 s of CPU in zlib and libpng's filter search at cairo's defaults (level 6,
 * every filter tried per row); this is about a third of that, files about 15% larger.
 * Test art_png_same_pixels. 0 or <0 with err_msg. */
int art_png_encode(cairo_surface_t *surf, struct sbuf *out)
{
	cairo_surface_flush(surf);
	cairo_format_t f = cairo_image_surface_get_format(surf);
	int w = cairo_image_surface_get_width(surf), h = cairo_image_surface_get_height(surf);
	int stride = cairo_image_surface_get_stride(surf);
	const unsigned char *px = cairo_image_surface_get_data(surf);
	if ((f != CAIRO_FORMAT_ARGB32 && f != CAIRO_FORMAT_RGB24) || !px || w <= 0 || h <= 0)
		return err_set(ERR_GENERIC, "art: a PNG needs a non-empty ARGB32 or RGB24 picture");
	int alpha = 0;
	for (int y = 0; f == CAIRO_FORMAT_ARGB32 && y < h && !alpha; y++) {
		const uint32_t *row = (const uint32_t *)(px + (size_t)y * stride);
		for (int x = 0; x < w; x++)
			if ((row[x] >> 24) != 0xff) { alpha = 1; break; }
	}
	int ch = alpha ? 4 : 3;
	unsigned char *line = xmalloc((size_t)w * 4);
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!info) {
		png_destroy_write_struct(&png, NULL);
		free(line);
		return err_set(ERR_GENERIC, "art: out of memory for a PNG");
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(line);
		return err_set(ERR_GENERIC, "art: libpng could not encode a %dx%d picture", w, h);
	}
	png_set_write_fn(png, out, png_put, png_flush_none);
	png_set_compression_level(png, 3);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
	             PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(px + (size_t)y * stride);
		unsigned char *o = line;
		for (int x = 0; x < w; x++, o += ch) {
			uint32_t p = row[x], a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
			if (alpha && a == 0) {
				o[0] = o[1] = o[2] = o[3] = 0;
				continue;
			}
			if (alpha && a != 0xff) {              /* cairo's unpremultiply_data, rounded as there */
				r = (r * 255 + a / 2) / a;
				g = (g * 255 + a / 2) / a;
				b = (b * 255 + a / 2) / a;
			}
			o[0] = (unsigned char)r;
			o[1] = (unsigned char)g;
			o[2] = (unsigned char)b;
			if (alpha) o[3] = (unsigned char)a;
		}
		png_write_row(png, line);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(line);
	return 0;
}

int art_write_png(cairo_surface_t *surf, const char *path)
{
	if (!surf || !path) return err_set(ERR_INPUT, "art: write_png needs a surface and a path");
	struct sbuf b = { 0 };
	int r = art_png_encode(surf, &b);
	if (r < 0) r = err_set(ERR_GENERIC, "art: encoding %s as PNG failed: %s", path, err_msg());
	else r = file_write_atomic(path, b.s, b.len);
	sb_free(&b);
	return r;
}

/* ---- design stage ---- */

static void hash_json(struct hash *h, const json_t *j)
{
	char *s = model_json_key(j, JSON_SORT_KEYS | JSON_COMPACT);
	hash_str(h, s);
	free(s);
}

static void char_hash(const struct character *c, char out[33])
{
	struct hash h;
	hash_init(&h);
	hash_str(&h, ART_SHEET_VERSION);
	hash_str(&h, c->name);
	hash_str(&h, c->role);
	hash_str(&h, c->gender);
	hash_num(&h, c->age);
	hash_json(&h, c->look);
	hash_json(&h, c->voice);
	hash_hex(&h, out);
}

static void loc_hash(const struct location *l, char out[33])
{
	struct hash h;
	hash_init(&h);
	hash_str(&h, "loc-card-1");
	hash_str(&h, l->name);
	hash_str(&h, l->kind);
	hash_str(&h, l->description);
	hash_json(&h, l->look);
	hash_hex(&h, out);
}

/* 1 if png exists, the stamp file holds `hash` (the drawing's inputs) and png still has
 * the size and bytes the stamp recorded when it was drawn. A damaged picture is warned
 * about (naming it) and drawn again. */
static int cached(const char *png, const char *stamp, const char *hash, const char *rel)
{
	if (!file_exists(png)) return 0;
	char *s = NULL;
	size_t n = 0;
	if (file_read_all(stamp, &s, &n) < 0) { err_clear(); return 0; }
	int ok = n >= 32 && !strncmp(s, hash, 32);
	long long size = -1;
	char hex[33] = "";
	if (ok && (sscanf(s + 32, " %lld %32s", &size, hex) != 2 || strlen(hex) != 32)) {
		log_info("art", "%s has no checksum yet; drawing it again", rel);
		ok = 0;
	} else if (ok) {
		struct cache_sum cs;
		if (cache_sum_file(png, &cs) < 0) err_clear();
		if (cs.size != size || strcmp(cs.hash, hex)) {
			log_warn("art", "%s is damaged (%lld bytes, drawn as %lld, %s); drawing it again", rel, cs.size, size,
			         cs.size == size ? "other bytes" : "other size");
			ok = 0;
		}
	}
	free(s);
	return ok;
}

/* Draw one picture unless cached; writes the stamp (inputs, size and hash of the
 * picture) after the picture. */
static int one(struct project *p, const struct stage_opts *o, const char *dir, const char *name, const char *hash,
               int (*draw)(const struct series *s, const void *obj, const char *png), const void *obj, int *made)
{
	char *safe = path_safe_name(name ? name : "unnamed");
	char *rel = xasprintf("%s/%s.png", dir, safe);
	char *srel = xasprintf("cache/art/%s_%s.hash", dir, safe);
	char *png = project_path(p, rel), *stamp = project_path(p, srel);
	int r = 0;
	struct cache_sum cs;
	if (!(o && o->force) && cached(png, stamp, hash, rel)) {
		log_debug("art", "%s unchanged, kept", rel);
	} else if ((r = draw(p->s, obj, png)) >= 0 && (r = cache_sum_file(png, &cs)) == 0) {
		char *line = xasprintf("%.32s %lld %s\n", hash, cs.size, cs.hash);
		r = file_write_atomic(stamp, line, strlen(line));
		free(line);
		(*made)++;
	}
	free(safe); free(rel); free(srel); free(png); free(stamp);
	return r;
}

static int draw_sheet(const struct series *s, const void *obj, const char *png)
{
	return art_character_sheet(&art_procedural, s, obj, png);
}

static int draw_card(const struct series *s, const void *obj, const char *png)
{
	return art_location_card(&art_procedural, obj, png);
}

static int design(struct project *p, const struct stage_opts *o)
{
	if (!p || !p->s)
		return err_set(ERR_INPUT, "design: %s has no storyboard.json; run `drama script %s KEYWORDS` first",
		               p && p->dir ? p->dir : "the project", p && p->dir ? p->dir : "DIR");
	struct series *s = p->s;
	if (assign_looks(s, s->seed ? s->seed : p->set.seed) < 0) return -1;
	const char *dirs[] = { "characters", "locations", "cache/art" };
	for (size_t i = 0; i < ARRAY_LEN(dirs); i++) {
		char *d = project_path(p, dirs[i]);
		int r = mkdir_p(d);
		free(d);
		if (r < 0) return r;
	}
	int made = 0, r = 0;
	progress_begin("design", (double)(s->n_chars + s->n_locs));
	for (size_t i = 0; i < s->n_chars && r >= 0; i++) {
		char h[33];
		char_hash(&s->chars[i], h);
		progress_update((double)i, s->chars[i].name);
		r = one(p, o, "characters", s->chars[i].name, h, draw_sheet, &s->chars[i], &made);
	}
	for (size_t i = 0; i < s->n_locs && r >= 0; i++) {
		char h[33];
		loc_hash(&s->locs[i], h);
		progress_update((double)(s->n_chars + i), s->locs[i].name);
		r = one(p, o, "locations", s->locs[i].name, h, draw_card, &s->locs[i], &made);
	}
	progress_end();
	if (r < 0) return r;
	log_info("art", "design: %d picture(s) drawn, %zu unchanged", made, s->n_chars + s->n_locs - (size_t)made);
	return 0;
}
