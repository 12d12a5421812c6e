/* story/novel_epithet.c — "the old man", "the old gentleman", "the old lady" in a speech
 * tag ("said the old man"; novel_speak.c relation) or as the subject of narration ("The
 * old man started."; nov_refs, pre_subject) as the one person the narration itself calls
 * old (English).
 *
 * An age epithet with the definite article points back to someone the reader knows to be
 * old; the narration says so by writing "old" before the name ("Old Mr. Templeton's
 * house", "old Monsieur Farival", "old Sedley"), by "Mr. Templeton was just a very old man",
 * or by stating an age of sixty or more (novel_ages.c). When exactly one character of the
 * epithet's sex is known so, the epithet is that one; with none or several the caller
 * goes on as before (an unnamed old man the narration brings on stays a placeholder).
 *
 *   nov_old_ones_en(n);                   (once, when the cast and its ages are known)
 *   int c = nov_old_one_en(n, "male");   ... -1: nobody, or more than one ...
 */
#include "story/novel.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int word_eq(const char *p, size_t l, const char *w)
{
	return strlen(w) == l && !strncasecmp(p, w, l);
}

/* 1 if the word [p, p+l) is an age adjective of an old person ("old", "aged", "elderly") */
int nov_old_word_en(const char *p, size_t l)
{
	return word_eq(p, l, "old") || word_eq(p, l, "aged") || word_eq(p, l, "elderly");
}

/* The character a name at p names, marked in old[]; a bare surname several share ("old
 * Sedley" of Mr., Mrs. and Miss Sedley and Jos Sedley) is the man written title + surname,
 * the head of the family (a bare surname is a man's), when there is one. */
static void mark_name_at(struct nov *n, const char *p, char *old)
{
	int who = nov_name_at(n, p);
	if (who < 0) return;
	size_t wl = nov_word_at(p);
	int shared = 0, head = -1, heads = 0, full = 0;
	for (size_t c = 0; c < n->n_ch; c++) {
		const struct nch *x = &n->ch[c];
		if (x->merged >= 0) continue;
		if (!strncmp(p, x->name, x->len) && !isalpha((unsigned char)p[x->len]) && x->len > wl) full = 1;   /* ("old Mr. ...", "old Tom Bell") */
		if (!x->last || strlen(x->name + x->last) != wl || strncmp(x->name + x->last, p, wl)) continue;
		shared++;
		size_t td, tl = nov_word_at(x->name);
		int titled = (x->last == tl + 2 && x->name[tl] == '.') || x->last == tl + 1;   /* "Mr. Sedley", "Mr Sedley" */
		if (titled && str_eq(x->gender, "male") && nov_is_title_word(n, x->name, tl, &td)) heads++, head = (int)c;
	}
	if (!full && shared > 1) {   /* (a bare surname several share: its head, if any) */
		if (heads == 1) old[nov_follow(n, head)] = 1;
		return;
	}
	old[who] = 1;
}

/* 1 if the narration after the name at a (already past it) reads " was (just) a (very)
 * old man" (or woman, lady, gentleman, fellow: not "an old friend", one known long) */
static int was_old(struct nov *n, const char *a)
{
	if (strncmp(a, " was ", 5) && strncmp(a, " is ", 4)) return 0;
	const char *p = a + (a[1] == 'w' ? 5 : 4);
	for (int k = 0; k < 4; k++) {
		size_t l = nov_word_at(p);
		if (!l) return 0;
		if (nov_old_word_en(p, l)) {
			const char *q = p + l;
			size_t ql = *q == ' ' ? nov_word_at(q + 1) : 0;
			char w[16];
			snprintf(w, sizeof w, "%.*s", (int)(ql < 15 ? ql : 15), q + 1);
			return ql && strcmp(w, "boy") && strcmp(w, "girl") && strcmp(w, "stranger") &&
			       json_object_get(json_object_get(n->nd, "newcomer_nouns_en"), w);
		}
		if (!word_eq(p, l, "a") && !word_eq(p, l, "an") && !word_eq(p, l, "just") && !word_eq(p, l, "very") &&
		    !word_eq(p, l, "quite") && !word_eq(p, l, "rather") && !word_eq(p, l, "now")) return 0;
		p += l;
		if (*p != ' ') return 0;
		p++;
	}
	return 0;
}

void nov_old_ones_en(struct nov *n)
{
	n->old_one[0] = n->old_one[1] = n->old_one[2] = -1;
	n->old_set = 1;
	if (n->zh || !n->n_ch) return;
	char *old = xcalloc(n->n_ch, 1);
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const struct para *pa = &n->p[pi];
		for (size_t s = 0; s < pa->n; s++) {
			if (pa->v[s].quote) continue;   /* (the narration's word, not a speaker's "old man") */
			const char *t = pa->v[s].text;
			for (const char *h = t; *h; h++) {
				if ((h > t && isalpha((unsigned char)h[-1])) || !isalpha((unsigned char)*h)) continue;
				size_t l = nov_word_at(h);
				if (nov_old_word_en(h, l) && h[l] == ' ' && isupper((unsigned char)h[l + 1])) mark_name_at(n, h + l + 1, old);
				else if (isupper((unsigned char)*h)) {   /* "Mr. Templeton was just a very old man" */
					const char *e = h;
					while ((size_t)(e - h) <= 40 && (isalpha((unsigned char)*e) || *e == '.' || *e == ' ') && strncmp(e, " was ", 5) && strncmp(e, " is ", 4)) e++;
					int who = (size_t)(e - h) <= 40 && was_old(n, e) ? nov_name_at(n, h) : -1;
					if (who >= 0) old[who] = 1;
				}
				h += l ? l - 1 : 0;
			}
		}
	}
	static const char *const gs[3] = { "male", "female", "" };
	for (int k = 0; k < 3; k++) {
		int one = -1, many = 0;
		for (size_t c = 0; c < n->n_ch; c++) {
			const struct nch *x = &n->ch[c];
			if (x->merged >= 0 || x->placeholder || (int)c == n->narrator) continue;
			if (!old[c] && x->age < 60) continue;
			if (*gs[k] && x->gender && strcmp(x->gender, gs[k])) continue;
			if (one >= 0) many = 1;
			one = (int)c;
		}
		n->old_one[k] = many ? -1 : one;
	}
	free(old);
}

int nov_old_one_en(struct nov *n, const char *g)
{
	if (!n->old_set) return -1;   /* (pass 1: the cast is not known yet) */
	int c = n->old_one[!strcmp(g, "male") ? 0 : !strcmp(g, "female") ? 1 : 2];
	/* (an unnamed one of that sex the narration brought on, "an old man with a spade", is
	 * whom "the old man" takes up until he is named) */
	for (size_t k = 0; c >= 0 && k < n->n_ch; k++)
		if (n->ch[k].placeholder && n->ch[k].merged < 0 && (!*g || str_eq(n->ch[k].gender, g))) return -1;
	return c >= 0 ? nov_follow(n, c) : -1;
}

int nov_old_ref_en(struct nov *n, const char *p, const char *e, size_t *adv)
{
	if (!n->old_set || (n->old_one[0] < 0 && n->old_one[1] < 0 && n->old_one[2] < 0) || nov_word_at(p) != 3 || strncasecmp(p, "the", 3)) return -1;
	const char *q = p + 3;
	int old = 0;
	for (int k = 0; k < 3 && q < e && *q == ' ' && islower((unsigned char)q[1]); k++) {
		size_t ql = nov_word_at(q + 1);
		if (!ql || q + 1 + ql > e) return -1;
		char w[16];
		snprintf(w, sizeof w, "%.*s", (int)(ql < 15 ? ql : 15), q + 1);
		const char *g = json_string_value(json_object_get(json_object_get(n->nd, "newcomer_nouns_en"), w));
		if (g) {
			if (!old || !strcmp(w, "boy") || !strcmp(w, "girl") || !strcmp(w, "stranger")) return -1;
			int c = nov_old_one_en(n, g);
			if (c >= 0) *adv = (size_t)(q + 1 + ql - p);
			return c;
		}
		old |= nov_old_word_en(q + 1, ql);
		q += 1 + ql;
	}
	return -1;
}
