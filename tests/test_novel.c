/* tests/test_novel.c — the focus of this file is novel import (story_from_novel):
 * scene splitting at breaks and time changes, dialogue extraction from every quote
 * style, speaker attribution (said-verbs, "X: “...”", turn-taking, pronouns, a stranger
 * who names himself), characters and locations, on the shared English and Chinese
 * examples and on small passages made for one rule each; and text with no dialogue. */
#include "test.h"
#include "story/story.h"
#include "story/fountain.h"
#include "core/util.h"
#include "core/model.h"

#include <stdlib.h>
#include <string.h>

static char *read_example(const char *name)
{
	char *path = xasprintf("/work/shared/examples/%s", name), *t = NULL;
	size_t n;
	if (!file_exists(path)) { free(path); path = xasprintf("../shared/examples/%s", name); }
	if (file_read_all(path, &t, &n) < 0) t = NULL;
	free(path);
	return t;
}

/* The speaker of the first line containing text_part; "(none)" if no such line, "" for narration. */
static const char *who_says(const struct series *s, const char *text_part)
{
	for (size_t i = 0; i < s->n_eps; i++)
		for (size_t j = 0; j < s->eps[i].n_scenes; j++)
			for (size_t k = 0; k < s->eps[i].scenes[j].n_shots; k++) {
				const struct shot *sh = &s->eps[i].scenes[j].shots[k];
				if (sh->line && strstr(sh->line->text, text_part)) return sh->line->speaker ? sh->line->speaker : "";
			}
	return "(none)";
}

/* Scene index (over all episodes) of the first line or action containing text_part; -1 if none. */
static int scene_of(const struct series *s, const char *text_part)
{
	int idx = 0;
	for (size_t i = 0; i < s->n_eps; i++)
		for (size_t j = 0; j < s->eps[i].n_scenes; j++, idx++)
			for (size_t k = 0; k < s->eps[i].scenes[j].n_shots; k++) {
				const struct shot *sh = &s->eps[i].scenes[j].shots[k];
				if ((sh->line && strstr(sh->line->text, text_part)) || (sh->action && strstr(sh->action, text_part))) return idx;
			}
	return -1;
}

static size_t n_scenes(const struct series *s)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n_eps; i++) n += s->eps[i].n_scenes;
	return n;
}

static int valid(const struct series *s)
{
	struct diags d = { 0 };
	size_t n = series_validate(s, &d);
	for (size_t i = 0; i < d.n; i++) fprintf(stderr, "    %s: %s\n", d.v[i].path, d.v[i].msg);
	diags_free(&d);
	return n == 0;
}

#define CHECK_SAYS(s, part, who) do { const char *w_ = who_says(s, part); \
	CHECKF(!strcmp(w_, who), "\"%s\" is said by \"%s\", expected \"%s\"", part, w_, who); } while (0)

TEST(novel_example_en)
{
	char *t = read_example("story_en.txt");
	CHECK(t);
	struct series *s = NULL;
	struct story_opts o = { .seed = 3, .minutes = 3 };
	int rc = story_from_novel(t, &o, &s);
	free(t);
	CHECKF(rc == 0, "%s", err_msg());
	CHECK_STR(s->lang, "en");
	CHECK(valid(s));
	CHECK_SAYS(s, "We're closing", "Xia");
	CHECK_SAYS(s, "Where is this place?", "Rui");     /* the stranger, named later */
	CHECK_SAYS(s, "Which province?", "Rui");
	CHECK_SAYS(s, "Ninth Street", "Xia");
	CHECK_SAYS(s, "Are you from the film set?", "Xia");
	CHECK_SAYS(s, "I am Rui", "Rui");
	CHECK_SAYS(s, "Ten yuan", "Xia");
	CHECK_SAYS(s, "This is terrible", "Rui");
	CHECK_SAYS(s, "Who taught you", "Rui");
	CHECK_SAYS(s, "Nobody", "Xia");
	CHECK_SAYS(s, "My mother knew how", "Xia");
	CHECK_SAYS(s, "Friday", "Mr. Bao");
	CHECK_SAYS(s, "Pay the rent", "Mr. Bao");
	CHECK_SAYS(s, "How much does she owe you?", "Rui");
	CHECK_SAYS(s, "More than a beggar", "Mr. Bao");
	/* a quote ending in a comma reads as a sentence */
	CHECK_SAYS(s, "We're closing.", "Xia");
	/* narration is a line with no speaker */
	CHECK_SAYS(s, "The rain had not stopped", "");
	/* two scenes, split at "The next morning" */
	CHECK_INT(n_scenes(s), 2);
	CHECK_INT(scene_of(s, "We're closing"), 0);
	CHECK_INT(scene_of(s, "The next morning"), 1);
	CHECK_INT(scene_of(s, "Friday"), 1);
	/* characters: the stranger became Rui; genders from pronouns and titles; a role from "Mr. Bao, the landlord" */
	CHECK_INT(s->n_chars, 3);
	const struct character *c = series_find_character(s, "Xia");
	CHECK(c && str_eq(c->gender, "female"));
	c = series_find_character(s, "Rui");
	CHECK(c && str_eq(c->gender, "male"));
	c = series_find_character(s, "Mr. Bao");
	CHECK(c && str_eq(c->gender, "male") && str_eq(c->role, "landlord"));
	CHECK(!series_find_character(s, "Stranger"));
	CHECK(!series_find_character(s, "Madam Gao"));   /* only named inside a quote */
	/* the place from the text, rain in the first scene, morning = day */
	CHECK_INT(s->n_locs, 1);
	CHECK_STR(s->locs[0].kind, "milk_tea_shop");
	CHECK_STR(s->eps[0].scenes[0].weather, "rain");
	CHECK_STR(s->eps[0].scenes[1].time, "day");
	CHECK_INT(s->seed, 3);
	series_free(s);
}

TEST(novel_example_zh)
{
	char *t = read_example("story_zh.txt");
	CHECK(t);
	struct series *s = NULL;
	struct story_opts o = { .minutes = 3 };
	int rc = story_from_novel(t, &o, &s);
	free(t);
	CHECKF(rc == 0, "%s", err_msg());
	CHECK_STR(s->lang, "zh");
	CHECK(valid(s));
	CHECK_SAYS(s, "这是什么地方", "萧睿");   /* “...”他问 — 他 is the man at the door, who names himself later */
	CHECK_SAYS(s, "哪个州府", "萧睿");
	CHECK_SAYS(s, "第九街", "夏晓");         /* “...”夏晓说 */
	CHECK_SAYS(s, "你是剧组的吧", "夏晓");
	CHECK_SAYS(s, "本王乃", "萧睿");         /* 男人……：“...” */
	CHECK_SAYS(s, "十块", "夏晓");           /* 夏晓……推过去：“...” */
	CHECK_SAYS(s, "难喝", "萧睿");
	CHECK_SAYS(s, "没人教", "夏晓");         /* 夏晓低声说 */
	CHECK_SAYS(s, "周五之前交房租", "鲍老板");
	CHECK_INT(n_scenes(s), 2);
	CHECK_INT(scene_of(s, "第二天"), 1);
	CHECK_INT(scene_of(s, "周五"), 1);
	CHECK_INT(s->n_chars, 3);
	CHECK(series_find_character(s, "萧睿") && str_eq(series_find_character(s, "萧睿")->gender, "male"));
	CHECK(series_find_character(s, "鲍老板") && str_eq(series_find_character(s, "鲍老板")->role, "landlord"));
	CHECK(!series_find_character(s, "高夫人"));
	/* 低声 makes a whisper */
	for (size_t j = 0; j < s->eps[0].n_scenes; j++)
		for (size_t k = 0; k < s->eps[0].scenes[j].n_shots; k++) {
			const struct line *l = s->eps[0].scenes[j].shots[k].line;
			if (l && strstr(l->text, "没人教")) CHECK_STR(l->emotion, "whisper");
		}
	CHECK_STR(s->locs[0].name, "奶茶店");
	series_free(s);
}

TEST(novel_quote_styles)
{
	/* straight, curly, corner brackets; "X: “...”"; said before the quote */
	const char *t =
		"Anna walked into the office.\n\n"
		"\"Good morning,\" said Anna.\n\n"
		"Tom: \xE2\x80\x9CYou are late.\xE2\x80\x9D\n\n"
		"Anna shrugged and said, \xE2\x80\x9CTraffic.\xE2\x80\x9D\n\n"
		"\xE3\x80\x8C" "Fine," "\xE3\x80\x8D" " Tom said.\n";
	struct series *s = NULL;
	struct story_opts o = { .minutes = 3 };
	CHECKF(story_from_novel(t, &o, &s) == 0, "%s", err_msg());
	CHECK_SAYS(s, "Good morning", "Anna");
	CHECK_SAYS(s, "You are late", "Tom");
	CHECK_SAYS(s, "Traffic", "Anna");
	CHECK_SAYS(s, "Fine", "Tom");
	CHECK_STR(s->locs[0].kind, "office");
	series_free(s);
}

TEST(novel_turn_taking_and_pronouns)
{
	const char *t =
		"Lena met Marco at the station.\n\n"
		"\"You came,\" Lena said.\n\n"
		"\"I promised,\" Marco said.\n\n"
		"\"Where is the letter?\"\n\n"
		"\"Gone.\"\n\n"
		"\"Then we are too late.\"\n\n"
		"Marco looked away. \"I know,\" he said.\n\n"
		"Lena turned to the window. \"Then go,\" she whispered.\n";
	struct series *s = NULL;
	struct story_opts o = { .minutes = 3 };
	CHECKF(story_from_novel(t, &o, &s) == 0, "%s", err_msg());
	CHECK_SAYS(s, "You came", "Lena");
	CHECK_SAYS(s, "I promised", "Marco");
	CHECK_SAYS(s, "Where is the letter", "Lena");   /* alternating exchange */
	CHECK_SAYS(s, "Gone", "Marco");
	CHECK_SAYS(s, "Then we are too late", "Lena");
	CHECK_SAYS(s, "I know", "Marco");
	CHECK_SAYS(s, "Then go", "Lena");
	CHECK(str_eq(series_find_character(s, "Marco")->gender, "male"));
	CHECK(str_eq(series_find_character(s, "Lena")->gender, "female"));
	series_free(s);
}

TEST(novel_scene_breaks)
{
	const char *t =
		"Chapter 1\n\nAnna opened the shop.\n\n***\n\nAnna closed the shop.\n\n"
		"That night Anna could not sleep.\n\n---\n\nThe garden was quiet.\n\n\n\nThe street was loud.\n";
	struct series *s = NULL;
	struct story_opts o = { .minutes = 3 };
	CHECKF(story_from_novel(t, &o, &s) == 0, "%s", err_msg());
	CHECK_INT(n_scenes(s), 5);
	CHECK_INT(scene_of(s, "opened"), 0);
	CHECK_INT(scene_of(s, "closed"), 1);
	CHECK_INT(scene_of(s, "could not sleep"), 2);
	CHECK_INT(scene_of(s, "garden"), 3);
	CHECK_INT(scene_of(s, "street"), 4);
	const struct episode *e = &s->eps[0];
	CHECK_STR(e->scenes[2].time, "night");
	CHECK_STR(series_find_location(s, e->scenes[3].location)->kind, "garden");
	CHECK_STR(series_find_location(s, e->scenes[4].location)->kind, "street");
	series_free(s);
}

TEST(novel_no_dialogue_and_title)
{
	const char *t = "The Lighthouse\n\nThe keeper climbed the stairs every night. The lamp had to burn.\n\n"
	                "Nobody came to the island that winter. Snow covered the rocks.\n";
	struct series *s = NULL;
	struct story_opts o = { .minutes = 3 };
	CHECKF(story_from_novel(t, &o, &s) == 0, "%s", err_msg());
	CHECK_STR(s->title, "The Lighthouse");
	CHECK(valid(s));
	CHECK_SAYS(s, "The keeper climbed", "");
	CHECK_SAYS(s, "Snow covered", "");
	series_free(s);
	/* empty and blank text */
	CHECK(story_from_novel("", &o, &s) < 0 && s == NULL);
	CHECK(strstr(err_msg(), "empty"));
	CHECK(story_from_novel(" \n\n \n", &o, &s) < 0);
}

TEST(novel_long_lines_split)
{
	/* one quote longer than the 200-character subtitle limit is split over shots */
	struct sbuf b = { 0 };
	sb_add(&b, "Anna stood up. \"");
	for (int i = 0; i < 20; i++) sb_add(&b, "This is a long sentence. ");
	sb_add(&b, "\" she said.\n");
	struct series *s = NULL;
	struct story_opts o = { .minutes = 3 };
	CHECKF(story_from_novel(b.s, &o, &s) == 0, "%s", err_msg());
	sb_free(&b);
	CHECK(valid(s));
	int lines = 0;
	for (size_t k = 0; k < s->eps[0].scenes[0].n_shots; k++) {
		const struct line *l = s->eps[0].scenes[0].shots[k].line;
		if (l && str_eq(l->speaker, "Anna")) { lines++; CHECK(utf8_len(l->text) <= 200); }
	}
	CHECK(lines >= 3);
	series_free(s);
}

TEST(novel_invalid_utf8)
{
	/* regression (fuzzer): a lead byte without its continuation bytes at the end of a
	 * paragraph made the scanner step over the terminating NUL */
	static const char *const cases[] = {
		"\xE9\x9B\xA8\xF2\xF2\xF2", "Anna said \"hi\xE4", "\xE2\x80\x9C\xF0", "\xC3", "\xE3\x80\x8C\xE3\x80",
		"Anna: \xE2\x80\x9C" "abc\xE2\x80\n\n\xF2\x80\x80", "\xE5\xA4\x8F\xE6\x99\x93\xE8\xAF\xB4\xEF\xBC",
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct series *s = NULL;
		struct story_opts o = { .minutes = 3 };
		if (story_from_novel(cases[i], &o, &s) == 0) {
			CHECK(valid(s));
			series_free(s);
		}
	}
}

TEST(novel_place_changes)
{
	const char *t =
		"Anna waited in the office. The clock ticked.\n\n"
		"\"He is late,\" Anna said.\n\n"
		"At the hospital, the doctor shook his head.\n\n"
		"In the office the phone rang.\n\n"
		"In the evening Anna went home.\n";
	struct series *s = NULL;
	struct story_opts o = { .minutes = 3 };
	CHECKF(story_from_novel(t, &o, &s) == 0, "%s", err_msg());
	CHECK_INT(n_scenes(s), 3);
	CHECK_INT(scene_of(s, "He is late"), 0);
	CHECK_INT(scene_of(s, "doctor"), 1);
	CHECK_INT(scene_of(s, "phone rang"), 2);
	CHECK_INT(scene_of(s, "went home"), 2);   /* "In the evening" names no place */
	const struct episode *e = &s->eps[0];
	CHECK_STR(series_find_location(s, e->scenes[0].location)->kind, "office");
	CHECK_STR(series_find_location(s, e->scenes[1].location)->kind, "hospital");
	CHECK_STR(e->scenes[2].location, e->scenes[0].location);
	series_free(s);
	const char *z = "夏晓在店里等着。\n\n“他迟到了。”夏晓说。\n\n回到办公室，经理叹了口气。\n";
	CHECKF(story_from_novel(z, &o, &s) == 0, "%s", err_msg());
	CHECK_INT(n_scenes(s), 2);
	CHECK_STR(series_find_location(s, s->eps[0].scenes[1].location)->kind, "office");
	series_free(s);
}

TEST(novel_long_text_fast_and_split)
{
	/* a 130 KB text (the English example 100 times, with scene breaks) imports quickly
	 * and splits into episodes of about 3 minutes */
	char *t = read_example("story_en.txt");
	CHECK(t);
	struct sbuf b = { 0 };
	for (int i = 0; i < 100; i++) { sb_add(&b, t); sb_add(&b, "\n\n***\n\n"); }
	free(t);
	struct series *s = NULL;
	struct story_opts o = { .minutes = 3 };
	double t0 = now_sec();
	int rc = story_from_novel(b.s, &o, &s);
	double dt = now_sec() - t0;
	sb_free(&b);
	CHECKF(rc == 0, "%s", err_msg());
	CHECKF(dt < 3.0, "import took %.2f s", dt);
	CHECK(valid(s));
	CHECK_INT(n_scenes(s), 200);
	CHECKF(s->n_eps >= 20 && s->n_eps <= 80, "%zu episodes", s->n_eps);
	CHECK_INT(s->n_chars, 3);
	CHECK_SAYS(s, "Friday", "Mr. Bao");
	series_free(s);
}
