/* tests/test_novel_fix20b_zh.c — the focus of this file is a surname's character that closes a
 * two-character word with the one written before it (nov_zh_word2, libfriso's lexicon): 付 of
 * "分付鹘渌" ("ordered 鹘渌"), 孙 of "王孙公子" (a noble's son) open no name there, so neither
 * 付鹘渌 nor 孙公子 is a character (fix20b-1, fix20b-2, fail before the word check of
 * given_names in novel_zh.c and of the name-and-title loop of nov_names_zh); a surname
 * after a character it makes no word with still opens one (fix20b-3, a guard). A third-person
 * story whose narration writes 我 only in speech the quote marks left out or in the
 * storyteller's asides ("我道游者流也，……") has no narrator 我 (fix20b-4, fails before
 * zh_own_tag in nov_find_narrator); a first-person story's short tags ("我说。", "我摇摇头，“")
 * still make one (fix20b-5, a guard). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix20b-0: the lexicon itself (friso-dict is one of install-deps.sh's packages) */
TEST(novel_fix20b_zh_words)
{
	CHECK(nov_zh_word2("分付"));
	CHECK(nov_zh_word2("王孙公子"));
	CHECK(!nov_zh_word2("叫孙"));
	CHECK(!nov_zh_word2("分"));   /* (one character: no word of two) */
	CHECK(!nov_zh_word2("ab"));
}

/* fix20b-1: "欧滁山分付鹘渌": the master orders the servant 鹘渌; before, the given-name rule
 * read 付 as a surname and 付鹘渌 as the servant's full name, who then had his lines. */
TEST(novel_fix20b_zh_verb_then_name)
{
	struct heard h;
	CHECKF(hear("欧滁山到了真定，分付鹘渌在人前说他是名士。\n\n"
		"欧滁山坐在店里，又分付鹘渌，叫他去取些热菜来。鹘渌答应一声去了。\n\n"
		"欧滁山道：“酒要烫得热热的。”\n\n"
		"鹘渌道：“晓得。”\n\n"
		"鹘渌早取了热菜，摆上一桌。鹘渌笑道：“相公请用。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "付鹘渌"), "付鹘渌 is no one: 分付 is the verb");
	CHECK_WHO(&h, "晓得", "鹘渌");
	CHECK_WHO(&h, "相公请用", "鹘渌");
	unhear(&h);
}

/* fix20b-2: "王孙公子" is a kind of young man; before, 孙 and the title 公子 made 孙公子. */
TEST(novel_fix20b_zh_word_then_title)
{
	struct heard h;
	CHECKF(hear("从来王孙公子要讨美妾的，都来寻他。\n\n"
		"张三道：“这事难办。”\n\n"
		"李四道：“不难。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "孙公子"), "孙公子 is no one: 王孙 is a word");
	CHECK_WHO(&h, "这事难办", "张三");
	unhear(&h);
}

/* fix20b-3: the guard: "叫孙公子" (叫孙 is no word) names 孙公子, who speaks. */
TEST(novel_fix20b_zh_name_after_a_verb_stays)
{
	struct heard h;
	CHECKF(hear("张三叫孙公子来。\n\n"
		"孙公子道：“何事？”\n\n"
		"张三道：“喝酒。”\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "孙公子"));
	CHECK_WHO(&h, "何事", "孙公子");
	unhear(&h);
}

/* fix20b-4: a storyteller's aside right after a quoted word ("世人称他“游客”。我道游者流也，……")
 * and one more 我 of the storyteller's: before, that segment opening with 我 beside a quote
 * was read as the narrator's own tag and made 我 a character of a third-person story. */
TEST(novel_fix20b_zh_no_narrator_from_an_aside)
{
	struct heard h;
	CHECKF(hear("张三道：“今日往城里去。”\n\n"
		"李四道：“去罢。”\n\n"
		"世人称他们作“游客”。我道游者流也，客者民也，大抵如此。\n\n"
		"张三道：“好。”\n\n"
		"我常想古今豪杰，只有几个。\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "我"), "no narrator 我 in a third-person story");
	CHECK_WHO(&h, "去罢", "李四");
	unhear(&h);
}

/* fix20b-5: the guard: a first-person story that writes 我 seldom in its narration but tags
 * its own lines ("我说。", "我摇摇头，“") has its narrator. */
TEST(novel_fix20b_zh_narrator_by_short_tags)
{
	struct heard h;
	CHECKF(hear("船到了河中间，撑船的老汉问我：“后生，你是去城里做工的吧？”\n\n"
		"“不是。”我摇摇头，“我是去找我哥的。”\n\n“你哥在城里？”\n\n"
		"“三年前去的。”我说。\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "我"), "the narrator 我 is in the cast");
	CHECK_WHO(&h, "不是", "我");
	CHECK_WHO(&h, "三年前去的", "我");
	unhear(&h);
}
