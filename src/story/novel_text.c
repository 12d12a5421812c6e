/* story/novel_text.c — the novel importer's reading of plain text: paragraphs, scene
 * breaks (***, ---, chapter headings, two blank lines, "The next morning" / "第二天" at
 * the start of a paragraph), quote segments (“ ” " " 「 」 『 』) and small text helpers. */
#include "story/novel.h"

#include <glib.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- text helpers ---- */
int nov_starts(const char *p, const char *w) { return !strncmp(p, w, strlen(w)); }

int nov_in_list(const json_t *list, const char *w)
{
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
		if (json_is_string(x) && !strcmp(json_string_value(x), w)) return 1;
	return 0;
}

static int is_cjk_at(const char *p)
{
	const char *q = p;
	int32_t c = utf8_next(&q);
	return c > 0 && utf8_is_cjk(c);
}

int nov_is_han_at(const char *p)
{
	const char *q = p;
	int32_t c = utf8_next(&q);
	return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || c >= 0x20000 ||
	       (c >= 0xFF21 && c <= 0xFF3A);
}

/* Bytes of the code point at p; invalid UTF-8 counts byte by byte and never runs past the end. */
size_t nov_cp_len(const char *p)
{
	unsigned char c = (unsigned char)*p;
	size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80) return i;
	return n;
}

/* A quotation's own words: q with the quotations nested in it (‘...’, “...”, '...'
 * opened at a word's start) left out, each replaced by one space; a nested one that is
 * not closed runs to the end (a story told over paragraphs). What a speaker repeats from
 * another scene ("'Baas,' said he") is not said to the one who listens now. Caller frees. */
char *nov_own_words(const char *q)
{
	size_t len = strlen(q);
	char *out = xmalloc(len + 1), *o = out;
	const char *p = q;
	while (*p) {
		int curly = nov_starts(p, "\xE2\x80\x98") || nov_starts(p, "\xE2\x80\x9C");   /* ‘ “ */
		int ascii = *p == '\'' && (p == q || p[-1] == ' ' || p[-1] == '\n' || p[-1] == '(' || p[-1] == '-' || (unsigned char)p[-1] == 0x94) &&
		            isalpha((unsigned char)p[1]);
		if (!curly && !ascii) { *o++ = *p++; continue; }
		const char *r = p + (curly ? 3 : 1), *end = NULL;
		for (; *r; r++) {   /* the closer: ’ ” or ' after a word's end, not inside a word */
			int cl = nov_starts(r, "\xE2\x80\x99") || nov_starts(r, "\xE2\x80\x9D") ? 3 : *r == '\'' ? 1 : 0;
			if (!cl || r[-1] == ' ') continue;
			if (isalpha((unsigned char)r[cl])) continue;   /* don’t, o'clock */
			end = r + cl;
			break;
		}
		/* (never closed: a story going on into the next paragraph when it opens the quote,
		 * else an elision, "go ‘long with you") */
		if (!end && p != q) { size_t l = curly ? 3 : 1; memcpy(o, p, l); o += l; p += l; continue; }
		*o++ = ' ';
		p = end ? end : r;
	}
	*o = 0;
	return out;
}

/* the closer for an opening quote at p, or NULL */
static const char *quote_close(const char *p, size_t *open_len)
{
	*open_len = 3;
	if (nov_starts(p, "\xE2\x80\x9C")) return "\xE2\x80\x9D";     /* “ ” */
	if (nov_starts(p, "\xE3\x80\x8C")) return "\xE3\x80\x8D";     /* 「 」 */
	if (nov_starts(p, "\xE3\x80\x8E")) return "\xE3\x80\x8F";     /* 『 』 */
	*open_len = 1;
	if (*p == '"') return "\"";
	return NULL;
}

static void seg_push(struct para *pa, int quote, const char *s, size_t len)
{
	char *t = xstrndup(s, len);
	char *u = str_trim(t);
	if (!*u && !quote) { free(t); return; }
	xgrow((void **)&pa->v, &pa->cap, pa->n, sizeof *pa->v);
	pa->v[pa->n++] = (struct seg){ quote, xstrdup(u) };
	free(t);
}

static void segment(struct para *pa)
{
	const char *s = pa->raw, *p = s, *start = s;
	while (*p) {
		size_t ol;
		const char *close = quote_close(p, &ol);
		if (!close) { p += nov_cp_len(p); continue; }
		seg_push(pa, 0, start, (size_t)(p - start));
		const char *q = p + ol, *e = strstr(q, close);
		size_t cl = strlen(close);
		/* 『』 inside “” is quoted text, so look for the closer only; but texts that
		 * close a “ with a straight " (common in Chinese e-texts) close it there */
		if (ol == 3 && close[2] == '\x9D') {
			const char *st = strchr(q, '"');
			if (st && (!e || st < e)) { e = st; cl = 1; }
		}
		if (!e) { e = q + strlen(q); pa->open_end = 1; }   /* a quote left open runs to the paragraph's end */
		seg_push(pa, 1, q, (size_t)(e - q));
		p = *e ? e + cl : e;
		start = p;
	}
	seg_push(pa, 0, start, (size_t)(p - start));
}

static int is_marker_line(struct nov *n, const char *t)
{
	const json_t *marks = json_object_get(n->nd, "scene_break_lines");
	if (nov_in_list(marks, t)) return 1;
	/* a line made only of * - _ = ~ # (three or more) */
	size_t k = 0;
	for (const char *p = t; *p; p++) {
		if (strchr("*-_=~# ", *p)) { if (*p != ' ') k++; }
		else return 0;
	}
	return k >= 3;
}

static int is_chapter_line(struct nov *n, const char *t)
{
	size_t len = strlen(t);
	if (len > 80) return 0;
	if (!strncmp(t, "第", 3)) {
		/* 第一章 / 第3章 / 第十回 */
		const char *p = t + 3;
		for (int k = 0; *p && k < 6; k++) {
			if (nov_starts(p, "章") || nov_starts(p, "回") || nov_starts(p, "节") || nov_starts(p, "幕")) return 1;
			p += nov_cp_len(p);
		}
		return 0;
	}
	const json_t *cw = json_object_get(n->nd, "chapter_words");
	size_t i;
	json_t *x;
	json_array_foreach(cw, i, x) {
		const char *w = json_string_value(x);
		size_t wl = strlen(w);
		if (!strcmp(w, "第")) continue;
		if (!strncmp(t, w, wl) && t[wl] == ' ' && (isdigit((unsigned char)t[wl + 1]) || isupper((unsigned char)t[wl + 1])))
			return 1;
	}
	return 0;
}

static const char *time_shift(struct nov *n, const char *t)
{
	const json_t *list = nov_vocab(n, "time_shift");
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		const char *w = json_string_value(x);
		if (n->zh ? nov_starts(t, w) : !strncasecmp(t, w, strlen(w))) return w;
	}
	return NULL;
}

/* Captions and emphasis out of a line, in place: "[Illustration]", "[Illustration: ...]"
 * go; "_word_" and "*word*" (Gutenberg and markdown emphasis) keep only the word. */
static void strip_markup(char *s)
{
	static const char *const caps[] = { "[Illustration", "[illustration", "[ILLUSTRATION", "[Picture", "[Frontispiece", "[插图", "[图" };
	for (size_t i = 0; i < ARRAY_LEN(caps); i++)
		for (char *h; (h = strstr(s, caps[i]));) {
			char *e = strchr(h, ']');
			e = e ? e + 1 : h + strlen(h);
			memmove(h, e, strlen(e) + 1);
		}
	char *w = s;
	for (const char *r = s; *r; r++) {
		if (*r == '_' || *r == '*') {
			int open = (r == s || !isalnum((unsigned char)r[-1])) && (isalnum((unsigned char)r[1]) || ((unsigned char)r[1] & 0x80));
			int close = r > s && (isalnum((unsigned char)r[-1]) || strchr(".,!?;:'", r[-1]) || ((unsigned char)r[-1] & 0x80)) && !isalnum((unsigned char)r[1]);
			if (open || close) continue;
		}
		*w++ = *r;
	}
	*w = 0;
}

/* A paragraph of the collected text (taken from *cur, which is left empty). */
static void push_para(struct nov *n, struct sbuf *cur, int brk)
{
	xgrow((void **)&n->p, &n->cap_p, n->n_p, sizeof *n->p);
	struct para *pa = &n->p[n->n_p++];
	memset(pa, 0, sizeof *pa);
	pa->raw = cur->s;
	pa->brk = brk;
	memset(cur, 0, sizeof *cur);
}

/* Paragraphs: blocks between blank lines (lines joined), or single lines when the
 * text has no blank lines at all. A line indented with the ideographic space (the way
 * Chinese print opens every paragraph: "　　她说：") opens a paragraph of its own even
 * where the text has blank lines somewhere, so one stray blank line (a site's footer
 * between two chapters) does not join the whole text into a few paragraphs. */
void nov_split_paragraphs(struct nov *n, const char *text)
{
	int has_blank = 0;
	for (const char *p = text; *p; p++)
		if (*p == '\n') {
			const char *q = p + 1;
			while (*q == ' ' || *q == '\t' || *q == '\r' || !strncmp(q, "\xE3\x80\x80", 3)) q += *q == '\xE3' ? 3 : 1;
			if (*q == '\n') { has_blank = 1; break; }
		}
	struct sbuf cur = { 0 };
	int blanks = 0, pending_brk = 0;
	const char *p = text;
	for (;;) {
		const char *e = strchr(p, '\n');
		if (!e) e = p + strlen(p);
		char *line = xstrndup(p, (size_t)(e - p));
		/* trim, including the ideographic space used to indent Chinese paragraphs */
		char *t = str_trim(line);
		int indented = nov_starts(t, "\xE3\x80\x80");
		while (nov_starts(t, "\xE3\x80\x80")) t += 3;
		size_t tl = strlen(t);
		while (tl >= 3 && !strcmp(t + tl - 3, "\xE3\x80\x80")) t[tl -= 3] = 0;
		int marker = *t && (is_marker_line(n, t) || is_chapter_line(n, t));
		if (!marker) {
			strip_markup(t);
			t = str_trim(t);
		}
		int blank = !*t;
		if (blank || marker || !has_blank || indented) {
			if (cur.len) {
				push_para(n, &cur, pending_brk);
				pending_brk = 0;
			}
			if (blank) { if (++blanks >= 2 && n->n_p) pending_brk = 1; }
			else blanks = 0;
			if (marker) pending_brk = 1;
		}
		if (!blank && !marker) {
			blanks = 0;
			if (cur.len) sb_add(&cur, n->zh || is_cjk_at(t) ? "" : " ");
			sb_add(&cur, t);
		}
		free(line);
		if (!*e) break;
		p = e + 1;
	}
	if (cur.len) push_para(n, &cur, pending_brk);
	for (size_t i = 0; i < n->n_p; i++) {
		struct para *pa = &n->p[i];
		pa->shift = time_shift(n, pa->raw);
		if (pa->shift && i) pa->brk = 1;
		segment(pa);
	}
}


/* How often the l bytes at s (at most 31) are written in the text, not capped. Memoised:
 * the Chinese name finder asks for the same few thousand strings again and again, and each
 * answer was a scan of the whole text; a 2.2 MB file of 137 Chinese books took 28 s to import,
 * 15% of it in this count alone. The memo is dropped when the paragraphs change. */
size_t nov_zh_count(struct nov *n, const char *s, size_t l)
{
	char w[32];
	snprintf(w, sizeof w, "%.*s", (int)l, s);
	if (n->zh_counts && n->zh_counts_np != n->n_p) nov_counts_free(n);
	if (!n->zh_counts) {
		n->zh_counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		n->zh_counts_np = n->n_p;
	}
	gpointer v = g_hash_table_lookup(n->zh_counts, w);
	if (v) return GPOINTER_TO_SIZE(v) - 1;
	size_t k = 0;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (const char *h = strstr(n->p[pi].raw, w); h; h = strstr(h + 1, w)) k++;
	g_hash_table_insert(n->zh_counts, g_strdup(w), GSIZE_TO_POINTER(k + 1));
	return k;
}

void nov_counts_free(struct nov *n)
{
	if (n->zh_counts) g_hash_table_destroy(n->zh_counts);
	n->zh_counts = NULL;
}

void nov_para_free(struct para *pa)
{
	for (size_t i = 0; i < pa->n; i++) free(pa->v[i].text);
	free(pa->v);
	free(pa->raw);
}
