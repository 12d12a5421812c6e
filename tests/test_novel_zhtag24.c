/* tests/test_novel_zhtag24.c — the subject of a Chinese speech tag (story/novel_tags_zh.c):
 * the one a verb of telling or ordering takes (哄得贵道, 吩咐天锡道, 命左右道) or of acting on
 * a person (推板儿道, 暗恨行者道) is spoken to or acted on, not the speaker (data
 * zh_listener_before); 他/她 with a kin word, 的 or not (他母亲道, 他娘子道),
 * is that kin, not 他/她: a wife the one the cast names as his wife (褚家娘子) or nobody named,
 * another kin the one the cast calls by a word of the same kin (娘); a look right after a
 * quote that names who it is ("卓视之，乃荆州刺史丁原也") names its speaker (novel_exchange.c).
 * Each test fails on the code before the rule (main @ 3a57e48). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* zhtag24-1: "心生一计，哄得贵道" (冯梦龙, 警世通言 35): 得贵 is the one coaxed; the sentence has no
 * subject of its own, so the one the sentence before opens with speaks. Before: 得贵. */
TEST(novel_zhtag24_coaxed_one_is_no_speaker)
{
	struct heard h;
	CHECKF(hear("一\n\n支助和得贵是邻居。支助道：“你好。”得贵道：“你也好。”\n\n"
		"支助心中忿恨。心生一计，哄得贵道：“这药只有我一个相识人有。”\n\n得贵道：“多谢。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "这药只有我", "支助");
	CHECK_WHO(&h, "多谢", "得贵");
	unhear(&h);
}

/* zhtag24-2: "临终吩咐天锡道" — the same for 吩咐 (the one told), with the teller named in the
 * sentence before. Before: 天锡. */
TEST(novel_zhtag24_told_one_is_no_speaker)
{
	struct heard h;
	CHECKF(hear("一\n\n盖太守和天锡在堂上。盖太守道：“坐。”天锡道：“是。”\n\n"
		"盖太守老病告休。临终吩咐天锡道：“这佩刀赐你。”天锡哭拜收了。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "这佩刀赐你", "盖太守");
	unhear(&h);
}

/* zhtag24-2b: verbs that act on a person take the name after them as the one acted on, not
 * the speaker: "说着又推板儿道" (曹雪芹, 红楼梦 6: 推 push), "咬牙切齿，暗恨行者道" (吴承恩, 西游记 27:
 * 恨 hate), 睨/瞅/瞪 (a glance at one). Before: 板儿, 行者. */
TEST(novel_zhtag24_pushed_or_hated_one_is_no_speaker)
{
	struct heard h;
	CHECKF(hear("一\n\n刘姥姥和板儿进了门。板儿道：“姥姥。”刘姥姥道：“别闹。”\n\n"
		"刘姥姥只得带了板儿来。说着又推板儿道：“你那爹在家怎么教你的？”\n\n"
		"白骨精和行者斗了一场。行者道：“妖精哪里走！”白骨精道：“饶命。”\n\n"
		"白骨精出神去了。在那云端里咬牙切齿，暗恨行者道：“几番家看他来了。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你那爹在家", "刘姥姥");
	CHECK_WHO(&h, "几番家看他来了", "白骨精");
	unhear(&h);
}

/* zhtag24-3: "他母亲道" with no 的 (纪文, 十姊妹 8): the mother, whom the text calls 娘, not the
 * son 他 is (nor the last woman named, 张妈妈). Before: the son. */
TEST(novel_zhtag24_his_mother_is_the_text_s_niang)
{
	struct heard h;
	CHECKF(hear("一\n\n小兴回到家里。娘道：“你回来了。”小兴道：“回来了。”\n\n"
		"张妈妈来了。张妈妈道：“小兴好。”\n\n小兴道：“我买了铜圆。”他母亲道：“什么叫做铜圆？”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "什么叫做铜圆", "娘");
	unhear(&h);
}

/* zhtag24-4: "他娘子道" (文康, 儿女英雄传 14): his wife, whom the cast names by his surname, 家
 * and 娘子 (褚家娘子), not he. Before: 褚一官. */
TEST(novel_zhtag24_his_wife_by_the_cast_s_name)
{
	struct heard h;
	CHECKF(hear("一\n\n褚一官和褚家娘子在庄上。褚家娘子道：“老爷来了。”褚一官道：“快请。”\n\n"
		"褚一官听了，心里却是忐忑。他娘子道：“你不必着忙。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你不必着忙", "褚家娘子");
	unhear(&h);
}

/* zhtag24-5: "他娘子说道" (曹雪芹, 红楼梦 24) when the cast names no wife of his: nobody named,
 * not he, not the last woman named. Before: 卜世仁. */
TEST(novel_zhtag24_his_wife_unnamed_is_nobody)
{
	struct heard h;
	CHECKF(hear("一\n\n卜世仁在铺子里。王夫人道：“你去吧。”卜世仁道：“是。”\n\n"
		"卜世仁回到家里，道：“吃了饭再去罢。”一句未完，只见他娘子说道：“你又糊涂了。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你又糊涂了", "");
	unhear(&h);
}

/* zhtag24-6: "卓视之，乃荆州刺史丁原也" (罗贯中, 三国演义 3): one unnamed shouts, the narration right
 * after the quote, in its paragraph, looks and names him (乃, titles before the name): the
 * quote is 丁原's. Before: nobody named. */
TEST(novel_zhtag24_look_names_the_unnamed_shouter)
{
	struct heard h;
	CHECKF(hear("一\n\n董卓和丁原都在席上。丁原道：“公来何事？”董卓道：“议废立。”\n\n"
		"座上一人推案直出，立于筵前，大呼：“不可！不可！”卓视之，乃荆州刺史丁原也。卓怒叱曰：“顺我者生！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "不可！不可", "丁原");
	CHECK_WHO(&h, "顺我者生", "董卓");
	unhear(&h);
}

/* zhtag24-7: "纯客寻声看去，原来是黎石农" (曾朴, 孽海花 20): one unnamed speaks (一人高声道), the one
 * who looks names another (in the book the line had gone to 纯客, the one who looks, which the
 * rule corrects too); one who looks and sees a thing (原来是一封信) names no one. Before:
 * nobody named. */
TEST(novel_zhtag24_look_names_another_than_the_looker)
{
	struct heard h;
	CHECKF(hear("一\n\n纯客和黎石农都在园中。黎石农道：“来了。”纯客道：“来了。”\n\n"
		"纯客尚未开口，忽听得一人高声道：“纯客，你来迟了！”纯客寻声看去，原来是黎石农，手里正拿着本古碑。\n\n"
		"纯客道：“这碑好。”忽听得有人叫道：“看这里！”纯客低头一看，原来是一封信。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "纯客，你来迟了", "黎石农");
	CHECK_WHO(&h, "看这里", "");
	unhear(&h);
}
