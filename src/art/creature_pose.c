/* art/creature_pose.c — a shot's pose as a creature can take it (issue 14): the limbs
 * it has move the way a person's arms would.
 *   pointing       the near wing spreads / a front paw lifts / an arm points / a wisp reaches out
 *   hands_to_face  both wings, paws or arms go up to the face
 *   arms_crossed   wings or arms fold across the chest (a sitting dog or cat has no such pose)
 *   hand_on_hip    one wing or arm akimbo
 * bow and idle change nothing here. Figure units and coordinates as in creature.c and
 * creature_beast.c (feet at the origin, y up is negative); drawn on the static layer. */
#include <math.h>
#include <string.h>
#include "art/creature_parts.h"

/* the side a pointing limb takes: toward where the creature looks, else the viewer's right */
static int point_side(double t) { return t < 0 ? -1 : 1; }

unsigned crt_pose_limbs(const struct chr_look *L, const char *pose, double t, int back)
{
	if (!pose || back) return 0;
	unsigned both = CRT_LIMB_L | CRT_LIMB_R, one = point_side(t) < 0 ? CRT_LIMB_L : CRT_LIMB_R;
	int beast = L->creature == CRT_CANINE || L->creature == CRT_FELINE;
	if (!strcmp(pose, "pointing")) return one;
	if (!strcmp(pose, "hands_to_face")) return both;
	if (!strcmp(pose, "arms_crossed")) return beast || L->creature == CRT_GHOST ? 0 : both;
	if (!strcmp(pose, "hand_on_hip")) return beast || L->creature == CRT_GHOST ? 0 : (one ^ both);
	return 0;
}

/* A limb as a tapered stroke from a to b through c, then its end (hand, paw, wing tip). */
static void limb(cairo_t *cr, double ax, double ay, double cx, double cy, double bx, double by, double w, struct rgb col)
{
	cairo_move_to(cr, ax, ay);
	cairo_curve_to(cr, cx, cy, cx, cy, bx, by);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_width(cr, w + 0.6);
	chr_rgb(cr, chr_line(col));
	cairo_stroke_preserve(cr);
	cairo_set_line_width(cr, w);
	chr_rgb(cr, col);
	cairo_stroke(cr);
}

/* A wing from the shoulder (sx, sy) to the tip (tx, ty): a feathered blade. */
static void wing(cairo_t *cr, const struct chr_look *L, double sx, double sy, double tx, double ty, double width)
{
	double dx = tx - sx, dy = ty - sy, len = sqrt(dx * dx + dy * dy), nx = -dy / len, ny = dx / len;
	cairo_move_to(cr, sx + nx * width * 0.5, sy + ny * width * 0.5);
	cairo_curve_to(cr, sx + dx * 0.5 + nx * width, sy + dy * 0.5 + ny * width, tx + nx * 1.2, ty + ny * 1.2, tx, ty);
	cairo_curve_to(cr, tx - nx * 2.5, ty - ny * 2.5, sx + dx * 0.5 - nx * width * 0.6, sy + dy * 0.5 - ny * width * 0.6,
	               sx - nx * width * 0.5, sy - ny * width * 0.5);
	cairo_close_path(cr);
	chr_fill(cr, L->accent, fmin(sx, tx), fmax(sx, tx), 0.3);
	for (int i = 1; i <= 3; i++) {   /* feather lines toward the tip */
		double k = 0.45 + 0.15 * i;
		cairo_move_to(cr, sx + dx * k + nx * width * 0.45, sy + dy * k + ny * width * 0.45);
		cairo_line_to(cr, sx + dx * (k + 0.12) - nx * width * 0.2, sy + dy * (k + 0.12) - ny * width * 0.2);
	}
	cairo_set_source_rgba(cr, 0, 0, 0, 0.22);
	cairo_set_line_width(cr, 0.35);
	cairo_stroke(cr);
}

static void bird(cairo_t *cr, const struct chr_look *L, double t, const char *pose, unsigned limbs)
{
	double bx = t * 0.8, hx = t * 1.2, sy = -80;
	for (int s = -1; s <= 1; s += 2) {
		if (!crt_limb_skip(limbs, s)) continue;
		double sx = bx + s * 5.8;
		if (!strcmp(pose, "pointing")) wing(cr, L, sx, sy, sx + s * 15, sy - 9, 5.5);            /* spread out and up */
		else if (!strcmp(pose, "hands_to_face")) wing(cr, L, sx, sy + 2, hx + s * 6.2, -86, 4.2); /* tips at the cheeks */
		else if (!strcmp(pose, "arms_crossed")) wing(cr, L, sx, sy, bx - s * 3.5, -66, 4.5);      /* across the chest */
		else wing(cr, L, sx, sy, sx + s * 6, -70, 4.5);                                            /* akimbo */
	}
}

static void beast(cairo_t *cr, const struct chr_look *L, double t, const char *pose, unsigned limbs)
{
	int cat = L->creature == CRT_FELINE;
	double hx = t * 2.0, hy = cat ? -31 : -36, my = hy + (cat ? 3.2 : 4.2);
	for (int s = -1; s <= 1; s += 2) {
		if (!crt_limb_skip(limbs, s)) continue;
		double x = t * 2.4 + s * 3.6 * (1 - 0.25 * fabs(t));
		double px = !strcmp(pose, "pointing") ? x + s * 5 : hx + s * 4.2, py = !strcmp(pose, "pointing") ? -21 : my + 1.5;
		limb(cr, x, -18, x + s * 2, (py - 18) / 2, px, py, 4.2, L->main);
		crt_ellipse(cr, px, py, 2.7, 2.1);   /* the paw, pads toward us */
		chr_fill(cr, L->trim, px - 2.7, px + 2.7, 0.3);
	}
}

static void robot(cairo_t *cr, const struct chr_look *L, double t, const char *pose, unsigned limbs)
{
	double bx = t * 1.0, hx = t * 1.6, sy = -46;
	for (int s = -1; s <= 1; s += 2) {
		if (!crt_limb_skip(limbs, s)) continue;
		double sx = bx + s * 14, ex, ey, hx2, hy2;
		if (!strcmp(pose, "pointing")) { ex = sx + s * 7; ey = sy - 2; hx2 = sx + s * 14; hy2 = sy - 8; }
		else if (!strcmp(pose, "hands_to_face")) { ex = sx + s * 3; ey = sy + 8; hx2 = hx + s * 9; hy2 = -62; }
		else if (!strcmp(pose, "arms_crossed")) { ex = sx + s * 2; ey = sy + 9; hx2 = bx - s * 7; hy2 = sy + 6; }
		else { ex = sx + s * 7; ey = sy + 9; hx2 = sx + s * 1; hy2 = sy + 18; }
		limb(cr, sx, sy, ex, ey, hx2, hy2, 3.2, L->main);
		crt_ellipse(cr, hx2, hy2, 2.6, 2.6);   /* claw hand */
		chr_fill(cr, L->accent, hx2 - 2.6, hx2 + 2.6, 0.3);
	}
}

static void ghost(cairo_t *cr, const struct chr_look *L, double t, const char *pose, unsigned limbs)
{
	double hx = t * 1.0;
	cairo_push_group(cr);
	for (int s = -1; s <= 1; s += 2) {
		if (!crt_limb_skip(limbs, s)) continue;
		int point = !strcmp(pose, "pointing");
		double sx = hx + s * 14, sy = -52, tx = point ? sx + s * 13 : hx + s * 9, ty = point ? sy - 6 : -74;
		limb(cr, sx, sy, sx + s * (point ? 6 : 5), sy + (point ? 2 : -6), tx, ty, 4.5, L->main);
	}
	cairo_pop_group_to_source(cr);
	cairo_paint_with_alpha(cr, 0.8);   /* translucent like the sheet */
}

void crt_pose_draw(cairo_t *cr, const struct chr_look *L, double t, const char *pose, unsigned limbs)
{
	if (!pose || !limbs) return;
	cairo_save(cr);
	switch (L->creature) {
	case CRT_BIRD: bird(cr, L, t, pose, limbs); break;
	case CRT_CANINE: case CRT_FELINE: beast(cr, L, t, pose, limbs); break;
	case CRT_GHOST: ghost(cr, L, t, pose, limbs); break;
	default: robot(cr, L, t, pose, limbs); break;
	}
	cairo_restore(cr);
}
