/* The focus of this file is the creature half of the procedural art backend
 * (src/art/creature*.c): role words choose a creature kind, creature looks are
 * assigned and parsed, a creature is drawn as itself (no human skin, its coat colour
 * dominates), its mouth follows the viseme and its eyes blink, framing metrics place a
 * parrot at shoulder height and a dog low, and its sheet is drawn. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"
#include "art/art_internal.h"
#include "art/creature_parts.h"

#define TW 300
#define TH 540

static struct series *zoo(void)
{
	static const struct { const char *name, *role, *gender; int age; } R[] = {
		{ "Nathan", "fisherman", "male", 63 }, { "Lucas", "talking parrot", "male", 5 },
		{ "Rex", "dog", "male", 6 }, { "Mimi", "kitten", "female", 4 }, { "Unit 7", "robot", "female", 8 },
		{ "Wisp", "ghost", "male", 7 }, { "Dou Dou", "child", "male", 5 },
	};
	struct series *s = series_new();
	s->era = xstrdup("modern");
	for (size_t i = 0; i < ARRAY_LEN(R); i++) {
		struct character *c = series_add_character(s);
		c->name = xstrdup(R[i].name);
		c->role = xstrdup(R[i].role);
		c->gender = xstrdup(R[i].gender);
		c->age = R[i].age;
	}
	return s;
}

static cairo_surface_t *draw(const struct series *s, const struct character *c, const struct art_char_state *st, double h)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, TW, TH);
	cairo_t *cr = cairo_create(sf);
	int r = proc_draw_character(cr, s, c, st, TW / 2.0, TH - 20, h);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	if (r < 0) { cairo_surface_destroy(sf); return NULL; }
	return sf;
}

/* The figure height at which the creature's head fits a 500 px tall frame. */
static double fit_height(const struct character *c)
{
	struct art_metrics m;
	if (proc_metrics(c, &m) < 0) return 0;
	return 500 / (m.head_center + m.head_radius * 1.3);
}

static long ndiff(cairo_surface_t *a, cairo_surface_t *b)
{
	int stride = cairo_image_surface_get_stride(a);
	const unsigned char *pa = cairo_image_surface_get_data(a), *pb = cairo_image_surface_get_data(b);
	long n = 0;
	for (int y = 0; y < TH; y++)
		if (memcmp(pa + y * stride, pb + y * stride, TW * 4))
			for (int x = 0; x < TW; x++) n += memcmp(pa + y * stride + x * 4, pb + y * stride + x * 4, 4) != 0;
	return n;
}

/* Visible pixels, those near the hue of `coat`, and inside the head disc (centre hx,hy,
 * radius hr px) the pixels close to a shade of a human skin tone. */
struct census { long opaque, coat, head, skin; };

static double hue(double r, double g, double b, double *sat)
{
	double mx = fmax(r, fmax(g, b)), mn = fmin(r, fmin(g, b)), d = mx - mn, h;
	*sat = mx > 0 ? d / mx : 0;
	if (d < 1e-6) return 0;
	if (mx == r) h = fmod((g - b) / d + 6, 6);
	else if (mx == g) h = (b - r) / d + 2;
	else h = (r - g) / d + 4;
	return h * 60;
}

static int skin_like(double r, double g, double b)
{
	static const char *const SKIN[] = { "#fbe6da", "#f6d7c3", "#f3cfb6", "#efc9ad", "#e6bb98", "#dcae8a", "#c8906a" };
	for (size_t i = 0; i < ARRAY_LEN(SKIN); i++) {
		struct rgb t;
		chr_parse_colour(SKIN[i], &t);
		for (double k = 0.74; k <= 1.08; k += 0.03) {   /* the cel shading of chr_fill */
			struct rgb u = chr_mul(t, k);
			if (fabs(u.r - r) + fabs(u.g - g) + fabs(u.b - b) < 0.05) return 1;
		}
	}
	return 0;
}

static void count(cairo_surface_t *sf, struct rgb coat, double hx, double hy, double hr, struct census *k)
{
	memset(k, 0, sizeof *k);
	double cs, ch = hue(coat.r, coat.g, coat.b, &cs);
	int stride = cairo_image_surface_get_stride(sf);
	const unsigned char *p = cairo_image_surface_get_data(sf);
	for (int y = 0; y < TH; y++)
		for (int x = 0; x < TW; x++) {
			const unsigned char *px = p + y * stride + x * 4;
			if (px[3] < 128) continue;   /* premultiplied; the ghost is translucent */
			double b = px[0] / (double)px[3], g = px[1] / (double)px[3], r = px[2] / (double)px[3], s;
			k->opaque++;
			double h = hue(r, g, b, &s), dh = fabs(h - ch);
			if (dh > 180) dh = 360 - dh;
			if (s > 0.25 && dh < 20) k->coat++;
			if ((x - hx) * (x - hx) + (y - hy) * (y - hy) < hr * hr) {
				k->head++;
				k->skin += skin_like(r, g, b);
			}
		}
}

/* Draw c filling the picture; census of its pixels. */
static int census_of(const struct series *s, const struct character *c, struct census *k)
{
	struct art_metrics m;
	struct chr_look L;
	if (proc_metrics(c, &m) < 0) return -1;
	chr_look_parse(c, &L);
	double h = 500 / (m.head_center + m.head_radius * 1.3);
	struct art_char_state st = ART_CHAR_STATE_INIT;
	cairo_surface_t *sf = draw(s, c, &st, h);
	if (!sf) return -1;
	count(sf, L.main, TW / 2.0, TH - 20 - m.head_center * h, m.head_radius * h * 0.8, k);
	cairo_surface_destroy(sf);
	return 0;
}

TEST(art_creature_1_role_words_choose_kinds)
{
	static const struct { const char *role; int kind; } W[] = {
		{ "parrot", CRT_BIRD }, { "talking parrot", CRT_BIRD }, { "crow", CRT_BIRD }, { "Owl", CRT_BIRD },
		{ "dog", CRT_CANINE }, { "puppy", CRT_CANINE }, { "wolf", CRT_CANINE }, { "fox", CRT_CANINE },
		{ "cat", CRT_FELINE }, { "kitten", CRT_FELINE }, { "tiger", CRT_FELINE },
		{ "robot", CRT_ROBOT }, { "android", CRT_ROBOT }, { "AI", CRT_ROBOT }, { "ghost", CRT_GHOST },
		{ "spirit", CRT_GHOST }, { "鹦鹉", CRT_BIRD }, { "会说话的狗", CRT_CANINE }, { "机器人", CRT_ROBOT },
		{ "dogs", CRT_CANINE },
		/* people, and words that only contain a creature word */
		{ "fisherman", CRT_NONE }, { "catering manager", CRT_NONE }, { "spiritual leader", CRT_NONE },
		{ "CEO", CRT_NONE }, { "maid", CRT_NONE }, { "", CRT_NONE }, { NULL, CRT_NONE },
	};
	for (size_t i = 0; i < ARRAY_LEN(W); i++) {
		int k = crt_kind_for_role(W[i].role, NULL);
		CHECKF(k == W[i].kind, "role \"%s\": kind %d, expected %d", W[i].role ? W[i].role : "(null)", k, W[i].kind);
	}
	double size = 0;
	CHECK(crt_kind_for_role("tiger", &size) == CRT_FELINE && size > 1.2);
	CHECK(crt_kind_for_role("kitten", &size) == CRT_FELINE && size == 1);
}

TEST(art_creature_2_looks_and_metrics)
{
	struct series *s = zoo();
	CHECK(proc_assign_character_looks(s, 3) == 0);
	static const int KIND[] = { CRT_NONE, CRT_BIRD, CRT_CANINE, CRT_FELINE, CRT_ROBOT, CRT_GHOST, CRT_NONE };
	struct art_metrics m[7];
	for (size_t i = 0; i < s->n_chars; i++) {
		struct chr_look L;
		chr_look_parse(&s->chars[i], &L);
		CHECKF(L.creature == KIND[i], "%s: creature %d, expected %d", s->chars[i].name, L.creature, KIND[i]);
		CHECK(proc_metrics(&s->chars[i], &m[i]) == 0);
		CHECK(m[i].head_center > 0 && m[i].head_radius > 0 && m[i].head_center + m[i].head_radius <= 1.0);
		CHECK(m[i].eyes > m[i].mouth);
	}
	/* the parrot's head is at an adult's shoulder height, not a child's; the dog and cat sit low */
	CHECK(m[1].head_center > m[0].shoulders * 0.9 && m[1].head_center < m[0].head_center);
	CHECK(m[1].head_center > m[6].head_center);
	CHECK(m[2].head_center < 0.45 && m[3].head_center < m[2].head_center);
	/* the same seed gives the same look; coat colours differ between creatures */
	struct series *s2 = zoo();
	CHECK(proc_assign_character_looks(s2, 3) == 0);
	char *a = json_dumps(s->chars[1].look, JSON_SORT_KEYS), *b = json_dumps(s2->chars[1].look, JSON_SORT_KEYS);
	CHECK_STR(a, b);
	free(a); free(b);
	const char *c1 = json_string_value(json_object_get(json_object_get(s->chars[2].look, "coat"), "colour"));
	const char *c2 = json_string_value(json_object_get(json_object_get(s->chars[3].look, "coat"), "colour"));
	CHECK(c1 && c2 && strcmp(c1, c2));
	series_free(s2);
	series_free(s);
}

TEST(art_creature_3_drawn_as_creatures)
{
	struct series *s = zoo();
	CHECK(proc_assign_character_looks(s, 3) == 0);
	/* the human child: its face is skin, so the census can see a face */
	struct census k;
	CHECK(census_of(s, &s->chars[6], &k) == 0);
	CHECKF(k.skin * 10 > k.head * 4, "the child's face has %ld skin pixels of %ld", k.skin, k.head);
	for (size_t i = 1; i <= 5; i++) {
		const struct character *c = &s->chars[i];
		CHECK(census_of(s, c, &k) == 0);
		CHECKF(k.opaque > 8000, "%s: only %ld opaque pixels", c->name, k.opaque);
		CHECKF(k.skin * 10 < k.head, "%s: %ld of the head's %ld pixels are skin-coloured", c->name, k.skin, k.head);
		if (i == 1)   /* the parrot: its feathers are the dominant colour */
			CHECKF(k.coat * 3 > k.opaque, "parrot: %ld of %ld pixels have the feather hue", k.coat, k.opaque);
	}
	series_free(s);
}

TEST(art_creature_4_mouths_eyes_views)
{
	struct series *s = zoo();
	CHECK(proc_assign_character_looks(s, 5) == 0);
	for (size_t i = 1; i <= 5; i++) {
		const struct character *c = &s->chars[i];
		double h = fit_height(c);
		struct art_char_state st = ART_CHAR_STATE_INIT;
		cairo_surface_t *rest = draw(s, c, &st, h), *again = draw(s, c, &st, h);
		CHECK(rest && again);
		CHECKF(ndiff(rest, again) == 0, "%s: drawing is not deterministic", c->name);
		static const char VIS[] = "ABCDEFGH";
		cairo_surface_t *v[8];
		for (int k = 0; k < 8; k++) { st.viseme = VIS[k]; v[k] = draw(s, c, &st, h); CHECK(v[k]); }
		st.viseme = 'X';
		/* an open mouth differs from the rest shape, and visemes differ from each other */
		CHECKF(ndiff(rest, v[3]) > 40, "%s: D (aa) looks like rest", c->name);
		CHECKF(ndiff(v[0], v[3]) > 40, "%s: A and D look alike", c->name);
		CHECKF(ndiff(v[1], v[5]) > 20, "%s: B and F look alike", c->name);
		for (int k = 0; k < 8; k++) cairo_surface_destroy(v[k]);
		st.blink = 1;
		cairo_surface_t *shut = draw(s, c, &st, h);
		st.blink = 0;
		st.view = ART_VIEW_RIGHT;
		cairo_surface_t *side = draw(s, c, &st, h);
		st.view = ART_VIEW_BACK_LEFT;
		cairo_surface_t *back = draw(s, c, &st, h);
		st.view = ART_VIEW_FRONT;
		st.expression = "angry";
		cairo_surface_t *angry = draw(s, c, &st, h);
		CHECK(shut && side && back && angry);
		CHECKF(ndiff(rest, shut) > 20, "%s: blink does not close the eyes", c->name);
		CHECKF(ndiff(rest, side) > 500, "%s: the three-quarter view looks frontal", c->name);
		CHECKF(ndiff(rest, back) > 100, "%s: the back view shows the face", c->name);
		CHECKF(ndiff(rest, angry) > 20, "%s: angry looks neutral", c->name);
		cairo_surface_destroy(shut); cairo_surface_destroy(side); cairo_surface_destroy(back);
		cairo_surface_destroy(angry); cairo_surface_destroy(rest); cairo_surface_destroy(again);
	}
	series_free(s);
}

TEST(art_creature_5_sheet_and_bad_look)
{
	struct series *s = zoo();
	CHECK(proc_assign_character_looks(s, 3) == 0);
	char *png = path_join(test_tmpdir(), "Lucas.png");
	CHECK(art_character_sheet(&art_procedural, s, &s->chars[1], png) == 0);
	cairo_surface_t *img = cairo_image_surface_create_from_png(png);
	CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(img) >= 2000);
	cairo_surface_destroy(img);
	free(png);
	/* an edited look with an unknown kind and a bad size: drawn (as a robot), not an error */
	struct character *c = &s->chars[2];
	json_decref(c->look);
	c->look = json_pack("{s:{s:s, s:i}, s:{s:s}}", "creature", "kind", "dragon", "size", 40, "coat", "colour", "#12345");
	struct chr_look L;
	chr_look_parse(c, &L);
	CHECK(L.creature == CRT_ROBOT && L.crt_size == 1);
	struct art_char_state st = ART_CHAR_STATE_INIT;
	cairo_surface_t *sf = draw(s, c, &st, 500);
	CHECK(sf);
	cairo_surface_destroy(sf);
	series_free(s);
}

/* art-creature-6: a shot's pose reaches the creature: pointing and hands-to-face move a
 * wing, paw, arm or wisp (the drawing changes, mostly outside the idle silhouette for
 * pointing), arms-crossed and hand-on-hip move wings and arms (not a sitting dog's legs);
 * bow and idle draw the same creature; the sheet of poses is kept for a look. */
TEST(art_creature_6_poses)
{
	struct series *s = zoo();
	CHECK(proc_assign_character_looks(s, 5) == 0);
	static const char *const POSES[] = { "pointing", "hands_to_face", "arms_crossed", "hand_on_hip", "bow" };
	cairo_surface_t *sheet = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, TW * 6, TH * 5);
	cairo_t *sc = cairo_create(sheet);
	cairo_set_source_rgb(sc, 1, 1, 1);
	cairo_paint(sc);
	for (size_t i = 1; i <= 5; i++) {
		const struct character *c = &s->chars[i];
		double h = fit_height(c);
		struct art_char_state st = ART_CHAR_STATE_INIT;
		st.view = 1;   /* three-quarter, as in a two-shot */
		cairo_surface_t *idle = draw(s, c, &st, h);
		CHECK(idle);
		cairo_set_source_surface(sc, idle, 0, TH * (double)(i - 1));
		cairo_paint(sc);
		for (size_t p = 0; p < ARRAY_LEN(POSES); p++) {
			st.pose = POSES[p];
			cairo_surface_t *im = draw(s, c, &st, h);
			CHECK(im);
			long d = ndiff(idle, im);
			int beast = strstr(c->role, "dog") || strstr(c->role, "kitten"), ghost = strstr(c->role, "ghost") != NULL;
			int moves = p < 2 || (p < 4 && !beast && !ghost);
			printf("  %s %s: %ld pixels changed\n", c->role, POSES[p], d);
			if (moves) CHECKF(d > 300, "%s: %s looks like idle (%ld pixels)", c->role, POSES[p], d);
			else CHECKF(d == 0, "%s: %s changed %ld pixels", c->role, POSES[p], d);
			cairo_set_source_surface(sc, im, TW * (double)(p + 1), TH * (double)(i - 1));
			cairo_paint(sc);
			cairo_surface_destroy(im);
		}
		cairo_surface_destroy(idle);
	}
	cairo_destroy(sc);
	/* DRAMA_POSES_PNG=FILE keeps the sheet of poses to look at */
	char *png = getenv("DRAMA_POSES_PNG") ? xstrdup(getenv("DRAMA_POSES_PNG")) : path_join(test_tmpdir(), "creature_poses.png");
	CHECK(cairo_surface_write_to_png(sheet, png) == CAIRO_STATUS_SUCCESS);
	free(png);
	cairo_surface_destroy(sheet);
	series_free(s);
}
