/* tests/test_novel_fix10.c — the name a first-person narrator goes by, each rule from how
 * talk is written, each on a fresh passage written here: a word that only ever opens a
 * quote ("Ay, and ...", "Whist!") may be an interjection and is no name of address. */
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
