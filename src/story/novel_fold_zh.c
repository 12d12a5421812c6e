/* story/novel_fold_zh.c — a Chinese text written in traditional characters (說, 問, 們,
 * 這, 兒) read through the simplified ones every rule and word list of the importer uses,
 * and its own characters given back in what the import writes.
 *
 * The table is data/story_import/zh_fold.txt (one pair a line, "說说", written from
 * Unihan's kSimplifiedVariant, and for glyphs such as 説, 裏, 爲 through the character they
 * are written for, by scripts/zh_fold_table.py); both characters of a pair are
 * 3-byte UTF-8, so the text is folded in place and every byte offset stays.
 *
 * A text is folded only when its foldable characters outnumber the simplified ones the
 * table gives (a simplified text is never touched). Of the traditional characters the
 * text writes for one simplified form the most written one is folded (發 in a text that
 * writes 發 fourteen times and 髮 once; 髮 stays as it is). When the text also writes the
 * simplified character itself (里 in 千里 beside 這裡, 屋裡, 心裡) the traditional one is
 * folded only if it is written more often, and the text's own 里 is moved out of the way to
 * a private-use character (U+E000 on), so no rule reads it as the folded one. So the fold
 * is one-to-one on the text and nov_zh_unfold gives back exactly its characters.
 *
 *   struct nov_unfold *u;  if (nov_zh_fold(text, &u) < 0) fail;   (u NULL: nothing folded)
 *   ... nov_zh_unfold(u, &string) on each string made from it ...  nov_unfold_free(u);
 */
#include "story/novel.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FOLD_MIN 20   /* foldable characters a text needs before it is read as traditional */

static uint16_t g_fold[65536];   /* traditional -> simplified, 0 if none */
static uint8_t g_image[65536];   /* 1 for a simplified character the table gives */
static char g_fold_err[600];
static pthread_once_t g_fold_once = PTHREAD_ONCE_INIT;

struct nov_unfold { uint16_t back[65536]; };

/* the code point of a 3-byte UTF-8 character at p, or 0 */
static unsigned cp3(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	if ((u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80) return 0;
	return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
}

static void put3(char *p, unsigned c)
{
	p[0] = (char)(0xE0 | (c >> 12));
	p[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	p[2] = (char)(0x80 | (c & 0x3F));
}

static void load_fold(void)
{
	char *path = data_path("story_import/zh_fold.txt"), *buf = NULL;
	size_t len;
	if (file_read_all(path, &buf, &len) < 0) {
		snprintf(g_fold_err, sizeof g_fold_err, "%s: cannot read the traditional-character table; reinstall the data folder", path);
		free(path);
		return;
	}
	int line = 0;
	for (char *p = buf, *e; *p; p = e) {
		e = strchr(p, '\n');
		if (e) *e++ = 0; else e = p + strlen(p);
		line++;
		if (!*p || *p == '#') continue;
		unsigned t = cp3(p), s = t ? cp3(p + 3) : 0;
		if (!s || p[6]) {
			snprintf(g_fold_err, sizeof g_fold_err, "%s:%d: write two Chinese characters, the traditional one first (說说)", path, line);
			memset(g_fold, 0, sizeof g_fold);
			break;
		}
		g_fold[t] = (uint16_t)s;
		g_image[s] = 1;
	}
	free(buf);
	free(path);
}

int nov_zh_fold(char *text, struct nov_unfold **out)
{
	*out = NULL;
	pthread_once(&g_fold_once, load_fold);
	if (g_fold_err[0]) return err_set(ERR_IO, "%s", g_fold_err);
	uint32_t *cnt = xcalloc(65536, sizeof *cnt);
	size_t trad = 0, simp = 0;
	for (const char *p = text; *p; p += nov_cp_len(p)) {
		unsigned c = cp3(p);
		if (!c) continue;
		cnt[c]++;
		trad += g_fold[c] != 0;
		simp += g_image[c] && !g_fold[c];
	}
	if (trad < FOLD_MIN || trad <= simp) { free(cnt); return 0; }
	struct nov_unfold *u = xcalloc(1, sizeof *u);
	/* each simplified form's most written source (a tie folds neither) */
	uint16_t *best = xcalloc(65536, sizeof *best);
	uint8_t *tie = xcalloc(65536, 1);
	for (unsigned c = 0; c < 65536; c++) {
		unsigned s = g_fold[c];
		if (!cnt[c] || !s) continue;
		if (!best[s] || cnt[c] > cnt[best[s]]) { best[s] = (uint16_t)c; tie[s] = 0; }
		else if (cnt[c] == cnt[best[s]]) tie[s] = 1;
	}
	uint16_t *moved = xcalloc(65536, sizeof *moved);   /* the text's own simplified character -> its private-use stand-in */
	unsigned pua = 0xE000;
	for (unsigned s = 0; s < 65536; s++) {
		unsigned c = best[s];
		if (!c || tie[s] || cnt[s] >= cnt[c]) continue;
		if (cnt[s]) {
			while (pua <= 0xF8FF && cnt[pua]) pua++;
			if (pua > 0xF8FF) continue;
			moved[s] = (uint16_t)pua;
			u->back[pua++] = (uint16_t)s;
		}
		u->back[s] = (uint16_t)c;
	}
	for (char *p = text; *p; p += nov_cp_len(p)) {
		unsigned c = cp3(p), s = c ? g_fold[c] : 0;
		if (c && moved[c]) put3(p, moved[c]);
		else if (s && u->back[s] == c) put3(p, s);
	}
	free(moved);
	free(tie);
	free(best);
	free(cnt);
	*out = u;
	return 0;
}

void nov_zh_unfold(const struct nov_unfold *u, char **s)
{
	if (!u || !s || !*s) return;
	for (char *p = *s; *p; p += nov_cp_len(p)) {
		unsigned c = cp3(p);
		if (c && u->back[c]) put3(p, u->back[c]);
	}
}

void nov_unfold_free(struct nov_unfold *u) { free(u); }
