/* tests/test_novel_fix16e.c — a tag "said the <noun>" at the turn of one the noun cannot
 * describe (novel_speak.c relation, cannot_be): a woman is no boy, a peer ("Lord Henry")
 * no butler, so the tag names someone else: the unnamed one of that sex the narration
 * brought on, else a role character of its own. The texts are written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* Anna and Mr. Webb take turns; "said the boy" falls at Anna's turn. She is no boy, and no
 * unnamed boy was brought on: the boy is one of his own. Before the rule the turn gave the
 * line to someone already in the talk. */
TEST(novel_fix16e_role_tag_of_the_other_sex)
{
	struct heard h;
	CHECKF(hear_in("en", "Anna was sweeping the step of the shop when Mr. Webb came up the street with the letters. She leaned her broom on the door.\n\n"
		"\"Any for me?\" said Anna.\n\n"
		"\"Two,\" said Mr. Webb.\n\n"
		"\"From my sister?\"\n\n"
		"\"From London, by the look of them.\"\n\n"
		"\"I'll carry them in for you,\" said the boy.\n\n"
		"\"Thank you,\" said Anna.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "I'll carry them", "Boy");
	CHECK_WHO(&h, "Any for me", "Anna");
	CHECK_WHO(&h, "Two", "Mr. Webb");
	unhear(&h);
}

/* The narration brought on "a boy"; "said the boy" at the woman's turn is that boy (the
 * placeholder for an unnamed man), not a second boy and not her. */
TEST(novel_fix16e_role_tag_of_the_other_sex_is_the_one_brought_on)
{
	struct heard h;
	CHECKF(hear_in("en", "The library was nearly empty when a boy of about ten came in with a wet book. Miss Okoye looked up from her desk.\n\n"
		"\"Is it too late to bring one back?\"\n\n"
		"\"That depends how late,\" said Miss Okoye.\n\n"
		"\"It fell in the river.\"\n\n"
		"\"I slipped on the bank,\" said the boy.\n\n"
		"\"Did you, now?\" said Miss Okoye.\n", &h) == 0, "%s", err_msg());
	const char *m = who_said(&h, "I slipped");
	CHECKF(strcmp(m, "Miss Okoye") && strcmp(m, "Boy") && *m, "\"I slipped\" is the boy brought on, not %s", *m ? m : "nobody");
	CHECKF(!strcmp(m, who_said(&h, "It fell in")), "the boy who slipped is the one whose book fell in (%s, %s)", m, who_said(&h, "It fell in"));
	CHECKF(!in_cast(&h, "Boy"), "no second boy in the cast");
	unhear(&h);
}

/* A peer's title rules out a servant's noun: "said the butler" at Lord Henry's turn is the
 * butler's. Before the rule it was Lord Henry's. */
TEST(novel_fix16e_role_tag_a_title_rules_out)
{
	struct heard h;
	CHECKF(hear_in("en", "Lord Henry lay on the divan of the library, and Basil stood at the window.\n\n"
		"\"You must come to dinner,\" said Lord Henry.\n\n"
		"\"I cannot,\" said Basil.\n\n"
		"\"Why not?\"\n\n"
		"\"I am painting.\"\n\n"
		"\"Mr. Gray is in the hall, sir,\" said the butler.\n\n"
		"\"Ask him to wait,\" said Lord Henry.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Mr. Gray is in the hall", "Butler");
	CHECK_WHO(&h, "Ask him to wait", "Lord Henry");
	unhear(&h);
}
