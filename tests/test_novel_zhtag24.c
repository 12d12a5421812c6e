/* tests/test_novel_zhtag24.c — the subject of a Chinese speech tag (story/novel_tags_zh.c):
 * the one a verb of telling or ordering takes (哄得贵道, 吩咐天锡道, 命左右道) is spoken to, not
 * the speaker (data zh_listener_before). Each test fails on the code before the rule
 * (main @ 3a57e48). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* zhtag24-1: "心生一计，哄得贵道" (冯梦龙, 警世通言 35): 得贵 is the one coaxed; the sentence has no
 * subject of its own, so the one the sentence before opens with speaks. Before: 得贵. */
TEST(novel_zhtag24_coaxed_one_is_no_speaker)
{
	struct heard h;
	CHECKF(hear("一\n\n支助和得贵是邻居。支助道：“你好。”得贵道：“你也好。”\n\n"
		"支助心中忿恨。心生一计，哄得贵道：“这药只有我一个相识人有。”\n\n得贵道：“多谢。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "这药只有我", "支助");
	CHECK_WHO(&h, "多谢", "得贵");
	unhear(&h);
}

/* zhtag24-2: "临终吩咐天锡道" — the same for 吩咐 (the one told), with the teller named in the
 * sentence before. Before: 天锡. */
TEST(novel_zhtag24_told_one_is_no_speaker)
{
	struct heard h;
	CHECKF(hear("一\n\n盖太守和天锡在堂上。盖太守道：“坐。”天锡道：“是。”\n\n"
		"盖太守老病告休。临终吩咐天锡道：“这佩刀赐你。”天锡哭拜收了。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "这佩刀赐你", "盖太守");
	unhear(&h);
}
