/* voice/stage.c — the `drama voice` stage: cast, then voice every line of the selected
 * episode(s) into the content-addressed cache (cache/voice/<hash>.wav + .json). The
 * hash covers the engine parameters, text, emotion, language and VOICE_CACHE_VERSION,
 * so editing one line re-voices that line only. A joint cue ("A AND B", line.with, and
 * line.also for more) is spoken by all its voices at once (voice/joint.c) and its key
 * covers them all. */
#include "voice/voice_internal.h"
#include "core/wav.h"
#include "core/cache.h"

#include <stdlib.h>
#include <string.h>

static size_t g_synth, g_reused;     /* last run's counts (voice_stage_stats) */

void voice_stage_stats(size_t *synthesised, size_t *reused)
{
	if (synthesised) *synthesised = g_synth;
	if (reused) *reused = g_reused;
}

/* cache/voice/<hash> for a line spoken by voices v[0..n) (no extension). Caller frees. */
static char *cache_stem(const json_t *const *v, size_t n, const struct line *l, const char *lang)
{
	struct hash h;
	char hex[33];
	hash_init(&h);
	hash_num(&h, VOICE_CACHE_VERSION);
	for (size_t i = 0; i < n; i++) {
		char *vj = model_json_key(v[i], JSON_COMPACT | JSON_SORT_KEYS);   /* 1 and 1.0 the same */
		if (i) hash_str(&h, "with");           /* a single voice keeps the key it had */
		hash_str(&h, vj);
		free(vj);
	}
	hash_str(&h, l->text);
	hash_str(&h, l->emotion);
	hash_str(&h, lang);
	hash_hex(&h, hex);
	return xasprintf("cache/voice/%s", hex);
}

int voice_cached_sec(const char *wav_path, const char *json_path, double *sec)
{
	struct voice_timing t;
	int rc = voice_timing_load(json_path, &t);
	if (rc < 0) return rc;
	voice_timing_free(&t);
	int16_t *pcm = NULL;
	size_t frames = 0;
	int rate = 0, ch = 0;
	if ((rc = wav_read(wav_path, &pcm, &frames, &rate, &ch)) < 0) return rc;
	free(pcm);
	*sec = (double)frames / rate;
	return 0;
}

int voice_stage(struct project *p, const struct stage_opts *o)
{
	g_synth = g_reused = 0;
	if (!p || !p->s)
		return err_set(ERR_INPUT, "voice: the project has no storyboard.json; run `drama script DIR` first");
	struct series *s = p->s;
	const char *be = p->set.voice;
	if (be[0] && strcmp(be, "embedded") && strcmp(be, "flite") && strcmp(be, "espeak"))
		log_warn("voice", "drama.json: voice backend \"%s\" is not available in this build; using the embedded voices (flite, espeak-ng)", be);
	int rc = voice_cast_refs(p);           /* reference voices first (voice_ref.c) */
	if (rc == 0) rc = voice_cast(s);
	if (rc < 0) return rc;
	const char *lang = s->lang ? s->lang : p->set.lang;
	int want = o ? o->episode : 0;
	if (want > 0) {
		int found = 0;
		for (size_t e = 0; e < s->n_eps; e++) if (s->eps[e].number == want) found = 1;
		if (!found) return err_set(ERR_INPUT, "voice: no episode %d in storyboard.json (it has %zu); pick one with --episode", want, s->n_eps);
	}

	char *dir = project_path(p, "cache/voice");
	if ((rc = mkdir_p(dir)) < 0) { free(dir); return rc; }
	free(dir);

	size_t total = 0, done = 0;
	for (size_t e = 0; e < s->n_eps; e++) {
		if (want > 0 && s->eps[e].number != want) continue;
		for (size_t c = 0; c < s->eps[e].n_scenes; c++)
			for (size_t h = 0; h < s->eps[e].scenes[c].n_shots; h++)
				if (s->eps[e].scenes[c].shots[h].line) total++;
	}
	progress_begin("voice", (double)total);
	for (size_t e = 0; e < s->n_eps && rc == 0; e++) {
		if (want > 0 && s->eps[e].number != want) continue;
		for (size_t c = 0; c < s->eps[e].n_scenes && rc == 0; c++)
			for (size_t h = 0; h < s->eps[e].scenes[c].n_shots && rc == 0; h++) {
				struct line *l = s->eps[e].scenes[c].shots[h].line;
				if (!l) continue;
				const json_t **voices = NULL;
				size_t nv = voice_line_voices(s, l, &voices);
				char *stem = cache_stem(voices, nv, l, lang);
				char *wrel = xasprintf("%s.wav", stem), *jrel = xasprintf("%s.json", stem);
				char *wav = project_path(p, wrel), *js = project_path(p, jrel);
				double sec = -1;
				/* both files whole (size and hash as sealed) or both made again */
				int whole = !(o && o->force) && cache_valid(wav, -1) && cache_valid(js, -1);
				if (whole) {
					if (voice_cached_sec(wav, js, &sec) == 0) g_reused++;
					else err_clear();
				}
				if (sec < 0) {
					struct voice_clip clip;
					rc = voice_line_synth(voices, nv, l, lang, &clip);
					if (rc < 0) {
						char *why = xstrdup(err_msg());
						err_set(rc, "episodes[%zu].scenes[%zu].shots[%zu].line (%s%s%s, \"%.40s\"): %s; fix the line or %s's voice in storyboard.json",
						        e, c, h, l->speaker ? l->speaker : "narrator", nv > 1 ? " and " : "", nv > 1 ? l->with : "",
						        l->text ? l->text : "", why, nv > 1 ? "the speakers" : l->speaker ? "the speaker" : "the narrator");
						free(why);
					} else {
						/* each file sealed after it is written: a run stopped between them
						 * leaves an entry that is made again. No fsync: a file a crash left
						 * torn fails its seal's hash and is made again too (cache.c); the
						 * 94 fsyncs of the demo's 47 lines were 0.17 s of the voice stage,
						 * the preview's critical path then (design beside it ends first) */
						if ((rc = voice_timing_save_replace(&clip.t, js)) == 0 && (rc = cache_seal(js, -1)) == 0 &&
						    (rc = wav_write_replace(wav, clip.pcm, clip.n, VOICE_RATE, 1)) == 0 && (rc = cache_seal(wav, -1)) == 0) {
							sec = (double)clip.n / VOICE_RATE;
							g_synth++;
						}
						voice_clip_free(&clip);
					}
				}
				if (rc == 0) {
					free(l->audio);
					l->audio = xstrdup(wrel);
					l->audio_sec = sec;
				}
				free(stem); free(wrel); free(jrel); free(wav); free(js); free(voices);
				progress_update((double)++done, l->speaker ? l->speaker : "narrator");
			}
	}
	progress_end();
	if (rc == 0)
		log_info("voice", "%zu line(s) voiced, %zu reused from cache", g_synth, g_reused);
	return rc;
}

static int embedded_stage(struct project *p, const struct stage_opts *o, const struct ai_config *c)
{
	(void)c;
	return voice_stage(p, o);
}

const struct voice_backend voice_embedded = { "embedded", embedded_stage };
