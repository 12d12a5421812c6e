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

/* A tag that makes the quote the predicate of a noun of speech (novel_speak.c
 * possessed_voice, n->answer): '"...," was my reply' is the first-person narrator's;
 * '"...," was the reply' is an answer with no owner, the one's whose turn it is (one does
 * not answer oneself); '"...," was his sorrowful comment' is the one "he" is. Before the
 * rule each went to someone the narration had just brought on or made its subject. */
TEST(novel_fix17b_was_my_reply)
{
	struct heard h;
	CHECKF(hear_in("en", "I had walked up from the valley, and I was tired. I knocked, and Mr. Ames opened the door to me. I saw that he did not know me.\n\n"
		"\"Who are you?\" said Mr. Ames. \"What brings you here?\"\n\n"
		"Mrs. Ames came to the door behind him and looked at me over his shoulder.\n\n"
		"\"I am a stranger,\" was my reply, \"and I have lost my way.\"\n\n"
		"\"Then come in,\" said Mrs. Ames.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "I am a stranger", "I");
	CHECK_WHO(&h, "and I have lost", "I");
	CHECK_WHO(&h, "Then come in", "Mrs. Ames");
	unhear(&h);
}

/* "was the reply" in the paragraph of the one who asked: she does not answer herself,
 * the other one does (before the rule the paragraph's subject, Mary, took it). */
TEST(novel_fix17b_was_the_reply_is_the_other_one)
{
	struct heard h;
	CHECKF(hear_in("en", "\"Shut the door,\" said Ben, and he went to the window.\n\n"
		"\"Are you coming?\" said Mary.\n\n"
		"Mary stood at the door with her hat on and her gloves in her hand. \"Not yet,\" was the reply. \"Sit down.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Not yet", "Ben");
	CHECK_WHO(&h, "Sit down", "Ben");
	CHECK_WHO(&h, "Are you coming", "Mary");
	unhear(&h);
}

/* "his sorrowful comment": an adjective between the owner and the noun of speech; and
 * "came the vicar's mild reply" stays the vicar's (the noun has an owner: no answer). */
TEST(novel_fix17b_was_his_comment_and_the_vicars_reply)
{
	struct heard h;
	CHECKF(hear_in("en", "Davies took the helm again, and I sat down on the deck. I was wet through, and I felt that I had done everything wrong.\n\n"
		"\"Let her go,\" said Davies.\n\n"
		"\"Where am I to sit?\" I asked.\n\n"
		"I let go of the tiller and the boom came over with a crash. \"Jibed all standing,\" was his sorrowful comment. \"She's very quick on the helm.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Jibed all standing", "Davies");
	CHECK_WHO(&h, "She's very quick", "Davies");
	unhear(&h);
	CHECKF(hear_in("en", "Mrs. Pell sat at the tea-table, and the vicar stood by the window with Harriet.\n\n"
		"\"She will not know which of the boys bites,\" said Harriet.\n\n"
		"\"I daresay she will learn,\" came the vicar's mild reply, \"as you did.\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "I daresay", "Vicar");
	unhear(&h);
}

/* Two quotes back to back in one paragraph, no word between (novel.c paragraph): English
 * gives one speaker's words one quotation, so the second is the other one's turn, as the
 * Chinese rule has it; anchored, so no re-ranking undoes it. A tag after the second still
 * names its speaker. Before the rule both went to Mary. */
TEST(novel_fix17b_back_to_back_quotes_take_turns)
{
	struct heard h;
	CHECKF(hear_in("en", "Mary sat by the fire, and Tom came in with the letters.\n\n"
		"\xe2\x80\x9c" "Any for me?\xe2\x80\x9d said Mary.\n\n"
		"\xe2\x80\x9cTwo,\xe2\x80\x9d said Tom.\n\n"
		"Mary took them and turned them over. \xe2\x80\x9c" "Both from London?\xe2\x80\x9d  \xe2\x80\x9c" "Both from London, by the look of them.\xe2\x80\x9d\n", &h) == 0,
		"%s", err_msg());
	CHECK_WHO(&h, "Both from London?", "Mary");
	CHECK_WHO(&h, "Both from London, by", "Tom");
	unhear(&h);
	CHECKF(hear_in("en", "Mary sat by the fire, and Tom came in with the letters.\n\n"
		"\xe2\x80\x9c" "Any for me?\xe2\x80\x9d said Mary.\n\n"
		"\xe2\x80\x9cTwo,\xe2\x80\x9d said Tom.\n\n"
		"\xe2\x80\x9c" "From London?\xe2\x80\x9d  \xe2\x80\x9c" "And one from Bath,\xe2\x80\x9d said Mary, turning them over.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "And one from Bath", "Mary");
	unhear(&h);
}

/* The narration leads into what the narrator hears, whatever the verb and after short
 * adverbials: "I heard him say, quite loudly, to the doctor," is his line (novel_speak.c
 * lead_en). Before, the narrator "I" took it. */
TEST(novel_fix17b_heard_him_say_leads_in)
{
	struct heard h;
	CHECKF(hear_in("en", "I went down to the cabin with the doctor, and I gave my report, and I was sent out again. I was glad to go.\n\n"
		"\"That will do,\" said Captain Hale.\n\n"
		"As I was hurrying off I heard him say, quite loudly, to the doctor, \"I'll have no favourites on my ship.\"\n", &h) == 0,
		"%s", err_msg());
	CHECK_WHO(&h, "I'll have no favourites", "Captain Hale");
	unhear(&h);
}
