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

/* "Mr. Snell, the landlord": at his turn, a tag "said the blacksmith" names someone else,
 * the blacksmith, not the landlord (novel_speak.c relation, other_role). Before the rule the
 * farrier's lines were the landlord's. */
TEST(novel_fix16b_role_tag_is_not_one_known_by_another_role)
{
	struct heard h;
	CHECKF(hear_in("en", "Mr. Snell, the landlord, stood behind the bar of the Rainbow, and Mr. Macey sat by the fire with his pipe.\n\n"
		"\"A cold night for the time of year,\" said Mr. Snell.\n\n"
		"\"Colder than any since the great frost,\" said Mr. Macey.\n\n"
		"\"The pond at the mill is frozen to the bottom,\" said the blacksmith.\n\n"
		"\"Then the miller will be glad of a fire,\" said Mr. Macey.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "The pond at the mill", "Blacksmith");
	CHECK_WHO(&h, "A cold night", "Mr. Snell");
	CHECKF(in_cast(&h, "Blacksmith") && in_cast(&h, "Mr. Snell"), "the blacksmith and the landlord are two in the cast");
	unhear(&h);
}

/* The character Princess (a role noun as a name) is no miner: "said the little miner" at
 * the princess's turn is the little miner's; Captain Rees (a rank as a title) is no clerk:
 * "said the shipping clerk" at the captain's turn is the clerk's. */
TEST(novel_fix16b_role_tag_is_not_the_princess)
{
	struct heard h;
	CHECKF(hear_in("en", "The Princess walked down the mountain road with Lootie, and a boy in a miner's cap came up to meet them.\n\n"
		"\"Who are you?\" said Lootie.\n\n"
		"\"Why do you ask him that?\" said the Princess.\n\n"
		"\"Because it is late,\" said Lootie.\n\n"
		"\"Late it is,\" said the little miner. \"The goblins are out.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(strcmp(who_said(&h, "Late it is"), "Princess"), "\"Late it is\" is not the Princess's line (%s)", who_said(&h, "Late it is"));
	CHECK_WHO(&h, "Late it is", "Little Miner");
	unhear(&h);
}

TEST(novel_fix16b_role_tag_is_not_the_captain)
{
	struct heard h;
	CHECKF(hear_in("en", "Captain Rees sat in the office of the shipping firm with Mr. Sigg.\n\n"
		"\"The ship is ready,\" said Captain Rees.\n\n"
		"\"Then she sails on Monday,\" said Mr. Sigg.\n\n"
		"\"You will have the handiest boat on the coast,\" said the shipping clerk.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "You will have the handiest", "Shipping Clerk");
	unhear(&h);
}
