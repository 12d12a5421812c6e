/* bench/bench_voice.c — synthesis speed of the voice module: seconds of 48 kHz audio
 * produced per second of wall time (normalisation or pinyin, engine, timing,
 * resampling included), per English flite voice and for Chinese through espeak-ng;
 * and intelligibility: the word error rate of pocketsphinx on each English voice
 * (B=voice_wer; needs pocketsphinx, pocketsphinx-en-us and sox). */
#include "bench.h"
#include "core/util.h"
#include "core/wav.h"
#include "voice/voice.h"
#include "voice/voice_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ---- intelligibility: word error rate of pocketsphinx on our speech ---- */

/* lower-case words of letters and apostrophes; returns count, *w malloc'd array of strings */
static size_t words_of(const char *s, char ***w)
{
	size_t n = 0, cap = 0;
	*w = NULL;
	while (*s) {
		while (*s && !isalpha((unsigned char)*s) && *s != '\'') s++;
		if (!*s) break;
		const char *b = s;
		while (*s && (isalpha((unsigned char)*s) || *s == '\'')) s++;
		xgrow((void **)w, &cap, n, sizeof **w);
		char *x = xstrndup(b, (size_t)(s - b));
		for (char *p = x; *p; p++) *p = (char)tolower((unsigned char)*p);
		(*w)[n++] = x;
	}
	return n;
}

static size_t edit_distance(char **a, size_t na, char **b, size_t nb)
{
	size_t *d = xmalloc((nb + 1) * sizeof *d);
	for (size_t j = 0; j <= nb; j++) d[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t prev = d[0];
		d[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t cur = d[j], sub = prev + (strcmp(a[i - 1], b[j - 1]) != 0);
			d[j] = d[j] + 1 < d[j - 1] + 1 ? d[j] + 1 : d[j - 1] + 1;
			if (sub < d[j]) d[j] = sub;
			prev = cur;
		}
	}
	size_t r = d[nb];
	free(d);
	return r;
}

BENCH(voice_wer)
{
	if (system("command -v pocketsphinx_continuous >/dev/null && command -v sox >/dev/null") != 0) {
		bench_report("voice word error rate", -1, "%", "skipped: needs pocketsphinx and sox (Debian packages)");
		return;
	}
	char *path = data_path("voice/wer_en.txt"), *text = NULL;
	size_t len;
	if (file_read_all(path, &text, &len) < 0) { fprintf(stderr, "bench: %s\n", err_msg()); free(path); return; }
	free(path);
	static const char *const V[] = { "slt", "rms", "awb", "kal16" };
	for (size_t v = 0; v < ARRAY_LEN(V); v++) {
		json_t *vo = json_pack("{s:s,s:s}", "engine", "flite", "voice", V[v]);
		size_t errs = 0, total = 0;
		char *copy = xstrdup(text), *save = NULL;
		for (char *ln = strtok_r(copy, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
			struct line l = { .text = ln };
			struct voice_clip c;
			if (voice_synth(vo, &l, "en", &c) < 0) continue;
			char *w48 = xasprintf("%s/line.wav", bench_tmpdir()), *w16 = xasprintf("%s/line16.wav", bench_tmpdir());
			wav_write(w48, c.pcm, c.n, VOICE_RATE, 1);
			voice_clip_free(&c);
			char *cmd = xasprintf("sox '%s' -r 16000 '%s' && pocketsphinx_continuous -infile '%s' -logfn /dev/null 2>/dev/null", w48, w16, w16);
			FILE *f = popen(cmd, "r");
			struct sbuf hyp = { 0 };
			sb_add(&hyp, "");
			char buf[1024];
			while (f && fgets(buf, sizeof buf, f)) sb_add(&hyp, buf);
			if (f) pclose(f);
			char *ref = vnorm_en(ln), **rw, **hw;
			size_t nr = words_of(ref, &rw), nh = words_of(hyp.s, &hw);
			errs += edit_distance(rw, nr, hw, nh);
			total += nr;
			for (size_t i = 0; i < nr; i++) free(rw[i]);
			for (size_t i = 0; i < nh; i++) free(hw[i]);
			free(rw); free(hw); free(ref); sb_free(&hyp); free(cmd); free(w48); free(w16);
		}
		free(copy);
		json_decref(vo);
		char what[96];
		snprintf(what, sizeof what, "voice word error rate, English %s", V[v]);
		bench_report(what, total ? 100.0 * errs / total : -1, "%", "pocketsphinx_continuous (en-us) on data/voice/wer_en.txt, one line at a time");
	}
	free(text);
}
