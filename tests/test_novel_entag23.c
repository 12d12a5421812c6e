/* tests/test_novel_entag23.c — English speech tags that name the one spoken to: the one an
 * asking verb asks ("I asked of Sola", "asked the rider of Jane", "she asked Robert", "I
 * asked the cook") answers next, so a pronoun tag on the answer ("she answered") is that
 * one, not the last person of its gender the narration named (novel_speak.c asked_one).
 * One fresh passage per form, written here; each test fails on the code before the rule. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* entag23-1: Ruth and "I" talk; then "I asked of Hester, nodding at Ruth": the one asked
 * of (who has spoken before) is Hester, who answers "she answered"; not Ruth, whose turn it
 * would be. Before: Ruth's. */
TEST(novel_entag23_asked_of_answers)
{
	struct heard h;
	CHECKF(hear("Hester was standing at the window with the lamp when I came in. \"Shut the door,\" said Hester. Ruth sat in "
		"the big chair by the stove.\n\n"
		"\"You are late,\" said Ruth. \"The doctor left an hour ago.\"\n\n"
		"\"The roads were bad,\" I said.\n\n"
		"\"Has she eaten anything?\" I asked of Hester, nodding at Ruth.\n\n"
		"\"No,\" she answered, \"she would not touch it.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "You are late", "Ruth");
	CHECK_WHO(&h, "No", "Hester");
	CHECK_WHO(&h, "she would not touch it", "Hester");
	unhear(&h);
}

/* entag23-2: "she asked Walter", the object right after the verb: Walter answers "he
 * said", not Mr. Pryce, the man the paragraph before named. */
TEST(novel_entag23_asked_object_answers)
{
	struct heard h;
	CHECKF(hear("Mr. Pryce had gone out to see to the horses, and Walter and Nell were left by the fire.\n\n"
		"\"What time does the coach leave?\" she asked Walter.\n\n"
		"\"At nine,\" he said. \"We shall have to be up before it is light.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "At nine", "Walter");
	CHECK_WHO(&h, "We shall have to be up", "Walter");
	unhear(&h);
}

/* entag23-3: the other side: an inverted tag ("asked Nell") names the one who asks, not
 * the one asked; and "asked him" names no one new. */
TEST(novel_entag23_inverted_asked_is_the_asker)
{
	struct heard h;
	CHECKF(hear("Walter and Nell sat by the fire.\n\n"
		"\"Are you cold?\" asked Nell.\n\n"
		"\"Not in the least,\" said Walter.\n\n"
		"\"Then why do you shiver?\" she asked him.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Are you cold", "Nell");
	CHECK_WHO(&h, "Then why do you shiver", "Nell");
	unhear(&h);
}
