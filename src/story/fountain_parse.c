/* story/fountain_parse.c — Fountain text into a flat element list (see fountain.h).
 *
 * Two passes: a character scan that normalises line ends (CRLF, CR), skips a BOM,
 * expands tabs and lifts boneyard and notes out of the text (keeping line numbers),
 * then a line classifier that follows the rules of fountain.io (blank line before
 * headings, cues and transitions; forcing characters . ! @ > ~ = #). */
#include "story/fountain.h"
#include "core/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define FW_COLON  "\xEF\xBC\x9A"   /* ： */
#define FW_LPAREN "\xEF\xBC\x88"   /* （ */
#define FW_RPAREN "\xEF\xBC\x89"   /* ） */

struct pnote { char *text; int line; int bone; };   /* bone: a boneyard on lines of its own */

struct pline {
	char *s;              /* cleaned text (boneyard and notes removed, right-trimmed) */
	int line;             /* 1-based source line */
	int blank;            /* nothing but white space */
	int twospace;         /* two or more spaces only: an empty line inside dialogue */
	int touched;          /* boneyard or a note removed something from this line */
	int emitted;          /* its notes were emitted */
	struct pnote *notes; size_t n_notes, cap_notes;   /* notes that started on this line */
};

struct plines { struct pline *v; size_t n, cap; };

static void plines_free(struct plines *L)
{
	for (size_t i = 0; i < L->n; i++) {
		free(L->v[i].s);
		for (size_t k = 0; k < L->v[i].n_notes; k++) free(L->v[i].notes[k].text);
		free(L->v[i].notes);
	}
	free(L->v);
	memset(L, 0, sizeof *L);
}

static void line_finish(struct plines *L, struct sbuf *cur, int lineno, int touched, struct pnote **notes, size_t *nn, size_t *cn)
{
	xgrow((void **)&L->v, &L->cap, L->n, sizeof *L->v);
	struct pline *p = &L->v[L->n++];
	char *s = cur->s ? cur->s : xstrdup("");
	size_t len = strlen(s);
	int spaces = 0;
	for (size_t i = 0; i < len; i++) spaces += s[i] == ' ';
	p->twospace = len >= 2 && spaces == (int)len;
	while (len && isspace((unsigned char)s[len - 1])) s[--len] = 0;
	p->s = s;
	p->line = lineno;
	p->blank = len == 0;
	p->touched = touched;
	p->notes = *notes; p->n_notes = *nn; p->cap_notes = *cn;
	*notes = NULL; *nn = *cn = 0;
	memset(cur, 0, sizeof *cur);
}

/* 1 if a note opened just before t closes with "]]" before a blank line (fountain.io:
 * a note holds no empty line; "two spaces" keep one). Otherwise "[[" is plain text, so
 * an unclosed note does not swallow the rest of the script. */
static int note_closes(const char *t, size_t n)
{
	int line_empty = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i] == ']' && i + 1 < n && t[i + 1] == ']') return 1;
		if (t[i] == '\n' || t[i] == '\r') {
			if (t[i] == '\r' && i + 1 < n && t[i + 1] == '\n') i++;
			if (line_empty == 1) return 0;
			line_empty = 1;
			continue;
		}
		if (t[i] != ' ' && t[i] != '\t') line_empty = 0;
		else if (line_empty == 1 && t[i] == ' ' && i + 1 < n && t[i + 1] == ' ') line_empty = 2;   /* two spaces */
	}
	return 0;
}

/* Offset of the first byte that is not well-formed UTF-8 (overlong forms, surrogates
 * and code points past U+10FFFF included), or n if all of t is UTF-8. */
static size_t utf8_bad(const unsigned char *t, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = t[i];
		size_t k;
		unsigned lo = 0x80, hi = 0xBF;
		if (c < 0x80) { i++; continue; }
		else if (c >= 0xC2 && c <= 0xDF) k = 1;
		else if (c >= 0xE0 && c <= 0xEF) { k = 2; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
		else if (c >= 0xF0 && c <= 0xF4) { k = 3; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
		else return i;
		for (size_t j = 1; j <= k; j++) {
			if (i + j >= n) return i;
			unsigned b = t[i + j];
			if (b < (j == 1 ? lo : 0x80) || b > (j == 1 ? hi : 0xBF)) return i;
		}
		i += k + 1;
	}
	return n;
}

/* Pass 1: physical lines with boneyard and notes lifted out. */
static int scan_lines(const char *t, size_t n, const char *fname, struct plines *L)
{
	struct sbuf cur = { 0 }, note = { 0 };
	struct pnote *notes = NULL;
	size_t nn = 0, cn = 0;
	int lineno = 1, touched = 0, in_bone = 0, in_note = 0, bone_line = 0, note_line = 0, bone_whole = 0;
	struct sbuf bone = { 0 };   /* the cut text, kept when it stands on lines of its own */
	size_t i = 0;
	if (n >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3)) i = 3;
	size_t bad = utf8_bad((const unsigned char *)t, n);
	if (bad < n && memchr(t, 0, bad) == NULL) {
		int ln = 1;
		for (size_t k = 0; k < bad; k++) ln += t[k] == '\n' || (t[k] == '\r' && (k + 1 >= n || t[k + 1] != '\n'));
		return err_set(ERR_INPUT, "%s:%d: not UTF-8 text (byte 0x%02X); save the screenplay as UTF-8 "
		               "(e.g. iconv -f WINDOWS-1252 -t UTF-8)", fname, ln, (unsigned char)t[bad]);
	}
	/* a note belongs to the line it starts on: remember where to attach it */
	size_t note_owner = 0;
	for (; i < n; i++) {
		char c = t[i];
		if (c == 0) {
			sb_free(&cur); sb_free(&note); sb_free(&bone);
			for (size_t k = 0; k < nn; k++) free(notes[k].text);
			free(notes);
			return err_set(ERR_INPUT, "%s:%d: binary data (a NUL byte); a screenplay must be UTF-8 text", fname, lineno);
		}
		int eol = c == '\n' || c == '\r';
		if (eol && in_bone) {
			/* cut text is removed with its line ends: the line before the boneyard and
			 * the one after it join, as if the cut had never been there */
			if (c == '\r' && i + 1 < n && t[i + 1] == '\n') i++;
			lineno++;
			sb_add(&bone, "\n");
			continue;
		}
		if (eol) {
			if (c == '\r' && i + 1 < n && t[i + 1] == '\n') i++;
			if (in_note) sb_add(&note, "\n");
			if (in_note) touched = 1;
			line_finish(L, &cur, lineno, touched, &notes, &nn, &cn);
			lineno++;
			touched = in_note;
			continue;
		}
		if (in_bone) {
			if (c == '*' && i + 1 < n && t[i + 1] == '/') {
				in_bone = 0;
				i++;
				size_t k = i + 1;
				while (k < n && (t[k] == ' ' || t[k] == '\t')) k++;
				if (bone_whole && (k >= n || t[k] == '\n' || t[k] == '\r')) {
					xgrow((void **)&notes, &cn, nn, sizeof *notes);
					notes[nn++] = (struct pnote){ bone.s ? bone.s : xstrdup(""), bone_line, 1 };
				} else {
					sb_free(&bone);
				}
				memset(&bone, 0, sizeof bone);
				continue;
			}
			sb_addn(&bone, &c, 1);
			continue;
		}
		if (in_note) {
			if (c == ']' && i + 1 < n && t[i + 1] == ']') {
				in_note = 0;
				i++;
				/* attach to the line the note started on (it may be this one) */
				if (note_owner == L->n) {
					xgrow((void **)&notes, &cn, nn, sizeof *notes);
					notes[nn++] = (struct pnote){ note.s ? note.s : xstrdup(""), note_line };
				} else {
					struct pline *p = &L->v[note_owner];
					xgrow((void **)&p->notes, &p->cap_notes, p->n_notes, sizeof *p->notes);
					p->notes[p->n_notes++] = (struct pnote){ note.s ? note.s : xstrdup(""), note_line };
				}
				memset(&note, 0, sizeof note);
				continue;
			}
			sb_addn(&note, &c, 1);
			continue;
		}
		/* a backslash before [ or / makes "[[" and the boneyard opener text (fountain_escape writes them) */
		if (c == '\\' && i + 1 < n && (t[i + 1] == '[' || t[i + 1] == '/')) {
			sb_addn(&cur, t + i, 2);
			i++;
			continue;
		}
		if (c == '/' && i + 1 < n && t[i + 1] == '*') {
			in_bone = 1;
			bone_line = lineno;
			bone_whole = 1;
			for (size_t k = 0; k < cur.len; k++) bone_whole &= cur.s[k] == ' ';
			i++;
			continue;
		}
		if (c == '[' && i + 1 < n && t[i + 1] == '[' && note_closes(t + i + 2, n - i - 2)) {
			in_note = 1; note_line = lineno; touched = 1; i++;
			note_owner = L->n;
			sb_add(&note, "");
			continue;
		}
		if (c == '\t') { sb_add(&cur, "    "); continue; }
		sb_addn(&cur, &c, 1);
	}
	if (cur.len || touched || lineno == 1 || (n && t[n - 1] != '\n' && t[n - 1] != '\r'))
		line_finish(L, &cur, lineno, touched, &notes, &nn, &cn);
	sb_free(&cur);
	for (size_t k = 0; k < nn; k++) free(notes[k].text);
	free(notes);
	sb_free(&bone);
	if (in_bone) {
		sb_free(&note);
		return err_set(ERR_INPUT, "%s:%d: boneyard \"/*\" is never closed; add \"*/\" where the cut text ends", fname, bone_line);
	}
	(void)note_line;   /* a note is only opened when it closes (note_closes) */
	sb_free(&note);
	return 0;
}

/* ---- pass 2: classify ---- */

static struct ft_elem *push(struct ft_doc *d, enum ft_kind k, const char *text, int line)
{
	xgrow((void **)&d->v, &d->cap, d->n, sizeof *d->v);
	struct ft_elem *e = &d->v[d->n++];
	e->kind = k;
	e->text = xstrdup(text ? text : "");
	e->line = line;
	return e;
}

static void emit_notes(struct ft_doc *d, struct pline *p)
{
	if (p->emitted) return;
	p->emitted = 1;
	for (size_t k = 0; k < p->n_notes; k++) {
		char *t = p->notes[k].text;
		if (p->notes[k].bone) { push(d, FT_BONEYARD, t, p->notes[k].line); continue; }
		/* trim */
		while (*t && isspace((unsigned char)*t)) t++;
		size_t len = strlen(t);
		while (len && isspace((unsigned char)t[len - 1])) len--;
		char *s = xstrndup(t, len);
		push(d, FT_NOTE, s, p->notes[k].line);
		free(s);
	}
}

static const char *ltrim(const char *s)
{
	while (*s == ' ') s++;
	return s;
}

static char *trimdup(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) { s++; n--; }
	while (n && isspace((unsigned char)s[n - 1])) n--;
	return xstrndup(s, n);
}

/* Length of the separator after a heading prefix: '.', ' ', or the full-width stop,
 * full stop, ideographic space or colon of Chinese and Japanese scripts ("INT。 医院-天"). */
static size_t heading_sep(const char *t)
{
	static const char *const fw[] = { "\xE3\x80\x82", "\xEF\xBC\x8E", "\xE3\x80\x80", FW_COLON, NULL };
	if (*t == '.' || *t == ' ') return 1;
	for (int i = 0; fw[i]; i++)
		if (!strncmp(t, fw[i], 3)) return 3;
	return 0;
}

/* Length of the heading prefix with its separator ("INT. ", "EXT。", "内景 "); 0 if t is
 * not a scene heading. */
size_t fountain_heading_prefix(const char *t)
{
	static const char *const pre[] = { "INT./EXT", "INT/EXT", "INT.EXT", "EXT./INT", "EXT/INT", "I/E",
		"INT", "EXT", "EST", "\xE5\x86\x85/\xE5\xA4\x96\xE6\x99\xAF" /* 内/外景 */,
		"\xE5\x86\x85\xE6\x99\xAF" /* 内景 */, "\xE5\xA4\x96\xE6\x99\xAF" /* 外景 */, NULL };
	for (int i = 0; pre[i]; i++) {
		size_t n = strlen(pre[i]);
		if (strncasecmp(t, pre[i], n)) continue;
		size_t sep = heading_sep(t + n);
		if (!sep) continue;
		n += sep;
		while (t[n] == ' ' || t[n] == '.') n++;
		return n;
	}
	return 0;
}

static int is_heading(const char *t)
{
	return fountain_heading_prefix(t) > 0;
}

static int no_lower(const char *s, size_t n, int *has_upper)
{
	*has_upper = 0;
	for (size_t i = 0; i < n; i++) {
		if (islower((unsigned char)s[i])) return 0;
		if (isupper((unsigned char)s[i])) *has_upper = 1;
	}
	return 1;
}

/* A Chinese or Japanese name standing alone as a cue: 1 to 8 CJK characters (a middle
 * dot allowed), no punctuation; such scripts have no capitals to mark a cue. */
static int cjk_name(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	size_t k = 0;
	while (p < end && *p == ' ') p++;
	while (p < end) {
		int32_t c = utf8_next(&p);
		if (c == ' ' && p == end) break;
		int letter = (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
		             (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF);
		if (!letter && c != 0xB7) return 0;   /* ideographs, kana (with its middle dot), hangul */
		k++;
	}
	return k >= 1 && k <= 8;
}

/* An opening parenthesis, ASCII or full-width: its length, else 0. */
static size_t lparen(const char *p)
{
	return *p == '(' ? 1 : !strncmp(p, FW_LPAREN, 3) ? 3 : 0;
}

/* t (n bytes) is "(...)" or "（...）": 1, with the inside in *in, *in_n. */
static int parenthesised(const char *t, size_t n, const char **in, size_t *in_n)
{
	size_t l = lparen(t), r = n && t[n - 1] == ')' ? 1 : n >= 3 && !strncmp(t + n - 3, FW_RPAREN, 3) ? 3 : 0;
	if (!l || !r || n < l + r) return 0;
	*in = t + l;
	*in_n = n - l - r;
	return 1;
}

/* Split a cue "NAME (V.O.) (CONT'D) ^" into name, extension and dual flag. */
static int parse_cue(const char *t, int forced, char **name, char **ext, int *dual)
{
	size_t n = strlen(t);
	*dual = 0;
	while (n && t[n - 1] == ' ') n--;
	if (n && t[n - 1] == '^') { *dual = 2; n--; while (n && t[n - 1] == ' ') n--; }
	const char *start = forced ? t + 1 : t;
	size_t len = n - (size_t)(start - t);
	const char *paren = NULL;
	for (size_t k = 0; k < len && !paren; k++)
		if (lparen(start + k)) paren = start + k;
	size_t name_len = paren ? (size_t)(paren - start) : len;
	int has_upper;
	if (!forced && (!no_lower(start, name_len, &has_upper) || !has_upper) && !cjk_name(start, name_len)) return 0;
	/* the extension part: only ( ... ) groups, ASCII or full-width */
	struct sbuf e = { 0 };
	if (paren) {
		const char *p = paren, *end = start + len;
		while (p < end) {
			if (*p == ' ') { p++; continue; }
			size_t l = lparen(p);
			if (!l) { sb_free(&e); return 0; }
			const char *q = p + l;
			size_t r = 0;
			for (; q < end; q++) {
				if (*q == ')') { r = 1; break; }
				if (end - q >= 3 && !strncmp(q, FW_RPAREN, 3)) { r = 3; break; }
			}
			if (!r) { sb_free(&e); return 0; }
			char *x = trimdup(p + l, (size_t)(q - p - l));
			if (e.len) sb_add(&e, " ");
			sb_add(&e, x);
			free(x);
			p = q + r;
		}
	}
	char *nm = trimdup(start, name_len);
	if (!*nm) { free(nm); sb_free(&e); return 0; }
	*name = nm;
	*ext = e.s;   /* NULL if no extension */
	return 1;
}

static int is_transition(const char *t)
{
	size_t n = strlen(t);
	int up;
	return n >= 3 && !strcmp(t + n - 3, "TO:") && no_lower(t, n, &up) && up;
}

static int is_centered(const char *t)
{
	size_t n = strlen(t);
	return n >= 2 && t[0] == '>' && t[n - 1] == '<';
}

static int is_page_break(const char *t)
{
	size_t i = 0;
	while (t[i] == '=') i++;
	return i >= 3 && t[i] == 0;
}

/* Deferred notes: inline notes of lines inside a multi-line element come after it. */
struct defer { struct pline **v; size_t n, cap; };

static void defer_add(struct defer *df, struct pline *p)
{
	if (!p->n_notes) return;
	xgrow((void **)&df->v, &df->cap, df->n, sizeof *df->v);
	df->v[df->n++] = p;
}

static void defer_flush(struct ft_doc *d, struct defer *df)
{
	for (size_t i = 0; i < df->n; i++) emit_notes(d, df->v[i]);
	df->n = 0;
}

/* "Title: x" or, in Chinese and Japanese scripts, "Title：x" (full-width colon): *klen is
 * the key's length, *vstart where the value starts. */
static int title_key(const char *t, size_t *klen, size_t *vstart)
{
	if (!isalpha((unsigned char)t[0])) return 0;
	size_t i = 0;
	while (isalnum((unsigned char)t[i]) || t[i] == ' ' || t[i] == '_' || t[i] == '-') i++;
	if (i > 40) return 0;
	if (t[i] == ':') *vstart = i + 1;
	else if (!strncmp(t + i, FW_COLON, 3)) *vstart = i + 3;
	else return 0;
	*klen = i;
	while (*klen && t[*klen - 1] == ' ') (*klen)--;
	return 1;
}

static void classify(struct plines *L, struct ft_doc *d)
{
	struct defer df = { 0 };
	size_t i = 0, m = L->n;
	struct sbuf b = { 0 };
	/* drop lines that only held boneyard or notes; their notes move to the next line */
	{
		size_t w = 0;
		struct pline carry = { 0 };
		for (size_t r = 0; r < m; r++) {
			struct pline *p = &L->v[r];
			if (p->touched && p->blank) {
				for (size_t k = 0; k < p->n_notes; k++) {
					xgrow((void **)&carry.notes, &carry.cap_notes, carry.n_notes, sizeof *carry.notes);
					carry.notes[carry.n_notes++] = p->notes[k];
				}
				if (!carry.line) carry.line = p->line;
				free(p->notes);
				free(p->s);
				continue;
			}
			if (carry.n_notes) {
				/* carried notes stand before this line's own */
				for (size_t k = 0; k < p->n_notes; k++) {
					xgrow((void **)&carry.notes, &carry.cap_notes, carry.n_notes, sizeof *carry.notes);
					carry.notes[carry.n_notes++] = p->notes[k];
				}
				free(p->notes);
				p->notes = carry.notes; p->n_notes = carry.n_notes; p->cap_notes = carry.cap_notes;
				memset(&carry, 0, sizeof carry);
				/* a line that carries notes from above emits them first: mark it */
				p->touched = 2;
			}
			L->v[w++] = *p;
		}
		m = L->n = w;
		if (carry.n_notes) {   /* notes at the very end */
			xgrow((void **)&L->v, &L->cap, L->n, sizeof *L->v);
			struct pline *p = &L->v[L->n++];
			memset(p, 0, sizeof *p);
			p->s = xstrdup("");
			p->blank = 1;
			p->line = carry.line;
			p->notes = carry.notes; p->n_notes = carry.n_notes; p->cap_notes = carry.cap_notes;
			m = L->n;
		}
	}
	/* title page */
	while (i < m && L->v[i].blank) { emit_notes(d, &L->v[i]); i++; }
	size_t klen, vstart;
	/* a title page opens with "Key: value" (or "Key:" over indented lines); "FADE IN:" and
	 * "CUT TO:" in capitals with nothing after them are transitions, not keys */
	int title_page = i < m && title_key(ltrim(L->v[i].s), &klen, &vstart) && !is_heading(ltrim(L->v[i].s));
	if (title_page && !*ltrim(ltrim(L->v[i].s) + vstart)) {
		int up;
		const char *t0 = ltrim(L->v[i].s);
		int indented_next = i + 1 < m && !L->v[i + 1].blank && ltrim(L->v[i + 1].s) - L->v[i + 1].s >= 3;
		if (!indented_next && no_lower(t0, strlen(t0), &up) && up) title_page = 0;
	}
	if (title_page) {
		struct ft_elem *cur = NULL;
		while (i < m && !L->v[i].blank) {
			const char *raw = L->v[i].s, *t = ltrim(raw);
			int indented = (t - raw) >= 3;
			if (!indented && title_key(t, &klen, &vstart)) {
				defer_flush(d, &df);
				char *key = xstrndup(t, klen), *val = trimdup(t + vstart, strlen(t + vstart));
				cur = push(d, FT_TITLE, val, L->v[i].line);
				cur->key = key;
				free(val);
			} else if (cur) {
				size_t ol = strlen(cur->text);
				char *add = trimdup(t, strlen(t));
				char *nt = ol ? xasprintf("%s\n%s", cur->text, add) : xstrdup(add);
				free(add);
				free(cur->text);
				cur->text = nt;
			}
			defer_add(&df, &L->v[i]);
			i++;
		}
		defer_flush(d, &df);
	}
	while (i < m) {
		struct pline *p = &L->v[i];
		if (p->blank) { emit_notes(d, p); i++; continue; }
		const char *t = ltrim(p->s);
		int prev_blank = i == 0 || L->v[i - 1].blank;
		int next_blank = i + 1 >= m || L->v[i + 1].blank;
		int line = p->line;
		/* notes carried from dropped lines above come before this element */
		if (p->touched == 2) emit_notes(d, p);
		struct ft_elem *e;
		if (is_page_break(t)) {
			push(d, FT_PAGE_BREAK, "", line);
		} else if (t[0] == '#') {
			int depth = 0;
			while (t[depth] == '#') depth++;
			char *x = trimdup(t + depth, strlen(t + depth));
			e = push(d, FT_SECTION, x, line);
			e->depth = depth;
			free(x);
		} else if (t[0] == '=') {
			char *x = trimdup(t + 1, strlen(t + 1));
			push(d, FT_SYNOPSIS, x, line);
			free(x);
		} else if (t[0] == '~') {
			char *x = trimdup(t + 1, strlen(t + 1));
			push(d, FT_LYRICS, x, line);
			free(x);
		} else if (is_centered(t)) {
			char *x = trimdup(t + 1, strlen(t) - 2);
			e = push(d, FT_CENTERED, x, line);
			e->forced = 1;
			free(x);
		} else if (t[0] == '>') {
			char *x = trimdup(t + 1, strlen(t + 1));
			e = push(d, FT_TRANSITION, x, line);
			e->forced = 1;
			free(x);
		} else if (t[0] == '.' && t[1] != '.' && t[1] && prev_blank) {
			goto heading;
		} else if (prev_blank && is_heading(t)) {
		heading:;
			int forced = t[0] == '.';
			const char *h = forced ? t + 1 : t;
			size_t n = strlen(h);
			char *num = NULL;
			if (n >= 3 && h[n - 1] == '#') {
				const char *q = h + n - 2;
				while (q > h && *q != '#') q--;
				if (q > h && *q == '#' && q[-1] == ' ') {
					num = xstrndup(q + 1, (size_t)(h + n - 1 - (q + 1)));
					n = (size_t)(q - h);
				}
			}
			char *x = trimdup(h, n);
			e = push(d, FT_SCENE_HEADING, x, line);
			e->scene_number = num;
			e->forced = forced;
			free(x);
		} else if (t[0] != '!' && prev_blank && next_blank && is_transition(t)) {
			push(d, FT_TRANSITION, t, line);
		} else {
			char *name = NULL, *ext = NULL;
			int dual = 0, forced = t[0] == '@';
			if (t[0] != '!' && !next_blank && (prev_blank || forced) && parse_cue(t, forced, &name, &ext, &dual)) {
				e = push(d, FT_CHARACTER, name, line);
				e->ext = ext;
				e->dual = dual;
				e->forced = forced;
				if (dual) {   /* the speech before is the left one of the pair */
					for (size_t k = d->n - 1; k-- > 0;)
						if (d->v[k].kind == FT_CHARACTER) { if (!d->v[k].dual) d->v[k].dual = 1; break; }
				}
				free(name);
				defer_add(&df, p);
				i++;
				int dline = 0;
				const char *pin;
				size_t pin_n;
				sb_free(&b);
				while (i < m && (!L->v[i].blank || L->v[i].twospace)) {
					struct pline *q = &L->v[i];
					const char *u = ltrim(q->s);
					size_t un = strlen(u);
					if (q->touched == 2) defer_add(&df, q);
					if (q->blank) {
						if (!b.s) dline = q->line;
						sb_add(&b, "\n");
					} else if (parenthesised(u, un, &pin, &pin_n)) {
						if (b.s) { e = push(d, FT_DIALOGUE, b.s, dline); e->dual = dual; sb_free(&b); }
						char *x = trimdup(pin, pin_n);
						e = push(d, FT_PARENTHETICAL, x, q->line);
						e->dual = dual;
						free(x);
					} else if (u[0] == '~') {
						if (b.s) { e = push(d, FT_DIALOGUE, b.s, dline); e->dual = dual; sb_free(&b); }
						char *x = trimdup(u + 1, un - 1);
						e = push(d, FT_LYRICS, x, q->line);
						e->dual = dual;
						free(x);
					} else {
						if (!b.s) dline = q->line; else sb_add(&b, "\n");
						sb_add(&b, u);
					}
					if (q->touched != 2) defer_add(&df, q);
					i++;
				}
				if (b.s) { e = push(d, FT_DIALOGUE, b.s, dline); e->dual = dual; sb_free(&b); }
				defer_flush(d, &df);
				continue;
			}
			/* action paragraph */
			int forced_act = t[0] == '!';
			sb_free(&b);
			sb_add(&b, forced_act ? t + 1 : t);
			defer_add(&df, p);
			i++;
			while (i < m && !L->v[i].blank && !is_centered(ltrim(L->v[i].s))) {
				if (L->v[i].touched == 2) emit_notes(d, &L->v[i]);
				sb_add(&b, "\n");
				sb_add(&b, L->v[i].s);
				defer_add(&df, &L->v[i]);
				i++;
			}
			e = push(d, FT_ACTION, b.s, line);
			e->forced = forced_act;
			sb_free(&b);
			defer_flush(d, &df);
			continue;
		}
		emit_notes(d, p);
		i++;
	}
	sb_free(&b);
	free(df.v);
}

int fountain_parse(const char *text, size_t n, const char *fname, struct ft_doc *d)
{
	struct plines L = { 0 };
	memset(d, 0, sizeof *d);
	if (!fname) fname = "screenplay";
	int rc = scan_lines(text, n, fname, &L);
	if (rc < 0) { plines_free(&L); return rc; }
	classify(&L, d);
	plines_free(&L);
	return 0;
}

void fountain_doc_free(struct ft_doc *d)
{
	if (!d) return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].text); free(d->v[i].key); free(d->v[i].ext); free(d->v[i].scene_number);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

const char *fountain_kind_name(enum ft_kind k)
{
	static const char *const names[] = { "title", "heading", "action", "character", "parenthetical",
		"dialogue", "transition", "centered", "note", "section", "synopsis", "page_break", "lyrics", "boneyard" };
	return (unsigned)k < ARRAY_LEN(names) ? names[k] : "?";
}

/* ---- emphasis ---- */
/* Characters a backslash makes literal: emphasis, the backslash, and the openers of
 * notes "[[" and boneyard (a slash and a star), so text can hold them. */
#define ESCAPED "*_\\[/~("
#define WJ "\xE2\x81\xA0"   /* U+2060 WORD JOINER */
char *fountain_plain(const char *s)
{
	size_t n = strlen(s);
	char *keep = xmalloc(n + 1);   /* 1 = output this byte */
	memset(keep, 1, n + 1);
	size_t ls = 0;
	while (ls <= n) {
		size_t le = ls;
		while (le < n && s[le] != '\n') le++;
		for (int pass = 0; pass < 2; pass++) {
			char mc = pass ? '_' : '*';
			size_t open = (size_t)-1, open_len = 0;
			for (size_t i = ls; i < le; i++) {
				if (s[i] == '\\' && i + 1 < le && strchr(ESCAPED, s[i + 1])) { i++; continue; }
				if (s[i] != mc) continue;
				size_t j = i;
				while (j < le && s[j] == mc) j++;
				if (open == (size_t)-1) { open = i; open_len = j - i; }
				else {
					memset(keep + open, 0, open_len);
					memset(keep + i, 0, j - i);
					open = (size_t)-1;
				}
				i = j - 1;
			}
		}
		ls = le + 1;
	}
	char *out = xmalloc(n + 1), *w = out;
	for (size_t i = 0; i < n; i++) {
		if (!keep[i]) continue;
		if (s[i] == '\\' && i + 1 < n && strchr(ESCAPED, s[i + 1])) { *w++ = s[++i]; continue; }
		if (s[i] == '[' && !strncmp(s + i + 1, WJ "[", 4)) { *w++ = '['; i += 3; continue; }
		*w++ = s[i];
	}
	*w = 0;
	free(keep);
	return out;
}

void fountain_escape(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '[' && s[1] == '[') {
			/* the spec has no escape for a note's opener, and other parsers take "\[[" as
			 * a note that runs to the next "]]": an invisible word joiner parts the two */
			sb_add(b, "[" WJ);
			continue;
		}
		if (*s == '*' || *s == '_' || *s == '\\' || (*s == '/' && s[1] == '*'))
			sb_add(b, "\\");
		sb_addn(b, s, 1);
	}
}

int fountain_sniff(const char *text, size_t n)
{
	/* scene headings after a blank line, or character cues (a short line in capitals
	 * after a blank line with speech under it) */
	int headings = 0, cues = 0, lines = 0, prev_blank = 1;
	const char *p = text, *end = text + n;
	while (p < end && lines < 20000) {
		const char *q = memchr(p, '\n', (size_t)(end - p));
		if (!q) q = end;
		const char *t = p;
		while (t < q && (*t == ' ' || *t == '\t')) t++;
		size_t len = (size_t)(q - t);
		while (len && (t[len - 1] == '\r' || t[len - 1] == ' ')) len--;
		char buf[64];
		snprintf(buf, sizeof buf, "%.*s", (int)(len < 63 ? len : 63), t);
		if (prev_blank && is_heading(buf)) headings++;
		else if (prev_blank && len >= 2 && len <= 40 && q < end) {
			int up;
			const char *paren = memchr(t, '(', len);
			size_t nl = paren ? (size_t)(paren - t) : len;
			const char *nx = q + 1;
			while (nx < end && (*nx == ' ' || *nx == '\t')) nx++;
			int speech = nx < end && *nx != '\n' && *nx != '\r';
			if (((no_lower(t, nl, &up) && up) || t[0] == '@') && speech && !strchr(":.!?", t[len - 1])) cues++;
		}
		prev_blank = len == 0;
		lines++;
		p = q + 1;
	}
	return headings >= 1 || cues >= 2;
}
