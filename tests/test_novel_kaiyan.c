/* tests/test_novel_kaiyan.c — 開言 ("opened his mouth") before a said-verb is no name: in
 * 飛龍全傳 (tests/prose/pd_dev15) "開言問道" and "开言叫道" opened tags whose subject was left
 * out, and 開言 became a character (zh_not_names, data/story_import/import.json, beside 开口;
 * the list is simplified: a traditional text is matched folded, as that chapter is). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

TEST(novel_kaiyan_is_no_name)
{
	struct heard h;
	CHECKF(hear_in("zh", "一\n\n匡胤在店中坐着，见一个老人进来。\n\n匡胤心中想道：「待我细细盘他，便知分晓。」开言问道：「老人家，此处何名？」\n\n"
		"老人道：「此处唤作黄土坡。」\n\n匡胤道：「主意定了。」开言叫道：「多謝了。」\n\n老人道：「不敢。」\n", &h) == 0, "%s", err_msg());
	CHECK(!in_cast(&h, "开言"));
	CHECK_WHO(&h, "老人家", "匡胤");
	unhear(&h);
}
