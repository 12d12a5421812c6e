/* tests/test_novel_enepi23.c — a tag that names its speaker by kin ("said her father",
 * "returned his daughter", "cried the brother") finds the named person the text made that
 * kin (novel_kin.c), and "her father" finds "Mr Harding" written without the dot. Each
 * test fails on the code before the rule. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* enepi23-1: "His daughter Ellen" makes Ellen Captain Rees's daughter, so "her father"
 * (her: Ellen) is Captain Rees, not Mr. Hobb, the only "Mr." in the text. */
TEST(novel_enepi23_her_father_from_apposition)
{
	struct heard h;
	CHECKF(hear("The Harbour\n\nCaptain Rees had kept the harbour for thirty years. His daughter Ellen kept his books.\n\n"
		"Mr. Hobb came in with his hat in his hands. \"The schooner wants to sail,\" said Mr. Hobb.\n\n"
		"\"She will not sail today,\" said the captain.\n\n"
		"Hobb turned to Ellen, and Ellen looked at the window.\n\n"
		"\"The grocers will be sorry,\" she said.\n\n"
		"\"Then they will be glad to see him,\" said her father.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Then they will be glad", "Captain Rees");
	unhear(&h);
}

/* enepi23-2: "'..., Margaret,' said her father" (Mr. Ashby) is remembered: later "returned
 * his daughter" (his: Mr. Ashby) is Margaret, not the housekeeper. */
TEST(novel_enepi23_his_daughter_from_earlier_tag)
{
	struct heard h;
	CHECKF(hear("The Letter\n\nAt breakfast Mr. Ashby opened the letters.\n\n"
		"\"Here is one for you, Margaret,\" said her father.\n\n"
		"Margaret took it, and she turned it over in her hands. She did not know the hand.\n\n"
		"\"Thank you, papa.\"\n\n"
		"Mrs. Dunne brought the toast. \"It is from town,\" said Mrs. Dunne.\n\n"
		"\"Tell him you will answer it,\" said Mr. Ashby.\n\n"
		"\"I will write and say you said so,\" returned his daughter.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Here is one for you", "Mr. Ashby");
	CHECK_WHO(&h, "I will write and say", "Margaret");
	unhear(&h);
}

/* enepi23-3: "cried the brother": the one person the text made anyone's brother ("her
 * brother Jos"), not a new character Brother. */
TEST(novel_enepi23_the_brother_is_the_known_one)
{
	struct heard h;
	CHECKF(hear("Chapter\n\nAmelia came down the stairs, and she smiled. Her brother Jos was in the drawing-room, reading the paper. "
		"Jos was a fat man, and he did not look up. Jos never looked up.\n\n"
		"Mr. Sedley came in with his coat on. \"Is the carriage at the door?\" said Mr. Sedley.\n\n"
		"\"I have made you a purse,\" said Amelia.\n\n"
		"\"Good Gad! Amelia,\" cried the brother, \"what do you mean?\"\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Good Gad", "Jos");
	CHECK(!in_cast(&h, "Brother"));
	unhear(&h);
}

/* enepi23-4: "said her father" when her surname is Harding and the text writes "Mr Harding"
 * (no dot, as British printings do): Mr Harding, not another man. */
TEST(novel_enepi23_her_father_undotted_title)
{
	struct heard h;
	CHECKF(hear("Chapter\n\nJohn Bold called at the warden's house. Mr Harding was in the garden, and Miss Harding "
		"was at the piano.\n\nJohn Bold sat in the presence of Miss Harding.\n\n"
		"\"Nelly, my dear, fetch me my spectacles,\" said her father.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Nelly, my dear", "Mr Harding");
	unhear(&h);
}
