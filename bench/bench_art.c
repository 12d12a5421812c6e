/* bench/bench_art.c — how long the procedural art takes: one character at 1500 px
 * (first draw of a state, and the redraw when only mouth/eyes change, which is what the
 * renderer does every frame of a line), a 1080x1920 key frame (location back layer plus
 * two characters facing each other), and a character sheet with its PNG. */
#include <stdlib.h>
#include "bench.h"
#include "art/art_internal.h"

/* bench.h: four characters (Xia, Rui, Gu, Su) and the milk tea shop, looks assigned */
struct series *bench_cast(void)
{
	static const char *const R[][3] = { { "Xia", "shop owner", "female" }, { "Rui", "prince", "male" },
		{ "Gu", "CEO", "male" }, { "Su", "empress", "female" } };
	struct series *s = series_new();
	s->era = xstrdup("mixed");
	for (size_t i = 0; i < ARRAY_LEN(R); i++) {
		struct character *c = series_add_character(s);
		c->name = xstrdup(R[i][0]); c->role = xstrdup(R[i][1]); c->gender = xstrdup(R[i][2]); c->age = 25;
	}
	struct location *l = series_add_location(s);
	l->name = xstrdup("Milk Tea Shop");
	if (art_procedural.assign_looks(s, 1) < 0) fprintf(stderr, "bench: %s\n", err_msg());
	return s;
}

BENCH(art_character_1500px)
{
	struct series *s = bench_cast();
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1080, 1920);
	cairo_t *cr = cairo_create(sf);
	const int N = 40;
	/* cold: every draw is a new state (expression x pose), nothing cached */
	double t0 = bench_now();
	for (int i = 0; i < N; i++) {
		struct art_char_state st = ART_CHAR_STATE_INIT;
		st.expression = MODEL_EMOTIONS[i % 12];
		st.pose = MODEL_POSES[(i / 12) % 6];
		st.view = (i % 3) - 1;
		art_procedural.draw_character(cr, s, &s->chars[i % 4], &st, 540, 1850, 1500);
	}
	bench_report("character 1500 px, new state", (bench_now() - t0) * 1000 / N, "ms/draw",
	             "40 draws, each a new expression/pose/view, 1080x1920 ARGB surface");
	/* warm: lip-sync redraws, only viseme and blink change */
	t0 = bench_now();
	for (int i = 0; i < 10 * N; i++) {
		struct art_char_state st = ART_CHAR_STATE_INIT;
		st.expression = "happy";
		st.viseme = "ABCDEFGHX"[i % 9];
		st.blink = (i % 20) / 19.0;
		art_procedural.draw_character(cr, s, &s->chars[0], &st, 540, 1850, 1500);
	}
	bench_report("character 1500 px, mouth/eyes change", (bench_now() - t0) * 1000 / (10 * N), "ms/draw",
	             "400 draws cycling visemes A-X and blink, same expression/pose");
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
	series_free(s);
}

BENCH(art_key_frame_1080x1920)
{
	struct series *s = bench_cast();
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1080, 1920);
	cairo_t *cr = cairo_create(sf);
	const int N = 20;
	int loc_ok = 1;
	double t_loc = 0, t0 = bench_now();
	for (int i = 0; i < N; i++) {
		double tl = bench_now();
		if (loc_ok && art_procedural.draw_location(cr, &s->locs[0], "day", "clear", ART_LAYER_BACK, 0, 1080, 1920) < 0) {
			fprintf(stderr, "bench_art: location not drawn: %s\n", err_msg());
			loc_ok = 0;
		}
		if (!loc_ok) { cairo_set_source_rgb(cr, 0.8, 0.85, 0.9); cairo_paint(cr); }
		t_loc += bench_now() - tl;
		struct art_char_state a = ART_CHAR_STATE_INIT, b = ART_CHAR_STATE_INIT;
		a.view = ART_VIEW_RIGHT; b.view = ART_VIEW_LEFT;
		a.viseme = "ADX"[i % 3]; b.expression = "angry";
		art_procedural.draw_character(cr, s, &s->chars[0], &a, 300, 1800, 1350);
		art_procedural.draw_character(cr, s, &s->chars[1], &b, 780, 1800, 1450);
	}
	double ms = (bench_now() - t0) * 1000 / N;
	bench_report(loc_ok ? "key frame: location back + two characters" : "key frame: flat back + two characters",
	             ms, "ms/frame", "1080x1920 RGB24, 20 frames, the speaker's mouth changes each frame");
	bench_report("  of which the location back layer", t_loc * 1000 / N, "ms/frame", "same run");
	art_write_png(sf, "/tmp/drama-bench-keyframe.png");
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
	series_free(s);
}

BENCH(art_character_sheet)
{
	struct series *s = bench_cast();
	char *path = path_join(bench_tmpdir(), "sheet.png");
	const int N = 3;
	double t0 = bench_now();
	for (int i = 0; i < N; i++)
		if (art_character_sheet(&art_procedural, s, &s->chars[i], path) < 0) fprintf(stderr, "bench_art: %s\n", err_msg());
	bench_report("character sheet 2400x1960 with PNG", (bench_now() - t0) * 1000 / N, "ms/sheet",
	             "3 different characters, 24 drawings each, atomic PNG write");
	free(path);
	series_free(s);
}
