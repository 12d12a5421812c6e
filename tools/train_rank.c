/* tools/train_rank.c — fits the weights of the speaker re-ranking (story/novel_rank.c) on
 * every annotated text of tests/prose (NAME.txt with NAME.spk, in the folder and its
 * sub-folders) and says whether they help on books they were not fitted on.
 *
 *   build/train_rank [--write [--force]] [PROSE_DIR [DATA_DIR]]      (make train-rank writes)
 *   build/train_rank --cv [PROSE_DIR]      (make train-rank-cv: the leave-one-author-out figure alone)
 *
 * For each language: the importer reads each text with the model off and the collector
 * (nov_rank_log) on, which gives each quotation's candidates and features; the model is a
 * softmax over the candidates (log-linear), fitted by plain SGD from the cascade's choice
 * (weight 1 on "cascade"), in a fixed order (deterministic). Printed: how the cascade's
 * misses split (anchored by a tag or not; the right speaker among the candidates or not),
 * each step of the cascade's record (enum nov_how: lines, right, of those the model may re-decide,
 * the wrong ones with the right speaker a candidate; with --cv also right with the model fitted
 * without the author), where the right speaker ranks among the candidates of the lines the model decides (by the
 * weights fitted without the line's text; TRAIN_RANK_DEBUG=1 adds, per feature, how often
 * it is higher, lower or the same for the right one than for the cascade's wrong pick),
 * then the cascade alone against cascade + model on each text when the model was fitted
 * on the other texts (leave-one-text-out) and on the other authors' texts
 * (leave-one-author-out), per set and overall. --write stores the weights fitted on all
 * texts in DATA_DIR/novel_rank_en.tsv and _zh.tsv (atomic writes), only for a language where
 * the model fitted without a text, and the one fitted without its author, both do better
 * than the cascade on it (else it removes an old file there: the cascade alone); --force writes anyway (to study the in-sample figure). */
#include "story/novel.h"
#include "core/util.h"

#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* one scored quotation */
struct ex {
	int redecide, anchored, weak, cascade_ok, nobody_right, how;   /* (nobody_right: the speaker is no cast member, unnamed; how: the cascade step that decided it, enum nov_how) */
	size_t n_cand, cascade;
	signed char ok[NOV_RANK_MAXC], nobody[NOV_RANK_MAXC];
	float f[NOV_RANK_MAXC][NOV_RANK_NF];
};
struct text { char set[32], name[64], author[32]; int zh; struct ex *x; size_t n; };

/* (trials: TRAIN_RANK_ALGO=perceptron, TRAIN_RANK_SCOPE=guessed; TRAIN_RANK_WEAK=off leaves weak-tagged lines to the cascade) */
static int perceptron, pairwise, scope_guessed, no_weak;
static int f_weak_cascade;   /* the index of "weak_cascade", the first of the weak-tagged lines' own features (the last ones) */
static struct text *texts;
static size_t rule_cv[2][NOV_HOW_N];   /* per language and step: the lines right with the model fitted without their author (cv_report) */
static size_t n_texts, cap_texts;

static void load_text(const char *txt, const char *set)
{
	const char *base = strrchr(txt, '/') ? strrchr(txt, '/') + 1 : txt;
	int zh = !strncmp(base, "zh_", 3);
	const char *lang = getenv("TRAIN_RANK_LANG");
	if (lang && strcmp(lang, zh ? "zh" : "en")) return;   /* (that language alone: the other is not read) */
	char *spk = xasprintf("%.*s.spk", (int)(strlen(txt) - 4), txt), *buf = NULL;
	struct nov_gold g = { 0 };
	struct nov_rank_log log = { 0 };
	struct nov_attr *v = NULL;
	char **cast = NULL;
	size_t n = 0, n_cast = 0, len;
	if (nov_gold_read(spk, &g) < 0 || file_read_all(txt, &buf, &len) < 0) goto bad;
	nov_rank_log = &log;
	int rc = nov_attribute(buf, zh ? "zh" : "en", &v, &n, &cast, &n_cast);
	nov_rank_log = NULL;
	if (rc < 0) goto bad;
	if (n != g.n || log.n != n) {
		fprintf(stderr, "train_rank: %s: %zu quotations read, %zu annotated, %zu logged; skipped\n", txt, n, g.n, log.n);
		goto end;
	}
	xgrow((void **)&texts, &cap_texts, n_texts, sizeof *texts);
	struct text *t = &texts[n_texts++];
	memset(t, 0, sizeof *t);
	snprintf(t->set, sizeof t->set, "%s", set);
	snprintf(t->name, sizeof t->name, "%.*s", (int)(strlen(base) - 4), base);
	nov_rank_author(base, t->author, sizeof t->author);
	t->zh = zh;
	t->x = xcalloc(n ? n : 1, sizeof *t->x);
	for (size_t i = 0; i < n; i++) {
		int ok = nov_gold_right(&g, i, v[i].speaker);
		if (ok < 0) continue;
		const struct nov_rank_rec *r = &log.r[i];
		struct ex *x = &t->x[t->n++];
		x->redecide = r->redecide && (!scope_guessed || r->guessed) && !(no_weak && r->weak);
		x->anchored = r->anchored;
		x->weak = r->weak != 0;
		x->cascade_ok = ok;
		x->how = r->how >= 0 && r->how < NOV_HOW_N ? r->how : NOV_HOW_OTHER;
		x->n_cand = r->n_cand;
		x->cascade = r->cascade;
		for (size_t c = 0; c < r->n_cand; c++) {
			x->ok[c] = (signed char)(nov_gold_right(&g, i, r->name[c]) == 1);
			x->nobody[c] = !r->name[c];
		}
		memcpy(x->f, r->f, sizeof x->f);
		x->nobody_right = nov_gold_right(&g, i, NULL) == 1;
		const char *drop = getenv("TRAIN_RANK_DROP");   /* (trials: features left out, by name, space-separated) */
		for (int k = 0; drop && k < NOV_RANK_NF; k++) {
			size_t l = strlen(nov_rank_feature[k]);
			for (const char *p = strstr(drop, nov_rank_feature[k]); p; p = strstr(p + 1, nov_rank_feature[k]))
				if ((p == drop || p[-1] == ' ') && (!p[l] || p[l] == ' '))
					for (size_t c = 0; c < x->n_cand; c++) x->f[c][k] = 0;
		}
		if (getenv("TRAIN_RANK_DUMP") && x->redecide && !ok) {   /* (study: each unanchored miss, the right candidate's features against the cascade's) */
			size_t c;
			for (c = 0; c < r->n_cand && !x->ok[c]; c++) {}
			printf("MISS%s %s #%zu %s | cascade %s, right %s:", r->weak ? "-WEAK" : "", base, i, v[i].quote, r->name[r->cascade] ? r->name[r->cascade] : "-",
			       c < r->n_cand ? r->name[c] : "(none)");
			for (int k = 0; c < r->n_cand && k < NOV_RANK_NF; k++)
				if (r->f[c][k] != r->f[r->cascade][k]) printf(" %s %.2g/%.2g", nov_rank_feature[k], r->f[r->cascade][k], r->f[c][k]);
			printf("\n");
		}
	}
	goto end;
bad:
	fprintf(stderr, "train_rank: %s: %s; skipped\n", txt, err_msg());
end:
	nov_rank_log_free(&log);
	nov_attr_free(v, n, cast, n_cast);
	nov_gold_free(&g);
	free(buf);
	free(spk);
}

/* the model's pick for x (the program's rule: the cascade unless another scores higher, never nobody) */
static size_t pick(const struct nov_rank_w *w, const struct ex *x)
{
	if (!x->redecide) return x->cascade;
	size_t best = x->cascade;
	double bs = nov_rank_score(w, x->f[best]);
	for (size_t c = 0; c < x->n_cand; c++) {
		double s = nov_rank_score(w, x->f[c]);
		if (!x->nobody[c] && s > bs) { bs = s; best = c; }
	}
	return best;
}

static int right(const struct nov_rank_w *w, const struct ex *x)
{
	size_t p = pick(w, x);
	return p == x->cascade ? x->cascade_ok : x->ok[p];
}

static int EPOCHS = 30;
/* L2 1e-2 (was 1e-3): with the 10 features of 2026-12-07, leave-one-text-out EN 4068 against 4061 at
 * 5e-3 and 4056 at 3e-2 (the cascade 4050) */
static double RATE = 0.05, L2 = 1e-2;   /* (trials: TRAIN_RANK_EPOCHS, TRAIN_RANK_RATE, TRAIN_RANK_L2) */


/* Fits w on the texts of language zh for which use(t) says 1. */
static void fit(struct nov_rank_w *w, int zh, int (*use)(const struct text *, const void *), const void *arg)
{
	memset(w, 0, sizeof *w);
	w->w[0] = 1;   /* "cascade": start from the cascade */
	w->loaded = 1;
	double p[NOV_RANK_MAXC];
	if (perceptron) {   /* averaged perceptron: on each miss, toward the best right candidate, away from the pick */
		struct nov_rank_w sum = { { 0 } };
		size_t steps = 0;
		for (int ep = 0; ep < EPOCHS; ep++)
			for (size_t ti = 0; ti < n_texts; ti++) {
				const struct text *t = &texts[ti];
				if (t->zh != zh || !use(t, arg)) continue;
				for (size_t i = 0; i < t->n; i++) {
					const struct ex *x = &t->x[i];
					if (!x->redecide || x->n_cand < 2) continue;
					size_t pk = pick(w, x), good = SIZE_MAX;
					double gs = -1e300;
					for (size_t c = 0; c < x->n_cand; c++) {
						double sc = nov_rank_score(w, x->f[c]);
						if (x->ok[c] && !x->nobody[c] && sc > gs) { gs = sc; good = c; }
					}
					if (good != SIZE_MAX && !x->ok[pk])
						for (int k = 0; k < NOV_RANK_NF; k++) w->w[k] += 0.1 * (x->f[good][k] - x->f[pk][k]);
					for (int k = 0; k < NOV_RANK_NF; k++) sum.w[k] += w->w[k];
					steps++;
				}
			}
		for (int k = 0; k < NOV_RANK_NF && steps; k++) w->w[k] = sum.w[k] / (double)steps;
		return;
	}
	if (pairwise) {   /* logistic loss on each switch the program could make: the cascade's pick against another */
		for (int ep = 0; ep < EPOCHS; ep++) {
			double rate = RATE / (1 + ep * 0.2);
			for (size_t ti = 0; ti < n_texts; ti++) {
				const struct text *t = &texts[ti];
				if (t->zh != zh || !use(t, arg)) continue;
				for (size_t i = 0; i < t->n; i++) {
					const struct ex *x = &t->x[i];
					if (!x->redecide) continue;
					for (size_t c = 0; c < x->n_cand; c++) {
						if (c == x->cascade || x->nobody[c] || (!x->cascade_ok && !x->ok[c])) continue;
						int y = !x->cascade_ok && x->ok[c];
						double z = nov_rank_score(w, x->f[c]) - nov_rank_score(w, x->f[x->cascade]);
						double g = 1 / (1 + exp(-z)) - y;
						for (int k = 0; k < NOV_RANK_NF; k++) w->w[k] -= rate * (g * (x->f[c][k] - x->f[x->cascade][k]) + L2 * w->w[k]);
					}
				}
			}
		}
		return;
	}
	for (int ep = 0; ep < EPOCHS; ep++) {
		double rate = RATE / (1 + ep * 0.2);
		for (size_t ti = 0; ti < n_texts; ti++) {
			const struct text *t = &texts[ti];
			if (t->zh != zh || !use(t, arg)) continue;
			for (size_t i = 0; i < t->n; i++) {
				const struct ex *x = &t->x[i];
				int any = 0;
				for (size_t c = 0; c < x->n_cand; c++) any |= x->ok[c];
				if (!x->redecide || !any || x->n_cand < 2) continue;
				double mx = -1e300, z = 0, zok = 0;
				for (size_t c = 0; c < x->n_cand; c++) { p[c] = nov_rank_score(w, x->f[c]); if (p[c] > mx) mx = p[c]; }
				for (size_t c = 0; c < x->n_cand; c++) { p[c] = exp(p[c] - mx); z += p[c]; if (x->ok[c]) zok += p[c]; }
				/* d(-log sum_ok p)/dw = sum_c p_c f_c - sum_ok (p_c / zok) f_c */
				for (size_t c = 0; c < x->n_cand; c++) {
					double g = p[c] / z - (x->ok[c] ? p[c] / zok : 0);
					if (g == 0) continue;
					for (int k = 0; k < NOV_RANK_NF; k++) w->w[k] -= rate * g * x->f[c][k];
				}
				for (int k = 0; k < NOV_RANK_NF; k++)   /* (a weak-tagged line's model is its own: it decays only its features) */
					if ((k >= f_weak_cascade) == x->weak) w->w[k] -= rate * L2 * w->w[k];
			}
		}
	}
}

/* The weight of "cascade" set by accuracy on the same texts: a switch away from the
 * cascade must win by a margin that pays on them (ties: the larger, more cautious margin). */
static void fit_margin(struct nov_rank_w *w, int zh, int (*use)(const struct text *, const void *), const void *arg)
{
	fit(w, zh, use, arg);
	double base = w->w[0], best = base;
	size_t best_ok = 0;
	for (double d = -1; d <= 6.001; d += 0.25) {
		w->w[0] = base + d;
		size_t ok = 0;
		for (size_t ti = 0; ti < n_texts; ti++)
			for (size_t i = 0; texts[ti].zh == zh && use(&texts[ti], arg) && i < texts[ti].n; i++) ok += right(w, &texts[ti].x[i]);
		if (ok >= best_ok) { best_ok = ok; best = base + d; }
	}
	w->w[0] = best;
	/* the same for the weak-tagged lines' own margin ("weak_cascade"; they alone carry it) */
	base = w->w[f_weak_cascade], best = base, best_ok = 0;
	for (double d = -1; d <= 6.001; d += 0.25) {
		w->w[f_weak_cascade] = base + d;
		size_t ok = 0;
		for (size_t ti = 0; ti < n_texts; ti++)
			for (size_t i = 0; texts[ti].zh == zh && use(&texts[ti], arg) && i < texts[ti].n; i++)
				if (texts[ti].x[i].weak) ok += right(w, &texts[ti].x[i]);
		if (ok >= best_ok) { best_ok = ok; best = base + d; }
	}
	w->w[f_weak_cascade] = best;
	if (getenv("TRAIN_RANK_MARGIN")) w->w[0] += atof(getenv("TRAIN_RANK_MARGIN"));   /* (trial: a more cautious switch than the fitted texts pay for) */
}

/* (trial: TRAIN_RANK_SETS="pd_dev2 pd_dev3" fits on those sets only) */
static int in_sets(const struct text *t)
{
	const char *only = getenv("TRAIN_RANK_SETS");
	if (!only) return 1;
	size_t l = strlen(t->set);
	for (const char *p = strstr(only, t->set); p; p = strstr(p + 1, t->set))
		if ((p == only || p[-1] == ' ') && (!p[l] || p[l] == ' ')) return 1;
	return 0;
}
static int use_all(const struct text *t, const void *arg) { (void)arg; return in_sets(t); }
static int use_not_text(const struct text *t, const void *arg) { return t != arg && in_sets(t); }
static int use_not_author(const struct text *t, const void *arg) { return strcmp(t->author, ((const struct text *)arg)->author) && in_sets(t); }

struct tally { char set[32]; size_t scored, cascade, text_out, author_out; };

/* The measurement of the lines the model decides (leave-one-text-out weights): where the
 * right speaker stands among the candidates, by the cascade hitting or missing it; and, for
 * each feature, on the cascade's misses with the right one among the candidates, how often
 * it is higher for the right one than for the cascade's pick, lower, or the same. */
struct measure {
	size_t n[2], in[2], rank[2][5], model_ok[2];   /* [cascade missed, hit]; rank 1..4, 5+ */
	size_t unnamed[2];                              /* no right candidate: the speaker is unnamed */
	size_t sep[NOV_RANK_NF][3];                     /* right > cascade, right < cascade, equal */
};

static void measure_add(struct measure *m, const struct nov_rank_w *w, const struct ex *x)
{
	if (!x->redecide) return;
	int h = x->cascade_ok;
	m->n[h]++;
	m->model_ok[h] += (size_t)right(w, x);
	size_t best = SIZE_MAX;
	double bs = -1e300;
	for (size_t c = 0; c < x->n_cand; c++) {
		double s = nov_rank_score(w, x->f[c]);
		if (x->ok[c] && !x->nobody[c] && s > bs) { bs = s; best = c; }
	}
	if (best == SIZE_MAX) { m->unnamed[h] += (size_t)x->nobody_right; return; }
	m->in[h]++;
	size_t r = 0;
	for (size_t c = 0; c < x->n_cand; c++) r += c != best && !x->nobody[c] && nov_rank_score(w, x->f[c]) >= bs;
	m->rank[h][r < 4 ? r : 4]++;
	if (h) return;
	for (int k = 0; k < NOV_RANK_NF; k++) {
		float a = x->f[best][k], b = x->f[x->cascade][k];
		m->sep[k][a > b ? 0 : a < b ? 1 : 2]++;
	}
}

static void measure_print(const struct measure *m, int zh)
{
	const char *l = zh ? "ZH" : "EN";
	printf("%s lines the model decides: %zu (cascade right %zu, wrong %zu; of the wrong with no right candidate, %zu are an unnamed speaker's)\n", l,
	       m->n[0] + m->n[1], m->n[1], m->n[0], m->unnamed[0]);
	printf("%s   cascade   lines  right among candidates  rank 1  rank 2  rank 3  rank 4  rank 5+  model right\n", l);
	for (int h = 1; h >= 0; h--)
		printf("%s   %-7s  %6zu  %22zu  %6zu  %6zu  %6zu  %6zu  %7zu  %11zu\n", l, h ? "right" : "wrong", m->n[h], m->in[h], m->rank[h][0],
		       m->rank[h][1], m->rank[h][2], m->rank[h][3], m->rank[h][4], m->model_ok[h]);
	if (!getenv("TRAIN_RANK_DEBUG")) return;
	printf("%s   feature separation on the cascade's misses with the right one a candidate: right > cascade / < / =\n", l);
	for (int k = 0; k < NOV_RANK_NF; k++)
		printf("%s   %-24s %4zu %4zu %4zu\n", l, nov_rank_feature[k], m->sep[k][0], m->sep[k][1], m->sep[k][2]);
}

static int weak_helps[2];   /* per language: the weak-tagged lines' model beats the cascade on them, text and author held out */

/* The figures of language zh; returns 1 if the model fitted without a text raises its figure over the cascade's. */
static int report(int zh)
{
	struct tally sets[64], all = { "all", 0, 0, 0, 0 };
	size_t n_sets = 0;
	size_t miss_anch = 0, miss_free = 0, miss_free_in = 0, free_n = 0, anch_n = 0;
	size_t wk_n = 0, wk_in = 0, wk_cascade = 0, wk_text = 0, wk_author = 0;   /* the weak-tagged lines */
	static struct measure ms;
	memset(&ms, 0, sizeof ms);
	for (size_t ti = 0; ti < n_texts; ti++) {
		struct text *t = &texts[ti];
		if (t->zh != zh) continue;
		struct nov_rank_w wt, wa;
		fit_margin(&wt, zh, use_not_text, t);
		fit_margin(&wa, zh, use_not_author, t);
		size_t s;
		for (s = 0; s < n_sets && strcmp(sets[s].set, t->set); s++) {}
		if (s == n_sets && n_sets < 64) { memset(&sets[n_sets], 0, sizeof sets[0]); snprintf(sets[n_sets].set, sizeof sets[0].set, "%s", t->set); n_sets++; }
		struct tally *ty = s < 64 ? &sets[s] : &all;
		size_t c0 = 0, c1 = 0, c2 = 0;
		for (size_t i = 0; i < t->n; i++) {
			const struct ex *x = &t->x[i];
			c0 += x->cascade_ok;
			measure_add(&ms, &wt, x);
			c1 += right(&wt, x);
			c2 += right(&wa, x);
			if (x->weak) {
				int any = 0;
				for (size_t c = 0; c < x->n_cand; c++) any |= x->ok[c];
				wk_n++; wk_in += any; wk_cascade += x->cascade_ok;
				wk_text += right(&wt, x); wk_author += right(&wa, x);
			}
			if (x->anchored) { anch_n++; miss_anch += !x->cascade_ok; }
			else {
				free_n++;
				if (!x->cascade_ok) {
					miss_free++;
					int any = 0;
					for (size_t c = 0; c < x->n_cand; c++) any |= x->ok[c];
					miss_free_in += any;
				}
			}
		}
		printf("  %-12s %-28s cascade %3zu  text-out %3zu  author-out %3zu  of %3zu\n", t->set, t->name, c0, c1, c2, t->n);
		for (struct tally *y = ty; y; y = y == &all ? NULL : &all) { y->scored += t->n; y->cascade += c0; y->text_out += c1; y->author_out += c2; }
	}
	struct nov_rank_w wi;
	fit_margin(&wi, zh, use_all, NULL);
	size_t in = 0, sc = 0;
	for (size_t ti = 0; ti < n_texts; ti++)
		for (size_t i = 0; texts[ti].zh == zh && i < texts[ti].n; i++) { in += right(&wi, &texts[ti].x[i]); sc++; }
	if (getenv("TRAIN_RANK_DEBUG")) {   /* mean features: the right one vs the cascade's, where the cascade missed / hit */
		double m[4][NOV_RANK_NF] = { { 0 } };
		size_t k4[2] = { 0 };
		for (size_t ti = 0; ti < n_texts; ti++)
			for (size_t i = 0; texts[ti].zh == zh && i < texts[ti].n; i++) {
				const struct ex *x = &texts[ti].x[i];
				if (!x->redecide) continue;
				int h = x->cascade_ok;
				size_t o = SIZE_MAX;
				for (size_t c = 0; c < x->n_cand && o == SIZE_MAX; c++) if (c != x->cascade && (h ? !x->ok[c] : x->ok[c])) o = c;
				if (o == SIZE_MAX) continue;
				k4[h]++;
				for (int k = 0; k < NOV_RANK_NF; k++) { m[2 * h][k] += x->f[x->cascade][k]; m[2 * h + 1][k] += x->f[o][k]; }
			}
		for (int k = 0; k < NOV_RANK_NF; k++)
			printf("  %-22s missed(%zu): cascade %.2f right %.2f | hit(%zu): cascade %.2f other %.2f | w %.3f\n", nov_rank_feature[k], k4[0], m[0][k] / k4[0], m[1][k] / k4[0],
			       k4[1], m[2][k] / k4[1], m[3][k] / k4[1], wi.w[k]);
	}
	measure_print(&ms, zh);
	printf("%s fitted on all texts (in-sample): %zu of %zu\n", zh ? "ZH" : "EN", in, sc);
	printf("%s misses: anchored %zu of %zu; unanchored %zu of %zu (the right speaker among the candidates: %zu)\n", zh ? "ZH" : "EN",
	       miss_anch, anch_n, miss_free, free_n, miss_free_in);
	printf("%s weak-tagged lines (a pronoun tag anchored them): %zu; the right speaker a candidate %zu; cascade %zu, text held out %zu, author held out %zu%s\n",
	       zh ? "ZH" : "EN", wk_n, wk_in, wk_cascade, wk_text, wk_author, no_weak ? " (TRAIN_RANK_WEAK=off: left to the cascade)" : "");
	for (size_t s = 0; s <= n_sets; s++) {
		const struct tally *y = s < n_sets ? &sets[s] : &all;
		if (!y->scored) continue;
		printf("%s %-12s cascade %4zu/%-4zu = %5.1f%%  + model, text held out %4zu = %5.1f%%, author held out %4zu = %5.1f%%\n", zh ? "ZH" : "EN",
		       y->set, y->cascade, y->scored, 100.0 * (double)y->cascade / (double)y->scored, y->text_out,
		       100.0 * (double)y->text_out / (double)y->scored, y->author_out, 100.0 * (double)y->author_out / (double)y->scored);
	}
	weak_helps[zh] = !no_weak && wk_text > wk_cascade && wk_author > wk_cascade;
	return all.text_out > all.cascade && all.author_out > all.cascade;
}

/* --cv: the transfer figure alone, leave-one-author-out. The texts are grouped by author
 * (nov_rank_author: the same author in two sets is one group); each group's quotations are
 * scored by the weights fitted (fit_margin, margins too) on the other groups' texts only, and
 * the sums are the figure to judge a change of the model by (the in-sample one, printed for
 * contrast, only says how well it memorises). One line per group (cascade, held out, in-sample)
 * for the rule that no group may lose more than 2. */
struct group { char author[32]; size_t texts, scored, cascade, cv, in; };

#define MAX_GROUPS 512
static size_t cv_report(int zh, int quiet, size_t *per_group, size_t *n_groups)
{
	const char *l = zh ? "ZH" : "EN";
	struct group *g = NULL, all = { "all", 0, 0, 0, 0, 0 };
	size_t ng = 0, cap = 0;
	struct nov_rank_w wi;
	fit_margin(&wi, zh, use_all, NULL);
	for (size_t ti = 0; ti < n_texts; ti++) {
		if (texts[ti].zh != zh) continue;
		size_t k;
		for (k = 0; k < ng && strcmp(g[k].author, texts[ti].author); k++) {}
		if (k == ng) {
			xgrow((void **)&g, &cap, ng, sizeof *g);
			memset(&g[ng], 0, sizeof *g);
			snprintf(g[ng].author, sizeof g[ng].author, "%s", texts[ti].author);
			ng++;
		}
	}
	for (size_t k = 0; k < ng; k++) {
		struct nov_rank_w w;
		size_t ti;
		for (ti = 0; strcmp(texts[ti].author, g[k].author) || texts[ti].zh != zh; ti++) {}
		fit_margin(&w, zh, use_not_author, &texts[ti]);
		for (; ti < n_texts; ti++) {
			const struct text *t = &texts[ti];
			if (t->zh != zh || strcmp(t->author, g[k].author)) continue;
			g[k].texts++;
			for (size_t i = 0; i < t->n; i++) {
				g[k].scored++;
				g[k].cascade += (size_t)t->x[i].cascade_ok;
				g[k].cv += (size_t)right(&w, &t->x[i]);
				rule_cv[t->zh][t->x[i].how] += (size_t)right(&w, &t->x[i]);
				g[k].in += (size_t)right(&wi, &t->x[i]);
			}
		}
		if (per_group && k < MAX_GROUPS) per_group[k] = g[k].cv;
		if (!quiet) printf("%s group %-14s texts %2zu  cascade %4zu  held out %4zu (%+3d)  in-sample %4zu  of %4zu\n", l, g[k].author, g[k].texts,
		       g[k].cascade, g[k].cv, (int)g[k].cv - (int)g[k].cascade, g[k].in, g[k].scored);
		all.texts += g[k].texts; all.scored += g[k].scored; all.cascade += g[k].cascade; all.cv += g[k].cv; all.in += g[k].in;
	}
	double n = all.scored ? (double)all.scored : 1;
	if (!quiet) printf("%s %zu texts, %zu author groups: cascade alone %zu/%zu = %.2f%%; + re-ranker, leave-one-author-out %zu/%zu = %.2f%% (%+d); "
	       "in-sample %zu/%zu = %.2f%%\n", l, all.texts, ng, all.cascade, all.scored, 100.0 * (double)all.cascade / n, all.cv, all.scored,
	       100.0 * (double)all.cv / n, (int)all.cv - (int)all.cascade, all.in, all.scored, 100.0 * (double)all.in / n);
	free(g);
	if (n_groups) *n_groups = ng < MAX_GROUPS ? ng : MAX_GROUPS;
	return all.cv;
}

/* Each cascade step's record in language zh: the lines it decided and how many it got right,
 * all of them and those the model may re-decide (the cascade_by_* features' evidence). */
static void rule_report(int zh, int cv)
{
	const char *l = zh ? "ZH" : "EN";
	size_t n[NOV_HOW_N][2] = { { 0 } }, ok[NOV_HOW_N][2] = { { 0 } }, cand[NOV_HOW_N] = { 0 };
	for (size_t ti = 0; ti < n_texts; ti++) {
		const struct text *t = &texts[ti];
		if (t->zh != zh) continue;
		for (size_t i = 0; i < t->n; i++) {
			const struct ex *x = &t->x[i];
			n[x->how][0]++; ok[x->how][0] += (size_t)x->cascade_ok;
			if (x->redecide) { n[x->how][1]++; ok[x->how][1] += (size_t)x->cascade_ok; }
			int in = 0;
			for (size_t c = 0; c < x->n_cand; c++) in |= x->ok[c] && !x->nobody[c];
			cand[x->how] += x->redecide && !x->cascade_ok && in;
		}
	}
	printf("%s cascade step        all: right/lines       re-decided: right/lines   wrong, the right one a candidate%s\n", l, cv ? "   + model, author held out" : "");
	for (int h = 0; h < NOV_HOW_N; h++) {
		if (!n[h][0]) continue;
		const char *name = nov_how_name[h];
		printf("%s   %-14s %5zu/%-5zu = %5.1f%%   %5zu/%-5zu = %5.1f%%   %5zu", l, name, ok[h][0], n[h][0], 100.0 * (double)ok[h][0] / (double)n[h][0],
		       ok[h][1], n[h][1], n[h][1] ? 100.0 * (double)ok[h][1] / (double)n[h][1] : 0.0, cand[h]);
		if (cv) printf("   %5zu (%+d)", rule_cv[zh][h], (int)rule_cv[zh][h] - (int)ok[h][0]);
		printf("\n");
	}
}

/* (study: TRAIN_RANK_ABLATE=1 with --cv) the held-out figure with each feature left out in
 * turn, and the most any author group loses by it: the features that only overfit */
static void cv_ablate(int zh)
{
	size_t base_g[MAX_GROUPS], g[MAX_GROUPS], n_g = 0;
	size_t base = cv_report(zh, 1, base_g, &n_g);
	for (int k = 1; k < NOV_RANK_NF; k++) {
		if (k == f_weak_cascade) continue;
		size_t n_val = 0;
		for (size_t ti = 0; ti < n_texts; ti++)
			for (size_t i = 0; texts[ti].zh == zh && i < texts[ti].n; i++) n_val += texts[ti].x[i].n_cand;
		float *keep = xmalloc((n_val ? n_val : 1) * sizeof *keep), any = 0;
		size_t v = 0;
		for (size_t ti = 0; ti < n_texts; ti++)
			for (size_t i = 0; texts[ti].zh == zh && i < texts[ti].n; i++)
				for (size_t c = 0; c < texts[ti].x[i].n_cand; c++) { keep[v++] = texts[ti].x[i].f[c][k]; any += fabsf(texts[ti].x[i].f[c][k]); texts[ti].x[i].f[c][k] = 0; }
		size_t r = any ? cv_report(zh, 1, g, NULL) : base;
		int worst = 0;
		for (size_t j = 0; any && j < n_g; j++)
			if ((int)g[j] - (int)base_g[j] < worst) worst = (int)g[j] - (int)base_g[j];
		v = 0;
		for (size_t ti = 0; ti < n_texts; ti++)
			for (size_t i = 0; texts[ti].zh == zh && i < texts[ti].n; i++)
				for (size_t c = 0; c < texts[ti].x[i].n_cand; c++) texts[ti].x[i].f[c][k] = keep[v++];
		free(keep);
		printf("%s without %-26s held out %zu (%+d)  worst group %+d%s\n", zh ? "ZH" : "EN", nov_rank_feature[k], r, (int)r - (int)base, worst, any ? "" : "  (never set)");
		fflush(stdout);
	}
}

static int write_weights(const char *dir, int zh)
{
	struct nov_rank_w w;
	fit_margin(&w, zh, use_all, NULL);
	if (!weak_helps[zh]) {   /* (no weak_* weight: the program leaves weak-tagged lines to the cascade) */
		for (int k = f_weak_cascade; k < NOV_RANK_NF; k++) w.w[k] = 0;
		printf("%s weak-tagged lines: no model written (held out, it is no better than the cascade on them)\n", zh ? "ZH" : "EN");
	}
	struct sbuf b = { 0 };
	sb_printf(&b, "# speaker re-ranking weights (%s), fitted by tools/train_rank.c (make train-rank) on every annotated\n"
	              "# quotation of tests/prose; FEATURE<TAB>WEIGHT, see story/novel_rank.c\n", zh ? "Chinese" : "English");
	for (int k = 0; k < NOV_RANK_NF; k++) sb_printf(&b, "%s\t%.4f\n", nov_rank_feature[k], w.w[k]);
	char *path = xasprintf("%s/novel_rank_%s.tsv", dir, zh ? "zh" : "en");
	int rc = file_write_atomic(path, b.s, b.len);
	if (rc < 0) fprintf(stderr, "train_rank: %s\n", err_msg());
	else printf("wrote %s\n", path);
	free(path);
	sb_free(&b);
	return rc;
}

int main(int argc, char **argv)
{
	int wr = 0, force = 0, cv = 0, a = 1;
	if (a < argc && !strcmp(argv[a], "--cv")) { cv = 1; a++; }
	if (a < argc && !strcmp(argv[a], "--write")) { wr = 1; a++; }
	if (a < argc && !strcmp(argv[a], "--force")) { force = 1; a++; }
	const char *dir = a < argc ? argv[a++] : "tests/prose", *out = a < argc ? argv[a++] : "data";
	setenv("DRAMA_NOVEL_RANK", "off", 1);
	no_weak = getenv("TRAIN_RANK_WEAK") && !strcmp(getenv("TRAIN_RANK_WEAK"), "off");
	for (f_weak_cascade = 0; f_weak_cascade < NOV_RANK_NF && strcmp(nov_rank_feature[f_weak_cascade], "weak_cascade"); f_weak_cascade++) {}
	if (f_weak_cascade == NOV_RANK_NF) { fprintf(stderr, "train_rank: no feature weak_cascade in story/novel_rank.c\n"); return 1; }
	scope_guessed = getenv("TRAIN_RANK_SCOPE") && !strcmp(getenv("TRAIN_RANK_SCOPE"), "guessed");
	if (getenv("TRAIN_RANK_EPOCHS")) EPOCHS = atoi(getenv("TRAIN_RANK_EPOCHS"));
	if (getenv("TRAIN_RANK_RATE")) RATE = atof(getenv("TRAIN_RANK_RATE"));
	if (getenv("TRAIN_RANK_L2")) L2 = atof(getenv("TRAIN_RANK_L2"));
	perceptron = getenv("TRAIN_RANK_ALGO") && !strcmp(getenv("TRAIN_RANK_ALGO"), "perceptron");
	pairwise = getenv("TRAIN_RANK_ALGO") && !strcmp(getenv("TRAIN_RANK_ALGO"), "pairwise");
	static const char *const pats[] = { "%s/*.txt", "%s/*/*.txt" };
	for (int p = 0; p < 2; p++) {
		char *pat = xasprintf(pats[p], dir);
		glob_t g;
		if (glob(pat, 0, NULL, &g) == 0) {
			for (size_t i = 0; i < g.gl_pathc; i++) {
				char set[32] = "corpus";
				if (p) {
					const char *e = strrchr(g.gl_pathv[i], '/'), *s = e;
					while (s > g.gl_pathv[i] && s[-1] != '/') s--;
					snprintf(set, sizeof set, "%.*s", (int)(e - s), s);
					/* a test set (tests/prose/test16: measured, never studied) is no training data */
					if (!strncmp(set, "test", 4)) continue;
				}
				load_text(g.gl_pathv[i], set);
			}
			globfree(&g);
		}
		free(pat);
	}
	if (!n_texts) { fprintf(stderr, "train_rank: no annotated texts in %s (NAME.txt with NAME.spk)\n", dir); return 1; }
	int rc = 0;
	const char *lang = getenv("TRAIN_RANK_LANG");   /* (en or zh: that language alone) */
	for (int zh = 0; cv && zh < 2; zh++)
		if (!lang || !strcmp(lang, zh ? "zh" : "en")) {
			cv_report(zh, 0, NULL, NULL);
			rule_report(zh, 1);
			if (getenv("TRAIN_RANK_ABLATE")) cv_ablate(zh);
		}
	for (int zh = 0; !cv && zh < 2; zh++) {
		rule_report(zh, 0);
		int helps = report(zh) || force;
		if (wr && helps && write_weights(out, zh) < 0) rc = 1;
		if (wr && !helps) {   /* the model lands only where it helps on texts it was not fitted on */
			char *path = xasprintf("%s/novel_rank_%s.tsv", out, zh ? "zh" : "en");
			printf("%s: not written (leave-one-text-out or leave-one-author-out is no better than the cascade alone)%s\n", path, remove(path) == 0 ? "; the old file removed" : "");
			free(path);
		}
	}
	for (size_t i = 0; i < n_texts; i++) free(texts[i].x);
	free(texts);
	return rc;
}
