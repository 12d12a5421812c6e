/* art/character.c — the procedural character figure: colour helpers, proportions, the
 * drawing order of a figure, the cache of its static part, and the entry points
 * proc_draw_character and proc_metrics. The body and garments are in character_body.c,
 * the head in character_face.c and character_hair.c; the look JSON is read by
 * character_look.c.
 *
 * Drawing works in figure units (100 = a standard adult, feet at the origin, y down)
 * under one cairo transform, so it is resolution independent and deterministic: the
 * same look and state give the same pixels. Light comes from the upper left; every
 * shape gets a soft cel gradient and a coloured outline. */
#include <math.h>
#include <string.h>
#include <pthread.h>
#include "art/creature_parts.h"

/* ---- colour helpers ---- */

struct rgb chr_mul(struct rgb c, double k)
{
	if (k <= 1) return (struct rgb){ c.r * k, c.g * k, c.b * k };
	double t = k - 1;
	return (struct rgb){ c.r + (1 - c.r) * t, c.g + (1 - c.g) * t, c.b + (1 - c.b) * t };
}

struct rgb chr_mix(struct rgb a, struct rgb b, double t)
{
	return (struct rgb){ a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t };
}

struct rgb chr_line(struct rgb c)
{
	return chr_mix(chr_mul(c, 0.42), (struct rgb){ 0.16, 0.10, 0.15 }, 0.5);
}

void chr_rgb(cairo_t *cr, struct rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

static void stop(cairo_pattern_t *p, double at, struct rgb c)
{
	cairo_pattern_add_color_stop_rgb(p, at, c.r, c.g, c.b);
}

void chr_fill(cairo_t *cr, struct rgb c, double x0, double x1, double lw)
{
	cairo_pattern_t *p = cairo_pattern_create_linear(x0, 0, x1, 0);
	stop(p, 0, chr_mul(c, 1.07));
	stop(p, 0.5, c);
	stop(p, 0.62, chr_mul(c, 0.86));
	stop(p, 1, chr_mul(c, 0.76));
	cairo_set_source(cr, p);
	cairo_fill_preserve(cr);
	cairo_pattern_destroy(p);
	if (lw > 0) {
		chr_rgb(cr, chr_line(c));
		cairo_set_line_width(cr, lw);
		cairo_stroke(cr);
	} else cairo_new_path(cr);
}

void chr_round_rect(cairo_t *cr, double x, double y, double w, double h, double r)
{
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
	cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
	cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
	cairo_arc(cr, x + r, y + r, r, M_PI, 1.5 * M_PI);
	cairo_close_path(cr);
}

/* ---- layout ---- */

double art_view_yaw(int view)
{
	switch (view) {
	case ART_VIEW_LEFT: return -0.5;
	case ART_VIEW_RIGHT: return 0.5;
	case ART_VIEW_PROFILE_LEFT: return -1;
	case ART_VIEW_PROFILE_RIGHT: return 1;
	default: return 0;
	}
}

const char *art_view_name(int view)
{
	switch (view) {
	case ART_VIEW_LEFT: return "three-quarter left";
	case ART_VIEW_RIGHT: return "three-quarter right";
	case ART_VIEW_PROFILE_LEFT: return "profile left";
	case ART_VIEW_PROFILE_RIGHT: return "profile right";
	case ART_VIEW_BACK_LEFT: return "back left";
	case ART_VIEW_BACK_RIGHT: return "back right";
	default: return "front";
	}
}

double art_gaze_to_camera(int view)
{
	return -sin(art_view_yaw(view) * M_PI / 2) * 0.6;
}

void chr_layout(const struct chr_look *L, double yaw, struct chr_fig *f)
{
	memset(f, 0, sizeof *f);
	double t = yaw < 0 ? -1 : yaw > 0 ? 1 : 0;
	f->yaw = yaw;
	double a = L->age, R;                       /* heads tall */
	if (a < 6) R = 4.3;
	else if (a < 13) R = 4.5 + (a - 6) * 0.2;
	else if (a < 18) R = 5.9 + (a - 13) * 0.12;
	else R = 6.5;
	f->t = t;
	f->H = 100 * L->height;
	f->hh = f->H / R;
	f->hr = f->hh * 0.45;
	f->head_y = -(f->H - f->hh * 0.55);
	f->chin = f->head_y + f->hr * 1.06;
	double body = -f->chin;
	f->sh = f->chin + body * 0.05;
	f->chest = f->chin + body * 0.18;
	f->waist = f->chin + body * 0.31;
	f->hip = f->chin + body * 0.40;
	f->crotch = f->chin + body * 0.47;
	f->knee = f->chin + body * 0.72;
	f->ankle = -body * 0.035;
	double cf = a < 13 ? 0.8 : a < 16 ? 0.9 : 1.0, m = L->build_w;
	f->sh_w = f->hr * (L->female ? 1.62 : 1.98) * m * cf;
	f->waist_w = f->hr * (L->female ? 1.0 : 1.35) * m * m * cf * (a > 55 ? 1.15 : 1.0);
	f->hip_w = f->hr * (L->female ? 1.42 : 1.38) * m * cf;
	f->neck_w = f->hr * (L->female ? 0.34 : 0.42);
	f->arm_w = f->hr * (L->female ? 0.6 : 0.68) * m * cf;
	f->L1 = body * 0.2;
	f->L2 = body * 0.18;
	f->hand = body * 0.058;
	f->lw = 0.34;
}

/* x of a body point seen in the current view: the far side is foreshortened. */

static double clampd(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Everything one drawing needs, worked out once. */
struct job {
	struct chr_look L;
	struct chr_fig f;
	const struct chr_expr *ex;
	const char *pose;
	struct chr_arm arms[2];
	int bowing;
};

/* Transform to the figure's units, then the bow lean of the upper body. */
static void to_figure(cairo_t *cr, const struct art_char_state *st, double x, double y_feet, double height)
{
	cairo_translate(cr, x, y_feet);
	cairo_scale(cr, height / 100.0, height / 100.0 * (1 + 0.006 * clampd(st->breath, -1, 1)));
}

static void to_upper(cairo_t *cr, const struct job *j)
{
	if (!j->bowing) return;
	double t = j->f.t;
	cairo_translate(cr, 0, j->f.hip);
	if (t != 0) cairo_rotate(cr, 0.32 * t);
	cairo_scale(cr, 1, t != 0 ? 1 : 0.86);
	cairo_translate(cr, 0, -j->f.hip);
}

/* The part of the figure that does not blink or speak. */
static void draw_static(cairo_t *cr, const struct job *j)
{
	const struct chr_look *L = &j->L;
	const struct chr_fig *f = &j->f;
	double t = f->t;
	if (L->creature) { crt_draw(cr, L, t, f->back, j->ex, 'X', 0, CHR_HEAD_STATIC, j->pose); return; }
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	/* soft contact shadow */
	cairo_save(cr);
	cairo_scale(cr, f->hip_w * 1.6, 1.6);
	cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
	cairo_restore(cr);
	cairo_set_source_rgba(cr, 0.1, 0.05, 0.15, 0.18);
	cairo_fill(cr);
	cairo_save(cr);
	chr_body_squash(cr, f);
	chr_draw_lower(cr, L, f);
	cairo_restore(cr);
	cairo_save(cr);
	to_upper(cr, j);
	if (f->back) {   /* seen from behind: arms at the sides, hair over the back, no face */
		for (int i = 0; i < 2; i++)
			if (!j->arms[i].front) { chr_draw_arm(cr, L, f, &j->arms[i], 0); chr_draw_arm(cr, L, f, &j->arms[i], 1); }
		chr_draw_torso(cr, L, f);
		for (int i = 0; i < 2; i++) chr_draw_arm(cr, L, f, &j->arms[i], 2);
		chr_draw_head(cr, L, f, j->ex, 'X', 0, 0, 0, CHR_HEAD_STATIC);
		chr_draw_back_hair(cr, L, f);
		chr_draw_head(cr, L, f, j->ex, 'X', 0, 0, 0, CHR_HEAD_BACK_ACC);
		cairo_restore(cr);
		return;
	}
	chr_draw_back_hair(cr, L, f);
	/* the far arm (or both hanging arms) behind the torso; in profile the near arm
	 * hangs in front of it */
	int prof = chr_profness(f) > 0.5, near_i = t > 0 ? 0 : 1;
	cairo_save(cr);
	chr_body_squash(cr, f);
	for (int i = 0; i < 2; i++) {
		if (prof && i == near_i) continue;
		chr_draw_arm(cr, L, f, &j->arms[i], 0);
		if (!j->arms[i].front) chr_draw_arm(cr, L, f, &j->arms[i], 1);
	}
	chr_draw_torso(cr, L, f);
	if (prof) chr_draw_arm(cr, L, f, &j->arms[near_i], 0);
	for (int i = 0; i < 2; i++) chr_draw_arm(cr, L, f, &j->arms[i], 2);
	/* in three-quarter view the near forearm may cross the torso's edge */
	if (t != 0) {
		const struct chr_arm *near = &j->arms[near_i];
		if (!near->front) chr_draw_arm(cr, L, f, near, 1);
	}
	for (int i = 0; i < 2; i++)
		if (j->arms[i].front == 1) chr_draw_arm(cr, L, f, &j->arms[i], 1);
	cairo_restore(cr);
	chr_draw_head(cr, L, f, j->ex, 'X', 0, 0, j->bowing, CHR_HEAD_STATIC);
	cairo_save(cr);
	chr_body_squash(cr, f);
	for (int i = 0; i < 2; i++)
		if (j->arms[i].front == 2) chr_draw_arm(cr, L, f, &j->arms[i], 1);
	cairo_restore(cr);
	cairo_restore(cr);
}

/* ---- cache of static parts, in device pixels ----
 * The renderer redraws a character whenever its mouth or eyes change; the rest of the
 * figure is kept here as an image keyed by the look, the state (minus mouth and blink)
 * and the device transform's scale and sub-pixel offset. Every drawing goes through
 * this path, so a cached and a fresh drawing give the same pixels. */

#define CACHE_N 12
struct centry { uint64_t key; cairo_surface_t *img; int ox, oy; uint64_t used; };
static struct centry cache[CACHE_N];
static uint64_t cache_clock;
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) { h ^= b[i]; h *= 1099511628211ULL; }
	return h;
}

static double round6(double v) { return round(v * 1e6) / 1e6; }

static uint64_t state_key(const struct character *c, const struct job *j, const cairo_matrix_t *m, const int clip[4])
{
	uint64_t h = 1469598103934665603ULL;
	char *look = c->look ? json_dumps(c->look, JSON_SORT_KEYS | JSON_COMPACT) : NULL;
	if (look) h = fnv(h, look, strlen(look));
	free(look);
	h = fnv(h, &j->L.female, sizeof j->L.female);
	h = fnv(h, &j->L.age, sizeof j->L.age);
	h = fnv(h, j->ex->name, strlen(j->ex->name));
	h = fnv(h, j->pose, strlen(j->pose));
	h = fnv(h, &j->f.t, sizeof j->f.t);
	h = fnv(h, &j->f.yaw, sizeof j->f.yaw);
	h = fnv(h, &j->f.back, sizeof j->f.back);
	double v[6] = { m->xx, m->yx, m->xy, m->yy, m->x0, m->y0 };   /* already rounded (round6) */
	h = fnv(h, clip, 4 * sizeof *clip);
	return fnv(h, v, sizeof v);
}

static cairo_surface_t *cache_get(uint64_t key, int *ox, int *oy)
{
	cairo_surface_t *img = NULL;
	pthread_mutex_lock(&cache_mu);
	for (int i = 0; i < CACHE_N; i++)
		if (cache[i].img && cache[i].key == key) {
			img = cairo_surface_reference(cache[i].img);
			*ox = cache[i].ox; *oy = cache[i].oy;
			cache[i].used = ++cache_clock;
			break;
		}
	pthread_mutex_unlock(&cache_mu);
	return img;
}

/* Keep at most CACHE_N images and CACHE_BYTES of pixels (a close-up's image can be a
 * whole frame); the least recently used go first. Rendering the 3-minute demo episode at
 * 1080x1920: 48 MB gave 623 hits and 158 misses (5.1 s drawing them), peak RSS 296 MB;
 * 16 MB gave 616 hits and 165 misses (5.7 s), peak RSS 278 MB. 12 MB since x264's lookahead
 * took three more frames (encode/encode.c): with 12 MB, 6 head patches (render/shot.c) and 3
 * pipe slots, a 10-minute 1080x1920 render peaked at 296.4 MB in 248.8 s against 301.7 MB in
 * 284.7 s before (load 7), the 3-minute one at 296.0 against 294.1 MB, the same bytes. */
#define CACHE_BYTES (12u << 20)

static size_t img_bytes(cairo_surface_t *img)
{
	return (size_t)cairo_image_surface_get_stride(img) * (size_t)cairo_image_surface_get_height(img);
}

static void cache_put(uint64_t key, cairo_surface_t *img, int ox, int oy)
{
	pthread_mutex_lock(&cache_mu);
	size_t need = img_bytes(img), total = 0;
	for (int i = 0; i < CACHE_N; i++) if (cache[i].img) total += img_bytes(cache[i].img);
	for (;;) {
		int slot = -1, used = 0;
		for (int i = 0; i < CACHE_N; i++) {
			if (!cache[i].img) { if (slot < 0 || cache[slot].img) slot = i; continue; }
			used++;
			if (slot < 0 || (cache[slot].img && cache[i].used < cache[slot].used)) slot = i;
		}
		int full = used == CACHE_N || (total + need > CACHE_BYTES && used > 0);
		if (!full && slot >= 0 && !cache[slot].img) {
			cache[slot] = (struct centry){ key, cairo_surface_reference(img), ox, oy, ++cache_clock };
			break;
		}
		/* evict the least recently used */
		int lru = -1;
		for (int i = 0; i < CACHE_N; i++)
			if (cache[i].img && (lru < 0 || cache[i].used < cache[lru].used)) lru = i;
		if (lru < 0) break;
		total -= img_bytes(cache[lru].img);
		cairo_surface_destroy(cache[lru].img);
		cache[lru].img = NULL;
	}
	pthread_mutex_unlock(&cache_mu);
}

/* Render the static part with device matrix m (integer offset removed) into an image. */
static cairo_surface_t *render_static(const struct job *j, const cairo_matrix_t *m, const int clip[4], int *ox, int *oy)
{
	/* bounded by the target's clip: nothing outside it is recorded or measured */
	cairo_rectangle_t ext = { clip[0], clip[1], (double)clip[2] - clip[0], (double)clip[3] - clip[1] };
	int bounded = ext.width > 0 && ext.height > 0 && ext.width < 1e5 && ext.height < 1e5;
	cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, bounded ? &ext : NULL);
	cairo_t *rc = cairo_create(rec);
	cairo_set_matrix(rc, m);
	draw_static(rc, j);
	cairo_destroy(rc);
	double x, y, w, h;
	cairo_recording_surface_ink_extents(rec, &x, &y, &w, &h);
	/* only what the target's clip lets through */
	int ix = (int)fmax(floor(x) - 1, clip[0]), iy = (int)fmax(floor(y) - 1, clip[1]);
	int iw = (int)fmin(ceil(x + w) + 1, clip[2]) - ix, ih = (int)fmin(ceil(y + h) + 1, clip[3]) - iy;
	if (iw < 1) iw = 1;
	if (ih < 1) ih = 1;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, iw, ih);
	cairo_t *ic = cairo_create(img);
	cairo_set_source_surface(ic, rec, -ix, -iy);
	cairo_paint(ic);
	cairo_destroy(ic);
	cairo_surface_destroy(rec);
	*ox = ix; *oy = iy;
	return img;
}

int proc_draw_character(cairo_t *cr, const struct series *s, const struct character *c,
                        const struct art_char_state *st, double x, double y_feet, double height)
{
	if (!cr || !c || !(height > 0))
		return err_set(ERR_INPUT, "art: draw_character needs a cairo context, a character and a height > 0");
	struct art_char_state def = ART_CHAR_STATE_INIT;
	if (!st) st = &def;
	struct job j;
	chr_look_parse(c, &j.L);
	int back = st->view == ART_VIEW_BACK_LEFT || st->view == ART_VIEW_BACK_RIGHT;   /* over-the-shoulder shots */
	chr_layout(&j.L, back ? 0 : art_view_yaw(st->view), &j.f);
	j.f.back = back;
	j.ex = chr_expr_get(st->expression);
	j.pose = st->pose && model_in_vocab(MODEL_POSES, st->pose) ? st->pose : "idle";
	j.bowing = str_eq(j.pose, "bow") && !j.L.creature;
	if (j.bowing && j.f.t == 0) j.f.head_dy = j.f.hr * 0.4;
	chr_arm_pose(&j.f, j.pose, -1, &j.arms[0]);
	chr_arm_pose(&j.f, j.pose, 1, &j.arms[1]);
	char vis = (st->viseme >= 'A' && st->viseme <= 'H') ? st->viseme : 'X';
	double blink = clampd(st->blink, 0, 1);

	/* device matrix of the figure */
	cairo_save(cr);
	to_figure(cr, st, x, y_feet, height);
	cairo_matrix_t m;
	cairo_get_matrix(cr, &m);
	cairo_restore(cr);
	/* The static part is drawn from the matrix rounded as the cache key rounds it, so one key
	 * is one image whoever draws it first: an eased camera move gives matrices a few 1e-8
	 * apart, and two render lanes share this cache (a segment's bytes once depended on which
	 * lane reached such a key first). */
	double fx = floor(m.x0), fy = floor(m.y0);
	cairo_matrix_t mf = { round6(m.xx), round6(m.yx), round6(m.xy), round6(m.yy), round6(m.x0 - fx), round6(m.y0 - fy) };
	if (mf.x0 >= 1) { mf.x0 -= 1; fx += 1; }
	if (mf.y0 >= 1) { mf.y0 -= 1; fy += 1; }

	/* the device clip, relative to the figure's integer origin */
	double c1, c2, c3, c4;
	cairo_save(cr);
	cairo_identity_matrix(cr);
	cairo_clip_extents(cr, &c1, &c2, &c3, &c4);
	cairo_restore(cr);
	int clip[4] = { (int)fmax(-1e6, floor(c1 - fx)), (int)fmax(-1e6, floor(c2 - fy)),
	                (int)fmin(1e6, ceil(c3 - fx)), (int)fmin(1e6, ceil(c4 - fy)) };
	uint64_t key = state_key(c, &j, &mf, clip);
	int ox = 0, oy = 0;
	cairo_surface_t *img = cache_get(key, &ox, &oy);
	if (!img) {
		img = render_static(&j, &mf, clip, &ox, &oy);
		cache_put(key, img, ox, oy);
	}
	cairo_save(cr);
	cairo_identity_matrix(cr);
	cairo_set_source_surface(cr, img, fx + ox, fy + oy);
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_surface_destroy(img);

	cairo_save(cr);
	to_figure(cr, st, x, y_feet, height);
	to_upper(cr, &j);
	if (j.L.creature) crt_draw(cr, &j.L, j.f.t, back, j.ex, vis, blink, CHR_HEAD_DYNAMIC, j.pose);
	else if (!back) chr_draw_head(cr, &j.L, &j.f, j.ex, vis, blink, clampd(st->gaze, -1, 1), j.bowing, CHR_HEAD_DYNAMIC);
	cairo_restore(cr);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		return err_set(ERR_GENERIC, "art: drawing character \"%s\" failed: %s", c->name ? c->name : "?",
		               cairo_status_to_string(cairo_status(cr)));
	return 0;
}

int proc_metrics(const struct character *c, struct art_metrics *m)
{
	if (!c || !m) return err_set(ERR_INPUT, "art: metrics needs a character and an output");
	struct chr_look L;
	chr_look_parse(c, &L);
	if (L.creature) { crt_metrics(&L, m); return 0; }
	struct chr_fig f;
	chr_layout(&L, 0, &f);
	/* fractions of the standard height (100 units); the tallest adult reaches 1.0 */
	m->head_center = -f.head_y / 100;
	m->head_radius = f.hr * 1.1 / 100;
	m->eyes = -(f.head_y + f.hr * 0.28) / 100;
	m->mouth = -(f.head_y + f.hr * 0.76) / 100;
	m->shoulders = -f.sh / 100;
	m->waist = -f.waist / 100;
	m->width = 2 * f.sh_w / 100;
	return 0;
}
