/* tests/test_voice.c — the focus of this file is the voice module: timing that covers
 * the audio (phonemes ordered and contiguous, visemes ordered, words present) for the
 * four flite voices and the Chinese espeak-ng voice, casting (distinct voices, kept
 * edits), emotion changing rate, pitch and level measurably, hanzi → pinyin, English
 * text normalisation, the stage's cache (a rerun synthesises nothing, one edit re-voices
 * one line) and bad input (emoji only, a 5,000-character line, no text). */
#include "test.h"
#include "core/util.h"
#include "core/model.h"
#include "core/wav.h"
#include "voice/voice.h"
#include "voice/voice_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Every check a timing must pass. Returns NULL or what is wrong (static). */
static const char *timing_problem(const struct voice_timing *t, size_t n_samples)
{
	static char why[200];
	double dur = (double)n_samples / VOICE_RATE;
	if (fabs(t->duration - dur) > 0.002) { snprintf(why, sizeof why, "duration %.4f vs audio %.4f", t->duration, dur); return why; }
	if (!t->n_ph) return "no phonemes";
	if (fabs(t->ph[0].start) > 1e-6) return "first phoneme does not start at 0";
	for (size_t i = 0; i < t->n_ph; i++) {
		if (t->ph[i].end < t->ph[i].start) { snprintf(why, sizeof why, "phoneme %zu ends before it starts", i); return why; }
		if (i && fabs(t->ph[i].start - t->ph[i - 1].end) > 1e-6) { snprintf(why, sizeof why, "gap before phoneme %zu", i); return why; }
	}
	if (fabs(t->ph[t->n_ph - 1].end - t->duration) > 0.002) { snprintf(why, sizeof why, "phonemes end at %.4f, audio at %.4f", t->ph[t->n_ph - 1].end, t->duration); return why; }
	if (!t->n_vis) return "no visemes";
	for (size_t i = 0; i < t->n_vis; i++) {
		if (!strchr("ABCDEFGHX", t->vis[i].v)) return "viseme outside A-H, X";
		if (t->vis[i].end < t->vis[i].start || (i && t->vis[i].start < t->vis[i - 1].end - 1e-6)) { snprintf(why, sizeof why, "viseme %zu out of order", i); return why; }
	}
	for (size_t i = 0; i < t->n_words; i++)
		if (t->words[i].start < 0 || t->words[i].end > t->duration + 1e-6 || t->words[i].end < t->words[i].start ||
		    (i && t->words[i].start < t->words[i - 1].start)) { snprintf(why, sizeof why, "word %zu (%s) out of range/order", i, t->words[i].word); return why; }
	return NULL;
}

static double rms_of(const int16_t *p, size_t n)
{
	double e = 0;
	for (size_t i = 0; i < n; i++) e += (double)p[i] * p[i];
	return n ? sqrt(e / n) : 0;
}

static int cmpd(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return x < y ? -1 : x > y; }

static size_t g_voiced;      /* voiced frames found by the last median_f0 */

/* Median F0 (Hz) of the voiced 40 ms frames, by normalised autocorrelation. */
static double median_f0(const int16_t *p, size_t n)
{
	const size_t win = VOICE_RATE / 25, hop = VOICE_RATE / 50;
	double peak = 0, *f = xmalloc((n / hop + 1) * sizeof *f);
	size_t nf = 0;
	for (size_t i = 0; i < n; i++) if (fabs((double)p[i]) > peak) peak = fabs((double)p[i]);
	for (size_t s = 0; s + win < n; s += hop) {
		if (rms_of(p + s, win) < 0.1 * peak) continue;
		double best = 0; int bl = 0;
		for (int l = VOICE_RATE / 400; l <= VOICE_RATE / 60; l += 2) {
			double c = 0, e1 = 0, e2 = 0;
			for (size_t i = 0; i + (size_t)l < win; i += 2) { c += (double)p[s + i] * p[s + i + l]; e1 += (double)p[s + i] * p[s + i]; e2 += (double)p[s + i + l] * p[s + i + l]; }
			c /= sqrt(e1 * e2) + 1e-9;
			if (c > best) { best = c; bl = l; }
		}
		if (best > 0.6) f[nf++] = (double)VOICE_RATE / bl;
	}
	qsort(f, nf, sizeof *f, cmpd);
	g_voiced = nf;
	double m = nf ? f[nf / 2] : 0;
	free(f);
	return m;
}

static json_t *voice_obj(const char *engine, const char *name, double pitch)
{
	return json_pack("{s:s,s:s,s:f,s:f,s:f}", "engine", engine, "voice", name, "pitch", pitch, "rate", 1.0, "gain", 1.0);
}

/* voice-1.x: each flite voice gives audio whose timing covers it */
TEST(voice_timing_flite_voices)
{
	static const char *const V[] = { "slt", "rms", "awb", "kal16" };
	for (size_t i = 0; i < ARRAY_LEN(V); i++) {
		json_t *v = voice_obj("flite", V[i], 1.0);
		struct line l = { .text = "Bring me tea, Xia." };
		struct voice_clip c;
		int rc = voice_synth(v, &l, "en", &c);
		json_decref(v);
		CHECKF(rc == 0, "%s: %s", V[i], err_msg());
		const char *why = timing_problem(&c.t, c.n);
		int words = (int)c.t.n_words, has_a = 0;
		for (size_t k = 0; k < c.t.n_vis; k++) if (c.t.vis[k].v == 'A') has_a = 1;   /* b, m */
		int ok_w = words == 4 && !strcmp(c.t.words[0].word, "Bring") && !strcmp(c.t.words[3].word, "Xia");
		double r = rms_of(c.pcm, c.n), d = c.t.duration;
		voice_clip_free(&c);
		CHECKF(!why, "%s: %s", V[i], why);
		CHECKF(ok_w, "%s: %d words, expected Bring me tea Xia (as written)", V[i], words);
		CHECKF(has_a, "%s: no closed-mouth viseme for b/m", V[i]);
		CHECKF(r > 300, "%s: audio nearly silent (rms %.0f)", V[i], r);
		CHECKF(d > 0.6 && d < 3.0, "%s: %.2f s for four words", V[i], d);
	}
}

/* voice-1.5: Chinese through pinyin; the words are the hanzi */
TEST(voice_timing_chinese)
{
	json_t *v = voice_obj("espeak", "cmn-latn-pinyin+f2", 1.0);
	struct line l = { .text = "你好，世界！" };
	struct voice_clip c;
	int rc = voice_synth(v, &l, "zh", &c);
	json_decref(v);
	CHECKF(rc == 0, "%s", err_msg());
	const char *why = timing_problem(&c.t, c.n);
	int ok = c.t.n_words == 4 && !strcmp(c.t.words[0].word, "你") && !strcmp(c.t.words[3].word, "界");
	double r = rms_of(c.pcm, c.n);
	size_t nw = c.t.n_words;
	voice_clip_free(&c);
	CHECKF(!why, "%s", why);
	CHECKF(ok, "%zu words, expected 你 好 世 界", nw);
	CHECK(r > 300);
}

/* voice-2.1: casting gives every character a different voice and pitch pair */
TEST(voice_cast_distinct)
{
	struct series *s = series_new();
	s->lang = xstrdup("en");
	static const struct { const char *name, *gender, *role; int age; } C[] = {
		{ "Xia", "female", "shop owner", 24 }, { "Rui", "male", "prince", 22 }, { "Bao", "male", "landlord", 55 },
		{ "Gao", NULL, "madam", 60 }, { "Lin", "female", "friend", 23 }, { "Tao", "male", "servant", 30 },
		{ "Mei", "female", "cousin", 10 }, { "Kang", "male", "guard", 35 }, { "Old Wu", "male", "monk", 80 },
	};
	for (size_t i = 0; i < ARRAY_LEN(C); i++) {
		struct character *c = series_add_character(s);
		c->name = xstrdup(C[i].name); c->gender = xstrdup(C[i].gender); c->role = xstrdup(C[i].role); c->age = C[i].age;
	}
	s->chars[4].voice = voice_obj("flite", "slt", 1.0);    /* a user's edit: kept, and reserved */
	int rc = voice_cast(s);
	CHECKF(rc == 0, "%s", err_msg());
	CHECK(s->narrator_voice != NULL);
	char keys[16][64];
	size_t n = 0;
	for (size_t i = 0; i <= s->n_chars; i++) {
		const json_t *v = i < s->n_chars ? s->chars[i].voice : s->narrator_voice;
		CHECK(v != NULL);
		snprintf(keys[n], 64, "%s/%.2f", json_string_value(json_object_get(v, "voice")), json_number_value(json_object_get(v, "pitch")));
		for (size_t k = 0; k < n; k++) CHECKF(strcmp(keys[k], keys[n]), "%s and %s share %s", k < s->n_chars ? s->chars[k].name : "narrator", i < s->n_chars ? s->chars[i].name : "narrator", keys[n]);
		n++;
	}
	CHECK_STR(json_string_value(json_object_get(s->chars[4].voice, "voice")), "slt");
	CHECK(json_number_value(json_object_get(s->chars[4].voice, "pitch")) == 1.0);
	CHECK_STR(json_string_value(json_object_get(s->chars[0].voice, "voice")), "slt");   /* female */
	CHECK_STR(json_string_value(json_object_get(s->chars[3].voice, "voice")), "slt");   /* madam: female by role */
	CHECK(strcmp(json_string_value(json_object_get(s->chars[1].voice, "voice")), "slt")); /* male */
	CHECK(json_number_value(json_object_get(s->chars[6].voice, "pitch")) > 1.2);          /* a child is higher */
	/* recasting keeps every voice */
	char *before = json_dumps(s->chars[1].voice, JSON_SORT_KEYS);
	CHECK(voice_cast(s) == 0);
	char *after = json_dumps(s->chars[1].voice, JSON_SORT_KEYS);
	int same = !strcmp(before, after);
	free(before); free(after);
	series_free(s);
	CHECK(same);
}

/* voice-2.2: a Chinese series is cast with espeak voices, all distinct */
TEST(voice_cast_chinese)
{
	struct series *s = series_new();
	s->lang = xstrdup("zh");
	for (int i = 0; i < 6; i++) {
		struct character *c = series_add_character(s);
		c->name = xasprintf("C%d", i);
		c->gender = xstrdup(i % 2 ? "male" : "female");
	}
	CHECK(voice_cast(s) == 0);
	for (size_t i = 0; i < s->n_chars; i++) {
		CHECK_STR(json_string_value(json_object_get(s->chars[i].voice, "engine")), "espeak");
		for (size_t k = 0; k < i; k++)
			CHECK(!json_equal(s->chars[i].voice, s->chars[k].voice));
	}
	series_free(s);
}

struct measure { double dur, f0, rms; };

static int speak(const char *voice, const char *emotion, struct measure *m)
{
	json_t *v = voice_obj(!strncmp(voice, "cmn", 3) ? "espeak" : "flite", voice, 1.0);
	struct line l = { .text = !strncmp(voice, "cmn", 3) ? "今天的雨一直下个不停，我们回家吧。" : "The rain had not stopped for three days when the stranger walked in.", .emotion = (char *)emotion };
	struct voice_clip c;
	int rc = voice_synth(v, &l, !strncmp(voice, "cmn", 3) ? "zh" : "en", &c);
	json_decref(v);
	if (rc < 0) return rc;
	m->dur = c.t.duration; m->f0 = median_f0(c.pcm, c.n); m->rms = rms_of(c.pcm, c.n);
	voice_clip_free(&c);
	return 0;
}

/* voice-3.1: angry is faster, higher and louder than sad, for every engine voice */
TEST(voice_emotion_delivery)
{
	static const char *const V[] = { "slt", "rms", "awb", "kal16", "cmn-latn-pinyin+m3" };
	for (size_t i = 0; i < ARRAY_LEN(V); i++) {
		struct measure n, a, s, w;
		CHECKF(speak(V[i], NULL, &n) == 0 && speak(V[i], "angry", &a) == 0 && speak(V[i], "sad", &s) == 0 && speak(V[i], "whisper", &w) == 0, "%s: %s", V[i], err_msg());
		CHECKF(a.dur < n.dur * 0.95 && s.dur > n.dur * 1.08, "%s: durations angry %.2f neutral %.2f sad %.2f", V[i], a.dur, n.dur, s.dur);
		/* rms moves its pitch only with its formants (a replay), which costs clarity: its
		 * emotions keep its pitch (test voice_rms_keeps_formants) */
		if (strcmp(V[i], "rms"))
			CHECKF(a.f0 > n.f0 * 1.03 && s.f0 < n.f0 * 0.97, "%s: F0 angry %.0f neutral %.0f sad %.0f", V[i], a.f0, n.f0, s.f0);
		/* louder up to the soft knee, never into it (voice_loud_delivery_not_saturated):
		 * a line already near full scale is only a little louder angry */
		CHECKF(a.rms > n.rms * 1.03 && s.rms < n.rms * 0.9 && w.rms < n.rms * 0.6, "%s: level angry %.0f neutral %.0f sad %.0f whisper %.0f", V[i], a.rms, n.rms, s.rms, w.rms);
	}
}

/* voice-4.x: hanzi → pinyin, polyphones by phrase, numbers as Chinese numbers */
TEST(voice_pinyin_table)
{
	static const struct { const char *in, *out; } T[] = {
		{ "你好", "ni3 hao3" },
		{ "银行", "yin2 hang2" },
		{ "行走", "xing2 zou3" },
		{ "长大", "zhang3 da4" },
		{ "很长", "hen3 chang2" },
		{ "重新开始", "chong2 xin1 kai1 shi3" },
		{ "我睡觉了", "wo3 shui4 jiao4 le5" },
		{ "还钱！", "huan2 qian2!" },
		{ "我还是", "wo3 hai2 shi4" },
		{ "十块钱", "shi2 kuai4 qian2" },
		{ "10块钱", "shi2 kuai4 qian2" },
		{ "¥35", "san1 shi2 wu3 yuan2" },
		{ "1005", "yi1 qian1 ling2 wu3" },
		{ "20000", "er4 wan4" },
		{ "3.5", "san1 dian3 wu3" },
		{ "50%", "bai3 fen1 zhi1 wu3 shi2" },
		{ "2024年", "er4 ling2 er4 si4 nian2" },
		{ "不对", "bu2 dui4" },
		{ "一起", "yi4 qi3" },
		{ "一个", "yi2 ge4" },
		{ "第一名", "di4 yi1 ming2" },
		{ "你好（叹气）。", "ni3 hao3." },
		{ "绿", "lv4" },
		{ "行长", "hang2 zhang3" },          /* from libpinyin-data, not our table */
		{ "弹琴", "tan2 qin2" },
		{ "音乐让人快乐", "yin1 yue4 rang4 ren2 kuai4 le4" },
		{ "😀", "" },
	};
	for (size_t i = 0; i < ARRAY_LEN(T); i++) {
		char *out = NULL;
		CHECKF(vpinyin_convert(T[i].in, &out, NULL, NULL) == 0, "%s: %s", T[i].in, err_msg());
		int ok = !strcmp(out, T[i].out);
		CHECKF(ok, "%s -> \"%s\", expected \"%s\"", T[i].in, out, T[i].out);
		free(out);
	}
}

/* voice-4.2: third-tone sandhi as spoken, not across pauses */
TEST(voice_pinyin_spoken)
{
	static const struct { const char *in, *out; } T[] = {
		{ "ni3 hao3", "ni2 hao3" },
		{ "wo3 hen3 hao3.", "wo2 hen2 hao3." },
		{ "hao3, hao3", "hao3, hao3" },
		{ "ni3 shi4 shui2?", "ni3 shi4 shui2?" },
	};
	for (size_t i = 0; i < ARRAY_LEN(T); i++) {
		char *s = xstrdup(T[i].in);
		vpinyin_spoken(s);
		int ok = !strcmp(s, T[i].out);
		CHECKF(ok, "%s -> %s, expected %s", T[i].in, s, T[i].out);
		free(s);
	}
}

/* voice-5.x: English text as spoken */
TEST(voice_normalize_table)
{
	static const struct { const char *in, *out; } T[] = {
		{ "Ten yuan, please.", "Ten yuan, please." },
		{ "It costs $5.", "It costs five dollars." },
		{ "$5.50 each", "five dollars fifty cents each" },
		{ "¥10 or 10 yuan", "ten yuan or ten yuan" },
		{ "\xE2\x82\xAC" "1", "one euro" },
		{ "50% off!", "fifty percent off!" },
		{ "Meet at 3:30 pm.", "Meet at three thirty P M." },
		{ "At 7:05, at 9:00.", "At seven oh five, at nine o'clock." },
		{ "Come at 10am or 4pm.", "Come at ten A M or four P M." },
		{ "the 21st day", "the twenty first day" },
		{ "her 2nd and 3rd try", "her second and third try" },
		{ "In 1999 and 2005 and 2024.", "In nineteen ninety nine and two thousand five and twenty twenty four." },
		{ "the 1990s", "the nineteen nineties" },
		{ "1,250 coins", "one thousand two hundred fifty coins" },
		{ "3.14", "three point one four" },
		{ "Mr. Bao and Mrs. Gao met Dr. Li.", "Mister Bao and Missus Gao met Doctor Li." },
		{ "Ninth St. at St. Mary's", "Ninth Street at Saint Mary's" },
		{ "I *really* mean it", "I really mean it" },
		{ "(sighs) Fine. [door slams]", "Fine." },
		{ "Go \xF0\x9F\x98\x80 now \xE2\x9D\xA4!", "Go now!" },
		{ "STOP right there", "stop right there" },
		{ "Tea \xE2\x80\x94 hot tea\xE2\x80\xA6", "Tea, hot tea..." },
		{ "\xF0\x9F\x98\x80\xF0\x9F\x8E\x89", "" },
	};
	for (size_t i = 0; i < ARRAY_LEN(T); i++) {
		char *out = vnorm_en(T[i].in);
		int ok = !strcmp(out, T[i].out);
		CHECKF(ok, "\"%s\" -> \"%s\", expected \"%s\"", T[i].in, out, T[i].out);
		free(out);
	}
}

/* voice-6.1: timing JSON round trip and viseme lookup */
TEST(voice_timing_save_load)
{
	struct voice_timing t = { 0 };
	vtiming_add_phone(&t, 0.0, 0.1, "pau");
	vtiming_add_phone(&t, 0.1, 0.2, "m");
	vtiming_add_phone(&t, 0.2, 0.35, "aa");
	vtiming_add_phone(&t, 0.35, 0.5, "pau");
	vtiming_add_word(&t, 0.1, 0.35, "ma");
	t.duration = 0.5;
	vviseme_build(&t, 0);
	char *path = path_join(test_tmpdir(), "t.json");
	CHECK(voice_timing_save(&t, path) == 0);
	struct voice_timing u;
	CHECKF(voice_timing_load(path, &u) == 0, "%s", err_msg());
	CHECK(u.n_ph == 4 && u.n_vis == 4 && u.n_words == 1);
	CHECK_STR(u.words[0].word, "ma");
	CHECK(voice_viseme_at(&u, 0.05) == 'X');
	CHECK(voice_viseme_at(&u, 0.15) == 'A');
	CHECK(voice_viseme_at(&u, 0.25) == 'D');
	CHECK(voice_viseme_at(&u, 0.45) == 'X');
	CHECK(voice_viseme_at(&u, 7.0) == 'X');
	CHECK(voice_viseme_at(&u, -1.0) == 'X');
	voice_timing_free(&u);
	voice_timing_free(&t);
	/* a broken file is an error that names the file */
	file_write_atomic(path, "{\"phonemes\":[]}", 15);
	CHECK(voice_timing_load(path, &u) < 0);
	CHECK(strstr(err_msg(), "t.json") != NULL);
	free(path);
}

static struct project *small_project(void)
{
	struct project *p = NULL;
	if (project_open(test_tmpdir(), 1, &p) < 0) return NULL;
	struct series *s = p->s ? p->s : (p->s = series_new());
	s->lang = xstrdup("en");
	struct character *c = series_add_character(s);
	c->name = xstrdup("Xia"); c->gender = xstrdup("female");
	c = series_add_character(s);
	c->name = xstrdup("Rui"); c->gender = xstrdup("male");
	struct episode *e = series_add_episode(s);
	e->number = 1;
	struct scene *sc = episode_add_scene(e);
	static const char *const L[][3] = { { "Xia", "We're closing.", NULL }, { "Rui", "Bring me tea.", "angry" }, { NULL, "The rain did not stop.", NULL } };
	for (size_t i = 0; i < 3; i++) {
		struct line *l = shot_set_line(scene_add_shot(sc));
		l->speaker = xstrdup(L[i][0]); l->text = xstrdup(L[i][1]); l->emotion = xstrdup(L[i][2]);
	}
	return p;
}

/* voice-7.1: the stage fills audio paths, reuses the cache, and re-voices one edit */
TEST(voice_stage_cache)
{
	struct project *p = small_project();
	CHECK(p != NULL);
	struct stage_opts o = { 0 };
	size_t syn, re;
	CHECKF(voice_stage(p, &o) == 0, "%s", err_msg());
	voice_stage_stats(&syn, &re);
	CHECK_INT(syn, 3); CHECK_INT(re, 0);
	struct scene *sc = &p->s->eps[0].scenes[0];
	for (size_t i = 0; i < 3; i++) {
		struct line *l = sc->shots[i].line;
		CHECK(l->audio && !strncmp(l->audio, "cache/voice/", 12) && str_has_suffix(l->audio, ".wav"));
		char *w = project_path(p, l->audio);
		int16_t *pcm; size_t n; int rate, ch;
		int rc = wav_read(w, &pcm, &n, &rate, &ch);
		free(w);
		CHECK(rc == 0);
		free(pcm);
		CHECK(rate == VOICE_RATE && ch == 1);
		CHECK(fabs(l->audio_sec - (double)n / VOICE_RATE) < 1e-6 && l->audio_sec > 0.4);
		char *js = xasprintf("%.*s.json", (int)strlen(l->audio) - 4, l->audio);
		char *jp = project_path(p, js);
		struct voice_timing t;
		rc = voice_timing_load(jp, &t);
		free(js); free(jp);
		CHECK(rc == 0);
		const char *why = timing_problem(&t, n);
		voice_timing_free(&t);
		CHECKF(!why, "line %zu: %s", i, why);
	}
	CHECK(strcmp(sc->shots[0].line->audio, sc->shots[1].line->audio));
	/* second run: nothing synthesised */
	char *first = xstrdup(sc->shots[2].line->audio);
	CHECK(voice_stage(p, &o) == 0);
	voice_stage_stats(&syn, &re);
	CHECK_INT(syn, 0); CHECK_INT(re, 3);
	/* one edit: one line re-voiced, the others reused */
	free(sc->shots[2].line->text);
	sc->shots[2].line->text = xstrdup("The rain stopped at last.");
	CHECK(voice_stage(p, &o) == 0);
	voice_stage_stats(&syn, &re);
	CHECK_INT(syn, 1); CHECK_INT(re, 2);
	CHECK(strcmp(first, sc->shots[2].line->audio));
	free(first);
	/* a missing episode is a clear error */
	o.episode = 7;
	CHECK(voice_stage(p, &o) < 0);
	CHECK(strstr(err_msg(), "episode 7") != NULL);
	project_free(p);
}

/* voice-8.x: bad input never crashes */
TEST(voice_bad_input)
{
	json_t *v = voice_obj("flite", "slt", 1.0);
	struct voice_clip c;
	/* emoji only: a short silence, no error */
	struct line e = { .text = "\xF0\x9F\x98\x80\xF0\x9F\x98\xA2 \xE2\x9D\xA4" };
	CHECK(voice_synth(v, &e, "en", &c) == 0);
	CHECK(c.n > 0 && c.n < VOICE_RATE && rms_of(c.pcm, c.n) == 0);
	CHECK(!timing_problem(&c.t, c.n));
	voice_clip_free(&c);
	/* no text: an error */
	struct line none = { 0 };
	CHECK(voice_synth(v, &none, "en", &c) < 0);
	CHECK(strstr(err_msg(), "no text") != NULL);
	/* an unknown engine or voice: an error that says what to use */
	json_t *bad = json_pack("{s:s}", "engine", "sapi");
	struct line ok = { .text = "Hello." };
	CHECK(voice_synth(bad, &ok, "en", &c) < 0);
	CHECK(strstr(err_msg(), "flite") != NULL);
	json_decref(bad);
	bad = voice_obj("flite", "hal9000", 1.0);
	CHECK(voice_synth(bad, &ok, "en", &c) < 0);
	CHECK(strstr(err_msg(), "slt") != NULL);
	json_decref(bad);
	/* a 5,000-character line (a long stage direction, then 250 words): spoken in
	 * pieces, timing still covers it */
	struct sbuf b = { 0 };
	sb_add(&b, "(");
	while (b.len < 3999) sb_add(&b, "x");
	sb_add(&b, ")");
	while (b.len < 5000) sb_add(&b, "No! ");
	struct line lng = { .text = b.s };
	double t0 = now_sec();
	int rc = voice_synth(v, &lng, "en", &c);
	double took = now_sec() - t0;
	sb_free(&b);
	CHECKF(rc == 0, "%s", err_msg());
	const char *why = timing_problem(&c.t, c.n);
	size_t words = c.t.n_words;
	double dur = c.t.duration;
	voice_clip_free(&c);
	CHECKF(!why, "%s", why);
	CHECKF(words == 250, "%zu words", words);
	CHECKF(dur > 40, "%.1f s for 250 words", dur);
	CHECKF(took < 30, "took %.1f s", took);
	json_decref(v);
	/* Chinese: a 5,000-character line of hanzi and symbols */
	v = voice_obj("espeak", "cmn-latn-pinyin", 1.0);
	struct sbuf z = { 0 };
	for (int i = 0; i < 1667; i++) sb_add(&z, "好😀。");
	struct line lz = { .text = z.s };
	t0 = now_sec();
	rc = voice_synth(v, &lz, "zh", &c);
	took = now_sec() - t0;
	sb_free(&z);
	CHECKF(rc == 0, "%s", err_msg());
	why = timing_problem(&c.t, c.n);
	words = c.t.n_words;
	voice_clip_free(&c);
	json_decref(v);
	CHECKF(!why, "%s", why);
	CHECKF(words == 1667, "%zu syllables, expected 1667", words);
	CHECKF(took < 30, "took %.1f s", took);
}

/* voice-3.4: a Chinese whisper is unvoiced (espeak-ng's whisper variant) */
TEST(voice_whisper_chinese)
{
	json_t *v = voice_obj("espeak", "cmn-latn-pinyin+f2", 1.0);
	struct line l = { .text = "你真的回来了吗", .emotion = "whisper" }, n = { .text = "你真的回来了吗" };
	struct voice_clip a, b;
	CHECK(voice_synth(v, &l, "zh", &a) == 0);
	CHECK(voice_synth(v, &n, "zh", &b) == 0);
	double fa = median_f0(a.pcm, a.n), fb = median_f0(b.pcm, b.n);
	voice_clip_free(&a); voice_clip_free(&b);
	json_decref(v);
	CHECKF(fb > 100 && fa == 0, "F0 whisper %.0f, normal %.0f", fa, fb);
}

/* voice-3.5: an English whisper (flite re-excited with noise) has almost no voiced
 * frames, keeps the words' timing, and is softer */
TEST(voice_whisper_english)
{
	json_t *v = voice_obj("flite", "slt", 1.0);
	struct line l = { .text = "The rain had not stopped for three days.", .emotion = "whisper" }, n = { .text = l.text };
	struct voice_clip a, b;
	CHECK(voice_synth(v, &l, "en", &a) == 0);
	CHECK(voice_synth(v, &n, "en", &b) == 0);
	median_f0(a.pcm, a.n);
	size_t va = g_voiced;
	median_f0(b.pcm, b.n);
	size_t vb = g_voiced;
	double ra = rms_of(a.pcm, a.n), rb = rms_of(b.pcm, b.n);
	const char *why = timing_problem(&a.t, a.n);
	size_t wa = a.t.n_words;
	voice_clip_free(&a); voice_clip_free(&b);
	json_decref(v);
	CHECKF(!why, "%s", why);
	CHECK(wa == 8);
	CHECKF(vb > 50 && va * 10 < vb, "voiced frames: whisper %zu, normal %zu", va, vb);
	CHECKF(ra < rb * 0.5 && ra > rb * 0.1, "level whisper %.0f normal %.0f", ra, rb);
}

/* voice-3.2: timbre (formant scale) keeps the duration and the asked pitch (rms:
 * the pitch moves with it) */
TEST(voice_timbre)
{
	static const char *const V[] = { "slt", "rms", "awb" };
	for (size_t i = 0; i < ARRAY_LEN(V); i++) {
		struct measure m[2];
		for (int k = 0; k < 2; k++) {
			json_t *v = json_pack("{s:s,s:s,s:f,s:f}", "engine", "flite", "voice", V[i], "pitch", 1.1, "timbre", k ? 1.1 : 1.0);
			struct line l = { .text = "The rain had not stopped for three days when the stranger walked in." };
			struct voice_clip c;
			int rc = voice_synth(v, &l, "en", &c);
			json_decref(v);
			CHECKF(rc == 0, "%s", err_msg());
			CHECK(!timing_problem(&c.t, c.n));
			m[k].dur = c.t.duration; m[k].f0 = median_f0(c.pcm, c.n);
			voice_clip_free(&c);
		}
		CHECKF(fabs(m[1].dur / m[0].dur - 1) < 0.03, "%s: duration %.2f vs %.2f", V[i], m[1].dur, m[0].dur);
		/* rms has no F0 control: its pitch moves with the timbre */
		double want = strcmp(V[i], "rms") ? 1.0 : 1.1;
		CHECKF(fabs(m[1].f0 / m[0].f0 - want) < 0.06, "%s: F0 %.0f vs %.0f", V[i], m[1].f0, m[0].f0);
	}
}

/* voice-2.3: a character without a gender is cast by the pronouns around the name */
TEST(voice_cast_guess_gender)
{
	struct series *s = series_new();
	s->lang = xstrdup("en");
	struct character *c = series_add_character(s);
	c->name = xstrdup("Xia");
	c = series_add_character(s);
	c->name = xstrdup("Rui");
	struct episode *e = series_add_episode(s);
	struct scene *sc = episode_add_scene(e);
	struct shot *sh = scene_add_shot(sc);
	sh->action = xstrdup("Xia looks up from her register; she frowns.");
	sh = scene_add_shot(sc);
	sh->action = xstrdup("Rui shakes the rain from his sleeves.");
	CHECK(voice_cast(s) == 0);
	CHECK_STR(json_string_value(json_object_get(s->chars[0].voice, "voice")), "slt");
	CHECK(strcmp(json_string_value(json_object_get(s->chars[1].voice, "voice")), "slt"));
	series_free(s);
}

/* voice-6.2: the viseme table of DESIGN.md section 6, for ARPAbet and espeak names */
TEST(voice_viseme_table)
{
	static const struct { const char *ph; int espeak; char v; } T[] = {
		{ "p", 0, 'A' }, { "b", 0, 'A' }, { "m", 0, 'A' }, { "k", 0, 'B' }, { "s", 0, 'B' }, { "t", 0, 'B' },
		{ "iy", 0, 'B' }, { "eh", 0, 'C' }, { "ae", 0, 'C' }, { "aa", 0, 'D' }, { "ao", 0, 'E' }, { "er", 0, 'E' },
		{ "uw", 0, 'F' }, { "ow", 0, 'F' }, { "w", 0, 'F' }, { "f", 0, 'G' }, { "v", 0, 'G' }, { "l", 0, 'H' },
		{ "pau", 0, 'X' }, { "", 0, 'X' },
		{ "p", 1, 'A' }, { "m", 1, 'A' }, { "f", 1, 'G' }, { "l", 1, 'H' }, { "a", 1, 'D' }, { "Au", 1, 'D' },
		{ "iA", 1, 'D' }, { "iE", 1, 'C' }, { "o-", 1, 'C' }, { "uei", 1, 'C' }, { "u", 1, 'F' }, { "y", 1, 'F' },
		{ "ts.h", 1, 'B' }, { "i", 1, 'B' }, { "_|", 1, 'X' }, { "_:", 1, 'X' },
	};
	for (size_t i = 0; i < ARRAY_LEN(T); i++) {
		char v = vviseme_of(T[i].ph, T[i].espeak);
		CHECKF(v == T[i].v, "%s (%s) -> %c, expected %c", T[i].ph, T[i].espeak ? "espeak" : "arpabet", v, T[i].v);
	}
}

/* voice-3.3: surprise rises: the last word's pitch over the first part's grows */
TEST(voice_surprised_rises)
{
	static const char *const V[] = { "slt", "kal16", "cmn-latn-pinyin" };
	for (size_t i = 0; i < ARRAY_LEN(V); i++) {
		double ratio[2];
		int zh = !strncmp(V[i], "cmn", 3);
		for (int k = 0; k < 2; k++) {
			json_t *v = voice_obj(zh ? "espeak" : "flite", V[i], 1.0);
			struct line l = { .text = zh ? "你真的回来了吗" : "You really came back to the shop today?", .emotion = k ? "surprised" : NULL };
			struct voice_clip c;
			int rc = voice_synth(v, &l, zh ? "zh" : "en", &c);
			json_decref(v);
			CHECKF(rc == 0, "%s", err_msg());
			const char *why = timing_problem(&c.t, c.n);
			size_t tail = c.n - (size_t)(0.3 * VOICE_RATE);     /* the rise covers >= 0.35 s */
			ratio[k] = median_f0(c.pcm + tail, c.n - tail) / median_f0(c.pcm, tail);
			voice_clip_free(&c);
			CHECKF(!why, "%s: %s", V[i], why);
		}
		CHECKF(ratio[1] > ratio[0] * 1.06, "%s: end/start pitch %.2f surprised vs %.2f neutral", V[i], ratio[1], ratio[0]);
	}
}

/* voice-8.2: a broken voice edit stops the stage with the line's field path */
TEST(voice_stage_bad_voice)
{
	struct project *p = small_project();
	CHECK(p != NULL);
	p->s->chars[1].voice = json_pack("{s:s,s:s,s:f}", "engine", "flite", "voice", "slt", "pitch", -2.0);
	struct stage_opts o = { 0 };
	int rc = voice_stage(p, &o);
	char *msg = xstrdup(err_msg());
	project_free(p);
	CHECK(rc < 0);
	CHECKF(strstr(msg, "episodes[0].scenes[0].shots[1].line (Rui") && strstr(msg, "pitch"), "%s", msg);
	free(msg);
}

/* voice-1.6: the text picks the language; digits alone follow the project */
TEST(voice_language_by_text)
{
	static const struct { const char *text, *lang, *first_word; } T[] = {
		{ "100!", "zh", "一" }, { "100!", "en", "one" }, { "Hello.", "zh", "Hello" }, { "你好", "en", "你" },
	};
	for (size_t i = 0; i < ARRAY_LEN(T); i++) {
		struct line l = { .text = (char *)T[i].text };
		struct voice_clip c;
		CHECKF(voice_synth(NULL, &l, T[i].lang, &c) == 0, "%s", err_msg());
		int ok = c.t.n_words && !strcmp(c.t.words[0].word, T[i].first_word);
		const char *w = c.t.n_words ? c.t.words[0].word : "(none)";
		char got[32];
		snprintf(got, sizeof got, "%s", w);
		voice_clip_free(&c);
		CHECKF(ok, "\"%s\" in a %s project: first word \"%s\", expected \"%s\"", T[i].text, T[i].lang, got, T[i].first_word);
	}
}

/* voice-1.7 (regression): after its first utterance espeak-ng reports pause marks as
 * words; every later line must still get one word per hanzi */
TEST(voice_chinese_words_repeat)
{
	for (int k = 0; k < 3; k++) {
		struct line l = { .text = "你好，世界！" };
		struct voice_clip c;
		CHECK(voice_synth(NULL, &l, "zh", &c) == 0);
		size_t n = c.t.n_words;
		int ok = n == 4 && !strcmp(c.t.words[2].word, "世");
		voice_clip_free(&c);
		CHECKF(ok, "run %d: %zu words", k, n);
	}
}

/* voice-9.1: voice_synth from several threads gives the same audio as one thread
 * (flite bit for bit; espeak-ng within 10%: its timing drifts with what it spoke
 * before, state its API cannot reset) */
#include <pthread.h>
struct job { const char *text; const char *voice; uint64_t sum; size_t n; int rc; };

static void *synth_job(void *arg)
{
	struct job *j = arg;
	json_t *v = json_pack("{s:s,s:s}", "engine", strncmp(j->voice, "cmn", 3) ? "flite" : "espeak", "voice", j->voice);
	struct line l = { .text = (char *)j->text };
	struct voice_clip c;
	j->rc = voice_synth(v, &l, "en", &c);
	if (j->rc == 0) {
		j->n = c.n;
		for (size_t i = 0; i < c.n; i++) j->sum = j->sum * 31 + (uint16_t)c.pcm[i];
		voice_clip_free(&c);
	}
	json_decref(v);
	return NULL;
}

TEST(voice_threads)
{
	struct job jobs[6] = {
		{ "Bring me tea.", "slt" }, { "你好，世界。", "cmn-latn-pinyin" }, { "Pay the rent.", "kal16" },
		{ "雨下了三天。", "cmn-latn-pinyin+f2" }, { "Who taught you?", "rms" }, { "Ninth Street.", "awb" },
	};
	struct job seq[6];
	memcpy(seq, jobs, sizeof jobs);
	for (int i = 0; i < 6; i++) synth_job(&seq[i]);
	pthread_t th[6];
	for (int i = 0; i < 6; i++) pthread_create(&th[i], NULL, synth_job, &jobs[i]);
	for (int i = 0; i < 6; i++) pthread_join(th[i], NULL);
	for (int i = 0; i < 6; i++) {
		CHECKF(jobs[i].rc == 0 && seq[i].rc == 0, "%s", jobs[i].text);
		if (strncmp(jobs[i].voice, "cmn", 3))
			CHECKF(jobs[i].n == seq[i].n && jobs[i].sum == seq[i].sum, "%s: threaded audio differs", jobs[i].text);
		else
			CHECKF(labs((long)jobs[i].n - (long)seq[i].n) < (long)seq[i].n / 10, "%s (%s): %zu vs %zu samples", jobs[i].text, jobs[i].voice, jobs[i].n, seq[i].n);
	}
}

/* issue 20: a shout is louder, not saturated: no sample of an angry or shouted line is
 * pushed into the soft knee above 0.9 of full scale (gains 1.4 and 1.6 used to be) */
TEST(voice_loud_delivery_not_saturated)
{
	static const char *const V[] = { "slt", "rms", "awb", "kal16" };
	static const char *const E[] = { "angry", "shout" };
	for (size_t i = 0; i < ARRAY_LEN(V); i++)
		for (size_t k = 0; k < ARRAY_LEN(E); k++) {
			json_t *v = voice_obj("flite", V[i], 1.0);
			json_object_set_new(v, "gain", json_real(2.0));
			struct line l = { .text = "Get out of my house, and never come back here again!", .emotion = (char *)E[k] };
			struct voice_clip c;
			int rc = voice_synth(v, &l, "en", &c);
			json_decref(v);
			CHECKF(rc == 0, "%s", err_msg());
			int peak = 0;
			for (size_t j = 0; j < c.n; j++) if (abs(c.pcm[j]) > peak) peak = abs(c.pcm[j]);
			voice_clip_free(&c);
			CHECKF(peak <= (int)(0.9 * 32767) + 1 && peak > 0.8 * 32767, "%s %s: peak %d (knee at %d)", V[i], E[k], peak, (int)(0.9 * 32767));
		}
}

/* issue 20: rms takes no pitch from an emotion (its pitch moves only by a replay that
 * moves the formants too); slt does (its F0 target moves the pitch alone) */
TEST(voice_rms_keeps_formants)
{
	json_t *rms = voice_obj("flite", "rms", 1.0), *slt = voice_obj("flite", "slt", 1.0);
	struct voice_params a, n;
	CHECK(voice_params_from(rms, "angry", "en", &a) == 0 && voice_params_from(rms, NULL, "en", &n) == 0);
	CHECKF(fabs(a.pitch - n.pitch) < 1e-9 && a.rate > n.rate, "rms: pitch %.2f vs %.2f, rate %.2f vs %.2f", a.pitch, n.pitch, a.rate, n.rate);
	CHECK(voice_params_from(slt, "angry", "en", &a) == 0 && voice_params_from(slt, NULL, "en", &n) == 0);
	CHECKF(a.pitch > n.pitch * 1.03, "slt: pitch %.2f vs %.2f", a.pitch, n.pitch);
	json_decref(rms);
	json_decref(slt);
}
