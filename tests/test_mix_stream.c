/* tests/test_mix_stream.c — the focus of this file is the streamed mix in spans (mix_open /
 * mix_read / mix_close, and mix_episode built on them): for an episode longer than several
 * chunks with crossfades, hall reverb, rain, effects and the limiter at work, read in odd
 * chunk sizes: loudness -14 +-1 LUFS, true peak <= -1 dBTP (measured here with
 * libebur128); a second mix takes every span from the cache and gives the same samples;
 * an edit mixes again only the spans it touches and gives the samples of a mix from an
 * empty cache; spans mixed and levelled on several threads give the same samples and the
 * same cache files as on one, and so does a mix whose ambience was made ahead
 * (mix_ambience_new, the renderer's before x264 starts). */
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
#include "music/mix_internal.h"

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

/* the whole mix (its spans on `workers` threads, the ambience made ahead in amb or not)
 * read in odd chunk sizes; its stats in st */
static float *mix_all_amb(struct project *p, const struct timeline *tl, int workers, const struct mix_amb *amb,
                          size_t *frames, struct mix_stats *st)
{
	struct mix *m;
	*frames = 0;
	if (mix_open_with(p, &p->s->eps[0], tl, workers, amb, &m) < 0) {
		log_error("test", "%s", err_msg());
		return NULL;
	}
	mix_get_stats(m, st);
	size_t total = mix_frames(m), got = 0, step = 1000;
	float *lr = xmalloc((total * 2 + 2) * sizeof *lr);
	long n;
	while ((n = mix_read(m, lr + 2 * got, step)) > 0) {
		got += (size_t)n;
		step = step * 3 + 17;                 /* odd chunk sizes */
	}
	if (n < 0 || got != total || mix_read(m, lr, 10) != 0) {
		free(lr);
		lr = NULL;
	}
	mix_close(m);
	*frames = total;
	return lr;
}

static float *mix_all_on(struct project *p, const struct timeline *tl, int workers, size_t *frames, struct mix_stats *st)
{
	return mix_all_amb(p, tl, workers, NULL, frames, st);
}

static float *mix_all(struct project *p, const struct timeline *tl, size_t *frames, struct mix_stats *st)
{
	return mix_all_on(p, tl, 1, frames, st);
}

/* the span cache emptied */
static void forget_spans(struct project *p)
{
	char *dir = project_path(p, "cache/shots"), *cmd = xasprintf("rm -f %s/*.mixspan %s/*.mixlvl", dir, dir);
	if (system(cmd) != 0) log_error("test", "%s failed", cmd);
	free(cmd);
	free(dir);
}

TEST(mix_stream_spans_cached_same_samples)
{
	struct project *p = mk();
	CHECK(p);
	struct episode *ep = &p->s->eps[0];
	struct stage_opts o = { 0 };
	CHECKF(music_stage(p, &o) == 0, "%s", err_msg());
	struct timeline tl;
	CHECK(timeline_build(p->s, ep, 30, &tl) == 0);
	size_t nref, n2;
	struct mix_stats st;
	float *ref = mix_all(p, &tl, &nref, &st);
	CHECK(ref);
	CHECKF(nref > 4 * 61440, "episode of %zu frames is not longer than a few chunks", nref);
	CHECK_INT(st.spans, 6);                   /* each scene's body, the joins between, the last second (mix.c) */
	CHECK_INT(st.spans_mixed, 6);
	CHECKF(st.spans_levelled >= 6 && st.spans_levelled % 6 == 0, "%zu levelled", st.spans_levelled);  /* per gain step */

	ebur128_state *es = ebur128_init(2, MIX_RATE, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
	ebur128_add_frames_float(es, ref, nref);
	double l, a, b, e = 0;
	ebur128_loudness_global(es, &l);
	ebur128_true_peak(es, 0, &a);
	ebur128_true_peak(es, 1, &b);
	ebur128_destroy(&es);
	double tp = 20 * log10(a > b ? a : b);
	CHECKF(fabs(l + 14) <= 1.0, "integrated loudness %.2f LUFS", l);
	CHECKF(tp <= -1.0, "true peak %.2f dBTP", tp);
	for (size_t i = 0; i < 2 * nref; i++) e += (double)ref[i] * ref[i];
	CHECKF(e > 0, "the mix is silent");

	/* again: every span and level from the cache, the same samples */
	float *lr = mix_all(p, &tl, &n2, &st);
	CHECK(lr);
	CHECK_INT(n2, nref);
	CHECK_INT(st.spans_mixed, 0);
	CHECK_INT(st.spans_levelled, 0);
	CHECK(memcmp(lr, ref, nref * 2 * sizeof *lr) == 0);
	free(lr);
	/* a reader from the middle (the AAC pieces' threads read so) gives the same samples */
	struct mix *m;
	CHECK(mix_open(p, ep, &tl, &m) == 0);
	size_t longest = 0;                       /* in the longest span */
	for (size_t j = 1; j < m->nsp; j++)
		if (m->sp[j].b - m->sp[j].a > m->sp[longest].b - m->sp[longest].a) longest = j;
	size_t at = m->sp[longest].a + 2 * MIX_CHUNK + 12345, want = 100000, got = 0;
	CHECKF(at + want <= m->sp[longest].b, "the longest span [%zu, %zu) is too short", m->sp[longest].a, m->sp[longest].b);
	struct mix_reader *r = mix_reader_open(m, at);
	/* it starts at the chunk holding `at` with the limiter's gain the levelling found
	 * there (kept in the level file), not by mastering its span from the start */
	size_t a0 = 0;
	for (size_t j = 0; j < m->nsp; j++) if (m->sp[j].a <= at) a0 = m->sp[j].a;
	CHECKF(at - a0 > 2 * MIX_CHUNK, "`at` is only %zu frames into its span", at - a0);
	CHECKF(r->chunks == 1, "%zu chunks mastered to reach frame %zu", r->chunks, at);
	lr = xmalloc(want * 2 * sizeof *lr);
	long k;
	while (got < want && (k = mix_reader_read(r, lr + 2 * got, want - got)) > 0) got += (size_t)k;
	CHECK_INT(got, want);
	CHECK(memcmp(lr, ref + 2 * at, want * 2 * sizeof *lr) == 0);
	mix_reader_close(r);
	/* and from every chunk start of every span: the limiter's gain there is exact */
	size_t starts = 0;
	for (size_t j = 0; j < m->nsp; j++)
		for (size_t x = m->sp[j].a + MIX_CHUNK; x < m->sp[j].b; x += MIX_CHUNK, starts++) {
			size_t w = m->sp[j].b - x < 3000 ? m->sp[j].b - x : 3000;
			r = mix_reader_open(m, x);
			got = 0;
			while (got < w && (k = mix_reader_read(r, lr + 2 * got, w - got)) > 0) got += (size_t)k;
			CHECKF(got == w && r->chunks == 1 && !memcmp(lr, ref + 2 * x, w * 2 * sizeof *lr),
			       "reader from frame %zu (span %zu): %zu chunks, %s", x, j, r->chunks,
			       got == w && !memcmp(lr, ref + 2 * x, w * 2 * sizeof *lr) ? "same" : "other samples");
			mix_reader_close(r);
		}
	CHECK(starts >= 4);
	mix_close(m);
	free(lr);
	/* mix_episode (the compatibility wrapper) returns the same */
	CHECK(mix_episode(p, ep, &tl, &lr, &n2) == 0);
	CHECK_INT(n2, nref);
	CHECK(memcmp(lr, ref, nref * 2 * sizeof *lr) == 0);
	free(lr);
	free(ref);
	timeline_free(&tl);
	project_free(p);
}

/* The bytes of the span and level files of the project's cache, in name order. */
static char *cache_bytes(struct project *p, size_t *n)
{
	char *dir = project_path(p, "cache/shots"), *out = xasprintf("%s/../all.bin", dir);
	char *cmd = xasprintf("cat $(ls %s/*.mixspan %s/*.mixlvl | sort) > %s", dir, dir, out), *txt = NULL;
	*n = 0;
	if (system(cmd) != 0 || file_read_all(out, &txt, n) < 0) log_error("test", "%s failed", cmd);
	remove(out);
	free(cmd);
	free(out);
	free(dir);
	return txt;
}

/* Spans mixed and levelled on 2 and 3 threads (mix_open_workers; the renderer's after the
 * frames): the samples, the counts and the cache files of the mix on one thread. */
TEST(mix_stream_workers_same_samples)
{
	struct project *p = mk();
	CHECK(p);
	struct stage_opts o = { 0 };
	CHECKF(music_stage(p, &o) == 0, "%s", err_msg());
	struct timeline tl;
	CHECK(timeline_build(p->s, &p->s->eps[0], 30, &tl) == 0);
	size_t nref, nb_ref;
	struct mix_stats st1;
	forget_spans(p);
	float *ref = mix_all_on(p, &tl, 1, &nref, &st1);
	CHECK(ref);
	char *bytes_ref = cache_bytes(p, &nb_ref);
	CHECK(bytes_ref && nb_ref > nref);          /* the spans hold the samples (and more) */
	for (int w = 2; w <= 3; w++) {
		size_t n, nb;
		struct mix_stats st;
		forget_spans(p);
		float *lr = mix_all_on(p, &tl, w, &n, &st);
		CHECKF(lr, "%d threads: %s", w, err_msg());
		CHECK_INT(n, nref);
		CHECK_INT(st.spans, st1.spans);
		CHECK_INT(st.spans_mixed, st1.spans_mixed);
		CHECK_INT(st.spans_levelled, st1.spans_levelled);
		CHECKF(memcmp(lr, ref, nref * 2 * sizeof *lr) == 0, "%d threads: other samples", w);
		char *bytes = cache_bytes(p, &nb);
		CHECKF(bytes && nb == nb_ref && !memcmp(bytes, bytes_ref, nb), "%d threads: other cache files", w);
		free(bytes);
		free(lr);
		/* and with every span cached: nothing mixed, the same samples */
		lr = mix_all_on(p, &tl, w, &n, &st);
		CHECK(lr && n == nref && st.spans_mixed == 0 && !memcmp(lr, ref, nref * 2 * sizeof *lr));
		free(lr);
	}
	free(bytes_ref);
	free(ref);
	timeline_free(&tl);
	project_free(p);
}

/* The ambience made ahead (mix_ambience_new: the renderer's, so that the mix beside x264
 * holds no scene-long buffer) and read by range: the samples and cache files of the mix
 * that makes it in each span, on one thread and on two. */
TEST(mix_stream_ambience_ahead_same_samples)
{
	struct project *p = mk();
	CHECK(p);
	struct stage_opts o = { 0 };
	CHECKF(music_stage(p, &o) == 0, "%s", err_msg());
	struct timeline tl;
	CHECK(timeline_build(p->s, &p->s->eps[0], 30, &tl) == 0);
	size_t nref, nb_ref;
	struct mix_stats st1;
	forget_spans(p);
	float *ref = mix_all_on(p, &tl, 1, &nref, &st1);
	CHECK(ref);
	char *bytes_ref = cache_bytes(p, &nb_ref);
	CHECK(bytes_ref);
	struct mix_amb *amb = NULL;
	CHECKF(mix_ambience_new(p, &p->s->eps[0], &tl, &amb) == 0, "%s", err_msg());
	size_t with = 0;
	for (size_t i = 0; i < amb->n; i++) with += amb->fd[i] >= 0;
	CHECK_INT(amb->n, 3);
	CHECK(with >= 2);                             /* the palace's hall and the rain have ambience */
	for (int w = 1; w <= 2; w++) {
		size_t n, nb;
		struct mix_stats st;
		forget_spans(p);
		float *lr = mix_all_amb(p, &tl, w, amb, &n, &st);
		CHECKF(lr, "%d threads: %s", w, err_msg());
		CHECK_INT(n, nref);
		CHECK_INT(st.spans_mixed, st1.spans_mixed);
		CHECKF(memcmp(lr, ref, nref * 2 * sizeof *lr) == 0, "%d threads: other samples", w);
		char *bytes = cache_bytes(p, &nb);
		CHECKF(bytes && nb == nb_ref && !memcmp(bytes, bytes_ref, nb), "%d threads: other cache files", w);
		free(bytes);
		free(lr);
	}
	mix_ambience_free(amb);
	free(bytes_ref);
	free(ref);
	timeline_free(&tl);
	project_free(p);
}

/* Line k of scene sc (0-based) voiced again: other samples, sec long. */
static void revoice(struct project *p, int sc, int k, double sec, int seed)
{
	struct line *l = p->s->eps[0].scenes[sc].shots[k].line;
	l->audio_sec = sec;
	char *abs = project_path(p, l->audio);
	speech(abs, sec, 0.5, seed);
	free(abs);
}

/* The AAC pieces' keys of the episode's mix (mix_audio_pieces) into keys, their count. */
static size_t piece_keys(struct project *p, const struct timeline *tl, char (*keys)[33], size_t max)
{
	struct mix *m;
	const struct mix_piece *pc = NULL;
	size_t n = 0;
	if (mix_open(p, &p->s->eps[0], tl, &m) < 0) return 0;
	pc = mix_audio_pieces(m, 1024, 2048, "test", &n);
	for (size_t k = 0; k < n && k < max; k++) memcpy(keys[k], pc[k].key, 33);
	mix_close(m);
	return n;
}

/* An edit mixes again only the spans it touches; the result is a fresh mix's. */
TEST(mix_stream_edit_mixes_touched_spans)
{
	struct project *p = mk();
	CHECK(p);
	struct episode *ep = &p->s->eps[0];
	struct stage_opts o = { 0 };
	CHECKF(music_stage(p, &o) == 0, "%s", err_msg());
	struct timeline tl;
	CHECK(timeline_build(p->s, ep, 30, &tl) == 0);
	size_t n0, n1, n2;
	struct mix_stats st;
	float *lr = mix_all(p, &tl, &n0, &st);
	CHECK(lr);
	free(lr);
	timeline_free(&tl);

	/* 1. the second line of the middle scene said otherwise, as long: its spans only (the
	 * line starts in the join before the scene's body, 2.5 s into the scene, and ends in it) */
	revoice(p, 1, 1, 1.5, 11);
	CHECK(timeline_build(p->s, ep, 30, &tl) == 0);
	float *edit = mix_all(p, &tl, &n1, &st);
	CHECK(edit);
	CHECK_INT(st.spans, 6);
	CHECK_INT(st.spans_mixed, 2);
	forget_spans(p);
	float *fresh = mix_all(p, &tl, &n2, &st);
	CHECK(fresh);
	CHECK_INT(st.spans_mixed, 6);
	CHECK_INT(n1, n2);
	CHECK(memcmp(edit, fresh, n1 * 2 * sizeof *edit) == 0);
	free(edit);
	free(fresh);
	timeline_free(&tl);

	/* 2. the second line of the first scene 0.6 s longer: the scenes after it move and the
	 * first scene's score is made again for its length; its body and the join after it
	 * (where that score's crossfade tail plays) are mixed, the later scenes' bodies are
	 * found at their new places (their sound starts on the AAC grid: moved by whole grid
	 * steps), and the episode's last second (its length depends on where the grid falls)
	 * is mixed again, and the join between the later scenes when the grid fell otherwise
	 * for the two */
	char before[8][33], after[8][33];
	CHECK(timeline_build(p->s, ep, 30, &tl) == 0);
	size_t nb = piece_keys(p, &tl, before, 8);
	timeline_free(&tl);
	CHECK_INT(nb, 6);
	revoice(p, 0, 1, 2.1, 12);
	CHECKF(music_stage(p, &o) == 0, "%s", err_msg());
	CHECK(timeline_build(p->s, ep, 30, &tl) == 0);
	CHECK(n1 < (size_t)music_sample_of(&tl, tl.frames));
	edit = mix_all(p, &tl, &n1, &st);
	CHECK(edit);
	CHECKF(st.spans_mixed == 3 || st.spans_mixed == 4, "%zu spans mixed", st.spans_mixed);
	/* the edit moved the later scenes by 0.6 s, not a whole number of AAC frames; their
	 * sound is on the grid still and each body's piece keeps the encoder's roll inside
	 * the body: their AAC pieces are found again (before the grid: no piece was) */
	CHECKF(music_scene_shift(&tl, 2) >= -MIX_GRID / 2 && music_scene_shift(&tl, 2) <= MIX_GRID / 2 &&
	       music_scene_sample(&tl, 2) % MIX_GRID == 0, "scene 3 at %lld, moved %lld", (long long)music_scene_sample(&tl, 2),
	       (long long)music_scene_shift(&tl, 2));
	CHECK_INT(piece_keys(p, &tl, after, 8), 6);
	int found[6] = { 0 };
	for (size_t k = 0; k < 6; k++)
		for (size_t i = 0; i < 6; i++) if (!strcmp(after[k], before[i])) found[k] = 1;
	/* pieces: body 1, join, body 2, join, body 3, the last second */
	CHECKF(!found[0] && !found[1] && found[2] && found[4] && !found[5], "pieces found again: %d %d %d %d %d %d",
	       found[0], found[1], found[2], found[3], found[4], found[5]);
	forget_spans(p);
	fresh = mix_all(p, &tl, &n2, &st);
	CHECK(fresh);
	CHECK_INT(n1, n2);
	CHECK(memcmp(edit, fresh, n1 * 2 * sizeof *edit) == 0);
	free(edit);
	free(fresh);
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
