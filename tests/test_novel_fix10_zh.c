/* tests/test_novel_fix10_zh.c — traditional characters in the forms older and Hong Kong
 * printings write (説 for 說, 裏 for 裡, 爲 for 為, 歎 for 嘆) read like the simplified ones
 * (data/story_import/zh_fold.txt, scripts/zh_fold_table.py), 雲 kept apart from the
 * classical said-verb 云, and of two traditional characters of one simplified form the one
 * the text writes most folded (story/novel_fold_zh.c). Each test fails on the code before
 * its change. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"
#include "story/story.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix10-1: 説, 裏, 爲 and 歎 are glyphs of 說, 裡, 為 and 嘆 (Unihan kZVariant, and
 * kSemanticVariant by Hong Kong's glyph standard): "李四説" and "李四歎道" tag him as
 * "李四說" does, and the cast and lines come back in the text's own characters (before:
 * 説 was no said-verb and the two men's lines went by turns from a wrong start). */
TEST(novel_fix10_zh_variant_glyphs_read_as_their_character)
{
	struct heard h;
	CHECKF(hear("茶館\n\n這一天，李四、張三一同走進茶館，在窗戶那裏坐下。王掌櫃正在櫃檯裏看賬。\n\n"
		"「今天人多不多？」李四説。\n\n"
		"「人多人少，與你何干？」張三説。\n\n"
		"「我不過問一聲罷了。」李四歎道。\n\n"
		"「不多，您二位來得正好。」王掌櫃説。\n\n"
		"「那就一壺龍井。」張三説。\n\n"
		"「您爲甚麼總坐這裏？」王掌櫃説。\n\n"
		"「這裏看得見街上的人。」李四歎道。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "今天人多不多", "李四");
	CHECK_WHO(&h, "人多人少", "張三");
	CHECK_WHO(&h, "我不過問一聲罷了", "李四");
	CHECK_WHO(&h, "不多，您二位來得正好", "王掌櫃");
	CHECK_WHO(&h, "那就一壺龍井", "張三");
	CHECK_WHO(&h, "您爲甚麼總坐這裏", "王掌櫃");
	CHECK_WHO(&h, "這裏看得見街上的人", "李四");
	CHECKF(!in_cast(&h, "李四説") && !in_cast(&h, "張三説"), "説 is a verb, not part of a name");
	unhear(&h);
}

/* fix10-2: 雲 is never the classical "says" 云, so a name written with it (雲岫) is a name
 * and its tags are tags, even in a text that also writes 云 itself (古人云). Fails when the
 * table folds 雲 to 云 (with fix10-3's fold of the most written form, "雲岫道" lost its
 * speaker; before fix10-3 this text kept 雲 only because it writes 云 too). */
TEST(novel_fix10_zh_cloud_is_no_said_verb)
{
	struct heard h;
	CHECKF(hear("書房\n\n這一天，我到伯父家裏去，伯父不在，古人云「不在其位」，只有雲岫一個人在書房裏看書。\n\n雲岫道：「你來了，坐罷。」\n\n"
		"我道：「伯父到哪裏去了？」\n\n雲岫道：「到衙門裏去了，說是晚上纔回來。」\n\n我道：「那麼我明天再來。」\n\n"
		"雲岫道：「明天他也未必在家。」\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你來了，坐罷", "雲岫");
	CHECK_WHO(&h, "到衙門裏去了", "雲岫");
	CHECK_WHO(&h, "明天他也未必在家", "雲岫");
	CHECK_WHO(&h, "伯父到哪裏去了", "我");
	unhear(&h);
}

/* fix10-3: a text that writes 裡 eleven times and 裏 once folds 裡 (the one it writes most)
 * and keeps 裏 as written; one that writes 里 itself (三里路) beside its 裡 folds 裡 too and
 * gives both back as written (before: neither was folded, 屋裡 and 心裡 were read as names'
 * pieces, and nothing of the rules for 里 applied). */
TEST(novel_fix10_zh_most_written_traditional_form_folds)
{
	struct heard h;
	const char *text = "村中\n\n這一天，張三從城裡回來，走了三里路，一進屋裡就坐下了。李四正在屋裡，心裡有事。\n\n"
		"李四說：「你從城裡回來，聽見甚麼沒有？」\n\n張三說：「城裏的事，我一點也不知道。」\n\n"
		"李四心裡想了一想，說：「那我明天到城裡去一趟。」\n\n張三說：「城裡人多，你自己小心。」\n\n"
		"李四說：「這個我知道，你在家裡等我。」\n";
	CHECKF(hear(text, &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你從城裡回來，聽見甚麼沒有", "李四");
	CHECK_WHO(&h, "城裏的事，我一點也不知道", "張三");
	CHECK_WHO(&h, "那我明天到城裡去一趟", "李四");
	CHECK_WHO(&h, "城裡人多，你自己小心", "張三");
	CHECKF(!in_cast(&h, "心裡") && !in_cast(&h, "心里") && !in_cast(&h, "李四心裡"), "心裡 is no person");
	unhear(&h);
	/* byte for byte: what comes back is the text's own characters (里 of 三里路 too) */
	char *copy = xstrdup(text);
	struct nov_unfold *u = NULL;
	CHECKF(nov_zh_fold(copy, &u) == 0 && u, "the text is folded: %s", err_msg());
	CHECKF(strstr(copy, "城里回来") && !strstr(copy, "三里路"), "裡 folds to 里, the text's own 里 moves aside");
	nov_zh_unfold(u, &copy);
	CHECKF(!strcmp(copy, text), "the text comes back as written");
	nov_unfold_free(u);
	free(copy);
}
