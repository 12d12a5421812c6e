/* story/fountain_cast.c — what a screenplay says about its people and places: a
 * character's gender and age from the action that introduces and follows them, a
 * location's kind from the words of its scene heading, and the screenplay vocabulary
 * of data/story_import/screenplay.json (customary transitions, extra time words).
 *
 * Gender is a vote over every action paragraph that names the character: a gendered
 * noun right after the name ("SANDRA, his wife" is a wife, whatever "his" says) counts
 * most, then subject and reflexive pronouns, then possessives. Age is taken only where
 * the text says it ("(24)", ", 40's", "AGE 3"), never from "3 months" or "(V.O.)"; of
 * several introductions the adult one wins (a child in a flashback is the same person
 * grown up); no age stays 0, which casting reads as an adult. */
#include "story/fountain.h"
#include "story/engine.h"
#include "core/util.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static json_t *g_sp;
static char g_sp_err[600];
static pthread_once_t g_sp_once = PTHREAD_ONCE_INIT;

static void sp_load(void)
{
	char *path = data_path("story_import/screenplay.json");
	json_error_t je;
	g_sp = json_load_file(path, 0, &je);
	if (!g_sp)
		snprintf(g_sp_err, sizeof g_sp_err, "%s:%d: cannot load the screenplay vocabulary: %s; "
		         "run from the source folder or set DRAMA_DATA to the data folder", path, je.line, je.text);
	free(path);
}

/* Member key of screenplay.json (loaded once, never freed); NULL with a logged reason. */
static const json_t *sp_data(const char *key)
{
	pthread_once(&g_sp_once, sp_load);
	if (!g_sp) { log_warn("story", "%s", g_sp_err); return NULL; }
	return json_object_get(g_sp, key);
}

int fountain_is_transition_line(const char *text)
{
	if (!text || strchr(text, '\n')) return 0;
	const json_t *l = sp_data("transition_lines");
	char *plain = fountain_plain(text);   /* "**FADE IN:**" */
	size_t i;
	json_t *x;
	int hit = 0;
	json_array_foreach(l, i, x)
		if (!strcmp(json_string_value(x), str_trim(plain))) hit = 1;
	free(plain);
	return hit;
}

const char *fountain_time_extra(const char *seg)
{
	static const char *const order[] = { "night", "dusk", "day", "keep" };
	const json_t *t = sp_data("times_extra");
	for (size_t k = 0; t && k < ARRAY_LEN(order); k++) {
		size_t i;
		json_t *w;
		json_array_foreach(json_object_get(t, order[k]), i, w)
			if (!strcmp(seg, json_string_value(w))) return order[k];
	}
	return NULL;
}

/* ---- location kinds ---- */

/* End of the last whole-word (ASCII, case-insensitive) or substring (non-ASCII)
 * occurrence of w in s[0..n), or 0 if none. */
static size_t last_end(const char *s, size_t n, const char *w)
{
	size_t wl = strlen(w), best = 0;
	int ascii = 1;
	for (const char *p = w; *p; p++) ascii &= (unsigned char)*p < 0x80;
	for (size_t i = 0; i + wl <= n; i++) {
		if (ascii ? strncasecmp(s + i, w, wl) : strncmp(s + i, w, wl)) continue;
		if (ascii && ((i > 0 && isalnum((unsigned char)s[i - 1])) || (i + wl < n && isalnum((unsigned char)s[i + wl]))))
			continue;
		best = i + wl;
	}
	return best;
}

/* The kind of the head word in s[0..n): the match ending last, a longer one on a tie. */
static const char *head_kind(const char *s, size_t n)
{
	const json_t *t = sp_data("location_heads");
	const char *kind = NULL;
	size_t best_end = 0, best_len = 0, i;
	json_t *pair;
	json_array_foreach(t, i, pair) {
		const char *w = json_string_value(json_array_get(pair, 0));
		if (!w) continue;
		size_t e = last_end(s, n, w), wl = strlen(w);
		if (e && (e > best_end || (e == best_end && wl > best_len))) {
			best_end = e;
			best_len = wl;
			kind = json_string_value(json_array_get(pair, 1));
		}
	}
	return kind;
}

/* The kind WordNet gives word: its noun senses (most common first) and their
 * hypernyms (most specific first) against location_wordnet's anchors; the first
 * anchored sense wins. NULL when none (or WordNet missing). */
static const char *wn_location_kind(const char *word)
{
	const json_t *anchors = sp_data("location_wordnet");
	const char *kind = NULL;
	for (int sense = 1; sense <= 6 && !kind && anchors; sense++) {
		char **v = NULL;
		size_t nv = 0;
		if (!eng_wn_hypernyms(word, sense, &v, &nv, NULL)) break;
		for (size_t k = 0; k < nv && !kind; k++) {
			size_t i;
			json_t *pair;
			json_array_foreach(anchors, i, pair)
				if (!strcasecmp(v[k], json_string_value(json_array_get(pair, 0)) ? json_string_value(json_array_get(pair, 0)) : "")) {
					kind = json_string_value(json_array_get(pair, 1));
					break;
				}
		}
		eng_wn_words_free(v, nv);
	}
	return kind;
}

/* WordNet for the English words of s[0..n) that no table knows: the last two words as
 * one compound ("bowling alley"), then each word from the last back (the head of an
 * English noun phrase is last: "HIGH SCHOOL GYMNASIUM"), at most four. */
static const char *lexicon_kind(const char *s, size_t n)
{
	size_t st[16], en[16];
	int nw = 0;
	for (size_t i = 0; i < n && nw < 16;) {
		while (i < n && !isalpha((unsigned char)s[i])) i++;
		size_t a = i;
		while (i < n && (isalpha((unsigned char)s[i]) || s[i] == '-')) i++;
		if (i > a && i - a < 40) { st[nw] = a; en[nw] = i; nw++; }
		if (i < n && s[i] == '\'') i += 2;          /* possessive 's */
	}
	char w[96];
	const char *k = NULL;
	if (nw >= 2) {
		snprintf(w, sizeof w, "%.*s %.*s", (int)(en[nw - 2] - st[nw - 2]), s + st[nw - 2], (int)(en[nw - 1] - st[nw - 1]), s + st[nw - 1]);
		k = wn_location_kind(w);
	}
	for (int i = nw - 1; i >= 0 && i >= nw - 4 && !k; i--) {
		if (en[i] - st[i] < 3) continue;            /* "ST", "OF", "DR" */
		snprintf(w, sizeof w, "%.*s", (int)(en[i] - st[i]), s + st[i]);
		k = wn_location_kind(w);
	}
	return k;
}

const char *fountain_location_kind(const char *place)
{
	return fountain_location_kind_near(place, NULL);
}

const char *fountain_location_kind_near(const char *place, int *nearest)
{
	if (nearest) *nearest = 0;
	if (!place) return NULL;
	/* "KITCHEN OF THE PALACE": the head is before "of" (的 in Chinese comes before it) */
	const char *of = NULL;
	for (const char *p = place; (p = strstr(p, " ")); p++)
		if (!strncasecmp(p, " of ", 4)) { of = p; break; }
	const char *k = of ? head_kind(place, (size_t)(of - place)) : NULL;
	if (!k) k = head_kind(place, strlen(place));
	if (k) return k;
	/* no table word: the real lexicon, head part first; what it finds is the nearest
	 * drawn kind by WordNet's hypernyms, not a drawing of the place itself */
	if (of) k = lexicon_kind(place, (size_t)(of - place));
	if (!k) k = lexicon_kind(place, strlen(place));
	if (k && nearest) *nearest = 1;
	return k;
}

/* ---- gender and age ---- */

static int word_at(const char *p, const char *start, const char *w)
{
	size_t n = strlen(w);
	if (strncasecmp(p, w, n)) return 0;
	if (p > start && isalnum((unsigned char)p[-1])) return 0;
	return !isalnum((unsigned char)p[n]);
}

/* Votes (male minus female) of the text after one mention of a character, up to the end
 * of the next sentence or another character's name. */
static int vote_after(const struct series *s, const struct character *c, const char *q)
{
	static const char *const he[] = { "he", "himself", NULL }, *const she[] = { "she", "herself", NULL };
	static const char *const his[] = { "his", "him", NULL }, *const her[] = { "her", "hers", NULL };
	const json_t *mw = imp_data("male_words"), *fw = imp_data("female_words");
	int v = 0, words = 0, stops = 0;
	for (const char *p = q; *p && stops < 2 && words < 40; p++) {
		if (*p == '.' || *p == '!' || *p == '?') { if (!isalpha((unsigned char)p[1])) stops++; continue; }
		if (!isalpha((unsigned char)*p) || (p > q && isalnum((unsigned char)p[-1]))) continue;
		words++;
		for (size_t i = 0; i < s->n_chars; i++)
			if (&s->chars[i] != c && word_at(p, q, s->chars[i].name)) return v;
		int w = 0;
		for (int k = 0; he[k]; k++) if (word_at(p, q, he[k])) w = 2;
		for (int k = 0; she[k]; k++) if (word_at(p, q, she[k])) w = -2;
		for (int k = 0; his[k]; k++) if (word_at(p, q, his[k])) w = 1;
		for (int k = 0; her[k]; k++) if (word_at(p, q, her[k])) w = -1;
		if (!w && words <= 8) {   /* a gendered noun close after the name: "his wife", "a widower" */
			size_t i;
			json_t *x;
			json_array_foreach(mw, i, x)
				if (isupper((unsigned char)json_string_value(x)[0]) && word_at(p, q, json_string_value(x))) w = 3;
			json_array_foreach(fw, i, x)
				if (isupper((unsigned char)json_string_value(x)[0]) && word_at(p, q, json_string_value(x))) w = -3;
		}
		v += w;
	}
	return v;
}

/* Votes in Chinese or Japanese action after a mention: 他/她 before the end of the
 * sentence (or another character's name), a gendered word (夫人, 父亲) close after it. */
static int vote_after_cjk(const struct series *s, const struct character *c, const char *q)
{
	const json_t *mw = imp_data("male_words"), *fw = imp_data("female_words");
	int v = 0, chars = 0;
	for (const char *p = q; *p && chars < 40;) {
		for (size_t i = 0; i < s->n_chars; i++)
			if (&s->chars[i] != c && !strncmp(p, s->chars[i].name, strlen(s->chars[i].name))) return v;
		const json_t *lists[2] = { mw, fw };
		for (int g = 0; g < 2; g++) {
			size_t i;
			json_t *x;
			json_array_foreach(lists[g], i, x) {
				const char *w = json_string_value(x);
				if ((unsigned char)w[0] < 0x80 || strncmp(p, w, strlen(w))) continue;
				int single = strlen(w) == 3;   /* 他, 她: a pronoun anywhere in the sentence */
				if (single || chars < 8) v += (g ? -1 : 1) * (single ? 2 : 3);
			}
		}
		int32_t ch = utf8_next(&p);
		chars++;
		if (ch == 0x3002 || ch == 0xFF01 || ch == 0xFF1F) break;   /* 。！？ */
	}
	return v;
}

/* Votes from what the character says of their own spouse ("my husband", "我丈夫"). */
static int vote_self(const struct character *c, const struct ft_doc *d)
{
	const json_t *t = sp_data("spouse_words");
	int v = 0;
	for (size_t i = 0; i + 1 < d->n; i++) {
		if (d->v[i].kind != FT_CHARACTER) continue;
		int me = !strcasecmp(d->v[i].text, c->name);   /* "SANDRA" for Sandra; no copy per cue */
		for (size_t j = i + 1; me && j < d->n && (d->v[j].kind == FT_DIALOGUE || d->v[j].kind == FT_PARENTHETICAL); j++) {
			if (d->v[j].kind != FT_DIALOGUE) continue;
			size_t k;
			json_t *x;
			json_array_foreach(json_object_get(t, "female"), k, x) if (imp_has_word(d->v[j].text, json_string_value(x))) v -= 3;
			json_array_foreach(json_object_get(t, "male"), k, x) if (imp_has_word(d->v[j].text, json_string_value(x))) v += 3;
		}
	}
	return v;
}

/* Length of the punctuation mark at q: ASCII c, or its full-width Chinese form w
 * ("（" for '(', "，" for ','); 0 if neither. */
static size_t mark_at(const char *q, char c, const char *w)
{
	if (*q == c) return 1;
	return strncmp(q, w, strlen(w)) ? 0 : strlen(w);
}

/* The first ASCII c or full-width w in [from, to), NULL if none; *n gets its length. */
static const char *find_mark(const char *from, const char *to, char c, const char *w, size_t *n)
{
	for (const char *p = from; p < to; p++)
		if ((*n = mark_at(p, c, w))) return p;
	return NULL;
}

/* An age written right after the name: "(24", "（24岁", ", 40's", ", AGE 3", ", 3 years old"; 0 if none. */
static int age_after(const char *q)
{
	while (*q == ' ') q++;
	size_t m = mark_at(q, ',', "，");
	if (!m) m = mark_at(q, '(', "（");
	if (!m) return 0;
	q += m;
	while (*q == ' ') q++;
	if (!strncasecmp(q, "AGE ", 4) || !strncasecmp(q, "AGED ", 5)) q += q[3] == ' ' ? 4 : 5;
	if (!isdigit((unsigned char)*q)) return 0;
	char *end;
	long a = strtol(q, &end, 10);
	while (*end == ' ') end++;
	/* "3 months", "2 weeks", "10 minutes later": not an age */
	static const char *const not_age[] = { "month", "week", "day", "hour", "minute", "second", "year later",
		"years later", "years earlier", "years ago", "o'clock", "am", "pm", "a.m", "p.m", ":", NULL };
	for (int k = 0; not_age[k]; k++)
		if (!strncasecmp(end, not_age[k], strlen(not_age[k]))) return 0;
	return a > 0 && a < 120 ? (int)a : 0;
}

void fountain_cast_from_text(const struct series *s, struct character *c, const struct ft_doc *d)
{
	char *up = xstrdup(c->name);
	for (char *p = up; *p; p++) *p = (char)toupper((unsigned char)*p);
	size_t ul = strlen(up);
	int votes = 0, age = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].kind != FT_ACTION) continue;
		const char *t = d->v[i].text;
		for (const char *p = t; (p = strstr(p, up)); p += ul) {
			if ((p > t && isalnum((unsigned char)p[-1])) || isalnum((unsigned char)p[ul])) continue;
			const char *q = p + ul;
			/* "EDWARD BLOOM, 40's": skip a surname in capitals */
			for (;;) {
				const char *r = q;
				while (*r == ' ') r++;
				const char *w = r;
				while (isupper((unsigned char)*w) || *w == '\'' || *w == '-') w++;
				if (w - r < 2 || isalpha((unsigned char)*w)) break;
				q = w;
			}
			int a = age_after(q);
			if (a && (!age || (age < 18 && a >= 18))) age = a;
			if (a && !c->description && *q == ' ') q++;
			/* "XIA (24, apron, tired eyes)", "夏晓（24岁，系着围裙）": what follows the age is
			 * the description the design reads (look_desc.c) */
			const char *open = q + (*q == ' ');
			size_t on = mark_at(open, '(', "（"), cn = 0, mn = 0;
			if (on && a && !c->description) {
				const char *close = find_mark(open + on, open + strlen(open), ')', "）", &cn);
				const char *comma = close ? find_mark(open + on, close, ',', "，", &mn) : NULL;
				if (comma) {
					comma += mn;
					while (*comma == ' ') comma++;
					if (comma < close) c->description = xstrndup(comma, (size_t)(close - comma));
				}
			}
			votes += (unsigned char)*q >= 0x80 || (unsigned char)c->name[0] >= 0x80 ? vote_after_cjk(s, c, q) : vote_after(s, c, q);
		}
	}
	votes += vote_self(c, d);
	if (!c->age && age) c->age = age;
	if (!c->gender && votes) c->gender = xstrdup(votes > 0 ? "male" : "female");
	free(up);
}
