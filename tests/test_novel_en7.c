/* tests/test_novel_en7.c — English lead-in tags (a said-verb in the narration right before
 * the quote it leads into), read for who speaks on any book: the tag's clause is read over a
 * short adverbial written after the said-verb ("Tom said, gently, \"...\""); a lead-in that
 * names no one known ("The first one said:--") gives the line to no one rather than to a
 * first-person narrator the paragraph opens with. One fresh passage per rule, written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* "but Tom said, gently, \"...\"": the said-verb's clause before the adverbial names the
 * speaker, not the one the paragraph opens with. */
TEST(novel_en_lead_in_over_adverbial)
{
	struct heard h;
	CHECKF(hear("Anna waited at the foot of the dark stair with the lamp and Tom came in from the yard.\n\n"
		"\"It is late,\" said Anna.\n\n"
		"Anna stood with the lamp and would not go up the stair, but Tom said, gently, \"Give it here; I'll carry it.\"\n\n"
		"\"You are kind,\" said Anna.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Give it here", "Tom");
	CHECK_WHO(&h, "It is late", "Anna");
	unhear(&h);
}
