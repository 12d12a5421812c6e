/* The focus of this file is the procedural locations and props of the art backend:
 * every template x time x weather x layer renders at a small size, the back layer is
 * opaque and mid/front are transparent where empty, templates differ from each other,
 * night differs from day, rain animates with t, drawing is deterministic, names in
 * English and Chinese map to the expected templates (with signs), bad arguments give
 * clear errors, every prop renders, and the location card is written. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"
#include "art/art_internal.h"
#include "core/util.h"
#include "core/model.h"

#define TW 108
#define TH 192

static cairo_surface_t *render(const struct location *l, const char *time, const char *weather, int layer, double t, int *rc)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, TW, TH);
	cairo_t *cr = cairo_create(s);
	*rc = proc_draw_location(cr, l, time, weather, layer, t, TW, TH);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	return s;
}

/* Composite back+mid+front onto one opaque surface. */
static cairo_surface_t *render_all(const struct location *l, const char *time, const char *weather, double t, int *rc)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, TW, TH);
	cairo_t *cr = cairo_create(s);
	*rc = 0;
	for (int layer = 0; layer < 3 && *rc == 0; layer++) *rc = proc_draw_location(cr, l, time, weather, layer, t, TW, TH);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	return s;
}

struct stats { double transparent, opaque, luma, var; };

static struct stats measure(cairo_surface_t *s)
{
	struct stats st = { 0, 0, 0, 0 };
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s), stride = cairo_image_surface_get_stride(s);
	const unsigned char *d = cairo_image_surface_get_data(s);
	double sum = 0, sum2 = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t p = *(const uint32_t *)(d + y * stride + x * 4);
			unsigned a = p >> 24;
			if (a == 0) st.transparent++;
			if (a == 255) st.opaque++;
			double l = 0.3 * ((p >> 16) & 255) + 0.59 * ((p >> 8) & 255) + 0.11 * (p & 255);
			sum += l;
			sum2 += l * l;
		}
	double n = (double)w * h;
	st.transparent /= n;
	st.opaque /= n;
	st.luma = sum / n;
	st.var = sum2 / n - st.luma * st.luma;
	return st;
}

static double mean_abs_diff(cairo_surface_t *a, cairo_surface_t *b)
{
	int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a), stride = cairo_image_surface_get_stride(a);
	const unsigned char *da = cairo_image_surface_get_data(a), *db = cairo_image_surface_get_data(b);
	double sum = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w * 4; x++) sum += abs((int)da[y * stride + x] - (int)db[y * stride + x]);
	return sum / ((double)w * h * 4);
}

static int same_pixels(cairo_surface_t *a, cairo_surface_t *b)
{
	int h = cairo_image_surface_get_height(a), stride = cairo_image_surface_get_stride(a);
	return !memcmp(cairo_image_surface_get_data(a), cairo_image_surface_get_data(b), (size_t)h * stride);
}

static struct location *add_loc(struct series *s, const char *name, const char *kind)
{
	struct location *l = series_add_location(s);
	l->name = xstrdup(name);
	l->kind = xstrdup(kind);
	return l;
}

TEST(art_loc_1_every_template_time_weather_layer_renders)
{
	static const char *times[] = { "day", "dusk", "night" }, *weathers[] = { "clear", "rain", "snow" };
	int n = 0;
	struct series *s = series_new();
	for (int k = 0; PROC_LOCATION_KINDS[k]; k++) add_loc(s, PROC_LOCATION_KINDS[k], PROC_LOCATION_KINDS[k]);
	CHECK(proc_assign_location_looks(s, 7) == 0);
	for (size_t k = 0; k < s->n_locs; k++)
		for (int ti = 0; ti < 3; ti++)
			for (int wi = 0; wi < 3; wi++)
				for (int layer = 0; layer < 3; layer++) {
					int rc;
					cairo_surface_t *img = render(&s->locs[k], times[ti], weathers[wi], layer, 0.7, &rc);
					struct stats st = measure(img);
					cairo_surface_destroy(img);
					n++;
					CHECKF(rc == 0, "%s %s %s layer %d: %s", s->locs[k].kind, times[ti], weathers[wi], layer, err_msg());
					if (layer == ART_LAYER_BACK) {
						CHECKF(st.opaque == 1.0, "%s %s %s back layer not opaque (%.3f)", s->locs[k].kind, times[ti], weathers[wi], st.opaque);
						CHECKF(st.var > 50, "%s %s %s back layer looks flat (variance %.1f)", s->locs[k].kind, times[ti], weathers[wi], st.var);
					} else {
						CHECKF(st.transparent > 0.2, "%s %s %s layer %d: only %.0f%% transparent", s->locs[k].kind, times[ti], weathers[wi], layer, st.transparent * 100);
						CHECKF(st.transparent < 0.995, "%s %s %s layer %d is empty", s->locs[k].kind, times[ti], weathers[wi], layer);
					}
				}
	CHECK(n >= 20 * 27);
	series_free(s);
}

TEST(art_loc_2_templates_differ_and_night_is_darker)
{
	struct series *s = series_new();
	int nk = 0;
	for (int k = 0; PROC_LOCATION_KINDS[k]; k++, nk++) add_loc(s, PROC_LOCATION_KINDS[k], PROC_LOCATION_KINDS[k]);
	CHECK(nk >= 20);
	CHECK(proc_assign_location_looks(s, 7) == 0);
	cairo_surface_t **day = calloc((size_t)nk, sizeof *day);
	int rc;
	for (int k = 0; k < nk; k++) {
		day[k] = render_all(&s->locs[k], "day", NULL, 0, &rc);
		CHECK(rc == 0);
		cairo_surface_t *night = render_all(&s->locs[k], "night", NULL, 0, &rc);
		CHECK(rc == 0);
		double dl = measure(day[k]).luma, nl = measure(night).luma, diff = mean_abs_diff(day[k], night);
		cairo_surface_destroy(night);
		CHECKF(nl < dl - 10, "%s: night (luma %.1f) not darker than day (%.1f)", s->locs[k].kind, nl, dl);
		CHECKF(diff > 8, "%s: day and night differ by only %.1f", s->locs[k].kind, diff);
	}
	for (int a = 0; a < nk; a++)
		for (int b = a + 1; b < nk; b++) {
			double d = mean_abs_diff(day[a], day[b]);
			CHECKF(d > 12, "%s and %s look alike (mean difference %.1f)", s->locs[a].kind, s->locs[b].kind, d);
		}
	for (int k = 0; k < nk; k++) cairo_surface_destroy(day[k]);
	free(day);
	series_free(s);
}

TEST(art_loc_3_deterministic_and_weather_animates)
{
	struct series *s = series_new();
	add_loc(s, "Ninth Street", "city_street");
	add_loc(s, "Xia's Milk Tea Shop", "milk_tea_shop");
	CHECK(proc_assign_location_looks(s, 42) == 0);
	for (size_t i = 0; i < s->n_locs; i++) {
		int rc;
		for (int layer = 0; layer < 3; layer++) {
			cairo_surface_t *a = render(&s->locs[i], "night", "rain", layer, 1.25, &rc);
			CHECK(rc == 0);
			cairo_surface_t *b = render(&s->locs[i], "night", "rain", layer, 1.25, &rc);
			CHECK(rc == 0);
			int same = same_pixels(a, b);
			cairo_surface_destroy(a);
			cairo_surface_destroy(b);
			CHECKF(same, "%s layer %d: same input gave different pixels", s->locs[i].kind, layer);
		}
		/* rain moves with t on the front layer, and is not there without rain */
		cairo_surface_t *f0 = render(&s->locs[i], "night", "rain", ART_LAYER_FRONT, 0.0, &rc);
		cairo_surface_t *f1 = render(&s->locs[i], "night", "rain", ART_LAYER_FRONT, 0.3, &rc);
		cairo_surface_t *fc = render(&s->locs[i], "night", "clear", ART_LAYER_FRONT, 0.3, &rc);
		double moved = mean_abs_diff(f0, f1), rain = mean_abs_diff(f1, fc);
		cairo_surface_destroy(f0);
		cairo_surface_destroy(f1);
		cairo_surface_destroy(fc);
		CHECKF(moved > 0.05, "%s: rain did not move between t=0 and t=0.3 (%.3f)", s->locs[i].kind, moved);
		CHECKF(rain > 0.05, "%s: rain overlay missing (%.3f)", s->locs[i].kind, rain);
		/* snow tints an exterior white; the look's seed changes details */
	}
	int rc;
	cairo_surface_t *clear = render_all(&s->locs[0], "day", "clear", 0, &rc);
	cairo_surface_t *snow = render_all(&s->locs[0], "day", "snow", 0, &rc);
	double lc = measure(clear).luma, ls = measure(snow).luma;
	cairo_surface_destroy(clear);
	cairo_surface_destroy(snow);
	CHECKF(ls > lc, "snowy street (luma %.1f) not brighter than clear (%.1f)", ls, lc);
	series_free(s);
}

TEST(art_loc_4_name_mapping_en_zh)
{
	static const struct { const char *name, *desc, *era, *kind; } cases[] = {
		{ "Xia's Milk Tea Shop", NULL, "mixed", "milk_tea_shop" },
		{ "milk tea shop", NULL, "modern", "milk_tea_shop" },
		{ "夏晓奶茶店", NULL, "mixed", "milk_tea_shop" },
		{ "奶茶店", NULL, "modern", "milk_tea_shop" },
		{ "王府", NULL, "ancient", "courtyard" },
		{ "冷宫", NULL, "ancient", "cold_palace" },
		{ "The Cold Palace", NULL, "ancient", "cold_palace" },
		{ "警察局", NULL, "modern", "police_station" },
		{ "Police Station", NULL, "modern", "police_station" },
		{ "Ninth Street", NULL, "mixed", "city_street" },
		{ "第九街", NULL, "mixed", "city_street" },
		{ "Old Street", NULL, "modern", "city_street" },
		{ "Old Street", NULL, "ancient", "ancient_street" },
		{ "Palace Kitchen", NULL, "ancient", "palace_kitchen" },
		{ "御膳房", NULL, "ancient", "palace_kitchen" },
		{ "Tea House", NULL, "ancient", "tea_house" },
		{ "Tea House", NULL, "modern", "cafe" },
		{ "Gao's Tea Shop", NULL, "ancient", "tea_house" },
		{ "Throne Room", "the emperor's audience hall", "ancient", "palace_hall" },
		{ "金銮殿", NULL, "ancient", "palace_hall" },
		{ "Gu Corp CEO Office", NULL, "modern", "ceo_office" },
		{ "总裁办公室", NULL, "modern", "ceo_office" },
		{ "Sunrise Bakery", NULL, "modern", "bakery" },
		{ "City Hospital", NULL, "modern", "hospital_room" },
		{ "医院", NULL, "modern", "hospital_room" },
		{ "Lin's Bedroom", NULL, "modern", "bedroom" },
		{ "Bedroom", NULL, "ancient", "ancient_bedroom" },
		{ "闺房", NULL, "ancient", "ancient_bedroom" },
		{ "竹林", NULL, "ancient", "bamboo_forest" },
		{ "Bamboo Forest", NULL, "ancient", "bamboo_forest" },
		{ "Forest", NULL, "modern", "park" },
		{ "天台", NULL, "modern", "rooftop" },
		{ "St. Mary's Chapel", NULL, "modern", "wedding_hall" },
		{ "National Museum", NULL, "modern", "museum" },
		/* fallbacks by generic words */
		{ "Willow Lane", NULL, "modern", "city_street" },
		{ "Willow Lane", NULL, "ancient", "ancient_street" },
		{ "Summer Palace", NULL, "ancient", "palace_hall" },
		{ "Gao's Shop", NULL, "modern", "milk_tea_shop" },
		{ "Mother's Kitchen", NULL, "modern", "apartment" },
		{ "Room 304", NULL, "modern", "apartment" },
		/* the description decides when the name says nothing */
		{ "The Hideout", "a dusty coffee bar under the bridge", "modern", "cafe" },
		/* word boundaries: "dinner" is not an inn, "award" not a ward */
		{ "The Award Dinner", NULL, "modern", "city_street" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct series *s = series_new();
		s->era = xstrdup(cases[i].era);
		struct location *l = series_add_location(s);
		l->name = xstrdup(cases[i].name);
		l->description = xstrdup(cases[i].desc);
		CHECK(proc_assign_location_looks(s, 1) == 0);
		CHECKF(str_eq(l->kind, cases[i].kind), "case %zu \"%s\" (%s): kind %s, expected %s", i, cases[i].name, cases[i].era, l->kind, cases[i].kind);
		CHECK(json_is_object(l->look));
		series_free(s);
	}
}

TEST(art_loc_5_look_sign_and_user_kind)
{
	struct series *s = series_new();
	s->era = xstrdup("mixed");
	s->lang = xstrdup("en");
	struct location *a = add_loc(s, "Xia's Milk Tea Shop", NULL);
	struct location *b = add_loc(s, "Milk Tea Shop", NULL);
	struct location *c = add_loc(s, "Ninth Street", "park");              /* user-set valid kind is kept */
	struct location *d = add_loc(s, "Ninth Street Bakery", "spaceship");  /* unknown kind is replaced */
	struct location *e = add_loc(s, "The Office", NULL);
	e->look = json_pack("{s:s, s:f}", "sign", "MY SIGN", "hue", 0.02);    /* an edited look is kept */
	CHECK(proc_assign_location_looks(s, 9) == 0);
	CHECK_STR(a->kind, "milk_tea_shop");
	CHECK_STR(json_string_value(json_object_get(a->look, "sign")), "Xia's Milk Tea");
	CHECK_STR(json_string_value(json_object_get(b->look, "sign")), "MILK TEA");
	CHECK_STR(c->kind, "park");
	CHECK_STR(d->kind, "bakery");
	CHECK_STR(json_string_value(json_object_get(d->look, "sign")), "Ninth Street");
	CHECK_STR(json_string_value(json_object_get(e->look, "sign")), "MY SIGN");
	double hue = json_number_value(json_object_get(a->look, "hue"));
	CHECK(fabs(hue) <= 0.05);
	CHECK(json_is_integer(json_object_get(a->look, "seed")));
	/* same seed, same looks; a Chinese name keeps its own sign */
	struct series *s2 = series_new();
	s2->era = xstrdup("mixed");
	s2->lang = xstrdup("zh");
	struct location *a2 = add_loc(s2, "Xia's Milk Tea Shop", NULL);
	struct location *z = add_loc(s2, "夏晓奶茶店", NULL);
	CHECK(proc_assign_location_looks(s2, 9) == 0);
	CHECK(json_equal(a->look, a2->look));
	CHECK_STR(json_string_value(json_object_get(z->look, "sign")), "夏晓奶茶店");
	/* the sign is drawn: a different sign changes the pixels */
	int rc;
	cairo_surface_t *p1 = render(a, "day", NULL, ART_LAYER_BACK, 0, &rc);
	CHECK(rc == 0);
	json_object_set_new(a->look, "sign", json_string("Something Else Entirely"));
	cairo_surface_t *p2 = render(a, "day", NULL, ART_LAYER_BACK, 0, &rc);
	double diff = mean_abs_diff(p1, p2);
	cairo_surface_destroy(p1);
	cairo_surface_destroy(p2);
	CHECKF(diff > 0.1, "changing the sign text changed nothing (%.3f)", diff);
	/* odd variants mirror the layout: the left half of one is the mirror of the other */
	json_object_set_new(a->look, "variant", json_integer(0));
	cairo_surface_t *v0 = render_all(a, "day", NULL, 0, &rc);
	json_object_set_new(a->look, "variant", json_integer(1));
	cairo_surface_t *v1 = render_all(a, "day", NULL, 0, &rc);
	CHECK(rc == 0);
	double vd = mean_abs_diff(v0, v1);
	cairo_surface_destroy(v0);
	cairo_surface_destroy(v1);
	CHECKF(vd > 5, "variant 1 looks like variant 0 (%.2f)", vd);
	series_free(s);
	series_free(s2);
}

TEST(art_loc_6_bad_arguments)
{
	struct series *s = series_new();
	struct location *l = add_loc(s, "Somewhere", "office");
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 16, 16);
	cairo_t *cr = cairo_create(img);
	CHECK(proc_draw_location(cr, l, "noon", NULL, 0, 0, 16, 16) < 0);
	CHECK(strstr(err_msg(), "noon") && strstr(err_msg(), "day, dusk, night"));
	CHECK(proc_draw_location(cr, l, "day", "hail", 0, 0, 16, 16) < 0);
	CHECK(strstr(err_msg(), "hail"));
	CHECK(proc_draw_location(cr, l, "day", NULL, 5, 0, 16, 16) < 0);
	CHECK(strstr(err_msg(), "layer"));
	CHECK(proc_draw_location(cr, l, "day", NULL, 0, 0, 0, 16) < 0);
	CHECK(strstr(err_msg(), "size"));
	/* a location with no kind and no look still draws (mapped from its name) */
	struct location *m = add_loc(s, "The Grand Hotel Restaurant", NULL);
	CHECK(proc_draw_location(cr, m, NULL, NULL, 0, 0, 16, 16) == 0);
	cairo_destroy(cr);
	cairo_surface_destroy(img);
	series_free(s);
}

TEST(art_prop_every_prop_renders)
{
	static const char *props[] = { "jade seal", "eviction notice", "letter", "phone", "tea cup", "ring", "contract",
	                               "sword", "painting", "photo", "key", "hairpin", "money", "玉玺", "手机", "a rubber duck" };
	struct series *s = series_new();
	cairo_surface_t *generic = NULL;
	for (int era = 0; era < 2; era++) {
		s->era = xstrdup(era ? "ancient" : "modern");
		for (size_t i = 0; i < ARRAY_LEN(props); i++) {
			cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 120, 160);
			cairo_t *cr = cairo_create(img);
			int rc = proc_draw_prop(cr, props[i], s, 120, 160);
			cairo_destroy(cr);
			cairo_surface_flush(img);
			CHECKF(rc == 0, "prop %s: %s", props[i], err_msg());
			struct stats st = measure(img);
			CHECKF(st.opaque == 1.0, "prop %s does not fill its frame", props[i]);
			CHECKF(st.var > 80, "prop %s looks empty (variance %.1f)", props[i], st.var);
			if (!generic) {
				generic = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 120, 160);
				cairo_t *g = cairo_create(generic);
				CHECK(proc_draw_prop(g, "a rubber duck", s, 120, 160) == 0);
				cairo_destroy(g);
				cairo_surface_flush(generic);
			}
			if (i + 1 < ARRAY_LEN(props) && era == 0)
				CHECKF(mean_abs_diff(img, generic) > 5, "prop %s drew the generic parcel", props[i]);
			cairo_surface_destroy(img);
		}
		free(s->era);
		s->era = NULL;
	}
	cairo_surface_destroy(generic);
	series_free(s);
}

TEST(art_loc_card_written)
{
	struct series *s = series_new();
	s->era = xstrdup("mixed");
	add_loc(s, "Xia's Milk Tea Shop", NULL);
	CHECK(proc_assign_location_looks(s, 3) == 0);
	char *path = path_join(test_tmpdir(), "Xia_card.png");
	const struct art_backend *a = art_backend_get(NULL);
	CHECK(a != NULL);
	int rc = art_location_card(a, &s->locs[0], path);
	CHECKF(rc == 0, "card: %s", err_msg());
	cairo_surface_t *img = cairo_image_surface_create_from_png(path);
	CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
	int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
	CHECKF(w > 800 && h > 800 && w < 1400, "card is %dx%d", w, h);  /* day and night side by side */
	/* left panel (day) brighter than right panel (night) */
	const unsigned char *d = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	double left = 0, right = 0;
	for (int y = h / 4; y < h * 3 / 4; y++)
		for (int x = w / 8; x < w * 3 / 8; x++) {
			left += d[y * stride + x * 4 + 1];
			right += d[y * stride + (x + w / 2) * 4 + 1];
		}
	CHECKF(left > right * 1.1, "day panel (%.0f) not brighter than night (%.0f)", left, right);
	cairo_surface_destroy(img);
	free(path);
	series_free(s);
}

/* art-loc-7: every weather of the model (issue 14) draws its own overlay: storm, fog, heat,
 * dust and flood differ from clear outdoors and indoors, the moving ones move with t and the
 * still ones do not, a storm flashes, flood water fills the bottom of the frame. */
static double bottom_alpha(cairo_surface_t *s)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s), stride = cairo_image_surface_get_stride(s);
	const unsigned char *d = cairo_image_surface_get_data(s);
	double a = 0;
	for (int y = h - h / 12; y < h; y++)
		for (int x = 0; x < w; x++) a += (*(const uint32_t *)(d + y * stride + x * 4) >> 24) / 255.0;
	return a / (w * (h / 12));
}

TEST(art_loc_7_every_weather)
{
	struct series *s = series_new();
	add_loc(s, "Ninth Street", "city_street");
	add_loc(s, "Xia's Milk Tea Shop", "milk_tea_shop");
	CHECK(proc_assign_location_looks(s, 42) == 0);
	for (size_t i = 0; i < s->n_locs; i++)
		for (int w = 1; MODEL_WEATHERS[w]; w++) {
			const char *wx = MODEL_WEATHERS[w];
			int rc;
			cairo_surface_t *c0 = render_all(&s->locs[i], "day", "clear", 0.3, &rc);
			cairo_surface_t *a0 = render_all(&s->locs[i], "day", wx, 0.3, &rc);
			CHECKF(rc == 0, "%s %s: %s", s->locs[i].kind, wx, err_msg());
			cairo_surface_t *f0 = render(&s->locs[i], "day", wx, ART_LAYER_FRONT, 0.0, &rc);
			cairo_surface_t *f1 = render(&s->locs[i], "day", wx, ART_LAYER_FRONT, 0.3, &rc);
			double differs = mean_abs_diff(c0, a0), moved = mean_abs_diff(f0, f1), water = bottom_alpha(f1);
			cairo_surface_destroy(c0);
			cairo_surface_destroy(a0);
			cairo_surface_destroy(f0);
			cairo_surface_destroy(f1);
			CHECKF(differs > 1.0, "%s %s: looks like clear weather (%.2f)", s->locs[i].kind, wx, differs);
			if (model_weather_moves(wx)) CHECKF(moved > 0.05, "%s %s: did not move with t (%.3f)", s->locs[i].kind, wx, moved);
			else CHECKF(moved == 0, "%s %s: a still weather changed with t (%.3f)", s->locs[i].kind, wx, moved);
			if (!strcmp(wx, "flood")) CHECKF(water > 0.6, "%s: no flood water at the bottom (alpha %.2f)", s->locs[i].kind, water);
			else CHECKF(water < 0.6, "%s %s: the bottom is covered (alpha %.2f)", s->locs[i].kind, wx, water);
		}
	/* lightning: some moment of a storm's first 8 s is much brighter than the rest */
	double lo = 1e9, hi = 0;
	for (double t = 0; t < 8; t += 0.05) {
		int rc;
		cairo_surface_t *f = render_all(&s->locs[0], "night", "storm", t, &rc);
		double l = measure(f).luma;
		cairo_surface_destroy(f);
		if (l < lo) lo = l;
		if (l > hi) hi = l;
	}
	CHECKF(hi > lo + 15, "storm: no lightning flash (luma %.1f..%.1f)", lo, hi);
	/* a bad weather names the choices */
	int rc;
	cairo_surface_t *b = render(&s->locs[0], "day", "hail", ART_LAYER_BACK, 0, &rc);
	cairo_surface_destroy(b);
	CHECK(rc < 0 && strstr(err_msg(), "fog"));
	series_free(s);
}
