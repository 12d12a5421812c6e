/* tests/test_server_shots.c — the focus of this file is one shot or one line at a time
 * from the workbench (issue 18): the picture of a shot never rendered, drawn on demand
 * (GET .../shots/preview, render_still) at 540x960 without writing to the project and
 * equal to the frame the render keeps for that shot; and voicing one line again (POST
 * .../lines/regenerate): that line's voice is made again, every other line comes from
 * the cache and no shot is redrawn. */
#define _GNU_SOURCE
#include "test.h"
#include "core/model.h"
#include "core/util.h"
#include "render/still.h"
#include "server/server.h"

#include <cairo.h>
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "server_http.h"

struct png_in { const char *p; size_t n, off; };

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int len)
{
	struct png_in *in = closure;
	if (in->off + len > in->n) return CAIRO_STATUS_READ_ERROR;
	memcpy(data, in->p + in->off, len);
	in->off += len;
	return CAIRO_STATUS_SUCCESS;
}

/* PNG bytes -> an image surface (NULL if not a PNG). Caller destroys. */
static cairo_surface_t *png_decode(const char *p, size_t n)
{
	struct png_in in = { p, n, 0 };
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_read, &in);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) { cairo_surface_destroy(s); return NULL; }
	return s;
}

/* Mean absolute difference of the colour channels of two same-size images (0..255), or
 * -1 when the sizes differ. */
static double mean_diff(cairo_surface_t *a, cairo_surface_t *b)
{
	int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
	if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) return -1;
	const unsigned char *pa = cairo_image_surface_get_data(a), *pb = cairo_image_surface_get_data(b);
	int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
	double sum = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			for (int c = 0; c < 3; c++) sum += fabs((double)pa[y * sa + 4 * x + c] - pb[y * sb + 4 * x + c]);
	return sum / ((double)w * h * 3);
}

/* Standard deviation of the green channel: a blank picture has none. */
static double spread(cairo_surface_t *s)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s), st = cairo_image_surface_get_stride(s);
	const unsigned char *p = cairo_image_surface_get_data(s);
	double m = 0, m2 = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) { double v = p[y * st + 4 * x + 1]; m += v; m2 += v * v; }
	m /= (double)w * h;
	return sqrt(m2 / ((double)w * h) - m * m);
}

/* Names in a folder, sorted, joined by newlines (what a test compares before and after). */
static char *listing(const char *dir)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	DIR *d = opendir(dir);
	for (struct dirent *e; d && (e = readdir(d));)
		if (e->d_name[0] != '.') strv_push(&v, &n, &cap, e->d_name);
	if (d) closedir(d);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) { char *t = v[j]; v[j] = v[j - 1]; v[j - 1] = t; }
	struct sbuf b = { 0 };
	sb_add(&b, "");
	for (size_t i = 0; i < n; i++) { sb_printf(&b, "%s\n", v[i]); free(v[i]); }
	free(v);
	return b.s;
}

/* The value of a response header (its first line), or NULL. Caller frees. */
static char *header(const struct resp *r, const char *name)
{
	for (const char *p = r->hdrs.s; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		size_t k = strlen(name);
		if (len > k + 1 && !strncasecmp(p, name, k) && p[k] == ':') {
			const char *v = p + k + 1;
			while (*v == ' ') v++;
			size_t vl = len - (size_t)(v - p);
			while (vl && (v[vl - 1] == '\r' || v[vl - 1] == ' ')) vl--;
			return xasprintf("%.*s", (int)vl, v);
		}
		p = nl ? nl + 1 : p + len;
	}
	return NULL;
}

/* A project with only a script (no design, voice or render): every shot gets a 540x960
 * picture on demand; the project folder and storyboard.json are left as they were; bad
 * positions and sizes are refused with the field, another site's request with 403. */
TEST(server_shot_preview_fresh)
{
	char *cmd = xasprintf("cd '%s' && DRAMA_NO_BAR=1 '%s' script ws/fresh 'milk tea shop, prince' --minutes 0.5 2>&1",
	                      test_tmpdir(), test_drama_bin());
	char *out = NULL;
	int st = test_run(cmd, &out);
	free(cmd);
	CHECKF(st == 0, "%s", out ? out : "");
	free(out);
	char *dir = path_join(test_tmpdir(), "ws/fresh"), *sbp = path_join(dir, "storyboard.json");
	char *before = NULL, *after = NULL, *files0 = listing(dir);
	size_t n = 0;
	CHECK(file_read_all(sbp, &before, &n) == 0);
	struct series *s = NULL;
	CHECKF(series_load(sbp, &s) == 0, "%s", err_msg());
	CHECK(s->eps[0].n_scenes > 0);
	struct server *sv = start(NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	struct resp r;
	double worst = 0;
	int shots = 0;
	char *first = NULL;
	size_t first_n = 0;
	const struct episode *ep = &s->eps[0];
	for (size_t k = 0; k < ep->n_scenes; k++)
		for (size_t h = 0; h < ep->scenes[k].n_shots; h++) {
			char path[200];
			snprintf(path, sizeof path, "/api/projects/fresh/shots/preview?episode=0&scene=%zu&shot=%zu", k, h);
			CHECK(http(port, "GET", path, NULL, NULL, &r) == 0);
			CHECKF(r.status == 200, "%s -> %ld %s", path, r.status, r.body.s);
			char *type = header(&r, "Content-Type"), *timing = header(&r, "Server-Timing");
			CHECKF(type && !strcmp(type, "image/png"), "%s", type ? type : "(none)");
			CHECKF(timing && !strncmp(timing, "render;dur=", 11), "%s", r.hdrs.s);
			double ms = atof(timing + 11);
			if (ms > worst) worst = ms;
			free(type);
			free(timing);
			cairo_surface_t *img = png_decode(r.body.s, r.body.len);
			CHECKF(img, "%s is not a PNG", path);
			CHECK_INT(cairo_image_surface_get_width(img), 540);
			CHECK_INT(cairo_image_surface_get_height(img), 960);
			double sd = spread(img);
			cairo_surface_destroy(img);
			CHECKF(sd > 10, "%s: a blank picture (spread %.1f)", path, sd);
			if (!first) { first = xmalloc(r.body.len); memcpy(first, r.body.s, r.body.len); first_n = r.body.len; }
			else if (shots == 1) CHECKF(r.body.len != first_n || memcmp(first, r.body.s, first_n), "shots 1 and 2 gave the same picture");
			shots++;
			resp_free(&r);
		}
	free(first);
	fprintf(stderr, "  %d shots previewed at 540x960, slowest %.0f ms of server time\n", shots, worst);
	/* another size; the browser may keep a picture asked for with the storyboard's version */
	CHECK(http(port, "GET", "/api/projects/fresh/shots/preview?episode=0&scene=0&shot=0&w=216&h=384&v=1", NULL, NULL, &r) == 0);
	CHECK_INT(r.status, 200);
	cairo_surface_t *img = png_decode(r.body.s, r.body.len);
	CHECK(img);
	CHECK_INT(cairo_image_surface_get_width(img), 216);
	cairo_surface_destroy(img);
	char *cc = header(&r, "Cache-Control");
	CHECKF(cc && strstr(cc, "max-age"), "%s", cc ? cc : "(none)");
	free(cc);
	resp_free(&r);
	const char *bad[][3] = {
		{ "/api/projects/fresh/shots/preview?episode=0&scene=0", "422", "\"field\":\"shot\"" },
		{ "/api/projects/fresh/shots/preview?episode=0&scene=0&shot=x1", "422", "\"field\":\"shot\"" },
		{ "/api/projects/fresh/shots/preview?episode=0&scene=0&shot=-1", "422", "\"field\":\"shot\"" },
		{ "/api/projects/fresh/shots/preview?episode=0&scene=0&shot=999", "404", "shots[999]" },
		{ "/api/projects/fresh/shots/preview?episode=3&scene=0&shot=0", "404", "episodes[3]" },
		{ "/api/projects/fresh/shots/preview?episode=0&scene=0&shot=0&w=541", "422", "\"field\":\"w\"" },
		{ "/api/projects/fresh/shots/preview?episode=0&scene=0&shot=0&h=99999", "422", "\"field\":\"h\"" },
		{ "/api/projects/nope/shots/preview?episode=0&scene=0&shot=0", "404", "no such project" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK(http(port, "GET", bad[i][0], NULL, NULL, &r) == 0);
		CHECKF(r.status == atol(bad[i][1]) && strstr(r.body.s, bad[i][2]), "%s -> %ld %s", bad[i][0], r.status, r.body.s);
		resp_free(&r);
	}
	CHECK(http(port, "GET", "/api/projects/fresh/shots/preview?episode=0&scene=0&shot=0", NULL, "Sec-Fetch-Site: cross-site", &r) == 0);
	CHECK_INT(r.status, 403);
	resp_free(&r);
	server_stop(sv);
	/* nothing written: the same files, the same storyboard */
	char *files1 = listing(dir);
	CHECK_STR(files1, files0);
	CHECK(file_read_all(sbp, &after, &n) == 0);
	CHECK(!strcmp(before, after));
	series_free(s);
	free(files0); free(files1); free(before); free(after); free(sbp); free(dir);
}

struct fstamp { char name[80]; ino_t ino; struct timespec mt; };

/* Identity (inode, modification time) of each WAV in dir. */
static size_t stamps(const char *dir, struct fstamp *v, size_t max)
{
	size_t n = 0;
	DIR *d = opendir(dir);
	for (struct dirent *e; d && (e = readdir(d)) && n < max;) {
		if (!str_has_suffix(e->d_name, ".wav")) continue;
		char *p = path_join(dir, e->d_name);
		struct stat st;
		if (stat(p, &st) == 0) {
			snprintf(v[n].name, sizeof v[n].name, "%s", e->d_name);
			v[n].ino = st.st_ino;
			v[n].mt = st.st_mtim;
			n++;
		}
		free(p);
	}
	if (d) closedir(d);
	return n;
}

/* Episode 1's thumbnails as the project summary gives them (new reference or NULL). */
static json_t *summary_thumbs(int port)
{
	struct resp r;
	json_t *t = NULL;
	if (http(port, "GET", "/api/projects/tea", NULL, NULL, &r) == 0 && r.status == 200) {
		json_t *j = json_loads(r.body.s, 0, NULL);
		t = json_incref(json_object_get(json_array_get(json_object_get(j, "episodes"), 0), "thumbs"));
		json_decref(j);
	}
	resp_free(&r);
	return t;
}

/* A save from the page that swaps the first two shots and edits the third: the two keep
 * their own thumbnails, the edited one has none (the page then asks for a preview), the
 * rest are unchanged. 1 if so (what differs is printed). */
static int thumbs_follow_shots(int port, const char *dir)
{
	json_t *t0 = summary_thumbs(port);
	char *sbp = path_join(dir, "storyboard.json");
	json_t *sb = json_load_file(sbp, 0, NULL);
	free(sbp);
	json_t *shots = json_object_get(json_array_get(json_object_get(json_array_get(json_object_get(sb, "episodes"), 0), "scenes"), 0), "shots");
	int ok = t0 && json_array_size(shots) >= 3 && json_is_string(json_array_get(t0, 0)) && json_is_string(json_array_get(t0, 1)) &&
	         json_is_string(json_array_get(t0, 2));
	if (ok) {
		json_t *a = json_incref(json_array_get(shots, 0));
		json_array_set(shots, 0, json_array_get(shots, 1));
		json_array_set_new(shots, 1, a);
		json_t *third = json_array_get(shots, 2), *line = json_object_get(third, "line");
		if (line) json_object_set_new(line, "text", json_string("An edited line."));
		else json_object_set_new(third, "action", json_string("An edited action."));
		char *body = json_dumps(sb, 0);
		struct resp r;
		ok = http(port, "PUT", "/api/projects/tea/storyboard", body, NULL, &r) == 0 && r.status == 200;
		if (!ok) fprintf(stderr, "  PUT: %ld %s\n", r.status, r.body.s);
		resp_free(&r);
		free(body);
	}
	json_t *t1 = ok ? summary_thumbs(port) : NULL;
	ok = ok && t1 && json_array_size(t1) == json_array_size(t0) && json_equal(json_array_get(t1, 0), json_array_get(t0, 1)) &&
	     json_equal(json_array_get(t1, 1), json_array_get(t0, 0)) && json_is_null(json_array_get(t1, 2));
	for (size_t i = 3; ok && i < json_array_size(t0); i++) ok = json_equal(json_array_get(t1, i), json_array_get(t0, i));
	if (!ok) {
		char *a = t0 ? json_dumps(t0, JSON_COMPACT) : NULL, *b = t1 ? json_dumps(t1, JSON_COMPACT) : NULL;
		fprintf(stderr, "  thumbnails before %s\n  after  %s\n", a ? a : "(none)", b ? b : "(none)");
		free(a);
		free(b);
	}
	json_decref(t0);
	json_decref(t1);
	json_decref(sb);
	return ok;
}

/* A rendered project: (1) the still of the cover shot at the project's size is the frame
 * the render kept for it (cache/shots/HASH.full.png); (2) voicing one line again makes
 * that line's WAV anew, keeps every other WAV file as it was, the voice stage says 1
 * line voiced and the render draws no segment (the embedded voices say a text the same
 * way each time, so no picture changes); (3) after a save that moves and edits shots, each
 * rendered thumbnail stays with its shot's content. */
TEST(server_line_revoice_and_still)
{
	CHECK(make_real_project("tea") == 0);
	char *dir = path_join(test_tmpdir(), "ws/tea"), *shots_dir = path_join(dir, "cache/shots");
	char *list = NULL, *full = NULL;
	size_t n = 0;
	char *lp = path_join(shots_dir, "ep01.list");
	CHECK(file_read_all(lp, &list, &n) == 0);
	free(lp);
	DIR *d = opendir(shots_dir);
	for (struct dirent *e; d && (e = readdir(d));)
		if (str_has_suffix(e->d_name, ".full.png") && !full) full = xstrdup(e->d_name);
	if (d) closedir(d);
	CHECKF(full, "no key frame kept in %s", shots_dir);
	/* its segment's place in the list: 0 is the title card, then the shots */
	full[32] = 0;
	const char *at = strstr(list, full);
	CHECK(at);
	int seg = 0;
	for (const char *p = list; p < at; p++) seg += *p == '\n';
	struct project *p = NULL;
	CHECK(project_open(dir, 0, &p) == 0 && p->s);
	const struct episode *ep = &p->s->eps[0];
	size_t k = 0, h = (size_t)seg - 1;
	while (k < ep->n_scenes && h >= ep->scenes[k].n_shots) h -= ep->scenes[k++].n_shots;
	CHECK(k < ep->n_scenes);
	struct sbuf png = { 0 };
	struct render_still_info info;
	CHECKF(render_still(p, 0, k, h, p->set.width, p->set.height, &png, &info) == 0, "%s", err_msg());
	cairo_surface_t *still = png_decode(png.s, png.len);
	char *fp = xasprintf("%s/%s.full.png", shots_dir, full);
	cairo_surface_t *kept = cairo_image_surface_create_from_png(fp);
	free(fp);
	CHECK(still && cairo_surface_status(kept) == CAIRO_STATUS_SUCCESS);
	double diff = mean_diff(still, kept);
	fprintf(stderr, "  still of scene %zu shot %zu (frame %d) against the render's key frame: mean difference %.3f of 255\n",
	        k + 1, h + 1, info.frame, diff);
	CHECKF(diff >= 0 && diff < 0.5, "the still differs from the rendered frame by %.3f", diff);
	cairo_surface_destroy(still);
	cairo_surface_destroy(kept);
	sb_free(&png);

	/* the line to voice again: the first shot with one; the number of lines */
	size_t lk = 0, lh = 0, lines = 0, silent_k = 0, silent_h = 0;
	int found = 0, silent = 0;
	const char *audio = NULL;
	for (size_t a = 0; a < ep->n_scenes; a++)
		for (size_t b = 0; b < ep->scenes[a].n_shots; b++) {
			const struct line *l = ep->scenes[a].shots[b].line;
			if (l) lines++;
			if (l && !found) { found = 1; lk = a; lh = b; audio = l->audio; }
			if (!l && !silent) { silent = 1; silent_k = a; silent_h = b; }
		}
	CHECK(found && audio && lines > 1);
	const char *wav_name = strrchr(audio, '/') + 1;
	char *vdir = path_join(dir, "cache/voice");
	struct fstamp s0[256], s1[256];
	size_t n0 = stamps(vdir, s0, 256);
	CHECK(n0 >= 2);

	struct server *sv = start(NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	struct resp r;
	char body[160];
	if (silent) {
		snprintf(body, sizeof body, "{\"episode\": 0, \"scene\": %zu, \"shot\": %zu}", silent_k, silent_h);
		CHECK(http(port, "POST", "/api/projects/tea/lines/regenerate", body, NULL, &r) == 0);
		CHECKF(r.status == 422 && strstr(r.body.s, "\"field\":\"shot\""), "%ld %s", r.status, r.body.s);
		resp_free(&r);
	}
	CHECK(http(port, "POST", "/api/projects/tea/lines/regenerate", "{\"episode\": 0, \"scene\": 99, \"shot\": 0}", NULL, &r) == 0);
	CHECKF(r.status == 422 && strstr(r.body.s, "\"field\":\"scene\""), "%ld %s", r.status, r.body.s);
	resp_free(&r);
	snprintf(body, sizeof body, "{\"episode\": 0, \"scene\": %zu, \"shot\": %zu}", lk, lh);
	CHECK(http(port, "POST", "/api/projects/tea/lines/regenerate", body, NULL, &r) == 0);
	CHECKF(r.status == 202 && strstr(r.body.s, "\"removed\":true"), "%ld %s", r.status, r.body.s);
	resp_free(&r);
	CHECK(job_done(port, "tea", 300));
	CHECK(thumbs_follow_shots(port, dir));
	server_stop(sv);
	char *log = NULL, *logp = path_join(dir, "job.log");
	CHECK(file_read_all(logp, &log, &n) == 0);
	free(logp);
	char want[80];
	snprintf(want, sizeof want, "1 line(s) voiced, %zu reused from cache", lines - 1);
	CHECKF(strstr(log, want), "wanted \"%s\" in:\n%s", want, log);
	CHECKF(strstr(log, " 0 segments drawn, "), "%s", log);
	const char *vs = strstr(log, want), *rs = strstr(log, "segments drawn");
	while (rs > log && rs[-1] != ':') rs--;
	fprintf(stderr, "  after re-voicing one line: %s;%.50s\n", want, rs);
	size_t n1 = stamps(vdir, s1, 256);
	CHECK_INT(n1, n0);
	int changed = 0, others_same = 1;
	for (size_t i = 0; i < n1; i++)
		for (size_t j = 0; j < n0; j++) {
			if (strcmp(s1[i].name, s0[j].name)) continue;
			int same = s1[i].ino == s0[j].ino && s1[i].mt.tv_sec == s0[j].mt.tv_sec && s1[i].mt.tv_nsec == s0[j].mt.tv_nsec;
			if (!strcmp(s1[i].name, wav_name)) changed = !same;
			else if (!same) { others_same = 0; fprintf(stderr, "  %s was written again\n", s1[i].name); }
		}
	CHECKF(changed, "%s was not voiced again", wav_name);
	CHECK(others_same);
	(void)vs;
	project_free(p);
	free(log); free(vdir); free(list); free(full); free(shots_dir); free(dir);
}
