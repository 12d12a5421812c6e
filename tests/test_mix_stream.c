/* tests/test_mix_stream.c — the focus of this file is the streamed mix (mix_open /
 * mix_read / mix_close, and mix_episode built on them): it must equal the former
 * whole-buffer mix (mix_episode_whole) sample for sample within float rounding, for an
 * episode longer than several chunks with crossfades, hall reverb, rain, effects and
 * the limiter at work; read in odd chunk sizes; loudness -14 +-1 LUFS, true peak
 * <= -1 dBTP, measured here with libebur128. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <ebur128.h>
#include "test.h"
#include "core/util.h"
#include "core/wav.h"
#include "core/model.h"
#include "core/timeline.h"
#include "music/music_internal.h"

static void speech(const char *path, double sec, double amp, int seed)
{
	size_t n = (size_t)(sec * MIX_RATE);
	int16_t *pcm = xmalloc(n * sizeof *pcm);
	double f0 = 120 + 15 * seed;
	for (size_t i = 0; i < n; i++) {
		double t = (double)i / MIX_RATE, v = 0;
		for (int h = 1; h <= 7; h++) v += sin(2 * M_PI * f0 * h * t) / h;
		double env = 0.3 + 0.7 * fabs(sin(M_PI * 4 * t));
		pcm[i] = (int16_t)(v * env * amp * 32767 / 2.6);
	}
	wav_write(path, pcm, n, MIX_RATE, 1);
	free(pcm);
}

static struct project *mk(void)
{
	struct project *p;
	if (project_open(test_tmpdir(), 1, &p) < 0)
		return NULL;
	char *vd = project_path(p, "cache/voice");
	mkdir_p(vd);
	free(vd);
	p->s = series_new();
	p->s->seed = 7;
	struct location *loc = series_add_location(p->s);
	loc->name = xstrdup("Palace");
	loc->kind = xstrdup("palace_hall");
	struct episode *ep = series_add_episode(p->s);
	ep->number = 1;
	static const char *const moods[] = { "action", "romance", "triumph" };
	int li = 0;
	for (int s = 0; s < 3; s++) {
		struct scene *sc = episode_add_scene(ep);
		sc->location = xstrdup("Palace");
		sc->mood = xstrdup(moods[s]);
		if (s == 1) sc->weather = xstrdup("rain");
		for (int k = 0; k < 4; k++) {
			struct shot *sh = scene_add_shot(sc);
			sh->type = xstrdup("medium");
			if (k == 2) sh->camera = xstrdup("snap_zoom");
			if (k == 0 && s) sh->transition = xstrdup("whip_pan");
			if (k == 3 && s == 2) sh->sound = xstrdup("slap");
			struct line *l = shot_set_line(sh);
			l->text = xstrdup("line");
			l->audio = xasprintf("cache/voice/%d.wav", li);
			l->audio_sec = 1.2 + 0.3 * (k % 3);
			char *abs = project_path(p, l->audio);
			speech(abs, l->audio_sec, k == 1 ? 0.95 : 0.4, li++);   /* a shout drives the limiter */
			free(abs);
		}
	}
	return p;
}

TEST(mix_stream_equals_whole_buffer)
{
	struct project *p = mk();
	CHECK(p);
	struct episode *ep = &p->s->eps[0];
	struct stage_opts o = { 0 };
	CHECKF(music_stage(p, &o) == 0, "%s", err_msg());
	struct timeline tl;
	CHECK(timeline_build(p->s, ep, 30, &tl) == 0);
	float *ref;
	size_t nref;
	CHECKF(mix_episode_whole(p, ep, &tl, &ref, &nref) == 0, "%s", err_msg());
	CHECKF(nref > 4 * 61440, "episode of %zu frames is not longer than a few chunks", nref);

	struct mix *m;
	CHECKF(mix_open(p, ep, &tl, &m) == 0, "%s", err_msg());
	CHECK_INT(mix_frames(m), nref);
	float *lr = xmalloc((nref * 2 + 2) * sizeof *lr);
	size_t got = 0;
	long n;
	size_t step = 1000;
	while ((n = mix_read(m, lr + 2 * got, step)) > 0) {
		got += (size_t)n;
		step = step * 3 + 17;                 /* odd chunk sizes */
	}
	CHECK(n == 0);
	CHECK_INT(mix_read(m, lr, 10), 0);
	mix_close(m);
	CHECK_INT(got, nref);
	double maxd = 0, e = 0;
	for (size_t i = 0; i < 2 * nref; i++) {
		double d = fabs((double)lr[i] - ref[i]);
		if (d > maxd) maxd = d;
		e += (double)ref[i] * ref[i];
	}
	CHECKF(e > 0, "reference mix is silent");
	log_info("test", "streamed vs whole-buffer mix: max difference %.3g", maxd);
	CHECKF(maxd < 1e-4, "streamed mix differs from the whole-buffer mix by up to %.3g", maxd);

	ebur128_state *st = ebur128_init(2, MIX_RATE, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
	ebur128_add_frames_float(st, lr, nref);
	double l, a, b;
	ebur128_loudness_global(st, &l);
	ebur128_true_peak(st, 0, &a);
	ebur128_true_peak(st, 1, &b);
	ebur128_destroy(&st);
	double tp = 20 * log10(a > b ? a : b);
	CHECKF(fabs(l + 14) <= 1.0, "integrated loudness %.2f LUFS", l);
	CHECKF(tp <= -1.0, "true peak %.2f dBTP", tp);

	/* mix_episode (the compatibility wrapper) returns the same */
	float *lr2;
	size_t n2;
	CHECK(mix_episode(p, ep, &tl, &lr2, &n2) == 0);
	CHECK_INT(n2, nref);
	CHECK(memcmp(lr2, lr, nref * 2 * sizeof *lr) == 0);
	free(lr2);
	free(lr);
	free(ref);
	timeline_free(&tl);
	project_free(p);
}

TEST(mix_stream_rejects_overlap_and_empty)
{
	struct mix *m = (struct mix *)1;
	struct timeline tl;
	memset(&tl, 0, sizeof tl);
	CHECK(mix_open(NULL, NULL, &tl, &m) < 0);
	CHECK(m == NULL);
	mix_close(NULL);
}
