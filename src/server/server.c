/* server/server.c — connections, safety checks, the page and the login for the web
 * workbench (see server.h); the project API is in api.c. */
#include "server/server.h"
#include "server/internal.h"
#include "server/jobs.h"
#include "core/util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

/* No inline script or style anywhere: the page is /app.js and /style.css only. */
#define CSP "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " \
            "media-src 'self' blob:; connect-src 'self'; font-src 'self'; form-action 'self'; " \
            "frame-ancestors 'none'; base-uri 'none'"
#define COOKIE "drama_session"

/* ---- answers ---- */
void resp_init(struct hresp *r)
{
	memset(r, 0, sizeof *r);
	r->fd = -1;
	r->cache = "no-store";
}

void resp_free(struct hresp *r)
{
	free(r->body);
	if (r->fd >= 0) close(r->fd);
	if (r->sse) api_sse_free(r->sse);
	for (int i = 0; i < r->nh; i++) { free(r->hk[i]); free(r->hv[i]); }
	resp_init(r);
}

void resp_header(struct hresp *r, const char *k, const char *v)
{
	if (r->nh >= HRESP_MAX_HEADERS) return;
	r->hk[r->nh] = xstrdup(k);
	r->hv[r->nh++] = xstrdup(v);
}

void resp_buf(struct hresp *r, int status, const char *type, const char *buf, size_t n)
{
	free(r->body);
	r->status = status;
	r->type = type;
	r->body = xmalloc(n + 1);
	memcpy(r->body, buf, n);
	r->body[n] = 0;
	r->len = n;
}

void resp_json(struct hresp *r, int status, json_t *j)
{
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!s) {                       /* a value jansson would not build or write */
		status = 500;
		s = xstrdup("{\"error\":\"the server could not write its answer\"}");
	}
	resp_buf(r, status, "application/json; charset=utf-8", s, strlen(s));
	free(s);
}

void resp_err(struct hresp *r, int status, const char *msg)
{
	/* messages quote the request (a JSON error's text, a name), whose bytes may not be
	 * UTF-8, or be cut inside a character: jansson refuses such a string */
	char *ok = NULL;
	size_t n;
	utf8_repair(msg, strlen(msg), &ok, &n, NULL);
	resp_json(r, status, json_pack("{s:s}", "error", ok));
	free(ok);
}

void resp_field_err(struct hresp *r, const char *field, const char *msg)
{
	char *ok = NULL;
	utf8_repair(msg, strlen(msg), &ok, NULL, NULL);
	resp_json(r, 422, json_pack("{s:s, s:s}", "error", ok, "field", field));
	free(ok);
}

static const char *mime(const char *path)
{
	static const char *const t[][2] = {
		{ ".html", "text/html; charset=utf-8" }, { ".js", "text/javascript; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" }, { ".json", "application/json; charset=utf-8" },
		{ ".png", "image/png" }, { ".jpg", "image/jpeg" }, { ".svg", "image/svg+xml" },
		{ ".mp4", "video/mp4" }, { ".wav", "audio/wav" }, { ".srt", "text/plain; charset=utf-8" },
		{ ".ass", "text/plain; charset=utf-8" }, { ".fountain", "text/plain; charset=utf-8" },
		{ ".txt", "text/plain; charset=utf-8" }, { ".log", "text/plain; charset=utf-8" },
		{ ".zip", "application/zip" },
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++)
		if (str_has_suffix(path, t[i][0])) return t[i][1];
	return "application/octet-stream";
}

void resp_file(struct hresp *r, const struct hreq *rq, const char *path, int download)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0) close(fd);
		resp_err(r, 404, "no such file");
		return;
	}
	uint64_t size = (uint64_t)st.st_size, off = 0, len = size;
	int status = 200;
	const char *range = hreq_header(rq, "Range");
	unsigned long long a, b;
	if (range && size) {
		int n = sscanf(range, "bytes=%llu-%llu", &a, &b);
		if (n >= 1 && a < size) {
			if (n < 2 || b >= size) b = size - 1;
			if (b >= a) {
				off = a;
				len = b - a + 1;
				status = 206;
			}
		} else if (n >= 1) {
			close(fd);
			resp_err(r, 416, "range not satisfiable");
			return;
		}
	}
	r->status = status;
	r->type = mime(path);
	r->fd = fd;
	r->off = off;
	r->flen = len;
	r->cache = "no-cache";
	resp_header(r, "Accept-Ranges", "bytes");
	if (status == 206) {
		char cr[128];
		snprintf(cr, sizeof cr, "bytes %llu-%llu/%llu", (unsigned long long)off,
		         (unsigned long long)(off + len - 1), (unsigned long long)size);
		resp_header(r, "Content-Range", cr);
	}
	if (download) {
		const char *base = strrchr(path, '/');
		char cd[400];
		snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", base ? base + 1 : path);
		resp_header(r, "Content-Disposition", cd);
	}
}

char *server_confine(const char *root, const char *rel)
{
	if (!rel || !*rel || rel[0] == '/' || strstr(rel, "..") || strchr(rel, '\\')) return NULL;
	char *full = path_join(root, rel), real[PATH_MAX];
	char *ok = realpath(full, real);
	free(full);
	if (!ok) return NULL;
	size_t n = strlen(root);
	if (strncmp(real, root, n) || (real[n] != '/' && real[n] != 0)) return NULL;
	return xstrdup(real);
}

/* ---- safety checks ---- */
/* Equal without an early exit, so the time taken does not tell how much of a guess was
 * right. The length of the secret may leak; its bytes do not. */
static int ct_equal(const char *guess, const char *secret)
{
	size_t gl = strlen(guess), sl = strlen(secret);
	volatile unsigned char acc = (unsigned char)(gl != sl);
	for (size_t i = 0; i < sl; i++) acc |= (unsigned char)(secret[i] ^ (i < gl ? guess[i] : 0));
	return acc == 0;
}

/* The value of cookie `name` in a Cookie header into out; 0 if found. */
static int cookie_value(const char *hdr, const char *name, char *out, size_t cap)
{
	size_t nl = strlen(name);
	for (const char *p = hdr; p && *p;) {
		while (*p == ' ' || *p == ';') p++;
		if (!strncmp(p, name, nl) && p[nl] == '=') {
			p += nl + 1;
			size_t n = strcspn(p, ";");
			if (n >= cap) return -1;
			memcpy(out, p, n);
			out[n] = 0;
			return 0;
		}
		p = strchr(p, ';');
	}
	return -1;
}

static int authorised(const struct server *sv, const struct hreq *rq)
{
	if (!sv->token) return 1;
	char v[128];
	if (cookie_value(hreq_header(rq, "Cookie"), COOKIE, v, sizeof v) == 0 && ct_equal(v, sv->session)) return 1;
	const char *h = hreq_header(rq, "Authorization");
	return h && !strncmp(h, "Bearer ", 7) && ct_equal(h + 7, sv->token);
}

/* The Host header must name this server exactly (DNS rebinding: a page of
 * evil.example whose name now points at 127.0.0.1 sends Host: evil.example:PORT). */
static int host_allowed(const struct server *sv, const char *host)
{
	if (!host || !*host) return 0;
	char want[300];
	const char *names[] = { "127.0.0.1", "localhost", "[::1]", sv->host };
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		if (!names[i] || !strcmp(names[i], "0.0.0.0")) continue;
		snprintf(want, sizeof want, "%s:%d", names[i], sv->port);
		if (!strcasecmp(host, want) || (sv->port == 80 && !strcasecmp(host, names[i]))) return 1;
	}
	if (sv->wildcard) {
		/* on every address: any address literal with our port (an address is no DNS
		 * name, so it cannot be rebound), and this machine's own name */
		char name[256], addr[sizeof(struct in6_addr)];
		const char *colon = strrchr(host, ':');
		size_t n = colon ? (size_t)(colon - host) : strlen(host);
		if (n >= sizeof name || (colon ? atoi(colon + 1) : 80) != sv->port) return 0;
		memcpy(name, host, n);
		name[n] = 0;
		if (inet_pton(AF_INET, name, addr) == 1) return 1;
		if (n > 2 && name[0] == '[' && name[n - 1] == ']') {
			name[n - 1] = 0;
			if (inet_pton(AF_INET6, name + 1, addr) == 1) return 1;
			return 0;
		}
		char me[256];
		if (gethostname(me, sizeof me) == 0 && !strcasecmp(name, me)) return 1;
	}
	return 0;
}

/* A request that changes something must come from the page itself: JSON (a form or a
 * cross-site "simple" request cannot send that without a CORS preflight, which this
 * server never approves) and same-origin. Returns NULL, or why it is refused. */
static const char *refuse_change(const struct hreq *rq)
{
	const char *ct = hreq_header(rq, "Content-Type");
	if (!ct || strncasecmp(ct, "application/json", 16) || (ct[16] && ct[16] != ';' && ct[16] != ' '))
		return "changes must be sent as Content-Type: application/json";
	const char *site = hreq_header(rq, "Sec-Fetch-Site");
	if (site && strcmp(site, "same-origin") && strcmp(site, "none")) return "cross-site requests are refused";
	const char *origin = hreq_header(rq, "Origin"), *host = hreq_header(rq, "Host");
	if (origin) {
		char want[320];
		snprintf(want, sizeof want, "http://%s", host ? host : "");
		if (strcasecmp(origin, want)) return "cross-origin requests are refused";
	} else {
		const char *x = hreq_header(rq, "X-Drama");
		if (!x || strcmp(x, "1")) return "changes need an Origin header or the X-Drama: 1 header";
	}
	return NULL;
}

/* ---- pages and login ---- */
static void static_file(struct server *sv, const struct hreq *rq, struct hresp *r, const char *rel)
{
	char *p = server_confine(sv->web, rel);
	if (p) resp_file(r, rq, p, 0);
	else resp_err(r, 404, "not found");
	free(p);
}

static void set_session(struct server *sv, struct hresp *r)
{
	char c[160];
	snprintf(c, sizeof c, COOKIE "=%s; HttpOnly; SameSite=Strict; Path=/", sv->session);
	resp_header(r, "Set-Cookie", c);
	resp_header(r, "Location", "/");
	resp_buf(r, 303, "text/plain; charset=utf-8", "", 0);
}

/* The token from a login form body "token=..." (%-decoded, '+' = space) or JSON. */
static int form_token(const struct hreq *rq, char *out, size_t cap)
{
	if (!rq->body || rq->body_len >= 1024) return -1;
	char buf[1024];
	memcpy(buf, rq->body, rq->body_len);
	buf[rq->body_len] = 0;
	if (buf[0] == '{') {
		json_t *j = json_loads(buf, 0, NULL);
		const char *t = json_string_value(json_object_get(j, "token"));
		int ok = t && strlen(t) < cap;
		if (ok) snprintf(out, cap, "%s", t);
		json_decref(j);
		return ok ? 0 : -1;
	}
	const char *p = strstr(buf, "token=");
	if (!p || (p != buf && p[-1] != '&')) return -1;
	p += 6;
	size_t k = 0;
	for (; *p && *p != '&' && k + 1 < cap; p++) {
		unsigned h;
		if (*p == '%' && sscanf(p + 1, "%2x", &h) == 1) { out[k++] = (char)h; p += 2; }
		else out[k++] = *p == '+' ? ' ' : *p;
	}
	out[k] = 0;
	return 0;
}

static void login(struct server *sv, const struct hreq *rq, struct hresp *r)
{
	const char *origin = hreq_header(rq, "Origin"), *host = hreq_header(rq, "Host");
	char want[320], tok[512];
	snprintf(want, sizeof want, "http://%s", host ? host : "");
	if (origin && strcasecmp(origin, want)) { resp_err(r, 403, "cross-origin requests are refused"); return; }
	if (!sv->token) { resp_header(r, "Location", "/"); resp_buf(r, 303, "text/plain", "", 0); return; }
	if (form_token(rq, tok, sizeof tok) == 0 && ct_equal(tok, sv->token)) { set_session(sv, r); return; }
	if (sv->d) usleep(300000);   /* a wrong guess costs time (not when fuzzing) */
	resp_header(r, "Location", "/?failed=1");
	resp_buf(r, 303, "text/plain; charset=utf-8", "", 0);
}

static void route(struct server *sv, const struct hreq *rq, struct hresp *r)
{
	const char *method = rq->method, *url = rq->url;
	int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	if (!host_allowed(sv, hreq_header(rq, "Host"))) { resp_err(r, 403, "unexpected Host header"); return; }
	if (rq->too_big) { resp_err(r, 413, "the request is too large"); return; }
	if (url[0] != '/') { resp_err(r, 400, "the address must be a path starting with /"); return; }
	if (!get && strcmp(method, "POST") && strcmp(method, "PUT") && strcmp(method, "DELETE")) {
		resp_err(r, 405, "method not allowed");
		return;
	}
	if (!strcmp(url, "/login")) {
		if (!strcmp(method, "POST")) login(sv, rq, r);
		else static_file(sv, rq, r, "login.html");
		return;
	}
	int authed = authorised(sv, rq);
	if (strncmp(url, "/api/", 5)) {
		if (!get) { resp_err(r, 405, "method not allowed"); return; }
		int page = !strcmp(url, "/") || !strcmp(url, "/index.html");
		if (page && !authed) {
			/* the address `drama serve` prints carries the token once: swap it for the
			 * cookie and drop it from the address bar */
			const char *t = hreq_query(rq, "token");
			if (t && ct_equal(t, sv->token)) set_session(sv, r);
			else static_file(sv, rq, r, "login.html");
			return;
		}
		static_file(sv, rq, r, page ? "index.html" : url + 1);
		return;
	}
	if (!authed) { resp_err(r, 401, "log in first: open the workbench's address and give its token"); return; }
	if (!get) {
		const char *why = refuse_change(rq);
		if (why) { resp_err(r, 403, why); return; }
	}
	api_route(sv, rq, r);
}

/* ---- libmicrohttpd glue ---- */
struct req { struct sbuf body; int too_big; };

static const char *mhd_get(const void *ctx, enum hkind kind, const char *key)
{
	return MHD_lookup_connection_value((struct MHD_Connection *)ctx, kind == HK_HEADER ? MHD_HEADER_KIND : MHD_GET_ARGUMENT_KIND, key);
}

static ssize_t sse_cb(void *cls, uint64_t pos, char *buf, size_t max)
{
	long n = api_sse_next(cls, buf, max);
	return n > 0 ? (ssize_t)n : MHD_CONTENT_READER_END_OF_STREAM;
}

static enum MHD_Result send_resp(struct MHD_Connection *c, struct hresp *h)
{
	struct MHD_Response *r;
	if (h->sse) {
		r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 8192, sse_cb, h->sse, api_sse_free);
		h->sse = NULL;
	} else if (h->fd >= 0) {
		r = MHD_create_response_from_fd_at_offset64(h->flen, h->fd, h->off);
		h->fd = -1;
	} else {
		r = MHD_create_response_from_buffer(h->len, h->body ? h->body : (void *)"", MHD_RESPMEM_MUST_COPY);
	}
	if (!r) return MHD_NO;
	MHD_add_response_header(r, "Content-Type", h->type ? h->type : "application/octet-stream");
	MHD_add_response_header(r, "Cache-Control", h->cache);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Content-Security-Policy", CSP);
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	for (int i = 0; i < h->nh; i++) MHD_add_response_header(r, h->hk[i], h->hv[i]);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)h->status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                               const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct server *sv = cls;
	struct req *rq = *con_cls;
	if (!rq) {
		rq = xcalloc(1, sizeof *rq);
		*con_cls = rq;
		return MHD_YES;
	}
	if (*upload_size) {
		if (rq->body.len + *upload_size > sv->max_body) rq->too_big = 1;
		else sb_addn(&rq->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	struct hreq hr = { method, url, rq->body.s, rq->body.len, rq->too_big, mhd_get, c };
	struct hresp h;
	resp_init(&h);
	route(sv, &hr, &h);
	enum MHD_Result ok = send_resp(c, &h);
	resp_free(&h);
	return ok;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
	struct req *rq = *con_cls;
	if (!rq) return;
	sb_free(&rq->body);
	free(rq);
	*con_cls = NULL;
}

/* libmicrohttpd's messages (refused connections over the limits, timeouts) are routine
 * under load or attack: debug level only. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	msg[strcspn(msg, "\n")] = 0;
	log_debug("serve", "%s", msg);
}

/* ---- requests without a socket ---- */
#define OFFLINE_ARGS 8
struct offline { const char *const *headers; const char *k[OFFLINE_ARGS], *v[OFFLINE_ARGS]; int n; };

static const char *offline_get(const void *ctx, enum hkind kind, const char *key)
{
	const struct offline *o = ctx;
	if (kind == HK_HEADER) {
		for (const char *const *h = o->headers; h && h[0] && h[1]; h += 2)
			if (!strcasecmp(h[0], key)) return h[1];
		return NULL;
	}
	for (int i = 0; i < o->n; i++)
		if (!strcmp(o->k[i], key)) return o->v[i];
	return NULL;
}

static void url_unescape(char *s)
{
	char *w = s;
	for (const char *p = s; *p; p++) {
		unsigned h;
		if (*p == '%' && p[1] && p[2] && sscanf(p + 1, "%2x", &h) == 1 && h) { *w++ = (char)h; p += 2; }
		else *w++ = *p;
	}
	*w = 0;
}

int server_handle(struct server *sv, const struct server_request *rq, char **body, size_t *len)
{
	char *url = xstrdup(rq->url ? rq->url : "/");
	struct offline o = { .headers = rq->headers };
	char *q = strchr(url, '?');
	if (q) *q++ = 0;
	while (q && *q && o.n < OFFLINE_ARGS) {
		char *amp = strchr(q, '&'), *eq;
		if (amp) *amp = 0;
		if ((eq = strchr(q, '='))) *eq = 0;
		url_unescape(q);
		if (eq) url_unescape(eq + 1);
		o.k[o.n] = q;
		o.v[o.n++] = eq ? eq + 1 : "";
		q = amp ? amp + 1 : NULL;
	}
	url_unescape(url);
	struct hreq hr = { rq->method ? rq->method : "GET", url, rq->body, rq->body_len, rq->body_len > sv->max_body, offline_get, &o };
	struct hresp h;
	resp_init(&h);
	route(sv, &hr, &h);
	int status = h.status;
	if (body) { *body = h.body; h.body = NULL; }
	if (len) *len = h.len;
	resp_free(&h);
	free(url);
	return status;
}

/* ---- start and stop ---- */
int server_start(const struct server_opts *o, struct server **out)
{
	*out = NULL;
	const char *host = o->host ? o->host : "127.0.0.1";
	struct sockaddr_in sa = { 0 };
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)o->port);
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1)
		return err_set(ERR_INPUT, "--host %s is not an IPv4 address (like 127.0.0.1 or 0.0.0.0)", host);
	int loopback = (ntohl(sa.sin_addr.s_addr) >> 24) == 127;
	if (!loopback && (!o->token || strlen(o->token) < 16))
		return err_set(ERR_INPUT, "listening on %s (not this machine only) needs --token with at least 16 characters", host);
	if (o->token && strlen(o->token) > 256) return err_set(ERR_INPUT, "--token is longer than 256 characters");
	if (mkdir_p(o->workspace) < 0) return ERR_IO;
	struct server *sv = xcalloc(1, sizeof *sv);
	if (!realpath(o->workspace, sv->ws)) {
		free(sv);
		return err_set(ERR_IO, "cannot use %s as the workspace: %s", o->workspace, strerror(errno));
	}
	char *web = data_path("web");
	if (!realpath(web, sv->web)) {
		int e = errno;
		free(sv);
		err_set(ERR_IO, "cannot find the workbench page in %s: %s", web, strerror(e));
		free(web);
		return ERR_IO;
	}
	free(web);
	unsigned char rnd[32];
	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) {
		free(sv);
		return err_set(ERR_IO, "cannot get random bytes for the login cookie: %s", strerror(errno));
	}
	for (size_t i = 0; i < sizeof rnd; i++) snprintf(sv->session + 2 * i, 3, "%02x", rnd[i]);
	sv->token = o->token ? xstrdup(o->token) : NULL;
	sv->host = xstrdup(host);
	sv->max_body = o->max_body ? o->max_body : 8u << 20;
	sv->wildcard = sa.sin_addr.s_addr == htonl(INADDR_ANY);
	sv->port = o->port;
	jobs_init(o->drama_bin, o->cancel_grace_ms);
	if (!o->no_listen) {
		/* a thread per connection (event streams block), poll() rather than select() (no
		 * FD_SETSIZE ceiling), and limits so that one address cannot hold every slot */
		sv->d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
		                         MHD_USE_ERROR_LOG,
		                         (uint16_t)o->port, NULL, NULL, handler, sv,
		                         MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		                         MHD_OPTION_NOTIFY_COMPLETED, completed, sv,
		                         MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVER_MAX_CONNECTIONS,
		                         MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)SERVER_MAX_PER_IP,
		                         MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVER_IDLE_TIMEOUT_S,
		                         MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)4096,
		                         MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		                         MHD_OPTION_END);
		if (!sv->d) {
			free(sv->token);
			free(sv->host);
			free(sv);
			return err_set(ERR_NET, "cannot listen on %s:%d (is the port in use? try --port)", host, o->port);
		}
		const union MHD_DaemonInfo *di = MHD_get_daemon_info(sv->d, MHD_DAEMON_INFO_BIND_PORT);
		sv->port = di ? di->port : o->port;
	}
	*out = sv;
	return 0;
}

int server_port(const struct server *sv) { return sv->port; }

void server_stop(struct server *sv)
{
	if (!sv) return;
	if (sv->d) MHD_stop_daemon(sv->d);
	free(sv->listing.body);
	free(sv->token);
	free(sv->host);
	free(sv);
}
