/* core/validate.c — one validator for every storyboard (engine, LLM, user edit), and
 * json_locate, which turns a field path into a line:column of the JSON text. */
#include "core/model.h"
#include "core/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_CHARS 200    /* a subtitle line longer than this cannot be read in time */

void diags_add(struct diags *d, const char *path, const char *fmt, ...)
{
	va_list ap;
	xgrow((void **)&d->v, &d->cap, d->n, sizeof *d->v);
	struct diag *g = &d->v[d->n++];
	g->path = xstrdup(path);
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	g->msg = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(g->msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

void diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) { free(d->v[i].path); free(d->v[i].msg); }
	free(d->v);
	memset(d, 0, sizeof *d);
}

static int blank(const char *s)
{
	if (!s) return 1;
	for (; *s; s++)
		if (!isspace((unsigned char)*s)) return 0;
	return 1;
}

static void vocab(struct diags *d, const char *path, const char *field, const char *v,
                  const char *const *voc, int required)
{
	if (!v) {
		if (required) diags_add(d, path, "%s is missing", field);
		return;
	}
	if (model_in_vocab(voc, v)) return;
	struct sbuf b = { 0 };
	for (int i = 0; voc[i]; i++) sb_printf(&b, "%s%s", i ? ", " : "", voc[i]);
	char p[600];
	snprintf(p, sizeof p, "%s.%s", path, field);
	diags_add(d, p, "\"%s\" is not one of: %s", v, b.s);
	sb_free(&b);
}

static void check_line(const struct series *s, const struct line *l, const char *path, struct diags *d)
{
	char p[600];
	if (l->speaker && !series_find_character(s, l->speaker)) {
		snprintf(p, sizeof p, "%s.speaker", path);
		diags_add(d, p, "no character \"%s\"; add it to characters or use an existing name", l->speaker);
	}
	if (blank(l->text)) {
		snprintf(p, sizeof p, "%s.text", path);
		diags_add(d, p, "the line is empty; write the line or remove it");
	} else if (utf8_len(l->text) > LINE_MAX_CHARS) {
		snprintf(p, sizeof p, "%s.text", path);
		diags_add(d, p, "the line has %zu characters (at most %d); split it over several shots",
		          utf8_len(l->text), LINE_MAX_CHARS);
	}
	if (l->emotion) vocab(d, path, "emotion", l->emotion, MODEL_EMOTIONS, 0);
	if (l->with && !series_find_character(s, l->with)) {
		snprintf(p, sizeof p, "%s.with", path);
		diags_add(d, p, "no character \"%s\" speaks with %s; add it to characters or remove \"with\"",
		          l->with, l->speaker ? l->speaker : "the narrator");
	}
	for (size_t i = 0; i < l->n_also; i++)
		if (!series_find_character(s, l->also[i])) {
			snprintf(p, sizeof p, "%s.also[%zu]", path, i);
			diags_add(d, p, "no character \"%s\" speaks with %s; add it to characters or remove it from \"also\"",
			          l->also[i], l->speaker ? l->speaker : "the narrator");
		}
}

size_t series_validate(const struct series *s, struct diags *d)
{
	size_t before = d->n;
	char p[512], q[600];
	if (s->lang && strcmp(s->lang, "en") && strcmp(s->lang, "zh"))
		diags_add(d, "lang", "\"%s\" is not a supported language (en, zh)", s->lang);
	for (size_t i = 0; i < s->n_chars; i++) {
		snprintf(p, sizeof p, "characters[%zu].name", i);
		if (blank(s->chars[i].name)) { diags_add(d, p, "a character needs a name"); continue; }
		for (size_t k = 0; k < i; k++)
			if (str_eq(s->chars[k].name, s->chars[i].name))
				diags_add(d, p, "\"%s\" is used by two characters; names must be unique", s->chars[i].name);
		if (s->chars[i].age < 0 || s->chars[i].age > 150) {
			snprintf(p, sizeof p, "characters[%zu].age", i);
			diags_add(d, p, "%d is not an age", s->chars[i].age);
		}
	}
	for (size_t i = 0; i < s->n_locs; i++) {
		snprintf(p, sizeof p, "locations[%zu].name", i);
		if (blank(s->locs[i].name)) { diags_add(d, p, "a location needs a name"); continue; }
		for (size_t k = 0; k < i; k++)
			if (str_eq(s->locs[k].name, s->locs[i].name))
				diags_add(d, p, "\"%s\" is used by two locations; names must be unique", s->locs[i].name);
	}
	if (!s->n_eps) diags_add(d, "episodes", "the storyboard has no episodes");
	if (s->n_eps > MODEL_MAX_EPISODES)
		diags_add(d, "episodes", "%zu episodes (at most %d in one project); make the episodes longer "
		          "(--minutes) or split the story over several projects", s->n_eps, MODEL_MAX_EPISODES);
	series_check_text(s, d);
	for (size_t ei = 0; ei < s->n_eps; ei++) {
		const struct episode *e = &s->eps[ei];
		if (!e->n_scenes) {
			snprintf(p, sizeof p, "episodes[%zu].scenes", ei);
			diags_add(d, p, "the episode has no scenes");
		}
		for (size_t si = 0; si < e->n_scenes; si++) {
			const struct scene *sc = &e->scenes[si];
			snprintf(p, sizeof p, "episodes[%zu].scenes[%zu]", ei, si);
			if (!sc->location) diags_add(d, p, "location is missing");
			else if (!series_find_location(s, sc->location)) {
				snprintf(q, sizeof q, "%s.location", p);
				diags_add(d, q, "no location \"%s\"; add it to locations or use an existing name", sc->location);
			}
			if (sc->time) vocab(d, p, "time", sc->time, MODEL_TIMES, 0);
			if (sc->weather) vocab(d, p, "weather", sc->weather, MODEL_WEATHERS, 0);
			if (sc->mood) vocab(d, p, "mood", sc->mood, MODEL_MOODS, 0);
			for (size_t ci = 0; ci < sc->n_cast; ci++)
				if (!series_find_character(s, sc->cast[ci])) {
					snprintf(q, sizeof q, "%s.cast[%zu]", p, ci);
					diags_add(d, q, "no character \"%s\"", sc->cast[ci]);
				}
			if (!sc->n_shots) {
				snprintf(q, sizeof q, "%s.shots", p);
				diags_add(d, q, "the scene has no shots");
			}
			for (size_t hi = 0; hi < sc->n_shots; hi++) {
				const struct shot *sh = &sc->shots[hi];
				char sp[560];
				snprintf(sp, sizeof sp, "%s.shots[%zu]", p, hi);
				vocab(d, sp, "type", sh->type, MODEL_SHOT_TYPES, 1);
				if (sh->camera) vocab(d, sp, "camera", sh->camera, MODEL_CAMERAS, 0);
				if (sh->transition) vocab(d, sp, "transition", sh->transition, MODEL_TRANSITIONS, 0);
				if (sh->duration < 0 || sh->duration > 60) {
					snprintf(q, sizeof q, "%s.duration", sp);
					diags_add(d, q, "%g seconds is out of range (0 to 60; 0 = from the line)", sh->duration);
				}
				for (size_t ai = 0; ai < sh->n_actors; ai++) {
					const struct actor *a = &sh->actors[ai];
					char ap[600];
					snprintf(ap, sizeof ap, "%s.actors[%zu]", sp, ai);
					if (!series_find_character(s, a->name)) {
						snprintf(q, sizeof q, "%s.name", ap);
						diags_add(d, q, "no character \"%s\"", a->name ? a->name : "");
					}
					if (a->expression) vocab(d, ap, "expression", a->expression, MODEL_EMOTIONS, 0);
					if (a->pose) vocab(d, ap, "pose", a->pose, MODEL_POSES, 0);
				}
				if (sh->line) {
					snprintf(q, sizeof q, "%s.line", sp);
					check_line(s, sh->line, q, d);
				}
			}
		}
	}
	return d->n - before;
}

/* ---- json_locate: a small scanner that follows a path through JSON text ---- */
struct scan { const char *t; int line, col; };

static void adv(struct scan *s)
{
	if (*s->t == '\n') { s->line++; s->col = 1; }
	else if (((unsigned char)*s->t & 0xc0) != 0x80) s->col++;
	s->t++;
}

static void ws(struct scan *s)
{
	while (*s->t && isspace((unsigned char)*s->t)) adv(s);
}

static int skip_string(struct scan *s, char *out, size_t outn)
{
	size_t n = 0;
	if (*s->t != '"') return -1;
	adv(s);
	while (*s->t && *s->t != '"') {
		if (*s->t == '\\' && s->t[1]) { adv(s); }
		if (out && n + 1 < outn) out[n++] = *s->t;
		adv(s);
	}
	if (out) out[n] = 0;
	if (*s->t != '"') return -1;
	adv(s);
	return 0;
}

static int skip_value(struct scan *s)
{
	ws(s);
	if (*s->t == '"') return skip_string(s, NULL, 0);
	if (*s->t == '{' || *s->t == '[') {
		char close = *s->t == '{' ? '}' : ']';
		adv(s);
		ws(s);
		if (*s->t == close) { adv(s); return 0; }
		for (;;) {
			ws(s);
			if (close == '}') {
				if (skip_string(s, NULL, 0) < 0) return -1;
				ws(s);
				if (*s->t != ':') return -1;
				adv(s);
			}
			if (skip_value(s) < 0) return -1;
			ws(s);
			if (*s->t == ',') { adv(s); continue; }
			if (*s->t == close) { adv(s); return 0; }
			return -1;
		}
	}
	if (!*s->t) return -1;
	while (*s->t && !strchr(",}] \t\r\n", *s->t)) adv(s);
	return 0;
}

int json_locate(const char *text, const char *path, int *line, int *col)
{
	struct scan s = { text, 1, 1 };
	const char *p = path;
	int ll = 1, lc = 1;   /* last container reached: the answer when the field is absent */
	*line = *col = 0;
	ws(&s);
	while (*p) {
		ll = s.line;
		lc = s.col;
		if (*p == '.') { p++; continue; }
		if (*p == '[') {
			long idx = strtol(p + 1, (char **)&p, 10);
			if (*p == ']') p++;
			ws(&s);
			if (*s.t != '[') goto partial;
			adv(&s);
			for (long i = 0; i < idx; i++) {
				if (skip_value(&s) < 0) goto partial;
				ws(&s);
				if (*s.t != ',') goto partial;
				adv(&s);
			}
			ws(&s);
			continue;
		}
		char key[128];
		size_t kn = strcspn(p, ".[");
		snprintf(key, sizeof key, "%.*s", (int)kn, p);
		p += kn;
		ws(&s);
		if (*s.t != '{') goto partial;
		adv(&s);
		for (;;) {
			char k[128];
			ws(&s);
			if (skip_string(&s, k, sizeof k) < 0) goto partial;
			ws(&s);
			if (*s.t != ':') goto partial;
			adv(&s);
			ws(&s);
			if (!strcmp(k, key)) break;
			if (skip_value(&s) < 0) goto partial;
			ws(&s);
			if (*s.t != ',') goto partial;   /* key not present: stop at the object */
			adv(&s);
		}
	}
	ws(&s);
	*line = s.line;
	*col = s.col;
	return 1;
partial:
	*line = ll;
	*col = lc;
	return 0;
}
