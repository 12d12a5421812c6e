/* story/novel_guard_zh.c — evidence that two Chinese names are two people, asked before
 * any rule joins one name to another (a pet name, a surname and a title, a given name, a
 * role word, a name given by 叫).
 *
 * A rule that joins two names only knows they could be one person (小王 could be 王建国's
 * pet name). The text itself says when they are not: the narration writes them as two
 * actors of one clause ("王建国和小王", "王经理对小王说", "老汉望着孙老汉"), or one of them
 * opens the narration of a paragraph whose quote calls the other by name ("王建国拍拍他：
 * “小王，……”": one does not call oneself). A join that ignores this makes one person
 * swallow the other's lines for the whole text, so any of these is enough to refuse it.
 *
 *   if (nov_zh_two_people(n, "小王", 6, owner)) return;   // keep them apart
 *
 * A title of one sex is not a person known to be of the other (林姐夫 is not 林黛玉, 陶太太
 * not 陶子尧): other_sex.
 *
 * The words between the two names are data/story_import/import.json "novel"
 * "zh_two_actor_links" (和, 与, 对, 望着 ...). */
#include "story/novel.h"

#include <string.h>

/* 1 if [a, a+al) and [b, b+bl) are written as two actors of one clause of t: a, one of the
 * link words, then b. */
static int linked(struct nov *n, const char *t, const char *a, size_t al, const char *b, size_t bl)
{
	const json_t *links = json_object_get(n->nd, "zh_two_actor_links");
	for (const char *h = t; (h = strstr(h, a)) != NULL; h += al) {
		const char *p = h + al;
		size_t i;
		json_t *x;
		json_array_foreach(links, i, x) {
			const char *w = json_string_value(x);
			size_t wl = strlen(w);
			/* (the longer name that ends with b is someone else: 小王 and 老王小王 are not this) */
			if (!strncmp(p, w, wl) && !strncmp(p + wl, b, bl)) return 1;
		}
	}
	return 0;
}

/* The start of the last clause of narration t (the speech tag when a quote follows):
 * after its last 。！？；，： that some text follows. */
static const char *last_clause(const char *t)
{
	const char *start = t;
	for (const char *p = t; *p; p += nov_cp_len(p))
		if ((nov_starts(p, "。") || nov_starts(p, "！") || nov_starts(p, "？") || nov_starts(p, "；") || nov_starts(p, "，") || nov_starts(p, "：")) &&
		    p[3] && strcmp(p + 3, "：") && strcmp(p + 3, "，"))
			start = p + 3;
	while (*start == ' ') start++;
	return start;
}

/* 1 if a quote of paragraph pa opens with b and a mark of address (，！？、) and the clause
 * that leads into it opens with a ("王建国拍拍他：“小王，……”"): a calls b. */
static int calls(struct nov *n, const struct para *pa, const char *a, size_t al, const char *b, size_t bl)
{
	for (size_t si = 1; si < pa->n; si++) {
		const char *t = pa->v[si].text;
		if (!pa->v[si].quote || pa->v[si - 1].quote || strncmp(t, b, bl)) continue;
		if (!nov_starts(t + bl, "，") && !nov_starts(t + bl, "！") && !nov_starts(t + bl, "？") && !nov_starts(t + bl, "、")) continue;
		const char *c = last_clause(pa->v[si - 1].text);
		if (!strncmp(c, a, al) && !nov_starts(c + al, "的")) return 1;   /* (王建国的儿子: not his act) */
	}
	return 0;
}

/* 1 if a tags a quote of paragraph pa: it opens the clause right before a quote
 * ("王建国说：“……”") or the one right after it ("“……”王建国说。"). */
static int tags(const struct para *pa, const char *a, size_t al)
{
	for (size_t si = 0; si < pa->n; si++) {
		if (pa->v[si].quote) continue;
		const char *t = pa->v[si].text;
		while (*t == ' ' || nov_starts(t, "，")) t += *t == ' ' ? 1 : 3;
		if (si + 1 < pa->n && pa->v[si + 1].quote && !strncmp(last_clause(t), a, al) && !nov_starts(last_clause(t) + al, "的")) return 1;
		if (si > 0 && pa->v[si - 1].quote && !strncmp(t, a, al) && !nov_starts(t + al, "的")) return 1;
	}
	return 0;
}

/* 1 if a and b tag three quote paragraphs in a row by turns (a, b, a or b, a, b): they talk
 * with each other. */
static int take_turns(struct nov *n, const char *a, size_t al, const char *b, size_t bl)
{
	int run = 0, last = 0;   /* (last: 1 a, 2 b) */
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const struct para *pa = &n->p[pi];
		int q = 0;
		for (size_t si = 0; si < pa->n; si++) q |= pa->v[si].quote;
		if (!q) { run = last = 0; continue; }
		int ta = strstr(pa->raw, a) && tags(pa, a, al), tb = strstr(pa->raw, b) && tags(pa, b, bl);
		int w = ta && !tb ? 1 : tb && !ta ? 2 : 0;
		if (!w) { run = last = 0; continue; }
		run = last && w != last ? run + 1 : 1;
		last = w;
		if (run >= 3) return 1;
	}
	return 0;
}

/* 1 if name s (l bytes) and name t (tl bytes) are shown as two people anywhere in the text. */
static int two_names(struct nov *n, const char *s, size_t l, const char *t, size_t tl)
{
	if (!l || !tl || (l == tl && !memcmp(s, t, l))) return 0;
	char a[64], b[64];
	if (l >= sizeof a || tl >= sizeof b) return 0;
	memcpy(a, s, l);
	a[l] = 0;
	memcpy(b, t, tl);
	b[tl] = 0;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const struct para *pa = &n->p[pi];
		if (!strstr(pa->raw, a) || !strstr(pa->raw, b)) continue;   /* (both in it, or neither test holds) */
		for (size_t si = 0; si < pa->n; si++)
			if (!pa->v[si].quote && (linked(n, pa->v[si].text, a, l, b, tl) || linked(n, pa->v[si].text, b, tl, a, l))) return 1;
		if (calls(n, pa, a, l, b, tl) || calls(n, pa, b, tl, a, l)) return 1;
	}
	return take_turns(n, a, l, b, tl);
}

/* The sex a title or kin word at the end of name [s, s+l) says: 'm' (林姐夫, 赵老汉, 谭叔),
 * 'f' (武大娘, 陶太太, 赵氏), 0 when it has none (张二, 陶子尧) or one of either sex (周先生).
 * The role nouns of a sex (role_nouns_zh male, female) end it; or, after a surname, a kin
 * character (zh_kin_male 叔伯舅哥爷公爸爹, zh_kin_female 姑姨婶姐嫂奶婆妈娘) or 氏. */
static int title_sex(struct nov *n, const char *s, size_t l)
{
	static const char *const g[] = { "male", "female" };
	for (int k = 0; k < 2; k++) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(json_object_get(n->nd, "role_nouns_zh"), g[k]), i, x) {
			size_t wl = strlen(json_string_value(x));
			if (wl <= l && !memcmp(s + l - wl, json_string_value(x), wl)) return k ? 'f' : 'm';
		}
	}
	if (l < 6 || l > 12 || !nov_zh_surname(n, s)) return 0;
	const char *last = s + l - 3;
	if (nov_starts(last, "氏")) return 'f';
	if (nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_kin_male")), last)) return 'm';
	if (nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_kin_female")), last)) return 'f';
	return 0;
}

/* 1 if name [s, s+l) bears a title of one sex and owner is known to be of the other, under
 * any of its names: a gender found at discovery (林黛玉), a title (赵氏), or a wife written
 * after a name without one (武大娘子, 陶子尧的太太: a man). So 林姐夫 is not 林黛玉, 赵老汉
 * not 赵氏, 武大娘 not 武大, and "他一定压住人家要叫他做太太" (他: 陶子尧's wife, in a text
 * that writes 他 for her too) does not make 陶太太 陶子尧: pd_dev9 zh_li_guanchang10 83 -> 91
 * of 101, the wife's eight lines. Nothing is known when the names disagree among themselves. */
static int other_sex(struct nov *n, const char *s, size_t l, int owner)
{
	int t = title_sex(n, s, l);
	if (!t) return 0;
	int m = 0, f = 0;
	for (size_t c = 0; c < n->n_ch; c++) {
		if (nov_follow(n, (int)c) != owner) continue;
		const struct nch *x = &n->ch[c];
		int g = str_eq(x->gender, "male") ? 'm' : str_eq(x->gender, "female") ? 'f' : title_sex(n, x->name, x->len);
		if (!g && nov_zh_has_wife(n, x->name, x->len)) g = 'm';
		m |= g == 'm';
		f |= g == 'f';
	}
	return t == 'm' ? f && !m : m && !f;
}

int nov_zh_two_people(struct nov *n, const char *s, size_t l, int owner)
{
	owner = nov_follow(n, owner);
	if (owner < 0) return 0;
	if (other_sex(n, s, l, owner)) return 1;   /* (林姐夫 and 林黛玉) */
	/* the owner under every name already joined to it */
	for (size_t c = 0; c < n->n_ch; c++)
		if (nov_follow(n, (int)c) == owner && two_names(n, s, l, n->ch[c].name, n->ch[c].len)) return 1;
	return 0;
}
