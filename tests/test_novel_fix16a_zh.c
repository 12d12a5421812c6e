/* tests/test_novel_fix16a_zh.c — names cut wrong at a speech tag (vernacular and classical
 * novels): a character between the subject and the said-verb that belongs to the verb or to a
 * group (蹇叔对曰, 宗泽奏道, 马九等说); a one-character tag body completed by a surname that
 * is itself the end of a title (内史廖, not 史廖); a speaker the tags name renamed by a full
 * name written once inside someone's speech (请任蹇叔: there is no 任蹇叔). Each test fails
 * on the code before its rule. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix16a-1: 蹇叔 speaks in four tags; 百里奚's speech asks the duke "请任蹇叔而臣佐之" (to
 * appoint 蹇叔). Before: 任 was read as a surname, 任蹇叔 entered the cast and took 蹇叔's
 * lines. The other side of the guard: speech that says who someone is ("您是王秀兰吧？")
 * still gives the speaker 秀兰 her full name. */
TEST(novel_fix16a_zh_speech_mention_renames_no_one)
{
	struct heard h;
	CHECKF(hear("第一回\n\n百里奚曰：“臣之才，不如臣友蹇叔十倍，君欲治国，请任蹇叔而臣佐之。”\n\n"
		"蹇叔曰：“秦僻在西土。”\n\n穆公曰：“善。”\n\n蹇叔曰：“德为本。”\n\n"
		"穆公曰：“然则奈何？”\n\n蹇叔曰：“毋贪、毋忿、毋急。”\n", &h) == 0, "%s", err_msg());
	CHECK(!in_cast(&h, "任蹇叔"));
	CHECK_WHO(&h, "秦僻在西土", "蹇叔");
	CHECK_WHO(&h, "毋贪", "蹇叔");
	unhear(&h);
	CHECKF(hear("第二回\n\n林峰推门进去，柜台后坐着一个女人。\n\n林峰道：“您是王秀兰吧？”\n\n"
		"秀兰道：“你们是？”\n\n林峰道：“打听点事。”\n\n秀兰道：“我可什么都不知道。”\n\n"
		"秀兰摇摇头。秀兰又坐下了。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你们是", "王秀兰");
	CHECK_WHO(&h, "我可什么", "王秀兰");
	unhear(&h);
}

/* fix16a-2: the character between a tag's subject and its said-verb that belongs to the verb
 * (对曰: answered; 奏道: spoke to the throne) or to a group (等: and the others) is no part
 * of the name. Before: 蹇叔对, 宗泽奏 and 马九等 entered the cast and took the lines. */
TEST(novel_fix16a_zh_verb_glued_to_name)
{
	struct heard h;
	CHECKF(hear("第一回\n\n穆公问于蹇叔曰：“秦可霸乎？”\n\n蹇叔对曰：“秦僻在西土。”\n\n穆公曰：“善。”\n\n"
		"蹇叔对曰：“德为本。”\n\n高宗问众卿家：“岳飞当授何职？”宗泽奏道：“岳飞原有旧职。”\n\n"
		"白脸狼马九等说：“咱们混进去。”\n\n马九道：“好。”\n", &h) == 0, "%s", err_msg());
	CHECK(!in_cast(&h, "蹇叔对"));
	CHECK(!in_cast(&h, "宗泽奏"));
	CHECK(!in_cast(&h, "马九等"));
	CHECK_WHO(&h, "秦僻在西土", "蹇叔");
	CHECK_WHO(&h, "德为本", "蹇叔");
	CHECK_WHO(&h, "岳飞原有旧职", "宗泽");
	CHECK_WHO(&h, "咱们混进去", "马九");
	unhear(&h);
}

/* fix16a-3: a one-character tag body ("廖曰") is completed by the surname written before it,
 * but 史 of 内史廖 is always written after 内: the end of a title (内史), so the person is
 * 内史廖. Before: 史廖 entered the cast. */
TEST(novel_fix16a_zh_surname_inside_title)
{
	struct heard h;
	CHECKF(hear("第三回\n\n穆公问于百里奚曰：“戎可图乎？”\n\n百里奚曰：“内史廖多奇智，君可谋之。”\n\n"
		"穆公即召内史廖，告以戎事。\n\n廖曰：“戎主僻处荒徼。”\n\n穆公曰：“善。”\n\n"
		"廖曰：“君试遗之女乐。”\n\n内史廖退。\n", &h) == 0, "%s", err_msg());
	CHECK(!in_cast(&h, "史廖"));
	CHECK_WHO(&h, "戎主僻处荒徼", "内史廖");
	CHECK_WHO(&h, "君试遗之女乐", "内史廖");
	unhear(&h);
}

/* fix16a-4: a preposition or conjunction that some surnames share (向, 和) before a role or
 * kin word is the function word and that person: "向和尚说定" settles it with the monk,
 * "向娘子讨了" asks his wife for, "焦员外和妈妈" is the squire and his wife. Before: 向和尚
 * and 向娘子 entered the cast (and 和妈妈 in the novel this comes from). */
TEST(novel_fix16a_zh_preposition_before_role)
{
	struct heard h;
	CHECKF(hear("第五回\n\n焦员外和妈妈叫丫鬟来分付道：“小官人成亲，房中的事皆在你身上。”\n\n"
		"丫鬟道：“多谢员外妈妈。”\n\n妈妈道：“恁地时，慢慢教他好。”\n\n"
		"周进送到庵里，向和尚说定，馆地就在后门里。\n\n和尚道：“请坐。”\n\n"
		"岳爷即进房去，向娘子讨了几个盘子出来。\n\n娘子道：“盘子在此。”\n", &h) == 0, "%s", err_msg());
	CHECK(!in_cast(&h, "向和尚"));
	CHECK(!in_cast(&h, "向娘子"));
	CHECK(!in_cast(&h, "和妈妈"));
	CHECK_WHO(&h, "请坐", "和尚");
	CHECK_WHO(&h, "盘子在此", "娘子");
	unhear(&h);
}

/* The one spoken to after the subject: "宦官嘗向順帝奏道" is the eunuch's line to the emperor
 * (向/对 + the listener between the subject and the said-verb). Before: 向 was read as a
 * surname, 向順帝 entered the cast and took every line of 順帝 and the eunuch's too. */
TEST(novel_zh_preposition_after_subject_names_the_listener)
{
	struct heard h;
	CHECKF(hear("第一回\n\n順帝坐在殿上，問道：「今日有何事？」\n\n撒敦奏道：「當今天下太平。」\n\n"
		"順帝道：「好。」\n\n璨真嘗向順帝奏道：「陛下尊居九五，富有四海。」\n\n順帝大喜道：「卿言甚是。」\n\n"
		"脫脫對順帝道：「自古帝王皆有改元。」\n\n順帝道：「依卿所奏。」\n", &h) == 0, "%s", err_msg());
	CHECK(!in_cast(&h, "向順帝"));
	CHECK(!in_cast(&h, "脫脫對順帝"));
	CHECK_WHO(&h, "陛下尊居", "璨真");
	CHECK_WHO(&h, "卿言甚是", "順帝");
	CHECK_WHO(&h, "自古帝王", "脫脫");
	CHECK_WHO(&h, "依卿所奏", "順帝");
	unhear(&h);
}
