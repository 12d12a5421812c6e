/* voice/flite.c — English speech with flite in-process: the four Debian voices are
 * registered once (thread-safe), each call builds its own utterance with per-utterance
 * features (pitch, stretch), and phoneme/word times come from the Segment and
 * SylStructure relations, clamped to the wave (kal16 overruns it). */
#include "voice/voice_internal.h"

#include <flite/flite.h>
#include <pthread.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

cst_voice *register_cmu_us_slt(const char *voxdir);
cst_voice *register_cmu_us_rms(const char *voxdir);
cst_voice *register_cmu_us_awb(const char *voxdir);
cst_voice *register_cmu_us_kal16(const char *voxdir);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static cst_voice *vox_slt, *vox_rms, *vox_awb, *vox_kal;
/* flite's lexicon and voice feature tables are shared and not all of flite is
 * re-entrant, so synthesis runs under voice_engine_lock (voice_internal.h). */

static void init_once(void)
{
	flite_init();
	vox_slt = register_cmu_us_slt(NULL);
	vox_rms = register_cmu_us_rms(NULL);
	vox_awb = register_cmu_us_awb(NULL);
	vox_kal = register_cmu_us_kal16(NULL);
}

/* Natural mean F0 of each voice (Hz, measured); the pitch multiplier scales it.
 * rms generates F0 with its parameter trajectories (mlpg) and ignores the F0 target
 * features, so its pitch is moved by replaying the wave faster or slower (the stretch
 * is compensated): *by_rate is set for it. */
static cst_voice *pick(const char *name, double *f0, int *by_rate)
{
	pthread_once(&once, init_once);
	*by_rate = 0;
	if (str_eq(name, "slt")) { *f0 = 167; return vox_slt; }
	if (str_eq(name, "rms")) { *f0 = 101; *by_rate = 1; return vox_rms; }
	if (str_eq(name, "awb")) { *f0 = 122; return vox_awb; }
	if (str_eq(name, "kal16") || str_eq(name, "kal")) { *f0 = 100; return vox_kal; }
	return NULL;
}

/* A segment's end in clip seconds (scale: engine seconds -> clip seconds). */
static double item_end(const cst_item *seg, double scale)
{
	return seg ? item_feat_float(seg, "end") * scale : 0.0;
}

int vflite_synth(const struct voice_params *vp, const char *text, int16_t **pcm, size_t *n, int *rate, struct voice_timing *t)
{
	double f0;
	int by_rate;
	cst_voice *v = pick(vp->voice, &f0, &by_rate);
	double pitch = vp->pitch > 0 ? vp->pitch : 1.0;
	/* Replaying the wave k times faster moves pitch and formants by k (a smaller or
	 * larger speaker: the timbre); the stretch is compensated so the rate holds, and
	 * the F0 target is divided by k so the pitch ends where it was asked. rms has no
	 * F0 target, so its whole pitch change is a replay. */
	double timbre = vp->timbre > 0 ? vp->timbre : 1.0;
	double k = by_rate ? pitch * timbre : timbre;
	memset(t, 0, sizeof *t);
	*pcm = NULL; *n = 0;
	if (!v)
		return err_set(ERR_INPUT, "voice: unknown flite voice \"%s\"; use slt, rms, awb or kal16", vp->voice);
	pthread_mutex_lock(&voice_engine_lock);
	/* the clustergen voices draw excitation noise from libc rand(): seed it from the
	 * text so a line always sounds the same (no other module uses rand()) */
	srand((unsigned)seed_mix(0x766f696365ULL, text));
	cst_utterance *u = new_utterance();
	utt_set_input_text(u, text);
	double stretch = vp->rate > 0.05 ? 1.0 / vp->rate : 1.0;
	stretch *= k;                         /* replayed k times faster below */
	feat_set_float(u->features, "duration_stretch", (float)stretch);
	if (!by_rate)
		feat_set_float(u->features, "int_f0_target_mean", (float)(f0 * pitch / k));
	if (vp->rise > 0)
		feat_set_float(u->features, "int_f0_target_stddev", (float)(f0 * (0.12 + vp->rise * 0.15)));
	u = flite_do_synth(u, v, utt_synth);
	if (!u) {
		pthread_mutex_unlock(&voice_engine_lock);
		return err_set(ERR_GENERIC, "voice: flite could not synthesise \"%.40s\"", text);
	}
	cst_wave *w = utt_wave(u);
	if (!w || cst_wave_num_samples(w) <= 0) {
		delete_utterance(u);
		pthread_mutex_unlock(&voice_engine_lock);
		*rate = 16000;
		return 0;            /* nothing to say: empty clip */
	}
	*rate = cst_wave_sample_rate(w);
	double tscale = 1.0;                  /* engine seconds -> clip seconds */
	if (fabs(k - 1.0) > 1e-3) {
		int r2 = (int)lrint(*rate * k);
		tscale = (double)*rate / r2;
		*rate = r2;
	}
	*n = (size_t)cst_wave_num_samples(w);
	*pcm = xmalloc(*n * sizeof **pcm);
	memcpy(*pcm, cst_wave_samples(w), *n * sizeof **pcm);
	double dur = (double)*n / *rate;
	t->duration = dur;

	double prev = 0;
	for (const cst_item *s = relation_head(utt_relation(u, "Segment")); s; s = item_next(s)) {
		double e = item_end(s, tscale);
		if (e > dur) e = dur;
		if (e < prev) e = prev;
		if (e > prev)
			vtiming_add_phone(t, prev, e, item_name(s));
		prev = e;
	}
	if (prev < dur)
		vtiming_add_phone(t, prev, dur, "pau");

	for (const cst_item *w1 = relation_head(utt_relation(u, "Word")); w1; w1 = item_next(w1)) {
		const cst_item *ws = item_as(w1, "SylStructure");
		if (!ws) continue;
		const cst_item *fs = NULL, *ls = NULL;
		for (const cst_item *syl = item_daughter(ws); syl; syl = item_next(syl))
			for (const cst_item *seg = item_daughter(syl); seg; seg = item_next(seg)) {
				if (!fs) fs = seg;
				ls = seg;
			}
		if (!fs) continue;
		const cst_item *fseg = item_as(fs, "Segment");
		double s = fseg && item_prev(fseg) ? item_end(item_prev(fseg), tscale) : 0.0;
		double e = item_end(ls, tscale);
		if (e > dur) e = dur;
		if (s > e) s = e;
		/* a token spoken as one word keeps its written form ("won't", not "wont") */
		const char *name = item_name(w1);
		const cst_item *tw = item_as(w1, "Token"), *tok = tw ? item_parent(tw) : NULL;
		if (tok && item_daughter(tok) == tw && !item_next(tw) && item_name(tok)[0]) name = item_name(tok);
		vtiming_add_word(t, s, e, name);
	}
	delete_utterance(u);
	pthread_mutex_unlock(&voice_engine_lock);
	vviseme_build(t, 0);
	return 0;
}
