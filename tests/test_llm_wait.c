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
#include "llm/llm.h"

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
