/* tests/test_novel_en6.c — English cast rules from the low texts of pd_dev4, pd_dev5 and
 * pd_dev6 (tests/prose), each a general reason and not a word: a sentence opener after two
 * spaces is known as one; a word after an indefinite article or a quantifier, and its plural,
 * is no person; a family name's title gives a gender the pronouns leave open; a role noun written again and again right after one name
 * stands for that person (and not when one sentence has both); "Mistress" is a title; a
 * capitalised descriptor used as a name survives one lower-case use. One fresh passage per
 * rule, written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* "hatchway.  Thus I was told": two spaces after a full stop still open a sentence, so the
 * adverb there (which WordNet also knows as a noun) leading into a quote is no one. */
TEST(novel_en_opener_after_two_spaces)
{
	struct heard h;
	CHECKF(hear("The mate leaned on the rail and looked at the grey water for a long time.\n\n"
		"The boy came up from below with the coffee.  Thus I learned that we were to sail at dawn. "
		"\"We go with the tide,\" said Mr. Rourke.\n\n"
		"\"And the cargo?\"\n\n"
		"\"Stowed last night.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Thus"), "a sentence's first word after two spaces is no name");
	CHECK_WHO(&h, "We go with the tide", "Mr. Rourke");
	unhear(&h);
}

/* "a Troylike struggle": a word an indefinite article stands before is a kind's word (an
 * adjective here), no one's name, even where it opens the sentence that leads into a quote. */
TEST(novel_en_indefinite_article_no_name)
{
	struct heard h;
	CHECKF(hear("The youth had long despaired of witnessing a Troylike struggle. Men were better, or more timid. "
		"Troylike struggles would be no more, he thought. \"Ma, I am going to enlist,\" he said.\n\n"
		"\"Don't be a fool,\" his mother replied.\n\n"
		"\"I have enlisted.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Troylike"), "a word after \"a\" is no one's name");
	CHECKF(strcmp(who_said(&h, "Ma, I am going"), "Troylike"), "the youth is not Troylike");
	unhear(&h);
}

/* "divers Kings", and the plural of a word written after "an": kinds of people, no one
 * person (who then takes a "she said"); but "a girl named Daisy" is a name. */
TEST(novel_en_quantifier_and_plural_no_name)
{
	struct heard h;
	CHECKF(hear("I took an Intermediate ticket, for Intermediates travel cheaply and nobody asks them questions. "
		"In those days I did business with divers Kings, and Kings pay badly.\n\n"
		"A girl named Daisy sold oranges on the platform. She came to the window. \"Oranges, sir?\" she asked.\n\n"
		"\"Two,\" I said.\n\n"
		"Intermediates never eat oranges, and the Kings had kept me from my breakfast.\n\n"
		"\"That will be a penny,\" she said.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Intermediate") && !in_cast(&h, "Intermediates"), "a word after \"an\" and its plural are no one");
	CHECKF(!in_cast(&h, "Kings"), "a word after \"divers\" is no one");
	CHECKF(in_cast(&h, "Daisy"), "\"a girl named Daisy\" is a person");
	CHECK_WHO(&h, "Oranges, sir", "Daisy");
	CHECK_WHO(&h, "That will be a penny", "Daisy");
	unhear(&h);
}

/* A heroine whose pronoun votes are mixed (she is written beside the man who loves her) is a
 * woman when the text gives her family name a woman's title ("Perdita Vane", "Miss Vane"):
 * her "she said" lines are hers, not those of the only woman known before (the aunt). */
TEST(novel_en_family_title_gender)
{
	struct heard h;
	CHECKF(hear("Gabriel had asked in the village, and learned that the girl was Perdita Vane.  He dreaded the day "
		"she would not come, and his sleep was poor, for she was lovely.\n\n"
		"At the cottage Mrs. Hurle opened the door.  \"Will you tell Miss Vane that somebody wishes to speak to her?\" said Mr. Oak.\n\n"
		"\"She is out,\" said Mrs. Hurle.  \"Come back in the evening.\"\n\n"
		"\"That is unfortunate,\" said Farmer Oak.  \"Good day, Mrs. Hurle.\"\n\n"
		"When Gabriel had gone down the lane, he heard a shout behind him.  He looked round, and saw a girl racing after him.\n\n"
		"Oak stood still.  It was Perdita Vane.  Gabriel's colour deepened: hers was already deep, from running.\n\n"
		"\"Farmer Oak--I--\" she said, pausing for breath.\n\n"
		"\"I have just called to see you,\" said Gabriel.\n\n"
		"\"Yes--I know that,\" she said, panting.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Farmer Oak--I--", "Perdita Vane");   /* (never written "Perdita" alone) */
	CHECK_WHO(&h, "Yes--I know that", "Perdita Vane");
	CHECK_WHO(&h, "She is out", "Mrs. Hurle");
	unhear(&h);
}

/* "Valentin crossed the street. The detective ordered tea": a role noun the narration
 * writes again and again right after naming one person (as a sentence's subject) stands for
 * that person, so "said the detective" is Valentin's line. */
TEST(novel_en_role_noun_for_named_person)
{
	struct heard h;
	CHECKF(hear("Valentin came out of the station and looked up and down the grey street. The detective was in no hurry.\n\n"
		"Valentin crossed to the tea-shop on the corner, where Mrs. Dene stood behind the counter. The detective ordered tea and watched the door.\n\n"
		"\"Has a tall man come in this morning?\" asked the detective.\n\n"
		"\"Only the milkman,\" said Mrs. Dene.\n\n"
		"Valentin put down his cup. The detective looked at the window, which was broken.\n\n"
		"\"When was that done?\" said the detective.\n\n"
		"\"Last night, sir,\" she said.\n\n"
		"\"Thank you,\" said the detective, and went out.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Has a tall man", "Valentin");
	CHECK_WHO(&h, "When was that done", "Valentin");
	CHECK_WHO(&h, "Only the milkman", "Mrs. Dene");
	CHECKF(!in_cast(&h, "Detective"), "the detective is Valentin");
	unhear(&h);
}

/* The cook who stands beside Johnson in one sentence ("Johnson turned to the door, over the
 * cook's shoulder") is not Johnson, however often Johnson is named before "the cook". */
TEST(novel_en_role_noun_beside_name_stays_apart)
{
	struct heard h;
	CHECKF(hear("Johnson came down the ladder. The cook was at the stove.\n\n"
		"Johnson sat at the table. The cook poured the coffee.\n\n"
		"Johnson drank it. The cook grinned.\n\n"
		"Johnson looked over the cook's shoulder at the door.\n\n"
		"\"More?\" asked the cook.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "More?", "Cook");
	CHECKF(in_cast(&h, "Cook"), "the cook is a person of his own");
	unhear(&h);
}

/* "Mistress Mary": Mistress is a title (the woman's Master), so the girl is Mistress Mary
 * and her bare "Mary" joins her; no one called "Mistress". */
TEST(novel_en_mistress_is_a_title)
{
	struct heard h;
	CHECKF(hear("Mistress Mary stood in the garden with her hands behind her.\n\n"
		"\"Where is the key?\" said Mistress Mary.\n\n"
		"\"I dunnot know,\" said Martha.\n\n"
		"\"Then I shall find it,\" said Mary, and she walked away.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Where is the key", "Mistress Mary");
	CHECK_WHO(&h, "Then I shall find it", "Mistress Mary");
	CHECKF(!in_cast(&h, "Mistress"), "Mistress is a title, no one");
	unhear(&h);
}

/* "said the Time Traveller" again and again: a capitalised descriptor the text uses as a
 * name is one even where the words also come in lower case once ("any time traveller"). */
TEST(novel_en_capitalised_descriptor_with_lower_use)
{
	struct heard h;
	CHECKF(hear("We sat after dinner in the long room, and the lamp burned low.\n\n"
		"\"It is very simple,\" said the Time Traveller.\n\n"
		"\"Is it?\" said Filby.\n\n"
		"\"Quite,\" said the Time Traveller. \"Any time traveller could tell you.\"\n\n"
		"\"I doubt it,\" said Filby.\n\n"
		"\"Then I shall show you,\" said the Time Traveller, and rose.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "It is very simple", "Time Traveller");
	CHECK_WHO(&h, "Then I shall show you", "Time Traveller");
	CHECK_WHO(&h, "Is it?", "Filby");
	unhear(&h);
}

/* "At last he spoke to the tall soldier. \"Jim!\"": the name a quotation calls out, right
 * after the narration speaks to a role character, is that character's: "said the tall
 * soldier" is Jim's line. */
TEST(novel_en_role_named_by_vocative)
{
	struct heard h;
	CHECKF(hear("The youth sat by the fire and said nothing. The tall soldier came in with a bundle of wood.\n\n"
		"\"We move to-morrow,\" said the tall soldier.\n\n"
		"The youth remained silent for a time. At last he spoke to the tall soldier. \"Jim!\"\n\n"
		"\"What?\" said the tall soldier.\n\n"
		"\"Do you think any of the boys will run?\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "We move to-morrow", "Jim");
	CHECK_WHO(&h, "What?", "Jim");
	CHECKF(!in_cast(&h, "Soldier"), "the tall soldier is Jim");
	unhear(&h);
}
