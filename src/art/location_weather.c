/* art/location_weather.c — the animated weather overlay of the front layer: rain
 * streaks and ground splashes, snowflakes in three depths, drops on window glass.
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

void lc_weather(const struct lc *c)
{
	if (c->weather == LC_CLEAR) return;
	cairo_t *cr = c->cr;
	if (!c->indoor) {
		if (c->weather == LC_RAIN) {
			rain_in(c, 0, 0, LC_W, LC_H, 1.0);
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
		} else {
			snow_in(c, 0, 0, LC_W, LC_H, 1.0);
		}
		return;
	}
	for (int i = 0; i < c->n_win; i++) {
		struct lc_rect r = c->win[i];
		cairo_save(cr);
		cairo_rectangle(cr, r.x, r.y, r.w, r.h);
		cairo_clip(cr);
		double dens = r.w * r.h / (LC_W * LC_H) * 1.6;
		if (c->weather == LC_RAIN) {
			struct lc o = *c;
			o.seed ^= (uint64_t)i * 0x9e37;
			rain_in(&o, r.x, r.y, r.w, r.h, dens);
			glass_drops(&o, r);
		} else {
			struct lc o = *c;
			o.seed ^= (uint64_t)i * 0x9e37;
			snow_in(&o, r.x, r.y, r.w, r.h, fmax(0.25, dens * 1.5));
		}
		cairo_restore(cr);
	}
}
