/* tests/test_novel_guard_zh.c — the focus of this file is the guard against joining two
 * Chinese names into one person (story/novel_guard_zh.c): 小王 could be 王建国's pet name
 * (the only one with surname 王), but a text that writes them as two actors of a clause, has
 * one call the other by name, or has them tag a talk by turns shows two people. Each
 * passage carries only one of these pieces of evidence; without the guard each one made
 * 王建国 speak every line (measured when the guard was written). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* guard-1.1: "王建国和小王一起看着屏幕": two actors of one clause */
TEST(novel_guard_zh_two_actors_never_join)
{
	struct heard h;
	CHECKF(hear("加班\n\n王建国推开门，小王正趴在桌上睡觉。\n\n王建国和小王一起看着屏幕。\n\n"
		"王建国问：“报表做完了吗？”\n\n小王摇摇头：“还差一点。”\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "小王") && in_cast(&h, "王建国"), "王建国 and 小王 are two people");
	CHECK_WHO(&h, "报表做完了吗", "王建国");
	CHECK_WHO(&h, "还差一点", "小王");
	unhear(&h);
}

/* guard-1.2: "王建国敲了敲桌子：“小王，醒醒。”": one calls the other by name */
TEST(novel_guard_zh_one_who_calls_is_not_the_one_called)
{
	struct heard h;
	CHECKF(hear("加班\n\n王建国推开门，小王正趴在桌上睡觉。\n\n王建国敲了敲桌子：“小王，醒醒。”\n\n"
		"小王揉着眼睛坐起来：“您怎么还没走？”\n\n王建国把报表扔在桌上，转身走了。\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "小王") && in_cast(&h, "王建国"), "王建国 and 小王 are two people");
	CHECK_WHO(&h, "小王，醒醒", "王建国");
	CHECK_WHO(&h, "您怎么还没走", "小王");
	unhear(&h);
}

/* guard-1.3: 王建国说 / 小王说 / 王建国说: they talk with each other */
TEST(novel_guard_zh_tags_by_turns_never_join)
{
	struct heard h;
	CHECKF(hear("加班\n\n王建国推开门，小王正趴在桌上睡觉。\n\n王建国说：“报表明天就要交。”\n\n小王说：“还差一点。”\n\n"
		"王建国说：“那就今晚做完。”\n\n小王叹了口气：“好吧。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "还差一点", "小王");
	CHECK_WHO(&h, "那就今晚做完", "王建国");
	CHECK_WHO(&h, "好吧", "小王");
	unhear(&h);
}

/* guard-1.4: without such evidence the pet name still joins its owner (the guard refuses
 * only what the text contradicts): 老周 is 周师傅's when one man has that surname */
TEST(novel_guard_zh_pet_name_still_joins)
{
	struct heard h;
	CHECKF(hear("夜班\n\n周师傅推着车走进病房。周师傅把药放在床头。\n\n何静抬起头：“老周，今天怎么这么晚？”\n\n"
		"周师傅说：“路上堵车。”\n\n何静笑了：“快去歇会儿。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "老周"), "老周 is 周师傅");
	CHECK_WHO(&h, "路上堵车", "周师傅");
	unhear(&h);
}
