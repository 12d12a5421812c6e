/* tests/test_novel_en5.c — English speaker rules found by class of miss on pd_dev2 and
 * pd_dev3 (tests/prose): a first-person narrator is not called by the name of a thing,
 * a role-noun tag is never the narrator, an unnamed one known by a role noun is cast
 * under it, adverbs and book titles are no one. One fresh passage per rule, written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* A friend who cries "Madeira!" again and again is not calling the first-person narrator Madeira:
 * the text writes "the Madeira", a thing. The narrator's lines stay the narrator's. */
TEST(novel_en_narrator_not_named_by_a_thing)
{
	struct heard h;
	CHECKF(hear("I met my old friend Rinaldo at the harbour, where I had gone to buy wine, and I told him "
		"of the cask that lay in my cellar.\n\n"
		"\"Madeira!\" he cried.\n\n"
		"\"So the merchant swore,\" I said. \"But I have my doubts.\"\n\n"
		"\"Madeira!\"\n\n"
		"\"And I must satisfy them.\"\n\n"
		"\"Madeira!\"\n\n"
		"\"I paid the full price without asking you.\"\n\n"
		"\"Then show me the Madeira at once.\"\n\n"
		"\"It is cold in the cellar, and you have a cough.\"\n\n"
		"\"The cold is nothing. Come.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Madeira"), "a thing written after \"the\" is no one's name");
	CHECK_WHO(&h, "So the merchant swore", "I");
	CHECK_WHO(&h, "I paid the full price", "I");
	CHECK_WHO(&h, "It is cold in the cellar", "I");
	unhear(&h);
}

/* The talk before a client arrives, told by an "I" (the narrator's turn comes next). */
#define CONSULTING \
	"\"Sorry to wake you, Watson,\" said he. \"A client has come.\"\n\n" \
	"\"What is it, then?\"\n\n" \
	"\"A young lady who insists upon seeing me.\"\n\n" \
	"\"I would not miss it.\"\n\n" \
	"I threw on my clothes, and I followed my friend down to the sitting-room.\n\n" \
	"\"Good-morning, madam,\" said Holmes. \"This is my friend Dr. Watson.\"\n\n"

/* "said the woman" when by turn-taking the "I" would speak: a role noun never names
 * the narrator, so an unnamed woman takes the line. */
TEST(novel_en_role_tag_not_narrator)
{
	struct heard h;
	CHECKF(hear(CONSULTING
		"\"It is not cold which makes me shiver,\" said the woman in a low voice.\n\n"
		"\"What, then?\"\n\n"
		"\"It is fear, Mr. Holmes.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "It is not cold", "Stranger Woman");
	CHECK_WHO(&h, "What, then", "Holmes");
	CHECK_WHO(&h, "It is fear", "Stranger Woman");
	unhear(&h);
}

/* '"Alas!" replied our visitor' after a pause, a noun of either gender: the one who
 * spoke before the last speaker (the client), not the "I" who tells. */
TEST(novel_en_either_role_after_pause)
{
	struct heard h;
	CHECKF(hear(CONSULTING
		"\"It is not cold which makes me shiver,\" said the woman in a low voice.\n\n"
		"\"You must not fear,\" said he.\n\n"
		"\"You are correct,\" said she. \"I started from home before six.\"\n\n"
		"Holmes turned to his desk and drew out a small case-book.\n\n"
		"\"Farintosh,\" said he. \"I think it was before your time, Watson.\"\n\n"
		"\"Alas!\" replied our visitor, \"the very horror of my situation lies in my fears.\"\n\n"
		"\"I am all attention, madam.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Alas!", "Stranger Woman");
	CHECK_WHO(&h, "the very horror", "Stranger Woman");
	CHECK_WHO(&h, "I am all attention", "Holmes");
	unhear(&h);
}

/* "Luckily she knew what to do.": a word that opens a sentence right before a subject
 * pronoun is an adverb, no one; "she" is the woman named before. */
TEST(novel_en_opener_before_pronoun_is_no_one)
{
	struct heard h;
	CHECKF(hear("Then Mabel saw the broken kite on the lawn, and she was sorry for Arthur. \"How awful!\" she said.\n\n"
		"Luckily she knew at once what to do. \"It must be glued,\" she said, a little grandly.\n\n"
		"\"What's glued?\" asked Arthur.\n\n"
		"\"You are dreadfully ignorant.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Luckily"), "an adverb opening a sentence is no one");
	CHECK_WHO(&h, "It must be glued", "Mabel");
	CHECK_WHO(&h, "You are dreadfully", "Mabel");
	unhear(&h);
}

/* A woman met at a bridge, and how her talk with Arthur ends. */
#define BRIDGE "Arthur walked down to the river alone. A tall woman in grey stood at the end of the bridge.\n\n"
#define BRIDGE_END "\"Then give me leave,\" said Arthur.\n\n\"Not today,\" said the tall woman.\n"

/* An unnamed woman who says "I am the Keeper of the Bridge" is called so: a capitalised
 * word "of" a capitalised place names her though it is no title. */
TEST(novel_en_self_intro_of_place)
{
	struct heard h;
	CHECKF(hear(BRIDGE
		"\"Who are you?\" asked Arthur.\n\n"
		"\"I am the Keeper of the Bridge,\" said the tall woman. \"Nobody crosses without my leave.\"\n\n"
		BRIDGE_END, &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "I am the Keeper", "Keeper of the Bridge");
	CHECK_WHO(&h, "Not today", "Keeper of the Bridge");
	CHECKF(!in_cast(&h, "Stranger Woman"), "she has a name now");
	unhear(&h);
}

/* "No, I am their friend. ... I am the Keeper of the Bridge.": a self-introduction that
 * opens a later sentence of the quote counts, not only the first "I am". */
TEST(novel_en_self_intro_later_sentence)
{
	struct heard h;
	CHECKF(hear(BRIDGE
		"\"Are you one of the boatmen?\" asked Arthur.\n\n"
		"\"No, but I am their friend, and they sent for me.  I am the Keeper of the Bridge,\" said the tall woman.\n\n"
		BRIDGE_END, &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "No, but I am their friend", "Keeper of the Bridge");
	CHECK_WHO(&h, "Not today", "Keeper of the Bridge");
	unhear(&h);
}

/* '"...!" he continued': a pronoun that goes on talking is the one who spoke last, not
 * the other man whose turn it would be. */
TEST(novel_en_he_continued_is_last_speaker)
{
	struct heard h;
	CHECKF(hear("Harry sat reading by the stove when Tom came in from the yard.\n\n"
		"\"Shut the door,\" said Harry.\n\n"
		"\"Boh!\" cried Tom; then he paused, for the room was dark.\n\n"
		"\"Where the dickens is the lamp?\" he continued. \"I can see nothing.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Boh!", "Tom");
	CHECK_WHO(&h, "Where the dickens", "Tom");
	CHECK_WHO(&h, "I can see nothing", "Tom");
	unhear(&h);
}

/* "Sir Hugh only smiled. '...,' he continued": when the paragraph's narration names who
 * goes on, he does, though another man spoke last. */
TEST(novel_en_he_continued_after_own_beat)
{
	struct heard h;
	CHECKF(hear("Sir Hugh stood by the window with Mr. Vane.\n\n"
		"\"What a charming evening this is, Mr. Vane!\" said Sir Hugh.\n\n"
		"\"Certainly, sir; and every savage can enjoy one,\" said Mr. Vane.\n\n"
		"Sir Hugh only smiled. \"Your sister sings delightfully,\" he continued after a pause.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Your sister sings", "Sir Hugh");
	unhear(&h);
}

/* "But, my dearest Mary, have you ...?": a name after "dearest" is one spoken to, and she
 * answers the untagged replies of a talk between two friends. */
TEST(novel_en_dearest_vocative)
{
	struct heard h;
	CHECKF(hear("They met by appointment; and as Lucy had arrived before her friend, her first address was, "
		"\"How late you are! I have waited this age!\"\n\n"
		"\"I am very sorry for it; the rain kept me at home.\"\n\n"
		"\"Never mind. But, my dearest Mary, have you finished the book?\"\n\n"
		"\"Yes, I read it all night, and I am got to the last page.\"\n\n"
		"\"How delightful!\"\n\n"
		"Mary laughed and took her arm. \"Let us walk,\" said Mary.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Never mind", "Lucy");
	CHECK_WHO(&h, "Yes, I read it", "Mary");
	CHECK_WHO(&h, "How delightful", "Lucy");
	unhear(&h);
}

/* "Ada was my second cousin once removed": in a first-person text the narrator's "my
 * cousin" is Ada, no one new. */
TEST(novel_en_was_my_kin)
{
	struct heard h;
	CHECKF(hear("I drove over to see the Fenwicks that evening. Ada was my second cousin once removed, and I had "
		"known her husband at college. I found them on the porch with a friend of theirs.\n\n"
		"\"So you came at last!\" said Ada.\n\n"
		"I had a letter for Miss Pell in my pocket, but nobody had seen Miss Pell since the morning.\n\n"
		"I looked back at my cousin, who began to ask me questions in her low voice. I told her how I had "
		"stopped in the city, and how a dozen people had sent their love.\n\n"
		"\"Do they miss me?\" cried my cousin.\n\n"
		"\"The whole town is desolate.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Do they miss me", "Ada");
	CHECKF(!in_cast(&h, "Cousin"), "the narrator's cousin is Ada, no one new");
	unhear(&h);
}

/* "His sobs woke Kit, and she sat up": "she" is the one just named in the paragraph,
 * whose gender the text has not yet made clear, not an older woman (the fairy Tink). */
TEST(novel_en_she_is_the_one_just_named)
{
	struct heard h;
	CHECKF(hear("Peter dropped in at the window and looked at John and Kit asleep in their beds, and he smiled; he had come far, and he was tired. "
		"Tink was in a jug, and she liked it; she had never been in one.\n\n"
		"\"Tink, do you know where they put my shadow?\" said Peter.\n\n"
		"Tink rang like a little bell.\n\n"
		"Peter found his shadow in the drawer, but it would not stick, and he sat on the floor and cried.\n\n"
		"His sobs woke Kit, and she sat up in bed. She was not alarmed to see a stranger crying on the nursery floor; "
		"she was only pleasantly interested, for strangers were rare in that house, and the night was long, and the fire "
		"had burned down to a red glow that made the whole room look like the inside of a lantern.\n\n"
		"\"Boy,\" she said courteously, \"why are you crying?\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Boy", "Kit");
	CHECK_WHO(&h, "why are you crying", "Kit");
	unhear(&h);
}

/* "said the old lady" with no Mrs. in the story: an adjective and "lady" are the unnamed
 * woman of the talk, not the one whose turn it would be. */
TEST(novel_en_the_old_lady_is_unnamed_woman)
{
	struct heard h;
	CHECKF(hear("Ann woke in a field of blue grass. A little woman in a white gown stood beside her.\n\n"
		"\"Where am I?\" asked Ann.\n\n"
		"\"In the east country,\" said the little woman. \"The people here are my friends.\"\n\n"
		"\"The north is my home,\" said the old lady, \"and the desert is all round it.\"\n\n"
		"\"Then I cannot go home,\" said Ann.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "In the east country", "Stranger Woman");
	CHECK_WHO(&h, "The north is my home", "Stranger Woman");
	CHECK_WHO(&h, "and the desert", "Stranger Woman");
	unhear(&h);
}

/* A first-person narrator is not called by the surname of another ("Master Kell"): when
 * Dunn argues with Kell ("Kell, you ..."), the "I" keeps his own lines. */
TEST(novel_en_narrator_not_named_by_anothers_surname)
{
	struct heard h;
	CHECKF(hear("I worked that summer on the farm of Master Kell, and I listened while my master argued with the carpenter Dunn.\n\n"
		"\"Kell, you are a hard man,\" said Dunn.\n\n"
		"\"I pay my debts,\" said Master Kell.\n\n"
		"\"You pay them late, Kell, and you know it.\"\n\n"
		"When Master Kell had gone to town I found Dunn alone in the barn.\n\n"
		"\"Master Dunn, where did you come from?\" said I.\n\n"
		"\"From the north,\" he answered.\n\n"
		"\"I have been there myself,\" I replied.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Master Dunn, where", "I");
	CHECK_WHO(&h, "I have been there", "I");
	unhear(&h);
}

/* "The tall thin man took a slate ... asked, "...?"": a determiner, two adjectives and
 * "man" open the sentence, so the unnamed man speaks, not the girl whose turn it was. */
TEST(novel_en_long_descriptor_subject)
{
	struct heard h;
	CHECKF(hear("Ann woke in a field of blue grass, and a tall thin man in a grey coat stood beside her.\n\n"
		"\"Where am I?\" asked Ann.\n\n"
		"\"In the east country,\" said the stranger.\n\n"
		"Ann began to cry, for she felt lonely among all these strange people, and she hid her face in her hands for a long time.\n\n"
		"The tall thin man took a slate from his pocket, and having read the words on it, asked, \"Is your name Ann, my dear?\"\n\n"
		"\"Yes,\" answered the child.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Is your name Ann", "Stranger");
	CHECK_WHO(&h, "Yes", "Ann");
	unhear(&h);
}

/* A Chinese quote that is only the short form of a name ("太太" for 方太太): the check for
 * what follows the name stops at the quote's end (under ASan this read past it). */
TEST(novel_zh_called_short_name_at_quote_end)
{
	struct heard h;
	CHECKF(hear_in("zh", "方玄绰和方太太坐在桌旁吃饭。\n\n"
		"“喂，怎么只有两盘？”方玄绰看着菜蔬说。\n\n"
		"方太太没有答话。照老例他也可以叫“太太”，但他不愿意太守旧。\n\n"
		"“可是上月领来的钱都完了。”方太太站在桌旁说。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "可是上月", "方太太");
	unhear(&h);
}

/* '"...," broke out Tom violently': a verb with its particle ("broke out", "cut in") is a
 * speech tag, so the line is Tom's, not the one whose turn it was. */
TEST(novel_en_phrasal_tag)
{
	struct heard h;
	CHECKF(hear("Tom, Daisy and Jordan sat on the porch after dinner.\n\n"
		"\"You ought to see the baby,\" said Daisy.\n\n"
		"\"I'd like to,\" said Jordan.\n\n"
		"\"The world is going to pieces,\" broke out Tom violently. \"Have you read the book by this man Goddard?\"\n\n"
		"\"Why, no,\" said Jordan, surprised by his tone.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "The world is going", "Tom");
	CHECK_WHO(&h, "Have you read", "Tom");
	unhear(&h);
}
