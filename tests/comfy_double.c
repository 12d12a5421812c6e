/* tests/comfy_double.c — a stand-in ComfyUI on 127.0.0.1 (with httpd_double): it speaks
 * ComfyUI's HTTP protocol (/upload/image, /prompt, /history, /view, /queue, /interrupt,
 * /object_info, /system_stats), draws a green figure on white, answers SaveWEBM prompts
 * with the clips a test gives, and records every request. */
#define _GNU_SOURCE
#include "test.h"
#include "comfy_double.h"
#include "core/timeline.h"

#include <cairo.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>


static cairo_status_t png_sink(void *cls, const unsigned char *d, unsigned int n)
{
	sb_addn(cls, (const char *)d, n);
	return CAIRO_STATUS_SUCCESS;
}

char *figure_png(size_t *len, int variant)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 128);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0.6, 0);
	cairo_rectangle(cr, 22, 16, 20, 104);      /* the "character": x 22..41, y 16..119 */
	cairo_fill(cr);
	cairo_set_source_rgb(cr, (255 - variant % 20) / 255.0, 1, 1);   /* outputs differ: one near-white dot */
	cairo_rectangle(cr, 63, 127, 1, 1);
	cairo_fill(cr);
	cairo_destroy(cr);
	struct sbuf b = { 0 };
	cairo_surface_write_to_png_stream(s, png_sink, &b);
	cairo_surface_destroy(s);
	*len = b.len;
	return b.s;
}

/* ---- mode 4: a ComfyUI that validates (execution.py validate_prompt, in short) ---- */
static char *object_info_v(const struct comfy_state *st)
{
	const char *ipa = "\"python_module\": \"custom_nodes.ComfyUI_IPAdapter_plus\"";
	return xasprintf("{\"CheckpointLoaderSimple\": {\"input\": {\"required\": {\"ckpt_name\": [[\"sd_xl_base_1.0.safetensors\"], {}]}},"
	                 " \"python_module\": \"nodes\"},"
	                 " \"EmptyLatentImage\": {\"input\": {\"required\": {}}, \"python_module\": \"nodes\"},"
	                 " \"CLIPTextEncode\": {\"input\": {\"required\": {}}, \"python_module\": \"nodes\"},"
	                 " \"KSampler\": {\"input\": {\"required\": {\"sampler_name\": [%s]}}, \"python_module\": \"nodes\"},"
	                 " \"VAEDecode\": {\"python_module\": \"nodes\"}, \"VAEEncode\": {\"python_module\": \"nodes\"},"
	                 " \"ImageScale\": {\"python_module\": \"nodes\"},"
	                 " \"SaveImage\": {\"input\": {\"required\": {}}, \"output_node\": true, \"python_module\": \"nodes\"},"
	                 " \"LoadImage\": {\"input\": {\"required\": {\"image\": [[\"a.png\"]]}}, \"python_module\": \"nodes\"},"
	                 " \"IPAdapterUnifiedLoader\": {\"input\": {\"required\": {\"preset\": [[\"PLUS (high strength)\"]]}}, %s},"
	                 " \"IPAdapter\": {\"input\": {\"required\": {}}, %s}}",
	                 st->samplers ? st->samplers : "[\"euler\"]", ipa, ipa);
}

/* 1 when it answered: 400 with node_errors unless some output node is valid (then the
 * caller queues it, as ComfyUI does). Checks what the real one would: an output node's
 * required filename_prefix, a LoadImage file that is not in the input folder, and
 * combo values that are not in object_info's list. */
static int validate(struct comfy_state *st, const json_t *wf, struct fake_reply *r)
{
	char *oi = object_info_v(st);
	json_t *info = json_loads(oi, 0, NULL), *ne = json_object();
	free(oi);
	int good_output = 0;
	const char *id;
	json_t *node;
	json_object_foreach((json_t *)wf, id, node) {
		const char *cls = json_string_value(json_object_get(node, "class_type"));
		const json_t *ni = json_object_get(info, cls ? cls : ""), *in = json_object_get(node, "inputs");
		json_t *errs = json_array();
		int out = json_is_true(json_object_get(ni, "output_node"));
		if (out && !json_object_get(in, "filename_prefix"))
			json_array_append_new(errs, json_pack("{s:s, s:s, s:s, s:{s:s}}", "type", "required_input_missing", "message",
			                                      "Required input is missing", "details", "filename_prefix", "extra_info",
			                                      "input_name", "filename_prefix"));
		const char *k;
		json_t *v;
		json_object_foreach((json_t *)in, k, v) {
			const json_t *list = json_array_get(json_object_get(json_object_get(json_object_get(ni, "input"), "required"), k), 0);
			if (!json_is_string(v) || !json_is_array(list)) continue;
			int found = 0;
			size_t i;
			json_t *x;
			json_array_foreach(list, i, x) found |= str_eq(json_string_value(x), json_string_value(v));
			if (found) continue;
			char *ls = json_dumps(list, JSON_COMPACT), *d = xasprintf("%s: '%s' not in %s", k, json_string_value(v), ls);
			free(ls);
			json_array_append_new(errs, json_pack("{s:s, s:s, s:s, s:{s:s}}", "type", "value_not_in_list", "message",
			                                      "Value not in list", "details", d, "extra_info", "input_name", k));
			free(d);
		}
		if (json_array_size(errs)) json_object_set_new(ne, id, json_pack("{s:o, s:[], s:s?}", "errors", errs, "dependent_outputs", "class_type", cls));
		else json_decref(errs);
		if (out && !json_array_size(json_object_get(json_object_get(ne, id), "errors"))) good_output = 1;
	}
	int answered = 0;
	if (!good_output || json_object_size(ne)) {
		json_t *b = json_pack("{s:{s:s, s:s, s:s, s:{}}, s:O}", "error", "type", "prompt_outputs_failed_validation", "message",
		                      "Prompt outputs failed validation", "details", "", "extra_info", "node_errors", ne);
		if (!good_output) { r->status = 400; r->body = json_dumps(b, JSON_COMPACT); answered = 1; }
		json_decref(b);
	}
	json_decref(ne);
	json_decref(info);
	return answered;
}

void h_comfy(struct fake *f, int n, const char *m, const char *url, const json_t *req,
                    const char *raw, size_t rawn, struct fake_reply *r)
{
	struct comfy_state *st = f->ud;
	if (!strcmp(url, "/upload/image")) {
		const char *fn = raw ? strstr(raw, "filename=\"") : NULL;
		int png = raw && rawn > 8 && memmem(raw, rawn, "\x89PNG", 4) != NULL;
		const char *riff = raw && rawn > 44 ? memmem(raw, rawn, "RIFF", 4) : NULL;
		int wav = riff && (size_t)(riff - raw) + 12 < rawn && !memcmp(riff + 8, "WAVE", 4);
		char name[100] = "";
		if (fn) sscanf(fn + 10, "%99[^\"]", name);
		if ((!png && !wav) || !*name) { r->status = 400; r->body = xstrdup("{\"error\":\"no image\"}"); return; }
		pthread_mutex_lock(&f->mu);
		if (wav) {              /* the size the RIFF header gives, and the name */
			st->audio_uploads++;
			snprintf(st->audio_name, sizeof st->audio_name, "srv_%s", name);
			st->audio_len = (size_t)((const unsigned char *)riff)[4] | (size_t)((const unsigned char *)riff)[5] << 8 |
			                (size_t)((const unsigned char *)riff)[6] << 16 | (size_t)((const unsigned char *)riff)[7] << 24;
		}
		if (st->uploads < 8) snprintf(st->uploaded[st->uploads], sizeof st->uploaded[0], "srv_%s", name);
		st->uploads++;
		pthread_mutex_unlock(&f->mu);
		r->body = xasprintf("{\"name\": \"srv_%s\", \"subfolder\": \"\", \"type\": \"input\"}", name);
		return;
	}
	if (!strcmp(url, "/prompt") && st->mode == 4 && validate(st, json_object_get(json_object_get(req, "body"), "prompt"), r))
		return;
	if (!strcmp(url, "/prompt")) {
		const json_t *wf = json_object_get(json_object_get(req, "body"), "prompt");
		const char *ck = json_string_value(json_object_get(json_object_get(json_object_get(wf, "4"), "inputs"), "ckpt_name"));
		if (str_eq(ck, "missing.safetensors")) {
			r->status = 400;
			r->body = xstrdup("{\"error\": {\"type\": \"prompt_outputs_failed_validation\", \"message\": \"Prompt outputs failed validation\", \"details\": \"\", \"extra_info\": {}},"
			                  " \"node_errors\": {\"4\": {\"errors\": [{\"type\": \"value_not_in_list\", \"message\": \"Value not in list\","
			                  " \"details\": \"ckpt_name: 'missing.safetensors' not in ['sd_xl_base_1.0.safetensors']\", \"extra_info\": {}}],"
			                  " \"dependent_outputs\": [\"9\"], \"class_type\": \"CheckpointLoaderSimple\"}}}");
			return;
		}
		int video = 0, audio = 0;
		const char *id;
		json_t *node;
		json_object_foreach((json_t *)wf, id, node) {
			if (str_eq(json_string_value(json_object_get(node, "class_type")), "SaveWEBM")) video = 1;
			if (str_eq(json_string_value(json_object_get(node, "class_type")), "SaveAudio")) audio = 1;
		}
		pthread_mutex_lock(&f->mu);
		int k = st->prompts++;
		if (video && k < 16) st->clip_of[k] = ++st->videos;
		if (audio && k < 16) st->clip_of[k] = -1;
		pthread_mutex_unlock(&f->mu);
		r->body = xasprintf("{\"prompt_id\": \"pid-%d\", \"number\": %d, \"node_errors\": {}}", k, k);
		return;
	}
	if (!strncmp(url, "/history/", 9)) {
		const char *id = url + 9;
		int p = st->polls++;
		if (st->mode >= 2 || p % 2 == 0) { r->body = xstrdup("{}"); return; }    /* still running */
		if (st->mode == 1) {
			r->body = xasprintf("{\"%s\": {\"prompt\": [], \"outputs\": {}, \"status\": {\"status_str\": \"error\", \"completed\": false,"
			                    " \"messages\": [[\"execution_start\", {\"prompt_id\": \"%s\"}], [\"execution_error\", {\"prompt_id\": \"%s\","
			                    " \"node_id\": \"3\", \"node_type\": \"KSampler\", \"exception_message\": \"CUDA out of memory. Tried to allocate 2.00 GiB\","
			                    " \"exception_type\": \"torch.OutOfMemoryError\", \"traceback\": []}]]}}}", id, id, id);
			return;
		}
		int k = atoi(id + 4);
		if (k >= 0 && k < 16 && st->clip_of[k] < 0) { /* SaveAudio: {"audio": [...]} under output/audio/ */
			r->body = xasprintf("{\"%s\": {\"prompt\": [], \"outputs\": {\"3\": {\"audio\": [{\"filename\": \"drama_tts_%s_00001_.%s\","
			                    " \"subfolder\": \"audio\", \"type\": \"output\"}]}}, \"status\": {\"status_str\": \"success\","
			                    " \"completed\": true, \"messages\": []}}}", id, id, st->speech_ext ? st->speech_ext : "flac");
			return;
		}
		if (k >= 0 && k < 16 && st->clip_of[k]) {     /* SaveWEBM: {"images": [...], "animated": [true]} */
			r->body = xasprintf("{\"%s\": {\"prompt\": [], \"outputs\": {\"28\": {\"images\": [{\"filename\": \"drama_clip_%s_00001_.webm\","
			                    " \"subfolder\": \"\", \"type\": \"output\"}], \"animated\": [true]}}, \"status\": {\"status_str\": \"success\","
			                    " \"completed\": true, \"messages\": []}}}", id, id);
			return;
		}
		r->body = xasprintf("{\"%s\": {\"prompt\": [], \"outputs\": {\"9\": {\"images\": [{\"filename\": \"drama_%s_00001_.png\","
		                    " \"subfolder\": \"\", \"type\": \"output\"}]}}, \"status\": {\"status_str\": \"success\", \"completed\": true, \"messages\": []}}}",
		                    id, id);
		return;
	}
	if (!strncmp(url, "/view", 5)) {
		if (!json_object_get(req, "filename")) { r->status = 400; r->body = xstrdup("bad"); return; }
		r->ctype = "image/png";
		const char *fn = json_string_value(json_object_get(req, "filename"));
		if (str_has_suffix(fn, ".webm")) {
			int k = atoi(fn + strlen("drama_clip_pid-")), c = k >= 0 && k < 16 ? st->clip_of[k] : 0;
			if (c < 1 || c > 2 || !st->clips[c - 1].len) { r->status = 404; r->body = xstrdup("{}"); return; }
			r->ctype = "video/webm";
			r->body = xmalloc(st->clips[c - 1].len);
			memcpy(r->body, st->clips[c - 1].s, st->clips[c - 1].len);
			r->len = st->clips[c - 1].len;
			return;
		}
		if (!strncmp(fn, "drama_tts_", 10)) {
			if (!st->speech.len) { r->status = 404; r->body = xstrdup("{}"); return; }
			r->ctype = "audio/flac";
			r->body = xmalloc(st->speech.len);
			memcpy(r->body, st->speech.s, st->speech.len);
			r->len = st->speech.len;
			return;
		}
		unsigned v = 0;
		for (const char *q = fn; *q; q++) v = v * 31u + (unsigned char)*q;
		r->body = figure_png(&r->len, (int)(v % 1000));
		return;
	}
	if (!strcmp(url, "/interrupt")) { st->interrupts++; r->body = xstrdup("{}"); return; }
	if (!strcmp(url, "/queue") && !strcmp(m, "GET")) {
		/* server.py get_queue: items are [number, prompt_id, prompt, extra_data, outputs] */
		const char *run = st->mode == 3 ? "other-client-job" : "pid-0";
		r->body = xasprintf("{\"queue_running\": [[0, \"%s\", {}, {\"client_id\": \"x\"}, [\"9\"]]], \"queue_pending\": %s}", run,
		                    st->mode == 3 ? "[[1, \"pid-0\", {}, {}, [\"9\"]]]" : "[]");
		return;
	}
	if (!strcmp(url, "/queue")) { r->body = NULL; return; }     /* post_queue: 200, empty */
	if (!strcmp(url, "/system_stats")) { r->body = xstrdup("{\"system\": {\"os\": \"posix\", \"comfyui_version\": \"0.3.40\"}, \"devices\": []}"); return; }
	if (st->mode == 4 && !strcmp(url, "/object_info")) { r->body = object_info_v(st); return; }
	if (st->mode == 4 && !strcmp(url, "/models/ipadapter")) { r->body = xstrdup("[\"ip-adapter-plus_sdxl_vit-h.safetensors\"]"); return; }
	if (st->mode == 4 && !strcmp(url, "/models/clip_vision")) { r->body = xstrdup("[\"CLIP-ViT-H-14-laion2B-s32B-b79K.safetensors\"]"); return; }
	if (!strcmp(url, "/object_info")) {
		/* core nodes only: no IP-Adapter, no Wan; one checkpoint installed */
		r->body = xstrdup("{\"CheckpointLoaderSimple\": {\"input\": {\"required\": {\"ckpt_name\": [[\"sd_xl_base_1.0.safetensors\"], {}]}}},"
		                  " \"EmptyLatentImage\": {\"input\": {\"required\": {}}}, \"CLIPTextEncode\": {\"input\": {\"required\": {}}},"
		                  " \"KSampler\": {\"input\": {\"required\": {\"sampler_name\": [[\"euler\", \"dpmpp_2m\"]]}}},"
		                  " \"VAEDecode\": {}, \"SaveImage\": {}, \"LoadImage\": {\"input\": {\"required\": {\"image\": [[\"a.png\"]]}}},"
		                  " \"ImageScale\": {}, \"VAEEncode\": {}}");
		return;
	}
	r->status = 404;
	r->body = xstrdup("{\"error\": \"not found\"}");
}

struct project *small_project(const char *sub)
{
	struct project *p = NULL;
	char *dir = xasprintf("%s/%s", test_tmpdir(), sub);
	project_open(dir, 1, &p);
	free(dir);
	struct series *s = series_new();
	s->title = xstrdup("T");
	s->seed = 7;
	s->era = xstrdup("modern");
	struct character *c = series_add_character(s);
	c->name = xstrdup("Xia"); c->gender = xstrdup("female"); c->age = 24; c->role = xstrdup("shop owner");
	c->description = xstrdup("ponytail, green apron");
	struct location *l = series_add_location(s);
	l->name = xstrdup("Milk Tea Shop"); l->kind = xstrdup("milk_tea_shop"); l->description = xstrdup("pastel counter");
	struct episode *e = series_add_episode(s);
	e->number = 1;
	struct scene *sc = episode_add_scene(e);
	sc->location = xstrdup("Milk Tea Shop"); sc->time = xstrdup("night");
	struct shot *sh = scene_add_shot(sc);
	sh->type = xstrdup("close_up"); sh->action = xstrdup("Xia slams the cup down");
	struct actor *a = shot_add_actor(sh);
	a->name = xstrdup("Xia"); a->expression = xstrdup("angry");
	struct shot *ins = scene_add_shot(sc);
	ins->type = xstrdup("insert"); ins->action = xstrdup("a jade seal on the counter");
	p->s = s;
	return p;
}

void comfy_cfg(struct ai_config *c, const struct fake *f)
{
	ai_config_load(NULL, c);
	char *u = xasprintf("http://127.0.0.1:%d", f->port);
	ai_config_set(c, "comfyui.url", u);
	free(u);
	ai_config_set(c, "comfyui.poll", "0.02");
	ai_config_set(c, "llm.retry_base", "0.01");
}

const json_t *nth_prompt(const struct fake *f, int k)
{
	size_t i;
	json_t *r;
	int seen = 0;
	json_array_foreach(f->log, i, r)
		if (str_eq(json_string_value(json_object_get(r, "url")), "/prompt") && seen++ == k) return json_object_get(r, "body");
	return NULL;
}

int comfy_silent_mix(const struct project *p, const struct episode *ep, const struct timeline *tl, float **lr, size_t *n)
{
	*n = (size_t)(tl->frames * 48000 / tl->fps);
	*lr = xcalloc(*n * 2, sizeof(float));
	return 0;
}
