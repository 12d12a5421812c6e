/* tests/test_novel_fix18_zh.c — the focus of this file is a Chinese speech tag that names no
 * speaker of its own, only the one it speaks to ("因问公子道", "又对叔宝道") or a place at
 * someone ("急在飞霞耳畔，说声"): one does not speak to oneself, so the one the tag speaks to is
 * never its guessed speaker; the line goes on with the other one talking (fix18-1, fails
 * before the listener guard of speaker() in novel_speak.c), and a name in "在 X 耳畔 / 面前"
 * is the place of the act, not its subject (fix18-2, fails before zh_object_at read 在 and
 * data zh_place_after_name); a name before 在 still speaks (fix18-3, a guard); a sentence
 * that quoted words cut ("张三想「王」上加「白」，是个「皇」字，……问李四：") keeps the subject of
 * its first clause over them (fix18-4, fails before zh_cut_sentence_subject), but not over a
 * quote that ends its own sentence or is led in with a colon (fix18-5, a guard). */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix18-1: "华忠道：……" then a paragraph "因问公子道：" — 华忠 asks 公子; before, the
 * guesses after the subjectless tag (the paragraph's subject, the nearest subject) fell on
 * 公子, the one spoken to. */
TEST(novel_fix18_zh_listener_is_not_the_speaker)
{
	struct heard h;
	CHECKF(hear("公子在店中坐着，华忠走进来，一见公子，便哭道：“我的爷！”\n\n"
		"公子道：“你怎么来了？”\n\n"
		"华忠道：“咳，我这时候没那么大工夫合你诉家常啊！”\n\n"
		"因问公子道：“你怎么直到如今还在这里？”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你怎么直到如今还在这里", "华忠");
	unhear(&h);
}

/* fix18-2: "张三吃了一惊，暗想：“……”急在李四耳畔，说声：“……”": 李四 is where the words
 * go, 张三 (the topic before) says them; before, the name in the clause was read as its
 * subject. */
TEST(novel_fix18_zh_name_at_a_place_is_no_subject)
{
	struct heard h;
	CHECKF(hear("张三与李四伏在屋上。李四道：“下边有灯。”\n\n"
		"张三道：“你且莫响。”\n\n"
		"下边有人说：“怎么声响？”张三吃了一惊，暗想：“还是先下手的为强。”急在李四耳畔，说声：“我先下去。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "我先下去", "张三");
	unhear(&h);
}

/* fix18-3: the guard: the one who acts before 在 speaks ("李四在张三耳畔说道" is 李四's), and
 * the one after 在 with no place word after him is read as before ("在旁的张三说道"). */
TEST(novel_fix18_zh_name_before_zai_speaks)
{
	struct heard h;
	CHECKF(hear("张三与李四伏在屋上。李四道：“下边有灯。”\n\n"
		"张三道：“你且莫响。”\n\n"
		"李四在张三耳畔说道：“我先下去。”\n\n"
		"张三道：“你且小心。”\n\n"
		"李四跳下去了。在旁的张三说道：“好身手。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "我先下去", "李四");
	CHECK_WHO(&h, "你且小心", "张三");
	CHECK_WHO(&h, "好身手", "张三");
	unhear(&h);
}

/* fix18-4: the subject 张三 opens the sentence before the quoted words 「王」「白」「皇」 and
 * goes on to the tag "……，遂留人府中，问李四："; before, the tag's own narration named no one
 * but 李四, spoken to, and the line went to him. */
TEST(novel_fix18_zh_topic_over_quoted_words)
{
	struct heard h;
	CHECKF(hear("张三坐在府中。张三道：「来者何人？」\n\n"
		"李四长跪进言曰：「臣要制一顶白帽子与王戴，不知殿下许否？」张三想「王」上加「白」，是个「皇」字，大异其言，遂留人府中，问李四：「你说这个白帽子，是怎样的制法？」\n\n"
		"李四曰：「殿下自知。」\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "你说这个白帽子", "张三");
	CHECK_WHO(&h, "殿下自知", "李四");
	unhear(&h);
}

/* fix18-5: the guard: a quote that a colon leads in ends the reach of the sentence before
 * it; "又问道：" after 张三's line in the same paragraph stays his, and a quote that ends with
 * its own stop is no word inside a sentence ("李四道：「去么？」张三点头「好。」又问道：" is
 * not carried back to 李四). */
TEST(novel_fix18_zh_topic_stops_at_a_sentence)
{
	struct heard h;
	CHECKF(hear("张三与李四坐在店中。李四道：「走么？」\n\n"
		"张三道：「且慢。」又问道：「几时了？」\n\n"
		"李四道：「三更了。」\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "几时了", "张三");
	CHECK_WHO(&h, "三更了", "李四");
	unhear(&h);
}
