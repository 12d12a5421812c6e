/* tests/test_export_editors.c — the focus of this file is the real editors opening what
 * `drama export` writes: Shotcut opens epNN.mlt and Kdenlive opens epNN.kdenlive under
 * Xvfb; each must show its main window titled with the project and no other window (an
 * error or "missing clip" dialog is a window of its own); a screenshot of the screen is
 * kept in build/test-out/export_editors/ for a person to look at (tracks, clip names). The
 * programs are big (install-deps.sh installs them unless told `noeditors`): without them
 * the case says so and skips. No timing is asserted: the script waits for the window
 * (up to 150 s), then a few seconds for thumbnails. */
#include "test.h"
#include "drama_run.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SHOTS_DIR "build/test-out/export_editors"

/* PROGRAM FILE OUT TITLE PNG: start PROGRAM on FILE, wait for a visible window named TITLE
 * (known trap: Kdenlive ended while starting leaves /tmp/kdenlivelock, and every later
 * start asks "Kdenlive crashed on last startup…": a lock that no running Kdenlive holds
 * is removed first, so a run killed here does not fail the next one),
 * give it the screen, list the visible windows' names into OUT.titles, screenshot into
 * PNG (by way of OUT.xwd), end PROGRAM (its own pid only). */
static const char SCRIPT[] =
	"prog=$1; file=$2; out=$3; title=$4; png=$5\n"
	"if [ \"$prog\" = kdenlive ] && ! pgrep -x kdenlive >/dev/null; then rm -f /tmp/kdenlivelock; fi\n"
	"\"$prog\" \"$file\" >\"$out.log\" 2>&1 &\n"
	"pid=$!\n"
	": >\"$out.titles\"\n"
	"if ! timeout 150 xdotool search --sync --onlyvisible --name \"$title\" >/dev/null 2>&1; then\n"
	"  echo \"(no window named $title)\" >>\"$out.titles\"\n"
	"fi\n"
	"sleep 10\n"
	"wid=$(xdotool search --onlyvisible --name \"$title\" 2>/dev/null | head -1)\n"
	"[ -n \"$wid\" ] && xdotool windowmove \"$wid\" 0 0 windowsize \"$wid\" 1600 900 && sleep 3\n"
	"xdotool search --onlyvisible --name '.' getwindowname %@ 2>/dev/null | sort -u >>\"$out.titles\"\n"
	/* a loaded machine may show the window before it paints it (CI once kept a blank
	 * 5.7 kB screen): shoot again every 5 s, for up to a minute, until the PNG holds more
	 * than a blank screen would */
	"for try in 1 2 3 4 5 6 7 8 9 10 11 12; do\n"
	"  xwd -root -silent >\"$out.xwd\" && ffmpeg -v error -y -i \"$out.xwd\" \"$png\" </dev/null\n"
	"  [ \"$(stat -c %s \"$png\" 2>/dev/null || echo 0)\" -gt 20000 ] && break\n"
	"  sleep 5\n"
	"done\n"
	"kill $pid 2>/dev/null; sleep 2; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null\n"
	"exit 0\n";

static int have(const char *prog)
{
	char *out = NULL;
	int st = shell_run(&out, "command -v %s", prog);
	free(out);
	return st == 0;
}

/* open FILE (in folder dir) with prog under Xvfb; *titles: the visible windows' names.
 * The screenshot goes to SHOTS_DIR/NAME.png. Returns the shell status. */
static int open_in(const char *prog, const char *wrap, const char *dir, const char *file, const char *title,
                   const char *name, char **titles)
{
	char *out = NULL, *shots = realpath(SHOTS_DIR, NULL);
	int st = shell_run(&out, "cd %s && xvfb-run -a -s '-screen 0 1600x900x24' %s sh %s/editor.sh %s %s %s/%s '%s' %s/%s.png 2>&1",
	                   dir, wrap, test_tmpdir(), prog, file, test_tmpdir(), name, title, shots ? shots : SHOTS_DIR, name);
	if (st) fprintf(stderr, "%s: %s\n", prog, out ? out : "");
	free(out);
	free(shots);
	char *tp = xasprintf("%s/%s.titles", test_tmpdir(), name);
	if (file_read_all(tp, titles, NULL) < 0) *titles = xstrdup("");
	free(tp);
	return st;
}

/* the names in titles (one a line) other than the one matching main */
static int other_windows(const char *titles, const char *main)
{
	int n = 0;
	char *t = xstrdup(titles), *save = NULL;
	for (char *ln = strtok_r(t, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save))
		if (*ln && !strstr(ln, main)) n++;
	free(t);
	return n;
}

static long size_of(const char *path)
{
	struct stat s;
	return stat(path, &s) == 0 ? (long)s.st_size : -1;
}

/* export_editors-1: Shotcut and Kdenlive open the exported projects without a dialog */
TEST(export_editors_open_projects)
{
	static const char *const need[] = { "shotcut", "kdenlive", "xvfb-run", "xdotool", "xwd", "dbus-run-session" };
	for (size_t i = 0; i < ARRAY_LEN(need); i++)
		if (!have(need[i])) {
			printf("  SKIP: %s is not installed (scripts/install-deps.sh installs the editors unless told noeditors)\n",
			       need[i]);
			return;
		}
	char *out = NULL, *sp = path_join(test_tmpdir(), "editor.sh");
	CHECK(file_write_atomic(sp, SCRIPT, strlen(SCRIPT)) == 0);
	free(sp);
	CHECK(mkdir_p(SHOTS_DIR) == 0);
	int st = drama_run(&out, "make 'palace, revenge, hidden identity' -o ep --size 216x384 --fps 10 --minutes 0.5");
	if (st) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(st == 0);
	st = drama_run(&out, "export ep --format all");
	free(out);
	CHECK(st == 0);
	static const struct { const char *prog, *wrap, *file, *title, *name; } eds[] = {
		{ "shotcut", "", "ep01.mlt", "ep01.mlt - Shotcut", "shotcut" },
		/* Kdenlive quits without a D-Bus session bus */
		{ "kdenlive", "dbus-run-session", "ep01.kdenlive", "ep01 / ", "kdenlive" },
	};
	for (size_t i = 0; i < ARRAY_LEN(eds); i++) {
		char *titles = NULL, *dir = path_join(test_tmpdir(), "ep/export/ep01");
		st = open_in(eds[i].prog, eds[i].wrap, dir, eds[i].file, eds[i].title, eds[i].name, &titles);
		free(dir);
		int main_seen = strstr(titles, eds[i].title) != NULL, others = other_windows(titles, eds[i].title);
		char *png = xasprintf("%s/%s.png", SHOTS_DIR, eds[i].name);
		long sz = size_of(png);
		free(png);
		int good = st == 0 && main_seen && others == 0;
		if (!good) fprintf(stderr, "  %s: visible windows:\n%s\n", eds[i].prog, titles);
		free(titles);
		CHECKF(good, "%s: main window %s, %d other window(s)", eds[i].prog, main_seen ? "shown" : "NOT shown", others);
		CHECKF(sz > 20000, "%s: screenshot %s/%s.png is %ld bytes", eds[i].prog, SHOTS_DIR, eds[i].name, sz);
	}
}
