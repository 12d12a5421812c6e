/* render/sheets.c — the storyboard sheet (every shot's key frame with its number, type
 * and line). The cover is cover.c. */
#include "render/render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cairo_surface_t *load_png(const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		err_set(ERR_IO, "cannot read %s; delete the project's cache/shots folder and render again", path);
		return NULL;
	}
	return s;
}

int render_contact(const struct rctx *c, char *const *thumbs, const char *out)
{
	size_t n = c->tl.n_shots;
	int cols = n < 6 ? (int)n : 6;
	if (cols < 1) cols = 1;
	int rows = (int)((n + cols - 1) / cols);
	int tw = 180, th = 320, pad = 18, cap = 132, head = 110;
	int sw = cols * (tw + pad) + pad, sh = head + rows * (th + cap + pad) + pad;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, sw, sh);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0.96, 0.95, 0.93);
	cairo_paint(cr);
	struct rgbf ink = { 0.12, 0.1, 0.14 }, none = { 0, 0, 0 }, accent = { 0.7, 0.1, 0.2 };
	char *hd = xasprintf("%s — %d. %s", c->s->title ? c->s->title : "", c->ep->number, c->ep->title ? c->ep->title : "");
	rtext(cr, c, hd, "Bold", 40, pad, 28, sw - 2 * pad, ink, none, 0, 1);
	free(hd);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		const struct tl_shot *t = &c->tl.shots[i];
		int x = pad + (int)(i % cols) * (tw + pad), y = head + (int)(i / cols) * (th + cap + pad);
		cairo_surface_t *img = load_png(thumbs[i]);
		if (!img) { rc = ERR_IO; break; }
		cairo_save(cr);
		cairo_translate(cr, x, y);
		cairo_scale(cr, (double)tw / cairo_image_surface_get_width(img), (double)th / cairo_image_surface_get_height(img));
		cairo_set_source_surface(cr, img, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
		cairo_paint(cr);
		cairo_restore(cr);
		cairo_surface_destroy(img);
		char lab[96];
		double secs = (double)t->start / c->fps;
		snprintf(lab, sizeof lab, "%d.%d  %s  %d:%02d", t->scene + 1, t->shot + 1, t->sh->type ? t->sh->type : "",
		         (int)secs / 60, (int)secs % 60);
		double yy = y + th + 4;
		yy += rtext(cr, c, lab, "Bold", 17, x - pad / 2.0, yy, tw + pad, accent, none, 0, 1);
		const struct line *ln = t->sh->line;
		char *txt = ln && ln->text ? xasprintf("%s%s%s", ln->speaker ? ln->speaker : "", ln->speaker ? ": " : "", ln->text)
		                           : xstrdup(t->sh->action ? t->sh->action : "");
		rtext(cr, c, txt, "Regular", 15, x - pad / 2.0, yy + 2, tw + pad, ink, none, 0, 5);
		free(txt);
	}
	cairo_destroy(cr);
	if (rc == 0) rc = rpng_write(s, out);
	cairo_surface_destroy(s);
	return rc;
}
