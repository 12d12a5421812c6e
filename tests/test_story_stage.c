/* tests/test_story_stage.c — the focus of this file is reading a story from a file
 * (story_from_file: dispatch by extension and content, and clear messages for missing,
 * empty, binary and folder inputs) and the `drama script` stage (story_stage): the
 * files it writes, the language it picks, and designs that survive a re-script. */
#include "test.h"
#include "story/story.h"
#include "story/novel.h"
#include "core/util.h"
#include "core/model.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *tmp(const char *name) { return path_join(test_tmpdir(), name); }

static char *example(const char *name)
{
	char *p = xasprintf("/work/shared/examples/%s", name);
	if (!file_exists(p)) { free(p); p = xasprintf("../shared/examples/%s", name); }
	return p;
}

static int write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f) return -1;
	fwrite(data, 1, n, f);
	fclose(f);
	return 0;
}

TEST(story_file_bad_inputs)
{
	struct story_opts o = { .minutes = 3 };
	struct series *s = (struct series *)1;
	char *p = tmp("nope.fountain");
	CHECK(story_from_file(p, &o, &s) < 0 && s == NULL);
	CHECKF(strstr(err_msg(), p) && strstr(err_msg(), "no such file"), "%s", err_msg());
	free(p);
	/* a folder */
	CHECK(story_from_file(test_tmpdir(), &o, &s) < 0);
	CHECKF(strstr(err_msg(), "is a folder"), "%s", err_msg());
	/* empty and blank */
	p = tmp("empty.txt");
	write_file(p, "", 0);
	CHECK(story_from_file(p, &o, &s) < 0);
	CHECKF(strstr(err_msg(), p) && strstr(err_msg(), "empty"), "%s", err_msg());
	write_file(p, " \n\r\n\t\n", 6);
	CHECK(story_from_file(p, &o, &s) < 0);
	CHECKF(strstr(err_msg(), "empty"), "%s", err_msg());
	free(p);
	/* binary: NUL bytes, and bytes that are not UTF-8 */
	p = tmp("x.fountain");
	const char bin[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	write_file(p, bin, sizeof bin - 1);
	CHECK(story_from_file(p, &o, &s) < 0);
	CHECKF(strstr(err_msg(), p) && strstr(err_msg(), "binary"), "%s", err_msg());
	/* the first bad byte is 0x89, line 1, column 1, byte offset 0 */
	char *where = xasprintf("%s:1:1:", p);
	CHECKF(strstr(err_msg(), where) && strstr(err_msg(), "0x89") && strstr(err_msg(), "byte offset 0"), "%s", err_msg());
	free(where);
	free(p);
	/* binary after a few lines of text: the line, column and offset of the first NUL */
	p = tmp("late.txt");
	char late[400];
	memcpy(late, "Title\n\nTwo lines of text.\n", 26);
	for (size_t i = 26; i < sizeof late; i++) late[i] = (char)(i % 3 ? 0 : 0x01);
	write_file(p, late, sizeof late);
	CHECK(story_from_file(p, &o, &s) < 0);
	where = xasprintf("%s:4:1:", p);
	CHECKF(strstr(err_msg(), where) && strstr(err_msg(), "byte offset 26"), "%s", err_msg());
	free(where);
	free(p);
	p = tmp("latin1.txt");
	char junk[256];
	for (int i = 0; i < 256; i++) junk[i] = (char)(0x80 | (i * 37 % 0x7f));
	write_file(p, junk, sizeof junk);
	CHECK(story_from_file(p, &o, &s) < 0);
	CHECKF(strstr(err_msg(), "UTF-8"), "%s", err_msg());
	free(p);
	/* an unclosed boneyard names the file and line */
	p = tmp("open.fountain");
	const char *t = "INT. A - DAY\n\nHello.\n\n/* never closed\n";
	write_file(p, t, strlen(t));
	CHECK(story_from_file(p, &o, &s) < 0);
	char *want = xasprintf("%s:5:", p);
	CHECKF(strstr(err_msg(), want), "%s", err_msg());
	free(want);
	free(p);
}

TEST(story_file_dispatch)
{
	struct story_opts o = { .minutes = 3 };
	struct series *s = NULL;
	/* .fountain */
	char *p = example("short.fountain");
	CHECKF(story_from_file(p, &o, &s) == 0, "%s", err_msg());
	free(p);
	CHECK_STR(s->title, "The Last Cup");
	CHECK(series_find_character(s, "Prince Rui"));
	/* .json: the storyboard as saved */
	char *j = tmp("board.json");
	CHECK(series_save(s, j) == 0);
	series_free(s);
	s = NULL;
	CHECKF(story_from_file(j, &o, &s) == 0, "%s", err_msg());
	CHECK(series_find_character(s, "Prince Rui"));
	series_free(s);
	free(j);
	/* .txt holding a screenplay is read as Fountain */
	p = tmp("script.txt");
	const char *t = "INT. KITCHEN - NIGHT\n\nLIN\nWho is there?\n";
	write_file(p, t, strlen(t));
	CHECKF(story_from_file(p, &o, &s) == 0, "%s", err_msg());
	CHECK(series_find_character(s, "Lin"));
	CHECK_STR(s->eps[0].scenes[0].time, "night");
	series_free(s);
	free(p);
	/* .txt with quoted dialogue is a novel */
	p = example("story_en.txt");
	CHECKF(story_from_file(p, &o, &s) == 0, "%s", err_msg());
	free(p);
	CHECK(series_find_character(s, "Mr. Bao"));
	series_free(s);
	p = example("story_zh.txt");
	CHECKF(story_from_file(p, &o, &s) == 0, "%s", err_msg());
	free(p);
	CHECK_STR(s->lang, "zh");
	CHECK(series_find_character(s, "夏晓"));
	series_free(s);
}

TEST(story_stage_writes_and_keeps_designs)
{
	struct project *p = NULL;
	char *dir = tmp("show");
	CHECKF(project_open(dir, 1, &p) == 0, "%s", err_msg());
	char *src = example("short.fountain");
	CHECKF(story_stage(p, NULL, src) == 0, "%s", err_msg());
	CHECK(p->s);
	CHECK_INT(p->s->seed, p->set.seed);
	CHECK_STR(p->s->lang, "en");
	char *fp = project_path(p, "script.fountain"), *bp = project_path(p, "storyboard.json");
	CHECK(file_exists(fp) && file_exists(bp));
	/* storyboard.json is written last, so it is not older than the screenplay */
	struct stat a, b;
	CHECK(stat(fp, &a) == 0 && stat(bp, &b) == 0);
	CHECK(b.st_mtim.tv_sec > a.st_mtim.tv_sec ||
	      (b.st_mtim.tv_sec == a.st_mtim.tv_sec && b.st_mtim.tv_nsec >= a.st_mtim.tv_nsec));
	/* the written storyboard loads and validates */
	struct series *loaded = NULL;
	CHECKF(series_load(bp, &loaded) == 0, "%s", err_msg());
	CHECK_INT(loaded->n_chars, p->s->n_chars);
	series_free(loaded);
	/* a designer's edits: a look for Xia and the shop, a voice for Prince Rui */
	struct character *xia = series_find_character(p->s, "Xia");
	CHECK(xia);
	xia->look = json_pack("{s:s}", "hair", "braid");
	series_find_character(p->s, "Prince Rui")->voice = json_pack("{s:s}", "engine", "flite");
	series_find_location(p->s, "Xia's Milk Tea Shop")->look = json_pack("{s:i}", "palette", 3);
	CHECK(project_save(p) == 0);
	/* the user edits the screenplay (a new line) and re-scripts from it */
	char *text = NULL;
	size_t n;
	CHECK(file_read_all(fp, &text, &n) == 0);
	struct sbuf ed = { 0 };
	sb_add(&ed, text);
	sb_add(&ed, "\nXIA\nAnd stay out.\n");
	free(text);
	CHECK(file_write_atomic(fp, ed.s, ed.len) == 0);
	sb_free(&ed);
	CHECKF(story_stage(p, NULL, fp) == 0, "%s", err_msg());
	/* the user's own file is kept as written */
	CHECK(file_read_all(fp, &text, &n) == 0);
	CHECK(str_has_suffix(text, "\nXIA\nAnd stay out.\n"));
	free(text);
	xia = series_find_character(p->s, "Xia");
	CHECK(xia && xia->look && !strcmp(json_string_value(json_object_get(xia->look, "hair")), "braid"));
	CHECK(series_find_character(p->s, "Prince Rui")->voice);
	CHECK(series_find_location(p->s, "Xia's Milk Tea Shop")->look);
	/* and the new line is there */
	int found = 0;
	const struct episode *e = &p->s->eps[p->s->n_eps - 1];
	const struct scene *sc = &e->scenes[e->n_scenes - 1];
	for (size_t k = 0; k < sc->n_shots; k++)
		if (sc->shots[k].line && !strcmp(sc->shots[k].line->text, "And stay out.")) found = 1;
	CHECK(found);
	free(fp);
	free(bp);
	free(src);
	free(dir);
	project_free(p);
}

TEST(story_stage_language_and_errors)
{
	struct project *p = NULL;
	char *dir = tmp("zh");
	CHECKF(project_open(dir, 1, &p) == 0, "%s", err_msg());
	/* the settings say "en" (the default) but the story is Chinese */
	char *src = example("story_zh.txt");
	CHECKF(story_stage(p, NULL, src) == 0, "%s", err_msg());
	CHECK_STR(p->s->lang, "zh");
	char *fp = project_path(p, "script.fountain");
	char *text = NULL;
	size_t n;
	CHECK(file_read_all(fp, &text, &n) == 0);
	CHECK(strstr(text, "@夏晓"));
	free(text);
	/* a bad input leaves the project as it was */
	struct series *before = p->s;
	char *bad = tmp("missing.txt");
	CHECK(story_stage(p, NULL, bad) < 0);
	CHECK(strstr(err_msg(), "missing.txt"));
	CHECK(p->s == before);
	CHECK(story_stage(p, NULL, NULL) < 0);
	free(bad);
	free(fp);
	free(src);
	free(dir);
	project_free(p);
}

/* The story file text routes to prose: its speakers Tom and Ann are the cast and no quoted
 * word ("Hello") becomes a character. */
static void check_read_as_prose(const char *name, const char *text)
{
	struct story_opts o = { .minutes = 3, .lang = "en" };
	struct series *s = NULL;
	char *p = tmp(name);
	CHECK(write_file(p, text, strlen(text)) == 0);
	CHECK(story_from_file(p, &o, &s) == 0 && s);
	if (s) {
		CHECK(series_find_character(s, "Tom") && series_find_character(s, "Ann"));
		CHECK(!series_find_character(s, "Hello"));
		series_free(s);
	}
	free(p);
}

/* A short story in single quotes (the router once counted double quotes only) */
TEST(story_file_single_quote_story_is_prose)
{
	check_read_as_prose("short.txt", "'Hello,' said Tom. 'Don't go.'\n\n'Where?' asked Ann.\n");
}

/* A short story in dash dialogue is prose too (it was cut into an outline, "Hello" cast);
 * a list of em-dash bullets stays an outline. */
TEST(story_file_dash_dialogue_story_is_prose)
{
	static const char text[] = "\xE2\x80\x94 Hello, said Tom. Don't go.\n\n\xE2\x80\x94 Where? \xE2\x80\x94 asked Ann.\n";
	check_read_as_prose("dash.txt", text);
	CHECK(nov_dash_quotations("\xE2\x80\x94 Lin opens a milk tea shop\n\n\xE2\x80\x94 The prince walks in\n") == 0);
	CHECK(nov_dash_quotations(text) == 2);
}
