/* tests/test_novel_fix6_zh.c — the focus of this file is how Chinese narration tells who
 * speaks. Each passage is written here; each test failed before its rule (checked when the
 * rule was added). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix6-1.1: the topic chain — a subject goes on over a sentence's clauses until another name
 * opens one: the said-verb is the last such subject's ("我到的那天，外婆拉着我的手……，说" is
 * 外婆's, not 我's; "王五，赵六，又添酒来，……，赵六去烧一锅热水，……，叫道" is 赵六's), and
 * names alone in clauses one after another are a list that speaks together (nobody named). */
TEST(novel_fix6_zh_last_clause_subject_speaks)
{
	struct heard h;
	CHECKF(hear("那年秋天，我被送到外婆家住。外婆家门口有一口井。\n\n"
		"我到的那天，外婆拉着我的手看了又看，说：“瘦了，城里的饭不养人。”\n\n“城里的饭贵。”外公说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "瘦了，城里的饭", "外婆");
	CHECK_WHO(&h, "城里的饭贵", "外公");
	unhear(&h);
	CHECKF(hear("王五押着李三上路，赵六跟在后面。\n\n王五道：“走快些。”\n\n李三道：“脚疼，走不动。”\n\n赵六道：“少啰嗦。”\n\n"
		"看看天色晚了，三个人投店里来。王五，赵六，又添酒来，把李三灌醉了，赵六去烧一锅热水，提将来，倒在盆里，"
		"叫道：“李三哥，你也洗了脚好睡。”\n\n李三道：“小人不敢。”\n\n王五，赵六，喏喏连声，说道：“那就睡罢。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "李三哥，你也洗了脚", "赵六");
	CHECK_WHO(&h, "那就睡罢", "");
	unhear(&h);
}
