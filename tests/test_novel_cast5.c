/* tests/test_novel_cast5.c — the English cast holds persons only (branch casten5): a bare
 * capitalised word WordNet knows as a thing (a place, a day or a month, a language, a
 * common noun of no person, no noun at all) stays out of the cast, whatever pronoun votes
 * or guessed lines it got, unless the text writes it as a person: a speech tag's subject
 * ("said the Otter"), an address in a quote, a verb of a person right after it, a role
 * noun before it ("my man Paddock"), "his name was", a body part or kin after its
 * possessive, "X and Y" with a person. One fresh passage per case, written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* "Paris had changed him, he said": a city's name that opens sentences and is followed by
 * "he" (a gender by the pronoun votes) is no person; nor is a day written capitalised
 * inside a sentence ("on Sundays"), nor a language. */
TEST(novel_en_cast_place_day_language_no_person)
{
	struct heard h;
	CHECKF(hear("Harold Pike came home from Paris in the spring. Paris had changed him, he thought, and he walked "
		"more slowly than before. Paris was in his coat and in his talk.\n\n"
		"On Sundays he went to the chapel with his aunt. Sundays he liked least of all. He spoke English "
		"to the grocer, though English was not the grocer's tongue.\n\n"
		"\"You have grown thin,\" said his aunt.\n\n"
		"\"Paris is a hungry place,\" said Harold.\n\n"
		"\"Then stay here.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Paris"), "a city is no person");
	CHECKF(!in_cast(&h, "Sundays"), "a day is no person");
	CHECKF(!in_cast(&h, "English"), "a language is no person");
	CHECK(in_cast(&h, "Harold"));
	unhear(&h);
}

/* A common noun of things written capitalised as a title's word ("History of Rome", "the
 * night Mail"): no person; but a name that is also a common noun stays when the text writes
 * it as a person: "said the Otter" (a tag), "my man Paddock" (a role noun before it),
 * "His name was Teddy". */
TEST(novel_en_cast_common_noun_needs_person_evidence)
{
	struct heard h;
	CHECKF(hear("I sat by the window with Goldsmith's History of Rome on my knee. History was a weary book; he was a dull "
		"writer. I turned to the night Mail and its timetable, for the Mail left at nine and he was never late.\n\n"
		"My man Paddock had gone to the station; Paddock would be back by dark, and he would bring the papers. "
		"His name was Teddy, the boy at the gate, and Teddy was always laughing; he laughed at everything.\n\n"
		"\"Will you walk?\" asked my sister.\n\n"
		"\"Not tonight,\" I said.\n\n"
		"The Otter came up out of the water and shook himself. \"Good evening,\" said the Otter.\n\n"
		"\"Good evening,\" I said. \"Is the river high?\"\n\n"
		"\"High enough,\" said the Otter, and he went down again.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "History"), "a book's title word is no person");
	CHECKF(!in_cast(&h, "Mail"), "a train is no person");
	CHECKF(in_cast(&h, "Otter"), "\"said the Otter\": a tag's subject is a person");
	CHECKF(in_cast(&h, "Paddock"), "\"my man Paddock\": a person");
	CHECKF(in_cast(&h, "Teddy"), "\"His name was Teddy\": a person");
	CHECK_WHO(&h, "Good evening", "Otter");
	unhear(&h);
}

/* "During my stay", "Since the question": a preposition or a conjunction opening the
 * narration that leads into a quote (the place a speaker's name stands) is no one; nor is
 * one letter spoken as an interjection and written in the narration ("O, please", "O my"). */
TEST(novel_en_cast_function_word_and_letter_no_person)
{
	struct heard h;
	CHECKF(hear("\"You will stay the winter, then?\" asked Mrs. Hale.\n\n"
		"During my stay I lodged with her, and she told me of the town. \"It was a hard winter,\" she said.\n\n"
		"\"Harder than this?\"\n\n"
		"Since the question was put to her she had thought of nothing else. \"Much harder,\" she said. "
		"O my, how cold it was then, and O, how long.\n\n"
		"\"O, please tell me,\" I said.\n\n"
		"\"O, it was long ago.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "During"), "a preposition is no one");
	CHECKF(!in_cast(&h, "Since"), "a conjunction is no one");
	CHECKF(!in_cast(&h, "O"), "one letter is no one");
	CHECK(in_cast(&h, "Mrs. Hale"));
	CHECK_WHO(&h, "It was a hard winter", "Mrs. Hale");
	unhear(&h);
}
