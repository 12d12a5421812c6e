/* tests/test_novel_zh3.c — general Chinese speaker and cast rules of branch fixzh2, each on
 * a fresh passage written here: group words and adverbs opening a tag (simplified and
 * traditional). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* A tag opened by a group word or an adverb of "all" (都, 俱, 皆, 同声, 一齐; 眾人 in
 * traditional print) is a group's: nobody named speaks, and the adverb is no name. */
TEST(novel_zh3_group_adverb_tags)
{
	struct heard h;
	const char *t = "　　白公看着王子谨和刚弼道：“二公以为何如？”俱欠身道：“是。”\n"
		"　　白公又问众人道：“你们都吃月饼么？”同声答道：“都吃的。”\n"
		"　　眾人聽了，都拍手笑道：“好！”\n";
	CHECKF(hear(t, &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "是。", "");
	CHECK_WHO(&h, "都吃的", "");
	CHECK_WHO(&h, "好！", "");
	CHECKF(!in_cast(&h, "俱欠身") && !in_cast(&h, "同声"), "俱欠身 and 同声 are no persons");
	unhear(&h);
}
