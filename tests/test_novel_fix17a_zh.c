/* tests/test_novel_fix17a_zh.c — Chinese speech tags of classical and late-imperial novels
 * (fix17a_zh). fix17a-1: a known name holding a said-verb's character (道 of 道衍, 道子,
 * 黃道官) before the tag's verb: the verb is the one after the name ("道衍曰：", "黃道官道："),
 * the name is the speaker. It fails on the code before zh_said_past_names, where the 道 of
 * the name was read as the verb and the tag had no subject. fix17a-2: 曰 after a surname
 * alone ends no name (stop2 of novel_names_zh.c); it fails before 曰 was one of stop2.
 * fix17a-3: a role noun that no cast member goes by, opening a tag, is someone unnamed
 * (nov_zh_subject); it fails before that check. fix17a-4: the one a tag names as spoken to
 * (对/向/问/谓 and a name) is not the speaker (zh_tag_named_listener); it fails before.
 * fix17a-5: fix17a-1's 道 in a name not yet known (王道台道：); it fails before. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix17a-1: 道衍曰 after another's line. Before: 燕王 had every line. */
TEST(novel_fix17a_zh_name_holds_said_verb)
{
	struct heard h;
	CHECKF(hear("燕王在府中，召道衍入見。道衍至，燕王大喜。道衍笑曰：「臣有一計。」\n"
		"　　燕王謂道衍曰：「吾欲舉事，何如？」道衍曰：「為時尚早，大王且待之。」燕王曰：「待至何時？」"
		"道衍曰：「待其自亂。」燕王曰：「善。」\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "為時尚早", "道衍");
	CHECK_WHO(&h, "待其自亂", "道衍");
	CHECK_WHO(&h, "待至何時", "燕王");
	unhear(&h);
	/* (the name's 道 in the middle of a full name, and the verb 道 after it) */
	CHECKF(hear("那黃道官坐在堂上，夏鼎站在階下。黃道官笑道：「你來了。」\n"
		"　　夏鼎道：「銀子已送去了。」黃道官道：「送去幾兩？」夏鼎道：「五兩。」黃道官道：「還不夠哩。」\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "送去幾兩", "黃道官");
	CHECK_WHO(&h, "還不夠哩", "黃道官");
	CHECK_WHO(&h, "五兩", "夏鼎");
	unhear(&h);
}

/* fix17a-2: a surname written alone before the classical said-verb, opening three clauses
 * ("余曰：") is that one speaking, never a person named 余曰 (a non-person in the cast).
 * Before: 余曰 was a cast member with a line. */
TEST(novel_fix17a_zh_yue_ends_no_name)
{
	struct heard h;
	CHECKF(hear("客自遠方來，坐於堂上，久之不語。\n"
		"　　余曰：「客從何來？」客曰：「從山中來。」余曰：「山中何所有？」客笑曰：「白雲而已。」"
		"余曰：「可得而見乎？」客曰：「不可。」\n", &h) == 0, "%s", err_msg());
	CHECK(!in_cast(&h, "余曰"));
	CHECK_WHO(&h, "從山中來", "客");
	unhear(&h);
}

/* fix17a-3: a role noun no cast member goes by opening the tag ("那婆子道：") is someone the
 * text leaves unnamed: nobody named. Before: the line went to the one whose turn it was, here
 * the one who had just asked the question (秋纹). */
TEST(novel_fix17a_zh_unnamed_role_speaks)
{
	struct heard h;
	CHECKF(hear("宝玉和秋纹在房里说话，宝玉笑问秋纹今儿谁来。\n"
		"　　秋纹道：“不知道。”宝玉道：“你去问问。”秋纹便问：“明儿是谁带匠人来监工？”"
		"那婆子道：“是后廊上的芸二爷。”宝玉道：“知道了。”秋纹道：“去罢。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "是后廊上的芸二爷", "");
	CHECK_WHO(&h, "明儿是谁带匠人", "秋纹");
	CHECK_WHO(&h, "知道了", "宝玉");
	unhear(&h);
}

/* fix17a-4: the one a tag speaks to by name ("说着，回头又向安公子道：") is not its speaker;
 * a tag that leaves its subject out goes on with the one who spoke last. Before: turn-taking
 * gave the line to 安公子, the one spoken to. */
TEST(novel_fix17a_zh_listener_not_speaker)
{
	struct heard h;
	CHECKF(hear("十三妹坐在上首，安公子站在窗下，张金凤坐在一旁。十三妹看了安公子一眼。\n"
		"　　安公子道：“姑娘有何吩咐？”\n"
		"　　十三妹指着他向张金凤道：“你看他这个样儿，可还像个读书人么？”\n"
		"　　说着，回头又向安公子道：“你也听着。”\n"
		"　　安公子道：“是。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你也听着", "十三妹");
	CHECK_WHO(&h, "是。", "安公子");
	unhear(&h);
}

/* fix17a-5: the same 道 in a name the text has not yet made known (王道台, a title with 道,
 * tags "王道台道：" only): a tag body keeps a 道 among its last three characters, and before
 * the names are known 道 and one or two characters before a said-verb ending the sentence
 * is no verb. Before: 王道台 was no cast member and 陶子尧 had every line. */
TEST(novel_fix17a_zh_unknown_name_holds_said_verb)
{
	struct heard h;
	CHECKF(hear("王道台坐在签押房里，陶子尧站在一旁回话。\n"
		"　　陶子尧道：“卑职已经把电报发出去了。”王道台道：“几时发的？”陶子尧道：“昨儿晚上。”王道台道：“好。”\n", &h) == 0,
		"%s", err_msg());
	CHECK(in_cast(&h, "王道台"));
	CHECK_WHO(&h, "几时发的", "王道台");
	CHECK_WHO(&h, "昨儿晚上", "陶子尧");
	unhear(&h);
}
