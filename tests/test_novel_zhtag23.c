/* tests/test_novel_zhtag23.c — Chinese speech tags whose subject is not the first name of
 * the sentence (novel_tags_zh.c): the one 把 puts a result on ("把李靖吓得……，大叫曰") is the
 * one who then speaks, and a subject after a word that opens a sentence before it (只有, 可巧,
 * 且兼: data zh_lead) speaks. The texts are written here, on the constructions of the
 * chapters of 封神演义, 孽海花, 施公案, 祝福, 红楼梦 where the rules were found. Each test fails
 * on the code before its rule. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* zhtag23-1: "就把李靖只吓得张口结舌，不语半晌，大叫曰": the one a result befalls after 把 is
 * the subject of the clauses after it. Before: 把 made 李靖 an object, and the line went to
 * 哪吒, who spoke last and is named in the sentence before. */
TEST(novel_zhtag23_ba_result_speaks)
{
	struct heard h;
	CHECKF(hear("一\n\n李靖坐在堂上。哪吒走进来。李靖道：“你往那里去来？”\n\n"
		"哪吒道：“孩儿打死了龙王三太子，因此上抽了他的筋来，与父亲束甲。”"
		"就把李靖只吓得张口结舌，不语半晌，大叫曰：“好冤家！你惹下无涯之祸了！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "好冤家", "李靖");
	unhear(&h);
}

/* zhtag23-2: the same with the result in a clause of its own and the verb two clauses on
 * ("这一席话，不觉把雯青说得呆了半晌，方挣出一句道"). Before: nobody opens a clause, and the
 * line went to 唐卿, who had just spoken. */
TEST(novel_zhtag23_ba_result_clause_before_the_verb)
{
	struct heard h;
	CHECKF(hear("一\n\n雯青病了几日。唐卿来看他，雯青便请他坐。雯青道：“劳你远来。”\n\n"
		"唐卿道：“俄国的公使已把这事告诉了总署，你须早作打算。”"
		"这一席话，不觉把雯青说得呆了半晌，方挣出一句道：“这从何说起呢？”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "这从何说起呢", "雯青");
	unhear(&h);
}

/* zhtag23-3: after a clause whose subject is someone unnamed there ("外面有人叫门"), a clause
 * that puts a result on a known one takes the topic ("把冯大生吓了一跳，说"). Before: the
 * unnamed one at the door was the subject and the line was nobody's. */
TEST(novel_zhtag23_ba_result_after_someone_unnamed)
{
	struct heard h;
	CHECKF(hear("一\n\n冯大生坐在家中，他妻子朱氏在灶下烧火。朱氏道：“饭好了。”\n\n冯大生道：“端上来罢。”\n\n"
		"冯大生吃了晚饭。忽听得外面有人叫门，把冯大生吓了一跳，说：“贤妻，你去瞧瞧是谁？”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "贤妻", "冯大生");
	unhear(&h);
}

/* zhtag23-4: the other side: 把 with no result after the name ("把李四一推") still takes its
 * object, and the line is the sentence's subject's. */
TEST(novel_zhtag23_ba_without_result_is_object)
{
	struct heard h;
	CHECKF(hear("一\n\n张三和李四在街上走。张三道：“今日天气好。”\n\n李四道：“前面是谁家？”\n\n"
		"张三把李四一推，笑道：“你去问问便知。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你去问问便知", "张三");
	unhear(&h);
}

/* zhtag23-5: "只有四叔且走而且高声的说" (祝福): 只有 opens the clause before its subject.
 * Before: 只 was read as a word that opens a sentence and 有四叔 as "someone", and the line
 * went to the narrator who opens the sentence. */
TEST(novel_zhtag23_zhiyou_opens_before_the_subject)
{
	struct heard h;
	CHECKF(hear("一\n\n我回到鲁镇，住在四叔的家里。四叔是一个讲理学的老监生。四叔道：“你回来了。”\n\n我说：“回来了。”\n\n"
		"傍晚，我竟听到有些人聚在内室里谈话，但不一会，说话声也就止了，只有四叔且走而且高声的说：“不早不迟，偏偏要在这时候！”\n", &h) == 0,
	       "%s", err_msg());
	CHECK_WHO(&h, "不早不迟", "四叔");
	unhear(&h);
}

/* The speaker the importer gives the quote of chapter `name` (tests/prose) that starts with
 * part: the words of a whole chapter, whose cast the rule needs ("" for nobody). */
static int chapter_says(const char *name, const char *part, const char *who)
{
	const char *data = getenv("DRAMA_DATA");
	char *path = xasprintf("%s/../tests/prose/%s.txt", data ? data : "data", name), *text = NULL;
	size_t len;
	struct heard h;
	int ok = 0;
	if (file_read_all(path, &text, &len) == 0 && hear(text, &h) == 0) {
		ok = !strcmp(who_said(&h, part), who);
		if (!ok) fprintf(stderr, "  %s: \"%s\" is %s's\n", name, part, who_said(&h, part));
		unhear(&h);
	}
	free(text);
	free(path);
	return ok;
}

/* zhtag23-6: "且兼如海说" (红楼梦 3) and "可巧凤姐在窗外过……便隔窗说道" (红楼梦 20): 且兼 and 可巧
 * open the clause before its subject. Before: the clause opened with no name, and the lines
 * went to 黛玉 who opens the sentence, and to 赵姨娘 whose turn it was. */
TEST(novel_zhtag23_qiejian_keqiao_open_before_the_subject)
{
	CHECK(chapter_says("zh_cao_honglou3", "汝父年将半百", "如海"));
	CHECK(chapter_says("pd_dev2/zh_cao_honglou20", "大正月又怎么了", "凤姐"));
}

/* zhtag23-7: 和尚 begins with 和, a word one speaks "with" (data zh_listener_before): "和尚说："
 * (济公传 2) is 和尚's, not a clause that opens with the one spoken to. Before: no subject,
 * and the lines went to 董士宏 whose turn it was. */
TEST(novel_zhtag23_name_opening_with_he)
{
	CHECK(chapter_says("pd_dev9/zh_guo_jigong2", "你要是真死", "濟公"));
	CHECK(chapter_says("pd_dev9/zh_guo_jigong2", "善哉善哉，你不要著急", "濟公"));
}

/* zhtag23-8: the other side: "向伯怡回道" (孽海花 20) still speaks to 伯怡, a known name after 向,
 * whatever "向伯" a cast may hold: the line is the 家人's, nobody named. */
TEST(novel_zhtag23_xiang_before_a_name_is_spoken_to)
{
	CHECK(chapter_says("pd_dev6/zh_zengpu_niehai20", "出洋回來的金", ""));
}
