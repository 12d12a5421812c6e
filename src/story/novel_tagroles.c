/* story/novel_tagroles.c — the role nouns a text itself uses for people in its speech
 * tags (English). A book names some speakers only by what they are: '"...," said the
 * archdeacon', '"...," the farrier said'. The word a said-verb takes as its subject in
 * a tag is a person's; when WordNet's first sense of that noun is a person (its
 * lexicographer file is noun.person) and the text writes it so in two tags or more, the
 * noun is a role noun of this text, read like the ones of data role_nouns_en: a tag
 * with it names the one known by it, an apposition ("Mr. Snell, the landlord") ties it
 * to a name. One tag alone, or a word WordNet does not know as a person ("said the
 * voice", "said the other"), adds nothing.
 *
 *   nov_tag_roles_en(&n);   ... n.tag_role[0 .. n.n_tag_role): lower-case nouns, freed
 *   with the other fields of n by the caller (nov_tag_roles_free). */
#include "story/novel.h"
#include "story/engine.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* 1 if WordNet's first noun sense of the lower-case word w is a person's, and the sense
 * holds the word itself (not a base form WordNet made of it) */
static int person_noun(const char *w)
{
	char **v = NULL;
	size_t nv = 0;
	const char *lex = NULL;
	int self = 0;
	if (eng_wn_hypernyms(w, 1, &v, &nv, &lex) && lex && !strcmp(lex, "noun.person"))
		for (size_t i = 0; i < nv && !self; i++) self = !strcasecmp(v[i], w);
	eng_wn_words_free(v, nv);
	return self;
}

static int clause_end(const char *p)
{
	while (*p == ' ') p++;
	return !*p || strchr(",.;:!?", *p) || (*p == '-' && p[1] == '-') || !strncmp(p, "\u2014", 3);
}

/* The noun of "the NOUN" / "the ADJ NOUN" at p (p at "the"): the last of at most two
 * lower-case words, right before the end of the clause; its length, 0 if none. */
static size_t the_noun(const char *p, const char **noun)
{
	size_t l = nov_word_at(p);
	if (l != 3 || strncasecmp(p, "the", 3) || p[3] != ' ') return 0;
	const char *q = p + 4;
	for (int k = 0; k < 2; k++) {
		size_t ql = nov_word_at(q);
		if (ql < 3 || !islower((unsigned char)*q)) return 0;
		for (size_t i = 0; i < ql; i++)
			if (!islower((unsigned char)q[i])) return 0;
		if (clause_end(q + ql)) { *noun = q; return ql; }
		if (q[ql] != ' ') return 0;
		q += ql + 1;
	}
	return 0;
}

/* The noun of a tag in narration t that follows a quote: '"...," said the archdeacon,'
 * or '"...," the farrier said'; its length, 0 if none. */
static size_t tag_noun(struct nov *n, const char *t, const char **noun)
{
	while (*t == ' ') t++;
	size_t l = nov_word_at(t);
	if (!l) return 0;
	if (nov_said_verb_en(n, t, l)) {
		const char *p = t + l;
		while (*p == ' ') p++;
		return the_noun(p, noun);
	}
	/* "the farrier said": the noun, then the verb */
	const char *q = t;
	if (l != 3 || strncasecmp(q, "the", 3)) return 0;
	q += 4;
	for (int k = 0; k < 2; k++) {
		size_t ql = nov_word_at(q);
		if (ql < 3 || !islower((unsigned char)*q) || q[ql] != ' ') return 0;
		const char *v = q + ql + 1;
		size_t vl = nov_word_at(v);
		if (vl && nov_said_verb_en(n, v, vl) && clause_end(v + vl)) { *noun = q; return ql; }
		q = v;
	}
	return 0;
}

void nov_tag_roles_en(struct nov *n)
{
	struct { char w[32]; int k; } cand[64];
	size_t nc = 0;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const struct para *pa = &n->p[pi];
		for (size_t si = 1; si < pa->n; si++) {
			if (pa->v[si].quote || !pa->v[si - 1].quote) continue;
			const char *noun = NULL;
			size_t nl = tag_noun(n, pa->v[si].text, &noun);
			if (!nl || nl >= sizeof cand[0].w) continue;
			size_t k;
			for (k = 0; k < nc && (strlen(cand[k].w) != nl || strncmp(cand[k].w, noun, nl)); k++) {}
			if (k == nc) {
				if (nc == ARRAY_LEN(cand)) continue;
				memcpy(cand[nc].w, noun, nl);
				cand[nc].w[nl] = 0;
				cand[nc++].k = 0;
			}
			cand[k].k++;
		}
	}
	const json_t *tr = json_object_get(n->nd, "tag_roles_en");
	for (size_t k = 0; k < nc; k++) {
		if (cand[k].k < 2 || nov_role_noun_en(n, cand[k].w, strlen(cand[k].w)) || json_object_get(tr, cand[k].w)) continue;
		if (!person_noun(cand[k].w)) continue;
		xgrow((void **)&n->tag_role, &n->cap_tag_role, n->n_tag_role, sizeof *n->tag_role);
		n->tag_role[n->n_tag_role++] = xstrdup(cand[k].w);
	}
}

void nov_tag_roles_free(struct nov *n)
{
	for (size_t i = 0; i < n->n_tag_role; i++) free(n->tag_role[i]);
	free(n->tag_role);
	n->tag_role = NULL;
	n->n_tag_role = n->cap_tag_role = 0;
}
