/* tests/test_novel_fullwidth_zh.c — Chinese names written with a full-width Latin letter
 * (魯迅's 阿Ｑ and 小Ｄ, "Ｋ君"): the letter is part of the name as much as a Han character is.
 * Before nov_is_han_at took the letters Ａ-Ｚ, "阿Ｑ" was never a name: his tagged lines
 * went to whoever spoke before him (pd_dev9 zh_luxun_aq7 read 10 of 30 right, 28 after). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

TEST(novel_fullwidth_letter_names_speak)
{
	struct heard h;
	CHECKF(hear_in("zh", "赵太爷走出门来，看见阿Ｑ站在墙下。\n\n"
		"赵太爷道：“你来做什么？”\n\n"
		"阿Ｑ说：“我要投降革命党了。”\n\n"
		"小Ｄ也跟着嚷道：“我也要！”\n\n"
		"阿Ｑ怒道：“你也配？”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "我要投降革命党了", "阿Ｑ");
	CHECK_WHO(&h, "我也要", "小Ｄ");
	CHECK_WHO(&h, "你也配", "阿Ｑ");
	CHECK_WHO(&h, "你来做什么", "赵太爷");
	unhear(&h);
}
