/* net/http.c — one libcurl client for every AI backend: idle time-outs (no bytes for
 * N s, so a slow model that keeps streaming is never cut off), retries with exponential
 * back-off on 429 / 5xx / connection errors (Retry-After honoured), a visible wait while
 * a server answers 503 "loading model", Server-Sent Events parsing, multipart upload,
 * and the servers' error messages. */
#include "net/net_internal.h"

#include <ctype.h>
#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init_once(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

struct xfer {
	const struct http_req *r;
	struct http_resp *resp;
	CURL *h;
	int checked_type, is_sse, aborted;
	struct sbuf line;      /* partial SSE line */
	struct sbuf data;      /* current SSE event's data */
	double retry_after;
	double last_byte;      /* now_sec() of the last byte sent or received */
};

static void sse_dispatch(struct xfer *x)
{
	if (!x->data.len) return;
	if (x->r->sse(x->r->ud, x->data.s) < 0) x->aborted = 1;
	x->data.len = 0;
	x->data.s[0] = 0;
}

static void sse_line(struct xfer *x, char *ln, size_t n)
{
	if (n && ln[n - 1] == '\r') ln[--n] = 0;
	if (n == 0) { sse_dispatch(x); return; }
	if (ln[0] == ':') return;                       /* comment / keep-alive */
	if (!strncmp(ln, "data:", 5)) {
		const char *v = ln + 5;
		if (*v == ' ') v++;
		if (x->data.len) sb_add(&x->data, "\n");
		sb_add(&x->data, v);
	}
	/* event:, id:, retry: are not used by OpenAI-compatible servers */
}

static size_t on_write(char *p, size_t sz, size_t nm, void *ud)
{
	struct xfer *x = ud;
	size_t n = sz * nm;
	x->last_byte = now_sec();
	if (!x->checked_type) {
		char *ct = NULL;
		long st = 0;
		curl_easy_getinfo(x->h, CURLINFO_CONTENT_TYPE, &ct);
		curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &st);
		if (ct) snprintf(x->resp->content_type, sizeof x->resp->content_type, "%s", ct);
		x->is_sse = x->r->sse && ct && strstr(ct, "text/event-stream") && st >= 200 && st < 300;
		x->checked_type = 1;
	}
	if (!x->is_sse) {
		sb_addn(&x->resp->body, p, n);
		return n;
	}
	sb_addn(&x->line, p, n);
	char *start = x->line.s, *nl;
	while ((nl = memchr(start, '\n', x->line.len - (size_t)(start - x->line.s)))) {
		*nl = 0;
		sse_line(x, start, (size_t)(nl - start));
		start = nl + 1;
		if (x->aborted) return 0;
	}
	size_t rest = x->line.len - (size_t)(start - x->line.s);
	memmove(x->line.s, start, rest);
	x->line.len = rest;
	x->line.s[rest] = 0;
	return n;
}

static size_t on_header(char *p, size_t sz, size_t nm, void *ud)
{
	struct xfer *x = ud;
	size_t n = sz * nm;
	x->last_byte = now_sec();
	if (n > 12 && !strncasecmp(p, "Retry-After:", 12)) x->retry_after = atof(p + 12);
	return n;
}

static void sleep_sec(double s)
{
	if (s <= 0) return;
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
	nanosleep(&ts, NULL);
}

/* curl_easy_perform with an idle time-out: the transfer fails with
 * CURLE_OPERATION_TIMEDOUT only when no byte went either way for `idle` seconds (a model
 * streaming slowly for an hour is fine; a server that stopped sending is not). */
static CURLcode perform_idle(CURL *h, struct xfer *x, double idle)
{
	CURLM *m = curl_multi_init();
	if (!m) return CURLE_OUT_OF_MEMORY;
	curl_multi_add_handle(m, h);
	x->last_byte = now_sec();
	curl_off_t up = 0, down = 0;
	int running = 1, poll_ms = (int)(idle * 250);
	if (poll_ms < 5) poll_ms = 5;
	if (poll_ms > 250) poll_ms = 250;
	CURLcode cc = CURLE_OK;
	for (;;) {
		CURLMcode mc = curl_multi_perform(m, &running);
		if (mc != CURLM_OK) { cc = CURLE_RECV_ERROR; break; }
		if (!running) {
			int left = 0;
			CURLMsg *msg;
			while ((msg = curl_multi_info_read(m, &left)))
				if (msg->msg == CURLMSG_DONE) cc = msg->data.result;
			break;
		}
		curl_off_t u = 0, d = 0;
		curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &u);
		curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &d);
		double t = now_sec();
		if (u != up || d != down) { up = u; down = d; x->last_byte = t; }
		if (t - x->last_byte > idle) { cc = CURLE_OPERATION_TIMEDOUT; break; }
		curl_multi_poll(m, NULL, 0, poll_ms, NULL);
	}
	curl_multi_remove_handle(m, h);
	curl_multi_cleanup(m);
	return cc;
}

/* llama-server (and others) answer 503 while they load the model. */
static int is_loading(const struct http_resp *r)
{
	if (r->status != 503) return 0;
	char *m = ai_server_message(r);
	for (char *q = m; *q; q++) *q = (char)tolower((unsigned char)*q);
	int yes = strstr(m, "loading") != NULL;
	free(m);
	return yes;
}

void http_resp_free(struct http_resp *r)
{
	if (!r) return;
	sb_free(&r->body);
	memset(r, 0, sizeof *r);
}

static int attempt(const struct http_req *r, struct http_resp *resp, CURLcode *cc, double *retry_after)
{
	struct xfer x = { .r = r, .resp = resp };
	CURL *h = curl_easy_init();
	if (!h) return err_set(ERR_GENERIC, "libcurl could not start a request");
	x.h = h;
	struct curl_slist *hd = NULL;
	curl_mime *mime = NULL;
	char auth[600];
	if (r->api_key && *r->api_key) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", r->api_key);
		hd = curl_slist_append(hd, auth);
	}
	curl_easy_setopt(h, CURLOPT_URL, r->url);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "drama/1");
	double to = r->timeout > 0 ? r->timeout : 300;
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)((to < 10 ? to : 10) * 1000));
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &x);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &x);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	if (r->file_data) {
		mime = curl_mime_init(h);
		curl_mimepart *part = curl_mime_addpart(mime);
		curl_mime_name(part, r->file_field ? r->file_field : "image");
		curl_mime_data(part, r->file_data, r->file_len);
		curl_mime_filename(part, r->file_name ? r->file_name : "upload.png");
		curl_mime_type(part, "image/png");
		if (r->form_k1) {
			part = curl_mime_addpart(mime);
			curl_mime_name(part, r->form_k1);
			curl_mime_data(part, r->form_v1 ? r->form_v1 : "", CURL_ZERO_TERMINATED);
		}
		curl_easy_setopt(h, CURLOPT_MIMEPOST, mime);
	} else if (r->body) {
		char ct[160];
		snprintf(ct, sizeof ct, "Content-Type: %s", r->content_type ? r->content_type : "application/json");
		hd = curl_slist_append(hd, ct);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, r->body);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(r->body_len ? r->body_len : strlen(r->body)));
	} else if (r->method && !strcmp(r->method, "POST")) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, "");
	}
	if (r->sse) hd = curl_slist_append(hd, "Accept: text/event-stream, application/json");
	if (hd) curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
	double t0 = now_sec();
	*cc = perform_idle(h, &x, to);
	resp->seconds = now_sec() - t0;
	if (*cc == CURLE_OK && x.is_sse) {
		if (x.line.len) sse_line(&x, x.line.s, x.line.len);   /* last line without \n */
		sse_dispatch(&x);
	}
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &resp->status);
	*retry_after = x.retry_after;
	int aborted = x.aborted;
	sb_free(&x.line);
	sb_free(&x.data);
	curl_slist_free_all(hd);
	curl_mime_free(mime);
	curl_easy_cleanup(h);
	if (aborted) return 1;
	return 0;
}

int http_do(const struct http_req *r, struct http_resp *resp)
{
	pthread_once(&curl_once, curl_init_once);
	memset(resp, 0, sizeof *resp);
	const char *what = r->what ? r->what : "the server";
	double backoff = r->retry_base > 0 ? r->retry_base : 1.0;
	double load_left = r->load_wait > 0 ? r->load_wait : 0, load_t0 = 0;
	for (int i = 0;; i++) {
		CURLcode cc = CURLE_OK;
		double ra = 0;
		int tries = resp->attempts;
		double spent = resp->total_seconds;
		http_resp_free(resp);
		if (r->sse) r->sse(r->ud, NULL);             /* a new attempt: reset */
		int ab = attempt(r, resp, &cc, &ra);
		resp->attempts = tries + 1;
		resp->total_seconds = spent + resp->seconds;
		if (ab < 0) return ab;
		if (ab == 1) return err_set(ERR_INPUT, "the reply from %s at %s was rejected while streaming: %s", what, r->url, err_msg());
		int retry = 0;
		char why[800];
		if (cc != CURLE_OK) {
			retry = 1;
			if (cc == CURLE_OPERATION_TIMEDOUT)
				snprintf(why, sizeof why, "%s at %s sent nothing for %g s (idle time-out); the model may be too slow "
				         "or stuck: raise the time-out (\"timeout\" in the drama.json object of this service) or use a smaller model",
				         what, r->url, r->timeout > 0 ? r->timeout : 300);
			else if (cc == CURLE_COULDNT_CONNECT || cc == CURLE_COULDNT_RESOLVE_HOST)
				snprintf(why, sizeof why, "cannot reach %s at %s (%s); start the server or fix the URL, then run `drama doctor`",
				         what, r->url, curl_easy_strerror(cc));
			else
				snprintf(why, sizeof why, "the connection to %s at %s failed (%s); check the server's log",
				         what, r->url, curl_easy_strerror(cc));
		} else if (resp->status == 429 || (resp->status >= 500 && resp->status != 501 && resp->status != 505)) {
			retry = 1;
			char *m = ai_server_message(resp);
			snprintf(why, sizeof why, "%s at %s answered HTTP %ld: %s", what, r->url, resp->status, m);
			free(m);
		}
		/* an idle time-out means the server is stuck or far too slow, not gone: waiting
		 * again would only multiply the wait */
		if (cc == CURLE_OPERATION_TIMEDOUT) return err_set(ERR_NET, "%s", why);
		if (!retry) return 0;
		/* "loading model": wait for it (a countdown on the progress line), then ask again;
		 * these waits do not use up the retries */
		if (cc == CURLE_OK && load_left > 0 && is_loading(resp)) {
			double now = now_sec();
			if (load_t0 == 0) load_t0 = now;
			double left = load_left - (now - load_t0);
			if (left > 0) {
				double step = 5 * (r->retry_base > 0 ? r->retry_base : 1.0);
				if (ra > 0) step = ra;
				if (step > left) step = left;
				char msg[300];
				snprintf(msg, sizeof msg, "%s is loading its model; asking again, giving up in %.*f s", what, left < 10 ? 1 : 0, left);
				if (now - load_t0 < 1e-9 || (int)(left / 30) != (int)((left + step) / 30)) log_info("ai", "%s", msg);
				sleep_sec(step);
				i--;
				continue;
			}
			return err_set(ERR_NET, "%s at %s was still loading its model after %.0f s; wait until its log says it is "
			               "ready, or raise \"load_wait\" in the drama.json object of this service", what, r->url, load_left);
		}
		if (i >= r->retries) {
			if (cc == CURLE_OK)   /* keep the status: callers may quote it */
				return err_set(ERR_NET, "%s (after %d attempts)", why, i + 1);
			return err_set(ERR_NET, "%s%s", why, i ? " (after retries)" : "");
		}
		double wait = backoff;
		if (ra > 0) wait = ra < 30 ? ra : 30;
		log_warn("ai", "%s; retrying in %.1f s (%d of %d)", why, wait, i + 1, r->retries);
		sleep_sec(wait);
		backoff *= 2;
	}
}

char *ai_url(const char *base, const char *path, int v1)
{
	size_t n = strlen(base);
	while (n && base[n - 1] == '/') n--;
	int has_v1 = n >= 3 && !strncmp(base + n - 3, "/v1", 3);
	return xasprintf("%.*s%s%s", (int)n, base, v1 && !has_v1 ? "/v1" : "", path);
}

char *ai_server_message(const struct http_resp *r)
{
	const char *b = r->body.s ? r->body.s : "";
	char *out = NULL;
	json_t *j = json_loads(b, 0, NULL);
	if (j) {
		json_t *e = json_object_get(j, "error");
		json_t *m = NULL;
		if (json_is_object(e)) m = json_object_get(e, "message");
		else if (json_is_string(e)) m = e;
		if (!m) m = json_object_get(j, "detail");
		if (!m) m = json_object_get(j, "message");
		if (json_is_string(m)) out = xstrdup(json_string_value(m));
		else if (m) out = json_dumps(m, JSON_COMPACT);
		json_decref(j);
	}
	if (!out) out = xstrndup(b, strnlen(b, 300));   /* bodies are often shorter */
	if (strlen(out) > 300) strcpy(out + 297, "...");
	for (char *p = out; *p; p++)
		if (*p == '\n' || *p == '\r') *p = ' ';
	str_trim(out);
	if (!*out) { free(out); out = xstrdup("(no message)"); }
	return out;
}

int ai_http_error(const char *service, const char *url, const struct http_resp *r, const char *model)
{
	char *m = ai_server_message(r);
	int rc;
	if (r->status == 401 || r->status == 403)
		rc = err_set(ERR_INPUT, "%s at %s refused the request (HTTP %ld: %s); set or fix the API key "
		             "(DRAMA_%s_API_KEY or \"api_key\" in drama.json)", service, url, r->status, m,
		             !strcmp(service, "the LLM server") ? "LLM" : !strcmp(service, "the speech server") ? "TTS" : "IMAGES");
	else if (r->status == 404 && model)
		rc = err_set(ERR_INPUT, "%s at %s answered HTTP 404 (%s); is model \"%s\" there and the URL right? "
		             "`drama doctor` lists the server's models", service, url, m, model);
	else
		rc = err_set(ERR_INPUT, "%s at %s refused the request (HTTP %ld: %s)", service, url, r->status, m);
	free(m);
	return rc;
}

static int b64v(unsigned char c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '+' || c == '-') return 62;
	if (c == '/' || c == '_') return 63;
	return -1;
}

unsigned char *ai_b64_decode(const char *s, size_t *n)
{
	size_t len = strlen(s);
	unsigned char *o = xmalloc(len / 4 * 3 + 4);
	size_t k = 0;
	unsigned v = 0;
	int bits = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '=') break;
		if (ch == '\n' || ch == '\r' || ch == ' ') continue;
		int d = b64v(ch);
		if (d < 0) { free(o); return NULL; }
		v = (v << 6) | (unsigned)d;
		bits += 6;
		if (bits >= 8) { bits -= 8; o[k++] = (unsigned char)(v >> bits); }
	}
	*n = k;
	return o;
}
