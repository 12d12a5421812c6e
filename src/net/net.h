/* net/net.h — the protocol clients of the AI backends, over their standard HTTP
 * protocols: OpenAI-compatible chat (LLM), ComfyUI, OpenAI-compatible images and speech,
 * plus the settings they share, `drama doctor` that checks them all, the ledger that
 * counts requests, tokens and seconds, and the fallback record. The stage backends built
 * on them live beside their embedded engines: story/story_llm.c (llm_story_stage),
 * art/art_ai*.c (art_comfyui, art_images_api in art/art.h), voice/speech_stage.c
 * (speech_api_stage in voice/voice.h).
 *
 *   struct ai_config c;
 *   if (ai_config_load("demo", &c) < 0) { log_error("ai", "%s", err_msg()); ... }
 *   ai_config_set(&c, "llm.model", "qwen2.5:7b");          // a command-line flag wins
 *   if (ai_llm_configured(&c)) {
 *       int rc = llm_story_stage(p, "palace, milk tea", NULL, &c);
 *       if (rc == ERR_NET && !c.strict) { log_warn(...); rc = story_stage(p, kw, NULL); }
 *   }
 *   ai_config_free(&c);
 *
 * Every function returns 0 or <0 with err_msg (one sentence: what, where, what to do).
 * ERR_NET means "the server could not be reached / kept failing": callers may fall back
 * to the embedded backend. Any other error is a refusal or bad data and should be shown.
 */
#ifndef DRAMA_NET_NET_H
#define DRAMA_NET_NET_H

#include <jansson.h>
#include "core/util.h"
#include "core/model.h"
#include "voice/voice.h"

/* One HTTP service. NULL url = not configured. Strings are owned by the config. */
struct ai_service {
	char *url;            /* base URL: "http://127.0.0.1:8080" or ".../v1" */
	char *model;          /* for comfyui: the checkpoint file name */
	char *api_key;        /* sent as "Authorization: Bearer KEY" */
	double timeout;       /* idle time-out: seconds without a byte before giving up */
	double load_wait;     /* seconds to wait while the server answers 503 "loading model" */
	int retries;          /* extra attempts on 429 / 5xx / connection errors */
};

struct ai_config {
	struct ai_service llm, comfyui, images, tts;
	double temperature, top_p;  /* sent explicitly (Ollama forces 1 otherwise) */
	int max_tokens;             /* per request; 0 = server default */
	long long seed;             /* sent as "seed" when >= 0 (reproducible sampling); default -1 */
	int repairs;                /* bounded repair requests per stage (default 2) */
	int stream;                 /* SSE streaming for progress (default 1) */
	double retry_base;          /* first back-off in seconds (doubles each time) */
	char *tts_voice;            /* default speech voice name when a character has none */
	char *tts_format;           /* response_format asked of the speech server: wav (default), mp3, opus, flac */
	char *tts_ref_audio_field;  /* body field for a character's reference voice (cloning); NULL = not sent */
	char *tts_ref_text_field;   /* body field for its transcript (default "ref_text") */
	char *tts_ref_audio_format; /* "base64" (default) or "data-uri" */
	char *image_size;           /* images API size, "1024x1536" */
	char *workflow_dir;         /* user ComfyUI workflow folder (replaces data/comfyui) */
	json_t *workflows;          /* comfyui.workflows from config: per-kind file + map; owned */
	json_t *comfy_vars;         /* comfyui.vars: placeholder values over data/comfyui/defaults.json; owned */
	int comfy_video;            /* also make image-to-video clips per shot */
	int comfy_lipsync;          /* spoken shots: a Wan speech-to-video clip from the line's audio (s2v.json) */
	int comfy_tts;              /* lines of characters with a reference voice: ComfyUI TTS (tts.json) */
	double comfy_poll;          /* seconds between GET /history polls (default 1) */
	int strict;                 /* DRAMA_STRICT / --strict: no fallback to embedded */
	char *sources;              /* where settings came from, for doctor ("env, drama.json") */
};

/* Load settings: defaults < user config ($XDG_CONFIG_HOME or ~/.config/drama/config.json)
 * < project_dir/drama.json ("llm", "comfyui", "images", "tts" objects) < environment
 * (DRAMA_LLM_URL, DRAMA_LLM_MODEL, DRAMA_LLM_API_KEY, DRAMA_COMFYUI_URL, DRAMA_IMAGES_URL,
 * DRAMA_IMAGES_MODEL, DRAMA_IMAGES_API_KEY, DRAMA_TTS_URL, DRAMA_TTS_MODEL,
 * DRAMA_TTS_API_KEY, DRAMA_TTS_VOICE, DRAMA_STRICT, DRAMA_LLM_TEMPERATURE, DRAMA_LLM_TOP_P,
 * DRAMA_LLM_TIMEOUT). project_dir may be NULL. On error (bad JSON, bad value) returns <0;
 * *out is then still valid to free. Free with ai_config_free. */
int ai_config_load(const char *project_dir, struct ai_config *out);
void ai_config_free(struct ai_config *c);               /* NULL ok; zeroes *c */
/* Set one value by key, for command-line flags (call after ai_config_load so they win):
 * "llm.url" "llm.model" "llm.api_key" "llm.timeout" "llm.retries" "temperature" "top_p"
 * "max_tokens" "repairs" "stream" "comfyui.url" "comfyui.video" "comfyui.lipsync" "comfyui.tts" "workflow_dir"
 * "images.url" "images.model" "images.api_key" "image_size" "tts.url" "tts.model"
 * "tts.api_key" "tts.voice" "strict". Returns <0 for an unknown key or bad value. */
int ai_config_set(struct ai_config *c, const char *key, const char *value);
int ai_llm_configured(const struct ai_config *c);
int ai_comfyui_configured(const struct ai_config *c);
int ai_images_configured(const struct ai_config *c);
int ai_tts_configured(const struct ai_config *c);


/* One chat completion with an optional JSON schema (response_format json_schema).
 * messages: array of {role, content}; borrowed. *content is malloc'd (caller frees).
 * progress_base/progress_span: progress_update range driven by streamed characters
 * (span 0 = no progress updates). */
int llm_chat(const struct ai_config *c, const json_t *messages, const json_t *schema,
             const char *schema_name, double progress_base, double progress_span, char **content);
/* The model to ask when none is configured (Ollama refuses a request without one): the
 * first of GET /v1/models. *model malloc'd (caller frees). Returns 0 or <0 (ERR_NET when
 * the server cannot be reached). */
int llm_pick_model(const struct ai_config *c, char **model);
/* Find the JSON object in a model's reply: tolerates code fences and text around it.
 * Returns a new reference or NULL with err_msg ("line:col: what"). */
json_t *llm_extract_json(const char *text);

/* ---- speech (OpenAI-compatible /v1/audio/speech, e.g. Kokoro-FastAPI) ---- */
/* Speak one line: voice is the character's voice JSON ({"voice": "af_bella", "speed": 1});
 * NULL or no "voice" key = c->tts_voice. Output resampled to VOICE_RATE mono, with visemes
 * from the energy envelope and word times spread over the voiced span by word length. */
int speech_api_synth(const struct ai_config *c, const json_t *voice, const struct line *l,
                     const char *lang, struct voice_clip *out);
/* Give every character without one a distinct speech-server voice name in
 * character->voice["api_voice"] (creating the voice object if needed) from the language's
 * gender pools in data/llm/tts_voices.json; the narrator too. Returns 0 or <0. */
int speech_api_cast(struct series *s, const char *lang);
/* Timing from audio alone (used by speech_api_synth; exposed for tests and other voices). */
int speech_timing_from_audio(const int16_t *pcm, size_t n, int rate, const char *text, struct voice_timing *t);


/* ---- fallbacks that do not stick (fallback.c) ---- */
/* Record in DIR/fallback.json that `stage` ("script", "design", "voice") fell back to its
 * embedded engine and why (for "script", with a key of the story just written, so a later
 * edit is recognised). Returns 0 or <0 (warned; a fallback still works without it). */
int ai_fallback_note(const struct project *p, const char *stage, const char *why);
/* The stage used its server again: forget its fallback. */
void ai_fallback_clear(const struct project *p, const char *stage);
/* 1 when the last run fell back for `stage` and the server should be asked again (logs
 * that it will, and why it fell back); 0 when it did not fall back, or (script) the user
 * has edited the story since: then the record is dropped and the edit kept. */
int ai_fallback_retry(const struct project *p, const char *stage);

/* ---- doctor ---- */
/* Check every configured backend and append a table (backend, url, check, result, what
 * to fix) to *report. Returns 0 if all configured backends work, <0 (err_msg says how
 * many problems) if something configured is broken. Nothing configured = 0 + a note. */
int doctor_run(const char *project_dir, struct sbuf *report);

/* ---- ledger: requests, tokens, generation seconds per backend, wall time per stage ---- */
/* Process-wide and thread-safe. Backends record into it automatically. */
void ai_ledger_reset(void);
void ai_ledger_stage_begin(const char *stage);
void ai_ledger_stage_end(const char *stage);
/* CPU seconds (user + system) spent for a stage, added to its entry (ledger.json
 * "stage_cpu_seconds", the summary's "N s CPU"). */
void ai_ledger_stage_cpu(const char *stage, double sec);
void ai_ledger_add(const char *backend, int requests, long tokens_in, long tokens_out, double seconds);
/* Attempts (each try of a request: retries and waits for a loading model count) and, for
 * speech, characters sent. */
void ai_ledger_add_more(const char *backend, int attempts, long characters);
/* Write the ledger as JSON (atomic), e.g. DIR/ep01.ledger.json; episode 0 = whole run. */
int ai_ledger_write(const char *path, int episode);
/* A few human lines: "llm: 12 requests, 8.1k tokens in, 5.3k out, 94.2 s" ... */
void ai_ledger_summary(struct sbuf *out);
/* Current totals of one backend (for tests); 0 when unknown. */
int ai_ledger_get(const char *backend, int *requests, long *tokens_in, long *tokens_out, double *seconds);
int ai_ledger_get_more(const char *backend, int *attempts, long *characters);

#endif
