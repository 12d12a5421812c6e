/* tests/test_llm_wait.c — the focus of this file is how drama waits for a slow or busy
 * LLM server: time-outs are idle time-outs (a stream that keeps trickling is never cut
 * off, whatever its length), a 503 "Loading model" answer (what llama-server sends while
 * it loads) is waited on without using up the retries, and a fallback to the embedded
 * engine does not stick: the next `drama make` asks the server again. Time-outs are
 * scaled down (fractions of a second) so no test sleeps long. */
#include "test.h"
#include "httpd_double.h"
#include "chat_double.h"
#include "drama_run.h"
#include "net/net.h"
#include "story/story.h"

#include <stdlib.h>
#include <string.h>

static void setup(struct ai_config *c, const struct fake *f, const char *timeout)
{
	ai_config_load(NULL, c);
	char *u = fake_url(f);
	ai_config_set(c, "llm.url", u);
	free(u);
	ai_config_set(c, "llm.model", "test-model");
	ai_config_set(c, "llm.retry_base", "0.01");
	ai_config_set(c, "llm.timeout", timeout);
}

static json_t *one_message(void)
{
	return json_pack("[{s:s, s:s}]", "role", "user", "content", "Say hi as JSON.");
}

/* ---- 1: a stream that trickles for 5x the time-out, never idle for it, is read whole ---- */
static void h_trickle(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                      struct fake_reply *r)
{
	r->ctype = "text/event-stream";
	r->body = chat_sse_answer("{\"story\": \"a slow model writes one token at a time, for a long while\"}", 12);
	r->trickle = 0.08;          /* a piece every 0.08 s ... */
	r->chunk = 40;              /* ... of 40 bytes: about 1.5 s in all */
}

/* the same stream, but the server goes quiet for longer than the time-out part-way */
static void h_stall(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                    struct fake_reply *r)
{
	r->ctype = "text/event-stream";
	r->body = chat_sse_answer("{\"story\": \"stalls\"}", 2);
	r->trickle = 1.2;
	r->chunk = 100;
}

TEST(llm_wait_1_idle_timeout_not_total)
{
	struct fake f;
	CHECK(fake_start(&f, h_trickle, NULL) == 0);
	struct ai_config c;
	setup(&c, &f, "0.3");
	ai_config_set(&c, "llm.retries", "0");
	json_t *msgs = one_message();
	char *out = NULL;
	double t0 = now_sec();
	int rc = llm_chat(&c, msgs, NULL, NULL, 0, 0, &out);
	double dt = now_sec() - t0;
	char msg[512];
	snprintf(msg, sizeof msg, "%s", err_msg());
	fake_stop(&f);
	CHECK(fake_start(&f, h_stall, NULL) == 0);
	char *u = fake_url(&f);
	ai_config_set(&c, "llm.url", u);
	free(u);
	char *out2 = NULL;
	int rc2 = llm_chat(&c, msgs, NULL, NULL, 0, 0, &out2);
	char msg2[512];
	snprintf(msg2, sizeof msg2, "%s", err_msg());
	fake_stop(&f);
	json_decref(msgs);
	ai_config_free(&c);
	CHECKF(rc == 0, "rc=%d %s", rc, msg);
	CHECKF(dt > 0.9, "the stream took only %.2f s: it did not outlast the time-out", dt);
	CHECK_STR(out, "{\"story\": \"a slow model writes one token at a time, for a long while\"}");
	free(out);
	CHECK_INT(rc2, ERR_NET);
	CHECK(out2 == NULL);
	CHECKF(strstr(msg2, "sent nothing for 0.3 s") != NULL, "%s", msg2);
}

/* ---- 2: 503 "Loading model" twice, then the answer; a server that never loads gives up ---- */
static void h_loading(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                      struct fake_reply *r)
{
	int *ready_at = f->ud;
	if (n < *ready_at) {
		/* llama.cpp tools/server: format_error_response("Loading model", ERROR_TYPE_UNAVAILABLE) */
		r->status = 503;
		r->body = xstrdup("{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}");
		return;
	}
	r->body = chat_json_answer("{\"ok\": true}");
}

TEST(llm_wait_2_loading_model_is_waited_on)
{
	int ready_at = 3;
	struct fake f;
	CHECK(fake_start(&f, h_loading, &ready_at) == 0);
	struct ai_config c;
	setup(&c, &f, "5");
	ai_config_set(&c, "llm.retries", "0");      /* loading waits are not retries */
	json_t *msgs = one_message();
	char *out = NULL;
	int rc = llm_chat(&c, msgs, NULL, NULL, 0, 0, &out);
	char msg[512];
	snprintf(msg, sizeof msg, "%s", err_msg());
	int n1 = f.count;
	/* now it never finishes loading within load_wait */
	ready_at = 1000000;
	ai_config_set(&c, "llm.load_wait", "0.3");
	char *out2 = NULL;
	int rc2 = llm_chat(&c, msgs, NULL, NULL, 0, 0, &out2);
	char msg2[512];
	snprintf(msg2, sizeof msg2, "%s", err_msg());
	/* a 503 that is not about loading is an ordinary server error (retries, then ERR_NET) */
	json_decref(msgs);
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(rc == 0, "rc=%d %s", rc, msg);
	CHECK_STR(out, "{\"ok\": true}");
	free(out);
	CHECK_INT(n1, 4);
	CHECK_INT(rc2, ERR_NET);
	CHECKF(strstr(msg2, "still loading its model after 0 s") || strstr(msg2, "still loading its model"), "%s", msg2);
	CHECK(strstr(msg2, "load_wait") != NULL);
}

/* ---- 3: no sticky fallback: `make` with the LLM down falls back to the embedded
 * engine and records it; the next `make` (same input) asks the LLM again and takes its
 * story; an edited fallback story is kept ---- */
struct story_srv { int down; int asked; };

static void h_story(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                    struct fake_reply *r)
{
	struct story_srv *s = f->ud;
	if (s->down) {
		r->status = 500;
		r->body = xstrdup("{\"error\":{\"message\":\"CUDA out of memory\",\"type\":\"server_error\"}}");
		return;
	}
	s->asked++;
	const json_t *body = json_object_get(req, "body");
	const char *name = json_string_value(json_object_get(json_object_get(json_object_get(body, "response_format"), "json_schema"), "name"));
	r->body = chat_json_answer(str_eq(name, "series_bible") ? CHAT_BIBLE : CHAT_SCENE_GOOD);
}

TEST(llm_wait_3_fallback_does_not_stick)
{
	struct story_srv s = { .down = 1 };
	struct fake f;
	CHECK(fake_start(&f, h_story, &s) == 0);
	char *url = fake_url(&f);
	char *args = xasprintf("make 'milk tea shop, prince' -o show --size 108x192 --fps 5 --minutes 0.5 "
	                       "--set llm.url=%s --set llm.retries=0 --set llm.model=m", url);
	char *out1 = NULL, *out2 = NULL, *out3 = NULL;
	int st1 = drama_run(&out1, "%s", args);
	char *fb = path_join(test_tmpdir(), "show/fallback.json");
	json_t *rec = json_load_file(fb, 0, NULL);
	int noted = json_is_object(json_object_get(rec, "script")) &&
	            strstr(json_string_value(json_object_get(json_object_get(rec, "script"), "why")) ?: "", "CUDA out of memory");
	json_decref(rec);
	s.down = 0;
	int st2 = drama_run(&out2, "%s", args);
	int asked2 = s.asked;
	char *sb = path_join(test_tmpdir(), "show/storyboard.json"), *text = NULL;
	int llm_story = file_read_all(sb, &text, NULL) == 0 && strstr(text, "The Tea Prince") != NULL;
	free(text);
	int cleared = !file_exists(fb);
	/* a third run: nothing fell back, so it resumes without asking */
	int st3 = drama_run(&out3, "%s", args);
	int asked3 = s.asked - asked2;
	fake_stop(&f);
	CHECKF(st1 == 0, "%s", out1);
	CHECK(noted);
	CHECKF(st2 == 0, "%s", out2);
	CHECKF(strstr(out2, "asking the server again") && strstr(out2, "CUDA out of memory"), "%s", out2);
	CHECK_INT(asked2, 3);           /* bible + 2 scenes */
	CHECK(llm_story);
	CHECK(cleared);
	CHECKF(st3 == 0, "%s", out3);
	CHECK_INT(asked3, 0);
	free(out1); free(out2); free(out3);
	free(fb); free(sb); free(url); free(args);
}

TEST(llm_wait_4_edited_fallback_story_is_kept)
{
	struct story_srv s = { .down = 1 };
	struct fake f;
	CHECK(fake_start(&f, h_story, &s) == 0);
	char *url = fake_url(&f);
	char *args = xasprintf("script show 'milk tea shop, prince' --set llm.url=%s --set llm.retries=0 --set llm.model=m", url);
	char *out1 = NULL;
	int st1 = drama_run(&out1, "%s", args);
	/* the user edits a line of the embedded story in storyboard.json */
	struct project *p = NULL;
	char *dir = path_join(test_tmpdir(), "show");
	int orc = project_open(dir, 0, &p);
	int edited = 0;
	if (orc == 0 && p->s) {
		for (size_t e = 0; e < p->s->n_eps && !edited; e++)
			for (size_t k = 0; k < p->s->eps[e].n_scenes && !edited; k++)
				for (size_t h = 0; h < p->s->eps[e].scenes[k].n_shots && !edited; h++) {
					struct line *l = p->s->eps[e].scenes[k].shots[h].line;
					if (l) { free(l->text); l->text = xstrdup("My own words."); edited = 1; }
				}
		if (edited) edited = project_save(p) == 0;
	}
	project_free(p);
	int retry = 0;
	if (project_open(dir, 0, &p) == 0) retry = ai_fallback_retry(p, "script");
	project_free(p);
	char *fb = path_join(dir, "fallback.json");
	int dropped = !file_exists(fb);
	fake_stop(&f);
	CHECKF(st1 == 0, "%s", out1);
	CHECK(edited);
	CHECK_INT(retry, 0);
	CHECK(dropped);
	CHECK_INT(s.asked, 0);
	free(out1); free(fb); free(dir); free(url); free(args);
}

/* ---- 5: no model configured (Ollama needs one): the first of /v1/models is used and
 * sent; a bible without a title or with an era outside the schema gets a repair ---- */
struct ollama { int bad_bible_sent, repaired; char model[64]; int no_model; };

static void h_ollama(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                     struct fake_reply *r)
{
	struct ollama *o = f->ud;
	if (!strcmp(url, "/v1/models")) {
		/* Ollama's OpenAI-compatible list */
		r->body = xstrdup("{\"object\":\"list\",\"data\":[{\"id\":\"qwen2.5:7b\",\"object\":\"model\",\"created\":1,\"owned_by\":\"library\"},"
		                  "{\"id\":\"llama3:latest\",\"object\":\"model\",\"created\":1,\"owned_by\":\"library\"}]}");
		return;
	}
	const json_t *body = json_object_get(req, "body");
	const char *model = json_string_value(json_object_get(body, "model"));
	if (!model) {
		o->no_model++;
		r->status = 400;
		r->body = xstrdup("{\"error\":{\"message\":\"model is required\",\"type\":\"api_error\"}}");
		return;
	}
	snprintf(o->model, sizeof o->model, "%s", model);
	const char *name = json_string_value(json_object_get(json_object_get(json_object_get(body, "response_format"), "json_schema"), "name"));
	if (str_eq(name, "series_bible") && !o->bad_bible_sent) {
		o->bad_bible_sent = 1;
		json_t *b = json_loads(CHAT_BIBLE, 0, NULL);
		json_object_del(b, "title");
		json_object_set_new(b, "era", json_string("future"));
		char *t = json_dumps(b, JSON_COMPACT);
		json_decref(b);
		r->body = chat_json_answer(t);
		free(t);
		return;
	}
	if (str_eq(name, "series_bible")) {
		const json_t *msgs = json_object_get(body, "messages");
		const char *last = json_string_value(json_object_get(json_array_get(msgs, json_array_size(msgs) - 1), "content"));
		o->repaired = last && strstr(last, "- title: missing") && strstr(last, "- era: \"future\" is not one of [\"modern\",\"ancient\",\"mixed\"]");
	}
	r->body = chat_json_answer(str_eq(name, "series_bible") ? CHAT_BIBLE : CHAT_SCENE_GOOD);
}

TEST(llm_wait_5_model_from_server_list_and_bible_schema_repair)
{
	struct ollama o = { 0 };
	struct fake f;
	CHECK(fake_start(&f, h_ollama, &o) == 0);
	struct ai_config c;
	setup(&c, &f, "5");
	ai_config_set(&c, "llm.model", "");
	struct project *p = NULL;
	char *dir = path_join(test_tmpdir(), "show");
	int rc = project_open(dir, 1, &p);
	if (rc == 0) {
		p->set.minutes = 1;
		p->set.episodes = 1;
		rc = llm_story_stage(p, "milk tea shop, prince", NULL, &c);
	}
	char msg[1024];
	snprintf(msg, sizeof msg, "%s", err_msg());
	int titled = rc == 0 && p->s && str_eq(p->s->title, "The Tea Prince");
	project_free(p);
	free(dir);
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(rc == 0, "%s", msg);
	CHECK_INT(o.no_model, 0);
	CHECK_STR(o.model, "qwen2.5:7b");
	CHECK(o.bad_bible_sent);
	CHECK(o.repaired);
	CHECK(titled);
}

/* ---- 6: the ledger counts each try (500, 500, then an answer = 1 request, 3 attempts)
 * and the time of all of them ---- */
static void h_two_500s(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                       struct fake_reply *r)
{
	if (n < 2) {
		r->status = 500;
		r->delay = 0.05;
		r->body = xstrdup("{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}");
		return;
	}
	r->body = chat_json_answer("{\"ok\": true}");
}

TEST(llm_wait_6_ledger_counts_attempts)
{
	struct fake f;
	CHECK(fake_start(&f, h_two_500s, NULL) == 0);
	struct ai_config c;
	setup(&c, &f, "5");
	ai_ledger_reset();
	json_t *msgs = one_message();
	char *out = NULL;
	int rc = llm_chat(&c, msgs, NULL, NULL, 0, 0, &out);
	int requests = 0, attempts = 0;
	double sec = 0;
	ai_ledger_get("llm", &requests, NULL, NULL, &sec);
	ai_ledger_get_more("llm", &attempts, NULL);
	struct sbuf sum = { 0 };
	ai_ledger_summary(&sum);
	ai_ledger_reset();
	free(out);
	json_decref(msgs);
	ai_config_free(&c);
	fake_stop(&f);
	CHECK(rc == 0);
	CHECK_INT(requests, 1);
	CHECK_INT(attempts, 3);
	CHECKF(sec >= 0.09, "%.3f s", sec);     /* both failed tries took 0.05 s each */
	CHECKF(sum.s && strstr(sum.s, "llm: 1 request (3 attempts)"), "%s", sum.s ? sum.s : "");
	sb_free(&sum);
}
