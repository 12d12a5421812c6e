/* tests/test_novel_fix5_zh.c — the focus of this file is Chinese speaker attribution that
 * must hold on books no rule was written on: guards against whole-text failures (a word of
 * address taken for the first-person narrator's name) and general mechanisms of tags. Each
 * passage is written here; each test failed before its rule (measured when it was added). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix5-1.1: “傻丫头，……” is an epithet and a role noun said to a maid, no name: it must not
 * become the first-person narrator's name (it did, and then every line the narrator spoke
 * went to "傻丫头"). */
TEST(novel_fix5_zh_epithet_is_no_narrator_name)
{
	struct heard h;
	CHECKF(hear("我同老周到了东街，老周的嫂子正坐在门口做针线，旁边站着一个小丫头，叫秋月。\n\n"
		"嫂子道：“傻丫头，倒茶来。”\n\n我道：“不必了，我们坐一坐就走。”\n\n嫂子道：“那怎么好意思。”\n\n"
		"我道：“都是自家人，何必客气。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "傻丫头"), "傻丫头 is no one's name");
	CHECK_WHO(&h, "不必了，我们坐一坐", "我");
	CHECK_WHO(&h, "都是自家人", "我");
	unhear(&h);
}

/* fix5-2.1: "那卖玉器的道" — one the tags name by what he does, a nominal 的 phrase the text
 * writes after 那, is a person who speaks; "低低的道" (how one speaks) makes no one. */
TEST(novel_fix5_zh_nominal_de_speaker)
{
	struct heard h;
	CHECKF(hear("李文才在庙会上闲逛，走到一个摊子前面站住了。摊上摆着许多旧瓷器。\n\n"
		"那卖瓷器的道：“客官，这只碗是前朝的，只要五两银子。”\n\n李文才道：“五两太贵了，一两罢。”\n\n"
		"卖瓷器的摇头道：“一两连本钱也不够。”\n\n李文才低低的道：“那就二两，再多我就走了。”\n\n"
		"卖瓷器的叹口气道：“罢了，拿去罢。”\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "卖瓷器的"), "卖瓷器的 is a person");
	CHECKF(!in_cast(&h, "低低的"), "低低的 is how one speaks");
	CHECK_WHO(&h, "客官，这只碗", "卖瓷器的");
	CHECK_WHO(&h, "一两连本钱", "卖瓷器的");
	CHECK_WHO(&h, "罢了，拿去罢", "卖瓷器的");
	CHECK_WHO(&h, "那就二两", "李文才");
	unhear(&h);
}

/* fix5-3.1: "连包兴也暗说道" — a name the text writes often (包兴) and one character glued to
 * it that the text seldom writes with it (连 "even", 来 "comes") is the name; the three are
 * no person of the cast. */
TEST(novel_fix5_zh_glued_character_is_no_name)
{
	struct heard h;
	CHECKF(hear("老爷坐在书房里看书，包兴在旁边伺候。包兴端上茶来，包兴又去剪了灯花。\n\n"
		"包兴道：“老爷，夜深了，歇了罢。”\n\n老爷笑道：“你先去睡。”\n\n"
		"众人都笑了。连包兴也暗说道：“老爷今夜又不睡了。”\n\n包兴退了出去。\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "连包兴"), "连包兴 is 包兴 and the word 连");
	CHECK_WHO(&h, "老爷今夜又不睡了", "包兴");
	unhear(&h);
}

/* fix5-4.1: a direction and a localizer (里边, 外面) is a place, no person, however the text
 * writes 里; the voice that answers from it ("里边应了一句说") is someone unnamed, not the one
 * whose turn it was; 人 of "何人曰" is no given name (何人 is "who"). */
TEST(novel_fix5_zh_place_is_no_person)
{
	struct heard h;
	CHECKF(hear("安老爷走到庄门前，敲了几下门。庄里半天没有动静。\n\n安老爷问道：“褚一官在家么？”\n\n"
		"裡邊应了一句说：“搬到东庄去了。”\n\n安老爷只得转身走了。何进听见，便问左右。\n\n何进曰：“来者何人？”\n\n左右曰：“是安老爷。”\n\n"
		"何进曰：“请进来。”\n\n何人曰：“不必了。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "裡邊") && !in_cast(&h, "里边"), "裡邊 is a place");
	CHECKF(!in_cast(&h, "何人"), "何人 is 'who'");
	CHECK_WHO(&h, "搬到东庄去了", "");
	unhear(&h);
}
