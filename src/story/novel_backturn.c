/* story/novel_backturn.c — English: a run of untagged lines read back from the tag that ends
 * it (after the learned re-ranking, novel_rank.c). Turn-taking guesses each untagged line
 * forward from the lines before it; in a scene of three or more people it can take the
 * wrong pair, or the right pair out of step, and keep that for the whole run:
 *
 *   "Jordan's going to play tomorrow," explained Daisy.  / "Oh—you're Jordan Baker." /
 *   "Good night," she said softly. / "If you'll get up." / "I will. Good night." /
 *   "Of course you will," confirmed Daisy.
 *
 * When the last guessed line before a tagged one goes to the tagged line's own speaker x,
 * the guesses are out of step with that tag (x would speak two turns running). The run then
 * alternates back from the tag: x, the other one y, x, ... to its first line. y: the next
 * tagged speaker after the tag who is not x, else the first other one the guesses give.
 * A run: the untagged paragraphs of quotes right before the tagged one, in consecutive
 * paragraphs of one scene (no narration paragraph between). Not read back:
 *  - when the tagged paragraph before the run is x's or y's but out of step with the
 *    reading (both tags cannot be right with two people alternating: someone spoke twice,
 *    or one tag is wrong),
 *  - when the last guessed paragraph runs on into the tagged one (one speech over two
 *    paragraphs: the same speaker twice is right),
 *  - when a line would go to the one it calls by name. */
#include "story/novel.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* one paragraph's turn: its first quote, the quote after its last, 1 if a tag anchors any of them */
struct turn { size_t q0, q1; int anchored; };

#define SPK(k) nov_follow(n, n->q[k].spk)

/* The turns of the consecutive paragraphs from quote i on (one scene, no narration paragraph
 * between), at most cap, into t: their number; *next the quote after them. */
static size_t turns_from(struct nov *n, size_t i, struct turn *t, size_t cap, size_t *next)
{
	size_t m = 0, k = i;
	while (k < n->n_q && m < cap) {
		if (m && (n->q[k].scene != n->q[t[m - 1].q0].scene || n->q[k].para != n->q[t[m - 1].q0].para + 1)) break;
		size_t e = k;
		int a = 0;
		while (e < n->n_q && n->q[e].para == n->q[k].para) a |= n->q[e++].anchored;
		t[m++] = (struct turn){ k, e, a };
		k = e;
	}
	*next = k;
	return m;
}

/* The untagged turns [s, f) before the tagged turn f alternate back from it (x the tagged
 * speaker, y the other one), unless a line would go to the one it calls by name (then all
 * stay). A paragraph's quotes by another voice than its first stay. */
static void read_back(struct nov *n, struct episode *e, const struct turn *t, size_t s, size_t f, int x, int y)
{
	for (size_t k = s; k < f; k++)
		for (size_t q = t[k].q0; q < t[k].q1; q++)
			if (nov_follow(n, n->q[q].voc) == ((f - k) % 2 ? y : x)) return;
	for (size_t k = s; k < f; k++) {
		int want = (f - k) % 2 ? y : x, was = SPK(t[k].q0);
		for (size_t q = t[k].q0; q < t[k].q1; q++) {
			int w = SPK(q);
			if (w == want || w != was) continue;
			if (n->q[q].scene < e->n_scenes) nov_respeak(n, &e->scenes[n->q[q].scene], &n->q[q], w, want);
			n->q[q].spk = want;
		}
	}
}

void nov_back_turns_en(struct nov *n, struct episode *e)
{
	enum { CAP = 512 };
	struct turn *t = xmalloc(CAP * sizeof *t);
	for (size_t i = 0; i < n->n_q;) {
		size_t next, m = turns_from(n, i, t, CAP, &next);
		for (size_t f = 1; f < m; f++) {
			if (!t[f].anchored || t[f - 1].anchored) continue;
			size_t s = f - 1;
			while (s > 0 && !t[s - 1].anchored) s--;
			int x = SPK(t[f].q0);
			if (x < 0 || f - s < 2 || SPK(t[f - 1].q0) != x) continue;
			if (n->p[n->q[t[f - 1].q0].para].open_end) continue;
			int y = -1;
			for (size_t k = f + 1; k < m && y < 0; k++)
				if (t[k].anchored && SPK(t[k].q0) >= 0 && SPK(t[k].q0) != x) y = SPK(t[k].q0);
			for (size_t k = s; k < f && y < 0; k++)
				if (SPK(t[k].q0) >= 0 && SPK(t[k].q0) != x) y = SPK(t[k].q0);
			if (y < 0) continue;
			if (s > 0) {
				int b = SPK(t[s - 1].q0), want = (f - s + 1) % 2 ? y : x;
				if ((b == x || b == y) && b != want) continue;
			}
			read_back(n, e, t, s, f, x, y);
		}
		i = next > i ? next : i + 1;
	}
	free(t);
}

/* The one quote q ends by calling by name, or -1: its last clause, after a comma, is one to
 * three words that open with a name ("When will he come home, Marmee?", "Nothing today,
 * Davy."), not a clause ("..., I mean.") or an apposition ("Peterson, the commissionaire?"). */
static int called_at_end(struct nov *n, const char *q)
{
	const char *c = strrchr(q, ',');
	if (!c) return -1;
	int words = 0;
	for (const char *p = c + 1; *p; p++) {
		if (isalpha((unsigned char)*p) && (p == c + 1 || p[-1] == ' ')) words++;
		if (strchr(";:\"", *p)) return -1;
	}
	while (*++c == ' ') {}
	return words >= 1 && words <= 3 ? nov_follow(n, nov_name_at(n, c)) : -1;
}

/* '"When will he come home, Marmee?" / "Not for many months, dear ..."': a line that ends by
 * calling someone by name hands the turn to that one. An untagged paragraph of one quote and
 * no narration right after it (one scene) is the called one's, whatever turn-taking or the
 * re-ranking (novel_rank.c) gave it; not when the called one spoke the calling line, nor when
 * the line calls that one too ("How do, Maria?" / "Workun hard nowadays, Maria?": the same
 * voice goes on). All sets EN +6 (en_dickens_tale2, en_thackeray_vanity3, en_twain_yankee24,
 * en_norris_mcteague2, en_station3, en_vicarage), no text down; with any address the quote
 * before holds (q->voc alone) it was -3, with any short last clause +2 (one text down by 2). */
void nov_called_answers_en(struct nov *n, struct episode *e)
{
	for (size_t i = 1; i < n->n_q; i++) {
		struct nq *q = &n->q[i], *b = &n->q[i - 1];
		if (q->anchored || q->scene != b->scene || q->para != b->para + 1) continue;
		const struct para *pa = &n->p[q->para];
		if (pa->n != 1 || !pa->v[0].quote) continue;   /* (no narration in its paragraph) */
		int v = nov_follow(n, b->voc), s = SPK(i);
		if (v < 0 || v == s || v == SPK(i - 1) || nov_follow(n, q->voc) == v || called_at_end(n, b->text) != v) continue;
		if (q->scene < e->n_scenes) nov_respeak(n, &e->scenes[q->scene], q, s, v);
		q->spk = v;
		n->ch[v].used = 1;
	}
}
