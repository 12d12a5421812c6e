/* tests/test_novel_zhsame24.c — the Chinese "same paragraph" step (novel_speak.c): where the
 * narration between two quotes of one paragraph is a tag that names no one known, the quote
 * went to the one who spoke the quote before (right 59% of the time on the development texts).
 * Three tag grammars that say otherwise: a bare said-verb between the quotes hands the talk over
 * (zh_bare_said), a said-verb with "；" where "：" belongs leads into the quote after it
 * (zh_said_semicolon), and so does a said-verb with a count of words ("连说着“……”", "说了一
 * 句“……”", zh_inline_said). Each test of a rule fails on the code before it. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* zhsame24-1: 「……」說：「……」 in a judge's questioning (施公案 119): the bare 说 between two
 * quotes is the one questioned answering, not the judge going on. Before: both answers were
 * the judge's (the same paragraph's speaker). */
TEST(novel_zhsame24_bare_said_verb_hands_over)
{
	struct heard h;
	CHECKF(hear("一\n\n冯大生跪在堂下。冯大生道：“小人冤枉！”\n\n"
		"施公问道：“你几时出的门？”说：“四更出的门。”施公道：“谁同你去的？”说：“小人独自去的。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你几时出的门", "施公");
	CHECK_WHO(&h, "四更出的门", "冯大生");
	CHECK_WHO(&h, "谁同你去的", "施公");
	CHECK_WHO(&h, "小人独自去的", "冯大生");
	unhear(&h);
}

/* zhsame24-2: the other side: 又说 (said again) goes on with the same one, and so does a
 * verb of calling out (叫：), which the same one adds to his words. */
TEST(novel_zhsame24_said_again_goes_on)
{
	struct heard h;
	CHECKF(hear("一\n\n冯大生跪在堂下。冯大生道：“小人冤枉！”\n\n"
		"施公问道：“你几时出的门？”又说：“不许说谎！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "不许说谎", "施公");
	unhear(&h);
}

/* zhsame24-3: "继之笑着道；“……”" (二十年目睹之怪现状 39): a semicolon typed for the colon
 * after a said-verb leads into the quote. Before: no tag was read, and the line went to the
 * one who spoke the quote before in the paragraph. */
TEST(novel_zhsame24_semicolon_for_colon_leads_in)
{
	struct heard h;
	CHECKF(hear("一\n\n继之说：“你几时动身？”我说：“明天。”\n\n"
		"春兰道：“老爷回来了。”我连忙过去，到书房里相见。继之笑着道；“辛苦，辛苦！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "老爷回来了", "春兰");
	CHECK_WHO(&h, "辛苦，辛苦", "继之");
	unhear(&h);
}

/* zhsame24-4: "王子谨连说着“……”" (风波 9: "九斤老太……连说着“一代不如一代”"), "只说了一句“……”":
 * a said-verb, an aspect word and a count of words lead into the quote with no colon; its
 * subject speaks. Before: no tag was read, and the lines went to the judge, who spoke the
 * quote before in the paragraph. */
TEST(novel_zhsame24_said_with_a_count_leads_in)
{
	struct heard h;
	CHECKF(hear("一\n\n王子谨道：“卑职不敢。”\n\n白公道：“你去罢。”王子谨连说着“不敢，不敢”，退了出去。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你去罢", "白公");
	CHECK_WHO(&h, "不敢，不敢", "王子谨");
	unhear(&h);
	CHECKF(hear("一\n\n王子谨道：“卑职不敢。”\n\n白公道：“你去罢。”王子谨低着头，只说了一句“卑职遵命”，便退了出去。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "卑职遵命", "王子谨");
	unhear(&h);
}
