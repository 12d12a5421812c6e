/* bench/bench_art_location.c — cost of drawing location layers at 1080x1920: the back
 * and mid layers are drawn once per shot, the front layer with rain/snow once per frame.
 * Reports wall time and thread CPU time (the machine is shared; CPU time is steadier). */
#include <string.h>
#include <time.h>
#include "bench.h"
#include "art/art_internal.h"

static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

static void layer_cost(const char *weather, int layer, const char *label)
{
	static const char *const times[] = { "day", "dusk", "night" };
	struct series *s = series_new();
	for (int k = 0; PROC_LOCATION_KINDS[k]; k++) {
		struct location *l = series_add_location(s);
		l->name = xstrdup(PROC_LOCATION_KINDS[k]);
		l->kind = xstrdup(PROC_LOCATION_KINDS[k]);
	}
	proc_assign_location_looks(s, 1);
	cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1080, 1920);
	double wall = 0, cpu = 0, worst = 0;
	int n = 0;
	for (size_t i = 0; i < s->n_locs; i++)
		for (int t = 0; t < 3; t++) {
			cairo_t *cr = cairo_create(surf);
			cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
			cairo_paint(cr);
			cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
			double w0 = bench_now(), c0 = cpu_now();
			proc_draw_location(cr, &s->locs[i], times[t], weather, layer, 0.5 + n * 0.033, 1080, 1920);
			double dc = cpu_now() - c0;
			wall += bench_now() - w0;
			cpu += dc;
			if (dc > worst) worst = dc;
			cairo_destroy(cr);
			n++;
		}
	char what[128];
	snprintf(what, sizeof what, "location %s layer, mean wall", label);
	bench_report(what, wall / n * 1000, "ms", "1080x1920, every template x day/dusk/night");
	snprintf(what, sizeof what, "location %s layer, mean CPU", label);
	bench_report(what, cpu / n * 1000, "ms", "thread CPU time");
	snprintf(what, sizeof what, "location %s layer, worst CPU", label);
	bench_report(what, worst * 1000, "ms", "slowest template and time");
	cairo_surface_destroy(surf);
	series_free(s);
}

BENCH(art_location_layers)
{
	layer_cost(NULL, ART_LAYER_BACK, "back");
	layer_cost(NULL, ART_LAYER_MID, "mid");
	layer_cost("rain", ART_LAYER_FRONT, "front+rain (per frame)");
	layer_cost("snow", ART_LAYER_FRONT, "front+snow (per frame)");
}

BENCH(art_prop_insert)
{
	static const char *const props[] = { "jade seal", "letter", "phone", "tea cup", "ring", "contract",
	                                     "sword", "painting", "photo", "key", "hairpin", "money" };
	cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1080, 1920);
	double t0 = bench_now();
	for (size_t i = 0; i < sizeof props / sizeof *props; i++) {
		cairo_t *cr = cairo_create(surf);
		proc_draw_prop(cr, props[i], NULL, 1080, 1920);
		cairo_destroy(cr);
	}
	bench_report("prop insert frame, mean", (bench_now() - t0) / 12 * 1000, "ms", "1080x1920, 12 props");
	cairo_surface_destroy(surf);
}
