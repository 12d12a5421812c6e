/* net/config.c — AI backend settings: defaults < user config < project drama.json <
 * environment < command line (ai_config_set). One key table serves all four sources. */
#include "net/net_internal.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum ktype { K_STR, K_NUM, K_INT, K_BOOL };
struct key {
	const char *name;      /* "llm.url": object "llm", field "url"; no dot = top level */
	const char *env;       /* DRAMA_... or NULL */
	enum ktype type;
	size_t off;
};

#define S(f) offsetof(struct ai_config, f)
static const struct key KEYS[] = {
	{ "llm.url", "DRAMA_LLM_URL", K_STR, S(llm.url) },
	{ "llm.model", "DRAMA_LLM_MODEL", K_STR, S(llm.model) },
	{ "llm.api_key", "DRAMA_LLM_API_KEY", K_STR, S(llm.api_key) },
	{ "llm.timeout", "DRAMA_LLM_TIMEOUT", K_NUM, S(llm.timeout) },
	{ "llm.retries", "DRAMA_LLM_RETRIES", K_INT, S(llm.retries) },
	{ "llm.load_wait", "DRAMA_LLM_LOAD_WAIT", K_NUM, S(llm.load_wait) },
	{ "llm.temperature", "DRAMA_LLM_TEMPERATURE", K_NUM, S(temperature) },
	{ "llm.top_p", "DRAMA_LLM_TOP_P", K_NUM, S(top_p) },
	{ "llm.max_tokens", "DRAMA_LLM_MAX_TOKENS", K_INT, S(max_tokens) },
	{ "llm.repairs", NULL, K_INT, S(repairs) },
	{ "llm.stream", NULL, K_BOOL, S(stream) },
	{ "llm.retry_base", NULL, K_NUM, S(retry_base) },
	{ "comfyui.url", "DRAMA_COMFYUI_URL", K_STR, S(comfyui.url) },
	{ "comfyui.timeout", "DRAMA_COMFYUI_TIMEOUT", K_NUM, S(comfyui.timeout) },
	{ "comfyui.retries", NULL, K_INT, S(comfyui.retries) },
	{ "comfyui.checkpoint", "DRAMA_COMFYUI_CHECKPOINT", K_STR, S(comfyui.model) },
	{ "comfyui.video", "DRAMA_COMFYUI_VIDEO", K_BOOL, S(comfy_video) },
	{ "comfyui.lipsync", "DRAMA_COMFYUI_LIPSYNC", K_BOOL, S(comfy_lipsync) },
	{ "comfyui.tts", "DRAMA_COMFYUI_TTS", K_BOOL, S(comfy_tts) },
	{ "comfyui.poll", NULL, K_NUM, S(comfy_poll) },
	{ "comfyui.workflow_dir", "DRAMA_COMFYUI_WORKFLOWS", K_STR, S(workflow_dir) },
	{ "images.url", "DRAMA_IMAGES_URL", K_STR, S(images.url) },
	{ "images.model", "DRAMA_IMAGES_MODEL", K_STR, S(images.model) },
	{ "images.api_key", "DRAMA_IMAGES_API_KEY", K_STR, S(images.api_key) },
	{ "images.timeout", NULL, K_NUM, S(images.timeout) },
	{ "images.size", "DRAMA_IMAGES_SIZE", K_STR, S(image_size) },
	{ "tts.url", "DRAMA_TTS_URL", K_STR, S(tts.url) },
	{ "tts.model", "DRAMA_TTS_MODEL", K_STR, S(tts.model) },
	{ "tts.api_key", "DRAMA_TTS_API_KEY", K_STR, S(tts.api_key) },
	{ "tts.voice", "DRAMA_TTS_VOICE", K_STR, S(tts_voice) },
	{ "tts.timeout", NULL, K_NUM, S(tts.timeout) },
	{ "tts.load_wait", NULL, K_NUM, S(tts.load_wait) },
	{ "tts.format", "DRAMA_TTS_FORMAT", K_STR, S(tts_format) },
	{ "tts.ref_audio_field", NULL, K_STR, S(tts_ref_audio_field) },
	{ "tts.ref_text_field", NULL, K_STR, S(tts_ref_text_field) },
	{ "tts.ref_audio_format", NULL, K_STR, S(tts_ref_audio_format) },
	{ "strict", "DRAMA_STRICT", K_BOOL, S(strict) },
};
#undef S

/* Short aliases accepted by ai_config_set (command-line flags). */
static const struct { const char *alias, *key; } ALIASES[] = {
	{ "temperature", "llm.temperature" }, { "top_p", "llm.top_p" }, { "max_tokens", "llm.max_tokens" },
	{ "repairs", "llm.repairs" }, { "stream", "llm.stream" }, { "workflow_dir", "comfyui.workflow_dir" },
	{ "image_size", "images.size" }, { "tts.voice", "tts.voice" },
};

static int parse_bool(const char *v, int *out)
{
	if (!strcmp(v, "1") || str_ieq(v, "true") || str_ieq(v, "yes") || str_ieq(v, "on")) { *out = 1; return 0; }
	if (!strcmp(v, "0") || str_ieq(v, "false") || str_ieq(v, "no") || str_ieq(v, "off") || !*v) { *out = 0; return 0; }
	return -1;
}

static int set_text(struct ai_config *c, const struct key *k, const char *v, const char *where)
{
	void *f = (char *)c + k->off;
	char *end;
	switch (k->type) {
	case K_STR:
		free(*(char **)f);
		*(char **)f = *v ? xstrdup(v) : NULL;
		return 0;
	case K_NUM: {
		double d = strtod(v, &end);
		if (end == v || *end || d < 0)
			return err_set(ERR_INPUT, "%s: %s must be a number >= 0, not \"%s\"", where, k->name, v);
		*(double *)f = d;
		return 0;
	}
	case K_INT: {
		long l = strtol(v, &end, 10);
		if (end == v || *end || l < 0 || l > 1000000)
			return err_set(ERR_INPUT, "%s: %s must be a whole number >= 0, not \"%s\"", where, k->name, v);
		*(int *)f = (int)l;
		return 0;
	}
	case K_BOOL:
		if (parse_bool(v, (int *)f) < 0)
			return err_set(ERR_INPUT, "%s: %s must be true or false, not \"%s\"", where, k->name, v);
		return 0;
	}
	return 0;
}

static int set_json(struct ai_config *c, const struct key *k, const json_t *v, const char *where)
{
	char buf[64];
	if (json_is_string(v)) return set_text(c, k, json_string_value(v), where);
	if (json_is_boolean(v)) return set_text(c, k, json_is_true(v) ? "1" : "0", where);
	if (json_is_integer(v) && k->type != K_NUM) {
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
		return set_text(c, k, buf, where);
	}
	if (json_is_number(v) && k->type != K_STR && k->type != K_BOOL) {
		snprintf(buf, sizeof buf, "%.17g", json_number_value(v));
		return set_text(c, k, buf, where);
	}
	if (json_is_null(v)) return 0;
	return err_set(ERR_INPUT, "%s: %s has the wrong kind of value; expected %s", where, k->name,
	               k->type == K_STR ? "text in quotes" : k->type == K_BOOL ? "true or false" : "a number");
}

static void add_source(struct ai_config *c, const char *s)
{
	char *n = c->sources ? xasprintf("%s, %s", c->sources, s) : xstrdup(s);
	free(c->sources);
	c->sources = n;
}

/* Apply one config file's "llm", "comfyui", "images", "tts" objects (and "strict"). */
static int apply_file(struct ai_config *c, const char *path, const char *label)
{
	if (!file_exists(path)) return 0;
	json_error_t je;
	json_t *j = json_load_file(path, 0, &je);
	if (!j)
		return err_set(ERR_INPUT, "%s:%d:%d: invalid JSON: %s; fix the file", path, je.line, je.column, je.text);
	int rc = 0, used = 0;
	if (!json_is_object(j)) { rc = err_set(ERR_INPUT, "%s: expected a JSON object { ... }", path); goto end; }
	for (size_t i = 0; i < ARRAY_LEN(KEYS); i++) {
		const struct key *k = &KEYS[i];
		const char *dot = strchr(k->name, '.');
		const json_t *v;
		if (dot) {
			char obj[16];
			snprintf(obj, sizeof obj, "%.*s", (int)(dot - k->name), k->name);
			const json_t *o = json_object_get(j, obj);
			if (!o) continue;
			if (!json_is_object(o)) { rc = err_set(ERR_INPUT, "%s: \"%s\" must be an object { ... }", path, obj); goto end; }
			v = json_object_get(o, dot + 1);
		} else {
			v = json_object_get(j, k->name);
		}
		if (!v) continue;
		if ((rc = set_json(c, k, v, path)) < 0) goto end;
		used = 1;
	}
	const json_t *co = json_object_get(j, "comfyui");
	const json_t *wf = co ? json_object_get(co, "workflows") : NULL;
	if (wf) {
		if (!json_is_object(wf)) { rc = err_set(ERR_INPUT, "%s: comfyui.workflows must be an object {\"shot\": {\"file\": ..., \"map\": {...}}}", path); goto end; }
		/* Relative workflow files are relative to the config file's folder. */
		json_t *copy = json_deep_copy(wf);
		char *dir = xstrdup(path);
		char *slash = strrchr(dir, '/');
		if (slash) *slash = 0; else strcpy(dir, ".");
		const char *kind;
		json_t *v;
		json_object_foreach(copy, kind, v) {
			json_t *f = json_is_string(v) ? v : json_object_get(v, "file");
			if (json_is_string(f) && json_string_value(f)[0] != '/') {
				char *abs = path_join(dir, json_string_value(f));
				if (json_is_string(v)) json_object_set_new(copy, kind, json_string(abs));
				else json_object_set_new(v, "file", json_string(abs));
				free(abs);
			}
		}
		free(dir);
		json_decref(c->workflows);
		c->workflows = copy;
		used = 1;
	}
	const json_t *cv = co ? json_object_get(co, "vars") : NULL;
	if (cv) {
		if (!json_is_object(cv)) { rc = err_set(ERR_INPUT, "%s: comfyui.vars must be an object {\"steps\": 30, ...}", path); goto end; }
		if (!c->comfy_vars) c->comfy_vars = json_object();
		json_object_update(c->comfy_vars, (json_t *)cv);
		used = 1;
	}
	if (used) add_source(c, label);
end:
	json_decref(j);
	return rc;
}

int ai_config_load(const char *project_dir, struct ai_config *c)
{
	memset(c, 0, sizeof *c);
	c->temperature = 0.8;
	c->seed = -1;
	c->top_p = 0.95;
	c->repairs = 2;
	c->stream = 1;
	c->retry_base = 1.0;
	c->comfy_poll = 1.0;
	c->llm.timeout = 300;
	c->llm.retries = 3;
	c->llm.load_wait = 600;
	c->comfyui.timeout = 900;
	c->comfyui.retries = 2;
	c->images.timeout = 300;
	c->images.retries = 2;
	c->tts.timeout = 120;
	c->tts.retries = 2;
	c->tts.load_wait = 300;
	c->tts.model = xstrdup("kokoro");
	c->tts_voice = xstrdup("af_heart");
	c->tts_format = xstrdup("wav");
	c->image_size = xstrdup("1024x1536");
	int rc;
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *user = NULL;
	if (xdg && *xdg) user = xasprintf("%s/drama/config.json", xdg);
	else if (home && *home) user = xasprintf("%s/.config/drama/config.json", home);
	if (user) {
		rc = apply_file(c, user, "user config");
		free(user);
		if (rc < 0) return rc;
	}
	if (project_dir) {
		char *pp = path_join(project_dir, "drama.json");
		rc = apply_file(c, pp, "drama.json");
		free(pp);
		if (rc < 0) return rc;
	}
	int from_env = 0;
	for (size_t i = 0; i < ARRAY_LEN(KEYS); i++) {
		const char *v = KEYS[i].env ? getenv(KEYS[i].env) : NULL;
		if (!v) continue;
		if ((rc = set_text(c, &KEYS[i], v, KEYS[i].env)) < 0) return rc;
		from_env = 1;
	}
	if (from_env) add_source(c, "environment");
	return 0;
}

int ai_config_set(struct ai_config *c, const char *key, const char *value)
{
	for (size_t i = 0; i < ARRAY_LEN(ALIASES); i++)
		if (!strcmp(key, ALIASES[i].alias)) { key = ALIASES[i].key; break; }
	for (size_t i = 0; i < ARRAY_LEN(KEYS); i++)
		if (!strcmp(KEYS[i].name, key)) return set_text(c, &KEYS[i], value ? value : "", "command line");
	return err_set(ERR_INPUT, "unknown AI setting \"%s\"; see docs/ai-backends.md for the list", key);
}

void ai_config_free(struct ai_config *c)
{
	if (!c) return;
	for (size_t i = 0; i < ARRAY_LEN(KEYS); i++)
		if (KEYS[i].type == K_STR) free(*(char **)((char *)c + KEYS[i].off));
	json_decref(c->workflows);
	json_decref(c->comfy_vars);
	free(c->sources);
	memset(c, 0, sizeof *c);
}

int ai_llm_configured(const struct ai_config *c) { return c && c->llm.url && *c->llm.url; }
int ai_comfyui_configured(const struct ai_config *c) { return c && c->comfyui.url && *c->comfyui.url; }
int ai_images_configured(const struct ai_config *c) { return c && c->images.url && *c->images.url; }
int ai_tts_configured(const struct ai_config *c) { return c && c->tts.url && *c->tts.url; }

/* "{name}" → vars[name] (string or number); unknown names stay as they are. */
char *ai_tmpl(const char *t, const json_t *vars)
{
	struct sbuf b = { 0 };
	sb_add(&b, "");
	while (*t) {
		const char *o = strchr(t, '{');
		if (!o) { sb_add(&b, t); break; }
		sb_addn(&b, t, (size_t)(o - t));
		const char *cl = strchr(o, '}');
		char key[48];
		if (cl && cl - o - 1 < (long)sizeof key && cl > o + 1) {
			snprintf(key, sizeof key, "%.*s", (int)(cl - o - 1), o + 1);
			json_t *v = json_object_get(vars, key);
			if (json_is_string(v)) { sb_add(&b, json_string_value(v)); t = cl + 1; continue; }
			if (json_is_integer(v)) { sb_printf(&b, "%lld", (long long)json_integer_value(v)); t = cl + 1; continue; }
			if (json_is_real(v)) { sb_printf(&b, "%g", json_real_value(v)); t = cl + 1; continue; }
		}
		sb_add(&b, "{");
		t = o + 1;
	}
	return b.s;
}
