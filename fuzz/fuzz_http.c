/* fuzz/fuzz_http.c — fuzzes the web workbench's request handling (server_handle: the
 * same checks and routes as a socket request, without a socket). Beyond "no crash, no
 * leak, no undefined behaviour", every answer must keep issue 18's promises:
 *   - a Host that is not the server's own name and port gets 403, whatever else;
 *   - no change (POST, PUT, DELETE) succeeds (2xx) unless it was same-origin JSON:
 *     Content-Type application/json and an Origin of http://HOST or, with no Origin,
 *     X-Drama: 1 (the login form aside);
 *   - in token mode, no /api/ answer but a refusal (400, 401, 403, 405, 413) without
 *     the cookie or the token;
 *   - the status is a real one (100-599).
 * No job runs: the server's drama binary does not exist, so a create that passes every
 * check answers 500 and must leave no folder behind (checked too).
 *
 * Input: "METHOD URL\n", then header lines "Name: value\n", an empty line, the body.
 * An input that starts with "T " goes to the token-mode server (token
 * "fuzz-token-0123456789"), any other to the server without a token. Scratch workspace:
 * /dev/shm/drama-fuzz-http.PID (one project, "alpha").
 *
 *   make fuzz FUZZ_ONLY=http       (libFuzzer, clang; see fuzz/README)
 */
#include "server/server.h"
#include "core/util.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern long fuzz_accepts __attribute__((weak));   /* fuzz/common.c counts for replay */

#define TOKEN "fuzz-token-0123456789"
#define MAX_HEADERS 24

static struct server *open_sv, *token_sv;
static char *ws;
static int port;

static void die(const char *what)
{
	fprintf(stderr, "fuzz: %s\n", what);
	abort();
}

static void setup(void)
{
	if (open_sv) return;
	log_set_level(LOG_ERROR);
	ws = xasprintf("/dev/shm/drama-fuzz-http.%d", (int)getpid());
	char *dir = path_join(ws, "alpha"), *sb = path_join(dir, "storyboard.json");
	if (mkdir_p(dir) < 0) die("cannot make the scratch workspace");
	const char *json =
		"{\"title\": \"T\", \"lang\": \"en\", \"characters\": [{\"name\": \"Xia\"}], \"locations\": [{\"name\": \"Shop\"}],"
		" \"episodes\": [{\"number\": 1, \"scenes\": [{\"location\": \"Shop\", \"shots\": ["
		"{\"type\": \"medium\", \"line\": {\"speaker\": \"Xia\", \"text\": \"We close at nine.\"}}]}]}]}";
	file_write_atomic(sb, json, strlen(json));
	free(dir);
	free(sb);
	struct server_opts o = SERVER_OPTS_INIT;
	o.workspace = ws;
	o.port = 8080;
	o.drama_bin = "/nonexistent/drama-fuzz";
	o.no_listen = 1;
	o.max_body = 1 << 16;
	if (server_start(&o, &open_sv) < 0) die(err_msg());
	o.token = TOKEN;
	if (server_start(&o, &token_sv) < 0) die(err_msg());
	port = 8080;
}

static int count_entries(void)
{
	DIR *d = opendir(ws);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d))) n += e->d_name[0] != '.';
	if (d) closedir(d);
	return n;
}

static const char *header(char *const *h, int n, const char *name)
{
	for (int i = 0; i < n; i += 2)
		if (!strcasecmp(h[i], name)) return h[i + 1];   /* the first, as libmicrohttpd's lookup */
	return NULL;
}

static int host_ok(const char *host)
{
	static const char *const names[] = { "127.0.0.1", "localhost", "[::1]" };
	char want[64];
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(want, sizeof want, "%s:%d", names[i], port);
		if (host && !strcasecmp(host, want)) return 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
	char *text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = 0;
	int tok = !strncmp(text, "T ", 2);
	char *line_end = strchr(text + 2 * tok, '\n');
	if (!line_end) { free(text); return 0; }
	*line_end = 0;
	char *method = text + 2 * tok, *sp = strchr(method, ' ');
	if (!sp) { free(text); return 0; }
	*sp = 0;
	char *url = sp + 1;
	char *h[MAX_HEADERS * 2 + 1];
	int nh = 0;
	char *p = line_end + 1;
	while (*p && *p != '\n') {
		char *e = strchr(p, '\n'), *colon;
		if (e) *e = 0;
		if ((colon = strchr(p, ':')) && nh < MAX_HEADERS * 2) {
			*colon = 0;
			h[nh++] = p;
			h[nh++] = colon + 1 + (colon[1] == ' ');
		}
		if (!e) { p += strlen(p); break; }
		p = e + 1;
	}
	if (*p == '\n') p++;
	h[nh] = NULL;
	const char *body = p;
	size_t body_len = size - (size_t)(p - text);
	if (p > text + size) body_len = 0;
	struct server *sv = tok ? token_sv : open_sv;
	int before = count_entries();
	struct server_request rq = { method, url, (const char *const *)h, body_len ? body : NULL, body_len };
	char *out = NULL;
	size_t out_len = 0;
	int status = server_handle(sv, &rq, &out, &out_len);
	if (&fuzz_accepts) fuzz_accepts++;
	if (status < 100 || status > 599) die("status out of range");
	const char *host = header(h, nh, "Host");
	if (!host_ok(host) && status != 403) die("a foreign Host was answered");
	int change = !strcmp(method, "POST") || !strcmp(method, "PUT") || !strcmp(method, "DELETE");
	if (change && status >= 200 && status < 300 && strcmp(url, "/login") && strncmp(url, "/login?", 7)) {
		const char *ct = header(h, nh, "Content-Type"), *origin = header(h, nh, "Origin"), *x = header(h, nh, "X-Drama");
		char want[80];
		snprintf(want, sizeof want, "http://%s", host ? host : "");
		if (!ct || strncasecmp(ct, "application/json", 16)) die("a change without JSON succeeded");
		if (origin ? strcasecmp(origin, want) : !(x && !strcmp(x, "1"))) die("a cross-origin change succeeded");
	}
	if (tok && !strncmp(url, "/api/", 5) && status != 400 && status != 401 && status != 403 && status != 405 && status != 413) {
		const char *auth = header(h, nh, "Authorization"), *cookie = header(h, nh, "Cookie");
		if (!(auth && strstr(auth, TOKEN)) && !(cookie && strstr(cookie, "drama_session=")))
			die("an API answer without login");
	}
	if (status == 500 && count_entries() != before) die("a failed create left a folder");
	free(out);
	free(text);
	return 0;
}
