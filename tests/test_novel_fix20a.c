/* tests/test_novel_fix20a.c — first-person narrators (novel_speak.c speaker): a speech tag
 * whose subject is a noun phrase that names no one known ("said the little hero", "said
 * my new acquaintance") is never the "I" who tells the story, even where turn-taking
 * would give the quote to the narrator; it goes to the one who spoke last, if that one
 * is not known by another role noun, else to nobody (the role-noun case is measured on
 * the bench: en_twain_yankee24 "broke in the enchanter").
 * And (novel_speak.c lead_en, say_inside) the said-verb that ends a clause leading into a
 * quote with a colon names its speaker: its subject is found past manner adverbs
 * ("Daisy peremptorily called:") and past a verb it is joined to by "and" ("I
 * involuntarily rose at his approach and impetuously inquired:", "he sat up in bed and
 * said:"), "I" included, and it wins over an earlier said-verb of the clause.
 * And (novel_arrive.c nov_self_named_en) one who names himself in the first person ("My
 * name is Hareton Earnshaw", "My name's Curdie", "I am Uncle Alec") says that quote,
 * whatever turn-taking guessed; "This is Nursey Hummel" names another. The texts are
 * written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* fix20a-1.1: Tom spoke last (twice, tagged), so turn-taking would give the next quote to
 * the narrator; "said the little hero" is Tom (before the rule both parts went to I). */
TEST(novel_fix20a_the_little_hero_is_not_i)
{
	struct heard h;
	CHECKF(hear_in("en", "Tom came into the schoolroom with his whip in his hand and looked at me.\n\n"
		"\"You are the new governess,\" said Tom.\n\n"
		"\"I am,\" I answered.\n\n"
		"\"Then you shall see me ride,\" said he, and he laid on the rocking-horse with all his might.\n\n"
		"This was very shocking; but I hoped in time to be able to work a reformation.\n\n"
		"\"Now you must put on your bonnet,\" said the little hero, \"and I'll show you my garden.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Now you must put on", "Tom");
	CHECK_WHO(&h, "and I'll show you", "Tom");
	CHECK_WHO(&h, "I am", "I");
	unhear(&h);
}

/* fix20a-1.2: an unnamed man (the placeholder) and the narrator; "said my new
 * acquaintance" after the man's two lines is his, not the narrator's (before the rule it
 * went to I). */
TEST(novel_fix20a_my_new_acquaintance_is_not_i)
{
	struct heard h;
	CHECKF(hear_in("en", "The train stopped at Marwar Junction, and I got down to stretch my legs. A big man in a shabby coat "
		"was walking up and down the platform.\n\n"
		"\"Going far?\" said the big man.\n\n"
		"\"To the coast,\" I said.\n\n"
		"\"So am I, as far as the junction,\" he said. \"The ticket took my last rupee.\"\n\n"
		"I could not help him; I had no money at all.\n\n"
		"\"We might wire to a friend,\" said my new acquaintance, \"but that would mean questions.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(strcmp(who_said(&h, "We might wire"), "I") != 0, "\"We might wire\" is not the narrator's");
	CHECKF(strcmp(who_said(&h, "but that would mean"), "I") != 0, "\"but that would mean\" is not the narrator's");
	CHECK_WHO(&h, "We might wire", who_said(&h, "Going far?"));
	CHECK_WHO(&h, "To the coast", "I");
	unhear(&h);
}

/* fix20a-3.1: "... that I involuntarily rose at his approach and impetuously inquired:" is
 * the narrator's lead-in, not Mr. Carr's whom the clause before names (before the rule the
 * quote went to Mr. Carr, and the young man's reply to Mr. Veeley). */
TEST(novel_fix20a_i_rose_and_inquired)
{
	struct heard h;
	CHECKF(hear_in("en", "I had been a junior partner in the firm of Veeley, Carr & Raymond for about a year. I liked the work, and I "
		"was in the office early that morning, as I always was.\n\n"
		"In the absence of both Mr. Veeley and Mr. Carr, there came into our office a young man whose whole appearance was so "
		"indicative of haste that I involuntarily rose at his approach and impetuously inquired:\n\n"
		"\"What is the matter? You have no bad news to tell, I hope.\"\n\n"
		"\"I have come to see Mr. Veeley; is he in?\"\n\n"
		"\"No,\" I replied.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "What is the matter?", "I");
	CHECKF(strcmp(who_said(&h, "I have come to see"), "Mr. Veeley") != 0, "\"I have come to see Mr. Veeley\" is not Mr. Veeley's");
	unhear(&h);
}

/* fix20a-3.2: "As I started my motor Daisy peremptorily called:": the said-verb that ends
 * the clause is Daisy's (before the rule the quote went to I, the subject of "started"). */
TEST(novel_fix20a_daisy_peremptorily_called)
{
	struct heard h;
	CHECKF(hear_in("en", "Tom and Daisy came out to the porch with me, and Tom shook my hand.\n\n"
		"\"Good night, Nick,\" said Tom.\n\n"
		"\"Good night,\" I said.\n\n"
		"As I started my motor Daisy peremptorily called:\n\n"
		"\"Wait! I forgot to ask you something.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Wait!", "Daisy");
	unhear(&h);
}

/* fix20a-3.3: "Mother was afraid ..., when suddenly he sat up in bed and said:": the "he" of
 * "sat up ... and said" speaks, not Mother whom the sentence opens with (before the rule the
 * quote went to Mother). */
TEST(novel_fix20a_he_sat_up_and_said)
{
	struct heard h;
	CHECKF(hear_in("en", "Peter had a cold, and Mother came up to the nursery with a tray of gruel.\n\n"
		"\"You must eat it, Peter,\" said Mother.\n\n"
		"Mother was afraid that he might be sickening for measles, when suddenly he sat up in bed and said:\n\n"
		"\"I hate gruel! I hate barley water!\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "I hate gruel!", "Peter");
	unhear(&h);
}

/* fix20a-4.1: '"My name is Hareton Earnshaw," growled the other': Hareton's, both parts
 * (before the rule both went to Mr. Heathcliff, the last speaker). */
TEST(novel_fix20a_my_name_is_hareton)
{
	struct heard h;
	CHECKF(hear_in("en", "I had come up to the Heights again, and I sat by the fire with Mr. Heathcliff and a rough young man whom I "
		"took for his son.\n\n"
		"\"Is this young man your son?\" I asked.\n\n"
		"\"Not my son, assuredly,\" said Mr. Heathcliff, and he smiled.\n\n"
		"\"My name is Hareton Earnshaw,\" growled the other; \"and I'd counsel you to respect it!\"\n\n"
		"\"I meant no disrespect,\" I said.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "My name is Hareton", "Hareton");
	CHECK_WHO(&h, "and I'd counsel you", "Hareton");
	CHECK_WHO(&h, "Not my son", "Mr. Heathcliff");
	unhear(&h);
}

/* fix20a-4.2: "My name's Curdie, little princess." (the contraction is a self-introduction
 * too): Curdie's (before, nobody's, and Curdie no cast member). */
TEST(novel_fix20a_my_names_curdie)
{
	struct heard h;
	CHECKF(hear_in("en", "Irene and her nurse were hurrying down the mountain road when a boy came up the path, singing to himself.\n\n"
		"\"Who are you?\" asked Irene.\n\n"
		"\"I'm only a miner's boy. I saw the goblins as I came up.\"\n\n"
		"\"Were you not afraid of them?\"\n\n"
		"\"Not I. I'm used to them.\"\n\n"
		"\"Then you must walk home with us,\" said Irene. \"What is your name?\"\n\n"
		"\"My name's Curdie, little princess.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "My name's Curdie", "Curdie");
	CHECK_WHO(&h, "Who are you?", "Irene");
	unhear(&h);
}

/* fix20a-4.3: "This is Nursey Hummel, and ..." introduces another: Mrs. Bhaer's still (a
 * rule that took "This is" for a self-introduction gave it to Nursey Hummel). */
TEST(novel_fix20a_this_is_another)
{
	struct heard h;
	CHECKF(hear_in("en", "Mrs. Bhaer came down the stairs with Nursey Hummel, a stout woman in a white apron, and took the new boy by "
		"the hand. Nursey Hummel smiled at him.\n\n"
		"\"Nat, this is your room,\" said Mrs. Bhaer.\n\n"
		"\"Thank you, ma'am,\" said Nat.\n\n"
		"\"This is Nursey Hummel, and she will give you a nice bath.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(strcmp(who_said(&h, "This is Nursey"), "Nursey Hummel") != 0, "\"This is Nursey Hummel\" is not hers");
	unhear(&h);
}
