/* story/novel_guard.c — evidence that two names are two people (English). Every join
 * of two names into one person (a one-word name written right after another, "called
 * him Red", a placeholder that takes a name) asks here first. Two names are two people
 * when the text makes them act or talk as two:
 *   - "A and B" (or "A or B"): one sentence counts them as two;
 *   - a quotation a speech tag gives to A calls B by name ("Pump, Red," said Jory);
 *   - two paragraphs in a row whose tags name A and then B (an exchange between them);
 *   - (after attribution) two quotes in a row, each anchored by a tag, of A and of B.
 * The joins themselves stay where they were; this file only says no.
 *
 *   if (!nov_apart_en(n, a, b)) ... join b into a ...
 *   if (!nov_apart_names_en(n, "Jory", "Red")) ... make "Red" another name of Jory ... */
#include "story/novel.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* 1 if name is written at h as a whole name (not inside a longer word) */
static int whole_at(const char *t, const char *h, size_t l)
{
	return (h == t || !isalnum((unsigned char)h[-1])) && !isalnum((unsigned char)h[l]);
}

/* 1 if text t counts a and b as two: "a and b", "a or b" */
static int pair_in(const char *t, const char *a, const char *b)
{
	static const char *const joins[] = { " and ", " or ", " & " };
	size_t al = strlen(a), bl = strlen(b);
	for (const char *h = strstr(t, a); h; h = strstr(h + 1, a)) {
		if (!whole_at(t, h, al)) continue;
		for (size_t j = 0; j < sizeof joins / sizeof *joins; j++) {
			size_t jl = strlen(joins[j]);
			const char *x = h + al;
			if (!strncmp(x, joins[j], jl) && !strncmp(x + jl, b, bl) && whole_at(t, x + jl, bl)) return 1;
		}
	}
	return 0;
}

/* 1 if the name at h is part of a longer run of capitalised words ("Basil" of "Basil
 * Hallward", "Hallward" of "Basil Hallward"): that one is the longer name's mention */
static int part_of_longer(const char *t, const char *h, size_t l)
{
	if (h[l] == ' ' && isupper((unsigned char)h[l + 1])) return 1;
	if (h - t >= 2 && h[-1] == ' ' && isalpha((unsigned char)h[-2])) {
		const char *w = h - 1;
		while (w > t && isalpha((unsigned char)w[-1])) w--;
		if (isupper((unsigned char)*w)) return 1;
	}
	return 0;
}

/* 1 if a narration segment of paragraph pa names who in a speech tag: a said-verb right
 * before or right after the name ("said Red", "Red said", "Red asked") */
static int tagged(struct nov *n, const struct para *pa, const char *who)
{
	size_t l = strlen(who);
	int quotes = 0;
	for (size_t s = 0; s < pa->n; s++) quotes |= pa->v[s].quote;
	if (!quotes) return 0;
	for (size_t s = 0; s < pa->n; s++) {
		if (pa->v[s].quote) continue;
		const char *t = pa->v[s].text;
		for (const char *h = strstr(t, who); h; h = strstr(h + 1, who)) {
			if (!whole_at(t, h, l) || part_of_longer(t, h, l)) continue;
			const char *after = h + l;
			while (*after == ' ' || *after == ',') after++;
			size_t wl = nov_word_at(after);
			if (wl && nov_said_verb_en(n, after, wl)) return 1;
			const char *b = h;
			while (b > t && b[-1] == ' ') b--;
			const char *bw = b;
			while (bw > t && isalpha((unsigned char)bw[-1])) bw--;
			if (bw < b && nov_said_verb_en(n, bw, (size_t)(b - bw))) return 1;
		}
	}
	return 0;
}

/* 1 if a quotation of pa calls who by name ("Pump faster, Red.") */
static int calls(struct nov *n, const struct para *pa, const char *who)
{
	for (size_t s = 0; s < pa->n; s++) {
		char w[64];
		if (pa->v[s].quote && nov_vocative_word(n, pa->v[s].text, w, sizeof w) && !strcmp(w, who)) return 1;
	}
	return 0;
}

int nov_apart_names_en(struct nov *n, const char *a, const char *b)
{
	if (n->zh || !a || !b || !*a || !*b || !strcmp(a, b)) return 0;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const struct para *pa = &n->p[pi];
		if (pa->raw && (pair_in(pa->raw, a, b) || pair_in(pa->raw, b, a))) return 1;
		int ta = tagged(n, pa, a), tb = tagged(n, pa, b);
		if ((ta && !tb && calls(n, pa, b)) || (tb && !ta && calls(n, pa, a))) return 1;
		if (pi + 1 < n->n_p && !n->p[pi + 1].brk && ta != tb) {
			const struct para *nx = &n->p[pi + 1];
			int na = tagged(n, nx, a), nb = tagged(n, nx, b);
			if (na != nb && na == tb) return 1;   /* A's tag, then B's (or B's, then A's) */
		}
	}
	return 0;
}

int nov_apart_en(struct nov *n, int a, int b)
{
	if (n->zh || a < 0 || b < 0 || a == b) return 0;
	/* two quotes in a row, each anchored by a tag, one of a and one of b */
	for (size_t i = 0; i + 1 < n->n_q; i++) {
		if (!n->q[i].anchored || !n->q[i + 1].anchored || n->q[i].scene != n->q[i + 1].scene) continue;
		int x = nov_follow(n, n->q[i].spk), y = nov_follow(n, n->q[i + 1].spk);
		if ((x == a && y == b) || (x == b && y == a)) return 1;
	}
	if (n->ch[a].placeholder || n->ch[b].placeholder) return 0;   /* ("Stranger" is written nowhere) */
	if (nov_apart_names_en(n, n->ch[a].name, n->ch[b].name)) return 1;
	/* a titled name also goes by its last word ("Mr. Jabez Wilson": "Wilson") */
	const char *la = n->ch[a].last ? n->ch[a].name + n->ch[a].last : NULL, *lb = n->ch[b].last ? n->ch[b].name + n->ch[b].last : NULL;
	if (la && strcmp(la, n->ch[b].name) && nov_apart_names_en(n, la, n->ch[b].name)) return 1;
	if (lb && strcmp(lb, n->ch[a].name) && nov_apart_names_en(n, n->ch[a].name, lb)) return 1;
	return 0;
}

/* ---- the cast: persons only ---- */
/* 1 if the never-speaking character c is coordinated with a person ("Parker and Perry",
 * "Perry or Parker"): coordination joins like with like, so c is a person too. A person
 * here has a title or a gender. */
static int with_person(struct nov *n, int c)
{
	static const char *const joins[] = { " and ", " or ", " & " };
	const struct nch *x = &n->ch[c];
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const char *t = n->p[pi].raw;
		for (const char *h = t ? strstr(t, x->name) : NULL; h; h = strstr(h + 1, x->name)) {
			if (!whole_at(t, h, x->len)) continue;
			for (size_t j = 0; j < sizeof joins / sizeof *joins; j++) {
				size_t jl = strlen(joins[j]);
				int y = !strncmp(h + x->len, joins[j], jl) ? nov_name_at(n, h + x->len + jl) : -1;   /* "X and Y" */
				for (size_t d = 0; y < 0 && d < n->n_ch; d++) {   /* "Y and X" */
					const struct nch *z = &n->ch[d];
					if (z->merged < 0 && (size_t)(h - t) >= jl + z->len && !strncmp(h - jl, joins[j], jl) &&
					    !strncmp(h - jl - z->len, z->name, z->len) && whole_at(t, h - jl - z->len, z->len))
						y = (int)d;
				}
				if (y >= 0 && y != c && !n->ch[y].placeholder && (n->ch[y].last || n->ch[y].gender)) return 1;
			}
		}
	}
	return 0;
}

void nov_persons_en(struct nov *n, int *person)
{
	for (size_t c = 0; c < n->n_ch; c++) {
		const struct nch *x = &n->ch[c];
		person[c] = n->zh || (int)c == n->narrator || x->placeholder || x->spoke || x->last || x->gender || x->role || x->role_noun || x->addr_only;
	}
	if (n->zh) return;
	for (size_t i = 0; i < n->n_q; i++) {   /* speaks; is spoken to by name */
		char w[64];
		int s = nov_follow(n, n->q[i].spk);
		if (s >= 0) person[s] = 1;
		int v = nov_vocative_word(n, n->q[i].text, w, sizeof w) ? nov_find_ch(n, w) : -1;
		if (v >= 0) person[v] = person[nov_follow(n, v)] = 1;
	}
	for (size_t a = 0; a < n->n_alias; a++) {   /* the narration gives him another name */
		int w = nov_follow(n, n->alias[a].who);
		if (w >= 0) person[w] = 1;
	}
	for (size_t c = 0; c < n->n_ch; c++)
		if (!person[c] && n->ch[c].merged < 0 && n->ch[c].used) person[c] = with_person(n, (int)c);
}

void nov_drop_actor(struct series *s, const char *name)
{
	for (size_t i = 0; i < s->n_eps; i++)
		for (size_t j = 0; j < s->eps[i].n_scenes; j++) {
			struct scene *sc = &s->eps[i].scenes[j];
			for (size_t k = 0; k < sc->n_shots; k++) {
				struct shot *sh = &sc->shots[k];
				for (size_t a = 0; a < sh->n_actors; a++) {
					if (!str_eq(sh->actors[a].name, name)) continue;
					struct actor *y = &sh->actors[a];
					free(y->name); free(y->expression); free(y->pose); free(y->action);
					memmove(sh->actors + a, sh->actors + a + 1, (sh->n_actors - a - 1) * sizeof *sh->actors);
					sh->n_actors--;
					a--;
				}
			}
		}
}
