/* server/server.h — the web workbench: `drama serve [DIR] [--port N]`. A libmicrohttpd
 * server for a workspace folder of projects, with a small JSON REST API (projects,
 * storyboard, jobs, assets), server-sent events for job progress, and the page from
 * data/web/.
 *
 *   struct server_opts o = SERVER_OPTS_INIT;
 *   o.workspace = "studio"; o.port = 8080; o.drama_bin = "/usr/local/bin/drama";
 *   struct server *sv;
 *   if (server_start(&o, &sv) == 0) { ... server_port(sv) ...; server_stop(sv); }
 *
 * Long work runs as jobs: child `drama` processes, one per project at a time, whose
 * state is kept in PROJECT/job.json so a page reload or a server restart finds it.
 *
 * Safety against hostile web pages and other clients (docs in README, tests in
 * tests/test_server.c): the Host header must be one of this server's own names with its
 * port (DNS rebinding); a request that changes anything must be JSON and same-origin
 * (an Origin equal to http://HOST:PORT, or no Origin and the page's X-Drama header);
 * every answer carries a strict Content-Security-Policy, X-Frame-Options: DENY and
 * nosniff; connections are limited in number, per address and in idle time. With a
 * token, the page logs in once (POST /login) and gets an HttpOnly SameSite=Strict cookie.
 */
#ifndef DRAMA_SERVER_H
#define DRAMA_SERVER_H

#include <stddef.h>

struct server_opts {
	const char *workspace;    /* folder holding the projects */
	const char *host;         /* listen address; default 127.0.0.1 */
	int port;                 /* 0 = any free port */
	const char *token;        /* required for a non-loopback host; NULL = none */
	const char *drama_bin;    /* the drama executable jobs run */
	size_t max_body;          /* request body limit in bytes (default 8 MB) */
	int cancel_grace_ms;      /* Cancel: SIGTERM, then SIGKILL after this (0 = 5000) */
	int no_listen;            /* no socket: only server_handle (fuzzing) */
};
#define SERVER_OPTS_INIT { NULL, "127.0.0.1", 8080, NULL, NULL, 8u << 20, 0, 0 }

/* Connection limits given to libmicrohttpd. */
#define SERVER_MAX_CONNECTIONS 256
#define SERVER_MAX_PER_IP 64
#define SERVER_IDLE_TIMEOUT_S 20

struct server;
/* Returns 0 or <0 with err_msg (port in use, bad host, token missing). server_stop frees. */
int server_start(const struct server_opts *o, struct server **out);
int server_port(const struct server *sv);
void server_stop(struct server *sv);       /* NULL ok; running jobs continue */

/* One request through the same checks and routes as a socket request, without a
 * socket (fuzzing, tests). url may hold a query string; headers are name, value pairs
 * ending with NULL. Returns the status; *body (may be NULL) gets the answer's bytes for
 * buffer answers (caller frees; files and event streams give an empty body). */
struct server_request {
	const char *method, *url;
	const char *const *headers;
	const char *body;
	size_t body_len;
};
int server_handle(struct server *sv, const struct server_request *rq, char **body, size_t *len);

#endif
