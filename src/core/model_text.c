/* core/model_text.c — every text field of the model, visited with its field path: the
 * validator checks that each is valid UTF-8, the importers repair what is not. Keeping
 * the list of fields in one place means a new field is checked everywhere at once. */
#include "core/model.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

struct walk {
	series_text_fn fn;
	void *ctx;
	char path[600];
};

/* Visit one field: path is the walk's current path plus ".key" (or "[i]" when key is NULL). */
static void field(struct walk *w, char **v, const char *key, size_t idx)
{
	if (!*v) return;
	size_t n = strlen(w->path);
	if (key) snprintf(w->path + n, sizeof w->path - n, "%s%s", n ? "." : "", key);
	else snprintf(w->path + n, sizeof w->path - n, "[%zu]", idx);
	w->fn(v, w->path, w->ctx);
	w->path[n] = 0;
}

static void list(struct walk *w, char **v, size_t nv, const char *key)
{
	size_t n = strlen(w->path);
	snprintf(w->path + n, sizeof w->path - n, "%s%s", n ? "." : "", key);
	for (size_t i = 0; i < nv; i++) field(w, &v[i], NULL, i);
	w->path[n] = 0;
}

/* Push ".key[i]" (or "key[i]" at the top); returns the old length to restore. */
static size_t push(struct walk *w, const char *key, size_t i)
{
	size_t n = strlen(w->path);
	snprintf(w->path + n, sizeof w->path - n, "%s%s[%zu]", n ? "." : "", key, i);
	return n;
}

static void walk_shot(struct walk *w, struct shot *sh)
{
	field(w, &sh->type, "type", 0);
	field(w, &sh->camera, "camera", 0);
	field(w, &sh->transition, "transition", 0);
	field(w, &sh->sound, "sound", 0);
	field(w, &sh->action, "action", 0);
	for (size_t i = 0; i < sh->n_actors; i++) {
		size_t n = push(w, "actors", i);
		struct actor *a = &sh->actors[i];
		field(w, &a->name, "name", 0);
		field(w, &a->expression, "expression", 0);
		field(w, &a->pose, "pose", 0);
		field(w, &a->action, "action", 0);
		w->path[n] = 0;
	}
	if (sh->line) {
		size_t n = strlen(w->path);
		snprintf(w->path + n, sizeof w->path - n, ".line");
		struct line *l = sh->line;
		field(w, &l->speaker, "speaker", 0);
		field(w, &l->text, "text", 0);
		field(w, &l->emotion, "emotion", 0);
		field(w, &l->parenthetical, "parenthetical", 0);
		field(w, &l->audio, "audio", 0);
		w->path[n] = 0;
	}
}

static void walk_scene(struct walk *w, struct scene *sc)
{
	field(w, &sc->heading, "heading", 0);
	field(w, &sc->location, "location", 0);
	field(w, &sc->time, "time", 0);
	field(w, &sc->weather, "weather", 0);
	field(w, &sc->mood, "mood", 0);
	field(w, &sc->summary, "summary", 0);
	list(w, sc->cast, sc->n_cast, "cast");
	field(w, &sc->music, "music", 0);
	for (size_t k = 0; k < sc->n_shots; k++) {
		size_t n = push(w, "shots", k);
		walk_shot(w, &sc->shots[k]);
		w->path[n] = 0;
	}
}

void series_each_text(struct series *s, series_text_fn fn, void *ctx)
{
	struct walk w = { fn, ctx, "" };
	field(&w, &s->title, "title", 0);
	field(&w, &s->logline, "logline", 0);
	field(&w, &s->lang, "lang", 0);
	field(&w, &s->era, "era", 0);
	list(&w, s->genres, s->n_genres, "genres");
	for (size_t i = 0; i < s->n_chars; i++) {
		size_t n = push(&w, "characters", i);
		struct character *c = &s->chars[i];
		field(&w, &c->name, "name", 0);
		field(&w, &c->role, "role", 0);
		field(&w, &c->gender, "gender", 0);
		field(&w, &c->personality, "personality", 0);
		field(&w, &c->description, "description", 0);
		w.path[n] = 0;
	}
	for (size_t i = 0; i < s->n_locs; i++) {
		size_t n = push(&w, "locations", i);
		struct location *l = &s->locs[i];
		field(&w, &l->name, "name", 0);
		field(&w, &l->kind, "kind", 0);
		field(&w, &l->description, "description", 0);
		w.path[n] = 0;
	}
	for (size_t i = 0; i < s->n_eps; i++) {
		size_t n = push(&w, "episodes", i);
		struct episode *e = &s->eps[i];
		field(&w, &e->title, "title", 0);
		field(&w, &e->hook, "hook", 0);
		field(&w, &e->cliffhanger, "cliffhanger", 0);
		list(&w, e->beats, e->n_beats, "beats");
		for (size_t j = 0; j < e->n_scenes; j++) {
			size_t m = push(&w, "scenes", j);
			walk_scene(&w, &e->scenes[j]);
			w.path[m] = 0;
		}
		w.path[n] = 0;
	}
}

static void check_one(char **v, const char *path, void *ctx)
{
	size_t at;
	if (utf8_validate(*v, &at)) return;
	diags_add(ctx, path, "invalid UTF-8 at byte %zu; write the text as UTF-8", at);
}

void series_check_text(const struct series *s, struct diags *d)
{
	/* the walk hands out char ** for the repairers; this visitor only reads */
	series_each_text((struct series *)s, check_one, d);
}

struct repair { size_t fields, bytes; char first[600]; };

static void repair_one(char **v, const char *path, void *ctx)
{
	struct repair *r = ctx;
	if (utf8_validate(*v, NULL)) return;
	char *fixed = NULL;
	r->bytes += utf8_repair(*v, strlen(*v), &fixed, NULL, NULL);
	if (!r->fields++) snprintf(r->first, sizeof r->first, "%s", path);
	free(*v);
	*v = fixed;
}

size_t series_repair_text(struct series *s, const char *what)
{
	struct repair r = { 0, 0, "" };
	series_each_text(s, repair_one, &r);
	if (r.fields)
		log_warn("core", "%s: %zu text field%s held invalid UTF-8 (first: %s); %zu byte%s replaced with U+FFFD",
		         what, r.fields, r.fields == 1 ? "" : "s", r.first, r.bytes, r.bytes == 1 ? "" : "s");
	return r.fields;
}
