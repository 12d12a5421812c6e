/* tests/test_novel_quotes.c — the focus of this file is the quotation styles of novel
 * import (story/novel_quotes.c): a book in single quotes (ASCII and curly) with double
 * quotes or single quotes nested inside, apostrophes that open no quotation (don't,
 * o'clock, the boys', 'em, goin'), dash dialogue (— and --, the tag after a second dash or
 * a comma), which style a text is in (double-quoted books, 「」 and 『』 stay as they are),
 * and hostile text (unbalanced marks, megabytes of apostrophes, broken UTF-8). */
#include "test.h"
#include "story/story.h"
#include "story/novel.h"
#include "story/fountain.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

struct got { struct nov_attr *v; size_t n; char **cast; size_t n_cast; };

static int read_quotes(const char *text, const char *lang, struct got *g)
{
	memset(g, 0, sizeof *g);
	return nov_attribute(text, lang, &g->v, &g->n, &g->cast, &g->n_cast);
}

static void got_free(struct got *g) { nov_attr_free(g->v, g->n, g->cast, g->n_cast); }

/* quotation i is exactly text, said by who (NULL: not checked) */
#define CHECK_QUOTE(g, i, text, who) do { \
	CHECKF((i) < (g).n, "only %zu quotations, wanted #%d", (g).n, (int)(i)); \
	if ((i) < (g).n) { \
		CHECK_STR((g).v[i].quote, text); \
		if (who) CHECK_STR((g).v[i].speaker ? (g).v[i].speaker : "(nobody)", (const char *)(who)); \
	} } while (0)

static int style_of(const char *text, int zh)
{
	struct nov n = { 0 };
	n.nd = imp_data("novel");
	n.zh = zh;
	return nov_quote_style(&n, text);
}

TEST(novel_quotes_single_ascii)
{
	/* Cranford's style (Gutenberg, ASCII): speech and tags in single quotes */
	const char *t =
		"The Cranford ladies met at Miss Pole's house every Tuesday.\n\n"
		"'A man,' said Miss Pole, 'is so in the way in the house!'\n\n"
		"'I quite agree,' said Miss Matty.  'Though Captain Brown mends the\n"
		"chimney.'\n\n"
		"Miss Pole sniffed.\n";
	struct got g;
	CHECKF(read_quotes(t, "en", &g) == 0, "%s", err_msg());
	CHECK_INT(g.n, 4);
	CHECK_QUOTE(g, 0, "A man,", "Miss Pole");
	CHECK_QUOTE(g, 1, "is so in the way in the house!", "Miss Pole");
	CHECK_QUOTE(g, 2, "I quite agree,", "Miss Matty");
	CHECK_QUOTE(g, 3, "Though Captain Brown mends the chimney.", "Miss Matty");
	got_free(&g);
}

TEST(novel_quotes_apostrophes_open_nothing)
{
	/* inside a word, elided at a word's start or end, a plural possessive: all inside one
	 * quotation, and none in the narration opens one */
	const char *t =
		"At nine o'clock the boys' caps hung by Tom's door, and 'em that were wet dried by the fire.\n\n"
		"'You fetch 'em when you're asked, and the boys' boots too, goin' out at ten o'clock,' said Tom.\n\n"
		"'Tis late,' said Anna.\n\n"
		"''Tis late,' said Anna, 'and I'm tired o' waitin'.'\n";
	struct got g;
	CHECKF(read_quotes(t, "en", &g) == 0, "%s", err_msg());
	CHECK_INT(g.n, 3);
	CHECK_QUOTE(g, 0, "You fetch 'em when you're asked, and the boys' boots too, goin' out at ten o'clock,", "Tom");
	/* "'Tis late,' said Anna." opens with an elision, not a quotation: the closer after
	 * it has no opener, so the paragraph is narration */
	CHECK_QUOTE(g, 1, "'Tis late,", "Anna");
	CHECK_QUOTE(g, 2, "and I'm tired o' waitin'.", "Anna");
	got_free(&g);
}

TEST(novel_quotes_word_end_closer)
{
	/* a quotation that closes after a word ('vulgar') before the next one opens; one that
	 * closes after a word at the paragraph's end */
	const char *t =
		"It was thought 'vulgar' (a tremendous word in Cranford) to give anything expensive, "
		"though she did practise such 'elegant economy.'\n\n"
		"'Is it?-it is not'-stammered out Miss Jessie.\n\n"
		"The song was 'Jock of Hazeldean'\n";
	struct got g;
	CHECKF(read_quotes(t, "en", &g) == 0, "%s", err_msg());
	CHECK_INT(g.n, 4);
	CHECK_QUOTE(g, 0, "vulgar", NULL);
	CHECK_QUOTE(g, 1, "elegant economy.", NULL);
	CHECK_QUOTE(g, 2, "Is it?-it is not", NULL);
	CHECK_QUOTE(g, 3, "Jock of Hazeldean", NULL);
	got_free(&g);
}

TEST(novel_quotes_single_curly_nested)
{
	/* curly single quotes with ’ as apostrophe; double quotes nested inside (British
	 * printing) and single quotes nested inside (some Gutenberg files) stay in the one
	 * quotation, as ‘ ’ */
	const char *t =
		"\xE2\x80\x98I don\xE2\x80\x99t know,\xE2\x80\x99 said Tom. \xE2\x80\x98The boys\xE2\x80\x99 dog ran off at six o\xE2\x80\x99" "clock.\xE2\x80\x99\n\n"
		"\xE2\x80\x98He called it \xE2\x80\x9C" "a stick in petticoats" "\xE2\x80\x9D, the rogue,\xE2\x80\x99 said Anna.\n\n"
		"'Fetch me 'Rasselas,' my dear, out of the book-room,' said Miss Jenkyns.\n\n"
		"'Have you seen any numbers of 'The Pickwick Papers'?' said he.\n";
	struct got g;
	CHECKF(read_quotes(t, "en", &g) == 0, "%s", err_msg());
	CHECK_INT(g.n, 5);
	CHECK_QUOTE(g, 0, "I don\xE2\x80\x99t know,", "Tom");
	CHECK_QUOTE(g, 1, "The boys\xE2\x80\x99 dog ran off at six o\xE2\x80\x99" "clock.", "Tom");
	CHECK_QUOTE(g, 2, "He called it \xE2\x80\x98" "a stick in petticoats" "\xE2\x80\x99, the rogue,", "Anna");
	CHECK_QUOTE(g, 3, "Fetch me 'Rasselas,' my dear, out of the book-room,", "Miss Jenkyns");
	CHECK_QUOTE(g, 4, "Have you seen any numbers of 'The Pickwick Papers'?", NULL);
	got_free(&g);
}

TEST(novel_quotes_single_over_paragraphs)
{
	/* a speech over two paragraphs: the first opens and does not close (its last word
	 * "twelve" is no closer: no mark follows it), the second closes */
	const char *t =
		"Miss Jenkyns turned to me.\n\n"
		"'Our friends have sent to inquire how you are, my dear. They will call the day after to-morrow; so be at liberty after twelve.\n\n"
		"'From twelve to three are our calling hours,' said Miss Jenkyns.\n";
	struct got g;
	CHECKF(read_quotes(t, "en", &g) == 0, "%s", err_msg());
	CHECK_INT(g.n, 2);
	CHECK_QUOTE(g, 0, "Our friends have sent to inquire how you are, my dear. They will call the day after to-morrow; so be at liberty after twelve.", "Miss Jenkyns");
	CHECK_QUOTE(g, 1, "From twelve to three are our calling hours,", "Miss Jenkyns");
	got_free(&g);
}

TEST(novel_quotes_dash_dialogue)
{
	/* French / Russian style: a paragraph opening with a dash is spoken; the tag after a
	 * second dash that follows , . ! ? or after a comma before a said-verb */
	const char *t =
		"Anna came into the kitchen at dawn.\n\n"
		"\xE2\x80\x94 Is there any coffee? \xE2\x80\x94 asked Anna. \xE2\x80\x94 I slept badly.\n\n"
		"\xE2\x80\x94 On the stove, said Tom, without looking up.\n\n"
		"\xE2\x80\x95 Thank you, Tom.\n\n"
		"She poured a cup \xE2\x80\x94 the last one \xE2\x80\x94 and sat down.\n\n"
		"-- You are up early, -- said Tom.\n";
	struct got g;
	CHECKF(read_quotes(t, "en", &g) == 0, "%s", err_msg());
	CHECK_INT(g.n, 5);
	CHECK_QUOTE(g, 0, "Is there any coffee?", "Anna");
	CHECK_QUOTE(g, 1, "I slept badly.", "Anna");
	CHECK_QUOTE(g, 2, "On the stove,", "Tom");
	CHECK_QUOTE(g, 3, "Thank you, Tom.", "Anna");
	CHECK_QUOTE(g, 4, "You are up early,", "Tom");
	got_free(&g);
}

TEST(novel_quotes_style_detection)
{
	/* double quotes with single ones nested and apostrophes: left as it is */
	CHECK_INT(style_of("\"He said 'go home' to me,\" said Anna. \"Don't.\"\n\n\"It's the boys' fault,\" said Tom.\n", 0), 0);
	CHECK_INT(style_of("\xE2\x80\x9CHe said \xE2\x80\x98go\xE2\x80\x99,\xE2\x80\x9D said Anna.\n", 0), 0);
	/* narration with apostrophes only: nothing to read */
	CHECK_INT(style_of("At ten o'clock the boys' dog barked at 'em. Goin' home, Tom's father hummed.\n", 0), 0);
	CHECK_INT(style_of("'Yes,' said Anna. 'No,' said Tom.\n", 0), 1);
	CHECK_INT(style_of("\xE2\x80\x98Yes,\xE2\x80\x99 said Anna.\n", 0), 1);
	CHECK_INT(style_of("\xE2\x80\x94 Yes, \xE2\x80\x94 said Anna.\n\n\xE2\x80\x94 No, said Tom.\n", 0), 2);
	/* one epigraph credit is no dash dialogue; Chinese never is */
	CHECK_INT(style_of("A short poem.\n\n\xE2\x80\x94 Anon.\n", 0), 0);
	CHECK_INT(style_of("\xE2\x80\x94\xE2\x80\x94\xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82\n\n\xE2\x80\x94\xE5\xA5\xBD\xE3\x80\x82\n\n\xE2\x80\x94\xE5\xA5\xBD\xE3\x80\x82\n", 1), 0);
	/* 「」 and 『』: read by the paragraph splitter, not rewritten here */
	CHECK_INT(style_of("\xE3\x80\x8C\xE4\xBD\xA0\xE6\x9D\xA5\xE4\xBA\x86\xEF\xBC\x9F\xE3\x80\x8D\xE6\xAF\x8D\xE4\xBA\xB2\xE9\x97\xAE\xE3\x80\x82\n", 1), 0);
}

TEST(novel_quotes_corner_brackets_still_read)
{
	/* 「」 with 『』 nested, in Chinese: two quotations, the inner one part of the outer */
	const char *t =
		"\xE3\x80\x8C\xE4\xBD\xA0\xE6\x9D\xA5\xE4\xBA\x86\xEF\xBC\x9F\xE3\x80\x8D\xE6\xAF\x8D\xE4\xBA\xB2\xE9\x97\xAE\xE3\x80\x82\n\n"   /* 「你来了？」母亲问。 */
		"\xE3\x80\x8C\xE6\x9D\xA5\xE4\xBA\x86\xEF\xBC\x8C\xE4\xBB\x96\xE8\xAF\xB4\xE3\x80\x8E\xE5\xA5\xBD\xE3\x80\x8F\xE3\x80\x82\xE3\x80\x8D\xE6\x88\x91\xE8\xAF\xB4\xE3\x80\x82\n";   /* 「来了，他说『好』。」我说。 */
	struct got g;
	CHECKF(read_quotes(t, "zh", &g) == 0, "%s", err_msg());
	CHECK_INT(g.n, 2);
	CHECK_QUOTE(g, 0, "\xE4\xBD\xA0\xE6\x9D\xA5\xE4\xBA\x86\xEF\xBC\x9F", NULL);
	if (g.n == 2) CHECK(strstr(g.v[1].quote, "\xE3\x80\x8E\xE5\xA5\xBD\xE3\x80\x8F") != NULL);
	got_free(&g);
}

/* n bytes of unit repeated */
static char *repeat(const char *unit, size_t n)
{
	size_t ul = strlen(unit);
	char *s = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++) s[i] = unit[i % ul];
	s[n] = 0;
	return s;
}

TEST(novel_quotes_hostile)
{
	/* unbalanced marks, 2 MB paragraphs of apostrophes and openers, broken UTF-8 around
	 * marks: the rewrite keeps every byte but the marks (at most 3 bytes for 1) and
	 * returns (work is linear: the bench times it, B=novel_quotes) */
	static const char *const units[] = { "'", "'a ", "a' ", "'a 'b, x' ", "\xE2\x80\x98" "a ", "'\xFF\xFE'\xE2\x80'", "'Yes,' said Anna. ",
		"\xE2\x80\x94 a, \xE2\x80\x94 b. ", "\xE2\x80\x94 a\n\n" };
	struct nov n = { 0 };
	n.nd = imp_data("novel");
	for (size_t i = 0; i < ARRAY_LEN(units); i++) {
		size_t len = 2u << 20;
		char *t = repeat(units[i], len);
		char *h = nov_quotes_house(&n, t);
		if (h) CHECKF(strlen(h) <= 3 * len, "unit %zu: %zu bytes out of %zu", i, strlen(h), len);
		free(h);
		free(t);
	}
	/* a whole import of a smaller hostile text gives a storyboard or a clear error */
	char *t = repeat("'a 'Yes,' \xE2\x80\x98no ''Tis' goin' o' \xFF", 64u << 10);
	struct series *s = NULL;
	struct story_opts o = { .minutes = 3 };
	if (story_from_novel(t, &o, &s) == 0) series_free(s);
	free(t);
}
