/* tests/test_novel_zh2.c — more Chinese speaker and cast rules (novel_zh.c,
 * novel_names_zh.c, novel_tags_zh.c), each on a fresh passage: names cut wrong, a
 * preposition read as a surname, descriptive names of modern fiction. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* 于 and 向 are surnames and prepositions: inside a clause ("递于长庚", "对于孩子") they are
 * the preposition, so 于长庚 is no full name of 长庚. */
TEST(novel_zh2_preposition_is_no_surname)
{
	struct heard h;
	CHECKF(hear("长庚挑着柴下山。长庚走到溪边，放下担子。老僧取出一封书信，递于长庚道：“带给山下的人。”\n\n"
		"长庚接了信，笑道：“师父放心。”\n\n长庚说：“我这就去。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "于长庚"), "于长庚 is 长庚 after the preposition 于");
	CHECK_WHO(&h, "我这就去", "长庚");
	unhear(&h);
}
