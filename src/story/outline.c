/* story/outline.c — story_from_outline(): one beat per line or paragraph (numbering,
 * bullets, "Title:" and "Logline:" lines handled), English or Chinese. Names, roles,
 * places and quoted lines are taken from the beats; the engine fills scenes, shots and
 * dialogue around them, keeping every beat as a scene summary and episode beat. */
#include "story/engine.h"
#include "story/story.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BEATS 400
#define MAX_NAMES 24

struct oname {
	char *name;
	int count, first, rival, love, boss;
	int he, she;
	const json_t *role;
	int slot;
};

struct outline {
	char *title, *logline;
	char *beats[MAX_BEATS]; int n_beats;
	struct oname names[MAX_NAMES]; int n_names;
};

static void outline_free(struct outline *o)
{
	free(o->title);
	free(o->logline);
	for (int i = 0; i < o->n_beats; i++) free(o->beats[i]);
	for (int i = 0; i < o->n_names; i++) free(o->names[i].name);
}

/* ---- beats ---- */
static const char *skip_numbering(const char *s)
{
	while (*s == ' ' || *s == '\t') s++;
	const char *p = s;
	if (*p == '-' || *p == '*' || *p == '+' || *p == '#') {
		while (*p == '-' || *p == '*' || *p == '+' || *p == '#') p++;
		while (*p == ' ') p++;
		return p;
	}
	if (!strncmp(p, "•", 3)) return p + 3 + (p[3] == ' ');
	/* "Beat 3:", "Scene 2." */
	static const char *const words[] = { "beat ", "scene ", "step ", "part ", NULL };
	for (int i = 0; words[i]; i++)
		if (!strncasecmp(p, words[i], strlen(words[i])) && isdigit((unsigned char)p[strlen(words[i])])) {
			p += strlen(words[i]);
			break;
		}
	const char *d = p;
	while (isdigit((unsigned char)*d)) d++;
	if (d > p && d - p <= 3) {
		if (*d == '.' || *d == ')' || *d == ':') d++;
		else if (!strncmp(d, "、", 3) || !strncmp(d, "．", 3) || !strncmp(d, "：", 3)) d += 3;
		else return s;
		while (*d == ' ' || *d == '\t') d++;
		return d;
	}
	/* 一、 二、 ... 第一幕： */
	const char *q = p;
	if (!strncmp(q, "第", 3)) q += 3;
	static const char *const cn = "一二三四五六七八九十百";
	const char *r = q;
	while (r[0] && r[1] && r[2] && (unsigned char)*r >= 0x80 && strstr(cn, (char[4]){ r[0], r[1], r[2], 0 })) r += 3;
	if (r > q) {
		if (!strncmp(r, "幕", 3) || !strncmp(r, "场", 3) || !strncmp(r, "集", 3) || !strncmp(r, "节", 3)) r += 3;
		if (!strncmp(r, "、", 3) || !strncmp(r, "：", 3)) return r + 3;
		if (*r == '.' || *r == ':') return r + 1;
	}
	return s;
}

static int is_numbered(const char *s)
{
	return skip_numbering(s) != s + strspn(s, " \t");
}

/* "Title: X", "标题：X" -> X (borrowed) or NULL */
static const char *field(const char *s, const char *const *keys)
{
	for (int i = 0; keys[i]; i++) {
		size_t n = strlen(keys[i]);
		if (!strncasecmp(s, keys[i], n)) {
			const char *p = s + n;
			while (*p == ' ') p++;
			if (*p == ':') p++;
			else if (!strncmp(p, "：", 3)) p += 3;
			else continue;
			while (*p == ' ') p++;
			return p;
		}
	}
	return NULL;
}

static void add_beat(struct outline *o, const char *s)
{
	char *b = xstrdup(s);
	str_trim(b);
	if (*b && o->n_beats < MAX_BEATS) o->beats[o->n_beats++] = b;
	else free(b);
}

static void split_beats(struct outline *o, char *text)
{
	static const char *const tkeys[] = { "title", "标题", "剧名", NULL };
	static const char *const lkeys[] = { "logline", "premise", "简介", "梗概", NULL };
	/* paragraphs: blank-line separated blocks whose continuation lines are not numbered */
	int paragraphs = 0;
	for (char *p = text; (p = strstr(p, "\n")); p++) {
		char *nx = p + 1;
		if (*nx && *nx != '\n' && *nx != '\r' && !is_numbered(nx) && p > text && p[-1] != '\n' && p[-1] != '\r') {
			/* a line followed by an unnumbered line: wrapped prose if blank lines exist */
			if (strstr(text, "\n\n") || strstr(text, "\r\n\r\n")) paragraphs = 1;
		}
	}
	struct sbuf para = { 0 };
	sb_add(&para, "");
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);
		if (n && line[n - 1] == '\r') line[--n] = 0;
		char *t = line;
		while (*t == ' ' || *t == '\t') t++;
		const char *v;
		if (!o->title && (v = field(t, tkeys))) { o->title = xstrdup(v); str_trim(o->title); continue; }
		if (!o->logline && (v = field(t, lkeys))) { o->logline = xstrdup(v); str_trim(o->logline); continue; }
		if (!o->title && o->n_beats == 0 && t[0] == '#' && t[1] == ' ') { o->title = xstrdup(t + 2); str_trim(o->title); continue; }
		if (!*t) {
			if (para.len) { add_beat(o, para.s); para.len = 0; para.s[0] = 0; }
			continue;
		}
		const char *body = skip_numbering(t);
		if (paragraphs && !(body != t && para.len)) {
			if (body != t && para.len) { add_beat(o, para.s); para.len = 0; para.s[0] = 0; }
			if (para.len) sb_add(&para, " ");
			sb_add(&para, body);
		} else {
			if (para.len) { add_beat(o, para.s); para.len = 0; para.s[0] = 0; }
			add_beat(o, body);
		}
	}
	if (para.len) add_beat(o, para.s);
	sb_free(&para);
}

/* ---- names ---- */
static int in_list(const json_t *arr, const char *w, size_t n)
{
	size_t i;
	const json_t *v;
	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);
		if (s && strlen(s) == n && !strncmp(s, w, n)) return 1;
	}
	return 0;
}

static struct oname *name_get(struct outline *o, const char *s, size_t n, int beat)
{
	for (int i = 0; i < o->n_names; i++)
		if (strlen(o->names[i].name) == n && !strncmp(o->names[i].name, s, n)) return &o->names[i];
	if (o->n_names >= MAX_NAMES) return NULL;
	struct oname *nm = &o->names[o->n_names++];
	memset(nm, 0, sizeof *nm);
	nm->name = xstrndup(s, n);
	nm->first = beat;
	nm->slot = -1;
	return nm;
}

/* An alias "Rui" of "Prince Rui": the last word of a titled name. */
static struct oname *name_alias(struct outline *o, const char *s, size_t n)
{
	for (int i = 0; i < o->n_names; i++) {
		const char *sp = strrchr(o->names[i].name, ' ');
		if (sp && strlen(sp + 1) == n && !strncmp(sp + 1, s, n)) return &o->names[i];
	}
	return NULL;
}

static void names_en(struct eng *g, struct outline *o)
{
	const json_t *ol = json_object_get(g->lex, "outline");
	const json_t *stop = json_object_get(ol, "stopwords_en"), *titles = json_object_get(ol, "titles_en");
	for (int pass = 0; pass < 2; pass++)   /* titled names first, so aliases resolve */
		for (int b = 0; b < o->n_beats; b++) {
			const char *p = o->beats[b];
			int sentence_start = 1;
			while (*p) {
				if (!isalpha((unsigned char)*p)) {
					if (*p == '.' || *p == '!' || *p == '?' || *p == ':' || *p == ';' || *p == '"') sentence_start = 1;
					p++;
					continue;
				}
				const char *w = p;
				while (isalpha((unsigned char)*p) || (*p == '-' && isalpha((unsigned char)p[1]))) p++;
				size_t wn = (size_t)(p - w);
				int start = sentence_start;
				sentence_start = 0;
				if (!isupper((unsigned char)*w)) continue;
				if (in_list(titles, w, wn) && (*p == ' ' || (*p == '.' && p[1] == ' '))) {
					const char *q = p + (*p == '.') + 1;
					const char *e = q;
					while (isalpha((unsigned char)*e)) e++;
					if (e > q && isupper((unsigned char)*q) && !in_list(stop, q, (size_t)(e - q))) {
						if (pass == 0) {
							struct oname *nm = name_get(o, w, (size_t)(e - w), b);
							if (nm) nm->count++;
						}
						p = e;
						continue;
					}
				}
				if (pass == 0 || in_list(stop, w, wn) || in_list(titles, w, wn) || wn < 2) continue;
				/* a capitalised word at a sentence start counts only if it also appears mid-sentence */
				struct oname *al = name_alias(o, w, wn);
				if (al) { al->count++; continue; }
				if (start) {
					int mid = 0;
					for (int k = 0; k < o->n_beats && !mid; k++) {
						const char *f = o->beats[k];
						while ((f = strstr(f, w)) && !mid) {
							if (f > o->beats[k] && f[-1] == ' ' && f - 1 > o->beats[k] && !strchr(".!?:\"", f[-2]) &&
							    !isalpha((unsigned char)f[wn])) mid = 1;
							f += wn;
						}
					}
					/* possessive or verb after it ("Xia runs", "Xia's") also marks a name */
					if (!mid && !(p[0] == '\'' && p[1] == 's') && !(p[0] == ',' )) {
						if (!(p[0] == ' ' && islower((unsigned char)p[1]) && b == 0)) continue;
					}
				}
				struct oname *nm = name_get(o, w, wn, b);
				if (nm) nm->count++;
			}
		}
	/* words that are places, props or roles are not names ("Milk Tea Shop") */
	for (int i = 0; i < o->n_names; i++) {
		const json_t *h[2];
		if (eng_match(g, "places", o->names[i].name, h, 1) || eng_match(g, "props", o->names[i].name, h, 1) ||
		    eng_match(g, "tropes", o->names[i].name, h, 1) ||
		    (!strchr(o->names[i].name, ' ') && eng_match(g, "roles", o->names[i].name, h, 1)))
			o->names[i].count = 0;
	}
}

static int has_cp(const char *s, const char *ch)
{
	return !strncmp(s, ch, strlen(ch));
}

static void names_zh(struct eng *g, struct outline *o)
{
	const json_t *sur = json_object_get(g->names, "zh_common_surnames");
	/* candidates: surname + 1 or 2 han characters; keep those seen at least twice */
	struct { char s[16]; int n; int first; } c[256];
	int nc = 0;
	for (int b = 0; b < o->n_beats; b++) {
		for (const char *p = o->beats[b]; *p;) {
			const char *here = p;
			size_t i;
			const json_t *v;
			size_t sl = 0;
			json_array_foreach(sur, i, v) {
				const char *s = json_string_value(v);
				if (s && has_cp(here, s)) { sl = strlen(s); break; }
			}
			utf8_next(&p);
			if (!sl) continue;
			for (int len = 1; len <= 2; len++) {
				const char *q = here + sl;
				int ok = 1;
				for (int k = 0; k < len && ok; k++) {
					int32_t cp = utf8_next(&q);
					ok = cp >= 0x4e00 && cp <= 0x9fff;
				}
				if (!ok || (size_t)(q - here) >= sizeof c[0].s) break;
				int found = -1;
				for (int k = 0; k < nc; k++)
					if (strlen(c[k].s) == (size_t)(q - here) && !strncmp(c[k].s, here, (size_t)(q - here))) found = k;
				if (found < 0 && nc < (int)ARRAY_LEN(c)) {
					found = nc++;
					memcpy(c[found].s, here, (size_t)(q - here));
					c[found].s[q - here] = 0;
					c[found].n = 0;
					c[found].first = b;
				}
				if (found >= 0) c[found].n++;
			}
		}
	}
	/* prefer the 3-character form when it is as frequent as its 2-character prefix */
	for (int k = 0; k < nc; k++) {
		if (c[k].n < 2) continue;
		int longer = 0;
		for (int m = 0; m < nc; m++)
			if (m != k && strlen(c[m].s) > strlen(c[k].s) && !strncmp(c[m].s, c[k].s, strlen(c[k].s)) && c[m].n >= c[k].n) longer = 1;
		if (longer) continue;
		int shorter_taken = 0;
		for (int i = 0; i < o->n_names; i++)
			if (!strncmp(c[k].s, o->names[i].name, strlen(o->names[i].name))) shorter_taken = 1;
		if (shorter_taken) continue;
		const json_t *h[2];
		if (eng_match(g, "places", c[k].s, h, 1) || eng_match(g, "roles", c[k].s, h, 1) || eng_match(g, "props", c[k].s, h, 1))
			continue;
		struct oname *nm = name_get(o, c[k].s, strlen(c[k].s), c[k].first);
		if (nm) nm->count = c[k].n;
	}
}

static int cue_count(const struct eng *g, const char *key, const char *beat)
{
	const json_t *h[1];
	(void)h;
	int n = 0;
	size_t i;
	const json_t *v;
	const json_t *arr = json_object_get(json_object_get(g->lex, "outline"), key);
	char *low = xstrdup(beat);
	for (char *p = low; *p; p++) *p = (char)tolower((unsigned char)*p);
	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);
		if (s && strstr(low, s)) n++;
	}
	free(low);
	return n;
}

/* Each he/she/his/her in a beat counts for the nearest name before it. */
static void count_pronouns(struct outline *o, const char *beat, int zh)
{
	static const char *const en[] = { " he ", " his ", " him ", " she ", " her ", " hers ", NULL };
	static const char *const cn[] = { "她", NULL };   /* 他 is also the generic "he or she" */
	const char *const *pr = zh ? cn : en;
	char *low = NULL;
	const char *t = beat;
	if (!zh) {
		low = xasprintf(" %s ", beat);
		for (char *p = low; *p; p++) *p = isalpha((unsigned char)*p) ? (char)tolower((unsigned char)*p) : ' ';
		t = low;
	}
	for (int k = 0; pr[k]; k++) {
		int fem = zh ? 1 : k >= 3;
		for (const char *p = strstr(t, pr[k]); p; p = strstr(p + 1, pr[k])) {
			struct oname *best = NULL;
			const char *bp = NULL;
			for (int i = 0; i < o->n_names; i++) {
				const char *hay = zh ? beat : beat;
				size_t off = (size_t)(p - t) - (zh ? 0 : 1);
				const char *f = hay, *last = NULL;
				while ((f = strstr(f, o->names[i].name)) && (size_t)(f - hay) < off) { last = f; f++; }
				if (last && (!bp || last > bp)) { bp = last; best = &o->names[i]; }
			}
			if (best) { if (fem) best->she++; else best->he++; }
		}
	}
	free(low);
}

/* A role word of the outline for slot s that no named character has taken
 * ("Xia's landlord" -> landlord for the boss slot). */
static const json_t *text_role(struct eng *g, const struct outline *o, int s)
{
	const json_t *h[24];
	for (int b = 0; b < o->n_beats; b++) {
		int n = eng_match(g, "roles", o->beats[b], h, 24);
		for (int i = 0; i < n; i++) {
			if (!str_eq(eng_json_str(h[i], "slot"), ENG_SLOT_NAMES[s])) continue;
			int used = 0;
			for (int k = 0; k < SL_N; k++) used |= g->slot[k].role == h[i];
			for (int k = 0; k < o->n_names; k++) used |= o->names[k].role == h[i];
			if (!used) return h[i];
		}
	}
	return NULL;
}

/* Assign the named characters to the engine's slots and cast them. */
static void cast_names(struct eng *g, struct outline *o)
{
	for (int i = 0; i < o->n_names; i++) {
		struct oname *nm = &o->names[i];
		if (!nm->count) continue;
		const json_t *h[4];
		for (int b = 0; b < o->n_beats; b++) {
			if (!strstr(o->beats[b], nm->name)) continue;
			nm->rival += cue_count(g, "rival_cues", o->beats[b]);
			nm->love += cue_count(g, "love_cues", o->beats[b]);
			nm->boss += cue_count(g, "boss_cues", o->beats[b]);
		}
		if (eng_match(g, "roles", nm->name, h, 1)) nm->role = h[0];
	}
	for (int b = 0; b < o->n_beats; b++) count_pronouns(o, o->beats[b], g->zh);
	/* titles carry a gender ("Madam Gao", "Prince Rui") */
	for (int i = 0; i < o->n_names; i++) {
		static const char *const fem[] = { "Madam ", "Mrs", "Ms", "Miss ", "Lady ", "Princess ", "Empress ", "Aunt", "Grandma ", "Sister ", "Consort ", NULL };
		static const char *const mal[] = { "Mr", "Prince ", "Lord ", "Sir ", "Uncle ", "Grandpa ", "Brother ", "Emperor ", "General ", "Master ", NULL };
		for (int k = 0; fem[k]; k++) if (!strncmp(o->names[i].name, fem[k], strlen(fem[k]))) o->names[i].she += 100;
		for (int k = 0; mal[k]; k++) if (!strncmp(o->names[i].name, mal[k], strlen(mal[k]))) o->names[i].he += 100;
	}
	/* hero: the most mentioned (first on a tie) */
	int order[MAX_NAMES], n = 0;
	for (int i = 0; i < o->n_names; i++)
		if (o->names[i].count) order[n++] = i;
	if (!n) return;
	int hero = order[0];
	for (int k = 1; k < n; k++)
		if (o->names[order[k]].count > o->names[hero].count) hero = order[k];
	if (o->names[hero].role && str_eq(eng_json_str(o->names[hero].role, "slot"), "love")) {
		/* the most mentioned is the love interest ("Prince Rui"): take the next for hero */
		for (int k = 0; k < n; k++)
			if (order[k] != hero && !o->names[order[k]].role) { hero = order[k]; break; }
	}
	o->names[hero].slot = SL_HERO;
	/* slots by role first, then by cues */
	for (int k = 0; k < n; k++) {
		struct oname *nm = &o->names[order[k]];
		if (nm->slot >= 0 || !nm->role) continue;
		const char *sl = eng_json_str(nm->role, "slot");
		for (int s = 1; s < SL_N; s++) {
			int taken = 0;
			for (int m = 0; m < o->n_names; m++) taken |= o->names[m].slot == s;
			if (!taken && str_eq(sl, ENG_SLOT_NAMES[s])) nm->slot = s;
		}
	}
	static const struct { int slot; size_t off; } pref[] = {
		{ SL_RIVAL, offsetof(struct oname, rival) }, { SL_LOVE, offsetof(struct oname, love) },
		{ SL_BOSS, offsetof(struct oname, boss) } };
	for (size_t p = 0; p < ARRAY_LEN(pref); p++) {
		int taken = 0;
		for (int m = 0; m < o->n_names; m++) taken |= o->names[m].slot == pref[p].slot;
		if (taken) continue;
		int best = -1, bv = 0;
		for (int k = 0; k < n; k++) {
			struct oname *nm = &o->names[order[k]];
			int v = *(int *)((char *)nm + pref[p].off);
			if (nm->slot < 0 && v > bv) { best = order[k]; bv = v; }
		}
		if (best >= 0) o->names[best].slot = pref[p].slot;
	}
	static const int rest[] = { SL_LOVE, SL_RIVAL, SL_ALLY, SL_BOSS };
	for (int k = 0; k < n; k++) {
		struct oname *nm = &o->names[order[k]];
		for (size_t r = 0; r < ARRAY_LEN(rest) && nm->slot < 0; r++) {
			int taken = 0;
			for (int m = 0; m < o->n_names; m++) taken |= o->names[m].slot == rest[r];
			if (!taken) nm->slot = rest[r];
		}
	}
	/* cast: hero first so the others' default genders follow */
	for (int s = 0; s < SL_N; s++)
		for (int k = 0; k < n; k++) {
			struct oname *nm = &o->names[order[k]];
			if (nm->slot != s) continue;
			const json_t *role = nm->role;
			if (!role) role = text_role(g, o, s);
			if (!role) {
				const json_t *defs = json_object_get(json_object_get(g->lex, "defaults"),
				                                     str_eq(g->era, "ancient") ? "ancient" : "modern");
				role = eng_find_entry(g, "roles", eng_json_str(json_object_get(defs, "roles"), ENG_SLOT_NAMES[s]));
			}
			int ci = eng_add_character(g, s, role, nm->name);
			struct character *c = &g->s->chars[ci];
			const char *gd = NULL;
			if (nm->role && eng_json_str(nm->role, "gender")) gd = eng_json_str(nm->role, "gender");
			else if (nm->he >= nm->she + 2) gd = "male";
			else if (nm->she >= nm->he + 2) gd = "female";
			else if (nm->she > nm->he && s != SL_LOVE) gd = "female";
			else if (nm->he > nm->she && s != SL_HERO && s != SL_RIVAL) gd = "male";
			else if (!eng_json_str(role, "gender")) gd = s == SL_HERO || s == SL_RIVAL ? "female" : s == SL_LOVE ? "male" : NULL;
			else if (nm->she > nm->he) gd = "female";
			if (gd) { free(c->gender); c->gender = xstrdup(gd); }
		}
}

/* The first quoted passage of a beat ("...", “...”, 「...」) and who says it. */
static char *beat_quote(const struct eng *g, const struct outline *o, const char *beat, int *slot)
{
	static const char *const open[] = { "\"", "“", "「", "『", NULL };
	static const char *const close[] = { "\"", "”", "」", "』", NULL };
	*slot = -1;
	for (int i = 0; open[i]; i++) {
		const char *a = strstr(beat, open[i]);
		if (!a) continue;
		a += strlen(open[i]);
		const char *e = strstr(a, close[i]);
		if (!e || e == a || e - a > 160) continue;
		/* the speaker: the last name mentioned before the quote */
		const char *best = NULL;
		for (int k = 0; k < o->n_names; k++) {
			const char *f = strstr(beat, o->names[k].name);
			if (f && f < a && (!best || f > best) && o->names[k].slot >= 0) { best = f; *slot = o->names[k].slot; }
		}
		char *q0 = xstrndup(a, (size_t)(e - a));
		str_trim(q0);
		size_t ql = strlen(q0);
		int ends = ql && (strchr(".!?,;", q0[ql - 1]) || (ql >= 3 && (unsigned char)q0[ql - 3] >= 0xe0 &&
		           (!strcmp(q0 + ql - 3, "。") || !strcmp(q0 + ql - 3, "！") || !strcmp(q0 + ql - 3, "？"))));
		char *q = ends ? q0 : xasprintf("%s%s", q0, g->zh ? "。" : ".");
		if (q != q0) free(q0);
		if (!g->zh && q[0] && islower((unsigned char)q[0])) q[0] = (char)toupper((unsigned char)q[0]);
		if (!*q) { free(q); return NULL; }
		return q;
	}
	return NULL;
}

static const char *beat_type(struct eng *g, const char *beat, int idx, int n, int love_here)
{
	if (idx == n - 1 && n > 1) return love_here ? "cliff_love" : "cliff_rival";
	const json_t *bt = json_object_get(json_object_get(g->lex, "outline"), "beat_types");
	size_t i;
	const json_t *v;
	json_array_foreach(bt, i, v) {
		const json_t *h[1];
		(void)h;
		size_t k;
		const json_t *m;
		char *low = xstrdup(beat);
		for (char *p = low; *p; p++) *p = (char)tolower((unsigned char)*p);
		int hit = 0;
		json_array_foreach(json_object_get(v, "match"), k, m)
			if (json_string_value(m) && strstr(low, json_string_value(m))) { hit = 1; break; }
		free(low);
		if (hit) {
			const char *t = eng_json_str(v, "type");
			if (idx == 0) return str_eq(t, "confront") ? "open_slap" : str_eq(t, "setup_meet") ? "open_question" : "open_confront";
			return t;
		}
	}
	if (idx == 0) return "open_question";
	static const char *const neutral[] = { "setup", "tender", "investigate", "pressure" };
	return neutral[(idx - 1) % 4];
}

int story_from_outline(const char *text, const struct story_opts *opt, struct series **out)
{
	*out = NULL;
	if (!text) text = "";
	const char *lang;
	int n_eps;
	double minutes;
	if (eng_check_opts(opt, text, &lang) < 0 || eng_opts(opt, &n_eps, &minutes) < 0) return ERR_INPUT;
	size_t bad = 0, total = 0;
	for (const char *p = text; *p;) {
		int32_t c = utf8_next(&p);
		total++;
		if (c < 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) bad++;
	}
	if (total && bad * 20 > total)
		return err_set(ERR_INPUT, "the outline is not text (%zu of %zu characters are binary or invalid UTF-8); "
		               "give a plain-text outline, one beat per line", bad, total);
	struct outline o = { 0 };
	char *copy = xstrdup(text);
	split_beats(&o, copy);
	free(copy);
	if (!o.n_beats) {
		outline_free(&o);
		return err_set(ERR_INPUT, "the outline has no beats; write one beat per line, e.g. \"1. Xia's shop is failing.\"");
	}
	struct eng *g = eng_new(lang, opt ? opt->seed : 0);
	if (!g) { outline_free(&o); return ERR_IO; }
	/* tropes, era, places, props from the whole text */
	struct sbuf all = { 0 };
	sb_add(&all, "");
	for (int i = 0; i < o.n_beats; i++) { sb_add(&all, o.beats[i]); sb_add(&all, "\n"); }
	const json_t *h[16];
	int n = eng_match(g, "tropes", all.s, h, 16);
	for (int i = 0; i < n && i < 3; i++) eng_add_trope(g, eng_json_str(h[i], "id"));
	if (!g->n_tropes) eng_add_trope(g, "underdog");
	int ancient = 0, modern = 0;
	n = eng_match(g, "eras", all.s, h, 16);
	for (int i = 0; i < n; i++) {
		if (str_eq(eng_json_str(h[i], "id"), "ancient")) ancient++;
		else modern++;
	}
	/* names */
	if (g->zh) names_zh(g, &o);
	else names_en(g, &o);
	for (int i = 0; i < o.n_names; i++)
		if (o.names[i].count) {
			const json_t *r[1];
			if (eng_match(g, "roles", o.names[i].name, r, 1)) {
				const char *e = eng_json_str(r[0], "era");
				ancient += str_eq(e, "ancient");
			}
		}
	int tt = 0;
	for (int i = 0; i < g->n_tropes; i++) {
		const char *e = eng_json_str(eng_find_entry(g, "tropes", g->tropes[i]), "era");
		tt |= str_eq(g->tropes[i], "time_travel");
		ancient += str_eq(e, "ancient");
		modern += str_eq(e, "modern");
	}
	/* places: in order of first mention in the beats */
	int *locs = xcalloc((size_t)o.n_beats, sizeof *locs);
	int last = -1;
	for (int b = 0; b < o.n_beats; b++) {
		n = eng_match(g, "places", o.beats[b], h, 16);
		int li = -1;
		for (int i = 0; i < n; i++) {
			const char *e = eng_json_str(h[i], "era");
			ancient += str_eq(e, "ancient");
			modern += str_eq(e, "modern");
			int l = eng_place_entry(g, h[i]);
			if (li < 0) li = l;
		}
		locs[b] = li;
		(void)last;
	}
	g->era = tt || (ancient && modern) ? "mixed" : ancient ? "ancient" : "modern";
	g->s->era = xstrdup(g->era);
	n = eng_match(g, "props", all.s, h, 6);
	for (int i = 0; i < n; i++) {
		const char *pn = eng_lang_str(g, h[i], g->zh ? "zh" : "en");
		if (pn && g->n_props < (int)ARRAY_LEN(g->props)) g->props[g->n_props++] = xstrdup(pn);
	}
	sb_free(&all);
	cast_names(g, &o);
	for (int sl = 0; sl < SL_N; sl++) {
		if (g->slot[sl].ci >= 0) continue;
		const json_t *r = text_role(g, &o, sl);
		if (r) eng_add_character(g, sl, r, NULL);
	}
	eng_complete_cast(g);
	/* a beat without a place happens at the story's home base when the outline names
	 * places at all; otherwise where its scene type belongs */
	int any_place = 0;
	for (int b = 0; b < o.n_beats; b++) any_place |= locs[b] >= 0;
	for (int b = 0; b < o.n_beats; b++)
		if (locs[b] < 0 && (any_place || b == 0)) locs[b] = g->place[PL_HOME];
	if (o.title) g->s->title = xstrdup(o.title);
	if (o.logline) g->s->logline = xstrdup(o.logline);
	if (!g->s->title || !g->s->logline) {
		char *t = g->s->title, *l = g->s->logline;
		g->s->title = g->s->logline = NULL;
		eng_title_and_logline(g);
		if (t) { free(g->s->title); g->s->title = t; }
		if (l) { free(g->s->logline); g->s->logline = l; }
		else if (o.n_beats) { free(g->s->logline); g->s->logline = xstrdup(o.beats[0]); }
	}
	/* episodes: beats split evenly; each beat one scene, with engine scenes between
	 * beats when an episode has fewer beats than its minutes need */
	if (n_eps > o.n_beats) n_eps = o.n_beats;
	/* a short-drama episode holds at most 12 beats; a longer outline makes more episodes */
	int per = (int)(12 * (minutes > 3 ? minutes / 3 : 1));
	if (o.n_beats > n_eps * per) {
		int want = (o.n_beats + per - 1) / per;
		log_warn("story", "the outline has %d beats; writing %d episodes instead of %d (at most %d beats each)",
		         o.n_beats, want, n_eps, per);
		n_eps = want;
	}
	g->n_eps = n_eps;
	int b0 = 0;
	for (int k = 0; k < n_eps; k++) {
		int b1 = (int)((long)o.n_beats * (k + 1) / n_eps);
		int nb = b1 - b0;
		g->ep_index = k;
		const char *plan[24];
		size_t np = eng_plan_episode(g, minutes, plan, ARRAY_LEN(plan));
		size_t ns = (size_t)nb > np ? (size_t)nb : np;
		const char **types = xcalloc(ns + 1, sizeof *types);
		const char **beats = xcalloc(ns + 1, sizeof *beats);
		const char **quotes = xcalloc(ns + 1, sizeof *quotes);
		int *qslots = xcalloc(ns + 1, sizeof *qslots);
		int *slocs = xcalloc(ns + 1, sizeof *slocs);
		char **qown = xcalloc(ns + 1, sizeof *qown);
		for (size_t i = 0; i < ns; i++) { types[i] = i < np ? plan[i] : "confront"; slocs[i] = -1; qslots[i] = -1; }
		for (int j = 0; j < nb; j++) {
			size_t at = nb == 1 ? 0 : (size_t)((double)j * (double)(ns - 1) / (double)(nb - 1) + 0.5);
			const char *bt = o.beats[b0 + j];
			int love_here = g->slot[SL_LOVE].ci >= 0 && strstr(bt, g->s->chars[g->slot[SL_LOVE].ci].name);
			int idx = (k == 0 && j == 0) ? 0 : (j == nb - 1 && nb > 1) ? nb - 1 : (j == 0 ? 1 : j);
			types[at] = beat_type(g, bt, idx, nb, love_here);
			if (k > 0 && j == 0 && at == 0) types[at] = "continue";
			beats[at] = bt;
			slocs[at] = locs[b0 + j];
			qown[at] = beat_quote(g, &o, bt, &qslots[at]);
			quotes[at] = qown[at];
		}
		/* every episode turns the tables once: if no beat did, the one before the end does */
		int rev = 0;
		for (size_t i = 0; i < ns; i++) rev |= !strncmp(types[i], "reversal", 8);
		if (!rev && ns >= 3) types[ns - 2] = "reversal";
		else if (!rev && ns == 2) types[1] = "reversal";
		g->goal = NULL;
		const json_t *tr = eng_find_entry(g, "tropes", g->tropes[0]);
		const json_t *arc = json_object_get(tr, g->zh ? "arc_zh" : "arc_en");
		size_t na = json_array_size(arc);
		if (na) g->goal = json_string_value(json_array_get(arc, (size_t)k * na / (size_t)n_eps));
		if (!g->goal) g->goal = g->zh ? "真相" : "the truth";
		struct episode *e = series_add_episode(g->s);
		g->beat_locs = slocs;
		g->beat_quotes = quotes;
		g->beat_quote_slots = qslots;
		eng_write_episode_scenes(g, e, types, ns, beats, minutes);
		g->beat_locs = NULL;
		g->beat_quotes = NULL;
		g->beat_quote_slots = NULL;
		eng_episode_meta_and_cliff(g, e);
		for (size_t i = 0; i < ns; i++) free(qown[i]);
		free(qown);
		free(types);
		free(beats);
		free(quotes);
		free(qslots);
		free(slocs);
		b0 = b1;
	}
	free(locs);
	outline_free(&o);
	int rc = eng_finish(g, out);
	eng_free(g);
	return rc;
}
