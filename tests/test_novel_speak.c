/* tests/test_novel_speak.c — the focus of this file is who speaks a novel's quotations
 * (story/novel_speak.c and the names behind it): one small passage per rule (speech
 * tags after and before the quote in English and Chinese, turn-taking, the one spoken
 * to by name, relations like "his lady" and "her ladyship", the first-person narrator,
 * groups, one-character names), no character made of a verb phrase, a form of address
 * or a caption, tags and emphasis out of the spoken text, casting (gender, age), the
 * episode cap; and the accuracy on a part of the annotated corpus (tests/prose). */
#include "test.h"
#include "story/story.h"
#include "story/novel.h"
#include "core/util.h"
#include "core/model.h"

#include <stdlib.h>
#include <string.h>

/* The speaker of the first line containing part: "" for a line of nobody, "(none)" if no line. */
static const char *says(const struct series *s, const char *part)
{
	for (size_t i = 0; i < s->n_eps; i++)
		for (size_t j = 0; j < s->eps[i].n_scenes; j++)
			for (size_t k = 0; k < s->eps[i].scenes[j].n_shots; k++) {
				const struct shot *sh = &s->eps[i].scenes[j].shots[k];
				if (sh->line && sh->line->text && strstr(sh->line->text, part)) return sh->line->speaker ? sh->line->speaker : "";
			}
	return "(none)";
}

/* 1 if any line or action of s contains part */
static int has_text(const struct series *s, const char *part)
{
	for (size_t i = 0; i < s->n_eps; i++)
		for (size_t j = 0; j < s->eps[i].n_scenes; j++)
			for (size_t k = 0; k < s->eps[i].scenes[j].n_shots; k++) {
				const struct shot *sh = &s->eps[i].scenes[j].shots[k];
				if ((sh->line && sh->line->text && strstr(sh->line->text, part)) || (sh->action && strstr(sh->action, part))) return 1;
			}
	return 0;
}

static struct series *import(const char *text, const char *lang)
{
	struct story_opts o = { .lang = lang, .minutes = 3 };
	struct series *s = NULL;
	if (story_from_novel(text, &o, &s) < 0) return NULL;
	return s;
}

#define CHECK_SAYS(s, part, who) do { const char *w_ = says(s, part); \
	if (strcmp(w_, who)) { test_fail(__FILE__, __LINE__, "\"%s\" said by \"%s\", expected \"%s\"", part, w_, who); series_free(s); return; } } while (0)

/* 1. English tags: after the quote with the verb first or last, a pronoun, "said I". */
TEST(novel_speak_1_tags_en)
{
	struct series *s = import(
		"Anna and Tom sat in the kitchen. Tom poured the tea.\n\n"
		"\"It is late,\" said Anna.\n\n"
		"\"Not yet,\" Tom replied. \"The train is at nine.\"\n\n"
		"Anna looked at the clock. \"Then hurry,\" she cried.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "It is late", "Anna");
	CHECK_SAYS(s, "Not yet", "Tom");
	CHECK_SAYS(s, "The train is at nine", "Tom");   /* the quote after the tag */
	CHECK_SAYS(s, "Then hurry", "Anna");
	series_free(s);
}

/* 2. Chinese tags: X说 after, X道： / X笑道： before, a paragraph ending 他说： before the quote. */
TEST(novel_speak_2_tags_zh)
{
	struct series *s = import(
		"母亲和闰土坐在厨房里。\n\n"
		"“你休息一两天。”母亲说。\n\n"
		"闰土笑道：“不必了。”\n\n"
		"第二日，母亲要他捕鸟。闰土说：\n\n"
		"“这不能。须大雪下了才好。”\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "你休息一两天", "母亲");
	CHECK_SAYS(s, "不必了", "闰土");
	CHECK_SAYS(s, "这不能", "闰土");
	series_free(s);
}

/* 3. A colon leads into the next quote, never back onto the one before ("武大道："). */
TEST(novel_speak_3_colon_leads_in)
{
	struct series *s = import("武大挑着担儿回来，武松见了武大。\n\n武松说道：“哥哥如何却在这里？”武大道：“二哥，你如何不寄封书来？”武松道：“哥哥休怪。”\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "哥哥如何却在这里", "武松");
	CHECK_SAYS(s, "你如何不寄封书来", "武大");
	CHECK_SAYS(s, "哥哥休怪", "武松");
	series_free(s);
}

/* 4. Turn-taking; "his lady" is Mrs. X of Mr. X; the one addressed by name answers and is
 * never the speaker; a nickname ("Lizzy") addresses its owner. */
TEST(novel_speak_4_turns_and_address)
{
	struct series *s = import(
		"Mr. Bennet read by the fire. Mrs. Bennet came in with news, and Elizabeth followed her.\n\n"
		"\"My dear Mr. Bennet,\" said his lady to him one day, \"have you heard the news?\"\n\n"
		"\"I have not.\"\n\n"
		"\"Netherfield is let at last.\"\n\n"
		"\"Is it?\"\n\n"
		"\"Who has taken it?\" said Elizabeth.\n\n"
		"\"When is the ball, Lizzy?\" asked Mrs. Bennet.\n\n"
		"\"To-morrow fortnight.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "have you heard", "Mrs. Bennet");
	CHECK_SAYS(s, "I have not", "Mr. Bennet");
	CHECK_SAYS(s, "Netherfield is let", "Mrs. Bennet");
	CHECK_SAYS(s, "Is it?", "Mr. Bennet");
	CHECK_SAYS(s, "To-morrow fortnight", "Elizabeth");
	CHECK(!series_find_character(s, "Lizzy"));
	series_free(s);
}

/* 5. "her ladyship" is the titled lady; "she" at a turn of two women is the one whose turn it is. */
TEST(novel_speak_5_ladyship)
{
	struct series *s = import(
		"Lady Catherine and Elizabeth walked in the garden.\n\n"
		"\"You know why I came,\" said Lady Catherine.\n\n"
		"\"I do not,\" said Elizabeth.\n\n"
		"\"Miss Bennet,\" replied her ladyship, \"you ought to know.\"\n\n"
		"\"You can have nothing further to say,\" she answered.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "you ought to know", "Lady Catherine");
	CHECK_SAYS(s, "nothing further to say", "Elizabeth");
	CHECK(!series_find_character(s, "Miss Bennet"));   /* a form of address, no one new */
	series_free(s);
}

/* 6. A first-person narrator (我 / I) speaks and is spoken with. */
TEST(novel_speak_6_narrator)
{
	struct series *s = import(
		"我回到故乡。我的母亲早已迎着出来了。我坐下喝茶。我看着院子。我很高兴。\n\n"
		"“你休息一两天。”母亲说。\n\n"
		"“是的。”\n\n"
		"“那有这事……”我惶恐着，站起来说。\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "你休息一两天", "母亲");
	CHECK_SAYS(s, "是的", "我");
	CHECK_SAYS(s, "那有这事", "我");
	series_free(s);
	s = import(
		"我回到故乡。我的母亲早已迎着出来了。我坐下喝茶。我看着院子。我很高兴。杨二嫂站在我面前。\n\n"
		"“迅哥儿，你阔了。”杨二嫂说。\n\n"
		"“我并没有阔哩。”我说。\n\n"
		"“还是照旧：迅哥儿。”母亲说。\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "我并没有阔哩", "迅哥儿");   /* the narrator's childhood name joins him */
	CHECK_SAYS(s, "你阔了", "杨二嫂");
	series_free(s);
	s = import(
		"I had seen little of Holmes lately. I rang the bell. I was shown up. Holmes was at work. I sat down.\n\n"
		"\"Wedlock suits you,\" he remarked. \"I think, Watson, that you have put on weight.\"\n\n"
		"\"Seven!\" I answered.\n\n"
		"\"Quite so, Watson.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Wedlock suits you", "Holmes");
	CHECK_SAYS(s, "Seven", "Watson");   /* the narrator, by the name the other calls him */
	CHECK_SAYS(s, "Quite so", "Holmes");
	series_free(s);
}

/* 7. A group speaks as nobody; a one-character name is its owner (卓 -> 董卓). */
TEST(novel_speak_7_groups_and_short_names)
{
	struct series *s = import(
		"董卓引兵入京。董卓大喜。李儒见董卓。李儒在旁。\n\n"
		"卓曰：“吾欲废帝，何如？”儒曰：“不可。”众人俱曰：“愿从主公！”卓怒曰：“谁敢不从！”\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "吾欲废帝", "董卓");
	CHECK_SAYS(s, "不可", "李儒");
	CHECK_SAYS(s, "愿从主公", "");
	CHECK_SAYS(s, "谁敢不从", "董卓");
	CHECK(!series_find_character(s, "众人"));
	series_free(s);
}

/* 8. No character from a verb phrase, a pronoun phrase or a caption. */
TEST(novel_speak_8_no_false_characters)
{
	struct series *s = import(
		"[Illustration]\n\n"
		"武大挑着担儿回来。\n\n"
		"武大应道：“最好。”那妇人道：“你去罢。”武大应道：“我便来也。”\n\n"
		"母亲便向着我说：“这是杨二嫂。”\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK(!series_find_character(s, "武大应"));
	CHECK(!series_find_character(s, "向着我"));
	CHECK(!series_find_character(s, "便向着我"));
	CHECK_SAYS(s, "最好", "武大");
	CHECK_SAYS(s, "这是杨二嫂", "母亲");
	CHECK(!s->title || !strstr(s->title, "Illustration"));
	for (size_t i = 0; i < s->n_chars; i++) CHECK(!strstr(s->chars[i].name, "Illustration"));
	series_free(s);
}

/* 9. The tag leaves the spoken line and the action; emphasis marks and captions go. */
TEST(novel_speak_9_tags_and_emphasis_out)
{
	struct series *s = import(
		"Lady Catherine sat down without a word.\n\n"
		"\"You have a _very_ small park here,\" returned Lady Catherine, after a short silence.\n\n"
		"[Illustration: the park]\n\n"
		"Mrs. Bennet said only, \"It is *nothing* to Rosings.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "You have a very small park here", "Lady Catherine");
	CHECK_SAYS(s, "It is nothing to Rosings", "Mrs. Bennet");
	CHECK(!has_text(s, "returned Lady Catherine"));
	CHECK(!has_text(s, "said only"));
	CHECK(!has_text(s, "_"));
	CHECK(!has_text(s, "Illustration"));
	series_free(s);
}

/* 10. Casting: gender from the pronouns after a name, age where the text says it. */
TEST(novel_speak_10_casting)
{
	struct series *s = import(
		"Holmes lit his pipe. He was thirty-four years old, and he looked tired. Irene Adler smiled; she had won.\n\n"
		"\"You are late,\" said Holmes.\n\n"
		"\"Am I?\" said Irene Adler.\n", "en");
	CHECKF(s, "%s", err_msg());
	/* (a first and last name always written together is one person under the whole name) */
	const struct character *h = series_find_character(s, "Holmes"), *i = series_find_character(s, "Irene Adler");
	CHECK(h && i);
	CHECK_STR(h->gender, "male");
	CHECK_STR(i->gender, "female");
	CHECK_INT(h->age, 34);
	CHECK_INT(i->age, 0);   /* not stated: 0, an adult to the voice caster */
	series_free(s);
	s = import("我到了自家的房外，接着便飞出了八岁的侄儿宏儿。\n\n宏儿问道：“你是谁？”宏儿又说：“大伯！”\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK(series_find_character(s, "宏儿"));
	CHECK_INT(series_find_character(s, "宏儿")->age, 8);
	series_free(s);
}

/* 11. A text too long for 500 episodes makes longer episodes, never more than 500. */
TEST(novel_speak_11_episode_cap)
{
	struct sbuf b = { 0 };
	for (int i = 0; i < 400; i++)
		sb_printf(&b, "Chapter %d\n\nAnna walked to the station and waited for the late train in the rain.\n\n\"It is late,\" said Anna.\n\n\"It always is,\" said Tom.\n\n", i + 1);
	struct story_opts o = { .lang = "en", .minutes = 0.05 };
	struct series *s = NULL;
	CHECKF(story_from_novel(b.s, &o, &s) == 0, "%s", err_msg());
	sb_free(&b);
	CHECKF(s->n_eps <= NOV_MAX_EPISODES && s->n_eps > 100, "%zu episodes", s->n_eps);
	series_free(s);
}

/* 12. English lead-ins read clause by clause: the said-verb's clause with no subject takes
 * the one of the clause before ("As Henry opened the gate, Margaret took his arm, and said
 * with a smile to him:"); a pronoun of the main clause is the name the sentence opens with;
 * "said Margaret to Clara": Clara answers; "greeted by Clara:" is Clara. */
TEST(novel_speak_12_lead_in_clauses)
{
	struct series *s = import(
		"Margaret, Henry and Clara walked along the river. The wind was cold, and the path was steep.\n\n"
		"\"We should turn back,\" said Clara.\n\n"
		"As Henry opened the gate, Margaret took his arm, and said with a smile to him:\n\n"
		"\"One more mile, and then we rest.\"\n\n"
		"\"Is it far?\" said Margaret to Clara.\n\n"
		"\"Not far at all.\"\n\n"
		"Though Henry was tired, and the light was going, he turned to them and said:\n\n"
		"\"I can see the inn from here.\"\n\n"
		"The inn was warm. Henry sat by the window with his book, when he was greeted by Clara:\n\n"
		"\"You have not eaten anything.\"\n\n"
		"\"I am not hungry.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "We should turn back", "Clara");
	CHECK_SAYS(s, "One more mile", "Margaret");
	CHECK_SAYS(s, "Is it far", "Margaret");
	CHECK_SAYS(s, "Not far at all", "Clara");          /* the one the tag spoke to (not Henry, who spoke before) */
	CHECK_SAYS(s, "I can see the inn", "Henry");
	CHECK_SAYS(s, "You have not eaten", "Clara");
	CHECK_SAYS(s, "I am not hungry", "Henry");         /* the one greeted answers */
	series_free(s);
}

/* 13. Narration between quotes: a nod answering a question passes the turn back; someone
 * who comes into the talk by acting speaks next and is the "he" of the tag; a given name
 * gives a gender where no pronoun does. */
TEST(novel_speak_13_beats_and_given_names)
{
	struct series *s = import(
		"Clara and Henry stood in the kitchen. Harriet sat by the fire.\n\n"
		"\"Will you come with us tomorrow?\" asked Clara.\n\n"
		"Henry nodded.\n\n"
		"\"Then we leave at dawn.\"\n\n"
		"\"Good.\"\n\n"
		"Uncle Robert came in from the yard, stamping the snow off his boots.\n\n"
		"\"Who left the gate open?\" he asked.\n\n\"Close the door,\" said Harriet.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Will you come", "Clara");
	CHECK_SAYS(s, "Then we leave at dawn", "Clara");   /* Henry answered with a nod */
	CHECK_SAYS(s, "Good.", "Henry");
	CHECK_SAYS(s, "Who left the gate open", "Uncle Robert");
	const struct character *h = series_find_character(s, "Harriet");
	CHECK(h && str_eq(h->gender, "female"));
	series_free(s);
}

/* 14. Chinese: a said-verb whose subject is several or counted unnamed ones (四个小妖,
 * 众妖一齐, 两个老猴, 猴婆、猴女) speaks as nobody named, not as the one whose turn it is;
 * 对众说 is still the one who speaks to them. */
TEST(novel_speak_14_zh_plural_subjects)
{
	struct series *s = import(
		"大圣驾云回到洞中，坐在石凳上。\n\n"
		"大圣对众说道：“我回来了。”\n\n"
		"元帅道：“大王去了许久。”\n\n"
		"大圣道：“学了些本事。”\n\n"
		"大圣正说间，转上四个小妖走在面前道：“大王一路辛苦！”\n\n"
		"两个老猴上前启奏道：“洞中还有酒。”\n\n"
		"大圣取出宝贝，唬得众妖一齐跪下道：“恭喜大王！”\n\n"
		"后面闪过猴婆、猴女道：“请大王吃桃。”\n\n"
		"大圣笑道：“都起来。”\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "我回来了", "大圣");
	CHECK_SAYS(s, "去了许久", "元帅");
	CHECK_SAYS(s, "一路辛苦", "");
	CHECK_SAYS(s, "洞中还有酒", "");
	CHECK_SAYS(s, "恭喜大王", "");
	CHECK_SAYS(s, "请大王吃桃", "");
	CHECK_SAYS(s, "都起来", "大圣");
	series_free(s);
}

/* 15. Talk that opens after narration naming two people, untagged: the first named speaks,
 * then they alternate; "gasped" is a said-verb. Chinese names the narration opens its
 * clauses with (周敏, three times) or writes with a title (王主任) are characters. */
TEST(novel_speak_15_seeded_talk_and_zh_names)
{
	struct series *s = import(
		"The shop was empty except for Ivy, who was counting coins, and Leo, who was asleep behind the counter.\n\n"
		"\"Wake up.\"\n\n\"I am awake.\"\n\n\"You were snoring.\"\n\n\"Thinking loudly.\"\n\n"
		"Leo opened one eye and looked at the till.\n\n"
		"\"It is short,\" Ivy gasped. \"Ten pounds short.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Wake up", "Ivy");
	CHECK_SAYS(s, "I am awake", "Leo");
	CHECK_SAYS(s, "You were snoring", "Ivy");
	CHECK_SAYS(s, "Thinking loudly", "Leo");
	CHECK_SAYS(s, "Ten pounds short", "Ivy");
	series_free(s);
	s = import(
		"办公室里，周敏在打电话，王主任在看报纸。周敏挂了电话，周敏回头看了一眼窗外。\n\n"
		"周敏转过身来说：“主任，客户到了。”\n\n"
		"王主任放下报纸：“请他们进来。”\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "客户到了", "周敏");
	CHECK_SAYS(s, "请他们进来", "王主任");
	series_free(s);
}

/* 16. A name that ends like an adverb is still a name after the verb ("said Tilly"); a
 * first-person narrator is never the "she" of a tag, even at the narrator's turn; kin words
 * the narration uses as subjects (妈妈) are characters. */
TEST(novel_speak_16_ly_names_narrator_kin)
{
	struct series *s = import(
		"Owen and Tilly sat by the pond.\n\n\"It needs a name,\" said Owen.\n\n\"It needs a bailer,\" said Tilly.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "It needs a bailer", "Tilly");
	series_free(s);
	s = import(
		"I had not slept for two nights when Vera came into my office. I knew her face; I had seen it in the papers. "
		"I offered her a chair and I waited.\n\n"
		"\"I need help,\" said Vera.\n\n\"Everybody does.\"\n\n"
		"\"My brother is missing,\" she said.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "My brother is missing", "Vera");
	series_free(s);
	s = import(
		"除夕那天，我下午才到家。妈妈在厨房里忙着，妈妈从厨房探出头来：“回来了？洗手，马上开饭。”\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "马上开饭", "妈妈");
	series_free(s);
}

/* 17. A person called by a title: "the Colonel" written twice with no Colonel X is a
 * character; "the captain" in a tag is Captain Rees. */
TEST(novel_speak_17_called_by_title)
{
	struct series *s = import(
		"The Colonel came down to breakfast in a temper. His niece Lucy was already at the table.\n\n"
		"\"I have had a letter,\" said the Colonel.\n\n\"From whom, uncle?\" asked Lucy.\n\n"
		"Captain Rees and Ellen walked on the quay. Ellen carried the books.\n\n"
		"\"There is a gale,\" said Ellen.\n\n\"Then nobody sails,\" said the captain.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "I have had a letter", "Colonel");
	CHECK_SAYS(s, "Then nobody sails", "Captain Rees");
	series_free(s);
}

/* 18. A first-person narrator known by "my" and "me" more than by "I"; the first reply
 * of an exchange goes to the other one the narration just brought on. */
TEST(novel_speak_18_narrator_my_first_reply)
{
	struct series *s = import(
		"My sister took me to the fair the summer I was nine. My sister liked the fair more than me, and she told me so.\n\n"
		"\"Stay close,\" she said.\n\n\"Why?\" I asked.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Why?", "I");
	series_free(s);
	s = import(
		"My sister took me to the fair the summer I was nine, and I remember my first penny there.\n\n"
		"Old Mr. Tamsin kept the shooting gallery, and his niece Harriet sold ribbons beside him. Harriet had a red shawl.\n\n"
		"\"Three shots a penny,\" Mr. Tamsin called.\n\n\"You said two last year.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "You said two last year", "Harriet");
	series_free(s);
}

/* 19. People known by a role: "the ferryman" brought on by the narration and then in tags
 * is a character; "my grandfather" written again and again too; "the nurse" is Nurse
 * Ames; "Mr. Pell" in the quotes names the "Pell" the narration writes bare; a role
 * first met in a tag ("returned the keeper") is the one whose turn it is. */
TEST(novel_speak_19_role_nouns)
{
	struct series *s = import(
		"The smith was at his anvil when the boy came in. The smith did not look up.\n\n"
		"\"Horse or plough?\" said the smith.\n\n\"Plough,\" said the boy.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Horse or plough", "Smith");
	series_free(s);
	s = import(
		"Pell sat on the ward bench with his foot in a bucket. Nurse Ames came by with the tray.\n\n"
		"\"Good morning, Mr. Pell.\"\n\n\"Is it?\" he said.\n\n\"It is,\" said the nurse.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Is it?", "Mr. Pell");
	CHECK_SAYS(s, "It is", "Nurse Ames");
	series_free(s);
	s = import(
		"I spent every August with my grandfather on the farm, and I was glad of it. My grandfather kept bees and I helped him; he did not believe in hats.\n\n"
		"\"Veil on,\" he said.\n\n\"You never wear one.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Veil on", "Grandfather");
	CHECK_SAYS(s, "You never wear one", "I");
	series_free(s);
	s = import(
		"The light at Gull Point was kept by Jonas Pike. Jonas had a beard like a hedge, and his niece Ada kept the house.\n\n"
		"\"A ship,\" said Ada.\n\n\"Where?\" returned the keeper.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Where?", "Jonas");
	series_free(s);
	s = import("Mr. Quill, the landlord, came for the rent on Friday. The landlord never came on a Thursday.\n\n"
		"\"Rent,\" said the landlord.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Rent", "Mr. Quill");
	series_free(s);
}

/* 20. Chinese people known by a role or kin noun: 老渔翁 opening the narration's clauses is
 * a character; 赵师爷 and the bare 师爷 are one; 小二 is 店小二; no character made of
 * "转过来" (a verb and its direction) or of what follows a title ("县令拍案道"). */
TEST(novel_speak_20_zh_role_nouns)
{
	struct series *s = import(
		"河边住着一个老渔翁。老渔翁每天天不亮就出船，傍晚才回来。\n\n"
		"老渔翁把网摊在沙滩上，说：“今天一条也没有。”\n\n"
		"县衙里新来了一位赵师爷。这一日县令升堂，师爷站在一旁。\n\n"
		"县令拍案道：“带上来！”\n\n师爷低声道：“大人息怒。”\n\n"
		"客人进了茶馆，店小二迎出来道：“客官里面请。”\n\n小二把茶端上来，放下茶壶。小二又转过来问客人：“客官还要些甚么？”\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "今天一条也没有", "老渔翁");
	CHECK_SAYS(s, "大人息怒", "赵师爷");
	CHECK_SAYS(s, "客官还要些甚么", "店小二");
	for (size_t c = 0; c < s->n_chars; c++) {
		CHECKF(!strstr(s->chars[c].name, "转过来"), "character %s", s->chars[c].name);
		CHECKF(!strstr(s->chars[c].name, "拍案"), "character %s", s->chars[c].name);
	}
	series_free(s);
}

/* 21. Turn-taking with a third person: words of address ("Evening, doctor." is not the
 * doctor's; "Bad news, miss?" makes the young woman answer); one arriving in a
 * when-clause opens the talk; someone the narration brings into a talk speaks next; a surname alone gives its pronoun a vote ("Wren put down her
 * cup."). */
TEST(novel_speak_21_address_words_and_newcomers)
{
	struct series *s = import(
		"Dr. Hale was writing up his notes when Constable Dorn knocked.\n\n\"Evening, doctor.\"\n\n\"Sit down, constable.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Evening, doctor", "Constable Dorn");
	series_free(s);
	/* the one who arrives in a when-clause opens the talk */
	s = import("Mr. Ames was reading the paper when Kitty came in with the letters. Kitty had run all the way.\n\n"
		"\"There is one from Leeds.\"\n\n\"Open it, then.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "There is one from Leeds", "Kitty");
	CHECK_SAYS(s, "Open it, then", "Mr. Ames");
	series_free(s);
	s = import(
		"\"Post,\" said Alice, and opened the letter.\n\n\"From London?\" asked Mr. Finch.\n\n"
		"\"Bad news, miss?\" asked Mrs. Lamb.\n\n\"None at all.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "None at all", "Alice");
	series_free(s);
	s = import(
		"\"The cart is late,\" said Tom.\n\n\"It always is,\" said Ann.\n\n"
		"Ann looked down the road. Old Mr. Voss was coming up it with his stick, and he stopped at the gate.\n\n"
		"\"Good day to you both.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Good day to you both", "Mr. Voss");
	series_free(s);
	/* the one the narration's last sentence opens with acted last and speaks */
	s = import(
		"\"We close at ten,\" said Ruth.\n\n\"We close when the boss says,\" said Karl.\n\n"
		"The door opened. A man in a wet coat stood on the mat. Ruth put down the cloth.\n\n\"Table or counter?\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Table or counter", "Ruth");
	series_free(s);
	s = import(
		"Dr. Wren stood at the window. Wren put down her cup and turned round. Mr. Kell was waiting by the door.\n\n"
		"\"Well?\" said Mr. Kell.\n\n\"Not yet,\" she said.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Not yet", "Dr. Wren");
	for (size_t c = 0; c < s->n_chars; c++)
		if (!strcmp(s->chars[c].name, "Dr. Wren")) CHECK_STR(s->chars[c].gender, "female");
	series_free(s);
}

/* 22. Chinese: the one a tag speaks to answers (“又转过来问我：” — the narrator, though he
 * has not spoken yet); a question asked where the narration names one other person is
 * that person's to answer; 他说 is not the one the quote addresses by name. */
TEST(novel_speak_22_zh_listener)
{
	struct series *s = import(
		"那年我九岁。我跟着姑姑住在镇上，我每天放学就去她的铺子。我最喜欢铺子里的糖。姑姑在柜台后面算账，姑父在门口抽烟。\n\n"
		"姑父说：“今天进货了没有？”\n\n“进了。”姑姑说。\n\n"
		"姑姑合上账本，又转过来问我：“作业写完了吗？”\n\n“写完了。”\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "写完了。", "我");
	series_free(s);
	s = import(
		"“水开了，”王婶说。\n\n“我去倒。”李叔说。\n\n"
		"张伯推门进来。王婶看着张伯，问：“吃过饭了？”\n\n“吃过了。”\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "吃过了", "张伯");
	series_free(s);
	/* 他说 is never the one the quote speaks to */
	s = import("王伯在院子里劈柴。李强从门外跑进来，李强满头是汗，李强站在门口。王伯放下斧子，回头看着李强。\n\n“李强，过来。”他说。\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "过来", "王伯");
	series_free(s);
}

/* 23. Chinese words of address: a kin word opening the quote (“哥，……” in a first-person
 * text is said to the narrator; “妈，……” to 妈妈), a greeting (“张叔好。”) — never the
 * speaker's own. */
TEST(novel_speak_23_zh_kin_address)
{
	struct series *s = import(
		"我放寒假回家。我一进门，我妹妹就扑了过来。我把箱子放下，我妈在厨房里忙。妈妈从厨房探出头来，妈妈笑着看我。\n\n"
		"“哥，你给我带什么了？”\n\n“一箱子书。”\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECKF(strcmp(says(s, "你给我带什么了"), "我"), "the narrator's sister asks, not the narrator");
	CHECK_SAYS(s, "一箱子书", "我");
	series_free(s);
}

/* 24. Names the narration gives: “村里人都叫他牛娃” / "everyone called him Sprat" make the
 * nickname that person's in tags and words of address. */
TEST(novel_speak_24_names_given)
{
	struct series *s = import(
		"李春是个放牛娃。李春每天天不亮就出门，李春的牛最肥。村里人都叫他牛娃。\n\n"
		"牛娃笑道：“我去放牛了。”\n", "zh");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "我去放牛了", "李春");
	series_free(s);
	s = import(
		"The smallest boy on the quay was Tom Pell, and everyone called him Sprat. Tom carried the nets.\n\n"
		"\"Sprat, you are late,\" said Mr. Hay.\n\n\"The tide was late,\" said Sprat.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "The tide was late", "Tom");
	series_free(s);
}

/* The annotated corpus, in part: accuracy at least the threshold, and every character a person. */
static void corpus(const char *name, const char *lang, double min)
{
	const char *data = getenv("DRAMA_DATA");
	char *txt = xasprintf("%s/../tests/prose/%s.txt", data ? data : "data", name);
	char *spk = xasprintf("%s/../tests/prose/%s.spk", data ? data : "data", name);
	struct nov_eval r;
	int rc = nov_eval_file(txt, spk, lang, &r);
	free(txt);
	free(spk);
	if (rc < 0) { test_fail(__FILE__, __LINE__, "%s", err_msg()); return; }
	double acc = r.scored ? (double)r.right / (double)r.scored : 0;
	if (acc < min) {
		test_fail(__FILE__, __LINE__, "%s: %zu of %zu right (%.1f%%), expected at least %.0f%%; first miss: %s", name, r.right, r.scored, 100 * acc, 100 * min, r.n_wrong ? r.wrong[0] : "");
		nov_eval_free(&r);
		return;
	}
	if (r.n_strange) test_fail(__FILE__, __LINE__, "%s: \"%s\" is no person of the text", name, r.strange[0]);
	nov_eval_free(&r);
}

/* 25. Names no tag gives (English): one the narration's sentences open with twice
 * ("Hester wiped ... Hester wrapped"), one only ever spoken to ("Morning, Wendell.",
 * "Thank you, Wendell."): both persons, and the one spoken to is not the speaker. */
TEST(novel_speak_25_names_address_en)
{
	struct series *s = import(
		"The bakery opened at six.\n\n"
		"Hester wiped the counter with a cloth. The bell over the door rang.\n\n"
		"\"Morning, Wendell. The usual?\"\n\n"
		"\"The usual.\"\n\n"
		"Hester wrapped two rolls in paper and took the coins.\n\n"
		"\"Thank you, Wendell.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Morning, Wendell", "Hester");
	CHECK_SAYS(s, "The usual.", "Wendell");
	CHECK_SAYS(s, "Thank you, Wendell", "Hester");
	series_free(s);
}

/* 26. A first-person narrator called by a name only in address ("Pip, you've ...",
 * "..., Pip.") is that name, not a new person; "She" before the only woman is first
 * named ("Ottoline counted ...") is her; "him" after her name is no vote for a man. */
TEST(novel_speak_26_narrator_address_cataphora)
{
	struct series *s = import(
		"My aunt ran the post office, and I sorted the letters for her on Saturdays. She licked stamps as if they had offended her.\n\n"
		"\"Pip, you've put the Grange in with the vicarage.\"\n\n"
		"\"They're next door to each other.\"\n\n"
		"\"Next door is not the same door, Pip.\"\n\n"
		"Ottoline counted the parcels and frowned at him. Ottoline frowned at everybody, and she frowned at me most.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "you've put the Grange", "Ottoline");
	CHECK_SAYS(s, "next door to each other", "Pip");
	CHECK_SAYS(s, "not the same door", "Ottoline");
	for (size_t i = 0; i < s->n_chars; i++) {
		CHECKF(strcmp(s->chars[i].name, "Stranger Woman"), "a placeholder for the aunt");
		if (!strcmp(s->chars[i].name, "Ottoline")) CHECK(str_eq(s->chars[i].gender, "female"));
	}
	series_free(s);
}

/* 27. The one spoken to by name answers next or not at all: after Sol's tagged reply,
 * "Bea" (asleep, spoken to once) has no claim on the next untagged quote. */
TEST(novel_speak_27_address_expires)
{
	struct series *s = import(
		"Marta drove. Sol held the map.\n\n"
		"\"Are we there yet?\" Bea asked from the back seat.\n\n"
		"\"Go back to sleep, Bea,\" said Marta.\n\n"
		"\"Left at the church,\" Sol said.\n\n"
		"\"I know where the church is.\"\n\n"
		"\"You missed it last time.\"\n\n"
		"\"That was a different church.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "I know where the church", "Marta");
	CHECK_SAYS(s, "You missed it", "Sol");
	CHECK_SAYS(s, "different church", "Marta");
	series_free(s);
}

/* 28. The reply names the one who spoke: "Then unjam it." is Lena's when the next
 * quote answers "..., Lena." (turn-taking alone gives it to Rosa, who spoke before
 * Tibor). */
TEST(novel_speak_28_reply_names_speaker)
{
	struct series *s = import(
		"Rosa, Tibor and Lena stood round the broken printer.\n\n"
		"\"Did anyone print page nine?\" Lena asked.\n\n"
		"\"It's jammed,\" said Rosa.\n\n"
		"\"It's always jammed,\" said Tibor.\n\n"
		"\"Then unjam it.\"\n\n"
		"\"Me? You unjam it, Lena.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Then unjam it", "Lena");
	CHECK_SAYS(s, "You unjam it", "Tibor");
	series_free(s);
}

/* 29. "said the short man" with no one's turn is the unnamed man the narration brought
 * on; the name only the quotes use, spoken to him ("Supper's on, Ned.", "Thank you,
 * Ned,"), is his: his earlier lines become Ned's and no "Stranger" is left. */
TEST(novel_speak_29_unnamed_named_in_address)
{
	struct series *s = import(
		"Ada came in out of the wind and shut the door behind her. A short man in a cap was sitting by the stove with a newspaper.\n\n"
		"\"Last boat's gone,\" said the short man without looking up.\n\n"
		"\"When is the next one?\"\n\n"
		"\"Six in the morning, if the wind drops.\"\n\n"
		"Mrs. Hurley put her head in at the door.\n\n"
		"\"Supper's on, Ned. Bring the lady.\"\n\n"
		"\"Thank you, Ned,\" said Ada.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Last boat's gone", "Ned");
	CHECK_SAYS(s, "When is the next one", "Ada");
	CHECK_SAYS(s, "Six in the morning", "Ned");
	CHECK_SAYS(s, "Supper's on", "Mrs. Hurley");
	for (size_t i = 0; i < s->n_chars; i++) CHECKF(strcmp(s->chars[i].name, "Stranger"), "the short man left unnamed");
	series_free(s);
}

/* 30. A tag with no said-verb whose subject owns a voice or a reply ("came Tobin's
 * slow reply", "came her answer") is that owner's, not the one whose turn it was. */
TEST(novel_speak_30_possessed_voice)
{
	struct series *s = import(
		"Nell, Tobin and Mara sat on the steps of the hall.\n\n"
		"\"Is it going to rain?\" asked Nell.\n\n"
		"\"Not today,\" said Mara.\n\n"
		"\"Tomorrow, though,\" came Tobin's slow reply.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Tomorrow, though", "Tobin");
	CHECK(!has_text(s, "slow reply."));   /* the tag is no action */
	series_free(s);
}

/* 31. A short narration paragraph whose last sentence opens with a relation ("Her
 * mother watched her from the sofa.") says who acted last: the mother, whose turn it
 * is, speaks; the daughter the paragraph opens with does not join the talk. */
TEST(novel_speak_31_beat_relation)
{
	struct series *s = import(
		"Mrs. Crane and her daughter Lucy sat with Mr. Abbot in the parlour.\n\n"
		"\"More tea, Mr. Abbot?\" said Mrs. Crane.\n\n"
		"\"No, thank you.\"\n\n"
		"Lucy had gone to the piano and was turning the pages without playing. Her mother watched her from the sofa.\n\n"
		"\"Play something, my dear.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "No, thank you", "Mr. Abbot");
	CHECK_SAYS(s, "Play something", "Mrs. Crane");
	series_free(s);
}

/* 32. An action beat after an untagged quote in its paragraph, opening with its
 * subject ("Her brother stood up ..."), gives the speaker over turn-taking (which
 * gives Pen, who spoke before him). */
TEST(novel_speak_32_beat_after_quote)
{
	struct series *s = import(
		"Pen was shelling peas on the back step with her brother Ivo, and Ivo was eating more than he shelled.\n\n"
		"\"Did you hear the car?\" said Pen.\n\n"
		"\"What car?\"\n\n"
		"\"Oh. That one.\" Her brother stood up and wiped his hands.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "What car?", "Ivo");
	CHECK_SAYS(s, "That one.", "Ivo");
	series_free(s);
}

/* 33. A first-person narrator called "Kit" once and "Kitty" once (a short form and
 * the long one, never in the narration) is one name: "..., Kit." is not the
 * narrator's. */
TEST(novel_speak_33_narrator_short_name)
{
	struct series *s = import(
		"My brother Ambrose came to the door at midnight with snow on his hat, and Ambrose never came at midnight. I went down in my nightshirt and let him knock twice, because I was cold and my feet were bare.\n\n"
		"\"You took your time, Kitty.\"\n\n"
		"\"I was asleep. What do you want?\"\n\n"
		"\"The horse is lame, Kit. I need yours.\"\n\n"
		"\"Then you had better come in.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "You took your time", "Ambrose");
	CHECK_SAYS(s, "I was asleep", "Kitty");
	CHECK_SAYS(s, "The horse is lame", "Ambrose");
	CHECK_SAYS(s, "better come in", "Kitty");
	series_free(s);
}

/* 34. "By the time Clio came down" brings on the one who speaks first, like a
 * when-clause; the first one named answers. */
TEST(novel_speak_34_by_the_time_arrival)
{
	struct series *s = import(
		"Oren was reading in the hall, and Oren had been reading for an hour. By the time Clio came down the stairs, he had finished the paper.\n\n"
		"\"Anything in it?\"\n\n"
		"\"Nothing good. Sit down, Clio.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Anything in it?", "Clio");
	CHECK_SAYS(s, "Nothing good", "Oren");
	series_free(s);
}

/* 35. A short form of one person's first name in address ("..., Marc." for Marcus) is
 * that person's alias: the quote is not Marcus's, though he acted just before it. */
TEST(novel_speak_35_short_first_name)
{
	struct series *s = import(
		"Dora and Marcus were washing up after the party, and Dora was drying.\n\n"
		"Marcus dropped a plate.\n\n"
		"\"That was my grandmother's, Marc.\"\n\n"
		"\"Sorry,\" said Marcus.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK(strcmp(says(s, "my grandmother's"), "Marcus"));
	for (size_t i = 0; i < s->n_chars; i++) CHECK(strcmp(s->chars[i].name, "Marc"));
	series_free(s);
}

/* 36. A short beat whose last sentence opens with the one who spoke last ("Ada pointed
 * at a blue line. Wren bent over it, ...") says she acted last: "she said" next is
 * hers, not the one the beat opens with. */
TEST(novel_speak_36_beat_last_speaker_again)
{
	struct series *s = import(
		"\"We're lost,\" said Ada.\n\n"
		"\"We're not lost,\" said Wren. \"We're exploring.\"\n\n"
		"Ada pointed at a blue line on the map. Wren bent over it, and her hair fell across the page.\n\n"
		"\"That's a river,\" she said.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "That's a river", "Wren");
	series_free(s);
}

/* 37. A surname a couple shares: the bare "Harker" the narration writes with "his" is the
 * husband, not Mrs. Harker, the only one the text titles with it. */
TEST(novel_speak_37_couple_surname)
{
	struct series *s = import(
		"The ferry office smelled of tar. Mrs. Harker sat behind the counter with the ticket book.\n\n"
		"\"One to the island,\" said the girl.\n\n"
		"\"The boat is late,\" said Harker, wiping his hands on a rag. \"Fog.\"\n\n"
		"Mrs. Harker tore off a ticket. \"It is always late, dear. Sit by the stove.\"\n\n"
		"Harker folded his arms. \"Not always.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "The boat is late", "Harker");
	CHECK_SAYS(s, "It is always late", "Mrs. Harker");
	CHECK_SAYS(s, "Not always", "Harker");
	series_free(s);
}

/* 38. A role named in its sentence: "The innkeeper ... was a stout man named Gideon
 * Pratt", so "said the innkeeper" is Gideon Pratt (the name the cast gives him), not
 * another person "Innkeeper"; "named" makes the name a person at once. */
TEST(novel_speak_38_role_named)
{
	struct series *s = import(
		"The innkeeper at Fordham was a stout man named Gideon Pratt, and his daughter Lucy kept the tap.\n\n"
		"\"Another cold night,\" said the innkeeper, stamping the snow off his boots.\n\n"
		"\"Colder tomorrow,\" said Lucy.\n\n"
		"Gideon Pratt laughed and hung up his coat. \"Then we shall sell more brandy.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Another cold night", "Gideon Pratt");   /* (never written "Gideon" alone) */
	CHECK_SAYS(s, "Colder tomorrow", "Lucy");
	CHECK_SAYS(s, "sell more brandy", "Gideon Pratt");
	series_free(s);
}

/* 39. One brought on as what a thing "was": "The last passenger was an old woman with a
 * basket" is an unnamed woman, and "she" and the talk are hers, not the named man's. */
TEST(novel_speak_39_intro_predicate)
{
	struct series *s = import(
		"Dmitri checked the tickets at the gate while the rain came down.\n\n"
		"The last passenger of the evening was an old woman with a basket of eggs, and she held out her ticket without a word.\n\n"
		"\"This is for yesterday,\" said Dmitri.\n\n"
		"She looked at it for a long time. \"Yesterday I missed the boat.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "This is for yesterday", "Dmitri");
	CHECK_SAYS(s, "Yesterday I missed the boat", "Stranger Woman");
	series_free(s);
}

/* 40. A quote that is only a role or title and a name, said to the unnamed one of the
 * talk ("Warden Pike,"), names her: her lines are Warden Pike's, earlier ones too. */
TEST(novel_speak_40_whole_quote_role_name)
{
	struct series *s = import(
		"Nico was mending the net on the jetty when a woman in a grey uniform walked down the planks.\n\n"
		"\"Is this your boat?\" said the woman.\n\n"
		"\"Warden Pike,\" said Nico, standing up. \"It's my father's.\"\n\n"
		"\"Then tell your father the licence ran out in June.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Is this your boat?", "Warden Pike");
	CHECK_SAYS(s, "It's my father's", "Nico");
	CHECK_SAYS(s, "licence ran out", "Warden Pike");
	series_free(s);
}

/* 41. A name written only at sentence starts but with an apposition or a relative after
 * it ("Jonas Kell, who ...", "Pim, the runner,") is a person, so the untagged talk
 * alternates between the two of them. */
TEST(novel_speak_41_appositive_name)
{
	struct series *s = import(
		"\"Lights,\" said Marta. \"And somebody find the kettle.\"\n\n"
		"Jonas Kell, who had found the kettle an hour ago, said nothing.\n\n"
		"Pim, the runner, came in with a box of cables and dropped it on the floor.\n\n"
		"\"Where do these go?\"\n\n"
		"\"Anywhere but there.\"\n\n"
		"\"Right.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Where do these go?", "Pim");
	CHECK_SAYS(s, "Anywhere but there", "Marta");
	CHECK_SAYS(s, "Right.", "Pim");
	series_free(s);
}

/* 42. Present-tense tags of verbs whose past is a tag ("he agrees", "she adds"): the
 * subject speaks. */
TEST(novel_speak_42_present_tense_tags)
{
	struct series *s = import(
		"Rosa and her brother Teo sit on the harbour wall and watch the boats come in.\n\n"
		"\"That one's ours,\" says Rosa.\n\n"
		"\"It isn't,\" says Teo.\n\n"
		"\"Ours has a red stripe,\" he adds.\n\n"
		"\"Maybe,\" she admits. \"But it's late.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "That one's ours", "Rosa");
	CHECK_SAYS(s, "Ours has a red stripe", "Teo");
	CHECK_SAYS(s, "But it's late", "Rosa");
	series_free(s);
}

/* 43. A given name and a surname opening a sentence ("Julia Marsh comes in at noon") are
 * a person even where the name never stands mid-sentence; she speaks first on arrival. */
TEST(novel_speak_43_full_name_opener)
{
	struct series *s = import(
		"\"Table four wants the bill,\" said Omar.\n\n"
		"\"Table four can wait,\" said the cook.\n\n"
		"Julia Marsh comes in at noon with snow on her hat. Julia hangs it on the hook.\n\n"
		"\"Who's on the till today?\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Who's on the till today?", "Julia");
	series_free(s);
}

/* 44. "there was a man ...": the one a there-sentence brings on is the unnamed man, and
 * the question after it is his, not the named woman's. */
TEST(novel_speak_44_there_was_a_man)
{
	struct series *s = import(
		"Odile was closing the shutters of the chemist's shop while Bruno counted the till.\n\n"
		"\"Five minutes,\" said Odile.\n\n"
		"\"Four,\" said Bruno.\n\n"
		"When they turned round there was a man at the counter, dripping on the floor.\n\n"
		"\"Have you anything for a cough?\"\n\n"
		"\"Honey and lemon,\" said Odile.\n\n"
		"\"I have no lemons.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Have you anything for a cough?", "Stranger");
	CHECK_SAYS(s, "I have no lemons", "Stranger");
	series_free(s);
}

/* 45. A parent the text knows only as "his mother" (no Mrs., no shared family name) is a
 * person who speaks ("his mother said"), not the son. */
TEST(novel_speak_45_parent_without_name)
{
	struct series *s = import(
		"Owen dropped his schoolbag in the hall. His mother was ironing by the window.\n\n"
		"\"Shoes,\" his mother said.\n\n"
		"\"They're clean,\" said Owen.\n\n"
		"His mother looked at them over the iron. \"Are they?\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Shoes", "Mother");
	CHECK_SAYS(s, "Are they?", "Mother");
	series_free(s);
}

/* 46. An unnamed man who answers with a bare name ("Omar Haddad. I run the ferry.") is
 * that one, the name the narration uses after. */
TEST(novel_speak_46_bare_name_answer)
{
	struct series *s = import(
		"Inspector Wren knocked on the cabin door. A man in a wet jumper opened it.\n\n"
		"\"Who are you?\"\n\n"
		"\"Police,\" said Wren. \"And you?\"\n\n"
		"\"Omar Haddad. I run the ferry.\"\n\n"
		"Haddad wiped his hands on a rag. Haddad did not ask them in.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "I run the ferry", "Haddad");
	for (size_t i = 0; i < s->n_chars; i++) CHECKF(!nov_is_placeholder("en", s->chars[i].name), "%s in the cast", s->chars[i].name);
	series_free(s);
}

/* 47. A phone call: the one who answers talks with the caller, not with the other one in
 * the room; the caller's "it's your father" names him; a hand over the mouthpiece lets
 * the room talk; when the line clicks the one in the room speaks next. */
TEST(novel_speak_47_phone_call)
{
	struct series *s = import(
		"The phone rang while Iris was drying the dishes. Her flatmate Kemal was reading on the sofa. Kemal did not look up.\n\n"
		"\"Hello?\"\n\n"
		"\"Iris, it's your father. Are you eating properly?\"\n\n"
		"\"Yes, Dad.\"\n\n"
		"\"What did you have tonight?\"\n\n"
		"Iris covered the mouthpiece. \"What did we have?\"\n\n"
		"\"Pasta.\"\n\n"
		"She took her hand away. \"Pasta, Dad.\"\n\n"
		"\"Good girl. Goodnight.\"\n\n"
		"The line clicked. Iris put the phone down.\n\n"
		"\"Your dad again?\"\n\n"
		"\"Every Tuesday.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "it's your father", "Father");
	CHECK_SAYS(s, "Yes, Dad", "Iris");
	CHECK_SAYS(s, "What did you have tonight", "Father");
	CHECK_SAYS(s, "Pasta.", "Kemal");
	CHECK_SAYS(s, "Good girl", "Father");
	CHECK_SAYS(s, "Your dad again", "Kemal");
	CHECK_SAYS(s, "Every Tuesday", "Iris");
	series_free(s);
}

/* 48. A question right after a short beat about one other person is asked of that one,
 * who answers (three at a table: not the one who spoke before the asker). */
TEST(novel_speak_48_question_after_beat)
{
	struct series *s = import(
		"Rosa, Uncle Pim and Milo sat round the stove in the boathouse. Milo was mending a net.\n\n"
		"\"Pass the twine,\" said Uncle Pim.\n\n"
		"\"Here,\" said Rosa.\n\n"
		"Milo held the net up to the lamp and frowned at it.\n\n"
		"\"Is it torn again?\" Rosa asked.\n\n"
		"\"Right through the middle.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Right through the middle", "Milo");
	series_free(s);
}

/* 49. A name alone as a quote's last sentence is a call ("Stop. Harriet?"): the one
 * called answers, not the one who spoke before; a title's dot is no sentence end. */
TEST(novel_speak_49_name_called_at_end)
{
	struct series *s = import(
		"Harriet and Colm were tuning the piano while Dev held the lamp.\n\n"
		"\"Ready,\" said Harriet.\n\n"
		"\"Play the A,\" said Colm.\n\n"
		"\"There,\" said Dev.\n\n"
		"\"Flat. Harriet?\"\n\n"
		"\"A shade flat, yes.\"\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Flat. Harriet?", "Colm");
	CHECK_SAYS(s, "A shade flat", "Harriet");
	series_free(s);
}

/* 50. A whole exchange at once: untagged lines before a tag follow the alternation the
 * tag fixes ("Then go home," said Ada.), so the opener is Bram's, not the first named. */
TEST(novel_speak_50_exchange_phase)
{
	struct series *s = import(
		"Ada and Bram sat on the harbour wall with their feet over the water. Bram had brought a flask.\n\n"
		"\"Cold.\"\n\n"
		"\"It's March.\"\n\n"
		"\"Still cold.\"\n\n"
		"\"Then go home,\" said Ada.\n\n"
		"\"And miss the boats?\"\n\n"
		"Bram poured the tea.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Cold.", "Bram");
	CHECK_SAYS(s, "It's March", "Ada");
	CHECK_SAYS(s, "Still cold", "Bram");
	CHECK_SAYS(s, "Then go home", "Ada");
	CHECK_SAYS(s, "And miss the boats", "Bram");
	series_free(s);
}

/* 51. A title inside a longer capitalised name in the narration ("the Royal Lady Margaret
 * Hospital", "Nat King Cole") is no person of the story. */
TEST(novel_speak_51_title_inside_longer_name)
{
	struct series *s = import(
		"Tessa parked outside the Royal Lady Margaret Hospital and looked at Joe.\n\n"
		"\"Ready?\" said Tessa.\n\n"
		"\"No,\" said Joe.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Ready?", "Tessa");
	for (size_t i = 0; i < s->n_chars; i++) CHECKF(!strstr(s->chars[i].name, "Margaret"), "%s in the cast", s->chars[i].name);
	series_free(s);
}

/* 52. Talk after narration: the one its last sentence opens with (its first clause's
 * name) acted last and speaks first, the first named answers; not one who is asleep. */
TEST(novel_speak_52_last_sentence_opens_talk)
{
	struct series *s = import(
		"Anna Byrne was in the hayloft with a pitchfork. Her brother Tom was in the yard below, mending the gate.\n\n"
		"\"Rain coming.\"\n\n"
		"\"You always say that.\"\n\n"
		"\"I'm always right.\"\n\n"
		"Anna threw down another bale. Tom caught it.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Rain coming", "Tom");
	CHECK_SAYS(s, "You always say that", "Anna");
	series_free(s);
	s = import(
		"Anna Byrne drove the cart down the lane. Her brother Tom was asleep on the sacks behind her.\n\n"
		"\"Wake up. We're home.\"\n\n"
		"\"Already?\"\n\n"
		"Tom sat up. Anna laughed.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Wake up", "Anna");
	CHECK_SAYS(s, "Already?", "Tom");
	series_free(s);
}

/* 53. One who came in just before the talk is the one it turns to: after the first
 * line, that one answers (not the last one the narration named). */
TEST(novel_speak_53_came_in_answers)
{
	struct series *s = import(
		"Meg came in from the rain with her satchel over her head. Her mother was reading by the fire, and Uncle Wyn sat whittling at the window.\n\n"
		"\"Door,\" said her mother.\n\n"
		"\"It's shut. Look.\"\n\n"
		"Uncle Wyn smiled at his whittling. Meg hung her satchel on the hook.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "It's shut", "Meg");
	series_free(s);
}

/* 54. A grandparent written once as "his grandmother" before the talk is the person
 * who talks with him (not an unnamed stranger). */
TEST(novel_speak_54_grandparent_once)
{
	struct series *s = import(
		"Kit carried the bucket down to the hens while his grandmother scattered the corn.\n\n"
		"\"Four eggs,\" said Kit. \"One's cracked.\"\n\n"
		"\"Then that's your breakfast.\"\n\n"
		"Kit groaned.\n", "en");
	CHECKF(s, "%s", err_msg());
	CHECK_SAYS(s, "Then that's your breakfast", "Grandmother");
	series_free(s);
}

TEST(novel_speak_corpus_en)
{
	corpus("en_wilde_dorian", "en", 0.88);
}

TEST(novel_speak_corpus_zh)
{
	corpus("zh_shi_shuihu23", "zh", 0.90);
}
