/* tests/test_comfy.c — the focus of this file is the ComfyUI and images-API art backends:
 * the protocol drama speaks (POST /upload/image and the returned name used in the
 * workflow, POST /prompt with a client_id, polling /history, /view; on time-out our
 * prompt deleted from /queue and interrupted only when it is the running one), placeholders filled with typed values, user workflows with a placeholder
 * map, node_errors and execution_error turned into messages naming the node, the
 * cache by input hash, and drawing generated images (background keyed out). A ComfyUI
 * server and an images API run on 127.0.0.1 inside the tests (libmicrohttpd). */
#define _GNU_SOURCE
#include "test.h"
#include "httpd_double.h"
#include "comfy_double.h"
#include "net/net.h"
#include "art/art.h"
#include "clip_double.h"
#include "render/clip.h"
#include "render/render.h"

#include <cairo.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

TEST(comfy_1_design_uploads_references_and_caches)
{
	struct fake f;
	struct comfy_state st = { 0 };
	CHECK(fake_start(&f, h_comfy, &st) == 0);
	struct ai_config c;
	comfy_cfg(&c, &f);
	c.comfy_vars = json_pack("{s:i}", "steps", 7);     /* comfyui.vars override defaults.json */
	struct project *p = small_project("show");
	ai_art_bind(NULL, &c);
	struct stage_opts o = { 0 };
	int rc = art_comfyui.design(p, &o);
	char msg[600];
	snprintf(msg, sizeof msg, "%s", err_msg());
	/* prompts: character, location, shot 1 (IP-Adapter), shot 2 (no actor: text to image) */
	int prompts = st.prompts, uploads = st.uploads;
	const json_t *shot = nth_prompt(&f, 2);
	const json_t *wf = json_object_get(shot, "prompt");
	const char *cid = json_string_value(json_object_get(shot, "client_id"));
	const char *ref = json_string_value(json_object_get(json_object_get(json_object_get(wf, "10"), "inputs"), "image"));
	const char *bg = json_string_value(json_object_get(json_object_get(json_object_get(wf, "11"), "inputs"), "image"));
	int ipadapter = str_eq(json_string_value(json_object_get(json_object_get(wf, "13"), "class_type")), "IPAdapter");
	const json_t *ks = json_object_get(json_object_get(wf, "3"), "inputs");
	int typed = json_is_integer(json_object_get(ks, "seed")) && json_integer_value(json_object_get(ks, "steps")) == 7 &&
	            json_is_real(json_object_get(ks, "denoise"));
	const char *text = json_string_value(json_object_get(json_object_get(json_object_get(json_object_get(nth_prompt(&f, 0), "prompt"), "6"), "inputs"), "text"));
	int ref_ok = ref && bg && !strncmp(ref, "srv_drama_", 10) && !strncmp(bg, "srv_drama_", 10) && strcmp(ref, bg) &&
	             (!strcmp(ref, st.uploaded[0]) || !strcmp(ref, st.uploaded[1]));
	int cid_ok = cid && strlen(cid) >= 16;
	char text_c[400];
	snprintf(text_c, sizeof text_c, "%s", text ? text : "-");
	char *sheet = xasprintf("%s/characters/Xia.png", p->dir), *shots = xasprintf("%s/cache/ai/shots.json", p->dir);
	int sheet_ok = file_exists(sheet);
	json_t *sj = json_load_file(shots, 0, NULL);
	const char *img1 = json_string_value(json_object_get(json_object_get(sj, "1.1.1"), "image"));
	int shots_ok = img1 && !strncmp(img1, "cache/ai/", 9) && json_object_get(sj, "1.1.2");
	const char *look = json_string_value(json_object_get(p->s->chars[0].look, "ai_image"));
	int look_ok = look && str_has_suffix(look, ".png");
	char *li = NULL, *lv = NULL, *ni = NULL;
	int lk = art_shot_media(p->dir, 0, 0, 1, &li, &lv), lk2 = art_shot_media(p->dir, 0, 1, 0, &ni, NULL);
	int lookup_ok = lk == 1 && li && !strncmp(li, "cache/ai/", 9) && !lv && lk2 == 0 && !ni;
	free(li);
	/* a second run takes everything from cache/ai/ */
	int rc2 = art_comfyui.design(p, &o);
	int prompts2 = st.prompts;
	/* a damaged cached picture is found out and only it is made again */
	char *img1_abs = img1 ? path_join(p->dir, img1) : xstrdup("/nonexistent"), *img1_sum = xasprintf("%s.sum", img1_abs);
	int sealed = file_exists(img1_sum), cut = truncate(img1_abs, 40) == 0;
	int rc2b = art_comfyui.design(p, &o);
	int prompts2b = st.prompts;
	free(img1_abs);
	free(img1_sum);
	/* --again (force) regenerates */
	o.force = 1;
	int rc3 = art_comfyui.design(p, &o);
	int prompts3 = st.prompts;
	ai_art_bind(NULL, NULL);
	json_decref(sj);
	free(sheet); free(shots);
	project_free(p);
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(rc == 0, "design failed: %s", msg);
	CHECK_INT(prompts, 4);
	CHECK_INT(uploads, 2);
	CHECK(cid_ok);
	CHECKF(ref_ok, "uploaded=%s,%s", st.uploaded[0], st.uploaded[1]);
	CHECK(ipadapter);
	CHECK(typed);
	CHECKF(strstr(text_c, "ponytail, green apron") && strstr(text_c, "24 year old female shop owner"), "%s", text_c);
	CHECK(sheet_ok);
	CHECK(shots_ok);
	CHECK(look_ok);
	CHECK(lookup_ok);
	CHECK(rc2 == 0);
	CHECK_INT(prompts2, 4);
	CHECK(sealed && cut);
	CHECK(rc2b == 0);
	CHECK_INT(prompts2b, 5);
	CHECK(rc3 == 0);
	CHECK_INT(prompts3, 9);
}

TEST(comfy_2_node_errors_name_the_node)
{
	struct fake f;
	struct comfy_state st = { 0 };
	CHECK(fake_start(&f, h_comfy, &st) == 0);
	struct ai_config c;
	comfy_cfg(&c, &f);
	ai_config_set(&c, "comfyui.checkpoint", "missing.safetensors");
	struct project *p = small_project("show");
	ai_art_bind(NULL, &c);
	struct stage_opts o = { 0 };
	int rc = art_comfyui.design(p, &o);
	char msg[800];
	snprintf(msg, sizeof msg, "%s", err_msg());
	ai_art_bind(NULL, NULL);
	project_free(p);
	ai_config_free(&c);
	fake_stop(&f);
	CHECK(rc < 0 && rc != ERR_NET);
	CHECKF(strstr(msg, "character Xia") && strstr(msg, "node 4 (CheckpointLoaderSimple, \"Load checkpoint\")") &&
	       strstr(msg, "Value not in list: ckpt_name: 'missing.safetensors'"), "%s", msg);
}

TEST(comfy_3_execution_error_names_the_node)
{
	struct fake f;
	struct comfy_state st = { .mode = 1 };
	CHECK(fake_start(&f, h_comfy, &st) == 0);
	struct ai_config c;
	comfy_cfg(&c, &f);
	struct project *p = small_project("show");
	char *img = NULL, *vid = NULL;
	ai_art_bind(p->dir, &c);
	int rc = ai_shot_generate(p, &c, 0, 0, 0, 0, &img, &vid);
	char msg[800];
	snprintf(msg, sizeof msg, "%s", err_msg());
	ai_art_bind(NULL, NULL);
	project_free(p);
	ai_config_free(&c);
	fake_stop(&f);
	CHECK(rc < 0 && img == NULL);
	CHECKF(strstr(msg, "node 3 (KSampler)") && strstr(msg, "CUDA out of memory"), "%s", msg);
}

/* comfy-4: on time-out drama cancels its own prompt only: deleted from the queue, and
 * interrupted (by prompt_id) only when /queue shows it is the one running */
static int comfy_timeout_run(int mode, json_t **log, char *msg, size_t msgn, double *dt)
{
	struct fake f;
	struct comfy_state st = { .mode = mode };
	if (fake_start(&f, h_comfy, &st) < 0) return -100;
	struct ai_config c;
	comfy_cfg(&c, &f);
	ai_config_set(&c, "comfyui.timeout", "0.3");
	struct project *p = small_project("show");
	struct stage_opts o = { 0 };
	ai_art_bind(NULL, &c);
	double t0 = now_sec();
	int rc = art_comfyui.design(p, &o);
	*dt = now_sec() - t0;
	snprintf(msg, msgn, "%s", err_msg());
	ai_art_bind(NULL, NULL);
	project_free(p);
	ai_config_free(&c);
	*log = json_incref(f.log);
	fake_stop(&f);
	return rc;
}

static const json_t *find_req(const json_t *log, const char *method, const char *url)
{
	size_t i;
	json_t *q;
	json_array_foreach(log, i, q)
		if (str_eq(json_string_value(json_object_get(q, "method")), method) && str_eq(json_string_value(json_object_get(q, "url")), url))
			return q;
	return NULL;
}

TEST(comfy_4_timeout_cancels_only_our_prompt)
{
	char msg[600], msg3[600];
	double dt, dt3;
	json_t *log = NULL, *log3 = NULL;
	int rc = comfy_timeout_run(2, &log, msg, sizeof msg, &dt);
	int rc3 = comfy_timeout_run(3, &log3, msg3, sizeof msg3, &dt3);
	char *del = json_dumps(json_object_get(find_req(log, "POST", "/queue"), "body"), JSON_COMPACT);
	char *intr = json_dumps(json_object_get(find_req(log, "POST", "/interrupt"), "body"), JSON_COMPACT);
	char *del3 = json_dumps(json_object_get(find_req(log3, "POST", "/queue"), "body"), JSON_COMPACT);
	int asked3 = find_req(log3, "GET", "/queue") != NULL, intr3 = find_req(log3, "POST", "/interrupt") != NULL;
	json_decref(log);
	json_decref(log3);
	CHECK_INT(rc, ERR_NET);
	CHECKF(str_eq(del, "{\"delete\":[\"pid-0\"]}"), "%s", del ? del : "(no POST /queue)");
	CHECKF(str_eq(intr, "{\"prompt_id\":\"pid-0\"}"), "%s", intr ? intr : "(no interrupt)");
	CHECKF(dt < 2.0, "%.2f s", dt);
	CHECKF(strstr(msg, "time-out") && strstr(msg, "was running and was interrupted"), "%s", msg);
	/* another client's job is running: ours is deleted from the queue, nothing interrupted */
	CHECK_INT(rc3, ERR_NET);
	CHECKF(str_eq(del3, "{\"delete\":[\"pid-0\"]}"), "%s", del3 ? del3 : "(no POST /queue)");
	CHECK(asked3);
	CHECK(!intr3);
	CHECKF(strstr(msg3, "still queued and was taken out of the queue"), "%s", msg3);
	free(del); free(intr); free(del3);
}

TEST(comfy_5_draw_keys_out_the_background)
{
	struct fake f;
	struct comfy_state st = { 0 };
	CHECK(fake_start(&f, h_comfy, &st) == 0);
	struct ai_config c;
	comfy_cfg(&c, &f);
	struct project *p = small_project("show");
	struct stage_opts o = { 0 };
	ai_art_bind(NULL, &c);
	int rc = art_comfyui.design(p, &o);
	ai_art_bind(p->dir, &c);
	/* 200 x 400 canvas, red; the figure (104 px tall in a 128 px image) drawn 300 px tall */
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 200, 400);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 0, 0);
	cairo_paint(cr);
	struct art_char_state cs = ART_CHAR_STATE_INIT;
	int drc = art_comfyui.draw_character(cr, p->s, &p->s->chars[0], &cs, 100, 380, 300);
	int lrc = art_comfyui.draw_location(cr, &p->s->locs[0], "night", NULL, ART_LAYER_FRONT, 0, 200, 400);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	uint32_t *px = (uint32_t *)cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s) / 4;
	uint32_t centre = px[250 * stride + 100], side = px[250 * stride + 20], above = px[60 * stride + 100], top = px[90 * stride + 100];
	char *shot_png = xasprintf("%s/drawn.png", test_tmpdir());    /* kept when the case fails, to look at */
	cairo_surface_write_to_png(s, shot_png);
	free(shot_png);
	cairo_surface_destroy(s);
	ai_art_bind(NULL, NULL);
	project_free(p);
	ai_config_free(&c);
	fake_stop(&f);
	CHECK(rc == 0 && drc == 0 && lrc == 0);
	CHECKF((centre & 0xffffff) == 0x009900, "centre %08x", centre);     /* figure */
	CHECKF((side & 0xffffff) == 0xff0000, "side %08x", side);           /* white keyed out: red shows */
	CHECKF((above & 0xffffff) == 0xff0000, "above %08x", above);        /* head top at 380-300 = 80 */
	CHECKF((top & 0xffffff) == 0x009900, "top %08x", top);
}

TEST(comfy_6_user_workflow_with_map)
{
	struct fake f;
	struct comfy_state st = { 0 };
	CHECK(fake_start(&f, h_comfy, &st) == 0);
	char *wfp = xasprintf("%s/my_character.json", test_tmpdir());
	const char *wf = "{\"1\": {\"class_type\": \"MyLoader\", \"inputs\": {\"ckpt\": \"flux.safetensors\"}},"
	                 " \"2\": {\"class_type\": \"MyText\", \"inputs\": {\"text\": \"a cat\", \"clip\": [\"1\", 1]}},"
	                 " \"3\": {\"class_type\": \"MySampler\", \"inputs\": {\"seed\": 0, \"positive\": [\"2\", 0]}},"
	                 " \"9\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"3\", 0], \"filename_prefix\": \"x\"}}}";
	file_write_atomic(wfp, wf, strlen(wf));
	struct ai_config c;
	comfy_cfg(&c, &f);
	c.workflows = json_pack("{s:{s:s, s:{s:s, s:[s,s]}}}", "character", "file", wfp, "map", "prompt", "2.inputs.text",
	                        "seed", "3", "seed");
	struct project *p = small_project("show");
	ai_art_bind(NULL, &c);
	struct stage_opts o = { 0 };
	art_comfyui.design(p, &o);
	const json_t *sent = json_object_get(nth_prompt(&f, 0), "prompt");
	const char *text = json_string_value(json_object_get(json_object_get(json_object_get(sent, "2"), "inputs"), "text"));
	const json_t *seed = json_object_get(json_object_get(json_object_get(sent, "3"), "inputs"), "seed");
	int ok = text && strstr(text, "ponytail") && json_is_integer(seed) && json_integer_value(seed) != 0 &&
	         str_eq(json_string_value(json_object_get(json_object_get(sent, "1"), "class_type")), "MyLoader");
	/* a map entry pointing nowhere is a clear error */
	json_object_set_new(json_object_get(json_object_get(c.workflows, "character"), "map"), "negative", json_string("77.inputs.text"));
	o.force = 1;
	int rc = art_comfyui.design(p, &o);
	char msg[400];
	snprintf(msg, sizeof msg, "%s", err_msg());
	ai_art_bind(NULL, NULL);
	project_free(p);
	ai_config_free(&c);
	free(wfp);
	fake_stop(&f);
	CHECK(ok);
	CHECK(rc < 0);
	CHECKF(strstr(msg, "\"negative\"") && strstr(msg, "node \"77\""), "%s", msg);
}

/* ---- the images API (/v1/images/generations) ---- */
static void h_images(struct fake *f, int n, const char *m, const char *url, const json_t *req,
                     const char *raw, size_t rawn, struct fake_reply *r)
{
	if (strcmp(url, "/v1/images/generations")) { r->status = 404; r->body = xstrdup("{\"error\":{\"message\":\"no\"}}"); return; }
	size_t len;
	char *png = figure_png(&len, 0);
	static const char *b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct sbuf b = { 0 };
	sb_add(&b, "{\"created\": 1, \"data\": [{\"b64_json\": \"");
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned char)png[i] << 16 | (i + 1 < len ? (unsigned char)png[i + 1] << 8 : 0) | (i + 2 < len ? (unsigned char)png[i + 2] : 0);
		char q[5] = { b64[v >> 18 & 63], b64[v >> 12 & 63], i + 1 < len ? b64[v >> 6 & 63] : '=', i + 2 < len ? b64[v & 63] : '=', 0 };
		sb_add(&b, q);
	}
	sb_add(&b, "\"}]}");
	free(png);
	r->body = b.s;
}

TEST(images_api_1_design)
{
	struct fake f;
	CHECK(fake_start(&f, h_images, NULL) == 0);
	struct ai_config c;
	ai_config_load(NULL, &c);
	char *u = xasprintf("http://127.0.0.1:%d/v1", f.port);
	ai_config_set(&c, "images.url", u);
	ai_config_set(&c, "images.model", "sdxl-turbo");
	free(u);
	struct project *p = small_project("show");
	ai_art_bind(NULL, &c);
	struct stage_opts o = { 0 };
	int rc = art_images_api.design(p, &o);
	char msg[400];
	snprintf(msg, sizeof msg, "%s", err_msg());
	const json_t *b = json_object_get(json_array_get(f.log, 0), "body");
	int sent = str_eq(json_string_value(json_object_get(b, "model")), "sdxl-turbo") &&
	           str_eq(json_string_value(json_object_get(b, "response_format")), "b64_json") &&
	           str_eq(json_string_value(json_object_get(b, "size")), "1024x1536") &&
	           strstr(json_string_value(json_object_get(b, "prompt")), "green apron") != NULL;
	char *sheet = xasprintf("%s/characters/Xia.png", p->dir);
	cairo_surface_t *s = cairo_image_surface_create_from_png(sheet);
	int w = cairo_image_surface_get_width(s);
	cairo_surface_destroy(s);
	size_t n = json_array_size(f.log);
	ai_art_bind(NULL, NULL);
	free(sheet);
	project_free(p);
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(rc == 0, "%s", msg);
	CHECK(sent);
	CHECK_INT(w, 64);
	CHECK_INT(n, 4);      /* character, location, two shots */
}

TEST(comfy_7_doctor_names_missing_nodes_and_models)
{
	struct fake f;
	struct comfy_state st = { 0 };
	CHECK(fake_start(&f, h_comfy, &st) == 0);
	char *xdg = xasprintf("%s/xdg", test_tmpdir()), *dir = xasprintf("%s/p", test_tmpdir());
	char *old_xdg = getenv("XDG_CONFIG_HOME") ? xstrdup(getenv("XDG_CONFIG_HOME")) : NULL;
	setenv("XDG_CONFIG_HOME", xdg, 1);
	mkdir_p(dir);
	char *pf = xasprintf("%s/drama.json", dir);
	char *js = xasprintf("{\"comfyui\": {\"url\": \"http://127.0.0.1:%d\", \"checkpoint\": \"juggernaut.safetensors\"}}", f.port);
	file_write_atomic(pf, js, strlen(js));
	struct sbuf rep = { 0 };
	int rc = doctor_run(dir, &rep);
	char *js2 = xasprintf("{\"comfyui\": {\"url\": \"http://127.0.0.1:%d\"}}", f.port);
	file_write_atomic(pf, js2, strlen(js2));
	struct sbuf rep2 = { 0 };
	int rc2 = doctor_run(dir, &rep2);
	/* a video workflow saving an animated WebP (the renderer cannot read it) */
	char *wp = xasprintf("%s/anim.json", dir);
	const char *awf = "{\"8\": {\"class_type\": \"VAEDecode\", \"inputs\": {}},"
	                  " \"9\": {\"class_type\": \"SaveAnimatedWEBP\", \"inputs\": {\"images\": [\"8\", 0]}}}";
	file_write_atomic(wp, awf, strlen(awf));
	char *js3 = xasprintf("{\"comfyui\": {\"url\": \"http://127.0.0.1:%d\", \"video\": true, \"workflows\": {\"video\": \"%s\"}}}",
	                      f.port, wp);
	file_write_atomic(pf, js3, strlen(js3));
	struct sbuf rep3 = { 0 };
	int rc3 = doctor_run(dir, &rep3);
	int ok3 = rc3 < 0 && strstr(rep3.s, "video          FAIL   node 9 saves an animated WebP") && strstr(rep3.s, "SaveWEBM");
	if (old_xdg) setenv("XDG_CONFIG_HOME", old_xdg, 1); else unsetenv("XDG_CONFIG_HOME");
	fake_stop(&f);
	fprintf(stderr, "%s%s%s", rep.s, rep2.s, rep3.s);
	int ok = rc < 0 && strstr(rep.s, "0.3.40") &&
	         strstr(rep.s, "character      FAIL   model files not installed: node 4 ckpt_name \"juggernaut.safetensors\"") &&
	         strstr(rep.s, "ComfyUI lacks node classes: IPAdapterUnifiedLoader (install the pack ComfyUI_IPAdapter_plus, "
	                       "https://github.com/cubiq/ComfyUI_IPAdapter_plus); IPAdapter (install the pack");
	int ok2 = rc2 < 0 && strstr(rep2.s, "character      ok") && strstr(rep2.s, "location       ok") && strstr(rep2.s, "shot           FAIL") &&
	          strstr(rep2.s, "video          skip");
	sb_free(&rep); sb_free(&rep2); sb_free(&rep3);
	free(old_xdg); free(xdg); free(dir); free(pf); free(js); free(js2); free(js3); free(wp);
	CHECK(ok);
	CHECK(ok2);
	CHECK(ok3);
}

TEST(comfy_8_metrics_measured_from_the_image)
{
	char *dir = xasprintf("%s/p", test_tmpdir()), *cd = xasprintf("%s/p/cache/ai", test_tmpdir());
	mkdir_p(cd);
	char *png = xasprintf("%s/fig.png", cd);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 100, 200);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0.2, 0.2, 0.6);
	cairo_arc(cr, 50, 30, 12, 0, 2 * 3.14159265);    /* head: centre y 30, radius 12 */
	cairo_fill(cr);
	cairo_rectangle(cr, 30, 45, 40, 145);             /* body: shoulders at y 45, 40 wide, feet at 190 */
	cairo_fill(cr);
	cairo_destroy(cr);
	cairo_surface_write_to_png(s, png);
	cairo_surface_destroy(s);
	struct character c = { .name = "Fig" };
	c.look = json_pack("{s:s}", "ai_image", "cache/ai/fig.png");
	ai_art_bind(dir, NULL);
	struct art_metrics m;
	int rc = art_comfyui.metrics(&c, &m);
	ai_art_bind(NULL, NULL);
	json_decref(c.look);
	free(png); free(cd); free(dir);
	/* figure: y 18..189 (172 px) */
	CHECK(rc == 0);
	CHECKF(fabs(m.head_center - (1 - 12.0 / 172)) < 0.015, "head_center %.3f", m.head_center);
	CHECKF(fabs(m.head_radius - 12.0 / 172) < 0.01, "head_radius %.3f", m.head_radius);
	CHECKF(fabs(m.shoulders - (1 - 27.0 / 172)) < 0.015, "shoulders %.3f", m.shoulders);
	CHECKF(fabs(m.width - 40.0 / 172) < 0.015, "width %.3f", m.width);
	CHECK(m.mouth < m.eyes && m.eyes < m.head_center + m.head_radius);
}

TEST(comfy_9_chinese_descriptions_give_english_prompts)
{
	struct fake f;
	struct comfy_state st = { 0 };
	CHECK(fake_start(&f, h_comfy, &st) == 0);
	struct ai_config c;
	comfy_cfg(&c, &f);
	struct project *p = small_project("show");
	free(p->s->chars[0].description);
	p->s->chars[0].description = xstrdup("黑色长发，白衬衫（long black hair, white shirt）");
	free(p->s->chars[0].role);
	p->s->chars[0].role = xstrdup("奶茶店老板 (tea shop owner)");
	ai_art_bind(NULL, &c);
	struct stage_opts o = { 0 };
	int rc = art_comfyui.design(p, &o);
	const char *text = json_string_value(json_object_get(json_object_get(json_object_get(json_object_get(nth_prompt(&f, 0), "prompt"), "6"), "inputs"), "text"));
	char t[600];
	snprintf(t, sizeof t, "%s", text ? text : "");
	ai_art_bind(NULL, NULL);
	project_free(p);
	ai_config_free(&c);
	fake_stop(&f);
	CHECK(rc == 0);
	CHECKF(strstr(t, "long black hair, white shirt") && strstr(t, "tea shop owner") && !strstr(t, "黑色"), "%s", t);
}

/* ---- video clips: design (ComfyUI image-to-video, SaveWEBM) then render ---- */
static const uint32_t PAL[7] = { 0xff0000, 0x00ff00, 0x0000ff, 0xffff00, 0xff00ff, 0x00ffff, 0xffffff };
static uint32_t px_cycle(int i, int x, int y, void *ud) { return PAL[i % 7]; }
static uint32_t px_solid(int i, int x, int y, void *ud) { return *(uint32_t *)ud; }

static int webm(const char *name, int n, clip_px_fn px, void *ud, struct sbuf *out)
{
	char *path = xasprintf("%s/%s", test_tmpdir(), name);
	int rc = clip_double_write(path, 48, 84, 16, n, px, ud);
	if (rc == 0) rc = file_read_all(path, &out->s, &out->len);
	free(path);
	return rc;
}

/* frame n of the episode: is pixel (x, y) near colour c? */
static int episode_pixel(const char *dir, int64_t n, int x, int y, uint32_t c, uint32_t *got)
{
	char *mp4 = xasprintf("%s/ep01.mp4", dir);
	struct rclip *k = NULL;
	cairo_surface_t *img;
	int ch, ok = 0;
	*got = 0xdeadbeef;
	if (rclip_open(mp4, 108, 192, NULL, &k) == 0 && rclip_picture(k, (n + 0.5) / 10.0, &img, &ch) == 0) {
		cairo_surface_flush(img);
		*got = *(uint32_t *)(cairo_image_surface_get_data(img) + (size_t)y * cairo_image_surface_get_stride(img) + 4 * x) & 0xffffff;
		ok = 1;
		for (int s = 0; s < 24; s += 8) ok &= abs((int)(*got >> s & 255) - (int)(c >> s & 255)) < 48;
	}
	rclip_free(k);
	free(mp4);
	return ok;
}

TEST(comfy_10_video_clips_on_the_timeline)
{
	struct fake f;
	struct comfy_state st = { 0 };
	/* shot 1.1.1's clip: 4 frames (0.25 s) for a 1.2 s shot: its last frame is held;
	 * shot 1.1.2's: 40 frames (2.5 s): trimmed */
	CHECK(webm("short.webm", 4, px_cycle, NULL, &st.clips[0]) == 0);
	CHECK(webm("long.webm", 40, px_cycle, NULL, &st.clips[1]) == 0);
	CHECK(fake_start(&f, h_comfy, &st) == 0);
	struct ai_config c;
	comfy_cfg(&c, &f);
	ai_config_set(&c, "comfyui.video", "true");
	struct project *p = small_project("show");
	p->set.width = 108;
	p->set.height = 192;
	p->set.fps = 10;
	strcpy(p->set.preset, "ultrafast");
	for (size_t i = 0; i < 2; i++) p->s->eps[0].scenes[0].shots[i].duration = 1.2;
	ai_art_bind(NULL, &c);
	struct stage_opts o = { 0 };
	int rc = art_comfyui.design(p, &o);
	char msg[600];
	snprintf(msg, sizeof msg, "%s", err_msg());
	/* prompts: character, location, shot 1, its clip, shot 2, its clip */
	const json_t *vp = nth_prompt(&f, 3);
	const json_t *wf = json_object_get(vp, "prompt");
	const char *start = json_string_value(json_object_get(json_object_get(json_object_get(wf, "52"), "inputs"), "image"));
	json_int_t frames = json_integer_value(json_object_get(json_object_get(json_object_get(wf, "50"), "inputs"), "length"));
	int sent_ok = json_string_value(json_object_get(vp, "client_id")) && start && !strncmp(start, "srv_drama_", 10) &&
	              (!strcmp(start, st.uploaded[2]) || !strcmp(start, st.uploaded[3])) && frames == 17 &&
	              str_eq(json_string_value(json_object_get(json_object_get(wf, "28"), "class_type")), "SaveWEBM");
	char start_c[160];
	snprintf(start_c, sizeof start_c, "%s (uploaded %s, %s), %lld frames", start ? start : "-", st.uploaded[2],
	         st.uploaded[3], (long long)frames);
	char *img = NULL, *vid = NULL;
	int lk = art_shot_media(p->dir, 0, 0, 1, &img, &vid);
	char *vpath = vid ? path_join(p->dir, vid) : NULL;
	int lookup_ok = lk == 1 && vid && str_has_suffix(vid, ".webm");
	free(img);
	free(vid);
	ai_art_bind(p->dir, &c);
	struct render_hooks hk = { &art_comfyui, comfy_silent_mix };
	render_set_hooks(&hk);
	struct stage_opts ro = { .episode = 1 };
	int rrc = render_stage(p, &ro);
	char rmsg[600];
	snprintf(rmsg, sizeof rmsg, "%s", err_msg());
	struct timeline tl;
	CHECK(timeline_build(p->s, &p->s->eps[0], 10, &tl) == 0);
	int64_t s1 = tl.shots[0].start, s2 = tl.shots[1].start;
	timeline_free(&tl);
	uint32_t got[8];
	/* shot 1, after the crossfade out of the title: clip frame 3 (yellow), held */
	int held = episode_pixel(p->dir, s1 + 6, 54, 40, PAL[3], &got[0]) && episode_pixel(p->dir, s1 + 11, 54, 150, PAL[3], &got[1]);
	/* shot 2 (a cut): clip frame floor(j / 10 * 16) at shot frame j, stopping at 1.2 s */
	int timed = episode_pixel(p->dir, s2, 54, 40, PAL[0], &got[2]) && episode_pixel(p->dir, s2 + 3, 54, 40, PAL[4], &got[3]) &&
	            episode_pixel(p->dir, s2 + 6, 54, 40, PAL[9 % 7], &got[4]) && episode_pixel(p->dir, s2 + 11, 54, 40, PAL[17 % 7], &got[5]);
	/* a new clip for shot 2: that shot and the dip to black out of it are redrawn, nothing else */
	uint32_t white = 0xffffff;
	struct sbuf w = { 0 };
	CHECK(webm("white.webm", 3, px_solid, &white, &w) == 0);
	CHECK(vpath && file_write_atomic(vpath, w.s, w.len) == 0);
	sb_free(&w);
	int rrc2 = render_stage(p, &ro);
	struct render_stats rs;
	render_last_stats(&rs);
	int replaced = episode_pixel(p->dir, s2 + 6, 54, 40, white, &got[6]);
	/* a broken clip fails the render and names the file */
	CHECK(file_write_atomic(vpath, "no video", 8) == 0);
	int rrc3 = render_stage(p, &ro);
	char bmsg[600];
	snprintf(bmsg, sizeof bmsg, "%s", err_msg());
	render_set_hooks(NULL);
	ai_art_bind(NULL, NULL);
	char *vshow = xstrdup(vpath ? vpath : "-");
	free(vpath);
	project_free(p);
	ai_config_free(&c);
	fake_stop(&f);
	sb_free(&st.clips[0]);
	sb_free(&st.clips[1]);
	CHECKF(rc == 0, "design failed: %s", msg);
	CHECKF(sent_ok, "video prompt: %s", start_c);
	CHECK_INT(st.videos, 2);
	CHECK(lookup_ok);
	CHECKF(rrc == 0, "render failed: %s", rmsg);
	CHECKF(held, "shot 1: %06x %06x, expected the clip's last frame %06x", got[0], got[1], PAL[3]);
	CHECKF(timed, "shot 2: %06x %06x %06x %06x", got[2], got[3], got[4], got[5]);
	CHECK(rrc2 == 0);
	CHECK_INT(rs.segments_rendered, 2);
	CHECKF(replaced, "shot 2 after the new clip: %06x", got[6]);
	CHECK(rrc3 < 0);
	CHECKF(strstr(bmsg, vshow) && strstr(bmsg, "shot 1.1.2 in cache/ai/shots.json"), "%s", bmsg);
	free(vshow);
}

/* comfy-11: every actor of a group shot is kept by its own reference: for 3 (and 2)
 * actors the shot workflow chains one IP-Adapter per actor, each fed its own character
 * sheet and an attention mask over its strip of the frame, left to right */
static char *upload_name(const struct project *p, const struct character *ch)
{
	char *abs = path_join(p->dir, json_string_value(json_object_get(ch->look, "ai_image"))), *data = NULL;
	size_t n = 0;
	struct hash h;
	char hx[33];
	hash_init(&h);
	if (file_read_all(abs, &data, &n) == 0) hash_add(&h, data, n);
	hash_hex(&h, hx);
	free(data);
	free(abs);
	return xasprintf("srv_drama_%s.png", hx);
}

/* Walk the chain back from the sampler: the references (in actor order) and each
 * adapter's mask strip x. Returns the number of IP-Adapters chained. */
static int walk_chain(const json_t *wf, const char **imgs, long *xs, int max)
{
	const json_t *model = json_object_get(json_object_get(json_object_get(wf, "3"), "inputs"), "model");
	int n = 0;
	const char *ids[8];
	for (;;) {
		const char *id = json_string_value(json_array_get(model, 0));
		const json_t *node = json_object_get(wf, id ? id : "");
		if (!str_eq(json_string_value(json_object_get(node, "class_type")), "IPAdapter") || n >= 8) break;
		ids[n++] = id;
		model = json_object_get(json_object_get(node, "inputs"), "model");
	}
	for (int i = 0; i < n && i < max; i++) {          /* ids[] runs last to first */
		const json_t *in = json_object_get(json_object_get(wf, ids[n - 1 - i]), "inputs");
		const char *li = json_string_value(json_array_get(json_object_get(in, "image"), 0));
		imgs[i] = json_string_value(json_object_get(json_object_get(json_object_get(wf, li ? li : ""), "inputs"), "image"));
		const char *mi = json_string_value(json_array_get(json_object_get(in, "attn_mask"), 0));
		const json_t *mc = json_object_get(wf, mi ? mi : "");
		xs[i] = str_eq(json_string_value(json_object_get(mc, "class_type")), "MaskComposite") ?
		        (long)json_integer_value(json_object_get(json_object_get(mc, "inputs"), "x")) : -1;
	}
	return n;
}

TEST(comfy_11_group_shots_keep_every_actor)
{
	struct fake f;
	struct comfy_state st = { 0 };
	CHECK(fake_start(&f, h_comfy, &st) == 0);
	struct ai_config c;
	comfy_cfg(&c, &f);
	struct project *p = small_project("group");
	static const char *const more[2][2] = { { "Rui", "gold robe, long hair" }, { "Mei", "red qipao, short bob" } };
	for (int i = 0; i < 2; i++) {
		struct character *ch = series_add_character(p->s);
		ch->name = xstrdup(more[i][0]); ch->gender = xstrdup(i ? "female" : "male"); ch->age = 26;
		ch->role = xstrdup("guest"); ch->description = xstrdup(more[i][1]);
	}
	struct scene *sc = &p->s->eps[0].scenes[0];
	static const char *const names[3] = { "Xia", "Rui", "Mei" };
	struct shot *three = &sc->shots[0], *two = &sc->shots[1];
	for (int i = 1; i < 3; i++) shot_add_actor(three)->name = xstrdup(names[i]);
	shot_add_actor(two)->name = xstrdup("Mei");        /* Mei on the left, Xia on the right */
	shot_add_actor(two)->name = xstrdup("Xia");
	ai_art_bind(p->dir, &c);
	char *img = NULL, *img2 = NULL;
	int rc = ai_shot_generate(p, &c, 0, 0, 0, 0, &img, NULL);
	char msg[600];
	snprintf(msg, sizeof msg, "%s", err_msg());
	int prompts1 = st.prompts;
	int rc2 = ai_shot_generate(p, &c, 0, 0, 1, 0, &img2, NULL);
	int prompts2 = st.prompts;
	/* the shot prompts are the last of each run (after the sheets and the background) */
	json_t *wf3 = json_deep_copy(json_object_get(nth_prompt(&f, prompts1 - 1), "prompt"));
	json_t *wf2 = json_deep_copy(json_object_get(nth_prompt(&f, prompts2 - 1), "prompt"));
	char *want[3];
	for (int i = 0; i < 3; i++) want[i] = upload_name(p, series_find_character(p->s, names[i]));
	const char *imgs3[3] = { 0 }, *imgs2[2] = { 0 };
	long xs3[3] = { 0 }, xs2[2] = { 0 };
	int n3 = walk_chain(wf3, imgs3, xs3, 3), n2 = walk_chain(wf2, imgs2, xs2, 2);
	long w = json_integer_value(json_object_get(json_object_get(json_object_get(wf3, "14"), "inputs"), "width"));
	const char *text = json_string_value(json_object_get(json_object_get(json_object_get(wf3, "6"), "inputs"), "text"));
	int placed = text && strstr(text, "Xia (ponytail, green apron), angry on the left") && strstr(text, "Rui (gold robe, long hair) in the middle") &&
	             strstr(text, "Mei (red qipao, short bob) on the right");
	int ok3 = n3 == 3 && str_eq(imgs3[0], want[0]) && str_eq(imgs3[1], want[1]) && str_eq(imgs3[2], want[2]) &&
	          xs3[0] == 0 && xs3[1] == w / 3 && xs3[2] == 2 * (w / 3);
	int ok2 = n2 == 2 && str_eq(imgs2[0], want[2]) && str_eq(imgs2[1], want[0]) && xs2[0] == 0 && xs2[1] == w / 2;
	char got[600];
	snprintf(got, sizeof got, "n3=%d [%s %s %s] x=[%ld %ld %ld] w=%ld; n2=%d [%s %s]; want [%s %s %s]", n3, imgs3[0], imgs3[1], imgs3[2],
	         xs3[0], xs3[1], xs3[2], w, n2, imgs2[0], imgs2[1], want[0], want[1], want[2]);
	for (int i = 0; i < 3; i++) free(want[i]);
	json_decref(wf3);
	json_decref(wf2);
	free(img); free(img2);
	ai_art_bind(NULL, NULL);
	project_free(p);
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(rc == 0 && rc2 == 0, "%s", msg);
	CHECKF(ok3, "%s", got);
	CHECKF(ok2, "%s", got);
	CHECKF(placed, "%s", text ? text : "(no prompt)");
}

/* comfy-12: doctor finds the IP-Adapter PLUS preset's files the way the node pack does
 * (by name pattern in models/ipadapter and models/clip_vision) and names the missing one */
struct ipa_state { struct comfy_state st; const char *ipadapter, *clip_vision; };

static void h_ipa(struct fake *f, int n, const char *m, const char *url, const json_t *req,
                  const char *raw, size_t rawn, struct fake_reply *r)
{
	struct ipa_state *s = f->ud;
	if (!strcmp(url, "/object_info")) {
		r->body = xstrdup("{\"CheckpointLoaderSimple\": {\"input\": {\"required\": {\"ckpt_name\": [[\"sd_xl_base_1.0.safetensors\"], {}]}}},"
		                  " \"EmptyLatentImage\": {}, \"CLIPTextEncode\": {}, \"KSampler\": {}, \"VAEDecode\": {}, \"SaveImage\": {},"
		                  " \"LoadImage\": {}, \"ImageScale\": {}, \"VAEEncode\": {},"
		                  " \"IPAdapterUnifiedLoader\": {\"input\": {\"required\": {\"preset\": [[\"LIGHT - SD1.5 only (low strength)\","
		                  " \"STANDARD (medium strength)\", \"VIT-G (medium strength)\", \"PLUS (high strength)\"]]}}}, \"IPAdapter\": {}}");
		return;
	}
	/* server.py: GET /models/{folder} -> the folder's file names */
	if (!strcmp(url, "/models/ipadapter")) { r->body = xstrdup(s->ipadapter); return; }
	if (!strcmp(url, "/models/clip_vision")) { r->body = xstrdup(s->clip_vision); return; }
	f->ud = &s->st;
	h_comfy(f, n, m, url, req, raw, rawn, r);
	f->ud = s;
}

TEST(comfy_12_doctor_checks_ipadapter_preset_files)
{
	struct fake f;
	struct ipa_state s = { .ipadapter = "[\"ip-adapter_sd15.safetensors\", \"ip-adapter-plus_sd15.safetensors\"]",
	                       .clip_vision = "[\"CLIP-ViT-H-14-laion2B-s32B-b79K.safetensors\"]" };
	CHECK(fake_start(&f, h_ipa, &s) == 0);
	char *xdg = xasprintf("%s/xdg", test_tmpdir()), *dir = xasprintf("%s/p", test_tmpdir());
	char *old_xdg = getenv("XDG_CONFIG_HOME") ? xstrdup(getenv("XDG_CONFIG_HOME")) : NULL;
	setenv("XDG_CONFIG_HOME", xdg, 1);
	mkdir_p(dir);
	char *pf = xasprintf("%s/drama.json", dir);
	char *js = xasprintf("{\"comfyui\": {\"url\": \"http://127.0.0.1:%d\"}}", f.port);
	file_write_atomic(pf, js, strlen(js));
	struct sbuf rep = { 0 }, rep2 = { 0 }, rep3 = { 0 };
	int rc = doctor_run(dir, &rep);            /* SD 1.5 PLUS file only: the SDXL one is missing */
	s.ipadapter = "[\"ip-adapter-plus_sdxl_vit-h.safetensors\"]";
	s.clip_vision = "[\"clip_vision_g.safetensors\"]";
	int rc2 = doctor_run(dir, &rep2);          /* now the ViT-H CLIP vision file is missing */
	s.clip_vision = "[\"models/CLIP-ViT-H-14-laion2B-s32B-b79K.safetensors\"]";
	int rc3 = doctor_run(dir, &rep3);
	if (old_xdg) setenv("XDG_CONFIG_HOME", old_xdg, 1); else unsetenv("XDG_CONFIG_HOME");
	fake_stop(&f);
	fprintf(stderr, "%s%s%s", rep.s, rep2.s, rep3.s);
	int ok = rc < 0 && strstr(rep.s, "shot           FAIL") && strstr(rep.s, "preset \"PLUS (high strength)\" (SDXL)") &&
	         strstr(rep.s, "download ip-adapter-plus_sdxl_vit-h.safetensors") && strstr(rep.s, "ComfyUI/models/ipadapter/") &&
	         !strstr(rep.s, "CLIP vision file");
	int ok2 = rc2 < 0 && strstr(rep2.s, "no CLIP vision file matching") && strstr(rep2.s, "CLIP-ViT-H-14-laion2B-s32B-b79K.safetensors") &&
	          strstr(rep2.s, "ComfyUI/models/clip_vision/") && !strstr(rep2.s, "download ip-adapter");
	int ok3 = rc3 == 0 && strstr(rep3.s, "shot           ok");
	sb_free(&rep); sb_free(&rep2); sb_free(&rep3);
	free(old_xdg); free(xdg); free(dir); free(pf); free(js);
	CHECK(ok);
	CHECK(ok2);
	CHECK(ok3);
}

/* Doctor asks ComfyUI to validate each workflow without running it: every output node
 * goes without its filename_prefix, so nothing is queued, and the server's other
 * findings (a sampler it does not have) are shown, ours (the missing prefix, the
 * placeholder picture names) are not. The custom node packs a workflow uses are listed
 * from object_info's python_module. */
TEST(comfy_13_doctor_dry_prompt_and_node_packs)
{
	struct fake f;
	struct comfy_state st = { .mode = 4 };
	CHECK(fake_start(&f, h_comfy, &st) == 0);
	char *dir = xasprintf("%s/dry", test_tmpdir()), *xdg = xasprintf("%s/xdg", test_tmpdir());
	mkdir_p(dir);
	char *old_xdg = getenv("XDG_CONFIG_HOME") ? xstrdup(getenv("XDG_CONFIG_HOME")) : NULL;
	setenv("XDG_CONFIG_HOME", xdg, 1);
	char *pf = xasprintf("%s/drama.json", dir), *js = xasprintf("{\"comfyui\": {\"url\": \"http://127.0.0.1:%d\"}}", f.port);
	CHECK(file_write_atomic(pf, js, strlen(js)) == 0);
	struct sbuf rep = { 0 }, rep2 = { 0 };
	int rc = doctor_run(dir, &rep);
	int queued = st.prompts;
	const json_t *dry = nth_prompt(&f, 0);
	st.samplers = "[\"euler\", \"dpmpp_2m\"]";
	int rc2 = doctor_run(dir, &rep2);
	if (old_xdg) setenv("XDG_CONFIG_HOME", old_xdg, 1); else unsetenv("XDG_CONFIG_HOME");
	fprintf(stderr, "%s%s", rep.s, rep2.s);
	CHECK(rc < 0);
	CHECKF(strstr(rep.s, "character      FAIL   ComfyUI's validation (nothing run): node 3 (KSampler") &&
	       strstr(rep.s, "sampler_name: 'dpmpp_2m' not in [\"euler\"]"), "%s", rep.s);
	CHECKF(!strstr(rep.s, "filename_prefix") && !strstr(rep.s, "LoadImage"), "%s", rep.s);
	CHECK_INT(queued, 0);
	CHECKF(dry && str_eq(json_string_value(json_object_get(dry, "client_id")), "drama-doctor-dry-run"), "no dry /prompt");
	CHECKF(rc2 == 0, "%s", rep2.s);
	CHECKF(strstr(rep2.s, "character      ok") && strstr(rep2.s, "ComfyUI validated it without running it (dry /prompt); custom node packs: none"),
	       "%s", rep2.s);
	CHECKF(strstr(rep2.s, "shot           ok") && strstr(rep2.s, "custom node packs: ComfyUI_IPAdapter_plus"), "%s", rep2.s);
	CHECK_INT(st.prompts, 0);
	fake_stop(&f);
	sb_free(&rep); sb_free(&rep2);
	free(old_xdg); free(xdg); free(dir); free(pf); free(js);
}
