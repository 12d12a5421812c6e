/* core/model_json.c — storyboard.json: the model to and from JSON (jansson), load + save. */
#include "core/model.h"
#include "core/util.h"

#include <stdlib.h>
#include <math.h>
#include <string.h>

/* ---- to JSON ---- */
/* Fields that could not be written (not UTF-8): counted so that a save fails loudly
 * instead of writing a storyboard that no longer loads. Per thread: stages save in parallel
 * only in tests, but the server may. */
static _Thread_local struct { size_t bad; const char *key; } wr;

/* Whole-valued reals as integers, in place: 1.0 and 1 are one value, so a look that went
 * through a browser (JSON.stringify writes 1) keeps the cache keys made from it. */
static void whole_numbers(json_t *v)
{
	const char *k;
	json_t *x;
	size_t i;
	if (json_is_object(v)) {
		json_object_foreach(v, k, x) {
			double d = json_is_real(x) ? json_real_value(x) : 0.5;
			if (d == floor(d) && fabs(d) < 9e15) json_object_set_new(v, k, json_integer((json_int_t)d));
			else whole_numbers(x);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x) {
			double d = json_is_real(x) ? json_real_value(x) : 0.5;
			if (d == floor(d) && fabs(d) < 9e15) json_array_set_new(v, i, json_integer((json_int_t)d));
			else whole_numbers(x);
		}
	}
}

/* The text a cache key hashes for a JSON value: whole numbers written one way. */
char *model_json_key(const json_t *j, size_t flags)
{
	if (!j) return NULL;
	json_t *c = json_deep_copy(j);
	whole_numbers(c);
	char *s = json_dumps(c, flags);
	json_decref(c);
	return s;
}

static json_t *str_json(const char *k, const char *v)
{
	json_t *j = json_string(v);
	if (!j && !wr.bad++) wr.key = k;
	return j;
}

static void set_str(json_t *o, const char *k, const char *v)
{
	if (v) json_object_set_new(o, k, str_json(k, v));
}

static json_t *strv_json(char **v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *x = v[i] ? str_json("(list item)", v[i]) : NULL;
		if (!v[i] && !wr.bad++) wr.key = "(list item)";
		if (x) json_array_append_new(a, x);
	}
	return a;
}

/* Screenplay form (Fountain) fields: written only when set, so storyboards without
 * them look as before and older ones load unchanged. */
static void set_flag(json_t *o, const char *k, int v)
{
	if (v) json_object_set_new(o, k, json_true());
}

static void set_strv(json_t *o, const char *k, char **v, size_t n)
{
	if (n) json_object_set_new(o, k, strv_json(v, n));
}

static void line_script_json(json_t *o, const struct line *l)
{
	set_str(o, "ext", l->ext);
	set_str(o, "with", l->with);
	set_strv(o, "also", l->also, l->n_also);
	set_flag(o, "dual", l->dual);
	set_flag(o, "cont", l->cont);
	set_flag(o, "lyrics", l->lyrics);
}

static void shot_script_json(json_t *o, const struct shot *sh)
{
	set_flag(o, "centered", sh->centered);
	set_str(o, "transition_text", sh->transition_text);
	set_strv(o, "notes", sh->notes, sh->n_notes);
}

static void scene_script_json(json_t *o, const struct scene *sc)
{
	set_str(o, "number", sc->number);
	set_strv(o, "notes", sc->notes, sc->n_notes);
	set_strv(o, "end_notes", sc->end_notes, sc->n_end_notes);
}

static json_t *line_json(const struct line *l)
{
	json_t *o = json_object();
	json_object_set_new(o, "speaker", l->speaker ? str_json("speaker", l->speaker) : json_null());
	set_str(o, "text", l->text);
	set_str(o, "emotion", l->emotion);
	set_str(o, "parenthetical", l->parenthetical);
	set_str(o, "audio", l->audio);
	if (l->audio_sec > 0) json_object_set_new(o, "audio_sec", json_real(l->audio_sec));
	line_script_json(o, l);
	return o;
}

static json_t *shot_json(const struct shot *sh)
{
	json_t *o = json_object();
	set_str(o, "type", sh->type);
	set_str(o, "camera", sh->camera);
	set_str(o, "transition", sh->transition);
	set_str(o, "sound", sh->sound);
	set_str(o, "action", sh->action);
	if (sh->duration > 0) json_object_set_new(o, "duration", json_real(sh->duration));
	if (sh->take) json_object_set_new(o, "take", json_integer(sh->take));
	json_t *as = json_array();
	for (size_t i = 0; i < sh->n_actors; i++) {
		const struct actor *a = &sh->actors[i];
		json_t *ao = json_object();
		set_str(ao, "name", a->name);
		set_str(ao, "expression", a->expression);
		set_str(ao, "pose", a->pose);
		set_str(ao, "action", a->action);
		json_array_append_new(as, ao);
	}
	json_object_set_new(o, "actors", as);
	if (sh->line) json_object_set_new(o, "line", line_json(sh->line));
	shot_script_json(o, sh);
	return o;
}

/* One episode as its JSON object (new reference). */
static json_t *episode_json(const struct episode *e)
{
	json_t *eo = json_object();
	json_object_set_new(eo, "number", json_integer(e->number));
	set_str(eo, "title", e->title);
	set_str(eo, "hook", e->hook);
	set_str(eo, "cliffhanger", e->cliffhanger);
	json_object_set_new(eo, "beats", strv_json(e->beats, e->n_beats));
	json_t *ss = json_array();
	for (size_t j = 0; j < e->n_scenes; j++) {
		const struct scene *sc = &e->scenes[j];
		json_t *so = json_object();
		set_str(so, "heading", sc->heading);
		set_str(so, "location", sc->location);
		set_str(so, "time", sc->time);
		set_str(so, "weather", sc->weather);
		set_str(so, "mood", sc->mood);
		set_str(so, "summary", sc->summary);
		json_object_set_new(so, "cast", strv_json(sc->cast, sc->n_cast));
		set_str(so, "music", sc->music);
		json_t *shs = json_array();
		for (size_t k = 0; k < sc->n_shots; k++) json_array_append_new(shs, shot_json(&sc->shots[k]));
		json_object_set_new(so, "shots", shs);
		scene_script_json(so, sc);
		json_array_append_new(ss, so);
	}
	json_object_set_new(eo, "scenes", ss);
	return eo;
}

/* Everything but the episodes: "episodes" is the last key, an empty array (new reference). */
static json_t *series_head_json(const struct series *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "schema", json_integer(s->schema ? s->schema : MODEL_SCHEMA));
	set_str(o, "title", s->title);
	set_str(o, "logline", s->logline);
	set_str(o, "lang", s->lang);
	set_str(o, "era", s->era);
	json_object_set_new(o, "genres", strv_json(s->genres, s->n_genres));
	set_strv(o, "title_page", s->title_page, s->n_title_page);
	json_object_set_new(o, "seed", json_integer((json_int_t)s->seed));
	if (s->narrator_voice) json_object_set(o, "narrator_voice", s->narrator_voice);
	json_t *cs = json_array();
	for (size_t i = 0; i < s->n_chars; i++) {
		const struct character *c = &s->chars[i];
		json_t *co = json_object();
		set_str(co, "name", c->name);
		set_str(co, "role", c->role);
		set_str(co, "gender", c->gender);
		if (c->age) json_object_set_new(co, "age", json_integer(c->age));
		set_str(co, "personality", c->personality);
		set_str(co, "description", c->description);
		if (c->look) json_object_set(co, "look", c->look);
		if (c->voice) json_object_set(co, "voice", c->voice);
		json_array_append_new(cs, co);
	}
	json_object_set_new(o, "characters", cs);
	json_t *ls = json_array();
	for (size_t i = 0; i < s->n_locs; i++) {
		const struct location *l = &s->locs[i];
		json_t *lo = json_object();
		set_str(lo, "name", l->name);
		set_str(lo, "kind", l->kind);
		set_str(lo, "description", l->description);
		if (l->look) json_object_set(lo, "look", l->look);
		json_array_append_new(ls, lo);
	}
	json_object_set_new(o, "locations", ls);
	json_object_set_new(o, "episodes", json_array());
	return o;
}

json_t *series_to_json(const struct series *s)
{
	json_t *o = series_head_json(s), *es = json_object_get(o, "episodes");
	for (size_t i = 0; i < s->n_eps; i++) json_array_append_new(es, episode_json(&s->eps[i]));
	return o;
}

/* ---- from JSON ---- */
/* Reading context: the current field path, for messages. */
struct rd { char path[512]; int err; };

static int rd_fail(struct rd *r, const char *key, const char *what)
{
	if (!r->err)
		err_set(ERR_INPUT, "%s%s%s: %s", r->path, *r->path && key ? "." : "", key ? key : "", what);
	r->err = 1;
	return -1;
}

static char *get_str(struct rd *r, const json_t *o, const char *key, int required)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v)) {
		if (required) rd_fail(r, key, "missing; add it (a text value)");
		return NULL;
	}
	if (!json_is_string(v)) {
		rd_fail(r, key, "expected a text value in quotes");
		return NULL;
	}
	return xstrdup(json_string_value(v));
}

static double get_num(struct rd *r, const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v)) return 0;
	if (!json_is_number(v)) { rd_fail(r, key, "expected a number"); return 0; }
	return json_number_value(v);
}

/* A whole number from lo to hi; out-of-range and fractional values are refused with the
 * field path (a cast of 2^62 to int gave -2147483648). */
static long long get_int(struct rd *r, const json_t *o, const char *key, long long lo, long long hi, const char *what)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v)) return 0;
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) {
		char m[160];
		snprintf(m, sizeof m, "expected %s, a whole number from %lld to %lld", what, lo, hi);
		rd_fail(r, key, m);
		return 0;
	}
	return json_integer_value(v);
}

static const json_t *get_array(struct rd *r, const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v)) return NULL;
	if (!json_is_array(v)) { rd_fail(r, key, "expected a list [ ... ]"); return NULL; }
	return v;
}

static json_t *get_obj(struct rd *r, const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v)) return NULL;
	if (!json_is_object(v)) { rd_fail(r, key, "expected an object { ... }"); return NULL; }
	return json_incref(v);
}

static void get_strv(struct rd *r, const json_t *o, const char *key, char ***v, size_t *n, size_t *cap)
{
	const json_t *a = get_array(r, o, key);
	size_t i;
	json_t *x;
	if (!a) return;
	json_array_foreach(a, i, x) {
		if (!json_is_string(x)) {
			char k[64];
			snprintf(k, sizeof k, "%s[%zu]", key, i);
			rd_fail(r, k, "expected a text value in quotes");
			return;
		}
		strv_push(v, n, cap, json_string_value(x));
	}
}

/* Descend: push "[i]" or ".key[i]" onto the path; returns the old length to restore. */
static size_t push(struct rd *r, const char *key, size_t i)
{
	size_t n = strlen(r->path);
	snprintf(r->path + n, sizeof r->path - n, "%s%s[%zu]", n && key ? "." : "", key ? key : "", i);
	return n;
}

/* Screenplay form fields (see line_script_json); all optional. */
static int get_flag(struct rd *r, const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v)) return 0;
	if (!json_is_boolean(v)) { rd_fail(r, key, "expected true or false"); return 0; }
	return json_is_true(v);
}

static void read_line_script(struct rd *r, const json_t *o, struct line *l)
{
	l->ext = get_str(r, o, "ext", 0);
	l->with = get_str(r, o, "with", 0);
	get_strv(r, o, "also", &l->also, &l->n_also, &l->cap_also);
	l->dual = get_flag(r, o, "dual");
	l->cont = get_flag(r, o, "cont");
	l->lyrics = get_flag(r, o, "lyrics");
}

static void read_shot_script(struct rd *r, const json_t *o, struct shot *sh)
{
	sh->centered = get_flag(r, o, "centered");
	sh->transition_text = get_str(r, o, "transition_text", 0);
	get_strv(r, o, "notes", &sh->notes, &sh->n_notes, &sh->cap_notes);
}

static void read_scene_script(struct rd *r, const json_t *o, struct scene *sc)
{
	sc->number = get_str(r, o, "number", 0);
	get_strv(r, o, "notes", &sc->notes, &sc->n_notes, &sc->cap_notes);
	get_strv(r, o, "end_notes", &sc->end_notes, &sc->n_end_notes, &sc->cap_end_notes);
}

static int need_obj(struct rd *r, const json_t *x)
{
	if (json_is_object(x)) return 0;
	return rd_fail(r, NULL, "expected an object { ... }");
}

static void read_shot(struct rd *r, const json_t *o, struct shot *sh)
{
	sh->type = get_str(r, o, "type", 1);
	sh->camera = get_str(r, o, "camera", 0);
	sh->transition = get_str(r, o, "transition", 0);
	sh->sound = get_str(r, o, "sound", 0);
	sh->action = get_str(r, o, "action", 0);
	sh->duration = get_num(r, o, "duration");
	sh->take = (int)get_int(r, o, "take", 0, 1000000, "the take");
	read_shot_script(r, o, sh);
	const json_t *as = get_array(r, o, "actors");
	size_t i;
	json_t *x;
	if (as) json_array_foreach(as, i, x) {
		size_t n = push(r, "actors", i);
		if (need_obj(r, x) == 0) {
			struct actor *a = shot_add_actor(sh);
			a->name = get_str(r, x, "name", 1);
			a->expression = get_str(r, x, "expression", 0);
			a->pose = get_str(r, x, "pose", 0);
			a->action = get_str(r, x, "action", 0);
		}
		r->path[n] = 0;
	}
	json_t *lo = json_object_get(o, "line");
	if (lo && !json_is_null(lo)) {
		size_t n = strlen(r->path);
		snprintf(r->path + n, sizeof r->path - n, ".line");
		if (need_obj(r, lo) == 0) {
			struct line *l = shot_set_line(sh);
			l->speaker = get_str(r, lo, "speaker", 0);
			l->text = get_str(r, lo, "text", 1);
			l->emotion = get_str(r, lo, "emotion", 0);
			l->parenthetical = get_str(r, lo, "parenthetical", 0);
			l->audio = get_str(r, lo, "audio", 0);
			l->audio_sec = get_num(r, lo, "audio_sec");
			read_line_script(r, lo, l);
		}
		r->path[n] = 0;
	}
}

static void read_scene(struct rd *r, const json_t *o, struct scene *sc)
{
	sc->heading = get_str(r, o, "heading", 0);
	sc->location = get_str(r, o, "location", 1);
	sc->time = get_str(r, o, "time", 0);
	sc->weather = get_str(r, o, "weather", 0);
	sc->mood = get_str(r, o, "mood", 0);
	sc->summary = get_str(r, o, "summary", 0);
	sc->music = get_str(r, o, "music", 0);
	get_strv(r, o, "cast", &sc->cast, &sc->n_cast, &sc->cap_cast);
	read_scene_script(r, o, sc);
	const json_t *a = get_array(r, o, "shots");
	size_t i;
	json_t *x;
	if (a) json_array_foreach(a, i, x) {
		size_t n = push(r, "shots", i);
		if (need_obj(r, x) == 0) read_shot(r, x, scene_add_shot(sc));
		r->path[n] = 0;
	}
}

/* take: each episode's JSON is replaced by null in j once read (series_load: the
 * tree shrinks while the model grows, so both are never whole at once). */
static int from_json(const json_t *j, int take, struct series **out)
{
	struct rd r = { "", 0 };
	*out = NULL;
	if (!json_is_object(j))
		return err_set(ERR_INPUT, "the storyboard must be a JSON object { ... }");
	struct series *s = series_new();
	json_t *sv = json_object_get(j, "schema");
	if (sv && !json_is_integer(sv)) rd_fail(&r, "schema", "expected a whole number");
	else if (sv && json_integer_value(sv) > MODEL_SCHEMA)
		rd_fail(&r, "schema", "this storyboard was written by a newer drama; update drama to open it");
	s->schema = MODEL_SCHEMA;
	s->title = get_str(&r, j, "title", 0);
	s->logline = get_str(&r, j, "logline", 0);
	s->lang = get_str(&r, j, "lang", 0);
	s->era = get_str(&r, j, "era", 0);
	get_strv(&r, j, "genres", &s->genres, &s->n_genres, &s->cap_genres);
	get_strv(&r, j, "title_page", &s->title_page, &s->n_title_page, &s->cap_title_page);
	s->seed = (uint64_t)get_int(&r, j, "seed", 0, INT64_MAX, "the seed");
	s->narrator_voice = get_obj(&r, j, "narrator_voice");
	const json_t *a;
	size_t i;
	json_t *x;
	if ((a = get_array(&r, j, "characters"))) json_array_foreach(a, i, x) {
		size_t n = push(&r, "characters", i);
		if (need_obj(&r, x) == 0) {
			struct character *c = series_add_character(s);
			c->name = get_str(&r, x, "name", 1);
			c->role = get_str(&r, x, "role", 0);
			c->gender = get_str(&r, x, "gender", 0);
			c->age = (int)get_int(&r, x, "age", 0, 150, "an age in years (0 = unknown)");
			c->personality = get_str(&r, x, "personality", 0);
			c->description = get_str(&r, x, "description", 0);
			c->look = get_obj(&r, x, "look");
			c->voice = get_obj(&r, x, "voice");
		}
		r.path[n] = 0;
	}
	if ((a = get_array(&r, j, "locations"))) json_array_foreach(a, i, x) {
		size_t n = push(&r, "locations", i);
		if (need_obj(&r, x) == 0) {
			struct location *l = series_add_location(s);
			l->name = get_str(&r, x, "name", 1);
			l->kind = get_str(&r, x, "kind", 0);
			l->description = get_str(&r, x, "description", 0);
			l->look = get_obj(&r, x, "look");
		}
		r.path[n] = 0;
	}
	if ((a = get_array(&r, j, "episodes"))) json_array_foreach(a, i, x) {
		size_t n = push(&r, "episodes", i);
		if (need_obj(&r, x) == 0) {
			struct episode *e = series_add_episode(s);
			e->number = (int)get_int(&r, x, "number", 0, 99999, "the episode number");
			e->title = get_str(&r, x, "title", 0);
			e->hook = get_str(&r, x, "hook", 0);
			e->cliffhanger = get_str(&r, x, "cliffhanger", 0);
			get_strv(&r, x, "beats", &e->beats, &e->n_beats, &e->cap_beats);
			const json_t *sa = get_array(&r, x, "scenes");
			size_t k;
			json_t *y;
			if (sa) json_array_foreach(sa, k, y) {
				size_t m = push(&r, "scenes", k);
				if (need_obj(&r, y) == 0) read_scene(&r, y, episode_add_scene(e));
				r.path[m] = 0;
			}
		}
		r.path[n] = 0;
		if (take) json_array_set_new((json_t *)a, i, json_null());
	}
	if (r.err) {
		series_free(s);
		return ERR_INPUT;
	}
	*out = s;
	return 0;
}

int series_from_json(const json_t *j, struct series **out)
{
	return from_json(j, 0, out);
}

/* ---- files ---- */
/* Line and column of field fpath in the file, for a message: the text was freed after
 * parsing (a 45 MB storyboard need not stay in memory beside its tree), so it is read again. */
static void locate(const char *path, char **text, const char *fpath, int *line, int *col)
{
	size_t n;
	*line = *col = 0;
	if (!*text && file_read_all(path, text, &n) < 0) *text = NULL;
	if (*text) json_locate(*text, fpath, line, col);
}

int series_load(const char *path, struct series **out)
{
	char *text = NULL;
	size_t n;
	int rc;
	*out = NULL;
	if ((rc = file_read_all(path, &text, &n)) < 0) {
		if (rc == ERR_NOTFOUND)
			return err_set(ERR_NOTFOUND, "%s does not exist; run `drama script` first to write the storyboard", path);
		return rc;
	}
	json_error_t je;
	json_t *j = json_loadb(text, n, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		rc = err_set(ERR_INPUT, "%s:%d:%d: invalid JSON: %s%s; fix the file (or delete it and run `drama script` again)",
		             path, je.line, je.column, je.text,
		             strstr(je.text, "decode byte") || strstr(je.text, "UTF-8") ? " (the file must be UTF-8 text)" : "");
		goto end;
	}
	free(text);
	text = NULL;
	struct series *s = NULL;
	if (from_json(j, 1, &s) < 0) {
		/* err_msg is "path: what"; put the file position in front. */
		char msg[2048];
		snprintf(msg, sizeof msg, "%s", err_msg());
		char fpath[512];
		int line, col;
		const char *colon = strstr(msg, ": ");
		snprintf(fpath, sizeof fpath, "%.*s", colon ? (int)(colon - msg) : 0, msg);
		locate(path, &text, fpath, &line, &col);
		rc = err_set(ERR_INPUT, "%s:%d:%d: %s", path, line, col, msg);
		goto end;
	}
	struct diags d = { 0 };
	if (series_validate(s, &d) > 0) {
		struct sbuf b = { 0 };
		for (size_t i = 0; i < d.n && i < 20; i++) {
			int line, col;
			locate(path, &text, d.v[i].path, &line, &col);
			sb_printf(&b, "%s%s:%d:%d: %s: %s", i ? "\n" : "", path, line, col, d.v[i].path, d.v[i].msg);
		}
		if (d.n > 20) sb_printf(&b, "\n... and %zu more problems", d.n - 20);
		sb_printf(&b, "\nfix %s and run again", path);
		rc = err_set(ERR_INPUT, "%s", b.s);
		sb_free(&b);
		diags_free(&d);
		series_free(s);
		goto end;
	}
	*out = s;
	rc = 0;
end:
	if (j) json_decref(j);
	free(text);
	return rc;
}

#define SAVE_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12))

/* json_dump_callback into an sbuf, with `indent` spaces after every newline. */
struct dump_to { struct sbuf *b; const char *indent; };

static int dump_cb(const char *buf, size_t size, void *data)
{
	struct dump_to *d = data;
	const char *end = buf + size;
	while (buf < end) {
		const char *nl = memchr(buf, '\n', (size_t)(end - buf));
		size_t k = nl ? (size_t)(nl - buf) + 1 : (size_t)(end - buf);
		sb_addn(d->b, buf, k);
		if (nl && d->indent) sb_add(d->b, d->indent);
		buf += k;
	}
	return 0;
}

/* The storyboard as saved (SAVE_FLAGS, final newline), streamed: the series without its
 * episodes, then each episode built, dumped and freed before the next, so that only one
 * episode's JSON tree is alive at a time (a 10 MB novel's whole tree was ~250 MB). The
 * text equals json_dumps(series_to_json(s), SAVE_FLAGS) + "\n": with JSON_INDENT a value
 * nested at depth 2 prints as its own dump with every line indented by 4 (strings hold
 * no raw newline), and "episodes" is the last key. Caller frees; NULL with err_msg, and
 * wr.bad counts fields that could not be written. */
static char *series_dump(const struct series *s, const char *path, size_t *n)
{
	struct sbuf b = { 0 };
	struct dump_to top = { &b, NULL }, ep = { &b, "    " };
	static const char tail[] = "[]\n}";
	json_t *h = series_head_json(s);
	int rc = json_dump_callback(h, dump_cb, &top, SAVE_FLAGS);
	json_decref(h);
	if (rc < 0 || b.len < sizeof tail - 1 || memcmp(b.s + b.len - (sizeof tail - 1), tail, sizeof tail - 1))
		goto fail;
	if (s->n_eps) {
		b.len -= sizeof tail - 2;   /* keep the "[" */
		b.s[b.len] = 0;
		for (size_t i = 0; i < s->n_eps; i++) {
			sb_add(&b, i ? ",\n    " : "\n    ");
			json_t *e = episode_json(&s->eps[i]);
			rc = json_dump_callback(e, dump_cb, &ep, SAVE_FLAGS);
			json_decref(e);
			if (rc < 0) goto fail;
		}
		sb_add(&b, "\n  ]\n}");
	}
	sb_add(&b, "\n");
	*n = b.len;
	return b.s;
fail:
	sb_free(&b);
	err_set(ERR_GENERIC, "%s: cannot serialise JSON", path);
	return NULL;
}

/* j as text with a final newline; caller frees. NULL with err_msg if it cannot be. */
static char *dump_text(const json_t *j, const char *path, size_t flags, size_t *n)
{
	char *text = json_dumps(j, flags);
	if (!text) {
		err_set(ERR_GENERIC, "%s: cannot serialise JSON", path);
		return NULL;
	}
	*n = strlen(text);
	text = xrealloc(text, *n + 2);
	text[(*n)++] = '\n';
	text[*n] = 0;
	return text;
}

int json_save_atomic(const json_t *j, const char *path, size_t flags)
{
	size_t n;
	char *text = dump_text(j, path, flags, &n);
	if (!text) return ERR_GENERIC;
	int rc = file_write_atomic(path, text, n);
	free(text);
	return rc;
}

/* Saves are read back and saved again before anything is written: the text must come
 * out byte for byte the same, or the save fails (a field the writer drops, a number the
 * reader cannot hold). Always below this size (about 2 ms for a 3-minute episode);
 * above it with DRAMA_CHECK_SAVE=1. */
#define SAVE_CHECK_MAX (4u << 20)

static int save_check(const char *text, size_t n, const char *path)
{
	const char *env = getenv("DRAMA_CHECK_SAVE");
	if (env && !strcmp(env, "0")) return 0;
	if (n > SAVE_CHECK_MAX && !(env && !strcmp(env, "1"))) return 0;
	json_error_t je;
	json_t *j = json_loadb(text, n, JSON_REJECT_DUPLICATES, &je);
	struct series *s = NULL;
	char *again = NULL;
	size_t n2 = 0;
	int rc = 0;
	if (!j) {
		rc = err_set(ERR_GENERIC, "%s: not written: the text to save does not parse (%d:%d: %s); this is a bug in drama, "
		             "please report it", path, je.line, je.column, je.text);
		goto end;
	}
	if (series_from_json(j, &s) < 0) {
		rc = err_set(ERR_GENERIC, "%s: not written: it would not load again (%s); this is a bug in drama, please report it",
		             path, err_msg());
		goto end;
	}
	if (!(again = series_dump(s, path, &n2))) { rc = ERR_GENERIC; goto end; }
	if (n2 != n || memcmp(again, text, n)) {
		size_t k = 0;
		while (k < n && k < n2 && text[k] == again[k]) k++;
		int line, col;
		text_position(text, k, &line, &col);
		rc = err_set(ERR_GENERIC, "%s: not written: it would read back different at %d:%d; this is a bug in drama, "
		             "please report it", path, line, col);
	}
end:
	free(again);
	if (j) json_decref(j);
	series_free(s);
	return rc;
}

int series_to_text(const struct series *s, const char *path, char **text, size_t *n)
{
	struct diags d = { 0 };
	int rc = 0;
	*text = NULL;
	*n = 0;
	/* a text field that is not UTF-8 cannot be written in JSON: say which, write nothing */
	series_check_text(s, &d);
	if (d.n) {
		rc = err_set(ERR_GENERIC, "%s: not written: %s: %s (%zu field%s); this is a bug in what filled it, please report it",
		             path, d.v[0].path, d.v[0].msg, d.n, d.n == 1 ? "" : "s");
		diags_free(&d);
		return rc;
	}
	wr.bad = 0;
	*text = series_dump(s, path, n);
	if (!*text) return ERR_GENERIC;
	if (wr.bad)
		rc = err_set(ERR_GENERIC, "%s: not written: %zu field%s (first: %s) could not be written; this is a bug in drama, "
		             "please report it", path, wr.bad, wr.bad == 1 ? "" : "s", wr.key);
	else
		rc = save_check(*text, *n, path);
	if (rc < 0) {
		free(*text);
		*text = NULL;
		*n = 0;
	}
	return rc;
}

int series_save(const struct series *s, const char *path)
{
	char *text = NULL;
	size_t n = 0;
	int rc = series_to_text(s, path, &text, &n);
	if (rc == 0) rc = file_write_atomic(path, text, n);
	free(text);
	return rc;
}
