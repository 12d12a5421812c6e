/* fuzz/fuzz_novel_quotes.c — the quotation-style reader of novel import alone (style
 * detection and the rewrite into “ ”, story/novel_quotes.c), fast enough to try far more
 * inputs than the whole import: the first byte picks English or Chinese; the rest,
 * as it comes (broken UTF-8 too), is the text. Checks: a rewrite exactly when the style is
 * not double quotes; it grows at most 3 bytes a mark; in single-quote style it changes
 * nothing but quotation marks; valid UTF-8 stays valid. */
#include "fuzz/fuzz.h"
#include "story/novel.h"
#include "story/fountain.h"

#include <stdlib.h>
#include <string.h>

/* s without the marks ' " ‘ ’ “ ” (caller frees) */
static char *unmarked(const char *s)
{
	char *o = malloc(strlen(s) + 1), *w = o;
	if (!o) abort();
	while (*s) {
		if (*s == '\'' || *s == '"') { s++; continue; }
		if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] >= 0x98 && (unsigned char)s[2] <= 0x9D &&
		    (unsigned char)s[2] != 0x9A && (unsigned char)s[2] != 0x9B) { s += 3; continue; }
		*w++ = *s++;
	}
	*w = 0;
	return o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	if (!size) return 0;
	char *text = fuzz_text(data + 1, size - 1);
	struct nov n = { 0 };
	n.nd = imp_data("novel");
	n.zh = data[0] & 1;
	if (!n.nd) fuzz_fail("no novel vocabulary (DRAMA_DATA)");
	int style = nov_quote_style(&n, text);
	char *h = nov_quotes_house(&n, text);
	if ((style == 0) != (h == NULL)) fuzz_fail("style %d but %s", style, h ? "a rewrite" : "no rewrite");
	if (h) {
		size_t len = strlen(text);
		if (strlen(h) > 3 * len + 8) fuzz_fail("rewrite of %zu bytes is %zu", len, strlen(h));
		if (utf8_validate(text, NULL) && !utf8_validate(h, NULL)) fuzz_fail("valid UTF-8 in, invalid out");
		if (style == 1) {
			char *a = unmarked(text), *b = unmarked(h);
			if (strcmp(a, b)) fuzz_fail("single-quote rewrite changed more than quotation marks");
			free(a);
			free(b);
		}
	}
	fuzz_accepts++;
	free(h);
	free(text);
	return 0;
}
