/* tests/test_novel_en7.c — English speech tags read for who speaks on any book: a lead-in
 * tag's clause is read over a short adverbial written after the said-verb ("Tom said,
 * gently, \"...\""); a tag that names no one known ("The first one said:--", "the taller one
 * said") gives the line to no one rather than to a first-person narrator the paragraph's
 * narration opens with. One fresh passage per rule, written here. */
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

/* '"...," the taller one said.': a tag whose subject is no one known makes the line no one's,
 * not that of the first-person narrator the paragraph's narration opens with. */
TEST(novel_en_unknown_tag_not_narrator)
{
	struct heard h;
	CHECKF(hear("I sat at my desk in the office until late, and Mr. Hale came in with the proofs.\n\n"
		"\"Is the paper ready?\" asked Mr. Hale.\n\n"
		"\"Nearly,\" I said.\n\n"
		"I looked up from the proofs when the door opened, and two strangers in rough clothes stood in front of me. "
		"\"We want the editor,\" the taller one said.\n", &h) == 0, "%s", err_msg());
	CHECKF(strcmp(who_said(&h, "We want the editor"), "I"), "\"We want the editor\" is not the narrator's");
	CHECK_WHO(&h, "Is the paper ready", "Mr. Hale");
	unhear(&h);
}
