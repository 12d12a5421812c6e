/* tests/test_novel_rankrule23.c — which step of the cascade decided each quotation (enum
 * nov_how, nq.how), as the re-ranker's collector (nov_rank_log) receives it: tools/train_rank.c
 * prints each step's record from it. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* The step (enum nov_how) that decided the first quotation starting with part, -1 if none. */
static int how_of(const char *lang, const char *text, const char *part)
{
	struct nov_rank_log log = { 0 };
	struct heard h;
	setenv("DRAMA_NOVEL_RANK", "off", 1);
	nov_rank_log = &log;
	int rc = hear_in(lang, text, &h);
	nov_rank_log = NULL;
	unsetenv("DRAMA_NOVEL_RANK");
	int how = -1;
	for (size_t i = 0; rc == 0 && i < h.n && i < log.n; i++)
		if (!strncmp(h.v[i].quote, part, strlen(part))) { how = log.r[i].how; break; }
	if (rc == 0) unhear(&h);
	nov_rank_log_free(&log);
	return how;
}

#define CHECK_HOW(lang, text, part, want) do { \
	int h_ = how_of(lang, text, part); \
	CHECKF(h_ == (want), "\"%s\": step %s, not %s", part, h_ >= 0 && h_ < NOV_HOW_N ? nov_how_name[h_] : "(none)", nov_how_name[want]); \
} while (0)

static const char *const turns =
	"Tom and Anna stood at the gate of the farm.\n\n"
	"\"Good morning,\" said Tom. \"It is cold.\"\n\n"
	"\"Good morning to you,\" said Anna.\n\n"
	"\"The rain has stopped at last.\"\n\n"
	"\"It has.\"\n";

/* a tag names the speaker; the second quote of a paragraph goes on with the first's; the
 * untagged turns after are turn-taking */
TEST(novel_rankrule23_steps_en)
{
	CHECK_HOW("en", turns, "Good morning,", NOV_HOW_TAG);
	CHECK_HOW("en", turns, "It is cold", NOV_HOW_SAME);
	CHECK_HOW("en", turns, "The rain", NOV_HOW_TURN);
	CHECK_HOW("en", turns, "It has", NOV_HOW_TURN);
}

TEST(novel_rankrule23_steps_zh)
{
	const char *t = "一\n\n张三和李四站在门口。\n\n张三道：“天冷了。”\n\n李四道：“是啊。”\n\n“走吧。”\n";
	CHECK_HOW("zh", t, "天冷了", NOV_HOW_TAG);
	CHECK_HOW("zh", t, "走吧", NOV_HOW_TURN);
}

/* every step has a name (train_rank's table) */
TEST(novel_rankrule23_step_names)
{
	for (int k = 0; k < NOV_HOW_N; k++) CHECK(nov_how_name[k] && *nov_how_name[k]);
}
