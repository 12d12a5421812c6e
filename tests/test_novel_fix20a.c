/* tests/test_novel_fix20a.c — first-person narrators (novel_speak.c speaker): a speech tag
 * whose subject is a noun phrase that names no one known ("said the little hero", "said
 * my new acquaintance") is never the "I" who tells the story, even where turn-taking
 * would give the quote to the narrator; it goes to the one who spoke last, if that one
 * is not known by another role noun, else to nobody (the role-noun case is measured on
 * the bench: en_twain_yankee24 "broke in the enchanter"). The texts are written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* fix20a-1.1: Tom spoke last (twice, tagged), so turn-taking would give the next quote to
 * the narrator; "said the little hero" is Tom (before the rule both parts went to I). */
TEST(novel_fix20a_the_little_hero_is_not_i)
{
	struct heard h;
	CHECKF(hear_in("en", "Tom came into the schoolroom with his whip in his hand and looked at me.\n\n"
		"\"You are the new governess,\" said Tom.\n\n"
		"\"I am,\" I answered.\n\n"
		"\"Then you shall see me ride,\" said he, and he laid on the rocking-horse with all his might.\n\n"
		"This was very shocking; but I hoped in time to be able to work a reformation.\n\n"
		"\"Now you must put on your bonnet,\" said the little hero, \"and I'll show you my garden.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Now you must put on", "Tom");
	CHECK_WHO(&h, "and I'll show you", "Tom");
	CHECK_WHO(&h, "I am", "I");
	unhear(&h);
}

/* fix20a-1.2: an unnamed man (the placeholder) and the narrator; "said my new
 * acquaintance" after the man's two lines is his, not the narrator's (before the rule it
 * went to I). */
TEST(novel_fix20a_my_new_acquaintance_is_not_i)
{
	struct heard h;
	CHECKF(hear_in("en", "The train stopped at Marwar Junction, and I got down to stretch my legs. A big man in a shabby coat "
		"was walking up and down the platform.\n\n"
		"\"Going far?\" said the big man.\n\n"
		"\"To the coast,\" I said.\n\n"
		"\"So am I, as far as the junction,\" he said. \"The ticket took my last rupee.\"\n\n"
		"I could not help him; I had no money at all.\n\n"
		"\"We might wire to a friend,\" said my new acquaintance, \"but that would mean questions.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(strcmp(who_said(&h, "We might wire"), "I") != 0, "\"We might wire\" is not the narrator's");
	CHECKF(strcmp(who_said(&h, "but that would mean"), "I") != 0, "\"but that would mean\" is not the narrator's");
	CHECK_WHO(&h, "We might wire", who_said(&h, "Going far?"));
	CHECK_WHO(&h, "To the coast", "I");
	unhear(&h);
}
