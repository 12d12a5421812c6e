/* tests/test_llm.c — the focus of this file is the OpenAI-compatible LLM backend: what
 * drama sends (schema at response_format.json_schema.schema, temperature, top_p, stream,
 * Authorization), how it reads SSE streams and plain answers, how it survives slow
 * servers, 500s, dropped connections, invalid and schema-violating JSON (repair requests
 * carry the validator's messages), wrong model names and missing keys; plus settings
 * precedence and the ledger. A protocol-faithful chat server runs on 127.0.0.1 inside
 * the tests (libmicrohttpd, ephemeral port). */
#include "test.h"
#include "httpd_double.h"
#include "chat_double.h"
#include "drama_run.h"
#include "net/net.h"
#include "story/story.h"
#include "core/model.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void setup_config(struct ai_config *c, const struct fake *f)
{
	ai_config_load(NULL, c);
	char *u = fake_url(f);
	ai_config_set(c, "llm.url", u);
	free(u);
	ai_config_set(c, "llm.model", "test-model");
	ai_config_set(c, "llm.retry_base", "0.01");
	ai_config_set(c, "llm.timeout", "5");
	ai_config_set(c, "llm.load_wait", "0.2");   /* a 503 "Loading model" is given up on quickly */
}

static json_t *one_message(void)
{
	return json_pack("[{s:s, s:s}]", "role", "user", "content", "Say hi as JSON.");
}

/* ---- 1: what is sent, SSE reading, usage in the ledger ---- */
static void h_stream(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                     struct fake_reply *r)
{
	if (strcmp(url, "/v1/chat/completions")) { r->status = 404; r->body = xstrdup("{\"error\":\"no route\"}"); return; }
	r->ctype = "text/event-stream";
	r->body = chat_sse_answer("Sure! ```json\n{\"greeting\": \"hi\", \"n\": 3}\n``` Enjoy.", 5);
}

TEST(llm_1_chat_sends_schema_sampling_and_streams)
{
	struct fake f;
	CHECK(fake_start(&f, h_stream, NULL) == 0);
	struct ai_config c;
	setup_config(&c, &f);
	ai_ledger_reset();
	json_t *msgs = one_message();
	json_t *schema = json_pack("{s:s, s:{s:{s:s}}, s:[s], s:i}", "type", "object", "properties", "greeting", "type", "string",
	                           "required", "greeting", "x-expect-chars", 100);
	char *out = NULL;
	int rc = llm_chat(&c, msgs, schema, "greet", 0, 0, &out);
	json_t *req = json_object_get(json_array_get(f.log, 0), "body");
	int ok = rc == 0 && out && strstr(out, "\"greeting\": \"hi\"") != NULL;
	const json_t *rf = json_object_get(req, "response_format");
	const json_t *js = json_object_get(rf, "json_schema");
	int req_ok = str_eq(json_string_value(json_object_get(rf, "type")), "json_schema") &&
	             json_is_object(json_object_get(json_object_get(js, "schema"), "properties")) &&
	             !json_object_get(json_object_get(js, "schema"), "x-expect-chars") &&
	             str_eq(json_string_value(json_object_get(js, "name")), "greet") &&
	             json_is_true(json_object_get(js, "strict")) &&
	             json_is_true(json_object_get(req, "stream")) &&
	             json_number_value(json_object_get(req, "temperature")) == 0.8 &&
	             json_number_value(json_object_get(req, "top_p")) == 0.95 &&
	             str_eq(json_string_value(json_object_get(req, "model")), "test-model") &&
	             json_array_size(json_object_get(req, "messages")) == 1;
	json_t *ex = out ? llm_extract_json(out) : NULL;
	int requests = 0;
	long tin = 0, tout = 0;
	ai_ledger_get("llm", &requests, &tin, &tout, NULL);
	free(out);
	json_decref(msgs);
	json_decref(schema);
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(ok, "chat failed: rc=%d %s", rc, err_msg());
	CHECK(req_ok);
	CHECK(ex && json_integer_value(json_object_get(ex, "n")) == 3);
	json_decref(ex);
	CHECK_INT(requests, 1);
	CHECK_INT(tin, 120);
	CHECK_INT(tout, 45);
}

/* ---- 2: 500, 500, then success: retried with back-off ---- */
static void h_500s(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                   struct fake_reply *r)
{
	if (n < 2) { r->status = 500; r->body = xstrdup("{\"error\":{\"message\":\"CUDA out of memory\",\"type\":\"server_error\"}}"); return; }
	r->body = chat_json_answer("{\"ok\": true}");
}

TEST(llm_2_retries_500_then_succeeds)
{
	struct fake f;
	CHECK(fake_start(&f, h_500s, NULL) == 0);
	struct ai_config c;
	setup_config(&c, &f);
	json_t *msgs = one_message();
	char *out = NULL;
	int rc = llm_chat(&c, msgs, NULL, NULL, 0, 0, &out);
	size_t n = json_array_size(f.log);
	ai_config_set(&c, "llm.retries", "1");
	f.count = 0;
	char *out2 = NULL;
	int rc2 = llm_chat(&c, msgs, NULL, NULL, 0, 0, &out2);
	char msg2[512];
	snprintf(msg2, sizeof msg2, "%s", err_msg());
	json_decref(msgs);
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(rc == 0, "rc=%d %s", rc, err_msg());
	CHECK_STR(out, "{\"ok\": true}");
	free(out);
	CHECK_INT(n, 3);
	/* with only one retry the two 500s exhaust it: ERR_NET quoting the server */
	CHECK_INT(rc2, ERR_NET);
	CHECK(out2 == NULL);
	CHECKF(strstr(msg2, "CUDA out of memory") && strstr(msg2, "HTTP 500"), "message: %s", msg2);
}

/* ---- 3: a slow server: time-out, no endless wait ---- */
static void h_slow(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                   struct fake_reply *r)
{
	r->delay = 1.5;
	r->body = chat_json_answer("{}");
}

TEST(llm_3_slow_server_times_out)
{
	struct fake f;
	CHECK(fake_start(&f, h_slow, NULL) == 0);
	struct ai_config c;
	setup_config(&c, &f);
	ai_config_set(&c, "llm.timeout", "0.4");
	ai_config_set(&c, "llm.retries", "2");      /* a slow server is not retried */
	json_t *msgs = one_message();
	char *out = NULL;
	double t0 = now_sec();
	int rc = llm_chat(&c, msgs, NULL, NULL, 0, 0, &out);
	double dt = now_sec() - t0;
	char msg[512];
	snprintf(msg, sizeof msg, "%s", err_msg());
	json_decref(msgs);
	ai_config_free(&c);
	fake_stop(&f);
	int n = f.count;
	CHECK_INT(rc, ERR_NET);
	CHECK_INT(n, 1);
	CHECKF(dt < 1.2, "took %.2f s", dt);
	CHECKF(strstr(msg, "time-out") && strstr(msg, "0.4 s"), "message: %s", msg);
}

/* ---- 4: a connection dropped mid-stream is retried; without retries it is ERR_NET ---- */
static void h_drop(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                   struct fake_reply *r)
{
	r->ctype = "text/event-stream";
	r->body = chat_sse_answer("{\"story\": \"a long answer that is cut in the middle\"}", 6);
	if (n == 0) r->drop_after = 150;
}

TEST(llm_4_dropped_connection)
{
	struct fake f;
	CHECK(fake_start(&f, h_drop, NULL) == 0);
	struct ai_config c;
	setup_config(&c, &f);
	json_t *msgs = one_message();
	char *out = NULL;
	int rc = llm_chat(&c, msgs, NULL, NULL, 0, 0, &out);
	int n = f.count;
	f.count = 0;
	ai_config_set(&c, "llm.retries", "0");
	char *out2 = NULL;
	int rc2 = llm_chat(&c, msgs, NULL, NULL, 0, 0, &out2);
	char msg[512];
	snprintf(msg, sizeof msg, "%s", err_msg());
	json_decref(msgs);
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(rc == 0, "rc=%d", rc);
	/* the retry's text is not glued to the dropped attempt's partial text */
	CHECK_STR(out, "{\"story\": \"a long answer that is cut in the middle\"}");
	free(out);
	CHECK_INT(n, 2);
	CHECK_INT(rc2, ERR_NET);
	CHECKF(strstr(msg, "connection") != NULL, "message: %s", msg);
}

/* ---- 5: wrong model name and missing key: clear refusals, not ERR_NET ---- */
static void h_auth_model(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                         struct fake_reply *r)
{
	const char *auth = json_string_value(json_object_get(req, "auth"));
	if (!str_eq(auth, "Bearer sekrit")) {
		r->status = 401;
		r->body = xstrdup("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
		return;
	}
	const char *model = json_string_value(json_object_get(json_object_get(req, "body"), "model"));
	if (!str_eq(model, "llama3")) {
		r->status = 404;
		r->body = xasprintf("{\"error\":{\"message\":\"model \\\"%s\\\" not found, try pulling it first\",\"type\":\"api_error\"}}", model ? model : "");
		return;
	}
	r->body = chat_json_answer("{\"x\":1}");
}

TEST(llm_5_missing_key_and_wrong_model)
{
	struct fake f;
	CHECK(fake_start(&f, h_auth_model, NULL) == 0);
	struct ai_config c;
	setup_config(&c, &f);
	ai_config_set(&c, "llm.model", "qwen-nope");
	json_t *msgs = one_message();
	char *out = NULL;
	int rc1 = llm_chat(&c, msgs, NULL, NULL, 0, 0, &out);
	char m1[512];
	snprintf(m1, sizeof m1, "%s", err_msg());
	ai_config_set(&c, "llm.api_key", "sekrit");
	int rc2 = llm_chat(&c, msgs, NULL, NULL, 0, 0, &out);
	char m2[512];
	snprintf(m2, sizeof m2, "%s", err_msg());
	ai_config_set(&c, "llm.model", "llama3");
	int rc3 = llm_chat(&c, msgs, NULL, NULL, 0, 0, &out);
	int nreq = f.count;
	json_decref(msgs);
	ai_config_free(&c);
	fake_stop(&f);
	CHECK(rc1 < 0 && rc1 != ERR_NET);
	CHECKF(strstr(m1, "Incorrect API key") && strstr(m1, "DRAMA_LLM_API_KEY"), "%s", m1);
	CHECK(rc2 < 0 && rc2 != ERR_NET);
	CHECKF(strstr(m2, "qwen-nope") && strstr(m2, "not found") && strstr(m2, "drama doctor"), "%s", m2);
	CHECKF(rc3 == 0, "rc3=%d", rc3);
	free(out);
	CHECK_INT(nreq, 3);    /* refusals are not retried */
}

/* ---- 6: nobody listening: ERR_NET so the caller falls back ---- */
TEST(llm_6_unreachable_is_err_net)
{
	struct fake f;
	CHECK(fake_start(&f, h_stream, NULL) == 0);
	struct ai_config c;
	setup_config(&c, &f);
	fake_stop(&f);                       /* the port is now closed */
	ai_config_set(&c, "llm.retries", "1");
	json_t *msgs = one_message();
	char *out = NULL;
	int rc = llm_chat(&c, msgs, NULL, NULL, 0, 0, &out);
	char msg[512];
	snprintf(msg, sizeof msg, "%s", err_msg());
	json_decref(msgs);
	ai_config_free(&c);
	CHECK_INT(rc, ERR_NET);
	CHECKF(strstr(msg, "cannot reach the LLM server") && strstr(msg, "drama doctor"), "%s", msg);
}

/* ---- 7: JSON extraction tolerates fences, prose and think blocks ---- */
TEST(llm_7_extract_json)
{
	static const struct { const char *in; int ok; const char *key; } cases[] = {
		{ "{\"a\": 1}", 1, "a" },
		{ "Here you go:\n```json\n{\"b\": \"}\"}\n```\nHope it helps {not json}", 1, "b" },
		{ "<think>maybe {\"wrong\": 1}</think>\n{\"c\": [1, {\"d\": 2}]}", 1, "c" },
		{ "no json here", 0, NULL },
		{ "{\"a\": 1, \"a\": 2}", 0, NULL },
		{ "{\"cut\": \"off", 0, NULL },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		json_t *j = llm_extract_json(cases[i].in);
		CHECKF((j != NULL) == cases[i].ok, "case %zu: %s", i, err_msg());
		if (j) CHECKF(json_object_get(j, cases[i].key) != NULL, "case %zu", i);
		json_decref(j);
	}
	json_t *j = llm_extract_json("{\"cut\": \"off");
	CHECK(j == NULL && strstr(err_msg(), "cut off"));
}

/* ---- 8: settings precedence: user config < drama.json < environment < set ---- */
TEST(llm_8_config_precedence)
{
	char *dir = xasprintf("%s/proj", test_tmpdir()), *xdg = xasprintf("%s/xdg", test_tmpdir());
	char *ud = xasprintf("%s/drama", xdg);
	mkdir_p(dir);
	mkdir_p(ud);
	char *uf = xasprintf("%s/config.json", ud), *pf = xasprintf("%s/drama.json", dir);
	const char *user = "{\"llm\": {\"url\": \"http://user:1\", \"model\": \"user-model\", \"temperature\": 0.3},"
	                   " \"tts\": {\"voice\": \"bf_emma\"}}";
	const char *proj = "{\"width\": 1080, \"llm\": {\"url\": \"http://proj:2\", \"top_p\": 0.5},"
	                   " \"comfyui\": {\"url\": \"http://comfy:8188\", \"workflows\": {\"shot\": \"wf/shot.json\"}, \"vars\": {\"steps\": 12}}}";
	file_write_atomic(uf, user, strlen(user));
	file_write_atomic(pf, proj, strlen(proj));
	char *old_xdg = getenv("XDG_CONFIG_HOME") ? xstrdup(getenv("XDG_CONFIG_HOME")) : NULL;
	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("DRAMA_LLM_API_KEY", "env-key", 1);
	struct ai_config c;
	int rc = ai_config_load(dir, &c);
	int ok1 = rc == 0 && str_eq(c.llm.url, "http://proj:2") && str_eq(c.llm.model, "user-model") &&
	          c.temperature == 0.3 && c.top_p == 0.5 && str_eq(c.llm.api_key, "env-key") &&
	          str_eq(c.tts_voice, "bf_emma") && str_eq(c.comfyui.url, "http://comfy:8188") &&
	          ai_comfyui_configured(&c) && !ai_images_configured(&c);
	char *wf = xasprintf("%s/wf/shot.json", dir);
	int ok_wf = str_eq(json_string_value(json_object_get(c.workflows, "shot")), wf) &&
	            json_integer_value(json_object_get(c.comfy_vars, "steps")) == 12;
	setenv("DRAMA_LLM_URL", "http://env:3", 1);
	ai_config_free(&c);
	rc = ai_config_load(dir, &c);
	int ok2 = rc == 0 && str_eq(c.llm.url, "http://env:3");
	int ok3 = ai_config_set(&c, "llm.url", "http://flag:4") == 0 && str_eq(c.llm.url, "http://flag:4") &&
	          ai_config_set(&c, "temperature", "0.1") == 0 && c.temperature == 0.1 &&
	          ai_config_set(&c, "nonsense", "1") < 0 && ai_config_set(&c, "llm.timeout", "abc") < 0;
	ai_config_free(&c);
	setenv("DRAMA_STRICT", "maybe", 1);
	int rc_bad = ai_config_load(dir, &c);
	char bad[300];
	snprintf(bad, sizeof bad, "%s", err_msg());
	ai_config_free(&c);
	unsetenv("DRAMA_STRICT");
	unsetenv("DRAMA_LLM_URL");
	unsetenv("DRAMA_LLM_API_KEY");
	if (old_xdg) setenv("XDG_CONFIG_HOME", old_xdg, 1); else unsetenv("XDG_CONFIG_HOME");
	free(old_xdg);
	free(wf);
	free(dir); free(xdg); free(ud); free(uf); free(pf);
	CHECK(ok1);
	CHECK(ok_wf);
	CHECK(ok2);
	CHECK(ok3);
	CHECK(rc_bad < 0);
	CHECKF(strstr(bad, "DRAMA_STRICT") && strstr(bad, "maybe"), "%s", bad);
}

/* ---- 9: the story stage: bible, then one request per scene, repairs with the validator's messages ---- */
static const char *SCENE_BAD =
	"{\"shots\":[{\"type\":\"wide\",\"camera\":\"shake\",\"transition\":\"cut\",\"sound\":\"stinger\",\"action\":\"The roof breaks.\",\"actors\":[{\"name\":\"Rui\",\"expression\":\"surprised\",\"pose\":\"idle\",\"action\":\"falls\"}],"
	"\"line\":{\"speaker\":\"Nobody\",\"text\":\"Where am I?\",\"emotion\":\"surprised\",\"parenthetical\":null}},"
	"{\"type\":\"close_up\",\"camera\":\"push_in\",\"transition\":\"cut\",\"sound\":null,\"action\":\"Xia stares.\",\"actors\":[{\"name\":\"Xia\",\"expression\":\"angry\",\"pose\":\"arms_crossed\",\"action\":\"glares\"}],"
	"\"line\":{\"speaker\":\"Xia\",\"text\":\"You owe me a roof.\",\"emotion\":\"angry\",\"parenthetical\":null}}]}";

struct story_fake { int bible_calls, scene_calls; };

static void h_story(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                    struct fake_reply *r)
{
	struct story_fake *sf = f->ud;
	const json_t *body = json_object_get(req, "body");
	const char *name = json_string_value(json_object_get(json_object_get(json_object_get(body, "response_format"), "json_schema"), "name"));
	r->ctype = "text/event-stream";
	if (str_eq(name, "series_bible")) {
		sf->bible_calls++;
		r->body = chat_sse_answer(CHAT_BIBLE, 7);
	} else {
		int k = sf->scene_calls++;
		/* scene 1: schema-violating first, then fixed; scene 2: invalid JSON first */
		const char *ans = k == 0 ? SCENE_BAD : k == 2 ? "```json\n{\"shots\": [ {\"type\": \"wide\", ]}\n```" : CHAT_SCENE_GOOD;
		r->body = chat_sse_answer(ans, 4);
	}
}

TEST(llm_9_story_stage_two_stages_with_repairs)
{
	struct fake f;
	struct story_fake sf = { 0 };
	CHECK(fake_start(&f, h_story, &sf) == 0);
	struct ai_config c;
	setup_config(&c, &f);
	struct project *p = NULL;
	char *dir = xasprintf("%s/show", test_tmpdir());
	int rc = project_open(dir, 1, &p);
	p->set.minutes = 1;
	p->set.episodes = 1;
	ai_ledger_reset();
	rc = llm_story_stage(p, "milk tea shop, prince, time travel", NULL, &c);
	char msg[1024];
	snprintf(msg, sizeof msg, "%s", err_msg());
	char *bp = xasprintf("%s/storyboard.json", dir);
	struct series *s = NULL;
	int lrc = rc == 0 ? series_load(bp, &s) : -1;
	/* request 3 (index 2) is the repair of scene 1: its last message quotes the validator */
	json_t *msgs = json_object_get(json_object_get(json_array_get(f.log, 2), "body"), "messages");
	const char *repair = json_string_value(json_object_get(json_array_get(msgs, json_array_size(msgs) - 1), "content"));
	const char *prev = json_string_value(json_object_get(json_array_get(msgs, json_array_size(msgs) - 2), "role"));
	json_t *msgs4 = json_object_get(json_object_get(json_array_get(f.log, 4), "body"), "messages");
	const char *notjson = json_string_value(json_object_get(json_array_get(msgs4, json_array_size(msgs4) - 1), "content"));
	/* the scene request carries the characters as an enum in the schema */
	const json_t *sch = json_object_get(json_object_get(json_object_get(json_object_get(json_array_get(f.log, 1), "body"),
	                                   "response_format"), "json_schema"), "schema");
	char *schema_text = json_dumps(sch, JSON_COMPACT);
	char *bible_schema = json_dumps(json_object_get(json_object_get(json_object_get(json_object_get(json_array_get(f.log, 0), "body"),
	                                "response_format"), "json_schema"), "schema"), JSON_COMPACT);
	int kinds_ok = bible_schema && strstr(bible_schema, "\"kind\":{\"type\":\"string\",\"enum\":[\"milk_tea_shop\"") &&
	               strstr(bible_schema, "\"palace_hall\"") && !strstr(bible_schema, "@");
	free(bible_schema);
	int enum_ok = schema_text && strstr(schema_text, "\"enum\":[\"Xia\",\"Rui\"]") && strstr(schema_text, "\"over_the_shoulder\"") &&
	              strstr(schema_text, "\"sound\":{\"type\":[\"string\",\"null\"],\"enum\":[\"stinger\",\"whoosh\"");   /* the mix's sounds only */
	int repair_ok = repair && strstr(repair, "shots[0].line.speaker: no character \"Nobody\"") && !strstr(repair, "episodes[0]") && str_eq(prev, "assistant");
	int notjson_ok = notjson && strstr(notjson, "could not be read") != NULL;
	int requests = 0;
	ai_ledger_get("llm", &requests, NULL, NULL, NULL);
	size_t shots = s && s->n_eps ? s->eps[0].scenes[0].n_shots + s->eps[0].scenes[1].n_shots : 0;
	char *fp = xasprintf("%s/script.fountain", dir), *ftext = NULL;
	size_t fn = 0;
	int fountain_ok = file_read_all(fp, &ftext, &fn) == 0 && strstr(ftext, "Where am I?") && strstr(ftext, "You owe me a roof.");
	free(fp);
	free(ftext);
	int speaker_ok = s && str_eq(s->eps[0].scenes[0].shots[0].line->speaker, "Rui");
	free(schema_text);
	series_free(s);
	project_free(p);
	free(bp);
	free(dir);
	ai_config_free(&c);
	int bible_calls = sf.bible_calls, scene_calls = sf.scene_calls;
	fake_stop(&f);
	CHECKF(rc == 0, "story stage failed: %s", msg);
	CHECKF(lrc == 0, "storyboard does not load: %s", err_msg());
	CHECK_INT(bible_calls, 1);
	CHECK_INT(scene_calls, 4);
	CHECK_INT(requests, 5);
	CHECK(enum_ok);
	CHECK(kinds_ok);
	CHECKF(repair_ok, "repair message: %s", repair ? repair : "(none)");
	CHECK(notjson_ok);
	CHECK_INT(shots, 6);
	CHECK(speaker_ok);
	CHECK(fountain_ok);
}

/* ---- 10: a model that never fixes its answer: bounded repairs, clear error ---- */
static void h_never(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                    struct fake_reply *r)
{
	r->body = chat_json_answer("{\"title\": \"x\"}");
}

TEST(llm_10_repairs_are_bounded)
{
	struct fake f;
	CHECK(fake_start(&f, h_never, NULL) == 0);
	struct ai_config c;
	setup_config(&c, &f);
	ai_config_set(&c, "repairs", "2");
	struct project *p = NULL;
	char *dir = xasprintf("%s/show", test_tmpdir());
	project_open(dir, 1, &p);
	int rc = llm_story_stage(p, "anything", NULL, &c);
	char msg[1024];
	snprintf(msg, sizeof msg, "%s", err_msg());
	char *bp = xasprintf("%s/storyboard.json", dir);
	int wrote = file_exists(bp);
	free(bp);
	project_free(p);
	free(dir);
	ai_config_free(&c);
	int n = f.count;
	fake_stop(&f);
	CHECK(rc < 0 && rc != ERR_NET);
	CHECK_INT(n, 3);
	CHECK(!wrote);
	CHECKF(strstr(msg, "after 2 repair requests") && strstr(msg, "episodes"), "%s", msg);
}

/* ---- 11: ledger file ---- */
TEST(llm_11_ledger_json)
{
	ai_ledger_reset();
	ai_ledger_add("llm", 2, 300, 120, 4.5);
	ai_ledger_add("comfyui", 1, 0, 0, 20.25);
	ai_ledger_stage_begin("script");
	ai_ledger_stage_end("script");
	char *path = xasprintf("%s/ep01.ledger.json", test_tmpdir());
	CHECK(ai_ledger_write(path, 1) == 0);
	json_t *j = json_load_file(path, 0, NULL);
	free(path);
	CHECK(j);
	int ok = json_integer_value(json_object_get(json_object_get(json_object_get(j, "backends"), "llm"), "tokens_in")) == 300 &&
	         json_real_value(json_object_get(json_object_get(json_object_get(j, "backends"), "comfyui"), "generation_seconds")) == 20.25 &&
	         json_integer_value(json_object_get(json_object_get(j, "totals"), "requests")) == 3 &&
	         json_is_real(json_object_get(json_object_get(j, "stage_wall_seconds"), "script")) &&
	         json_integer_value(json_object_get(j, "episode")) == 1;
	json_decref(j);
	struct sbuf s = { 0 };
	ai_ledger_summary(&s);
	int sum_ok = s.s && strstr(s.s, "llm: 2 requests, 300 tokens in, 120 out, 4.5 s");
	sb_free(&s);
	ai_ledger_reset();
	CHECK(ok);
	CHECK(sum_ok);
}

/* ---- 12: doctor: reachable, model present, tiny structured request ---- */
static void h_doctor(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                     struct fake_reply *r)
{
	if (!strcmp(url, "/v1/models")) {
		r->body = xstrdup("{\"object\":\"list\",\"data\":[{\"id\":\"llama3:latest\",\"object\":\"model\"},{\"id\":\"qwen2.5:7b\",\"object\":\"model\"}]}");
		return;
	}
	r->body = chat_json_answer("{\"ok\": true}");
}

static int doctor_with(const char *dir, const char *llm_json, struct sbuf *rep)
{
	char *pf = xasprintf("%s/drama.json", dir);
	mkdir_p(dir);
	file_write_atomic(pf, llm_json, strlen(llm_json));
	free(pf);
	return doctor_run(dir, rep);
}

TEST(llm_12_doctor)
{
	struct fake f;
	CHECK(fake_start(&f, h_doctor, NULL) == 0);
	char *xdg = xasprintf("%s/xdg", test_tmpdir()), *dir = xasprintf("%s/p", test_tmpdir());
	char *old_xdg = getenv("XDG_CONFIG_HOME") ? xstrdup(getenv("XDG_CONFIG_HOME")) : NULL;
	setenv("XDG_CONFIG_HOME", xdg, 1);
	struct sbuf r1 = { 0 }, r2 = { 0 }, r3 = { 0 }, r4 = { 0 };
	char *j1 = xasprintf("{\"llm\": {\"url\": \"http://127.0.0.1:%d\", \"model\": \"qwen-nope\"}}", f.port);
	char *j2 = xasprintf("{\"llm\": {\"url\": \"http://127.0.0.1:%d/v1\", \"model\": \"llama3\"}}", f.port);
	int rc1 = doctor_with(dir, j1, &r1);
	char m1[200];
	snprintf(m1, sizeof m1, "%s", err_msg());
	int rc2 = doctor_with(dir, j2, &r2);
	int port = f.port;
	fake_stop(&f);
	char *j3 = xasprintf("{\"llm\": {\"url\": \"http://127.0.0.1:%d\"}}", port);
	int rc3 = doctor_with(dir, j3, &r3);
	int rc4 = doctor_with(dir, "{\"width\": 1080}", &r4);
	if (old_xdg) setenv("XDG_CONFIG_HOME", old_xdg, 1); else unsetenv("XDG_CONFIG_HOME");
	free(old_xdg); free(xdg); free(dir); free(j1); free(j2); free(j3);
	fprintf(stderr, "%s%s%s", r1.s, r2.s, r3.s);
	int ok1 = rc1 < 0 && strstr(r1.s, "model          FAIL") && strstr(r1.s, "\"qwen-nope\" is not on the server; it has: llama3:latest, qwen2.5:7b") &&
	          strstr(m1, "1 check failed");
	int ok2 = rc2 == 0 && strstr(r2.s, "\"llama3\" is on the server") && strstr(r2.s, "tiny request   ok") && !strstr(r2.s, "FAIL");
	int ok3 = rc3 < 0 && strstr(r3.s, "reachable      FAIL") && strstr(r3.s, "DRAMA_LLM_URL");
	int ok4 = rc4 == 0 && strstr(r4.s, "No AI backends are configured");
	sb_free(&r1); sb_free(&r2); sb_free(&r3); sb_free(&r4);
	CHECK(ok1);
	CHECK(ok2);
	CHECK(ok3);
	CHECK(ok4);
}

/* ---- 13: Chinese prompts; an unreachable server gives ERR_NET and writes nothing ---- */
TEST(llm_13_story_zh_prompts_and_unreachable)
{
	struct fake f;
	struct story_fake sf = { 0 };
	CHECK(fake_start(&f, h_story, &sf) == 0);
	struct ai_config c;
	setup_config(&c, &f);
	struct project *p = NULL;
	char *dir = xasprintf("%s/show", test_tmpdir());
	project_open(dir, 1, &p);
	strcpy(p->set.lang, "zh");
	p->set.minutes = 1;
	int rc = llm_story_stage(p, "穿越, 奶茶店, 王子", NULL, &c);
	const json_t *msgs = json_object_get(json_object_get(json_array_get(f.log, 0), "body"), "messages");
	const char *sys = json_string_value(json_object_get(json_array_get(msgs, 0), "content"));
	const char *user = json_string_value(json_object_get(json_array_get(msgs, 1), "content"));
	int zh = sys && strstr(sys, "短剧") && user && strstr(user, "穿越, 奶茶店, 王子") && strstr(user, "简体中文");
	fake_stop(&f);
	/* now nobody listens */
	char *bp = xasprintf("%s/storyboard.json", dir);
	remove(bp);
	ai_config_set(&c, "llm.retries", "0");
	int rc2 = llm_story_stage(p, "anything", NULL, &c);
	int wrote = file_exists(bp);
	free(bp);
	project_free(p);
	free(dir);
	ai_config_free(&c);
	CHECKF(rc == 0, "rc=%d", rc);
	CHECK(zh);
	CHECK_INT(rc2, ERR_NET);
	CHECK(!wrote);
}

/* ---- 14: a server that refuses json_schema gets json_object with the schema in the prompt ---- */
static void h_no_schema(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                        struct fake_reply *r)
{
	const char *type = json_string_value(json_object_get(json_object_get(json_object_get(req, "body"), "response_format"), "type"));
	if (str_eq(type, "json_schema")) {
		r->status = 400;
		r->body = xstrdup("{\"error\":{\"message\":\"response_format.type must be one of: text, json_object\",\"type\":\"invalid_request_error\"}}");
		return;
	}
	r->body = chat_json_answer("{\"greeting\": \"hi\"}");
}

TEST(llm_14_json_object_fallback)
{
	struct fake f;
	CHECK(fake_start(&f, h_no_schema, NULL) == 0);
	struct ai_config c;
	setup_config(&c, &f);
	json_t *msgs = one_message();
	json_t *schema = json_pack("{s:s, s:{s:{s:s}}}", "type", "object", "properties", "greeting", "type", "string");
	char *out = NULL;
	int rc = llm_chat(&c, msgs, schema, "greet", 0, 0, &out);
	const json_t *b2 = json_object_get(json_array_get(f.log, 1), "body");
	const json_t *ms = json_object_get(b2, "messages");
	const char *last = json_string_value(json_object_get(json_array_get(ms, json_array_size(ms) - 1), "content"));
	const json_t *rf = json_object_get(b2, "response_format");
	int ok = str_eq(json_string_value(json_object_get(rf, "type")), "json_object") &&
	         last && strstr(last, "Say hi as JSON.") && strstr(last, "\"greeting\"");
	/* llama-server constrains json_object answers by response_format.schema */
	int schema_sent = json_is_object(json_object_get(json_object_get(json_object_get(rf, "schema"), "properties"), "greeting"));
	size_t n = json_array_size(f.log);
	/* the caller's messages are untouched */
	int untouched = !strcmp(json_string_value(json_object_get(json_array_get(msgs, 0), "content")), "Say hi as JSON.");
	json_decref(msgs);
	json_decref(schema);
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(rc == 0, "%s", err_msg());
	CHECK_STR(out, "{\"greeting\": \"hi\"}");
	free(out);
	CHECK_INT(n, 2);
	CHECK(ok);
	CHECK(schema_sent);
	CHECK(untouched);
}

/* ---- 15: 429 with Retry-After, an HTML page instead of JSON, an error event mid-stream ---- */
static void h_odd(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                  struct fake_reply *r)
{
	const char *content = json_string_value(json_object_get(json_array_get(json_object_get(json_object_get(req, "body"), "messages"), 0), "content"));
	if (str_eq(content, "busy") && n == 0) {
		r->status = 429;
		r->hk = "Retry-After";
		r->hv = "1";
		r->body = xstrdup("{\"error\":{\"message\":\"Rate limit reached\"}}");
		return;
	}
	if (str_eq(content, "html")) { r->ctype = "text/html"; r->body = xstrdup("<html><body>It works!</body></html>"); return; }
	if (str_eq(content, "midstream")) {
		r->ctype = "text/event-stream";
		r->body = xstrdup("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"{\\\"a\\\"\"}}]}\n\n"
		                  "data: {\"error\":{\"code\":500,\"message\":\"context size exceeded\",\"type\":\"server_error\"}}\n\n");
		return;
	}
	r->body = chat_json_answer("{\"ok\": 1}");
}

static int ask(struct ai_config *c, const char *what, char **out)
{
	json_t *msgs = json_pack("[{s:s, s:s}]", "role", "user", "content", what);
	int rc = llm_chat(c, msgs, NULL, NULL, 0, 0, out);
	json_decref(msgs);
	return rc;
}

TEST(llm_15_rate_limit_html_and_stream_error)
{
	struct fake f;
	CHECK(fake_start(&f, h_odd, NULL) == 0);
	struct ai_config c;
	setup_config(&c, &f);
	char *o1 = NULL, *o2 = NULL, *o3 = NULL;
	double t0 = now_sec();
	int rc1 = ask(&c, "busy", &o1);
	double waited = now_sec() - t0;
	int rc2 = ask(&c, "html", &o2);
	char m2[400];
	snprintf(m2, sizeof m2, "%s", err_msg());
	int rc3 = ask(&c, "midstream", &o3);
	char m3[400];
	snprintf(m3, sizeof m3, "%s", err_msg());
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(rc1 == 0, "%s", err_msg());
	free(o1);
	CHECKF(waited >= 0.9 && waited < 3, "waited %.2f s (Retry-After: 1)", waited);
	CHECK(rc2 < 0 && rc2 != ERR_NET && o2 == NULL);
	CHECKF(strstr(m2, "not JSON") && strstr(m2, "OpenAI-compatible"), "%s", m2);
	CHECK(rc3 < 0 && rc3 != ERR_NET && o3 == NULL);
	CHECKF(strstr(m3, "context size exceeded"), "%s", m3);
}

/* ---- 16: answers are kept in cache/llm: a run cut off by the server resumes without re-asking ---- */
struct resume_fake { int fail_scene2; int bible, scenes; long long seed; };

static void h_resume(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                     struct fake_reply *r)
{
	struct resume_fake *rf = f->ud;
	const json_t *body = json_object_get(req, "body");
	rf->seed = (long long)json_integer_value(json_object_get(body, "seed"));
	const char *name = json_string_value(json_object_get(json_object_get(json_object_get(body, "response_format"), "json_schema"), "name"));
	const json_t *msgs = json_object_get(body, "messages");
	const char *user = json_string_value(json_object_get(json_array_get(msgs, 1), "content"));
	if (str_eq(name, "series_bible")) { rf->bible++; r->body = chat_json_answer(CHAT_BIBLE); return; }
	if (rf->fail_scene2 && user && strstr(user, "scene 2 of 2")) {
		r->status = 503;
		r->body = xstrdup("{\"error\":{\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}");
		return;
	}
	rf->scenes++;
	r->body = chat_json_answer(CHAT_SCENE_GOOD);
}

TEST(llm_16_cache_resumes_after_failure)
{
	struct fake f;
	struct resume_fake rf = { .fail_scene2 = 1 };
	CHECK(fake_start(&f, h_resume, &rf) == 0);
	struct ai_config c;
	setup_config(&c, &f);
	ai_config_set(&c, "llm.retries", "0");
	struct project *p = NULL;
	char *dir = xasprintf("%s/show", test_tmpdir());
	project_open(dir, 1, &p);
	p->set.minutes = 1;
	p->set.seed = 42;
	int rc1 = llm_story_stage(p, "milk tea", NULL, &c);
	int b1 = rf.bible, s1 = rf.scenes;
	long long seed = rf.seed;
	rf.fail_scene2 = 0;
	int rc2 = llm_story_stage(p, "milk tea", NULL, &c);
	int b2 = rf.bible, s2 = rf.scenes;
	char *bp = xasprintf("%s/storyboard.json", dir);
	int wrote = file_exists(bp);
	free(bp);
	project_free(p);
	free(dir);
	ai_config_free(&c);
	fake_stop(&f);
	CHECK_INT(rc1, ERR_NET);
	CHECK_INT(b1, 1);
	CHECK_INT(s1, 1);
	CHECK_INT(seed, 42);
	CHECKF(rc2 == 0, "rc2=%d", rc2);
	CHECK_INT(b2, 1);         /* the bible came from cache/llm */
	CHECK_INT(s2, 2);         /* only scene 2 was asked again */
	CHECK(wrote);
}

/* ---- 16b: a damaged answer in cache/llm is asked again; one from an older drama (no
 * sidecar) is kept and sealed ---- */
static int llm_cache_files(const char *dir, char ***out)
{
	char *cmd = xasprintf("ls %s/cache/llm/*.txt", dir), *txt = NULL;
	int rc = shell_run(&txt, "%s", cmd);
	free(cmd);
	int n = 0;
	*out = NULL;
	for (char *save = NULL, *t = rc == 0 ? strtok_r(txt, "\n", &save) : NULL; t; t = strtok_r(NULL, "\n", &save)) {
		*out = realloc(*out, (size_t)(n + 1) * sizeof **out);
		(*out)[n++] = xstrdup(t);
	}
	free(txt);
	return n;
}

TEST(llm_16b_damaged_cache_answer_asked_again)
{
	struct fake f;
	struct resume_fake rf = { 0 };
	CHECK(fake_start(&f, h_resume, &rf) == 0);
	struct ai_config c;
	setup_config(&c, &f);
	struct project *p = NULL;
	char *dir = xasprintf("%s/show", test_tmpdir());
	project_open(dir, 1, &p);
	p->set.minutes = 1;
	p->set.seed = 42;
	int rc1 = llm_story_stage(p, "milk tea", NULL, &c);
	char **files = NULL;
	int n = llm_cache_files(dir, &files), sealed = 0;
	for (int i = 0; i < n; i++) {
		char *sp = xasprintf("%s.sum", files[i]);
		sealed += file_exists(sp);
		free(sp);
	}
	/* damage every answer but one, whose sidecar goes (an older drama's entry) */
	for (int i = 0; i < n; i++) {
		if (i == n - 1) {
			char *sp = xasprintf("%s.sum", files[i]);
			unlink(sp);
			free(sp);
		} else {
			CHECK(truncate(files[i], 10) == 0);
		}
	}
	int asked1 = rf.bible + rf.scenes;
	int rc2 = llm_story_stage(p, "milk tea", NULL, &c);
	int asked2 = rf.bible + rf.scenes - asked1;
	char *last_sum = n ? xasprintf("%s.sum", files[n - 1]) : xstrdup("/nonexistent");
	int adopted = file_exists(last_sum);
	free(last_sum);
	for (int i = 0; i < n; i++) free(files[i]);
	free(files);
	project_free(p);
	free(dir);
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(rc1 == 0 && rc2 == 0, "rc1=%d rc2=%d", rc1, rc2);
	CHECK_INT(n, 3);           /* bible + 2 scenes */
	CHECK_INT(sealed, 3);      /* each answer kept with its checksum */
	CHECK_INT(asked2, 2);      /* the two damaged answers were asked again, the older one was not */
	CHECK(adopted);            /* and it got its sidecar */
}

/* ---- 17: a --from file with invalid UTF-8 reaches the LLM repaired (U+FFFD), not dropped ---- */
TEST(llm_17_source_invalid_utf8_repaired)
{
	struct fake f;
	struct story_fake sf = { 0 };
	CHECK(fake_start(&f, h_story, &sf) == 0);
	struct ai_config c;
	setup_config(&c, &f);
	struct project *p = NULL;
	char *dir = xasprintf("%s/show", test_tmpdir()), *src = xasprintf("%s/pilot.txt", test_tmpdir());
	static const char text[] = "The prince \xC0\xAF falls into a milk tea shop.\nXia glares at him \xFF and laughs.\n";
	int wrc = file_write_atomic(src, text, sizeof text - 1);
	int rc = wrc == 0 ? project_open(dir, 1, &p) : -1;
	if (rc == 0) {
		p->set.minutes = 1;
		p->set.episodes = 1;
		ai_ledger_reset();
		rc = llm_story_stage(p, NULL, src, &c);
	}
	char msg[1024];
	snprintf(msg, sizeof msg, "%s", err_msg());
	/* the bible request (the first) carries the source text with the bad bytes replaced */
	char *sent = json_dumps(json_object_get(json_object_get(json_array_get(f.log, 0), "body"), "messages"), JSON_COMPACT);
	int has_text = sent && strstr(sent, "falls into a milk tea shop") && strstr(sent, "and laughs");
	int has_fffd = sent && strstr(sent, "\xEF\xBF\xBD") != NULL;
	free(sent);
	project_free(p);
	free(dir);
	free(src);
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(rc == 0, "story stage failed: %s", msg);
	CHECK(has_text);
	CHECK(has_fffd);
}
