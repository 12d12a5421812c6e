/* bench/bench_llm.c — what the AI backends cost on this machine apart from the servers:
 * timing from speech audio, and the per-frame blits of generated images (the renderer
 * calls draw_character / draw_location every frame). */
#include "bench.h"
#include "net/net.h"
#include "art/art.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

BENCH(llm_speech_timing_10s)
{
	size_t n = 48000 * 10;
	int16_t *pcm = malloc(n * sizeof *pcm);
	for (size_t i = 0; i < n; i++) {
		double t = (double)i / 48000, env = fmod(t, 0.5) < 0.35 ? 0.5 : 0.0;
		pcm[i] = (int16_t)(env * 20000 * sin(2 * M_PI * 180 * t));
	}
	const char *text = "She slammed the cup on the counter and told him he owed her a roof, a door and an apology.";
	double t0 = bench_now();
	int reps = 20;
	for (int r = 0; r < reps; r++) {
		struct voice_timing t;
		speech_timing_from_audio(pcm, n, 48000, text, &t);
		voice_timing_free(&t);
	}
	bench_report("timing from 10 s of speech", (bench_now() - t0) / reps * 1000, "ms",
	             "speech_timing_from_audio, 48 kHz mono, mean of 20");
	free(pcm);
}

static void write_png(const char *path, int w, int h, int figure)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	if (figure) {
		cairo_set_source_rgb(cr, 0.8, 0.3, 0.3);
		cairo_arc(cr, w / 2.0, h * 0.15, w * 0.12, 0, 2 * M_PI);
		cairo_fill(cr);
		cairo_rectangle(cr, w * 0.3, h * 0.25, w * 0.4, h * 0.7);
		cairo_fill(cr);
	} else {
		cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, 0, h);
		cairo_pattern_add_color_stop_rgb(g, 0, 0.2, 0.3, 0.6);
		cairo_pattern_add_color_stop_rgb(g, 1, 0.9, 0.7, 0.5);
		cairo_set_source(cr, g);
		cairo_paint(cr);
		cairo_pattern_destroy(g);
	}
	cairo_destroy(cr);
	cairo_surface_write_to_png(s, path);
	cairo_surface_destroy(s);
}

BENCH(llm_ai_image_blits_1080x1920)
{
	char *dir = xasprintf("%s/aiproj", bench_tmpdir());
	char *cdir = xasprintf("%s/cache/ai", dir);
	mkdir_p(cdir);
	char *cp = xasprintf("%s/c.png", cdir), *lp = xasprintf("%s/l.png", cdir);
	write_png(cp, 832, 1216, 1);
	write_png(lp, 768, 1344, 0);
	struct character c = { .name = "Xia" };
	struct location l = { .name = "Shop" };
	c.look = json_pack("{s:s}", "ai_image", "cache/ai/c.png");
	l.look = json_pack("{s:s}", "ai_image", "cache/ai/l.png");
	ai_art_bind(dir, NULL);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1080, 1920);
	cairo_t *cr = cairo_create(s);
	struct art_char_state st = ART_CHAR_STATE_INIT;
	double t0 = bench_now();
	art_comfyui.draw_character(cr, NULL, &c, &st, 540, 1800, 1500);     /* first call loads and keys */
	double first = bench_now() - t0;
	int reps = 30;
	t0 = bench_now();
	for (int i = 0; i < reps; i++) art_comfyui.draw_character(cr, NULL, &c, &st, 540, 1800, 1500);
	double ch = (bench_now() - t0) / reps;
	t0 = bench_now();
	for (int i = 0; i < reps; i++) art_comfyui.draw_location(cr, &l, "day", NULL, ART_LAYER_BACK, 0, 1080, 1920);
	double loc = (bench_now() - t0) / reps;
	bench_report("AI character first draw (load + key background)", first * 1000, "ms", "832x1216 PNG, flood-fill keying");
	bench_report("AI character blit, 1500 px tall", ch * 1000, "ms", "bilinear (enlarging), mean of 30, 1080x1920 ARGB");
	bench_report("AI location cover blit", loc * 1000, "ms", "768x1344 PNG to 1080x1920, mean of 30");
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	ai_art_bind(NULL, NULL);
	json_decref(c.look);
	json_decref(l.look);
	free(cp); free(lp); free(cdir); free(dir);
}
