/* tests/test_novel_fix16b.c — a self-introduction names its speaker only with the
 * speaker's own name (novel.c self_intro): "I'm Peter's son" names the father, so the
 * stranger who says it is not Peter. The text is written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* A boy nobody has named talks with Martha; Peter is named in the quotes only as his
 * father. Before the guard the boy became Peter and all his lines were Peter's. */
TEST(novel_fix16b_possessive_self_intro_names_another)
{
	struct heard h;
	CHECKF(hear_in("en", "Martha was hanging the washing behind the mill when a boy came down the lane, whistling.\n\n"
		"\"Good evening,\" said the boy.\n\n"
		"\"Who are you?\" asked Martha.\n\n"
		"\"I'm Peter's son.\"\n\n"
		"\"Which Peter?\"\n\n"
		"\"Peter the carter. He sent me for the sacks.\"\n\n"
		"\"Then take them and go,\" said Martha.\n", &h) == 0, "%s", err_msg());
	CHECKF(strcmp(who_said(&h, "I'm Peter's son"), "Peter"), "\"I'm Peter's son\" is not Peter's line");
	CHECKF(strcmp(who_said(&h, "Good evening"), "Peter"), "the boy did not become Peter");
	CHECKF(!in_cast(&h, "Peter"), "Peter, who never speaks, is not in the cast");
	CHECK_WHO(&h, "Which Peter", "Martha");
	unhear(&h);
}
