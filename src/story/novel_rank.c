/* story/novel_rank.c — a learned re-ranking of the speakers the cascade only guessed
 * (see novel.h). Rules tuned on one book carry badly to the next; here the quotes no tag
 * anchored are decided again by a linear score over general features of each candidate
 * (who spoke one, two, three quotes before or after, who the narration around names,
 * who was just addressed, the alternation from the nearest anchored line, the narrator;
 * since 2026-12-07 also: the one two turns back in a strict A-B-A alternation, the two
 * people alone in the turns around, one named in the quote before, the subject of the last
 * sentence of narration before the quote, the candidate's share of the tags in the scene
 * and the turns to its next tag, a first-person narrator in first-person narration, and
 * the gender of a pronoun tag next to the quote ("she said") against the candidate's),
 * with weights fitted on every annotated quotation of tests/prose by tools/train_rank.c.
 * A line a pronoun tag anchored ("she said", 他道: a weak tag, which names the speaker only
 * by gender and focus) is decided again too, by a model of its own (the weak_* features:
 * the cascade's pick, the subject of the last sentence of narration before it, the last
 * one of the tag's gender the narration named, the last speaker of that gender, the one the
 * quote before addressed, one named in the paragraph, the turns before and after), among the
 * candidates of the tag's gender (or of none known), never the first-person narrator; only
 * when the weights file gives a weak_* feature a weight (else the cascade keeps them).
 * Every feature is computed from the cascade's speakers before anything changes, so the
 * result does not depend on the order of the decisions (and the trainer sees the same
 * features the program does).
 *
 * Weights file (data/novel_rank_en.tsv, _zh.tsv): "#" comments, blank lines, and lines
 *   FEATURE<TAB>WEIGHT
 * FEATURE one of nov_rank_feature, each at most once; WEIGHT a finite number of at most
 * 1e6 in size. Features not listed weigh 0. */
#include "story/novel.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct nov_rank_log *nov_rank_log;

enum {
	F_CASCADE, F_GUESS_CASCADE, F_PREV1, F_PREV2, F_PREV34, F_NEXT1, F_NEXT2, F_PREV1_ANCH, F_PREV2_ANCH,
	F_NEXT1_ANCH, F_NEXT2_ANCH, F_SAME_PARA, F_NAMED_BEFORE, F_NAMED_AFTER, F_SUBJECT, F_NAMED_PREV,
	F_VOC_PREV, F_VOC_SELF, F_NARRATOR, F_NOBODY, F_PLACEHOLDER, F_PAR_BACK, F_PAR_BACK_ODD, F_PAR_FWD,
	F_PAR_FWD_ODD, F_TAG_RECENT, F_COUNT, F_IN_SCENE, F_PAR_BACK_OTHER, F_PAR_FWD_OTHER, F_CASC_REPEAT, F_PAR_BOTH, F_NAMED_IN_QUOTE, F_ANSWERS, F_PREV1_ASKED, F_PREV1_GAP, F_PREV1_BEAT, F_PREV1_CALLED, F_GENDER_FITS, F_GENDER_CLASH,
	F_ALT_PAIR, F_ALT_PAIR_ANCH, F_NAMED_PREV_QUOTE, F_SUBJECT_LAST, F_SCENE_SHARE, F_TAG_NEXT, F_NARR_FIRST, F_TAG_PRON_FITS, F_TAG_PRON_CLASH,
	F_PAIR_MEMBER,
	/* a weak-tagged line's own features: last, from F_W_CASCADE on (tools/train_rank.c counts on it) */
	F_W_CASCADE, F_W_SUBJECT_LAST, F_W_LAST_NAMED, F_W_LAST_SPEAKER, F_W_ADDRESSED, F_W_NAMED_PARA, F_W_PREV_TURN,
	F_W_SAME_PARA, F_W_NEXT_TURN, F_W_GENDER_UNKNOWN
};

/* the weak-tagged line's copies of general features: { its own, the general one } */
static const int weak_copy[][2] = {
	{ F_W_ADDRESSED, F_VOC_PREV }, { F_W_NAMED_PARA, F_NAMED_BEFORE }, { F_W_PREV_TURN, F_PREV1 }, { F_W_SAME_PARA, F_SAME_PARA },
	{ F_W_NEXT_TURN, F_NEXT1 },
};
#define N_WEAK_COPY (sizeof weak_copy / sizeof weak_copy[0])
_Static_assert(F_W_GENDER_UNKNOWN + 1 == NOV_RANK_NF, "NOV_RANK_NF (story/novel.h) is the number of features");

/* (2026-12-07: features cascade_by_STEP, the candidate being the cascade's pick and STEP
 * having made it, moved leave-one-author-out EN +1, ZH +6 of ~8000: the steps' records are in
 * the features already; tools/train_rank.c prints them) */
const char *const nov_how_name[NOV_HOW_N] = {
	"other", "tag", "same", "beat", "answer", "turn", "called", "subject", "seed", "nobody", "back2back", "own_name", "phase", "exchange", "late"
};

const char *const nov_rank_feature[NOV_RANK_NF] = {
	"cascade", "guessed_cascade", "prev1", "prev2", "prev34", "next1", "next2", "prev1_anchored", "prev2_anchored",
	"next1_anchored", "next2_anchored", "same_paragraph", "named_before", "named_after", "subject", "named_prev_paragraph",
	"addressed_before", "addressed_here", "narrator", "nobody", "placeholder", "parity_back", "parity_back_odd", "parity_forward",
	"parity_forward_odd", "tag_recent", "count", "in_scene", "parity_back_other", "parity_forward_other", "cascade_repeats",
	"parity_both", "named_in_quote", "answers", "prev1_after_question", "prev1_after_narration", "prev1_after_beat",
	"prev1_called_someone", "gender_fits", "gender_clash",
	"alternating_pair", "alternating_pair_anchored", "named_in_prev_quote", "subject_last_sentence", "scene_tag_share", "tag_next",
	"narrator_first_person", "tag_pronoun_fits", "tag_pronoun_clash", "pair_member",
	"weak_cascade", "weak_subject_last", "weak_last_named", "weak_last_speaker", "weak_addressed", "weak_named_paragraph",
	"weak_prev_turn", "weak_same_paragraph", "weak_next_turn", "weak_gender_unknown"
};

int nov_rank_parse(const char *buf, size_t len, const char *path, struct nov_rank_w *w)
{
	int seen[NOV_RANK_NF] = { 0 };
	memset(w, 0, sizeof *w);
	size_t line = 0;
	for (size_t p = 0; p < len;) {
		size_t e = p;
		while (e < len && buf[e] != '\n') e++;
		line++;
		char l[256];
		size_t ll = e - p;
		const char *s = buf + p;
		p = e + 1;
		while (ll && (s[ll - 1] == '\r' || s[ll - 1] == ' ')) ll--;
		if (!ll || *s == '#') continue;
		if (ll >= sizeof l) return err_set(ERR_INPUT, "%s:%zu: line too long (%zu bytes); write FEATURE<TAB>WEIGHT", path, line, ll);
		if (memchr(s, 0, ll)) return err_set(ERR_INPUT, "%s:%zu: a NUL byte; the weights file is text: FEATURE<TAB>WEIGHT", path, line);
		memcpy(l, s, ll);
		l[ll] = 0;
		char *tab = strchr(l, '\t');
		if (!tab) return err_set(ERR_INPUT, "%s:%zu: no tab between the feature and its weight; write FEATURE<TAB>WEIGHT", path, line);
		*tab = 0;
		int f;
		for (f = 0; f < NOV_RANK_NF && strcmp(l, nov_rank_feature[f]); f++) {}
		if (f == NOV_RANK_NF) return err_set(ERR_INPUT, "%s:%zu: unknown feature \"%.40s\"; use one of the names in story/novel_rank.c", path, line, l);
		if (seen[f]) return err_set(ERR_INPUT, "%s:%zu: feature \"%s\" given twice; keep one line", path, line, l);
		char *end;
		errno = 0;
		double v = strtod(tab + 1, &end);
		while (*end == ' ') end++;
		if (end == tab + 1 || *end || errno || !isfinite(v) || fabs(v) > 1e6)
			return err_set(ERR_INPUT, "%s:%zu: weight \"%.40s\" of %s is not a finite number within +-1e6; re-train (make train-rank)", path, line,
			               tab + 1, l);
		seen[f] = 1;
		w->w[f] = v;
	}
	w->loaded = 1;
	return 0;
}

int nov_rank_load(const char *path, struct nov_rank_w *w)
{
	char *buf = NULL;
	size_t len;
	memset(w, 0, sizeof *w);
	FILE *f = fopen(path, "rb");
	if (!f) return errno == ENOENT ? 1 : err_set(ERR_IO, "%s: cannot open the speaker weights: %s", path, strerror(errno));
	fclose(f);
	if (file_read_all(path, &buf, &len) < 0) return -1;
	int rc = nov_rank_parse(buf, len, path, w);
	free(buf);
	return rc;
}

double nov_rank_score(const struct nov_rank_w *w, const float *f)
{
	double s = 0;
	for (int k = 0; k < NOV_RANK_NF; k++) s += w->w[k] * f[k];
	return s;
}

void nov_rank_log_free(struct nov_rank_log *l)
{
	for (size_t i = 0; i < l->n; i++)
		for (size_t c = 0; c < l->r[i].n_cand; c++) free(l->r[i].name[c]);
	free(l->r);
	memset(l, 0, sizeof *l);
}

char *nov_rank_author(const char *path, char *out, size_t cap)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *a = strchr(base, '_'), *e;
	a = a ? a + 1 : base;   /* (no LANG_ prefix: the name is the group) */
	for (e = a; *e && *e != '_' && *e != '.'; e++) {}
	if (cap) snprintf(out, cap, "%.*s", (int)(e - a), a);
	return out;
}

/* ---- candidates and features ---- */

struct cands { int who[NOV_RANK_MAXC]; size_t n; };

static size_t cand_add(struct cands *c, int who)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->who[k] == who) return k;
	if (c->n == NOV_RANK_MAXC) return NOV_RANK_MAXC;
	c->who[c->n] = who;
	return c->n++;
}

/* The characters narration t names (by full or last name; no pronouns), in order, unique,
 * appended to out (at most max in all). */
static size_t names_in(struct nov *n, const char *t, int *out, size_t k, size_t max)
{
	for (const char *p = t; *p && k < max; p += n->zh ? nov_cp_len(p) : 1) {
		if (!n->zh && (!isupper((unsigned char)*p) || (p > t && isalnum((unsigned char)p[-1])))) continue;
		int who = nov_name_at(n, p);
		if (who < 0) continue;
		size_t j;
		for (j = 0; j < k && out[j] != who; j++) {}
		if (j == k) out[k++] = who;
	}
	return k;
}

/* The genders narration t's pronouns name: bit 1 he/his/him (他), bit 2 she/her (她) */
static int pronouns(const struct nov *n, const char *t)
{
	int g = 0;
	if (n->zh) {
		for (const char *p = t; *p; p += nov_cp_len(p)) g |= nov_zh_pron(n, p) == 'm' ? 1 : nov_zh_pron(n, p) == 'f' ? 2 : 0;
		return g;
	}
	for (const char *p = t; *p; p++) {
		if (p > t && isalpha((unsigned char)p[-1])) continue;
		size_t l = 0;
		while (isalpha((unsigned char)p[l])) l++;
		if ((l == 2 && !strncasecmp(p, "he", 2)) || (l == 3 && (!strncasecmp(p, "his", 3) || !strncasecmp(p, "him", 3)))) g |= 1;
		if ((l == 3 && !strncasecmp(p, "she", 3)) || (l == 3 && !strncasecmp(p, "her", 3))) g |= 2;
	}
	return g;
}

/* The segment of quote q in its paragraph, or pa->n. */
static size_t seg_of(const struct para *pa, const struct nq *q)
{
	for (size_t i = 0; i < pa->n; i++)
		if (pa->v[i].quote && pa->v[i].text == q->text) return i;
	return pa->n;
}

/* turn[i]: the number of quote paragraphs of quote i's scene up to and with its own */
static size_t *turns_of(struct nov *n)
{
	size_t *t = xcalloc(n->n_q ? n->n_q : 1, sizeof *t);
	for (size_t i = 0; i < n->n_q; i++) {
		if (!i || n->q[i].scene != n->q[i - 1].scene) t[i] = 0;
		else t[i] = t[i - 1] + (n->q[i].para != n->q[i - 1].para);
	}
	return t;
}

#define SPK(i) nov_follow(n, n->q[i].spk)

/* The one anchored quote a's speaker talks with: the nearest other named speaker of the
 * quotes around it in its scene (before first), or -1. */
static int partner(struct nov *n, size_t a, const int *spk)
{
	for (size_t d = 1; d <= 4; d++) {
		if (a >= d && n->q[a - d].scene == n->q[a].scene && spk[a - d] >= 0 && spk[a - d] != spk[a]) return spk[a - d];
		if (a + d < n->n_q && n->q[a + d].scene == n->q[a].scene && spk[a + d] >= 0 && spk[a + d] != spk[a]) return spk[a + d];
	}
	return -1;
}

/* 1 if narration segment s of pa is one clause that leads into the quote after it ('I
 * said: "..."  He replied: "..."'): it is that quote's tag, not the one's before (English). */
static int leads_on(const struct para *pa, size_t s)
{
	if (s + 1 >= pa->n || !pa->v[s + 1].quote) return 0;
	const char *t = pa->v[s].text;
	size_t l = strlen(t);
	while (l && t[l - 1] == ' ') l--;
	if (!l || t[l - 1] != ':') return 0;
	for (size_t k = 0; k + 1 < l; k++)
		if (strchr(".!?", t[k])) return 0;
	return 1;
}

/* The gender of a speech tag's pronoun next to quote si of pa: in the first three words of
 * the narration right after it ("he said", "said she") or the last three before it ("She
 * answered:"); 1 he, 2 she, 0 none or both. Chinese: 他 / 她 opening the narration after it,
 * or within the last three characters before it (他道：). */
static int tag_pronoun(const struct nov *n, const struct para *pa, size_t si)
{
	int g = 0;
	if (n->zh) {
		if (si + 1 < pa->n && !pa->v[si + 1].quote) {
			const char *t = pa->v[si + 1].text;
			while (*t == ' ') t++;
			g |= nov_zh_pron(n, t) == 'm' ? 1 : nov_zh_pron(n, t) == 'f' ? 2 : 0;
		}
		if (si > 0 && !pa->v[si - 1].quote) {
			const char *t = pa->v[si - 1].text, *e = t + strlen(t);
			const char *p = e;
			for (int k = 0; k < 4 && p > t; k++) {
				do p--; while (p > t && ((unsigned char)*p & 0xC0) == 0x80);
				g |= nov_zh_pron(n, p) == 'm' ? 1 : nov_zh_pron(n, p) == 'f' ? 2 : 0;
			}
		}
		return g == 3 ? 0 : g;
	}
	char w[3][8];
	if (si + 1 < pa->n && !pa->v[si + 1].quote && !leads_on(pa, si + 1)) {   /* the first three words after */
		const char *p = pa->v[si + 1].text;
		for (int k = 0; k < 3 && *p; k++) {
			while (*p && !isalpha((unsigned char)*p)) { if (*p == '.' || *p == '!' || *p == '?') goto before; p++; }
			size_t l = 0;
			while (isalpha((unsigned char)p[l])) l++;
			snprintf(w[k], sizeof w[k], "%.*s", (int)(l < 7 ? l : 7), p);
			g |= !strcasecmp(w[k], "he") ? 1 : !strcasecmp(w[k], "she") ? 2 : 0;
			p += l;
		}
	}
before:
	if (si > 0 && !pa->v[si - 1].quote) {   /* the last three words before */
		const char *t = pa->v[si - 1].text, *p = t + strlen(t);
		for (int k = 0; k < 3 && p > t; k++) {
			while (p > t && !isalpha((unsigned char)p[-1])) { p--; if (*p == '.' || *p == '!' || *p == '?') return g == 3 ? 0 : g; }
			const char *e = p;
			while (p > t && isalpha((unsigned char)p[-1])) p--;
			size_t l = (size_t)(e - p);
			g |= (l == 2 && !strncasecmp(p, "he", 2)) ? 1 : (l == 3 && !strncasecmp(p, "she", 3)) ? 2 : 0;
		}
	}
	return g == 3 ? 0 : g;
}

/* The first character named in the last sentence of narration t, or -1. */
static int last_sentence_subject(struct nov *n, const char *t)
{
	size_t l = strlen(t);
	while (l && (t[l - 1] == ' ' || t[l - 1] == ':' || t[l - 1] == ',')) l--;
	size_t s = l;
	if (n->zh) {
		while (s > 0) {
			size_t b = s;
			do b--; while (b > 0 && ((unsigned char)t[b] & 0xC0) == 0x80);
			if (b + 3 <= l && nov_zh_stop(t + b) && b + nov_cp_len(t + b) < l) break;
			s = b;
		}
	} else {
		while (s > 0 && !((t[s - 1] == '.' || t[s - 1] == '!' || t[s - 1] == '?') && s < l && t[s] == ' ')) s--;
	}
	char *last = xstrndup(t + s, l - s);
	int who[1];
	size_t k = names_in(n, last, who, 0, 1);
	free(last);
	return k ? who[0] : -1;
}

/* 1 if narration t speaks in the first person (I, me, my; 我) */
static int first_person(const struct nov *n, const char *t)
{
	if (n->zh) return strstr(t, "我") != NULL;
	for (const char *p = t; *p; p++) {
		if (p > t && isalpha((unsigned char)p[-1])) continue;
		size_t l = 0;
		while (isalpha((unsigned char)p[l])) l++;
		if ((l == 1 && *p == 'I') || (l == 2 && (!strncmp(p, "me", 2) || !strncmp(p, "my", 2) || !strncmp(p, "My", 2)))) return 1;
	}
	return 0;
}

/* 1 male, 2 female, 0 not known (or nobody) */
static int gender_of(const struct nov *n, int w)
{
	if (w < 0) return 0;
	return str_eq(n->ch[w].gender, "male") ? 1 : str_eq(n->ch[w].gender, "female") ? 2 : 0;
}

/* The last character of gender g that narration t names (by name, no pronoun), or -1. */
static int last_named_of(struct nov *n, const char *t, int g)
{
	int last = -1;
	for (const char *p = t; *p; p += n->zh ? nov_cp_len(p) : 1) {
		if (!n->zh && (!isupper((unsigned char)*p) || (p > t && isalnum((unsigned char)p[-1])))) continue;
		int who = nov_name_at(n, p);
		if (who >= 0 && gender_of(n, who) == g) last = who;
	}
	return last;
}

/* The narration segments before quote q, nearest first: those of its own paragraph before
 * it, then those of the WEAK_PARAS paragraphs before (never across a scene break). Calls
 * fn(n, text, arg) on each until it returns >= 0; returns that, or -1. */
#define WEAK_PARAS 4
static int narration_back(struct nov *n, const struct nq *q, size_t si, int (*fn)(struct nov *, const char *, int), int arg)
{
	for (size_t d = 0; d <= WEAK_PARAS && d <= q->para; d++) {
		const struct para *pa = &n->p[q->para - d];
		if (d && pa->brk) break;
		for (size_t s = d ? pa->n : si; s-- > 0;) {
			if (pa->v[s].quote) continue;
			int r = fn(n, pa->v[s].text, arg);
			if (r >= 0) return r;
		}
	}
	return -1;
}

/* The subject of the last sentence of the narration nearest before quote q (its paragraph's,
 * else the paragraphs' before), or -1. */
static int last_narration_subject(struct nov *n, const struct nq *q, size_t si)
{
	for (size_t d = 0; d <= WEAK_PARAS && d <= q->para; d++) {
		const struct para *pa = &n->p[q->para - d];
		if (d && pa->brk) break;
		for (size_t s = d ? pa->n : si; s-- > 0;)
			if (!pa->v[s].quote) return last_sentence_subject(n, pa->v[s].text);
	}
	return -1;
}

/* each character's quotes before the one being ranked: how many; the last; the last anchored (SIZE_MAX: none) */
struct hist { size_t count, last, last_anch; };

/* The candidates of quote i and their features (rec->f), from the cascade's speakers spk[]. */
static void features(struct nov *n, size_t i, const size_t *turn, const int *spk, const struct hist *h, struct cands *c, struct nov_rank_rec *rec)
{
	const struct nq *q = &n->q[i];
	const struct para *pa = &n->p[q->para];
	size_t si = seg_of(pa, q);
	int before[8], after[8], prev[8];
	size_t nb = 0, na = 0, np = 0;
	for (size_t s = 0; s < pa->n; s++)
		if (!pa->v[s].quote) {
			if (s < si) nb = names_in(n, pa->v[s].text, before, nb, 8);
			else na = names_in(n, pa->v[s].text, after, na, 8);
		}
	if (q->para > 0) {
		const struct para *pp = &n->p[q->para - 1];
		for (size_t s = 0; s < pp->n && !pp->brk; s++)
			if (!pp->v[s].quote) np = names_in(n, pp->v[s].text, prev, np, 8);
	}
	int pron = 0;   /* the pronouns of the quote's paragraph's narration */
	for (size_t s = 0; s < pa->n; s++)
		if (!pa->v[s].quote) pron |= pronouns(n, pa->v[s].text);
	int subject = nb ? before[0] : na ? after[0] : -1, inq[8];
	size_t nq = names_in(n, q->text, inq, 0, 8);
	/* the quote before asks (ends in ? or ？) */
	int asked = 0;
	if (i > 0 && n->q[i - 1].scene == q->scene && n->q[i - 1].para != q->para) {
		const char *t = n->q[i - 1].text;
		size_t l = strlen(t);
		while (l && t[l - 1] == ' ') l--;
		asked = (l && t[l - 1] == '?') || (l >= 3 && !strncmp(t + l - 3, "？", 3));
	}
	/* the quote before: a narration paragraph between; narration after it in its paragraph */
	int gap = 0, beat = 0;
	if (i > 0 && n->q[i - 1].scene == q->scene && n->q[i - 1].para != q->para) {
		gap = q->para > n->q[i - 1].para + 1;
		const struct para *pp = &n->p[n->q[i - 1].para];
		beat = pp->n && !pp->v[pp->n - 1].quote;
	}
	/* the speakers of the 4 turns before (their first quote; -1 none), and whether anchored */
	int sp[5] = { -1, -1, -1, -1, -1 }, spa[5] = { 0 };
	for (size_t k = i; k-- > 0 && n->q[k].scene == q->scene;) {
		size_t d = turn[i] - turn[k];
		if (d == 0) continue;
		if (d > 4) break;
		sp[d] = spk[k];   /* (going back: ends at the turn's first quote) */
		spa[d] = n->q[k].anchored;
	}
	/* the people who speak the quotes of the two turns before and after: two alone, a pair */
	int pair[3] = { -1, -1, -1 };
	size_t npair = 0;
	for (size_t k = i >= 8 ? i - 8 : 0; k < i + 9 && k < n->n_q; k++) {
		if (k == i || n->q[k].scene != q->scene || spk[k] < 0) continue;
		size_t d = turn[k] > turn[i] ? turn[k] - turn[i] : turn[i] - turn[k];
		if (d > 2) continue;
		size_t j;
		for (j = 0; j < npair && pair[j] != spk[k]; j++) {}
		if (j == npair && npair < 3) pair[npair++] = spk[k];
	}
	/* the anchored quotes of the scene within 40 quotes either side */
	size_t a0 = i >= 40 ? i - 40 : 0, a1 = i + 41 < n->n_q ? i + 41 : n->n_q, n_anch = 0;
	for (size_t k = a0; k < a1; k++) n_anch += k != i && n->q[k].scene == q->scene && n->q[k].anchored && spk[k] >= 0;
	/* the previous turn's quote text (another paragraph) and the names it holds */
	int pq[8];
	size_t npq = 0;
	for (size_t k = i; k-- > 0 && n->q[k].scene == q->scene;)
		if (n->q[k].para != q->para) { npq = names_in(n, n->q[k].text, pq, 0, 8); break; }
	int subj_last = si > 0 && si < pa->n && !pa->v[si - 1].quote ? last_sentence_subject(n, pa->v[si - 1].text) : -1;
	int tpron = si < pa->n ? tag_pronoun(n, pa, si) : 0, firstp = 0;
	for (size_t s = 0; s < pa->n; s++)
		if (!pa->v[s].quote) firstp |= first_person(n, pa->v[s].text);
	c->n = 0;
	rec->cascade = cand_add(c, spk[i]);
	size_t lo = i >= 4 ? i - 4 : 0;
	for (size_t k = lo; k < i + 5 && k < n->n_q; k++)
		if (k != i && n->q[k].scene == q->scene && spk[k] >= 0) cand_add(c, spk[k]);
	for (size_t k = 0; k < nb; k++) cand_add(c, before[k]);
	for (size_t k = 0; k < na; k++) cand_add(c, after[k]);
	for (size_t k = 0; k < np; k++) cand_add(c, prev[k]);
	if (i > 0 && n->q[i - 1].scene == q->scene && n->q[i - 1].voc >= 0) cand_add(c, nov_follow(n, n->q[i - 1].voc));
	if (n->narrator >= 0) cand_add(c, nov_follow(n, n->narrator));
	/* the nearest anchored quotes of the scene before and after (up to 8 turns away) */
	size_t ab = SIZE_MAX, af = SIZE_MAX;
	for (size_t k = i; k-- > 0 && n->q[k].scene == q->scene && turn[i] - turn[k] <= 8;)
		if (n->q[k].anchored && spk[k] >= 0) { ab = k; break; }
	for (size_t k = i + 1; k < n->n_q && n->q[k].scene == q->scene && turn[k] - turn[i] <= 8; k++)
		if (n->q[k].anchored && spk[k] >= 0) { af = k; break; }
	/* the one each anchor talks with: the nearest other speaker around it in the scene */
	int pb = ab != SIZE_MAX ? partner(n, ab, spk) : -1, pf = af != SIZE_MAX ? partner(n, af, spk) : -1;
	/* a weak tag ("she said", 他道): a line a pronoun anchored. Candidates: also the last
	 * speaker of the tag's gender and the last one of it the narration named; then only
	 * the ones of that gender (or of none known) besides the cascade's, never the "I" who tells */
	int wg = q->anchored ? tpron : 0, w_last_spk = -1, w_last_named = -1, w_subject = -1;
	rec->weak = wg;
	if (wg) {
		for (size_t k = i; k-- > 0 && i - k <= 12 && n->q[k].scene == q->scene;)
			if (spk[k] >= 0 && gender_of(n, spk[k]) == wg) { w_last_spk = spk[k]; break; }
		w_last_named = narration_back(n, q, si, last_named_of, wg);
		w_subject = last_narration_subject(n, q, si);
		if (w_last_spk >= 0) cand_add(c, w_last_spk);
		if (w_last_named >= 0) cand_add(c, w_last_named);
		size_t m = 0;
		for (size_t k = 0; k < c->n; k++) {
			int who = c->who[k], g = gender_of(n, who);
			if (k == rec->cascade || (who >= 0 && who != nov_follow(n, n->narrator) && (!g || g == wg))) c->who[m++] = who;
		}
		c->n = m;   /* (the cascade's stays first: rec->cascade 0) */
	}
	rec->n_cand = c->n;
	for (size_t ci = 0; ci < c->n; ci++) {
		float *f = rec->f[ci];
		int w = c->who[ci];
		memset(f, 0, sizeof rec->f[ci]);
		f[F_CASCADE] = ci == rec->cascade;
		f[F_GUESS_CASCADE] = ci == rec->cascade && q->guessed;
		f[F_NOBODY] = w < 0;
		if (w < 0 && wg) { memset(f, 0, sizeof rec->f[ci]); f[F_W_CASCADE] = ci == rec->cascade; }
		if (w < 0) continue;
		/* the quotes before and after, by turns (a paragraph's quotes are one turn) */
		size_t count = h[w].count, last_anch = h[w].last_anch;
		int spoke_here = h[w].last != SIZE_MAX && n->q[h[w].last].scene == q->scene;
		for (size_t k = i; k-- > lo && n->q[k].scene == q->scene;) {
			if (spk[k] != w) continue;
			size_t d = turn[i] - turn[k];
			if (d == 0) f[F_SAME_PARA] = 1;
			else if (d == 1) { f[F_PREV1] = 1; f[F_PREV1_ANCH] = n->q[k].anchored; }
			else if (d == 2) { f[F_PREV2] = 1; f[F_PREV2_ANCH] = n->q[k].anchored; }
			else if (d <= 4) f[F_PREV34] = 1;
		}
		for (size_t k = i + 1; k < i + 5 && k < n->n_q && n->q[k].scene == q->scene; k++) {
			if (spk[k] != w || turn[k] == turn[i]) continue;
			size_t d = turn[k] - turn[i];
			if (d == 1) { f[F_NEXT1] = 1; f[F_NEXT1_ANCH] = n->q[k].anchored; }
			else if (d == 2) { f[F_NEXT2] = 1; f[F_NEXT2_ANCH] = n->q[k].anchored; }
		}
		for (size_t k = 0; k < nb; k++) f[F_NAMED_BEFORE] = f[F_NAMED_BEFORE] || before[k] == w;
		for (size_t k = 0; k < na; k++) f[F_NAMED_AFTER] = f[F_NAMED_AFTER] || after[k] == w;
		for (size_t k = 0; k < np; k++) f[F_NAMED_PREV] = f[F_NAMED_PREV] || prev[k] == w;
		f[F_SUBJECT] = subject == w;
		f[F_VOC_PREV] = i > 0 && n->q[i - 1].scene == q->scene && nov_follow(n, n->q[i - 1].voc) == w;
		f[F_VOC_SELF] = nov_follow(n, q->voc) == w;
		f[F_NARRATOR] = w == nov_follow(n, n->narrator);
		f[F_PLACEHOLDER] = n->ch[w].placeholder != 0;
		if (ab != SIZE_MAX && spk[ab] == w) f[(turn[i] - turn[ab]) % 2 ? F_PAR_BACK_ODD : F_PAR_BACK] = 1;
		if (af != SIZE_MAX && spk[af] == w) f[(turn[af] - turn[i]) % 2 ? F_PAR_FWD_ODD : F_PAR_FWD] = 1;
		if (ab != SIZE_MAX && pb == w && (turn[i] - turn[ab]) % 2) f[F_PAR_BACK_OTHER] = 1;
		if (af != SIZE_MAX && pf == w && (turn[af] - turn[i]) % 2) f[F_PAR_FWD_OTHER] = 1;
		f[F_PAR_BOTH] = (f[F_PAR_BACK] || f[F_PAR_BACK_OTHER]) && (f[F_PAR_FWD] || f[F_PAR_FWD_OTHER]);
		for (size_t k = 0; k < nq; k++) f[F_NAMED_IN_QUOTE] = f[F_NAMED_IN_QUOTE] || inq[k] == w;
		f[F_ANSWERS] = asked && !f[F_PREV1] && (f[F_PREV2] || f[F_VOC_PREV]);
		int g = str_eq(n->ch[w].gender, "male") ? 1 : str_eq(n->ch[w].gender, "female") ? 2 : 0;
		f[F_GENDER_FITS] = g && pron == g;
		f[F_GENDER_CLASH] = g && pron && !(pron & g);
		f[F_PREV1_ASKED] = f[F_PREV1] && asked;
		f[F_PREV1_GAP] = f[F_PREV1] && gap;
		f[F_PREV1_BEAT] = f[F_PREV1] && beat;
		f[F_PREV1_CALLED] = f[F_PREV1] && i > 0 && n->q[i - 1].voc >= 0;
		f[F_CASC_REPEAT] = ci == rec->cascade && f[F_PREV1];
		f[F_TAG_RECENT] = last_anch == SIZE_MAX ? 0 : 1.0f / (float)(1 + turn[i] - (n->q[last_anch].scene == q->scene ? turn[last_anch] : 0) + 8 * (n->q[last_anch].scene != q->scene));
		f[F_COUNT] = (float)log1p((double)count) / 3.0f;
		f[F_IN_SCENE] = (float)spoke_here;
		f[F_ALT_PAIR] = sp[2] == w && sp[1] >= 0 && sp[1] != w && (sp[3] < 0 || sp[3] == sp[1]) && (sp[4] < 0 || sp[4] == w);
		f[F_ALT_PAIR_ANCH] = f[F_ALT_PAIR] && (spa[1] || spa[2]);
		for (size_t k = 0; k < npq; k++) f[F_NAMED_PREV_QUOTE] = f[F_NAMED_PREV_QUOTE] || pq[k] == w;
		f[F_SUBJECT_LAST] = subj_last == w;
		size_t mine = 0, next = 0;
		for (size_t k = a0; k < a1; k++) {
			if (k == i || n->q[k].scene != q->scene || !n->q[k].anchored || spk[k] != w) continue;
			mine++;
			if (k > i && !next) next = 1 + turn[k] - turn[i];
		}
		f[F_SCENE_SHARE] = n_anch ? (float)mine / (float)n_anch : 0;
		f[F_TAG_NEXT] = next ? 1.0f / (float)next : 0;
		f[F_NARR_FIRST] = f[F_NARRATOR] && firstp;
		f[F_TAG_PRON_FITS] = g && tpron == g;
		f[F_TAG_PRON_CLASH] = g && tpron && tpron != g;
		f[F_PAIR_MEMBER] = npair == 2 && (pair[0] == w || pair[1] == w);
		if (!wg) continue;
		/* (a weak-tagged line is scored by its own features alone: a model of its own) */
		float keep[N_WEAK_COPY];
		for (size_t k = 0; k < N_WEAK_COPY; k++) keep[k] = f[weak_copy[k][1]];
		memset(f, 0, sizeof rec->f[ci]);
		for (size_t k = 0; k < N_WEAK_COPY; k++) f[weak_copy[k][0]] = keep[k];
		f[F_W_CASCADE] = ci == rec->cascade;
		f[F_W_SUBJECT_LAST] = w_subject == w;
		f[F_W_LAST_NAMED] = w_last_named == w;
		f[F_W_LAST_SPEAKER] = w_last_spk == w;
		f[F_W_GENDER_UNKNOWN] = !g;
	}
}

/* The weights for n's language: 1 loaded into w, 0 none (the cascade alone). A bad file
 * is reported once a run on stderr and ignored. */
static int weights(struct nov *n, struct nov_rank_w *w)
{
	const char *env = getenv("DRAMA_NOVEL_RANK");
	if (env && !strcmp(env, "off")) return 0;
	char *path = env && *env ? xstrdup(env) : data_path(n->zh ? "novel_rank_zh.tsv" : "novel_rank_en.tsv");
	int rc = path ? nov_rank_load(path, w) : 1;
	if (rc < 0) fprintf(stderr, "drama: warning: %s; speakers from the rules alone\n", err_msg());
	free(path);
	return rc == 0;
}

void nov_rank(struct nov *n, struct episode *e)
{
	struct nov_rank_w w;
	struct nov_rank_log *log = nov_rank_log;
	if (!n->n_q || (!log && !weights(n, &w))) return;
	/* weak-tagged lines only with weights that carry their model (a weak_* weight) */
	int weak_model = 0;
	for (int k = F_W_CASCADE; !log && k < NOV_RANK_NF; k++) weak_model |= w.w[k] != 0;
	size_t *turn = turns_of(n);
	int *spk = xmalloc(n->n_q * sizeof *spk), *pick = xmalloc(n->n_q * sizeof *pick);
	for (size_t i = 0; i < n->n_q; i++) pick[i] = spk[i] = SPK(i);
	struct nov_rank_rec *rec = xcalloc(1, sizeof *rec);
	struct hist *h = xmalloc((n->n_ch ? n->n_ch : 1) * sizeof *h);
	for (size_t k = 0; k < n->n_ch; k++) h[k] = (struct hist){ 0, SIZE_MAX, SIZE_MAX };
	for (size_t i = 0; i < n->n_q; i++) {
		if (i && spk[i - 1] >= 0) {   /* (the quote before joins its speaker's history) */
			struct hist *p = &h[spk[i - 1]];
			p->count++;
			p->last = i - 1;
			if (n->q[i - 1].anchored) p->last_anch = i - 1;
		}
		struct cands c;
		memset(rec, 0, sizeof *rec);
		rec->anchored = n->q[i].anchored;
		rec->guessed = n->q[i].guessed;
		rec->how = n->q[i].how;
		features(n, i, turn, spk, h, &c, rec);
		rec->redecide = !n->q[i].anchored || rec->weak;
		if (log) {
			xgrow((void **)&log->r, &log->cap, log->n, sizeof *log->r);
			struct nov_rank_rec *r = &log->r[log->n++];
			*r = *rec;
			for (size_t k = 0; k < c.n; k++) r->name[k] = c.who[k] >= 0 ? xstrdup(n->ch[c.who[k]].name) : NULL;
			continue;
		}
		if (!rec->redecide || (rec->weak && !weak_model)) continue;
		size_t best = rec->cascade;
		double bs = nov_rank_score(&w, rec->f[best]);
		for (size_t k = 0; k < c.n; k++) {
			double s = nov_rank_score(&w, rec->f[k]);
			if (c.who[k] >= 0 && s > bs) { bs = s; best = k; }   /* (never to nobody) */
		}
		pick[i] = c.who[best];
	}
	for (size_t i = 0; !log && i < n->n_q; i++) {
		if (pick[i] == spk[i] || pick[i] < 0) continue;
		if (n->q[i].scene < e->n_scenes) nov_respeak(n, &e->scenes[n->q[i].scene], &n->q[i], spk[i], pick[i]);
		n->q[i].spk = pick[i];
	}
	free(h);
	free(rec);
	free(pick);
	free(spk);
	free(turn);
}
