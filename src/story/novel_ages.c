/* story/novel_ages.c — the ages the narration of a novel states for its people ("eight
 * years old", "a boy of twelve", "八岁的侄儿宏儿"), for casting (moved here from
 * novel_names.c, which grew past the size guide). */
#include "story/novel.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A number at p, written in digits, English words ("twelve", "thirty-five") or Chinese
 * numerals ("八", "二十五", "十一二" takes the first); *len its bytes. 0 if none. */
static int number_at(const char *p, size_t *len)
{
	static const char *const en[] = { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	                                  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen" };
	static const char *const tens[] = { "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety" };
	static const char zh[] = "零一二三四五六七八九";
	*len = 0;
	if (isdigit((unsigned char)*p)) {
		int v = 0;
		while (isdigit((unsigned char)p[*len]) && *len < 3) v = v * 10 + p[(*len)++] - '0';
		return v;
	}
	for (size_t i = 0; i < 8; i++) {
		size_t l = strlen(tens[i]);
		if (strncasecmp(p, tens[i], l) || (isalpha((unsigned char)p[l]) && p[l] != '-')) continue;
		int v = 20 + 10 * (int)i;
		*len = l;
		if (p[l] == '-')
			for (size_t k = 1; k < 10; k++)
				if (!strncasecmp(p + l + 1, en[k], strlen(en[k])) && !isalpha((unsigned char)p[l + 1 + strlen(en[k])])) { v += (int)k; *len = l + 1 + strlen(en[k]); }
		return v;
	}
	for (size_t i = 19; i > 0; i--) {
		size_t l = strlen(en[i]);
		if (!strncasecmp(p, en[i], l) && !isalpha((unsigned char)p[l])) { *len = l; return (int)i; }
	}
	/* Chinese: [一-九]?十?[一-九]? */
	int v = 0, digit = -1, seen = 0;
	const char *q = p;
	for (;;) {
		const char *h = NULL;
		if (nov_cp_len(q) == 3) for (const char *z = zh; *z; z += 3) if (!strncmp(q, z, 3)) h = z;
		if (h) {
			if (digit >= 0 && seen) break;   /* "十一二": the first of a range */
			digit = (int)((h - zh) / 3);
			q += 3;
			if (v >= 10) seen = 1;
			continue;
		}
		if (nov_starts(q, "十")) { v = (digit > 0 ? digit : 1) * 10; digit = -1; q += 3; continue; }
		break;
	}
	if (digit > 0) v += digit;
	*len = (size_t)(q - p);
	return q > p ? v : 0;
}

/* Ages the narration states ("eight years old", "a boy of twelve", "八岁的侄儿宏儿",
 * "五十岁上下的女人"), given to the character named nearest in the same sentence. */
void nov_ages(struct nov *n)
{
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			if (n->p[pi].v[si].quote) continue;
			const char *t = n->p[pi].v[si].text;
			for (const char *p = t; *p; p += nov_cp_len(p)) {
				if (p > t && (isalnum((unsigned char)p[-1]))) continue;
				size_t nl;
				int v = number_at(p, &nl);
				if (!nl || v <= 0 || v > 110) continue;
				const char *a = p + nl;
				int age = n->zh ? nov_starts(a, "岁") : !strncmp(a, " years old", 10) || !strncmp(a, "-year-old", 9) || !strncmp(a, " year old", 9) ||
				          (p - t >= 5 && !strncmp(p - 5, "aged ", 5)) || (p - t >= 3 && !strncmp(p - 3, "of ", 3) && !isalpha((unsigned char)a[0]) && v >= 2 && v <= 19);
				if (!age) continue;
				/* the nearest name in the sentence */
				const char *sb = p, *se = a;
				while (sb > t && !strchr(".!?", sb[-1]) && !(sb - t >= 3 && (!strncmp(sb - 3, "。", 3) || !strncmp(sb - 3, "！", 3)))) sb--;
				while (*se && !strchr(".!?", *se) && !nov_starts(se, "。") && !nov_starts(se, "！")) se++;
				while (*sb == ' ') sb++;
				/* whose: "八岁的侄儿宏儿" and "a twelve-year-old Tom" the name after; "Tom was
				 * twelve years old", "Tom, aged twelve" the name before */
				int after = n->zh || !strncmp(a, "-year-old", 9);
				const char *lo = after ? a : sb, *hi = after ? a + (n->zh ? 24 : 40) : p;
				if (hi > se) hi = se;
				if (after && n->zh)
					for (const char *q = a; q < hi; q += nov_cp_len(q))
						if (!nov_is_han_at(q)) { hi = q; break; }
				int best = -1;
				size_t dist = (size_t)-1;
				for (size_t c = 0; c < n->n_ch; c++) {
					if ((int)c == n->narrator || n->ch[c].merged >= 0) continue;
					for (const char *h = lo; h + n->ch[c].len <= hi; h++) {
						if (memcmp(h, n->ch[c].name, n->ch[c].len)) continue;
						size_t d = h < p ? (size_t)(p - h) : (size_t)(h - a);
						if (d < dist) { dist = d; best = (int)c; }
					}
				}
				/* "He was thirty years old": the one named last before the sentence */
				if (best < 0 && (!strncmp(sb, "He ", 3) || !strncmp(sb, "She ", 4) || nov_starts(sb, "他") || nov_starts(sb, "她"))) {
					const char *bestp = NULL;
					for (size_t c = 0; c < n->n_ch; c++) {
						if ((int)c == n->narrator || n->ch[c].merged >= 0) continue;
						for (const char *h = t; h + n->ch[c].len <= sb; h++)
							if (!memcmp(h, n->ch[c].name, n->ch[c].len) && (!bestp || h > bestp)) { bestp = h; best = (int)c; }
					}
				}
				if (best >= 0 && !n->ch[best].age) n->ch[best].age = v;
			}
		}
}
