/* story/engine_plot.c — the plot planner: every keyword lands where it belongs (roles and
 * creatures are cast, places get scenes, events and tropes get beats, weather becomes a
 * scene's condition), and an episode's scene list is rebuilt around the tropes' required
 * beats and the keywords' beats inside the short-drama shape (hook first; reversal;
 * cliffhanger last). The beats are data: data/story/plots.json ("tropes": the beat scene
 * types each trope requires, in order; "entity": beat types per keyword kind; "types":
 * the beat scenes, in scenes.json's format), lines in beats_<lang>.json. */
#include "story/engine.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int slot_free(const struct eng *g, int sl) { return g->slot[sl].ci < 0; }

/* A role for a keyword the lexicon lacks, owned by g->kwroles. */
static const json_t *make_role(struct eng *g, const struct eng_kw *k, int creature)
{
	json_t *r = json_object();
	char id[32];
	snprintf(id, sizeof id, "kw_%d", g->n_kw);
	json_object_set_new(r, "id", json_string(id));
	json_object_set_new(r, "en", json_string(k->head));
	json_object_set_new(r, "zh", json_string(k->head));
	json_object_set_new(r, "era", json_string("any"));
	if (str_eq(k->sub, "male") || str_eq(k->sub, "female")) json_object_set_new(r, "gender", json_string(k->sub));
	int lo = 22, hi = 34;
	if (k->old) { lo = 62; hi = 74; }
	else if (k->young) { lo = 16; hi = 19; }
	if (creature) { json_object_set_new(r, "creature", json_true()); if (!k->old) { lo = 3; hi = 9; } }
	json_object_set_new(r, "age", json_pack("[ii]", lo, hi));
	json_array_append_new(g->kwroles, r);
	return r;
}

void eng_kw_place(struct eng *g, struct eng_kw *k)
{
	static const int person_order[] = { SL_HERO, SL_LOVE, SL_RIVAL, SL_ALLY, SL_BOSS };
	static const int creature_order[] = { SL_ALLY, SL_RIVAL, SL_BOSS, SL_LOVE, SL_HERO };
	if (k->kind == KW_ROLE || k->kind == KW_CREATURE) {
		const int *order = k->kind == KW_ROLE ? person_order : creature_order;
		for (int i = 0; i < SL_N; i++)
			if (slot_free(g, order[i])) {
				k->slot = order[i];
				eng_add_character(g, k->slot, make_role(g, k, k->kind == KW_CREATURE), NULL);
				return;
			}
		return;   /* the cast is full: eng_kw_warn_unused names it */
	}
	if (k->kind == KW_PLACE) {
		char *nm = xstrdup(k->head);
		if (!g->zh)
			for (char *q = nm; *q; q++)
				if ((q == nm || q[-1] == ' ') && *q >= 'a' && *q <= 'z') *q = (char)(*q - 'a' + 'A');
		char *desc = g->zh ? xasprintf("%s，故事发生的地方。", k->head) : xasprintf("The %s where the story happens.", k->head);
		k->loc = eng_add_location(g, nm, NULL, desc);
		free(nm);
		free(desc);
		for (int pl = 0; pl < PL_N; pl++)
			if (g->place[pl] < 0) { g->place[pl] = k->loc; break; }
		return;
	}
	if (k->kind == KW_WORLD) {
		strv_push(&g->s->genres, &g->s->n_genres, &g->s->cap_genres, k->head);
		return;
	}
	if (k->kind == KW_OBJECT) {
		for (int i = 0; i < g->n_props; i++)
			if (str_eq(g->props[i], k->head)) return;
		if (g->n_props < (int)ARRAY_LEN(g->props)) {
			/* a keyword's object comes first: it is the one the lines pass around */
			memmove(g->props + 1, g->props, (size_t)g->n_props * sizeof *g->props);
			g->props[0] = xstrdup(k->head);
			g->n_props++;
		}
	}
}

/* ---- planning an episode ---- */
struct want { const char *type; const struct eng_kw *ent; int late; int ord; };   /* ord: place in its keyword's beat list */

static const json_t *beat_list(const struct eng *g, const char *group, const char *key)
{
	return json_object_get(json_object_get(g->plots, group), key);
}

static int once_done(const struct eng *g, const char *t)
{
	for (size_t i = 0; i < g->n_once; i++)
		if (str_eq(g->once[i], t)) return 1;
	return 0;
}

static void once_mark(struct eng *g, const char *t)
{
	if (once_done(g, t)) return;
	xgrow((void **)&g->once, &g->cap_once, g->n_once, sizeof *g->once);
	g->once[g->n_once++] = xstrdup(t);
}

/* The share of a list of n beats that belongs to episode ep of neps: beats [a, b). */
static void share(size_t n, int ep, int neps, size_t *a, size_t *b)
{
	if (neps <= 1) { *a = 0; *b = n; return; }
	*a = (size_t)ep * n / (size_t)neps;
	*b = (size_t)(ep + 1) * n / (size_t)neps;
	/* a series shorter than the beat list still plays every beat; longer: one beat per step */
}

static int is_type(const char *t, const char *prefix) { return t && !strncmp(t, prefix, strlen(prefix)); }

size_t eng_plot_episode(struct eng *g, const char **types, size_t n, size_t max, const struct eng_kw **ents)
{
	struct want w[24];
	size_t nw = 0;
	for (size_t i = 0; i < n; i++) ents[i] = NULL;
	/* the required beats of the tropes the keywords name, each trope's in order, the
	 * tropes interleaved by the seed; each beat once in a series */
	struct want q[8][8];
	size_t nq[8] = { 0 }, at[8] = { 0 }, left = 0;
	int nt = 0;
	for (int t = 0; t < g->n_tropes && nt < 8; t++) {
		const json_t *bl = beat_list(g, "tropes", g->tropes[t]);
		const struct eng_kw *src = NULL;
		for (int i = 0; i < g->n_kw; i++)
			if (g->kw[i].trope && str_eq(g->kw[i].trope, g->tropes[t])) src = &g->kw[i];
		if (!src) continue;   /* a trope the engine chose for itself brings no beats */
		size_t a, b;
		share(json_array_size(bl), g->ep_index, g->n_eps, &a, &b);
		for (size_t i = a; i < b && nq[nt] < 8; i++) {
			const char *ty = json_string_value(json_array_get(bl, i));
			if (ty && !once_done(g, ty)) q[nt][nq[nt]++] = (struct want){ ty, src, 0 };
		}
		left += nq[nt];
		nt++;
	}
	while (left && nw < ARRAY_LEN(w)) {
		int t = rng_range(&g->r, 0, nt - 1);
		if (at[t] >= nq[t]) continue;
		w[nw++] = q[t][at[t]++];
		left--;
	}
	/* keywords' beats: creatures meet the hero first and help later; events loom, then
	 * strike. With no trope among the keywords the plot is the keywords' own: all their
	 * beats in one episode. */
	int own = 1;
	for (int i = 0; i < g->n_kw; i++) own &= !g->kw[i].trope;
	for (int i = 0; i < g->n_kw; i++) {
		const struct eng_kw *k = &g->kw[i];
		if (k->trope || (k->kind == KW_CREATURE && k->slot < 0)) continue;
		const json_t *bl = beat_list(g, "entity", ENG_KW_KINDS[k->kind]);
		size_t nb = json_array_size(bl);
		if (!nb) continue;
		size_t first, last;
		if (g->n_eps <= 1) {
			/* one episode: the creature meets the hero; the event happens */
			first = k->kind == KW_EVENT ? nb - 1 : 0;
			last = own ? nb - 1 : first;
			if (own) first = 0;
		} else if (k->kind == KW_WEATHER) {
			/* a series: the set piece is the finale's climax */
			if (g->ep_index != g->n_eps - 1) continue;
			first = last = nb - 1;
		} else {
			/* a series: each beat once, spread over the episodes */
			share(nb, g->ep_index, g->n_eps, &first, &last);
			if (first >= last) continue;
			last--;
		}
		for (size_t b = first; b <= last && nw < ARRAY_LEN(w); b++) {
			const char *ty = json_string_value(json_array_get(bl, b));
			int late = k->kind == KW_WEATHER || (k->kind == KW_EVENT && b == nb - 1);
			if (ty) w[nw++] = (struct want){ ty, k, late, (int)b };
		}
	}
	/* seed order: keyword beats move among the trope beats; late ones stay late */
	for (size_t i = nw; i > 1; i--) {
		size_t j = (size_t)rng_range(&g->r, 0, (int)i - 1);
		int trope_i = w[i - 1].ent == NULL || w[i - 1].ent->trope, trope_j = w[j].ent == NULL || w[j].ent->trope;
		if (trope_i || trope_j || w[i - 1].late != w[j].late) continue;
		struct want tmp = w[i - 1]; w[i - 1] = w[j]; w[j] = tmp;
	}
	/* one keyword's beats keep their order (the creature meets the hero before it helps) */
	for (size_t i = 0; i < nw; i++)
		for (size_t j = i + 1; j < nw; j++)
			if (w[i].ent && w[i].ent == w[j].ent && !w[i].ent->trope && w[i].late == w[j].late &&
			    w[i].ord > w[j].ord) {
				const char *t = w[i].type; w[i].type = w[j].type; w[j].type = t;
				int o = w[i].ord; w[i].ord = w[j].ord; w[j].ord = o;
			}
	for (size_t i = 0, late = 0; i < nw; i++)   /* stable: late beats last */
		if (!w[i].late) { struct want tmp = w[i]; memmove(w + late + 1, w + late, (i - late) * sizeof *w); w[late++] = tmp; }
	/* places: a keyword's place hosts a scene */
	/* the seed varies the middle: the pressure and the confrontation may trade places,
	 * and the emotional beat may come before the turn */
	if (n >= 6 && rng_unit(&g->r) < 0.5) { const char *t = types[2]; types[2] = types[3]; types[3] = t; }
	for (size_t i = 2; i + 1 < n; i++)
		if (is_type(types[i], "emotional") && is_type(types[i - 1], "reversal") && rng_unit(&g->r) < 0.5) {
			types[i] = types[i - 1];
			types[i - 1] = "emotional";
		}
	/* the shape: types[0] is the hook, the last the cliffhanger, "reversal*" the turn */
	size_t rev = n;
	for (size_t i = 1; i + 1 < n; i++)
		if (is_type(types[i], "reversal")) rev = i;
	size_t wi = 0;
	/* first, middle scenes before the reversal, then after it; the seed may keep the
	 * first middle scene (the setup) when there is room */
	size_t from = 1 + (n >= 6 && nw + 3 <= n && rng_unit(&g->r) < 0.5);
	size_t early = 0;
	for (size_t i = 0; i < nw; i++) early += !w[i].late;
	for (size_t i = from; i + 1 < n && wi < nw; i++) {
		if (i == rev || w[wi].late) continue;
		/* a generic scene may stay between two beats while there is room for the rest */
		size_t room = 0;
		for (size_t k = i; k + 1 < n; k++) room += k != rev;
		if (room > early - wi && rng_unit(&g->r) < 0.4) continue;
		types[i] = w[wi].type;
		ents[i] = w[wi].ent;
		wi++;
	}
	/* what did not fit (and late beats) goes just before the cliffhanger */
	while (wi < nw && n < max && n >= 2) {
		size_t at = n - 1;
		memmove(types + at + 1, types + at, sizeof *types);
		memmove(ents + at + 1, ents + at, sizeof *ents);
		types[at] = w[wi].type;
		ents[at] = w[wi].ent;
		n++;
		wi++;
	}
	for (size_t i = 0; i < n; i++)
		if (ents[i]) ((struct eng_kw *)ents[i])->hits++;
	/* a reveal happens once in a series; trope beats too */
	const json_t *once = json_object_get(g->plots, "once");
	for (size_t i = 0; i < n; i++) {
		size_t k;
		const json_t *v;
		int is_once = 0;
		json_array_foreach(once, k, v) is_once |= str_eq(json_string_value(v), types[i]);
		for (int t = 0; t < g->n_tropes; t++) {
			json_array_foreach(beat_list(g, "tropes", g->tropes[t]), k, v) is_once |= str_eq(json_string_value(v), types[i]);
		}
		if (!is_once) continue;
		if (once_done(g, types[i])) {
			const json_t *alt = json_object_get(g->plots, "instead_of_once");
			types[i] = json_string_value(json_array_get(alt, (size_t)(g->ep_index + (int)i) % (json_array_size(alt) ? json_array_size(alt) : 1)));
			if (!types[i]) types[i] = "reversal";
		} else {
			once_mark(g, types[i]);
		}
	}
	/* place keywords: each hosts a scene (not the continuation of a cliffhanger) */
	size_t pi = g->ep_index > 0 ? 1 : 0;
	for (int i = 0; i < g->n_kw && n; i++) {
		const struct eng_kw *k = &g->kw[i];
		if (k->kind != KW_PLACE || k->loc < 0) continue;
		while (pi < n && ents[pi] && ents[pi]->kind == KW_PLACE) pi++;
		if (pi >= n) break;
		if (!ents[pi]) ents[pi] = k;
		pi++;
	}
	return n;
}

/* ---- use ---- */
/* Does t contain w, ignoring ASCII case? */
static int text_has(const char *t, const char *w)
{
	if (!t || !w || !*w) return 0;
	size_t n = strlen(w);
	for (; *t; t++)
		if (!strncasecmp(t, w, n)) return 1;
	return 0;
}

static int series_says(const struct series *s, const char *w, int with_actions)
{
	if (text_has(s->logline, w)) return 1;
	for (size_t e = 0; e < s->n_eps; e++)
		for (size_t c = 0; c < s->eps[e].n_scenes; c++) {
			const struct scene *sc = &s->eps[e].scenes[c];
			if (text_has(sc->summary, w)) return 1;
			for (size_t k = 0; k < sc->n_shots; k++) {
				const struct shot *sh = &sc->shots[k];
				if (sh->line && text_has(sh->line->text, w)) return 1;
				if (with_actions && text_has(sh->action, w)) return 1;
			}
		}
	return 0;
}

int eng_kw_used(const struct eng *g, const struct series *s, int i)
{
	const struct eng_kw *k = &g->kw[i];
	switch (k->kind) {
	case KW_ROLE:
	case KW_CREATURE: {
		if (k->slot < 0 || g->slot[k->slot].ci < 0) return 0;
		const char *nm = s->chars[g->slot[k->slot].ci].name;
		for (size_t e = 0; e < s->n_eps; e++)
			for (size_t c = 0; c < s->eps[e].n_scenes; c++)
				for (size_t h = 0; h < s->eps[e].scenes[c].n_shots; h++) {
					const struct line *l = s->eps[e].scenes[c].shots[h].line;
					if (l && str_eq(l->speaker, nm)) return 1;
				}
		return 0;
	}
	case KW_PLACE:
		if (k->loc < 0 || (size_t)k->loc >= s->n_locs) return 0;
		for (size_t e = 0; e < s->n_eps; e++)
			for (size_t c = 0; c < s->eps[e].n_scenes; c++)
				if (str_eq(s->eps[e].scenes[c].location, s->locs[k->loc].name)) return 1;
		return 0;
	case KW_EVENT:
		/* a trope's beats are its own scenes (their summaries say what happens) */
		if (k->trope) {
			const json_t *bl = beat_list(g, "tropes", k->trope);
			/* a genre trope without beats of its own (revenge) shapes the lines and the arc */
			return !json_array_size(bl) || k->hits > 0;
		}
		return series_says(s, k->head, 0);
	case KW_WEATHER:
		for (size_t e = 0; e < s->n_eps; e++)
			for (size_t c = 0; c < s->eps[e].n_scenes; c++) {
				const struct scene *sc = &s->eps[e].scenes[c];
				int wx = model_in_vocab(MODEL_WEATHERS, k->sub) && !str_eq(k->sub, "clear") ? str_eq(sc->weather, k->sub) : 1;
				if (wx && ((sc->n_shots && text_has(sc->shots[0].action, k->head)) || text_has(sc->summary, k->head))) return 1;
			}
		return 0;
	case KW_WORLD:
		if (str_eq(k->sub, "ancient") && str_eq(s->era, "modern")) return 0;
		if ((str_eq(k->sub, "modern") || str_eq(k->sub, "future")) && str_eq(s->era, "ancient")) return 0;
		/* an era the lexicon knows sets the era; another world also frames the logline */
		return str_eq(k->via, "lexicon") || series_says(s, k->head, 0);
	default:
		return series_says(s, k->head, 1);
	}
}

void eng_kw_warn_unused(const struct eng *g)
{
	for (int i = 0; i < g->n_kw; i++) {
		const struct eng_kw *k = &g->kw[i];
		if (eng_kw_used(g, g->s, i)) continue;
		if ((k->kind == KW_ROLE || k->kind == KW_CREATURE) && k->slot < 0)
			log_warn("story", "keyword \"%s\" (a %s) was not used: the cast already has five parts; "
			         "give fewer people or creatures", k->text, ENG_KW_KINDS[k->kind]);
		else
			log_warn("story", "keyword \"%s\" (%s, by %s) was not used by the story; "
			         "a longer episode (--minutes) or more episodes give it room", k->text, ENG_KW_KINDS[k->kind], k->via);
	}
}
