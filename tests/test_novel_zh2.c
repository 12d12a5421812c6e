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

/* Descriptive names of modern fiction that the tag's cut left short: X家的 (the wife of
 * X: 孙福家的, not 孙福家) and 花白胡子 (not 花白胡) are the name whole. */
TEST(novel_zh2_descriptive_names_whole)
{
	struct heard h;
	CHECKF(hear("孙福家的正在院里晒被。孙福家的道：“谁在外头？”\n\n“是我，送柴来的。”门外的人说。\n\n"
		"孙福家的笑道：“进来罢。”\n\n茶馆里坐着一个花白胡子的人。\n\n“今天好冷。”花白胡子说。\n\n"
		"“冷是冷的。”掌柜道。\n\n“要下雪了。”花白胡子便又说。\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "孙福家"), "孙福家 is 孙福家的 cut short");
	CHECKF(!in_cast(&h, "花白胡"), "花白胡 is 花白胡子 cut short");
	CHECK_WHO(&h, "进来罢", "孙福家的");
	CHECK_WHO(&h, "要下雪了", "花白胡子");
	unhear(&h);
}
