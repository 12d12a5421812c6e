/* net/chat.c — OpenAI-compatible /v1/chat/completions: structured output with a JSON
 * schema in response_format (where llama-server, Ollama and vLLM read it), explicit
 * temperature/top_p, SSE streaming that drives the progress bar, usage into the ledger,
 * and tolerant extraction of the JSON object from the reply. */
#include "net/net_internal.h"

#include <stdlib.h>
#include <string.h>

struct acc {
	struct sbuf content;
	long tin, tout;
	double base, span, expect;
	char finish[32];
	char *err;               /* error event inside the stream */
	int events;
};

static int on_event(void *ud, const char *data)
{
	struct acc *a = ud;
	if (!data) {                           /* new attempt */
		if (a->content.s) { a->content.len = 0; a->content.s[0] = 0; }
		a->tin = a->tout = 0;
		a->finish[0] = 0;
		a->events = 0;
		return 0;
	}
	if (!strcmp(data, "[DONE]")) return 0;
	json_t *j = json_loads(data, 0, NULL);
	if (!j) return 0;                      /* not JSON: ignore like the OpenAI clients do */
	a->events++;
	json_t *e = json_object_get(j, "error");
	if (e) {
		json_t *m = json_is_object(e) ? json_object_get(e, "message") : e;
		free(a->err);
		a->err = json_is_string(m) ? xstrdup(json_string_value(m)) : json_dumps(e, JSON_COMPACT);
		json_decref(j);
		return -1;
	}
	json_t *ch = json_array_get(json_object_get(j, "choices"), 0);
	json_t *d = json_object_get(ch, "delta");
	json_t *c = json_object_get(d, "content");
	if (json_is_string(c)) sb_add(&a->content, json_string_value(c));
	json_t *fr = json_object_get(ch, "finish_reason");
	if (json_is_string(fr)) snprintf(a->finish, sizeof a->finish, "%s", json_string_value(fr));
	json_t *u = json_object_get(j, "usage");
	if (json_is_object(u)) {
		a->tin = (long)json_integer_value(json_object_get(u, "prompt_tokens"));
		a->tout = (long)json_integer_value(json_object_get(u, "completion_tokens"));
	}
	json_decref(j);
	if (a->span > 0) {
		double f = (double)a->content.len / (a->expect > 0 ? a->expect : 3000);
		if (f > 0.95) f = 0.95;
		progress_update(a->base + a->span * f, NULL);
	}
	return 0;
}

/* The schema as servers get it: x-* keys are drama's own hints (expected size). New reference. */
static json_t *clean_schema(const json_t *schema)
{
	json_t *sc = json_copy((json_t *)schema);
	const char *k;
	void *tmp;
	json_t *v;
	json_object_foreach_safe(sc, tmp, k, v)
		if (!strncmp(k, "x-", 2)) json_object_del(sc, k);
	return sc;
}

/* json_object_mode: for servers that refuse json_schema, ask for {type: json_object}
 * and the schema both in response_format.schema (where llama-server reads it) and in the
 * last message (for servers that only read the prompt). */
static json_t *build_body(const struct ai_config *c, const json_t *messages, const json_t *schema, const char *name,
                          int json_object_mode)
{
	json_t *b = json_object();
	if (c->llm.model && *c->llm.model) json_object_set_new(b, "model", json_string(c->llm.model));
	if (json_object_mode && schema) {
		json_t *m = json_deep_copy(messages);
		json_t *last = json_array_get(m, json_array_size(m) - 1);
		char *st = json_dumps(schema, JSON_COMPACT);
		char *t = xasprintf("%s\n\nAnswer with one JSON object that follows this JSON schema:\n%s",
		                    json_string_value(json_object_get(last, "content")) ? json_string_value(json_object_get(last, "content")) : "", st);
		json_object_set_new(last, "content", json_string(t));
		free(t);
		free(st);
		json_object_set_new(b, "messages", m);
		/* llama-server constrains a json_object answer by response_format.schema */
		json_object_set_new(b, "response_format", json_pack("{s:s, s:o}", "type", "json_object", "schema", clean_schema(schema)));
		schema = NULL;
	} else {
		json_object_set(b, "messages", (json_t *)messages);
	}
	json_object_set_new(b, "temperature", json_real(c->temperature));
	json_object_set_new(b, "top_p", json_real(c->top_p));
	if (c->max_tokens > 0) json_object_set_new(b, "max_tokens", json_integer(c->max_tokens));
	if (c->seed >= 0) json_object_set_new(b, "seed", json_integer((json_int_t)c->seed));
	json_object_set_new(b, "stream", json_boolean(c->stream));
	if (c->stream) json_object_set_new(b, "stream_options", json_pack("{s:b}", "include_usage", 1));
	if (schema) {
		json_t *js = json_pack("{s:s, s:o, s:b}", "name", name ? name : "answer", "schema", clean_schema(schema), "strict", 1);
		json_object_set_new(b, "response_format", json_pack("{s:s, s:o}", "type", "json_schema", "json_schema", js));
	}
	return b;
}

int llm_chat(const struct ai_config *c, const json_t *messages, const json_t *schema,
             const char *schema_name, double progress_base, double progress_span, char **content)
{
	*content = NULL;
	if (!ai_llm_configured(c))
		return err_set(ERR_INPUT, "no LLM server configured; set DRAMA_LLM_URL or \"llm\": {\"url\": ...} in drama.json");
	char *url = ai_url(c->llm.url, "/chat/completions", 1);
	int mode = 0;
again:;
	json_t *body = build_body(c, messages, schema, schema_name, mode);
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	struct acc a = { .base = progress_base, .span = progress_span, .expect = schema ? 2500 : 500 };
	if (schema && json_object_get(schema, "x-expect-chars"))
		a.expect = json_number_value(json_object_get(schema, "x-expect-chars"));
	struct http_req r = {
		.url = url, .api_key = c->llm.api_key, .body = text, .timeout = c->llm.timeout,
		.load_wait = c->llm.load_wait, .retries = c->llm.retries, .retry_base = c->retry_base, .sse = on_event, .ud = &a,
		.what = "the LLM server",
	};
	struct http_resp resp;
	int rc = http_do(&r, &resp);
	ai_ledger_add("llm", 1, 0, 0, resp.total_seconds);
	ai_ledger_add_more("llm", resp.attempts, 0);
	if (rc < 0) {
		if (a.err) rc = err_set(ERR_INPUT, "the LLM server at %s stopped with an error: %s", url, a.err);
		goto end;
	}
	if (resp.status == 400 && schema && !mode) {
		char *m = ai_server_message(&resp);
		int about_format = strstr(m, "response_format") || strstr(m, "json_schema") || strstr(m, "schema");
		if (about_format) {
			log_warn("llm", "the server refused a JSON schema (%s); asking for a JSON object with the schema in the prompt", m);
			free(m);
			sb_free(&a.content);
			free(a.err);
			http_resp_free(&resp);
			free(text);
			mode = 1;
			goto again;
		}
		free(m);
	}
	if (resp.status < 200 || resp.status >= 300) {
		rc = ai_http_error("the LLM server", url, &resp, c->llm.model);
		goto end;
	}
	if (!a.events) {                       /* a plain JSON answer (no streaming) */
		json_error_t je;
		json_t *j = json_loads(resp.body.s ? resp.body.s : "", 0, &je);
		if (!j) {
			rc = err_set(ERR_INPUT, "the LLM server at %s sent something that is not JSON (%s); is the URL an "
			             "OpenAI-compatible server?", url, je.text);
			goto end;
		}
		json_t *ch = json_array_get(json_object_get(j, "choices"), 0);
		json_t *m = json_object_get(json_object_get(ch, "message"), "content");
		if (json_is_string(m)) sb_add(&a.content, json_string_value(m));
		json_t *fr = json_object_get(ch, "finish_reason");
		if (json_is_string(fr)) snprintf(a.finish, sizeof a.finish, "%s", json_string_value(fr));
		json_t *u = json_object_get(j, "usage");
		a.tin = (long)json_integer_value(json_object_get(u, "prompt_tokens"));
		a.tout = (long)json_integer_value(json_object_get(u, "completion_tokens"));
		json_decref(j);
	}
	ai_ledger_add("llm", 0, a.tin, a.tout, 0);
	if (!a.content.len) {
		rc = err_set(ERR_INPUT, "the LLM server at %s returned an empty answer; check that model \"%s\" is loaded",
		             url, c->llm.model ? c->llm.model : "(default)");
		goto end;
	}
	if (!strcmp(a.finish, "length"))
		log_warn("llm", "the answer was cut off at the token limit; raise max_tokens or the server's context size");
	*content = a.content.s;
	a.content.s = NULL;
	if (progress_span > 0) progress_update(progress_base + progress_span, NULL);
end:
	sb_free(&a.content);
	free(a.err);
	http_resp_free(&resp);
	free(text);
	free(url);
	return rc;
}

int llm_pick_model(const struct ai_config *c, char **model)
{
	*model = NULL;
	char *url = ai_url(c->llm.url, "/models", 1);
	struct http_req r = { .url = url, .api_key = c->llm.api_key, .timeout = 30, .retries = c->llm.retries,
	                      .retry_base = c->retry_base, .load_wait = c->llm.load_wait, .what = "the LLM server" };
	struct http_resp resp;
	int rc = http_do(&r, &resp);
	if (rc == 0 && resp.status >= 200 && resp.status < 300) {
		json_t *j = json_loads(resp.body.s ? resp.body.s : "", 0, NULL);
		const char *id = json_string_value(json_object_get(json_array_get(json_object_get(j, "data"), 0), "id"));
		if (!id) id = json_string_value(json_object_get(json_array_get(json_object_get(j, "models"), 0), "model"));
		if (id) *model = xstrdup(id);
		else rc = err_set(ERR_INPUT, "the LLM server at %s lists no models; set llm.model (DRAMA_LLM_MODEL)", url);
		json_decref(j);
	} else if (rc == 0) {
		rc = ai_http_error("the LLM server", url, &resp, NULL);
	}
	http_resp_free(&resp);
	free(url);
	return rc;
}

/* End of the JSON value that starts at p ('{' or '['), honouring strings; NULL if open. */
static const char *match_end(const char *p)
{
	int depth = 0, in_str = 0;
	for (; *p; p++) {
		if (in_str) {
			if (*p == '\\' && p[1]) p++;
			else if (*p == '"') in_str = 0;
			continue;
		}
		if (*p == '"') in_str = 1;
		else if (*p == '{' || *p == '[') depth++;
		else if (*p == '}' || *p == ']') {
			if (--depth == 0) return p;
		}
	}
	return NULL;
}

json_t *llm_extract_json(const char *text)
{
	const char *t = text;
	const char *think = strstr(t, "</think>");   /* reasoning models */
	if (think) t = think + 8;
	const char *fence = strstr(t, "```");
	if (fence) {
		const char *nl = strchr(fence, '\n');
		if (nl && strchr(nl, '{')) t = nl + 1;
	}
	const char *start = strchr(t, '{');
	if (!start) {
		err_set(ERR_INPUT, "the reply contains no JSON object (it starts \"%.60s\")", text);
		return NULL;
	}
	const char *end = match_end(start);
	size_t n = end ? (size_t)(end - start) + 1 : strlen(start);
	json_error_t je;
	json_t *j = json_loadb(start, n, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		err_set(ERR_INPUT, "the reply is not valid JSON at line %d, column %d: %s%s", je.line, je.column, je.text,
		        end ? "" : " (the object is not closed: the answer may have been cut off)");
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		err_set(ERR_INPUT, "the reply's JSON is not an object { ... }");
		return NULL;
	}
	return j;
}
