/* tests/test_novel_fix13_zh.c — Chinese speakers the cast never found: people called by a
 * name and a kin or household ending (晁奉山媳妇, 周瑞家的, 衍太太, 灰五婶). Each test fails on
 * the code before its change. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix13-1: a tag body that is a name and a kin ending (媳妇, 家的) of five characters is that
 * woman, the whole word; before, no rule took a body longer than four characters whose
 * first three open no other tag, and the line went to the one speaking before her. */
TEST(novel_fix13_zh_tag_body_with_kin_ending_is_a_person)
{
	struct heard h;
	CHECKF(hear("第三回\n\n钱大户坐在堂上，叫了管家来。\n\n"
		"钱大户道：“今日的租子收齐了么？”\n\n"
		"管家道：“还差东庄两户。”\n\n"
		"孙有福媳妇在门外听见，走进来。\n\n"
		"孙有福媳妇忙说道：“东庄的租子，我男人昨日已经送来了。”\n\n"
		"钱大户道：“既如此，记上账罢。”\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "孙有福媳妇"), "孙有福媳妇 is in the cast");
	CHECK_WHO(&h, "东庄的租子", "孙有福媳妇");
	unhear(&h);
	/* a pronoun or a function word before the ending is no name: 这媳妇, 他家的 */
	CHECKF(hear("第四回\n\n钱大户道：“谁在外面？”\n\n那个新媳妇说道：“是我。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "那个新媳妇") && !in_cast(&h, "个新媳妇"), "a determiner and a noun are no person");
	unhear(&h);
}

/* fix13-2: a name and a kin ending (太太, 婶, 公公) that opens clauses of the narration twice
 * is a person, though no tag names her, and a tag's pronoun can then find her; before,
 * only a surname and one character or a number and a kin word opening clauses did. */
TEST(novel_fix13_zh_kin_name_opening_clauses_is_a_person)
{
	struct heard h;
	CHECKF(hear("　　我们那条街上，最和气的是芸太太。\n\n"
		"　　芸太太常坐在门口剥豆子，见了孩子们便招手。\n\n"
		"　　有一天我跑过她门口，芸太太叫住我，她笑着说：“慢些跑，当心跌跤。”\n\n"
		"　　我说：“不要紧的。”\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "芸太太"), "芸太太 is in the cast");
	CHECK_WHO(&h, "慢些跑", "芸太太");
	unhear(&h);
	/* a demonstrative before the kin word is no name: 那太太 is "that lady" */
	CHECKF(hear("　　那太太在灶下烧火。\n\n　　那太太又添了一把柴，她说：“饭快好了。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "那太太"), "那太太 is no name");
	unhear(&h);
}
