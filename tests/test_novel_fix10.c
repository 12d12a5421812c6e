/* tests/test_novel_fix10.c — the name a first-person narrator goes by, and speech tags,
 * each rule from how talk is written, each on a fresh passage written here: a word that
 * only ever opens a quote ("Ay, and ...", "Whist!") may be an interjection and is no name
 * of address; a name the talk of others calls someone by while the narrator listens
 * ("What tale is this, Notan?" ... "replied the doctor") is not the narrator's; a
 * past-tense verb before a name right after a quote ("corroborated Tom"), or after a
 * pronoun there ("she rippled on"), is a tag; a
 * quote that gives a known name as its speaker's own ("I am Captain Hobart") is his; a
 * tag whose subject is a group ("they both cried") gives its line to no one; a pronoun
 * tag right after a short narration that names one person of its gender is that one's. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* fix10-1.1 "Ay," opens two quotes of others and nothing else writes it: neither the
 * narrator's name nor a person of the cast; the narrator's own lines stay his. */
TEST(novel_fix10_head_word_no_narrator_name)
{
	struct heard h;
	CHECKF(hear("I came to the inn at dusk, and I sat down by the fire. The old woman and her son were there, and I asked "
		"them about the road.\n\n"
		"\"Ay, the road is bad after the rain,\" said the old woman.\n\n"
		"\"Is it far to the town?\" I asked.\n\n"
		"\"Ay, far enough for a man on foot,\" said her son.\n\n"
		"\"Then I will stay the night,\" I said.\n\n"
		"I went up to my room when I had eaten, and I slept well.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Is it far to the town?", "I");
	CHECK_WHO(&h, "Then I will stay the night", "I");
	CHECKF(!in_cast(&h, "Ay"), "no \"Ay\" in the cast");
	unhear(&h);
}

/* fix10-1.2 "Notan" is called by name twice in talk the narrator overhears, and the one
 * called answers in a tag that is not "I": the narrator keeps his "I", and his own tagged
 * lines are his. */
TEST(novel_fix10_overheard_name_not_narrator)
{
	struct heard h;
	CHECKF(hear("I was shown into the hall of the palace, and I spoke with the guard at the door.\n\n"
		"\"I come from the king,\" I said.\n\n"
		"\"Then pass,\" said the guard.\n\n"
		"I hid behind a curtain, and I heard the king come in with his men.\n\n"
		"\"What tale are you bringing me, Notan?\" cried the king.\n\n"
		"\"It is the truth, my king,\" replied the doctor. \"One man felled them all.\"\n\n"
		"\"Find him before night,\" said the king. \"You have failed me once, Notan.\"\n\n"
		"\"I shall not fail again,\" answered the doctor.\n\n"
		"They left the hall, and I slipped out to the balcony.\n\n"
		"\"I am free,\" I whispered.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "I come from the king", "I");
	CHECK_WHO(&h, "I am free", "I");
	CHECKF(strcmp(who_said(&h, "It is the truth"), who_said(&h, "I come from the king")), "the doctor's answer is not the narrator's");
	unhear(&h);
}

/* fix10-1.3 the narrator's name said to him still names him: "Watson" calls him at the
 * end of a quote, and he answers with "I said". */
TEST(novel_fix10_narrator_name_said_to_him)
{
	struct heard h;
	CHECKF(hear("I had come down to breakfast late, and I found my friend by the window.\n\n"
		"\"You have been out in the rain, Watson,\" said Holmes.\n\n"
		"\"How could you know that?\" I said.\n\n"
		"\"Your boots tell me so,\" said Holmes. \"Sit down, Watson.\"\n\n"
		"\"I will,\" I said, and I sat.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "How could you know that?", "Watson");
	CHECK_WHO(&h, "Your boots tell me so", "Holmes");
	unhear(&h);
}

/* fix10-2.1 a tag after a quote that puts a past-tense verb no list holds before a name
 * ("corroborated Tom", "interposed Lord Antony") is a speech tag: the name speaks, though
 * turn-taking would give the line to the other one. */
TEST(novel_fix10_inverted_tag_any_verb)
{
	struct heard h;
	CHECKF(hear("Tom and Daisy sat on the porch with Nick.\n\n"
		"\"It was a fine summer,\" said Daisy.\n\n"
		"\"The finest we have had,\" said Nick.\n\n"
		"\"That's right,\" corroborated Tom. \"The finest.\"\n\n"
		"\"We should go in,\" said Daisy.\n\n"
		"\"In a moment,\" interposed Lord Antony, coming up the steps.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "That's right", "Tom");
	CHECK_WHO(&h, "The finest.", "Tom");
	CHECK_WHO(&h, "In a moment", "Lord Antony");
	unhear(&h);
}

/* fix10-3.1 "I am Captain Hobart, ..." untagged where turn-taking gives the line to the
 * other man: the name the speaker gives as his own is his (and "My name is Blood" is
 * Blood's though the turn is the captain's). */
TEST(novel_fix10_own_name_in_quote)
{
	struct heard h;
	CHECKF(hear("Captain Hobart strode into the hall where Baynes and Mr. Blood stood by the bed.\n\n"
		"\"The lad is badly hurt,\" said Mr. Blood.\n\n"
		"\"Who are you, sir?\" said Baynes.\n\n"
		"\"Never mind who I am.\"\n\n"
		"\"I am Captain Hobart, of the dragoons. What rebels do you harbour?\"\n\n"
		"\"None, sir,\" said Baynes.\n\n"
		"\"And who the devil is this?\" said Captain Hobart.\n\n"
		"\"My name is Blood, sir, at your service.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "I am Captain Hobart", "Captain Hobart");
	CHECKF(strstr(who_said(&h, "My name is Blood"), "Blood") != NULL, "\"My name is Blood\" is Blood's, not %s", who_said(&h, "My name is Blood"));
	unhear(&h);
}

/* fix10-2.2 a pronoun and a past-tense verb no list holds right after a quote that runs
 * on into them ('"...," she rippled on') is a tag: the pronoun's one, not the turn's. */
TEST(novel_fix10_pronoun_tag_any_verb)
{
	struct heard h;
	CHECKF(hear("Mr. Cobb drove the stage, and Rebecca sat beside him on the box.\n\n"
		"\"How many are there of you?\" asked Mr. Cobb.\n\n"
		"\"Seven,\" said Rebecca.\n\n"
		"\"Far too many, everybody says,\" replied Rebecca.\n\n"
		"\"They cost so much to feed, you see,\" she rippled on. \"But we'll have a lovely time when we're grown.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "They cost so much", "Rebecca");
	CHECK_WHO(&h, "But we'll have", "Rebecca");
	unhear(&h);
}

/* fix10-2.3 "went on" before its subject ('"...," went on Sir Henry'), the inverted form of
 * "Sir Henry went on": a tag, the name's line, not the first-person narrator's whose turn
 * it would be. */
TEST(novel_fix10_went_on_inverted)
{
	struct heard h;
	CHECKF(hear("I sat in the cabin with Sir Henry and Captain Good, and I listened while I smoked my pipe.\n\n"
		"\"He was my brother,\" said Sir Henry.\n\n"
		"\"Oh,\" I said.\n\n"
		"\"He was,\" went on Sir Henry, \"my only brother.\"\n\n"
		"\"As I daresay you know,\" went on Sir Henry, \"he went north five years ago.\"\n\n"
		"I said nothing, and I filled my pipe again.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "As I daresay you know", "Sir Henry");
	CHECK_WHO(&h, "he went north", "Sir Henry");
	unhear(&h);
}

/* fix10-4.1 a tag whose subject is a group ("they both cried", "urged the daughters",
 * "three of the girls cried") gives the line to no one person; a name before "we" in the
 * tag ("says Tobin as we walk") is still the name's. */
TEST(novel_fix10_group_tag_nobody)
{
	struct heard h;
	CHECKF(hear("Mrs. Hale sat by the fire with her two daughters, and Tobin came in from the yard.\n\n"
		"\"Will you stay the night?\" asked Mrs. Hale.\n\n"
		"\"Oh, do stay!\" urged the daughters.\n\n"
		"\"We never have company,\" they both cried.\n\n"
		"\"I will, then,\" says Tobin as we sit down.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Oh, do stay!", "");
	CHECK_WHO(&h, "We never have company", "");
	CHECK_WHO(&h, "I will, then", "Tobin");
	unhear(&h);
}

/* fix10-4.2 "said one", "said another", "said everybody": a subject of one word that is
 * someone of many gives the line to no one person, not to the one whose turn it is. */
TEST(novel_fix10_one_of_many_tag_nobody)
{
	struct heard h;
	CHECKF(hear("Dorothy stood among the little old men of the village.\n\n"
		"\"Where am I?\" asked Dorothy.\n\n"
		"\"In the east,\" said one.\n\n"
		"\"Far from home,\" said another.\n\n"
		"\"Welcome!\" said everybody.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "In the east", "");
	CHECK_WHO(&h, "Far from home", "");
	CHECK_WHO(&h, "Welcome!", "");
	unhear(&h);
}

/* fix10-5.1 a pronoun tag on a quote that opens its paragraph, right after a short
 * paragraph of narration that names one woman: she speaks, though she spoke last and
 * turn-taking would give the line to the other woman. */
TEST(novel_fix10_pronoun_after_short_narration)
{
	struct heard h;
	CHECKF(hear("Mary sat up in bed and looked at Martha, who was kneeling on the hearth.\n\n"
		"\"Who are you?\" asked Mary.\n\n"
		"\"I'm Martha, the housemaid,\" said Martha.\n\n"
		"Martha sat up on her heels, with her brush in her hand, and laughed.\n\n"
		"\"Eh! you are a queer one,\" she said.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Eh! you are a queer one", "Martha");
	unhear(&h);
}
