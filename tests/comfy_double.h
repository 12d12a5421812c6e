/* tests/comfy_double.h — a stand-in ComfyUI server for the tests (see comfy_double.c).
 *
 *   struct fake f; struct comfy_state st = { 0 };
 *   fake_start(&f, h_comfy, &st);
 *   struct ai_config c; comfy_cfg(&c, &f);
 *   struct project *p = small_project("show");   // Xia's close-up and an insert, in the test folder
 */
#ifndef DRAMA_TESTS_COMFY_DOUBLE_H
#define DRAMA_TESTS_COMFY_DOUBLE_H

#include "httpd_double.h"
#include "net/net.h"
#include "core/model.h"

/* ---- a ComfyUI that draws a green figure on white, and animates it as SaveWEBM does ---- */
struct comfy_state {
	int mode;                 /* 0 ok, 1 execution error, 2 never finishes (ours runs), 3 never
	                             starts (another client's job runs, ours waits in the queue),
	                             4 validates /prompt as ComfyUI does (object_info with
	                             output_node and python_module; IP-Adapter pack installed) */
	const char *samplers;     /* mode 4: KSampler's sampler_name list, JSON (default ["euler"]) */
	int polls;
	int uploads, prompts, interrupts;
	char uploaded[8][128];
	int clip_of[16];          /* per prompt: 0 an image, k > 0 the k-th video (clips[k - 1]), -1 audio */
	int videos;
	struct sbuf clips[2];     /* the WebM files the video prompts produce (set by the test) */
	int audio_uploads;        /* WAV files uploaded (LoadAudio's input), the last one's name and size */
	char audio_name[128];
	size_t audio_len;
	struct sbuf speech;       /* what SaveAudio prompts produce (set by the test: WAV or FLAC bytes) */
	const char *speech_ext;   /* its extension ("flac" as SaveAudio writes, or "wav") */
};

/* A 64x128 PNG: a green "character" at x 22..41, y 16..119 on white; variant changes one dot. */
char *figure_png(size_t *len, int variant);
/* The request handler (f->ud = struct comfy_state *). */
void h_comfy(struct fake *f, int n, const char *m, const char *url, const json_t *req,
             const char *raw, size_t rawn, struct fake_reply *r);
/* A project in the test folder: Xia (female, 24) in the Milk Tea Shop at night; shot 1 her
 * angry close-up, shot 2 an insert of a jade seal. Caller frees (project_free). */
struct project *small_project(const char *sub);
/* Config pointing at the stand-in, polling fast. Free with ai_config_free. */
void comfy_cfg(struct ai_config *c, const struct fake *f);
/* The k-th POST /prompt body the stand-in received (borrowed), or NULL. */
const json_t *nth_prompt(const struct fake *f, int k);
/* A render mix hook: silence of the timeline's length (no music or voices mixed). */
struct timeline;
int comfy_silent_mix(const struct project *p, const struct episode *ep, const struct timeline *tl, float **lr, size_t *n);

#endif
