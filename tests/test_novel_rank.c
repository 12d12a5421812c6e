/* tests/test_novel_rank.c — the learned re-ranking of guessed speakers (story/novel_rank.c):
 * the weights parser (bad lines with file:line, huge values, NaN, a missing file), a
 * hand-made text where the features pick the right speaker and the cascade alone does
 * not (the storyboard's line follows), and the same result twice. */
#include "test.h"
#include "novel_heard.h"
#include "story/novel.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int parse(const char *text, struct nov_rank_w *w) { return nov_rank_parse(text, strlen(text), "w.tsv", w); }

TEST(novel_rank_parse_good)
{
	struct nov_rank_w w;
	CHECK_INT(parse("# weights\n\ncascade\t1.5\r\nnamed_after\t-2e-1\nprev1\t3 \n", &w), 0);
	CHECK(w.loaded);
	CHECK(w.w[0] == 1.5);
	int k;
	for (k = 0; k < NOV_RANK_NF && strcmp(nov_rank_feature[k], "named_after"); k++) {}
	CHECK(k < NOV_RANK_NF);
	CHECK(w.w[k] == -0.2);
	CHECK_INT(parse("", &w), 0);   /* (no line: every weight 0) */
	CHECK(w.w[0] == 0);
}

/* each bad file: an error that names the file and line and says what is wrong */
static int bad(const char *text, size_t len, const char *where, const char *what)
{
	struct nov_rank_w w;
	if (nov_rank_parse(text, len, "w.tsv", &w) >= 0) return 0;
	return strstr(err_msg(), where) && strstr(err_msg(), what) && !w.loaded;
}

TEST(novel_rank_parse_bad_lines)
{
	CHECKF(bad("cascade 1\n", 10, "w.tsv:1:", "no tab"), "%s", err_msg());
	CHECKF(bad("# x\ncascade\t1\nwho_knows\t2\n", 26, "w.tsv:3:", "unknown feature"), "%s", err_msg());
	CHECKF(bad("cascade\tnan\n", 12, "w.tsv:1:", "finite"), "%s", err_msg());
	CHECKF(bad("cascade\tinf\n", 12, "w.tsv:1:", "finite"), "%s", err_msg());
	CHECKF(bad("cascade\t1e300\n", 14, "w.tsv:1:", "1e6"), "%s", err_msg());
	CHECKF(bad("cascade\t1e999\n", 14, "w.tsv:1:", "finite"), "%s", err_msg());
	CHECKF(bad("cascade\t\n", 9, "w.tsv:1:", "finite"), "%s", err_msg());
	CHECKF(bad("cascade\t1x\n", 11, "w.tsv:1:", "finite"), "%s", err_msg());
	CHECKF(bad("cascade\t1\ncascade\t2\n", 20, "w.tsv:2:", "twice"), "%s", err_msg());
	CHECKF(bad("casc\0ade\t1\n", 11, "w.tsv:1:", "NUL"), "%s", err_msg());
	char *big = xmalloc(5000);
	memset(big, 'a', 4999);
	big[4999] = 0;
	int ok = bad(big, 4999, "w.tsv:1:", "too long");
	free(big);
	CHECKF(ok, "%s", err_msg());
}

TEST(novel_rank_load_missing_file)
{
	struct nov_rank_w w;
	char *path = xasprintf("%s/none.tsv", test_tmpdir());
	CHECK_INT(nov_rank_load(path, &w), 1);
	CHECK(!w.loaded);
	free(path);
	path = xasprintf("%s/w.tsv", test_tmpdir());
	CHECK_INT(file_write_atomic(path, "cascade\t2\nbad line\n", 19), 0);
	CHECK(nov_rank_load(path, &w) < 0);
	CHECK(strstr(err_msg(), ":2:"));
	free(path);
}

/* "Is dinner ready?" has no tag; the cascade gives it to the one whose turn it is (Anna),
 * the narration after it names Mary at the door. */
static const char *const dinner =
	"Tom and Anna sat by the fire in the kitchen. Mary, their cousin, was out in the garden. Tom was reading, and Anna was sewing.\n\n"
	"\"Where were you last night?\" Anna asked.\n\n"
	"\"At the mill,\" said Tom.\n\n"
	"\"Is dinner ready?\" The door had opened, and there stood Mary with her basket.\n\n"
	"\"Not yet,\" said Anna. Mary put down the basket.\n";

/* the speaker of the storyboard line that starts with part, or NULL */
static const char *line_by(const struct series *s, const char *part)
{
	for (size_t e = 0; e < s->n_eps; e++)
		for (size_t c = 0; c < s->eps[e].n_scenes; c++)
			for (size_t k = 0; k < s->eps[e].scenes[c].n_shots; k++) {
				const struct line *l = s->eps[e].scenes[c].shots[k].line;
				if (l && l->text && strstr(l->text, part)) return l->speaker ? l->speaker : "";
			}
	return NULL;
}

static char *weights_file(void)
{
	char *path = xasprintf("%s/rank.tsv", test_tmpdir());
	const char *w = "cascade\t1\nnamed_after\t3\n";
	if (file_write_atomic(path, w, strlen(w)) < 0) { free(path); return NULL; }
	return path;
}

TEST(novel_rank_features_pick_the_right_one)
{
	struct heard h;
	setenv("DRAMA_NOVEL_RANK", "off", 1);
	CHECK_INT(hear_in("en", dinner, &h), 0);
	int cascade_wrong = strcmp(who_said(&h, "Is dinner"), "Mary") != 0;
	unhear(&h);
	CHECKF(cascade_wrong, "the cascade alone already gives the line to Mary: the text tests nothing");
	char *path = weights_file();
	CHECK(path);
	setenv("DRAMA_NOVEL_RANK", path, 1);
	int rc = hear_in("en", dinner, &h);
	struct series *s = NULL;
	struct story_opts o = { .lang = "en", .minutes = 3 };
	int rc2 = story_from_novel(dinner, &o, &s);
	unsetenv("DRAMA_NOVEL_RANK");
	free(path);
	CHECK_INT(rc, 0);
	CHECK_WHO(&h, "Is dinner", "Mary");
	CHECK_WHO(&h, "At the mill", "Tom");   /* (anchored lines stay) */
	unhear(&h);
	CHECK_INT(rc2, 0);
	const char *by = line_by(s, "Is dinner");
	int ok = by && !strcmp(by, "Mary");
	series_free(s);
	CHECKF(ok, "the storyboard line is %s's, not Mary's", by ? by : "(none)");
}

TEST(novel_rank_same_twice)
{
	char *path = weights_file();
	CHECK(path);
	setenv("DRAMA_NOVEL_RANK", path, 1);
	struct heard a, b;
	int ra = hear_in("en", dinner, &a), rb = hear_in("en", dinner, &b);
	unsetenv("DRAMA_NOVEL_RANK");
	free(path);
	int same = ra == 0 && rb == 0 && a.n == b.n;
	for (size_t i = 0; same && i < a.n; i++) same = str_eq(a.v[i].speaker, b.v[i].speaker);
	unhear(&a);
	unhear(&b);
	CHECK(same);
}

/* a bad weights file: a warning, and the cascade alone (the import still works) */
TEST(novel_rank_bad_file_cascade_alone)
{
	char *path = xasprintf("%s/bad.tsv", test_tmpdir());
	CHECK_INT(file_write_atomic(path, "named_after\tNaN\n", 16), 0);
	setenv("DRAMA_NOVEL_RANK", path, 1);
	struct heard h;
	int rc = hear_in("en", dinner, &h);
	unsetenv("DRAMA_NOVEL_RANK");
	free(path);
	CHECK_INT(rc, 0);
	int cascade = strcmp(who_said(&h, "Is dinner"), "Mary") != 0;
	unhear(&h);
	CHECK(cascade);
}
