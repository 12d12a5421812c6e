/* tests/test_novel_fix16b_zh.c — a first-person narrator who writes the classical 余 (予, 吾)
 * for 我, as memoirs and 筆記 do (余曰, 余笑曰, 余戏之曰): he is the narrator 我, never a name
 * (余笑, 余戏, 余先生), while a surname 余 with a name after it (余太君) stays a name.
 * fix16b-1 fails on the code before nov_zh_me; fix16b-2 holds its guard. A given name of one
 * character alone (芸曰) is a person (zh_one_char_name): fix16b-3 fails before it, fix16b-4
 * holds its guard. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix16b-1: a memoir whose narration says 余 for 我. Before: no narrator was found, 余笑 and
 * 余戏 were names and the narrator's lines theirs. */
TEST(novel_fix16b_zh_classical_narrator)
{
	struct heard h;
	CHECKF(hear("余年十五，从父游于西湖。父友陈君，字子和，好饮。一日，余与陈君泛舟湖上。\n\n"
		"陈君笑曰：“湖光如此，可无酒乎？”\n\n"
		"余曰：“舟中有酒，请君尽之。”\n\n"
		"陈君曰：“善。”\n\n"
		"余笑曰：“君已醉矣，当归。”\n\n"
		"余戏之曰：“明日再来否？”\n\n"
		"陈君曰：“诺。”\n\n"
		"余归，告母。母亦笑之。余知其意也。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "舟中有酒", "我");
	CHECK_WHO(&h, "君已醉矣", "我");
	CHECK_WHO(&h, "明日再来否", "我");
	CHECK_WHO(&h, "湖光如此", "陈君");
	CHECK_WHO(&h, "诺", "陈君");
	CHECK(!in_cast(&h, "余笑"));
	CHECK(!in_cast(&h, "余戏"));
	unhear(&h);
}

/* fix16b-2: the surname 余 opening every clause with the same given name after it (余忠) is
 * no narrator's 余: 余忠 speaks, and no one is 我. The guard of fix16b-1 (four different
 * characters after 余): without it 余忠's lines went to 我. */
TEST(novel_fix16b_zh_surname_yu_stays)
{
	struct heard h;
	CHECKF(hear("余忠是杨府的老家人，这日清早便在门外候着。\n\n"
		"余忠道：“公子，马已备好了。”\n\n"
		"杨宗保道：“你随我去。”\n\n"
		"余忠笑道：“老奴遵命。”\n\n"
		"余忠又道：“路上风大，公子多穿些。”\n\n"
		"杨宗保道：“知道了。”\n\n"
		"余忠点头，余忠牵马，余忠跟在后面走了。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "公子，马已备好", "余忠");
	CHECK_WHO(&h, "老奴遵命", "余忠");
	CHECK_WHO(&h, "你随我去", "杨宗保");
	CHECK(!in_cast(&h, "我"));
	unhear(&h);
}

/* fix16b-3: classical prose calls a wife by her given name alone (蓉曰, 蓉笑曰; the text never
 * writes her surname with it): a person, not nobody. Before: no name ended in 蓉 and her
 * lines went to nobody or to the one before. */
TEST(novel_fix16b_zh_one_char_name)
{
	struct heard h;
	CHECKF(hear("王生娶妻，名蓉，性慧。蓉暗笑之，蓉起，蓉急掩门，蓉大窘，蓉默然。生谓蓉曰：“何不寐？”\n\n"
		"蓉曰：“夜深矣，妾将卧。”\n\n"
		"生曰：“且坐。”\n\n"
		"蓉笑曰：“君何痴也。”\n\n"
		"生曰：“吾愿与卿终日谈。”\n\n"
		"蓉曰：“明日再谈。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "夜深矣", "蓉");
	CHECK_WHO(&h, "君何痴也", "蓉");
	CHECK_WHO(&h, "明日再谈", "蓉");
	unhear(&h);
}

/* fix16b-4: a one-character word that opens tags and clauses but is never spoken to nor
 * acted with (随 of "随道", "then said") is no name. */
TEST(novel_fix16b_zh_one_char_not_name)
{
	struct heard h;
	CHECKF(hear("李四进门，随坐，随饮，随看，随想，随叹。\n\n"
		"李四道：“天晚了。”\n\n"
		"随道：“该走了。”\n\n"
		"张三道：“再坐坐。”\n\n"
		"随道：“不坐了。”\n\n"
		"张三道：“也罢。”\n\n"
		"随道：“告辞。”\n", &h) == 0, "%s", err_msg());
	CHECK(!in_cast(&h, "随"));
	unhear(&h);
}
