/* art/location_modern.c — modern interiors: milk tea shop, cafe, bakery, restaurant,
 * office, CEO office, apartment, bedroom, hospital room, classroom, police station,
 * museum, wedding hall. Each draws the layer c->layer in the 1080x1920 design space:
 * back = walls, windows, floor; mid = furniture standing at the back, the middle band
 * kept calm for the characters; front = objects near the camera at the edges. */
#include <math.h>
#include "art/location_int.h"

#define P(k) lc_pal(c, k)

static void room(struct lc *c, int tiles)
{
	lc_wall(c, P("wall_top"), P("wall_bot"));
	if (tiles) lc_floor_tiles(c, P("floor_a"), P("floor_b"), tiles);
	else lc_floor_planks(c, P("floor_a"), P("floor_b"));
	lc_baseboard(c, P("trim"));
}

/* Night: a warm pool of lamp light in the room. */
static void room_light(struct lc *c, double x, double y, double r)
{
	lc_glow(c, x, y, r, lc_lit(c, rgb_hex(0xffcf8a)), 0.22 * lc_lamp(c));
}

static void milk_tea(const struct lc *c, double x, double yb, double s, struct rgb tea)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, x, yb, s * 0.4, s * 0.06, 0.3);
	cairo_move_to(cr, x - s * 0.3, yb - s);
	cairo_line_to(cr, x + s * 0.3, yb - s);
	cairo_line_to(cr, x + s * 0.24, yb);
	cairo_line_to(cr, x - s * 0.24, yb);
	cairo_close_path(cr);
	cairo_pattern_t *p = cairo_pattern_create_linear(0, yb - s, 0, yb);
	cairo_pattern_add_color_stop_rgb(p, 0, fmin(1, tea.r * 1.15), fmin(1, tea.g * 1.12), fmin(1, tea.b * 1.1));
	cairo_pattern_add_color_stop_rgb(p, 1, tea.r * 0.8, tea.g * 0.75, tea.b * 0.7);
	cairo_set_source(cr, p);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
	lc_set(c, lc_grade(c, rgb_hex(0x2a1a14)), 1);
	for (int i = 0; i < 9; i++) {
		cairo_arc(cr, x - s * 0.18 + (i % 4) * s * 0.12 + (i / 4) * s * 0.05, yb - s * 0.07 - (i / 4) * s * 0.09, s * 0.05, 0, 2 * M_PI);
		cairo_fill(cr);
	}
	cairo_set_source_rgba(cr, 1, 1, 1, 0.35);
	cairo_rectangle(cr, x - s * 0.2, yb - s * 0.9, s * 0.06, s * 0.75);
	cairo_fill(cr);
	lc_set(c, lc_grade(c, rgb_hex(0xf4f4f4)), 0.9);
	cairo_save(cr);
	cairo_translate(cr, x, yb - s);
	cairo_scale(cr, 1, 0.45);
	cairo_arc(cr, 0, 0, s * 0.32, M_PI, 2 * M_PI);
	cairo_restore(cr);
	cairo_fill(cr);
	lc_set(c, P("accent"), 1);
	cairo_set_line_width(cr, s * 0.07);
	cairo_move_to(cr, x + s * 0.03, yb - s * 1.1);
	cairo_line_to(cr, x + s * 0.15, yb - s * 1.45);
	cairo_stroke(cr);
}

static void cup(const struct lc *c, double x, double yb, double s, struct rgb v)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, x, yb, s * 0.7, s * 0.1, 0.3);
	lc_set(c, v, 1);
	cairo_move_to(cr, x - s * 0.4, yb - s * 0.7);
	cairo_line_to(cr, x + s * 0.4, yb - s * 0.7);
	cairo_curve_to(cr, x + s * 0.4, yb - s * 0.1, x + s * 0.25, yb, x, yb);
	cairo_curve_to(cr, x - s * 0.25, yb, x - s * 0.4, yb - s * 0.1, x - s * 0.4, yb - s * 0.7);
	cairo_fill(cr);
	cairo_set_line_width(cr, s * 0.09);
	cairo_arc(cr, x + s * 0.45, yb - s * 0.42, s * 0.15, -M_PI / 2, M_PI / 2);
	cairo_stroke(cr);
	lc_set(c, lc_grade(c, rgb_hex(0x6b3e26)), 1);
	cairo_save(cr);
	cairo_translate(cr, x, yb - s * 0.7);
	cairo_scale(cr, 1, 0.22);
	cairo_arc(cr, 0, 0, s * 0.36, 0, 2 * M_PI);
	cairo_restore(cr);
	cairo_fill(cr);
}

static void counter(struct lc *c, double x0, double x1, double ytop, double ybot, struct rgb front, struct rgb top)
{
	lc_shadow(c, (x0 + x1) / 2, ybot, (x1 - x0) * 0.55, 30, 0.35);
	lc_vgrad(c, x0, ytop, x1 - x0, ybot - ytop, front, rgb_scale(front, 0.8));
	/* panel grooves */
	cairo_set_line_width(c->cr, 3);
	lc_set(c, rgb_scale(front, 0.7), 0.6);
	for (double x = x0 + 60; x < x1 - 20; x += 90) { cairo_move_to(c->cr, x, ytop + 40); cairo_line_to(c->cr, x, ybot - 10); }
	cairo_stroke(c->cr);
	lc_fill_rect(c, x0 - 12, ytop - 20, x1 - x0 + 24, 26, top);
	lc_fill_rect(c, x0 - 12, ytop + 4, x1 - x0 + 24, 8, rgb_scale(top, 0.7));
}

/* ---------------------------------------------------------------- milk tea shop */

static void milk_tea_shop(struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_window(c, 60, 420, 380, 560);
	if (c->layer == ART_LAYER_BACK) {
		room(c, 9);
		/* subway tiles below the chair rail */
		lc_fill_rect(c, 0, 1010, LC_W, c->fy - 1010, P("tile"));
		cairo_set_line_width(cr, 2);
		lc_set(c, rgb_scale(P("tile"), 0.85), 1);
		for (double y = 1010; y < c->fy; y += 36) {
			cairo_move_to(cr, 0, y); cairo_line_to(cr, LC_W, y);
			for (double x = ((int)((y - 1010) / 36) & 1) ? 0 : 36; x < LC_W; x += 72) { cairo_move_to(cr, x, y); cairo_line_to(cr, x, y + 36); }
		}
		cairo_stroke(cr);
		lc_fill_rect(c, 0, 1000, LC_W, 14, P("trim"));
		lc_draw_window(c, 0, P("trim"), 2, 2, 1);
		/* sign band with neon name */
		lc_fill_rect(c, 0, 120, LC_W, 190, P("band"));
		struct rgb neon = lc_pal_lit(c, "neon");
		lc_glow(c, 540, 215, 460, neon, 0.35 * lc_lamp(c) + 0.05);
		lc_text(c, c->sign, 540, 215, 92, neon, NULL, 1, 960);
		/* menu board */
		lc_set(c, P("board"), 1);
		lc_rrect(cr, 540, 400, 480, 420, 18);
		cairo_fill(cr);
		for (int i = 0; i < 5; i++) {
			double y = 470 + i * 66;
			lc_set(c, lc_lit(c, rgb_hex(i & 1 ? 0xffb3c6 : 0xb8f0d8)), 1);
			cairo_arc(cr, 590, y, 20, 0, 2 * M_PI);
			cairo_fill(cr);
			lc_fill_rect(c, 630, y - 8, 220 - (i % 3) * 40, 14, rgb_hex(0xf2efe6));
			lc_fill_rect(c, 930, y - 8, 50, 14, lc_lit(c, rgb_hex(0xffd56b)));
		}
		room_light(c, 540, 900, 700);
	} else if (c->layer == ART_LAYER_MID) {
		counter(c, 560, 1100, 1120, 1420, P("accent2"), P("counter_top"));
		/* machines and cups on the counter */
		for (int i = 0; i < 3; i++) {
			double x = 640 + i * 110;
			lc_set(c, lc_grade(c, rgb_hex(0xd9dde2)), 1);
			lc_rrect(cr, x - 40, 940, 80, 160, 12);
			cairo_fill(cr);
			struct rgb tea = lc_grade(c, rgb_hex(i == 0 ? 0xc98a58 : i == 1 ? 0x9ccf8a : 0xe8a0b4));
			lc_fill_rect(c, x - 28, 980, 56, 100, tea);
			lc_fill_rect(c, x - 10, 1100, 20, 10, lc_grade(c, rgb_hex(0x555a60)));
		}
		lc_set(c, lc_grade(c, rgb_hex(0xffffff)), 1);
		for (int i = 0; i < 5; i++) { lc_rrect(cr, 975, 1040 - i * 22, 60, 24, 4); cairo_fill(cr); }
		milk_tea(c, 920, 1100, 90, lc_grade(c, rgb_hex(0xd9a877)));
		/* a small round table with stools at the left */
		lc_table(c, 210, 1390, 220, 190, P("counter_top"), lc_grade(c, rgb_hex(0x8a8f96)));
		milk_tea(c, 190, 1375, 60, lc_grade(c, rgb_hex(0xe6b0c0)));
		lc_chair(c, 80, 1610, 200, P("accent"), 1);
		for (int i = 0; i < 3; i++) lc_pendant(c, 250 + i * 290, 0, 330 + (i & 1) * 60, 62, P("accent"));
	} else {
		lc_plant(c, 20, 1940, 420, P("accent2"), lc_grade(c, rgb_hex(0x4f9a5a)));
		/* corner of the counter near the camera, a cup on it */
		lc_vgrad(c, 700, 1850, 400, 80, P("accent2"), rgb_scale(P("accent2"), 0.8));
		lc_fill_rect(c, 690, 1820, 410, 34, P("counter_top"));
		lc_fill_rect(c, 690, 1850, 410, 6, rgb_scale(P("counter_top"), 0.75));
		milk_tea(c, 900, 1836, 170, lc_grade(c, rgb_hex(0xd29b6a)));
	}
}

/* ---------------------------------------------------------------- cafe */

static void cafe(struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_window(c, 50, 360, 330, 700);
	if (c->layer == ART_LAYER_BACK) {
		room(c, 0);
		/* brick lower wall */
		lc_fill_rect(c, 0, 1040, LC_W, c->fy - 1040, P("brick"));
		cairo_set_line_width(cr, 3);
		lc_set(c, rgb_scale(P("brick"), 0.72), 1);
		for (double y = 1040; y < c->fy; y += 34) {
			cairo_move_to(cr, 0, y); cairo_line_to(cr, LC_W, y);
			for (double x = ((int)((y - 1040) / 34) & 1) ? 0 : 40; x < LC_W; x += 80) { cairo_move_to(cr, x, y); cairo_line_to(cr, x, y + 34); }
		}
		cairo_stroke(cr);
		lc_fill_rect(c, 0, 1030, LC_W, 16, P("trim"));
		lc_draw_window(c, 0, P("trim"), 1, 3, 1);
		/* chalkboard */
		lc_fill_rect(c, 470, 330, 520, 430, P("trim"));
		lc_fill_rect(c, 486, 346, 488, 398, P("board"));
		struct rgb chalk = lc_grade(c, rgb_hex(0xf0eee4));
		lc_text(c, c->sign, 730, 420, 62, chalk, "Noto Serif CJK SC", 1, 440);
		for (int i = 0; i < 4; i++) {
			lc_fill_rect(c, 530, 500 + i * 56, 240 - (i % 2) * 60, 10, rgb_scale(chalk, 0.85));
			lc_fill_rect(c, 880, 500 + i * 56, 50, 10, rgb_scale(chalk, 0.85));
		}
		lc_shelf(c, 470, 820, 520, 180, 2, P("trim"), c->seed ^ 3);
		room_light(c, 600, 800, 700);
	} else if (c->layer == ART_LAYER_MID) {
		counter(c, 640, 1100, 1150, 1420, P("counter"), P("counter_top"));
		/* espresso machine */
		lc_set(c, lc_grade(c, rgb_hex(0xc8ccd2)), 1);
		lc_rrect(cr, 720, 990, 210, 150, 14);
		cairo_fill(cr);
		lc_fill_rect(c, 735, 1005, 180, 30, lc_grade(c, rgb_hex(0x30343a)));
		lc_fill_rect(c, 760, 1060, 18, 40, lc_grade(c, rgb_hex(0x30343a)));
		lc_fill_rect(c, 870, 1060, 18, 40, lc_grade(c, rgb_hex(0x30343a)));
		cup(c, 1000, 1140, 60, lc_grade(c, rgb_hex(0xf5f0e6)));
		lc_table(c, 200, 1420, 240, 200, P("counter_top"), lc_grade(c, rgb_hex(0x2e2a28)));
		cup(c, 200, 1405, 50, lc_grade(c, rgb_hex(0xf5f0e6)));
		lc_chair(c, 60, 1640, 230, P("counter"), 1);
		for (int i = 0; i < 4; i++) lc_pendant(c, 180 + i * 240, 0, 280 + (i & 1) * 90, 36, lc_grade(c, rgb_hex(0x2f2f33)));
	} else {
		lc_set(c, P("counter_top"), 1);
		lc_rrect(cr, -40, 1810, 420, 140, 14);
		cairo_fill(cr);
		cup(c, 170, 1830, 120, lc_grade(c, rgb_hex(0xf5f0e6)));
		lc_plant(c, 1070, 1950, 440, P("brick"), lc_grade(c, rgb_hex(0x3f7d4a)));
	}
}

/* ---------------------------------------------------------------- bakery */

static void bread(const struct lc *c, double x, double y, double s, int kind)
{
	cairo_t *cr = c->cr;
	struct rgb crust = lc_grade(c, rgb_hex(kind == 2 ? 0xe0a050 : 0xc98a42)), hi = lc_grade(c, rgb_hex(0xf2c77a));
	cairo_save(cr);
	cairo_translate(cr, x, y);
	if (kind == 0) cairo_scale(cr, 1.0, 0.6);          /* loaf */
	else if (kind == 1) cairo_scale(cr, 1.8, 0.32);    /* baguette */
	else cairo_scale(cr, 1.0, 0.55);                   /* croissant-ish bun */
	cairo_pattern_t *p = cairo_pattern_create_radial(-s * 0.3, -s * 0.4, s * 0.1, 0, 0, s);
	cairo_pattern_add_color_stop_rgb(p, 0, hi.r, hi.g, hi.b);
	cairo_pattern_add_color_stop_rgb(p, 1, crust.r * 0.8, crust.g * 0.75, crust.b * 0.7);
	cairo_arc(cr, 0, 0, s, 0, 2 * M_PI);
	cairo_set_source(cr, p);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
	cairo_restore(cr);
	cairo_set_line_width(cr, s * 0.08);
	lc_set(c, rgb_scale(crust, 0.7), 0.7);
	for (int k = -1; k <= 1; k++) {
		cairo_move_to(cr, x + k * s * 0.45 - s * 0.12, y - s * 0.22 * (kind == 1 ? 0.5 : 1));
		cairo_line_to(cr, x + k * s * 0.45 + s * 0.12, y + s * 0.12 * (kind == 1 ? 0.5 : 1));
	}
	cairo_stroke(cr);
}

static void bakery(struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_window(c, 50, 430, 330, 520);
	if (c->layer == ART_LAYER_BACK) {
		room(c, 8);
		/* striped awning band with the name */
		for (int i = 0; i < 12; i++) lc_fill_rect(c, i * 90, 130, 90, 170, i & 1 ? P("stripe") : P("wall_top"));
		lc_set(c, P("band"), 1);
		lc_rrect(cr, 190, 160, 700, 110, 55);
		cairo_fill(cr);
		lc_text(c, c->sign, 540, 215, 70, lc_lit(c, rgb_hex(0xfff4dc)), "Noto Serif CJK SC", 1, 640);
		for (int i = 0; i < 24; i++) {   /* scalloped edge */
			lc_set(c, i & 1 ? P("stripe") : P("wall_top"), 1);
			cairo_arc(cr, 22.5 + i * 45, 300, 22.5, 0, M_PI);
			cairo_fill(cr);
		}
		lc_draw_window(c, 0, P("trim"), 2, 2, 1);
		/* wall shelves with bread */
		for (int r = 0; r < 3; r++) {
			double y = 560 + r * 170;
			lc_fill_rect(c, 470, y, 560, 18, P("trim"));
			for (int i = 0; i < 5; i++) bread(c, 520 + i * 110, y - 36, 44, (i + r) % 3);
		}
		room_light(c, 700, 700, 650);
	} else if (c->layer == ART_LAYER_MID) {
		/* display case */
		double x0 = 460, x1 = 1100, y0 = 1140;
		lc_shadow(c, 780, 1420, 360, 30, 0.35);
		lc_vgrad(c, x0, y0 + 120, x1 - x0, 1420 - y0 - 120, P("counter"), rgb_scale(P("counter"), 0.8));
		lc_set(c, lc_grade(c, rgb_hex(0xdff2f8)), 0.35);
		cairo_rectangle(cr, x0, y0, x1 - x0, 120);
		cairo_fill(cr);
		for (int i = 0; i < 5; i++) bread(c, x0 + 70 + i * 115, y0 + 80, 40, (i + 1) % 3);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.5);
		cairo_set_line_width(cr, 4);
		cairo_rectangle(cr, x0, y0, x1 - x0, 120);
		cairo_stroke(cr);
		lc_fill_rect(c, x0 - 10, y0 - 12, x1 - x0 + 20, 14, P("trim"));
		lc_pendant(c, 300, 0, 360, 60, P("stripe"));
		lc_pendant(c, 760, 0, 300, 60, P("stripe"));
		lc_table(c, 190, 1440, 230, 200, P("trim"), rgb_scale(P("trim"), 0.7));
		bread(c, 170, 1400, 40, 0);
	} else {
		/* basket of baguettes at the bottom left */
		lc_set(c, lc_grade(c, rgb_hex(0xb07a3e)), 1);
		cairo_move_to(cr, -20, 1760); cairo_line_to(cr, 330, 1760); cairo_line_to(cr, 300, 1940); cairo_line_to(cr, -20, 1940);
		cairo_close_path(cr);
		cairo_fill(cr);
		for (int i = 0; i < 4; i++) {
			cairo_save(cr);
			cairo_translate(cr, 60 + i * 70, 1720);
			cairo_rotate(cr, -0.9 + i * 0.12);
			bread(c, 0, 0, 80, 1);
			cairo_restore(cr);
		}
		lc_set(c, lc_grade(c, rgb_hex(0x8a5a2a)), 0.6);
		for (double y = 1790; y < 1920; y += 30) { cairo_rectangle(cr, -20, y, 340, 6); }
		cairo_fill(cr);
	}
}

/* ---------------------------------------------------------------- restaurant */

static void restaurant(struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_window(c, 660, 360, 340, 560);
	if (c->layer == ART_LAYER_BACK) {
		room(c, 0);
		lc_fill_rect(c, 0, 1000, LC_W, c->fy - 1000, P("wainscot"));
		lc_fill_rect(c, 0, 990, LC_W, 16, P("trim"));
		for (double x = 40; x < LC_W; x += 200) {
			cairo_set_line_width(cr, 4);
			lc_set(c, rgb_scale(P("wainscot"), 0.75), 1);
			cairo_rectangle(cr, x, 1040, 160, c->fy - 1090);
			cairo_stroke(cr);
		}
		lc_draw_window(c, 0, P("trim"), 2, 3, 1);
		lc_curtain(c, 600, 320, 140, 700, P("curtain"), -1);
		lc_curtain(c, 920, 320, 140, 700, P("curtain"), 1);
		lc_fill_rect(c, 580, 310, 500, 16, P("trim"));
		lc_frame_pic(c, 110, 420, 300, 380, P("trim"), lc_grade(c, rgb_hex(0xf0d9b0)), lc_grade(c, rgb_hex(0xb07040)));
		lc_text(c, c->sign, 540, 180, 80, P("trim"), "Noto Serif CJK SC", 1, 900);
		room_light(c, 540, 700, 800);
	} else if (c->layer == ART_LAYER_MID) {
		/* chandelier */
		double lamp = lc_lamp(c);
		struct rgb gold = P("trim");
		cairo_set_line_width(cr, 4);
		lc_set(c, gold, 1);
		cairo_move_to(cr, 540, 0); cairo_line_to(cr, 540, 260); cairo_stroke(cr);
		cairo_save(cr); cairo_translate(cr, 540, 290); cairo_scale(cr, 1, 0.3);
		cairo_arc(cr, 0, 0, 150, 0, 2 * M_PI); cairo_restore(cr);
		cairo_set_line_width(cr, 8); cairo_stroke(cr);
		for (int i = 0; i < 7; i++) {
			double x = 400 + i * 46.7, y = 290 + sin(i / 6.0 * M_PI) * 40 - 20;
			lc_glow(c, x, y - 14, 70, lc_lit(c, rgb_hex(0xffd28a)), 0.6 * lamp);
			lc_set(c, lc_lit(c, rgb_hex(0xfff0c8)), 1);
			cairo_arc(cr, x, y - 14, 9, 0, 2 * M_PI); cairo_fill(cr);
		}
		/* round tables with white cloth, chairs behind */
		for (int i = 0; i < 2; i++) {
			double x = i ? 930 : 150, y = 1440;
			lc_chair(c, x + (i ? 40 : -40), y - 40, 300, P("curtain"), 0);
			lc_shadow(c, x, y + 30, 230, 30, 0.35);
			struct rgb cloth = lc_grade(c, rgb_hex(0xf6f3ee));
			cairo_move_to(cr, x - 200, y - 130);
			cairo_curve_to(cr, x - 205, y - 60, x - 215, y, x - 210, y + 30);
			cairo_curve_to(cr, x - 100, y + 50, x + 100, y + 50, x + 210, y + 30);
			cairo_curve_to(cr, x + 215, y, x + 205, y - 60, x + 200, y - 130);
			cairo_close_path(cr);
			cairo_pattern_t *pt = cairo_pattern_create_linear(x - 210, 0, x + 210, 0);
			for (int k = 0; k <= 8; k++) {
				double sh = (k & 1) ? 0.86 : 1.0;
				cairo_pattern_add_color_stop_rgb(pt, k / 8.0, cloth.r * sh, cloth.g * sh, cloth.b * sh);
			}
			cairo_set_source(cr, pt);
			cairo_fill(cr);
			cairo_pattern_destroy(pt);
			lc_set(c, rgb_mix(cloth, (struct rgb){ 1, 1, 1 }, 0.4), 1);
			cairo_save(cr); cairo_translate(cr, x, y - 130); cairo_scale(cr, 1, 0.2);
			cairo_arc(cr, 0, 0, 200, 0, 2 * M_PI); cairo_restore(cr); cairo_fill(cr);
			/* plates, a glass and a candle */
			lc_set(c, lc_grade(c, rgb_hex(0xe8e4dc)), 1);
			for (int k = -1; k <= 1; k += 2) {
				cairo_save(cr); cairo_translate(cr, x + k * 90, y - 126); cairo_scale(cr, 1, 0.28);
				cairo_arc(cr, 0, 0, 50, 0, 2 * M_PI); cairo_restore(cr); cairo_fill(cr);
			}
			lc_fill_rect(c, x - 8, y - 200, 16, 66, lc_grade(c, rgb_hex(0xf8f2e2)));
			lc_glow(c, x, y - 210, 110, lc_lit(c, rgb_hex(0xffc870)), 0.8 * lamp);
			lc_set(c, lc_lit(c, rgb_hex(0xffd070)), 1);
			cairo_move_to(cr, x, y - 222); cairo_curve_to(cr, x + 8, y - 212, x + 6, y - 200, x, y - 200);
			cairo_curve_to(cr, x - 6, y - 200, x - 8, y - 212, x, y - 222);
			cairo_fill(cr);
		}
	} else {
		lc_set(c, lc_grade(c, rgb_hex(0xf6f3ee)), 1);
		lc_rrect(cr, 640, 1800, 500, 160, 12);
		cairo_fill(cr);
		lc_set(c, lc_grade(c, rgb_hex(0xffffff)), 1);
		cairo_save(cr); cairo_translate(cr, 860, 1850); cairo_scale(cr, 1, 0.3);
		cairo_arc(cr, 0, 0, 130, 0, 2 * M_PI); cairo_restore(cr); cairo_fill(cr);
		/* wine glass */
		cairo_set_line_width(cr, 5);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.7);
		cairo_move_to(cr, 1010, 1840); cairo_line_to(cr, 1010, 1720); cairo_stroke(cr);
		lc_set(c, lc_grade(c, rgb_hex(0x8a1c2c)), 0.9);
		cairo_arc(cr, 1010, 1660, 55, 0.1, M_PI - 0.1); cairo_fill(cr);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.5);
		cairo_arc(cr, 1010, 1640, 60, -0.05, M_PI + 0.05); cairo_stroke(cr);
	}
}

/* ---------------------------------------------------------------- offices */

static void monitor(const struct lc *c, double x, double y, double s)
{
	cairo_t *cr = c->cr;
	lc_set(c, lc_grade(c, rgb_hex(0x2c3038)), 1);
	lc_rrect(cr, x - s * 0.5, y - s * 0.62, s, s * 0.6, s * 0.03);
	cairo_fill(cr);
	struct rgb scr = lc_lit(c, rgb_hex(0x7fb4ff));
	lc_vgrad(c, x - s * 0.46, y - s * 0.58, s * 0.92, s * 0.52, scr, rgb_scale(scr, 0.7));
	lc_glow(c, x, y - s * 0.3, s * 0.9, scr, 0.25 * lc_lamp(c));
	lc_fill_rect(c, x - s * 0.04, y - s * 0.02, s * 0.08, s * 0.14, lc_grade(c, rgb_hex(0x2c3038)));
	lc_fill_rect(c, x - s * 0.18, y + s * 0.1, s * 0.36, s * 0.04, lc_grade(c, rgb_hex(0x2c3038)));
}

static void desk(const struct lc *c, double x, double ytop, double w, struct rgb top, struct rgb body)
{
	lc_shadow(c, x, ytop + w * 0.42, w * 0.6, w * 0.05, 0.35);
	lc_fill_rect(c, x - w / 2 + 10, ytop, w * 0.3, w * 0.42, body);
	lc_fill_rect(c, x + w / 2 - 10 - w * 0.05, ytop, w * 0.05, w * 0.42, body);
	lc_fill_rect(c, x - w / 2, ytop - 14, w, 20, top);
}

static void office(struct lc *c)
{
	cairo_t *cr = c->cr;
	for (int i = 0; i < 3; i++) lc_window(c, 40 + i * 340, 330, 320, 640);
	if (c->layer == ART_LAYER_BACK) {
		room(c, 6);
		for (int i = 0; i < 3; i++) lc_draw_window(c, i, P("trim"), 1, 2, 1);
		/* ceiling light panels */
		for (int i = 0; i < 3; i++) lc_fill_rect(c, 120 + i * 320, 60, 200, 26, lc_lit(c, rgb_hex(0xf4f8ff)));
		lc_fill_rect(c, 0, 1040, LC_W, 8, P("trim"));
		lc_text(c, c->sign, 540, 220, 54, P("accent"), NULL, 1, 700);
		room_light(c, 540, 600, 900);
	} else if (c->layer == ART_LAYER_MID) {
		desk(c, 170, 1300, 320, P("desk"), rgb_scale(P("desk"), 0.8));
		monitor(c, 190, 1280, 170);
		desk(c, 920, 1300, 320, P("desk"), rgb_scale(P("desk"), 0.8));
		monitor(c, 900, 1280, 170);
		lc_chair(c, 240, 1560, 230, P("accent"), -1);
		lc_plant(c, 540, 1330, 230, lc_grade(c, rgb_hex(0xeeeeee)), lc_grade(c, rgb_hex(0x4f9a5a)));
		/* partition */
		lc_set(c, P("accent"), 0.85);
		lc_rrect(cr, 20, 1140, 330, 150, 8);
		cairo_fill(cr);
	} else {
		lc_plant(c, 1040, 1960, 460, lc_grade(c, rgb_hex(0xe9e9e9)), lc_grade(c, rgb_hex(0x3e8550)));
		lc_set(c, P("desk"), 1);
		lc_rrect(cr, -40, 1820, 380, 140, 10);
		cairo_fill(cr);
		lc_fill_rect(c, 40, 1760, 180, 60, lc_grade(c, rgb_hex(0xf6f6f2)));
		lc_fill_rect(c, 50, 1745, 170, 20, lc_grade(c, rgb_hex(0xe0e4ea)));
	}
}

static void ceo_office(struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_window(c, 30, 120, 1020, 1110);
	if (c->layer == ART_LAYER_BACK) {
		room(c, 0);
		lc_draw_window(c, 0, P("trim"), 3, 1, 1);
		lc_fill_rect(c, 0, 0, LC_W, 110, P("wall_top"));
		lc_fill_rect(c, 0, 1230, LC_W, c->fy - 1230, P("wall_bot"));
		/* reflection of the window on the glossy floor */
		lc_set(c, lc_haze(c, P("floor_a"), 0.3), 0.25);
		cairo_rectangle(cr, 30, c->fy, 1020, 160);
		cairo_fill(cr);
		room_light(c, 540, 1100, 700);
	} else if (c->layer == ART_LAYER_MID) {
		/* bookshelf at the right edge */
		lc_shelf(c, 880, 560, 220, 800, 5, P("desk"), c->seed ^ 9);
		/* executive chair and desk */
		struct rgb leather = P("leather");
		lc_set(c, leather, 1);
		lc_rrect(cr, 440, 1000, 200, 280, 40);
		cairo_fill(cr);
		lc_shadow(c, 540, 1440, 380, 36, 0.45);
		lc_vgrad(c, 230, 1240, 620, 200, P("desk"), rgb_scale(P("desk"), 0.7));
		lc_fill_rect(c, 210, 1220, 660, 30, rgb_mix(P("desk"), (struct rgb){ 1, 1, 1 }, 0.12));
		/* laptop and nameplate */
		lc_set(c, lc_grade(c, rgb_hex(0xb9bec6)), 1);
		cairo_move_to(cr, 300, 1220); cairo_line_to(cr, 330, 1140); cairo_line_to(cr, 450, 1140); cairo_line_to(cr, 440, 1220);
		cairo_close_path(cr); cairo_fill(cr);
		lc_fill_rect(c, 600, 1185, 200, 36, lc_grade(c, rgb_hex(0xc9a24a)));
		lc_text(c, c->sign, 700, 1203, 22, lc_grade(c, rgb_hex(0x2a2418)), NULL, 1, 180);
		lc_plant(c, 110, 1420, 320, lc_grade(c, rgb_hex(0x2c2c30)), lc_grade(c, rgb_hex(0x3f7d4a)));
	} else {
		/* whisky glass on a side table corner */
		lc_set(c, P("desk"), 1);
		lc_rrect(cr, 760, 1830, 400, 130, 10);
		cairo_fill(cr);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.35);
		cairo_rectangle(cr, 880, 1720, 110, 120);
		cairo_fill(cr);
		lc_set(c, lc_grade(c, rgb_hex(0xc27a2a)), 0.85);
		cairo_rectangle(cr, 886, 1780, 98, 56);
		cairo_fill(cr);
	}
}

/* ---------------------------------------------------------------- homes */

static void sofa(const struct lc *c, double x, double yb, double w, struct rgb v)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, x, yb, w * 0.55, 26, 0.4);
	lc_set(c, rgb_scale(v, 0.85), 1);
	lc_rrect(cr, x - w / 2, yb - 300, w, 200, 40);
	cairo_fill(cr);
	lc_set(c, v, 1);
	lc_rrect(cr, x - w / 2 + 40, yb - 150, w - 80, 110, 24);
	cairo_fill(cr);
	lc_rrect(cr, x - w / 2 - 10, yb - 200, 90, 190, 30);
	lc_rrect(cr, x + w / 2 - 80, yb - 200, 90, 190, 30);
	cairo_fill(cr);
	lc_set(c, rgb_mix(v, (struct rgb){ 1, 1, 1 }, 0.3), 1);
	lc_rrect(cr, x - w * 0.3, yb - 260, 150, 120, 30);
	cairo_fill(cr);
	lc_fill_rect(c, x - w / 2 + 20, yb - 20, 20, 20, rgb_scale(v, 0.5));
	lc_fill_rect(c, x + w / 2 - 40, yb - 20, 20, 20, rgb_scale(v, 0.5));
}

static void floor_lamp(const struct lc *c, double x, double yb)
{
	cairo_t *cr = c->cr;
	double lamp = lc_lamp(c);
	struct rgb bulb = lc_lit(c, rgb_hex(0xffd9a0));
	lc_glow(c, x, yb - 560, 420, bulb, 0.45 * lamp);
	lc_fill_rect(c, x - 4, yb - 540, 8, 540, lc_grade(c, rgb_hex(0x3a3430)));
	lc_fill_rect(c, x - 50, yb - 10, 100, 10, lc_grade(c, rgb_hex(0x3a3430)));
	lc_set(c, rgb_mix(lc_grade(c, rgb_hex(0xf2e6cc)), bulb, lamp * 0.6), 1);
	cairo_move_to(cr, x - 50, yb - 640); cairo_line_to(cr, x + 50, yb - 640);
	cairo_line_to(cr, x + 80, yb - 530); cairo_line_to(cr, x - 80, yb - 530);
	cairo_close_path(cr); cairo_fill(cr);
}

static void apartment(struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_window(c, 640, 330, 360, 600);
	if (c->layer == ART_LAYER_BACK) {
		room(c, 0);
		lc_draw_window(c, 0, P("trim"), 2, 2, 1);
		lc_curtain(c, 570, 290, 160, 760, P("curtain"), -1);
		lc_curtain(c, 910, 290, 160, 760, P("curtain"), 1);
		lc_fill_rect(c, 550, 280, 540, 14, P("trim"));
		lc_frame_pic(c, 120, 440, 200, 260, P("trim"), lc_grade(c, rgb_hex(0xf6d6c2)), lc_grade(c, rgb_hex(0x8ab0c8)));
		lc_frame_pic(c, 340, 520, 150, 180, P("trim"), lc_grade(c, rgb_hex(0xe8f0d8)), lc_grade(c, rgb_hex(0xd0a080)));
		/* rug */
		lc_set(c, P("rug"), 1);
		cairo_save(cr); cairo_translate(cr, 540, 1560); cairo_scale(cr, 1, 0.22);
		cairo_arc(cr, 0, 0, 520, 0, 2 * M_PI); cairo_restore(cr); cairo_fill(cr);
		room_light(c, 150, 900, 600);
	} else if (c->layer == ART_LAYER_MID) {
		sofa(c, 400, 1430, 560, P("sofa"));
		floor_lamp(c, 90, 1440);
		lc_plant(c, 990, 1430, 300, lc_grade(c, rgb_hex(0xe8e2d8)), lc_grade(c, rgb_hex(0x4f9a5a)));
		lc_table(c, 760, 1460, 200, 90, P("trim"), rgb_scale(P("trim"), 0.7));
		cup(c, 760, 1445, 36, lc_grade(c, rgb_hex(0xffffff)));
	} else {
		lc_set(c, P("sofa"), 1);
		lc_rrect(cr, -60, 1760, 300, 220, 60);
		cairo_fill(cr);
		lc_plant(c, 1060, 1980, 380, lc_grade(c, rgb_hex(0xd9cbb8)), lc_grade(c, rgb_hex(0x3e8550)));
	}
}

static void bedroom(struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_window(c, 90, 340, 340, 560);
	if (c->layer == ART_LAYER_BACK) {
		room(c, 0);
		lc_draw_window(c, 0, P("trim"), 2, 2, 1);
		lc_curtain(c, 30, 300, 150, 720, P("curtain"), -1);
		lc_curtain(c, 340, 300, 150, 720, P("curtain"), 1);
		lc_fill_rect(c, 10, 290, 500, 14, P("trim"));
		lc_frame_pic(c, 640, 420, 320, 220, P("trim"), lc_grade(c, rgb_hex(0xfbe3d3)), lc_grade(c, rgb_hex(0xa8c0e0)));
		room_light(c, 900, 1000, 600);
	} else if (c->layer == ART_LAYER_MID) {
		/* bed: headboard against the back wall, bed toward the right */
		struct rgb sheet = P("sheet");
		lc_shadow(c, 760, 1500, 360, 40, 0.4);
		lc_set(c, P("trim"), 1);
		lc_rrect(cr, 520, 900, 500, 420, 40);
		cairo_fill(cr);
		lc_set(c, sheet, 1);
		cairo_move_to(cr, 500, 1180); cairo_line_to(cr, 1040, 1180);
		cairo_line_to(cr, 1100, 1500); cairo_line_to(cr, 460, 1500);
		cairo_close_path(cr); cairo_fill(cr);
		lc_set(c, P("blanket"), 1);
		cairo_move_to(cr, 490, 1260); cairo_curve_to(cr, 700, 1230, 900, 1250, 1060, 1250);
		cairo_line_to(cr, 1110, 1520); cairo_line_to(cr, 450, 1520);
		cairo_close_path(cr); cairo_fill(cr);
		lc_set(c, lc_grade(c, rgb_hex(0xfbfaf6)), 1);
		lc_rrect(cr, 560, 1120, 200, 90, 40); cairo_fill(cr);
		lc_rrect(cr, 790, 1120, 200, 90, 40); cairo_fill(cr);
		/* nightstand + lamp */
		lc_fill_rect(c, 330, 1240, 150, 180, P("trim"));
		lc_fill_rect(c, 340, 1300, 130, 6, rgb_scale(P("trim"), 0.7));
		struct rgb bulb = lc_lit(c, rgb_hex(0xffd9a0));
		lc_glow(c, 405, 1150, 300, bulb, 0.5 * lc_lamp(c));
		lc_set(c, rgb_mix(lc_grade(c, rgb_hex(0xf6e8d0)), bulb, 0.6 * lc_lamp(c)), 1);
		cairo_move_to(cr, 370, 1110); cairo_line_to(cr, 440, 1110); cairo_line_to(cr, 460, 1190); cairo_line_to(cr, 350, 1190);
		cairo_close_path(cr); cairo_fill(cr);
		lc_fill_rect(c, 400, 1190, 10, 50, lc_grade(c, rgb_hex(0x8a7a6a)));
	} else {
		lc_curtain(c, -20, 0, 170, 1920, P("curtain"), -1);
		lc_set(c, P("blanket"), 1);
		lc_rrect(cr, 820, 1800, 320, 180, 50);
		cairo_fill(cr);
	}
}

/* ---------------------------------------------------------------- hospital */

static void hospital_room(struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_window(c, 600, 340, 400, 560);
	if (c->layer == ART_LAYER_BACK) {
		room(c, 7);
		lc_draw_window(c, 0, P("trim"), 1, 1, 1);
		/* blinds */
		cairo_set_line_width(cr, 7);
		lc_set(c, lc_grade(c, rgb_hex(0xf0f2f2)), 0.75);
		for (double y = 350; y < 560; y += 20) { cairo_move_to(cr, 600, y); cairo_line_to(cr, 1000, y); }
		cairo_stroke(cr);
		/* wall panel with outlets, curtain track */
		lc_fill_rect(c, 0, 840, LC_W, 70, P("accent"));
		for (int i = 0; i < 5; i++) lc_fill_rect(c, 80 + i * 70, 860, 36, 30, lc_grade(c, rgb_hex(0xf4f4f4)));
		lc_fill_rect(c, 0, 90, LC_W, 10, lc_grade(c, rgb_hex(0xb8bec2)));
		lc_text(c, c->sign, 800, 260, 40, P("accent"), NULL, 1, 400);
		room_light(c, 540, 300, 900);
	} else if (c->layer == ART_LAYER_MID) {
		/* bed */
		lc_shadow(c, 700, 1460, 380, 36, 0.4);
		lc_fill_rect(c, 440, 1100, 24, 330, lc_grade(c, rgb_hex(0x9aa2a8)));
		lc_fill_rect(c, 1000, 1160, 24, 270, lc_grade(c, rgb_hex(0x9aa2a8)));
		lc_set(c, lc_grade(c, rgb_hex(0xf7f8f8)), 1);
		cairo_move_to(cr, 450, 1200); cairo_line_to(cr, 1020, 1200);
		cairo_line_to(cr, 1060, 1380); cairo_line_to(cr, 420, 1380); cairo_close_path(cr); cairo_fill(cr);
		lc_set(c, P("blanket"), 1);
		cairo_move_to(cr, 560, 1230); cairo_line_to(cr, 1030, 1230); cairo_line_to(cr, 1070, 1400); cairo_line_to(cr, 540, 1400);
		cairo_close_path(cr); cairo_fill(cr);
		lc_set(c, lc_grade(c, rgb_hex(0xffffff)), 1);
		lc_rrect(cr, 460, 1150, 150, 80, 30); cairo_fill(cr);
		cairo_set_line_width(cr, 8);
		lc_set(c, lc_grade(c, rgb_hex(0xb8c0c6)), 1);
		cairo_rectangle(cr, 620, 1300, 300, 60); cairo_stroke(cr);
		/* IV stand */
		lc_fill_rect(c, 350, 700, 8, 740, lc_grade(c, rgb_hex(0xa8b0b6)));
		lc_set(c, lc_grade(c, rgb_hex(0xd8f0f4)), 0.9);
		lc_rrect(cr, 320, 720, 70, 110, 14); cairo_fill(cr);
		/* monitor */
		lc_set(c, lc_grade(c, rgb_hex(0x3a4046)), 1);
		lc_rrect(cr, 160, 860, 180, 130, 12); cairo_fill(cr);
		lc_fill_rect(c, 172, 872, 156, 106, lc_grade(c, rgb_hex(0x0f1a18)));
		cairo_set_line_width(cr, 3);
		lc_set(c, lc_lit(c, rgb_hex(0x5cff9a)), 1);
		cairo_move_to(cr, 176, 930);
		for (int i = 0; i < 3; i++) {
			double x = 176 + i * 50;
			cairo_line_to(cr, x + 20, 930); cairo_line_to(cr, x + 26, 895); cairo_line_to(cr, x + 32, 955); cairo_line_to(cr, x + 38, 930);
		}
		cairo_line_to(cr, 326, 930);
		cairo_stroke(cr);
		lc_fill_rect(c, 240, 990, 14, 450, lc_grade(c, rgb_hex(0x9aa2a8)));
	} else {
		/* privacy curtain at the left */
		lc_set(c, P("curtain"), 1);
		for (int i = 0; i < 5; i++) {
			cairo_pattern_t *p = cairo_pattern_create_linear(i * 44, 0, i * 44 + 44, 0);
			struct rgb v = P("curtain");
			cairo_pattern_add_color_stop_rgb(p, 0, v.r * 0.82, v.g * 0.82, v.b * 0.82);
			cairo_pattern_add_color_stop_rgb(p, 0.5, v.r, v.g, v.b);
			cairo_pattern_add_color_stop_rgb(p, 1, v.r * 0.82, v.g * 0.82, v.b * 0.82);
			cairo_rectangle(cr, i * 44 - 20, 100, 44, 1820);
			cairo_set_source(cr, p);
			cairo_fill(cr);
			cairo_pattern_destroy(p);
		}
	}
}

/* ---------------------------------------------------------------- classroom */

static void school_desk(const struct lc *c, double x, double yb, double s)
{
	lc_shadow(c, x, yb, s * 0.55, s * 0.06, 0.3);
	lc_fill_rect(c, x - s * 0.42, yb - s * 0.6, s * 0.05, s * 0.6, lc_grade(c, rgb_hex(0x8a9096)));
	lc_fill_rect(c, x + s * 0.37, yb - s * 0.6, s * 0.05, s * 0.6, lc_grade(c, rgb_hex(0x8a9096)));
	lc_fill_rect(c, x - s * 0.5, yb - s * 0.66, s, s * 0.08, P("desk"));
	lc_fill_rect(c, x - s * 0.45, yb - s * 0.58, s * 0.9, s * 0.16, rgb_scale(P("desk"), 0.8));
}

static void classroom(struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_window(c, 30, 380, 200, 600);
	if (c->layer == ART_LAYER_BACK) {
		room(c, 0);
		lc_draw_window(c, 0, P("trim"), 1, 3, 2);
		/* chalkboard */
		lc_fill_rect(c, 280, 380, 780, 480, P("trim"));
		lc_vgrad(c, 296, 396, 748, 448, P("board"), rgb_scale(P("board"), 0.85));
		struct rgb chalk = lc_grade(c, rgb_hex(0xeef2ea));
		lc_text(c, c->sign, 670, 480, 56, chalk, "Noto Serif CJK SC", 0, 680);
		cairo_set_line_width(cr, 4);
		lc_set(c, chalk, 0.8);
		for (int i = 0; i < 3; i++) { cairo_move_to(cr, 360, 580 + i * 70); cairo_line_to(cr, 360 + 500 - i * 90, 580 + i * 70); }
		cairo_move_to(cr, 900, 720); cairo_line_to(cr, 980, 620); cairo_line_to(cr, 1000, 720); cairo_close_path(cr);
		cairo_stroke(cr);
		lc_fill_rect(c, 280, 860, 780, 18, rgb_scale(P("trim"), 0.8));
		/* clock */
		lc_set(c, lc_grade(c, rgb_hex(0xffffff)), 1);
		cairo_arc(cr, 670, 260, 54, 0, 2 * M_PI); cairo_fill(cr);
		cairo_set_line_width(cr, 6);
		lc_set(c, lc_grade(c, rgb_hex(0x30343a)), 1);
		cairo_arc(cr, 670, 260, 54, 0, 2 * M_PI); cairo_stroke(cr);
		cairo_move_to(cr, 670, 260); cairo_line_to(cr, 670, 222); cairo_move_to(cr, 670, 260); cairo_line_to(cr, 698, 272); cairo_stroke(cr);
		lc_fill_rect(c, 0, 1080, LC_W, 10, P("trim"));
		room_light(c, 540, 300, 900);
	} else if (c->layer == ART_LAYER_MID) {
		/* rows of desks receding toward the board, the aisle in the middle kept clear */
		school_desk(c, 390, 1390, 190);
		school_desk(c, 690, 1390, 190);
		school_desk(c, 150, 1460, 260);
		school_desk(c, 930, 1460, 260);
		lc_chair(c, 150, 1560, 200, P("desk"), 0);
		lc_chair(c, 930, 1560, 200, P("desk"), 0);
		school_desk(c, 60, 1640, 360);
		school_desk(c, 1020, 1640, 360);
		/* a backpack hanging on a desk */
		lc_set(c, lc_grade(c, rgb_hex(0xd0584a)), 1);
		lc_rrect(c->cr, 860, 1350, 70, 90, 20);
		cairo_fill(c->cr);
	} else {
		lc_fill_rect(c, -20, 1800, 440, 40, P("desk"));
		lc_fill_rect(c, -20, 1838, 440, 90, rgb_scale(P("desk"), 0.8));
		lc_set(c, lc_grade(c, rgb_hex(0xf6f4ec)), 1);
		cairo_move_to(cr, 80, 1800); cairo_line_to(cr, 300, 1790); cairo_line_to(cr, 320, 1760); cairo_line_to(cr, 100, 1770);
		cairo_close_path(cr); cairo_fill(cr);
	}
}

/* ---------------------------------------------------------------- police station */

static void police_station(struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_window(c, 720, 380, 300, 440);
	if (c->layer == ART_LAYER_BACK) {
		room(c, 6);
		lc_fill_rect(c, 0, 1050, LC_W, c->fy - 1050, P("accent"));
		/* the blue-and-white checker band of police livery */
		for (int i = 0; i < 36; i++)
			for (int r = 0; r < 2; r++)
				lc_fill_rect(c, i * 30, 1010 + r * 20, 30, 20, ((i + r) & 1) ? P("trim") : lc_grade(c, rgb_hex(0xf4f6f8)));
		lc_draw_window(c, 0, P("trim"), 1, 1, 1);
		cairo_set_line_width(cr, 7);
		lc_set(c, lc_grade(c, rgb_hex(0xe8ecf0)), 0.8);
		for (double y = 390; y < 560; y += 20) { cairo_move_to(cr, 720, y); cairo_line_to(cr, 1020, y); }
		cairo_stroke(cr);
		/* badge emblem and sign */
		struct rgb gold = lc_grade(c, rgb_hex(0xd8b24a));
		cairo_save(cr);
		cairo_translate(cr, 330, 300);
		lc_set(c, gold, 1);
		for (int i = 0; i < 10; i++) {
			double a = -M_PI / 2 + i * M_PI / 5, r = (i & 1) ? 56 : 110;
			if (i == 0) cairo_move_to(cr, cos(a) * r, sin(a) * r); else cairo_line_to(cr, cos(a) * r, sin(a) * r);
		}
		cairo_close_path(cr); cairo_fill(cr);
		lc_set(c, P("accent"), 1);
		cairo_arc(cr, 0, 0, 42, 0, 2 * M_PI); cairo_fill(cr);
		cairo_restore(cr);
		lc_text(c, c->sign, 540, 150, 64, P("trim"), NULL, 1, 900);
		/* notice board */
		lc_fill_rect(c, 120, 520, 460, 340, lc_grade(c, rgb_hex(0xb88a5a)));
		for (int i = 0; i < 6; i++) {
			double x = 150 + (i % 3) * 145, y = 550 + (i / 3) * 150;
			lc_fill_rect(c, x, y, 110, 130, lc_grade(c, rgb_hex(i == 1 ? 0xfff3b0 : 0xf6f6f0)));
			lc_set(c, lc_grade(c, rgb_hex(0xd03030)), 1);
			cairo_arc(cr, x + 55, y + 8, 6, 0, 2 * M_PI); cairo_fill(cr);
			for (int k = 0; k < 4; k++) lc_fill_rect(c, x + 14, y + 30 + k * 22, 80 - k * 10, 6, lc_grade(c, rgb_hex(0x9098a0)));
		}
		room_light(c, 540, 300, 900);
	} else if (c->layer == ART_LAYER_MID) {
		desk(c, 200, 1300, 380, P("desk"), rgb_scale(P("desk"), 0.8));
		monitor(c, 160, 1280, 160);
		lc_fill_rect(c, 280, 1236, 90, 50, lc_grade(c, rgb_hex(0xe8dcc0)));
		lc_fill_rect(c, 285, 1222, 90, 16, lc_grade(c, rgb_hex(0xd6c8a8)));
		/* filing cabinets */
		for (int i = 0; i < 2; i++) {
			double x = 820 + i * 130;
			lc_fill_rect(c, x, 980, 120, 420, lc_grade(c, rgb_hex(0x7d8894)));
			for (int k = 0; k < 4; k++) {
				lc_fill_rect(c, x + 8, 992 + k * 102, 104, 92, lc_grade(c, rgb_hex(0x8e9aa6)));
				lc_fill_rect(c, x + 40, 1030 + k * 102, 40, 10, lc_grade(c, rgb_hex(0x50585f)));
			}
		}
	} else {
		lc_fill_rect(c, 680, 1790, 420, 40, P("desk"));
		lc_fill_rect(c, 680, 1828, 420, 100, rgb_scale(P("desk"), 0.8));
		lc_fill_rect(c, 740, 1740, 200, 50, lc_grade(c, rgb_hex(0xe8dcc0)));
		lc_fill_rect(c, 750, 1725, 200, 18, lc_grade(c, rgb_hex(0x4a6a9a)));
		cup(c, 1010, 1790, 70, lc_grade(c, rgb_hex(0xf2f2f2)));
	}
}

/* ---------------------------------------------------------------- museum */

static void museum(struct lc *c)
{
	cairo_t *cr = c->cr;
	if (c->layer == ART_LAYER_BACK) {
		room(c, 5);
		lc_fill_rect(c, 0, 80, LC_W, 24, P("trim"));
		/* paintings with spotlights */
		double xs[3] = { 90, 420, 760 }, ws[3] = { 250, 240, 250 };
		for (int i = 0; i < 3; i++) {
			double x = xs[i], w = ws[i];
			lc_glow(c, x + w / 2, 560, 330, lc_lit(c, rgb_hex(0xfff0d0)), 0.18 + 0.3 * lc_lamp(c));
			lc_frame_pic(c, x, 440, w, 320 + (i == 1) * 60, lc_grade(c, rgb_hex(0xc9a24a)),
			             lc_grade(c, rgb_hex(i == 1 ? 0xdfe8f0 : 0xf2e2c0)), lc_grade(c, rgb_hex(i == 2 ? 0x6a8a5a : 0x8a5a3a)));
			lc_fill_rect(c, x + w / 2 - 40, 330, 80, 12, lc_grade(c, rgb_hex(0x30343a)));
			lc_fill_rect(c, x + w / 2 - 60, 820 + (i == 1) * 60, 120, 30, lc_grade(c, rgb_hex(0xf4f0e8)));
		}
		lc_text(c, c->sign, 540, 220, 52, P("trim"), "Noto Serif CJK SC", 1, 900);
		lc_fill_rect(c, 0, 1150, LC_W, 10, P("trim"));
	} else if (c->layer == ART_LAYER_MID) {
		/* pedestal with a vase in a glass case */
		double x = 840;
		lc_shadow(c, x, 1440, 160, 24, 0.4);
		lc_fill_rect(c, x - 110, 1160, 220, 280, lc_grade(c, rgb_hex(0xf2efe8)));
		lc_fill_rect(c, x - 120, 1150, 240, 20, lc_grade(c, rgb_hex(0xdedad2)));
		lc_set(c, lc_grade(c, rgb_hex(0x3a6aa8)), 1);
		cairo_move_to(cr, x - 20, 900);
		cairo_curve_to(cr, x - 20, 960, x - 90, 980, x - 80, 1060);
		cairo_curve_to(cr, x - 70, 1130, x - 40, 1150, x, 1150);
		cairo_curve_to(cr, x + 40, 1150, x + 70, 1130, x + 80, 1060);
		cairo_curve_to(cr, x + 90, 980, x + 20, 960, x + 20, 900);
		cairo_close_path(cr); cairo_fill(cr);
		cairo_set_line_width(cr, 5);
		lc_set(c, lc_grade(c, rgb_hex(0xf4f4f8)), 0.9);
		cairo_move_to(cr, x - 70, 1040); cairo_curve_to(cr, x - 30, 1010, x + 30, 1070, x + 70, 1040); cairo_stroke(cr);
		cairo_set_source_rgba(cr, 0.85, 0.95, 1, 0.16);
		cairo_rectangle(cr, x - 120, 860, 240, 290); cairo_fill(cr);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.5); cairo_set_line_width(cr, 3);
		cairo_rectangle(cr, x - 120, 860, 240, 290); cairo_stroke(cr);
		/* bench */
		lc_fill_rect(c, 90, 1380, 320, 30, lc_grade(c, rgb_hex(0x5a3e2e)));
		lc_fill_rect(c, 110, 1410, 20, 80, lc_grade(c, rgb_hex(0x2e2a28)));
		lc_fill_rect(c, 370, 1410, 20, 80, lc_grade(c, rgb_hex(0x2e2a28)));
	} else {
		/* stanchions with a velvet rope */
		struct rgb brass = lc_grade(c, rgb_hex(0xc9a24a));
		for (int i = 0; i < 2; i++) {
			double x = i ? 1020 : 640;
			lc_fill_rect(c, x - 10, 1650, 20, 250, brass);
			lc_set(c, brass, 1);
			cairo_arc(cr, x, 1645, 22, 0, 2 * M_PI); cairo_fill(cr);
			cairo_save(cr); cairo_translate(cr, x, 1905); cairo_scale(cr, 1, 0.3);
			cairo_arc(cr, 0, 0, 60, 0, 2 * M_PI); cairo_restore(cr); cairo_fill(cr);
		}
		cairo_set_line_width(cr, 18);
		lc_set(c, lc_grade(c, rgb_hex(0x9a1c2c)), 1);
		cairo_move_to(cr, 640, 1665); cairo_curve_to(cr, 760, 1780, 900, 1780, 1020, 1665);
		cairo_move_to(cr, 640, 1665); cairo_curve_to(cr, 560, 1760, 480, 1790, 400, 1800);
		cairo_stroke(cr);
	}
}

/* ---------------------------------------------------------------- wedding hall */

static void flower(const struct lc *c, double x, double y, double r, struct rgb v)
{
	cairo_t *cr = c->cr;
	lc_set(c, v, 1);
	for (int i = 0; i < 5; i++) {
		double a = i * 2 * M_PI / 5;
		cairo_arc(cr, x + cos(a) * r * 0.55, y + sin(a) * r * 0.55, r * 0.55, 0, 2 * M_PI);
		cairo_fill(cr);
	}
	lc_set(c, rgb_mix(v, (struct rgb){ 1, 0.9, 0.5 }, 0.6), 1);
	cairo_arc(cr, x, y, r * 0.3, 0, 2 * M_PI);
	cairo_fill(cr);
}

static void wedding_hall(struct lc *c)
{
	cairo_t *cr = c->cr;
	if (c->layer == ART_LAYER_BACK) {
		room(c, 0);
		/* draped fabric */
		for (int i = 0; i < 6; i++) {
			double x = i * 216;
			cairo_move_to(cr, x, 0);
			cairo_curve_to(cr, x + 60, 140, x + 156, 140, x + 216, 0);
			lc_set(c, P("drape"), 0.85);
			cairo_fill(cr);
		}
		/* aisle carpet */
		lc_set(c, P("carpet"), 1);
		cairo_move_to(cr, 470, c->fy); cairo_line_to(cr, 610, c->fy); cairo_line_to(cr, 800, LC_H); cairo_line_to(cr, 280, LC_H);
		cairo_close_path(cr); cairo_fill(cr);
		/* banner with the couple's / hall's name */
		lc_set(c, P("accent"), 1);
		lc_rrect(cr, 240, 200, 600, 120, 20); cairo_fill(cr);
		lc_text(c, c->sign, 540, 260, 58, lc_grade(c, rgb_hex(0xfffaf0)), "Noto Serif CJK SC", 1, 560);
		room_light(c, 540, 700, 800);
	} else if (c->layer == ART_LAYER_MID) {
		/* floral arch */
		cairo_set_line_width(cr, 26);
		lc_set(c, lc_grade(c, rgb_hex(0xf6f2ea)), 1);
		cairo_move_to(cr, 330, 1380); cairo_line_to(cr, 330, 800);
		cairo_arc(cr, 540, 800, 210, M_PI, 2 * M_PI);
		cairo_line_to(cr, 750, 1380);
		cairo_stroke(cr);
		for (int i = 0; i <= 16; i++) {
			double a = M_PI + i * M_PI / 16;
			struct rgb v = i % 3 == 0 ? P("accent") : i % 3 == 1 ? lc_grade(c, rgb_hex(0xffffff)) : P("drape");
			flower(c, 540 + cos(a) * 210, 800 + sin(a) * 210, 34, v);
		}
		for (int i = 0; i < 6; i++) {
			flower(c, 330, 860 + i * 90, 28, i & 1 ? P("accent") : lc_grade(c, rgb_hex(0xffffff)));
			flower(c, 750, 860 + i * 90, 28, i & 1 ? lc_grade(c, rgb_hex(0xffffff)) : P("accent"));
		}
		/* chairs with bows in rows */
		for (int r = 0; r < 2; r++)
			for (int k = 0; k < 2; k++) {
				double x = k ? 880 + r * 60 : 200 - r * 60, yb = 1460 + r * 90;
				lc_chair(c, x, yb, 200 + r * 30, lc_grade(c, rgb_hex(0xf8f6f0)), 0);
				lc_set(c, P("accent"), 1);
				cairo_arc(cr, x, yb - (200 + r * 30) * 0.8, 14, 0, 2 * M_PI); cairo_fill(cr);
			}
		double lamp = lc_lamp(c);
		for (int i = 0; i < 2; i++) {
			double x = i ? 880 : 200;
			lc_glow(c, x, 420, 260, lc_lit(c, rgb_hex(0xffe6b0)), 0.25 + 0.4 * lamp);
			lc_set(c, lc_lit(c, rgb_hex(0xfff4d8)), 1);
			for (int k = 0; k < 5; k++) { cairo_arc(cr, x - 80 + k * 40, 430 + (k % 2) * 20, 8, 0, 2 * M_PI); cairo_fill(cr); }
			cairo_set_line_width(cr, 3);
			cairo_move_to(cr, x, 0); cairo_line_to(cr, x, 400); cairo_stroke(cr);
		}
	} else {
		for (int i = 0; i < 7; i++) {
			flower(c, 40 + i * 34, 1840 - (i % 3) * 40, 44, i & 1 ? P("accent") : lc_grade(c, rgb_hex(0xffffff)));
			flower(c, 1040 - i * 34, 1860 - (i % 2) * 50, 44, i & 1 ? lc_grade(c, rgb_hex(0xffffff)) : P("drape"));
		}
		/* a few falling petals, placed by the seed */
		for (int i = 0; i < 8; i++) {
			lc_set(c, P("accent"), 0.8);
			cairo_save(cr);
			cairo_translate(cr, LC_W * lc_hash(c->seed, 900 + i), 200 + 600 * lc_hash(c->seed, 920 + i));
			cairo_rotate(cr, lc_hash(c->seed, 940 + i) * 3);
			cairo_scale(cr, 1, 0.5);
			cairo_arc(cr, 0, 0, 12, 0, 2 * M_PI);
			cairo_restore(cr);
			cairo_fill(cr);
		}
	}
}

const struct lc_tpl LC_MODERN[] = {
	{ "milk_tea_shop", milk_tea_shop, 1 },
	{ "cafe", cafe, 1 },
	{ "bakery", bakery, 1 },
	{ "restaurant", restaurant, 1 },
	{ "office", office, 1 },
	{ "ceo_office", ceo_office, 1 },
	{ "apartment", apartment, 1 },
	{ "bedroom", bedroom, 1 },
	{ "hospital_room", hospital_room, 1 },
	{ "classroom", classroom, 1 },
	{ "police_station", police_station, 1 },
	{ "museum", museum, 1 },
	{ "wedding_hall", wedding_hall, 1 },
	{ NULL, NULL, 0 }
};
