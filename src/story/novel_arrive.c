/* story/novel_arrive.c — English: people who come into a scene and open its talk ("...
 * when Odette came in", "when a boy of about ten came in"), unnamed ones who are then named
 * ("said a cheery voice at the door" ... "Mrs. March got her wet things off"; "What's your
 * name?" / "Toby."), and who opens talk after narration (n->seed). Split from novel.c;
 * nothing here allocates what the caller frees. */
#define _GNU_SOURCE              /* strcasestr */
#include "story/novel.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int came_in(struct nov *n, int c, size_t pb, size_t pe);

/* The gender of the newcomer noun of the phrase "a"/"an" at p ("a man", "a tall, motherly
 * lady": the noun within five words, before e), *end after it; NULL if none. */
static const char *newcomer_at(struct nov *n, const char *t, const char *p, const char *e, const char **end)
{
	if ((p > t && isalpha((unsigned char)p[-1])) || tolower((unsigned char)*p) != 'a') return NULL;
	size_t al = nov_word_at(p);
	if (!(al == 1 || (al == 2 && p[1] == 'n'))) return NULL;
	const json_t *nouns = json_object_get(n->nd, "newcomer_nouns_en");
	const char *q = p + al;
	for (int k = 0; k < 5 && q < e; k++) {
		while (q < e && (*q == ' ' || *q == ',' || *q == '-')) q++;
		size_t ql = nov_word_at(q);
		if (!ql || q + ql > e) break;
		char w[24];
		snprintf(w, sizeof w, "%.*s", (int)(ql < 23 ? ql : 23), q);
		q += ql;
		const char *g = json_string_value(json_object_get(nouns, w));
		if (g) { *end = q; return g; }
	}
	return NULL;
}

/* "when a boy of about ten came in", "A tall woman walked in": an unnamed person the
 * narration t brings in (a newcomer noun of newcomer_nouns_en within five words after
 * "a"/"an", then an arrive_en phrase within four more): the placeholder of that gender,
 * or -1 (English). */
int nov_newcomer_en(struct nov *n, const char *t)
{
	const json_t *arrive = json_object_get(n->nd, "arrive_en");
	const char *te = t + strlen(t);
	for (const char *p = t; *p; p++) {
		const char *q, *g = newcomer_at(n, t, p, te, &q);
		if (!g) continue;
		const char *e = q;   /* the arrive phrase: within four words, in the sentence */
		for (int w = 0; *e && w < 5 && !strchr(".!?;", *e); e++) w += *e == ' ';
		size_t i;
		json_t *x;
		json_array_foreach(arrive, i, x) {
			const char *a = json_string_value(x);
			size_t l = strlen(a);
			for (const char *h = q; l && h < e; h++)
				if (!strncmp(h, a, l)) return nov_placeholder(n, g);
		}
	}
	return -1;
}

/* '"Hold your noise!" cried a terrible voice, as a man started up from among the graves':
 * a tag [t, t+body) whose subject is "a [adjective] voice" after a said-verb in its first
 * three words, and a sentence that then brings on "a man" ("a tall, motherly lady"): the
 * unnamed one of that gender; -1 if the tag is no such (English). */
int nov_voice_newcomer(struct nov *n, const char *t, size_t body)
{
	const char *p = t, *te = t + body;
	int k = 0, said = 0;
	for (; p < te && k < 3 && !said; k++) {   /* the said-verb */
		while (p < te && !isalpha((unsigned char)*p)) p++;
		size_t wl = nov_word_at(p);
		if (!wl) return -1;
		said = nov_said_verb_en(n, p, wl);
		p += wl;
	}
	while (p < te && *p == ' ') p++;
	size_t al = nov_word_at(p);
	if (!said || !(al == 1 || al == 2) || tolower((unsigned char)*p) != 'a' || (al == 2 && p[1] != 'n')) return -1;
	int voice = 0;   /* "a terrible voice": within three words */
	p += al;
	for (k = 0; k < 3 && p < te && !voice; k++) {
		while (p < te && (*p == ' ' || *p == ',')) p++;
		size_t wl = nov_word_at(p);
		if (!wl) break;
		voice = wl == 5 && !strncmp(p, "voice", 5);
		p += wl;
	}
	if (!voice) return -1;
	const char *e = t;
	while (*e && !strchr(".!?", *e)) e++;
	for (const char *q = t + body; q < e; q++) {
		const char *end, *g = newcomer_at(n, t, q, e, &end);
		if (g) return nov_placeholder(n, g);
	}
	return -1;
}

/* "Dr. Okafor was still writing when Nurse Bell put her head round the door.": the one
 * who arrives in a when-clause ("when", "till", "until" and a name; "when a boy came in")
 * in narration t, or -1 (English). */
static int arriving(struct nov *n, const char *t)
{
	static const char *const conj[] = { " when ", " till ", " until ", "By the time ", " by the time ", NULL };
	for (int k = 0; conj[k]; k++)
		for (const char *h = strstr(t, conj[k]); h; h = strstr(h + 1, conj[k])) {
			int who = nov_name_at(n, h + strlen(conj[k]));
			if (who < 0 || n->ch[who].placeholder) continue;
			return who;
		}
	return nov_newcomer_en(n, t);   /* "... when a boy of about ten came in" */
}

/* The one who arrives speaks first when talk opens after it (n->seed: that one, then the
 * first one named). */
void nov_arrival_first_en(struct nov *n, const char *t)
{
	int who = arriving(n, t);
	if (who < 0 || who == n->seed[0]) return;
	n->seed[1] = n->seed[0] >= 0 ? n->seed[0] : n->seed[1];
	n->seed[0] = who;
}

/* "Ewan Muir was underneath it with a scraper. His son Callum was on top of it, doing
 * less.": the one the paragraph's last sentence opens with acted last and opens the talk
 * that follows, the first one named answers (n->seed; English). */
void nov_last_sentence_first_en(struct nov *n, const char *t)
{
	const char *ls = t;
	for (const char *q = t; *q; q++)
		if ((*q == '.' || *q == '!' || *q == '?') && q[1] == ' ' && isupper((unsigned char)q[2])) ls = q + 2;
	if (ls == t) return;   /* (one sentence: the first named opens) */
	if (arriving(n, ls) >= 0) return;   /* "... when Odette came in": she opens (arrival_first) */
	/* the first name of its first clause ("Every morning Miss Tulley, who ...", "His son
	 * Callum was ..."), else a relation opening it ("Her mother watched ...") */
	int who = -1;
	for (const char *w = ls; *w && !strchr(",;:.!?", *w) && who < 0; w++)
		if ((w == ls || w[-1] == ' ') && isupper((unsigned char)*w)) who = nov_name_at(n, w);
	if (who < 0) who = nov_relation_subject_en(n, ls);
	who = nov_follow(n, who);
	if (who < 0 || n->ch[who].placeholder || who == n->narrator || who == nov_follow(n, n->seed[0])) return;
	/* not one asleep ("Her sister Beth was asleep in the passenger seat": "Wake up.") */
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(n->nd, "asleep_en"), i, x)
		if (strstr(ls, json_string_value(x))) return;
	n->seed[1] = n->seed[0];
	n->seed[0] = who;
}

/* '"Glad to find you so merry," said a cheery voice at the door, and ... a tall, motherly
 * lady' / '"Well, dearies ..."' / 'Mrs. March got her wet things off': an unnamed one who
 * has been talking (one of the last two speakers) is the one the narration then names
 * for the first time in the text (paragraph pi), when the genders fit (English). seen:
 * each character's mentions before the narration (the first had of them); two: the last
 * two speakers. */
void nov_named_newcomer(struct nov *n, size_t pi, const int *seen, size_t had, const int *two)
{
	for (int k = 0; k < 2; k++) {
		int ph = two[k];
		if (ph < 0 || !n->ch[ph].placeholder || n->ch[ph].merged >= 0 || !n->ch[ph].spoke) continue;
		for (size_t c = 0; c < had; c++) {
			if (seen[c] || !n->ch[c].count || n->ch[c].merged >= 0 || n->ch[c].placeholder || n->ch[c].spoke || (int)c == n->narrator) continue;
			if (!str_eq(n->ch[c].gender, n->ch[ph].gender)) continue;
			int before = 0;   /* (not one the quotes named before: "We close when Dev says") */
			for (size_t q = 0; q < pi && !before; q++) before = n->p[q].raw && strstr(n->p[q].raw, n->ch[c].name) != NULL;
			if (before || came_in(n, (int)c, pi, pi)) continue;   /* ("Hollis came in from the yard": a newcomer) */
			nov_merge_into(n, ph, (int)c);
			return;
		}
	}
}

/* "What's your name?" / "Toby. Toby Grant.": an unnamed one who answers a question for
 * his name with a first sentence of one to three capitalised words is called so, known
 * before or not (English; after the exchanges have their speakers). */
void nov_name_answers(struct nov *n)
{
	const json_t *asks = json_object_get(n->nd, "name_question_en");
	for (size_t i = 1; i < n->n_q; i++) {
		int ph = nov_follow(n, n->q[i].spk);
		if (ph < 0 || !n->ch[ph].placeholder) continue;
		int asked = 0;
		size_t k;
		json_t *x;
		json_array_foreach(asks, k, x) asked |= strcasestr(n->q[i - 1].text, json_string_value(x)) != NULL;
		const char *q = n->q[i].text, *dot = strchr(q, '.');
		/* ("Ben Weatherstaff," he answered: the whole quote, cut by its tag) */
		size_t ql = strlen(q);
		while (ql && q[ql - 1] == ' ') ql--;
		if (!dot && ql && strchr(",!", q[ql - 1])) dot = q + ql - 1;
		if (!asked || !dot || dot == q || dot - q > 60) continue;
		int words = 0, caps = 1;
		for (const char *w = q; w < dot; w++)
			if (w == q || w[-1] == ' ') { words++; caps &= isupper((unsigned char)*w) != 0; }
		size_t td;
		if (!caps || words > 3 || (words == 1 && nov_is_title_word(n, q, nov_word_at(q), &td))) continue;
		char *nm = xstrndup(q, (size_t)(dot - q));
		int c = nov_add_ch(n, nm);
		free(nm);
		if (c != ph && !n->ch[c].spoke && c != n->narrator) nov_merge_into(n, ph, c);
	}
}

/* '"My name is Hareton Earnshaw," growled the other': one who gives a name as his own
 * ("My name is", "I am", "Call me": self_intro_en in the first person, then a name the
 * cast holds, not in the possessive) is its owner, whatever turn-taking or a role noun
 * guessed: an unnamed one (a placeholder) who says so becomes that one with all his
 * lines, when that one had no line of his own; a quote no tag anchored is given to that
 * one, with the quotes after it in its paragraph that went to the same guess. Not the
 * first-person narrator's quotes or name, nor a name the quote calls (English; after the
 * exchanges). */
void nov_self_named_en(struct nov *n, struct episode *e)
{
	const json_t *intro = json_object_get(n->nd, "self_intro_en");
	for (size_t i = 0; i < n->n_q; i++) {
		const char *q = n->q[i].text;
		int c = -1;
		size_t k;
		json_t *x;
		json_array_foreach(intro, k, x) {
			const char *w = json_string_value(x), *h = w ? strstr(q, w) : NULL;
			/* (only the first person names himself: "This is Nursey Hummel" names another) */
			if (!h || c >= 0 || (h > q && isalpha((unsigned char)h[-1])) || !(strstr(w, "I") || strstr(w, "My") || strstr(w, "me"))) continue;
			const char *p = h + strlen(w);
			if (*p != ' ') continue;
			while (*p == ' ') p++;
			int who = isupper((unsigned char)*p) ? nov_name_at(n, p) : -1;
			if (who < 0) continue;
			/* (the name as written, its capitalised words: "I am Mr. Veeley's clerk",
			 * "I'm Peter's son" is no self-naming) */
			size_t l = 0;
			while (isupper((unsigned char)p[l])) {
				while (isalpha((unsigned char)p[l]) || p[l] == '.') l++;
				if (p[l] != ' ' || !isupper((unsigned char)p[l + 1])) break;
				l++;
			}
			if (p[l] == '\'' || !strncmp(p + l, "\xE2\x80\x99", 3)) continue;
			c = who;
		}
		if (c < 0 || c == n->narrator || n->ch[c].placeholder) continue;
		int s = nov_follow(n, n->q[i].spk);
		if (s == c || (s >= 0 && s == n->narrator) || nov_follow(n, n->q[i].voc) == c) continue;
		if (s >= 0 && n->ch[s].placeholder) {
			if (!n->ch[c].spoke) nov_merge_into(n, s, c);
			continue;
		}
		if (n->q[i].anchored) continue;
		for (size_t j = i; j < n->n_q && n->q[j].para == n->q[i].para; j++) {
			if (nov_follow(n, n->q[j].spk) != s || (j > i && n->q[j].anchored)) break;
			if (n->q[j].scene < e->n_scenes) nov_respeak(n, &e->scenes[n->q[j].scene], &n->q[j], s, c);
			n->q[j].spk = c;
			n->q[j].anchored = 1;
			n->q[j].how = NOV_HOW_LATE;
		}
	}
}

/* 1 if the English quote q is a few words that name who, and no more ("poor Isabella",
 * quoted from someone's inquiries): nobody says that of himself (but "I'm Davy"; never
 * the narrator). */
int nov_names_only(struct nov *n, const char *q, int who)
{
	size_t words = 0;
	for (const char *p = q; *p; p++)
		if (isalpha((unsigned char)*p) && (p == q || (!isalpha((unsigned char)p[-1]) && p[-1] != '\''))) words++;
	if (words > 3 || !q[0] || strchr(q, '.') || strchr(q, '?') || who == n->narrator) return 0;
	for (const char *p = q; *p; p++)   /* "I'm Davy": one says his own name so */
		if (*p == 'I' && (p == q || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[1])) return 0;
	const char *nm = n->ch[who].name, *h = strstr(q, nm);
	return h && (h == q || !isalpha((unsigned char)h[-1])) && !isalpha((unsigned char)h[n->ch[who].len]);
}

/* 1 if the name of c (or its last word, a whole word) is written in r (English). */
static int has_name(struct nov *n, int c, const char *r)
{
	const char *nm = n->ch[c].name, *sur = n->ch[c].last ? nm + n->ch[c].last : NULL;
	if (!r) return 0;
	if (strstr(r, nm)) return 1;
	if (sur && strlen(sur) > 2)
		for (const char *h = strstr(r, sur); h; h = strstr(h + 1, sur))
			if ((h == r || !isalpha((unsigned char)h[-1])) && !isalpha((unsigned char)h[strlen(sur)])) return 1;
	return 0;
}

/* 1 if the narration of paragraphs [pb, pe] writes the name of c right before one of
 * arrive_en ("Tom came in", "Mrs. Hale walked into the kitchen") (English). */
static int came_in(struct nov *n, int c, size_t pb, size_t pe)
{
	const json_t *arr = json_object_get(n->nd, "arrive_en");
	const char *nm = n->ch[c].name;
	size_t l = strlen(nm);
	for (size_t p = pb; p <= pe && p < n->n_p; p++)
		for (size_t k = 0; k < n->p[p].n; k++) {
			if (n->p[p].v[k].quote) continue;
			for (const char *h = strstr(n->p[p].v[k].text, nm); h; h = strstr(h + l, nm)) {
				size_t i;
				json_t *x;
				json_array_foreach(arr, i, x) {
					const char *a = json_string_value(x);
					if (!strncmp(h + l, a, strlen(a))) return 1;
				}
			}
		}
	return 0;
}

/* 1 if the name of c is written in paragraphs [0, pe) (English). */
static int named_before(struct nov *n, int c, size_t pe)
{
	for (size_t p = 0; p < pe && p < n->n_p; p++)
		if (has_name(n, c, n->p[p].raw)) return 1;
	return 0;
}

/* 1 if the name at h in quote q follows a self-introduction ("My name is", "I am": self_intro_en)
 * in the same sentence. */
static int self_named(struct nov *n, const char *q, const char *h)
{
	const char *s = h;
	while (s > q && !strchr(".!?", s[-1])) s--;
	const json_t *intro = json_object_get(n->nd, "self_intro_en");
	size_t i;
	json_t *x;
	json_array_foreach(intro, i, x) {
		const char *m = strstr(s, json_string_value(x));
		if (m && m < h) return 1;
	}
	return 0;
}

/* The first voice within four quotes after quote last, in its scene, that had no line
 * before: a named one, not the narrator nor a placeholder; its quote's index in *xi. -1 if
 * none (a stranger named late: nov_named_late, nov_zh_named_late). */
int nov_new_voice_after(struct nov *n, size_t last, size_t *xi)
{
	for (size_t i = last + 1; i < n->n_q && i <= last + 4 && n->q[i].scene == n->q[last].scene; i++) {
		int w = nov_follow(n, n->q[i].spk);
		if (w < 0 || n->ch[w].placeholder || w == n->narrator) continue;
		int earlier = 0;
		for (size_t j = 0; j < i && !earlier; j++) earlier = nov_follow(n, n->q[j].spk) == w;
		if (!earlier) {
			*xi = i;
			return w;
		}
	}
	return -1;
}

/* '"Trouble?" ... "Pop the hood for me." ... "It's a car," Kowalski said.': an unnamed one
 * (a placeholder) who talks and then falls silent, when the next new voice of the scene,
 * a few quotes on, is a name the text had not written before the unnamed one came on, is
 * that name: the text names a stranger once it knows him, and the stranger does not leave
 * the talk the moment a new person joins it (English; after the exchanges have their
 * speakers). Never when the two both speak after the name is known, or the genders clash. */
void nov_named_late(struct nov *n)
{
	for (size_t ph = 0; ph < n->n_ch; ph++) {
		if (!n->ch[ph].placeholder || n->ch[ph].merged >= 0) continue;
		size_t first = n->n_q, last = 0;
		for (size_t i = 0; i < n->n_q; i++)
			if (nov_follow(n, n->q[i].spk) == (int)ph) { if (first == n->n_q) first = i; last = i; }
		if (first == n->n_q) continue;
		size_t xi = 0;
		int x = nov_new_voice_after(n, last, &xi);
		if (x < 0) continue;
		const char *g = n->ch[ph].gender, *h = n->ch[x].gender;
		if (g && h && strcmp(g, h)) continue;
		if (named_before(n, x, n->q[first].para)) continue;
		/* the narration brings him in after the stranger's last line ("Tom came in"): he is another */
		if (came_in(n, x, n->q[last].para, n->q[xi].para)) continue;
		/* the stranger who calls the name in address ("Hollis, come out here!", "Come
		 * here, Hollis.") is not its owner, unless he gives it as his own ("My name is Hollis") */
		const char *nm = n->ch[x].name, *sur = n->ch[x].last ? nm + n->ch[x].last : nm;
		int calls = 0;
		for (size_t i = first; i <= last && !calls; i++) {
			if (nov_follow(n, n->q[i].spk) != (int)ph) continue;
			const char *q = n->q[i].text;
			for (const char *h = strstr(q, sur); h && !calls; h = strstr(h + 1, sur)) {
				const char *a = h + strlen(sur), *b = h;
				while (b > q && b[-1] == ' ') b--;
				/* in address: opening a sentence before a comma or a mark, or after a comma at its end */
				int opens = b == q || strchr(".!?", b[-1]), after = b > q && b[-1] == ',';
				calls = ((opens && *a && strchr(",!?", *a)) || (after && (!*a || strchr(".!?,", *a)))) && !self_named(n, q, h);
			}
		}
		if (calls) continue;
		nov_merge_into(n, (int)ph, x);
	}
}
