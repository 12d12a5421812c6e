/* tests/test_novel_fix17b_zh.c — the focus of this file is a Chinese speech tag whose subject
 * is no one person: a name and 等 ("and the others": "张让等……共议曰") is a group, nobody named
 * (fix17b-1; fails on the code before zh_and_others, which gave the line to 张让), while 等 the
 * verb "wait" after a name ("张让等了半日") names that one (fix17b-2 holds the guard). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix17b-1: "张让等知外兵到，共议曰": 张让 and the others speak together. */
TEST(novel_fix17b_zh_name_and_others)
{
	struct heard h;
	CHECKF(hear("张让在宫中，张让道：“大将军来了么？”\n\n"
		"段珪道：“还不曾来。”\n\n"
		"张让笑道：“且等他。”\n\n"
		"何进入宫，何进道：“你等何在？”\n\n"
		"张让道：“在此。”\n\n"
		"张让等知外兵到，共议曰：“此何进之谋也，我等先下手。”\n\n"
		"何进大怒道：“阉贼安敢！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "此何进之谋也", "");
	CHECK_WHO(&h, "在此", "张让");
	CHECK_WHO(&h, "阉贼安敢", "何进");
	unhear(&h);
}

/* fix17b-2: 等 the verb after a name: "张让等了半日，说道" is 张让's own line. */
TEST(novel_fix17b_zh_name_waits)
{
	struct heard h;
	CHECKF(hear("张让在宫中，张让道：“大将军来了么？”\n\n"
		"段珪道：“还不曾来。”\n\n"
		"何进入宫，何进道：“你等何在？”\n\n"
		"张让等了半日，说道：“此何进之谋也。”\n\n"
		"何进大怒道：“阉贼安敢！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "此何进之谋也", "张让");
	unhear(&h);
}
