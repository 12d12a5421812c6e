/* voice/normalize.c — English text as it should be spoken. Stage directions in
 * parentheses or brackets and emphasis marks go; emoji and symbols go; numbers,
 * ordinals, years, clock times, currencies, percentages and abbreviations
 * (data/voice/abbrev_en.json) are spelled out so every engine reads them alike and
 * the word timings name the words that are heard. */
#include "voice/voice_internal.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char *const ONES[] = { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen" };
static const char *const TENS[] = { "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety" };
static const char *const SCALES[] = { "", "thousand", "million", "billion", "trillion" };

static void say_below_1000(struct sbuf *b, unsigned n)
{
	if (n >= 100) {
		sb_printf(b, "%s hundred", ONES[n / 100]);
		n %= 100;
		if (!n) return;
		sb_add(b, " ");
	}
	if (n < 20) sb_add(b, ONES[n]);
	else {
		sb_add(b, TENS[n / 10]);
		if (n % 10) sb_printf(b, " %s", ONES[n % 10]);
	}
}

/* Cardinal words for 0 <= n < 10^15. */
static void say_int(struct sbuf *b, unsigned long long n)
{
	if (n == 0) { sb_add(b, "zero"); return; }
	unsigned parts[5] = { 0 };
	int k = 0;
	while (n && k < 5) { parts[k++] = (unsigned)(n % 1000); n /= 1000; }
	int first = 1;
	for (int i = k - 1; i >= 0; i--) {
		if (!parts[i]) continue;
		if (!first) sb_add(b, " ");
		say_below_1000(b, parts[i]);
		if (i) sb_printf(b, " %s", SCALES[i]);
		first = 0;
	}
}

/* "1999" -> nineteen ninety nine, "2005" -> two thousand five, "2024" -> twenty twenty four */
static void say_year(struct sbuf *b, unsigned y)
{
	if (y >= 2000 && y < 2010) { say_int(b, y); return; }
	unsigned hi = y / 100, lo = y % 100;
	say_below_1000(b, hi);
	if (lo == 0) sb_add(b, " hundred");
	else if (lo < 10) sb_printf(b, " oh %s", ONES[lo]);
	else { sb_add(b, " "); say_below_1000(b, lo); }
}

static void say_ordinal(struct sbuf *b, unsigned long long n)
{
	struct sbuf c = { 0 };
	say_int(&c, n);
	static const struct { const char *card, *ord; } IRR[] = {
		{ "one", "first" }, { "two", "second" }, { "three", "third" }, { "five", "fifth" },
		{ "eight", "eighth" }, { "nine", "ninth" }, { "twelve", "twelfth" },
	};
	char *last = strrchr(c.s, ' ');
	last = last ? last + 1 : c.s;
	for (size_t i = 0; i < ARRAY_LEN(IRR); i++)
		if (!strcmp(last, IRR[i].card)) {
			sb_addn(b, c.s, (size_t)(last - c.s));
			sb_add(b, IRR[i].ord);
			sb_free(&c);
			return;
		}
	size_t n2 = strlen(last);
	if (n2 && last[n2 - 1] == 'y') { sb_addn(b, c.s, strlen(c.s) - 1); sb_add(b, "ieth"); }
	else { sb_add(b, c.s); sb_add(b, "th"); }
	sb_free(&c);
}

/* digits with optional thousands commas and decimals: "12,500.75" */
static int parse_number(const char *s, size_t len, unsigned long long *ip, const char **frac, size_t *flen)
{
	unsigned long long v = 0;
	size_t i = 0, digits = 0;
	*frac = NULL; *flen = 0;
	for (; i < len; i++) {
		if (isdigit((unsigned char)s[i])) {
			if (v > 99999999999999ULL) return -1;
			v = v * 10 + (unsigned)(s[i] - '0'); digits++;
		} else if (s[i] == ',' && digits && i + 3 < len + 1 && i + 1 < len && isdigit((unsigned char)s[i + 1])) continue;
		else break;
	}
	if (!digits) return -1;
	if (i < len && s[i] == '.' && i + 1 < len && isdigit((unsigned char)s[i + 1])) {
		*frac = s + i + 1;
		size_t j = i + 1;
		while (j < len && isdigit((unsigned char)s[j])) j++;
		*flen = j - i - 1;
		i = j;
	}
	*ip = v;
	return (int)i;
}

static void say_number(struct sbuf *b, unsigned long long v, const char *frac, size_t flen)
{
	say_int(b, v);
	if (frac && flen) {
		sb_add(b, " point");
		for (size_t i = 0; i < flen; i++) sb_printf(b, " %s", ONES[frac[i] - '0']);
	}
}

/* ---- abbreviations (data) ---- */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static json_t *g_abbrev;

static void init_once(void)
{
	char *p = data_path("voice/abbrev_en.json");
	json_error_t e;
	g_abbrev = p ? json_load_file(p, 0, &e) : NULL;
	if (!g_abbrev) log_warn("voice", "%s: %s; abbreviations will be read as written", p ? p : "voice/abbrev_en.json", p ? e.text : "not found");
	free(p);
}

/* ---- character clean-up: drop stage directions, emphasis, emoji and symbols ---- */

static void clean(const char *in, struct sbuf *o)
{
	int depth = 0;
	const char *p = in;
	while (*p) {
		const char *q = p;
		int32_t c = utf8_next(&p);
		if (c < 0) continue;
		if (c == '(' || c == '[' || c == 0xFF08 || c == 0x3010) { depth++; continue; }
		if (c == ')' || c == ']' || c == 0xFF09 || c == 0x3011) { if (depth) depth--; sb_add(o, " "); continue; }
		if (depth) continue;
		if (c == '*' || c == '_' || c == '~' || c == '`') continue;             /* emphasis marks */
		if (c == 0x2018 || c == 0x2019) { sb_add(o, "'"); continue; }
		if (c == 0x201C || c == 0x201D) { sb_add(o, "\""); continue; }
		if (c == 0x2013 || c == 0x2014) { sb_add(o, ", "); continue; }
		if (c == 0x2026) { sb_add(o, "..."); continue; }
		if (c == 0x20AC) { sb_add(o, "\x01"); continue; }                         /* euro */
		if (c == 0xA3) { sb_add(o, "\x02"); continue; }                           /* pound */
		if (c == 0xA5 || c == 0xFFE5) { sb_add(o, "\x03"); continue; }            /* yuan/yen */
		if (c == '\t' || c == '\n' || c == '\r') { sb_add(o, " "); continue; }
		if (c >= 0xC0 && c <= 0x17F) {                                            /* Latin letters with marks */
			static const char base[] = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
			if (c <= 0xFF && base[c - 0xC0] != 'x' && base[c - 0xC0] != '/') sb_addn(o, &base[c - 0xC0], 1);
			continue;
		}
		if (c >= 0x20 && c < 0x7F) { sb_addn(o, q, (size_t)(p - q)); continue; }
		/* emoji, CJK, arrows, dingbats, other symbols: not speakable by an English voice */
		sb_add(o, " ");
	}
}

/* ---- tokens ---- */

static int is_punct(char c) { return c && strchr(".,!?;:\"'", c) != NULL; }

static int next_is_capital(const char *rest)
{
	while (*rest == ' ') rest++;
	return isupper((unsigned char)*rest);
}

/* Speak one token core (no surrounding punctuation). next = text after the token. */
static void say_token(struct sbuf *b, const char *t, size_t len, const char *next, int *consumed_next)
{
	*consumed_next = 0;
	char tok[128];
	if (len >= sizeof tok) { sb_addn(b, t, len); return; }
	memcpy(tok, t, len); tok[len] = 0;

	/* abbreviations (with their period) */
	if (g_abbrev) {
		if (!strcmp(tok, "St.")) { sb_add(b, next_is_capital(next) ? "Saint" : "Street"); return; }
		const char *full = json_string_value(json_object_get(g_abbrev, tok));
		if (full) { sb_add(b, full); return; }
	}
	/* currency prefix: $5, $5.50, €3, £2, ¥10 */
	const char *unit1 = NULL, *unitn = NULL, *sub1 = NULL, *subn = NULL;
	const char *p = tok;
	if (*p == '$') { unit1 = "dollar"; unitn = "dollars"; sub1 = "cent"; subn = "cents"; p++; }
	else if (*p == '\x01') { unit1 = "euro"; unitn = "euros"; sub1 = "cent"; subn = "cents"; p++; }
	else if (*p == '\x02') { unit1 = "pound"; unitn = "pounds"; sub1 = "penny"; subn = "pence"; p++; }
	else if (*p == '\x03') { unit1 = "yuan"; unitn = "yuan"; sub1 = "fen"; subn = "fen"; p++; }
	if (*p == '-' && isdigit((unsigned char)p[1])) { sb_add(b, "minus "); p++; }
	if (isdigit((unsigned char)*p)) {
		unsigned long long v; const char *frac; size_t flen;
		int used = parse_number(p, strlen(p), &v, &frac, &flen);
		if (used > 0) {
			const char *rest = p + used;
			if (unit1) {
				if (frac && flen == 2) {
					say_int(b, v); sb_printf(b, " %s", v == 1 ? unit1 : unitn);
					unsigned c = (unsigned)((frac[0] - '0') * 10 + frac[1] - '0');
					if (c) { sb_add(b, " "); say_int(b, c); sb_printf(b, " %s", c == 1 ? sub1 : subn); }
				} else { say_number(b, v, frac, flen); sb_printf(b, " %s", v == 1 && !frac ? unit1 : unitn); }
				if (*rest) { sb_add(b, " "); sb_add(b, rest); }
				return;
			}
			if (*rest == '%') { say_number(b, v, frac, flen); sb_add(b, " percent"); return; }
			if (*rest == ':' && !frac && isdigit((unsigned char)rest[1]) && isdigit((unsigned char)rest[2]) && v < 25) {
				unsigned mm = (unsigned)((rest[1] - '0') * 10 + rest[2] - '0');
				say_int(b, v);
				if (mm == 0) sb_add(b, " o'clock");
				else if (mm < 10) sb_printf(b, " oh %s", ONES[mm]);
				else { sb_add(b, " "); say_int(b, mm); }
				rest += 3;
				const char *ap = *rest ? rest : next;
				while (*ap == ' ') ap++;
				if (!strncasecmp(ap, "am", 2) || !strncasecmp(ap, "a.m.", 4)) { sb_add(b, " A M"); if (!*rest) *consumed_next = ap[1] == '.' ? 4 : 2; }
				else if (!strncasecmp(ap, "pm", 2) || !strncasecmp(ap, "p.m.", 4)) { sb_add(b, " P M"); if (!*rest) *consumed_next = ap[1] == '.' ? 4 : 2; }
				return;
			}
			if (!frac && (!strcasecmp(rest, "st") || !strcasecmp(rest, "nd") || !strcasecmp(rest, "rd") || !strcasecmp(rest, "th"))) {
				say_ordinal(b, v); return;
			}
			if (!frac && !*rest && used == 4 && v >= 1100 && v <= 2099 && !strchr(tok, ',')) { say_year(b, (unsigned)v); return; }
			if (!frac && !strcmp(rest, "s") && used == 4 && v % 10 == 0 && v >= 1100 && v <= 2099) {   /* the 1990s */
				struct sbuf y = { 0 }; say_year(&y, (unsigned)v);
				size_t n = strlen(y.s);
				if (n && y.s[n - 1] == 'y') { sb_addn(b, y.s, n - 1); sb_add(b, "ies"); } else { sb_add(b, y.s); sb_add(b, "s"); }
				sb_free(&y); return;
			}
			say_number(b, v, frac, flen);
			if (!strcasecmp(rest, "am") || !strcasecmp(rest, "a.m.")) { sb_add(b, " A M"); return; }
			if (!strcasecmp(rest, "pm") || !strcasecmp(rest, "p.m.")) { sb_add(b, " P M"); return; }
			if (*rest == '-' ) rest++;
			if (*rest) { sb_add(b, " "); sb_add(b, rest); }
			return;
		}
	}
	if (unit1) { sb_add(b, unitn); if (*p) { sb_add(b, " "); sb_add(b, p); } return; }
	/* symbols standing for words */
	if (!strcmp(tok, "&")) { sb_add(b, "and"); return; }
	if (!strcmp(tok, "+")) { sb_add(b, "plus"); return; }
	if (!strcmp(tok, "=")) { sb_add(b, "equals"); return; }
	if (!strcmp(tok, "@")) { sb_add(b, "at"); return; }
	if (tok[0] == '#' && isdigit((unsigned char)tok[1])) { sb_add(b, "number "); int c2; say_token(b, tok + 1, len - 1, next, &c2); return; }
	/* SHOUTED words (4+ capitals) are read as words, not spelled */
	size_t caps = 0, letters = 0;
	for (size_t i = 0; i < len; i++) if (isalpha((unsigned char)tok[i])) { letters++; if (isupper((unsigned char)tok[i])) caps++; }
	if (letters >= 4 && caps == letters) for (size_t i = 0; i < len; i++) tok[i] = (char)tolower((unsigned char)tok[i]);
	/* keep letters, digits inside words, apostrophes and hyphens; drop other symbols */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)tok[i];
		if (isalnum(c) || c == '\'' || c == '.') sb_addn(b, (char *)&c, 1);
		else if (c == '-' || c == '/') sb_add(b, " ");
	}
}

char *vnorm_en(const char *text)
{
	pthread_once(&once, init_once);
	struct sbuf c = { 0 }, o = { 0 };
	sb_add(&c, "");
	sb_add(&o, "");
	clean(text ? text : "", &c);
	const char *p = c.s;
	while (*p) {
		while (*p == ' ') p++;
		if (!*p) break;
		const char *e = p;
		while (*e && *e != ' ') e++;
		/* split leading and trailing punctuation off the core */
		const char *s = p, *f = e;
		while (s < f && is_punct(*s) && *s != '.') s++;
		const char *core_end = f;
		/* trailing punctuation, but keep the period of a known abbreviation */
		while (core_end > s && is_punct(core_end[-1])) core_end--;
		if (core_end < f && core_end[0] == '.' && g_abbrev) {
			char tmp[64];
			size_t n = (size_t)(core_end - s) + 1;
			if (n < sizeof tmp) {
				memcpy(tmp, s, n); tmp[n] = 0;
				if (json_object_get(g_abbrev, tmp) || !strcmp(tmp, "St.")) core_end++;
			}
		}
		/* a.m./p.m. and e.g. keep their inner periods */
		/* leading pause marks belong to the previous word ("nine , really" -> "nine, really") */
		for (const char *q = p; q < s; q++)
			if (*q != '"' && *q != '\'' && o.len) {
				while (o.len && o.s[o.len - 1] == ' ') o.s[--o.len] = 0;
				sb_addn(&o, q, 1);
			}
		if (o.len && o.s[o.len - 1] != ' ') sb_add(&o, " ");
		for (const char *q = p; q < s; q++) if (*q == '"') sb_add(&o, "\"");
		size_t before = o.len;
		int consumed = 0;
		if (core_end > s) say_token(&o, s, (size_t)(core_end - s), e, &consumed);
		for (const char *q = core_end; q < f; q++)
			if (is_punct(*q) && (*q != '"' || o.len > before)) sb_addn(&o, q, 1);
		p = e;
		if (consumed) {
			while (*p == ' ') p++;
			p += consumed;
			while (*p && *p != ' ') { if (is_punct(*p)) sb_addn(&o, p, 1); p++; }
		}
	}
	/* collapse runs of spaces and stray punctuation-only output */
	struct sbuf r = { 0 };
	sb_add(&r, "");
	int letters = 0;
	for (const char *q = o.s; *q; q++) {
		if (*q == ' ' && (!r.len || r.s[r.len - 1] == ' ')) continue;
		if (isalnum((unsigned char)*q)) letters = 1;
		sb_addn(&r, q, 1);
	}
	while (r.len && r.s[r.len - 1] == ' ') r.s[--r.len] = 0;
	sb_free(&c); sb_free(&o);
	if (!letters) r.s[0] = 0, r.len = 0;
	return r.s;
}
