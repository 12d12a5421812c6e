/* net/net_internal.h — shared pieces of the protocol clients: a libcurl HTTP client with
 * retries, back-off and SSE, URL helpers, server error messages, the ComfyUI client.
 * For net/ and the stage backends built on it (story_llm.c, art_ai*.c, speech_stage.c). */
#ifndef DRAMA_NET_INTERNAL_H
#define DRAMA_NET_INTERNAL_H

#include "net/net.h"

/* Called with each complete SSE "data:" payload (NUL-terminated). Return <0 to abort. */
typedef int (*http_sse_fn)(void *ud, const char *data);

struct http_req {
	const char *method;          /* "GET" or "POST" (default: POST if body, else GET) */
	const char *url;
	const char *api_key;         /* NULL = no Authorization header */
	const char *content_type;    /* for body; default application/json */
	const char *body; size_t body_len;
	/* multipart upload (ComfyUI /upload/image): one file field + extra text fields */
	const char *file_field, *file_name; const void *file_data; size_t file_len;
	const char *form_k1, *form_v1;
	double timeout;              /* idle time-out: no byte either way for this long, seconds; 0 = 300 */
	double load_wait;            /* seconds to wait out 503 "loading model" answers; 0 = none */
	int retries;                 /* extra attempts on 429/5xx/connection errors */
	double retry_base;           /* first back-off, seconds; 0 = 1 */
	http_sse_fn sse; void *ud;   /* parse text/event-stream bodies */
	const char *what;            /* "the LLM server", for messages */
};

struct http_resp {
	long status;
	struct sbuf body;            /* raw body (for SSE: whatever was not an event) */
	char content_type[128];
	double seconds;              /* wall time of the last attempt */
	double total_seconds;        /* wall time of all attempts (not the waits between them) */
	int attempts;                /* tries made, retries and loading waits included */
};

/* Perform a request with retries. Returns 0 when the server answered with any status
 * (check resp->status); ERR_NET with err_msg when it could not be reached or kept
 * failing (429/5xx after all retries: status kept in resp). resp must be freed. */
int http_do(const struct http_req *r, struct http_resp *resp);
void http_resp_free(struct http_resp *r);

/* base + path, inserting "/v1" unless base already ends with "/v1" when v1 != 0. Caller frees. */
char *ai_url(const char *base, const char *path, int v1);
/* The server's own message from an error body ({"error":{"message":..}}, {"error":".."},
 * {"detail":..}, or the text itself), trimmed to ~300 chars. Caller frees. */
char *ai_server_message(const struct http_resp *r);
/* err_set for an HTTP status that is not 2xx, naming the service and what to do. */
int ai_http_error(const char *service, const char *url, const struct http_resp *r, const char *model);

/* Decode compressed audio (MP3, Opus, FLAC, ... anything libavformat probes) from memory
 * to mono float at its own rate (speech_decode.c). *out malloc'd; <0 with err_msg. */
int speech_decode_any(const void *data, size_t len, float **out, size_t *frames, int *rate);
/* Speech audio (WAV, or any format libav reads) as a clip: 48 kHz mono with timing from
 * the audio and text (speech.c). Free with voice_clip_free (also after an error). */
int speech_audio_clip(const void *data, size_t len, const char *text, struct voice_clip *out);

/* GET url and parse its JSON (doctor.c): 0 and *out (new reference, NULL if not JSON);
 * ERR_NET unreachable; ERR_INPUT non-2xx (err_msg quotes the server). */
int ai_get_json(const struct ai_config *c, const char *what, const char *url, const char *key, json_t **out, long *status);
/* Doctor: the model files the IP-Adapter presets of a filled workflow will look for, by
 * the node pack's own name patterns (doctor_ipa.c). Appends one "; "-separated message
 * per missing file (what to download, where to put it) to *problems; returns their count. */
size_t doctor_ipadapter_files(const struct ai_config *c, const json_t *wf, const json_t *info, struct sbuf *problems);

/* base64 decode; returns malloc'd bytes or NULL on bad input. */
unsigned char *ai_b64_decode(const char *s, size_t *n);

/* "{name}" -> vars[name] (string or number); unknown names stay. Caller frees. */
char *ai_tmpl(const char *t, const json_t *vars);

/* images API (images.c): one PNG for a prompt. *png owned by caller (sb_free). */
int images_api_generate(const struct ai_config *c, const char *prompt, uint64_t seed, const char *size, struct sbuf *png);


/* ComfyUI client (comfy.c). */
struct comfy_out { char *filename, *subfolder, *type; };
int comfy_upload(const struct ai_config *c, const void *data, size_t n, const char *name, char **server_name);
int comfy_queue(const struct ai_config *c, const json_t *workflow, const char *client_id, char **prompt_id);
int comfy_wait(const struct ai_config *c, const char *prompt_id, double timeout,
               struct comfy_out **outs, size_t *n_outs);
int comfy_view(const struct ai_config *c, const struct comfy_out *o, struct sbuf *data);
void comfy_outs_free(struct comfy_out *o, size_t n);
/* Load a workflow template by kind ("character", "location", "shot", "video") from the
 * user's config or data/comfyui/<kind>.json. Returns a new reference. */
int comfy_workflow_load(const struct ai_config *c, const char *kind, json_t **wf, json_t **map);
/* Fill placeholders: string values "{{name}}" (whole = typed value, inside = text), and
 * a map {"name": "NODE.inputs.FIELD"} for user workflows. vars is an object. */
int comfy_workflow_fill(json_t *wf, const json_t *map, const json_t *vars);
/* Make a shot workflow keep n actors (comfy_group.c): the IP-Adapter node fed by the
 * "{{ref_image}}" LoadImage is repeated per actor (references "{{ref_image_2}}",
 * "{{ref_image_3}}", ...), chained, each with an attention mask over its strip of the
 * width x height frame. Returns 0, or 1 when the workflow has no such node (unchanged). */
int comfy_chain_refs(json_t *wf, size_t n, int width, int height);
/* node_errors of a /prompt answer as "node 4 (CheckpointLoaderSimple, "title"): message: details; ..." */
void comfy_node_errors_text(const json_t *ne, const json_t *wf, struct sbuf *out);
/* Take our prompt from the queue; interrupt it only if it is the running one (never
 * another client's). 1 if it was running, 0 if only dequeued. */
int comfy_cancel_ours(const struct ai_config *c, const char *prompt_id);
/* Doctor (doctor_dry.c): ComfyUI validates a filled workflow without running it. Every
 * output node (object_info "output_node") is sent without its filename_prefix, so every
 * output fails validation and nothing is queued, while the rest of the graph is still
 * checked (models in their lists, types, ranges). Appends the real problems to *problems
 * and returns their count; -1 when it cannot be done (reason appended). */
int doctor_dry_validate(const struct ai_config *c, const json_t *wf, const json_t *info, struct sbuf *problems);
/* Doctor: the custom node packs (object_info python_module "custom_nodes.X") a
 * workflow uses, ", "-separated, into *packs; and, for node classes the server lacks,
 * which pack to install (data/comfyui/node_packs.json) into *missing. */
void doctor_node_packs(const json_t *wf, const json_t *info, struct sbuf *packs, struct sbuf *missing);
/* Run one workflow to its first output and fetch it. *data owned by caller (sb_free). */
int comfy_run(const struct ai_config *c, json_t *wf, double timeout, struct sbuf *data, char ext[8]);

#endif
