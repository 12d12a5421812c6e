/* story/novel_read_zh.c — how Chinese characters are read (Unihan_Readings' kMandarin, as
 * unicode-data installs it), for the rules that know a misprint by ear: a character put for
 * another of the same sound is a common slip of old prints and of texts typed by pinyin, so a
 * name written once with a character read as another name's (騰較 for 騰蛟, jiào and jiāo)
 * is that name (novel_names_zh.c). */
#include "story/novel.h"

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

int nov_zh_homophones(const char *const *a, const char *const *b, int *same, size_t np)
{
	char ra[8][16] = { { 0 } }, rb[8][16] = { { 0 } };
	int32_t ca[8], cb[8];
	if (np > 8) np = 8;
	for (size_t i = 0; i < np; i++) {
		const char *p = a[i], *q = b[i];
		ca[i] = utf8_next(&p);
		cb[i] = utf8_next(&q);
		same[i] = 0;
	}
	FILE *f = fopen("/usr/share/unicode/Unihan_Readings.txt", "r");
	int piped = 0;
	if (!f) { f = popen("bzcat /usr/share/unicode/Unihan_Readings.txt.bz2 2>/dev/null", "r"); piped = 1; }
	if (!f) return -1;
	char line[512];
	size_t got = 0;
	while (fgets(line, sizeof line, f) && got < 2 * np) {
		if (line[0] != 'U' || !strstr(line, "\tkMandarin\t")) continue;
		int32_t cp = (int32_t)strtol(line + 2, NULL, 16);
		const char *r = strstr(line, "\tkMandarin\t") + strlen("\tkMandarin\t");
		for (size_t i = 0; i < np; i++) {
			if (cp == ca[i] && !ra[i][0]) { toneless(r, ra[i], sizeof ra[i]); got++; }
			if (cp == cb[i] && !rb[i][0]) { toneless(r, rb[i], sizeof rb[i]); got++; }
		}
	}
	if (piped) pclose(f);
	else fclose(f);
	for (size_t i = 0; i < np; i++) same[i] = ra[i][0] && !strcmp(ra[i], rb[i]);
	return 0;
}
