/* bench/bench_server.c — the web workbench under load (issue 18): resident memory over
 * 10,000 mixed requests (it should stay flat, within 5 MB), the latency of GET
 * /api/projects with 50 concurrent clients (p99 under 50 ms on the 2-core machine),
 * measured twice: by clients inside this process against an in-process server, and by
 * wrk (Debian's HTTP benchmark, a separate process) against a `drama serve` on loopback;
 * and the server time of a never-rendered shot's 540x960 picture (under 1 s). */
#define _GNU_SOURCE
#include "bench.h"
#include "core/util.h"
#include "server/server.h"

#include <curl/curl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

static size_t sink(char *p, size_t sz, size_t n, void *ud) { (void)p; (void)ud; return sz * n; }

/* VmRSS of process pid (0 = this one) in MB. */
static double rss_of(pid_t pid)
{
	char *txt = NULL, path[64];
	double kb = 0;
	if (pid) snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	else snprintf(path, sizeof path, "/proc/self/status");
	if (file_read_all(path, &txt, NULL) == 0) {
		const char *p = strstr(txt, "VmRSS:");
		if (p) kb = atof(p + 6);
	}
	free(txt);
	return kb / 1024;
}

static double rss_mb(void) { return rss_of(0); }

/* A workspace of n projects with small valid storyboards; its path (caller frees). */
static char *make_ws(int n)
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
	return ws;
}

static struct server *start_ws(int n)
{
	char *ws = make_ws(n);
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

/* `drama serve WS --port 0` as a child process; its pid, and its port in *port. -1 if it
 * did not start (the reason printed). */
static pid_t spawn_serve(const char *ws, int *port)
{
	int fd[2];
	if (pipe(fd) < 0) return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execl(bench_drama_bin(), "drama", "serve", ws, "--port", "0", (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	char buf[512];
	size_t n = 0;
	ssize_t k;
	*port = 0;
	while (n + 1 < sizeof buf && (k = read(fd[0], buf + n, sizeof buf - 1 - n)) > 0) {
		n += (size_t)k;
		buf[n] = 0;
		const char *p = strstr(buf, "http://127.0.0.1:");
		if (p && strchr(p, '\n')) { *port = atoi(p + 17); break; }
	}
	close(fd[0]);
	if (pid > 0 && *port <= 0) {
		fprintf(stderr, "bench_server: %s serve printed no address (DRAMA_BIN?)\n", bench_drama_bin());
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
		return -1;
	}
	return pid;
}

/* The 1-minute load average (the machine is shared: latency depends on it). */
static double load_avg(void)
{
	double load = 0;
	FILE *f = fopen("/proc/loadavg", "r");
	if (f) { if (fscanf(f, "%lf", &load) != 1) load = 0; fclose(f); }
	return load;
}

/* wrk's latency for a percentile line ("  99%   12.34ms"), in ms; -1 if absent. */
static double wrk_pct(const char *out, const char *pct)
{
	const char *p = strstr(out, "Latency Distribution");
	char key[16];
	snprintf(key, sizeof key, " %s ", pct);
	if (!p || !(p = strstr(p, key))) return -1;
	char unit[8] = "";
	double v = 0;
	if (sscanf(p + strlen(key), " %lf%7s", &v, unit) != 2) return -1;
	return !strcmp(unit, "us") ? v / 1000 : !strcmp(unit, "s") ? v * 1000 : v;
}

BENCH(server_p99_list_wrk)
{
	if (system("command -v wrk >/dev/null 2>&1") != 0) {
		fprintf(stderr, "bench_server: no wrk; run `make deps` (Debian package wrk)\n");
		return;
	}
	char *ws = make_ws(20);
	int port = 0;
	pid_t pid = spawn_serve(ws, &port);
	free(ws);
	if (pid < 0) return;
	/* warm up (thread stacks, the listing), then the measured run */
	char *cmd = xasprintf("wrk -t2 -c50 -d2s http://127.0.0.1:%d/api/projects >/dev/null 2>&1", port);
	if (system(cmd) != 0) fprintf(stderr, "bench_server: wrk failed: %s\n", cmd);
	free(cmd);
	double rss0 = rss_of(pid);
	cmd = xasprintf("wrk -t2 -c50 -d10s --latency http://127.0.0.1:%d/api/projects 2>&1", port);
	FILE *f = popen(cmd, "r");
	struct sbuf out = { 0 };
	char line[512];
	while (f && fgets(line, sizeof line, f)) sb_add(&out, line);
	if (f) pclose(f);
	free(cmd);
	double rss1 = rss_of(pid);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	const char *txt = out.s ? out.s : "";
	double p50 = wrk_pct(txt, "50%"), p99 = wrk_pct(txt, "99%"), rps = 0;
	const char *r = strstr(txt, "Requests/sec:");
	if (r) rps = atof(r + 13);
	const char *errs = strstr(txt, "Non-2xx");
	if (p99 < 0) fprintf(stderr, "bench_server: wrk said:\n%s\n", txt);
	bench_report("server (wrk, separate process): GET /api/projects p50, 50 connections", p50, "ms", "drama serve, 20 projects, wrk -t2 -c50 -d10s");
	char how[80];
	snprintf(how, sizeof how, "target: under 50 ms; load average %.1f", load_avg());
	bench_report("server (wrk, separate process): GET /api/projects p99, 50 connections", p99, "ms", how);
	bench_report("server (wrk, separate process): throughput", rps, "req/s", errs ? "SOME ANSWERS WERE NOT 2xx" : "all 2xx");
	bench_report("server (wrk, separate process): drama serve RSS growth over the run", rss1 - rss0, "MB", "VmRSS after - before the 10 s run");
	sb_free(&out);
}

/* The picture of a never-rendered shot (a project with only its script): the server's
 * own time for each shot's 540x960 PNG (its Server-Timing), and the client's wall time. */
static size_t timing_hdr(char *p, size_t sz, size_t n, void *ud)
{
	double *ms = ud;   /* wall, CPU */
	if (n * sz > 26 && !strncasecmp(p, "Server-Timing: render;dur=", 26)) {
		ms[0] = atof(p + 26);
		const char *c = memmem(p, n * sz, "cpu;dur=", 8);
		if (c) ms[1] = atof(c + 8);
	}
	return sz * n;
}

BENCH(server_shot_preview_540x960)
{
	char *ws = path_join(bench_tmpdir(), "ws"), *dir = path_join(ws, "fresh");
	char *cmd = xasprintf("DRAMA_NO_BAR=1 '%s' script '%s' 'milk tea shop, prince' --minutes 1 >/dev/null 2>&1", bench_drama_bin(), dir);
	int st = system(cmd);
	free(cmd);
	free(dir);
	if (st != 0) { fprintf(stderr, "bench_server: drama script failed (DRAMA_BIN=%s)\n", bench_drama_bin()); free(ws); return; }
	struct server_opts o = SERVER_OPTS_INIT;
	o.workspace = ws;
	o.port = 0;
	o.drama_bin = "/nonexistent/drama";
	struct server *sv = NULL;
	if (server_start(&o, &sv) < 0) { fprintf(stderr, "server_start: %s\n", err_msg()); free(ws); return; }
	free(ws);
	CURL *c = curl_easy_init();
	double server_ms[200], cpu_ms[200], wall_ms[200];
	int n = 0;
	for (int k = 0; k < 40 && n < 200; k++)
		for (int h = 0; h < 40 && n < 200; h++) {
			char url[200];
			snprintf(url, sizeof url, "http://127.0.0.1:%d/api/projects/fresh/shots/preview?episode=0&scene=%d&shot=%d",
			         server_port(sv), k, h);
			double ms[2] = { -1, -1 }, t = bench_now();
			long status = 0;
			curl_easy_setopt(c, CURLOPT_URL, url);
			curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
			curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, timing_hdr);
			curl_easy_setopt(c, CURLOPT_HEADERDATA, ms);
			if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
			if (status != 200) { if (h == 0) k = 40; break; }   /* past the scene's (or episode's) last shot */
			server_ms[n] = ms[0];
			cpu_ms[n] = ms[1];
			wall_ms[n++] = (bench_now() - t) * 1000;
		}
	curl_easy_cleanup(c);
	server_stop(sv);
	if (!n) { fprintf(stderr, "bench_server: no shot picture was answered\n"); return; }
	qsort(server_ms, (size_t)n, sizeof *server_ms, cmp_d);
	qsort(wall_ms, (size_t)n, sizeof *wall_ms, cmp_d);
	qsort(cpu_ms, (size_t)n, sizeof *cpu_ms, cmp_d);
	double load = load_avg();
	char how[120];
	snprintf(how, sizeof how, "%d shots of a 1-minute script-only episode, Server-Timing", n);
	bench_report("server: never-rendered shot's 540x960 picture, median", server_ms[n / 2], "ms", how);
	char how2[120];
	snprintf(how2, sizeof how2, "target: under 1000 ms; load average %.1f", load);
	bench_report("server: never-rendered shot's 540x960 picture, slowest", server_ms[n - 1], "ms", how2);
	bench_report("server: the same, CPU time, median", cpu_ms[n / 2], "ms", "the drawing thread's CPU time");
	bench_report("server: the same, CPU time, slowest", cpu_ms[n - 1], "ms", "");
	bench_report("server: the same, client wall time, slowest", wall_ms[n - 1], "ms", "loopback HTTP included");
}
