/* bench/bench_music.c — music render speed (seconds of score per second of CPU, with
 * libfluidsynth and with the fallback synthesiser) and the mix of a 3-minute episode
 * (12 scenes x 6 shots, synthetic 48 kHz voices, composed cues, effects, ambience). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
#include "bench.h"
#include "core/util.h"
#include "core/wav.h"
#include "core/model.h"
#include "core/timeline.h"
#include "music/music_internal.h"

static const char *const MOODS[] = { "romance", "tension", "comedy", "sadness", "triumph", "mystery", "action", "calm" };

static void render_speed(const char *sf2, const char *label)
{
	double t0 = bench_now();
	struct msynth *m = msynth_new(sf2);
	double load = bench_now() - t0;
	double audio = 0, t1 = bench_now();
	for (int i = 0; i < 8; i++) {
		struct mscore sc;
		if (music_compose(MOODS[i], NULL, (uint64_t)i, 20, &sc) < 0) continue;
		float *lr;
		if (msynth_render(m, &sc, 20 * MIX_RATE, 1.5, &lr) == 0) { audio += 20; free(lr); }
		mscore_free(&sc);
	}
	double dt = bench_now() - t1;
	msynth_free(m);
	char how[160];
	snprintf(how, sizeof how, "8 moods x 20 s cues, %s; soundfont load %.2f s", label, load);
	bench_report("music render speed", audio / dt, "x realtime", how);
}

BENCH(music_render)
{
	render_speed(NULL, "libfluidsynth + FluidR3_GM");
	render_speed("/nonexistent.sf2", "built-in additive fallback");
}

/* 500 cues (2 s each, 8 moods) on one worker and on two: how many differ (must be 0)
 * and the two workers' speed-up. */
BENCH(music_two_workers)
{
	size_t n = 500;
	const char **m = calloc(n, sizeof *m);
	uint64_t *seed = calloc(n, sizeof *seed);
	char (*one)[33] = calloc(n, 33), (*two)[33] = calloc(n, 33);
	for (size_t k = 0; k < n; k++) { m[k] = MOODS[k % 8]; seed[k] = 7000 + k; }
	log_set_level(LOG_WARN);
	unsigned e0 = msynth_error_count();
	double t0 = bench_now();
	int rc = music_cues_hash(m, seed, n, 2 * MIX_RATE, 1, one);
	double t1 = bench_now();
	rc |= music_cues_hash(m, seed, n, 2 * MIX_RATE, 2, two);
	double t2 = bench_now();
	size_t differ = 0;
	for (size_t k = 0; k < n; k++) differ += strcmp(one[k], two[k]) != 0;
	char how[200];
	snprintf(how, sizeof how, "500 cues of 2 s: one worker %.1f s, two %.1f s; %u fluidsynth errors%s", t1 - t0, t2 - t1,
	         msynth_error_count() - e0, rc ? "; FAILED to make some" : "");
	bench_report("music cues differing, 2 workers vs 1", (double)differ, "cues", how);
	log_set_level(LOG_INFO);
	free(m); free(seed); free(one); free(two);
}

/* Peak resident memory of fn(p, ep, tl) in a forked child: VmHWM after resetting it
 * (clear_refs 5), minus the RSS before the call. Returns MB added, and the seconds. */
typedef int (*mixfn)(const struct project *, const struct episode *, const struct timeline *, float **, size_t *);

static long vm_kb(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	size_t kl = strlen(key);
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, key, kl)) v = atol(line + kl + 1);
	if (f) fclose(f);
	return v;
}

static int streamed_to_sink(const struct project *p, const struct episode *ep, const struct timeline *tl,
                            float **lr, size_t *frames)
{
	/* what the renderer does with mix_open: read chunks and hand them on (here: sum them) */
	struct mix *m;
	*lr = NULL;
	*frames = 0;
	if (mix_open(p, ep, tl, &m) < 0) return -1;
	float buf[2 * 4096];
	long n;
	double sink = 0;
	while ((n = mix_read(m, buf, 4096)) > 0) { sink += buf[0]; *frames += (size_t)n; }
	mix_close(m);
	return n < 0 || sink != sink ? -1 : 0;
}

static int measure(mixfn fn, const struct project *p, const struct episode *ep, const struct timeline *tl,
                   double *mb, double *sec, double *peak_mb)
{
	int fds[2];
	if (pipe(fds) < 0) return -1;
	fflush(stderr);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		FILE *f = fopen("/proc/self/clear_refs", "w");
		if (f) { fputs("5", f); fclose(f); }
		long before = vm_kb("VmRSS:");
		double t0 = bench_now();
		float *lr;
		size_t frames;
		int rc = fn(p, ep, tl, &lr, &frames);
		double r[3] = { (double)(vm_kb("VmHWM:") - before) / 1024, bench_now() - t0, (double)vm_kb("VmHWM:") / 1024 };
		if (rc == 0) free(lr);
		if (rc == 0 && write(fds[1], r, sizeof r) != (ssize_t)sizeof r) rc = -1;
		_exit(rc == 0 ? 0 : 1);
	}
	close(fds[1]);
	double r[3];
	ssize_t k = read(fds[0], r, sizeof r);
	close(fds[0]);
	int st;
	waitpid(pid, &st, 0);
	if (k != (ssize_t)sizeof r) return -1;
	*mb = r[0];
	*sec = r[1];
	*peak_mb = r[2];
	return 0;
}

/* an episode of n_scenes x 6 shots (12 scenes ~ 3 minutes), synthetic voices, composed cues */
static void mix_bench(int n_scenes, const char *label)
{
	struct project *p;
	char *dir = xasprintf("%s/mix%d", bench_tmpdir(), n_scenes);
	mkdir_p(dir);
	int orc = project_open(dir, 1, &p);
	free(dir);
	if (orc < 0) return;
	char *vd = project_path(p, "cache/voice");
	mkdir_p(vd);
	free(vd);
	p->s = series_new();
	p->s->seed = 5;
	struct location *loc = series_add_location(p->s);
	loc->name = xstrdup("Palace");
	loc->kind = xstrdup("palace_hall");
	struct episode *ep = series_add_episode(p->s);
	ep->number = 1;
	int li = 0;
	for (int s = 0; s < n_scenes; s++) {
		struct scene *sc = episode_add_scene(ep);
		sc->location = xstrdup("Palace");
		sc->mood = xstrdup(MOODS[s % 8]);
		if (s % 3 == 1) sc->weather = xstrdup("rain");
		for (int k = 0; k < 6; k++) {
			struct shot *sh = scene_add_shot(sc);
			sh->type = xstrdup("medium");
			if (k == 3) sh->camera = xstrdup("snap_zoom");
			struct line *l = shot_set_line(sh);
			l->text = xstrdup("line");
			l->audio = xasprintf("cache/voice/%d.wav", li++);
			l->audio_sec = 1.4 + 0.1 * (k % 4);
			size_t n = (size_t)(l->audio_sec * MIX_RATE);
			int16_t *pcm = xmalloc(n * sizeof *pcm);
			for (size_t i = 0; i < n; i++)
				pcm[i] = (int16_t)(8000 * sin(2 * M_PI * 150 * i / MIX_RATE) * fabs(sin(M_PI * 4.0 * i / MIX_RATE)));
			char *abs = project_path(p, l->audio);
			wav_write(abs, pcm, n, MIX_RATE, 1);
			free(abs);
			free(pcm);
		}
	}
	struct stage_opts o = { 0 };
	double t0 = bench_now();
	if (music_stage(p, &o) < 0) { project_free(p); return; }
	double stage = bench_now() - t0;
	struct timeline tl;
	timeline_build(p->s, ep, 30, &tl);
	double sec = (double)tl.frames / 30;
	char how[200];
	snprintf(how, sizeof how, "%.0f s episode, %d scenes, %d lines, effects, ambience, hall reverb", sec, n_scenes, li);
	char what[120];
	snprintf(what, sizeof what, "music stage %s (compose + render + level + write)", label);
	bench_report(what, stage, "s", how);
	static const struct { const char *name; mixfn fn; } ways[] = {
		{ "streamed mix_open/mix_read, every span mixed (empty cache)", streamed_to_sink },
		{ "streamed mix_open/mix_read again, spans from the cache", streamed_to_sink },
		{ "mix_episode (streamed, one buffer out, spans cached)", mix_episode },
	};
	char *spans = project_path(p, "cache/shots"), *rm = xasprintf("rm -f %s/*.mixspan %s/*.mixlvl", spans, spans);
	if (system(rm) != 0) fprintf(stderr, "bench: `%s` failed\n", rm);
	free(rm);
	free(spans);
	for (size_t w = 0; w < sizeof ways / sizeof *ways; w++) {
		double mb, t, peak;
		if (measure(ways[w].fn, p, ep, &tl, &mb, &t, &peak) < 0) continue;
		snprintf(what, sizeof what, "%s %s: time", label, ways[w].name);
		bench_report(what, t, "s", how);
		snprintf(what, sizeof what, "%s %s: peak RSS added", label, ways[w].name);
		char how2[260];
		snprintf(how2, sizeof how2, "VmHWM - VmRSS before, in a forked child; process peak %.0f MB", peak);
		bench_report(what, mb, "MB", how2);
	}
	timeline_free(&tl);
	project_free(p);
}

BENCH(music_mix_3min) { mix_bench(12, "3-minute"); }
BENCH(music_mix_10min) { mix_bench(40, "10-minute"); }
