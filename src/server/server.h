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
};
#define SERVER_OPTS_INIT { NULL, "127.0.0.1", 8080, NULL, NULL, 8u << 20 }

struct server;
/* Returns 0 or <0 with err_msg (port in use, bad host, token missing). server_stop frees. */
int server_start(const struct server_opts *o, struct server **out);
int server_port(const struct server *sv);
void server_stop(struct server *sv);       /* NULL ok; running jobs continue */

#endif
