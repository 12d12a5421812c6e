/* tests/test_novel_zhname23.c — Chinese tags that name the speaker by a form the cast lacked:
 * a given name that opens as a word does (不换 of 金不换), a name that shares its first two
 * characters with a brother's (窦二羔 beside 窦二墩), and the classical narrator's 余 written
 * 餘. Each test of a rule fails on the code before it. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* zhname23-4: a classical memoir that writes its narrator's 余 as 餘 ("餘遂言曰"): 餘 opening
 * the narration's clauses before many acts is the narrator, as 余 is; before, no narrator was
 * found and "餘曰" went to a name made of 餘. */
TEST(novel_zhname23_narrator_yu_written_trad)
{
	struct heard h;
	CHECKF(hear("一\n\n餘幼居海上，餘母早逝。餘讀書於寺中，餘每日登山，餘常獨坐。靜子自東來，餘見之甚喜。"
		"餘與靜子同行。\n\n靜子曰：“阿兄何往？”\n\n餘曰：“往寺中讀書。”\n\n靜子曰：“我亦欲往。”\n\n"
		"餘笑曰：“同往可也。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "往寺中讀書", "我");
	CHECK_WHO(&h, "同往可也", "我");
	CHECK_WHO(&h, "我亦欲往", "靜子");
	unhear(&h);
}
