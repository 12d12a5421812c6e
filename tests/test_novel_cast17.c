/* tests/test_novel_cast17.c — the English cast holds no word that is not a person
 * (branch cast17_en): a contraction ("I've") is no name; a possessive "'s" form is its
 * owner ("Mr. Peppercorn's" is Mr. Peppercorn); a capitalised word that modifies a person
 * noun in a tag ("grunted the Eusufzai agent") is no one; a nationality or faith that the
 * text writes before a person noun ("the American drummer") is a kind of person, no one's
 * name; the plural of a family's surname ("the young Cuzaks") is the family. One fresh
 * passage per case, written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* "Heaven knows I've tried": a pronoun's contraction is capitalised inside a sentence, as
 * "I" always is; it names no one, even right before a quotation. */
TEST(novel_en_cast17_contraction_no_name)
{
	struct heard h;
	CHECKF(hear("Captain Good looked at the fire. Heaven knows I've tried to like him, I thought.\n\n"
		"\"Will you come?\" asked Sir Henry.\n\n"
		"\"I will,\" said Captain Good.\n\n"
		"I've seen men afraid, and he was not. I've known him ten years. \"Go on,\" I said.\n\n"
		"\"We march at dawn,\" said Sir Henry.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "I've"), "a contraction is no name");
	CHECK(in_cast(&h, "Sir Henry"));
	unhear(&h);
}

/* "your friend Mr. Peppercorn's opinions": a possessive "'s" form in a quote is its owner's
 * name; the cast holds Mr. Peppercorn (or no one), never "Mr. Peppercorn's". */
TEST(novel_en_cast17_possessive_is_owner)
{
	struct heard h;
	CHECKF(hear("\"All I know is,\" said the landlord, \"that there was my friend Peppercorn, who owns the Boar.\"\n\n"
		"The men in the taproom listened open-mouthed to the recital of Mr. Peppercorn's defalcations. Lord Hastings laughed.\n\n"
		"\"They made mincemeat of your friend Mr. Peppercorn's opinions,\" said Lord Hastings. \"How did they do it?\"\n\n"
		"\"I cannot tell, my lord,\" said the landlord.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Mr. Peppercorn's"), "a possessive is its owner");
	CHECK(in_cast(&h, "Lord Hastings"));
	unhear(&h);
}

/* "the Christian Endeavor began to come over the bridge": a said-verb followed by "to" and a
 * verb is no speech tag, so a society's name there is no tag's subject and no one. */
TEST(novel_en_cast17_infinitive_no_tag)
{
	struct heard h;
	CHECKF(hear("\"Then we go too,\" said Dravot.\n\n"
		"We waited on a siding for an hour, the Christian Endeavor being expected to pass that way. \"Don't that give "
		"you the contented spirit?\" said Dravot. And before I had any reply to this, the Christian Endeavor began to "
		"come over the bridge.\n\n"
		"\"Here they come,\" I said.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Christian Endeavor"), "\"began to come\" is no speech tag");
	CHECK(in_cast(&h, "Dravot"));
	unhear(&h);
}

/* "grunted the Eusufzai agent", "said the Eusufzai trader": a capitalised word before a
 * person's noun names his people, not him; a nationality or faith WordNet knows as a class
 * of persons ("the American", "a Mormon") that stands once before a person's noun ("the
 * American drummer") is a kind of person too. Their lines go to nobody named. */
TEST(novel_en_cast17_modifier_of_person_noun)
{
	struct heard h;
	CHECKF(hear("\"The road is closed,\" grunted the Eusufzai agent of a trading-house, and he spat.\n\n"
		"\"A caravan starts in twenty days,\" said the Eusufzai trader. \"My camels go with it.\"\n\n"
		"\"Then we go too,\" said Dravot.\n\n"
		"The American drummer came in and sat by the stove. \"Cold night,\" stated the American.\n\n"
		"\"It is,\" said Dravot.\n\n"
		"\"Colder in Chicago,\" said the American.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Eusufzai"), "a people's word before \"agent\" is no one");
	CHECKF(!in_cast(&h, "American"), "a nationality before \"drummer\" is no one's name");
	CHECK_WHO(&h, "The road is closed", "");
	CHECK(in_cast(&h, "Dravot"));
	unhear(&h);
}

/* "afloat on San Francisco Bay", "between Sausalito and San Francisco": an untitled name of
 * two words that WordNet knows whole as a place is no person, whatever pronoun votes ("She
 * was a good boat") it got; a person's two-word name stays. */
TEST(novel_en_cast17_place_of_two_words)
{
	struct heard h;
	CHECKF(hear("It was my custom to see Furuseth every Saturday, and that Monday morning found me afloat on San Francisco "
		"Bay. The ferry made her run between Sausalito and San Francisco, and the fog lay thick.\n\n"
		"\"It's nasty weather,\" said the red-faced man. He had been mate of a schooner before leaving San Francisco, and "
		"he knew the bay.\n\n"
		"\"I had not thought of it,\" I said.\n\n"
		"The pilot carried us safely from Sausalito to San Francisco, as he always did. She was a good boat.\n\n"
		"\"There she blows,\" said Furuseth.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "San Francisco"), "a city of two words is no person");
	CHECK(in_cast(&h, "Furuseth"));
	CHECK_WHO(&h, "There she blows", "Furuseth");
	unhear(&h);
}

/* "The young Cuzaks stood behind her chair" beside "Mrs. Cuzak": the plural of a character's
 * surname is the family, no one person of the cast. */
TEST(novel_en_cast17_family_plural)
{
	struct heard h;
	CHECKF(hear("I had a letter from Antonia Cuzak in the spring. \"Come and see us,\" she wrote.\n\n"
		"I drove out to find the Cuzak farm. The young Cuzaks stood behind her chair, looking at the pictures. The "
		"Cuzaks had done well; Cuzaks were everywhere in the orchard.\n\n"
		"\"Are you Mrs. Cuzak's boys?\" I asked.\n\n"
		"\"Yes, sir,\" said Ambrosch. The little Cuzaks laughed and ran off to the barn.\n\n"
		"\"They're good boys,\" said Antonia.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Cuzaks"), "a family is no one person");
	CHECK(in_cast(&h, "Mrs. Cuzak"));
	CHECK_WHO(&h, "Yes, sir", "Ambrosch");
	unhear(&h);
}

/* "You have read this hyeh Kenilworth?", "Sir Walter's Kenilworth": a name read, or had by
 * another character, is a book or a thing; only a tag or an address would make it a person
 * ("Kenilworth went back into his pocket, and he breakfasted" is its owner's act). Its
 * lines go to nobody named. */
TEST(novel_en_cast17_book_read_no_person)
{
	struct heard h;
	CHECKF(hear("\"That's the book Miss Wood recommended,\" the cow-puncher added, bringing Kenilworth from his pocket. "
		"\"Right fine story.\"\n\n"
		"Only, Kenilworth went back into his pocket, and he breakfasted in silence. He took out Sir Walter's Kenilworth "
		"once more, and turned the volume over.\n\n"
		"\"You have read this hyeh Kenilworth?\" said the Virginian. \"Well, deal Elizabeth ace high.\"\n\n"
		"\"I have,\" I said.\n\n"
		"\"Grab hold of something,\" said the Virginian.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Kenilworth"), "a book read is no person");
	CHECK_WHO(&h, "Right fine story", "");
	CHECK(in_cast(&h, "Virginian"));
	unhear(&h);
}

/* "like seaweed on the snout of Leviathan": a name only ever written after a thing's noun and
 * "of" is a thing (a monster, a ship) unless a tag, an act or an address makes it a person;
 * the untagged line it was guessed to lead into goes to nobody named. */
TEST(novel_en_cast17_of_a_thing_no_person)
{
	struct heard h;
	CHECKF(hear("\"It's nasty weather,\" said Johnson.\n\n"
		"\"I had not thought of it,\" I said.\n\n"
		"The fog seemed to break away as though split by a wedge, and the bow of a steamboat emerged, trailing "
		"fog-wreaths on either side like seaweed on the snout of Leviathan. I could see the pilot-house and a "
		"white-bearded man leaning out of it. \"Now you've done it!\"\n\n"
		"\"Grab hold of something,\" said Johnson.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Leviathan"), "\"the snout of Leviathan\" is no person");
	CHECK_WHO(&h, "Now you've done it", "");
	CHECK(in_cast(&h, "Johnson"));
	unhear(&h);
}

/* "the most improving reading for Flora": a person read to, not a book read (a preposition
 * stands between); "Flora looked up": a person's verb right after the name is a person's act
 * even where only talk would unmake a book. Flora stays and keeps her line. */
TEST(novel_en_cast17_read_to_is_a_person)
{
	struct heard h;
	CHECKF(hear("Little Flora Gordon was staying with Miss Jenkyns. Flora put down the _Rambler_ when I came in.\n\n"
		"\"It is a wonderful book,\" said Miss Jenkyns, \"and the most improving reading for Flora.\"\n\n"
		"Flora looked up from the page. \"Shall I go on?\"\n\n"
		"\"If Flora were not here to read to me, I hardly know what I should do,\" said Miss Jenkyns.\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "Flora"), "one read to is a person");
	CHECK_WHO(&h, "Shall I go on", "Flora");
	unhear(&h);
}
