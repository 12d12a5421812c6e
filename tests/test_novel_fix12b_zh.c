/* tests/test_novel_fix12b_zh.c — the Chinese cast holds persons only, under their whole
 * names: a name the narration's clauses give that the text writes only as the head of a
 * longer word is that word's piece (a place, 金光洞; someone else, 晁奉山媳妇) or the
 * person's name cut short (高老夫 of 高老夫子). Each test fails on the code before its change. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix12b-1: 金光 (金 a surname, 光 a given name's character) opens three clauses, but the
 * text writes it before 洞 four times in six: the head of the cave 金光洞, no person.
 * Before: 金光 was a character. */
TEST(novel_fix12b_zh_head_of_a_place_is_no_name)
{
	struct heard h;
	CHECKF(hear("乾元山\n\n哪吒来到乾元山金光洞前，金光射目。哪吒驾土遁进了金光洞。\n\n"
		"金光万道，瑞气千条。\n\n"
		"金光洞里住着太乙真人，人都说乾元山金光洞是仙境。\n\n"
		"真人道：“你来做什么？”\n\n"
		"哪吒道：“弟子闯了祸，求师父救我。”\n\n"
		"真人道：“你且起来。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你来做什么", "真人");
	CHECK_WHO(&h, "弟子闯了祸", "哪吒");
	CHECKF(!in_cast(&h, "金光"), "金光 is the head of the cave 金光洞: no character");
	unhear(&h);
}

/* fix12b-1b: 高老夫子 ("old master 高") is what the narration calls him, never 高老夫
 * alone: the cast names him whole. Before: 高老夫, cut short. And 晁奉山 is written only
 * as 晁奉山媳妇 but once: he is no character of his own (his wife is another). */
TEST(novel_fix12b_zh_name_cut_short_is_made_whole)
{
	struct heard h;
	CHECKF(hear("高老夫子\n\n高老夫子走进客厅，高老夫子坐了下来。\n\n"
		"高老夫子看了看桌上的书，叹了一口气。\n\n"
		"“你一定来，一定！”黄三说。\n\n"
		"高老夫子点点头，没有说话。\n\n"
		"晁奉山媳妇端茶进来，晁奉山媳妇放下茶碗。晁奉山媳妇又出去了。晁奉山跟在后面。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你一定来", "黄三");
	CHECKF(in_cast(&h, "高老夫子"), "高老夫子 is the narration's name for him");
	CHECKF(!in_cast(&h, "高老夫"), "高老夫 is 高老夫子 cut short");
	CHECKF(!in_cast(&h, "晁奉山"), "晁奉山 is the head of 晁奉山媳妇 here");
	unhear(&h);
}
