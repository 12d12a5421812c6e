/* bench/bench_voice.c — synthesis speed of the voice module: seconds of 48 kHz audio
 * produced per second of wall time (normalisation or pinyin, engine, timing,
 * resampling included), per English flite voice and for Chinese through espeak-ng;
 * and intelligibility: the word error rate of pocketsphinx on each English voice
 * (B=voice_wer; needs pocketsphinx, pocketsphinx-en-us, sox and python3), split by
 * where errors come from: plain flite vs our chain (casting, emotion), the general
 * language model vs one restricted to the script, names out of vocabulary. */
#include "bench.h"
#include "core/util.h"
#include "core/wav.h"
#include "voice/voice.h"
#include "voice/voice_internal.h"

#include <flite/flite.h>
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

/* ---- intelligibility: word error rate of pocketsphinx on our speech ----
 * Each condition writes data/voice/wer_en.txt's lines as 00.wav, 01.wav ... and runs
 * scripts/wer.py twice: with pocketsphinx-en-us's general language model (names such as
 * Xia and Rui are out of its vocabulary; the figure without them is printed too) and
 * with a bigram model restricted to the script's own words (an easier task: labelled
 * "script LM"). The names' pronunciations come from flite's lexicon / letter-to-sound,
 * so the recogniser expects what flite says. */

cst_lexicon *cmu_lex_init(void);
cst_voice *register_cmu_us_slt(const char *voxdir);
cst_voice *register_cmu_us_rms(const char *voxdir);
cst_voice *register_cmu_us_awb(const char *voxdir);
cst_voice *register_cmu_us_kal16(const char *voxdir);

static const char WER_NAMES[] = "xia,rui,bao,gao";

/* "xia Z IY AH": a pocketsphinx dictionary line from flite's lexicon / LTS */
static void lex_line(struct sbuf *b, const char *w)
{
	cst_val *p = lex_lookup(cmu_lex_init(), w, NULL, NULL);
	sb_add(b, w);
	for (const cst_val *q = p; q; q = val_cdr(q)) {
		char ph[16];
		snprintf(ph, sizeof ph, "%s", val_string(val_car(q)));
		size_t k = strlen(ph);
		if (k && isdigit((unsigned char)ph[k - 1])) ph[k - 1] = 0;      /* stress */
		if (!strcmp(ph, "ax")) strcpy(ph, "ah");                          /* flite's schwa */
		for (char *c = ph; *c; c++) *c = (char)toupper((unsigned char)*c);
		sb_printf(b, " %s", ph);
	}
	sb_add(b, "\n");
	delete_val(p);
}

/* one condition: voice == NULL -> plain flite (flite_text_to_wave on the raw text at its
 * own rate: flite's own text analysis, nothing of ours); else voice_synth at 48 kHz */
static int wer_write(const char *dir, const char *plain, const json_t *voice, const char *emotion, char **lines, size_t n)
{
	static cst_voice *reg[4];             /* registered once, kept for the process */
	cst_voice *pv = NULL;
	if (plain) {
		int k = str_eq(plain, "slt") ? 0 : str_eq(plain, "rms") ? 1 : str_eq(plain, "awb") ? 2 : 3;
		pthread_mutex_lock(&voice_engine_lock);
		flite_init();
		if (!reg[k]) reg[k] = k == 0 ? register_cmu_us_slt(NULL) : k == 1 ? register_cmu_us_rms(NULL)
		                   : k == 2 ? register_cmu_us_awb(NULL) : register_cmu_us_kal16(NULL);
		pv = reg[k];
		pthread_mutex_unlock(&voice_engine_lock);
	}
	for (size_t i = 0; i < n; i++) {
		char *w = xasprintf("%s/%02zu.wav", dir, i);
		int rc = 0;
		if (pv) {
			pthread_mutex_lock(&voice_engine_lock);
			srand((unsigned)seed_mix(0x766f696365ULL, lines[i]));   /* clustergen noise: repeatable */
			cst_wave *wv = flite_text_to_wave(lines[i], pv);
			rc = wav_write(w, cst_wave_samples(wv), (size_t)cst_wave_num_samples(wv), cst_wave_sample_rate(wv), 1);
			delete_wave(wv);
			pthread_mutex_unlock(&voice_engine_lock);
		} else {
			struct line l = { .text = lines[i], .emotion = (char *)emotion };
			struct voice_clip c;
			rc = voice_synth(voice, &l, "en", &c);
			if (rc == 0) rc = wav_write(w, c.pcm, c.n, VOICE_RATE, 1);
			voice_clip_free(&c);
		}
		free(w);
		if (rc < 0) return rc;
	}
	return 0;
}

/* the figures of scripts/wer.py's output lines "WER x" and "WER-names-unscored x" (-1 if absent) */
static void wer_read(FILE *f, double *wer, double *wer_names)
{
	char buf[512];
	*wer = -1;
	if (wer_names) *wer_names = -1;
	while (f && fgets(buf, sizeof buf, f)) {
		if (!strncmp(buf, "WER ", 4)) *wer = atof(buf + 4);
		else if (wer_names && !strncmp(buf, "WER-names-unscored ", 19)) *wer_names = atof(buf + 19);
	}
	if (f) pclose(f);
}

static void wer_condition(const char *label, const char *plain, const json_t *voice, const char *emotion,
                          char **lines, size_t n, const char *ref, const char *dict)
{
	char *dir = xasprintf("%s/%s", bench_tmpdir(), label);
	for (char *p = dir + strlen(bench_tmpdir()) + 1; *p; p++) if (!isalnum((unsigned char)*p)) *p = '_';
	char *mk = xasprintf("rm -rf '%s' && mkdir -p '%s'", dir, dir);
	if (system(mk) != 0 || wer_write(dir, plain, voice, emotion, lines, n) < 0) {
		fprintf(stderr, "bench: %s: %s\n", label, err_msg());
		free(mk); free(dir);
		return;
	}
	char *gen = xasprintf("scripts/wer.py --ref %s --wavs %s --unscored %s", ref, dir, WER_NAMES);
	char *scr = xasprintf("scripts/wer.py --ref %s --wavs %s --lm script --dict-extra %s", ref, dir, dict);
	char *g2 = xasprintf("%s 2>/dev/null", gen), *s2 = xasprintf("%s 2>/dev/null", scr);
	/* the two decodes run side by side (one core each) */
	FILE *fg = popen(g2, "r"), *fs = popen(s2, "r");
	double g, gn, sc;
	wer_read(fg, &g, &gn);
	wer_read(fs, &sc, NULL);
	char what[128];
	snprintf(what, sizeof what, "WER %s, general LM", label);
	bench_report(what, g, "%", gen);
	snprintf(what, sizeof what, "WER %s, general LM, names not scored", label);
	bench_report(what, gn, "%", "same run, errors on Xia/Rui/Bao/Gao (not in the general LM) not counted");
	snprintf(what, sizeof what, "WER %s, script LM (restricted)", label);
	bench_report(what, sc, "%", scr);
	free(g2); free(s2); free(gen); free(scr); free(mk); free(dir);
}

BENCH(voice_wer)
{
	if (system("command -v pocketsphinx_batch >/dev/null && command -v sox >/dev/null && command -v python3 >/dev/null") != 0) {
		bench_report("voice word error rate", -1, "%", "skipped: needs pocketsphinx, pocketsphinx-en-us, sox (Debian packages) and python3");
		return;
	}
	char *path = data_path("voice/wer_en.txt"), *text = NULL;
	size_t len;
	if (file_read_all(path, &text, &len) < 0) { fprintf(stderr, "bench: %s\n", err_msg()); free(path); return; }
	free(path);
	char **lines = NULL;
	size_t n = 0, cap = 0;
	char *save = NULL;
	for (char *ln = strtok_r(text, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
		xgrow((void **)&lines, &cap, n, sizeof *lines);
		lines[n++] = ln;
	}
	/* the reference is what our normaliser says the line is (Mr. -> Mister, 500 -> five hundred) */
	struct sbuf refs = { 0 }, dict = { 0 };
	sb_add(&refs, "");
	for (size_t i = 0; i < n; i++) { char *r = vnorm_en(lines[i]); sb_printf(&refs, "%s\n", r); free(r); }
	pthread_mutex_lock(&voice_engine_lock);
	sb_add(&dict, "");
	char *names = xstrdup(WER_NAMES), *sv = NULL;
	for (char *w = strtok_r(names, ",", &sv); w; w = strtok_r(NULL, ",", &sv)) lex_line(&dict, w);
	free(names);
	pthread_mutex_unlock(&voice_engine_lock);
	char *ref = xasprintf("%s/ref.txt", bench_tmpdir()), *dic = xasprintf("%s/names.dict", bench_tmpdir());
	if (file_write_atomic(ref, refs.s, strlen(refs.s)) < 0 || file_write_atomic(dic, dict.s, strlen(dict.s)) < 0) {
		fprintf(stderr, "bench: %s\n", err_msg());
		goto end;
	}
	static const char *const V[] = { "slt", "rms", "awb", "kal16" };
	for (size_t v = 0; v < ARRAY_LEN(V); v++) {
		char label[64];
		snprintf(label, sizeof label, "plain flite %s 16k", V[v]);
		wer_condition(label, V[v], NULL, NULL, lines, n, ref, dic);
		json_t *vo = json_pack("{s:s,s:s}", "engine", "flite", "voice", V[v]);
		snprintf(label, sizeof label, "our chain %s 48k", V[v]);
		wer_condition(label, NULL, vo, NULL, lines, n, ref, dic);
		json_decref(vo);
	}
	/* casting and delivery: the pools' first female and male variants, and emotions */
	static const struct { const char *voice; double pitch, rate, timbre; const char *emotion; } C[] = {
		{ "slt", 1.12, 1.04, 1.00, NULL }, { "slt", 1.12, 1.04, 1.03, NULL },     /* the second woman now, and before */
		{ "slt", 0.90, 0.96, 0.93, NULL }, { "awb", 1.12, 1.05, 1.00, NULL },
		{ "slt", 1.0, 1.0, 1.0, "sad" }, { "slt", 1.0, 1.0, 1.0, "whisper" },
	};
	for (size_t i = 0; i < ARRAY_LEN(C); i++) {
		char label[96];
		snprintf(label, sizeof label, "cast %s p%.2f r%.2f t%.2f%s%s", C[i].voice, C[i].pitch, C[i].rate, C[i].timbre,
		         C[i].emotion ? " " : "", C[i].emotion ? C[i].emotion : "");
		json_t *vo = json_pack("{s:s,s:s,s:f,s:f,s:f}", "engine", "flite", "voice", C[i].voice, "pitch", C[i].pitch, "rate", C[i].rate, "timbre", C[i].timbre);
		wer_condition(label, NULL, vo, C[i].emotion, lines, n, ref, dic);
		json_decref(vo);
	}
end:
	sb_free(&refs); sb_free(&dict);
	free(ref); free(dic); free(lines); free(text);
}
