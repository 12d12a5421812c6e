/* bench/bench_clarity.c — is every line understood through the mix? pocketsphinx
 * (pocketsphinx-en-us, general language model, scripts/wer.py) scores each subtitle cue
 * of a made episode five ways, side by side: the line said by plain flite rms, by
 * plain slt and by the plain one of the speaker's gender (flite's own text analysis,
 * nothing of ours), our dry line clip
 * (cache/voice/HASH.wav: casting, emotion), and the finished episode's sound over the
 * cue's span (ep01.mp4 decoded once, cut per cue). Character names, which the general
 * model cannot know, are not scored. Episodes: the README's demo and two of our own
 * keywords, made at 360x640 (the sound does not depend on the picture size).
 * B=clarity; needs pocketsphinx, pocketsphinx-en-us, sox, ffmpeg and python3. */
#include "bench.h"
#include "core/util.h"
#include "core/wav.h"
#include "core/timeline.h"
#include "voice/voice.h"
#include "voice/voice_internal.h"

#include <flite/flite.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

cst_voice *register_cmu_us_rms(const char *voxdir);
cst_voice *register_cmu_us_slt(const char *voxdir);

/* Plain flite: text -> dir/NN.wav at the voice's own rate. */
static int plain_flite(cst_voice *v, const char *text, const char *path)
{
	pthread_mutex_lock(&voice_engine_lock);
	srand((unsigned)seed_mix(0x636c6172ULL, text));
	cst_wave *w = flite_text_to_wave(text, v);
	int rc = wav_write(path, cst_wave_samples(w), (size_t)cst_wave_num_samples(w), cst_wave_sample_rate(w), 1);
	delete_wave(w);
	pthread_mutex_unlock(&voice_engine_lock);
	return rc;
}

static int sh(const char *fmt, const char *a, const char *b)
{
	char *cmd = xasprintf(fmt, a, b);
	int rc = system(cmd);
	free(cmd);
	return rc;
}

/* "WER x" and "WER-names-unscored x" from a finished scripts/wer.py */
static void read_wer(FILE *f, double *all, double *known)
{
	char buf[512];
	*all = *known = -1;
	while (f && fgets(buf, sizeof buf, f)) {
		if (!strncmp(buf, "WER ", 4)) *all = atof(buf + 4);
		else if (!strncmp(buf, "WER-names-unscored ", 19)) *known = atof(buf + 19);
	}
	if (f) pclose(f);
}

/* plain_gender: each cue said by plain rms (a male or unknown speaker, the narrator) or
 * plain slt (a female speaker): the "plain flite's best same-gender voice"
 * (rms beats awb and kal16 plain on these episodes; slt is the only female voice) */
#define NCOND 5
static const char *const COND[NCOND] = { "plain_rms", "plain_slt", "plain_gender", "dry", "mix" };
static const char *const COND_LABEL[NCOND] = { "plain flite rms", "plain flite slt", "plain same-gender (rms/slt)",
                                               "dry line clips", "final mix" };

static void episode(const char *tag, const char *keywords, const char *minutes)
{
	static cst_voice *rms, *slt;
	char *dir = xasprintf("%s/clarity_%s", bench_tmpdir(), tag), *log = xasprintf("%s.log", dir);
	char *make = xasprintf("rm -rf '%s' && DRAMA_NO_BAR=1 '%s' make \"%s\" -o '%s' --size 360x640%s%s > '%s' 2>&1", dir,
	                       bench_drama_bin(), keywords, dir, minutes ? " --minutes " : "", minutes ? minutes : "", log);
	struct project *p = NULL;
	struct timeline tl = { 0 };
	struct sbuf ref = { 0 }, names = { 0 };
	int n = 0;
	double t0 = bench_now();
	int made = system(make);
	char what0[96];
	snprintf(what0, sizeof what0, "clarity %s: drama make (360x640)", tag);
	bench_report(what0, bench_now() - t0, "s", "wall time, for the issue's render-time check");
	if (made != 0) {
		fprintf(stderr, "bench: drama make failed, see %s\n", log);
		goto end;
	}
	if (project_open(dir, 0, &p) < 0 || !p->s || !p->s->n_eps ||
	    timeline_build(p->s, &p->s->eps[0], p->set.fps, &tl) < 0) {
		fprintf(stderr, "bench: %s: %s\n", dir, err_msg());
		goto end;
	}
	for (int c = 0; c < NCOND; c++) sh("mkdir -p '%s/%s'", dir, COND[c]);
	char *mp4 = xasprintf("%s/ep01.mp4", dir), *mix = xasprintf("%s/mix16k.wav", dir);
	int rc = sh("ffmpeg -v error -y -i '%s' -vn -ac 1 -ar 16000 '%s'", mp4, mix);
	free(mp4);
	if (rc != 0) {
		fprintf(stderr, "bench: cannot decode the episode's sound\n");
		free(mix);
		goto end;
	}
	pthread_mutex_lock(&voice_engine_lock);
	flite_init();
	if (!rms) rms = register_cmu_us_rms(NULL);
	if (!slt) slt = register_cmu_us_slt(NULL);
	pthread_mutex_unlock(&voice_engine_lock);
	for (size_t i = 0; i < tl.n_shots; i++) {
		const struct tl_shot *t = &tl.shots[i];
		const struct line *ln = t->sh->line;
		if (!ln || !ln->text || !ln->audio || t->line_start < 0 || t->line_end <= t->line_start) continue;
		char *r = vnorm_en(ln->text), *dry = project_path(p, ln->audio);
		char nn[16];
		snprintf(nn, sizeof nn, "%03d.wav", n);
		const struct character *who = ln->speaker ? series_find_character(p->s, ln->speaker) : NULL;
		const char *vname = who ? json_string_value(json_object_get(who->voice, "voice")) : NULL;
		int female = who && (who->gender ? str_eq(who->gender, "female") : str_eq(vname, "slt"));
		char *o[NCOND];
		for (int c = 0; c < NCOND; c++) o[c] = xasprintf("%s/%s/%s", dir, COND[c], nn);
		double a = (double)t->line_start / tl.fps, d = (double)(t->line_end - t->line_start) / tl.fps;
		char *trim = xasprintf("trim %.3f %.3f", a, d);
		int ok = plain_flite(rms, ln->text, o[0]) == 0 && plain_flite(slt, ln->text, o[1]) == 0 &&
		         symlink(o[female ? 1 : 0], o[2]) == 0 && symlink(dry, o[3]) == 0;
		if (ok) {       /* the cue's span of the mix */
			char *cmd = xasprintf("sox '%s' '%s' %s", mix, o[4], trim);
			ok = system(cmd) == 0;
			free(cmd);
		}
		if (ok) {
			sb_printf(&ref, "%s\n", r);
			n++;
		}
		for (int c = 0; c < NCOND; c++) free(o[c]);
		free(trim);
		free(r);
		free(dry);
	}
	free(mix);
	for (size_t k = 0; k < p->s->n_chars; k++)
		for (char *w = p->s->chars[k].name, *e; w && *w; w = *e ? e + 1 : e) {
			e = strchr(w, ' ');
			if (!e) e = w + strlen(w);
			sb_printf(&names, "%s%.*s", names.len ? "," : "", (int)(e - w), w);
		}
	char *refp = xasprintf("%s/ref.txt", dir);
	if (file_write_atomic(refp, ref.s ? ref.s : "", ref.len) < 0) fprintf(stderr, "bench: %s\n", err_msg());
	/* two decodes at a time (one core each) */
	double all[NCOND], known[NCOND];
	for (int c = 0; c < NCOND; c += 2) {
		FILE *f[2] = { NULL, NULL };
		for (int k = 0; k < 2 && c + k < NCOND; k++) {
			char *cmd = xasprintf("scripts/wer.py --ref '%s' --wavs '%s/%s' --unscored '%s' 2>/dev/null", refp, dir,
			                      COND[c + k], names.s ? names.s : "");
			f[k] = popen(cmd, "r");
			free(cmd);
		}
		for (int k = 0; k < 2 && c + k < NCOND; k++) read_wer(f[k], &all[c + k], &known[c + k]);
	}
	for (int c = 0; c < NCOND; c++) {
		char what[128], how[160];
		snprintf(what, sizeof what, "WER %s, %s", tag, COND_LABEL[c]);
		snprintf(how, sizeof how, "%d cues, general LM, names not scored (all words: %.1f%%)", n, all[c]);
		bench_report(what, known[c], "%", how);
	}
	/* the done-when: dry <= plain same-gender + 2, mix <= dry + 4 */
	char what[128];
	snprintf(what, sizeof what, "WER %s, dry - plain same-gender", tag);
	bench_report(what, known[3] - known[2], "points", "target <= 2");
	snprintf(what, sizeof what, "WER %s, final mix - dry", tag);
	bench_report(what, known[4] - known[3], "points", "target <= 4");
	free(refp);
end:
	sb_free(&ref);
	sb_free(&names);
	timeline_free(&tl);
	project_free(p);
	free(make);
	free(log);
	free(dir);
}

BENCH(clarity)
{
	if (system("command -v pocketsphinx_batch >/dev/null && command -v sox >/dev/null && command -v ffmpeg >/dev/null "
	           "&& command -v python3 >/dev/null") != 0) {
		bench_report("speech clarity (WER)", -1, "%", "skipped: needs pocketsphinx, pocketsphinx-en-us, sox, ffmpeg, python3");
		return;
	}
	episode("demo", "ancient time-travel, milk tea shop, prince", NULL);
	episode("palace", "palace, jade pendant, betrayal", "1.5");
	episode("ceo", "ceo, contract marriage, revenge", "1.5");
}
