/* tests/test_limits.c — the focus of this file is the limits every path holds to: strict
 * command-line numbers (a table of accepted and refused strings), the input size limit,
 * the episode count limit in storyboard.json and drama.json, ranged numbers in the
 * storyboard (an age of 2^62), stale temp files, empty folders left by failed runs, and a
 * read-only project rendered to another folder. */
#include "test.h"
#include "drama_run.h"
#include "cli/args.h"
#include "core/util.h"
#include "core/model.h"
#include "story/story.h"
#include "story/fountain.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define drama drama_run

/* limits-1.1: whole numbers */
TEST(limits_cli_whole_numbers)
{
	static const struct { const char *v; long long lo, hi; int ok; long long want; } T[] = {
		{ "30", 1, 120, 1, 30 },        { "1", 1, 120, 1, 1 },          { "120", 1, 120, 1, 120 },
		{ "0", 1, 120, 0, 0 },          { "121", 1, 120, 0, 0 },        { "0x10", 1, 120, 0, 0 },
		{ "010", 1, 120, 1, 10 },       { " 7", 1, 120, 0, 0 },         { "7 ", 1, 120, 0, 0 },
		{ "+7", 1, 120, 0, 0 },         { "-1", 0, 100, 0, 0 },         { "-1", -5, 5, 1, -1 },
		{ "", 1, 120, 0, 0 },           { "7junk", 1, 120, 0, 0 },      { "1e2", 1, 120, 0, 0 },
		{ "3.0", 1, 120, 0, 0 },        { "nan", 1, 120, 0, 0 },        { "-", -5, 5, 0, 0 },
		{ "9223372036854775807", 0, INT64_MAX, 1, INT64_MAX },
		{ "9223372036854775808", 0, INT64_MAX, 0, 0 },
		{ "99999999999999999999", 0, INT64_MAX, 0, 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(T); i++) {
		long long x = -77;
		char msg[200] = "";
		int rc = cli_whole("--n", T[i].v, T[i].lo, T[i].hi, &x, msg, sizeof msg);
		CHECKF((rc == 0) == T[i].ok, "\"%s\" in %lld..%lld: rc %d (%s)", T[i].v, T[i].lo, T[i].hi, rc, msg);
		if (T[i].ok) CHECKF(x == T[i].want, "\"%s\" -> %lld", T[i].v, x);
		else CHECKF(x == -77 && strstr(msg, "--n needs a whole number from"), "\"%s\": %s", T[i].v, msg);
	}
}

/* limits-1.2: decimals (--minutes) and sizes */
TEST(limits_cli_minutes_and_size)
{
	static const struct { const char *v; int ok; double want; } M[] = {
		{ "3", 1, 3 },     { "0.5", 1, 0.5 }, { "30", 1, 30 },   { ".5", 1, 0.5 },  { "2.25", 1, 2.25 },
		{ "0.4", 0, 0 },   { "30.1", 0, 0 },  { "0", 0, 0 },     { "nan", 0, 0 },   { "inf", 0, 0 },
		{ "1e1", 0, 0 },   { "0x1p1", 0, 0 }, { "3junk", 0, 0 }, { "1.2.3", 0, 0 }, { ".", 0, 0 },
		{ "", 0, 0 },      { "-3", 0, 0 },    { " 3", 0, 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(M); i++) {
		double x = -1;
		char msg[200] = "";
		int rc = cli_decimal("--minutes", M[i].v, MODEL_MIN_MINUTES, MODEL_MAX_MINUTES, &x, msg, sizeof msg);
		CHECKF((rc == 0) == M[i].ok, "--minutes \"%s\": rc %d (%s)", M[i].v, rc, msg);
		if (M[i].ok) CHECKF(x == M[i].want, "\"%s\" -> %g", M[i].v, x);
		else CHECKF(strstr(msg, "from 0.5 to 30"), "%s", msg);
	}
	static const struct { const char *v; int ok, w, h; } S[] = {
		{ "1080x1920", 1, 1080, 1920 }, { "64X112", 1, 64, 112 },   { "16x7680", 1, 16, 7680 },
		{ "1080x1920junk", 0, 0, 0 },   { "1080x", 0, 0, 0 },       { "x1920", 0, 0, 0 },
		{ "1081x1920", 0, 0, 0 },       { "14x16", 0, 0, 0 },       { "7682x16", 0, 0, 0 },
		{ "0x10x16", 0, 0, 0 },         { "1080*1920", 0, 0, 0 },   { "1080 x 1920", 0, 0, 0 },
		{ "-64x112", 0, 0, 0 },         { "1080x1920x3", 0, 0, 0 }, { "", 0, 0, 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(S); i++) {
		int w = 0, h = 0;
		char msg[200] = "";
		int rc = cli_size(S[i].v, &w, &h, msg, sizeof msg);
		CHECKF((rc == 0) == S[i].ok, "--size \"%s\": rc %d", S[i].v, rc);
		if (S[i].ok) CHECKF(w == S[i].w && h == S[i].h, "\"%s\" -> %dx%d", S[i].v, w, h);
		else CHECKF(strstr(msg, "--size must be WIDTHxHEIGHT"), "%s", msg);
	}
}

/* limits-1.3: the command line refuses, and the help gives the ranges the code holds */
TEST(limits_cli_refuses_and_help_matches)
{
	static const struct { const char *args, *says; } T[] = {
		{ "make palace --size 1080x1920junk", "--size must be WIDTHxHEIGHT" },
		{ "make palace --minutes nan", "--minutes needs a number from 0.5 to 30" },
		{ "make palace --minutes 0", "--minutes needs a number from 0.5 to 30" },
		{ "make palace --fps 0x10", "--fps needs a whole number from 1 to 120" },
		{ "make palace --seed -1", "--seed needs a whole number from 0 to 9223372036854775807" },
		{ "make palace --episodes 501", "--episodes needs a whole number from 1 to 500" },
		{ "design p --out q", "--out is for make and render" },
		{ "make palace --preset quick", "--preset must be one of ultrafast, superfast, veryfast" },
	};
	for (size_t i = 0; i < ARRAY_LEN(T); i++) {
		char *out = NULL;
		int st = drama(&out, "%s", T[i].args);
		CHECKF(st == 2 && strstr(out, T[i].says), "`drama %s` -> %d: %s", T[i].args, st, out);
		free(out);
	}
	char *out = NULL;
	CHECK(drama(&out, "make --help") == 0);
	CHECKF(strstr(out, "0.5 to 30") && strstr(out, "1 to 500") && strstr(out, "1 to 120") &&
	       strstr(out, "0 to 9223372036854775807") && strstr(out, "16 to 7680"), "%s", out);
	free(out);
	/* nothing was created by the refused runs */
	char *p = path_join(test_tmpdir(), "palace");
	CHECK(!file_exists(p));
	free(p);
}

static char *board_text(void)
{
	struct story_opts o = { .minutes = 3, .seed = 1, .episodes = 1 };
	struct series *s = NULL;
	if (story_from_keywords("palace, revenge", &o, &s) < 0) return NULL;
	json_t *j = series_to_json(s);
	char *t = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	series_free(s);
	return t;
}

/* limits-1.4: numbers in storyboard.json are ranged, with the field path; 501 episodes refused */
TEST(limits_storyboard_numbers_and_episodes)
{
	char *t = board_text(), *p = path_join(test_tmpdir(), "storyboard.json");
	CHECK(t);
	json_t *j = json_loads(t, 0, NULL);
	free(t);
	json_t *c0 = json_array_get(json_object_get(j, "characters"), 0);
	json_object_set_new(c0, "age", json_integer((json_int_t)1 << 62));
	CHECK(json_save_atomic(j, p, JSON_INDENT(2)) == 0);
	struct series *s = NULL;
	CHECK(series_load(p, &s) < 0);
	CHECKF(strstr(err_msg(), "characters[0].age") && strstr(err_msg(), "from 0 to 150") &&
	       !strstr(err_msg(), "-2147483648"), "%s", err_msg());
	json_object_set_new(c0, "age", json_integer(30));
	json_object_set_new(j, "seed", json_integer(-1));
	CHECK(json_save_atomic(j, p, JSON_INDENT(2)) == 0);
	CHECK(series_load(p, &s) < 0);
	CHECKF(strstr(err_msg(), "seed") && strstr(err_msg(), "whole number from 0"), "%s", err_msg());
	json_object_set_new(j, "seed", json_integer(7));
	/* 501 episodes: the same limit as --episodes */
	json_t *eps = json_object_get(j, "episodes"), *e0 = json_array_get(eps, 0);
	for (int i = 1; i <= MODEL_MAX_EPISODES; i++) {
		json_t *e = json_deep_copy(e0);
		json_object_set_new(e, "number", json_integer(i + 1));
		json_array_append_new(eps, e);
	}
	CHECK(json_save_atomic(j, p, JSON_INDENT(2)) == 0);
	CHECK(series_load(p, &s) < 0);
	CHECKF(strstr(err_msg(), "501 episodes (at most 500"), "%s", err_msg());
	json_decref(j);
	/* drama.json: the same limit, and minutes as the engine takes them */
	char *dj = path_join(test_tmpdir(), "drama.json");
	struct settings st;
	const char *bad[] = { "{\"episodes\": 501}", "{\"minutes\": 0.2}", "{\"minutes\": 31}", "{\"seed\": -1}",
	                      "{\"max_input_mb\": 0}", "{\"preset\": \"quick\"}" };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		CHECK(file_write_atomic(dj, bad[i], strlen(bad[i])) == 0);
		CHECKF(settings_load(dj, &st) < 0 && strstr(err_msg(), "drama.json"), "%s accepted", bad[i]);
	}
	free(dj);
	free(p);
}

/* limits-1.5: an input over the size limit is refused with the size, the limit and the setting */
TEST(limits_input_size)
{
	char *big = path_join(test_tmpdir(), "big.txt");
	FILE *f = fopen(big, "wb");
	CHECK(f);
	const char *para = "\"Who goes there?\" asked Lin. The night was long and the shop was cold.\n\n";
	for (size_t n = 0; n < 21u << 20; n += strlen(para)) fputs(para, f);
	fclose(f);
	char *out = NULL;
	int st = drama(&out, "make --from big.txt -o big -q");
	CHECKF(st == 1 && strstr(out, "big.txt is 21.0 MB, over the 20 MB input limit") && strstr(out, "max_input_mb"),
	       "%d %s", st, out);
	free(out);
	char *dir = path_join(test_tmpdir(), "big");
	CHECK(!file_exists(dir));    /* the failed run took its empty folder away */
	/* the setting raises (or lowers) it */
	CHECK(mkdir_p(dir) == 0);
	char *dj = path_join(dir, "drama.json");
	CHECK(file_write_atomic(dj, "{\"max_input_mb\": 0.001}", 23) == 0);
	char *small = path_join(test_tmpdir(), "o.txt");
	char two_k[2001];
	memset(two_k, 'a', 2000);
	two_k[2000] = 0;
	CHECK(file_write_atomic(small, two_k, 2000) == 0);
	st = drama(&out, "script big --from o.txt");
	CHECKF(st == 1 && strstr(out, "over the 0.001 MB input limit"), "%d %s", st, out);
	free(out);
	free(dj);
	free(dir);
	free(small);
	free(big);
}

/* limits-1.6: failed runs remove the folders they created (and only those), stale temp files go */
TEST(limits_failed_run_folders_and_stale_tmp)
{
	char *out = NULL;
	/* a binary input: refused after the folders a/b/c were made */
	char *bin = path_join(test_tmpdir(), "bin.txt");
	CHECK(file_write_atomic(bin, "\x00\x01\x02\x03\x04\x05\x06\x07", 8) == 0);
	int st = drama(&out, "make --from bin.txt -o a/b/c -q");
	CHECKF(st == 1 && strstr(out, "binary"), "%d %s", st, out);
	free(out);
	char *a = path_join(test_tmpdir(), "a");
	CHECK(!file_exists(a));
	/* a folder that was there before stays */
	CHECK(mkdir_p(a) == 0);
	st = drama(&out, "script a/x --from bin.txt");
	CHECK(st == 1);
	free(out);
	CHECK(file_exists(a));
	char *ax = path_join(a, "x");
	CHECK(!file_exists(ax));
	/* stale NAME.tmp.PID: removed when a project is opened if the process is gone */
	CHECK(mkdir_p(ax) == 0);
	char *dead = path_join(ax, "storyboard.json.tmp.999999999"), *live = xasprintf("%s/drama.json.tmp.%d", ax, (int)getpid());
	char *other = path_join(ax, "notes.tmp.txt");
	CHECK(file_write_atomic(dead, "x", 1) == 0 && file_write_atomic(live, "x", 1) == 0 && file_write_atomic(other, "x", 1) == 0);
	struct project *p = NULL;
	CHECK(project_open(ax, 0, &p) == 0);
	project_free(p);
	CHECK(!file_exists(dead) && file_exists(live) && file_exists(other));
	free(dead);
	free(live);
	free(other);
	free(ax);
	free(a);
	free(bin);
}

/* limits-1.7: a read-only project renders to another folder when everything is cached,
 * and says how without --out (run as "nobody": root may write anywhere) */
TEST(limits_read_only_project_renders_elsewhere)
{
	char *out = NULL;
	int st = drama(&out, "make --from /work/shared/examples/short.fountain -o ro --size 64x112 --minutes 0.5 -q");
	CHECKF(st == 0, "%s", out);
	free(out);
	int root = geteuid() == 0;
	const char *as = root ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
	char *cmd = NULL;
	if (root) {
		/* nobody reads the project but writes only in w/ */
		CHECK(chmod(test_tmpdir(), 0755) == 0);
		cmd = xasprintf("cd '%s' && mkdir -p w && chmod 777 w && chmod -R a+rX ro", test_tmpdir());
	} else {
		cmd = xasprintf("cd '%s' && mkdir -p w && chmod -R a-w ro", test_tmpdir());
	}
	CHECK(test_run(cmd, NULL) == 0);
	free(cmd);
	cmd = xasprintf("cd '%s' && HOME=/nonexistent DRAMA_NO_BAR=1 %s'%s' render ro -q", test_tmpdir(), as, test_drama_bin());
	st = test_run(cmd, &out);
	free(cmd);
	CHECKF(st == 1 && strstr(out, "cannot write to ro") && strstr(out, "--out NEWDIR"), "%d %s", st, out);
	free(out);
	cmd = xasprintf("cd '%s' && HOME=/nonexistent DRAMA_NO_BAR=1 %s'%s' render ro --out w/copy -q", test_tmpdir(), as,
	                test_drama_bin());
	st = test_run(cmd, &out);
	free(cmd);
	CHECKF(st == 0 && strstr(out, "w/copy/ep01.mp4"), "%d %s", st, out);
	free(out);
	/* the same video as the project's own */
	cmd = xasprintf("cd '%s' && cmp ro/ep01.mp4 w/copy/ep01.mp4 && cmp ro/storyboard.json w/copy/storyboard.json", test_tmpdir());
	st = test_run(cmd, &out);
	free(cmd);
	CHECKF(st == 0, "%s", out);
	free(out);
	if (!root) {
		cmd = xasprintf("chmod -R u+w '%s/ro'", test_tmpdir());
		test_run(cmd, NULL);
		free(cmd);
	}
}

/* limits-1.8: an importer that makes too many episodes (a long novel) is held to the same
 * limit, with the same message, before anything is written */
TEST(limits_import_episode_count)
{
	struct story_opts o = { .minutes = 3, .seed = 1, .episodes = 1 };
	struct series *s = NULL;
	CHECK(story_from_keywords("palace, revenge", &o, &s) == 0);
	CHECK(imp_validate(s, "novel.txt") == 0);
	while (s->n_eps <= MODEL_MAX_EPISODES) {
		struct episode *e = series_add_episode(s);
		struct scene *sc = episode_add_scene(e);
		sc->location = xstrdup(s->locs[0].name);
		scene_add_shot(sc)->type = xstrdup("wide");
	}
	CHECK(imp_validate(s, "novel.txt") < 0);
	CHECKF(strstr(err_msg(), "novel.txt") && strstr(err_msg(), "501 episodes (at most 500") &&
	       strstr(err_msg(), "--minutes"), "%s", err_msg());
	series_free(s);
}
