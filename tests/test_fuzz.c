/* tests/test_fuzz.c — the focus of this file is what the fuzz targets (fuzz/) found and
 * that their seed corpora still pass: every target's entry point, built with the same
 * compiler and sanitizers as this runner ($(BUILD)/fuzz/replay_NAME), runs once on every
 * file of fuzz/corpus/NAME with no failed check, and some of them are accepted. The
 * regression cases below are the fuzzers' findings, fixed. */
#include "test.h"
#include "core/util.h"
#include "core/wav.h"
#include "voice/voice.h"
#include "net/net_internal.h"
#include "httpd_double.h"

#include <dirent.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

/* fuzz-1: a WAV header's rate (any 32-bit value) reached wav_write's int byte rate:
 * signed overflow. Such files are refused on read and on write. */
TEST(fuzz_1_wav_rate_out_of_range)
{
	static const unsigned char hdr[44] = { 'R', 'I', 'F', 'F', 40, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ', 16, 0, 0, 0,
		1, 0, 1, 0, 0x10, 0xa4, 0xac, 0x40 /* 1085056016 Hz */, 0, 0, 0, 0, 2, 0, 16, 0, 'd', 'a', 't', 'a', 4, 0, 0, 0 };
	unsigned char buf[48];
	memcpy(buf, hdr, 44);
	memset(buf + 44, 1, 4);
	char *p = path_join(test_tmpdir(), "rate.wav");
	int wr = file_write_atomic(p, buf, sizeof buf);
	int16_t *pcm = NULL, s[2] = { 1, 2 };
	size_t fr = 0;
	int rate = 0, ch = 0;
	int rd = wav_read(p, &pcm, &fr, &rate, &ch);
	char msg[300];
	snprintf(msg, sizeof msg, "%s", err_msg());
	int w1 = wav_write(p, s, 1, 1085056016, 2), w2 = wav_write(p, s, 1, 48000, 0), w3 = wav_write(p, s, 1, 768000, 2);
	free(pcm);
	free(p);
	CHECK(wr == 0);
	CHECK(rd < 0);
	CHECKF(strstr(msg, "768 kHz"), "%s", msg);
	CHECK(w1 < 0);
	CHECK(w2 < 0);
	CHECK(w3 == 0);
}

/* fuzz-2: a voice timing JSON with a time of 1e110 s reached the millisecond rounding's
 * conversion to long long (undefined); now such times are refused on load, and saving
 * rounds without an integer conversion. */
TEST(fuzz_2_timing_huge_times)
{
	char *p = path_join(test_tmpdir(), "t.json");
	const char *bad[] = { "{\"duration\": 1e110}", "{\"duration\": 1, \"words\": [{\"s\": 0, \"e\": -1e300, \"w\": \"x\"}]}",
		"{\"duration\": 1, \"visemes\": [{\"s\": 1e8, \"e\": 2e8, \"v\": \"A\"}]}" };
	int refused = 0;
	struct voice_timing t;
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		file_write_atomic(p, bad[i], strlen(bad[i]));
		if (voice_timing_load(p, &t) < 0) refused++;
		else voice_timing_free(&t);
	}
	const char *ok = "{\"duration\": 9999999.25, \"words\": [{\"s\": -0.0625, \"e\": 1.0625, \"w\": \"hi\"}]}";
	file_write_atomic(p, ok, strlen(ok));
	int lrc = voice_timing_load(p, &t);
	int src = lrc == 0 ? voice_timing_save(&t, p) : -1;
	voice_timing_free(&t);
	char *text = NULL;
	size_t n;
	file_read_all(p, &text, &n);
	free(p);
	CHECK_INT(refused, 3);
	CHECK(lrc == 0 && src == 0);
	CHECKF(text && strstr(text, "\"s\":-0.063") && strstr(text, "\"e\":1.063"), "%s", text ? text : "(none)");
	free(text);
}

/* Every seed corpus through its target's entry point. */
TEST(fuzz_9_seed_corpora_replay)
{
	char *bin = xstrdup(test_drama_bin());
	char *bdir = xstrdup(dirname(bin));              /* build or build-san */
	char *root = xasprintf("%s/..", bdir);
	char *cdir = xasprintf("%s/fuzz/corpus", root);
	DIR *d = opendir(cdir);
	int targets = 0, bad = 0;
	char why[1024] = "";
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.') continue;
		char *rb = xasprintf("%s/fuzz/replay_%s", bdir, e->d_name);
		if (!file_exists(rb)) { free(rb); continue; }      /* a corpus whose target is not built here */
		char *cmd = xasprintf("DRAMA_DATA=%s/data %s %s/%s 2>&1", root, rb, cdir, e->d_name);
		char *out = NULL;
		int rc = test_run(cmd, &out);
		const char *last = out ? strstr(out, "replay: ") : NULL;
		long runs = 0, acc = 0;
		for (const char *q = out; q && (q = strstr(q, "replay: ")); q++) last = q;
		if (last) sscanf(last, "replay: %ld inputs, %ld accepted", &runs, &acc);
		if (rc != 0 || runs == 0 || acc == 0) {
			bad++;
			size_t len = out ? strlen(out) : 0;
			snprintf(why + strlen(why), sizeof why - strlen(why), "%s: exit %d, %ld inputs, %ld accepted: %s\n", e->d_name, rc,
			         runs, acc, out ? out + (len > 300 ? len - 300 : 0) : "");
		}
		targets++;
		free(out);
		free(cmd);
		free(rb);
	}
	if (d) closedir(d);
	free(bin); free(bdir); free(root); free(cdir);
	CHECKF(targets >= 13, "%d fuzz targets replayed, expected 13 or more", targets);
	CHECKF(bad == 0, "%s", why);
}

/* fuzz-3: an error body shorter than 300 bytes that is not JSON was copied with 300
 * bytes (a heap over-read on every short plain-text error answer: images, speech,
 * ComfyUI, LLM). The sanitizer build of this case read past the body before the fix. */
TEST(fuzz_4_short_error_body)
{
	struct http_resp r = { .status = 418 };
	r.body.s = xstrdup("teapot\n");               /* exactly sized: ASan sees any over-read */
	r.body.len = 7;
	char *m = ai_server_message(&r);
	free(r.body.s);
	CHECK_STR(m, "teapot");
	free(m);
}

/* fuzz-4: ComfyUI's output file name gave the cache file's extension as is: a name like
 * "a.p/../q" made "cache/ai/KEY.p/../q", a path outside the cache, kept in the
 * storyboard. Only a plain extension (letters, digits, up to 7) is kept, else png. */
static void h_outname(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw,
                      size_t rawn, struct fake_reply *r)
{
	if (!strcmp(url, "/prompt")) r->body = xstrdup("{\"prompt_id\": \"p1\", \"node_errors\": {}}");
	else if (!strncmp(url, "/history/", 9))
		r->body = xasprintf("{\"p1\": {\"status\": {\"completed\": true}, \"outputs\": {\"9\": {\"images\": "
		                    "[{\"filename\": \"%s\", \"type\": \"output\"}]}}}}", (const char *)f->ud);
	else { r->body = xstrdup("\x89PNG\r\n\x1a\nxx"); r->ctype = "image/png"; }
}

TEST(fuzz_5_comfy_output_extension)
{
	static const char *const names[][2] = { { "a.p/../q", "png" }, { "clip.webm", "webm" }, { "noext", "png" },
		{ "x.safetensors", "png" }, { "y.p g", "png" } };
	char got[5][8] = { { 0 } };
	int rcs[5];
	for (int i = 0; i < 5; i++) {
		struct fake f;
		CHECK(fake_start(&f, h_outname, (void *)names[i][0]) == 0);
		struct ai_config c;
		ai_config_load(NULL, &c);
		char *u = xasprintf("http://127.0.0.1:%d", f.port);
		ai_config_set(&c, "comfyui.url", u);
		ai_config_set(&c, "comfyui.poll", "0.01");
		json_t *wf = json_pack("{s:{s:s, s:{}}}", "9", "class_type", "SaveImage", "inputs");
		struct sbuf data;
		rcs[i] = comfy_run(&c, wf, 30, &data, got[i]);
		sb_free(&data);
		json_decref(wf);
		ai_config_free(&c);
		free(u);
		fake_stop(&f);
	}
	for (int i = 0; i < 5; i++) {
		CHECK_INT(rcs[i], 0);
		CHECK_STR(got[i], names[i][1]);
	}
}
