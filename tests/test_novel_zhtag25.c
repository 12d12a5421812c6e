/* tests/test_novel_zhtag25.c — Chinese tags whose subject is a list of names joined by 、
 * ("王德、王仁說", "尚秋、子珮已先問劍雲道"): the list speaks together, nobody named, never the
 * first name of it (nov_zh_subject, novel_tags_zh.c). The first test fails on the code before
 * the rule. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* zhtag25-1: 王德、王仁 open the tag's clause together. Before: the line went to 王德, the
 * first name of the list. */
TEST(novel_zhtag25_name_list_speaks_together)
{
	struct heard h;
	CHECKF(hear("一\n\n王德是严家的舅爷，王仁是他的兄弟。王德和王仁都在城里住。这一日王德来到严家，王仁也跟着来了。\n\n"
		"王德道：“妹子的病怎样了？”\n\n严监生道：“越发重了。”\n\n"
		"王德、王仁说：“这件事我们做舅舅的不好作主。”\n\n严监生叹了一口气。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "妹子的病", "王德");
	CHECKF(strcmp(who_said(&h, "这件事我们"), "王德") && strcmp(who_said(&h, "这件事我们"), "王仁"),
	       "\"这件事我们\" is the two brothers', not %s", who_said(&h, "这件事我们"));
	unhear(&h);
}

/* zhtag25-2: the other side: one name opening the clause, a list after the verb's object
 * ("王德对王仁、严监生说") is still the one who speaks. */
TEST(novel_zhtag25_one_name_before_a_list_speaks)
{
	struct heard h;
	CHECKF(hear("一\n\n王德是严家的舅爷，王仁是他的兄弟。王德和王仁都在城里住。这一日王德来到严家，王仁也跟着来了。\n\n"
		"王德对王仁、严监生说：“我们明日再来。”\n\n严监生道：“也好。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "我们明日再来", "王德");
	unhear(&h);
}
