#define _GNU_SOURCE
/* tests/main.c — the test runner: runs every registered case (or those whose name
 * contains one of the arguments), each in its own temporary folder, and prints
 * "N passed, N failed". Exits 1 if any case failed. */
#include "test.h"
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/wait.h>

struct tcase { const char *name; test_fn fn; const char *file; };
static struct tcase cases[1024];
static int n_cases;
static int cur_failed;
static char tmpdir[512];

void test_register(const char *name, test_fn fn, const char *file)
{
	if (n_cases < (int)(sizeof cases / sizeof cases[0]))
		cases[n_cases++] = (struct tcase){ name, fn, file };
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "  FAIL %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cur_failed = 1;
}

int test_failed(void) { return cur_failed; }
const char *test_tmpdir(void) { return tmpdir; }

const char *test_drama_bin(void)
{
	const char *b = getenv("DRAMA_BIN");
	return b ? b : "./drama";
}

int test_run(const char *cmd, char **out)
{
	char *full;
	size_t cap = 4096, len = 0;
	char *buf = NULL;
	if (asprintf(&full, "%s 2>&1", cmd) < 0)
		return -1;
	FILE *f = popen(full, "r");
	free(full);
	if (!f)
		return -1;
	buf = malloc(cap);
	size_t r;
	while ((r = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += r;
		if (cap - len < 2) { cap *= 2; buf = realloc(buf, cap); }
	}
	buf[len] = 0;
	int st = pclose(f);
	if (out) *out = buf; else free(buf);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static int matches(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return 1;
	for (int i = 1; i < argc; i++)
		if (argv[i][0] && strstr(name, argv[i]))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	char cwd[1024];
	if (!getcwd(cwd, sizeof cwd))
		return 2;
	/* Tests find data/ relative to the repository. */
	if (!getenv("DRAMA_DATA")) {
		char d[1100];
		snprintf(d, sizeof d, "%s/data", cwd);
		setenv("DRAMA_DATA", d, 1);
	}
	if (!getenv("DRAMA_BIN")) {
		char d[1100];
		snprintf(d, sizeof d, "%s/build/drama", cwd);
		setenv("DRAMA_BIN", d, 1);
	}
	for (int i = 0; i < n_cases; i++) {
		if (!matches(cases[i].name, argc, argv))
			continue;
		snprintf(tmpdir, sizeof tmpdir, "/tmp/drama-test-%d-%s", (int)getpid(), cases[i].name);
		mkdir(tmpdir, 0755);
		cur_failed = 0;
		double t0 = (double)clock() / CLOCKS_PER_SEC;
		fprintf(stderr, "%s ...\n", cases[i].name);
		cases[i].fn();
		double dt = (double)clock() / CLOCKS_PER_SEC - t0;
		if (cur_failed) {
			failed++;
			fprintf(stderr, "FAIL %s (%s; files kept in %s)\n", cases[i].name, cases[i].file, tmpdir);
		} else {
			passed++;
			fprintf(stderr, "ok   %s (%.2fs cpu)\n", cases[i].name, dt);
			if (getenv("DRAMA_TEST_KEEP")) {   /* to look at what a passing case wrote */
				fprintf(stderr, "     files kept in %s\n", tmpdir);
				continue;
			}
			char rm[600];
			snprintf(rm, sizeof rm, "rm -rf '%s'", tmpdir);
			if (system(rm) != 0) { /* leave it */ }
		}
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
