/* tests/test_novel_fix7_zh.c — the focus of this file is Chinese speech tags whose subject is
 * someone the narration does not name, and the names of people in 章回 prose. Each passage is
 * written here; each test failed before its rule (checked when the rule was added). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix7-1.1: a tag whose subject is someone unnamed after the words that open the sentence
 * ("只听那人道", "忽然有个朋友对他说道", "内中一人问王五道") gives its quote to nobody named,
 * not to the one whose turn it was or who leads the paragraph. */
TEST(novel_fix7_zh_unnamed_subject_after_lead)
{
	struct heard h;
	CHECKF(hear("王五走到一家门口，叩了两下门。\n\n王五道：“借问一声，这里可是李府？”\n\n"
		"只听那人道：“开门得我言语一声儿去。”\n\n王五道：“有劳。”\n\n"
		"王五坐在店里，甚为纳闷。忽然有个朋友对他说道：“城外有个名医，何不请来？”\n\n"
		"王五同赵六吃茶。内中一人问赵六道：“你亲家今日在那里？”\n\n赵六道：“他进城去了。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "借问一声", "王五");
	CHECK_WHO(&h, "开门得我", "");
	CHECK_WHO(&h, "城外有个名医", "");
	CHECK_WHO(&h, "你亲家今日", "");
	CHECK_WHO(&h, "他进城去了", "赵六");
	unhear(&h);
}

/* fix7-2.1: a tag with no subject ("因说道") goes on from the topic of the sentence before,
 * a first-person narrator's 我 too, and over one more full stop when that sentence names no
 * one — not to the one whose turn it would be. */
TEST(novel_fix7_zh_subjectless_tag_topic)
{
	struct heard h;
	CHECKF(hear("我回到家里，伯衡已经来过了。\n\n李三走进来道：“到底有甚么用处？”"
		"我想李三不是个好人，不可对他说实话。因说道：“因为家伯要补缺了。”\n\n"
		"王五道：“我去看看。”\n\n赵六道：“这家的女子明理得很。”\n\n李三道：“果然不错。”\n\n"
		"王五听了，不禁暗暗称奇。真是十步之内，必有芳草。因说道：“此刻幸得事未办成。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "到底有甚么用处", "李三");
	CHECK_WHO(&h, "因为家伯要补缺了", "我");
	CHECK_WHO(&h, "这家的女子", "赵六");
	CHECK_WHO(&h, "此刻幸得事未办成", "王五");
	unhear(&h);
}

/* fix7-3.1: people named by their rank among siblings are read whole: past ten (十三妹, a tag
 * body three times), with a diminutive after a measure word (四斗子, not four pecks), with the
 * longest title ending (三姨太太, not 三姨太; 十三大人, a title right after the number). */
TEST(novel_fix7_zh_numbered_names_whole)
{
	struct heard h;
	CHECKF(hear("十三妹坐在炕边，安公子立在一旁。\n\n十三妹道：“你先坐下。”\n\n安公子道：“不敢。”\n\n"
		"十三妹笑道：“这又何必。”\n\n安公子道：“是。”\n\n十三妹道：“我有话说。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你先坐下", "十三妹");
	CHECK_WHO(&h, "我有话说", "十三妹");
	CHECKF(!in_cast(&h, "十三"), "%s", "十三 is no one");
	unhear(&h);
	CHECKF(hear("四斗子骨都着嘴走了。王德叫他回来。\n\n四斗子站住了，不肯进门。四斗子又说了几句。\n\n"
		"王德道：“你去请三姨太太来。”\n\n三姨太太来了，坐在一边。三姨太太笑了一笑。三姨太太接着说道：“我不去。”\n\n"
		"十三大人从城里来了。十三大人坐下，十三大人说道：“这事难办。”\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "四斗子"), "%s", "四斗子 is a person");
	CHECK_WHO(&h, "我不去", "三姨太太");
	CHECK_WHO(&h, "这事难办", "十三大人");
	unhear(&h);
}

/* fix7-4.1: a pet name of one or two characters and 儿 (宝儿, 随缘儿) that opens three clauses
 * of the narration is a person; a word ending in 儿 (女儿, 这儿, 一会儿) is none. */
TEST(novel_fix7_zh_er_pet_names)
{
	struct heard h;
	CHECKF(hear("单四嫂子坐在床沿上，宝儿坐在身边吃豆。宝儿瞪着眼睛想了一刻。女儿家的事，这儿没有人管。\n\n"
		"单四嫂子道：“睡罢。”\n\n宝儿摇摇头，便说，“妈，我还要吃豆。”\n\n一会儿天就黑了。随缘儿进来点灯。随缘儿站在门口。"
		"随缘儿道：“灯点上了。”\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "宝儿"), "%s", "宝儿 is a person");
	CHECKF(in_cast(&h, "随缘儿"), "%s", "随缘儿 is a person");
	CHECKF(!in_cast(&h, "女儿") && !in_cast(&h, "这儿") && !in_cast(&h, "会儿"), "%s", "no person of a word");
	CHECK_WHO(&h, "妈，我还要吃豆", "宝儿");
	unhear(&h);
}

/* fix7-3.2: a number that opens a clause at the very end of the text (“……”，十三 / ，四) is
 * read without going past the end (a fuzz input; the sanitizer build sees it). */
TEST(novel_fix7_zh_numbered_name_at_end)
{
	static const char *const texts[] = { "王五道：“来了。”\n\n门外，十", "王五道：“来了。”\n\n门外，十三", "王五道：“来了。”\n\n门外，四",
		"王五道：“来了。”\n\n门外，四斗", NULL };
	for (int i = 0; texts[i]; i++) {
		struct heard h;
		CHECKF(hear(texts[i], &h) == 0, "%s", err_msg());
		CHECK_WHO(&h, "来了", "王五");
		unhear(&h);
	}
}
