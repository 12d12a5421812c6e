/* tests/test_server_export.c — the focus of this file is the workbench's "Export for
 * editor" (issue 17 item 5): POST jobs {"stage":"export","episode":N,"format":F} runs
 * `drama export --zip` as a job; the ZIP then comes through the files route as an
 * attachment, holding the format's project file and every media file it references.
 * Bad format or episode: 400 naming the field. */
#define _GNU_SOURCE
#include "test.h"
#include "test_export.h"
#include "core/util.h"

#include <string.h>
#include <zip.h>

#include "server_http.h"

/* Every "media/NAME" the document names is an entry "ep01/media/NAME" of za; *n counts them. */
static int refs_in_zip(zip_t *za, const char *doc, int *n)
{
	int ok = 1;
	*n = 0;
	for (const char *p = doc; (p = strstr(p, "media/"));) {
		size_t len = strcspn(p, "\"<'& \n");
		char *entry = xasprintf("ep01/%.*s", (int)len, p);
		if (zip_name_locate(za, entry, 0) < 0) { fprintf(stderr, "  not in the ZIP: %s\n", entry); ok = 0; }
		free(entry);
		++*n;
		p += len;
	}
	return ok;
}

/* The whole of entry name in za as a string (caller frees), or NULL. */
static char *zip_text(zip_t *za, const char *name)
{
	zip_stat_t st;
	zip_file_t *f = zip_stat(za, name, 0, &st) == 0 ? zip_fopen(za, name, 0) : NULL;
	if (!f) return NULL;
	char *s = xmalloc(st.size + 1);
	zip_int64_t got = zip_fread(f, s, st.size);
	zip_fclose(f);
	if (got != (zip_int64_t)st.size) { free(s); return NULL; }
	s[st.size] = 0;
	return s;
}

/* Unpack every entry of za under dir; the folder of the entry ending in `want` goes to
 * *found (caller frees; NULL if none). 0, or -1 (printed). */
static int unpack(zip_t *za, const char *dir, const char *want, char **found)
{
	*found = NULL;
	for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
		if (!name || strstr(name, "..") || name[0] == '/') { fprintf(stderr, "  bad entry %s\n", name ? name : "?"); return -1; }
		char *data = zip_text(za, name), *path = path_join(dir, name), *slash = strrchr(path, '/');
		zip_stat_t st;
		zip_stat_index(za, (zip_uint64_t)i, 0, &st);
		*slash = 0;
		int rc = data ? mkdir_p(path) : -1;
		*slash = '/';
		if (rc == 0) rc = file_write_atomic(path, data, st.size);
		if (rc == 0 && str_has_suffix(name, want) && !*found) {
			*found = xstrdup(path);
			*strrchr(*found, '/') = 0;
		}
		free(data);
		free(path);
		if (rc < 0) { fprintf(stderr, "  cannot unpack %s\n", name); return -1; }
	}
	return 0;
}

TEST(server_export_zip)
{
	CHECK(make_real_project("show") == 0);
	struct server *sv = start(NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	struct resp r;
	CHECK(http(port, "POST", "/api/projects/show/jobs", "{\"stage\":\"export\",\"episode\":1,\"format\":\"mlt\"}", NULL, &r) == 0);
	CHECKF(r.status == 202 && strstr(r.body.s, "\"zip\":\"export/ep01-mlt.zip\""), "%ld %s", r.status, r.body.s);
	resp_free(&r);
	CHECK(job_done(port, "show", 600));
	CHECK(http(port, "GET", "/api/projects/show/job", NULL, NULL, &r) == 0);
	CHECKF(strstr(r.body.s, "\"kind\":\"export\""), "%s", r.body.s);
	resp_free(&r);

	CHECK(http(port, "GET", "/api/projects/show/files/export/ep01-mlt.zip?download=1", NULL, NULL, &r) == 0);
	CHECKF(r.status == 200, "%ld %s", r.status, r.body.s);
	CHECKF(strcasestr(r.hdrs.s, "Content-Type: application/zip"), "%s", r.hdrs.s);
	CHECKF(strcasestr(r.hdrs.s, "Content-Disposition: attachment; filename=\"ep01-mlt.zip\""), "%s", r.hdrs.s);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(r.body.s, r.body.len, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
	CHECKF(za, "not a ZIP: %s", zip_error_strerror(&ze));
	char *mlt = zip_text(za, "ep01/ep01.mlt");
	CHECK(mlt && strstr(mlt, "<mlt"));
	int n = 0;
	CHECK(refs_in_zip(za, mlt, &n));
	CHECKF(n >= 3, "%d media references", n);   /* shots, lines, music at least */
	CHECK(zip_name_locate(za, "ep01/media/shot-000.mp4", 0) >= 0);
	CHECK(zip_name_locate(za, "ep01/ep01.otio", 0) < 0);   /* only the chosen format's document */
	/* the hard-linked media come whole: the ZIP's shot is the export folder's, byte for byte */
	zip_stat_t st;
	char *shot = path_join(test_tmpdir(), "ws/show/export/ep01/media/shot-000.mp4");
	size_t len = 0;
	char *disk = NULL;
	CHECK(file_read_all(shot, &disk, &len) == 0);
	char *inzip = zip_text(za, "ep01/media/shot-000.mp4");
	CHECK(zip_stat(za, "ep01/media/shot-000.mp4", 0, &st) == 0 && st.size == len && len > 0 && inzip &&
	      !memcmp(inzip, disk, len));
	free(inzip);
	free(disk);
	free(shot);
	free(mlt);
	zip_close(za);
	zip_error_fini(&ze);
	resp_free(&r);

	/* the Jianying draft: its own folder with its own media, whole after unpacking anywhere */
	CHECK(http(port, "POST", "/api/projects/show/jobs", "{\"stage\":\"export\",\"episode\":1,\"format\":\"jianying\"}", NULL, &r) == 0);
	CHECKF(r.status == 202, "%ld %s", r.status, r.body.s);
	resp_free(&r);
	CHECK(job_done(port, "show", 600));
	CHECK(http(port, "GET", "/api/projects/show/files/export/ep01-jianying.zip?download=1", NULL, NULL, &r) == 0);
	CHECKF(r.status == 200, "%ld %s", r.status, r.body.s);
	zip_error_init(&ze);
	src = zip_source_buffer_create(r.body.s, r.body.len, 0, &ze);
	za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
	CHECKF(za, "not a ZIP: %s", zip_error_strerror(&ze));
	CHECK(zip_name_locate(za, "ep01/ep01.mlt", 0) < 0 && zip_name_locate(za, "ep01/media/shot-000.mp4", 0) < 0);
	char *unz = path_join(test_tmpdir(), "unzipped"), *draft = NULL;
	int up = unpack(za, unz, "/draft_content.json", &draft);
	zip_close(za);
	zip_error_fini(&ze);
	resp_free(&r);
	free(unz);
	CHECK(up == 0 && draft && strstr(draft, "/ep01/jianying/"));
	int counts[3];
	const char *why = jy_check_folder(draft, counts, NULL);
	free(draft);
	CHECKF(!why, "unpacked draft: %s", why);
	CHECK(counts[0] > 0 && counts[1] > 0);

	/* no temp files left beside it */
	char *cmd = xasprintf("ls -a '%s/ws/show/export'", test_tmpdir()), *out = NULL;
	test_run(cmd, &out);
	CHECKF(out && !strstr(out, ".tmp."), "%s", out ? out : "");
	free(out);
	free(cmd);
	server_stop(sv);
}

TEST(server_export_bad_input)
{
	make_project("show");
	struct server *sv = start(NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	struct resp r;
	CHECK(http(port, "POST", "/api/projects/show/jobs", "{\"stage\":\"export\",\"episode\":1,\"format\":\"avid\"}", NULL, &r) == 0);
	CHECKF(r.status == 400 && strstr(r.body.s, "format must be one of jianying, capcut, mlt") &&
	       strstr(r.body.s, "\"field\":\"format\""), "%ld %s", r.status, r.body.s);
	resp_free(&r);
	CHECK(http(port, "POST", "/api/projects/show/jobs", "{\"stage\":\"export\",\"episode\":7,\"format\":\"otio\"}", NULL, &r) == 0);
	CHECKF(r.status == 400 && strstr(r.body.s, "episode must be the number of one of the storyboard's episodes (1 to 1)") &&
	       strstr(r.body.s, "\"field\":\"episode\""), "%ld %s", r.status, r.body.s);
	resp_free(&r);
	CHECK(http(port, "POST", "/api/projects/show/jobs", "{\"stage\":\"export\",\"format\":\"otio\"}", NULL, &r) == 0);
	CHECKF(r.status == 400 && strstr(r.body.s, "\"field\":\"episode\""), "%ld %s", r.status, r.body.s);
	resp_free(&r);
	/* before a render the job fails with the CLI's message naming the stage to run */
	CHECK(http(port, "POST", "/api/projects/show/jobs", "{\"stage\":\"export\",\"episode\":1,\"format\":\"otio\"}", NULL, &r) == 0);
	CHECKF(r.status == 202, "%ld %s", r.status, r.body.s);
	resp_free(&r);
	char *job = wait_job(port, "show", 120);
	CHECKF(job && strstr(job, "\"state\":\"failed\"") && strstr(job, "drama render"), "%s", job ? job : "(running)");
	free(job);
	server_stop(sv);
}

/* The page's control, clicked in headless Chromium: tests/browser/export.mjs. */
TEST(browser_export)
{
	if (getenv("DRAMA_SANITIZE")) return;   /* the sanitizer build checks the C code, not the page */
	CHECKF(file_exists("/usr/bin/chromium"), "no /usr/bin/chromium: run `make deps` (installs Debian's chromium)");
	CHECKF(file_exists("tests/browser/node_modules/playwright-core"), "no playwright-core: run `make deps`");
	char *ws = path_join(test_tmpdir(), "ws");
	char *cmd = xasprintf("SHOTS='%s' node tests/browser/export.mjs '%s' '%s'", test_tmpdir(), test_drama_bin(), ws),
	     *out = NULL;
	int st = test_run(cmd, &out);
	if (st) fprintf(stderr, "%s", out ? out : "");
	free(out);
	free(cmd);
	free(ws);
	CHECK(st == 0);
}
