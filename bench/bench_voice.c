/* bench/bench_voice.c — synthesis speed of the voice module: seconds of 48 kHz audio
 * produced per second of wall time (normalisation or pinyin, engine, timing,
 * resampling included), per English flite voice and for Chinese through espeak-ng. */
#include "bench.h"
#include "core/util.h"
#include "voice/voice.h"

#include <stdio.h>
#include <string.h>

static const char *const EN[] = {
	"The rain had not stopped for three days when the stranger walked into the tea shop.",
	"Xia looked up from the register. We're closing, she said.",
	"I am Rui, third son of the Emperor. Bring me tea.",
	"Pay the rent by Friday, or I give the shop to Madam Gao. It's $500, not a cent less.",
};
static const char *const ZH[] = {
	"雨已经下了三天，一个陌生人走进了奶茶店。",
	"我是三皇子，给我上茶。",
	"星期五之前交房租，一共五百块，不然这家店就归高夫人了。",
	"这茶太难喝了，是谁教你这样泡茶的？",
};

static void run(const char *engine, const char *voice, const char *lang, const char *const *lines, size_t n, const char *label)
{
	json_t *v = json_pack("{s:s,s:s}", "engine", engine, "voice", voice);
	double audio = 0, t0 = bench_now();
	int reps = 0;
	while (bench_now() - t0 < 1.5 || reps < 2) {
		for (size_t i = 0; i < n; i++) {
			struct line l = { .text = (char *)lines[i] };
			struct voice_clip c;
			if (voice_synth(v, &l, lang, &c) < 0) { fprintf(stderr, "bench: %s\n", err_msg()); json_decref(v); return; }
			audio += (double)c.n / VOICE_RATE;
			voice_clip_free(&c);
		}
		reps++;
	}
	double took = bench_now() - t0;
	json_decref(v);
	if (!label) return;
	char what[96];
	snprintf(what, sizeof what, "voice synthesis speed, %s", label);
	bench_report(what, audio / took, "x", "seconds of audio per second, 4 lines repeated for >=1.5 s, one thread");
}

BENCH(voice_speed)
{
	/* warm-up: voice registration, Unihan and data loading */
	run("flite", "slt", "en", EN, 1, NULL);
	run("espeak", "cmn-latn-pinyin", "zh", ZH, 1, NULL);
	run("flite", "slt", "en", EN, ARRAY_LEN(EN), "English slt");
	run("flite", "rms", "en", EN, ARRAY_LEN(EN), "English rms");
	run("flite", "awb", "en", EN, ARRAY_LEN(EN), "English awb");
	run("flite", "kal16", "en", EN, ARRAY_LEN(EN), "English kal16");
	run("espeak", "cmn-latn-pinyin", "zh", ZH, ARRAY_LEN(ZH), "Chinese espeak-ng");
}
