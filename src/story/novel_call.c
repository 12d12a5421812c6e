/* story/novel_call.c — a telephone or radio call in English prose: the one who answers
 * talks with a caller who is not in the room ("The phone rang twice before Dana found
 * it." / "Kerr and Lowe." / "Dana, it's your mother."), so the untagged lines alternate
 * between those two, not with the others present; the caller is the one the answerer
 * calls by name ("Maureen. You're up late."), one the narration gives ("It was Sal"), or
 * one the caller's first line names ("it's your mother": the character Mother), else
 * nobody. A hand over the mouthpiece lets the answerer talk with the one in the room who
 * spoke with him before the call; "The line clicked" ends the call, and that one speaks
 * next.
 *
 * The phrases are import.json's novel.call_en (start, aside, back, end). The importer
 * calls nov_call_narration for each piece of narration, nov_call_turn when it looks for
 * whose turn it is, nov_call_spoke after each quote's speaker. Nothing here allocates
 * what the caller frees (a character it adds is n->ch's). */
#include "story/novel.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* 1 if t contains one of the phrases of call_en[kind] (case-insensitive); *at where */
static int has_phrase(struct nov *n, const char *t, const char *kind, const char **at)
{
	const json_t *l = json_object_get(json_object_get(n->nd, "call_en"), kind);
	size_t i;
	json_t *x;
	json_array_foreach(l, i, x) {
		const char *p = json_string_value(x);
		size_t pl = p ? strlen(p) : 0;
		for (const char *h = t; pl && *h; h++)
			if (!strncasecmp(h, p, pl) && (h == t || !isalpha((unsigned char)h[-1]))) { if (at) *at = h; return 1; }
	}
	return 0;
}

/* The sentence of t around h: [*s, *e) */
static void sentence_around(const char *t, const char *h, const char **s, const char **e)
{
	const char *a = h;
	while (a > t && !(strchr(".!?", a[-1]) && a[0] == ' ')) a--;
	const char *b = h;
	while (*b && !(strchr(".!?", *b) && (b[1] == ' ' || !b[1]))) b++;
	*s = a;
	*e = *b ? b + 1 : b;
}

void nov_call_narration(struct nov *n, const char *t)
{
	const char *h;
	if (n->zh || !t || !*t) return;
	if (n->call && has_phrase(n, t, "end", NULL)) {
		/* the talk in the room goes on: the one in it who did not answer speaks next */
		if (n->call_ans >= 0 && n->call_room >= 0) { n->last_spk = n->call_ans; n->prev_spk = n->call_room; }
		n->call = n->call_aside = 0;
		return;
	}
	if (n->call && has_phrase(n, t, "aside", NULL)) n->call_aside = 1;
	else if (n->call && has_phrase(n, t, "back", NULL)) n->call_aside = 0;
	if (!has_phrase(n, t, "start", &h)) return;
	n->call = 2;   /* (2: nobody has spoken since it rang) */
	n->call_aside = 0;
	n->call_ans = n->caller = -1;
	/* the one who answers: the first person the phrase's sentence names ("before Dana Kerr
	 * found it", "I put her through"), else the next sentence's ("This time Marty picked it
	 * up."); another person named there is the caller ("put her through") */
	const char *s, *e;
	sentence_around(t, h, &s, &e);
	for (int k = 0; k < 2 && n->call_ans < 0 && *s; k++) {
		int who[4], first;
		size_t m = nov_refs(n, s, (size_t)(e - s), who, 4, &first);
		for (size_t i = 0; i < m; i++) {
			int w = nov_follow(n, who[i]);
			if (n->call_ans < 0) n->call_ans = w;
			else if (w != n->call_ans && n->caller < 0 && k == 0) n->caller = w;   /* ("I let it ring, to show her": not her) */
		}
		while (*e == ' ') e++;
		s = e;
		if (*s) sentence_around(t, s, &s, &e);
	}
	/* "It was Sal, from the bar downstairs.": the caller */
	for (const char *p = strstr(t, "It was "); p && n->caller < 0; p = strstr(p + 7, "It was ")) {
		int w = nov_name_at(n, p + 7);
		if (w >= 0 && nov_follow(n, w) != n->call_ans) n->caller = nov_follow(n, w);
	}
	/* the one in the room who talked with the answerer before the call */
	int a = nov_follow(n, n->last_spk), b = nov_follow(n, n->prev_spk);
	n->call_room = a >= 0 && a != n->call_ans ? a : b >= 0 && b != n->call_ans ? b : -1;
	if (n->call_room == n->caller) n->call_room = -1;
	/* else one the narration names beside the answerer ("Her business partner, Marty Lowe,
	 * was eating a sandwich at the other desk") */
	int who[6], first;
	size_t m = n->call_room < 0 ? nov_refs(n, t, strlen(t), who, 6, &first) : 0;
	for (size_t i = 0; i < m && n->call_room < 0; i++) {
		int w = nov_follow(n, who[i]);
		if (w != n->call_ans && w != n->caller && !n->ch[w].placeholder) n->call_room = w;
	}
}

/* The caller a line on the caller's side names ("Dana, it's your mother."): the
 * character Mother (added if new), or a known name after "it's" / "this is"; -1. */
static int caller_in(struct nov *n, const char *q)
{
	static const char *const intro[] = { "it's your ", "this is your ", "it is your ", NULL };
	for (int k = 0; intro[k]; k++) {
		const char *h = NULL;
		for (const char *p = q; *p && !h; p++)
			if (!strncasecmp(p, intro[k], strlen(intro[k])) && (p == q || !isalpha((unsigned char)p[-1]))) h = p + strlen(intro[k]);
		if (!h) continue;
		size_t l = nov_word_at(h);
		const char *g = l ? nov_role_noun_en(n, h, l) : NULL;
		if (!g || l >= 24) continue;
		char w[24];
		snprintf(w, sizeof w, "%.*s", (int)l, h);
		w[0] = (char)toupper((unsigned char)w[0]);
		int c = nov_role_char_en(n, h, l);
		if (c < 0) c = nov_add_ch(n, w);
		if (*g && !n->ch[c].gender) n->ch[c].gender = g;
		return nov_follow(n, c);
	}
	static const char *const named[] = { "it's ", "this is ", "It's ", "This is ", NULL };
	for (int k = 0; named[k]; k++)
		for (const char *p = strstr(q, named[k]); p; p = strstr(p + 1, named[k])) {
			int w = nov_name_at(n, p + strlen(named[k]));
			if (w >= 0 && nov_follow(n, w) != n->call_ans) return nov_follow(n, w);
		}
	return -1;
}

int nov_call_turn(struct nov *n, int a, const char *q, int *turn)
{
	if (n->zh || !n->call || n->call_ans < 0) return 0;
	if (n->call == 2) { *turn = n->call_ans; return 1; }   /* the first line after the ring: "Hello?" */
	if (a < 0) return 0;
	if (n->call_aside) {   /* the room talks: the answerer and the one in the room */
		if (n->call_room < 0) return 0;
		*turn = a == n->call_ans ? n->call_room : n->call_ans;
		return 1;
	}
	if (a != n->call_ans || n->anon_last) { *turn = n->call_ans; return 1; }
	if (n->caller < 0) n->caller = caller_in(n, q);
	*turn = n->caller;
	return 1;
}

void nov_call_spoke(struct nov *n, int spk, int voc)
{
	if (n->zh || !n->call) return;
	spk = nov_follow(n, spk);
	n->call = 1;
	if (n->call_ans < 0 && spk >= 0) n->call_ans = spk;
	/* the answerer calls the caller by name ("Maureen. You're up late.", "..., Mum.") */
	if (!n->call_aside && spk >= 0 && spk == n->call_ans && voc >= 0 && voc != spk && n->caller < 0) n->caller = voc;
}
