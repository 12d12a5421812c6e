/* tests/test_novel_fix11_zh.c — a surname and a given name the narration writes on its own
 * (given_names of story/novel_zh.c) make a full name only where the text writes it as one:
 * not once, late, inside a clause after the given name has been written alone again and
 * again (there the "surname" is a word before the person: 谢 "thank"), and not where the
 * "surname" is the last character of a known name written just before it. Each test fails
 * on the code before its change. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix11-1: 济公 speaks and opens the narration's clauses for pages; then "董士宏父女谢济公
 * 送走" (the two thank 济公 and see him off) writes 谢济公 once, inside a clause. Before: 谢济公
 * became the full name and took every line of 济公. */
TEST(novel_fix11_zh_late_verb_before_a_name_is_no_surname)
{
	struct heard h;
	CHECKF(hear("第二回\n\n济公走到庙前，董士宏正在树下发愁。\n\n"
		"济公道：“你为何在此发愁？”\n\n"
		"董士宏道：“我丢了银子，女儿不能见面。”\n\n"
		"济公笑了一笑，济公说道：“不要着急，我同你去找。”\n\n"
		"董士宏道：“师父从哪里来？”\n\n"
		"济公道：“我从灵隐寺来。”\n\n"
		"二人走到赵宅，济公上前叩门。董士宏父女谢济公送走不提。\n\n"
		"济公回到庙里，济公对老方丈道：“我回来了。”\n\n"
		"老方丈道：“你又到哪里去了？”\n\n"
		"济公道：“我去救人了。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你为何在此发愁", "济公");
	CHECK_WHO(&h, "我从灵隐寺来", "济公");
	CHECK_WHO(&h, "我去救人了", "济公");
	CHECK_WHO(&h, "我丢了银子", "董士宏");
	CHECKF(!in_cast(&h, "谢济公"), "谢 thanks 济公 here: no 谢济公");
	unhear(&h);
}

/* fix11-1b: a full name the text introduces once, inside a clause, before the given name
 * goes on alone ("我和魏连殳相识一场" and then 连殳) is still the person's full name. */
TEST(novel_fix11_zh_full_name_written_first_joins_the_given_name)
{
	struct heard h;
	CHECKF(hear("我和魏连殳相识一场，回想起来倒也别致。\n\n"
		"连殳坐在窗下，连殳看了我一眼。\n\n"
		"连殳道：“你来了。”\n\n"
		"我道：“来看看你。”\n\n"
		"连殳道：“坐罢。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你来了", "魏连殳");
	CHECK_WHO(&h, "坐罢", "魏连殳");
	unhear(&h);
}

/* fix11-2: "小燕正要模拟" is 小燕 about to imitate; 燕 (a surname) ends the known name 小燕
 * there, so 燕 and 正要 (which opens clauses: "正要出门") make no full name 燕正要. */
TEST(novel_fix11_zh_surname_ending_a_known_name_makes_no_full_name)
{
	struct heard h;
	CHECKF(hear("书房\n\n小燕坐在书房里看信。\n\n"
		"小燕道：“这是谁写的？”\n\n"
		"尚秋道：“是扈桥寄来的。”\n\n"
		"小燕正要模拟是谁的笔迹，门外有人来了。\n\n"
		"尚秋站起来，正要出门，正要开口，小燕拉住了他。\n\n"
		"小燕道：“你别走。”\n\n"
		"尚秋道：“我不走就是了。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "这是谁写的", "小燕");
	CHECK_WHO(&h, "你别走", "小燕");
	CHECK_WHO(&h, "我不走就是了", "尚秋");
	CHECKF(!in_cast(&h, "燕正要"), "燕 ends 小燕 there: no 燕正要");
	unhear(&h);
}
