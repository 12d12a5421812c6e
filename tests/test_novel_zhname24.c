/* tests/test_novel_zhname24.c — a name that only one speech tag gives, glued to what its
 * bearer does before speaking ("许亮叩头道", "香菱嘻嘻的笑道"): the body of that tag opens
 * with the name, which the text writes three times or more and acts on (叫许亮, 对许亮), so it
 * is a person (zh_name_acting, novel_names_zh.c); an adverb or a kind of person opening such
 * a tag is none. The first test fails on the code before the rule. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* zhname24-1: 许亮 tags one quote, as "许亮叩头道"; the narration writes 叫许亮 and 对许亮.
 * Before: no body gave 许亮 (the counts of bodies cut none of one tag) and his line went to
 * 白公, who spoke last. */
TEST(novel_zhname24_name_acting_before_the_tag)
{
	struct heard h;
	CHECKF(hear("一\n\n白公问道：“差人里谁还好？”\n\n子谨答道：“有个许亮还好。”\n\n"
		"白公便叫许亮上来。白公对许亮说了案情，又道：“限你一个月。”\n\n"
		"许亮叩头道：“不敢。”\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "许亮"));
	CHECK_WHO(&h, "不敢", "许亮");
	unhear(&h);
}

/* zhname24-2: the other side: an adverb opening a lone tag body ("恰好扈桥喘吁吁地跑来，说道")
 * and a kind of person the text writes after 一个 ("巡警走近我道", 一个巡警) are no names. */
TEST(novel_zhname24_adverb_or_kind_is_no_name)
{
	struct heard h;
	CHECKF(hear("一\n\n恰好他来了。我见他恰好也在。恰好扈桥跑来道：“大家都到了！”\n\n"
		"街上走出一个巡警。我把信交给巡警，巡警看了。巡警走近我道：“你是谁？”\n", &h) == 0, "%s", err_msg());
	CHECK(!in_cast(&h, "恰好"));
	CHECK(!in_cast(&h, "巡警走"));
	CHECK(!in_cast(&h, "巡警"));
	unhear(&h);
}
