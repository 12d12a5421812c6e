/* tests/test_novel_cast17_zh.c — no cast member that is not a person (Chinese): names cut
 * wrong (a verb, adverb or title glued to a name) and words that are no one must not enter
 * the cast. Each case failed on the code before its guard (cast17-N, one commit each). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* cast17-1: 回首 "turns the head" is the classical 回头, an action after the subject
 * ("芸回首曰"), no part of a name. Before: 芸回首 was a character. */
TEST(novel_cast17_zh_turns_head)
{
	struct heard h;
	CHECKF(hear("第一回\n\n王生道：“风大了，回去罢。”\n\n翠回首曰：“恐有人到舟中来。”\n\n王生道：“无妨。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "翠回首"), "翠回首 is in the cast");
	unhear(&h);
}

/* cast17-2: 就 "then" stands between a subject and its verb as 便 does ("官就发怒道"): a
 * name ends before it. Before: 官就发 was a character. */
TEST(novel_cast17_zh_then_adverb)
{
	struct heard h;
	CHECKF(hear("第二回\n\n那人进来，跪在堂下。那时官就发怒道：“这等无礼！”\n\n张三道：“小人不敢。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "官就发"), "官就发 is in the cast");
	unhear(&h);
}

/* cast17-3: a surname and a kin word (胡妈妈) is a whole name; the verb the narration
 * writes after it each time (看见) does not lengthen it. Before: 胡妈妈看. */
TEST(novel_cast17_zh_kin_name_whole)
{
	struct heard h;
	CHECKF(hear("第三回\n\n胡员外道：“女婿来了。”\n\n丫头扶那女婿出来，胡妈妈看见，吃了一惊。\n\n"
		"胡员外道：“怎么了？”\n\n当晚胡妈妈看见女婿这般模样，叫道：“苦也！”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "胡妈妈看"), "胡妈妈看 is in the cast");
	unhear(&h);
}

/* cast17-4: an official title that ends with a surname's character (长史, 御史) is the
 * title: "长史葛诚" is 葛诚, no 史葛诚. Before: 史葛诚 was a character. */
TEST(novel_cast17_zh_title_before_name)
{
	struct heard h;
	CHECKF(hear("第四回\n\n燕王遂遣长史葛诚入京。葛诚见了天子，说燕王之事。葛诚又奏道：“燕王必反。”\n\n"
		"天子道：“卿且回去。”\n\n燕王令长史葛诚为内应。\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "史葛诚"), "史葛诚 is in the cast");
	unhear(&h);
}

/* cast17-5: "春兰来说道": 来 "comes" is the verb of a name written once; the two before it
 * are the name. Before: 春兰来 had the line. */
TEST(novel_cast17_zh_comes_and_says)
{
	struct heard h;
	CHECKF(hear("第五回\n\n继之在书房坐着。只见春兰来说道：“那边吴老爷回来了。”\n\n继之道：“知道了。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "春兰来"), "春兰来 is in the cast");
	CHECK_WHO(&h, "那边吴老爷", "春兰");
	unhear(&h);
}

/* cast17-6: 尤其 "especially" opens clauses as a conjunction does; it is no one (尤 is a
 * surname). Before: 尤其 was a character. */
TEST(novel_cast17_zh_especially)
{
	struct heard h;
	CHECKF(hear("第六回\n\n他一个人走回去。尤其是在这样的晚上，风很大。尤其是那狭巷里，一个人也没有。尤其是他，心里更冷。\n\n"
		"老李道：“你怎么不坐车？”\n\n他道：“走走也好。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "尤其"), "尤其 is in the cast");
	unhear(&h);
}

/* cast17-7: a word that opens clauses with a person right after it is a verb and its object
 * ("假充窦二墩", "假充你老人家的威": poses as), no given name; "万假充" is no full name.
 * Before: 万假充 (and then 万假充脑) was a character. */
TEST(novel_cast17_zh_verb_before_person)
{
	struct heard h;
	CHECKF(hear("第七回\n\n窦二墩道：“此人是谁？”\n\n崔三道：“他上扇喂可孤万假充脑儿寨的饭。”\n\n"
		"那人吃绿林饭，假充窦二墩。他想出这个主意来，假充你老人家的威风，万假充脑儿寨的饭便吃得。\n\n"
		"窦二墩道：“好大胆！”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "万假充") && !in_cast(&h, "万假充脑"), "万假充 is in the cast");
	unhear(&h);
}

/* cast17-8: a refrain the narration writes three times word for word ("百里奚，五羊皮！") is
 * one clause, not three openings: 五羊 (of 五羊皮, five sheepskins) is no one numbered like
 * 七斤. Before: 五羊 (lengthened to 五羊皮) was a character. */
TEST(novel_cast17_zh_refrain_once)
{
	struct heard h;
	CHECKF(hear("第八回\n\n秦君以五羊皮赎百里奚。杜氏扬声而歌，歌曰：\n\n百里奚，五羊皮！\n\n忆别时，烹伏雌。\n\n"
		"百里奚，五羊皮！\n\n父粱肉，子啼饥。\n\n百里奚，五羊皮！\n\n百里奚闻歌愕然，问道：“你是何人？”\n\n杜氏曰：“老妾是你的妻。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "五羊皮") && !in_cast(&h, "五羊"), "五羊皮 is in the cast");
	unhear(&h);
}

/* cast17-9: a surname's character and a noun that opens clauses with a localizer after it
 * ("燕阵上朱能出马": on the Yan lines) is a place, no one. Before: 燕阵 was a character. */
TEST(novel_cast17_zh_place_with_localizer)
{
	struct heard h;
	CHECKF(hear("第九回\n\n两军对阵。燕阵上徐安、钟祥二将齐出。南军迎住厮杀。\n\n燕阵上朱能出马，与张保交锋。"
		"燕阵上见炳文将败，大将张玉杀来。\n\n朱能道：“张保休走！”\n\n张保道：“来得好！”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "燕阵"), "燕阵 is in the cast");
	unhear(&h);
}

/* cast17-10: a reduplicated word no quotation writes (隐隐 "faintly") opening a tag is how
 * the words are said, no one; a doubled name the quotes call (毛毛) stays. Before: 隐隐 was
 * a character. */
TEST(novel_cast17_zh_reduplicated_manner)
{
	struct heard h;
	CHECKF(hear("第十回\n\n别古将乌盆摔在地下，隐隐悲哀之声，说：“摔了我的腰了！”\n\n别古道：“你是何人？”\n\n"
		"隐隐说道：“我姓刘名世昌。”\n\n毛毛说道：“我怕。”\n\n别古道：“毛毛，莫怕。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "隐隐"), "隐隐 is in the cast");
	CHECKF(in_cast(&h, "毛毛"), "毛毛 is not in the cast");
	unhear(&h);
	/* (a doubled name no quote writes, before the one it speaks to, stays: 脱脱对顺帝道) */
	CHECKF(hear("第十回\n\n顺帝道：“今日有何事？”\n\n脱脱对顺帝道：“自古帝王皆有改元。”\n\n顺帝道：“依卿所奏。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "自古帝王", "脱脱");
	unhear(&h);
}

/* cast17-11: a given name written once whose first character opens a name the tags write
 * often and whose second sounds the same (腾较, jiào, of 腾蛟, jiāo) is a misprint of that
 * name; one that sounds otherwise (腾飞) is another person. Before: 腾较 was a character
 * with its line. */
TEST(novel_cast17_zh_misprint_by_ear)
{
	struct heard h;
	CHECKF(hear("第十一回\n\n杨腾蛟出了店门。腾蛟道：“这里到巨野县还有多少路？”\n\n那人道：“六十五里。”\n\n"
		"腾蛟道：“多谢。”\n\n走了半日，腾蛟道：“好热的天。”\n\n腾较道：“这里到高平山乡多少路？”\n\n"
		"那人道：“往南走。”\n\n腾飞道：“我也去。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "腾较"), "腾较 is in the cast");
	CHECKF(strstr(who_said(&h, "这里到高平山乡"), "腾蛟") != NULL, "the line is %s's", who_said(&h, "这里到高平山乡"));   /* (腾蛟 or 杨腾蛟: one person) */
	CHECKF(in_cast(&h, "腾飞"), "腾飞 is not in the cast");
	unhear(&h);
}
