/* tests/test_novel_en8.c — English dialogue structure that holds on any book: a speech
 * tag whose subject is a role noun the text itself uses in its tags ("said the
 * archdeacon", "the farrier said"), one WordNet knows as a person, names the one known by
 * it, where turn-taking would give the line to another; a tag whose subject is an
 * indefinite noun phrase ("said a carter") gives the line to nobody named. One fresh
 * passage per rule, written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* '"...," said the archdeacon' twice: the archdeacon (Dr. Grantly, by the apposition)
 * speaks, not the one whose turn it would be (the bishop). */
TEST(novel_en_tag_role_of_the_text)
{
	struct heard h;
	CHECKF(hear("The warden sat with the bishop in the library when Dr. Grantly, the archdeacon, came in with a letter in his hand.\n\n"
		"\"Have you read it?\" asked the bishop.\n\n"
		"\"I have not,\" said Mr. Harding.\n\n"
		"\"Then read it now,\" said the archdeacon, and he threw the letter on the table.\n\n"
		"\"It is very short,\" said Mr. Harding.\n\n"
		"\"It is short because it needs no more,\" said the archdeacon.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Then read it now", "Dr. Grantly");
	CHECK_WHO(&h, "It is short because", "Dr. Grantly");
	CHECK_WHO(&h, "I have not", "Mr. Harding");
	unhear(&h);
}

/* A word WordNet does not know as a person is no role, however often a tag writes it:
 * '"...," said the voice' gives no one called Voice a line. */
TEST(novel_en_tag_role_not_a_thing)
{
	struct heard h;
	CHECKF(hear("Ann waited in the dark hall by the stair. The voice came again from the landing above her. The voice was low and hoarse.\n\n"
		"\"Who is there?\" said Ann.\n\n"
		"\"Only me,\" said the voice.\n\n"
		"\"Come down, then,\" said Ann.\n\n"
		"\"Not yet,\" said the voice.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Voice"), "Voice is no person of the cast");
	CHECKF(strcmp(who_said(&h, "Only me"), "Voice"), "\"Only me\" is not Voice's");
	unhear(&h);
}

/* '"...," said a carter from the doorway': a tag whose subject is an indefinite noun phrase
 * names someone not known: the line is nobody's, not the one whose turn it was (Ann), and
 * no guess over the talk moves it to a name. */
TEST(novel_en_indefinite_tag_is_nobody)
{
	struct heard h;
	CHECKF(hear("Ann and Tom sat by the fire in the inn parlour while the rain came down.\n\n"
		"\"It is cold tonight,\" said Ann.\n\n"
		"\"Colder than last night,\" said Tom.\n\n"
		"\"The road is closed at the ford,\" said a carter from the doorway.\n\n"
		"\"Then we stay,\" said Ann.\n\n"
		"\"One of you will have to sleep in the loft,\" another man called out from the stair.\n\n"
		"\"I will,\" said Tom.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "The road is closed", "");
	CHECK_WHO(&h, "One of you will", "");
	CHECK_WHO(&h, "Then we stay", "Ann");
	unhear(&h);
}
