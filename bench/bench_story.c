/* bench/bench_story.c — the embedded story engine: time to write one 3-minute episode
 * from keywords (English and Chinese), from the example outline, and a 60-episode
 * series; and how much a 60-episode series repeats itself (distinct spoken lines /
 * spoken lines). Target: well under 100 ms per episode. */
#include "bench.h"
#include "story/story.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Distinct lines / lines (narration included) over every episode of a series. */
static double distinct_rate(const struct series *s, size_t *lines, size_t *distinct)
{
	const char **v = NULL;
	size_t n = 0, cap = 0;
	for (size_t e = 0; e < s->n_eps; e++)
		for (size_t c = 0; c < s->eps[e].n_scenes; c++)
			for (size_t k = 0; k < s->eps[e].scenes[c].n_shots; k++) {
				const struct line *l = s->eps[e].scenes[c].shots[k].line;
				if (!l || !l->text) continue;
				xgrow((void **)&v, &cap, n, sizeof *v);
				v[n++] = l->text;
			}
	qsort(v, n, sizeof *v, cmp_str);
	size_t d = 0;
	for (size_t i = 0; i < n; i++) d += !i || strcmp(v[i], v[i - 1]);
	free(v);
	*lines = n;
	*distinct = d;
	return n ? (double)d / (double)n : 0;
}

static double time_keywords(const char *kw, int episodes, int reps)
{
	double best = 1e9;
	for (int r = 0; r < reps; r++) {
		struct story_opts o = { .seed = (uint64_t)r + 1, .episodes = episodes, .minutes = 3 };
		struct series *s = NULL;
		double t0 = bench_now();
		int rc = story_from_keywords(kw, &o, &s);
		double t = bench_now() - t0;
		if (rc < 0) { fprintf(stderr, "bench_story: %s\n", err_msg()); return -1; }
		series_free(s);
		if (t < best) best = t;
	}
	return best;
}

BENCH(story_engine)
{
	double en = time_keywords("ancient time-travel, milk tea shop, prince", 1, 20);
	bench_report("story: one 3-minute episode from English keywords", en * 1000, "ms", "best of 20 seeds, story_from_keywords, data loaded each call");
	double zh = time_keywords("穿越, 奶茶店, 王爷", 1, 20);
	bench_report("story: one 3-minute episode from Chinese keywords", zh * 1000, "ms", "best of 20 seeds");
	double series = time_keywords("revenge, wedding, stepsister", 60, 2);
	bench_report("story: a 60-episode series", series * 1000, "ms", "best of 2 seeds, 60 x 3 minutes");
	static const char *const rep_kw[] = { "revenge, wedding, stepsister", "ancient time-travel, milk tea shop, prince",
	                                      "穿越, 奶茶店, 王爷", "宫斗, 皇后, 冷宫" };
	for (size_t i = 0; i < sizeof rep_kw / sizeof *rep_kw; i++) {
		struct story_opts o = { .seed = 1, .episodes = 60, .minutes = 3 };
		struct series *s = NULL;
		if (story_from_keywords(rep_kw[i], &o, &s) < 0) { fprintf(stderr, "bench_story: %s\n", err_msg()); continue; }
		size_t n, d;
		double rate = distinct_rate(s, &n, &d);
		char what[160], note[96];
		snprintf(what, sizeof what, "story: distinct lines / lines, 60 episodes of \"%s\"", rep_kw[i]);
		snprintf(note, sizeof note, "%zu distinct of %zu lines, seed 1", d, n);
		bench_report(what, rate, "", note);
		series_free(s);
	}
	const char *outline =
		"Title: The Last Cup\n"
		"1. Xia runs a failing milk tea shop on an old street; a stranger in a silk robe appears out of nowhere, soaked by rain.\n"
		"2. He insists he is Prince Rui of a dynasty a thousand years gone and orders \"the finest tea in the kingdom\".\n"
		"3. Xia's landlord arrives to evict her by Friday; the prince pays the rent with a jade seal worth a fortune.\n"
		"4. A rival chain owner, Madam Gao, accuses Xia of stealing the seal and calls the police.\n"
		"5. At the station the seal's inscription proves it belongs to the prince's own tomb, which nobody has ever found.\n"
		"6. Madam Gao is exposed for forging documents to take over the street; the crowd turns on her.\n"
		"7. That night the prince begins to fade; he tells Xia he can stay only if she brews the tea his mother made.\n";
	double best = 1e9;
	for (int r = 0; r < 20; r++) {
		struct story_opts o = { .seed = (uint64_t)r + 1, .episodes = 1, .minutes = 3 };
		struct series *s = NULL;
		double t0 = bench_now();
		if (story_from_outline(outline, &o, &s) == 0) series_free(s);
		double t = bench_now() - t0;
		if (t < best) best = t;
	}
	bench_report("story: one episode from the example outline", best * 1000, "ms", "best of 20 seeds, story_from_outline");
}
