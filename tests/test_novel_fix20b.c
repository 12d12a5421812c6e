/* tests/test_novel_fix20b.c — an age epithet in a speech tag or as a sentence's subject
 * (novel_epithet.c): "said the old man", "The old man nodded" is the one character of
 * that sex the narration calls old ("Old Mr. Bell's house", "Mr. Bell was a very old
 * man", "old Hale" for Mr. Hale among the Hales), not the one whose turn it would be; an
 * unnamed old man the narration brings on ("an old man came in") keeps his lines.
 * The texts are written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <string.h>

/* Two men talk; the first line's tag is the epithet, before any turn (before the rule it
 * went to the young man, Tom, the only other man the talk knew). */
TEST(novel_fix20b_old_man_is_the_one_called_old)
{
	struct heard h;
	CHECKF(hear_in("en", "\"Sit down and listen,\" said the old man, leaning back in his chair.\n\n"
		"Tom Reed drew his stool nearer to the fire and waited.\n\n"
		"Old Mr. Bell's cottage stood at the end of the lane, and he had lived in it for sixty years. "
		"Mr. Bell was a very old man now, with a face full of folds.\n\n"
		"\"It was the winter of the great frost,\" he said. \"The river froze from bank to bank.\"\n\n"
		"\"Did you cross it?\" asked Tom.\n\n"
		"\"Every morning,\" said the old man. \"There was no other way to the mill.\"\n\n"
		"\"Were you not afraid?\" said Tom.\n\n"
		"The old man laughed.\n\n"
		"\"Afraid? I was nineteen,\" he said.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Sit down and listen", "Mr. Bell");
	CHECK_WHO(&h, "Every morning", "Mr. Bell");
	CHECK_WHO(&h, "Did you cross it", "Tom");
	CHECK_WHO(&h, "Afraid? I was nineteen", "Mr. Bell");
	unhear(&h);
}

/* "old Hale" is a bare surname the Hales share: the man written title + surname, Mr.
 * Hale, not Miss Hale or her brother Jack Hale; "said the old gentleman" is his. */
TEST(novel_fix20b_old_surname_is_the_head_of_the_family)
{
	struct heard h;
	CHECKF(hear_in("en", "Miss Hale and her brother Jack Hale came down to breakfast late, and found old Hale already at the table.\n\n"
		"\"You are late again,\" said Mr. Hale.\n\n"
		"\"The clocks are wrong,\" said Jack Hale.\n\n"
		"\"All of them?\" said Miss Hale.\n\n"
		"\"Every clock in the house,\" said Jack Hale.\n\n"
		"\"Then we shall set them right,\" said the old gentleman, and rang for the servant.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Then we shall set them right", "Mr. Hale");
	CHECK_WHO(&h, "Every clock in the house", "Jack");
	unhear(&h);
}

/* An old man the narration brings on unnamed keeps "the old man" even when another man is
 * called old: the article takes up the one just brought on. And nobody is called old at
 * all: "said the old woman" is no named woman. */
TEST(novel_fix20b_an_unnamed_old_man_keeps_his_lines)
{
	struct heard h;
	CHECKF(hear_in("en", "Old Mr. Bell sat by the gate of his cottage with Tom Reed beside him.\n\n"
		"Presently an old man came in at the gate with a spade over his shoulder.\n\n"
		"\"Fine morning,\" said the old man.\n\n"
		"\"Fine enough,\" said Mr. Bell.\n", &h) == 0, "%s", err_msg());
	CHECKF(strcmp(who_said(&h, "Fine morning"), "Mr. Bell") != 0, "\"Fine morning\" is the newcomer's, not Mr. Bell's");
	CHECK_WHO(&h, "Fine enough", "Mr. Bell");
	unhear(&h);
}

/* The text knows one by the noun itself (Nurse Bell is "the nurse"): "said the old nurse"
 * is she, not old Mrs. Hale, the one woman called old. */
TEST(novel_fix20b_old_role_noun_keeps_its_owner)
{
	struct heard h;
	CHECKF(hear_in("en", "Old Mrs. Hale lay in the great bed, and Nurse Bell sat at the window with her knitting.\n\n"
		"\"Is it raining still?\" asked Mrs. Hale.\n\n"
		"\"Harder than ever,\" said Nurse Bell.\n\n"
		"\"Then the doctor will be late.\"\n\n"
		"\"He will come when he can,\" said the old nurse, and went on knitting.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "He will come when he can", "Nurse Bell");
	CHECK_WHO(&h, "Is it raining still", "Mrs. Hale");
	unhear(&h);
}
