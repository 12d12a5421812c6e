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
