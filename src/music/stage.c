/* music/stage.c — `drama music`: one cue per scene, composed from its mood (or taken from
 * the user's library), levelled and cached in cache/music/<hash>.wav; sets scene->music. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pthread.h>
#include "music/music_internal.h"
#include "core/cache.h"

int64_t music_sample_of(const struct timeline *tl, int64_t f)
{
	return (int64_t)llround((double)f * MIX_RATE / (tl->fps > 0 ? tl->fps : 30));
}

int64_t music_scene_sample(const struct timeline *tl, size_t i)
{
	if (i >= tl->n_scenes) return music_sample_of(tl, tl->frames);
	int64_t s = music_sample_of(tl, tl->scenes[i].start);
	return i == 0 ? s : (s + MIX_GRID / 2) / MIX_GRID * MIX_GRID;
}

int64_t music_scene_shift(const struct timeline *tl, size_t i)
{
	return i < tl->n_scenes ? music_scene_sample(tl, i) - music_sample_of(tl, tl->scenes[i].start) : 0;
}

int64_t music_scene_end(const struct timeline *tl, size_t i)
{
	return music_scene_sample(tl, i) + music_sample_of(tl, tl->scenes[i].start + tl->scenes[i].frames) -
	       music_sample_of(tl, tl->scenes[i].start);
}

void music_cue_span(const struct timeline *tl, size_t i, int64_t *start, int64_t *len)
{
	int64_t a = i == 0 ? 0 : tl->scenes[i].start;
	int64_t b = i + 1 == tl->n_scenes ? tl->frames : tl->scenes[i].start + tl->scenes[i].frames;
	*start = i == 0 ? 0 : music_scene_sample(tl, i);
	*len = music_sample_of(tl, b) - music_sample_of(tl, a);      /* as long as its pictures */
	if (*len < 0) *len = 0;
}

uint64_t music_cue_seed(const struct series *s, const struct episode *ep, size_t scene)
{
	char k[64];
	snprintf(k, sizeof k, "music:ep%d:scene%zu", ep ? ep->number : 0, scene);
	return seed_mix(s ? s->seed : 0, k);
}

/* The library folder: absolute, or relative to the project, or to the working folder. */
static char *library_dir(const struct project *p)
{
	const char *d = p->set.music_dir;
	if (!d[0])
		return NULL;
	if (d[0] == '/')
		return xstrdup(d);
	char *in_proj = project_path(p, d);
	if (file_exists(in_proj))
		return in_proj;
	free(in_proj);
	return xstrdup(d);
}

static void file_sig(struct hash *h, const char *path)
{
	struct stat st;
	hash_str(h, path);
	if (stat(path, &st) == 0) {
		hash_num(h, (double)st.st_size);
		hash_num(h, (double)st.st_mtime);
	}
}

/* Render one scene's cue into *lr (frames long). A composed cue gets a synthesiser of its
 * own: one that had played other cues gave a different cue (-22 dB difference; state that
 * fluid_synth_system_reset keeps), so a cue remade alone would not match the one made in
 * a full run. Loading the font (dynamic sample loading) takes about 0.1 s. */
static int make_cue(const char *sf2, const char *track, const char *mood, const char *era, uint64_t seed,
                    size_t frames, float **lr, const char *what)
{
	double sec = (double)frames / MIX_RATE;
	size_t xf = (size_t)(MUSIC_XFADE_SEC * MIX_RATE);
	if (track) {
		size_t n;
		if (music_decode(track, lr, &n) == 0) {
			music_fit(lr, &n, frames, 2 * MIX_RATE, MIX_RATE / 50, xf);
			log_info("music", "%s: %s track %s", what, mood ? mood : "calm", track);
			return 0;
		}
		log_warn("music", "%s; composing this scene instead", err_msg());
	}
	struct mscore sc;
	int rc = music_compose(mood, era, seed, sec, &sc);
	if (rc < 0)
		return rc;
	struct msynth *syn = msynth_new(sf2);      /* serialised inside: see synth.c */
	double t0 = now_sec();
	rc = msynth_render(syn, &sc, frames, MUSIC_XFADE_SEC, lr);
	log_info("music", "%s: %s, %.1f s (rendered in %.2f s%s)", what, sc.desc, sec, now_sec() - t0,
	         msynth_has_sf2(syn) ? "" : ", built-in synthesiser");
	mscore_free(&sc);
	msynth_free(syn);
	return rc;
}

/* One scene's cue: what to make and, once made, how it went. */
struct cue_job {
	struct scene *sc;
	size_t frames;
	const char *mood, *era, *track;
	uint64_t seed;
	char *rel, *abs;                /* abs NULL: keep only the hash of the samples in sum */
	char sum[33];
	char what[64];
	int need, done, rc;
	char err[1024];
};

struct cue_pool {
	struct cue_job *jobs;
	size_t n, next;
	const char *sf2;
	int stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static int cue_make(const char *sf2, struct cue_job *j)
{
	float *lr = NULL;
	int rc = make_cue(sf2, j->track, j->mood, j->era, j->seed, j->frames, &lr, j->what);
	if (rc == 0) {
		level_master(lr, j->frames, MUSIC_CUE_LUFS, -1.0, NULL, NULL);
		if (j->abs) {
			if ((rc = wav_write_float(j->abs, lr, j->frames)) == 0) rc = cache_seal(j->abs, -1);
		} else {
			struct hash h;
			hash_init(&h);
			hash_add(&h, lr, j->frames * 2 * sizeof *lr);
			hash_hex(&h, j->sum);
		}
	}
	free(lr);
	return rc;
}

static void *cue_worker(void *arg)
{
	struct cue_pool *pl = arg;
	for (;;) {
		pthread_mutex_lock(&pl->mu);
		while (pl->next < pl->n && !pl->jobs[pl->next].need) {
			pl->jobs[pl->next++].done = 1;          /* cached already */
			pthread_cond_broadcast(&pl->cv);
		}
		if (pl->stop || pl->next >= pl->n) {
			pthread_cond_broadcast(&pl->cv);
			pthread_mutex_unlock(&pl->mu);
			break;
		}
		struct cue_job *j = &pl->jobs[pl->next++];
		pthread_mutex_unlock(&pl->mu);
		int rc = cue_make(pl->sf2, j);
		pthread_mutex_lock(&pl->mu);
		j->rc = rc;
		if (rc < 0) {
			snprintf(j->err, sizeof j->err, "%s", err_msg());   /* the message is per thread */
			pl->stop = 1;
		}
		j->done = 1;
		pthread_cond_broadcast(&pl->cv);
		pthread_mutex_unlock(&pl->mu);
	}
	return NULL;
}

/* Make the cues that are missing on up to `workers` (1 or 2) threads (the stage ran one at
 * a time on one core: 10.6 s for the demo episode's 7 cues); progress in the jobs' order. */
static int cues_make(struct cue_job *jobs, size_t n, const char *sf2, int workers)
{
	struct cue_pool pl = { .jobs = jobs, .n = n, .sf2 = sf2 };
	size_t need = 0;
	for (size_t k = 0; k < n; k++) need += jobs[k].need ? 1 : 0;
	int nth = need >= 2 && workers >= 2 ? 2 : 1;
	pthread_t th[2];
	pthread_mutex_init(&pl.mu, NULL);
	pthread_cond_init(&pl.cv, NULL);
	for (int t = 0; t < nth; t++)
		if (pthread_create(&th[t], NULL, cue_worker, &pl) != 0) nth = t;
	if (nth == 0) cue_worker(&pl);
	int rc = 0;
	for (size_t k = 0; k < n; k++) {
		pthread_mutex_lock(&pl.mu);
		while (!jobs[k].done && !pl.stop) pthread_cond_wait(&pl.cv, &pl.mu);
		int ok = jobs[k].done;
		pthread_mutex_unlock(&pl.mu);
		if (!ok) break;
		progress_update((double)k + 1, jobs[k].what);
	}
	for (int t = 0; t < nth; t++) pthread_join(th[t], NULL);
	for (size_t k = 0; k < n && rc == 0; k++)
		if (jobs[k].rc < 0) rc = err_set(jobs[k].rc, "%s", jobs[k].err);
	pthread_mutex_destroy(&pl.mu);
	pthread_cond_destroy(&pl.cv);
	return rc;
}

int music_cues_hash(const char *const *moods, const uint64_t *seeds, size_t n, size_t frames, int workers,
                    char (*sum)[33])
{
	struct cue_job *jobs = xcalloc(n ? n : 1, sizeof *jobs);
	for (size_t k = 0; k < n; k++) {
		jobs[k].mood = music_mood_canon(moods[k]);
		jobs[k].seed = seeds[k];
		jobs[k].frames = frames;
		jobs[k].need = 1;
		snprintf(jobs[k].what, sizeof jobs[k].what, "cue %zu", k + 1);
	}
	const char *sf2 = getenv("DRAMA_SF2");
	int rc = cues_make(jobs, n, sf2 && *sf2 ? sf2 : MUSIC_SF2_DEFAULT, workers);
	for (size_t k = 0; k < n; k++) memcpy(sum[k], jobs[k].sum, 33);
	free(jobs);
	return rc;
}

/* The cues one music stage makes (music.h). */
struct music_plan {
	struct cue_job *jobs;
	size_t n;
	struct mlib *lib;                /* the jobs' tracks point into it */
	char *libdir, *sf2;
};

void music_plan_free(struct music_plan *pl)
{
	if (!pl) return;
	for (size_t k = 0; k < pl->n; k++) {
		free(pl->jobs[k].rel);
		free(pl->jobs[k].abs);
	}
	free(pl->jobs);
	mlib_free(pl->lib);
	free(pl->libdir);
	free(pl->sf2);
	free(pl);
}

int music_plan(struct project *p, const struct stage_opts *o, struct music_plan **out)
{
	*out = NULL;
	if (!p || !p->s)
		return err_set(ERR_INPUT, "%s: no storyboard.json yet; run `drama script %s` first",
		               p ? p->dir : "?", p ? p->dir : "DIR");
	struct series *s = p->s;
	int fps = p->set.fps > 0 ? p->set.fps : 30;
	struct music_plan *pl = xcalloc(1, sizeof *pl);
	pl->libdir = library_dir(p);
	if (pl->libdir) {
		if (mlib_open(pl->libdir, &pl->lib) < 0)
			log_warn("music", "%s; composing music instead", err_msg());
		else
			log_info("music", "music library %s: %zu tagged tracks", pl->libdir, mlib_count(pl->lib));
	} else if (str_eq(p->set.music, "library")) {
		log_warn("music", "music backend is \"library\" but settings.music_dir is empty in drama.json; composing music instead");
	}
	const char *sf2 = getenv("DRAMA_SF2");
	pl->sf2 = xstrdup(sf2 && *sf2 ? sf2 : MUSIC_SF2_DEFAULT);
	char *dir = project_path(p, "cache/music");
	int rc = mkdir_p(dir);
	free(dir);
	if (rc < 0) {
		music_plan_free(pl);
		return rc;
	}
	/* The cues to make, in order; then two workers make the missing ones (a cue does not
	 * depend on which worker made it, or after which other cue: see make_cue). */
	size_t cap = 0;
	for (size_t e = 0; e < s->n_eps; e++) {
		struct episode *ep = &s->eps[e];
		if (o && o->episode && ep->number != o->episode)
			continue;
		struct timeline tl;
		if (timeline_build(s, ep, fps, &tl) < 0) {
			log_warn("music", "episode %d: %s; no music for it", ep->number, err_msg());
			continue;
		}
		for (size_t i = 0; i < ep->n_scenes; i++) {
			struct scene *sc = &ep->scenes[i];
			if (pl->n == cap) {
				cap = cap ? 2 * cap : 16;
				pl->jobs = xrealloc(pl->jobs, cap * sizeof *pl->jobs);
			}
			struct cue_job *j = &pl->jobs[pl->n++];
			memset(j, 0, sizeof *j);
			j->sc = sc;
			int64_t start, len;
			music_cue_span(&tl, i, &start, &len);
			j->frames = (size_t)len + (size_t)(MUSIC_XFADE_SEC * MIX_RATE);
			j->mood = music_mood_canon(sc->mood);
			j->era = s->era;
			j->seed = music_cue_seed(s, ep, i);
			j->track = pl->lib ? mlib_pick(pl->lib, j->mood ? j->mood : "calm", j->seed) : NULL;
			if (pl->lib && !j->track)
				log_warn("music", "episode %d scene %zu: the library has no \"%s\" track; composing it",
				         ep->number, i + 1, j->mood ? j->mood : "calm");
			struct hash h;
			hash_init(&h);
			hash_num(&h, MUSIC_VERSION);
			hash_str(&h, j->mood ? j->mood : sc->mood);
			hash_str(&h, s->era);
			hash_num(&h, (double)j->seed);
			hash_num(&h, (double)j->frames);
			if (j->track) file_sig(&h, j->track);
			else hash_num(&h, file_exists(pl->sf2));
			char hex[33];
			hash_hex(&h, hex);
			j->rel = xasprintf("cache/music/%s.wav", hex);
			j->abs = project_path(p, j->rel);
			snprintf(j->what, sizeof j->what, "episode %d scene %zu", ep->number, i + 1);
			j->need = (o && o->force) || !cache_valid(j->abs, -1);   /* a damaged cue is deleted, warned */
		}
		timeline_free(&tl);
	}
	*out = pl;
	return 0;
}

size_t music_plan_missing(const struct music_plan *pl)
{
	size_t need = 0;
	for (size_t k = 0; pl && k < pl->n; k++) need += pl->jobs[k].need ? 1 : 0;
	return need;
}

void music_plan_assign(struct music_plan *pl)
{
	for (size_t k = 0; pl && k < pl->n; k++) {
		free(pl->jobs[k].sc->music);
		pl->jobs[k].sc->music = xstrdup(pl->jobs[k].rel);
	}
}

int music_plan_make(struct music_plan *pl)
{
	progress_begin("music", (double)pl->n);
	int rc = cues_make(pl->jobs, pl->n, pl->sf2, 2);
	progress_end();
	return rc;
}

int music_stage(struct project *p, const struct stage_opts *o)
{
	struct music_plan *pl = NULL;
	int rc = music_plan(p, o, &pl);
	if (rc == 0 && (rc = music_plan_make(pl)) == 0) music_plan_assign(pl);
	music_plan_free(pl);
	return rc;
}
