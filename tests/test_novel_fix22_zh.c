/* tests/test_novel_fix22_zh.c — a name with no surname in a first-person story (子君 of 鲁迅's
 * 伤逝, 阿户耶 of 许地山's 商人妇): a string the narration repeats where a person stands,
 * calls 他/她 right after, and no lexicon knows, is a person (bare_names, novel_zh.c). Each
 * test fails on the code before the rule. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix22-1: 涓华 (no surname opens it) is written six times, opening clauses before acts
 * (涓华也, 涓华每天), after 我爱, and 她 opens the clause after it. Before: no rule found her,
 * and her lines went to an unnamed woman. */
TEST(novel_fix22_zh_bare_given_name_is_a_person)
{
	struct heard h;
	CHECKF(hear("一\n\n我爱涓华，涓华也爱我。涓华每天来看我，她总是带着笑。我和涓华在会馆里住了一年。\n\n"
		"那天涓华坐在窗前。涓华忽然说：“我是我自己的，他们谁也没有干涉我的权利！”\n\n"
		"我说：“是的。”\n\n涓华便低下头去。过了一会，涓华又说：“你近来很两样了。”\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "涓华"));
	CHECK_WHO(&h, "我是我自己的", "涓华");
	CHECK_WHO(&h, "你近来很两样了", "涓华");
	unhear(&h);
}

/* fix22-2: the other side: a tavern's name repeated where a person might stand (咸亨酒店),
 * a place word no one calls 他/她, and a noun 的 modifies (台前的座客), stay out of the cast. */
TEST(novel_fix22_zh_bare_name_not_a_place_or_noun)
{
	struct heard h;
	CHECKF(hear("一\n\n鲁镇的咸亨酒店是老店。咸亨酒店在街口，咸亨酒店也卖茴香豆。台前的座客笑了，楼上的座客也笑了，"
		"门外的座客却走了。\n\n掌柜说：“要几碗酒？”\n\n我说：“两碗。”\n", &h) == 0, "%s", err_msg());
	CHECK(!in_cast(&h, "咸亨"));
	CHECK(!in_cast(&h, "座客"));
	CHECK(!in_cast(&h, "咸亨酒店"));
	unhear(&h);
}
