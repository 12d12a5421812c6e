/* tests/test_novel_rank.c — the learned re-ranking of guessed speakers (story/novel_rank.c):
 * the weights parser (bad lines with file:line, huge values, NaN, a missing file), a
 * hand-made text where the features pick the right speaker and the cascade alone does
 * not (the storyboard's line follows), and the same result twice. */
#include "test.h"
#include "novel_heard.h"
#include "story/novel.h"
#include "core/util.h"

#include <math.h>
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
	CHECK_INT(parse("pair_member\t0.5\ntag_pronoun_clash\t-1\n", &w), 0);   /* (the features of 2026-12-07) */
	for (k = 0; k < NOV_RANK_NF && strcmp(nov_rank_feature[k], "tag_pronoun_clash"); k++) {}
	CHECK(k < NOV_RANK_NF && w.w[k] == -1);
	CHECK_INT(parse("weak_cascade\t0.5\nweak_gender_unknown\t-1\n", &w), 0);   /* (the weak-tagged lines' model) */
	for (k = 0; k < NOV_RANK_NF && strcmp(nov_rank_feature[k], "weak_gender_unknown"); k++) {}
	CHECK(k < NOV_RANK_NF && w.w[k] == -1);
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

/* ---- the features, one small text each (the collector nov_rank_log gives them) ---- */

/* The value of feature fname for candidate who (NULL: nobody) of the first quotation that
 * starts with part, read by the importer in language lang; NAN when the quotation, the
 * candidate or the feature is missing. */
static double feature_of(const char *lang, const char *text, const char *part, const char *who, const char *fname)
{
	int k;
	for (k = 0; k < NOV_RANK_NF && strcmp(nov_rank_feature[k], fname); k++) {}
	if (k == NOV_RANK_NF) return NAN;
	struct nov_rank_log log = { 0 };
	struct heard h;
	setenv("DRAMA_NOVEL_RANK", "off", 1);
	nov_rank_log = &log;
	int rc = hear_in(lang, text, &h);
	nov_rank_log = NULL;
	unsetenv("DRAMA_NOVEL_RANK");
	double v = NAN;
	for (size_t i = 0; rc == 0 && i < h.n && i < log.n; i++) {
		if (strncmp(h.v[i].quote, part, strlen(part))) continue;
		for (size_t c = 0; c < log.r[i].n_cand; c++)
			if (who ? log.r[i].name[c] && !strcmp(log.r[i].name[c], who) : !log.r[i].name[c]) v = log.r[i].f[c][k];
		break;
	}
	if (rc == 0) unhear(&h);
	nov_rank_log_free(&log);
	return v;
}

#define CHECK_FEATURE(lang, text, part, who, fname, want) do { \
	double v_ = feature_of(lang, text, part, who, fname); \
	CHECKF(fabs(v_ - (want)) < 1e-4, "%s of %s on \"%s\": %g, not %g", fname, who ? who : "nobody", part, v_, (double)(want)); \
} while (0)

/* Tom and Anna take turns; the fourth line has no tag */
static const char *const turns =
	"Tom and Anna stood at the gate of the farm. Mary was far off in the field.\n\n"
	"\"Good morning,\" said Tom.\n\n"
	"\"Good morning to you,\" said Anna.\n\n"
	"\"The rain has stopped at last.\"\n\n"
	"\"It has.\"\n\n"
	"\"Shall we walk?\" said Tom.\n";

TEST(novel_rank_feature_alternating_pair)
{
	CHECK_FEATURE("en", turns, "The rain", "Tom", "alternating_pair", 1);
	CHECK_FEATURE("en", turns, "The rain", "Anna", "alternating_pair", 0);
	CHECK_FEATURE("en", turns, "The rain", "Tom", "alternating_pair_anchored", 1);
}

TEST(novel_rank_feature_pair_member)
{
	CHECK_FEATURE("en", turns, "The rain", "Tom", "pair_member", 1);
	static const char *const three =
		"Tom and Anna stood at the gate of the farm. Mary was far off in the field.\n\n"
		"\"Good morning,\" said Tom.\n\n"
		"\"Good morning to you,\" said Anna.\n\n"
		"\"The rain has stopped at last.\" Mary was still far off.\n\n"
		"\"It has.\"\n\n"
		"\"Shall we walk?\" said Tom.\n";
	CHECK_FEATURE("en", three, "The rain", "Mary", "pair_member", 0);
	CHECK_FEATURE("en", three, "The rain", "Anna", "pair_member", 1);
}

TEST(novel_rank_feature_scene_share_and_next_tag)
{
	/* the anchored lines of the scene: Tom's two, Anna's one */
	CHECK_FEATURE("en", turns, "It has", "Tom", "scene_tag_share", 2.0 / 3);
	CHECK_FEATURE("en", turns, "It has", "Anna", "scene_tag_share", 1.0 / 3);
	/* Tom's next tagged line is one turn after "It has": 1 / (1 + 1) */
	CHECK_FEATURE("en", turns, "It has", "Tom", "tag_next", 0.5);
	CHECK_FEATURE("en", turns, "It has", "Anna", "tag_next", 0);
}

TEST(novel_rank_feature_named_in_prev_quote)
{
	static const char *const t =
		"Tom and Anna stood at the gate of the farm.\n\n"
		"\"Anna, the rain has stopped,\" said Tom.\n\n"
		"\"So it has.\"\n";
	CHECK_FEATURE("en", t, "So it has", "Anna", "named_in_prev_quote", 1);
	CHECK_FEATURE("en", t, "So it has", "Tom", "named_in_prev_quote", 0);
}

TEST(novel_rank_feature_subject_last_sentence)
{
	static const char *const t =
		"Tom and Anna stood at the gate of the farm.\n\n"
		"Tom opened the gate. Anna looked up at the sky. \"Is it going to rain?\"\n";
	CHECK_FEATURE("en", t, "Is it going", "Anna", "subject_last_sentence", 1);
	CHECK_FEATURE("en", t, "Is it going", "Tom", "subject_last_sentence", 0);
}

TEST(novel_rank_feature_tag_pronoun)
{
	static const char *const t =
		"Tom and Anna stood at the gate of the farm. Tom held his hat, and Anna held her basket.\n\n"
		"\"Good morning,\" said Tom.\n\n"
		"\"And to you,\" she said.\n";
	CHECK_FEATURE("en", t, "And to you", "Anna", "tag_pronoun_fits", 1);
	CHECK_FEATURE("en", t, "And to you", "Tom", "tag_pronoun_clash", 1);
	CHECK_FEATURE("en", t, "And to you", "Tom", "tag_pronoun_fits", 0);
}

TEST(novel_rank_feature_narrator_first_person)
{
	static const char *const t =
		"I walked down to the farm with Tom in the morning. I was tired, and Tom was quiet.\n\n"
		"\"Where is the gate?\" said Tom.\n\n"
		"I looked at the hedge. \"Over there.\"\n";
	CHECK_FEATURE("en", t, "Over there", "I", "narrator_first_person", 1);
	CHECK_FEATURE("en", t, "Over there", "Tom", "narrator_first_person", 0);
}

/* ---- weak tags ("she said", 他道): a model of their own over the candidates of the tag's gender ---- */

/* The weak-tag gender (1 he, 2 she) of the first quotation that starts with part, 0 none, -1 no such quotation */
static int weak_of(const char *lang, const char *text, const char *part)
{
	struct nov_rank_log log = { 0 };
	struct heard h;
	setenv("DRAMA_NOVEL_RANK", "off", 1);
	nov_rank_log = &log;
	int rc = hear_in(lang, text, &h);
	nov_rank_log = NULL;
	unsetenv("DRAMA_NOVEL_RANK");
	int g = -1;
	for (size_t i = 0; rc == 0 && i < h.n && i < log.n; i++)
		if (!strncmp(h.v[i].quote, part, strlen(part))) { g = log.r[i].redecide ? log.r[i].weak : -2; break; }
	if (rc == 0) unhear(&h);
	nov_rank_log_free(&log);
	return g;
}

/* Mary acts first in the paragraph, Anna last: "she asked" is anchored by the cascade to one
 * of them (the paragraph's subject: the last sentence opens with no name, so the cascade's
 * rule for a sentence that opens with its subject, novel_speak.c pre_subject, says
 * nothing), Tom is a man and no candidate */
static const char *const sky =
	"Tom, Anna and Mary stood at the gate of the farm. Tom held his hat, Anna held her basket, and Mary held her shawl.\n\n"
	"\"Good morning, Anna,\" said Tom.\n\n"
	"\"Good morning,\" said Anna.\n\n"
	"Mary waved to them from the field. After a while Anna looked up at the sky. \"Is it going to rain?\" she asked.\n";

TEST(novel_rank_weak_tag_found)
{
	CHECK_INT(weak_of("en", sky, "Is it going"), 2);
	CHECK_INT(weak_of("en", sky, "Good morning, Anna"), -2);   /* (a named tag: not weak, not re-decided) */
}

TEST(novel_rank_weak_candidates_of_the_gender)
{
	/* the man who spoke two turns before is no candidate for "she asked"; the women are */
	CHECKF(isnan(feature_of("en", sky, "Is it going", "Tom", "count")), "Tom is a candidate for \"she asked\"");
	CHECK(!isnan(feature_of("en", sky, "Is it going", "Anna", "count")));
	CHECK(!isnan(feature_of("en", sky, "Is it going", "Mary", "count")));
	/* the "I" who tells is not "he" */
	static const char *const told =
		"I walked down to the farm with Tom in the morning. Tom held his hat in his hand. I was tired.\n\n"
		"\"Where is the gate?\" I said.\n\n"
		"Tom pointed at the hedge. \"Over there,\" he said.\n";
	CHECK_INT(weak_of("en", told, "Over there"), 1);
	CHECK(!isnan(feature_of("en", told, "Over there", "Tom", "count")));
	CHECKF(isnan(feature_of("en", told, "Over there", "I", "count")), "the narrator is a candidate for \"he said\"");
}

TEST(novel_rank_weak_features)
{
	CHECK_FEATURE("en", sky, "Is it going", "Anna", "weak_subject_last", 1);
	CHECK_FEATURE("en", sky, "Is it going", "Mary", "weak_subject_last", 0);
	CHECK_FEATURE("en", sky, "Is it going", "Anna", "weak_last_named", 1);
	CHECK_FEATURE("en", sky, "Is it going", "Mary", "weak_last_named", 0);
	CHECK_FEATURE("en", sky, "Is it going", "Anna", "weak_last_speaker", 1);
	CHECK_FEATURE("en", sky, "Is it going", "Mary", "weak_last_speaker", 0);
	CHECK_FEATURE("en", sky, "Is it going", "Anna", "weak_prev_turn", 1);
	CHECK_FEATURE("en", sky, "Is it going", "Mary", "weak_prev_turn", 0);
	CHECK_FEATURE("en", sky, "Is it going", "Mary", "weak_named_paragraph", 1);
	CHECK_FEATURE("en", sky, "Is it going", "Anna", "weak_gender_unknown", 0);
	/* the general features are not the weak line's: its model is its own */
	CHECK_FEATURE("en", sky, "Is it going", "Anna", "prev1", 0);
	CHECK_FEATURE("en", sky, "Is it going", "Anna", "cascade", 0);
	static const char *const asked =
		"Tom, Anna and Mary stood at the gate of the farm. Tom held his hat, Anna held her basket, and Mary held her shawl.\n\n"
		"\"Anna, will it rain?\" said Tom.\n\n"
		"Mary laughed. \"Not today,\" she said.\n\n"
		"\"I hope not,\" said Anna. \"The hay is out.\" Mary nodded. \"So it is,\" she said.\n";
	CHECK_FEATURE("en", asked, "Not today", "Anna", "weak_addressed", 1);
	CHECK_FEATURE("en", asked, "Not today", "Mary", "weak_addressed", 0);
	CHECK_FEATURE("en", asked, "So it is", "Anna", "weak_same_paragraph", 1);
	CHECK_FEATURE("en", asked, "Not today", "Anna", "weak_next_turn", 1);
	CHECK_FEATURE("en", sky, "Is it going", "Anna", "weak_next_turn", 0);
}

/* weights that give weak_* features a weight re-decide weak-tagged lines; weights that give
 * none leave them to the cascade */
TEST(novel_rank_weak_only_with_its_model)
{
	struct heard h;
	setenv("DRAMA_NOVEL_RANK", "off", 1);
	CHECK_INT(hear_in("en", sky, &h), 0);
	const char *c = who_said(&h, "Is it going");
	int cascade_mary = !strcmp(c, "Mary");
	unhear(&h);
	CHECKF(cascade_mary, "the cascade gives \"she asked\" to %s, not Mary: the text tests nothing", c);
	char *path = xasprintf("%s/weak.tsv", test_tmpdir());
	const char *with = "cascade\t1\nweak_cascade\t1\nweak_subject_last\t3\n", *without = "cascade\t1\nsubject_last_sentence\t3\n";
	CHECK_INT(file_write_atomic(path, with, strlen(with)), 0);
	setenv("DRAMA_NOVEL_RANK", path, 1);
	int rc = hear_in("en", sky, &h);
	CHECK_INT(rc, 0);
	if (rc == 0) { CHECK_WHO(&h, "Is it going", "Anna"); unhear(&h); }
	CHECK_INT(file_write_atomic(path, without, strlen(without)), 0);
	rc = hear_in("en", sky, &h);
	unsetenv("DRAMA_NOVEL_RANK");
	free(path);
	CHECK_INT(rc, 0);
	if (rc == 0) { CHECK_WHO(&h, "Is it going", "Mary"); unhear(&h); }
}

TEST(novel_rank_weak_tag_found_zh)
{
	static const char *const t =
		"王大明和李小红站在门口。王大明拿着他的帽子，李小红提着她的篮子。\n\n"
		"“早上好。”王大明说。\n\n"
		"“早。”李小红说。\n\n"
		"王大明看了看天。他说：“要下雨了吧？”\n";
	CHECK_INT(weak_of("zh", t, "要下雨"), 1);
	CHECK_INT(weak_of("zh", t, "早上好"), -2);   /* (a named tag: not weak, not re-decided) */
	CHECKF(isnan(feature_of("zh", t, "要下雨", "李小红", "count")), "李小红 is a candidate for 他说");
}
