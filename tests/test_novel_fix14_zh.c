/* tests/test_novel_fix14_zh.c — Chinese tags of books nobody tuned on (pd_dev11): classical
 * prose names a person in a tag by the last character of the name alone, also where what
 * comes before it is a rank or a monk's name and no surname. Each test fails on the code
 * before its change. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix14-1: "縶曰" is 公子縶 (公子 a rank, no surname) and "能曰" is 惠能 (a monk's name): the
 * one known name that ends in that character. Before: the quotes after "縶曰" went to 蹇叔, the one
 * who had just spoken. */
TEST(novel_fix14_zh_given_name_alone_after_a_rank)
{
	struct heard h;
	CHECKF(hear("第二十六回\n\n穆公乃遣公子縶聘蹇叔於宋。公子縶至鳴鹿村。\n\n"
		"蹇叔曰：「子何人也？」縶曰：「吾秦使也。」\n\n"
		"蹇叔曰：「何為至此？」縶曰：「寡君望先生之臨。」\n\n"
		"公子縶拜而言曰：「願先生往。」\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "子何人也", "蹇叔");
	CHECK_WHO(&h, "吾秦使也", "公子縶");
	CHECK_WHO(&h, "寡君望先生之臨", "公子縶");
	CHECK_WHO(&h, "願先生往", "公子縶");
	unhear(&h);
	CHECKF(hear("行由品\n\n惠能至黄梅，礼拜五祖。惠能曰：“弟子自岭南来。”\n\n"
		"祖曰：“汝何方人？欲求何物？”能曰：“弟子是岭南新州百姓，惟求作佛。”\n\n"
		"祖曰：“汝是岭南人，又是獦獠，若为堪作佛？”能曰：“人虽有南北，佛性本无南北。”\n\n"
		"惠能退至后院。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "弟子自岭南来", "惠能");
	CHECK_WHO(&h, "弟子是岭南新州百姓", "惠能");
	CHECK_WHO(&h, "人虽有南北", "惠能");
	unhear(&h);
}

/* fix14-2: one who introduces himself in full ("我姓董名士宏", "奴家姓陶，名幼芳") says that
 * quote, whatever the tag before it ("那人说", a role word "那女子道") or turn-taking gave
 * it to; a name no one has used yet joins the cast whole (陶幼芳). Before: the first went to
 * nobody ("那人" is no one named), the second to 女子. */
TEST(novel_fix14_zh_speaker_introduces_self_in_full)
{
	struct heard h;
	CHECKF(hear("第二回\n\n董士宏在街上走，心中烦闷。董士宏到了孙宅门前。\n\n"
		"孙成说：“老兄贵姓？”那人说：“我姓董名士宏，本钱塘人氏，在这里等人。”\n\n"
		"家人说：“董爷你跟我来。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "老兄贵姓", "孙成");
	CHECK_WHO(&h, "我姓董名士宏", "董士宏");
	unhear(&h);
	CHECKF(hear("第十二卷\n\n蒋震卿走到门外，只见一个女子立在那里。\n\n"
		"蒋震卿问道：“你是何人？”那女子道：“奴家姓陶，名幼芳，就是昨日主人翁之女。”\n\n"
		"蒋震卿道：“原来如此。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你是何人", "蒋震卿");
	CHECK_WHO(&h, "奴家姓陶", "陶幼芳");
	CHECKF(in_cast(&h, "陶幼芳"), "陶幼芳 named herself");
	unhear(&h);
}

/* fix14-2b: an answer others give twice ("不差。", "quite so") is no name the quotes call
 * the narrator by. Before: the narrator 我 was renamed 不差 once the answers went to two
 * speakers who were not he. */
TEST(novel_fix14_zh_answer_is_no_narrator_name)
{
	struct heard h;
	CHECKF(hear("第三回\n\n我在门口等着，孙成和董士宏站在街上。\n\n"
		"孙成说：“老兄五十二岁吗？”董士宏说：“不差。”\n\n"
		"孙成又说：“五月初五日生辰吗？”董士宏说：“不差。”\n\n"
		"我说：“你们进去吧。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "老兄五十二岁吗", "孙成");
	CHECKF(!in_cast(&h, "不差"), "不差 is an answer, no one's name");
	unhear(&h);
}
