/* tests/test_novel_fix16a.c — English dialogue that holds on any book, from the misses of
 * first-person texts nobody had studied (s28, pd_dev12): a talk that someone unnamed opens
 * ('"...?" said one of the men near me') is between people the text has not named, so the
 * untagged lines that answer it are nobody's, not the last named speaker's and the
 * narrator's by turns. One fresh passage per rule, written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* '"Who is that?" said one of the men near me' opens a paragraph: the untagged answer and
 * the questions and answers after it are the two unnamed men's, not Tom's (who spoke last)
 * and the narrator's by turns; a tag that names someone again ("said Tom") still names him. */
TEST(novel_fix16a_unnamed_open_talk_is_nobody)
{
	struct heard h;
	CHECKF(hear("I came into the hall of the inn late, and stood by the door to watch the game. Tom was at the far table with his cards.\n\n"
		"\"Raise you ten,\" said Tom.\n\n"
		"The others looked at their cards and said nothing for a while.\n\n"
		"\"Who's the big fellow?\" said one of the men near me, in a low voice.\n\n"
		"\"Harker.\"\n\n"
		"\"What does he do?\"\n\n"
		"\"Drives cattle, deals cards, anything.\"\n\n"
		"\"Is he safe?\"\n\n"
		"\"Nobody knows yet.\"\n\n"
		"\"Raise you twenty,\" said Tom, and pushed his chips out.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Who's the big fellow", "");
	CHECK_WHO(&h, "Harker.", "");
	CHECK_WHO(&h, "What does he do", "");
	CHECK_WHO(&h, "Drives cattle", "");
	CHECK_WHO(&h, "Is he safe", "");
	CHECK_WHO(&h, "Nobody knows yet", "");
	CHECK_WHO(&h, "Raise you twenty", "Tom");
	CHECK_WHO(&h, "Raise you ten", "Tom");
	unhear(&h);
}

/* '"...," said Governor Gray': a name right after a tag's said-verb is a person's, even
 * one the name pass does not take (a title and a colour): the line is his, not the one
 * whose turn it was; he is in the cast, and "said the governor" is he again. */
TEST(novel_fix16a_tag_name_unknown)
{
	struct heard h;
	CHECKF(hear("The cabmen stood by the rank in the sun and talked of trade. Governor Gray read his paper.\n\n"
		"\"You'll never be a rich man,\" said Larry.\n\n"
		"\"Most likely not,\" said Jerry.\n\n"
		"\"If you ever do get rich,\" said Governor Gray, looking over the top of his cab, \"you'll deserve it.\"\n\n"
		"\"Well, what is a fellow to do?\" said Larry.\n\n"
		"\"Wait for the next fare,\" said the governor.\n\n"
		"\"I will,\" said Jerry.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "If you ever do get rich", "Governor Gray");
	CHECK_WHO(&h, "you'll deserve it", "Governor Gray");
	CHECK_WHO(&h, "Wait for the next fare", "Governor Gray");
	CHECK_WHO(&h, "Most likely not", "Jerry");
	CHECKF(in_cast(&h, "Governor Gray"), "Governor Gray is in the cast");
	unhear(&h);
}

/* "Sir Henry and Captain Good looked at each other, and Captain Good nodded." / '"...,"
 * went on the former': the former of the two named last (Sir Henry), not the one who acted
 * last (Captain Good); "said the latter" is the other. */
TEST(novel_fix16a_the_former)
{
	struct heard h;
	CHECKF(hear("We sat late in the smoking-room of the ship.\n\n"
		"\"You knew my brother?\" said Sir Henry.\n\n"
		"\"I did,\" I answered.\n\n"
		"\"He went north,\" said Captain Good.\n\n"
		"\"I heard something,\" I answered, and stopped.\n\n"
		"Sir Henry and Captain Good looked at each other, and Captain Good nodded.\n\n"
		"\"I am going to tell you a story,\" went on the former.\n\n"
		"Captain Good and Sir Henry lit their pipes.\n\n"
		"\"It is a long one,\" said the latter.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "I am going to tell", "Sir Henry");
	CHECK_WHO(&h, "It is a long one", "Sir Henry");
	CHECK_WHO(&h, "He went north", "Captain Good");
	unhear(&h);
}

/* "Two Jews handling cigars": the plural of a people's or a faith's word (WordNet's class
 * of persons, written with a capital) is a group, never one person of the cast, even when a
 * guess gave it a line; a surname that looks plural ("Williams") is kept. */
TEST(novel_fix16a_people_plural_not_cast)
{
	struct heard h;
	CHECKF(hear("Steve and I stood by the stove of the store while the drummers unpacked.\n\n"
		"\"Two Jews handling cigars, and a Dutchman with jewelry,\" said Steve.\n\n"
		"Then the two Jews came in, and he opened his valise on the bed and folded his linen duster.\n\n"
		"\"Not so cheap,\" said Williams from the door.\n\n"
		"\"Cheap enough,\" said Steve.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Jews"), "Jews is no person of the cast");
	CHECKF(in_cast(&h, "Williams"), "Williams is in the cast");
	CHECK_WHO(&h, "Not so cheap", "Williams");
	unhear(&h);
}

/* "I was on the steps handing things up, and Nell was kneeling on the flags": a
 * first-person narrator the narration before the talk names first is named because he
 * tells it; the other one named opens the talk ("Tom. Come and look at this.") and the
 * narrator answers. */
TEST(novel_fix16a_narrator_seed_answers)
{
	struct heard h;
	CHECKF(hear("The Cellar\n\n"
		"My sister found the tin on the third day of clearing out the cellar. I was on the steps handing things up, and Nell was kneeling on the flags under the grating.\n\n"
		"\"Tom. Come and look at this.\"\n\n"
		"\"If it's another jar of nails, I'm not interested.\"\n\n"
		"\"It's a key. A big brass one.\"\n\n"
		"I went down the rest of the way. Nell held up the tin, an old tea caddy held shut with string that broke as soon as she touched it.\n\n"
		"\"Whose is it?\"\n\n"
		"\"Dad's, I think.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Tom. Come and look", "Nell");
	CHECK_WHO(&h, "If it's another jar", "I");
	CHECK_WHO(&h, "It's a key", "Nell");
	unhear(&h);
}
