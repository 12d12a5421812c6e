/* tests/test_novel_fix9.c — English titles written without their dot. British printing
 * writes "Mr Holbrook", "Mrs Jamieson", "Dr Grantly" where American printing writes
 * "Mr. Holbrook": the undotted abbreviation is the same title, so the titled name is one
 * person ("Mr Holbrook", his bare "Holbrook" joining him), and the abbreviation alone
 * ("the Mr. Lammeter's cow") is still no one. Fresh passages written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* fix9-1.1 "Mr Pennick" and "Mrs Ashby" without dots: the cast has the titled names, the
 * tags give them their lines, and neither the bare surname nor "Mr" is a person apart. */
TEST(novel_fix9_undotted_title)
{
	struct heard h;
	CHECKF(hear("A letter came from Mr Pennick, asking us to tea. Mrs Ashby read it twice at the window.\n\n"
		"\"He writes a very fair hand,\" said Mrs Ashby.\n\n"
		"When we reached the farm Mr Pennick met us at the gate with his hat in his hand.\n\n"
		"\"You are welcome, ladies, very welcome,\" said Mr Pennick.\n\n"
		"\"What a pretty garden you keep,\" said Mrs Ashby.\n\n"
		"\"The roses are my housekeeper's, not mine,\" said Mr Pennick, and Pennick laughed.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "He writes a very fair hand", "Mrs Ashby");
	CHECK_WHO(&h, "You are welcome, ladies", "Mr Pennick");
	CHECK_WHO(&h, "What a pretty garden", "Mrs Ashby");
	CHECK_WHO(&h, "The roses are my housekeeper", "Mr Pennick");
	CHECKF(!in_cast(&h, "Pennick"), "the bare surname joins Mr Pennick");
	CHECKF(!in_cast(&h, "Ashby"), "the bare surname joins Mrs Ashby");
	CHECKF(!in_cast(&h, "Mr"), "a title alone is no one");
	CHECKF(!in_cast(&h, "Mrs"), "a title alone is no one");
	unhear(&h);
}

/* fix9-1.2 "Dr Grantly" said twice by the narration with "the": no "Dr" of the cast, and
 * "the Mr. Webb as now is" written again and again makes no "Mr" either. */
TEST(novel_fix9_abbreviation_alone_is_no_one)
{
	struct heard h;
	CHECKF(hear("Dr Grantly rode over to the old mill.\n\n"
		"\"The roof wants mending,\" said Dr Grantly.\n\n"
		"\"It has wanted it since the Mr. Webb as was, and the Mr. Webb as now is will not pay,\" said Tom.\n\n"
		"\"Then the Mr. Webb as now is shall hear from me,\" said Dr Grantly.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "The roof wants mending", "Dr Grantly");
	CHECK_WHO(&h, "It has wanted it", "Tom");
	CHECKF(!in_cast(&h, "Mr"), "\"Mr\" alone is no one");
	CHECKF(!in_cast(&h, "Dr"), "\"Dr\" alone is no one");
	CHECKF(!in_cast(&h, "Grantly"), "the bare surname is no person apart");
	unhear(&h);
}
