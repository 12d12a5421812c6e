/* art/character_face.c — the head of a procedural character: face shape, eyes with
 * blink, brows, nose, expressions (brows, eyes and mouth together, plus blush, tears,
 * sweat and anger marks), the viseme mouth shapes A–H and X, hair and head accessories.
 *
 * Everything here is drawn in face units: the head centre is the origin, 1 = half the
 * face width, y grows down. A turned head (yaw: +-0.5 three-quarter, +-1 profile) is a
 * head seen from the side: each feature sits at a point of a rounded head (x across, z
 * toward the camera) turned by the yaw, so the features slide toward the side faced, the
 * far eye narrows and in profile disappears, the nose leaves the outline, the near ear
 * comes round to the middle of the head and the skull grows out behind. */
#include <math.h>
#include <string.h>
#include "art/character_parts.h"

/* name, open, squint, pupil, lid_tilt, eye_mode, brow_in, brow_out, brow_skew, mouth, corner,
 * gaze_x, gaze_y, blush, tears, sweat, vein, gloom */
static const struct chr_expr EXPRS[] = {
	{ "neutral",    1.0,  0.0,  1.0,  0.0,  0, 0.0,   0.0,   0.0,  CHR_M_SOFT,       0.2,  0.0,  0.0, 0, 0, 0, 0, 0 },
	{ "happy",      0.0,  0.0,  1.0,  0.0,  1, -0.06, -0.04, 0.0,  CHR_M_SMILE_OPEN, 1.0,  0.0,  0.0, 1, 0, 0, 0, 0 },
	{ "sad",        0.78, 0.0,  1.0, -0.05, 0, -0.13, 0.06,  0.0,  CHR_M_FROWN,     -0.8,  0.0,  0.5, 0, 1, 0, 0, 0 },
	{ "angry",      0.9,  0.1,  0.85, 0.22, 0, 0.14,  -0.08, 0.0,  CHR_M_GRIT,      -0.7,  0.0,  0.0, 0, 0, 0, 1, 0 },
	{ "surprised",  1.28, 0.0,  0.62, 0.0,  0, -0.2,  -0.16, 0.0,  CHR_M_O,          0.0,  0.0,  0.0, 0, 0, 0, 0, 0 },
	{ "smug",       0.58, 0.12, 1.0,  0.0,  0, 0.04,  0.0,   -0.1, CHR_M_SMIRK,      0.6,  0.35, 0.0, 0, 0, 0, 0, 0 },
	{ "shy",        0.72, 0.15, 1.0, -0.03, 0, -0.09, 0.02,  0.0,  CHR_M_WAVY,       0.2,  0.7,  0.5, 2, 0, 0, 0, 0 },
	{ "crying",     0.5,  0.3,  1.0, -0.08, 0, -0.17, 0.08,  0.0,  CHR_M_CRY,       -1.0,  0.0,  0.3, 1, 2, 0, 0, 0 },
	{ "scared",     1.18, 0.0,  0.5, -0.04, 0, -0.16, 0.04,  0.0,  CHR_M_WAVY,      -0.5,  0.0,  0.0, 0, 0, 1, 0, 1 },
	{ "determined", 0.92, 0.08, 0.95, 0.12, 0, 0.09,  -0.05, 0.0,  CHR_M_FIRM,      -0.2,  0.0,  0.0, 0, 0, 0, 0, 0 },
	{ "whisper",    0.7,  0.1,  1.0,  0.0,  0, -0.05, 0.0,   0.0,  CHR_M_SMALL_O,    0.0,  0.6,  0.2, 1, 0, 0, 0, 0 },
	{ "shout",      1.08, 0.0,  0.75, 0.25, 0, 0.15,  -0.1,  0.0,  CHR_M_SHOUT,     -0.6,  0.0,  0.0, 0, 0, 0, 1, 0 },
};

const struct chr_expr *chr_expr_get(const char *name)
{
	for (size_t i = 0; name && i < ARRAY_LEN(EXPRS); i++)
		if (str_ieq(name, EXPRS[i].name)) return &EXPRS[i];
	return &EXPRS[0];
}

static const struct rgb LASH = { 0.16, 0.10, 0.13 }, MOUTH_IN = { 0.42, 0.12, 0.16 }, TONGUE = { 0.90, 0.45, 0.48 },
	WHITE = { 1, 1, 1 };

/* ---- face shape ---- */

static const double FACE_JAW[] = { 0.86, 0.95, 0.8, 0.95, 0.76 };
static const double FACE_CHIN[] = { 1.06, 1.0, 1.16, 1.04, 1.1 };
static const double FACE_CHINW[] = { 0.12, 0.24, 0.14, 0.32, 0.04 };

double chr_turn_x(double yaw, double x, double z)
{
	double a = yaw * M_PI / 2;
	return x * cos(a) + z * sin(a);
}

/* How squarely a head point at (x, z) faces the camera once turned: cos of its angle. */
static double facing(double yaw, double x, double z)
{
	double r = hypot(x, z);
	if (r <= 0) return 1;
	double a = yaw * M_PI / 2;
	return (z * cos(a) - x * sin(a)) / r;
}

static double lerp(double a, double b, double u) { return a + (b - a) * u; }

/* 0 at three-quarter, 1 in profile */
static double profness(double yaw)
{
	double p = (fabs(yaw) - 0.5) / 0.5;
	return p < 0 ? 0 : p > 1 ? 1 : p;
}

/* A smooth closed curve through n points (Catmull-Rom as Bezier segments). */
static void smooth_loop(cairo_t *cr, const double (*P)[2], int n)
{
	cairo_move_to(cr, P[0][0], P[0][1]);
	for (int i = 0; i < n; i++) {
		const double *a = P[(i + n - 1) % n], *b = P[i], *c = P[(i + 1) % n], *d = P[(i + 2) % n];
		cairo_curve_to(cr, b[0] + (c[0] - a[0]) / 6, b[1] + (c[1] - a[1]) / 6, c[0] - (d[0] - b[0]) / 6,
		               c[1] - (d[1] - b[1]) / 6, c[0], c[1]);
	}
	cairo_close_path(cr);
}

/* Where the turned skull's centre sits (the skull grows out behind a turned face). */
static double skull_x(double yaw) { return -0.16 * sin(yaw * M_PI / 2); }

/* The outline of a turned head, built facing right and mirrored for the left: skull,
 * brow, (in profile) nose, lips and chin on the side faced, the jaw to the ear behind. */
static void turned_face_path(cairo_t *cr, const struct chr_look *L, double yaw)
{
	double s = yaw < 0 ? -1 : 1, p = profness(yaw), k = fabs(sin(yaw * M_PI / 2));
	double jaw = FACE_JAW[L->face], cy = FACE_CHIN[L->face], cw = FACE_CHINW[L->face];
	int child = L->age < 13;
	if (child) { jaw += 0.06; cy -= 0.06; cw += 0.1; }
	double nose = (child ? 0.06 : L->female ? 0.1 : 0.13) + (L->nose >= 2 ? 0.03 : 0) + (L->nose == 3 ? 0.03 : 0);
	double sx = skull_x(fabs(yaw)), r = 1.0 + 0.1 * k;
	/* three-quarter: the far cheek and the chin inside the outline; profile: the face's edge */
	double Q[][2] = {
		{ sx - r, -0.1 }, { sx - r * 0.72, -0.1 - r * 0.7 }, { sx, -0.1 - r }, { sx + r * 0.7, -0.1 - r * 0.72 },
		{ lerp(0.97, 1.0, p), lerp(-0.1, 0.02, p) },              /* temple / brow */
		{ lerp(1.0, 0.93, p), lerp(0.3, 0.3, p) },                /* cheekbone / eye socket */
		{ lerp(0.98, 0.98 + nose, p), lerp(0.5, 0.56, p) },       /* cheek / nose tip */
		{ lerp(0.9, 0.94, p), lerp(0.66, 0.66, p) },              /* under the nose */
		{ lerp(0.84, 0.97, p), lerp(0.76, 0.76, p) },             /* upper lip */
		{ lerp(0.76, 0.93, p), lerp(0.86, 0.87, p) },             /* lower lip */
		{ lerp(0.62, 0.86, p), lerp(cy - 0.06, cy - 0.05, p) },   /* chin */
		{ lerp(0.42 + cw * 0.5, 0.74, p), cy },
		{ lerp(-0.3, 0.1, p) - (jaw - 0.86) * 0.5, lerp(0.84, 0.78, p) },   /* jaw corner */
		{ lerp(-0.72, -0.3, p), lerp(0.45, 0.42, p) },            /* below the ear */
		{ sx - r * 0.9, 0.3 },
	};
	int n = (int)ARRAY_LEN(Q);
	for (int i = 0; i < n; i++) Q[i][0] *= s;
	smooth_loop(cr, Q, n);
}

static void face_path(cairo_t *cr, const struct chr_look *L, double t)
{
	if (t != 0) { turned_face_path(cr, L, t); return; }
	double jaw = FACE_JAW[L->face], cy = FACE_CHIN[L->face], cw = FACE_CHINW[L->face];
	if (L->age < 13) { jaw += 0.06; cy -= 0.06; cw += 0.1; }
	double chx = 0.24 * t;
	cairo_arc(cr, 0, -0.1, 1.0, M_PI, 2 * M_PI);
	for (int s = 1; s >= -1; s -= 2) {
		int far = s * t > 0;
		double ckx = s * (far ? 0.95 : 0.98), cky = far ? 0.34 : 0.4;
		double jx = s * jaw * (far ? 0.92 : 0.95) + chx * 0.6;
		if (s > 0) {
			cairo_curve_to(cr, s * 1.0, 0.05, ckx, cky - 0.12, ckx, cky);
			cairo_curve_to(cr, ckx, cky + 0.25, jx, 0.82, chx + cw, cy);
			cairo_curve_to(cr, chx + cw * 0.4, cy + 0.025, chx - cw * 0.4, cy + 0.025, chx - cw, cy);
		} else {
			cairo_curve_to(cr, jx, 0.82, ckx, cky + 0.25, ckx, cky);
			cairo_curve_to(cr, ckx, cky - 0.12, s * 1.0, 0.05, -1.0, -0.1);
		}
	}
	cairo_close_path(cr);
}

static void ears(cairo_t *cr, const struct chr_look *L, double t)
{
	double k = fabs(sin(t * M_PI / 2));
	for (int s = -1; s <= 1; s += 2) {
		if (t != 0 && s * t > 0) continue;   /* far ear hidden */
		double x = t != 0 ? chr_turn_x(t, s * 0.97, -0.08) : s * 0.97;
		cairo_save(cr);
		cairo_translate(cr, x, 0.18);
		cairo_scale(cr, 0.16 + 0.08 * k, 0.25);
		cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
		cairo_restore(cr);
		chr_fill(cr, L->skin, x - 0.2, x + 0.2, 0.04);
		if (t != 0) {   /* the ear's inner curve, seen from the side */
			double d = t > 0 ? 1 : -1;
			cairo_move_to(cr, x + d * 0.05, 0.04);
			cairo_curve_to(cr, x - d * 0.1, 0.06, x - d * 0.1, 0.3, x + d * 0.02, 0.32);
			chr_rgb(cr, chr_mix(L->skin, chr_line(L->skin), 0.6));
			cairo_set_line_width(cr, 0.025);
			cairo_stroke(cr);
		}
		if (L->acc & (1u << ACC_EARRINGS)) {
			cairo_move_to(cr, x, 0.4);
			cairo_line_to(cr, x, 0.55);
			cairo_set_source_rgb(cr, 0.85, 0.7, 0.3);
			cairo_set_line_width(cr, 0.03);
			cairo_stroke(cr);
			cairo_arc(cr, x, 0.6, 0.06, 0, 2 * M_PI);
			chr_fill(cr, (struct rgb){ 0.95, 0.8, 0.4 }, x - 0.06, x + 0.06, 0.02);
		}
	}
}

/* ---- eyes ---- */

struct eye { double x, y, w, h, tilt_in, tilt_out; int e; };

/* Returns 0 when the eye is hidden (the far eye of a profile). */
static int eye_geom(const struct chr_look *L, double t, int e, struct eye *g)
{
	const double ez = 0.8;
	double fc = facing(t, e * 0.42, ez), f0 = facing(0, e * 0.42, ez), sq = fc / f0;
	g->e = e;
	g->x = chr_turn_x(t, e * 0.42, ez);
	g->y = 0.28;
	g->w = 0.2 * (sq >= 1 ? 1 : 0.3 + 0.7 * sq);
	g->h = L->female ? 0.22 : 0.175;
	if (L->age < 13) { g->h *= 1.15; g->w *= 1.05; }
	if (L->age > 60) g->h *= 0.85;
	g->tilt_in = 0; g->tilt_out = 0;
	switch (L->eye_shape) {
	case 1: g->h *= 1.12; g->w *= 0.95; break;         /* round */
	case 2: g->h *= 0.72; g->w *= 1.06; break;         /* narrow */
	case 3: g->tilt_out = 0.05; break;                 /* droopy */
	case 4: g->h *= 0.85; g->tilt_out = -0.06; break;  /* sharp */
	}
	return fc > 0.12;
}

/* inner and outer corner positions */
static void corners(const struct eye *g, double lid_tilt, double *xi, double *yi, double *xo, double *yo)
{
	*xi = g->x - g->e * g->w;
	*xo = g->x + g->e * g->w * 1.05;
	*yi = g->y + 0.02 + lid_tilt * 0.3;
	*yo = g->y - 0.03 + g->tilt_out;
}

static void draw_eye(cairo_t *cr, const struct chr_look *L, const struct eye *g, const struct chr_expr *ex,
                     double blink, double look, int bowing)
{
	double xi, yi, xo, yo;
	corners(g, ex->lid_tilt, &xi, &yi, &xo, &yo);
	double open = ex->open * (1 - blink);
	if (bowing) open *= 0.55;
	struct rgb lash = chr_mix(LASH, chr_mul(L->hair, 0.5), 0.3);
	double lw = L->female ? 0.075 : 0.06;
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	if (ex->eye_mode == 1 && blink < 0.99) {     /* happy closed arcs ^ ^ */
		cairo_move_to(cr, xi, g->y + 0.05);
		cairo_curve_to(cr, xi + (xo - xi) * 0.25, g->y - g->h * 0.9, xi + (xo - xi) * 0.75, g->y - g->h * 0.9, xo, g->y + 0.05);
		chr_rgb(cr, lash);
		cairo_set_line_width(cr, lw);
		cairo_stroke(cr);
		return;
	}
	if (open < 0.14) {                          /* closed: a lash line curving down */
		cairo_move_to(cr, xi, yi);
		cairo_curve_to(cr, xi + (xo - xi) * 0.3, g->y + g->h * 0.45, xi + (xo - xi) * 0.7, g->y + g->h * 0.45, xo, yo);
		chr_rgb(cr, lash);
		cairo_set_line_width(cr, lw);
		cairo_stroke(cr);
		return;
	}
	double top = g->y - g->h * 1.35 * open, bot = g->y + g->h * (0.95 - ex->squint * 1.2);
	if (ex->open > 1.1) bot += g->h * 0.12;
	/* lids as one closed path */
	cairo_move_to(cr, xi, yi);
	cairo_curve_to(cr, xi + (xo - xi) * 0.2, top + ex->lid_tilt * 0.5 * open, xi + (xo - xi) * 0.75, top, xo, yo);
	cairo_curve_to(cr, xi + (xo - xi) * 0.75, bot, xi + (xo - xi) * 0.25, bot, xi, yi);
	cairo_close_path(cr);
	cairo_path_t *shape = cairo_copy_path(cr);
	cairo_set_source_rgb(cr, 0.99, 0.98, 1.0);
	cairo_fill_preserve(cr);
	cairo_save(cr);
	cairo_clip(cr);
	/* iris with a top-dark gradient, pupil and highlights */
	double ix = g->x + (ex->gaze_x * 0.3 + look * 0.45) * g->w, iy = g->y + 0.02 + ex->gaze_y * g->h * 0.3;
	if (bowing) iy += g->h * 0.35;
	double rx = g->w * 0.57, ry = g->h * 0.98;
	cairo_save(cr);
	cairo_translate(cr, ix, iy);
	cairo_scale(cr, rx, ry);
	cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
	cairo_restore(cr);
	cairo_pattern_t *p = cairo_pattern_create_linear(0, iy - ry, 0, iy + ry);
	struct rgb ec = L->eye;
	cairo_pattern_add_color_stop_rgb(p, 0, ec.r * 0.25, ec.g * 0.25, ec.b * 0.25);
	cairo_pattern_add_color_stop_rgb(p, 0.45, ec.r, ec.g, ec.b);
	struct rgb lt = chr_mul(ec, 1.45);
	cairo_pattern_add_color_stop_rgb(p, 1, lt.r, lt.g, lt.b);
	cairo_set_source(cr, p);
	cairo_fill_preserve(cr);
	cairo_pattern_destroy(p);
	chr_rgb(cr, chr_mul(ec, 0.3));
	cairo_set_line_width(cr, 0.02);
	cairo_stroke(cr);
	double pr = ex->pupil;
	cairo_save(cr);
	cairo_translate(cr, ix, iy + ry * 0.05);
	cairo_scale(cr, rx * 0.45 * pr, ry * 0.5 * pr);
	cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
	cairo_restore(cr);
	chr_rgb(cr, chr_mul(ec, 0.15));
	cairo_fill(cr);
	/* shadow of the upper lid on the eyeball */
	cairo_set_source_rgba(cr, 0.35, 0.25, 0.4, 0.22);
	cairo_append_path(cr, shape);
	cairo_fill(cr);
	cairo_restore(cr);
	cairo_save(cr);
	cairo_append_path(cr, shape);
	cairo_clip(cr);
	cairo_pattern_t *sh = cairo_pattern_create_linear(0, top, 0, g->y);
	cairo_pattern_add_color_stop_rgba(sh, 0, 0.3, 0.2, 0.35, 0.0);
	cairo_pattern_add_color_stop_rgba(sh, 1, 0.3, 0.2, 0.35, 0.0);
	cairo_pattern_destroy(sh);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_arc(cr, ix - rx * 0.35, iy - ry * 0.4, rx * 0.3 * (ex->tears ? 1.2 : 1), 0, 2 * M_PI);
	cairo_fill(cr);
	cairo_arc(cr, ix + rx * 0.35, iy + ry * 0.4, rx * 0.13, 0, 2 * M_PI);
	cairo_fill(cr);
	if (ex->tears) {   /* welling tears: a wet line along the lower lid */
		cairo_set_source_rgba(cr, 0.75, 0.9, 1.0, 0.7);
		cairo_arc(cr, ix + rx * 0.1, iy + ry * 0.15, rx * 0.1, 0, 2 * M_PI);
		cairo_fill(cr);
	}
	cairo_restore(cr);
	/* upper lash line, thicker toward the outer corner */
	cairo_move_to(cr, xi, yi);
	cairo_curve_to(cr, xi + (xo - xi) * 0.2, top + ex->lid_tilt * 0.5 * open, xi + (xo - xi) * 0.75, top, xo, yo);
	chr_rgb(cr, lash);
	cairo_set_line_width(cr, lw);
	cairo_stroke(cr);
	if (L->female) {   /* outer lash flick */
		cairo_move_to(cr, xo - g->e * 0.02, yo - 0.01);
		cairo_line_to(cr, xo + g->e * 0.07, yo - 0.07);
		cairo_set_line_width(cr, lw * 0.7);
		cairo_stroke(cr);
	}
	/* lower lid: a short thin line at the outer part */
	cairo_move_to(cr, xi + (xo - xi) * 0.9, yo + (bot - yo) * 0.45);
	cairo_curve_to(cr, xi + (xo - xi) * 0.75, bot + 0.005, xi + (xo - xi) * 0.6, bot + 0.01, xi + (xo - xi) * 0.45, bot);
	chr_rgb(cr, chr_mix(lash, L->skin, 0.35));
	cairo_set_line_width(cr, 0.025);
	cairo_stroke(cr);
	/* eyelid crease */
	if (open > 0.6) {
		cairo_move_to(cr, xi + (xo - xi) * 0.3, top - 0.06);
		cairo_curve_to(cr, xi + (xo - xi) * 0.5, top - 0.1, xi + (xo - xi) * 0.7, top - 0.095, xi + (xo - xi) * 0.85, top - 0.06);
		chr_rgb(cr, chr_mix(lash, L->skin, 0.55));
		cairo_set_line_width(cr, 0.018);
		cairo_stroke(cr);
	}
	cairo_path_destroy(shape);
}

static void draw_brow(cairo_t *cr, const struct chr_look *L, const struct eye *g, const struct chr_expr *ex)
{
	static const double W[] = { 0.045, 0.05, 0.04, 0.075, 0.028, 0.05 };
	double base = g->y - g->h * 1.5 - 0.1;
	double skew = ex->brow_skew * (g->e > 0 ? 1 : 0);
	double xi = g->x - g->e * g->w * 0.85, xo = g->x + g->e * g->w * 1.2;
	double yi = base + ex->brow_in + skew, yo = base + 0.02 + ex->brow_out + skew;
	double arch = L->brows == 2 ? 0.07 : L->brows == 1 ? 0.015 : 0.04;
	cairo_move_to(cr, xi, yi);
	if (L->brows == 5) {   /* angled */
		double mx = xi + (xo - xi) * 0.62;
		cairo_line_to(cr, mx, (yi + yo) / 2 - 0.05);
		cairo_line_to(cr, xo, yo + 0.02);
	} else
		cairo_curve_to(cr, xi + (xo - xi) * 0.35, yi - arch, xi + (xo - xi) * 0.7, yo - arch, xo, yo + 0.02);
	chr_rgb(cr, chr_mix(chr_mul(L->hair, 0.7), LASH, 0.35));
	cairo_set_line_width(cr, W[L->brows] * (L->female ? 0.85 : 1.1));
	cairo_stroke(cr);
}

static void draw_nose(cairo_t *cr, const struct chr_look *L, double t)
{
	struct rgb c = chr_mix(L->skin, chr_line(L->skin), 0.55);
	double x = 0.12 * t + 0.02, y = 0.58;
	chr_rgb(cr, c);
	cairo_set_line_width(cr, 0.03);
	if (t != 0) {
		double s = t > 0 ? 1 : -1, len = L->nose >= 2 ? 0.22 : 0.14, p = profness(t);
		double tip = chr_turn_x(t, 0, 1.06), base = chr_turn_x(t, 0, 0.9);
		if (p > 0.5) {   /* profile: the nose is in the outline; a nostril */
			cairo_move_to(cr, tip - s * 0.1, y + 0.02);
			cairo_curve_to(cr, tip - s * 0.14, y - 0.03, tip - s * 0.2, y + 0.01, tip - s * 0.17, y + 0.05);
			cairo_stroke(cr);
			return;
		}
		/* bridge down the far side of the nose, the tip, back under it */
		cairo_move_to(cr, tip - s * 0.02, y - len);
		cairo_curve_to(cr, tip + s * 0.02, y - len * 0.4, tip + s * 0.04, y - 0.04, tip + s * 0.02, y);
		cairo_curve_to(cr, tip - s * 0.01, y + 0.03, base, y + 0.04, base - s * 0.04, y + 0.02);
		cairo_stroke(cr);
		/* the shadow the nose casts toward the near cheek */
		cairo_move_to(cr, base - s * 0.02, y - 0.02);
		cairo_line_to(cr, base - s * 0.08, y + 0.01);
		cairo_set_line_width(cr, 0.02);
		cairo_stroke(cr);
		return;
	}
	switch (L->nose) {
	case 0: cairo_move_to(cr, x, y - 0.05); cairo_line_to(cr, x - 0.025, y + 0.01); break;
	case 1:
		cairo_arc(cr, x, y, 0.04, 0.2 * M_PI, 0.8 * M_PI);
		break;
	default: {
		double len = L->nose == 3 ? 0.25 : 0.17;
		cairo_move_to(cr, x + 0.04, y - len);
		cairo_curve_to(cr, x + 0.05, y - 0.05, x + 0.05, y - 0.01, x - 0.03, y + 0.01);
	}
	}
	cairo_stroke(cr);
}

/* ---- mouth ---- */

/* An open mouth from corner to corner: upper lip control ut, lower bottom lb (relative to y). */
static void open_mouth(cairo_t *cr, double x, double y, double w, double ut, double lb, double corner,
                       double teeth_top, double teeth_bot, double tongue, double lw)
{
	double cy = y - corner * 0.05;
	cairo_move_to(cr, x - w, cy);
	cairo_curve_to(cr, x - w * 0.5, y + ut, x + w * 0.5, y + ut, x + w, cy);
	cairo_curve_to(cr, x + w * 0.7, y + lb, x - w * 0.7, y + lb, x - w, cy);
	cairo_close_path(cr);
	cairo_path_t *p = cairo_copy_path(cr);
	chr_rgb(cr, MOUTH_IN);
	cairo_fill(cr);
	cairo_save(cr);
	cairo_append_path(cr, p);
	cairo_clip(cr);
	if (tongue > 0) {
		cairo_save(cr);
		cairo_translate(cr, x, y + lb * 0.75 - tongue * (lb - ut) * 0.4);
		cairo_scale(cr, w * 0.65, (lb - ut) * 0.4 + 0.01);
		cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
		cairo_restore(cr);
		chr_rgb(cr, TONGUE);
		cairo_fill(cr);
	}
	chr_rgb(cr, WHITE);
	if (teeth_top > 0) { cairo_rectangle(cr, x - w, y + ut - 0.1, 2 * w, 0.1 + teeth_top); cairo_fill(cr); }
	if (teeth_bot > 0) { cairo_rectangle(cr, x - w, y + lb * 0.75 - teeth_bot, 2 * w, teeth_bot + 0.1); cairo_fill(cr); }
	cairo_restore(cr);
	cairo_append_path(cr, p);
	chr_rgb(cr, chr_mix(MOUTH_IN, LASH, 0.6));
	cairo_set_line_width(cr, lw);
	cairo_stroke(cr);
	cairo_path_destroy(p);
}

static void line_mouth(cairo_t *cr, double x, double y, double w, double curve, double corner, double lw, struct rgb c)
{
	double cy = y - corner * 0.04;
	cairo_move_to(cr, x - w, cy);
	cairo_curve_to(cr, x - w * 0.4, y + curve, x + w * 0.4, y + curve, x + w, cy);
	chr_rgb(cr, c);
	cairo_set_line_width(cr, lw);
	cairo_stroke(cr);
}

/* Where the mouth sits and how wide it looks in view t (lip.c's shapes draw around it). */
static void mouth_place(double t, double *x, double *wk)
{
	if (t == 0) { *x = 0; *wk = 1; return; }
	*x = chr_turn_x(t, 0, 0.9) - (t > 0 ? 1 : -1) * 0.08 * profness(t);
	*wk = 0.5 + 0.38 * cos(t * M_PI / 2) + 0.1 * (1 - profness(t));
}

static void draw_mouth(cairo_t *cr, const struct chr_look *L, double t, const struct chr_expr *ex, char vis)
{
	double x, wk;
	mouth_place(t, &x, &wk);
	double y = 0.78, w = 0.13 * wk, k = ex->corner, lw = 0.03;
	if (L->age < 13) y -= 0.04;
	struct rgb lc = chr_mix(MOUTH_IN, LASH, 0.5);
	switch (vis) {
	case 'A': line_mouth(cr, x, y, w * 0.8, 0.0, k * 0.5, 0.042, lc);
		line_mouth(cr, x, y + 0.06, w * 0.35, 0.01, 0, 0.02, chr_mix(L->skin, lc, 0.4)); return;
	case 'B': open_mouth(cr, x, y, w * 0.95, -0.015, 0.06, k * 0.5, 0.03, 0.02, 0, lw); return;
	case 'C': open_mouth(cr, x, y, w, -0.03, 0.14, k * 0.5, 0.03, 0, 0.3, lw); return;
	case 'D': open_mouth(cr, x, y, w * 1.2, -0.05, 0.25, k * 0.5, 0.035, 0, 0.4, lw); return;
	case 'E': open_mouth(cr, x, y, w * 0.68, -0.07, 0.18, 0, 0.02, 0, 0.3, lw); return;
	case 'F': open_mouth(cr, x, y, w * 0.38, -0.05, 0.08, 0, 0, 0, 0, lw * 1.3); return;
	case 'G': open_mouth(cr, x, y, w * 0.9, -0.02, 0.05, k * 0.3, 0.045, 0, 0, lw);
		line_mouth(cr, x, y + 0.045, w * 0.8, 0.02, 0, 0.025, lc); return;
	case 'H': open_mouth(cr, x, y, w, -0.04, 0.15, k * 0.5, 0.02, 0, 1.0, lw); return;
	default: break;
	}
	switch (ex->mouth) {
	case CHR_M_SOFT: line_mouth(cr, x, y, w * 0.55, 0.02, k, 0.032, lc); break;
	case CHR_M_SMILE_OPEN:
		cairo_move_to(cr, x - w * 1.05, y - 0.06);
		cairo_curve_to(cr, x - w * 0.4, y - 0.03, x + w * 0.4, y - 0.03, x + w * 1.05, y - 0.06);
		cairo_curve_to(cr, x + w * 0.8, y + 0.2, x - w * 0.8, y + 0.2, x - w * 1.05, y - 0.06);
		cairo_close_path(cr);
		chr_rgb(cr, MOUTH_IN);
		cairo_fill_preserve(cr);
		cairo_save(cr);
		cairo_clip_preserve(cr);
		cairo_save(cr);
		cairo_translate(cr, x, y + 0.14);
		cairo_scale(cr, w * 0.6, 0.07);
		cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
		cairo_restore(cr);
		chr_rgb(cr, TONGUE);
		cairo_fill(cr);
		cairo_restore(cr);
		chr_rgb(cr, lc);
		cairo_set_line_width(cr, lw);
		cairo_stroke(cr);
		break;
	case CHR_M_FROWN: line_mouth(cr, x, y + 0.02, w * 0.55, -0.05, -0.6, 0.032, lc); break;
	case CHR_M_GRIT: open_mouth(cr, x, y, w * 1.05, -0.02, 0.1, -0.8, 0.04, 0.04, 0, lw); break;
	case CHR_M_O: open_mouth(cr, x, y + 0.02, w * 0.42, -0.08, 0.1, 0, 0, 0, 0.2, lw); break;
	case CHR_M_SMIRK:
		cairo_move_to(cr, x - w * 0.55, y + 0.01);
		cairo_curve_to(cr, x - w * 0.1, y + 0.035, x + w * 0.3, y + 0.01, x + w * 0.7, y - 0.06);
		chr_rgb(cr, lc);
		cairo_set_line_width(cr, 0.032);
		cairo_stroke(cr);
		break;
	case CHR_M_WAVY:
		cairo_move_to(cr, x - w * 0.6, y);
		for (int i = 1; i <= 6; i++)
			cairo_line_to(cr, x - w * 0.6 + i * w * 0.2, y + ((i & 1) ? -0.025 : 0.015) * (ex->sweat ? 1.4 : 1));
		chr_rgb(cr, lc);
		cairo_set_line_width(cr, 0.028);
		cairo_stroke(cr);
		break;
	case CHR_M_CRY: open_mouth(cr, x, y + 0.02, w * 0.95, 0.01, 0.11, -1.0, 0.02, 0, 0.2, lw); break;
	case CHR_M_FIRM: line_mouth(cr, x, y, w * 0.62, -0.012, -0.3, 0.038, lc); break;
	case CHR_M_SMALL_O: open_mouth(cr, x, y, w * 0.3, -0.03, 0.05, 0, 0, 0, 0, lw); break;
	case CHR_M_SHOUT: open_mouth(cr, x, y + 0.02, w * 1.35, -0.08, 0.3, -0.6, 0.04, 0.03, 0.4, lw); break;
	}
}

/* ---- marks: blush, tears, sweat, anger vein, gloom ---- */

static void blush(cairo_t *cr, double t, int level)
{
	for (int s = -1; s <= 1; s += 2) {
		double fc = facing(t, s * 0.55, 0.7);
		if (fc < 0.15) continue;
		int far = t != 0 && s * t > 0;
		double x = chr_turn_x(t, s * 0.55, 0.7), y = 0.56;
		cairo_save(cr);
		cairo_translate(cr, x, y);
		cairo_scale(cr, 0.24 * (far ? 0.7 : 1), 0.1);
		cairo_pattern_t *p = cairo_pattern_create_radial(0, 0, 0, 0, 0, 1);
		cairo_pattern_add_color_stop_rgba(p, 0, 1.0, 0.42, 0.5, level > 1 ? 0.55 : 0.35);
		cairo_pattern_add_color_stop_rgba(p, 1, 1.0, 0.42, 0.5, 0.0);
		cairo_set_source(cr, p);
		cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
		cairo_fill(cr);
		cairo_pattern_destroy(p);
		cairo_restore(cr);
		if (level > 1) {
			cairo_set_source_rgba(cr, 0.9, 0.3, 0.4, 0.7);
			cairo_set_line_width(cr, 0.018);
			for (int i = -1; i <= 1; i++) {
				cairo_move_to(cr, x + i * 0.07 + 0.02, y - 0.04);
				cairo_line_to(cr, x + i * 0.07 - 0.02, y + 0.04);
			}
			cairo_stroke(cr);
		}
	}
}

static void tears(cairo_t *cr, const struct chr_look *L, double t, int level)
{
	for (int s = -1; s <= 1; s += 2) {
		struct eye g;
		if (!eye_geom(L, t, s, &g)) continue;
		double x = g.x + s * g.w * 0.5, y = g.y + g.h * 0.6;
		if (level >= 2) {
			cairo_move_to(cr, x, y);
			cairo_curve_to(cr, x + s * 0.04, y + 0.2, x - s * 0.02, y + 0.4, x + s * 0.02, y + 0.65);
			cairo_set_source_rgba(cr, 0.55, 0.82, 1.0, 0.85);
			cairo_set_line_width(cr, 0.07);
			cairo_stroke(cr);
			cairo_move_to(cr, x - 0.01, y + 0.05);
			cairo_curve_to(cr, x + s * 0.03, y + 0.2, x - s * 0.03, y + 0.35, x + s * 0.0, y + 0.5);
			cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
			cairo_set_line_width(cr, 0.02);
			cairo_stroke(cr);
		}
	}
}

static void drop(cairo_t *cr, double x, double y, double r)
{
	cairo_move_to(cr, x, y - r * 2.2);
	cairo_curve_to(cr, x + r * 0.4, y - r, x + r, y - r * 0.5, x + r, y);
	cairo_arc(cr, x, y, r, 0, M_PI);
	cairo_curve_to(cr, x - r, y - r * 0.5, x - r * 0.4, y - r, x, y - r * 2.2);
	cairo_close_path(cr);
	chr_fill(cr, (struct rgb){ 0.68, 0.88, 1.0 }, x - r, x + r, 0.025);
}

static void vein(cairo_t *cr, double x, double y)
{
	cairo_set_source_rgb(cr, 0.88, 0.15, 0.2);
	cairo_set_line_width(cr, 0.045);
	for (int q = 0; q < 4; q++) {
		double a = q * M_PI / 2 + M_PI / 4;
		double cx = x + cos(a) * 0.09, cy = y + sin(a) * 0.09;
		cairo_new_sub_path(cr);
		cairo_arc(cr, cx, cy, 0.06, a + M_PI * 0.6, a + M_PI * 1.4);
	}
	cairo_stroke(cr);
}

static void facial_hair(cairo_t *cr, const struct chr_look *L, double t)
{
	int beard = L->acc & (1u << ACC_BEARD), tache = beard || (L->acc & (1u << ACC_MOUSTACHE));
	double x, wk;
	mouth_place(t, &x, &wk);
	double y = 0.78 - (L->age < 13 ? 0.04 : 0);
	if (beard) {   /* a pointed chin beard below the lower lip */
		double cy = FACE_CHIN[L->face] + 0.02, cx = t != 0 ? chr_turn_x(t, 0, 0.8) : 0;
		cairo_move_to(cr, x - 0.16, y + 0.1);
		cairo_curve_to(cr, x - 0.12, cy + 0.05, cx - 0.08, cy + 0.2, cx + 0.02 * t, cy + 0.36);
		cairo_curve_to(cr, cx + 0.1, cy + 0.2, x + 0.12, cy + 0.05, x + 0.16, y + 0.1);
		cairo_curve_to(cr, x + 0.05, y + 0.14, x - 0.05, y + 0.14, x - 0.16, y + 0.1);
		cairo_close_path(cr);
		chr_hair_fill(cr, L, y, cy + 0.36);
	}
	if (tache) {   /* two strokes from under the nose, drooping outward */
		for (int s = -1; s <= 1; s += 2) {
			double w = (s * t > 0 ? 0.75 : 1.0) * wk;
			cairo_move_to(cr, x + s * 0.02, y - 0.09);
			cairo_curve_to(cr, x + s * 0.1 * w, y - 0.11, x + s * 0.17 * w, y - 0.06, x + s * 0.21 * w, y + 0.02);
			cairo_curve_to(cr, x + s * 0.15 * w, y - 0.03, x + s * 0.08 * w, y - 0.05, x + s * 0.02, y - 0.05);
			cairo_close_path(cr);
			chr_hair_fill(cr, L, y - 0.1, y);
		}
	}
}

static void glasses(cairo_t *cr, const struct chr_look *L, double t)
{
	struct eye g[2];
	int vis[2] = { eye_geom(L, t, -1, &g[0]), eye_geom(L, t, 1, &g[1]) };
	struct rgb fr = { 0.2, 0.17, 0.22 };
	if (t != 0) {   /* the near arm back to the ear */
		int n = t > 0 ? 0 : 1;
		cairo_move_to(cr, g[n].x - g[n].e * g[n].w * 1.4, g[n].y - 0.04);
		cairo_line_to(cr, chr_turn_x(t, g[n].e * 0.97, -0.08), 0.12);
		chr_rgb(cr, fr);
		cairo_set_line_width(cr, 0.035);
		cairo_stroke(cr);
	}
	for (int i = 0; i < 2; i++) {
		if (!vis[i]) continue;
		double w = g[i].w * 1.45, h = 0.27;
		cairo_save(cr);
		cairo_translate(cr, g[i].x, g[i].y);
		cairo_scale(cr, w, h);
		cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
		cairo_restore(cr);
		cairo_set_source_rgba(cr, 0.85, 0.92, 1.0, 0.18);
		cairo_fill_preserve(cr);
		chr_rgb(cr, fr);
		cairo_set_line_width(cr, 0.035);
		cairo_stroke(cr);
		cairo_move_to(cr, g[i].x - w * 0.5, g[i].y - h * 0.3);
		cairo_line_to(cr, g[i].x - w * 0.1, g[i].y - h * 0.7);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.7);
		cairo_set_line_width(cr, 0.025);
		cairo_stroke(cr);
	}
	if (!vis[0] || !vis[1]) return;
	cairo_move_to(cr, g[0].x + g[0].w * 1.45, g[0].y - 0.04);
	cairo_curve_to(cr, g[0].x + g[0].w * 1.6, g[0].y - 0.1, g[1].x - g[1].w * 1.6, g[1].y - 0.1, g[1].x - g[1].w * 1.45, g[1].y - 0.04);
	chr_rgb(cr, fr);
	cairo_set_line_width(cr, 0.03);
	cairo_stroke(cr);
}

/* Long styles that cover the ears from the side. */
static int hides_ears(const struct chr_look *L)
{
	int h = L->hair_style;
	return h == HS_LONG || h == HS_BOB || h == HS_HALF_UP || h == HS_TWINTAILS || h == HS_BRAIDS;
}

/* The hair over the skull of a turned head: from the hairline over the crown to the
 * nape, in front of the ear down to a sideburn (over the ear for long styles). */
static void skull_hair(cairo_t *cr, const struct chr_look *L, double yaw)
{
	double s = yaw < 0 ? -1 : 1, p = profness(yaw), k = fabs(sin(yaw * M_PI / 2));
	double sx = skull_x(fabs(yaw)), r = 1.12 + 0.08 * k, ex = chr_turn_x(fabs(yaw), -0.97, -0.08);
	if (L->hair_style == HS_BALD) {   /* a fringe from behind the ear round the back of the skull */
		double B[][2] = {
			{ ex + 0.1, -0.24 }, { sx - r * 0.8, -0.24 }, { sx - r * 0.9, 0.05 },
			{ sx - r * 0.78, 0.36 }, { ex - 0.02, 0.4 }, { ex + 0.08, 0.05 },
		};
		for (size_t i = 0; i < ARRAY_LEN(B); i++) B[i][0] *= s;
		smooth_loop(cr, B, (int)ARRAY_LEN(B));
		chr_hair_fill(cr, L, -0.3, 0.42);
		return;
	}
	int lng = hides_ears(L), spiky = L->hair_style == HS_SPIKY;
	double nape = lng ? 1.0 : 0.5, burn = lng ? 0.75 : 0.12;
	double Q[][2] = {
		{ lerp(0.7, 0.62, p), -0.62 },                        /* hairline at the temple, toward the face */
		{ sx + r * 0.78, -0.15 - r * 0.7 }, { sx + r * 0.1, -0.16 - r * (spiky ? 1.12 : 1.0) },
		{ sx - r * 0.7, -0.12 - r * 0.72 }, { sx - r * 1.02, -0.1 },
		{ sx - r * 0.97, nape - 0.12 }, { sx - r * 0.7, nape + 0.08 }, { ex - 0.08, nape - 0.06 },
		{ ex + 0.2, burn }, { ex + 0.24, lerp(-0.2, -0.1, p) }, { lerp(0.35, 0.4, p), -0.45 },
	};
	int n = (int)ARRAY_LEN(Q);
	for (int i = 0; i < n; i++) Q[i][0] *= s;
	smooth_loop(cr, Q, n);
	cairo_path_t *cap = cairo_copy_path(cr);
	chr_hair_fill(cr, L, -1.3, nape);
	/* strands sweeping back, and the shine band */
	cairo_save(cr);
	cairo_append_path(cr, cap);
	cairo_clip(cr);
	chr_rgb(cr, chr_mul(L->hair, 0.6));
	cairo_set_line_width(cr, 0.022);
	for (int i = 0; i < 4; i++) {
		double x0 = s * (0.5 - i * 0.12), y0 = -0.9 + i * 0.12;
		cairo_move_to(cr, x0, y0);
		cairo_curve_to(cr, x0 - s * 0.4, y0 - 0.15, s * (sx - 0.7), y0 + 0.1, s * (sx - 0.95), y0 + 0.55);
	}
	cairo_stroke(cr);
	struct rgb hl = chr_mul(L->hair, 1.35);
	cairo_set_source_rgba(cr, hl.r, hl.g, hl.b, 0.7);
	cairo_set_line_width(cr, 0.07);
	cairo_new_sub_path(cr);
	if (s > 0) cairo_arc(cr, sx, -0.2, r * 0.8, M_PI * 1.2, M_PI * 1.5);
	else cairo_arc(cr, -sx, -0.2, r * 0.8, M_PI * 1.5, M_PI * 1.8);
	cairo_stroke(cr);
	cairo_restore(cr);
	cairo_path_destroy(cap);
}

void chr_draw_head(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f,
                   const struct chr_expr *ex, char viseme, double blink, double gaze, int bowing, int layers)
{
	double t = f->yaw, ht = 2 * t;   /* ht: the hair's view, +-1 three-quarter, +-2 profile */
	cairo_save(cr);
	cairo_translate(cr, t * f->hr * 0.15, f->head_y + f->head_dy);
	cairo_scale(cr, f->hr, f->hr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	if ((layers & CHR_HEAD_STATIC) && f->back) {   /* the back of the head: hair (or scalp) */
		ears(cr, L, 0);
		cairo_save(cr);
		cairo_translate(cr, 0, -0.02);
		cairo_scale(cr, 1.04, 1.08);
		cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
		cairo_restore(cr);
		if (L->hair_style == HS_BALD) {
			chr_fill(cr, L->skin, -1, 1, 0.05);
			chr_hair_ball(cr, L, 0, 0.15, 0.9, 0.35);
		} else {
			chr_hair_fill(cr, L, -1.2, 1.1);
			chr_rgb(cr, chr_mul(L->hair, 0.6));
			cairo_set_line_width(cr, 0.022);
			for (int i = -3; i <= 3; i++) {
				cairo_move_to(cr, i * 0.1, -1.05);
				cairo_curve_to(cr, i * 0.25, -0.5, i * 0.3, 0.3, i * 0.28, 0.9);
			}
			cairo_stroke(cr);
			if (L->hair_style == HS_TOPKNOT || L->hair_style == HS_HALF_UP) {
				chr_hair_ball(cr, L, 0, -1.22, 0.3, 0.26);
				chr_hair_tie(cr, L, 0, -1.0);
			}
		}
		cairo_restore(cr);
		return;
	}
	if ((layers & CHR_HEAD_BACK_ACC) && f->back) {
		chr_head_accessories(cr, L, 0);
		cairo_restore(cr);
		return;
	}
	if (layers & CHR_HEAD_STATIC) {
		int long_hair = hides_ears(L);
		if (t == 0 || long_hair) ears(cr, L, t);
		face_path(cr, L, t);
		cairo_path_t *face = cairo_copy_path(cr);
		/* skin: a soft light from the upper left, no hard band on the face */
		{
			cairo_pattern_t *sp = cairo_pattern_create_radial(-0.35 - 0.2 * t, -0.3, 0.1, -0.2 - 0.2 * t, -0.1, 1.7);
			struct rgb a = chr_mul(L->skin, 1.05), b = L->skin, c = chr_mul(L->skin, 0.88);
			cairo_pattern_add_color_stop_rgb(sp, 0, a.r, a.g, a.b);
			cairo_pattern_add_color_stop_rgb(sp, 0.55, b.r, b.g, b.b);
			cairo_pattern_add_color_stop_rgb(sp, 1, c.r, c.g, c.b);
			cairo_set_source(cr, sp);
			cairo_fill_preserve(cr);
			cairo_pattern_destroy(sp);
			chr_rgb(cr, chr_line(L->skin));
			cairo_set_line_width(cr, 0.05);
			cairo_stroke(cr);
		}
		/* shade under the hair line and on the far cheek */
		cairo_save(cr);
		cairo_append_path(cr, face);
		cairo_clip(cr);
		cairo_pattern_t *p = cairo_pattern_create_linear(0, -0.4, 0, 0.1);
		struct rgb sk = chr_mul(L->skin, 0.86);
		cairo_pattern_add_color_stop_rgba(p, 0, sk.r, sk.g, sk.b, 0.9);
		cairo_pattern_add_color_stop_rgba(p, 1, sk.r, sk.g, sk.b, 0.0);
		cairo_set_source(cr, p);
		cairo_paint(cr);
		cairo_pattern_destroy(p);
		cairo_restore(cr);
		cairo_path_destroy(face);
		if (t != 0) {
			skull_hair(cr, L, t);
			if (!long_hair) ears(cr, L, t);
		}

		if (ex->gloom) {
			cairo_set_source_rgba(cr, 0.35, 0.35, 0.75, 0.35);
			cairo_set_line_width(cr, 0.035);
			for (int i = -3; i <= 3; i++) {
				cairo_move_to(cr, i * 0.14 + 0.1 * t, -0.5);
				cairo_line_to(cr, i * 0.14 + 0.1 * t, -0.05 - (i & 1) * 0.08);
			}
			cairo_stroke(cr);
		}
		if (ex->blush) blush(cr, t, ex->blush);
		draw_nose(cr, L, t);
		if (ex->tears) tears(cr, L, t, ex->tears);
		cairo_save(cr);
		if (t != 0) {   /* the bangs seen from the side: narrower, toward the side faced */
			double p = profness(t);
			cairo_translate(cr, (t > 0 ? 1 : -1) * (0.3 + 0.25 * p), 0);
			cairo_scale(cr, 0.62 - 0.2 * p, 1);
		}
		chr_hair_front(cr, L, ht);
		cairo_restore(cr);
		if (L->hair_style == HS_TOPKNOT || L->hair_style == HS_HALF_UP) {
			double kx = t != 0 ? (t > 0 ? 1 : -1) * skull_x(fabs(t)) : 0;
			chr_hair_ball(cr, L, kx, -1.22, 0.3, 0.26);
			chr_hair_tie(cr, L, kx, -1.0);
		}
		/* brows over the bangs, as illustrators draw them */
		for (int e = -1; e <= 1; e += 2) {
			struct eye g;
			if (eye_geom(L, t, e, &g)) draw_brow(cr, L, &g, ex);
		}
		if (L->hair_style == HS_BRAIDS) chr_braids(cr, L, ht);
		if (L->age > 55) {   /* smile lines */
			chr_rgb(cr, chr_mix(L->skin, chr_line(L->skin), 0.4));
			cairo_set_line_width(cr, 0.02);
			for (int s = -1; s <= 1; s += 2) {
				if (facing(t, s * 0.3, 0.85) < 0.2) continue;
				double x = chr_turn_x(t, s * 0.3, 0.85);
				cairo_move_to(cr, x, 0.6);
				cairo_curve_to(cr, x + s * 0.05, 0.7, x + s * 0.04, 0.78, x + s * 0.02, 0.82);
			}
			cairo_stroke(cr);
		}
		facial_hair(cr, L, t);
		chr_head_accessories(cr, L, ht);
		/* sweat at the temple, the anger mark on the forehead, both on the side seen */
		double sd = t > 0 ? 1 : t < 0 ? -1 : 0;
		if (ex->sweat) drop(cr, t != 0 ? sd * 0.9 : 0.78, -0.15, 0.09);
		if (ex->vein) vein(cr, t != 0 ? chr_turn_x(t, -sd * 0.3, 0.75) : -0.62, -0.55);
	}
	if (layers & CHR_HEAD_DYNAMIC) {
		/* what changes from frame to frame: eyes (blink) and mouth (viseme) */
		double look = sin(t * M_PI / 2) * 0.6 + gaze;
		look = look < -1 ? -1 : look > 1 ? 1 : look;
		for (int e = -1; e <= 1; e += 2) {
			struct eye g;
			if (eye_geom(L, t, e, &g)) draw_eye(cr, L, &g, ex, blink, look, bowing);
		}
		draw_mouth(cr, L, t, ex, viseme);
		if (L->acc & (1u << ACC_GLASSES)) glasses(cr, L, t);
	}
	cairo_restore(cr);
}
