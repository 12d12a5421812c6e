/* art/art.c — the procedural art backend table, backend lookup, atomic PNG writing and
 * the design stage (looks, character sheets, location cards, with a cache by the hash
 * of each picture's inputs). */
#include "core/cache.h"
#include <string.h>
#include <cairo.h>
#include "art/art_internal.h"

/* Bump when the drawing changes so cached sheets are redrawn. */
#define ART_SHEET_VERSION "chr-sheet-14"  /* 14: a bald head's fringe behind the ear; 13: three-quarter and profile views */

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

static cairo_status_t png_sink(void *closure, const unsigned char *data, unsigned int len)
{
	sb_addn(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

int art_write_png(cairo_surface_t *surf, const char *path)
{
	if (!surf || !path) return err_set(ERR_INPUT, "art: write_png needs a surface and a path");
	cairo_surface_flush(surf);
	struct sbuf b = { 0 };
	cairo_status_t st = cairo_surface_write_to_png_stream(surf, png_sink, &b);
	if (st != CAIRO_STATUS_SUCCESS) {
		sb_free(&b);
		return err_set(ERR_GENERIC, "art: encoding %s as PNG failed: %s", path, cairo_status_to_string(st));
	}
	int r = file_write_atomic(path, b.s, b.len);
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
