/* tests/test_text_input.c — the focus of this file is text at the input boundary: every
 * string the model holds is valid UTF-8, whatever bytes came in. A generator mutates the
 * shared examples with each class of invalid UTF-8 (stray continuation bytes, overlong
 * forms, surrogates, truncated sequences, 0xFE/0xFF, code points past U+10FFFF, NUL) at
 * several places; every input that is accepted must save, load (with validation) and save
 * again to the same bytes, and a small sample must make a video at a tiny size. */
#include "test.h"
#include "drama_run.h"
#include "story/story.h"
#include "core/util.h"
#include "core/model.h"

#include <stdlib.h>
#include <string.h>

/* The classes of invalid UTF-8 (the 41 cases fall in these). */
static const struct { const char *name, *bytes; size_t n; } BAD[] = {
	{ "lone continuation 80", "\x80", 1 },
	{ "lone continuation BF", "\xBF", 1 },
	{ "continuation run", "\x80\x81\x82", 3 },
	{ "overlong '/' in 2", "\xC0\xAF", 2 },
	{ "overlong C1", "\xC1\xBF", 2 },
	{ "overlong '/' in 3", "\xE0\x80\xAF", 3 },
	{ "overlong '/' in 4", "\xF0\x80\x80\xAF", 4 },
	{ "overlong NUL", "\xC0\x80", 2 },
	{ "surrogate D800", "\xED\xA0\x80", 3 },
	{ "surrogate DFFF", "\xED\xBF\xBF", 3 },
	{ "surrogate pair as CESU", "\xED\xA0\xBD\xED\xB8\x80", 6 },
	{ "truncated 2 of 3", "\xE4\xB8", 2 },
	{ "truncated 3 of 4", "\xF0\x9F\x98", 3 },
	{ "truncated 1 of 2", "\xC3", 1 },
	{ "FE", "\xFE", 1 },
	{ "FF", "\xFF", 1 },
	{ "FE FF (UTF-16 BOM)", "\xFE\xFF", 2 },
	{ "past U+10FFFF F4 90", "\xF4\x90\x80\x80", 4 },
	{ "past U+10FFFF F5", "\xF5\x80\x80\x80", 4 },
	{ "5-byte form F8", "\xF8\x88\x80\x80\x80", 5 },
	{ "NUL", "\x00", 1 },
	{ "NUL inside a word", "a\x00z", 3 },
};

static const char *const EXAMPLES[] = { "outline.txt", "short.fountain", "story_en.txt", "story_zh.txt" };

static char *example(const char *name)
{
	char *p = xasprintf("/work/shared/examples/%s", name);
	if (!file_exists(p)) { free(p); p = xasprintf("../shared/examples/%s", name); }
	return p;
}

/* The input with b inserted at off (replace=0) or written over the bytes there (replace=1). */
static char *mutate(const char *t, size_t n, size_t off, int replace, const char *b, size_t bn, size_t *out_n)
{
	size_t skip = replace ? (off + bn <= n ? bn : n - off) : 0;
	*out_n = n + bn - skip;
	char *m = xmalloc(*out_n + 1);
	memcpy(m, t, off);
	memcpy(m + off, b, bn);
	memcpy(m + off + bn, t + off + skip, n - off - skip);
	m[*out_n] = 0;
	return m;
}

struct tally { int tried, accepted, refused; };

/* Import, save, load with validation, save again: same bytes, valid text everywhere. */
static int check_one(const char *path, const char *ext, const char *desc, struct tally *t)
{
	struct story_opts o = { .minutes = 3, .seed = 1, .episodes = 1 };
	struct series *s = NULL, *back = NULL;
	char *sb = path_join(test_tmpdir(), "board.json"), *sb2 = path_join(test_tmpdir(), "board2.json");
	char *a = NULL, *b = NULL;
	size_t an, bn;
	int ok = 0;
	t->tried++;
	if (story_from_file(path, &o, &s) < 0) {
		/* refusing is allowed when the message says where */
		t->refused++;
		ok = strstr(err_msg(), path) != NULL;
		if (!ok) fprintf(stderr, "  %s %s: refused without the file name: %s\n", ext, desc, err_msg());
		goto end;
	}
	t->accepted++;
	struct diags d = { 0 };
	series_check_text(s, &d);
	size_t bad = d.n;
	diags_free(&d);
	if (bad) { fprintf(stderr, "  %s %s: invalid UTF-8 in the model\n", ext, desc); goto end; }
	if (series_save(s, sb) < 0) { fprintf(stderr, "  %s %s: save: %s\n", ext, desc, err_msg()); goto end; }
	if (series_load(sb, &back) < 0) { fprintf(stderr, "  %s %s: reload: %s\n", ext, desc, err_msg()); goto end; }
	if (series_save(back, sb2) < 0) { fprintf(stderr, "  %s %s: re-save: %s\n", ext, desc, err_msg()); goto end; }
	if (file_read_all(sb, &a, &an) < 0 || file_read_all(sb2, &b, &bn) < 0) goto end;
	ok = an == bn && !memcmp(a, b, an);
	if (!ok) fprintf(stderr, "  %s %s: reload saves different bytes\n", ext, desc);
end:
	series_free(s);
	series_free(back);
	free(a);
	free(b);
	free(sb);
	free(sb2);
	return ok;
}

/* text-1.1: every class at three places (start, middle, a third in), inserted and written over */
TEST(text_mutations_save_and_reload)
{
	struct tally t = { 0 };
	log_set_level(LOG_ERROR);
	for (size_t e = 0; e < ARRAY_LEN(EXAMPLES); e++) {
		char *src = example(EXAMPLES[e]), *text = NULL;
		size_t n = 0;
		CHECK(file_read_all(src, &text, &n) == 0);
		const char *ext = strrchr(EXAMPLES[e], '.');
		char *mp = xasprintf("%s/mut%s", test_tmpdir(), ext);
		size_t offs[] = { 0, n / 3, n / 2 + 1, n - 1 };
		for (size_t c = 0; c < ARRAY_LEN(BAD); c++)
			for (size_t k = 0; k < ARRAY_LEN(offs); k++)
				for (int rep = 0; rep < 2; rep++) {
					size_t mn;
					char *m = mutate(text, n, offs[k], rep, BAD[c].bytes, BAD[c].n, &mn);
					FILE *f = fopen(mp, "wb");
					fwrite(m, 1, mn, f);
					fclose(f);
					free(m);
					char desc[160];
					snprintf(desc, sizeof desc, "%s %s at %zu (%s)", EXAMPLES[e], BAD[c].name, offs[k],
					         rep ? "over" : "inserted");
					if (!check_one(mp, ext, desc, &t)) {
						log_set_level(LOG_INFO);
						free(mp);
						free(text);
						free(src);
						CHECKF(0, "%s", desc);
					}
				}
		free(mp);
		free(text);
		free(src);
	}
	log_set_level(LOG_INFO);
	fprintf(stderr, "  %d mutated inputs: %d accepted (saved and reloaded the same), %d refused with the file named\n",
	        t.tried, t.accepted, t.refused);
	/* a few bad bytes in a real text are repaired, not refused */
	CHECKF(t.accepted * 10 >= t.tried * 9, "only %d of %d accepted", t.accepted, t.tried);
}

/* text-1.2: one warning with file:line:column of the first bad byte and the count */
TEST(text_repair_warns_once_with_position)
{
	char *p = path_join(test_tmpdir(), "o.txt");
	const char *t = "1. Lin opens the shop.\n2. A prince ap\xC0\xAFpears.\n3. She throws him out \xFF\xFE.\n";
	CHECK(file_write_atomic(p, t, strlen(t)) == 0);
	char *text = NULL;
	size_t n;
	CHECK(file_read_all(p, &text, &n) == 0);
	CHECK(story_text_repair(p, &text, &n, 1) == 0);
	CHECK(utf8_validate(text, NULL));
	CHECK(strstr(text, "ap\xEF\xBF\xBD\xEF\xBF\xBDpears"));
	free(text);
	/* the warning: run through the command line to see stderr */
	char *out = NULL;
	int st = drama_run(&out, "script sb --from o.txt");
	char *want = xasprintf("o.txt:2:15: 4 bytes are not valid UTF-8");
	CHECKF(st == 0 && strstr(out, want), "%d %s", st, out);
	const char *w = strstr(out, "not valid UTF-8");
	CHECKF(w && !strstr(w + 1, "not valid UTF-8"), "more than one warning: %s", out);
	free(want);
	free(out);
	free(p);
}

static struct series *keyword_board(void)
{
	struct story_opts o = { .minutes = 3, .seed = 1, .episodes = 1 };
	struct series *s = NULL;
	story_from_keywords("palace, revenge", &o, &s);
	return s;
}

/* text-1.3: the model cannot be saved with a bad string: loud failure with the field path, no file */
TEST(text_save_refuses_invalid_field)
{
	struct series *s = keyword_board();
	CHECK(s);
	free(s->eps[0].scenes[0].summary);
	s->eps[0].scenes[0].summary = xstrdup("bad \xED\xA0\x80 here");
	char *p = path_join(test_tmpdir(), "sb.json");
	CHECK(series_save(s, p) < 0);
	CHECKF(strstr(err_msg(), "episodes[0].scenes[0].summary") && strstr(err_msg(), "not written"), "%s", err_msg());
	CHECK(!file_exists(p));
	/* repaired, it saves and reloads */
	CHECK(series_repair_text(s, "test") == 1);
	CHECKF(series_save(s, p) == 0, "%s", err_msg());
	struct series *b = NULL;
	CHECKF(series_load(p, &b) == 0, "%s", err_msg());
	CHECK(strstr(b->eps[0].scenes[0].summary, "\xEF\xBF\xBD"));
	series_free(b);
	series_free(s);
	free(p);
}

/* text-1.4: a storyboard.json with invalid UTF-8 is refused with file:line:column */
TEST(text_storyboard_invalid_utf8_refused)
{
	struct series *s = keyword_board();
	CHECK(s);
	char *p = path_join(test_tmpdir(), "sb.json"), *text = NULL;
	CHECK(series_save(s, p) == 0);
	series_free(s);
	size_t n;
	CHECK(file_read_all(p, &text, &n) == 0);
	char *at = strstr(text, "\"title\": \"") + 10;
	*at = (char)0xC0;
	CHECK(file_write_atomic(p, text, n) == 0);
	free(text);
	s = NULL;
	CHECK(series_load(p, &s) < 0 && !s);
	char *want = xasprintf("%s:", p);
	CHECKF(strstr(err_msg(), want) && strstr(err_msg(), "UTF-8"), "%s", err_msg());
	free(want);
	free(p);
}

/* text-1.5: an accepted bad input makes a video; keywords with bad bytes too */
TEST(text_mutated_inputs_render)
{
	char *src = example("short.fountain"), *text = NULL;
	size_t n;
	CHECK(file_read_all(src, &text, &n) == 0);
	free(src);
	size_t mn;
	char *m = mutate(text, n, n / 2, 1, "\xED\xA0\x80\x00\xFF", 5, &mn);
	free(text);
	char *mp = path_join(test_tmpdir(), "bad.fountain");
	FILE *f = fopen(mp, "wb");
	fwrite(m, 1, mn, f);
	fclose(f);
	free(m);
	free(mp);
	static const char *const runs[] = {
		"make --from bad.fountain -o a --size 64x112 --minutes 0.5 -q",
		"make \"$(printf 'palace, re\\300\\257venge, \\355\\240\\200')\" -o b --size 64x112 --minutes 0.5 -q",
		"render a -q",
	};
	for (size_t i = 0; i < ARRAY_LEN(runs); i++) {
		char *out = NULL;
		int st = drama_run(&out, "%s", runs[i]);
		CHECKF(st == 0, "`%s` -> %d: %s", runs[i], st, out);
		free(out);
	}
	char *v = path_join(test_tmpdir(), "a/ep01.mp4"), *w = path_join(test_tmpdir(), "b/ep01.mp4");
	CHECK(file_exists(v) && file_exists(w));
	free(v);
	free(w);
}
