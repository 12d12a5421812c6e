/* art/location_outdoor.c — modern exteriors: city street, park, rooftop.
 * Same layer contract as location_modern.c; the horizon/floor line is set per
 * template (c->fy) before any layer is drawn. */
#include <math.h>
#include "art/location_int.h"

#define P(k) lc_pal(c, k)

static void building(const struct lc *c, double x, double yb, double w, double h, struct rgb wall, int shop, const char *sign, struct rgb signc)
{
	cairo_t *cr = c->cr;
	lc_vgrad(c, x, yb - h, w, h, rgb_scale(wall, 1.05), rgb_scale(wall, 0.85));
	struct rgb glass = c->time == LC_DAY ? lc_haze(c, lc_grade(c, rgb_hex(0x9cc0dc)), 0.3) : lc_grade(c, rgb_hex(0x3a4458));
	struct rgb lit = lc_lit(c, rgb_hex(0xffd88a));
	double top = shop ? yb - 330 : yb;
	for (double wy = yb - h + 50; wy < top - 120; wy += 150)
		for (double wx = x + 30; wx < x + w - 90; wx += 120) {
			int on = lc_hash(c->seed, (unsigned)(wx * 3 + wy)) < (c->time == LC_NIGHT ? 0.6 : c->time == LC_DUSK ? 0.3 : 0);
			lc_fill_rect(c, wx, wy, 80, 100, on ? lit : glass);
			lc_fill_rect(c, wx - 4, wy + 100, 88, 8, rgb_scale(wall, 0.7));
		}
	if (!shop) return;
	/* shop front: glass, awning, sign */
	struct rgb inside = rgb_mix(glass, lit, 0.6 * lc_lamp(c) + 0.1);
	lc_fill_rect(c, x + 20, yb - 240, w - 40, 240, inside);
	lc_glow(c, x + w / 2, yb - 100, w * 0.6, lit, 0.35 * lc_lamp(c));
	cairo_set_line_width(cr, 8);
	lc_set(c, rgb_scale(wall, 0.55), 1);
	cairo_rectangle(cr, x + 20, yb - 240, w - 40, 240);
	cairo_move_to(cr, x + w / 2, yb - 240); cairo_line_to(cr, x + w / 2, yb);
	cairo_stroke(cr);
	lc_fill_rect(c, x, yb - 330, w, 80, rgb_scale(wall, 0.5));
	struct rgb neon = signc;
	lc_glow(c, x + w / 2, yb - 290, w * 0.7, neon, 0.4 * lc_lamp(c));
	lc_text(c, sign, x + w / 2, yb - 290, 50, neon, NULL, 1, w - 40);
	if (c->weather == LC_SNOW) lc_snowcap(c, x, yb - h, w, 14);
}

static void city_street(struct lc *c)
{
	cairo_t *cr = c->cr;
	double fy = c->fy = 1260;
	if (c->layer == ART_LAYER_BACK) {
		lc_sky(c, 0, 0, LC_W, fy, 1);
		lc_skyline(c, fy, 560, 0.6, c->seed ^ 1);
		lc_skyline(c, fy, 360, 0.35, c->seed ^ 2);
		/* road with lane marks and sidewalks in perspective */
		lc_vgrad(c, 0, fy, LC_W, LC_H - fy, P("road_far"), P("road"));
		double vx = 540;
		lc_set(c, P("sidewalk"), 1);
		cairo_move_to(cr, 0, fy); cairo_line_to(cr, vx - 120, fy); cairo_line_to(cr, -200, LC_H); cairo_line_to(cr, 0, LC_H); cairo_close_path(cr);
		cairo_move_to(cr, LC_W, fy); cairo_line_to(cr, vx + 120, fy); cairo_line_to(cr, LC_W + 200, LC_H); cairo_line_to(cr, LC_W, LC_H); cairo_close_path(cr);
		cairo_fill(cr);
		lc_set(c, lc_grade(c, rgb_hex(0xf2f0e6)), 0.85);
		for (int k = 0; k < 6; k++) {
			double t0 = pow(k / 6.0, 1.6), t1 = pow((k + 0.5) / 6.0, 1.6);
			double y0 = fy + (LC_H - fy) * t0, y1 = fy + (LC_H - fy) * t1;
			double w0 = 3 + 22 * t0, w1 = 3 + 22 * t1;
			cairo_move_to(cr, vx - w0, y0); cairo_line_to(cr, vx + w0, y0); cairo_line_to(cr, vx + w1, y1); cairo_line_to(cr, vx - w1, y1);
			cairo_close_path(cr);
		}
		cairo_fill(cr);
		if (c->weather == LC_SNOW) {
			cairo_set_source_rgba(cr, 0.95, 0.96, 1.0, c->time == LC_NIGHT ? 0.3 : 0.6);
			cairo_rectangle(cr, 0, fy, LC_W, LC_H - fy);
			cairo_fill(cr);
		}
		lc_wet_ground(c, fy, LC_H);
		/* reflections of the shop lights on a wet road */
		if (c->weather == LC_RAIN && c->time != LC_DAY) {
			struct rgb a = lc_pal_lit(c, "neon"), b = lc_lit(c, rgb_hex(0xffd88a));
			for (int i = 0; i < 2; i++) {
				cairo_pattern_t *p = cairo_pattern_create_linear(0, fy, 0, LC_H);
				struct rgb v = i ? b : a;
				cairo_pattern_add_color_stop_rgba(p, 0, v.r, v.g, v.b, 0.5);
				cairo_pattern_add_color_stop_rgba(p, 1, v.r, v.g, v.b, 0);
				cairo_rectangle(cr, i ? 800 : 100, fy, 160, LC_H - fy);
				cairo_set_source(cr, p);
				cairo_fill(cr);
				cairo_pattern_destroy(p);
			}
		}
	} else if (c->layer == ART_LAYER_MID) {
		building(c, -60, 1400, 400, 1300, P("bldg_a"), 1, "OPEN", lc_pal_lit(c, "neon"));
		building(c, 740, 1400, 400, 1200, P("bldg_b"), 1, "24H", lc_lit(c, rgb_hex(0x7ad8ff)));
		/* awning */
		lc_set(c, P("awning"), 1);
		cairo_move_to(cr, 740, 1150); cairo_line_to(cr, 1080, 1150); cairo_line_to(cr, 1080, 1200); cairo_line_to(cr, 700, 1200);
		cairo_close_path(cr); cairo_fill(cr);
		lc_streetlamp(c, 380, 1420, 620, lc_grade(c, rgb_hex(0x2e3440)));
		/* street name plate on the lamp post: the place's own name */
		if (c->sign[0]) {
			struct rgb plate = lc_grade(c, rgb_hex(0x1f6a4a));
			lc_set(c, plate, 1);
			lc_rrect(cr, 386, 1010, 260, 70, 8);
			cairo_fill(cr);
			cairo_set_line_width(cr, 4);
			lc_set(c, lc_grade(c, rgb_hex(0xf2f2ea)), 1);
			lc_rrect(cr, 392, 1016, 248, 58, 6);
			cairo_stroke(cr);
			lc_text(c, c->sign, 516, 1045, 34, lc_grade(c, rgb_hex(0xf8f8f2)), NULL, 1, 230);
		}
		lc_tree(c, 690, 1420, 300, lc_grade(c, rgb_hex(0x4f8a4a)), lc_grade(c, rgb_hex(0x4a3426)), c->seed ^ 3);
	} else {
		/* a bush and a hydrant near the camera */
		lc_set(c, lc_grade(c, rgb_hex(0x3f7a44)), 1);
		for (int i = 0; i < 5; i++) { cairo_arc(cr, -20 + i * 70, 1880 - (i % 2) * 40, 90, 0, 2 * M_PI); cairo_fill(cr); }
		struct rgb red = lc_grade(c, rgb_hex(0xc8342e));
		lc_set(c, red, 1);
		lc_rrect(cr, 940, 1690, 90, 200, 30); cairo_fill(cr);
		lc_fill_rect(c, 910, 1750, 150, 36, rgb_scale(red, 0.8));
		lc_fill_rect(c, 920, 1880, 130, 40, rgb_scale(red, 0.7));
	}
}

static void park(struct lc *c)
{
	cairo_t *cr = c->cr;
	double fy = c->fy = 1240;
	if (c->layer == ART_LAYER_BACK) {
		lc_sky(c, 0, 0, LC_W, fy, 1);
		lc_skyline(c, fy - 120, 260, 0.75, c->seed ^ 4);
		lc_hills(c, fy - 60, 160, 0.45, c->seed);
		/* lake */
		struct rgb water = lc_haze(c, P("water"), 0.2);
		lc_vgrad(c, 0, fy - 70, LC_W, 90, water, rgb_scale(water, 0.85));
		for (int i = 0; i < 5; i++)
			lc_tree(c, 100 + i * 230 + 60 * lc_hash(c->seed, i), fy - 30, 300 + 80 * lc_hash(c->seed, i + 9),
			        lc_haze(c, P("leaf"), 0.35), lc_haze(c, lc_grade(c, rgb_hex(0x4a3426)), 0.35), c->seed + i);
		struct rgb grass = c->weather == LC_SNOW ? lc_grade(c, rgb_hex(0xeef2f8)) : P("grass");
		lc_vgrad(c, 0, fy, LC_W, LC_H - fy, rgb_scale(grass, 0.9), grass);
		/* winding path */
		lc_set(c, P("path"), 1);
		cairo_move_to(cr, 520, fy); cairo_curve_to(cr, 460, 1400, 740, 1550, 620, LC_H);
		cairo_line_to(cr, 180, LC_H); cairo_curve_to(cr, 420, 1560, 360, 1400, 470, fy);
		cairo_close_path(cr); cairo_fill(cr);
		lc_wet_ground(c, fy, LC_H);
	} else if (c->layer == ART_LAYER_MID) {
		lc_tree(c, 120, 1400, 820, P("leaf"), lc_grade(c, rgb_hex(0x4a3426)), c->seed ^ 11);
		/* bench */
		struct rgb wood = lc_grade(c, rgb_hex(0x9a6a3a)), iron = lc_grade(c, rgb_hex(0x2e3238));
		lc_shadow(c, 860, 1440, 200, 20, 0.35);
		for (int i = 0; i < 3; i++) lc_fill_rect(c, 700, 1250 + i * 34, 330, 24, wood);
		lc_fill_rect(c, 690, 1360, 350, 24, wood);
		lc_fill_rect(c, 715, 1384, 16, 60, iron);
		lc_fill_rect(c, 1000, 1384, 16, 60, iron);
		if (c->weather == LC_SNOW) lc_snowcap(c, 690, 1360, 350, 14);
		lc_streetlamp(c, 620, 1420, 560, iron);
		/* flower bed */
		for (int i = 0; i < 14; i++) {
			lc_set(c, lc_grade(c, rgb_hex(i % 3 == 0 ? 0xf06a8a : i % 3 == 1 ? 0xffd24a : 0xffffff)), 1);
			cairo_arc(cr, 700 + i * 26, 1480 + (i % 2) * 14, 11, 0, 2 * M_PI); cairo_fill(cr);
		}
	} else {
		/* leafy branch at the top, bushes at the bottom corners */
		struct rgb leaf = P("leaf");
		for (int i = 0; i < 12; i++) {
			double x = LC_W - 40 - i * 40, y = 40 + 30 * sin(i * 0.9) + i * 8;
			lc_set(c, (i & 1) ? leaf : rgb_scale(leaf, 0.75), 1);
			cairo_save(cr); cairo_translate(cr, x, y); cairo_rotate(cr, 0.6 + 0.2 * i); cairo_scale(cr, 2.2, 1);
			cairo_arc(cr, 0, 0, 30, 0, 2 * M_PI); cairo_restore(cr); cairo_fill(cr);
		}
		lc_set(c, rgb_scale(leaf, 0.7), 1);
		for (int i = 0; i < 4; i++) { cairo_arc(cr, -30 + i * 70, 1900 - (i % 2) * 40, 100, 0, 2 * M_PI); cairo_fill(cr); }
		if (c->weather == LC_SNOW) {
			cairo_set_source_rgba(cr, 0.96, 0.97, 1, 0.85);
			for (int i = 0; i < 4; i++) { cairo_arc(cr, -30 + i * 70, 1850 - (i % 2) * 40, 60, M_PI, 2 * M_PI); cairo_fill(cr); }
		}
	}
}

static void rooftop(struct lc *c)
{
	cairo_t *cr = c->cr;
	double fy = c->fy = 1280;
	if (c->layer == ART_LAYER_BACK) {
		lc_sky(c, 0, 0, LC_W, fy, 1);
		lc_skyline(c, fy, 300, 0.7, c->seed ^ 5);
		lc_skyline(c, fy, 200, 0.45, c->seed ^ 6);
		lc_floor_tiles(c, P("floor_a"), P("floor_b"), 5);
		if (c->weather == LC_SNOW) {
			cairo_set_source_rgba(cr, 0.95, 0.96, 1.0, c->time == LC_NIGHT ? 0.35 : 0.65);
			cairo_rectangle(cr, 0, fy, LC_W, LC_H - fy);
			cairo_fill(cr);
		}
		lc_wet_ground(c, fy, LC_H);
	} else if (c->layer == ART_LAYER_MID) {
		/* parapet and railing */
		struct rgb rail = lc_grade(c, rgb_hex(0x5a6270));
		lc_fill_rect(c, 0, fy - 40, LC_W, 60, P("parapet"));
		lc_fill_rect(c, 0, fy - 200, LC_W, 12, rail);
		for (double x = 20; x < LC_W; x += 70) lc_fill_rect(c, x, fy - 200, 8, 170, rail);
		/* water tank on stilts at the right */
		struct rgb tank = lc_grade(c, rgb_hex(0x8a6a4a));
		for (int i = 0; i < 3; i++) lc_fill_rect(c, 830 + i * 90, 900, 14, 380, lc_grade(c, rgb_hex(0x3a3a40)));
		lc_vgrad(c, 800, 560, 260, 360, tank, rgb_scale(tank, 0.75));
		lc_set(c, rgb_scale(tank, 0.7), 1);
		cairo_move_to(cr, 790, 560); cairo_line_to(cr, 930, 470); cairo_line_to(cr, 1070, 560); cairo_close_path(cr); cairo_fill(cr);
		if (c->weather == LC_SNOW) lc_snowcap(c, 800, 560, 260, 18);
		/* string lights */
		double lamp = lc_lamp(c);
		cairo_set_line_width(cr, 3);
		lc_set(c, lc_grade(c, rgb_hex(0x2a2a2e)), 1);
		cairo_move_to(cr, 0, 760); cairo_curve_to(cr, 300, 900, 500, 900, 790, 700); cairo_stroke(cr);
		for (int i = 1; i < 12; i++) {
			double t = i / 12.0, mt = 1 - t;
			double x = mt * mt * mt * 0 + 3 * mt * mt * t * 300 + 3 * mt * t * t * 500 + t * t * t * 790;
			double y = mt * mt * mt * 760 + 3 * mt * mt * t * 900 + 3 * mt * t * t * 900 + t * t * t * 700 + 16;
			struct rgb b = lc_lit(c, rgb_hex(0xffe0a0));
			lc_glow(c, x, y, 60, b, 0.7 * lamp);
			lc_set(c, b, 1);
			cairo_arc(cr, x, y, 9, 0, 2 * M_PI); cairo_fill(cr);
		}
		lc_plant(c, 120, 1420, 300, lc_grade(c, rgb_hex(0xb86a4a)), lc_grade(c, rgb_hex(0x4f8a4a)));
	} else {
		struct rgb rail = lc_grade(c, rgb_hex(0x4a525e));
		lc_fill_rect(c, 960, 1300, 60, 640, rail);
		lc_fill_rect(c, 940, 1290, 100, 24, rgb_scale(rail, 1.2));
		lc_plant(c, 30, 1960, 420, lc_grade(c, rgb_hex(0xa85a3a)), lc_grade(c, rgb_hex(0x3e7a44)));
	}
}

const struct lc_tpl LC_OUTDOOR[] = {
	{ "city_street", city_street, 0 },
	{ "park", park, 0 },
	{ "rooftop", rooftop, 0 },
	{ NULL, NULL, 0 }
};
