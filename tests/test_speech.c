/* tests/test_speech.c — the focus of this file is the OpenAI-compatible speech backend
 * (POST /v1/audio/speech, e.g. Kokoro-FastAPI): what drama sends (model, input, voice,
 * response_format "wav", stream false, speed), WAV decoding (16-bit, float, streamed sizes,
 * stereo), resampling to 48 kHz, timing from the audio (visemes from the energy envelope,
 * words over the voiced span) and the server's refusals. A speech server runs on
 * 127.0.0.1 inside the tests (libmicrohttpd, ephemeral port). */
#include "test.h"
#include "httpd_double.h"
#include "drama_run.h"
#include "net/net.h"
#include "voice/voice.h"
#include "core/wav.h"

#include <libavutil/base64.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- a synthetic "speech": silence, three voiced bursts, silence ---- */
#define SR 24000
static const double BURSTS[3][2] = { { 0.20, 0.50 }, { 0.60, 0.90 }, { 1.00, 1.30 } };
#define TOTAL_SEC 1.5

static double sample_at(double t)
{
	for (int b = 0; b < 3; b++)
		if (t >= BURSTS[b][0] && t < BURSTS[b][1])
			return 0.5 * sin(2 * M_PI * 220 * t) * (0.6 + 0.4 * sin(2 * M_PI * 5 * t));
	return 0.0;
}

static void put32(unsigned char *p, uint32_t v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }
static void put16(unsigned char *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }

/* fmt 1 = 16-bit PCM mono at SR; fmt 3 = float stereo at 48000 with a "streamed" size */
static char *make_wav(int fmt, size_t *len)
{
	int rate = fmt == 1 ? SR : 48000, ch = fmt == 1 ? 1 : 2, bps = fmt == 1 ? 2 : 4;
	size_t n = (size_t)(TOTAL_SEC * rate), dl = n * (size_t)(ch * bps);
	unsigned char *w = calloc(1, 44 + dl);
	memcpy(w, "RIFF", 4); put32(w + 4, (uint32_t)(36 + dl)); memcpy(w + 8, "WAVE", 4);
	memcpy(w + 12, "fmt ", 4); put32(w + 16, 16); put16(w + 20, (uint16_t)fmt); put16(w + 22, (uint16_t)ch);
	put32(w + 24, (uint32_t)rate); put32(w + 28, (uint32_t)(rate * ch * bps)); put16(w + 32, (uint16_t)(ch * bps));
	put16(w + 34, (uint16_t)(bps * 8));
	memcpy(w + 36, "data", 4); put32(w + 40, fmt == 1 ? (uint32_t)dl : 0xFFFFFFFFu);
	for (size_t i = 0; i < n; i++) {
		double v = sample_at((double)i / rate);
		for (int k = 0; k < ch; k++) {
			unsigned char *p = w + 44 + (i * (size_t)ch + (size_t)k) * (size_t)bps;
			if (fmt == 1) put16(p, (uint16_t)(int16_t)lrint(v * 32767));
			else { float f = (float)v; memcpy(p, &f, 4); }
		}
	}
	*len = 44 + dl;
	return (char *)w;
}

static void h_speech(struct fake *f, int n, const char *m, const char *url, const json_t *req,
                     const char *raw, size_t rawn, struct fake_reply *r)
{
	const json_t *b = json_object_get(req, "body");
	const char *voice = json_string_value(json_object_get(b, "voice"));
	if (strcmp(url, "/v1/audio/speech")) { r->status = 404; r->body = xstrdup("{\"detail\":\"Not Found\"}"); return; }
	if (str_eq(voice, "zz_nobody")) {
		r->status = 400;
		r->body = xstrdup("{\"detail\":{\"error\":\"validation_error\",\"message\":\"Voice 'zz_nobody' not found\"}}");
		return;
	}
	r->ctype = "audio/wav";
	r->body = make_wav(f->ud ? 3 : 1, &r->len);
}

static void setup(struct ai_config *c, struct fake *f)
{
	ai_config_load(NULL, c);
	char *u = xasprintf("http://127.0.0.1:%d/v1", f->port);
	ai_config_set(c, "tts.url", u);
	free(u);
	ai_config_set(c, "tts.model", "kokoro");
	ai_config_set(c, "llm.retry_base", "0.01");
}

TEST(speech_1_request_decode_resample_timing)
{
	struct fake f;
	CHECK(fake_start(&f, h_speech, NULL) == 0);
	struct ai_config c;
	setup(&c, &f);
	struct line l = { .speaker = "Xia", .text = "You owe me" };
	json_t *voice = json_pack("{s:s, s:s, s:f}", "engine", "flite", "voice", "rms", "rate", 1.1);
	struct voice_clip clip;
	ai_ledger_reset();
	int rc = speech_api_synth(&c, voice, &l, "en", &clip);
	char msg[300];
	snprintf(msg, sizeof msg, "%s", err_msg());
	long tts_tokens = -1, tts_chars = 0;
	ai_ledger_get("tts", NULL, &tts_tokens, NULL, NULL);
	ai_ledger_get_more("tts", NULL, &tts_chars);
	ai_ledger_reset();
	const json_t *b = json_object_get(json_array_get(f.log, 0), "body");
	int sent_ok = str_eq(json_string_value(json_object_get(b, "model")), "kokoro") &&
	              str_eq(json_string_value(json_object_get(b, "input")), "You owe me") &&
	              str_eq(json_string_value(json_object_get(b, "voice")), "am_michael") &&   /* mapped from flite rms */
	              str_eq(json_string_value(json_object_get(b, "response_format")), "wav") &&
	              json_is_false(json_object_get(b, "stream")) &&
	              fabs(json_number_value(json_object_get(b, "speed")) - 1.1) < 1e-9;
	json_decref(voice);
	fake_stop(&f);
	ai_config_free(&c);
	CHECKF(rc == 0, "%s", msg);
	CHECK(sent_ok);
	CHECK_INT(tts_tokens, 0);          /* characters are counted as characters, not tokens */
	CHECK_INT(tts_chars, 10);
	/* 1.5 s at 48 kHz */
	CHECKF(labs((long)clip.n - 72000) < 200, "n=%zu", clip.n);
	/* the resampled tone keeps its level: peak ~0.5 * 32767 */
	int peak = 0;
	for (size_t i = 0; i < clip.n; i++) if (abs(clip.pcm[i]) > peak) peak = abs(clip.pcm[i]);
	int rest_ok = voice_viseme_at(&clip.t, 0.1) == 'X' && voice_viseme_at(&clip.t, 1.45) == 'X';
	int open_ok = voice_viseme_at(&clip.t, 0.35) != 'X' && voice_viseme_at(&clip.t, 0.75) != 'X' &&
	              voice_viseme_at(&clip.t, 1.15) != 'X';
	int gap_closed = voice_viseme_at(&clip.t, 0.55) == 'A';
	int words_ok = clip.t.n_words == 3 && str_eq(clip.t.words[0].word, "You") && str_eq(clip.t.words[2].word, "me") &&
	               fabs(clip.t.words[0].start - 0.20) < 0.03 && fabs(clip.t.words[2].end - 1.30) < 0.03 &&
	               clip.t.words[1].end - clip.t.words[1].start > clip.t.words[2].end - clip.t.words[2].start;
	double dur = clip.t.duration;
	voice_clip_free(&clip);
	CHECKF(peak > 14000 && peak < 18500, "peak %d", peak);
	CHECK(rest_ok);
	CHECK(open_ok);
	CHECK(gap_closed);
	CHECK(words_ok);
	CHECKF(fabs(dur - 1.5) < 0.01, "duration %.3f", dur);
}

TEST(speech_2_float_stereo_streamed_size)
{
	struct fake f;
	CHECK(fake_start(&f, h_speech, (void *)1) == 0);
	struct ai_config c;
	setup(&c, &f);
	struct line l = { .text = "你好世界" };
	json_t *voice = json_pack("{s:s}", "api_voice", "zf_xiaobei");
	struct voice_clip clip;
	int rc = speech_api_synth(&c, voice, &l, "zh", &clip);
	const json_t *b = json_object_get(json_array_get(f.log, 0), "body");
	int sent_ok = str_eq(json_string_value(json_object_get(b, "voice")), "zf_xiaobei");
	json_decref(voice);
	fake_stop(&f);
	ai_config_free(&c);
	CHECKF(rc == 0, "%s", err_msg());
	CHECK(sent_ok);
	size_t n = clip.n, nw = clip.t.n_words;
	int w_ok = nw == 4 && str_eq(clip.t.words[3].word, "界");
	voice_clip_free(&clip);
	CHECKF(labs((long)n - 72000) < 200, "n=%zu", n);
	CHECK(w_ok);
}

TEST(speech_3_refusals_name_the_voice)
{
	struct fake f;
	CHECK(fake_start(&f, h_speech, NULL) == 0);
	struct ai_config c;
	setup(&c, &f);
	ai_config_set(&c, "tts.voice", "zz_nobody");
	struct line l = { .text = "Hello" };
	struct voice_clip clip;
	int rc = speech_api_synth(&c, NULL, &l, "en", &clip);
	char msg[512];
	snprintf(msg, sizeof msg, "%s", err_msg());
	/* wrong path (URL without the server's API) */
	free(c.tts.url);
	c.tts.url = xasprintf("http://127.0.0.1:%d/api", f.port);
	int rc2 = speech_api_synth(&c, NULL, &l, "en", &clip);
	char msg2[512];
	snprintf(msg2, sizeof msg2, "%s", err_msg());
	fake_stop(&f);
	ai_config_free(&c);
	CHECK(rc < 0 && rc != ERR_NET);
	CHECKF(strstr(msg, "Voice 'zz_nobody' not found") && strstr(msg, "tts.voice"), "%s", msg);
	CHECK(clip.pcm == NULL);
	CHECK(rc2 < 0 && rc2 != ERR_NET);
	CHECKF(strstr(msg2, "404"), "%s", msg2);
}

TEST(speech_4_silence_gives_rest_and_no_words)
{
	int16_t silence[4800] = { 0 };
	struct voice_timing t;
	CHECK(speech_timing_from_audio(silence, 4800, 48000, "quiet", &t) == 0);
	int ok = t.n_words == 0 && t.n_vis >= 1 && t.vis[0].v == 'X' && fabs(t.duration - 0.1) < 1e-9;
	voice_timing_free(&t);
	CHECK(ok);
}

TEST(speech_5_doctor_tiny_request)
{
	struct fake f;
	CHECK(fake_start(&f, h_speech, NULL) == 0);
	char *xdg = xasprintf("%s/xdg", test_tmpdir()), *dir = xasprintf("%s/p", test_tmpdir());
	char *old_xdg = getenv("XDG_CONFIG_HOME") ? xstrdup(getenv("XDG_CONFIG_HOME")) : NULL;
	setenv("XDG_CONFIG_HOME", xdg, 1);
	mkdir_p(dir);
	char *pf = xasprintf("%s/drama.json", dir);
	char *js = xasprintf("{\"tts\": {\"url\": \"http://127.0.0.1:%d\", \"voice\": \"af_bella\"}}", f.port);
	file_write_atomic(pf, js, strlen(js));
	struct sbuf rep = { 0 };
	int rc = doctor_run(dir, &rep);
	if (old_xdg) setenv("XDG_CONFIG_HOME", old_xdg, 1); else unsetenv("XDG_CONFIG_HOME");
	fake_stop(&f);
	int ok = rc == 0 && strstr(rep.s, "tts      reachable      ok") && strstr(rep.s, "voice \"af_bella\": 1.50 s of audio");
	fprintf(stderr, "%s", rep.s);
	sb_free(&rep);
	free(old_xdg); free(xdg); free(dir); free(pf); free(js);
	CHECK(ok);
}

TEST(speech_6_cast_gives_distinct_voices)
{
	struct series *s = series_new();
	const char *g[] = { "female", "male", "female", "male", NULL };
	for (int i = 0; i < 5; i++) {
		struct character *c = series_add_character(s);
		c->name = xasprintf("C%d", i);
		c->gender = g[i] ? xstrdup(g[i]) : NULL;
	}
	s->chars[2].voice = json_pack("{s:s, s:s}", "engine", "flite", "api_voice", "af_heart");
	int rc = speech_api_cast(s, "en");
	const char *v[5];
	for (int i = 0; i < 5; i++) v[i] = json_string_value(json_object_get(s->chars[i].voice, "api_voice"));
	int distinct = 1;
	for (int i = 0; i < 5; i++)
		for (int k = 0; k < i; k++)
			if (!v[i] || !v[k] || !strcmp(v[i], v[k])) distinct = 0;
	int kept = str_eq(v[2], "af_heart") && str_eq(json_string_value(json_object_get(s->chars[2].voice, "engine")), "flite");
	int female = v[0] && v[0][1] == 'f', male = v[1] && v[1][1] == 'm';
	int narr = json_string_value(json_object_get(s->narrator_voice, "api_voice")) != NULL;
	rc |= speech_api_cast(s, "zh");    /* nothing left to cast: no change */
	int same = str_eq(json_string_value(json_object_get(s->chars[0].voice, "api_voice")), v[0]);
	series_free(s);
	CHECK(rc == 0);
	CHECK(distinct);
	CHECK(kept);
	CHECK(female && male);
	CHECK(narr);
	CHECK(same);
}

/* A project in the case's folder with an empty English series (*p, caller frees with
 * project_free; the series is p->s). */
static struct series *show_project(struct project **p)
{
	*p = NULL;
	char *dir = xasprintf("%s/show", test_tmpdir());
	project_open(dir, 1, p);
	free(dir);
	struct series *s = series_new();
	s->lang = xstrdup("en");
	if (*p) (*p)->s = s;
	return s;
}

TEST(speech_7_stage_voices_lines_into_the_cache)
{
	struct fake f;
	CHECK(fake_start(&f, h_speech, NULL) == 0);
	struct ai_config c;
	setup(&c, &f);
	struct project *p;
	struct series *s = show_project(&p);
	struct character *ch = series_add_character(s);
	ch->name = xstrdup("Xia"); ch->gender = xstrdup("female");
	struct location *lo = series_add_location(s);
	lo->name = xstrdup("Shop");
	struct episode *e = series_add_episode(s);
	e->number = 1;
	struct scene *sc = episode_add_scene(e);
	sc->location = xstrdup("Shop");
	for (int i = 0; i < 2; i++) {
		struct shot *sh = scene_add_shot(sc);
		sh->type = xstrdup("close_up");
		struct line *l = shot_set_line(sh);
		l->speaker = i ? NULL : xstrdup("Xia");
		l->text = xstrdup(i ? "Meanwhile, in the palace" : "You owe me a roof");
	}
	struct stage_opts o = { 0 };
	int rc = speech_api_stage(p, &o, &c);
	char msg[300];
	snprintf(msg, sizeof msg, "%s", err_msg());
	int n1 = f.count;
	const struct line *l0 = s->eps[0].scenes[0].shots[0].line;
	char *w = l0->audio ? project_path(p, l0->audio) : NULL;
	int16_t *pcm = NULL;
	size_t frames = 0;
	int rate = 0, chn = 0;
	int wr = w ? wav_read(w, &pcm, &frames, &rate, &chn) : -1;
	free(pcm);
	free(w);
	const char *v0 = json_string_value(json_object_get(json_object_get(json_array_get(f.log, 0), "body"), "voice"));
	const char *v1 = json_string_value(json_object_get(json_object_get(json_array_get(f.log, 1), "body"), "voice"));
	int voices_differ = v0 && v1 && strcmp(v0, v1) && v0[1] == 'f';
	int rc2 = speech_api_stage(p, &o, &c);          /* everything cached now */
	int n2 = f.count;
	double sec = l0->audio_sec;
	project_free(p);
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(rc == 0, "%s", msg);
	CHECK_INT(n1, 2);
	CHECK(wr == 0 && rate == 48000 && chn == 1 && frames > 70000);
	CHECK(voices_differ);
	CHECK(rc2 == 0);
	CHECK_INT(n2, 2);
	CHECKF(sec > 1.4 && sec < 1.6, "%.3f", sec);
}

/* two voiced phrases with a 0.3 s pause between them */
static void two_phrases(int16_t *pcm, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		double t = (double)i / 48000;
		int on = (t >= 0.2 && t < 0.8) || (t >= 1.1 && t < 1.6);
		pcm[i] = on ? (int16_t)(12000 * sin(2 * M_PI * 200 * t)) : 0;
	}
}

TEST(speech_8_words_snap_to_the_pause_at_punctuation)
{
	size_t n = 48000 * 2;
	int16_t *pcm = malloc(n * sizeof *pcm);
	two_phrases(pcm, n);
	struct voice_timing t, z;
	speech_timing_from_audio(pcm, n, 48000, "Hello there, my \"friend\"!", &t);
	speech_timing_from_audio(pcm, n, 48000, "你好，世界。", &z);
	free(pcm);
	int en = t.n_words == 4 && str_eq(t.words[1].word, "there") && str_eq(t.words[3].word, "friend") &&
	         fabs(t.words[1].end - 0.80) < 0.02 && fabs(t.words[2].start - 1.10) < 0.02 &&
	         fabs(t.words[0].start - 0.20) < 0.02 && fabs(t.words[3].end - 1.60) < 0.02;
	int zh = z.n_words == 4 && str_eq(z.words[1].word, "好") && str_eq(z.words[2].word, "世") &&
	         fabs(z.words[1].end - 0.80) < 0.02 && fabs(z.words[2].start - 1.10) < 0.02;
	char dbg[200];
	snprintf(dbg, sizeof dbg, "en %zu words, there ends %.2f, my starts %.2f", t.n_words,
	         t.n_words > 2 ? t.words[1].end : -1, t.n_words > 2 ? t.words[2].start : -1);
	voice_timing_free(&t);
	voice_timing_free(&z);
	CHECKF(en, "%s", dbg);
	CHECK(zh);
}

/* A joint cue ("XIA AND RUI") through the speech server: one request per speaker's
 * voice, the two clips mixed (the fake answers the same sound for both, so the mix is
 * that sound at sqrt(2) of its level); the cache key differs from the line spoken by
 * Xia alone. */
TEST(speech_9_joint_cue_asks_both_voices)
{
	struct fake f;
	CHECK(fake_start(&f, h_speech, NULL) == 0);
	struct ai_config c;
	setup(&c, &f);
	struct project *p;
	struct series *s = show_project(&p);
	const char *who[2][2] = { { "Xia", "female" }, { "Rui", "male" } };
	for (int i = 0; i < 2; i++) {
		struct character *ch = series_add_character(s);
		ch->name = xstrdup(who[i][0]); ch->gender = xstrdup(who[i][1]);
	}
	struct episode *e = series_add_episode(s);
	e->number = 1;
	struct scene *sc = episode_add_scene(e);
	struct line *l = shot_set_line(scene_add_shot(sc));
	l->speaker = xstrdup("Xia");
	l->with = xstrdup("Rui");
	l->text = xstrdup("Surprise!");
	struct stage_opts o = { 0 };
	int rc = speech_api_stage(p, &o, &c);
	int n1 = f.count;
	const char *v0 = json_string_value(json_object_get(json_object_get(json_array_get(f.log, 0), "body"), "voice"));
	const char *v1 = json_string_value(json_object_get(json_object_get(json_array_get(f.log, 1), "body"), "voice"));
	int two_voices = v0 && v1 && strcmp(v0, v1);
	char *w = l->audio ? project_path(p, l->audio) : NULL;
	int16_t *pcm = NULL;
	size_t frames = 0;
	int rate = 0, chn = 0, peak = 0;
	int wr = w ? wav_read(w, &pcm, &frames, &rate, &chn) : -1;
	for (size_t i = 0; i < frames; i++) if (abs(pcm[i]) > peak) peak = abs(pcm[i]);
	free(pcm);
	free(w);
	char *joint = xstrdup(l->audio ? l->audio : "");
	free(l->with);
	l->with = NULL;
	int rc2 = speech_api_stage(p, &o, &c);
	int n2 = f.count, other_key = l->audio && strcmp(joint, l->audio);
	free(joint);
	project_free(p);
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(rc == 0 && rc2 == 0, "%d %d", rc, rc2);
	CHECK_INT(n1, 2);
	CHECK(two_voices);
	CHECK(wr == 0 && rate == 48000);
	/* the fake's peak is 0.5 of full scale; two aligned copies at 1/sqrt(2) each: 0.707 */
	CHECKF(peak > 0.65 * 32767 && peak < 0.75 * 32767, "peak %d", peak);
	CHECK_INT(n2, 3);
	CHECK(other_key);
}

/* ---- 10: MP3, Opus and FLAC answers are decoded with libav (many servers only send
 * MP3). The fixtures are this file's WAV encoded by the ffmpeg tool at test time ---- */
struct coded { const char *data; size_t len; const char *ctype; };

static void h_coded(struct fake *f, int n, const char *m, const char *url, const json_t *req,
                    const char *raw, size_t rawn, struct fake_reply *r)
{
	const struct coded *cd = f->ud;
	r->ctype = cd->ctype;
	r->body = xmalloc(cd->len);
	memcpy(r->body, cd->data, cd->len);
	r->len = cd->len;
}

TEST(speech_10_mp3_opus_flac_answers)
{
	static const struct { const char *fmt, *ext, *args, *ctype; } F[] = {
		{ "mp3", "mp3", "-c:a libmp3lame -b:a 64k", "audio/mpeg" },
		{ "opus", "ogg", "-c:a libopus -b:a 48k", "audio/ogg" },
		{ "flac", "flac", "-c:a flac", "audio/flac" },
	};
	size_t wl = 0;
	char *w = make_wav(1, &wl);
	char *wp = path_join(test_tmpdir(), "line.wav");
	CHECK(file_write_atomic(wp, w, wl) == 0);
	free(w);
	for (size_t i = 0; i < ARRAY_LEN(F); i++) {
		char *op = xasprintf("%s/line.%s", test_tmpdir(), F[i].ext), *out = NULL;
		int st = shell_run(&out, "ffmpeg -v error -y -i '%s' %s '%s'", wp, F[i].args, op);
		CHECKF(st == 0, "ffmpeg could not make the %s fixture: %s", F[i].fmt, out);
		free(out);
		struct coded cd = { .ctype = F[i].ctype };
		char *data = NULL;
		CHECK(file_read_all(op, &data, &cd.len) == 0);
		cd.data = data;
		struct fake f;
		CHECK(fake_start(&f, h_coded, &cd) == 0);
		struct ai_config c;
		setup(&c, &f);
		ai_config_set(&c, "tts.format", F[i].fmt);
		struct line l = { .speaker = "Xia", .text = "You owe me" };
		struct voice_clip clip;
		int rc = speech_api_synth(&c, NULL, &l, "en", &clip);
		char msg[300];
		snprintf(msg, sizeof msg, "%s", err_msg());
		const json_t *b = json_object_get(json_array_get(f.log, 0), "body");
		int asked = str_eq(json_string_value(json_object_get(b, "response_format")), F[i].fmt);
		fake_stop(&f);
		ai_config_free(&c);
		free(data);
		free(op);
		CHECKF(rc == 0, "%s: %s", F[i].fmt, msg);
		CHECK(asked);
		/* the same 1.5 s (encoders pad a little), the same voiced bursts and pauses */
		double dur = clip.t.duration;
		int shape = voice_viseme_at(&clip.t, 0.1) == 'X' && voice_viseme_at(&clip.t, 0.35) != 'X' &&
		            voice_viseme_at(&clip.t, 0.75) != 'X' && voice_viseme_at(&clip.t, 1.45) == 'X';
		int words = clip.t.n_words == 3 && fabs(clip.t.words[0].start - 0.20) < 0.06 && fabs(clip.t.words[2].end - 1.30) < 0.06;
		voice_clip_free(&clip);
		CHECKF(dur > 1.45 && dur < 1.62, "%s: duration %.3f", F[i].fmt, dur);
		CHECKF(shape, "%s: visemes do not follow the bursts", F[i].fmt);
		CHECKF(words, "%s: word times off", F[i].fmt);
	}
	free(wp);
	/* an answer that is no audio at all says so */
	struct coded junk = { "<html>gateway error</html>", 26, "text/html" };
	struct fake f;
	CHECK(fake_start(&f, h_coded, &junk) == 0);
	struct ai_config c;
	setup(&c, &f);
	struct line l = { .speaker = "Xia", .text = "Hi" };
	struct voice_clip clip;
	int rc = speech_api_synth(&c, NULL, &l, "en", &clip);
	char msg[400];
	snprintf(msg, sizeof msg, "%s", err_msg());
	fake_stop(&f);
	ai_config_free(&c);
	CHECK(rc < 0 && rc != ERR_NET);
	CHECKF(strstr(msg, "not audio FFmpeg can read") && strstr(msg, "tts.format"), "%s", msg);
}

/* ---- 11: voice cloning: characters/NAME.voice.wav and its transcript go to the speech
 * server in the configured fields (base64 or a data: URI); a new reference re-voices ---- */
TEST(speech_11_reference_voice_in_configured_fields)
{
	struct fake f;
	CHECK(fake_start(&f, h_speech, NULL) == 0);
	struct ai_config c;
	setup(&c, &f);
	ai_config_set(&c, "tts.ref_audio_field", "ref_audio");
	ai_config_set(&c, "tts.ref_text_field", "ref_text");
	struct project *p;
	struct series *s = show_project(&p);
	static const char *const who[2] = { "Xia", "Rui" };
	for (int i = 0; i < 2; i++) {
		struct character *ch = series_add_character(s);
		ch->name = xstrdup(who[i]); ch->gender = xstrdup(i ? "male" : "female");
	}
	struct episode *e = series_add_episode(s);
	e->number = 1;
	struct scene *sc = episode_add_scene(e);
	sc->location = xstrdup("Shop");
	for (int i = 0; i < 2; i++) {
		struct line *l = shot_set_line(scene_add_shot(sc));
		l->speaker = xstrdup(who[i]);
		l->text = xstrdup(i ? "I am a prince" : "You owe me a roof");
	}
	/* Xia has a reference voice, Rui has none */
	size_t wl = 0;
	char *w = make_wav(1, &wl);
	char *ref = project_path(p, "characters/Xia.voice.wav"), *txt = project_path(p, "characters/Xia.voice.txt");
	char *cd = project_path(p, "characters");
	mkdir_p(cd);
	CHECK(file_write_atomic(ref, w, wl) == 0);
	CHECK(file_write_atomic(txt, "The quick brown fox.\n", 21) == 0);
	struct stage_opts o = { 0 };
	int rc = speech_api_stage(p, &o, &c);
	char msg[300];
	snprintf(msg, sizeof msg, "%s", err_msg());
	const json_t *b0 = json_object_get(json_array_get(f.log, 0), "body"), *b1 = json_object_get(json_array_get(f.log, 1), "body");
	const char *sent = json_string_value(json_object_get(b0, "ref_audio"));
	size_t dn = 0;
	unsigned char *dec = sent ? xmalloc(strlen(sent)) : NULL;
	int dl = dec ? av_base64_decode(dec, sent, (int)strlen(sent)) : -1;
	dn = dl > 0 ? (size_t)dl : 0;
	int same_bytes = dec && dn == wl && !memcmp(dec, w, wl);
	free(dec);
	int text_ok = str_eq(json_string_value(json_object_get(b0, "ref_text")), "The quick brown fox.");
	int rui_plain = json_object_get(b1, "ref_audio") == NULL && json_object_get(b1, "ref_text") == NULL;
	int n1 = f.count;
	/* a data: URI when the server wants one; a changed reference is a new cache entry */
	ai_config_set(&c, "tts.ref_audio_format", "data-uri");
	CHECK(file_write_atomic(txt, "Another sentence.", 17) == 0);
	int rc2 = speech_api_stage(p, &o, &c);
	int n2 = f.count;
	const char *uri = json_string_value(json_object_get(json_object_get(json_array_get(f.log, n2 - 1), "body"), "ref_audio"));
	int uri_ok = uri && !strncmp(uri, "data:audio/wav;base64,UklGR", 27);
	free(w); free(ref); free(txt); free(cd);
	project_free(p);
	ai_config_free(&c);
	fake_stop(&f);
	CHECKF(rc == 0, "%s", msg);
	CHECK(same_bytes);
	CHECK(text_ok);
	CHECK(rui_plain);
	CHECK_INT(n1, 2);
	CHECK(rc2 == 0);
	CHECK_INT(n2, 3);           /* only Xia's line again */
	CHECK(uri_ok);
}
