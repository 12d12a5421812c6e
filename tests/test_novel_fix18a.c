/* tests/test_novel_fix18a.c — a speaker the narration names by the role noun of a title
 * ("said the priest" of Father Kell): the role noun is the title's owner (role_titles_en,
 * as "the doctor" is Dr. X). The text is written here. (Branch fix18a_en's second rule,
 * nov_epithet_named, was not merged: it raised two texts, below the three-author bar.) */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* fix18a-1: "the priest" of the narration and of the tags is Father Kell, the one the text
 * calls by the title of a priest (before: a cast member "Priest" of its own, who took the
 * priest's lines). */
TEST(novel_fix18a_the_priest_is_father_x)
{
	struct heard h;
	CHECKF(hear_in("en", "The priest was folding the linen by the window when Inspector Vane came into the vestry. The priest did not look up. Father Kell had kept that vestry for thirty years, and Father Kell knew every step on its stair.\n\n"
		"\"You are late tonight,\" said the priest.\n\n"
		"\"The train was late,\" said Inspector Vane. \"Everything is late.\"\n\n"
		"The priest laid the linen in the drawer and shut it.\n\n"
		"\"Then sit down and be late here,\" said the priest.\n\n"
		"\"I will,\" said Inspector Vane.\n\n"
		"\"Good,\" said Father Kell.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "You are late tonight", "Father Kell");
	CHECK_WHO(&h, "Then sit down", "Father Kell");
	CHECK_WHO(&h, "The train was late", "Inspector Vane");
	CHECKF(!in_cast(&h, "Priest"), "the role noun is no cast member of its own");
	unhear(&h);
}
