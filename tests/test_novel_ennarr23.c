/* tests/test_novel_ennarr23.c — a first-person narrator's talk (English): narration that
 * names the narrator with someone new, and neither of the two who were talking, turns the
 * talk to those two, the newcomer first (new_with_me, novel.c). The positive test fails on
 * the code before the rule; the other guards its limits. (The branch's other tries, "I"
 * opening the action after a bare line and the narrator's reported words "I told him he
 * was out." as his turn, raised fewer than three texts and were not taken.) */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* ennarr23-1: after talk with the editor, a short narration takes the narrator to dinner
 * with Tarp Henry (en_doyle_lostworld5 of pd_dev11, in other words): the bare lines after
 * it are Henry's and the narrator's in turn, not the editor's. */
TEST(novel_ennarr23_newcomer_talks_with_me)
{
	struct heard h;
	CHECKF(hear("I went up to the office, where McArdle sat at his desk.\n\n"
		"\"Well?\" said McArdle. \"Did you see him?\"\n\n"
		"\"I saw him,\" I said.\n\n"
		"\"And what did he say?\" asked McArdle.\n\n"
		"\"Very little that I can print.\"\n\n"
		"\"Then get me something I can,\" said McArdle.\n\n"
		"My evening was a quiet one, and I had supper at the club with Tarp Henry, to whom I told the whole story. "
		"Henry listened with a smile.\n\n"
		"\"My dear chap, things don't happen like that.\"\n\n"
		"\"But the bones?\"\n\n"
		"\"Bones can be faked.\"\n\n"
		"\"And the photographs?\"\n\n"
		"\"A clever man can fake a photograph too,\" said Tarp Henry.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "My dear chap", "Tarp Henry");
	CHECK_WHO(&h, "But the bones", "I");
	CHECK_WHO(&h, "Bones can be faked", "Tarp Henry");
	unhear(&h);
}

/* ennarr23-2: the other side: narration that names one of the two who were talking keeps
 * their turns, though it names a new one too ("McArdle looked at Tarp Henry"). */
TEST(novel_ennarr23_not_when_one_of_the_pair_is_named)
{
	struct heard h;
	CHECKF(hear("I went up to the office, where McArdle sat at his desk.\n\n"
		"\"Well?\" said McArdle. \"Did you see him?\"\n\n"
		"\"I saw him,\" I said.\n\n"
		"\"And what did he say?\" asked McArdle.\n\n"
		"\"Very little that I can print.\"\n\n"
		"McArdle looked across at me and then at Tarp Henry by the window.\n\n"
		"\"Nothing at all?\"\n\n"
		"\"Nothing,\" I said.\n\n"
		"\"He never tells anybody anything,\" said Tarp Henry.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Nothing at all", "McArdle");
	unhear(&h);
}
