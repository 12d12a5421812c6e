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
