/* bench/bench_server.c — the web workbench under load (issue 18): resident memory over
 * 10,000 mixed requests (it should stay flat, within 5 MB), and the latency of GET
 * /api/projects with 50 concurrent clients (p99 under 50 ms on the 2-core machine). The
 * server runs in this process on 127.0.0.1; the clients keep their connections open. */
#include "bench.h"
#include "core/util.h"
#include "server/server.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t sink(char *p, size_t sz, size_t n, void *ud) { (void)p; (void)ud; return sz * n; }

static double rss_mb(void)
{
	char *txt = NULL;
	double kb = 0;
	if (file_read_all("/proc/self/status", &txt, NULL) == 0) {
		const char *p = strstr(txt, "VmRSS:");
		if (p) kb = atof(p + 6);
	}
	free(txt);
	return kb / 1024;
}

/* A workspace of n projects with small valid storyboards. */
static struct server *start_ws(int n)
{
	char *ws = path_join(bench_tmpdir(), "ws");
	for (int i = 0; i < n; i++) {
		char *dir = xasprintf("%s/show%02d", ws, i), *sb = path_join(dir, "storyboard.json");
		char *json = xasprintf("{\"title\": \"Show %d\", \"lang\": \"en\", \"characters\": [{\"name\": \"Xia\"}, {\"name\": \"Lin\"}],"
			" \"locations\": [{\"name\": \"Shop\"}], \"episodes\": [{\"number\": 1, \"scenes\": [{\"location\": \"Shop\", \"shots\": ["
			"{\"type\": \"medium\", \"line\": {\"speaker\": \"Xia\", \"text\": \"We close at nine.\"}},"
			"{\"type\": \"close_up\", \"line\": {\"speaker\": \"Lin\", \"text\": \"Not tonight.\"}}]}]}]}", i);
		mkdir_p(dir);
		file_write_atomic(sb, json, strlen(json));
		free(dir); free(sb); free(json);
	}
	struct server_opts o = SERVER_OPTS_INIT;
	o.workspace = ws;
	o.port = 0;
	o.drama_bin = "/nonexistent/drama";   /* no job may start */
	struct server *sv = NULL;
	if (server_start(&o, &sv) < 0) fprintf(stderr, "server_start: %s\n", err_msg());
	free(ws);
	return sv;
}

static long request(CURL *c, int port, const char *method, const char *path, const char *body, struct curl_slist *h)
{
	char url[300];
	snprintf(url, sizeof url, "http://127.0.0.1:%d%s", port, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_HTTPGET, body ? 0L : 1L);
	if (!body) curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
	long status = 0;
	if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	return status;
}

BENCH(server_rss_10000_requests)
{
	struct server *sv = start_ws(20);
	if (!sv) return;
	int port = server_port(sv);
	CURL *c = curl_easy_init();
	struct curl_slist *json = curl_slist_append(NULL, "Content-Type: application/json");
	json = curl_slist_append(json, "X-Drama: 1");
	struct curl_slist *evil = curl_slist_append(NULL, "Host: localhost.evil.example");
	static const char *const sb = "{\"title\": \"Show\", \"lang\": \"en\", \"characters\": [{\"name\": \"Xia\"}],"
		" \"locations\": [{\"name\": \"Shop\"}], \"episodes\": [{\"number\": 1, \"scenes\": [{\"location\": \"Shop\", \"shots\": ["
		"{\"type\": \"medium\", \"line\": {\"speaker\": \"Xia\", \"text\": \"Edited.\"}}]}]}]}";
	double before = 0, t0 = bench_now();
	long bad = 0;
	for (int i = 0; i < 10000; i++) {
		if (i == 1000) before = rss_mb();   /* after warming up: thread stacks, caches, arenas */
		char path[128];
		long st = 0, want = 200;
		switch (i % 8) {
		case 0: st = request(c, port, "GET", "/api/projects", NULL, NULL); break;
		case 1: snprintf(path, sizeof path, "/api/projects/show%02d", i % 20); st = request(c, port, "GET", path, NULL, NULL); break;
		case 2: snprintf(path, sizeof path, "/api/projects/show%02d/storyboard", i % 20); st = request(c, port, "GET", path, NULL, NULL); break;
		case 3: st = request(c, port, "PUT", "/api/projects/show01/storyboard", sb, json); break;
		case 4: st = request(c, port, "POST", "/api/projects", "{\"keywords\": \" , \"}", json); want = 422; break;
		case 5: st = request(c, port, "GET", "/app.js", NULL, NULL); break;
		case 6: st = request(c, port, "GET", "/api/projects/nope/job", NULL, NULL); want = 404; break;
		default: st = request(c, port, "GET", "/api/projects", NULL, evil); want = 403; break;
		}
		bad += st != want;
	}
	double after = rss_mb(), dt = bench_now() - t0;
	curl_slist_free_all(json);
	curl_slist_free_all(evil);
	curl_easy_cleanup(c);
	server_stop(sv);
	bench_report("server: RSS after 1,000 requests", before, "MB", "server + client in one process");
	bench_report("server: RSS after 10,000 mixed requests", after, "MB", "8 kinds: list, project, storyboard, PUT, 422, page, 404, 403");
	bench_report("server: RSS growth over 9,000 requests", after - before, "MB", "target: within 5 MB");
	bench_report("server: mixed requests per second", 10000 / dt, "req/s", "one client, keep-alive");
	bench_report("server: unexpected statuses", (double)bad, "", "should be 0");
}

struct client { int port, n; double *lat; long bad; };

static void *client_run(void *arg)
{
	struct client *cl = arg;
	CURL *c = curl_easy_init();
	for (int i = 0; i < cl->n; i++) {
		double t = bench_now();
		if (request(c, cl->port, "GET", "/api/projects", NULL, NULL) != 200) cl->bad++;
		cl->lat[i] = bench_now() - t;
	}
	curl_easy_cleanup(c);
	return NULL;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

BENCH(server_p99_list_50_clients)
{
	enum { CLIENTS = 50, EACH = 40 };
	struct server *sv = start_ws(20);
	if (!sv) return;
	struct client cl[CLIENTS];
	pthread_t th[CLIENTS];
	double *all = xcalloc(CLIENTS * EACH, sizeof *all);
	double t0 = bench_now();
	for (int i = 0; i < CLIENTS; i++) {
		cl[i] = (struct client){ server_port(sv), EACH, all + i * EACH, 0 };
		pthread_create(&th[i], NULL, client_run, &cl[i]);
	}
	long bad = 0;
	for (int i = 0; i < CLIENTS; i++) { pthread_join(th[i], NULL); bad += cl[i].bad; }
	double dt = bench_now() - t0;
	server_stop(sv);
	qsort(all, CLIENTS * EACH, sizeof *all, cmp_d);
	bench_report("server: GET /api/projects p50, 50 clients", all[CLIENTS * EACH / 2] * 1000, "ms", "20 projects, keep-alive");
	bench_report("server: GET /api/projects p99, 50 clients", all[CLIENTS * EACH * 99 / 100] * 1000, "ms", "target: under 50 ms");
	bench_report("server: GET /api/projects throughput", CLIENTS * EACH / dt, "req/s", "");
	bench_report("server: failed requests", (double)bad, "", "should be 0");
	free(all);
}
