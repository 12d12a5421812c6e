/* art/location_ancient.c — historical Chinese settings: palace hall, cold palace,
 * palace kitchen, tea house (interiors) and courtyard, ancient street (exteriors).
 * Same layer contract as location_modern.c. */
#include <math.h>
#include "art/location_int.h"

#define P(k) lc_pal(c, k)

/* Paper lattice panel; glows warm at night from the lamps behind. */
static void lattice(const struct lc *c, double x, double y, double w, double h, struct rgb wood, int lit)
{
	cairo_t *cr = c->cr;
	struct rgb paper = lc_grade(c, rgb_hex(0xf1e6cc));
	if (lit) paper = rgb_mix(paper, lc_lit(c, rgb_hex(0xffc77a)), 0.7 * lc_lamp(c));
	lc_fill_rect(c, x, y, w, h, paper);
	cairo_set_line_width(cr, fmax(3, w * 0.018));
	lc_set(c, wood, 1);
	double st = fmax(24, w / 7);
	for (double gx = x + st; gx < x + w - 2; gx += st) { cairo_move_to(cr, gx, y); cairo_line_to(cr, gx, y + h); }
	for (double gy = y + st; gy < y + h - 2; gy += st) { cairo_move_to(cr, x, gy); cairo_line_to(cr, x + w, gy); }
	cairo_stroke(cr);
	cairo_set_line_width(cr, fmax(6, w * 0.04));
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
}

static void pillar(const struct lc *c, double x, double y0, double y1, double w, struct rgb v)
{
	cairo_pattern_t *p = cairo_pattern_create_linear(x - w / 2, 0, x + w / 2, 0);
	cairo_pattern_add_color_stop_rgb(p, 0, v.r * 0.6, v.g * 0.6, v.b * 0.6);
	cairo_pattern_add_color_stop_rgb(p, 0.35, fmin(1, v.r * 1.12), fmin(1, v.g * 1.12), fmin(1, v.b * 1.12));
	cairo_pattern_add_color_stop_rgb(p, 1, v.r * 0.55, v.g * 0.55, v.b * 0.55);
	cairo_rectangle(c->cr, x - w / 2, y0, w, y1 - y0);
	cairo_set_source(c->cr, p);
	cairo_fill(c->cr);
	cairo_pattern_destroy(p);
	struct rgb stone = lc_grade(c, rgb_hex(0xb8b0a0));
	lc_fill_rect(c, x - w * 0.65, y1 - w * 0.3, w * 1.3, w * 0.3, stone);
}

/* Painted beam band (caihua) across the top. */
static void beams(const struct lc *c, double y, double h)
{
	lc_fill_rect(c, 0, y, LC_W, h, P("beam"));
	cairo_t *cr = c->cr;
	struct rgb teal = P("beam_paint"), gold = lc_grade(c, rgb_hex(0xd9a93a));
	for (double x = 0; x < LC_W; x += 180) {
		lc_set(c, teal, 1);
		lc_rrect(cr, x + 20, y + h * 0.18, 140, h * 0.64, h * 0.3);
		cairo_fill(cr);
		lc_set(c, gold, 1);
		cairo_arc(cr, x + 90, y + h / 2, h * 0.18, 0, 2 * M_PI);
		cairo_fill(cr);
	}
	lc_fill_rect(c, 0, y + h - 8, LC_W, 8, gold);
}

static void stone_floor(struct lc *c)
{
	lc_floor_tiles(c, P("floor_a"), P("floor_b"), 6);
}

static void plaque(const struct lc *c, double x, double y, double w, double h)
{
	cairo_t *cr = c->cr;
	struct rgb gold = lc_grade(c, rgb_hex(0xe0b040));
	lc_set(c, gold, 1);
	lc_rrect(cr, x - w / 2 - 12, y - h / 2 - 12, w + 24, h + 24, 8);
	cairo_fill(cr);
	lc_fill_rect(c, x - w / 2, y - h / 2, w, h, P("plaque"));
	lc_text(c, c->sign, x, y, h * 0.55, gold, "Noto Serif CJK SC", 1, w * 0.9);
}

static void palace_lamp(const struct lc *c, double x, double y, double s)
{
	cairo_t *cr = c->cr;
	double lamp = lc_lamp(c);
	struct rgb glow = lc_lit(c, rgb_hex(0xffcf80));
	lc_glow(c, x, y, s * 3.5, glow, 0.25 + 0.45 * lamp);
	cairo_set_line_width(cr, 3);
	lc_set(c, lc_grade(c, rgb_hex(0x5a3a20)), 1);
	cairo_move_to(cr, x, 0); cairo_line_to(cr, x, y - s); cairo_stroke(cr);
	/* hexagonal palace lantern */
	lc_set(c, rgb_mix(lc_grade(c, rgb_hex(0xf4e2b0)), glow, 0.3 + 0.5 * lamp), 1);
	cairo_rectangle(cr, x - s * 0.6, y - s * 0.8, s * 1.2, s * 1.6);
	cairo_fill(cr);
	lc_set(c, lc_grade(c, rgb_hex(0x7a2a1a)), 1);
	cairo_rectangle(cr, x - s * 0.75, y - s, s * 1.5, s * 0.22);
	cairo_rectangle(cr, x - s * 0.75, y + s * 0.78, s * 1.5, s * 0.22);
	cairo_rectangle(cr, x - s * 0.05, y - s * 0.8, s * 0.1, s * 1.6);
	cairo_fill(cr);
	lc_set(c, lc_grade(c, rgb_hex(0xc0302a)), 1);
	cairo_move_to(cr, x - s * 0.1, y + s);
	cairo_line_to(cr, x + s * 0.1, y + s);
	cairo_line_to(cr, x + s * 0.15, y + s * 1.8);
	cairo_line_to(cr, x - s * 0.15, y + s * 1.8);
	cairo_fill(cr);
}

static void drape_top(const struct lc *c, struct rgb v)
{
	cairo_t *cr = c->cr;
	for (int side = 0; side < 2; side++) {
		double x0 = side ? LC_W : 0, d = side ? -1 : 1;
		cairo_move_to(cr, x0, 0);
		cairo_line_to(cr, x0 + d * 300, 0);
		cairo_curve_to(cr, x0 + d * 220, 100, x0 + d * 120, 180, x0 + d * 60, 520);
		cairo_curve_to(cr, x0 + d * 40, 700, x0 + d * 20, 900, x0, 1100);
		cairo_close_path(cr);
		cairo_pattern_t *p = cairo_pattern_create_linear(x0, 0, x0 + d * 300, 0);
		cairo_pattern_add_color_stop_rgb(p, 0, v.r * 0.6, v.g * 0.6, v.b * 0.6);
		cairo_pattern_add_color_stop_rgb(p, 0.5, v.r, v.g, v.b);
		cairo_pattern_add_color_stop_rgb(p, 1, v.r * 0.8, v.g * 0.8, v.b * 0.8);
		cairo_set_source(cr, p);
		cairo_fill(cr);
		cairo_pattern_destroy(p);
		/* tassel */
		lc_set(c, lc_grade(c, rgb_hex(0xe0b040)), 1);
		cairo_arc(cr, x0 + d * 70, 540, 16, 0, 2 * M_PI);
		cairo_fill(cr);
		cairo_move_to(cr, x0 + d * 60, 550); cairo_line_to(cr, x0 + d * 80, 550);
		cairo_line_to(cr, x0 + d * 90, 660); cairo_line_to(cr, x0 + d * 50, 660);
		cairo_fill(cr);
	}
}

/* ---------------------------------------------------------------- palace hall */

static void palace_hall(struct lc *c)
{
	cairo_t *cr = c->cr;
	if (c->layer == ART_LAYER_BACK) {
		lc_wall(c, P("wall_top"), P("wall_bot"));
		stone_floor(c);
		beams(c, 0, 120);
		/* lattice screens across the back wall */
		for (int i = 0; i < 4; i++) lattice(c, 20 + i * 270, 420, 230, 760, P("beam"), 1);
		/* golden screen behind the throne */
		lc_vgrad(c, 300, 520, 480, 700, lc_grade(c, rgb_hex(0xe8c060)), lc_grade(c, rgb_hex(0xb88830)));
		cairo_set_line_width(cr, 4);
		lc_set(c, lc_grade(c, rgb_hex(0x8a5a18)), 0.7);
		for (int i = 1; i < 5; i++) { cairo_move_to(cr, 300 + i * 96, 520); cairo_line_to(cr, 300 + i * 96, 1220); }
		cairo_stroke(cr);
		/* dragon-ish cloud swirls on the screen */
		for (int i = 0; i < 5; i++) {
			cairo_arc(cr, 348 + i * 96, 800 + (i & 1) * 120, 30, 0, 1.6 * M_PI);
			cairo_stroke(cr);
		}
		plaque(c, 540, 290, 420, 130);
		/* dais steps */
		for (int k = 0; k < 3; k++)
			lc_fill_rect(c, 240 - k * 50, 1220 + k * 40, 600 + k * 100, 40, lc_grade(c, rgb_hex(k & 1 ? 0xcfc6b4 : 0xb9b09e)));
		/* red carpet runner */
		lc_set(c, P("carpet"), 1);
		cairo_move_to(cr, 440, 1340); cairo_line_to(cr, 640, 1340); cairo_line_to(cr, 860, LC_H); cairo_line_to(cr, 220, LC_H);
		cairo_close_path(cr); cairo_fill(cr);
		lc_set(c, lc_grade(c, rgb_hex(0xe0b040)), 1);
		cairo_set_line_width(cr, 8);
		cairo_move_to(cr, 455, 1340); cairo_line_to(cr, 250, LC_H);
		cairo_move_to(cr, 625, 1340); cairo_line_to(cr, 830, LC_H);
		cairo_stroke(cr);
		lc_glow(c, 540, 900, 800, lc_lit(c, rgb_hex(0xffcf80)), 0.18 * lc_lamp(c));
	} else if (c->layer == ART_LAYER_MID) {
		/* throne */
		struct rgb gold = lc_grade(c, rgb_hex(0xd9a93a));
		lc_set(c, gold, 1);
		lc_rrect(cr, 440, 1000, 200, 230, 24); cairo_fill(cr);
		lc_set(c, P("carpet"), 1);
		lc_rrect(cr, 470, 1040, 140, 150, 14); cairo_fill(cr);
		lc_set(c, gold, 1);
		lc_rrect(cr, 410, 1140, 260, 40, 10); cairo_fill(cr);
		lc_fill_rect(c, 420, 1180, 240, 40, rgb_scale(gold, 0.8));
		/* incense tripods */
		for (int i = 0; i < 2; i++) {
			double x = i ? 850 : 230;
			struct rgb bronze = lc_grade(c, rgb_hex(0x7a6a3a));
			lc_set(c, bronze, 1);
			cairo_save(cr); cairo_translate(cr, x, 1290); cairo_scale(cr, 1, 0.7);
			cairo_arc(cr, 0, 0, 60, 0, M_PI); cairo_restore(cr); cairo_fill(cr);
			lc_fill_rect(c, x - 70, 1280, 140, 14, bronze);
			lc_fill_rect(c, x - 50, 1320, 10, 60, bronze);
			lc_fill_rect(c, x + 40, 1320, 10, 60, bronze);
			cairo_set_line_width(cr, 6);
			cairo_set_source_rgba(cr, 0.9, 0.9, 0.92, 0.3);
			cairo_move_to(cr, x, 1270);
			cairo_curve_to(cr, x - 30, 1200, x + 30, 1150, x - 10, 1060);
			cairo_stroke(cr);
		}
		/* great pillars at the sides */
		pillar(c, 60, 0, 1460, 150, P("pillar"));
		pillar(c, 1020, 0, 1460, 150, P("pillar"));
		palace_lamp(c, 250, 520, 55);
		palace_lamp(c, 830, 520, 55);
	} else {
		drape_top(c, P("drape"));
	}
}

/* ---------------------------------------------------------------- cold palace */

static void cobweb(const struct lc *c, double x, double y, double r, int dir)
{
	cairo_t *cr = c->cr;
	cairo_set_line_width(cr, 2);
	cairo_set_source_rgba(cr, 0.92, 0.92, 0.95, c->time == LC_NIGHT ? 0.3 : 0.45);
	for (int k = 0; k <= 5; k++) {
		double a = k * M_PI / 10;
		cairo_move_to(cr, x, y);
		cairo_line_to(cr, x + dir * cos(a) * r, y + sin(a) * r);
	}
	for (int ring = 1; ring <= 4; ring++) {
		double rr = r * ring / 4.5;
		cairo_move_to(cr, x + dir * rr, y);
		for (int k = 1; k <= 5; k++) {
			double a = k * M_PI / 10;
			cairo_line_to(cr, x + dir * cos(a) * rr * 0.92, y + sin(a) * rr * 0.92);
		}
	}
	cairo_stroke(cr);
}

static void cold_palace(struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_window(c, 560, 420, 380, 460);
	if (c->layer == ART_LAYER_BACK) {
		lc_wall(c, P("wall_top"), P("wall_bot"));
		stone_floor(c);
		lc_fill_rect(c, 0, 0, LC_W, 100, P("beam"));
		/* cracked, peeling plaster */
		cairo_set_line_width(cr, 3);
		lc_set(c, rgb_scale(P("wall_bot"), 0.6), 0.8);
		cairo_move_to(cr, 120, 300); cairo_line_to(cr, 160, 420); cairo_line_to(cr, 140, 520); cairo_line_to(cr, 190, 640);
		cairo_move_to(cr, 160, 420); cairo_line_to(cr, 230, 470);
		cairo_move_to(cr, 980, 1000); cairo_line_to(cr, 940, 1120); cairo_line_to(cr, 960, 1220);
		cairo_stroke(cr);
		lc_set(c, rgb_scale(P("wall_bot"), 0.8), 1);
		cairo_move_to(cr, 300, 1000); cairo_curve_to(cr, 360, 960, 420, 1010, 400, 1080); cairo_curve_to(cr, 340, 1100, 300, 1060, 300, 1000);
		cairo_fill(cr);
		/* broken lattice window with moonlight */
		lc_draw_window(c, 0, P("beam"), 1, 1, 0);
		cairo_set_line_width(cr, 10);
		lc_set(c, P("beam"), 1);
		for (int i = 1; i < 5; i++) { cairo_move_to(cr, 560 + i * 76, 420); cairo_line_to(cr, 560 + i * 76, 420 + (i == 3 ? 200 : 460)); }
		for (int i = 1; i < 5; i++) { cairo_move_to(cr, 560, 420 + i * 92); cairo_line_to(cr, i == 2 ? 760 : 940, 420 + i * 92); }
		cairo_stroke(cr);
		cairo_set_line_width(cr, 6);
		lc_set(c, lc_grade(c, rgb_hex(0x2a2420)), 1);
		cairo_move_to(cr, 640, 920); cairo_curve_to(cr, 700, 700, 760, 640, 900, 560);
		cairo_move_to(cr, 760, 640); cairo_line_to(cr, 820, 700);
		cairo_stroke(cr);
		/* light shaft */
		struct rgb beam = c->time == LC_NIGHT ? lc_lit(c, rgb_hex(0x9fb4ff)) : lc_lit(c, rgb_hex(0xfff2d0));
		cairo_pattern_t *p = cairo_pattern_create_linear(750, 650, 450, 1600);
		cairo_pattern_add_color_stop_rgba(p, 0, beam.r, beam.g, beam.b, 0.28);
		cairo_pattern_add_color_stop_rgba(p, 1, beam.r, beam.g, beam.b, 0.0);
		cairo_move_to(cr, 560, 880); cairo_line_to(cr, 940, 880); cairo_line_to(cr, 760, 1650); cairo_line_to(cr, 200, 1650);
		cairo_close_path(cr); cairo_set_source(cr, p); cairo_fill(cr);
		cairo_pattern_destroy(p);
		plaque(c, 300, 240, 300, 100);
		cobweb(c, 0, 100, 220, 1);
		cobweb(c, LC_W, 100, 180, -1);
		/* straw mat */
		lc_set(c, lc_grade(c, rgb_hex(0xa89060)), 1);
		cairo_move_to(cr, 100, 1500); cairo_line_to(cr, 420, 1500); cairo_line_to(cr, 460, 1640); cairo_line_to(cr, 40, 1640);
		cairo_close_path(cr); cairo_fill(cr);
	} else if (c->layer == ART_LAYER_MID) {
		/* low table with a single candle, a chipped bowl */
		lc_table(c, 800, 1400, 300, 110, P("beam"), rgb_scale(P("beam"), 0.7));
		double lamp = fmax(lc_lamp(c), 0.3);
		lc_glow(c, 860, 1300, 340, lc_lit(c, rgb_hex(0xffb060)), 0.5 * lamp);
		lc_fill_rect(c, 850, 1320, 20, 60, lc_grade(c, rgb_hex(0xeee6d0)));
		lc_set(c, lc_lit(c, rgb_hex(0xffd070)), 1);
		cairo_move_to(cr, 860, 1290); cairo_curve_to(cr, 872, 1305, 868, 1320, 860, 1320); cairo_curve_to(cr, 852, 1320, 848, 1305, 860, 1290);
		cairo_fill(cr);
		lc_set(c, lc_grade(c, rgb_hex(0xd8d4c8)), 1);
		cairo_arc(cr, 740, 1370, 40, 0, M_PI); cairo_fill(cr);
		/* dead potted plant */
		lc_fill_rect(c, 120, 1300, 120, 100, lc_grade(c, rgb_hex(0x6a5a4a)));
		cairo_set_line_width(cr, 5);
		lc_set(c, lc_grade(c, rgb_hex(0x4a3a2a)), 1);
		cairo_move_to(cr, 180, 1300); cairo_line_to(cr, 170, 1180); cairo_line_to(cr, 130, 1120);
		cairo_move_to(cr, 172, 1200); cairo_line_to(cr, 220, 1140);
		cairo_stroke(cr);
		pillar(c, 40, 0, 1480, 120, P("pillar"));
	} else {
		/* torn, faded curtain at the right */
		struct rgb v = P("drape");
		cairo_move_to(cr, LC_W, 0); cairo_line_to(cr, LC_W - 260, 0);
		cairo_curve_to(cr, LC_W - 200, 400, LC_W - 240, 800, LC_W - 150, 1100);
		cairo_line_to(cr, LC_W - 170, 1180); cairo_line_to(cr, LC_W - 110, 1150); cairo_line_to(cr, LC_W - 120, 1260);
		cairo_line_to(cr, LC_W - 60, 1220); cairo_line_to(cr, LC_W, 1300);
		cairo_close_path(cr);
		lc_set(c, v, 0.92);
		cairo_fill(cr);
	}
}

/* ---------------------------------------------------------------- palace kitchen */

static void jar(const struct lc *c, double x, double yb, double s, struct rgb v)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, x, yb, s * 0.55, s * 0.1, 0.3);
	cairo_move_to(cr, x - s * 0.2, yb - s);
	cairo_curve_to(cr, x - s * 0.6, yb - s * 0.8, x - s * 0.55, yb - s * 0.1, x - s * 0.3, yb);
	cairo_line_to(cr, x + s * 0.3, yb);
	cairo_curve_to(cr, x + s * 0.55, yb - s * 0.1, x + s * 0.6, yb - s * 0.8, x + s * 0.2, yb - s);
	cairo_close_path(cr);
	lc_set(c, v, 1);
	cairo_fill(cr);
	lc_fill_rect(c, x - s * 0.24, yb - s * 1.08, s * 0.48, s * 0.1, rgb_scale(v, 0.7));
	cairo_set_source_rgba(cr, 1, 1, 1, 0.18);
	cairo_arc(cr, x - s * 0.2, yb - s * 0.6, s * 0.12, 0, 2 * M_PI);
	cairo_fill(cr);
}

static void palace_kitchen(struct lc *c)
{
	cairo_t *cr = c->cr;
	if (c->layer == ART_LAYER_BACK) {
		lc_wall(c, P("wall_top"), P("wall_bot"));
		lc_floor_tiles(c, P("floor_a"), P("floor_b"), 7);
		lc_fill_rect(c, 0, 0, LC_W, 90, P("beam"));
		for (int i = 0; i < 4; i++) lc_fill_rect(c, 60 + i * 300, 90, 40, 1260, rgb_scale(P("beam"), 0.9));
		lattice(c, 130, 360, 320, 300, P("beam"), 0);
		plaque(c, 740, 250, 340, 100);
		/* shelves with jars */
		for (int r = 0; r < 2; r++) {
			lc_fill_rect(c, 620, 560 + r * 220, 420, 18, P("beam"));
			for (int i = 0; i < 4; i++) jar(c, 670 + i * 105, 560 + r * 220, 80 + (i % 2) * 20,
			                                lc_grade(c, rgb_hex(i % 3 == 0 ? 0x6a4a3a : i % 3 == 1 ? 0x3a5a6a : 0x8a6a40)));
		}
		/* hanging garlic and peppers */
		cairo_set_line_width(cr, 3);
		for (int i = 0; i < 4; i++) {
			double x = 150 + i * 90;
			lc_set(c, lc_grade(c, rgb_hex(0x6a5030)), 1);
			cairo_move_to(cr, x, 90); cairo_line_to(cr, x, 260); cairo_stroke(cr);
			for (int k = 0; k < 4; k++) {
				lc_set(c, lc_grade(c, rgb_hex(i & 1 ? 0xc8302a : 0xf0e8d8)), 1);
				cairo_save(cr); cairo_translate(cr, x + (k & 1 ? 10 : -10), 200 + k * 28); cairo_scale(cr, 1, i & 1 ? 1.8 : 1);
				cairo_arc(cr, 0, 0, 12, 0, 2 * M_PI); cairo_restore(cr); cairo_fill(cr);
			}
		}
	} else if (c->layer == ART_LAYER_MID) {
		/* brick stove with wok and steam */
		struct rgb brick = P("stove");
		lc_shadow(c, 330, 1430, 300, 30, 0.4);
		lc_fill_rect(c, 60, 1080, 540, 350, brick);
		cairo_set_line_width(cr, 3);
		lc_set(c, rgb_scale(brick, 0.75), 1);
		for (double y = 1110; y < 1430; y += 36) { cairo_move_to(cr, 60, y); cairo_line_to(cr, 600, y); }
		cairo_stroke(cr);
		lc_fill_rect(c, 40, 1060, 580, 30, rgb_scale(brick, 0.85));
		/* fire mouth */
		double fire = 0.6 + 0.4 * lc_lamp(c);
		lc_set(c, lc_grade(c, rgb_hex(0x1e1410)), 1);
		cairo_arc(cr, 330, 1380, 70, M_PI, 2 * M_PI); cairo_fill(cr);
		lc_glow(c, 330, 1360, 160, lc_lit(c, rgb_hex(0xff8a30)), 0.7 * fire);
		lc_set(c, lc_grade(c, rgb_hex(0x2a2a2e)), 1);
		cairo_save(cr); cairo_translate(cr, 330, 1060); cairo_scale(cr, 1, 0.28);
		cairo_arc(cr, 0, 0, 170, 0, M_PI); cairo_restore(cr); cairo_fill(cr);
		cairo_set_line_width(cr, 14);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.25);
		for (int i = 0; i < 3; i++) {
			cairo_move_to(cr, 260 + i * 60, 1040);
			cairo_curve_to(cr, 230 + i * 60, 960, 300 + i * 60, 900, 260 + i * 60, 800);
		}
		cairo_stroke(cr);
		/* work table with vegetables */
		lc_table(c, 850, 1300, 340, 160, P("beam"), rgb_scale(P("beam"), 0.7));
		lc_set(c, lc_grade(c, rgb_hex(0x5aa048)), 1);
		cairo_arc(cr, 800, 1260, 40, 0, 2 * M_PI); cairo_fill(cr);
		lc_set(c, lc_grade(c, rgb_hex(0xe87a30)), 1);
		cairo_save(cr); cairo_translate(cr, 900, 1268); cairo_rotate(cr, 0.3); cairo_scale(cr, 2.2, 0.6);
		cairo_arc(cr, 0, 0, 24, 0, 2 * M_PI); cairo_restore(cr); cairo_fill(cr);
		jar(c, 1000, 1450, 150, lc_grade(c, rgb_hex(0x5a4030)));
	} else {
		/* chopping board with a cleaver, firewood at the left */
		lc_set(c, lc_grade(c, rgb_hex(0xc8a070)), 1);
		lc_rrect(cr, 700, 1780, 420, 160, 20); cairo_fill(cr);
		lc_set(c, lc_grade(c, rgb_hex(0xa8acb0)), 1);
		cairo_rectangle(cr, 820, 1730, 150, 80); cairo_fill(cr);
		lc_fill_rect(c, 970, 1755, 100, 30, lc_grade(c, rgb_hex(0x4a3020)));
		for (int i = 0; i < 5; i++) {
			lc_set(c, lc_grade(c, rgb_hex(0x7a5232)), 1);
			cairo_save(cr); cairo_translate(cr, 60 + (i % 3) * 90, 1860 - (i / 3) * 70);
			cairo_scale(cr, 1.9, 1); cairo_arc(cr, 0, 0, 40, 0, 2 * M_PI); cairo_restore(cr); cairo_fill(cr);
			lc_set(c, lc_grade(c, rgb_hex(0xd8b888)), 1);
			cairo_arc(cr, 60 + (i % 3) * 90 + 60, 1860 - (i / 3) * 70, 30, 0, 2 * M_PI); cairo_fill(cr);
		}
	}
}

/* ---------------------------------------------------------------- tea house */

static void tea_set(const struct lc *c, double x, double yb, double s)
{
	cairo_t *cr = c->cr;
	struct rgb clay = lc_grade(c, rgb_hex(0x8a4a30)), cel = lc_grade(c, rgb_hex(0xbcd8c8));
	lc_set(c, clay, 1);
	cairo_save(cr); cairo_translate(cr, x, yb - s * 0.4); cairo_scale(cr, 1, 0.8);
	cairo_arc(cr, 0, 0, s * 0.45, 0, 2 * M_PI); cairo_restore(cr); cairo_fill(cr);
	cairo_set_line_width(cr, s * 0.1);
	cairo_move_to(cr, x + s * 0.4, yb - s * 0.45); cairo_line_to(cr, x + s * 0.75, yb - s * 0.7); cairo_stroke(cr);
	cairo_arc(cr, x - s * 0.45, yb - s * 0.4, s * 0.2, M_PI * 0.5, M_PI * 1.5); cairo_stroke(cr);
	lc_fill_rect(c, x - s * 0.1, yb - s * 0.85, s * 0.2, s * 0.12, clay);
	for (int i = 0; i < 2; i++) {
		lc_set(c, cel, 1);
		cairo_move_to(cr, x + s * (1.0 + i * 0.5) - s * 0.18, yb - s * 0.3);
		cairo_line_to(cr, x + s * (1.0 + i * 0.5) + s * 0.18, yb - s * 0.3);
		cairo_line_to(cr, x + s * (1.0 + i * 0.5) + s * 0.1, yb);
		cairo_line_to(cr, x + s * (1.0 + i * 0.5) - s * 0.1, yb);
		cairo_fill(cr);
	}
}

static void tea_house(struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_window(c, 600, 420, 380, 380);
	if (c->layer == ART_LAYER_BACK) {
		lc_wall(c, P("wall_top"), P("wall_bot"));
		lc_floor_planks(c, P("floor_a"), P("floor_b"));
		beams(c, 0, 90);
		/* moon window onto a garden */
		struct lc_rect r = c->win[0];
		cairo_save(cr);
		cairo_arc(cr, r.x + r.w / 2, r.y + r.h / 2, r.w / 2, 0, 2 * M_PI);
		cairo_clip(cr);
		lc_sky(c, r.x, r.y, r.w, r.h, 1);
		struct lc o = *c; o.indoor = 0;
		lc_hills(&o, r.y + r.h * 0.8, r.h * 0.3, 0.5, c->seed);
		lc_tree(&o, r.x + r.w * 0.7, r.y + r.h + 30, r.h * 0.8, lc_grade(c, rgb_hex(0x6a9a5a)), lc_grade(c, rgb_hex(0x4a3426)), c->seed);
		cairo_restore(cr);
		cairo_set_line_width(cr, 26);
		lc_set(c, P("beam"), 1);
		cairo_arc(cr, r.x + r.w / 2, r.y + r.h / 2, r.w / 2, 0, 2 * M_PI);
		cairo_stroke(cr);
		plaque(c, 330, 260, 400, 120);
		/* calligraphy scroll */
		lc_fill_rect(c, 190, 440, 180, 560, lc_grade(c, rgb_hex(0xf4ecd8)));
		lc_fill_rect(c, 180, 430, 200, 16, P("beam"));
		lc_fill_rect(c, 180, 996, 200, 16, P("beam"));
		lc_text_vertical(c, "茶禅一味", 280, 720, 86, lc_grade(c, rgb_hex(0x2a2420)), "Noto Serif CJK SC");
		lc_fill_rect(c, 0, 1080, LC_W, 10, P("beam"));
		for (int i = 0; i < 6; i++) lattice(c, 10 + i * 180, 1100, 160, c->fy - 1110, P("beam"), 1);
	} else if (c->layer == ART_LAYER_MID) {
		lc_table(c, 850, 1380, 320, 150, P("beam"), rgb_scale(P("beam"), 0.7));
		tea_set(c, 780, 1370, 60);
		lc_chair(c, 1010, 1560, 210, P("beam"), -1);
		lc_table(c, 190, 1400, 280, 150, P("beam"), rgb_scale(P("beam"), 0.7));
		tea_set(c, 130, 1390, 50);
		lc_lantern(c, 300, 420, 50, lc_grade(c, rgb_hex(0xc83a2a)));
		lc_lantern(c, 780, 330, 50, lc_grade(c, rgb_hex(0xc83a2a)));
	} else {
		lc_set(c, P("beam"), 1);
		lc_rrect(cr, 640, 1800, 480, 150, 10); cairo_fill(cr);
		tea_set(c, 800, 1810, 120);
		pillar(c, 30, 0, 1920, 110, P("pillar"));
	}
}

/* ---------------------------------------------------------------- exteriors */

static void facade(const struct lc *c, double x, double yb, double w, double h, double depth, int idx, int door)
{
	struct rgb wall = lc_haze(c, P("facade"), depth), wood = lc_haze(c, P("beam"), depth);
	lc_fill_rect(c, x, yb - h, w, h, wall);
	/* shuttered shop front with paper lattice */
	double pw = w * 0.8, ph = h * 0.5;
	lattice(c, x + (w - pw) / 2, yb - ph - 10, pw, ph, wood, 1);
	if (door) lc_fill_rect(c, x + w * 0.38, yb - ph - 10, w * 0.24, ph + 10, rgb_scale(wood, 0.8));
	lc_fill_rect(c, x, yb - h, w * 0.06, h, wood);
	lc_fill_rect(c, x + w * 0.94, yb - h, w * 0.06, h, wood);
	lc_roof(c, x - w * 0.04, yb - h - h * 0.3, w * 1.08, h * 0.32, lc_haze(c, P("roof"), depth), wood);
	(void)idx;
}

static void shop_flag(const struct lc *c, double x, double y, double h, const char *txt, struct rgb v)
{
	cairo_t *cr = c->cr;
	lc_fill_rect(c, x - 4, y - 20, 8, h + 40, lc_grade(c, rgb_hex(0x4a3020)));
	double w = h * 0.28;
	cairo_move_to(cr, x + 4, y); cairo_line_to(cr, x + 4 + w, y); cairo_line_to(cr, x + 4 + w, y + h);
	cairo_line_to(cr, x + 4 + w / 2, y + h * 0.92); cairo_line_to(cr, x + 4, y + h);
	cairo_close_path(cr);
	lc_set(c, v, 1);
	cairo_fill(cr);
	lc_text_vertical(c, txt, x + 4 + w / 2, y + h * 0.45, w * 0.62, lc_grade(c, rgb_hex(0x2a1a10)), "Noto Serif CJK SC");
}

static void ancient_street(struct lc *c)
{
	cairo_t *cr = c->cr;
	double fy = c->fy = 1240;
	if (c->layer == ART_LAYER_BACK) {
		lc_sky(c, 0, 0, LC_W, fy, 1);
		lc_hills(c, fy - 260, 240, 0.65, c->seed);
		/* gate tower (pailou) at the end of the street */
		struct rgb red = lc_haze(c, P("pillar"), 0.45), roof = lc_haze(c, P("roof"), 0.45);
		lc_fill_rect(c, 430, fy - 330, 22, 330, red);
		lc_fill_rect(c, 628, fy - 330, 22, 330, red);
		lc_fill_rect(c, 420, fy - 300, 240, 40, red);
		lc_roof(c, 400, fy - 400, 280, 80, roof, red);
		/* far facades */
		facade(c, 250, fy, 190, 300, 0.35, 0, 0);
		facade(c, 640, fy, 190, 300, 0.35, 1, 0);
		/* street: stone paving in perspective */
		lc_floor_tiles(c, P("floor_a"), P("floor_b"), 8);
		if (c->weather == LC_SNOW) {
			cairo_set_source_rgba(cr, 0.95, 0.96, 1.0, c->time == LC_NIGHT ? 0.35 : 0.7);
			cairo_rectangle(cr, 0, fy, LC_W, LC_H - fy);
			cairo_fill(cr);
		}
		lc_wet_ground(c, fy, LC_H);
	} else if (c->layer == ART_LAYER_MID) {
		/* near facades on both sides, stepping toward the camera */
		facade(c, -140, 1420, 420, 760, 0.08, 2, 1);
		facade(c, 800, 1420, 420, 760, 0.08, 3, 1);
		lc_fill_rect(c, -140, 1420, 420, 24, lc_grade(c, rgb_hex(0x8a8478)));
		lc_fill_rect(c, 800, 1420, 420, 24, lc_grade(c, rgb_hex(0x8a8478)));
		shop_flag(c, 300, 700, 420, c->sign, P("flag"));
		shop_flag(c, 770, 760, 380, "茶", lc_grade(c, rgb_hex(0xe8d8b0)));
		/* a string of lanterns across the street */
		cairo_set_line_width(cr, 3);
		lc_set(c, lc_grade(c, rgb_hex(0x3a2a1a)), 1);
		cairo_move_to(cr, 260, 600); cairo_curve_to(cr, 440, 700, 640, 700, 820, 600); cairo_stroke(cr);
		for (int i = 0; i < 4; i++) {
			double tt = (i + 0.5) / 4.0, x = 260 + tt * 560, y = 600 + 4 * tt * (1 - tt) * 75 + 70;
			lc_lantern(c, x, y, 30, lc_grade(c, rgb_hex(0xd03a2a)));
		}
	} else {
		lc_lantern(c, 110, 360, 80, lc_grade(c, rgb_hex(0xd03a2a)));
		/* vendor's basket at the bottom right */
		lc_set(c, lc_grade(c, rgb_hex(0xb08850)), 1);
		cairo_save(cr); cairo_translate(cr, 960, 1880); cairo_scale(cr, 1, 0.45);
		cairo_arc(cr, 0, 0, 200, M_PI, 2 * M_PI); cairo_restore(cr); cairo_fill(cr);
		lc_fill_rect(c, 760, 1880, 400, 60, lc_grade(c, rgb_hex(0x9a7440)));
		for (int i = 0; i < 4; i++) {
			lc_set(c, lc_grade(c, rgb_hex(i & 1 ? 0xe8a040 : 0xd85a3a)), 1);
			cairo_arc(cr, 840 + i * 70, 1850 - (i & 1) * 20, 38, 0, 2 * M_PI); cairo_fill(cr);
		}
	}
}

static void courtyard(struct lc *c)
{
	cairo_t *cr = c->cr;
	double fy = c->fy = 1300;
	if (c->layer == ART_LAYER_BACK) {
		lc_sky(c, 0, 0, LC_W, fy, 1);
		lc_tree(c, 880, fy - 420, 600, lc_grade(c, rgb_hex(0x5e8a56)), lc_grade(c, rgb_hex(0x4a3426)), c->seed ^ 5);
		/* main hall across the back */
		struct rgb wall = P("facade"), wood = P("pillar");
		lc_fill_rect(c, 80, fy - 560, 920, 560, wall);
		for (int i = 0; i < 5; i++) lattice(c, 130 + i * 170, fy - 470, 140, 400, P("beam"), 1);
		for (int i = 0; i < 6; i++) lc_fill_rect(c, 100 + i * 170, fy - 560, 28, 560, wood);
		lc_roof(c, 20, fy - 830, 1040, 280, P("roof"), wood);
		plaque(c, 540, fy - 620, 300, 80);
		/* grey courtyard walls with a moon gate at the left */
		lc_fill_rect(c, 0, fy - 300, 180, 300, lc_grade(c, rgb_hex(0xcfcac0)));
		lc_set(c, lc_grade(c, rgb_hex(0x6a6a6e)), 1);
		cairo_rectangle(cr, 0, fy - 330, 200, 34);
		cairo_fill(cr);
		/* steps and paving */
		lc_floor_tiles(c, P("floor_a"), P("floor_b"), 7);
		lc_fill_rect(c, 60, fy - 10, 960, 30, lc_grade(c, rgb_hex(0xb8b2a6)));
		if (c->weather == LC_SNOW) {
			cairo_set_source_rgba(cr, 0.95, 0.96, 1.0, c->time == LC_NIGHT ? 0.35 : 0.7);
			cairo_rectangle(cr, 0, fy, LC_W, LC_H - fy);
			cairo_fill(cr);
		}
		lc_wet_ground(c, fy, LC_H);
	} else if (c->layer == ART_LAYER_MID) {
		/* stone table and stools at the right, plum tree at the left */
		struct rgb stone = lc_grade(c, rgb_hex(0xa8a49a));
		lc_shadow(c, 880, 1470, 170, 24, 0.35);
		lc_fill_rect(c, 850, 1360, 60, 110, stone);
		lc_set(c, stone, 1);
		cairo_save(cr); cairo_translate(cr, 880, 1350); cairo_scale(cr, 1, 0.3);
		cairo_arc(cr, 0, 0, 140, 0, 2 * M_PI); cairo_restore(cr); cairo_fill(cr);
		for (int i = 0; i < 2; i++) {
			lc_set(c, rgb_scale(stone, 0.9), 1);
			lc_rrect(cr, 700 + i * 300 - 35, 1400, 70, 80, 20); cairo_fill(cr);
		}
		tea_set(c, 860, 1340, 36);
		/* plum tree */
		cairo_set_line_width(cr, 26);
		lc_set(c, lc_grade(c, rgb_hex(0x3a2a22)), 1);
		cairo_move_to(cr, 150, 1480);
		cairo_curve_to(cr, 120, 1300, 220, 1160, 170, 980);
		cairo_curve_to(cr, 140, 880, 230, 800, 330, 760);
		cairo_stroke(cr);
		cairo_set_line_width(cr, 12);
		cairo_move_to(cr, 175, 1060); cairo_curve_to(cr, 90, 1000, 60, 920, 40, 860);
		cairo_move_to(cr, 250, 800); cairo_curve_to(cr, 280, 700, 260, 640, 300, 580);
		cairo_stroke(cr);
		struct rgb bloom = c->weather == LC_SNOW ? lc_grade(c, rgb_hex(0xf6f6fa)) : P("blossom");
		for (int i = 0; i < 40; i++) {
			double x = 40 + 300 * lc_hash(c->seed, 60 + i), y = 560 + 520 * lc_hash(c->seed, 120 + i);
			lc_set(c, bloom, 0.9);
			cairo_arc(cr, x, y, 10 + 8 * lc_hash(c->seed, 180 + i), 0, 2 * M_PI);
			cairo_fill(cr);
		}
	} else {
		/* blossoming branch across the top right */
		cairo_set_line_width(cr, 18);
		lc_set(c, lc_grade(c, rgb_hex(0x2e221c)), 1);
		cairo_move_to(cr, LC_W + 20, 120);
		cairo_curve_to(cr, 900, 170, 800, 140, 640, 260);
		cairo_move_to(cr, 860, 160); cairo_curve_to(cr, 820, 260, 780, 320, 720, 380);
		cairo_stroke(cr);
		struct rgb bloom = c->weather == LC_SNOW ? lc_grade(c, rgb_hex(0xffffff)) : P("blossom");
		for (int i = 0; i < 18; i++) {
			double k = lc_hash(c->seed, 300 + i);
			double x = 640 + 440 * k, y = 120 + 240 * lc_hash(c->seed, 330 + i) * (1.1 - k);
			for (int p = 0; p < 5; p++) {
				double a = p * 2 * M_PI / 5;
				lc_set(c, bloom, 0.95);
				cairo_arc(cr, x + cos(a) * 12, y + sin(a) * 12, 11, 0, 2 * M_PI);
				cairo_fill(cr);
			}
			lc_set(c, lc_grade(c, rgb_hex(0xf0c040)), 1);
			cairo_arc(cr, x, y, 5, 0, 2 * M_PI);
			cairo_fill(cr);
		}
	}
}

const struct lc_tpl LC_ANCIENT[] = {
	{ "palace_hall", palace_hall, 1 },
	{ "cold_palace", cold_palace, 1 },
	{ "palace_kitchen", palace_kitchen, 1 },
	{ "tea_house", tea_house, 1 },
	{ "ancient_street", ancient_street, 0 },
	{ "courtyard", courtyard, 0 },
	{ NULL, NULL, 0 }
};
