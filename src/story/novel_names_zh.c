/* story/novel_names_zh.c — pass 1 of the novel importer for Chinese: the names speech
 * tags and the narration's clauses give (nov_names_zh), and the words that open a
 * Chinese sentence before its subject (nov_zh_lead). Moved here from novel_names.c (which
 * keeps the shared and English parts); the people no tag names are novel_zh.c's. */
#include "story/novel.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Strip the words that open a Chinese sentence before its subject (且说, 只见, 那...).
 * Returns 1 if what is left is a group (众人, 大家, 村里人) or a pronoun other than 他/她/我. */
int nov_zh_lead(struct nov *n, const char **b, const char *e)
{
	const json_t *lead = json_object_get(n->nd, "zh_lead"), *groups = json_object_get(n->nd, "zh_groups");
	for (int again = 1; again;) {
		again = 0;
		size_t i;
		json_t *x;
		json_array_foreach(lead, i, x) {
			size_t l = strlen(json_string_value(x));
			if ((size_t)(e - *b) > l && !strncmp(*b, json_string_value(x), l)) { *b += l; again = 1; break; }
		}
	}
	size_t i;
	json_t *x;
	json_array_foreach(groups, i, x) {
		size_t l = strlen(json_string_value(x));
		if ((size_t)(e - *b) >= l && !strncmp(*b, json_string_value(x), l)) return 1;
	}
	/* people of a place: 村里人, 城里人, 家里人, 镇上人 */
	for (int k = 1; k <= 2; k++)
		if (*b + 3 * k + 6 <= e && nov_zh_han_in("里上中外", *b + 3 * k) && nov_starts(*b + 3 * k + 3, "人") && !nov_starts(*b + 3 * k + 6, "家"))
			return 1;
	return nov_starts(*b, "你");
}

/* 1 if p opens a clause of paragraph t: its start, or after 。！？；，：” */
static int zh_clause_opens(const char *t, const char *p)
{
	return p == t || (p - t >= 3 && (nov_starts(p - 3, "。") || nov_starts(p - 3, "！") || nov_starts(p - 3, "？") ||
	                                 nov_starts(p - 3, "；") || nov_starts(p - 3, "，") || nov_starts(p - 3, "：") || nov_starts(p - 3, "”")));
}

/* How often [s, e) is written in the text, counted up to three */
static size_t zh_written(struct nov *n, const char *s, const char *e)
{
	char w[32];
	snprintf(w, sizeof w, "%.*s", (int)(e - s), s);
	size_t k = 0;
	for (size_t pi = 0; pi < n->n_p && k < 3; pi++)
		for (const char *h = strstr(n->p[pi].raw, w); h && k < 3; h = strstr(h + 1, w)) k++;
	return k;
}

/* 1 if a quotation of the text writes the l bytes at s */
static int zh_quoted(struct nov *n, const char *s, size_t l)
{
	char w[32];
	snprintf(w, sizeof w, "%.*s", (int)l, s);
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++)
			if (n->p[pi].v[si].quote && strstr(n->p[pi].v[si].text, w)) return 1;
	return 0;
}

/* 1 if the text writes the two characters at s right before a preposition of the one acted
 * on or spoken to (对, 向, 与, 和, 同, 跟, 把, 将): a subject, as a manner adverb is not */
static int zh_before_listener(struct nov *n, const char *s)
{
	char w[8];
	snprintf(w, sizeof w, "%.6s", s);
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (const char *h = strstr(n->p[pi].raw, w); h; h = strstr(h + 6, w))
			if (nov_zh_han_in("对向与和同跟把将對與", h + 6)) return 1;
	return 0;
}

#define ZH_PLACE 99   /* zh_head_word: s is a place's name, always written before 里 */

/* The Chinese character the text writes after s nearly always (two times in three or more,
 * twice at least), into c (4 bytes) if c; 1 if there is one, else 0 */
static int zh_next_char(struct nov *n, const char *s, char *c)
{
	struct { char c[4]; int k; } nx[32];
	size_t nn = 0, l = strlen(s), best = 0;
	int all = 0;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (const char *h = strstr(n->p[pi].raw, s); h; h = strstr(h + 1, s)) {
			all++;
			const char *x = h + l;
			if (nov_cp_len(x) != 3 || !nov_is_han_at(x)) continue;
			size_t i;
			for (i = 0; i < nn && memcmp(nx[i].c, x, 3); i++) {}
			if (i == nn) {
				if (nn == sizeof nx / sizeof *nx) continue;
				memcpy(nx[nn].c, x, 3);
				nx[nn].c[3] = 0;
				nx[nn++].k = 0;
			}
			nx[i].k++;
		}
	for (size_t i = 1; i < nn; i++)
		if (nx[i].k > nx[best].k) best = i;
	if (!nn || nx[best].k < 2 || nx[best].k * 3 < all * 2) return 0;
	if (c) memcpy(c, nx[best].c, 4);
	return 1;
}

/* The word the text writes s in: s and the character that follows it nearly always (two
 * times in three or more, twice at least), again while one does, into w (wn bytes). A
 * name the narration's clauses give (no tag names it) that the text writes only as the
 * head of a longer word is that word's piece (金光 of the cave 金光洞, 金霞 of 金霞童子,
 * 晁奉山 of 晁奉山媳妇, his wife), no name of its own. A verb, adverb or particle after
 * it is the clause going on (周敏笑, 周敏在): no longer word; the localizer 里 after it
 * makes it a place's name (民德里, a lane: ZH_PLACE). Returns the characters added. */
static size_t zh_head_word(struct nov *n, const char *s, char *w, size_t wn)
{
	const char *stop = json_string_value(json_object_get(n->nd, "zh_name_stop"));
	const char *verbs = json_string_value(json_object_get(n->nd, "zh_verbs_after"));
	const char *adv = json_string_value(json_object_get(n->nd, "zh_adverbs_after"));
	size_t added = 0;
	snprintf(w, wn, "%s", s);
	for (;;) {
		size_t l = strlen(w);
		char c[4];
		if (l + 4 > wn || !zh_next_char(n, w, c)) return added;
		if (nov_zh_han_in("里", c)) return ZH_PLACE;   /* (民德 of the lane 民德里: a place) */
		if (nov_zh_han_in(verbs, c) || nov_zh_han_in(adv, c) || (nov_zh_han_in(stop, c) && !nov_zh_han_in("子儿", c))) return added;
		memcpy(w + l, c, 4);
		added++;
	}
}

/* 1 if s, a name the narration's clauses give, is a name: its own word, or the head of a
 * word one 子 or 儿 longer that is a name (王胖 of 王胖子, 高老夫 of 高老夫子; name gets
 * the name, nn bytes); 0 if it is a longer word's piece or a place (zh_head_word). */
int nov_zh_clause_name(struct nov *n, const char *s, char *name, size_t nn)
{
	size_t more = zh_head_word(n, s, name, nn);
	return !more || (more == 1 && nov_zh_han_in("子儿", name + strlen(name) - 3) && nov_zh_name_ok(n, name));
}

/* characters that end no name's first character ("马上", "高兴"; the said-verb 曰 after a
 * surname alone, "余曰", "吴曰", is that one speaking, no name 余曰) */
static const char *const stop2 = "是的了在上下来去说道曰子天时边面个些样么就也都又还只已正兴然后前头里外中不到得过于把被同和与向对从自";

/* Names the narration uses as the subject of its clauses, though no speech tag names
 * them: a surname and one character opening a clause (after 。！？；，：” or at a
 * paragraph's start) at least three times ("周敏挂了电话", "周敏忍不住笑出声来",
 * "周敏没带伞"), and 阿 + one character written twice or more (阿强, 阿Q). Not when the
 * second character is a common word's ("马上", "高兴"), not a known name's prefix. */
static void zh_names_from_clauses(struct nov *n)
{
	struct { char s[8]; int k; } cand[256];
	struct { char s[12]; int k; } cand3[128];
	size_t nc = 0, nc3 = 0;
	const char *stop = json_string_value(json_object_get(n->nd, "zh_name_stop")), *verbs = json_string_value(json_object_get(n->nd, "zh_verbs_after"));
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const char *t = n->p[pi].raw;
		int in_quote = 0;   /* (a quote's clauses are no evidence: “包好！” is no 包好) */
		for (const char *p = t; p && *p; p += nov_cp_len(p)) {
			if (nov_starts(p, "“")) in_quote = 1;
			else if (nov_starts(p, "”")) in_quote = 0;
			int opens = zh_clause_opens(t, p);
			while (opens && *p == ' ') p++;
			int ah = nov_starts(p, "阿");
			if (!(opens && !in_quote && nov_zh_surname(n, p)) && !ah) continue;
			const char *q = p + 3;
			if (nov_cp_len(q) != 3 || !nov_is_han_at(q) || nov_zh_han_in(stop2, q)) continue;
			/* a surname and two (何小仙伸开……, 何小仙说了……): twice, written three times */
			if (!ah && nov_is_han_at(q + 3) && !nov_zh_han_in(stop, q + 3) && !nov_zh_han_in(verbs, q + 3) && !nov_zh_han_in(verbs, q)) {
				char s3[12];
				snprintf(s3, sizeof s3, "%.9s", p);
				size_t i;
				for (i = 0; i < nc3 && strcmp(cand3[i].s, s3); i++) {}
				if (i == nc3 && nc3 < sizeof cand3 / sizeof *cand3) {
					memcpy(cand3[nc3].s, s3, 10);
					cand3[nc3++].k = 0;
				}
				if (i < nc3) cand3[i].k++;
			}
			/* (a surname and 家 alone is a household, 陈家 "the Chens", no one: 陈家和她们对门而居) */
			if (!ah && nov_starts(q, "家")) continue;
			/* (nor one with a localizer after it, 燕阵上 "on the Yan lines": a place, as in given_names) */
			if (!ah && nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_localizers")), q + 3)) continue;
			char s[8];
			memcpy(s, p, 6);
			s[6] = 0;
			size_t i;
			for (i = 0; i < nc && strcmp(cand[i].s, s); i++) {}
			if (i == nc) {
				if (nc == sizeof cand / sizeof *cand) continue;
				memcpy(cand[nc].s, s, 7);
				cand[nc++].k = 0;
			}
			cand[i].k += ah ? 2 : 1;   /* 阿强 needs two */
		}
	}
	/* kin words the narration uses as a subject twice or more ("妈妈从厨房探出头来") */
	const json_t *kin = json_object_get(n->nd, "zh_kin_names");
	size_t ki;
	json_t *kx;
	json_array_foreach(kin, ki, kx) {
		const char *w = json_string_value(kx);
		size_t wl = strlen(w);
		int k = 0;
		for (size_t pi = 0; pi < n->n_p && k < 2; pi++)
			for (size_t si = 0; si < n->p[pi].n && k < 2; si++) {
				const char *t = n->p[pi].v[si].text;
				if (n->p[pi].v[si].quote) continue;
				for (const char *h = strstr(t, w); h && k < 2; h = strstr(h + wl, w))
					k += (h == t || (h - t >= 3 && (nov_starts(h - 3, "。") || nov_starts(h - 3, "，") || nov_starts(h - 3, "：") ||
					                                 nov_starts(h - 3, "！") || nov_starts(h - 3, "？")))) &&
					     !(wl == 3 && nov_zh_han_in("子家们亲娘爹妈爸俩儿", h + 3));   /* (娘 alone, not 娘子, 娘家, 爹娘) */
			}
		if (k >= 2 && nov_find_ch(n, w) < 0) nov_add_ch(n, w);
	}
	for (size_t i = 0; i < nc; i++) {
		if (cand[i].k < (nov_starts(cand[i].s, "阿") ? 4 : 3) || !nov_zh_name_ok(n, cand[i].s)) continue;
		char word[32];   /* (金光 of 金光洞 is none; 王胖 of 王胖子 is 王胖子) */
		if (!nov_zh_clause_name(n, cand[i].s, word, sizeof word)) continue;
		int known = 0;
		for (size_t c = 0; c < n->n_ch && !known; c++) known = strstr(n->ch[c].name, word) != NULL;
		if (!known) nov_add_ch(n, word);
	}
	for (size_t i = 0; i < nc3; i++) {
		if (cand3[i].k < 2 || zh_written(n, cand3[i].s, cand3[i].s + 9) < 3 || !nov_zh_name_ok(n, cand3[i].s)) continue;
		char word[32];   /* (高老夫 of 高老夫子 is 高老夫子; 晁奉山 of 晁奉山媳妇 none) */
		if (!nov_zh_clause_name(n, cand3[i].s, word, sizeof word)) continue;
		int known = 0;
		for (size_t c = 0; c < n->n_ch && !known; c++) known = strstr(n->ch[c].name, word) || strstr(word, n->ch[c].name);
		if (!known) nov_add_ch(n, word);
	}
}

/* People named by a number, as early modern prose names village folk by their weight at
 * birth or their rank among siblings (七斤, 七斤嫂, 九斤老太, 八一嫂, 四叔): a number (二 to 九)
 * and a character that counts no thing (zh_count_words: not 七十, 六尺, 三年, 两个), with a kin
 * ending after it when the text writes one (嫂, 老太), opening a clause three times or more
 * (after 。！？；，：” or a paragraph's start) and no part of a name already found (何九叔). */
static void zh_numbered_clause_names(struct nov *n)
{
	const char *count = json_string_value(json_object_get(n->nd, "zh_count_words"));
	const json_t *ends = json_object_get(n->nd, "zh_number_name_ends");
	struct { char s[20]; int k; char cl[3][40]; } cand[64];
	size_t nc = 0;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const char *t = n->p[pi].raw;
		for (const char *p = t; *p; p += nov_cp_len(p)) {
			int opens = zh_clause_opens(t, p) || (p - t >= 3 && nov_starts(p - 3, "　"));
			size_t avail = strnlen(p, 12);   /* (read no further than the text's end) */
			if (!opens || avail < 6) continue;
			/* (a number past ten, 十 and a digit: 十三妹) */
			size_t nb = nov_starts(p, "十") && nov_zh_han_in("一二三四五六七八九", p + 3) ? 6 : 3;
			if (avail < nb + 3) continue;
			/* (a measure word is a name's when a diminutive 子/儿 ends it: 四斗子, no four pecks) */
			int dim = avail >= nb + 6 && nov_zh_han_in("子儿", p + nb + 3) && !nov_zh_han_in("个位人只", p + nb);
			if (!opens || !nov_zh_han_in(nb == 6 ? "十" : "二三四五六七八九", p) || nov_cp_len(p + nb) != 3 || !nov_is_han_at(p + nb) ||
			    (nov_zh_han_in(count, p + nb) && !dim) || nov_zh_han_in(stop2, p + nb))
				continue;
			size_t l = nb + 3, ei, best = 0;
			json_t *ex;
			/* (a title of two characters or more right after the number is the whole name's end:
			 * 十三大人, Mr. Thirteen) */
			json_array_foreach(ends, ei, ex)
				if (strlen(json_string_value(ex)) >= 6 && nov_starts(p + nb, json_string_value(ex)) && strlen(json_string_value(ex)) > best) best = strlen(json_string_value(ex));
			if (best) l = nb, dim = 0;
			json_array_foreach(ends, ei, ex)   /* (the longest: 三姨太太, not 三姨太) */
				if (l == nb + 3 && nov_starts(p + nb + 3, json_string_value(ex)) && strlen(json_string_value(ex)) > best) best = strlen(json_string_value(ex));
			if (!best && dim) best = 3;
			l += best;
			char s[20];
			snprintf(s, sizeof s, "%.*s", (int)l, p);
			size_t i;
			for (i = 0; i < nc && strcmp(cand[i].s, s); i++) {}
			if (i == nc) {
				if (nc == sizeof cand / sizeof *cand) continue;
				snprintf(cand[nc].s, sizeof cand[nc].s, "%s", s);
				cand[nc++].k = 0;
			}
			/* (a clause the text writes again word for word, a song's refrain "百里奚，五羊皮！",
			 * is one piece of evidence, not three: 五羊 of 五羊皮 "five sheepskins" is no one) */
			char cl[40];
			size_t cn = 0;
			for (const char *e = p; *e && cn + nov_cp_len(e) < sizeof cl && !nov_starts(e, "，") && !nov_starts(e, "。") && !nov_starts(e, "！") &&
			     !nov_starts(e, "？") && !nov_starts(e, "；") && !nov_starts(e, "：") && !nov_starts(e, "”"); e += nov_cp_len(e))
				cn += nov_cp_len(e);
			snprintf(cl, sizeof cl, "%.*s", (int)cn, p);
			int again = 0;
			for (int j = 0; j < cand[i].k && j < 3; j++) again |= !strcmp(cand[i].cl[j], cl);
			if (again) continue;
			if (cand[i].k < 3) snprintf(cand[i].cl[cand[i].k], sizeof cand[i].cl[0], "%s", cl);
			cand[i].k++;
		}
	}
	for (size_t i = 0; i < nc; i++) {
		if (cand[i].k < 3 || nov_in_list(json_object_get(n->nd, "zh_not_names"), cand[i].s)) continue;
		int known = 0;
		for (size_t c = 0; c < n->n_ch && !known; c++) {
			const char *h = strstr(n->ch[c].name, cand[i].s);
			/* 九叔 of 何九叔 is that one; 七斤 of 七斤嫂 (his wife) is another */
			known = h && strcmp(n->ch[c].name, cand[i].s) && !(h == n->ch[c].name && nov_in_list(ends, h + strlen(cand[i].s)));
		}
		if (!known && nov_find_ch(n, cand[i].s) < 0) nov_add_ch(n, cand[i].s);
	}
}

/* 1 if the text writes s mostly (twice or more, three times in four) after the same
 * Chinese character, pre (4 bytes): s is the tail of the longer name that character makes.
 * 林嫂 of 祥林嫂 (the wife of 祥林; 详林嫂 and 样林嫂 are misprints) is no surname and 嫂. */
static int zh_always_tail(struct nov *n, const char *s, char *pre)
{
	int all = 0, best = 0;
	*pre = 0;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (const char *h = strstr(n->p[pi].raw, s); h; h = strstr(h + 1, s), all++) {
			if (h - n->p[pi].raw < 3 || !nov_is_han_at(h - 3)) continue;
			int k = 0;
			for (size_t qi = 0; qi < n->n_p; qi++)
				for (const char *g = strstr(n->p[qi].raw, s); g; g = strstr(g + 1, s))
					k += g - n->p[qi].raw >= 3 && !memcmp(g - 3, h - 3, 3);
			if (k > best) { best = k; memcpy(pre, h - 3, 3); pre[3] = 0; }
		}
	return best >= 2 && best * 4 >= all * 3 && !nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_name_stop")), pre) &&
	       !nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_listener_before")), pre);
}

/* 1 if s is written at least twice in the text */
static int zh_written_twice(struct nov *n, const char *s)
{
	int k = 0;
	for (size_t pi = 0; pi < n->n_p && k < 2; pi++)
		for (const char *h = strstr(n->p[pi].raw, s); h && k < 2; h = strstr(h + 1, s)) k++;
	return k >= 2;
}

/* The surname written most often before one-character body bd (up to three times counted;
 * a tie to the one zh_surnames lists first): that surname and bd into best (left as it is if
 * none), and the count. One pass over the text, counting the character before each bd: a
 * pass per surname (hundreds of them) was a quarter of a Chinese import's time. */
static size_t zh_surname_before(struct nov *n, const char *bd, char *best, size_t bn)
{
	const char *sn = json_string_value(json_object_get(n->nd, "zh_surnames"));
	if (!sn || !*bd) return 0;
	struct { char c[5]; size_t k; } *pre = NULL;
	size_t np = 0, cap = 0;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const char *raw = n->p[pi].raw;
		for (const char *h = strstr(raw, bd); h; h = strstr(h + 1, bd)) {
			if (h == raw) continue;
			const char *b = h - 1;
			while (b > raw && ((unsigned char)*b & 0xC0) == 0x80) b--;
			size_t cl = (size_t)(h - b);
			if (cl > 4 || nov_cp_len(b) != cl || !nov_zh_han_in(sn, b)) continue;
			size_t i = 0;
			while (i < np && (strlen(pre[i].c) != cl || memcmp(pre[i].c, b, cl))) i++;
			if (i == np) {
				xgrow((void **)&pre, &cap, np, sizeof *pre);
				memcpy(pre[np].c, b, cl);
				pre[np].c[cl] = 0;
				pre[np++].k = 0;
			}
			if (pre[i].k < 3) pre[i].k++;
		}
	}
	size_t best_n = 0;
	for (const char *c = sn; *c && np; c += nov_cp_len(c)) {
		size_t cl = nov_cp_len(c);
		for (size_t i = 0; i < np; i++)
			if (strlen(pre[i].c) == cl && !memcmp(pre[i].c, c, cl) && pre[i].k > best_n) {
				best_n = pre[i].k;
				snprintf(best, bn, "%s%s", pre[i].c, bd);
			}
	}
	free(pre);
	return best_n;
}

/* 1 if a tag body opening with a number (zh_not_name_start) is still a name: the same
 * two or three characters, not a count of people (二人, 三个; nor 十王, the ten kings, who
 * say 我等), are the whole body of three tags or more ("三藏道", "三藏问" -> 三藏). */
static int zh_numbered_name(struct nov *n, const char *bd, char **body, size_t n_body)
{
	size_t len = utf8_len(bd);
	/* (a rank past ten too, 十 and a digit: 十三妹, the thirteenth sister) */
	size_t nl = nov_starts(bd, "十") && nov_zh_han_in("一二三四五六七八九", bd + 3) ? 6 : 3;
	if (len < nl / 3 + 1 || len > nl / 3 + 2 || !nov_zh_han_in(nl == 6 ? "十" : "二三四五六七八九", bd) || nov_zh_han_in("人个位名只些众", bd + nl)) return 0;
	size_t k = 0;
	for (size_t i = 0; i < n_body; i++) k += !strcmp(body[i], bd);
	return k >= 3;
}

/* A given name of two characters that opens as a word does (不换 of 金不换: 不 "not" opens
 * no name, zh_not_name_start), the whole body of three tags or more ("不换道", "不换笑道"):
 * the person of the full name when the text writes a surname before it three times or more
 * and that full name standing alone (before a mark: "金不换，", "金不换、") once at least, as
 * a verb phrase (不禁 of "宝玉不禁道") never stands. The full name is the person, the given
 * name an alias for tags. */
static void zh_given_not_word(struct nov *n, const char *bd, char **body, size_t n_body)
{
	size_t whole = 0;
	for (size_t k = 0; k < n_body; k++) whole += !strcmp(body[k], bd);
	char full[24] = "";
	if (whole < 3 || zh_surname_before(n, bd, full, sizeof full) < 3 || !nov_zh_name_ok(n, full)) return;
	size_t fl = strlen(full);
	int alone = 0;
	for (size_t pi = 0; pi < n->n_p && !alone; pi++)
		for (const char *h = strstr(n->p[pi].raw, full); h && !alone; h = strstr(h + fl, full))
			alone = h[fl] && !nov_is_han_at(h + fl);
	if (!alone) return;
	for (size_t k = 0; k < n->n_alias; k++)
		if (!strcmp(n->alias[k].a, bd)) return;
	int w = nov_add_ch(n, full);
	xgrow((void **)&n->alias, &n->cap_alias, n->n_alias, sizeof *n->alias);
	n->alias[n->n_alias].a = xstrdup(bd);
	n->alias[n->n_alias++].who = w;
}

/* Semi-classical tales call their people by one character: 生 (the scholar 王生), 女 (the
 * girl), 翁, 妪 ("生曰：", "女黯然道：", "妪笑曰："). A role character (zh_role_one) that is
 * a tag body on its own is a person, under its fuller name when the text writes one (a
 * surname + 生: 朱生; 老翁, 老妪), else the character itself; it stays an alias for tags, and
 * a body it opens is that person and a manner ("女黯然", "生隔帘" -> 女, 生; so no
 * character 女黯然). Bodies are cut in place; n->alias gets the role characters. */
static void zh_one_char_roles(struct nov *n, char **body, size_t n_body)
{
	const char *roles = json_string_value(json_object_get(n->nd, "zh_role_one"));
	const char *fem = json_string_value(json_object_get(n->nd, "zh_role_one_female"));
	const json_t *kin = json_object_get(n->nd, "zh_kin_names");
	for (size_t i = 0; i < n_body; i++) {
		const char *bd = body[i];
		if (utf8_len(bd) != 1 || !nov_zh_han_in(roles, bd)) continue;
		int done = 0;
		for (size_t k = 0; k < n->n_alias && !done; k++) done = !strcmp(n->alias[k].a, bd);
		if (done) continue;
		char name[16] = "";
		if (nov_starts(bd, "生")) zh_surname_before(n, bd, name, sizeof name);
		/* (not when that surname alone tags a quote too, "吴笑曰" beside "生曰": 吴生 is the
		 * text's 吴, and 生 another scholar) */
		for (size_t k = 0; k < n_body && *name; k++)
			if (!strcmp(body[k], (char[4]){ name[0], name[1], name[2], 0 })) *name = 0;
		if (!*name) {
			char old[16];
			snprintf(old, sizeof old, "老%s", bd);
			for (size_t pi = 0; pi < n->n_p && !*name; pi++)
				if (strstr(n->p[pi].raw, old)) snprintf(name, sizeof name, "%s", old);
		}
		if (!*name) snprintf(name, sizeof name, "%s", bd);
		int w = nov_find_ch(n, name) >= 0 ? nov_find_ch(n, name) : nov_add_ch(n, name);
		n->ch[w].gender = nov_zh_han_in(fem, bd) ? "female" : "male";
		xgrow((void **)&n->alias, &n->cap_alias, n->n_alias, sizeof *n->alias);
		n->alias[n->n_alias].a = xstrdup(bd);
		n->alias[n->n_alias++].who = w;
	}
	/* "老者道" three times or more: the one the tale calls 老者 throughout is a person under
	 * that word (not the stranger placeholder of an unnamed one met once) */
	size_t di;
	json_t *dx;
	json_array_foreach(nov_vocab(n, "descriptors"), di, dx) {
		const char *w = json_string_value(json_array_get(dx, 0));
		size_t k = 0;
		for (size_t i = 0; i < n_body; i++) k += !strcmp(body[i], w);
		if (k < 3 || nov_find_ch(n, w) >= 0) continue;
		int c = nov_add_ch(n, w);
		n->ch[c].gender = json_string_value(json_array_get(dx, 1));
	}
	/* "女黯然" when 女 alone speaks too: 女 and a manner (not a kin word: 女儿) */
	for (size_t i = 0; i < n_body; i++) {
		char *bd = body[i];
		if (utf8_len(bd) < 2 || !nov_zh_han_in(roles, bd)) continue;
		int role = 0;
		size_t l = nov_cp_len(bd);
		for (size_t k = 0; k < n->n_alias && !role; k++) role = strlen(n->alias[k].a) == l && !strncmp(n->alias[k].a, bd, l) && nov_zh_han_in(roles, n->alias[k].a);
		size_t ki;
		json_t *kx;
		json_array_foreach(kin, ki, kx) role &= strncmp(bd, json_string_value(kx), strlen(json_string_value(kx))) != 0;
		if (role && nov_find_ch(n, bd) < 0) bd[l] = 0;
	}
}

/* One a tag names by what he does or is, a nominal 的 phrase (卖玉器的 "the jade seller" of
 * "那卖玉器的道", 推车的, 管事的, 年轻的): a person when the text writes the phrase after a
 * determiner or measure word (那/这/个/位 ...) somewhere, which no manner phrase takes (低低的
 * of "低低的道" is how one speaks; nobody writes "那低低的"). Two to five characters before
 * 的, none a pronoun, no known name opening them (香菱嘻嘻的 is 香菱), no reduplication
 * (慢慢的). The person is added under the whole phrase, 的 included. */
static void zh_nominal_de(struct nov *n, const char *bd)
{
	const char *de = NULL;
	size_t k = 0;
	for (const char *p = bd; *p && k <= 5; p += nov_cp_len(p), k++)
		if (nov_starts(p, "的")) { de = p; break; }
	if (!de || k < 2 || k > 5) return;
	for (const char *p = bd; p < de; p += nov_cp_len(p)) {
		if (!nov_is_han_at(p) || nov_zh_han_in("他她你我伊它谁地得着著了", p)) return;
		if (p + 3 < de && !memcmp(p, p + 3, 3)) return;   /* 慢慢, 低低 */
	}
	for (size_t c = 0; c < n->n_ch; c++)
		if (n->ch[c].len && n->ch[c].len <= (size_t)(de - bd) && !memcmp(bd, n->ch[c].name, n->ch[c].len)) return;
	/* (a person noun opening it is the subject and the rest how he speaks: 短工简捷的 of
	 * "那短工简捷的说"; the noun alone before 的 is the role, 掌柜的) */
	const char *rg;
	size_t rl = nov_zh_role_noun(n, bd, &rg);
	if (rl && bd + rl != de) return;   /* (掌柜的 is the role's own name) */
	char *nm = xstrndup(bd, (size_t)(de - bd) + 3);
	if (nov_find_ch(n, nm) >= 0) { free(nm); return; }
	static const char *const dets[] = { "那", "这", "個", "个", "位", "這", NULL };
	int seen = 0, person = 0;
	char *ren = xasprintf("%s人", nm);   /* (the text writes the phrase before 人: "一个二十多岁的人" calls him so) */
	for (size_t pi = 0; pi < n->n_p; pi++) {
		person |= strstr(n->p[pi].raw, ren) != NULL;
		for (int d = 0; dets[d] && !seen; d++) {
			char *w = xasprintf("%s%s", dets[d], nm);
			seen = strstr(n->p[pi].raw, w) != NULL;
			free(w);
		}
	}
	free(ren);
	if (seen && !person) nov_add_ch(n, nm);
	free(nm);
}

/* pronouns, demonstratives, function and measure words: none is inside the name before a kin
 * ending (那个新 of "那个新媳妇", 转是赵 of "转是赵公公" are clause pieces) */
#define ZH_NOT_IN_KIN_NAME "他她你我伊这那是此不每各某几只就才其个位些的了在和与同跟对向把被给"

/* 1 if s holds one of the characters of set anywhere (a pronoun or function word inside
 * a would-be name: 转是赵 of "转是赵公公" is a clause piece) */
static int zh_has_any(const char *s, const char *set)
{
	for (const char *p = s; *p; p += nov_cp_len(p))
		if (nov_zh_han_in(set, p)) return 1;
	return 0;
}

/* Classical prose tags a person by the last character of the name alone ("衍曰" for 道衍,
 * "縶曰" for 公子縶, "能曰" for 惠能), also where what comes before that character is no
 * surname (a monk's name, a rank, a reign), so zh_surname_before finds no full name for it.
 * A one-character tag body that names no one yet is an alias of the one known name of two
 * or three characters that ends in it, when exactly one does and the text writes that name
 * twice or more; not a surname (吴 of "吴笑曰" is the surname's own person), a role
 * character (生, 女: zh_one_char_roles), a manner (大 of "大喝道"), an adverb that opens a
 * clause whose subject is left out (正 of "正说着，……问道"), 人, a pronoun. */
/* 1 if the one-character tag body bd is a person's whole name, as classical prose calls a
 * wife or a friend by a given name alone (芸曰, 芸笑曰; the text never writes 陳芸): the whole
 * body of three tags or more, and opening clauses of the narration five times or more
 * with four different characters or more after it, none after half of them (芸暗牽余袖,
 * 芸急閉門, 芸大窘: a subject of many acts; a word, an adverb, opens clauses with few). */
static int zh_one_char_name(struct nov *n, const char *bd, char **body, size_t n_body)
{
	size_t tags = 0, bl = strlen(bd);
	for (size_t k = 0; k < n_body; k++) tags += !strcmp(body[k], bd);
	if (tags < 3) return 0;
	uint32_t after[64];
	int far[64] = { 0 };
	size_t na = 0, cnt = 0, top = 0;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			if (n->p[pi].v[si].quote) continue;
			const char *t = n->p[pi].v[si].text;
			for (const char *p = t; *p; p += nov_cp_len(p)) {
				if (strncmp(p, bd, bl) || !nov_is_han_at(p + bl) || !(zh_clause_opens(t, p) || (p > t && p[-1] == ' '))) continue;
				const unsigned char *u = (const unsigned char *)p + bl;
				uint32_t c = (uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2];
				size_t j;
				for (j = 0; j < na && after[j] != c; j++) {}
				if (j == na && na < 64) after[na++] = c;
				if (j < 64 && ++far[j] > (int)top) top = (size_t)far[j];
				cnt++;
			}
		}
	/* (and one spoken to or acted with: 謂芸, 告母, 與芸, 攜芸; 隨 of "隨道" "then said" is
	 * never written after these) */
	size_t obj = 0;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			if (n->p[pi].v[si].quote) continue;
			const char *t = n->p[pi].v[si].text;
			for (const char *h = strstr(t, bd); h; h = strstr(h + bl, bd))
				obj += h - t >= 3 && nov_zh_han_in("与與谓謂告问問对對向见見和同呼携攜责責", h - 3);
		}
	return cnt >= 5 && na >= 4 && top * 2 <= cnt && obj >= 1;
}

static void zh_given_name_alone(struct nov *n, char **body, size_t n_body)
{
	const char *adv = json_string_value(json_object_get(n->nd, "zh_adverbs_after"));
	const char *no_start = json_string_value(json_object_get(n->nd, "zh_not_name_start"));
	const char *roles = json_string_value(json_object_get(n->nd, "zh_role_one"));
	const char *listen = json_string_value(json_object_get(n->nd, "zh_listener_before"));
	for (size_t i = 0; i < n_body; i++) {
		const char *bd = body[i];
		size_t bl = strlen(bd);
		if (utf8_len(bd) != 1 || !nov_is_han_at(bd) || nov_zh_surname(n, bd) || nov_zh_pron(n, bd) || nov_starts(bd, "我") ||
		    nov_starts(bd, "人") || nov_zh_han_in(adv, bd) || nov_zh_han_in(no_start, bd) || nov_zh_han_in(roles, bd) ||
		    nov_zh_han_in(listen, bd) || nov_zh_han_in("正就才只还都再方复已且", bd) || nov_find_ch(n, bd) >= 0)
			continue;
		int known = 0;
		for (size_t k = 0; k < n->n_alias && !known; k++) known = !strcmp(n->alias[k].a, bd);
		if (known) continue;
		int one = -1, many = 0;
		for (size_t c = 0; c < n->n_ch && !many; c++) {
			size_t cl = utf8_len(n->ch[c].name);
			if (n->ch[c].placeholder || (int)c == n->narrator || cl < 2 || cl > 3 || strcmp(n->ch[c].name + n->ch[c].len - bl, bd)) continue;
			many = one >= 0 && nov_follow(n, (int)c) != nov_follow(n, one);
			one = (int)c;
		}
		if (one < 0 && !many) {
			if (zh_one_char_name(n, bd, body, n_body)) nov_add_ch(n, bd);
			continue;
		}
		if (one < 0 || many || zh_written(n, n->ch[one].name, n->ch[one].name + n->ch[one].len) < 2) continue;
		xgrow((void **)&n->alias, &n->cap_alias, n->n_alias, sizeof *n->alias);
		n->alias[n->n_alias].a = xstrdup(bd);
		n->alias[n->n_alias++].who = one;
	}
}

/* 1 if the clause at c opens with an adverb, a manner word or the word before a listener
 * (又, 便, 只, 大声, 笑着; 向 of "向宝玉道"): a verb after it has no subject in that clause */
static int zh_no_subject(struct nov *n, const char *c)
{
	if (nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_adverbs_before_verb")), c) ||
	    nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_adverbs_after")), c) || nov_zh_han_in("只", c) ||
	    nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_listener_before")), c))
		return 1;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(n->nd, "adverbs_zh"), i, x)
		if (nov_starts(c, json_string_value(x))) return 1;
	return 0;
}


/* The subject that opens the first clause of a tag whose said-verb has a clause of its own
 * with no subject in it ("张老听了，说道：", "余瑱见是个内监，大喝道：", "严振先，乃城中
 * 十二都的乡约，……只说道："): a surname and one or two characters, cut before the first
 * verb (zh_verbs_after), written twice or more in the text, the three characters when the
 * text writes them about as often as the two (严振先, not 严振). Only a surname opening the
 * clause: a time, a place or a manner opens such clauses as often (次早, 随后, 高兴). */
static void zh_first_clause_names(struct nov *n, char **cl, size_t n_cl, char **body, size_t n_body)
{
	const char *verbs = json_string_value(json_object_get(n->nd, "zh_verbs_after"));
	const char *stop = json_string_value(json_object_get(n->nd, "zh_name_stop"));
	const char *no_start = json_string_value(json_object_get(n->nd, "zh_not_name_start"));
	for (size_t i = 0; i < n_cl; i++) {
		const char *c = cl[i];
		if (!nov_is_han_at(c) || !nov_zh_surname(n, c) || nov_zh_han_in(stop, c) || nov_zh_han_in("正就才只还都再方复已且", c)) continue;
		const char *c2 = c + 3;
		if (!nov_is_han_at(c2) || nov_zh_han_in(verbs, c2) || nov_zh_han_in(stop, c2) || nov_zh_han_in(stop2, c2) || nov_zh_han_in(no_start, c2)) continue;
		size_t l2 = 6, l3 = 0;
		if (nov_is_han_at(c + 6) && !nov_zh_han_in(verbs, c + 6) && !nov_zh_han_in(stop, c + 6)) l3 = 9;
		size_t k2 = nov_zh_count(n, c, l2), k3 = l3 ? nov_zh_count(n, c, l3) : 0;
		size_t take = l3 && k3 >= 2 && k3 * 10 >= k2 * 6 ? l3 : k2 >= 2 ? l2 : 0;
		if (!take) continue;
		char nm[16];
		snprintf(nm, sizeof nm, "%.*s", (int)take, c);
		if (!nov_zh_name_ok(n, nm) || nov_find_ch(n, nm) >= 0) continue;
		/* (the head of a longer word, one character after it nearly always: 陈员 of 陈员外,
		 * 王大 of 王大喜 "the prince was glad") */
		if (zh_next_char(n, nm, NULL)) continue;   /* the head of a longer word */
		/* (the surname's character standing alone as a tag's whole subject is no surname
		 * there: 余 of "余曰", "I said") */
		int alone = 0;
		for (size_t k = 0; k < n_body && !alone; k++) alone = strlen(body[k]) == 3 && !memcmp(body[k], c, 3);
		if (alone) continue;
		/* (no piece or extension of a name already known: 严大 of 严大老官) */
		int near = 0;
		for (size_t k = 0; k < n->n_ch && !near; k++)
			near = strstr(n->ch[k].name, nm) != NULL || strstr(nm, n->ch[k].name) != NULL;
		if (!near) nov_add_ch(n, nm);
	}
}

/* 1 if the third character at p (a body's) may end a name: no adverb, verb or function
 * word ("王婆大笑", "王婆又道": 王婆 and what she does) */
static int zh_name_third(struct nov *n, const char *p)
{
	return nov_is_han_at(p) && nov_cp_len(p) == 3 && !nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_adverbs_after")), p) &&
	       !nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_verbs_after")), p) &&
	       !nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_name_stop")), p) && !nov_zh_han_in(stop2, p) && !zh_no_subject(n, p);
}

/* 1 if the three characters at bd, the opening of two tag bodies or more, are one name
 * beside another that shares its first two: bodies opening with the same two and another
 * third character twice or more, each three written three times or more in the text
 * (窦二羔 beside his brother 窦二墩: "窦二羔说" is no 窦二). The first two are two Chinese
 * characters (6 bytes), no third an adverb or a verb (王婆大笑, 王婆又道). */
static int zh_sibling_body(struct nov *n, const char *bd, char **body, size_t n_body)
{
	if (!nov_is_han_at(bd) || nov_cp_len(bd) != 3 || !nov_is_han_at(bd + 3) || nov_cp_len(bd + 3) != 3 || !zh_name_third(n, bd + 6) ||
	    nov_zh_count(n, bd, 9) < 3)
		return 0;
	for (size_t k = 0; k < n_body; k++) {
		const char *o = body[k];
		if (strlen(o) < 9 || memcmp(o, bd, 6) || !memcmp(o, bd, 9) || !zh_name_third(n, o + 6)) continue;
		size_t c = 0;
		for (size_t j = 0; j < n_body; j++) c += !strncmp(body[j], o, 9);
		if (c >= 2 && nov_zh_count(n, o, 9) >= 3) return 1;
	}
	return 0;
}

/* 1 if the narration writes the l bytes at s right after a word of acting on or speaking to
 * someone (与 谓 告 问 对 向 见 和 同 呼 携 责 叫 给 把 被: "见香菱", "谓许亮", "与苟才"): one
 * acted on is a person, as an adverb or a time that opens clauses (恰好, 明日, 倒是) is not */
static int zh_acted_on(struct nov *n, const char *s, size_t l)
{
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			const char *t = n->p[pi].v[si].text;
			if (n->p[pi].v[si].quote) continue;
			for (const char *h = t; *h; h += nov_cp_len(h))
				if (h - t >= 3 && !strncmp(h, s, l) && nov_zh_han_in("与與谓謂告问問对對向见見和同呼携攜责責叫给給把被", h - 3)) return 1;
		}
	return 0;
}

/* 1 if the text writes s after 一个, 一位 or 一名 ("a"): a kind of person (一个巡警, 一个奶妈),
 * which a name never is */
static int zh_indefinite(struct nov *n, const char *s)
{
	static const char *const a[] = { "一个", "一位", "一名" };
	for (size_t i = 0; i < ARRAY_LEN(a); i++) {
		char w[40];
		snprintf(w, sizeof w, "%s%s", a[i], s);
		if (nov_zh_count(n, w, strlen(w))) return 1;
	}
	return 0;
}

/* A tag body of four characters or more that no other body shares: a name of two or three
 * characters and what its bearer does before speaking ("许亮叩头道", "香菱嘻嘻的笑道",
 * "苟才一路欢天喜地的喊进来道"), which the counts of bodies cannot cut, the name being in one
 * tag only. The name is the body's opening that the text writes three times or more and
 * the narration once at least right after a word of acting on someone (zh_acted_on); no head
 * of a longer word (zh_next_char: 金霞童 of 金霞童子), no role or kind of person (nov_zh_role_noun,
 * zh_indefinite: 一个巡警; a word ending in 人 家 门: 主人, 周家, 黄门), no piece or extension of a
 * known name. Measured on the 137 annotated Chinese texts: 香菱, 许亮, 苟才 found (three texts,
 * three authors), nothing else moved. Returns the bytes of the name (6 or 9), or 0. */
static size_t zh_name_acting(struct nov *n, const char *bd)
{
	if (strstr(bd, "、")) return 0;   /* (a list of people: "孙高、傅婴") */
	const char *no_start = json_string_value(json_object_get(n->nd, "zh_not_name_start"));
	if (!nov_is_han_at(bd) || nov_zh_han_in(no_start, bd) || nov_zh_han_in("他她你我伊这那此其", bd) || zh_no_subject(n, bd)) return 0;
	for (size_t l = 9; l >= 6; l -= 3) {
		if (strlen(bd) < l + 3 || !nov_is_han_at(bd + l - 3) || nov_cp_len(bd + l - 3) != 3) continue;
		/* (three only when the text writes the three about as often as the two: 严振先) */
		if (l == 9 && nov_zh_count(n, bd, 9) * 10 < nov_zh_count(n, bd, 6) * 6) continue;
		char nm[16];
		snprintf(nm, sizeof nm, "%.*s", (int)l, bd);
		if (nov_zh_count(n, nm, l) < 3 || !zh_acted_on(n, nm, l) || zh_next_char(n, nm, NULL) || !nov_zh_name_ok(n, nm)) continue;
		if (nov_zh_han_in("人家门们", nm + l - 3) || nov_zh_han_in("子儿", bd + l)) continue;
		const char *g;
		if (nov_zh_role_noun(n, nm, &g) > 0 || zh_indefinite(n, nm)) return 0;
		for (size_t k = 0; k < n->n_ch; k++)
			if (strstr(n->ch[k].name, nm) || strstr(nm, n->ch[k].name)) return 0;
		return l;
	}
	return 0;
}

/* Bodies of tags ("武大", "王婆摇手", "卓") into names: a prefix of two or three
 * characters that opens several bodies ("王婆" of "王婆摇手", "王婆大笑"), a body of two
 * or three characters, a one-character body completed by the surname the text puts
 * before it ("卓" -> 董卓, kept as an alias for tags). */
static void zh_names_from_bodies(struct nov *n, char **body, size_t n_body)
{
	const char *verbs = json_string_value(json_object_get(n->nd, "zh_verbs_after"));
	/* a body ends before its first verb: "何进怒" -> "何进", "肃见布" -> "肃" */
	const char *adv = json_string_value(json_object_get(n->nd, "zh_adverbs_after"));
	for (size_t i = 0; i < n_body; i++) {
		char *bd = body[i];
		if (!*bd) continue;
		/* and before an action ("主任头也不回地说" -> "主任") */
		size_t ai;
		json_t *ax;
		json_array_foreach(json_object_get(n->nd, "zh_action_words"), ai, ax) {
			char *h = strstr(bd + nov_cp_len(bd), json_string_value(ax));
			if (h) *h = 0;
		}
		/* (not at the second character of two written often, no surname before it: 双喜
		 * of "双喜说", though 喜 is a verb) */
		/* (nor at a 道 that ends the body: the tag doubled it, 道 the verb after a word
		 * ending in 道: "周学道道" -> 周学道, not 周学; nor at one of the body's last three
		 * characters, the verb being after the body: 黄道官 of "黄道官道", 王道台) */
		for (char *p = bd + nov_cp_len(bd); *p; p += nov_cp_len(p))
			if (nov_zh_han_in(verbs, p) && !(nov_starts(p, "道") && (!p[3] || !p[6] || !p[9])) && !(p == bd + 3 && !nov_zh_surname(n, bd) && !nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_name_stop")), bd) &&
			                                  zh_written(n, bd, p + nov_cp_len(p)) >= 3)) { *p = 0; break; }
		/* "奚对曰", "蹇叔对曰": 对 right before the said-verb is "in reply", no part of the name */
		size_t bl = strlen(bd);
		if (bl > 3 && !strcmp(bd + bl - 3, "对")) bd[bl - 3] = 0;
		/* "匡大(呼)": one character and an adverb is a one-character name */
		if (utf8_len(bd) == 2 && nov_zh_han_in(adv, bd + nov_cp_len(bd)) && zh_written(n, bd, bd + strlen(bd)) < 3)   /* (unless written often: 武大) */
			bd[nov_cp_len(bd)] = 0;
	}
	zh_one_char_roles(n, body, n_body);
	for (size_t i = 0; i < n_body; i++) zh_nominal_de(n, body[i]);
	const char *no_start = json_string_value(json_object_get(n->nd, "zh_not_name_start"));
	struct { char *typo, *name; } mis[8];   /* (misprints of a name, to check by their readings) */
	const char *mis_a[8], *mis_b[8];
	size_t n_mis = 0;
	for (int pass = 0; pass < 2; pass++)
	for (size_t i = 0; i < n_body; i++) {
		const char *bd = body[i];
		size_t len = utf8_len(bd);
		if (!len || !nov_is_han_at(bd) || (len == 1) != !pass) continue;
		if (nov_zh_pron(n, bd) || nov_zh_me(n, bd)) continue;
		if (nov_zh_han_in(no_start, bd) && !zh_numbered_name(n, bd, body, n_body)) {
			if (len == 2) zh_given_not_word(n, bd, body, n_body);
			continue;
		}
		int aliased = 0;
		for (size_t k = 0; k < n->n_alias; k++) aliased |= !strncmp(bd, n->alias[k].a, strlen(n->alias[k].a));
		if (aliased && len > 1) continue;   /* "肃大笑" is 李肃 */
		/* classical prose: "吴绐之曰", "吴诡曰" are the one-character subject that tags quotes
		 * alone too ("吴笑曰" -> 吴) and a verb of its own before 曰, no name 吴绐之 */
		if (len >= 2 && len <= 3 && pass) {
			int alone = 0;
			for (size_t k = 0; k < n_body && !alone; k++) alone = strlen(body[k]) == nov_cp_len(bd) && !memcmp(body[k], bd, nov_cp_len(bd));
			char yue[16];
			snprintf(yue, sizeof yue, "%s曰", bd);
			int classical = 0;
			for (size_t pi = 0; pi < n->n_p && alone && !classical; pi++) classical = strstr(n->p[pi].raw, yue) != NULL;
			if (classical) continue;
		}
		if (len == 1 && nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_role_one")), bd)) continue;   /* (zh_one_char_roles) */
		if (nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_listener_before")), bd)) continue;   /* "向着我说": no subject */
		if (len == 1) {
			/* "大喝道", "厉声道": a manner opening the tag, no one's given name (张大帅's 大) */
			if (nov_zh_han_in(adv, bd)) continue;
			/* nor 人 ("人道", "何人曰"): someone, no given name (何人 is "who") */
			if (nov_starts(bd, "人")) continue;
			/* the surname most often written before it */
			char best[16] = "";
			size_t best_n = zh_surname_before(n, bd, best, sizeof best);
			/* or a compound surname (诸葛均 of "均曰", 百里奚 of "奚对曰"), written twice */
			size_t ci;
			json_t *cx;
			json_array_foreach(json_object_get(n->nd, "zh_surnames_compound"), ci, cx) {
				char full[24];
				snprintf(full, sizeof full, "%s%s", json_string_value(cx), bd);
				size_t k = nov_zh_count(n, full, strlen(full));
				if (k >= 2 && k >= best_n) { best_n = k; snprintf(best, sizeof best, "%s", full); }
			}
			/* a surname alone ("吴笑曰") is the one the text writes as that surname and a
			 * classical role (吴生, zh_role_one) when it writes one such */
			if (best_n < 2 && nov_zh_surname(n, bd)) {
				const char *roles = json_string_value(json_object_get(n->nd, "zh_role_one"));
				int kinds = 0;
				for (const char *r = roles; r && *r; r += nov_cp_len(r)) {
					char full[16];
					snprintf(full, sizeof full, "%s%.*s", bd, (int)nov_cp_len(r), r);
					int seen = 0;
					for (size_t pi = 0; pi < n->n_p && !seen; pi++) seen = strstr(n->p[pi].raw, full) != NULL;
					if (seen && !kinds++) snprintf(best, sizeof best, "%s", full);
				}
				if (kinds == 1) best_n = 2;
			}
			/* (a surname and the character written nearly always after the same one is that
			 * one's tail: 史廖 of 内史廖, the court scribe 廖; the name is the three) */
			char pre[4];
			if (best_n >= 2 && utf8_len(best) == 2 && zh_always_tail(n, best, pre)) {
				char full[24];
				snprintf(full, sizeof full, "%s%s", pre, best);
				snprintf(best, sizeof best, "%s", full);
			}
			if (best_n >= 2 && nov_zh_name_ok(n, best)) {
				int w = nov_add_ch(n, best);
				xgrow((void **)&n->alias, &n->cap_alias, n->n_alias, sizeof *n->alias);
				n->alias[n->n_alias].a = xstrdup(bd);
				n->alias[n->n_alias++].who = w;
				/* another surname written twice before it is another person of that given name
				 * (宋忠, 金忠: "忠曰" is the one the narration named last); not a rank (王, 公:
				 * 燕王, 周王 are the princes of two realms, named by the realm) */
				const char *sn = json_string_value(json_object_get(n->nd, "zh_surnames"));
				for (const char *c = sn; c && *c && !nov_zh_han_in("王帝后妃公侯君主", bd); c += nov_cp_len(c)) {
					char other[16];
					snprintf(other, sizeof other, "%.*s%s", (int)nov_cp_len(c), c, bd);
					if (!strcmp(other, best) || nov_zh_count(n, other, strlen(other)) < 2 || !nov_zh_name_ok(n, other) || nov_find_ch(n, other) >= 0) continue;
					nov_add_ch(n, other);
				}
			}
			continue;
		}
		/* a title before the name: "西海龙王敖闰" -> 敖闰 */
		const json_t *tt = json_object_get(n->nd, "zh_titles");
		const char *after = NULL;
		size_t ti;
		json_t *tx;
		json_array_foreach(tt, ti, tx) {
			const char *h = strstr(bd, json_string_value(tx));
			if (h) { after = h + strlen(json_string_value(tx)); break; }
		}
		if (after && utf8_len(after) >= 2 && utf8_len(after) <= 3 && (nov_zh_surname(n, after) || zh_written_twice(n, after))) {   /* not "知县拍案" */
			if (nov_zh_name_ok(n, after) && nov_find_ch(n, after) < 0) nov_add_ch(n, after);
			continue;
		}
		size_t c2 = 0, c3 = 0;
		size_t l2 = nov_cp_len(bd), l3 = l2 + nov_cp_len(bd + l2);
		l2 = l3;
		l3 = len >= 3 ? l2 + nov_cp_len(bd + l2) : 0;
		for (size_t k = 0; k < n_body; k++) {
			c2 += !strncmp(body[k], bd, l2);
			if (l3) c3 += !strncmp(body[k], bd, l3);
		}
		size_t take = 0;
		if (len == 2) take = l2;
		else if (l3 && c3 >= 2 && c3 * 10 >= c2 * 6) take = l3;
		else if (l3 == 9 && c3 >= 2 && zh_sibling_body(n, bd, body, n_body)) take = l3;
		else if (c2 >= 2) take = l2;
		else if (len == 3) take = l3;
		/* a name and a title or kin ending (name_suffix_zh), the whole body: 德昌太太 (the
		 * wife of 德昌), not 德昌 */
		if (len == 4 && nov_in_list(json_object_get(n->nd, "name_suffix_zh"), bd + l2)) take = strlen(bd);
		/* a name and a kin or household ending (zh_kin_endings), the whole body: 晁奉山媳妇 (the
		 * wife of 晁奉山), 周瑞家的, 随缘儿媳妇; a person the tag names by whose wife or aunt she
		 * is. The name before the ending, two or three characters, must be a name (zh_name_ok) */
		size_t kin_cut = 0;
		if (len >= 4 && len <= 6) {
			size_t ki;
			json_t *kx;
			json_array_foreach(json_object_get(n->nd, "zh_kin_endings"), ki, kx) {
				const char *w = json_string_value(kx);
				size_t bl = strlen(bd), wl = strlen(w);
				if (bl <= wl || strcmp(bd + bl - wl, w)) continue;
				char *stem = xstrndup(bd, bl - wl);
				size_t sl = utf8_len(stem);
				/* (人 ends a word for a kind of people, no given name: 家人媳妇 is a servant's wife) */
				if (sl >= 2 && sl <= 3 && !nov_zh_han_in(no_start, stem) && !zh_has_any(stem, ZH_NOT_IN_KIN_NAME) &&
				    !(bl - wl >= 3 && nov_starts(bd + bl - wl - 3, "人")) && nov_zh_name_ok(n, stem)) { take = bl; kin_cut = bl - wl; }
				free(stem);
				break;
			}
		}
		if (take == l3 && len >= 4) {
			/* a descriptive name whose last character the cut left off: 周瑞家的 (the wife of
			 * 周瑞; "周瑞家的道"), 花白胡子 ("花白胡子便取消"): every body that opens with
			 * the three goes on with the same name-ending character (zh_name_tail) */
			size_t l4 = l3 + nov_cp_len(bd + l3), c4 = 0;
			for (size_t k = 0; k < n_body; k++) c4 += !strncmp(body[k], bd, l4);
			if (c4 == c3 && nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_name_tail")), bd + l3)) take = l4;
		}
		if (!take && len >= 4) {
			/* a title before the name: "主簿陈琳", "侍御史郑泰" -> the surname and what follows */
			const char *c = NULL;
			for (const char *q = bd + nov_cp_len(bd); *q; q += nov_cp_len(q))
				if (nov_zh_surname(n, q) && utf8_len(q) >= 2 && utf8_len(q) <= 3) c = q;   /* the last: "侍御史郑泰" -> 郑泰 */
			if (c) {
				if (nov_zh_name_ok(n, c) && nov_find_ch(n, c) < 0) nov_add_ch(n, c);
				continue;
			}
			/* a descriptive name ending with a title (zh_title_ends: 驼背五少爷 of "驼背五少爷点着头说"),
			 * three to five characters, written twice or more, no pronoun or number opening it */
			size_t ti2;
			json_t *tx2;
			json_array_foreach(json_object_get(n->nd, "zh_title_ends"), ti2, tx2) {
				const char *h = strstr(bd + 6, json_string_value(tx2));
				if (!h) continue;
				size_t l = (size_t)(h - bd) + strlen(json_string_value(tx2));
				char *nm = xstrndup(bd, l);
				if (utf8_len(nm) >= 3 && utf8_len(nm) <= 5 && !nov_zh_han_in(no_start, nm) && !nov_zh_han_in("他她你我伊这那", nm) &&
				    zh_written(n, nm, nm + l) >= 2 && nov_find_ch(n, nm) < 0)
					nov_add_ch(n, nm);
				free(nm);
				break;
			}
		}
		if (!take && len >= 4) take = zh_name_acting(n, bd);
		/* a name of two characters the text writes often and one character glued to it that
		 * the text seldom writes with it (a quarter as often as the two or less): 春兰来 of "春兰来说道" (春兰 comes), 连包兴 of
		 * "连包兴也暗说道" (even 包兴): the two are the name, the three none */
		if (take == l3 && len >= 3) {
			const char *two = NULL;
			size_t k3 = nov_zh_count(n, bd, l3), kp = nov_zh_count(n, bd, l2), ks = nov_zh_count(n, bd + 3, l3 - 3);
			if (kp >= 3 && kp >= 4 * k3 && ks < 3) two = bd;
			else if (ks >= 3 && ks >= 4 * k3 && kp < 3) two = bd + 3;
			if (two) {
				char nm2[8];
				snprintf(nm2, sizeof nm2, "%.6s", two);
				if (nov_zh_name_ok(n, nm2)) continue;
			}
		}
		/* a name of two and the verb of motion it does before it speaks ("春兰来说道": 春兰 comes
		 * and says), the three written just this once: the two are the name (a name ending in
		 * 来 that the text writes again, 胡鑾來, 王福来, is kept) */
		if (take == l3 && len == 3 && nov_zh_han_in("来去", bd + l2) && nov_zh_count(n, bd, l3) < 2) {
			char nm2[8];
			snprintf(nm2, sizeof nm2, "%.6s", bd);
			if (nov_zh_name_ok(n, nm2)) take = l2;
		}
		if (!take) continue;
		if (take == 6 && !memcmp(bd, bd + 3, 3) && !zh_quoted(n, bd, 6) && !zh_before_listener(n, bd)) {
			/* a reduplicated word (隐隐 "faintly", 渐渐, 默默) opening a tag is the manner of the
			 * saying; a doubled name (毛毛, 脱脱) or kin word (妈妈) is called or spoken of in
			 * the quotes too, or is the subject the narration writes before the one it acts on
			 * ("脱脱对顺帝道") */
			const char *g;
			if (nov_zh_role_noun(n, bd, &g) != 6) continue;
		}
		char *nm = xstrndup(bd, take);
		if (nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_localizers")), nm + take - 3)) { free(nm); continue; }   /* "嘴里说": a place, no one */
		/* (a surname and weather is a name when it opens two tags: "林风冷冷地说", "林风黯然道";
		 * zh_name_not_end keeps 白雪 of "白雪落满了屋顶" out of the narration's names) */
		int weather = take == 6 && c2 >= 2 && nov_zh_surname(n, nm) && nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_name_not_end")), nm + 3);
		/* (X家的 ends with 的 as no name does, but is one: the stem is checked) */
		size_t nl = strlen(nm);
		char *stem = kin_cut && take == strlen(bd) ? xstrndup(nm, kin_cut) : nl > 6 && !strcmp(nm + nl - 6, "家的") ? xstrndup(nm, nl - 3) : NULL;
		int ok = (nov_zh_name_ok(n, stem ? stem : nm) || weather) && nov_find_ch(n, nm) < 0;
		free(stem);
		/* a given name of two the text writes just this once, whose first character opens
		 * another tag's name written three times or more and whose second sounds as that
		 * one's does ("腾较道" once, 腾蛟 often: jiào, jiāo): a misprint of that name, which
		 * old texts set by ear; checked against the readings after the loop */
		if (ok && take == 6 && !nov_zh_surname(n, nm) && nov_zh_count(n, nm, 6) == 1 && n_mis < ARRAY_LEN(mis)) {
			const char *other = NULL;
			for (size_t k = 0; k < n_body && !other; k++)
				if (strlen(body[k]) >= 6 && !memcmp(body[k], nm, 3) && memcmp(body[k] + 3, nm + 3, 3) && nov_is_han_at(body[k] + 3) &&
				    nov_zh_count(n, body[k], 6) >= 3)
					other = body[k];
			if (other) {
				char o[8];
				snprintf(o, sizeof o, "%.6s", other);
				if (nov_zh_name_ok(n, o)) {
					mis[n_mis].typo = nm;
					mis[n_mis].name = xstrdup(o);
					mis_a[n_mis] = nm + 3;
					mis_b[n_mis] = mis[n_mis].name + 3;
					n_mis++;
					continue;
				}
			}
		}
		if (ok) nov_add_ch(n, nm);
		free(nm);
	}
	int same[ARRAY_LEN(mis)];
	if (n_mis) nov_zh_homophones(mis_a, mis_b, same, n_mis);
	for (size_t i = 0; i < n_mis; i++) {
		if (same[i]) {
			int w = nov_add_ch(n, mis[i].name);
			xgrow((void **)&n->alias, &n->cap_alias, n->n_alias, sizeof *n->alias);
			n->alias[n->n_alias].a = xstrdup(mis[i].typo);
			n->alias[n->n_alias++].who = w;
		} else if (nov_find_ch(n, mis[i].typo) < 0)
			nov_add_ch(n, mis[i].typo);
		free(mis[i].typo);
		free(mis[i].name);
	}
	zh_given_name_alone(n, body, n_body);
}

/* People the narration calls by a name and a kin ending (zh_kin_endings but 家的, which is a
 * possessive too: 王家的狗), as village prose calls its women and elders (衍太太, 灰五婶,
 * 六一公公): such a word opening a clause of the narration twice or more (outside quotes, at
 * a segment's start or after 。！？；，：) is a person though no speech tag names her. The
 * name before the ending is one to three characters, no pronoun, function word or measure
 * word in it, not a kin prefix alone (大, 二, 老: 老太太, 二婶 name no one in particular), and
 * the whole a name (zh_name_ok) that is no part of one already known. */
static void zh_kin_clause_names(struct nov *n)
{
	struct { char s[24]; int k; } cand[64];
	size_t nc = 0;
	const json_t *ends = json_object_get(n->nd, "zh_kin_endings");
	const char *before = json_string_value(json_object_get(n->nd, "zh_kin_before"));
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			if (n->p[pi].v[si].quote) continue;
			const char *t = n->p[pi].v[si].text;
			for (const char *h = t; *h; h += nov_cp_len(h)) {
				const char *a = h;
				if (h != t && !(h - t >= 3 && (nov_starts(h - 3, "。") || nov_starts(h - 3, "，") || nov_starts(h - 3, "：") ||
				                               nov_starts(h - 3, "！") || nov_starts(h - 3, "？") || nov_starts(h - 3, "；")))) {
					/* (a segment's opening blank: "　　衍太太现在是……") */
					const char *b = t;
					while (b < h && (nov_starts(b, "　") || *b == ' ')) b += nov_cp_len(b);
					if (b != h) continue;
				}
				/* the longest name before an ending: 灰五 of 灰五婶, 衍 of 衍太太 */
				for (int sl = 3; sl >= 1; sl--) {
					const char *e = a;
					int ok = 1;
					for (int k = 0; k < sl && ok; k++) { ok = nov_is_han_at(e); e += nov_cp_len(e); }
					if (!ok) continue;
					size_t ki;
					json_t *kx;
					const char *w = NULL;
					json_array_foreach(ends, ki, kx)
						if (strcmp(json_string_value(kx), "家的") && nov_starts(e, json_string_value(kx))) { w = json_string_value(kx); break; }
					if (!w) continue;
					char stem[16], nm[24];
					snprintf(stem, sizeof stem, "%.*s", (int)(e - a), a);
					snprintf(nm, sizeof nm, "%s%s", stem, w);
					if (zh_has_any(stem, ZH_NOT_IN_KIN_NAME)) break;
					if (nov_starts(stem, "一") || (sl == 1 && nov_zh_han_in(before, stem))) break;
					size_t i;
					for (i = 0; i < nc && strcmp(cand[i].s, nm); i++) {}
					if (i == nc) {
						if (nc == sizeof cand / sizeof *cand) break;
						snprintf(cand[nc].s, sizeof cand[nc].s, "%s", nm);
						cand[nc++].k = 0;
					}
					cand[i].k++;
					break;
				}
			}
		}
	for (size_t i = 0; i < nc; i++) {
		if (cand[i].k < 2 || !nov_zh_name_ok(n, cand[i].s)) continue;
		int known = 0;
		for (size_t c = 0; c < n->n_ch && !known; c++) known = strstr(n->ch[c].name, cand[i].s) || strstr(cand[i].s, n->ch[c].name);
		if (!known) nov_add_ch(n, cand[i].s);
	}
}

/* Pet names of one character and 儿 (宝儿, 四儿, 顺儿) that open three clauses of the
 * narration or more (after 。！？；，：” or a paragraph's start, outside quotes): a person,
 * as a child or a servant is called. Not a word that ends in 儿 (女儿, 这儿, 一会儿, 孩儿:
 * zh_er_not_names), no number that counts, no known name's part. */
static void zh_er_names(struct nov *n)
{
	const char *no = json_string_value(json_object_get(n->nd, "zh_er_not_names"));
	struct { char s[12]; int k; } cand[64];
	size_t nc = 0;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const char *t = n->p[pi].raw;
		int in_quote = 0;
		for (const char *p = t; *p; p += nov_cp_len(p)) {
			if (nov_starts(p, "“")) in_quote = 1;
			else if (nov_starts(p, "”")) in_quote = 0;
			/* (． ends a sentence in some editions, as 。 does: nov_zh_stop) */
			if (in_quote || !(zh_clause_opens(t, p) || (p - t >= 3 && (nov_starts(p - 3, "　") || nov_starts(p - 3, "．")))) || !nov_is_han_at(p) || nov_cp_len(p) != 3 ||
			    nov_zh_han_in(no, p) || nov_zh_pron(n, p))
				continue;
			/* (one character or two before 儿: 宝儿, 随缘儿; not a role or kin word and 儿: 老头儿) */
			size_t sl = nov_starts(p + 3, "儿") ? 3 : nov_is_han_at(p + 3) && nov_starts(p + 6, "儿") ? 6 : 0;
			const char *g;
			if (!sl || !nov_is_han_at(p + sl + 3) || nov_starts(p + sl + 3, "子") || (sl == 6 && nov_zh_role_noun(n, p, &g) >= 6))
				continue;
			char w[12];
			snprintf(w, sizeof w, "%.*s", (int)sl + 3, p);
			size_t i;
			for (i = 0; i < nc && strcmp(cand[i].s, w); i++) {}
			if (i == nc) {
				if (nc == sizeof cand / sizeof *cand) continue;
				snprintf(cand[nc].s, sizeof cand[nc].s, "%s", w);
				cand[nc++].k = 0;
			}
			cand[i].k++;
		}
	}
	for (size_t i = 0; i < nc; i++) {
		if (cand[i].k < 3) continue;
		int known = 0;
		for (size_t c = 0; c < n->n_ch && !known; c++) known = strstr(n->ch[c].name, cand[i].s) != NULL;
		if (!known) nov_add_ch(n, cand[i].s);
	}
}

void nov_names_zh(struct nov *n)
{
	const json_t *suffixes = json_object_get(n->nd, "name_suffix_zh");
	char **body = NULL, **first_cl = NULL;
	size_t n_body = 0, cap_body = 0, n_first = 0, cap_first = 0;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		struct para *pa = &n->p[pi];
		for (size_t si = 0; si < pa->n; si++) {
			const char *t = pa->v[si].text;
			if (pa->v[si].quote) {
				const json_t *intro = json_object_get(n->nd, "self_intro_zh");
				size_t i;
				json_t *x;
				json_array_foreach(intro, i, x) {
					const char *w = json_string_value(x), *q = strstr(t, w);
					if (!q) continue;
					q += strlen(w);
					const char *e = q;
					while (*e && nov_is_han_at(e)) e += nov_cp_len(e);
					/* the name: a surname with one or two characters after it, ending the phrase; none
					 * when a verb or adverb follows the words (小人, 在下: "I") as their predicate
					 * ("小人有包话说": 小人 has words to say, 包话说 is no one) */
					if (nov_zh_han_in("有没不要想会能也都就还已在把被给来去说", q)) continue;
					for (const char *c = q; c < e; c += nov_cp_len(c)) {
						int rest = 0;
						for (const char *r = c + nov_cp_len(c); r < e; r += nov_cp_len(r)) rest++;
						if ((rest == 1 || rest == 2) && nov_zh_surname(n, c)) {
							char *nm = xstrndup(c, (size_t)(e - c));
							if (nov_zh_name_ok(n, nm)) nov_add_ch(n, nm);
							free(nm);
							break;
						}
					}
				}
				continue;
			}
			/* the subject of a speech tag after or before a quote ("夏晓说", "如海笑道：") */
			const char *b, *v, *b0 = NULL;
			size_t used;
			if (((si > 0 && pa->v[si - 1].quote && nov_zh_tag(n, t, 1, &b, &v, &used)) ||
			     (si + 1 < pa->n && pa->v[si + 1].quote && nov_zh_tag(n, t, 0, &b, &v, &used))) &&
			    (b0 = b, !nov_zh_lead(n, &b, v)) &&
			    !(b - b0 >= 3 && nov_zh_han_in("又便忙遂乃", b - 3))) {   /* "又思量道", "又嘱权曰": the subject left out, a verb */
				/* one clause: its opening; several: the verb's own clause ("酒甜，肃曰" -> 肃) */
				const char *ce = b;
				while (ce < v && !nov_starts(ce, "，")) ce += nov_cp_len(ce);
				int several = ce < v;
				if (several) {
					const char *vc = v, *first = b, *first_e = ce;
					while (vc > b && !(vc - b >= 3 && nov_starts(vc - 3, "，"))) { vc--; while (vc > b && ((unsigned char)*vc & 0xC0) == 0x80) vc--; }
					b = vc;
					ce = v;
					nov_zh_lead(n, &b, v);
					/* the verb's clause with no subject of its own, the verb alone or an adverb
					 * before it ("张老听了，说道", "余瑱见是个内监，大喝道"): the sentence's
					 * subject may open its first clause (zh_first_clause_names) */
					if (b == v || zh_no_subject(n, b)) {
						char *fc = xstrndup(first, (size_t)(first_e - first));
						strv_push(&first_cl, &n_first, &cap_first, fc);
						free(fc);
					}
				}
				/* (the verb's clause of a longer sentence names only a one-character name) */
				/* (a character between the subject and the verb that belongs to the verb or to a
				 * group, zh_before_said, is no part of the name: 蹇叔 of "蹇叔对曰", 宗泽 of
				 * "宗泽奏道", 马九 of "马九等说") */
				if (ce == v)
					while (ce - b > 3 && nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_before_said")), ce - 3)) ce -= 3;
				/* (a preposition of speaking to someone after the subject, 向 对: what follows it is the
				 * one spoken to, "璨真嘗向順帝奏道" is 璨真's line to 順帝, there is no 向順帝) */
				if (!zh_no_subject(n, b) && !nov_zh_han_in("嘗尝常曾", b))
					for (const char *p = b + 3; p + 6 <= ce; p += nov_cp_len(p))
						if (nov_zh_han_in("向对對", p)) {
							ce = p;   /* (and the adverb before it: 嘗, 常, 又) */
							while (ce - b > 6 && (nov_zh_han_in("嘗尝常曾", ce - 3) || zh_no_subject(n, ce - 3))) ce -= 3;
							break;
						}
				if (!(several && utf8_len(b) > 1 && (size_t)(v - b) > 3) && ce > b) {
					char *bd = xstrndup(b, (size_t)(ce - b));
					strv_push(&body, &n_body, &cap_body, bd);
					free(bd);
				}
			}
			/* 鲍老板, 高夫人; a surname, a rank among siblings and a kin ending: 杨二嫂, 何九叔 */
			size_t i;
			json_t *x;
			json_array_foreach(suffixes, i, x) {
				const char *w = json_string_value(x);
				size_t l = strlen(w);
				for (const char *q = strstr(t, w); q; q = strstr(q + l, w)) {
					/* (opening a clause or after 的/个/位/叫: not "镇上二叔") */
					/* (here a surname that is a common word too counts: 单四嫂子; zh_surnames_weak) */
					if (q - t >= 6 && nov_zh_han_in("二三四五六七八九", q - 3) && nov_in_list(json_object_get(n->nd, "zh_number_name_ends"), w) &&
					    (nov_zh_surname(n, q - 6) || nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_surnames_weak")), q - 6)) &&
					    (nov_zh_opens(t, q - 6) || (q - t >= 9 && nov_zh_han_in("的个位叫", q - 9)))) {
						char *nm = xstrndup(q - 6, l + 6);
						if (nov_find_ch(n, nm) < 0 && nov_zh_name_ok(n, nm)) nov_add_ch(n, nm);
						free(nm);
						continue;
					}
					/* (a one-character title or kin word, 总 叔 嫂, after a surname's character
					 * that ends the word before it, "点钟总仍旧", "如何总不", is no name unless
					 * written twice or opening a clause) */
					if (l == 3 && q - t >= 6 && nov_is_han_at(q - 6) && !nov_zh_opens(t, q - 3) &&
					    !nov_zh_han_in("的个位叫是和跟对向问找见给与同把被让请及", q - 6) && zh_written(n, q - 3, q + l) < 2)
						continue;
					/* (a surname that is also a preposition, 向 于, inside a clause is the preposition:
					 * "因向公子道" speaks to 公子, there is no 向公子) */
					/* (nor the classical narrator's 我 and a title: 余先生 is no 余, nov_zh_me) */
					/* (nor a surname's character that closes a word with the one before it: 华 of
					 * "豪华公子", a splendid young man; 孙 of "王孙公子", nov_zh_word2) */
					if (q - t >= 3 && nov_zh_surname(n, q - 3) && !nov_zh_me(n, q - 3) && !(q - t >= 6 && nov_zh_word2(q - 6)) &&
					    !(nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_name_stop")), q - 3) && !nov_zh_opens(t, q - 3)) &&
					    !nov_zh_function_and_role(n, q - 3, l + 3)) {
						char *nm = xstrndup(q - 3, l + 3), pre[4], *full = NULL;
						if (zh_always_tail(n, nm, pre)) {   /* 祥林嫂, not 林嫂 */
							full = xmalloc(strlen(nm) + 4);
							sprintf(full, "%s%s", pre, nm);
						}
						if (!full || nov_find_ch(n, full) < 0) nov_add_ch(n, full ? full : nm);
						free(full);
						free(nm);
					}
				}
			}
		}
	}
	zh_names_from_bodies(n, body, n_body);
	zh_first_clause_names(n, first_cl, n_first, body, n_body);
	for (size_t i = 0; i < n_body; i++) free(body[i]);
	free(body);
	for (size_t i = 0; i < n_first; i++) free(first_cl[i]);
	free(first_cl);
	zh_names_from_clauses(n);
	zh_numbered_clause_names(n);
	zh_kin_clause_names(n);
	zh_er_names(n);
}
