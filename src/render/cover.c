/* render/cover.c — the episode's cover, composed as a poster (not a frame grab, so no
 * subtitle is ever on it): the episode's main pair facing off (the two who speak most,
 * turned toward each other), or the lead in close-up with the key prop (the episode's
 * first insert), over the opening location; the whole series title fitted by size and
 * balanced line breaks; the whole episode label on a ribbon. Never an ellipsis: text
 * shrinks until it fits. Written at 9:16 (the frame size) and as 3:4 and 16:9 variants. */
#include "render/render_internal.h"
#include "render/sublayout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pango/pangocairo.h>

struct measure { cairo_t *cr; const struct rctx *c; const char *weight; };

static PangoLayout *plain_layout(cairo_t *cr, const struct rctx *c, const char *weight, double px, const char *text)
{
	return rtext_layout(cr, c->st.font, weight, px, text);
}

#define REF_PX 100.0

/* Width of bytes [a, b) of s at REF_PX. */
static double ref_width(const char *s, int a, int b, void *ctx)
{
	struct measure *m = ctx;
	char *t = xstrndup(s + a, (size_t)(b - a));
	PangoLayout *lo = plain_layout(m->cr, m->c, m->weight, REF_PX, t);
	int w, h;
	pango_layout_get_pixel_size(lo, &w, &h);
	g_object_unref(lo);
	free(t);
	return w;
}

int rtext_fit(cairo_t *cr, const struct rctx *c, const char *text, const char *weight, double bw, double bh,
              double max_px, int max_lines, double outline, struct rcover_text *r)
{
	struct measure m = { cr, c, weight };
	double best = -1;
	int starts[4], ends[4];
	memset(r, 0, sizeof *r);
	for (int n = 1; n <= max_lines && n <= 4; n++) {
		double widest = rsub_break_n(text, n, ref_width, &m, starts, ends);
		if (widest < 0) break;
		struct sbuf b = { 0 };
		for (int i = 0; i < n; i++) {
			if (i) sb_add(&b, "\n");
			sb_addn(&b, text + starts[i], (size_t)(ends[i] - starts[i]));
		}
		PangoLayout *lo = plain_layout(cr, c, weight, REF_PX, b.s ? b.s : "");
		int lw, lh;
		pango_layout_get_pixel_size(lo, &lw, &lh);
		g_object_unref(lo);
		/* the outline adds outline*px on each side; 4% slack for hinting */
		double px_w = bw * 0.96 / ((fmax(widest, lw) + 2 * outline * REF_PX) / REF_PX);
		double px_h = bh / ((lh + 2 * outline * REF_PX) / REF_PX);
		double px = fmin(fmin(px_w, px_h), max_px) * (1 - 0.05 * (n - 1));   /* fewer lines when near */
		if (px > best) {
			best = px;
			snprintf(r->text, sizeof r->text, "%s", b.s ? b.s : "");
			r->px = fmin(fmin(px_w, px_h), max_px);
			r->lines = n;
		}
		sb_free(&b);
	}
	return 0;
}

void rtext_draw_fit(cairo_t *cr, const struct rctx *c, struct rcover_text *r, const char *weight, double x, double y,
                    double w, struct rgbf fill, struct rgbf stroke, double outline)
{
	PangoLayout *lo = plain_layout(cr, c, weight, r->px, r->text);
	int lw, lh;
	pango_layout_get_pixel_size(lo, &lw, &lh);
	r->w = lw;
	r->h = lh;
	r->x = x + (w - lw) / 2.0;
	r->y = y;
	r->box_w = w;
	r->drawn_lines = pango_layout_get_line_count(lo);
	r->ellipsized = pango_layout_is_ellipsized(lo);
	cairo_save(cr);
	cairo_move_to(cr, r->x, y);
	pango_cairo_layout_path(cr, lo);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_width(cr, outline * r->px * 2);
	cairo_set_source_rgb(cr, stroke.r, stroke.g, stroke.b);
	cairo_stroke_preserve(cr);
	cairo_set_source_rgb(cr, fill.r, fill.g, fill.b);
	cairo_fill(cr);
	cairo_restore(cr);
	g_object_unref(lo);
}

/* The episode's two main speakers (most lines first) and its key prop. */
static void cast_of(const struct rctx *c, const struct character **who, int *n_who, const char **prop)
{
	const struct series *s = c->s;
	int *lines = xcalloc(s->n_chars + 1, sizeof *lines);
	*prop = NULL;
	for (size_t i = 0; i < c->ep->n_scenes; i++)
		for (size_t j = 0; j < c->ep->scenes[i].n_shots; j++) {
			const struct shot *sh = &c->ep->scenes[i].shots[j];
			if (!*prop && str_eq(sh->type, "insert") && sh->action && *sh->action) *prop = sh->action;
			if (!sh->line || !sh->line->speaker) continue;
			for (size_t k = 0; k < s->n_chars; k++)
				if (str_eq(s->chars[k].name, sh->line->speaker)) lines[k]++;
		}
	*n_who = 0;
	for (int pick = 0; pick < 2; pick++) {
		int best = -1;
		for (size_t k = 0; k < s->n_chars; k++)
			if (lines[k] > 0 && (best < 0 || lines[k] > lines[best]) && (pick == 0 || &s->chars[k] != who[0])) best = (int)k;
		if (best < 0 && pick == 0 && s->n_chars) best = 0;      /* nobody speaks: the first character */
		if (best >= 0) who[(*n_who)++] = &s->chars[best];
		if (best >= 0) lines[best] = pick == 0 ? -1 : lines[best];
	}
	free(lines);
}

/* The opening scene's location as the backdrop, magnified a little and darkened. */
static int backdrop(cairo_t *cr, const struct rctx *c, int w, int h)
{
	const struct scene *sc = c->ep->n_scenes ? &c->ep->scenes[0] : NULL;
	const struct location *loc = sc ? series_find_location(c->s, sc->location) : NULL;
	cairo_set_source_rgb(cr, c->st.card_bottom.r, c->st.card_bottom.g, c->st.card_bottom.b);
	cairo_paint(cr);
	if (!loc) return 0;
	for (int layer = ART_LAYER_BACK; layer <= ART_LAYER_MID; layer++) {
		cairo_save(cr);
		cairo_translate(cr, w / 2.0, h / 2.0);
		cairo_scale(cr, 1.12, 1.12);
		cairo_translate(cr, -w / 2.0, -h / 2.0);
		int rc = c->art->draw_location(cr, loc, sc->time, sc->weather, layer, 0, w, h);
		cairo_restore(cr);
		if (rc < 0) return rc;
	}
	cairo_set_source_rgba(cr, 0, 0, 0, 0.25);
	cairo_paint(cr);
	return 0;
}

/* A character from the waist up with the head of radius r centred at (x, hy). */
static int bust(cairo_t *cr, const struct rctx *c, const struct character *ch, double x, double hy, double r, int view,
                const char *expr)
{
	struct art_metrics m;
	if (c->art->metrics(ch, &m) < 0 || m.head_radius <= 0) m = (struct art_metrics){ 0.88, 0.09, 0.89, 0.84, 0.76, 0.48, 0.26 };
	double hc = r / m.head_radius;
	struct art_char_state st = ART_CHAR_STATE_INIT;
	st.expression = expr;
	st.view = view;
	return c->art->draw_character(cr, c->s, ch, &st, x, hy + hc * m.head_center, hc);
}

int rcover_draw(const struct rctx *c, cairo_t *cr, int w, int h, struct rcover_report *rep)
{
	memset(rep, 0, sizeof *rep);
	const struct rstyle *st = &c->st;
	int land = w > h;
	int rc = backdrop(cr, c, w, h);
	if (rc < 0) return rc;
	const struct character *who[2] = { NULL, NULL };
	int n_who;
	const char *prop;
	cast_of(c, who, &n_who, &prop);
	/* heads: large enough to read at a quarter of the size */
	double r = fmin(w * 0.17, h * (land ? 0.13 : 0.095)), hy = h * (land ? 0.56 : 0.47);
	double cx = w * 0.5;
	if (n_who == 2) {
		double dx = fmin(fmax(r * 1.35, w * 0.2), r * 2.4);
		/* the second behind, a little smaller; each turned toward the other */
		if ((rc = bust(cr, c, who[1], cx + dx, hy + r * 0.1, r * 0.94, ART_VIEW_LEFT, "smug")) < 0) return rc;
		if ((rc = bust(cr, c, who[0], cx - dx, hy, r, ART_VIEW_RIGHT, "determined")) < 0) return rc;
		rep->pair = 1;
	} else if (n_who == 1) {
		double rr = r * 1.25;
		if ((rc = bust(cr, c, who[0], cx - (prop ? rr * 0.9 : 0), hy, rr, prop ? ART_VIEW_RIGHT : ART_VIEW_FRONT,
		               "determined")) < 0)
			return rc;
		if (prop) {
			/* the prop as an inset card at the lead's side, framed, clear of the ribbon */
			double top = hy + rr * 0.5, pw = fmin(w * 0.4, h * 0.78 - top), ph = pw;
			double px0 = fmin(cx + rr * 0.45, w - pw - w * 0.04), bd = fmax(2, pw * 0.025);
			cairo_save(cr);
			cairo_set_source_rgba(cr, 0, 0, 0, 0.45);
			cairo_rectangle(cr, px0 - bd + pw * 0.03, top - bd + pw * 0.03, pw + 2 * bd, ph + 2 * bd);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, st->cover_fill.r, st->cover_fill.g, st->cover_fill.b);
			cairo_rectangle(cr, px0 - bd, top - bd, pw + 2 * bd, ph + 2 * bd);
			cairo_fill(cr);
			cairo_rectangle(cr, px0, top, pw, ph);
			cairo_clip(cr);
			cairo_translate(cr, px0, top);
			rc = c->art->draw_prop(cr, prop, c->s, pw, ph);
			cairo_restore(cr);
			if (rc < 0) return rc;
			snprintf(rep->prop, sizeof rep->prop, "%s", prop);
		}
	}
	for (int i = 0; i < n_who; i++) snprintf(rep->who[i], sizeof rep->who[i], "%s", who[i]->name);
	rep->n_who = n_who;
	/* shade the title band and the ribbon's */
	cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, 0, h);
	cairo_pattern_add_color_stop_rgba(g, 0, 0, 0, 0, 0.8);
	cairo_pattern_add_color_stop_rgba(g, land ? 0.42 : 0.3, 0, 0, 0, 0.0);
	cairo_pattern_add_color_stop_rgba(g, 0.75, 0, 0, 0, 0.0);
	cairo_pattern_add_color_stop_rgba(g, 1, 0, 0, 0, 0.75);
	cairo_set_source(cr, g);
	cairo_paint(cr);
	cairo_pattern_destroy(g);
	/* the series title, whole */
	double tx = w * 0.05, tw = w * 0.9, ty = h * 0.04, th = h * (land ? 0.3 : 0.2);
	struct rcover_text *t = &rep->text[rep->n_text++];
	rtext_fit(cr, c, c->s->title && *c->s->title ? c->s->title : " ", "Black", tw, th, fmin(w, h) * 0.16, 3, 0.09, t);
	rtext_draw_fit(cr, c, t, "Black", tx, ty + (th - t->px * 1.45 * t->lines) / 2 * 0.5, tw, st->cover_fill, st->cover_stroke,
	          0.09);
	/* the episode label on a ribbon at the bottom, whole */
	char ep[96];
	snprintf(ep, sizeof ep, c->zh ? st->ep_zh : st->ep_en, c->ep->number);
	struct rcover_text *l = &rep->text[rep->n_text++];
	double lw_box = w * 0.88, lh_box = h * (land ? 0.16 : 0.1), lmax = fmin(w, h) * 0.065;
	char *label = c->ep->title && *c->ep->title ? xasprintf("%s · %s", ep, c->ep->title) : xstrdup(ep);
	rtext_fit(cr, c, label, "Bold", lw_box, lh_box, lmax, 1, 0.04, l);
	free(label);
	if (c->ep->title && *c->ep->title && l->px < lmax * 0.8) {
		/* too long for one line: the number over the title (the title balanced in one or two lines) */
		struct rcover_text two;
		rtext_fit(cr, c, c->ep->title, "Bold", lw_box, lh_box * 0.67, lmax, 2, 0.04, &two);
		char *joined = xasprintf("%s\n%s", ep, two.text);
		PangoLayout *lo = plain_layout(cr, c, "Bold", REF_PX, joined);
		int jw, jh;
		pango_layout_get_pixel_size(lo, &jw, &jh);
		g_object_unref(lo);
		double px = fmin(lmax, fmin(lw_box * 0.96 / ((jw + 0.08 * REF_PX) / REF_PX), lh_box / ((jh + 0.08 * REF_PX) / REF_PX)));
		if (px > l->px) {
			snprintf(l->text, sizeof l->text, "%s", joined);
			l->px = px;
			l->lines = two.lines + 1;
		}
		free(joined);
	}
	PangoLayout *lo = plain_layout(cr, c, "Bold", l->px, l->text);
	int lw, lh;
	pango_layout_get_pixel_size(lo, &lw, &lh);
	g_object_unref(lo);
	double pad = l->px * 0.35, ry = h * 0.95 - lh - 2 * pad;
	cairo_set_source_rgb(cr, st->cover_ribbon.r, st->cover_ribbon.g, st->cover_ribbon.b);
	cairo_rectangle(cr, 0, ry, w, lh + 2 * pad);
	cairo_fill(cr);
	struct rgbf white = { 1, 1, 1 }, dark = { 0.1, 0, 0 };
	rtext_draw_fit(cr, c, l, "Bold", w * 0.06, ry + pad, w * 0.88, white, dark, 0.04);
	return 0;
}

/* "ep01.cover.png" -> "ep01.cover.<tag>.png"; caller frees. */
static char *variant_path(const char *out, const char *tag)
{
	size_t n = strlen(out);
	if (n > 4 && !strcmp(out + n - 4, ".png")) n -= 4;
	return xasprintf("%.*s.%s.png", (int)n, out, tag);
}

int render_cover(const struct rctx *c, const char *frame_png, const char *out)
{
	(void)frame_png;     /* the key frame carries the line's subtitle: the cover is composed instead */
	struct { const char *tag; int w, h; } v[] = {
		{ NULL, c->W, c->H },                                      /* 9:16, the episode's size */
		{ "3x4", c->W, (c->W * 4 / 3 + 1) & ~1 },
		{ "16x9", c->H, (c->H * 9 / 16 + 1) & ~1 },
	};
	int rc = 0;
	for (size_t i = 0; i < ARRAY_LEN(v) && rc == 0; i++) {
		cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, v[i].w, v[i].h);
		cairo_t *cr = cairo_create(s);
		struct rcover_report rep;
		rc = rcover_draw(c, cr, v[i].w, v[i].h, &rep);
		cairo_destroy(cr);
		if (rc == 0) {
			char *path = v[i].tag ? variant_path(out, v[i].tag) : xstrdup(out);
			rc = rpng_write(s, path);
			log_debug("render", "cover %s: title \"%s\" at %.0f px in %d lines", path, rep.text[0].text, rep.text[0].px,
			          rep.text[0].lines);
			free(path);
		}
		cairo_surface_destroy(s);
	}
	return rc;
}
