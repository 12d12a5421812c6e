/* story/novel_guard.c — evidence that two names are two people (English). Every join
 * of two names into one person (a one-word name written right after another, "called
 * him Red", a placeholder that takes a name) asks here first. Two names are two people
 * when the text makes them act or talk as two:
 *   - "A and B" (or "A or B"): one sentence counts them as two;
 *   - a quotation a speech tag gives to A calls B by name ("Pump, Red," said Jory);
 *   - two paragraphs in a row whose tags name A and then B (an exchange between them);
 *   - (after attribution) two quotes in a row, each anchored by a tag, of A and of B.
 * The joins themselves stay where they were; this file only says no.
 *
 *   if (!nov_apart_en(n, a, b)) ... join b into a ...
 *   if (!nov_apart_names_en(n, "Jory", "Red")) ... make "Red" another name of Jory ... */
#include "story/novel.h"
#include "story/engine.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* 1 if name is written at h as a whole name (not inside a longer word) */
static int whole_at(const char *t, const char *h, size_t l)
{
	return (h == t || !isalnum((unsigned char)h[-1])) && !isalnum((unsigned char)h[l]);
}

/* 1 if text t counts a and b as two: "a and b", "a or b" */
static int pair_in(const char *t, const char *a, const char *b)
{
	static const char *const joins[] = { " and ", " or ", " & " };
	size_t al = strlen(a), bl = strlen(b);
	for (const char *h = strstr(t, a); h; h = strstr(h + 1, a)) {
		if (!whole_at(t, h, al)) continue;
		for (size_t j = 0; j < sizeof joins / sizeof *joins; j++) {
			size_t jl = strlen(joins[j]);
			const char *x = h + al;
			if (!strncmp(x, joins[j], jl) && !strncmp(x + jl, b, bl) && whole_at(t, x + jl, bl)) return 1;
		}
	}
	return 0;
}

/* 1 if the name at h is part of a longer run of capitalised words ("Basil" of "Basil
 * Hallward", "Hallward" of "Basil Hallward"): that one is the longer name's mention */
static int part_of_longer(const char *t, const char *h, size_t l)
{
	if (h[l] == ' ' && isupper((unsigned char)h[l + 1])) return 1;
	if (h - t >= 2 && h[-1] == ' ' && isalpha((unsigned char)h[-2])) {
		const char *w = h - 1;
		while (w > t && isalpha((unsigned char)w[-1])) w--;
		if (isupper((unsigned char)*w)) return 1;
	}
	return 0;
}

/* 1 if a narration segment of paragraph pa names who in a speech tag: a said-verb right
 * before or right after the name ("said Red", "Red said", "Red asked") */
static int tagged(struct nov *n, const struct para *pa, const char *who)
{
	size_t l = strlen(who);
	int quotes = 0;
	for (size_t s = 0; s < pa->n; s++) quotes |= pa->v[s].quote;
	if (!quotes) return 0;
	for (size_t s = 0; s < pa->n; s++) {
		if (pa->v[s].quote) continue;
		const char *t = pa->v[s].text;
		for (const char *h = strstr(t, who); h; h = strstr(h + 1, who)) {
			if (!whole_at(t, h, l) || part_of_longer(t, h, l)) continue;
			const char *after = h + l;
			while (*after == ' ' || *after == ',') after++;
			size_t wl = nov_word_at(after);
			if (wl && nov_said_verb_en(n, after, wl)) return 1;
			const char *b = h;
			while (b > t && b[-1] == ' ') b--;
			const char *bw = b;
			while (bw > t && isalpha((unsigned char)bw[-1])) bw--;
			if (bw < b && nov_said_verb_en(n, bw, (size_t)(b - bw))) return 1;
		}
	}
	return 0;
}

/* 1 if a quotation of pa calls who by name ("Pump faster, Red.") */
static int calls(struct nov *n, const struct para *pa, const char *who)
{
	for (size_t s = 0; s < pa->n; s++) {
		char w[64];
		if (pa->v[s].quote && nov_vocative_word(n, pa->v[s].text, w, sizeof w) && !strcmp(w, who)) return 1;
	}
	return 0;
}

int nov_apart_names_en(struct nov *n, const char *a, const char *b)
{
	if (n->zh || !a || !b || !*a || !*b || !strcmp(a, b)) return 0;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const struct para *pa = &n->p[pi];
		if (pa->raw && (pair_in(pa->raw, a, b) || pair_in(pa->raw, b, a))) return 1;
		int ta = tagged(n, pa, a), tb = tagged(n, pa, b);
		if ((ta && !tb && calls(n, pa, b)) || (tb && !ta && calls(n, pa, a))) return 1;
		if (pi + 1 < n->n_p && !n->p[pi + 1].brk && ta != tb) {
			const struct para *nx = &n->p[pi + 1];
			int na = tagged(n, nx, a), nb = tagged(n, nx, b);
			if (na != nb && na == tb) return 1;   /* A's tag, then B's (or B's, then A's) */
		}
	}
	return 0;
}

int nov_apart_en(struct nov *n, int a, int b)
{
	if (n->zh || a < 0 || b < 0 || a == b) return 0;
	/* two quotes in a row, each anchored by a tag, one of a and one of b */
	for (size_t i = 0; i + 1 < n->n_q; i++) {
		if (!n->q[i].anchored || !n->q[i + 1].anchored || n->q[i].scene != n->q[i + 1].scene) continue;
		int x = nov_follow(n, n->q[i].spk), y = nov_follow(n, n->q[i + 1].spk);
		if ((x == a && y == b) || (x == b && y == a)) return 1;
	}
	if (n->ch[a].placeholder || n->ch[b].placeholder) return 0;   /* ("Stranger" is written nowhere) */
	if (nov_apart_names_en(n, n->ch[a].name, n->ch[b].name)) return 1;
	/* a titled name also goes by its last word ("Mr. Jabez Wilson": "Wilson") */
	const char *la = n->ch[a].last ? n->ch[a].name + n->ch[a].last : NULL, *lb = n->ch[b].last ? n->ch[b].name + n->ch[b].last : NULL;
	if (la && strcmp(la, n->ch[b].name) && nov_apart_names_en(n, la, n->ch[b].name)) return 1;
	if (lb && strcmp(lb, n->ch[a].name) && nov_apart_names_en(n, n->ch[a].name, lb)) return 1;
	return 0;
}

/* ---- the cast: persons only ---- */
/* 1 if the never-speaking character c is coordinated with a person ("Parker and Perry",
 * "Perry or Parker"): coordination joins like with like, so c is a person too. A person
 * here has a title or a gender. */
static int with_person(struct nov *n, int c)
{
	static const char *const joins[] = { " and ", " or ", " & " };
	const struct nch *x = &n->ch[c];
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const char *t = n->p[pi].raw;
		for (const char *h = t ? strstr(t, x->name) : NULL; h; h = strstr(h + 1, x->name)) {
			if (!whole_at(t, h, x->len)) continue;
			for (size_t j = 0; j < sizeof joins / sizeof *joins; j++) {
				size_t jl = strlen(joins[j]);
				int y = !strncmp(h + x->len, joins[j], jl) ? nov_name_at(n, h + x->len + jl) : -1;   /* "X and Y" */
				for (size_t d = 0; y < 0 && d < n->n_ch; d++) {   /* "Y and X" */
					const struct nch *z = &n->ch[d];
					if (z->merged < 0 && (size_t)(h - t) >= jl + z->len && !strncmp(h - jl, joins[j], jl) &&
					    !strncmp(h - jl - z->len, z->name, z->len) && whole_at(t, h - jl - z->len, z->len))
						y = (int)d;
				}
				if (y >= 0 && y != c && !n->ch[y].placeholder && (n->ch[y].last || n->ch[y].gender)) return 1;
			}
		}
	}
	return 0;
}

/* What WordNet knows a one-word name w as, by the nouns of its first senses (each sense's
 * own words, not its hypernyms'):
 *   WN_PROPER_THING  its first sense written with a capital is no person's: a place, a day
 *                    or a month, a language, a fictional land (Paris, Sundays, May,
 *                    English, Formosa, Ruritania);
 *   WN_COMMON_THING  it is only a common noun (written in lower case), and no sense of it
 *                    is a person (history, mail, whist, wolf);
 *   WN_NOT_NOUN      WordNet knows it, but not as a noun (Unique, an adjective);
 *   0                a person's noun, a name WordNet has as a person (James, Holmes, Tom),
 *                    or a word it does not know (Toto, Gleeson): the text decides. */
enum { WN_PROPER_THING = 1, WN_COMMON_THING, WN_NOT_NOUN };
static int wn_kind(const char *w)
{
	size_t l = strlen(w);
	int pos = eng_wn_pos(w);
	if (pos < 0) return 0;   /* (no WordNet: nothing known) */
	int person = 0, common = 0, proper = 0, sense;
	for (sense = 1; sense <= 8 && !proper; sense++) {
		char **v = NULL;
		size_t nv = 0;
		const char *lex = NULL;
		if (!eng_wn_hypernyms(w, sense, &v, &nv, &lex)) break;
		int self = 0, cap = 0;
		for (size_t i = 0; i < nv && !self; i++) {   /* the word itself, or its singular ("Sundays") */
			for (char *u = v[i]; *u; u++) if (*u == '_') *u = ' ';   /* (WordNet writes "San_Francisco") */
			size_t vl = strlen(v[i]);
			self = (vl == l && !strcasecmp(v[i], w)) || (l > 3 && w[l - 1] == 's' && vl == l - 1 && !strncasecmp(v[i], w, vl));
			cap = self && isupper((unsigned char)v[i][0]);
		}
		int is_person = lex && !strcmp(lex, "noun.person");
		if (cap) proper = is_person ? -1 : 1;
		else if (self) { common = 1; person |= is_person; }
		eng_wn_words_free(v, nv);
	}
	if (proper) return proper > 0 ? WN_PROPER_THING : 0;
	if (sense == 1) return pos > 0 && !(pos & (1 << 1)) ? WN_NOT_NOUN : 0;   /* (no noun sense at all) */
	return common && !person ? WN_COMMON_THING : 0;
}

int nov_person_noun_en(const char *p, size_t l)
{
	char w[24], **v = NULL;
	size_t nv = 0;
	const char *lex = NULL;
	if (l < 3 || l >= sizeof w) return 0;
	snprintf(w, sizeof w, "%.*s", (int)l, p);
	int yes = eng_wn_hypernyms(w, 1, &v, &nv, &lex) && lex && !strcmp(lex, "noun.person");
	eng_wn_words_free(v, nv);
	return yes;
}

/* 1 if a finite verb of a person starts at a: one of perceiving, saying, thinking, feeling,
 * the body, touching, dealing with others or eating (WordNet's verb.* files; not being,
 * moving, having: "Paris lay", "the Mail left", "Ruritania had come"); "looked", "nods", or
 * a form WordNet knows only by its base ("stood", "grinned"); a base form that is a noun too
 * only after a sentence's subject (opens: "Flora put down the book"). */
static int person_verb(const char *a, int opens)
{
	static const char *const person_verbs[] = { "verb.perception", "verb.communication", "verb.cognition", "verb.emotion", "verb.body", "verb.contact", "verb.social", "verb.consumption", NULL };
	size_t vl = nov_word_at(a);
	if (vl < 3 || vl > 20 || !islower((unsigned char)*a)) return 0;
	char vw[24];
	snprintf(vw, sizeof vw, "%.*s", (int)vl, a);
	int pos = eng_wn_pos(vw);
	if (!(vl >= 4 && (!strcmp(vw + vl - 2, "ed") || vw[vl - 1] == 's')) && pos != 0 && pos != (1 << 2) && !(opens && pos > 0 && (pos & (1 << 2)))) return 0;
	const char *lex = eng_wn_verb_lex(vw);
	for (int i = 0; lex && person_verbs[i]; i++) if (!strcmp(lex, person_verbs[i])) return 1;
	return 0;
}

/* 1 if the narration t writes w (a whole word at h) as a person acts: "said the Otter" in a
 * tag (after_quote: the segment is next to a quote); "Toby looked at her": a person's verb
 * right after it, or after a "he"/"she" that takes it up ("Kit, and she sat up");
 * "His name was Teddy"; "my man Paddock";
 * "Harris's hand", "Harris's wife": a part of the body, a kin or role noun after its
 * possessive. */
static int acts_as_person(struct nov *n, const char *t, const char *h, size_t l, int after_quote, int direct)
{
	if (after_quote && h - t >= 4 && !strncmp(h - 4, "the ", 4)) {   /* "said the Otter" */
		const char *b = h - 4;
		while (b > t && b[-1] == ' ') b--;
		const char *bw = b;
		while (bw > t && isalpha((unsigned char)bw[-1])) bw--;
		if (bw < b && nov_said_verb_en(n, bw, (size_t)(b - bw))) return 1;
	}
	static const char *const naming[] = { "name was ", "name is ", "name's ", "name\u2019s ", NULL };
	for (int i = 0; naming[i]; i++) {   /* "His name was Teddy" */
		size_t nl = strlen(naming[i]);
		if ((size_t)(h - t) >= nl && !strncmp(h - nl, naming[i], nl)) return 1;
	}
	{   /* "my man Paddock", "his servant James": a role noun in apposition before it */
		const char *b = h;
		while (b > t && b[-1] == ' ') b--;
		const char *bw = b;
		while (bw > t && isalpha((unsigned char)bw[-1])) bw--;
		if (bw < b && b < h && islower((unsigned char)*bw) && (nov_role_noun_en(n, bw, (size_t)(b - bw)) || nov_person_noun_en(bw, (size_t)(b - bw)))) return 1;
	}
	const char *a = h + l;
	if (!strncmp(a, "'s ", 3) || !strncmp(a, "\u2019s ", 5)) {   /* "Harris's hand" */
		a += a[0] == '\'' ? 3 : 5;
		size_t nl = nov_word_at(a);
		if (nl >= 3 && nl < 24 && islower((unsigned char)*a)) {
			char nw[24];
			snprintf(nw, sizeof nw, "%.*s", (int)nl, a);
			char **v = NULL;
			size_t nv = 0;
			const char *lex = NULL;
			int body = eng_wn_hypernyms(nw, 1, &v, &nv, &lex) && lex && !strcmp(lex, "noun.body");
			eng_wn_words_free(v, nv);
			if (body || nov_role_noun_en(n, a, nl)) return 1;
		}
		return 0;
	}
	if (*a != ' ') return 0;
	const char *b = h;
	while (b > t && b[-1] == ' ') b--;
	if (person_verb(a + 1, b == t || strchr(".!?", b[-1]))) return 1;
	/* "woke Kit, and she sat up": a pronoun that takes it up in its sentence, before any
	 * other name, as the subject of such a verb (not when direct: the name's own words only) */
	for (const char *p = a; *p && !direct && !strchr(".!?;\"", *p); p++) {
		if (p > a && isalpha((unsigned char)p[-1])) continue;
		size_t wl = nov_word_at(p);
		if (!wl) continue;
		if (isupper((unsigned char)*p)) break;
		if ((wl == 2 && !strncmp(p, "he", 2)) || (wl == 3 && !strncmp(p, "she", 3)))
			return p[wl] == ' ' && person_verb(p + wl + 1, 1);
	}
	return 0;
}

/* 1 if the text writes character c (one word w, of WordNet kind `kind`) as a person: the
 * subject of a speech tag ("said Harris", "Harris asked", "said the Otter"), one who acts
 * as a person (acts_as_person), coordinated with a person, or called by it in a quotation
 * that says more than the word ("Harris, come here"; not "Whist!", "Quick!": interjections).
 * talk_only: no coordination, and of the acts only a person's verb right after the name
 * ("Flora put down the book"; not a pronoun that may take up someone else). */
static int person_evidence_of(struct nov *n, int c, int kind, int talk_only)
{
	const char *w = n->ch[c].name;
	size_t l = strlen(w);
	/* "Rob and Teddy"; not for a place's proper noun: a family's name is its seat's too
	 * ("between Ruritania and Burlesdon") */
	if (!talk_only && kind != WN_PROPER_THING && with_person(n, c)) return 1;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const struct para *pa = &n->p[pi];
		if (tagged(n, pa, w)) return 1;
		for (size_t s = 0; s < pa->n; s++) {
			if (pa->v[s].quote) continue;
			const char *t = pa->v[s].text;
			int after_quote = (s > 0 && pa->v[s - 1].quote) || (s + 1 < pa->n && pa->v[s + 1].quote);
			for (const char *h = strstr(t, w); h; h = strstr(h + 1, w))
				if (whole_at(t, h, l) && acts_as_person(n, t, h, l, after_quote, talk_only)) return 1;
		}
		for (size_t s = 0; s < pa->n; s++) {
			char v[64];
			const char *q = pa->v[s].text;
			if (!pa->v[s].quote || !nov_vocative_word(n, q, v, sizeof v) || strcmp(v, w)) continue;
			while (*q == ' ') q++;
			size_t ql = strlen(q);
			while (ql && strchr(" !?.,", q[ql - 1])) ql--;
			if (ql > strlen(w)) return 1;
		}
	}
	return 0;
}

static int person_evidence(struct nov *n, int c, int kind) { return person_evidence_of(n, c, kind, 0); }

/* 1 if character c is a bare capitalised word WordNet knows as a thing (a place, a day, a
 * language, a common noun of no person, no noun at all), or an untitled name of several
 * words WordNet knows whole as a place or thing ("San Francisco"), that no speech tag and no
 * address makes a person: the mechanisms that let such words in (a capital at a sentence's
 * start or after a quote, pronoun votes after a place's name, a guessed line) are no
 * evidence. A given name of the vocabulary is kept ("Lucy", "Florence"). */
int nov_thing_word_en(struct nov *n, int c)
{
	const struct nch *x = &n->ch[c];
	if (n->zh || x->placeholder || x->role || x->role_noun || c == n->narrator) return 0;
	int k = wn_kind(x->name);
	if (!k) return 0;
	/* several words: only a proper name WordNet has whole as no person's ("San Francisco",
	 * "New York"; not "Jack London", a person, nor "Mr. Bath"), no title before it */
	size_t td;
	if (x->last && (k != WN_PROPER_THING || nov_is_title_word(n, x->name, nov_word_at(x->name), &td))) return 0;
	const json_t *given = json_object_get(n->nd, "given_names_en");
	if (nov_in_list(json_object_get(given, "female"), x->name) || nov_in_list(json_object_get(given, "male"), x->name)) return 0;
	return !person_evidence(n, c, k);
}

/* 1 if character c is one word that is the plural of a class of persons WordNet writes
 * with a capital ("Jews", "Americans", "Quakers"): a group of that people or faith,
 * never one person's name, whatever lines a guess gave it (a family's surname that looks
 * plural, "Williams", is the plural of a named person, no class: kept). */
static int group_word_en(struct nov *n, int c)
{
	const struct nch *x = &n->ch[c];
	int plural = 0;
	if (n->zh || x->placeholder || c == n->narrator || strchr(x->name, ' ') || x->len < 4 || x->name[x->len - 1] != 's') return 0;
	return eng_wn_person_class(x->name, &plural) && plural;
}

/* 1 if character c bears a sovereign's title (sovereign_titles_en: "King Edward",
 * "Queen Elizabeth", "the Emperor Napoleon", the bare "Queen" of "the Queen's Birthday")
 * and the text gives it no line and no sign of a person in the scene (person_evidence: no
 * tag, no person's verb, no call by name): a reign, a legend or a comparison the narration
 * refers to ("the license granted by King Edward VII.", "smacked of King Lear"), not one
 * of the cast. spoke: the lines each character was given. */
static int absent_sovereign(struct nov *n, int c, const int *spoke)
{
	const struct nch *x = &n->ch[c];
	if (spoke[c] || x->placeholder || c == n->narrator || x->addr_only) return 0;
	const char *sp = strchr(x->name, ' ');
	size_t tl = sp ? (size_t)(sp - x->name) : x->len;
	size_t i;
	json_t *t;
	int sov = 0;
	json_array_foreach(json_object_get(n->nd, "sovereign_titles_en"), i, t) {
		const char *w = json_string_value(t);
		sov |= w && strlen(w) == tl && !strncmp(x->name, w, tl);
	}
	return sov && !person_evidence(n, c, 0);
}

/* 1 if character c is one word the text writes as a modifier of a person's noun ("grunted
 * the Eusufzai agent", "the American drummer", "a Mormon woman"): a people, a faith or a
 * place the person belongs to, no one's name. So when half its uses or more stand before
 * such a noun, or when it is a class of persons WordNet writes with a capital (a
 * nationality, a faith: "the American" is "the American drummer") and stands so once.
 * Whatever lines it got go to nobody (an unnamed one of that people). A given name of the
 * vocabulary is kept. */
static int modifier_word_en(struct nov *n, int c)
{
	const struct nch *x = &n->ch[c];
	if (n->zh || x->placeholder || c == n->narrator || strchr(x->name, ' ') || x->len < 3) return 0;
	const json_t *given = json_object_get(n->nd, "given_names_en");
	if (nov_in_list(json_object_get(given, "female"), x->name) || nov_in_list(json_object_get(given, "male"), x->name)) return 0;
	size_t uses = 0, mods = 0;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		const char *t = n->p[pi].raw;
		for (const char *h = t ? strstr(t, x->name) : NULL; h; h = strstr(h + 1, x->name)) {
			if (!whole_at(t, h, x->len)) continue;
			uses++;
			const char *a = h + x->len;
			if (*a != ' ' || !islower((unsigned char)a[1])) continue;
			size_t al = nov_word_at(a + 1);
			if (nov_person_noun_en(a + 1, al) || nov_role_noun_en(n, a + 1, al)) mods++;
		}
	}
	if (!mods) return 0;
	int plural = 0;
	return 2 * mods >= uses || (eng_wn_person_class(x->name, &plural) && !plural);
}

/* 1 if character c is one word that is the plural of another character's surname ("the
 * young Cuzaks" beside "Antonia Cuzak", "Mrs. Cuzak"): the family, several people, no one
 * person. A surname that only looks plural ("Williams" with no "William ... Williams"
 * around it) has no such singular surname and is kept; a given name ("Edward" of "Edward
 * Smith") is no surname. */
static int family_plural_en(struct nov *n, int c)
{
	const struct nch *x = &n->ch[c];
	if (n->zh || x->placeholder || c == n->narrator || x->last || x->len < 4 || x->name[x->len - 1] != 's' || x->name[x->len - 2] == 's') return 0;
	for (size_t d = 0; d < n->n_ch; d++) {
		const struct nch *y = &n->ch[d];
		if ((int)d == c || !y->last || y->placeholder) continue;
		if (x->len - 1 == strlen(y->name + y->last) && !strncmp(x->name, y->name + y->last, x->len - 1)) return 1;
	}
	return 0;
}

/* the word that ends right before h in t (skipping spaces), as [*w, *w + return); 0 if none */
static size_t word_before(const char *t, const char *h, const char **w)
{
	const char *b = h;
	while (b > t && b[-1] == ' ') b--;
	const char *a = b;
	while (a > t && (isalpha((unsigned char)a[-1]) || (a[-1] == '\'' && a - 1 > t && isalpha((unsigned char)a[-2])))) a--;
	*w = a;
	return (size_t)(b - a);
}

/* 1 if the text writes character c as a thing someone has or reads, never as a person
 * (no tag, no act of a person, no address: person_evidence): a book read ("You have read this
 * hyeh Kenilworth?", within three words after a form of "read"), a thing after another
 * character's possessive ("Sir Walter's Kenilworth"), or a name only ever written after a
 * thing's noun and "of" ("the snout of Leviathan"; not "the wife of", a person's noun). */
static int thing_of_text_en(struct nov *n, int c)
{
	const struct nch *x = &n->ch[c];
	size_t td;
	if (n->zh || x->placeholder || x->role || x->role_noun || c == n->narrator || nov_is_title_word(n, x->name, nov_word_at(x->name), &td)) return 0;
	const json_t *given = json_object_get(n->nd, "given_names_en");
	if (nov_in_list(json_object_get(given, "female"), x->name) || nov_in_list(json_object_get(given, "male"), x->name)) return 0;
	size_t uses = 0, of_thing = 0;
	int thing = 0;
	for (size_t pi = 0; pi < n->n_p && !thing; pi++) {
		const char *t = n->p[pi].raw;
		for (const char *h = t ? strstr(t, x->name) : NULL; h && !thing; h = strstr(h + 1, x->name)) {
			if (!whole_at(t, h, x->len)) continue;
			uses++;
			const char *w, *at = h;
			int owner = !strncmp(h + x->len, "'s", 2) || !strncmp(h + x->len, "\u2019s", 4);   /* ("read Scudder's pages": his) */
			for (int k = 0; k < 3 && !owner; k++) {   /* "read this hyeh Kenilworth" */
				size_t wl = word_before(t, at, &w);
				if (!wl || (w > t && strchr(".!?;,", w[-1]))) break;
				static const char *const preps[] = { "for", "to", "with", "of", "in", "on", "at", "by", "from", "about", "and", "or" };
				int prep = 0;   /* ("the most improving reading for Flora": she is read to) */
				for (size_t r = 0; r < sizeof preps / sizeof *preps; r++) prep |= wl == strlen(preps[r]) && !strncmp(w, preps[r], wl);
				if (prep) break;
				static const char *const reads[] = { "read", "reads", "reading", "reread" };
				for (size_t r = 0; r < sizeof reads / sizeof *reads; r++)
					if (wl == strlen(reads[r]) && !strncmp(w, reads[r], wl)) thing = 1;
				at = w;
			}
			size_t wl = word_before(t, h, &w);
			if (wl > 2 && w[wl - 2] == '\'' && w[wl - 1] == 's' && isupper((unsigned char)*w)) {   /* "Sir Walter's Kenilworth" */
				for (size_t d = 0; d < n->n_ch && !thing; d++) {
					const struct nch *y = &n->ch[d];
					if ((int)d == c || y->placeholder) continue;
					const char *yl = y->name + y->last;
					size_t yn = strlen(yl);
					thing = yn == wl - 2 && !strncmp(w, yl, yn);
				}
			}
			if (wl == 2 && !strncmp(w, "of", 2)) {   /* "the snout of Leviathan" */
				const char *nw;
				size_t nl = word_before(t, w, &nw);
				char lw[32];
				snprintf(lw, sizeof lw, "%.*s", (int)(nl < 31 ? nl : 31), nw);
				if (nl >= 3 && islower((unsigned char)*nw) && !nov_person_noun_en(nw, nl) && !nov_role_noun_en(n, nw, nl) &&
				    !json_object_get(json_object_get(n->nd, "kin_nouns_en"), lw))
					of_thing++;
			}
		}
	}
	if (!thing && !(uses && of_thing == uses)) return 0;
	/* (a book read is unmade only by a tag, an address or a person's verb right after it;
	 * "Kenilworth went back into his pocket, and he breakfasted" is its owner's act) */
	return !person_evidence_of(n, c, 0, thing);
}

void nov_persons_en(struct nov *n, int *person)
{
	for (size_t c = 0; c < n->n_ch; c++) {
		const struct nch *x = &n->ch[c];
		person[c] = n->zh || (int)c == n->narrator || x->placeholder || x->spoke || x->last || x->gender || x->role || x->role_noun || x->addr_only;
	}
	if (n->zh) return;
	for (size_t i = 0; i < n->n_q; i++) {   /* speaks; is spoken to by name */
		char w[64];
		int s = nov_follow(n, n->q[i].spk);
		if (s >= 0) person[s] = 1;
		int v = nov_vocative_word(n, n->q[i].text, w, sizeof w) ? nov_find_ch(n, w) : -1;
		if (v >= 0) person[v] = person[nov_follow(n, v)] = 1;
	}
	for (size_t a = 0; a < n->n_alias; a++) {   /* the narration gives him another name */
		int w = nov_follow(n, n->alias[a].who);
		if (w >= 0) person[w] = 1;
	}
	for (size_t c = 0; c < n->n_ch; c++)
		if (!person[c] && n->ch[c].merged < 0 && n->ch[c].used) person[c] = with_person(n, (int)c);
	for (size_t c = 0; c < n->n_ch; c++)   /* (a thing's word: whatever else it got) */
		if (person[c] && n->ch[c].merged < 0 && n->ch[c].used && nov_thing_word_en(n, (int)c)) person[c] = 0;
	for (size_t c = 0; c < n->n_ch; c++)   /* (a people's plural: "Two Jews handling cigars") */
		if (person[c] && n->ch[c].merged < 0 && n->ch[c].used && group_word_en(n, (int)c)) person[c] = 0;
	int *spoke = xcalloc(n->n_ch ? n->n_ch : 1, sizeof *spoke);
	for (size_t i = 0; i < n->n_q; i++) {
		int s = nov_follow(n, n->q[i].spk);
		if (s >= 0) spoke[s]++;
	}
	for (size_t c = 0; c < n->n_ch; c++)   /* (a monarch only referred to: "since the days of King Charles") */
		if (person[c] && n->ch[c].merged < 0 && n->ch[c].used && absent_sovereign(n, (int)c, spoke)) person[c] = 0;
	free(spoke);
	for (size_t c = 0; c < n->n_ch; c++)   /* (a book read, a thing someone has: "Sir Walter's Kenilworth") */
		if (person[c] && n->ch[c].merged < 0 && n->ch[c].used && thing_of_text_en(n, (int)c)) person[c] = 0;
	for (size_t c = 0; c < n->n_ch; c++)   /* (a family: "the young Cuzaks") */
		if (person[c] && n->ch[c].merged < 0 && n->ch[c].used && family_plural_en(n, (int)c)) person[c] = 0;
	for (size_t c = 0; c < n->n_ch; c++)   /* (a people's or a faith's word before a person: "the Eusufzai agent") */
		if (person[c] && n->ch[c].merged < 0 && n->ch[c].used && modifier_word_en(n, (int)c)) person[c] = 0;
}

void nov_drop_actor(struct series *s, const char *name)
{
	for (size_t i = 0; i < s->n_eps; i++)
		for (size_t j = 0; j < s->eps[i].n_scenes; j++) {
			struct scene *sc = &s->eps[i].scenes[j];
			for (size_t k = 0; k < sc->n_shots; k++) {
				struct shot *sh = &sc->shots[k];
				for (size_t a = 0; a < sh->n_actors; a++) {
					if (!str_eq(sh->actors[a].name, name)) continue;
					struct actor *y = &sh->actors[a];
					free(y->name); free(y->expression); free(y->pose); free(y->action);
					memmove(sh->actors + a, sh->actors + a + 1, (sh->n_actors - a - 1) * sizeof *sh->actors);
					sh->n_actors--;
					a--;
				}
			}
		}
}
