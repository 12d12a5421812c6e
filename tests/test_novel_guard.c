/* tests/test_novel_guard.c — guards of the English novel importer that hold on any book:
 * two names the text shows as two people never join into one person (novel_guard.c).
 * Each text is written here; each check fails when the join happens (one name then takes
 * the other's lines and leaves the cast). Also: words capitalised only where any word is
 * are no cast (novel_names.c), and a first-person narrator takes turns like anyone
 * (novel.c beat, novel_speak.c toward_me, my_companion). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* "The men called him Red" right after Jory is named makes Red another name of Jory,
 * but their tags follow each other in one exchange: two people. */
TEST(novel_guard_exchange_keeps_two_names_apart)
{
	struct heard h;
	CHECKF(hear("Jory found the new hand at the pump behind the stable. The men called him Red, for his hair.\n\n"
		"\"Pump faster,\" said Jory.\n\n"
		"\"I am pumping as fast as I can,\" said Red.\n\n"
		"\"Then the bucket has a hole in it.\"\n\n"
		"\"It had a hole when you gave it to me.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "Red") && in_cast(&h, "Jory"), "Jory and Red are both in the cast");
	CHECK_WHO(&h, "Pump faster", "Jory");
	CHECK_WHO(&h, "I am pumping", "Red");
	CHECK_WHO(&h, "It had a hole", "Red");
	unhear(&h);
}

/* "Jory and Red carried the bucket": one sentence counts them as two (their tags are
 * far apart, so only that sentence says it). */
TEST(novel_guard_and_keeps_two_names_apart)
{
	struct heard h;
	CHECKF(hear("Jory found the new hand at the pump behind the stable. The men called him Red, for his hair.\n\n"
		"Jory and Red carried the bucket to the trough together.\n\n"
		"\"Full,\" said Red.\n\n"
		"\"Is it?\"\n\n"
		"\"See for yourself.\"\n\n"
		"\"So it is,\" said Jory.\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "Red") && in_cast(&h, "Jory"), "Jory and Red are both in the cast");
	CHECK_WHO(&h, "Full", "Red");
	CHECK_WHO(&h, "So it is", "Jory");
	unhear(&h);
}

/* "Tell Ada Tom is back": two one-word names side by side in a quote are no first name
 * and surname ("Basil Hallward") when their tags answer each other. */
TEST(novel_guard_adjacent_names_apart)
{
	struct heard h;
	CHECKF(hear("Ada kept the shop on the corner of Mill Street, and her brother Tom drove the cart.\n\n"
		"\"The flour is late again,\" said Ada.\n\n"
		"\"The road is flooded past the bridge,\" said Tom. \"Tell Ada Tom is back, I told the boy, but he ran off.\"\n\n"
		"\"I am Ada. You can tell me yourself.\"\n\n"
		"\"Then the flour will come tomorrow.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "Tom") && in_cast(&h, "Ada"), "Ada and Tom are both in the cast");
	CHECK_WHO(&h, "The flour is late", "Ada");
	CHECK_WHO(&h, "The road is flooded", "Tom");
	unhear(&h);
}

/* With no such evidence the joins still happen: "called him Red" of the one named just
 * before makes "said Red" his, and "Basil" is Basil Hallward. */
TEST(novel_guard_true_alias_still_joins)
{
	struct heard h;
	CHECKF(hear("The new hand was a tall lad named Tom Oakes, but the men called him Red, for his hair.\n\n"
		"\"Pump faster,\" said the foreman, Mr. Birch.\n\n"
		"\"I am pumping as fast as I can,\" said Red.\n\n"
		"\"Then the bucket has a hole in it,\" said Mr. Birch.\n\n"
		"Basil Hallward came across the yard with a lantern.\n\n"
		"\"Leave the boy alone,\" said Basil. \"He has worked since dawn.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Red"), "Red is Tom's other name, not a second person");
	CHECK_WHO(&h, "I am pumping", "Tom");
	CHECKF(!in_cast(&h, "Hallward") && !in_cast(&h, "Basil Hallward"), "Basil Hallward is one person, cast once");
	CHECK_WHO(&h, "Leave the boy", "Basil");
	unhear(&h);
}

/* A capitalised word the narration writes twice inside sentences (a book's name) is no
 * one when nothing treats it as a person: no tag, title, pronoun, address or another
 * name. Davy, who never speaks but is spoken to by name, stays in the cast. */
TEST(novel_guard_cast_only_persons)
{
	struct heard h;
	CHECKF(hear("All that winter Nell had read Bewick by the stove while Tom mended nets and little Davy slept.\n\n"
		"\"You will ruin your eyes,\" said Tom.\n\n"
		"\"And you will ruin your fingers,\" said Nell. \"Wake up, Davy, the kettle is boiling.\"\n\n"
		"Nell put Bewick back on the shelf, and Davy went on sleeping.\n\n"
		"\"Is the tide in?\" said Tom.\n\n"
		"\"Nearly. Come and see.\"\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Bewick"), "a book's name is no one of the cast");
	CHECKF(in_cast(&h, "Davy") && in_cast(&h, "Nell") && in_cast(&h, "Tom"), "the people stay in the cast");
	CHECK_WHO(&h, "Is the tide in", "Tom");
	unhear(&h);
}

/* A word capitalised only where any word is (opening a sentence that leads into a quote)
 * and known to WordNet only as an adverb is no one: "Angrily" takes no line, the porter
 * does. A name seen in the same places stays ("Hobbs"). */
TEST(novel_guard_opening_adverb_is_no_one)
{
	struct heard h;
	CHECKF(hear("Hobbs and Mary waited on the platform at Crewe for an hour.\n\n"
		"\"Late again,\" Hobbs said.\n\n"
		"Suddenly Mary stood up. \"There it is!\"\n\n"
		"Angrily the porter waved his flag. \"Stand back!\"\n\n"
		"\"Where is it going?\" asked Hobbs.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Angrily") && !in_cast(&h, "Suddenly"), "an adverb opening a sentence is no one of the cast");
	CHECKF(in_cast(&h, "Hobbs") && in_cast(&h, "Mary"), "the people stay in the cast");
	CHECKF(strcmp(who_said(&h, "Stand back"), "Angrily") != 0, "\"Stand back\" is not Angrily's");
	CHECK_WHO(&h, "There it is", "Mary");
	unhear(&h);
}

/* "Nonsense replied the porter": the said-verb's subject comes after it (a role noun, then
 * the end of the clause or a preposition), so the word before it is none, even one that
 * WordNet knows as a noun. "Tom resumed his whitewashing" has no person after the verb:
 * Tom stays a subject. */
TEST(novel_guard_inverted_tag_subject_is_after_the_verb)
{
	struct heard h;
	CHECKF(hear("Hobbs and Mary waited by the door of the inn.\n\n"
		"\"Is there a coach tonight?\" asked Hobbs.\n\n"
		"Nonsense replied the porter from the door. \"Not on Sundays.\"\n\n"
		"\"Then we walk,\" said Mary.\n\n"
		"Outside shouted somebody, \"All aboard!\"\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Nonsense") && !in_cast(&h, "Outside"), "the word before an inverted tag is no one of the cast");
	CHECKF(strcmp(who_said(&h, "Not on Sundays"), "Nonsense") != 0, "\"Not on Sundays\" is not Nonsense's");
	CHECK_WHO(&h, "Then we walk", "Mary");
	unhear(&h);
}

/* "said my companion" where it was the first-person narrator's turn: the narrator's
 * companion is someone else, the last one besides the narrator who spoke (and not the
 * one the quote speaks to). Before, the tag named no one and the turn gave it to "I". */
TEST(novel_guard_my_companion_is_not_the_narrator)
{
	struct heard h;
	CHECKF(hear("Holmes and Lestrade were waiting for me at the station when I came down from London.\n\n"
		"\"You are late,\" said Lestrade.\n\n"
		"\"The train was slow,\" I said.\n\n"
		"\"Never mind that,\" Holmes said. \"The body is in the barn.\"\n\n"
		"\"And you touched nothing?\" said my companion.\n\n"
		"\"Nothing at all,\" said Lestrade.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "The train was slow", "I");
	CHECK_WHO(&h, "And you touched nothing", "Holmes");
	unhear(&h);
}

/* A first-person narrator takes turns like anyone: a quote whose paragraph turns its
 * speaker toward the narrator ("looking at me over his glasses") speaks to the narrator,
 * and the untagged reply is the narrator's, not the one the narration named last. */
TEST(novel_guard_looked_at_me_is_answered_by_the_narrator)
{
	struct heard h;
	CHECKF(hear("Every summer I stayed with Uncle Abel, who grew more beans than any man could eat. Abel was a tall man.\n\n"
		"\"You've grown,\" said Abel, the first morning, looking at me over his glasses.\n\n"
		"\"Two inches.\"\n\n"
		"\"Then you can reach the high vines. Take the basket.\"\n\n"
		"My cousin Lena arrived on the Tuesday, with a suitcase full of books. She sat on the porch steps and read.\n\n"
		"\"Why don't you just buy beans?\" Lena asked.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "You've grown", "Uncle Abel");
	CHECK_WHO(&h, "Two inches", "I");
	CHECK_WHO(&h, "Then you can reach", "Uncle Abel");
	unhear(&h);
}

/* A first-person narrator who acts in a short beat between quotes takes the next turn
 * like anyone who acts ("I pulled at my aunt's sleeve." / "Is this the gentleman?").
 * The cascade's turn, without the re-ranker (whose fitted weights may still overrule a
 * single line of so short a text). */
TEST(novel_guard_narrator_beat_takes_the_turn)
{
	struct heard h;
	setenv("DRAMA_NOVEL_RANK", "off", 1);
	int rc = hear("Aunt May took me to the station to meet the train from London. Only one passenger got down, a tall man called Mr. Quint.\n\n"
		"\"May,\" said Mr. Quint.\n\n"
		"\"Mr. Quint,\" said Aunt May.\n\n"
		"They stood and looked at each other. I pulled at my aunt's sleeve.\n\n"
		"\"Is this the gentleman?\"\n\n"
		"\"It is, dear,\" said Aunt May.\n", &h);
	unsetenv("DRAMA_NOVEL_RANK");
	CHECKF(rc == 0, "%s", err_msg());
	CHECK_WHO(&h, "Is this the gentleman", "I");
	unhear(&h);
}

/* A first-person narrator takes a name others call him by only when it is a name: not a
 * short form of another's ("Dan" for Daniel Reed, whom the narration calls Reed), not a
 * word the text writes in lower case ("Aye, aye"), not one letter ("A, B, C"). Before,
 * each of the three renamed "I" and took his lines to that name (fixen: Kipling's Dan,
 * Jerome's Aye, London's B). */
TEST(novel_guard_narrator_is_not_renamed_by_address_words)
{
	static const char *const text[] = {
		"I met Daniel Reed and his partner Carver on the night mail. Reed was a big man.\n\n"
		"\"Where are you going?\" I asked.\n\n"
		"\"North, Dan and me,\" said Carver.\n\n"
		"\"It is a long road,\" I said.\n\n"
		"\"Long enough, Dan,\" said Carver. \"Tell him.\"\n\n"
		"\"We mean to be kings,\" said Daniel Reed.\n\n"
		"\"Then good luck to you,\" I said.\n\n"
		"\"Thank you, Dan,\" said Carver, and laughed.\n",
		"The mate shouted from the bridge, and I ran to the rail with Harris.\n\n"
		"\"Aye, aye, sir,\" said Harris.\n\n"
		"\"What does he want?\" I asked.\n\n"
		"\"Aye, aye,\" said Harris again. \"The boats.\"\n\n"
		"\"Then I will help you,\" I said.\n",
		"Larsen sat at the table and I stood by the lamp.\n\n"
		"\"It is as simple as A, B, C,\" said Larsen.\n\n"
		"\"I should not call it simple,\" I said.\n\n"
		"\"Simple as A, B, C! You read too much.\"\n\n"
		"\"Perhaps I do,\" I said.\n",
	};
	static const char *const mine[] = { "It is a long road", "Then I will help you", "Perhaps I do" };
	static const char *const bad[] = { "Dan", "Aye", "B" };
	for (size_t k = 0; k < ARRAY_LEN(text); k++) {
		struct heard h;
		CHECKF(hear(text[k], &h) == 0, "%s", err_msg());
		CHECKF(k == 0 || !in_cast(&h, bad[k]), "text %zu: %s is in the cast", k, bad[k]);   /* (Dan may stay, as the one spoken to) */
		CHECK_WHO(&h, mine[k], "I");
		unhear(&h);
	}
}

/* A bare surname in English narration is a man's: "Pratt" tagged and followed by "he" and
 * "his" is Mrs. Pratt's husband, not another name of her (she was named first), and with
 * both Mr. and Mrs. Pratt known, "said Pratt" is Mr. Pratt's (fixen: Jerome's Harris,
 * Wells's Hall). */
TEST(novel_guard_bare_surname_is_the_man)
{
	struct heard h;
	CHECKF(hear("\"What we want,\" said Pratt, \"is a holiday.\"\n\n"
		"At this moment the door opened, and Mrs. Pratt put her head in to say that I must not be late.\n\n"
		"\"We could take a boat,\" I said.\n\n"
		"Pratt put down his glass rather hurriedly.\n\n"
		"\"You always say that,\" said Mrs. Pratt.\n\n"
		"\"This time I mean it,\" said Pratt.\n\n"
		"Pratt, as usual, was for the sea. He said he knew a yacht.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "What we want", "Pratt");
	CHECK_WHO(&h, "This time I mean it", "Pratt");
	CHECK_WHO(&h, "You always say that", "Mrs. Pratt");
	unhear(&h);
	CHECKF(hear("Mrs. Hale kept the inn, and Mr. Hale kept the stables behind it.\n\n"
		"\"There is a man at the door,\" said Mrs. Hale.\n\n"
		"\"Let him wait,\" said Hale.\n\n"
		"\"In this rain?\" said Mrs. Hale.\n\n"
		"\"Then let him in,\" said Hale.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Let him wait", "Mr. Hale");
	CHECK_WHO(&h, "Then let him in", "Mr. Hale");
	unhear(&h);
}
