/* tests/test_novel_zh.c — who speaks a Chinese novel's quotations, the rules of
 * story/novel_zh.c and the Chinese speaker rules of novel_speak.c: people no tag names
 * (kin words, pet names, names cut short, names introduced by 叫/名唤), the other names of
 * a person joined with the owner (given names, 小吴/老林, 王大姐, "叫他X"), an action right
 * after a quote, 我 ending a tag's clause, turn-taking; one fresh passage per rule. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* The storyboard's first shot whose line holds part, or NULL. */
static const struct shot *shot_saying(const struct series *s, const char *part)
{
	for (size_t i = 0; i < s->n_eps; i++)
		for (size_t j = 0; j < s->eps[i].n_scenes; j++)
			for (size_t k = 0; k < s->eps[i].scenes[j].n_shots; k++) {
				const struct shot *sh = &s->eps[i].scenes[j].shots[k];
				if (sh->line && sh->line->text && strstr(sh->line->text, part)) return sh;
			}
	return NULL;
}

/* Kin words and pet names that open the narration's clauses are people (三婶, 小郑); a name
 * always written with the same third character is the three (宋春生, not 宋春). */
TEST(novel_zh_kin_pets_full_names)
{
	struct heard h;
	CHECKF(hear("三婶在井边洗菜。三婶洗得很慢，一边洗一边哼歌。宋春生挑着水桶走过来。宋春生是三婶的侄子，宋春生放下扁担。\n\n"
		"“三婶，水够不够？”\n\n“够了。”三婶说。\n\n"
		"小郑从巷子口跑过来。小郑喘着气：“宋哥，队里叫你去开会。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "够了", "三婶");
	CHECK_WHO(&h, "三婶，水够不够", "宋春生");
	CHECK_WHO(&h, "宋哥，队里", "小郑");
	CHECKF(!in_cast(&h, "宋春"), "宋春 is 宋春生 cut short");
	unhear(&h);
}

/* Names of one person: the given name alone (春燕 of 韩春燕), 小/老 and the surname (老韩),
 * the surname and a title (韩大姐), a name the narration gives ("我们都叫她燕子"). */
TEST(novel_zh_names_joined)
{
	struct heard h;
	CHECKF(hear("韩春燕开了一家面馆。韩春燕每天五点起床，韩春燕的面是全街最好的。街坊们都叫她燕子。\n\n"
		"这天一早，邮递员孟凡推门进来。孟凡是个高个子，孟凡把一封信放在桌上。\n\n"
		"“韩大姐，您的信。”\n\n春燕擦了擦手，笑道：“坐下吃碗面再走。”\n\n"
		"孟凡摆手道：“老韩，今天来不及了。”\n\n燕子说：“那明天来。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "韩大姐，您的信", "孟凡");
	CHECK_WHO(&h, "坐下吃碗面", "韩春燕");
	CHECK_WHO(&h, "那明天来", "韩春燕");
	CHECKF(!in_cast(&h, "春燕") && !in_cast(&h, "燕子") && !in_cast(&h, "老韩") && !in_cast(&h, "韩大姐"), "one person, one cast member");
	unhear(&h);
}

/* Names introduced by the narration: "大舅叫钱有福" is 大舅's name; "姓秦，名唤素心" makes 秦素心. */
TEST(novel_zh_names_introduced)
{
	struct heard h;
	CHECKF(hear("大舅在村口开了个铁铺。大舅叫钱有福，大舅的锤子比谁的都响。\n\n"
		"钱有福抹了把汗，说：“今天的活干完了。”\n\n"
		"门外站着一个女子，姓秦，名唤素心。秦素心向里面道：“师傅，可有空？”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "今天的活干完了", "大舅");
	CHECK_WHO(&h, "师傅，可有空", "秦素心");
	CHECKF(!in_cast(&h, "钱有福"), "钱有福 is 大舅");
	unhear(&h);
}

/* An action right after a quote with no said-verb names its speaker (“……”魏老三放下碗，……;
 * “……”他站了起来。), but not narration that leads into the next quote (“……”X道：“……”);
 * 我 ending a tag's clause is its object ("他拍拍我："); an action (回头) is no name. */
TEST(novel_zh_beat_after_quote)
{
	struct heard h;
	CHECKF(hear("那年夏天我跟着魏老三出海。我坐在船头，我看着天。魏老三是个老水手，魏老三的烟袋从不离手。\n\n"
		"“要起风了。”魏老三放下碗，看了看天，“今晚别出船。”\n\n"
		"“可鱼还没打够。”我说。\n\n"
		"他拍拍我：“鱼明天还在。”\n\n"
		"“好吧。”我站了起来。\n\n"
		"魏老三回头喝道：“把帆收了！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "要起风了", "魏老三");
	CHECK_WHO(&h, "今晚别出船", "魏老三");
	CHECK_WHO(&h, "鱼明天还在", "魏老三");
	CHECK_WHO(&h, "好吧", "我");
	CHECK_WHO(&h, "把帆收了", "魏老三");
	CHECKF(!in_cast(&h, "回头"), "回头 is no one");
	unhear(&h);
}

/* A full name written once whose given name opens the narration's clauses is a person
 * (许文静 ... 文静摸到开关); a surname and a role noun the narration makes a person of its
 * own (孙老汉) is not joined with another of that surname (his son 孙大). */
TEST(novel_zh_given_names_and_kin_of_one_surname)
{
	struct heard h;
	CHECKF(hear("许文静下班回家，推开门，屋里黑着灯。文静摸到开关，灯亮了。文静的父亲坐在沙发上，一动不动。\n\n"
		"“爸，你怎么不开灯？”\n\n“省电。”父亲说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "爸，你怎么不开灯", "许文静");
	CHECKF(!in_cast(&h, "文静"), "文静 is 许文静");
	unhear(&h);
	CHECKF(hear("孙老汉和儿子孙大在田里割麦。孙老汉割得快，孙大割得慢。孙大一直落在后头。\n\n"
		"孙大直起腰：“爹，歇会儿吧。”\n\n孙老汉摇头道：“天要下雨了。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "天要下雨了", "孙老汉");
	CHECK_WHO(&h, "爹，歇会儿吧", "孙大");
	unhear(&h);
}

/* A gender the pronouns leave open comes from the given name's last character (程丽 female,
 * 杜刚 male), so 她说 / 他说 find them. */
TEST(novel_zh_gender_from_given_name)
{
	struct heard h;
	CHECKF(hear("程丽和杜刚站在车站。程丽看了看表，杜刚拎着箱子。程丽有点着急，杜刚点了根烟，杜刚不说话。\n\n"
		"“车晚点了。”她说。\n\n“再等等。”他说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "车晚点了", "程丽");
	CHECK_WHO(&h, "再等等", "杜刚");
	unhear(&h);
}

/* Three-person talk: “妈，……” speaks to the one called 婆婆 (not hers); a bare role (老汉) is
 * the one person named with it (鲁老汉); a colon lead-in with no said-verb is the last
 * clause a name opens ("杨帆还想说，鲁老汉摆摆手，站起来："). */
TEST(novel_zh_kin_address_role_and_last_clause)
{
	struct heard h;
	CHECKF(hear("鲁老汉坐在门槛上抽烟。鲁老汉的儿媳杨帆端着盆出来，杨帆是新过门的媳妇，杨帆放下盆。婆婆跟在后面，婆婆一边走一边数落。婆婆的嗓门很大。\n\n"
		"“妈，您少说两句。”\n\n“我说错了？”\n\n"
		"杨帆还想说，鲁老汉摆摆手，站起来：“都别吵了。”\n\n"
		"“你管得着？”老汉瞪了婆婆一眼，“吃饭！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "妈，您少说两句", "杨帆");
	CHECK_WHO(&h, "我说错了", "婆婆");
	CHECK_WHO(&h, "都别吵了", "鲁老汉");
	CHECK_WHO(&h, "吃饭", "鲁老汉");
	CHECKF(!in_cast(&h, "老汉"), "老汉 is 鲁老汉");
	unhear(&h);
}

/* A woman the narration does not name answers a question that names her (“您是周玉梅吧？”):
 * she is 周玉梅, whose given name 玉梅 the narration then uses. */
TEST(novel_zh_named_by_question)
{
	struct heard h;
	CHECKF(hear("秦川走进裁缝铺。缝纫机后面坐着一个中年女人，正在锁扣眼。\n\n“您是周玉梅吧？”\n\n"
		"女人抬起头：“你是谁？”\n\n“我姓秦，来取衣服。”秦川说。\n\n玉梅想了想，从柜子里拿出一个布包。玉梅说：“早做好了。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你是谁", "周玉梅");
	CHECK_WHO(&h, "早做好了", "周玉梅");
	CHECKF(!in_cast(&h, "陌生女子") && !in_cast(&h, "玉梅"), "the woman is 周玉梅, one cast member");
	unhear(&h);
}

/* A given name with no surname that opens the narration's clauses is a person (桂英), but
 * no place (西山) is. */
TEST(novel_zh_given_name_alone)
{
	struct heard h;
	CHECKF(hear("天刚亮，桂英就挑着水往家走。桂英的男人在西山挖煤，桂英一个人拉扯两个孩子。西山下起了雾，西山的路不好走。\n\n"
		"刘婶在门口喊：“桂英，歇会儿吧！”\n\n“不累。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "不累", "桂英");
	CHECKF(!in_cast(&h, "西山"), "西山 is a place");
	unhear(&h);
}

/* 章回 scenes: someone unnamed a 只见 clause brings on speaks the tag ("只见一个汉子跑进来，
 * 跪在堂下，叫道：") and is named by "小人X" (刘二儿, also 刘二); one the magistrate calls for
 * (“孙员外可在？”) answers though no tag names him; no character of "主任头也不回地说". */
TEST(novel_zh_called_and_unnamed)
{
	struct heard h;
	CHECKF(hear("话说这一日知县升堂，只见一个汉子跑进来，跪在堂下，口中叫道：“大老爷，小人冤枉！”\n\n"
		"知县问道：“你是何人？”\n\n那汉子道：“小人刘二儿，在城南打铁。”\n\n"
		"知县道：“孙员外可在？”\n\n堂下走出一人，拱手道：“草民在此。”\n\n刘二叫道：“就是他！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "大老爷，小人冤枉", "刘二");
	CHECK_WHO(&h, "就是他", "刘二");
	CHECK_WHO(&h, "草民在此", "孙员外");
	CHECKF(!in_cast(&h, "汉子") && !in_cast(&h, "刘二儿") && !in_cast(&h, "陌生男子"), "the man is 刘二 (刘二儿), one cast member");
	unhear(&h);
	CHECKF(hear("急诊室里，范主任正在写病历。范主任写得很快。\n\n“主任，三床醒了。”护士跑进来说。\n\n"
		"“知道了。”主任头也不回地说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "知道了", "范主任");
	CHECKF(!in_cast(&h, "主任头"), "主任头 is no one");
	unhear(&h);
}

/* A man the narration calls only "the man" at first (“医生，我胸口疼。”) answers the words
 * of address “周师傅，……” (his) and is 老周, whom the narration names later; "舅舅是个黑脸
 * 汉子" brings on no one new. */
TEST(novel_zh_answer_to_address)
{
	struct heard h;
	CHECKF(hear("我舅舅是个黑脸汉子，话不多。舅舅蹲在门口抽烟，舅舅看见我，站了起来。\n\n“路上累了吧？”他问。\n\n“不累。”我说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "路上累了吧", "舅舅");
	unhear(&h);
	CHECKF(hear("诊室的门开了，进来一个男人，捂着胸口。何静让他坐下。何静是值班医生。何静拿起听诊器。\n\n"
		"“周师傅，哪里不舒服？”\n\n“胸口疼。”\n\n“疼了多久？”\n\n“半个钟头。”老周说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "胸口疼", "老周");
	CHECK_WHO(&h, "周师傅，哪里不舒服", "何静");
	CHECKF(!in_cast(&h, "陌生男子") && !in_cast(&h, "周师傅"), "the man is 老周, one cast member");
	unhear(&h);
}

/* A clause of its own that names someone ("隔壁有个姑娘，叫小翠，") brings on a new person,
 * never joined with the one named before (王婶). */
TEST(novel_zh_naming_clause)
{
	struct heard h;
	CHECKF(hear("王婶在院子里晒被子。王婶家隔壁有个姑娘，叫小翠，天天趴在墙头上看。\n\n"
		"“王婶，您家的猫又跑了！”\n\n“随它去。”王婶说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "王婶，您家的猫又跑了", "小翠");
	CHECK_WHO(&h, "随它去", "王婶");
	unhear(&h);
}

/* A first-person narrator's childhood name, the one word of address the quotes use twice
 * (“小虎，……”), is his: such a quote is said to him. One the narration brings into the talk
 * (春妮) talks with the narrator that paragraph names, not with the one who spoke before. */
TEST(novel_zh_narrator_name_and_newcomer)
{
	struct heard h;
	CHECKF(hear("我八岁那年住在外婆家。我每天跟着外婆去菜地，我帮她拔草。我最怕的是隔壁的大白鹅。\n\n"
		"“小虎，把篮子拿来。”外婆说。\n\n我把篮子递过去。\n\n“小虎，你看那是什么？”\n\n“是大白鹅！”我叫了起来。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "小虎，你看那是什么", "外婆");
	unhear(&h);
	CHECKF(hear("我跟着妈妈回到村里。我们刚放下行李，我就饿了，我一路上什么都没吃。\n\n“饭好了。”妈妈说。\n\n“不饿。”我说。\n\n“不饿也得吃。”妈妈说。\n\n"
		"院子里跑进来一个小姑娘，叫春妮，扎着两个小辫，直直地看着我。\n\n“你就是城里来的？”\n\n“嗯。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你就是城里来的", "春妮");
	CHECK_WHO(&h, "嗯。", "我");
	unhear(&h);
}

/* Talk that opens after narration: the one the last sentence names first acted last and
 * speaks ("……。里屋的许梅放下针线，走了出来。"); a surname and a character that ends given
 * names written three times is a name though it opens only two clauses (葛涛); a word of
 * address the narration never writes (“豆豆，……”) in a first-person text is the narrator. */
TEST(novel_zh_opening_speaker_and_names)
{
	struct heard h;
	CHECKF(hear("天黑了，葛涛还蹲在门口修自行车。许梅是他媳妇，许梅一直在里屋做针线。里屋的许梅放下针线，走了出来。\n\n“还没修好？”\n\n“快了。”葛涛头也不抬。\n\n"
		"“许梅叫你吃饭。”邻居探进头来，“葛涛，别修了。”\n\n葛涛笑了笑，没动。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "还没修好", "许梅");
	CHECK_WHO(&h, "快了", "葛涛");
	unhear(&h);
	CHECKF(hear("我六岁那年夏天，我和爸爸去河边钓鱼。我坐在石头上，我看着浮漂一动不动。\n\n"
		"“豆豆，你去把桶拿来。”爸爸说。\n\n我跑去拿桶。\n\n“豆豆，轻点，别把鱼吓跑了。”\n\n“知道了！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "豆豆，轻点", "爸爸");
	CHECK_WHO(&h, "知道了", "豆豆");   /* the narrator, named at the end by the alias */
	unhear(&h);
}

/* Three-person talk: a look in the lead-in names the listener, who answers ("看了爸爸一眼：");
 * one just brought on who speaks to one of the two by name is the speaker (“小军，……” after
 * "妈妈已经走到了门口"). */
TEST(novel_zh_look_and_newcomer_address)
{
	struct heard h;
	CHECKF(hear("晚饭前，妈妈在厨房炒菜，爸爸在看报纸，弟弟小军在客厅玩积木。\n\n“谁把我的钥匙拿走了？”爸爸问。\n\n“不是我。”小军说。\n\n"
		"妈妈从厨房探出头来，看了爸爸一眼：“在你口袋里。”\n\n“还真是。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "在你口袋里", "妈妈");
	CHECK_WHO(&h, "还真是", "爸爸");
	unhear(&h);
	CHECKF(hear("我和弟弟小军坐在桌前写作业，妈妈在厨房洗碗。我写得快，我已经写到最后一页了。小军一直在看我的本子。\n\n"
		"“哥，借我看看。”小军说。\n\n“不借。”我说。\n\n“就看一眼。”\n\n我还没开口，妈妈已经走到了门口，正好看见小军伸手。\n\n“小军，自己写！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "小军，自己写", "妈妈");
	unhear(&h);
}

/* No character of a place, a thing or a common word that opens clauses like a name does:
 * 老街, 月亮, 安静, 小猫, 白雪 (pet-name, given-name and surname shapes), 老实 — only the people. */
TEST(novel_zh_no_people_of_words)
{
	struct heard h;
	CHECKF(hear("小时候我家住在老街上。老街很窄，老街两边都是老房子。月亮升起来的时候，街上很安静。月亮照着石板路。"
		"小猫在墙头上叫，小猫总是不睡觉。白雪落满了屋顶，白雪也落在我的窗台上，白雪一夜没停。老实说，我并不喜欢那条街。\n\n"
		"街口住着王奶奶。王奶奶一个人住，王奶奶每天坐在门口。\n\n“进来吧，孩子。”王奶奶说。\n\n“谢谢奶奶。”我说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "进来吧", "王奶奶");
	for (size_t i = 0; i < h.n_cast; i++)
		CHECKF(!strcmp(h.cast[i], "王奶奶") || !strcmp(h.cast[i], "我"), "%s is no person", h.cast[i]);
	unhear(&h);
}

/* Semi-classical one-character roles: 生, 女, 叟, 客 alone before 曰/道 are people, under the
 * fuller name the text writes (李生, 老叟) and with the gender of the role; "女嫣然" (女 and a
 * manner) is 女, never a character of its own. */
TEST(novel_zh_one_char_roles)
{
	struct heard h;
	CHECKF(hear("话说洛阳李生，好读书，家贫。一夕过野寺，见一老叟独坐廊下。\n\n叟曰：“夜深何来？”\n\n生曰：“迷途耳。”\n\n"
		"叟引入后院，有一女出，年可十五。女嫣然曰：“客饥否？”\n\n生曰：“甚饥。”\n\n女曰：“且待。”\n\n"
		"叟笑曰：“吾女善烹，客勿拘礼。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "夜深何来", "老叟");
	CHECK_WHO(&h, "迷途耳", "李生");
	CHECK_WHO(&h, "客饥否", "女");
	CHECK_WHO(&h, "甚饥", "李生");
	CHECK_WHO(&h, "且待", "女");
	CHECK_WHO(&h, "吾女善烹", "老叟");
	CHECKF(!in_cast(&h, "女嫣然"), "女嫣然 is 女 and a manner");
	unhear(&h);
	CHECKF(hear("有客叩门。主人出迎，问曰：“何来？”\n\n客曰：“自北来。”\n\n主人曰：“远否？”\n\n客笑曰：“半月耳。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "自北来", "客");
	CHECK_WHO(&h, "半月耳", "客");
	unhear(&h);
}

/* A phone call: "电话响了。是她爸打来的。" brings on the caller (爸, also 父亲 later), and the
 * untagged talk that follows is his with the one who took it, the caller first. */
TEST(novel_zh_phone_caller)
{
	struct heard h;
	CHECKF(hear("周晓琳在宿舍里洗衣服。室友李娜坐在床上看书。\n\n“晓琳，明天借我一下你的伞。”李娜说。\n\n“好啊。”周晓琳说。\n\n"
		"晓琳刚晾好衣服，电话响了。是她爸打来的。\n\n“钱收到了吗？”\n\n“收到了，爸。”\n\n“省着点花，别老吃外卖。”\n\n“知道啦。”\n\n"
		"父亲在电话那头笑了笑：“考完试早点回家。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "钱收到了吗", "爸");
	CHECK_WHO(&h, "收到了，爸", "周晓琳");
	CHECK_WHO(&h, "省着点花", "爸");
	CHECK_WHO(&h, "知道啦", "周晓琳");
	CHECK_WHO(&h, "考完试", "爸");
	unhear(&h);
}

/* The caller is not in the room: "她把钥匙放在鞋柜上" after a quote is the one who took the
 * phone; after "挂了电话" the caller takes no turn; “妈，……” led in by "转身问外婆，" is said
 * to 外婆, not to the mother who called; "转身问奶奶，“妈，……”" to 奶奶, not to the narrator. */
TEST(novel_zh_phone_caller_away)
{
	struct heard h;
	CHECKF(hear("吴晓梅推开家门，外婆正在阳台上浇花。吴晓梅换了鞋，吴晓梅给外婆倒了杯水。外婆笑着接过去：“还是孙女疼我。”\n\n这时吴晓梅的手机响了，是她妈打来的。\n\n“晓梅，到家没有？”\n\n"
		"“刚到。”她把钥匙放在鞋柜上。\n\n“外婆吃药了没？”\n\n“我这就去问。”\n\n挂了电话，表哥吴涛从里屋出来，手里拿着一本书。\n\n"
		"“又是你妈？”吴涛说。\n\n“嗯，她不放心外婆。”\n\n吴涛摇摇头，转身问外婆，“妈，您药吃了吗？”\n\n“吃了吃了。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "刚到", "吴晓梅");
	CHECK_WHO(&h, "外婆吃药", "妈");
	CHECK_WHO(&h, "嗯，她不放心", "吴晓梅");
	CHECK_WHO(&h, "吃了吃了", "外婆");
	unhear(&h);
	CHECKF(hear("腊月里我回到老家，我每天陪着奶奶。我坐在炕上剥花生，奶奶在一旁纳鞋底。\n\n“手洗了没有？”奶奶说。\n\n“洗了。”我说。\n\n二姑从灶房出来，二姑擦了擦手。\n\n"
		"“剥这么多干啥？”二姑说。\n\n“过年炒着吃。”我说。\n\n“留一碗给我。”二姑抓了一把，转身问奶奶，“妈，明天赶集您去不去？”\n\n“去，早点叫我。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "去，早点", "奶奶");
	unhear(&h);
}

/* A nickname of a surname, a trait and 子 (张麻子: 子 after 麻) is the whole name, not 张麻. */
TEST(novel_zh_trait_nickname)
{
	struct heard h;
	CHECKF(hear("镇上有个卖肉的，人称张麻子。张麻子嗓门大，张麻子一开口半条街都听得见。\n\n“刘婶，今天的五花肉好！”张麻子拍着案板。\n\n"
		"刘婶走过来，捏了捏肉：“多少钱一斤？”\n\n张麻子伸出两根手指：“老价钱。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "刘婶，今天", "张麻子");
	CHECK_WHO(&h, "老价钱", "张麻子");
	CHECKF(!in_cast(&h, "张麻"), "张麻 is 张麻子 cut short");
	unhear(&h);
}

/* "有学生结结巴巴地说" (有 and someone): someone unnamed speaks, not the one whose turn it was. */
TEST(novel_zh_someone_unnamed)
{
	struct heard h;
	CHECKF(hear("周老师站在讲台上。周老师把卷子发下去，周老师看了看全班。班长李敏坐在第一排。\n\n「这次谁考了满分？」周老师问。\n\n"
		"「我猜是刘洋。」李敏说。\n\n「不是他。」周老师说。\n\n全班都不说话。\n\n「那……那是谁？」有学生结结巴巴地说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "这次谁", "周老师");
	CHECK_WHO(&h, "那……那是谁", "");
	unhear(&h);
}

/* "少女……，正是新来的丫头苏墨。" names the unnamed one the sentence brought on: 苏墨 (no
 * gender from the given name) is a woman, so "她笑道" after it is hers. */
TEST(novel_zh_identified_gender)
{
	struct heard h;
	CHECKF(hear("柜台后面，掌柜的儿子柳青山正在算账。柳青山算得飞快，柳青山头也不抬。\n\n门帘一掀，一个人影走了进来。少女背着个包袱，满脸是汗，正是新来的丫头苏墨。\n\n"
		"「掌柜的在吗？」她笑道。\n\n「我爹出门了。」柳青山说。\n\n「那我等他回来。」苏墨说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "掌柜的在吗", "苏墨");
	CHECK_WHO(&h, "我爹出门了", "柳青山");
	unhear(&h);
}

/* A name that opens with a number (三藏, 八戒) is a name when it is the whole tag body three
 * times or more; 二人道 stays a group. */
TEST(novel_zh_numbered_name)
{
	struct heard h;
	CHECKF(hear("却说那八戒与王婆走到河边。八戒道：“这水好深。”王婆道：“莫怕，有船。”八戒道：“船在何处？”王婆指道：“那柳树下便是。”"
		"八戒道：“我不会撑船。”二人道：“且上去再说。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "这水好深", "八戒");
	CHECK_WHO(&h, "船在何处", "八戒");
	CHECK_WHO(&h, "我不会撑船", "八戒");
	CHECK_WHO(&h, "且上去再说", "");
	unhear(&h);
}

/* One a tale calls by a descriptor in three tags or more ("老者道") is a person under that
 * word, not the stranger placeholder; 那猴道 is one person (猴, a one-character role). */
TEST(novel_zh_descriptor_person)
{
	struct heard h;
	CHECKF(hear("行者与八戒行到一座庄前，只见一个老者拄杖出来。老者道：“你们是哪里来的？”八戒道：“东土来的。”老者道：“可曾吃饭？”"
		"八戒道：“不曾。”老者道：“且进来。”\n\n庄后树上蹲着一只猴，那猴叫道：“老儿，分我个桃儿！”那猴又道：“不给我便偷！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你们是哪里", "老者");
	CHECK_WHO(&h, "可曾吃饭", "老者");
	CHECK_WHO(&h, "且进来", "老者");
	CHECK_WHO(&h, "老儿，分我", "猴");
	CHECK_WHO(&h, "不给我便偷", "猴");
	unhear(&h);
}

/* A stammer opening a quote (“摔……摔坏，摔，摔……”) is no word of address: no childhood
 * name of the narrator, no character 摔坏. */
TEST(novel_zh_stammer_no_name)
{
	struct heard h;
	CHECKF(hear("我在铺子里做学徒，那年我十二岁。我每天站在柜台后面。\n\n有一天，老刘拄着拐进来了。老刘是常来的。我问他腿怎么了。\n\n"
		"“摔坏，摔，摔……”老刘低声说。\n\n“又是喝醉了吧？”我说。\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "摔坏"), "摔坏 is a stammer, not a name");
	CHECK_WHO(&h, "又是喝醉了", "我");
	unhear(&h);
}

/* People of a place (镇上人, 村里人) are a group, never a character; the talk after them opens
 * anew with the one the last sentence names, even after a first clause with no one in it
 * ("一进门，王婶就迎了出来"). */
TEST(novel_zh_place_people_group)
{
	struct heard h;
	CHECKF(hear("我叫李向东，可在镇上，王婶只叫我“东子”，镇上人也跟着这么叫。我每年暑假都去王婶家。\n\n"
		"那年七月，我又去了。一进门，王婶就从屋里迎了出来。\n\n“东子来啦！热坏了吧？”\n\n“不热，王婶。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "镇上人"), "镇上人 is a group");
	CHECK_WHO(&h, "东子来啦", "王婶");
	unhear(&h);
}

/* An exchange whose untagged opening lines turn-taking starts with the wrong one takes the
 * alternation back from its first tagged line ("……”王磊说。" after three untagged lines). */
TEST(novel_zh_exchange_from_anchor)
{
	struct heard h;
	CHECKF(hear("晚饭后，王磊和妻子陈静在厨房里。王磊洗碗，陈静擦桌子。\n\n“明天几点走？”\n\n“七点。”\n\n“那得六点起。”\n\n"
		"“我定了闹钟。”王磊说。\n\n“记得带伞。”陈静说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "明天几点走", "陈静");
	CHECK_WHO(&h, "七点", "王磊");
	CHECK_WHO(&h, "那得六点起", "陈静");
	CHECK_WHO(&h, "我定了闹钟", "王磊");
	unhear(&h);
	/* the storyboard says the same: the line and the one in frame */
	struct story_opts o = { .lang = "zh", .minutes = 3 };
	struct series *s = NULL;
	CHECKF(story_from_novel("晚饭后，王磊和妻子陈静在厨房里。王磊洗碗，陈静擦桌子。\n\n“明天几点走？”\n\n“七点。”\n\n“那得六点起。”\n\n"
		"“我定了闹钟。”王磊说。\n\n“记得带伞。”陈静说。\n", &o, &s) == 0, "%s", err_msg());
	const struct shot *sh = shot_saying(s, "明天几点走");
	CHECKF(sh && str_eq(sh->line->speaker, "陈静"), "the storyboard line is %s's", sh && sh->line->speaker ? sh->line->speaker : "nobody");
	CHECKF(sh && sh->n_actors >= 1 && str_eq(sh->actors[0].name, "陈静"), "陈静 in frame");
	series_free(s);
}

/* One who leaves ("刘科长说完就走了。") takes no more turns: the untagged talk after it is the
 * two who stay. */
TEST(novel_zh_leaves_exchange)
{
	struct heard h;
	CHECKF(hear("办公室里，张伟和赵敏在整理报表。张伟算数，赵敏打字。刘科长推门进来。\n\n“报表下午要交。”刘科长说。\n\n“来得及。”张伟说。\n\n"
		"“那就好。”刘科长说。\n\n刘科长说完就走了。\n\n“来得及吗？”赵敏问。\n\n“来不及也得来得及。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "来不及也得", "张伟");
	unhear(&h);
}

/* "说话的是个瘦高个，……，正是镇上的赵屠户。" after an untagged quote: it was his, in the
 * attribution and in the storyboard. */
TEST(novel_zh_said_by_after)
{
	const char *text = "集市上，李老汉蹲在摊前卖菜。李老汉的白菜又大又好。\n\n“老李头，这白菜怎么卖？”\n\n"
		"说话的是个瘦高个，手里拎着刀，正是镇上的赵屠户。赵屠户常来买菜。\n\n“两毛一斤。”李老汉说。\n";
	struct heard h;
	CHECKF(hear(text, &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "老李头，这白菜", "赵屠户");
	CHECK_WHO(&h, "两毛一斤", "李老汉");
	unhear(&h);
	struct story_opts o = { .lang = "zh", .minutes = 3 };
	struct series *s = NULL;
	CHECKF(story_from_novel(text, &o, &s) == 0, "%s", err_msg());
	const struct shot *sh = shot_saying(s, "这白菜怎么卖");
	CHECKF(sh && str_eq(sh->line->speaker, "赵屠户"), "the storyboard line is %s's", sh && sh->line->speaker ? sh->line->speaker : "nobody");
	series_free(s);
}

/* A lead-in tag with no subject ("有一次对我说道，") goes on from the sentence before
 * ("老秦……，只好找小孩子说话。"), not to the 我 it speaks to. */
TEST(novel_zh_tag_without_subject)
{
	struct heard h;
	CHECKF(hear("那年我在茶馆里跑堂。我每天擦桌子，倒茶，听客人说话。\n\n"
		"我那时常挨掌柜的骂，我也笑别人。老秦是茶馆的常客，老秦没有朋友。大人们都不理老秦，老秦只好找小孩子说话。有一次对我说道，“你会下棋么？”我摇了摇头。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你会下棋么", "老秦");
	unhear(&h);
}

/* Two quotes back to back with no word between (“嗯。”“……”) are two speakers taking turns;
 * "一个穿蓝布衫的人说道" is someone unnamed, not the one whose turn it was. */
TEST(novel_zh_back_to_back_quotes)
{
	struct heard h;
	CHECKF(hear("傍晚，老周在杂货铺里算账。老周的算盘打得很响。伙计小王在擦柜台。门口站着几个闲人。\n\n“今天生意怎么样？”小王问。\n\n"
		"“还行。”老周说。\n\n老周又拨了两下算盘。一个穿蓝布衫的人说道，“听说河东的桥塌了。”老周说，“哦？”“塌了一半，车都过不去了。”“什么时候修？”“谁知道。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "听说河东", "");
	CHECK_WHO(&h, "哦？", "老周");
	CHECK_WHO(&h, "塌了一半", "");
	CHECK_WHO(&h, "什么时候修", "老周");
	unhear(&h);
}

/* One never calls himself by name: “王五，你当真……” after "王五喝过酒，……，那边又问道，"
 * is not 王五's; 旁人 (bystanders) are a group. */
TEST(novel_zh_not_self_called)
{
	struct heard h;
	CHECKF(hear("王五是镇上的说书人。王五每天晚上都来酒馆。\n\n王五喝过半碗酒，脸红了，那边便又问道，“王五，你当真去过京城么？”王五不理他。\n\n"
		"王五又喝了一口，旁人问道，“王五，京城的城门有多高？”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "王五，你当真", "");
	CHECK_WHO(&h, "王五，京城", "");
	unhear(&h);
	CHECKF(hear("王五是镇上的说书人。王五每天晚上都来酒馆。\n\n王五放下碗，旁人又问道，“皇上长什么样？”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "皇上长什么样", "");
	unhear(&h);
	CHECKF(hear("王五是镇上的说书人。王五每天晚上都来酒馆。\n\n王五喝过半碗酒，那边便问道，“你就是王五？”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你就是王五", "");
	unhear(&h);
}

/* A surname and a weather character (陆风, 林雪) is a name when it opens two tags, with the
 * manner between it and the verb left out ("陆风冷冷地说", "陆风黯然道"). */
TEST(novel_zh_weather_name_in_tags)
{
	struct heard h;
	CHECKF(hear("雨停了。\n\n“你回去吧。”陆风冷冷地说。\n\n“我不回去。”秦月笑着说。\n\n“何苦。”陆风黯然道。\n\n“我乐意。”秦月说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你回去吧", "陆风");
	CHECK_WHO(&h, "何苦", "陆风");
	CHECK_WHO(&h, "我乐意", "秦月");
	CHECKF(!in_cast(&h, "陆风冷冷") && !in_cast(&h, "陆风黯然"), "no manner in a name");
	unhear(&h);
}

/* Dialogue in 「」: a name opening clauses after 」 is a person as after ” (萧寒, named by no
 * tag of his own but "萧寒淡淡道" once); “你就是萧寒？” is not his; "男人皱了皱眉" after a
 * quote is the unnamed man's. */
TEST(novel_zh_corner_quotes)
{
	struct heard h;
	CHECKF(hear("萧寒走进茶楼，角落里坐着一个戴斗笠的男人。\n\n「你就是萧寒？」男人皱了皱眉。\n\n「是我。」萧寒在他对面坐下，「信带来了吗？」\n\n"
		"「急什么。」男人倒了杯茶，「先说价钱。」\n\n萧寒笑了笑：「你开价。」\n\n「五百两。」\n\n「不必还价。」萧寒淡淡道，「我只要信是真的。」\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你就是萧寒", "陌生男子");
	CHECK_WHO(&h, "是我", "萧寒");
	CHECK_WHO(&h, "信带来了吗", "萧寒");
	CHECK_WHO(&h, "你开价", "萧寒");
	CHECK_WHO(&h, "不必还价", "萧寒");
	unhear(&h);
}

/* Early modern prose writes 伊 for "she" and never 她: "伊说" is the woman last named, and
 * 伊 opening a tag's body is no name (所以伊). */
TEST(novel_zh_yi_is_she)
{
	struct heard h;
	CHECKF(hear("王老五坐在门槛上抽烟。他的女人阿桂提着一篮菜从田埂上走回来，伊的脚上全是泥。阿桂把篮子往地上一放，伊便坐下歇气。\n\n"
		"王老五看了阿桂一眼，又低头抽烟。所以伊又用劲说，“饭还没煮么？”\n\n"
		"王老五磕了磕烟管，慢吞吞的说，“我等你回来煮。”\n\n"
		"阿桂瞪了王老五一眼。王老五只当没看见。伊叹一口气道，“你这懒骨头！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "饭还没煮", "阿桂");
	CHECK_WHO(&h, "你这懒骨头", "阿桂");
	CHECK(!in_cast(&h, "所以伊"));
	unhear(&h);
	/* (a text that writes 她 keeps 伊 for names: 伊万) */
	CHECKF(hear("伊万推开木门，伊万的帽子上全是雪。她从炉边抬起头。\n\n伊万说，“外面下雪了。”\n\n“我知道。”她说。\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "伊万"));
	CHECK_WHO(&h, "外面下雪", "伊万");
	unhear(&h);
}

/* Village folk named by a number (their weight at birth, their rank): 三斤, 五斤嫂, 六斤老太
 * opening clauses are people, not counted ones. */
TEST(novel_zh_numbered_names)
{
	struct heard h;
	CHECKF(hear("三斤在河边补网。三斤补了一会儿，抬头看天。五斤嫂端着一盆衣服走过来，五斤嫂把盆放在石阶上。六斤老太坐在门口晒太阳。\n\n"
		"五斤嫂问道，“今天有鱼么？”\n\n三斤摇摇头，说，“一条也没有。”\n\n"
		"六斤老太敲着拐杖说，“一年不如一年！”\n\n五斤嫂叹一口气，道，“明天再去罢。”\n\n"
		"三斤低着头，说，“明天也是一样。”\n\n六斤老太又说，“一年不如一年！”\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "三斤"));
	CHECK(in_cast(&h, "五斤嫂"));
	CHECK(in_cast(&h, "六斤老太"));
	CHECK_WHO(&h, "今天有鱼", "五斤嫂");
	CHECK_WHO(&h, "一条也没有", "三斤");
	CHECK_WHO(&h, "一年不如一年", "六斤老太");
	CHECK_WHO(&h, "明天再去", "五斤嫂");
	unhear(&h);
}

/* Pieces of clauses are no people: an interjection (阿呀), a word that ends with 的, a
 * pronoun after a surname's character (于她的), an adverb after one (上大约), a landform
 * (高山); a group word (火家) speaks as a group. */
TEST(novel_zh_no_clause_pieces)
{
	struct heard h;
	CHECKF(hear("阿呀，阿呀！刘妈拍着腿叫起来。高山挡住了去路，高山后面还是山，高山上积着雪。\n\n"
		"她的手冻裂了。她的脚也肿了，这于她的身子很不好。大约是天太冷了，大约还要下雪。路上大约有三十里。\n\n"
		"刘妈说，“这可怎么好？”\n\n火家道，“客官，店里没有酒了。”\n\n"
		"“还有茶么？”刘家婆子高兴的说，“那就喝茶罢。”\n", &h) == 0, "%s", err_msg());
	static const char *const no[] = { "阿呀", "高山", "于她的", "上大约", "火家", "高兴的", NULL };
	for (int i = 0; no[i]; i++) CHECKF(!in_cast(&h, no[i]), "%s is in the cast", no[i]);
	CHECK_WHO(&h, "这可怎么好", "刘妈");
	CHECK_WHO(&h, "客官", "");
	unhear(&h);
}

/* A surname and 嫂 the text writes after the same character (秋林嫂, twice misprinted 愁林嫂)
 * is that longer name, not 林嫂. */
TEST(novel_zh_tail_of_longer_name)
{
	struct heard h;
	CHECKF(hear("秋林嫂在灶下烧火。大家都说秋林嫂能干，愁林嫂却只是笑。秋林嫂把柴添进灶里。\n\n"
		"“柴湿了。”秋林嫂说。\n\n张老爹走进来，说，“今年雨多。”\n\n"
		"“可不是。”秋林嫂说。\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "秋林嫂"));
	CHECK(!in_cast(&h, "林嫂"));
	CHECK_WHO(&h, "柴湿了", "秋林嫂");
	unhear(&h);
}

/* "刘大娘叫她桂香嫂": 桂香嫂 is neither the one who calls her so (刘大娘) nor a man named
 * before (周三爷): she stays her own person. */
TEST(novel_zh_called_her_not_the_caller)
{
	struct heard h;
	CHECKF(hear("冬天，周三爷家里要换女工，周三爷皱了皱眉。做中人的刘大娘带她进来了。刘大娘叫她桂香嫂，说是自己娘家的邻居。\n\n"
		"“我会洗衣做饭。”桂香嫂说。\n\n“那就留下罢。”周三爷说。\n\n“桂香嫂手脚勤快。”刘大娘说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "我会洗衣做饭", "桂香嫂");
	CHECK_WHO(&h, "那就留下罢", "周三爷");
	CHECK_WHO(&h, "桂香嫂手脚勤快", "刘大娘");
	unhear(&h);
}

/* A man named by a number (三斤) is a person beside his wife named after him (三斤嫂), not a
 * piece of her name. */
TEST(novel_zh_numbered_husband_beside_wife)
{
	struct heard h;
	CHECKF(hear("三斤嫂在灶下烧火。三斤从镇上回来，坐在门槛上抽烟。三斤抽完了烟，又叹一口气。三斤嫂看了看锅。\n\n"
		"三斤说，“镇上要收税了。”\n\n三斤嫂问道，“收多少？”\n\n“每亩三百文。”三斤说。\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "三斤"));
	CHECK(in_cast(&h, "三斤嫂"));
	CHECK_WHO(&h, "镇上要收税", "三斤");
	CHECK_WHO(&h, "收多少", "三斤嫂");
	CHECK_WHO(&h, "每亩三百文", "三斤");
	unhear(&h);
}

/* "三斤回家，看见他的女人……，问他说": one does not ask oneself; the other of the sentence, of
 * the other gender (his wife, a woman named there), asks "him". */
TEST(novel_zh_asks_him_is_the_other)
{
	struct heard h;
	CHECKF(hear("三斤嫂在灶下烧火。三斤从镇上回来，坐在门槛上抽烟。三斤抽完了烟，又叹一口气。三斤嫂看了看锅，三斤嫂盛了一碗饭。\n\n"
		"过了几天，三斤从城里回家，看见他的女人坐在门口，问他说，“城里热闹么？”\n\n“热闹得很。”三斤说。\n\n"
		"刘妈在桥头洗衣。刘妈说，“好大的太阳。”\n\n"
		"王福从田里回来，看见刘妈站在桥头，便问他道，“吃过饭了么？”\n\n“吃过了。”王福说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "城里热闹么", "三斤嫂");
	CHECK_WHO(&h, "吃过饭了么", "刘妈");
	CHECK_WHO(&h, "吃过了", "王福");
	unhear(&h);
}

/* "大喝道" (a manner opening the tag) gives no one-character name 大, so a man only named
 * (张大帅, written twice) is no speaker. */
TEST(novel_zh_manner_is_no_given_name)
{
	struct heard h;
	CHECKF(hear("大家都怕张大帅。张大帅的兵就要来了。赵四爷坐在桌边，赵四爷喝着酒。\n\n"
		"赵四爷听了，大喝道，“怕什么！”\n\n李老汉低声说，“我是怕的。”\n", &h) == 0, "%s", err_msg());
	CHECK(!in_cast(&h, "张大帅"));
	CHECK_WHO(&h, "怕什么", "赵四爷");
	unhear(&h);
}

/* 卫 is a surname and 老婆子 a name's ending: 卫老婆子 is a person. */
TEST(novel_zh_surname_and_old_woman)
{
	struct heard h;
	CHECKF(hear("冬天，做中人的卫老婆子带她进来了。卫老婆子叫她阿香，说是邻舍。\n\n"
		"“她能干活。”卫老婆子说。\n\n“那就留下罢。”四叔说。\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "卫老婆子"));
	CHECK_WHO(&h, "她能干活", "卫老婆子");
	unhear(&h);
}

/* One the narration brings in ("午饭之后，李嫂又来了。") and who has not spoken yet answers
 * the untagged turn after the two who were talking (not the one who spoke before the last). */
TEST(novel_zh_one_who_came_answers)
{
	struct heard h;
	CHECKF(hear("王大爷坐在堂前。王大娘在擦桌子。\n\n“今年的雨水多。”王大爷说。\n\n“可不是。”王大娘说。\n\n"
		"午饭之后，李嫂又来了。\n\n“你又来做什么？”王大爷说。\n\n“亏你还有脸来。”王大娘擦着桌子，冷冷的说。\n\n"
		"“阿呀，我真上当，我是来赔不是的。”\n\n“然而……。”王大爷说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "阿呀，我真上当", "李嫂");
	CHECK_WHO(&h, "然而", "王大爷");
	unhear(&h);
}

/* "她含胡的回答": one does not answer oneself; 她 after the last speaker's question is the
 * other woman of the talk, and the untagged turns go on from her. */
TEST(novel_zh_she_answers_is_the_other)
{
	struct heard h;
	CHECKF(hear("刘妈坐在灶下烧火。刘妈说，“天冷了。”\n\n王婶走过来，王婶洗着菜。\n\n"
		"“刘妈，你又来了。”王婶看着她的脸，说。“我问你：你手上的伤，是那时弄的么？”\n\n"
		"“嗯嗯。”她含胡的回答。\n\n“你那时怎么就依了呢？”\n\n“我么？……”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "嗯嗯", "刘妈");
	CHECK_WHO(&h, "你那时怎么", "王婶");
	CHECK_WHO(&h, "我么", "刘妈");
	unhear(&h);
}

/* A role noun after 那/这 opening a tag's clause ("那车夫简捷的说") is a person (车夫), not
 * one named in the quote. */
TEST(novel_zh_that_role_is_a_person)
{
	struct heard h;
	CHECKF(hear("我在店里等了很久，好容易待到晚饭前他们的车夫来喂马，我才得了打听消息的机会。\n\n"
		"“刚才，掌柜和谁吵呢？”我问。\n\n“还不是和王二？”那车夫简捷的说。\n\n“王二？怎么了？”我又问。\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "车夫"));
	CHECK_WHO(&h, "还不是和王二", "车夫");
	unhear(&h);
}

/* A tag with no subject ("见了我，又说道，") goes on over the parts of one sentence that ；
 * joins to the 他 opening it (孙老汉, named before), not the narrator it sees. */
TEST(novel_zh_subject_over_semicolons)
{
	struct heard h;
	CHECKF(hear("我从十二岁起，便在镇口的茶馆里当伙计。我每天擦桌子，我也烧水。孙老汉常来喝茶。\n\n"
		"“来一壶茶。”孙老汉说。\n\n“好嘞。”我说。\n\n"
		"一天下午，没有一个客人，我正打着盹。站起来向外一望，孙老汉便在门边坐着。他脸上黑而且瘦，已经不成样子；"
		"穿一件破棉袄，盘着两腿；见了我，又说道，“来一碗茶。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "好嘞", "我");
	CHECK_WHO(&h, "来一碗茶", "孙老汉");
	unhear(&h);
}

/* “……这真是……。”她摇一摇头，低下眼睛，不说了。: 她 read as the one who spoke last (王大娘)
 * is the one whose turn it is, of that gender (李大妈). */
TEST(novel_zh_she_acts_in_her_turn)
{
	struct heard h;
	CHECKF(hear("王大娘坐在门口择菜。李大妈走过来，李大妈在她旁边坐下了。\n\n“阿香后来怎么样了？”王大娘说。\n\n"
		"“还能怎么样？嫁到山里去了。”李大妈说。\n\n“阿香竟肯去？……”\n\n“这有什么肯不肯。她哭了三天，还是去了。”\n\n"
		"“后来呢？”\n\n“后来生了一个孩子，她的男人又病死了，这真是……。”她摇一摇头，低下眼睛，不说了。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "后来呢", "王大娘");
	CHECK_WHO(&h, "后来生了一个孩子", "李大妈");
	unhear(&h);
}

/* 这时/那时 open a clause before its subject: "这时他已经绕出桌旁，接着说，" is 他's (钱四爷). */
TEST(novel_zh_at_this_time_then_subject)
{
	struct heard h;
	CHECKF(hear("钱四爷坐在桌边。钱四爷说，“好香的菜。”\n\n“请请。”孙大嫂说。她放下了碗。\n\n“一代不如一代。”李三说。\n\n"
		"钱四爷本来是笑着旁观的；但自从孙大嫂说了“请请”这话以后，却有些生气了。这时他已经绕出桌旁，接着说，“这算什么呢。大兵就要到了。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "这算什么呢", "钱四爷");
	unhear(&h);
}

/* A name with 的 inside a tag's clause names a thing of that one, not the subject
 * ("搡在王福的面前道"): the tag goes on from the 她 of the sentence (刘妈). */
TEST(novel_zh_possessor_is_no_subject)
{
	struct heard h;
	CHECKF(hear("王福从城里回来，坐在门槛上。王福说，“城里乱了。”\n\n“乱了就乱了。”刘妈说。\n\n"
		"刘妈这时觉得事情有些不妙了。她一转眼瞥见王福的光头，便忍不住动怒；忽然又绝望起来，装好一碗饭，搡在王福的面前道，“还是赶快吃你的饭罢！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "还是赶快吃你的饭", "刘妈");
	unhear(&h);
}

/* "伊的曾孙女儿四斤捏着一把豆，……大声说": the one named after 他的/她的/伊的 and a kin word is
 * the subject, not the one the pronoun stands for. */
TEST(novel_zh_her_kin_named_is_the_subject)
{
	struct heard h;
	CHECKF(hear("四斤在河边玩。四斤摘着豆。“我去摘豆。”四斤说。\n\n"
		"八斤老太坐在树下，伊摇着扇子，伊的眼睛不大好了。八斤老太说，“一年不如一年！”八斤老太又叹气，伊便不说了。\n\n"
		"伊的曾孙女儿四斤捏着一把豆，正从对面跑来，见这情形，便直奔河边，藏在树后，伸出小头，大声说，“豆子熟了！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "一年不如一年", "八斤老太");
	CHECK_WHO(&h, "豆子熟了", "四斤");
	unhear(&h);
}

/* One named in a 只见 clause after a first clause that names nobody ("两个吃了半个时辰，只见
 * 李四……，说道：") is the tag's subject, not the two of the first clause (a group). */
TEST(novel_zh_named_after_zhijian)
{
	struct heard h;
	CHECKF(hear("张三道：“小人去也。”李四道：“且慢。”\n\n张三道：“有何吩咐？”\n\n"
		"两个吃了半个时辰，只见李四去袖子里摸出一锭银子放在桌上，说道：“休嫌轻微，明日别有酬谢。”张三叉手道：“小人如何敢受？”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "休嫌轻微", "李四");
	CHECK_WHO(&h, "小人如何敢受", "张三");
	unhear(&h);
}

/* One does not call himself: the tag's first subject (何七叔) is the one the quote calls
 * (“七叔，何往？”), so the one named right before the verb (迎见西门庆叫道) speaks. */
TEST(novel_zh_caller_before_the_verb)
{
	struct heard h;
	CHECKF(hear("何七叔道：“小人去也。”西门庆道：“且慢。”\n\n"
		"且说何七叔到午时慢慢地走出来，到巷口，迎见西门庆叫道：“七叔，何往？”何七叔答道：“小人只去前面。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "七叔，何往", "西门庆");
	CHECK_WHO(&h, "小人只去前面", "何七叔");
	unhear(&h);
}

/* A surname, a rank among siblings and a kin ending (杨二嫂, 钱三叔) is a name where it opens
 * a clause or follows 的/个/位; "镇上二叔" (a place and 二叔) is none. */
TEST(novel_zh_surname_rank_kin)
{
	struct heard h;
	CHECKF(hear("我被送到镇上二叔的店里帮忙。斜对门的杨二嫂常来坐，嗑着瓜子。\n\n"
		"“你是新来的？”她问。\n\n“是。”我说。\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "杨二嫂"));
	CHECK(!in_cast(&h, "上二叔"));
	CHECK_WHO(&h, "你是新来的", "杨二嫂");
	unhear(&h);
}

/* One sentence between two quotes that leads into the second with a said-verb (“就是——”她
 * 走近两步，……切切的说，“……”) says who spoke the first as well, not the turn. */
TEST(novel_zh_sandwich_tag_says_the_first)
{
	struct heard h;
	CHECKF(hear("我从十二岁起，便在镇口的茶馆里当伙计。我每天擦桌子，我也烧水。我正打着盹，刘妈来了。\n\n"
		"“你回来了？”我说。\n\n“回来了。”刘妈说。\n\n"
		"“就是——”她走近两步，放低了声音，极秘密似的切切的说，“一个人死了之后，究竟有没有魂灵的？”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "就是", "刘妈");
	CHECK_WHO(&h, "一个人死了之后", "刘妈");
	unhear(&h);
}

/* 女人们, 有些老女人 name many, not the unnamed woman brought on before (陌生女子): 她 after
 * them is still the one the narration is about (秋林嫂). */
TEST(novel_zh_women_are_no_one_woman)
{
	struct heard h;
	CHECKF(hear("“柴湿了。”秋林嫂说。\n\n冬天，王婆子带了一个女人进来了，那女人说了几句，出去了。\n\n"
		"秋林嫂仍旧在灶下烧火。她不大说话，女人们却都笑她，有些老女人还特意来看她。\n\n"
		"“我真傻，真的，”她说，“我单知道下雪天野兽会来。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "我真傻", "秋林嫂");
	unhear(&h);
}

/* A group acting right after an untagged quote (“……”他们立即打断她的话，走开去了。) said it:
 * nobody named, not the one whose turn it was. */
TEST(novel_zh_group_acts_after_quote)
{
	struct heard h;
	CHECKF(hear("“柴湿了。”秋林嫂说。\n\n“今年雨多。”张老爹说。\n\n"
		"“是的，你是单知道下雪天野兽会来。”他们立即打断她的话，走开去了。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "是的，你是单知道", "");
	unhear(&h);
}

/* A compound surname's characters alone open no name: 上 of 上官 closes 路上 and 脸上, so
 * neither 上总 (上 and the title 总) nor 上却不 (上 and a clause opening 却不) is anyone. */
TEST(novel_zh_compound_surname_halves_are_no_surname)
{
	struct heard h;
	CHECKF(hear("“你来了。”周敏说。\n\n路上总有人看她。脸上却不见笑。\n\n却不知道为什么。却不肯说。路上总是冷。\n\n"
		"“走吧。”周敏说。\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "上总") && !in_cast(&h, "上却不"), "上总 and 上却不 are no one");
	CHECK(in_cast(&h, "周敏"));
	unhear(&h);
}

/* 叫 is the verb "to call out" before 了 (叫了两声), and makes someone do a thing after a
 * name already known (叫周敏穿): neither introduces a name (了两声, 周敏穿). */
TEST(novel_zh_jiao_that_names_no_one)
{
	struct heard h;
	CHECKF(hear("“你来了。”周敏说。\n\n门关着，叫了两声，没有人应。他拿来一件棉袄，叫周敏穿。\n\n"
		"周敏不说话。\n\n“走吧。”老周说。\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "了两声"), "了两声 is no one");
	CHECKF(!in_cast(&h, "周敏穿"), "周敏穿 is 周敏");
	CHECK(in_cast(&h, "周敏"));
	unhear(&h);
}

/* A number and 太太 is a wife named by her husband's rank (七太太), not 七太 and a word. */
TEST(novel_zh_numbered_taitai)
{
	struct heard h;
	CHECKF(hear("七太太坐在灯下。\n\n“饭好了吗？”七太太问。\n\n女儿没有应。七太太叹了口气，七太太又去看火。\n\n"
		"“就好了。”女儿说。\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "七太"), "七太 is 七太太 cut short");
	CHECK_WHO(&h, "饭好了吗", "七太太");
	unhear(&h);
}

/* A tag whose clause opens with 又/便 and no subject ("又思忖道") has a verb where a name
 * would be; a verb and a measure word (吓得个) is no name either. */
TEST(novel_zh_tag_verbs_are_no_one)
{
	struct heard h;
	CHECKF(hear("“这厮好大胆！”行者骂道。\n\n“大圣饶命！”吓得个老汉叫道。\n\n“饶你不得！”行者道。\n\n“大圣饶命！”吓得个老汉哭道。\n\n"
		"行者收了棒。\n\n“师父不要我了。”又思忖道：“不打他也罢。”\n\n思忖了一回，思忖不定。\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "思忖"), "思忖 is a verb");
	CHECKF(!in_cast(&h, "吓得个"), "吓得个 is a verb");
	CHECK(in_cast(&h, "行者"));
	unhear(&h);
}
