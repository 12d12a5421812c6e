/* tests/test_novel_zhname23.c — Chinese tags that name the speaker by a form the cast lacked:
 * a given name that opens as a word does (不换 of 金不换), a name that shares its first two
 * characters with a brother's (窦二羔 beside 窦二墩), and the classical narrator's 余 written
 * 餘. Each test of a rule fails on the code before it. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* zhname23-1: 不 opens no name (zh_not_name_start), so "不换道" named no one and 金不换's
 * lines went to whoever spoke last. The text writes 金 before 不换 three times and 金不换
 * before a mark: the person is 金不换, 不换 his name in tags. */
TEST(novel_zhname23_given_name_opening_as_a_word)
{
	struct heard h;
	CHECKF(hear("一\n\n金不换是个卖酒的，沈襄认得金不换，金不换也认得他。那日金不换在河边坐着。\n\n"
		"沈襄道：“你是何处人氏？”\n\n不换道：“我是北直隶人。”\n\n沈襄道：“来此何干？”\n\n"
		"不换道：“做些小买卖。”\n\n沈襄道：“那也好。”\n\n不换笑道：“好什么！”\n\n"
		"沈襄道：“你我同走罢。”\n\n不换道：“正是。”\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "金不换"));
	CHECK(!in_cast(&h, "不换"));
	CHECK_WHO(&h, "我是北直隶人", "金不换");
	CHECK_WHO(&h, "好什么", "金不换");
	CHECK_WHO(&h, "正是", "金不换");
	unhear(&h);
}

/* zhname23-2: the other side: a verb phrase opening tags (不禁 of "不禁道") after a surname's
 * character ("王不禁笑了") is never a name standing alone before a mark: no 王不禁. */
TEST(novel_zhname23_verb_phrase_after_a_surname_is_no_name)
{
	struct heard h;
	CHECKF(hear("一\n\n王不禁笑了。王不禁叹气。王不禁摇头。\n\n李四道：“你来了？”\n\n不禁道：“来了。”\n\n"
		"李四道：“坐罢。”\n\n不禁道：“不坐了。”\n\n李四道：“也好。”\n\n不禁道：“走了。”\n", &h) == 0, "%s", err_msg());
	CHECK(!in_cast(&h, "王不禁"));
	unhear(&h);
}

/* zhname23-3: 窦二羔 speaks beside his brother 窦二墩; the bodies opening with 窦二 were read as
 * one name cut to the two (窦二), and 窦二羔's lines went to 窦二墩. Two three-character bodies
 * with the same first two, each opening two tags or more and written three times, are two
 * names. */
TEST(novel_zhname23_brothers_sharing_two_characters)
{
	struct heard h;
	CHECKF(hear("一\n\n窦二墩进了庄，窦二羔迎出来。窦二墩坐下，窦二羔倒茶。\n\n窦二墩说：“兄弟，近来可好？”\n\n"
		"窦二羔说：“还好。”\n\n窦二墩说：“庄上有事么？”\n\n窦二羔说：“没有事。”\n\n窦二墩说：“那就好。”\n\n"
		"窦二墩说：“我明日就走。”\n\n窦二羔说：“哥哥多住几日。”\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "窦二羔"));
	CHECK(in_cast(&h, "窦二墩"));
	CHECK_WHO(&h, "还好", "窦二羔");
	CHECK_WHO(&h, "没有事", "窦二羔");
	CHECK_WHO(&h, "那就好", "窦二墩");
	unhear(&h);
}

/* zhname23-4: a classical memoir that writes its narrator's 余 as 餘 ("餘遂言曰"): 餘 opening
 * the narration's clauses before many acts is the narrator, as 余 is; before, no narrator was
 * found and "餘曰" went to a name made of 餘. */
TEST(novel_zhname23_narrator_yu_written_trad)
{
	struct heard h;
	CHECKF(hear("一\n\n餘幼居海上，餘母早逝。餘讀書於寺中，餘每日登山，餘常獨坐。靜子自東來，餘見之甚喜。"
		"餘與靜子同行。\n\n靜子曰：“阿兄何往？”\n\n餘曰：“往寺中讀書。”\n\n靜子曰：“我亦欲往。”\n\n"
		"餘笑曰：“同往可也。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "往寺中讀書", "我");
	CHECK_WHO(&h, "同往可也", "我");
	CHECK_WHO(&h, "我亦欲往", "靜子");
	unhear(&h);
}
