/* music/stage.c — `drama music`: one cue per scene, composed from its mood (or taken from
 * the user's library), levelled and cached in cache/music/<hash>.wav; sets scene->music. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "music/music_internal.h"

int64_t music_sample_of(const struct timeline *tl, int64_t f)
{
	return (int64_t)llround((double)f * MIX_RATE / (tl->fps > 0 ? tl->fps : 30));
}

void music_cue_span(const struct timeline *tl, size_t i, int64_t *start, int64_t *len)
{
	int64_t a = i == 0 ? 0 : tl->scenes[i].start;
	int64_t b = i + 1 == tl->n_scenes ? tl->frames : tl->scenes[i].start + tl->scenes[i].frames;
	*start = music_sample_of(tl, a);
	*len = music_sample_of(tl, b) - *start;
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

/* Render one scene's cue into *lr (frames long). */
static int make_cue(struct msynth **syn, const char *sf2, const char *track, const char *mood,
                    const char *era, uint64_t seed, size_t frames, float **lr, const char *what)
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
	if (!*syn)
		*syn = msynth_new(sf2);          /* loaded once per stage, on the first miss */
	struct mscore sc;
	int rc = music_compose(mood, era, seed, sec, &sc);
	if (rc < 0)
		return rc;
	double t0 = now_sec();
	rc = msynth_render(*syn, &sc, frames, MUSIC_XFADE_SEC, lr);
	log_info("music", "%s: %s, %.1f s (rendered in %.2f s%s)", what, sc.desc, sec, now_sec() - t0,
	         msynth_has_sf2(*syn) ? "" : ", built-in synthesiser");
	mscore_free(&sc);
	return rc;
}

int music_stage(struct project *p, const struct stage_opts *o)
{
	if (!p || !p->s)
		return err_set(ERR_INPUT, "%s: no storyboard.json yet; run `drama script %s` first",
		               p ? p->dir : "?", p ? p->dir : "DIR");
	struct series *s = p->s;
	int fps = p->set.fps > 0 ? p->set.fps : 30;
	struct mlib *lib = NULL;
	char *libdir = library_dir(p);
	if (libdir) {
		if (mlib_open(libdir, &lib) < 0)
			log_warn("music", "%s; composing music instead", err_msg());
		else
			log_info("music", "music library %s: %zu tagged tracks", libdir, mlib_count(lib));
	} else if (str_eq(p->set.music, "library")) {
		log_warn("music", "music backend is \"library\" but settings.music_dir is empty in drama.json; composing music instead");
	}
	const char *sf2 = getenv("DRAMA_SF2");
	if (!sf2 || !*sf2) sf2 = MUSIC_SF2_DEFAULT;
	char *dir = project_path(p, "cache/music");
	int rc = mkdir_p(dir);
	free(dir);
	if (rc < 0) {
		mlib_free(lib);
		free(libdir);
		return rc;
	}
	size_t total = 0, done = 0;
	for (size_t e = 0; e < s->n_eps; e++)
		if (!o || !o->episode || s->eps[e].number == o->episode)
			total += s->eps[e].n_scenes;
	struct msynth *syn = NULL;
	progress_begin("music", (double)total);
	for (size_t e = 0; e < s->n_eps && rc == 0; e++) {
		struct episode *ep = &s->eps[e];
		if (o && o->episode && ep->number != o->episode)
			continue;
		struct timeline tl;
		if (timeline_build(s, ep, fps, &tl) < 0) {
			log_warn("music", "episode %d: %s; no music for it", ep->number, err_msg());
			continue;
		}
		for (size_t i = 0; i < ep->n_scenes && rc == 0; i++) {
			struct scene *sc = &ep->scenes[i];
			int64_t start, len;
			music_cue_span(&tl, i, &start, &len);
			size_t frames = (size_t)len + (size_t)(MUSIC_XFADE_SEC * MIX_RATE);
			const char *mood = music_mood_canon(sc->mood);
			uint64_t seed = music_cue_seed(s, ep, i);
			const char *track = lib ? mlib_pick(lib, mood ? mood : "calm", seed) : NULL;
			if (lib && !track)
				log_warn("music", "episode %d scene %zu: the library has no \"%s\" track; composing it",
				         ep->number, i + 1, mood ? mood : "calm");
			struct hash h;
			hash_init(&h);
			hash_num(&h, MUSIC_VERSION);
			hash_str(&h, mood ? mood : sc->mood);
			hash_str(&h, s->era);
			hash_num(&h, (double)seed);
			hash_num(&h, (double)frames);
			if (track) file_sig(&h, track);
			else hash_num(&h, file_exists(sf2));
			char hex[33];
			hash_hex(&h, hex);
			char *rel = xasprintf("cache/music/%s.wav", hex);
			char *abs = project_path(p, rel);
			char what[64];
			snprintf(what, sizeof what, "episode %d scene %zu", ep->number, i + 1);
			if (!file_exists(abs) || (o && o->force)) {
				float *lr = NULL;
				rc = make_cue(&syn, sf2, track, mood, s->era, seed, frames, &lr, what);
				if (rc == 0) {
					level_master(lr, frames, MUSIC_CUE_LUFS, -1.0, NULL, NULL);
					rc = wav_write_float(abs, lr, frames);
				}
				free(lr);
			}
			if (rc == 0) {
				free(sc->music);
				sc->music = rel;
				rel = NULL;
			}
			free(rel);
			free(abs);
			progress_update((double)++done, what);
		}
		timeline_free(&tl);
	}
	progress_end();
	msynth_free(syn);
	mlib_free(lib);
	free(libdir);
	return rc;
}
