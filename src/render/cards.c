/* render/cards.c — the title card (series title, episode number and title) and the end
 * card ("To be continued" / "未完待续" with the cliffhanger), drawn once per segment.
 * Every text is fitted whole (balanced lines, smaller where needed), never ellipsized. */
#include "render/render_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void card_bg(const struct rctx *c, cairo_t *cr)
{
	const struct rstyle *st = &c->st;
	cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, 0, c->H);
	cairo_pattern_add_color_stop_rgb(g, 0, st->card_top.r, st->card_top.g, st->card_top.b);
	cairo_pattern_add_color_stop_rgb(g, 1, st->card_bottom.r, st->card_bottom.g, st->card_bottom.b);
	cairo_set_source(cr, g);
	cairo_paint(cr);
	cairo_pattern_destroy(g);
	/* a soft glow behind the title */
	cairo_pattern_t *r = cairo_pattern_create_radial(c->W / 2.0, c->H * 0.42, 0, c->W / 2.0, c->H * 0.42, c->W * 0.8);
	cairo_pattern_add_color_stop_rgba(r, 0, st->card_accent.r, st->card_accent.g, st->card_accent.b, 0.22);
	cairo_pattern_add_color_stop_rgba(r, 1, st->card_accent.r, st->card_accent.g, st->card_accent.b, 0);
	cairo_set_source(cr, r);
	cairo_paint(cr);
	cairo_pattern_destroy(r);
}

static void rule(const struct rctx *c, cairo_t *cr, double y)
{
	const struct rstyle *st = &c->st;
	cairo_set_source_rgba(cr, st->card_accent.r, st->card_accent.g, st->card_accent.b, 0.9);
	cairo_rectangle(cr, c->W * 0.3, y, c->W * 0.4, fmax(2, c->H * 0.002));
	cairo_fill(cr);
}

/* text fitted whole into (x, y, w, h) at up to max_px; returns the height used */
static double fitted(const struct rctx *c, cairo_t *cr, const char *text, const char *weight, double x, double y,
                     double w, double h, double max_px, int max_lines, struct rgbf fill, struct rgbf stroke, double outline)
{
	struct rcover_text r;
	rtext_fit(cr, c, text && *text ? text : " ", weight, w, h, max_px, max_lines, outline, &r);
	rtext_draw_fit(cr, c, &r, weight, x, y, w, fill, stroke, outline);
	return r.h;
}

int rcard_title(const struct rctx *c, cairo_t *cr, double t)
{
	const struct rstyle *st = &c->st;
	struct rgbf white = { 1, 1, 1 }, dark = { 0.05, 0.02, 0.08 };
	card_bg(c, cr);
	double W = c->W, H = c->H, y = H * 0.30;
	y += fitted(c, cr, c->s->title, "Black", W * 0.08, y, W * 0.84, H * 0.2, W * 0.105, 3, st->card_accent, dark, 0.06);
	y += H * 0.03;
	rule(c, cr, y);
	y += H * 0.03;
	char ep[96];
	snprintf(ep, sizeof ep, c->zh ? st->ep_zh : st->ep_en, c->ep->number);
	y += fitted(c, cr, ep, "Bold", W * 0.1, y, W * 0.8, H * 0.05, W * 0.06, 1, white, dark, 0.05);
	if (c->ep->title && *c->ep->title) {
		y += H * 0.012;
		fitted(c, cr, c->ep->title, "Regular", W * 0.1, y, W * 0.8, H * 0.08, W * 0.052, 2, white, dark, 0.05);
	}
	(void)t;
	return 0;
}

int rcard_end(const struct rctx *c, cairo_t *cr, double t)
{
	const struct rstyle *st = &c->st;
	struct rgbf white = { 1, 1, 1 }, dark = { 0.05, 0.02, 0.08 };
	card_bg(c, cr);
	double W = c->W, H = c->H, y = H * 0.36;
	y += fitted(c, cr, c->zh ? st->end_zh : st->end_en, "Black", W * 0.06, y, W * 0.88, H * 0.14, W * 0.095, 2,
	            st->card_accent, dark, 0.06);
	y += H * 0.03;
	rule(c, cr, y);
	y += H * 0.03;
	if (c->ep->cliffhanger && *c->ep->cliffhanger) {
		y += fitted(c, cr, c->zh ? st->next_zh : st->next_en, "Bold", W * 0.1, y, W * 0.8, H * 0.04, W * 0.045, 1, white,
		            dark, 0.05);
		y += H * 0.01;
		fitted(c, cr, c->ep->cliffhanger, "Regular", W * 0.1, y, W * 0.8, H * 0.16, W * 0.042, 4, white, dark, 0.05);
	}
	(void)t;
	return 0;
}
