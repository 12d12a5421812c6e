/* tests/test_novel_fix17b_zh.c — the focus of this file is the subject of a Chinese speech
 * tag: a name and 等 ("and the others": "张让等……共议曰") is a group, nobody named (fix17b-1;
 * fails on the code before zh_and_others), while 等 the verb "wait" after a name names that one
 * (fix17b-2); one known only by a station (内侍, 书吏) speaks as nobody named (fix17b-3, fails
 * before zh_nameless_opens; fix17b-4 its guards); a said-verb's character inside a known name
 * (道衍曰, 杜遵道说) is no verb (fix17b-5, fails before the said-verb was read past known names, zh_said_past_names). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix17b-1: "张让等知外兵到，共议曰": 张让 and the others speak together. */
TEST(novel_fix17b_zh_name_and_others)
{
	struct heard h;
	CHECKF(hear("张让在宫中，张让道：“大将军来了么？”\n\n"
		"段珪道：“还不曾来。”\n\n"
		"张让笑道：“且等他。”\n\n"
		"何进入宫，何进道：“你等何在？”\n\n"
		"张让道：“在此。”\n\n"
		"张让等知外兵到，共议曰：“此何进之谋也，我等先下手。”\n\n"
		"何进大怒道：“阉贼安敢！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "此何进之谋也", "");
	CHECK_WHO(&h, "在此", "张让");
	CHECK_WHO(&h, "阉贼安敢", "何进");
	unhear(&h);
}

/* fix17b-2: 等 the verb after a name: "张让等了半日，说道" is 张让's own line. */
TEST(novel_fix17b_zh_name_waits)
{
	struct heard h;
	CHECKF(hear("张让在宫中，张让道：“大将军来了么？”\n\n"
		"段珪道：“还不曾来。”\n\n"
		"何进入宫，何进道：“你等何在？”\n\n"
		"张让等了半日，说道：“此何进之谋也。”\n\n"
		"何进大怒道：“阉贼安敢！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "此何进之谋也", "张让");
	unhear(&h);
}

/* fix17b-3: one the narration knows only by a station (内侍, 书吏: data zh_nameless_roles)
 * opens the tag's clause, or the topic chain before the verb ("内侍忙去看视，回来奏道"): that
 * one speaks, nobody named. Before (zh_nameless_opens): the tag went back to the sentence
 * before, or to the turn-taking, and gave the lines to 顺帝 and 脱脱. */
TEST(novel_fix17b_zh_nameless_station)
{
	struct heard h;
	CHECKF(hear("顺帝坐在殿上，脱脱奏道：“臣有一事。”\n\n"
		"顺帝道：“卿且说来。”\n\n"
		"脱脱道：“臣也不知何事。”\n\n"
		"顺帝惊问道：“何处响亮？”内侍忙去看视，回来奏道：“是清德殿塌了一角。”顺帝听罢，书吏回说：“殿下地陷一穴。”\n\n"
		"顺帝大惊道：“大是不祥！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "是清德殿塌了一角", "");
	CHECK_WHO(&h, "殿下地陷一穴", "");
	CHECK_WHO(&h, "大是不祥", "顺帝");
	CHECK(!in_cast(&h, "内侍"));
	unhear(&h);
}

/* fix17b-4: the guards of fix17b-3: a name opening a later clause takes the topic over the
 * station ("差人带了李四进来，张三跪下道"), so does one brought in after it ("衙役放开一条路，
 * 让张三出去，……急叫道"), and "一个人也没有" (no one) is no one who speaks. */
TEST(novel_fix17b_zh_nameless_station_guards)
{
	struct heard h;
	CHECKF(hear("知县王法升堂，王法道：“带张三上来。”\n\n"
		"张三道：“老爷，小人在此。”\n\n"
		"王法道：“你可知罪？”\n\n"
		"张三道：“小人不知。”\n\n"
		"差人带了李四进来，张三跪下道：“小人冤枉。”\n\n"
		"王法道：“你有何冤？”\n\n"
		"张三看了一看，一个人也没有，就低声说道：“小人实是冤枉。”王法道：“退下。”只见衙役放开一条路，让张三出去，将到门边，急叫道：“多谢老爷！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "小人冤枉", "张三");
	CHECK_WHO(&h, "小人实是冤枉", "张三");
	CHECK_WHO(&h, "多谢老爷", "张三");
	unhear(&h);
}

/* fix17b-5: a known name that holds a said-verb's character (道衍, whose 道 opens it; 杜遵道,
 * whose 道 ends it before 说) keeps it: the tag's verb is the one after the name (zh_said_past_names in
 * novel_tags_zh.c). Before: "道衍曰" read 道 as the verb with no subject, and the lines went to
 * 燕王 who spoke before in the paragraph; "杜遵道说" made a name 杜遵. */
TEST(novel_fix17b_zh_verb_char_in_name)
{
	struct heard h;
	CHECKF(hear("燕王府中有一僧，名叫道衍，是燕王的军师。又有一将，名叫杜遵道。\n\n"
		"燕王坐于殿上，道衍入见。燕王曰：“军师来了。”道衍曰：“大王何忧？”燕王曰：“朝廷欲削藩。”道衍曰：“此天意也。”\n\n"
		"燕王召众将商议。燕王问：“谁可迎敌？”只见杜遵道说：“臣愿往。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "大王何忧", "道衍");
	CHECK_WHO(&h, "此天意也", "道衍");
	CHECK_WHO(&h, "朝廷欲削藩", "燕王");
	CHECK_WHO(&h, "臣愿往", "杜遵道");
	CHECK(!in_cast(&h, "杜遵"));
	unhear(&h);
}

/* fix17b-6: words for taking up the talk (接口, 开口) and 许多人 ("many people") opening a
 * tag are no names (data zh_not_names). Before: 接口 entered the cast (and 许多人 did in 孙家振's
 * 仙侠五花剑 15-17). */
TEST(novel_fix17b_zh_jiekou_no_name)
{
	struct heard h;
	CHECKF(hear("黄衫客坐在旁边，黄衫客道：“壮士好胆量。”\n\n"
		"云龙道：“道长过奖。”\n\n"
		"黄衫客听了，也觉肃然起敬，又想虬髯方才那番话，正是一对佳偶。因接口道：“听壮士之言，令人钦佩。”\n\n"
		"云龙道：“道长有何见谕？”\n\n"
		"后面许多人喊声“不好”，叫道：“快些放箭。”许多人叫道：“拿刺客！”\n", &h) == 0, "%s", err_msg());
	CHECK(!in_cast(&h, "接口"));
	CHECK(!in_cast(&h, "许多人"));
	CHECK_WHO(&h, "道长有何见谕", "云龙");
	unhear(&h);
}
