/* tests/test_render_anim.c — the focus of this file is how the renderer animates a
 * shot: who the cast plan puts in a shot (arrivals and exits read from the action
 * text), faces that change when a line starts (speaker) and a beat later (listeners),
 * idle breathing and sway (visible, small, never in step between two characters),
 * walking in and out, that composing only what moved gives exactly the picture drawn
 * from scratch, and the word highlight of burned subtitles. Shots are drawn straight
 * through the segment API with a stand-in art backend whose pixels say what it drew. */
#include "test.h"
#include "render/render_internal.h"
#include "render_scene.h"
#include "voice/voice.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- a stand-in art backend: a block per character, its colour from the name, a
 * face square whose colour says the expression ---- */

static int a_metrics(const struct character *c, struct art_metrics *m)
{
	*m = (struct art_metrics){ 0.9, 0.08, 0.9, 0.86, 0.78, 0.5, 0.22 };
	return 0;
}

static double face_shade(const char *expr)
{
	if (!expr) return 0.1;
	if (!strcmp(expr, "angry")) return 0.3;
	if (!strcmp(expr, "scared")) return 0.5;
	if (!strcmp(expr, "sad")) return 0.7;
	return 0.9;
}

static int a_char(cairo_t *cr, const struct series *s, const struct character *c, const struct art_char_state *st,
                  double x, double y, double h)
{
	cairo_set_source_rgb(cr, c->name[0] == 'A' ? 1 : 0, c->name[0] == 'B' ? 1 : 0, 0);
	cairo_rectangle(cr, x - 0.1 * h, y - 0.98 * h, 0.2 * h, 0.98 * h);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, face_shade(st->expression));
	cairo_rectangle(cr, x - 0.05 * h, y - 0.93 * h, 0.1 * h, 0.08 * h);
	cairo_fill(cr);
	return 0;
}

static const struct art_backend anim_art = {
	.name = "anim-test", .metrics = a_metrics, .draw_character = a_char, .draw_location = rscene_loc, .draw_prop = rscene_prop,
};

/* A two-shot: Ann says an angry line to Bo. */
static struct series *angry_scene(void)
{
	struct series *s = rscene_series(2);
	struct shot *sh = rscene_shot(s, "two_shot", NULL, 0);
	rscene_actor(sh, "Ann", NULL);
	rscene_actor(sh, "Bo", NULL);
	rscene_line(sh, "Ann", "angry", 2.0);
	return s;
}

/* ---- pixels ---- */

/* Topmost row and the leftmost column showing colour (r, g, 0) (the character's block), -1 if absent. */
static void find_block(cairo_surface_t *s, int red, int green, int *top, int *left)
{
	cairo_surface_flush(s);
	const uint8_t *d = cairo_image_surface_get_data(s);
	int st = cairo_image_surface_get_stride(s), w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	*top = *left = -1;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			const uint8_t *p = d + (size_t)y * st + 4 * x;       /* B G R A */
			if ((p[2] > 200) == red && (p[1] > 200) == green && p[0] < 40 && (p[2] > 200 || p[1] > 200)) {
				if (*top < 0) *top = y;
				if (*left < 0 || x < *left) *left = x;
			}
		}
}

static uint64_t pic_hash(cairo_surface_t *s)
{
	cairo_surface_flush(s);
	const uint8_t *d = cairo_image_surface_get_data(s);
	size_t n = (size_t)cairo_image_surface_get_stride(s) * cairo_image_surface_get_height(s);
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) h = (h ^ d[i]) * 1099511628211ull;
	return h;
}

/* The face colour (blue channel) at the centre of the face square of the character
 * whose block starts at (top, left) with the given block width. */
static int face_blue(cairo_surface_t *s, int top, int left, int bw)
{
	cairo_surface_flush(s);
	const uint8_t *d = cairo_image_surface_get_data(s);
	int y = top + bw * 3 / 8, x = left + bw / 2;   /* face square: 0.05h..0.13h down, the middle half across */
	return d[(size_t)y * cairo_image_surface_get_stride(s) + 4 * x];
}

/* ---- the cast plan ---- */

TEST(anim_plan_arrivals_and_exits)
{
	struct series *s = rscene_series(2);
	rscene_shot(s, "wide", "The room, quiet.", 1);             /* 0: fills from the cast */
	struct shot *sh = rscene_shot(s, "medium", "Bo bursts in, soaked.", 2);
	rscene_actor(sh, "Bo", NULL);                                /* 1: Bo arrives */
	sh = rscene_shot(s, "two_shot", NULL, 1);
	rscene_actor(sh, "Ann", NULL);
	rscene_actor(sh, "Bo", NULL);                                /* 2 */
	sh = rscene_shot(s, "medium", "Bo storms out.", 2);
	rscene_actor(sh, "Bo", NULL);                                /* 3: Bo leaves */
	rscene_shot(s, "wide", NULL, 1);                             /* 4 */
	struct rscene f;
	CHECK(rscene_open(&f, s, &anim_art, 90, 160, 10) == 0);
	struct rplan pl;
	rplan_shot(&f.c, &f.c.tl.shots[0], &pl);
	CHECKF(pl.n == 1 && !strcmp(pl.a[0].c->name, "Ann"), "before Bo arrives the wide shot shows Ann alone (%d)", pl.n);
	rplan_shot(&f.c, &f.c.tl.shots[1], &pl);
	CHECK(pl.n == 1 && pl.a[0].enter && !pl.a[0].exit);
	rplan_shot(&f.c, &f.c.tl.shots[2], &pl);
	CHECK(pl.n == 2 && !pl.a[0].enter && !pl.a[1].enter && !pl.a[0].exit && !pl.a[1].exit);
	rplan_shot(&f.c, &f.c.tl.shots[3], &pl);
	CHECK(pl.n == 1 && pl.a[0].exit && !pl.a[0].enter);
	rplan_shot(&f.c, &f.c.tl.shots[4], &pl);
	CHECKF(pl.n == 1 && !strcmp(pl.a[0].c->name, "Ann"), "after Bo left the wide shot shows Ann alone (%d)", pl.n);
	rscene_close(&f);
}

/* A character missing from an earlier wide shot that listed who is there arrives at
 * their first appearance, without any words for it. */
TEST(anim_plan_arrival_from_the_listed_wide_shot)
{
	struct series *s = rscene_series(2);
	struct shot *sh = rscene_shot(s, "wide", NULL, 1);
	rscene_actor(sh, "Ann", NULL);
	sh = rscene_shot(s, "close_up", NULL, 1);
	rscene_actor(sh, "Ann", NULL);
	sh = rscene_shot(s, "medium", NULL, 1);
	rscene_actor(sh, "Bo", NULL);
	struct rscene f;
	CHECK(rscene_open(&f, s, &anim_art, 90, 160, 10) == 0);
	struct rplan pl;
	rplan_shot(&f.c, &f.c.tl.shots[1], &pl);
	CHECK(pl.n == 1 && !pl.a[0].enter);
	rplan_shot(&f.c, &f.c.tl.shots[2], &pl);
	CHECK(pl.n == 1 && pl.a[0].enter);
	rscene_close(&f);
}

TEST(anim_plan_faces_follow_lines)
{
	struct series *s = rscene_series(2);
	struct shot *sh = rscene_shot(s, "two_shot", NULL, 0);
	rscene_actor(sh, "Ann", NULL);
	rscene_actor(sh, "Bo", NULL);
	rscene_line(sh, "Ann", "shout", 1.0);
	sh = rscene_shot(s, "close_up", NULL, 0);
	rscene_actor(sh, "Bo", "sad");
	rscene_line(sh, "Bo", NULL, 1.0);
	sh = rscene_shot(s, "close_up", NULL, 0);
	rscene_actor(sh, "Ann", NULL);
	rscene_line(sh, "Ann", "sad", 1.0);
	struct rscene f;
	CHECK(rscene_open(&f, s, &anim_art, 90, 160, 10) == 0);
	struct rplan pl;
	rplan_shot(&f.c, &f.c.tl.shots[0], &pl);
	CHECK(pl.n == 2);
	const struct rplan_actor *ann = !strcmp(pl.a[0].c->name, "Ann") ? &pl.a[0] : &pl.a[1], *bo = ann == pl.a ? &pl.a[1] : &pl.a[0];
	CHECK(ann->speaker && ann->change == 1 && !ann->face0);
	CHECK_STR(ann->face1, "angry");                       /* a shout */
	CHECK(!bo->speaker && bo->change == 2 && !bo->face0);
	CHECK_STR(bo->face1, "scared");                       /* reacts to the shout */
	/* Bo's own expression is the storyboard's; with no emotion on the line it stays */
	rplan_shot(&f.c, &f.c.tl.shots[1], &pl);
	CHECK_STR(pl.a[0].face1, "sad");
	/* Ann carries her anger into the next shot until her line starts */
	rplan_shot(&f.c, &f.c.tl.shots[2], &pl);
	CHECK_STR(pl.a[0].face0, "angry");
	CHECK_STR(pl.a[0].face1, "sad");
	rscene_close(&f);
}

/* ---- frames ---- */

static cairo_surface_t *frame_surface(const struct rscene *f)
{
	return cairo_image_surface_create(CAIRO_FORMAT_ARGB32, f->c.W, f->c.H);
}

/* Breathing and sway move each character a little, not in step with the other. */
TEST(anim_idle_motion_small_and_out_of_step)
{
	struct series *s = rscene_series(2);
	struct shot *sh = rscene_shot(s, "two_shot", NULL, 8);
	rscene_actor(sh, "Ann", NULL);
	rscene_actor(sh, "Bo", NULL);
	struct rscene f;
	CHECK(rscene_open(&f, s, &anim_art, 180, 320, 30) == 0);
	struct rseg *g = NULL;
	CHECK(rseg_new(&f.c, 1, &g) == 0);
	cairo_surface_t *dst = frame_surface(&f);
	int64_t n = rseg_frames(g);
	int a_min = 9999, a_max = -1, b_min = 9999, b_max = -1, same_step = 0, steps = 0, pa = -1, pb = -1, distinct = 0;
	int al_min = 9999, al_max = -1;
	for (int64_t i = 0; i < n; i++) {
		int same, at, al, bt, bl;
		CHECK(rseg_draw(g, i, dst, &same) == 0);
		distinct += !same;
		find_block(dst, 1, 0, &at, &al);
		find_block(dst, 0, 1, &bt, &bl);
		CHECK(at >= 0 && bt >= 0);
		a_min = at < a_min ? at : a_min; a_max = at > a_max ? at : a_max;
		b_min = bt < b_min ? bt : b_min; b_max = bt > b_max ? bt : b_max;
		al_min = al < al_min ? al : al_min; al_max = al > al_max ? al : al_max;
		if (pa >= 0) {
			int da = (at > pa) - (at < pa), db = (bt > pb) - (bt < pb);
			if (da || db) { steps++; same_step += da == db; }
		}
		pa = at; pb = bt;
	}
	/* head radius: 0.08 of a 0.92 * 320 px figure, about 24 px */
	CHECKF(a_max > a_min && b_max > b_min, "the heads do not move: Ann %d..%d, Bo %d..%d", a_min, a_max, b_min, b_max);
	CHECKF(a_max - a_min <= 4 && b_max - b_min <= 4, "breathing too large: Ann %d..%d, Bo %d..%d", a_min, a_max, b_min, b_max);
	CHECKF(al_max - al_min <= 5, "sway too large: %d..%d", al_min, al_max);
	CHECKF(same_step < steps, "the two breathe in step (%d of %d moves)", same_step, steps);
	/* sampled motion.rate_hz times a second: still frames between samples repeat */
	CHECKF(distinct >= 8 && distinct <= n / 2, "%d new pictures of %lld frames", distinct, (long long)n);
	cairo_surface_destroy(dst);
	rseg_free(g);
	rscene_close(&f);
}

/* Composing only what moved gives exactly the picture drawn from scratch; nothing
 * outside the box rseg_changed gives changed since the frame before (what render.c
 * converts to YUV for such a frame), and that box is smaller than the frame while only
 * the characters move. */
static int changed_outside(cairo_surface_t *now, cairo_surface_t *was, const int box[4])
{
	cairo_surface_flush(now);
	const uint32_t *a = (const uint32_t *)cairo_image_surface_get_data(now);
	const uint32_t *b = (const uint32_t *)cairo_image_surface_get_data(was);
	int st = cairo_image_surface_get_stride(now) / 4, n = 0;
	for (int y = 0; y < cairo_image_surface_get_height(now); y++)
		for (int x = 0; x < cairo_image_surface_get_width(now); x++)
			n += (x < box[0] || x >= box[2] || y < box[1] || y >= box[3]) && a[y * st + x] != b[y * st + x];
	return n;
}

TEST(anim_partial_frames_equal_fresh_frames)
{
	struct series *s = angry_scene();
	struct shot *sh = rscene_shot(s, "medium", "Bo walks in.", 2.5);
	rscene_actor(sh, "Bo", NULL);
	struct rscene f;
	CHECK(rscene_open(&f, s, &anim_art, 180, 320, 10) == 0);
	cairo_surface_t *seq = frame_surface(&f), *one = frame_surface(&f), *was = frame_surface(&f);
	int smaller = 0, W = f.c.W, H = f.c.H;
	for (size_t k = 1; k <= 2; k++) {
		struct rseg *g = NULL;
		CHECK(rseg_new(&f.c, k, &g) == 0);
		for (int64_t i = 0; i < rseg_frames(g); i++) {
			int same, box[4];
			cairo_surface_flush(seq);
			memcpy(cairo_image_surface_get_data(was), cairo_image_surface_get_data(seq), (size_t)cairo_image_surface_get_stride(seq) * H);
			CHECK(rseg_draw(g, i, seq, &same) == 0);
			rseg_changed(g, box);
			int out = changed_outside(seq, was, box);
			CHECKF(!out, "shot %zu frame %lld: %d pixels changed outside %d %d %d %d", k, (long long)i, out, box[0], box[1],
			       box[2], box[3]);
			CHECK(box[0] >= 0 && box[1] >= 0 && box[2] <= W && box[3] <= H);
			if (same) CHECK(box[2] <= box[0] || box[3] <= box[1]);
			else smaller += (box[2] - box[0]) * (box[3] - box[1]) < W * H;
			struct rseg *h = NULL;
			CHECK(rseg_new(&f.c, k, &h) == 0);
			CHECK(rseg_draw(h, i, one, &same) == 0);
			rseg_free(h);
			CHECKF(pic_hash(seq) == pic_hash(one), "shot %zu frame %lld differs from the frame drawn alone", k, (long long)i);
		}
		rseg_free(g);
	}
	CHECKF(smaller > 0, "no frame changed in part only");
	cairo_surface_destroy(seq);
	cairo_surface_destroy(one);
	cairo_surface_destroy(was);
	rscene_close(&f);
}

TEST(anim_walks_in_and_out)
{
	struct series *s = rscene_series(2);
	struct shot *sh = rscene_shot(s, "wide", NULL, 1);
	rscene_actor(sh, "Ann", NULL);
	sh = rscene_shot(s, "medium", "Bo walks in.", 3);
	rscene_actor(sh, "Bo", NULL);
	sh = rscene_shot(s, "medium", "Bo leaves without a word.", 3);
	rscene_actor(sh, "Bo", NULL);
	struct rscene f;
	CHECK(rscene_open(&f, s, &anim_art, 180, 320, 10) == 0);
	cairo_surface_t *dst = frame_surface(&f);
	int top, left[3], same;
	struct rseg *g = NULL;
	CHECK(rseg_new(&f.c, 2, &g) == 0);
	int64_t n = rseg_frames(g);
	CHECK(rseg_draw(g, 0, dst, &same) == 0);
	find_block(dst, 0, 1, &top, &left[0]);
	CHECK(rseg_draw(g, 4, dst, &same) == 0);
	find_block(dst, 0, 1, &top, &left[1]);
	CHECK(rseg_draw(g, n - 1, dst, &same) == 0);
	find_block(dst, 0, 1, &top, &left[2]);
	rseg_free(g);
	/* Bo stands right of centre facing left: he comes in from the right */
	CHECKF(left[0] < 0 && left[1] > left[2] && left[2] >= 0, "walking in: %d %d %d", left[0], left[1], left[2]);
	int mark = left[2];
	CHECK(rseg_new(&f.c, 3, &g) == 0);
	n = rseg_frames(g);
	CHECK(rseg_draw(g, 0, dst, &same) == 0);
	find_block(dst, 0, 1, &top, &left[0]);
	CHECK(rseg_draw(g, n - 1, dst, &same) == 0);
	find_block(dst, 0, 1, &top, &left[1]);
	rseg_free(g);
	CHECKF(abs(left[0] - mark) <= 3 && left[1] < 0, "walking out: %d (mark %d), then %d", left[0], mark, left[1]);
	cairo_surface_destroy(dst);
	rscene_close(&f);
}

/* The speaker's face changes when the line starts, the listener's a beat later. */
TEST(anim_faces_change_at_the_line_start)
{
	struct series *s = angry_scene();
	struct rscene f;
	CHECK(rscene_open(&f, s, &anim_art, 180, 320, 10) == 0);
	const struct tl_shot *t = &f.c.tl.shots[0];
	int64_t from = t->line_start - t->start, react = from + (int64_t)lround(f.c.st.react_delay * 10);
	CHECK(from >= 1 && react > from);
	struct rseg *g = NULL;
	CHECK(rseg_new(&f.c, 1, &g) == 0);
	cairo_surface_t *dst = frame_surface(&f);
	int64_t at[] = { from - 1, from, react };
	int ann[3], bo[3];
	for (int k = 0; k < 3; k++) {
		int same, top, left;
		CHECK(rseg_draw(g, at[k], dst, &same) == 0);
		find_block(dst, 1, 0, &top, &left);
		ann[k] = face_blue(dst, top, left, (int)(0.2 * 0.92 * 320));
		find_block(dst, 0, 1, &top, &left);
		bo[k] = face_blue(dst, top, left, (int)(0.2 * 0.92 * 320));
	}
	int neutral = (int)lround(0.1 * 255), angry = (int)lround(0.3 * 255), scared = (int)lround(0.5 * 255);
	CHECKF(abs(ann[0] - neutral) < 12 && abs(ann[1] - angry) < 12, "speaker: %d then %d", ann[0], ann[1]);
	CHECKF(abs(bo[1] - neutral) < 12 && abs(bo[2] - scared) < 12, "listener: %d then %d", bo[1], bo[2]);
	cairo_surface_destroy(dst);
	rseg_free(g);
	rscene_close(&f);
}

/* ---- word highlight ---- */

static int count_colour(cairo_surface_t *s, struct rgbf c, int x0, int x1)
{
	cairo_surface_flush(s);
	const uint8_t *d = cairo_image_surface_get_data(s);
	int st = cairo_image_surface_get_stride(s), h = cairo_image_surface_get_height(s), n = 0;
	for (int y = 0; y < h; y++)
		for (int x = x0; x < x1; x++) {
			const uint8_t *p = d + (size_t)y * st + 4 * x;
			n += abs(p[2] - (int)lround(c.r * 255)) < 8 && abs(p[1] - (int)lround(c.g * 255)) < 8 &&
			     abs(p[0] - (int)lround(c.b * 255)) < 8 && p[3] == 255;
		}
	return n;
}

TEST(anim_word_highlight)
{
	struct series *s = rscene_series(2);
	struct shot *sh = rscene_shot(s, "close_up", NULL, 0);
	rscene_actor(sh, "Ann", NULL);
	rscene_line(sh, "Ann", NULL, 1.5);
	free(sh->line->text);
	sh->line->text = xstrdup("Where's my tea?");
	sh->line->audio = xstrdup("cache/voice/w.wav");
	struct rscene f;
	CHECK(rscene_open(&f, s, &anim_art, 360, 640, 10) == 0);
	/* the words as the voice stage saves them: "where" "'s" split, lower case */
	struct voice_timing vt = { .duration = 1.5 };
	const char *w[] = { "where", "'s", "my", "tea" };
	double at[] = { 0.1, 0.4, 0.6, 0.9 };
	vt.words = xcalloc(4, sizeof *vt.words);
	for (int i = 0; i < 4; i++) vt.words[i] = (struct voice_word){ at[i], at[i] + 0.2, xstrdup(w[i]) };
	vt.n_words = 4;
	char *dir = project_path(f.p, "cache/voice"), *jp = project_path(f.p, "cache/voice/w.json");
	mkdir_p(dir);
	CHECK(voice_timing_save(&vt, jp) == 0);
	voice_timing_free(&vt);
	free(dir);
	free(jp);
	struct rsub sub;
	CHECK(rsub_make(&f.c, sh->line->text, 0, 360, 640, &sub) == 0);
	CHECK(rsub_words(&f.c, sh->line, &sub) == 0);
	CHECKF(sub.n_words == 3, "%d highlighted words, expected 3 (where's, my, tea)", sub.n_words);
	CHECK_INT(rsub_index(&sub, 0, 10), 0);
	CHECK_INT(rsub_index(&sub, 2, 10), 1);
	CHECK_INT(rsub_index(&sub, 5, 10), 1);
	CHECK_INT(rsub_index(&sub, 6, 10), 2);
	CHECK_INT(rsub_index(&sub, 14, 10), 3);
	int wd = cairo_image_surface_get_width(sub.img);
	CHECK(count_colour(rsub_image(&sub, 0), f.c.st.sub_hl, 0, wd) == 0);
	int left = count_colour(rsub_image(&sub, 1), f.c.st.sub_hl, 0, wd / 2);
	int right = count_colour(rsub_image(&sub, 1), f.c.st.sub_hl, wd / 2, wd);
	CHECKF(left > 20 && left > right * 3, "the first word is not highlighted on the left: %d left, %d right", left, right);
	CHECK(count_colour(rsub_image(&sub, 3), f.c.st.sub_hl, wd / 2, wd) > 20);
	rsub_free(&sub);
	/* off unless drama.json says so; the setting enters the shot's hash */
	CHECK(!rsettings_word_highlight(f.p));
	struct sbuf a = { 0 };
	CHECK(render_ass(f.p, f.c.ep, &f.c.tl, 360, 640, NULL, &a) == 0);
	CHECKF(a.s && strstr(a.s, ",Default,Ann,0,0,0,,Where's my tea?\n") && !strstr(a.s, "\\k") && !strstr(a.s, "Karaoke"),
	       "plain ASS expected:\n%s", a.s ? a.s : "");
	sb_free(&a);
	struct hash h1, h2;
	char x1[33], x2[33];
	hash_init(&h1);
	rplan_hash(&f.c, &f.c.tl.shots[0], &h1);
	hash_hex(&h1, x1);
	char *dj = project_path(f.p, "drama.json");
	CHECK(file_write_atomic(dj, "{\"render\": {\"word_highlight\": true}}", 36) == 0);
	free(dj);
	CHECK(rsettings_word_highlight(f.p));
	hash_init(&h2);
	rplan_hash(&f.c, &f.c.tl.shots[0], &h2);
	hash_hex(&h2, x2);
	CHECK(strcmp(x1, x2));
	/* the ASS sidecar as karaoke: a pause to the first word, then each word until the next */
	CHECK(render_ass(f.p, f.c.ep, &f.c.tl, 360, 640, NULL, &a) == 0);
	CHECKF(a.s && strstr(a.s, "Style: Karaoke,") &&
	       strstr(a.s, ",Karaoke,Ann,0,0,0,,{\\k10}{\\kf50}Where's {\\kf30}my {\\kf"),
	       "karaoke ASS expected:\n%s", a.s ? a.s : "");
	const char *last = a.s ? strstr(a.s, "my {\\kf") : NULL;
	int cs = 0;
	CHECK(last && sscanf(last, "my {\\kf%d}tea?", &cs) == 1 && cs >= 10);
	sb_free(&a);
	rscene_close(&f);
}

/* A joint cue ("ANN AND BO", line.with): both speak, so both mouths move (speaker 1
 * the cue's first name, 2 the other); a plain line keeps one speaker. */
TEST(anim_plan_joint_cue_both_speak)
{
	struct series *s = angry_scene();
	s->eps[0].scenes[0].shots[0].line->with = xstrdup("Bo");
	struct shot *sh = rscene_shot(s, "two_shot", NULL, 0);
	rscene_actor(sh, "Ann", NULL);
	rscene_actor(sh, "Bo", NULL);
	rscene_line(sh, "Ann", NULL, 1.0);
	struct rscene f;
	CHECK(rscene_open(&f, s, &anim_art, 90, 160, 10) == 0);
	struct rplan pl;
	rplan_shot(&f.c, &f.c.tl.shots[0], &pl);
	CHECK_INT(pl.n, 2);
	for (int i = 0; i < 2; i++)
		CHECK_INT(pl.a[i].speaker, !strcmp(pl.a[i].c->name, "Ann") ? 1 : 2);
	rplan_shot(&f.c, &f.c.tl.shots[1], &pl);
	CHECK_INT(pl.n, 2);
	for (int i = 0; i < 2; i++)
		CHECK_INT(pl.a[i].speaker, !strcmp(pl.a[i].c->name, "Ann") ? 1 : 0);
	rscene_close(&f);
}

/* A room with stripes in both directions: each magnification shows it otherwise. */
static int striped_loc(cairo_t *cr, const struct location *l, const char *time, const char *weather, int layer, double t,
                       double w, double h)
{
	if (layer != ART_LAYER_BACK) return 0;
	for (int k = 0; k < 24; k++) {
		cairo_set_source_rgb(cr, (k % 3) / 2.0, (k % 5) / 4.0, (k % 2) * 0.8);
		cairo_rectangle(cr, w * k / 24.0, 0, w / 48.0, h);
		cairo_rectangle(cr, 0, h * k / 24.0, w, h / 60.0);
		cairo_fill(cr);
	}
	return 0;
}

static const struct art_backend striped_art = {
	.name = "anim-test", .metrics = a_metrics, .draw_character = a_char, .draw_location = striped_loc, .draw_prop = rscene_prop,
};

/* Consecutive flat shots of one type share the room magnified once (shot.c setup_shot,
 * layers.flat); another magnification draws its own. Each frame is the frame a context
 * that never saw the shot before draws. */
TEST(anim_room_reused_same_pixels)
{
	struct series *s = angry_scene();
	static const char *const types[] = { "medium", "medium", "close_up", "close_up", "medium" };
	for (size_t k = 0; k < ARRAY_LEN(types); k++) {
		struct shot *sh = rscene_shot(s, types[k], NULL, 0.5);
		rscene_actor(sh, "Bo", NULL);
	}
	struct rscene f;
	CHECK(rscene_open(&f, s, &striped_art, 180, 320, 10) == 0);
	cairo_surface_t *seq = frame_surface(&f), *one = frame_surface(&f);
	int first = -1;
	for (size_t k = 0; k < f.c.s->eps[0].scenes[0].n_shots; k++) {
		struct rseg *g = NULL, *h = NULL;
		int same;
		CHECK(rseg_new(&f.c, k + 1, &g) == 0);
		if (first < 0) first = f.c.rooms_reused;
		CHECK(rseg_draw(g, 0, seq, &same) == 0);
		rseg_free(g);
		struct rctx fresh = f.c;                 /* the same context with no layers kept */
		memset(&fresh.layers, 0, sizeof fresh.layers);
		CHECK(rseg_new(&fresh, k + 1, &h) == 0);
		CHECK(rseg_draw(h, 0, one, &same) == 0);
		rseg_free(h);
		rctx_release(&fresh);
		CHECKF(pic_hash(seq) == pic_hash(one), "shot %zu differs from the shot drawn alone", k + 1);
	}
	/* medium after medium and close after close: not close after medium, nor medium after close */
	CHECKF(f.c.rooms_reused - first == 2, "%d rooms reused", f.c.rooms_reused - first);
	cairo_surface_destroy(seq);
	cairo_surface_destroy(one);
	rscene_close(&f);
}
