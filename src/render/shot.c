/* render/shot.c — one segment's frames: the title card, a shot, or the end card.
 *
 * A shot draws its location layers once into surfaces larger than the frame (back, or
 * back flattened under mid; front), frames its characters for the shot type with the
 * 180-degree rule and draws each into its own layer. Frames compose the room, the
 * characters and what stands in front with the camera as one transformed blit each
 * (the back layer moves less in pans: parallax). Characters breathe and sway, walk in
 * and out (anim.c decides who and when) by moving their layer; their heads (mouth,
 * eyes, expression) are redrawn into it only when they change, each head picture cached
 * per state. When the camera holds still only what moved is composed again, and a
 * frame that changes nothing costs nothing and reports itself as the same picture. */
#include "render/render_internal.h"
#include "render/clip.h"
#include "render/ai_mouth.h"
#include "encode/encode.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { CAM_STATIC, CAM_PUSH, CAM_PULL, CAM_PAN_L, CAM_PAN_R, CAM_TILT_U, CAM_TILT_D, CAM_SNAP, CAM_SHAKE };
enum { TY_WIDE, TY_MEDIUM, TY_CU, TY_ECU, TY_OTS, TY_TWO, TY_INSERT };

#define MAX_ACT 4
#define RSEG_BOXES 64         /* frame boxes painted at most (rblit's limit) */
#define YUV_LAYER_BOXES 12    /* of them, per character or front layer (rseg_draw_yuv) */
_Static_assert((MAX_ACT + 1) * YUV_LAYER_BOXES + 1 <= RSEG_BOXES, "yuv_boxes: every character, the front layer and the subtitle fit");
/* A shot's cached head pictures (a mouth shape, a blink: update_head). 8 MB until x264's
 * lookahead took more frames (encode.c): 6 MB paid part of it (the make's peak is a shot's
 * set-up beside x264's frames). */
#define PATCH_BUDGET (6u << 20)

struct ract {
	const struct character *c;
	const char *pose, *face0, *face1;  /* faces before / after the change (anim.c) */
	int change, enter, exit;
	double x, y, h;                 /* feet and height, layer pixels */
	int view, fg, speaker, to_camera;
	double gaze;                    /* eyes beyond the head's turn (art_char_state.gaze) */
	struct art_metrics m;
	int rx, ry, rw, rh;             /* head rectangle in the layer, clipped */
	cairo_surface_t *surf;          /* the character alone: layer pixels (sx, sy, sw, sh) */
	int sx, sy, sw, sh, layer_view;
	struct rbands bands;            /* where surf is not transparent */
	struct art_char_state cur;      /* state drawn into surf */
	double xf[4];                   /* placement drawn last (motion_at) */
	double box[4];                  /* frame rectangle it covered last: x0 y0 x1 y1 */
	double hr;                      /* head radius, px */
	double br_T, br_ph, sw_T, sw_ph;/* breathing and sway: period (s), phase (turns) */
	int64_t walk_in, walk_out;      /* walks in during [0, walk_in), out from walk_out */
	int dir_in, dir_out, view_out;
	int64_t *blinks; size_t n_blinks;
};

struct patch { uint64_t key; cairo_surface_t *img; uint64_t used; size_t bytes; };

struct rseg {
	struct rctx *c;
	int kind;
	size_t idx;
	const struct tl_shot *ts;
	int64_t frames;
	int LW, LH, type, cam;
	cairo_surface_t *back, *mid, *front, *card;   /* back NULL: flattened into mid */
	int fx, fy;                     /* where front (cropped to what it covers) sits in the layer */
	struct rbands front_bands;      /* where front is not transparent */
	const struct location *loc;
	int weather;                    /* rain/snow: the front layer is drawn every frame with t */
	double zoom;                    /* the shot type's magnification of the base layers */
	struct ract act[MAX_ACT];
	int n_act, focus;
	struct rsub sub;
	int64_t line_from, line_to;     /* local frames of the spoken audio; -1 */
	struct rlip lip;
	int has_lip;
	uint64_t seed;
	struct patch *patches; size_t n_patches, cap_patches, patch_bytes;
	uint64_t tick;
	int have_prev, prev_sub;
	cairo_surface_t *prev_dst;      /* the surface that holds the previous picture */
	double prev_cam[3];
	double prev_alpha;
	struct rclip *clip;             /* a generated video clip gives the pictures (clip.c) */
	struct rmouth *mouth;           /* a generated still's speaking mouth (ai_mouth.c) */
	char prev_mv;                   /* its viseme in the previous frame */
	int chg[4];                     /* what the last rseg_draw changed: x0 y0 x1 y1 in dst */
	uint8_t *room_yuv;              /* mid as YUV 4:2:0 (Y LW x LH, then U, V): rseg_draw_yuv */
	uint8_t *yuv_pl[3];             /* while rseg_draw_yuv draws: the frame's planes, else NULL */
	int yuv_ls[3];
	int yuv_box[RSEG_BOXES][4], n_yuv_box;   /* the boxes it drew into dst */
};

static int vocab_index(const char *const *v, const char *s, int dflt)
{
	if (!s) return dflt;
	for (int i = 0; v[i]; i++)
		if (!strcmp(v[i], s)) return i;
	return dflt;
}

static double smooth(double u)
{
	if (u <= 0) return 0;
	if (u >= 1) return 1;
	return u * u * (3 - 2 * u);
}

/* ---- characters ---- */

/* Screen side for the 180-degree rule: position in the scene's cast (even = left). */
static int cast_pos(const struct scene *sc, const char *name)
{
	for (size_t i = 0; i < sc->n_cast; i++)
		if (str_eq(sc->cast[i], name)) return (int)i;
	return (int)sc->n_cast;
}

static void blinks_for(struct rseg *g, struct ract *r)
{
	const struct rstyle *st = &g->c->st;
	struct rng rg;
	rng_seed(&rg, g->seed ^ seed_mix(g->c->seed, r->c->name));
	double t = st->blink_first_min + rng_unit(&rg) * (st->blink_first_max - st->blink_first_min);
	size_t cap = 0;
	while (t * g->c->fps < g->frames) {
		xgrow((void **)&r->blinks, &cap, r->n_blinks, sizeof *r->blinks);
		r->blinks[r->n_blinks++] = (int64_t)(t * g->c->fps);
		t += st->blink_gap_min + rng_unit(&rg) * (st->blink_gap_max - st->blink_gap_min);
	}
}

static double blink_at(const struct rseg *g, const struct ract *r, int64_t i)
{
	int64_t len = (int64_t)ceil(g->c->st.blink_len * g->c->fps);
	if (len < 2) len = 2;
	for (size_t k = 0; k < r->n_blinks; k++) {
		int64_t d = i - r->blinks[k];
		if (d < 0 || d >= len) continue;
		double u = (d + 0.5) / len;              /* 0..1: close then open */
		double v = 1 - fabs(2 * u - 1);
		return v > 0.66 ? 1.0 : v > 0.2 ? 0.5 : 0.0;
	}
	return 0;
}

/* Idle motion and walking of one character: its own breathing and sway periods and
 * phases (from the seed and its name, the same in every shot, so two characters never
 * move in step), and when it walks in or out of this shot. */
static void motion_for(struct rseg *g, struct ract *r)
{
	const struct rstyle *st = &g->c->st;
	struct rng rg;
	rng_seed(&rg, seed_mix(g->c->seed, r->c->name) ^ 0x5eed1e5ull);
	r->br_T = st->breath_min + rng_unit(&rg) * (st->breath_max - st->breath_min);
	r->br_ph = rng_unit(&rg);
	r->sw_T = st->sway_min + rng_unit(&rg) * (st->sway_max - st->sway_min);
	r->sw_ph = rng_unit(&rg);
	r->hr = r->m.head_radius * r->h;
	int64_t walk = (int64_t)lround(st->walk_sec * g->c->fps);
	if (walk > g->frames * 45 / 100) walk = g->frames * 45 / 100;
	r->walk_in = r->enter && walk >= 2 ? walk : 0;
	r->walk_out = r->exit && walk >= 2 ? g->frames - walk : g->frames;
	/* walk in from the side behind them, out toward the side they turn to */
	r->dir_in = r->view > 0 ? -1 : r->view < 0 ? 1 : r->x < g->LW / 2.0 ? -1 : 1;
	r->dir_out = r->x < g->LW / 2.0 ? -1 : 1;
	r->view_out = r->dir_out < 0 ? ART_VIEW_LEFT : ART_VIEW_RIGHT;
}

/* Lines said face to face: a two-shot of one of these shows the pair in profile. */
static int face_off(const struct rseg *g)
{
	static const char *const HOT[] = { "angry", "shout", "determined", "smug" };
	const struct line *ln = g->ts->sh->line;
	if (g->type != TY_TWO || g->n_act != 2 || !ln || !ln->emotion) return 0;
	for (size_t i = 0; i < ARRAY_LEN(HOT); i++)
		if (str_eq(ln->emotion, HOT[i])) return 1;
	return 0;
}

/* Which way actor i turns and looks. Everyone faces someone in the shot: a listener
 * the speaker, the speaker (or anyone when no one speaks) the nearest other; the
 * 180-degree rule has already put them on their sides, so turning toward the other's
 * x keeps it. Alone, a character faces its partner's side of the frame, eyes off the
 * lens (an extreme close-up keeps the face square and glances aside). Only an action
 * or parenthetical that says so (anim.c) turns a face to the camera. */
static void frame_look(struct rseg *g, int i)
{
	struct ract *r = &g->act[i];
	int n = g->n_act, target = -1;
	r->gaze = 0;
	if (r->to_camera && !r->fg) { r->view = ART_VIEW_FRONT; return; }
	if (n >= 2 && g->act[g->focus].speaker && g->focus != i) target = g->focus;
	for (int k = 0; k < n && target < 0; k++)
		if (k != i && (target < 0 || fabs(g->act[k].x - r->x) < fabs(g->act[target].x - r->x))) target = k;
	int left = cast_pos(g->ts->sc, r->c->name) % 2 == 0;
	if (n >= 2) left = i < n / 2 || (n % 2 && i == n / 2 && left);
	int dir = target >= 0 ? (g->act[target].x > r->x || (g->act[target].x == r->x && left) ? 1 : -1) : left ? 1 : -1;
	if (r->fg) { r->view = dir * ART_VIEW_BACK_RIGHT; return; }   /* the OTS listener from behind */
	if (target < 0 && g->type == TY_ECU) { r->view = ART_VIEW_FRONT; r->gaze = dir * 0.7; return; }
	r->view = face_off(g) ? dir * ART_VIEW_PROFILE_RIGHT : dir * ART_VIEW_RIGHT;
}

/* Place the characters for the shot type, in frame pixels, then move into the layer. */
static int frame_actors(struct rseg *g)
{
	struct rctx *c = g->c;
	const struct scene *sc = g->ts->sc;
	struct rplan pl;
	rplan_shot(c, g->ts, &pl);
	g->n_act = 0;
	for (int i = 0; i < pl.n && g->n_act < MAX_ACT; i++) {
		struct ract *r = &g->act[g->n_act++];
		const struct rplan_actor *a = &pl.a[i];
		r->c = a->c;
		r->pose = a->pose;
		r->face0 = a->face0;
		r->face1 = a->face1;
		r->change = a->change;
		r->speaker = a->speaker;
		r->to_camera = a->to_camera;
		r->enter = a->enter;
		r->exit = a->exit;
	}
	/* order by screen side (cast position), left to right */
	for (int i = 0; i < g->n_act; i++)
		for (int k = i + 1; k < g->n_act; k++)
			if (cast_pos(sc, g->act[k].c->name) < cast_pos(sc, g->act[i].c->name)) {
				struct ract t = g->act[i];
				g->act[i] = g->act[k];
				g->act[k] = t;
			}
	g->focus = 0;
	for (int i = 0; i < g->n_act; i++) {
		struct ract *r = &g->act[i];
		if (r->speaker == 1) g->focus = i;      /* a joint cue: its first speaker */
		if (c->art->metrics(r->c, &r->m) < 0) return ERR_GENERIC;
	}
	double W = c->W, H = c->H;
	int n = g->n_act;
	for (int i = 0; i < n; i++) {
		struct ract *r = &g->act[i];
		int left = cast_pos(sc, r->c->name) % 2 == 0;
		if (n >= 2) left = i < n / 2 || (n % 2 && i == n / 2 && left);
		const struct art_metrics *m = &r->m;
		double span = 1 - m->waist;
		switch (n == 1 && (g->type == TY_TWO || g->type == TY_OTS) ? TY_MEDIUM : g->type) {
		case TY_WIDE:
			r->h = 0.40 * H;
			r->y = 0.86 * H;
			r->x = W * (n == 1 ? 0.5 : 0.22 + 0.56 * i / (n - 1));
			break;
		case TY_MEDIUM:
			r->h = 0.84 * H / (span > 0.2 ? span : 0.5);
			r->y = 0.98 * H + m->waist * r->h;
			r->x = n == 1 ? W * (left ? 0.46 : 0.54) : W * (0.27 + 0.46 * i / (n - 1));
			break;
		case TY_TWO:
			r->h = 0.92 * H;
			r->y = 1.12 * H;
			r->x = W * (0.26 + 0.48 * i / (n - 1));
			break;
		case TY_CU:
			r->h = 0.27 * W / m->head_radius;
			r->y = 0.40 * H + m->head_center * r->h;
			r->x = W * (left ? 0.46 : 0.54);
			break;
		case TY_ECU:
			r->h = 0.62 * W / m->head_radius;
			r->y = 0.43 * H + m->eyes * r->h;
			r->x = W * 0.5;
			r->enter = r->exit = 0;        /* a face filling the frame does not walk */
			break;
		case TY_OTS: {
			int is_main = i == g->focus;
			if (is_main) {            /* the speaker beyond, medium close */
				r->h = 0.16 * W / m->head_radius;
				r->y = 0.36 * H + m->head_center * r->h;
				r->x = W * (left ? 0.36 : 0.64);
			} else {                  /* the listener's shoulder in the foreground */
				r->fg = 1;
				r->enter = r->exit = 0;
				r->h = 0.34 * W / m->head_radius;
				r->y = 0.66 * H + m->head_center * r->h;
				r->x = W * (left ? -0.02 : 1.02);
			}
			break;
		}
		default:
			break;
		}
		r->x += (g->LW - W) / 2;
		r->y += (g->LH - H) / 2;
		/* head rectangle: face features live within about 1.3 head radii */
		double hr = m->head_radius * r->h, hx = r->x, hy = r->y - m->head_center * r->h;
		int x0 = (int)floor(hx - 1.3 * hr), y0 = (int)floor(hy - 1.35 * hr);
		int x1 = (int)ceil(hx + 1.3 * hr), y1 = (int)ceil(hy + 1.4 * hr);
		if (x0 < 0) x0 = 0;
		if (y0 < 0) y0 = 0;
		if (x1 > g->LW) x1 = g->LW;
		if (y1 > g->LH) y1 = g->LH;
		r->rx = x0; r->ry = y0; r->rw = x1 > x0 ? x1 - x0 : 0; r->rh = y1 > y0 ? y1 - y0 : 0;
	}
	for (int i = 0; i < n; i++) {
		frame_look(g, i);
		blinks_for(g, &g->act[i]);
		motion_for(g, &g->act[i]);
	}
	/* the OTS foreground character is drawn last (in front) */
	for (int i = 0; i + 1 < n; i++)
		if (g->act[i].fg) {
			struct ract t = g->act[i];
			for (int k = i; k + 1 < n; k++) g->act[k] = g->act[k + 1];
			g->act[n - 1] = t;
			if (g->focus > i) g->focus--;
			break;
		}
	return 0;
}

static int draw_actor(struct rseg *g, cairo_t *cr, const struct ract *r, const struct art_char_state *st)
{
	const struct art_backend *a = g->c->art;
	if (!r->fg) return a->draw_character(cr, g->c->s, r->c, st, r->x, r->y, r->h);
	/* foreground shoulder: darker, so the eye goes to the speaker */
	cairo_push_group(cr);
	int rc = a->draw_character(cr, g->c->s, r->c, st, r->x, r->y, r->h);
	cairo_pattern_t *pat = cairo_pop_group(cr);
	cairo_set_source(cr, pat);
	cairo_paint(cr);
	cairo_set_source_rgba(cr, 0.02, 0.02, 0.06, 0.45);
	cairo_mask(cr, pat);
	cairo_pattern_destroy(pat);
	return rc;
}

/* The bounding box of the non-transparent pixels of s: 0, or -1 when it is empty. */
static int opaque_box(cairo_surface_t *s, int *bx, int *by, int *bw, int *bh)
{
	cairo_surface_flush(s);
	const uint8_t *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s), w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s), x0 = w, x1 = -1, y0 = h, y1 = -1;
	for (int y = 0; y < h; y++) {
		const uint32_t *p = (const uint32_t *)(d + (size_t)y * stride);
		int a = 0;
		while (a < w && !p[a]) a++;
		if (a == w) continue;
		int b = w - 1;
		while (!p[b]) b--;
		if (a < x0) x0 = a;
		if (b > x1) x1 = b;
		if (y < y0) y0 = y;
		y1 = y;
	}
	if (x1 < 0) return -1;
	*bx = x0; *by = y0; *bw = x1 - x0 + 1; *bh = y1 - y0 + 1;
	return 0;
}

/* The part of s inside (x, y, w, h), as a new surface; s is released. */
static cairo_surface_t *crop(cairo_surface_t *s, int x, int y, int w, int h)
{
	cairo_surface_t *o = rpool_overwrite(w, h);
	cairo_t *cr = cairo_create(o);
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	cairo_set_source_surface(cr, s, -x, -y);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return o;
}

/* The character alone in its own surface (layer pixels, cropped to what it covers):
 * frames move it as a whole (breathing, sway, walking) with one transformed blit. */
static int actor_layer(struct rseg *g, struct ract *r, const struct art_char_state *st)
{
	if (r->surf) cairo_surface_destroy(r->surf);
	r->surf = NULL;
	double h = r->h, wd = (r->m.width > 0 ? r->m.width : 0.3) * h + 0.25 * h;
	int x0 = (int)floor(r->x - wd), x1 = (int)ceil(r->x + wd);
	int y0 = (int)floor(r->y - 1.12 * h), y1 = (int)ceil(r->y + 0.03 * h);
	if (x0 < 0) x0 = 0;
	if (y0 < 0) y0 = 0;
	if (x1 > g->LW) x1 = g->LW;
	if (y1 > g->LH) y1 = g->LH;
	if (x1 <= x0 || y1 <= y0) return 0;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, x1 - x0, y1 - y0);
	cairo_t *cr = cairo_create(s);
	cairo_translate(cr, -x0, -y0);
	int rc = draw_actor(g, cr, r, st);
	cairo_destroy(cr);
	int bx, by, bw, bh;
	if (rc < 0 || opaque_box(s, &bx, &by, &bw, &bh) < 0) {
		cairo_surface_destroy(s);
		return rc;
	}
	/* a pixel of air around it keeps the bilinear edge soft */
	bx = bx > 0 ? bx - 1 : 0;
	by = by > 0 ? by - 1 : 0;
	bw = bx + bw + 2 <= x1 - x0 ? bw + 2 : x1 - x0 - bx;
	bh = by + bh + 2 <= y1 - y0 ? bh + 2 : y1 - y0 - by;
	r->surf = crop(s, bx, by, bw, bh);
	rbands_scan(&r->bands, r->surf, 0, bh);
	r->sx = x0 + bx;
	r->sy = y0 + by;
	r->sw = bw;
	r->sh = bh;
	r->layer_view = st->view;
	return 0;
}

static uint64_t state_key(const struct art_char_state *st, int who)
{
	struct hash h;
	char hex[33];
	hash_init(&h);
	hash_num(&h, who);
	hash_str(&h, st->expression);
	hash_str(&h, st->pose);
	hash_num(&h, st->viseme);
	hash_num(&h, st->blink);
	hash_num(&h, st->view);
	hash_num(&h, st->gaze);
	hash_hex(&h, hex);
	return strtoull((char[17]){ hex[0], hex[1], hex[2], hex[3], hex[4], hex[5], hex[6], hex[7], hex[8], hex[9],
	                             hex[10], hex[11], hex[12], hex[13], hex[14], hex[15], 0 }, NULL, 16);
}

static void patch_evict(struct rseg *g)
{
	while (g->patch_bytes > PATCH_BUDGET && g->n_patches) {
		size_t lru = 0;
		for (size_t i = 1; i < g->n_patches; i++)
			if (g->patches[i].used < g->patches[lru].used) lru = i;
		g->patch_bytes -= g->patches[lru].bytes;
		cairo_surface_destroy(g->patches[lru].img);
		g->patches[lru] = g->patches[--g->n_patches];
	}
}

/* Bring actor k's head rectangle in its layer to state st (cached per state); a new view
 * (turning to walk out) redraws the whole character. */
static int update_head(struct rseg *g, int k, const struct art_char_state *st)
{
	struct ract *r = &g->act[k];
	if (st->view != r->layer_view) return actor_layer(g, r, st);
	if (!r->surf) return 0;
	/* the head rectangle in the character's surface */
	int x0 = r->rx - r->sx, y0 = r->ry - r->sy, x1 = x0 + r->rw, y1 = y0 + r->rh;
	if (x0 < 0) x0 = 0;
	if (y0 < 0) y0 = 0;
	if (x1 > r->sw) x1 = r->sw;
	if (y1 > r->sh) y1 = r->sh;
	if (x1 <= x0 || y1 <= y0) return 0;
	uint64_t key = state_key(st, k);
	g->tick++;
	cairo_t *cr = cairo_create(r->surf);
	cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
	cairo_clip(cr);
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	for (size_t i = 0; i < g->n_patches; i++) {
		if (g->patches[i].key != key) continue;
		g->patches[i].used = g->tick;
		cairo_set_source_surface(cr, g->patches[i].img, x0, y0);
		cairo_paint(cr);
		cairo_destroy(cr);
		rbands_scan(&r->bands, r->surf, y0, y1);
		return 0;
	}
	cairo_set_source_rgba(cr, 0, 0, 0, 0);
	cairo_paint(cr);
	cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
	cairo_translate(cr, -r->sx, -r->sy);
	int rc = draw_actor(g, cr, r, st);
	cairo_destroy(cr);
	if (rc < 0) return rc;
	rbands_scan(&r->bands, r->surf, y0, y1);
	cairo_surface_t *img = rpool_overwrite(x1 - x0, y1 - y0);
	cr = cairo_create(img);
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	cairo_set_source_surface(cr, r->surf, -x0, -y0);
	cairo_paint(cr);
	cairo_destroy(cr);
	xgrow((void **)&g->patches, &g->cap_patches, g->n_patches, sizeof *g->patches);
	size_t bytes = (size_t)(x1 - x0) * (y1 - y0) * 4;
	g->patches[g->n_patches++] = (struct patch){ key, img, g->tick, bytes };
	g->patch_bytes += bytes;
	patch_evict(g);
	return 0;
}

/* Viseme without one-frame blips: a shape shown for a single frame keeps the previous one. */
static char viseme_raw(const struct rseg *g, int64_t i)
{
	if (!g->has_lip || i < g->line_from || i >= g->line_to) return 'X';
	return rlip_viseme(&g->lip, (i - g->line_from + 0.5) / g->c->fps, g->c->fps, i - g->line_from);
}

static char viseme_at(const struct rseg *g, int64_t i)
{
	char v = viseme_raw(g, i);
	if (g->c->fps >= 20) {
		char p = viseme_raw(g, i - 1), nx = viseme_raw(g, i + 1);
		if (v != p && v != nx && i > g->line_from) return p;
	}
	return v;
}

/* The face at frame i: the speaker's changes when the line starts, a listener's a
 * beat later (react_delay); without a line the shot keeps its first face. */
static const char *face_at(const struct rseg *g, const struct ract *r, int64_t i)
{
	if (!r->change || g->line_from < 0) return r->face0;
	int64_t at = g->line_from;
	if (r->change == 2) at += (int64_t)lround(g->c->st.react_delay * g->c->fps);
	return i >= at ? r->face1 : r->face0;
}

static void states_at(const struct rseg *g, int64_t i, struct art_char_state *out)
{
	for (int k = 0; k < g->n_act; k++) {
		const struct ract *r = &g->act[k];
		struct art_char_state st = ART_CHAR_STATE_INIT;
		st.pose = r->pose;
		st.view = i >= r->walk_out ? r->view_out : r->view;
		st.gaze = i >= r->walk_out ? 0 : r->gaze;
		st.expression = face_at(g, r, i);
		st.viseme = r->speaker ? viseme_at(g, i) : 'X';
		st.blink = blink_at(g, r, i);
		out[k] = st;
	}
}

static int same_state(const struct art_char_state *a, const struct art_char_state *b)
{
	return str_eq(a->expression, b->expression) && str_eq(a->pose, b->pose) && a->viseme == b->viseme &&
	       a->blink == b->blink && a->view == b->view && a->gaze == b->gaze;
}

/* Where actor r is at frame i, relative to its place: dx, dy (layer px), the breathing
 * scale (vertical, about the feet) and the sway (a side-to-side drift, px). Scale and
 * move only, no shear: pixman composes that on its fast bilinear path (a shear took
 * about three times as long). The idle motion is sampled motion.rate_hz times a second
 * (a still frame between samples costs nothing). */
static void motion_at(const struct rseg *g, const struct ract *r, int64_t i, double xf[4])
{
	const struct rstyle *st = &g->c->st;
	int fps = g->c->fps;
	int64_t step = (int64_t)lround(fps / st->idle_hz);
	if (step < 2) step = 2;              /* each pose held two frames at least: fewer to encode */
	int64_t abs_i = g->ts->start + i;
	double t = (double)(abs_i - abs_i % step) / fps;
	double above = r->y - (r->sy > 0 ? r->sy : 0);          /* feet to the top of the drawing */
	if (above < r->hr) above = r->hr;
	double b = sin(2 * M_PI * (t / r->br_T + r->br_ph));
	double s = sin(2 * M_PI * (t / r->sw_T + r->sw_ph)) * 0.8 + 0.2 * sin(2 * M_PI * (t / (r->sw_T * 0.37) + r->br_ph));
	xf[0] = 0;
	xf[1] = 0;
	/* whole pixels at the top of the head: a still pose between steps repeats exactly,
	 * and a pose with no breath in it is a whole-pixel move (exact, fast) */
	xf[2] = 1 + round(st->breath * r->hr * b) / above;
	xf[3] = r->fg ? 0 : round(st->sway * r->hr * s);
	double tw = (double)i / fps, u = -1, travel = 0;
	int dir = 0;
	if (i < r->walk_in) {                 /* walking in: decelerate onto the mark */
		u = (double)i / r->walk_in;
		dir = r->dir_in;
		double e = 1 - (1 - u) * (0.35 + 0.65 * (1 - u));
		travel = dir < 0 ? r->sx + r->sw - (g->LW - g->c->W) / 2.0 : (g->LW + g->c->W) / 2.0 - r->sx;
		xf[0] = dir * (travel + 0.05 * g->c->W) * (1 - e);
	} else if (i >= r->walk_out) {        /* walking out: accelerate off the edge */
		u = (double)(i - r->walk_out + 1) / (g->frames - r->walk_out);
		dir = r->dir_out;
		travel = dir < 0 ? r->sx + r->sw - (g->LW - g->c->W) / 2.0 : (g->LW + g->c->W) / 2.0 - r->sx;
		xf[0] = dir * (travel + 0.05 * g->c->W) * u * (0.35 + 0.65 * u);
	}
	if (dir) xf[1] = -st->walk_bob * r->hr * fabs(sin(M_PI * 2.2 * tw));
}

/* Layer -> frame for actor r placed by xf, under the camera cm. */
static void actor_matrix(const struct ract *r, const double xf[4], const cairo_matrix_t *cm, cairo_matrix_t *out)
{
	cairo_matrix_t a;
	double fy = r->y;          /* scaled about the feet: they stay on the floor */
	cairo_matrix_init(&a, 1, 0, 0, xf[2], xf[0] + xf[3], fy + xf[1] - xf[2] * fy);
	cairo_matrix_multiply(out, &a, cm);
}

/* ---- camera ---- */

static void camera_at(const struct rseg *g, int64_t i, double cam[3])
{
	const struct rstyle *st = &g->c->st;
	double W = g->c->W, H = g->c->H;
	double u = g->frames > 1 ? (double)i / (double)(g->frames - 1) : 0, e = smooth(u);
	double z = 1, ox = 0, oy = 0;
	double fx = g->LW / 2.0, fy = g->LH / 2.0;          /* zoom focus: the main face */
	if (g->n_act) {
		const struct ract *r = &g->act[g->focus];
		fx = r->x;
		fy = r->y - r->m.head_center * r->h;
	}
	switch (g->cam) {
	case CAM_PUSH: z = 1 + st->push * e; break;
	case CAM_PULL: z = 1 + st->push * (1 - e); break;
	case CAM_PAN_L: ox = st->pan * W * (0.5 - e); break;
	case CAM_PAN_R: ox = st->pan * W * (e - 0.5); break;
	case CAM_TILT_U: oy = st->pan * H * (0.5 - e); break;
	case CAM_TILT_D: oy = st->pan * H * (e - 0.5); break;
	case CAM_SNAP: {
		int64_t at = g->line_from > 0 ? g->line_from : g->frames / 4;
		double k = (double)(i - at) / 3.0;
		z = 1 + st->snap * smooth(k);
		break;
	}
	case CAM_SHAKE: {
		double t = (double)i / g->c->fps, amp = st->shake * W * (0.35 + 0.65 * exp(-t * 2.5));
		struct rng rg;
		rng_seed(&rg, g->seed + (uint64_t)i * 7919u);
		z = 1 + 2.5 * st->shake;
		ox = amp * (rng_unit(&rg) * 2 - 1);
		oy = amp * (rng_unit(&rg) * 2 - 1);
		break;
	}
	default: break;
	}
	if (z != 1) {                         /* keep the focus point where it was */
		ox += (fx - g->LW / 2.0) * (1 - 1 / z);
		oy += (fy - g->LH / 2.0) * (1 - 1 / z);
	}
	double mx = (g->LW - W / z) / 2, my = (g->LH - H / z) / 2;
	if (ox > mx) ox = mx;
	if (ox < -mx) ox = -mx;
	if (oy > my) oy = my;
	if (oy < -my) oy = -my;
	if (z == 1) { ox = round(ox); oy = round(oy); }
	cam[0] = z; cam[1] = ox; cam[2] = oy;
}

static void blit_layer(cairo_t *cr, const struct rseg *g, cairo_surface_t *s, double z, double ox, double oy)
{
	cairo_save(cr);
	cairo_translate(cr, g->c->W / 2.0, g->c->H / 2.0);
	if (z != 1) cairo_scale(cr, z, z);
	cairo_translate(cr, -(g->LW / 2.0 + ox), -(g->LH / 2.0 + oy));
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), z == 1 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_BILINEAR);
	cairo_paint(cr);
	cairo_restore(cr);
}

/* ---- setup ---- */

static cairo_surface_t *layer_surface(struct rseg *g)
{
	return cairo_image_surface_create(CAIRO_FORMAT_ARGB32, g->LW, g->LH);
}

/* A layer whose every pixel the caller paints with CAIRO_OPERATOR_SOURCE: its block may
 * be an earlier shot's, not cleared (pool.c). */
static cairo_surface_t *full_layer(struct rseg *g)
{
	return rpool_overwrite(g->LW, g->LH);
}

/* A layer of the scene's location at the base framing (wide). */
static int draw_loc_layer(struct rseg *g, cairo_surface_t *s, const struct location *l, int layer)
{
	cairo_t *cr = cairo_create(s);
	int rc = g->c->art->draw_location(cr, l, g->ts->sc->time, g->ts->sc->weather, layer, 0.0, g->LW, g->LH);
	cairo_destroy(cr);
	return rc;
}

/* The base layer magnified for a closer shot: raster upscaling softens the room behind
 * the characters like a shallow depth of field, and costs one blit instead of a redraw. */
static void zoom_into(struct rseg *g, cairo_surface_t *dst, cairo_surface_t *base, double z, double dim,
                      cairo_operator_t op)
{
	/* about (LW / 2, 0.55 LH), bilinear (blit.c; cairo's GOOD is bilinear when it magnifies) */
	cairo_matrix_t m;
	cairo_matrix_init(&m, z, 0, 0, z, g->LW / 2.0 * (1 - z), g->LH * 0.55 * (1 - z));
	int box[1][4] = { { 0, 0, cairo_image_surface_get_width(dst), cairo_image_surface_get_height(dst) } };
	rblit(dst, (const int (*)[4])box, 1, base, NULL, &m, 0, 0, op == CAIRO_OPERATOR_OVER);
	if (dim > 0) {             /* closer shots: the room recedes a little */
		cairo_t *cr = cairo_create(dst);
		cairo_set_source_rgba(cr, 0.05, 0.04, 0.08, dim);
		cairo_paint(cr);
		cairo_destroy(cr);
	}
}

static cairo_surface_t *zoomed(struct rseg *g, cairo_surface_t *base, double z, double dim)
{
	if (!base) return NULL;
	if (z == 1 && dim == 0) return cairo_surface_reference(base);
	cairo_surface_t *s = full_layer(g);
	zoom_into(g, s, base, z, dim, CAIRO_OPERATOR_SOURCE);
	return s;
}

/* A part of a layer (src at sx, sy) magnified as zoom_into magnifies the whole: only the
 * box it lands in is allocated (a full layer is 10.4 MB at 1080x1920); its place in *dx, *dy. */
static cairo_surface_t *zoomed_part(struct rseg *g, cairo_surface_t *src, int sx, int sy, double z, int *dx, int *dy)
{
	int sw = cairo_image_surface_get_width(src), sh = cairo_image_surface_get_height(src);
	if (z == 1) {
		*dx = sx;
		*dy = sy;
		return cairo_surface_reference(src);
	}
	double cx = g->LW / 2.0, cy = g->LH * 0.55;
	int x0 = (int)floor(cx + z * (sx - cx)) - 1, x1 = (int)ceil(cx + z * (sx + sw - cx)) + 1;
	int y0 = (int)floor(cy + z * (sy - cy)) - 1, y1 = (int)ceil(cy + z * (sy + sh - cy)) + 1;
	if (x0 < 0) x0 = 0;
	if (y0 < 0) y0 = 0;
	if (x1 > g->LW) x1 = g->LW;
	if (y1 > g->LH) y1 = g->LH;
	if (x1 <= x0 || y1 <= y0) return NULL;
	cairo_surface_t *o = rpool_overwrite(x1 - x0, y1 - y0);
	cairo_matrix_t m;
	cairo_matrix_init(&m, z, 0, 0, z, cx * (1 - z) - x0, cy * (1 - z) - y0);
	int box[1][4] = { { 0, 0, x1 - x0, y1 - y0 } };
	rblit(o, (const int (*)[4])box, 1, src, NULL, &m, sx, sy, 0);
	*dx = x0;
	*dy = y0;
	return o;
}

/* The burned subtitle of the shot's line (and, with render.word_highlight, one picture
 * per spoken word with that word highlighted). */
static int make_subtitle(struct rseg *g)
{
	const struct line *ln = g->ts->sh->line;
	if (!ln || !ln->text || !*ln->text || g->line_from < 0 || g->c->clean) return 0;
	return rsub_make_line(g->c, ln, (double)(g->line_to - g->line_from) / g->c->fps, &g->sub);
}

int rai_image(const struct rctx *c, const struct tl_shot *ts, char **path)
{
	*path = NULL;
	char *img = NULL, *vid = NULL;
	int rc = art_shot_media(c->p->dir, (size_t)(c->ep - c->s->eps), (size_t)ts->scene, (size_t)ts->shot, &img, &vid);
	free(vid);                       /* a clip, when there is one, is drawn by clip.c */
	if (rc <= 0 || !img) {
		free(img);
		return rc < 0 ? rc : 0;
	}
	*path = img[0] == '/' ? xstrdup(img) : path_join(c->p->dir, img);
	free(img);
	return 1;
}

/* A generated picture scaled to fill the layer (cropped, centred): the shot's flat
 * background layer, with no characters drawn over it; the camera and subtitles work as for a drawing. */
static int setup_ai(struct rseg *g, const char *path)
{
	cairo_surface_t *img = cairo_image_surface_create_from_png(path);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		return err_set(ERR_IO, "%s: cannot read the generated shot picture (not a PNG or unreadable; episode %d "
		               "scene %d shot %d in cache/ai/shots.json); regenerate it with `drama design --shot` or "
		               "remove its entry", path, g->c->ep->number, g->ts->scene + 1, g->ts->shot + 1);
	}
	int iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
	g->mid = full_layer(g);
	cairo_t *cr = cairo_create(g->mid);
	double sc = fmax((double)g->LW / iw, (double)g->LH / ih);
	cairo_translate(cr, g->LW / 2.0, g->LH / 2.0);
	cairo_scale(cr, sc, sc);
	cairo_translate(cr, -iw / 2.0, -ih / 2.0);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	cairo_paint(cr);
	cairo_destroy(cr);
	int rc = rmouth_new(g->c, g->ts, img, sc, g->LW, g->LH, &g->mouth);   /* the speaker's mouth moves */
	cairo_surface_destroy(img);
	g->weather = 0;
	if (rc == 0 && g->mouth && (rc = rlip_load(g->c, g->ts->sh->line, &g->lip)) == 0) g->has_lip = 1;
	return rc;
}

static void layers_drop(struct rctx *c);

static int setup_shot(struct rseg *g)
{
	struct rctx *c = g->c;
	const struct shot *sh = g->ts->sh;
	g->type = vocab_index(MODEL_SHOT_TYPES, sh->type, TY_MEDIUM);
	g->cam = vocab_index(MODEL_CAMERAS, sh->camera, CAM_STATIC);
	double m = 1 + 2 * c->st.margin;
	g->LW = ((int)ceil(c->W * m) + 1) & ~1;
	g->LH = ((int)ceil(c->H * m) + 1) & ~1;
	g->frames = g->ts->frames;
	g->line_from = g->ts->line_start >= 0 ? g->ts->line_start - g->ts->start : -1;
	g->line_to = g->ts->line_end >= 0 ? g->ts->line_end - g->ts->start : -1;
	struct hash h;
	char hex[33];
	hash_init(&h);
	hash_str(&h, sh->type);
	hash_str(&h, sh->action);
	hash_str(&h, sh->line ? sh->line->text : NULL);
	hash_str(&h, g->ts->sc->location);
	if (sh->take) hash_num(&h, sh->take);   /* another take: other motion and extras */
	hash_hex(&h, hex);
	g->seed = seed_mix(c->seed, hex);

	const struct location *loc = series_find_location(c->s, g->ts->sc->location);
	if (!loc) return err_set(ERR_INPUT, "episode %d scene %d: no location \"%s\" in storyboard.json",
	                         c->ep->number, g->ts->scene + 1, g->ts->sc->location ? g->ts->sc->location : "");
	g->loc = loc;
	int falling = model_weather_moves(g->ts->sc->weather);
	g->weather = falling && g->type != TY_INSERT;
	char *ai_path = NULL;
	int rc = rclip_for_shot(c, g->ts, &g->clip);   /* a generated clip, else picture, else drawing */
	if (rc == 0 && !g->clip) rc = rai_image(c, g->ts, &ai_path);
	if (rc > 0 || g->clip) {
		rc = g->clip ? 0 : setup_ai(g, ai_path);
		free(ai_path);
		return rc < 0 ? rc : make_subtitle(g);
	}
	if (rc < 0) return rc;
	char lkey[33];
	hash_init(&h);
	hash_str(&h, loc->name);
	hash_str(&h, g->ts->sc->time);
	hash_str(&h, g->ts->sc->weather);
	hash_num(&h, g->LW);
	hash_num(&h, g->LH);
	hash_hex(&h, lkey);
	if (!c->layers.back || strcmp(c->layers.key, lkey)) {      /* once per scene */
		layers_drop(c);
		cairo_surface_t *b = layer_surface(g), *m = layer_surface(g), *f = layer_surface(g);
		c->layers.back = b;
		c->layers.mid = m;
		c->layers.front = f;
		if ((rc = draw_loc_layer(g, b, loc, ART_LAYER_BACK)) < 0 || (rc = draw_loc_layer(g, m, loc, ART_LAYER_MID)) < 0 ||
		    (!falling && (rc = draw_loc_layer(g, f, loc, ART_LAYER_FRONT)) < 0)) {
			layers_drop(c);
			return rc;
		}
		int bx, by, bw, bh;
		if (opaque_box(f, &bx, &by, &bw, &bh) < 0) {   /* most rooms have nothing in front: skip it */
			cairo_surface_destroy(f);
			c->layers.front = NULL;
		} else {                         /* kept as the part that has something in it */
			c->layers.front = crop(f, bx, by, bw, bh);
			c->layers.fx = bx;
			c->layers.fy = by;
		}
		memcpy(c->layers.key, lkey, sizeof lkey);
	}
	double z = c->st.zoom[g->type] > 0 ? c->st.zoom[g->type] : 1;
	g->zoom = z;
	double dim = g->type == TY_WIDE ? 0 : g->type == TY_INSERT ? 0.45 : 0.12;
	/* Unless the camera pans (parallax), back goes under mid at once: a frame is then
	 * one blit of the room, the characters and what stands in front. */
	int flat = g->cam != CAM_PAN_L && g->cam != CAM_PAN_R && g->cam != CAM_TILT_U && g->cam != CAM_TILT_D;
	/* The flat room of the scene's last flat shot is this one's when the magnification
	 * and dim are the same (consecutive shots of one type: the two zooms with pixman's GOOD
	 * filter were most of setup_shot, 3.2 s of CPU in a 1080 make). Kept only while it is
	 * the shot's own or between shots, so the peak holds no more rooms than before. Not an
	 * insert's: its prop is drawn into it. */
	int reuse = flat && g->type != TY_INSERT && c->layers.flat && c->layers.fz == z && c->layers.fdim == dim;
	if (!reuse && c->layers.flat) {
		cairo_surface_destroy(c->layers.flat);
		c->layers.flat = NULL;
	}
	if (reuse) {
		g->mid = cairo_surface_reference(c->layers.flat);
		c->rooms_reused++;
	} else if (flat) {
		g->mid = full_layer(g);
		zoom_into(g, g->mid, c->layers.back, z, dim, CAIRO_OPERATOR_SOURCE);
		if (g->type != TY_INSERT) {
			zoom_into(g, g->mid, c->layers.mid, z, 0, CAIRO_OPERATOR_OVER);
			c->layers.flat = cairo_surface_reference(g->mid);
			c->layers.fz = z;
			c->layers.fdim = dim;
		}
	} else {
		g->back = zoomed(g, c->layers.back, z, dim);
		g->mid = g->type != TY_INSERT ? zoomed(g, c->layers.mid, z, 0) : layer_surface(g);
	}
	if (g->type != TY_INSERT) {
		if (c->layers.front) g->front = zoomed_part(g, c->layers.front, c->layers.fx, c->layers.fy, z, &g->fx, &g->fy);
		if (g->front) rbands_scan(&g->front_bands, g->front, 0, cairo_image_surface_get_height(g->front));
	} else {
		/* an insert: the object, large, over the dimmed room */
		cairo_t *cr = cairo_create(g->mid);
		double pw = c->W * 0.86, ph = c->H * 0.5;
		cairo_translate(cr, (g->LW - pw) / 2, (g->LH - ph) / 2 - c->H * 0.04);
		rc = c->art->draw_prop(cr, sh->action ? sh->action : "letter", c->s, pw, ph);
		cairo_destroy(cr);
		if (rc < 0) return rc;
	}
	if ((rc = frame_actors(g)) < 0) return rc;
	if ((rc = make_subtitle(g)) < 0) return rc;
	if (sh->line && g->line_from >= 0) {
		for (int i = 0; i < g->n_act; i++)
			if (g->act[i].speaker) {
				if ((rc = rlip_load(c, sh->line, &g->lip)) < 0) return rc;
				g->has_lip = 1;
				break;
			}
	}
	/* each character's layer at frame 0 */
	struct art_char_state st[MAX_ACT];
	states_at(g, 0, st);
	for (int i = 0; i < g->n_act; i++) {
		if ((rc = actor_layer(g, &g->act[i], &st[i])) < 0) return rc;
		g->act[i].cur = st[i];
	}
	return 0;
}

int rseg_new(struct rctx *c, size_t idx, struct rseg **out)
{
	*out = NULL;
	struct rseg *g = xcalloc(1, sizeof *g);
	g->c = c;
	g->idx = idx;
	g->line_from = g->line_to = -1;
	int rc = 0;
	if (idx == 0) {
		g->kind = SEG_TITLE;
		g->frames = c->tl.title_frames;
	} else if (idx > c->tl.n_shots) {
		g->kind = SEG_END;
		g->frames = c->tl.frames - c->tl.end_start;
	} else {
		g->kind = SEG_SHOT;
		g->ts = &c->tl.shots[idx - 1];
		rc = setup_shot(g);
	}
	if (g->kind != SEG_SHOT) {
		g->card = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, c->W, c->H);
		cairo_t *cr = cairo_create(g->card);
		rc = g->kind == SEG_TITLE ? rcard_title(c, cr, 0) : rcard_end(c, cr, 0);
		cairo_destroy(cr);
	}
	rpool_trim();   /* what the set-up did not take is not held while the frames are drawn */
	if (rc < 0) {
		rseg_free(g);
		return rc;
	}
	*out = g;
	return 0;
}

int64_t rseg_frames(const struct rseg *g) { return g->frames; }

static int draw_card(struct rseg *g, int64_t i, cairo_surface_t *dst, int *same)
{
	double fade = 0.4 * g->c->fps;
	double a = g->kind == SEG_TITLE ? (i + 1) / fade : 1.0;
	if (g->kind == SEG_END && i >= g->frames - fade) a = (g->frames - i) / fade;   /* fade out at the very end */
	if (a > 1) a = 1;
	if (a < 0) a = 0;
	if (g->have_prev && a == g->prev_alpha) { *same = 1; return 0; }
	cairo_t *cr = cairo_create(dst);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_paint(cr);
	cairo_set_source_surface(cr, g->card, 0, 0);
	cairo_paint_with_alpha(cr, a);
	cairo_destroy(cr);
	g->have_prev = 1;
	g->prev_alpha = a;
	*same = 0;
	return 0;
}

/* Layer -> frame under the camera (zoom, offset), as blit_layer places a layer. */
static void cam_matrix(const struct rseg *g, const double cam[3], cairo_matrix_t *m)
{
	double z = cam[0];
	cairo_matrix_init(m, z, 0, 0, z, g->c->W / 2.0 - z * (g->LW / 2.0 + cam[1]), g->c->H / 2.0 - z * (g->LH / 2.0 + cam[2]));
}

/* Paint s (its origin at (x, y) in layer pixels) through m with OVER into the frame
 * boxes, only where its bands b say it is not transparent (blit.c); cairo's NEAREST
 * pixels when m only moves by whole pixels. */
static void paint_through(cairo_surface_t *dst, const int (*boxes)[4], int nbox, cairo_surface_t *s,
                          const struct rbands *b, const cairo_matrix_t *m, double x, double y)
{
	rblit(dst, boxes, nbox, s, b, m, x, y, 1);
}

struct dirty { double r[2 * MAX_ACT + 2][4]; int n; };

static void dirty_add(struct dirty *d, const double box[4])
{
	if (box[2] > box[0] && box[3] > box[1] && d->n < (int)ARRAY_LEN(d->r)) memcpy(d->r[d->n++], box, sizeof d->r[0]);
}

static int rseg_draw_frame(struct rseg *g, int64_t i, cairo_surface_t *dst, int *same);

/* A box of the frame grown to whole 2x2 chroma blocks, inside the frame; 0 when empty. */
static int even_box(const struct rseg *g, const double b[4], int out[4])
{
	int x0 = (int)floor(b[0]), y0 = (int)floor(b[1]), x1 = (int)ceil(b[2]), y1 = (int)ceil(b[3]);
	x0 = x0 < 0 ? 0 : x0 & ~1;
	y0 = y0 < 0 ? 0 : y0 & ~1;
	x1 = x1 >= g->c->W ? g->c->W : (x1 + 1) & ~1;
	y1 = y1 >= g->c->H ? g->c->H : (y1 + 1) & ~1;
	if (x1 <= x0 || y1 <= y0) return 0;
	out[0] = x0, out[1] = y0, out[2] = x1, out[3] = y1;
	return 1;
}

/* Where layer s (its origin at x, y in layer pixels, placed by m) is not transparent, as
 * at most YUV_LAYER_BOXES frame boxes: its bands in groups, each group's columns and rows
 * grown by 2 texels for the filter's reach. Appended to boxes; their count. */
static int layer_boxes(const struct rseg *g, cairo_surface_t *s, const struct rbands *b, const cairo_matrix_t *m, double x,
                       double y, int (*boxes)[4])
{
	int sw = cairo_image_surface_get_width(s), sh = cairo_image_surface_get_height(s), n = 0;
	if (!b->n) {                         /* never scanned: the whole layer */
		double fb[4];
		rframe_box(m, x, y, sw, sh, fb);
		return even_box(g, fb, boxes[0]);
	}
	int per = (b->n + YUV_LAYER_BOXES - 1) / YUV_LAYER_BOXES;
	for (int k = 0; k < b->n; k += per) {
		int a = 1 << 30, e = -1;
		for (int j = k; j < k + per && j < b->n; j++)
			if (b->x1[j] >= b->x0[j]) {
				a = b->x0[j] < a ? b->x0[j] : a;
				e = b->x1[j] > e ? b->x1[j] : e;
			}
		if (e < a) continue;
		int rows = (k + per) * RBAND_ROWS < sh ? per * RBAND_ROWS : sh - k * RBAND_ROWS;
		double fb[4];
		rframe_box(m, x + a - 2, y + k * RBAND_ROWS - 2, e - a + 5, rows + 4, fb);
		n += even_box(g, fb, boxes[n]);
	}
	return n;
}

/* The frame boxes where something is painted over the room (the characters as placed by
 * the last actor pass, am, the front layer, subtitle sub): their count. */
static int yuv_boxes(const struct rseg *g, const cairo_matrix_t *cm, const cairo_matrix_t *am, int sub, int (*boxes)[4])
{
	int n = 0;
	for (int k = 0; k < g->n_act; k++) {
		const struct ract *r = &g->act[k];
		if (r->surf) n += layer_boxes(g, r->surf, &r->bands, &am[k], r->sx, r->sy, boxes + n);
	}
	if (g->front) n += layer_boxes(g, g->front, &g->front_bands, cm, g->fx, g->fy, boxes + n);
	if (sub >= 0) {
		cairo_surface_t *im = rsub_image(&g->sub, sub);
		double b[4] = { g->sub.x - 1, g->sub.y - 1, g->sub.x + cairo_image_surface_get_width(im) + 1,
		                g->sub.y + cairo_image_surface_get_height(im) + 1 };
		n += even_box(g, b, boxes[n]);
	}
	return n;
}

/* The room magnified through cm into the frame's planes (chroma: the same mapping at half
 * the scale of positions). */
static void yuv_room(struct rseg *g, const cairo_matrix_t *cm, const int (*boxes)[4], int nbox)
{
	int LW = g->LW, LH = g->LH, W = g->c->W, H = g->c->H;
	const uint8_t *y = g->room_yuv, *u = y + (size_t)LW * LH, *v = u + (size_t)(LW / 2) * (LH / 2);
	int half[RSEG_BOXES][4];            /* the boxes in chroma samples (they are even) */
	for (int k = 0; k < nbox; k++)
		for (int j = 0; j < 4; j++) half[k][j] = boxes[k][j] / 2;
	rblit_plane(g->yuv_pl[0], g->yuv_ls[0], W, H, y, LW, LW, LH, cm->xx, cm->x0, cm->y0, boxes, nbox);
	for (int p = 1; p < 3; p++)
		rblit_plane(g->yuv_pl[p], g->yuv_ls[p], (W + 1) / 2, (H + 1) / 2, p == 1 ? u : v, LW / 2, LW / 2, LH / 2, cm->xx,
		            cm->x0 / 2, cm->y0 / 2, (const int (*)[4])half, nbox);
}

int rseg_yuv_ok(const struct rseg *g, int64_t i, cairo_surface_t *dst)
{
	if (g->kind != SEG_SHOT || g->clip || g->mouth || g->weather || g->back || !g->mid || i < 0 || i >= g->frames)
		return 0;
	if (cairo_image_surface_get_width(g->mid) != g->LW || cairo_image_surface_get_height(g->mid) != g->LH) return 0;
	double cam[3];
	camera_at(g, i, cam);
	if (cam[0] == 1) return 0;
	/* drawn whole by rseg_draw too (the camera moved, or dst lacks the last picture) */
	return !g->have_prev || dst != g->prev_dst || memcmp(cam, g->prev_cam, sizeof cam);
}

int rseg_draw_yuv(struct rseg *g, int64_t i, cairo_surface_t *dst, struct enc_pipe *q)
{
	int LW = g->LW, LH = g->LH;
	if (!g->room_yuv) {
		cairo_surface_flush(g->mid);
		const uint8_t *m = cairo_image_surface_get_data(g->mid);
		int ms = cairo_image_surface_get_stride(g->mid);
		g->room_yuv = xmalloc((size_t)LW * LH + 2 * (size_t)(LW / 2) * (LH / 2));
		uint8_t *y = g->room_yuv, *u = y + (size_t)LW * LH, *v = u + (size_t)(LW / 2) * (LH / 2);
		enc_bgra_to_yuv420(m, ms, LW, LH, y, LW, u, LW / 2, v, LW / 2);
	}
	int rc = enc_pipe_begin(q);
	if (rc < 0) return rc;
	enc_pipe_planes(q, g->yuv_pl, g->yuv_ls);
	int same = 0;
	g->n_yuv_box = 0;
	rc = rseg_draw(g, i, dst, &same);
	g->yuv_pl[0] = g->yuv_pl[1] = g->yuv_pl[2] = NULL;
	g->have_prev = 0;                    /* dst holds only the boxes */
	if (rc == 0) {
		cairo_surface_flush(dst);
		enc_pipe_boxes(q, cairo_image_surface_get_data(dst), cairo_image_surface_get_stride(dst),
		               (const int (*)[4])g->yuv_box, g->n_yuv_box);
	}
	int rc2 = enc_pipe_commit(q);
	return rc < 0 ? rc : rc2;
}

void rseg_changed(const struct rseg *g, int box[4]) { memcpy(box, g->chg, sizeof g->chg); }

int rseg_draw(struct rseg *g, int64_t i, cairo_surface_t *dst, int *same)
{
	*same = 0;
	g->chg[0] = g->chg[1] = 0;           /* the whole frame unless only parts are drawn */
	g->chg[2] = g->c->W;
	g->chg[3] = g->c->H;
	int rc = rseg_draw_frame(g, i, dst, same);
	if (*same) memset(g->chg, 0, sizeof g->chg);
	return rc;
}

static int rseg_draw_frame(struct rseg *g, int64_t i, cairo_surface_t *dst, int *same)
{
	if (g->kind != SEG_SHOT) return draw_card(g, i, dst, same);
	if (g->clip)
		return rclip_draw(g->clip, (double)i / g->c->fps, g->sub.img && i >= g->line_from && i < g->line_to ? &g->sub : NULL,
		                  dst, same);
	struct art_char_state st[MAX_ACT];
	states_at(g, i, st);
	double cam[3];
	camera_at(g, i, cam);
	cairo_matrix_t cm, am[MAX_ACT];
	cam_matrix(g, cam, &cm);
	/* Only what moved is drawn again when dst still holds the previous picture and the
	 * camera stands still: the characters that breathed, walked or changed face. */
	int full = !g->have_prev || dst != g->prev_dst || g->weather || memcmp(cam, g->prev_cam, sizeof cam);
	char mv = g->mouth ? viseme_at(g, i) : 'X';
	full |= g->mouth && mv != g->prev_mv;
	struct dirty d = { .n = 0 };
	for (int k = 0; k < g->n_act; k++) {
		struct ract *r = &g->act[k];
		double xf[4], box[4] = { 0, 0, 0, 0 };
		motion_at(g, r, i, xf);
		int moved = memcmp(xf, r->xf, sizeof xf) != 0, restyled = !same_state(&st[k], &r->cur);
		int turned = st[k].view != r->layer_view;
		if (restyled) {
			int rc = update_head(g, k, &st[k]);
			if (rc < 0) return rc;
			r->cur = st[k];
		}
		memcpy(r->xf, xf, sizeof xf);
		actor_matrix(r, xf, &cm, &am[k]);
		if (r->surf) rframe_box(&am[k], r->sx, r->sy, r->sw, r->sh, box);
		if (!full && (moved || turned)) {
			dirty_add(&d, r->box);
			dirty_add(&d, box);
		} else if (!full && restyled) {
			double hb[4];
			rframe_box(&am[k], r->rx, r->ry, r->rw, r->rh, hb);
			dirty_add(&d, hb);
		}
		memcpy(r->box, box, sizeof box);
	}
	int sub = g->sub.img && i >= g->line_from && i < g->line_to ? rsub_index(&g->sub, i - g->line_from, g->c->fps) : -1;
	if (!full && sub != g->prev_sub && g->sub.img) {
		double sb[4] = { g->sub.x - 1, g->sub.y - 1, g->sub.x + cairo_image_surface_get_width(g->sub.img) + 1,
		                 g->sub.y + cairo_image_surface_get_height(g->sub.img) + 1 };
		dirty_add(&d, sb);
	}
	if (!full && !d.n) {
		*same = 1;
		return 0;
	}
	for (int k = 0; k < d.n; k++)          /* whole pixels (they are: rframe_box, the subtitle's place) */
		for (int j = 0; j < 4; j++) d.r[k][j] = j < 2 ? floor(d.r[k][j]) : ceil(d.r[k][j]);
	cairo_t *cr = cairo_create(dst);
	if (!full) {
		double u[4] = { 1e9, 1e9, -1e9, -1e9 };   /* the rectangles' bounds: nothing outside changes */
		for (int k = 0; k < d.n; k++) {
			cairo_rectangle(cr, d.r[k][0], d.r[k][1], d.r[k][2] - d.r[k][0], d.r[k][3] - d.r[k][1]);
			for (int j = 0; j < 2; j++) {
				u[j] = fmin(u[j], d.r[k][j]);
				u[2 + j] = fmax(u[2 + j], d.r[k][2 + j]);
			}
		}
		cairo_clip(cr);
		double lim[2] = { g->c->W, g->c->H };
		for (int j = 0; j < 2; j++) {
			g->chg[j] = (int)fmax(0, fmin(lim[j], floor(u[j])));
			g->chg[2 + j] = (int)fmax(0, fmin(lim[j], ceil(u[2 + j])));
		}
	}
	/* the boxes drawn (blit.c paints inside them; cairo's paints are clipped to them) */
	int boxes[RSEG_BOXES][4], nbox = 0;
	if (full) {
		boxes[0][0] = boxes[0][1] = 0;
		boxes[0][2] = g->c->W;
		boxes[0][3] = g->c->H;
		nbox = 1;
	} else {
		for (int k = 0; k < d.n; k++, nbox++)
			for (int j = 0; j < 4; j++) boxes[k][j] = (int)d.r[k][j];
	}
	if (g->yuv_pl[0]) {                   /* rseg_draw_yuv: the room into the planes, the rest in boxes */
		nbox = yuv_boxes(g, &cm, am, sub, boxes);
		yuv_room(g, &cm, (const int (*)[4])boxes, nbox);
		memcpy(g->yuv_box, boxes, sizeof g->yuv_box);
		g->n_yuv_box = nbox;
	}
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	if (!g->back && cam[0] != 1) {         /* the camera magnifies: bilinear, blit.c */
		cairo_matrix_t rm = cm;
		rblit(dst, (const int (*)[4])boxes, nbox, g->mid, NULL, &rm, 0, 0, 0);
	} else if (!g->back) {
		blit_layer(cr, g, g->mid, cam[0], cam[1], cam[2]);
	} else {
		/* pans: the back layer slides about 60% as far as the rest (unscaled blits) */
		blit_layer(cr, g, g->back, 1, round(cam[1] * 0.6), round(cam[2] * 0.6));
		cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
		blit_layer(cr, g, g->mid, 1, cam[1], cam[2]);
	}
	cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
	cairo_surface_flush(dst);
	for (int k = 0; k < g->n_act; k++)
		if (g->act[k].surf)
			paint_through(dst, (const int (*)[4])boxes, nbox, g->act[k].surf, &g->act[k].bands, &am[k], g->act[k].sx,
			              g->act[k].sy);
	if (g->front) paint_through(dst, (const int (*)[4])boxes, nbox, g->front, &g->front_bands, &cm, g->fx, g->fy);
	if (g->weather) {
		/* falling rain/snow: the front layer at this frame's episode time, placed like
		 * the other layers (camera, then the shot type's magnification of the base) */
		cairo_save(cr);
		cairo_translate(cr, g->c->W / 2.0, g->c->H / 2.0);
		if (cam[0] != 1) cairo_scale(cr, cam[0], cam[0]);
		cairo_translate(cr, -(g->LW / 2.0 + cam[1]), -(g->LH / 2.0 + cam[2]));
		cairo_translate(cr, g->LW / 2.0, g->LH * 0.55);
		cairo_scale(cr, g->zoom, g->zoom);
		cairo_translate(cr, -g->LW / 2.0, -g->LH * 0.55);
		double t = (double)(g->ts->start + i) / g->c->fps;
		int rc = g->c->art->draw_location(cr, g->loc, g->ts->sc->time, g->ts->sc->weather, ART_LAYER_FRONT, t,
		                                  g->LW, g->LH);
		cairo_restore(cr);
		if (rc < 0) {
			cairo_destroy(cr);
			return rc;
		}
	}
	if (g->mouth) rmouth_draw(g->mouth, cr, &cm, mv);
	if (sub >= 0) {
		cairo_set_source_surface(cr, rsub_image(&g->sub, sub), g->sub.x, g->sub.y);
		cairo_paint(cr);
	}
	cairo_destroy(cr);
	g->have_prev = 1;
	g->prev_dst = dst;
	g->prev_sub = sub;
	g->prev_mv = mv;
	memcpy(g->prev_cam, cam, sizeof cam);
	return 0;
}

void rseg_free(struct rseg *g)
{
	if (!g) return;
	cairo_surface_t *s[] = { g->back, g->mid, g->front, g->card };
	for (size_t i = 0; i < ARRAY_LEN(s); i++)
		if (s[i]) cairo_surface_destroy(s[i]);
	for (int i = 0; i < g->n_act; i++) {
		free(g->act[i].blinks);
		if (g->act[i].surf) cairo_surface_destroy(g->act[i].surf);
		rbands_free(&g->act[i].bands);
	}
	rbands_free(&g->front_bands);
	for (size_t i = 0; i < g->n_patches; i++) cairo_surface_destroy(g->patches[i].img);
	free(g->patches);
	rsub_free(&g->sub);
	rclip_free(g->clip);
	rmouth_free(g->mouth);
	free(g->room_yuv);
	if (g->has_lip) rlip_free(&g->lip);
	free(g);
}

const char *rseg_transition(const struct rctx *c, size_t idx)
{
	if (idx == 0) return "cut";
	if (idx > c->tl.n_shots) return "dip_to_black";
	const char *t = c->tl.shots[idx - 1].sh->transition;
	if (idx == 1 && (!t || !strcmp(t, "cut"))) return "crossfade";   /* out of the title card */
	return t ? t : "cut";
}

double rseg_transition_sec(const struct rctx *c, const char *tr)
{
	if (!strcmp(tr, "crossfade")) return c->st.tr_crossfade;
	if (!strcmp(tr, "dip_to_black")) return c->st.tr_dip;
	if (!strcmp(tr, "whip_pan")) return c->st.tr_whip;
	if (!strcmp(tr, "flash")) return c->st.tr_flash;
	return 0;
}

/* The scene's layers go; their blocks stay in the pool for the layers drawn next. */
static void layers_drop(struct rctx *c)
{
	cairo_surface_t *s[] = { c->layers.back, c->layers.mid, c->layers.front, c->layers.flat };
	for (size_t i = 0; i < ARRAY_LEN(s); i++)
		if (s[i]) cairo_surface_destroy(s[i]);
	memset(&c->layers, 0, sizeof c->layers);
}

void rctx_release(struct rctx *c)
{
	layers_drop(c);
	rpool_trim();
}
