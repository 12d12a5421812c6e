/* voice/speech_stage.c — the `drama voice` stage through a speech server, beside the
 * embedded voices: cast speech voices, then voice every line of the selected
 * episode(s) into the same content-addressed cache as the embedded voices
 * (cache/voice/<hash>.wav + .json), so the renderer reads both the same way. A joint
 * cue ("A AND B") is spoken in both speakers' voices, mixed (voice_mix). */
#include "net/net_internal.h"
#include "core/wav.h"

#include <stdlib.h>
#include <string.h>

static const json_t *voice_of(const struct series *s, const struct line *l)
{
	const struct character *c = l->speaker ? series_find_character(s, l->speaker) : NULL;
	return c ? c->voice : s->narrator_voice;
}

/* Key of one voice's part in a line's cache key. */
static void hash_voice(struct hash *h, const struct ai_config *c, const json_t *voice)
{
	hash_str(h, json_string_value(json_object_get(voice, "api_voice")));
	hash_str(h, c->tts_voice);
	json_t *sp = json_object_get(voice, "speed");
	if (!sp) sp = json_object_get(voice, "rate");
	hash_num(h, json_is_number(sp) ? json_number_value(sp) : 1.0);
	const char *ref = json_string_value(json_object_get(voice, "ref_key"));
	if (ref) hash_str(h, ref);             /* only with a reference voice: other keys stay */
}

/* A character's reference voice for cloning: characters/NAME.voice.wav and its transcript
 * characters/NAME.voice.txt. Returns a copy of voice with "ref_audio_file" (absolute),
 * "ref_text" and "ref_key" (hash of both) added, or NULL when there is none or the speech
 * server has no field configured for it (tts.ref_audio_field). Caller decrefs. */
static json_t *with_reference(const struct project *p, const struct ai_config *c, const struct character *ch)
{
	if (!ch || !ch->name) return NULL;
	char *safe = path_safe_name(ch->name), *wrel = xasprintf("characters/%s.voice.wav", safe);
	char *trel = xasprintf("characters/%s.voice.txt", safe), *wav = project_path(p, wrel), *txt = project_path(p, trel);
	json_t *v = NULL;
	char *data = NULL, *text = NULL;
	size_t n = 0, tn = 0;
	if (file_exists(wav) && !(c->tts_ref_audio_field && *c->tts_ref_audio_field)) {
		static int told;
		if (!told++) log_warn("voice", "%s is a reference voice, but tts.ref_audio_field is not set: the speech server "
		                      "gets the voice name only (see docs/ai-backends.md, voice cloning)", wrel);
	} else if (file_exists(wav) && file_read_all(wav, &data, &n) == 0) {
		if (file_exists(txt) && file_read_all(txt, &text, &tn) == 0) str_trim(text);
		struct hash h;
		char hex[33];
		hash_init(&h);
		hash_add(&h, data, n);
		hash_str(&h, text);
		hash_hex(&h, hex);
		v = ch->voice ? json_deep_copy(ch->voice) : json_object();
		json_object_set_new(v, "ref_audio_file", json_string(wav));
		if (text && *text) json_object_set_new(v, "ref_text", json_string(text));
		json_object_set_new(v, "ref_key", json_string(hex));
	}
	free(data); free(text); free(safe); free(wrel); free(trel); free(wav); free(txt);
	return v;
}

/* v[0..n): the speaker's voice, then for a joint cue ("A AND B") the other's. */
static char *stem_for(const struct ai_config *c, const json_t *const *v, size_t n, const struct line *l, const char *lang)
{
	struct hash h;
	char hex[33];
	hash_init(&h);
	hash_str(&h, "speech-api/1");
	hash_str(&h, c->tts.model);
	for (size_t i = 0; i < n; i++) {
		if (i) hash_str(&h, "with");       /* a single voice keeps the key it had */
		hash_voice(&h, c, v[i]);
	}
	hash_str(&h, l->text);
	hash_str(&h, lang);
	hash_hex(&h, hex);
	return xasprintf("cache/voice/%s", hex);
}

/* The line in each voice, mixed for a joint cue (voice_mix: aligned, each quieter,
 * the first speaker's timing, the longest's length). */
static int synth_all(const struct ai_config *c, const json_t *const *v, size_t n, const struct line *l, const char *lang,
                     struct voice_clip *out)
{
	if (n == 1) return speech_api_synth(c, v[0], l, lang, out);
	struct voice_clip cl[2];
	memset(cl, 0, sizeof cl);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) rc = speech_api_synth(c, v[i], l, lang, &cl[i]);
	if (rc == 0) rc = voice_mix(cl, n, out);
	else memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) voice_clip_free(&cl[i]);
	return rc;
}

int speech_api_stage(struct project *p, const struct stage_opts *o, const struct ai_config *c)
{
	if (!p || !p->s) return err_set(ERR_INPUT, "voice: the project has no storyboard.json; run `drama script DIR` first");
	if (!ai_tts_configured(c))
		return err_set(ERR_INPUT, "voice: no speech server configured; set DRAMA_TTS_URL or \"tts\": {\"url\": ...} in drama.json");
	struct series *s = p->s;
	const char *lang = s->lang ? s->lang : p->set.lang;
	int rc = voice_cast_refs(p);            /* embedded voices stay available as a fallback */
	if (rc == 0) rc = voice_cast(s);
	if (rc < 0) log_warn("voice", "embedded casting failed (%s); continuing with the speech server", err_msg());
	if ((rc = speech_api_cast(s, lang)) < 0) return rc;
	char *dir = project_path(p, "cache/voice");
	rc = mkdir_p(dir);
	free(dir);
	if (rc < 0) return rc;
	int want = o ? o->episode : 0;
	size_t total = 0, done = 0, made = 0, reused = 0;
	for (size_t e = 0; e < s->n_eps; e++)
		if (!want || s->eps[e].number == want)
			for (size_t k = 0; k < s->eps[e].n_scenes; k++)
				for (size_t h = 0; h < s->eps[e].scenes[k].n_shots; h++) total += s->eps[e].scenes[k].shots[h].line != NULL;
	ai_ledger_stage_begin("voice");
	progress_begin("voice", (double)(total ? total : 1));
	for (size_t e = 0; e < s->n_eps && rc == 0; e++) {
		if (want && s->eps[e].number != want) continue;
		for (size_t k = 0; k < s->eps[e].n_scenes && rc == 0; k++)
			for (size_t h = 0; h < s->eps[e].scenes[k].n_shots && rc == 0; h++) {
				struct line *l = s->eps[e].scenes[k].shots[h].line;
				if (!l) continue;
				const struct character *with = l->with ? series_find_character(s, l->with) : NULL;
				const struct character *who = l->speaker ? series_find_character(s, l->speaker) : NULL;
				json_t *refs[2] = { with_reference(p, c, who), with_reference(p, c, with) };
				const json_t *voices[2] = { refs[0] ? refs[0] : voice_of(s, l), refs[1] ? refs[1] : with ? with->voice : NULL };
				size_t nv = with ? 2 : 1;
				char *stem = stem_for(c, voices, nv, l, lang);
				char *wrel = xasprintf("%s.wav", stem), *jrel = xasprintf("%s.json", stem);
				char *wav = project_path(p, wrel), *js = project_path(p, jrel);
				double sec = -1;
				if (!(o && o->force) && file_exists(wav) && file_exists(js)) {
					if (voice_cached_sec(wav, js, &sec) == 0) reused++;
					else err_clear();
				}
				if (sec < 0) {
					struct voice_clip clip;
					rc = synth_all(c, voices, nv, l, lang, &clip);
					if (rc < 0 && rc != ERR_NET) {
						char *why = xstrdup(err_msg());
						rc = err_set(rc, "episodes[%zu].scenes[%zu].shots[%zu].line (%s, \"%.40s\"): %s", e, k, h,
						             l->speaker ? l->speaker : "narrator", l->text ? l->text : "", why);
						free(why);
					} else if (rc == 0) {
						/* timing first: the WAV's presence marks a complete entry */
						if ((rc = voice_timing_save(&clip.t, js)) == 0 && (rc = wav_write(wav, clip.pcm, clip.n, VOICE_RATE, 1)) == 0) {
							sec = (double)clip.n / VOICE_RATE;
							made++;
						}
						voice_clip_free(&clip);
					}
				}
				if (rc == 0) {
					free(l->audio);
					l->audio = xstrdup(wrel);
					l->audio_sec = sec;
				}
				free(stem); free(wrel); free(jrel); free(wav); free(js);
				json_decref(refs[0]);
				json_decref(refs[1]);
				progress_update((double)++done, l->speaker ? l->speaker : "narrator");
			}
	}
	progress_end();
	ai_ledger_stage_end("voice");
	if (rc == 0) log_info("voice", "%zu line(s) voiced by the speech server, %zu reused from cache", made, reused);
	return rc;
}

const struct voice_backend voice_speech_api = { "speech-api", speech_api_stage };

const struct voice_backend *voice_backend_for(const struct project *p, const struct ai_config *c)
{
	if (c && c->comfy_tts && ai_comfyui_configured(c)) return &voice_comfyui;
	if ((c && ai_tts_configured(c)) || !strcmp(p->set.voice, "speech-api")) return &voice_speech_api;
	return &voice_embedded;
}
