/* story/novel_read_zh.c — how Chinese characters are read (Unihan_Readings' kMandarin, as
 * unicode-data installs it), for the rules that know a misprint by ear: a character put for
 * another of the same sound is a common slip of old prints and of texts typed by pinyin, so a
 * name written once with a character read as another name's (騰較 for 騰蛟, jiào and jiāo)
 * is that name (novel_names_zh.c). */
#include "story/novel.h"
#include "core/unihan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A syllable of Unihan's kMandarin ("jiào") without its tone mark, into out ("jiao"). */
static void toneless(const char *r, char *out, size_t on)
{
	static const char *const marks[][2] = { { "ā", "a" }, { "á", "a" }, { "ǎ", "a" }, { "à", "a" }, { "ē", "e" }, { "é", "e" }, { "ě", "e" }, { "è", "e" },
		{ "ī", "i" }, { "í", "i" }, { "ǐ", "i" }, { "ì", "i" }, { "ō", "o" }, { "ó", "o" }, { "ǒ", "o" }, { "ò", "o" }, { "ū", "u" }, { "ú", "u" },
		{ "ǔ", "u" }, { "ù", "u" }, { "ǖ", "v" }, { "ǘ", "v" }, { "ǚ", "v" }, { "ǜ", "v" }, { "ü", "v" }, { "ń", "n" }, { "ň", "n" }, { "ǹ", "n" } };
	size_t o = 0;
	while (*r && *r != ' ' && *r != '\n' && o + 1 < on) {
		size_t m, ml = 0;
		for (m = 0; m < ARRAY_LEN(marks) && !ml; m++)
			if (!strncmp(r, marks[m][0], strlen(marks[m][0]))) ml = strlen(marks[m][0]);
		if (ml) { out[o++] = marks[m - 1][1][0]; r += ml; }
		else out[o++] = *r++;
	}
	out[o] = 0;
}

struct readings {
	int32_t ca[8], cb[8];
	char ra[8][16], rb[8][16];
	size_t np, got;
};

static int take_reading(int32_t cp, const char *r, void *ctx)
{
	struct readings *x = ctx;
	for (size_t i = 0; i < x->np; i++) {
		if (cp == x->ca[i] && !x->ra[i][0]) { toneless(r, x->ra[i], sizeof x->ra[i]); x->got++; }
		if (cp == x->cb[i] && !x->rb[i][0]) { toneless(r, x->rb[i], sizeof x->rb[i]); x->got++; }
	}
	return x->got >= 2 * x->np;
}

int nov_zh_homophones(const char *const *a, const char *const *b, int *same, size_t np)
{
	struct readings x = { .np = np > 8 ? 8 : np };
	for (size_t i = 0; i < x.np; i++) {
		const char *p = a[i], *q = b[i];
		x.ca[i] = utf8_next(&p);
		x.cb[i] = utf8_next(&q);
		same[i] = 0;
	}
	if (unihan_each("kMandarin", take_reading, &x) < 0) return -1;
	for (size_t i = 0; i < x.np; i++) same[i] = x.ra[i][0] && !strcmp(x.ra[i], x.rb[i]);
	return 0;
}
