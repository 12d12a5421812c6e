/* tests/test_novel_fix8_zh.c — the focus of this file is a first-person Chinese narrator (我)
 * in talk: who is still in the talk when one of it leaves. Each passage is written here; each
 * test failed before its rule (checked when the rule was added). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix8-1.1: one of the talk who leaves under a pronoun ("她转身进了厨房。", in the paragraph of
 * the next quote) takes no more turns: the one asked next answers, not the one who left. */
TEST(novel_fix8_zh_pronoun_leaves)
{
	struct heard h;
	CHECKF(hear("那年夏天，爸妈去南方做工，把我送到乡下奶奶家。奶奶家门口有一棵老槐树，爷爷每天下午都坐在树下修自行车。\n\n"
		"我到的那天，奶奶拉着我的手看了又看，说：“瘦了，城里的饭不养人。”\n\n"
		"爷爷头也不抬：“城里的饭贵，自然不养人。”\n\n"
		"奶奶瞪了他一眼：“你少说两句。”又转过来问我：“小军，饿不饿？”\n\n"
		"“不饿。”\n\n"
		"“不饿也得吃。”\n\n"
		"她转身进了厨房。我站在院子里，不知道该干什么。爷爷把一把扳手递过来，说：“会不会拧？”\n\n"
		"“不会。”\n\n"
		"“不会就学。”\n\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "小军，饿不饿", "奶奶");
	CHECK_WHO(&h, "不饿也得吃", "奶奶");
	CHECK_WHO(&h, "会不会拧", "爷爷");
	CHECK_WHO(&h, "不会。", "小军");   /* (the narrator, under the name he is called by) */
	CHECK_WHO(&h, "不会就学", "爷爷");
	unhear(&h);
}

/* fix8-1.2: a first-person narrator whom the other one of the talk left ("她去之后，我……想了
 * 许多事情：") says the untagged lines that follow, every one — not every other one. */
TEST(novel_fix8_zh_narrator_left_alone)
{
	struct heard h;
	CHECKF(hear("我住在楼上，间壁住着一个女工，名叫阿香。我每天呆坐着。\n\n"
		"一天晚上，阿香走到我的门口，问我说：“你明天还出去找事情么？”\n\n我说：“出去的。”\n\n“早点睡吧。”\n\n"
		"她去之后，我又点上一支蜡烛，静静儿的想了许多事情：\n\n"
		"“明天先去书店问问。”\n\n“书店不要，就去码头。”\n\n“码头也不要呢？”\n\n“那就回家去罢。”\n\n"
		"我想了许多，终究没有一个好法子。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你明天还出去", "阿香");
	CHECK_WHO(&h, "出去的", "我");
	CHECK_WHO(&h, "早点睡吧", "阿香");
	CHECK_WHO(&h, "明天先去书店", "我");
	CHECK_WHO(&h, "书店不要", "我");
	CHECK_WHO(&h, "码头也不要", "我");
	CHECK_WHO(&h, "那就回家去罢", "我");
	unhear(&h);
}
