/* net/comfy_group.c — a shot workflow made to keep every actor of a group shot: the
 * IP-Adapter node fed by the "{{ref_image}}" LoadImage is repeated once per actor,
 * chained model to model, each with its own reference (LoadImage "{{ref_image_2}}", ...)
 * and an attention mask over the actor's strip of the frame, left to right in the shot's
 * actor order. Masks use ComfyUI core nodes (SolidMask, MaskComposite); the IP-Adapter
 * node's optional input is "attn_mask" (ComfyUI_IPAdapter_plus IPAdapterSimple /
 * IPAdapterAdvanced). */
#include "net/net_internal.h"

#include <stdlib.h>
#include <string.h>

static int is_link_to(const json_t *v, const char *id)
{
	return json_is_array(v) && json_array_size(v) == 2 && str_eq(json_string_value(json_array_get(v, 0)), id) &&
	       json_integer_value(json_array_get(v, 1)) == 0;
}

static json_t *link(const char *id) { return json_pack("[s, i]", id, 0); }

int comfy_chain_refs(json_t *wf, size_t n, int width, int height)
{
	const char *id, *load = NULL, *ipa = NULL;
	json_t *node;
	long top = 0;
	json_object_foreach(wf, id, node) {
		long k = strtol(id, NULL, 10);
		if (k > top) top = k;
		const json_t *in = json_object_get(node, "inputs");
		if (str_eq(json_string_value(json_object_get(node, "class_type")), "LoadImage") &&
		    str_eq(json_string_value(json_object_get(in, "image")), "{{ref_image}}"))
			load = id;
	}
	if (!load) return 1;
	json_object_foreach(wf, id, node) {
		const char *ct = json_string_value(json_object_get(node, "class_type"));
		if (ct && !strncmp(ct, "IPAdapter", 9) && is_link_to(json_object_get(json_object_get(node, "inputs"), "image"), load))
			ipa = id;
	}
	if (!ipa || n < 2) return 1;
	char ipa_id[32], load_id[32];
	snprintf(ipa_id, sizeof ipa_id, "%s", ipa);
	snprintf(load_id, sizeof load_id, "%s", load);
	/* ids: base mask, then per actor i: strip, composite, and for i >= 1 LoadImage, IPAdapter */
	char base[32], last[32];
	snprintf(base, sizeof base, "%ld", top + 1);
	snprintf(last, sizeof last, "%ld", top + 4 * (long)n - 1);   /* the last actor's IP-Adapter */
	/* whatever took the first IP-Adapter's model now takes the last one's */
	json_object_foreach(wf, id, node) {
		const char *k;
		json_t *v;
		json_object_foreach(json_object_get(node, "inputs"), k, v)
			if (is_link_to(v, ipa_id)) json_object_set_new(json_object_get(node, "inputs"), k, link(last));
	}
	json_object_set_new(wf, base, json_pack("{s:s, s:{s:s}, s:{s:f, s:i, s:i}}", "class_type", "SolidMask", "_meta", "title",
	                                        "Group shot: empty mask", "inputs", "value", 0.0, "width", width, "height", height));
	const json_t *ipa_node = json_object_get(wf, ipa_id), *load_node = json_object_get(wf, load_id);
	json_t *ipa_copy = json_deep_copy(ipa_node), *load_copy = json_deep_copy(load_node);
	char prev[32];
	snprintf(prev, sizeof prev, "%s", ipa_id);
	long next = top + 2;
	int strip = width / (int)n;
	for (size_t i = 0; i < n; i++) {
		char sid[32], cid[32], lid[32], aid[32], title[64];
		snprintf(sid, sizeof sid, "%ld", next++);
		snprintf(cid, sizeof cid, "%ld", next++);
		int x = strip * (int)i, w = i + 1 == n ? width - x : strip;
		snprintf(title, sizeof title, "Actor %zu: screen strip", i + 1);
		json_object_set_new(wf, sid, json_pack("{s:s, s:{s:s}, s:{s:f, s:i, s:i}}", "class_type", "SolidMask", "_meta", "title",
		                                       title, "inputs", "value", 1.0, "width", w, "height", height));
		snprintf(title, sizeof title, "Actor %zu: attention mask", i + 1);
		json_object_set_new(wf, cid, json_pack("{s:s, s:{s:s}, s:{s:o, s:o, s:i, s:i, s:s}}", "class_type", "MaskComposite",
		                                       "_meta", "title", title, "inputs", "destination", link(base), "source", link(sid),
		                                       "x", x, "y", 0, "operation", "add"));
		if (i == 0) {
			json_object_set_new(json_object_get(json_object_get(wf, ipa_id), "inputs"), "attn_mask", link(cid));
			continue;
		}
		snprintf(lid, sizeof lid, "%ld", next++);
		snprintf(aid, sizeof aid, "%ld", next++);      /* for the last actor: `last` */
		json_t *ln = json_deep_copy(load_copy);
		char ph[32];
		snprintf(ph, sizeof ph, "{{ref_image_%zu}}", i + 1);
		json_object_set_new(json_object_get(ln, "inputs"), "image", json_string(ph));
		snprintf(title, sizeof title, "Actor %zu reference", i + 1);
		json_object_set_new(ln, "_meta", json_pack("{s:s}", "title", title));
		json_object_set_new(wf, lid, ln);
		json_t *an = json_deep_copy(ipa_copy);
		json_t *in = json_object_get(an, "inputs");
		json_object_set_new(in, "model", link(prev));
		json_object_set_new(in, "image", link(lid));
		json_object_set_new(in, "attn_mask", link(cid));
		snprintf(title, sizeof title, "Keep actor %zu (IP-Adapter)", i + 1);
		json_object_set_new(an, "_meta", json_pack("{s:s}", "title", title));
		json_object_set_new(wf, aid, an);
		snprintf(prev, sizeof prev, "%s", aid);
	}
	json_decref(ipa_copy);
	json_decref(load_copy);
	return 0;
}
