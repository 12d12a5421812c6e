/* tests/test_novel_fix9_zh.c — the focus of this file is a Chinese speech tag that names the
 * wrong person: a name the tag's clause acts on (把/将/携 X, 看着 X) or speaks to read as the
 * one who speaks. Each passage is written here; each test failed before its rule (checked
 * when the rule was added). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix9-1.1: "又忙携X之手，问：" — the one whose hand is taken does not ask: the subject of
 * the sentence before speaks. */
TEST(novel_fix9_zh_held_hand_is_no_subject)
{
	struct heard h;
	CHECKF(hear("张大娘和李秀才坐在堂屋里说话。\n\n张大娘道：“先生吃茶。”\n\n李秀才道：“多谢大娘。”\n\n"
		"张大娘进了里间，拿出一包点心来，满脸是笑。又忙携李秀才之手，问：“先生几时回乡？”\n\n"
		"李秀才道：“明日便走。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "先生几时回乡", "张大娘");
	CHECK_WHO(&h, "明日便走", "李秀才");
	unhear(&h);
}

/* fix9-1.2: "看着X，摇头道：" — the one looked at (here a name ending in a descriptor, 老汉)
 * is no subject. */
TEST(novel_fix9_zh_look_held_is_no_subject)
{
	struct heard h;
	CHECKF(hear("孙老汉和周掌柜在店里算账。\n\n周掌柜道：“这一笔对不上。”\n\n孙老汉道：“再算一遍。”\n\n"
		"周掌柜放下算盘，叹了一口气。看着孙老汉，摇头道：“算了三遍了。”\n\n"
		"孙老汉道：“那就明天再算。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "算了三遍了", "周掌柜");
	unhear(&h);
}

/* fix9-1.3: "把X一推，道：" — the one pushed does not speak. */
TEST(novel_fix9_zh_disposal_object_is_no_subject)
{
	struct heard h;
	CHECKF(hear("赵四和钱七在院里喝酒。\n\n钱七道：“今年收成不好。”\n\n赵四道：“明年便好了。”\n\n"
		"钱七又吃了一碗，站起身来。把赵四一推，道：“你去睡罢！”\n\n赵四道：“我不睡。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你去睡罢", "钱七");
	CHECK_WHO(&h, "我不睡", "赵四");
	unhear(&h);
}
