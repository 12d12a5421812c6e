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
		int video = 0;
		const char *id;
		json_t *node;
		json_object_foreach((json_t *)wf, id, node)
			if (str_eq(json_string_value(json_object_get(node, "class_type")), "SaveWEBM")) video = 1;
		pthread_mutex_lock(&f->mu);
		int k = st->prompts++;
		if (video && k < 16) st->clip_of[k] = ++st->videos;
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
