/* story/novel.c — a novel chapter or short story (English or Chinese plain text) into a
 * storyboard (story_from_novel).
 *
 * 1. Paragraphs, scene breaks (***, ---, chapter headings, two blank lines, "The next
 *    morning" / "第二天" at the start of a paragraph) and quote segments
 *    (“ ” " " 「 」 『 』).
 * 2. Names: said-verb attributions ("said Xia", "夏晓说"), titled mentions ("Mr. Bao",
 *    "鲍老板"), capitalised words that recur and never appear in lower case, and
 *    self-introductions in dialogue ("I am Rui", "本王乃……萧睿").
 * 3. Speakers, in reading order: an attribution after the quote, then one before it
 *    ("X: “...”", "X说：“...”"), then the same speaker as an earlier quote of the
 *    paragraph, then the subject of the paragraph's narration, then turn-taking.
 *    Pronouns go to the last-named character of that gender; "the man" / "男人" is a
 *    stranger until he introduces himself, then every line of his is renamed.
 * 4. Shots: a wide establishing shot per scene, narration lines (speaker NULL) for
 *    paragraphs without dialogue, an action shot for narration inside dialogue
 *    paragraphs, and a shot per quote. */
#include "story/story.h"
#include "story/fountain.h"
#include "core/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- characters being discovered ---- */
struct nch {
	char *name;
	const char *gender;       /* "male" / "female" / NULL */
	char *role;
	int placeholder;          /* "Stranger" until named */
	int merged;               /* index this one became, or -1 */
	int used;                 /* speaks or appears */
};

struct seg { int quote; char *text; };
struct para { struct seg *v; size_t n, cap; int brk; const char *shift; char *raw; };

struct nov {
	int zh;
	const json_t *nd;         /* the "novel" vocabulary */
	struct nch *ch; size_t n_ch, cap_ch;
	struct para *p; size_t n_p, cap_p;
	int last_m, last_f, last_any;     /* mentions */
	int last_spk, prev_spk;           /* speakers */
	struct series *s;
	struct scene *sc;
	char *prev_line_speaker;
};

static const json_t *nvl(struct nov *n, const char *base)
{
	char k[64];
	snprintf(k, sizeof k, "%s_%s", base, n->zh ? "zh" : "en");
	return json_object_get(n->nd, k);
}

static int follow(struct nov *n, int i)
{
	for (int guard = 0; i >= 0 && n->ch[i].merged >= 0 && guard < 64; guard++) i = n->ch[i].merged;
	return i;
}

static int find_ch(struct nov *n, const char *name)
{
	for (size_t i = 0; i < n->n_ch; i++)
		if (!strcmp(n->ch[i].name, name)) return follow(n, (int)i);
	return -1;
}

static int add_ch(struct nov *n, const char *name)
{
	int i = find_ch(n, name);
	if (i >= 0) return i;
	xgrow((void **)&n->ch, &n->cap_ch, n->n_ch, sizeof *n->ch);
	struct nch *c = &n->ch[n->n_ch];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(name);
	c->merged = -1;
	const char *g = imp_gender(name);
	if (g && !imp_in_list("narrator_names", name)) c->gender = g;
	const char *role = imp_lookup("role_words", name);
	if (role) c->role = xstrdup(role);
	return (int)n->n_ch++;
}

/* ---- text helpers ---- */
static int starts(const char *p, const char *w) { return !strncmp(p, w, strlen(w)); }

static int in_list(const json_t *list, const char *w)
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

static int is_han_at(const char *p)
{
	const char *q = p;
	int32_t c = utf8_next(&q);
	return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || c >= 0x20000;
}

/* Bytes of the code point at p; invalid UTF-8 counts byte by byte and never runs past the end. */
static size_t cp_len(const char *p)
{
	unsigned char c = (unsigned char)*p;
	size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80) return i;
	return n;
}

/* the closer for an opening quote at p, or NULL */
static const char *quote_close(const char *p, size_t *open_len)
{
	*open_len = 3;
	if (starts(p, "\xE2\x80\x9C")) return "\xE2\x80\x9D";     /* “ ” */
	if (starts(p, "\xE3\x80\x8C")) return "\xE3\x80\x8D";     /* 「 」 */
	if (starts(p, "\xE3\x80\x8E")) return "\xE3\x80\x8F";     /* 『 』 */
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
		if (!close) { p += cp_len(p); continue; }
		seg_push(pa, 0, start, (size_t)(p - start));
		const char *q = p + ol, *e = strstr(q, close);
		/* 『』 inside “” is quoted text, so look for the closer only */
		if (!e) e = q + strlen(q);   /* a quote left open runs to the paragraph's end */
		seg_push(pa, 1, q, (size_t)(e - q));
		p = *e ? e + strlen(close) : e;
		start = p;
	}
	seg_push(pa, 0, start, (size_t)(p - start));
}

static int is_marker_line(struct nov *n, const char *t)
{
	const json_t *marks = json_object_get(n->nd, "scene_break_lines");
	if (in_list(marks, t)) return 1;
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
			if (starts(p, "章") || starts(p, "回") || starts(p, "节") || starts(p, "幕")) return 1;
			p += cp_len(p);
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
	const json_t *list = nvl(n, "time_shift");
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		const char *w = json_string_value(x);
		if (n->zh ? starts(t, w) : !strncasecmp(t, w, strlen(w))) return w;
	}
	return NULL;
}

/* Paragraphs: blocks between blank lines (lines joined), or single lines when the
 * text has no blank lines at all. */
static void split_paragraphs(struct nov *n, const char *text)
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
		while (starts(t, "\xE3\x80\x80")) t += 3;
		size_t tl = strlen(t);
		while (tl >= 3 && !strcmp(t + tl - 3, "\xE3\x80\x80")) t[tl -= 3] = 0;
		int blank = !*t;
		int marker = !blank && (is_marker_line(n, t) || is_chapter_line(n, t));
		if (blank || marker || !has_blank) {
			if (cur.len) {
				xgrow((void **)&n->p, &n->cap_p, n->n_p, sizeof *n->p);
				struct para *pa = &n->p[n->n_p++];
				memset(pa, 0, sizeof *pa);
				pa->raw = cur.s;
				pa->brk = pending_brk;
				memset(&cur, 0, sizeof cur);
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
	if (cur.len) {
		xgrow((void **)&n->p, &n->cap_p, n->n_p, sizeof *n->p);
		struct para *pa = &n->p[n->n_p++];
		memset(pa, 0, sizeof *pa);
		pa->raw = cur.s;
		pa->brk = pending_brk;
	}
	for (size_t i = 0; i < n->n_p; i++) {
		struct para *pa = &n->p[i];
		pa->shift = time_shift(n, pa->raw);
		if (pa->shift && i) pa->brk = 1;
		segment(pa);
	}
}

/* ---- words (English) ---- */
/* The ASCII word at p (letters, inner apostrophes); 0 if none. */
static size_t word_at(const char *p)
{
	size_t i = 0;
	while (isalpha((unsigned char)p[i]) || (p[i] == '\'' && i && isalpha((unsigned char)p[i + 1]))) i++;
	return i;
}

static int is_title_word(struct nov *n, const char *p, size_t wl, size_t *with_dot)
{
	char buf[32];
	if (wl + 2 > sizeof buf) return 0;
	const json_t *titles = json_object_get(n->nd, "titles_en");
	*with_dot = wl + (p[wl] == '.');
	snprintf(buf, sizeof buf, "%.*s", (int)*with_dot, p);
	if (in_list(titles, buf)) return 1;
	snprintf(buf, sizeof buf, "%.*s", (int)wl, p);
	if (in_list(titles, buf)) { *with_dot = wl; return 1; }
	return 0;
}

static int stop_word(struct nov *n, const char *w)
{
	return in_list(json_object_get(n->nd, "stop_names_en"), w);
}

/* 1 if the word appears somewhere in the text in lower case (so it is no name). */
static int seen_lower(const char *text, const char *w)
{
	char *lw = xstrdup(w);
	for (char *c = lw; *c; c++) *c = (char)tolower((unsigned char)*c);
	size_t n = strlen(lw);
	int found = 0;
	for (const char *p = text; (p = strstr(p, lw)); p += n)
		if ((p == text || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[n])) { found = 1; break; }
	free(lw);
	return found;
}

/* A name starting at p: "Mr. Bao", "Xia", "Prince Rui". Writes it to out; returns bytes used, 0 if none. */
static size_t name_at(struct nov *n, const char *p, char *out, size_t outn)
{
	size_t wl = word_at(p), td;
	if (!wl || !isupper((unsigned char)p[0])) return 0;
	if (is_title_word(n, p, wl, &td)) {
		const char *q = p + td;
		while (*q == ' ') q++;
		size_t nl = word_at(q);
		if (nl && isupper((unsigned char)q[0])) {
			char w[64];
			snprintf(w, sizeof w, "%.*s", (int)nl, q);
			if (stop_word(n, w)) return 0;
			snprintf(out, outn, "%.*s %s", (int)td, p, w);
			return (size_t)(q + nl - p);
		}
		return 0;
	}
	snprintf(out, outn, "%.*s", (int)wl, p);
	if (stop_word(n, out)) return 0;
	return wl;
}

static int said_verb_en(struct nov *n, const char *p, size_t wl)
{
	char w[32];
	if (wl >= sizeof w) return 0;
	snprintf(w, sizeof w, "%.*s", (int)wl, p);
	for (char *c = w; *c; c++) *c = (char)tolower((unsigned char)*c);
	return in_list(json_object_get(n->nd, "said_en"), w);
}

/* ---- Chinese ---- */
static int surname_at(struct nov *n, const char *p)
{
	const char *sn = json_string_value(json_object_get(n->nd, "zh_surnames"));
	size_t l = cp_len(p);
	if (!sn || l != 3) return 0;
	char c[4] = { p[0], p[1], p[2], 0 };
	return strstr(sn, c) != NULL;
}

/* A said-verb inside clause [p, e): its position, or NULL; *vl its length. */
static const char *said_zh(struct nov *n, const char *p, const char *e, size_t *vl)
{
	const json_t *v = json_object_get(n->nd, "said_zh");
	for (const char *q = p; q < e; q += cp_len(q)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) {
			const char *w = json_string_value(x);
			size_t l = strlen(w);
			if ((size_t)(e - q) >= l && !strncmp(q, w, l)) { *vl = l; return q; }
		}
	}
	return NULL;
}

/* Remove adverbs (低声, 冷冷...) from the end of a Chinese attribution prefix. */
static void strip_adverbs(struct nov *n, char *s)
{
	const json_t *adv = json_object_get(n->nd, "adverbs_zh");
	for (int again = 1; again;) {
		again = 0;
		size_t i, sl = strlen(s);
		json_t *x;
		json_array_foreach(adv, i, x) {
			const char *w = json_string_value(x);
			size_t l = strlen(w);
			if (sl > l && !strcmp(s + sl - l, w)) { s[sl - l] = 0; again = 1; break; }
		}
	}
}

static int cjk_count(const char *s)
{
	int k = 0;
	for (const char *p = s; *p; p += cp_len(p)) {
		if (!is_han_at(p)) return -1;
		k++;
	}
	return k;
}

static int zh_name_ok(struct nov *n, const char *s)
{
	int k = cjk_count(s);
	if (k < 2 || k > 4) return 0;
	if (in_list(json_object_get(n->nd, "zh_not_names"), s)) return 0;
	if (!strcmp(s, "他") || !strcmp(s, "她")) return 0;
	return 1;
}

/* The clause after a quote: from its start to the first , . ! ? (，。！？：；) — not
 * counting the dot of "Mr.". Returns its length including the punctuation. */
static size_t lead_clause(struct nov *n, const char *t, size_t *body)
{
	const char *p = t;
	while (*p == ' ' || *p == ',' || starts(p, "，")) p += starts(p, "，") ? 3 : 1;
	const char *b = p;
	while (*p) {
		if (strchr(",.!?;:", *p)) {
			if (*p == '.' && !n->zh) {
				const char *w = p;
				while (w > b && isalpha((unsigned char)w[-1])) w--;
				size_t td;
				if (p > w && is_title_word(n, w, (size_t)(p - w), &td)) { p++; continue; }
			}
			*body = (size_t)(p - t);
			return (size_t)(p - t) + 1;
		}
		if (starts(p, "，") || starts(p, "。") || starts(p, "！") || starts(p, "？") || starts(p, "：") || starts(p, "；")) {
			*body = (size_t)(p - t);
			return (size_t)(p - t) + 3;
		}
		p += cp_len(p);
	}
	*body = (size_t)(p - t);
	return (size_t)(p - t);
}

/* ---- pass 1: names ---- */
static void names_en(struct nov *n, const char *text)
{
	struct { char name[64]; int count, strong; } cand[256];
	size_t nc = 0;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		struct para *pa = &n->p[pi];
		for (size_t si = 0; si < pa->n; si++) {
			struct seg *sg = &pa->v[si];
			const char *t = sg->text;
			if (sg->quote) {
				/* self-introductions */
				const json_t *intro = json_object_get(n->nd, "self_intro_en");
				size_t i;
				json_t *x;
				json_array_foreach(intro, i, x) {
					const char *w = json_string_value(x), *q = strstr(t, w);
					if (!q) continue;
					q += strlen(w);
					while (*q == ' ') q++;
					char nm[64];
					if (name_at(n, q, nm, sizeof nm) && !seen_lower(text, nm)) add_ch(n, nm);
				}
				continue;
			}
			int attrib = si > 0 && pa->v[si - 1].quote;
			/* the first name of narration that leads into a quote is its speaker */
			int lead = si + 1 < pa->n && pa->v[si + 1].quote;
			for (const char *p = t; *p;) {
				size_t wl = word_at(p);
				if (!wl) { p++; continue; }
				char nm[64];
				size_t used = name_at(n, p, nm, sizeof nm);
				if (used) {
					int titled = strchr(nm, ' ') != NULL;
					/* "said Xia" / "Xia said" right after a quote */
					int strong = titled || lead;
					lead = 0;
					if (attrib && p - t < 24) {
						const char *q = p + used;
						while (*q == ' ') q++;
						size_t ql = word_at(q);
						if (ql && said_verb_en(n, q, ql)) strong = 1;
						const char *b = p;
						while (b > t && b[-1] == ' ') b--;
						const char *bw = b;
						while (bw > t && isalpha((unsigned char)bw[-1])) bw--;
						if (b > bw && said_verb_en(n, bw, (size_t)(b - bw))) strong = 1;
					}
					size_t k;
					for (k = 0; k < nc; k++) if (!strcmp(cand[k].name, nm)) break;
					if (k == nc && nc < ARRAY_LEN(cand)) { snprintf(cand[nc].name, sizeof cand[nc].name, "%s", nm); cand[nc].count = 0; cand[nc].strong = 0; nc++; }
					if (k < nc) { cand[k].count++; cand[k].strong |= strong; }
					p += used;
					continue;
				}
				p += wl;
			}
		}
	}
	/* titled names first, so a bare "Bao" can join "Mr. Bao" */
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < nc; k++) {
			int titled = strchr(cand[k].name, ' ') != NULL;
			if (titled != !pass) continue;
			if (!titled) {
				int part = 0;
				for (size_t c = 0; c < n->n_ch; c++) {
					const char *sp = strrchr(n->ch[c].name, ' ');
					if (sp && !strcmp(sp + 1, cand[k].name)) part = 1;
				}
				if (part || seen_lower(text, cand[k].name)) continue;
				if (!cand[k].strong && cand[k].count < 2) continue;
			}
			add_ch(n, cand[k].name);
		}
}

static void names_zh(struct nov *n)
{
	const json_t *suffixes = json_object_get(n->nd, "name_suffix_zh");
	for (size_t pi = 0; pi < n->n_p; pi++) {
		struct para *pa = &n->p[pi];
		for (size_t si = 0; si < pa->n; si++) {
			const char *t = pa->v[si].text;
			if (pa->v[si].quote) {
				const json_t *intro = json_object_get(n->nd, "self_intro_zh");
				size_t i;
				json_t *x;
				json_array_foreach(intro, i, x) {
					const char *w = json_string_value(x), *q = strstr(t, w);
					if (!q) continue;
					q += strlen(w);
					const char *e = q;
					while (*e && is_han_at(e)) e += cp_len(e);
					/* the name: a surname with one or two characters after it, ending the phrase */
					for (const char *c = q; c < e; c += cp_len(c)) {
						int rest = 0;
						for (const char *r = c + cp_len(c); r < e; r += cp_len(r)) rest++;
						if ((rest == 1 || rest == 2) && surname_at(n, c)) {
							char *nm = xstrndup(c, (size_t)(e - c));
							if (zh_name_ok(n, nm)) add_ch(n, nm);
							free(nm);
							break;
						}
					}
				}
				continue;
			}
			/* 夏晓说 right after a quote, or before one ("夏晓说：") */
			if ((si > 0 && pa->v[si - 1].quote) || (si + 1 < pa->n && pa->v[si + 1].quote)) {
				const char *cl = t;
				if (!(si > 0 && pa->v[si - 1].quote)) {
					/* the last clause before the quote */
					const char *last = t;
					for (const char *p = t; *p; p += cp_len(p))
						if ((starts(p, "，") || starts(p, "。") || starts(p, "！") || starts(p, "？")) && p[3]) last = p + 3;
					cl = last;
				}
				size_t body;
				lead_clause(n, cl, &body);
				while (starts(cl, "，")) { cl += 3; body -= body >= 3 ? 3 : body; }
				size_t vl;
				const char *v = said_zh(n, cl, cl + body, &vl);
				if (v && v > cl) {
					char *pre = xstrndup(cl, (size_t)(v - cl));
					strip_adverbs(n, pre);
					if (zh_name_ok(n, pre) && find_ch(n, pre) < 0) add_ch(n, pre);
					free(pre);
				}
			}
			/* 鲍老板, 高夫人 */
			size_t i;
			json_t *x;
			json_array_foreach(suffixes, i, x) {
				const char *w = json_string_value(x);
				size_t l = strlen(w);
				for (const char *q = strstr(t, w); q; q = strstr(q + l, w))
					if (q - t >= 3 && surname_at(n, q - 3)) {
						char *nm = xstrndup(q - 3, l + 3);
						add_ch(n, nm);
						free(nm);
					}
			}
		}
	}
}

/* ---- mentions and pronouns ---- */
static int placeholder(struct nov *n, const char *gender)
{
	const json_t *ph = nvl(n, "placeholder");
	const char *name = json_string_value(json_object_get(ph, gender ? gender : "male"));
	int i = find_ch(n, name ? name : "Stranger");
	if (i >= 0) return i;
	i = add_ch(n, name ? name : "Stranger");
	n->ch[i].placeholder = 1;
	n->ch[i].gender = gender && !strcmp(gender, "female") ? "female" : "male";
	return i;
}

static void mention(struct nov *n, int i)
{
	if (i < 0) return;
	n->last_any = i;
	if (str_eq(n->ch[i].gender, "male")) n->last_m = i;
	if (str_eq(n->ch[i].gender, "female")) n->last_f = i;
}

static int resolve_pronoun(struct nov *n, const char *g)
{
	int male = !strcmp(g, "male");
	int i = male ? n->last_m : n->last_f;
	if (i >= 0) return follow(n, i);
	if (n->last_any >= 0) {
		int a = follow(n, n->last_any);
		if (!n->ch[a].gender) { n->ch[a].gender = male ? "male" : "female"; return a; }
	}
	/* the most recent speaker or mention without a gender */
	for (size_t k = n->n_ch; k-- > 0;)
		if (n->ch[k].merged < 0 && !n->ch[k].gender && n->ch[k].used) { n->ch[k].gender = male ? "male" : "female"; return (int)k; }
	return placeholder(n, g);
}

/* Resolve every character reference in [t, t+len) in order (names, pronouns, "the
 * man"), updating the mentions. Writes up to max characters to out (unique); returns
 * how many; *first gets the first (or -1). */
static size_t refs(struct nov *n, const char *t, size_t len, int *out, size_t max, int *first)
{
	size_t k = 0;
	*first = -1;
	const char *e = t + len;
	const json_t *desc = nvl(n, "descriptors");
	const json_t *pron = nvl(n, "pronouns");
	for (const char *p = t; p < e;) {
		int who = -1;
		size_t adv = 0;
		/* known names, longest first */
		size_t best = 0;
		for (size_t c = 0; c < n->n_ch; c++) {
			const char *nm = n->ch[c].name;
			size_t l = strlen(nm);
			if (l > best && (size_t)(e - p) >= l && !strncmp(p, nm, l) &&
			    (n->zh || ((p == t || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[l])))) {
				best = l;
				who = follow(n, (int)c);
			}
			/* "Bao" for "Mr. Bao" */
			const char *sp = n->zh ? NULL : strrchr(nm, ' ');
			if (sp) {
				size_t sl = strlen(sp + 1);
				if (sl > best && (size_t)(e - p) >= sl && !strncmp(p, sp + 1, sl) &&
				    (p == t || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[sl])) {
					best = sl;
					who = follow(n, (int)c);
				}
			}
		}
		if (who >= 0) adv = best;
		if (who < 0) {
			size_t i;
			json_t *x;
			json_array_foreach(desc, i, x) {
				const char *w = json_string_value(json_array_get(x, 0));
				size_t l = strlen(w);
				if ((size_t)(e - p) >= l && (n->zh ? !strncmp(p, w, l) : !strncasecmp(p, w, l)) &&
				    (n->zh || ((p == t || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[l])))) {
					who = placeholder(n, json_string_value(json_array_get(x, 1)));
					adv = l;
					break;
				}
			}
		}
		if (who < 0) {
			const char *k2;
			json_t *g;
			json_object_foreach((json_t *)pron, k2, g) {
				size_t l = strlen(k2);
				if ((size_t)(e - p) < l) continue;
				int hit = n->zh ? !strncmp(p, k2, l) && !starts(p + l, "们")
				                : !strncasecmp(p, k2, l) && (p == t || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[l]);
				if (hit) { who = resolve_pronoun(n, json_string_value(g)); adv = l; break; }
			}
		}
		if (who >= 0) {
			mention(n, who);
			if (*first < 0) *first = who;
			size_t j;
			for (j = 0; j < k; j++) if (out[j] == who) break;
			if (j == k && k < max) out[k++] = who;
			p += adv;
		} else {
			size_t wl = n->zh ? 0 : word_at(p);
			p += wl ? wl : cp_len(p);
		}
	}
	return k;
}

/* ---- pass 2: scenes, shots and lines ---- */
static void rename_all(struct series *s, const char *from, const char *to)
{
	for (size_t i = 0; i < s->n_eps; i++)
		for (size_t j = 0; j < s->eps[i].n_scenes; j++) {
			struct scene *sc = &s->eps[i].scenes[j];
			for (size_t k = 0; k < sc->n_shots; k++) {
				struct shot *sh = &sc->shots[k];
				if (sh->line && str_eq(sh->line->speaker, from)) { free(sh->line->speaker); sh->line->speaker = xstrdup(to); }
				for (size_t a = 0; a < sh->n_actors; a++) {
					if (!str_eq(sh->actors[a].name, from)) continue;
					int dup = 0;
					for (size_t b = 0; b < sh->n_actors; b++) dup |= b != a && str_eq(sh->actors[b].name, to);
					if (dup) {
						struct actor *x = &sh->actors[a];
						free(x->name); free(x->expression); free(x->pose); free(x->action);
						memmove(sh->actors + a, sh->actors + a + 1, (sh->n_actors - a - 1) * sizeof *sh->actors);
						sh->n_actors--;
						a--;
					} else {
						free(sh->actors[a].name);
						sh->actors[a].name = xstrdup(to);
					}
				}
			}
		}
}

/* A placeholder who says "I am Rui" becomes Rui. */
static void self_intro(struct nov *n, int spk, const char *quote)
{
	if (spk < 0 || !n->ch[spk].placeholder || n->ch[spk].merged >= 0) return;
	const json_t *intro = nvl(n, "self_intro");
	size_t i;
	json_t *x;
	json_array_foreach(intro, i, x) {
		const char *q = strstr(quote, json_string_value(x));
		if (!q) continue;
		q += strlen(json_string_value(x));
		/* the earliest known name after the marker */
		int best = -1;
		const char *bp = NULL;
		for (size_t c = 0; c < n->n_ch; c++) {
			if ((int)c == spk || n->ch[c].merged >= 0 || n->ch[c].placeholder) continue;
			const char *h = strstr(q, n->ch[c].name);
			if (h && (!bp || h < bp)) { bp = h; best = (int)c; }
		}
		if (best < 0 || bp - q > 40) continue;
		n->ch[spk].merged = best;
		if (!n->ch[best].gender) n->ch[best].gender = n->ch[spk].gender;
		n->ch[best].used = 1;
		rename_all(n->s, n->ch[spk].name, n->ch[best].name);
		if (str_eq(n->prev_line_speaker, n->ch[spk].name)) { free(n->prev_line_speaker); n->prev_line_speaker = xstrdup(n->ch[best].name); }
		if (n->last_m == spk) n->last_m = best;
		if (n->last_f == spk) n->last_f = best;
		if (n->last_any == spk) n->last_any = best;
		if (n->last_spk == spk) n->last_spk = best;
		if (n->prev_spk == spk) n->prev_spk = best;
		return;
	}
}

/* A quote or narration piece as a sentence: a trailing comma or colon becomes a full stop. */
static char *tidy(const char *t)
{
	char *s = xstrdup(t);
	char *u = str_trim(s);
	size_t l = strlen(u);
	struct sbuf b = { 0 };
	if (l && (u[l - 1] == ',' || u[l - 1] == ':' || u[l - 1] == ';')) { u[l - 1] = 0; sb_add(&b, u); sb_add(&b, "."); }
	else if (l >= 3 && (!strcmp(u + l - 3, "，") || !strcmp(u + l - 3, "：") || !strcmp(u + l - 3, "；"))) { u[l - 3] = 0; sb_add(&b, u); sb_add(&b, "。"); }
	else sb_add(&b, u);
	free(s);
	return b.s;
}

static struct shot *new_shot(struct nov *n, const char *type)
{
	struct shot *sh = scene_add_shot(n->sc);
	sh->type = xstrdup(type);
	return sh;
}

static void put_actor(struct nov *n, struct shot *sh, int who, const char *face)
{
	if (who < 0) return;
	who = follow(n, who);
	n->ch[who].used = 1;
	for (size_t i = 0; i < sh->n_actors; i++)
		if (str_eq(sh->actors[i].name, n->ch[who].name)) return;
	struct actor *a = shot_add_actor(sh);
	a->name = xstrdup(n->ch[who].name);
	if (face) a->expression = xstrdup(face);
}

static size_t words_of(const char *t)
{
	size_t w = 0;
	int in = 0;
	const char *p = t;
	while (*p) {
		int32_t c = utf8_next(&p);
		if (c > 0 && utf8_is_cjk(c)) { w++; in = 0; }
		else if (c == ' ' || c == '\n') in = 0;
		else if (!in) { w++; in = 1; }
	}
	return w;
}

/* Sentences of a narration into chunks of at most ~150 characters (2 sentences). */
static size_t next_chunk(struct nov *n, const char *t)
{
	const char *p = t;
	size_t cps = 0;
	int sentences = 0;
	const char *last_end = NULL, *last_space = NULL;
	while (*p) {
		const char *q = p + cp_len(p);
		cps++;
		int end = 0;
		if (strchr(".!?", *p) && (*q == ' ' || !*q || *q == '"')) {
			const char *w = p;
			while (w > t && isalpha((unsigned char)w[-1])) w--;
			size_t td;
			end = !(p > w && is_title_word(n, w, (size_t)(p - w), &td));
		}
		if (starts(p, "。") || starts(p, "！") || starts(p, "？") || starts(p, "；")) end = 1;
		if (*p == ' ') last_space = p;
		if (end) {
			sentences++;
			last_end = q;
			if (sentences >= 2 || cps > 110) return (size_t)(q - t);
		}
		if (cps >= 170) {
			if (last_end) return (size_t)(last_end - t);
			if (last_space) return (size_t)(last_space - t);
			return (size_t)(q - t);
		}
		p = q;
	}
	return (size_t)(p - t);
}

static const char *shot_for(size_t actors, size_t words)
{
	return actors == 0 ? (words <= 10 ? "insert" : "wide") : actors == 1 ? "medium" : "two_shot";
}

/* Narration: a line with no speaker per chunk, framed on who it names. */
static void narrate(struct nov *n, const char *text, int establishing)
{
	const char *p = text;
	while (*p) {
		while (*p == ' ') p++;
		if (!*p) break;
		size_t len = next_chunk(n, p);
		char *chunk = xstrndup(p, len);
		p += len;
		char *c = str_trim(chunk);
		if (*c) {
			int who[3], first;
			size_t k = refs(n, c, strlen(c), who, 3, &first);
			struct shot *sh;
			if (establishing && n->sc->n_shots == 1 && !n->sc->shots[0].line) sh = &n->sc->shots[0];
			else sh = new_shot(n, shot_for(k, words_of(c)));
			for (size_t i = 0; i < k; i++) put_actor(n, sh, who[i], NULL);
			const char *snd = imp_lookup("sounds", c), *pose = imp_lookup("poses", c);
			if (snd && !sh->sound) sh->sound = xstrdup(snd);
			if (pose && sh->n_actors && !sh->actors[sh->n_actors - 1].pose) sh->actors[sh->n_actors - 1].pose = xstrdup(pose);
			struct line *l = shot_set_line(sh);
			l->text = xstrdup(c);
			establishing = 0;
		}
		free(chunk);
	}
}

/* An action shot for narration inside a dialogue paragraph (not spoken). */
static void action(struct nov *n, const char *text)
{
	int who[3], first;
	size_t k = refs(n, text, strlen(text), who, 3, &first);
	if (words_of(text) < (n->zh ? 6u : 4u)) return;
	struct shot *sh;
	if (n->sc->n_shots == 1 && !n->sc->shots[0].line && !n->sc->shots[0].action) sh = &n->sc->shots[0];
	else sh = new_shot(n, shot_for(k, words_of(text)));
	for (size_t i = 0; i < k; i++) put_actor(n, sh, who[i], NULL);
	const char *pose = imp_lookup("poses", text), *snd = imp_lookup("sounds", text);
	if (pose && sh->n_actors) sh->actors[0].pose = xstrdup(pose);
	if (snd) sh->sound = xstrdup(snd);
	sh->action = tidy(text);
}

static void speak(struct nov *n, int spk, const char *text, const char *emotion)
{
	spk = follow(n, spk);
	const char *name = spk >= 0 ? n->ch[spk].name : NULL;
	const char *t = text;
	int first = 1;
	while (*t) {
		size_t len = strlen(t);
		if (utf8_len(t) > 180) len = next_chunk(n, t);
		char *piece = xstrndup(t, len);
		t += len;
		while (*t == ' ') t++;
		if (!*str_trim(piece)) { free(piece); continue; }
		int spoke_before = 0;
		for (size_t k = 0; k < n->sc->n_shots && name; k++)
			if (n->sc->shots[k].line && str_eq(n->sc->shots[k].line->speaker, name)) spoke_before = 1;
		const char *type = "medium";
		if (!name) type = "wide";
		else if (emotion && (!strcmp(emotion, "surprised") || !strcmp(emotion, "scared")) && words_of(piece) <= 4) type = "extreme_close_up";
		else if (emotion && strstr(" angry shout crying surprised scared whisper ", emotion)) type = "close_up";
		else if (spoke_before && n->prev_line_speaker && !str_eq(n->prev_line_speaker, name)) type = "over_the_shoulder";
		struct shot *sh = new_shot(n, type);
		if (name) {
			const char *face = emotion && strcmp(emotion, "whisper") ? (strcmp(emotion, "shout") ? emotion : "angry") : NULL;
			put_actor(n, sh, spk, face);
			if (!strcmp(type, "over_the_shoulder")) {
				int o = find_ch(n, n->prev_line_speaker);
				put_actor(n, sh, o, NULL);
			}
		}
		if (emotion && (!strcmp(emotion, "angry") || !strcmp(emotion, "shout"))) sh->camera = xstrdup("push_in");
		struct line *l = shot_set_line(sh);
		l->speaker = name ? xstrdup(name) : NULL;
		l->text = tidy(piece);
		l->emotion = emotion ? xstrdup(emotion) : NULL;
		free(piece);
		(void)first;
		first = 0;
	}
	if (name) {
		free(n->prev_line_speaker);
		n->prev_line_speaker = xstrdup(name);
		if (spk != n->last_spk) { n->prev_spk = n->last_spk; n->last_spk = spk; }
		mention(n, spk);
		n->ch[spk].used = 1;
	}
}

/* An attribution clause right after a quote: "she said." "said Mr. Bao," "他问，"
 * "夏晓低声说，". Returns the speaker (or -1) and the bytes it takes; *emo its emotion. */
static int attribution_after(struct nov *n, const char *t, size_t *used, const char **emo)
{
	size_t body, len = lead_clause(n, t, &body);
	*used = 0;
	*emo = NULL;
	if (!body) return -1;
	char *cl = xstrndup(t, body);
	int who = -1;
	if (n->zh) {
		size_t vl;
		const char *c = cl;
		while (starts(c, "，")) c += 3;
		const char *v = said_zh(n, c, c + strlen(c), &vl);
		if (v && v > c && utf8_len(c) <= 12) {
			char *pre = xstrndup(c, (size_t)(v - c));
			strip_adverbs(n, pre);
			int tmp[1], first;
			refs(n, pre, strlen(pre), tmp, 1, &first);
			who = first;
			free(pre);
		}
	} else {
		size_t words = 0, verb = 0;
		for (const char *p = cl; *p;) {
			size_t wl = word_at(p);
			if (!wl) { p++; continue; }
			words++;
			if (said_verb_en(n, p, wl)) verb = 1;
			p += wl;
		}
		if (verb && words <= 6) {
			int tmp[1], first;
			refs(n, cl, strlen(cl), tmp, 1, &first);
			who = first;
		}
	}
	if (who >= 0) {
		*used = len;
		*emo = imp_lookup("emotions", cl);
	}
	free(cl);
	return who;
}

/* Narration right before a quote that introduces it: "...菜单：" "Xia said:" "He turned
 * and said," — the subject of its last sentence. */
static int introduces(struct nov *n, const char *t, int subject_last)
{
	size_t l = strlen(t);
	while (l && t[l - 1] == ' ') l--;
	if (!l) return -1;
	if (t[l - 1] == ':' || (l >= 3 && !strncmp(t + l - 3, "：", 3))) return subject_last;
	if (t[l - 1] == ',' || (l >= 3 && !strncmp(t + l - 3, "，", 3))) {
		/* "said," / "说，" at the end */
		const char *e = t + l - (t[l - 1] == ',' ? 1 : 3);
		if (n->zh) {
			size_t vl;
			const char *b = e;
			for (int k = 0; k < 3 && b > t; k++) { b--; while (b > t && ((unsigned char)*b & 0xC0) == 0x80) b--; }
			if (said_zh(n, b, e, &vl)) return subject_last;
		} else {
			const char *w = e;
			while (w > t && isalpha((unsigned char)w[-1])) w--;
			if (said_verb_en(n, w, (size_t)(e - w))) return subject_last;
		}
	}
	return -1;
}

/* The first character named in the last sentence of t (resolving as it reads). */
static int narrate_refs(struct nov *n, const char *t, int *subject_first, int *subject_last)
{
	const char *p = t;
	*subject_first = *subject_last = -1;
	while (*p) {
		size_t len = next_chunk(n, p);
		if (!len) break;
		int who[3], first;
		refs(n, p, len, who, 3, &first);
		if (*subject_first < 0) *subject_first = first;
		*subject_last = first;
		p += len;
		while (*p == ' ') p++;
	}
	return *subject_first;
}

static void paragraph(struct nov *n, struct para *pa, int establishing)
{
	int has_quote = 0;
	for (size_t i = 0; i < pa->n; i++) has_quote |= pa->v[i].quote;
	if (!has_quote) {
		for (size_t i = 0; i < pa->n; i++) { narrate(n, pa->v[i].text, establishing); establishing = 0; }
		return;
	}
	int para_subject = -1, same = -1, subject_last = -1;
	size_t skip = 0;
	for (size_t si = 0; si < pa->n; si++) {
		struct seg *sg = &pa->v[si];
		if (!sg->quote) {
			const char *t = sg->text + (skip <= strlen(sg->text) ? skip : strlen(sg->text));
			skip = 0;
			while (*t == ' ' || starts(t, "，")) t += *t == ' ' ? 1 : 3;
			int sf;
			narrate_refs(n, t, &sf, &subject_last);
			if (para_subject < 0) para_subject = sf;
			action(n, t);
			continue;
		}
		if (!*sg->text) continue;
		int spk = -1;
		const char *emo = NULL;
		size_t used = 0;
		if (si + 1 < pa->n && !pa->v[si + 1].quote) {
			spk = attribution_after(n, pa->v[si + 1].text, &used, &emo);
			if (spk >= 0) skip = used;
		}
		if (spk < 0 && si > 0 && !pa->v[si - 1].quote) spk = introduces(n, pa->v[si - 1].text, subject_last);
		if (spk < 0) spk = same;
		if (spk < 0) spk = para_subject;
		if (spk < 0) {   /* turn-taking: the one who spoke before the last speaker */
			int a = follow(n, n->last_spk), b = follow(n, n->prev_spk);
			if (b >= 0 && b != a) spk = b;
			else if (n->last_any >= 0 && follow(n, n->last_any) != a) spk = follow(n, n->last_any);
		}
		const char *emotion = emo ? emo : imp_guess_emotion(NULL, sg->text);
		speak(n, spk, sg->text, emotion);
		self_intro(n, follow(n, spk), sg->text);
		same = follow(n, spk);
		subject_last = -1;
	}
}

/* "Mr. Bao, the landlord," / "房东鲍老板": a role word next to the name. */
static void roles(struct nov *n)
{
	const json_t *rw = imp_data("role_words");
	for (size_t c = 0; c < n->n_ch; c++) {
		const char *nm = n->ch[c].name;
		size_t nl = strlen(nm);
		for (size_t pi = 0; pi < n->n_p; pi++)
			for (size_t si = 0; si < n->p[pi].n; si++) {
				if (n->p[pi].v[si].quote) continue;
				const char *t = n->p[pi].v[si].text;
				for (const char *h = strstr(t, nm); h; h = strstr(h + nl, nm)) {
					size_t i;
					json_t *x;
					json_array_foreach(rw, i, x) {
						const char *w = json_string_value(json_array_get(x, 0));
						size_t wl = strlen(w);
						int hit;
						if (n->zh) hit = (size_t)(h - t) >= wl && !strncmp(h - wl, w, wl);
						else hit = !strncmp(h + nl, ", the ", 6) && !strncasecmp(h + nl + 6, w, wl) && !isalpha((unsigned char)h[nl + 6 + wl]);
						if (!hit) continue;
						free(n->ch[c].role);
						n->ch[c].role = xstrdup(json_string_value(json_array_get(x, 1)));
						goto next_char;
					}
				}
			}
	next_char:;
	}
}

static const char *shift_time(struct nov *n, const char *phrase)
{
	const json_t *t = json_object_get(n->nd, "time_of_shift");
	size_t i;
	json_t *x;
	json_array_foreach(t, i, x)
		if (imp_has_word(phrase, json_string_value(json_array_get(x, 0)))) return json_string_value(json_array_get(x, 1));
	return NULL;
}

static char *location_for(struct nov *n, const char *text)
{
	const char *kind = imp_lookup("location_kinds", text);
	if (!kind) return NULL;
	const json_t *names = json_object_get(imp_data("location_names"), kind);
	const char *nm = json_string_value(json_array_get(names, n->zh ? 1 : 0));
	return xstrdup(nm ? nm : kind);
}

/* A paragraph that opens somewhere else ("At the hospital, ...", "回到办公室，") starts a
 * scene there: the place's name, or NULL if it does not move (or says nowhere known). */
static char *place_change(struct nov *n, const struct para *pa, const char *cur)
{
	if (!pa->n || pa->v[0].quote) return NULL;
	const char *t = pa->v[0].text;
	const json_t *openers = nvl(n, "place_openers");
	size_t i;
	json_t *x;
	json_array_foreach(openers, i, x) {
		const char *w = json_string_value(x);
		size_t wl = strlen(w);
		if (n->zh ? strncmp(t, w, wl) : strncasecmp(t, w, wl)) continue;
		/* the place phrase: up to the first comma or stop */
		const char *e = t + wl;
		int words = 0, cps = 0;   /* a place is named in a few words: "the old hospital" */
		while (*e && !strchr(",.;:!?", *e) && !starts(e, "，") && !starts(e, "。") && !starts(e, "：")) {
			if (*e == ' ' && ++words >= 3) break;
			if (++cps > 10 && n->zh) break;
			e += cp_len(e);
		}
		char *phrase = xstrndup(t, (size_t)(e - t));
		char *loc = location_for(n, phrase);
		free(phrase);
		if (loc && !str_eq(loc, cur)) return loc;
		free(loc);
		return NULL;
	}
	return NULL;
}

static void para_free(struct para *pa)
{
	for (size_t i = 0; i < pa->n; i++) free(pa->v[i].text);
	free(pa->v);
	free(pa->raw);
}

int story_from_novel(const char *text, const struct story_opts *o, struct series **out)
{
	struct nov n = { 0 };
	*out = NULL;
	if (!text) text = "";
	if (!imp_data("novel")) return ERR_IO;
	n.nd = imp_data("novel");
	n.zh = o && o->lang ? !strcmp(o->lang, "zh") : imp_text_is_zh(text);
	n.last_m = n.last_f = n.last_any = n.last_spk = n.prev_spk = -1;
	if (!strncmp(text, "\xEF\xBB\xBF", 3)) text += 3;
	/* CRLF and CR line ends */
	char *norm = xstrdup(text);
	{
		char *w = norm;
		for (const char *r = norm; *r; r++) {
			if (*r == '\r') { *w++ = '\n'; if (r[1] == '\n') r++; }
			else *w++ = *r;
		}
		*w = 0;
	}
	split_paragraphs(&n, norm);
	if (!n.n_p) {
		free(norm);
		free(n.p);
		return err_set(ERR_INPUT, "the story text is empty; write a story (paragraphs, with dialogue in quotes)");
	}
	if (n.zh) names_zh(&n);
	else names_en(&n, norm);
	roles(&n);
	struct series *s = series_new();
	n.s = s;
	size_t first = 0;
	/* a short first line without an ending mark is the title */
	{
		struct para *pa = &n.p[0];
		size_t l = strlen(pa->raw);
		int ends = l && (strchr(".!?\"", pa->raw[l - 1]) || (l >= 3 && (!strcmp(pa->raw + l - 3, "。") || !strcmp(pa->raw + l - 3, "”") ||
		                 !strcmp(pa->raw + l - 3, "！") || !strcmp(pa->raw + l - 3, "？"))));
		if (n.n_p > 1 && !ends && utf8_len(pa->raw) <= (n.zh ? 20u : 60u) && pa->n == 1 && !pa->v[0].quote) {
			s->title = xstrdup(pa->raw);
			first = 1;
		}
	}
	struct episode *e = series_add_episode(s);
	char *prev_loc = NULL;
	const char *prev_time = "day";
	for (size_t pi = first; pi < n.n_p; pi++) {
		struct para *pa = &n.p[pi];
		char *moved = pi == first || pa->brk ? NULL : place_change(&n, pa, prev_loc);
		int start = pi == first || pa->brk || moved;
		if (start) {
			/* what the scene's narration says about place, time and weather */
			struct sbuf nar = { 0 };
			sb_add(&nar, "");
			for (size_t k = pi; k < n.n_p && (k == pi || !n.p[k].brk); k++) {
				char *elsewhere = k > pi ? place_change(&n, &n.p[k], NULL) : NULL;
				free(elsewhere);
				if (elsewhere) break;   /* the next scene's place is not this one's */
				for (size_t j = 0; j < n.p[k].n; j++)
					if (!n.p[k].v[j].quote) { sb_add(&nar, n.p[k].v[j].text); sb_add(&nar, " "); }
			}
			char *loc = moved ? moved : pa->brk || pi == first ? place_change(&n, pa, NULL) : NULL;
			if (!loc) loc = location_for(&n, nar.s);
			if (!loc && prev_loc) loc = xstrdup(prev_loc);
			if (!loc) loc = location_for(&n, norm);
			if (!loc) loc = xstrdup(n.zh ? "房间" : "Room");
			if (!series_find_location(s, loc)) {
				struct location *l = series_add_location(s);
				l->name = xstrdup(loc);
				const char *kind = imp_lookup("location_kinds", loc);
				l->kind = xstrdup(kind ? kind : "room");
			}
			n.sc = episode_add_scene(e);
			n.sc->location = loc;
			free(prev_loc);
			prev_loc = xstrdup(loc);
			const char *t = pa->shift ? shift_time(&n, pa->shift) : NULL;
			if (!t) t = prev_time;
			n.sc->time = xstrdup(t);
			prev_time = !strcmp(t, "night") ? "night" : !strcmp(t, "dusk") ? "dusk" : "day";
			const char *w = imp_lookup("weathers", nar.s);
			if (w) n.sc->weather = xstrdup(w);
			sb_free(&nar);
			struct shot *est = new_shot(&n, "wide");
			est->camera = xstrdup("push_in");
			free(n.prev_line_speaker);
			n.prev_line_speaker = NULL;
		}
		paragraph(&n, pa, start);
	}
	free(prev_loc);
	/* the cast: everyone who speaks or is seen, in order of discovery */
	for (size_t i = 0; i < n.n_ch; i++) {
		struct nch *c = &n.ch[i];
		if (c->merged >= 0 || !c->used) continue;
		struct character *sc = series_add_character(s);
		sc->name = xstrdup(c->name);
		sc->gender = c->gender ? xstrdup(c->gender) : NULL;
		sc->role = c->role ? xstrdup(c->role) : NULL;
	}
	for (size_t i = 0; i < n.n_ch; i++) { free(n.ch[i].name); free(n.ch[i].role); }
	free(n.ch);
	for (size_t i = 0; i < n.n_p; i++) para_free(&n.p[i]);
	free(n.p);
	free(n.prev_line_speaker);
	free(norm);
	if (o && o->seed) s->seed = o->seed;
	imp_split_episodes(s, o && o->minutes > 0 ? o->minutes : 3.0);
	imp_finish(s, n.zh ? "zh" : "en");
	int rc = imp_validate(s, "story text");
	if (rc < 0) { series_free(s); return rc; }
	*out = s;
	return 0;
}
