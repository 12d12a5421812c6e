/* tests/test_novel_fix11b.c — an unnamed one, or one the text knows by a role, who is a
 * named person of the story, each rule on a fresh passage written here: a stranger who
 * falls silent just as a new name first speaks in his place is that name
 * (nov_named_late), and never one the stranger has spoken to, nor a newcomer the narration
 * brings in after him (nov_named_late, nov_named_newcomer); a role mention in the narration
 * counts however it is written, possessive ("the captain's room") or capitalised as the
 * title of a name ("The Captain" for Captain Hobart) (nov_role_ref_en); a noun that opens a
 * hyphenated compound ("sister-in-law", "pilot-house") is no role. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* fix11b-1 the man behind the counter speaks bare lines and a "he" line, then the text
 * tags the next line with a name it never wrote before: "Hollis said". He is Hollis: his
 * early lines are Hollis's and no stranger stays in the cast. */
TEST(novel_fix11b_stranger_named_late)
{
	struct heard h;
	CHECKF(hear("The bell over the door rang, and Ruth carried the broken hinge to the counter.\n\n"
		"\"Anybody here?\" she called.\n\n"
		"A man in a brown apron came out from the back room, wiping his hands.\n\n"
		"\"Help you?\"\n\n"
		"\"I need one of these,\" said Ruth. \"The old one snapped.\"\n\n"
		"\"Snapped.\" He turned it over in his fingers. \"Brass. Nobody makes brass any more.\"\n\n"
		"\"Nobody at all?\"\n\n"
		"\"Steel does the same job,\" Hollis said. \"Costs half.\"\n\n"
		"\"Then steel it is.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Help you?", "Hollis");
	CHECK_WHO(&h, "Brass. Nobody makes", "Hollis");
	CHECK_WHO(&h, "Steel does the same job", "Hollis");
	CHECK_WHO(&h, "Then steel it is", "Ruth");
	unhear(&h);
}

/* fix11b-2 the guard: the stranger speaks to Hollis by name before Hollis first speaks,
 * so the two are two people; the stranger's lines stay unnamed. */
TEST(novel_fix11b_stranger_who_calls_the_name_stays)
{
	struct heard h;
	CHECKF(hear("The bell over the door rang, and Ruth carried the broken hinge to the counter.\n\n"
		"\"Anybody here?\" she called.\n\n"
		"A man in a brown apron came out from the back room, wiping his hands.\n\n"
		"\"Help you?\"\n\n"
		"\"I need one of these,\" said Ruth. \"The old one snapped.\"\n\n"
		"\"Snapped.\" He turned it over in his fingers. \"Hollis will know. Hollis, come out here!\"\n\n"
		"\"What is it now?\"\n\n"
		"\"Steel does the same job,\" Hollis said. \"Costs half.\"\n\n"
		"\"Then steel it is.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Steel does the same job", "Hollis");
	CHECKF(strcmp(who_said(&h, "Help you?"), "Hollis"), "the one who calls Hollis is not Hollis");
	unhear(&h);
}

/* fix11b-3 the guard: the narration brings the name in after the stranger's last line
 * ("Hollis came in from the yard"), so the new voice is a newcomer, not the stranger. */
TEST(novel_fix11b_newcomer_is_not_the_stranger)
{
	struct heard h;
	CHECKF(hear("The bell over the door rang, and Ruth carried the broken hinge to the counter.\n\n"
		"\"Anybody here?\" she called.\n\n"
		"A man in a brown apron came out from the back room, wiping his hands.\n\n"
		"\"Help you?\"\n\n"
		"\"I need one of these,\" said Ruth. \"The old one snapped.\"\n\n"
		"\"Snapped.\" He turned it over in his fingers. \"Brass. Nobody makes brass any more.\"\n\n"
		"Hollis came in from the yard with a crate on his shoulder.\n\n"
		"\"Steel does the same job,\" Hollis said. \"Costs half.\"\n\n"
		"\"Then steel it is,\" said Ruth.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Steel does the same job", "Hollis");
	CHECKF(strcmp(who_said(&h, "Help you?"), "Hollis"), "the man behind the counter is not Hollis, who came in after");
	unhear(&h);
}

/* fix11b-4 a role mention in the narration however it is written: the possessive "the
 * captain's room" names the captain, so the "he" after it is he, not the narrator's
 * father, whom the text names only later (a "he" with no one before it). */
TEST(novel_fix11b_role_possessive_mention)
{
	struct heard h;
	CHECKF(hear("About noon I took the tray up to the captain's room. He was sitting up in the bed, grey in the face.\n\n"
		"\"Jim,\" he said, \"you're the only one here that's worth anything. Fetch me a glass of rum.\"\n\n"
		"\"The doctor said no rum,\" I answered.\n\n"
		"The noise alarmed me for my father, who was very ill that week, and I did not want my father woken.\n\n"
		"The captain swore at the doctor. The captain swore at me, and at the rum that was not there.\n\n"
		"\"Doctors is all fools,\" said the captain.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Doctors is all fools", "Captain");
	CHECK_WHO(&h, "Jim,", "Captain");
	unhear(&h);
}

/* fix11b-5 ... and capitalised: "The Captain looked at the open door" is Captain Hobart
 * (the title of his name, role_titles_en), so the "he" after it is he, not Baynes, the
 * last man who spoke. */
TEST(novel_fix11b_role_capitalised_mention)
{
	struct heard h;
	CHECKF(hear("Captain Hobart rode into the yard, and Baynes and his wife came out of the house to meet him.\n\n"
		"\"Who lives here?\" said Captain Hobart.\n\n"
		"\"I do, sir,\" said Baynes.\n\n"
		"\"And I,\" said Mrs. Baynes.\n\n"
		"The Captain looked at the open door, and his eyes narrowed.\n\n"
		"\"And who is in the house?\" he asked.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "And who is in the house?", "Captain Hobart");
	unhear(&h);
}

/* fix11b-6 a kin or role noun that opens a hyphenated compound is another word: "my
 * sister-in-law" is no sister, "the pilot-house" no pilot; neither enters the cast, and
 * the lines tagged "said my sister-in-law" stay with the talk's two people. */
TEST(novel_fix11b_hyphen_compound_no_role)
{
	struct heard h;
	CHECKF(hear("I came down late to breakfast, and found my sister-in-law alone at the table with the letters.\n\n"
		"\"You are late again, Tom,\" said my sister-in-law.\n\n"
		"\"My dear Kate,\" I answered, \"I am always late.\"\n\n"
		"My sister-in-law put down the letters and looked at the pilot-house of the model ship on the sideboard.\n\n"
		"\"Your brother was never late,\" she said.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Sister"), "no \"Sister\" in the cast");
	CHECKF(!in_cast(&h, "Pilot"), "no \"Pilot\" in the cast");
	unhear(&h);
}
