/* bench/main.c — runs the registered benchmarks and prints their figures. */
#include "bench.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

struct bcase { const char *name; bench_fn fn; };
static struct bcase cases[256];
static int n_cases;
static char tmpdir[256];

void bench_register(const char *name, bench_fn fn)
{
	if (n_cases < 256) cases[n_cases++] = (struct bcase){ name, fn };
}

void bench_report(const char *what, double value, const char *unit, const char *how)
{
	printf("%-48s %12.3f %-8s %s\n", what, value, unit, how ? how : "");
	fflush(stdout);
}

double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

const char *bench_tmpdir(void) { return tmpdir; }
const char *bench_drama_bin(void) { const char *b = getenv("DRAMA_BIN"); return b ? b : "./drama"; }

int main(int argc, char **argv)
{
	if (!getenv("DRAMA_DATA")) {
		char cwd[1024], d[1100];
		if (getcwd(cwd, sizeof cwd)) { snprintf(d, sizeof d, "%s/data", cwd); setenv("DRAMA_DATA", d, 1); }
	}
	for (int i = 0; i < n_cases; i++) {
		if (argc > 1 && !strstr(cases[i].name, argv[1])) continue;
		snprintf(tmpdir, sizeof tmpdir, "/tmp/drama-bench-%d-%s", (int)getpid(), cases[i].name);
		mkdir(tmpdir, 0755);
		printf("== %s\n", cases[i].name);
		cases[i].fn();
	}
	return 0;
}
