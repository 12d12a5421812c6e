/* tests/test_series_container.c — the focus of this file is the container image: the
 * Dockerfile builds with podman from a Debian 12 base made locally (no registry), and its
 * RUN steps install the packages, compile drama and make a small demo episode
 * (tests/container/build.sh). Runs with DRAMA_TEST_IMAGE=1 (many minutes); skipped, saying
 * why, without it or where podman is not installed.
 * Running the image is not tested: `podman run` cannot start containers on this machine
 * (crun cannot set its rlimits; cgroups v1 hybrid). (series-container-1) */
#include "test.h"
#include "drama_run.h"
#include "core/util.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>

TEST(series_container_image)
{
	if (!getenv("DRAMA_TEST_IMAGE")) {
		/* it installs every package and compiles inside the image: many minutes, too long
		 * for every `make test` (CI has 90 minutes for everything) */
		printf("  SKIP: the image build runs with DRAMA_TEST_IMAGE=1 (and podman installed)\n");
		return;
	}
	char *b = xstrdup(test_drama_bin()), *repo = xstrdup(dirname(dirname(b))), *out = NULL;
	int st = shell_run(&out, "'%s/tests/container/build.sh' localhost/drama:test", repo);
	if (st == 77) {
		printf("  %s", out ? out : "SKIP\n");
	} else {
		CHECKF(st == 0 && strstr(out, "built localhost/drama:test"), "image build (exit %d): %.2000s", st,
		       out && strlen(out) > 2000 ? out + strlen(out) - 2000 : out);
	}
	free(out);
	free(repo);
	free(b);
}
