/* story/novel_stranger.c — a stranger the text names later (English). The importer gives
 * the lines of one the narration brings in without a name ("an old man in a tweed cap",
 * "the man coming out of the office") to a placeholder ("Stranger", "Stranger Woman").
 * When, in the same scene, a person the text has not named before is then named ("Arthur
 * Penney.", "\"It's a car,\" Kowalski said.", "Thank you, Mr. Kowalski."), and from there
 * on only one of the two ever speaks, they are one person: a reader takes the newcomer's
 * name for the stranger. The placeholder's lines in that scene become the named one's.
 *
 *   nov_strangers_named_en(n);   (after the exchanges, before the narrator is named) */
#include "story/novel.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* 1 if [s, s+l) is written at h of t as a whole word */
static int whole(const char *t, const char *h, size_t l)
{
	return (h == t || !isalnum((unsigned char)h[-1])) && !isalnum((unsigned char)h[l]);
}

/* The first paragraph whose text names character c (its whole name, or the last word of a
 * titled or two-word name: "Kowalski" of "Mr. Kowalski"), or n->n_p. */
static size_t first_named(struct nov *n, int c)
{
	const struct nch *x = &n->ch[c];
	const char *last = x->last ? x->name + x->last : NULL;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const char *t = n->p[pi].raw;
		if (!t) continue;
		for (const char *h = strstr(t, x->name); h; h = strstr(h + 1, x->name))
			if (whole(t, h, x->len)) return pi;
		if (last && strlen(last) >= 3)
			for (const char *h = strstr(t, last); h; h = strstr(h + 1, last))
				if (whole(t, h, strlen(last))) return pi;
	}
	return n->n_p;
}

/* 1 if genders g (a placeholder's) and h (NULL: not known) agree */
static int same_gender(const char *g, const char *h)
{
	return !h || !g || !strcmp(g, h);
}

/* Where quote q writes character c's name (whole name, or the last word of a longer one),
 * and its length; NULL if nowhere. */
static const char *name_in(struct nov *n, const char *q, int c, size_t *l)
{
	const struct nch *x = &n->ch[c];
	const char *last = x->last ? x->name + x->last : NULL;
	for (const char *h = strstr(q, x->name); h; h = strstr(h + 1, x->name))
		if (whole(q, h, x->len)) { *l = x->len; return h; }
	for (const char *h = last && strlen(last) >= 3 ? strstr(q, last) : NULL; h; h = strstr(h + 1, last))
		if (whole(q, h, strlen(last))) { *l = strlen(last); return h; }
	return NULL;
}

/* 1 if the stranger names himself c in quote q: "my name is X", "I am X", "I'm X", "name's
 * X", or X as a sentence of its own ("I sold him his first barrow. Arthur Penney.") */
static int self_named(struct nov *n, const char *q, int c)
{
	static const char *const intro[] = { "name is ", "name's ", "name\u2019s ", "I am ", "I'm ", "I\u2019m ", NULL };
	size_t l;
	const char *h = name_in(n, q, c, &l);
	if (!h) return 0;
	const char *b = h;   /* back over the name's capitalised words before: "Arthur" of "Arthur Penney" */
	while (b - q >= 2 && b[-1] == ' ') {
		const char *w = b - 1;
		while (w > q && isalpha((unsigned char)w[-1])) w--;
		if (w == b - 1 || !isupper((unsigned char)*w)) break;
		b = w;
	}
	for (int i = 0; intro[i]; i++) {
		size_t il = strlen(intro[i]);
		if ((size_t)(b - q) >= il && !strncmp(b - il, intro[i], il)) return 1;
	}
	const char *e = h + l;
	int alone = b == q || (b - q >= 2 && b[-1] == ' ' && strchr(".!?", b[-2]));
	return alone && (*e == '.' || !*e);
}

/* 1 if quote q calls character c by name: "Mr. Penney!", "Take the leeks, Mr. Penney." */
static int addresses(struct nov *n, const char *q, int c)
{
	const struct nch *x = &n->ch[c];
	for (const char *h = strstr(q, x->name); h; h = strstr(h + 1, x->name)) {
		if (!whole(q, h, x->len)) continue;
		const char *e = h + x->len;
		int before = h == q || (h - q >= 2 && h[-1] == ' ' && h[-2] == ',');
		if (before && (!*e || strchr(",.!?", *e))) return 1;
	}
	return 0;
}

/* 1 if a narration segment of paragraph pa opens a sentence or a clause with name w as the
 * subject of a person's verb ("Through the rain, Nat saw a large square house"), or names
 * it in a speech tag */
static int acts_first(struct nov *n, const struct para *pa, const char *w)
{
	size_t l = strlen(w);
	if (nov_tagged_en(n, pa, w)) return 1;
	for (size_t s = 0; s < pa->n; s++) {
		const char *t = pa->v[s].text;
		if (pa->v[s].quote) continue;
		for (const char *h = strstr(t, w); h; h = strstr(h + 1, w)) {
			const char *b = h;
			while (b > t && b[-1] == ' ') b--;
			if (whole(t, h, l) && (b == t || strchr(".!?,;", b[-1])) && h[l] == ' ' && nov_person_verb_en(h + l + 1, 1)) return 1;
		}
	}
	return 0;
}

/* Every line of placeholder s in scene `scene` becomes c's. */
static void give_scene(struct nov *n, struct episode *e, size_t scene, int s, int c)
{
	for (size_t i = 0; i < n->n_q; i++) {
		if (n->q[i].scene != scene || nov_follow(n, n->q[i].spk) != s) continue;
		if (n->q[i].scene < e->n_scenes) nov_respeak(n, &e->scenes[n->q[i].scene], &n->q[i], s, c);
		n->q[i].spk = c;
		n->ch[c].spoke++;
		if (n->ch[s].spoke > 0) n->ch[s].spoke--;
	}
}

/* The name a stranger gives himself in quote i and the quotes of his that follow it in the
 * same paragraph (a tag may cut the sentence: "My name," says the man, "is Friedenhausman--
 * Maximus G. Friedenhausman."): "my name is X", "name's X", "I am X", "I'm X" with X one
 * to three capitalised words that end the clause; written to out, 0 if none. */
static int split_intro(struct nov *n, size_t i, char *out, size_t outn)
{
	static const char *const intro[] = { "name is ", "name's ", "name\u2019s ", "I am ", "I'm ", "I\u2019m ", NULL };
	struct sbuf all = { 0 };
	sb_add(&all, "");
	int who = nov_follow(n, n->q[i].spk);
	for (size_t k = i; k < n->n_q && k < i + 3 && n->q[k].para == n->q[i].para && nov_follow(n, n->q[k].spk) == who; k++) {
		const char *t = n->q[k].text;
		while (*t == ' ') t++;
		size_t tl = strlen(t);
		while (tl && strchr(" ,", t[tl - 1])) tl--;
		if (k > i) sb_add(&all, " ");
		char *piece = xstrndup(t, tl);
		sb_add(&all, piece);
		free(piece);
	}
	int found = 0;
	for (int j = 0; intro[j] && !found; j++) {
		const char *h = strstr(all.s, intro[j]);
		if (!h || (h > all.s && isalpha((unsigned char)h[-1]))) continue;
		const char *p = h + strlen(intro[j]), *e = p;
		int words = 0;
		while (words < 3 && isupper((unsigned char)*e) && nov_word_at(e) >= 2) {
			const char *w = e + nov_word_at(e);
			words++;
			if (*w == ' ' && isupper((unsigned char)w[1])) { e = w + 1; continue; }
			e = w;
			break;
		}
		if (!words || !(*e == '.' || *e == ',' || *e == '!' || *e == '-' || !*e) || (size_t)(e - p) >= outn) continue;
		snprintf(out, outn, "%.*s", (int)(e - p), p);
		found = 1;
	}
	sb_free(&all);
	return found;
}

void nov_strangers_named_en(struct nov *n)
{
	if (n->zh || !n->n_q || !n->s || !n->s->n_eps) return;
	struct episode *e = &n->s->eps[n->s->n_eps - 1];
	/* a stranger who names himself, in a sentence a tag may cut */
	for (size_t i = 0; i < n->n_q; i++) {
		int s = nov_follow(n, n->q[i].spk);
		char nm[64];
		if (s < 0 || !n->ch[s].placeholder || !split_intro(n, i, nm, sizeof nm)) continue;
		int c = nov_find_ch(n, nm);
		if (c < 0) {   /* (a name the text gives nowhere else) */
			const json_t *stop = json_object_get(n->nd, "stop_names_en");
			if (nov_in_list(stop, nm) || nov_seen_lower(n->p[n->q[i].para].raw ? n->p[n->q[i].para].raw : "", nm)) continue;
			c = nov_add_ch(n, nm);
			n->ch[c].used = 1;
		}
		if (c == s || n->ch[c].placeholder || c == n->narrator || !same_gender(n->ch[s].gender, n->ch[c].gender)) continue;
		give_scene(n, e, n->q[i].scene, s, c);
	}
	for (size_t c = 0; c < n->n_ch; c++) {
		if (n->ch[c].merged >= 0 || n->ch[c].placeholder || (int)c == n->narrator) continue;
		size_t fx = first_named(n, (int)c);
		if (fx >= n->n_p) continue;
		size_t qx = 0;   /* the first quote at or after the paragraph that names c first */
		while (qx < n->n_q && n->q[qx].para < fx) qx++;
		if (qx == 0 || qx >= n->n_q) continue;
		size_t scene = n->q[qx].scene;
		int s = -1;   /* a placeholder who spoke in the scene among the last three quotes before the name */
		for (size_t i = qx; i-- > 0 && i + 3 >= qx && n->q[i].scene == scene && s < 0;) {
			int w = nov_follow(n, n->q[i].spk);
			if (w >= 0 && n->ch[w].placeholder) s = w;
		}
		if (s < 0 || !same_gender(n->ch[s].gender, n->ch[c].gender) || nov_apart_en(n, s, (int)c)) continue;
		/* what joins them, in this scene from the name on: the stranger names himself so;
		 * the one who answers him calls him so; or the name comes first as a speech tag's
		 * subject, and from there on only one of the two speaks */
		int s_after = 0, c_after = 0, c_before = 0, named = 0;
		for (size_t i = 0; i < n->n_q; i++) {
			if (n->q[i].scene != scene) continue;
			int w = nov_follow(n, n->q[i].spk);
			if (i < qx) { c_before |= w == (int)c; continue; }
			s_after |= w == s;
			c_after |= w == (int)c;
			if (w == s && self_named(n, n->q[i].text, (int)c)) named = 1;
			if (w == s && i + 1 < n->n_q && n->q[i + 1].scene == scene && nov_follow(n, n->q[i + 1].spk) != s && addresses(n, n->q[i + 1].text, (int)c)) named = 1;
		}
		if (c_before) continue;
		if (!named && !(acts_first(n, &n->p[fx], n->ch[c].last ? n->ch[c].name + n->ch[c].last : n->ch[c].name) && !(s_after && c_after))) continue;
		(void)c_after;
		give_scene(n, e, scene, s, (int)c);
	}
}
