/* voice/pinyin.c — Chinese text → tone-numbered pinyin for espeak-ng's cmn-latn-pinyin
 * voice. Single readings come from Unihan_Readings (Debian's unicode-data:
 * /usr/share/unicode/Unihan_Readings.txt, or the .bz2 read through bzcat): the most
 * frequent kHanyuPinlu reading, else kMandarin. Characters with several readings take
 * phrase readings from data/voice/zh_phrases.txt (longest match). Numbers become
 * Chinese numbers; 一 and 不 follow tone sandhi; punctuation becomes pauses. */
#include "voice/voice_internal.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct reading { int32_t cp; char py[8]; };
struct phrase { int32_t cp[8]; int n; char *py; };   /* py: "yin2 hang2" */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct reading *g_read; static size_t g_n_read;
static struct phrase *g_phr; static size_t g_n_phr;
static int g_max_phr;
static char g_err[512];

/* "hǎo" -> "hao3", "nǚ" -> "nv3", "le" -> "le5". out has room for 8 bytes. */
static int tone_number(const char *in, char *out, size_t cap)
{
	static const struct { int32_t cp; char base; int tone; } MARKS[] = {
		{ 0x101, 'a', 1 }, { 0xE1, 'a', 2 }, { 0x1CE, 'a', 3 }, { 0xE0, 'a', 4 },
		{ 0x113, 'e', 1 }, { 0xE9, 'e', 2 }, { 0x11B, 'e', 3 }, { 0xE8, 'e', 4 },
		{ 0x12B, 'i', 1 }, { 0xED, 'i', 2 }, { 0x1D0, 'i', 3 }, { 0xEC, 'i', 4 },
		{ 0x14D, 'o', 1 }, { 0xF3, 'o', 2 }, { 0x1D2, 'o', 3 }, { 0xF2, 'o', 4 },
		{ 0x16B, 'u', 1 }, { 0xFA, 'u', 2 }, { 0x1D4, 'u', 3 }, { 0xF9, 'u', 4 },
		{ 0x1D6, 'v', 1 }, { 0x1D8, 'v', 2 }, { 0x1DA, 'v', 3 }, { 0x1DC, 'v', 4 }, { 0xFC, 'v', 0 },
		{ 0x144, 'n', 2 }, { 0x148, 'n', 3 }, { 0x1F9, 'n', 4 }, { 0x1E3F, 'm', 2 },
	};
	size_t n = 0;
	int tone = 5;
	const char *p = in;
	while (*p) {
		int32_t c = utf8_next(&p);
		if (c < 0) return -1;
		char ch = 0;
		if (c < 0x80) ch = (char)c;
		else for (size_t i = 0; i < ARRAY_LEN(MARKS); i++)
			if (MARKS[i].cp == c) { ch = MARKS[i].base; if (MARKS[i].tone) tone = MARKS[i].tone; break; }
		if (!ch || !isalpha((unsigned char)ch) || n + 2 >= cap) return -1;
		out[n++] = ch;
	}
	if (!n) return -1;
	out[n++] = (char)('0' + tone);
	out[n] = 0;
	return 0;
}

static int cmp_read(const void *a, const void *b)
{
	int32_t x = ((const struct reading *)a)->cp, y = ((const struct reading *)b)->cp;
	return x < y ? -1 : x > y;
}

static void load_unihan(void)
{
	FILE *f = fopen("/usr/share/unicode/Unihan_Readings.txt", "r");
	int piped = 0;
	if (!f && file_exists("/usr/share/unicode/Unihan_Readings.txt.bz2")) {
		f = popen("bzcat /usr/share/unicode/Unihan_Readings.txt.bz2", "r");
		piped = 1;
	}
	if (!f) {
		snprintf(g_err, sizeof g_err, "voice: no Unihan_Readings in /usr/share/unicode (Debian package unicode-data); install it to speak Chinese");
		return;
	}
	size_t cap = 0;
	char line[1024];
	/* kHanyuPinlu (most frequent first by count) overrides kMandarin */
	int32_t last_pinlu = -1;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "U+", 2)) continue;
		char *tab1 = strchr(line, '\t');
		if (!tab1) continue;
		char *tab2 = strchr(tab1 + 1, '\t');
		if (!tab2) continue;
		int pinlu = !strncmp(tab1 + 1, "kHanyuPinlu\t", 12), mand = !strncmp(tab1 + 1, "kMandarin\t", 10);
		if (!pinlu && !mand) continue;
		int32_t cp = (int32_t)strtol(line + 2, NULL, 16);
		char *v = tab2 + 1;
		v[strcspn(v, "\r\n")] = 0;
		char best[32] = "";
		if (pinlu) {
			long bestn = -1;
			for (char *tok = strtok(v, " "); tok; tok = strtok(NULL, " ")) {
				char *par = strchr(tok, '(');
				long cnt = par ? strtol(par + 1, NULL, 10) : 0;
				if (par) *par = 0;
				if (cnt > bestn && strlen(tok) < sizeof best) { bestn = cnt; strcpy(best, tok); }
			}
		} else {
			size_t k = strcspn(v, " ");
			if (k < sizeof best) { memcpy(best, v, k); best[k] = 0; }
		}
		char py[8];
		if (!*best || tone_number(best, py, sizeof py) < 0) continue;
		/* the file lists kHanyuPinlu before kMandarin for the same character */
		if (mand && last_pinlu == cp) continue;
		if (pinlu) last_pinlu = cp;
		xgrow((void **)&g_read, &cap, g_n_read, sizeof *g_read);
		g_read[g_n_read].cp = cp;
		memcpy(g_read[g_n_read].py, py, sizeof py);
		g_n_read++;
	}
	if (piped) pclose(f); else fclose(f);
	qsort(g_read, g_n_read, sizeof *g_read, cmp_read);
	if (g_n_read < 1000)
		snprintf(g_err, sizeof g_err, "voice: Unihan_Readings gave only %zu readings; is /usr/share/unicode/Unihan_Readings.txt.bz2 intact (unicode-data)?", g_n_read);
}

static void load_phrases(void)
{
	char *path = data_path("voice/zh_phrases.txt"), *text = NULL;
	size_t len, cap = 0;
	if (!path || file_read_all(path, &text, &len) < 0) {
		log_warn("voice", "%s: cannot read phrase readings; polyphonic characters take their most common reading", path ? path : "voice/zh_phrases.txt");
		free(path);
		return;
	}
	int ln = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		ln++;
		if (line[0] == '#' || !line[0]) continue;
		char *sp = strchr(line, ' ');
		if (!sp) continue;
		*sp = 0;
		struct phrase ph = { .n = 0 };
		const char *p = line;
		while (*p && ph.n < 8) ph.cp[ph.n++] = utf8_next(&p);
		int syl = 0;
		for (char *q = sp + 1; *q; q++) if (*q != ' ' && (q == sp + 1 || q[-1] == ' ')) syl++;
		if (syl != ph.n) { log_warn("voice", "%s: line \"%s\": %d characters but %d syllables; skipped", path, line, ph.n, syl); continue; }
		ph.py = xstrdup(str_trim(sp + 1));
		xgrow((void **)&g_phr, &cap, g_n_phr, sizeof *g_phr);
		g_phr[g_n_phr++] = ph;
		if (ph.n > g_max_phr) g_max_phr = ph.n;
	}
	free(text);
	free(path);
}

static void init_once(void)
{
	load_unihan();
	load_phrases();
}

static const char *single(int32_t cp)
{
	struct reading key = { .cp = cp }, *r = bsearch(&key, g_read, g_n_read, sizeof *g_read, cmp_read);
	return r ? r->py : NULL;
}

/* ---- output: syllables with their source ---- */

struct out { struct sbuf py; char **src; size_t n, cap; };

static void emit(struct out *o, const char *py, const char *src, size_t src_len)
{
	if (o->py.len && o->py.s[o->py.len - 1] != ' ') sb_add(&o->py, " ");
	sb_add(&o->py, py);
	xgrow((void **)&o->src, &o->cap, o->n, sizeof *o->src);
	o->src[o->n++] = xstrndup(src, src_len);
}

static void pause_mark(struct out *o, char c)
{
	if (!o->py.len || strchr(",.?!", o->py.s[o->py.len - 1])) return;
	char s[2] = { c, 0 };
	sb_add(&o->py, s);
}

/* ---- numbers ---- */

static const char *const DIGIT_HZ[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

static void emit_hz(struct out *o, const char *hz)
{
	const char *p = hz;
	int32_t cp = utf8_next(&p);
	const char *py = single(cp);
	if (py) emit(o, py, hz, strlen(hz));
}

static void say_below_10000(struct out *o, unsigned n, int leading)
{
	static const char *const UNIT[] = { "千", "百", "十", "" };
	static const unsigned DIV[] = { 1000, 100, 10, 1 };
	int zero = 0, started = 0;
	for (int i = 0; i < 4; i++) {
		unsigned d = (n / DIV[i]) % 10;
		if (!d) { if (started) zero = 1; continue; }
		if (zero) { emit_hz(o, "零"); zero = 0; }
		if (!(i == 2 && d == 1 && leading && !started)) emit_hz(o, DIGIT_HZ[d]);   /* 十五, not 一十五 */
		if (*UNIT[i]) emit_hz(o, UNIT[i]);
		started = 1;
	}
}

static void say_int_zh(struct out *o, unsigned long long n)
{
	if (n == 0) { emit_hz(o, "零"); return; }
	unsigned yi = (unsigned)(n / 100000000ULL % 10000), wan = (unsigned)(n / 10000 % 10000), rest = (unsigned)(n % 10000);
	int started = 0;
	if (n >= 1000000000000ULL) { say_int_zh(o, n / 1000000000000ULL); emit_hz(o, "万"); emit_hz(o, "亿"); started = 1; }
	if (yi) { say_below_10000(o, yi, !started); emit_hz(o, "亿"); started = 1; }
	if (wan) { if (started && wan < 1000) emit_hz(o, "零"); say_below_10000(o, wan, !started); emit_hz(o, "万"); started = 1; }
	else if (started && rest) { emit_hz(o, "零"); }
	if (rest) { if (started && wan && rest < 1000) emit_hz(o, "零"); say_below_10000(o, rest, !started); }
}

static void say_digits_zh(struct out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) if (isdigit((unsigned char)s[i])) emit_hz(o, DIGIT_HZ[s[i] - '0']);
}

/* A run of ASCII digits at p (with , separators and one decimal point). Returns bytes used. */
static size_t number_zh(struct out *o, const char *p, const char *after_hint)
{
	const char *q = p;
	unsigned long long v = 0;
	size_t digits = 0;
	while (isdigit((unsigned char)*q) || (*q == ',' && isdigit((unsigned char)q[1]) && digits)) {
		if (*q != ',') { if (v < 100000000000000ULL) v = v * 10 + (unsigned)(*q - '0'); digits++; }
		q++;
	}
	const char *frac = NULL; size_t flen = 0;
	if (*q == '.' && isdigit((unsigned char)q[1])) {
		frac = q + 1;
		q++;
		while (isdigit((unsigned char)*q)) { q++; flen++; }
	}
	(void)after_hint;
	int year = digits == 4 && !frac && !strncmp(q, "年", strlen("年"));
	if (*q == '%') {
		emit_hz(o, "百"); emit_hz(o, "分"); emit_hz(o, "之");
	}
	if (year || (digits >= 11 && !frac && !memchr(p, ',', (size_t)(q - p))))     /* years, phone numbers: digit by digit */
		say_digits_zh(o, p, (size_t)(q - p));
	else {
		say_int_zh(o, v);
		if (frac) { emit_hz(o, "点"); say_digits_zh(o, frac, flen); }
	}
	if (*q == '%') q++;
	return (size_t)(q - p);
}

/* ---- sandhi: 不 before a 4th tone is bu2; 一 is yi2 before a 4th tone, yi4 before others ---- */

static int is_num_hz(const char *s)
{
	static const char *const NUMHZ[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "亿", "点" };
	for (size_t k = 0; k < ARRAY_LEN(NUMHZ); k++)
		if (!strcmp(s, NUMHZ[k])) return 1;
	return 0;
}

/* the tone digit of a syllable that may carry a pause mark ("hao3,") */
static char *tone_of(char *syl)
{
	char *t = NULL;
	for (char *q = syl; *q; q++) if (*q >= '1' && *q <= '5') t = q;
	return t;
}

static void sandhi(struct out *o, char **sy, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		char *ct = tone_of(sy[i]), *nt = tone_of(sy[i + 1]);
		if (!ct || !nt || strchr(",.?!", ct[1] ? ct[1] : 'x')) continue;   /* a pause breaks sandhi */
		if (!strcmp(o->src[i], "不") && *ct == '4' && *nt == '4') *ct = '2';
		else if (!strcmp(o->src[i], "一") && *ct == '1' && !is_num_hz(o->src[i + 1]) && !(i && (is_num_hz(o->src[i - 1]) || !strcmp(o->src[i - 1], "第"))) && *nt != '5')
			*ct = *nt == '4' ? '2' : '4';
	}
}

int vpinyin_convert(const char *text, char **out, char ***src, size_t *n_src)
{
	pthread_once(&once, init_once);
	*out = NULL;
	if (src) { *src = NULL; *n_src = 0; }
	if (g_err[0] && g_n_read < 1000) return err_set(ERR_NOTFOUND, "%s", g_err);
	struct out o = { 0 };
	sb_add(&o.py, "");
	const char *p = text ? text : "";
	int depth = 0;
	while (*p) {
		const char *start = p;
		int32_t c = utf8_next(&p);
		if (c < 0) continue;
		/* stage directions in brackets are not spoken */
		if (c == '(' || c == '[' || c == 0xFF08 || c == 0x3010) { depth++; continue; }
		if (c == ')' || c == ']' || c == 0xFF09 || c == 0x3011) { if (depth) depth--; continue; }
		if (depth) continue;
		if (c < 0x80 && isdigit(c)) { p = start + number_zh(&o, start, NULL); continue; }
		if (c == '$' && isdigit((unsigned char)*p)) { p += number_zh(&o, p, NULL); emit_hz(&o, "美"); emit_hz(&o, "元"); continue; }
		if ((c == 0xA5 || c == 0xFFE5) && isdigit((unsigned char)*p)) { p += number_zh(&o, p, NULL); emit_hz(&o, "元"); continue; }
		/* punctuation → pauses */
		if (c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == 0xFF1A || c == ',' || c == ';' || c == ':' || c == 0x2014 || c == 0x2026) { pause_mark(&o, ','); continue; }
		if (c == 0x3002 || c == '.') { pause_mark(&o, '.'); continue; }
		if (c == 0xFF01 || c == '!') { pause_mark(&o, '!'); continue; }
		if (c == 0xFF1F || c == '?') { pause_mark(&o, '?'); continue; }
		if (utf8_is_cjk(c)) {
			/* longest phrase first */
			int best = 0;
			const char *best_py = NULL;
			for (size_t k = 0; k < g_n_phr; k++) {
				struct phrase *ph = &g_phr[k];
				if (ph->cp[0] != c || ph->n <= best) continue;
				const char *q = p;
				int m = 1;
				while (m < ph->n && *q) { if (utf8_next(&q) != ph->cp[m]) break; m++; }
				if (m == ph->n) { best = ph->n; best_py = ph->py; }
			}
			if (best) {
				/* emit each syllable with its character */
				char *pys = xstrdup(best_py);
				const char *cp0 = start;
				char *save = NULL;
				for (char *s = strtok_r(pys, " ", &save); s; s = strtok_r(NULL, " ", &save)) {
					const char *c0 = cp0;
					utf8_next(&cp0);
					emit(&o, s, c0, (size_t)(cp0 - c0));
				}
				free(pys);
				p = cp0;
				continue;
			}
			const char *py = single(c);
			if (py) emit(&o, py, start, (size_t)(p - start));
			else log_warn("voice", "no reading for U+%04X; skipped", (unsigned)c);
			continue;
		}
		if (c < 0x80 && isalpha(c)) {        /* Latin words pass through, lower case */
			const char *q = start;
			while (*q && isalpha((unsigned char)*q)) q++;
			char *w = xstrndup(start, (size_t)(q - start));
			for (char *x = w; *x; x++) *x = (char)tolower((unsigned char)*x);
			emit(&o, w, start, (size_t)(q - start));
			free(w);
			p = q;
			continue;
		}
		/* spaces, quotes, emoji, symbols: nothing */
	}
	/* sandhi needs the syllables one by one */
	if (o.n) {
		char **sy = xmalloc(o.n * sizeof *sy), *copy = xstrdup(o.py.s), *save = NULL;
		size_t k = 0;
		for (char *s = strtok_r(copy, " ", &save); s && k < o.n; s = strtok_r(NULL, " ", &save)) sy[k++] = s;
		if (k == o.n) {
			sandhi(&o, sy, o.n);
			struct sbuf r = { 0 };
			sb_add(&r, "");
			for (size_t i = 0; i < o.n; i++) { if (i) sb_add(&r, " "); sb_add(&r, sy[i]); }
			sb_free(&o.py);
			o.py = r;
		}
		free(sy); free(copy);
	}
	*out = o.py.s;
	if (src) { *src = o.src; *n_src = o.n; }
	else vpinyin_strv_free(o.src, o.n);
	return 0;
}

void vpinyin_strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++) free(v[i]);
	free(v);
}
