/* bench/bench_music.c — music render speed (seconds of score per second of CPU, with
 * libfluidsynth and with the fallback synthesiser) and the mix of a 3-minute episode
 * (12 scenes x 6 shots, synthetic 48 kHz voices, composed cues, effects, ambience). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
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

BENCH(music_mix_3min)
{
	struct project *p;
	if (project_open(bench_tmpdir(), 1, &p) < 0) return;
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
	for (int s = 0; s < 12; s++) {
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
	float *lr;
	size_t frames;
	t0 = bench_now();
	int rc = mix_episode(p, ep, &tl, &lr, &frames);
	double mix = bench_now() - t0;
	if (rc == 0) {
		char how[128];
		snprintf(how, sizeof how, "%.0f s episode, 12 scenes, 72 lines, effects, ambience, -14 LUFS master", sec);
		bench_report("music stage (compose + render + level + write)", stage, "s", how);
		bench_report("mix_episode", mix, "s", how);
		free(lr);
	}
	timeline_free(&tl);
	project_free(p);
}
