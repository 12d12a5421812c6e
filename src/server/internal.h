/* server/internal.h — what server.c (connections, safety checks, pages, login) and api.c
 * (the project API) share. Not for other modules. A request is read through `get` so
 * the same code serves libmicrohttpd connections and server_handle (no socket); the
 * answer is built in a struct hresp and sent (or dropped) by the caller. */
#ifndef DRAMA_SERVER_INTERNAL_H
#define DRAMA_SERVER_INTERNAL_H

#include <jansson.h>
#include <limits.h>
#include <stdint.h>

struct listing { char *body; size_t len; double at; unsigned gen; };   /* api.c's last GET /api/projects */

struct server {
	struct MHD_Daemon *d;
	char ws[PATH_MAX];        /* realpath of the workspace */
	char web[PATH_MAX];       /* realpath of data/web */
	char *token;
	char session[65];         /* the login cookie's value, random per server run */
	char *host;               /* --host as given */
	size_t max_body;
	int wildcard;             /* listening on 0.0.0.0 */
	int port;
	struct listing listing;   /* owned: body freed by server_stop */
};

enum hkind { HK_HEADER, HK_QUERY };

struct hreq {
	const char *method, *url;          /* url: the path, %-decoded, no query */
	const char *body;
	size_t body_len;
	int too_big;
	const char *(*get)(const void *ctx, enum hkind kind, const char *key);
	const void *ctx;
};

#define HRESP_MAX_HEADERS 6
struct hresp {
	int status;
	const char *type;
	char *body;                        /* a buffer answer (owned) */
	size_t len;
	int fd;                            /* a file answer: fd >= 0 (owned), off, flen */
	uint64_t off, flen;
	void *sse;                         /* an event stream (struct sse, owned) */
	const char *cache;                 /* Cache-Control */
	char *hk[HRESP_MAX_HEADERS], *hv[HRESP_MAX_HEADERS];
	int nh;
};

static inline const char *hreq_header(const struct hreq *rq, const char *k) { return rq->get(rq->ctx, HK_HEADER, k); }
static inline const char *hreq_query(const struct hreq *rq, const char *k) { return rq->get(rq->ctx, HK_QUERY, k); }

void resp_init(struct hresp *r);
void resp_free(struct hresp *r);
void resp_header(struct hresp *r, const char *k, const char *v);
void resp_buf(struct hresp *r, int status, const char *type, const char *buf, size_t n);
void resp_json(struct hresp *r, int status, json_t *j);          /* steals j */
void resp_err(struct hresp *r, int status, const char *msg);
/* 422 {"error": msg, "field": field} */
void resp_field_err(struct hresp *r, const char *field, const char *msg);
/* A file with HTTP Range support; path must already be confined. */
void resp_file(struct hresp *r, const struct hreq *rq, const char *path, int download);
/* rel resolved inside root (both exist); NULL if it escapes or is absent. Caller frees. */
char *server_confine(const char *root, const char *rel);

/* api.c: /api/... after the safety checks. */
void api_route(struct server *sv, const struct hreq *rq, struct hresp *r);
/* preview.c: GET /api/looks, the choices of the cast editor. */
void api_looks(struct hresp *r);
/* preview.c: POST .../preview/character (a PNG sheet) or .../preview/voice (a WAV) for
 * the character body.name with body's look, voice, gender, age; nothing is saved. */
void api_preview(const char *dir, const char *what, json_t *body, struct hresp *r);
/* preview.c: GET .../shots/preview?episode=E&scene=S&shot=K[&w=W&h=H][&v=VERSION]: a PNG
 * of a shot drawn on demand (default 540x960), Server-Timing giving the drawing's time;
 * kept by the browser when v (the storyboard's version) is given. */
void api_shot_preview(const char *dir, const struct hreq *rq, struct hresp *r);
/* thumbs.c: episode e's rendered thumbnails, one per shot of s in storyboard order
 * ("cache/shots/HASH.thumb.png", or null for a shot changed since the render), or NULL
 * when there are none. New reference. */
struct series;
json_t *thumbs_for(const char *dir, const struct series *s, size_t e);
/* thumbs.c: before a new storyboard replaces `old` (the saved one): remember which
 * thumbnail shows which shot's content, so a moved shot keeps its own and an edited one
 * has none (the page asks for a preview instead). Failures are only logged. */
void thumbs_keep(const char *dir, const struct series *old);
/* api.c: free an event stream's state (struct sse). */
void api_sse_free(void *sse);
/* api.c: the next event of a stream into buf; returns bytes, 0 at the end. */
long api_sse_next(void *sse, char *buf, size_t max);

#endif
