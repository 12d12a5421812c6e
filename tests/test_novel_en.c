/* tests/test_novel_en.c — who speaks an English novel's quotations, rules found on real
 * chapters (tests/prose/pd_clean, pd_dev): a role noun joined to the name it stands
 * beside, people the text calls "the X" with a capital, presence in the scene. One fresh
 * passage per rule, written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* "Mr. Tolland the innkeeper was a man ...": with no commas the role noun still belongs to
 * the name beside it, so "said the innkeeper" is Mr. Tolland and no "Innkeeper" is cast. */
TEST(novel_en_role_beside_name)
{
	struct heard h;
	CHECKF(hear("Mr. Tolland the innkeeper was a narrow man who measured everything twice. "
		"On Sundays he walked the canal with his nephew, Mr. Pike.\n\n"
		"\"The lock gate is rotten,\" said Mr. Pike.\n\n"
		"\"It has been rotten for ten years,\" said the innkeeper.\n\n"
		"\"Then it will fall this winter.\"\n\n"
		"\"Let it,\" said the innkeeper.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "It has been rotten", "Mr. Tolland");
	CHECK_WHO(&h, "Let it", "Mr. Tolland");
	CHECKF(!in_cast(&h, "Innkeeper"), "a role noun beside a name is no second person");
	unhear(&h);
}

/* "said the Tinker", "the Grey Owl said": a capitalised name after "the", in a tag, is a
 * person of the story; talk among three of them follows the tags. */
TEST(novel_en_the_capitalised)
{
	struct heard h;
	CHECKF(hear("Under the bridge the Tinker and the Grey Owl were playing cards, and Molly "
		"sat on an upturned pail to watch them.\n\n"
		"\"Your deal,\" said the Tinker.\n\n"
		"\"It was my deal last time,\" the Grey Owl said crossly.\n\n"
		"\"Then it is mine,\" said Molly, and took the cards.\n\n"
		"The Tinker looked at the Grey Owl and shrugged.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Your deal", "Tinker");
	CHECK_WHO(&h, "It was my deal", "Grey Owl");
	CHECK_WHO(&h, "Then it is mine", "Molly");
	unhear(&h);
}

/* '"...," said Rosa slowly: "..."': the tag ends in a colon that leads into the second
 * quote, but the first quote's comma runs on into it, so both are Rosa's. */
TEST(novel_en_comma_tag_colon)
{
	struct heard h;
	CHECKF(hear("Rosa, Ada and Ben stood at the gate of the orchard.\n\n"
		"\"The apples are late,\" said Ben.\n\n"
		"\"Late or not, we pick on Monday,\" said Ada.\n\n"
		"\"They will come,\" said Rosa slowly: \"they always come after the first frost.\"\n\n"
		"\"Not this year,\" said Ben.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "They will come", "Rosa");
	CHECK_WHO(&h, "they always come", "Rosa");
	unhear(&h);
}

/* A paragraph that ends in a comma leads into the next paragraph's quote, and its tag may
 * sit deep in the clause ("it was impossible for him not to say what he had said at
 * noon,"): he, not the one the sentence opens with, speaks. */
TEST(novel_en_comma_lead_deep_say)
{
	struct heard h;
	CHECKF(hear("Nora mended her coat while Mr. Hale sat by the fire and read.\n\n"
		"Nora talked of the weather and the garden to keep him cheerful; but when the clock "
		"struck four, it was impossible for him not to say once more what he had said at noon,\n\n"
		"\"The roof will never last the winter.\"\n\n"
		"\"It has lasted forty winters already.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "The roof will never", "Mr. Hale");
	CHECK_WHO(&h, "It has lasted", "Nora");
	unhear(&h);
}

/* Narration between two quotes of a paragraph is the first one's tag, but a sentence of
 * its own that ends in a comma leads into the second ("When the door had shut, Mr. Pym
 * remarked,"); one that opens with the first speaker's pronoun stays with that speaker. */
TEST(novel_en_own_sentence_leads_in)
{
	struct heard h;
	CHECKF(hear("Clara and Mr. Pym sat in the shop after closing.\n\n"
		"\"Bring the lamp,\" said Clara to the boy. The boy fetched it and set it on the sill, and "
		"went out again. When the door had shut, Mr. Pym quietly remarked, \"He is a good lad.\"\n\n"
		"\"He is a slow one,\" said Clara. She thought of Mrs. Dray, who had sold her the lamp. She turned to "
		"Mr. Pym and said, \"But slow is not the worst thing.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Bring the lamp", "Clara");
	CHECK_WHO(&h, "He is a good lad", "Mr. Pym");
	CHECK_WHO(&h, "But slow is not", "Clara");
	unhear(&h);
}

/* '"Stand still!" cried a hoarse voice, as a man rose from behind the wall': a voice with
 * no owner brings on an unnamed person of the gender the sentence gives, not the boy
 * who is there. */
TEST(novel_en_voice_newcomer)
{
	struct heard h;
	CHECKF(hear("Tom crept along the wall of the mill with a sack over his shoulder.\n\n"
		"\"Stand still!\" cried a hoarse voice, as a man rose from behind the wall. \"Drop that sack.\"\n\n"
		"\"It is only potatoes, sir,\" said Tom.\n", &h) == 0, "%s", err_msg());
	const char *w = who_said(&h, "Stand still");
	CHECKF(strcmp(w, "Tom") && strcmp(w, "(none)"), "the voice is not Tom's (got \"%s\")", w);
	CHECKF(*w && nov_is_placeholder("en", w), "the voice is an unnamed man (got \"%s\")", w);
	CHECK_WHO(&h, "It is only potatoes", "Tom");
	unhear(&h);
}

/* "advised Jo", "thought Mark" are speech tags (said_en). */
TEST(novel_en_more_said_verbs)
{
	struct heard h;
	CHECKF(hear("Lucy, Jo and Mark waited at the bus stop in the rain.\n\n"
		"\"It is late again,\" said Mark.\n\n"
		"\"Then we walk,\" said Lucy.\n\n"
		"\"Take the short way by the river,\" advised Jo.\n\n"
		"\"She never listens,\" thought Mark. \"Not once.\"\n\n"
		"\"The river path is flooded,\" Lucy told them.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Take the short way", "Jo");
	CHECK_WHO(&h, "She never listens", "Mark");
	CHECK_WHO(&h, "The river path", "Lucy");
	unhear(&h);
}

/* '"..." And Beth looked at her hands.': an action beat after an untagged quote that
 * opens with a capital "And" and a name is that one's (not the one whose turn it is). */
TEST(novel_en_and_beat_after)
{
	struct heard h;
	CHECKF(hear("Kate, Nell and Rose sat sewing by the stove.\n\n"
		"\"My needle has broken,\" said Kate.\n\n"
		"\"Take mine,\" said Nell.\n\n"
		"\"I hate sewing more than anything in the world.\" And Rose threw her work on the floor.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "I hate sewing", "Rose");
	unhear(&h);
}

/* An unnamed one who has been talking ("said a tired voice at the door, and in came a
 * small, grey-haired woman") is the one the narration then names for the first time in
 * the text (Mrs. Fenn); not one the quotes named before. */
TEST(novel_en_newcomer_named_after)
{
	struct heard h;
	CHECKF(hear("Tim and Sally were laying the table in the kitchen.\n\n"
		"\"Have you two eaten all the bread?\" said a tired voice at the door, and in came a small, grey-haired woman "
		"with a basket on her arm. \"Sit down, both of you. The soup will not be long.\"\n\n"
		"Mrs. Fenn hung her shawl on the peg by the stove, and the children sat down.\n\n"
		"\"Is there cake?\" said Sally.\n\n"
		"\"There is always cake,\" said Mrs. Fenn.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Have you two eaten", "Mrs. Fenn");
	CHECK_WHO(&h, "Sit down, both", "Mrs. Fenn");
	CHECKF(!in_cast(&h, "Stranger Woman") && !in_cast(&h, "a woman"), "the newcomer keeps no placeholder");
	unhear(&h);
}

/* A quote of a few words that only names someone ('his questions after "poor Lotte"') is
 * not that one's line: Lotte, who is away, takes no turns in the talk that follows. */
TEST(novel_en_name_quote_not_speaker)
{
	struct heard h;
	CHECKF(hear("Mr. Grant and Mr. Oakes sat over their wine. Lotte had married and gone to Bath in the spring.\n\n"
		"Mr. Oakes had known Lotte since she was a child, and his kind questions after \"poor Lotte\" and her new house were answered at length. "
		"When this was done, Mr. Grant said, \"You are very good to ask, Mr. Oakes.\"\n\n"
		"\"Not at all, sir. I like to hear of her.\"\n\n"
		"\"She writes every week.\"\n\n"
		"\"Then she is happy.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(strcmp(who_said(&h, "poor Lotte"), "Lotte"), "a name in scare quotes is not its owner's line");
	CHECK_WHO(&h, "Not at all, sir", "Mr. Oakes");
	CHECK_WHO(&h, "She writes every week", "Mr. Grant");
	CHECK_WHO(&h, "Then she is happy", "Mr. Oakes");
	unhear(&h);
}

/* "... when a girl in a red coat came in": the unnamed one the narration brings in opens
 * the talk, and the one already there answers. */
TEST(novel_en_unnamed_arrival_opens)
{
	struct heard h;
	CHECKF(hear("The shop was quiet. Mr. Bell was sweeping the floor when a girl in a red coat came in with a parcel.\n\n"
		"\"Is this the post office?\"\n\n"
		"\"It was, once.\"\n\n"
		"\"Where is it now?\"\n\n"
		"\"Across the square, by the bank.\"\n", &h) == 0, "%s", err_msg());
	const char *w = who_said(&h, "Is this the post office");
	CHECKF(*w && nov_is_placeholder("en", w), "the girl who came in asks first (got \"%s\")", w);
	CHECK_WHO(&h, "It was, once", "Mr. Bell");
	CHECK_WHO(&h, "Across the square", "Mr. Bell");
	unhear(&h);
}

/* "What's your name?" / "Wren. Just Wren.": the unnamed one who answers is called so from
 * then on, and every line of hers with it. */
TEST(novel_en_name_answer)
{
	struct heard h;
	CHECKF(hear("The ward was dark. Mrs. Mott was writing up her notes when a girl in a wet cape came in from the stairs.\n\n"
		"\"Is the doctor here?\"\n\n"
		"\"Not till six. What's your name?\"\n\n"
		"\"Wren. Just Wren.\"\n\n"
		"\"Sit down, Wren, and tell me what is wrong.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Is the doctor here", "Wren");
	CHECK_WHO(&h, "Wren. Just Wren", "Wren");
	CHECK_WHO(&h, "Not till six", "Mrs. Mott");
	unhear(&h);
}

/* "Mr. Brandt had the clock in pieces when Odile came in with the post.": one named once,
 * coming in, is a person, and she opens the talk, though the sentence opens with him. */
TEST(novel_en_named_once_arrives)
{
	struct heard h;
	CHECKF(hear("The shop smelled of oil. Mr. Brandt had the clock in pieces on the bench when Odile came in with the post.\n\n"
		"\"Two letters for you, and a parcel.\"\n\n"
		"\"Put them on the shelf.\"\n\n"
		"\"The parcel is ticking.\"\n\n"
		"\"Then it is the clock I ordered.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Two letters for you", "Odile");
	CHECK_WHO(&h, "Put them on the shelf", "Mr. Brandt");
	CHECK_WHO(&h, "The parcel is ticking", "Odile");
	unhear(&h);
}

/* A first-person narrator who writes "I" only three times in the narration and never
 * tags a line of his own still speaks the lines no one else can ("What if they sting
 * me?" to the uncle who teaches him). */
TEST(novel_en_narrator_few_i)
{
	struct heard h;
	CHECKF(hear("Aunt Vera kept hens behind the cottage, and that spring she decided I was old enough to feed them.\n\n"
		"\"Bucket in the left hand. Scatter with the right.\"\n\n"
		"\"What if they peck me?\"\n\n"
		"\"Then you will know what it feels like.\"\n\n"
		"This was not what I had hoped to hear. I took the bucket anyway.\n\n"
		"\"Do they bite hard?\"\n\n"
		"\"Only the brown one,\" said Aunt Vera.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "What if they peck me", "I");
	CHECK_WHO(&h, "Do they bite hard", "I");
	unhear(&h);
}

/* "The skipper came down from the wheelhouse ... 'Nobody knows that,' the skipper said":
 * a boat's skipper is a role noun (role_nouns_en), a person of the story. */
TEST(novel_en_skipper_role)
{
	struct heard h;
	CHECKF(hear("Nina and Paul stood at the rail of the ferry.\n\n"
		"\"We will be late,\" said Nina.\n\n"
		"The skipper came down the stairs from the wheelhouse and stopped beside them.\n\n"
		"\"The bus waits for the boat,\" the skipper said.\n\n"
		"\"Always?\" said Paul.\n\n"
		"\"Always,\" said the skipper.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "The bus waits", "Skipper");
	CHECK_WHO(&h, "Always,", "Skipper");
	unhear(&h);
}

/* "his wife's temper" in narration names Mrs. Hobbs when he is Mr. Hobbs, so the "she" of
 * the next tag is his wife, not the daughter named last. */
TEST(novel_en_spouse_mention)
{
	struct heard h;
	CHECKF(hear("Mrs. Hobbs and her daughter had gone to the fair. Mr. Hobbs stayed at home with his pipe.\n\n"
		"Miss Ann Hobbs came back first and went straight up to her room. Mr. Hobbs had hoped that his wife's "
		"temper would be mended by the fair; but he soon found that he was wrong.\n\n"
		"\"Oh! Mr. Hobbs,\" as she came into the room, \"the fair was a disgrace.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Oh! Mr. Hobbs", "Mrs. Hobbs");
	unhear(&h);
}

/* "Fred folded his paper and looked hard at Tom. "You are both fools," he said": a pronoun
 * tag in a paragraph whose narration opened with someone of that gender is that one's,
 * not the man the narration named last. */
TEST(novel_en_pronoun_paragraph_subject)
{
	struct heard h;
	CHECKF(hear("Sam and Tom argued by the fire while Fred read his paper.\n\n"
		"\"It will rain,\" said Sam.\n\n"
		"\"It will not,\" said Tom.\n\n"
		"\"It will,\" said Sam.\n\n"
		"Fred folded his paper and looked hard at Tom. \"You are both fools,\" he said.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "You are both fools", "Fred");
	unhear(&h);
}

/* '"...," the Owl went on, yawning': "went on" is a speech tag. */
TEST(novel_en_went_on_tag)
{
	struct heard h;
	CHECKF(hear("Pip and the Hare sat on the wall under the tree where the Owl lived.\n\n"
		"\"Tell us about the mill,\" said Pip.\n\n"
		"\"Very well,\" said the Owl.\n\n"
		"\"Not the mill again,\" said the Hare.\n\n"
		"\"It was a fine mill,\" said Pip.\n\n"
		"\"It burned down in one night,\" the Owl went on, yawning, \"and nobody knew why.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "It burned down", "Owl");
	CHECK_WHO(&h, "and nobody knew why", "Owl");
	unhear(&h);
}

/* A capitalised word the narration writes mostly after "of" and never in a speech tag is a
 * place (the mistress of Thornbury), and one before "'s Hill" names the hill (Ravel's Hill):
 * neither is a person of the cast. */
TEST(novel_en_places_of_and_hills_are_no_one)
{
	struct heard h;
	CHECKF(hear("Mrs. Pell had been the mistress of Thornbury for twenty years, and she loved the old roof of Thornbury. "
		"Her son thought Thornbury too cold.\n\n"
		"The coach climbed Ravel's Hill slowly in the rain. Halfway up Ravel's Hill the horses stopped.\n\n"
		"\"We shall walk,\" said Mrs. Pell.\n\n"
		"\"In this rain?\" said her son.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Thornbury"), "Thornbury is a house");
	CHECKF(!in_cast(&h, "Ravel"), "Ravel's Hill is a hill");
	CHECK(in_cast(&h, "Mrs. Pell"));
	unhear(&h);
}

/* "the Miss Pells", always after "the": the sisters together, a family, no one person. */
TEST(novel_en_family_plural_is_no_one)
{
	struct heard h;
	CHECKF(hear("The Miss Pells came to tea on Sunday, and the Miss Pells stayed late.\n\n"
		"\"More cake?\" said Mrs. Dray.\n\n"
		"\"No, thank you,\" said Harriet.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Miss Pells"), "the Miss Pells are a family");
	CHECK_WHO(&h, "No, thank you", "Harriet");
	unhear(&h);
}

/* "Seldom had he ...", "Seldom were they ...": a word opening inverted sentences (a verb and
 * then a subject pronoun) is no subject, so no person. */
TEST(novel_en_inverted_opener_is_no_one)
{
	struct heard h;
	CHECKF(hear("The farm lay far from the road. Seldom had he seen a stranger there. Seldom were they visited at all.\n\n"
		"\"Who is it?\" said Mrs. Dray.\n\n"
		"\"A pedlar,\" said Tom.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Seldom"), "Seldom is no one");
	CHECK(in_cast(&h, "Tom"));
	unhear(&h);
}

/* A capitalised word before a noun WordNet calls an animal, an artifact, a place or a food
 * ("a Tamworth pig", "Kendal cake") names a breed or a make, no person. */
TEST(novel_en_name_before_a_thing_is_no_one)
{
	struct heard h;
	CHECKF(hear("Mrs. Dray kept a Tamworth pig behind the house, and every morning Tom fed her Tamworth pig. "
		"The Tamworth was the pride of the lane.\n\n"
		"\"Is it fat yet?\" said Mrs. Dray.\n\n"
		"\"Fat as butter,\" said Tom.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Tamworth"), "Tamworth is a breed of pig");
	CHECK(in_cast(&h, "Tom"));
	unhear(&h);
}

/* "New-Hampton" written with a hyphen is a place as "New Hampton" is: Hampton is no one. */
TEST(novel_en_hyphened_place_is_no_one)
{
	struct heard h;
	CHECKF(hear("Tom had worked at the mill in New-Hampton for years, and all his letters went to New-Hampton. "
		"Nobody ever left New-Hampton.\n\n"
		"\"Will you go back?\" said Mrs. Dray.\n\n"
		"\"Never,\" said Tom.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Hampton"), "Hampton is a town");
	CHECK(in_cast(&h, "Tom"));
	unhear(&h);
}
