/* tests/test_novel_enturn23.c — untagged lines in talk of three or more (English): the
 * bare line after one that ends calling someone by name is that one's
 * (nov_called_answers_en, novel_backturn.c). The positive test fails on the code before the
 * rule; the other guards its limits. (The branch's other rule, an answer to "What's your
 * name?", raised texts of one published author and was not taken.) */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* enturn23-4 (nov_called_answers_en, novel_backturn.c): a line that ends calling someone by
 * name ("..., Mrs. Reade?") hands the turn to her: the bare line after it is hers, though
 * three talk and the narration just before ("Kaur glanced at Bell, and Bell wrote") made
 * the cascade give it to Bell (en_station3 of heldout14en, its opening). */
TEST(novel_enturn23_called_one_answers)
{
	struct heard h;
	CHECKF(hear("Inspector Kaur read the statement twice before she looked up. Constable Bell stood by the door with his notebook, "
		"and across the table Eileen Reade sat with her handbag on her knees.\n\n"
		"\"You say you heard the car at eleven.\"\n\n"
		"\"A few minutes after. The news had started.\"\n\n"
		"\"And you went to the window.\"\n\n"
		"\"I always go to the window. It's a quiet road.\"\n\n"
		"\"She's the one who rang it in, ma'am,\" Bell said. \"The first call.\"\n\n"
		"\"I know, Constable.\" Kaur turned a page. \"What colour was it?\"\n\n"
		"\"Dark. Blue, or black. It was raining.\"\n\n"
		"\"Did you see the driver?\"\n\n"
		"\"Only his arm. He had his window down, in that rain.\"\n\n"
		"Kaur glanced at Bell, and Bell wrote something down.\n\n"
		"\"Why would a man drive with his window down in the rain, Mrs. Reade?\"\n\n"
		"\"To throw something out, I suppose.\"\n", &h) == 0, "%s", err_msg());
	const char *w = who_said(&h, "To throw something out");
	CHECKF(w && (!strcmp(w, "Mrs. Reade") || !strcmp(w, "Eileen Reade")), "the answer went to %s", w ? w : "(nobody)");
	unhear(&h);
}

/* enturn23-5: the other side: a line that calls the same one again is the caller's going on
 * ("How do, Maria?" / "Workun hard nowadays, Maria?"), and a last clause that is no name
 * ("..., I mean.") calls nobody. */
TEST(novel_enturn23_called_one_not_when_called_again)
{
	struct heard h;
	CHECKF(hear("Marcus came in with his cousin Trina, and Maria Macapa was dusting the chairs.\n\n"
		"\"Hello, Trina,\" said Maria.\n\n"
		"\"How do, Maria?\" said Marcus.\n\n"
		"\"How do, Maria?\"\n\n"
		"\"Workun hard nowadays, Maria?\"\n", &h) == 0, "%s", err_msg());
	const char *w = who_said(&h, "Workun hard");
	CHECKF(w && strcmp(w, "Maria"), "the line went to %s", w ? w : "(nobody)");
	unhear(&h);
}
