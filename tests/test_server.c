/* tests/test_server.c — the focus of this file is the web workbench's HTTP API, through
 * the real server on 127.0.0.1: listing and creating projects, storyboard validation on
 * save, jobs (one per project), path traversal and symlink escapes, body limits,
 * malformed bodies, upload types, tokens, Host checks, range requests and concurrency. */
#include "test.h"
#include "core/util.h"
#include "core/model.h"
#include "server/server.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server_http.h"

TEST(server_api_basics)
{
	struct server *sv = start(NULL, NULL, 4096);
	CHECK(sv);
	int port = server_port(sv);
	struct resp r;
	CHECK(http(port, "GET", "/api/projects", NULL, NULL, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK_STR(r.body.s, "{\"projects\":[]}");
	resp_free(&r);
	make_project("alpha");
	CHECK(http(port, "GET", "/api/projects", NULL, NULL, &r) == 0);
	CHECK(strstr(r.body.s, "\"name\":\"alpha\"") && strstr(r.body.s, "\"title\":\"T\""));
	resp_free(&r);
	CHECK(http(port, "GET", "/api/projects/alpha", NULL, NULL, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body.s, "\"characters\":[{\"name\":\"Xia\""));
	resp_free(&r);
	/* the page itself */
	CHECK(http(port, "GET", "/", NULL, NULL, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body.s, "<title>drama"));
	resp_free(&r);
	/* a storyboard edit that breaks a reference: 422 with the field path */
	const char *bad = "{\"characters\": [{\"name\": \"Xia\"}], \"locations\": [{\"name\": \"Shop\"}],"
		" \"episodes\": [{\"scenes\": [{\"location\": \"Shop\", \"shots\": [{\"type\": \"medium\","
		" \"line\": {\"speaker\": \"Lin\", \"text\": \"Hi\"}}]}]}]}";
	CHECK(http(port, "PUT", "/api/projects/alpha/storyboard", bad, NULL, &r) == 0);
	CHECK_INT(r.status, 422);
	CHECKF(strstr(r.body.s, "\"path\":\"episodes[0].scenes[0].shots[0].line.speaker\""), "%s", r.body.s);
	resp_free(&r);
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
	resp_free(&r);
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
		{ "POST", "/api/projects/alpha/jobs", "{\"stage\": \"rm -rf\"}", NULL, 422 },
		{ "PUT", "/api/projects/alpha/storyboard", "{not json", NULL, 400 },
		{ "DELETE", "/api/projects", NULL, NULL, 403 },
		{ "PATCH", "/api/projects", NULL, NULL, 405 },
		{ "GET", "/api/projects", NULL, "Host: attacker.example", 403 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct resp r;
		CHECK(http(port, cases[i].method, cases[i].path, cases[i].body, cases[i].hdr, &r) == 0);
		int ok = r.status == cases[i].status && !strstr(r.body.s, "root:");
		if (!ok) fprintf(stderr, "  %s %s -> %ld %s\n", cases[i].method, cases[i].path, r.status, r.body.s);
		resp_free(&r);
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
	resp_free(&r);
	server_stop(sv);
}

/* 18: token mode. The page logs in once and then holds an HttpOnly SameSite=Strict
 * cookie; the token is compared in constant time and is not accepted in API addresses;
 * the page's own script and style load before login. */
TEST(server_token_login)
{
	struct server *sv = start(NULL, "0.0.0.0", 0);
	CHECK(sv == NULL);
	CHECK(strstr(err_msg(), "needs --token"));
	const char *tok = "0123456789abcdef-secret";
	sv = start(tok, "127.0.0.1", 0);
	CHECK(sv);
	int port = server_port(sv);
	struct resp r;
	CHECK(http(port, "GET", "/api/projects", NULL, NULL, &r) == 0);
	CHECK_INT(r.status, 401);
	resp_free(&r);
	CHECK(http(port, "GET", "/api/projects?token=0123456789abcdef-secret", NULL, NULL, &r) == 0);
	CHECK_INT(r.status, 401);   /* never in API addresses */
	resp_free(&r);
	CHECK(http(port, "GET", "/api/projects", NULL, "Authorization: Bearer 0123456789abcdef-secret", &r) == 0);
	CHECK_INT(r.status, 200);
	resp_free(&r);
	CHECK(http(port, "GET", "/api/projects", NULL, "Authorization: Bearer 0123456789abcdef-secreT", &r) == 0);
	CHECK_INT(r.status, 401);
	resp_free(&r);
	/* before login: the login page, and the page's script and style load */
	CHECK(http(port, "GET", "/", NULL, NULL, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body.s, "action=\"/login\""));
	resp_free(&r);
	static const char *const assets[] = { "/app.js", "/style.css", "/login.js" };
	for (size_t i = 0; i < ARRAY_LEN(assets); i++) {
		CHECK(http(port, "GET", assets[i], NULL, NULL, &r) == 0);
		CHECKF(r.status == 200, "%s -> %ld", assets[i], r.status);
		resp_free(&r);
	}
	/* a wrong token: back to the login page, no cookie */
	const char *form[] = { "Content-Type: application/x-www-form-urlencoded", NULL };
	CHECK(http_h(port, "POST", "/login", "token=wrong", form, &r) == 0);
	CHECK_INT(r.status, 303);
	CHECK(strstr(r.hdrs.s, "Location: /?failed=1") && !strstr(r.hdrs.s, "Set-Cookie"));
	resp_free(&r);
	/* the right one: an HttpOnly SameSite=Strict cookie, and the address without the token */
	CHECK(http_h(port, "POST", "/login", "token=0123456789abcdef-secret", form, &r) == 0);
	CHECK_INT(r.status, 303);
	const char *sc = strstr(r.hdrs.s, "Set-Cookie: drama_session=");
	CHECKF(sc && strstr(sc, "HttpOnly") && strstr(sc, "SameSite=Strict") && strstr(r.hdrs.s, "Location: /\r"), "%s", r.hdrs.s);
	char cookie[200];
	snprintf(cookie, sizeof cookie, "Cookie: %.*s", (int)strcspn(sc + 12, ";"), sc + 12);
	CHECK(!strstr(cookie, tok));
	resp_free(&r);
	CHECK(http(port, "GET", "/api/projects", NULL, cookie, &r) == 0);
	CHECK_INT(r.status, 200);
	resp_free(&r);
	CHECK(http(port, "GET", "/", NULL, cookie, &r) == 0);
	CHECK(strstr(r.body.s, "<title>drama — studio"));
	resp_free(&r);
	/* the address `drama serve` prints (?token=) is swapped for the cookie */
	CHECK(http(port, "GET", "/?token=0123456789abcdef-secret", NULL, NULL, &r) == 0);
	CHECK_INT(r.status, 303);
	CHECK(strstr(r.hdrs.s, "Set-Cookie: drama_session=") && strstr(r.hdrs.s, "Location: /\r"));
	resp_free(&r);
	/* a changed cookie is refused */
	cookie[strlen(cookie) - 1] ^= 1;
	CHECK(http(port, "GET", "/api/projects", NULL, cookie, &r) == 0);
	CHECK_INT(r.status, 401);
	resp_free(&r);
	server_stop(sv);
}

/* 18: DNS rebinding. Only this server's own names, with its port, are answered. */
TEST(server_host_allow_list)
{
	struct server *sv = start(NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	static const struct { const char *host; long status; } cases[] = {
		{ "127.0.0.1:%d", 200 }, { "localhost:%d", 200 }, { "LocalHost:%d", 200 }, { "[::1]:%d", 200 },
		{ "localhost.evil.example:%d", 403 }, { "127.0.0.1.evil.example:%d", 403 }, { "localhostevil.com:%d", 403 },
		{ "localhost.evil.example", 403 }, { "evil.example:%d", 403 }, { "localhost:1%d", 403 },
		{ "127.0.0.1", 403 }, { "localhost:%d.evil", 403 }, { "[::1].evil:%d", 403 }, { "", 403 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char h[200], hv[200];
		snprintf(hv, sizeof hv, cases[i].host, port);
		snprintf(h, sizeof h, "Host: %s", hv);
		const char *hs[] = { h, NULL };
		struct resp r;
		CHECK(http_h(port, "GET", "/api/projects", NULL, hs, &r) == 0);
		int ok = r.status == cases[i].status;
		if (!ok) fprintf(stderr, "  Host: %s -> %ld\n", hv, r.status);
		resp_free(&r);
		CHECK(ok);
	}
	server_stop(sv);
}

/* 18: CSRF. A hostile page can send a "simple" cross-origin POST (text/plain body, or a
 * <form enctype=text/plain>) without any preflight; those and every other change that is
 * not same-origin JSON are refused, and nothing is created. */
TEST(server_csrf_refused)
{
	struct server *sv = start(NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	make_project("alpha");
	char self[80], host[80];
	snprintf(self, sizeof self, "Origin: http://127.0.0.1:%d", port);
	snprintf(host, sizeof host, "Host: 127.0.0.1:%d", port);
	const char *kw = "{\"keywords\": \"palace, revenge\"}";
	static const char *const evil = "Origin: http://evil.example";
	struct { const char *method, *path, *body; const char *h[4]; long status; } cases[] = {
		/* fetch('http://127.0.0.1:P/api/projects', {method:'POST', mode:'no-cors', body}) */
		{ "POST", "/api/projects", kw, { "Content-Type: text/plain;charset=UTF-8", evil, NULL }, 403 },
		/* <form enctype="text/plain" method="post"> with an input named {"keywords":"x","y":"} */
		{ "POST", "/api/projects", "{\"keywords\":\"x\",\"y\":\"=\"}", { "Content-Type: text/plain", evil, "Sec-Fetch-Site: cross-site", NULL }, 403 },
		{ "POST", "/api/projects", "keywords=x", { "Content-Type: application/x-www-form-urlencoded", evil, NULL }, 403 },
		{ "POST", "/api/projects", "keywords=x", { "Content-Type: multipart/form-data; boundary=x", evil, NULL }, 403 },
		/* JSON but from another origin (would need a preflight the server never approves) */
		{ "POST", "/api/projects", kw, { "Content-Type: application/json", evil, NULL }, 403 },
		{ "POST", "/api/projects", kw, { "Content-Type: application/json", "Origin: null", NULL }, 403 },
		{ "POST", "/api/projects", kw, { "Content-Type: application/json", "Origin: http://localhost:1", NULL }, 403 },
		{ "POST", "/api/projects", kw, { "Content-Type: application/json", self, "Sec-Fetch-Site: cross-site", NULL }, 403 },
		/* JSON with neither an Origin nor the page's header */
		{ "POST", "/api/projects", kw, { "Content-Type: application/json", NULL }, 403 },
		{ "POST", "/api/projects", kw, { "Content-Type: application/jsonx", "X-Drama: 1", NULL }, 403 },
		{ "PUT", "/api/projects/alpha/storyboard", "{}", { "Content-Type: text/plain", evil, NULL }, 403 },
		{ "POST", "/api/projects/alpha/jobs", "{\"stage\": \"render\"}", { "Content-Type: text/plain", NULL }, 403 },
		{ "POST", "/api/projects/alpha/job/cancel", "{}", { "Content-Type: text/plain", evil, NULL }, 403 },
		/* the page itself passes the checks (422: a bad stage, so no job starts) */
		{ "POST", "/api/projects/alpha/jobs", "{\"stage\": \"x\"}", { "Content-Type: application/json", self, host, NULL }, 422 },
		{ "POST", "/api/projects/alpha/jobs", "{\"stage\": \"x\"}", { "Content-Type: application/json; charset=utf-8", "X-Drama: 1", NULL }, 422 },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct resp r;
		CHECK(http_h(port, cases[i].method, cases[i].path, cases[i].body, cases[i].h, &r) == 0);
		int ok = r.status == cases[i].status;
		if (!ok) fprintf(stderr, "  case %zu: %s %s -> %ld %s\n", i, cases[i].method, cases[i].path, r.status, r.body.s);
		resp_free(&r);
		CHECK(ok);
	}
	/* nothing was created or started */
	struct resp r;
	CHECK(http(port, "GET", "/api/projects", NULL, NULL, &r) == 0);
	CHECKF(!strstr(r.body.s, "palace") && !strstr(r.body.s, "\"name\":\"x\"") && !strstr(r.body.s, "running"), "%s", r.body.s);
	resp_free(&r);
	server_stop(sv);
}

/* 18: every answer carries the browser protections, and the pages hold no inline script,
 * inline event handler or inline style the policy would have to allow. */
TEST(server_security_headers)
{
	struct server *sv = start(NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	static const char *const paths[] = { "/", "/app.js", "/style.css", "/api/projects", "/nope", "/login" };
	for (size_t i = 0; i < ARRAY_LEN(paths); i++) {
		struct resp r;
		CHECK(http(port, "GET", paths[i], NULL, NULL, &r) == 0);
		const char *csp = strstr(r.hdrs.s, "Content-Security-Policy: ");
		int ok = csp && strstr(csp, "script-src 'self';") && strstr(csp, "frame-ancestors 'none'") &&
		         !strstr(csp, "unsafe-inline") && strstr(r.hdrs.s, "X-Frame-Options: DENY") &&
		         strstr(r.hdrs.s, "X-Content-Type-Options: nosniff");
		if (!ok) fprintf(stderr, "  %s:\n%s\n", paths[i], r.hdrs.s);
		resp_free(&r);
		CHECK(ok);
	}
	server_stop(sv);
	static const char *const pages[] = { "data/web/index.html", "data/web/login.html" };
	static const char *const banned[] = { " onclick=", " onload=", " onerror=", " onsubmit=", " style=", "<script>", "javascript:" };
	for (size_t i = 0; i < ARRAY_LEN(pages); i++) {
		char *txt = NULL;
		CHECK(file_read_all(pages[i], &txt, NULL) == 0);
		for (size_t k = 0; k < ARRAY_LEN(banned); k++)
			if (strstr(txt, banned[k])) { fprintf(stderr, "  %s holds %s\n", pages[i], banned[k]); free(txt); CHECK(0); }
		free(txt);
	}
	/* the page script builds no HTML from strings */
	char *js = NULL;
	CHECK(file_read_all("data/web/app.js", &js, NULL) == 0);
	int clean = !strstr(js, "innerHTML") && !strstr(js, "outerHTML") && !strstr(js, "insertAdjacentHTML") && !strstr(js, "document.write");
	free(js);
	CHECK(clean);
}

struct conc { int port; int ok; };

static void *hammer(void *arg)
{
	struct conc *c = arg;
	c->ok = 1;
	for (int i = 0; i < 10; i++) {
		struct resp r;
		if (http(c->port, "GET", "/api/projects/alpha", NULL, NULL, &r) < 0 || r.status != 200) c->ok = 0;
		resp_free(&r);
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
	resp_free(&r);
	/* a second job on the same project while the first runs: refused */
	CHECK(http(port, "POST", "/api/projects/office_romance_secret_CEO/jobs", "{\"stage\": \"render\"}", NULL, &r) == 0);
	int refused = r.status == 409 || r.status == 202;   /* 202 only if the first already finished */
	resp_free(&r);
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
	resp_free(&r);
	server_stop(sv);
}

/* Entries of TMP/ws, sorted, comma-separated (caller frees). */
static char *ws_list(void)
{
	char *cmd = xasprintf("ls '%s/ws' | tr '\\n' ,", test_tmpdir()), *out = NULL;
	test_run(cmd, &out);
	free(cmd);
	return out;
}

/* 18: argument injection and server-side checks. Every setting is checked with the
 * CLI's rules before a folder or a job exists (422 naming the field); keywords go to
 * the job after `--`, so "-o" and "--help" are keywords like any other. */
TEST(server_job_arguments)
{
	char *args = path_join(test_tmpdir(), "args.txt");
	char *body = xasprintf("printf '%%s\\n' \"$@\" >> '%s'; echo == >> '%s'", args, args);
	char *bin = fake_bin("drama-args", body);
	free(body);
	struct server *sv = start_with(bin, 0, NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	make_project("alpha");
	static const struct { const char *path, *body, *field; } bad[] = {
		{ "/api/projects", "{\"keywords\": \"  , \"}", "keywords" },
		{ "/api/projects", "{\"keywords\": \" ;, \\t\"}", "keywords" },
		{ "/api/projects", "{\"keywords\": 5}", "keywords" },
		{ "/api/projects", "{\"keywords\": \"a\", \"size\": \"1x1\"}", "size" },
		{ "/api/projects", "{\"keywords\": \"a\", \"size\": \"1080x1921\"}", "size" },
		{ "/api/projects", "{\"keywords\": \"a\", \"size\": \"1080x1920 --force\"}", "size" },
		{ "/api/projects", "{\"keywords\": \"a\", \"size\": 1080}", "size" },
		{ "/api/projects", "{\"keywords\": \"a\", \"fps\": 0}", "fps" },
		{ "/api/projects", "{\"keywords\": \"a\", \"fps\": 2.5}", "fps" },
		{ "/api/projects", "{\"keywords\": \"a\", \"fps\": \"30\"}", "fps" },
		{ "/api/projects", "{\"keywords\": \"a\", \"minutes\": 0}", "minutes" },
		{ "/api/projects", "{\"keywords\": \"a\", \"minutes\": 61}", "minutes" },
		{ "/api/projects", "{\"keywords\": \"a\", \"episodes\": 501}", "episodes" },
		{ "/api/projects", "{\"keywords\": \"a\", \"seed\": -1}", "seed" },
		{ "/api/projects", "{\"keywords\": \"a\", \"lang\": \"fr\"}", "lang" },
		{ "/api/projects", "{\"keywords\": \"a\", \"lang\": \"--help\"}", "lang" },
		{ "/api/projects/alpha/jobs", "{\"stage\": \"render\", \"size\": \"1x1\"}", "size" },
		{ "/api/projects/alpha/jobs", "{\"stage\": \"render\", \"episode\": 0}", "episode" },
		{ "/api/projects/alpha/jobs", "{\"stage\": \"-o\"}", "stage" },
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct resp r;
		CHECK(http(port, "POST", bad[i].path, bad[i].body, NULL, &r) == 0);
		char want[64];
		snprintf(want, sizeof want, "\"field\":\"%s\"", bad[i].field);
		int ok = r.status == 422 && strstr(r.body.s, want);
		if (!ok) fprintf(stderr, "  %s -> %ld %s\n", bad[i].body, r.status, r.body.s);
		resp_free(&r);
		CHECK(ok);
	}
	char *ls = ws_list();
	int untouched = !strcmp(ls, "alpha,") && !file_exists(args);
	if (!untouched) fprintf(stderr, "  workspace: %s\n", ls);
	free(ls);
	CHECK(untouched);
	/* "-o" and "--help" are keywords: after "--", and -o names the project folder */
	static const char *const kws[] = { "-o", "--help" };
	for (size_t i = 0; i < ARRAY_LEN(kws); i++) {
		char *b = xasprintf("{\"keywords\": \"%s\", \"size\": \"216x384\"}", kws[i]);
		struct resp r;
		CHECK(http(port, "POST", "/api/projects", b, NULL, &r) == 0);
		free(b);
		CHECKF(r.status == 201, "%ld %s", r.status, r.body.s);
		resp_free(&r);
	}
	usleep(300000);
	char *got = NULL;
	CHECK(file_read_all(args, &got, NULL) == 0);
	char *want = xasprintf("make\n--size\n216x384\n-o\n%s/ws/project\n--\n-o\n==\n"
	                       "make\n--size\n216x384\n-o\n%s/ws/project-2\n--\n--help\n==\n", test_tmpdir(), test_tmpdir());
	int same = !strcmp(got, want);
	if (!same) fprintf(stderr, "  job arguments:\n%s\n  expected:\n%s\n", got, want);
	free(got);
	free(want);
	server_stop(sv);
	free(bin);
	free(args);
	CHECK(same);
	/* and the CLI reads them so: `drama script DIR -- -o --help` writes DIR's storyboard */
	char *cmd = xasprintf("cd '%s' && '%s' script kw -- -o --help 2>&1", test_tmpdir(), test_drama_bin()), *out = NULL;
	int st = test_run(cmd, &out);
	free(cmd);
	char *sb = path_join(test_tmpdir(), "kw/storyboard.json");
	int made = st == 0 && file_exists(sb);
	if (!made) fprintf(stderr, "  drama script: %d %s\n", st, out);
	free(out);
	free(sb);
	CHECK(made);
}

/* 18: more projects than the old job table held (256); a create that cannot start its
 * job answers 500 and leaves no folder behind. */
TEST(server_257_projects)
{
	char *bin = fake_bin("drama-ok", "exit 0");
	struct server *sv = start_with(bin, 0, NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	int created = 0;
	for (int i = 0; i < 257; i++) {
		struct resp r;
		if (http(port, "POST", "/api/projects", "{\"keywords\": \"same idea\"}", NULL, &r) == 0 && r.status == 201) created++;
		else fprintf(stderr, "  project %d: %ld %s\n", i + 1, r.status, r.body.s);
		resp_free(&r);
	}
	CHECK_INT(created, 257);
	char *p = xasprintf("%s/ws/same_idea-257/job.json", test_tmpdir());
	int last = file_exists(p);
	free(p);
	CHECK(last);
	struct resp r;
	CHECK(http(port, "GET", "/api/projects", NULL, NULL, &r) == 0);
	int listed = 0;
	for (const char *q = r.body.s; (q = strstr(q, "\"name\":\"same_idea")); q++) listed++;
	resp_free(&r);
	CHECK_INT(listed, 257);
	server_stop(sv);
	free(bin);
	sv = start_with("/nonexistent/drama", 0, NULL, NULL, 0);
	CHECK(sv);
	CHECK(http(server_port(sv), "POST", "/api/projects", "{\"keywords\": \"lost idea\"}", NULL, &r) == 0);
	CHECK_INT(r.status, 500);
	resp_free(&r);
	char *lost = xasprintf("%s/ws/lost_idea", test_tmpdir());
	int left = file_exists(lost);
	free(lost);
	server_stop(sv);
	CHECK(!left);
}

/* 18: connection exhaustion (slowloris). 2,000 sockets from one address (127.0.0.2) each
 * send half a request and stop; another client (127.0.0.1) still gets its answer. The
 * time is printed, and checked only loosely (timing is bench's business). */
TEST(server_slowloris)
{
	enum { N = 2000 };
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_cur < N + 400 && rl.rlim_max >= N + 400) { rl.rlim_cur = N + 400; setrlimit(RLIMIT_NOFILE, &rl); }
	getrlimit(RLIMIT_NOFILE, &rl);
	int n = rl.rlim_cur >= N + 400 ? N : (int)rl.rlim_cur - 400;
	CHECKF(n >= 500, "the open-file limit (%llu) allows too few sockets for this test", (unsigned long long)rl.rlim_cur);
	struct server *sv = start(NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	int *fds = xcalloc((size_t)n, sizeof *fds);
	char part[128];
	int plen = snprintf(part, sizeof part, "GET /api/projects HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX-Slow: ", port);
	struct sockaddr_in from = { .sin_family = AF_INET }, to = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	inet_pton(AF_INET, "127.0.0.2", &from.sin_addr);
	inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
	int opened = 0;
	for (int i = 0; i < n; i++) {
		fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fds[i] < 0) break;
		if (bind(fds[i], (struct sockaddr *)&from, sizeof from) == 0 &&
		    (connect(fds[i], (struct sockaddr *)&to, sizeof to) == 0 || errno == EINPROGRESS)) opened++;
	}
	usleep(200000);
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0 && send(fds[i], part, (size_t)plen, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {}
	usleep(300000);
	double t0 = now_sec();
	struct resp r;
	int rc = http(port, "GET", "/api/projects", NULL, NULL, &r);
	double dt = now_sec() - t0;
	long status = r.status;
	resp_free(&r);
	/* how many of the attacker's sockets the server still holds */
	int held = 0;
	for (int i = 0; i < n; i++) {
		char c;
		if (fds[i] >= 0 && recv(fds[i], &c, 1, MSG_DONTWAIT | MSG_PEEK) < 0 && errno == EAGAIN) held++;
	}
	fprintf(stderr, "  %d half-open sockets from 127.0.0.2 (%d still open); a client from 127.0.0.1 got %ld in %.1f ms\n",
	        opened, held, status, dt * 1000);
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0) close(fds[i]);
	free(fds);
	server_stop(sv);
	CHECK(rc == 0);
	CHECK_INT(status, 200);
	CHECK_INT(opened, n);
	CHECKF(dt < 5.0, "the client waited %.1f s", dt);
}

/* 18: creator features on the server side: an uploaded file names its project; the cast
 * editor's choices; a sheet preview from an edited look and a voice audition, neither
 * saved. */
TEST(server_upload_name_and_previews)
{
	char *bin = fake_bin("drama-ok", "exit 0");
	struct server *sv = start_with(bin, 0, NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	struct resp r;
	CHECK(http(port, "POST", "/api/projects", "{\"text\": \"INT. SHOP - DAY\\n\\nXIA\\nHi.\\n\", \"filename\": \"Pilot Episode.fountain\"}", NULL, &r) == 0);
	CHECKF(r.status == 201 && strstr(r.body.s, "\"name\":\"Pilot_Episode\""), "%ld %s", r.status, r.body.s);
	resp_free(&r);
	CHECK(http(port, "GET", "/api/looks", NULL, NULL, &r) == 0);
	CHECK_INT(r.status, 200);
	CHECKF(strstr(r.body.s, "\"hair\":[\"short\"") && strstr(r.body.s, "\"outfits\":[\"casual\"") && strstr(r.body.s, "\"voice\":\"awb\""), "%s", r.body.s);
	resp_free(&r);
	make_project("alpha");
	char *sbp = xasprintf("%s/ws/alpha/storyboard.json", test_tmpdir()), *before = NULL, *after = NULL;
	CHECK(file_read_all(sbp, &before, NULL) == 0);
	CHECK(http(port, "POST", "/api/projects/alpha/preview/character",
	           "{\"name\": \"Xia\", \"gender\": \"female\", \"age\": 30, \"look\": {\"hair\": {\"style\": \"braids\", \"colour\": \"#dcb46c\"}}}", NULL, &r) == 0);
	int png = r.status == 200 && r.body.len > 1000 && !memcmp(r.body.s, "\x89PNG", 4) && strstr(r.hdrs.s, "Content-Type: image/png");
	if (!png) fprintf(stderr, "  preview: %ld %.200s\n", r.status, r.body.s);
	resp_free(&r);
	CHECK(png);
	CHECK(http(port, "POST", "/api/projects/alpha/preview/voice", "{\"name\": \"Xia\", \"voice\": {\"engine\": \"flite\", \"voice\": \"rms\"}, \"text\": \"Hello there.\"}", NULL, &r) == 0);
	int wav = r.status == 200 && r.body.len > 1000 && !memcmp(r.body.s, "RIFF", 4);
	if (!wav) fprintf(stderr, "  audition: %ld %.200s\n", r.status, r.body.s);
	resp_free(&r);
	CHECK(wav);
	static const struct { const char *body, *field; } bad[] = {
		{ "{\"name\": \"Nobody\"}", "name" }, { "{\"name\": \"Xia\", \"look\": 5}", "look" },
		{ "{\"name\": \"Xia\", \"gender\": \"robot\"}", "gender" }, { "{\"name\": \"Xia\", \"age\": 0}", "age" },
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		CHECK(http(port, "POST", "/api/projects/alpha/preview/character", bad[i].body, NULL, &r) == 0);
		char want[40];
		snprintf(want, sizeof want, "\"field\":\"%s\"", bad[i].field);
		int ok = r.status == 422 && strstr(r.body.s, want);
		if (!ok) fprintf(stderr, "  %s -> %ld %s\n", bad[i].body, r.status, r.body.s);
		resp_free(&r);
		CHECK(ok);
	}
	/* nothing saved, nothing left in the cache */
	CHECK(file_read_all(sbp, &after, NULL) == 0);
	int same = !strcmp(before, after);
	free(before); free(after); free(sbp);
	char *ls = NULL, *cmd = xasprintf("ls '%s/ws/alpha/cache/preview' | wc -l", test_tmpdir());
	test_run(cmd, &ls);
	free(cmd);
	int empty = ls && atoi(ls) == 0;
	free(ls);
	server_stop(sv);
	free(bin);
	CHECK(same);
	CHECK(empty);
}

/* The listing is kept a moment (0.2 s) for many polling pages, but a change made through
 * the server (a create, a save) or a project folder made from outside shows at once, and
 * an outside edit of a storyboard shows after that moment. */
TEST(server_listing_kept_briefly)
{
	struct server *sv = start(NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	struct resp r;
	make_project("alpha");
	CHECK(http(port, "GET", "/api/projects", NULL, NULL, &r) == 0);
	CHECK(strstr(r.body.s, "\"title\":\"T\""));
	resp_free(&r);
	/* through the server: a save with a new title */
	const char *sb = "{\"title\": \"Saved\", \"lang\": \"en\", \"characters\": [{\"name\": \"Xia\"}], \"locations\": [{\"name\": \"Shop\"}],"
		" \"episodes\": [{\"number\": 1, \"scenes\": [{\"location\": \"Shop\", \"shots\": [{\"type\": \"medium\"}]}]}]}";
	CHECK(http(port, "PUT", "/api/projects/alpha/storyboard", sb, NULL, &r) == 0);
	CHECK_INT(r.status, 200);
	resp_free(&r);
	CHECK(http(port, "GET", "/api/projects", NULL, NULL, &r) == 0);
	CHECKF(strstr(r.body.s, "\"title\":\"Saved\""), "%s", r.body.s);
	resp_free(&r);
	/* from outside: a new folder at once, an edited title after the moment */
	make_project("beta");
	CHECK(http(port, "GET", "/api/projects", NULL, NULL, &r) == 0);
	CHECKF(strstr(r.body.s, "\"name\":\"beta\""), "%s", r.body.s);
	resp_free(&r);
	char *p = xasprintf("%s/ws/alpha/storyboard.json", test_tmpdir()), *txt = NULL;
	CHECK(file_read_all(p, &txt, NULL) == 0);
	char *at = strstr(txt, "\"Saved\"");
	CHECK(at);
	memcpy(at, "\"Outer\"", 7);
	CHECK(file_write_atomic(p, txt, strlen(txt)) == 0);
	usleep(300000);
	CHECK(http(port, "GET", "/api/projects", NULL, NULL, &r) == 0);
	CHECKF(strstr(r.body.s, "\"title\":\"Outer\""), "%s", r.body.s);
	resp_free(&r);
	free(p);
	free(txt);
	server_stop(sv);
}
