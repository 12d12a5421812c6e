/* net/doctor.c — `drama doctor [DIR]`: check every configured AI backend (reachable,
 * model present via GET /v1/models, ComfyUI's /object_info has the workflows' node
 * classes and model files, a tiny request works) and print a table with what to fix. */
#include "net/net_internal.h"

#include <stdlib.h>
#include <string.h>

struct row { char backend[12], check[24], result[8]; char *detail; };
struct table { struct row *v; size_t n, cap; int failed; };

static void add(struct table *t, const char *backend, const char *check, int ok, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void add(struct table *t, const char *backend, const char *check, int ok, const char *fmt, ...)
{
	xgrow((void **)&t->v, &t->cap, t->n, sizeof *t->v);
	struct row *r = &t->v[t->n++];
	snprintf(r->backend, sizeof r->backend, "%s", backend);
	snprintf(r->check, sizeof r->check, "%s", check);
	snprintf(r->result, sizeof r->result, "%s", ok > 0 ? "ok" : ok == 0 ? "FAIL" : "skip");
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	r->detail = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(r->detail, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (ok == 0) t->failed++;
}

int ai_get_json(const struct ai_config *c, const char *what, const char *url, const char *key, json_t **out, long *status)
{
	*out = NULL;
	struct http_req r = { .url = url, .api_key = key, .timeout = 10, .retries = 0, .retry_base = c->retry_base, .what = what };
	struct http_resp resp;
	int rc = http_do(&r, &resp);
	*status = resp.status;
	if (rc == 0 && resp.status >= 200 && resp.status < 300) *out = json_loads(resp.body.s ? resp.body.s : "", 0, NULL);
	else if (rc == 0) { char *m = ai_server_message(&resp); err_set(ERR_INPUT, "HTTP %ld: %s", resp.status, m); free(m); rc = ERR_INPUT; }
	http_resp_free(&resp);
	return rc;
}

/* GET /v1/models: 1 = present (or server lists nothing), 0 = absent, -1 = could not list */
static int check_models(struct table *t, const struct ai_config *c, const char *name, const struct ai_service *s, const char *envname)
{
	char *url = ai_url(s->url, "/models", 1);
	json_t *j = NULL;
	long st = 0;
	const char *what = !strcmp(name, "llm") ? "the LLM server" : !strcmp(name, "tts") ? "the speech server" : "the images API";
	int rc = ai_get_json(c, what, url, s->api_key, &j, &st);
	if (rc == ERR_NET) {
		add(t, name, "reachable", 0, "%s (the URL comes from %s_URL or drama.json)", err_msg(), envname);
		free(url);
		return -2;
	}
	if (rc < 0 && (st == 401 || st == 403)) {
		add(t, name, "reachable", 1, "%s", s->url);
		add(t, name, "api key", 0, "%s refused the key (%s); set %s_API_KEY", url, err_msg(), envname);
		free(url);
		return -2;
	}
	add(t, name, "reachable", 1, "%s", s->url);
	int found = -1;
	struct sbuf ids = { 0 };
	sb_add(&ids, "");
	size_t i, n = 0;
	json_t *m;
	json_array_foreach(json_object_get(j, "data"), i, m) {
		const char *id = json_string_value(json_object_get(m, "id"));
		if (!id) continue;
		if (n < 12) sb_printf(&ids, "%s%s", n ? ", " : "", id);
		n++;
		if (found < 1 && s->model) {
			size_t ml = strlen(s->model);
			found = !strcmp(id, s->model) || (!strncmp(id, s->model, ml) && !strcmp(id + ml, ":latest")) ? 1 : 0;
		}
	}
	if (rc < 0 || !json_is_array(json_object_get(j, "data")))
		add(t, name, "model", -1, "the server does not list models at %s (%s)", url, rc < 0 ? err_msg() : "no data[]");
	else if (!s->model)
		add(t, name, "model", 1, "none set: the server's default is used (it has: %s)", ids.s);
	else if (found == 1)
		add(t, name, "model", 1, "\"%s\" is on the server", s->model);
	else
		add(t, name, "model", 0, "\"%s\" is not on the server; it has: %s%s. Set %s_MODEL to one of them", s->model, ids.s,
		    n > 12 ? ", ..." : "", envname);
	sb_free(&ids);
	json_decref(j);
	free(url);
	return found;
}

static void check_llm(struct table *t, const struct ai_config *c0)
{
	struct ai_config c = *c0;
	c.llm.timeout = c.llm.timeout < 60 ? c.llm.timeout : 60;
	c.llm.retries = 0;
	c.llm.load_wait = 0;      /* a loading server is reported, not waited for */
	c.stream = 0;
	c.max_tokens = 16;
	c.temperature = 0;
	if (check_models(t, &c, "llm", &c.llm, "DRAMA_LLM") == -2) return;
	json_t *msgs = json_pack("[{s:s, s:s}]", "role", "user", "content", "Answer with {\"ok\": true} only.");
	json_t *schema = json_pack("{s:s, s:{s:{s:s}}, s:[s], s:b}", "type", "object", "properties", "ok", "type", "boolean",
	                           "required", "ok", "additionalProperties", 0);
	char *out = NULL;
	double t0 = now_sec();
	int rc = llm_chat(&c, msgs, schema, "doctor", 0, 0, &out);
	if (rc < 0) add(t, "llm", "tiny request", 0, "%s", err_msg());
	else {
		json_t *j = llm_extract_json(out);
		if (j) add(t, "llm", "tiny request", 1, "structured answer in %.1f s", now_sec() - t0);
		else add(t, "llm", "tiny request", 0, "the answer to a JSON-schema request was not JSON (\"%.40s\"); the server may "
		         "ignore response_format: use llama-server, Ollama >= 0.5 or vLLM", out);
		json_decref(j);
	}
	free(out);
	json_decref(msgs);
	json_decref(schema);
}

static void check_workflow(struct table *t, const struct ai_config *c, const char *kind, const json_t *info, const json_t *d)
{
	json_t *wf = NULL, *map = NULL;
	if (comfy_workflow_load(c, kind, &wf, &map) < 0) { add(t, "comfyui", kind, 0, "%s", err_msg()); return; }
	/* fill with the defaults so model file names can be checked */
	json_t *vars = json_object();
	const char *k;
	json_t *x;
	json_object_foreach((json_t *)d, k, x)
		if (!json_is_object(x) && !json_is_array(x)) json_object_set(vars, k, x);
	if (c->comfy_vars) json_object_update(vars, c->comfy_vars);
	if (c->comfyui.model) json_object_set_new(vars, "checkpoint", json_string(c->comfyui.model));
	const char *names[] = { "prompt", "negative", "prefix", "ref_image", "background", "start_image", "line_audio",
	                        "text", "ref_audio", "ref_text" };
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (!json_object_get(vars, names[i])) json_object_set_new(vars, names[i], json_string("x"));
	const char *nums[] = { "seed", "width", "height", "frames" };
	for (size_t i = 0; i < ARRAY_LEN(nums); i++)
		if (!json_object_get(vars, nums[i])) json_object_set_new(vars, nums[i], json_integer(1));
	int fill = comfy_workflow_fill(wf, map, vars);
	struct sbuf miss = { 0 }, files = { 0 }, presets = { 0 }, packs = { 0 }, packs_missing = { 0 };
	doctor_node_packs(wf, info, &packs, &packs_missing);
	sb_add(&miss, "");
	sb_add(&presets, "");
	sb_add(&files, "");
	const char *id, *anim = NULL;
	json_t *node;
	json_object_foreach(wf, id, node) {
		const char *cls = json_string_value(json_object_get(node, "class_type"));
		const json_t *ni = json_object_get(info, cls ? cls : "");
		if ((!strcmp(kind, "video") || !strcmp(kind, "s2v")) && str_eq(cls, "SaveAnimatedWEBP")) anim = id;
		if (!ni) {
			char tok[160];
			snprintf(tok, sizeof tok, ", %s, ", cls ? cls : "(no class_type)");
			char *have = xasprintf(", %s, ", miss.s);
			if (!strstr(have, tok)) sb_printf(&miss, "%s%s", miss.len ? ", " : "", cls ? cls : "(no class_type)");
			free(have);
			continue;
		}
		json_object_foreach(json_object_get(node, "inputs"), k, x) {
			if (!json_is_string(x) || !strcmp(k, "image") || !strcmp(k, "audio")) continue;   /* uploaded at run time */
			const json_t *spec = json_object_get(json_object_get(json_object_get(ni, "input"), "required"), k);
			const json_t *choices = json_array_get(spec, 0);
			if (!json_is_array(choices) || !json_array_size(choices)) continue;
			size_t i;
			json_t *ch;
			int ok = 0;
			json_array_foreach(choices, i, ch) if (str_eq(json_string_value(ch), json_string_value(x))) ok = 1;
			if (!ok && (str_has_suffix(json_string_value(x), ".safetensors") || str_has_suffix(json_string_value(x), ".ckpt") ||
			            str_has_suffix(json_string_value(x), ".pth") || str_has_suffix(json_string_value(x), ".gguf")))
				sb_printf(&files, "%snode %s %s \"%s\"", files.len ? "; " : "", id, k, json_string_value(x));
		}
	}
	if (fill < 0) add(t, "comfyui", kind, 0, "%s", err_msg());
	else if (anim)      /* the renderer's FFmpeg 5.1 cannot decode animated WebP */
		add(t, "comfyui", kind, 0, "node %s saves an animated WebP, which the renderer cannot read; save with SaveWEBM "
		    "(as data/comfyui/video.json does) or SaveVideo", anim);
	else if (miss.len)
		add(t, "comfyui", kind, 0, "ComfyUI lacks node classes: %s; install them or point comfyui.workflows.%s to a "
		    "workflow that works", packs_missing.s, kind);
	else if (files.len)
		add(t, "comfyui", kind, 0, "model files not installed: %s; put them in ComfyUI/models or set comfyui.checkpoint / "
		    "comfyui.workflows", files.s);
	else if (doctor_ipadapter_files(c, wf, info, &presets) > 0)    /* files found by pattern, at run time */
		add(t, "comfyui", kind, 0, "%s", presets.s);
	else {
		struct sbuf dry = { 0 };
		sb_add(&dry, "");
		int bad = doctor_dry_validate(c, wf, info, &dry);
		if (bad > 0) add(t, "comfyui", kind, 0, "%s", dry.s);
		else add(t, "comfyui", kind, 1, "all %zu nodes and their model files are there; %s; custom node packs: %s",
		         json_object_size(wf), bad == 0 ? "ComfyUI validated it without running it (dry /prompt)" : dry.s,
		         packs.len ? packs.s : "none (core nodes only)");
		sb_free(&dry);
	}
	sb_free(&packs);
	sb_free(&packs_missing);
	sb_free(&presets);
	sb_free(&miss);
	sb_free(&files);
	json_decref(vars);
	json_decref(wf);
	json_decref(map);
}

static void check_comfy(struct table *t, const struct ai_config *c)
{
	char *url = ai_url(c->comfyui.url, "/system_stats", 0);
	json_t *j = NULL;
	long st;
	int rc = ai_get_json(c, "ComfyUI", url, NULL, &j, &st);
	free(url);
	if (rc == ERR_NET) { add(t, "comfyui", "reachable", 0, "%s (the URL comes from DRAMA_COMFYUI_URL or drama.json)", err_msg()); return; }
	const char *ver = json_string_value(json_object_get(json_object_get(j, "system"), "comfyui_version"));
	add(t, "comfyui", "reachable", rc == 0 ? 1 : 0, "%s%s%s%s", c->comfyui.url, ver ? " (ComfyUI " : "", ver ? ver : "",
	    ver ? ")" : rc < 0 ? ": not a ComfyUI server? /system_stats failed" : "");
	json_decref(j);
	if (rc < 0) return;
	url = ai_url(c->comfyui.url, "/object_info", 0);
	rc = ai_get_json(c, "ComfyUI", url, NULL, &j, &st);
	free(url);
	if (rc < 0 || !json_is_object(j)) { add(t, "comfyui", "object_info", 0, "cannot read /object_info: %s", err_msg()); json_decref(j); return; }
	char *dp = data_path("comfyui/defaults.json");
	json_t *d = json_load_file(dp, 0, NULL);
	free(dp);
	const char *kinds[] = { "character", "location", "shot", "video", "s2v", "tts" };
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		if (!strcmp(kinds[i], "video") && !c->comfy_video) { add(t, "comfyui", "video", -1, "image-to-video is off (comfyui.video)"); continue; }
		if (!strcmp(kinds[i], "s2v") && !c->comfy_lipsync) { add(t, "comfyui", "s2v", -1, "lip-synced speech-to-video is off (comfyui.lipsync)"); continue; }
		if (!strcmp(kinds[i], "tts") && !c->comfy_tts) { add(t, "comfyui", "tts", -1, "voice cloning through ComfyUI is off (comfyui.tts)"); continue; }
		check_workflow(t, c, kinds[i], j, d);
	}
	json_decref(d);
	json_decref(j);
}

static void check_images(struct table *t, const struct ai_config *c)
{
	if (check_models(t, c, "images", &c->images, "DRAMA_IMAGES") == -2) return;
	add(t, "images", "tiny request", -1, "not tried: an image costs real GPU time; `drama design` will tell");
}

static void check_tts(struct table *t, const struct ai_config *c0)
{
	struct ai_config c = *c0;
	c.tts.retries = 0;
	c.tts.load_wait = 0;
	c.tts.timeout = c.tts.timeout < 60 ? c.tts.timeout : 60;
	if (check_models(t, &c, "tts", &c.tts, "DRAMA_TTS") == -2) return;
	struct line l = { .text = "Hello." };
	struct voice_clip clip;
	double t0 = now_sec();
	int rc = speech_api_synth(&c, NULL, &l, "en", &clip);
	if (rc < 0) add(t, "tts", "tiny request", 0, "%s", err_msg());
	else if (clip.t.duration < 0.15) add(t, "tts", "tiny request", 0, "\"Hello.\" came back %.2f s long: no speech", clip.t.duration);
	else add(t, "tts", "tiny request", 1, "voice \"%s\": %.2f s of audio in %.1f s", c.tts_voice ? c.tts_voice : "-",
	         clip.t.duration, now_sec() - t0);
	voice_clip_free(&clip);
}

int doctor_run(const char *project_dir, struct sbuf *report)
{
	struct ai_config c;
	struct table t = { 0 };
	int rc = ai_config_load(project_dir, &c);
	if (rc < 0) add(&t, "config", "settings", 0, "%s", err_msg());
	else {
		if (ai_llm_configured(&c)) check_llm(&t, &c);
		if (ai_comfyui_configured(&c)) check_comfy(&t, &c);
		if (ai_images_configured(&c)) check_images(&t, &c);
		if (ai_tts_configured(&c)) check_tts(&t, &c);
	}
	if (!t.n) {
		sb_add(report, "No AI backends are configured: drama uses its embedded engines (story, procedural art, flite/espeak-ng).\n"
		       "To use AI servers set DRAMA_LLM_URL, DRAMA_COMFYUI_URL, DRAMA_IMAGES_URL or DRAMA_TTS_URL, or the \"llm\", "
		       "\"comfyui\", \"images\", \"tts\" objects in drama.json (see docs/ai-backends.md).\n");
	} else {
		sb_printf(report, "%-8s %-14s %-5s %s\n", "backend", "check", "result", "details / what to fix");
		for (size_t i = 0; i < t.n; i++)
			sb_printf(report, "%-8s %-14s %-6s %s\n", t.v[i].backend, t.v[i].check, t.v[i].result, t.v[i].detail);
		if (c.sources) sb_printf(report, "settings from: %s\n", c.sources);
	}
	int failed = t.failed;
	for (size_t i = 0; i < t.n; i++) free(t.v[i].detail);
	free(t.v);
	ai_config_free(&c);
	if (failed)
		return err_set(ERR_GENERIC, "%d check%s failed; see the table above for what to fix", failed, failed == 1 ? "" : "s");
	return 0;
}
