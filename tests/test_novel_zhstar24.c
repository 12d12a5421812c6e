/* tests/test_novel_zhstar24.c — a tag whose last subject is a group with no name (他们, 左右
 * 的人, 都/俱 "all of them", after the words that open a sentence: nov_zh_lead) is the
 * group's, nobody named, not the name of a clause before it (the topic chain of
 * nov_zh_tag_subject, novel_tags_zh.c). Each test fails on the code before the rule. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* zhstar24-1: "吴良吓的魂飞胆裂，左右的人无不吐舌，说" (三侠五义): the bystanders speak, not
 * 吴良, who opens the first clause. Before: 吴良. */
TEST(novel_zhstar24_bystanders_after_a_name)
{
	struct heard h;
	CHECKF(hear("一\n\n吴良道：“小的是木匠。”\n\n包公道：“带下去。”\n\n"
		"吴良吓的魂飞胆裂，左右的人无不吐舌，说：“这位大爷真是神仙！”\n\n包公道：“好。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "这位大爷", "");
	CHECK_WHO(&h, "小的是木匠", "吴良");
	unhear(&h);
}

/* zhstar24-2: "我请求看一看故人，他们却竭力拦阻，说是" (孤独者): they say it, not 我; and
 * "几个店员……，都摆下了脸面，嘲弄着说" (春风沉醉的晚上): all of them, not 我. */
TEST(novel_zhstar24_they_after_me)
{
	struct heard h;
	CHECKF(hear("一\n\n连殳道：“你来了。”\n\n我请求看一看故人，他们却竭力拦阻，说是：“不敢当。”\n\n"
		"我问了价钱，还了一个数目，几个店员，好像一个师父教出的样子，都摆下了脸面，嘲弄着说：“买勿起好勿要买！”\n\n"
		"连殳道：“走罢。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "不敢当", "");
	CHECK_WHO(&h, "买勿起", "");
	CHECK_WHO(&h, "走罢", "连殳");
	unhear(&h);
}

/* zhstar24-3: a voice from above or behind ("只听得上面答道", "后面许多人喊声……叫道") is
 * someone there, nobody named, not the one named in the sentence before. Before: 张婶婶. */
TEST(novel_zhstar24_voice_from_above)
{
	struct heard h;
	CHECKF(hear("一\n\n张婶婶道：“我去叫她。”\n\n张婶婶便走到堂屋门口，仰着脸叫了两声。只听得上面答道：“大丫头到隔壁去了。”\n\n"
		"张婶婶道：“知道了。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "大丫头到隔壁", "");
	CHECK_WHO(&h, "知道了", "张婶婶");
	unhear(&h);
}

/* zhstar24-4: not a place alone in its clause before a comma, a place seen ("只有北边，北斗七星
 * ……。心里想道"): the one who looks thinks it. Without that check: nobody. */
TEST(novel_zhstar24_place_seen_not_a_voice)
{
	struct heard h;
	CHECKF(hear("一\n\n老残道：“好冷。”\n\n老残对着雪月交辉的景致，想起谢灵运的诗。这时月光照的满地灼亮，抬起头来，天上的星，一个也看不见，只有北边，北斗七星，开阳摇光，像几个淡白点子一样，还看得清楚。那北斗正斜倚在紫微垣的的西边上面，杓在上，魁在下。心里想道：“岁月如流。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "岁月如流", "老残");
	unhear(&h);
}
