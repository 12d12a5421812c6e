/* render/series_sheet.c — the series contact sheet (series.contact.png): every episode's
 * cover in one picture, in episode order, each with its number, length and title, under
 * the series title. Made by `drama make --episodes N` (after the episodes, one after
 * another or side by side) and by the Slurm final job (`drama sheet DIR`); an episode
 * not made yet shows as an empty frame marked "not made". */
#include "render/render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SS_TW 180      /* a cover's width on the sheet; its height keeps the 9:16 frame */
#define SS_TH 320
#define SS_PAD 18
#define SS_CAP 96      /* room under a cover: the number and length, the title in two lines */
#define SS_HEAD 120

/* Columns: 6 for a short series, up to 10 for a long one (100 episodes: 10 rows). */
static int sheet_cols(size_t n)
{
	if (n <= 6) return n ? (int)n : 1;
	return n <= 60 ? 6 + (int)(n > 24) * 2 : 10;
}

static void draw_cover(cairo_t *cr, const char *png, int x, int y, int *made)
{
	cairo_surface_t *img = file_exists(png) ? cairo_image_surface_create_from_png(png) : NULL;
	*made = img && cairo_surface_status(img) == CAIRO_STATUS_SUCCESS;
	cairo_save(cr);
	cairo_translate(cr, x, y);
	if (*made) {
		cairo_scale(cr, (double)SS_TW / cairo_image_surface_get_width(img), (double)SS_TH / cairo_image_surface_get_height(img));
		cairo_set_source_surface(cr, img, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
		cairo_paint(cr);
	} else {
		cairo_rectangle(cr, 0.5, 0.5, SS_TW - 1, SS_TH - 1);
		cairo_set_source_rgb(cr, 0.86, 0.85, 0.83);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0.6, 0.58, 0.56);
		cairo_set_line_width(cr, 1);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
	if (img) cairo_surface_destroy(img);
}

int render_series_sheet(struct project *p, const char *out)
{
	const struct series *s = p->s;
	if (!s || !s->n_eps) return err_set(ERR_INPUT, "%s has no episodes to put on a series sheet", p->dir);
	struct rctx c = { 0 };
	c.p = p;
	c.s = s;
	c.zh = str_eq(s->lang ? s->lang : p->set.lang, "zh");
	int rc = rstyle_load(&c.st);
	if (rc < 0) return rc;
	size_t n = s->n_eps;
	int cols = sheet_cols(n), rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
	int sw = cols * (SS_TW + SS_PAD) + SS_PAD, sh = SS_HEAD + rows * (SS_TH + SS_CAP + SS_PAD) + SS_PAD;
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, sw, sh);
	cairo_t *cr = cairo_create(sf);
	cairo_set_source_rgb(cr, 0.96, 0.95, 0.93);
	cairo_paint(cr);
	struct rgbf ink = { 0.12, 0.1, 0.14 }, none = { 0, 0, 0 }, accent = { 0.7, 0.1, 0.2 }, grey = { 0.45, 0.43, 0.42 };
	int fps = p->set.fps > 0 ? p->set.fps : 30;
	double total = 0;
	size_t made = 0;
	for (size_t i = 0; i < n; i++) {
		const struct episode *ep = &s->eps[i];
		int x = SS_PAD + (int)(i % (size_t)cols) * (SS_TW + SS_PAD), y = SS_HEAD + (int)(i / (size_t)cols) * (SS_TH + SS_CAP + SS_PAD);
		char *rel = xasprintf("ep%02d.cover.png", ep->number), *png = project_path(p, rel), *mp4 = NULL;
		free(rel);
		rel = xasprintf("ep%02d.mp4", ep->number);
		mp4 = project_path(p, rel);
		free(rel);
		int has_cover = 0, has_mp4 = file_exists(mp4);
		draw_cover(cr, png, x, y, &has_cover);
		free(png);
		free(mp4);
		struct timeline tl;
		char len[32] = "";
		if (timeline_build(s, ep, fps, &tl) == 0) {
			double sec = (double)tl.frames / fps;
			snprintf(len, sizeof len, "  %d:%02d", (int)sec / 60, (int)sec % 60);
			if (has_mp4) total += sec;
			timeline_free(&tl);
		} else {
			err_clear();
		}
		made += has_mp4;
		char lab[64];
		snprintf(lab, sizeof lab, "EP %02d%s%s", ep->number, has_mp4 ? len : "", has_mp4 ? "" : "  not made");
		double yy = y + SS_TH + 4;
		yy += rtext(cr, &c, lab, "Bold", 17, x - SS_PAD / 2.0, yy, SS_TW + SS_PAD, has_mp4 ? accent : grey, none, 0, 1);
		rtext(cr, &c, ep->title ? ep->title : "", "Regular", 15, x - SS_PAD / 2.0, yy + 2, SS_TW + SS_PAD, ink, none, 0, 2);
	}
	char *hd = xstrdup(s->title ? s->title : "");
	rtext(cr, &c, hd, "Bold", 40, SS_PAD, 20, sw - 2 * SS_PAD, ink, none, 0, 1);
	free(hd);
	hd = xasprintf("%zu episodes, %zu made, %d:%02d of video", n, made, (int)total / 60, (int)total % 60);
	rtext(cr, &c, hd, "Regular", 20, SS_PAD, 74, sw - 2 * SS_PAD, grey, none, 0, 1);
	free(hd);
	cairo_destroy(cr);
	rc = rpng_write(sf, out);
	cairo_surface_destroy(sf);
	rctx_release(&c);
	return rc;
}
