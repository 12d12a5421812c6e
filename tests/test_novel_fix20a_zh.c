/* tests/test_novel_fix20a_zh.c — the focus of this file is a Chinese line that gives its
 * speaker's own name (novel_selfname_zh.c): a surname and a style name after a word the speaker
 * calls himself by ("小弟姓江，号秋雯", fix20a-1), a name before 是也 ("吾神乃独角龙是也",
 * fix20a-2), a name after 叫作 ("我就是叫作藤野严九郎的", fix20a-3), the answer to "你是……" that
 * opens with a name the narration writes ("沈念，新来的助理", fix20a-4), and a surname alone that
 * only one known name has ("小的姓徐" -> 徐管家, fix20a-5); each fails before the pass, which
 * gives the line to that name whoever a tag or a guess gave it to. The guards (fix20a-6): "我是
 * ……", "我叫……" and another's surname ("他姓王") name no speaker, and a first-person narrator
 * keeps his own lines. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("zh", text, h); }

/* fix20a-1: "客人道" is a role word, no name; the guesses gave the line to 欧阳山, the other one
 * talking. 小弟 calls himself 江秋雯, a name the cast lacked until then. */
TEST(novel_fix20a_zh_surname_and_style_name)
{
	struct heard h;
	CHECKF(hear("欧阳山上了船，坐在舱里。中舱客人叫小厮来请他。欧阳山钻进舱去。\n\n"
		"客人起身作揖，问了姓氏。欧阳山道：“学生姓欧阳。”又问那客人，客人道：“小弟姓江，号秋雯，原籍是徽州。”\n\n"
		"欧阳山道：“原来是江兄。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "小弟姓江", "江秋雯");
	CHECK_WHO(&h, "原来是江兄", "欧阳山");
	unhear(&h);
}

/* fix20a-2: a voice from the roof that names nobody in its tag names itself */
TEST(novel_fix20a_zh_name_before_shi_ye)
{
	struct heard h;
	CHECKF(hear("大人在上房看书。伊大人道：“来人！”\n\n"
		"外面房上说：“钦差伊大人听真，吾神乃独角龙是也。只因胡大成作恶多端，吾神将他首级抓来。”\n\n"
		"伊大人道：“快拿刺客！”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "钦差伊大人听真", "独角龙");
	unhear(&h);
}

/* fix20a-3: a teacher brought on by a descriptor gives his name after 叫作 */
TEST(novel_fix20a_zh_name_after_jiaozuo)
{
	struct heard h;
	CHECKF(hear("我到了仙台，每天去上课。我的同学都很客气，我也常常去听讲义。\n\n"
		"其时进来的是一个黑瘦的先生，八字须，戴着眼镜，挟着一迭书。一将书放在讲台上，便向学生介绍自己道：\n\n"
		"“我就是叫作藤野严九郎的……。”\n\n"
		"后面有几个人笑起来了。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "我就是叫作藤野严九郎的", "藤野严九郎");
	unhear(&h);
}

/* fix20a-4: “你是……” asked, the answer opens with a name the narration writes twice */
TEST(novel_fix20a_zh_answer_to_who_are_you)
{
	struct heard h;
	CHECKF(hear("陆川走进办公室，看见自己的工位上坐着一个陌生姑娘。\n\n"
		"“这是我的位置。”陆川敲了敲桌子。\n\n"
		"姑娘抬起头：“我知道。”\n\n"
		"“你是……”\n\n"
		"“沈念，新来的助理。”\n\n"
		"老黄拍了拍沈念的肩。陆川把一摞文件推到沈念面前。\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "沈念，新来的助理", "沈念");
	unhear(&h);
}

/* fix20a-5: a surname alone, "小的姓徐", and one known name of that surname (徐管家, who
 * speaks by a tag later) */
TEST(novel_fix20a_zh_surname_of_one_known_name)
{
	struct heard h;
	CHECKF(hear("欧阳山坐下，说几句套话。旁边走上一个后生管家，悄悄说道：“家太爷耳背，相公莫要见怪。”\n\n"
		"欧阳山只问那管家的姓名。后生道：“小的姓徐。”\n\n"
		"欧阳山道：“徐大叔，你家老爷可有多少官囊么？”徐管家道：“家老爷也曾买下万金田产。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "小的姓徐", "徐管家");
	unhear(&h);
}

/* fix20a-6: the guards — "我是好意", "我叫老黑开门", another's surname and the narrator's own
 * "我叫……" leave their speakers as the tags give them */
TEST(novel_fix20a_zh_no_self_name)
{
	struct heard h;
	CHECKF(hear("张三道：“娘子，我是好意。”\n\n"
		"李四道：“我叫老黑开门，你等一等。”\n\n"
		"张三道：“他姓王，名叫王五。”\n\n"
		"我那时还小。我对他们说：“我名叫小石头。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "娘子，我是好意", "张三");
	CHECK_WHO(&h, "我叫老黑开门", "李四");
	CHECK_WHO(&h, "他姓王", "张三");
	CHECKF(!in_cast(&h, "王五") || strcmp(who_said(&h, "他姓王"), "王五"), "王五 took 张三's line");
	unhear(&h);
}

/* fix20a-7: "我焦赞……" — 我 and a known name that speaks by tags elsewhere, though 焦 is no
 * common surname (before, only a listed surname counted); and its guard: 我 and a kin word
 * ("我母亲……") is no self-name */
TEST(novel_fix20a_zh_wo_and_a_known_name)
{
	struct heard h;
	CHECKF(hear("六郎见上面坐着一人，正是方才引路者。那人笑曰：“我焦赞未尝请汝，汝自来寻死，复有何词？”六郎厉声应曰：“大丈夫视死如归。”焦赞曰：“吾啖着多少好汉心肝。”\n\n"
		"焦赞曰：“小可情愿归顺。”\n\n"
		"母亲道：“你们来了。”六郎曰：“我母亲安好。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "我焦赞未尝请汝", "焦赞");
	CHECK_WHO(&h, "我母亲安好", "六郎");
	unhear(&h);
}

/* fix20a-8: "小人胡成给老爷叩头" — another self-word (小人, 小的, 在下 ...) and a known name
 * open the line (before, only 我/吾/俺 did): the tag's 老爷 heard it, 胡成 said it */
TEST(novel_fix20a_zh_xiaoren_and_a_known_name)
{
	struct heard h;
	CHECKF(hear("包公升堂，叫带胡成。胡成道：“小的冤枉。”\n\n"
		"包公道：“你且起来。”\n\n"
		"胡成跪下，老爷听得他说：“小人胡成给老爷叩头。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "小人胡成给老爷叩头", "胡成");
	unhear(&h);
}

/* fix20a-9: the guard of fix20a-7/8: a word the name-finder took from the line itself (何等样
 * of "小人何等样，敢共对席", 何 a surname) is no one in the story; the line names no speaker and
 * the word is no cast member (fails on fe54bb4, which took any listed surname) */
TEST(novel_fix20a_zh_self_word_and_no_one)
{
	struct heard h;
	CHECKF(hear("林冲道：“你们坐。”\n\n"
		"董超，薛霸，喏喏连声，说道：“小人何等样，敢共对席。”\n\n"
		"林冲道：“请坐。”\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "小人何等样", "");
	CHECKF(!in_cast(&h, "何等样"), "何等样 is in the cast");
	unhear(&h);
}
