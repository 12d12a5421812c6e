/* tests/test_novel_fix17a.c — the name a person of two joined one-word names keeps
 * (novel_names.c nov_join_names): the one of the two the text writes more often on its
 * own, so a given name written only inside the full name ("Henry Mullins") is not the
 * character's name when the tags say "Mullins". The texts are written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* "Henry" is written once, inside "Henry Mullins"; "Mullins" alone in every tag. Before
 * the rule the person was cast as "Henry", a name the text never gives him alone. */
TEST(novel_fix17a_joined_name_keeps_the_one_used_alone)
{
	struct heard h;
	CHECKF(hear_in("en", "Henry Mullins and George Duff, the two bank managers, sat in the back room of the hotel. Mullins lit a cigar.\n\n"
		"\"Could you run a hotel in the city?\" asked Mullins.\n\n"
		"\"I could run one anywhere,\" said Duff.\n\n"
		"\"Not this one,\" said Mullins, and laughed.\n\n"
		"Mullins put down his glass.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Could you run", "Mullins");
	CHECK_WHO(&h, "Not this one", "Mullins");
	CHECKF(!in_cast(&h, "Henry"), "Henry Mullins is cast under the name the text uses for him");
	unhear(&h);
}

/* The first name stays when the text writes it alone more often ("Basil", once
 * "Basil Hallward", never "Hallward" alone): the join keeps its old direction. */
TEST(novel_fix17a_joined_name_keeps_the_first_when_commoner)
{
	struct heard h;
	CHECKF(hear_in("en", "Basil Hallward came into the studio with Lord Henry.\n\n"
		"\"It is finished,\" said Basil.\n\n"
		"\"Then sign it,\" said Lord Henry.\n\n"
		"\"Not yet,\" said Basil. Basil put down his brush.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "It is finished", "Basil");
	CHECKF(!in_cast(&h, "Hallward"), "Basil Hallward is one person, cast as Basil");
	unhear(&h);
}

/* A king the narration only refers to ("the license granted by King Edward", "since the
 * days of King Charles") is no one of the cast; a king who speaks stays, and so does a
 * queen the narration shows acting. Before the rule every titled mention was cast. */
TEST(novel_fix17a_absent_sovereign_not_cast)
{
	struct heard h;
	CHECKF(hear_in("en", "The inn had been famous since the days of King Charles, and the license granted by King Edward was framed above the bar. Mr. Smith stood at the door.\n\n"
		"\"Busy tonight?\" asked Mr. Jellyband.\n\n"
		"\"Busy enough,\" said Mr. Smith.\n\n"
		"King Harold rode into the yard, and Queen Edith smiled at the boy who held the horse.\n\n"
		"\"We shall stay the night,\" said King Harold.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "King Charles"), "King Charles is a reign the narration refers to, not one of the cast");
	CHECKF(!in_cast(&h, "King Edward"), "King Edward only granted the license, long ago");
	CHECKF(in_cast(&h, "King Harold"), "a king who speaks is one of the cast");
	CHECKF(in_cast(&h, "Queen Edith"), "a queen the narration shows acting (smiled) is one of the cast");
	CHECK_WHO(&h, "Busy enough", "Mr. Smith");
	unhear(&h);
}

/* A pronoun tag goes to the paragraph's subject; one its narration names only after a
 * preposition ("stare at Raffles", "a letter came for Harris") or in the possessive inside
 * a sentence is no subject, so "he" is the one the narration goes on with (George).
 * Before the rule the first one named was the subject: Harris asked about his own letter. */
TEST(novel_fix17a_object_is_no_paragraph_subject)
{
	struct heard h;
	CHECKF(hear_in("en", "George and Harris sat in the hall of the inn after breakfast.\n\n"
		"\"Has the post come?\" asked Harris.\n\n"
		"\"Not yet,\" said George.\n\n"
		"\"I am waiting for a letter from my aunt.\"\n\n"
		"A letter came for Harris, and George frowned at it. \"Is that the one?\" he asked.\n\n"
		"\"It is,\" said Harris.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Is that the one", "George");
	CHECK_WHO(&h, "I am waiting", "Harris");
	unhear(&h);
}
