/* tests/test_novel_entag24.c — English speech tags whose subject the importer read but could
 * not name (issue 15): a capitalised name before the said-verb of a tag that leads into a
 * quote ("Sarah answered very rudely:") is a person when the text writes that name after a
 * lower-case word elsewhere ("I had to speak to Sarah"), as one after the verb is ("said
 * Sarah"); a word capitalised only because it opens a sentence stays no one. Each test says
 * what the code before the rule did. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* entag24-1: a diary's servant named only in the narration and in tags of the form "NAME
 * answered:" (Grossmith, The Diary of a Nobody, 13). Before: Sarah was no character and her
 * line went to nobody (in the book, to the diarist). */
TEST(novel_entag24_name_before_said_verb_is_a_person)
{
	struct heard h;
	CHECKF(hear("I came home early.  I had to speak to Sarah rather sharply about the crumbs on the carpet.  "
		"Sarah answered very rudely: \"Oh, you are always complaining.\"\n\n"
		"I replied: \"Indeed, I am not.\"\n\nCarrie came in and said: \"What is the matter now?\"\n", &h) == 0, "%s", err_msg());
	CHECK(in_cast(&h, "Sarah"));
	CHECK_WHO(&h, "Oh, you are always", "Sarah");
	CHECK_WHO(&h, "Indeed, I am not", "I");
	CHECK_WHO(&h, "What is the matter", "Carrie");
	unhear(&h);
}

/* entag24-2: the other side: a capitalised word the text writes only where a sentence
 * opens ("Somebody") is no name, though it stands before a said-verb. Without the test of
 * where the text writes it, "Somebody" became a character and took the line. */
TEST(novel_entag24_sentence_opener_is_no_name)
{
	struct heard h;
	CHECKF(hear("The room was full when the door opened.  Somebody shouted: \"Fire!\"\n\n"
		"\"In the kitchen,\" said Tom.\n", &h) == 0, "%s", err_msg());
	CHECK(!in_cast(&h, "Somebody"));
	CHECK_WHO(&h, "Fire!", "");
	CHECK_WHO(&h, "In the kitchen", "Tom");
	unhear(&h);
}
