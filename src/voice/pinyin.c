/* voice/pinyin.c — Chinese text → tone-numbered pinyin for espeak-ng's cmn-latn-pinyin
 * voice. Single readings come from Unihan_Readings (Debian's unicode-data:
 * /usr/share/unicode/Unihan_Readings.txt, or the .bz2 read through bzcat): the most
 * frequent kHanyuPinlu reading, else kMandarin. Characters with several readings take
 * phrase readings (longest match) from data/voice/zh_phrases.txt (tone-exact, wins)
 * and from libpinyin-data's gb_char.bin (toneless there; the tone comes from the
 * character's Unihan reading with that spelling). Numbers become Chinese numbers;
 * 一 and 不 follow tone sandhi; punctuation becomes pauses. */
#include "voice/voice_internal.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ALT 6
struct reading { int32_t cp; char py[8]; char alt[MAX_ALT][8]; int n_alt; };   /* py: the usual reading */
struct phrase { int32_t cp[8]; int n, prio; char *py; };   /* py: "yin2 hang2"; prio 1 = our table */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static struct reading *g_read; static size_t g_n_read;
static struct phrase *g_phr; static size_t g_n_phr, g_cap_phr;
static size_t g_n_lib;                 /* phrases taken from libpinyin */
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

static void add_alt(struct reading *r, const char *py)
{
	for (int i = 0; i < r->n_alt; i++) if (!strcmp(r->alt[i], py)) return;
	if (r->n_alt < MAX_ALT) snprintf(r->alt[r->n_alt++], 8, "%s", py);
}

/* One Unihan field's readings ("xíng(2943) háng(218)", "0442.080:háng 0443.050:hàng",
 * "xíng") into r: every reading becomes an alternative; kHanyuPinlu's most frequent
 * one, else kMandarin's first, is the usual reading. */
static void take_field(struct reading *r, const char *field, char *v)
{
	int pinlu = !strcmp(field, "kHanyuPinlu"), mand = !strcmp(field, "kMandarin");
	long bestn = -1;
	char *save = NULL;
	for (char *tok = strtok_r(v, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *colon = strchr(tok, ':');
		if (colon) tok = colon + 1;
		char *par = strchr(tok, '(');
		long cnt = par ? strtol(par + 1, NULL, 10) : 0;
		if (par) *par = 0;
		char py[8];
		if (tone_number(tok, py, sizeof py) < 0) continue;
		if (pinlu && cnt > bestn) { bestn = cnt; memcpy(r->py, py, sizeof py); }
		if (mand && !r->py[0]) memcpy(r->py, py, sizeof py);
		add_alt(r, py);
	}
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
	char line[2048];
	struct reading cur = { .cp = -1 };
	/* lines are grouped by character; fields in alphabetical order (kHanyuPinlu < kMandarin) */
	for (int more = 1; more;) {
		more = fgets(line, sizeof line, f) != NULL;
		int32_t cp = -1;
		char *tab1 = NULL, *tab2 = NULL;
		if (more) {
			if (strncmp(line, "U+", 2) || !(tab1 = strchr(line, '\t')) || !(tab2 = strchr(tab1 + 1, '\t'))) continue;
			*tab1 = *tab2 = 0;
			if (strcmp(tab1 + 1, "kHanyuPinlu") && strcmp(tab1 + 1, "kMandarin") && strcmp(tab1 + 1, "kXHC1983") && strcmp(tab1 + 1, "kTGHZ2013")) continue;
			cp = (int32_t)strtol(line + 2, NULL, 16);
		}
		if (cp != cur.cp) {
			if (cur.cp >= 0 && cur.py[0]) {
				xgrow((void **)&g_read, &cap, g_n_read, sizeof *g_read);
				g_read[g_n_read++] = cur;
			}
			memset(&cur, 0, sizeof cur);
			cur.cp = cp;
		}
		if (more) {
			char *v = tab2 + 1;
			v[strcspn(v, "\r\n")] = 0;
			take_field(&cur, tab1 + 1, v);
		}
	}
	if (piped) pclose(f); else fclose(f);
	qsort(g_read, g_n_read, sizeof *g_read, cmp_read);
	if (g_n_read < 1000)
		snprintf(g_err, sizeof g_err, "voice: Unihan_Readings gave only %zu readings; is /usr/share/unicode/Unihan_Readings.txt.bz2 intact (unicode-data)?", g_n_read);
}

static const struct reading *lookup(int32_t cp)
{
	struct reading key = { .cp = cp };
	return bsearch(&key, g_read, g_n_read, sizeof *g_read, cmp_read);
}

static void add_phrase(const int32_t *cp, int n, const char *py, int prio)
{
	if (n < 1 || n > 8) return;
	struct phrase ph = { .n = n, .prio = prio, .py = xstrdup(py) };
	memcpy(ph.cp, cp, (size_t)n * sizeof *cp);
	xgrow((void **)&g_phr, &g_cap_phr, g_n_phr, sizeof *g_phr);
	g_phr[g_n_phr++] = ph;
}

/* ---- phrase readings from libpinyin-data's gb_char.bin ----
 * Layout (libpinyin's SubPhraseIndex in a MemoryChunk): u32 length, u32 checksum, then
 * u32 total frequency, u32 offsets index_one/index_two/index_three, '#'; the token
 * index (u32 offsets into the content) runs from index_one to index_two - 1; each
 * phrase item is u8 length, u8 pronunciations, u32 frequency, UCS-4 characters, then per
 * pronunciation one u16 ChewingKey per character (initial:5 middle:2 final:5 tone:3)
 * and a u32 frequency. The keys carry no tone here, so a syllable's spelling is learnt
 * from single characters whose Unihan readings have one spelling, and a phrase's
 * character takes the Unihan reading with that spelling. */

static const char *const LIBPINYIN_DIRS[] = { "/usr/lib/x86_64-linux-gnu/libpinyin/data", "/usr/lib/aarch64-linux-gnu/libpinyin/data", "/usr/lib/libpinyin/data", "/usr/share/libpinyin/data" };

static uint32_t rd32(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static unsigned rd16(const unsigned char *p) { return (unsigned)p[0] | (unsigned)p[1] << 8; }

static void toneless(const char *py, char *out)        /* "hang2" -> "hang" */
{
	size_t n = strlen(py);
	if (n && py[n - 1] >= '0' && py[n - 1] <= '9') n--;
	memcpy(out, py, n);
	out[n] = 0;
}

struct vote { char sp[8]; int n; };
#define KEYS 4096                      /* 12 bits: initial, middle, final */

static void load_libpinyin(void)
{
	char *text = NULL;
	size_t len = 0;
	const char *dir = NULL;
	for (size_t i = 0; i < ARRAY_LEN(LIBPINYIN_DIRS) && !text; i++) {
		char *path = path_join(LIBPINYIN_DIRS[i], "gb_char.bin");
		if (file_exists(path) && file_read_all(path, &text, &len) == 0) dir = LIBPINYIN_DIRS[i];
		free(path);
	}
	if (!text) { log_warn("voice", "libpinyin-data (gb_char.bin) not found; phrase readings come from voice/zh_phrases.txt only"); return; }
	const unsigned char *d = (const unsigned char *)text;
	struct vote (*votes)[3] = NULL;
	if (len < 32 || rd32(d) != len - 8) goto bad;
	const unsigned char *c = d + 8;
	size_t clen = len - 8;
	uint32_t i1 = rd32(c + 4), i2 = rd32(c + 8), i3 = rd32(c + 12);
	if (i1 != 17 || i2 <= i1 || i3 > clen || c[16] != '#' || c[i2 - 1] != '#') goto bad;
	size_t ntok = (i2 - 1 - i1) / 4;
	votes = xcalloc(KEYS, sizeof *votes);
	for (int pass = 0; pass < 2; pass++)
		for (size_t t = 0; t < ntok; t++) {
			uint32_t off = rd32(c + i1 + 4 * t);
			if (!off && t) continue;
			const unsigned char *it = c + i2 + off, *end = c + i3;
			if (it + 6 > end) continue;
			int n = it[0], npr = it[1];
			if (n < 1 || n > 8 || npr < 1 || it + 6 + 4 * n + (size_t)npr * (2 * n + 4) > end) continue;
			int32_t cps[8];
			for (int k = 0; k < n; k++) cps[k] = (int32_t)rd32(it + 6 + 4 * k);
			const unsigned char *pr = it + 6 + 4 * n, *best = pr;
			uint32_t bestf = 0;
			for (int k = 0; k < npr; k++) {
				uint32_t f = rd32(pr + 2 * n);
				if (f > bestf) { bestf = f; best = pr; }
				pr += 2 * n + 4;
			}
			if (pass == 0) {                  /* learn spellings from single characters */
				if (n != 1 || npr != 1) continue;
				const struct reading *r = lookup(cps[0]);
				if (!r) continue;
				char sp[8], sp2[8];
				toneless(r->alt[0], sp);
				int one = 1;
				for (int k = 1; k < r->n_alt; k++) { toneless(r->alt[k], sp2); if (strcmp(sp, sp2)) one = 0; }
				if (!one) continue;
				unsigned key = rd16(best) & 0xFFF;
				struct vote *v = votes[key];
				int k = 0;
				while (k < 3 && v[k].n && strcmp(v[k].sp, sp)) k++;
				if (k < 3) { if (!v[k].n) memcpy(v[k].sp, sp, sizeof sp); v[k].n++; }
				continue;
			}
			if (n < 2) continue;
			/* pass 1: phrases whose reading differs from the characters' usual ones */
			struct sbuf py = { 0 };
			int differs = 0, ok = 1;
			for (int k = 0; k < n && ok; k++) {
				struct vote *v = votes[rd16(best + 2 * k) & 0xFFF];
				int w = 0;
				for (int q = 1; q < 3; q++) if (v[q].n > v[w].n) w = q;
				const struct reading *r = lookup(cps[k]);
				if (!v[w].n || !r) { ok = 0; break; }
				char sp[8];
				toneless(r->py, sp);
				const char *pick = NULL;
				if (!strcmp(sp, v[w].sp)) pick = r->py;
				else for (int q = 0; q < r->n_alt && !pick; q++) { toneless(r->alt[q], sp); if (!strcmp(sp, v[w].sp)) pick = r->alt[q]; }
				if (!pick) { ok = 0; break; }
				if (strcmp(pick, r->py)) differs = 1;
				sb_printf(&py, "%s%s", k ? " " : "", pick);
			}
			if (ok && differs) { add_phrase(cps, n, py.s, 0); g_n_lib++; }
			sb_free(&py);
		}
	free(votes);
	free(text);
	log_debug("voice", "libpinyin: %zu phrase readings from %s/gb_char.bin", g_n_lib, dir);
	return;
bad:
	free(votes);
	free(text);
	log_warn("voice", "%s/gb_char.bin is not in the libpinyin format this reader knows; phrase readings come from voice/zh_phrases.txt only", dir);
}

static int cmp_phrase(const void *a, const void *b)
{
	const struct phrase *x = a, *y = b;
	return x->cp[0] < y->cp[0] ? -1 : x->cp[0] > y->cp[0];
}

static void load_phrases(void)
{
	char *path = data_path("voice/zh_phrases.txt"), *text = NULL;
	size_t len;
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
		add_phrase(ph.cp, ph.n, str_trim(sp + 1), 1);
	}
	free(text);
	free(path);
}

static void init_once(void)
{
	load_unihan();
	load_phrases();
	if (g_n_read >= 1000) load_libpinyin();
	qsort(g_phr, g_n_phr, sizeof *g_phr, cmp_phrase);
}

static const char *single(int32_t cp)
{
	const struct reading *r = lookup(cp);
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

/* 点 at k after 一 means "a little" (yi4 dian3), not a decimal point ("一点五") or one
 * o'clock ("一点钟", "一点半") */
static int little_bit(const struct out *o, size_t k, size_t n)
{
	if (strcmp(o->src[k], "点")) return 0;
	return k + 1 >= n || (!is_num_hz(o->src[k + 1]) && strcmp(o->src[k + 1], "钟") && strcmp(o->src[k + 1], "半"));
}

static void sandhi(struct out *o, char **sy, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		char *ct = tone_of(sy[i]), *nt = tone_of(sy[i + 1]);
		if (!ct || !nt || strchr(",.?!", ct[1] ? ct[1] : 'x')) continue;   /* a pause breaks sandhi */
		if (!strcmp(o->src[i], "不") && *ct == '4' && *nt == '4') *ct = '2';
		else if (!strcmp(o->src[i], "一") && *ct == '1' && (!is_num_hz(o->src[i + 1]) || little_bit(o, i + 1, n)) && !(i && (is_num_hz(o->src[i - 1]) || !strcmp(o->src[i - 1], "第"))) && *nt != '5')
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
			int best = 0, best_prio = -1;
			const char *best_py = NULL;
			size_t lo = 0, hi = g_n_phr;              /* first phrase starting with c */
			while (lo < hi) { size_t mid = (lo + hi) / 2; if (g_phr[mid].cp[0] < c) lo = mid + 1; else hi = mid; }
			for (size_t k = lo; k < g_n_phr && g_phr[k].cp[0] == c; k++) {
				struct phrase *ph = &g_phr[k];
				if (ph->n < best || (ph->n == best && ph->prio <= best_prio)) continue;
				const char *q = p;
				int m = 1;
				while (m < ph->n && *q) { if (utf8_next(&q) != ph->cp[m]) break; m++; }
				if (m == ph->n) { best = ph->n; best_prio = ph->prio; best_py = ph->py; }
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

/* Third-tone sandhi for speaking: a third tone before another third tone is said as a
 * second tone (ni3 hao3 -> ni2 hao3; wo3 hen3 hao3 -> wo2 hen2 hao3), judged on the
 * written tones, never across a pause mark. In place; only tone digits change. */
void vpinyin_spoken(char *py)
{
	char *tones[4096];
	int pause_after[4096];
	size_t n = 0;
	for (char *p = py; *p && n < ARRAY_LEN(tones); p++) {
		if (*p >= '1' && *p <= '5' && p > py && isalpha((unsigned char)p[-1])) {
			tones[n] = p;
			pause_after[n] = p[1] && strchr(",.?!", p[1]) != NULL;
			n++;
		}
	}
	char orig[4096];
	for (size_t i = 0; i < n; i++) orig[i] = *tones[i];
	for (size_t i = 0; i + 1 < n; i++)
		if (orig[i] == '3' && orig[i + 1] == '3' && !pause_after[i]) *tones[i] = '2';
}
