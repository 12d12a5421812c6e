/* render/sheets.c — the cover (a strong frame at the hook with the title in big styled
 * text) and the storyboard sheet (every shot's key frame with its number, type and line). */
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

int render_cover(const struct rctx *c, const char *frame_png, const char *out)
{
	cairo_surface_t *f = load_png(frame_png);
	if (!f) return ERR_IO;
	const struct rstyle *st = &c->st;
	double W = c->W, H = c->H;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, c->W, c->H);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_surface(cr, f, 0, 0);
	cairo_paint(cr);
	/* darken the top for the title, and the bottom for the ribbon */
	cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, 0, H);
	cairo_pattern_add_color_stop_rgba(g, 0, 0, 0, 0, 0.75);
	cairo_pattern_add_color_stop_rgba(g, 0.38, 0, 0, 0, 0.0);
	cairo_pattern_add_color_stop_rgba(g, 0.78, 0, 0, 0, 0.0);
	cairo_pattern_add_color_stop_rgba(g, 1, 0, 0, 0, 0.7);
	cairo_set_source(cr, g);
	cairo_paint(cr);
	cairo_pattern_destroy(g);
	rtext(cr, c, c->s->title ? c->s->title : "", "Black", W * 0.12, W * 0.05, H * 0.06, W * 0.9, st->cover_fill,
	      st->cover_stroke, 0.09, 3);
	char ep[96];
	snprintf(ep, sizeof ep, c->zh ? st->ep_zh : st->ep_en, c->ep->number);
	double rh = W * 0.075, ry = H * 0.84;
	cairo_set_source_rgb(cr, st->cover_ribbon.r, st->cover_ribbon.g, st->cover_ribbon.b);
	cairo_rectangle(cr, 0, ry, W, rh * 1.6);
	cairo_fill(cr);
	char *line = c->ep->title && *c->ep->title ? xasprintf("%s · %s", ep, c->ep->title) : xstrdup(ep);
	struct rgbf white = { 1, 1, 1 }, dark = { 0.1, 0, 0 };
	rtext(cr, c, line, "Bold", rh * 0.8, W * 0.05, ry + rh * 0.3, W * 0.9, white, dark, 0.04, 1);
	free(line);
	cairo_destroy(cr);
	int rc = rpng_write(s, out);
	cairo_surface_destroy(s);
	cairo_surface_destroy(f);
	return rc;
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
