/* server/api.c — the workbench's project API (/api/...), reached only after server.c's
 * safety checks (Host, login, same-origin JSON for changes). Every job argument that
 * comes from the request (keywords, the project folder) is passed after `--`, and every
 * setting is checked here with the CLI's rules first, so a bad request is a 422 naming
 * its field before any folder or job exists. */
#include "server/internal.h"
#include "server/jobs.h"
#include "core/cache.h"
#include "core/model.h"
#include "core/timeline.h"
#include "core/util.h"
#include "export/export.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <libavutil/base64.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- names and folders ---- */
static int valid_name(const char *n)
{
	size_t len = strlen(n);
	if (!len || len > 100 || n[0] == '.' || n[0] == '-') return 0;
	for (const unsigned char *p = (const unsigned char *)n; *p; p++)
		if (!(*p >= 0x80 || isalnum(*p) || *p == '_' || *p == '-' || *p == '.')) return 0;
	return !strstr(n, "..");
}

static char *project_dir(struct server *sv, const char *name)
{
	if (!valid_name(name)) return NULL;
	char *d = server_confine(sv->ws, name);
	struct stat st;
	if (d && (stat(d, &st) < 0 || !S_ISDIR(st.st_mode))) { free(d); return NULL; }
	return d;
}

/* ---- summaries ---- */
static void add_files(json_t *e, const char *dir, int n)
{
	json_t *files = json_object();
	static const char *const ext[] = { "mp4", "srt", "ass", "cover.png", "contact.png", "preview.mp4" };
	for (size_t k = 0; k < ARRAY_LEN(ext); k++) {
		char *rel = xasprintf("ep%02d.%s", n, ext[k]), *fp = path_join(dir, rel);
		if (file_exists(fp)) json_object_set_new(files, ext[k], json_string(rel));
		free(rel);
		free(fp);
	}
	json_object_set_new(e, "files", files);
}

/* The first voiced line a character speaks, or NULL. */
static const struct line *sample_line(const struct series *s, const char *name)
{
	for (size_t e = 0; e < s->n_eps; e++)
		for (size_t k = 0; k < s->eps[e].n_scenes; k++)
			for (size_t h = 0; h < s->eps[e].scenes[k].n_shots; h++) {
				const struct line *l = s->eps[e].scenes[k].shots[h].line;
				if (l && l->audio && str_eq(l->speaker, name)) return l;
			}
	return NULL;
}

/* {"name", "sheet"/"card"} with the art file if it exists. */
static json_t *with_art(const char *dir, const char *folder, const char *name, const char *key)
{
	char *safe = path_safe_name(name), *rel = xasprintf("%s/%s.png", folder, safe), *fp = path_join(dir, rel);
	json_t *o = json_pack("{s:s}", "name", name);
	if (file_exists(fp)) json_object_set_new(o, key, json_string(rel));
	free(safe); free(rel); free(fp);
	return o;
}

static void add_cast(json_t *o, const struct series *s, const char *dir)
{
	json_t *cs = json_array();
	for (size_t i = 0; i < s->n_chars; i++) {
		const struct character *c = &s->chars[i];
		json_t *co = with_art(dir, "characters", c->name, "sheet");
		json_object_set_new(co, "role", json_string(c->role ? c->role : ""));
		json_object_set_new(co, "gender", json_string(c->gender ? c->gender : ""));
		json_object_set_new(co, "age", json_integer(c->age));
		if (c->voice) json_object_set(co, "voice", c->voice);
		const struct line *l = sample_line(s, c->name);
		if (l) json_object_set_new(co, "sample", json_pack("{s:s, s:s}", "audio", l->audio, "text", l->text));
		json_array_append_new(cs, co);
	}
	json_object_set_new(o, "characters", cs);
	json_t *ls = json_array();
	for (size_t i = 0; i < s->n_locs; i++) {
		json_t *lo = with_art(dir, "locations", s->locs[i].name, "card");
		json_object_set_new(lo, "kind", json_string(s->locs[i].kind ? s->locs[i].kind : ""));
		json_array_append_new(ls, lo);
	}
	json_object_set_new(o, "locations", ls);
}

/* Where each shot starts in the episode's video, in seconds, from the storyboard's
 * timeline (the render's own: title card, shots in order, end card) at the project's
 * fps: {"shots": [{"start", "scene", "shot"}...], "end": the end card's start}. NULL if
 * there is none. It matches the video while the storyboard is unchanged since the render. */
static json_t *shot_times(const struct series *s, const struct episode *ep, int fps)
{
	struct timeline tl;
	if (fps <= 0 || timeline_build(s, ep, fps, &tl) < 0) { err_clear(); return NULL; }
	json_t *a = json_array();
	for (size_t i = 0; i < tl.n_shots; i++)
		json_array_append_new(a, json_pack("{s:f, s:i, s:i}", "start", (double)tl.shots[i].start / fps,
		                                   "scene", tl.shots[i].scene, "shot", tl.shots[i].shot));
	json_t *o = json_pack("{s:o, s:f}", "shots", a, "end", (double)tl.end_start / fps);
	timeline_free(&tl);
	return o;
}

/* The part of a summary that comes from storyboard.json and drama.json: title, logline,
 * language, episode numbers and titles (or the load error), plus the full model when
 * asked. New reference; *p (may be NULL) gets the open project when full. */
static json_t *model_summary(const char *dir, const char *name, int full, struct project **pp)
{
	json_t *o = json_object();
	struct project *p = NULL;
	if (project_open(dir, 0, &p) < 0) {
		json_object_set_new(o, "error", json_string(err_msg()));
	} else if (p->s) {
		struct series *s = p->s;
		json_object_set_new(o, "title", json_string(s->title ? s->title : name));
		json_object_set_new(o, "logline", json_string(s->logline ? s->logline : ""));
		json_object_set_new(o, "lang", json_string(s->lang ? s->lang : p->set.lang));
		json_t *eps = json_array();
		for (size_t i = 0; i < s->n_eps; i++)
			json_array_append_new(eps, json_pack("{s:i, s:s}", "number", s->eps[i].number, "title", s->eps[i].title ? s->eps[i].title : ""));
		json_object_set_new(o, "episodes", eps);
		if (full) {
			add_cast(o, s, dir);
			size_t i;
			json_t *e;
			json_array_foreach(eps, i, e) {
				json_t *t = thumbs_for(dir, s, i);
				if (t) json_object_set_new(e, "thumbs", t);
				if ((t = shot_times(s, &s->eps[i], p->set.fps))) json_object_set_new(e, "timeline", t);
			}
		}
	}
	if (full && pp) *pp = p;
	else project_free(p);
	return o;
}

/* Listing summaries are cached by the identity of the two files they come from, so a
 * listing of many projects costs a few stat() calls each, not a JSON parse. */
struct sum_cache { char dir[PATH_MAX]; char key[160]; json_t *o; };
static struct sum_cache *cache;
static size_t n_cache, cap_cache;
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;

static void file_key(const char *dir, const char *file, char *out, size_t cap)
{
	char *p = path_join(dir, file);
	struct stat st;
	if (stat(p, &st) == 0)
		snprintf(out, cap, "%llu.%ld.%lld.%llu", (unsigned long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
		         (long long)st.st_size, (unsigned long long)st.st_ino);
	else
		snprintf(out, cap, "-");
	free(p);
}

static json_t *cached_summary(const char *dir, const char *name)
{
	char k1[80], k2[80], key[160];
	file_key(dir, "storyboard.json", k1, sizeof k1);
	file_key(dir, "drama.json", k2, sizeof k2);
	snprintf(key, sizeof key, "%s/%s", k1, k2);
	pthread_mutex_lock(&cache_mu);
	for (size_t i = 0; i < n_cache; i++)
		if (!strcmp(cache[i].dir, dir)) {
			json_t *o = !strcmp(cache[i].key, key) ? json_deep_copy(cache[i].o) : NULL;
			pthread_mutex_unlock(&cache_mu);
			if (o) return o;
			goto miss;
		}
	pthread_mutex_unlock(&cache_mu);
miss:;
	json_t *o = model_summary(dir, name, 0, NULL);
	pthread_mutex_lock(&cache_mu);
	struct sum_cache *c = NULL;
	for (size_t i = 0; i < n_cache && !c; i++)
		if (!strcmp(cache[i].dir, dir)) c = &cache[i];
	if (!c) {
		xgrow((void **)&cache, &cap_cache, n_cache, sizeof *cache);
		c = &cache[n_cache++];
		snprintf(c->dir, sizeof c->dir, "%s", dir);
		c->o = NULL;
	}
	json_decref(c->o);
	c->o = json_deep_copy(o);
	snprintf(c->key, sizeof c->key, "%s", key);
	pthread_mutex_unlock(&cache_mu);
	return o;
}

static json_t *project_summary(struct server *sv, const char *name, int full)
{
	char *dir = project_dir(sv, name);
	if (!dir) return NULL;
	json_t *o = full ? model_summary(dir, name, 1, NULL) : cached_summary(dir, name);
	json_object_set_new(o, "name", json_string(name));
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(o, "episodes"), i, e)
		add_files(e, dir, (int)json_integer_value(json_object_get(e, "number")));
	if (full) {
		char *fp = path_join(dir, "script.fountain");
		if (file_exists(fp)) json_object_set_new(o, "script", json_string("script.fountain"));
		free(fp);
		char v[80];   /* changes with every save: the page's key for shot pictures */
		file_key(dir, "storyboard.json", v, sizeof v);
		json_object_set_new(o, "version", json_string(v));
	}
	json_object_set_new(o, "job", jobs_status(name, dir));
	free(dir);
	return o;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The listing's answer is kept for at most LIST_TTL seconds, and dropped at once by any
 * change made through this server (a request other than GET, a job's progress): with
 * many pages polling, the workspace is read a few times a second, not once per request.
 * A change made outside (drama in a terminal) shows within LIST_TTL. */
#define LIST_TTL 0.2
static pthread_mutex_t listing_mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned changes;   /* requests that may have changed something */

/* What the kept listing depends on besides time: changes through this server, jobs, and
 * the workspace folder itself (a project folder made or removed from outside). */
static unsigned listing_gen(const char *ws)
{
	struct stat st;
	unsigned g = __atomic_load_n(&changes, __ATOMIC_ACQUIRE) + 7919u * jobs_generation();
	if (stat(ws, &st) == 0)
		g += (unsigned)st.st_nlink * 104729u + (unsigned)st.st_mtim.tv_nsec + (unsigned)st.st_mtim.tv_sec * 31u + (unsigned)st.st_ino;
	return g;
}

static void api_list(struct server *sv, struct hresp *r)
{
	unsigned gen = listing_gen(sv->ws);
	double now = now_sec();
	struct listing *ls = &sv->listing;
	pthread_mutex_lock(&listing_mu);
	if (ls->body && ls->gen == gen && now - ls->at >= 0 && now - ls->at < LIST_TTL) {
		resp_buf(r, 200, "application/json; charset=utf-8", ls->body, ls->len);
		pthread_mutex_unlock(&listing_mu);
		return;
	}
	pthread_mutex_unlock(&listing_mu);
	DIR *d = opendir(sv->ws);
	if (!d) { resp_err(r, 500, "cannot read the workspace folder"); return; }
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
	resp_json(r, 200, json_pack("{s:o}", "projects", a));
	if (r->status != 200) return;   /* an answer that could not be written is not kept */
	pthread_mutex_lock(&listing_mu);
	free(ls->body);
	ls->body = xmalloc(r->len + 1);
	memcpy(ls->body, r->body, r->len + 1);
	ls->len = r->len;
	ls->at = now;
	ls->gen = gen;
	pthread_mutex_unlock(&listing_mu);
}

/* ---- settings: the CLI's rules (src/cli/main.c), checked before anything starts ---- */
static const char *jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

struct job_args { const char *argv[40]; int n; char bufs[8][32]; int nb; };

static void arg(struct job_args *a, const char *s) { if (a->n < (int)ARRAY_LEN(a->argv) - 1) a->argv[a->n++] = s; }

/* A whole number in [lo, hi] at key, or absent. Returns 0, or -1 after a 422. */
static int int_opt(json_t *body, const char *key, const char *opt, long lo, long hi, struct job_args *a, struct hresp *r)
{
	json_t *v = json_object_get(body, key);
	if (!v || json_is_null(v)) return 0;
	double x = json_is_number(v) ? json_number_value(v) : NAN;
	if (!(x >= lo && x <= hi) || floor(x) != x) {
		char msg[160];
		snprintf(msg, sizeof msg, "%s must be a whole number from %ld to %ld", key, lo, hi);
		resp_field_err(r, key, msg);
		return -1;
	}
	arg(a, opt);
	snprintf(a->bufs[a->nb], sizeof a->bufs[a->nb], "%.0f", x);
	arg(a, a->bufs[a->nb++]);
	return 0;
}

/* The optional settings of a create or job request as CLI options. 0, or -1 after a 422. */
static int settings(json_t *body, struct job_args *a, struct hresp *r)
{
	json_t *lv = json_object_get(body, "lang");
	if (lv && !json_is_null(lv)) {
		const char *lang = json_string_value(lv);
		if (!lang || (*lang && strcmp(lang, "en") && strcmp(lang, "zh"))) {
			resp_field_err(r, "lang", "lang must be \"en\" or \"zh\" (or left out to detect it)");
			return -1;
		}
		if (*lang) { arg(a, "--lang"); arg(a, lang); }
	}
	if (int_opt(body, "episodes", "--episodes", 1, 500, a, r) < 0 || int_opt(body, "episode", "--episode", 1, 500, a, r) < 0 ||
	    int_opt(body, "fps", "--fps", 1, 120, a, r) < 0 || int_opt(body, "seed", "--seed", 0, 9007199254740991L, a, r) < 0)
		return -1;
	json_t *mv = json_object_get(body, "minutes");
	if (mv && !json_is_null(mv)) {
		double m = json_is_number(mv) ? json_number_value(mv) : NAN;
		if (!(m > 0 && m <= 60)) {
			resp_field_err(r, "minutes", "minutes must be a number above 0 and at most 60");
			return -1;
		}
		arg(a, "--minutes");
		snprintf(a->bufs[a->nb], sizeof a->bufs[a->nb], "%g", m);
		arg(a, a->bufs[a->nb++]);
	}
	json_t *sv = json_object_get(body, "size");
	if (sv && !json_is_null(sv) && !(json_is_string(sv) && !*json_string_value(sv))) {
		const char *size = json_string_value(sv);
		int w = 0, h = 0, used = 0;
		char x = 0;
		if (!size || sscanf(size, "%5d%c%5d%n", &w, &x, &h, &used) != 3 || size[used] || (x != 'x' && x != 'X') ||
		    w < 16 || h < 16 || w > 7680 || h > 7680 || (w & 1) || (h & 1)) {
			resp_field_err(r, "size", "size must be WIDTHxHEIGHT with even numbers from 16 to 7680, like 1080x1920");
			return -1;
		}
		arg(a, "--size");
		snprintf(a->bufs[a->nb], sizeof a->bufs[a->nb], "%dx%d", w, h);
		arg(a, a->bufs[a->nb++]);
	}
	if (json_is_true(json_object_get(body, "preview"))) arg(a, "--preview");
	return 0;
}

static int utf8_text(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while (p < end) {
		if (!*p) return 0;
		int32_t cp = utf8_next(&p);
		if (cp < 0 || (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t')) return 0;
	}
	return 1;
}

/* Keywords made only of separators (or blanks) are empty, as on the command line. */
static int has_words(const char *kw)
{
	for (const char *c = kw; *c; c++)
		if (!strchr(" ,;\t\n\r", *c)) return 1;
	return 0;
}

/* A new project's folder name from its name, keywords or file name (without extension). */
static char *base_name(const char *name, const char *kw, const char *fname)
{
	char *src = xstrdup(name && *name ? name : kw && has_words(kw) ? kw : fname ? fname : "project");
	if (!(name && *name) && !(kw && has_words(kw)) && fname) {
		char *slash = strrchr(src, '/'), *dot;
		if (slash) memmove(src, slash + 1, strlen(slash));
		if ((dot = strrchr(src, '.')) && dot != src) *dot = 0;
	}
	char *base = path_safe_name(src);
	free(src);
	size_t n = strlen(base);
	if (n > 40) {
		n = 40;
		while (n && ((unsigned char)base[n] & 0xc0) == 0x80) n--;
		base[n] = 0;
	}
	if (!valid_name(base)) { free(base); base = xstrdup("project"); }
	return base;
}

/* Remove what create made in a new project folder, then the folder. */
static void remove_new_project(const char *dir, const char *from)
{
	static const char *const made[] = { "job.log", "job.json", "drama.lock" };
	if (from) unlink(from);
	for (size_t i = 0; i < ARRAY_LEN(made); i++) {
		char *p = path_join(dir, made[i]);
		unlink(p);
		free(p);
	}
	if (rmdir(dir) < 0) log_warn("serve", "could not remove the unused project folder %s: %s", dir, strerror(errno));
}

static void api_create(struct server *sv, json_t *body, struct hresp *r)
{
	json_t *kv = json_object_get(body, "keywords");
	if (kv && !json_is_null(kv) && !json_is_string(kv)) { resp_field_err(r, "keywords", "keywords must be text"); return; }
	const char *kw = jstr(body, "keywords"), *text = jstr(body, "text"), *fname = jstr(body, "filename");
	const char *name = jstr(body, "name");
	int have_kw = kw && *kw;
	if (!have_kw && (!text || !*text)) { resp_err(r, 400, "give keywords or upload a screenplay, outline or novel text"); return; }
	if (have_kw && !has_words(kw)) {
		resp_field_err(r, "keywords", "the keywords are empty; give a few ideas, like \"palace, revenge, hidden identity\"");
		return;
	}
	if (kw && strlen(kw) > 2000) { resp_field_err(r, "keywords", "the keywords are too long (2,000 characters at most)"); return; }
	if (kw && !utf8_text(kw, strlen(kw))) { resp_field_err(r, "keywords", "the keywords are not UTF-8 text"); return; }
	const char *ext = NULL;
	if (text && *text) {
		static const char *const ok[] = { ".fountain", ".spmd", ".txt", ".md", ".json" };
		for (size_t i = 0; i < ARRAY_LEN(ok) && fname; i++)
			if (str_has_suffix(fname, ok[i])) ext = ok[i];
		if (!ext) { resp_err(r, 415, "upload a .fountain screenplay, a .txt or .md text, or a storyboard .json"); return; }
		if (!utf8_text(text, strlen(text))) { resp_err(r, 415, "the upload is not UTF-8 text"); return; }
	}
	struct job_args a = { .n = 0 };
	arg(&a, "make");
	if (settings(body, &a, r) < 0) return;
	char *base = base_name(name, have_kw ? kw : NULL, ext ? fname : NULL);
	char *pname = NULL, *dir = NULL;
	for (int i = 1; i < 10000 && !dir; i++) {
		pname = i == 1 ? xstrdup(base) : xasprintf("%s-%d", base, i);
		dir = path_join(sv->ws, pname);
		if (mkdir(dir, 0755) == 0) break;
		int e = errno;
		free(pname); free(dir);
		pname = dir = NULL;
		if (e != EEXIST) break;
	}
	free(base);
	if (!dir) { resp_err(r, 500, "cannot create a project folder in the workspace; check that it is writable"); return; }
	char *from = NULL;
	if (ext) {
		from = xasprintf("%s/source%s", dir, ext);
		if (file_write_atomic(from, text, strlen(text)) < 0) {
			resp_err(r, 500, err_msg());
			remove_new_project(dir, NULL);
			goto end;
		}
		arg(&a, "--from");
		arg(&a, from);
	}
	arg(&a, "-o");
	arg(&a, dir);
	arg(&a, "--");   /* keywords are never options, whatever they start with */
	if (have_kw) arg(&a, kw);
	a.argv[a.n] = NULL;
	if (jobs_start(pname, dir, "make", "script,design,voice,music,render", a.argv) < 0) {
		resp_err(r, 500, err_msg());
		remove_new_project(dir, from);
		goto end;
	}
	resp_json(r, 201, json_pack("{s:s}", "name", pname));
end:
	free(from); free(dir); free(pname);
}

/* Export episode body.episode in body.format as a job: `drama export DIR --episode N
 * --format F --zip`, whose ZIP is then export/epNN-F.zip under the files route. */
static void export_job(const char *name, const char *dir, json_t *body, struct hresp *r)
{
	static const char *const formats[] = { "jianying", "capcut", "mlt", "kdenlive", "fcpxml", "otio", "all" };
	const char *format = jstr(body, "format");
	int known = 0;
	for (size_t i = 0; i < ARRAY_LEN(formats); i++) known |= str_eq(format, formats[i]);
	if (!known) {
		resp_json(r, 400, json_pack("{s:s, s:s}", "error", "format must be one of " EXPORT_FORMATS, "field", "format"));
		return;
	}
	char *path = path_join(dir, "storyboard.json");
	struct series *s = NULL;
	int rc = series_load(path, &s);
	free(path);
	if (rc < 0) { resp_err(r, 409, err_msg()); return; }
	json_t *v = json_object_get(body, "episode");
	long n = json_is_integer(v) ? (long)json_integer_value(v) : -1;
	int found = 0;
	for (size_t i = 0; i < s->n_eps; i++) found |= s->eps[i].number == n;
	if (!found) {
		char m[200];
		snprintf(m, sizeof m, "episode must be the number of one of the storyboard's episodes (%d to %d)",
		         s->n_eps ? s->eps[0].number : 0, s->n_eps ? s->eps[s->n_eps - 1].number : 0);
		resp_json(r, 400, json_pack("{s:s, s:s}", "error", m, "field", "episode"));
		series_free(s);
		return;
	}
	series_free(s);
	char num[24], zip[64];
	snprintf(num, sizeof num, "%ld", n);
	snprintf(zip, sizeof zip, "export/ep%02ld-%s.zip", n, format);
	const char *argv[] = { "export", "--episode", num, "--format", format, "--zip", "--", dir, NULL };
	rc = jobs_start(name, dir, "export", "export", argv);
	if (rc == ERR_INPUT) resp_err(r, 409, err_msg());
	else if (rc < 0) resp_err(r, 500, err_msg());
	else resp_json(r, 202, json_pack("{s:s, s:s, s:s}", "name", name, "stage", "export", "zip", zip));
}

static void api_job(const char *name, const char *dir, json_t *body, struct hresp *r)
{
	if (str_eq(jstr(body, "stage"), "export")) { export_job(name, dir, body, r); return; }
	static const char *const stages[][2] = { { "make", "design,voice,music,render" }, { "script", "script" },
		{ "design", "design" }, { "voice", "voice" }, { "music", "music" }, { "render", "design,voice,music,render" } };
	const char *stage = jstr(body, "stage"), *plan = NULL;
	for (size_t i = 0; i < ARRAY_LEN(stages); i++)
		if (str_eq(stage, stages[i][0])) plan = stages[i][1];
	if (!plan) { resp_field_err(r, "stage", "stage must be one of make, script, design, voice, music, render, export"); return; }
	struct job_args a = { .n = 0 };
	/* "make" on an existing project = bring everything up to date: `drama render`
	 * designs, voices, scores and renders, reusing what is cached. */
	arg(&a, !strcmp(stage, "make") ? "render" : stage);
	if (settings(body, &a, r) < 0) return;
	arg(&a, "--");
	arg(&a, dir);
	a.argv[a.n] = NULL;
	int rc = jobs_start(name, dir, stage, plan, a.argv);
	if (rc == ERR_INPUT) resp_err(r, 409, err_msg());
	else if (rc < 0) resp_err(r, 500, err_msg());
	else resp_json(r, 202, json_pack("{s:s, s:s}", "name", name, "stage", stage));
}

/* 1 after a 409 when a job (ours, or another drama process) writes the project. */
static int project_busy(const char *name, const char *dir, const char *what, struct hresp *r)
{
	json_t *st = jobs_status(name, dir);
	int running = str_eq(jstr(st, "state"), "running");
	json_decref(st);
	if (!running && !jobs_project_busy(dir)) return 0;
	char m[160];
	snprintf(m, sizeof m, "a job is running for this project; wait for it to finish before %s", what);
	resp_err(r, 409, m);
	return 1;
}

/* A position in one of storyboard.json's arrays (0-based, as in the error paths) at key,
 * below n. Returns it, or -1 after a 422 naming the field. */
static long index_field(json_t *body, const char *key, size_t n, struct hresp *r)
{
	json_t *v = json_object_get(body, key);
	if (!json_is_integer(v) || json_integer_value(v) < 0 || (size_t)json_integer_value(v) >= n) {
		char m[160];
		snprintf(m, sizeof m, "%s must be a position from 0 to %zu in the storyboard (0 = the first)", key, n ? n - 1 : 0);
		resp_field_err(r, key, m);
		return -1;
	}
	return (long)json_integer_value(v);
}

/* The shot at body's episode/scene/shot in the saved storyboard: 0 with *out (the series,
 * caller frees) and *shot, or -1 after a 409 (no storyboard) or a 422 naming the field. */
static int saved_shot(const char *dir, json_t *body, struct hresp *r, struct series **out, struct episode **ep, struct shot **shot)
{
	char *path = path_join(dir, "storyboard.json");
	struct series *s = NULL;
	long e, k, h;
	int rc = -1;
	if (series_load(path, &s) < 0) resp_err(r, 409, err_msg());
	else if ((e = index_field(body, "episode", s->n_eps, r)) >= 0 &&
	         (k = index_field(body, "scene", s->eps[e].n_scenes, r)) >= 0 &&
	         (h = index_field(body, "shot", s->eps[e].scenes[k].n_shots, r)) >= 0) {
		*ep = &s->eps[e];
		*shot = &s->eps[e].scenes[k].shots[h];
		rc = 0;
	}
	free(path);
	if (rc < 0) series_free(s);
	else *out = s;
	return rc;
}

/* Render episode number n as a job; 202 with `extra` added to the answer (stolen). */
static void render_job(const char *name, const char *dir, int n, json_t *extra, struct hresp *r)
{
	char num[24];
	snprintf(num, sizeof num, "%d", n);
	const char *argv[] = { "render", "--episode", num, "--", dir, NULL };
	int rc = jobs_start(name, dir, "render", "design,voice,music,render", argv);
	if (rc == ERR_INPUT) resp_err(r, 409, err_msg());
	else if (rc < 0) resp_err(r, 500, err_msg());
	else {
		json_object_set_new(extra, "name", json_string(name));
		json_object_set_new(extra, "stage", json_string("render"));
		resp_json(r, 202, extra);
		return;
	}
	json_decref(extra);
}

/* Regenerate one shot: bump its take (part of its render cache key and of the seed its
 * motion is drawn from), save, and render its episode, which redraws only that shot. */
static void api_regenerate(const char *name, const char *dir, json_t *body, struct hresp *r)
{
	struct series *s = NULL;
	struct episode *ep;
	struct shot *sh;
	if (project_busy(name, dir, "regenerating", r) || saved_shot(dir, body, r, &s, &ep, &sh) < 0) return;
	sh->take = sh->take < 1000000 ? sh->take + 1 : 1;
	char *path = path_join(dir, "storyboard.json");
	if (series_save(s, path) < 0) resp_err(r, 500, err_msg());
	else render_job(name, dir, ep->number, json_pack("{s:i}", "take", sh->take), r);
	free(path);
	series_free(s);
}

/* Re-voice one line: its cached voice files are removed and its episode rendered, so the
 * voice stage speaks that line again (the others come from the cache) and the render
 * redraws only a shot whose audio changed (with the embedded voices, which speak a text
 * the same way each time: none; with a speech server: that one). */
static void api_revoice(const char *name, const char *dir, json_t *body, struct hresp *r)
{
	struct series *s = NULL;
	struct episode *ep;
	struct shot *sh;
	if (project_busy(name, dir, "re-voicing", r) || saved_shot(dir, body, r, &s, &ep, &sh) < 0) return;
	const struct line *l = sh->line;
	if (!l) { resp_field_err(r, "shot", "this shot has no line to voice; add a line first"); series_free(s); return; }
	int removed = 0;
	if (l->audio && !strncmp(l->audio, "cache/voice/", 12) && !strstr(l->audio, "..") && str_has_suffix(l->audio, ".wav")) {
		char *wav = path_join(dir, l->audio), *js = xasprintf("%.*s.json", (int)strlen(wav) - 4, wav);
		removed = file_exists(wav);
		cache_remove(wav);
		cache_remove(js);
		free(wav);
		free(js);
	}
	render_job(name, dir, ep->number, json_pack("{s:b}", "removed", removed), r);
	series_free(s);
}

/* A character's reference voice from the cast editor: {"character", "audio" (a WAV, base64),
 * "text" (what it says, optional)}, kept in cache/voice-ref/ and handed to a
 * `drama voice --ref NAME=FILE` job, which stores it beside the character, recasts
 * the character to it and voices the lines again. */
static void api_voice_ref(const char *name, const char *dir, json_t *body, struct hresp *r)
{
	const char *who = jstr(body, "character"), *b64 = jstr(body, "audio"), *text = jstr(body, "text");
	if (!who || !*who) { resp_field_err(r, "character", "name the character whose voice this is"); return; }
	if (!b64 || !*b64) { resp_field_err(r, "audio", "send the recording as a base64 WAV file"); return; }
	if (project_busy(name, dir, "changing a voice", r)) return;
	size_t cap = strlen(b64) / 4 * 3 + 3;
	uint8_t *wav = xmalloc(cap);
	int n = av_base64_decode(wav, b64, (int)cap);
	if (n < 44 || memcmp(wav, "RIFF", 4) || memcmp(wav + 8, "WAVE", 4)) {
		free(wav);
		resp_field_err(r, "audio", "the recording is not a WAV file; record or convert it to WAV (16-bit PCM)");
		return;
	}
	char *rdir = path_join(dir, "cache/voice-ref"), *file = path_join(rdir, "upload.wav");
	int rc = mkdir_p(rdir);
	if (rc == 0) rc = file_write_atomic(file, wav, (size_t)n);
	free(wav);
	char *pair = xasprintf("%s=%s", who, file);
	struct job_args a = { .n = 0 };
	arg(&a, "voice");
	arg(&a, "--ref");
	arg(&a, pair);
	if (text && *text) { arg(&a, "--ref-text"); arg(&a, text); }
	arg(&a, "--");
	arg(&a, dir);
	a.argv[a.n] = NULL;
	if (rc == 0) rc = jobs_start(name, dir, "voice", "voice", a.argv);
	if (rc == ERR_INPUT) resp_err(r, 409, err_msg());
	else if (rc < 0) resp_err(r, 500, err_msg());
	else resp_json(r, 202, json_pack("{s:s, s:s, s:s}", "name", name, "stage", "voice", "character", who));
	free(pair); free(file); free(rdir);
}

static void api_put_storyboard(const char *name, const char *dir, const struct hreq *rq, struct hresp *r)
{
	if (project_busy(name, dir, "saving", r)) return;
	json_error_t je;
	json_t *j = json_loadb(rq->body ? rq->body : "", rq->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		char msg[300];
		snprintf(msg, sizeof msg, "invalid JSON at line %d, column %d: %s", je.line, je.column, je.text);
		resp_err(r, 400, msg);
		return;
	}
	struct series *s = NULL;
	if (series_from_json(j, &s) < 0) {
		json_decref(j);
		const char *m = err_msg(), *colon = strstr(m, ": ");
		json_t *e = json_pack("{s:s%, s:s}", "path", m, colon ? (size_t)(colon - m) : 0, "message", colon ? colon + 2 : m);
		resp_json(r, 422, json_pack("{s:s, s:[o]}", "error", "the storyboard has problems", "problems", e));
		return;
	}
	json_decref(j);
	struct diags d = { 0 };
	if (series_validate(s, &d) > 0) {
		json_t *a = json_array();
		for (size_t i = 0; i < d.n; i++)
			json_array_append_new(a, json_pack("{s:s, s:s}", "path", d.v[i].path, "message", d.v[i].msg));
		diags_free(&d);
		series_free(s);
		resp_json(r, 422, json_pack("{s:s, s:o}", "error", "the storyboard has problems", "problems", a));
		return;
	}
	char *path = path_join(dir, "storyboard.json");
	struct series *old = NULL;
	if (series_load(path, &old) == 0) thumbs_keep(dir, old);   /* each rendered thumbnail stays with its shot */
	else err_clear();
	series_free(old);
	int rc = series_save(s, path);
	free(path);
	series_free(s);
	if (rc < 0) resp_err(r, 500, err_msg());
	else resp_json(r, 200, json_pack("{s:b}", "saved", 1));
}

/* ---- server-sent events ---- */
struct sse { char name[256]; char dir[PATH_MAX]; unsigned seen; int done; int first; };

long api_sse_next(void *cls, char *buf, size_t max)
{
	struct sse *e = cls;
	if (e->done) return 0;
	/* a heartbeat at least every 10 s keeps the stream inside the idle timeout */
	if (!e->first) e->seen = jobs_wait(e->dir, e->seen, 10000);
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

void api_sse_free(void *cls) { free(cls); }

static void api_events(const char *name, const char *dir, struct hresp *r)
{
	struct sse *e = xcalloc(1, sizeof *e);
	snprintf(e->name, sizeof e->name, "%s", name);
	snprintf(e->dir, sizeof e->dir, "%s", dir);
	e->first = 1;
	json_t *st = jobs_status(name, dir);
	e->seen = (unsigned)json_integer_value(json_object_get(st, "version"));
	json_decref(st);
	r->status = 200;
	r->type = "text/event-stream";
	r->sse = e;
}

/* ---- routes ---- */
void api_route(struct server *sv, const struct hreq *rq, struct hresp *r)
{
	const char *method = rq->method, *url = rq->url;
	int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	json_t *body = NULL;
	if (!strcmp(method, "POST") && rq->body_len) {
		json_error_t je;
		body = json_loadb(rq->body, rq->body_len, 0, &je);
		if (!body || !json_is_object(body)) {
			json_decref(body);
			char msg[300];
			snprintf(msg, sizeof msg, "the request body is not a JSON object (line %d, column %d: %s)", je.line, je.column, je.text);
			resp_err(r, 400, msg);
			return;
		}
	}
	if (!body) body = json_object();
	if (!get) __atomic_add_fetch(&changes, 1, __ATOMIC_RELEASE);   /* before and after: a listing made meanwhile is not kept */
	char *dir = NULL;
	if (!strcmp(url, "/api/looks") && get) {
		api_looks(r);
		goto end;
	}
	if (!strcmp(url, "/api/projects")) {
		if (get) api_list(sv, r);
		else if (!strcmp(method, "POST")) api_create(sv, body, r);
		else resp_err(r, 405, "method not allowed");
		goto end;
	}
	if (strncmp(url, "/api/projects/", 14)) { resp_err(r, 404, "not found"); goto end; }
	char name[256];
	const char *rest = url + 14, *slash = strchr(rest, '/');
	size_t nl = slash ? (size_t)(slash - rest) : strlen(rest);
	if (nl >= sizeof name) { resp_err(r, 404, "no such project"); goto end; }
	memcpy(name, rest, nl);
	name[nl] = 0;
	const char *sub = slash ? slash + 1 : "";
	if (!(dir = project_dir(sv, name))) { resp_err(r, 404, "no such project"); goto end; }
	if (!*sub && get) {
		json_t *o = project_summary(sv, name, 1);
		if (o) resp_json(r, 200, o);
		else resp_err(r, 404, "no such project");
	} else if (!strcmp(sub, "storyboard") && get) {
		char *p = path_join(dir, "storyboard.json");
		resp_file(r, rq, p, 0);
		free(p);
	} else if (!strcmp(sub, "storyboard") && !strcmp(method, "PUT")) {
		api_put_storyboard(name, dir, rq, r);
	} else if (!strcmp(sub, "jobs") && !strcmp(method, "POST")) {
		api_job(name, dir, body, r);
	} else if (!strcmp(sub, "shots/preview") && get) {
		api_shot_preview(dir, rq, r);
	} else if (!strcmp(sub, "shots/regenerate") && !strcmp(method, "POST")) {
		api_regenerate(name, dir, body, r);
	} else if (!strcmp(sub, "voice-ref") && !strcmp(method, "POST")) {
		api_voice_ref(name, dir, body, r);
	} else if (!strcmp(sub, "lines/regenerate") && !strcmp(method, "POST")) {
		api_revoice(name, dir, body, r);
	} else if (!strcmp(sub, "job/cancel") && !strcmp(method, "POST")) {
		if (jobs_cancel(name, dir) < 0) resp_err(r, 409, err_msg());
		else resp_json(r, 202, json_pack("{s:s}", "state", "stopping"));
	} else if (!strncmp(sub, "preview/", 8) && !strcmp(method, "POST")) {
		api_preview(dir, sub + 8, body, r);
	} else if (!strcmp(sub, "job") && get) {
		resp_json(r, 200, jobs_status(name, dir));
	} else if (!strcmp(sub, "events") && get) {
		api_events(name, dir, r);
	} else if (!strncmp(sub, "files/", 6) && get) {
		char *p = server_confine(dir, sub + 6);
		if (p) resp_file(r, rq, p, hreq_query(rq, "download") != NULL);
		else resp_err(r, 404, "no such file in this project");
		free(p);
	} else {
		resp_err(r, get ? 404 : 405, get ? "not found" : "method not allowed");
	}
end:
	if (!get) __atomic_add_fetch(&changes, 1, __ATOMIC_RELEASE);
	free(dir);
	json_decref(body);
}
