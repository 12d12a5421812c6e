/* tests/test_voice_zh.c — the focus of this file is checking the Chinese voice chain
 * without a Mandarin recogniser (Debian 12 has no Mandarin pocketsphinx model):
 * readings of polyphonic characters in drama-typical sentences against the expected
 * pinyin, and a listen-proxy: every syllable espeak-ng speaks is voiced (each
 * Mandarin syllable has a vowel nucleus, so a syllable with no periodic frame was
 * swallowed, clipped or spoken as noise). */
#include "test.h"
#include "core/util.h"
#include "voice/voice.h"
#include "voice/voice_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* voice-zh-1: polyphones as a Mandarin speaker reads them in context */
TEST(voice_zh_polyphones)
{
	static const struct { const char *in, *out; } T[] = {
		{ "我吃了饭了", "wo3 chi1 le5 fan4 le5" },
		{ "我受不了了", "wo3 shou4 bu4 liao3 le5" },
		{ "他跑得很快", "ta1 pao3 de5 hen3 kuai4" },
		{ "你得走了", "ni3 dei3 zou3 le5" },
		{ "他看着我", "ta1 kan4 zhe5 wo3" },
		{ "我睡着了", "wo3 shui4 zhao2 le5" },
		{ "我的目的", "wo3 de5 mu4 di4" },
		{ "我们都是朋友", "wo3 men5 dou1 shi4 peng2 you5" },
		{ "首都北京", "shou3 du1 bei3 jing1" },
		{ "他还在这里", "ta1 hai2 zai4 zhe4 li3" },
		{ "我为你骄傲", "wo3 wei4 ni3 jiao1 ao4" },
		{ "他成为太子", "ta1 cheng2 wei2 tai4 zi5" },
		{ "我觉得很好", "wo3 jue2 de5 hen3 hao3" },
		{ "这很重要", "zhe4 hen3 zhong4 yao4" },
		{ "便宜一点", "pian2 yi5 yi4 dian3" },        /* 一点 "a little": yi4 */
		{ "方便一点", "fang1 bian4 yi4 dian3" },
		{ "一点钟", "yi1 dian3 zhong1" },              /* one o'clock keeps yi1 */
		{ "1.5", "yi1 dian3 wu3" },                  /* a decimal point too */
		{ "慢慢地走", "man4 man4 de5 zou3" },
		{ "一只猫", "yi4 zhi1 mao1" },
		{ "多少钱", "duo1 shao3 qian2" },
		{ "少年", "shao4 nian2" },
		{ "教你泡茶", "jiao1 ni3 pao4 cha2" },
		{ "出差", "chu1 chai1" },
		{ "朝廷", "chao2 ting2" },
		{ "空调", "kong1 tiao2" },
		{ "长公主", "zhang3 gong1 zhu3" },
		{ "都督", "du1 du5" },
		{ "爱好", "ai4 hao4" },
		{ "快乐", "kuai4 le4" },
		{ "自传", "zi4 zhuan4" },
	};
	int bad = 0;
	for (size_t i = 0; i < ARRAY_LEN(T); i++) {
		char *out = NULL;
		CHECKF(vpinyin_convert(T[i].in, &out, NULL, NULL) == 0, "%s: %s", T[i].in, err_msg());
		if (strcmp(out, T[i].out)) {
			fprintf(stderr, "  %s -> \"%s\", expected \"%s\"\n", T[i].in, out, T[i].out);
			bad++;
		}
		free(out);
	}
	CHECKF(bad == 0, "%d of %zu readings wrong (listed above)", bad, ARRAY_LEN(T));
}

/* Largest normalised autocorrelation of pcm[a..a+len) at lags of 70..400 Hz (on every
 * second sample: enough for a voicing decision), and the frame's RMS. */
static double periodicity(const int16_t *pcm, size_t a, size_t len, double *rms)
{
	double e = 0, best = 0;
	for (size_t i = 0; i < len; i++) e += (double)pcm[a + i] * pcm[a + i];
	*rms = sqrt(e / len);
	for (size_t lag = VOICE_RATE / 400; lag <= VOICE_RATE / 70; lag += 2) {
		double num = 0, e1 = 0, e2 = 0;
		for (size_t i = 0; i + lag < len; i += 2) {
			double x = pcm[a + i], y = pcm[a + i + lag];
			num += x * y; e1 += x * x; e2 += y * y;
		}
		if (e1 > 0 && e2 > 0 && num / sqrt(e1 * e2) > best) best = num / sqrt(e1 * e2);
	}
	return best;
}

/* Syllables (timing words) of a clip with no voiced 30 ms frame; the first such
 * syllable's index in *first (or -1). A frame is voiced when it is periodic
 * (autocorrelation >= 0.5) and within 30 dB of the clip's loudest frame. */
static int unvoiced_syllables(const struct voice_clip *c, int *first)
{
	size_t fl = VOICE_RATE * 3 / 100, hop = VOICE_RATE / 100;
	double peak = 0, r;
	for (size_t a = 0; a + fl <= c->n; a += hop) {
		double e = 0;
		for (size_t i = 0; i < fl; i++) e += (double)c->pcm[a + i] * c->pcm[a + i];
		if (sqrt(e / fl) > peak) peak = sqrt(e / fl);
	}
	int bad = 0;
	*first = -1;
	for (size_t w = 0; w < c->t.n_words; w++) {
		size_t s = (size_t)(c->t.words[w].start * VOICE_RATE), e = (size_t)(c->t.words[w].end * VOICE_RATE);
		int voiced = 0;
		for (size_t a = s; a + fl <= e + fl / 2 && a + fl <= c->n && !voiced; a += hop)
			voiced = periodicity(c->pcm, a, fl, &r) >= 0.5 && r > peak * 0.0316;
		if (!voiced) { if (*first < 0) *first = (int)w; bad++; }
	}
	return bad;
}

/* voice-zh-2: every syllable of a few drama lines is voiced, for a female and a male
 * voice and the narrator's; and the check itself fails on noise */
TEST(voice_zh_syllables_voiced)
{
	static const char *const LINES[] = {
		"雨已经下了三天，一个陌生人走进了奶茶店。",
		"我是三皇子，给我上茶。",
		"星期五之前交房租，一共五百块，不然这家店就归高夫人了。",
		"这茶太难喝了，是谁教你这样泡茶的？",
	};
	static const char *const V[] = { "cmn-latn-pinyin+f2", "cmn-latn-pinyin+m3", "cmn-latn-pinyin" };
	size_t total = 0;
	for (size_t v = 0; v < ARRAY_LEN(V); v++)
		for (size_t i = 0; i < ARRAY_LEN(LINES); i++) {
			json_t *vo = json_pack("{s:s,s:s}", "engine", "espeak", "voice", V[v]);
			struct line l = { .text = (char *)LINES[i] };
			struct voice_clip c;
			int rc = voice_synth(vo, &l, "zh", &c);
			json_decref(vo);
			CHECKF(rc == 0, "%s", err_msg());
			int first, bad = unvoiced_syllables(&c, &first);
			const char *w = first >= 0 ? c.t.words[first].word : "";
			char wcopy[16];
			snprintf(wcopy, sizeof wcopy, "%s", w);
			size_t nw = c.t.n_words;
			total += nw;
			if (bad == 0 && v == 0 && i == 0) {
				/* negative control: the same timing over noise has no voiced syllable */
				uint32_t x = 1;
				for (size_t k = 0; k < c.n; k++) { x = x * 1664525u + 1013904223u; c.pcm[k] = (int16_t)((int32_t)(x >> 16) - 32768) / 4; }
				int f2, noise_bad = unvoiced_syllables(&c, &f2);
				voice_clip_free(&c);
				CHECKF(noise_bad == (int)nw, "noise passed as voiced in %d of %zu syllables", (int)nw - noise_bad, nw);
				continue;
			}
			voice_clip_free(&c);
			CHECKF(bad == 0, "%s, line %zu: %d of %zu syllables unvoiced, first \"%s\"", V[v], i + 1, bad, nw, wcopy);
		}
	CHECK(total > 100);
}
