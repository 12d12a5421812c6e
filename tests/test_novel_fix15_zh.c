/* tests/test_novel_fix15_zh.c — a stranger the tags call only "那人" (or the placeholder of
 * "一个汉子"), who talks and falls silent just as a name the text had not written before speaks
 * for the first time, is that name (nov_zh_named_late). fix15-1 fails on the code before
 * it; fix15-2 holds its guards (it fails when either is taken out). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix15-1: "那人道" twice, then "陆谦道" (a name first written there): the stranger was 陆谦.
 * Before: both of his lines went to nobody. */
TEST(novel_fix15_zh_stranger_named_later)
{
	struct heard h;
	CHECKF(hear("第七回\n\n董超到阁儿里看时，见坐着一个人，慌忙作揖。\n\n"
		"那人道：“端公请坐，少间便知。”\n\n"
		"董超道：“小人不曾拜识尊颜，不知有何使令？”\n\n"
		"那人道：“我是高太尉府心腹人陆虞候便是。”\n\n"
		"陆谦道：“你也知林冲和太尉是对头。”\n\n"
		"董超道：“小人理会得。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "端公请坐", "陆谦");
	CHECK_WHO(&h, "我是高太尉", "陆谦");
	CHECK_WHO(&h, "小人不曾拜识", "董超");
	CHECK_WHO(&h, "你也知林冲", "陆谦");
	unhear(&h);
}

/* fix15-2: the narration brings the new name in in a sentence of its own ("薛霸走进阁儿来"):
 * he is another, and the stranger stays nobody; nor does one the stranger calls by name
 * become the stranger. The guards of fix15-1: the code passes this before fix15-1 and
 * after it, and fails it with either guard removed (the lines went to 薛霸, to 王婆). */
TEST(novel_fix15_zh_stranger_not_the_newcomer)
{
	struct heard h;
	CHECKF(hear("第七回\n\n董超到阁儿里看时，见坐着一个人。\n\n"
		"那人道：“端公请坐。”\n\n"
		"董超道：“多谢官人。”\n\n"
		"那人道：“且请饮酒。”\n\n"
		"只听得外面脚步响，薛霸走进阁儿来。\n\n"
		"薛霸道：“董兄原来在此。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "端公请坐", "");
	CHECK_WHO(&h, "董兄原来在此", "薛霸");
	unhear(&h);
	CHECKF(hear("第八回\n\n武大挑着担儿出门，路上遇见一个人。\n\n"
		"那人道：“王婆，你且过来。”\n\n"
		"王婆道：“官人有甚话说？”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "王婆，你且过来", "");
	CHECK_WHO(&h, "官人有甚话说", "王婆");
	unhear(&h);
}
