/* story/novel_phase.c — one exchange resolved as a whole (English). The importer gives
 * speakers quote by quote, so an untagged line guessed wrong at the start of a talk
 * shifts every later untagged line of it. After the whole text is read this file looks
 * at each exchange (the first quotes of adjacent paragraphs, no narration paragraph
 * between): when the lines whose speaker a tag or the paragraph's narration names
 * ("anchored") name two people and all fit one alternation of them, the untagged lines
 * take that alternation too (the phase the anchored lines agree on); the importer then
 * gives those lines to them. An exchange with a third speaker, an unnamed one, anchored
 * lines that break the alternation (someone speaking twice), or a line the alternation
 * would give to the one it speaks to, is left alone.
 *
 *   int *fix = nov_phase_fix(&n);   ... fix[i]: quote i's speaker (a character), or -1
 *   free(fix) (the caller). */
#include "story/novel.h"

#include <stdlib.h>

/* Exchange units u[0..k): writes the speakers of the units to change into fix
 * (allocated on first use, -1 elsewhere); returns the number changed. */
static size_t resolve(struct nov *n, const size_t *u, size_t k, int **fix)
{
	int A = -1, B = -1;
	size_t ta = 0;
	for (size_t t = 0; t < k; t++) {
		int s = nov_follow(n, n->q[u[t]].spk);
		if (s < 0) return 0;   /* someone unnamed, or a group: not two people */
		if (!n->q[u[t]].anchored) continue;
		if (A < 0) { A = s; ta = t; }
		else if (s != A && B < 0) B = s;
		else if (s != A && s != B) return 0;   /* three named speakers */
	}
	if (A < 0) return 0;
	for (size_t t = 0; t < k; t++) {   /* the other one, from the untagged lines */
		int s = nov_follow(n, n->q[u[t]].spk);
		if (s == A || s == B) continue;
		if (B < 0) B = s;
		else return 0;   /* a third one */
	}
	if (B < 0) return 0;
	/* every anchored line on the alternation through A's first anchored line, and no line
	 * given to the one it speaks to ("Yes, Doctor.") */
	for (size_t t = 0; t < k; t++) {
		int want = ((t > ta ? t - ta : ta - t) % 2) ? B : A;
		if (n->q[u[t]].anchored && nov_follow(n, n->q[u[t]].spk) != want) return 0;
		if (n->q[u[t]].voc == want) return 0;
	}
	size_t changed = 0;
	for (size_t t = 0; t < k; t++) {
		int want = ((t > ta ? t - ta : ta - t) % 2) ? B : A;
		if (nov_follow(n, n->q[u[t]].spk) == want) continue;
		if (!*fix) {
			*fix = xcalloc(n->n_q, sizeof **fix);
			for (size_t i = 0; i < n->n_q; i++) (*fix)[i] = -1;
		}
		(*fix)[u[t]] = want;
		changed++;
	}
	return changed;
}

int *nov_phase_fix(struct nov *n)
{
	if (n->zh || !n->n_q) return NULL;
	int *fix = NULL;
	size_t cap = 0, k = 0, *u = NULL;
	for (size_t i = 0; i <= n->n_q; i++) {
		if (i < n->n_q && !n->q[i].first) continue;
		/* a new exchange: the end, a paragraph not right after the last unit's, a scene break */
		if (k && (i == n->n_q || n->q[i].para != n->q[u[k - 1]].para + 1 || n->p[n->q[i].para].brk)) {
			if (k >= 3) resolve(n, u, k, &fix);
			k = 0;
		}
		if (i == n->n_q) break;
		xgrow((void **)&u, &cap, k, sizeof *u);
		u[k++] = i;
	}
	free(u);
	return fix;
}
