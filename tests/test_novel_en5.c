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
