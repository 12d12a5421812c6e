/* render/subs.c — subtitles: SRT and ASS sidecars with frame-exact cue times, and the
 * burned-in subtitle rasterised once per cue with pango (outlined, at most two lines,
 * inside the vertical-video safe area). Also the outlined-text helper used by cards. */
#include "render/render_internal.h"

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

/* Text for an ASS event: no override codes from the text itself. */
static void ass_text(struct sbuf *out, const char *p, const char *end)
{
	for (; *p && p < end; p++) {
		if (*p == '{' || *p == '}' || *p == '\\') sb_addn(out, " ", 1);
		else sb_addn(out, p, 1);
	}
}

/* A line as karaoke: each spoken word fills with the highlight colour ({\kf}) over the
 * time until the next word starts. 0 where the line has no usable word timing. */
static int ass_karaoke(struct sbuf *out, const struct project *p, const struct line *ln, const char *txt, double len)
{
	struct voice_timing vt;
	if (!line_timing(p, ln, &vt)) return 0;
	int n;
	struct wtok *tok = word_tokens(txt, &vt, &n);
	voice_timing_free(&vt);
	if (!tok || !n) { free(tok); return 0; }
	const char *end = txt + strlen(txt);
	int lead = (int)lround(fmax(tok[0].at, 0) * 100);
	if (lead > 0) sb_printf(out, "{\\k%d}", lead);
	ass_text(out, txt, txt + tok[0].a);
	for (int j = 0; j < n; j++) {
		double to = j + 1 < n ? tok[j + 1].at : len;
		int cs = (int)lround(fmax(to - tok[j].at, 0.01) * 100);
		sb_printf(out, "{\\kf%d}", cs);
		ass_text(out, txt + tok[j].a, j + 1 < n ? txt + tok[j + 1].a : end);
	}
	free(tok);
	return 1;
}

int render_ass(const struct project *p, const struct episode *ep, const struct timeline *tl, int w, int h,
               const char *font, struct sbuf *out)
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
	/* Default for characters, Narration (italic) for the narrator; with word highlight,
	 * Karaoke: the spoken part in the highlight colour, the rest in the fill colour */
	int kara = p && rsettings_word_highlight(p);
	for (int sty = 0; sty < (kara ? 3 : 2); sty++) {
		int narr = sty == 1;
		struct rgbf fill = narr ? st.sub_narr_fill : st.sub_fill;
		sb_printf(out, "Style: %s,%s,%d,&H00%06X,&H00%06X,&H00%06X,&H80000000,-1,%d,0,0,100,100,0,0,1,%.1f,1,2,%d,%d,%d,1\n",
		          sty == 2 ? "Karaoke" : narr ? "Narration" : "Default", font ? font : st.font, size,
		          ass_col(sty == 2 ? st.sub_hl : fill), ass_col(sty == 2 ? fill : st.sub_hl), ass_col(st.sub_stroke),
		          narr ? -1 : 0, st.sub_outline * st.sub_size * w, margin_lr, margin_lr, margin_v);
	}
	sb_add(out, "\n");
	sb_add(out, "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
	for (size_t i = 0; i < tl->n_shots; i++) {
		const struct tl_shot *t = &tl->shots[i];
		if (!t->sh->line || t->line_start < 0 || !t->sh->line->text || !*t->sh->line->text) continue;
		char *txt = flat(t->sh->line->text);
		sb_add(out, "Dialogue: 0,");
		ass_time(out, t->line_start, tl->fps);
		sb_add(out, ",");
		ass_time(out, t->line_end, tl->fps);
		const char *who = t->sh->line->speaker;
		int spoken = who && *who;
		struct sbuf k = { 0 };
		int karaoke = kara && spoken && ass_karaoke(&k, p, t->sh->line, txt, (double)(t->line_end - t->line_start) / tl->fps);
		sb_printf(out, ",%s,%s,0,0,0,,", karaoke ? "Karaoke" : spoken ? "Default" : "Narration", who ? who : "");
		if (karaoke) sb_add(out, k.s);
		else ass_text(out, txt, txt + strlen(txt));
		sb_free(&k);
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

/* The subtitle picture (sw x sh): soft shadow, outline and fill; bytes [hl_a, hl_b) of
 * txt in the highlight colour. */
#define SUB_WEIGHT(narration) ((narration) ? "Bold Italic" : "Bold")

static cairo_surface_t *sub_picture(const struct rctx *c, const char *txt, int narration, double px, double pad,
                                    double maxw, int sh, int hl_a, int hl_b)
{
	const struct rstyle *st = &c->st;
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)ceil(maxw), sh);
	cairo_t *cr = cairo_create(img);
	/* soft shadow for legibility on bright backgrounds, then outline and fill */
	struct rgbf shadow = { 0, 0, 0 };
	cairo_push_group(cr);
	rtext(cr, c, txt, SUB_WEIGHT(narration), px, pad, pad + px * 0.06, maxw - 2 * pad, shadow, shadow,
	      st->sub_outline * 1.3, 2);
	cairo_pop_group_to_source(cr);
	cairo_paint_with_alpha(cr, 0.35);
	PangoLayout *lo = layout(cr, c, txt, SUB_WEIGHT(narration), px, maxw - 2 * pad, 2);
	text_paint(cr, lo, pad, pad, px, narration ? st->sub_narr_fill : st->sub_fill, st->sub_stroke, st->sub_outline,
	           hl_a, hl_b, st->sub_hl);
	g_object_unref(lo);
	cairo_destroy(cr);
	cairo_surface_flush(img);
	return img;
}

int rsub_make(const struct rctx *c, const char *text, int narration, int width, int height, struct rsub *out)
{
	memset(out, 0, sizeof *out);
	out->narration = narration;
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
		lo = layout(pc, c, txt, SUB_WEIGHT(narration), px, maxw - 2 * pad, 0);
		pango_layout_get_pixel_size(lo, &lw, &lh);
		int lines = pango_layout_get_line_count(lo);
		if ((lines <= 2 && lh + 2 * pad <= max_h) || px <= st->sub_min * width) break;
		px *= 0.92;
		pad = st->sub_outline * px + 2;
	}
	g_object_unref(lo);
	lo = layout(pc, c, txt, SUB_WEIGHT(narration), px, maxw - 2 * pad, 2);   /* never more than two lines */
	pango_layout_get_pixel_size(lo, &lw, &lh);
	g_object_unref(lo);
	cairo_destroy(pc);
	cairo_surface_destroy(probe);
	int sw = (int)ceil(maxw), sh = (int)ceil(lh + 2 * pad);
	out->img = sub_picture(c, txt, narration, px, pad, maxw, sh, 0, 0);
	out->text = txt;
	out->px = px;
	out->pad = pad;
	out->maxw = maxw;
	/* Centre horizontally on sub_cx; vertically in the band, leaning to its top. */
	out->x = (int)lround(st->sub_cx * width - sw / 2.0);
	double band_top = st->sub_top * height, band_bottom = st->sub_bottom * height;
	double y = band_top + (band_bottom - band_top - sh) * 0.35;
	if (y < band_top) y = band_top;
	out->y = (int)lround(y);
	return 0;
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
	int n;
	struct wtok *tok = word_tokens(s->text, &vt, &n);
	if (tok) {
		s->word_img = xcalloc((size_t)n + 1, sizeof *s->word_img);
		s->word_at = xcalloc((size_t)n + 1, sizeof *s->word_at);
		int sh = cairo_image_surface_get_height(s->img);
		for (int j = 0; j < n; j++) {
			s->word_img[j] = sub_picture(c, s->text, s->narration, s->px, s->pad, s->maxw, sh, tok[j].a, tok[j].b);
			s->word_at[j] = tok[j].at;
		}
		s->n_words = n;
	}
	free(tok);
	voice_timing_free(&vt);
	return 0;
}

int rsub_index(const struct rsub *s, int64_t f, int fps)
{
	double t = (f + 0.5) / fps;
	int k = 0;
	while (k < s->n_words && s->word_at[k] <= t) k++;
	return k;
}

cairo_surface_t *rsub_image(const struct rsub *s, int idx)
{
	return idx > 0 && idx <= s->n_words ? s->word_img[idx - 1] : s->img;
}

void rsub_free(struct rsub *s)
{
	if (s->img) cairo_surface_destroy(s->img);
	for (int i = 0; i < s->n_words; i++) cairo_surface_destroy(s->word_img[i]);
	free(s->word_img);
	free(s->word_at);
	free(s->text);
	memset(s, 0, sizeof *s);
}
