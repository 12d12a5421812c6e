/* art/location.c — procedural locations: the template table, mapping a place's name
 * and description (English or Chinese) to the closest template, its look (hue shift,
 * sign text, variant), drawing one parallax layer, and the creator's location card.
 *
 * Vocabulary, sign defaults and palettes live in data/art/locations.json.
 *
 * l->look (editable in storyboard.json):
 *   { "template": "milk_tea_shop",  the kind it was designed with
 *     "hue": 0.012,                 palette hue shift in turns (-0.1 .. 0.1)
 *     "variant": 1,                 0..3; odd = layout mirrored left-right
 *     "seed": 123456,               details (clouds, stars, books, blossoms)
 *     "sign": "Xia's Milk Tea" }    text on the sign, plaque or street plate */
#include <math.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <pthread.h>
#include "art/location_int.h"

/* ---------------------------------------------------------------- data */

static json_t *g_data;
static char g_data_err[512];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void load_data(void)
{
	char *path = data_path("art/locations.json");
	json_error_t je;
	g_data = json_load_file(path, 0, &je);
	if (!g_data)
		snprintf(g_data_err, sizeof g_data_err, "%s:%d:%d: %s; reinstall the data folder or set DRAMA_DATA",
		         path, je.line, je.column, je.text);
	else if (!json_is_object(json_object_get(g_data, "kinds")))
		snprintf(g_data_err, sizeof g_data_err, "%s: no \"kinds\" object; restore the file from the repository", path);
	free(path);
}

static const json_t *data_get(void)
{
	pthread_once(&g_once, load_data);
	if (g_data_err[0]) {
		err_set(ERR_IO, "location data: %s", g_data_err);
		return NULL;
	}
	return g_data;
}

const json_t *lc_palette(const char *kind)
{
	const json_t *d = data_get();
	if (!d) return NULL;
	return json_object_get(json_object_get(json_object_get(d, "kinds"), kind), "palette");
}

/* ---------------------------------------------------------------- templates */

const char *const PROC_LOCATION_KINDS[] = {
	"milk_tea_shop", "palace_hall", "ancient_street", "courtyard", "office", "ceo_office",
	"city_street", "apartment", "bedroom", "hospital_room", "restaurant", "wedding_hall",
	"classroom", "park", "rooftop", "police_station", "cafe", "bakery", "museum",
	"cold_palace", "palace_kitchen", "tea_house", "bamboo_forest", "ancient_bedroom", NULL
};

static const struct lc_tpl *find_tpl(const char *kind)
{
	const struct lc_tpl *tabs[] = { LC_MODERN, LC_ANCIENT, LC_OUTDOOR, LC_ANCIENT_EXTRA };
	for (size_t k = 0; k < ARRAY_LEN(tabs); k++)
		for (const struct lc_tpl *t = tabs[k]; t->kind; t++)
			if (str_eq(t->kind, kind)) return t;
	return NULL;
}

/* ---------------------------------------------------------------- name mapping */

static char *lower_ascii(const char *s)
{
	char *o = xstrdup(s ? s : "");
	for (char *p = o; *p; p++) *p = (char)tolower((unsigned char)*p);
	return o;
}

/* Does phrase w occur in s as whole words? ASCII phrases need a word boundary before
 * and after (a plural "s" allowed); CJK phrases match anywhere. */
static int has_phrase(const char *s, const char *w)
{
	size_t n = strlen(w);
	int ascii = !((unsigned char)w[0] & 0x80);
	for (const char *p = strstr(s, w); p; p = strstr(p + 1, w)) {
		if (!ascii) return 1;
		int before = p == s || !isalnum((unsigned char)p[-1]);
		const char *e = p + n;
		int after = !isalnum((unsigned char)*e) || (*e == 's' && !isalnum((unsigned char)e[1]));
		if (before && after) return 1;
	}
	return 0;
}

/* End offset (bytes) of the last whole-word occurrence of w in s; 0 if none. */
static long phrase_end(const char *s, const char *w)
{
	long best = 0;
	size_t n = strlen(w);
	for (const char *p = strstr(s, w); p; p = strstr(p + 1, w))
		if (has_phrase(p, w) && (p == s || !isalnum((unsigned char)p[-1]) || ((unsigned char)w[0] & 0x80)))
			best = (long)(p - s + n);
	return best;
}

static int kind_era_matches(const json_t *k, const char *era)
{
	const char *ke = json_string_value(json_object_get(k, "era"));
	if (!ke || !era) return 0;
	if (str_eq(era, "mixed")) return str_eq(ke, "modern");
	return str_eq(ke, era);
}

/* Best template for a name + description; NULL when nothing matches. */
static const char *match_kind(const json_t *d, const char *name, const char *desc, const char *era)
{
	char *ln = lower_ascii(name), *ld = lower_ascii(desc);
	const json_t *kinds = json_object_get(d, "kinds");
	const char *best = NULL, *key;
	long best_score = 0;
	int best_era = 0;
	json_t *k;
	json_object_foreach((json_t *)kinds, key, k) {
		if (!find_tpl(key)) continue;
		size_t i;
		json_t *ph;
		json_array_foreach(json_object_get(k, "match"), i, ph) {
			const char *w = json_string_value(ph);
			if (!w || !*w) continue;
			/* in the name beats in the description; then the match ending last wins
			 * (the head noun comes last in English and Chinese: "Ninth Street Bakery",
			 * "第九街奶茶店"); then the longer phrase */
			long sc = 0, end;
			if ((end = phrase_end(ln, w)) > 0) sc = 1000000 + end * 1000 + (long)strlen(w);
			else if ((end = phrase_end(ld, w)) > 0) sc = end * 1000 + (long)strlen(w);
			if (!sc) continue;
			int em = kind_era_matches(k, era);
			if (sc > best_score || (sc == best_score && em && !best_era)) {
				best = key; best_score = sc; best_era = em;
			}
		}
	}
	if (!best) {
		/* generic words, in order of preference, name before description */
		size_t i;
		json_t *fb;
		for (int pass = 0; pass < 2 && !best; pass++)
			json_array_foreach(json_object_get(d, "fallback"), i, fb) {
				const char *w = json_string_value(json_array_get(fb, 0));
				const char *kind = json_string_value(json_array_get(fb, 1));
				const char *kind_anc = json_string_value(json_array_get(fb, 2));
				if (!w || !kind || !has_phrase(pass ? ld : ln, w)) continue;
				best = (kind_anc && str_eq(era, "ancient")) ? kind_anc : kind;
				break;
			}
	}
	free(ln);
	free(ld);
	return best && find_tpl(best) ? find_tpl(best)->kind : NULL;
}

static const char *default_kind(const char *era)
{
	return str_eq(era, "ancient") ? "ancient_street" : "city_street";
}

/* The text for a sign: the place's name without a generic tail ("Xia's Milk Tea Shop"
 * -> "Xia's Milk Tea"); the kind's default sign when the name is only generic. */
static char *sign_text(const json_t *d, const char *kind, const char *name, const char *lang)
{
	const json_t *k = json_object_get(json_object_get(d, "kinds"), kind);
	const char *np = name ? name : "";
	int zh = str_eq(lang, "zh") || utf8_is_cjk(utf8_next(&np));
	const char *def = json_string_value(json_object_get(k, zh ? "sign_zh" : "sign_en"));
	if (!name || !*name) return xstrdup(def ? def : "");
	char *s = xstrdup(name);
	size_t i;
	json_t *suf;
	json_array_foreach(json_object_get(d, "sign_strip"), i, suf) {
		const char *w = json_string_value(suf);
		size_t n = strlen(s), m = w ? strlen(w) : 0;
		if (m && n > m) {
			char *tail = lower_ascii(s + n - m);
			if (str_eq(tail, w)) s[n - m] = 0;
			free(tail);
		}
	}
	str_trim(s);
	const char *p = s;
	if (!strncasecmp(p, "the ", 4)) p += 4;
	/* only generic words left? use the default sign */
	char *lp = lower_ascii(p);
	int generic = 0;
	json_t *ph;
	json_array_foreach(json_object_get(k, "match"), i, ph)
		if (str_eq(lp, json_string_value(ph))) generic = 1;
	free(lp);
	/* a historical Chinese setting shows Chinese characters on its plaques and flags */
	const char *pp = p;
	int latin = !utf8_is_cjk(utf8_next(&pp));
	int ancient = str_eq(json_string_value(json_object_get(k, "era")), "ancient");
	const char *zh_sign = json_string_value(json_object_get(k, "sign_zh"));
	char *out = xstrdup((generic && def) ? def : (ancient && latin && zh_sign) ? zh_sign : p);
	free(s);
	return out;
}

int proc_assign_location_looks(struct series *s, uint64_t seed)
{
	if (!s) return err_set(ERR_INPUT, "locations: no series to design");
	const json_t *d = data_get();
	if (!d) return ERR_IO;
	for (size_t i = 0; i < s->n_locs; i++) {
		struct location *l = &s->locs[i];
		if (!l->kind || !find_tpl(l->kind)) {
			const char *k = match_kind(d, l->name, l->description, s->era);
			if (l->kind)
				log_warn("art", "location \"%s\": unknown kind \"%s\", using \"%s\" (kinds: see data/art/locations.json)",
				         l->name ? l->name : "?", l->kind, k ? k : default_kind(s->era));
			free(l->kind);
			l->kind = xstrdup(k ? k : default_kind(s->era));
		}
		if (l->look) continue;
		struct rng r;
		rng_seed(&r, seed_mix(seed ^ s->seed, l->name ? l->name : l->kind));
		json_t *look = json_object();
		json_object_set_new(look, "template", json_string(l->kind));
		json_object_set_new(look, "hue", json_real(round((rng_unit(&r) - 0.5) * 0.08 * 1000) / 1000));
		json_object_set_new(look, "variant", json_integer(rng_range(&r, 0, 3)));
		json_object_set_new(look, "seed", json_integer((json_int_t)(rng_next(&r) >> 12)));
		char *sg = sign_text(d, l->kind, l->name, s->lang);
		json_object_set_new(look, "sign", json_string(sg));
		free(sg);
		l->look = look;
	}
	return 0;
}

/* ---------------------------------------------------------------- drawing */

static int vocab_index(const char *const *v, const char *s, int dflt)
{
	if (!s) return dflt;
	for (int i = 0; v[i]; i++)
		if (str_eq(v[i], s)) return i;
	return -1;
}

int proc_draw_location(cairo_t *cr, const struct location *l, const char *time,
                       const char *weather, int layer, double t, double w, double h)
{
	static const char *const times[] = { "day", "dusk", "night", NULL };
	if (!cr || !l) return err_set(ERR_INPUT, "draw_location: no cairo context or location");
	if (!(w > 0 && h > 0) || w > 20000 || h > 20000)
		return err_set(ERR_INPUT, "location \"%s\": bad size %gx%g; give a positive width and height", l->name ? l->name : "?", w, h);
	if (layer < ART_LAYER_BACK || layer > ART_LAYER_FRONT)
		return err_set(ERR_INPUT, "location \"%s\": bad layer %d; use ART_LAYER_BACK, _MID or _FRONT", l->name ? l->name : "?", layer);
	int ti = vocab_index(times, time, 0), wi = vocab_index(MODEL_WEATHERS, weather, 0);
	if (ti < 0) return err_set(ERR_INPUT, "location \"%s\": time \"%s\" is not one of day, dusk, night", l->name ? l->name : "?", time);
	if (wi < 0) return err_set(ERR_INPUT, "location \"%s\": weather \"%s\" is not one of clear, rain, snow, storm, fog, heat, dust, flood", l->name ? l->name : "?", weather);
	const json_t *d = data_get();
	if (!d) return ERR_IO;

	const json_t *look = l->look;
	const char *kind = l->kind;
	if (!find_tpl(kind)) kind = json_string_value(json_object_get(look, "template"));
	if (!find_tpl(kind)) kind = match_kind(d, l->name, l->description, NULL);
	if (!kind) kind = default_kind(NULL);
	const struct lc_tpl *tp = find_tpl(kind);

	struct lc c;
	memset(&c, 0, sizeof c);
	c.cr = cr;
	c.kind = tp->kind;
	c.time = ti;
	c.weather = wi;
	c.layer = layer;
	c.indoor = tp->indoor;
	c.t = t;
	c.hue = json_is_number(json_object_get(look, "hue")) ? json_number_value(json_object_get(look, "hue")) : 0;
	if (c.hue > 0.1) c.hue = 0.1;
	if (c.hue < -0.1) c.hue = -0.1;
	c.variant = (int)json_integer_value(json_object_get(look, "variant")) & 3;
	c.seed = json_is_integer(json_object_get(look, "seed")) ? (uint64_t)json_integer_value(json_object_get(look, "seed"))
	                                                         : seed_mix(0x10c, l->name ? l->name : tp->kind);
	char *sign_own = NULL;
	c.sign = json_string_value(json_object_get(look, "sign"));
	if (!c.sign) c.sign = sign_own = sign_text(d, tp->kind, l->name, NULL);
	c.pal = lc_palette(tp->kind);
	if (!c.pal) log_warn("art", "location kind %s has no palette in data/art/locations.json; drawing grey", tp->kind);
	c.fy = LC_H * 0.70;

	cairo_save(cr);
	cairo_rectangle(cr, 0, 0, w, h);
	cairo_clip(cr);
	cairo_scale(cr, w / LC_W, h / LC_H);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	if (layer == ART_LAYER_BACK) {   /* guarantee an opaque layer */
		cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
		cairo_paint(cr);
	}
	if (c.variant & 1) {   /* odd variants: the same place seen mirrored (text stays readable) */
		cairo_translate(cr, LC_W, 0);
		cairo_scale(cr, -1, 1);
	}
	tp->fn(&c);
	if (layer == ART_LAYER_FRONT) lc_weather(&c);
	cairo_restore(cr);
	free(sign_own);
	cairo_status_t st = cairo_status(cr);
	if (st != CAIRO_STATUS_SUCCESS)
		return err_set(ERR_GENERIC, "location \"%s\": cairo: %s", l->name ? l->name : "?", cairo_status_to_string(st));
	return 0;
}

/* ---------------------------------------------------------------- card */

#define CARD_PW 432
#define CARD_PH 768
#define CARD_M 30
#define CARD_TOP 150
#define CARD_BOT 70

static void card_text(cairo_t *cr, const char *s, double x, double y, double size, struct rgb v, int bold, double max_w)
{
	struct lc c;
	memset(&c, 0, sizeof c);
	c.cr = cr;
	lc_text(&c, s, x, y, size, v, NULL, bold, max_w);
}

int art_location_card(const struct art_backend *a, const struct location *l, const char *png_path)
{
	if (!a || !a->draw_location || !l || !png_path)
		return err_set(ERR_INPUT, "location card: missing backend, location or path");
	int W = CARD_PW * 2 + CARD_M * 3, H = CARD_TOP + CARD_PH + CARD_BOT;
	cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
	cairo_t *cr = cairo_create(surf);
	int rc = 0;
	cairo_pattern_t *bg = cairo_pattern_create_linear(0, 0, 0, H);
	cairo_pattern_add_color_stop_rgb(bg, 0, 0.13, 0.13, 0.17);
	cairo_pattern_add_color_stop_rgb(bg, 1, 0.07, 0.07, 0.10);
	cairo_set_source(cr, bg);
	cairo_paint(cr);
	cairo_pattern_destroy(bg);
	static const char *const times[2] = { "day", "night" };
	for (int p = 0; p < 2 && rc == 0; p++) {
		double x = CARD_M + p * (CARD_PW + CARD_M), y = CARD_TOP;
		cairo_save(cr);
		cairo_translate(cr, x, y);
		for (int layer = ART_LAYER_BACK; layer <= ART_LAYER_FRONT && rc == 0; layer++) {
			cairo_save(cr);
			rc = a->draw_location(cr, l, times[p], NULL, layer, 0.0, CARD_PW, CARD_PH);
			cairo_restore(cr);
		}
		cairo_restore(cr);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.25);
		cairo_set_line_width(cr, 2);
		cairo_rectangle(cr, x - 1, y - 1, CARD_PW + 2, CARD_PH + 2);
		cairo_stroke(cr);
		card_text(cr, p ? "NIGHT" : "DAY", x + CARD_PW / 2.0, y + CARD_PH + CARD_BOT / 2.0, 26, (struct rgb){ 0.8, 0.8, 0.85 }, 1, 0);
	}
	if (rc == 0) {
		card_text(cr, l->name ? l->name : "(unnamed)", W / 2.0, 62, 54, (struct rgb){ 1, 1, 1 }, 1, W - 2 * CARD_M);
		const char *kind = l->kind ? l->kind : json_string_value(json_object_get(l->look, "template"));
		char *sub = xasprintf("location · %s", kind ? kind : "auto");
		card_text(cr, sub, W / 2.0, 118, 26, (struct rgb){ 0.72, 0.74, 0.82 }, 0, W - 2 * CARD_M);
		free(sub);
		cairo_surface_flush(surf);
		if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
			rc = err_set(ERR_GENERIC, "location card %s: cairo: %s", png_path, cairo_status_to_string(cairo_status(cr)));
		else
			rc = art_write_png(surf, png_path);
	}
	cairo_destroy(cr);
	cairo_surface_destroy(surf);
	return rc;
}
