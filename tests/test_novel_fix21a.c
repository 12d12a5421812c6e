/* tests/test_novel_fix21a.c — a run of untagged lines in a scene of three or more people,
 * read back from the tag that ends it (novel_backturn.c): when the guesses going forward
 * give the last untagged line to the very one the next tag names, they are out of step,
 * and the run alternates back from that tag between its speaker and the next tagged one;
 * a tagged line before the run that the reading would contradict leaves the run alone.
 * The texts are written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <string.h>

/* Three at the table; Mrs. Vane and Ellen say good night across it, untagged, until
 * "confirmed Mrs. Vane": the line before it is Ellen's, and so back up the run. */
TEST(novel_fix21a_run_reads_back_from_its_tag)
{
	struct heard h;
	CHECKF(hear_in("en", "Mrs. Vane, her daughter Ellen and Captain Hart sat late over the tea things in the long room.\n\n"
		"\"To be continued,\" said Ellen, tossing the magazine on the table, \"in our very next number.\"\n\n"
		"\"Ten o'clock,\" she remarked, finding the time on the ceiling. \"Time for this good girl to go to bed.\"\n\n"
		"\"Ellen is to ride in the show tomorrow,\" explained Mrs. Vane, \"over at Westbury.\"\n\n"
		"\"Oh, then you are the rider,\" said Captain Hart.\n\n"
		"\"Good night,\" she said softly. \"Wake me at eight, won't you.\"\n\n"
		"\"If you'll get up.\"\n\n"
		"\"I will. Good night, Captain Hart. See you anon.\"\n\n"
		"\"Of course you will,\" confirmed Mrs. Vane. \"Come over often, Captain.\"\n\n"
		"\"Good night,\" called Ellen from the stairs. \"I haven't heard a word.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "I will. Good night", "Ellen");
	CHECK_WHO(&h, "If you'll get up", "Mrs. Vane");
	CHECK_WHO(&h, "Of course you will", "Mrs. Vane");
	unhear(&h);
}

/* The tag before the run ("Aunt Bea asked") is one of the two the reading back would
 * alternate, out of step with it: someone spoke twice, or a third one talks, so the run
 * keeps its guesses (reading back from "said Aunt Bea" gave Nell's answers to her aunt). */
TEST(novel_fix21a_tag_before_out_of_step_keeps_the_run)
{
	struct heard h;
	CHECKF(hear_in("en", "Nell came in by the back door with mud to her knees. Her father, Mr. Ward, sat at the kitchen table, "
		"and Aunt Bea stood at the stove.\n\n"
		"\"Boots,\" said Mr. Ward without turning round.\n\n"
		"\"They're off. Look.\"\n\n"
		"\"They're in your hand. Outside.\"\n\n"
		"Nell went out and came back in her stockings.\n\n"
		"\"Where have you been all morning?\" Aunt Bea asked.\n\n"
		"\"The top field. The gate's down again.\"\n\n"
		"\"Which post?\"\n\n"
		"\"The one by the ditch. It's rotten right through.\"\n\n"
		"\"I told Hollis that post was rotten in May.\"\n\n"
		"\"You told Hollis a great many things in May,\" said Aunt Bea.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "The top field", "Nell");
	CHECK_WHO(&h, "The one by the ditch", "Nell");
	unhear(&h);
}
