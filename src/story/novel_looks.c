/* story/novel_looks.c — what a novel's narration says a person looks like ("He wore a robe of
 * dark silk embroidered with golden cranes", "门口站着一个浑身湿透的男人，穿着绣金鹤的黑色长袍"), kept
 * as that person's description for the design stage (art/look.c reads colours, garments and
 * hair from it).
 *
 * Nothing here resolves a person: nov_refs (novel_names.c) has just read the sentence and
 * left where each one it resolved stands (n->ref_at: names, he / she / 他 / 她, "the man" / 男人
 * placeholders that later merge into a name); a clause is kept only when one of those stands
 * as its subject right before the cue ("He still wore", "他还穿着", "Her hair was"), or the
 * clause has no subject and its sentence names exactly one person before it ("Rui came in,
 * wearing ...", "门口站着一个……男人，穿着……"), or it modifies one ("一个穿着黑袍的男人", "a man
 * in a grey coat"). In English build and age count too ("He was a large man", "Mary Ann was a
 * tall girl"). Anything less certain is left out: a wrong description is worse than none
 * (a room's "wore", "wore a smile" without a garment, "一身冷汗" without clothes).
 *
 *   nov_refs(n, t, len, ...); nov_looks_read(n, t, len);    (novel.c: narrate, narrate_refs)
 *   char *d = nov_looks_of(n, i); ... free(d);              (the cast)
 *   nov_looks_free(n);
 */
#include "story/novel.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define LOOK_MAX_EN 160   /* bytes of one English clause kept */
#define LOOK_MAX_ZH 30    /* characters of one Chinese clause kept */

/* the longest entry of list that is written at p (before e): its length, else 0; English
 * entries match whole words, any case */
static size_t list_at(struct nov *n, const json_t *list, const char *p, const char *e)
{
	size_t best = 0, i;
	json_t *x;
	json_array_foreach(list, i, x) {
		const char *w = json_string_value(x);
		size_t l = w ? strlen(w) : 0;
		if (!l || l <= best || (size_t)(e - p) < l) continue;
		if (n->zh ? memcmp(p, w, l) : strncasecmp(p, w, l) || (p + l < e && isalpha((unsigned char)p[l]))) continue;
		best = l;
	}
	return best;
}

static int zh_clause_mark(const char *p)
{
	return nov_starts(p, "，") || nov_starts(p, "；") || nov_starts(p, "：") || nov_starts(p, "、") || nov_starts(p, "——");
}

static int sentence_end(struct nov *n, const char *p, const char *e)
{
	if (n->zh) return nov_starts(p, "。") || nov_starts(p, "！") || nov_starts(p, "？") || nov_starts(p, "…");
	return strchr(".!?", *p) && (p + 1 >= e || p[1] == ' ' || p[1] == '"');
}

/* where the clause that holds x begins (after a comma, semicolon or colon, or at s) */
static const char *clause_start(struct nov *n, const char *s, const char *x)
{
	const char *c = s;
	for (const char *p = s; p < x; p += nov_cp_len(p))
		if (n->zh ? zh_clause_mark(p) : strchr(",;:", *p) != NULL) c = p + (n->zh ? nov_cp_len(p) : 1);
	while (c < x && *c == ' ') c++;
	return c;
}

/* where the clause from x ends: the sentence's end, a semicolon or colon; in English also a
 * comma that opens another clause (", and", ", but", ", while", ", then", ", as"), in Chinese
 * any comma (the next clause is about something else as often as not) */
static const char *clause_end(struct nov *n, const char *x, const char *e)
{
	static const char *const next[] = { ", and ", ", but ", ", while ", ", then ", ", as ", ", so ", ", which ", " and then ", "--", "\xE2\x80\x94" };
	for (const char *p = x; p < e; p += nov_cp_len(p)) {
		if (sentence_end(n, p, e)) return p;
		if (n->zh ? zh_clause_mark(p) : (*p == ';' || *p == ':' || *p == '(')) return p;
		for (size_t k = 0; !n->zh && k < sizeof next / sizeof *next; k++)
			if (!strncmp(p, next[k], strlen(next[k]))) return p;
	}
	return e;
}

/* 1 if [a, b) holds only the words a subject may have before its verb ("still", "now",
 * "quietly", ", who"; 还, 也, 依然, 的): "He still wore", "他的头发" */
static int gap_ok(struct nov *n, const char *a, const char *b)
{
	const json_t *gap = nov_vocab(n, "looks_gap");
	int words = 0;
	while (a < b) {
		if (*a == ' ' || *a == ',') { a++; continue; }
		size_t l = list_at(n, gap, a, b);
		if (!l && !n->zh) {   /* an adverb in -ly */
			size_t wl = nov_word_at(a);
			if (wl > 3 && a + wl <= b && !strncmp(a + wl - 2, "ly", 2)) l = wl;
		}
		if (!l || ++words > 3) return 0;
		a += l;
	}
	return 1;
}

/* 1 if a garment (looks_garments_en, written in lower case; with colours 1, a colour or cloth
 * too: looks_colours_en) or, in Chinese, a character of clothes or hair (looks_things_zh) is
 * written in [a, e) */
static int has_garment(struct nov *n, const char *a, const char *e, int colours)
{
	const json_t *g = nov_vocab(n, n->zh ? "looks_things" : "looks_garments"), *c = nov_vocab(n, "looks_colours");
	for (const char *p = a; p < e; p += n->zh ? nov_cp_len(p) : 1) {
		if (n->zh) { if (list_at(n, g, p, e)) return 1; continue; }
		if (!islower((unsigned char)*p) || (p > a && isalpha((unsigned char)p[-1]))) continue;
		if (list_at(n, g, p, e) || (colours && list_at(n, c, p, e))) return 1;
		size_t wl = nov_word_at(p);   /* (a plural: "round banking suits of pepper and salt") */
		if (wl > 3 && p + wl <= e && p[wl - 1] == 's' && list_at(n, g, p, p + wl - 1)) return 1;
	}
	return 0;
}

/* the end of the garment that "in" at x (l bytes) names within five words ("in a grey coat"),
 * or of the colour right after it ("in black"); NULL for anything else ("in the room", "in a
 * yellow glare") */
static const char *in_garment(struct nov *n, const char *x, size_t l, const char *ce)
{
	const char *ge = x + l;
	for (int w = 0; w < 5 && ge < ce; w++) {
		while (ge < ce && *ge == ' ') ge++;
		size_t wl = nov_word_at(ge);
		if (!wl) break;
		ge += wl;
		if (ge > ce) break;
		if (has_garment(n, ge - wl, ge, 0)) return ge;
	}
	ge = x + l;
	while (ge < ce && *ge == ' ') ge++;
	size_t wl = nov_word_at(ge);
	return wl && ge + wl <= ce && has_garment(n, ge, ge + wl, 1) && (ge + wl == ce || !isalpha((unsigned char)ge[wl + 1])) ? ge + wl : NULL;
}

/* 1 if the ref r is only a pronoun (he, she, his, her; 他, 她) */
static int is_pronoun(struct nov *n, const char *t, const struct nov_ref_at *r)
{
	if (r->poss) return 1;
	const char *p = t + r->off;
	return list_at(n, nov_vocab(n, "looks_pronouns"), p, t + r->end) == r->end - r->off;
}

/* 1 if the ref r is the English word "her" (object or possessive, never a subject) */
static int is_her(struct nov *n, const char *t, const struct nov_ref_at *r)
{
	return !n->zh && r->end - r->off == 3 && !strncasecmp(t + r->off, "her", 3);
}

/* 1 if the ref r is a capitalised word that is only a part of the name it was read as ("Harling"
 * of "Frances Harling in a befrogged riding costume" read as Mrs. Harling) */
static int part_name(struct nov *n, const char *t, const struct nov_ref_at *r)
{
	const char *name = n->ch[nov_follow(n, r->who)].name;
	return isupper((unsigned char)t[r->off]) && !n->ch[nov_follow(n, r->who)].placeholder &&
	       (strlen(name) != r->end - r->off || strncmp(name, t + r->off, r->end - r->off));
}

/* 1 if the subject r may be trusted: a name, role or "the man"; a pronoun only when the
 * sentence before (in this paragraph) opened with the one it stands for and this paragraph
 * named that one ("The man did not seem to hear her. He wore ..."; not "Our visitor bore every
 * mark of ... He wore ...", where "he" is the last man named, Holmes). In English the pronoun
 * must open its sentence ("that he wore a blue coat" is said of one the sentence is not about). */
static int subject_ok(struct nov *n, const char *t, const char *s, const struct nov_ref_at *r)
{
	if (!is_pronoun(n, t, r)) return 1;
	if (!n->zh && t + r->off != s) return 0;
	int who = nov_follow(n, r->who), named = 0;
	for (size_t i = 0; i < n->n_looks_named && n->looks_p == n->cur_p; i++) named |= nov_follow(n, n->looks_named[i]) == who;
	if (n->looks_prev_p != n->cur_p) return 0;
	/* (in English, a "he" after a sentence that opened with him, named in this paragraph or
	 * not: Conrad "When he raised them, they were ... His hair was fair", Wiggin, Norris, Orczy;
	 * corpus 4 more persons, all 4 right. Not in Chinese: 鲁迅 范爱农 "他眼睛还是那样……。他穿着很旧
	 * 的布马褂" after "你是范爱农！" in a quote - the importer's 他 there is 徐伯荪) */
	if (nov_follow(n, n->looks_prev) == who && (named || !n->zh)) return 1;
	if (!named) return 0;
	/* ("Downstairs they went, Joseph very red, Rebecca very modest. She was dressed in white":
	 * the only one of her sex the sentence before names) */
	int in = 0;
	for (size_t i = 0; i < n->n_looks_prev_refs; i++) {
		int o = nov_follow(n, n->looks_prev_refs[i]);
		if (o == who) in = 1;
		else if (!n->ch[o].gender || str_eq(n->ch[o].gender, n->ch[who].gender)) return 0;
	}
	return in && n->ch[who].gender;
}

/* keep the text [a, b) for person who (once) */
static void keep(struct nov *n, int who, const char *a, const char *b)
{
	while (a < b && *a == ' ') a++;
	while (b > a && (b[-1] == ' ' || b[-1] == ',')) b--;
	size_t max = n->zh ? 0 : LOOK_MAX_EN;
	if (n->zh) {
		const char *p = a;
		for (size_t k = 0; p < b && k < LOOK_MAX_ZH; k++) p += nov_cp_len(p);
		if (p < b) return;   /* (a clause that long says more than how one looks) */
	} else if ((size_t)(b - a) > max) {
		const char *cut = a + max;   /* (at the last comma in its second half, else a space) */
		while (cut > a + max / 2 && *cut != ',') cut--;
		if (*cut != ',') for (cut = a + max; cut > a && *cut != ' '; cut--) {}
		b = cut;
	}
	if (b <= a || who < 0) return;
	char *t = xstrndup(a, (size_t)(b - a));
	if (!n->zh) t[0] = (char)toupper((unsigned char)t[0]);
	for (size_t i = 0; i < n->n_looks; i++)
		if (n->looks[i].who == who && !strcmp(n->looks[i].text, t)) { free(t); return; }
	xgrow((void **)&n->looks, &n->cap_looks, n->n_looks, sizeof *n->looks);
	n->looks[n->n_looks++] = (struct nov_look){ who, t };
}

/* the one ref of [s, x) in t when the sentence names exactly one person before x (a possessive
 * does not count), else -1 */
static const struct nov_ref_at *only_ref(struct nov *n, const char *t, const char *s, const char *x)
{
	const struct nov_ref_at *one = NULL;
	for (size_t i = 0; i < n->n_ref_at; i++) {
		const struct nov_ref_at *r = &n->ref_at[i];
		if (t + r->off < s || t + r->end > x) continue;
		if (r->poss) return NULL;
		if (one && nov_follow(n, one->who) != nov_follow(n, r->who)) return NULL;
		if (!one) one = r;
	}
	return one;
}

/* the last ref that ends at or before x in the sentence from s */
static const struct nov_ref_at *ref_before(struct nov *n, const char *t, const char *s, const char *x)
{
	const struct nov_ref_at *last = NULL;
	for (size_t i = 0; i < n->n_ref_at; i++)
		if (t + n->ref_at[i].off >= s && t + n->ref_at[i].end <= x) last = &n->ref_at[i];
	return last;
}

static const struct nov_ref_at *ref_at_pos(struct nov *n, const char *t, const char *x)
{
	for (size_t i = 0; i < n->n_ref_at; i++)
		if (t + n->ref_at[i].off == x) return &n->ref_at[i];
	return NULL;
}

/* the end of "a tall, thin man" at x: an article, one to four words of build or age
 * (looks_build_en, commas and "and" between) and a person noun (newcomer_nouns_en); else NULL */
static const char *build_phrase(struct nov *n, const char *x, const char *e)
{
	const json_t *build = nov_vocab(n, "looks_build"), *nouns = nov_vocab(n, "newcomer_nouns");
	if (!strncmp(x, "a ", 2)) x += 2;
	else if (!strncmp(x, "an ", 3)) x += 3;
	else return NULL;
	int words = 0;
	for (;;) {
		while (x < e && (*x == ' ' || *x == ',')) x++;
		if (!strncmp(x, "and ", 4)) { x += 4; continue; }
		size_t l = list_at(n, build, x, e);
		if (!l) break;
		x += l;
		words++;
	}
	if (!words || words > 4) return NULL;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)nouns, k, v) {
		size_t l = strlen(k);
		if ((size_t)(e - x) >= l && !strncmp(x, k, l) && (x + l == e || !isalpha((unsigned char)x[l]))) return x + l;
	}
	return NULL;
}

/* English: the cues of the sentence [s, e) of t */
static void sentence_en(struct nov *n, const char *t, const char *s, const char *e)
{
	const json_t *verbs = nov_vocab(n, "looks_verbs"), *open = nov_vocab(n, "looks_open"), *body = nov_vocab(n, "looks_body");
	for (const char *x = s; x < e; x++) {
		if (x > s && isalpha((unsigned char)x[-1])) continue;
		if (!isalpha((unsigned char)*x)) continue;
		const char *ce = clause_end(n, x, e);
		const struct nov_ref_at *r = ref_before(n, t, s, x);
		size_t l;
		/* "He wore a robe ...", "Mr. Bao, who was dressed in grey," */
		if ((l = list_at(n, verbs, x, e)) != 0) {
			const char *end = ce;
			if (l >= 2 && !strncasecmp(x + l - 2, "in", 2)) end = in_garment(n, x, l, ce);   /* ("was in the room") */
			else if (!has_garment(n, x + l, ce, 1)) end = NULL;   /* ("wore a smile") */
			if (end && r && !r->poss && !is_her(n, t, r) && gap_ok(n, t + r->end, x) && subject_ok(n, t, s, r))
				keep(n, nov_follow(n, r->who), t + r->off, ce);
			x += l - 1;
			continue;
		}
		/* "He was a stout man", "Ann was a tall girl": build and age, the subject right before */
		if (r && !r->poss && !is_her(n, t, r) && (!strncmp(x, "was ", 4) || !strncmp(x, "is ", 3)) && t + r->end + 1 == x &&
		    t + r->off == clause_start(n, s, x) && build_phrase(n, x + (x[0] == 'w' ? 4 : 3), ce) && subject_ok(n, t, s, r)) {
			keep(n, nov_follow(n, r->who), t + r->off, ce);
			continue;
		}
		/* "Her hair was wet", "His beard had gone grey", "Xia's hair" opening a clause */
		if ((l = list_at(n, body, x, e)) != 0) {
			const char *o = x - 1;
			if (o - s >= 2 && !strncmp(o - 2, "'s ", 3)) o -= 2;
			else if (o - s >= 4 && !strncmp(o - 4, "\xE2\x80\x99s ", 5)) o -= 4;
			if (r && t + r->end == o && t + r->off == clause_start(n, s, x) && x + l + 1 < ce && nov_word_at(x + l + 1) && subject_ok(n, t, s, r))
				keep(n, nov_follow(n, r->who), t + r->off, ce);
			x += l - 1;
			continue;
		}
		if ((l = list_at(n, open, x, e)) == 0) continue;
		const char *end = ce;
		if (l == 2) end = in_garment(n, x, l, ce);   /* ("in" needs a garment after it: "in a grey coat", not "in the room") */
		else if (!has_garment(n, x + l, ce, 1)) end = NULL;
		if (!end) continue;
		/* "a tall man in a grey coat", "Rui in his wet robe": right after the person, named */
		if (r && t + r->end + 1 == x && !is_pronoun(n, t, r) && !part_name(n, t, r)) {
			keep(n, nov_follow(n, r->who), t + r->off, end);
			continue;
		}
		/* "Rui came in, wearing ...": a clause of its own, the sentence opened by its one person */
		const struct nov_ref_at *one = only_ref(n, t, s, x);
		if (one && t + one->off == s && !is_her(n, t, one) && clause_start(n, s, x) == x && x > s && subject_ok(n, t, s, one))
			keep(n, nov_follow(n, one->who), x, end);
	}
}

/* the number of characters in [a, b) */
static size_t chars(const char *a, const char *b)
{
	size_t k = 0;
	for (; a < b; a += nov_cp_len(a)) k++;
	return k;
}

/* 1 if r is the one the clause [c, ce) is about: it ends the clause ("殿上坐着一个老道，", "众人看
 * 周进时，"), or opens it and no verb in it brings on someone else ("孙先生是个教书的，"; not "周进
 * 看那人时，", "四斗子进去请了大老爹出来，": looks_other_zh) */
static int zh_clause_subject(struct nov *n, const char *t, const char *c, const char *ce, const struct nov_ref_at *r)
{
	const char *p = t + r->end;
	while (p < ce && nov_zh_han_in("时了来", p)) p += 3;
	if (p >= ce) return 1;
	if (t + r->off != c) return 0;
	for (p = t + r->end; p < ce; p += nov_cp_len(p))
		if (list_at(n, nov_vocab(n, "looks_other"), p, ce)) return 0;
	return 1;
}

/* Chinese: the cues of the sentence [s, e) of t */
static void sentence_zh(struct nov *n, const char *t, const char *s, const char *e)
{
	const json_t *verbs = nov_vocab(n, "looks_verbs"), *body = nov_vocab(n, "looks_body");
	int chain = -1;              /* the one the last clause kept dressed, */
	const char *chain_end = NULL;   /* and where that clause ends */
	for (const char *x = s; x < e; x += nov_cp_len(x)) {
		size_t l = list_at(n, verbs, x, e), lb = l ? 0 : list_at(n, body, x, e);
		if (!l && !lb) continue;
		const char *cs = clause_start(n, s, x), *ce = clause_end(n, x, e);
		x += (l ? l : lb) - 3;   /* (the loop steps one character) */
		/* (a verb needs clothes or hair after it and some words for them: not 一身冷汗, 他穿了衣裳;
		 * hair needs something said of it: not a bare 头发) */
		if (l && (!has_garment(n, x + 3, ce, 0) || chars(x + 3, ce) < 2 || list_at(n, nov_vocab(n, "looks_plain"), x + 3, ce) == (size_t)(ce - x - 3))) continue;
		if (lb && chars(x + 3, ce) < 2) continue;
		const char *cue = x + 3 - (l ? l : lb);
		const struct nov_ref_at *r = ref_before(n, t, cs, cue);
		/* "他还穿着……", "他的头发……" */
		if (r && gap_ok(n, t + r->end, cue)) {
			if (subject_ok(n, t, s, r)) { keep(n, nov_follow(n, r->who), t + r->off, ce); chain = nov_follow(n, r->who); chain_end = ce; }
			continue;
		}
		/* "一个穿着黑袍的男人", "白发苍苍的老人": the cue's phrase modifies the one right after 的 */
		const char *de = NULL;
		for (const char *p = cue; p < ce && !de; p += nov_cp_len(p))
			if (nov_starts(p, "的") && (r = ref_at_pos(n, t, p + 3)) != NULL && !is_pronoun(n, t, r) && chars(cue, p) >= 3) de = p;
		if (de) { keep(n, nov_follow(n, r->who), cue, de); continue; }
		/* "门口站着一个浑身湿透的男人，穿着……": a clause with no subject after one that names one person */
		if (cs != cue || cue <= s) continue;
		/* "头戴一顶旧毡帽，身穿元色绸旧直裰": the next piece of a list of clothes is the same one's */
		if (chain >= 0 && chain_end == cs - 3 && !ref_before(n, t, cs, cue)) { keep(n, chain, cue, ce); chain_end = ce; continue; }
		const char *pcs = clause_start(n, s, cs - 3);
		r = only_ref(n, t, pcs, cs);
		if (r && only_ref(n, t, s, cs) && zh_clause_subject(n, t, pcs, cs - 3, r) && subject_ok(n, t, s, r)) {
			keep(n, nov_follow(n, r->who), cue, ce);
			chain = nov_follow(n, r->who);
			chain_end = ce;
		}
	}
}

/* after sentence [s, e) of t: the one it opens with (its first ref), and those it names by name */
static void sentence_done(struct nov *n, const char *t, const char *s, const char *e)
{
	if (n->looks_p != n->cur_p) { n->looks_p = n->cur_p; n->n_looks_named = 0; }
	n->looks_prev = -1;
	n->looks_prev_p = n->cur_p;
	n->n_looks_prev_refs = 0;
	for (size_t i = 0; i < n->n_ref_at; i++) {
		const struct nov_ref_at *r = &n->ref_at[i];
		if (t + r->off < s || t + r->end > e) continue;
		if (n->looks_prev < 0 && !r->poss) n->looks_prev = r->who;
		if (n->n_looks_prev_refs < sizeof n->looks_prev_refs / sizeof *n->looks_prev_refs) n->looks_prev_refs[n->n_looks_prev_refs++] = r->who;
		if (!is_pronoun(n, t, r) && n->n_looks_named < sizeof n->looks_named / sizeof *n->looks_named) n->looks_named[n->n_looks_named++] = r->who;
	}
}

static void sentence(struct nov *n, const char *t, const char *s, const char *e)
{
	if (n->looks_p != n->cur_p) { n->looks_p = n->cur_p; n->n_looks_named = 0; n->looks_prev = -1; }
	if (n->zh) sentence_zh(n, t, s, e); else sentence_en(n, t, s, e);
	sentence_done(n, t, s, e);
}

void nov_looks_read(struct nov *n, const char *t, size_t len)
{
	const char *e = t + len, *s = t;
	for (const char *p = t; p < e; p += nov_cp_len(p)) {
		if (!sentence_end(n, p, e)) continue;
		const char *q = p + nov_cp_len(p);
		sentence(n, t, s, q);
		s = q;
		while (s < e && *s == ' ') s++;
	}
	/* (a sentence the chunk cuts, novel.c next_chunk at 170 characters: read up to its last
	 * comma, so that a clause ends at a boundary, not "with a round banking hat of") */
	const char *c = NULL;
	for (const char *p = s; p < e; p += nov_cp_len(p))
		if (n->zh ? zh_clause_mark(p) : *p == ',' || *p == ';') c = p;
	if (c) sentence(n, t, s, c);
}

char *nov_looks_of(struct nov *n, int i)
{
	if (i < 0 || n->ch[i].placeholder) return NULL;   /* (a "Stranger" never named is every unnamed man at once) */
	struct sbuf b = { 0 };
	int k = 0;
	for (size_t j = 0; j < n->n_looks && k < 2; j++) {
		if (nov_follow(n, n->looks[j].who) != i) continue;
		if (k) sb_add(&b, n->zh ? "；" : "; ");
		sb_add(&b, n->looks[j].text);
		k++;
	}
	if (!k) return NULL;
	sb_add(&b, n->zh ? "。" : ".");
	return b.s;
}

void nov_looks_free(struct nov *n)
{
	for (size_t i = 0; i < n->n_looks; i++) free(n->looks[i].text);
	free(n->looks);
	n->looks = NULL;
	n->n_looks = n->cap_looks = 0;
}
