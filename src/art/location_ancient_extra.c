/* art/location_ancient_extra.c — more historical settings the story vocabulary asks
 * for: a bamboo forest (竹林, 后山, mountain paths) and an ancient bedchamber (闺房,
 * 寝宫). Same layer contract as location_modern.c. */
#include <math.h>
#include "art/location_int.h"

#define P(k) lc_pal(c, k)

/* One bamboo culm with nodes and a few leaf sprays, from y_base up past the top. */
static void bamboo(const struct lc *c, double x, double y_base, double w, struct rgb v, int leaves, uint64_t seed)
{
	cairo_t *cr = c->cr;
	double lean = (lc_hash(seed, 1) - 0.5) * 60;
	cairo_pattern_t *p = cairo_pattern_create_linear(x - w / 2, 0, x + w / 2, 0);
	cairo_pattern_add_color_stop_rgb(p, 0, v.r * 0.7, v.g * 0.7, v.b * 0.7);
	cairo_pattern_add_color_stop_rgb(p, 0.4, fmin(1, v.r * 1.15), fmin(1, v.g * 1.15), fmin(1, v.b * 1.15));
	cairo_pattern_add_color_stop_rgb(p, 1, v.r * 0.65, v.g * 0.65, v.b * 0.65);
	cairo_move_to(cr, x - w / 2, y_base);
	cairo_line_to(cr, x - w / 2 + lean, -20);
	cairo_line_to(cr, x + w / 2 + lean, -20);
	cairo_line_to(cr, x + w / 2, y_base);
	cairo_close_path(cr);
	cairo_set_source(cr, p);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
	double seg = 150 + 60 * lc_hash(seed, 2);
	for (double y = y_base - seg; y > 0; y -= seg) {
		double k = (y_base - y) / (y_base + 20);
		lc_fill_rect(c, x - w * 0.6 + lean * k, y - 4, w * 1.2, 8, rgb_scale(v, 0.6));
	}
	struct rgb leaf = rgb_mix(v, (struct rgb){ 0.2, 0.45, 0.2 }, 0.4);
	for (int i = 0; i < leaves; i++) {
		double y = y_base * (0.12 + 0.55 * lc_hash(seed, 10 + i));
		double k = (y_base - y) / (y_base + 20), xx = x + lean * k;
		int side = lc_hash(seed, 20 + i) < 0.5 ? -1 : 1;
		for (int j = 0; j < 4; j++) {
			cairo_save(cr);
			cairo_translate(cr, xx + side * w * 0.4, y);
			cairo_rotate(cr, side * (0.35 + j * 0.28));
			cairo_move_to(cr, 0, 0);
			cairo_curve_to(cr, side * 40, -14, side * 110, -10, side * 150, 6);
			cairo_curve_to(cr, side * 100, 8, side * 40, 8, 0, 0);
			lc_set(c, j & 1 ? leaf : rgb_scale(leaf, 0.8), 1);
			cairo_fill(cr);
			cairo_restore(cr);
		}
	}
	if (c->weather == LC_SNOW)
		for (double y = y_base - seg; y > 0; y -= seg) {
			double k = (y_base - y) / (y_base + 20);
			lc_snowcap(c, x - w * 0.6 + lean * k, y - 4, w * 1.2, 8);
		}
}

static void bamboo_forest(struct lc *c)
{
	cairo_t *cr = c->cr;
	double fy = c->fy = 1300;
	if (c->layer == ART_LAYER_BACK) {
		lc_sky(c, 0, 0, LC_W, fy, 1);
		lc_hills(c, fy - 380, 300, 0.75, c->seed ^ 1);
		lc_hills(c, fy - 200, 220, 0.55, c->seed ^ 2);
		/* far bamboo in the mist, then nearer rows */
		for (int row = 0; row < 3; row++) {
			double depth = 0.75 - row * 0.25;
			struct rgb v = lc_haze(c, P("bamboo"), depth);
			for (int i = 0; i < 9; i++) {
				double x = LC_W * (lc_hash(c->seed, 100 + row * 20 + i) * 1.1 - 0.05);
				if (row == 2 && x > 330 && x < 750) continue;   /* keep the path's middle open */
				bamboo(c, x, fy + 20 - row * 10, 18 + row * 8, v, row == 2 ? 2 : 1, c->seed + row * 50 + i);
			}
		}
		/* mist band */
		struct rgb haze = lc_haze(c, P("bamboo"), 1.0);
		cairo_pattern_t *p = cairo_pattern_create_linear(0, fy - 300, 0, fy + 60);
		cairo_pattern_add_color_stop_rgba(p, 0, haze.r, haze.g, haze.b, 0);
		cairo_pattern_add_color_stop_rgba(p, 0.7, haze.r, haze.g, haze.b, 0.55);
		cairo_pattern_add_color_stop_rgba(p, 1, haze.r, haze.g, haze.b, 0.2);
		cairo_rectangle(cr, 0, fy - 300, LC_W, 360);
		cairo_set_source(cr, p);
		cairo_fill(cr);
		cairo_pattern_destroy(p);
		/* forest floor and a stone path */
		struct rgb ground = c->weather == LC_SNOW ? lc_grade(c, rgb_hex(0xeef2f8)) : P("ground");
		lc_vgrad(c, 0, fy, LC_W, LC_H - fy, rgb_scale(ground, 0.85), ground);
		for (int i = 0; i < 9; i++) {
			double k = i / 8.0, y = fy + 30 + (LC_H - fy - 60) * k * k;
			double x = 540 + sin(k * 3 + 1) * 90 * (1 - k) - 40 * k, rx = 40 + 150 * k, ry = 12 + 40 * k;
			lc_set(c, lc_haze(c, P("stone"), 0.3 * (1 - k)), 1);
			cairo_save(cr);
			cairo_translate(cr, x, y);
			cairo_scale(cr, rx, ry);
			cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
			cairo_restore(cr);
			cairo_fill(cr);
		}
		lc_wet_ground(c, fy, LC_H);
	} else if (c->layer == ART_LAYER_MID) {
		/* big culms at both sides and a stone lantern */
		for (int i = 0; i < 3; i++) {
			bamboo(c, 40 + i * 110, 1480, 40 + i * 6, P("bamboo"), 3, c->seed + 300 + i);
			bamboo(c, 1040 - i * 110, 1480, 40 + i * 6, P("bamboo"), 3, c->seed + 400 + i);
		}
		struct rgb stone = lc_grade(c, rgb_hex(0x9a968c));
		lc_shadow(c, 830, 1450, 110, 18, 0.35);
		lc_fill_rect(c, 800, 1300, 60, 150, stone);
		lc_fill_rect(c, 760, 1280, 140, 30, rgb_scale(stone, 0.9));
		lc_fill_rect(c, 780, 1190, 100, 90, stone);
		lc_set(c, rgb_scale(stone, 0.85), 1);
		cairo_move_to(cr, 740, 1195); cairo_line_to(cr, 830, 1130); cairo_line_to(cr, 920, 1195); cairo_close_path(cr);
		cairo_fill(cr);
		double lamp = lc_lamp(c);
		lc_fill_rect(c, 805, 1215, 50, 40, rgb_mix(lc_grade(c, rgb_hex(0x3a3630)), lc_lit(c, rgb_hex(0xffb860)), lamp));
		lc_glow(c, 830, 1235, 200, lc_lit(c, rgb_hex(0xffb860)), 0.5 * lamp);
		if (c->weather == LC_SNOW) lc_snowcap(c, 740, 1150, 180, 16);
	} else {
		/* leaves hanging into the frame, a fern at the bottom */
		struct rgb leaf = rgb_mix(P("bamboo"), (struct rgb){ 0.15, 0.35, 0.15 }, 0.5);
		for (int i = 0; i < 10; i++) {
			cairo_save(cr);
			cairo_translate(cr, 700 + i * 40, -10);
			cairo_rotate(cr, 1.2 + 0.12 * i);
			cairo_move_to(cr, 0, 0);
			cairo_curve_to(cr, 50, -18, 160, -12, 220, 8);
			cairo_curve_to(cr, 150, 12, 50, 12, 0, 0);
			lc_set(c, i & 1 ? leaf : rgb_scale(leaf, 0.75), 1);
			cairo_fill(cr);
			cairo_restore(cr);
		}
		for (int i = 0; i < 9; i++) {
			cairo_save(cr);
			cairo_translate(cr, 80, 1960);
			cairo_rotate(cr, -M_PI / 2 + (i - 4) * 0.22);
			cairo_move_to(cr, 0, 0);
			cairo_curve_to(cr, 80, -30, 220, -20, 300, 10);
			cairo_curve_to(cr, 220, 16, 80, 16, 0, 0);
			lc_set(c, i & 1 ? leaf : rgb_scale(leaf, 0.7), 1);
			cairo_fill(cr);
			cairo_restore(cr);
		}
	}
}

/* ---------------------------------------------------------------- bedchamber */

static void ancient_bedroom(struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_window(c, 90, 420, 300, 300);
	if (c->layer == ART_LAYER_BACK) {
		lc_wall(c, P("wall_top"), P("wall_bot"));
		lc_floor_planks(c, P("floor_a"), P("floor_b"));
		lc_fill_rect(c, 0, 0, LC_W, 80, P("wood"));
		for (int i = 0; i < 4; i++) lc_fill_rect(c, 40 + i * 340, 80, 30, c->fy - 80, rgb_scale(P("wood"), 0.9));
		/* round lattice window */
		struct lc_rect r = c->win[0];
		double cx = r.x + r.w / 2, cy = r.y + r.h / 2, rad = r.w / 2;
		cairo_save(cr);
		cairo_arc(cr, cx, cy, rad, 0, 2 * M_PI);
		cairo_clip(cr);
		lc_sky(c, r.x, r.y, r.w, r.h, 1);
		struct lc o = *c;
		o.indoor = 0;
		lc_tree(&o, cx + 60, r.y + r.h + 60, r.h * 0.9, lc_grade(c, rgb_hex(0x6a9a5a)), lc_grade(c, rgb_hex(0x4a3426)), c->seed);
		cairo_set_line_width(cr, 6);
		lc_set(c, P("wood"), 1);
		for (double g = r.x + 50; g < r.x + r.w; g += 50) { cairo_move_to(cr, g, r.y); cairo_line_to(cr, g, r.y + r.h); }
		for (double g = r.y + 50; g < r.y + r.h; g += 50) { cairo_move_to(cr, r.x, g); cairo_line_to(cr, r.x + r.w, g); }
		cairo_stroke(cr);
		cairo_restore(cr);
		cairo_set_line_width(cr, 22);
		lc_set(c, P("wood"), 1);
		cairo_arc(cr, cx, cy, rad, 0, 2 * M_PI);
		cairo_stroke(cr);
		/* folding screen with a painted landscape at the back right */
		for (int i = 0; i < 4; i++) {
			double x = 600 + i * 105;
			lc_fill_rect(c, x, 640, 100, 560, P("wood"));
			lc_vgrad(c, x + 10, 650, 80, 540, lc_grade(c, rgb_hex(0xf2e8d0)), lc_grade(c, rgb_hex(0xe2d4b4)));
			lc_set(c, lc_grade(c, rgb_hex(0x8a8a80)), 0.7);
			cairo_move_to(cr, x + 10, 1000 - (i % 2) * 80);
			cairo_curve_to(cr, x + 40, 880 - i * 20, x + 60, 920, x + 90, 960 - (i % 2) * 60);
			cairo_line_to(cr, x + 90, 1190); cairo_line_to(cr, x + 10, 1190); cairo_close_path(cr);
			cairo_fill(cr);
		}
		lc_set(c, lc_grade(c, rgb_hex(0xe87aa0)), 0.9);
		for (int i = 0; i < 6; i++) { cairo_arc(cr, 640 + i * 60, 760 + (i % 2) * 30, 12, 0, 2 * M_PI); cairo_fill(cr); }
		lc_glow(c, 540, 900, 800, lc_lit(c, rgb_hex(0xffc070)), 0.2 * lc_lamp(c));
	} else if (c->layer == ART_LAYER_MID) {
		/* canopy bed at the left with gauze curtains */
		struct rgb wood = P("wood"), silk = P("silk");
		lc_shadow(c, 260, 1470, 300, 30, 0.4);
		lc_fill_rect(c, -40, 760, 560, 40, wood);
		lc_fill_rect(c, -20, 800, 24, 660, wood);
		lc_fill_rect(c, 480, 800, 24, 660, wood);
		lc_fill_rect(c, -40, 1240, 560, 220, rgb_scale(wood, 0.9));
		lc_fill_rect(c, -20, 1200, 520, 50, silk);
		lc_set(c, lc_grade(c, rgb_hex(0xf4ece0)), 1);
		lc_rrect(cr, 30, 1150, 160, 60, 24);
		cairo_fill(cr);
		for (int side = 0; side < 2; side++) {   /* gauze, gathered at the posts */
			double x0 = side ? 500 : 4;
			lc_set(c, lc_grade(c, rgb_hex(0xf8eef2)), 0.55);
			cairo_move_to(cr, x0 - 10 + side * 10, 800);
			cairo_line_to(cr, x0 + (side ? -140 : 140), 800);
			cairo_curve_to(cr, x0 + (side ? -60 : 60), 1000, x0 + (side ? -20 : 20), 1100, x0, 1240);
			cairo_close_path(cr);
			cairo_fill(cr);
		}
		lc_fill_rect(c, -40, 800, 560, 60, rgb_scale(silk, 0.9));
		/* dressing table with a bronze mirror and a candle */
		lc_table(c, 880, 1330, 260, 130, wood, rgb_scale(wood, 0.7));
		struct rgb bronze = lc_grade(c, rgb_hex(0xc8a050));
		lc_set(c, bronze, 1);
		cairo_arc(cr, 880, 1200, 70, 0, 2 * M_PI);
		cairo_fill(cr);
		lc_set(c, rgb_mix(bronze, (struct rgb){ 1, 1, 1 }, 0.4), 1);
		cairo_arc(cr, 880, 1200, 56, 0, 2 * M_PI);
		cairo_fill(cr);
		lc_fill_rect(c, 870, 1270, 20, 50, rgb_scale(wood, 0.8));
		double lamp = fmax(lc_lamp(c), 0.2);
		lc_glow(c, 990, 1250, 260, lc_lit(c, rgb_hex(0xffb060)), 0.55 * lamp);
		lc_fill_rect(c, 982, 1262, 16, 50, lc_grade(c, rgb_hex(0xd83a2a)));
		lc_set(c, lc_lit(c, rgb_hex(0xffd070)), 1);
		cairo_move_to(cr, 990, 1228); cairo_curve_to(cr, 1000, 1242, 998, 1260, 990, 1260); cairo_curve_to(cr, 982, 1260, 980, 1242, 990, 1228);
		cairo_fill(cr);
	} else {
		/* bead curtain at the right edge and a tassel at the top left */
		for (int k = 0; k < 4; k++) {
			double x = 1000 + k * 26;
			for (double y = 0; y < 1200 - k * 120; y += 34) {
				lc_set(c, k & 1 ? lc_grade(c, rgb_hex(0xe0b040)) : lc_grade(c, rgb_hex(0xd04a4a)), 1);
				cairo_arc(cr, x, y, 9, 0, 2 * M_PI);
				cairo_fill(cr);
			}
		}
		lc_set(c, P("silk"), 1);
		cairo_move_to(cr, 0, 0); cairo_line_to(cr, 260, 0);
		cairo_curve_to(cr, 180, 120, 80, 200, 0, 420);
		cairo_close_path(cr);
		cairo_fill(cr);
	}
}

const struct lc_tpl LC_ANCIENT_EXTRA[] = {
	{ "bamboo_forest", bamboo_forest, 0 },
	{ "ancient_bedroom", ancient_bedroom, 1 },
	{ NULL, NULL, 0 }
};
