/* tests/server_http.h — helpers shared by the workbench's test files (test_server.c,
 * test_server_jobs.c): HTTP requests with libcurl, a server in this process, a project
 * folder made without running any stage. Header-only (static), tests only. */
#ifndef DRAMA_TESTS_SERVER_HTTP_H
#define DRAMA_TESTS_SERVER_HTTP_H
#include "test.h"
#include "core/util.h"
#include "server/server.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define UNUSED __attribute__((unused))

struct resp { long status; struct sbuf body, hdrs; };

static UNUSED size_t collect(char *p, size_t sz, size_t n, void *ud)
{
	sb_addn(&((struct resp *)ud)->body, p, sz * n);
	return sz * n;
}

static UNUSED size_t collect_hdr(char *p, size_t sz, size_t n, void *ud)
{
	sb_addn(&((struct resp *)ud)->hdrs, p, sz * n);
	return sz * n;
}

/* One request with extra header lines (NULL-terminated, may be NULL). path is sent as is
 * (no normalisation). No Content-Type is added. Caller resp_free()s r. */
static UNUSED int http_h(int port, const char *method, const char *path, const char *body, const char *const *hdrs, struct resp *r)
{
	CURL *c = curl_easy_init();
	char url[2048];
	snprintf(url, sizeof url, "http://127.0.0.1:%d%s", port, path);
	memset(r, 0, sizeof *r);
	struct curl_slist *h = NULL;
	for (const char *const *x = hdrs; x && *x; x++) h = curl_slist_append(h, *x);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (body) curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect_hdr);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	CURLcode rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (!r->body.s) sb_add(&r->body, "");
	if (!r->hdrs.s) sb_add(&r->hdrs, "");
	return rc == CURLE_OK ? 0 : -1;
}

/* One request as the page sends it: a body goes as same-origin JSON (X-Drama: 1). */
static UNUSED int http(int port, const char *method, const char *path, const char *body, const char *hdr, struct resp *r)
{
	const char *h[4] = { NULL };
	int n = 0;
	if (hdr) h[n++] = hdr;
	if (body) { h[n++] = "Content-Type: application/json"; h[n++] = "X-Drama: 1"; }
	return http_h(port, method, path, body, h, r);
}

static UNUSED void resp_free(struct resp *r) { sb_free(&r->body); sb_free(&r->hdrs); }

/* A server in this process on a free port for TMP/ws, running jobs with bin (NULL = the
 * built drama). NULL on failure (the reason printed). */
static UNUSED struct server *start_with(const char *bin, int grace_ms, const char *token, const char *host, size_t max_body)
{
	struct server_opts o = SERVER_OPTS_INIT;
	char *ws = path_join(test_tmpdir(), "ws");
	o.workspace = ws;
	o.port = 0;
	o.token = token;
	if (host) o.host = host;
	o.drama_bin = bin ? bin : test_drama_bin();
	o.cancel_grace_ms = grace_ms;
	if (max_body) o.max_body = max_body;
	struct server *sv = NULL;
	if (server_start(&o, &sv) < 0) fprintf(stderr, "  server_start: %s\n", err_msg());
	free(ws);
	return sv;
}

static UNUSED struct server *start(const char *token, const char *host, size_t max_body)
{
	return start_with(NULL, 0, token, host, max_body);
}

/* A stand-in for the drama binary: TMP/NAME, a /bin/sh script with this body. Caller frees. */
static UNUSED char *fake_bin(const char *name, const char *body)
{
	char *path = path_join(test_tmpdir(), name), *txt = xasprintf("#!/bin/sh\n%s\n", body);
	file_write_atomic(path, txt, strlen(txt));
	chmod(path, 0755);
	free(txt);
	return path;
}

/* A project folder with a valid storyboard, made without running any stage. */
static UNUSED void make_project(const char *name)
{
	char *dir = xasprintf("%s/ws/%s", test_tmpdir(), name), *sb = path_join(dir, "storyboard.json");
	mkdir_p(dir);
	const char *json =
		"{\"title\": \"T\", \"lang\": \"en\", \"characters\": [{\"name\": \"Xia\"}],"
		" \"locations\": [{\"name\": \"Shop\"}],"
		" \"episodes\": [{\"number\": 1, \"scenes\": [{\"location\": \"Shop\", \"shots\": ["
		"{\"type\": \"medium\", \"line\": {\"speaker\": \"Xia\", \"text\": \"We close at nine.\"}}]}]}]}";
	file_write_atomic(sb, json, strlen(json));
	free(dir);
	free(sb);
}

/* A real small project TMP/ws/NAME made by the built drama (216x384, 10 fps, half a
 * minute): 0, or -1 with the command's output printed. */
static UNUSED int make_real_project(const char *name)
{
	char *cmd = xasprintf("cd '%s' && DRAMA_NO_BAR=1 '%s' make 'milk tea shop, prince' -o 'ws/%s' --size 216x384 "
	                      "--fps 10 --minutes 0.5 2>&1", test_tmpdir(), test_drama_bin(), name);
	char *out = NULL;
	int st = test_run(cmd, &out);
	if (st) fprintf(stderr, "%s\n", out ? out : "");
	free(out);
	free(cmd);
	return st ? -1 : 0;
}

/* Wait for the project's job to end; returns the final status JSON text (caller frees). */
static UNUSED char *wait_job(int port, const char *name, int seconds)
{
	char path[300];
	snprintf(path, sizeof path, "/api/projects/%s/job", name);
	for (int i = 0; i < seconds * 4; i++) {
		struct resp r;
		if (http(port, "GET", path, NULL, NULL, &r) == 0 && !strstr(r.body.s, "\"state\":\"running\"")) {
			sb_free(&r.hdrs);
			return r.body.s;
		}
		resp_free(&r);
		usleep(250000);
	}
	return NULL;
}

/* 1 when the project's job ends "done" within seconds (else its status is printed). */
static UNUSED int job_done(int port, const char *name, int seconds)
{
	char *job = wait_job(port, name, seconds);
	int done = job && strstr(job, "\"state\":\"done\"") != NULL;
	if (!done) fprintf(stderr, "  job: %s\n", job ? job : "(still running)");
	free(job);
	return done;
}

#endif
