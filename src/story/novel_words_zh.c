/* story/novel_words_zh.c — the two-character words of Chinese (分付 "to order", 豪华
 * "splendid", 王孙 "a noble's son"), for the importer's name rules: a surname's character
 * that makes such a word with the character written before it belongs to that word there
 * ("分付鹘渌" orders 鹘渌, "豪华公子" is a splendid young man), so no name opens at it.
 *
 * The words are libfriso's main lexicon (friso-dict, simplified characters, the form every
 * rule of the importer reads): the folder friso.ini's friso.lex_dir names
 * (/etc/friso/friso.ini, /usr/share/friso/friso.ini), else /usr/share/friso/dict/UTF-8/,
 * its lex-main.lex, one "WORD/..." a line. Read once per process; without it no
 * character is a word's (the rules that ask fall back to what they did before), and one
 * warning says what to install.
 *
 *   if (nov_zh_word2(p - 3)) ...   (the character before p and the one at p are a word)
 *   if (nov_zh_word(s, 9)) ...      (the three characters at s are a word; 2-4 characters)
 */
#include "story/novel.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t *g_w2;   /* the words of two characters, two 16-bit code points, sorted */
static size_t g_n_w2;
static char (*g_wl)[13];  /* the words of two to four characters, zero-padded, sorted: lex-main and the lexicons of
                          * places, nations, festivals, companies, organisations, foods, sights, languages and units */
static size_t g_n_wl;
static pthread_once_t g_w2_once = PTHREAD_ONCE_INIT;

/* the code point of a 3-byte UTF-8 character at p (below U+10000), or 0 */
static unsigned cp3(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	if ((u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80) return 0;
	return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
}

static int cmp_w13(const void *a, const void *b) { return memcmp(a, b, 13); }

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The lexicon folder friso.ini names into dir (dn bytes, ending in '/'); the default if none. */
static void lex_dir(char *dir, size_t dn)
{
	static const char *const ini[] = { "/etc/friso/friso.ini", "/usr/share/friso/friso.ini" };
	snprintf(dir, dn, "/usr/share/friso/dict/UTF-8/");
	for (size_t i = 0; i < ARRAY_LEN(ini); i++) {
		char *buf = NULL;
		size_t len;
		if (file_read_all(ini[i], &buf, &len) < 0) { err_clear(); continue; }
		for (char *k = buf, *e; *k; k = e) {   /* (the key at a line's start: comments show examples) */
			e = k + strcspn(k, "\n");
			if (*e) *e++ = 0;
			while (*k == ' ' || *k == '\t') k++;
			if (strncmp(k, "friso.lex_dir", 13) || !(k = strchr(k, '='))) continue;
			k++;
			while (*k == ' ' || *k == '\t') k++;
			size_t l = strcspn(k, " \t\r");
			if (l) snprintf(dir, dn, "%.*s%s", (int)l, k, k[l - 1] == '/' ? "" : "/");
		}
		free(buf);
		return;
	}
}

/* the word at the start of line p (WORD/...) into g_wl if it is 2-4 characters of 3 bytes */
static void add_wl(const char *p, size_t *cap)
{
	size_t wl = strcspn(p, "/\r\n");
	if (wl < 6 || wl > 12 || wl % 3) return;
	for (size_t k = 0; k < wl; k += 3)
		if (!cp3(p + k)) return;
	xgrow((void **)&g_wl, cap, g_n_wl, sizeof *g_wl);
	memset(g_wl[g_n_wl], 0, 13);
	memcpy(g_wl[g_n_wl++], p, wl);
}

static void load_w2(void)
{
	char dir[512], *buf = NULL;
	size_t len, cap = 0, capl = 0;
	lex_dir(dir, sizeof dir);
	char *path = xasprintf("%slex-main.lex", dir);
	if (file_read_all(path, &buf, &len) < 0) {
		err_clear();
		log_warn("novel", "%s: cannot read libfriso's lexicon (apt-get install friso-dict); Chinese names are found "
		         "without knowing the words a surname's character may close", path);
		free(path);
		return;
	}
	for (char *p = buf, *e; *p; p = e) {
		e = strchr(p, '\n');
		if (e) *e++ = 0; else e = p + strlen(p);
		unsigned a = cp3(p), b = a ? cp3(p + 3) : 0;
		add_wl(p, &capl);
		if (!b || (p[6] && p[6] != '/' && p[6] != '\r')) continue;
		xgrow((void **)&g_w2, &cap, g_n_w2, sizeof *g_w2);
		g_w2[g_n_w2++] = (uint32_t)a << 16 | b;
	}
	qsort(g_w2, g_n_w2, sizeof *g_w2, cmp_u32);
	static const char *const more[] = { "lex-cn-place.lex", "lex-nation.lex", "lex-festival.lex", "lex-company.lex", "lex-org.lex",
	                                    "lex-food.lex", "lex-touris.lex", "lex-lang.lex", "lex-units.lex" };
	for (size_t i = 0; i < ARRAY_LEN(more); i++) {
		char *mp = xasprintf("%s%s", dir, more[i]), *mb = NULL;
		size_t ml;
		if (file_read_all(mp, &mb, &ml) < 0) err_clear();
		else
			for (char *q = mb; *q; q += strcspn(q, "\n"), q += *q == '\n')
				add_wl(q, &capl);
		free(mb);
		free(mp);
	}
	if (g_n_wl) qsort(g_wl, g_n_wl, sizeof *g_wl, cmp_w13);
	free(buf);
	free(path);
}

int nov_zh_word2(const char *p)
{
	unsigned a = cp3(p), b = a ? cp3(p + 3) : 0;
	if (!b) return 0;
	pthread_once(&g_w2_once, load_w2);
	uint32_t k = (uint32_t)a << 16 | b;
	return g_n_w2 && bsearch(&k, g_w2, g_n_w2, sizeof *g_w2, cmp_u32) != NULL;
}

int nov_zh_word(const char *p, size_t bytes)
{
	if (bytes != 6 && bytes != 9 && bytes != 12) return 0;
	char k[13] = { 0 };
	memcpy(k, p, bytes);
	pthread_once(&g_w2_once, load_w2);
	return g_n_wl && bsearch(k, g_wl, g_n_wl, sizeof *g_wl, cmp_w13) != NULL;
}
