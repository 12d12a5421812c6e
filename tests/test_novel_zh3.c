/* tests/test_novel_zh3.c — general Chinese speaker and cast rules of branch fixzh2, each on
 * a fresh passage written here: group words and adverbs opening a tag (simplified and
 * traditional), clause pieces that are no names, paragraphs opened by the ideographic
 * indent, a stranger the narration names later, a speaker who gives his own name, the
 * narrator's kin as a tag's subject (我母親道). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* A tag opened by a group word or an adverb of "all" (都, 俱, 皆, 同声, 一齐; 眾人 in
 * traditional print) is a group's: nobody named speaks, and the adverb is no name. */
TEST(novel_zh3_group_adverb_tags)
{
	struct heard h;
	const char *t = "　　白公看着王子谨和刚弼道：“二公以为何如？”俱欠身道：“是。”\n"
		"　　白公又问众人道：“你们都吃月饼么？”同声答道：“都吃的。”\n"
		"　　眾人聽了，都拍手笑道：“好！”\n";
	CHECKF(hear(t, &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "是。", "");
	CHECK_WHO(&h, "都吃的", "");
	CHECK_WHO(&h, "好！", "");
	CHECKF(!in_cast(&h, "俱欠身") && !in_cast(&h, "同声"), "俱欠身 and 同声 are no persons");
	unhear(&h);
}

/* Clause pieces before a said-verb are no names: one that ends with a negation, a
 * conjunction, a measure word or a verb (心里不, 心里想, 差人回), holds the aspect 着
 * (睁着眼) or a group (顾众人); a surname's character that ends the word before it and a
 * one-character title (点钟总, 如何总) is no 钟总. A stranger who comes ("来了一个人") is the
 * 他 after him, not the one named before. */
TEST(novel_zh3_clause_pieces_no_names)
{
	struct heard h;
	const char *t = "　　周进看了卷子，心里不喜道：“这样的文字，都说的是些什么话！”\n"
		"　　差人回禀道：“人已提齐了。”\n"
		"　　老残心里想道：“这事古怪。”\n"
		"　　他便变了脸。睁着眼说，“有许有的。”\n"
		"　　他每天到午后的三四点钟总仍旧是挑了担子回来，如何总不进学？\n";
	CHECKF(hear(t, &h) == 0, "%s", err_msg());
	static const char *const no[] = { "心里不", "差人回", "心里想", "睁着眼", "钟总", "何总", NULL };
	for (int k = 0; no[k]; k++) CHECKF(!in_cast(&h, no[k]), "%s is no person", no[k]);
	unhear(&h);
	t = "　　大哥走了出去。\n"
		"　　忽然来了一个人；年纪不过二十左右，对了我点头。我便问他，“吃人的事，对么？”他仍然笑着说，“不是荒年，怎么会吃人。”\n";
	CHECKF(hear(t, &h) == 0, "%s", err_msg());
	CHECKF(strcmp(who_said(&h, "不是荒年"), "大哥") != 0, "the newcomer, not 大哥, answers");
	unhear(&h);
}

/* A word of address that ends with a verb of saying is no name: "老实说，" ("honestly
 * speaking") opening a sentence of the narrator's own quote, beside "孩儿想" (now no name
 * either), was left the one candidate for the first-person narrator's name, and 我 was
 * renamed 老实说 (in traditional print too: 老實說). */
TEST(novel_zh3_honestly_speaking_is_no_name)
{
	struct heard h;
	const char *t = "　　我见母亲安然无恙，便上前拜见。我母亲道：“谁叫你回来的？”我道：“孩儿想母亲，所以回来了。”\n"
		"　　母亲道：“这话也一言难尽。”我道：“大家都是子孙，谁出多了，都不好。老实说，有了钱，我倒不如拿来孝敬母亲。”\n";
	CHECKF(hear(t, &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "我") && !in_cast(&h, "老实说"), "the narrator stays 我");
	CHECK_WHO(&h, "大家都是子孙", "我");
	unhear(&h);
	t = "　　我見母親安然無恙，便上前拜見。我母親道：「誰叫你回來的？」我道：「孩兒想母親，所以回來了。」\n"
		"　　母親道：「這話也一言難盡。」我道：「大家都是子孫，誰出多了，都不好。老實說，有了錢，我倒不如拿來孝敬母親。」\n";
	CHECKF(hear(t, &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "我") && !in_cast(&h, "老實說"), "the narrator stays 我 (traditional)");
	CHECK_WHO(&h, "大家都是子孫", "我");
	unhear(&h);
}

/* A text whose paragraphs are single lines opened by "　　" keeps them apart though one
 * blank line (a site's footer) stands somewhere: the quote lines stay paragraphs of their
 * own, so the exchange alternates and the tag of one paragraph is not read for another. */
TEST(novel_zh3_indent_opens_paragraph)
{
	struct heard h;
	const char *t = "　　周平坐在窗下看书。\n"
		"　　“你来了？”周平说。\n"
		"　　“来了。”李梅说。\n"
		"　　“坐罢。”\n"
		"　　“不坐了。”\n"
		"\n"
		"　　天黑了。\n";
	CHECKF(hear(t, &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "坐罢", "周平");
	CHECK_WHO(&h, "不坐了", "李梅");
	unhear(&h);
}

/* A woman who speaks before the narration names her is the stranger placeholder; when the
 * narration then says "她姓陈，名叫二妹" of her, every line of hers is 陈二妹's. */
TEST(novel_zh3_stranger_named_later)
{
	struct heard h;
	const char *t = "　　我住在楼上的小房里。有一天她下了工走上楼来，停在我的门口。\n"
		"　　“你天天看的是什么书？”她问我说。\n"
		"　　“我并不在看书。”我说。\n"
		"　　“你有朋友么？”她又问。\n"
		"　　“朋友是有的。”我说。\n"
		"　　从这一回之后，我从她自家的口里听得，知道她姓陈，名叫二妹，是苏州东乡人。\n"
		"　　“我明天还要上工。”二妹说。\n";
	CHECKF(hear(t, &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你天天看的", "陈二妹");
	CHECK_WHO(&h, "你有朋友么", "陈二妹");
	CHECK_WHO(&h, "朋友是有的", "我");
	CHECKF(!in_cast(&h, "陌生女子"), "the stranger is 陈二妹 once named");
	unhear(&h);
	/* a name that has spoken before is someone else: no join */
	t = "　　“你好。”陈二妹说。\n"
		"　　她走了以后，楼梯上又上来一个人。\n"
		"　　“这是谁的房？”她问我说。\n"
		"　　“是我的。”我说。\n"
		"　　我后来才知道她叫陈二妹的表姐。\n";
	CHECKF(hear(t, &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你好", "陈二妹");
	unhear(&h);
}

/* "小人叫王辅庭" in an answer whose tag names no one (答称：): the answer is 王辅庭's, named by
 * himself, not the one turn-taking would give it to; a tag that names its speaker wins. */
TEST(novel_zh3_speaker_gives_own_name)
{
	struct heard h;
	const char *t = "　　白公坐了堂，贾幹跪在下面。\n"
		"　　白公道：“你告的是谁？”贾幹道：“告的是魏家。”白公道：“知道了。下去！”\n"
		"　　又说：“传四美斋来。”白公问道：“你叫什么？你是四美斋的甚么人？”答称：“小人叫王辅庭，在四美斋掌柜。”"
		"问：“做了多少斤？”答：“做了二十斤。”\n"
		"　　王辅庭磕了一个头。\n";
	CHECKF(hear(t, &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "小人叫王辅庭", "王辅庭");
	unhear(&h);
	t = "　　张三和王辅庭都站在门口。\n"
		"　　“他叫什么？”张三问。\n"
		"　　张三笑道：“我叫王辅庭，你不认得？”\n";
	CHECKF(hear(t, &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "我叫王辅庭", "张三");
	unhear(&h);
}

/* In a first-person text "我母親道" / "我的嬸娘道" is the narrator's mother or aunt
 * speaking, not the narrator (traditional or simplified); a bare "我道" stays his. */
TEST(novel_zh3_my_kin_speaks)
{
	struct heard h;
	const char *t = "　　我見母親安然無恙，便上前拜見。母親道：「誰叫你回來的？」我道：「只有回信是收到的。」"
		"我母親道：「這封信發了半個月了，怎麼還沒有收到？」我道：「不知道。」\n"
		"　　嬸娘道：「好是好的。」我的嬸娘又道：「且把這些冤鬼打發開了再說罷。」\n";
	CHECKF(hear(t, &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "這封信發了", "母親");
	CHECK_WHO(&h, "不知道", "我");
	CHECK_WHO(&h, "且把這些", "嬸娘");
	unhear(&h);
}
