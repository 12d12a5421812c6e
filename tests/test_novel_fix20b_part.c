/* tests/test_novel_fix20b_part.c — a participle opening a sentence (novel_names.c
 * participle_en): "Leading the way, he ...", "Challenged, however, Mrs. Fisher ..." lead
 * into a quote, but a verb's -ed or -ing form is no one's name: the quote is the
 * pronoun's or the name's after it, and the word is not cast. The text is written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <string.h>

/* (before the rule "Leading" and "Challenged" were cast and had the lines) */
TEST(novel_fix20b_part_participle_is_no_name)
{
	struct heard h;
	CHECKF(hear_in("en", "Mr. Gryce met me at the door of the house.\n\n"
		"\"This way,\" said Mr. Gryce.\n\n"
		"Leading the way, he mounted the stairs, but stopped on the upper landing. \"Mr. Raymond,\" said he, \"I am not in the habit of talking much about my work.\"\n\n"
		"\"I understand,\" said I.\n\n"
		"It was not. It stood by itself.\n\n"
		"Challenged, however, Mrs. Fisher did fasten it on to a sentence. \"Really am I to understand,\" she asked, \"that you mean to stay?\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "I am not in the habit", "Mr. Gryce");
	CHECK_WHO(&h, "that you mean to stay", "Mrs. Fisher");
	CHECK(!in_cast(&h, "Leading"));
	CHECK(!in_cast(&h, "Challenged"));
	unhear(&h);
}
