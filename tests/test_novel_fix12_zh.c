/* tests/test_novel_fix12_zh.c — Chinese speech tags read on books no rule was tuned on
 * (tests/prose/pd_dev10): a plural or a list in the part of a tag's clause that an object
 * or listener word opens ("眼望众官说道", "对他们说", "与众人道", "把我两个耳朵看过") is
 * the ones spoken to or acted on, not a group that speaks. Each test fails on the code
 * before its change. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix12-1: the named one who looks at the officials, speaks to them, or hands silver to
 * everyone says the words; before, 众官/他们/众人 after 望/对/与 made the tag a group's
 * and the line nobody's. */
TEST(novel_fix12_zh_plural_listener_is_no_group_subject)
{
	struct heard h;
	CHECKF(hear("第一回\n\n施公升堂坐定，两旁站着众官。\n\n"
		"施公道：“带金有义上来。”\n\n"
		"金有义叩头道：“小人冤枉。”\n\n"
		"施公冷笑，眼望众官说道：“你们细听，兇手另有其人。”\n\n"
		"金有义道：“青天大老爷明鉴。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你们细听", "施公");
	CHECK_WHO(&h, "小人冤枉", "金有义");
	unhear(&h);
	CHECKF(hear("第二回\n\n腾蛟收拾了行李，牵了马，店里众人都围上来。\n\n"
		"腾蛟道：“你们不必害怕。”说罢，便取那一百两银子与众人道：“这银子原是我的，你们拿去。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "这银子原是我的", "腾蛟");
	unhear(&h);
}

/* fix12-2: a list of things (纸、墨、笔、砚) or a group (众人) in a clause before one that
 * a name opens is no subject of the tag's verb: the named one speaks. Before, the first
 * clause's group made the line nobody's. */
TEST(novel_fix12_zh_group_before_a_named_clause_is_no_subject)
{
	struct heard h;
	CHECKF(hear("第五回\n\n宋信同孙媒婆到了柳巷，请出一个女子来。\n\n"
		"宋信道：“果然好个人物。”\n\n"
		"孙媒婆道：“宋相公且看她写字。”\n\n"
		"桌上铺着纸、墨、笔、砚，孙媒婆就帮衬磨起墨来，又取了一支笔递与那女子道：“你可写一首诗与宋相公看。”\n\n"
		"宋信道：“写得出便好。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你可写一首诗", "孙媒婆");
	CHECK_WHO(&h, "宋相公且看她写字", "孙媒婆");
	unhear(&h);
	CHECKF(hear("第三回\n\n宝玉看罢，因笑道：“这个妹妹我曾见过的。”\n\n"
		"黛玉道：“哥哥说笑了。”\n\n"
		"宝玉又问黛玉：“可也有玉没有？”众人不解其语，黛玉便忖度着因他有玉，故问我有也无，因答道：“我没有那个。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "我没有那个", "黛玉");
	unhear(&h);
}
