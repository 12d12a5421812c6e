/* tests/test_novel_fix16g.c — the pronoun votes that give a name its gender
 * (novel_names.c nov_genders): a pronoun after a person the narration brings on by a noun
 * ("a soldier ... he"), after a second subject pronoun, or after a name inside an "of"
 * phrase is no vote for the name before it. A wrong gender sends every "she said" of the
 * text to someone else. The text is written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* Wren (a name no list knows) is "she" once; a soldier who comes down the lane is "he"
 * three times after her name. Before the rule those three votes made Wren a man and her
 * "she said" lines went to nobody or to another woman. */
TEST(novel_fix16g_person_noun_ends_the_vote_window)
{
	struct heard h;
	CHECKF(hear_in("en", "Wren waited at the gate of the farm. Down the lane a soldier came walking, and he waved his cap, and his dog ran ahead of him.\n\n"
		"Wren smiled, and she opened the gate.\n\n"
		"\"Good morning,\" said the soldier.\n\n"
		"\"Good morning to you,\" she said. \"You are early.\"\n\n"
		"\"The road was dry,\" said the soldier.\n\n"
		"\"Then come in and rest,\" she said.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Good morning to you", "Wren");
	CHECK_WHO(&h, "Then come in and rest", "Wren");
	unhear(&h);
}

/* "Mr. Hale was among the neighbours who waited on Mr. Ashby. He had always meant to
 * call ...": the main clause's "He" goes on with Mr. Hale, who opened the sentence before,
 * not with Mr. Ashby, named after "on" (novel_names.c nov_refs). Before the rule the
 * line the lead-in brings was Mr. Ashby's, who is only talked about. */
TEST(novel_fix16g_he_goes_on_with_the_subject_not_an_object)
{
	struct heard h;
	CHECKF(hear_in("en", "Kate sat at the window with her sewing.\n\n"
		"Mr. Hale was among the first of the neighbours who waited on Mr. Ashby. He had always meant to call on the new tenant, and that evening he turned to his daughter with:\n\n"
		"\"I hope Mr. Ashby likes the house, Kate.\"\n\n"
		"\"I am sure he does,\" said Kate.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "I hope Mr. Ashby likes", "Mr. Hale");
	CHECK_WHO(&h, "I am sure he does", "Kate");
	unhear(&h);
}
