/* story/novel_zh.c — Chinese people that no speech tag names, and the other names each
 * person goes by, joined with their owner (pass 1 of the novel importer).
 *
 *   nov_zh_people (after nov_names_zh, nov_roles_zh): kin words (二叔, 婆婆, 国哥) and pet
 *     names (小吴, 小六子, 老林) that open two clauses of the narration are people; a name
 *     found cut short (陈志, always written 陈志刚) gets its last character; a name
 *     introduced by 叫/名唤 ("二叔叫赵德贵", "姓柳，名唤如烟") is a name of the one the
 *     sentence is about, or a new person; a name with no surname (子君, 阿户耶, 爱罗先珂)
 *     that the narration repeats where a person stands and calls 他/她 is a person
 *     (bare_names).
 *   nov_zh_join (after nov_naming): the given name without its surname (晓雯 for 周晓雯),
 *     小/老 and a surname (小吴, 老林) and a surname and a title or kin word (王大姐, 赵镖头,
 *     柳姑娘) when one person has that surname join their owner as merged characters, so
 *     narration, tags and words of address find the owner under any of them ("我一向叫他
 *     国哥" is nov_naming's, novel_roles.c).
 * The word lists are data/story_import/import.json "novel": zh_kin_male, zh_kin_female,
 * zh_kin_before, zh_pet_before, zh_name_stop, zh_address_titles, zh_intro_name. */
#include "story/novel.h"

#include <stdlib.h>
#include <string.h>

static const char *word(struct nov *n, const char *key)
{
	return json_string_value(json_object_get(n->nd, key));
}

/* The character (index, not followed) named exactly s, or -1. */
static int exact(struct nov *n, const char *s, size_t l)
{
	for (size_t c = 0; c < n->n_ch; c++)
		if (n->ch[c].len == l && !memcmp(n->ch[c].name, s, l)) return (int)c;
	return -1;
}

/* Name [s, s+l) is another name of owner: a merged character (added if new). */
static void join(struct nov *n, const char *s, size_t l, int owner)
{
	owner = nov_follow(n, owner);
	if (owner < 0) return;
	int c = exact(n, s, l);
	if (c >= 0 && (nov_follow(n, c) == owner || c == n->narrator || n->ch[c].placeholder)) return;
	if (nov_zh_two_people(n, s, l, owner)) return;   /* ("王建国和小王": two people, novel_guard_zh.c) */
	if (c < 0) {
		char *nm = xstrndup(s, l);
		c = nov_add_ch(n, nm);
		free(nm);
		if (nov_follow(n, c) == owner) return;
	}
	n->ch[c].merged = owner;
	if (!n->ch[owner].gender) n->ch[owner].gender = n->ch[c].gender;
}

/* A kin word at p (二叔, 婆婆, 堂哥, 国哥): its length (6) or 0; *g its gender. */
static size_t kin_at(struct nov *n, const char *p, const char **g)
{
	if (!nov_is_han_at(p) || !nov_is_han_at(p + 3)) return 0;
	const char *k = p + 3;
	int male = nov_zh_han_in(word(n, "zh_kin_male"), k), female = nov_zh_han_in(word(n, "zh_kin_female"), k);
	if (!male && !female) return 0;
	*g = male ? "male" : "female";
	if (!memcmp(p, k, 3) || nov_zh_han_in(word(n, "zh_kin_before"), p)) return 6;
	/* one character of a given name and 哥/姐 (国哥, 梅姐) */
	if ((nov_starts(k, "哥") || nov_starts(k, "姐")) && !nov_zh_han_in(word(n, "zh_name_stop"), p) && !nov_zh_han_in("他她我你它谁", p)) return 6;
	return 0;
}

/* A pet name at p: 小/老/阿 and one character, and 子 or 儿 after it (小六子), or a surname
 * (小吴) or given name's character (小芳), or one the quotes use too (小满); no place or
 * thing (老街, 小猫); its length or 0. */
static size_t pet_at(struct nov *n, const char *p)
{
	if (!nov_zh_han_in(word(n, "zh_pet_before"), p) || !nov_is_han_at(p + 3) || !memcmp(p, p + 3, 3)) return 0;
	if (nov_zh_han_in(word(n, "zh_name_stop"), p + 3) || nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_verbs_after")), p + 3) ||
	    nov_zh_han_in(word(n, "zh_pet_not"), p + 3))   /* 老街, 小猫, 老板 */
		return 0;
	if (nov_starts(p + 6, "子") || nov_starts(p + 6, "儿")) return 9;
	/* 小吴 (a surname), 小芳 (a given name's character), or one the quotes use too (“小满，……”) */
	if (nov_zh_surname(n, p + 3) || nov_zh_han_in(word(n, "zh_given_female"), p + 3) || nov_zh_han_in(word(n, "zh_given_male"), p + 3)) return 6;
	char w[8];
	snprintf(w, sizeof w, "%.6s", p);
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++)
			if (n->p[pi].v[si].quote && strstr(n->p[pi].v[si].text, w)) return 6;
	return 0;
}

/* 1 if the character at p opens words, not given names (the stop lists, a pronoun) */
static int opens_word(struct nov *n, const char *p)
{
	static const char *const no[] = { "zh_name_stop", "zh_not_name_start", "zh_verb_endings", "zh_verbs_after", "zh_listener_before", "zh_kin_before", "zh_pet_before", NULL };
	for (int k = 0; no[k]; k++)
		if (nov_zh_han_in(word(n, no[k]), p)) return 1;
	return nov_zh_han_in("他她我你它谁", p);
}

/* A given name with no surname at p (秀英, 建国): two characters, the second one that ends
 * given names (zh_given_female / zh_given_male), the first no word's opening, called by a
 * quote (“秀英，……”), before a said-verb, in a clause that leads into a quote or before
 * 她/他; 6 or 0. */
static size_t given_at(struct nov *n, const char *p)
{
	if (!nov_is_han_at(p) || !nov_is_han_at(p + 3) || nov_zh_surname(n, p)) return 0;
	if (!nov_zh_han_in(word(n, "zh_given_female"), p + 3) && !nov_zh_han_in(word(n, "zh_given_male"), p + 3)) return 0;
	/* (not a place: 西海, 笔峰) */
	if (nov_zh_han_in(word(n, "zh_given_not_alone"), p) || nov_zh_han_in(word(n, "zh_given_not_alone"), p + 3)) return 0;
	if (opens_word(n, p)) return 0;
	/* a person the quotes name or a said-verb follows (not 月亮, 安静) */
	char w[8];
	snprintf(w, sizeof w, "%.6s", p);
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			const char *t = n->p[pi].v[si].text;
			for (const char *h = strstr(t, w); h; h = strstr(h + 6, w)) {
				size_t vl;
				const char *e = h + 6;
				for (int k = 0; k < 4 && nov_is_han_at(e); k++) e += 3;
				/* (in a quote only when it calls someone: “秀英，……”; “既破祖军，……” names an army) */
				int called = n->p[pi].v[si].quote && h == t && (nov_starts(h + 6, "，") || nov_starts(h + 6, "！") || nov_starts(h + 6, "？"));
				if (called || (!n->p[pi].v[si].quote && nov_said_zh(n, h + 6, e, &vl) == h + 6)) return 6;
				/* or leads into a quote ("秀英便转向老汉：“……"), or 她/他 follows ("……的秀英。她看见") */
				const char *c = h + 6;
				while (*c && !nov_starts(c, "。") && !nov_starts(c, "：") && !nov_starts(c, "，") && !nov_starts(c, "！") && !nov_starts(c, "？")) c += nov_cp_len(c);
				if (nov_starts(c, "：") || ((nov_starts(c, "。") || nov_starts(c, "，")) && (nov_starts(c + 3, "她") || nov_starts(c + 3, "他")))) return 6;
			}
		}
	return 0;
}

static int title_word(struct nov *n, const char *s, size_t l);

/* A given name the quotes call out whole twice or more (“学程！”, “学程，我就要问你”) and
 * that is no word's opening (the stop lists of given_at): 6 or 0 (kin_and_pets wants two
 * clause openings in the narration too). */
static size_t called_at(struct nov *n, const char *p)
{
	if (!nov_is_han_at(p) || !nov_is_han_at(p + 3) || nov_zh_surname(n, p) || opens_word(n, p) || nov_zh_han_in(word(n, "zh_name_stop"), p + 3)) return 0;
	const char *g;
	if (kin_at(n, p, &g) || title_word(n, p, 6)) return 0;
	int k = 0;
	for (size_t pi = 0; pi < n->n_p && k < 2; pi++)
		for (size_t si = 0; si < n->p[pi].n && k < 2; si++) {
			const char *q = n->p[pi].v[si].text;
			k += n->p[pi].v[si].quote && !strncmp(q, p, 6) && (nov_starts(q + 6, "！") || nov_starts(q + 6, "，"));
		}
	return k >= 2 ? 6 : 0;
}

/* A surname and one character that ends given names (江涛, 苏晴) written three times: 6 or 0
 * (a surname and any character needs three clause openings: nov_names_zh). */
static size_t surname_given_at(struct nov *n, const char *p)
{
	if (!nov_zh_surname(n, p) || !nov_is_han_at(p + 3)) return 0;
	if (!nov_zh_han_in(word(n, "zh_given_female"), p + 3) && !nov_zh_han_in(word(n, "zh_given_male"), p + 3)) return 0;
	if (nov_zh_han_in(word(n, "zh_name_stop"), p + 3) || nov_zh_han_in(word(n, "zh_given_not_alone"), p + 3)) return 0;
	char w[8];
	snprintf(w, sizeof w, "%.6s", p);
	int k = 0;
	for (size_t pi = 0; pi < n->n_p && k < 3; pi++)
		for (const char *h = strstr(n->p[pi].raw, w); h && k < 3; h = strstr(h + 6, w)) k++;
	return k >= 3 ? 6 : 0;
}

/* Kin words, pet names and given names that open two clauses of the narration. */
static void kin_and_pets(struct nov *n)
{
	struct { char w[16]; int k; const char *g; } cand[64];
	size_t nc = 0;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			if (n->p[pi].v[si].quote) continue;
			const char *t = n->p[pi].v[si].text;
			while (*t == ' ') t++;
			for (const char *p = t; *p; p += nov_cp_len(p)) {
				if (!nov_zh_opens(t, p)) continue;
				const char *g = NULL;
				size_t l = kin_at(n, p, &g);
				if (!l) l = pet_at(n, p);
				if (!l) l = given_at(n, p);
				if (!l) l = surname_given_at(n, p);
				if (!l) l = called_at(n, p);
				if (!l) continue;
				size_t k;
				for (k = 0; k < nc && (strlen(cand[k].w) != l || memcmp(cand[k].w, p, l)); k++) {}
				if (k == nc) {
					if (nc == sizeof cand / sizeof *cand) continue;
					memcpy(cand[nc].w, p, l);
					cand[nc].w[l] = 0;
					cand[nc].k = 0;
					cand[nc++].g = g;
				}
				cand[k].k++;
			}
		}
	for (size_t k = 0; k < nc; k++) {
		if (cand[k].k < 2 || nov_in_list(json_object_get(n->nd, "zh_not_names"), cand[k].w) || !nov_zh_name_ok(n, cand[k].w)) continue;
		char nm[32];   /* (金霞 of 金霞童子 is none) */
		if (!nov_zh_clause_name(n, cand[k].w, nm, sizeof nm)) continue;
		int known = 0;   /* 小六 when 小六子 is a name, or a part of a longer name (店小二) */
		for (size_t c = 0; c < n->n_ch && !known; c++) known = strstr(n->ch[c].name, nm) || strstr(nm, n->ch[c].name);
		if (known) continue;
		int w = nov_add_ch(n, nm);
		if (cand[k].g && !n->ch[w].gender) n->ch[w].gender = cand[k].g;
	}
}

/* 1 if the text writes nm (a name and 道) before a verb twice or more (狄洪道道, 狄洪道笑道,
 * 狄洪道便问): 道 ends the name there and the tag's verb comes after it, as no one's 道
 * "said" is followed by another verb */
static int dao_ends_name(struct nov *n, const char *nm)
{
	const char *verbs = word(n, "zh_verbs_after");
	size_t l = strlen(nm);
	int k = 0;
	for (size_t pi = 0; pi < n->n_p && k < 2; pi++)
		for (const char *h = strstr(n->p[pi].raw, nm); h && k < 2; h = strstr(h + l, nm))
			k += nov_is_han_at(h + l) && nov_zh_han_in(verbs, h + l);
	return k >= 2;
}

/* A name of two or three characters that is always written with the same next one (陈志 in
 * 陈志刚翻了个身, 陈志刚揉着眼睛; 三角 of the nickname 三角脸 "triangle face"; 狄洪 of 狄洪道,
 * whose 道 the tags "狄洪道道", "狄洪道笑道" show is no verb): the name is cut short, the
 * longer one is the name. Not before a particle, a verb, a thing or a place (王夫人之, 老太太屋). */
static void full_names(struct nov *n)
{
	const char *stop = word(n, "zh_name_stop"), *verbs = json_string_value(json_object_get(n->nd, "zh_verbs_after"));
	for (size_t c = 0; c < n->n_ch; c++) {
		struct nch *x = &n->ch[c];
		if (x->merged >= 0 || (x->len != 6 && x->len != 9) || (int)c == n->narrator || x->placeholder) continue;
		/* (a surname and a kin word or title, 胡妈妈, 王员外, is a whole name: what the narration
		 * writes after it each time is its verb, "胡妈妈看见") */
		if (x->len == 9 && title_word(n, x->name + 3, 6)) continue;
		struct { char c[4]; int k; } next[16];
		size_t nn = 0;
		int total = 0;
		for (size_t pi = 0; pi < n->n_p; pi++)
			for (const char *h = strstr(n->p[pi].raw, x->name); h; h = strstr(h + x->len, x->name)) {
				total++;
				const char *a = h + x->len;
				if (!nov_is_han_at(a)) continue;
				size_t j;
				for (j = 0; j < nn && memcmp(next[j].c, a, 3); j++) {}
				if (j == nn && nn < 16) { memcpy(next[nn].c, a, 3); next[nn].c[3] = 0; next[nn++].k = 0; }
				if (j < nn) next[j].k++;
			}
		for (size_t j = 0; j < nn; j++) {
			/* (子 ends a nickname after a trait: 王胖子, 张麻子) */
			int nick = !strcmp(next[j].c, "子") && nov_zh_han_in(word(n, "zh_nick_trait"), x->name + 3);
			char full[16];
			snprintf(full, sizeof full, "%s%s", x->name, next[j].c);
			int dao = !strcmp(next[j].c, "道") && dao_ends_name(n, full);
			if (next[j].k < 2 || next[j].k * 10 < total * 8 || (nov_zh_han_in(stop, next[j].c) && !nick && !dao) || (nov_zh_han_in(verbs, next[j].c) && !dao) ||
			    nov_zh_han_in("等辈", next[j].c))   /* (王夫人等 "王夫人 and the others") */
				continue;
			/* (a surname opens the name of two; a name of three or no surname is cut short
			 * only where what follows is no thing or place a name can be written before,
			 * 老太太屋: zh_pet_not, zh_place_ends) */
			if ((x->len == 9 || !nov_zh_surname(n, x->name)) &&
			    (nov_zh_han_in(word(n, "zh_pet_not"), next[j].c) || nov_zh_han_in(word(n, "zh_place_ends"), next[j].c) || !nov_zh_name_ok(n, full)))
				continue;
			int have = exact(n, full, strlen(full));
			if (have >= 0) {   /* 熊奶 of 熊奶奶: the same one */
				x->merged = nov_follow(n, have);
				break;
			}
			free(x->name);
			x->name = xstrdup(full);
			x->len = strlen(full);
			break;
		}
	}
}

/* The person the sentence of t around h is about: the last character named before h
 * since the sentence began (not the narrator unless allow_me), or -1. */
static int sentence_subject(struct nov *n, const char *t, const char *h, int allow_me)
{
	const char *s = t;
	for (const char *p = t; p < h; p += nov_cp_len(p))
		if (nov_starts(p, "。") || nov_starts(p, "！") || nov_starts(p, "？")) s = p + 3;
	int who = -1;
	const char *at = NULL;
	for (size_t c = 0; c < n->n_ch; c++) {
		if (((int)c == n->narrator && !allow_me) || n->ch[c].placeholder) continue;
		for (const char *m = strstr(s, n->ch[c].name); m && m < h; m = strstr(m + 1, n->ch[c].name))
			if (!at || m > at || (m == at && n->ch[c].len > n->ch[who].len)) { at = m; who = (int)c; }
	}
	return who;
}

/* 1 if the name of a character already found opens nm and the text writes it apart
 * from nm at least twice: "叫林冲穿" has 林冲 put something on (叫 makes him do it), it
 * names no 林冲穿; a name cut short (陈志 of 陈志刚) is never written apart. */
static int known_and_more(struct nov *n, const char *nm)
{
	size_t l = strlen(nm);
	for (size_t c = 0; c < n->n_ch; c++) {
		size_t cl = n->ch[c].len;
		if (n->ch[c].placeholder || cl < 6 || cl >= l || memcmp(n->ch[c].name, nm, cl)) continue;
		int apart = 0;
		for (size_t pi = 0; pi < n->n_p && apart < 2; pi++)
			for (const char *h = strstr(n->p[pi].raw, n->ch[c].name); h && apart < 2; h = strstr(h + cl, n->ch[c].name))
				apart += strncmp(h, nm, l) != 0;
		if (apart >= 2) return 1;
	}
	return 0;
}

/* Names introduced in the narration: "二叔叫赵德贵" (a surname and one or two characters
 * after 叫/名叫/名唤, ending the clause: a name of the one the sentence is about), "姓柳，
 * 名唤如烟" (柳如烟), "舅舅家有个闺女，叫二丫，" (a clause of its own: someone new). */
static void introduced(struct nov *n)
{
	const json_t *intro = json_object_get(n->nd, "zh_intro_name");
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			if (n->p[pi].v[si].quote) continue;
			const char *t = n->p[pi].v[si].text;
			for (const char *p = t; *p; p += nov_cp_len(p)) {
				char nm[16] = "";
				/* 姓X，名(唤|叫)YY */
				if (nov_starts(p, "姓") && nov_is_han_at(p + 3) && nov_starts(p + 6, "，") && nov_starts(p + 9, "名")) {
					const char *g = p + 12;
					if (nov_starts(g, "唤") || nov_starts(g, "叫")) g += 3;
					const char *e = g;
					while (nov_is_han_at(e) && e - g < 6) e += 3;
					if (e > g && !nov_is_han_at(e)) snprintf(nm, sizeof nm, "%.3s%.*s", p + 3, (int)(e - g), g);
				}
				size_t i;
				json_t *x;
				int clause = 0;   /* "舅舅家有个闺女，叫二丫，": a clause of its own names someone new */
				json_array_foreach(intro, i, x) {
					const char *w = json_string_value(x);
					size_t wl = strlen(w);
					if (*nm || strncmp(p, w, wl)) continue;
					const char *g = p + wl, *e = g;
					while (nov_is_han_at(e) && e - g < 9) e += 3;
					/* (叫了, 叫着: the verb "to call out", naming no one: "叫了两声"; nor 叫一会,
					 * "shouted a while", a count after the verb) */
					if (nov_is_han_at(e) || e - g < 6 || nov_zh_han_in("了着过一", g)) continue;
					/* (叫马车 "called a carriage", 叫做薛家集 "a village called 薛家集": a thing or a
					 * place ends the word, no one's name: zh_pet_not, zh_place_ends) */
					if (nov_zh_han_in(word(n, "zh_pet_not"), e - 3) || nov_zh_han_in(word(n, "zh_place_ends"), e - 3)) continue;
					int own = p - t >= 3 && nov_starts(p - 3, "，") && (nov_starts(e, "，") || nov_starts(e, "。"));
					if (!nov_zh_surname(n, g) && (!own || nov_zh_han_in("他她你我它", g))) continue;
					snprintf(nm, sizeof nm, "%.*s", (int)(e - g), g);
					if (!nov_zh_name_ok(n, nm)) *nm = 0;
					clause = own;
				}
				if (!*nm || exact(n, nm, strlen(nm)) >= 0 || known_and_more(n, nm)) continue;
				if (clause) { nov_add_ch(n, nm); continue; }
				int subj = sentence_subject(n, t, p, p - t >= 3 && nov_starts(p - 3, "我"));
				if (subj >= 0) join(n, nm, strlen(nm), subj);
				else nov_add_ch(n, nm);
			}
		}
}


/* 1 if a person is named at p: a pronoun (你老人家, 他) or a known name (more than one
 * character). A name that opens a clause is followed by its verb, never by a person; the
 * word before a person is a verb and that person its object ("假充窦二墩": poses as 窦二墩). */
static int person_after(struct nov *n, const char *p)
{
	if (nov_zh_han_in("你我他她您", p)) return 1;
	for (size_t c = 0; c < n->n_ch; c++)
		if (n->ch[c].len > 3 && !n->ch[c].placeholder && !strncmp(p, n->ch[c].name, n->ch[c].len)) return 1;
	return 0;
}

/* A full name written at least once whose given name opens two clauses of the narration
 * (周晓雯 ... 晓雯没接话 ... 晓雯鼻子一酸): the person, under the full name. */
static void given_names(struct nov *n)
{
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (const char *p = n->p[pi].raw; *p; p += nov_cp_len(p)) {
			if (!nov_zh_surname(n, p) || !nov_is_han_at(p + 3) || !nov_is_han_at(p + 6)) continue;
			char full[16], given[8];
			snprintf(full, sizeof full, "%.9s", p);
			snprintf(given, sizeof given, "%.6s", p + 3);
			/* (no numeral, verb or surname opens the given name: 四健将, 进入, 向柳如烟) */
			if ((nov_zh_han_in(word(n, "zh_name_stop"), p + 3) && !nov_zh_han_in(word(n, "zh_given_may_open"), p + 3)) ||
			    nov_zh_han_in(word(n, "zh_not_name_start"), p + 3) ||
			    nov_zh_han_in(word(n, "zh_verb_endings"), p + 3) || nov_zh_surname(n, p + 3) || exact(n, full, 9) >= 0 || !nov_zh_name_ok(n, full) ||
			    title_word(n, p + 3, 6) || nov_zh_han_in(word(n, "zh_listener_before"), p) ||   /* 转向老汉 */
			    nov_zh_han_in(word(n, "zh_localizers"), p + 6))   /* 马路上: a place */
				continue;
			/* a surname that is also a preposition (于, 向) inside a clause is the preposition:
			 * "递于行者", "对于孩子", "同情于教员" */
			if (nov_zh_han_in(word(n, "zh_name_stop"), p) && !nov_zh_opens(n->p[pi].raw, p)) continue;
			/* the surname's character that ends a title written just before it is the title's:
			 * "长史葛诚" is the official 葛诚, no 史葛诚 (史, 师 are surnames too) */
			if (p - n->p[pi].raw >= 3 && title_word(n, p - 3, 6)) continue;
			/* nor one that closes a word with the character before it: 付 of "分付鹘渌" (分付,
			 * "ordered", 鹘渌 the servant), no 付鹘渌 (nov_zh_word2) */
			if (p - n->p[pi].raw >= 3 && nov_zh_word2(p - 3)) continue;
			/* an adverb modifies a verb, never a name: "因又谢小燕电报招呼的厚意" thanks 小燕 */
			if (p - n->p[pi].raw >= 3 && nov_zh_han_in(word(n, "zh_adverbs_before_verb"), p - 3)) continue;
			int opens = 0;
			for (size_t qi = 0; qi < n->n_p && opens < 2; qi++)
				for (size_t si = 0; si < n->p[qi].n && opens < 2; si++) {
					const char *t = n->p[qi].v[si].text;
					if (n->p[qi].v[si].quote) continue;
					while (*t == ' ') t++;
					for (const char *h = strstr(t, given); h && opens < 2; h = strstr(h + 6, given))
						opens += nov_zh_opens(t, h) && !(h - t >= 3 && nov_zh_surname(n, h - 3) && !memcmp(h - 3, p, 3)) && !person_after(n, h + 6);
				}
			if (opens < 2) continue;
			/* the surname is the last character of a known name written just before it: the
			 * known person and a verb ("小燕正要模拟" is 小燕 about to, no 燕正要) */
			int tail_of_known = 0;
			for (size_t c = 0; c < n->n_ch && !tail_of_known; c++) {
				size_t cl = strlen(n->ch[c].name);
				tail_of_known = cl > 3 && !n->ch[c].placeholder && (size_t)(p - n->p[pi].raw) >= cl - 3 && !memcmp(p + 3 - cl, n->ch[c].name, cl);
			}
			if (tail_of_known) continue;
			/* a full name written once only, inside a clause (no subject there), after the
			 * given name alone has been written twice or more, introduces no one: narration
			 * gives the full name first and shortens it after (魏连殳 ... 连殳). Late and once,
			 * the "surname" is a word of its own before the person ("董士宏父女谢济公送走":
			 * the two thank 济公, after 济公 spoke for pages; "没奈何傅成只得应允"). */
			int full_n = 0, full_opens = 0, given_before = 0, seen_full = 0;
			for (size_t qi = 0; qi < n->n_p && full_n < 2; qi++) {
				const char *t = n->p[qi].raw;
				while (*t == ' ' || nov_starts(t, "　")) t += *t == ' ' ? 1 : 3;   /* (the indent) */
				for (const char *h = strstr(t, full); h && full_n < 2; h = strstr(h + 9, full)) {
					full_n++;
					full_opens |= nov_zh_opens(t, h);
				}
				const char *f1 = seen_full ? NULL : strstr(t, full);
				if (!seen_full)
					for (const char *h = strstr(t, given); h && (!f1 || h < f1 + 3); h = strstr(h + 6, given)) given_before++;
				seen_full |= f1 != NULL;
			}
			if (full_n < 2 && !full_opens && given_before >= 2) continue;
			/* nor one a quotation alone writes once, inside a clause, unless it names him
			 * there ("您是王秀兰吧", 是 叫 乃 名 唤 作 做 称 before it): elsewhere the character
			 * before the given name may be the speaker's verb ("请任蹇叔", "ask to appoint 蹇叔") */
			if (full_n < 2 && !full_opens) {
				int told = 0;
				for (size_t qi = 0; qi < n->n_p && !told; qi++)
					for (size_t si = 0; si < n->p[qi].n && !told; si++) {
						const char *t = n->p[qi].v[si].text, *h = strstr(t, full);
						told = h && (!n->p[qi].v[si].quote || (h - t >= 3 && nov_zh_han_in("是叫乃名唤作做称", h - 3)));
					}
				if (!told) continue;
			}
			/* a part of a known name, or a known name in it (but a known given name, 秀兰, joins the full one) */
			int known = 0, g = exact(n, given, 6);
			for (size_t c = 0; c < n->n_ch && !known; c++) known = (int)c != g && (strstr(n->ch[c].name, given) || strstr(full, n->ch[c].name));
			if (known) continue;
			int w = nov_add_ch(n, full);
			if (g >= 0 && g != n->narrator && !n->ch[g].placeholder && !nov_zh_two_people(n, given, 6, w)) {
				n->ch[g].merged = w;
				n->ch[w].gender = n->ch[g].gender;
			}
		}
}

/* A phone call in narration t: the phone rings (手机/电话 and 响) and the sentence after
 * says who it is ("是我妈。", "是她妈打来的。", "是老周打来的"). Returns 1 with [*w, *w+*l)
 * the caller's word (a kin word without 我/她/他: 妈; or a known name), else 0. */
static int phone_caller(struct nov *n, const char *t, const char **w, size_t *l)
{
	const char *ring = strstr(t, "手机");
	if (!ring) ring = strstr(t, "电话");
	const char *r = ring ? strstr(ring, "响") : NULL;
	if (!r) return 0;
	for (const char *h = strstr(r, "是"); h && h - r <= 30; h = strstr(h + 3, "是")) {
		const char *p = h + 3;
		if (nov_starts(p, "我") || nov_starts(p, "她") || nov_starts(p, "他")) p += 3;
		const char *e = p;
		while (nov_is_han_at(e) && e - p < 12 && !nov_starts(e, "打") && !nov_starts(e, "的") && !nov_starts(e, "来")) e += 3;
		if (e == p || !(nov_starts(e, "打") || nov_starts(e, "的") || nov_starts(e, "。") || nov_starts(e, "，"))) continue;
		int kin = nov_zh_han_in(word(n, "zh_kin_male"), e - 3) || nov_zh_han_in(word(n, "zh_kin_female"), e - 3);
		if (!kin) {
			char nm[16];
			snprintf(nm, sizeof nm, "%.*s", (int)(e - p), p);
			if (nov_find_ch(n, nm) < 0) continue;
		}
		*w = p;
		*l = (size_t)(e - p);
		return 1;
	}
	return 0;
}

/* Callers on the phone the narration names only by kin ("手机就响了。是我妈。"): a person
 * (妈), known by the words of the same kin the narration uses later too (母亲, 妈妈: aliases
 * for tags, zh_kin_alike), so "母亲在电话那头叹气" is the caller's. */
static void phone_callers(struct nov *n)
{
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const char *w;
		size_t l;
		if (!phone_caller(n, n->p[pi].raw, &w, &l) || exact(n, w, l) >= 0) continue;
		char *nm = xstrndup(w, l);
		int c = nov_add_ch(n, nm);
		free(nm);
		const char *g = "";
		if (nov_zh_han_in(word(n, "zh_kin_female"), w + l - 3)) g = "female";
		if (nov_zh_han_in(word(n, "zh_kin_male"), w + l - 3)) g = "male";
		if (*g) n->ch[c].gender = g;
		n->ch[c].caller = 1;
		char k[4] = { w[l - 3], w[l - 2], w[l - 1], 0 };
		const char *alike = json_string_value(json_object_get(json_object_get(n->nd, "zh_kin_alike"), k));
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(n->nd, "zh_kin_names"), i, x) {
			const char *kw = json_string_value(x);
			if (!alike || !nov_zh_han_in(alike, kw) || exact(n, kw, strlen(kw)) >= 0) continue;
			xgrow((void **)&n->alias, &n->cap_alias, n->n_alias, sizeof *n->alias);
			n->alias[n->n_alias].a = xstrdup(kw);
			n->alias[n->n_alias++].who = c;
		}
	}
}

/* The caller (a character, followed) of a phone call narration t announces, and *owner
 * the one who takes it: the first one named (or 我) before the ring; -1 if none. */
int nov_zh_phone_call(struct nov *n, const char *t, int *owner)
{
	const char *w;
	size_t l;
	*owner = -1;
	if (!phone_caller(n, t, &w, &l)) return -1;
	int c = exact(n, w, l);
	if (c < 0) return -1;
	const char *ring = strstr(t, "手机");
	if (!ring || (strstr(t, "电话") && strstr(t, "电话") < ring)) ring = strstr(t, "电话");
	for (const char *p = t; p < ring && *owner < 0; p += nov_cp_len(p)) {
		if (nov_starts(p, "我") && n->narrator >= 0) *owner = n->narrator;
		else *owner = nov_name_at(n, p);
	}
	if (*owner < 0) *owner = n->narrator;
	*owner = nov_follow(n, *owner);
	c = nov_follow(n, c);
	return *owner >= 0 && *owner != c ? c : -1;
}

/* ---- bare names: a person's name that opens with no surname ---- */
/* (子君, 阿户耶, 爱罗先珂: a given name alone, a transliteration, 阿 and three characters) */

/* 1 if the character at p shows a person acting after a name: a said-verb or an act
 * (zh_verbs_after), an adverb before a verb (zh_adverbs_before_verb), or 笑说问答想看走坐站似竟总很没 */
static int bare_acts(struct nov *n, const char *p)
{
	return nov_zh_han_in(word(n, "zh_verbs_after"), p) || nov_zh_han_in(word(n, "zh_adverbs_before_verb"), p) ||
	       nov_zh_han_in("笑说问答想看走坐站似竟总很没", p);
}

/* 1 if the string at h, l bytes, of narration t stands where a person does: it opens a
 * clause or follows a word for acting on someone (对 和 同 与 跟 叫 ... zh_listener_before, 爱)
 * and an act, 的, or an honorific (君, 先生) and an act follow it */
static int bare_person_at(struct nov *n, const char *t, const char *h, size_t l)
{
	int left = nov_zh_opens(t, h) || (h - t >= 3 && (nov_zh_han_in(word(n, "zh_listener_before"), h - 3) || nov_zh_han_in("同爱", h - 3)));
	static const char *const leads[] = { "zh_lead", "zh_function_words" };
	for (int k = 0; k < 2 && !left; k++) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(n->nd, leads[k]), i, x) {
			size_t wl = strlen(json_string_value(x));
			if ((size_t)(h - t) >= wl && !memcmp(h - wl, json_string_value(x), wl)) { left = 1; break; }
		}
	}
	if (!left) return 0;
	const char *r = h + l;
	if (nov_starts(r, "君")) r += 3;
	else if (nov_starts(r, "先生")) r += 6;
	return bare_acts(n, r) || nov_zh_han_in("给有是拿起为呢把被在将要会能和与同跟对向从", r) || (r == h + l && nov_starts(r, "的"));
}

struct bare { char s[13]; int hits; };

/* 1 if the narration at r (right after a name) is a speech tag that the quotation follows:
 * an honorific (君, 先生), an adverb or none (zh_adverbs_before_verb), a said-verb (said_zh),
 * then ：or ，or nothing up to the segment's end ("爱罗先珂君说，" before his words) */
static int bare_tag(struct nov *n, const char *r)
{
	if (nov_starts(r, "君")) r += 3;
	else if (nov_starts(r, "先生")) r += 6;
	if (nov_zh_han_in(word(n, "zh_adverbs_before_verb"), r)) r += 3;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(n->nd, "said_zh"), i, x) {
		size_t wl = strlen(json_string_value(x));
		if (strncmp(r, json_string_value(x), wl)) continue;
		const char *e = r + wl;
		if (nov_starts(e, "：") || nov_starts(e, "，")) e += 3;
		while (*e == ' ') e++;
		if (!*e) return 1;
	}
	return 0;
}

/* 1 if a clause of the two after p (the rest of p's clause, then the next) opens with 他 or
 * 她: the string before p is someone the narration calls he or she ("阿户耶。他是...") */
static int bare_pronoun_after(const char *p)
{
	for (int cl = 0; cl < 2 && *p; cl++) {
		while (*p && !nov_starts(p, "，") && !nov_starts(p, "。") && !nov_starts(p, "；") && !nov_starts(p, "！") && !nov_starts(p, "？"))
			p += nov_cp_len(p);
		if (!*p) return 0;
		p += 3;
		if (nov_starts(p, "他") || nov_starts(p, "她")) return 1;
	}
	return 0;
}

/* A string of two to four Chinese characters that the narration writes three times or more,
 * twice or more where a person stands (bare_person_at: "子君还卖掉了", "我爱子君"), with no
 * one character before or after it three times in four (no piece of a longer string:
 * 爱罗先珂, never 罗先珂 nor 爱罗先), that the narration once calls 他/她 right after it
 * or tags a quotation with ("阿户耶。他是", "爱罗先珂君说，"), that is no word of the
 * lexicons (nov_zh_word: 北京 is one; 林荫 is, 林荫乔 is not), no name's piece and holds no
 * known name, and may be a name (zh_name_ok; no function word, pronoun, measure word, act or
 * place ending at its ends): a person the surname-led rules miss. */
static void bare_names(struct nov *n)
{
	struct bare *c = NULL;
	size_t nc = 0, cap = 0;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			if (n->p[pi].v[si].quote) continue;
			const char *t = n->p[pi].v[si].text;
			while (*t == ' ' || nov_starts(t, "　")) t += *t == ' ' ? 1 : 3;
			for (const char *h = t; *h; h += nov_cp_len(h)) {
				if (!nov_is_han_at(h)) continue;
				for (size_t l = 6; l <= 12; l += 3) {
					int han = 1;
					for (size_t k = 0; k < l && han; k += 3) han = nov_is_han_at(h + k);
					if (!han) break;
					if (!bare_person_at(n, t, h, l)) continue;
					size_t i = 0;
					while (i < nc && (strlen(c[i].s) != l || memcmp(c[i].s, h, l))) i++;
					if (i == nc) {
						xgrow((void **)&c, &cap, nc, sizeof *c);
						memset(&c[nc], 0, sizeof *c);
						memcpy(c[nc++].s, h, l);
					}
					c[i].hits++;
				}
			}
		}
	const char *stop = word(n, "zh_name_stop"), *lb = word(n, "zh_listener_before");
	for (size_t i = 0; i < nc; i++) {
		const char *s = c[i].s;
		size_t l = strlen(s);
		const char *last = s + l - 3;
		if (c[i].hits < 2 || nov_zh_word(s, l) || !nov_zh_name_ok(n, s) || title_word(n, s, l)) continue;
		if (nov_zh_han_in(lb, s) || nov_zh_han_in(word(n, "zh_not_name_start"), s) || nov_zh_han_in("的了着在从自们人和与同众诸各暗", s) || strstr(s, "将") || strstr(s, "把") || strstr(s, "被") ||
		    nov_zh_han_in(word(n, "zh_count_words"), s) || nov_zh_han_in(word(n, "zh_place_ends"), last) || nov_zh_han_in("城国省县州府色", last) ||
		    nov_zh_han_in(stop, last) || bare_acts(n, last))
			continue;
		int pron = 0;
		for (size_t k = 0; k < l; k += 3) pron |= nov_zh_han_in("我你他她您它咱俺吾汝尔", s + k);
		if (pron) continue;
		/* three times or more; never the piece of a longer string: no one character before it
		 * or after it (but an honorific, 爱罗先珂君) three times in four (咸亨 of 咸亨酒店,
		 * 清海 of 清海和尚); no noun that 的 modifies (台前的座客) nor the owner of another
		 * (大良们, 大良的祖母) one time in three */
		int total = 0, pro = 0, de = 0, owner = 0, top_l = 0, top_r = 0;
		struct { char c[4]; int k; } ls[64], rs[64];
		size_t nls = 0, nrs = 0;
		for (size_t pi = 0; pi < n->n_p; pi++)
			for (size_t si = 0; si < n->p[pi].n; si++) {
				if (n->p[pi].v[si].quote) continue;
				const char *t = n->p[pi].v[si].text;
				for (const char *h = strstr(t, s); h; h = strstr(h + 3, s)) {
					total++;
					pro |= bare_pronoun_after(h + l) || bare_tag(n, h + l);
					char lc[4] = "|", rc[4] = "|";
					if (h > t && !nov_zh_opens(t, h)) { const char *b = h - 1; while (b > t && ((unsigned char)*b & 0xC0) == 0x80) b--; snprintf(lc, sizeof lc, "%.*s", (int)(h - b), b); }
					if (nov_is_han_at(h + l) && !nov_starts(h + l, "君") && !nov_starts(h + l, "先生")) snprintf(rc, sizeof rc, "%.3s", h + l);
					de += !strcmp(lc, "的");
					owner += nov_starts(h + l, "们") || (nov_starts(h + l, "的") && (title_word(n, h + l + 3, 3) || title_word(n, h + l + 3, 6)));
					size_t i2;
					for (i2 = 0; i2 < nls && strcmp(ls[i2].c, lc); i2++) ;
					if (i2 == nls && nls < 64) { strcpy(ls[nls].c, lc); ls[nls++].k = 0; }
					if (i2 < nls && strcmp(lc, "|") && ++ls[i2].k > top_l) top_l = ls[i2].k;
					for (i2 = 0; i2 < nrs && strcmp(rs[i2].c, rc); i2++) ;
					if (i2 == nrs && nrs < 64) { strcpy(rs[nrs].c, rc); rs[nrs++].k = 0; }
					if (i2 < nrs && strcmp(rc, "|") && ++rs[i2].k > top_r) top_r = rs[i2].k;
				}
			}
		if (total < 3 || 4 * top_l >= 3 * total || 4 * top_r >= 3 * total || 3 * de >= total || 3 * owner >= total || !pro)
			continue;
		/* nor the rest of a known name and what follows it (卓大 of "董卓大怒") */
		int tail = 0;
		for (size_t k = 0; k < n->n_ch && !tail; k++) {
			const char *kn = n->ch[k].name;
			size_t kl = n->ch[k].len;
			if (kl < 6 || n->ch[k].placeholder || memcmp(kn + kl - 3, s, 3)) continue;
			char *joined = xasprintf("%.*s%s", (int)(kl - 3), kn, s);
			for (size_t pi = 0; pi < n->n_p && !tail; pi++) tail = strstr(n->p[pi].raw, joined) != NULL;
			free(joined);
		}
		if (tail) continue;
		int known = 0;
		for (size_t k = 0; k < n->n_ch && !known; k++)
			known = !n->ch[k].placeholder && (strstr(n->ch[k].name, s) || strstr(s, n->ch[k].name));
		if (known) continue;
		nov_add_ch(n, s);
	}
	free(c);
}

void nov_zh_people(struct nov *n)
{
	phone_callers(n);
	kin_and_pets(n);
	introduced(n);
	given_names(n);
	full_names(n);
	bare_names(n);
}

/* 1 if [s, s+l) is a title or kin word of address (大姐, 镖头, 姑娘, 老师, 知县) */
static int title_word(struct nov *n, const char *s, size_t l)
{
	static const char *const keys[] = { "zh_address_titles", "name_suffix_zh", "zh_kin_names", "zh_titles", NULL };
	for (int k = 0; keys[k]; k++) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(n->nd, keys[k]), i, x)
			if (strlen(json_string_value(x)) == l && !strncmp(json_string_value(x), s, l)) return 1;
	}
	static const char *const g[] = { "male", "female", "any" };
	for (int k = 0; k < 3; k++) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(json_object_get(n->nd, "role_nouns_zh"), g[k]), i, x)
			if (strlen(json_string_value(x)) == l && !strncmp(json_string_value(x), s, l)) return 1;
	}
	return 0;
}

/* The one person with a full name of surname s (a surname and one or two characters that
 * are no title), or -1 (none, or several). */
static int one_of_surname(struct nov *n, const char *s)
{
	int who = -1;
	for (size_t c = 0; c < n->n_ch; c++) {
		struct nch *x = &n->ch[c];
		if (x->merged >= 0 || x->placeholder || (int)c == n->narrator || (x->len != 6 && x->len != 9) || memcmp(x->name, s, 3)) continue;
		if (!nov_zh_surname(n, x->name) || title_word(n, x->name + 3, x->len - 3)) continue;
		if (who >= 0) return -1;
		who = (int)c;
	}
	return who;
}

/* The forms of address made of surname s (its first 3 bytes) written in the text join
 * owner: 小吴, 老林 (小/老 and the surname), 王大姐, 赵镖头, 柳姑娘, 周师傅 (the surname and a
 * title) — not one the narration made a person of its own (王老汉 beside his son 王二). */
static void surname_forms(struct nov *n, const char *s, int owner)
{
	char sn[4] = { s[0], s[1], s[2], 0 };
	const char *stop = word(n, "zh_name_stop");
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const char *raw = n->p[pi].raw;
		for (const char *h = strstr(raw, sn); h; h = strstr(h + 3, sn)) {
			int ends = !nov_is_han_at(h + 3) || nov_zh_han_in(stop, h + 3);
			if (h - raw >= 3 && (nov_starts(h - 3, "小") || nov_starts(h - 3, "老")) && (ends || exact(n, h - 3, 6) >= 0)) {
				join(n, h - 3, 6, owner);
				continue;
			}
			for (size_t l = 9; l >= 3; l -= 3)
				if (title_word(n, h + 3, l) && exact(n, h, l + 3) < 0 && (!nov_is_han_at(h + 3 + l) || nov_zh_han_in(stop, h + 3 + l))) {
					join(n, h, l + 3, owner);
					break;
				}
		}
	}
}

/* Names of one person: given names, 小吴/老林, 王大姐/赵镖头, 刘三儿/刘三. */
void nov_zh_join(struct nov *n)
{
	size_t n0 = n->n_ch;
	for (size_t c = 0; c < n0; c++) {
		struct nch *x = &n->ch[c];
		if (x->merged >= 0 || x->placeholder || (int)c == n->narrator || !nov_zh_surname(n, x->name)) continue;
		if (x->len != 6 && x->len != 9) continue;
		/* 老汉 alone is 王老汉 when no one else is called so */
		if (title_word(n, x->name + 3, x->len - 3)) {
			int others = 0;
			for (size_t d = 0; d < n->n_ch; d++)
				others += d != c && n->ch[d].merged < 0 && n->ch[d].len > x->len - 3 && !strcmp(n->ch[d].name + n->ch[d].len - (x->len - 3), x->name + 3);
			if (!others && exact(n, x->name + 3, x->len - 3) < 0) join(n, x->name + 3, x->len - 3, (int)c);
			continue;
		}
		if (one_of_surname(n, x->name) != (int)c) continue;
		/* 晓雯 of 周晓雯, written without the surname */
		if (x->len == 9 && !title_word(n, x->name + 3, 6)) {
			int alone = 0;
			for (size_t pi = 0; pi < n->n_p && !alone; pi++)
				for (const char *h = strstr(n->p[pi].raw, x->name + 3); h && !alone; h = strstr(h + 1, x->name + 3))
					alone = !(h - n->p[pi].raw >= 3 && !memcmp(h - 3, x->name, 3));
			if (alone && !nov_in_list(json_object_get(n->nd, "zh_not_names"), x->name + 3)) join(n, x->name + 3, 6, (int)c);
		}
		surname_forms(n, n->ch[c].name, (int)c);   /* (join may have moved n->ch: not x) */
	}
	for (size_t c = 0; c < n0; c++) {
		struct nch *x = &n->ch[c];
		if (x->merged >= 0 || x->placeholder || (int)c == n->narrator) continue;
		/* 老周 when no one has the full name: 周师傅 is he */
		if (x->len == 6 && (nov_starts(x->name, "老") || nov_starts(x->name, "小")) && nov_zh_surname(n, x->name + 3) && one_of_surname(n, x->name + 3) < 0)
			surname_forms(n, x->name + 3, (int)c);
		/* 刘三儿 is 刘三 */
		int stem = x->len > 6 && !strcmp(x->name + x->len - 3, "儿") ? exact(n, x->name, x->len - 3) : -1;
		if (stem >= 0 && nov_follow(n, stem) != (int)c && stem != n->narrator) join(n, x->name, x->len, stem);
	}
}

/* "少女眉目如画，气质清冷，正是内门天骄苏璃。": one the sentence brings on unnamed (少女, a
 * descriptor) and names with 正是/便是/原来是 has that one's gender, when nothing else gave one. */
static void identified_genders(struct nov *n)
{
	static const char *const is[] = { "正是", "便是", "原来是", "就是", NULL };
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (int k = 0; is[k]; k++)
			for (const char *h = strstr(n->p[pi].raw, is[k]); h; h = strstr(h + 3, is[k])) {
				const char *p = h + strlen(is[k]), *e = p;
				while (*e && !nov_starts(e, "。") && !nov_starts(e, "，") && !nov_starts(e, "！")) e += nov_cp_len(e);
				int who = -1;
				for (const char *q = p; q < e && who < 0; q += nov_cp_len(q)) {   /* the name ending it ("内门天骄苏璃") */
					int c = nov_name_at(n, q);
					if (c >= 0 && q + n->ch[c].len == e) who = c;
				}
				if (who < 0 || n->ch[who].gender || n->ch[who].placeholder) continue;
				const char *s = h, *raw = n->p[pi].raw;   /* the sentence before it */
				while (s > raw) {
					const char *c = s - 1;
					while (c > raw && ((unsigned char)*c & 0xC0) == 0x80) c--;
					if (nov_starts(c, "。") || nov_starts(c, "！") || nov_starts(c, "？")) break;
					s = c;
				}
				size_t i;
				json_t *x;
				json_array_foreach(nov_vocab(n, "descriptors"), i, x) {
					const char *w = strstr(s, json_string_value(json_array_get(x, 0)));
					if (w && w < h) { n->ch[who].gender = json_string_value(json_array_get(x, 1)); break; }
				}
			}
}

/* The gender of a person the pronouns leave open, from the last character of the given
 * name (周晓雯: 雯 female, 陈志刚: 刚 male; zh_given_female / zh_given_male). */
/* 1 if the text writes name s with a word for his wife after it (data zh_wife_of: 四铭太太,
 * 七斤嫂, 周瑞家的): s is a man, whatever the pronouns after "四铭太太……她" voted. */
static int has_wife(struct nov *n, const char *s, size_t l)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(n->nd, "zh_wife_of"), i, x)
		for (size_t pi = 0; pi < n->n_p; pi++)
			for (const char *h = strstr(n->p[pi].raw, s); h; h = strstr(h + l, s))
				if (nov_starts(h + l, json_string_value(x))) return 1;
	return 0;
}

int nov_zh_has_wife(struct nov *n, const char *s, size_t l)
{
	if (has_wife(n, s, l)) return 1;
	/* "陶子尧的太太": 的 and a word only a wife is called (zh_wife_of_de: not 媳妇, a son's wife too) */
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(n->nd, "zh_wife_of_de"), i, x)
		for (size_t pi = 0; pi < n->n_p; pi++)
			for (const char *h = strstr(n->p[pi].raw, s); h; h = strstr(h + l, s))
				if (nov_starts(h + l, "的") && nov_starts(h + l + 3, json_string_value(x))) return 1;
	return 0;
}

void nov_zh_genders(struct nov *n)
{
	identified_genders(n);
	for (size_t c = 0; c < n->n_ch; c++) {
		struct nch *x = &n->ch[c];
		if (x->merged < 0 && !x->placeholder && (int)c != n->narrator && x->len >= 6 && !title_word(n, x->name, x->len) && has_wife(n, x->name, x->len))
			x->gender = "male";
	}
	for (size_t c = 0; c < n->n_ch; c++) {
		struct nch *x = &n->ch[c];
		if (x->gender || x->merged >= 0 || x->placeholder || (int)c == n->narrator || x->len < 6) continue;
		const char *last = x->name + x->len - 3;
		if (nov_zh_han_in(word(n, "zh_given_female"), last)) x->gender = "female";
		else if (nov_zh_han_in(word(n, "zh_given_male"), last)) x->gender = "male";
	}
}

int nov_zh_kin_between(struct nov *n, const char *from, const char *to)
{
	for (const char *h = from; h && h < to; h += nov_cp_len(h)) {
		const char *kin;
		json_t *kx;
		json_object_foreach((json_t *)json_object_get(n->nd, "zh_kin_gender"), kin, kx)
			if (nov_starts(h, kin) && h + strlen(kin) <= to) return 1;
		/* (其子, 一子, 一女, 其妻: the classical kin words) */
		if ((nov_starts(h, "其") || nov_starts(h, "一")) && nov_zh_han_in("子女妻", h + 3) && h + 6 <= to) return 1;
	}
	return 0;
}

size_t nov_zh_title_len(struct nov *n, const char *p)
{
	for (size_t l = 9; l >= 3; l -= 3)
		if (title_word(n, p, l)) return l;
	return 0;
}

/* 1 if w (a word of address) is an epithet and a role or kin noun (傻丫头, 好孩子, 老伙计,
 * 小兄弟): it says what the one spoken to is, as anyone may be called, and is no name. */
static int ends_with_role(struct nov *n, const char *w)
{
	size_t wl = strlen(w);
	const json_t *roles = json_object_get(n->nd, "role_nouns_zh");
	const char *gk;
	const json_t *list;
	json_object_foreach((json_t *)roles, gk, list) {
		size_t i;
		json_t *x;
		json_array_foreach(list, i, x) {
			size_t l = strlen(json_string_value(x));
			if (l < wl && !strcmp(w + wl - l, json_string_value(x))) return 1;
		}
	}
	static const char *const kin[] = { "孩子", "兄弟", "妹子", "姑娘", "小子", NULL };
	for (int k = 0; kin[k]; k++) {
		size_t l = strlen(kin[k]);
		if (l < wl && !strcmp(w + wl - l, kin[k])) return 1;
	}
	return 0;
}

/* A word of address at p in a quote (2 or 3 characters before ，or ！): its length or 0.
 * Not a known name, a kin word or title, nor a word like 好了, 算了, 快点. */
static size_t address_at(struct nov *n, const char *p)
{
	const char *e = p;
	while (nov_is_han_at(e) && e - p < 9) e += 3;
	if ((e - p != 6 && e - p != 9) || !(nov_starts(e, "，") || nov_starts(e, "！"))) return 0;
	if (!strncmp(e + 3, p, 3)) return 0;   /* a stammer, no name: “跌断，跌，跌……” */
	char w[16];
	snprintf(w, sizeof w, "%.*s", (int)(e - p), p);
	const char *g;
	if (exact(n, w, strlen(w)) >= 0 || !nov_zh_name_ok(n, w) || title_word(n, w, strlen(w)) || kin_at(n, p, &g) == strlen(w)) return 0;
	if (nov_zh_han_in(word(n, "zh_name_stop"), p) || nov_zh_han_in(word(n, "zh_not_name_start"), p) || nov_zh_han_in("你我他她咱快别好算对是不", p) ||
	    nov_zh_han_in("了啊吧呢呀哪么的吗", e - 3))
		return 0;
	for (size_t k = 0; k < n->n_alias; k++)
		if (!strcmp(n->alias[k].a, w)) return 0;
	if (ends_with_role(n, w)) return 0;
	return (size_t)(e - p);
}

/* A first-person narrator's childhood name: the one word of address the quotes use at
 * least twice, or once (with words after it) and the narration never, that is no one else's (“石头，让姥姥看看”,
 * “石头，洗手！”) is an alias of the narrator, so those quotes are said to him. */
void nov_zh_narrator_name(struct nov *n)
{
	if (n->narrator < 0) return;
	struct { char w[16]; int k, said_to; } c[16];
	size_t nc = 0;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			if (!n->p[pi].v[si].quote) continue;
			const char *q = n->p[pi].v[si].text;
			for (const char *p = q; *p; p += nov_cp_len(p)) {
				if (p != q && !(p - q >= 3 && (nov_starts(p - 3, "。") || nov_starts(p - 3, "！") || nov_starts(p - 3, "？")))) continue;
				size_t l = address_at(n, p);
				if (!l) continue;
				size_t j;
				for (j = 0; j < nc && (strlen(c[j].w) != l || memcmp(c[j].w, p, l)); j++) {}
				if (j == nc && nc < 16) { memcpy(c[nc].w, p, l); c[nc].w[l] = 0; c[nc].said_to = 0; c[nc++].k = 0; }
				if (j < nc) c[j].k++;
				/* (spoken to: words follow the call, “毛毛，你干什么呢？”; a quote that is the word
				 * alone, “鞭炮！”, may name a thing, an answer to a guess) */
				if (j < nc && p[l] && p[l + 3]) c[j].said_to = 1;
			}
		}
	/* (or once, a word the narration never writes: “毛毛，你干什么呢？”) */
	int best = -1, cands = 0;
	for (size_t j = 0; j < nc; j++) {
		int narrated = 0;
		for (size_t pi = 0; pi < n->n_p && !narrated; pi++)
			for (size_t si = 0; si < n->p[pi].n && !narrated; si++) narrated = !n->p[pi].v[si].quote && strstr(n->p[pi].v[si].text, c[j].w);
		if (c[j].k >= 2 || !narrated) { cands++; if (best < 0 || c[j].k > c[best].k) best = (int)j; }
	}
	if (best < 0 || cands > 1) return;
	if (c[best].k < 2 && !c[best].said_to) return;   /* (once, and alone: no evidence it is anyone's name) */
	xgrow((void **)&n->alias, &n->cap_alias, n->n_alias, sizeof *n->alias);
	n->alias[n->n_alias].a = xstrdup(c[best].w);
	n->alias[n->n_alias++].who = n->narrator;
}
