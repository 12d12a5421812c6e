/* story/novel_speak.c — who says a quotation, in this order:
 *   1. a speech tag right after it ("said Elizabeth", "Elizabeth replied", "returned
 *      she", "cried his wife", "said I"; "母亲说。", "闰土说着，"),
 *   2. a tag that leads into it ("Then Tom said:", "如海笑道：", "卓曰："),
 *   3. the speaker of the quotation before it in the same paragraph,
 *   4. turn-taking: in a running exchange, the one who spoke before the last speaker,
 *      unless the quotation names that one as the person spoken to ("My dear Holmes"),
 *   5. the nearest subject of the paragraph's narration.
 * A tag's subject is a name, a pronoun (the last-mentioned person of that gender), the
 * first-person narrator ("I", "我"), a relation ("his wife" is Mrs. X when he is Mr. X,
 * "her ladyship" the titled lady) or a role ("the painter"): a relation or role no
 * name resolves is the one whose turn it is. A name used to address someone in a
 * quotation is the listener, never the speaker. */
#include "story/novel.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>

/* ---- English ---- */
#define MAXW 10
struct words { const char *p[MAXW]; size_t l[MAXW]; size_t n; };

/* The words of s up to the first clause stop (, ; : . ! ? or —), at most MAXW. */
static void words_of_clause(struct nov *n, const char *s, size_t len, struct words *w)
{
	w->n = 0;
	const char *e = s + len;
	for (const char *p = s; p < e && w->n < MAXW;) {
		size_t wl = nov_word_at(p);
		if (wl > (size_t)(e - p)) wl = (size_t)(e - p);
		if (wl) { w->p[w->n] = p; w->l[w->n++] = wl; p += wl; continue; }
		if (*p == '.' && w->n && nov_is_title_word(n, w->p[w->n - 1], w->l[w->n - 1], &wl)) { p++; continue; }
		if (strchr(",;:.!?", *p) || (*p == '-' && p[1] == '-')) break;
		p++;
	}
}

static int wis(const struct words *w, size_t i, const char *s)
{
	return i < w->n && strlen(s) == w->l[i] && !strncasecmp(w->p[i], s, w->l[i]);
}

/* gender of a relation or role noun ("wife" female, "painter" any = ""), or NULL */
static const char *role_gender(struct nov *n, const char *p, size_t l)
{
	const json_t *roles = json_object_get(n->nd, "tag_roles_en");
	const char *k;
	json_t *g;
	json_object_foreach((json_t *)roles, k, g)
		if (strlen(k) == l && !strncasecmp(k, p, l)) return json_string_value(g);
	return nov_role_noun_en(n, p, l);
}

/* The character a title and surname make ("Mrs." + "Bennet"), or -1. */
static int titled(struct nov *n, const char *title, const char *surname)
{
	if (!surname) return -1;
	char *nm = xasprintf("%s %s", title, surname);
	int i = nov_find_ch(n, nm);
	free(nm);
	return i;
}

static const char *surname_of(struct nov *n, int who)
{
	if (who < 0) return NULL;
	const char *sp = strrchr(n->ch[who].name, ' ');
	return sp ? sp + 1 : NULL;
}

/* the most mentioned character whose name starts with title ("Mrs. ") */
static int most_titled(struct nov *n, const char *title)
{
	int best = -1;
	for (size_t c = 0; c < n->n_ch; c++)
		if (n->ch[c].merged < 0 && !strncmp(n->ch[c].name, title, strlen(title)) && (best < 0 || n->ch[c].count > n->ch[best].count)) best = (int)c;
	return best;
}

/* Of the two in the exchange (and then the last mentions), the one of gender g who is not `not`. */
static int of_gender(struct nov *n, const char *g, int not)
{
	int cand[4] = { nov_follow(n, n->last_spk), nov_follow(n, n->prev_spk), nov_follow(n, !strcmp(g, "male") ? n->last_m : n->last_f), nov_follow(n, n->last_any) };
	for (int i = 0; i < 4; i++)
		if (cand[i] >= 0 && cand[i] != not && (!*g || str_eq(n->ch[cand[i]].gender, g))) return cand[i];
	return -1;
}

int nov_of_gender(struct nov *n, const char *g, int not) { return of_gender(n, g, not); }

/* 1 if the text knows character c by a role noun other than noun: the narration writes one
 * beside its name ("Mr. Snell, the landlord"), its name is one ("Princess"), or its title is
 * a rank or office ("Captain MacWhirr"; not kin: "Uncle Walt") (English) */
static int other_role(struct nov *n, int c, const char *noun)
{
	const struct nch *x = &n->ch[c];
	if (x->role_noun) return strcasecmp(x->role_noun, noun) != 0;
	if (!x->last) return nov_role_noun_en(n, x->name, x->len) && strcasecmp(x->name, noun);
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)json_object_get(n->nd, "role_titles_en"), key, v) {
		const char *t = json_string_value(v);
		size_t tl = t ? strlen(t) : 0;
		if (!tl || strncmp(x->name, t, tl) || x->name[tl] != ' ') continue;
		if (!strcmp(key, "uncle") || !strcmp(key, "aunt") || !strcmp(key, "grandpa") || !strcmp(key, "grandma")) return 0;
		return strcasecmp(key, noun) != 0;
	}
	return 0;
}

/* 1 if the title opening character c's name says it is no <noun> (title_excludes_en): an
 * adult's title ("Lady Burlesdon") is no girl or boy, a peer's ("Lord Henry") no butler or
 * maid (English) */
static int title_excludes(struct nov *n, int c, const char *noun)
{
	const json_t *ts = json_object_get(json_object_get(n->nd, "title_excludes_en"), noun);
	const char *name = n->ch[c].name, *sp = strchr(name, ' ');
	if (!ts || !sp) return 0;
	size_t i;
	json_t *t;
	json_array_foreach(ts, i, t) {
		const char *s = json_string_value(t);
		if (s && strlen(s) == (size_t)(sp - name) && !strncmp(name, s, strlen(s))) return 1;
	}
	return 0;
}

/* 1 if what the text knows of named character c says it is not "the <noun>" (g the noun's
 * gender): the noun's sex is not c's ("said the boy" at a woman's turn), or c's title rules
 * the noun out (title_excludes) (English) */
static int cannot_be(struct nov *n, int c, const char *noun, const char *g)
{
	if (n->ch[c].placeholder) return 0;
	if (*g && n->ch[c].gender && !str_eq(n->ch[c].gender, g)) return 1;
	return title_excludes(n, c, noun);
}

/* The person a relation names: "his wife", "her mother", "her ladyship", "the painter". -1: let turn-taking say. */
static int relation(struct nov *n, const char *det, size_t dl, const char *noun, size_t nl, int voc, int turn, int adj)
{
	if (turn >= 0 && turn == n->narrator) turn = -1;   /* "said the woman" is never the "I" who tells */
	/* "said the old man", "the old gentleman", "the old lady": the one person of that sex the
	 * narration calls old ("Old Mr. Templeton's house"; novel_epithet.c), if only one */
	if (!n->zh && adj && dl == 3 && !strncasecmp(det, "the", 3)) {
		int old = 0;
		for (const char *p = det + dl; p < noun && !old; p++) {
			size_t l = isalpha((unsigned char)*p) && !isalpha((unsigned char)p[-1]) ? nov_word_at(p) : 0;
			old = l && nov_old_word_en(p, l);
		}
		/* (not where the text knows one by the noun itself: "the old nurse" is Nurse Bell) */
		if (old && nov_role_char_en(n, noun, nl) >= 0) old = 0;
		const char *og = old ? role_gender(n, noun, nl) : NULL;
		if (old && !og && nov_person_noun_en(noun, nl)) og = "";
		int c = og ? nov_old_one_en(n, og) : -1;
		if (c >= 0) return nov_follow(n, c);
	}
	/* "cried the father": the one person the text made someone's father (novel_kin.c) */
	if (!n->zh && dl == 3 && !strncasecmp(det, "the", 3)) {
		int kc = nov_kin_only(n, noun, nl);
		if (kc >= 0 && kc != n->narrator) return kc;
	}
	/* "the ferryman", "my uncle", "the nurse": one known by that role (Ferryman, Uncle Walt, Nurse Bell) */
	if ((dl == 3 && !strncasecmp(det, "the", 3)) || (dl == 2 && !strncasecmp(det, "my", 2)) || (dl == 3 && !strncasecmp(det, "our", 3))) {
		int c = nov_role_char_en(n, noun, nl);
		if (c >= 0) return nov_follow(n, c);
	}
	/* "her father" when the text knows him only so (the character Father) */
	if (!n->zh && dl == 3 && (!strncasecmp(det, "his", 3) || !strncasecmp(det, "her", 3))) {
		char w[32];
		snprintf(w, sizeof w, "%.*s", (int)(nl < 31 ? nl : 31), noun);
		w[0] = (char)toupper((unsigned char)w[0]);
		int c = nov_find_ch(n, w);
		if (c >= 0 && nov_role_noun_en(n, noun, nl)) return nov_follow(n, c);
	}
	/* "the captain", "the Colonel": the one who bears that title (Captain Rees), or is called by it */
	if (dl == 3 && !strncasecmp(det, "the", 3) && nl < 30) {
		char t[40];
		size_t td;
		snprintf(t, sizeof t, "%.*s", (int)nl, noun);
		t[0] = (char)toupper((unsigned char)t[0]);
		if (nov_is_title_word(n, t, nl, &td)) {
			int c = nov_find_ch(n, t);
			strcat(t, " ");
			if (c < 0) c = most_titled(n, t);
			if (c >= 0) return nov_follow(n, c);
		}
	}
	const char *g = role_gender(n, noun, nl);
	if (!g) return -2;   /* not a relation: no tag subject */
	int owner = -1;
	/* "his": the one spoken to, when he is named in the quote ("My dear Mr. Bennet," said his lady) */
	int his = dl == 3 && !strncasecmp(det, "his", 3), her = dl == 3 && !strncasecmp(det, "her", 3);
	if ((his || her) && voc >= 0 && str_eq(n->ch[voc].gender, his ? "male" : "female")) owner = voc;
	else if (his) owner = nov_follow(n, n->last_m);
	else if (her) owner = nov_follow(n, n->last_f);
	char noun_s[32];
	snprintf(noun_s, sizeof noun_s, "%.*s", (int)nl, noun);
	for (char *c = noun_s; *c; c++) *c = (char)tolower((unsigned char)*c);
	/* "said her father": the one the text made her father ("His daughter Ellen"; novel_kin.c) */
	if (!n->zh && (his || her) && owner >= 0) {
		int kc = nov_kin_find(n, owner, noun, nl);
		if (kc >= 0 && kc != n->narrator) return kc;
	}
	const char *sur = surname_of(n, owner);
	int w = -1;
	if (!strcmp(noun_s, "wife") || !strcmp(noun_s, "lady")) { w = titled(n, "Mrs.", sur); if (w < 0) w = titled(n, "Mrs", sur); }
	else if (!strcmp(noun_s, "husband")) { w = titled(n, "Mr.", sur); if (w < 0) w = titled(n, "Mr", sur); }
	else if (!strcmp(noun_s, "mother")) { w = titled(n, "Mrs.", sur); if (w < 0) w = titled(n, "Mrs", sur); if (w < 0) w = most_titled(n, "Mrs."); }
	else if (!strcmp(noun_s, "father")) { w = titled(n, "Mr.", sur); if (w < 0) w = titled(n, "Mr", sur); if (w < 0) w = most_titled(n, "Mr."); }
	else if (!strcmp(noun_s, "ladyship")) w = most_titled(n, "Lady ");
	else if (!strcmp(noun_s, "lordship")) w = most_titled(n, "Lord ");
	/* (and remembered, when she is the one spoken to: "'..., Margaret,' said her father") */
	if (w >= 0 && owner == voc) nov_kin_note(n, owner, noun_s, w);
	if (w >= 0) return nov_follow(n, w);
	/* "said the tall man" with no one's turn, or an adjective: the unnamed one of that
	 * gender the narration brought on ("a tall man in a wet overcoat") */
	if (!n->zh && dl == 3 && !strncasecmp(det, "the", 3) && *g && (turn < 0 || adj) && !strcmp(g, role_gender(n, noun, nl)) &&
	    (!strcmp(noun_s, "man") || !strcmp(noun_s, "woman") || !strcmp(noun_s, "boy") || !strcmp(noun_s, "girl") || !strcmp(noun_s, "stranger") ||
	     (adj && (!strcmp(noun_s, "lady") || !strcmp(noun_s, "gentleman"))))) {   /* ("the old lady": an adjective, no Mrs.) */
		if (turn >= 0 && n->ch[turn].placeholder && str_eq(n->ch[turn].gender, g)) return turn;
		/* ("replied the consequential little gentleman": the article says he is known; no
		 * unnamed one of that gender brought on yet, it is the named one whose turn it is) */
		const char *phn = json_string_value(json_object_get(nov_vocab(n, "placeholder"), g));
		if (turn >= 0 && adj && nov_find_ch(n, phn ? phn : "Stranger") < 0 && str_eq(n->ch[turn].gender, g)) { n->weak_tag = 1; return turn; }
		return nov_follow(n, nov_placeholder(n, g));
	}
	/* "said the farrier" at the turn of one the text knows by another role ("Mr. Snell, the
	 * landlord", the character Princess, Captain MacWhirr), or whom the noun cannot describe
	 * ("said the boy" at a woman's turn, "said the butler" at Lord Henry's): that one is no
	 * farrier, and no one bears the noun yet (nov_role_char_en above), so the tag names one
	 * of its own, as the text writes it with its adjectives ("the deputy clerk": Deputy
	 * Clerk); where only the sex rules the turn's one out, "the boy" or "the woman" is the
	 * unnamed one of that sex the narration brought on, if there is one ("a boy of about ten
	 * came in") (English) */
	if (!n->zh && dl == 3 && !strncasecmp(det, "the", 3) && turn >= 0 &&
	    ((other_role(n, turn, noun_s) && nov_role_noun_en(n, noun, nl)) || cannot_be(n, turn, noun_s, g))) {
		if (!other_role(n, turn, noun_s) && !title_excludes(n, turn, noun_s) &&
		    (!strcmp(noun_s, "man") || !strcmp(noun_s, "woman") || !strcmp(noun_s, "boy") || !strcmp(noun_s, "girl"))) {
			const char *phn = json_string_value(json_object_get(nov_vocab(n, "placeholder"), g));
			int ph = nov_find_ch(n, phn ? phn : "Stranger");
			if (ph >= 0 && n->ch[ph].placeholder) return nov_follow(n, ph);
		}
		const char *ps = adj ? det + dl : noun;
		while (*ps == ' ') ps++;
		char nm[48];
		size_t pl = (size_t)(noun + nl - ps);
		for (size_t i = 0; i < pl; i++)
			if (!isalpha((unsigned char)ps[i]) && ps[i] != ' ' && ps[i] != '-') pl = sizeof nm;
		if (pl >= sizeof nm) { ps = noun; pl = nl; }
		snprintf(nm, sizeof nm, "%.*s", (int)pl, ps);
		for (char *q = nm; *q; q++)
			if (q == nm || q[-1] == ' ') *q = (char)toupper((unsigned char)*q);
		int c = nov_add_ch(n, nm);
		if (!n->ch[c].gender && *g) n->ch[c].gender = g;
		return nov_follow(n, c);
	}
	/* "the painter", "the King": the one whose turn it is, if the word fits */
	if (turn >= 0 && turn != owner && (!*g || !n->ch[turn].gender || str_eq(n->ch[turn].gender, g))) { n->weak_tag = 1; return turn; }
	/* after a pause in the talk: the other one of the last exchange */
	int o = nov_follow(n, n->other);
	if (o >= 0 && o != owner && o != nov_follow(n, n->last_spk) && (!*g || !n->ch[o].gender || str_eq(n->ch[o].gender, g))) return o;
	/* "replied our visitor", "said his companion" (either gender) after a pause: the one
	 * who spoke before the last speaker, never the "I" who tells */
	int pv = nov_follow(n, n->prev_spk);
	if (!*g && pv >= 0 && pv != owner && pv != n->narrator && pv != nov_follow(n, n->last_spk)) return pv;
	return of_gender(n, g, owner) >= 0 && *g ? of_gender(n, g, owner) : -1;
}

int nov_name_at(struct nov *n, const char *p)
{
	int who = -1;
	size_t best = 0;
	for (size_t c = 0; c < n->n_ch; c++) {
		const struct nch *ch = &n->ch[c];
		const char *nm[2] = { ch->name, ch->last ? ch->name + ch->last : NULL };
		for (int k = 0; k < 2; k++) {
			size_t l = nm[k] ? strlen(nm[k]) : 0;
			if (l > best && !strncmp(p, nm[k], l) && !isalpha((unsigned char)p[l])) { best = l; who = nov_follow(n, (int)c); }
		}
	}
	return who;
}

static int is_pronoun(const struct words *w, size_t i)
{
	return wis(w, i, "he") || wis(w, i, "she") || wis(w, i, "I");
}

static int is_det(const struct words *w, size_t i)
{
	return wis(w, i, "his") || wis(w, i, "her") || wis(w, i, "the") || wis(w, i, "our") || wis(w, i, "their") || wis(w, i, "your") ||
	       wis(w, i, "my");
}

/* "said my companion", "my friend answered" where it was the first-person narrator's
 * turn: the narrator's companion is not the narrator; the last one who spoke besides
 * the narrator and the one this quote speaks to (*who). 0 if no one fits. */
static int my_companion(struct nov *n, const struct words *w, size_t a, size_t k, int turn, int voc, int *who)
{
	if (n->zh || n->narrator < 0 || turn != n->narrator || !(wis(w, a, "my") || wis(w, a, "our"))) return 0;
	const char *g = role_gender(n, w->p[k], w->l[k]);
	if (!g || *g) return 0;   /* (companion, friend, visitor: no gender; "my father" is a relation) */
	int c3[3] = { nov_follow(n, n->last_spk), nov_follow(n, n->prev_spk), nov_follow(n, n->other) };
	for (int i = 0; i < 3; i++)
		if (c3[i] >= 0 && c3[i] != n->narrator && c3[i] != voc && !n->ch[c3[i]].placeholder) { *who = c3[i]; return 1; }
	return 0;
}

/* The one person of gender g that the paragraph before the one being read names, when
 * that paragraph is short narration (no quote, at most 40 words) and the one being read
 * opens with its first quote; -1 if none or several (English). */
static int prev_para_one_of(struct nov *n, const char *g)
{
	if (n->zh || !n->cur_p || !n->p[n->cur_p].n || !n->p[n->cur_p].v[0].quote || (n->n_q && n->q[n->n_q - 1].para == n->cur_p)) return -1;
	const struct para *pp = &n->p[n->cur_p - 1];
	size_t words = 0;
	for (size_t si = 0; si < pp->n; si++) {
		if (pp->v[si].quote) return -1;
		for (const char *q = pp->v[si].text; *q; q++) words += *q == ' ';
	}
	if (words > 40) return -1;
	int only = -1;
	for (size_t si = 0; si < pp->n; si++)
		for (const char *q = pp->v[si].text; *q; q++) {
			if (!isupper((unsigned char)*q) || (q > pp->v[si].text && isalpha((unsigned char)q[-1]))) continue;
			int who = nov_name_at(n, q);
			if (who < 0 || who == n->narrator || n->ch[who].placeholder || !str_eq(n->ch[who].gender, g)) continue;
			if (only >= 0 && only != who) return -1;
			only = who;
		}
	return only;
}

/* (English) In sentence ls whose first person is "he" or "she" (no name before it): the
 * first one of that pronoun's gender the sentence names after it ("Then he looked at Lord
 * Henry"): the pronoun is not one its own clause names, and a pronoun tag right after goes
 * on with that pronoun, so it is not that one either (pre_obj; subject_en). Measured: +7
 * quotes over 3 texts by 3 authors (wister_virginian2, benson_lordprologue,
 * burnett_garden4), none down. -1 if none. */
static int pronoun_object(struct nov *n, const char *ls)
{
	const char *g = NULL;
	for (const char *q = ls; *q && !strchr(".!?;", *q) && !g; q++) {
		if (q > ls && isalpha((unsigned char)q[-1])) continue;
		if (!strncasecmp(q, "he ", 3) || !strncasecmp(q, "he,", 3)) { g = "male"; ls = q; }
		else if (!strncasecmp(q, "she ", 4) || !strncasecmp(q, "she,", 4)) { g = "female"; ls = q; }
		else if (isupper((unsigned char)*q) && nov_name_at(n, q) >= 0) return -1;   /* (a name first: the subject) */
	}
	if (!g) return -1;
	for (const char *q = ls + 3; *q && !strchr(".!?;", *q); q++) {
		if (!isupper((unsigned char)*q) || isalpha((unsigned char)q[-1])) continue;
		int who = nov_name_at(n, q);
		if (who >= 0 && who != n->narrator && str_eq(n->ch[who].gender, g)) return who;
	}
	return -1;
}

/* (English) The subject the last sentence of the narration right before quote si of pa
 * opens with (after "Then", "And", ...): a name, or a relation ("His wife hesitated a
 * little"); none when it opens otherwise ("Then he looked at Lord Henry", "It was
 * unfortunate for Sally ... when Mr. Hempseed ..."). The narration is
 * the text the paragraph opens with before its first quote, or, for a quote that opens
 * its paragraph, the narration the paragraph before ends with (no scene break between;
 * after a quote, a sentence after its tag: '"...," said Mr. Dunn. Mr. Hale took the
 * papers.', never the tag itself).
 * A pronoun tag's antecedent: the sentence just read is the one whose subject the reader
 * holds in mind. -1 if none. */
static int pre_subject(struct nov *n, const struct para *pa, size_t si)
{
	n->pre_obj = -1;
	const char *t;
	int quoted = 0;
	if (si == 0) {
		if (!n->cur_p || pa->brk) return -1;
		const struct para *pp = &n->p[n->cur_p - 1];
		if (!pp->n || pp->v[pp->n - 1].quote) return -1;
		for (size_t k = 0; k < pp->n; k++) quoted |= pp->v[k].quote;
		t = pp->v[pp->n - 1].text;
	} else if (si == 1 && !pa->v[0].quote) t = pa->v[0].text;
	else return -1;
	const char *ls = t;
	for (const char *q = t; *q; q++) {
		/* (a stop and one space, or two as many older printings set it: "as she had not
		 * wherewithal to maintain it.  She had something above twenty pounds a year") */
		size_t sp = strspn(q + 1, " ");
		if (!((*q == '.' || *q == '!' || *q == '?') && sp && isupper((unsigned char)q[1 + sp]))) continue;
		const char *b = q;   /* (not after a title: "Mr. Hempseed") */
		while (b > t && isalpha((unsigned char)b[-1])) b--;
		size_t wl;
		if (*q == '.' && nov_is_title_word(n, b, (size_t)(q - b), &wl)) continue;
		ls = q + 1 + sp;
	}
	/* ('"...," Tom said. Mary looked at him.': not the tag that follows a quote) */
	if (quoted && ls == t) return -1;
	n->pre_obj = pronoun_object(n, ls);
	/* "Sherlock Holmes had opened his mouth to reply, when the door flew open, and Peterson
	 * ... rushed into the apartment": what happens in a when-clause takes the focus */
	if (strstr(ls, " when ") || strstr(ls, " till ") || strstr(ls, " until ")) return -1;
	/* "The farrier looked fierce, and the mild butcher's conversational spirit was roused":
	 * a second clause with a subject of its own */
	static const char *const co[] = { ", and ", "; and ", ", but ", "; but ", ", while ", NULL };
	for (int k = 0; co[k]; k++)
		for (const char *h = strstr(ls, co[k]); h; h = strstr(h + 1, co[k])) {
			const char *x = h + strlen(co[k]);
			if (isupper((unsigned char)*x) || !strncmp(x, "the ", 4) || !strncmp(x, "his ", 4) || !strncmp(x, "her ", 4) || !strncmp(x, "a ", 2))
				return -1;
		}
	/* (after its conjunctions: "Then Mr. Utterson rose", "And his wife hesitated") */
	static const char *const op[] = { "Then", "And", "But", "So", "Now", "Presently", "Meanwhile", "Here", NULL };
	for (int k = 0; op[k]; k++) {
		size_t l = strlen(op[k]);
		if (!strncmp(ls, op[k], l) && ls[l] == ' ') { ls += l + 1; k = -1; }
	}
	if (!isupper((unsigned char)*ls)) return -1;
	int who = nov_name_at(n, ls);
	if (who < 0) who = nov_relation_subject_en(n, ls);
	size_t oadv;
	if (who < 0) who = nov_old_ref_en(n, ls, ls + strlen(ls), &oadv);   /* "The old man started." (novel_epithet.c) */
	/* "The inspector was there before us", "The captain put his head through the hatch":
	 * one the text knows by that role or title */
	if (who < 0 && !strncmp(ls, "The ", 4)) {
		const char *noun = ls + 4;
		size_t nl = nov_word_at(noun);
		if (nl && nl < 30 && islower((unsigned char)*noun)) {
			who = nov_role_char_en(n, noun, nl);
			char t[40];
			size_t td;
			snprintf(t, sizeof t, "%.*s", (int)nl, noun);
			t[0] = (char)toupper((unsigned char)t[0]);
			if (who < 0 && nov_is_title_word(n, t, nl, &td)) who = nov_find_ch(n, t);
		}
	}
	return nov_follow(n, who);
}

/* The one a tag's bare surname [p, p+l) names when its bearers are a woman by title first met
 * and a man after: "said Lapham" of a text with "Mrs. Lapham" before "Colonel Lapham" is his, as
 * a woman is rarely tagged by her surname alone (howells_lapham2: 5 of Lapham's tags went to his
 * wife). -1 when the surname is one cast name's own, or its bearers are not so (then nov_refs
 * reads it: the first met, or a man known as one). */
static int man_of_surname(struct nov *n, const char *p, size_t l)
{
	int woman = -1, man = -1;
	for (size_t c = 0; c < n->n_ch; c++) {
		const struct nch *ch = &n->ch[c];
		if (ch->merged >= 0) continue;
		if (ch->len == l && !strncmp(ch->name, p, l)) return -1;
		if (!ch->last || ch->len - ch->last != l || strncmp(ch->name + ch->last, p, l)) continue;
		if (str_eq(ch->gender, "female")) { if (woman < 0 && man < 0) woman = (int)c; }
		else if (man < 0) man = (int)c;
	}
	return woman >= 0 && man >= 0 ? man : -1;
}

/* The person words [a, b) of a tag name: "I", a pronoun (at a turn, the one whose turn it
 * is; else one who just joined the talk, else the last mention; never the one the tag
 * speaks to), a relation or role ("his wife", "the painter"), a name. -1 if none. */
static int subject_en(struct nov *n, const struct words *w, size_t a, size_t b, int turn, int voc)
{
	if (a >= b) return -1;
	if (wis(w, a, "I") || wis(w, a, "me")) return n->narrator >= 0 ? n->narrator : -1;
	int to = n->tag_listener;
	if (wis(w, a, "he") || wis(w, a, "she")) {
		const char *g = wis(w, a, "he") ? "male" : "female";
		/* '"Shove that under your feet," he observed to the Mole', '"...," she said when
		 * Mary held out her foot': the subject pronoun is not the one of its gender its
		 * own sentence names after it (someone spoken to, looked at, acted on) */
		if (to < 0) to = nov_named_after_en(n, w->p[a] + w->l[a], g);
		/* "Holmes slowly reopened his eyes and looked impatiently at his gigantic client. /
		 * "If your Majesty would ...," he remarked': the one the last sentence of narration
		 * right before the quote opens with, if the pronoun fits or nothing gave that one a
		 * gender yet (pre_subject). Before one who joined the talk by acting (below): the
		 * sentence just read is the one whose subject the reader holds in mind ("The cook
		 * came up the side like a monkey ... / '"So ho, mates!" says he') */
		int pre = n->pre_subj;
		if (pre >= 0 && pre != to && pre != n->narrator && !n->ch[pre].placeholder && (!n->ch[pre].gender || str_eq(n->ch[pre].gender, g))) {
			if (!n->ch[pre].gender) n->ch[pre].gender = g;
			nov_mention(n, pre);
			return pre;
		}
		/* someone who came into the talk by acting since the last quote ("Mr. Wilson started up
		 * in his chair. / "How ...?" he asked") */
		if (n->beat >= 0 && n->beat != to && n->beat != n->pre_obj && str_eq(n->ch[n->beat].gender, g)) {
			nov_mention(n, n->beat);
			return n->beat;
		}
		/* "The Dormouse slowly opened his eyes. "I wasn't asleep," he said": the one the
		 * paragraph's narration opened with, if the pronoun fits */
		int ps = nov_follow(n, n->para_subj);
		if (ps >= 0 && ps != to && ps != n->pre_obj && ps != n->narrator && !n->ch[ps].placeholder && (!n->ch[ps].gender || str_eq(n->ch[ps].gender, g))) {
			if (!n->ch[ps].gender) n->ch[ps].gender = g;
			nov_mention(n, ps);
			return ps;
		}
		/* (English) a quote that opens its paragraph right after a short paragraph of
		 * narration (no quote, at most 40 words) that names one person of the pronoun's
		 * gender and no other: that one, whoever spoke last ("Martha sat up on her heels
		 * and laughed. / '...,' she said"; "Mr. Blood got between the day-bed and the
		 * troopers. / '...!' said he") */
		int before = prev_para_one_of(n, g);
		if (before >= 0 && before != to && before != n->pre_obj) {
			nov_mention(n, before);
			return before;
		}
		/* at a turn of a running exchange, the one whose turn it is, if the pronoun fits */
		if (turn >= 0 && turn != to && turn != n->pre_obj && turn != n->narrator && (!n->ch[turn].gender || str_eq(n->ch[turn].gender, g))) {
			n->weak_tag = 1;   /* (the turn said it, not the tag) */
			if (!n->ch[turn].gender && turn != n->narrator) n->ch[turn].gender = g;
			nov_mention(n, turn);
			return turn;
		}
		int first, tmp[1];
		nov_refs(n, w->p[a], w->l[a], tmp, 1, &first);
		/* "Then he looked at Lord Henry. "...," he said": not the one the sentence's own
		 * pronoun looked at (pre_obj; also barred from the steps above), but the one
		 * mentioned before of that gender */
		if (first >= 0 && first == n->pre_obj) {
			int alt = -1;
			for (int k = 0; k < 4 && alt < 0; k++) {
				int c = nov_follow(n, n->recent[k]);
				if (c >= 0 && c != first && c != to && c != n->narrator && !n->ch[c].placeholder && str_eq(n->ch[c].gender, g)) alt = c;
			}
			if (alt >= 0) { nov_mention(n, alt); return alt; }
		}
		/* "said she to Charlotte": she is not Charlotte */
		if (first >= 0 && first == to) first = of_gender(n, g, to);
		return first;
	}
	/* "Sir Henry and Captain Good looked at each other ... / '"...," went on the former':
	 * English "the former" / "the latter" is the first / the last of the two named last */
	if (wis(w, a, "the") && (wis(w, a + 1, "former") || wis(w, a + 1, "latter"))) {
		int r = nov_follow(n, n->recent[wis(w, a + 1, "former") ? 1 : 0]);
		if (r >= 0 && r != n->narrator && !n->ch[r].placeholder && r != to) {
			nov_mention(n, r);
			return r;
		}
	}
	if (is_det(w, a) && (!wis(w, a, "my") || n->narrator >= 0) && a + 1 < b) {
		size_t k = a + 1;
		/* "the young lord", "our strange visitor": the last word before a stop or "to" */
		while (k + 1 < b && !wis(w, k + 1, "to") && !wis(w, k + 1, "with") && !isupper((unsigned char)w->p[k][0]) && !role_gender(n, w->p[k], w->l[k])) k++;
		int r = relation(n, w->p[a], w->l[a], w->p[k], w->l[k], voc, turn, k > a + 1);
		if (r < 0 && r != -2 && my_companion(n, w, a, k, turn, voc, &r)) return r;
		n->tag_np = r < 0;
		if (r != -2) return r;
	}
	/* a name */
	int first, tmp[1];
	const char *e = w->p[b - 1] + w->l[b - 1];
	int man = b == a + 1 ? man_of_surname(n, w->p[a], w->l[a]) : -1;
	if (man >= 0) { nov_mention(n, man); n->tag_np = 0; return man; }
	nov_refs(n, w->p[a], (size_t)(e - w->p[a]), tmp, 1, &first);
	if (first >= 0) n->tag_np = 0;
	return first;
}

/* A tag with no said-verb whose subject owns a voice or a reply: "came the vicar's mild
 * reply", "Albert's voice followed them", "came her answer": the owner (a name, a
 * relation or role, a pronoun); -2 if the clause has none. */
static int possessed_voice(struct nov *n, const struct words *w, int turn, int voc)
{
	const json_t *vn = json_object_get(n->nd, "voice_nouns_en");
	/* '"Not quite," was the reply', "came the stern answer": a noun of answering with no
	 * owner, the predicate of the tag; one does not answer oneself, so the answer is
	 * whoever's turn it is (speaker() reads n->answer) */
	if (w->n >= 3 && (wis(w, 0, "was") || wis(w, 0, "came")) && wis(w, 1, "the")) {
		const json_t *an = json_object_get(n->nd, "answer_nouns_en");
		for (size_t j = 2; j < w->n && j < 5; j++) {
			char x[24];
			snprintf(x, sizeof x, "%.*s", (int)(w->l[j] < 23 ? w->l[j] : 23), w->p[j]);
			if (nov_in_list(an, x)) { n->answer = 1; return -1; }
			if (!islower((unsigned char)x[0]) || (w->l[j] > 2 && !strncmp(w->p[j] + w->l[j] - 2, "'s", 2))) break;   /* (not "the vicar's reply") */
		}
	}
	for (size_t i = 0; i + 1 < w->n; i++) {
		size_t l = w->l[i];
		/* ('"I've shown no disrespect," was my reply': the first-person narrator's) */
		int mine = wis(w, i, "my") && n->narrator >= 0;
		int poss = (l > 2 && !strncmp(w->p[i] + l - 2, "'s", 2)) || wis(w, i, "his") || wis(w, i, "her") || mine;
		if (!poss) continue;
		size_t j = i + 1;
		if (j + 1 < w->n && !isupper((unsigned char)w->p[j][0])) {   /* "mild reply": one adjective */
			char x[24];
			snprintf(x, sizeof x, "%.*s", (int)(w->l[j] < 23 ? w->l[j] : 23), w->p[j]);
			if (!nov_in_list(vn, x)) j++;
		}
		char x[24];
		snprintf(x, sizeof x, "%.*s", (int)(w->l[j] < 23 ? w->l[j] : 23), w->p[j]);
		if (!nov_in_list(vn, x)) continue;
		/* (not "my father's voice": the father's) */
		if (mine && !(j > i + 1 && w->l[j - 1] > 2 && !strncmp(w->p[j - 1] + w->l[j - 1] - 2, "'s", 2))) { nov_mention(n, n->narrator); return n->narrator; }
		if (mine) continue;
		if (wis(w, i, "his") || wis(w, i, "her")) {
			struct words pw = *w;   /* "her answer": the pronoun she */
			pw.p[i] = wis(w, i, "his") ? "he" : "she";
			pw.l[i] = strlen(pw.p[i]);
			return subject_en(n, &pw, i, i + 1, turn, voc);
		}
		struct words ow = *w;   /* the owner without "'s" */
		ow.l[i] = l - 2;
		size_t a = i;
		if (i > 0 && is_det(w, i - 1)) a = i - 1;   /* "the vicar's" */
		int r = subject_en(n, &ow, a, i + 1, turn, voc);
		return r >= 0 ? r : -1;
	}
	return -2;
}

/* The index of the first said-verb among a clause's first five words, or MAXW. */
static size_t said_verb_at(struct nov *n, const struct words *w)
{
	for (size_t i = 0; i < w->n && i < 5; i++)
		if (nov_said_verb_en(n, w->p[i], w->l[i])) return i;
	return MAXW;
}

/* 1 if word i looks like a past-tense verb no list needs to hold: four or more lower-case
 * letters ending in "ed" ("corroborated", "rippled", "ejaculated") */
static int past_word(const struct words *w, size_t i)
{
	if (i >= w->n || w->l[i] < 4 || strncmp(w->p[i] + w->l[i] - 2, "ed", 2)) return 0;
	for (size_t k = 0; k < w->l[i]; k++)
		if (!islower((unsigned char)w->p[i][k])) return 0;
	return 1;
}

/* A first-person narrator's tag of hearing ("I heard the Editor say", "I heard him
 * crying", "I heard a voice saying from aloft", '"...," I heard from above'): the voice one
 * hears is another's, so its subject "I" is not the speaker. The index of the word after
 * the verb of hearing when the clause's subject at a is "I", else 0. */
static size_t heard_at(struct nov *n, const struct words *w, size_t a)
{
	if (n->narrator < 0 || !wis(w, a, "I")) return 0;
	size_t k = a + 1;
	while (k < a + 3 && (wis(w, k, "could") || wis(w, k, "then") || wis(w, k, "distinctly") || wis(w, k, "suddenly") || wis(w, k, "now")))
		k++;
	return wis(w, k, "heard") || wis(w, k, "hear") || wis(w, k, "overheard") ? k + 1 : 0;
}

/* The one whose voice the narrator hears: the person the words [k, b) after the verb of
 * hearing name ("the Editor", "him"), never the narrator; -1 (nobody) when they name no
 * one known ("a voice", "the words", "from above"). Marks the quote heard (n->heard). */
static int heard_voice(struct nov *n, const struct words *w, size_t k, size_t b, int turn, int voc)
{
	n->heard = 1;
	if (k >= b) return -1;
	struct words o = *w;
	if (wis(w, k, "him")) { o.p[k] = "he"; o.l[k] = 2; }   /* (the object pronoun as a subject's) */
	else if (wis(w, k, "her")) { o.p[k] = "she"; o.l[k] = 3; }
	if (!is_pronoun(&o, k) && !is_det(&o, k) && !isupper((unsigned char)o.p[k][0])) return -1;   /* "from above" */
	int r = subject_en(n, &o, k, b, turn, voc);
	return r >= 0 && nov_follow(n, r) != n->narrator ? r : -1;
}

/* 1 if the English tag in [s, s+len) has a said-verb whose subject is an indefinite noun
 * phrase: '"...," said a horse-dealer', 'asked another private', 'cried one of the men',
 * 'a ragged boy asked'. Such a subject is someone the text has not named (yet): the
 * line is no known person's, whatever turn-taking would make of it. */
static int indefinite_tag(struct nov *n, const char *s, size_t len)
{
	struct words w;
	words_of_clause(n, s, len, &w);
	size_t v = said_verb_at(n, &w);
	if (v == MAXW) return 0;
	size_t a = v == 0 || (v == 1 && (wis(&w, 0, "then") || wis(&w, 0, "and"))) ? v + 1 : 0;
	int ind = wis(&w, a, "a") || wis(&w, a, "an") || wis(&w, a, "another") || (wis(&w, a, "one") && wis(&w, a + 1, "of")) ||
	          wis(&w, a, "somebody") || wis(&w, a, "someone");
	/* (after the verb a noun follows the article; before it, the article opens the clause
	 * and a noun comes between: "A ragged boy asked") */
	return ind && (a > 0 ? a + 1 < w.n : v >= 2);
}

/* 1 if the English tag in [s, s+len) gives the quote to a group, no one person: its
 * said-verb's subject is "they" or "we" ("they both cried", "we exclaimed"), holds "both"
 * ("ejaculated both my hearers at once") or is a plural of group_nouns_en ("urged the
 * daughters", "three of the girls cried"). The inverted tag counts as in inverted_tag_en. */
static int group_tag(struct nov *n, const char *s, size_t len)
{
	struct words w;
	words_of_clause(n, s, len, &w);
	size_t v = said_verb_at(n, &w);
	if (v == MAXW && w.n >= 2 && past_word(&w, 0)) v = 0;
	if (v == MAXW) return 0;
	size_t a = v == 0 ? 1 : 0, b = v == 0 ? (w.n < 6 ? w.n : 6) : v;
	static const char *const stop[] = { "as", "when", "while", "and", "to", "with", "at", "in", "from", "after", NULL };
	const json_t *group = json_object_get(n->nd, "group_nouns_en");
	for (size_t i = a; i < b; i++) {
		char x[24];
		snprintf(x, sizeof x, "%.*s", (int)(w.l[i] < 23 ? w.l[i] : 23), w.p[i]);
		int st = 0;
		for (int k = 0; stop[k] && !st; k++) st = wis(&w, i, stop[k]);
		/* (a name, "said Tom and the others", "says Tobin as we walk": the name's line) */
		if (st || (isupper((unsigned char)x[0]) && !wis(&w, i, "They") && !wis(&w, i, "We") && !wis(&w, i, "Both"))) break;
		if (wis(&w, i, "they") || wis(&w, i, "They") || wis(&w, i, "we") || wis(&w, i, "We") || wis(&w, i, "both") || wis(&w, i, "Both") ||
		    (i > a && nov_in_list(group, x)))
			return 1;
		/* "said one", "said another", "said everybody": the whole subject, someone of many */
		if (i == a && b - a == 1 && (wis(&w, i, "one") || wis(&w, i, "another") || wis(&w, i, "everybody") || wis(&w, i, "everyone") ||
		                             wis(&w, i, "Everybody") || wis(&w, i, "Everyone") || wis(&w, i, "all")))
			return 1;
	}
	return 0;
}

/* A tag right after a quote that puts a past-tense verb before its subject, a name or a
 * noun phrase: '"...," corroborated Tom', "agreed Madame Ratignolle", "commanded Than
 * Kosis", "interposed his friend". English inverts verb and subject after a quote only in
 * a speech tag, so the verb needs no list (said_en holds the common ones): the subject is
 * the speaker; -1 for a noun phrase that names no one known (turn-taking gives it), -2
 * if the clause [s, s+len) is no such tag. */
static int inverted_tag_en(struct nov *n, const char *s, size_t len, int turn, int voc)
{
	struct words w;
	words_of_clause(n, s, len, &w);
	if (w.n < 2 || !past_word(&w, 0)) return -2;
	int det = wis(&w, 1, "the") || wis(&w, 1, "his") || wis(&w, 1, "her");
	if (!det && !isupper((unsigned char)w.p[1][0])) return -2;
	size_t b = 1;
	while (b < w.n && (det || isupper((unsigned char)w.p[b][0]))) b++;
	n->tag_listener = -1;
	int r = subject_en(n, &w, 1, b, turn, voc);
	return r >= 0 && r != n->narrator ? r : det ? -1 : -2;
}

/* A tag of a pronoun and a past-tense verb no list holds, right after a quote that runs
 * on into it ('"...," she rippled on', '"...?" he fawned'): the pronoun's one, as for any
 * tag; -2 if the clause [s, s+len) is no such tag. */
static int pronoun_tag_en(struct nov *n, const char *s, size_t len, int turn, int voc)
{
	struct words w;
	words_of_clause(n, s, len, &w);
	size_t h = heard_at(n, &w, 0);
	if (h) return heard_voice(n, &w, h, w.n, turn, voc);
	if (w.n < 2 || !(wis(&w, 0, "he") || wis(&w, 0, "she")) || !past_word(&w, 1)) return -2;
	n->tag_listener = -1;
	int r = subject_en(n, &w, 0, 1, turn, voc);
	return r >= 0 ? r : -1;
}

/* '"...," said Governor Gray', "cried Will", "admitted Rose": the subject right after a
 * tag's said-verb is one to three capitalised words that name no one known. English puts
 * a person's name there (a speech tag has a speaker), so it is a person, whatever else the
 * words may mean (a title, a colour, a flower, a modal): that character, made now and
 * counted as mentioned; -1 if the words are no name (a pronoun, an article). */
static int tag_name_en(struct nov *n, const struct words *w, size_t a, size_t b)
{
	static const char *const no[] = { "I", "He", "She", "It", "They", "We", "You", "The", "A", "An", "His", "Her", "My", "Our",
		"Their", "Its", "This", "That", "One", "Another", "Both", "All", "Some", "Each", "Every", NULL };
	size_t k = a;
	while (k < b && k - a < 3 && isupper((unsigned char)w->p[k][0])) k++;
	if (k == a || (k < b && isupper((unsigned char)w->p[k][0]))) return -1;   /* (no name, or a run too long for one) */
	for (int i = 0; no[i]; i++)
		if (wis(w, a, no[i])) return -1;
	const char *e = w->p[k - 1] + w->l[k - 1];
	if (*e == '.') e++;   /* ("Mr.") */
	if (*e == '\'' || !strncmp(e, "\xe2\x80\x99", 3)) return -1;   /* ("said Heathcliff's wife": an owner, not the subject) */
	for (const char *q = w->p[a]; q < e; q++)
		if (*q == '\'' || !strncmp(q, "\xe2\x80\x99", 3)) return -1;
	char *nm = xstrndup(w->p[a], (size_t)(e - w->p[a]));
	size_t l = strlen(nm);
	while (l && strchr(".,;:!? ", nm[l - 1])) nm[--l] = 0;
	int c = l ? nov_add_ch(n, nm) : -1;
	free(nm);
	c = nov_follow(n, c);
	if (c < 0 || c == n->narrator || n->ch[c].placeholder) return -1;
	nov_mention(n, c);
	return c;
}

/* 1 if the words [a, b) (1 to 3, each capitalised) that stand before a said-verb ("Sarah
 * answered very rudely:") are written somewhere in the text after a lower-case word ("I
 * had to speak to Sarah"): a name, not a word capitalised only because it opens a sentence
 * ("Somebody said", "Presently said"). A subject before the verb then names a person
 * as one after it does (tag_name_en): in Grossmith's Diary of a Nobody the servant Sarah,
 * named only so, lost her lines to the diarist. English. */
static int named_mid_sentence(struct nov *n, const struct words *w, size_t a, size_t b)
{
	if (a >= b || b - a > 3) return 0;
	for (size_t i = a; i < b; i++)
		if (!isupper((unsigned char)w->p[i][0])) return 0;
	size_t l = (size_t)(w->p[b - 1] + w->l[b - 1] - w->p[a]);
	char *nm = xstrndup(w->p[a], l);
	int found = 0;
	for (size_t pi = 0; pi < n->n_p && !found; pi++) {
		const char *t = n->p[pi].raw;
		for (const char *h = t ? strstr(t, nm) : NULL; h && !found; h = strstr(h + 1, nm))
			found = !isalpha((unsigned char)h[l]) && h - t >= 3 && h[-1] == ' ' && islower((unsigned char)h[-2]);
	}
	free(nm);
	return found;
}

/* The one an asking verb at word v of tag w asks, or -1: "I asked of Sola", "asked the
 * rider of Jane" (one asks a thing OF someone), "she asked Robert", "I asked the cook" (the
 * verb's object, when the subject comes before it). That one is spoken to and answers
 * next (novel_speak.c speaker: the one addressed takes the turn): after "Is she injured?" I
 * asked of Sola, "No," she answered is Sola's, not the last woman named (+6 quotations on
 * pd_dev10 Burroughs, pd_dev11 Alcott, pd_dev9 Chopin; the object alone raises one text,
 * "of" alone two). (English) */
static int asked_one(struct nov *n, const struct words *w, size_t v, int inverted)
{
	static const char *const ask[] = { "asked", "inquired", "enquired", "demanded", "begged", NULL };
	int asks = 0;
	for (int k = 0; ask[k] && !asks; k++) asks = wis(w, v, ask[k]);
	if (!asks) return -1;
	for (size_t i = v + 1; i + 1 < w->n; i++)
		if (wis(w, i, "of") && isupper((unsigned char)w->p[i + 1][0])) {
			int c = nov_name_at(n, w->p[i + 1]);
			if (c >= 0) return nov_follow(n, c);
		}
	if (inverted || v + 1 >= w->n) return -1;   /* ("asked Elizabeth" names the one who asks) */
	int c = -1;
	if (isupper((unsigned char)w->p[v + 1][0]) && !wis(w, v + 1, "I")) c = nov_name_at(n, w->p[v + 1]);
	else if (wis(w, v + 1, "the") && v + 2 < w->n) c = nov_role_char_en(n, w->p[v + 2], w->l[v + 2]);
	return c >= 0 ? nov_follow(n, c) : -1;
}

/* The subject of an English speech tag in [s, s+len): a character, -1 for a tag whose
 * subject turn-taking must give (also a tag whose verb has no subject in the clause:
 * "and said with some discomposure"), -2 for no tag at all. n->tag_listener: the one
 * the tag speaks to ("said she to Charlotte"), or -1. */
static int tag_en(struct nov *n, const char *s, size_t len, int turn, int voc)
{
	struct words w;
	words_of_clause(n, s, len, &w);
	size_t v = MAXW;
	n->tag_listener = -1;
	for (size_t i = 0; i < w.n && i < 7; i++)   /* (and "went on": "the Dormouse went on, yawning") */
		if (nov_said_verb_en(n, w.p[i], w.l[i]) || (i > 0 && wis(&w, i, "went") && wis(&w, i + 1, "on"))) { v = i; break; }
	/* '"...," broke out Tom', "cut in Mrs. Pell", "Ann chimed in": a verb of data
	 * phrasal_said_en with its particle is a said-verb (the particle is skipped) */
	int phrasal = 0;
	/* ('"...," went on Sir Henry': inverted, the subject after the particle) */
	if (v == MAXW && w.n >= 3 && wis(&w, 0, "went") && wis(&w, 1, "on") && (isupper((unsigned char)w.p[2][0]) || is_det(&w, 2))) {
		v = 0;
		phrasal = 1;
	}
	for (size_t i = 0; v == MAXW && i + 1 < w.n && i < 3; i++) {
		char x[16];
		snprintf(x, sizeof x, "%.*s", (int)(w.l[i] < 15 ? w.l[i] : 15), w.p[i]);
		if (nov_in_list(json_object_get(n->nd, "phrasal_said_en"), x) && (wis(&w, i + 1, "in") || wis(&w, i + 1, "out") || wis(&w, i + 1, "up"))) {
			v = i;
			phrasal = 1;
		}
	}
	if (getenv("NOVDBG")) fprintf(stderr, "tag_en [%.*s] v=%zu n=%zu narr=%d\n", (int)len, s, v, w.n, n->narrator);
	/* '"Oh! my dear Mr. Bennet," as she entered the room': the one who enters speaks */
	if (v == MAXW && w.n >= 3 && (wis(&w, 0, "as") || wis(&w, 0, "while")) && (wis(&w, 1, "she") || wis(&w, 1, "he") || wis(&w, 1, "I"))) v = 0;
	if (v == MAXW) return possessed_voice(n, &w, turn, voc);
	for (size_t i = v + 1; i + 1 < w.n; i++)
		if (wis(&w, i, "to")) { n->tag_listener = nov_name_at(n, w.p[i + 1]); break; }
	/* the subject: after the verb ("said Elizabeth", "cried his wife") or before it */
	size_t a, b;
	int inverted = v == 0 || (v == 1 && (wis(&w, 0, "then") || wis(&w, 0, "and")));
	if (n->tag_listener < 0 && !phrasal) n->tag_listener = asked_one(n, &w, v, inverted);
	if (inverted) {
		a = v + 1 + (size_t)phrasal;
		b = w.n;
		while (a < b && (wis(&w, a, "then") || wis(&w, a, "and") || wis(&w, a, "but") || wis(&w, a, "so"))) a++;
		/* "said with some discomposure to Sir William", "said quietly": no subject after the verb */
		static const char *const prep[] = { "with", "to", "in", "at", "for", "from", "of", "by", "after", "as", "on",
			"upon", "without", "again", "very", "more", "something", "nothing", "that", NULL };
		int none = a < b && w.l[a] > 2 && !strncmp(w.p[a] + w.l[a] - 2, "ly", 2) && islower((unsigned char)w.p[a][0]);   /* not Tilly */
		for (int k = 0; prep[k] && !none; k++) none = wis(&w, a, prep[k]);
		/* "called out to her": a lower-case word that is no pronoun or determiner, and no
		 * name right after it ("said poor Mrs. Bennet" has one) */
		if (!none && a < b && !is_pronoun(&w, a) && !is_det(&w, a) && !isupper((unsigned char)w.p[a][0]) &&
		    !(a + 1 < b && isupper((unsigned char)w.p[a + 1][0])))
			none = 1;
		if (none) return -1;
	} else {
		a = 0;
		b = v;
		while (a < b && (wis(&w, a, "then") || wis(&w, a, "and") || wis(&w, a, "but") || wis(&w, a, "so"))) a++;
	}
	/* '"...," he continued', "she went on": a pronoun that keeps talking is the one who
	 * spoke last, when the pronoun fits (not the one whose turn it would be) */
	char vw[16];
	snprintf(vw, sizeof vw, "%.*s", (int)(w.l[v] < 15 ? w.l[v] : 15), w.p[v]);
	int goes_on = nov_in_list(json_object_get(n->nd, "continue_verbs_en"), vw) || (wis(&w, v, "went") && wis(&w, v + 1, "on"));
	size_t pi = v == 0 ? 1 : v - 1;
	if (goes_on && n->para_subj < 0 && pi < w.n && (wis(&w, pi, "he") || wis(&w, pi, "she")) && b - a == 1) {
		int ls = nov_follow(n, n->last_spk);
		const char *g = wis(&w, pi, "he") ? "male" : "female";
		if (ls >= 0 && ls != n->narrator && ls != voc && str_eq(n->ch[ls].gender, g)) { nov_mention(n, ls); return ls; }
	}
	size_t h = 0;   /* ("When he was very near I heard him crying") */
	for (size_t i = a; !inverted && !h && i < b; i++) h = heard_at(n, &w, i);
	if (h) return heard_voice(n, &w, h, b, turn, voc);
	int r = subject_en(n, &w, a, b, turn, voc);
	if (r < 0 && inverted) r = tag_name_en(n, &w, a, b);
	if (r < 0 && !inverted && b == v && named_mid_sentence(n, &w, a, b)) r = tag_name_en(n, &w, a, b);
	return r;
}

/* Words that open a clause before its subject ("when she drew back", "and Elizabeth ..."). */
static int clause_opener(const struct words *w, size_t i)
{
	static const char *const op[] = { "and", "but", "then", "so", "when", "till", "until", "as", "while", "though", "if", "because", "since",
		"although", "where", "whereupon", "now", "thus", "only", "yet", "after", "before", "once", "nor", NULL };
	for (int k = 0; op[k]; k++)
		if (wis(w, i, op[k])) return 1;
	return 0;
}

int nov_relation_subject_en(struct nov *n, const char *s)
{
	struct words w;
	words_of_clause(n, s, strlen(s), &w);
	if (w.n < 2 || !is_det(&w, 0) || wis(&w, 0, "the")) return -1;
	int r = relation(n, w.p[0], w.l[0], w.p[1], w.l[1], -1, -1, 0);
	return r >= 0 ? nov_follow(n, r) : -1;
}

/* The subject a clause [s, e) opens with, after its conjunctions: a pronoun, a relation,
 * a capitalised name; -2 if it opens with none. */
static int clause_subject(struct nov *n, const char *s, size_t len, int turn, int voc)
{
	struct words w;
	words_of_clause(n, s, len, &w);
	size_t a = 0;
	while (a < w.n && clause_opener(&w, a)) a++;
	if (a >= w.n) return -2;
	if (is_pronoun(&w, a)) return subject_en(n, &w, a, a + 1, turn, voc);
	if (is_det(&w, a)) {   /* "his companion": a relation, or nobody */
		int r = a + 1 < w.n ? relation(n, w.p[a], w.l[a], w.p[a + 1], w.l[a + 1], voc, turn, 0) : -2;
		return r >= 0 ? r : -2;
	}
	size_t b = a;
	while (b < w.n && isupper((unsigned char)w.p[b][0])) b++;
	if (b == a || wis(&w, a, "The") || wis(&w, a, "It") || wis(&w, a, "There")) return -2;
	int r = subject_en(n, &w, a, b, turn, voc);
	return r >= 0 ? r : -2;
}

/* A said-verb deep in the clause [s, e) that leads into a quote, after its subject and
 * at most three helper words ("it was impossible for him not to say exactly as he had
 * said at dinner,"): that subject (a pronoun or a name); -2 if none. */
static int say_inside(struct nov *n, const char *s, const char *e, int turn, int voc)
{
	static const char *const aux[] = { "had", "has", "have", "would", "could", "should", "must", "might", "did", "not", "to",
		"then", "only", "always", "never", "often", "once", "just", "now", "still", "cannot", NULL };
	const char *p[48];
	size_t l[48], nw = 0;
	for (const char *q = s; q < e && nw < ARRAY_LEN(p);) {
		size_t wl = nov_word_at(q);
		if (wl > (size_t)(e - q)) wl = (size_t)(e - q);
		if (!wl) { q++; continue; }
		p[nw] = q;
		l[nw++] = wl;
		q += wl;
	}
	for (size_t i = nw; i-- > 1;) {
		if (!nov_said_verb_en(n, p[i], l[i])) continue;
		size_t j = i - 1;
		for (int k = 0; j > 0 && k < 3; k++) {
			int helper = 0;
			for (int h = 0; aux[h] && !helper; h++) helper = strlen(aux[h]) == l[j] && !strncasecmp(p[j], aux[h], l[j]);
			/* ("impetuously inquired": a manner adverb) */
			helper |= l[j] >= 5 && islower((unsigned char)*p[j]) && !strncmp(p[j] + l[j] - 2, "ly", 2);
			if (!helper) break;
			j--;
		}
		/* "that I involuntarily rose at his approach and impetuously inquired:": the said-verb
		 * is the second of two verbs joined by "and"; their subject is the nearest subject
		 * pronoun before the "and" in the clause (up to eight words back; an object or a
		 * possessive, "his approach", is none) */
		if (j > 0 && l[j] == 3 && !strncmp(p[j], "and", 3)) {
			size_t a = j;
			while (a-- > 0 && j - a <= 8) {
				if ((l[a] == 1 && *p[a] == 'I' && n->narrator >= 0) || (l[a] == 2 && !strncasecmp(p[a], "he", 2)) || (l[a] == 3 && !strncasecmp(p[a], "she", 3))) { j = a; break; }
				if (l[a] == 3 && !strncmp(p[a], "and", 3)) break;
			}
		}
		struct words w = { .n = 1 };
		w.p[0] = p[j];
		w.l[0] = l[j];
		if (wis(&w, 0, "him")) w.p[0] = "he";
		else if (wis(&w, 0, "her")) w.p[0] = "she";
		w.l[0] = w.p[0] == p[j] ? l[j] : strlen(w.p[0]);
		if (wis(&w, 0, "he") || wis(&w, 0, "she") || (wis(&w, 0, "I") && n->narrator >= 0) || (isupper((unsigned char)*p[j]) && nov_name_at(n, p[j]) >= 0)) {
			int r = subject_en(n, &w, 0, 1, turn, voc);
			if (r >= 0) return r;
		}
	}
	return -2;
}

/* 1 if the clause [s, e) ends with a said-verb that is not among its first three words
 * ("As I started my motor Daisy peremptorily called", "... and impetuously inquired") */
static int ends_said(struct nov *n, const char *s, const char *e)
{
	while (e > s && e[-1] == ' ') e--;
	const char *b = e;
	while (b > s && isalpha((unsigned char)b[-1])) b--;
	if (b == e) return 0;
	int words = 0;
	for (const char *q = s; q < b; q++)
		if (isalpha((unsigned char)*q) && (q == s || !isalpha((unsigned char)q[-1]))) words++;
	return words >= 3 && nov_said_verb_en(n, b, (size_t)(e - b));
}

/* A tag that leads into a quote from the end of an English narration [s, e) (a sentence
 * ending with ':' or ','): the last clause with a said-verb gives the subject, or, when
 * that clause has none ("and said with some discomposure to Sir William:"), the clause
 * before it that opens with one ("when she instantly drew back,"). A colon with no
 * said-verb ("till Sir William thus began:"): the last clause that opens with a subject.
 * -2 if none. */
/* 1 if [s, e) is a short adverbial written between a said-verb and the quote it leads
 * into: one to three lower-case words ("patronizingly", "in a low voice") */
static int short_adverbial(const char *s, const char *e)
{
	int words = 0;
	for (const char *p = s; p < e; p++) {
		if (*p == ' ') continue;
		if (!islower((unsigned char)*p)) return 0;
		words++;
		while (p + 1 < e && p[1] != ' ') {
			p++;
			if (!isalpha((unsigned char)*p) && *p != '-' && *p != '\'') return 0;
		}
	}
	return words >= 1 && words <= 3;
}

static int lead_en(struct nov *n, const char *s, const char *e, int colon, int turn, int voc)
{
	const char *cs[24], *ce[24];
	int nc = 0;
	const char *p = s;
	for (const char *q = s; q < e && nc < 23; q++)
		if (*q == ',' || *q == ';' || (q[0] == '-' && q[1] == '-')) { cs[nc] = p; ce[nc++] = q; p = q + 1 + (*q == '-'); }
	cs[nc] = p;
	ce[nc++] = e;
	/* "I heard him say, quite loudly, to the doctor,", "I heard him crying, in vexed
	 * fashion,": the narrator hearing someone leads into what he hears, whatever the verb,
	 * after up to two short adverbials */
	for (int k = nc - 1; k >= 0 && k >= nc - 3; k--) {
		struct words wh;
		words_of_clause(n, cs[k], (size_t)(ce[k] - cs[k]), &wh);
		size_t h = 0;
		for (size_t i = 0; !h && i < wh.n; i++) h = heard_at(n, &wh, i);
		if (h && h < wh.n) {
			size_t b = h + 1;
			if (isupper((unsigned char)wh.p[h][0])) while (b < wh.n && isupper((unsigned char)wh.p[b][0])) b++;
			else if (is_det(&wh, h) && h + 2 <= wh.n) b = h + 2;
			return heard_voice(n, &wh, h, b, turn, voc);
		}
		if (!(k > 0 && short_adverbial(cs[k], ce[k]))) break;
	}
	for (int k = nc - 1; k >= 0 && k >= nc - 4; k--) {
		int r = tag_en(n, cs[k], (size_t)(ce[k] - cs[k]), turn, voc);
		/* "As I started my motor Daisy peremptorily called:": the said-verb that ends the
		 * clause before the colon leads into the quote, not a verb nearer its start */
		if (r != -2 && k == nc - 1 && colon && ends_said(n, cs[k], ce[k])) {
			int ri = say_inside(n, cs[k], ce[k], turn, voc);
			if (ri >= 0) r = ri;
		}
		if (r == -2 && k == nc - 1) r = say_inside(n, cs[k], ce[k], turn, voc);
		/* ('Rob said, patronizingly, "..."': the said-verb's clause before a short adverbial) */
		if (r == -2) {
			if (!colon && !(k == nc - 1 && nc > 1 && short_adverbial(cs[k], ce[k]))) return -2;
			continue;
		}
		int to = n->tag_listener;
		/* "Though Elizabeth would not ..., she could not but say": a pronoun of the main
		 * clause is the name the sentence opens with, when the gender fits */
		struct words wk;
		words_of_clause(n, cs[k], (size_t)(ce[k] - cs[k]), &wk);
		size_t a = 0;
		while (a < wk.n && clause_opener(&wk, a)) a++;
		if (r >= 0 && k > 0 && (wis(&wk, a, "he") || wis(&wk, a, "she"))) {
			const char *g = wis(&wk, a, "he") ? "male" : "female";
			for (int j = 0; j < k; j++) {
				struct words wj;
				words_of_clause(n, cs[j], (size_t)(ce[j] - cs[j]), &wj);
				size_t b = 0;
				while (b < wj.n && clause_opener(&wj, b)) b++;
				if (b >= wj.n || !isupper((unsigned char)wj.p[b][0])) continue;
				int c = nov_name_at(n, wj.p[b]);
				if (c >= 0 && c != to && str_eq(n->ch[c].gender, g)) r = c;
				break;
			}
		}
		for (int j = k - 1; r == -1 && j >= 0 && j >= k - 3; j--) {
			r = clause_subject(n, cs[j], (size_t)(ce[j] - cs[j]), turn, voc);
			if (r == -2) r = -1;
			if (r >= 0 && r == to) r = -1;
		}
		n->tag_listener = to;
		return r;
	}
	/* a colon and no said-verb: "when thus accosted by Miss Bingley" (the one by whom), else
	 * who the last clauses open with */
	struct words w;
	words_of_clause(n, cs[nc - 1], (size_t)(ce[nc - 1] - cs[nc - 1]), &w);
	for (size_t i = 0; i + 1 < w.n; i++)
		if (wis(&w, i, "by") && nov_name_at(n, w.p[i + 1]) >= 0) {
			int by = nov_name_at(n, w.p[i + 1]);
			/* the one accosted: the subject of the clauses before */
			for (int j = nc - 2; j >= 0 && j >= nc - 3 && n->tag_listener < 0; j--) {
				int r = clause_subject(n, cs[j], (size_t)(ce[j] - cs[j]), turn, voc);
				if (r >= 0 && r != by) n->tag_listener = r;
			}
			return by;
		}
	for (int k = nc - 1; k >= 0 && k >= nc - 3; k--) {
		struct words wh;   /* ("I heard the words--") */
		words_of_clause(n, cs[k], (size_t)(ce[k] - cs[k]), &wh);
		size_t h = heard_at(n, &wh, 0);
		if (h) return heard_voice(n, &wh, h, wh.n, turn, voc);
		int r = clause_subject(n, cs[k], (size_t)(ce[k] - cs[k]), turn, voc);
		if (r != -2) return r;
	}
	return -2;
}

/* The start of the sentence that ends at e (a stop that is no title's dot). */
static const char *sentence_start_en(struct nov *n, const char *t, const char *e)
{
	const char *s = e;
	while (s > t) {
		if (strchr("!?;", s[-1])) break;
		if (s[-1] == '.') {
			const char *w = s - 1;
			while (w > t && isalpha((unsigned char)w[-1])) w--;
			size_t td;
			if (!(s - 1 > w && nov_is_title_word(n, w, (size_t)(s - 1 - w), &td))) break;
		}
		s--;
	}
	return s;
}

/* ---- vocatives ---- */
/* The character a quotation addresses by name ("My dear Mr. Bennet, ...", "..., Lizzy.",
 * "孔乙己，你..."), or -1. Reads without counting as a mention. */
static int vocative_in(struct nov *n, const char *q)
{
	size_t ql = strlen(q);
	for (size_t c = 0; c < n->n_ch; c++) {
		if (n->ch[c].merged >= 0 && 0) continue;
		const char *nm = n->ch[c].name;
		size_t l = n->ch[c].len;
		for (int k = 0; k < 2; k++) {
			const char *w = k ? nm + n->ch[c].last : nm;
			size_t wl = k ? l - n->ch[c].last : l;
			if (k && !n->ch[c].last) break;
			for (const char *h = strstr(q, w); h; h = strstr(h + 1, w)) {
				const char *a = h + wl;
				if (n->zh) {
					if ((h == q && (nov_starts(a, "，") || nov_starts(a, "！"))) || (h >= q + 3 && nov_starts(h - 3, "，") && nov_starts(a, "！"))) return nov_follow(n, (int)c);
					/* a greeting: “王伯好。” */
					if (h == q && nov_starts(a, "好") && (nov_starts(a + 3, "。") || nov_starts(a + 3, "！") || nov_starts(a + 3, "，"))) return nov_follow(n, (int)c);
					continue;
				}
				if (isalpha((unsigned char)*a) || (h > q && isalpha((unsigned char)h[-1]))) continue;
				const char *b = h;
				while (b > q && b[-1] == ' ') b--;
				/* ("Master Bass, I want to ask you": a title the name does not carry) */
				const char *tw = b;
				while (tw > q && (isalpha((unsigned char)tw[-1]) || tw[-1] == '.')) tw--;
				size_t td;
				if (tw < b && b < h && (tw == q || (tw - q >= 2 && tw[-1] == ' ' && tw[-2] == ',')) && nov_is_title_word(n, tw, nov_word_at(tw), &td) &&
				    (nov_name_at(n, tw) < 0 || nov_follow(n, nov_name_at(n, tw)) == nov_follow(n, (int)c)))   /* (not "Mr. Bennet" for Mrs. Bennet) */
					b = tw;
				int before = b == q || b[-1] == ',' || (b - q >= 7 && !strncasecmp(b - 7, "My dear", 7)) || (b - q >= 4 && !strncasecmp(b - 4, "dear", 4)) ||
				             (b - q >= 7 && !strncasecmp(b - 7, "dearest", 7));   /* "my dearest Catherine" */
				/* ", Wendell." ending a sentence that is not the last ("Morning, Wendell. The usual?") */
				int after = *a == ',' || *a == '!' || *a == '?' || (*a == '.' && (size_t)(a - q) + 1 >= ql) ||
				            (!n->zh && *a == '.' && a[1] == ' ' && b > q && b[-1] == ',');
				if (before && after && (b == q || b[-1] == ',' || a[0] != '.')) return nov_follow(n, (int)c);
				/* the name alone as the quote's last sentence, a call ("Cut. Bucky?") */
				if (b > q + 1 && strchr(".!?", b[-1]) && (*a == '?' || *a == '!') && (size_t)(a - q) + 1 >= ql) {
					const char *ws = b - 1;   /* (not the dot of a title: "Now, Mr. Wilson?") */
					while (ws > q && isalpha((unsigned char)ws[-1])) ws--;
					size_t td;
					if (!nov_is_title_word(n, ws, (size_t)(b - 1 - ws), &td)) return nov_follow(n, (int)c);
				}
			}
		}
	}
	for (size_t k = 0; k < n->n_alias; k++) {
		const char *w = n->alias[k].a;
		size_t wl = strlen(w);
		if (n->zh) {   /* “水娃，你也等船？” */
			if (!strncmp(q, w, wl) && (nov_starts(q + wl, "，") || nov_starts(q + wl, "！"))) return nov_follow(n, n->alias[k].who);
			continue;
		}
		for (const char *h = strstr(q, w); h; h = strstr(h + 1, w)) {
			const char *a = h + wl;
			if (isalpha((unsigned char)*a) || (h > q && isalpha((unsigned char)h[-1]))) continue;
			const char *b = h;
			while (b > q && b[-1] == ' ') b--;
			if ((b == q || b[-1] == ',') && (*a == ',' || *a == '!' || *a == '?' || *a == '.')) return nov_follow(n, n->alias[k].who);
		}
	}
	return -1;
}

/* (English: in the quote's own words; a name called in a scene it retells, "'Certainly,
 * Mr. Hatfield,' I replied", speaks to no one here) */
static int vocative(struct nov *n, const char *q)
{
	if (n->zh) return vocative_in(n, q);
	char *own = nov_own_words(q);
	int r = vocative_in(n, own);
	free(own);
	return r;
}

/* The one a Chinese quote calls by name: a word of address (“周师傅，……”), “您是X吧？”,
 * “X可在？” / “X何在？” / “X在吗？”; -1 if none. */
int nov_zh_called(struct nov *n, const char *q)
{
	int who = vocative(n, q);
	if (who >= 0) return who;
	for (const char *h = q; *h; h += nov_cp_len(h)) {
		int at = h == q || (h - q >= 3 && (nov_starts(h - 3, "是") || nov_zh_stop(h - 3) || nov_starts(h - 3, "，")));
		int w = at ? nov_name_at(n, h) : -1;
		/* 陈员外 for the one known as 员外; one called for by a surname and a title ("孙员外可在？") is someone */
		if (w < 0 && at && nov_zh_surname(n, h) && (w = nov_name_at(n, h + 3)) >= 0) h += 3;
		size_t tl = w < 0 && at && nov_zh_surname(n, h) ? nov_zh_title_len(n, h + 3) : 0;
		if (tl && (nov_starts(h + 3 + tl, "可在") || nov_starts(h + 3 + tl, "何在"))) {
			char *nm = xstrndup(h, 3 + tl);
			w = nov_add_ch(n, nm);
			free(nm);
		}
		if (w < 0 || strnlen(h, n->ch[w].len) < n->ch[w].len) continue;   /* (matched by a shorter form at the quote's end) */
		const char *a = h + n->ch[w].len;
		int is = h - q >= 3 && nov_starts(h - 3, "是");
		if ((is && (nov_starts(a, "吧") || nov_starts(a, "吗") || nov_starts(a, "么") || nov_starts(a, "？"))) ||
		    nov_starts(a, "可在") || nov_starts(a, "何在") || nov_starts(a, "在吗") || nov_starts(a, "在哪"))
			return nov_follow(n, w);
	}
	return -1;
}

/* A word of address in quote q ("Bad news, miss?", "Evening, doctor.", "Sir, ..."): its
 * gender ("" any) with *noun, *nl the word; NULL if none. English only. */
static const char *address_word(struct nov *n, const char *q, const char **noun, size_t *nl)
{
	const json_t *aw = json_object_get(n->nd, "address_en");
	for (const char *p = q; *p && !n->zh; p++) {
		if (p > q && isalpha((unsigned char)p[-1])) continue;
		size_t l = nov_word_at(p);
		if (!l) continue;
		const char *b = p;
		while (b > q && b[-1] == ' ') b--;
		const char *a = p + l;
		int before = b == q || b[-1] == ',', after = !*a || strchr(",.!?", *a);
		if (before && after && !(b == q && *a != ',')) {
			char w[16];
			if (l < sizeof w) {
				snprintf(w, sizeof w, "%.*s", (int)l, p);
				for (char *c = w; *c; c++) *c = (char)tolower((unsigned char)*c);
				const json_t *g = json_object_get(aw, w);
				if (g) { *noun = p; *nl = l; return json_string_value(g); }
			}
		}
		p += l - 1;
	}
	return NULL;
}

/* The one a word of address names: a role character ("doctor": Dr. Okafor), else the
 * one of the last two speakers of its gender who is not the speaker; -1 if none. */
static int addressed_by_word(struct nov *n, const char *q, int spk)
{
	const char *noun;
	size_t nl;
	const char *g = address_word(n, q, &noun, &nl);
	if (!g) return -1;
	int c = nov_role_char_en(n, noun, nl);
	if (c >= 0 && nov_follow(n, c) != spk) return nov_follow(n, c);
	int two[2] = { nov_follow(n, n->last_spk), nov_follow(n, n->prev_spk) };
	for (int k = 0; k < 2 && *g; k++)
		if (two[k] >= 0 && two[k] != spk && str_eq(n->ch[two[k]].gender, g)) return two[k];
	return -1;
}

/* 1 if character c is a phone caller known by kin only whose call is over (or not begun) */
static int off_line(struct nov *n, int c)
{
	return c >= 0 && n->ch[c].caller && c != nov_follow(n, n->remote);
}

/* A Chinese quote opening with a kin word of address (“哥，……”, “妈！……”): the one of
 * that kin (妈 -> 妈妈), else, in a first-person text, the narrator; -1 if none. */
static int zh_kin_vocative(struct nov *n, const char *q)
{
	const char *e = q;
	for (int k = 0; k < 3 && *e && nov_is_han_at(e); k++) e += nov_cp_len(e);
	while (e > q && !(nov_starts(e, "，") || nov_starts(e, "！"))) { e--; while (e > q && ((unsigned char)*e & 0xC0) == 0x80) e--; }
	if (e == q) return -1;
	size_t l = (size_t)(e - q);
	const json_t *kin = json_object_get(n->nd, "zh_kin_names");
	const char *shortk = json_string_value(json_object_get(n->nd, "zh_kin_short"));
	size_t i;
	json_t *x;
	int is_kin = l == 3 && nov_zh_han_in(shortk, q);
	json_array_foreach(kin, i, x) is_kin |= strlen(json_string_value(x)) == l && !strncmp(json_string_value(x), q, l);
	if (!is_kin) return -1;
	/* (not a phone caller off the line: “妈，……” after the call is to the mother in the room) */
	for (size_t c = 0; c < n->n_ch; c++)
		if (n->ch[c].merged < 0 && (int)c != n->narrator && !off_line(n, (int)c) && !strncmp(n->ch[c].name, q, l)) return (int)c;
	/* “妈，……” to the one called 婆婆 or 母亲 (zh_kin_alike), the last mentioned of them */
	char k[4] = { q[0], q[1], q[2], 0 };
	const char *alike = json_string_value(json_object_get(json_object_get(n->nd, "zh_kin_alike"), k));
	for (int r = 0; alike && r < 4; r++) {
		int w = nov_follow(n, n->recent[r]);
		if (w >= 0 && !off_line(n, w) && n->ch[w].len <= 6 && (nov_zh_han_in(alike, n->ch[w].name) || nov_zh_han_in(alike, n->ch[w].name + n->ch[w].len - 3))) return w;
	}
	return n->narrator;
}

static int ends_colon_at(const char *t, size_t l)
{
	while (l && t[l - 1] == ' ') l--;
	return (l && t[l - 1] == ':') || (l >= 3 && !strncmp(t + l - 3, "：", 3));
}

static int ends_colon(const char *t) { return ends_colon_at(t, strlen(t)); }

/* Length of English narration t without a dash that ends it right after a said-verb
 * ("..., and without waiting to recover breath, began—"): such a dash leads into the
 * quote as a colon does; 0 if t ends otherwise. */
static size_t said_dash(struct nov *n, const char *t)
{
	size_t l = strlen(t);
	while (l && t[l - 1] == ' ') l--;
	size_t d = l >= 3 && !strncmp(t + l - 3, "\xE2\x80\x94", 3) ? 3 : l >= 2 && !strncmp(t + l - 2, "--", 2) ? 2 : 0;
	if (n->zh || !d) return 0;
	size_t e = l - d, b = e;
	while (b && isalpha((unsigned char)t[b - 1])) b--;
	return e > b && nov_said_verb_en(n, t + b, e - b) ? e : 0;
}

/* (Measured, ./build/bench_drama novel_speakers: a narration paragraph ending this way
 * read as the next quote's tag, with the title vocative of vocative_in, EN all sets 7557 ->
 * 7562: Stoker dracula2 +2, Poe amontillado +1, Nesbit railway1 +1, Gaskell cranford4 +1,
 * no text down; without the title vocative Northup slave19 -4; with only a said-verb right
 * before the dash, as said_dash has it, Gaskell +1 alone.) */
size_t nov_dash_lead_en(struct nov *n, const char *t)
{
	size_t l = strlen(t), e;
	while (l && t[l - 1] == ' ') l--;
	if (n->zh) return 0;
	if ((e = said_dash(n, t))) return e;
	size_t d = l >= 3 && !strncmp(t + l - 3, "\xE2\x80\x94", 3) ? 3 : l >= 2 && !strncmp(t + l - 2, "--", 2) ? 2 :
	           l >= 2 && t[l - 1] == '-' && (isalpha((unsigned char)t[l - 2]) || t[l - 2] == ':') ? 1 : 0;
	if (!d) return 0;
	e = l - d;
	if (e && t[e - 1] == ':') return e - 1;   /* "Again he said:--" */
	/* a said-verb within the last four words ("said at once—", "said with mild dignity-",
	 * "I called again--") */
	size_t b = e;
	for (int w = 0; w < 4 && b; w++) {
		while (b && t[b - 1] == ' ') b--;
		size_t we = b;
		while (b && isalpha((unsigned char)t[b - 1])) b--;
		if (b == we || (b && !strchr(" ", t[b - 1]))) return 0;   /* (a stop or a comma ends the search) */
		if (nov_said_verb_en(n, t + b, we - b)) return e;
	}
	return 0;
}

/* 1 if a Chinese said-verb (of one or two characters) ends exactly at e in narration t */
static int zh_said_ends_at(struct nov *n, const char *t, const char *e)
{
	const char *b = e;
	size_t vl;
	for (int k = 0; k < 2 && b > t; k++) { b--; while (b > t && ((unsigned char)*b & 0xC0) == 0x80) b--; }
	const char *v = nov_said_zh(n, b, e, &vl);
	return v && v + vl == e;
}

/* "贾母笑道，" right before a quote: a said-verb then a comma ends the narration */
static int zh_verb_comma(struct nov *n, const char *t)
{
	size_t l = strlen(t);
	/* (or the verb right before the quote, no comma: "众人打量了他一会，便问“……”") */
	if (l < 6 || (strcmp(t + l - 3, "，") && !(n->zh && nov_is_han_at(t + l - 3)))) return 0;
	return zh_said_ends_at(n, t, t + l - (nov_is_han_at(t + l - 3) ? 0 : 3));
}

/* 1 if Chinese narration t ends with a said-verb and "；" where a colon belongs ("继之笑着道；“……”",
 * "提举道；", "余曰；": a misprint of "：" in texts typed from print): it leads into the quote
 * after it as "：" does. */
static int zh_said_semicolon(struct nov *n, const char *t)
{
	size_t l = strlen(t);
	while (l && t[l - 1] == ' ') l--;
	return l >= 6 && !strncmp(t + l - 3, "；", 3) && zh_said_ends_at(n, t, t + l - 3);
}

/* The length of Chinese narration t up to the end of its said-verb when what follows the
 * verb to the end of t (a quote comes next, no colon) is an aspect word and a count of words
 * or sounds: "连说着", "单说了一句", "答应了一声", "都称了声", "说了几个"; 0 otherwise (the verb
 * right before the quote is zh_verb_comma's). */
static size_t zh_inline_said(struct nov *n, const char *t)
{
	static const char *const counts[] = { "一声", "一句", "两声", "几声", "几句", "几个", "一个", "声", "句", NULL };
	size_t l = strlen(t);
	while (l && t[l - 1] == ' ') l--;
	const char *e = t + l, *p = e;
	for (int k = 0; counts[k]; k++) {
		size_t cl = strlen(counts[k]);
		if ((size_t)(e - t) > cl && !strncmp(e - cl, counts[k], cl)) { p = e - cl; break; }
	}
	if (p - t >= 3 && nov_zh_han_in("着了是", p - 3)) p -= 3;
	if (p == e || p - t < 3) return 0;
	return zh_said_ends_at(n, t, p) ? (size_t)(p - t) : 0;
}

/* 1 if Chinese narration t is nothing but a verb of saying or answering and the colon (or
 * comma) that leads into the next quote: "曰：", "说：", "说道：", "对曰：", "应道：" (the
 * text as read, simplified). No subject, no 又/便 ("又曰" goes on with the same one), no
 * verb of calling out (叫道, which the same one often adds to his words). */
static int zh_bare_said(const char *t)
{
	static const char *const verbs[] = { "说道", "说是", "说", "曰", "道", "云", "言", "对曰", "对道", "应道", "应曰", NULL };
	while (*t == ' ') t++;
	for (int k = 0; verbs[k]; k++) {
		if (!nov_starts(t, verbs[k])) continue;
		const char *r = t + strlen(verbs[k]);
		while (*r == ' ') r++;
		if (!nov_starts(r, "：") && !nov_starts(r, "，")) continue;
		for (r += 3; *r == ' '; r++) {}
		return !*r;
	}
	return 0;
}

/* 1 if Chinese text t holds a sentence stop */
static int zh_has_stop(const char *t)
{
	for (const char *p = t; *p; p += nov_cp_len(p))
		if (nov_zh_stop(p)) return 1;
	return 0;
}

/* 1 if the last character of t (spaces aside) is one of the Chinese marks in marks or a
 * sentence stop */
static int zh_ends_in(const char *t, const char *marks)
{
	size_t l = strlen(t);
	while (l && t[l - 1] == ' ') l--;
	if (l < 3) return 0;
	const char *c = t + l - 3;
	return nov_zh_stop(c) || nov_zh_han_in(marks, c);
}

/* (Chinese) The subject of the sentence a subjectless tag (narration si - 1 before quote si)
 * ends when quoted words stand inside it ("燕王想「王」上加「白」，是个「皇」字，大异其言，遂留人
 * 府中，问道衍："): back over the quotes the narration runs on around (no stop in the quote,
 * no stop, colon or comma before it) to the segment where the sentence starts; the known
 * name (or 我) that opens its first clause, who goes on as the topic of the clauses after
 * it; -1 if none. */
static int zh_cut_sentence_subject(struct nov *n, const struct para *pa, size_t si)
{
	if (si < 3 || zh_has_stop(pa->v[si - 1].text)) return -1;
	size_t k = si - 1;
	while (k >= 2 && pa->v[k - 1].quote && !pa->v[k - 2].quote && !zh_ends_in(pa->v[k - 1].text, "") &&
	       !zh_ends_in(pa->v[k - 2].text, "：，")) {
		k -= 2;
		if (zh_has_stop(pa->v[k].text)) break;
	}
	if (k == si - 1) return -1;
	const char *t = pa->v[k].text, *st = t;
	for (const char *p = t; *p; p += nov_cp_len(p))
		if (nov_zh_stop(p)) st = p + nov_cp_len(p);
	while (*st == ' ' || nov_starts(st, "　")) st += *st == ' ' ? 1 : 3;
	const char *ce = st;
	while (*ce && !nov_starts(ce, "，") && !nov_zh_stop(ce)) ce += nov_cp_len(ce);
	return ce > st ? nov_zh_subject(n, st, ce, 1) : -1;
}

/* The one the quote opening the paragraph after pa speaks to by name or by a word of
 * address ("Thank you, Albert.", "Well, Mamma, ..."): the speaker of pa's quote, when
 * that one is not a (who spoke last) or voc (whom pa's quote speaks to); -1 if none.
 * English only. */
static int reply_addressee(struct nov *n, const struct para *pa, int a, int voc)
{
	if (pa + 1 >= n->p + n->n_p || pa[1].brk || !pa[1].n || !pa[1].v[0].quote) return -1;
	const char *q = pa[1].v[0].text;
	int who = vocative(n, q);
	const char *noun;
	size_t nl;
	const char *g = who < 0 ? address_word(n, q, &noun, &nl) : NULL;
	if (g) who = nov_role_char_en(n, noun, nl);   /* ("Mamma" names no one: the last woman mentioned was often the one speaking) */
	who = nov_follow(n, who);
	/* one who has spoken before, not a first-person narrator (most quotes speak to him:
	 * "..., Davy" is often the same one going on) */
	if (who < 0 || who == a || who == voc || who == n->narrator || !n->ch[who].spoke) return -1;
	return who;
}

/* 1 if the English narration t ends its own sentence that leads into a quote ("... were
 * answered. When this was over, Mr. Woodhouse gratefully observed,"): a comma or colon
 * ends it and a sentence stop (no title's dot) comes before. Not when that sentence opens
 * with "He"/"She" of the gender of same, the speaker of the quote before ("He turned to
 * Hallward and said,": the pronoun goes on with him, not with a man the narration named). */
static int own_sentence(struct nov *n, const char *t, int same)
{
	size_t l = strlen(t);
	while (l && t[l - 1] == ' ') l--;
	if (n->zh || !l || (t[l - 1] != ',' && t[l - 1] != ':')) return 0;
	const char *s = sentence_start_en(n, t, t + l - 1), *b = s;
	while (b > t && b[-1] == ' ') b--;
	if (b == t || !strchr(".!?", b[-1])) return 0;
	while (*s == ' ') s++;
	int he = !strncmp(s, "He ", 3), she = !strncmp(s, "She ", 4);
	return !(same >= 0 && (he || she) && str_eq(n->ch[same].gender, he ? "male" : "female"));
}

/* 1 if the paragraphs read so far write name in lower case (a role word: "the pilot") */
static int written_lower(struct nov *n, const char *name)
{
	for (size_t pi = 0; pi <= n->cur_p && pi < n->n_p; pi++)
		if (n->p[pi].raw && nov_seen_lower(n->p[pi].raw, name)) return 1;
	return 0;
}

static int speaker(struct nov *n, const struct para *pa, size_t si, int same, int subject_last, int para_subject, size_t *used, const char **emo)
{
	const struct seg *sg = &pa->v[si];
	int spk = -2;
	*used = 0;
	*emo = NULL;
	int voc = vocative(n, sg->text);
	n->para_subj = n->zh ? -1 : para_subject;
	n->pre_subj = n->zh ? -1 : pre_subject(n, pa, si);
	if (voc < 0 && !n->zh) {   /* "Evening, doctor." is not the doctor's */
		const char *noun;
		size_t nl;
		if (address_word(n, sg->text, &noun, &nl)) voc = nov_role_char_en(n, noun, nl);
	}
	if (n->zh && off_line(n, voc)) voc = -1;
	if (voc < 0 && n->zh) voc = zh_kin_vocative(n, sg->text);
	n->cur_voc = voc;
	/* whose turn it is: the one just spoken to, else the one who spoke before the last speaker */
	int a = nov_follow(n, n->last_spk), b = nov_follow(n, n->prev_spk), turn = -1;
	/* (English) someone unnamed an indefinite tag brought on ('"Who's that?" said one of the
	 * men near me') spoke last: a paragraph that opens with an untagged quote answers him, and
	 * he was not speaking to the last one named; the two talking are not known (step 5) */
	int anon_open = !n->zh && n->turns && n->anon_last && n->anon_indef && si == 0;
	if (n->turns && a >= 0) {
		int ad = nov_follow(n, n->addressed);
		/* the one spoken to by name answers, if in the exchange or heard before */
		if (ad >= 0 && ad != a && (b < 0 || ad == b || n->ch[ad].spoke || ad == n->narrator || n->addressed_here)) turn = ad;
		else if (n->anon_last) turn = a;   /* someone unnamed answered a: a again */
		else turn = b >= 0 && b != a ? b : -1;
		/* a first-person narrator is the one spoken with when no one else is */
		/* the first reply of an exchange: the other one the narration brought on last
		 * ("Joe said, sniffing." / "..." after a paragraph about Hattie); nobody named when
		 * that one is "the boy"; a first-person narrator before one named before the
		 * paragraph that opened the talk */
		/* (English) one who came in just before the talk is the one it turns to ("Nell came in
		 * from the yard with mud to her knees." / "Boots," her father said. / "They're off.") */
		int in = nov_follow(n, n->arrived);
		if (turn < 0 && !n->ex_mixed && !n->zh && in >= 0 && in != a && in != voc && in != n->narrator) turn = in;
		for (int k = 0; turn < 0 && !n->ex_mixed && k < 4; k++) {
			int r = nov_follow(n, n->recent[k]);
			if (r < 0 || n->recent_p[k] + (n->narrator >= 0 ? 2 : 3) < n->cur_p) break;
			if (r == a || r == voc) continue;
			if (!n->ch[r].placeholder) turn = r;
			break;
		}
		if (turn < 0 && n->narrator >= 0 && a != n->narrator) turn = n->narrator;
		/* (Chinese) the others left him: the narrator goes on ("她去之后，我又……想了许多事情：") */
		if (turn < 0 && n->zh && a >= 0 && a == n->narrator && nov_follow(n, n->alone) == a) turn = a;
		/* (Chinese) one the narration just brought in who has not spoken yet answers
		 * (“卫老婆子又来了。” “可恶！”四叔说。 “你是……”四婶……说 / “阿呀阿呀，我真上当。”) */
		int came = nov_follow(n, n->came);
		if (n->zh && came >= 0 && came != a && came != voc) turn = came;
		if (voc >= 0 && voc == turn) turn = a;
		if (voc >= 0 && voc == a && b >= 0 && b != a && (turn < 0 || turn == a || n->zh)) turn = b;   /* (not over the one a spoke to) */
		/* the reply names this one: the next paragraph opens with a quote that speaks to
		 * someone by name ("Well, Mamma, they did." after "Harriet.") */
		int nx = !n->zh && si == 0 ? reply_addressee(n, pa, a, voc) : -1;
		if (nx >= 0) turn = nx;
		/* one who just came into the talk by acting ("Elizabeth looked with astonishment.") */
		if (n->beat >= 0 && n->beat != a && n->beat != voc) turn = n->beat;
		/* one just brought on speaks to one of the two by name (“李明，你来回答……” after
		 * "张老师的粉笔头已经飞过来了，正打在李明的脑门上") */
		else if (n->zh && n->outsider >= 0 && voc >= 0 && (voc == a || voc == b) && n->outsider != voc) turn = n->outsider;
	}
	/* a phone call: the one who answered and the caller take turns */
	int called = !n->zh && si == 0 && same < 0 ? nov_call_turn(n, a, sg->text, &turn) : 0;
	int turn_ex = turn;   /* (whose turn it is in the exchange, for an answer with no subject) */
	if (same >= 0 || si > 0) turn = -1;
	/* 1. a tag that leads in with a colon ("如海笑道：", "He said:") */
	if (si > 0 && !pa->v[si - 1].quote && (ends_colon(pa->v[si - 1].text) || said_dash(n, pa->v[si - 1].text) ||
	                                       (n->zh && (zh_verb_comma(n, pa->v[si - 1].text) || zh_said_semicolon(n, pa->v[si - 1].text)))))
		spk = nov_lead_in(n, pa->v[si - 1].text, subject_last, turn, voc);
	/* (Chinese) a said-verb and a count of words or sounds leading into a quote with no colon
	 * ("连说着“……”", "单说了一句“……”", "答应了一声“……”", "都称了声“……”"): a tag too */
	size_t il = spk == -2 && n->zh && si > 0 && !pa->v[si - 1].quote ? zh_inline_said(n, pa->v[si - 1].text) : 0;
	if (il) {
		char *cut = xstrndup(pa->v[si - 1].text, il);
		spk = nov_lead_in(n, cut, subject_last, turn, voc);
		free(cut);
	}
	int lead_tag = spk != -2;   /* (the tag is the narration before the quote) */
	/* (Chinese) an answer verb with no subject ("问：“……”答称：“……”"): one does not answer
	 * oneself, so not the paragraph's subject who asked, but the one whose turn it is */
	/* So does a said-verb alone between two quotes of one paragraph (“……”曰：“……”,
	 * 「……」說：「……」, 「……」對曰：「……」): a speaker who went on would be written 又曰 or
	 * given no tag at all, so the bare verb hands the talk over: the one whose turn it is,
	 * not the one who spoke the quote before (zh_bare_said) */
	if (n->zh && spk == -1 && si > 0 && !pa->v[si - 1].quote &&
	    (nov_zh_bare_answer(pa->v[si - 1].text) || (si >= 2 && pa->v[si - 2].quote && zh_bare_said(pa->v[si - 1].text)))) {
		int ans = turn_ex >= 0 && turn_ex != a ? turn_ex : (b >= 0 && b != a ? b : -1);
		if (ans >= 0) { n->guessed = 1; n->how = NOV_HOW_ANSWER; return ans; }
	}
	/* 2. a tag after (not one that leads into the next quote with a colon) */
	if (spk == -2 && si + 1 < pa->n && !pa->v[si + 1].quote) {
		const char *t = pa->v[si + 1].text;
		const char *tb, *tv;
		if (n->zh) {
			spk = nov_zh_tag(n, t, 1, &tb, &tv, used) && !ends_colon_at(t, *used) ? nov_zh_tag_subject(n, tb, tv) : -2;
			int to = spk != -2 ? nov_zh_tag_listener(n, tb, tv) : -1;
			if (to >= 0 && to != spk) n->tag_listener = to;
		}
		else {
			size_t body, len = nov_lead_clause(n, t, &body);
			/* '"...," said Alice: "..."': a quote that ends in a comma goes on into its tag,
			 * which leads into the next quote too */
			size_t ql = strlen(sg->text);
			const char *t0 = t;
			while (*t0 == ' ') t0++;
			int goes_on = ql && sg->text[ql - 1] == ',' && islower((unsigned char)*t0);
			/* '"Oh, we know!" they cried': a group's line, nobody's, anchored like an indefinite one */
			if (t[body] != ':' && group_tag(n, t, body)) {
				*used = len;
				n->anchored = 1;
				n->indef_p = n->cur_p + 1;
				return -1;
			}
			spk = t[body] == ':' && !goes_on ? -2 : tag_en(n, t, body, turn, voc);
			if (spk == -2 && t[body] != ':') spk = inverted_tag_en(n, t, body, turn, voc);
			if (spk == -2 && t[body] != ':' && ql && strchr(",!?", sg->text[ql - 1])) spk = pronoun_tag_en(n, t, body, turn, voc);
			if (spk == -1) spk = nov_voice_newcomer(n, t, body);
			/* '"...," said a carter from the doorway': someone not known; the line is nobody's,
			 * anchored so that no guess over the talk gives it to a name */
			if (spk == -1 && indefinite_tag(n, t, body)) {
				*used = len;
				n->anchored = 1;
				n->indef_p = n->cur_p + 1;
				return -1;
			}
			if (spk != -2) *used = len;
		}
		if (spk == -2) *used = 0;
		if (spk != -2) {
			char *cl = xstrndup(t, *used);
			*emo = imp_lookup("emotions", cl);
			free(cl);
		}
	}
	/* (Chinese) one sentence between two quotes that leads into the second with a said-verb
	 * (“就是——”她走近两步，放低了声音，……切切的说，“……”): its subject says the first too */
	if (spk == -2 && n->zh && same < 0 && si + 2 < pa->n && !pa->v[si + 1].quote && pa->v[si + 2].quote && zh_verb_comma(n, pa->v[si + 1].text)) {
		const char *t = pa->v[si + 1].text, *p = t;
		while (*p && !nov_zh_stop(p)) p += nov_cp_len(p);
		if (!*p) spk = nov_lead_in(n, t, subject_last, turn, voc);
		if (spk == -3 || spk == -1) spk = -2;
	}
	/* 3. a tag before, in the paragraph or ending the paragraph before ("he addressed her with:") */
	/* (narration between two quotes is the first one's tag: '"...," said he, "..."' — it
	 * leads into the second only with a colon, taken above, or from a sentence of its own:
	 * '... "poor Isabella" ... were answered. When this was over, Mr. Woodhouse observed, "..."') */
	if (spk == -2 && si > 0 && !pa->v[si - 1].quote && (!(si >= 2 && pa->v[si - 2].quote) || own_sentence(n, pa->v[si - 1].text, same))) {
		spk = nov_lead_in(n, pa->v[si - 1].text, subject_last, turn, voc);
		lead_tag = spk != -2;
	}
	/* (Chinese) a lead-in tag with no subject that quoted words cut off from the start of its
	 * sentence: the subject that opens the sentence goes on to it (not the one it speaks to) */
	if (spk == -1 && lead_tag && n->zh) {
		int top = zh_cut_sentence_subject(n, pa, si);
		if (top >= 0 && nov_follow(n, top) != nov_follow(n, n->tag_listener)) spk = top;
	}
	if (spk == -2 && si == 0 && n->lead_in >= 0) spk = n->lead_in;
	n->how = NOV_HOW_TAG;
	if (spk >= 0) { n->anchored = !n->weak_tag; return spk; }
	if (spk == -3) return -1;   /* a group ("众猴道") */
	n->how = NOV_HOW_OTHER;
	/* (Chinese) a tag that names no speaker but the one it speaks to ("又對叔寶道", "因问
	 * 公子道", "遂留人府中，问道衍"): one does not speak to oneself, so the guesses below
	 * pass over that one as over one called by name; a turn that falls to him, or no turn
	 * at all, goes to the other one who spoke last (the subject of the talk goes on: "华忠
	 * 道：……" / "因问公子道：……" is 华忠's) */
	int lis = n->zh && spk == -1 ? nov_follow(n, n->tag_listener) : -1;
	if (lis >= 0 && voc < 0) {
		voc = lis;
		if (turn == lis || turn < 0) turn = a >= 0 && a != lis ? a : b >= 0 && b != lis ? b : -1;
	}
	/* (English) "was the reply": the one whose turn it is, never the one who spoke last */
	if (spk == -1 && n->answer) {
		int ans = turn_ex >= 0 && turn_ex != a ? turn_ex : b >= 0 && b != a ? b : -1;
		/* (no exchange running: the one last named who is not the last speaker) */
		for (int k = 0; ans < 0 && a >= 0 && k < 4; k++) {
			int r = nov_follow(n, n->recent[k]);
			if (r >= 0 && r != a && !n->ch[r].placeholder) ans = r;
		}
		if (ans >= 0) { n->guessed = 1; n->how = NOV_HOW_ANSWER; return ans; }
	}
	/* (English) a voice the narrator heard that names no one known ("I heard from above"):
	 * in a running exchange with the narrator the other one talking, else nobody, anchored */
	if (spk == -1 && n->heard) {
		int ls = nov_follow(n, n->last_spk);
		if (ls >= 0 && ls == n->narrator) ls = nov_follow(n, n->prev_spk);
		if (ls >= 0 && ls != n->narrator && n->turns) { n->guessed = 1; n->how = NOV_HOW_ANSWER; return ls; }
		n->anchored = 1;
		return -1;
	}
	/* (English) a tag before or after that names no one known ("The first one said:--",
	 * '"...," the taller one said'): the first-person narrator the paragraph's narration
	 * opens with is not the speaker for it (step 4) */
	int tag_nobody = spk == -1 && !n->zh;
	/* (in the paragraph of one an indefinite tag brought on, a tag that names no one known
	 * is one of them too: '"...," remarked one of the partners; and the other ... said: "..."') */
	if (tag_nobody && n->indef_p == n->cur_p + 1) { n->anchored = 1; return -1; }
	/* 3. the same speaker as the quote before in this paragraph */
	if (same >= 0) { n->how = NOV_HOW_SAME; return same; }
	/* an action right after the quote, no said-verb: “还没起？”婆婆换了鞋，…… */
	if (n->zh && si + 1 < pa->n && !pa->v[si + 1].quote && !(si + 2 < pa->n && (ends_colon(pa->v[si + 1].text) || zh_verb_comma(n, pa->v[si + 1].text)))) {
		int who = nov_zh_beat_after(n, pa->v[si + 1].text);
		/* (他/她 read as the one who spoke last is the one whose turn it is, of that gender:
		 * “……还是骂，阿呀呀，这真是……。”她摇一摇头，不说了。) */
		const char *bt = pa->v[si + 1].text;
		while (*bt == ' ') bt++;
		int a = nov_follow(n, n->last_spk);
		if (who >= 0 && who == a && turn >= 0 && turn != a && n->turns && nov_zh_pron(n, bt) && !nov_starts(bt + 3, "们") &&
		    str_eq(n->ch[turn].gender, nov_zh_pron(n, bt) == 'f' ? "female" : "male"))
			who = turn;
		if (who >= 0 && who != voc) { n->how = NOV_HOW_BEAT; return who; }
		/* a group acts after a quote no tag leads into: nobody named */
		if (who == -3 && !(si > 0 && !pa->v[si - 1].quote && (ends_colon(pa->v[si - 1].text) || zh_verb_comma(n, pa->v[si - 1].text)))) return -1;
	}
	/* 4. narration before the quote in its paragraph names who acts: that one speaks */
	if (para_subject >= 0 && para_subject != voc && !(tag_nobody && para_subject == n->narrator)) { n->anchored = 1; n->how = NOV_HOW_TAG; return para_subject; }
	/* 4b. an action beat after it in its paragraph, with no said-verb ("Coming here?" Her
	 * father set down his cup.): who acts there speaks (English) */
	if (!n->zh && si + 1 < pa->n && !pa->v[si + 1].quote) {
		const char *t = pa->v[si + 1].text;
		while (*t == ' ') t++;
		/* a sentence that opens with its subject: a name, "He"/"She", "Her father" (not "On
		 * Miss Lucas's persevering, she added", not "and Tom let him up"; but "And Beth
		 * looked at her rough hands": a capital And opens a sentence) */
		if (!strncmp(t, "And ", 4) && isupper((unsigned char)t[4])) t += 4;
		size_t l = nov_word_at(t);
		static const char *const open[] = { "He", "She", "His", "Her", "My", "Our", "Their", NULL };
		int subj = nov_name_at(n, t) >= 0;
		for (int k = 0; open[k] && !subj; k++) subj = l == strlen(open[k]) && !strncmp(t, open[k], l);
		int r = subj ? clause_subject(n, t, strlen(t), turn, voc) : -1;
		if (r >= 0 && r != voc) { n->anchored = !n->weak_tag; n->how = NOV_HOW_TAG; return r; }
	}
	/* 5. turn-taking */
	n->guessed = 1;
	n->how = NOV_HOW_NOBODY;
	if (anon_open) { n->anon_guess = 1; return -1; }   /* (and the talk goes on between the unnamed) */
	/* (English) a tag whose subject is a noun phrase that names no one known ("said the
	 * little hero", "the new-comer said", "growled the other"): a first-person narrator
	 * calls himself "I", never "the hero", so at the narrator's turn the quote is the one's
	 * who spoke last, the other of the exchange, or nobody's */
	if (tag_nobody && n->tag_np && n->narrator >= 0 && turn >= 0 && nov_follow(n, turn) == n->narrator) {
		int ls = nov_follow(n, n->last_spk);
		n->how = NOV_HOW_TURN;
		return ls >= 0 && ls != n->narrator && ls != voc && !written_lower(n, n->ch[ls].name) ? ls : -1;
	}
	if (turn >= 0 || called) { n->how = called ? NOV_HOW_CALLED : NOV_HOW_TURN; return turn; }
	/* 6. the nearest subject */
	if (subject_last >= 0 && subject_last != voc) { n->how = NOV_HOW_SUBJECT; return subject_last; }
	if (a >= 0 && b >= 0 && voc == a) { n->how = NOV_HOW_TURN; return b; }
	/* 7. talk that opens after narration naming people ("The diner was empty except for
	 * Jess, who ..., and Marco, who ..."): the first named speaks, the second answers */
	if (si == 0 && !n->turns && n->seed[0] >= 0) {
		int s0 = nov_follow(n, n->seed[0]), s1 = nov_follow(n, n->seed[1]);
		/* “妈，……” after narration about three: the one named nearest the one spoken to */
		for (int k = 0; n->zh && voc >= 0 && k < 4; k++) {
			int r = nov_follow(n, n->recent[k]);
			if (r >= 0 && r != voc && r != n->narrator && !n->ch[r].placeholder) { n->last_spk = voc; n->how = NOV_HOW_SEED; return r; }
		}
		if (s0 == voc && s1 >= 0) { int t = s0; s0 = s1; s1 = t; }
		/* (English) a first-person narrator the narration names ("I", "me") is named there
		 * because he tells it, not because he acts: the other one it names opens the talk
		 * and the narrator answers ("As I sat down, Steve came over." / "Just come to
		 * town?"); not one known only by a common noun ("I could see the pilot turning the
		 * wheel": a role word the text writes in lower case, no one in the talk) */
		if (!n->zh && s0 >= 0 && s0 == n->narrator && s1 >= 0 && s1 != voc && !n->ch[s1].placeholder && !written_lower(n, n->ch[s1].name)) {
			int t = s0;
			s0 = s1;
			s1 = t;
		}
		if (s0 != voc) {
			n->last_spk = s1;   /* speak() makes it the one before: the next quote is theirs */
			n->how = NOV_HOW_SEED;
			return s0;
		}
	}
	return -1;
}

/* 1 if the narration of paragraph pa turns someone toward a first-person narrator
 * ("looking at me over his glasses", "She looked at me.", "turned to me"): its quote
 * speaks to the narrator, who answers like anyone spoken to (English). */
static int toward_me(struct nov *n, const struct para *pa)
{
	static const char *const verbs[] = { "look", "looked", "looking", "glanced", "glancing", "turned", "turning", "smiled", "smiling",
		"nodded", "nodding", "winked", "frowned", "frowning", "stared", "staring", "peered", "peering", "grinned", "grinning", NULL };
	if (n->zh || n->narrator < 0) return 0;
	for (size_t s = 0; s < pa->n; s++) {
		if (pa->v[s].quote) continue;
		const char *t = pa->v[s].text;
		for (const char *p = t; *p;) {
			size_t l = nov_word_at(p);
			if (!l) { p++; continue; }
			int verb = 0;
			for (int i = 0; verbs[i] && !verb; i++) verb = l == strlen(verbs[i]) && !strncmp(p, verbs[i], l);
			const char *q = p + l;
			if (verb && (!strncmp(q, " at me", 6) || !strncmp(q, " to me", 6) || !strncmp(q, " up at me", 9) || !strncmp(q, " down at me", 11))) {
				const char *e = strstr(q, " me") + 3;
				if (!isalpha((unsigned char)*e)) return 1;
			}
			p = q;
		}
	}
	return 0;
}

/* The known person a Chinese tag right before quote si names as the one spoken to: a name
 * after 对/向/问/谓 (对着, 向着) in the last clause of the narration before it, the clause
 * ending with the said-verb ("又对叔寶道：", "回头又向安公子道：", "謂嫗曰：" folded); -1 if
 * none. A name only, never a pronoun or a look (看着他), which name no one for sure. */
static int zh_tag_named_listener(struct nov *n, const struct para *pa, size_t si)
{
	if (!si || pa->v[si - 1].quote) return -1;
	const char *t = pa->v[si - 1].text, *tb, *tv;
	size_t u;
	if (!nov_zh_tag(n, t, 0, &tb, &tv, &u)) return -1;
	const char *vc = tv;
	while (vc > tb && !(vc - tb >= 3 && nov_starts(vc - 3, "，"))) { vc--; while (vc > tb && ((unsigned char)*vc & 0xC0) == 0x80) vc--; }
	for (const char *h = vc; h < tv; h += nov_cp_len(h)) {
		if (!nov_zh_han_in("对向问谓", h)) continue;
		const char *p = h + 3;
		if (nov_starts(p, "着")) p += 3;
		int w = nov_name_at(n, p);
		if (w >= 0 && w != n->narrator) return nov_follow(n, w);
	}
	return -1;
}

int nov_speaker(struct nov *n, const struct para *pa, size_t si, int same, int subject_last, int para_subject, size_t *used, const char **emo)
{
	n->tag_listener = -1;
	n->anchored = n->weak_tag = 0;
	n->guessed = 0;
	n->how = NOV_HOW_OTHER;
	n->heard = n->answer = n->tag_np = 0;
	int spk = speaker(n, pa, si, same, subject_last, para_subject, used, emo);
	n->para_subj = n->pre_subj = n->pre_obj = -1;   /* (lead-ins read in novel.c have no paragraph subject) */
	if (!n->zh && spk >= 0 && nov_names_only(n, pa->v[si].text, nov_follow(n, spk))) spk = -1;
	if (!n->turns) { n->ex_first = nov_follow(n, spk); n->ex_mixed = spk < 0; }
	else if (nov_follow(n, spk) != n->ex_first || spk < 0) n->ex_mixed = 1;
	int voc = n->cur_voc;   /* (speaker() read it) */
	/* one never calls himself by name: “孔乙己，你当真认识字么？”, “你就是叶尘？” are not theirs */
	if (n->zh && spk >= 0 && nov_follow(n, spk) == nov_zh_called(n, pa->v[si].text)) spk = -1;
	/* nor speaks to himself: the one the tag speaks to by name ("又对叔寶道：") is not the
	 * speaker a guess took for a subject the tag left out; such a tag goes on with the one
	 * who spoke last ("说着，回头又向安公子道："), or names nobody when that was the one
	 * spoken to ("其人……謂嫗曰" after 嫗's line: 其人 is no one named) */
	if (n->zh && spk >= 0 && nov_follow(n, spk) == zh_tag_named_listener(n, pa, si)) {
		int l = nov_follow(n, spk), a = nov_follow(n, n->last_spk);
		spk = a >= 0 && a != l ? a : -1;
	}
	/* “妈，……” led in by "回头问奶奶，": the one the tag names is spoken to, not a guess from the kin word */
	if (n->zh && n->tag_listener < 0 && si > 0 && !pa->v[si - 1].quote) {
		const char *t = pa->v[si - 1].text;
		size_t l = strlen(t);
		if (l >= 3 && (nov_starts(t + l - 3, "，") || nov_starts(t + l - 3, "："))) l -= 3;
		if (l >= 3) n->tag_listener = nov_zh_tag_listener(n, t, t + l - 3);
	}
	if (n->zh && n->tag_listener >= 0 && n->tag_listener != nov_follow(n, spk)) {
		int named = vocative(n, pa->v[si].text);
		if (named < 0 || off_line(n, named)) voc = n->tag_listener;
	}
	if (voc < 0 && !n->zh) voc = addressed_by_word(n, pa->v[si].text, nov_follow(n, spk));   /* "Bad news, miss?" */
	if (voc < 0 && n->tag_listener < 0 && spk >= 0 && nov_follow(n, spk) != n->narrator && toward_me(n, pa))
		voc = n->narrator;   /* '"You've grown," he said, looking at me' */
	nov_call_spoke(n, spk, voc);
	n->q_voc = voc;
	if (voc >= 0 && voc != nov_follow(n, spk)) n->addressed = voc;
	else if (n->tag_listener >= 0 && n->tag_listener != nov_follow(n, spk)) n->addressed = n->tag_listener;   /* "said she to Charlotte" */
	/* the one spoken to answers in the next paragraph's quote or not at all (else "Watson"
	 * named once would take every later turn) */
	else if ((spk >= 0 && nov_follow(n, spk) == nov_follow(n, n->addressed)) || (si == 0 && !n->zh)) n->addressed = -1;
	if (spk >= 0) n->ch[nov_follow(n, spk)].spoke++;
	if (spk >= 0 && nov_follow(n, spk) != n->narrator) n->alone = -1;
	if (spk >= 0 && nov_follow(n, spk) == nov_follow(n, n->came)) n->came = -1;
	/* an unnamed one in the exchange: the partner of the last speaker is unknown */
	n->anon_indef = spk < 0 && !n->zh && ((n->anchored && n->indef_p == n->cur_p + 1) || n->anon_guess);
	n->anon_guess = 0;
	n->anon_last = spk < 0 && n->turns && n->last_spk >= 0 && pa->v[si].text[0];
	if (n->anon_last) n->prev_spk = -1;
	n->lead_in = -1;
	n->beat = n->outsider = -1;
	return spk;
}

/* A tag that leads into a quote, ending the narration t ("Mrs. Bennet said only,", "He
 * turned and said:", "如海笑道："): its subject; -2 if t leads into nothing. A narration
 * ending with ":" leads in even without a said-verb: its last subject speaks. */
int nov_lead_in(struct nov *n, const char *t, int subject_last, int turn, int voc)
{
	size_t l = strlen(t);
	while (l && t[l - 1] == ' ') l--;
	if (n->zh) {
		const char *tb, *tv;
		size_t u;
		if (nov_zh_tag(n, t, 0, &tb, &tv, &u)) {
			int who = nov_zh_tag_subject(n, tb, tv), to = nov_zh_tag_listener(n, tb, tv);
			/* a tag with no subject ("有一回对我说道，") goes on from the sentence before
			 * ("孔乙己……，便只好向孩子说话。"): a name opening one of its clauses */
			/* (and on over the parts of one sentence that ； joins, where a 他/她 opening
			 * one is the subject too: "他脸上黑而且瘦，……；穿一件破夹袄，……；见了我，又说道，")
			 * (and 我 opening one of its clauses, as a first-person narrator's own topic goes
			 * on: "我想云岫不是个好人，……。因说道"; and over one more full stop when that
			 * sentence names no one: "王五听了，不禁暗暗称奇。真是十步之内，必有芳草。因说道") */
			int back = 0;   /* (sentences gone back over a full stop) */
			for (const char *end = tb - 3; who == -1 && end > t;) {   /* (tb is right after the stop that ends it) */
				const char *ps = end;
				while (ps > t) {
					const char *c = ps - 1;
					while (c > t && ((unsigned char)*c & 0xC0) == 0x80) c--;
					if (nov_zh_stop(c)) break;
					ps = c;
				}
				for (const char *cs = ps; cs < end && who == -1;) {
					const char *ce = cs;
					while (ce < end && !nov_starts(ce, "，")) ce += nov_cp_len(ce);
					const char *b = cs;
					int pron = end < tb - 3 && nov_zh_pron(n, b) && !nov_starts(b + 3, "们");
					if (!nov_zh_lead(n, &b, ce) && b < ce) who = nov_zh_subject(n, b, ce, !pron);
					cs = ce + 3;
				}
				if (ps - t < 3 || (!nov_starts(ps - 3, "；") && (!nov_zh_stop(ps - 3) || ++back > 1))) break;
				end = ps - 3;
			}
			/* one does not speak to oneself: a subject read as the one the tag speaks to
			 * ("看了我一眼，……问我说" read as 我) is a misreading; no one is named */
			if (to >= 0 && to == who) {
				n->tag_listener = to;
				return -1;
			}
			if (to >= 0 && to != who) n->tag_listener = to;
			return who;
		}
		if (l < 3 || strncmp(t + l - 3, "：", 3)) return -2;
		/* "当下贾母一一指与黛玉：" — who the last sentence opens with */
		const char *e = t + l - 3, *s = t;
		for (const char *p = t; p < e; p += nov_cp_len(p))
			if (nov_zh_stop(p)) s = p + nov_cp_len(p);
		/* "小吴还要问，林峰摆了摆手，站起身来：" — the last clause a name opens */
		int last = -1;
		for (const char *cs = s; cs < e;) {
			const char *ce = cs;
			while (ce < e && !nov_starts(ce, "，")) ce += nov_cp_len(ce);
			const char *b = cs;
			if (!nov_zh_lead(n, &b, ce) && nov_name_at(n, b) >= 0) last = nov_name_at(n, b);
			cs = ce < e ? ce + 3 : e;
		}
		int who = last >= 0 ? nov_follow(n, last) : nov_zh_tag_subject(n, s, e), to = nov_zh_tag_listener(n, s, e);
		if (to >= 0 && to != who && who >= 0) n->tag_listener = to;
		return who >= 0 || who == -3 ? who : subject_last;
	}
	size_t sd = nov_dash_lead_en(n, t);
	if (sd) {   /* (as a colon) */
		const char *s = sentence_start_en(n, t, t + sd);
		int spk = lead_en(n, s, t + sd, 1, turn, voc);
		return spk == -2 ? subject_last : spk;
	}
	if (!l || (t[l - 1] != ':' && t[l - 1] != ',')) return -2;
	const char *s = sentence_start_en(n, t, t + l - 1);
	int spk = lead_en(n, s, t + l - 1, t[l - 1] == ':', turn, voc);
	if (spk == -2 && t[l - 1] == ':') spk = subject_last;
	return spk;
}

/* Where a tag that leads into the next quote starts in the narration t ("Mrs. Bennet
 * said only,", "如海笑道：", the clause "一面又问：" of a longer sentence); strlen(t) if
 * t ends with none. The narration before it stays as action. */
size_t nov_lead_tag_start(struct nov *n, const char *t)
{
	size_t l = strlen(t);
	while (l && t[l - 1] == ' ') l--;
	if (n->zh) {
		const char *b, *v;
		size_t u;
		if (!nov_zh_tag(n, t, 0, &b, &v, &u)) return strlen(t);
		const char *vc = v;
		while (vc > b && !(vc - b >= 3 && nov_starts(vc - 3, "，"))) { vc--; while (vc > b && ((unsigned char)*vc & 0xC0) == 0x80) vc--; }
		return (size_t)(vc - t);
	}
	if (!l || (t[l - 1] != ':' && t[l - 1] != ',')) return strlen(t);
	const char *s0 = sentence_start_en(n, t, t + l - 1);
	struct words w;
	words_of_clause(n, s0, (size_t)(t + l - 1 - s0), &w);
	for (size_t i = 0; i < w.n; i++)
		if (nov_said_verb_en(n, w.p[i], w.l[i])) {
			while (s0 < t + l && *s0 == ' ') s0++;
			return (size_t)(s0 - t);
		}
	return strlen(t);
}
