/* tests/test_novel_zh2.c — more Chinese speaker and cast rules (novel_zh.c,
 * novel_names_zh.c, novel_tags_zh.c), each on a fresh passage: names cut wrong, a
 * preposition read as a surname, descriptive names of modern fiction. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* 于 and 向 are surnames and prepositions: inside a clause ("递于长庚", "对于孩子") they are
 * the preposition, so 于长庚 is no full name of 长庚. */
TEST(novel_zh2_preposition_is_no_surname)
{
	struct heard h;
	CHECKF(hear("长庚挑着柴下山。长庚走到溪边，放下担子。老僧取出一封书信，递于长庚道：“带给山下的人。”\n\n"
		"长庚接了信，笑道：“师父放心。”\n\n长庚说：“我这就去。”\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "于长庚"), "于长庚 is 长庚 after the preposition 于");
	CHECK_WHO(&h, "我这就去", "长庚");
	unhear(&h);
}

/* Descriptive names of modern fiction that the tag's cut left short: X家的 (the wife of
 * X: 孙福家的, not 孙福家) and 花白胡子 (not 花白胡) are the name whole. */
TEST(novel_zh2_descriptive_names_whole)
{
	struct heard h;
	CHECKF(hear("孙福家的正在院里晒被。孙福家的道：“谁在外头？”\n\n“是我，送柴来的。”门外的人说。\n\n"
		"孙福家的笑道：“进来罢。”\n\n茶馆里坐着一个花白胡子的人。\n\n“今天好冷。”花白胡子说。\n\n"
		"“冷是冷的。”掌柜道。\n\n“要下雪了。”花白胡子便又说。\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "孙福家"), "孙福家 is 孙福家的 cut short");
	CHECKF(!in_cast(&h, "花白胡"), "花白胡 is 花白胡子 cut short");
	CHECK_WHO(&h, "进来罢", "孙福家的");
	CHECK_WHO(&h, "要下雪了", "花白胡子");
	unhear(&h);
}

/* A name written with a word for his wife after it (德昌太太, 德昌嫂) is a man's, though the
 * pronouns after "德昌进来了，她……" would vote him a woman: 他 is 德昌. And the body of a
 * tag that is a name and such a word (德昌太太问) is that name whole, the wife. */
TEST(novel_zh2_husband_of_a_wife_is_a_man)
{
	struct heard h;
	CHECKF(hear("德昌太太坐在窗下缝衣裳，听得德昌进来了，她并不抬头。听得德昌咳嗽，她也不抬头。\n\n"
		"“回来了？”德昌太太问。\n\n“嗯。”他放下伞，说。\n\n德昌太太又缝了几针，她叹了一口气。\n\n"
		"“米又涨了。”她说。\n\n“涨就涨罢。”他说。\n\n德昌走到桌边。“饭呢？”德昌问。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "回来了", "德昌太太");
	CHECK_WHO(&h, "嗯。", "德昌");
	CHECK_WHO(&h, "涨就涨罢", "德昌");
	CHECK_WHO(&h, "米又涨了", "德昌太太");
	unhear(&h);
}

/* Surnames of the common stock (康, 卜, 华, 洪...) that are no common word: 卜青园 is the
 * full name of 青园, and 康大叔 speaks. (Those that are also words, 单 简单, 文 文章, are
 * left out.) */
TEST(novel_zh2_more_surnames)
{
	struct heard h;
	CHECKF(hear("门外走进一个人，正是卜青园。青园拱一拱手，青园笑道：“来迟了。”\n\n“不迟。”主人说。\n\n"
		"“我们连夜赶来的。”青园又说。\n\n康大叔坐在角落里，康大叔道：“今天好热闹。”\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "卜青园"));
	CHECK_WHO(&h, "来迟了", "卜青园");
	CHECK_WHO(&h, "今天好热闹", "康大叔");
	unhear(&h);
}

/* A surname that is a common word too (单 简单, 文 文章) is no surname in a clause, but
 * before a rank among siblings and a kin ending it is one: 单二嫂 is a name. */
TEST(novel_zh2_weak_surname_with_rank)
{
	struct heard h;
	CHECKF(hear("单二嫂坐在门口纳鞋底。隔壁的孩子跑过来。\n\n“单二嫂，你家的鸡跑了！”孩子喊。\n\n"
		"单二嫂放下鞋底，站起来说：“往那边跑了？”\n\n“往河边去了。”孩子说。\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "单二嫂"));
	CHECK_WHO(&h, "往那边跑了", "单二嫂");
	unhear(&h);
}

/* 一个/一位 opening a tag's subject with no name after it ("只见一个伙计来报", "一个又说")
 * is someone unnamed: nobody named says it, not the one who spoke before. */
TEST(novel_zh2_one_unnamed_is_nobody)
{
	struct heard h;
	CHECKF(hear("宝根和秋生坐在河边钓鱼。\n\n“今天没有鱼。”宝根说。\n\n“再等一等。”秋生说。\n\n"
		"宝根点点头。只见一个伙计来报：“掌柜叫你们回去。”\n\n“知道了。”宝根说。\n\n“你们听见了么？”一个又说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "掌柜叫你们回去", "");
	CHECK_WHO(&h, "你们听见了么", "");
	unhear(&h);
}

/* "他的母亲慌忙说": 他 and a kin word of known gender is not 他 but the last one of that
 * gender mentioned (王大妈), when no name follows the kin word. */
TEST(novel_zh2_his_mother_is_not_him)
{
	struct heard h;
	CHECKF(hear("王大妈在灶下烧火。王大妈的儿子宝根坐在桌边。\n\n“饭好了么？”宝根问。\n\n“就好了。”王大妈说。\n\n"
		"宝根吃完了饭，站起身来，他的母亲慌忙说：“你坐着，外面冷。”\n\n“我去看看。”宝根说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你坐着，外面冷", "王大妈");
	unhear(&h);
}

/* No character without evidence of a person: a place (嘴里说, 马路上), a quantity (许多 opening
 * clauses), a word that opens a quote's clauses only (“包好！”), an institution that "says"
 * (政府说: a body, nobody named). */
TEST(novel_zh2_no_place_or_thing_in_the_cast)
{
	struct heard h;
	CHECKF(hear("老栓坐在灯下。包好的东西放在桌上。\n\n“包好！包好！”老栓说。\n\n“包好？”车夫问。“包好，包好。”\n\n"
		"马路上很冷。马路上没有人，马路上只有风。许多人都睡了，许多店都关了门，许多灯也灭了。\n\n"
		"车夫拉起车，嘴里说道：“走罢。”\n\n政府说：“上了课才给钱。”老栓便叹气。\n", &h) == 0, "%s", err_msg());
	static const char *const no[] = { "嘴里", "马路上", "许多", "包好", "政府", NULL };
	for (int i = 0; no[i]; i++) CHECKF(!in_cast(&h, no[i]), "%s is no person", no[i]);
	CHECK_WHO(&h, "上了课才给钱", "");
	unhear(&h);
}

/* A given name with no surname that the quotes call out whole (“学勤！”, “学勤，……”) and
 * that opens clauses of the narration (学勤从院子里跑进来) is a person: he answers. */
TEST(novel_zh2_called_given_name)
{
	struct heard h;
	CHECKF(hear("父亲坐在书桌前，翻着一本字典。\n\n“学勤！”父亲叫道。\n\n学勤从院子里跑进来，学勤站在门口，不敢说话。\n\n"
		"“学勤，这个字念什么？”\n\n“我……我不认得。”\n\n学勤低着头。父亲把字典一合。\n\n“你在学堂里学了些什么？”\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "学勤"));
	CHECK_WHO(&h, "我……我不认得", "学勤");
	CHECK_WHO(&h, "学勤，这个字念什么", "父亲");
	unhear(&h);
}

/* A given name may open with 道, 天 or 正 (道远, 天佑), though those characters open words
 * too: 孟道远, named whole once, is 道远 who opens the narration's clauses. */
TEST(novel_zh2_given_name_opening_with_dao)
{
	struct heard h;
	CHECKF(hear("门外来了孟道远。主人迎出去。\n\n“道翁来了！”主人说。\n\n道远拱一拱手，进了书房。道远一进门便嚷道：“好冷的天！”\n\n"
		"“请坐，请坐。”主人说。\n\n道远笑道：“不坐了，我就走。”\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "孟道远"));
	CHECK_WHO(&h, "好冷的天", "孟道远");
	CHECK_WHO(&h, "不坐了", "孟道远");
	unhear(&h);
}

/* A given name whose second character is also a verb (喜 of 双喜, zh_verbs_after) is not
 * cut there when the two are written often and no surname opens them: 双喜 speaks, not 双. */
TEST(novel_zh2_name_with_a_verb_character)
{
	struct heard h;
	CHECKF(hear("双喜拔前篙，阿水在后舱。双喜说，船快到了。双喜望一望岸上。\n\n“看得见戏台了。”双喜说。\n\n"
		"“在那里？”阿水问。\n\n双喜把手一指，双喜说：“那边，红红绿绿的。”\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "双喜"));
	CHECK_WHO(&h, "看得见戏台了", "双喜");
	CHECK_WHO(&h, "那边，红红绿绿的", "双喜");
	unhear(&h);
}

/* A name a naming phrase gives after a kin word (“只有其子，小名狗儿”) is that kin's, a new
 * person, not another name of the one named before (王成). */
TEST(novel_zh2_son_named_is_not_father)
{
	struct heard h;
	CHECKF(hear("乡中有一户人家，姓王，名唤王成。王成已故，只有其子，小名柱儿。柱儿娶了刘氏。\n\n"
		"这日柱儿吃了几杯闷酒，柱儿道：“有法儿还等到这会子呢。”\n\n刘氏道：“你也别恼。”\n\n"
		"柱儿道：“你只会混说。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "有法儿还等到这会子呢", "柱儿");
	CHECK_WHO(&h, "你只会混说", "柱儿");
	unhear(&h);
}

/* Narration between two quotes that ends right at a said-verb, with no comma or colon
 * (“……”张三看了他一会，便问“……”), leads into the second quote: not the one before's. */
TEST(novel_zh2_verb_right_before_the_quote)
{
	struct heard h;
	CHECKF(hear("刘老汉来到门前，门前坐着张三和李四。\n\n“谁来了？”张三道。\n\n“一个老头儿。”李四道。\n\n"
		"刘老汉只得上前问：“大哥们好。”张三看了他一会，便问“你找谁？”刘老汉陪笑道：“找周大娘。”\n\n"
		"“她不在。”李四说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "大哥们好", "刘老汉");
	CHECK_WHO(&h, "你找谁", "张三");
	CHECK_WHO(&h, "找周大娘", "刘老汉");
	unhear(&h);
}

/* Unnamed speakers a clause opener hides: 内中/其中 before "有一老年人", 只听 before "小厮们",
 * and 那些人 (a group) are nobody named, not the one who spoke before. */
TEST(novel_zh2_hidden_unnamed_speakers)
{
	struct heard h;
	CHECKF(hear("刘姥姥来到门前，门前坐着几个人。\n\n刘姥姥陪笑道：“我找周大爷的。”那些人听了，都不瞅睬，半日方说道：“你在那墙角下等着。”"
		"内中有一老年人说道：“不要误他的事。”\n\n刘姥姥谢过，又说：“多谢太爷。”只听门上小厮们回说：“东府里的大爷来了。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "我找周大爷的", "刘姥姥");
	CHECK_WHO(&h, "你在那墙角下等着", "");
	CHECK_WHO(&h, "不要误他的事", "");
	CHECK_WHO(&h, "东府里的大爷来了", "");
	unhear(&h);
}

/* 那人/这人 opening a tag is one the narration does not name: nobody named, not the one the
 * paragraph began with (老栓). */
TEST(novel_zh2_that_one_is_nobody_named)
{
	struct heard h;
	CHECKF(hear("老栓站在街口，老栓等了许久。\n\n“来了么？”老栓问。\n\n"
		"老栓慌忙摸出洋钱，抖抖的想交给他。那人便焦急起来，嚷道，“怕什么？怎的不拿！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "怕什么", "");
	unhear(&h);
}

/* A surname and two characters that open two clauses of the narration and are written three
 * times (钱若水伸开两个指头按脉, 钱若水说了半句话) are a person though no tag names him. */
TEST(novel_zh2_surname_and_two_from_clauses)
{
	struct heard h;
	CHECKF(hear("只有去找钱若水这一条路了。\n\n钱若水伸开两个指头按脉，按了许久。\n\n“先生，我家孩子什么病呀？”阿香问。\n\n"
		"钱若水说了半句话，便闭上眼睛。\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "钱若水"));
	unhear(&h);
}

/* A descriptive name that ends with a title (跛脚三少爷: 跛脚 "lame", 三 a rank, 少爷) and
 * is written twice is the name whole, though it has no surname and five characters. */
TEST(novel_zh2_descriptive_name_with_title)
{
	struct heard h;
	CHECKF(hear("茶馆里人渐渐多了。“好香！”这是跛脚三少爷到了。\n\n“今天的茶不错。”掌柜说。\n\n"
		"跛脚三少爷点着头说：“是不错，再来一壶。”\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "跛脚三少爷"));
	CHECK_WHO(&h, "是不错", "跛脚三少爷");
	unhear(&h);
}

/* A quote that is only a short form of a longer name (“大娘”, joined to 周大娘) is read within
 * its own bytes: the name's end is the short form's, not the longer one's (nov_zh_called read
 * past the quote; under ASan this aborted). */
TEST(novel_zh2_short_name_quote_in_bounds)
{
	struct heard h;
	CHECKF(hear("周大娘在院里晒被。周大娘道：“谁呀？”\n\n刘姥姥站在门外，叫道：“大娘”\n\n“来了。”周大娘说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "来了", "周大娘");
	CHECK(strcmp(who_said(&h, "大娘"), "周大娘") != 0);
	unhear(&h);
}
