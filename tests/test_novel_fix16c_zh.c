/* tests/test_novel_fix16c_zh.c — names the Chinese importer never found. fix16c-1: the subject
 * that opens the first clause of a tag whose said-verb stands in a clause of its own with no
 * subject ("张老听了，说道：", zh_first_clause_names) is a name when a surname opens it; it
 * fails on the code before it. fix16c-2 holds its guards: a surname's character that opens a
 * word (高兴) or the head of a longer word (王大 of 王大喜) is no one (it fails with the
 * head-word guard, zh_next_mostly, taken out). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix16c-1: 张老 is tagged only as "张老听了，说道" and "张老想了想，便道"; 严振先 as
 * "严振先，乃城中的乡约，……只说道". Before: neither was in the cast, and their lines went to
 * 安老爷 or to nobody. */
TEST(novel_fix16c_zh_subject_of_first_clause)
{
	struct heard h;
	CHECKF(hear("第一回\n\n安老爷同张老进了店，坐下。\n\n"
		"安老爷道：“今日就在此歇了罢。”\n\n"
		"张老听了，说道：“亲家放心，我去前面看看。”\n\n"
		"安老爷道：“也好，早些回来。”\n\n"
		"张老想了想，便道：“这店里人多，夜里须仔细。”\n\n"
		"严振先，乃城中的乡约，平日最怕的是安老爷，只说道：“我虽是族长，这事不敢做主。”\n\n"
		"安老爷道：“严振先，你且坐下。”\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "张老"), "张老 is in the cast");
	CHECKF(in_cast(&h, "严振先"), "严振先 is in the cast");
	CHECK_WHO(&h, "亲家放心", "张老");
	CHECK_WHO(&h, "这店里人多", "张老");
	CHECK_WHO(&h, "我虽是族长", "严振先");
	CHECK_WHO(&h, "今日就在此", "安老爷");
	unhear(&h);
}

/* fix16c-2: "高兴了半日，便说道" and "王大喜，遂道" open with a surname's character, but 高兴
 * is a word and 王大 is always the head of 王大喜 ("the prince was glad"): no one new. */
TEST(novel_fix16c_zh_first_clause_no_word_pieces)
{
	struct heard h;
	CHECKF(hear("第二回\n\n燕王坐在殿上，道衍侍立一旁。\n\n"
		"道衍道：“大王，北平兵马已齐。”\n\n"
		"王大喜，遂道：“好！明日便发兵。”\n\n"
		"道衍高兴了半日，便说道：“大王英明。”\n\n"
		"王大喜，便道：“先生且退。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "王大"), "王大 is no one");
	CHECKF(!in_cast(&h, "高兴"), "高兴 is no one");
	unhear(&h);
}
