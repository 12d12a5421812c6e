/* tests/test_server.c — the focus of this file is the web workbench's HTTP API, through
 * the real server on 127.0.0.1: listing and creating projects, storyboard validation on
 * save, jobs (one per project), path traversal and symlink escapes, body limits,
 * malformed bodies, upload types, tokens, Host checks, range requests and concurrency. */
#include "test.h"
#include "core/util.h"
#include "core/model.h"
#include "server/server.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

struct resp { long status; struct sbuf body; };

static size_t collect(char *p, size_t sz, size_t n, void *ud)
{
	sb_addn(&((struct resp *)ud)->body, p, sz * n);
	return sz * n;
}

/* One request. path is sent as is (no normalisation). Caller sb_free()s r->body. */
static int http(int port, const char *method, const char *path, const char *body, const char *hdr, struct resp *r)
{
	CURL *c = curl_easy_init();
	char url[2048];
	snprintf(url, sizeof url, "http://127.0.0.1:%d%s", port, path);
	memset(r, 0, sizeof *r);
	struct curl_slist *h = NULL;
	if (hdr) h = curl_slist_append(h, hdr);
	if (body) h = curl_slist_append(h, "Content-Type: application/json");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (body) curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	CURLcode rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (!r->body.s) sb_add(&r->body, "");
	return rc == CURLE_OK ? 0 : -1;
}

static struct server *start(const char *token, const char *host, size_t max_body)
{
	struct server_opts o = SERVER_OPTS_INIT;
	char *ws = path_join(test_tmpdir(), "ws");
	o.workspace = ws;
	o.port = 0;
	o.token = token;
	if (host) o.host = host;
	o.drama_bin = test_drama_bin();
	if (max_body) o.max_body = max_body;
	struct server *sv = NULL;
	if (server_start(&o, &sv) < 0) fprintf(stderr, "  server_start: %s\n", err_msg());
	free(ws);
	return sv;
}

/* A project folder with a valid storyboard, made without running any stage. */
static void make_project(const char *name)
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

TEST(server_api_basics)
{
	struct server *sv = start(NULL, NULL, 4096);
	CHECK(sv);
	int port = server_port(sv);
	struct resp r;
	CHECK(http(port, "GET", "/api/projects", NULL, NULL, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body.s, "{\"projects\":[]}");
	sb_free(&r.body);
	make_project("alpha");
	CHECK(http(port, "GET", "/api/projects", NULL, NULL, &r) == 0);
	CHECK(strstr(r.body.s, "\"name\":\"alpha\"") && strstr(r.body.s, "\"title\":\"T\""));
	sb_free(&r.body);
	CHECK(http(port, "GET", "/api/projects/alpha", NULL, NULL, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body.s, "\"characters\":[{\"name\":\"Xia\""));
	sb_free(&r.body);
	/* the page itself */
	CHECK(http(port, "GET", "/", NULL, NULL, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body.s, "<title>drama"));
	sb_free(&r.body);
	/* a storyboard edit that breaks a reference: 422 with the field path */
	const char *bad = "{\"characters\": [{\"name\": \"Xia\"}], \"locations\": [{\"name\": \"Shop\"}],"
		" \"episodes\": [{\"scenes\": [{\"location\": \"Shop\", \"shots\": [{\"type\": \"medium\","
		" \"line\": {\"speaker\": \"Lin\", \"text\": \"Hi\"}}]}]}]}";
	CHECK(http(port, "PUT", "/api/projects/alpha/storyboard", bad, NULL, &r) == 0);
	CHECK_INT(r.status, 422);
	CHECKF(strstr(r.body.s, "\"path\":\"episodes[0].scenes[0].shots[0].line.speaker\""), "%s", r.body.s);
	sb_free(&r.body);
	/* the file on disk is untouched */
	char *sbp = xasprintf("%s/ws/alpha/storyboard.json", test_tmpdir()), *txt;
	CHECK(file_read_all(sbp, &txt, NULL) == 0);
	CHECK(strstr(txt, "We close at nine."));
	free(txt);
	/* a good edit is saved */
	const char *good = "{\"characters\": [{\"name\": \"Xia\"}], \"locations\": [{\"name\": \"Shop\"}],"
		" \"episodes\": [{\"scenes\": [{\"location\": \"Shop\", \"shots\": [{\"type\": \"medium\","
		" \"line\": {\"speaker\": \"Xia\", \"text\": \"We close at ten.\"}}]}]}]}";
	CHECK(http(port, "PUT", "/api/projects/alpha/storyboard", good, NULL, &r) == 0);
	CHECK_INT(r.status, 200);
	sb_free(&r.body);
	CHECK(file_read_all(sbp, &txt, NULL) == 0);
	int saved = strstr(txt, "We close at ten.") != NULL;
	free(txt);
	free(sbp);
	CHECK(saved);
	server_stop(sv);
}

TEST(server_rejects_bad_requests)
{
	struct server *sv = start(NULL, NULL, 4096);
	CHECK(sv);
	int port = server_port(sv);
	make_project("alpha");
	/* a symlink out of the project and a project that is a symlink out of the workspace */
	char *link = xasprintf("%s/ws/alpha/leak", test_tmpdir()), *plink = xasprintf("%s/ws/evil", test_tmpdir());
	CHECK(symlink("/etc", link) == 0);
	CHECK(symlink("/etc", plink) == 0);
	free(link);
	free(plink);
	static const struct { const char *method, *path, *body, *hdr; long status; } cases[] = {
		{ "GET", "/api/projects/alpha/files/../../../etc/passwd", NULL, NULL, 404 },
		{ "GET", "/api/projects/..%2f..%2fetc/files/passwd", NULL, NULL, 404 },
		{ "GET", "/api/projects/../etc/files/passwd", NULL, NULL, 404 },
		{ "GET", "/api/projects/alpha/files/leak/passwd", NULL, NULL, 404 },
		{ "GET", "/api/projects/evil/files/passwd", NULL, NULL, 404 },
		{ "GET", "/api/projects/alpha/files//etc/passwd", NULL, NULL, 404 },
		{ "GET", "/../../etc/passwd", NULL, NULL, 404 },
		{ "GET", "/api/projects/nope", NULL, NULL, 404 },
		{ "POST", "/api/projects", "{bad json", NULL, 400 },
		{ "POST", "/api/projects", "[1,2]", NULL, 400 },
		{ "POST", "/api/projects", "{}", NULL, 400 },
		{ "POST", "/api/projects", "{\"text\": \"MZ\\u0001\\u0002binary\", \"filename\": \"a.txt\"}", NULL, 415 },
		{ "POST", "/api/projects", "{\"text\": \"hello\", \"filename\": \"a.exe\"}", NULL, 415 },
		{ "POST", "/api/projects/alpha/jobs", "{\"stage\": \"rm -rf\"}", NULL, 400 },
		{ "PUT", "/api/projects/alpha/storyboard", "{not json", NULL, 400 },
		{ "DELETE", "/api/projects", NULL, NULL, 405 },
		{ "GET", "/api/projects", NULL, "Host: attacker.example", 403 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct resp r;
		CHECK(http(port, cases[i].method, cases[i].path, cases[i].body, cases[i].hdr, &r) == 0);
		int ok = r.status == cases[i].status && !strstr(r.body.s, "root:");
		if (!ok) fprintf(stderr, "  %s %s -> %ld %s\n", cases[i].method, cases[i].path, r.status, r.body.s);
		sb_free(&r.body);
		CHECK(ok);
	}
	/* oversize body */
	char *big = xmalloc(10000);
	memset(big, 'a', 9999);
	big[0] = '"';
	big[9998] = '"';
	big[9999] = 0;
	struct resp r;
	CHECK(http(port, "POST", "/api/projects", big, NULL, &r) == 0);
	free(big);
	CHECK_INT(r.status, 413);
	sb_free(&r.body);
	server_stop(sv);
}

TEST(server_token_and_host)
{
	struct server *sv = start(NULL, "0.0.0.0", 0);
	CHECK(sv == NULL);
	CHECK(strstr(err_msg(), "needs --token"));
	sv = start("0123456789abcdef-secret", "127.0.0.1", 0);
	CHECK(sv);
	int port = server_port(sv);
	struct resp r;
	CHECK(http(port, "GET", "/api/projects", NULL, NULL, &r) == 0);
	CHECK_INT(r.status, 401);
	sb_free(&r.body);
	CHECK(http(port, "GET", "/api/projects", NULL, "Authorization: Bearer 0123456789abcdef-secret", &r) == 0);
	CHECK_INT(r.status, 200);
	sb_free(&r.body);
	CHECK(http(port, "GET", "/api/projects?token=0123456789abcdef-secret", NULL, NULL, &r) == 0);
	CHECK_INT(r.status, 200);
	sb_free(&r.body);
	server_stop(sv);
}

struct conc { int port; int ok; };

static void *hammer(void *arg)
{
	struct conc *c = arg;
	c->ok = 1;
	for (int i = 0; i < 10; i++) {
		struct resp r;
		if (http(c->port, "GET", "/api/projects/alpha", NULL, NULL, &r) < 0 || r.status != 200) c->ok = 0;
		sb_free(&r.body);
	}
	return NULL;
}

TEST(server_concurrent_requests)
{
	struct server *sv = start(NULL, NULL, 0);
	CHECK(sv);
	make_project("alpha");
	pthread_t th[8];
	struct conc cs[8];
	for (int i = 0; i < 8; i++) {
		cs[i].port = server_port(sv);
		pthread_create(&th[i], NULL, hammer, &cs[i]);
	}
	int all = 1;
	for (int i = 0; i < 8; i++) {
		pthread_join(th[i], NULL);
		all &= cs[i].ok;
	}
	server_stop(sv);
	CHECK(all);
}

/* Wait for the project's job to end; returns the final status JSON text (caller frees). */
static char *wait_job(int port, const char *name, int seconds)
{
	char path[300];
	snprintf(path, sizeof path, "/api/projects/%s/job", name);
	for (int i = 0; i < seconds * 4; i++) {
		struct resp r;
		if (http(port, "GET", path, NULL, NULL, &r) == 0 && !strstr(r.body.s, "\"state\":\"running\"")) return r.body.s;
		sb_free(&r.body);
		usleep(250000);
	}
	return NULL;
}

/* A job runs the real drama binary; one job per project; progress is reported; the
 * finished episode is served with range requests. */
TEST(server_job_end_to_end)
{
	struct server *sv = start(NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	struct resp r;
	CHECK(http(port, "POST", "/api/projects",
	           "{\"keywords\": \"office romance, secret CEO\", \"size\": \"216x384\", \"fps\": 10, \"minutes\": 0.5}", NULL, &r) == 0);
	CHECK_INT(r.status, 201);
	CHECKF(strstr(r.body.s, "\"name\":\"office_romance_secret_CEO\""), "%s", r.body.s);
	sb_free(&r.body);
	/* a second job on the same project while the first runs: refused */
	CHECK(http(port, "POST", "/api/projects/office_romance_secret_CEO/jobs", "{\"stage\": \"render\"}", NULL, &r) == 0);
	int refused = r.status == 409 || r.status == 202;   /* 202 only if the first already finished */
	sb_free(&r.body);
	CHECK(refused);
	char *st = wait_job(port, "office_romance_secret_CEO", 300);
	CHECK(st);
	int done = strstr(st, "\"state\":\"done\"") != NULL;
	if (!done) fprintf(stderr, "  job: %s\n", st);
	free(st);
	CHECK(done);
	CHECK(http(port, "GET", "/api/projects/office_romance_secret_CEO/files/ep01.mp4", NULL, "Range: bytes=0-99", &r) == 0);
	CHECK_INT(r.status, 206);
	CHECK_INT(r.body.len, 100);
	CHECK(!memcmp(r.body.s + 4, "ftyp", 4));
	sb_free(&r.body);
	server_stop(sv);
}
