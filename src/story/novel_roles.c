/* story/novel_roles.c — people the text knows by a role or kin noun rather than a name
 * ("the ferryman", "my uncle", "the housekeeper"; 老艄公, 奶奶, 师爷), and surnames the
 * narration uses bare that the quotes give with a title ("Greer" / "Mr. Greer").
 *
 * Pass 1 (after the names): nov_roles_en / nov_roles_zh add such people to n->ch. The
 * speaker rules then ask nov_role_char_en which character a role noun names, and
 * nov_refs asks nov_role_ref_en whether a mention ("the ferryman") is one. Nothing here
 * allocates what the caller frees; characters are n->ch's. */
#define _GNU_SOURCE              /* strcasestr */
#include "story/novel.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- English ---- */
static int word_is(const char *p, size_t l, const char *w)
{
	return strlen(w) == l && !strncasecmp(p, w, l);
}

/* The gender of a role noun that names one person in a story ("ferryman" male, "clerk"
 * any = ""), or NULL: role_nouns_en, then the kin nouns of tag_roles_en. */
const char *nov_role_noun_en(struct nov *n, const char *p, size_t l)
{
	char w[32];
	if (!l || l >= sizeof w) return NULL;
	snprintf(w, sizeof w, "%.*s", (int)l, p);
	for (char *c = w; *c; c++) *c = (char)tolower((unsigned char)*c);
	const json_t *g = json_object_get(json_object_get(n->nd, "role_nouns_en"), w);
	if (g) return json_string_value(g);
	const json_t *kin = json_object_get(n->nd, "kin_nouns_en");
	g = json_object_get(kin, w);
	if (g) return json_string_value(g);
	for (size_t i = 0; i < n->n_tag_role; i++)   /* (novel_tagroles.c: "said the archdeacon") */
		if (!strcmp(n->tag_role[i], w)) return "";
	return NULL;
}

/* The character a role noun names: one titled with it ("the nurse" is Nurse Bell, "the
 * doctor" Dr. Okafor, "my uncle" Uncle Walt: the most mentioned of them), else the one
 * called by the noun itself ("Ferryman"); -1 if none. */
int nov_role_char_en(struct nov *n, const char *noun, size_t nl)
{
	char w[32], t[40];
	if (!nl || nl >= sizeof w) return -1;
	snprintf(w, sizeof w, "%.*s", (int)nl, noun);
	for (char *c = w; *c; c++) *c = (char)tolower((unsigned char)*c);
	const char *title = json_string_value(json_object_get(json_object_get(n->nd, "role_titles_en"), w));
	if (title) {
		snprintf(t, sizeof t, "%s ", title);
		int best = -1;
		for (size_t c = 0; c < n->n_ch; c++)
			if (n->ch[c].merged < 0 && !strncmp(n->ch[c].name, t, strlen(t)) && (best < 0 || n->ch[c].count > n->ch[best].count)) best = (int)c;
		if (best >= 0) return best;
	}
	for (size_t c = 0; c < n->n_ch; c++)
		if (n->ch[c].role_noun && !strcmp(n->ch[c].role_noun, w)) return nov_follow(n, (int)c);
	w[0] = (char)toupper((unsigned char)w[0]);
	return nov_find_ch(n, w);
}

/* "The landlord of the Crown was a man named Tobias Fell": a name at h after "named"
 * (a given name may come between) and a role phrase ("the landlord", "a ranger") earlier
 * in its sentence: that role noun, *nl its length; NULL if none. */
static const char *named_role(struct nov *n, const char *t, const char *h, size_t *nl)
{
	const char *b = h;
	for (int k = 0; k < 2; k++) {   /* back over "Tobias " to "named " */
		if (b - t >= 6 && !strncmp(b - 6, "named ", 6)) break;
		if (b - t < 2 || b[-1] != ' ') return NULL;
		b--;
		while (b > t && isalpha((unsigned char)b[-1])) b--;
		if (!isupper((unsigned char)*b)) return NULL;
	}
	if (b - t < 6 || strncmp(b - 6, "named ", 6)) return NULL;
	const char *e = b - 6, *s = e;
	while (s > t && !strchr(".!?", s[-1])) s--;
	for (const char *p = s; p < e;) {
		size_t wl = nov_word_at(p);
		if (!wl) { p++; continue; }
		if (p + wl < e && p[wl] == ' ' && (word_is(p, wl, "the") || word_is(p, wl, "a") || word_is(p, wl, "an"))) {
			const char *q = p + wl + 1;
			size_t ql = nov_word_at(q);
			if (ql && q + ql <= e && nov_role_noun_en(n, q, ql)) { *nl = ql; return q; }
		}
		p += wl;
	}
	return NULL;
}

static size_t role_phrase_en(struct nov *n, const char *p, const char *e, const char **noun, size_t *nl);

/* The head noun of an apposition's phrase at p, after its "the ": at most three lower-case
 * words closed by a comma, stop or semicolon ("retired dressmaker," "high school teacher,"),
 * its last word into *hd; the head's length, or 0 if the phrase is no such one. */
static size_t apposition_head(const char *p, const char **hd)
{
	for (int k = 0; k < 3; k++) {
		size_t wl = nov_word_at(p);
		if (!wl || !islower((unsigned char)*p)) return 0;
		for (size_t i = 0; i < wl; i++)
			if (!islower((unsigned char)p[i])) return 0;
		if (p[wl] == ',' || p[wl] == '.' || p[wl] == ';') { *hd = p; return wl; }
		if (p[wl] != ' ') return 0;
		p += wl + 1;
	}
	return 0;
}

/* 1 if [p, p+l) is a noun whose first WordNet sense is a person ("dressmaker", "chairman",
 * "curate") that names a station, not one of the plain nouns a newcomer is brought on by
 * ("man", "lady": newcomer_nouns_en) (English) */
static int person_role(struct nov *n, const char *p, size_t l)
{
	char w[24];
	if (l >= sizeof w) return 0;
	snprintf(w, sizeof w, "%.*s", (int)l, p);
	return !json_object_get(json_object_get(n->nd, "newcomer_nouns_en"), w) && nov_person_noun_en(p, l);
}

/* "Mr. Bao, the landlord," / "the landlord, Mr. Bao," / "Mr. Bao the landlord was" /
 * "Daisy was my second cousin": the role noun beside a name, into that character's role_noun.
 * After "Name, the" the noun is the phrase's head, past its adjectives ("Miss Baker, the
 * retired dressmaker,"), and may be any person noun of WordNet ("Ronald Murray, the
 * chairman,"): the narration itself says that one is known so. */
static void appositions(struct nov *n)
{
	for (size_t c = 0; c < n->n_ch; c++) {
		const char *nm = n->ch[c].name;
		size_t l = n->ch[c].len;
		if ((int)c == n->narrator || n->ch[c].role_noun) continue;
		for (size_t pi = 0; pi < n->n_p && !n->ch[c].role_noun; pi++) {
			const char *t = n->p[pi].raw;
			for (const char *h = strstr(t, nm); h && !n->ch[c].role_noun; h = strstr(h + l, nm)) {
				const char *noun = NULL;
				size_t nl = 0;
				int head = 0;   /* (an apposition's head noun: a person noun will do) */
				if (!strncmp(h + l, ", the ", 6)) {
					noun = h + l + 6;
					nl = nov_word_at(noun);
					const char *hd = NULL;
					size_t hl = apposition_head(noun, &hd);
					if (hl && (nov_role_noun_en(n, hd, hl) || person_role(n, hd, hl))) { noun = hd; nl = hl; head = 1; }
				} else if (!strncmp(h + l, " the ", 5) && !strncmp(h + l + 5 + nov_word_at(h + l + 5), " was ", 5)) {
					noun = h + l + 5;   /* "Mr. Utterson the lawyer was a man of ...": no commas */
					nl = nov_word_at(noun);
				} else if (h - t >= 4 && !strncmp(h - 2, ", ", 2)) {   /* "the landlord, Mr. Bao" */
					const char *e = h - 2, *b = e;
					while (b > t && isalpha((unsigned char)b[-1])) b--;
					if (b - t >= 4 && !strncasecmp(b - 4, "the ", 4)) { noun = b; nl = (size_t)(e - b); }
				} else if (n->narrator >= 0 && (!strncmp(h + l, " was my ", 8) || !strncmp(h + l, " is my ", 7))) {
					/* "Daisy was my second cousin once removed": the narrator's "my cousin" is she */
					const char *my = h + l + (h[l + 1] == 'w' ? 5 : 4);
					if (!role_phrase_en(n, my, my + strlen(my), &noun, &nl)) noun = NULL;
				}
				if (!noun) noun = named_role(n, t, h, &nl);
				if (noun && nl && (nov_role_noun_en(n, noun, nl) || head)) {
					n->ch[c].role_noun = xstrndup(noun, nl);
					for (char *q = n->ch[c].role_noun; *q; q++) *q = (char)tolower((unsigned char)*q);
				}
			}
		}
	}
}

/* A role phrase at p (before e): "the ferryman", "my old uncle", "our cook" — a
 * determiner, at most two lower-case words, a role noun. Returns its length and sets
 * *noun, *nl; 0 if none. */
/* 1 if the word [p, p+l) is a parent or grandparent ("father", "grandmother"): one the
 * text may know only so */
static int is_parent(const char *p, size_t l)
{
	return word_is(p, l, "father") || word_is(p, l, "mother") || word_is(p, l, "grandfather") || word_is(p, l, "grandmother");
}

/* 1 if the word [p, p+l) is a role noun of role_titles_en ("captain") whose title opens
 * the name of a cast member ("Captain Hobart") */
static int titled_role(struct nov *n, const char *p, size_t l)
{
	char w[32], t[40];
	if (!l || l >= sizeof w) return 0;
	snprintf(w, sizeof w, "%.*s", (int)l, p);
	for (char *c = w; *c; c++) *c = (char)tolower((unsigned char)*c);
	const char *title = json_string_value(json_object_get(json_object_get(n->nd, "role_titles_en"), w));
	if (!title) return 0;
	snprintf(t, sizeof t, "%s ", title);
	for (size_t c = 0; c < n->n_ch; c++)
		if (n->ch[c].merged < 0 && !strncmp(n->ch[c].name, t, strlen(t))) return 1;
	return 0;
}

/* 1 if [p, p+l) is one of role_nouns_en (an occupation, rank or station: no kin) */
static int is_role_noun(struct nov *n, const char *p, size_t l)
{
	char w[32];
	if (!l || l >= sizeof w) return 0;
	snprintf(w, sizeof w, "%.*s", (int)l, p);
	for (char *c = w; *c; c++) *c = (char)tolower((unsigned char)*c);
	return json_object_get(json_object_get(n->nd, "role_nouns_en"), w) != NULL;
}

static size_t role_phrase_poss_en(struct nov *n, const char *p, const char *e, const char **noun, size_t *nl, int poss);

static size_t role_phrase_en(struct nov *n, const char *p, const char *e, const char **noun, size_t *nl)
{
	return role_phrase_poss_en(n, p, e, noun, nl, 0);
}

/* role_phrase_en, and when poss (a mention, not a new cast member), "the captain's door":
 * the possessive of a role (not of kin: "my father's house") names that one as well */
static size_t role_phrase_poss_en(struct nov *n, const char *p, const char *e, const char **noun, size_t *nl, int poss)
{
	size_t wl = nov_word_at(p);
	/* "his"/"her" only before a kin noun, right after it ("Her father was at the stove") */
	int kin_only = word_is(p, wl, "his") || word_is(p, wl, "her");
	if (!(kin_only || word_is(p, wl, "the") || word_is(p, wl, "my") || word_is(p, wl, "our"))) return 0;
	const char *q = p + wl;
	for (int k = 0; k < (kin_only ? 1 : 3) && q < e && *q == ' '; k++) {
		q++;
		size_t ql = nov_word_at(q);
		if (!ql || q + ql > e || q[ql] == '-') return 0;   /* ("my sister-in-law" is no sister) */
		size_t stem = poss && ql > 3 && q[ql - 2] == '\'' && q[ql - 1] == 's' && is_role_noun(n, q, ql - 2) ? ql - 2 : ql;
		/* "the Captain smiled": a capitalised role noun right after "the" when a title
		 * it stands for is a cast member's ("Captain Hobart": role_titles_en) */
		if (!islower((unsigned char)*q) && !(k == 0 && !kin_only && titled_role(n, q, stem))) return 0;
		if (kin_only && !is_parent(q, ql)) return 0;
		if (nov_role_noun_en(n, q, stem)) { *noun = q; *nl = stem; return (size_t)(q + stem - p); }
		q += ql;
	}
	return 0;
}

/* "his wife" / "her husband's" in narration: Mrs. X for the last man named Mr. X (Mr. X
 * for the last woman), so that "she" then means her; -1 if none (English). */
static int spouse_ref(struct nov *n, const char *p, const char *e, size_t *adv)
{
	size_t wl = nov_word_at(p);
	int his = word_is(p, wl, "his"), her = word_is(p, wl, "her");
	if (!(his || her) || p + wl >= e || p[wl] != ' ') return -1;
	const char *q = p + wl + 1;
	size_t ql = nov_word_at(q);
	if (ql > 2 && q[ql - 2] == '\'' && q[ql - 1] == 's') ql -= 2;   /* "his wife's views" */
	if (!ql || q + ql > e || !word_is(q, ql, his ? "wife" : "husband")) return -1;
	int owner = nov_follow(n, his ? n->last_m : n->last_f);
	if (owner < 0) return -1;
	const char *sp = strrchr(n->ch[owner].name, ' ');
	if (!sp) return -1;
	char nm[80];
	snprintf(nm, sizeof nm, "%s%s", his ? "Mrs. " : "Mr. ", sp + 1);
	int w = nov_find_ch(n, nm);
	if (w < 0 || w == owner) return -1;
	*adv = (size_t)(q + ql - p);
	return w;
}

/* A mention of a role character at p ("the ferryman" for Ferryman, "the nurse" for
 * Nurse Bell): the character, *adv its length; -1 if none. */
int nov_role_ref_en(struct nov *n, const char *p, const char *e, size_t *adv)
{
	int sp = spouse_ref(n, p, e, adv);
	if (sp >= 0) return sp;
	const char *noun;
	size_t nl, l = role_phrase_poss_en(n, p, e, &noun, &nl, 1);
	if (!l) return -1;
	/* "my uncle" only in a first-person text */
	if (!strncasecmp(p, "my", 2) && n->narrator < 0) return -1;
	int c = nov_role_char_en(n, noun, nl);
	if (c < 0) return -1;
	*adv = l;
	return nov_follow(n, c);
}

/* Titled names the quotes give to a surname the narration writes bare ("Sit down, Mr.
 * Greer." / "Greer was sitting on the bench"): the narration alone never shows "Greer"
 * anywhere but at a sentence's start. */
static void titled_in_quotes(struct nov *n)
{
	const json_t *titles = json_object_get(n->nd, "titles_en");
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			if (!n->p[pi].v[si].quote) continue;
			const char *t = n->p[pi].v[si].text;
			size_t i;
			json_t *x;
			json_array_foreach(titles, i, x) {
				const char *tw = json_string_value(x);
				size_t tl = strlen(tw);
				if (tw[tl - 1] != '.') continue;   /* Mr., Mrs., Dr.: never a common word */
				for (const char *h = strstr(t, tw); h; h = strstr(h + tl, tw)) {
					if (h > t && isalpha((unsigned char)h[-1])) continue;
					const char *s = h + tl;
					while (*s == ' ') s++;
					size_t sl = nov_word_at(s);
					if (sl > 2 && s[sl - 2] == '\'' && s[sl - 1] == 's') sl -= 2;   /* "Mr. Peppercorn's opinions": the owner is Mr. Peppercorn */
					if (sl < 2 || sl > 30 || !isupper((unsigned char)*s)) continue;
					char nm[64], sur[32];
					snprintf(sur, sizeof sur, "%.*s", (int)sl, s);
					snprintf(nm, sizeof nm, "%s %s", tw, sur);
					int known = 0;
					for (size_t c = 0; c < n->n_ch && !known; c++) {
						const char *sp = strrchr(n->ch[c].name, ' ');
						known = !strcmp(n->ch[c].name, sur) || (sp && !strcmp(sp + 1, sur));
					}
					if (known) continue;
					/* the bare surname in the narration, followed by a lower-case word */
					int bare = 0;
					for (size_t pj = 0; pj < n->n_p && !bare; pj++)
						for (size_t sj = 0; sj < n->p[pj].n && !bare; sj++) {
							const char *u = n->p[pj].v[sj].text;
							if (n->p[pj].v[sj].quote) continue;
							for (const char *b = strstr(u, sur); b && !bare; b = strstr(b + sl, sur))
								bare = (b == u || !isalpha((unsigned char)b[-1])) && b[sl] == ' ' && islower((unsigned char)b[sl + 1]);
						}
					if (bare) nov_add_ch(n, nm);
				}
			}
		}
}

/* The gender a sentence gives the bare surname at h: the he/him/his or she/her words
 * after it in the sentence (gender_words_en); NULL if none or both. */
static const char *bare_gender(struct nov *n, const char *h)
{
	const json_t *gw = json_object_get(n->nd, "gender_words_en");
	int m = 0, f = 0;
	for (const char *p = h; *p && !strchr(".!?", *p);) {
		size_t wl = nov_word_at(p);
		if (!wl) { p++; continue; }
		char w[16];
		if (wl < sizeof w) {
			snprintf(w, sizeof w, "%.*s", (int)wl, p);
			for (char *c = w; *c; c++) *c = (char)tolower((unsigned char)*c);
			const char *g = json_string_value(json_object_get(gw, w));
			if (g) { m += !strcmp(g, "male"); f += !strcmp(g, "female"); }
		}
		p += wl;
	}
	return m && !f ? "male" : f && !m ? "female" : NULL;
}

/* A surname a couple shares ("Mrs. Fell" / "said Fell"): when the only one bearing the
 * surname is a woman by title (female_titles_en) and the narration writes the surname
 * bare, not after a title, in sentences that make it a man's ("Fell half rose from his
 * chair") and never a woman's, the bare surname is her husband: the character "Fell". */
static void couple_surname(struct nov *n)
{
	const json_t *ft = json_object_get(n->nd, "female_titles_en");
	size_t n0 = n->n_ch;
	for (size_t c = 0; c < n0; c++) {
		if (!n->ch[c].last || n->ch[c].merged >= 0) continue;
		const char *nm = n->ch[c].name, *sur = nm + n->ch[c].last;
		size_t i, sl = strlen(sur);
		json_t *x;
		int woman = 0;
		json_array_foreach(ft, i, x) {
			size_t tl = strlen(json_string_value(x));
			woman |= n->ch[c].last == tl + 1 && !strncmp(nm, json_string_value(x), tl);
		}
		if (!woman || nov_find_ch(n, sur) >= 0) continue;
		int other = 0;   /* "Tobias Fell" or "Mr. Fell" already there */
		for (size_t d = 0; d < n->n_ch; d++)
			other |= d != c && n->ch[d].last && !strcmp(n->ch[d].name + n->ch[d].last, sur);
		if (other) continue;
		int male = 0, female = 0;
		for (size_t pi = 0; pi < n->n_p; pi++)
			for (size_t si = 0; si < n->p[pi].n; si++) {
				if (n->p[pi].v[si].quote) continue;
				const char *t = n->p[pi].v[si].text;
				for (const char *h = strstr(t, sur); h; h = strstr(h + sl, sur)) {
					if ((h > t && isalpha((unsigned char)h[-1])) || isalpha((unsigned char)h[sl])) continue;
					/* the word before: not a title ("Mrs."), not a given name ("Tobias") */
					const char *b = h, *be;
					while (b > t && b[-1] == ' ') b--;
					be = b > t && b[-1] == '.' ? b - 1 : b;
					const char *bw = be;
					while (bw > t && isalpha((unsigned char)bw[-1])) bw--;
					if (bw < be && isupper((unsigned char)*bw) && (be == b || be - bw <= 3)) continue;
					const char *g = bare_gender(n, h + sl);
					male += g && !strcmp(g, "male");
					female += g && !strcmp(g, "female");
				}
			}
		if (male && !female) {
			int d = nov_add_ch(n, sur);
			n->ch[d].gender = "male";
		}
	}
}

/* Pass 1: a role phrase that the narration brings in before any tag uses it ("The
 * ferryman was asleep in his boat") and that is then a speech tag's subject ("said the
 * ferryman", "my uncle said"), opens another sentence ("The ferryman sat up"), or is
 * written three times (a narrator's "my grandfather" twice) names a person, unless a
 * titled character bears it (Uncle Walt, Nurse Bell): the character "Ferryman". A role
 * first met in a tag ("returned the keeper") is left to turn-taking. */
/* 1 if a parent noun w ("Father") may be a named character of the text: there is a
 * "Mr." for a father, a "Mrs." for a mother, or two characters share a family name */
static int titled_kin(struct nov *n, const char *w)
{
	const char *t = !strcmp(w, "Father") ? "Mr" : !strcmp(w, "Mother") ? "Mrs" : NULL;
	for (size_t c = 0; t && c < n->n_ch; c++) {
		const char *nm = n->ch[c].name, *sp = strrchr(nm, ' ');
		size_t tl = strlen(t);
		if (!strncmp(nm, t, tl) && (nm[tl] == '.' || nm[tl] == ' ')) return 1;
		for (size_t d = c + 1; sp && d < n->n_ch; d++) {
			const char *sp2 = strrchr(n->ch[d].name, ' ');
			if (sp2 && !strcmp(sp, sp2)) return 1;
		}
	}
	/* the narration writes two characters' one-word names with the same family name after
	 * them ("Nora Quill", "Abel Quill") */
	struct { char fam[32]; size_t who; } seen[16];
	size_t ns = 0, read = 0;
	for (size_t pi = 0; t && pi < n->n_p && read < 200000; pi++)   /* (the first 200 KB of narration: a long text names its families early) */
		for (size_t si = 0; si < n->p[pi].n; si++) {
			if (n->p[pi].v[si].quote) continue;
			const char *x = n->p[pi].v[si].text;
			read += strlen(x);
			for (size_t c = 0; c < n->n_ch; c++) {
				const char *nm = n->ch[c].name;
				size_t l = strlen(nm);
				if (strchr(nm, ' ') || l < 2) continue;
				for (const char *h = strstr(x, nm); h; h = strstr(h + l, nm)) {
					size_t fl = h[l] == ' ' && isupper((unsigned char)h[l + 1]) ? nov_word_at(h + l + 1) : 0;
					if ((h > x && isalpha((unsigned char)h[-1])) || fl < 2 || fl >= sizeof seen[0].fam) continue;
					size_t k;
					for (k = 0; k < ns && !(strlen(seen[k].fam) == fl && !strncmp(seen[k].fam, h + l + 1, fl)); k++) {}
					if (k < ns && seen[k].who != c) return 1;
					if (k == ns && ns < sizeof seen / sizeof *seen) { snprintf(seen[ns].fam, sizeof seen[ns].fam, "%.*s", (int)fl, h + l + 1); seen[ns++].who = c; }
				}
			}
		}
	return 0;
}

void nov_roles_en(struct nov *n)
{
	titled_in_quotes(n);
	couple_surname(n);
	appositions(n);
	struct { char w[32]; int tag, opens, tag_first, all, my, poss; } cand[32];
	size_t nc = 0;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			const struct para *pa = &n->p[pi];
			if (pa->v[si].quote) continue;
			const char *t = pa->v[si].text, *e = t + strlen(t);
			for (const char *p = t; *p;) {
				size_t wl = nov_word_at(p);
				if (!wl || (p > t && isalpha((unsigned char)p[-1]))) { p++; continue; }
				const char *noun;
				size_t nl, l = role_phrase_en(n, p, e, &noun, &nl);
				if (!l || (!strncasecmp(p, "my", 2) && n->narrator < 0)) { p += wl; continue; }
				/* the word before and after */
				const char *b = p;
				while (b > t && b[-1] == ' ') b--;
				const char *bw = b;
				while (bw > t && isalpha((unsigned char)bw[-1])) bw--;
				const char *a = p + l;
				while (*a == ' ') a++;
				size_t al = nov_word_at(a);
				int tag = (b > bw && nov_said_verb_en(n, bw, (size_t)(b - bw))) || (al && nov_said_verb_en(n, a, al));
				/* a tag right after a quote, or one leading into it */
				tag = tag && ((si > 0 && pa->v[si - 1].quote) || (si + 1 < pa->n && pa->v[si + 1].quote));
				int opens = (b == t || strchr(".!?;", b[-1])) && al && islower((unsigned char)*a);
				char w[32];
				snprintf(w, sizeof w, "%.*s", (int)nl, noun);
				w[0] = (char)toupper((unsigned char)w[0]);
				size_t k;
				for (k = 0; k < nc && strcmp(cand[k].w, w); k++) {}
				if (k == nc && nc < sizeof cand / sizeof *cand) {
					snprintf(cand[nc].w, sizeof cand[nc].w, "%s", w);
					cand[nc].tag = cand[nc].opens = cand[nc].all = cand[nc].my = cand[nc].poss = 0;
					cand[nc++].tag_first = tag;
				}
				if (k < nc) { cand[k].tag += tag; cand[k].opens += opens; cand[k].all++; cand[k].my |= !strncasecmp(p, "my", 2); cand[k].poss += tolower((unsigned char)*p) == 'h'; }
				p += l;
			}
		}
	for (size_t k = 0; k < nc; k++) {
		/* a role first met in a tag ("returned the keeper") is a known person's: turn-taking says whose */
		if (cand[k].tag_first || (!cand[k].tag && cand[k].opens < 2 && cand[k].all < (cand[k].poss == cand[k].all ? 1 : cand[k].my ? 2 : 3))) continue;
		if (nov_role_char_en(n, cand[k].w, strlen(cand[k].w)) >= 0) continue;
		/* "her father" is Mr. Bennet when the text has a Mr., or Abel Quill when a family
		 * name is shared (relation() and the names find him) */
		if (cand[k].poss && titled_kin(n, cand[k].w)) continue;
		int c = nov_add_ch(n, cand[k].w);
		const char *g = nov_role_noun_en(n, cand[k].w, strlen(cand[k].w));
		if (g && *g && !n->ch[c].gender) n->ch[c].gender = g;
	}
}

/* 1 if p follows "was " whose subject is a thing or a role, not a person ("The first
 * customer of the morning was an old man", "there was a man at the counter", not "He was
 * a man of few words", "Her father was a man who"): the word before "was" is lower case,
 * not a pronoun, not a kin or tag role noun. English only. */
int nov_intro_predicate_en(struct nov *n, const char *t, const char *p)
{
	if (p - t < 6 || strncmp(p - 4, "was ", 4) || p[-5] != ' ') return 0;
	const char *e = p - 5, *b = e;
	while (b > t && isalpha((unsigned char)b[-1])) b--;
	if (b == e || !islower((unsigned char)*b)) return 0;
	char w[32];
	if ((size_t)(e - b) >= sizeof w) return 0;
	snprintf(w, sizeof w, "%.*s", (int)(e - b), b);
	static const char *const prons[] = { "he", "she", "it", "they", "who", "that", "this", "which", "what" };
	for (size_t i = 0; i < ARRAY_LEN(prons); i++)
		if (!strcmp(w, prons[i])) return 0;
	return !json_object_get(json_object_get(n->nd, "tag_roles_en"), w) && !nov_role_noun_en(n, b, (size_t)(e - b));
}

/* 1 if a name ending at a is followed, after at most one more capitalised word (a
 * surname), by a relative or an apposition: ", who " / ", whose " / ", the " ("Rafe Cole,
 * who was being paid", "Bucky, the sound man, lifted"). */
int nov_appositive_en(const char *a)
{
	if (*a == ' ' && isupper((unsigned char)a[1])) {
		size_t l = nov_word_at(a + 1);
		a += 1 + l;
	}
	return !strncmp(a, ", who ", 6) || !strncmp(a, ", whose ", 8) || !strncmp(a, ", the ", 6);
}

/* ---- Chinese ---- */
/* The role noun at p (the longest of role_nouns_zh and zh_kin_names), its length or 0;
 * *g its gender ("" any). */
size_t nov_zh_role_noun(struct nov *n, const char *p, const char **g)
{
	static const char *const gk[] = { "male", "female", "any" };
	const json_t *rn = json_object_get(n->nd, "role_nouns_zh");
	size_t best = 0;
	for (int k = 0; k < 3; k++) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(rn, gk[k]), i, x) {
			size_t l = strlen(json_string_value(x));
			if (l > best && !strncmp(p, json_string_value(x), l)) { best = l; *g = k == 2 ? "" : gk[k]; }
		}
	}
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(n->nd, "zh_kin_names"), i, x) {
		size_t l = strlen(json_string_value(x));
		if (l > best && !strncmp(p, json_string_value(x), l)) { best = l; *g = imp_gender(json_string_value(x)); if (!*g) *g = ""; }
	}
	return best;
}

/* A role phrase at p: 老/小 and a role noun, or two role nouns (掌柜娘子); its length or 0. */
static size_t zh_role_phrase(struct nov *n, const char *p, const char **g)
{
	size_t pre = (nov_starts(p, "老") || nov_starts(p, "小")) ? 3 : 0;
	size_t l = nov_zh_role_noun(n, p + pre, g);
	if (!l && pre) { pre = 0; l = nov_zh_role_noun(n, p, g); }
	if (!l) return 0;
	const char *g2;
	size_t l2 = nov_zh_role_noun(n, p + pre + l, &g2);
	if (l2) { l += l2; if (*g2) *g = g2; }
	return pre + l;
}

/* 1 if the l bytes at s are a function word that some surnames share (a character of
 * zh_name_stop: 和 向 同 与 对 ...) and then, to their end, a role noun, kin name or title
 * (nov_zh_role_noun, nov_zh_title_len): "焦员外和妈妈叫" (the squire and his wife), "向和尚
 * 说定" (settled it with the monk), "向娘子讨了" (asked his wife for): the preposition or
 * conjunction before that person, no name of a 和 or 向. */
int nov_zh_function_and_role(struct nov *n, const char *s, size_t l)
{
	if (l < 9 || !nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_name_stop")), s)) return 0;
	char *rest = xstrndup(s + 3, l - 3);
	const char *g;
	int role = nov_zh_role_noun(n, rest, &g) == l - 3 || nov_zh_title_len(n, rest) == l - 3;
	free(rest);
	return role;
}

int nov_zh_opens(const char *t, const char *p)
{
	return p == t || (p - t >= 3 && (nov_starts(p - 3, "。") || nov_starts(p - 3, "！") || nov_starts(p - 3, "？") || nov_starts(p - 3, "；") ||
	                                 nov_starts(p - 3, "，") || nov_starts(p - 3, "：") || nov_starts(p - 3, "”")));
}

/* Pass 1 (Chinese): a surname and a role noun (王知县, 孙老汉, 钱师爷) is a name; a role
 * phrase (老艄公, 小二, 表姐, 掌柜娘子) that opens (or 那/这 and it opens) two clauses of the narration, or one
 * clause with a said-verb, is a person; a bare role that ends a longer name (知县 of 王知县,
 * 小二 of 店小二) is that person. */
void nov_roles_zh(struct nov *n)
{
	const char *sn = json_string_value(json_object_get(n->nd, "zh_surnames"));
	struct { char w[32]; int opens; const char *g; } cand[64];
	size_t nc = 0;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			if (n->p[pi].v[si].quote) continue;
			const char *t = n->p[pi].v[si].text;
			for (const char *p = t; *p; p += nov_cp_len(p)) {
				const char *g = "";
				size_t l = zh_role_phrase(n, p, &g);
				if (!l) continue;
				/* 王知县: a surname right before, opening a clause or after 个/位/叫/名 */
				if (p - t >= 3 && sn && nov_cp_len(p - 3) == 3 && strncmp(p - 3, "老", 3) != 0) {
					char c[4] = { p[-3], p[-2], p[-1], 0 };
					if (strstr(sn, c) && (nov_zh_opens(t, p - 3) || (p - t >= 6 && strstr("个位叫名", (char[4]){ p[-6], p[-5], p[-4], 0 }))) && l <= 9) {
						char *nm = xstrndup(p - 3, l + 3);
						int w = nov_find_ch(n, nm) >= 0 || nov_zh_function_and_role(n, nm, l + 3) ? -1 : nov_add_ch(n, nm);
						if (w >= 0 && *g && !n->ch[w].gender) n->ch[w].gender = g;
						free(nm);
					}
				}
				/* (or after 那/这 opening it: "那短工简捷的说") */
				int that = p - t >= 3 && (nov_starts(p - 3, "那") || nov_starts(p - 3, "这")) && nov_zh_opens(t, p - 3);
				if ((!nov_zh_opens(t, p) && !that) || l >= sizeof cand[0].w) continue;
				/* a clause with a said-verb ("老艄公磕了磕烟锅，说") counts as two openings */
				const char *e = p + l;
				while (*e && !nov_starts(e, "，") && !nov_starts(e, "。") && !nov_starts(e, "：") && !nov_starts(e, "！") && !nov_starts(e, "？")) e += nov_cp_len(e);
				size_t vl;
				int tag = nov_said_zh(n, p + l, e, &vl) != NULL;
				size_t k;
				for (k = 0; k < nc && (strlen(cand[k].w) != l || strncmp(cand[k].w, p, l)); k++) {}
				if (k == nc) {
					if (nc == sizeof cand / sizeof *cand) continue;
					snprintf(cand[nc].w, sizeof cand[nc].w, "%.*s", (int)l, p);
					cand[nc].opens = 0;
					cand[nc++].g = g;
				}
				cand[k].opens += tag ? 2 : 1;
				p += l - nov_cp_len(p);
			}
		}
	for (size_t k = 0; k < nc; k++) {
		if (cand[k].opens < 2 || nov_in_list(json_object_get(n->nd, "zh_not_names"), cand[k].w)) continue;
		/* (one a tag's body made already, "那姥姥就拉着她说", takes the kin word's gender too) */
		int w = nov_find_ch(n, cand[k].w);
		if (w < 0) w = nov_add_ch(n, cand[k].w);
		if (*cand[k].g && !n->ch[w].gender) n->ch[w].gender = cand[k].g;
	}
	/* 知县 -> 王知县, 小二 -> 店小二, 老汉 -> 孙老汉: the longest name that ends with it */
	for (size_t a = 0; a < n->n_ch; a++) {
		const char *g;
		struct nch *x = &n->ch[a];
		if (x->merged >= 0 || (int)a == n->narrator || zh_role_phrase(n, x->name, &g) != x->len) continue;
		int best = -1;
		for (size_t b = 0; b < n->n_ch; b++) {
			struct nch *y = &n->ch[b];
			if (b == a || y->merged >= 0 || y->len <= x->len || strcmp(y->name + y->len - x->len, x->name)) continue;
			if (best < 0 || y->len > n->ch[best].len) best = (int)b;
		}
		if (best >= 0 && !nov_zh_two_people(n, x->name, x->len, best)) {
			x->merged = best;
			if (!n->ch[best].gender) n->ch[best].gender = x->gender;
		}
	}
}

/* ---- names given in the narration ---- */
/* "村里人都叫他水娃", "his mother called him Sammy", "known as Red": the name after a
 * naming phrase (naming_zh / naming_en) becomes an alias of the last person named before
 * it in the paragraph (for tags and words of address). */
void nov_naming(struct nov *n)
{
	const json_t *ph = json_object_get(n->nd, n->zh ? "naming_zh" : "naming_en");
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const char *t = n->p[pi].raw;
		size_t i;
		json_t *x;
		json_array_foreach(ph, i, x) {
			const char *w = json_string_value(x);
			size_t wl = strlen(w);
			for (const char *h = strstr(t, w); h; h = strstr(h + wl, w)) {
				if (!n->zh && h > t && isalpha((unsigned char)h[-1])) continue;
				/* (the longest phrase there: "小名叫小满" is 小名叫, not 小名 and "叫小满") */
				int longer = 0;
				size_t j;
				json_t *y;
				json_array_foreach(ph, j, y) longer |= strlen(json_string_value(y)) > wl && !strncmp(h, json_string_value(y), strlen(json_string_value(y)));
				if (longer) continue;
				const char *a = h + wl, *e = a;
				if (n->zh) {
					for (int k = 0; k < 3 && nov_is_han_at(e) && !nov_starts(e, "的"); k++) e += nov_cp_len(e);
					if (utf8_len(a) < 2 || e - a < 6) continue;
				} else {
					while (*a == ' ') a++;
					e = a + nov_word_at(a);
					if (e - a < 2 || !isupper((unsigned char)*a)) continue;
					/* "known as Mrs. Ned Hale": a title alone is no one's other name */
					size_t td;
					if (nov_is_title_word(n, a, (size_t)(e - a), &td)) continue;
				}
				/* the last person named before it in the paragraph */
				int who = -1;
				const char *at = NULL;
				/* (叫他/叫她: not the narrator, "我一向叫他国哥") */
				int third = n->zh && (strstr(w, "他") || strstr(w, "她"));
				/* ("他的小名叫土儿", "她乳名": his or her name, never the first-person narrator's) */
				third |= n->zh && ((h - t >= 6 && nov_zh_pron(n, h - 6) && nov_starts(h - 3, "的")) || (h - t >= 3 && nov_zh_pron(n, h - 3)));
				if (n->zh && nov_is_han_at(e) && !nov_starts(e, "的")) continue;   /* "叫他过来" names no one */
				for (size_t c = 0; c < n->n_ch; c++) {
					if (third && ((int)c == n->narrator || n->ch[c].placeholder)) continue;
					/* (叫她 is no man's other name; "卫老婆子叫她祥林嫂": the one who calls is not the one called) */
					if (third && ((strstr(w, "她") && str_eq(n->ch[c].gender, "male")) ||
					              (h - t >= (ptrdiff_t)n->ch[c].len && !memcmp(h - n->ch[c].len, n->ch[c].name, n->ch[c].len))))
						continue;
					for (const char *m = strstr(t, n->ch[c].name); m && m < h; m = strstr(m + 1, n->ch[c].name))
						if (!at || m > at) { at = m; who = nov_follow(n, (int)c); }
				}
				if (n->zh && who >= 0 && nov_zh_kin_between(n, at, h)) continue;   /* "只有其子，小名狗儿": his son's name */
				char *al = xstrndup(a, (size_t)(e - a));
				int same = nov_find_ch(n, al);
				/* (not a name the text shows as another person: "Jory and Red carried the bucket") */
				if (who >= 0 && !n->zh && nov_apart_names_en(n, n->ch[who].name, al)) { free(al); continue; }
				if (who >= 0 && same >= 0 && same != who && same != n->narrator && !(n->zh && nov_zh_two_people(n, n->ch[same].name, n->ch[same].len, who))) {   /* a tag made it a character: the same one */
					n->ch[same].merged = who;
					if (!n->ch[who].gender) n->ch[who].gender = n->ch[same].gender;
				}
				if (who >= 0 && same < 0 && !(n->zh && nov_zh_two_people(n, al, strlen(al), who))) {
					xgrow((void **)&n->alias, &n->cap_alias, n->n_alias, sizeof *n->alias);
					n->alias[n->n_alias].a = al;
					n->alias[n->n_alias++].who = who;
				} else free(al);
			}
		}
	}
}

/* ---- a role noun that stands for a named person (English) ---- */
/* The position of the last mention of character c in [t, e) (its name, or its last word
 * for a titled one, as a whole word), or NULL. */
static const char *last_mention(const struct nch *c, const char *t, const char *e)
{
	const char *found = NULL;
	const char *w[2] = { c->name, c->last ? c->name + c->last : NULL };
	for (int k = 0; k < 2; k++) {
		if (!w[k]) continue;
		size_t l = strlen(w[k]);
		for (const char *h = strstr(t, w[k]); h && h + l <= e; h = strstr(h + 1, w[k]))
			if ((h == t || !isalpha((unsigned char)h[-1])) && !isalpha((unsigned char)h[l]) && (!found || h > found)) found = h;
	}
	return found;
}

/* The position of the last mention of c in [t, e) that opens a sentence or a clause
 * after a quote ("Valentin looked", "\"Thanks,\" replied Valentin" is a tag: also), or NULL. */
static const char *last_subject(const struct nch *c, const char *t, const char *e)
{
	const char *found = NULL;
	size_t l = c->len;
	for (const char *h = strstr(t, c->name); h && h + l <= e; h = strstr(h + 1, c->name)) {
		if ((h > t && isalpha((unsigned char)h[-1])) || isalpha((unsigned char)h[l])) continue;
		const char *b = h;
		while (b > t && b[-1] == ' ') b--;
		const char *bw = b;
		while (bw > t && isalpha((unsigned char)bw[-1])) bw--;
		int opens = b == t || strchr(".!?\"", b[-1]) || !strncmp(b - (b - t >= 3 ? 3 : 0), "\u201d", 3) || !strncmp(b - (b - t >= 3 ? 3 : 0), "\u201c", 3);
		int tag = bw < b && (b - bw == 4 && (!strncmp(bw, "said", 4))) ;
		if (opens || tag) found = h;
	}
	return found;
}

/* "Valentin ... The detective was on his feet": a person the narration calls by a role
 * noun ("the detective", "the cook") right after naming someone is that someone when the
 * text does so again and again: in at least three paragraphs the last person named before
 * "the detective" is Valentin, in at least two thirds of those where anyone was named
 * before it, no sentence names both, the genders agree, and nothing makes them two
 * (nov_apart_names_en). Then the role character ("Detective") joins the named one. */
void nov_role_heads_en(struct nov *n)
{
	if (n->zh) return;
	int *votes = xcalloc(n->n_ch + 1, sizeof *votes), *both = xcalloc(n->n_ch + 1, sizeof *both);
	for (size_t r = 0; r < n->n_ch; r++) {
		struct nch *rc = &n->ch[r];
		if (rc->merged >= 0 || rc->last || rc->placeholder || (int)r == n->narrator || rc->len >= 30) continue;
		const char *g = nov_role_noun_en(n, rc->name, rc->len);
		if (!g) continue;
		char noun[40];
		snprintf(noun, sizeof noun, "the %s", rc->name);
		for (char *q = noun; *q; q++) *q = (char)tolower((unsigned char)*q);
		size_t nl = strlen(noun);
		memset(votes, 0, (n->n_ch + 1) * sizeof *votes);
		memset(both, 0, (n->n_ch + 1) * sizeof *both);
		int named = 0;
		for (size_t pi = 0; pi < n->n_p; pi++) {
			const char *t = n->p[pi].raw;
			int voted = 0;
			for (const char *h = t; (h = strcasestr(h, noun)); h += nl) {
				if ((h > t && isalpha((unsigned char)h[-1])) || isalpha((unsigned char)h[nl])) continue;
				const char *s = h, *e = h + nl;   /* its sentence */
				while (s > t && !strchr(".!?", s[-1])) s--;
				while (*e && !strchr(".!?", *e)) e++;
				int best = -1;
				for (size_t c = 0; c < n->n_ch; c++) {
					const struct nch *x = &n->ch[c];
					if (c == r || x->merged >= 0 || x->placeholder || (int)c == n->narrator || (!x->last && nov_role_noun_en(n, x->name, x->len))) continue;
					if (last_mention(x, s, e)) both[c]++;
				}
				/* the last sentence subject named before it: this paragraph, then up to three before */
				for (size_t pj = pi + 1; pj-- > 0 && pj + 4 > pi && best < 0;) {
					const char *u = n->p[pj].raw, *ue = pj == pi ? h : u + strlen(u);
					const char *bp = NULL;
					for (size_t c = 0; c < n->n_ch; c++) {
						const struct nch *x = &n->ch[c];
						if (c == r || x->merged >= 0 || x->placeholder || (int)c == n->narrator || (!x->last && nov_role_noun_en(n, x->name, x->len))) continue;
						const char *m = last_subject(x, u, ue);
						if (m && (!bp || m > bp)) { bp = m; best = (int)c; }
					}
				}
				if (best >= 0 && !voted) { votes[best]++; named++; voted = 1; }
			}
		}
		int best = -1;
		for (size_t c = 0; c < n->n_ch; c++)
			if (votes[c] && (best < 0 || votes[c] > votes[best])) best = (int)c;
		if (best < 0 || votes[best] < 3 || 3 * votes[best] < 2 * named || both[best]) continue;
		if (*g && n->ch[best].gender && strcmp(g, n->ch[best].gender)) continue;
		if (nov_apart_names_en(n, n->ch[best].name, noun) || nov_apart_en(n, best, (int)r)) continue;
		rc->merged = best;
		if (!n->ch[best].gender) n->ch[best].gender = *g ? g : rc->gender;
	}
	free(votes);
	free(both);
}

/* 1 if some paragraph writes w in lower case (so it is no name) */
static int seen_lower_paras(struct nov *n, const char *w)
{
	for (size_t pi = 0; pi < n->n_p; pi++)
		if (nov_seen_lower(n->p[pi].raw, w)) return 1;
	return 0;
}

/* The name a quotation calls out to (its vocative): the whole quotation ("Jim!"), or a
 * capitalised word after its last comma at its end ("..., Bob?"), or before its first
 * comma at its start ("Bob, you..."); into out. 0 if none. */
static int vocative(struct nov *n, const char *q, char *out, size_t outn)
{
	size_t ql = strlen(q);
	while (ql && strchr("!?.,\u2014- ", q[ql - 1])) ql--;
	const char *w = NULL;
	size_t wl = nov_word_at(q);
	if (wl && wl == ql) w = q;   /* "Jim!" */
	else if (wl && q[wl] == ',') w = q;   /* "Bob, you ..." */
	else {
		const char *b = q + ql;
		while (b > q && isalpha((unsigned char)b[-1])) b--;
		if (b - q >= 2 && b[-1] == ' ' && b[-2] == ',') { w = b; wl = (size_t)(q + ql - b); }
	}
	if (!w || wl < 2 || wl >= outn || !isupper((unsigned char)*w) || !islower((unsigned char)w[1])) return 0;
	snprintf(out, outn, "%.*s", (int)wl, w);
	size_t td;
	if (nov_is_title_word(n, w, wl, &td) || nov_role_noun_en(n, w, wl) || seen_lower_paras(n, out)) return 0;
	return 1;
}

/* "At last he spoke to the tall soldier. \"Jim!\"", "saying ... to his cousin the butcher--
 * \"... you druv in yesterday, Bob?\"": a quotation right after narration whose last sentence
 * speaks to a role character ("to the butcher") and that calls out a name is addressed to him,
 * so the role character is that name (a named character of the cast, or a new one). */
void nov_role_vocatives_en(struct nov *n)
{
	if (n->zh) return;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			const struct para *pa = &n->p[pi];
			if (pa->v[si].quote) continue;
			const char *q = NULL;
			if (si + 1 < pa->n && pa->v[si + 1].quote) q = pa->v[si + 1].text;
			else if (si + 1 == pa->n && pi + 1 < n->n_p && n->p[pi + 1].n && n->p[pi + 1].v[0].quote) q = n->p[pi + 1].v[0].text;
			if (!q) continue;
			const char *t = pa->v[si].text, *e = t + strlen(t);
			while (e > t && strchr(" -\u2014:", e[-1])) e--;
			if (e > t && strchr(".!?", e[-1])) e--;
			const char *s = e;   /* its last sentence */
			while (s > t && !strchr(".!?", s[-1])) s--;
			const char *to = NULL;
			for (const char *h = strstr(s, " to "); h && h < e; h = strstr(h + 1, " to ")) to = h;
			if (!to) continue;
			const char *p = to + 4;   /* "the tall soldier", "his cousin the butcher" */
			for (int k = 0; k < 3 && p < e && strncasecmp(p, "the ", 4); k++) {
				size_t wl = nov_word_at(p);
				if (!wl || !islower((unsigned char)*p)) break;
				p += wl;
				while (*p == ' ') p++;
			}
			const char *noun;
			size_t nl, l = role_phrase_en(n, p, e, &noun, &nl);
			if (!l || p + l != e) continue;   /* (the sentence ends with the role phrase) */
			int r = nov_role_char_en(n, noun, nl);
			char nm[32];
			if (r < 0 || n->ch[r].last || !vocative(n, q, nm, sizeof nm)) continue;
			int c = nov_find_ch(n, nm);
			if (c == r) continue;
			if (c < 0) {
				for (size_t d = 0; d < n->n_ch && c < 0; d++)   /* "Jim" of "Jim Conklin" */
					if (n->ch[d].merged < 0 && n->ch[d].last && !strncmp(n->ch[d].name, nm, strlen(nm)) && n->ch[d].name[strlen(nm)] == ' ') c = (int)d;
			}
			if (c >= 0 && (c == n->narrator || n->ch[c].placeholder || nov_apart_en(n, c, r))) continue;
			if (c >= 0 && n->ch[r].gender && n->ch[c].gender && strcmp(n->ch[r].gender, n->ch[c].gender)) continue;
			if (c < 0) c = nov_add_ch(n, nm);
			struct nch *rc = &n->ch[r];   /* (nov_add_ch may move n->ch) */
			rc->merged = c;
			if (!n->ch[c].gender) n->ch[c].gender = rc->gender;
		}
}
