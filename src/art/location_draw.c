/* art/location_draw.c — the drawing kit shared by the location templates: colour
 * grading for time of day and weather, skies, skylines, windows, floors, lamps,
 * plants, trees, roofs and the animated rain/snow overlay. All coordinates are in the
 * 1080x1920 design space. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <pango/pangocairo.h>
#include "art/location_int.h"

/* ---------------------------------------------------------------- colours */

struct rgb rgb_hex(unsigned v)
{
	return (struct rgb){ ((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0, (v & 255) / 255.0 };
}

struct rgb rgb_mix(struct rgb a, struct rgb b, double t)
{
	return (struct rgb){ a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t };
}

struct rgb rgb_scale(struct rgb a, double k)
{
	return (struct rgb){ a.r * k, a.g * k, a.b * k };
}

static double clamp01(double v) { return v < 0 ? 0 : v > 1 ? 1 : v; }

static struct rgb hue_shift(struct rgb c, double turns)
{
	if (fabs(turns) < 1e-6) return c;
	double mx = fmax(c.r, fmax(c.g, c.b)), mn = fmin(c.r, fmin(c.g, c.b)), d = mx - mn;
	if (d < 1e-6) return c;
	double h;
	if (mx == c.r) h = fmod((c.g - c.b) / d + 6.0, 6.0);
	else if (mx == c.g) h = (c.b - c.r) / d + 2.0;
	else h = (c.r - c.g) / d + 4.0;
	h = fmod(h / 6.0 + turns + 1.0, 1.0) * 6.0;
	double s = d / mx, v = mx;
	double f = h - floor(h), p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
	switch ((int)floor(h) % 6) {
	case 0: return (struct rgb){ v, t, p };
	case 1: return (struct rgb){ q, v, p };
	case 2: return (struct rgb){ p, v, t };
	case 3: return (struct rgb){ p, q, v };
	case 4: return (struct rgb){ t, p, v };
	default: return (struct rgb){ v, p, q };
	}
}

static struct rgb desat(struct rgb c, double k)
{
	double l = 0.3 * c.r + 0.59 * c.g + 0.11 * c.b;
	return rgb_mix(c, (struct rgb){ l, l, l }, k);
}

struct rgb lc_grade(const struct lc *c, struct rgb v)
{
	struct rgb m = { 1, 1, 1 }, add = { 0, 0, 0 };
	if (c->time == LC_DUSK) {
		m = c->indoor ? (struct rgb){ 0.94, 0.84, 0.76 } : (struct rgb){ 0.98, 0.78, 0.70 };
		add = (struct rgb){ 0.03, 0.0, 0.04 };
	} else if (c->time == LC_NIGHT) {
		m = c->indoor ? (struct rgb){ 0.60, 0.52, 0.50 } : (struct rgb){ 0.30, 0.34, 0.52 };
		add = c->indoor ? (struct rgb){ 0.01, 0.01, 0.03 } : (struct rgb){ 0.01, 0.015, 0.04 };
	}
	v = (struct rgb){ v.r * m.r + add.r, v.g * m.g + add.g, v.b * m.b + add.b };
	if (c->weather == LC_RAIN || c->weather == LC_FLOOD) {
		v = desat(v, c->indoor ? 0.12 : 0.35);
		v = (struct rgb){ v.r * 0.86, v.g * 0.89, v.b * 0.95 };
	} else if (c->weather == LC_STORM) {   /* darker and colder than rain */
		v = desat(v, c->indoor ? 0.2 : 0.5);
		v = (struct rgb){ v.r * 0.68, v.g * 0.72, v.b * 0.84 };
	} else if (c->weather == LC_FOG && !c->indoor) {   /* washed out toward a pale grey */
		v = rgb_mix(desat(v, 0.5), rgb_scale((struct rgb){ 0.84, 0.86, 0.88 }, c->time == LC_NIGHT ? 0.3 : 1.0), 0.35);
	} else if (c->weather == LC_HEAT) {    /* sun-bleached and warm */
		v = rgb_mix(v, (struct rgb){ 1.0, 0.9, 0.7 }, c->indoor ? 0.08 : 0.18);
		v = (struct rgb){ v.r * 1.04, v.g * 0.99, v.b * 0.88 };
	} else if (c->weather == LC_DUST) {    /* ochre light through blown sand */
		v = rgb_mix(desat(v, 0.4), rgb_scale((struct rgb){ 0.82, 0.62, 0.38 }, c->time == LC_NIGHT ? 0.35 : 1.0),
		            c->indoor ? 0.12 : 0.4);
	} else if (c->weather == LC_SNOW && !c->indoor) {
		v = rgb_mix(desat(v, 0.15), rgb_scale((struct rgb){ 0.86, 0.9, 0.98 }, c->time == LC_NIGHT ? 0.35 : 1.0), 0.12);
	}
	return (struct rgb){ clamp01(v.r), clamp01(v.g), clamp01(v.b) };
}

struct rgb lc_lit(const struct lc *c, struct rgb v)
{
	if (c->time == LC_NIGHT) return v;
	struct rgb off = lc_grade(c, rgb_mix(v, (struct rgb){ 0.93, 0.92, 0.88 }, 0.55));
	return c->time == LC_DUSK ? rgb_mix(off, v, 0.6) : off;
}

double lc_lamp(const struct lc *c)
{
	return c->time == LC_NIGHT ? 1.0 : c->time == LC_DUSK ? 0.55 : 0.0;
}

static struct rgb haze_color(const struct lc *c)
{
	if (c->indoor) {
		const json_t *h = c->pal ? json_object_get(c->pal, "haze") : NULL;
		struct rgb v = h && json_is_string(h) ? rgb_hex((unsigned)strtoul(json_string_value(h) + 1, NULL, 16))
		                                   : (struct rgb){ 0.95, 0.92, 0.88 };
		return lc_grade(c, v);
	}
	if (c->weather == LC_FOG)
		return c->time == LC_NIGHT ? (struct rgb){ 0.3, 0.32, 0.36 } : (struct rgb){ 0.88, 0.89, 0.9 };
	if (c->weather == LC_DUST)
		return c->time == LC_NIGHT ? (struct rgb){ 0.3, 0.22, 0.15 } : (struct rgb){ 0.85, 0.66, 0.42 };
	if (c->weather == LC_HEAT)
		return (struct rgb){ 0.98, 0.9, 0.76 };
	if (c->weather == LC_STORM)
		return c->time == LC_NIGHT ? (struct rgb){ 0.1, 0.11, 0.16 } : (struct rgb){ 0.45, 0.48, 0.55 };
	if (c->weather == LC_RAIN || c->weather == LC_FLOOD)
		return c->time == LC_NIGHT ? (struct rgb){ 0.15, 0.17, 0.23 } : c->time == LC_DUSK ? (struct rgb){ 0.62, 0.55, 0.55 } : (struct rgb){ 0.68, 0.71, 0.76 };
	if (c->weather == LC_SNOW)
		return c->time == LC_NIGHT ? (struct rgb){ 0.24, 0.27, 0.38 } : (struct rgb){ 0.86, 0.88, 0.93 };
	return c->time == LC_NIGHT ? (struct rgb){ 0.14, 0.18, 0.34 } : c->time == LC_DUSK ? (struct rgb){ 0.96, 0.68, 0.56 } : (struct rgb){ 0.80, 0.88, 0.96 };
}

struct rgb lc_haze(const struct lc *c, struct rgb v, double depth)
{
	return rgb_mix(v, haze_color(c), clamp01(depth));
}

static struct rgb pal_raw(const struct lc *c, const char *key)
{
	struct rgb v = { 0.6, 0.6, 0.6 };
	const json_t *j = c->pal ? json_object_get(c->pal, key) : NULL;
	if (j && json_is_string(j) && json_string_value(j)[0] == '#')
		v = rgb_hex((unsigned)strtoul(json_string_value(j) + 1, NULL, 16));
	else
		log_debug("art", "location %s: no palette colour \"%s\" in data/art/locations.json", c->kind, key);
	return hue_shift(v, c->hue);
}

struct rgb lc_pal(const struct lc *c, const char *key)
{
	return lc_grade(c, pal_raw(c, key));
}

struct rgb lc_pal_lit(const struct lc *c, const char *key)
{
	return lc_lit(c, pal_raw(c, key));
}

void lc_set(const struct lc *c, struct rgb v, double a)
{
	if (a >= 1.0) cairo_set_source_rgb(c->cr, v.r, v.g, v.b);
	else cairo_set_source_rgba(c->cr, v.r, v.g, v.b, a);
}

double lc_hash(uint64_t seed, unsigned i)
{
	uint64_t z = seed + 0x9E3779B97F4A7C15ull * (i + 1);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	z ^= z >> 31;
	return (z >> 11) * (1.0 / 9007199254740992.0);
}

/* ---------------------------------------------------------------- shapes */

void lc_rrect(cairo_t *cr, double x, double y, double w, double h, double r)
{
	if (r > w / 2) r = w / 2;
	if (r > h / 2) r = h / 2;
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
	cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
	cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
	cairo_arc(cr, x + r, y + r, r, M_PI, 1.5 * M_PI);
	cairo_close_path(cr);
}

void lc_vgrad(const struct lc *c, double x, double y, double w, double h, struct rgb top, struct rgb bot)
{
	cairo_pattern_t *p = cairo_pattern_create_linear(0, y, 0, y + h);
	cairo_pattern_add_color_stop_rgb(p, 0, top.r, top.g, top.b);
	cairo_pattern_add_color_stop_rgb(p, 1, bot.r, bot.g, bot.b);
	cairo_rectangle(c->cr, x, y, w, h);
	cairo_set_source(c->cr, p);
	cairo_fill(c->cr);
	cairo_pattern_destroy(p);
}

void lc_fill_rect(const struct lc *c, double x, double y, double w, double h, struct rgb v)
{
	lc_set(c, v, 1);
	cairo_rectangle(c->cr, x, y, w, h);
	cairo_fill(c->cr);
}

/* Soft radial falloffs are baked once into small alpha masks and drawn scaled
 * (bilinear): a full-frame cairo radial gradient costs ~20 ms at 1080x1920, a
 * scaled mask a few. */
#define MASK_N 96
static cairo_surface_t *g_mask_glow, *g_mask_shadow, *g_mask_vignette;
static pthread_once_t g_mask_once = PTHREAD_ONCE_INIT;

static cairo_surface_t *bake(double (*f)(double dx, double dy))
{
	cairo_surface_t *m = cairo_image_surface_create(CAIRO_FORMAT_A8, MASK_N, MASK_N);
	unsigned char *d = cairo_image_surface_get_data(m);
	int stride = cairo_image_surface_get_stride(m);
	cairo_surface_flush(m);
	for (int y = 0; y < MASK_N; y++)
		for (int x = 0; x < MASK_N; x++) {
			double dx = (x + 0.5) / MASK_N * 2 - 1, dy = (y + 0.5) / MASK_N * 2 - 1;
			d[y * stride + x] = (unsigned char)lround(255 * clamp01(f(dx, dy)));
		}
	cairo_surface_mark_dirty(m);
	return m;
}

static double f_glow(double dx, double dy)
{
	double r = sqrt(dx * dx + dy * dy);
	if (r >= 1) return 0;
	return r < 0.35 ? 1 - (1 - 0.45) * r / 0.35 : 0.45 * (1 - (r - 0.35) / 0.65);
}

static double f_shadow(double dx, double dy) { double r = sqrt(dx * dx + dy * dy); return r >= 1 ? 0 : 1 - r; }

static double f_vignette(double dx, double dy)
{
	double r = sqrt(dx * dx + dy * dy) / M_SQRT2;
	double k = clamp01((r - 0.25) / 0.75);
	return k * k;
}

static void bake_masks(void)
{
	g_mask_glow = bake(f_glow);
	g_mask_shadow = bake(f_shadow);
	g_mask_vignette = bake(f_vignette);
}

/* Paint mask m tinted with colour v at alpha a over (x,y,w,h): the mask is expanded to
 * a tiny premultiplied ARGB image and drawn with a bilinear scaled blit, which pixman
 * does on a fast path (a scaled A8 mask is ~10x slower). */
static void draw_mask(cairo_t *cr, cairo_surface_t *m, struct rgb v, double a, double x, double y, double w, double h)
{
	if (w < 1 || h < 1) return;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, MASK_N, MASK_N);
	cairo_surface_flush(img);
	unsigned char *d = cairo_image_surface_get_data(img);
	const unsigned char *md = cairo_image_surface_get_data(m);
	int ds = cairo_image_surface_get_stride(img), ms = cairo_image_surface_get_stride(m);
	double r = clamp01(v.r), g = clamp01(v.g), b = clamp01(v.b), k = clamp01(a) / 255.0;
	for (int yy = 0; yy < MASK_N; yy++) {
		uint32_t *row = (uint32_t *)(d + yy * ds);
		for (int xx = 0; xx < MASK_N; xx++) {
			double al = md[yy * ms + xx] * k;
			row[xx] = ((uint32_t)lround(al * 255) << 24) | ((uint32_t)lround(al * r * 255) << 16) |
			          ((uint32_t)lround(al * g * 255) << 8) | (uint32_t)lround(al * b * 255);
		}
	}
	cairo_surface_mark_dirty(img);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, w / MASK_N, h / MASK_N);
	cairo_pattern_t *p = cairo_pattern_create_for_surface(img);
	cairo_pattern_set_filter(p, CAIRO_FILTER_BILINEAR);
	cairo_pattern_set_extend(p, CAIRO_EXTEND_PAD);
	cairo_set_source(cr, p);
	cairo_rectangle(cr, 0, 0, MASK_N, MASK_N);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
	cairo_restore(cr);
	cairo_surface_destroy(img);
}

void lc_glow(const struct lc *c, double x, double y, double r, struct rgb v, double a)
{
	if (a <= 0.01) return;
	pthread_once(&g_mask_once, bake_masks);
	draw_mask(c->cr, g_mask_glow, v, a, x - r, y - r, 2 * r, 2 * r);
}

void lc_shadow(const struct lc *c, double cx, double cy, double rx, double ry, double a)
{
	if (a <= 0.01) return;
	pthread_once(&g_mask_once, bake_masks);
	draw_mask(c->cr, g_mask_shadow, (struct rgb){ 0.05, 0.03, 0.08 }, a, cx - rx, cy - ry, 2 * rx, 2 * ry);
}

void lc_vignette(const struct lc *c, double x, double y, double w, double h, double a)
{
	pthread_once(&g_mask_once, bake_masks);
	draw_mask(c->cr, g_mask_vignette, (struct rgb){ 0.05, 0.02, 0.08 }, a, x, y, w, h);
}

static PangoLayout *make_layout(const struct lc *c, const char *s, double size, const char *font, int bold)
{
	PangoLayout *ly = pango_cairo_create_layout(c->cr);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pango_layout_get_context(ly), fo);
	cairo_font_options_destroy(fo);
	pango_layout_context_changed(ly);
	PangoFontDescription *fd = pango_font_description_from_string(font ? font : "Noto Sans CJK SC");
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(ly, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(ly, s, -1);
	return ly;
}

void lc_text(const struct lc *c, const char *s, double x, double y, double size, struct rgb v,
             const char *font, int bold, double max_w)
{
	if (!s || !*s) return;
	PangoLayout *ly = make_layout(c, s, size, font, bold);
	PangoRectangle ink, log;
	pango_layout_get_extents(ly, &ink, &log);
	double lw = log.width / (double)PANGO_SCALE, lh = log.height / (double)PANGO_SCALE;
	double k = (max_w > 0 && lw > max_w) ? max_w / lw : 1.0;
	cairo_save(c->cr);
	cairo_translate(c->cr, x, y);
	cairo_scale(c->cr, (c->variant & 1) ? -k : k, k);   /* un-mirror text in mirrored layouts */
	cairo_move_to(c->cr, -lw / 2, -lh / 2);
	lc_set(c, v, 1);
	pango_cairo_show_layout(c->cr, ly);
	cairo_new_path(c->cr);
	cairo_restore(c->cr);
	g_object_unref(ly);
}

void lc_text_vertical(const struct lc *c, const char *s, double x, double y, double size, struct rgb v, const char *font)
{
	/* one code point per row, centred on (x, y); Latin text is turned 90 degrees instead */
	size_t n = utf8_len(s);
	if (!n) return;
	const char *q0 = s;
	if (!utf8_is_cjk(utf8_next(&q0))) {
		cairo_save(c->cr);
		cairo_translate(c->cr, x, y);
		cairo_rotate(c->cr, M_PI / 2);
		lc_text(c, s, 0, 0, size * 0.8, v, font, 1, size * 5.5);
		cairo_restore(c->cr);
		return;
	}
	if (n > 6) n = 6;
	const char *p = s;
	for (size_t i = 0; i < n; i++) {
		const char *q = p;
		if (utf8_next(&p) < 0) break;
		char ch[8] = { 0 };
		memcpy(ch, q, (size_t)(p - q) < 7 ? (size_t)(p - q) : 7);
		lc_text(c, ch, x, y + (i - (n - 1) / 2.0) * size * 1.15, size, v, font, 1, size * 1.2);
	}
}

/* ---------------------------------------------------------------- sky */

void lc_sky(const struct lc *c, double x, double y, double w, double h, int with_sun)
{
	struct rgb top, mid, bot;
	int clear = c->weather == LC_CLEAR;
	if (c->weather == LC_RAIN) {
		top = c->time == LC_NIGHT ? rgb_hex(0x141820) : c->time == LC_DUSK ? rgb_hex(0x4a4656) : rgb_hex(0x7d8794);
		bot = c->time == LC_NIGHT ? rgb_hex(0x2a2e3a) : c->time == LC_DUSK ? rgb_hex(0x9c8580) : rgb_hex(0xb4bac2);
		mid = rgb_mix(top, bot, 0.5);
	} else if (c->weather == LC_SNOW) {
		top = c->time == LC_NIGHT ? rgb_hex(0x1c2234) : c->time == LC_DUSK ? rgb_hex(0x7a7890) : rgb_hex(0xaab4c4);
		bot = c->time == LC_NIGHT ? rgb_hex(0x434a60) : c->time == LC_DUSK ? rgb_hex(0xd8b8b0) : rgb_hex(0xe6eaf0);
		mid = rgb_mix(top, bot, 0.5);
	} else if (c->time == LC_NIGHT) {
		top = rgb_hex(0x070b1e); mid = rgb_hex(0x152046); bot = rgb_hex(0x2c3a68);
	} else if (c->time == LC_DUSK) {
		top = rgb_hex(0x3c3a78); mid = rgb_hex(0xd9748a); bot = rgb_hex(0xffc27a);
	} else {
		top = rgb_hex(0x4f93e0); mid = rgb_hex(0x8cc0ee); bot = rgb_hex(0xd6ecfa);
	}
	cairo_t *cr = c->cr;
	cairo_pattern_t *p = cairo_pattern_create_linear(0, y, 0, y + h);
	cairo_pattern_add_color_stop_rgb(p, 0, top.r, top.g, top.b);
	cairo_pattern_add_color_stop_rgb(p, 0.55, mid.r, mid.g, mid.b);
	cairo_pattern_add_color_stop_rgb(p, 1, bot.r, bot.g, bot.b);
	cairo_rectangle(cr, x, y, w, h);
	cairo_set_source(cr, p);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
	uint64_t sd = c->seed ^ 0x5c1;
	if (clear && c->time == LC_NIGHT) {
		for (unsigned i = 0; i < 90; i++) {
			double sx = lc_hash(sd, i) * LC_W, sy = y + lc_hash(sd, i + 500) * h * 0.7;
			double r = 0.8 + 1.8 * lc_hash(sd, i + 900);
			cairo_set_source_rgba(cr, 1, 1, 0.9, 0.35 + 0.5 * lc_hash(sd, i + 1300));
			cairo_arc(cr, sx, sy, r, 0, 2 * M_PI);
			cairo_fill(cr);
		}
	}
	if (with_sun && c->weather != LC_RAIN) {
		/* one sun/moon per frame, placed in frame coordinates (windows only clip it) */
		double sx = LC_W * (0.62 + 0.2 * lc_hash(sd, 7)), sy = c->time == LC_DUSK ? 760 : 330;
		if (!c->indoor && c->fy > 0) sy = c->time == LC_DUSK ? c->fy * 0.62 : c->fy * 0.2;
		if (c->time == LC_NIGHT) {
			lc_glow(c, sx, sy, 160, rgb_hex(0xbcc8ff), 0.35);
			cairo_set_source_rgb(cr, 0.98, 0.96, 0.86);
			cairo_arc(cr, sx, sy, 46, 0, 2 * M_PI);
			cairo_fill(cr);
			cairo_set_source_rgba(cr, 0.85, 0.83, 0.72, 0.5);
			cairo_arc(cr, sx - 12, sy + 8, 10, 0, 2 * M_PI);
			cairo_arc(cr, sx + 14, sy - 12, 7, 0, 2 * M_PI);
			cairo_fill(cr);
		} else if (c->weather == LC_CLEAR) {
			struct rgb sc = c->time == LC_DUSK ? rgb_hex(0xffd38a) : rgb_hex(0xfff8e0);
			lc_glow(c, sx, sy, 300, sc, c->time == LC_DUSK ? 0.7 : 0.45);
			lc_set(c, sc, 1);
			cairo_arc(cr, sx, sy, c->time == LC_DUSK ? 70 : 55, 0, 2 * M_PI);
			cairo_fill(cr);
		}
	}
	/* soft clouds */
	int nclouds = c->weather == LC_CLEAR ? 5 : 8;
	struct rgb cc = c->weather != LC_CLEAR ? rgb_mix(top, bot, 0.8)
	              : c->time == LC_NIGHT ? rgb_hex(0x2a3458) : c->time == LC_DUSK ? rgb_hex(0xffb0a0) : rgb_hex(0xffffff);
	for (int i = 0; i < nclouds; i++) {
		double cx = LC_W * (lc_hash(sd, 40 + i) * 1.2 - 0.1);
		double cy = y + h * (0.12 + 0.5 * lc_hash(sd, 60 + i));
		double s = LC_W * (0.07 + 0.07 * lc_hash(sd, 80 + i));
		for (int k = 0; k < 5; k++) {
			double ox = (k - 2) * s * 0.55, oy = -fabs(k - 2.0) * -s * 0.08 - (k % 2) * s * 0.25;
			cairo_set_source_rgba(cr, cc.r, cc.g, cc.b, c->weather != LC_CLEAR ? 0.35 : 0.7);
			cairo_save(cr);
			cairo_translate(cr, cx + ox, cy + oy);
			cairo_scale(cr, 1.0, 0.62);
			cairo_arc(cr, 0, 0, s * (0.45 + 0.2 * lc_hash(sd, 100 + i * 7 + k)), 0, 2 * M_PI);
			cairo_restore(cr);
			cairo_fill(cr);
		}
	}
}

void lc_skyline(const struct lc *c, double y_base, double h_max, double depth, uint64_t seed)
{
	cairo_t *cr = c->cr;
	struct rgb body = lc_haze(c, lc_grade(c, rgb_hex(0x6a7690)), depth);
	struct rgb lit = lc_lit(c, rgb_hex(0xffd98a));
	double x = -20;
	for (unsigned i = 0; x < LC_W + 20 && i < 64; i++) {
		double bw = 70 + 110 * lc_hash(seed, i), bh = h_max * (0.35 + 0.65 * lc_hash(seed, i + 100));
		struct rgb b = rgb_scale(body, 0.92 + 0.12 * lc_hash(seed, i + 200));
		lc_fill_rect(c, x, y_base - bh, bw, bh + 2, b);
		if (lc_hash(seed, i + 300) < 0.3) lc_fill_rect(c, x + bw * 0.4, y_base - bh - 30, 4, 30, b);
		/* windows */
		double ww = 8 + depth * -3, wh = 12;
		for (double wy = y_base - bh + 14; wy < y_base - 14; wy += 28)
			for (double wx = x + 10; wx < x + bw - 14; wx += 22) {
				double hsh = lc_hash(seed, (unsigned)(wx * 7 + wy * 13));
				if (c->time == LC_DAY) {
					if (hsh < 0.6) { lc_set(c, rgb_mix(b, haze_color(c), 0.35), 1); cairo_rectangle(cr, wx, wy, ww, wh); cairo_fill(cr); }
				} else if (hsh < (c->time == LC_NIGHT ? 0.38 : 0.18)) {
					lc_set(c, rgb_mix(lit, b, depth * 0.5), 1);
					cairo_rectangle(cr, wx, wy, ww, wh);
					cairo_fill(cr);
				}
			}
		if (c->weather == LC_SNOW) lc_snowcap(c, x, y_base - bh, bw, 8);
		x += bw + 4 + 20 * lc_hash(seed, i + 400);
	}
}

void lc_hills(const struct lc *c, double y_base, double amp, double depth, uint64_t seed)
{
	cairo_t *cr = c->cr;
	struct rgb col = lc_haze(c, lc_grade(c, rgb_hex(0x5f8a6e)), depth);
	if (c->weather == LC_SNOW) col = rgb_mix(col, lc_grade(c, rgb_hex(0xf0f4fa)), 0.6);
	double ph = lc_hash(seed, 1) * 6.28, ph2 = lc_hash(seed, 2) * 6.28;
	cairo_move_to(cr, 0, y_base + 40);
	for (double x = 0; x <= LC_W; x += 20)
		cairo_line_to(cr, x, y_base - amp * (0.55 + 0.3 * sin(x / 180 + ph) + 0.15 * sin(x / 67 + ph2)));
	cairo_line_to(cr, LC_W, y_base + 40);
	cairo_close_path(cr);
	lc_set(c, col, 1);
	cairo_fill(cr);
}

/* ---------------------------------------------------------------- interiors */

void lc_window(struct lc *c, double x, double y, double w, double h)
{
	if (c->n_win < (int)ARRAY_LEN(c->win)) c->win[c->n_win++] = (struct lc_rect){ x, y, w, h };
}

void lc_draw_window(const struct lc *c, int i, struct rgb frame, int cols, int rows, int city)
{
	if (i < 0 || i >= c->n_win) return;
	struct lc_rect r = c->win[i];
	cairo_t *cr = c->cr;
	cairo_save(cr);
	cairo_rectangle(cr, r.x, r.y, r.w, r.h);
	cairo_clip(cr);
	lc_sky(c, r.x, r.y, r.w, r.h, 1);
	struct lc o = *c;
	o.indoor = 0;
	if (city == 1) {
		lc_skyline(&o, r.y + r.h + 10, r.h * 0.55, 0.55, c->seed ^ 0x77);
		lc_skyline(&o, r.y + r.h + 10, r.h * 0.32, 0.2, c->seed ^ 0x78);
	} else if (city == 2) {
		lc_hills(&o, r.y + r.h * 0.85, r.h * 0.25, 0.6, c->seed);
		lc_tree(&o, r.x + r.w * 0.3, r.y + r.h + 20, r.h * 0.5, rgb_hex(0x6aa35a), rgb_hex(0x6b4a34), c->seed);
	}
	/* glass sheen */
	double a = c->time == LC_NIGHT ? 0.06 : 0.16;
	cairo_set_source_rgba(cr, 1, 1, 1, a);
	cairo_move_to(cr, r.x + r.w * 0.15, r.y); cairo_line_to(cr, r.x + r.w * 0.45, r.y);
	cairo_line_to(cr, r.x + r.w * 0.05, r.y + r.h); cairo_line_to(cr, r.x - r.w * 0.25, r.y + r.h);
	cairo_close_path(cr);
	cairo_fill(cr);
	cairo_move_to(cr, r.x + r.w * 0.55, r.y); cairo_line_to(cr, r.x + r.w * 0.62, r.y);
	cairo_line_to(cr, r.x + r.w * 0.22, r.y + r.h); cairo_line_to(cr, r.x + r.w * 0.15, r.y + r.h);
	cairo_close_path(cr);
	cairo_fill(cr);
	cairo_restore(cr);
	/* frame and mullions */
	lc_set(c, frame, 1);
	double th = fmax(8, r.w * 0.025);
	cairo_set_line_width(cr, th);
	cairo_rectangle(cr, r.x, r.y, r.w, r.h);
	cairo_stroke(cr);
	cairo_set_line_width(cr, th * 0.6);
	for (int k = 1; k < cols; k++) { cairo_move_to(cr, r.x + r.w * k / cols, r.y); cairo_rel_line_to(cr, 0, r.h); }
	for (int k = 1; k < rows; k++) { cairo_move_to(cr, r.x, r.y + r.h * k / rows); cairo_rel_line_to(cr, r.w, 0); }
	cairo_stroke(cr);
	/* sill */
	lc_fill_rect(c, r.x - th, r.y + r.h, r.w + 2 * th, th * 1.2, rgb_scale(frame, 0.85));
}

void lc_curtain(const struct lc *c, double x, double y, double w, double h, struct rgb v, int side)
{
	cairo_t *cr = c->cr;
	cairo_pattern_t *p = cairo_pattern_create_linear(x, 0, x + w, 0);
	for (int k = 0; k <= 6; k++) {
		double s = 0.82 + 0.18 * (k % 2);
		cairo_pattern_add_color_stop_rgb(p, k / 6.0, v.r * s, v.g * s, v.b * s);
	}
	/* gathered toward the outside, tied at 65% */
	double in = side < 0 ? x + w : x, out = side < 0 ? x : x + w;
	cairo_move_to(cr, out, y);
	cairo_line_to(cr, in, y);
	cairo_curve_to(cr, in, y + h * 0.4, out + (in - out) * 0.35, y + h * 0.6, out + (in - out) * 0.3, y + h * 0.66);
	cairo_curve_to(cr, out + (in - out) * 0.45, y + h * 0.75, out + (in - out) * 0.5, y + h, out + (in - out) * 0.55, y + h);
	cairo_line_to(cr, out, y + h);
	cairo_close_path(cr);
	cairo_set_source(cr, p);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
}

void lc_wall(const struct lc *c, struct rgb top, struct rgb bot)
{
	lc_vgrad(c, 0, 0, LC_W, c->fy + 2, top, bot);
	/* gentle vignette toward the corners for depth */
	pthread_once(&g_mask_once, bake_masks);
	lc_vignette(c, 0, 0, LC_W, c->fy, c->time == LC_NIGHT ? 0.45 : 0.25);
}

static double row_y(const struct lc *c, double k)   /* 0 = horizon .. 1 = bottom edge */
{
	return c->fy + (LC_H - c->fy) * pow(k, 1.7);
}

void lc_floor_planks(const struct lc *c, struct rgb a, struct rgb b)
{
	cairo_t *cr = c->cr;
	lc_vgrad(c, 0, c->fy, LC_W, LC_H - c->fy, a, b);
	double vx = LC_W / 2, vy = c->fy - 900;
	cairo_set_line_width(cr, 2.5);
	lc_set(c, rgb_scale(b, 0.72), 0.55);
	for (int k = -14; k <= 14; k++) {
		double bx = vx + k * 150;
		double t = (c->fy - vy) / (LC_H - vy);
		cairo_move_to(cr, vx + (bx - vx) * t, c->fy);
		cairo_line_to(cr, bx, LC_H);
	}
	cairo_stroke(cr);
	/* staggered plank ends */
	cairo_set_line_width(cr, 2);
	for (int r = 1; r < 9; r++) {
		double y0 = row_y(c, r / 9.0);
		for (int k = -14; k <= 14; k++) {
			if (((k + r) & 1)) continue;
			double t0 = (y0 - vy) / (LC_H - vy);
			double x0 = vx + (k * 150) * t0, x1 = vx + ((k + 1) * 150) * t0;
			cairo_move_to(cr, x0, y0);
			cairo_line_to(cr, x1, y0);
		}
	}
	cairo_stroke(cr);
	cairo_pattern_t *p = cairo_pattern_create_linear(0, c->fy, 0, c->fy + 220);
	cairo_pattern_add_color_stop_rgba(p, 0, 0, 0, 0, 0.18);
	cairo_pattern_add_color_stop_rgba(p, 1, 0, 0, 0, 0);
	cairo_rectangle(cr, 0, c->fy, LC_W, 220);
	cairo_set_source(cr, p);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
}

void lc_floor_tiles(const struct lc *c, struct rgb a, struct rgb b, int n)
{
	cairo_t *cr = c->cr;
	lc_vgrad(c, 0, c->fy, LC_W, LC_H - c->fy, a, b);
	double vx = LC_W / 2, vy = c->fy - 700, step = LC_W / (double)n;
	cairo_set_line_width(cr, 2.5);
	lc_set(c, rgb_scale(b, 0.8), 0.5);
	for (int k = -n; k <= 2 * n; k++) {
		double bx = k * step;
		double t = (c->fy - vy) / (LC_H - vy);
		cairo_move_to(cr, vx + (bx - vx) * t, c->fy);
		cairo_line_to(cr, bx, LC_H);
	}
	for (int r = 1; r < 8; r++) {
		double y = row_y(c, r / 8.0);
		cairo_move_to(cr, 0, y);
		cairo_line_to(cr, LC_W, y);
	}
	cairo_stroke(cr);
	cairo_pattern_t *p = cairo_pattern_create_linear(0, c->fy, 0, c->fy + 200);
	cairo_pattern_add_color_stop_rgba(p, 0, 0, 0, 0, 0.15);
	cairo_pattern_add_color_stop_rgba(p, 1, 0, 0, 0, 0);
	cairo_rectangle(cr, 0, c->fy, LC_W, 200);
	cairo_set_source(cr, p);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
}

void lc_baseboard(const struct lc *c, struct rgb v)
{
	lc_fill_rect(c, 0, c->fy - 26, LC_W, 26, v);
	lc_fill_rect(c, 0, c->fy - 26, LC_W, 4, rgb_mix(v, (struct rgb){ 1, 1, 1 }, 0.25));
}

void lc_pendant(const struct lc *c, double x, double y_top, double len, double r, struct rgb shade)
{
	cairo_t *cr = c->cr;
	double lamp = lc_lamp(c);
	struct rgb bulb = lc_lit(c, rgb_hex(0xffe2a0));
	cairo_set_line_width(cr, 3);
	lc_set(c, rgb_scale(shade, 0.5), 1);
	cairo_move_to(cr, x, y_top);
	cairo_line_to(cr, x, y_top + len);
	cairo_stroke(cr);
	double y = y_top + len;
	if (lamp > 0) {
		/* light cone below */
		cairo_pattern_t *p = cairo_pattern_create_linear(0, y, 0, y + r * 9);
		cairo_pattern_add_color_stop_rgba(p, 0, bulb.r, bulb.g, bulb.b, 0.22 * lamp);
		cairo_pattern_add_color_stop_rgba(p, 1, bulb.r, bulb.g, bulb.b, 0);
		cairo_move_to(cr, x - r * 0.9, y + r * 0.6);
		cairo_line_to(cr, x + r * 0.9, y + r * 0.6);
		cairo_line_to(cr, x + r * 3.2, y + r * 9);
		cairo_line_to(cr, x - r * 3.2, y + r * 9);
		cairo_close_path(cr);
		cairo_set_source(cr, p);
		cairo_fill(cr);
		cairo_pattern_destroy(p);
		lc_glow(c, x, y + r * 0.5, r * 4, bulb, 0.5 * lamp);
	}
	lc_set(c, bulb, 1);
	cairo_arc(cr, x, y + r * 0.55, r * 0.38, 0, 2 * M_PI);
	cairo_fill(cr);
	cairo_pattern_t *p = cairo_pattern_create_linear(x - r, 0, x + r, 0);
	cairo_pattern_add_color_stop_rgb(p, 0, shade.r * 0.75, shade.g * 0.75, shade.b * 0.75);
	cairo_pattern_add_color_stop_rgb(p, 0.4, fmin(1, shade.r * 1.15), fmin(1, shade.g * 1.15), fmin(1, shade.b * 1.15));
	cairo_pattern_add_color_stop_rgb(p, 1, shade.r * 0.7, shade.g * 0.7, shade.b * 0.7);
	cairo_move_to(cr, x - r * 0.25, y - r * 0.1);
	cairo_line_to(cr, x + r * 0.25, y - r * 0.1);
	cairo_curve_to(cr, x + r * 0.5, y, x + r, y + r * 0.3, x + r, y + r * 0.6);
	cairo_line_to(cr, x - r, y + r * 0.6);
	cairo_curve_to(cr, x - r, y + r * 0.3, x - r * 0.5, y, x - r * 0.25, y - r * 0.1);
	cairo_close_path(cr);
	cairo_set_source(cr, p);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
}

void lc_plant(const struct lc *c, double x, double y_base, double s, struct rgb pot, struct rgb leaf)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, x, y_base, s * 0.45, s * 0.08, 0.35);
	struct rgb dark = rgb_scale(leaf, 0.7), light = rgb_mix(leaf, (struct rgb){ 1, 1, 0.8 }, 0.2);
	for (int i = 0; i < 11; i++) {
		double a = -M_PI / 2 + (i - 5) * 0.24 + 0.08 * lc_hash(c->seed, 700 + i);
		double len = s * (0.7 + 0.35 * lc_hash(c->seed, 720 + i));
		cairo_save(cr);
		cairo_translate(cr, x, y_base - s * 0.42);
		cairo_rotate(cr, a + M_PI / 2);
		cairo_move_to(cr, 0, 0);
		cairo_curve_to(cr, len * 0.22, -len * 0.35, len * 0.18, -len * 0.8, 0, -len);
		cairo_curve_to(cr, -len * 0.18, -len * 0.8, -len * 0.22, -len * 0.35, 0, 0);
		lc_set(c, (i & 1) ? dark : light, 1);
		cairo_fill(cr);
		cairo_restore(cr);
	}
	cairo_move_to(cr, x - s * 0.3, y_base - s * 0.45);
	cairo_line_to(cr, x + s * 0.3, y_base - s * 0.45);
	cairo_line_to(cr, x + s * 0.22, y_base);
	cairo_line_to(cr, x - s * 0.22, y_base);
	cairo_close_path(cr);
	lc_set(c, pot, 1);
	cairo_fill(cr);
	lc_fill_rect(c, x - s * 0.32, y_base - s * 0.48, s * 0.64, s * 0.07, rgb_scale(pot, 0.85));
}

void lc_tree(const struct lc *c, double x, double y_base, double s, struct rgb leaf, struct rgb trunk, uint64_t seed)
{
	cairo_t *cr = c->cr;
	lc_set(c, trunk, 1);
	cairo_move_to(cr, x - s * 0.05, y_base);
	cairo_line_to(cr, x - s * 0.025, y_base - s * 0.6);
	cairo_line_to(cr, x + s * 0.025, y_base - s * 0.6);
	cairo_line_to(cr, x + s * 0.05, y_base);
	cairo_close_path(cr);
	cairo_fill(cr);
	struct rgb dark = rgb_scale(leaf, 0.72), light = rgb_mix(leaf, (struct rgb){ 1, 1, 0.75 }, 0.22);
	for (int pass = 0; pass < 3; pass++)
		for (int i = 0; i < 7; i++) {
			double a = lc_hash(seed, i * 3 + pass * 31) * 2 * M_PI;
			double d = s * 0.22 * lc_hash(seed, i * 5 + 11);
			double cx = x + cos(a) * d * 1.3 - pass * s * 0.04, cy = y_base - s * 0.75 + sin(a) * d - pass * s * 0.05;
			double r = s * (0.17 + 0.08 * lc_hash(seed, i + 77)) * (1 - pass * 0.25);
			lc_set(c, pass == 0 ? dark : pass == 1 ? leaf : light, 1);
			cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
			cairo_fill(cr);
			if (pass == 2 && c->weather == LC_SNOW) {
				cairo_set_source_rgba(cr, 0.96, 0.97, 1.0, 0.85);
				cairo_arc(cr, cx, cy - r * 0.35, r * 0.7, M_PI * 1.05, M_PI * 1.95);
				cairo_close_path(cr);
				cairo_fill(cr);
			}
		}
}

void lc_frame_pic(const struct lc *c, double x, double y, double w, double h, struct rgb frame, struct rgb a, struct rgb b)
{
	lc_shadow(c, x + w / 2 + 6, y + h / 2 + 10, w * 0.6, h * 0.6, 0.18);
	lc_fill_rect(c, x, y, w, h, frame);
	double m = fmin(w, h) * 0.08;
	lc_vgrad(c, x + m, y + m, w - 2 * m, h - 2 * m, a, b);
	/* a simple landscape motif */
	cairo_t *cr = c->cr;
	lc_set(c, rgb_mix(b, (struct rgb){ 0, 0, 0 }, 0.3), 0.8);
	cairo_move_to(cr, x + m, y + h - m);
	cairo_line_to(cr, x + w * 0.4, y + h * 0.45);
	cairo_line_to(cr, x + w * 0.6, y + h * 0.65);
	cairo_line_to(cr, x + w * 0.75, y + h * 0.5);
	cairo_line_to(cr, x + w - m, y + h - m);
	cairo_close_path(cr);
	cairo_fill(cr);
}

/* ---------------------------------------------------------------- exteriors */

void lc_streetlamp(const struct lc *c, double x, double y_base, double hgt, struct rgb pole)
{
	cairo_t *cr = c->cr;
	double lamp = lc_lamp(c);
	struct rgb bulb = lc_lit(c, rgb_hex(0xffd890));
	if (lamp > 0) {
		cairo_save(cr);
		cairo_translate(cr, x + hgt * 0.12, y_base);
		cairo_scale(cr, 1, 0.25);
		lc_glow(c, 0, 0, hgt * 0.45, bulb, 0.45 * lamp);
		cairo_restore(cr);
	}
	lc_fill_rect(c, x - hgt * 0.012, y_base - hgt, hgt * 0.024, hgt, pole);
	lc_fill_rect(c, x - hgt * 0.03, y_base - hgt * 0.06, hgt * 0.06, hgt * 0.06, pole);
	cairo_set_line_width(cr, hgt * 0.015);
	lc_set(c, pole, 1);
	cairo_move_to(cr, x, y_base - hgt * 0.98);
	cairo_curve_to(cr, x, y_base - hgt * 1.06, x + hgt * 0.12, y_base - hgt * 1.06, x + hgt * 0.14, y_base - hgt * 0.98);
	cairo_stroke(cr);
	lc_glow(c, x + hgt * 0.14, y_base - hgt * 0.95, hgt * 0.3, bulb, 0.6 * lamp);
	lc_set(c, bulb, 1);
	cairo_arc(cr, x + hgt * 0.14, y_base - hgt * 0.95, hgt * 0.025, 0, 2 * M_PI);
	cairo_fill(cr);
	lc_set(c, pole, 1);
	cairo_move_to(cr, x + hgt * 0.09, y_base - hgt * 0.955);
	cairo_line_to(cr, x + hgt * 0.19, y_base - hgt * 0.955);
	cairo_line_to(cr, x + hgt * 0.17, y_base - hgt * 0.99);
	cairo_line_to(cr, x + hgt * 0.11, y_base - hgt * 0.99);
	cairo_close_path(cr);
	cairo_fill(cr);
}

void lc_lantern(const struct lc *c, double x, double y, double r, struct rgb v)
{
	cairo_t *cr = c->cr;
	double lamp = lc_lamp(c);
	struct rgb body = c->time == LC_DAY ? v : rgb_mix(v, lc_lit(c, rgb_hex(0xff6a3a)), lamp * 0.8);
	lc_glow(c, x, y, r * 4, lc_lit(c, rgb_hex(0xff8a4a)), 0.45 * lamp);
	cairo_set_line_width(cr, r * 0.06);
	lc_set(c, rgb_hex(0x3a2a1a), 1);
	cairo_move_to(cr, x, y - r * 2.2);
	cairo_line_to(cr, x, y - r);
	cairo_stroke(cr);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, 1, 0.85);
	cairo_pattern_t *p = cairo_pattern_create_radial(-r * 0.3, -r * 0.3, r * 0.1, 0, 0, r * 1.1);
	struct rgb hi = rgb_mix(body, (struct rgb){ 1, 0.9, 0.6 }, 0.35);
	cairo_pattern_add_color_stop_rgb(p, 0, hi.r, hi.g, hi.b);
	cairo_pattern_add_color_stop_rgb(p, 1, body.r * 0.75, body.g * 0.75, body.b * 0.75);
	cairo_arc(cr, 0, 0, r, 0, 2 * M_PI);
	cairo_set_source(cr, p);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
	cairo_set_line_width(cr, r * 0.04);
	cairo_set_source_rgba(cr, 0.3, 0.05, 0.02, 0.35);
	for (int k = -2; k <= 2; k++) {
		cairo_save(cr);
		cairo_scale(cr, abs(k) / 2.6 + 0.05, 1);
		cairo_arc(cr, 0, 0, r, 0, 2 * M_PI);
		cairo_restore(cr);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
	struct rgb gold = lc_grade(c, rgb_hex(0xd8a23a));
	lc_fill_rect(c, x - r * 0.45, y - r * 0.95, r * 0.9, r * 0.18, gold);
	lc_fill_rect(c, x - r * 0.45, y + r * 0.78, r * 0.9, r * 0.18, gold);
	lc_set(c, lc_grade(c, rgb_hex(0xc0302a)), 1);
	cairo_move_to(cr, x - r * 0.12, y + r * 0.96);
	cairo_line_to(cr, x + r * 0.12, y + r * 0.96);
	cairo_line_to(cr, x + r * 0.2, y + r * 1.7);
	cairo_line_to(cr, x - r * 0.2, y + r * 1.7);
	cairo_close_path(cr);
	cairo_fill(cr);
}

void lc_snowcap(const struct lc *c, double x, double y, double w, double th)
{
	if (c->weather != LC_SNOW) return;
	cairo_t *cr = c->cr;
	struct rgb s = c->time == LC_NIGHT ? rgb_hex(0xaab4d0) : rgb_hex(0xf4f7fc);
	lc_set(c, s, 1);
	cairo_move_to(cr, x - 3, y + 1);
	cairo_curve_to(cr, x, y - th, x + w, y - th, x + w + 3, y + 1);
	cairo_curve_to(cr, x + w * 0.7, y + th * 0.6, x + w * 0.3, y + th * 0.7, x - 3, y + 1);
	cairo_fill(cr);
}

void lc_roof(const struct lc *c, double x, double y, double w, double h, struct rgb tile, struct rgb eave)
{
	/* Chinese roof with upturned eaves: (x,y) top-left of the ridge box */
	cairo_t *cr = c->cr;
	double lip = w * 0.08;
	cairo_move_to(cr, x + w * 0.12, y);
	cairo_line_to(cr, x + w * 0.88, y);
	cairo_curve_to(cr, x + w * 0.95, y + h * 0.6, x + w + lip * 0.3, y + h * 0.8, x + w + lip, y + h * 0.7);
	cairo_line_to(cr, x + w + lip * 0.6, y + h);
	cairo_curve_to(cr, x + w * 0.7, y + h * 0.92, x + w * 0.3, y + h * 0.92, x - lip * 0.6, y + h);
	cairo_line_to(cr, x - lip, y + h * 0.7);
	cairo_curve_to(cr, x - lip * 0.3, y + h * 0.8, x + w * 0.05, y + h * 0.6, x + w * 0.12, y);
	cairo_close_path(cr);
	cairo_pattern_t *p = cairo_pattern_create_linear(0, y, 0, y + h);
	cairo_pattern_add_color_stop_rgb(p, 0, tile.r * 0.8, tile.g * 0.8, tile.b * 0.8);
	cairo_pattern_add_color_stop_rgb(p, 1, tile.r, tile.g, tile.b);
	cairo_set_source(cr, p);
	cairo_fill_preserve(cr);
	cairo_pattern_destroy(p);
	cairo_save(cr);
	cairo_clip(cr);
	cairo_set_line_width(cr, fmax(2, w * 0.006));
	lc_set(c, rgb_scale(tile, 0.65), 0.7);
	for (double tx = x - lip; tx < x + w + lip; tx += fmax(10, w * 0.03)) {
		cairo_move_to(cr, x + w / 2 + (tx - x - w / 2) * 0.8, y);
		cairo_line_to(cr, tx, y + h);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
	/* ridge and eave band */
	lc_fill_rect(c, x + w * 0.1, y - h * 0.1, w * 0.8, h * 0.14, rgb_scale(tile, 0.7));
	lc_set(c, eave, 1);
	cairo_move_to(cr, x - lip * 0.6, y + h);
	cairo_curve_to(cr, x + w * 0.3, y + h * 0.92, x + w * 0.7, y + h * 0.92, x + w + lip * 0.6, y + h);
	cairo_line_to(cr, x + w + lip * 0.5, y + h * 1.12);
	cairo_curve_to(cr, x + w * 0.7, y + h * 1.04, x + w * 0.3, y + h * 1.04, x - lip * 0.5, y + h * 1.12);
	cairo_close_path(cr);
	cairo_fill(cr);
	if (c->weather == LC_SNOW) {
		lc_snowcap(c, x + w * 0.1, y - h * 0.1, w * 0.8, h * 0.25);
		cairo_set_source_rgba(cr, 0.95, 0.97, 1.0, c->time == LC_NIGHT ? 0.45 : 0.75);
		cairo_move_to(cr, x + w * 0.12, y);
		cairo_line_to(cr, x + w * 0.88, y);
		cairo_curve_to(cr, x + w * 0.93, y + h * 0.4, x + w * 0.97, y + h * 0.55, x + w, y + h * 0.6);
		cairo_curve_to(cr, x + w * 0.6, y + h * 0.45, x + w * 0.4, y + h * 0.45, x, y + h * 0.6);
		cairo_curve_to(cr, x + w * 0.03, y + h * 0.55, x + w * 0.07, y + h * 0.4, x + w * 0.12, y);
		cairo_fill(cr);
	}
}

void lc_wet_ground(const struct lc *c, double y0, double y1)
{
	if (c->weather != LC_RAIN) return;
	cairo_t *cr = c->cr;
	struct rgb sky = haze_color(c);
	for (int i = 0; i < 14; i++) {
		double x = LC_W * lc_hash(c->seed, 3000 + i), k = lc_hash(c->seed, 3100 + i);
		double y = y0 + (y1 - y0) * k;
		double rx = 40 + 160 * k, ry = 6 + 22 * k;
		cairo_save(cr);
		cairo_translate(cr, x, y);
		cairo_scale(cr, rx, ry);
		cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
		cairo_restore(cr);
		lc_set(c, rgb_mix(sky, (struct rgb){ 1, 1, 1 }, 0.1), 0.2);
		cairo_fill(cr);
	}
	/* glossy sheen toward the horizon */
	cairo_pattern_t *p = cairo_pattern_create_linear(0, y0, 0, y1);
	cairo_pattern_add_color_stop_rgba(p, 0, sky.r, sky.g, sky.b, 0.35);
	cairo_pattern_add_color_stop_rgba(p, 1, sky.r, sky.g, sky.b, 0.0);
	cairo_rectangle(cr, 0, y0, LC_W, y1 - y0);
	cairo_set_source(cr, p);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
}

/* ---------------------------------------------------------------- furniture */

void lc_table(const struct lc *c, double x, double y_top, double w, double hgt, struct rgb top, struct rgb leg)
{
	lc_shadow(c, x, y_top + hgt, w * 0.55, w * 0.07, 0.35);
	lc_fill_rect(c, x - w * 0.4, y_top, w * 0.05, hgt, leg);
	lc_fill_rect(c, x + w * 0.35, y_top, w * 0.05, hgt, leg);
	lc_set(c, top, 1);
	lc_rrect(c->cr, x - w / 2, y_top - w * 0.06, w, w * 0.08, w * 0.02);
	cairo_fill(c->cr);
	lc_fill_rect(c, x - w / 2, y_top + w * 0.015, w, w * 0.02, rgb_scale(top, 0.75));
}

void lc_chair(const struct lc *c, double x, double y_base, double s, struct rgb v, int facing)
{
	cairo_t *cr = c->cr;
	struct rgb d = rgb_scale(v, 0.75);
	lc_shadow(c, x, y_base, s * 0.35, s * 0.06, 0.3);
	lc_fill_rect(c, x - s * 0.25, y_base - s * 0.5, s * 0.05, s * 0.5, d);
	lc_fill_rect(c, x + s * 0.2, y_base - s * 0.5, s * 0.05, s * 0.5, d);
	lc_set(c, v, 1);
	lc_rrect(cr, x - s * 0.3, y_base - s * 0.55, s * 0.6, s * 0.08, s * 0.03);
	cairo_fill(cr);
	double bx = facing < 0 ? x + s * 0.2 : x - s * 0.28;
	if (facing == 0) { lc_rrect(cr, x - s * 0.27, y_base - s * 1.05, s * 0.54, s * 0.45, s * 0.05); cairo_fill(cr); }
	else { lc_rrect(cr, bx, y_base - s * 1.05, s * 0.08, s * 0.55, s * 0.03); cairo_fill(cr); }
}

void lc_shelf(const struct lc *c, double x, double y, double w, double h, int rows, struct rgb wood, uint64_t seed)
{
	cairo_t *cr = c->cr;
	lc_fill_rect(c, x, y, w, h, rgb_scale(wood, 0.55));
	static const unsigned book[] = { 0xc0504d, 0x4f81bd, 0x9bbb59, 0xf2c14e, 0x8064a2, 0xe8e2d0, 0x4bacc6, 0xd98a5f };
	for (int r = 0; r < rows; r++) {
		double ry = y + h * (r + 1) / rows;
		double bx = x + 10;
		for (unsigned i = 0; bx < x + w - 20; i++) {
			double hsh = lc_hash(seed, r * 40 + i);
			double bw = 14 + 20 * hsh, bh = (h / rows - 16) * (0.6 + 0.35 * lc_hash(seed, r * 40 + i + 200));
			if (lc_hash(seed, r * 40 + i + 400) < 0.12) { bx += 24; continue; }
			struct rgb col = lc_grade(c, rgb_hex(book[(unsigned)(hsh * 8) & 7]));
			lc_fill_rect(c, bx, ry - bh - 6, bw, bh, rgb_mix(col, wood, 0.25));
			bx += bw + 2;
		}
		lc_fill_rect(c, x, ry - 8, w, 10, wood);
	}
	cairo_set_line_width(cr, 10);
	lc_set(c, wood, 1);
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
}
