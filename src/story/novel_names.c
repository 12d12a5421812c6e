/* story/novel_names.c — the novel importer's characters: names from said-verb
 * attributions ("said Xia", "夏晓说"), titled mentions ("Mr. Bao", "鲍老板"), capitalised
 * words that recur and never appear in lower case, Chinese surnames; the characters
 * being discovered; mentions and pronouns (the last-named character of that gender). */
#include "story/novel.h"
#include "story/engine.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const json_t *nov_vocab(struct nov *n, const char *base)
{
	char k[64];
	snprintf(k, sizeof k, "%s_%s", base, n->zh ? "zh" : "en");
	return json_object_get(n->nd, k);
}

int nov_follow(struct nov *n, int i)
{
	for (int guard = 0; i >= 0 && n->ch[i].merged >= 0 && guard < 64; guard++) i = n->ch[i].merged;
	return i;
}

int nov_find_ch(struct nov *n, const char *name)
{
	for (size_t i = 0; i < n->n_ch; i++)
		if (!strcmp(n->ch[i].name, name)) return nov_follow(n, (int)i);
	return -1;
}

int nov_add_ch(struct nov *n, const char *name)
{
	int i = nov_find_ch(n, name);
	if (i >= 0) return i;
	xgrow((void **)&n->ch, &n->cap_ch, n->n_ch, sizeof *n->ch);
	struct nch *c = &n->ch[n->n_ch];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(name);
	c->len = strlen(name);
	const char *sp = strrchr(name, ' ');
	c->last = sp && !n->zh ? (size_t)(sp + 1 - name) : 0;
	c->merged = -1;
	const char *g = imp_gender(name);
	if (g && !imp_in_list("narrator_names", name)) c->gender = g;
	const char *role = imp_lookup("role_words", name);
	if (role) c->role = xstrdup(role);
	return (int)n->n_ch++;
}


/* ---- words (English) ---- */
/* The ASCII word at p (letters, inner apostrophes); 0 if none. */
size_t nov_word_at(const char *p)
{
	size_t i = 0;
	while (isalpha((unsigned char)p[i]) || (p[i] == '\'' && i && isalpha((unsigned char)p[i + 1]))) i++;
	return i;
}

int nov_is_title_word(struct nov *n, const char *p, size_t wl, size_t *with_dot)
{
	char buf[32];
	if (wl + 2 > sizeof buf) return 0;
	const json_t *titles = json_object_get(n->nd, "titles_en");
	*with_dot = wl + (p[wl] == '.');
	snprintf(buf, sizeof buf, "%.*s", (int)*with_dot, p);
	if (nov_in_list(titles, buf)) return 1;
	snprintf(buf, sizeof buf, "%.*s", (int)wl, p);
	if (nov_in_list(titles, buf)) { *with_dot = wl; return 1; }
	return 0;
}

/* 1 if w is no name: a stop word, or a preposition or conjunction (a closed class:
 * "During my stay", "Since the question": a sentence's first word) */
static int stop_word(struct nov *n, const char *w)
{
	return nov_in_list(json_object_get(n->nd, "stop_names_en"), w) || nov_in_list(json_object_get(n->nd, "function_words_en"), w);
}

static int stop_word_n(struct nov *n, const char *p, size_t l)
{
	char w[64];
	if (l >= sizeof w) return 0;
	snprintf(w, sizeof w, "%.*s", (int)l, p);
	return stop_word(n, w);
}

/* 1 if the word appears somewhere in the text in lower case (so it is no name). */
int nov_seen_lower(const char *text, const char *w)
{
	char *lw = xstrdup(w);
	for (char *c = lw; *c; c++) *c = (char)tolower((unsigned char)*c);
	size_t n = strlen(lw);
	int found = 0;
	for (const char *p = text; (p = strstr(p, lw)); p += n)
		if ((p == text || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[n])) { found = 1; break; }
	free(lw);
	return found;
}

/* A name starting at p: "Mr. Bao", "Xia", "Prince Rui". Writes it to out; returns bytes used, 0 if none. */
/* The word at p without a possessive "'s"; 0 if none. */
static size_t name_word(const char *p)
{
	size_t l = nov_word_at(p);
	if (l > 2 && p[l - 2] == '\'' && p[l - 1] == 's') l -= 2;
	return l;
}

/* 1 if the word at p (length l) is written in capitals only ("THE", "IRENE"): emphasis, no name. */
static int all_caps(const char *p, size_t l)
{
	if (l < 2) return 0;
	for (size_t i = 0; i < l; i++) if (!isupper((unsigned char)p[i])) return 0;
	return 1;
}

int nov_contraction_en(const char *p, size_t l)
{
	static const char *const tails[] = { "ve", "ll", "re", "d", "m", "t" };
	const char *ap = memchr(p, '\'', l);
	if (!ap) return 0;
	size_t tl = (size_t)(p + l - ap - 1);
	for (size_t i = 0; i < sizeof tails / sizeof *tails; i++)
		if (tl == strlen(tails[i]) && !strncmp(ap + 1, tails[i], tl)) return 1;
	return 0;
}

/* A name starting at p: "Mr. Bao", "Xia", "Prince Rui", "Mr. Mark Twain". Writes it to
 * out; returns bytes used, 0 if none. */
static size_t name_at(struct nov *n, const char *p, char *out, size_t outn)
{
	size_t wl = name_word(p), td;
	if (!wl || !isupper((unsigned char)p[0]) || all_caps(p, wl) || nov_contraction_en(p, wl)) return 0;
	if (nov_is_title_word(n, p, wl, &td)) {
		const char *q = p + td;
		while (*q == ' ') q++;
		size_t nl = name_word(q);
		if (nl && isupper((unsigned char)q[0]) && !all_caps(q, nl)) {
			char w[64];
			snprintf(w, sizeof w, "%.*s", (int)nl, q);
			if (stop_word(n, w)) return 0;
			/* a second capitalised word: "Mr. Sherlock Holmes" */
			const char *r = q + nl;
			size_t rl = *r == ' ' && nov_word_at(r + 1) == nov_word_at(r + 1) ? name_word(r + 1) : 0;
			if (rl && isupper((unsigned char)r[1]) && q[nl] != '\'' && !all_caps(r + 1, rl)) {
				char w2[64];
				snprintf(w2, sizeof w2, "%.*s", (int)rl, r + 1);
				if (!stop_word(n, w2)) {
					snprintf(out, outn, "%.*s %s %s", (int)td, p, w, w2);
					return (size_t)(r + 1 + rl - p);
				}
			}
			snprintf(out, outn, "%.*s %s", (int)td, p, w);
			return (size_t)(q + nl - p);
		}
		return 0;
	}
	snprintf(out, outn, "%.*s", (int)wl, p);
	/* (one letter alone is no one's name: "O Mole!", "A, B and C"; "Mr. X" has its title) */
	if (wl < 2 || stop_word(n, out)) return 0;
	return wl;
}

int nov_said_verb_en(struct nov *n, const char *p, size_t wl)
{
	char w[32];
	if (wl >= sizeof w) return 0;
	snprintf(w, sizeof w, "%.*s", (int)wl, p);
	for (char *c = w; *c; c++) *c = (char)tolower((unsigned char)*c);
	return nov_in_list(json_object_get(n->nd, "said_en"), w);
}

/* ---- Chinese ---- */
/* 1 if a surname starts at p: one of zh_surnames, or the first character of a compound
 * surname written whole (上官, 司马); a compound's characters alone are none (脸上, 架上,
 * 飞上: 上 closes a word, it opens no name). */
static int surname_at(struct nov *n, const char *p)
{
	const char *sn = json_string_value(json_object_get(n->nd, "zh_surnames"));
	size_t l = nov_cp_len(p);
	if (!sn || l != 3) return 0;
	char c[4] = { p[0], p[1], p[2], 0 };
	if (strstr(sn, c)) return 1;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(n->nd, "zh_surnames_compound"), i, x)
		if (nov_starts(p, json_string_value(x))) return 1;
	return 0;
}

/* 1 if the character at p (3 bytes) is one of the characters of list s. */
static int han_in(const char *s, const char *p)
{
	if (!s || nov_cp_len(p) != 3) return 0;
	char c[4] = { p[0], p[1], p[2], 0 };
	return strstr(s, c) != NULL;
}

int nov_zh_han_in(const char *s, const char *p) { return han_in(s, p); }
int nov_zh_surname(struct nov *n, const char *p) { return surname_at(n, p); }

/* A said-verb inside clause [p, e): its position, or NULL; *vl its length. A verb that is
 * part of another word (知道, 说话, 问题) is no said-verb: said_zh_not lists, per verb, the
 * characters that may not stand before or after it. */
/* nov_said_zh from p, where the character before p (for said_zh_not) is read only at or
 * after lo */
static const char *said_zh_at(struct nov *n, const char *lo, const char *p, const char *e, size_t *vl)
{
	const json_t *v = json_object_get(n->nd, "said_zh"), *no = json_object_get(n->nd, "said_zh_not");
	for (const char *q = p; q < e; q += nov_cp_len(q)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) {
			const char *w = json_string_value(x);
			size_t l = strlen(w);
			if ((size_t)(e - q) < l || strncmp(q, w, l)) continue;
			const json_t *ex = json_object_get(no, w);
			if (ex && ((q >= lo + 3 && han_in(json_string_value(json_array_get(ex, 0)), q - 3)) ||
			           (q + l < e && han_in(json_string_value(json_array_get(ex, 1)), q + l)))) continue;
			/* a doubled 道 is a word ending in 道 and the verb (周学道道, 老道道): the second speaks */
			if (!strcmp(w, "道") && q + 6 <= e && nov_starts(q + 3, "道")) continue;
			*vl = l;
			return q;
		}
	}
	return NULL;
}

const char *nov_said_zh(struct nov *n, const char *p, const char *e, size_t *vl) { return said_zh_at(n, p, p, e, vl); }

/* Remove adverbs (低声, 冷冷...) from the end of a Chinese attribution prefix. */
void nov_strip_adverbs(struct nov *n, char *s)
{
	const json_t *adv = json_object_get(n->nd, "adverbs_zh");
	for (int again = 1; again;) {
		again = 0;
		size_t i, sl = strlen(s);
		json_t *x;
		json_array_foreach(adv, i, x) {
			const char *w = json_string_value(x);
			size_t l = strlen(w);
			if (sl > l && !strcmp(s + sl - l, w)) { s[sl - l] = 0; again = 1; break; }
		}
	}
}

static int cjk_count(const char *s)
{
	int k = 0;
	for (const char *p = s; *p; p += nov_cp_len(p)) {
		if (!nov_is_han_at(p)) return -1;
		k++;
	}
	return k;
}

static int zh_name_ok(struct nov *n, const char *s)
{
	int k = cjk_count(s);
	if (k < 2 || k > 4) return 0;
	if (nov_in_list(json_object_get(n->nd, "zh_not_names"), s)) return 0;
	if (!strcmp(s, "他") || !strcmp(s, "她")) return 0;
	/* nor a conjunction or preposition and a role: 和妈妈 of "焦员外和妈妈叫" */
	if (nov_zh_function_and_role(n, s, strlen(s))) return 0;
	/* an action is no name: 回头 of "回头喝道" */
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(n->nd, "zh_action_words"), i, x)
		if (nov_starts(s, json_string_value(x))) return 0;
	/* nor weather (白雪落满了屋顶: a surname's character and 雪) */
	if (k == 2 && han_in(json_string_value(json_object_get(n->nd, "zh_name_not_end")), s + 3)) return 0;
	/* nor a word for someone unnamed (汉子, 女人: a placeholder) */
	json_array_foreach(json_object_get(n->nd, "descriptors_zh"), i, x)
		if (!strcmp(s, json_string_value(json_array_get(x, 0)))) return 0;
	/* a verb with a direction or aspect after it is no name: 转过来, 站起来, 走了 */
	const char *vp = json_string_value(json_object_get(n->nd, "zh_verb_endings"));
	for (const char *p = s + nov_cp_len(s); *p; p += nov_cp_len(p))
		if ((han_in(vp, p) && han_in("来去", p + nov_cp_len(p))) || (!p[nov_cp_len(p)] && han_in("着了", p))) return 0;
	/* a piece of a clause is no name: one that ends with a structural particle (高兴的, 慢慢地),
	 * holds a pronoun (于她的; 所以伊 where 伊 is "she"), is an interjection (阿呀, 哎呀), opens
	 * with a function word (所以, 对于) or has one after its first character (上大约), or is a
	 * place or landform (高山) */
	const char *last = s;
	for (const char *p = s; *p; p += nov_cp_len(p)) last = p;
	if (han_in("的地得", last)) return 0;
	/* nor a verb and its completive 毕/罢 (想毕, 说罢: "having thought it over"), nor a piece
	 * that ends with a demonstrative, which goes with the noun after it (听那 of "听那醉汉骂道") */
	if (han_in("毕罢那这", last)) return 0;
	/* nor a clause piece that ends with a negation, conjunction, adverb, measure word or a
	 * verb of saying, thinking or moving (心里不, 何以, 白而且, 這一番, 差人回, 心里想, 同声,
	 * 俱欠身, 老实说 "honestly speaking"; 说 and 說 both, as a text the traditional fold leaves
	 * alone keeps 說): no name ends so (zh_name_not_last), though 想 and 声 end given names
	 * after a surname of two characters in all (李想) */
	if (han_in(json_string_value(json_object_get(n->nd, "zh_name_not_last")), last) &&
	    !(k == 2 && nov_zh_surname(n, s) && nov_zh_han_in("想声聲", last))) return 0;
	/* nor a verb with its aspect 着 inside (睁着眼), nor a group (顾众人) */
	for (const char *p = s + nov_cp_len(s); *p; p += nov_cp_len(p))
		if (han_in("着著", p) || nov_starts(p, "众人") || nov_starts(p, "眾人")) return 0;
	/* (俺 and 咱 are 我 in the northern speech of the old novels: 俺趁势 of "俺趁势说道") */
	for (const char *p = s; *p; p += nov_cp_len(p))
		if (han_in("他她你我俺咱", p) || (n->yi_she && nov_starts(p, "伊"))) return 0;
	/* nor the narrator's classical 我 and a verb or a title (余笑 of "余笑曰", 余戲, 余先生:
	 * the narrator and one he speaks to); a full name after it keeps 余 a surname (余化龙) */
	if (n->narrator >= 0 && n->zh_me[0] && nov_starts(s, n->zh_me) &&
	    (k == 2 || nov_in_list(json_object_get(n->nd, "name_suffix_zh"), s + 3))) return 0;
	/* nor a verb with a measure word after it (唬得个, 吃了个) */
	for (const char *p = s + nov_cp_len(s); *p; p += nov_cp_len(p))
		if (nov_starts(p, "个")) return 0;
	/* nor a saying or a written text that "says" (常言道, 俗谚说, 古人云, 批本道: the reply
	 * written on a memorial): words quoted, no one speaking (zh_saying_words) */
	json_array_foreach(json_object_get(n->nd, "zh_saying_words"), i, x)
		if (nov_starts(s, json_string_value(x))) return 0;
	static const char *const starts[] = { "zh_interjections", "zh_function_words", NULL };
	for (int l = 0; starts[l]; l++)
		json_array_foreach(json_object_get(n->nd, starts[l]), i, x)
			if (nov_starts(s, json_string_value(x)) || (l == 1 && nov_starts(s + nov_cp_len(s), json_string_value(x)))) return 0;
	if (nov_in_list(json_object_get(n->nd, "zh_place_words"), s)) return 0;
	/* nor a place and its localizer 里 (房里 "in the room", 屋里, 村里: no one's name ends so) */
	if (k == 2 && han_in("里裡", s + nov_cp_len(s))) return 0;
	/* nor a place word made of a direction and a localizer suffix (里面, 裡邊, 外头, 后边),
	 * however the text writes 里 (a traditional text that writes 里 too keeps 裡) */
	if (k == 2 && han_in("里裡外内內前后後上下旁", s) && han_in("面边邊头頭", s + nov_cp_len(s))) return 0;
	/* nor an interrogative, 何人 / 谁人 "who" (何 is a surname too) */
	if (k == 2 && han_in("何谁誰", s) && nov_starts(s + nov_cp_len(s), "人")) return 0;
	return 1;
}

int nov_zh_name_ok(struct nov *n, const char *s) { return zh_name_ok(n, s); }

/* The clause after a quote: from its start to the first , . ! ? (，。！？：；) — not
 * counting the dot of "Mr.". Returns its length including the punctuation. */
size_t nov_lead_clause(struct nov *n, const char *t, size_t *body)
{
	const char *p = t;
	while (*p == ' ' || *p == ',' || nov_starts(p, "，")) p += nov_starts(p, "，") ? 3 : 1;
	const char *b = p;
	while (*p) {
		if (strchr(",.!?;:", *p)) {
			if (*p == '.' && !n->zh) {
				const char *w = p;
				while (w > b && isalpha((unsigned char)w[-1])) w--;
				size_t td;
				if (p > w && nov_is_title_word(n, w, (size_t)(p - w), &td)) { p++; continue; }
			}
			*body = (size_t)(p - t);
			return (size_t)(p - t) + 1;
		}
		if (nov_starts(p, "，") || nov_starts(p, "。") || nov_starts(p, "！") || nov_starts(p, "？") || nov_starts(p, "：") || nov_starts(p, "；")) {
			*body = (size_t)(p - t);
			return (size_t)(p - t) + 3;
		}
		p += nov_cp_len(p);
	}
	*body = (size_t)(p - t);
	return (size_t)(p - t);
}

/* ---- pass 1: names ---- */
/* 1 if a name ending right before a is one who comes in ("Odette came in with the
 * coffees", arrive_en): a person, even named once. */
static int arrives(struct nov *n, const char *a)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(n->nd, "arrive_en"), i, x) {
		const char *w = json_string_value(x);
		size_t l = strlen(w);
		if (l && !strncmp(a, w, l) && !isalpha((unsigned char)a[l])) return 1;
	}
	return 0;
}

/* "said the Hatter", "the March Hare said": one or two capitalised words after a
 * lower-case "the", in a speech tag at least once and written so at least twice, never in
 * lower case: a person the text calls by that name ("Hatter", "March Hare"). */
/* How many times the text writes w in lower case as a whole word (w lower-cased). */
static int lower_count(const char *text, const char *w)
{
	char *lw = xstrdup(w);
	for (char *c = lw; *c; c++) *c = (char)tolower((unsigned char)*c);
	size_t l = strlen(lw);
	int k = 0;
	for (const char *p = text; (p = strstr(p, lw)); p += l)
		k += (p == text || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[l]);
	free(lw);
	return k;
}

/* 1 if p (after a verb) goes on " to " and a verb ("began to come over the bridge",
 * "continued to walk"): the verb before is no speech tag's, whatever else it may be
 * ("called to him", "returned to the house" are no infinitive) */
static int infinitive_after(const char *p)
{
	if (strncmp(p, " to ", 4)) return 0;
	p += 4;
	size_t l = nov_word_at(p);
	if (l < 2 || l > 20 || !islower((unsigned char)*p)) return 0;
	static const char *const not_verbs[] = { "the", "a", "an", "his", "her", "him", "them", "me", "us", "my", "your", "their", "its", "our", "this", "that", "one", NULL };
	for (int i = 0; not_verbs[i]; i++) if (strlen(not_verbs[i]) == l && !strncmp(p, not_verbs[i], l)) return 0;
	char w[24];
	snprintf(w, sizeof w, "%.*s", (int)l, p);
	int pos = eng_wn_pos(w);
	return pos > 0 && (pos & (1 << 2));   /* (WordNet knows it as a verb) */
}

static void the_named(struct nov *n, const char *text)
{
	struct { char name[48]; int count, tag; } cand[32];
	size_t nc = 0;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			const struct para *pa = &n->p[pi];
			if (pa->v[si].quote) continue;
			int by_quote = (si > 0 && pa->v[si - 1].quote) || (si + 1 < pa->n && pa->v[si + 1].quote);
			const char *t = pa->v[si].text;
			for (const char *h = strstr(t, "the "); h; h = strstr(h + 4, "the ")) {
				if (h > t && isalpha((unsigned char)h[-1])) continue;
				const char *w = h + 4, *e = w;
				for (int k = 0; k < 2; k++) {   /* "Hatter", "March Hare" */
					size_t wl = name_word(e);
					if (!wl || !isupper((unsigned char)*e) || all_caps(e, wl) || stop_word_n(n, e, wl)) break;
					e += wl;
					if (*e != ' ' || !isupper((unsigned char)e[1])) break;
					e++;
				}
				while (e > w && e[-1] == ' ') e--;
				if (e == w || (size_t)(e - w) >= sizeof cand[0].name) continue;
				size_t td;
				if (nov_is_title_word(n, w, nov_word_at(w), &td)) continue;   /* "the Colonel": titles_en */
				const char *a = e;
				while (*a == ' ') a++;
				const char *b = h;
				while (b > t && b[-1] == ' ') b--;
				const char *bw = b;
				while (bw > t && isalpha((unsigned char)bw[-1])) bw--;
				int tag = by_quote && ((nov_word_at(a) && nov_said_verb_en(n, a, nov_word_at(a)) && !infinitive_after(a + nov_word_at(a))) || (b > bw && nov_said_verb_en(n, bw, (size_t)(b - bw))));
				size_t k;
				for (k = 0; k < nc && (strlen(cand[k].name) != (size_t)(e - w) || strncmp(cand[k].name, w, (size_t)(e - w))); k++) {}
				if (k == nc) {
					if (nc == ARRAY_LEN(cand)) continue;
					snprintf(cand[nc].name, sizeof cand[nc].name, "%.*s", (int)(e - w), w);
					cand[nc].count = cand[nc].tag = 0;
					nc++;
				}
				cand[k].count++;
				cand[k].tag += tag;
			}
		}
	for (size_t k = 0; k < nc; k++) {
		if (!cand[k].tag || cand[k].count < 2 || nov_find_ch(n, cand[k].name) >= 0) continue;
		/* written in lower case too: a common noun ("the Future", "a journalist"), unless the
		 * capitalised one is the text's way to name someone, three times as often and in two
		 * tags or more ("said the Time Traveller" 17 times, "the seat of a time traveller" once) */
		int low = lower_count(text, cand[k].name);
		if (low && !(cand[k].tag >= 2 && cand[k].count >= 3 * low)) continue;
		nov_add_ch(n, cand[k].name);
	}
}

/* WordNet lexicographer files of things no person's name stands before: "an Alderney cow",
 * "Shetland wool", "Saratoga county" (a name and a noun of one of these kinds: a place,
 * a breed, a make). */
static const char *const thing_lex[] = { "noun.animal", "noun.artifact", "noun.location", "noun.food",
	"noun.substance", "noun.plant", "noun.object", NULL };

/* 1 if the lower-case word [p, p+l) is a noun whose most common sense is a thing of
 * thing_lex (WordNet; 0 without it). The answers are kept in cache (*nc of them, up to
 * max): a long text asks about the same few words again and again. */
struct thing_word { char w[24]; int thing; };
static int thing_noun(struct thing_word *cache, size_t *nc, size_t max, const char *p, size_t l)
{
	if (l < 3 || l >= sizeof cache->w || !islower((unsigned char)*p)) return 0;
	for (size_t i = 0; i < *nc; i++)
		if (!strncmp(cache[i].w, p, l) && !cache[i].w[l]) return cache[i].thing;
	if (*nc == max) return 0;
	struct thing_word *c = &cache[(*nc)++];
	snprintf(c->w, sizeof c->w, "%.*s", (int)l, p);
	char **v = NULL;
	size_t nv = 0;
	const char *lex = NULL;
	c->thing = 0;
	/* (the word itself, or a plural of five letters or more, among the sense's words: not
	 * "was", which WordNet's base forms read as "wa", Washington) */
	int self = 0;
	if (eng_wn_hypernyms(c->w, 1, &v, &nv, &lex) && lex)
		for (size_t i = 0; i < nv && !self; i++)
			self = !strcasecmp(v[i], c->w) || (l >= 5 && c->w[l - 1] == 's' && strlen(v[i]) == l - 1 && !strncasecmp(v[i], c->w, l - 1));
	for (int k = 0; self && thing_lex[k] && !c->thing; k++) c->thing = !strcmp(lex, thing_lex[k]);
	eng_wn_words_free(v, nv);
	return c->thing;
}

/* 1 if a speech tag's person follows the said-verb that ends at p, and the clause ends
 * with it ("replied the porter from the door", "shouted somebody,", "cried he."): the
 * verb's subject comes after it, so the word before the verb ("Nonsense replied the
 * porter") is none. Not "resumed his whitewashing" (no person), "said he would come"
 * (a clause follows), nor "called Tom." (a name after the verb may be its object). */
static int tag_subject_after(struct nov *n, const char *p)
{
	static const char *const dets[] = { "the", "a", "an", "his", "her", "my", "our", "their", "your", NULL };
	static const char *const solo[] = { "he", "she", "they", "we", "somebody", "someone", "everybody", "everyone", "nobody", NULL };
	static const char *const preps[] = { "from", "at", "in", "to", "with", "behind", "over", "across", "through", "on", "as", "without", NULL };
	while (*p == ' ') p++;
	size_t l = nov_word_at(p);
	if (!l) return 0;
	int det = 0, one = 0;
	for (int i = 0; dets[i]; i++) det |= l == strlen(dets[i]) && !strncasecmp(p, dets[i], l);
	for (int i = 0; solo[i]; i++) one |= l == strlen(solo[i]) && !strncmp(p, solo[i], l);
	if (!det && !one) return 0;
	p += l;
	if (det) {   /* a role noun, maybe after one more word: "the porter", "the old porter" */
		int role = 0;
		for (int k = 0; k < 2 && !role; k++) {
			while (*p == ' ') p++;
			size_t ql = nov_word_at(p);
			if (!ql) return 0;
			role = nov_role_noun_en(n, p, ql) != NULL;
			p += ql;
		}
		if (!role) return 0;
	}
	while (*p == ' ') p++;
	if (!*p || strchr(",.;:!?\"", *p) || !strncmp(p, "\u2014", 3) || !strncmp(p, "\u201c", 3) || !strncmp(p, "\u201d", 3)) return 1;
	size_t ql = nov_word_at(p);
	for (int i = 0; preps[i]; i++) if (ql == strlen(preps[i]) && !strncmp(p, preps[i], ql)) return 1;
	return 0;
}

/* 1 if WordNet knows the word (lower-cased) but never as a noun: an adverb or an
 * adjective only ("Angrily", "Surely", "Presently"), never a person's name */
static int wn_no_noun(const char *w)
{
	int pos = eng_wn_pos(w);
	return pos > 0 && !(pos & (1 << 1));   /* (1 << NOUN of wn.h) */
}

/* 1 if the bare word w (no title before it) is followed in the narration, in its sentence
 * or as the next one's first word, by the subject's "he"/"his" at least twice and three
 * times as often as by "she" ("him"/"her" may be an object's: they end the look): the
 * narration writes a man by that surname ("Harris put down his glass"). */
static int male_after(struct nov *n, const char *w)
{
	size_t l = strlen(w);
	int m = 0, f = 0;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			const char *t = n->p[pi].v[si].text;
			if (n->p[pi].v[si].quote) continue;
			for (const char *h = strstr(t, w); h; h = strstr(h + 1, w)) {
				if ((h > t && isalpha((unsigned char)h[-1])) || isalpha((unsigned char)h[l])) continue;
				if (h - t >= 2 && (h[-2] == '.' || isalpha((unsigned char)h[-2])) && h[-1] == ' ') {   /* "Mrs. Harris", "Miss Harris", "Tom Harris" */
					const char *b = h - 2;
					while (b > t && isalpha((unsigned char)b[-1])) b--;
					if (isupper((unsigned char)*b)) continue;
				}
				int ended = 0;   /* (past the sentence's end only its next one's first word: "He said") */
				for (const char *p = h + l; *p && p - h < 200; p++) {
					if (*p == '.' || *p == '!' || *p == '?' || *p == ';') { if (ended) break; ended = 1; continue; }
					if (p > t && isalpha((unsigned char)p[-1])) continue;
					size_t wl = nov_word_at(p);
					if (!wl) continue;
					if ((wl == 2 && !strncasecmp(p, "he", 2)) || (wl == 3 && !strncasecmp(p, "his", 3))) { m++; break; }
					if (wl == 3 && !strncasecmp(p, "she", 3)) { f++; break; }
					if (wl == 3 && (!strncmp(p, "him", 3) || !strncmp(p, "her", 3))) break;   /* (an object: anyone's) */
					if (ended || isupper((unsigned char)*p)) break;   /* another name: the pronoun may be its */
				}
			}
		}
	return m >= 2 && m >= 3 * f;
}

/* 1 if an indefinite article or a quantifier ("a", "an", "no", "divers", "many" ...) stands
 * before the word that starts at w in t, maybe with one or two lower-case words between
 * ("a small Essex town", "a flat-cheeked Usbeg"): what follows is a kind of thing or of
 * people, no one person's name. Not "the" ("the great Valentin" is a person). */
static int indefinite_before(const char *t, const char *w)
{
	static const char *const dets[] = { "a", "an", "A", "An", "no", "No", "another", "Another", "divers", "many", "Many", "several", "Several", "such", "Such", "these", "These", "those", "Those", "every", "Every", NULL };
	const char *e = w;
	for (int k = 0; k < 3; k++) {
		const char *b = e;
		while (b > t && b[-1] == ' ') b--;
		if (b == e || b == t) return 0;
		const char *s = b;
		while (s > t && (isalpha((unsigned char)s[-1]) || s[-1] == '-')) s--;
		if (s == b || (s > t && !strchr(" \"(", s[-1]))) return 0;
		for (int i = 0; dets[i]; i++)
			if ((size_t)(b - s) == strlen(dets[i]) && !strncmp(s, dets[i], (size_t)(b - s))) return 1;
		if (!islower((unsigned char)*s) || k == 2) return 0;   /* (an adjective between: "small", "flat-cheeked") */
		if ((b - s == 5 && !strncmp(s, "named", 5)) || (b - s == 6 && !strncmp(s, "called", 6))) return 0;   /* "a girl named Daisy" */
		e = s;
	}
	return 0;
}

/* 1 if the one word w is an -ed or -ing form of a verb WordNet knows ("Challenged",
 * "Suggesting", "Leading") and no given name of the vocabulary: written with a capital
 * only where it opens a sentence, a participle, no one's name (a surname that is such a
 * form, "Fielding", is a name where a title or a tag writes it) */
static int participle_en(struct nov *n, const char *w)
{
	size_t l = strlen(w);
	if (l < 5 || strchr(w, ' ') || (strcmp(w + l - 2, "ed") && strcmp(w + l - 3, "ing"))) return 0;
	const json_t *given = json_object_get(n->nd, "given_names_en");
	if (nov_in_list(json_object_get(given, "female"), w) || nov_in_list(json_object_get(given, "male"), w)) return 0;
	char lw[32];
	if (l >= sizeof lw) return 0;
	for (size_t i = 0; i <= l; i++) lw[i] = (char)tolower((unsigned char)w[i]);
	return eng_wn_verb_lex(lw) != NULL;
}

void nov_names_en(struct nov *n, const char *text)
{
	struct { char name[64]; int count, strong, place, of, the, after_name, mid, tag, det; } cand[256];
	size_t nc = 0;
	struct thing_word *things = xcalloc(512, sizeof *things);
	size_t n_things = 0;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		struct para *pa = &n->p[pi];
		for (size_t si = 0; si < pa->n; si++) {
			struct seg *sg = &pa->v[si];
			const char *t = sg->text;
			if (sg->quote) {
				/* self-introductions */
				const json_t *intro = json_object_get(n->nd, "self_intro_en");
				size_t i;
				json_t *x;
				json_array_foreach(intro, i, x) {
					const char *w = json_string_value(x), *q = strstr(t, w);
					if (!q) continue;
					q += strlen(w);
					while (*q == ' ') q++;
					char nm[64];
					if (name_at(n, q, nm, sizeof nm) && !nov_seen_lower(text, nm)) nov_add_ch(n, nm);
				}
				continue;
			}
			int attrib = si > 0 && pa->v[si - 1].quote;
			/* the first name of narration that leads into a quote is its speaker */
			int lead = si + 1 < pa->n && pa->v[si + 1].quote;
			/* a subject pronoun earlier in the clause ("She laughed at my sudden Irish
			 * effervescence."): the clause has its subject, a name after it is an object or a
			 * modifier and leads into no quote (a comma ends the clause: "While I was walking
			 * in the lane, Rosalie came running") */
			int subj = 0;
			for (const char *p = t; *p;) {
				size_t wl = nov_word_at(p);
				if (!wl) { if (strchr(".!?;:,", *p)) subj = 0; p++; continue; }
				char nm[64];
				size_t used = name_at(n, p, nm, sizeof nm);
				if (used) {
					int titled = strchr(nm, ' ') != NULL;
					/* "we played Nat King Cole": a title after another capitalised word inside a
					 * sentence is part of a longer name (a singer, a ship), no one of the story */
					const char *pw = p;
					while (pw > t && pw[-1] == ' ') pw--;
					const char *pb = pw;
					while (pb > t && isalpha((unsigned char)pb[-1])) pb--;
					if (titled && pb < pw && pw < p && isupper((unsigned char)*pb) && pb > t && pb[-1] == ' ' && pb - t >= 2 && !strchr(".!?\"", pb[-2])) {
						char pwd[32];
						size_t td;
						snprintf(pwd, sizeof pwd, "%.*s", (int)(pw - pb < 31 ? pw - pb : 31), pb);
						if (!nov_is_title_word(n, pb, (size_t)(pw - pb), &td) && !stop_word(n, pwd)) { p += used; continue; }
					}
					/* "said Xia" / "Xia said" right after a quote */
					/* a word opening a sentence with a capital after it is no name ("Afterwards Jim", "Directly I") */
					const char *nx = p + used;
					while (*nx == ' ') nx++;
					/* (after any run of spaces: "hatchway.  Thus I was", two spaces as old printings set them) */
					const char *ob = p;
					while (ob > t && ob[-1] == ' ') ob--;
					int opener = (p == t || strchr(".!?\"", p[-1]) || (ob < p && (ob == t || strchr(".!?", ob[-1]))));
					int appos = !titled && nov_appositive_en(p + used);   /* "Rafe Cole, who ...", "Bucky, the sound man," */
					/* "Helen Lowther arrives": a given name and a surname opening a sentence */
					if (!titled && opener && isupper((unsigned char)*nx) && nov_word_at(nx) >= 2) {
						const json_t *given = json_object_get(n->nd, "given_names_en");
						appos |= nov_in_list(json_object_get(given, "female"), nm) || nov_in_list(json_object_get(given, "male"), nm);
					}
					if (opener && !titled && isupper((unsigned char)*nx) && !appos) { p += used; lead = 0; continue; }
					/* "Nonsense replied the porter", "Outside shouted somebody": the said-verb's
					 * subject comes after it; the word before it is none (and the lead stays) */
					int said_next = nov_word_at(nx) && nov_said_verb_en(n, nx, nov_word_at(nx));
					if (opener && !titled && said_next && tag_subject_after(n, nx + nov_word_at(nx))) { p += used; continue; }
					/* "Fortunately she knew": a word opening a sentence right before a subject
					 * pronoun is an adverb, no one (the pronoun is the subject) */
					if (opener && !titled && !appos) {
						char pw2[8];
						size_t pl = nov_word_at(nx);
						snprintf(pw2, sizeof pw2, "%.*s", (int)(pl < 7 ? pl : 7), nx);
						if (pl && pl < 7 && nov_in_list(json_object_get(n->nd, "opener_subjects_en"), pw2)) { p += used; continue; }
					}
					/* "Challenged, however, Mrs. Fisher did ...", "Suggesting one of many.": a verb's
					 * -ed or -ing form opening a sentence is a participle, no one */
					if (opener && !titled && participle_en(n, nm)) { p += used; continue; }
					int strong = titled || (lead && !subj) || appos || arrives(n, p + used);
					int tag = said_next;   /* "Sunny said," / "said Sunny": a speech tag's subject */
					lead = 0;
					if (attrib && p - t < 24) {
						const char *q = p + used;
						while (*q == ' ') q++;
						size_t ql = nov_word_at(q);
						if (ql && nov_said_verb_en(n, q, ql)) strong = tag = 1;
						const char *b = p;
						while (b > t && b[-1] == ' ') b--;
						const char *bw = b;
						while (bw > t && isalpha((unsigned char)bw[-1])) bw--;
						if (b > bw && nov_said_verb_en(n, bw, (size_t)(b - bw))) strong = tag = 1;
					}
					{   /* "..., said Sunny" anywhere in the narration */
						const char *b2 = p;
						while (b2 > t && b2[-1] == ' ') b2--;
						const char *bw2 = b2;
						while (bw2 > t && isalpha((unsigned char)bw2[-1])) bw2--;
						if (b2 > bw2 && b2 < p && nov_said_verb_en(n, bw2, (size_t)(b2 - bw2))) tag = 1;
					}
					/* "in London", "the Big Missouri", "Baker Street", "New-York": a place or a thing */
					const char *b = p;
					while (b > t && b[-1] == ' ') b--;
					if (b == p && b - t >= 2 && b[-1] == '-' && isupper((unsigned char)*p)) b--;
					const char *bw = b;
					while (bw > t && isalpha((unsigned char)bw[-1])) bw--;
					size_t bl = (size_t)(b - bw);
					static const char *const preps[] = { "in", "at", "to", "from", "near", "into", "the", "The", "Big", "Little", "Old", "New", "St" };
					int place = 0, after_name = bl && isupper((unsigned char)*bw) && !strchr(nm, ' ');
					if (bl == 5 && !strncmp(bw, "named", 5)) strong = 1;   /* "a man named Gideon Pratt" */
					for (size_t q = 0; q < ARRAY_LEN(preps); q++)
						if (bl == strlen(preps[q]) && !strncmp(bw, preps[q], bl)) place = 1;
					const char *a = p + used;
					if (!strncmp(a, "'s ", 3) || !strncmp(a, "\u2019s ", 5)) a += a[0] == '\'' ? 2 : 4;   /* "Shooter's Hill" */
					if (*a == ' ') {
						static const char *const sites[] = { "Street", "Road", "Avenue", "Lane", "Square", "Park", "Lodge", "Hall", "House", "Place", "River", "Hill", "Court", "Gate" };
						size_t al = nov_word_at(a + 1);
						for (size_t q = 0; q < ARRAY_LEN(sites); q++)
							if (al == strlen(sites[q]) && !strncmp(a + 1, sites[q], al)) place = 1;
					}
					/* "an Alderney cow", "Saratoga county": a name before a thing's noun */
					if (!strchr(nm, ' ') && p[used] == ' ' && thing_noun(things, &n_things, 512, p + used + 1, nov_word_at(p + used + 1))) place = 1;
					if (after_name) {
						/* "Tom Sawyer", "Irene Adler": the second word is a surname, unless a title precedes */
						size_t td;
						after_name = !nov_is_title_word(n, bw, bl, &td) && !stop_word_n(n, bw, bl);
					}
					size_t k;
					for (k = 0; k < nc; k++) if (!strcmp(cand[k].name, nm)) break;
					if (k == nc && nc < ARRAY_LEN(cand)) { snprintf(cand[nc].name, sizeof cand[nc].name, "%s", nm); cand[nc].count = cand[nc].strong = cand[nc].place = cand[nc].of = cand[nc].the = cand[nc].after_name = cand[nc].mid = cand[nc].tag = cand[nc].det = 0; nc++; }
					/* inside a sentence, not opening one ("Afterwards we...") */
					int mid = bw > t || (b > t && !strchr(".!?", b[-1]));
					if (b > t && strchr(".!?", b[-1])) mid = 0;
					if (k < nc) { cand[k].count++; cand[k].strong |= strong; cand[k].place += place; cand[k].of += bl == 2 && !strncmp(bw, "of", 2) && a == p + used;   /* (not "of Isabella's husband") */ cand[k].the += bl == 3 && !strncasecmp(bw, "the", 3); cand[k].after_name += after_name; cand[k].mid += mid; cand[k].tag += tag; cand[k].det += !titled && indefinite_before(t, p); }
					p += used;
					continue;
				}
				if ((wl == 1 && *p == 'I') || (wl == 2 && (!strncasecmp(p, "he", 2) || !strncasecmp(p, "we", 2))) || (wl == 3 && !strncasecmp(p, "she", 3)) || (wl == 4 && !strncasecmp(p, "they", 4))) subj = 1;
				p += wl;
			}
		}
	}
	free(things);
	/* titled names first, so a bare "Bao" can join "Mr. Bao" */
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < nc; k++) {
			int titled = strchr(cand[k].name, ' ') != NULL;
			if (titled != !pass) continue;
			/* "the Miss Browns", "the Miss Dashwoods": a family, the sisters together, no one person */
			size_t cl = strlen(cand[k].name);
			if (titled && cand[k].the == cand[k].count && cand[k].name[cl - 1] == 's' && cand[k].name[cl - 2] != 's') continue;
			if (!titled) {
				int part = 0;
				for (size_t c = 0; c < n->n_ch; c++) {
					const char *sp = strrchr(n->ch[c].name, ' ');
					/* (not a woman's "Mrs. Harris" when the bare "Harris" is a tag's man: her husband) */
					if (sp && !strcmp(sp + 1, cand[k].name) && !(cand[k].tag && str_eq(n->ch[c].gender, "female") && male_after(n, cand[k].name))) part = 1;
				}
				if (part || nov_seen_lower(text, cand[k].name)) continue;
				if (!cand[k].strong && cand[k].count < 2) continue;
				/* mostly after a preposition or before "Street": a place; mostly after another name: a surname */
				if (2 * cand[k].place >= cand[k].count) continue;
				/* "mistress of Norland", "the roof of Plumfield": after "of", and never in a tag or
				 * leading into a quote, twice or more and half the time: a place */
				if (!cand[k].strong && cand[k].place + cand[k].of >= 2 && 2 * (cand[k].place + cand[k].of) >= cand[k].count) continue;
				if (!cand[k].strong && !cand[k].mid) continue;   /* only ever opens a sentence */
				/* capitalised only where any word is (opening a sentence), never a tag's
				 * subject, and a word WordNet knows only as an adverb or adjective: no name */
				if (!cand[k].mid && !cand[k].tag && wn_no_noun(cand[k].name)) continue;
				if (2 * cand[k].after_name > cand[k].count) continue;
				/* "a Greeklike struggle", "a small Essex town", "divers Kings": a word an indefinite
				 * article or a quantifier stands before is a kind, a place's or a thing's word, not
				 * a person's name; so is its plural ("Intermediates" after "an Intermediate") */
				if (cand[k].det && !cand[k].tag) continue;
				if (!cand[k].tag && cl > 3 && cand[k].name[cl - 1] == 's') {
					size_t j;
					for (j = 0; j < nc && !(strlen(cand[j].name) == cl - 1 && !strncmp(cand[j].name, cand[k].name, cl - 1) && cand[j].det); j++) {}
					if (j < nc) continue;
				}
			}
			nov_add_ch(n, cand[k].name);
		}
	/* "the Colonel" written at least twice, with no Colonel X: a person called by the title */
	const json_t *titles = json_object_get(n->nd, "titles_en");
	size_t ti;
	json_t *tx;
	json_array_foreach(titles, ti, tx) {
		const char *tw = json_string_value(tx);
		size_t tl = strlen(tw);
		if (!tl || tw[tl - 1] == '.' || tl > 30) continue;
		char pre[40];
		/* (an abbreviation written without its dot, "Mr" of "Mr.", is no one's name alone:
		 * "the Mr. Lammeter's cow") */
		snprintf(pre, sizeof pre, "%s.", tw);
		if (nov_in_list(titles, pre)) continue;
		snprintf(pre, sizeof pre, "%s ", tw);
		int k = 0;
		for (const char *h = strstr(text, tw); h && k < 2; h = strstr(h + 1, tw)) {
			const char *a = h + tl;   /* "the Colonel" / "The Colonel", not "the Colonel Ashby" */
			int the = h - text >= 4 && (!strncmp(h - 4, "the ", 4) || !strncmp(h - 4, "The ", 4)) && (h - text == 4 || !isalpha((unsigned char)h[-5]));
			k += the && !isalpha((unsigned char)*a) && !(*a == ' ' && isupper((unsigned char)a[1]));
		}
		int titled = 0;
		for (size_t c = 0; c < n->n_ch && !titled; c++) titled = !strncmp(n->ch[c].name, pre, strlen(pre)) || !strcmp(n->ch[c].name, tw);
		if (k >= 2 && !titled) nov_add_ch(n, tw);
	}
	the_named(n, text);
}

/* ---- mentions and pronouns ---- */
static int placeholder(struct nov *n, const char *gender)
{
	const json_t *ph = nov_vocab(n, "placeholder");
	const char *name = json_string_value(json_object_get(ph, gender ? gender : "male"));
	int i = nov_find_ch(n, name ? name : "Stranger");
	if (i >= 0) return i;
	i = nov_add_ch(n, name ? name : "Stranger");
	n->ch[i].placeholder = 1;
	n->ch[i].gender = gender && !strcmp(gender, "female") ? "female" : "male";
	return i;
}

int nov_placeholder(struct nov *n, const char *gender) { return placeholder(n, gender); }

/* 1 if name is one of the placeholders for unnamed people of language lang */
int nov_is_placeholder(const char *lang, const char *name)
{
	const json_t *nd = imp_data("novel");
	char k[32];
	snprintf(k, sizeof k, "placeholder_%s", str_eq(lang, "zh") ? "zh" : "en");
	const char *g;
	json_t *v;
	json_object_foreach((json_t *)json_object_get(nd, k), g, v)
		if (str_eq(json_string_value(v), name)) return 1;
	return 0;
}

void nov_mention(struct nov *n, int i)
{
	if (i < 0) return;
	n->ch[i].count++;
	if (i == n->narrator) return;   /* "I" is never "he" or "she" */
	int k = 0;
	while (k < 3 && n->recent[k] != i) k++;
	memmove(n->recent + 1, n->recent, (size_t)k * sizeof *n->recent);
	memmove(n->recent_p + 1, n->recent_p, (size_t)k * sizeof *n->recent_p);
	n->recent[0] = i;
	n->recent_p[0] = n->cur_p;
	n->last_any = i;
	if (str_eq(n->ch[i].gender, "male")) n->last_m = i;
	if (str_eq(n->ch[i].gender, "female")) n->last_f = i;
}

static int resolve_pronoun(struct nov *n, const char *g)
{
	int male = !strcmp(g, "male");
	/* a Chinese text that never writes 她 uses 他 for anyone: the last one mentioned */
	if (n->he_any && male && n->last_any >= 0) return nov_follow(n, n->last_any);
	/* "His sobs woke Wendy, and she sat up": the one named last, in this paragraph, whose
	 * gender is not known yet, before an older one of that gender (English) */
	if (!n->zh && n->last_any >= 0) {
		int a = nov_follow(n, n->last_any);
		if (!n->ch[a].gender && a != n->narrator && !n->ch[a].placeholder && n->ch[a].count >= 2 && nov_follow(n, n->recent[0]) == a &&
		    n->recent_p[0] == n->cur_p) {   /* (named in this very paragraph) */
			n->ch[a].gender = male ? "male" : "female";
			return a;
		}
	}
	int i = male ? n->last_m : n->last_f;
	/* (Chinese) a stranger made by a pronoun is a weak referent: one of the last four named
	 * after him whose gender no word has told yet, or told to fit, is the 他 (“他到得早” before
	 * anyone is named made 陌生男子; then “周海抱着两箱啤酒闯了进来 …… 他把啤酒往地上一放” is 周海) */
	if (n->zh && i >= 0 && n->ch[nov_follow(n, i)].placeholder == 2)
		for (int k = 0; k < 4 && n->recent[k] >= 0; k++) {
			int a = nov_follow(n, n->recent[k]);
			if (a == nov_follow(n, i)) break;   /* (the stranger was mentioned after them) */
			if (a == n->narrator || n->ch[a].placeholder || (n->ch[a].gender && strcmp(n->ch[a].gender, g))) continue;
			if (!n->ch[a].gender) n->ch[a].gender = male ? "male" : "female";
			return a;
		}
	if (i >= 0) return nov_follow(n, i);
	if (n->last_any >= 0) {
		int a = nov_follow(n, n->last_any);
		if (!n->ch[a].gender && a != n->narrator) { n->ch[a].gender = male ? "male" : "female"; return a; }
	}
	/* the most recent speaker or mention without a gender */
	for (size_t k = n->n_ch; k-- > 0;)
		if (n->ch[k].merged < 0 && !n->ch[k].gender && n->ch[k].used && (int)k != n->narrator) { n->ch[k].gender = male ? "male" : "female"; return (int)k; }
	if (!n->zh) {   /* "She was at the table." before "Gran" is first written: the one of that gender named later */
		int later = nov_cataphora_en(n, g);
		if (later >= 0) return later;
	}
	int ph = placeholder(n, g);
	if (n->zh && !n->ch[ph].spoke && !n->ch[ph].count) n->ch[ph].placeholder = 2;   /* (new, and made by a pronoun with no one before it) */
	return ph;
}

/* 1 if p is in a predicate "是个……" of its clause ("舅舅是个黑脸汉子": no one new) */
static int zh_predicate(const char *t, const char *p)
{
	for (const char *h = p; h - t >= 6 && p - h <= 18;) {
		h -= 3;
		if (nov_starts(h, "，") || nov_starts(h, "。")) return 0;
		if (nov_starts(h, "是个") || nov_starts(h, "是一个") || nov_starts(h, "是位")) return 1;
	}
	return 0;
}

/* 1 if the Chinese descriptor [p, p+l) of text t names many ("女人们", "有些老女人"): no one */
static int zh_many(const char *t, const char *p, size_t l)
{
	if (nov_starts(p + l, "们")) return 1;
	for (const char *h = p; h - t >= 3 && p - h <= 6;) {   /* (些 up to one character before) */
		h -= 3;
		if (nov_starts(h, "些")) return 1;
	}
	return 0;
}

/* 1 if the English word at p (l bytes) of the text that starts at t is "he" or "she" as
 * the subject of a sentence's main clause: it opens the sentence, or follows one word
 * that does and is no subordinator ("Then he looked at Lord Henry."; not "When he saw
 * Tom", where he may be Tom). */
static int main_subject_pronoun(const char *t, const char *p, size_t l)
{
	static const char *const open[] = { "Then", "And", "But", "So", "Now", "Presently", "Suddenly", "Again", "Still", NULL };
	if (!((l == 2 && !strncasecmp(p, "he", 2)) || (l == 3 && !strncasecmp(p, "she", 3)))) return 0;
	if (p == t || (p - t >= 2 && p[-1] == ' ' && strchr(".!?;", p[-2]))) return 1;
	if (p - t < 2 || p[-1] != ' ') return 0;
	const char *s = p - 1;
	while (s > t && isalpha((unsigned char)s[-1])) s--;
	if (!(s == t || (s - t >= 2 && s[-1] == ' ' && strchr(".!?;", s[-2])))) return 0;
	for (int k = 0; open[k]; k++)
		if ((size_t)(p - 1 - s) == strlen(open[k]) && !strncmp(s, open[k], strlen(open[k]))) return 1;
	return 0;
}

/* The first one of gender g whom [p, e) names by name before its sentence ends (or a
 * quote opens), not the narrator or a placeholder; -1 if none (English). */
static int named_after(struct nov *n, const char *p, const char *e, const char *g)
{
	for (const char *q = p; q < e && *q && !strchr(".!?;\"", *q) && strncmp(q, "\xe2\x80\x9c", 3); q++) {
		if (!isupper((unsigned char)*q) || isalpha((unsigned char)q[-1])) continue;
		int who = nov_name_at(n, q);
		if (who >= 0 && who != n->narrator && !n->ch[who].placeholder && str_eq(n->ch[who].gender, g)) return who;
	}
	return -1;
}

int nov_named_after_en(struct nov *n, const char *p, const char *g) { return named_after(n, p, p + strlen(p), g); }

/* Another one of gender g than `not`: the last mentioned, then the two who spoke last;
 * dflt if none. */
static int other_of_gender(struct nov *n, const char *g, int not, int dflt)
{
	int cand[6] = { n->recent[0], n->recent[1], n->recent[2], n->recent[3], n->last_spk, n->prev_spk };
	for (int i = 0; i < 6; i++) {
		int c = nov_follow(n, cand[i]);
		if (c >= 0 && c != not && c != n->narrator && !n->ch[c].placeholder && str_eq(n->ch[c].gender, g)) return c;
	}
	return dflt;
}

/* 1 if the word at p (in t) follows a preposition ("waited on Mr. Bingley", "looked at
 * Lord Henry", "told him about Delmonico") */
static int after_prep_word(const char *t, const char *p)
{
	static const char *const prep[] = { "on", "at", "to", "of", "about", "with", "for", "from", "by", "into", "upon", "towards", "toward", NULL };
	if (p - t < 3 || p[-1] != ' ') return 0;
	const char *b = p - 1;
	while (b > t && isalpha((unsigned char)b[-1])) b--;
	for (int k = 0; prep[k]; k++)
		if ((size_t)(p - 1 - b) == strlen(prep[k]) && !strncmp(b, prep[k], strlen(prep[k]))) return 1;
	return 0;
}

/* Resolve every character reference in [t, t+len) in order (names, pronouns, "the
 * man"), updating the mentions. Writes up to max characters to out (unique); returns
 * how many; *first gets the first (or -1). */
size_t nov_refs(struct nov *n, const char *t, size_t len, int *out, size_t max, int *first)
{
	size_t k = 0;
	*first = -1;
	n->first_obj = 0;
	n->n_ref_at = 0;
	const char *e = t + len;
	const json_t *desc = nov_vocab(n, "descriptors");
	const json_t *pron = nov_vocab(n, "pronouns");
	const char *name_end = NULL;   /* where the last name read ends */
	for (const char *p = t; p < e;) {
		int who = -1, by_last = 0;
		size_t adv = 0;
		/* English words are matched only where a word starts */
		if (!n->zh && p > t && isalpha((unsigned char)p[-1])) { p++; continue; }
		size_t wl = n->zh ? 0 : nov_word_at(p);
		if (!n->zh && !wl) { p++; continue; }
		if (wl > (size_t)(e - p)) wl = (size_t)(e - p);
		/* known names, longest first; a name starts with its first byte (cheap filter) */
		size_t best = 0;
		for (size_t c = 0; c < n->n_ch; c++) {
			const struct nch *ch = &n->ch[c];
			size_t l = ch->len;
			/* (a whole name beats another's last word of its length: "Fell" over "Mrs. Fell") */
			if (ch->name[0] == *p && (l > best || (l == best && by_last)) && (size_t)(e - p) >= l && !memcmp(p, ch->name, l) &&
			    (n->zh || !isalpha((unsigned char)p[l]))) {
				best = l;
				who = nov_follow(n, (int)c);
				by_last = 0;
			}
			/* "Bao" for "Mr. Bao" */
			if (ch->last) {
				const char *lw = ch->name + ch->last;
				size_t sl = l - ch->last;
				/* (a bare surname is a man's: "Hall" for Mr. Hall, not Mrs. Hall, named first) */
				int man = by_last && sl == best && who >= 0 && str_eq(n->ch[who].gender, "female") && str_eq(ch->gender, "male");
				if (lw[0] == *p && (sl > best || man) && sl == wl && !memcmp(p, lw, sl)) {
					best = sl;
					who = nov_follow(n, (int)c);
					by_last = 1;
				}
			}
		}
		int named = who >= 0;
		if (who >= 0) {
			adv = best;
			/* "Sir William Lucas": a surname right after a name is that person's, not Miss Lucas */
			if (by_last && !n->zh && name_end && p == name_end + 1) { p += adv; name_end = p; continue; }
			if (!n->zh) name_end = p + adv;
		}
		if (who < 0 && !n->zh) who = nov_old_ref_en(n, p, e, &adv);   /* "the old man": the one called old */
		if (who < 0 && !n->zh) who = nov_role_ref_en(n, p, e, &adv);   /* "the ferryman" */
		if (who < 0) {
			size_t i;
			json_t *x;
			/* "the man" stands for someone only as a sentence's subject ("The man sat down.") */
			int opens = (n->zh && !zh_predicate(t, p)) || p == t || (p - t >= 2 && p[-1] == ' ' && strchr(".!?;", p[-2]));
			if (!opens) opens = nov_intro_predicate_en(n, t, p);   /* "The first customer was an old man" */
			/* "忽然来了一个人", "走进一个人来": someone unnamed comes (他 from then on, not one named before) */
			if (n->zh && nov_starts(p, "一个人") && !nov_starts(p + 9, "们") && p - t >= 6 &&
			    (nov_starts(p - 6, "来了") || nov_starts(p - 6, "进来") || nov_starts(p - 6, "过来") || nov_starts(p - 6, "走来") ||
			     nov_starts(p - 6, "走进") || nov_starts(p - 6, "出来") || nov_starts(p - 6, "上来"))) {
				who = placeholder(n, "male");
				if (n->ch[who].placeholder == 2) n->ch[who].placeholder = 1;
				adv = 9;
			}
			json_array_foreach(desc, i, x) {
				const char *w = json_string_value(json_array_get(x, 0));
				if (!opens || who >= 0) break;
				if (tolower((unsigned char)w[0]) != tolower((unsigned char)*p)) continue;
				size_t l = strlen(w);
				if ((size_t)(e - p) >= l && (n->zh ? !strncmp(p, w, l) : !strncasecmp(p, w, l)) &&
				    (n->zh || !isalpha((unsigned char)p[l])) && !(n->zh && zh_many(t, p, l))) {
					who = placeholder(n, json_string_value(json_array_get(x, 1)));
					if (n->ch[who].placeholder == 2) n->ch[who].placeholder = 1;   /* (the narration brought him on: no pronoun's stranger) */
					adv = l;
					break;
				}
			}
			/* "The little old woman took the slate": a determiner, two adjectives and a
			 * newcomer noun (man, woman, boy, ...; not lady or gentleman) as the sentence's
			 * subject (with one adjective, "the new boy" may be someone known) */
			if (who < 0 && opens && !n->zh) {
				size_t dl = nov_word_at(p);
				const char *q = p + dl;
				if ((dl == 3 && !strncasecmp(p, "the", 3)) || (dl == 1 && (*p == 'a' || *p == 'A')) || (dl == 2 && !strncasecmp(p, "an", 2)))
					for (int k = 0; k < 3 && *q == ' ' && islower((unsigned char)q[1]); k++) {
						size_t ql = nov_word_at(q + 1);
						char w[16];
						snprintf(w, sizeof w, "%.*s", (int)(ql < 15 ? ql : 15), q + 1);
						const char *g = json_string_value(json_object_get(json_object_get(n->nd, "newcomer_nouns_en"), w));
						if (g && k > 1 && (size_t)(e - q) > ql && strcmp(w, "lady") && strcmp(w, "gentleman")) { who = placeholder(n, g); adv = (size_t)(q + 1 + ql - p); break; }
						if (g || !ql || ql >= 15) break;
						q += 1 + ql;
					}
			}
			/* "found the old man digging there": "the", up to two adjectives and a newcomer
			 * noun anywhere in the sentence is the stranger the narration already brought
			 * on (the article says he is known); it makes no new one */
			if (who < 0 && !opens && !n->zh && nov_word_at(p) == 3 && !strncasecmp(p, "the", 3)) {
				const char *q = p + 3;
				for (int k = 0; k < 3 && *q == ' ' && islower((unsigned char)q[1]); k++) {
					size_t ql = nov_word_at(q + 1);
					char w[16];
					snprintf(w, sizeof w, "%.*s", (int)(ql < 15 ? ql : 15), q + 1);
					const char *g = json_string_value(json_object_get(json_object_get(n->nd, "newcomer_nouns_en"), w));
					if (g && strcmp(w, "lady") && strcmp(w, "gentleman")) {
						const char *ph = json_string_value(json_object_get(nov_vocab(n, "placeholder"), g));
						int known = nov_find_ch(n, ph ? ph : "Stranger");
						if (known >= 0 && n->ch[known].placeholder) { who = known; adv = (size_t)(q + 1 + ql - p); }
						break;
					}
					if (!ql || ql >= 15) break;
					q += 1 + ql;
				}
			}
		}
		if (who < 0 && n->narrator >= 0 && (n->zh ? nov_starts(p, "我") && !nov_starts(p + 3, "们") : wl == 1 && *p == 'I')) {
			who = n->narrator;
			adv = n->zh ? 3 : 1;
		}
		if (who < 0) {
			const char *k2;
			json_t *g;
			json_object_foreach((json_t *)pron, k2, g) {
				size_t l = strlen(k2);
				if ((size_t)(e - p) < l || (!n->zh && l != wl)) continue;
				int hit = n->zh ? !strncmp(p, k2, l) && !nov_starts(p + l, "们") && (n->yi_she || strcmp(k2, "伊")) : !strncasecmp(p, k2, l);   /* (伊: nov_zh_yi) */
				if (hit) {
					who = resolve_pronoun(n, json_string_value(g));
					/* (English) "Mr. Bennet was among those who waited on Mr. Bingley. He had
					 * always intended to visit him": a main clause's "he" goes on with the one
					 * who opened the sentence before (in this paragraph or the one before), not
					 * with one of that gender the narration named after a preposition since */
					if (!n->zh && who >= 0 && n->ch[who].obj && main_subject_pronoun(t, p, l)) {
						int s = nov_follow(n, n->sent_subj);
						if (s >= 0 && s != who && n->sent_subj_p + 1 >= n->cur_p && str_eq(n->ch[s].gender, json_string_value(g))) who = s;
					}
					/* "Then he looked at Lord Henry.": the subject of a main clause is not the
					 * one of its gender that the rest of its sentence names */
					int not = !n->zh && who >= 0 && main_subject_pronoun(t, p, l) ? named_after(n, p + l, e, json_string_value(g)) : -1;
					if (not >= 0 && not == who) who = other_of_gender(n, json_string_value(g), not, who);
					adv = l;
					break;
				}
			}
		}
		if (who >= 0) {
			/* (English) the one who opens a sentence; whether a name follows a preposition */
			if (!n->zh && (p == t || (p - t >= 2 && p[-1] == ' ' && strchr(".!?;", p[-2]))) && who != n->narrator && !n->ch[who].placeholder) {
				n->sent_subj = who;
				n->sent_subj_p = n->cur_p;
			}
			if (!n->zh && named) n->ch[who].obj = after_prep_word(t, p);
			nov_mention(n, who);
			if (*first < 0) {
				*first = who;
				/* (a possessive that opens a sentence, "Mrs. Grose's face showed me", is its subject's) */
				int opens = p == t || (p - t >= 2 && p[-1] == ' ' && strchr(".!?;:", p[-2]));
				n->first_obj = !n->zh && named && (after_prep_word(t, p) || (!opens && (!strncmp(p + adv, "'s ", 3) || !strncmp(p + adv, "\u2019s ", 5))));
			}
			size_t j;
			for (j = 0; j < k; j++) if (out[j] == who) break;
			if (j == k && k < max) out[k++] = who;
			if (n->n_ref_at < sizeof n->ref_at / sizeof *n->ref_at)
				n->ref_at[n->n_ref_at++] = (struct nov_ref_at){ (size_t)(p - t), (size_t)(p - t) + adv, who, 0 };
			p += adv;
		} else {
			/* (English, for novel_looks.c only: "His hair was white" is the last man's; no
			 * mention is counted, nothing else reads it) */
			if (!n->zh && wl == 3 && !strncasecmp(p, "his", 3) && n->last_m >= 0 && n->n_ref_at < sizeof n->ref_at / sizeof *n->ref_at)
				n->ref_at[n->n_ref_at++] = (struct nov_ref_at){ (size_t)(p - t), (size_t)(p - t) + 3, nov_follow(n, n->last_m), 1 };
			p += wl ? wl : nov_cp_len(p);
		}
	}
	return k;
}

/* 1 if the sentence that opens with 我 at c, in a narration segment after quote prev (NULL:
 * none), may be a speech tag of the narrator's own ("我说。", "我摇摇头，“", "我想李三不是个好
 * 人……因说道：“"); 0 if it is speech the quote marks missed or a storyteller's aside: after
 * a "quote" that ends with a colon (the text's marks turned round: 「……言曰：」我怀你三年……),
 * with 你 or 您 in it (spoken to someone), a closing quote mark right after its stop
 * ("我就含笑于九泉矣！”"), or 我 and a said-verb that goes straight on to what is said with no
 * colon or quote ("我道游者流也，客者民也": the storyteller tells the reader). */
static int zh_own_tag(const char *c, const char *prev)
{
	if (prev) {
		size_t l = strlen(prev);
		while (l && prev[l - 1] == ' ') l--;
		if (l >= 3 && !memcmp(prev + l - 3, "：", 3)) return 0;
	}
	if (nov_zh_han_in("道说曰", c + 3) && nov_is_han_at(c + 6)) return 0;
	const char *p = c + 3;
	for (; *p && !nov_zh_han_in("。！？；“「『", p); p += nov_cp_len(p))
		if (nov_zh_han_in("你您", p)) return 0;
	return !(*p && nov_zh_han_in("。！？；", p) && nov_zh_han_in("”」』", p + 3));
}

/* A first-person narrator: "I" (English, also "me", "my", "myself") or "我" (Chinese)
 * in the narration at least 5 times and once per 300 words. Adds the narrator ("I" / "我") to n->ch. */
void nov_find_narrator(struct nov *n)
{
	size_t first = 0, words = 0;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			if (n->p[pi].v[si].quote) continue;
			const char *t = n->p[pi].v[si].text;
			for (const char *p = t; *p;) {
				if (n->zh) {
					if (nov_starts(p, "我") && !nov_starts(p + 3, "们")) first++;
					words += nov_is_han_at(p);
					p += nov_cp_len(p);
					continue;
				}
				size_t wl = nov_word_at(p);
				if (!wl) { p++; continue; }
				words++;
				/* "I", and "me", "my", "myself" ("My uncle said we would ...") */
				if ((wl == 1 && *p == 'I') || (wl == 2 && (!strncmp(p, "me", 2) || !strncasecmp(p, "my", 2))) ||
				    (wl == 6 && !strncasecmp(p, "myself", 6)))
					first++;
				p += wl;
			}
		}
	/* (Chinese) or the narration's own speech tags are 我's ("”我摇摇头，“", "我说：“"): a
	 * narration segment next to a quote that opens with 我 (not 我们), twice, or once with 我
	 * written once more in the narration; a talk-heavy story says 我 in its narration too
	 * seldom for the count above (“……”我说。 / 老汉问我：“……”) */
	size_t tags = 0;
	for (size_t pi = 0; n->zh && pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			const struct seg *sg = &n->p[pi].v[si];
			if (sg->quote) continue;
			/* after a quote: the segment opens with it; before one: its last sentence does */
			int after = si > 0 && n->p[pi].v[si - 1].quote, before = si + 1 < n->p[pi].n && n->p[pi].v[si + 1].quote;
			const char *t = sg->text, *ls = t;
			for (const char *p = t; *p; p += nov_cp_len(p))
				if ((nov_starts(p, "。") || nov_starts(p, "！") || nov_starts(p, "？") || nov_starts(p, "”")) && p[3]) ls = p + 3;
			for (int k = 0; k < 2; k++) {
				const char *c = k ? ls : t;
				if (!(k ? before && (ls != t || !after) : after)) continue;
				while (*c == ' ' || nov_starts(c, "，") || nov_starts(c, "。")) c += *c == ' ' ? 1 : 3;
				if (nov_starts(c, "我") && !nov_starts(c + 3, "们") && zh_own_tag(c, si > 0 && n->p[pi].v[si - 1].quote ? n->p[pi].v[si - 1].text : NULL)) { tags++; break; }
			}
		}
	int tagged = n->zh && (tags >= 2 || (tags == 1 && first >= 2));
	/* (Chinese) a classical memoir writes 余 (予, 吾; 余 as 餘 too in a traditional copy that writes
	 * both, "餘遂言曰" beside "余曰") for 我: "余幼聘金沙于氏", "余戲題其簽曰",
	 * "余欣然舉箸". That word opening clauses of the narration five times or more, with four
	 * different characters or more after it and none of them after half of them, is the
	 * narrator's (a surname opens clauses with the same given name: 余太君道, 余太君笑道;
	 * 其余, 多余 "the rest" open none; 吾父, 吾母 are always the same few) */
	if (n->zh) {
		static const char *const cls[] = { "余", "予", "吾" };
		size_t best = 0;
		for (int k = 0; k < 3; k++) {
			uint32_t after[64];
			size_t na = 0, cnt = 0, top = 0;
			int far[64] = { 0 };
			for (size_t pi = 0; pi < n->n_p; pi++)
				for (size_t si = 0; si < n->p[pi].n; si++) {
					if (n->p[pi].v[si].quote) continue;
					const char *t = n->p[pi].v[si].text;
					for (const char *p = t; *p; p += nov_cp_len(p)) {
						if (!(nov_starts(p, cls[k]) || (k == 0 && nov_starts(p, "餘"))) || !nov_is_han_at(p + 3)) continue;
						if (p != t && !(p - t >= 3 && nov_zh_han_in("。，；：！？、", p - 3)) && p[-1] != ' ') continue;
						uint32_t c = (uint32_t)((unsigned char)p[3] << 16 | (unsigned char)p[4] << 8 | (unsigned char)p[5]);
						size_t j;
						for (j = 0; j < na && after[j] != c; j++) {}
						if (j == na && na < 64) after[na++] = c;
						if (j < 64 && ++far[j] > (int)top) top = (size_t)far[j];
						cnt++;
					}
				}
			if (cnt >= 5 && na >= 4 && top * 2 <= cnt && cnt > best) {
				best = cnt;
				snprintf(n->zh_me, sizeof n->zh_me, "%s", cls[k]);
			}
		}
		first += best;
	}
	if (!tagged && (first < (n->zh ? 5u : 3u) || first * (n->zh ? 150 : 300) < words)) { n->zh_me[0] = 0; return; }   /* (English: "I" three times will do) */
	n->narrator = nov_add_ch(n, n->zh ? "我" : "I");
}

size_t nov_zh_me(struct nov *n, const char *p)
{
	if (nov_starts(p, "我")) return nov_starts(p + 3, "们") || nov_starts(p + 3, "們") ? 0 : 3;
	/* (余 is 餘 too in a traditional text that writes both: 餘遂言曰, 余曰 in one chapter) */
	if (!n->zh_me[0] || n->narrator < 0 || !(nov_starts(p, n->zh_me) || (!strcmp(n->zh_me, "余") && nov_starts(p, "餘")))) return 0;
	int w = nov_name_at(n, p);
	return w >= 0 && w != n->narrator ? 0 : 3;
}

/* Nicknames ("Lizzy" for Elizabeth, "Harry" for Henry) as aliases of the characters
 * whose (first or only) given name they shorten, so that a quote addressing "Lizzy"
 * addresses Elizabeth. */
void nov_nicknames(struct nov *n)
{
	const json_t *nick = json_object_get(n->nd, "nicknames_en");
	const char *k;
	json_t *full;
	json_object_foreach((json_t *)nick, k, full) {
		const char *f = json_string_value(full);
		size_t fl = strlen(f);
		for (size_t c = 0; c < n->n_ch; c++) {
			const char *nm = n->ch[c].name, *h = strstr(nm, f);
			if (!h || (h > nm && h[-1] != ' ') || isalpha((unsigned char)h[fl]) || nov_find_ch(n, k) >= 0) continue;
			xgrow((void **)&n->alias, &n->cap_alias, n->n_alias, sizeof *n->alias);
			n->alias[n->n_alias].a = xstrdup(k);
			n->alias[n->n_alias++].who = (int)c;
			break;
		}
	}
}

/* The gender of each named character from the pronouns that follow its mentions in the
 * narration ("Holmes ... he", "黛玉 ... 她"): the pronoun votes for the last name before
 * it in the same paragraph; a clear majority (two votes, three to one) decides. Titles
 * and kin words in the name (Mrs., 夫人) decided already at discovery and are kept.
 * Chinese texts that never write 她 use 他 for everyone, so they give no votes. */
/* The gender the titles give a character's family name, for one whose pronoun votes say
 * nothing clear (a heroine is mostly "her" near a man's "he"): "Bathsheba", whom the
 * narration calls "Bathsheba Everdene", is a woman when the text writes "Miss Everdene"
 * (female_titles_en) and never "Mr. Everdene"; a man the other way round. Nothing when
 * another character bears the family name (a mother's "Mrs. Reed" beside "John Reed").
 * NULL if nothing says. English. */
static const char *family_title_gender(struct nov *n, size_t c)
{
	const char *nm = n->ch[c].name;
	char fam[40] = "";
	if (n->ch[c].last) snprintf(fam, sizeof fam, "%s", nm + n->ch[c].last);
	size_t l = strlen(nm);
	for (size_t pi = 0; pi < n->n_p && !*fam; pi++) {   /* "Bathsheba Everdene" in the text */
		const char *t = n->p[pi].raw;
		for (const char *h = strstr(t, nm); h && !*fam; h = strstr(h + l, nm)) {
			if ((h > t && isalpha((unsigned char)h[-1])) || h[l] != ' ' || !isupper((unsigned char)h[l + 1])) continue;
			size_t fl = nov_word_at(h + l + 1);
			if (fl >= 2 && fl < sizeof fam && !isalpha((unsigned char)h[l + 1 + fl]) && !stop_word_n(n, h + l + 1, fl)) snprintf(fam, sizeof fam, "%.*s", (int)fl, h + l + 1);
		}
	}
	if (!*fam) return NULL;
	size_t fl = strlen(fam);
	for (size_t d = 0; d < n->n_ch; d++) {   /* another character of that family */
		if (d == c || n->ch[d].merged >= 0 || nov_follow(n, (int)d) == nov_follow(n, (int)c)) continue;
		const char *dn = n->ch[d].name, *sp = strrchr(dn, ' ');
		if (!strcmp(dn, fam) || (sp && !strcmp(sp + 1, fam))) return NULL;
	}
	const json_t *ft = json_object_get(n->nd, "female_titles_en");
	static const char *const mt[] = { "Mr.", "Mr", "Master", NULL };
	int f = 0, m = 0;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const char *t = n->p[pi].raw;
		for (const char *h = strstr(t, fam); h; h = strstr(h + fl, fam)) {
			if (isalpha((unsigned char)h[fl]) || h - t < 3 || h[-1] != ' ') continue;
			const char *e = h - 1, *b = e;
			while (b > t && (isalpha((unsigned char)b[-1]) || b[-1] == '.')) b--;
			char w[16];
			if (e - b <= 0 || e - b >= (int)sizeof w) continue;
			snprintf(w, sizeof w, "%.*s", (int)(e - b), b);
			if (nov_in_list(ft, w)) f++;
			for (int k = 0; mt[k]; k++) m += !strcmp(w, mt[k]);
		}
	}
	return f && !m ? "female" : m && !f ? "male" : NULL;
}

/* 1 if the word at p (in t) follows "of": the name belongs to a phrase whose head is
 * another noun ("mistress of Norland", "the son of Mr. Dashwood"), the one the pronouns
 * after it go on with */
static int after_of_en(const char *t, const char *p)
{
	return p - t >= 4 && !strncmp(p - 3, "of ", 3) && !isalpha((unsigned char)p[-4]);
}

/* 1 if the name [p, p+l) of narration t is in the possessive ("Harris's", "Harris’s") and does not
 * open its sentence */
static int possessive_inside(const char *t, const char *p, size_t l)
{
	const char *a = p + l;
	size_t al = a[0] == '\'' ? 1 : !strncmp(a, "\xE2\x80\x99", 3) ? 3 : 0;
	if (!al || a[al] != 's' || isalpha((unsigned char)a[al + 1])) return 0;
	const char *b = p;
	while (b > t && b[-1] == ' ') b--;
	return b > t && !strchr(".!?;:", b[-1]);
}

/* 1 if the "her" that ends right before a is an object ("telling her about McTeague", "nudging
 * her;", "draw her out"), not a possessive ("her head"): no word of a noun phrase follows. An
 * object "her", like "him" (which never votes), is not the subject the name before it names:
 * "Marcus began telling her" is no vote that Marcus is a woman. */
static int object_her(const char *a)
{
	static const char *const fw[] = { "about", "out", "up", "down", "in", "on", "to", "that", "the", "a", "an", "and", "but", "or",
		"with", "for", "from", "into", "off", "over", "back", "away", "again", "so", "as", "at", "by", "if", "when", "of", "what",
		"how", "why", "where", "this", "his", "her", "my", "your", "their", "it", "some", "no", "any", "all", "too", "very", "myself",
		"himself", "herself", "yourself", "ourselves", "themselves", NULL };
	if (*a != ' ') return *a != '-';   /* ("her." "her," "her;": an object; "her-" a compound) */
	while (*a == ' ') a++;
	size_t l = nov_word_at(a);
	if (!l || !islower((unsigned char)*a)) return 1;
	for (int k = 0; fw[k]; k++)
		if (l == strlen(fw[k]) && !strncmp(a, fw[k], l)) return 1;
	return 0;
}

/* 1 if the English word [p, p+l) is "he" or "she" */
static int is_subject_pronoun_en(const char *p, size_t l)
{
	return (l == 2 && !strncasecmp(p, "he", 2)) || (l == 3 && !strncasecmp(p, "she", 3));
}

/* The English word [p, p+l) as a noun for a person, one a newcomer is called by (man,
 * girl, stranger) or a role or kin noun (porter, soldier, father): "m" or "f" for its
 * gender, "" for either; NULL if it is none */
static const char *person_noun_en(struct nov *n, const char *p, size_t l)
{
	char w[32];
	if (l < 3 || l >= sizeof w) return NULL;
	snprintf(w, sizeof w, "%.*s", (int)l, p);
	for (char *c = w; *c; c++) *c = (char)tolower((unsigned char)*c);
	const char *g = json_string_value(json_object_get(json_object_get(n->nd, "newcomer_nouns_en"), w));
	if (!g) g = nov_role_noun_en(n, p, l);
	return !g ? NULL : !strcmp(g, "male") ? "m" : !strcmp(g, "female") ? "f" : "";
}

void nov_genders(struct nov *n)
{
	int *vm = xcalloc(n->n_ch + 1, sizeof *vm), *vf = xcalloc(n->n_ch + 1, sizeof *vf);
	int she_zh = n->yi_she;   /* (伊 is "she": 他 is "he") */
	for (size_t pi = 0; pi < n->n_p && n->zh && !she_zh; pi++) she_zh = strstr(n->p[pi].raw, "她") != NULL;
	n->he_any = n->zh && !she_zh;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			if (n->p[pi].v[si].quote) continue;
			const char *t = n->p[pi].v[si].text;
			/* (English) subj: the gender ('m', 'f') of the first subject pronoun that voted for
			 * last; shut: the genders ('m', 'f', 'b' both) whose pronouns vote for it no more */
			int last = -1, subj = 0, shut = 0;
			for (const char *p = t; *p;) {
				size_t wl = n->zh ? 0 : nov_word_at(p);
				if (!n->zh && (!wl || (p > t && isalpha((unsigned char)p[-1])))) { p++; continue; }
				int hit = -1, whole = 0;
				size_t best = 0;
				for (size_t c = 0; c < n->n_ch; c++) {
					const struct nch *ch = &n->ch[c];
					if ((int)c == n->narrator) continue;   /* (a surname alone votes too: "Okafor capped her pen") */
					/* (no vote from "him": an object is not the subject who was named, "Gran stood up to meet him") */
					/* (a name written whole is its owner's before it is another's surname: "Harris ... he" votes for
					 * Harris, not for a "Mrs. Harris" met first) */
					if (ch->name[0] == *p && (ch->len > best || (ch->len == best && !whole)) && !strncmp(p, ch->name, ch->len) && (n->zh || !isalpha((unsigned char)p[ch->len]))) { best = ch->len; hit = (int)c; whole = 1; }
					if (ch->last && ch->len - ch->last == wl && !strncmp(p, ch->name + ch->last, wl) && wl > best) { best = wl; hit = (int)c; whole = 0; }
				}
				/* (a Chinese name joined to another, 沛君 of 张沛君, votes for its owner) */
				/* (English) a name in the possessive inside its sentence ("Muriel is Harris's second: she is a
				 * bright child", "arrived at Mary Hampton's house-party, and he"), like one after "of", is no
				 * subject the pronouns after it go on with: they vote for no one */
				if (hit >= 0) { last = n->zh ? nov_follow(n, hit) : hit; subj = shut = 0; if (!n->zh && (after_of_en(t, p) || possessive_inside(t, p, best))) last = -1; p += best; continue; }
				/* (English) a pronoun votes for the name before it only while nothing else may be
				 * its antecedent: not after a person the narration brings on by a noun, if it
				 * fits that noun's gender ("Sol sat down. Halfway down the bus a girl had her
				 * forehead against the window"; "such a father-in-law. I am convinced that he";
				 * a role noun, "a soldier", fits either), and not from a second subject pronoun
				 * of the first one's gender on (the first "he" continues the name; the next may
				 * be any man the first one's sentence met) */
				if (!n->zh && last >= 0) {
					const char *g = person_noun_en(n, p, wl);
					char sg = is_subject_pronoun_en(p, wl) ? (*p == 'h' || *p == 'H' ? 'm' : 'f') : 0;
					if (g) shut = !*g || (shut && shut != *g) ? 'b' : *g;
					if (sg && sg == subj) shut = 'b';
				}
				if (last >= 0 && shut != 'b') {
					int m = n->zh ? she_zh && nov_starts(p, "他") && !nov_starts(p + 3, "们") : (wl == 2 && !strncmp(p, "he", 2)) || (wl == 3 && !strncmp(p, "his", 3)) || (wl == 2 && !strncmp(p, "He", 2)) || (wl == 3 && !strncmp(p, "His", 3));
					int f = n->zh ? nov_zh_pron(n, p) == 'f' && !nov_starts(p + 3, "们") : (wl == 3 && !strncasecmp(p, "she", 3)) || (wl == 3 && !strncasecmp(p, "her", 3) && !object_her(p + 3));
					if (m && shut != 'm') vm[last]++;
					if (f && shut != 'f') vf[last]++;
					if (!n->zh && !subj && ((m && shut != 'm') || (f && shut != 'f')) && is_subject_pronoun_en(p, wl)) subj = m ? 'm' : 'f';
				}
				p += wl ? wl : nov_cp_len(p);
			}
		}
	const json_t *given = json_object_get(n->nd, "given_names_en");
	for (size_t c = 0; c < n->n_ch; c++) {
		if (n->ch[c].gender || (int)c == n->narrator) continue;
		if (vm[c] >= 2 && vm[c] >= 3 * vf[c]) n->ch[c].gender = "male";
		else if (vf[c] >= 2 && vf[c] >= 3 * vm[c]) n->ch[c].gender = "female";
		else if (!n->zh) {
			/* votes say nothing clear (a heroine is mostly "her" near a man's "he"): the
			 * given name does ("Elizabeth", "Basil"), the word after any title */
			const char *fg = family_title_gender(n, c);
			if (fg) { n->ch[c].gender = fg; continue; }
			const char *nm = n->ch[c].name;
			size_t wl = nov_word_at(nm), td;
			if (wl && nov_is_title_word(n, nm, wl, &td)) { nm += wl + (nm[wl] == '.'); while (*nm == ' ') nm++; wl = nov_word_at(nm); }
			char w[32];
			if (!wl || wl >= sizeof w) continue;
			snprintf(w, sizeof w, "%.*s", (int)wl, nm);
			if (nov_in_list(json_object_get(given, "female"), w)) n->ch[c].gender = "female";
			else if (nov_in_list(json_object_get(given, "male"), w)) n->ch[c].gender = "male";
			/* one vote and none against ("Okafor capped her pen."), when nothing else says */
			else if (vf[c] == 1 && !vm[c]) n->ch[c].gender = "female";
			else if (vm[c] == 1 && !vf[c]) n->ch[c].gender = "male";
		}
	}
	free(vm);
	free(vf);
}

/* A one-word name the text never writes alone, but each time (at least twice) with the
 * same capitalised word after it ("Ben Winthrop", "Mary Ann", "Father Brown", "Jimmy
 * Pitkin"), is half of a two-word name: the character takes the whole of it, so a tag
 * "said Father Brown" names him and not a "Father". Not when the second word is a name
 * of its own, a title or a stop word, nor when it is the surname of a titled one known
 * ("Mr. Wilson"): those join or stay apart by nov_join_names. */
void nov_full_names_en(struct nov *n, const char *text)
{
	if (n->zh) return;
	for (size_t c = 0; c < n->n_ch; c++) {
		struct nch *ch = &n->ch[c];
		if (ch->merged >= 0 || ch->placeholder || (int)c == n->narrator || strchr(ch->name, ' ') || ch->len < 2 || !isupper((unsigned char)ch->name[0])) continue;
		char second[64] = "";
		int k = 0, alone = 0;
		for (const char *h = strstr(text, ch->name); h && !alone; h = strstr(h + ch->len, ch->name)) {
			if ((h > text && isalpha((unsigned char)h[-1])) || isalpha((unsigned char)h[ch->len]) || h[ch->len] == '\'' || !strncmp(h + ch->len, "\xE2\x80\x99", 3)) continue;   /* (a possessive, ' or ’: neither way) */
			const char *q = h + ch->len;
			size_t ql = *q == ' ' ? name_word(q + 1) : 0;
			if (!ql || !isupper((unsigned char)q[1]) || all_caps(q + 1, ql) || ql >= sizeof second) { alone = 1; break; }
			if (!*second) snprintf(second, sizeof second, "%.*s", (int)ql, q + 1);
			else if (strlen(second) != ql || strncmp(second, q + 1, ql)) { alone = 1; break; }
			k++;
		}
		size_t td;
		if (alone || k < 2 || stop_word(n, second) || nov_is_title_word(n, second, strlen(second), &td) || nov_find_ch(n, second) >= 0) continue;
		/* ("Mr. Jabez Wilson", "Mr. Quatermain" known: the surname is that one's, and the
		 * given name joins him there, not as a second person) */
		int owned = 0;
		for (size_t o = 0; o < n->n_ch && !owned; o++)
			owned = o != c && n->ch[o].merged < 0 && n->ch[o].last && !strcmp(n->ch[o].name + n->ch[o].last, second);
		if (owned) continue;
		char *full = xasprintf("%s %s", ch->name, second);
		if (nov_find_ch(n, full) >= 0) { free(full); continue; }
		free(ch->name);
		ch->name = full;
		ch->len = strlen(full);
		ch->last = ch->len - strlen(second);
		free(ch->role);
		const char *role = imp_lookup("role_words", full);
		ch->role = role ? xstrdup(role) : NULL;
	}
}

/* One person under two names: "Basil" and "Hallward" written together as "Basil
 * Hallward", "Lord Henry Wotton" and "Lord Henry" (a longer name that extends a shorter
 * one with the same title). The second joins the first. */
static int given_name(struct nov *n, const char *w)
{
	const json_t *given = json_object_get(n->nd, "given_names_en");
	return nov_in_list(json_object_get(given, "female"), w) || nov_in_list(json_object_get(given, "male"), w);
}

/* How often text writes the one-word name a as a whole word on its own: not right
 * before or right after the name b ("Henry" of "Henry Mullins" is not on its own). */
static size_t alone_uses(const char *text, const char *a, const char *b)
{
	size_t al = strlen(a), bl = strlen(b), k = 0;
	for (const char *h = strstr(text, a); h; h = strstr(h + al, a)) {
		if ((h > text && isalpha((unsigned char)h[-1])) || isalpha((unsigned char)h[al])) continue;
		if (h[al] == ' ' && !strncmp(h + al + 1, b, bl) && !isalpha((unsigned char)h[al + 1 + bl])) continue;   /* "a b" */
		if ((size_t)(h - text) > bl && h[-1] == ' ' && !strncmp(h - 1 - bl, b, bl) && (h - 1 - bl == text || !isalpha((unsigned char)h[-2 - (ptrdiff_t)bl]))) continue;   /* "b a" */
		k++;
	}
	return k;
}

void nov_join_names(struct nov *n, const char *text)
{
	if (n->zh) return;
	/* one pass over the words: a one-word name right after another ("Basil Hallward") */
	int prev = -1;
	struct { int a, b; } apart[32];   /* (pairs found apart, not asked again) */
	size_t n_apart = 0;
	for (const char *p = text; *p;) {
		size_t wl = nov_word_at(p);
		if (!wl) { if (*p != ' ') prev = -1; p++; continue; }
		int hit = -1;
		if (isupper((unsigned char)*p))
			for (size_t c = 0; c < n->n_ch; c++)
				if (!n->ch[c].last && n->ch[c].len == wl && n->ch[c].name[0] == *p && !memcmp(p, n->ch[c].name, wl)) { hit = (int)c; break; }
		if (hit >= 0 && prev >= 0 && prev != hit && n->ch[hit].merged < 0 && n->ch[prev].merged < 0 && !n->ch[prev].placeholder &&
		    !n->ch[hit].placeholder && hit != n->narrator && prev != n->narrator) {
			size_t k = 0;
			while (k < n_apart && !(apart[k].a == prev && apart[k].b == hit)) k++;
			/* "Mistress Mary", "Yorkshire Martha": a given name after a word that is none is
			 * no surname after a given name ("Basil Hallward"); the word before is an epithet
			 * of the one the given name names */
			if (k == n_apart && given_name(n, n->ch[hit].name) && !given_name(n, n->ch[prev].name) && !nov_apart_en(n, hit, prev)) {
				n->ch[prev].merged = hit;
				if (!n->ch[hit].gender) n->ch[hit].gender = n->ch[prev].gender;
				prev = hit;
				p += wl;
				continue;
			}
			if (k < n_apart || nov_apart_en(n, prev, hit)) {
				if (k == n_apart && n_apart < ARRAY_LEN(apart)) { apart[n_apart].a = prev; apart[n_apart++].b = hit; }
				prev = hit;
				p += wl;
				continue;
			}
			/* the person keeps the one of the two the text writes more often on its own
			 * ("Mullins" of "Henry Mullins", never "Henry"; "Basil" of "Basil Hallward" when
			 * "Basil" alone is the commoner); as often: the first */
			int keep = prev, drop = hit;
			if (alone_uses(text, n->ch[hit].name, n->ch[prev].name) > alone_uses(text, n->ch[prev].name, n->ch[hit].name)) { keep = hit; drop = prev; }
			n->ch[drop].merged = keep;
			if (!n->ch[keep].gender) n->ch[keep].gender = n->ch[drop].gender;
			if (keep == hit) {
				/* ("Princess Irene": the role noun the dropped name was stays known as hers) */
				struct nch *d = &n->ch[drop], *k = &n->ch[keep];
				if (!k->role_noun && nov_role_noun_en(n, d->name, d->len)) {
					k->role_noun = xstrdup(d->name);
					for (char *q = k->role_noun; *q; q++) *q = (char)tolower((unsigned char)*q);
				}
				prev = hit;
				p += wl;
				continue;
			}
		}
		prev = hit;
		p += wl;
	}
	/* "Jabez" and "Sherlock" join "Mr. Jabez Wilson" and "Mr. Sherlock Holmes" (the given name between) */
	for (size_t a = 0; a < n->n_ch; a++) {
		const char *sp1 = strchr(n->ch[a].name, ' '), *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
		if (!sp2 || strchr(sp2 + 1, ' ') || n->ch[a].merged >= 0) continue;
		for (size_t b = 0; b < n->n_ch; b++)
			if (b != a && !n->ch[b].last && n->ch[b].merged < 0 && n->ch[b].len == (size_t)(sp2 - sp1 - 1) && !strncmp(n->ch[b].name, sp1 + 1, n->ch[b].len) &&
			    (int)b != n->narrator && !n->ch[b].placeholder && !nov_apart_en(n, (int)a, (int)b)) {
				n->ch[b].merged = (int)a;
				if (!n->ch[a].gender) n->ch[a].gender = n->ch[b].gender;
			}
	}
	/* "Lord Henry Wotton" joins "Lord Henry" */
	for (size_t a = 0; a < n->n_ch; a++)
		for (size_t b = 0; b < n->n_ch; b++) {
			struct nch *x = &n->ch[a], *y = &n->ch[b];
			if (a == b || x->merged >= 0 || y->merged >= 0 || x->placeholder || y->placeholder || !x->last) continue;
			if (y->len > x->len && !strncmp(y->name, x->name, x->len) && y->name[x->len] == ' ' && !nov_apart_en(n, (int)a, (int)b)) {
				y->merged = (int)a;
				if (!x->gender) x->gender = y->gender;
			}
		}
}
