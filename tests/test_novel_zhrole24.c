/* tests/test_novel_zhrole24.c — a station a few characters into the clause before a said-verb,
 * that comes and speaks ("一会帐房过来说", "王家小厮走来说", "谁知家人回来说"), is that
 * nameless one, not the name of the sentence before (zh_station_comes, novel_tags_zh.c); one
 * called or sent to come is not ("随叫一个丫鬟出来，对他说道": the caller speaks). The first
 * test fails on the code before the rule, the second without the called-or-sent check. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* zhrole24-1: before the words that open the clause, the station stood after a time (一会),
 * an owner (王家) or 谁知, no rule read it, and the line went to 田雁门 of the sentence
 * before (fubao20, rulin6, dangkou80). */
TEST(novel_zhrole24_station_that_comes_speaks)
{
	struct heard h;
	CHECKF(hear("一\n\n田雁门坐在房里，叫人去请胡先生。田雁门道：“快去快回。”\n\n"
		"谁知家人回来说：“胡先生出诊去了。”\n\n田雁门道：“再去请。”\n\n"
		"一会帐房过来说：“轿钱要四块。”\n\n田雁门道：“给他。”\n\n"
		"王仁坐着喝茶。王家小厮走来说：“同学朋友候着作文会。”\n\n王仁道：“就来。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "胡先生出诊去了", "");
	CHECK_WHO(&h, "轿钱要四块", "");
	CHECK_WHO(&h, "同学朋友候着作文会", "");
	CHECK_WHO(&h, "再去请", "田雁门");
	unhear(&h);
}

/* zhrole24-2: the other side: a station called to come out is the object; the one who
 * called it speaks (feilong24: "随叫一个丫鬟出来，对他说道" is 太太's). */
TEST(novel_zhrole24_station_called_out_is_no_speaker)
{
	struct heard h;
	CHECKF(hear("一\n\n客人便问道：“姥姥，你家的桃园在何处？”太太道：“就在庄梢。可唤丫鬟请来，与你相见便了。”"
		"随叫一个丫鬟出来，对他说道：“你可往桃园去，请你主母回来。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你可往桃园去", "太太");
	unhear(&h);
}
