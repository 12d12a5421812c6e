/* tests/test_cli.c — the focus of this file is the `drama` command line run as a user
 * runs it: bad input gets one clear line and a non-zero exit and leaves project files
 * untouched; and the end-to-end path from keywords to a checked MP4 at a small size. */
#include "test.h"
#include "drama_run.h"
#include "core/util.h"

#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <math.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

#define drama drama_run

/* cli-1.x: each bad input: exit status, and the one line that explains it */
TEST(cli_bad_input)
{
	static const struct { const char *args; int status; const char *says; } cases[] = {
		{ "make", 2, "nothing to make" },
		{ "make ' , , '", 2, "the keywords are empty" },
		{ "make palace --bogus", 2, "unknown option \"--bogus\"" },
		{ "make palace --fps 0", 2, "--fps needs a whole number from 1 to 120" },
		{ "make palace --size 100", 2, "--size must be WIDTHxHEIGHT" },
		{ "make palace --lang fr", 2, "--lang must be en or zh" },
		{ "make --from missing.fountain -o p", 1, "--from missing.fountain: no such file" },
		{ "make palace -o /proc/nope/x", 1, "cannot create folder /proc/nope" },
		{ "render nowhere", 1, "project folder nowhere does not exist" },
		{ "frobnicate", 2, "unknown command \"frobnicate\"" },
		{ "voice", 2, "voice needs a project folder" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *out = NULL;
		int st = drama(&out, "%s", cases[i].args);
		int ok = st == cases[i].status && strstr(out, cases[i].says) && strncmp(out, "drama: ", 7) == 0;
		if (!ok) fprintf(stderr, "  `drama %s` -> %d: %s\n", cases[i].args, st, out);
		free(out);
		CHECK(ok);
	}
}

TEST(cli_help)
{
	char *out;
	CHECK(drama(&out, "--help") == 0);
	CHECK(strstr(out, "drama make"));
	free(out);
	CHECK(drama(&out, "render --help") == 0);
	CHECK(strstr(out, "--episode N"));
	free(out);
}

/* A corrupted storyboard.json: a clear message with file:line:column, and nothing touched. */
TEST(cli_corrupt_storyboard_untouched)
{
	char *dir = path_join(test_tmpdir(), "p"), *sb = path_join(dir, "storyboard.json");
	CHECK(mkdir_p(dir) == 0);
	const char *bad = "{\n  \"title\": \"x\",\n  \"episodes\": [\n";
	CHECK(file_write_atomic(sb, bad, strlen(bad)) == 0);
	static const char *const cmds[] = { "design p", "voice p", "music p", "render p", "make palace -o p" };
	for (size_t i = 0; i < ARRAY_LEN(cmds); i++) {
		char *out;
		int st = drama(&out, "%s", cmds[i]);
		int ok = st == 1 && strstr(out, "storyboard.json:4:") && strstr(out, "invalid JSON");
		if (!ok) fprintf(stderr, "  `drama %s` -> %d: %s\n", cmds[i], st, out);
		free(out);
		CHECK(ok);
	}
	char *txt;
	CHECK(file_read_all(sb, &txt, NULL) == 0);
	int same = !strcmp(txt, bad);
	free(txt);
	char *out;
	test_run("true", NULL);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -v '^drama.lock$'", dir);   /* the writer lock (core/lock.h) may stay */
	test_run(cmd, &out);
	int only = !strcmp(out, "storyboard.json\n");
	if (!only) fprintf(stderr, "  folder holds: %s\n", out);
	free(out);
	free(dir); free(sb);
	CHECK(same);
	CHECK(only);
}

/* Inspect an MP4 with libavformat/libavcodec: streams, size, rate, duration, audio level. */
struct mp4_info { int has_h264, has_aac, w, h; double fps, duration, audio_rms; int sample_rate, channels; int64_t frames; };

static int probe(const char *path, struct mp4_info *mi)
{
	AVFormatContext *fc = NULL;
	memset(mi, 0, sizeof *mi);
	if (avformat_open_input(&fc, path, NULL, NULL) < 0) return -1;
	if (avformat_find_stream_info(fc, NULL) < 0) { avformat_close_input(&fc); return -1; }
	mi->duration = fc->duration / (double)AV_TIME_BASE;
	int ai = -1;
	for (unsigned i = 0; i < fc->nb_streams; i++) {
		AVStream *st = fc->streams[i];
		AVCodecParameters *cp = st->codecpar;
		if (cp->codec_id == AV_CODEC_ID_H264) {
			mi->has_h264 = 1;
			mi->w = cp->width;
			mi->h = cp->height;
			mi->fps = av_q2d(st->avg_frame_rate);
			mi->frames = st->nb_frames;
		}
		if (cp->codec_id == AV_CODEC_ID_AAC) {
			mi->has_aac = 1;
			mi->sample_rate = cp->sample_rate;
			mi->channels = cp->ch_layout.nb_channels;
			ai = (int)i;
		}
	}
	if (ai >= 0) {
		const AVCodec *dec = avcodec_find_decoder(AV_CODEC_ID_AAC);
		AVCodecContext *cc = avcodec_alloc_context3(dec);
		avcodec_parameters_to_context(cc, fc->streams[ai]->codecpar);
		avcodec_open2(cc, dec, NULL);
		AVPacket *pk = av_packet_alloc();
		AVFrame *fr = av_frame_alloc();
		double sum = 0;
		long n = 0;
		while (av_read_frame(fc, pk) >= 0) {
			if (pk->stream_index == ai && avcodec_send_packet(cc, pk) == 0) {
				while (avcodec_receive_frame(cc, fr) == 0) {
					const float *x = (const float *)fr->data[0];   /* AAC decodes to FLTP */
					for (int k = 0; k < fr->nb_samples; k++) { sum += x[k] * x[k]; n++; }
				}
			}
			av_packet_unref(pk);
		}
		mi->audio_rms = n ? sqrt(sum / n) : 0;
		av_frame_free(&fr);
		av_packet_free(&pk);
		avcodec_free_context(&cc);
	}
	avformat_close_input(&fc);
	return 0;
}

/* e2e-1: keywords → a small episode through the real CLI, checked with libavformat. */
TEST(cli_e2e_make_small_episode)
{
	char *out = NULL;
	int st = drama(&out, "make 'ancient time-travel, milk tea shop, prince' -o ep --size 216x384 --fps 10 --minutes 0.5");
	if (st) fprintf(stderr, "%s\n", out);
	CHECK(st == 0);
	/* stdout lists what was written; stderr has the progress */
	CHECKF(strstr(out, "ep/ep01.mp4") && strstr(out, "ep/ep01.srt"), "output: %s", out);
	free(out);
	char *mp4 = path_join(test_tmpdir(), "ep/ep01.mp4");
	struct mp4_info mi;
	CHECK(probe(mp4, &mi) == 0);
	free(mp4);
	CHECK(mi.has_h264 && mi.has_aac);
	CHECK_INT(mi.w, 216);
	CHECK_INT(mi.h, 384);
	CHECKF(fabs(mi.fps - 10) < 0.01, "fps %g", mi.fps);
	CHECKF(mi.duration > 15 && mi.duration < 90, "duration %g s for --minutes 0.5", mi.duration);
	CHECK_INT(mi.sample_rate, 48000);
	CHECK_INT(mi.channels, 2);
	CHECKF(mi.audio_rms > 0.01, "audio RMS %g: silent", mi.audio_rms);
	static const char *const files[] = { "ep/storyboard.json", "ep/script.fountain", "ep/ep01.srt",
		"ep/ep01.cover.png", "ep/ep01.contact.png", "ep/drama.json" };
	for (size_t i = 0; i < ARRAY_LEN(files); i++) {
		char *p = path_join(test_tmpdir(), files[i]);
		int ok = file_exists(p);
		if (!ok) fprintf(stderr, "  missing %s\n", files[i]);
		free(p);
		CHECK(ok);
	}
	/* the SRT's first cue is well formed */
	char *srt, *p = path_join(test_tmpdir(), "ep/ep01.srt");
	CHECK(file_read_all(p, &srt, NULL) == 0);
	free(p);
	int ok = !strncmp(srt, "1\n", 2) || !strncmp(srt, "1\r\n", 3);
	ok = ok && strstr(srt, " --> ");
	free(srt);
	CHECK(ok);

	/* rerunning the same command resumes and keeps the user's edit to storyboard.json */
	char *sb = path_join(test_tmpdir(), "ep/storyboard.json");
	char *txt;
	CHECK(file_read_all(sb, &txt, NULL) == 0);
	char *title = strstr(txt, "\"title\": \"");
	CHECK(title);
	struct sbuf b = { 0 };
	sb_addn(&b, txt, (size_t)(title - txt) + 10);
	sb_add(&b, "My Edited Title\", \"x_old_title\": \"");
	sb_add(&b, title + 10);
	free(txt);
	CHECK(file_write_atomic(sb, b.s, b.len) == 0);
	sb_free(&b);
	st = drama(&out, "make 'ancient time-travel, milk tea shop, prince' -o ep --size 216x384 --fps 10 --minutes 0.5");
	free(out);
	CHECK(st == 0);
	CHECK(file_read_all(sb, &txt, NULL) == 0);
	ok = strstr(txt, "My Edited Title") != NULL;
	free(txt);
	free(sb);
	CHECK(ok);
	/* different keywords into the same folder: refused, nothing replaced */
	st = drama(&out, "make 'office romance' -o ep --size 216x384 --fps 10 --minutes 0.5");
	ok = st == 1 && strstr(out, "already holds a different project");
	free(out);
	CHECK(ok);
}

/* cli-3: an unreachable LLM server: a warning and the embedded engine, or with --strict
 * a clear error and a non-zero exit; `drama doctor` names the problem. */
TEST(cli_llm_unreachable_fallback)
{
	char *out = NULL;
	int st = drama(&out, "script p 'detective, missing painting' --set llm.url=http://127.0.0.1:9 --set llm.retries=0");
	int ok = st == 0 && strstr(out, "writing with the embedded story engine instead");
	if (!ok) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(ok);
	char *sb = path_join(test_tmpdir(), "p/storyboard.json");
	CHECK(file_exists(sb));
	free(sb);
	st = drama(&out, "script q detective --strict --set llm.url=http://127.0.0.1:9 --set llm.retries=0");
	ok = st == 1 && strstr(out, "drama: cannot reach the LLM server at http://127.0.0.1:9");
	if (!ok) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(ok);
	char cmd[700];
	snprintf(cmd, sizeof cmd, "cd '%s' && DRAMA_LLM_URL=http://127.0.0.1:9 '%s' doctor", test_tmpdir(), test_drama_bin());
	st = test_run(cmd, &out);
	ok = st == 1 && strstr(out, "cannot reach the LLM server");
	if (!ok) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(ok);
}

/* cli-4: a user edits script.fountain between stages: the next stage imports the edit
 * into storyboard.json and leaves the user's file byte for byte as they wrote it. */
TEST(cli_fountain_edit_imported)
{
	char *out = NULL;
	int st = drama(&out, "script p 'office romance, secret CEO'");
	free(out);
	CHECK(st == 0);
	char *fp = path_join(test_tmpdir(), "p/script.fountain"), *sb = path_join(test_tmpdir(), "p/storyboard.json");
	char *txt;
	CHECK(file_read_all(fp, &txt, NULL) == 0);
	/* replace the first dialogue line after the first character cue with our own words
	 * (a cue: an upper-case line after a blank line) */
	struct sbuf b = { 0 };
	int replaced = 0, prev_blank = 1, after_cue = 0;
	for (char *line = txt; *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		int blank = n == 0;
		int upper = n > 0 && n < 30 && line[0] >= 'A' && line[0] <= 'Z' && line[0] != '[';
		for (size_t k = 0; upper && k < n; k++)
			if (line[k] >= 'a' && line[k] <= 'z') upper = 0;
		if (!replaced && after_cue && !blank && line[0] != '(' && line[0] != '[') {
			sb_add(&b, "I never signed that contract.\n");
			replaced = 1;
		} else {
			sb_addn(&b, line, n);
			sb_add(&b, "\n");
		}
		after_cue = !replaced && prev_blank && upper;
		prev_blank = blank;
		line += n + (nl ? 1 : 0);
	}
	free(txt);
	CHECK(replaced);
	CHECK(file_write_atomic(fp, b.s, b.len) == 0);
	{	/* saved a second after the storyboard, as an editor would: file times come from a
		 * coarse clock, and an edit within the same tick (a loaded machine) was not seen
		 * as newer */
		struct stat bs;
		CHECK(stat(sb, &bs) == 0);
		struct timespec t[2] = { { bs.st_mtim.tv_sec + 1, 0 }, { bs.st_mtim.tv_sec + 1, 0 } };
		CHECK(utimensat(AT_FDCWD, fp, t, 0) == 0);
	}
	st = drama(&out, "music p");
	if (st) fprintf(stderr, "%s\n", out);
	int said = strstr(out, "script.fountain was edited") != NULL;
	free(out);
	CHECK(st == 0);
	CHECK(said);
	CHECK(file_read_all(sb, &txt, NULL) == 0);
	int in_board = strstr(txt, "I never signed that contract.") != NULL;
	free(txt);
	CHECK(file_read_all(fp, &txt, NULL) == 0);
	int kept = !strcmp(txt, b.s);
	free(txt);
	sb_free(&b);
	free(fp);
	free(sb);
	CHECK(in_board);
	CHECK(kept);
}

/* cli-4b: a copied or restored project folder gives script.fountain a newer time than
 * storyboard.json without any edit: the next stage must not import it (that would drop
 * the voiced lines' audio from the storyboard). */
TEST(cli_fountain_newer_but_unedited)
{
	char *out = NULL;
	int st = drama(&out, "script q 'milk tea shop, prince' --minutes 1");
	free(out);
	CHECK(st == 0);
	st = drama(&out, "voice q");
	free(out);
	CHECK(st == 0);
	char *fp = path_join(test_tmpdir(), "q/script.fountain"), *sb = path_join(test_tmpdir(), "q/storyboard.json");
	struct timespec ts[2];
	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec += 60;                 /* as `cp -r` leaves it: the screenplay looks newer */
	ts[1] = ts[0];
	CHECK(utimensat(AT_FDCWD, fp, ts, 0) == 0);
	st = drama(&out, "music q");
	if (st) fprintf(stderr, "%s\n", out);
	int said = strstr(out, "script.fountain was edited") != NULL;
	free(out);
	CHECK(st == 0);
	CHECK(!said);
	char *txt = NULL;
	CHECK(file_read_all(sb, &txt, NULL) == 0);
	CHECK(txt && strstr(txt, "\"audio\": \"cache/voice/") != NULL);
	free(txt);
	free(fp);
	free(sb);
}

/* music-cache: a cue made again alone (its file deleted) is byte for byte the cue that
 * the full run made on two workers beside other cues. */
TEST(cli_music_cue_remade_alone_identical)
{
	char *out = NULL;
	int st = drama(&out, "script mq 'campus, sweet romance' --minutes 1");
	free(out);
	CHECK(st == 0);
	st = drama(&out, "music mq");
	free(out);
	CHECK(st == 0);
	char *sb = path_join(test_tmpdir(), "mq/storyboard.json"), *txt = NULL;
	CHECK(file_read_all(sb, &txt, NULL) == 0);
	/* the last scene's cue: made by a worker that had made another before it */
	char *m = NULL;
	int cues = 0;
	for (char *at = txt ? strstr(txt, "\"music\": \"") : NULL; at; at = strstr(at + 1, "\"music\": \"")) {
		m = at;
		cues++;
	}
	CHECK(cues >= 3);
	char rel[128] = "";
	if (m) sscanf(m + 10, "%127[^\"]", rel);
	free(txt);
	free(sb);
	char *dir = path_join(test_tmpdir(), "mq"), *cue = path_join(dir, rel), *first = NULL, *again = NULL;
	size_t n1 = 0, n2 = 0;
	CHECK(file_read_all(cue, &first, &n1) == 0);
	CHECK(remove(cue) == 0);
	st = drama(&out, "music mq");
	free(out);
	CHECK(st == 0);
	CHECK(file_read_all(cue, &again, &n2) == 0);
	CHECK(n1 > 1000 && n1 == n2 && first && again && !memcmp(first, again, n1));
	free(first);
	free(again);
	free(cue);
	free(dir);
}
