/* net/comfy.c — the ComfyUI HTTP protocol: POST /upload/image (use the returned name),
 * POST /prompt with a client_id, poll GET /history/{prompt_id} (Debian's libcurl has no
 * WebSocket), GET /view for outputs, POST /interrupt on time-out; node_errors and
 * execution_error become messages naming the node. Plus workflow templates with named
 * placeholders ("{{prompt}}") and user workflows with a placeholder map. */
#include "net/net_internal.h"

#include <curl/curl.h>
#include <pthread.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int http_ok(const struct http_resp *r) { return r->status >= 200 && r->status < 300; }

int comfy_upload(const struct ai_config *c, const void *data, size_t n, const char *name, char **server_name)
{
	*server_name = NULL;
	char *url = ai_url(c->comfyui.url, "/upload/image", 0);
	struct http_req r = { .url = url, .file_field = "image", .file_name = name, .file_data = data, .file_len = n,
	                      .form_k1 = "overwrite", .form_v1 = "true", .timeout = 120, .retries = c->comfyui.retries,
	                      .retry_base = c->retry_base, .what = "ComfyUI" };
	struct http_resp resp;
	int rc = http_do(&r, &resp);
	if (rc < 0) goto end;
	if (!http_ok(&resp)) { rc = ai_http_error("ComfyUI", url, &resp, NULL); goto end; }
	json_t *j = json_loads(resp.body.s ? resp.body.s : "", 0, NULL);
	const char *nm = json_string_value(json_object_get(j, "name"));
	const char *sub = json_string_value(json_object_get(j, "subfolder"));
	if (!nm) rc = err_set(ERR_INPUT, "ComfyUI at %s did not return the uploaded image's name (answer: %.100s)", url, resp.body.s ? resp.body.s : "");
	else *server_name = sub && *sub ? xasprintf("%s/%s", sub, nm) : xstrdup(nm);
	json_decref(j);
end:
	http_resp_free(&resp);
	free(url);
	return rc;
}

/* "node 4 (CheckpointLoaderSimple): Value not in list: ckpt_name: 'x' not in [...]" */
void comfy_node_errors_text(const json_t *ne, const json_t *wf, struct sbuf *out)
{
	const char *id;
	json_t *v;
	json_object_foreach((json_t *)ne, id, v) {
		const char *cls = json_string_value(json_object_get(v, "class_type"));
		const char *title = json_string_value(json_object_get(json_object_get(json_object_get(wf, id), "_meta"), "title"));
		size_t i;
		json_t *e;
		json_array_foreach(json_object_get(v, "errors"), i, e) {
			const char *m = json_string_value(json_object_get(e, "message"));
			const char *d = json_string_value(json_object_get(e, "details"));
			sb_printf(out, "%snode %s (%s%s%s%s): %s%s%s", out->len ? "; " : "", id, cls ? cls : "?",
			          title ? ", \"" : "", title ? title : "", title ? "\"" : "", m ? m : "error",
			          d && *d ? ": " : "", d && *d ? d : "");
		}
	}
}

int comfy_queue(const struct ai_config *c, const json_t *workflow, const char *client_id, char **prompt_id)
{
	*prompt_id = NULL;
	char *url = ai_url(c->comfyui.url, "/prompt", 0);
	json_t *b = json_pack("{s:O, s:s}", "prompt", workflow, "client_id", client_id);
	char *text = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	struct http_req r = { .url = url, .body = text, .timeout = 60, .retries = c->comfyui.retries,
	                      .retry_base = c->retry_base, .what = "ComfyUI" };
	struct http_resp resp;
	int rc = http_do(&r, &resp);
	json_t *j = NULL;
	if (rc < 0) goto end;
	j = json_loads(resp.body.s ? resp.body.s : "", 0, NULL);
	const json_t *ne = json_object_get(j, "node_errors");
	if (!http_ok(&resp) || (json_is_object(ne) && json_object_size(ne))) {
		struct sbuf m = { 0 };
		sb_add(&m, "");
		if (json_is_object(ne)) comfy_node_errors_text(ne, workflow, &m);
		const json_t *e = json_object_get(j, "error");
		const char *em = json_string_value(json_object_get(e, "message"));
		const char *ed = json_string_value(json_object_get(e, "details"));
		if (!m.len && em) sb_printf(&m, "%s%s%s", em, ed && *ed ? ": " : "", ed && *ed ? ed : "");
		if (!m.len) { char *sm = ai_server_message(&resp); sb_add(&m, sm); free(sm); }
		rc = err_set(ERR_INPUT, "ComfyUI at %s rejected the workflow (HTTP %ld): %s; install the missing nodes/models or "
		             "fix the workflow (`drama doctor` checks it)", c->comfyui.url, resp.status, m.s);
		sb_free(&m);
		goto end;
	}
	const char *id = json_string_value(json_object_get(j, "prompt_id"));
	if (!id) { rc = err_set(ERR_INPUT, "ComfyUI at %s answered /prompt without a prompt_id", c->comfyui.url); goto end; }
	*prompt_id = xstrdup(id);
end:
	json_decref(j);
	http_resp_free(&resp);
	free(text);
	free(url);
	return rc;
}

void comfy_outs_free(struct comfy_out *o, size_t n)
{
	for (size_t i = 0; i < n; i++) { free(o[i].filename); free(o[i].subfolder); free(o[i].type); }
	free(o);
}

/* Cancel our own prompt only, never another client's (ComfyUI server.py): POST /queue
 * {"delete": [id]} takes it out of the pending queue; GET /queue lists the running item
 * as [number, prompt_id, prompt, extra_data, outputs] in "queue_running", and only when
 * that is ours is it interrupted, with {"prompt_id": id} (newer servers interrupt just
 * that prompt; older ones ignore the body, which is then still ours). Returns 1 if our
 * prompt was running and was interrupted, 0 if it was only taken from the queue. */
int comfy_cancel_ours(const struct ai_config *c, const char *prompt_id)
{
	char *url = ai_url(c->comfyui.url, "/queue", 0);
	json_t *del = json_pack("{s:[s]}", "delete", prompt_id);
	char *body = json_dumps(del, JSON_COMPACT);
	json_decref(del);
	struct http_req r = { .method = "POST", .url = url, .body = body, .timeout = 10, .what = "ComfyUI" };
	struct http_resp resp;
	http_do(&r, &resp);
	http_resp_free(&resp);
	free(body);
	struct http_req g = { .url = url, .timeout = 10, .what = "ComfyUI" };
	int running = 0;
	if (http_do(&g, &resp) == 0 && http_ok(&resp)) {
		json_t *q = json_loads(resp.body.s ? resp.body.s : "", 0, NULL);
		size_t i;
		json_t *it;
		json_array_foreach(json_object_get(q, "queue_running"), i, it)
			if (str_eq(json_string_value(json_array_get(it, 1)), prompt_id)) running = 1;
		json_decref(q);
	}
	http_resp_free(&resp);
	free(url);
	if (!running) return 0;
	url = ai_url(c->comfyui.url, "/interrupt", 0);
	json_t *ij = json_pack("{s:s}", "prompt_id", prompt_id);
	body = json_dumps(ij, JSON_COMPACT);
	json_decref(ij);
	struct http_req ir = { .method = "POST", .url = url, .body = body, .timeout = 10, .what = "ComfyUI" };
	http_do(&ir, &resp);
	http_resp_free(&resp);
	free(body);
	free(url);
	return 1;
}

static void sleep_s(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
	nanosleep(&ts, NULL);
}

int comfy_wait(const struct ai_config *c, const char *prompt_id, double timeout, struct comfy_out **outs, size_t *n_outs)
{
	*outs = NULL;
	*n_outs = 0;
	char *path = xasprintf("/history/%s", prompt_id);
	char *url = ai_url(c->comfyui.url, path, 0);
	free(path);
	double t0 = now_sec(), poll = c->comfy_poll > 0 ? c->comfy_poll : 1.0;
	int rc = 0;
	for (;;) {
		struct http_req r = { .url = url, .timeout = 30, .retries = c->comfyui.retries, .retry_base = c->retry_base, .what = "ComfyUI" };
		struct http_resp resp;
		if ((rc = http_do(&r, &resp)) < 0) { http_resp_free(&resp); break; }
		json_t *j = http_ok(&resp) ? json_loads(resp.body.s ? resp.body.s : "", 0, NULL) : NULL;
		http_resp_free(&resp);
		json_t *h = json_object_get(j, prompt_id);
		if (h) {
			json_t *st = json_object_get(h, "status");
			const char *ss = json_string_value(json_object_get(st, "status_str"));
			if (str_eq(ss, "error")) {
				struct sbuf m = { 0 };
				size_t i;
				json_t *msg;
				json_array_foreach(json_object_get(st, "messages"), i, msg) {
					if (!str_eq(json_string_value(json_array_get(msg, 0)), "execution_error")) continue;
					json_t *d = json_array_get(msg, 1);
					sb_printf(&m, "node %s (%s): %s%s%s", json_string_value(json_object_get(d, "node_id")),
					          json_string_value(json_object_get(d, "node_type")),
					          json_string_value(json_object_get(d, "exception_type")) ? json_string_value(json_object_get(d, "exception_type")) : "",
					          json_string_value(json_object_get(d, "exception_type")) ? ": " : "",
					          json_string_value(json_object_get(d, "exception_message")));
				}
				rc = err_set(ERR_INPUT, "ComfyUI failed while running the workflow: %s; see ComfyUI's log",
				             m.len ? m.s : "execution error (no details)");
				sb_free(&m);
				json_decref(j);
				break;
			}
			json_t *outputs = json_object_get(h, "outputs");
			const char *nid;
			json_t *no;
			json_object_foreach(outputs, nid, no) {
				const char *kind;
				json_t *arr;
				json_object_foreach(no, kind, arr) {          /* images, gifs, videos, ... */
					size_t i;
					json_t *it;
					json_array_foreach(arr, i, it) {
						const char *fn = json_string_value(json_object_get(it, "filename"));
						if (!fn) continue;
						*outs = xrealloc(*outs, (*n_outs + 1) * sizeof **outs);
						(*outs)[*n_outs].filename = xstrdup(fn);
						(*outs)[*n_outs].subfolder = xstrdup(json_string_value(json_object_get(it, "subfolder")) ?
						                                     json_string_value(json_object_get(it, "subfolder")) : "");
						(*outs)[*n_outs].type = xstrdup(json_string_value(json_object_get(it, "type")) ?
						                                json_string_value(json_object_get(it, "type")) : "output");
						(*n_outs)++;
					}
				}
			}
			int done = json_is_true(json_object_get(st, "completed")) || str_eq(ss, "success") || !st;
			json_decref(j);
			if (done) {
				if (!*n_outs) rc = err_set(ERR_INPUT, "ComfyUI finished prompt %s without any output; does the workflow end in a Save node?", prompt_id);
				break;
			}
		} else {
			json_decref(j);
		}
		if (now_sec() - t0 > timeout) {
			int was_running = comfy_cancel_ours(c, prompt_id);
			rc = err_set(ERR_NET, "ComfyUI at %s did not finish prompt %s within %g s (time-out); %s. "
			             "Raise comfyui.timeout or use fewer steps", c->comfyui.url, prompt_id, timeout,
			             was_running ? "it was running and was interrupted" : "it was still queued and was taken out of the queue");
			break;
		}
		sleep_s(poll);
	}
	if (rc < 0) { comfy_outs_free(*outs, *n_outs); *outs = NULL; *n_outs = 0; }
	free(url);
	return rc;
}

int comfy_view(const struct ai_config *c, const struct comfy_out *o, struct sbuf *data)
{
	CURL *h = curl_easy_init();
	char *fn = curl_easy_escape(h, o->filename, 0), *sf = curl_easy_escape(h, o->subfolder, 0), *ty = curl_easy_escape(h, o->type, 0);
	char *q = xasprintf("/view?filename=%s&subfolder=%s&type=%s", fn, sf, ty);
	curl_free(fn); curl_free(sf); curl_free(ty);
	curl_easy_cleanup(h);
	char *url = ai_url(c->comfyui.url, q, 0);
	free(q);
	struct http_req r = { .url = url, .timeout = 300, .retries = c->comfyui.retries, .retry_base = c->retry_base, .what = "ComfyUI" };
	struct http_resp resp;
	int rc = http_do(&r, &resp);
	if (rc == 0 && !http_ok(&resp)) rc = ai_http_error("ComfyUI", url, &resp, NULL);
	if (rc == 0) { *data = resp.body; memset(&resp.body, 0, sizeof resp.body); }
	http_resp_free(&resp);
	free(url);
	return rc;
}

/* ---- workflows ---- */
int comfy_workflow_load(const struct ai_config *c, const char *kind, json_t **wf, json_t **map)
{
	*wf = NULL;
	*map = NULL;
	char *path = NULL;
	const json_t *u = c->workflows ? json_object_get(c->workflows, kind) : NULL;
	if (json_is_string(u)) path = xstrdup(json_string_value(u));
	else if (json_is_object(u) && json_is_string(json_object_get(u, "file"))) {
		path = xstrdup(json_string_value(json_object_get(u, "file")));
		if (json_is_object(json_object_get(u, "map"))) *map = json_incref(json_object_get(u, "map"));
	} else if (c->workflow_dir) {
		char *f = xasprintf("%s.json", kind);
		path = path_join(c->workflow_dir, f);
		free(f);
		if (!file_exists(path)) { free(path); path = NULL; }
	}
	if (!path) {
		char *rel = xasprintf("comfyui/%s.json", kind);
		path = data_path(rel);
		free(rel);
	}
	json_error_t je;
	*wf = json_load_file(path, 0, &je);
	int rc = 0;
	if (!*wf) rc = err_set(ERR_INPUT, "%s:%d:%d: cannot read the ComfyUI %s workflow: %s; export it with "
	                       "\"Save (API Format)\"", path, je.line, je.column, kind, je.text);
	else if (!json_is_object(*wf) || json_object_get(*wf, "nodes"))
		rc = err_set(ERR_INPUT, "%s: this is ComfyUI's UI format; export the workflow with \"Save (API Format)\"", path);
	if (rc < 0) { json_decref(*wf); *wf = NULL; json_decref(*map); *map = NULL; }
	free(path);
	return rc;
}

static json_t *fill_str(const char *s, const json_t *vars, const char *node, const char *input, int *err)
{
	const char *o = strstr(s, "{{");
	if (!o) return NULL;
	size_t n = strlen(s);
	if (o == s && n > 4 && !strcmp(s + n - 2, "}}") && !strstr(s + 2, "{{")) {   /* whole value: keep its type */
		char key[64];
		snprintf(key, sizeof key, "%.*s", (int)(n - 4), s + 2);
		json_t *v = json_object_get(vars, key);
		if (!v) {
			err_set(ERR_INPUT, "the workflow's node %s input \"%s\" uses placeholder {{%s}}, which drama does not fill; "
			        "known: prompt, negative, seed, width, height, steps, cfg, checkpoint, prefix, ref_image, background, "
			        "start_image, frames, fps", node, input, key);
			*err = 1;
			return NULL;
		}
		return json_deep_copy(v);
	}
	struct sbuf b = { 0 };
	sb_add(&b, "");
	const char *t = s;
	while ((o = strstr(t, "{{"))) {
		const char *cl = strstr(o, "}}");
		if (!cl) break;
		sb_addn(&b, t, (size_t)(o - t));
		char key[64];
		snprintf(key, sizeof key, "%.*s", (int)(cl - o - 2), o + 2);
		json_t *v = json_object_get(vars, key);
		if (json_is_string(v)) sb_add(&b, json_string_value(v));
		else if (json_is_integer(v)) sb_printf(&b, "%lld", (long long)json_integer_value(v));
		else if (json_is_number(v)) sb_printf(&b, "%g", json_number_value(v));
		t = cl + 2;
	}
	sb_add(&b, t);
	json_t *r = json_string(b.s);
	sb_free(&b);
	return r;
}

int comfy_workflow_fill(json_t *wf, const json_t *map, const json_t *vars)
{
	const char *id;
	json_t *node;
	json_object_foreach(wf, id, node) {
		json_t *in = json_object_get(node, "inputs");
		const char *k;
		json_t *v;
		json_object_foreach(in, k, v) {
			if (!json_is_string(v)) continue;
			int err = 0;
			json_t *nv = fill_str(json_string_value(v), vars, id, k, &err);
			if (err) return ERR_INPUT;
			if (nv) json_object_set_new(in, k, nv);
		}
	}
	/* user map: {"prompt": "6.inputs.text"} or "6.text" or ["6", "text"] */
	const char *name;
	json_t *target;
	json_object_foreach((json_t *)map, name, target) {
		char nid[64] = "", field[128] = "";
		if (json_is_array(target)) {
			snprintf(nid, sizeof nid, "%s", json_string_value(json_array_get(target, 0)) ? json_string_value(json_array_get(target, 0)) : "");
			snprintf(field, sizeof field, "%s", json_string_value(json_array_get(target, 1)) ? json_string_value(json_array_get(target, 1)) : "");
		} else if (json_is_string(target)) {
			const char *t = json_string_value(target), *dot = strchr(t, '.');
			if (dot) {
				snprintf(nid, sizeof nid, "%.*s", (int)(dot - t), t);
				const char *f = dot + 1;
				if (!strncmp(f, "inputs.", 7)) f += 7;
				snprintf(field, sizeof field, "%s", f);
			}
		}
		json_t *in = json_object_get(json_object_get(wf, nid), "inputs");
		if (!in || !*field)
			return err_set(ERR_INPUT, "the placeholder map's \"%s\" points to node \"%s\" input \"%s\", which the workflow "
			               "does not have; use \"NODE_ID.inputs.FIELD\"", name, nid, field);
		json_t *v = json_object_get(vars, name);
		if (!v) return err_set(ERR_INPUT, "the placeholder map names \"%s\", which drama does not fill", name);
		json_object_set_new(in, field, json_deep_copy(v));
	}
	return 0;
}

static void client_id(char out[64])
{
	static unsigned counter;
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&mu);
	unsigned k = counter++;
	pthread_mutex_unlock(&mu);
	struct hash h;
	char hex[33];
	hash_init(&h);
	hash_num(&h, now_sec());
	hash_num(&h, (double)getpid());
	hash_num(&h, k);
	hash_hex(&h, hex);
	snprintf(out, 64, "%.8s-%.4s-4%.3s-8%.3s-%.12s", hex, hex + 8, hex + 12, hex + 15, hex + 18);
}

int comfy_run(const struct ai_config *c, json_t *wf, double timeout, struct sbuf *data, char ext[8])
{
	char cid[64], *pid = NULL;
	struct comfy_out *outs = NULL;
	size_t n = 0;
	memset(data, 0, sizeof *data);
	client_id(cid);
	double t0 = now_sec();
	int rc = comfy_queue(c, wf, cid, &pid);
	if (rc < 0) goto end;
	if ((rc = comfy_wait(c, pid, timeout, &outs, &n)) < 0) goto end;
	/* the first output of the last Save node is the result */
	const struct comfy_out *o = &outs[n - 1];
	for (size_t i = 0; i < n; i++)
		if (str_eq(outs[i].type, "output")) { o = &outs[i]; break; }
	/* the extension names the cache file: only a plain one (letters and digits) is kept */
	const char *dot = strrchr(o->filename, '.');
	size_t el = dot ? strlen(dot + 1) : 0;
	int plain = el > 0 && el < 8;
	for (size_t i = 0; plain && i < el; i++) plain = isalnum((unsigned char)dot[1 + i]) != 0;
	snprintf(ext, 8, "%s", plain ? dot + 1 : "png");
	rc = comfy_view(c, o, data);
end:
	ai_ledger_add("comfyui", 1, 0, 0, now_sec() - t0);
	comfy_outs_free(outs, n);
	free(pid);
	return rc;
}
