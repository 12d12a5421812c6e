/* tests/test_novel_fix12b.c — a name the text writes only in capitals, on a fresh
 * passage written here: the answer "DELANEY!" to "Who are you?" names the stranger
 * Delaney; capitals are the type of a cry or a heading, not another name, so the cast
 * and the lines say Delaney, and a capitalised "Delaney" met elsewhere is the same one. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

#define GATE \
	"Martha stood by the well while Hobbs and his men waited at the gate.\n\n" \
	"\"You will give him up by sundown,\" said Hobbs.\n\n" \
	"\"I will not,\" said Martha.\n\n" \
	"The stranger came slowly up the lane, leading a tired horse.\n\n" \
	"\"Hello, stranger!\" called Hobbs. No welcome was in this greeting.\n\n" \
	"\"Evening, ma'am,\" said the stranger to Martha, and removed his hat.\n\n" \
	"\"Stand aside, stranger,\" said Hobbs. \"Who are you?\"\n\n" \
	"\"DELANEY!\"\n\n" \
	"Hobbs went white and stepped back from the gate.\n"

/* fix12b-1 the stranger answers "Who are you?" with his name in capitals: he is Delaney,
 * in the cast and on his lines; no "DELANEY" is left. */
TEST(novel_fix12b_capitals_name_is_the_name)
{
	struct heard h;
	CHECKF(hear(GATE, &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Evening, ma'am", "Delaney");
	CHECKF(in_cast(&h, "Delaney"), "Delaney is in the cast");
	CHECKF(!in_cast(&h, "DELANEY"), "no DELANEY in the cast");
	for (size_t i = 0; i < h.n; i++)
		CHECKF(!h.v[i].speaker || strcmp(h.v[i].speaker, "DELANEY"), "line %zu is not DELANEY's", i);
	CHECK_WHO(&h, "You will give him up", "Hobbs");
	CHECK_WHO(&h, "I will not", "Martha");
	unhear(&h);
}

/* fix12b-2 the guard: names written in ordinary case keep their spelling (McGregor, the
 * "I" of a narrator), and a name in capitals that another known person already bears in
 * ordinary case joins that one, no second person. */
TEST(novel_fix12b_capitals_join_the_known_name)
{
	struct heard h;
	CHECKF(hear("Delaney rode in at noon, and McGregor met him at the gate.\n\n"
		"\"You came back,\" said McGregor.\n\n"
		"\"I said I would,\" said Delaney.\n\n"
		"\"They are waiting for you in town,\" said McGregor.\n\n"
		"\"Let them wait,\" said Delaney.\n\n"
		"A boy ran out of the barn, shouting, \"DELANEY! DELANEY is back!\"\n", &h) == 0, "%s", err_msg());
	CHECKF(in_cast(&h, "McGregor"), "McGregor keeps his spelling");
	CHECKF(in_cast(&h, "Delaney"), "Delaney is in the cast");
	CHECKF(!in_cast(&h, "DELANEY"), "no second Delaney in capitals");
	CHECK_WHO(&h, "I said I would", "Delaney");
	CHECK_WHO(&h, "You came back", "McGregor");
	unhear(&h);
}
