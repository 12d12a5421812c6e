/* net/doctor_dry.c — what doctor can learn from ComfyUI without running a job.
 *
 * A dry /prompt: ComfyUI has no validate-only endpoint, but POST /prompt validates
 * before it queues (execution.py validate_prompt), queues only when at least one output
 * node is valid, and otherwise answers 400 with node_errors. validate_inputs reports a
 * missing required input and goes on checking the node's other inputs, following
 * links upstream. So every output node is sent without its required filename_prefix:
 * all outputs fail (nothing is queued) and the errors of every other node come back;
 * the made-up ones (filename_prefix, and the picture/audio file names that are only
 * uploaded at run time) are dropped. Should a server queue it anyway, the prompt is
 * taken back at once (comfy_cancel_ours).
 *
 * Node packs: /object_info gives each class's python_module; "custom_nodes.X" is pack
 * X. For classes the server lacks, data/comfyui/node_packs.json names the pack. */
#include "net/net_internal.h"

#include <stdlib.h>
#include <string.h>

static int is_output(const json_t *info, const char *cls)
{
	return json_is_true(json_object_get(json_object_get(info, cls ? cls : ""), "output_node"));
}

/* An error we made: the removed filename_prefix, or a file that is uploaded at run time. */
static int ours(const char *cls, const json_t *err)
{
	const char *type = json_string_value(json_object_get(err, "type"));
	const char *in = json_string_value(json_object_get(json_object_get(err, "extra_info"), "input_name"));
	const char *det = json_string_value(json_object_get(err, "details"));
	if (str_eq(type, "required_input_missing") && (str_eq(in, "filename_prefix") || str_eq(det, "filename_prefix"))) return 1;
	if ((str_eq(cls, "LoadImage") && (str_eq(in, "image") || (det && !strncmp(det, "image", 5)))) ||
	    (str_eq(cls, "LoadAudio") && (str_eq(in, "audio") || (det && !strncmp(det, "audio", 5)))))
		return 1;
	if (det && strstr(det, "Invalid image file")) return 1;
	return 0;
}

int doctor_dry_validate(const struct ai_config *c, const json_t *wf, const json_t *info, struct sbuf *problems)
{
	json_t *run = json_deep_copy(wf);
	const char *id;
	json_t *node;
	int outs = 0;
	json_object_foreach(run, id, node) {
		const char *cls = json_string_value(json_object_get(node, "class_type"));
		if (!is_output(info, cls)) continue;
		json_t *in = json_object_get(node, "inputs");
		if (!json_object_get(in, "filename_prefix")) {
			sb_printf(problems, "%snot validated by the server: output node %s (%s) has no filename_prefix to leave out, "
			          "so a dry /prompt would run a job", problems->len ? "; " : "", id, cls ? cls : "?");
			json_decref(run);
			return -1;
		}
		json_object_del(in, "filename_prefix");
		outs++;
	}
	if (!outs) {
		sb_printf(problems, "%snot validated by the server: no output node", problems->len ? "; " : "");
		json_decref(run);
		return -1;
	}
	char *url = ai_url(c->comfyui.url, "/prompt", 0);
	json_t *b = json_pack("{s:o, s:s}", "prompt", run, "client_id", "drama-doctor-dry-run");
	char *text = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	struct http_req r = { .url = url, .body = text, .timeout = 30, .what = "ComfyUI" };
	struct http_resp resp;
	int n = 0, rc = http_do(&r, &resp);
	json_t *j = rc == 0 ? json_loads(resp.body.s ? resp.body.s : "", 0, NULL) : NULL;
	const char *pid = json_string_value(json_object_get(j, "prompt_id"));
	if (rc < 0) {
		sb_printf(problems, "%snot validated by the server: %s", problems->len ? "; " : "", err_msg());
		n = -1;
	} else if (resp.status >= 200 && resp.status < 300 && pid) {
		comfy_cancel_ours(c, pid);              /* it queued after all: take it back */
		sb_printf(problems, "%snot validated: ComfyUI queued the dry run (prompt %s, cancelled at once)", problems->len ? "; " : "", pid);
		n = -1;
	} else {
		json_t *keep = json_object();
		const json_t *ne = json_object_get(j, "node_errors");
		const char *nid;
		json_t *v;
		json_object_foreach((json_t *)ne, nid, v) {
			const char *cls = json_string_value(json_object_get(v, "class_type"));
			json_t *errs = json_array();
			size_t i;
			json_t *e;
			json_array_foreach(json_object_get(v, "errors"), i, e)
				if (!ours(cls, e)) json_array_append(errs, e);
			if (json_array_size(errs)) {
				n += (int)json_array_size(errs);
				json_object_set_new(keep, nid, json_pack("{s:s?, s:o}", "class_type", cls, "errors", errs));
			} else {
				json_decref(errs);
			}
		}
		if (!json_is_object(ne) && resp.status != 400) {
			char *m = ai_server_message(&resp);
			sb_printf(problems, "%snot validated: /prompt answered HTTP %ld: %s", problems->len ? "; " : "", resp.status, m);
			free(m);
			n = -1;
		} else if (n) {
			struct sbuf m = { 0 };
			sb_add(&m, "");
			comfy_node_errors_text(keep, wf, &m);
			sb_printf(problems, "%sComfyUI's validation (nothing run): %s", problems->len ? "; " : "", m.s);
			sb_free(&m);
		}
		json_decref(keep);
	}
	json_decref(j);
	http_resp_free(&resp);
	free(text);
	free(url);
	return n;
}

void doctor_node_packs(const json_t *wf, const json_t *info, struct sbuf *packs, struct sbuf *missing)
{
	char *p = data_path("comfyui/node_packs.json");
	json_t *known = json_load_file(p, 0, NULL);
	free(p);
	const char *id;
	json_t *node;
	json_object_foreach((json_t *)wf, id, node) {
		const char *cls = json_string_value(json_object_get(node, "class_type"));
		if (!cls) continue;
		const json_t *ni = json_object_get(info, cls);
		if (ni) {
			const char *mod = json_string_value(json_object_get(ni, "python_module"));
			if (mod && !strncmp(mod, "custom_nodes.", 13)) {
				char *tok = xasprintf(", %s, ", mod + 13), *have = xasprintf(", %s, ", packs->s ? packs->s : "");
				if (!strstr(have, tok)) sb_printf(packs, "%s%s", packs->len ? ", " : "", mod + 13);
				free(tok);
				free(have);
			}
			continue;
		}
		const char *pack = NULL, *url = NULL, *key;
		json_t *pk;
		json_object_foreach(json_object_get(known, "packs"), key, pk) {
			size_t i;
			json_t *cn;
			json_array_foreach(json_object_get(pk, "classes"), i, cn)
				if (str_eq(json_string_value(cn), cls)) { pack = key; url = json_string_value(json_object_get(pk, "url")); }
		}
		char *line = pack ? xasprintf("%s (install the pack %s, %s)", cls, pack, url ? url : "")
		                  : xasprintf("%s (a core node of a newer ComfyUI: update ComfyUI)", cls);
		if (!missing->s || !strstr(missing->s, line)) sb_printf(missing, "%s%s", missing->len ? "; " : "", line);
		free(line);
	}
	json_decref(known);
}
