/* net/doctor_ipa.c — what an IPAdapterUnifiedLoader preset will look for at run time.
 * The preset does not name its files: ComfyUI_IPAdapter_plus searches ComfyUI's
 * models/ipadapter and models/clip_vision folders with a regular expression per preset
 * (data/comfyui/ipadapter_presets.json holds the same patterns). Doctor lists those
 * folders (GET /models/FOLDER, or the loader nodes' choices in /object_info on older
 * servers) and reports each pattern nothing matches, with the file to download. */
#include "net/net_internal.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

/* The file names in one of ComfyUI's model folders, or NULL when the server does not say. */
static json_t *folder_files(const struct ai_config *c, const char *folder, const json_t *info,
                            const char *loader, const char *input)
{
	char *path = xasprintf("/models/%s", folder), *url = ai_url(c->comfyui.url, path, 0);
	json_t *j = NULL;
	long st = 0;
	int rc = ai_get_json(c, "ComfyUI", url, NULL, &j, &st);
	free(path);
	free(url);
	err_clear();
	if (rc == 0 && json_is_array(j)) return j;
	json_decref(j);
	const json_t *ch = json_array_get(json_object_get(json_object_get(json_object_get(json_object_get(info, loader), "input"),
	                                  "required"), input), 0);
	return json_is_array(ch) ? json_incref((json_t *)ch) : NULL;
}

static int any_match(const json_t *files, const char *pattern)
{
	regex_t re;
	if (regcomp(&re, pattern, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) return 1;   /* cannot judge: no complaint */
	int hit = 0;
	size_t i;
	json_t *f;
	json_array_foreach(files, i, f)
		if (json_is_string(f) && regexec(&re, json_string_value(f), 0, NULL, 0) == 0) hit = 1;
	regfree(&re);
	return hit;
}

/* SDXL or SD 1.5, as the loader's model will be: from the checkpoint's file name. */
static int checkpoint_is_sdxl(const json_t *wf)
{
	const char *id;
	json_t *node;
	json_object_foreach((json_t *)wf, id, node) {
		const char *ck = json_string_value(json_object_get(json_object_get(node, "inputs"), "ckpt_name"));
		if (!ck) continue;
		char *low = xstrdup(ck);
		for (char *p = low; *p; p++) if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
		int xl = strstr(low, "xl") != NULL || strstr(low, "pony") != NULL;
		free(low);
		return xl;
	}
	return 1;
}

size_t doctor_ipadapter_files(const struct ai_config *c, const json_t *wf, const json_t *info, struct sbuf *problems)
{
	char *dp = data_path("comfyui/ipadapter_presets.json");
	json_t *d = json_load_file(dp, 0, NULL);
	free(dp);
	if (!d) return 0;
	json_t *ipa = NULL, *cv = NULL;
	int fetched = 0, sdxl = checkpoint_is_sdxl(wf);
	size_t n = 0;
	const char *id;
	json_t *node;
	json_object_foreach((json_t *)wf, id, node) {
		if (!str_eq(json_string_value(json_object_get(node, "class_type")), "IPAdapterUnifiedLoader")) continue;
		const char *preset = json_string_value(json_object_get(json_object_get(node, "inputs"), "preset"));
		const json_t *p = json_object_get(json_object_get(d, "presets"), preset ? preset : "");
		if (!p) continue;                      /* a preset drama has no patterns for: not judged */
		if (!fetched) {
			ipa = folder_files(c, "ipadapter", info, "IPAdapterModelLoader", "ipadapter_file");
			cv = folder_files(c, "clip_vision", info, "CLIPVisionLoader", "clip_name");
			fetched = 1;
		}
		const json_t *want = json_object_get(p, sdxl ? "sdxl" : "sd15");
		const char *pat = json_string_value(json_object_get(want, "pattern"));
		if (ipa && pat && !any_match(ipa, pat)) {
			sb_printf(problems, "%snode %s: IP-Adapter preset \"%s\" (%s) finds no file matching /%s/ in ComfyUI/models/ipadapter; "
			          "download %s from %s into ComfyUI/models/ipadapter/", problems->len ? "; " : "", id, preset,
			          sdxl ? "SDXL" : "SD 1.5", pat, json_string_value(json_object_get(want, "file")),
			          json_string_value(json_object_get(d, "ipadapter_from")));
			n++;
		}
		const json_t *cvp = json_object_get(json_object_get(d, "clip_vision"), json_string_value(json_object_get(p, "clip_vision")) ?: "");
		const char *cpat = json_string_value(json_object_get(cvp, "pattern"));
		if (cv && cpat && !any_match(cv, cpat)) {
			sb_printf(problems, "%snode %s: IP-Adapter preset \"%s\" finds no CLIP vision file matching /%s/ in "
			          "ComfyUI/models/clip_vision; download %s and save it as ComfyUI/models/clip_vision/%s", problems->len ? "; " : "",
			          id, preset, cpat, json_string_value(json_object_get(cvp, "from")), json_string_value(json_object_get(cvp, "file")));
			n++;
		}
	}
	json_decref(ipa);
	json_decref(cv);
	json_decref(d);
	return n;
}
