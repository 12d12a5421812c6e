/* story/story_llm.c — the story stage through an LLM (beside the embedded engine). Stage 1 asks for the series bible
 * with episode beats and scene outlines; stage 2 asks once per scene for its shots and
 * lines, so no answer is long enough to be cut off. Every answer is parsed, run through
 * the storyboard validator, and sent back with the validator's messages for a bounded
 * number of repairs. Prompts and schemas are data (data/llm/). */
#include "net/net_internal.h"
#include "core/cache.h"
#include "story/story.h"

#include <stdlib.h>
#include <string.h>

#define SOURCE_MAX 24000   /* bytes of --from text sent to the model */

struct ctx {
	const struct ai_config *c;
	const json_t *pr;        /* prompts for the language */
	json_t *board;           /* the storyboard being assembled (JSON form) */
	const char *lang;
	int episodes;
	size_t ep, sc;           /* scene being written */
	char *cache;             /* cache/llm folder: answers by request hash, so a rerun resumes */
	size_t cached;           /* answers taken from the cache */
	const json_t *bible_schema;  /* the filled bible schema (required keys, enums) */
};

static json_t *load_data(const char *rel)
{
	char *p = data_path(rel);
	json_error_t je;
	json_t *j = json_load_file(p, 0, &je);
	if (!j) err_set(ERR_IO, "%s:%d:%d: %s; the data folder is incomplete or damaged (DRAMA_DATA)", p, je.line, je.column, je.text);
	free(p);
	return j;
}

static json_t *vocab_array(const char *const *v, int with_null)
{
	json_t *a = json_array();
	for (int i = 0; v[i]; i++) json_array_append_new(a, json_string(v[i]));
	if (with_null) json_array_append_new(a, json_null());
	return a;
}

/* The location kinds the procedural art can draw (data/art/locations.json "kinds"), so
 * an LLM's locations get a matching backdrop; NULL if the file is not there. */
static json_t *art_kinds(void)
{
	char *p = data_path("art/locations.json");
	json_t *d = json_load_file(p, 0, NULL), *a = NULL;
	free(p);
	const json_t *k = json_object_get(d, "kinds");
	if (json_is_object(k) && json_object_size(k)) {
		a = json_array();
		const char *key;
		json_t *v;
		json_object_foreach((json_t *)k, key, v) json_array_append_new(a, json_string(key));
	}
	json_decref(d);
	return a;
}

/* Replace "enum": "@NAME" with the vocabulary (MODEL_* tables or the bible's names). */
static void fill_enums(json_t *n, const json_t *names)
{
	if (json_is_array(n)) {
		size_t i;
		json_t *x;
		json_array_foreach(n, i, x) fill_enums(x, names);
		return;
	}
	if (!json_is_object(n)) return;
	const char *k;
	json_t *v;
	json_object_foreach(n, k, v) {
		if (!strcmp(k, "enum") && json_is_string(v)) {
			const char *s = json_string_value(v);
			json_t *a = NULL;
			if (!strcmp(s, "@MODEL_SHOT_TYPES")) a = vocab_array(MODEL_SHOT_TYPES, 0);
			else if (!strcmp(s, "@MODEL_CAMERAS")) a = vocab_array(MODEL_CAMERAS, 0);
			else if (!strcmp(s, "@MODEL_TRANSITIONS")) a = vocab_array(MODEL_TRANSITIONS, 0);
			else if (!strcmp(s, "@MODEL_EMOTIONS")) a = vocab_array(MODEL_EMOTIONS, 0);
			else if (!strcmp(s, "@MODEL_POSES")) a = vocab_array(MODEL_POSES, 0);
			else if (!strcmp(s, "@MODEL_TIMES")) a = vocab_array(MODEL_TIMES, 0);
			else if (!strcmp(s, "@MODEL_WEATHERS")) a = vocab_array(MODEL_WEATHERS, 0);
			else if (!strcmp(s, "@MODEL_MOODS")) a = vocab_array(MODEL_MOODS, 0);
			else if (!strcmp(s, "@ART_LOCATION_KINDS")) a = art_kinds();
			else if (!strcmp(s, "@CHARACTERS") && names) a = json_deep_copy(names);
			else if (!strcmp(s, "@CHARACTERS_OR_NULL") && names) {
				a = json_deep_copy(names);
				json_array_append_new(a, json_null());
			}
			if (a) json_object_set_new(n, k, a);
			else json_object_del(n, k);          /* unknown vocabulary: no constraint */
		} else {
			fill_enums(v, names);
		}
	}
}

static const char *pstr(const struct ctx *x, const char *key)
{
	const char *s = json_string_value(json_object_get(x->pr, key));
	return s ? s : "";
}

static void msg_add(json_t *msgs, const char *role, const char *content)
{
	json_array_append_new(msgs, json_pack("{s:s, s:s}", "role", role, "content", content));
}

/* Validator messages for part of the board, with `prefix` removed ("" = all but the
 * empty-shots notes of scenes not written yet). Returns the number of problems. */
static size_t board_problems(const json_t *board, const char *prefix, struct sbuf *out)
{
	struct series *s = NULL;
	if (series_from_json(board, &s) < 0) {
		const char *m = err_msg();
		size_t pl = strlen(prefix);
		sb_printf(out, "- %s\n", pl && !strncmp(m, prefix, pl) ? m + pl : m);
		return 1;
	}
	struct diags d = { 0 };
	series_validate(s, &d);
	size_t n = 0, pl = strlen(prefix);
	for (size_t i = 0; i < d.n; i++) {
		const char *p = d.v[i].path;
		if (pl) {
			if (strncmp(p, prefix, pl)) continue;
			p += pl;
		} else if (str_has_suffix(p, ".shots") && strstr(d.v[i].msg, "no shots")) {
			continue;
		}
		sb_printf(out, "- %s: %s\n", p, d.v[i].msg);
		n++;
	}
	diags_free(&d);
	series_free(s);
	return n;
}

/* llm_chat through cache/llm/<hash of the request>.txt: the same request (model,
 * sampling, seed, messages, schema) gets the same answer without asking again, so an
 * interrupted run resumes where it stopped. */
static int cached_chat(struct ctx *x, const json_t *msgs, const json_t *schema, const char *name,
                       double base, double span, char **content)
{
	struct hash h;
	char key[33];
	char *m = json_dumps(msgs, JSON_COMPACT | JSON_SORT_KEYS), *sc = schema ? json_dumps(schema, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	hash_init(&h);
	hash_str(&h, "llm/1");
	hash_str(&h, x->c->llm.model);
	hash_num(&h, x->c->temperature);
	hash_num(&h, x->c->top_p);
	hash_num(&h, (double)x->c->seed);
	hash_str(&h, m);
	hash_str(&h, sc);
	hash_hex(&h, key);
	free(m);
	free(sc);
	char *f = xasprintf("%s/%s.txt", x->cache, key);
	size_t n;
	if (file_exists(f) && cache_valid_kept(f) && file_read_all(f, content, &n) == 0 && n > 0) {
		x->cached++;
		free(f);
		return 0;
	}
	*content = NULL;
	int rc = llm_chat(x->c, msgs, schema, name, base, span, content);
	if (rc == 0 && mkdir_p(x->cache) == 0 &&
	    (file_write_atomic(f, *content, strlen(*content)) < 0 || cache_seal(f, -1) < 0)) {
		log_warn("llm", "cannot keep the answer in %s: %s", f, err_msg());
		err_clear();
	}
	free(f);
	return rc;
}

typedef size_t (*check_fn)(struct ctx *x, const json_t *answer, struct sbuf *problems);

/* What the series validator does not ask but the bible schema does: its required
 * top-level keys present and non-empty, and its enumerated values inside the enum (a
 * server that ignores the schema can send "era": "future"). */
static size_t check_bible_schema(const json_t *j, const json_t *schema, struct sbuf *pb)
{
	size_t n = 0, i;
	json_t *k;
	json_array_foreach(json_object_get(schema, "required"), i, k) {
		const json_t *v = json_object_get(j, json_string_value(k));
		if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v))) {
			sb_printf(pb, "- %s: missing; give the series its %s\n", json_string_value(k), json_string_value(k));
			n++;
		}
	}
	const char *key;
	json_t *prop;
	json_object_foreach(json_object_get(schema, "properties"), key, prop) {
		const json_t *en = json_object_get(prop, "enum"), *v = json_object_get(j, key);
		if (!json_is_array(en) || !json_is_string(v)) continue;
		int ok = 0;
		json_array_foreach(en, i, k) ok |= json_equal(k, v);
		if (!ok) {
			char *allowed = json_dumps(en, JSON_COMPACT);
			sb_printf(pb, "- %s: \"%s\" is not one of %s\n", key, json_string_value(v), allowed);
			free(allowed);
			n++;
		}
	}
	return n;
}

static size_t check_bible(struct ctx *x, const json_t *j, struct sbuf *pb)
{
	size_t pre = check_bible_schema(j, x->bible_schema, pb);
	json_t *b = json_deep_copy(j);
	json_object_set_new(b, "schema", json_integer(MODEL_SCHEMA));
	json_object_set_new(b, "lang", json_string(x->lang));
	size_t n = 0, i, k;
	json_t *e, *sc;
	json_t *eps = json_object_get(b, "episodes");
	if ((int)json_array_size(eps) != x->episodes) {
		sb_printf(pb, "- episodes: %zu episodes written, %d asked for\n", json_array_size(eps), x->episodes);
		n++;
	}
	json_array_foreach(eps, i, e) {
		json_object_set_new(e, "number", json_integer((json_int_t)i + 1));
		json_array_foreach(json_object_get(e, "scenes"), k, sc)
			if (json_is_object(sc)) json_object_set_new(sc, "shots", json_array());
	}
	n += board_problems(b, "", pb) + pre;
	if (n == 0) { json_decref(x->board); x->board = b; }
	else json_decref(b);
	return n;
}

static size_t check_scene(struct ctx *x, const json_t *j, struct sbuf *pb)
{
	const json_t *shots = json_object_get(j, "shots");
	if (!json_is_array(shots) || json_array_size(shots) == 0) {
		sb_add(pb, "- shots: missing or empty; write the scene's shots\n");
		return 1;
	}
	json_t *b = json_deep_copy(x->board);
	json_t *scene = json_array_get(json_object_get(json_array_get(json_object_get(b, "episodes"), x->ep), "scenes"), x->sc);
	json_object_set(scene, "shots", (json_t *)shots);
	char prefix[64];
	snprintf(prefix, sizeof prefix, "episodes[%zu].scenes[%zu].", x->ep, x->sc);
	size_t n = board_problems(b, prefix, pb);
	size_t i, lines = 0;
	json_t *sh;
	json_array_foreach(shots, i, sh)
		if (json_is_object(json_object_get(sh, "line"))) lines++;
	if (!lines) { sb_add(pb, "- shots: no shot has a spoken line; give most shots a line\n"); n++; }
	json_decref(b);
	return n;
}

/* Ask, parse, validate; on problems send them back, at most c->repairs times.
 * msgs grows with the conversation. *out: the accepted answer (new reference). */
static int ask_json(struct ctx *x, json_t *msgs, const json_t *schema, const char *name, check_fn check,
                    double base, double span, const char *what, json_t **out)
{
	*out = NULL;
	struct sbuf pb = { 0 };
	int rc = 0;
	for (int attempt = 0; attempt <= x->c->repairs; attempt++) {
		char *content = NULL;
		double step = span / (x->c->repairs + 1);
		if ((rc = cached_chat(x, msgs, schema, name, base + step * attempt, step, &content)) < 0) goto end;
		msg_add(msgs, "assistant", content);
		json_t *j = llm_extract_json(content);
		free(content);
		pb.len = 0;
		sb_add(&pb, "");
		json_t *vars = json_object();
		if (!j) {
			sb_printf(&pb, "- %s\n", err_msg());
			json_object_set_new(vars, "problems", json_string(pb.s));
			char *m = ai_tmpl(pstr(x, "not_json"), vars);
			msg_add(msgs, "user", m);
			free(m);
			json_decref(vars);
			log_warn("llm", "%s: the answer was not valid JSON; asking for a repair (%d of %d)", what, attempt + 1, x->c->repairs);
			continue;
		}
		size_t n = check(x, j, &pb);
		if (n == 0) {
			json_decref(vars);
			*out = j;
			goto end;
		}
		json_decref(j);
		json_object_set_new(vars, "problems", json_string(pb.s));
		char *m = ai_tmpl(pstr(x, "repair"), vars);
		msg_add(msgs, "user", m);
		free(m);
		json_decref(vars);
		if (attempt < x->c->repairs)
			log_warn("llm", "%s: %zu problem%s in the answer; asking for a repair (%d of %d)", what, n, n == 1 ? "" : "s",
			         attempt + 1, x->c->repairs);
	}
	/* every problem on its own log line (an error message has room for only ~2 kB) */
	size_t lines = 0;
	for (char *ln = pb.s, *nl; ln && *ln; ln = nl ? nl + 1 : NULL, lines++) {
		nl = strchr(ln, '\n');
		log_warn("llm", "%s: %.*s", what, nl ? (int)(nl - ln) : (int)strlen(ln), ln);
	}
	if (pb.len < 1200)
		rc = err_set(ERR_INPUT, "the LLM's %s still had problems after %d repair request%s:\n%sTry a larger model, or "
		             "run without the LLM (the embedded engine)", what, x->c->repairs, x->c->repairs == 1 ? "" : "s",
		             pb.s ? pb.s : "");
	else
		rc = err_set(ERR_INPUT, "the LLM's %s still had %zu problems after %d repair request%s (each is listed in a warning "
		             "above; the first: %.300s...). Try a larger model, or run without the LLM (the embedded engine)", what,
		             lines, x->c->repairs, x->c->repairs == 1 ? "" : "s", pb.s + 2);
end:
	sb_free(&pb);
	return rc;
}

static char *read_source(const char *path)
{
	char *t = NULL;
	size_t n;
	if (file_read_all(path, &t, &n) < 0) {
		err_set(ERR_NOTFOUND, "cannot read %s: %s; check the --from path", path, err_msg());
		return NULL;
	}
	/* the same boundary as the embedded engine: invalid UTF-8 repaired with one warning
	 * (json_string refuses it: the prompt would lose the whole source) */
	if (story_text_repair(path, &t, &n, 1) < 0) {
		free(t);
		return NULL;
	}
	if (n > SOURCE_MAX) {
		size_t k = SOURCE_MAX;
		while (k > 0 && ((unsigned char)t[k] & 0xc0) == 0x80) k--;
		t[k] = 0;
		log_warn("llm", "%s is long; the LLM gets its first %zu bytes", path, k);
	}
	return t;
}

static int write_bible(struct ctx *x, const char *keywords, const char *from_path, int minutes_scenes, json_t *schema)
{
	json_t *vars = json_object();
	json_object_set_new(vars, "keywords", json_string(keywords && *keywords ? keywords : "(see the material below)"));
	json_object_set_new(vars, "episodes", json_integer(x->episodes));
	json_object_set_new(vars, "scenes", json_integer(minutes_scenes));
	int rc = 0;
	if (from_path) {
		char *src = read_source(from_path);
		if (!src) { json_decref(vars); return ERR_NOTFOUND; }
		json_t *sv = json_object();
		json_object_set_new(sv, "text", json_string(src));
		char *s = ai_tmpl(pstr(x, "source"), sv);
		json_object_set_new(vars, "source", json_string(s));
		free(s);
		free(src);
		json_decref(sv);
	} else {
		json_object_set_new(vars, "source", json_string(""));
	}
	json_object_set(vars, "minutes", json_object_get(x->board, "x-minutes"));
	char *user = ai_tmpl(pstr(x, "bible"), vars);
	json_decref(vars);
	json_t *msgs = json_array();
	msg_add(msgs, "system", pstr(x, "system"));
	msg_add(msgs, "user", user);
	free(user);
	json_t *ans = NULL;
	rc = ask_json(x, msgs, schema, "series_bible", check_bible, 0.0, 0.2, "series bible", &ans);
	json_decref(ans);                 /* check_bible kept its board form in x->board */
	json_decref(msgs);
	return rc;
}

static json_t *names_of(const json_t *arr)
{
	json_t *a = json_array();
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) json_array_append_new(a, json_string(json_string_value(json_object_get(v, "name"))));
	return a;
}

static char *join_strs(const json_t *arr, const char *sep)
{
	struct sbuf b = { 0 };
	sb_add(&b, "");
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) sb_printf(&b, "%s%s", i ? sep : "", json_string_value(v) ? json_string_value(v) : "");
	return b.s;
}

static json_t *scene_vars(struct ctx *x, const json_t *ep, size_t si)
{
	const json_t *b = x->board;
	json_t *v = json_object();
	struct sbuf t = { 0 };
	size_t i;
	json_t *o;
	json_object_set(v, "title", json_object_get(b, "title"));
	json_object_set(v, "logline", json_object_get(b, "logline"));
	sb_add(&t, "");
	json_array_foreach(json_object_get(b, "characters"), i, o)
		sb_printf(&t, "- %s (%s, %lld, %s): %s\n", json_string_value(json_object_get(o, "name")),
		          json_string_value(json_object_get(o, "role")), (long long)json_integer_value(json_object_get(o, "age")),
		          json_string_value(json_object_get(o, "gender")), json_string_value(json_object_get(o, "personality")));
	json_object_set_new(v, "characters", json_string(t.s));
	json_t *ln = names_of(json_object_get(b, "locations"));
	char *locs = join_strs(ln, ", ");
	json_object_set_new(v, "locations", json_string(locs));
	free(locs);
	json_decref(ln);
	json_object_set(v, "episode", json_object_get(ep, "number"));
	json_object_set(v, "ep_title", json_object_get(ep, "title"));
	json_object_set(v, "hook", json_object_get(ep, "hook"));
	json_object_set(v, "cliffhanger", json_object_get(ep, "cliffhanger"));
	char *beats = join_strs(json_object_get(ep, "beats"), "\n- ");
	char *bl = xasprintf("- %s", beats);
	json_object_set_new(v, "beats", json_string(bl));
	free(bl);
	free(beats);
	const json_t *scenes = json_object_get(ep, "scenes");
	t.len = 0;
	t.s[0] = 0;
	json_array_foreach(scenes, i, o)
		sb_printf(&t, "%zu. [%s] %s%s\n", i + 1, json_string_value(json_object_get(o, "location")),
		          json_string_value(json_object_get(o, "summary")), i == si ? "   <- this scene" : "");
	json_object_set_new(v, "scenes", json_string(t.s));
	/* the previous scene's last lines, for continuity */
	t.len = 0;
	t.s[0] = 0;
	if (si > 0) {
		const json_t *shots = json_object_get(json_array_get(scenes, si - 1), "shots");
		size_t n = json_array_size(shots), from = n > 3 ? n - 3 : 0;
		for (i = from; i < n; i++) {
			const json_t *l = json_object_get(json_array_get(shots, i), "line");
			if (!json_is_object(l)) continue;
			const char *sp = json_string_value(json_object_get(l, "speaker"));
			sb_printf(&t, "%s: %s\n", sp ? sp : "NARRATOR", json_string_value(json_object_get(l, "text")));
		}
	}
	if (t.len) {
		json_t *pv = json_object();
		json_object_set_new(pv, "lines", json_string(t.s));
		char *p = ai_tmpl(pstr(x, "previous"), pv);
		json_object_set_new(v, "previous", json_string(p));
		free(p);
		json_decref(pv);
	} else {
		json_object_set_new(v, "previous", json_string(""));
	}
	sb_free(&t);
	const json_t *sc = json_array_get(scenes, si);
	json_object_set_new(v, "scene_no", json_integer((json_int_t)si + 1));
	json_object_set_new(v, "scene_count", json_integer((json_int_t)json_array_size(scenes)));
	json_object_set(v, "location", json_object_get(sc, "location"));
	json_object_set(v, "time", json_object_get(sc, "time"));
	json_object_set(v, "mood", json_object_get(sc, "mood"));
	json_object_set(v, "summary", json_object_get(sc, "summary"));
	char *cast = join_strs(json_object_get(sc, "cast"), ", ");
	json_object_set_new(v, "cast", json_string(cast));
	free(cast);
	json_object_set_new(v, "position", json_string(pstr(x, si == 0 ? "first_scene" :
	                    si + 1 == json_array_size(scenes) ? "last_scene" : "middle_scene")));
	/* shots per scene from the episode length: ~4.5 s per shot */
	double minutes = json_number_value(json_object_get(b, "x-minutes"));
	size_t nsc = json_array_size(scenes);
	int shots = (int)(minutes * 60.0 / 4.5 / (double)(nsc ? nsc : 1) + 0.5);
	if (shots < 4) shots = 4;
	if (shots > 14) shots = 14;
	json_object_set_new(v, "shots", json_integer(shots));
	return v;
}

static int write_scenes(struct ctx *x, const json_t *scene_schema_tmpl)
{
	json_t *names = names_of(json_object_get(x->board, "characters"));
	json_t *schema = json_deep_copy(scene_schema_tmpl);
	fill_enums(schema, names);
	json_decref(names);
	json_t *eps = json_object_get(x->board, "episodes");
	size_t total = 0, done = 0, i;
	json_t *e;
	json_array_foreach(eps, i, e) total += json_array_size(json_object_get(e, "scenes"));
	int rc = 0;
	for (x->ep = 0; x->ep < json_array_size(eps); x->ep++) {
		json_t *ep = json_array_get(eps, x->ep);
		json_t *scenes = json_object_get(ep, "scenes");
		for (x->sc = 0; x->sc < json_array_size(scenes); x->sc++, done++) {
			json_t *vars = scene_vars(x, ep, x->sc);
			char *user = ai_tmpl(pstr(x, "scene"), vars);
			json_decref(vars);
			json_t *msgs = json_array();
			msg_add(msgs, "system", pstr(x, "system"));
			msg_add(msgs, "user", user);
			free(user);
			char what[64];
			snprintf(what, sizeof what, "episode %zu scene %zu", x->ep + 1, x->sc + 1);
			progress_update(0.2 + 0.8 * (double)done / (double)total, what);
			json_t *ans = NULL;
			rc = ask_json(x, msgs, schema, "scene_shots", check_scene, 0.2 + 0.8 * (double)done / (double)total,
			              0.8 / (double)total, what, &ans);
			json_decref(msgs);
			if (rc < 0) goto end;
			json_object_set(json_array_get(scenes, x->sc), "shots", json_object_get(ans, "shots"));
			json_decref(ans);
		}
	}
end:
	json_decref(schema);
	return rc;
}

int llm_story_stage(struct project *p, const char *keywords, const char *from_path, const struct ai_config *c)
{
	if ((!keywords || !*keywords) && !from_path)
		return err_set(ERR_INPUT, "no keywords and no --from file: give the LLM something to write from");
	if (!ai_llm_configured(c))
		return err_set(ERR_INPUT, "no LLM server configured; set DRAMA_LLM_URL or \"llm\": {\"url\": ...} in drama.json");
	/* the project's language, else the keywords' (CJK → Chinese) */
	const char *lang = p->set.lang[0] ? p->set.lang : "en";
	if (!p->set.lang[0] && keywords)
		for (const char *k = keywords; *k;)
			if (utf8_is_cjk(utf8_next(&k))) { lang = "zh"; break; }
	json_t *prompts = load_data("llm/prompts.json");
	json_t *sb = load_data("llm/schema_bible.json");
	json_t *ss = load_data("llm/schema_scene.json");
	struct ai_config cs = *c;                 /* the project's seed makes sampling reproducible */
	if (cs.seed < 0) cs.seed = (long long)(p->set.seed & 0x7fffffff);
	struct ctx x = { .c = &cs, .lang = lang, .episodes = p->set.episodes > 0 ? p->set.episodes : 1,
	                 .cache = project_path(p, "cache/llm") };
	int rc = 0;
	struct series *s = NULL;
	char *picked = NULL;
	if (!prompts || !sb || !ss) { rc = ERR_IO; goto end; }
	if (!cs.llm.model || !*cs.llm.model) {     /* Ollama refuses a request without "model" */
		if ((rc = llm_pick_model(&cs, &picked)) < 0) goto end;
		cs.llm.model = picked;
		log_info("llm", "no llm.model is set: using \"%s\", the first model %s lists (set DRAMA_LLM_MODEL to choose)",
		         picked, c->llm.url);
	}
	x.pr = json_object_get(prompts, lang);
	if (!json_is_object(x.pr)) { rc = err_set(ERR_IO, "data/llm/prompts.json has no \"%s\" prompts", lang); goto end; }
	fill_enums(sb, NULL);
	x.bible_schema = sb;
	x.board = json_object();
	json_object_set_new(x.board, "x-minutes", json_real(p->set.minutes > 0 ? p->set.minutes : 3));
	int scenes = (int)(p->set.minutes * 2 + 0.5);
	if (scenes < 2) scenes = 2;
	if (scenes > 10) scenes = 10;
	ai_ledger_stage_begin("script");
	progress_begin("script", 1.0);
	log_info("llm", "writing with %s (model %s)", c->llm.url, cs.llm.model);
	double minutes = p->set.minutes > 0 ? p->set.minutes : 3;
	rc = write_bible(&x, keywords, from_path, scenes, sb);
	if (rc < 0) goto done;
	json_object_set_new(x.board, "x-minutes", json_real(minutes));
	rc = write_scenes(&x, ss);
	if (rc < 0) goto done;
	json_object_del(x.board, "x-minutes");
	json_object_set_new(x.board, "seed", json_integer((json_int_t)p->set.seed));
	struct sbuf pb = { 0 };
	sb_add(&pb, "");
	if (board_problems(x.board, "", &pb) > 0) {
		rc = err_set(ERR_INPUT, "the LLM's storyboard does not validate:\n%s", pb.s);
		sb_free(&pb);
		goto done;
	}
	sb_free(&pb);
	if ((rc = series_from_json(x.board, &s)) < 0) goto done;
	story_carry_designs(s, p->s);
	series_free(p->s);
	p->s = s;
	s = NULL;
	/* script.fountain first, storyboard.json last: the newer file is the truth */
	struct sbuf f = { 0 };
	if (story_to_fountain(p->s, &f) == 0) {
		char *fp = project_path(p, "script.fountain");
		rc = file_write_atomic(fp, f.s, f.len);
		free(fp);
	} else {
		log_warn("llm", "script.fountain not written: %s", err_msg());
	}
	sb_free(&f);
	if (rc < 0 || (rc = project_save(p)) < 0) goto done;
done:
	progress_end();
	ai_ledger_stage_end("script");
	if (rc == ERR_NET) log_warn("llm", "the LLM server is unavailable: %s", err_msg());
end:
	series_free(s);
	free(picked);
	if (x.cached) log_info("llm", "%zu answer%s reused from cache/llm", x.cached, x.cached == 1 ? "" : "s");
	free(x.cache);
	json_decref(x.board);
	json_decref(prompts);
	json_decref(sb);
	json_decref(ss);
	return rc;
}

const struct story_backend story_llm = { "llm", llm_story_stage };

const struct story_backend *story_backend_for(const struct ai_config *c, const char *from_path)
{
	if (c && ai_llm_configured(c) && !(from_path && str_has_suffix(from_path, ".json"))) return &story_llm;
	return &story_embedded;
}
