/* tests/test_render_style.c — a style edit redraws only the segments drawn with the part
 * of data/render/style.json that changed: the cover's colours none, the cards' the title
 * and end card, the subtitle's only the shots that show a subtitle; and the episode then
 * equals a forced full render byte for byte. */
#include "test.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* Run `drama ARGS` in the case's folder with DRAMA_DATA at its own copy of data/. */
static int drama(char **out, const char *args)
{
	char *cmd = xasprintf("cd '%s' && DRAMA_NO_BAR=1 DRAMA_DATA='%s/data' '%s' %s 2>&1", test_tmpdir(), test_tmpdir(),
	                      test_drama_bin(), args);
	int st = test_run(cmd, out);
	free(cmd);
	return st;
}

/* Replace the first `from` in the copied style.json with `to`; 0 when it was there. */
static int style_edit(const char *from, const char *to)
{
	char *path = xasprintf("%s/data/render/style.json", test_tmpdir()), *s = NULL;
	size_t n = 0;
	int rc = -1;
	if (file_read_all(path, &s, &n) == 0) {
		char *at = strstr(s, from);
		if (at) {
			char *t = xasprintf("%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
			rc = file_write_atomic(path, t, strlen(t));
			free(t);
		}
	}
	free(s);
	free(path);
	return rc;
}

/* "episode 1: D segments drawn, R reused from cache" out of the render's log. */
static int drawn(const char *out, int *reused)
{
	const char *at = strstr(out, "segments drawn");
	if (!at) return -1;
	while (at > out && at[-1] == ' ') at--;
	while (at > out && at[-1] >= '0' && at[-1] <= '9') at--;
	int d = -1;
	*reused = -1;
	if (sscanf(at, "%d segments drawn, %d reused", &d, reused) != 2) return -1;
	return d;
}

TEST(render_style_edit_redraws_its_segments)
{
	char *out = NULL, *cmd = xasprintf("cp -a '%s' '%s/data'", getenv("DRAMA_DATA"), test_tmpdir());
	CHECK(test_run(cmd, &out) == 0);
	free(cmd);
	free(out);
	int st = drama(&out, "make 'milk tea shop, prince' -o c --size 216x384 --fps 10 --minutes 0.5");
	CHECKF(st == 0, "make: %s", out);
	int reused = 0, all = drawn(out, &reused);
	free(out);
	CHECK(all > 4 && reused == 0);
	/* the cover's ribbon: no segment */
	CHECK(style_edit("\"ribbon\": \"#C8102E\"", "\"ribbon\": \"#1020C8\"") == 0);
	st = drama(&out, "render c");
	int d = drawn(out, &reused);
	CHECKF(st == 0 && d == 0 && reused == all, "cover edit: %s", out);
	free(out);
	/* the cards' accent: the title and the end card, and the first shot when it fades in
	 * from the title card (a segment that does not cut holds the previous one's frames) */
	CHECK(style_edit("\"accent\": \"#F2C14E\"", "\"accent\": \"#4EC1F2\"") == 0);
	st = drama(&out, "render c");
	d = drawn(out, &reused);
	CHECKF(st == 0 && d >= 2 && d <= 3 && reused == all - d, "card edit: %s", out);
	free(out);
	/* the subtitle's fill: the shots with a line, not the cards and silent shots */
	CHECK(style_edit("\"fill\": \"#FFFFFF\"", "\"fill\": \"#FFFFE0\"") == 0);
	st = drama(&out, "render c");
	d = drawn(out, &reused);
	CHECKF(st == 0 && d > 0 && reused >= 2 && d + reused == all, "subtitle edit: %s", out);
	free(out);
	/* what the reuse made equals a full render of the edited style */
	char *cmp = xasprintf("cd '%s' && cp c/ep01.mp4 kept.mp4 && DRAMA_NO_BAR=1 DRAMA_DATA='%s/data' '%s' render c --force "
	                      ">/dev/null 2>&1 && cmp -s kept.mp4 c/ep01.mp4",
	                      test_tmpdir(), test_tmpdir(), test_drama_bin());
	CHECK(test_run(cmp, &out) == 0);
	free(out);
	free(cmp);
}
