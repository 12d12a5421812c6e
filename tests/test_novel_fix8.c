/* tests/test_novel_fix8.c — English speech tags that name the wrong person, each rule from
 * how English names are written, each on a fresh passage written here: a one-word name
 * the text never writes alone, always with the same capitalised word after it ("Father
 * Brown", "Ben Winthrop"), is half of one two-word name; a tag "said Father Brown" names
 * him, not a "Father" of the cast. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* fix8-1.1 "Father Brown" and "Ben Winthrop", each always written whole: the cast has
 * the two whole names, and their tags give them their lines. */
TEST(novel_fix8_two_word_name_whole)
{
	struct heard h;
	CHECKF(hear("The inn was quiet when Father Brown came in out of the rain. Ben Winthrop looked up from his ale.\n\n"
		"\"You are late tonight,\" said Ben Winthrop.\n\n"
		"\"The road was long,\" said Father Brown.\n\n"
		"\"Sit down by the fire, then,\" said Ben Winthrop.\n\n"
		"\"Thank you, I will,\" said Father Brown.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "You are late tonight", "Ben Winthrop");
	CHECK_WHO(&h, "The road was long", "Father Brown");
	CHECK_WHO(&h, "Thank you, I will", "Father Brown");
	CHECKF(!in_cast(&h, "Father"), "no \"Father\" in the cast");
	CHECKF(!in_cast(&h, "Ben"), "no \"Ben\" in the cast");
	unhear(&h);
}

/* fix8-1.2 a name also written alone ("Ben said") keeps its one word: "Ben Winthrop"
 * twice does not rename him. */
TEST(novel_fix8_name_written_alone_stays)
{
	struct heard h;
	CHECKF(hear("Ben Winthrop kept the inn, and Ben Winthrop poured the ale. Tom sat by the fire.\n\n"
		"\"You are late tonight,\" said Ben.\n\n"
		"\"The road was long,\" said Tom.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "You are late tonight", "Ben");
	unhear(&h);
}

/* fix8-1.3 a given name always written before a surname a titled character already has
 * ("Mr. Jabez Wilson", "Jabez Wilson"): one person, not a second "Jabez Wilson" beside him. */
TEST(novel_fix8_titled_surname_no_second_person)
{
	struct heard h;
	CHECKF(hear("Mr. Jabez Wilson came in with his hat in his hand. Holmes looked up.\n\n"
		"\"Sit down,\" said Holmes.\n\n"
		"\"Thank you,\" said Jabez Wilson.\n\n"
		"\"You have been in China,\" said Holmes.\n\n"
		"\"How did you know that?\" asked Jabez Wilson.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Jabez Wilson"), "no second \"Jabez Wilson\" beside Mr. Jabez Wilson");
	CHECK_WHO(&h, "Thank you", "Mr. Jabez Wilson");
	unhear(&h);
}

/* fix8-1.4 a possessive is neither the name alone nor the two-word name, whichever
 * apostrophe the text prints: "Ben Winthrop" twice and "Ben’s" once still make the whole
 * name (before, the curly ’ counted as the name written alone and "Ben" stayed). */
TEST(novel_fix8_possessive_either_apostrophe)
{
	const char *body = "Ben Winthrop kept the inn. Tom sat by Ben%ss fire.\n\n"
		"\"You are late tonight,\" said Ben Winthrop.\n\n"
		"\"The road was long,\" said Tom.\n";
	const char *aps[] = { "'", "\xE2\x80\x99" };
	for (int a = 0; a < 2; a++) {
		struct heard h;
		char *text = xasprintf(body, aps[a]);
		CHECKF(hear(text, &h) == 0, "%s", err_msg());
		CHECK_WHO(&h, "You are late tonight", "Ben Winthrop");
		CHECKF(!in_cast(&h, "Ben"), "no \"Ben\" beside Ben Winthrop (apostrophe %d)", a);
		unhear(&h);
		free(text);
	}
}
