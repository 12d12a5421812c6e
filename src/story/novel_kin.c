/* story/novel_kin.c — who is whose kin ("His daughter Ellen kept his books"), so that a tag
 * that names a speaker by kin ("said her father", "returned his daughter") finds the named
 * person it means (English).
 *
 * A reader ties "her father" to a name by what the text said earlier: an apposition in the
 * narration ("His daughter Ellen", "her brother Jos", "his wife, Zeena") or an earlier tag
 * that named the kin person while the owner was the one spoken to ("'..., Margaret,' said her
 * father": Margaret's father is the one that tag found). A relation is known both ways:
 * Ellen is Captain Rees's daughter, so Captain Rees is Ellen's father or mother, whichever
 * his sex says.
 *
 *   nov_kin_learn_en(n);                       (once, when the cast and its genders are known)
 *   nov_kin_note(n, owner, "father", who);     (a tag resolved so)
 *   int c = nov_kin_find(n, owner, "father");  ... -1: the text said nothing of it ...
 */
#include "story/novel.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The kin nouns a relation is read for: the sex each says, and the relation read back, what
 * the owner is to the one named, if the owner is male or female ("X's daughter Ellen": X is
 * Ellen's "father" or "mother"). */
static const struct { const char *noun, *sex, *male, *female; } conv[] = {
	{ "father", "male", "son", "daughter" },       { "mother", "female", "son", "daughter" },
	{ "son", "male", "father", "mother" },         { "daughter", "female", "father", "mother" },
	{ "husband", "male", "", "wife" },             { "wife", "female", "husband", "" },
	{ "brother", "male", "brother", "sister" },    { "sister", "female", "brother", "sister" },
	{ "uncle", "male", "nephew", "niece" },        { "aunt", "female", "nephew", "niece" },
	{ "nephew", "male", "uncle", "aunt" },         { "niece", "female", "uncle", "aunt" },
};

static int kin_index(const char *p, size_t l)
{
	for (size_t i = 0; i < ARRAY_LEN(conv); i++)
		if (strlen(conv[i].noun) == l && !strncasecmp(p, conv[i].noun, l)) return (int)i;
	return -1;
}

/* Relation i read the other way: the owner's kin noun for the one it names ("Amelia is Mr.
 * Sedley's daughter": he is her "father"), NULL while the owner's sex is not known. */
static const char *converse(struct nov *n, size_t i)
{
	const char *g = n->ch[nov_follow(n, n->kin[i].owner)].gender;
	return g ? (!strcmp(g, "male") ? conv[n->kin[i].k].male : conv[n->kin[i].k].female) : NULL;
}

void nov_kin_note(struct nov *n, int owner, const char *noun, int who)
{
	int k = kin_index(noun, strlen(noun));
	owner = nov_follow(n, owner), who = nov_follow(n, who);
	if (k < 0 || owner < 0 || who < 0 || owner == who || n->n_kin >= ARRAY_LEN(n->kin)) return;
	if (n->ch[who].gender && strcmp(n->ch[who].gender, conv[k].sex)) return;   /* ("his sister Jos": not read so) */
	for (size_t i = 0; i < n->n_kin; i++)
		if (n->kin[i].owner == owner && n->kin[i].k == k) return;   /* (the first word stands) */
	n->kin[n->n_kin].owner = owner;
	n->kin[n->n_kin].who = who;
	n->kin[n->n_kin++].k = k;
}

int nov_kin_find(struct nov *n, int owner, const char *noun, size_t nl)
{
	int k = kin_index(noun, nl);
	owner = nov_follow(n, owner);
	if (k < 0 || owner < 0) return -1;
	for (size_t i = 0; i < n->n_kin; i++)
		if (nov_follow(n, n->kin[i].owner) == owner && n->kin[i].k == k) return nov_follow(n, n->kin[i].who);
	/* the converse: "her father" of Ellen, whom the text called Captain Rees's daughter */
	for (size_t i = 0; i < n->n_kin; i++) {
		if (nov_follow(n, n->kin[i].who) != owner) continue;
		const char *c = converse(n, i);
		if (c && !strcmp(c, conv[k].noun)) return nov_follow(n, n->kin[i].owner);
	}
	return -1;
}

int nov_kin_only(struct nov *n, const char *noun, size_t nl)
{
	int k = kin_index(noun, nl), one = -1;
	if (k < 0) return -1;
	for (size_t i = 0; i < n->n_kin; i++) {
		int c = -1;
		if (n->kin[i].k == k) c = nov_follow(n, n->kin[i].who);
		else if (converse(n, i) && !strcmp(converse(n, i), conv[k].noun)) c = nov_follow(n, n->kin[i].owner);   /* (a father by the converse) */
		if (c < 0) continue;
		if (one >= 0 && one != c) return -1;
		one = c;
	}
	return one;
}

/* The last person of sex g the narration named in [t, p), or -1 */
static int last_named(struct nov *n, const char *t, const char *p, const char *g)
{
	int who = -1;
	for (const char *h = t; h < p; h++) {
		if (!isupper((unsigned char)*h) || (h > t && isalpha((unsigned char)h[-1]))) continue;
		int c = nov_name_at(n, h);
		if (c >= 0 && c != n->narrator && !n->ch[c].placeholder && str_eq(n->ch[c].gender, g)) who = c;
	}
	return who;
}

/* "his daughter Ellen", "her brother, Jos": the kin noun at q (after "his"/"her" at p) and a
 * name after it; the owner is the last one of the pronoun's sex named before it in the
 * paragraph's narration (t the segment, pt the paragraph's earlier narration). */
static void apposition(struct nov *n, const struct para *pa, size_t si, const char *p)
{
	size_t dl = nov_word_at(p);
	int his = dl == 3 && !strncasecmp(p, "his", 3), her = dl == 3 && !strncasecmp(p, "her", 3);
	if (!(his || her) || p[dl] != ' ') return;
	const char *q = p + dl + 1;
	size_t ql = nov_word_at(q);
	int k = kin_index(q, ql);
	if (k < 0) return;
	const char *r = q + ql;
	if (*r == ',') r++;
	if (*r != ' ' || !isupper((unsigned char)r[1])) return;
	int who = nov_name_at(n, r + 1);
	if (who < 0 || n->ch[who].placeholder) return;
	const char *g = his ? "male" : "female";
	int owner = last_named(n, pa->v[si].text, p, g);
	for (size_t j = si; owner < 0 && j-- > 0;)
		if (!pa->v[j].quote) owner = last_named(n, pa->v[j].text, pa->v[j].text + strlen(pa->v[j].text), g);
	if (owner >= 0) nov_kin_note(n, owner, conv[k].noun, who);
}

void nov_kin_learn_en(struct nov *n)
{
	if (n->zh) return;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const struct para *pa = &n->p[pi];
		for (size_t si = 0; si < pa->n; si++) {
			if (pa->v[si].quote) continue;
			const char *t = pa->v[si].text;
			for (const char *h = t; *h; h++)
				if ((*h == 'h' || *h == 'H') && (h == t || !isalpha((unsigned char)h[-1]))) apposition(n, pa, si, h);
		}
	}
}
