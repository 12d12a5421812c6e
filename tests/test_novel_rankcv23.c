/* tests/test_novel_rankcv23.c — the author groups of the trainer's leave-one-author-out
 * cross-validation (nov_rank_author, story/novel_rank.c; tools/train_rank.c --cv): a text's
 * group is its file name's second field, whatever the folder, so one author's texts in two
 * sets are held out together and the figure says how the weights carry to an unseen author. */
#include "test.h"
#include "story/novel.h"

#include <string.h>

static const char *author(const char *path)
{
	static char b[32];
	return nov_rank_author(path, b, sizeof b);
}

/* rankcv23-1: LANG_AUTHOR_WORK.txt -> AUTHOR, the folder and the work's number do not count */
TEST(novel_rankcv23_author_is_second_field)
{
	CHECK_STR(author("tests/prose/en_austen_pride.txt"), "austen");
	CHECK_STR(author("tests/prose/heldout/en_austen_pride6.txt"), "austen");
	CHECK_STR(author("tests/prose/pd_dev2/en_austen_northanger6.txt"), "austen");
	CHECK_STR(author("tests/prose/pd_dev13/zh_luxun_fengbo.txt"), "luxun");
	CHECK_STR(author("zh_wu_xiyou14.spk"), "wu");
	CHECK_STR(author("en_night_shift.txt"), "night");   /* (a title of two words: its first) */
}

/* rankcv23-2: the same text in two sets (zh_luxun_fengbo in pd_clean and pd_dev13) and two
 * of one author's books are one group; two authors are two, and the language does not make
 * a group (each language is fitted apart) */
TEST(novel_rankcv23_same_author_one_group)
{
	char a[32], b[32];
	CHECK_STR(nov_rank_author("tests/prose/pd_clean/zh_luxun_fengbo.txt", a, sizeof a),
	          nov_rank_author("tests/prose/pd_dev13/zh_luxun_zhufu.txt", b, sizeof b));
	CHECK_STR(nov_rank_author("pd_dev10/en_burroughs_mars15.txt", a, sizeof a), nov_rank_author("pd_dev10/en_burroughs_mars22.txt", b, sizeof b));
	CHECK(strcmp(nov_rank_author("pd_dev8/en_abronte_agnes2.txt", a, sizeof a), nov_rank_author("pd_dev8/en_ebronte_heights2.txt", b, sizeof b)));
	CHECK_STR(nov_rank_author("en_wu_x.txt", a, sizeof a), nov_rank_author("zh_wu_xiyou2.txt", b, sizeof b));
}

/* rankcv23-3: a name of two fields (prose written for the project, en_bus.txt) is its own
 * group, the same name in two sets (heldout11/en_ward, heldout13en/en_ward) one; a name with
 * no LANG_ is its own; a long one is cut to the buffer, never past it */
TEST(novel_rankcv23_two_field_names)
{
	char small[4];
	CHECK_STR(author("tests/prose/heldout10/en_bus.txt"), "bus");
	CHECK_STR(author("heldout11/en_ward.txt"), "ward");
	CHECK_STR(author("heldout13en/en_ward.spk"), "ward");
	CHECK_STR(author("notes.txt"), "notes");
	CHECK_STR(nov_rank_author("en_thackeray_vanity3.txt", small, sizeof small), "tha");
	CHECK_STR(author(""), "");
}
