/* tests/httpd_double.c — the loopback HTTP server of the protocol test doubles (see
 * httpd_double.h). */
#include "httpd_double.h"
#include "core/util.h"

#include <microhttpd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct dropper { char *buf; size_t len, pos, limit, chunk; double gap; };
static ssize_t drop_reader(void *cls, uint64_t pos, char *out, size_t max)
{
	struct dropper *d = cls;
	if (d->pos >= d->limit) return d->limit < d->len ? MHD_CONTENT_READER_END_WITH_ERROR : MHD_CONTENT_READER_END_OF_STREAM;
	size_t n = d->limit - d->pos;
	if (d->gap > 0) {              /* a slow stream: a piece, then a pause */
		if (d->pos) fake_sleep(d->gap);
		if (n > d->chunk) n = d->chunk;
	}
	if (n > max) n = max;
	memcpy(out, d->buf + d->pos, n);
	d->pos += n;
	return (ssize_t)n;
}
static void drop_free(void *cls) { struct dropper *d = cls; free(d->buf); free(d); }

void fake_sleep(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
	nanosleep(&ts, NULL);
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *con, const char *url, const char *method,
                               const char *version, const char *up, size_t *up_n, void **con_cls)
{
	struct fake *f = cls;
	struct sbuf *b = *con_cls;
	if (!b) { b = calloc(1, sizeof *b); sb_add(b, ""); *con_cls = b; return MHD_YES; }
	if (*up_n) { sb_addn(b, up, *up_n); *up_n = 0; return MHD_YES; }
	const char *auth = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization");
	json_t *req = json_object();
	json_object_set_new(req, "method", json_string(method));
	json_object_set_new(req, "url", json_string(url));
	if (auth) json_object_set_new(req, "auth", json_string(auth));
	json_t *body = json_loads(b->s, 0, NULL);
	json_t *bs = body ? body : json_stringn(b->s, b->len);
	json_object_set_new(req, "body", bs ? bs : json_string("(binary)"));
	const char *q = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "filename");
	if (q) json_object_set_new(req, "filename", json_string(q));
	pthread_mutex_lock(&f->mu);
	json_array_append(f->log, req);
	int n = f->count++;
	pthread_mutex_unlock(&f->mu);
	struct fake_reply r = { .status = 200, .ctype = "application/json" };
	f->fn(f, n, method, url, req, b->s, b->len, &r);
	json_decref(req);
	if (r.delay > 0) fake_sleep(r.delay);
	size_t len = r.len ? r.len : r.body ? strlen(r.body) : 0;
	struct MHD_Response *resp;
	if (r.drop_after || r.trickle > 0) {
		struct dropper *d = calloc(1, sizeof *d);
		d->buf = r.body;
		d->len = len;
		d->limit = r.drop_after && r.drop_after < d->len ? r.drop_after : d->len;
		d->gap = r.trickle;
		d->chunk = r.chunk ? r.chunk : 16;
		resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256, drop_reader, d, drop_free);
	} else {
		resp = MHD_create_response_from_buffer(len, r.body ? r.body : "", MHD_RESPMEM_MUST_COPY);
		free(r.body);
	}
	MHD_add_response_header(resp, "Content-Type", r.ctype ? r.ctype : "application/json");
	if (r.hk) MHD_add_response_header(resp, r.hk, r.hv);
	enum MHD_Result ok = MHD_queue_response(con, (unsigned)r.status, resp);
	MHD_destroy_response(resp);
	return ok;
}

static void done(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
	struct sbuf *b = *con_cls;
	if (b) { sb_free(b); free(b); *con_cls = NULL; }
}

int fake_start(struct fake *f, fake_fn fn, void *ud)
{
	memset(f, 0, sizeof *f);
	pthread_mutex_init(&f->mu, NULL);
	f->log = json_array();
	f->fn = fn;
	f->ud = ud;
	struct sockaddr_in a = { 0 };
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = 0;
	f->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0, NULL, NULL,
	                        handler, f, MHD_OPTION_SOCK_ADDR, &a, MHD_OPTION_NOTIFY_COMPLETED, done, NULL, MHD_OPTION_END);
	if (!f->d) return -1;
	f->port = MHD_get_daemon_info(f->d, MHD_DAEMON_INFO_BIND_PORT)->port;
	return 0;
}

void fake_stop(struct fake *f)
{
	if (f->d) MHD_stop_daemon(f->d);
	json_decref(f->log);
	pthread_mutex_destroy(&f->mu);
}

char *fake_url(const struct fake *f) { return xasprintf("http://127.0.0.1:%d", f->port); }
