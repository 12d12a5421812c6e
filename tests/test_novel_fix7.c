/* tests/test_novel_fix7.c — English attribution rules found on books no rule writer had
 * seen, each from how English narration works, each on a fresh passage written here:
 * a speech tag with a definite description ("replied the proud little gentleman") speaks
 * of someone already known, not of a new unnamed one. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* fix7-1.1 "replied the proud little gentleman" at Tom's turn, when the narration has
 * brought on no unnamed man: the article says the one meant is known, so the line is Tom's,
 * and no Stranger enters the cast. */
TEST(novel_fix7_definite_description_is_known)
{
	struct heard h;
	CHECKF(hear("Ann walked down to the garden, where her brother Tom was digging. He had a new spade.\n\n"
		"\"What are you making there?\" asked Ann.\n\n"
		"\"A trap for the birds,\" replied the proud little gentleman.\n\n"
		"\"Why do you want to catch them?\" said Ann.\n\n"
		"\"Because they eat the peas,\" said Tom.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "A trap for the birds", "Tom");
	CHECKF(!in_cast(&h, "Stranger"), "no Stranger in the cast");
	unhear(&h);
}

/* fix7-1.2 the same tag after the narration brought on "a tall man": that unnamed one. */
TEST(novel_fix7_definite_description_newcomer)
{
	struct heard h;
	CHECKF(hear("Ann walked down to the garden, where her brother Tom was digging. He had a new spade.\n\n"
		"\"What are you making there?\" asked Ann.\n\n"
		"\"A trap for the birds,\" said Tom.\n\n"
		"A tall man came through the gate and stopped by the wall.\n\n"
		"\"Good day to you both,\" said the tall old man.\n", &h) == 0, "%s", err_msg());
	CHECKF(strcmp(who_said(&h, "Good day to you"), "Tom"), "\"Good day\" is not Tom's");
	unhear(&h);
}
