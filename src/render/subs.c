/* render/subs.c — subtitles: SRT and ASS sidecars with frame-exact cue times, and the
 * burned-in subtitle rasterised once per cue with pango (outlined, at most two lines,
 * inside the vertical-video safe area). Also the outlined-text helper used by cards. */
#include "render/render_internal.h"
#include "render/sublayout.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <pango/pangocairo.h>

/* A spoken word's place in the text: bytes [a, b) and the time it starts (seconds from
 * the line's start). */
struct wtok { int a, b; double at; };
static struct wtok *word_tokens(const char *text, const struct voice_timing *vt, int *n);
static int line_timing(const struct project *p, const struct line *ln, struct voice_timing *vt);

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

/* A cue laid out: the line's flat text, its parts, and its spoken words (tok, n_tok;
 * NULL without usable timing). */
struct cue { char *text; struct rsub_plan pl; struct wtok *tok; int n_tok; };

static void cue_free(struct cue *q)
{
	free(q->text);
	rsub_plan_free(&q->pl);
	free(q->tok);
	memset(q, 0, sizeof *q);
}

/* Lay out text under the style's line limits, keeping the series' character and place
 * names (s may be NULL) whole; vt (may be NULL) times the parts, else they share len
 * seconds by length. */
static void cue_make(const struct rstyle *st, const struct series *s, const char *text, const struct voice_timing *vt,
                     double len, struct cue *q)
{
	memset(q, 0, sizeof *q);
	q->text = flat(text);
	if (vt) q->tok = word_tokens(q->text, vt, &q->n_tok);
	int *wb = xcalloc((size_t)q->n_tok + 1, sizeof *wb);
	double *wa = xcalloc((size_t)q->n_tok + 1, sizeof *wa);
	for (int i = 0; i < q->n_tok; i++) {
		wb[i] = q->tok[i].a;
		wa[i] = q->tok[i].at;
	}
	size_t nk = s ? s->n_chars + s->n_locs : 0, k = 0;
	const char **keep = xcalloc(nk + 1, sizeof *keep);
	for (size_t i = 0; s && i < s->n_chars; i++) keep[k++] = s->chars[i].name;
	for (size_t i = 0; s && i < s->n_locs; i++) keep[k++] = s->locs[i].name;
	struct rsub_limits lim = { st->sub_cjk, st->sub_latin, keep, (int)k };
	rsub_plan_make(q->text, &lim, wb, wa, q->n_tok, len, &q->pl);
	free(keep);
	free(wb);
	free(wa);
}

/* The timeline shot's cue with the line's saved word timing (p NULL: none). */
static void cue_for_shot(const struct project *p, const struct rstyle *st, const struct tl_shot *t, int fps, struct cue *q)
{
	struct voice_timing vt;
	int has = p && line_timing(p, t->sh->line, &vt);
	cue_make(st, p ? p->s : NULL, t->sh->line->text, has ? &vt : NULL, (double)(t->line_end - t->line_start) / fps, q);
	if (has) voice_timing_free(&vt);
}

/* Part i of the cue: its first frame and the one after its last. */
static void part_frames(const struct tl_shot *t, const struct cue *q, int i, int fps, int64_t *f0, int64_t *f1)
{
	*f0 = i ? t->line_start + (int64_t)llround(q->pl.parts[i].at * fps) : t->line_start;
	*f1 = i + 1 < q->pl.n ? t->line_start + (int64_t)llround(q->pl.parts[i + 1].at * fps) : t->line_end;
	if (*f0 > t->line_end - 1) *f0 = t->line_end - 1;
	if (*f1 < *f0 + 1) *f1 = *f0 + 1;
}

int rsub_has_cue(const struct tl_shot *t)
{
	return t->sh->line && t->line_start >= 0 && t->sh->line->text && *t->sh->line->text;
}

int render_srt(const struct project *p, const struct episode *ep, const struct timeline *tl, struct sbuf *out)
{
	struct rstyle st;
	if (rstyle_load(&st) < 0) return ERR_INPUT;
	int n = 0;
	for (size_t i = 0; i < tl->n_shots; i++) {
		const struct tl_shot *t = &tl->shots[i];
		if (!rsub_has_cue(t)) continue;
		struct cue q;
		cue_for_shot(p, &st, t, tl->fps, &q);
		for (int k = 0; k < q.pl.n; k++) {
			int64_t f0, f1;
			part_frames(t, &q, k, tl->fps, &f0, &f1);
			char *txt = rsub_part_text(q.text, &q.pl.parts[k], NULL);
			sb_printf(out, "%d\n", ++n);
			srt_time(out, frame_ms(f0, tl->fps));
			sb_add(out, " --> ");
			srt_time(out, frame_ms(f1, tl->fps));
			sb_printf(out, "\n%s\n\n", txt);
			free(txt);
		}
		cue_free(&q);
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

/* Text for an ASS event: no override codes from the text itself; line breaks as \N. */
static void ass_text(struct sbuf *out, const char *p, const char *end)
{
	for (; *p && p < end; p++) {
		if (*p == '\n') sb_add(out, "\\N");
		else if (*p == '{' || *p == '}' || *p == '\\') sb_addn(out, " ", 1);
		else sb_addn(out, p, 1);
	}
}

/* Part k of a cue as karaoke: each spoken word in it fills with the highlight colour
 * ({\kf}) over the time until the next word starts. 0 where the part has no timed word. */
static int ass_karaoke(struct sbuf *out, const struct cue *q, int k, double part_len)
{
	const struct rsub_part *pt = &q->pl.parts[k];
	int *map, j0 = 0, n = 0;
	while (j0 < q->n_tok && q->tok[j0].a < pt->a) j0++;
	while (j0 + n < q->n_tok && q->tok[j0 + n].a < pt->b) n++;
	if (!n) return 0;
	char *txt = rsub_part_text(q->text, pt, &map);
	const char *end = txt + strlen(txt);
	const struct wtok *tok = q->tok + j0;
	int lead = (int)lround(fmax(tok[0].at - pt->at, 0) * 100);
	if (lead > 0) sb_printf(out, "{\\k%d}", lead);
	int a0 = map[tok[0].a] >= 0 ? map[tok[0].a] : 0;
	ass_text(out, txt, txt + a0);
	for (int j = 0; j < n; j++) {
		double to = j + 1 < n ? tok[j + 1].at : pt->at + part_len;
		int cs = (int)lround(fmax(to - tok[j].at, 0.01) * 100);
		int a = map[tok[j].a] >= 0 ? map[tok[j].a] : a0;
		const char *b = j + 1 < n && map[tok[j + 1].a] >= 0 ? txt + map[tok[j + 1].a] : end;
		sb_printf(out, "{\\kf%d}", cs);
		ass_text(out, txt + a, b);
		a0 = (int)(b - txt);
	}
	free(map);
	free(txt);
	return 1;
}

/* The subtitle size (px) at which every part's lines fit maxw and the band: the style's
 * size, smaller only where a line is wider. */
static double fit_px(const char *font, const char *weight, const struct rstyle *st, int width, int height,
                     const struct cue *q, double *pad_out);

int render_ass(const struct project *p, const struct episode *ep, const struct timeline *tl, int w, int h,
               const char *font, struct sbuf *out)
{
	struct rstyle st;
	if (rstyle_load(&st) < 0) return ERR_INPUT;
	int size = (int)lround(st.sub_size * w * 1.25);          /* ASS size is the line height */
	int margin_v = (int)lround((1.0 - st.sub_bottom) * h);
	int margin_l = (int)lround((st.sub_cx - st.sub_max_w / 2) * w), margin_r = (int)lround((1 - st.sub_cx - st.sub_max_w / 2) * w);
	sb_printf(out, "[Script Info]\nScriptType: v4.00+\nPlayResX: %d\nPlayResY: %d\nWrapStyle: 2\n"
	          "ScaledBorderAndShadow: yes\nTitle: %s\n\n", w, h, ep->title ? ep->title : "");
	sb_add(out, "[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, "
	            "BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, "
	            "Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n");
	/* Default for characters, Narration (italic) for the narrator; with word highlight,
	 * Karaoke: the spoken part in the highlight colour, the rest in the fill colour */
	int kara = p && rsettings_word_highlight(p);
	for (int sty = 0; sty < (kara ? 3 : 2); sty++) {
		int narr = sty == 1;
		struct rgbf fill = narr ? st.sub_narr_fill : st.sub_fill;
		sb_printf(out, "Style: %s,%s,%d,&H00%06X,&H00%06X,&H00%06X,&H80000000,-1,%d,0,0,100,100,0,0,1,%.1f,1,2,%d,%d,%d,1\n",
		          sty == 2 ? "Karaoke" : narr ? "Narration" : "Default", font ? font : st.font, size,
		          ass_col(sty == 2 ? st.sub_hl : fill), ass_col(sty == 2 ? fill : st.sub_hl), ass_col(st.sub_stroke),
		          narr ? -1 : 0, st.sub_outline * st.sub_size * w, margin_l, margin_r, margin_v);
	}
	sb_add(out, "\n");
	sb_add(out, "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
	for (size_t i = 0; i < tl->n_shots; i++) {
		const struct tl_shot *t = &tl->shots[i];
		if (!rsub_has_cue(t)) continue;
		const char *who = t->sh->line->speaker;
		int spoken = who && *who;
		struct cue q;
		cue_for_shot(p, &st, t, tl->fps, &q);
		double pad, px = fit_px(font ? font : st.font, spoken ? "Bold" : "Bold Italic", &st, w, h, &q, &pad);
		int fs = (int)lround(px * 1.25);
		for (int k = 0; k < q.pl.n; k++) {
			int64_t f0, f1;
			part_frames(t, &q, k, tl->fps, &f0, &f1);
			sb_add(out, "Dialogue: 0,");
			ass_time(out, f0, tl->fps);
			sb_add(out, ",");
			ass_time(out, f1, tl->fps);
			struct sbuf kb = { 0 };
			int karaoke = kara && spoken && ass_karaoke(&kb, &q, k, (double)(f1 - f0) / tl->fps);
			sb_printf(out, ",%s,%s,0,0,0,,", karaoke ? "Karaoke" : spoken ? "Default" : "Narration", who ? who : "");
			if (fs < size) sb_printf(out, "{\\fs%d}", fs);
			if (karaoke) {
				sb_add(out, kb.s);
			} else {
				char *txt = rsub_part_text(q.text, &q.pl.parts[k], NULL);
				ass_text(out, txt, txt + strlen(txt));
				free(txt);
			}
			sb_free(&kb);
			sb_add(out, "\n");
		}
		cue_free(&q);
	}
	return 0;
}

static char *font_desc(const char *font, const char *weight, double px)
{
	return xasprintf("%s %s %dpx", font, weight ? weight : "", (int)lround(px));
}

char *rfont_desc(const struct rctx *c, const char *weight, double px)
{
	return font_desc(c->st.font, weight, px);
}

PangoLayout *rtext_layout(cairo_t *cr, const char *font, const char *weight, double px, const char *text)
{
	PangoLayout *lo = pango_cairo_create_layout(cr);
	char *fd = font_desc(font, weight, px);
	PangoFontDescription *d = pango_font_description_from_string(fd);
	pango_layout_set_font_description(lo, d);
	pango_font_description_free(d);
	free(fd);
	pango_layout_set_alignment(lo, PANGO_ALIGN_CENTER);
	pango_layout_set_text(lo, text, -1);
	return lo;
}

/* The widest and tallest part of q at px (pixels). */
static void parts_size(cairo_t *cr, const char *font, const char *weight, double px, const struct cue *q, int *w, int *h)
{
	*w = *h = 0;
	for (int k = 0; k < q->pl.n; k++) {
		char *txt = rsub_part_text(q->text, &q->pl.parts[k], NULL);
		PangoLayout *lo = rtext_layout(cr, font, weight, px, txt);
		int lw, lh;
		pango_layout_get_pixel_size(lo, &lw, &lh);
		if (lw > *w) *w = lw;
		if (lh > *h) *h = lh;
		g_object_unref(lo);
		free(txt);
	}
}

static double fit_px(const char *font, const char *weight, const struct rstyle *st, int width, int height,
                     const struct cue *q, double *pad_out)
{
	double maxw = st->sub_max_w * width, px = st->sub_size * width, max_h = (st->sub_bottom - st->sub_top) * height;
	double pad = st->sub_outline * px + 2;
	cairo_surface_t *probe = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
	cairo_t *pc = cairo_create(probe);
	for (;;) {
		int w, h;
		pad = st->sub_outline * px + 2;
		parts_size(pc, font, weight, px, q, &w, &h);
		/* below min_size only where a full line of the limit needs it (half min_size at most) */
		if ((w + 2 * pad <= maxw && h + 2 * pad <= max_h) || px <= st->sub_min * width * 0.5) break;
		px *= 0.95;
	}
	cairo_destroy(pc);
	cairo_surface_destroy(probe);
	*pad_out = pad;
	return px;
}

static PangoLayout *layout(cairo_t *cr, const struct rctx *c, const char *text, const char *weight, double px,
                           double w, int max_lines)
{
	PangoLayout *lo = rtext_layout(cr, c->st.font, weight, px, text);
	pango_layout_set_width(lo, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(lo, PANGO_WRAP_WORD_CHAR);
	if (max_lines > 0) {
		pango_layout_set_height(lo, -max_lines);
		pango_layout_set_ellipsize(lo, PANGO_ELLIPSIZE_END);
	}
	return lo;
}

/* Draw the layout at (x, y): outline, fill, and bytes [hl_a, hl_b) filled again in hl. */
static void text_paint(cairo_t *cr, PangoLayout *lo, double x, double y, double px, struct rgbf fill, struct rgbf stroke,
                       double outline, int hl_a, int hl_b, struct rgbf hl)
{
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
	if (hl_b <= hl_a) {
		cairo_fill(cr);
		cairo_restore(cr);
		return;
	}
	cairo_fill_preserve(cr);
	cairo_save(cr);
	cairo_new_path(cr);
	const char *t = pango_layout_get_text(lo);
	for (int i = hl_a; i < hl_b; i = (int)(g_utf8_next_char(t + i) - t)) {
		PangoRectangle r;
		pango_layout_index_to_pos(lo, i, &r);
		double rx = x + (double)r.x / PANGO_SCALE, ry = y + (double)r.y / PANGO_SCALE;
		double rw = (double)r.width / PANGO_SCALE, rh = (double)r.height / PANGO_SCALE;
		if (rw < 0) { rx += rw; rw = -rw; }
		cairo_rectangle(cr, rx - 0.5, ry, rw + 1, rh);
	}
	cairo_clip(cr);
	cairo_move_to(cr, x, y);
	pango_cairo_layout_path(cr, lo);
	cairo_set_source_rgb(cr, hl.r, hl.g, hl.b);
	cairo_fill(cr);
	cairo_restore(cr);
	cairo_new_path(cr);
	cairo_restore(cr);
}

double rtext(cairo_t *cr, const struct rctx *c, const char *text, const char *weight, double px,
             double x, double y, double w, struct rgbf fill, struct rgbf stroke, double outline, int max_lines)
{
	PangoLayout *lo = layout(cr, c, text, weight, px, w, max_lines);
	int lw, lh;
	pango_layout_get_pixel_size(lo, &lw, &lh);
	text_paint(cr, lo, x, y, px, fill, stroke, outline, 0, 0, fill);
	g_object_unref(lo);
	return lh;
}

/* The subtitle picture (sw x sh) of the drawn text txt (lines joined by '\n'): soft
 * shadow, outline and fill, the lines centred and sitting on the bottom; bytes
 * [hl_a, hl_b) of txt in the highlight colour. */
#define SUB_WEIGHT(narration) ((narration) ? "Bold Italic" : "Bold")

static cairo_surface_t *sub_picture(const struct rctx *c, const char *txt, int narration, double px, double pad,
                                    int sw, int sh, int hl_a, int hl_b)
{
	const struct rstyle *st = &c->st;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, sw, sh);
	cairo_t *cr = cairo_create(img);
	PangoLayout *lo = rtext_layout(cr, st->font, SUB_WEIGHT(narration), px, txt);
	int lw, lh;
	pango_layout_get_pixel_size(lo, &lw, &lh);
	double x = (sw - lw) / 2.0, y = sh - pad - lh;
	/* soft shadow for legibility on bright backgrounds, then outline and fill */
	struct rgbf shadow = { 0, 0, 0 };
	cairo_push_group(cr);
	text_paint(cr, lo, x, y + px * 0.06, px, shadow, shadow, st->sub_outline * 1.3, 0, 0, shadow);
	cairo_pop_group_to_source(cr);
	cairo_paint_with_alpha(cr, 0.35);
	text_paint(cr, lo, x, y, px, narration ? st->sub_narr_fill : st->sub_fill, st->sub_stroke, st->sub_outline,
	           hl_a, hl_b, st->sub_hl);
	g_object_unref(lo);
	cairo_destroy(cr);
	cairo_surface_flush(img);
	return img;
}

static void add_pic(struct rsub *s, cairo_surface_t *img, double at)
{
	s->pics = xrealloc(s->pics, (size_t)(s->n_pics + 1) * sizeof *s->pics);
	s->pic_at = xrealloc(s->pic_at, (size_t)(s->n_pics + 1) * sizeof *s->pic_at);
	s->pics[s->n_pics] = img;
	s->pic_at[s->n_pics++] = at;
}

/* Lay out and draw: every part's plain picture, and with words set, one picture per
 * timed word of the part with that word highlighted. vt may be NULL. */
static int sub_build(const struct rctx *c, const char *text, int narration, const struct voice_timing *vt, double len,
                     int words, int width, int height, struct rsub *out)
{
	memset(out, 0, sizeof *out);
	const struct rstyle *st = &c->st;
	struct cue q;
	cue_make(st, c->s, text, vt, len, &q);
	double pad, px = fit_px(st->font, SUB_WEIGHT(narration), st, width, height, &q, &pad);
	int w, h;
	cairo_surface_t *probe = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
	cairo_t *pc = cairo_create(probe);
	parts_size(pc, st->font, SUB_WEIGHT(narration), px, &q, &w, &h);
	cairo_destroy(pc);
	cairo_surface_destroy(probe);
	double maxw = st->sub_max_w * width;
	int sw = (int)ceil(fmax(maxw, w + 2 * pad)), sh = (int)ceil(h + 2 * pad);
	int j = 0;
	for (int k = 0; k < q.pl.n; k++) {
		const struct rsub_part *pt = &q.pl.parts[k];
		int *map;
		char *txt = rsub_part_text(q.text, pt, &map);
		add_pic(out, sub_picture(c, txt, narration, px, pad, sw, sh, 0, 0), pt->at);
		for (; words && j < q.n_tok && q.tok[j].a < pt->b; j++) {
			if (q.tok[j].a < pt->a || map[q.tok[j].a] < 0) continue;
			int hb = q.tok[j].b;
			while (hb > q.tok[j].a && map[hb] < 0) hb--;
			add_pic(out, sub_picture(c, txt, narration, px, pad, sw, sh, map[q.tok[j].a], map[hb]),
			        fmax(q.tok[j].at, pt->at));
			out->n_words++;
		}
		free(map);
		free(txt);
	}
	out->img = out->pics[0];
	out->text = q.text;
	q.text = NULL;
	out->plan = q.pl;
	memset(&q.pl, 0, sizeof q.pl);
	cue_free(&q);
	out->narration = narration;
	out->px = px;
	out->pad = pad;
	out->maxw = maxw;
	out->len = len;
	out->width = width;
	out->height = height;
	/* Centre horizontally on sub_cx; vertically in the band, leaning to its top. */
	out->x = (int)lround(st->sub_cx * width - sw / 2.0);
	double band_top = st->sub_top * height, band_bottom = st->sub_bottom * height;
	double y = band_top + (band_bottom - band_top - sh) * 0.35;
	if (y < band_top) y = band_top;
	out->y = (int)lround(y);
	return 0;
}

/* A line's reading time when nothing says how long it is shown: a full line in 2.5 s. */
static double read_sec(const struct rstyle *st, const char *text)
{
	struct rsub_limits lim = { st->sub_cjk, st->sub_latin };
	return 2.5 * rsub_cost(text, 0, (int)strlen(text), &lim);
}

int rsub_make(const struct rctx *c, const char *text, int narration, int width, int height, struct rsub *out)
{
	return sub_build(c, text ? text : "", narration, NULL, read_sec(&c->st, text ? text : ""), 0, width, height, out);
}

/* ---- word highlight ---- */

/* The next unit of text at s for matching words: a lower-case ASCII letter or digit, or
 * one non-ASCII character (a hanzi); *len = its bytes. 0 for a byte to skip. */
static uint32_t unit(const char *s, int *len)
{
	unsigned char ch = (unsigned char)*s;
	if (ch < 0x80) {
		*len = 1;
		return isalnum(ch) ? (uint32_t)tolower(ch) : 0;
	}
	const char *n = g_utf8_next_char(s);
	*len = (int)(n - s);
	gunichar u = g_utf8_get_char_validated(s, -1);
	if (u == (gunichar)-1 || u == (gunichar)-2) return 0;
	return g_unichar_isalnum(u) ? (uint32_t)u : 0;       /* CJK punctuation is skipped */
}

struct units { uint32_t *u; int *at, *len; int n; };

static void units_of(const char *s, struct units *o)
{
	size_t n = strlen(s);
	o->u = xcalloc(n + 1, sizeof *o->u);
	o->at = xcalloc(n + 1, sizeof *o->at);
	o->len = xcalloc(n + 1, sizeof *o->len);
	o->n = 0;
	for (int i = 0; s[i];) {
		int l;
		uint32_t u = unit(s + i, &l);
		if (u) { o->u[o->n] = u; o->at[o->n] = i; o->len[o->n] = l; o->n++; }
		i += l;
	}
}

static void units_free(struct units *o)
{
	free(o->u); free(o->at); free(o->len);
}

/* The highlight range of the text unit k: its whitespace-delimited token for Latin
 * text, the character itself for CJK. */
static void token_of(const char *t, const struct units *tu, int k, int *a, int *b)
{
	*a = tu->at[k];
	*b = tu->at[k] + tu->len[k];
	if (tu->u[k] >= 0x2E80) return;
	while (*a > 0 && t[*a - 1] != ' ') (*a)--;
	while (t[*b] && t[*b] != ' ') (*b)++;
}

/* Find each spoken word's letters in text, in order; a word that is not there (a number
 * read out, a pinyin syllable) is placed after the last one found. Returns the tokens
 * (malloc'd, *n of them), or NULL where fewer than half the words were found. */
static struct wtok *word_tokens(const char *text, const struct voice_timing *vt, int *n)
{
	*n = 0;
	struct units tu;
	units_of(text, &tu);
	int *first = xcalloc((size_t)tu.n + 1, sizeof *first);   /* unit -> 1 + word that starts there */
	int cur = 0, found = 0;
	for (size_t w = 0; w < vt->n_words; w++) {
		struct units wu;
		units_of(vt->words[w].word ? vt->words[w].word : "", &wu);
		for (int k = cur; wu.n && k + wu.n <= tu.n; k++) {
			int m = 0;
			while (m < wu.n && tu.u[k + m] == wu.u[m]) m++;
			if (m < wu.n) continue;
			if (!first[k]) first[k] = (int)w + 1;
			cur = k + wu.n;
			found++;
			break;
		}
		units_free(&wu);
	}
	int cjk = 0;
	for (int k = 0; k < tu.n; k++) cjk += tu.u[k] >= 0x2E80;
	if (found * 2 < (int)vt->n_words && cjk) {
		/* hanzi read as pinyin: the spoken syllables spread over the characters in order */
		memset(first, 0, ((size_t)tu.n + 1) * sizeof *first);
		for (int k = 0; k < tu.n; k++) first[k] = (int)((size_t)k * vt->n_words / (size_t)tu.n) + 1;
		found = (int)vt->n_words;
	}
	struct wtok *out = NULL;
	if (vt->n_words && found * 2 >= (int)vt->n_words) {
		out = xcalloc((size_t)tu.n + 1, sizeof *out);
		int last_b = -1;
		for (int k = 0; k < tu.n; k++) {
			if (!first[k]) continue;
			int a, b;
			token_of(text, &tu, k, &a, &b);
			if (a < last_b) continue;          /* the same token ("that" + "'s") */
			last_b = b;
			out[*n] = (struct wtok){ a, b, vt->words[first[k] - 1].start };
			(*n)++;
		}
	}
	free(first);
	units_free(&tu);
	return out;
}

/* The saved timing of a line's audio (words, visemes); 0 when there is none. */
static int line_timing(const struct project *p, const struct line *ln, struct voice_timing *vt)
{
	memset(vt, 0, sizeof *vt);
	if (!ln->audio) return 0;
	char *rel = rlip_timing_rel(ln->audio), *jp = project_path(p, rel);
	int ok = voice_timing_load(jp, vt) == 0 && vt->n_words > 0;
	free(rel);
	free(jp);
	if (!ok) voice_timing_free(vt);
	return ok;
}

int rsub_words(const struct rctx *c, const struct line *ln, struct rsub *s)
{
	if (!s->img || !s->text) return 0;
	struct voice_timing vt;
	if (!line_timing(c->p, ln, &vt)) return 0;
	char *text = xstrdup(s->text);
	struct rsub old = *s;
	int rc = sub_build(c, text, old.narration, &vt, old.len, 1, old.width, old.height, s);
	rsub_free(&old);
	free(text);
	voice_timing_free(&vt);
	return rc;
}

int rsub_make_line(const struct rctx *c, const struct line *ln, double len, struct rsub *out)
{
	struct voice_timing vt;
	int has = line_timing(c->p, ln, &vt);
	int narration = !ln->speaker || !*ln->speaker;
	int rc = sub_build(c, ln->text ? ln->text : "", narration, has ? &vt : NULL, len,
	                   has && rsettings_word_highlight(c->p), c->W, c->H, out);
	if (has) voice_timing_free(&vt);
	return rc;
}

int rsub_index(const struct rsub *s, int64_t f, int fps)
{
	double t = (f + 0.5) / fps;
	int k = 0;
	while (k + 1 < s->n_pics && s->pic_at[k + 1] <= t) k++;
	return k;
}

cairo_surface_t *rsub_image(const struct rsub *s, int idx)
{
	return idx >= 0 && idx < s->n_pics ? s->pics[idx] : s->img;
}

void rsub_free(struct rsub *s)
{
	for (int i = 0; i < s->n_pics; i++) cairo_surface_destroy(s->pics[i]);
	free(s->pics);
	free(s->pic_at);
	free(s->text);
	rsub_plan_free(&s->plan);
	memset(s, 0, sizeof *s);
}
