/* art/creature.c — creature characters of the procedural backend: a parrot on its perch,
 * a sitting dog or cat, a boxy robot and a translucent ghost, chosen by the role word
 * (data/art/creatures.json, read by look.c) and drawn instead of the human figure by
 * character.c. Same contract as the human figure: figure units (100 = a standard adult,
 * feet at the origin, y down), a static layer (body) and a dynamic layer (eyes that
 * blink, a mouth — beak, muzzle, LED bar — that follows the viseme), views -1/0/1 and
 * from behind, expressions from struct chr_expr. Deterministic. Beasts and robots are
 * in creature_beast.c. */
#include <math.h>
#include <string.h>
#include <pthread.h>
#include <stdlib.h>
#include "art/creature_parts.h"

const char *const CRT_KINDS[] = { "none", "bird", "canine", "feline", "robot", "ghost" };
const int CRT_N_KINDS = ARRAY_LEN(CRT_KINDS);

static pthread_once_t data_once = PTHREAD_ONCE_INIT;
static json_t *g_data;

static void load_data(void)
{
	g_data = chr_load_data("art/creatures.json", "creature roles get human looks");
}

const json_t *crt_data(void)
{
	pthread_once(&data_once, load_data);
	return g_data;
}

/* mouth opening (0..1) and width (0..1) of the visemes A..H, X = rest */
void crt_viseme(char v, double *open, double *wide)
{
	static const double O[] = { 0.0, 0.3, 0.55, 1.0, 0.75, 0.45, 0.15, 0.5 };
	static const double W[] = { 0.55, 0.95, 0.85, 0.8, 0.6, 0.35, 0.75, 0.7 };
	if (v >= 'A' && v <= 'H') { *open = O[v - 'A']; *wide = W[v - 'A']; }
	else { *open = 0; *wide = 0.6; }
}

void crt_ellipse(cairo_t *cr, double x, double y, double rx, double ry)
{
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, rx, ry);
	cairo_new_sub_path(cr);
	cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
	cairo_restore(cr);
}

void crt_shadow(cairo_t *cr, double rx, double alpha)
{
	crt_ellipse(cr, 0, 0, rx, 1.6);
	cairo_set_source_rgba(cr, 0.1, 0.05, 0.15, alpha);
	cairo_fill(cr);
}

/* An animal eye at (x,y) of radius r: white ring (ring>0), iris, pupil (slit for cats),
 * highlight; the lid closes with blink; happy eyes are arcs. */
void crt_eye(cairo_t *cr, double x, double y, double r, double ring, struct rgb iris, struct rgb lid,
             const struct chr_expr *ex, double blink, int slit)
{
	double open = (ex->eye_mode ? 0 : fmin(1.3, ex->open)) * (1 - blink);
	if (ex->eye_mode || open < 0.12) {   /* closed: a curved line (arcs up when happy) */
		cairo_new_path(cr);
		double k = ex->eye_mode ? -0.7 : 0.4;
		cairo_move_to(cr, x - r, y);
		cairo_curve_to(cr, x - r * 0.4, y + k * r, x + r * 0.4, y + k * r, x + r, y);
		chr_rgb(cr, (struct rgb){ 0.12, 0.08, 0.1 });
		cairo_set_line_width(cr, r * 0.32);
		cairo_stroke(cr);
		return;
	}
	cairo_save(cr);
	crt_ellipse(cr, x, y, r + ring, (r + ring) * fmin(1.15, open));
	cairo_clip_preserve(cr);
	chr_rgb(cr, ring > 0 ? (struct rgb){ 0.97, 0.96, 0.93 } : iris);
	cairo_fill(cr);
	double gx = x + ex->gaze_x * r * 0.3, gy = y + ex->gaze_y * r * 0.3;
	crt_ellipse(cr, gx, gy, r, r);
	chr_rgb(cr, iris);
	cairo_fill(cr);
	double pr = r * 0.62 * ex->pupil;
	if (slit) crt_ellipse(cr, gx, gy, pr * 0.3, r * 0.85);
	else crt_ellipse(cr, gx, gy, pr, pr);
	cairo_set_source_rgb(cr, 0.05, 0.03, 0.05);
	cairo_fill(cr);
	crt_ellipse(cr, gx - r * 0.3, gy - r * 0.35, r * 0.28, r * 0.28);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill(cr);
	cairo_restore(cr);
	(void)lid;
	crt_ellipse(cr, x, y, r + ring, (r + ring) * fmin(1.15, open));
	chr_rgb(cr, (struct rgb){ 0.12, 0.08, 0.1 });
	cairo_set_line_width(cr, r * 0.18);
	cairo_stroke(cr);
}

/* Brows (only when the expression moves them), blush and tears around two eyes at
 * (xl,y) and (xr,y) of radius r. */
void crt_marks(cairo_t *cr, const struct chr_expr *ex, double xl, double xr, double y, double r, struct rgb brow)
{
	double bi = ex->brow_in * 6 * r, bo = ex->brow_out * 6 * r;
	if (fabs(bi) > 0.25 * r || fabs(bo) > 0.25 * r) {
		for (int s = -1; s <= 1; s += 2) {
			double cx = s < 0 ? xl : xr;
			cairo_move_to(cr, cx - s * r * 1.2, y - r * 1.9 + bo);
			cairo_line_to(cr, cx + s * r * 0.9, y - r * 1.9 + bi);
		}
		chr_rgb(cr, brow);
		cairo_set_line_width(cr, r * 0.45);
		cairo_stroke(cr);
	}
	if (ex->blush) {
		for (int s = -1; s <= 1; s += 2) crt_ellipse(cr, (s < 0 ? xl : xr) + s * r * 0.4, y + r * 1.9, r * 1.1, r * 0.5);
		cairo_set_source_rgba(cr, 0.95, 0.4, 0.5, 0.45);
		cairo_fill(cr);
	}
	if (ex->tears) {
		for (int s = -1; s <= 1; s += 2) {
			double cx = (s < 0 ? xl : xr) + s * r * 0.5, cy = y + r * 1.3;
			cairo_move_to(cr, cx, cy);
			cairo_curve_to(cr, cx + r * 0.6, cy + r * 1.2, cx + r * 0.5, cy + r * 1.9, cx, cy + r * 1.9);
			cairo_curve_to(cr, cx - r * 0.5, cy + r * 1.9, cx - r * 0.6, cy + r * 1.2, cx, cy);
		}
		cairo_set_source_rgba(cr, 0.45, 0.7, 0.95, 0.9);
		cairo_fill(cr);
	}
}

/* ---- bird: a parrot on a T-perch, so it sits at an adult's shoulder height ---- */

#define BIRD_HY (-84.0)
#define BIRD_HR 6.5

static void bird_static(cairo_t *cr, const struct chr_look *L, double t, int back, unsigned limbs)
{
	struct rgb wood = { 0.55, 0.38, 0.24 };
	crt_shadow(cr, 9, 0.18);
	/* perch stand: foot, pole, bar */
	crt_ellipse(cr, 0, -0.8, 8, 1.6);
	chr_fill(cr, chr_mul(wood, 0.8), -8, 8, 0.3);
	cairo_rectangle(cr, -1.2, -64, 2.4, 63);
	chr_fill(cr, wood, -1.2, 1.2, 0.3);
	/* tail: long feathers behind the perch */
	for (int i = -1; i <= 1; i++) {
		double x0 = i * 1.6 - t * 1.5, x1 = i * 3.2 - t * 4;
		cairo_move_to(cr, x0 - 1.6, -67);
		cairo_curve_to(cr, x1 - 2.2, -56, x1 - 1.2, -48, x1, -43 + abs(i) * 3);
		cairo_curve_to(cr, x1 + 1.2, -48, x1 + 2.2, -56, x0 + 1.6, -67);
		cairo_close_path(cr);
		chr_fill(cr, i == 0 ? L->main : L->accent, x1 - 2, x1 + 2, 0.3);
	}
	cairo_rectangle(cr, -14, -65.2, 28, 2.4);
	chr_fill(cr, wood, -14, 14, 0.3);
	/* body: an egg leaning toward the view */
	cairo_save(cr);
	cairo_translate(cr, t * 0.8, -74);
	cairo_rotate(cr, t * 0.12);
	crt_ellipse(cr, 0, 0, 7.6, 11);
	chr_fill(cr, L->main, -7.6, 7.6, 0.34);
	if (!back) {   /* chest: lighter feathers */
		crt_ellipse(cr, t * 2.2, 2, 4.6 * (1 - 0.25 * fabs(t)), 7.5);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.22);
		cairo_fill(cr);
	}
	/* wings folded on the sides; the near wing covers more of the body in a 3/4 view */
	for (int s = -1; s <= 1; s += 2) {
		if (crt_limb_skip(limbs, s)) continue;   /* posed: drawn by crt_pose_draw */
		double x = s * 6.2 - t * 2.2 * (s * t > 0 ? 0.3 : 1.0);
		if (back) x = s * 4.2;
		cairo_move_to(cr, x, -7);
		cairo_curve_to(cr, x + s * 3.2, -3, x + s * 2.6, 6, x - s * 0.4, 13);
		cairo_curve_to(cr, x - s * 2.2, 6, x - s * 2.8, -3, x, -7);
		cairo_close_path(cr);
		chr_fill(cr, L->accent, x - 3, x + 3, 0.3);
		/* feather bands at the wing tip */
		cairo_move_to(cr, x + s * 1.9, 5);
		cairo_line_to(cr, x - s * 0.2, 9.5);
		cairo_set_source_rgba(cr, 0, 0, 0, 0.22);
		cairo_set_line_width(cr, 0.35);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
	/* feet gripping the bar */
	for (int s = -1; s <= 1; s += 2) {
		crt_ellipse(cr, s * 2.6 + t * 0.6, -64.4, 1.5, 1.0);
		chr_fill(cr, (struct rgb){ 0.45, 0.45, 0.5 }, -1, 1, 0.25);
	}
	/* head with a small crest */
	double hx = t * 1.2;
	for (int i = -1; i <= 1; i++) {
		double x = hx + i * 1.6 - t * 1.5;
		cairo_move_to(cr, x - 1.2, BIRD_HY - 5.5);
		cairo_curve_to(cr, x - 1.0, BIRD_HY - 8.5, x + i * 1.2 - t, BIRD_HY - 10.2 + abs(i), x + i * 1.4 - t * 1.2, BIRD_HY - 10.5 + abs(i));
		cairo_curve_to(cr, x + 0.4, BIRD_HY - 8.5, x + 1.2, BIRD_HY - 7, x + 1.2, BIRD_HY - 5.5);
		cairo_close_path(cr);
		chr_fill(cr, i == 0 ? L->trim : L->main, x - 1, x + 1, 0.28);
	}
	crt_ellipse(cr, hx, BIRD_HY, BIRD_HR, BIRD_HR * 0.95);
	chr_fill(cr, L->main, hx - BIRD_HR, hx + BIRD_HR, 0.34);
	if (back) return;
	/* pale face patches around the eyes */
	double fx = hx + t * 2.0, sep = 2.7 * (1 - 0.35 * fabs(t));
	for (int s = -1; s <= 1; s += 2) {
		crt_ellipse(cr, fx + s * sep, BIRD_HY - 0.6, 2.3, 2.1);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.55);
		cairo_fill(cr);
	}
}

static void bird_dynamic(cairo_t *cr, const struct chr_look *L, double t, const struct chr_expr *ex, char vis, double blink)
{
	double hx = t * 1.2, fx = hx + t * 2.0, sep = 2.7 * (1 - 0.35 * fabs(t));
	for (int s = -1; s <= 1; s += 2)
		crt_eye(cr, fx + s * sep, BIRD_HY - 0.6, 1.05, 0.45, L->eye, L->main, ex, blink, 0);
	crt_marks(cr, ex, fx - sep, fx + sep, BIRD_HY - 0.6, 1.05, chr_mul(L->main, 0.45));
	double open, wide;
	crt_viseme(vis, &open, &wide);
	if (vis == 'X' && (ex->mouth == CHR_M_SHOUT || ex->mouth == CHR_M_O)) open = 0.6;
	struct rgb beak = L->trim;
	double bx = hx + t * 4.2, by = BIRD_HY + 1.4, a = open * 0.55;
	cairo_save(cr);
	cairo_translate(cr, bx, by);
	if (fabs(t) < 0.5) {
		/* front: the lower mandible drops below the hooked upper one as the beak opens,
		 * showing the dark gape on both sides of the hook */
		double w = 1.7 + wide * 0.5, drop = open * 3.6;
		if (open > 0.05) {
			crt_ellipse(cr, 0, 1.0 + drop * 0.5, w * 1.05, 0.8 + drop * 0.55);
			chr_rgb(cr, (struct rgb){ 0.35, 0.1, 0.14 });
			cairo_fill(cr);
			crt_ellipse(cr, 0, 1.6 + drop * 0.6, w * 0.45, 0.3 + drop * 0.2);
			cairo_set_source_rgb(cr, 0.3, 0.28, 0.32);
			cairo_fill(cr);
		}
		cairo_move_to(cr, -w * 0.85, 1.2 + drop * 0.8);
		cairo_curve_to(cr, -w * 0.7, 3.0 + drop, w * 0.7, 3.0 + drop, w * 0.85, 1.2 + drop * 0.8);
		cairo_curve_to(cr, w * 0.4, 1.9 + drop, -w * 0.4, 1.9 + drop, -w * 0.85, 1.2 + drop * 0.8);
		cairo_close_path(cr);
		chr_fill(cr, chr_mul(beak, 0.75), -w, w, 0.28);
		double tip = 2.9 - open * 1.3, nw = w * (1 - 0.45 * open);
		cairo_move_to(cr, -w, -1.6);
		cairo_curve_to(cr, -w, 0.2, -nw * 0.4, tip - 0.8, 0, tip);
		cairo_curve_to(cr, nw * 0.4, tip - 0.8, w, 0.2, w, -1.6);
		cairo_curve_to(cr, w * 0.4, -2.2, -w * 0.4, -2.2, -w, -1.6);
		cairo_close_path(cr);
		chr_fill(cr, beak, -w, w, 0.3);
	} else {
		double s = t > 0 ? 1 : -1;
		cairo_scale(cr, s, 1);
		/* lower mandible rotates down around the gape */
		cairo_save(cr);
		cairo_translate(cr, -0.6, 0.2);
		cairo_rotate(cr, a);
		cairo_move_to(cr, 0, 0);
		cairo_curve_to(cr, 1.2, 0.2, 2.4, 0.4, 2.8, 0.2);
		cairo_curve_to(cr, 2.2, 1.4, 0.8, 1.6, 0, 1.3);
		cairo_close_path(cr);
		chr_fill(cr, chr_mul(beak, 0.75), 0, 3, 0.28);
		cairo_restore(cr);
		if (open > 0.05) {
			cairo_move_to(cr, -0.6, 0.2);
			cairo_line_to(cr, 2.6, 0.1);
			cairo_line_to(cr, -0.6 + 2.6 * cos(a), 0.2 + 2.6 * sin(a));
			cairo_close_path(cr);
			chr_rgb(cr, (struct rgb){ 0.35, 0.1, 0.14 });
			cairo_fill(cr);
		}
		/* hooked upper mandible */
		cairo_move_to(cr, -1.0, -2.2);
		cairo_curve_to(cr, 1.8, -2.6, 3.6, -1.2, 3.4, 1.6);
		cairo_curve_to(cr, 2.6, 0.6, 1.2, 0.4, -0.6, 0.6);
		cairo_close_path(cr);
		chr_fill(cr, beak, -1, 3.5, 0.3);
	}
	cairo_restore(cr);
}

/* ---- ghost: a floating sheet, translucent ---- */

#define GHOST_HY (-72.0)

static void ghost_path(cairo_t *cr, double t)
{
	double hx = t * 1.0;
	cairo_move_to(cr, hx - 14, GHOST_HY);
	cairo_arc(cr, hx, GHOST_HY, 14, M_PI, 2 * M_PI);
	cairo_curve_to(cr, hx + 14, -54, hx + 16, -40, hx + 17.5, -27);
	/* scalloped hem, swaying with the view */
	for (int i = 0; i < 4; i++) {
		double x0 = hx + 17.5 - i * 8.75, x1 = x0 - 8.75;
		cairo_curve_to(cr, x0 - 2, -22 - t, x1 + 2, -22 + t, x1 + 0.2, -27 + (i % 2) * 1.5);
	}
	cairo_curve_to(cr, hx - 16, -40, hx - 14, -54, hx - 14, GHOST_HY);
	cairo_close_path(cr);
}

static void ghost_static(cairo_t *cr, const struct chr_look *L, double t, int back)
{
	crt_shadow(cr, 10, 0.08);
	cairo_push_group(cr);
	/* glow */
	cairo_pattern_t *g = cairo_pattern_create_radial(0, -55, 4, 0, -55, 34);
	cairo_pattern_add_color_stop_rgba(g, 0, L->accent.r, L->accent.g, L->accent.b, 0.35);
	cairo_pattern_add_color_stop_rgba(g, 1, L->accent.r, L->accent.g, L->accent.b, 0);
	cairo_set_source(cr, g);
	crt_ellipse(cr, 0, -55, 34, 40);
	cairo_fill(cr);
	cairo_pattern_destroy(g);
	/* little sheet arms */
	for (int s = -1; s <= 1; s += 2) {
		double x = s * 14 + t * 0.8;
		cairo_move_to(cr, x - s * 1, -58);
		cairo_curve_to(cr, x + s * 5, -57, x + s * 7, -50, x + s * 5.5, -47);
		cairo_curve_to(cr, x + s * 3, -48, x + s * 1, -50, x - s * 0.5, -50);
		cairo_close_path(cr);
		chr_fill(cr, chr_mix(L->main, L->accent, 0.35), x - 5, x + 5, 0.34);
	}
	ghost_path(cr, t);
	cairo_pattern_t *p = cairo_pattern_create_linear(0, -86, 0, -22);
	cairo_pattern_add_color_stop_rgb(p, 0, L->main.r, L->main.g, L->main.b);
	cairo_pattern_add_color_stop_rgb(p, 0.6, L->main.r, L->main.g, L->main.b);
	cairo_pattern_add_color_stop_rgb(p, 1, L->accent.r, L->accent.g, L->accent.b);
	cairo_set_source(cr, p);
	cairo_fill_preserve(cr);
	cairo_pattern_destroy(p);
	chr_rgb(cr, chr_line(L->accent));
	cairo_set_line_width(cr, 0.4);
	cairo_stroke(cr);
	/* a fold of the sheet */
	cairo_move_to(cr, -5 + t, -50);
	cairo_curve_to(cr, -6 + t, -42, -4 + t, -34, -6 + t, -27);
	cairo_set_source_rgba(cr, L->accent.r, L->accent.g, L->accent.b, 0.5);
	cairo_set_line_width(cr, 0.6);
	cairo_stroke(cr);
	cairo_pop_group_to_source(cr);
	cairo_paint_with_alpha(cr, 0.8);
	(void)back;
}

static void ghost_dynamic(cairo_t *cr, const struct chr_look *L, double t, const struct chr_expr *ex, char vis, double blink)
{
	double fx = t * 4.0, sep = 4.6 * (1 - 0.3 * fabs(t));
	cairo_push_group(cr);
	double open = (ex->eye_mode ? 0 : fmin(1.3, ex->open)) * (1 - blink);
	for (int s = -1; s <= 1; s += 2) {
		double x = fx + s * sep, y = GHOST_HY;
		if (ex->eye_mode || open < 0.12) {
			double k = ex->eye_mode ? -1.4 : 0.8;
			cairo_move_to(cr, x - 1.8, y);
			cairo_curve_to(cr, x - 0.8, y + k, x + 0.8, y + k, x + 1.8, y);
			chr_rgb(cr, L->trim);
			cairo_set_line_width(cr, 0.7);
			cairo_stroke(cr);
			continue;
		}
		crt_ellipse(cr, x, y, 1.8, 2.7 * open);
		chr_rgb(cr, L->trim);
		cairo_fill(cr);
		crt_ellipse(cr, x - 0.5, y - 0.9 * open, 0.55, 0.55);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill(cr);
	}
	crt_marks(cr, ex, fx - sep, fx + sep, GHOST_HY, 1.6, L->trim);
	double o, w;
	crt_viseme(vis, &o, &w);
	double my = GHOST_HY + 6.5;
	if (vis == 'X' && (ex->mouth == CHR_M_SHOUT || ex->mouth == CHR_M_O || ex->mouth == CHR_M_SMALL_O)) { o = 0.55; w = 0.4; }
	if (o > 0.05) {
		crt_ellipse(cr, fx, my + o * 1.6, 1.2 + w * 2.2, 0.4 + o * 3.2);
		chr_rgb(cr, L->trim);
		cairo_fill(cr);
		crt_ellipse(cr, fx, my + o * 3.2, 0.8 + w * 1.2, 0.3 + o * 1.0);
		cairo_set_source_rgb(cr, 0.9, 0.45, 0.55);
		cairo_fill(cr);
	} else {
		double c = ex->corner * 1.2;
		cairo_move_to(cr, fx - 2.2 * (0.6 + w), my);
		cairo_curve_to(cr, fx - 1, my + c, fx + 1, my + c, fx + 2.2 * (0.6 + w), my);
		chr_rgb(cr, L->trim);
		cairo_set_line_width(cr, 0.7);
		cairo_stroke(cr);
	}
	cairo_pop_group_to_source(cr);
	cairo_paint_with_alpha(cr, 0.9);
}

/* ---- entry points ---- */

void crt_draw(cairo_t *cr, const struct chr_look *L, double t, int back, const struct chr_expr *ex,
              char vis, double blink, int layers, const char *pose)
{
	unsigned limbs = (layers & CHR_HEAD_STATIC) ? crt_pose_limbs(L, pose, t, back) : 0;
	cairo_save(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	double k = L->crt_size > 0 ? L->crt_size : 1;
	cairo_scale(cr, k, k);
	if (back) t = 0;
	switch (L->creature) {
	case CRT_BIRD:
		if (layers & CHR_HEAD_STATIC) bird_static(cr, L, t, back, limbs);
		if ((layers & CHR_HEAD_DYNAMIC) && !back) bird_dynamic(cr, L, t, ex, vis, blink);
		break;
	case CRT_GHOST:
		if (layers & CHR_HEAD_STATIC) ghost_static(cr, L, t, back);
		if ((layers & CHR_HEAD_DYNAMIC) && !back) ghost_dynamic(cr, L, t, ex, vis, blink);
		break;
	case CRT_CANINE:
	case CRT_FELINE:
		crt_draw_beast(cr, L, t, back, ex, vis, blink, layers, limbs);
		break;
	default:
		crt_draw_robot(cr, L, t, back, ex, vis, blink, layers, limbs);
		break;
	}
	if (limbs) crt_pose_draw(cr, L, t, pose, limbs);
	cairo_restore(cr);
}

void crt_metrics(const struct chr_look *L, struct art_metrics *m)
{
	/* head centre, head radius, eyes, mouth, shoulders, waist, width (figure units) */
	static const double M[][7] = {
		{ 0, 0, 0, 0, 0, 0, 0 },
		{ 84, 7.5, 84.6, 81, 78, 70, 16 },       /* bird */
		{ 36, 10, 38.5, 32, 26, 14, 20 },        /* canine */
		{ 31, 9, 33, 28, 22, 12, 18 },           /* feline */
		{ 64, 12.5, 66, 60.5, 48, 34, 28 },      /* robot */
		{ 72, 15, 72, 65.5, 60, 45, 34 },        /* ghost */
	};
	int k = L->creature > 0 && L->creature < CRT_N_KINDS ? L->creature : CRT_ROBOT;
	double s = (L->crt_size > 0 ? L->crt_size : 1) / 100;
	m->head_center = M[k][0] * s;
	m->head_radius = M[k][1] * s;
	m->eyes = M[k][2] * s;
	m->mouth = M[k][3] * s;
	m->shoulders = M[k][4] * s;
	m->waist = M[k][5] * s;
	m->width = M[k][6] * s;
}
