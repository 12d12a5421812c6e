/* The focus of this file is the character half of the procedural art backend:
 * deterministic drawing, every expression, viseme, pose and view rendering visibly
 * differently, look assignment (distinct characters, tolerant parsing of edited looks),
 * metrics, the backend table, atomic PNG writing, character sheets and the design
 * stage's cache. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include "test.h"
#include "art/art_internal.h"
#include "art/character_parts.h"
#include "net/net.h"

#define TW 300
#define TH 540

static struct series *make_series(const char *era)
{
	static const struct { const char *name, *role, *gender; int age; } R[] = {
		{ "Prince Rui", "prince", "male", 24 }, { "Xia Lin", "shop owner", "female", 22 },
		{ "Old Zhou", "landlord", "male", 62 }, { "Bai Qing", "rival heiress", "female", 25 },
		{ "Gu Chen", "CEO", "male", 31 }, { "Xiao Tao", "maid", "female", 17 },
		{ "Detective Mo", "detective", "male", 45 }, { "Emperor Wu", "emperor", "male", 55 },
		{ "Empress Su", "empress", "female", 40 }, { "Lily", "student", "female", 16 },
		{ "Dou Dou", "child", "male", 8 },
	};
	struct series *s = series_new();
	s->era = xstrdup(era);
	s->title = xstrdup("Test");
	for (size_t i = 0; i < ARRAY_LEN(R); i++) {
		struct character *c = series_add_character(s);
		c->name = xstrdup(R[i].name);
		c->role = xstrdup(R[i].role);
		c->gender = xstrdup(R[i].gender);
		c->age = R[i].age;
	}
	return s;
}

/* Render one character into a fresh TWxTH surface (feet at the bottom, 500 px tall). */
static cairo_surface_t *render(const struct series *s, const struct character *c, const struct art_char_state *st)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, TW, TH);
	cairo_t *cr = cairo_create(sf);
	int r = proc_draw_character(cr, s, c, st, TW / 2.0, TH - 20, 500);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	if (r < 0) { cairo_surface_destroy(sf); return NULL; }
	return sf;
}

/* Number of differing pixels in a rectangle (whole surface if w == 0). */
static long diff(cairo_surface_t *a, cairo_surface_t *b, int x0, int y0, int w, int h)
{
	int stride = cairo_image_surface_get_stride(a);
	const unsigned char *pa = cairo_image_surface_get_data(a), *pb = cairo_image_surface_get_data(b);
	if (!w) { w = TW; h = TH; }
	long n = 0;
	for (int y = y0; y < y0 + h; y++)
		for (int x = x0; x < x0 + w; x++)
			if (memcmp(pa + y * stride + x * 4, pb + y * stride + x * 4, 4)) n++;
	return n;
}

static long opaque(cairo_surface_t *a)
{
	int stride = cairo_image_surface_get_stride(a);
	const unsigned char *p = cairo_image_surface_get_data(a);
	long n = 0;
	for (int y = 0; y < TH; y++)
		for (int x = 0; x < TW; x++)
			if (p[y * stride + x * 4 + 3] > 200) n++;
	return n;
}

/* face box in surface pixels from the metrics */
static void face_box(const struct character *c, int *x, int *y, int *w, int *h)
{
	struct art_metrics m;
	proc_metrics(c, &m);
	double cy = TH - 20 - 500 * m.head_center, r = 500 * m.head_radius;
	*x = (int)(TW / 2 - r); *w = (int)(2 * r);
	*y = (int)(cy - r); *h = (int)(2.2 * r);
}

TEST(art_char_1_determinism)
{
	struct series *s = make_series("mixed");
	CHECK(proc_assign_character_looks(s, 42) == 0);
	struct art_char_state st = ART_CHAR_STATE_INIT;
	st.expression = "angry"; st.viseme = 'D'; st.view = ART_VIEW_LEFT; st.pose = "pointing";
	cairo_surface_t *a = render(s, &s->chars[0], &st), *b = render(s, &s->chars[0], &st);
	CHECK(a && b);
	CHECK_INT(diff(a, b, 0, 0, 0, 0), 0);
	CHECK(opaque(a) > 10000);
	/* same seed, fresh series: same looks, same pixels */
	struct series *s2 = make_series("mixed");
	CHECK(proc_assign_character_looks(s2, 42) == 0);
	cairo_surface_t *c = render(s2, &s2->chars[0], &st);
	CHECK_INT(diff(a, c, 0, 0, 0, 0), 0);
	/* after many other states have pushed it out of the figure cache: same pixels */
	for (int i = 0; i < 30; i++) {
		struct art_char_state o = ART_CHAR_STATE_INIT;
		o.expression = MODEL_EMOTIONS[i % 12];
		o.view = i % 3 - 1;
		cairo_surface_t *x = render(s, &s->chars[1 + i % 5], &o);
		cairo_surface_destroy(x);
	}
	cairo_surface_t *d = render(s, &s->chars[0], &st);
	CHECK_INT(diff(a, d, 0, 0, 0, 0), 0);
	cairo_surface_destroy(a); cairo_surface_destroy(b); cairo_surface_destroy(c); cairo_surface_destroy(d);
	series_free(s); series_free(s2);
}

/* Draw character 0 at a height (feet off the pixel grid); fresh = after pushing everything
 * out of the figure cache. */
static cairo_surface_t *render_at(const struct series *s, const struct art_char_state *st, double height, int fresh)
{
	for (int i = 0; i < 30 * fresh; i++) {
		struct art_char_state o = ART_CHAR_STATE_INIT;
		o.expression = MODEL_EMOTIONS[i % 12];
		o.view = i % 3 - 1;
		cairo_surface_t *x = render(s, &s->chars[1 + i % 5], &o);
		cairo_surface_destroy(x);
	}
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, TW, TH);
	cairo_t *cr = cairo_create(sf);
	int r = proc_draw_character(cr, s, &s->chars[0], st, TW / 2.0 + 0.3, TH - 20.6, height);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	if (r < 0) { cairo_surface_destroy(sf); return NULL; }
	return sf;
}

/* One cache key is one image: a drawing whose matrix differs from the one before by less
 * than the key's rounding (an eased camera move's first frames) gives the same pixels
 * whether the static part comes from the cache or is drawn fresh, so a render's bytes cannot depend on which of two render lanes
 * reached the key first. (Before: the image was drawn from the exact matrix, and a
 * segment of a series episode once differed between two runs.) */
TEST(art_char_cache_key_is_the_image)
{
	struct series *s = make_series("modern");
	CHECK(proc_assign_character_looks(s, 11) == 0);
	struct art_char_state st = ART_CHAR_STATE_INIT;
	st.pose = "pointing"; st.view = ART_VIEW_LEFT;
	long total = 0;
	for (int k = 0; k < 6; k++) {
		double h = 480 + 7 * k, h2 = h * (1 + 6e-8);
		cairo_surface_t *first = render_at(s, &st, h, 1);
		cairo_surface_t *after = render_at(s, &st, h2, 0);   /* h's static part may be in the cache */
		cairo_surface_t *alone = render_at(s, &st, h2, 1);
		CHECK(first && after && alone);
		total += diff(after, alone, 0, 0, 0, 0);
		cairo_surface_destroy(first);
		cairo_surface_destroy(after);
		cairo_surface_destroy(alone);
	}
	CHECK_INT(total, 0);
	series_free(s);
}

TEST(art_char_2_every_expression_differs)
{
	struct series *s = make_series("modern");
	CHECK(proc_assign_character_looks(s, 7) == 0);
	const struct character *c = &s->chars[1];
	int fx, fy, fw, fh;
	face_box(c, &fx, &fy, &fw, &fh);
	cairo_surface_t *img[16] = { 0 };
	int n = 0;
	for (; MODEL_EMOTIONS[n]; n++) {
		struct art_char_state st = ART_CHAR_STATE_INIT;
		st.expression = MODEL_EMOTIONS[n];
		img[n] = render(s, c, &st);
		CHECKF(img[n] && opaque(img[n]) > 10000, "expression %s did not render", MODEL_EMOTIONS[n]);
	}
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			CHECKF(diff(img[i], img[j], fx, fy, fw, fh) > 20, "expressions %s and %s look the same",
			       MODEL_EMOTIONS[i], MODEL_EMOTIONS[j]);
	/* the body does not change with the face */
	CHECK_INT(diff(img[0], img[3], 0, fy + fh + 10, TW, TH - fy - fh - 10), 0);
	for (int i = 0; i < n; i++) cairo_surface_destroy(img[i]);
	series_free(s);
}

TEST(art_char_3_visemes_and_blink)
{
	struct series *s = make_series("ancient");
	CHECK(proc_assign_character_looks(s, 7) == 0);
	const struct character *c = &s->chars[3];
	struct art_metrics m;
	CHECK(proc_metrics(c, &m) == 0);
	int my = (int)(TH - 20 - 500 * m.mouth), r = (int)(500 * m.head_radius * 0.5);
	const char vis[] = "ABCDEFGHX";
	cairo_surface_t *img[9];
	for (int i = 0; i < 9; i++) {
		struct art_char_state st = ART_CHAR_STATE_INIT;
		st.viseme = vis[i];
		img[i] = render(s, c, &st);
		CHECK(img[i]);
	}
	for (int i = 0; i < 9; i++)
		for (int j = i + 1; j < 9; j++)
			CHECKF(diff(img[i], img[j], TW / 2 - r, my - r, 2 * r, 2 * r) > 5, "visemes %c and %c look the same", vis[i], vis[j]);
	/* A (closed) and D (wide) differ clearly in the mouth region, and only there */
	CHECK(diff(img[0], img[3], TW / 2 - r, my - r, 2 * r, 2 * r) > 40);
	CHECK_INT(diff(img[0], img[3], 0, 0, TW, my - r), 0);
	/* blink closes the eyes: differs around the eyes only */
	struct art_char_state st = ART_CHAR_STATE_INIT;
	st.blink = 1.0;
	cairo_surface_t *b = render(s, c, &st);
	int ey = (int)(TH - 20 - 500 * m.eyes);
	CHECK(diff(img[8], b, 0, ey - r, TW, 2 * r) > 30);
	CHECK_INT(diff(img[8], b, 0, my + r / 2, TW, TH - my - r / 2), 0);
	cairo_surface_destroy(b);
	for (int i = 0; i < 9; i++) cairo_surface_destroy(img[i]);
	series_free(s);
}

TEST(art_char_4_poses_views_breath)
{
	struct series *s = make_series("mixed");
	CHECK(proc_assign_character_looks(s, 9) == 0);
	for (size_t k = 0; k < s->n_chars; k += 4) {
		const struct character *c = &s->chars[k];
		struct art_char_state st = ART_CHAR_STATE_INIT;
		cairo_surface_t *idle = render(s, c, &st);
		CHECK(idle && opaque(idle) > 5000);
		for (int i = 1; MODEL_POSES[i]; i++) {
			st.pose = MODEL_POSES[i];
			cairo_surface_t *p = render(s, c, &st);
			CHECKF(p && diff(idle, p, 0, 0, 0, 0) > 300, "%s: pose %s looks like idle", c->name, MODEL_POSES[i]);
			cairo_surface_destroy(p);
		}
		st.pose = NULL;
		st.view = ART_VIEW_LEFT;
		cairo_surface_t *l = render(s, c, &st);
		st.view = ART_VIEW_RIGHT;
		cairo_surface_t *r = render(s, c, &st);
		CHECK(diff(idle, l, 0, 0, 0, 0) > 300 && diff(idle, r, 0, 0, 0, 0) > 300 && diff(l, r, 0, 0, 0, 0) > 300);
		/* view +-2: from behind (over-the-shoulder); no face, so speaking changes nothing */
		st.view = 2; st.viseme = 'A';
		cairo_surface_t *bk = render(s, c, &st);
		st.viseme = 'D';
		cairo_surface_t *bk2 = render(s, c, &st);
		CHECK(bk && opaque(bk) > 5000 && diff(idle, bk, 0, 0, 0, 0) > 300);
		CHECK_INT(diff(bk, bk2, 0, 0, 0, 0), 0);
		cairo_surface_destroy(bk); cairo_surface_destroy(bk2);
		st.viseme = 'X';
		st.view = 0; st.breath = 1;
		cairo_surface_t *br = render(s, c, &st);
		CHECK(diff(idle, br, 0, 0, 0, 0) > 0);
		cairo_surface_destroy(l); cairo_surface_destroy(r); cairo_surface_destroy(br); cairo_surface_destroy(idle);
	}
	series_free(s);
}

/* Arm geometry of every pose and view: no limb drawn longer than the arm it is (a
 * foreshortened limb may look shorter), and hands raised to the face rest on the jaw,
 * below the eyes and outside the mouth, with the elbows no lower than the waist. */
TEST(art_char_4b_pose_arm_lengths)
{
	struct series *s = make_series("mixed");
	CHECK(proc_assign_character_looks(s, 9) == 0);
	for (size_t k = 0; k < s->n_chars; k++) {
		struct chr_look L;
		chr_look_parse(&s->chars[k], &L);
		for (int t = -2; t <= 2; t++) {   /* profile, three-quarter, front, three-quarter, profile */
			struct chr_fig f;
			chr_layout(&L, t * 0.5, &f);
			for (int i = 0; MODEL_POSES[i]; i++)
				for (int side = -1; side <= 1; side += 2) {
					struct chr_arm a;
					chr_arm_pose(&f, MODEL_POSES[i], side, &a);
					double up = hypot(a.ex - a.sx, a.ey - a.sy), fore = hypot(a.wx - a.ex, a.wy - a.ey);
					CHECKF(up <= f.L1 * 1.02 && fore <= f.L2 * 1.02, "%s %s view %d side %d: upper arm %.2f of %.2f, forearm %.2f of %.2f",
					       s->chars[k].name, MODEL_POSES[i], t, side, up, f.L1, fore, f.L2);
					if (strcmp(MODEL_POSES[i], "hands_to_face") || abs(t) == 2) continue;   /* in profile a hand hides the face */
					double hand_top = a.wy - f.hand;           /* the hand points up from the wrist */
					CHECKF(hand_top > f.head_y + f.hr * 0.25, "%s: hand up to the eyes", s->chars[k].name);
					CHECKF(fabs(a.wx - f.t * f.hr * 0.15) > f.hr * 0.5, "%s: wrist over the mouth", s->chars[k].name);
					CHECK(a.ey < f.waist);
				}
		}
	}
	series_free(s);
}

TEST(art_char_5_looks_distinct_and_fit_roles)
{
	const char *eras[] = { "ancient", "modern", "mixed" };
	for (int e = 0; e < 3; e++) {
		struct series *s = make_series(eras[e]);
		CHECK(proc_assign_character_looks(s, 1234) == 0);
		for (size_t i = 0; i < s->n_chars; i++) {
			const json_t *li = s->chars[i].look;
			CHECK(json_is_object(li));
			const char *pi = json_string_value(json_object_get(json_object_get(li, "outfit"), "colour"));
			const json_t *hi = json_object_get(li, "hair");
			CHECK(pi);
			for (size_t j = i + 1; j < s->n_chars; j++) {
				const json_t *lj = s->chars[j].look;
				const json_t *hj = json_object_get(lj, "hair");
				CHECKF(!str_ieq(pi, json_string_value(json_object_get(json_object_get(lj, "outfit"), "colour"))),
				       "%s: %s and %s share a palette", eras[e], s->chars[i].name, s->chars[j].name);
				CHECKF(!(str_eq(json_string_value(json_object_get(hi, "style")), json_string_value(json_object_get(hj, "style")))
				         && str_eq(json_string_value(json_object_get(hi, "colour")), json_string_value(json_object_get(hj, "colour")))),
				       "%s: %s and %s share hair", eras[e], s->chars[i].name, s->chars[j].name);
			}
		}
		const char *emp = json_string_value(json_object_get(json_object_get(series_find_character(s, "Emperor Wu")->look, "outfit"), "style"));
		const char *ceo = json_string_value(json_object_get(json_object_get(series_find_character(s, "Gu Chen")->look, "outfit"), "style"));
		/* "landlord" is not a "lord": a modern landlord in a mixed series dresses modern */
		const char *land = json_string_value(json_object_get(json_object_get(series_find_character(s, "Old Zhou")->look, "outfit"), "style"));
		if (e == 2) CHECK_STR(land, "casual");
		if (e == 0) CHECK_STR(emp, "imperial_robe");
		if (e == 1) CHECK_STR(ceo, "suit");
		if (e == 2) { CHECK_STR(emp, "imperial_robe"); CHECK_STR(ceo, "suit"); }
		series_free(s);
	}
	/* in a mixed (time-travel) series the description can place a role in the past */
	{
		struct series *s = series_new();
		s->era = xstrdup("mixed");
		struct character *a = series_add_character(s), *b = series_add_character(s);
		a->name = xstrdup("A"); a->role = xstrdup("maid"); a->gender = xstrdup("female"); a->age = 18;
		a->description = xstrdup("A palace maid who sees everything");
		b->name = xstrdup("B"); b->role = xstrdup("maid"); b->gender = xstrdup("female"); b->age = 18;
		b->description = xstrdup("Works at the cafe downtown");
		struct character *z = series_add_character(s);
		z->name = xstrdup("厉知夏"); z->role = xstrdup("丫鬟"); z->gender = xstrdup("female"); z->age = 18;
		CHECK(proc_assign_character_looks(s, 3) == 0);
		CHECK_STR(json_string_value(json_object_get(json_object_get(z->look, "outfit"), "style")), "ruqun");
		CHECK_STR(json_string_value(json_object_get(json_object_get(a->look, "outfit"), "style")), "ruqun");
		CHECK_STR(json_string_value(json_object_get(json_object_get(b->look, "outfit"), "style")), "maid_dress");
		series_free(s);
	}
	/* existing (user) looks are kept */
	struct series *s = make_series("modern");
	json_error_t je;
	s->chars[0].look = json_loads("{\"hair\":{\"style\":\"bob\"}}", 0, &je);
	CHECK(proc_assign_character_looks(s, 1) == 0);
	CHECK(json_object_size(s->chars[0].look) == 1);
	series_free(s);
}

TEST(art_char_6_look_edit_and_malformed)
{
	struct series *s = make_series("modern");
	CHECK(proc_assign_character_looks(s, 5) == 0);
	struct character *c = &s->chars[1];
	struct art_char_state st = ART_CHAR_STATE_INIT;
	cairo_surface_t *a = render(s, c, &st);
	/* the user edits only the hair style */
	json_object_set_new(json_object_get(c->look, "hair"), "style", json_string("Bob"));
	cairo_surface_t *b = render(s, c, &st);
	CHECK(a && b && diff(a, b, 0, 0, 0, 0) > 200);
	/* malformed values: warnings and defaults, never a failure */
	json_error_t je;
	json_decref(c->look);
	c->look = json_loads("{\"hair\": {\"style\": 42, \"colour\": \"purplish\"}, \"skin\": [1], \"height\": \"tall\","
	                     " \"outfit\": {\"style\": \"spacesuit\", \"colour\": \"#12\"}, \"accessories\": [\"jetpack\", \"glasses\"]}", 0, &je);
	CHECK(c->look);
	cairo_surface_t *m = render(s, c, &st);
	CHECK(m && opaque(m) > 5000);
	json_decref(c->look);
	c->look = json_string("not an object");
	cairo_surface_t *n = render(s, c, &st);
	CHECK(n && opaque(n) > 5000);
	cairo_surface_destroy(a); cairo_surface_destroy(b); cairo_surface_destroy(m); cairo_surface_destroy(n);
	series_free(s);
}

TEST(art_char_7_metrics)
{
	struct series *s = make_series("modern");
	CHECK(proc_assign_character_looks(s, 5) == 0);
	struct art_metrics ad, ch;
	CHECK(proc_metrics(series_find_character(s, "Gu Chen"), &ad) == 0);
	CHECK(proc_metrics(series_find_character(s, "Dou Dou"), &ch) == 0);
	CHECK(ad.head_center > ad.eyes && ad.eyes > ad.mouth && ad.mouth > ad.shoulders && ad.shoulders > ad.waist && ad.waist > 0);
	CHECK(ad.head_center + ad.head_radius <= 1.01 && ad.head_center > 0.8);
	CHECK(ad.width > 0.1 && ad.width < 0.5);
	CHECK(ch.head_center < ad.head_center);       /* a child is shorter */
	CHECK(ch.head_radius / ch.head_center > ad.head_radius / ad.head_center);   /* with a bigger head */
	CHECK(proc_metrics(NULL, &ad) < 0);
	series_free(s);
}

TEST(art_char_8_backend_and_png)
{
	CHECK(art_backend_get(NULL) == &art_procedural);
	CHECK(art_backend_get("procedural") == &art_procedural);
	CHECK(art_backend_get("no-such-backend") == NULL);
	/* the AI image backends are found by the names the pipeline writes into drama.json */
	CHECK(art_backend_get("comfyui") == &art_comfyui);
	CHECK(art_backend_get("images-api") == &art_images_api);
	CHECK(strstr(err_msg(), "no-such-backend") != NULL);
	CHECK(art_procedural.draw_character && art_procedural.metrics && art_procedural.assign_looks && art_procedural.design);
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 32);
	char *path = path_join(test_tmpdir(), "x.png");
	CHECK(art_write_png(sf, path) == 0);
	cairo_surface_t *back = cairo_image_surface_create_from_png(path);
	CHECK(cairo_surface_status(back) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(back) == 64);
	cairo_surface_destroy(back);
	/* no temporary file left next to it */
	DIR *d = opendir(test_tmpdir());
	struct dirent *de;
	int files = 0;
	while ((de = readdir(d))) if (de->d_name[0] != '.') files++;
	closedir(d);
	CHECK_INT(files, 1);
	/* a failed write leaves the old file untouched */
	char *bad = path_join(test_tmpdir(), "missing/dir/x.png");
	CHECK(art_write_png(sf, bad) < 0);
	CHECK(!file_exists(bad));
	free(bad); free(path);
	cairo_surface_destroy(sf);
}

/* The fewest pixels in which two of a sheet's five turnaround cells (328x1040 from
 * (40, 220), sheet.c) differ, each cell compared at its own place. */
static long sheet_cells_min_diff(cairo_surface_t *img)
{
	cairo_surface_flush(img);
	const unsigned char *p = cairo_image_surface_get_data(img);
	int st = cairo_image_surface_get_stride(img);
	long best = -1;
	for (int a = 0; a < 5; a++)
		for (int b = a + 1; b < 5; b++) {
			long n = 0;
			for (int y = 220; y < 1260; y++)
				for (int x = 0; x < 328; x++) {
					const unsigned char *pa = p + (size_t)y * st + 4 * (40 + a * 328 + x);
					const unsigned char *pb = p + (size_t)y * st + 4 * (40 + b * 328 + x);
					if (abs(pa[0] - pb[0]) + abs(pa[1] - pb[1]) + abs(pa[2] - pb[2]) > 24) n++;
				}
			if (best < 0 || n < best) best = n;
		}
	return best;
}

TEST(art_char_9_sheet_and_design_cache)
{
	struct project *p = NULL;
	char *dir = path_join(test_tmpdir(), "proj");
	CHECK(project_open(dir, 1, &p) == 0);
	struct series *s = series_new();
	s->era = xstrdup("mixed");
	s->seed = 11;
	struct character *c = series_add_character(s);
	c->name = xstrdup("林小雨"); c->role = xstrdup("student"); c->gender = xstrdup("female"); c->age = 19;
	c = series_add_character(s);
	c->name = xstrdup("Prince Rui"); c->role = xstrdup("prince"); c->gender = xstrdup("male"); c->age = 24;
	c->voice = json_pack("{s:s, s:f}", "voice", "rms", "pitch", 0.9);
	p->s = s;
	struct stage_opts o = { 0 };
	CHECK(art_procedural.design(p, &o) == 0);
	char *png = path_join(dir, "characters/Prince_Rui.png");
	char *safe = path_safe_name("林小雨");
	char *rel = xasprintf("characters/%s.png", safe);
	char *png2 = path_join(dir, rel);
	CHECK(file_exists(png) && file_exists(png2));
	CHECK(s->chars[0].look && s->chars[1].look);
	cairo_surface_t *img = cairo_image_surface_create_from_png(png);
	CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(img) >= 2000);
	/* the turnaround's five figures (profile, three-quarter, front, three-quarter,
	 * profile) are five different drawings, not one figure shifted */
	if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
		long d = sheet_cells_min_diff(img);
		CHECKF(d > 20000, "two turnaround figures differ in only %ld px", d);
	}
	cairo_surface_destroy(img);
	char *before = NULL, *after = NULL;
	size_t nb = 0, na = 0;
	CHECK(file_read_all(png, &before, &nb) == 0);
	/* unchanged inputs: the sheet is kept (same inode, not rewritten) */
	struct stat st1, st2;
	CHECK(stat(png, &st1) == 0);
	CHECK(art_procedural.design(p, &o) == 0);
	CHECK(stat(png, &st2) == 0);
	CHECK(st1.st_ino == st2.st_ino);
	/* an edit to the look in the model shows up in the sheet */
	json_object_set_new(json_object_get(s->chars[1].look, "hair"), "style", json_string("bob"));
	json_object_set_new(json_object_get(s->chars[1].look, "outfit"), "colour", json_string("#20a060"));
	CHECK(art_procedural.design(p, &o) == 0);
	CHECK(file_read_all(png, &after, &na) == 0);
	CHECK(nb != na || memcmp(before, after, nb));
	/* recasting the voice redraws the sheet too (the voice is printed on it) */
	struct stat st3, st4;
	CHECK(stat(png, &st3) == 0);
	json_object_set_new(s->chars[1].voice, "voice", json_string("awb"));
	CHECK(art_procedural.design(p, &o) == 0);
	CHECK(stat(png, &st4) == 0);
	CHECK(st3.st_ino != st4.st_ino);
	free(before); free(after); free(png); free(png2); free(rel); free(safe); free(dir);
	project_free(p);
}

/* Green-dominant pixels (the test's hair colour) in a box of the surface. */
static long green(cairo_surface_t *a, int x0, int y0, int w, int h)
{
	int stride = cairo_image_surface_get_stride(a);
	const unsigned char *p = cairo_image_surface_get_data(a);
	long n = 0;
	for (int y = y0 < 0 ? 0 : y0; y < y0 + h && y < TH; y++)
		for (int x = x0 < 0 ? 0 : x0; x < x0 + w && x < TW; x++) {
			const unsigned char *q = p + y * stride + x * 4;   /* B G R A */
			if (q[3] > 200 && q[1] > 120 && q[1] > q[0] + 60 && q[1] > q[2] + 60) n++;
		}
	return n;
}

/* A bald head keeps its hair to the sides and the back: turned three-quarter or in profile,
 * none of it lands on the face half that faces the camera (it once drew a dark oval on the
 * cheek), and every view still shows some. */
TEST(art_char_10_bald_fringe_off_the_face)
{
	struct series *s = make_series("modern");
	CHECK(proc_assign_character_looks(s, 5) == 0);
	struct character *c = series_find_character(s, "Gu Chen");
	json_error_t je;
	json_decref(c->look);
	c->look = json_loads("{\"hair\": {\"style\": \"bald\", \"colour\": \"#00ff00\"}}", 0, &je);
	CHECK(c->look);
	int fx, fy, fw, fh;
	face_box(c, &fx, &fy, &fw, &fh);
	struct art_metrics m;
	CHECK(proc_metrics(c, &m) == 0);
	int eye_y = (int)(TH - 20 - 500 * m.eyes);
	double r = 500 * m.head_radius;
	static const int V[] = { ART_VIEW_LEFT, ART_VIEW_RIGHT, ART_VIEW_PROFILE_LEFT, ART_VIEW_PROFILE_RIGHT, ART_VIEW_FRONT };
	for (size_t i = 0; i < ARRAY_LEN(V); i++) {
		struct art_char_state st = ART_CHAR_STATE_INIT;
		st.view = V[i];
		cairo_surface_t *a = render(s, c, &st);
		CHECK(a);
		if (!a) continue;
		long all = green(a, fx - fw / 4, fy - fh / 4, fw * 3 / 2, fh * 3 / 2);
		CHECK(all > 20);
		if (V[i] != ART_VIEW_FRONT) {   /* hair nearest the face, in the rows from under the brows
		                                  * (hair-coloured too) to the mouth */
			int lead = V[i] > 0 ? -TW : TW;
			for (int x = 0; x < TW; x++)
				if (green(a, x, eye_y - (int)(0.25 * r), 1, (int)(0.55 * r)) && (V[i] > 0 ? x > lead : x < lead)) lead = x;
			double behind = (V[i] > 0 ? TW / 2.0 - lead : lead - TW / 2.0) / r;   /* toward the back */
			double need = V[i] == ART_VIEW_LEFT || V[i] == ART_VIEW_RIGHT ? 0.5 : 0.0;
			if (behind <= need) printf("    view %d: the hair nearest the face is %.2f head radii behind the middle\n", V[i], behind);
			CHECK(behind > need);
		}
		cairo_surface_destroy(a);
	}
	series_free(s);
}
