/* tests/test_novel_fix16a.c — English dialogue that holds on any book, from the misses of
 * first-person texts nobody had studied (s28, pd_dev12): a talk that someone unnamed opens
 * ('"...?" said one of the men near me') is between people the text has not named, so the
 * untagged lines that answer it are nobody's, not the last named speaker's and the
 * narrator's by turns. One fresh passage per rule, written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* '"Who is that?" said one of the men near me' opens a paragraph: the untagged answer and
 * the questions and answers after it are the two unnamed men's, not Tom's (who spoke last)
 * and the narrator's by turns; a tag that names someone again ("said Tom") still names him. */
TEST(novel_fix16a_unnamed_open_talk_is_nobody)
{
	struct heard h;
	CHECKF(hear("I came into the hall of the inn late, and stood by the door to watch the game. Tom was at the far table with his cards.\n\n"
		"\"Raise you ten,\" said Tom.\n\n"
		"The others looked at their cards and said nothing for a while.\n\n"
		"\"Who's the big fellow?\" said one of the men near me, in a low voice.\n\n"
		"\"Harker.\"\n\n"
		"\"What does he do?\"\n\n"
		"\"Drives cattle, deals cards, anything.\"\n\n"
		"\"Is he safe?\"\n\n"
		"\"Nobody knows yet.\"\n\n"
		"\"Raise you twenty,\" said Tom, and pushed his chips out.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Who's the big fellow", "");
	CHECK_WHO(&h, "Harker.", "");
	CHECK_WHO(&h, "What does he do", "");
	CHECK_WHO(&h, "Drives cattle", "");
	CHECK_WHO(&h, "Is he safe", "");
	CHECK_WHO(&h, "Nobody knows yet", "");
	CHECK_WHO(&h, "Raise you twenty", "Tom");
	CHECK_WHO(&h, "Raise you ten", "Tom");
	unhear(&h);
}
