/* server/server.c — HTTP routing for the web workbench (see server.h). */
#include "server/server.h"
#include "server/jobs.h"
#include "core/util.h"
#include "core/model.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct server {
	struct MHD_Daemon *d;
	char ws[PATH_MAX];        /* realpath of the workspace */
	char web[PATH_MAX];       /* realpath of data/web */
	char *token;
	size_t max_body;
	int loopback;
	int port;
};

struct req {
	struct sbuf body;
	int too_big;
};

/* ---- responses ---- */
static enum MHD_Result send_buf(struct MHD_Connection *c, int status, const char *type, const char *buf, size_t n)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(n, (void *)buf, MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result send_json(struct MHD_Connection *c, int status, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	enum MHD_Result ok = send_buf(c, status, "application/json; charset=utf-8", s, strlen(s));
	free(s);
	return ok;
}

static enum MHD_Result send_err(struct MHD_Connection *c, int status, const char *msg)
{
	return send_json(c, status, json_pack("{s:s}", "error", msg));
}

static const char *mime(const char *path)
{
	static const char *const t[][2] = {
		{ ".html", "text/html; charset=utf-8" }, { ".js", "text/javascript; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" }, { ".json", "application/json; charset=utf-8" },
		{ ".png", "image/png" }, { ".jpg", "image/jpeg" }, { ".svg", "image/svg+xml" },
		{ ".mp4", "video/mp4" }, { ".wav", "audio/wav" }, { ".srt", "text/plain; charset=utf-8" },
		{ ".ass", "text/plain; charset=utf-8" }, { ".fountain", "text/plain; charset=utf-8" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	for (size_t i = 0; i < ARRAY_LEN(t); i++)
		if (str_has_suffix(path, t[i][0])) return t[i][1];
	return "application/octet-stream";
}

/* A file with HTTP Range support (video seeking). path is already confined. */
static enum MHD_Result send_file(struct MHD_Connection *c, const char *path, int download)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0) close(fd);
		return send_err(c, 404, "no such file");
	}
	uint64_t size = (uint64_t)st.st_size, off = 0, len = size;
	int status = 200;
	const char *range = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Range");
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
			return send_err(c, 416, "range not satisfiable");
		}
	}
	struct MHD_Response *r = MHD_create_response_from_fd_at_offset64(len, fd, off);
	MHD_add_response_header(r, "Content-Type", mime(path));
	MHD_add_response_header(r, "Accept-Ranges", "bytes");
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	if (status == 206) {
		char cr[128];
		snprintf(cr, sizeof cr, "bytes %llu-%llu/%llu", (unsigned long long)off,
		         (unsigned long long)(off + len - 1), (unsigned long long)size);
		MHD_add_response_header(r, "Content-Range", cr);
	}
	if (download) {
		const char *base = strrchr(path, '/');
		char cd[400];
		snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", base ? base + 1 : path);
		MHD_add_response_header(r, "Content-Disposition", cd);
	}
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)status, r);
	MHD_destroy_response(r);
	return ok;
}

/* ---- confinement ---- */
static int valid_name(const char *n)
{
	size_t len = strlen(n);
	if (!len || len > 100 || n[0] == '.' || n[0] == '-') return 0;
	for (const unsigned char *p = (const unsigned char *)n; *p; p++)
		if (!(*p >= 0x80 || isalnum(*p) || *p == '_' || *p == '-' || *p == '.')) return 0;
	return !strstr(n, "..");
}

/* Resolve rel inside root (both must exist); NULL if it escapes (.., symlinks) or is absent. */
static char *confine(const char *root, const char *rel)
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

static char *project_dir(struct server *sv, const char *name)
{
	if (!valid_name(name)) return NULL;
	char *d = confine(sv->ws, name);
	struct stat st;
	if (d && (stat(d, &st) < 0 || !S_ISDIR(st.st_mode))) { free(d); return NULL; }
	return d;
}

/* ---- API ---- */
static json_t *project_summary(struct server *sv, const char *name, int full)
{
	char *dir = project_dir(sv, name);
	if (!dir) return NULL;
	json_t *o = json_pack("{s:s}", "name", name);
	struct project *p = NULL;
	if (project_open(dir, 0, &p) < 0) {
		json_object_set_new(o, "error", json_string(err_msg()));
	} else if (p->s) {
		struct series *s = p->s;
		json_object_set_new(o, "title", json_string(s->title ? s->title : name));
		json_object_set_new(o, "logline", json_string(s->logline ? s->logline : ""));
		json_object_set_new(o, "lang", json_string(s->lang ? s->lang : p->set.lang));
		json_t *eps = json_array();
		for (size_t i = 0; i < s->n_eps; i++) {
			int n = s->eps[i].number;
			json_t *e = json_pack("{s:i, s:s}", "number", n, "title", s->eps[i].title ? s->eps[i].title : "");
			json_t *files = json_object();
			static const char *const ext[] = { "mp4", "srt", "ass", "cover.png", "contact.png", "preview.mp4" };
			for (size_t k = 0; k < ARRAY_LEN(ext); k++) {
				char *rel = xasprintf("ep%02d.%s", n, ext[k]), *fp = path_join(dir, rel);
				if (file_exists(fp)) json_object_set_new(files, ext[k], json_string(rel));
				free(rel);
				free(fp);
			}
			json_object_set_new(e, "files", files);
			json_array_append_new(eps, e);
		}
		json_object_set_new(o, "episodes", eps);
		if (full) {
			json_t *cs = json_array();
			for (size_t i = 0; i < s->n_chars; i++) {
				struct character *c = &s->chars[i];
				char *safe = path_safe_name(c->name), *rel = xasprintf("characters/%s.png", safe), *fp = path_join(dir, rel);
				json_t *co = json_pack("{s:s, s:s, s:s, s:i}", "name", c->name, "role", c->role ? c->role : "",
				                       "gender", c->gender ? c->gender : "", "age", c->age);
				if (file_exists(fp)) json_object_set_new(co, "sheet", json_string(rel));
				if (c->voice) json_object_set(co, "voice", c->voice);
				/* a sample line: the first voiced line this character speaks */
				for (size_t e = 0; e < s->n_eps && !json_object_get(co, "sample"); e++)
					for (size_t k = 0; k < s->eps[e].n_scenes && !json_object_get(co, "sample"); k++)
						for (size_t h = 0; h < s->eps[e].scenes[k].n_shots; h++) {
							struct line *l = s->eps[e].scenes[k].shots[h].line;
							if (l && l->audio && str_eq(l->speaker, c->name)) {
								json_object_set_new(co, "sample", json_pack("{s:s, s:s}", "audio", l->audio, "text", l->text));
								break;
							}
						}
				json_array_append_new(cs, co);
				free(safe); free(rel); free(fp);
			}
			json_object_set_new(o, "characters", cs);
			json_t *ls = json_array();
			for (size_t i = 0; i < s->n_locs; i++) {
				struct location *l = &s->locs[i];
				char *safe = path_safe_name(l->name), *rel = xasprintf("locations/%s.png", safe), *fp = path_join(dir, rel);
				json_t *lo = json_pack("{s:s, s:s}", "name", l->name, "kind", l->kind ? l->kind : "");
				if (file_exists(fp)) json_object_set_new(lo, "card", json_string(rel));
				json_array_append_new(ls, lo);
				free(safe); free(rel); free(fp);
			}
			json_object_set_new(o, "locations", ls);
			char *fp = path_join(dir, "script.fountain");
			if (file_exists(fp)) json_object_set_new(o, "script", json_string("script.fountain"));
			free(fp);
		}
	}
	json_object_set_new(o, "job", jobs_status(name, dir));
	project_free(p);
	free(dir);
	return o;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static enum MHD_Result api_list(struct server *sv, struct MHD_Connection *c)
{
	DIR *d = opendir(sv->ws);
	if (!d) return send_err(c, 500, "cannot read the workspace folder");
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!valid_name(e->d_name)) continue;
		char *dir = project_dir(sv, e->d_name);
		if (!dir) continue;
		char *sb = path_join(dir, "storyboard.json"), *jj = path_join(dir, "job.json");
		if (file_exists(sb) || file_exists(jj)) strv_push(&names, &n, &cap, e->d_name);
		free(sb); free(jj); free(dir);
	}
	closedir(d);
	if (n) qsort(names, n, sizeof *names, cmp_str);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = project_summary(sv, names[i], 0);
		if (o) json_array_append_new(a, o);
		free(names[i]);
	}
	free(names);
	return send_json(c, 200, json_pack("{s:o}", "projects", a));
}

static const char *jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Push the optional settings of a create/job request as CLI arguments. */
static int push_opts(json_t *body, char **argv, int n, char bufs[][32])
{
	int b = 0;
	const char *lang = jstr(body, "lang");
	if (lang && (!strcmp(lang, "en") || !strcmp(lang, "zh"))) { argv[n++] = "--lang"; argv[n++] = (char *)lang; }
	static const char *const nums[][2] = { { "episodes", "--episodes" }, { "minutes", "--minutes" },
		{ "fps", "--fps" }, { "seed", "--seed" }, { "episode", "--episode" } };
	for (size_t i = 0; i < ARRAY_LEN(nums); i++) {
		json_t *v = json_object_get(body, nums[i][0]);
		if (!json_is_number(v)) continue;
		argv[n++] = (char *)nums[i][1];
		snprintf(bufs[b], 32, "%g", json_number_value(v));
		argv[n++] = bufs[b++];
	}
	const char *size = jstr(body, "size");
	if (size && strlen(size) < 12) { argv[n++] = "--size"; snprintf(bufs[b], 32, "%s", size); argv[n++] = bufs[b++]; }
	if (json_is_true(json_object_get(body, "preview"))) argv[n++] = "--preview";
	return n;
}

static int utf8_text(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while (p < end) {
		if (!*p) return 0;
		const char *q = p;
		int32_t cp = utf8_next(&p);
		if (cp < 0) return 0;
		if (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t') return 0;
		(void)q;
	}
	return 1;
}

static enum MHD_Result api_create(struct server *sv, struct MHD_Connection *c, json_t *body)
{
	const char *kw = jstr(body, "keywords"), *text = jstr(body, "text"), *fname = jstr(body, "filename");
	const char *name = jstr(body, "name");
	if ((!kw || !*kw) && (!text || !*text))
		return send_err(c, 400, "give keywords or upload a screenplay, outline or novel text");
	const char *ext = NULL;
	if (text) {
		static const char *const ok[] = { ".fountain", ".spmd", ".txt", ".md", ".json" };
		for (size_t i = 0; i < ARRAY_LEN(ok) && fname; i++)
			if (str_has_suffix(fname, ok[i])) ext = ok[i];
		if (!ext) return send_err(c, 415, "upload a .fountain screenplay, a .txt or .md text, or a storyboard .json");
		if (!utf8_text(text, strlen(text))) return send_err(c, 415, "the upload is not UTF-8 text");
	}
	char *base = path_safe_name(name && *name ? name : kw ? kw : fname);
	if (strlen(base) > 40) { base[40] = 0; while (((unsigned char)base[strlen(base) - 1] & 0xc0) == 0x80 || ((unsigned char)base[strlen(base) - 1] & 0xc0) == 0xc0) base[strlen(base) - 1] = 0; }
	if (!valid_name(base)) { free(base); base = xstrdup("project"); }
	char *pname = NULL, *dir = NULL;
	for (int i = 1; i < 1000; i++) {
		pname = i == 1 ? xstrdup(base) : xasprintf("%s-%d", base, i);
		dir = path_join(sv->ws, pname);
		if (!file_exists(dir) && mkdir(dir, 0755) == 0) break;
		free(pname); free(dir);
		pname = dir = NULL;
	}
	free(base);
	if (!dir) return send_err(c, 500, "cannot create a project folder in the workspace");
	char *from = NULL;
	if (text) {
		from = xasprintf("%s/source%s", dir, ext);
		if (file_write_atomic(from, text, strlen(text)) < 0) {
			free(from); free(dir); free(pname);
			return send_err(c, 500, err_msg());
		}
	}
	char *argv[32], bufs[8][32];
	int n = 0;
	argv[n++] = "make";
	if (kw && *kw) argv[n++] = (char *)kw;
	if (from) { argv[n++] = "--from"; argv[n++] = from; }
	argv[n++] = "-o";
	argv[n++] = dir;
	n = push_opts(body, argv, n, bufs);
	argv[n] = NULL;
	int rc = jobs_start(pname, dir, "make", (const char *const *)argv);
	json_t *o = rc < 0 ? NULL : json_pack("{s:s}", "name", pname);
	free(from); free(dir); free(pname);
	if (rc < 0) return send_err(c, 500, err_msg());
	return send_json(c, 201, o);
}

static enum MHD_Result api_job(struct server *sv, struct MHD_Connection *c, const char *name, const char *dir, json_t *body)
{
	static const char *const stages[] = { "make", "script", "design", "voice", "music", "render" };
	const char *stage = jstr(body, "stage");
	int ok = 0;
	for (size_t i = 0; i < ARRAY_LEN(stages); i++) ok |= str_eq(stage, stages[i]);
	if (!ok) return send_err(c, 400, "stage must be one of make, script, design, voice, music, render");
	char *argv[32], bufs[8][32];
	int n = 0;
	/* "make" on an existing project = bring everything up to date: `drama render`
	 * designs, voices, scores and renders, reusing what is cached. */
	argv[n++] = !strcmp(stage, "make") ? "render" : (char *)stage;
	argv[n++] = (char *)dir;
	n = push_opts(body, argv, n, bufs);
	argv[n] = NULL;
	int rc = jobs_start(name, dir, stage, (const char *const *)argv);
	if (rc == ERR_INPUT) return send_err(c, 409, err_msg());
	if (rc < 0) return send_err(c, 500, err_msg());
	return send_json(c, 202, json_pack("{s:s, s:s}", "name", name, "stage", stage));
}

static enum MHD_Result api_put_storyboard(struct MHD_Connection *c, const char *name, const char *dir, struct req *rq)
{
	json_t *st = jobs_status(name, dir);
	int running = str_eq(jstr(st, "state"), "running");
	json_decref(st);
	if (running) return send_err(c, 409, "a job is running for this project; wait for it to finish before saving");
	json_error_t je;
	json_t *j = json_loadb(rq->body.s ? rq->body.s : "", rq->body.len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		char msg[300];
		snprintf(msg, sizeof msg, "invalid JSON at line %d, column %d: %s", je.line, je.column, je.text);
		return send_err(c, 400, msg);
	}
	struct series *s = NULL;
	if (series_from_json(j, &s) < 0) {
		json_decref(j);
		const char *m = err_msg(), *colon = strstr(m, ": ");
		json_t *e = json_pack("{s:s%, s:s}", "path", m, colon ? (size_t)(colon - m) : 0, "message", colon ? colon + 2 : m);
		return send_json(c, 422, json_pack("{s:s, s:[o]}", "error", "the storyboard has problems", "problems", e));
	}
	json_decref(j);
	struct diags d = { 0 };
	if (series_validate(s, &d) > 0) {
		json_t *a = json_array();
		for (size_t i = 0; i < d.n; i++)
			json_array_append_new(a, json_pack("{s:s, s:s}", "path", d.v[i].path, "message", d.v[i].msg));
		diags_free(&d);
		series_free(s);
		return send_json(c, 422, json_pack("{s:s, s:o}", "error", "the storyboard has problems", "problems", a));
	}
	char *path = path_join(dir, "storyboard.json");
	int rc = series_save(s, path);
	free(path);
	series_free(s);
	if (rc < 0) return send_err(c, 500, err_msg());
	return send_json(c, 200, json_pack("{s:b}", "saved", 1));
}

/* ---- server-sent events ---- */
struct sse { char name[256]; char dir[PATH_MAX]; unsigned seen; int done; int first; };

static ssize_t sse_cb(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct sse *e = cls;
	if (e->done) return MHD_CONTENT_READER_END_OF_STREAM;
	if (!e->first) e->seen = jobs_wait(e->name, e->seen, 15000);
	e->first = 0;
	json_t *st = jobs_status(e->name, e->dir);
	if (!str_eq(jstr(st, "state"), "running")) e->done = 1;
	json_object_del(st, "log");
	char *s = json_dumps(st, JSON_COMPACT);
	json_decref(st);
	int n = snprintf(buf, max, "data: %s\n\n", s);
	free(s);
	if (n < 0 || (size_t)n >= max) n = snprintf(buf, max, ": \n\n");
	return n;
}

static void sse_free(void *cls) { free(cls); }

static enum MHD_Result api_events(struct MHD_Connection *c, const char *name, const char *dir)
{
	struct sse *e = xcalloc(1, sizeof *e);
	snprintf(e->name, sizeof e->name, "%s", name);
	snprintf(e->dir, sizeof e->dir, "%s", dir);
	e->first = 1;
	json_t *st = jobs_status(name, dir);
	e->seen = (unsigned)json_integer_value(json_object_get(st, "version"));
	json_decref(st);
	struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 8192, sse_cb, e, sse_free);
	MHD_add_response_header(r, "Content-Type", "text/event-stream");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	enum MHD_Result ok = MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	return ok;
}

/* ---- dispatch ---- */
static int authorised(struct server *sv, struct MHD_Connection *c)
{
	if (!sv->token) return 1;
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	if (h && !strncmp(h, "Bearer ", 7) && !strcmp(h + 7, sv->token)) return 1;
	const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
	return q && !strcmp(q, sv->token);
}

static enum MHD_Result route(struct server *sv, struct MHD_Connection *c, const char *url, const char *method, struct req *rq)
{
	int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	if (!authorised(sv, c)) return send_err(c, 401, "this workbench needs its token: open the address printed by `drama serve`");
	if (rq->too_big) return send_err(c, 413, "the request is too large");
	if (sv->loopback) {
		/* DNS-rebinding guard: a loopback server answers only to loopback names */
		const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
		if (host && strncmp(host, "127.0.0.1", 9) && strncmp(host, "localhost", 9) && strncmp(host, "[::1]", 5))
			return send_err(c, 403, "unexpected Host header");
	}
	if (strncmp(url, "/api/", 5)) {
		if (!get) return send_err(c, 405, "method not allowed");
		const char *rel = !strcmp(url, "/") ? "index.html" : url + 1;
		char *p = confine(sv->web, rel);
		if (!p) return send_err(c, 404, "not found");
		enum MHD_Result ok = send_file(c, p, 0);
		free(p);
		return ok;
	}
	json_t *body = NULL;
	if (!get && rq->body.len && strcmp(method, "PUT")) {
		json_error_t je;
		body = json_loadb(rq->body.s, rq->body.len, 0, &je);
		if (!body || !json_is_object(body)) {
			if (body) json_decref(body);
			char msg[300];
			snprintf(msg, sizeof msg, "the request body is not a JSON object (line %d, column %d: %s)", je.line, je.column, je.text);
			return send_err(c, 400, msg);
		}
	}
	if (!body) body = json_object();
	enum MHD_Result res;
	if (!strcmp(url, "/api/projects")) {
		if (get) res = api_list(sv, c);
		else if (!strcmp(method, "POST")) res = api_create(sv, c, body);
		else res = send_err(c, 405, "method not allowed");
		json_decref(body);
		return res;
	}
	if (strncmp(url, "/api/projects/", 14)) { json_decref(body); return send_err(c, 404, "not found"); }
	char name[256];
	const char *rest = url + 14, *slash = strchr(rest, '/');
	size_t nl = slash ? (size_t)(slash - rest) : strlen(rest);
	if (nl >= sizeof name) { json_decref(body); return send_err(c, 404, "no such project"); }
	memcpy(name, rest, nl);
	name[nl] = 0;
	const char *sub = slash ? slash + 1 : "";
	char *dir = project_dir(sv, name);
	if (!dir) { json_decref(body); return send_err(c, 404, "no such project"); }
	if (!*sub && get) {
		json_t *o = project_summary(sv, name, 1);
		res = o ? send_json(c, 200, o) : send_err(c, 404, "no such project");
	} else if (!strcmp(sub, "storyboard") && get) {
		char *p = path_join(dir, "storyboard.json");
		res = send_file(c, p, 0);
		free(p);
	} else if (!strcmp(sub, "storyboard") && !strcmp(method, "PUT")) {
		res = api_put_storyboard(c, name, dir, rq);
	} else if (!strcmp(sub, "jobs") && !strcmp(method, "POST")) {
		res = api_job(sv, c, name, dir, body);
	} else if (!strcmp(sub, "job") && get) {
		res = send_json(c, 200, jobs_status(name, dir));
	} else if (!strcmp(sub, "events") && get) {
		res = api_events(c, name, dir);
	} else if (!strncmp(sub, "files/", 6) && get) {
		char *p = confine(dir, sub + 6);
		const char *dl = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "download");
		res = p ? send_file(c, p, dl != NULL) : send_err(c, 404, "no such file in this project");
		free(p);
	} else {
		res = send_err(c, 404, "not found");
	}
	free(dir);
	json_decref(body);
	return res;
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
	return route(sv, c, url, method, rq);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
	struct req *rq = *con_cls;
	if (!rq) return;
	sb_free(&rq->body);
	free(rq);
	*con_cls = NULL;
}

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
	sv->token = o->token ? xstrdup(o->token) : NULL;
	sv->max_body = o->max_body ? o->max_body : 8u << 20;
	sv->loopback = loopback;
	jobs_init(o->drama_bin);
	sv->d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG,
	                         (uint16_t)o->port, NULL, NULL, handler, sv,
	                         MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	                         MHD_OPTION_NOTIFY_COMPLETED, completed, sv,
	                         MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
	                         MHD_OPTION_END);
	if (!sv->d) {
		free(sv->token);
		free(sv);
		return err_set(ERR_NET, "cannot listen on %s:%d (is the port in use? try --port)", host, o->port);
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(sv->d, MHD_DAEMON_INFO_BIND_PORT);
	sv->port = di ? di->port : o->port;
	*out = sv;
	return 0;
}

int server_port(const struct server *sv) { return sv->port; }

void server_stop(struct server *sv)
{
	if (!sv) return;
	MHD_stop_daemon(sv->d);
	free(sv->token);
	free(sv);
}
