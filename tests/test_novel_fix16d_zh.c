/* tests/test_novel_fix16d_zh.c — a Chinese role word that stands for a named person in one
 * scene (novel_rolename_zh.c): old novels tag one woman now "姑娘道" and now "十三妹道"; the
 * reader knows them for one when a third person calls out the role word and the name's tag
 * answers. The other side: a name that itself calls out the role word, in a line a tag gives
 * it, is someone else (fix16d-2, a guard that holds before and after). fix16d-1 and fix16d-3
 * fail on the code before their rules. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix16d-1: 公子 calls out "老汉，……" and 王大爷道 answers: the lines 老汉道 tags in that
 * scene are 王大爷's. Before: 老汉 kept them. */
TEST(novel_fix16d_zh_role_called_name_answers)
{
	struct heard h;
	CHECKF(hear("第八回\n\n王大爷是个卖柴的，这日进城。那老汉坐在门口，叫道：“公子，睡着了？”\n\n公子道：“不曾睡。”\n\n"
		"老汉道：“既没睡，出来，有话合你说。”\n\n公子道：“这怎么样个出法呢？”\n\n"
		"老汉道：“怎么又出不来了呢？”\n\n公子问道：“老汉，你家住在哪里？”\n\n"
		"王大爷道：“你不必问，我是个苦命人。”\n\n公子道：“我只是感激。”\n\n王大爷道：“休提。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "既没睡", "王大爷");
	CHECK_WHO(&h, "怎么又出不来", "王大爷");
	CHECK_WHO(&h, "你不必问", "王大爷");
	CHECK_WHO(&h, "不曾睡", "公子");
	unhear(&h);
}

/* fix16d-2: 王大爷 answers a call to 老汉, but he calls out "老汉，……" himself: two people,
 * 老汉 keeps his lines. */
TEST(novel_fix16d_zh_name_calling_role_stays_apart)
{
	struct heard h;
	CHECKF(hear("第九回\n\n王大爷道：“老汉，你从哪里来？”\n\n老汉道：“远处来。”\n\n"
		"公子道：“老汉，请坐。”\n\n王大爷道：“我去倒茶。”\n\n老汉道：“多谢。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "远处来", "老汉");
	CHECK_WHO(&h, "多谢", "老汉");
	CHECK_WHO(&h, "我去倒茶", "王大爷");
	unhear(&h);
}

/* fix16d-3: only a line a tag gives the name shows it speaking to the role word. "你这老汉
 * 还不走！" has no tag (a clerk's, as in 三俠五義's court), turn-taking guessed it to 王大爷:
 * that guess must not keep 老汉 apart from 王大爷, whom 老爷's "你这老汉……" gets the answer
 * from. Before: the guessed line vetoed the join and 老汉 kept his lines. */
TEST(novel_fix16d_zh_guessed_call_no_veto)
{
	struct heard h;
	CHECKF(hear("第十回\n\n那老汉坐在桥头，叹道：“好冷的天。”\n\n老汉道：“我这把年纪，还要进城。”\n\n"
		"公子道：“老人家慢走。”\n\n老汉道：“不妨事。”\n\n公子道：“保重。”\n\n王大爷进城告状，跪在堂下。\n\n"
		"王大爷道：“冤枉！”\n\n老爷道：“有何冤枉？”\n\n“你这老汉还不走！又嚷的是什么？”\n\n"
		"王大爷道：“求爷们替我回一声。”\n\n老爷问道：“你这老汉为何又来？”\n\n王大爷道：“小人有冤。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "好冷的天", "王大爷");
	CHECK_WHO(&h, "不妨事", "王大爷");
	CHECK_WHO(&h, "老人家慢走", "公子");
	unhear(&h);
}
