/* art/character_body.c — the procedural character's body below the head: legs and
 * lower garments (trousers, skirts, robes), the torso with collars, coats, belts and
 * sashes, aprons, armour and emblems, body accessories (tie, badge, stethoscope...), and
 * arms with hands for each pose. Figure units as in character.c. */
#include <math.h>
#include <string.h>
#include "art/character_parts.h"

static const struct rgb SHOE = { 0.20, 0.17, 0.20 };
/* x of a body point seen in the current view: the far side is foreshortened (a profile
 * narrows this three-quarter body further, chr_body_squash). */
static double vx(const struct chr_fig *f, double x)
{
	if (f->t == 0) return x;
	return ((x * f->t > 0) ? x * 0.72 : x * 0.96) + f->t * f->hr * 0.12;
}

double chr_profness(const struct chr_fig *f)
{
	double p = (fabs(f->yaw) - 0.5) / 0.5;
	return p < 0 ? 0 : p > 1 ? 1 : p;
}

void chr_body_squash(cairo_t *cr, const struct chr_fig *f)
{
	double p = chr_profness(f), c = vx(f, 0);
	if (p <= 0) return;
	cairo_translate(cr, c, 0);
	cairo_scale(cr, 1 - 0.4 * p, 1);
	cairo_translate(cr, -c, 0);
}

/* centre line of the chest (buttons, tie, collar point) */
static double cl(const struct chr_fig *f) { return f->t * f->sh_w * 0.3; }

static struct rgb slot(const struct chr_look *L, int s)
{
	return s == 0 ? L->main : s == 1 ? L->accent : L->trim;
}

/* ---- legs and lower garments ---- */

static void leg_path(cairo_t *cr, const struct chr_fig *f, double top, double top_w, double bot, double scale)
{
	double hw = f->hip_w * scale;
	cairo_move_to(cr, vx(f, -top_w), top);
	cairo_curve_to(cr, vx(f, -hw * 1.02), (top + f->crotch) / 2, vx(f, -hw * 0.95), f->knee - 6, vx(f, -hw * 0.7), f->knee);
	cairo_curve_to(cr, vx(f, -hw * 0.66), f->knee + 6, vx(f, -hw * 0.62), bot - 3, vx(f, -hw * 0.55), bot);
	cairo_line_to(cr, vx(f, -hw * 0.12), bot);
	cairo_curve_to(cr, vx(f, -hw * 0.12), f->knee, vx(f, -hw * 0.08), f->crotch + 4, vx(f, 0), f->crotch);
	cairo_curve_to(cr, vx(f, hw * 0.08), f->crotch + 4, vx(f, hw * 0.12), f->knee, vx(f, hw * 0.12), bot);
	cairo_line_to(cr, vx(f, hw * 0.55), bot);
	cairo_curve_to(cr, vx(f, hw * 0.62), bot - 3, vx(f, hw * 0.66), f->knee + 6, vx(f, hw * 0.7), f->knee);
	cairo_curve_to(cr, vx(f, hw * 0.95), f->knee - 6, vx(f, hw * 1.02), (top + f->crotch) / 2, vx(f, top_w), top);
	cairo_close_path(cr);
}

static void shoes(cairo_t *cr, const struct chr_fig *f, struct rgb c)
{
	for (int s = -1; s <= 1; s += 2) {
		double x = vx(f, s * f->hip_w * 0.34) + f->t * f->hip_w * 0.12;
		double w = f->hip_w * 0.27 * (1 + 0.25 * fabs(f->t)), h = f->ankle * -1.3;
		cairo_save(cr);
		cairo_move_to(cr, x - w, 0);
		cairo_curve_to(cr, x - w * 1.05, -h * 1.2, x + w * 1.05, -h * 1.2, x + w, 0);
		cairo_close_path(cr);
		cairo_restore(cr);
		chr_fill(cr, c, x - w, x + w, f->lw);
	}
}

static void skirt(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f, double top, double bottom,
                  double flare, struct rgb c, int pleats)
{
	double tw = f->waist_w * 1.02, bw = f->hip_w * flare;
	cairo_move_to(cr, vx(f, -tw), top);
	cairo_curve_to(cr, vx(f, -f->hip_w * 1.05), f->hip, vx(f, -bw), bottom - 4, vx(f, -bw), bottom);
	cairo_curve_to(cr, vx(f, -bw * 0.5), bottom + 1.2, vx(f, bw * 0.5), bottom + 1.2, vx(f, bw), bottom);
	cairo_curve_to(cr, vx(f, bw), bottom - 4, vx(f, f->hip_w * 1.05), f->hip, vx(f, tw), top);
	cairo_close_path(cr);
	chr_fill(cr, c, -bw, bw, f->lw);
	if (pleats) {
		chr_rgb(cr, chr_mul(c, 0.7));
		cairo_set_line_width(cr, f->lw * 0.6);
		for (int i = -2; i <= 2; i++) {
			double u = i / 2.6;
			cairo_move_to(cr, vx(f, u * tw), f->hip);
			cairo_line_to(cr, vx(f, u * bw), bottom + 0.5);
		}
		cairo_stroke(cr);
	}
}

void chr_draw_lower(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f)
{
	const struct chr_outfit *o = &L->o;
	struct rgb lc = slot(L, o->lower_slot);
	int ancient = o->collar == COL_CROSS;
	struct rgb shoe = ancient ? chr_mul(L->accent, 0.5) : SHOE;
	switch (o->lower) {
	case LO_TROUSERS:
		leg_path(cr, f, f->waist, f->waist_w, f->ankle, L->female ? 0.92 : 1.0);
		chr_fill(cr, lc, -f->hip_w, f->hip_w, f->lw);
		shoes(cr, f, shoe);
		break;
	case LO_SKIRT_SHORT: case LO_SKIRT_KNEE: case LO_SKIRT_LONG: {
		double bottom = o->lower == LO_SKIRT_SHORT ? (f->crotch + f->knee) / 2 + 2
		              : o->lower == LO_SKIRT_KNEE ? f->knee + 1.5 : f->ankle - 1;
		leg_path(cr, f, f->hip, f->hip_w * 0.9, f->ankle, 0.78);
		chr_fill(cr, L->skin, -f->hip_w, f->hip_w, f->lw);
		if (o->socks) {
			struct rgb sc = chr_mul(L->accent, 0.55);
			cairo_save(cr);
			leg_path(cr, f, f->hip, f->hip_w * 0.9, f->ankle, 0.78);
			cairo_clip(cr);
			cairo_rectangle(cr, -f->hip_w * 2, f->knee + 3, f->hip_w * 4, -f->knee);
			chr_rgb(cr, sc);
			cairo_fill(cr);
			cairo_restore(cr);
		}
		shoes(cr, f, o->socks ? (struct rgb){ 0.30, 0.20, 0.16 } : shoe);
		skirt(cr, L, f, f->waist, bottom, o->lower == LO_SKIRT_LONG ? 1.45 : 1.3, lc, o->pleats);
		break;
	}
	case LO_ROBE:
		shoes(cr, f, shoe);
		skirt(cr, L, f, f->waist, f->ankle - 0.5, 1.38, lc, 0);
		/* front panel line of a wrapped robe */
		chr_rgb(cr, chr_line(lc));
		cairo_set_line_width(cr, f->lw * 0.7);
		cairo_move_to(cr, vx(f, -f->waist_w * 0.3) + cl(f), f->waist);
		cairo_line_to(cr, vx(f, -f->hip_w * 0.55) + cl(f), f->ankle - 1);
		cairo_stroke(cr);
		break;
	}
}

/* ---- torso and garments ---- */

static void torso_path(cairo_t *cr, const struct chr_fig *f, double bottom, double bottom_w)
{
	double sw = f->sh_w, top = f->sh - f->hh * 0.02;
	cairo_move_to(cr, vx(f, -f->neck_w * 1.3), top);
	cairo_curve_to(cr, vx(f, -sw * 0.55), top + 0.3, vx(f, -sw * 0.97), top + 1.6, vx(f, -sw), f->sh + f->hh * 0.2);
	cairo_curve_to(cr, vx(f, -sw * 1.0), f->chest, vx(f, -f->waist_w * 1.05), f->waist - 6, vx(f, -f->waist_w), f->waist);
	cairo_curve_to(cr, vx(f, -f->waist_w * 0.98), (f->waist + bottom) / 2, vx(f, -bottom_w), bottom - 2, vx(f, -bottom_w), bottom);
	cairo_line_to(cr, vx(f, bottom_w), bottom);
	cairo_curve_to(cr, vx(f, bottom_w), bottom - 2, vx(f, f->waist_w * 0.98), (f->waist + bottom) / 2, vx(f, f->waist_w), f->waist);
	cairo_curve_to(cr, vx(f, f->waist_w * 1.05), f->waist - 6, vx(f, sw * 1.0), f->chest, vx(f, sw), f->sh + f->hh * 0.2);
	cairo_curve_to(cr, vx(f, sw * 0.97), top + 1.6, vx(f, sw * 0.55), top + 0.3, vx(f, f->neck_w * 1.3), top);
	cairo_close_path(cr);
}

static void band(cairo_t *cr, struct rgb c, double w, double lw)
{
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_path_t *p = cairo_copy_path(cr);
	chr_rgb(cr, chr_line(c));
	cairo_set_line_width(cr, w + 2 * lw);
	cairo_stroke(cr);
	cairo_append_path(cr, p);
	chr_rgb(cr, c);
	cairo_set_line_width(cr, w);
	cairo_stroke(cr);
	cairo_path_destroy(p);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
}

static void collar(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f)
{
	const struct chr_outfit *o = &L->o;
	struct rgb in = slot(L, o->inner_slot);
	double c = cl(f), top = f->sh - f->hh * 0.02, nw = f->neck_w * 1.3, lw = f->lw;
	double vbot = f->chest + (f->waist - f->chest) * 0.35;
	switch (o->collar) {
	case COL_ROUND:
		cairo_move_to(cr, vx(f, -nw), top);
		cairo_curve_to(cr, vx(f, -nw * 0.8), top + 2.2, vx(f, nw * 0.8), top + 2.2, vx(f, nw), top);
		band(cr, chr_mul(L->main, 0.85), 0.8, lw * 0.6);
		break;
	case COL_VNECK:
		cairo_move_to(cr, vx(f, -nw), top);
		cairo_line_to(cr, c, f->chest - 1);
		cairo_line_to(cr, vx(f, nw), top);
		cairo_close_path(cr);
		chr_fill(cr, L->skin, -nw, nw, lw * 0.7);
		break;
	case COL_SHIRT: case COL_LAPEL: case COL_SAILOR:
		if (o->collar != COL_SHIRT || o->coat) {
			/* V opening showing the shirt */
			cairo_move_to(cr, vx(f, -nw), top);
			cairo_line_to(cr, c, vbot);
			cairo_line_to(cr, vx(f, nw), top);
			cairo_close_path(cr);
			chr_fill(cr, o->collar == COL_SAILOR ? L->trim : in, -nw, nw, lw * 0.7);
		}
		if (o->collar == COL_LAPEL) {
			struct rgb lc = chr_mul(L->main, 0.9);
			for (int s = -1; s <= 1; s += 2) {
				cairo_move_to(cr, vx(f, s * nw), top);
				cairo_line_to(cr, vx(f, s * nw * 1.9), f->sh + (vbot - f->sh) * 0.35);
				cairo_line_to(cr, vx(f, s * nw * 1.35), f->sh + (vbot - f->sh) * 0.45);
				cairo_line_to(cr, c + s * 0.3, vbot);
				cairo_line_to(cr, c + s * 0.05, vbot);
				cairo_close_path(cr);
				chr_fill(cr, lc, -nw * 2, nw * 2, lw * 0.7);
			}
		}
		if (o->collar == COL_SAILOR) {
			struct rgb sc = chr_mul(L->accent, 0.9);
			cairo_move_to(cr, vx(f, -nw), top);
			cairo_line_to(cr, vx(f, -f->sh_w * 0.85), f->sh + 1);
			cairo_line_to(cr, vx(f, -f->sh_w * 0.8), f->sh + f->hh * 0.45);
			cairo_line_to(cr, c, vbot);
			cairo_line_to(cr, vx(f, f->sh_w * 0.8), f->sh + f->hh * 0.45);
			cairo_line_to(cr, vx(f, f->sh_w * 0.85), f->sh + 1);
			cairo_line_to(cr, vx(f, nw), top);
			cairo_line_to(cr, c, vbot - 3);
			cairo_close_path(cr);
			chr_fill(cr, sc, -f->sh_w, f->sh_w, lw * 0.7);
			/* scarf knot */
			cairo_move_to(cr, c, vbot - 1);
			cairo_line_to(cr, c - 2.2, vbot + 3.5);
			cairo_line_to(cr, c + 2.2, vbot + 3.5);
			cairo_close_path(cr);
			chr_fill(cr, (struct rgb){ 0.82, 0.22, 0.27 }, c - 2, c + 2, lw * 0.6);
		} else {
			/* shirt collar points */
			for (int s = -1; s <= 1; s += 2) {
				cairo_move_to(cr, vx(f, s * nw * 1.05), top - 1.0);
				cairo_line_to(cr, c + s * nw * 0.15, top + 2.6);
				cairo_line_to(cr, vx(f, s * nw * 1.3), top + 2.0);
				cairo_close_path(cr);
				chr_fill(cr, in, -nw, nw, lw * 0.6);
			}
		}
		break;
	case COL_CROSS: {
		/* inner robe, then the left-over-right wrapped collar */
		cairo_move_to(cr, vx(f, -nw * 1.1), top);
		cairo_line_to(cr, c + f->waist_w * 0.1, vbot + 2);
		cairo_line_to(cr, vx(f, nw * 1.1), top);
		cairo_close_path(cr);
		chr_fill(cr, chr_mul(L->trim, 1.1), -nw, nw, lw * 0.6);
		double bw = f->hr * 0.3;
		cairo_move_to(cr, vx(f, -nw * 1.05), top - 0.3);
		cairo_line_to(cr, c + f->waist_w * 0.25, f->chest + 2);
		band(cr, chr_mul(L->trim, 0.95), bw * 0.8, lw * 0.6);
		cairo_move_to(cr, vx(f, nw * 1.05), top - 0.3);
		cairo_curve_to(cr, c, f->chest - 2, c - f->waist_w * 0.45, f->waist - 6, vx(f, -f->waist_w * 0.75), f->waist - 1);
		band(cr, L->trim, bw, lw * 0.6);
		break;
	}
	case COL_MANDARIN:
		cairo_rectangle(cr, vx(f, -nw * 0.95), top - 2.2, vx(f, nw * 0.95) - vx(f, -nw * 0.95), 2.6);
		chr_fill(cr, L->trim, -nw, nw, lw * 0.6);
		chr_rgb(cr, chr_line(L->main));
		cairo_set_line_width(cr, lw * 0.6);
		cairo_move_to(cr, c, top + 0.4);
		cairo_line_to(cr, c, f->hip);
		cairo_stroke(cr);
		break;
	}
}

static void draw_coat(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f)
{
	double bottom = f->knee + 2, bw = f->hip_w * 1.22;
	torso_path(cr, f, bottom, bw);
	chr_fill(cr, L->main, -f->sh_w, f->sh_w, f->lw);
	/* opening: shirt above the waist, lower garment below */
	double c = cl(f), nw = f->neck_w * 1.3, top = f->sh - f->hh * 0.02;
	cairo_save(cr);
	cairo_move_to(cr, vx(f, -nw), top);
	cairo_line_to(cr, c - f->hip_w * 0.22, f->waist);
	cairo_line_to(cr, c - f->hip_w * 0.42, bottom);
	cairo_line_to(cr, c + f->hip_w * 0.42, bottom);
	cairo_line_to(cr, c + f->hip_w * 0.22, f->waist);
	cairo_line_to(cr, vx(f, nw), top);
	cairo_close_path(cr);
	cairo_path_t *open = cairo_copy_path(cr);
	cairo_clip(cr);
	chr_rgb(cr, slot(L, L->o.inner_slot));
	cairo_paint(cr);
	chr_rgb(cr, slot(L, L->o.lower_slot));
	cairo_rectangle(cr, -50, f->waist, 100, 100);
	cairo_fill(cr);
	cairo_restore(cr);
	cairo_append_path(cr, open);
	cairo_path_destroy(open);
	chr_rgb(cr, chr_line(L->main));
	cairo_set_line_width(cr, f->lw);
	cairo_stroke(cr);
}

static void belt(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f)
{
	double y = f->waist, w = f->waist_w * 1.04;
	if (L->o.belt == 1) {
		cairo_rectangle(cr, vx(f, -w), y - 1.1, vx(f, w) - vx(f, -w), 2.2);
		chr_fill(cr, (struct rgb){ 0.22, 0.18, 0.2 }, -w, w, f->lw * 0.6);
		cairo_rectangle(cr, cl(f) - 1.1, y - 1.3, 2.2, 2.6);
		chr_fill(cr, (struct rgb){ 0.86, 0.72, 0.38 }, -1, 1, f->lw * 0.5);
	} else if (L->o.belt == 2) {
		double h = f->hh * 0.32;
		cairo_move_to(cr, vx(f, -w * 1.02), y - h * 0.6);
		cairo_line_to(cr, vx(f, w * 1.02), y - h * 0.6);
		cairo_line_to(cr, vx(f, w * 1.04), y + h * 0.5);
		cairo_line_to(cr, vx(f, -w * 1.04), y + h * 0.5);
		cairo_close_path(cr);
		chr_fill(cr, L->accent, -w, w, f->lw * 0.7);
		/* hanging sash ends */
		double x = cl(f) + f->waist_w * 0.2;
		cairo_move_to(cr, x - 1.2, y + h * 0.4);
		cairo_line_to(cr, x - 2.2, f->hip + f->hh * 0.9);
		cairo_line_to(cr, x, f->hip + f->hh * 0.8);
		cairo_line_to(cr, x + 1.8, f->hip + f->hh * 1.0);
		cairo_line_to(cr, x + 1.4, y + h * 0.4);
		cairo_close_path(cr);
		chr_fill(cr, chr_mul(L->accent, 0.95), x - 2, x + 2, f->lw * 0.6);
		/* jade pendant */
		cairo_arc(cr, x - 3.2, f->hip + 1.5, 1.1, 0, 2 * M_PI);
		chr_fill(cr, (struct rgb){ 0.45, 0.75, 0.6 }, x - 4, x - 2, f->lw * 0.5);
	}
}

static void apron(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f)
{
	double c = cl(f), w = f->waist_w * 0.85, bw = f->hip_w * 1.0;
	struct rgb a = L->trim;
	cairo_move_to(cr, c - w * 0.55, f->chest - 2);
	cairo_line_to(cr, c + w * 0.55, f->chest - 2);
	cairo_line_to(cr, c + w * 0.62, f->waist);
	cairo_curve_to(cr, c + bw, f->waist + 2, c + bw, f->knee - 8, c + bw * 0.95, f->knee - 4);
	cairo_line_to(cr, c - bw * 0.95, f->knee - 4);
	cairo_curve_to(cr, c - bw, f->knee - 8, c - bw, f->waist + 2, c - w * 0.62, f->waist);
	cairo_close_path(cr);
	chr_fill(cr, a, c - bw, c + bw, f->lw * 0.8);
	/* straps and a pocket */
	chr_rgb(cr, chr_line(a));
	cairo_set_line_width(cr, f->lw * 0.6);
	cairo_move_to(cr, c - w * 0.5, f->chest - 2);
	cairo_line_to(cr, vx(f, -f->neck_w * 1.2), f->sh);
	cairo_move_to(cr, c + w * 0.5, f->chest - 2);
	cairo_line_to(cr, vx(f, f->neck_w * 1.2), f->sh);
	cairo_stroke(cr);
	cairo_rectangle(cr, c - w * 0.5, f->hip + 1, w, f->hh * 0.35);
	cairo_stroke(cr);
	cairo_move_to(cr, vx(f, -f->waist_w), f->waist);
	cairo_line_to(cr, vx(f, f->waist_w), f->waist);
	band(cr, chr_mul(a, 0.92), 1.2, f->lw * 0.5);
}

static void armour(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f)
{
	struct rgb m = chr_mix(L->main, (struct rgb){ 0.62, 0.62, 0.66 }, 0.45), g = L->trim;
	double w = f->waist_w * 1.08;
	/* chest plate with lamellar rows */
	cairo_move_to(cr, vx(f, -f->sh_w * 0.8), f->sh + 2);
	cairo_line_to(cr, vx(f, f->sh_w * 0.8), f->sh + 2);
	cairo_line_to(cr, vx(f, w), f->waist + 2);
	cairo_line_to(cr, vx(f, -w), f->waist + 2);
	cairo_close_path(cr);
	cairo_path_t *p = cairo_copy_path(cr);
	chr_fill(cr, m, -w, w, f->lw);
	cairo_save(cr);
	cairo_append_path(cr, p);
	cairo_clip(cr);
	chr_rgb(cr, chr_mul(m, 0.6));
	cairo_set_line_width(cr, f->lw * 0.5);
	for (double y = f->sh + 5; y < f->waist + 2; y += 2.6) {
		cairo_move_to(cr, -30, y);
		for (double x = -30; x < 30; x += 2.4) cairo_curve_to(cr, x, y + 1.2, x + 2.4, y + 1.2, x + 2.4, y);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
	cairo_path_destroy(p);
	/* round chest mirror */
	cairo_arc(cr, cl(f), f->chest, f->hr * 0.45, 0, 2 * M_PI);
	chr_fill(cr, g, cl(f) - 3, cl(f) + 3, f->lw * 0.7);
	/* shoulder guards */
	for (int s = -1; s <= 1; s += 2) {
		double x = vx(f, s * f->sh_w * 0.95);
		cairo_move_to(cr, x - s * f->hr * 0.9, f->sh - 1);
		cairo_curve_to(cr, x + s * f->hr * 0.5, f->sh - 2.5, x + s * f->hr * 0.8, f->sh + 3, x + s * f->hr * 0.6, f->sh + f->hh * 0.55);
		cairo_line_to(cr, x - s * f->hr * 0.4, f->sh + f->hh * 0.5);
		cairo_close_path(cr);
		chr_fill(cr, m, x - 4, x + 4, f->lw);
		cairo_move_to(cr, x - s * f->hr * 0.4, f->sh + f->hh * 0.5);
		cairo_line_to(cr, x + s * f->hr * 0.6, f->sh + f->hh * 0.55);
		band(cr, g, 0.9, f->lw * 0.5);
	}
}

static void emblem(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f)
{
	/* a round dragon medallion: gold disc, a coiled body, a small head */
	struct rgb gold = { 0.95, 0.78, 0.36 };
	double x = cl(f) - f->waist_w * 0.4, y = f->chest + 1, r = f->hr * 0.6;
	cairo_arc(cr, x, y, r, 0, 2 * M_PI);
	chr_fill(cr, gold, x - r, x + r, f->lw * 0.6);
	cairo_arc(cr, x, y, r * 0.82, 0, 2 * M_PI);
	chr_rgb(cr, chr_mul(gold, 0.7));
	cairo_set_line_width(cr, f->lw * 0.35);
	cairo_stroke(cr);
	struct rgb d = chr_mul(L->accent, 0.8);
	chr_rgb(cr, d);
	cairo_set_line_width(cr, r * 0.16);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	for (int i = 0; i <= 30; i++) {
		double a = 0.5 + i * 0.36, rr = r * (0.62 - i * 0.014);
		double px = x + cos(a) * rr, py = y + sin(a) * rr * 0.85 + sin(i * 1.3) * r * 0.04;
		if (!i) cairo_move_to(cr, px, py); else cairo_line_to(cr, px, py);
	}
	cairo_stroke(cr);
	cairo_arc(cr, x + cos(0.5) * r * 0.62, y + sin(0.5) * r * 0.53, r * 0.15, 0, 2 * M_PI);
	chr_rgb(cr, d);
	cairo_fill(cr);
}

static void body_accessories(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f)
{
	double c = cl(f), top = f->sh - f->hh * 0.02 + 2.2, lw = f->lw * 0.7;
	if (L->acc & (1u << ACC_TIE)) {
		double w = f->neck_w * 0.45, y1 = f->chest + (f->waist - f->chest) * 0.75;
		cairo_move_to(cr, c - w, top);
		cairo_line_to(cr, c + w, top);
		cairo_line_to(cr, c + w * 0.6, top + 1.8);
		cairo_line_to(cr, c + w * 1.3, y1 - 1.5);
		cairo_line_to(cr, c, y1);
		cairo_line_to(cr, c - w * 1.3, y1 - 1.5);
		cairo_line_to(cr, c - w * 0.6, top + 1.8);
		cairo_close_path(cr);
		chr_fill(cr, L->accent, c - w, c + w, lw);
	}
	if (L->acc & (1u << ACC_BOWTIE)) {
		double w = f->neck_w * 0.9;
		cairo_move_to(cr, c, top + 0.5);
		cairo_line_to(cr, c - w, top - 0.8);
		cairo_line_to(cr, c - w, top + 1.8);
		cairo_close_path(cr);
		cairo_move_to(cr, c, top + 0.5);
		cairo_line_to(cr, c + w, top - 0.8);
		cairo_line_to(cr, c + w, top + 1.8);
		cairo_close_path(cr);
		chr_fill(cr, L->accent, c - w, c + w, lw);
	}
	if (L->acc & (1u << ACC_NECKLACE)) {
		cairo_move_to(cr, vx(f, -f->neck_w * 1.1), top - 2);
		cairo_curve_to(cr, vx(f, -f->neck_w), top + 2.5, vx(f, f->neck_w), top + 2.5, vx(f, f->neck_w * 1.1), top - 2);
		cairo_set_source_rgb(cr, 0.93, 0.82, 0.5);
		cairo_set_line_width(cr, 0.35);
		cairo_stroke(cr);
		cairo_arc(cr, c, top + 1.6, 0.8, 0, 2 * M_PI);
		chr_fill(cr, (struct rgb){ 0.85, 0.3, 0.4 }, c - 1, c + 1, 0.2);
	}
	if (L->acc & (1u << ACC_BADGE)) {
		double x = c - f->sh_w * 0.45, y = f->chest - 1;
		cairo_move_to(cr, x, y - 1.8);
		cairo_line_to(cr, x + 1.5, y - 1);
		cairo_line_to(cr, x + 1.2, y + 1);
		cairo_line_to(cr, x, y + 2);
		cairo_line_to(cr, x - 1.2, y + 1);
		cairo_line_to(cr, x - 1.5, y - 1);
		cairo_close_path(cr);
		chr_fill(cr, (struct rgb){ 0.92, 0.76, 0.35 }, x - 1.5, x + 1.5, lw * 0.7);
	}
	if (L->acc & (1u << ACC_STETHO)) {
		struct rgb g = { 0.35, 0.38, 0.45 };
		chr_rgb(cr, g);
		cairo_set_line_width(cr, 0.7);
		cairo_move_to(cr, vx(f, -f->neck_w * 1.3), top - 2.4);
		cairo_curve_to(cr, vx(f, -f->neck_w * 1.8), f->chest, c - 1, f->chest + 3, c + 1.5, f->chest + 5);
		cairo_move_to(cr, vx(f, f->neck_w * 1.3), top - 2.4);
		cairo_curve_to(cr, vx(f, f->neck_w * 1.6), f->chest - 2, vx(f, f->sh_w * 0.5), f->chest, vx(f, f->sh_w * 0.45), f->chest + 4);
		cairo_stroke(cr);
		cairo_arc(cr, c + 1.5, f->chest + 5.5, 1.1, 0, 2 * M_PI);
		chr_fill(cr, (struct rgb){ 0.75, 0.77, 0.8 }, c, c + 3, 0.3);
	}
}

/* ---- arms ---- */


/* A hand that cannot reach its target stops where the forearm ends. */
static void reach(const struct chr_fig *f, struct chr_arm *a)
{
	double dx = a->wx - a->ex, dy = a->wy - a->ey, d = hypot(dx, dy);
	if (d <= f->L2) return;
	a->wx = a->ex + dx * f->L2 / d;
	a->wy = a->ey + dy * f->L2 / d;
}

/* Arm of screen side s (-1 left, +1 right) for a pose. */
static void arm_pose(const struct chr_fig *f, const char *pose, int s, struct chr_arm *a);

void chr_arm_pose(const struct chr_fig *f, const char *pose, int s, struct chr_arm *a)
{
	arm_pose(f, pose, s, a);
	double p = chr_profness(f), c = vx(f, 0), k = 1 - 0.6 * p;
	if (p <= 0) return;
	/* in profile the shoulders are one behind the other: the arms hang near the middle */
	a->sx = c + (a->sx - c) * k; a->ex = c + (a->ex - c) * k; a->wx = c + (a->wx - c) * k;
}

static void arm_pose(const struct chr_fig *f, const char *pose, int s, struct chr_arm *a)
{
	double jx = vx(f, s * (f->sh_w - f->arm_w * 0.66)), jy = f->sh + f->hh * 0.3;
	int point_side = f->t < 0 ? -1 : 1;
	double a1 = 0.14, a2 = 0.06;             /* idle: angles from hanging straight down */
	a->front = 0; a->finger = 0;
	a->sx = jx; a->sy = jy;
	if (str_eq(pose, "arms_crossed")) {
		a->ex = jx + s * f->L1 * 0.3; a->ey = jy + f->L1 * 0.8;
		a->wx = a->ex - s * f->L2 * 0.95; a->wy = a->ey - f->L2 * 0.2 - (s < 0 ? 1.4 : 0);
		a->front = 1;
		reach(f, a);
		return;
	}
	if (str_eq(pose, "hands_to_face")) {
		/* elbows forward at the sides of the chest (the upper arm foreshortened), forearms
		 * up to the jaw, hands along the cheeks below the eyes and beside the mouth */
		a->ex = vx(f, s * f->sh_w * 0.8); a->ey = f->chest - f->hh * 0.12;
		a->wx = vx(f, s * f->hr * 1.0); a->wy = f->chin + f->hand * 0.3;
		a->front = 2;
		reach(f, a);
		return;
	}
	if (str_eq(pose, "bow")) {
		a->ex = jx + s * f->L1 * 0.1; a->ey = jy + f->L1 * 0.99;
		a->wx = s * f->hip_w * 0.15; a->wy = f->crotch - f->hand * 0.5;
		a->front = 1;
		reach(f, a);
		return;
	}
	if (str_eq(pose, "hand_on_hip") && s == -point_side) {
		a->ex = jx + s * f->L1 * 0.66; a->ey = jy + f->L1 * 0.74;
		a->wx = vx(f, s * f->waist_w * 1.05); a->wy = f->waist + 2;
		return;
	}
	if (str_eq(pose, "pointing") && s == point_side) {
		a1 = 1.25; a2 = 1.62;
		a->finger = 1;
	}
	a->ex = jx + s * sin(a1) * f->L1; a->ey = jy + cos(a1) * f->L1;
	a->wx = a->ex + s * sin(a2) * f->L2; a->wy = a->ey + cos(a2) * f->L2;
}

static void stroke_limb(cairo_t *cr, double w, struct rgb c, double lw)
{
	cairo_path_t *p = cairo_copy_path(cr);
	chr_rgb(cr, chr_line(c));
	cairo_set_line_width(cr, w + 2 * lw);
	cairo_stroke(cr);
	cairo_append_path(cr, p);
	chr_rgb(cr, c);
	cairo_set_line_width(cr, w);
	cairo_stroke(cr);
	cairo_path_destroy(p);
}

/* A limb from (x1,y1) to (x2,y2) narrowing from width w1 to w2, filled and outlined. */
static void taper(cairo_t *cr, double x1, double y1, double w1, double x2, double y2, double w2, struct rgb c, double lw)
{
	double a = atan2(y2 - y1, x2 - x1);
	cairo_new_path(cr);
	cairo_arc(cr, x2, y2, w2 / 2, a - M_PI / 2, a + M_PI / 2);
	cairo_arc(cr, x1, y1, w1 / 2, a + M_PI / 2, a + 3 * M_PI / 2);
	cairo_close_path(cr);
	chr_fill(cr, c, fmin(x1, x2) - w1 / 2, fmax(x1, x2) + w1 / 2, lw);
}

static void hand(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f, const struct chr_arm *a)
{
	double dx = a->wx - a->ex, dy = a->wy - a->ey, d = hypot(dx, dy);
	if (d < 1e-6) d = 1;
	dx /= d; dy /= d;
	double hx = a->wx + dx * f->hand * 0.45, hy = a->wy + dy * f->hand * 0.45;
	if (a->finger) {
		cairo_move_to(cr, hx, hy);
		cairo_line_to(cr, hx + dx * f->hand * 0.9, hy + dy * f->hand * 0.9);
		stroke_limb(cr, f->arm_w * 0.22, L->skin, f->lw * 0.7);
	}
	/* a mitten hand with the thumb toward the body's centre */
	double side = (a->wx < 0) ? 1 : -1;
	cairo_save(cr);
	cairo_translate(cr, hx, hy);
	cairo_rotate(cr, atan2(dy, dx));
	cairo_new_sub_path(cr);
	cairo_save(cr);
	cairo_translate(cr, -f->hand * 0.1, side * f->arm_w * 0.3);
	cairo_rotate(cr, side * 0.6);
	cairo_scale(cr, f->hand * 0.28, f->arm_w * 0.16);
	cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
	cairo_restore(cr);
	cairo_restore(cr);
	chr_fill(cr, L->skin, hx - 2, hx + 2, f->lw * 0.6);
	cairo_save(cr);
	cairo_translate(cr, hx, hy);
	cairo_rotate(cr, atan2(dy, dx));
	cairo_scale(cr, f->hand * 0.55, f->arm_w * 0.4);
	cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
	cairo_restore(cr);
	chr_fill(cr, L->skin, hx - 2, hx + 2, f->lw * 0.7);
	/* finger line */
	cairo_save(cr);
	cairo_translate(cr, hx, hy);
	cairo_rotate(cr, atan2(dy, dx));
	cairo_move_to(cr, f->hand * 0.05, -side * f->arm_w * 0.05);
	cairo_line_to(cr, f->hand * 0.45, -side * f->arm_w * 0.05);
	cairo_restore(cr);
	chr_rgb(cr, chr_mix(L->skin, chr_line(L->skin), 0.5));
	cairo_set_line_width(cr, f->lw * 0.45);
	cairo_stroke(cr);
}

void chr_draw_arm(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f, const struct chr_arm *a, int part)
{
	struct rgb sl = L->o.coat ? L->main : L->o.armour ? L->accent : L->main;
	double w = f->arm_w;
	if (part == 0) {                        /* upper arm */
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		if (L->o.sleeve == SL_WIDE) {
			taper(cr, a->sx, a->sy, w * 1.2, a->ex, a->ey, w * 1.05, sl, f->lw);
		} else if (L->o.sleeve == SL_SHORT || L->o.sleeve == SL_PUFF) {
					taper(cr, a->sx, a->sy, w * 0.85, a->ex, a->ey, w * 0.7, L->skin, f->lw);
		} else {
			taper(cr, a->sx, a->sy, w, a->ex, a->ey, w * 0.84, sl, f->lw);
		}
		return;
	}
	if (part == 2) {                        /* short or puff sleeve, over the torso's shoulder */
		if (L->o.sleeve != SL_SHORT && L->o.sleeve != SL_PUFF) return;
		double puff = L->o.sleeve == SL_PUFF ? 1.22 : 1.0;
		double ux = a->ex - a->sx, uy = a->ey - a->sy;
		taper(cr, a->sx + ux * 0.05, a->sy + uy * 0.05, w * 1.08 * puff, a->sx + ux * 0.42, a->sy + uy * 0.42,
		      w * 0.98 * puff, sl, f->lw);
		return;
	}
	/* forearm, sleeve end, hand */
	cairo_move_to(cr, a->ex, a->ey);
	cairo_line_to(cr, a->wx, a->wy);
	if (L->o.sleeve == SL_WIDE) {
		cairo_new_path(cr);
		hand(cr, L, f, a);
		/* a bell sleeve widening toward the wrist, drooping when the arm is raised */
		double dx = a->wx - a->ex, dy = a->wy - a->ey, d = hypot(dx, dy);
		if (d < 1e-6) d = 1;
		dx /= d; dy /= d;
		double nx = -dy, ny = dx;                  /* normal */
		double droop = fabs(dx) * f->hh * 0.7 + f->hh * 0.12;
		double ax = a->ex + nx * w * 0.62, ay = a->ey + ny * w * 0.62;
		double dxp = a->ex - nx * w * 0.62, dyp = a->ey - ny * w * 0.62;
		double bx = a->wx + nx * w * 1.25 + dx * w * 0.2, by = a->wy + ny * w * 1.25 + dy * w * 0.2;
		double cx = a->wx - nx * w * 1.25 + dx * w * 0.2, cy = a->wy - ny * w * 1.25 + dy * w * 0.2;
		if (by > cy) by += droop; else cy += droop;
		cairo_move_to(cr, ax, ay);
		cairo_curve_to(cr, ax + dx * d * 0.5, ay + dy * d * 0.5, bx - dx * w, by - dy * w, bx, by);
		cairo_curve_to(cr, (bx + cx) / 2 + dx * w * 0.4, (by + cy) / 2 + dy * w * 0.4, (bx + cx) / 2 + dx * w * 0.4, (by + cy) / 2 + dy * w * 0.4, cx, cy);
		cairo_curve_to(cr, cx - dx * w, cy - dy * w, dxp + dx * d * 0.5, dyp + dy * d * 0.5, dxp, dyp);
		cairo_close_path(cr);
		chr_fill(cr, sl, a->ex - w, a->ex + w, f->lw);
		cairo_move_to(cr, bx, by);
		cairo_curve_to(cr, (bx + cx) / 2 + dx * w * 0.4, (by + cy) / 2 + dy * w * 0.4, (bx + cx) / 2 + dx * w * 0.4, (by + cy) / 2 + dy * w * 0.4, cx, cy);
		band(cr, L->trim, 1.0, f->lw * 0.5);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		return;
	}
	if (L->o.sleeve == SL_SHORT || L->o.sleeve == SL_PUFF) taper(cr, a->ex, a->ey, w * 0.7, a->wx, a->wy, w * 0.52, L->skin, f->lw);
	else taper(cr, a->ex, a->ey, w * 0.84, a->wx, a->wy, w * 0.7, sl, f->lw);
	if (L->o.sleeve == SL_LONG && !L->o.armour) {   /* cuff */
		double dx = a->wx - a->ex, dy = a->wy - a->ey, d = hypot(dx, dy);
		if (d > 1e-6) {
			cairo_move_to(cr, a->wx - dx / d * 1.2, a->wy - dy / d * 1.2);
			cairo_line_to(cr, a->wx, a->wy);
			cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
			stroke_limb(cr, w * 0.74, L->o.coat ? L->main : chr_mul(sl, 0.85), f->lw * 0.7);
			cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		}
	}
	hand(cr, L, f, a);
}

/* ---- the figure ---- */

void chr_draw_torso(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f)
{
	const struct chr_outfit *o = &L->o;
	int robe = o->lower == LO_ROBE;
	double bottom = robe || o->jacket ? f->hip + 2 : f->hip - 1, bw = f->hip_w * (robe ? 1.05 : 1.0);
	if (f->back) {   /* from behind: neck, the garment's back, the belt line */
		cairo_rectangle(cr, -f->neck_w, f->chin - f->hr * 0.5, 2 * f->neck_w, f->sh - f->chin + f->hr * 0.5 + 1);
		chr_fill(cr, L->skin, -f->neck_w, f->neck_w, f->lw);
		if (o->coat) torso_path(cr, f, f->knee + 2, f->hip_w * 1.22);
		else torso_path(cr, f, bottom, bw);
		chr_fill(cr, L->main, -f->sh_w, f->sh_w, f->lw);
		chr_rgb(cr, chr_line(L->main));   /* back seam */
		cairo_set_line_width(cr, f->lw * 0.5);
		cairo_move_to(cr, 0, f->sh + 1);
		cairo_line_to(cr, 0, o->coat ? f->knee : f->hip - 1);
		cairo_stroke(cr);
		if (o->belt) {
			double w = f->waist_w * 1.04, h = o->belt == 2 ? f->hh * 0.32 : 2.2;
			cairo_rectangle(cr, -w, f->waist - h * 0.55, 2 * w, h);
			chr_fill(cr, o->belt == 2 ? L->accent : (struct rgb){ 0.22, 0.18, 0.2 }, -w, w, f->lw * 0.6);
		}
		return;
	}
	/* neck (in profile as deep as it is wide: widened against the body's squash, and a
	 * little forward under the jaw) */
	double nw = f->neck_w * (1 + 0.9 * chr_profness(f)), nx = f->t * f->hr * 0.2 * chr_profness(f);
	cairo_rectangle(cr, nx + vx(f, -nw), f->chin - f->hr * 0.5, vx(f, nw) - vx(f, -nw), f->sh - f->chin + f->hr * 0.5 + 1);
	chr_fill(cr, L->skin, -nw, nw, f->lw);
	{   /* the head's shadow on the neck, soft below */
		double x0 = nx + vx(f, -nw) + f->lw / 2, x1 = nx + vx(f, nw) - f->lw / 2;
		cairo_pattern_t *p = cairo_pattern_create_linear(0, f->chin - 0.5, 0, f->chin + 2.6);
		struct rgb sh = chr_mul(L->skin, 0.8);
		cairo_pattern_add_color_stop_rgba(p, 0, sh.r, sh.g, sh.b, 1);
		cairo_pattern_add_color_stop_rgba(p, 0.55, sh.r, sh.g, sh.b, 0.85);
		cairo_pattern_add_color_stop_rgba(p, 1, sh.r, sh.g, sh.b, 0);
		cairo_set_source(cr, p);
		cairo_move_to(cr, x0, f->chin - 0.5);
		cairo_line_to(cr, x1, f->chin - 0.5);
		cairo_line_to(cr, x1, f->chin + 1.2);
		cairo_curve_to(cr, (x0 + x1) / 2 + 0.5, f->chin + 2.8, (x0 + x1) / 2 - 0.5, f->chin + 2.8, x0, f->chin + 1.2);
		cairo_close_path(cr);
		cairo_fill(cr);
		cairo_pattern_destroy(p);
	}
	if (o->coat) {
		torso_path(cr, f, bottom, bw);
		chr_fill(cr, slot(L, o->inner_slot), -f->sh_w, f->sh_w, f->lw);
		draw_coat(cr, L, f);
	} else {
		torso_path(cr, f, bottom, bw);
		chr_fill(cr, L->main, -f->sh_w, f->sh_w, f->lw);
		if (L->female && L->age >= 16 && !o->armour) {   /* soft chest shading */
			chr_rgb(cr, chr_line(L->main));
			cairo_set_line_width(cr, f->lw * 0.5);
			for (int s = -1; s <= 1; s += 2) {
				double x = vx(f, s * f->sh_w * 0.45);
				cairo_move_to(cr, x - f->hr * 0.4, f->chest + 1.8);
				cairo_curve_to(cr, x - f->hr * 0.1, f->chest + 2.6, x + f->hr * 0.1, f->chest + 2.6, x + f->hr * 0.4, f->chest + 1.8);
			}
			cairo_stroke(cr);
		}
	}
	if (o->jacket && !o->coat) {  /* buttons */
		for (int i = 0; i < 2; i++) {
			cairo_arc(cr, cl(f) + 0.4, f->waist - 2 + i * 3.5, 0.5, 0, 2 * M_PI);
			chr_fill(cr, chr_mul(L->main, 0.6), 0, 1, 0);
		}
	}
	if (o->armour) armour(cr, L, f);
	if (o->emblem) emblem(cr, L, f);
	collar(cr, L, f);
	if (o->apron) apron(cr, L, f);
	if (o->belt) belt(cr, L, f);
	body_accessories(cr, L, f);
}
