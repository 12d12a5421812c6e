/* story/novel_address.c — English names that the speech tags never give: the names
 * the quotes use to address someone ("Thank you, Albert.", "Tommy, what did you
 * write?") and the names that open the narration's sentences as their subject ("Gran
 * stood up to meet him."). A first-person narrator's name is one the others use in
 * address and the narration never writes (an alias of the narrator, so that the quote
 * that calls him by it is not his), said to him: not one that, in talk he overhears,
 * calls someone who answers in a tag of another ("replied the psychologist"). */
#include "story/novel.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

/* The name a quotation opens or closes with in address: "Tommy, what ...", "... me,
 * Tommy.", "Mind the points, Jack!", "迅哥儿，你阔了". Written to out; 0 if none. */
int nov_vocative_word(struct nov *n, const char *q, char *out, size_t outn)
{
	if (n->zh) {
		for (const char *p = q; *p; p += nov_cp_len(p)) {
			if (p != q && (p - q < 3 || (!nov_starts(p - 3, "。") && !nov_starts(p - 3, "！") && !nov_starts(p - 3, "：")))) continue;
			const char *e = p;
			int k = 0;
			while (*e && nov_is_han_at(e) && k < 4) { e += 3; k++; }
			if (k >= 2 && k <= 3 && (nov_starts(e, "，你") || (nov_starts(e, "。") && !e[3]))) { snprintf(out, outn, "%.*s", (int)(e - p), p); return 1; }
		}
		return 0;
	}
	for (const char *p = q; *p; p++) {
		if (p != q && !(p[-1] == ' ' && p - q >= 2 && p[-2] == ',')) continue;
		size_t wl = nov_word_at(p), td;
		if (!wl || !isupper((unsigned char)*p) || nov_is_title_word(n, p, wl, &td)) continue;
		char w[64];
		snprintf(w, sizeof w, "%.*s", (int)(wl < 63 ? wl : 63), p);
		if (nov_in_list(json_object_get(n->nd, "stop_names_en"), w)) continue;
		if (p[wl] == ',' || p[wl] == ';' || (p[wl] == '-' && p[wl + 1] == '-') || ((p[wl] == '.' || p[wl] == '!' || p[wl] == '?') && (!p[wl + 1] || (p != q && p[wl + 1] == ' ')))) {
			snprintf(out, outn, "%s", w);
			return 1;
		}
	}
	return 0;
}

/* A quotation that is only a title or role word and a name of no one known ("Ranger
 * Ortiz,", "Mr. Penney!"): the two words into out, *gender the title's ("female" for
 * female_titles_en, "male" for another title, NULL for a role noun); 0 if none. */
int nov_titled_vocative_en(struct nov *n, const char *q, char *out, size_t outn, const char **gender)
{
	while (*q == ' ') q++;
	size_t tl = nov_word_at(q), td = 0;
	if (!tl || !isupper((unsigned char)*q)) return 0;
	int title = nov_is_title_word(n, q, tl, &td);
	if (title) tl = td;
	else if (!nov_role_noun_en(n, q, tl)) return 0;
	const char *s = q + tl;
	if (*s != ' ') return 0;
	s++;
	size_t sl = nov_word_at(s);
	if (sl < 2 || sl > 30 || !isupper((unsigned char)*s)) return 0;
	const char *e = s + sl;
	if (!strchr(",!.?", *e) || e[1]) return 0;   /* nothing after the name */
	for (size_t c = 0; c < n->n_ch; c++) {   /* "Mr. Holmes" for Mr. Sherlock Holmes */
		const char *lw = n->ch[c].name + n->ch[c].last;
		if (strlen(lw) == sl && !strncmp(lw, s, sl)) return 0;
	}
	snprintf(out, outn, "%.*s %.*s", (int)tl, q, (int)sl, s);
	char t[16];
	snprintf(t, sizeof t, "%.*s", (int)(tl < 15 ? tl : 15), q);
	*gender = !title ? NULL : nov_in_list(json_object_get(n->nd, "female_titles_en"), t) ? "female" : "male";
	return 1;
}

/* 1 if w is a word of address ("sir", "Mamma"), a role or kin word, a word the vocabulary
 * says is no name, a preposition or conjunction, or one letter ("O, please let me"). */
static int no_name(struct nov *n, const char *w)
{
	char lw[64];
	snprintf(lw, sizeof lw, "%s", w);
	for (char *c = lw; *c; c++) *c = (char)tolower((unsigned char)*c);
	return !w[0] || !w[1] || nov_contraction_en(w, strlen(w)) || nov_in_list(json_object_get(n->nd, "stop_names_en"), w) || nov_in_list(json_object_get(n->nd, "function_words_en"), w) ||
	       json_object_get(json_object_get(n->nd, "address_en"), lw) ||
	       nov_role_noun_en(n, w, strlen(w)) || json_object_get(json_object_get(n->nd, "kin_nouns_en"), lw);
}

/* 1 if w is a whole word of a character's name other than the narrator's ("Epps" of
 * "Master Epps") */
int nov_in_name(struct nov *n, const char *w)
{
	size_t l = strlen(w);
	for (size_t c = 0; c < n->n_ch; c++) {
		const char *nm = n->ch[c].name;
		if ((int)c == n->narrator) continue;
		for (const char *h = strstr(nm, w); h; h = strstr(h + 1, w))
			if ((h == nm || h[-1] == ' ') && (!h[l] || h[l] == ' ')) return 1;
	}
	return 0;
}

/* 1 if w is a character's name or a word of one ("Pell" of "Mrs. Pell"), or an alias. */
static int known(struct nov *n, const char *w)
{
	if (nov_in_name(n, w) || (n->narrator >= 0 && !strcmp(n->ch[n->narrator].name, w))) return 1;
	for (size_t k = 0; k < n->n_alias; k++)
		if (!strcmp(n->alias[k].a, w)) return 1;
	return 0;
}

struct cand { char w[32]; int voc, later, subj, narr; };

/* 1 if the narration of paragraph pa writes the word "I" (not "I'm"). */
static int narration_says_i(const struct para *pa)
{
	for (size_t s = 0; s < pa->n; s++) {
		if (pa->v[s].quote) continue;
		const char *t = pa->v[s].text;
		for (const char *h = strchr(t, 'I'); h; h = strchr(h + 1, 'I'))
			if ((h == t || !isalpha((unsigned char)h[-1])) && !isalpha((unsigned char)h[1]) && h[1] != '\'') return 1;
	}
	return 0;
}

static int has_narration(const struct para *pa)
{
	for (size_t s = 0; s < pa->n; s++)
		if (!pa->v[s].quote && strlen(pa->v[s].text) > 3) return 1;
	return 0;
}

/* 1 if quote q calls someone w in address at its head (nothing but its first words
 * before: "See, Johann, it is...") or at its end ("..., Notan?"), the address that frames
 * the whole quote (not "... before your time, Watson. I can only say, madam, ..."). */
static int framed_by(struct nov *n, const char *q, const char *w)
{
	char v[64], *own = nov_own_words(q);
	int hit = 0;
	for (const char *r = own, *h; *r && !hit && nov_vocative_word(n, r, v, sizeof v) && (h = strstr(r, v)); r = h + strlen(v)) {
		if (strcmp(v, w)) continue;
		const char *b = own, *e = h + strlen(v);
		while (b < h && !strchr(".!?", *b)) b++;
		while (*e && !isalnum((unsigned char)*e)) e++;
		hit = b == h || !*e;
	}
	free(own);
	return hit;
}

int nov_answers_as_other_en(struct nov *n, const char *w)
{
	int mine = 0, other = 0;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const struct para *pa = &n->p[pi];
		if (narration_says_i(pa)) continue;   /* (the narrator's own line) */
		int called = 0;
		for (size_t s = 0; s < pa->n && !called; s++) called = pa->v[s].quote && framed_by(n, pa->v[s].text, w);
		if (!called) continue;
		/* the answer: the next paragraph with a quote, one or two paragraphs on */
		size_t k = pi + 1;
		while (k < n->n_p && k <= pi + 2 && !n->p[k].brk) {
			int has_q = 0;
			for (size_t s = 0; s < n->p[k].n; s++) has_q |= n->p[k].v[s].quote;
			if (has_q) break;
			k++;
		}
		if (k >= n->n_p || k > pi + 2 || n->p[k].brk) continue;
		/* (an answer with no tag at all counts as his: a narrator leaves his own lines bare
		 * where others' are tagged) */
		if (narration_says_i(&n->p[k]) || !has_narration(&n->p[k])) mine++;
		else other++;
	}
	return other > mine;
}

int nov_not_narrator_name_en(struct nov *n, const char *text, const char *w)
{
	size_t wl = strlen(w);
	if (wl < 2 || nov_seen_lower(text, w)) return 1;
	for (size_t c = 0; c < n->n_ch && wl >= 3; c++) {
		if ((int)c == n->narrator || n->ch[c].placeholder) continue;
		for (const char *p = n->ch[c].name; *p;) {
			size_t l = nov_word_at(p);
			if (!l) { p++; continue; }
			if (l > wl && !strncmp(p, w, wl)) return 1;
			p += l;
		}
	}
	return 0;
}

/* 1 if the text writes w after a lower-case "the" ("herein is the Amontillado"): a
 * thing, no name anyone is called by. */
int nov_after_the(struct nov *n, const char *w)
{
	size_t l = strlen(w);
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			const char *t = n->p[pi].v[si].text;
			for (const char *h = strstr(t, w); h; h = strstr(h + 1, w))
				if (h - t >= 4 && !strncmp(h - 4, "the ", 4) && (h - t == 4 || !isalpha((unsigned char)h[-5])) && !isalpha((unsigned char)h[l])) return 1;
		}
	return 0;
}

static struct cand *cand_of(struct cand *c, size_t *nc, size_t cap, const char *w, size_t wl)
{
	if (wl >= sizeof c->w) return NULL;
	for (size_t k = 0; k < *nc; k++)
		if (strlen(c[k].w) == wl && !strncmp(c[k].w, w, wl)) return &c[k];
	if (*nc >= cap) return NULL;
	memset(&c[*nc], 0, sizeof *c);
	memcpy(c[*nc].w, w, wl);
	return &c[(*nc)++];
}

/* 1 if the lower-case word at p can follow a subject as its verb: no pronoun, article,
 * preposition or conjunction ("Presently the", "Outside it", "Perhaps he"). */
static int verb_like(const char *p, size_t l)
{
	static const char *const fn[] = { "he", "she", "it", "i", "we", "they", "you", "the", "a", "an", "there", "this", "that", "his", "her",
		"my", "our", "their", "its", "and", "but", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "if", "when",
		"then", "so", "not", "no", "all", "one", NULL };
	if (!l || !islower((unsigned char)*p)) return 0;
	for (int k = 0; fn[k]; k++)
		if (strlen(fn[k]) == l && !strncmp(fn[k], p, l)) return 0;
	return 1;
}

/* 1 if a verb at p has a subject pronoun after it: the sentence is inverted ("Neither had
 * he", "Nor were they", "Seldom did I"), and the word before the verb is no subject. */
static int inverted(const char *p)
{
	static const char *const subj[] = { "he", "she", "I", "we", "they", "there", NULL };
	size_t l = nov_word_at(p);
	const char *q = p + l;
	if (*q != ' ') return 0;
	q++;
	size_t ql = nov_word_at(q);
	for (int k = 0; subj[k]; k++)
		if (strlen(subj[k]) == ql && !strncmp(subj[k], q, ql)) return 1;
	return 0;
}

void nov_names_address_en(struct nov *n, const char *text)
{
	struct cand c[128];
	size_t nc = 0;
	for (size_t pi = 0; pi < n->n_p; pi++)
		for (size_t si = 0; si < n->p[pi].n; si++) {
			const struct seg *sg = &n->p[pi].v[si];
			if (sg->quote) {
				/* every name of address in it ("Evening, Jack. Evening, miss."), not a quote
				 * of one word ("Stolen.") */
				char w[64], *own = nov_own_words(sg->text);   /* (not the words of a scene it retells) */
				for (const char *r = own, *h; *r && nov_vocative_word(n, r, w, sizeof w) && (h = strstr(r, w)); r = h + strlen(w)) {
					size_t wl = strlen(w);
					if (h == own && (!h[wl] || !h[wl + 1])) break;
					struct cand *k = cand_of(c, &nc, ARRAY_LEN(c), w, wl);
					if (k) { k->voc++; k->later += h != own; }
				}
				free(own);
				continue;
			}
			/* the narration: every capitalised word; a sentence's first one followed by a verb-like word */
			for (const char *p = sg->text; *p;) {
				size_t wl = nov_word_at(p);
				if (!wl) { p++; continue; }
				if (isupper((unsigned char)*p) && (p == sg->text || !isalpha((unsigned char)p[-1]))) {
					size_t nl = wl >= 2 && !strncmp(p + wl - 2, "'s", 2) ? wl - 2 : wl;   /* "Albert's voice" */
					struct cand *k = cand_of(c, &nc, ARRAY_LEN(c), p, nl);
					const char *b = p;
					while (b > sg->text && b[-1] == ' ') b--;
					int opens = b == sg->text || strchr(".!?", b[-1]);
					const char *a = p + wl;
					if (k) {
						k->narr++;
						if (opens && *a == ' ' && verb_like(a + 1, nov_word_at(a + 1)) && (nl < 3 || strncmp(a + 1 + nov_word_at(a + 1) - 2, "ly", 2)) &&
						    !inverted(a + 1)) k->subj++;
					}
				}
				p += wl;
			}
		}
	for (size_t k = 0; k < nc; k++) {
		const char *w = c[k].w;
		size_t td;
		if (no_name(n, w) || known(n, w) || nov_is_title_word(n, w, strlen(w), &td) || nov_seen_lower(text, w)) continue;
		/* the narrator's name: used in address at least twice, never in the narration; a
		 * short form counts with the long one ("Sam" and "Sammy") */
		int voc = c[k].voc, later = c[k].later;
		for (size_t j = 0; j < nc; j++) {
			size_t lk = strlen(w), lj = strlen(c[j].w);
			if (j != k && c[j].voc && !c[j].narr && lk >= 3 && lj >= 3 && !strncmp(w, c[j].w, lk < lj ? lk : lj)) { voc += c[j].voc; later += c[j].later; }
		}
		/* (not a word that only ever opens a quote, which may be an interjection: "Ay, and
		 * women...", "Whist!"; not one the overheard talk of others calls someone by) */
		if (n->narrator >= 0 && voc >= 2 && later && !c[k].narr && !nov_after_the(n, w) && !nov_not_narrator_name_en(n, text, w) &&
		    !nov_answers_as_other_en(n, w)) {
			xgrow((void **)&n->alias, &n->cap_alias, n->n_alias, sizeof *n->alias);
			n->alias[n->n_alias].a = xstrdup(w);
			n->alias[n->n_alias++].who = n->narrator;
			continue;
		}
		/* a short form of one person's first name, spoken to ("Toast does not help, Marc."
		 * for Marcus): that one's alias */
		int owner = -1, owners = 0;
		for (size_t ch = 0; ch < n->n_ch && !c[k].narr; ch++) {
			const char *nm = n->ch[ch].name;
			size_t fl = nov_word_at(nm), wl = strlen(w), td;
			if (n->ch[ch].merged >= 0 || n->ch[ch].placeholder || (int)ch == n->narrator) continue;
			if (nov_is_title_word(n, nm, fl, &td)) continue;   /* ("Mr. ...": no first name) */
			if (wl >= 3 && fl > wl && !strncmp(nm, w, wl)) { owner = (int)ch; owners++; }
		}
		if (owners == 1) {
			xgrow((void **)&n->alias, &n->cap_alias, n->n_alias, sizeof *n->alias);
			n->alias[n->n_alias].a = xstrdup(w);
			n->alias[n->n_alias++].who = owner;
			continue;
		}
		/* someone spoken to who the narration names too, or spoken to twice; someone the
		 * narration's sentences open with twice as their subject */
		if ((c[k].voc && c[k].narr) || (c[k].voc >= 2 && c[k].later) || c[k].subj >= 2) {
			int i = nov_add_ch(n, w);
			n->ch[i].addr_only = !c[k].narr;
		}
	}
}

/* The one a pronoun of gender g means when nobody of that gender has been mentioned yet
 * ("She was at the kitchen table" before "Gran stood up"): the only person of that
 * gender the text names and has not mentioned so far; -1 if none or several. */
int nov_cataphora_en(struct nov *n, const char *g)
{
	int who = -1;
	for (size_t c = 0; c < n->n_ch; c++) {
		const struct nch *ch = &n->ch[c];
		if (ch->merged >= 0 || ch->placeholder || (int)c == n->narrator || ch->count || !str_eq(ch->gender, g)) continue;
		if (who >= 0) return -1;
		who = (int)c;
	}
	return who;
}
