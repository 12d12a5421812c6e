/* bench/bench_fountain.c — a feature-length screenplay: about 6,000 lines (some 150
 * pages) built from the English fixtures in tests/fountain/ (every element of the
 * syntax, joint cues and dual dialogue included), each copy under its own scene
 * headings. Measures story_from_fountain (parse, cast, shots, splitting into 3-minute
 * episodes) and the export, and checks that every episode ends at a scene boundary (no
 * heading is lost or split) and that joint cues speak as both. Target: import < 1 s. */
#include "bench.h"
#include "story/story.h"
#include "story/fountain.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Body of a fixture (title page dropped), with "INT. " headings renamed for copy k so
 * places differ from copy to copy. */
static void add_copy(struct sbuf *b, const char *text, int k)
{
	const char *p = text;
	if (!strncmp(p, "Title:", 6)) { const char *e = strstr(p, "\n\n"); p = e ? e + 2 : p; }
	for (const char *q; *p; p = q) {
		q = strchr(p, '\n');
		q = q ? q + 1 : p + strlen(p);
		if ((!strncmp(p, "INT. ", 5) || !strncmp(p, "EXT. ", 5)) && (p == text || p[-1] == '\n'))
			sb_printf(b, "%.5sSET %d %.*s", p, k, (int)(q - p - 5), p + 5);
		else
			sb_addn(b, p, (size_t)(q - p));
	}
	sb_add(b, "\n\n");
}

/* CPU time of this process: the machine is shared, wall time says more about the load. */
static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

BENCH(fountain_feature_import)
{
	static const char *const names[] = { "action", "character", "dialogue", "dual", "emphasis", "joint", "lyrics",
		"notes", "page_breaks", "scene_headings", "sections", "transitions", "centered", "title_page" };
	char *texts[ARRAY_LEN(names)];
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *path = xasprintf("tests/fountain/%s.fountain", names[i]);
		size_t n;
		if (file_read_all(path, &texts[i], &n) < 0) { fprintf(stderr, "bench_fountain: %s\n", err_msg()); return; }
		free(path);
	}
	struct sbuf b = { 0 };
	sb_add(&b, "Title: The Long Feature\nAuthor: Bench\n\n");
	size_t lines = 0;
	for (int k = 1; lines < 6000; k++) {
		for (size_t i = 0; i < ARRAY_LEN(names); i++) add_copy(&b, texts[i], k);
		lines = 0;
		for (const char *p = b.s; *p; p++) lines += *p == '\n';
	}
	for (size_t i = 0; i < ARRAY_LEN(names); i++) free(texts[i]);
	struct ft_doc d;
	size_t headings = 0, joint = 0;
	if (fountain_parse(b.s, b.len, "feature.fountain", &d) == 0) {
		for (size_t i = 0; i < d.n; i++) {
			headings += d.v[i].kind == FT_SCENE_HEADING;
			joint += d.v[i].kind == FT_CHARACTER && strstr(d.v[i].text, " AND ");
		}
		fountain_doc_free(&d);
	}
	double best = 1e9;
	struct series *s = NULL;
	for (int r = 0; r < 5; r++) {
		series_free(s);
		s = NULL;
		struct story_opts o = { .minutes = 3 };
		double t0 = cpu_now();
		int rc = story_from_fountain(b.s, b.len, "feature.fountain", &o, &s);
		double t = cpu_now() - t0;
		if (rc < 0) { fprintf(stderr, "bench_fountain: %s\n", err_msg()); sb_free(&b); return; }
		if (t < best) best = t;
	}
	char how[200];
	snprintf(how, sizeof how, "CPU time, best of 5, story_from_fountain of %zu lines (~%zu pages at 40 lines), %zu headings", lines,
	         lines / 40, headings);
	bench_report("fountain: a feature screenplay imported", best * 1000, "ms", how);
	/* every episode ends at a scene boundary: the scenes add up to the headings, and every
	 * scene starts with the heading it had */
	size_t scenes = 0, bad_joint = 0, joint_lines = 0;
	for (size_t e = 0; e < s->n_eps; e++) {
		scenes += s->eps[e].n_scenes;
		for (size_t c = 0; c < s->eps[e].n_scenes; c++)
			for (size_t k = 0; k < s->eps[e].scenes[c].n_shots; k++) {
				const struct line *l = s->eps[e].scenes[c].shots[k].line;
				if (!l || !l->text || (!strstr(l->text, "same equation") && !strstr(l->text, "Together"))) continue;
				joint_lines++;
				bad_joint += !(str_eq(l->speaker, "Edward") && str_eq(l->with, "Will"));
			}
	}
	snprintf(how, sizeof how, "3-minute episodes; %zu scenes for %zu headings (%s); joint cues %zu, %zu lines wrong",
	         scenes, headings, scenes == headings ? "split at scene boundaries" : "SCENES LOST OR SPLIT", joint, bad_joint);
	bench_report("fountain: episodes of the feature", (double)s->n_eps, "episodes", how);
	(void)joint_lines;
	struct sbuf f = { 0 };
	double t0 = cpu_now();
	story_to_fountain(s, &f);
	double te = cpu_now() - t0;
	snprintf(how, sizeof how, "CPU time, story_to_fountain of the imported feature, %zu bytes", f.len);
	bench_report("fountain: the feature exported", te * 1000, "ms", how);
	sb_free(&f);
	series_free(s);
	sb_free(&b);
}
