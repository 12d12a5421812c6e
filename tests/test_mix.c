/* tests/test_mix.c — the focus of this file is mix_episode(): exact length, dialogue
 * placed at its timeline frames, music ducked under speech (measured on a marker tone),
 * loudness -14 LUFS +-1 and true peak <= -1 dBTP measured here with libebur128, effects
 * at their cues, and refusal of overlapping lines. Speech is synthetic (a buzzy vowel
 * with syllable envelopes) so the tests need no TTS. */
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

#define SPEECH_F0 140.0
#define MARK_F 5000.0             /* music marker above the speech band */
#define BAND_F 1500.0             /* music marker in the speech band */

/* a 48 kHz mono "voice": harmonics of 140 Hz under a 4 Hz syllable envelope */
static int write_speech(const char *path, double sec, double amp)
{
	size_t n = (size_t)(sec * MIX_RATE);
	int16_t *pcm = xmalloc(n * sizeof *pcm);
	for (size_t i = 0; i < n; i++) {
		double t = (double)i / MIX_RATE, v = 0;
		for (int h = 1; h <= 7; h++) v += sin(2 * M_PI * SPEECH_F0 * h * t) / h;
		double env = 0.35 + 0.65 * fabs(sin(M_PI * 4 * t));
		pcm[i] = (int16_t)(v * env * amp * 32767 / 2.6);
	}
	int rc = wav_write(path, pcm, n, MIX_RATE, 1);
	free(pcm);
	return rc;
}

/* power of frequency f in the left channel over [a, a+n) (Goertzel) */
static double tone_power(const float *lr, size_t a, size_t n, double f)
{
	double w = 2 * M_PI * f / MIX_RATE, c = 2 * cos(w), s1 = 0, s2 = 0;
	for (size_t i = 0; i < n; i++) {
		double s0 = lr[2 * (a + i)] + c * s1 - s2;
		s2 = s1;
		s1 = s0;
	}
	return (s1 * s1 + s2 * s2 - c * s1 * s2) / ((double)n * n);
}

/* Project: scenes of shots; shot k has a 1.5 s line if lines[k] else lasts 2.5 s. */
static struct project *mk_project(int n_scenes, const int *lines, int n_shots)
{
	struct project *p;
	if (project_open(test_tmpdir(), 1, &p) < 0)
		return NULL;
	char *vd = project_path(p, "cache/voice");
	mkdir_p(vd);
	free(vd);
	p->s = series_new();
	p->s->seed = 42;
	struct character *c = series_add_character(p->s);
	c->name = xstrdup("Xia");
	struct location *loc = series_add_location(p->s);
	loc->name = xstrdup("Street");
	loc->kind = xstrdup("street");
	struct episode *ep = series_add_episode(p->s);
	ep->number = 1;
	int li = 0;
	for (int s = 0; s < n_scenes; s++) {
		struct scene *sc = episode_add_scene(ep);
		sc->location = xstrdup("Street");
		sc->mood = xstrdup(s % 2 ? "tension" : "romance");
		for (int k = 0; k < n_shots; k++) {
			struct shot *sh = scene_add_shot(sc);
			sh->type = xstrdup("medium");
			if (lines[k]) {
				struct line *l = shot_set_line(sh);
				l->speaker = xstrdup("Xia");
				l->text = xstrdup("We meet again.");
				l->audio = xasprintf("cache/voice/l%d.wav", li++);
				l->audio_sec = 1.5;
				char *abs = project_path(p, l->audio);
				write_speech(abs, 1.5, 0.5);
				free(abs);
			} else {
				sh->duration = 2.5;
			}
		}
	}
	return p;
}

TEST(mix_ducking_and_placement)
{
	static const int lines[] = { 1, 0, 1, 0 };
	struct project *p = mk_project(1, lines, 4);
	CHECK(p);
	struct episode *ep = &p->s->eps[0];
	struct timeline tl;
	CHECK(timeline_build(p->s, ep, 30, &tl) == 0);
	/* the scene's music: a steady 5 kHz marker tone at the cue level */
	int64_t start, len;
	music_cue_span(&tl, 0, &start, &len);
	size_t n = (size_t)len;
	float *cue = xmalloc(n * 2 * sizeof *cue);
	for (size_t i = 0; i < n; i++)
		cue[2 * i] = cue[2 * i + 1] = (float)(0.1 * sin(2 * M_PI * MARK_F * i / MIX_RATE) +
		                                      0.1 * sin(2 * M_PI * BAND_F * i / MIX_RATE));
	char *mp = project_path(p, "cue.wav");
	CHECK(wav_write_float(mp, cue, n) == 0);
	free(mp);
	free(cue);
	ep->scenes[0].music = xstrdup("cue.wav");
	float *lr;
	size_t frames;
	CHECKF(mix_episode(p, ep, &tl, &lr, &frames) == 0, "%s", err_msg());
	CHECK_INT(frames, (int64_t)tl.frames * MIX_RATE / 30);
	double under = 0, between = 0, under_b = 0, between_b = 0;
	for (int k = 0; k < 4; k++) {
		const struct tl_shot *t = &tl.shots[k];
		if (lines[k]) {
			size_t a = (size_t)music_sample_of(&tl, t->line_start) + MIX_RATE / 4;
			size_t b = (size_t)music_sample_of(&tl, t->line_end) - MIX_RATE / 10;
			under += tone_power(lr, a, b - a, MARK_F);
			under_b += tone_power(lr, a, b - a, BAND_F);
			/* the voice starts at its frame: nothing of it 30 ms before, plenty 30 ms after */
			size_t ls = (size_t)music_sample_of(&tl, t->line_start);
			double pre = tone_power(lr, ls - 1440, 1440, SPEECH_F0), post = tone_power(lr, ls + 240, 1440, SPEECH_F0);
			CHECKF(post > pre * 100, "line %d onset: %.3g before vs %.3g after", k, pre, post);
		} else {
			size_t a = (size_t)music_sample_of(&tl, t->start) + MIX_RATE * 8 / 10;
			between += tone_power(lr, a, MIX_RATE, MARK_F);
			between_b += tone_power(lr, a, MIX_RATE, BAND_F);
		}
	}
	double duck_db = 10 * log10(under / between);
	CHECKF(duck_db < -26 && duck_db > -36, "music under speech vs between lines: %.1f dB (want about -30)", duck_db);
	/* in the speech band the music gives way further */
	double band_db = 10 * log10(under_b / between_b);
	CHECKF(band_db < duck_db - 8, "speech band ducked %.1f dB vs %.1f dB above it", band_db, duck_db);
	free(lr);
	timeline_free(&tl);
	project_free(p);
}

TEST(mix_loudness_peak_effects)
{
	static const int lines[] = { 1, 1, 0, 1 };
	struct project *p = mk_project(2, lines, 4);
	CHECK(p);
	struct episode *ep = &p->s->eps[0];
	ep->scenes[0].shots[2].camera = xstrdup("snap_zoom");
	ep->scenes[1].shots[0].transition = xstrdup("whip_pan");
	ep->scenes[1].shots[2].sound = xstrdup("slap");
	ep->scenes[1].weather = xstrdup("rain");
	struct stage_opts o = { 0 };
	CHECKF(music_stage(p, &o) == 0, "%s", err_msg());
	struct timeline tl;
	CHECK(timeline_build(p->s, ep, 30, &tl) == 0);
	float *lr;
	size_t frames;
	CHECKF(mix_episode(p, ep, &tl, &lr, &frames) == 0, "%s", err_msg());
	CHECK_INT(frames, (int64_t)tl.frames * MIX_RATE / 30);
	ebur128_state *st = ebur128_init(2, MIX_RATE, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
	ebur128_add_frames_float(st, lr, frames);
	double l, tp0, tp1;
	ebur128_loudness_global(st, &l);
	ebur128_true_peak(st, 0, &tp0);
	ebur128_true_peak(st, 1, &tp1);
	ebur128_destroy(&st);
	double tp = 20 * log10(tp0 > tp1 ? tp0 : tp1);
	CHECKF(fabs(l + 14) <= 1.0, "integrated loudness %.2f LUFS", l);
	CHECKF(tp <= -1.0, "true peak %.2f dBTP", tp);
	/* the snap zoom's stinger lands at its shot: compare with the same mix without it */
	const struct tl_shot *t = &tl.shots[2];
	size_t at = (size_t)music_sample_of(&tl, t->start);
	free(ep->scenes[0].shots[2].camera);
	ep->scenes[0].shots[2].camera = NULL;
	float *lr2;
	size_t frames2;
	CHECK(mix_episode(p, ep, &tl, &lr2, &frames2) == 0);
	double e_with = 0, e_without = 0;
	for (size_t i = at; i < at + MIX_RATE * 4 / 10; i++) {
		e_with += lr[2 * i] * lr[2 * i];
		e_without += lr2[2 * i] * lr2[2 * i];
	}
	free(lr2);
	CHECKF(e_with > 3 * e_without, "stinger: %.3g with vs %.3g without", e_with, e_without);
	free(lr);
	timeline_free(&tl);
	project_free(p);
}

TEST(mix_rejects_overlapping_lines)
{
	static const int lines[] = { 1, 1 };
	struct project *p = mk_project(1, lines, 2);
	CHECK(p);
	struct timeline tl;
	CHECK(timeline_build(p->s, &p->s->eps[0], 30, &tl) == 0);
	tl.shots[1].line_start = tl.shots[0].line_end - 5;
	float *lr = NULL;
	size_t frames = 0;
	CHECK(mix_episode(p, &p->s->eps[0], &tl, &lr, &frames) < 0);
	CHECK(strstr(err_msg(), "overlap") != NULL);
	CHECK(lr == NULL);
	timeline_free(&tl);
	project_free(p);
}

TEST(mix_without_voice_or_music)
{
	/* nothing voiced, no music stage: still a normalised, exact-length track (effects + ambience) */
	static const int lines[] = { 0, 0 };
	struct project *p = mk_project(1, lines, 2);
	CHECK(p);
	struct timeline tl;
	CHECK(timeline_build(p->s, &p->s->eps[0], 30, &tl) == 0);
	float *lr;
	size_t frames;
	CHECKF(mix_episode(p, &p->s->eps[0], &tl, &lr, &frames) == 0, "%s", err_msg());
	CHECK_INT(frames, (int64_t)tl.frames * MIX_RATE / 30);
	double l, tp;
	CHECK(level_measure(lr, frames, &l, &tp) == 0);
	CHECK(tp <= -1.0);
	free(lr);
	timeline_free(&tl);
	project_free(p);
}

TEST(mix_limiter_true_peak)
{
	/* a square-ish wave at 0 dBFS with inter-sample overs, pushed to -8 LUFS */
	size_t n = 3 * MIX_RATE;
	float *lr = xmalloc(n * 2 * sizeof *lr);
	for (size_t i = 0; i < n; i++) {
		double t = (double)i / MIX_RATE;
		double v = sin(2 * M_PI * 11993 * t + 0.7) * 0.7 + (sin(2 * M_PI * 220 * t) > 0 ? 0.3 : -0.3);
		lr[2 * i] = lr[2 * i + 1] = (float)v;
	}
	double l, tp;
	CHECK(level_master(lr, n, -8, -1, &l, &tp) == 0);
	CHECKF(tp <= -1.0 && fabs(l + 8) < 1.0, "%.2f LUFS, %.2f dBTP", l, tp);
	/* level_master's peak is the limiter's own detector: libebur128's agrees */
	double l2, tp2;
	CHECK(level_measure(lr, n, &l2, &tp2) == 0);
	CHECKF(tp2 <= -1.0 && fabs(tp2 - tp) < 0.3, "libebur128 %.2f dBTP, ours %.2f", tp2, tp);
	free(lr);
}

TEST(mix_evens_line_levels)
{
	/* a line recorded 12.4 dB quieter ends up about 1 dB quieter (90% levelling: one
	 * dialogue level across characters, a whisper still a little under a shout) */
	static const int lines[] = { 1, 0, 1 };
	struct project *p = mk_project(1, lines, 3);
	CHECK(p);
	struct episode *ep = &p->s->eps[0];
	char *abs = project_path(p, ep->scenes[0].shots[2].line->audio);
	CHECK(write_speech(abs, 1.5, 0.12) == 0);
	free(abs);
	struct timeline tl;
	CHECK(timeline_build(p->s, ep, 30, &tl) == 0);
	float *lr;
	size_t frames;
	CHECKF(mix_episode(p, ep, &tl, &lr, &frames) == 0, "%s", err_msg());
	double pw[2];
	for (int k = 0; k < 2; k++) {
		const struct tl_shot *t = &tl.shots[k * 2];
		size_t a = (size_t)music_sample_of(&tl, t->line_start);
		pw[k] = tone_power(lr, a, (size_t)music_sample_of(&tl, t->line_end) - a, SPEECH_F0);
	}
	double d = 10 * log10(pw[0] / pw[1]);
	CHECKF(d > 0.5 && d < 2.5, "loud vs quiet line after the mix: %.1f dB (12.4 dB before)", d);
	free(lr);
	timeline_free(&tl);
	project_free(p);
}
