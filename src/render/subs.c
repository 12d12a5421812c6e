/* render/subs.c — subtitles: SRT and ASS sidecars with frame-exact cue times, and the
 * burned-in subtitle rasterised once per cue with pango (outlined, at most two lines,
 * inside the vertical-video safe area). Also the outlined-text helper used by cards. */
#include "render/render_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <pango/pangocairo.h>

/* Frame → milliseconds, rounded so that ms * fps / 1000 rounds back to the frame. */
static int64_t frame_ms(int64_t f, int fps)
{
	return (f * 1000 + fps / 2) / fps;
}

static void srt_time(struct sbuf *b, int64_t ms)
{
	sb_printf(b, "%02d:%02d:%02d,%03d", (int)(ms / 3600000), (int)(ms / 60000 % 60), (int)(ms / 1000 % 60),
	          (int)(ms % 1000));
}

/* One line of text without newlines or carriage returns (subtitles keep their own wrapping). */
static char *flat(const char *s)
{
	char *t = xstrdup(s ? s : "");
	for (char *p = t; *p; p++)
		if (*p == '\n' || *p == '\r') *p = ' ';
	return t;
}

int render_srt(const struct episode *ep, const struct timeline *tl, struct sbuf *out)
{
	int n = 0;
	for (size_t i = 0; i < tl->n_shots; i++) {
		const struct tl_shot *t = &tl->shots[i];
		if (!t->sh->line || t->line_start < 0 || !t->sh->line->text || !*t->sh->line->text) continue;
		char *txt = flat(t->sh->line->text);
		sb_printf(out, "%d\n", ++n);
		srt_time(out, frame_ms(t->line_start, tl->fps));
		sb_add(out, " --> ");
		srt_time(out, frame_ms(t->line_end, tl->fps));
		sb_printf(out, "\n%s\n\n", txt);
		free(txt);
	}
	(void)ep;
	return 0;
}

static void ass_time(struct sbuf *b, int64_t f, int fps)
{
	int64_t cs = (f * 100 + fps / 2) / fps;
	sb_printf(b, "%d:%02d:%02d.%02d", (int)(cs / 360000), (int)(cs / 6000 % 60), (int)(cs / 100 % 60), (int)(cs % 100));
}

static unsigned ass_col(struct rgbf c)
{
	unsigned r = (unsigned)lround(c.r * 255), g = (unsigned)lround(c.g * 255), b = (unsigned)lround(c.b * 255);
	return (b << 16) | (g << 8) | r;   /* &HBBGGRR */
}

int render_ass(const struct episode *ep, const struct timeline *tl, int w, int h, const char *font, struct sbuf *out)
{
	struct rstyle st;
	if (rstyle_load(&st) < 0) return ERR_INPUT;
	int size = (int)lround(st.sub_size * w * 1.25);          /* ASS size is the line height */
	int margin_v = (int)lround((1.0 - st.sub_bottom) * h);
	int margin_lr = (int)lround((1.0 - st.sub_max_w) / 2 * w);
	sb_printf(out, "[Script Info]\nScriptType: v4.00+\nPlayResX: %d\nPlayResY: %d\nWrapStyle: 0\n"
	          "ScaledBorderAndShadow: yes\nTitle: %s\n\n", w, h, ep->title ? ep->title : "");
	sb_add(out, "[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
	            "BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, "
	            "Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n");
	sb_printf(out, "Style: Default,%s,%d,&H00%06X,&H00%06X,&H00%06X,&H80000000,-1,0,0,0,100,100,0,0,1,%.1f,1,2,%d,%d,%d,1\n\n",
	          font ? font : st.font, size, ass_col(st.sub_fill), ass_col(st.sub_hl), ass_col(st.sub_stroke),
	          st.sub_outline * st.sub_size * w, margin_lr, margin_lr, margin_v);
	sb_add(out, "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
	for (size_t i = 0; i < tl->n_shots; i++) {
		const struct tl_shot *t = &tl->shots[i];
		if (!t->sh->line || t->line_start < 0 || !t->sh->line->text || !*t->sh->line->text) continue;
		char *txt = flat(t->sh->line->text);
		sb_add(out, "Dialogue: 0,");
		ass_time(out, t->line_start, tl->fps);
		sb_add(out, ",");
		ass_time(out, t->line_end, tl->fps);
		sb_printf(out, ",Default,%s,0,0,0,,", t->sh->line->speaker ? t->sh->line->speaker : "");
		for (const char *p = txt; *p; p++) {
			if (*p == '{' || *p == '}' || *p == '\\') sb_addn(out, " ", 1);   /* no override codes from text */
			else sb_addn(out, p, 1);
		}
		sb_add(out, "\n");
		free(txt);
	}
	return 0;
}

char *rfont_desc(const struct rctx *c, const char *weight, double px)
{
	return xasprintf("%s %s %dpx", c->st.font, weight ? weight : "", (int)lround(px));
}

static PangoLayout *layout(cairo_t *cr, const struct rctx *c, const char *text, const char *weight, double px,
                           double w, int max_lines)
{
	PangoLayout *lo = pango_cairo_create_layout(cr);
	char *fd = rfont_desc(c, weight, px);
	PangoFontDescription *d = pango_font_description_from_string(fd);
	pango_layout_set_font_description(lo, d);
	pango_font_description_free(d);
	free(fd);
	pango_layout_set_width(lo, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(lo, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(lo, PANGO_ALIGN_CENTER);
	if (max_lines > 0) {
		pango_layout_set_height(lo, -max_lines);
		pango_layout_set_ellipsize(lo, PANGO_ELLIPSIZE_END);
	}
	pango_layout_set_text(lo, text, -1);
	return lo;
}

double rtext(cairo_t *cr, const struct rctx *c, const char *text, const char *weight, double px,
             double x, double y, double w, struct rgbf fill, struct rgbf stroke, double outline, int max_lines)
{
	PangoLayout *lo = layout(cr, c, text, weight, px, w, max_lines);
	int lw, lh;
	pango_layout_get_pixel_size(lo, &lw, &lh);
	cairo_save(cr);
	cairo_move_to(cr, x, y);
	pango_cairo_layout_path(cr, lo);
	if (outline > 0) {
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_set_line_width(cr, outline * px * 2);
		cairo_set_source_rgb(cr, stroke.r, stroke.g, stroke.b);
		cairo_stroke_preserve(cr);
	}
	cairo_set_source_rgb(cr, fill.r, fill.g, fill.b);
	cairo_fill(cr);
	cairo_restore(cr);
	g_object_unref(lo);
	return lh;
}

int rsub_make(const struct rctx *c, const char *text, int width, int height, struct rsub *out)
{
	memset(out, 0, sizeof *out);
	char *txt = flat(text);
	const struct rstyle *st = &c->st;
	double maxw = st->sub_max_w * width, px = st->sub_size * width, pad = st->sub_outline * px + 2;
	double max_h = (st->sub_bottom - st->sub_top) * height;
	cairo_surface_t *probe = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
	cairo_t *pc = cairo_create(probe);
	/* Shrink until it fits in two lines and the safe band. */
	PangoLayout *lo = NULL;
	int lw = 0, lh = 0;
	for (;;) {
		if (lo) g_object_unref(lo);
		lo = layout(pc, c, txt, "Bold", px, maxw - 2 * pad, 0);
		pango_layout_get_pixel_size(lo, &lw, &lh);
		int lines = pango_layout_get_line_count(lo);
		if ((lines <= 2 && lh + 2 * pad <= max_h) || px <= st->sub_min * width) break;
		px *= 0.92;
		pad = st->sub_outline * px + 2;
	}
	g_object_unref(lo);
	lo = layout(pc, c, txt, "Bold", px, maxw - 2 * pad, 2);   /* never more than two lines */
	pango_layout_get_pixel_size(lo, &lw, &lh);
	g_object_unref(lo);
	cairo_destroy(pc);
	cairo_surface_destroy(probe);
	int sw = (int)ceil(maxw), sh = (int)ceil(lh + 2 * pad);
	out->img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, sw, sh);
	cairo_t *cr = cairo_create(out->img);
	/* soft shadow for legibility on bright backgrounds, then outline and fill */
	struct rgbf shadow = { 0, 0, 0 };
	cairo_push_group(cr);
	rtext(cr, c, txt, "Bold", px, pad, pad + px * 0.06, maxw - 2 * pad, shadow, shadow, st->sub_outline * 1.3, 2);
	cairo_pop_group_to_source(cr);
	cairo_paint_with_alpha(cr, 0.35);
	rtext(cr, c, txt, "Bold", px, pad, pad, maxw - 2 * pad, st->sub_fill, st->sub_stroke, st->sub_outline, 2);
	cairo_destroy(cr);
	cairo_surface_flush(out->img);
	/* Centre horizontally on sub_cx; vertically in the band, leaning to its top. */
	out->x = (int)lround(st->sub_cx * width - sw / 2.0);
	double band_top = st->sub_top * height, band_bottom = st->sub_bottom * height;
	double y = band_top + (band_bottom - band_top - sh) * 0.35;
	if (y < band_top) y = band_top;
	out->y = (int)lround(y);
	free(txt);
	return 0;
}

void rsub_free(struct rsub *s)
{
	if (s->img) cairo_surface_destroy(s->img);
	s->img = NULL;
}
