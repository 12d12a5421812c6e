/* tests/test_render_turn.c — the focus of this file is which way characters turn and
 * look in a shot (issue 20): in two-shots, medium, wide and over-the-shoulder shots the
 * two face each other on the sides the 180-degree rule gives them, listeners face the
 * speaker, a face-off line puts the pair in profile, a lone character looks off the
 * lens, and only an action or parenthetical that says so turns a face to the camera.
 * Shots are drawn through the segment API with a stand-in art backend that reports
 * the view, gaze and place it was asked to draw for each actor; one test draws a
 * two-shot with the procedural backend and checks the two faces' pixels. */
#include "test.h"
#include "render/render_internal.h"
#include "render_scene.h"
#include "art/character_parts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the reporting backend: the last view, gaze and x drawn for each name ---- */

struct seen { char name[16]; int view, n; double gaze, x, skin; };
static struct seen seen[8];
static int n_seen;

static int r_metrics(const struct character *c, struct art_metrics *m)
{
	*m = (struct art_metrics){ 0.9, 0.08, 0.9, 0.86, 0.78, 0.5, 0.22 };
	return 0;
}

/* Record what the renderer asked for: view, gaze and the feet's x (in the shot's layer,
 * where all its characters stand). Returns the record. */
static struct seen *report(const struct character *c, const struct art_char_state *st, double x)
{
	int i = 0;
	while (i < n_seen && strcmp(seen[i].name, c->name)) i++;
	if (i == n_seen && n_seen < 8) snprintf(seen[n_seen++].name, sizeof seen[0].name, "%s", c->name);
	if (i >= 8) return NULL;
	seen[i].view = st->view;
	seen[i].gaze = st->gaze;
	seen[i].x = x;
	seen[i].n++;
	return &seen[i];
}

static int r_char(cairo_t *cr, const struct series *s, const struct character *c, const struct art_char_state *st,
                  double x, double y, double h)
{
	report(c, st, x);
	cairo_set_source_rgb(cr, 0.8, 0.3, 0.2);
	cairo_rectangle(cr, -0.1 * h, -0.98 * h, 0.2 * h, 0.98 * h);
	cairo_fill(cr);
	return 0;
}

static const struct art_backend report_art = {
	.name = "turn-test", .metrics = r_metrics, .draw_character = r_char, .draw_location = rscene_loc, .draw_prop = rscene_prop,
};

/* x of the centre of the skin-coloured pixels in a square of half-side r around (cx, cy),
 * minus cx, in units of r; 0 if none. */
static double skin_offset(cairo_surface_t *sf, struct rgb skin, double cx, double cy, double r)
{
	cairo_surface_flush(sf);
	int st = cairo_image_surface_get_stride(sf), w = cairo_image_surface_get_width(sf), h = cairo_image_surface_get_height(sf);
	const uint8_t *d = cairo_image_surface_get_data(sf);
	double sum = 0;
	long n = 0;
	for (int y = (int)fmax(0, cy - r); y < (int)fmin(h, cy + r); y++)
		for (int x = (int)fmax(0, cx - r); x < (int)fmin(w, cx + r); x++) {
			const uint8_t *p = d + (size_t)y * st + 4 * x;
			if (fabs(p[2] - skin.r * 255) + fabs(p[1] - skin.g * 255) + fabs(p[0] - skin.b * 255) < 40) { sum += x; n++; }
		}
	return n ? (sum / n - cx) / r : 0;
}

/* The procedural backend's characters, reported, with where the skin of the face
 * sits in the head as drawn (skin_offset). */
static int p_char(cairo_t *cr, const struct series *s, const struct character *c, const struct art_char_state *st,
                  double x, double y, double h)
{
	struct seen *r = report(c, st, x);
	int rc = proc_draw_character(cr, s, c, st, x, y, h);
	cairo_surface_t *t = cairo_get_group_target(cr);
	if (rc < 0 || !r || cairo_surface_get_type(t) != CAIRO_SURFACE_TYPE_IMAGE) return rc;
	struct art_metrics m;
	struct chr_look L;
	proc_metrics(c, &m);
	chr_look_parse(c, &L);
	double hx = x, hy = y - m.head_center * h, hr = m.head_radius * h, zero = 0;
	cairo_user_to_device(cr, &hx, &hy);
	cairo_user_to_device_distance(cr, &hr, &zero);
	r->skin = skin_offset(t, L.skin, hx, hy, hr);
	return rc;
}

static const struct art_backend report_proc = {
	.name = "turn-test-procedural", .metrics = proc_metrics, .draw_character = p_char, .draw_location = rscene_loc,
	.draw_prop = rscene_prop,
};

static const struct seen *who(const char *name)
{
	for (int i = 0; i < n_seen; i++)
		if (!strcmp(seen[i].name, name)) return &seen[i];
	return NULL;
}

/* ---- a scene built shot by shot ---- */

static struct shot *add_shot(struct series *s, const char *type, const char *action, const char *speaker,
                             const char *emotion, int n_actors, const char *const *actors)
{
	struct shot *sh = rscene_shot(s, type, action, speaker ? 0 : 1.0);
	for (int i = 0; i < n_actors; i++) rscene_actor(sh, actors[i], NULL);
	if (speaker) rscene_line(sh, speaker, emotion, 1.0);
	return sh;
}

/* A context over s drawing with art (the procedural one gets its looks first). */
static int open_scene(struct rscene *f, struct series *s, const struct art_backend *art, int w, int h)
{
	if (art == &report_proc && proc_assign_character_looks(s, 5) < 0) return -1;
	return rscene_open(f, s, art, w, h, 10);
}

/* Draw frame `at` of timeline shot k (0-based) into dst with the reports cleared first. */
static int draw_shot(struct rscene *f, size_t k, int64_t at, cairo_surface_t *dst)
{
	n_seen = 0;
	memset(seen, 0, sizeof seen);
	struct rseg *g = NULL;
	int same, rc = rseg_new(&f->c, k + 1, &g);
	if (rc == 0) rc = rseg_draw(g, at < rseg_frames(g) ? at : rseg_frames(g) - 1, dst, &same);
	rseg_free(g);
	return rc;
}

/* turned toward screen right (+1), left (-1), or square to the camera (0); back views by their head */
static int facing_of(int view) { return view > 0 ? 1 : view < 0 ? -1 : 0; }

/* a and b are turned toward each other: the one further left faces right */
static int toward_each_other(const struct seen *a, const struct seen *b)
{
	if (!a || !b || a->x == b->x) return 0;
	const struct seen *l = a->x < b->x ? a : b, *r = a->x < b->x ? b : a;
	return facing_of(l->view) == 1 && facing_of(r->view) == -1;
}

static const char *const AB[] = { "Ann", "Bo" };

TEST(turn_two_shots_face_each_other)
{
	struct series *s = rscene_series(2);
	add_shot(s, "two_shot", NULL, "Ann", "sad", 2, AB);          /* 0: three-quarter */
	add_shot(s, "two_shot", NULL, "Bo", "angry", 2, AB);         /* 1: a face-off: profiles */
	add_shot(s, "medium", NULL, "Ann", NULL, 2, AB);             /* 2 */
	add_shot(s, "wide", NULL, NULL, NULL, 2, AB);                /* 3: no line */
	struct rscene f;
	CHECK(open_scene(&f, s, &report_art, 180, 320) == 0);
	cairo_surface_t *dst = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 180, 320);
	for (size_t k = 0; k < 4; k++) {
		CHECK(draw_shot(&f, k, 0, dst) == 0);
		const struct seen *a = who("Ann"), *b = who("Bo");
		CHECKF(a && b, "shot %zu: both drawn", k);
		if (!a || !b) continue;
		CHECKF(toward_each_other(a, b), "shot %zu: Ann %s at %.0f, Bo %s at %.0f", k, art_view_name(a->view), a->x,
		       art_view_name(b->view), b->x);
		/* the 180-degree rule: Ann (first in the cast) stays on the left */
		CHECKF(a->x < b->x, "shot %zu: Ann left of Bo", k);
		int prof = abs(a->view) == 3 && abs(b->view) == 3;
		CHECKF(k == 1 ? prof : abs(a->view) == 1 && abs(b->view) == 1, "shot %zu: %s / %s", k, art_view_name(a->view),
		       art_view_name(b->view));
		CHECKF(a->gaze == 0 && b->gaze == 0, "shot %zu: eyes follow the heads", k);
	}
	cairo_surface_destroy(dst);
	rscene_close(&f);
}

/* Over the shoulder: the listener from behind, head turned to the speaker, who faces back. */
TEST(turn_over_the_shoulder)
{
	struct series *s = rscene_series(2);
	add_shot(s, "over_the_shoulder", NULL, "Bo", NULL, 2, AB);
	add_shot(s, "over_the_shoulder", NULL, "Ann", NULL, 2, AB);
	struct rscene f;
	CHECK(open_scene(&f, s, &report_art, 180, 320) == 0);
	cairo_surface_t *dst = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 180, 320);
	for (size_t k = 0; k < 2; k++) {
		CHECK(draw_shot(&f, k, 0, dst) == 0);
		const struct seen *sp = who(k ? "Ann" : "Bo"), *ls = who(k ? "Bo" : "Ann");
		CHECK(sp && ls);
		if (!sp || !ls) continue;
		CHECKF(abs(ls->view) == 2, "shot %zu: the listener is seen from behind (%s)", k, art_view_name(ls->view));
		CHECKF(abs(sp->view) == 1, "shot %zu: the speaker in three-quarter (%s)", k, art_view_name(sp->view));
		CHECKF(toward_each_other(sp, ls), "shot %zu: %s at %.0f, %s at %.0f", k, art_view_name(sp->view), sp->x,
		       art_view_name(ls->view), ls->x);
	}
	cairo_surface_destroy(dst);
	rscene_close(&f);
}

/* Three in a wide shot: both listeners face the speaker, wherever she stands. */
TEST(turn_listeners_face_the_speaker)
{
	struct series *s = rscene_series(3);
	static const char *const ABC[] = { "Ann", "Bo", "Cy" };
	add_shot(s, "wide", NULL, "Ann", NULL, 3, ABC);
	add_shot(s, "wide", NULL, "Cy", NULL, 3, ABC);
	add_shot(s, "wide", NULL, "Bo", NULL, 3, ABC);
	struct rscene f;
	CHECK(open_scene(&f, s, &report_art, 180, 320) == 0);
	cairo_surface_t *dst = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 180, 320);
	const char *speakers[] = { "Ann", "Cy", "Bo" };
	for (size_t k = 0; k < 3; k++) {
		CHECK(draw_shot(&f, k, 0, dst) == 0);
		CHECK_INT(n_seen, 3);
		const struct seen *sp = who(speakers[k]);
		CHECK(sp != NULL);
		if (!sp) continue;
		for (int i = 0; i < n_seen; i++) {
			if (&seen[i] == sp) continue;
			int want = sp->x > seen[i].x ? 1 : -1;
			CHECKF(facing_of(seen[i].view) == want, "shot %zu: %s (%s at %.0f) does not face the speaker %s at %.0f", k,
			       seen[i].name, art_view_name(seen[i].view), seen[i].x, sp->name, sp->x);
		}
		CHECKF(sp->view != ART_VIEW_FRONT, "shot %zu: the speaker faces someone, not the lens", k);
	}
	cairo_surface_destroy(dst);
	rscene_close(&f);
}

/* Nobody looks into the lens unless the script says so; then only that character does. */
TEST(turn_look_to_camera_only_when_written)
{
	struct series *s = rscene_series(2);
	static const char *const A[] = { "Ann" };
	add_shot(s, "close_up", NULL, "Ann", NULL, 1, A);                              /* 0 */
	add_shot(s, "extreme_close_up", NULL, "Ann", NULL, 1, A);                      /* 1 */
	add_shot(s, "medium", "Ann turns to the camera and smiles.", "Ann", NULL, 2, AB); /* 2 */
	struct shot *sh = add_shot(s, "close_up", NULL, "Bo", NULL, 1, (const char *const[]){ "Bo" });   /* 3 */
	free(sh->line->parenthetical);
	sh->line->parenthetical = xstrdup("to camera");
	add_shot(s, "medium", NULL, "Ann", NULL, 2, AB);                               /* 4 */
	struct rscene f;
	CHECK(open_scene(&f, s, &report_art, 180, 320) == 0);
	cairo_surface_t *dst = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 180, 320);
	for (size_t k = 0; k < 5; k++) {
		CHECK(draw_shot(&f, k, 0, dst) == 0);
		for (int i = 0; i < n_seen; i++) {
			int to_lens = seen[i].view == ART_VIEW_FRONT && seen[i].gaze == 0;
			int want = (k == 2 && !strcmp(seen[i].name, "Ann")) || (k == 3 && !strcmp(seen[i].name, "Bo"));
			CHECKF(to_lens == want, "shot %zu: %s %s gaze %.2f", k, seen[i].name, art_view_name(seen[i].view), seen[i].gaze);
		}
	}
	/* the extreme close-up keeps the face square, eyes aside */
	CHECK(draw_shot(&f, 1, 0, dst) == 0);
	CHECK(n_seen == 1 && seen[0].view == ART_VIEW_FRONT && fabs(seen[0].gaze) > 0.3);
	/* the medium shot after the look: turned to each other again */
	CHECK(draw_shot(&f, 4, 0, dst) == 0);
	CHECK(toward_each_other(who("Ann"), who("Bo")));
	cairo_surface_destroy(dst);
	rscene_close(&f);
}

/* ---- the procedural backend ---- */

/* Pixels of a rectangle that differ between two same-sized surfaces. */
static long differ(cairo_surface_t *a, cairo_surface_t *b, int x0, int y0, int w, int h)
{
	cairo_surface_flush(a);
	cairo_surface_flush(b);
	int st = cairo_image_surface_get_stride(a);
	const uint8_t *pa = cairo_image_surface_get_data(a), *pb = cairo_image_surface_get_data(b);
	long n = 0;
	for (int y = y0; y < y0 + h; y++)
		for (int x = x0; x < x0 + w; x++) {
			const uint8_t *p = pa + (size_t)y * st + 4 * x, *q = pb + (size_t)y * st + 4 * x;
			if (abs(p[0] - q[0]) + abs(p[1] - q[1]) + abs(p[2] - q[2]) > 24) n++;
		}
	return n;
}

static cairo_surface_t *head(const struct series *s, const struct character *c, int view, char vis)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 200, 200);
	cairo_t *cr = cairo_create(sf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	struct art_metrics m;
	proc_metrics(c, &m);
	struct art_char_state st = ART_CHAR_STATE_INIT;
	st.view = view;
	st.viseme = vis;
	double H = 80 / m.head_radius;   /* head radius 80 px, head centre at (100, 100) */
	proc_draw_character(cr, s, c, &st, 100, 100 + m.head_center * H, H);
	cairo_destroy(cr);
	return sf;
}

/* Front, three-quarter and profile heads differ a lot (not a shifted copy), left and
 * right differ, and the mouth still moves with the visemes in every view. */
TEST(turn_views_differ_and_mouths_move)
{
	struct series *s = rscene_series(3);
	s->eps[0].scenes[0].n_shots = 0;
	CHECK(proc_assign_character_looks(s, 5) == 0);
	static const int V[] = { ART_VIEW_FRONT, ART_VIEW_RIGHT, ART_VIEW_PROFILE_RIGHT, ART_VIEW_LEFT, ART_VIEW_PROFILE_LEFT };
	for (size_t k = 0; k < s->n_chars; k++) {
		const struct character *c = &s->chars[k];
		cairo_surface_t *img[5], *talk[5];
		for (int i = 0; i < 5; i++) {
			img[i] = head(s, c, V[i], 'X');
			talk[i] = head(s, c, V[i], 'D');
		}
		for (int i = 0; i < 5; i++)
			for (int j = i + 1; j < 5; j++) {
				long d = differ(img[i], img[j], 0, 0, 200, 200);
				/* the head covers about 25,000 px; any two views here differ in 11,900 to
				 * 24,000 of them (measured at the time of writing) */
				CHECKF(d > 8000, "%s: %s and %s differ in only %ld px", c->name, art_view_name(V[i]), art_view_name(V[j]), d);
			}
		for (int i = 0; i < 5; i++) {
			long d = differ(img[i], talk[i], 0, 100, 200, 100);
			CHECKF(d > 60, "%s: mouth D in %s changes %ld px", c->name, art_view_name(V[i]), d);
			cairo_surface_destroy(img[i]);
			cairo_surface_destroy(talk[i]);
		}
	}
	series_free(s);
}

/* A two-shot drawn by the procedural backend: the backend reports the two turned to
 * each other, each face's skin sits toward the other person (the far side of the head
 * is hair), and the picture is the same twice. */
TEST(turn_two_shot_pixels)
{
	struct series *s = rscene_series(2);
	add_shot(s, "two_shot", NULL, "Ann", "angry", 2, AB);
	add_shot(s, "two_shot", NULL, "Ann", NULL, 2, AB);
	struct rscene f;
	CHECK(open_scene(&f, s, &report_proc, 360, 640) == 0);
	cairo_surface_t *dst = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 360, 640);
	cairo_surface_t *again = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 360, 640);
	for (size_t k = 0; k < 2; k++) {
		CHECK(draw_shot(&f, k, 0, again) == 0);
		CHECK(draw_shot(&f, k, 0, dst) == 0);
		CHECK_INT(differ(dst, again, 0, 0, 360, 640), 0);
		const struct seen *a = who("Ann"), *b = who("Bo");
		CHECK(toward_each_other(a, b));
		for (int i = 0; i < n_seen; i++)
			CHECKF(seen[i].skin * facing_of(seen[i].view) > 0.08, "shot %zu: %s (%s): the face's skin is %.2f head radii off centre",
			       k, seen[i].name, art_view_name(seen[i].view), seen[i].skin);
	}
	cairo_surface_destroy(dst);
	cairo_surface_destroy(again);
	rscene_close(&f);
}
