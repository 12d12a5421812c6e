/* story/novel_quotes.c — a book's quotation style, and its text rewritten in the
 * importer's own style (“ ” for speech, ‘ ’ for a quotation inside it), so every later
 * step reads one style.
 *
 * Styles read here besides the importer's own:
 * - single quotes (British printings, many Gutenberg files): 'A man,' as one of them
 *   observed, 'is so in the way!' with ‘ ’ or ASCII ', and double quotes nested inside.
 *   An apostrophe is no quotation mark: inside a word (don't, o'clock), elided at a
 *   word's start ('em, 'tis: the list elided_start_en in data/story_import/import.json)
 *   or at its end (goin', the boys'): a closer is the first ' after a mark that ends a
 *   sentence or clause (,.!?;:- …), else, before the next opener or the paragraph's end,
 *   the last one that ends a word, one after "s", "in" or a one-letter word ranking lower.
 * - a dash opening a paragraph (— ― – or --, French and Russian translations): the
 *   paragraph is a spoken line; its tag follows a second dash after , . ! ? ("— Yes, —
 *   said he. — Come in.") or, with no such dash, a comma before a said-verb ("— Yes, he
 *   said.").
 * The book's style is what most of its quotations use: pairs of single quotes that close
 * after a mark, paragraphs opening with a dash, and double quotes (“ ” " « »), counted
 * over the whole text. A book in double quotes (or 「」, read in novel_text.c) is left as it
 * is. Work is linear in the text's length: every character is looked at a bounded number
 * of times, whatever the quotes. */
#include "story/novel.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { QS_DOUBLE, QS_SINGLE, QS_DASH };

#define CP_LSQ 0x2018   /* ‘ */
#define CP_RSQ 0x2019   /* ’ */
#define CP_LDQ 0x201C   /* “ */
#define CP_RDQ 0x201D   /* ” */

/* The code point at p (U+FFFD for a broken sequence) and its length in bytes (>= 1). */
static int32_t cp_at(const char *p, size_t *len)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t l = nov_cp_len(p);
	*len = l ? l : 1;
	if (u[0] < 0x80) return u[0];
	size_t want = u[0] < 0xC0 ? 0 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
	if (l != want) return 0xFFFD;
	int32_t c = u[0] & (0x3F >> (want - 1));
	for (size_t i = 1; i < want; i++) c = (c << 6) | (u[i] & 0x3F);
	return c;
}

/* The code point that ends right before p, or 0 at the start s. */
static int32_t cp_before(const char *s, const char *p)
{
	if (p <= s) return 0;
	const char *q = p - 1;
	for (int k = 0; k < 3 && q > s && ((unsigned char)*q & 0xC0) == 0x80; k++) q--;
	size_t l;
	int32_t c = cp_at(q, &l);
	return q + l == p ? c : 0xFFFD;
}

static int is_space(int32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000; }
static int is_dash(int32_t c) { return c == 0x2014 || c == 0x2013 || c == 0x2015; }
/* a letter or digit of a word (any script but the CJK marks and punctuation blocks) */
static int is_word(int32_t c)
{
	if (c < 0x80) return isalnum(c);
	return (c >= 0xC0 && c < 0x2000 && c != 0xD7 && c != 0xF7) || (c >= 0x3040 && c != 0xFFFD && !(c >= 0xFF00 && c <= 0xFF0F));
}

/* 1 if an opening mark may follow c: the start, a space, an opening bracket, a dash or
 * another opening mark */
static int opens_after(int32_t c)
{
	return !c || is_space(c) || (c < 0x80 && strchr("([{-\"'_*", (int)c)) || is_dash(c) || c == CP_LDQ || c == CP_LSQ || c == 0xAB;
}

/* What the scanners share: the importer (said-verbs) and the words elided at their start
 * ('em, 'tis: elided_start_en in data/story_import/import.json, taken out of the JSON
 * once, as the scan asks for every opening mark). */
#define QX_MAX_ELIDED 96
#define QX_MAX_INNER 8    /* quotations inside one (a letter read out quotes three) */
struct qx { struct nov *n; const char *el[QX_MAX_ELIDED]; size_t n_el; };

static void qx_init(struct qx *x, struct nov *n)
{
	size_t i;
	json_t *v;
	x->n = n;
	x->n_el = 0;
	json_array_foreach(json_object_get(n->nd, "elided_start_en"), i, v)
		if (json_is_string(v) && x->n_el < QX_MAX_ELIDED) x->el[x->n_el++] = json_string_value(v);
}

/* 1 if the word after an apostrophe at p (its first letter) is elided at its start
 * ('em, 'tis): listed as written (a quotation may open with "As", lower case after a
 * tag too, so only words that are no English word are listed) */
static int elided_start(const struct qx *x, const char *p, const char *e)
{
	char w[16];
	size_t k = 0;
	while (p + k < e && k + 1 < sizeof w && isalpha((unsigned char)p[k])) { w[k] = p[k]; k++; }
	if (!k || (p + k < e && isalpha((unsigned char)p[k]))) return 0;
	w[k] = 0;
	for (size_t i = 0; i < x->n_el; i++)
		if (x->el[i][0] == w[0] && !strcmp(x->el[i], w)) return 1;
	return 0;
}

/* 1 if the ' or ‘ at p (in paragraph [s, e)) opens a single quotation */
static int sq_opener(const struct qx *x, const char *s, const char *p, const char *e)
{
	size_t l;
	int32_t c = cp_at(p, &l);
	if ((c != '\'' && c != CP_LSQ) || p + l >= e) return 0;
	if (!opens_after(cp_before(s, p))) return 0;
	size_t l2;
	int32_t nx = cp_at(p + l, &l2);
	if (is_space(nx) || (nx < 0x80 && isdigit(nx))) return 0;   /* a lone mark, '45 */
	return !elided_start(x, p + l, e);
}

/* How well the ' or ’ at p closes a single quotation: 0 not at all (inside a word, or
 * after a space), 3 after a mark that ends a clause, 2 after a word, 1 after a word that
 * is often elided or possessive at its end (the boys', goin', o') */
static int sq_closer(const char *s, const char *p, const char *e)
{
	size_t l;
	int32_t c = cp_at(p, &l);
	if (c != '\'' && c != CP_RSQ) return 0;
	int32_t pv = cp_before(s, p);
	if (!pv || is_space(pv)) return 0;
	if (p + l < e) {
		size_t l2;
		if (is_word(cp_at(p + l, &l2))) return 0;
	}
	if ((pv < 0x80 && strchr(".,!?;:-\"", (int)pv)) || is_dash(pv) || pv == 0x2026 || pv == CP_RDQ || pv == 0xBB) return 3;
	size_t wl = 0;
	while (p - wl > s && wl < 24 && isalpha((unsigned char)p[-(ptrdiff_t)wl - 1])) wl++;
	if (wl == 1 || (wl && tolower((unsigned char)p[-1]) == 's') || (wl >= 3 && !strncasecmp(p - 2, "in", 2))) return 1;
	return 2;
}

/* The first closer at or after p in [.., e), remembered in *memo so that the queries of
 * one paragraph, which only move forward, cost linear time in all. */
struct next_closer { const char *from, *found; };

static const char *next_closer(struct next_closer *m, const char *s, const char *p, const char *e)
{
	if (m->from && p >= m->from && (!m->found || p <= m->found)) return m->found;
	size_t l;
	m->from = p;
	for (m->found = NULL; p < e && !m->found; p += l) {
		int32_t c = cp_at(p, &l);
		if ((c == '\'' || c == CP_RSQ) && sq_closer(s, p, e)) m->found = p;
	}
	return m->found;
}

/* The closer of the single quotation whose text starts at q, or NULL if none before the
 * next opener or the paragraph's end e (*stop: that opener, or e). */
static const char *sq_close(const struct qx *x, struct next_closer *m, const char *s, const char *q, const char *e, const char **stop)
{
	const char *best = NULL;
	int best_rank = 0, inner = 0;
	size_t l;
	for (const char *p = q; p < e; p += l) {
		int32_t c = cp_at(p, &l);
		if (c != '\'' && c != CP_RSQ && c != CP_LSQ) continue;
		int r = sq_closer(s, p, e);
		if (r == 3) { *stop = p; return p; }
		if (r && r >= best_rank) { best = p; best_rank = r; }
		if (!r && p > q && sq_opener(x, s, p, e)) {
			/* with no word-end closer before it, a quotation inside this one ('Fetch me
			 * 'Rasselas,' my dear.'): skip to its closer and go on; else a new one opens.
			 * QX_MAX_INNER at most: a scan then ends by the one after them, so the scans of
			 * all the openers of a paragraph stay linear in its length. */
			const char *in = best || inner >= QX_MAX_INNER ? NULL : next_closer(m, s, p + l, e);
			if (!in) { *stop = p; return best; }
			inner++;
			p = in;
			cp_at(p, &l);
		}
	}
	*stop = e;
	return best;
}

/* Text of a quotation into b, its own quotes nested: “ ” and " become ‘ ’. */
static void put_inner(struct sbuf *b, const char *p, const char *e)
{
	int open = 0;
	size_t l;
	for (; p < e; p += l) {
		int32_t c = cp_at(p, &l);
		if (c == CP_LDQ) { sb_add(b, "\xE2\x80\x98"); open = 1; }
		else if (c == CP_RDQ) { sb_add(b, "\xE2\x80\x99"); open = 0; }
		else if (c == '"') { sb_add(b, open ? "\xE2\x80\x99" : "\xE2\x80\x98"); open = !open; }
		else sb_addn(b, p, l);
	}
}

/* Paragraph [s, e) in single-quote style into b (b NULL: only count); returns the
 * quotations that close after a mark (the style's evidence). */
static size_t single_para(const struct qx *x, struct sbuf *b, const char *s, const char *e)
{
	size_t pairs = 0, l;
	const char *p = s;
	struct next_closer m = { 0 };
	while (p < e) {
		if (!sq_opener(x, s, p, e)) {
			cp_at(p, &l);
			if (b) sb_addn(b, p, l);
			p += l;
			continue;
		}
		cp_at(p, &l);
		const char *q = p + l, *stop, *cl = sq_close(x, &m, s, q, e, &stop);
		if (!cl && stop < e) {   /* another opener before any closer: this mark opens nothing */
			if (b) sb_addn(b, p, l);
			p = q;
			continue;
		}
		const char *end = cl ? cl : e;
		if (cl && cl == stop) pairs++;
		if (b) {
			sb_add(b, "\xE2\x80\x9C");
			put_inner(b, q, end);
			if (cl) sb_add(b, "\xE2\x80\x9D");   /* none: it runs on into the next paragraph */
		}
		if (cl) cp_at(cl, &l);
		p = cl ? cl + l : e;
	}
	return pairs;
}

/* Bytes of a dialogue dash at p (— ― – or "--"), or 0. */
static size_t dash_len(const char *p, const char *e)
{
	size_t l;
	int32_t c = cp_at(p, &l);
	if (p < e && is_dash(c)) return l;
	if (e - p >= 2 && p[0] == '-' && p[1] == '-' && (e - p == 2 || p[2] != '-')) return 2;
	return 0;
}

static const char *skip_space(const char *p, const char *e)
{
	size_t l;
	while (p < e && is_space(cp_at(p, &l))) p += l;
	return p;
}

/* 1 if paragraph [s, e) opens with a dialogue dash */
static int dash_para(const char *s, const char *e)
{
	const char *p = skip_space(s, e);
	size_t d = dash_len(p, e);
	return d && p + d < e && !dash_len(p + d, e);
}

/* The dash in [p, e) that ends a spoken part or a tag: one right after , . ! ? … : ;
 * (spaces between allowed) with a space or the text after it; NULL if none. */
static const char *dash_turn(const char *s, const char *p, const char *e)
{
	size_t l;
	for (; p < e; p += l) {
		cp_at(p, &l);
		size_t d = dash_len(p, e);
		if (!d) continue;
		const char *b = p;
		while (b > s && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\n')) b--;
		int32_t pv = cp_before(s, b);
		if ((pv < 0x80 && pv && strchr(",.!?:;", (int)pv)) || pv == 0x2026) return p;
		l = d;
	}
	return NULL;
}

/* In [p, e), the comma that ends the spoken part before a tag "he said" / "said Anna"
 * (a said-verb among the next three words), or NULL. */
static const char *comma_tag(struct nov *n, const char *p, const char *e)
{
	for (; p < e; p++) {
		if (*p != ',') continue;
		const char *w = p + 1;
		for (int k = 0; k < 3 && w < e; k++) {
			while (w < e && *w == ' ') w++;
			const char *we = w;
			while (we < e && isalpha((unsigned char)*we)) we++;
			if (we == w) break;
			if (nov_said_verb_en(n, w, (size_t)(we - w))) return p;
			w = we;
		}
	}
	return NULL;
}

static void put_trimmed(struct sbuf *b, const char *p, const char *e)
{
	p = skip_space(p, e);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n')) e--;
	put_inner(b, p, e);
}

/* Paragraph [s, e) that opens with a dash into b: spoken parts in “ ”, tags between. */
static void dash_para_put(struct nov *n, struct sbuf *b, const char *s, const char *e)
{
	const char *p = skip_space(s, e);
	sb_addn(b, s, (size_t)(p - s));
	p += dash_len(p, e);
	for (int speech = 1, first = 1; p < e; speech = !speech, first = 0) {
		const char *t = dash_turn(s, p, e), *c = NULL;
		if (!t && first) c = comma_tag(n, p, e);
		const char *end = c ? c + 1 : t ? t : e;
		if (speech) { sb_add(b, "\xE2\x80\x9C"); put_trimmed(b, p, end); sb_add(b, "\xE2\x80\x9D"); }
		else put_trimmed(b, p, end);
		if (end < e) sb_add(b, " ");
		p = c ? end : t ? t + dash_len(t, e) : e;
	}
}

/* Double quotation marks in [s, e): “ « and half of the straight ones. */
static size_t double_marks(const char *s, const char *e)
{
	size_t curly = 0, straight = 0, l;
	for (const char *p = s; p < e; p += l) {
		int32_t c = cp_at(p, &l);
		if (c == CP_LDQ || c == 0xAB || c == 0x201E) curly++;
		else if (c == '"') straight++;
	}
	return curly + straight / 2;
}

/* The paragraphs of text as nov_split_paragraphs cuts them: at blank lines, or at every
 * line when the text has none. Calls fn for each [s, e) with the newlines between. */
static const char *para_end(const char *p, int has_blank)
{
	for (;;) {
		const char *nl = strchr(p, '\n');
		if (!nl) return p + strlen(p);
		if (!has_blank) return nl;
		const char *q = nl + 1;
		while (*q == ' ' || *q == '\t' || *q == '\r') q++;
		if (*q == '\n' || !*q) return nl;
		p = nl + 1;
	}
}

static int text_has_blank(const char *text)
{
	for (const char *p = text; (p = strchr(p, '\n')) != NULL; p++) {
		const char *q = p + 1;
		while (*q == ' ' || *q == '\t' || *q == '\r' || !strncmp(q, "\xE3\x80\x80", 3)) q += *q == '\xE3' ? 3 : 1;
		if (*q == '\n') return 1;
	}
	return 0;
}

int nov_quote_style(struct nov *n, const char *text)
{
	int has_blank = text_has_blank(text);
	size_t single = 0, dash = 0;
	struct qx x;
	qx_init(&x, n);
	for (const char *p = text; *p;) {
		const char *e = para_end(p, has_blank);
		single += single_para(&x, NULL, p, e);
		dash += dash_para(p, e);
		p = *e ? e + 1 : e;
	}
	size_t dbl = double_marks(text, text + strlen(text));
	if (single >= 1 && single > dbl && single >= dash) return QS_SINGLE;
	if (!n->zh && dash >= 2 && dash > dbl && dash > single) return QS_DASH;
	return QS_DOUBLE;
}

/* Quotations of a single-quote book ('...' and ‘...’; apostrophes not counted): story.c
 * asks before it tells prose from an outline, as it counts double quotes itself. */
size_t nov_single_quotations(const char *text)
{
	struct nov n = { 0 };
	n.nd = imp_data("novel");
	if (!n.nd) return 0;
	struct qx x;
	qx_init(&x, &n);
	int has_blank = text_has_blank(text);
	size_t single = 0;
	for (const char *p = text; *p;) {
		const char *e = para_end(p, has_blank);
		single += single_para(&x, NULL, p, e);
		p = *e ? e + 1 : e;
	}
	return single;
}

/* Dash-dialogue paragraphs with the shape of talk ("— Where? — asked Ann." or "— Hello,
 * said Tom."): a dash after punctuation inside, or a comma before a said-verb. A list of
 * em-dash bullets has neither, so an outline written so stays an outline. */
size_t nov_dash_quotations(const char *text)
{
	struct nov n = { 0 };
	n.nd = imp_data("novel");
	if (!n.nd) return 0;
	int has_blank = text_has_blank(text);
	size_t dash = 0;
	for (const char *p = text; *p;) {
		const char *e = para_end(p, has_blank);
		if (dash_para(p, e)) {
			const char *s = skip_space(p, e);
			s += dash_len(s, e);
			if (dash_turn(p, s, e) || comma_tag(&n, s, e)) dash++;
		}
		p = *e ? e + 1 : e;
	}
	return dash;
}

char *nov_quotes_house(struct nov *n, const char *text)
{
	int style = nov_quote_style(n, text);
	if (style == QS_DOUBLE) return NULL;
	int has_blank = text_has_blank(text);
	struct sbuf b = { 0 };
	struct qx x;
	qx_init(&x, n);
	for (const char *p = text; *p;) {
		const char *e = para_end(p, has_blank);
		if (style == QS_SINGLE) single_para(&x, &b, p, e);
		else if (dash_para(p, e)) dash_para_put(n, &b, p, e);
		else sb_addn(&b, p, (size_t)(e - p));
		if (*e) sb_add(&b, "\n");
		p = *e ? e + 1 : e;
	}
	if (!b.s) return xstrdup("");
	return b.s;
}
