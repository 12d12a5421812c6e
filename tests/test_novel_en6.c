/* tests/test_novel_en6.c — English cast rules from the low texts of pd_dev4 and pd_dev5
 * (tests/prose), each a general reason and not a word: a sentence opener after two spaces
 * (old printings) is known as one, a word after an indefinite article or a quantifier is a
 * kind of thing and not a person, nor is its plural. One fresh passage per rule, written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* "hatchway.  Thus I was told": two spaces after a full stop still open a sentence, so the
 * adverb there (which WordNet also knows as a noun) leading into a quote is no one. */
TEST(novel_en_opener_after_two_spaces)
{
	struct heard h;
	CHECKF(hear("The mate leaned on the rail and looked at the grey water for a long time.\n\n"
		"The boy came up from below with the coffee.  Thus I learned that we were to sail at dawn. "
		"\"We go with the tide,\" said Mr. Rourke.\n\n"
		"\"And the cargo?\"\n\n"
		"\"Stowed last night.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Thus"), "a sentence's first word after two spaces is no name");
	CHECK_WHO(&h, "We go with the tide", "Mr. Rourke");
	unhear(&h);
}
