/* tests/test_novel_fix10b.c — the name a first-person narrator takes from the way the
 * others address him, each rule on a fresh passage written here: the narrator's own
 * lines never call him by his name (one the "I" calls is somebody else's), and an
 * interjection that opens a quote ("Whist!", "Ay, and ...") is no name of address. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* fix10b-1 the keeper Hans is called by his name by the women and by the narrator
 * ("Good evening, Hans," said I): he is not the "I", whose lines stay the narrator's. */
TEST(novel_fix10b_narrator_calls_another)
{
	struct heard h;
	CHECKF(hear("I reached the inn at dusk, and the widow and her daughter gave me a seat by the fire.\n\n"
		"\"You will not tell of me, Hans?\" the girl said to the keeper who stood in the door.\n\n"
		"\"We have company, Hans,\" said the widow.\n\n"
		"\"Good evening, Hans,\" said I. \"Is the road to the town open?\"\n\n"
		"The fellow only stared at my hair and went out.\n\n"
		"\"He is a surly one,\" said the widow.\n\n"
		"\"I have met worse,\" I answered.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Good evening, Hans", "I");
	CHECK_WHO(&h, "I have met worse", "I");
	CHECKF(!in_cast(&h, "Hans") || strcmp(who_said(&h, "I have met worse"), "Hans"), "the narrator is not renamed Hans");
	unhear(&h);
}

/* fix10b-2 "Whist!" (hush) opens the quotes of two speakers: an interjection, no name the
 * narrator is called by, and no one of the cast. */
TEST(novel_fix10b_interjection_no_name)
{
	struct heard h;
	CHECKF(hear("Tobin and I walked up from the boat, and I kept an eye on him, for his luck was bad that night.\n\n"
		"\"Whist!\" says Tobin to me, \"do ye hear that?\"\n\n"
		"\"I hear nothing but the trains,\" says I.\n\n"
		"A long man stood under the gas-light with a cigar in his teeth.\n\n"
		"\"Whist!\" says the long man; \"would ye wake the street?\"\n\n"
		"\"We meant no harm,\" says I.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Whist"), "no \"Whist\" in the cast");
	CHECK_WHO(&h, "I hear nothing", "I");
	CHECK_WHO(&h, "We meant no harm", "I");
	unhear(&h);
}

/* fix10b-3 "My name is Blood, sir": a line that introduces its speaker by a name of the
 * cast is his, though turn-taking would give it to the one who answered before. */
TEST(novel_fix10b_self_introduction_names_speaker)
{
	struct heard h;
	CHECKF(hear("Captain Hobart stood in the door of the farmhouse. Baynes looked up from the table, and Blood was binding the arm of the wounded man on the bed.\n\n"
		"\"What rebels do you harbour here?\" said Captain Hobart.\n\n"
		"\"None, sir,\" said Baynes.\n\n"
		"\"Then who is that?\"\n\n"
		"\"My name is Blood, sir, and I am a physician.\"\n\n"
		"\"A physician who tends rebels.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "My name is Blood", "Blood");
	CHECK_WHO(&h, "None, sir", "Baynes");
	unhear(&h);
}
