/* tests/httpd_double.h — the loopback HTTP server the protocol test doubles share (the
 * OpenAI-compatible chat and speech servers, ComfyUI, the images API): libmicrohttpd on
 * 127.0.0.1 at an ephemeral port, one thread per connection. Every request is logged
 * as JSON ({"method", "url", "auth", "body", "filename"}; body parsed when it is JSON)
 * so a test can assert what drama sent; the test's handler gives each answer, and may
 * delay it or break the connection part-way. The protocols stay in their tests.
 *
 *   static void h(struct fake *f, int n, const char *method, const char *url, const json_t *req,
 *                 const char *raw, size_t rawn, struct fake_reply *r)
 *   { r->body = xstrdup("{\"ok\": true}"); }          // malloc'd; the server frees it
 *   struct fake f;
 *   fake_start(&f, h, NULL);  ... http://127.0.0.1:f.port ...  fake_stop(&f);
 */
#ifndef DRAMA_TESTS_HTTPD_DOUBLE_H
#define DRAMA_TESTS_HTTPD_DOUBLE_H

#include <jansson.h>
#include <pthread.h>
#include <stddef.h>

struct fake_reply {
	int status;              /* 200 unless set */
	const char *ctype;       /* "application/json" unless set */
	char *body;              /* malloc'd by the handler (or NULL); freed by the server */
	size_t len;              /* 0 = strlen(body) (set it for binary bodies) */
	size_t drop_after;       /* >0: send this many bytes then break the connection */
	double delay;            /* seconds to wait before answering */
	double trickle;          /* >0: send the body `chunk` bytes at a time, this many seconds apart */
	size_t chunk;            /* bytes per trickled piece (default 16) */
	const char *hk, *hv;     /* one extra response header */
};
struct fake;
/* n: 0-based request number; req: the logged request (borrowed); raw/rawn: the body's bytes. */
typedef void (*fake_fn)(struct fake *f, int n, const char *method, const char *url, const json_t *req,
                        const char *raw, size_t rawn, struct fake_reply *r);
struct fake {
	struct MHD_Daemon *d;
	int port;
	pthread_mutex_t mu;      /* held while the log and count change; handlers may use it */
	json_t *log;             /* [{method, url, auth, body, filename}] */
	fake_fn fn;
	int count;
	void *ud;                /* the test's state */
};

/* 0, or -1 when the server cannot start. */
int fake_start(struct fake *f, fake_fn fn, void *ud);
void fake_stop(struct fake *f);
char *fake_url(const struct fake *f);          /* "http://127.0.0.1:PORT"; caller frees */
void fake_sleep(double s);

#endif
