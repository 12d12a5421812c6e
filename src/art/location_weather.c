/* art/location_weather.c — the weather overlay of the front layer: rain streaks and
 * ground splashes, snowflakes in three depths, drops on window glass, a storm's driven
 * rain and lightning, fog banks, heat haze, blowing dust, flood water round the legs.
 * The moving ones (model_weather_moves) are redrawn every frame with t.
 * Redrawn every frame, so each element is a small separate shape (one path spanning
 * the frame makes the rasteriser walk every scanline); ~2 ms CPU at 1080x1920. */
#include <math.h>
#include "art/location_int.h"

static void rain_in(const struct lc *c, double x0, double y0, double w, double h, double density)
{
	cairo_t *cr = c->cr;
	double t = c->t;
	int n_far = (int)(150 * density), n_near = (int)(45 * density);
	struct rgb col = c->time == LC_NIGHT ? (struct rgb){ 0.75, 0.8, 0.95 } : (struct rgb){ 0.92, 0.95, 1.0 };
	/* each streak is its own small filled quad: one path spanning the whole frame
	 * makes the rasteriser walk every scanline (~10 ms at 1080x1920), small ones
	 * cost microseconds each */
	for (int pass = 0; pass < 2; pass++) {
		int n = pass ? n_near : n_far;
		double len = pass ? 110 : 55, speed = pass ? 2600 : 1700, hw = pass ? 1.6 : 0.9;
		lc_set(c, col, pass ? 0.42 : 0.3);
		for (int i = 0; i < n; i++) {
			double hx = lc_hash(c->seed ^ 0xa11, i + pass * 1000), hy = lc_hash(c->seed ^ 0xa12, i + pass * 1000);
			double span = h + len;
			double y = y0 - len + fmod(hy * span + t * speed * (0.85 + 0.3 * hx), span);
			double x = x0 + fmod(hx * (w + 200) - (y - y0) * 0.12, w + 200) - 100;
			cairo_move_to(cr, x - hw, y);
			cairo_line_to(cr, x + hw, y);
			cairo_line_to(cr, x + hw - len * 0.12, y + len);
			cairo_line_to(cr, x - hw - len * 0.12, y + len);
			cairo_close_path(cr);
			cairo_fill(cr);
		}
	}
}

static void snow_in(const struct lc *c, double x0, double y0, double w, double h, double density)
{
	cairo_t *cr = c->cr;
	double t = c->t;
	static const double rad[3] = { 2.6, 4.8, 8.5 }, spd[3] = { 45, 85, 150 }, alpha[3] = { 0.55, 0.75, 0.9 };
	static const int cnt[3] = { 110, 55, 16 };
	for (int d = 0; d < 3; d++) {
		int n = (int)(cnt[d] * density);
		cairo_set_source_rgba(cr, 1, 1, 1, alpha[d] * (c->time == LC_NIGHT ? 0.8 : 1.0));
		for (int i = 0; i < n; i++) {
			double hx = lc_hash(c->seed ^ 0x511, i + d * 1000), hy = lc_hash(c->seed ^ 0x512, i + d * 1000);
			double hp = lc_hash(c->seed ^ 0x513, i + d * 1000);
			double span = h + 30;
			double y = y0 - 15 + fmod(hy * span + t * spd[d] * (0.8 + 0.4 * hp), span);
			double x = x0 + hx * w + sin(t * (0.6 + hp) + hp * 6.28) * (10 + 20 * d);
			cairo_arc(cr, x, y, rad[d] * (0.8 + 0.4 * hp), 0, 2 * M_PI);
			cairo_fill(cr);
		}
	}
}

static void glass_drops(const struct lc *c, struct lc_rect r)
{
	cairo_t *cr = c->cr;
	int n = (int)(r.w * r.h / 2500.0);
	if (n > 120) n = 120;
	cairo_set_source_rgba(cr, 1, 1, 1, 0.28);
	for (int i = 0; i < n; i++) {
		double hx = lc_hash(c->seed ^ 0xd1, i), hy = lc_hash(c->seed ^ 0xd2, i), hs = lc_hash(c->seed ^ 0xd3, i);
		double y = r.y + fmod(hy * r.h + (hs > 0.8 ? c->t * 60 * hs : 0), r.h);
		double x = r.x + hx * r.w, rad = 2 + 4 * hs;
		cairo_arc(cr, x, y, rad, 0, 2 * M_PI);
		cairo_fill(cr);
	}
}

/* Horizontal band of colour v: transparent at y0 and y1, alpha a at ym. */
static void band(const struct lc *c, double x0, double w, double y0, double ym, double y1, struct rgb v, double a)
{
	cairo_pattern_t *p = cairo_pattern_create_linear(0, y0, 0, y1);
	double k = (ym - y0) / (y1 - y0);
	cairo_pattern_add_color_stop_rgba(p, 0, v.r, v.g, v.b, 0);
	cairo_pattern_add_color_stop_rgba(p, k < 0.01 ? 0.01 : k > 0.99 ? 0.99 : k, v.r, v.g, v.b, a);
	cairo_pattern_add_color_stop_rgba(p, 1, v.r, v.g, v.b, 0);
	cairo_set_source(c->cr, p);
	cairo_rectangle(c->cr, x0, y0, w, y1 - y0);
	cairo_fill(c->cr);
	cairo_pattern_destroy(p);
}

/* 0..1: a lightning flash now (every 4-7 s, a double flicker decaying over 0.3 s). */
static double lightning(const struct lc *c)
{
	double period = 4.0 + 3.0 * lc_hash(c->seed ^ 0x11e, 0);
	double ph = fmod(c->t + period * 0.7, period);
	if (ph > 0.35) return 0;
	double k = 1 - ph / 0.35;
	return ph < 0.06 || (ph > 0.11 && ph < 0.17) ? k : k * 0.3;
}

static void bolt(const struct lc *c, double a)
{
	cairo_t *cr = c->cr;
	unsigned n = (unsigned)(c->t / 4.0);   /* a new bolt each flash */
	double x = LC_W * (0.2 + 0.6 * lc_hash(c->seed ^ 0xb0, n)), y = 0;
	cairo_move_to(cr, x, y);
	for (int i = 0; i < 9 && y < c->fy * 0.8; i++) {
		x += (lc_hash(c->seed ^ 0xb1, n * 16 + i) - 0.5) * 160;
		y += c->fy * 0.8 / 9;
		cairo_line_to(cr, x, y);
	}
	cairo_set_source_rgba(cr, 0.95, 0.95, 1, a);
	cairo_set_line_width(cr, 7);
	cairo_stroke(cr);
}

static void dust_in(const struct lc *c, double x0, double y0, double w, double h, double density)
{
	cairo_t *cr = c->cr;
	int n = (int)(180 * density);
	struct rgb v = c->time == LC_NIGHT ? (struct rgb){ 0.45, 0.36, 0.26 } : (struct rgb){ 0.9, 0.74, 0.5 };
	for (int i = 0; i < n; i++) {
		double hx = lc_hash(c->seed ^ 0xd51, i), hy = lc_hash(c->seed ^ 0xd52, i), hs = lc_hash(c->seed ^ 0xd53, i);
		double len = 20 + 70 * hs, span = w + len;
		double x = x0 - len + fmod(hx * span + c->t * (700 + 900 * hs), span);
		double y = y0 + hy * h + sin(c->t * 2 + hs * 9) * 12;
		cairo_set_source_rgba(cr, v.r, v.g, v.b, 0.25 + 0.35 * hs);
		cairo_rectangle(cr, x, y, len, 1.5 + 2.5 * hs);
		cairo_fill(cr);
	}
}

/* Murky water from y to the bottom, ripples drifting on it. */
static void flood_water(const struct lc *c, double y)
{
	cairo_t *cr = c->cr;
	struct rgb v = lc_grade(c, (struct rgb){ 0.42, 0.4, 0.3 });
	cairo_pattern_t *p = cairo_pattern_create_linear(0, y, 0, LC_H);
	cairo_pattern_add_color_stop_rgba(p, 0, v.r, v.g, v.b, 0.72);
	cairo_pattern_add_color_stop_rgba(p, 1, v.r * 0.7, v.g * 0.7, v.b * 0.7, 0.9);
	cairo_set_source(cr, p);
	cairo_rectangle(cr, 0, y, LC_W, LC_H - y);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
	cairo_set_source_rgba(cr, 0.9, 0.92, 0.9, 0.5);   /* the waterline */
	cairo_rectangle(cr, 0, y - 2, LC_W, 4);
	cairo_fill(cr);
	cairo_set_line_width(cr, 3);
	for (int i = 0; i < 40; i++) {
		double hx = lc_hash(c->seed ^ 0xf1, i), hy = lc_hash(c->seed ^ 0xf2, i);
		double x = fmod(hx * (LC_W + 200) + c->t * (30 + 40 * hy), LC_W + 200) - 100;
		double yy = y + 12 + hy * (LC_H - y - 20), wr = 30 + 60 * hy;
		cairo_move_to(cr, x - wr, yy);
		cairo_curve_to(cr, x - wr / 2, yy - 6, x + wr / 2, yy - 6, x + wr, yy);
		cairo_set_source_rgba(cr, 0.85, 0.88, 0.85, 0.25 + 0.25 * hy);
		cairo_stroke(cr);
	}
}

static void rain_outdoor(const struct lc *c, double density)
{
	cairo_t *cr = c->cr;
	rain_in(c, 0, 0, LC_W, LC_H, density);
	/* splashes on the ground */
	cairo_set_line_width(cr, 2);
	for (int i = 0; i < 26; i++) {
		double ph = fmod(c->t * 1.7 + lc_hash(c->seed ^ 0x5b, i), 1.0);
		double k = lc_hash(c->seed ^ 0x5c, i);
		double x = LC_W * lc_hash(c->seed ^ 0x5d, i + (unsigned)(c->t * 1.7 + lc_hash(c->seed ^ 0x5b, i)) * 97);
		double y = c->fy + (LC_H - c->fy) * k;
		cairo_save(cr);
		cairo_translate(cr, x, y);
		cairo_scale(cr, 1, 0.3);
		cairo_new_path(cr);
		cairo_arc(cr, 0, 0, 4 + 26 * ph * (0.5 + k), 0, 2 * M_PI);
		cairo_restore(cr);
		cairo_set_source_rgba(cr, 0.9, 0.95, 1, 0.45 * (1 - ph));
		cairo_stroke(cr);
	}
}

/* Outdoors: the whole frame. */
static void weather_out(const struct lc *c)
{
	cairo_t *cr = c->cr;
	int night = c->time == LC_NIGHT;
	switch (c->weather) {
	case LC_RAIN: rain_outdoor(c, 1.0); break;
	case LC_SNOW: snow_in(c, 0, 0, LC_W, LC_H, 1.0); break;
	case LC_STORM: {
		double f = lightning(c);
		rain_outdoor(c, 1.7);
		if (f > 0) {
			bolt(c, f);
			cairo_set_source_rgba(cr, 0.85, 0.88, 1, 0.38 * f);
			cairo_paint(cr);
		}
		break;
	}
	case LC_FOG: {
		struct rgb v = night ? (struct rgb){ 0.32, 0.34, 0.38 } : (struct rgb){ 0.9, 0.91, 0.92 };
		/* the sky and the far end drown; near the camera (over the faces of a close-up)
		 * only a veil */
		band(c, 0, LC_W, -400, 0, c->fy * 0.55, v, 0.6);
		band(c, 0, LC_W, c->fy - 700, c->fy - 60, c->fy + 260, v, 0.45);
		for (int i = 0; i < 5; i++) {   /* low banks across the ground */
			double y = c->fy + (LC_H - c->fy) * (0.1 + 0.18 * i);
			band(c, 0, LC_W, y - 60, y, y + 80, v, 0.08);
		}
		break;
	}
	case LC_HEAT: {
		cairo_pattern_t *p = cairo_pattern_create_radial(LC_W * 0.7, -200, 50, LC_W * 0.7, -200, LC_H * 0.8);
		cairo_pattern_add_color_stop_rgba(p, 0, 1, 0.97, 0.85, night ? 0 : 0.55);
		cairo_pattern_add_color_stop_rgba(p, 1, 1, 0.9, 0.7, 0);
		cairo_set_source(cr, p);
		cairo_paint(cr);
		cairo_pattern_destroy(p);
		band(c, 0, LC_W, c->fy - 80, c->fy - 10, c->fy + 40, (struct rgb){ 1, 0.95, 0.85 }, night ? 0.1 : 0.35);
		cairo_set_line_width(cr, 2);   /* shimmer over the hot ground */
		for (int i = 0; i < 14; i++) {
			double y = c->fy - 30 + 6 * i, x = -40;
			cairo_move_to(cr, x, y);
			for (; x < LC_W + 40; x += 40)
				cairo_line_to(cr, x + 40, y + 3 * sin((x + i * 37) * 0.05));
			cairo_set_source_rgba(cr, 1, 0.97, 0.9, 0.12);
			cairo_stroke(cr);
		}
		break;
	}
	case LC_DUST: {
		struct rgb v = night ? (struct rgb){ 0.3, 0.22, 0.15 } : (struct rgb){ 0.82, 0.62, 0.38 };
		band(c, 0, LC_W, -400, c->fy * 0.5, c->fy + 300, v, 0.45);
		band(c, 0, LC_W, c->fy, LC_H - 200, LC_H + 100, v, 0.2);
		dust_in(c, 0, 0, LC_W, LC_H, 1.0);
		break;
	}
	case LC_FLOOD:
		rain_outdoor(c, 0.5);
		flood_water(c, c->fy + (LC_H - c->fy) * 0.35);
		break;
	}
}

/* Indoors: weather behind the windows, and what comes in (lightning, heat, water). */
static void weather_in(const struct lc *c)
{
	cairo_t *cr = c->cr;
	for (int i = 0; i < c->n_win; i++) {
		struct lc_rect r = c->win[i];
		cairo_save(cr);
		cairo_rectangle(cr, r.x, r.y, r.w, r.h);
		cairo_clip(cr);
		double dens = r.w * r.h / (LC_W * LC_H) * 1.6;
		struct lc o = *c;
		o.seed ^= (uint64_t)i * 0x9e37;
		switch (c->weather) {
		case LC_RAIN: case LC_FLOOD:
			rain_in(&o, r.x, r.y, r.w, r.h, dens);
			glass_drops(&o, r);
			break;
		case LC_STORM:
			rain_in(&o, r.x, r.y, r.w, r.h, dens * 1.8);
			glass_drops(&o, r);
			break;
		case LC_SNOW: snow_in(&o, r.x, r.y, r.w, r.h, fmax(0.25, dens * 1.5)); break;
		case LC_FOG:
			cairo_set_source_rgba(cr, 0.88, 0.89, 0.9, c->time == LC_NIGHT ? 0.35 : 0.75);
			cairo_paint(cr);
			break;
		case LC_HEAT:
			cairo_set_source_rgba(cr, 1, 0.96, 0.85, 0.5);
			cairo_paint(cr);
			break;
		case LC_DUST:
			cairo_set_source_rgba(cr, 0.82, 0.62, 0.38, 0.7);
			cairo_paint(cr);
			dust_in(&o, r.x, r.y, r.w, r.h, fmax(0.3, dens * 2));
			break;
		}
		cairo_restore(cr);
	}
	if (c->weather == LC_STORM) {   /* the flash lights the room */
		double f = lightning(c);
		if (f > 0) {
			cairo_set_source_rgba(cr, 0.85, 0.88, 1, (c->n_win ? 0.22 : 0.12) * f);
			cairo_paint(cr);
		}
	} else if (c->weather == LC_HEAT) {
		band(c, 0, LC_W, -200, 0, LC_H * 0.6, (struct rgb){ 1, 0.9, 0.7 }, 0.14);
	} else if (c->weather == LC_FLOOD) {
		flood_water(c, LC_H * 0.8);
	}
}

void lc_weather(const struct lc *c)
{
	if (c->weather == LC_CLEAR) return;
	if (c->indoor) weather_in(c);
	else weather_out(c);
}
