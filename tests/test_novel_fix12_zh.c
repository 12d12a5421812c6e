/* tests/test_novel_fix12_zh.c — Chinese speech tags read on books no rule was tuned on
 * (tests/prose/pd_dev10): a plural or a list in the part of a tag's clause that an object
 * or listener word opens ("眼望众官说道", "对他们说", "与众人道", "把我两个耳朵看过") is
 * the ones spoken to or acted on, not a group that speaks. Each test fails on the code
 * before its change. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix12-1: the named one who looks at the officials, speaks to them, or hands silver to
 * everyone says the words; before, 众官/他们/众人 after 望/对/与 made the tag a group's
 * and the line nobody's. */
TEST(novel_fix12_zh_plural_listener_is_no_group_subject)
{
	struct heard h;
	CHECKF(hear("第一回\n\n施公升堂坐定，两旁站着众官。\n\n"
		"施公道：“带金有义上来。”\n\n"
		"金有义叩头道：“小人冤枉。”\n\n"
		"施公冷笑，眼望众官说道：“你们细听，兇手另有其人。”\n\n"
		"金有义道：“青天大老爷明鉴。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你们细听", "施公");
	CHECK_WHO(&h, "小人冤枉", "金有义");
	unhear(&h);
	CHECKF(hear("第二回\n\n腾蛟收拾了行李，牵了马，店里众人都围上来。\n\n"
		"腾蛟道：“你们不必害怕。”说罢，便取那一百两银子与众人道：“这银子原是我的，你们拿去。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "这银子原是我的", "腾蛟");
	unhear(&h);
}

/* fix12-2: a list of things (纸、墨、笔、砚) or a group (众人) in a clause before one that
 * a name opens is no subject of the tag's verb: the named one speaks. Before, the first
 * clause's group made the line nobody's. */
TEST(novel_fix12_zh_group_before_a_named_clause_is_no_subject)
{
	struct heard h;
	CHECKF(hear("第五回\n\n宋信同孙媒婆到了柳巷，请出一个女子来。\n\n"
		"宋信道：“果然好个人物。”\n\n"
		"孙媒婆道：“宋相公且看她写字。”\n\n"
		"桌上铺着纸、墨、笔、砚，孙媒婆就帮衬磨起墨来，又取了一支笔递与那女子道：“你可写一首诗与宋相公看。”\n\n"
		"宋信道：“写得出便好。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你可写一首诗", "孙媒婆");
	CHECK_WHO(&h, "宋相公且看她写字", "孙媒婆");
	unhear(&h);
	CHECKF(hear("第三回\n\n宝玉看罢，因笑道：“这个妹妹我曾见过的。”\n\n"
		"黛玉道：“哥哥说笑了。”\n\n"
		"宝玉又问黛玉：“可也有玉没有？”众人不解其语，黛玉便忖度着因他有玉，故问我有也无，因答道：“我没有那个。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "我没有那个", "黛玉");
	unhear(&h);
}

/* fix12-3: a name right after a verb and 着 ("引着刘姥姥", "让着老爷") is that verb's object,
 * not the one who speaks; before, only a look (看着/望着) held a name so. A said-verb right
 * after the name ("会着敖钦道", unpunctuated) leaves it the subject. */
TEST(novel_fix12_zh_name_after_verb_zhe_is_an_object)
{
	struct heard h;
	CHECKF(hear("第六回\n\n刘姥姥带了板儿，绕到后门上，只见许多孩子在那里厮闹。\n\n"
		"刘姥姥道：“我问哥儿一声，有个周大娘可在家么？”\n\n"
		"周瑞家的在院里听见了，并不出来。\n\n"
		"一个孩子跳蹿蹿的引着刘姥姥进了后门，至一院墙边，指与刘姥姥道：“这就是他家。”\n\n"
		"刘姥姥道：“多谢哥儿。”\n", &h) == 0, "%s", err_msg());
	CHECKF(strcmp(who_said(&h, "这就是他家"), "刘姥姥") != 0, "\"这就是他家\" is the child's, not 刘姥姥's");
	CHECK_WHO(&h, "多谢哥儿", "刘姥姥");
	unhear(&h);
	CHECKF(hear("第一回\n\n敖钦在南海宫中坐定，敖钦看了一回经书。\n\n敖钦道：“今日无事。”\n\n"
		"老龙道：“舍弟乃南海敖钦是也。”\n\n"
		"悟空道：“快些去擂鼓撞钟！”\n\n"
		"少时钟鼓响处果然惊动那三海龙王须臾来到一齐在外面会着敖钦道：“大哥有甚紧事擂鼓撞钟？”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "大哥有甚紧事", "敖钦");
	unhear(&h);
}

/* fix12-4: in the topic chain of a tag (the last clause a subject opens speaks), a name after
 * the words that open a sentence before its subject ("那郑洪把脸一翻") opens its clause as a
 * bare name does; before, 那 hid 郑洪 and the first clause's 朱氏 took the line. */
TEST(novel_fix12_zh_name_after_opening_words_opens_the_topic)
{
	struct heard h;
	CHECKF(hear("第二十回\n\n郑洪走到冯大生的门首，用手拍门。朱氏开了门。\n\n"
		"朱氏道：“你找谁？”\n\n"
		"郑洪道：“冯大哥在家么？”\n\n"
		"朱氏才要说分银之事，那郑洪把脸一翻，将锁子掏出来说：“快走罢！到衙门再说。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "快走罢", "郑洪");
	CHECK_WHO(&h, "你找谁", "朱氏");
	unhear(&h);
}

/* fix12-5: one name opening a later clause of a tag, after a first clause that no name opens,
 * takes the topic over and speaks ("让等既杀何进，袁绍久不见进出，乃于宫门外大叫曰" -> 袁绍);
 * before, 何进, killed in the first clause, took the line. */
TEST(novel_fix12_zh_later_clause_name_takes_the_topic)
{
	struct heard h;
	CHECKF(hear("第三回\n\n何进道：“我入宫去见太后。”\n\n"
		"袁绍道：“将军不可轻入。”\n\n"
		"何进不听，入宫去了。张让等伏甲齐出，将何进砍为两段。\n\n"
		"张让道：“何进谋反，已伏诛矣！”\n\n"
		"让等既杀何进，袁绍久不见进出，乃于宫门外大叫曰：“请将军上车！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "请将军上车", "袁绍");
	unhear(&h);
}

/* fix12-c1 (candidate): 他/她 never means 我, so where 我 opens one clause of a tag and 她
 * another, the pronoun's clause is the topic's last opener and its one speaks; before, the
 * first clause's 我 took the line. */
TEST(novel_fix12_zh_pronoun_after_me_opens_the_topic)
{
	struct heard h;
	CHECKF(hear("过去\n\n那天晚上我在街上走着，老三从后面赶上来，她穿着一件黑外套。\n\n"
		"老三道：“前面走的是不是李先生？”\n\n"
		"我道：“你是老三么？”\n\n"
		"两人默默地走了一段。她问我住在什么地方。我说还是我去访她，她却很急促的警告我说：“那可不成，你不能上我那里去。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "那可不成", "老三");
	unhear(&h);
}

/* fix12-c2 (candidate): "她" in a tag during an exchange is the one the last quote called by
 * name (老三), not 老二 whom the narration named last; before, 老二 took the line and then
 * every other line of the talk. */
TEST(novel_fix12_zh_pronoun_is_the_one_just_called)
{
	struct heard h;
	CHECKF(hear("过去\n\n老二是一个活泼的女子，她常和我说笑。\n\n"
		"老二道：“李先生太笨，他不会侍候人。”\n\n"
		"我道：“老二，我们上去吃一点热的东西吧！”\n\n"
		"老二笑了一笑，她后来嫁了人，我再也没有见过老二。\n\n"
		"第二天早晨，老三来看我。老三坐在窗前，她的脸色很白。老三脱了外套，她笑了一笑。老三看着窗外，她不说话。\n\n"
		"“啊，老三！你怎么来得这样早？”我惊喜地问她。\n\n"
		"“还早么？你看太阳都斜了啊！”\n\n"
		"“老三，你站在那里干什么？”我一边问她。她也前进了半尺，朝过来笑着说：\n\n"
		"“我在这里算账。”\n\n"
		"“一清早起来就算账？什么账？”\n\n"
		"“昨晚上的赢账。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "我在这里算账", "老三");
	CHECK_WHO(&h, "昨晚上的赢账", "老三");
	unhear(&h);
}

/* fix12-c3 (candidate): one does not speak to oneself: a tag whose subject reads as the one
 * it speaks to ("看了我一眼，……问我说" read as 我) names no one, and the talk decides. */
TEST(novel_fix12_zh_no_one_speaks_to_himself)
{
	struct heard h;
	CHECKF(hear("春风\n\n二妹住在我的隔壁，她每天早晨去上工。二妹回来的时候，她总看见我坐在那堆书上。\n\n"
		"二妹道：“你天天在这里看书么？”\n\n"
		"我道：“是的。”\n\n"
		"有一天她下了工走上楼来的时候，我依旧和第一天一样的站起来让她过去。她走到了我的身边忽而停住了脚。看了我一眼，吞吞吐吐好像怕什么似的问我说：“你究竟是做什么的？”\n", &h) == 0, "%s", err_msg());
	CHECKF(strcmp(who_said(&h, "你究竟是做什么的"), "我") != 0, "\"你究竟是做什么的\" asks 我: not 我's");
	unhear(&h);
}
