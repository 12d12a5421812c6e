/* story/engine_stats.c — measures of what the engine wrote, shared by the tests and the
 * bench: line overlap between two scripts (names normalised), beats two scripts share in
 * the same place, and how a series holds together (cliffhangers picked up, beats that
 * come back, lines reused from earlier episodes). */
#include "story/engine.h"

#include <stdlib.h>
#include <string.h>

/* A line with every character's name and call replaced by "@" (caller frees). */
static char *norm_line(const struct series *s, const char *t)
{
	char *r = xstrdup(t);
	for (size_t c = 0; c < s->n_chars; c++) {
		const char *nm = s->chars[c].name;
		size_t n = nm ? strlen(nm) : 0;
		if (!n) continue;
		char *p;
		while ((p = strstr(r, nm))) {
			char *q = xasprintf("%.*s@%s", (int)(p - r), r, p + n);
			free(r);
			r = q;
		}
	}
	return r;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Sorted distinct normalised lines of episodes [e0, e1) (caller frees each and the array). */
static size_t line_set(const struct series *s, size_t e0, size_t e1, char ***out)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	for (size_t e = e0; e < e1 && e < s->n_eps; e++)
		for (size_t c = 0; c < s->eps[e].n_scenes; c++)
			for (size_t k = 0; k < s->eps[e].scenes[c].n_shots; k++) {
				const struct line *l = s->eps[e].scenes[c].shots[k].line;
				if (!l || !l->text) continue;
				xgrow((void **)&v, &cap, n, sizeof *v);
				v[n++] = norm_line(s, l->text);
			}
	if (n) qsort(v, n, sizeof *v, cmp_str);
	size_t d = 0;
	for (size_t i = 0; i < n; i++) {
		if (d && !strcmp(v[d - 1], v[i])) { free(v[i]); continue; }
		v[d++] = v[i];
	}
	*out = v;
	return d;
}

static void free_set(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++) free(v[i]);
	free(v);
}

static int in_set(char *const *v, size_t n, const char *t)
{
	return n && bsearch(&t, v, n, sizeof *v, cmp_str) != NULL;
}

double eng_stats_jaccard(const struct series *a, const struct series *b)
{
	char **va, **vb;
	size_t na = line_set(a, 0, a->n_eps, &va), nb = line_set(b, 0, b->n_eps, &vb);
	size_t both = 0;
	for (size_t i = 0; i < na; i++) both += in_set(vb, nb, va[i]);
	size_t uni = na + nb - both;
	free_set(va, na);
	free_set(vb, nb);
	return uni ? (double)both / (double)uni : 0;
}

int eng_stats_same_beats(const struct series *a, const struct series *b)
{
	int same = 0;
	if (!a->n_eps || !b->n_eps) return 0;
	const struct episode *x = &a->eps[0], *y = &b->eps[0];
	for (size_t i = 0; i < x->n_scenes && i < y->n_scenes; i++) {
		if (!x->scenes[i].summary || !y->scenes[i].summary) continue;
		char *p = norm_line(a, x->scenes[i].summary), *q = norm_line(b, y->scenes[i].summary);
		same += !strcmp(p, q);
		free(p);
		free(q);
	}
	return same;
}

/* The last spoken line of an episode (the cliffhanger), or NULL. */
static const struct line *last_line(const struct episode *e)
{
	for (size_t c = e->n_scenes; c-- > 0;)
		for (size_t k = e->scenes[c].n_shots; k-- > 0;) {
			const struct line *l = e->scenes[c].shots[k].line;
			if (l && l->speaker) return l;
		}
	return NULL;
}

void eng_stats_series(const struct series *s, struct eng_series_stats *st)
{
	memset(st, 0, sizeof *st);
	for (size_t e = 1; e < s->n_eps; e++) {
		const struct line *cl = last_line(&s->eps[e - 1]);
		if (!cl) continue;
		st->cliffs++;
		/* picked up: the next episode's opening scene says it again and someone answers */
		const struct scene *sc = s->eps[e].n_scenes ? &s->eps[e].scenes[0] : NULL;
		int said = 0, answered = 0;
		for (size_t k = 0; sc && k < sc->n_shots; k++) {
			const struct line *l = sc->shots[k].line;
			if (!l || !l->speaker) continue;
			if (!said && str_eq(l->text, cl->text)) said = 1;
			else if (said && !str_eq(l->speaker, cl->speaker)) answered = 1;
		}
		st->answered += said && answered;
	}
	/* beats (scene summaries, names normalised) that happen in more than one episode */
	char **seen = NULL;
	size_t ns = 0, cap = 0;
	for (size_t e = 0; e < s->n_eps; e++) {
		size_t start = ns;
		for (size_t c = 0; c < s->eps[e].n_scenes; c++) {
			const char *sm = s->eps[e].scenes[c].summary;
			if (!sm) continue;
			char *n = norm_line(s, sm);
			int dup = 0;
			for (size_t i = 0; i < start && !dup; i++) dup = !strcmp(seen[i], n);
			st->beats++;
			st->beats_repeated += dup;
			xgrow((void **)&seen, &cap, ns, sizeof *seen);
			seen[ns++] = n;
		}
	}
	free_set(seen, ns);
	/* lines of each later episode already heard in an earlier one (the recap of the
	 * cliffhanger excepted: it is repeated on purpose) */
	double sum = 0;
	for (size_t e = 1; e < s->n_eps; e++) {
		char **prev;
		size_t np = line_set(s, 0, e, &prev);
		const struct line *cl = last_line(&s->eps[e - 1]);
		char *cln = cl ? norm_line(s, cl->text) : NULL;
		size_t lines = 0, reused = 0;
		for (size_t c = 0; c < s->eps[e].n_scenes; c++)
			for (size_t k = 0; k < s->eps[e].scenes[c].n_shots; k++) {
				const struct line *l = s->eps[e].scenes[c].shots[k].line;
				if (!l || !l->text) continue;
				char *n = norm_line(s, l->text);
				if (!cln || strcmp(n, cln)) {
					lines++;
					reused += in_set(prev, np, n);
				}
				free(n);
			}
		free(cln);
		free_set(prev, np);
		double r = lines ? (double)reused / (double)lines : 0;
		sum += r;
		if (r > st->reuse_max) st->reuse_max = r;
	}
	st->reuse_mean = s->n_eps > 1 ? sum / (double)(s->n_eps - 1) : 0;
}
