/* bench/bench_story.c — the embedded story engine: time to write one 3-minute episode
 * from keywords (English and Chinese), from the example outline, and a 60-episode
 * series; and how much a 60-episode series repeats itself (distinct spoken lines /
 * spoken lines). Target: well under 100 ms per episode. */
#include "bench.h"
#include "story/story.h"
#include "story/engine.h"

#include <time.h>

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

static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Best CPU time (not wall: the machine is shared) of story_from_keywords over reps seeds. */
static double time_keywords(const char *kw, int episodes, int reps)
{
	double best = 1e9;
	for (int r = 0; r < reps; r++) {
		struct story_opts o = { .seed = (uint64_t)r + 1, .episodes = episodes, .minutes = 3 };
		struct series *s = NULL;
		double t0 = cpu_now();
		int rc = story_from_keywords(kw, &o, &s);
		double t = cpu_now() - t0;
		if (rc < 0) { fprintf(stderr, "bench_story: %s\n", err_msg()); return -1; }
		series_free(s);
		if (t < best) best = t;
	}
	return best;
}

BENCH(story_engine)
{
	double en = time_keywords("ancient time-travel, milk tea shop, prince", 1, 20);
	bench_report("story: one 3-minute episode from English keywords", en * 1000, "ms", "best of 20 seeds, CPU, story_from_keywords, data loaded each call");
	double zh = time_keywords("穿越, 奶茶店, 王爷", 1, 20);
	bench_report("story: one 3-minute episode from Chinese keywords", zh * 1000, "ms", "best of 20 seeds");
	double series = time_keywords("revenge, wedding, stepsister", 60, 2);
	bench_report("story: a 60-episode series", series * 1000, "ms", "best of 2 seeds, CPU, 60 x 3 minutes");
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

/* ---- issue 14: every keyword used by its kind; plots that differ; a series that holds ---- */

/* 20 keyword sets across genres: 8 Chinese; the marked ones (*) have words in no curated
 * list (WordNet or friso decides what they are). */
static const char *const KW_SETS[] = {
	"an old fisherman, a talking parrot, a flood",               /* * */
	"mafia heir, ballet dancer, blackmail",                      /* * */
	"zombie outbreak, army doctor, missing brother",
	"time loop, wedding, poisoning",
	"鹈鹕, 瀑布, 琵琶, 茶馆老板",                                 /* * Unihan + WordNet */
	"fake engagement, bakery, rival chef",
	"switched at birth, hospital, snowstorm",
	"long-lost heir, lighthouse keeper, shipwreck",              /* * */
	"beekeeper, owl, wildfire, monastery",                       /* * */
	"blacksmith, salamander, avalanche, canyon",                 /* * */
	"cyberpunk, robot, detective, blackout",
	"wuxia, swordswoman, poisoning, mountain temple",
	"ancient time-travel, milk tea shop, prince",
	"末日, 丧尸, 军医",
	"替嫁, 双胞胎, 车祸",
	"会说话的鹦鹉, 老渔夫, 洪水",
	"黑帮继承人, 芭蕾舞者, 敲诈",                               /* * */
	"时间循环, 婚礼, 下毒",
	"灵魂互换, 总裁, 暴风雪",
	"养蜂人, 猫头鹰, 灯塔, 台风",                                /* * */
};


BENCH(story_keywords)
{
	const size_t n = sizeof KW_SETS / sizeof *KW_SETS;
	int total[KW_N] = { 0 }, used[KW_N] = { 0 }, by[6] = { 0 };
	struct series *s1[sizeof KW_SETS / sizeof *KW_SETS] = { 0 };
	for (size_t i = 0; i < n; i++) {
		struct story_opts o = { .seed = 1, .episodes = 1, .minutes = 3 };
		struct eng_usage u;
		if (eng_from_keywords(KW_SETS[i], &o, &s1[i], &u) < 0) { fprintf(stderr, "bench_story: %s\n", err_msg()); continue; }
		for (int k = 0; k < KW_N; k++) { total[k] += u.total[k]; used[k] += u.used[k]; }
		for (int v = 0; v < 6; v++) by[v] += u.by[v];
		if (u.unused[0]) fprintf(stderr, "bench_story: \"%s\": not used: %s\n", KW_SETS[i], u.unused);
	}
	int all_t = 0, all_u = 0;
	for (int k = 0; k < KW_N; k++) {
		if (!total[k]) continue;
		char what[96], note[64];
		snprintf(what, sizeof what, "story: %s keywords used as %ss", ENG_KW_KINDS[k], ENG_KW_KINDS[k]);
		snprintf(note, sizeof note, "%d of %d, 20 keyword sets, seed 1, 3 minutes", used[k], total[k]);
		bench_report(what, 100.0 * used[k] / total[k], "%", note);
		all_t += total[k];
		all_u += used[k];
	}
	char note[64];
	snprintf(note, sizeof note, "%d of %d keywords", all_u, all_t);
	bench_report("story: keywords used by their kind, all", all_t ? 100.0 * all_u / all_t : 0, "%", note);
	for (int v = 0; v < 6; v++) {
		char what[96];
		snprintf(what, sizeof what, "story: keywords classified by %s", ENG_KW_VIA[v]);
		bench_report(what, by[v], "", "20 keyword sets");
	}
	/* weather keywords that are a drawn sky (storm, fog, flood...: not a set piece like a
	 * blackout), and event keywords with beat lines of their own class (accident, blackmail...) */
	int wx_t = 0, wx_sky = 0, wx_scene = 0, ev_t = 0, ev_cls = 0;
	for (size_t i = 0; i < n; i++) {
		struct eng *g = eng_new(strchr(KW_SETS[i], ',') && (unsigned char)KW_SETS[i][0] >= 0x80 ? "zh" : "en", 1);
		if (!g) continue;
		char *all = xstrdup(KW_SETS[i]), *save = NULL;
		for (char *w = strtok_r(all, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
			while (*w == ' ') w++;
			struct eng_kw k;
			const json_t *hit[1];
			if (eng_match(g, "tropes", w, hit, 1)) continue;   /* a lexicon trope: beats of its own */
			if (eng_kw_classify(g, w, &k) < 0) continue;
			if (k.kind == KW_EVENT && !k.trope) { ev_t++; ev_cls += k.sub[0] != 0; }
			if (k.kind == KW_WEATHER) {
				wx_t++;
				int sky = model_in_vocab(MODEL_WEATHERS, k.sub) && strcmp(k.sub, "clear");
				wx_sky += sky;
				for (size_t c = 0; sky && s1[i] && c < s1[i]->eps[0].n_scenes; c++)
					if (str_eq(s1[i]->eps[0].scenes[c].weather, k.sub)) { wx_scene++; break; }
			}
			eng_kw_free(&k);
		}
		free(all);
		eng_free(g);
	}
	snprintf(note, sizeof note, "%d of %d weather keywords (the rest: blackout, fire, quake)", wx_sky, wx_t);
	bench_report("story: weather keywords that are a sky the art stage draws", wx_t ? 100.0 * wx_sky / wx_t : 0, "%", note);
	snprintf(note, sizeof note, "%d of %d sky keywords, seed 1", wx_scene, wx_sky);
	bench_report("story: sky keywords that are a scene's weather", wx_sky ? 100.0 * wx_scene / wx_sky : 0, "%", note);
	snprintf(note, sizeof note, "%d of %d (tropes excluded: they have beats of their own)", ev_cls, ev_t);
	bench_report("story: event keywords with beat lines of their class", ev_t ? 100.0 * ev_cls / ev_t : 0, "%", note);
	/* line overlap between different keyword sets at one seed */
	double sum = 0, mx = 0;
	int pairs = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			if (!s1[i] || !s1[j] || !str_eq(s1[i]->lang, s1[j]->lang)) continue;
			double jc = eng_stats_jaccard(s1[i], s1[j]);
			sum += jc;
			if (jc > mx) mx = jc;
			pairs++;
		}
	snprintf(note, sizeof note, "%d same-language pairs, seed 1", pairs);
	bench_report("story: line Jaccard between keyword sets, mean", pairs ? sum / pairs : 0, "", note);
	bench_report("story: line Jaccard between keyword sets, max", mx, "", note);
	/* beats in the same place for two seeds of one set */
	int worst = 0;
	double bsum = 0;
	for (size_t i = 0; i < n; i++) {
		struct story_opts o = { .seed = 2, .episodes = 1, .minutes = 3 };
		struct series *b = NULL;
		if (!s1[i] || story_from_keywords(KW_SETS[i], &o, &b) < 0) continue;
		int same = eng_stats_same_beats(s1[i], b);
		if (same > 2) fprintf(stderr, "bench_story: \"%s\": %d beats in the same place for seeds 1 and 2\n", KW_SETS[i], same);
		bsum += same;
		if (same > worst) worst = same;
		series_free(b);
	}
	bench_report("story: same-place beats, seed 1 vs 2, max", worst, "beats", "20 keyword sets, episode 1");
	bench_report("story: same-place beats, seed 1 vs 2, mean", bsum / n, "beats", "20 keyword sets, episode 1");
	for (size_t i = 0; i < n; i++) series_free(s1[i]);
	/* a 10-episode series */
	static const char *const SER[] = { "an old fisherman, a talking parrot, a flood", "time loop, wedding, poisoning",
	                                   "revenge, wedding, stepsister", "末日, 丧尸, 军医" };
	for (size_t i = 0; i < sizeof SER / sizeof *SER; i++) {
		struct story_opts o = { .seed = 1, .episodes = 10, .minutes = 3 };
		struct series *s = NULL;
		if (story_from_keywords(SER[i], &o, &s) < 0) continue;
		struct eng_series_stats st;
		eng_stats_series(s, &st);
		char what[160], nt[128];
		snprintf(what, sizeof what, "story: 10 episodes of \"%s\": cliffhangers picked up", SER[i]);
		snprintf(nt, sizeof nt, "%d of %d", st.answered, st.cliffs);
		bench_report(what, st.cliffs ? 100.0 * st.answered / st.cliffs : 0, "%", nt);
		snprintf(what, sizeof what, "story: 10 episodes of \"%s\": beats repeated", SER[i]);
		snprintf(nt, sizeof nt, "of %d beats (scene summaries, names normalised)", st.beats);
		bench_report(what, st.beats_repeated, "beats", nt);
		snprintf(what, sizeof what, "story: 10 episodes of \"%s\": lines reused from earlier episodes", SER[i]);
		snprintf(nt, sizeof nt, "mean; max %.1f%% (the recap of the cliffhanger excepted)", 100 * st.reuse_max);
		bench_report(what, 100 * st.reuse_mean, "%", nt);
		series_free(s);
	}
	/* CPU of the story stage */
	for (int eps = 1; eps <= 60; eps += 59) {
		double best = 1e9;
		for (int r = 0; r < 3; r++) {
			struct story_opts o = { .seed = (uint64_t)r + 1, .episodes = eps, .minutes = 3 };
			struct series *s = NULL;
			double t0 = cpu_now();
			int rc = story_from_keywords("an old fisherman, a talking parrot, a flood", &o, &s);
			double t = cpu_now() - t0;
			series_free(s);
			if (rc == 0 && t < best) best = t;
		}
		char what[96];
		snprintf(what, sizeof what, "story: CPU for %d episode%s of unknown keywords", eps, eps > 1 ? "s" : "");
		bench_report(what, best * 1000, "ms", "best of 3 seeds, CPU time, WordNet loaded once per process");
	}
}
