/* story/novel_scene.c — the parts of a novel import around the lines (novel.c): role
 * words next to a name, the time and place a paragraph moves to, and the episode split's
 * length and count. */
#include "story/novel.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* "Mr. Bao, the landlord," / "房东鲍老板": a role word next to the name. */
void nov_roles(struct nov *n)
{
	const json_t *rw = imp_data("role_words");
	for (size_t c = 0; c < n->n_ch; c++) {
		const char *nm = n->ch[c].name;
		size_t nl = strlen(nm);
		if ((int)c == n->narrator) continue;
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

const char *nov_shift_time(struct nov *n, const char *phrase)
{
	const json_t *t = json_object_get(n->nd, "time_of_shift");
	size_t i;
	json_t *x;
	json_array_foreach(t, i, x)
		if (imp_has_word(phrase, json_string_value(json_array_get(x, 0)))) return json_string_value(json_array_get(x, 1));
	return NULL;
}

char *nov_location_for(struct nov *n, const char *text)
{
	const char *kind = imp_lookup("location_kinds", text);
	if (!kind) return NULL;
	const json_t *names = json_object_get(imp_data("location_names"), kind);
	const char *nm = json_string_value(json_array_get(names, n->zh ? 1 : 0));
	return xstrdup(nm ? nm : kind);
}

/* A paragraph that opens somewhere else ("At the hospital, ...", "回到办公室，") starts a
 * scene there: the place's name, or NULL if it does not move (or says nowhere known). */
char *nov_place_change(struct nov *n, const struct para *pa, const char *cur)
{
	if (!pa->n || pa->v[0].quote) return NULL;
	const char *t = pa->v[0].text;
	const json_t *openers = nov_vocab(n, "place_openers");
	size_t i;
	json_t *x;
	json_array_foreach(openers, i, x) {
		const char *w = json_string_value(x);
		size_t wl = strlen(w);
		if (n->zh ? strncmp(t, w, wl) : strncasecmp(t, w, wl)) continue;
		/* the place phrase: up to the first comma or stop */
		const char *e = t + wl;
		int words = 0, cps = 0;   /* a place is named in a few words: "the old hospital" */
		while (*e && !strchr(",.;:!?", *e) && !nov_starts(e, "，") && !nov_starts(e, "。") && !nov_starts(e, "：")) {
			if (*e == ' ' && ++words >= 3) break;
			if (++cps > 10 && n->zh) break;
			e += nov_cp_len(e);
		}
		char *phrase = xstrndup(t, (size_t)(e - t));
		char *loc = nov_location_for(n, phrase);
		free(phrase);
		if (loc && !str_eq(loc, cur)) return loc;
		free(loc);
		return NULL;
	}
	return NULL;
}

/* Minutes per episode: the asked length, or longer when the text would make more than
 * NOV_MAX_EPISODES episodes (the CLI's limit), with one warning saying so. */
double nov_episode_minutes(const struct series *s, double minutes)
{
	double total = 0;
	for (size_t i = 0; i < s->n_eps; i++)
		for (size_t j = 0; j < s->eps[i].n_scenes; j++)
			for (size_t k = 0; k < s->eps[i].scenes[j].n_shots; k++) total += imp_shot_seconds(&s->eps[i].scenes[j].shots[k]);
	/* the split starts a new episode past the target, so aim a tenth under the limit */
	double need = total / 60.0 / (NOV_MAX_EPISODES * 0.9);
	if (need <= minutes) return minutes;
	log_warn("story", "the text makes about %.0f minutes of drama, more than %d episodes of %.1f minutes; "
	         "episodes are made %.1f minutes long instead (split the text to keep shorter episodes)",
	         total / 60.0, NOV_MAX_EPISODES, minutes, need);
	return need;
}

/* At most max episodes: when the split made more (scenes longer than an episode),
 * neighbours join so that exactly max are left (episode i into i * max / n). */
void nov_merge_episodes(struct series *s, size_t max)
{
	size_t n = s->n_eps;
	if (n <= max) return;
	for (size_t i = 1; i < n; i++) {
		size_t d = i * max / n;
		if (d == i) continue;
		struct episode *dst = &s->eps[d], *e = &s->eps[i];
		if (d != (i - 1) * max / n) { *dst = *e; memset(e, 0, sizeof *e); continue; }   /* first of its group */
		for (size_t c = 0; c < e->n_scenes; c++) *episode_add_scene(dst) = e->scenes[c];
		free(e->scenes);
		memset(e, 0, sizeof *e);
	}
	s->n_eps = max;
}
