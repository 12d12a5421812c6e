/* voice/comfy_tts.c — the `drama voice` stage through a ComfyUI TTS workflow
 * (data/comfyui/tts.json: LoadAudio -> F5TTSAudioInputs from ComfyUI-F5-TTS -> SaveAudio).
 * Voice cloning needs a sample, so only lines whose speaker has a reference voice
 * (characters/NAME.voice.wav + NAME.voice.txt) go to ComfyUI; every other line (the
 * narrator, characters without a reference, joint cues) keeps the embedded voice, which
 * runs first. Lines land in the same content-addressed cache as the other voices. */
#include "net/net_internal.h"
#include "core/wav.h"

#include <stdlib.h>
#include <string.h>

/* The speaker's reference voice: WAV bytes (*wav, *n) and transcript (*text, "" when there
 * is no .txt). 1 when there is one, 0 when not. Caller frees *wav and *text. */
static int reference(const struct project *p, const char *name, char **wav, size_t *n, char **text)
{
	*wav = *text = NULL;
	char *safe = path_safe_name(name), *wrel = xasprintf("characters/%s.voice.wav", safe);
	char *trel = xasprintf("characters/%s.voice.txt", safe), *wp = project_path(p, wrel), *tp = project_path(p, trel);
	size_t tn = 0;
	int have = file_exists(wp) && file_read_all(wp, wav, n) == 0;
	if (have && !(file_exists(tp) && file_read_all(tp, text, &tn) == 0)) *text = xstrdup("");
	if (have) str_trim(*text);
	else err_clear();
	free(safe); free(wrel); free(trel); free(wp); free(tp);
	return have;
}

/* The workflow's values shared by every line: defaults.json scalars, then comfyui.vars. */
static json_t *base_vars(const struct ai_config *c)
{
	char *dp = data_path("comfyui/defaults.json");
	json_t *d = json_load_file(dp, 0, NULL), *v = json_object();
	if (!d) log_warn("voice", "cannot read %s; the TTS workflow gets only drama's own values", dp);
	free(dp);
	const char *k;
	json_t *x;
	json_object_foreach(d, k, x)
		if (!json_is_object(x) && !json_is_array(x) && k[0] != '_') json_object_set(v, k, x);
	json_decref(d);
	if (c->comfy_vars) json_object_update(v, c->comfy_vars);
	json_object_set_new(v, "prefix", json_string("drama_tts"));
	if (!json_object_get(v, "speed")) json_object_set_new(v, "speed", json_real(1.0));
	return v;
}

/* One line in its speaker's reference voice into cache/voice/<hash>.wav + .json:
 * *rel (project-relative WAV) and *sec. *made is 1 when ComfyUI ran, 0 when cached. */
static int voice_line(const struct project *p, const struct ai_config *c, const json_t *wf, const json_t *map,
                      const json_t *base, const char *wav, size_t wn, const char *ref_text, const struct line *l,
                      int force, char **rel, double *sec, int *made)
{
	*rel = NULL;
	*made = 0;
	struct hash h;
	char hx[33], key[33];
	hash_init(&h);
	hash_add(&h, wav, wn);
	hash_hex(&h, hx);
	hash_init(&h);
	hash_str(&h, p->s->title);
	hash_num(&h, (double)p->s->seed);
	hash_str(&h, l->speaker);
	hash_str(&h, l->text);
	hash_hex(&h, key);
	json_t *vars = json_deep_copy(base), *run = json_deep_copy(wf);
	char *up = xasprintf("drama_%s.wav", hx), *srv = NULL;   /* LoadAudio lists files by their extension */
	json_object_set_new(vars, "text", json_string(l->text));
	json_object_set_new(vars, "ref_text", json_string(ref_text));
	json_object_set_new(vars, "ref_audio", json_string(up));
	json_object_set_new(vars, "seed", json_integer((json_int_t)(strtoull(key + 20, NULL, 16) & 0x7fffffffULL)));
	/* the cache key: the filled workflow (text, transcript, seed, models) and the reference */
	int rc = comfy_workflow_fill(run, map, vars);
	char *filled = rc == 0 ? json_dumps(run, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(run);
	run = NULL;
	if (rc < 0) goto end;
	hash_init(&h);
	hash_str(&h, "comfy-tts/1");
	hash_str(&h, filled);
	hash_hex(&h, key);
	*rel = xasprintf("cache/voice/%s.wav", key);
	char *jrel = xasprintf("cache/voice/%s.json", key), *wp = project_path(p, *rel), *jp = project_path(p, jrel);
	*sec = -1;
	if (!force && file_exists(wp) && file_exists(jp) && voice_cached_sec(wp, jp, sec) < 0) { err_clear(); *sec = -1; }
	if (*sec < 0) {
		struct sbuf out = { 0 };
		char ext[8];
		struct voice_clip clip = { 0 };
		if ((rc = comfy_upload(c, wav, wn, up, &srv)) == 0) {
			json_object_set_new(vars, "ref_audio", json_string(srv));   /* the name the server gave */
			run = json_deep_copy(wf);
			if ((rc = comfy_workflow_fill(run, map, vars)) == 0)
				rc = comfy_run(c, run, c->comfyui.timeout > 0 ? c->comfyui.timeout : 900, &out, ext);
		}
		if (rc == 0) rc = speech_audio_clip(out.s, out.len, l->text, &clip);
		/* timing first: the WAV's presence marks a complete entry */
		if (rc == 0 && (rc = voice_timing_save(&clip.t, jp)) == 0 && (rc = wav_write(wp, clip.pcm, clip.n, VOICE_RATE, 1)) == 0) {
			*sec = (double)clip.n / VOICE_RATE;
			*made = 1;
		}
		voice_clip_free(&clip);
		sb_free(&out);
	}
	free(jrel); free(wp); free(jp);
end:
	if (rc < 0) { free(*rel); *rel = NULL; }
	json_decref(run);
	json_decref(vars);
	free(filled); free(up); free(srv);
	return rc;
}

int comfy_tts_stage(struct project *p, const struct stage_opts *o, const struct ai_config *c)
{
	if (!p || !p->s) return err_set(ERR_INPUT, "voice: the project has no storyboard.json; run `drama script DIR` first");
	if (!ai_comfyui_configured(c))
		return err_set(ERR_INPUT, "voice: comfyui.tts is set but no ComfyUI is configured; set DRAMA_COMFYUI_URL or "
		               "\"comfyui\": {\"url\": ...} in drama.json");
	int rc = voice_stage(p, o);       /* every line first: lines without a reference keep these */
	if (rc < 0) return rc;
	json_t *wf = NULL, *map = NULL;
	if ((rc = comfy_workflow_load(c, "tts", &wf, &map)) < 0) return rc;
	json_t *base = base_vars(c);
	struct series *s = p->s;
	char *dir = project_path(p, "cache/voice");
	rc = mkdir_p(dir);
	free(dir);
	int want = o ? o->episode : 0, force = o && o->force;
	size_t made = 0, reused = 0, skipped = 0;
	ai_ledger_stage_begin("voice");
	for (size_t e = 0; e < s->n_eps && rc == 0; e++) {
		if (want && s->eps[e].number != want) continue;
		for (size_t k = 0; k < s->eps[e].n_scenes && rc == 0; k++)
			for (size_t h = 0; h < s->eps[e].scenes[k].n_shots && rc == 0; h++) {
				struct line *l = s->eps[e].scenes[k].shots[h].line;
				if (!l || !l->speaker || !l->text || !*l->text) continue;
				char *wav = NULL, *text = NULL, *rel = NULL;
				size_t wn = 0;
				if (!reference(p, l->speaker, &wav, &wn, &text)) continue;
				if (l->with) {
					skipped++;                /* one sample per workflow: a joint cue keeps the embedded mix */
					free(wav); free(text);
					continue;
				}
				double sec = -1;
				int ran = 0;
				rc = voice_line(p, c, wf, map, base, wav, wn, text, l, force, &rel, &sec, &ran);
				if (rc == 0) {
					free(l->audio);
					l->audio = rel;
					l->audio_sec = sec;
					if (ran) made++;
					else reused++;
				} else if (rc != ERR_NET) {
					char *why = xstrdup(err_msg());
					rc = err_set(rc, "episodes[%zu].scenes[%zu].shots[%zu].line (%s, \"%.40s\"): %s", e, k, h, l->speaker,
					             l->text, why);
					free(why);
				}
				free(wav); free(text);
			}
	}
	ai_ledger_stage_end("voice");
	if (rc == 0)
		log_info("voice", "%zu line(s) in reference voices voiced by ComfyUI, %zu reused from cache%s", made, reused,
		         skipped ? "; joint cues keep the embedded voices" : "");
	json_decref(base);
	json_decref(wf);
	json_decref(map);
	return rc;
}

const struct voice_backend voice_comfyui = { "comfyui", comfy_tts_stage };
