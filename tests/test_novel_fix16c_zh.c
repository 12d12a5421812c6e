/* tests/test_novel_fix16c_zh.c — names the Chinese importer never found. fix16c-1: the subject
 * that opens the first clause of a tag whose said-verb stands in a clause of its own with no
 * subject ("张老听了，说道：", zh_first_clause_names) is a name when a surname opens it; it
 * fails on the code before it. fix16c-2 holds its guards: a surname's character that opens a
 * word (高兴) or the head of a longer word (王大 of 王大喜) is no one (it fails with the
 * head-word guard, zh_next_mostly, taken out). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix16c-1: 张老 is tagged only as "张老听了，说道" and "张老想了想，便道"; 严振先 as
 * "严振先，乃城中的乡约，……只说道". Before: neither was in the cast, and their lines went to
 * 安老爷 or to nobody. */
TEST(novel_fix16c_zh_subject_of_first_clause)
{
	struct heard h;
	CHECKF(hear("第一回\n\n安老爷同张老进了店，坐下。\n\n"
		"安老爷道：“今日就在此歇了罢。”\n\n"
		"张老听了，说道：“亲家放心，我去前面看看。”\n\n"
		"安老爷道：“也好，早些回来。”\n\n"
		"张老想了想，便道：“这店里人多，夜里须仔细。”\n\n"
		"严振先，乃城中的乡约，平日最怕的是安老爷，只说道：“我虽是族长，这事不敢做主。”\n\n"
		"安老爷道：“严振先，你且坐下。”\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "张老"), "张老 is in the cast");
	CHECKF(in_cast(&h, "严振先"), "严振先 is in the cast");
	CHECK_WHO(&h, "亲家放心", "张老");
	CHECK_WHO(&h, "这店里人多", "张老");
	CHECK_WHO(&h, "我虽是族长", "严振先");
	CHECK_WHO(&h, "今日就在此", "安老爷");
	unhear(&h);
}

/* fix16c-2: "高兴了半日，便说道" and "王大喜，遂道" open with a surname's character, but 高兴
 * is a word and 王大 is always the head of 王大喜 ("the prince was glad"): no one new. */
TEST(novel_fix16c_zh_first_clause_no_word_pieces)
{
	struct heard h;
	CHECKF(hear("第二回\n\n燕王坐在殿上，道衍侍立一旁。\n\n"
		"道衍道：“大王，北平兵马已齐。”\n\n"
		"王大喜，遂道：“好！明日便发兵。”\n\n"
		"道衍高兴了半日，便说道：“大王英明。”\n\n"
		"王大喜，便道：“先生且退。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "王大"), "王大 is no one");
	CHECKF(!in_cast(&h, "高兴"), "高兴 is no one");
	unhear(&h);
}

/* fix16c-3: classical prose tags a person by the last character of the name alone, "in reply"
 * too ("奚对曰"): 百里奚 (a surname of two characters, 百里) and 公孙枝; and of two men whose
 * names end in 忠 (宋忠, 金忠) "忠曰" is the one the narration named last. Before: 奚对 was a
 * person of its own, 枝 and 忠 went to nobody or to 宋忠. */
TEST(novel_fix16c_zh_one_character_tags)
{
	struct heard h;
	CHECKF(hear("第五回\n\n穆公召百里奚问政。百里奚辞曰：“臣不如臣友蹇叔。”\n\n"
		"穆公曰：“蹇叔何如人也？”\n\n"
		"奚对曰：“蹇叔之贤，世莫之知。”\n\n"
		"穆公又问于公孙枝。枝曰：“百里奚之言是也。”\n\n"
		"穆公曰：“善。”奚对曰：“臣请往聘之。”\n\n"
		"宋忠引兵至城下，燕王不出。宋忠曰：“燕王必反。”\n\n"
		"军中有一卜者，叫做金忠。燕王密召金忠至府，问以天时。忠曰：“二文皆亡，王乃为皇。”\n\n"
		"燕王曰：“怎样解说？”忠曰：“此天机也，至期自应。”\n\n"
		"公孙枝又谏。穆公曰：“寡人知之矣。”\n\n"
		"宋忠闻之，曰：“事急矣。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "蹇叔之贤", "百里奚");
	CHECK_WHO(&h, "臣请往聘之", "百里奚");
	CHECK_WHO(&h, "百里奚之言是也", "公孙枝");
	CHECK_WHO(&h, "二文皆亡", "金忠");
	CHECK_WHO(&h, "此天机也", "金忠");
	CHECKF(!in_cast(&h, "奚对"), "奚对 is no one");
	unhear(&h);
}

/* fix16c-4: a full name a quotation alone writes once, inside a clause, is no new person
 * ("请任蹇叔", "ask to appoint 蹇叔": 任 is the verb); one the speaker names there is
 * ("您是王秀兰吧"). The guard fails this with the quotation check taken out (任蹇叔 swallows
 * 蹇叔). */
TEST(novel_fix16c_zh_full_name_in_a_quote)
{
	struct heard h;
	CHECKF(hear("第六回\n\n百里奚辞曰：“臣之才，不如臣友蹇叔，请任蹇叔而臣佐之。”\n\n"
		"穆公遣使聘之。蹇叔至，穆公问政。蹇叔曰：“先德后刑。”\n\n"
		"穆公曰：“善。”蹇叔又曰：“国以民为本。”\n\n"
		"蹇叔对曰：“臣老矣。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "任蹇叔"), "任蹇叔 is no one");
	CHECK_WHO(&h, "先德后刑", "蹇叔");
	CHECK_WHO(&h, "臣老矣", "蹇叔");
	unhear(&h);
	CHECKF(hear("第一章\n\n小吴推开小卖部的门，柜台后坐着一个女人，低头织毛衣。\n\n"
		"“您是王秀兰吧？”\n\n女人抬起头：“你们是？”\n\n"
		"秀兰想了想，点点头。\n\n秀兰说：“那天下着雨。”\n\n"
		"小吴问：“几点？”\n\n秀兰说：“十一点多。”\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "王秀兰"), "王秀兰 is in the cast");
	unhear(&h);
}
