/* tests/test_crash.c — the focus of this file is crash consistency: a `drama make`
 * killed at a rename (every atomic write ends in one) is resumed by running the same
 * command again, which must succeed and leave the same bytes as a run never killed.
 * The kill is injected by strace (-e inject=rename:signal=KILL:when=N). make test runs
 * a sample (the project-creation window and one point in the middle); DRAMA_KILL_SWEEP=1
 * runs every rename of the small make (about 75, several minutes). */
#include "test.h"
#include "drama_run.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

#define MAKE_ARGS "make --from '%s' --size 64x112 --minutes 0.5 -q -o %s"

#define run shell_run

static char *example(const char *name)
{
	char *p = xasprintf("/work/shared/examples/%s", name);
	if (!file_exists(p)) { free(p); p = xasprintf("%s/../shared/examples/%s", getenv("PWD") ? getenv("PWD") : ".", name); }
	return p;
}

/* LeakSanitizer cannot run under ptrace (it aborts the traced drama): the sanitizer
 * build's traced runs check memory errors but not leaks (the rerun checks leaks) */
#define NO_LSAN "ASAN_OPTIONS=\"$ASAN_OPTIONS:detect_leaks=0\" "   /* the last setting wins */

/* crash-1.1: kill at rename N, rerun, compare with the unkilled run */
TEST(crash_kill_at_rename_resumes_identical)
{
	char *out = NULL;
	CHECKF(run(&out, "command -v strace") == 0, "strace is needed (Debian package strace; `make deps` installs it)");
	free(out);
	char *src = example("short.fountain");
	const char *bin = test_drama_bin();
	/* the reference run, traced to count its renames */
	char *mk = xasprintf(MAKE_ARGS, src, "base");
	int st = run(&out, NO_LSAN "strace -f -qq -o renames.txt -e trace=rename,renameat,renameat2 '%s' %s", bin, mk);
	CHECKF(st == 0, "reference make: %d %s", st, out);
	free(out);
	free(mk);
	char *trace = path_join(test_tmpdir(), "renames.txt"), *t = NULL;
	size_t tn;
	CHECK(file_read_all(trace, &t, &tn) == 0);
	int renames = 0;
	for (const char *p = t; (p = strstr(p, "rename")); p++) renames++;
	free(t);
	free(trace);
	CHECKF(renames >= 20, "only %d renames traced", renames);
	int sweep = getenv("DRAMA_KILL_SWEEP") && !strcmp(getenv("DRAMA_KILL_SWEEP"), "1");
	/* sample: script.fountain, drama.json (the new identity), storyboard.json, the next
	 * drama.json; one in the design/voice stages */
	int sample[] = { 2, 3, renames / 3 };
	int n_points = sweep ? renames : (int)ARRAY_LEN(sample), killed = 0;
	for (int i = 0; i < n_points; i++) {
		int n = sweep ? i + 1 : sample[i];
		char name[32];
		snprintf(name, sizeof name, "k%d", n);
		mk = xasprintf(MAKE_ARGS, src, name);
		st = run(&out, NO_LSAN "strace -f -qq -o /dev/null -e trace=rename -e inject=rename:signal=KILL:when=%d '%s' %s",
		         n, bin, mk);
		free(out);
		if (st != 0) killed++;
		st = run(&out, "'%s' %s", bin, mk);
		free(mk);
		CHECKF(st == 0, "rerun after a kill at rename %d: %d %s", n, st, out);
		free(out);
		/* no temp file left, and the same bytes everywhere, videos included (the ledger
		 * holds timings, drama.lock the writer's pid) */
		st = run(&out, "find %s -name '*.tmp.*' -o -name '*.part' | grep .", name);
		CHECKF(st != 0, "after a kill at rename %d temp files are left: %s", n, out);
		free(out);
		run(&out, "diff -rq -x ledger.json -x drama.lock base %s", name);
		CHECKF(!*out, "after a kill at rename %d the output differs: %s", n, out);
		free(out);
	}
	fprintf(stderr, "  %d kill points (%d renames in the make), %d runs killed, every rerun byte-identical\n",
	        n_points, renames, killed);
	CHECK(killed >= (sweep ? renames / 2 : 3));
	free(src);
}
