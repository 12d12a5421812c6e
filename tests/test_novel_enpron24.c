/* tests/test_novel_enpron24.c — an English pronoun tag right after a sentence whose own
 * subject is a pronoun ("Then he looked at Lord Henry. "...," he said"): the tag's pronoun goes
 * on with that sentence's pronoun, which cannot be the one the same sentence names after it
 * (pronoun_object, pre_obj; subject_en in novel_speak.c). Each test says what the code before
 * the rule did. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* enpron24-1: the sentence before the quote opens with "he" and names Percy after it
 * (Benson, Lord of the World, prologue): "he said" is not Percy, named last, but the man
 * mentioned before him (the scene break as in the book: no running exchange decides it).
 * Before: the line went to Percy. */
TEST(novel_enpron24_pronoun_not_its_own_sentence_object)
{
	struct heard h;
	CHECKF(hear("Mr. Templeton was a very old man, lying back on his pillows with the quilt over his feet.\n\n"
		"\"We are listening,\" said Percy.\n\n"
		"Percy resettled himself in his chair and waited, chin on hand.  He was a priest.\n\n"
		"* * * * *\n\n"
		"At last he spoke, glancing first at Percy, on his left.\n\n"
		"\"Well,\" he said, \"it is a great business to remember exactly.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Well,", "Mr. Templeton");
	unhear(&h);
}

/* enpron24-2: the other side: a sentence whose subject is a name ("Lord Henry looked at
 * Basil") keeps the name as the antecedent; nothing is barred. */
TEST(novel_enpron24_named_subject_unchanged)
{
	struct heard h;
	CHECKF(hear("Basil sat in his studio, and Lord Henry lay on the divan.\n\n"
		"\"You must show it,\" said Lord Henry.\n\n\"I will not,\" said Basil.\n\n"
		"Lord Henry looked at Basil.  \"Then I shall tell Dorian,\" he said.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Then I shall tell Dorian", "Lord Henry");
	unhear(&h);
}
