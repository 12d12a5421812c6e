/* tests/test_novel_fix17b.c — a first-person narrator's tag of hearing (novel_speak.c
 * heard_at, heard_voice): "I heard the Editor say", '"...," I heard from above'. The voice
 * the narrator hears is another's: the one the words after "heard" name, else the other
 * one of a running exchange with the narrator, else nobody; never the narrator. The texts
 * are written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* "I heard Mr. Crane say" after the quote: Mr. Crane's line, not the narrator's (before
 * the rule the subject "I" took it). */
TEST(novel_fix17b_heard_a_named_one_say)
{
	struct heard h;
	CHECKF(hear_in("en", "I came down late to the dining-room, and I found the others already at the table. I took my place by the fire, and I said "
		"nothing for a while, for I was tired.\n\n"
		"\"Late again, as usual,\" I heard Mr. Crane say to his neighbour.\n\n"
		"\"I missed the train,\" I said.\n\n"
		"\"You always miss it,\" said Mr. Crane.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Late again", "Mr. Crane");
	CHECK_WHO(&h, "I missed the train", "I");
	unhear(&h);
}

/* '"...," I heard from above' names no one: in a running exchange between the narrator and
 * Tom it is Tom's voice, and the quote after it in the paragraph is his too. */
TEST(novel_fix17b_heard_from_above_is_the_other_one)
{
	struct heard h;
	CHECKF(hear_in("en", "I was below in the cabin, and Tom was at the helm. I could see nothing of him from where I sat, but I could hear the "
		"ropes creak over my head.\n\n"
		"\"Are you getting on?\" said Tom.\n\n"
		"\"I have upset the milk,\" I said.\n\n"
		"\"That often happens,\" I heard from above. \"Never mind, I'm coming down.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "That often happens", "Tom");
	CHECK_WHO(&h, "Never mind", "Tom");
	CHECK_WHO(&h, "I have upset", "I");
	unhear(&h);
}

/* "I heard a voice saying" before anyone talks: nobody known, and not the narrator. */
TEST(novel_fix17b_heard_a_voice_is_not_mine)
{
	struct heard h;
	CHECKF(hear_in("en", "I slept badly, and I woke when the water came through the skylight. I sat up and I bumped my head.\n\n"
		"\"Sorry! Come up and bathe,\" I heard a voice saying from aloft.\n\n"
		"\"Fairly well,\" I growled.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Sorry!", "");
	CHECK_WHO(&h, "Fairly well", "I");
	unhear(&h);
}
