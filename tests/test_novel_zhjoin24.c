/* tests/test_novel_zhjoin24.c — a title of one sex after a surname is not a person known to
 * be of the other (other_sex, novel_guard_zh.c): "叫他做太太" after 陶子尧, whose wife the
 * text writes (陶子尧的太太), does not make 陶太太 him, and 赵老汉 does not join 赵氏. Each
 * test fails on the code before the check. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* zhjoin24-1: li_guanchang10: a text that writes 他 for her too; "叫他做太太" named the last
 * one before it, 陶子尧, and 陶太太's lines went to her husband. 陶子尧的太太: he is a man. */
TEST(novel_zhjoin24_wife_title_is_not_the_husband)
{
	struct heard h;
	CHECKF(hear("一\n\n陶子尧坐在房里。陶子尧道：“我去一品香请客。”\n\n"
		"这位陶子尧的太太，是一个泼辣货。自从陶子尧做了官，他一定压住人家要叫他做太太。\n\n"
		"陶太太坐在床上，足足的骂了一夜。太太道：“黑良心，杀千刀的。”\n\n"
		"陶子尧道：“用不着你瞎张罗！”\n\n太太赶出来说：“有银子交给我。”\n\n陶太太哭了。太太道：“你还想赖！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "黑良心", "陶太太");
	CHECK_WHO(&h, "有银子交给我", "陶太太");
	CHECK_WHO(&h, "你还想赖", "陶太太");
	CHECK_WHO(&h, "用不着你瞎张罗", "陶子尧");
	unhear(&h);
}

/* zhjoin24-2: wu_rulin6: 赵氏 is the one person of her surname, and 赵老汉 (her nephew, a
 * man's title, written only in the narration) joined her as another of her names, so what
 * follows his mention was hers. */
TEST(novel_zhjoin24_old_man_is_not_the_woman_of_his_surname)
{
	struct heard h;
	CHECKF(hear("一\n\n赵氏在房里哭。赵氏道：“我的命好苦。”\n\n严贡生道：“不必哭了。”\n\n"
		"扯银炉的赵老汉，本来上不得台盘，这时也来上门，开口说道：“姑奶奶莫哭。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "我的命好苦", "赵氏");
	CHECKF(strcmp(who_said(&h, "姑奶奶莫哭"), "赵氏"), "\"姑奶奶莫哭\" is not 赵氏's (%s)", who_said(&h, "姑奶奶莫哭"));
	unhear(&h);
}
