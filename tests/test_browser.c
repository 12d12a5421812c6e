/* tests/test_browser.c — the focus of this file is the workbench in a real browser: it
 * runs tests/browser/workbench.mjs (headless Debian Chromium via playwright-core), which
 * creates a project, follows the job, plays the video, edits and saves a line, and
 * tests/browser/security.mjs: stored XSS in every field, CSRF from another origin, the
 * 390 px layout and keyboard, token login, and tests/browser/jobs.mjs: overall progress,
 * Cancel, Resume, the server killed with -9 and restarted while its job runs, and
 * tests/browser/timeline.mjs: the shot strip under the player, jump to a shot's row,
 * regenerate one shot, play one line, voice one line again, and
 * tests/browser/editing.mjs: previews of shots never rendered, adding, removing, copying
 * and moving lines, shots and scenes, saved to storyboard.json, at 1280 and 390 px. */
#include "test.h"
#include "core/util.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run one browser script with the built drama and a fresh workspace; 0 if it passed. */
static int run_script(const char *script)
{
	char *ws = path_join(test_tmpdir(), "ws");
	char *cmd = xasprintf("SHOTS='%s' node tests/browser/%s '%s' '%s'", test_tmpdir(), script, test_drama_bin(), ws);
	char *out = NULL;
	int st = test_run(cmd, &out);
	if (st) fprintf(stderr, "%s", out);
	free(out);
	free(cmd);
	free(ws);
	return st;
}

#define NEED_BROWSER() do { \
	if (getenv("DRAMA_SANITIZE")) return;   /* the sanitizer build checks the C code, not the page */ \
	CHECKF(file_exists("/usr/bin/chromium"), "no /usr/bin/chromium: run `make deps` (installs Debian's chromium)"); \
	CHECKF(file_exists("tests/browser/node_modules/playwright-core"), \
	       "no playwright-core: run `make deps` (npm install in tests/browser)"); \
} while (0)

TEST(browser_workbench)
{
	NEED_BROWSER();
	CHECK(run_script("workbench.mjs") == 0);
}

TEST(browser_security)
{
	NEED_BROWSER();
	CHECK(run_script("security.mjs") == 0);
}

TEST(browser_timeline)
{
	NEED_BROWSER();
	CHECK(run_script("timeline.mjs") == 0);
}

TEST(browser_editing)
{
	NEED_BROWSER();
	CHECK(run_script("editing.mjs") == 0);
}

TEST(browser_jobs)
{
	NEED_BROWSER();
	/* the job orphaned by the killed server becomes this process's child (init here does
	 * not reap), and is reaped below once it has ended */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	int st = run_script("jobs.mjs");
	prctl(PR_SET_CHILD_SUBREAPER, 0);
	for (int i = 0; i < 50 && waitpid(-1, NULL, WNOHANG) >= 0; i++) usleep(20000);
	CHECK(st == 0);
}
