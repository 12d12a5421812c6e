/* bench/bench_blit.c — the frame's bilinear paints at 1080x1920, CPU ms per frame, the
 * way shot.c did them with cairo (pixman) and with rblit (render/blit.c), on the real
 * procedural art: the room magnified by a push-in camera (SOURCE, the whole frame), two
 * characters breathing (OVER through their bands; only the vertical scale changes) and
 * the same two in a push-in (scaled both ways). Also the largest byte difference and the
 * PSNR of rblit's frames against cairo's.
 *
 * In a whole make the gain is smaller than here: the paints wait on memory (the room and
 * the character layers are megabytes, x264 works beside them). Demo make, perf record at
 * 200 Hz, load 7-9, the drawing thread's samples: 38.6 s of CPU with pixman (its paints
 * 27.7 s), 38.4 s with rblit's first version (27.1 s), 35.5 s with the one-pass
 * whole-column mix (24.8 s). Less memory traffic (a row composed of all its layers, then
 * converted to YUV while in cache) is what would cut it further. */
#include "bench.h"
#include "art/art_internal.h"
#include "render/render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { FW = 1080, FH = 1920, LW = 1210, LH = 2152, N = 60 };

static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

struct bactor { cairo_surface_t *s; struct rbands b; double x, y; };

/* the frame's paints for frame k of a shot: the room (if zoom), then the actors */
static void frame_cairo(cairo_surface_t *f, cairo_surface_t *room, struct bactor *a, int na, double z, int k, int breathe)
{
	cairo_t *cr = cairo_create(f);
	cairo_matrix_t cm;
	cairo_matrix_init(&cm, z, 0, 0, z, FW / 2.0 - z * (LW / 2.0 + 0.3 * k), FH / 2.0 - z * (LH / 2.0));
	if (room) {
		cairo_save(cr);
		cairo_set_matrix(cr, &cm);
		cairo_set_source_surface(cr, room, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR);
		cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
		cairo_paint(cr);
		cairo_restore(cr);
	}
	for (int i = 0; i < na; i++) {
		cairo_matrix_t am, m;
		double yy = breathe ? 1 + (k % 7 - 3) * 0.002 : 1;
		cairo_matrix_init(&am, 1, 0, 0, yy, 0, 1800 * (1 - yy));
		cairo_matrix_multiply(&m, &am, &cm);
		cairo_save(cr);
		rbands_clip(cr, &a[i].b, &m, a[i].x, a[i].y);
		cairo_set_matrix(cr, &m);
		cairo_set_source_surface(cr, a[i].s, a[i].x, a[i].y);
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR);
		cairo_paint(cr);
		cairo_restore(cr);
	}
	cairo_destroy(cr);
	cairo_surface_flush(f);
}

static void frame_rblit(cairo_surface_t *f, cairo_surface_t *room, struct bactor *a, int na, double z, int k, int breathe)
{
	int box[1][4] = { { 0, 0, FW, FH } };
	cairo_matrix_t cm;
	cairo_matrix_init(&cm, z, 0, 0, z, FW / 2.0 - z * (LW / 2.0 + 0.3 * k), FH / 2.0 - z * (LH / 2.0));
	if (room) rblit(f, (const int (*)[4])box, 1, room, NULL, &cm, 0, 0, 0);
	for (int i = 0; i < na; i++) {
		cairo_matrix_t am, m;
		double yy = breathe ? 1 + (k % 7 - 3) * 0.002 : 1;
		cairo_matrix_init(&am, 1, 0, 0, yy, 0, 1800 * (1 - yy));
		cairo_matrix_multiply(&m, &am, &cm);
		rblit(f, (const int (*)[4])box, 1, a[i].s, &a[i].b, &m, a[i].x, a[i].y, 1);
	}
}

static void compare(cairo_surface_t *p, cairo_surface_t *q, int *maxd, double *psnr)
{
	const uint8_t *a = cairo_image_surface_get_data(p), *b = cairo_image_surface_get_data(q);
	size_t n = (size_t)cairo_image_surface_get_stride(p) * FH;
	double se = 0;
	for (size_t i = 0; i < n; i++) {
		int d = abs((int)a[i] - (int)b[i]);
		se += (double)d * d;
		if (d > *maxd) *maxd = d;
	}
	double mse = se / (double)n;
	double v = mse > 0 ? 10 * log10(255.0 * 255.0 / mse) : 99;
	if (v < *psnr) *psnr = v;
}

/* bg: the room under the characters (not timed) */
static void one(const char *what, cairo_surface_t *room, cairo_surface_t *bg, struct bactor *a, int na, int zoom, int breathe)
{
	cairo_surface_t *f1 = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, FW, FH);
	cairo_surface_t *f2 = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, FW, FH);
	size_t bytes = (size_t)cairo_image_surface_get_stride(f1) * FH;
	double tc = 0, tr = 0, psnr = 99;
	int maxd = 0;
	for (int k = 0; k < N; k++) {
		double z = zoom ? 1 + 0.1 * k / (N - 1) : 1;
		memcpy(cairo_image_surface_get_data(f1), cairo_image_surface_get_data(bg), bytes);
		memcpy(cairo_image_surface_get_data(f2), cairo_image_surface_get_data(bg), bytes);
		cairo_surface_mark_dirty(f1);
		cairo_surface_mark_dirty(f2);
		double t0 = cpu_now();
		frame_cairo(f1, room, a, na, z, zoom ? k : 0, breathe);
		double t1 = cpu_now();
		frame_rblit(f2, room, a, na, z, zoom ? k : 0, breathe);
		double t2 = cpu_now();
		tc += t1 - t0;
		tr += t2 - t1;
		compare(f1, f2, &maxd, &psnr);
	}
	char label[160], how[200];
	snprintf(how, sizeof how, "%d frames, CPU time of the drawing thread (CLOCK_THREAD_CPUTIME_ID)", N);
	snprintf(label, sizeof label, "%s, cairo/pixman (before)", what);
	bench_report(label, tc * 1000 / N, "ms/frame", how);
	snprintf(label, sizeof label, "%s, rblit (after)", what);
	bench_report(label, tr * 1000 / N, "ms/frame", how);
	snprintf(label, sizeof label, "%s, rblit against cairo: largest byte difference", what);
	bench_report(label, maxd, "levels", "over all frames and channels");
	snprintf(label, sizeof label, "%s, rblit against cairo: lowest frame PSNR", what);
	bench_report(label, psnr, "dB", "BGRA bytes, 99 = identical");
	cairo_surface_destroy(f1);
	cairo_surface_destroy(f2);
}

BENCH(render_blit_1080x1920)
{
	struct series *s = bench_cast();   /* Xia and Rui paint */
	cairo_surface_t *room = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, LW, LH);
	cairo_t *cr = cairo_create(room);
	art_procedural.draw_location(cr, &s->locs[0], "day", NULL, ART_LAYER_BACK, 0.0, LW, LH);
	cairo_destroy(cr);
	struct bactor a[2];
	for (int i = 0; i < 2; i++) {
		a[i].s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 600, 1700);
		cr = cairo_create(a[i].s);
		struct art_char_state st = ART_CHAR_STATE_INIT;
		st.view = i ? -1 : 1;
		art_procedural.draw_character(cr, s, &s->chars[i], &st, 300, 1650, 1500);
		cairo_destroy(cr);
		a[i].b = (struct rbands){ 0 };
		rbands_scan(&a[i].b, a[i].s, 0, 1700);
		a[i].x = 120 + 420 * i;
		a[i].y = 150;
	}
	cairo_surface_t *bg = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, FW, FH);
	cr = cairo_create(bg);
	cairo_set_source_surface(cr, room, -(LW - FW) / 2, -(LH - FH) / 2);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_flush(bg);
	one("room, push-in camera (SOURCE, whole frame)", room, bg, a, 0, 1, 0);
	one("two characters breathing (OVER, bands)", NULL, bg, a, 2, 0, 1);
	one("two characters, push-in camera (OVER, bands)", NULL, bg, a, 2, 1, 1);
	cairo_surface_destroy(bg);
	for (int i = 0; i < 2; i++) {
		cairo_surface_destroy(a[i].s);
		rbands_free(&a[i].b);
	}
	cairo_surface_destroy(room);
	series_free(s);
}
