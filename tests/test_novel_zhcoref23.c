/* tests/test_novel_zhcoref23.c — a Chinese tag whose subject is a counted one the text does
 * not name, standing in the subject's place of a clause of the tag's sentence after a place
 * and a verb of coming or standing ("侧边一个小厮，眼瞅着……道", "只见门外进来一人，口中喊道"):
 * that one speaks, nobody named, not the name of a clause before nor the one whose turn it
 * is (zh_counted_opens, novel_tags_zh.c). Each of the first two fails on the code before. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* zhcoref23-1: a place (侧边) and a count (一个小厮) open a clause after 王成's: before, the
 * topic chain went back to 王成 and the line was his. */
TEST(novel_zhcoref23_zh_counted_one_after_a_place)
{
	struct heard h;
	CHECKF(hear("一\n\n王成道：“这门亲事，我今日便许下了。”\n\n赵德道：“多谢老爷。”\n\n"
		"王成正喜得抓耳搔腮，侧边一个小厮，眼瞅着三太爷道：“不知家里奶奶的意思如何？”\n\n赵德道：“这个自然。”\n", &h) == 0,
		"%s", err_msg());
	CHECK_WHO(&h, "这门亲事", "王成");
	CHECK_WHO(&h, "不知家里奶奶", "");
	unhear(&h);
}

/* zhcoref23-2: one who comes in (门外进来一人) and calls out: before, no subject was read and
 * the turn-taking gave the line to 老残. */
TEST(novel_zhcoref23_zh_counted_one_who_comes_in)
{
	struct heard h;
	CHECKF(hear("一\n\n老残道：“今日街上为何这般热闹？”\n\n店家道：“客官有所不知。”\n\n"
		"老残正在踌躇，只见门外进来一人，口中喊道：“好了，好了！快打通了！”\n\n老残道：“打通了甚么？”\n", &h) == 0,
		"%s", err_msg());
	CHECK_WHO(&h, "今日街上", "老残");
	CHECK_WHO(&h, "好了，好了", "");
	CHECK_WHO(&h, "打通了甚么", "老残");
	unhear(&h);
}

/* zhcoref23-3: the other side: a count after a verb that takes it (拿着一个包袱) or a span of
 * time (一个时辰) is no subject; the name opening the sentence speaks. */
TEST(novel_zhcoref23_zh_count_that_is_no_subject)
{
	struct heard h;
	CHECKF(hear("一\n\n王成道：“你且坐下。”\n\n赵德道：“是。”\n\n王成手里拿着一个包袱，说道：“这是你的。”\n\n"
		"赵德坐了一个时辰，起身道：“小人告辞了。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "这是你的", "王成");
	CHECK_WHO(&h, "小人告辞了", "赵德");
	unhear(&h);
}

/* zhcoref23-4: someone a verb of seeing or being there brings on right before the said-verb
 * (忽见人说, 庄门里有人高声叫说): nobody named. Before: the line went to the one the clause
 * before names (宝玉) or the one whose turn it was. */
TEST(novel_zhcoref23_zh_someone_seen_or_there_before_the_verb)
{
	struct heard h;
	CHECKF(hear("一\n\n宝钗道：“你又往那里去？”\n\n宝玉道：“我往园里去。”\n\n"
		"且说宝玉正和宝钗顽笑，忽见人说：“史大姑娘来了。”\n\n宝钗笑道：“等着，咱们两个一齐走。”\n\n"
		"说到这里，只听庄门里有人高声叫说：“李二爷，发钥匙开仓。”\n\n宝玉道：“是谁？”\n", &h) == 0,
		"%s", err_msg());
	CHECK_WHO(&h, "我往园里去", "宝玉");
	CHECK_WHO(&h, "史大姑娘来了", "");
	CHECK_WHO(&h, "李二爷，发钥匙", "");
	unhear(&h);
}

/* zhcoref23-5: the other side: 听得人家说 ("heard people say") brings no one on; the name
 * opening the sentence speaks. */
TEST(novel_zhcoref23_zh_renjia_brings_no_one_on)
{
	struct heard h;
	CHECKF(hear("一\n\n宝玉道：“你来了？”\n\n宝钗道：“来了。”\n\n宝玉听得人家说，便笑道：“原来如此。”\n\n"
		"宝钗道：“你又知道了。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "原来如此", "宝玉");
	unhear(&h);
}
