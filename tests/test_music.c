/* tests/test_music.c — the focus of this file is the music stage: composed cues (length,
 * non-silence, variation by mood and seed, cue level), the soundfont fallback, sound
 * effects and ambience selection, and the user music library (libav decoding, tags,
 * missing folder). Cues are short so the whole file runs in a few seconds. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include "test.h"
#include "core/util.h"
#include "core/wav.h"
#include "core/model.h"
#include "music/music_internal.h"

/* A project in the case's tmpdir with one episode of the given scene moods; each scene
 * has one 3-second shot without a line. */
static struct project *mk_project(const char *const *moods, int n, uint64_t seed)
{
	struct project *p;
	if (project_open(test_tmpdir(), 1, &p) < 0)
		return NULL;
	p->s = series_new();
	p->s->seed = seed;
	p->s->era = xstrdup("modern");
	struct location *loc = series_add_location(p->s);
	loc->name = xstrdup("Tea Shop");
	loc->kind = xstrdup("milk_tea_shop");
	struct episode *ep = series_add_episode(p->s);
	ep->number = 1;
	for (int i = 0; i < n; i++) {
		struct scene *sc = episode_add_scene(ep);
		sc->location = xstrdup("Tea Shop");
		sc->mood = xstrdup(moods[i]);
		struct shot *sh = scene_add_shot(sc);
		sh->type = xstrdup("medium");
		sh->duration = 3.0;
	}
	return p;
}

static double rms(const float *lr, size_t frames)
{
	double s = 0;
	for (size_t i = 0; i < 2 * frames; i++) s += (double)lr[i] * lr[i];
	return frames ? sqrt(s / (2.0 * frames)) : 0;
}

/* relative difference of two equally long signals: 0 same, ~1.4 unrelated */
static double diff(const float *a, const float *b, size_t n)
{
	double d = 0, e = 0;
	for (size_t i = 0; i < 2 * n; i++) {
		d += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
		e += (double)a[i] * a[i];
	}
	return e > 0 ? sqrt(d / e) : 0;
}

static int load_cue(const struct project *p, const struct scene *sc, float **lr, size_t *n)
{
	if (!sc->music) return -1;
	char *path = project_path(p, sc->music);
	int rc = wav_read_float(path, lr, n);
	free(path);
	return rc;
}

TEST(music_stage_cues_by_mood)
{
	static const char *const moods[] = { "romance", "tension", "face-slap" };
	struct project *p = mk_project(moods, 3, 7);
	CHECK(p);
	struct stage_opts o = { 0 };
	int rc = music_stage(p, &o);
	CHECKF(rc == 0, "music_stage: %s", err_msg());
	struct timeline tl;
	CHECK(timeline_build(p->s, &p->s->eps[0], p->set.fps, &tl) == 0);
	float *cue[3] = { 0 };
	size_t n[3];
	for (int i = 0; i < 3; i++) {
		struct scene *sc = &p->s->eps[0].scenes[i];
		CHECKF(sc->music && strncmp(sc->music, "cache/music/", 12) == 0, "scene %d music = %s", i, sc->music);
		CHECK(load_cue(p, sc, &cue[i], &n[i]) == 0);
		int64_t start, len;
		music_cue_span(&tl, (size_t)i, &start, &len);
		CHECK_INT(n[i], len + (int64_t)(MUSIC_XFADE_SEC * MIX_RATE));
		double l, tp;
		CHECK(level_measure(cue[i], n[i], &l, &tp) == 0);
		CHECKF(fabs(l - MUSIC_CUE_LUFS) < 1.0, "cue %d loudness %.2f LUFS", i, l);
		CHECKF(tp <= -0.9, "cue %d true peak %.2f dBTP", i, tp);
	}
	/* moods sound different: compare the middle 3 s */
	size_t m = 3 * MIX_RATE, off = MIX_RATE;
	CHECK(n[0] > off + m && n[1] > off + m && n[2] > off + m);
	double d01 = diff(cue[0] + 2 * off, cue[1] + 2 * off, m), d02 = diff(cue[0] + 2 * off, cue[2] + 2 * off, m);
	CHECKF(d01 > 0.8 && d02 > 0.8, "moods too similar: %.2f %.2f", d01, d02);
	/* the score's tail fades out for the crossfade */
	CHECK(rms(cue[0] + 2 * (n[0] - 2400), 2400) < rms(cue[0] + 2 * off, m) * 0.2);
	/* second run: cached, same paths */
	char *first = xstrdup(p->s->eps[0].scenes[0].music);
	CHECK(music_stage(p, &o) == 0);
	CHECK_STR(p->s->eps[0].scenes[0].music, first);
	free(first);
	for (int i = 0; i < 3; i++) free(cue[i]);
	timeline_free(&tl);
	project_free(p);
}

TEST(music_seed_varies_cue)
{
	/* same mood, two scenes of one episode and another series seed: all differ */
	float *a, *b, *c;
	size_t na, nb, nc;
	struct mscore s1, s2;
	CHECK(music_compose("romance", "modern", 1, 16, &s1) == 0);
	CHECK(music_compose("romance", "modern", 2, 16, &s2) == 0);
	CHECK(s1.n > 20 && s2.n > 20);
	struct msynth *m = msynth_new(NULL);
	na = nb = 8 * MIX_RATE;
	CHECK(msynth_render(m, &s1, na, 1.0, &a) == 0);
	CHECK(msynth_render(m, &s2, nb, 1.0, &b) == 0);
	CHECKF(diff(a, b, na) > 0.8, "seeds 1 and 2 sound alike (%.2f): %s | %s", diff(a, b, na), s1.desc, s2.desc);
	/* rendering the same score again with the same synth is deterministic */
	nc = na;
	CHECK(msynth_render(m, &s1, nc, 1.0, &c) == 0);
	CHECKF(diff(a, c, na) < 0.05, "re-render differs: %.3f", diff(a, c, na));
	CHECK(rms(a, na) > 1e-3);
	/* different scenes of one series get different seeds */
	struct series *s = series_new();
	struct episode *e1 = series_add_episode(s), *e2 = series_add_episode(s);
	e1->number = 1; e2->number = 2;
	CHECK(music_cue_seed(s, e1, 0) != music_cue_seed(s, e1, 1));
	CHECK(music_cue_seed(s, e1, 0) != music_cue_seed(s, e2, 0));
	series_free(s);
	free(a); free(b); free(c);
	mscore_free(&s1); mscore_free(&s2);
	msynth_free(m);
}

TEST(music_missing_soundfont_fallback)
{
	static const char *const moods[] = { "sadness", "action" };
	setenv("DRAMA_SF2", "/nonexistent/none.sf2", 1);
	struct project *p = mk_project(moods, 2, 3);
	struct stage_opts o = { 0 };
	int rc = p ? music_stage(p, &o) : -1;
	unsetenv("DRAMA_SF2");
	CHECK(p);
	CHECKF(rc == 0, "music_stage without soundfont: %s", err_msg());
	float *a, *b;
	size_t na, nb;
	CHECK(load_cue(p, &p->s->eps[0].scenes[0], &a, &na) == 0);
	CHECK(load_cue(p, &p->s->eps[0].scenes[1], &b, &nb) == 0);
	double l;
	CHECK(level_measure(a, na, &l, NULL) == 0);
	CHECKF(fabs(l - MUSIC_CUE_LUFS) < 1.0, "fallback cue at %.1f LUFS", l);
	size_t m = na < nb ? na : nb;
	CHECK(diff(a, b, m) > 0.8);
	/* the fallback result is cached under another key than the soundfont result */
	struct msynth *syn = msynth_new("/nonexistent/none.sf2");
	CHECK(!msynth_has_sf2(syn));
	msynth_free(syn);
	free(a); free(b);
	project_free(p);
}

TEST(music_unknown_mood_is_calm)
{
	struct mscore sc;
	CHECK(music_compose("zzz-not-a-mood", NULL, 1, 5, &sc) == 0);
	CHECK(strncmp(sc.desc, "calm", 4) == 0);
	mscore_free(&sc);
	CHECK_STR(music_mood_canon("face-slap"), "triumph");
	CHECK_STR(music_mood_canon("Mystery"), "mystery");
	CHECK(music_mood_canon("nonsense") == NULL);
	/* the ancient era colours the score but keeps the mood */
	CHECK(music_compose("romance", "ancient", 1, 5, &sc) == 0);
	CHECK(strncmp(sc.desc, "romance", 7) == 0);
	mscore_free(&sc);
}

TEST(music_sfx_all_effects)
{
	static const char *const fx[] = { "stinger", "whoosh", "slap", "impact", "door", "knock", "phone",
		"bell", "thunder", "footsteps", "glass", "heartbeat", "crowd", "gasp", "ringtone", "Slam" };
	for (size_t i = 0; i < ARRAY_LEN(fx); i++) {
		float *lr;
		size_t n, pre;
		CHECKF(sfx_render(fx[i], 5, &lr, &n, &pre) == 0, "%s: %s", fx[i], err_msg());
		CHECKF(n > MIX_RATE / 4 && rms(lr, n) > 0.01, "%s is silent or too short", fx[i]);
		if (!strcmp(fx[i], "stinger") || !strcmp(fx[i], "whoosh"))
			CHECKF(pre > 0 && pre < n, "%s has no lead-in", fx[i]);
		/* the length alone (how the mix places an effect) is the rendering's */
		size_t n2 = 0, pre2 = 1;
		CHECKF(sfx_render(fx[i], 5, NULL, &n2, &pre2) == 0 && n2 == n && pre2 == pre,
		       "%s: length alone %zu/%zu, rendered %zu/%zu", fx[i], n2, pre2, n, pre);
		free(lr);
	}
	float *lr;
	size_t n, pre;
	CHECK(sfx_render("kazoo", 1, &lr, &n, &pre) < 0);
	CHECK(strstr(err_msg(), "kazoo") != NULL);
}

TEST(music_ambience_layers)
{
	struct series *s = series_new();
	struct location *l = series_add_location(s);
	l->name = xstrdup("Golden Palace");
	l->kind = xstrdup("palace_hall");
	struct location *l2 = series_add_location(s);
	l2->name = xstrdup("Night Market Street");
	l2->kind = xstrdup("street");
	struct scene sc = { 0 };
	sc.location = "Golden Palace";
	sc.time = "night";
	const char *out[6];
	int n = amb_layers_for(s, &sc, out, 6);
	int hall = 0, night = 0, birds = 0;
	for (int i = 0; i < n; i++) {
		hall |= str_eq(out[i], "hall");
		night |= str_eq(out[i], "night");
		birds |= str_eq(out[i], "birds_far");
	}
	CHECKF(hall && night && !birds, "palace at night: %d layers", n);
	sc.location = "Night Market Street";
	sc.time = "day";
	sc.weather = "rain";
	n = amb_layers_for(s, &sc, out, 6);
	int street = 0, rain = 0;
	for (int i = 0; i < n; i++) {
		street |= str_eq(out[i], "street");
		rain |= str_eq(out[i], "rain");
	}
	CHECK(street && rain);
	/* each layer renders non-silent and deterministic */
	static const char *const kinds[] = { "rain", "wind", "street", "crowd", "crowd_light", "hall", "birds", "night", "room" };
	size_t fr = MIX_RATE * 2;
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		float *a = xcalloc(fr * 2, sizeof *a), *b = xcalloc(fr * 2, sizeof *b);
		amb_add(kinds[i], 9, a, fr, 100, 1.0f);
		amb_add(kinds[i], 9, b, fr, 100, 1.0f);
		double ra = rms(a, fr);
		CHECKF(ra > 0.03 && ra < 0.3, "%s rms %.3f", kinds[i], ra);
		CHECK(diff(a, b, fr) < 1e-6);
		free(a); free(b);
	}
	series_free(s);
}

/* a 44.1 kHz mono sine WAV of sec seconds */
static void write_sine(const char *path, double f, double sec)
{
	size_t n = (size_t)(44100 * sec);
	int16_t *pcm = xmalloc(n * sizeof *pcm);
	for (size_t i = 0; i < n; i++)
		pcm[i] = (int16_t)(12000 * sin(2 * M_PI * f * i / 44100.0));
	wav_write(path, pcm, n, 44100, 1);
	free(pcm);
}

/* frequency estimate from zero crossings of the left channel */
static double zc_freq(const float *lr, size_t n)
{
	size_t z = 0;
	for (size_t i = 1; i < n; i++)
		if ((lr[2 * i - 2] < 0) != (lr[2 * i] < 0)) z++;
	return z / 2.0 / ((double)n / MIX_RATE);
}

TEST(music_library_decode_and_tags)
{
	char *dir = path_join(test_tmpdir(), "lib");
	CHECK(mkdir_p(dir) == 0);
	char *a = path_join(dir, "tension_01.wav"), *b = path_join(dir, "track_b.wav"), *c = path_join(dir, "untagged.wav");
	write_sine(a, 440, 2.0);
	write_sine(b, 660, 1.0);
	write_sine(c, 550, 1.0);
	char *side = path_join(dir, "tracks.json");
	const char *js = "{\"track_b.wav\": \"face-slap\"}";
	CHECK(file_write_atomic(side, js, strlen(js)) == 0);
	/* decoding through libavformat/libswresample: 44.1 kHz mono -> 48 kHz stereo */
	float *lr;
	size_t n;
	CHECKF(music_decode(a, &lr, &n) == 0, "%s", err_msg());
	CHECKF(labs((long)n - 2 * MIX_RATE) < 200, "decoded %zu frames", n);
	CHECKF(fabs(zc_freq(lr, n) - 440) < 5, "decoded pitch %.1f Hz", zc_freq(lr, n));
	/* mono is spread to both channels at -3 dB each (equal power) */
	double r = rms(lr, n);
	CHECKF(fabs(r - 12000 / 32768.0 / 2) < 0.02, "decoded rms %.3f", r);
	for (size_t i = 0; i < n; i += 997) CHECK(fabsf(lr[2 * i] - lr[2 * i + 1]) < 1e-4);
	/* loop to 5 s with fades */
	music_fit(&lr, &n, 5 * MIX_RATE, MIX_RATE / 2, 480, MIX_RATE);
	CHECK_INT(n, 5 * MIX_RATE);
	CHECK(rms(lr + 2 * 3 * MIX_RATE, MIX_RATE / 2) > 0.15);      /* looped, not silent */
	CHECK(fabsf(lr[2 * (n - 1)]) < 0.01);
	free(lr);
	/* tags: file name and sidecar */
	struct mlib *lib;
	CHECKF(mlib_open(dir, &lib) == 0, "%s", err_msg());
	CHECK_INT(mlib_count(lib), 2);
	CHECK(str_has_suffix(mlib_pick(lib, "tension", 1), "tension_01.wav"));
	CHECK(str_has_suffix(mlib_pick(lib, "triumph", 5), "track_b.wav"));
	CHECK(mlib_pick(lib, "romance", 1) == NULL);
	mlib_free(lib);
	/* not audio */
	CHECK(music_decode(side, &lr, &n) < 0);
	/* the stage uses the library for tension and composes the rest */
	static const char *const moods[] = { "tension", "romance" };
	struct project *p = mk_project(moods, 2, 1);
	CHECK(p);
	snprintf(p->set.music_dir, sizeof p->set.music_dir, "%s", dir);
	struct stage_opts o = { 0 };
	CHECKF(music_stage(p, &o) == 0, "%s", err_msg());
	float *cue;
	size_t nc;
	CHECK(load_cue(p, &p->s->eps[0].scenes[0], &cue, &nc) == 0);
	CHECKF(fabs(zc_freq(cue + 2 * MIX_RATE, MIX_RATE) - 440) < 8, "library cue pitch %.1f", zc_freq(cue + 2 * MIX_RATE, MIX_RATE));
	free(cue);
	project_free(p);
	free(a); free(b); free(c); free(side); free(dir);
}

TEST(music_library_missing_folder)
{
	struct mlib *lib = NULL;
	CHECK(mlib_open("/nonexistent/music", &lib) < 0 && !lib);
	CHECK(strstr(err_msg(), "/nonexistent/music") != NULL);
	static const char *const moods[] = { "calm" };
	struct project *p = mk_project(moods, 1, 1);
	CHECK(p);
	snprintf(p->set.music_dir, sizeof p->set.music_dir, "/nonexistent/music");
	struct stage_opts o = { 0 };
	CHECKF(music_stage(p, &o) == 0, "%s", err_msg());
	CHECK(p->s->eps[0].scenes[0].music != NULL);
	project_free(p);
}

/* music-det-1: cues made on two workers are byte-identical to the same cues made one at a
 * time. DRAMA_MUSIC_CUES=500 runs the full proof (about 3 minutes; `make bench` B=music
 * runs it too); by default 16 short cues. */
TEST(music_two_workers_match_one)
{
	static const char *const moods[] = { "calm", "tension", "romance", "sadness", "triumph", "comedy", "mystery", "action" };
	const char *env = getenv("DRAMA_MUSIC_CUES");
	size_t n = env && atoi(env) > 0 ? (size_t)atoi(env) : 16;
	const char **m = xcalloc(n, sizeof *m);
	uint64_t *seed = xcalloc(n, sizeof *seed);
	char (*one)[33] = xcalloc(n, 33), (*two)[33] = xcalloc(n, 33);
	for (size_t k = 0; k < n; k++) {
		m[k] = moods[k % ARRAY_LEN(moods)];
		seed[k] = 7000 + k;
	}
	unsigned e0 = msynth_error_count();
	int ok = music_cues_hash(m, seed, n, 2 * MIX_RATE, 1, one) == 0 && music_cues_hash(m, seed, n, 2 * MIX_RATE, 2, two) == 0;
	size_t differ = 0;
	for (size_t k = 0; ok && k < n; k++) differ += strcmp(one[k], two[k]) != 0;
	unsigned errs = msynth_error_count() - e0;
	free(m); free(seed); free(one); free(two);
	CHECK(ok);
	CHECKF(differ == 0, "%zu of %zu cues differ between one and two workers", differ, n);
	CHECKF(errs == 0, "fluidsynth logged %u errors", errs);
}

/* music-det-2: two synthesisers changing presets at the same time (what two cue workers
 * do at every cue's start) keep libfluidsynth's shared sample cache consistent. Without
 * the lock around preset selection in synth.c this logs "Trying to free sample data not
 * found in cache" (its reference count loses updates) and cues change. */
struct race_arg { int id; int rc; float peak; };

static void *preset_churn(void *arg)
{
	struct race_arg *a = arg;
	struct msynth *m = msynth_new(NULL);
	static const char *const moods[] = { "romance", "action", "mystery", "comedy", "sadness", "triumph" };
	for (int i = 0; i < 150 && a->rc == 0; i++) {
		struct mscore sc;
		if ((a->rc = music_compose(moods[(i + a->id) % 6], i % 2 ? "ancient" : "modern", 100 + i, 1, &sc)) < 0) break;
		float *lr = NULL;
		a->rc = msynth_render(m, &sc, 256, 0.001, &lr);
		for (size_t k = 0; lr && k < 512; k++) if (fabsf(lr[k]) > a->peak) a->peak = fabsf(lr[k]);
		free(lr);
		mscore_free(&sc);
	}
	msynth_free(m);
	return NULL;
}

TEST(music_synth_presets_two_threads)
{
	struct msynth *probe = msynth_new(NULL);
	int have = msynth_has_sf2(probe);
	msynth_free(probe);
	if (!have) return;                       /* the built-in synthesiser shares nothing */
	unsigned e0 = msynth_error_count();
	struct race_arg a[2] = { { 0, 0, 0 }, { 3, 0, 0 } };
	pthread_t th[2];
	for (int t = 0; t < 2; t++) CHECK(pthread_create(&th[t], NULL, preset_churn, &a[t]) == 0);
	for (int t = 0; t < 2; t++) pthread_join(th[t], NULL);
	CHECK(a[0].rc == 0 && a[1].rc == 0);
	CHECKF(msynth_error_count() == e0, "fluidsynth logged %u errors", msynth_error_count() - e0);
}
