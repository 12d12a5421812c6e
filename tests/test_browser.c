/* tests/test_browser.c — the focus of this file is the workbench in a real browser: it
 * runs tests/browser/workbench.mjs (headless Debian Chromium via playwright-core), which
 * creates a project, follows the job, plays the video, edits and saves a line. */
#include "test.h"
#include "core/util.h"

#include <stdlib.h>

TEST(browser_workbench)
{
	if (getenv("DRAMA_SANITIZE")) return;   /* the sanitizer build checks the C code, not the page */
	CHECKF(file_exists("/usr/bin/chromium"), "no /usr/bin/chromium: run `make deps` (installs Debian's chromium)");
	CHECKF(file_exists("tests/browser/node_modules/playwright-core"),
	       "no playwright-core: run `make deps` (npm install in tests/browser)");
	char *ws = path_join(test_tmpdir(), "ws");
	char *cmd = xasprintf("SHOTS='%s' node tests/browser/workbench.mjs '%s' '%s'", test_tmpdir(), test_drama_bin(), ws);
	char *out = NULL;
	int st = test_run(cmd, &out);
	if (st) fprintf(stderr, "%s", out);
	free(out);
	free(cmd);
	free(ws);
	CHECK(st == 0);
}
