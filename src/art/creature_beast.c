/* art/creature_beast.c — the sitting dog and cat (muzzle mouth, ears, whiskers, tiger
 * stripes) and the boxy robot (screen face, LED eyes and an LED mouth bar whose height
 * follows the viseme). Figure units as in creature.c; see creature_parts.h. */
#include <math.h>
#include <string.h>
#include "art/creature_parts.h"

/* ---- dog and cat, sitting, front or three-quarter ---- */

struct beast { double hx, hy, hr, fx, sep, ey, my, er; int cat; };

static void beast_geom(const struct chr_look *L, double t, struct beast *b)
{
	b->cat = L->creature == CRT_FELINE;
	b->hy = b->cat ? -31 : -36;
	b->hr = b->cat ? 8 : 9;
	b->hx = t * 2.0;
	b->fx = b->hx + t * (b->cat ? 2.6 : 3.2);
	b->sep = (b->cat ? 3.4 : 3.6) * (1 - 0.3 * fabs(t));
	b->ey = b->hy - (b->cat ? 1.6 : 2.2);
	b->er = b->cat ? 1.55 : 1.25;
	b->my = b->hy + (b->cat ? 3.2 : 4.2);
}

static void stripes(cairo_t *cr, const struct chr_look *L, double x, double y, double w, int n, double dir)
{
	if (!L->crt_stripes) return;
	for (int i = 0; i < n; i++) {
		double yy = y + i * 2.6;
		cairo_move_to(cr, x - dir * w, yy);
		cairo_curve_to(cr, x - dir * w * 0.6, yy + 0.6, x - dir * w * 0.3, yy + 0.4, x - dir * w * 0.1, yy + 1.2);
	}
	chr_rgb(cr, L->accent);
	cairo_set_line_width(cr, 0.9);
	cairo_stroke(cr);
}

static void ear(cairo_t *cr, const struct chr_look *L, const struct beast *b, int s, double t)
{
	double x = b->hx + s * b->hr * 0.62 + t * 0.8, y = b->hy - b->hr * 0.55;
	if (L->crt_ears && !b->cat) {   /* floppy: hangs beside the head */
		cairo_move_to(cr, x - s * 1.5, y - 2.2);
		cairo_curve_to(cr, x + s * 4.5, y - 3.5, x + s * 5.5, y + 6, x + s * 3.2, y + 9.5);
		cairo_curve_to(cr, x + s * 1.2, y + 10.5, x - s * 0.2, y + 4, x - s * 1.5, y - 2.2);
		cairo_close_path(cr);
		chr_fill(cr, L->accent, x - 3, x + 3, 0.34);
		return;
	}
	double h = b->cat ? 8 : 9.5;
	cairo_move_to(cr, x - s * 3.4, y + 1.5);
	cairo_curve_to(cr, x - s * 2.4, y - h * 0.5, x - s * 0.5, y - h * 0.9, x + s * 0.6, y - h);
	cairo_curve_to(cr, x + s * 2.4, y - h * 0.5, x + s * 3.0, y - 1.5, x + s * 2.6, y + 2.5);
	cairo_close_path(cr);
	chr_fill(cr, b->cat ? L->main : L->accent, x - 3, x + 3, 0.34);
	cairo_move_to(cr, x - s * 1.8, y + 1);
	cairo_line_to(cr, x + s * 0.4, y - h * 0.72);
	cairo_line_to(cr, x + s * 1.5, y + 1);
	cairo_close_path(cr);
	cairo_set_source_rgba(cr, 0.95, 0.6, 0.65, 0.75);
	cairo_fill(cr);
}

static void beast_static(cairo_t *cr, const struct chr_look *L, double t, int back, unsigned limbs)
{
	struct beast b;
	beast_geom(L, t, &b);
	crt_shadow(cr, 14, 0.18);
	/* tail curling around from the far side */
	double ts = back ? 1 : t > 0 ? -1 : 1;
	cairo_move_to(cr, ts * 7, -3);
	cairo_curve_to(cr, ts * 16, -2, ts * 19, -8, ts * 17, -16);
	cairo_set_line_width(cr, b.cat ? 2.6 : 3.4);
	chr_rgb(cr, chr_line(L->main));
	cairo_stroke_preserve(cr);
	cairo_set_line_width(cr, b.cat ? 1.9 : 2.7);
	chr_rgb(cr, L->main);
	cairo_stroke(cr);
	/* haunches and back paws */
	for (int s = -1; s <= 1; s += 2) {
		double x = s * 7.5 + t * 0.8;
		crt_ellipse(cr, x, -8, 6.5, 8);
		chr_fill(cr, L->main, x - 6.5, x + 6.5, 0.34);
		crt_ellipse(cr, x + s * 1.5, -1.4, 4.2, 1.9);
		chr_fill(cr, L->trim, x - 3, x + 5, 0.3);
	}
	/* torso */
	crt_ellipse(cr, t * 1.2, -15, 9, 15);
	chr_fill(cr, L->main, -9, 9, 0.34);
	stripes(cr, L, t * 1.2 + 8, -22, 6, 5, 1);
	stripes(cr, L, t * 1.2 - 8, -22, 6, 5, -1);
	if (!back) {
		crt_ellipse(cr, t * 2.6, -18, 4.8 * (1 - 0.2 * fabs(t)), 9);
		chr_fill(cr, L->trim, t * 2.6 - 5, t * 2.6 + 5, 0);
		/* front legs */
		for (int s = -1; s <= 1; s += 2) {
			if (crt_limb_skip(limbs, s)) continue;   /* posed: drawn by crt_pose_draw */
			double x = t * 2.4 + s * 3.6 * (1 - 0.25 * fabs(t));
			cairo_rectangle(cr, x - 2.1, -20, 4.2, 19);
			chr_fill(cr, L->main, x - 2.1, x + 2.1, 0.34);
			crt_ellipse(cr, x, -1.3, 2.7, 1.7);
			chr_fill(cr, L->trim, x - 2.7, x + 2.7, 0.3);
		}
	}
	/* head */
	for (int s = -1; s <= 1; s += 2) if (!(L->crt_ears && !b.cat)) ear(cr, L, &b, s, t);
	crt_ellipse(cr, b.hx, b.hy, b.hr * 1.05, b.hr * 0.92);
	chr_fill(cr, L->main, b.hx - b.hr, b.hx + b.hr, 0.34);
	if (L->crt_stripes) {
		for (int i = -1; i <= 1; i++) {
			cairo_move_to(cr, b.hx + i * 2.2, b.hy - b.hr * 0.9);
			cairo_line_to(cr, b.hx + i * 1.6, b.hy - b.hr * 0.5);
		}
		chr_rgb(cr, L->accent);
		cairo_set_line_width(cr, 0.9);
		cairo_stroke(cr);
	}
	for (int s = -1; s <= 1; s += 2) if (L->crt_ears && !b.cat) ear(cr, L, &b, s, t);
	if (back) return;
	/* muzzle: a pale snout (dog) or two whisker pads (cat), with the nose */
	if (b.cat) {
		for (int s = -1; s <= 1; s += 2) {
			crt_ellipse(cr, b.fx + s * 1.5, b.my - 1.4, 1.9, 1.5);
			chr_fill(cr, L->trim, b.fx - 2, b.fx + 2, 0);
		}
		for (int s = -1; s <= 1; s += 2)
			for (int i = -1; i <= 1; i++) {
				cairo_move_to(cr, b.fx + s * 2.8, b.my - 1.4 + i * 0.6);
				cairo_line_to(cr, b.fx + s * 8.5, b.my - 1.6 + i * 1.6);
			}
		cairo_set_source_rgba(cr, 0.2, 0.15, 0.18, 0.7);
		cairo_set_line_width(cr, 0.2);
		cairo_stroke(cr);
		cairo_move_to(cr, b.fx - 1.0, b.my - 3.0);
		cairo_line_to(cr, b.fx + 1.0, b.my - 3.0);
		cairo_line_to(cr, b.fx, b.my - 1.9);
		cairo_close_path(cr);
		cairo_set_source_rgb(cr, 0.9, 0.5, 0.56);
		cairo_fill(cr);
	} else {
		crt_ellipse(cr, b.fx, b.my - 1.6, 4.6, 3.4);
		chr_fill(cr, L->trim, b.fx - 4.6, b.fx + 4.6, 0.3);
		crt_ellipse(cr, b.fx, b.my - 3.4, 1.7, 1.1);
		cairo_set_source_rgb(cr, 0.1, 0.07, 0.09);
		cairo_fill(cr);
		crt_ellipse(cr, b.fx - 0.5, b.my - 3.8, 0.5, 0.3);
		cairo_set_source_rgb(cr, 0.8, 0.8, 0.85);
		cairo_fill(cr);
	}
}

static void beast_dynamic(cairo_t *cr, const struct chr_look *L, double t, const struct chr_expr *ex, char vis, double blink)
{
	struct beast b;
	beast_geom(L, t, &b);
	struct rgb iris = b.cat ? L->eye : (struct rgb){ 0.14, 0.09, 0.08 };
	for (int s = -1; s <= 1; s += 2)
		crt_eye(cr, b.fx + s * b.sep, b.ey, b.er, 0, iris, L->main, ex, blink, b.cat);
	crt_marks(cr, ex, b.fx - b.sep, b.fx + b.sep, b.ey, b.er, chr_mul(L->main, 0.5));
	double open, wide;
	crt_viseme(vis, &open, &wide);
	if (vis == 'X' && (ex->mouth == CHR_M_SHOUT || ex->mouth == CHR_M_O || ex->mouth == CHR_M_SMILE_OPEN)) open = 0.5;
	double y = b.my - (b.cat ? 1.9 : 2.3), w = (b.cat ? 1.6 : 2.2) * (0.6 + 0.5 * wide);
	if (open > 0.05) {   /* the jaw drops: dark mouth with a tongue */
		double h = open * (b.cat ? 2.6 : 3.6);
		cairo_move_to(cr, b.fx - w, y + 0.3);
		cairo_curve_to(cr, b.fx - w, y + h * 1.3, b.fx + w, y + h * 1.3, b.fx + w, y + 0.3);
		cairo_curve_to(cr, b.fx + w * 0.3, y, b.fx - w * 0.3, y, b.fx - w, y + 0.3);
		cairo_close_path(cr);
		cairo_set_source_rgb(cr, 0.36, 0.1, 0.14);
		cairo_fill_preserve(cr);
		chr_rgb(cr, chr_line(L->main));
		cairo_set_line_width(cr, 0.3);
		cairo_stroke(cr);
		crt_ellipse(cr, b.fx, y + h * 0.85, w * 0.6, h * 0.28 + 0.1);
		cairo_set_source_rgb(cr, 0.92, 0.48, 0.55);
		cairo_fill(cr);
	}
	/* the split lip under the nose: "w", its corners lifted by the expression */
	double c = ex->corner * 0.7;
	cairo_move_to(cr, b.fx, y - 1.1);
	cairo_line_to(cr, b.fx, y);
	cairo_move_to(cr, b.fx - w * 1.1, y - c);
	cairo_curve_to(cr, b.fx - w * 0.6, y + 0.9, b.fx - 0.2, y + 0.7, b.fx, y);
	cairo_curve_to(cr, b.fx + 0.2, y + 0.7, b.fx + w * 0.6, y + 0.9, b.fx + w * 1.1, y - c);
	chr_rgb(cr, (struct rgb){ 0.15, 0.1, 0.12 });
	cairo_set_line_width(cr, 0.35);
	cairo_stroke(cr);
}

void crt_draw_beast(cairo_t *cr, const struct chr_look *L, double t, int back, const struct chr_expr *ex,
                    char vis, double blink, int layers, unsigned limbs)
{
	if (layers & CHR_HEAD_STATIC) beast_static(cr, L, t, back, limbs);
	if ((layers & CHR_HEAD_DYNAMIC) && !back) beast_dynamic(cr, L, t, ex, vis, blink);
}

/* ---- robot ---- */

#define ROBOT_HY (-64.0)

static void glow(cairo_t *cr, struct rgb c, double a)
{
	cairo_set_source_rgba(cr, fmin(1, c.r * 1.25 + 0.15), fmin(1, c.g * 1.25 + 0.15), fmin(1, c.b * 1.25 + 0.15), a);
}

static void robot_static(cairo_t *cr, const struct chr_look *L, double t, int back, unsigned limbs)
{
	struct rgb joint = chr_mix(L->trim, L->main, 0.35);
	crt_shadow(cr, 14, 0.2);
	double bx = t * 1.0, hx = t * 1.6;
	/* legs and feet */
	for (int s = -1; s <= 1; s += 2) {
		double x = bx + s * 5.5;
		cairo_rectangle(cr, x - 1.8, -18, 3.6, 15);
		chr_fill(cr, joint, x - 1.8, x + 1.8, 0.3);
		chr_round_rect(cr, x - 4, -4.5, 8, 4.5, 1.4);
		chr_fill(cr, L->main, x - 4, x + 4, 0.34);
	}
	/* arms hanging at the sides, claw hands */
	for (int s = -1; s <= 1; s += 2) {
		if (crt_limb_skip(limbs, s)) continue;   /* posed: drawn by crt_pose_draw */
		double x = bx + s * 15.5;
		crt_ellipse(cr, x - s * 1.5, -46, 3.2, 3.2);
		chr_fill(cr, joint, x - 4, x + 1, 0.3);
		cairo_rectangle(cr, x - 1.6, -45, 3.2, 18);
		chr_fill(cr, L->main, x - 1.6, x + 1.6, 0.34);
		crt_ellipse(cr, x, -25.5, 2.6, 2.6);
		chr_fill(cr, L->accent, x - 2.6, x + 2.6, 0.3);
	}
	/* torso box with a chest panel */
	chr_round_rect(cr, bx - 13, -51, 26, 34, 4);
	chr_fill(cr, L->main, bx - 13, bx + 13, 0.4);
	if (!back) {
		chr_round_rect(cr, bx + t * 1.5 - 7.5, -45, 15, 12, 2);
		chr_fill(cr, L->trim, bx - 7, bx + 7, 0.3);
		for (int i = 0; i < 3; i++) {
			crt_ellipse(cr, bx + t * 1.5 - 4 + i * 4, -39, 1.3, 1.3);
			glow(cr, i == 1 ? L->accent : chr_mix(L->accent, (struct rgb){ 0.3, 0.9, 0.4 }, 0.6), 0.95);
			cairo_fill(cr);
		}
		for (int i = 0; i < 3; i++) {
			cairo_rectangle(cr, bx + t * 1.5 - 6 + i * 4.4, -29, 3.2, 1.2);
			chr_rgb(cr, chr_mul(L->main, 0.7));
			cairo_fill(cr);
		}
	} else {
		chr_round_rect(cr, bx - 6, -46, 12, 18, 1.5);
		chr_fill(cr, chr_mul(L->main, 0.85), bx - 6, bx + 6, 0.3);
	}
	/* neck, antenna, head */
	cairo_rectangle(cr, hx - 3, -55, 6, 5);
	chr_fill(cr, joint, hx - 3, hx + 3, 0.3);
	cairo_move_to(cr, hx - t * 1.5, ROBOT_HY - 10);
	cairo_line_to(cr, hx - t * 2.0, ROBOT_HY - 16);
	chr_rgb(cr, chr_line(L->main));
	cairo_set_line_width(cr, 0.8);
	cairo_stroke(cr);
	crt_ellipse(cr, hx - t * 2.0, ROBOT_HY - 17, 1.8, 1.8);
	glow(cr, L->accent, 1);
	cairo_fill_preserve(cr);
	chr_rgb(cr, chr_line(L->accent));
	cairo_set_line_width(cr, 0.3);
	cairo_stroke(cr);
	for (int s = -1; s <= 1; s += 2) {   /* ear bolts */
		double x = hx + s * 12.6 - t * 1.2;
		chr_round_rect(cr, x - 1.6, ROBOT_HY - 3, 3.2, 6, 1);
		chr_fill(cr, L->accent, x - 1.6, x + 1.6, 0.3);
	}
	chr_round_rect(cr, hx - 12, ROBOT_HY - 10.5, 24, 20, 4);
	chr_fill(cr, L->main, hx - 12, hx + 12, 0.4);
	if (back) return;
	/* face screen turned toward the view */
	double sx = hx + t * 2.2, sw = 18 * (1 - 0.2 * fabs(t));
	chr_round_rect(cr, sx - sw / 2, ROBOT_HY - 7.5, sw, 14, 3);
	chr_fill(cr, L->trim, sx - sw / 2, sx + sw / 2, 0.3);
	crt_ellipse(cr, sx - sw * 0.25, ROBOT_HY - 5.5, sw * 0.18, 0.8);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.12);
	cairo_fill(cr);
}

static void robot_dynamic(cairo_t *cr, const struct chr_look *L, double t, const struct chr_expr *ex, char vis, double blink)
{
	double hx = t * 1.6, sx = hx + t * 2.2, k = 1 - 0.2 * fabs(t);
	double open = (ex->eye_mode ? 0 : fmin(1.3, ex->open)) * (1 - blink);
	for (int s = -1; s <= 1; s += 2) {   /* LED eyes: rounded squares; slanted when angry; ^ when happy */
		double x = sx + s * 4.2 * k, y = ROBOT_HY - 2.2;
		if (ex->eye_mode) {
			cairo_move_to(cr, x - 1.8, y + 0.6);
			cairo_line_to(cr, x, y - 1.2);
			cairo_line_to(cr, x + 1.8, y + 0.6);
			glow(cr, L->accent, 1);
			cairo_set_line_width(cr, 0.8);
			cairo_stroke(cr);
			continue;
		}
		double h = fmax(0.5, 3.6 * open);
		chr_round_rect(cr, x - 1.8, y - h / 2, 3.6, h, fmin(0.8, h / 2));
		glow(cr, L->accent, 1);
		cairo_fill(cr);
		double tilt = ex->brow_in * 12;
		if (fabs(tilt) > 0.5) {   /* a dark bar cut across the LED as a brow */
			cairo_move_to(cr, x - 2.4, y - 2.6 + (s < 0 ? -tilt : tilt) * 0.4);
			cairo_line_to(cr, x + 2.4, y - 2.6 + (s < 0 ? tilt : -tilt) * 0.4);
			glow(cr, L->accent, 0.9);
			cairo_set_line_width(cr, 0.5);
			cairo_stroke(cr);
		}
	}
	/* LED mouth: seven bars, tall in the middle when open, bent by the expression at rest */
	double o, w;
	crt_viseme(vis, &o, &w);
	if (vis == 'X' && (ex->mouth == CHR_M_SHOUT || ex->mouth == CHR_M_O)) { o = 0.6; w = 0.5; }
	int n = 7;
	double span = (6 + 5 * w) * k, y0 = ROBOT_HY + 3.4;
	for (int i = 0; i < n; i++) {
		double u = (i - (n - 1) / 2.0) / ((n - 1) / 2.0);   /* -1..1 */
		double h = 0.6 + o * 3.2 * (1 - 0.7 * u * u);
		double cy = y0 - ex->corner * 1.0 * u * u;
		double x = sx + u * span / 2;
		cairo_rectangle(cr, x - 0.5, cy - h / 2, 1.0, h);
	}
	glow(cr, L->accent, 1);
	cairo_fill(cr);
	if (ex->blush) {
		for (int s = -1; s <= 1; s += 2) crt_ellipse(cr, sx + s * 7 * k, ROBOT_HY + 1.5, 1.4, 0.6);
		cairo_set_source_rgba(cr, 1, 0.45, 0.55, 0.8);
		cairo_fill(cr);
	}
}

void crt_draw_robot(cairo_t *cr, const struct chr_look *L, double t, int back, const struct chr_expr *ex,
                    char vis, double blink, int layers, unsigned limbs)
{
	if (layers & CHR_HEAD_STATIC) robot_static(cr, L, t, back, limbs);
	if ((layers & CHR_HEAD_DYNAMIC) && !back) robot_dynamic(cr, L, t, ex, vis, blink);
}
