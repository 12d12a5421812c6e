/* art/character_hair.c — hair and headwear of a procedural character: the back mass
 * (long, bob, ponytail, twintails, bun, updo), the cap with its bangs (fringe, swept,
 * parted, slicked, spiky) and shine, braids, tied-up ancient styles with face-framing
 * strands, and head accessories (crowns, hairpins, ribbons, headband, cap). Face units
 * as in character_face.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "art/character_parts.h"

/* ---- hair ---- */

void chr_hair_fill(cairo_t *cr, const struct chr_look *L, double y0, double y1)
{
	struct rgb c = L->hair;
	cairo_pattern_t *p = cairo_pattern_create_linear(0, y0, 0, y1);
	struct rgb a = chr_mul(c, 1.12), b = chr_mul(c, 0.72);
	cairo_pattern_add_color_stop_rgb(p, 0, a.r, a.g, a.b);
	cairo_pattern_add_color_stop_rgb(p, 0.45, c.r, c.g, c.b);
	cairo_pattern_add_color_stop_rgb(p, 1, b.r, b.g, b.b);
	cairo_set_source(cr, p);
	cairo_fill_preserve(cr);
	cairo_pattern_destroy(p);
	chr_rgb(cr, chr_line(c));
	cairo_set_line_width(cr, 0.05);
	cairo_stroke(cr);
}

static void zigzag_bottom(cairo_t *cr, double x0, double x1, double y, int n, double depth)
{
	for (int i = 1; i <= n; i++) {
		double xa = x0 + (x1 - x0) * (i - 0.5) / n, xb = x0 + (x1 - x0) * i / n;
		cairo_line_to(cr, xa, y + depth * 0.3);
		cairo_line_to(cr, xb, y - depth * (i == n ? 0 : 0.6));
	}
}

void chr_hair_ball(cairo_t *cr, const struct chr_look *L, double x, double y, double rx, double ry)
{
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, rx, ry);
	cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
	cairo_restore(cr);
	chr_hair_fill(cr, L, y - ry, y + ry);
}

static void tail(cairo_t *cr, const struct chr_look *L, double x, double y, double dir, double len, double w)
{
	cairo_move_to(cr, x, y - w * 0.5);
	cairo_curve_to(cr, x + dir * w * 2.2, y, x + dir * w * 1.6, y + len * 0.6, x + dir * w * 0.6, y + len);
	cairo_curve_to(cr, x + dir * w * 0.5, y + len * 0.6, x + dir * w * 0.2, y + len * 0.2, x - dir * w * 0.3, y + w * 0.3);
	cairo_close_path(cr);
	chr_hair_fill(cr, L, y, y + len);
}

void chr_hair_tie(cairo_t *cr, const struct chr_look *L, double x, double y)
{
	cairo_arc(cr, x, y, 0.1, 0, 2 * M_PI);
	chr_fill(cr, L->accent, x - 0.1, x + 0.1, 0.03);
}

void chr_draw_back_hair(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f)
{
	double t = f->t;
	cairo_save(cr);
	cairo_translate(cr, t * f->hr * 0.15, f->head_y + f->head_dy);
	cairo_scale(cr, f->hr, f->hr);
	if (f->yaw != 0) {   /* a turned head: the hair falls behind it */
		double k = fabs(sin(f->yaw * M_PI / 2));
		cairo_translate(cr, -t * 0.3 * k, 0);
		cairo_scale(cr, 1 - 0.3 * k, 1);
	}
	double bx = -0.12 * t;
	switch (L->hair_style) {
	case HS_LONG: case HS_HALF_UP: {
		double len = L->hair_style == HS_LONG ? 4.6 : 3.8, w = L->hair_style == HS_LONG ? 1.35 : 1.22;
		cairo_move_to(cr, bx - 1.1, -0.3);
		cairo_curve_to(cr, bx - 1.3, 0.8, bx - w * 1.05, len * 0.6, bx - w, len);
		zigzag_bottom(cr, bx - w, bx + w, len, 5, 0.35);
		cairo_curve_to(cr, bx + w * 1.05, len * 0.6, bx + 1.3, 0.8, bx + 1.1, -0.3);
		cairo_arc_negative(cr, bx, -0.2, 1.12, 0, M_PI);
		cairo_close_path(cr);
		chr_hair_fill(cr, L, -1.2, len);
		break;
	}
	case HS_BOB:
		cairo_move_to(cr, bx - 1.1, -0.3);
		cairo_curve_to(cr, bx - 1.3, 0.5, bx - 1.32, 1.0, bx - 1.05, 1.22);
		cairo_curve_to(cr, bx - 0.5, 1.32, bx + 0.5, 1.32, bx + 1.05, 1.22);
		cairo_curve_to(cr, bx + 1.32, 1.0, bx + 1.3, 0.5, bx + 1.1, -0.3);
		cairo_arc_negative(cr, bx, -0.2, 1.12, 0, M_PI);
		cairo_close_path(cr);
		chr_hair_fill(cr, L, -1.2, 1.3);
		break;
	case HS_PONYTAIL: {
		double dir = t != 0 ? -t : 1;
		tail(cr, L, bx + dir * 0.7, -0.75, dir, 3.2, 0.55);
		chr_hair_tie(cr, L, bx + dir * 0.72, -0.78);
		break;
	}
	case HS_TWINTAILS:
		for (int s = -1; s <= 1; s += 2) {
			tail(cr, L, s * 0.95 + bx * 0.5, -0.55, s, 3.0, 0.5);
			chr_hair_tie(cr, L, s * 0.98 + bx * 0.5, -0.58);
		}
		break;
	case HS_BUN:
		chr_hair_ball(cr, L, bx - 0.15 * t, -1.0, 0.5, 0.45);
		break;
	case HS_UPDO:
		chr_hair_ball(cr, L, bx - 0.62, -1.05, 0.55, 0.42);
		chr_hair_ball(cr, L, bx + 0.62, -1.05, 0.55, 0.42);
		chr_hair_ball(cr, L, bx, -1.28, 0.5, 0.42);
		/* short hair at the nape */
		cairo_move_to(cr, bx - 1.1, -0.2);
		cairo_curve_to(cr, bx - 1.2, 0.6, bx - 0.9, 1.0, bx - 0.6, 1.1);
		cairo_line_to(cr, bx + 0.6, 1.1);
		cairo_curve_to(cr, bx + 0.9, 1.0, bx + 1.2, 0.6, bx + 1.1, -0.2);
		cairo_close_path(cr);
		chr_hair_fill(cr, L, -0.2, 1.1);
		break;
	default: break;
	}
	cairo_restore(cr);
}

/* Cap of hair over the skull with bangs; bangs: 0 fringe, 1 swept, 2 parted, 3 slicked, 4 spiky */
void chr_hair_front(cairo_t *cr, const struct chr_look *L, double t)
{
	static const int BANGS[] = { 1, 4, 3, 0, 0, 1, 2, 3, 2, 2, 0, 2, -1 };
	int bangs = BANGS[L->hair_style];
	if (bangs == 0 && !L->female) bangs = 2;
	double cx = -0.06 * t;
	if (bangs < 0) {   /* bald: a narrow strip of hair at each side above the ear; a turned
	                    * head draws its fringe behind the ear with the skull (skull_hair) */
		if (t != 0) return;
		for (int s = -1; s <= 1; s += 2) chr_hair_ball(cr, L, s * 0.99, -0.08, 0.07, 0.2);
		return;
	}
	double side_y = L->hair_style == HS_SHORT || L->hair_style == HS_SPIKY || L->hair_style == HS_SLICKED
	                || L->hair_style == HS_TOPKNOT ? 0.1 : 0.55;
	/* side locks framing the face for longer styles, tucked under the cap */
	if (side_y > 0.3 && L->hair_style != HS_BRAIDS) {
		for (int sd = -1; sd <= 1; sd += 2) {
			/* turned: the skull's hair covers the near side; long hair falls past the far cheek */
			if (t != 0 && !(L->hair_style == HS_LONG && sd * t > 0 && fabs(t) < 1.5)) continue;
			double x = sd * 1.0 + cx;
			cairo_move_to(cr, x + sd * 0.08, -0.5);
			cairo_curve_to(cr, x + sd * 0.14, 0.3, x + sd * 0.06, 0.85, x - sd * 0.04, 1.22);
			cairo_curve_to(cr, x - sd * 0.1, 0.8, x - sd * 0.2, 0.3, x - sd * 0.26, -0.5);
			cairo_close_path(cr);
			chr_hair_fill(cr, L, -0.5, 1.2);
			cairo_move_to(cr, x - sd * 0.06, 0.0);
			cairo_curve_to(cr, x - sd * 0.04, 0.4, x - sd * 0.02, 0.7, x - sd * 0.03, 0.95);
			chr_rgb(cr, chr_mul(L->hair, 0.6));
			cairo_set_line_width(cr, 0.02);
			cairo_stroke(cr);
		}
	}
	cairo_move_to(cr, cx - 1.12, side_y);
	cairo_line_to(cr, cx - 1.13, -0.2);
	if (bangs == 4) {   /* spiky crown */
		for (int i = 0; i <= 8; i++) {
			double a = M_PI + i * M_PI / 8, r = (i & 1) ? 1.38 : 1.1;
			if (i == 0 || i == 8) r = 1.13;
			cairo_line_to(cr, cx + cos(a) * r, -0.18 + sin(a) * r);
		}
	} else cairo_arc(cr, cx, -0.2, 1.13, M_PI, 2 * M_PI);
	cairo_line_to(cr, cx + 1.12, side_y);
	double p = 0.1 * t;   /* where bangs meet, toward the view side */
	switch (bangs) {
	case 0:   /* fringe: curved locks of uneven length */
		cairo_line_to(cr, 0.96, -0.04);
		for (int i = 6; i >= 1; i--) {
			double xr = -0.96 + i * 1.92 / 6, xl = xr - 1.92 / 6, xm = (xr + xl) / 2 + 0.03;
			double tip = -0.02 - 0.07 * ((i * 5) % 3) / 2.0, root = -0.3;
			cairo_curve_to(cr, xr - 0.02, -0.1, xm + 0.06, tip - 0.04, xm, tip);
			cairo_curve_to(cr, xm - 0.04, tip - 0.1, xl + 0.03, root + 0.06, xl + 0.01, i == 1 ? -0.04 : root);
		}
		break;
	case 1:   /* swept: tips pointing to one side */
		cairo_line_to(cr, 0.96, -0.02);
		cairo_curve_to(cr, 0.8, -0.28, 0.7, -0.32, 0.55, -0.1);
		cairo_curve_to(cr, 0.4, -0.35, 0.2, -0.4, 0.05 + p, -0.06);
		cairo_curve_to(cr, -0.1, -0.4, -0.4, -0.45, -0.55, -0.18);
		cairo_curve_to(cr, -0.7, -0.42, -0.9, -0.4, -1.0, -0.05);
		break;
	case 2:   /* middle parting, curtains to the temples */
		cairo_line_to(cr, 0.98, 0.0);
		cairo_curve_to(cr, 0.85, -0.35, 0.45, -0.6, 0.06 + p, -0.78);
		cairo_curve_to(cr, -0.4, -0.6, -0.85, -0.35, -0.98, 0.0);
		break;
	case 3:   /* slicked back: a high smooth hairline */
		cairo_line_to(cr, 0.98, -0.2);
		cairo_curve_to(cr, 0.8, -0.62, 0.3, -0.72, p, -0.7);
		cairo_curve_to(cr, -0.3, -0.72, -0.8, -0.62, -0.98, -0.2);
		break;
	case 4:   /* spiky: sharp locks pointing down and sideways */
		cairo_line_to(cr, 0.96, -0.05);
		for (int i = 5; i >= 1; i--) {
			double xr = -0.96 + i * 1.92 / 5, xl = xr - 1.92 / 5, xm = (xr + xl) / 2 - 0.05;
			double tip = -0.04 - 0.08 * ((i * 7) % 3) / 2.0;
			cairo_curve_to(cr, xr - 0.03, -0.2, xm + 0.08, tip - 0.08, xm, tip);
			cairo_curve_to(cr, xm + 0.01, tip - 0.12, xl + 0.05, -0.3, xl + 0.02, i == 1 ? -0.05 : -0.36);
		}
		break;
	}
	cairo_close_path(cr);
	cairo_path_t *cap = cairo_copy_path(cr);
	chr_hair_fill(cr, L, -1.4, 0.3);
	/* shine band ("angel ring") and a few strands */
	cairo_save(cr);
	cairo_append_path(cr, cap);
	cairo_clip(cr);
	struct rgb hl = chr_mul(L->hair, 1.35);
	cairo_set_source_rgba(cr, hl.r, hl.g, hl.b, 0.75);
	cairo_set_line_width(cr, 0.07);
	cairo_arc(cr, cx, -0.2, 0.82, M_PI * 1.12, M_PI * 1.38);
	cairo_stroke(cr);
	cairo_arc(cr, cx, -0.2, 0.82, M_PI * 1.5, M_PI * 1.62);
	cairo_stroke(cr);
	chr_rgb(cr, chr_mul(L->hair, 0.6));
	cairo_set_line_width(cr, 0.022);
	for (int i = -2; i <= 2; i++) {
		cairo_move_to(cr, cx + i * 0.12, -1.2);
		cairo_curve_to(cr, cx + i * 0.3, -0.8, cx + i * 0.4, -0.5, cx + i * 0.42, -0.3);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
	cairo_path_destroy(cap);
	/* two loose strands framing the face, as tied-up ancient styles wear them (from the
	 * front only: on a turned face the narrowed strands would cross the cheek and eye) */
	if ((L->hair_style == HS_TOPKNOT || L->hair_style == HS_HALF_UP) && t == 0) {
		for (int sd = -1; sd <= 1; sd += 2) {
			double x = sd * 0.78 + cx;
			cairo_move_to(cr, x - sd * 0.1, -0.62);
			cairo_curve_to(cr, x + sd * 0.12, -0.2, x + sd * 0.02, 0.35, x + sd * 0.12, 0.75);
			cairo_curve_to(cr, x + sd * 0.14, 0.3, x + sd * 0.24, -0.2, x + sd * 0.12, -0.62);
			cairo_close_path(cr);
			chr_hair_fill(cr, L, -0.6, 0.75);
		}
	}
}

void chr_braids(cairo_t *cr, const struct chr_look *L, double t)
{
	for (int s = -1; s <= 1; s += 2) {
		if (t != 0 && s * t > 0) continue;
		double x = s * 1.02 - 0.08 * t;
		for (int i = 0; i < 6; i++) {
			double y = 0.5 + i * 0.42;
			chr_hair_ball(cr, L, x + s * 0.05 * (i & 1), y, 0.2 - i * 0.01, 0.26);
		}
		chr_hair_tie(cr, L, x, 3.0);
	}
}

void chr_head_accessories(cairo_t *cr, const struct chr_look *L, double t)
{
	struct rgb gold = { 0.95, 0.76, 0.3 }, red = { 0.85, 0.15, 0.25 };
	double cx = -0.06 * t;
	if (L->acc & (1u << ACC_CROWN)) {
		if (L->hair_style == HS_TOPKNOT || L->hair_style == HS_HALF_UP) {
			/* a small guan over the knot with a pin through it */
			cairo_move_to(cr, cx - 0.34, -1.1);
			cairo_line_to(cr, cx - 0.28, -1.55);
			cairo_curve_to(cr, cx - 0.1, -1.66, cx + 0.1, -1.66, cx + 0.28, -1.55);
			cairo_line_to(cr, cx + 0.34, -1.1);
			cairo_close_path(cr);
			chr_fill(cr, gold, cx - 0.3, cx + 0.3, 0.04);
			cairo_move_to(cr, cx - 0.62, -1.36);
			cairo_line_to(cr, cx + 0.62, -1.44);
			chr_rgb(cr, chr_line(gold));
			cairo_set_line_width(cr, 0.09);
			cairo_stroke(cr);
			cairo_move_to(cr, cx - 0.62, -1.36);
			cairo_line_to(cr, cx + 0.62, -1.44);
			chr_rgb(cr, gold);
			cairo_set_line_width(cr, 0.05);
			cairo_stroke(cr);
			cairo_arc(cr, cx, -1.36, 0.07, 0, 2 * M_PI);
			chr_fill(cr, red, cx - 0.07, cx + 0.07, 0.02);
		} else {
			cairo_move_to(cr, cx - 0.6, -1.05);
			for (int i = 0; i <= 4; i++) {
				double x = cx - 0.6 + i * 0.3;
				cairo_line_to(cr, x, (i & 1) ? -1.3 : -1.55);
				if (i < 4) cairo_line_to(cr, x + 0.15, -1.3);
			}
			cairo_line_to(cr, cx + 0.6, -1.05);
			cairo_close_path(cr);
			chr_fill(cr, gold, cx - 0.6, cx + 0.6, 0.04);
			cairo_arc(cr, cx, -1.2, 0.08, 0, 2 * M_PI);
			chr_fill(cr, red, cx - 0.08, cx + 0.08, 0.02);
		}
	}
	if (L->acc & (1u << ACC_PHOENIX)) {
		/* a wide golden crown with spreading wings and dangling beads */
		cairo_move_to(cr, cx - 1.05, -0.75);
		cairo_curve_to(cr, cx - 1.3, -1.3, cx - 0.9, -1.75, cx - 0.5, -1.55);
		cairo_curve_to(cr, cx - 0.3, -1.95, cx + 0.3, -1.95, cx + 0.5, -1.55);
		cairo_curve_to(cr, cx + 0.9, -1.75, cx + 1.3, -1.3, cx + 1.05, -0.75);
		cairo_curve_to(cr, cx + 0.6, -1.15, cx - 0.6, -1.15, cx - 1.05, -0.75);
		cairo_close_path(cr);
		chr_fill(cr, gold, cx - 1, cx + 1, 0.04);
		for (int i = -2; i <= 2; i++) {
			cairo_arc(cr, cx + i * 0.38, -1.35 - (2 - abs(i)) * 0.1, 0.08, 0, 2 * M_PI);
			chr_fill(cr, i ? (struct rgb){ 0.2, 0.55, 0.65 } : red, cx - 0.1, cx + 0.1, 0.02);
		}
		for (int s = -1; s <= 1; s += 2) {
			double x = cx + s * 1.08;
			cairo_move_to(cr, x, -0.75);
			cairo_line_to(cr, x + s * 0.05, 0.2);
			chr_rgb(cr, gold);
			cairo_set_line_width(cr, 0.025);
			cairo_stroke(cr);
			for (int k = 0; k < 3; k++) {
				cairo_arc(cr, x + s * 0.05 * k / 3, -0.5 + k * 0.3, 0.04, 0, 2 * M_PI);
				chr_fill(cr, red, x - 0.04, x + 0.04, 0.015);
			}
		}
	}
	if (L->acc & (1u << ACC_HAIRPIN)) {
		double x = cx + 0.72, y = -0.9;
		cairo_move_to(cr, x - 0.4, y + 0.25);
		cairo_line_to(cr, x + 0.35, y - 0.25);
		chr_rgb(cr, chr_line(gold));
		cairo_set_line_width(cr, 0.07);
		cairo_stroke(cr);
		cairo_move_to(cr, x - 0.4, y + 0.25);
		cairo_line_to(cr, x + 0.35, y - 0.25);
		chr_rgb(cr, gold);
		cairo_set_line_width(cr, 0.04);
		cairo_stroke(cr);
		for (int i = 0; i < 5; i++) {
			double a = i * 2 * M_PI / 5;
			cairo_arc(cr, x + 0.35 + cos(a) * 0.1, y - 0.25 + sin(a) * 0.1, 0.08, 0, 2 * M_PI);
			chr_fill(cr, (struct rgb){ 0.95, 0.55, 0.65 }, x, x + 0.5, 0.015);
		}
		cairo_move_to(cr, x + 0.3, y - 0.15);
		cairo_line_to(cr, x + 0.32, y + 0.35);
		chr_rgb(cr, gold);
		cairo_set_line_width(cr, 0.02);
		cairo_stroke(cr);
		cairo_arc(cr, x + 0.32, y + 0.4, 0.05, 0, 2 * M_PI);
		chr_fill(cr, red, x, x + 0.5, 0.015);
	}
	if (L->acc & (1u << ACC_FLOWER)) {
		double x = cx - 0.8, y = -0.75;
		for (int i = 0; i < 5; i++) {
			double a = i * 2 * M_PI / 5;
			cairo_arc(cr, x + cos(a) * 0.12, y + sin(a) * 0.12, 0.1, 0, 2 * M_PI);
			chr_fill(cr, (struct rgb){ 1.0, 0.8, 0.85 }, x - 0.2, x + 0.2, 0.015);
		}
		cairo_arc(cr, x, y, 0.06, 0, 2 * M_PI);
		chr_fill(cr, gold, x - 0.06, x + 0.06, 0.015);
	}
	if (L->acc & (1u << ACC_RIBBON)) {
		double x = cx + 0.8, y = -0.8;
		for (int s = -1; s <= 1; s += 2) {
			cairo_move_to(cr, x, y);
			cairo_line_to(cr, x + s * 0.3, y - 0.2);
			cairo_line_to(cr, x + s * 0.3, y + 0.2);
			cairo_close_path(cr);
			chr_fill(cr, L->accent, x - 0.3, x + 0.3, 0.03);
		}
		cairo_arc(cr, x, y, 0.07, 0, 2 * M_PI);
		chr_fill(cr, L->accent, x - 0.1, x + 0.1, 0.03);
	}
	if (L->acc & (1u << ACC_HEADBAND)) {
		cairo_arc(cr, cx, -0.2, 1.0, M_PI * 1.15, M_PI * 1.85);
		cairo_set_line_width(cr, 0.2);
		chr_rgb(cr, chr_line(L->trim));
		cairo_stroke(cr);
		cairo_arc(cr, cx, -0.2, 1.0, M_PI * 1.15, M_PI * 1.85);
		cairo_set_line_width(cr, 0.15);
		chr_rgb(cr, L->trim);
		cairo_stroke(cr);
		for (int i = 0; i < 7; i++) {
			double a = M_PI * (1.18 + i * 0.1);
			cairo_arc(cr, cx + cos(a) * 1.1, -0.2 + sin(a) * 1.1, 0.09, 0, 2 * M_PI);
			chr_fill(cr, L->trim, cx - 1, cx + 1, 0.02);
		}
	}
	if (L->acc & (1u << ACC_CAP)) {
		cairo_move_to(cr, cx - 1.12, -0.45);
		cairo_curve_to(cr, cx - 1.25, -1.35, cx + 1.25, -1.35, cx + 1.12, -0.45);
		cairo_close_path(cr);
		chr_fill(cr, L->main, cx - 1.1, cx + 1.1, 0.05);
		cairo_move_to(cr, cx - 1.15, -0.45);
		cairo_curve_to(cr, cx - 0.6, -0.2 + 0.0, cx + 0.6, -0.2, cx + 1.15 + 0.2 * t, -0.45);
		cairo_curve_to(cr, cx + 0.6, -0.55, cx - 0.6, -0.55, cx - 1.15, -0.45);
		cairo_close_path(cr);
		chr_fill(cr, (struct rgb){ 0.12, 0.12, 0.15 }, cx - 1, cx + 1, 0.04);
		cairo_arc(cr, cx, -0.85, 0.16, 0, 2 * M_PI);
		chr_fill(cr, gold, cx - 0.16, cx + 0.16, 0.03);
	}
}
