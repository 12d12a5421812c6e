/* tests/test_import_era.c — the era an imported novel or screenplay is drawn in, from its
 * own words (imp_guess_era, story.c; import.json "era_cues"). Before, every import was
 * "modern": a chapter of 水浒 or 红楼梦 was drawn in today's clothes and rooms. */
#include "test.h"
#include "story/story.h"
#include "story/fountain.h"
#include "core/model.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static const char *era_of(const char *text) { return imp_guess_era(text, strlen(text)); }

/* a classical chapter: officials, silver, 曰 and the vernacular 甚么 */
TEST(import_era_classical_chinese_is_ancient)
{
	CHECK_STR(era_of("却说知县升堂，问那汉子曰：“你是甚么人？”那汉子道：“小人是客栈里的伙计。”"
	                 "知县便道：“取十两银子来。”娘子在轿子里哭。"), "ancient");
}

/* today's story: phones, a company, a taxi */
TEST(import_era_todays_story_is_modern)
{
	CHECK_STR(era_of("她在公司加班到十点，手机响了。“下楼吧，出租车在等你。”经理说。"), "modern");
	CHECK_STR(era_of("She checked her phone in the taxi. \"The elevator is broken,\" said her boss."), "modern");
	CHECK_STR(era_of(""), "modern");   /* nothing says otherwise */
}

/* a prince in a milk tea shop: two words of each world in a short text */
TEST(import_era_prince_in_a_tea_shop_is_mixed)
{
	CHECK_STR(era_of("门口站着一个男人，穿着黑色长袍。“本王乃当朝三皇子。”夏晓笑了：“你是剧组的吧？这是奶茶店。”"), "mixed");
	CHECK_STR(era_of("He wore a robe of silk. \"I am the son of the Emperor.\" She laughed at the neon sign: "
	                 "\"Are you from the film set?\""), "mixed");
	/* a crossing named, with one word of each */
	CHECK_STR(era_of("After the time travel she woke before the emperor and reached for her phone."), "mixed");
}

/* a long modern text that mentions a palace and a sword once each stays modern: the
 * two worlds must each be written about once per 4 KB */
TEST(import_era_passing_mention_stays_modern)
{
	struct sbuf b = { 0 };
	sb_add(&b, "They toured the palace and saw an old sword. ");
	for (int i = 0; i < 400; i++) sb_add(&b, "She took the bus to work and answered her phone at the office desk. ");
	CHECK_STR(imp_guess_era(b.s, b.len), "modern");
	sb_free(&b);
}

/* the art's ancient is a Chinese costume drama: a European court is not it */
TEST(import_era_european_court_is_not_ancient)
{
	CHECK_STR(era_of("The princess ran through the palace to the throne room. \"Your Majesty,\" said the knight, "
	                 "and laid his sword before the throne. \"Your Highness,\" said the magistrate."), "modern");
}

/* words are whole words in English ("cars" is not "scars", "tv" not "tvs"... "bus" not "business") */
TEST(import_era_english_whole_words)
{
	CHECK_STR(era_of("The business of the swordfish trade; the robe-maker's omnibus; scars and a palace."), "modern");
}

/* only the first n bytes are read (a screenplay's text is not NUL-terminated) */
TEST(import_era_reads_only_n_bytes)
{
	const char *t = "知县曰：银子。知县曰：银子。 phone taxi phone taxi";
	CHECK_STR(imp_guess_era(t, strlen("知县曰：银子。知县曰：银子。")), "ancient");
}

/* the importers write it into the storyboard (unless a screenplay's own metadata names one) */
TEST(import_era_novel_and_fountain_carry_it)
{
	struct series *s = NULL;
	CHECKF(story_from_novel("却说知县升堂，问那汉子曰：“你是甚么人？”\n\n那汉子道：“小人是客栈里的伙计，取了十两银子。”\n",
	                        NULL, &s) == 0, "%s", err_msg());
	CHECK_STR(s->era, "ancient");
	series_free(s);
	const char *ft = "INT. PALACE HALL - DAY\n\nThe EMPEROR sits on the throne. A eunuch kneels.\n\nEMPEROR\nBring me my sword.\n\n"
	                 "EUNUCH\nYour Majesty, the concubines wait.\n";
	CHECKF(story_from_fountain(ft, strlen(ft), "t.fountain", NULL, &s) == 0, "%s", err_msg());
	CHECK_STR(s->era, "ancient");
	series_free(s);
}

/* in a story of two eras each speaker is dressed by the era words of its own lines: the
 * prince's description says ancient (art/look.c reads it), the shop girl's today */
TEST(import_era_mixed_cast_dressed_by_their_lines)
{
	struct series *s = NULL;
	CHECKF(story_from_novel("夏晓关店的时候，门铃响了。\n\n男人看着霓虹灯：“本王乃当朝三皇子萧睿。哪个州府？”\n\n"
	                        "“第九街。”夏晓说，“你是剧组的吧？奶茶十块钱。”\n", NULL, &s) == 0, "%s", err_msg());
	CHECK_STR(s->era, "mixed");
	const struct character *p = series_find_character(s, "萧睿"), *x = series_find_character(s, "夏晓");
	CHECK(p && p->description && strstr(p->description, "古"));
	CHECK(x && x->description && !strstr(x->description, "古"));
	series_free(s);
}

/* an ancient story's places get the kinds of their time: home (家中) is a courtyard house,
 * not a flat with a city skyline */
TEST(import_era_ancient_places)
{
	struct series *s = NULL;
	CHECKF(story_from_novel("林冲在家中。却说知县升堂，问那汉子曰：“你是甚么人？”\n\n那汉子道：“小人是客栈里的伙计，取了十两银子。”\n",
	                        NULL, &s) == 0, "%s", err_msg());
	CHECK_STR(s->era, "ancient");
	for (size_t i = 0; i < s->n_locs; i++) CHECK(!str_eq(s->locs[i].kind, "apartment") && !str_eq(s->locs[i].kind, "bedroom"));
	series_free(s);
}
