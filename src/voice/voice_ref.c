/* voice/voice_ref.c — a character's reference voice (cloning): characters/NAME.voice.wav
 * and its transcript NAME.voice.txt. A speech server that clones is sent the recording
 * (speech_stage.c); the embedded engines cannot clone, so the character is cast to
 * sound like it: the reference is measured with aubio (its YIN pitch tracker: median
 * F0 of the confidently voiced frames; spectral centroid of those frames; seconds of
 * speech), the candidate engine voices of the character's sex speak the transcript
 * and are measured the same way, and the closest voice gets pitch, rate and timbre
 * multipliers that bring it to the reference's F0, speed and brightness. */
#include "voice/voice_internal.h"
#include "core/wav.h"

#include <aubio/aubio.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define WIN 2048
#define HOP 512

struct vstats { double f0, centroid, speech_sec; };

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* aubio keeps process-wide FFT plans: one measurement at a time */
static pthread_mutex_t aubio_mu = PTHREAD_MUTEX_INITIALIZER;

static int measure(const int16_t *pcm, size_t n, int rate, struct vstats *st)
{
	memset(st, 0, sizeof *st);
	size_t hops = n / HOP;
	if (hops < 8) return err_set(ERR_INPUT, "the recording is too short to measure (%.2f s); give a few seconds of speech", (double)n / rate);
	pthread_mutex_lock(&aubio_mu);
	aubio_pitch_t *pt = new_aubio_pitch("yin", WIN, HOP, (uint_t)rate);
	aubio_pvoc_t *pv = new_aubio_pvoc(WIN, HOP);
	aubio_specdesc_t *sd = new_aubio_specdesc("centroid", WIN);
	fvec_t *in = new_fvec(HOP), *f0 = new_fvec(1), *cen = new_fvec(1);
	cvec_t *spec = new_cvec(WIN);
	aubio_pitch_set_unit(pt, "Hz");
	aubio_pitch_set_silence(pt, -45);
	double *f0s = xmalloc(hops * sizeof *f0s), *cs = xmalloc(hops * sizeof *cs), *rms = xmalloc(hops * sizeof *rms);
	size_t nf = 0;
	for (size_t h = 0; h < hops; h++) {
		double e = 0;
		for (size_t i = 0; i < HOP; i++) {
			double v = pcm[h * HOP + i] / 32768.0;
			in->data[i] = (smpl_t)v;
			e += v * v;
		}
		rms[h] = sqrt(e / HOP);
		aubio_pitch_do(pt, in, f0);
		aubio_pvoc_do(pv, in, spec);
		aubio_specdesc_do(sd, spec, cen);
		double hz = f0->data[0], conf = aubio_pitch_get_confidence(pt);
		if (conf > 0.8 && hz > 60 && hz < 600) {
			f0s[nf] = hz;
			cs[nf] = cen->data[0] * (double)rate / WIN;    /* bin -> Hz */
			nf++;
		}
	}
	del_aubio_pitch(pt);
	del_aubio_pvoc(pv);
	del_aubio_specdesc(sd);
	del_fvec(in); del_fvec(f0); del_fvec(cen);
	del_cvec(spec);
	aubio_cleanup();
	pthread_mutex_unlock(&aubio_mu);
	/* speech: hops louder than a tenth of the loud (95th percentile) level */
	double *sorted = xmalloc(hops * sizeof *sorted);
	memcpy(sorted, rms, hops * sizeof *sorted);
	qsort(sorted, hops, sizeof *sorted, cmp_d);
	double loud = sorted[hops * 95 / 100];
	size_t active = 0;
	for (size_t h = 0; h < hops; h++) active += rms[h] > loud * 0.1;
	free(sorted);
	int rc = 0;
	if (nf < 5) {
		rc = err_set(ERR_INPUT, "no voiced speech found in the recording (%zu pitched frames); give a clear recording of one speaker", nf);
	} else {
		qsort(f0s, nf, sizeof *f0s, cmp_d);
		qsort(cs, nf, sizeof *cs, cmp_d);
		st->f0 = f0s[nf / 2];
		st->centroid = cs[nf / 2];
		st->speech_sec = (double)(active * HOP) / rate;
	}
	free(f0s); free(cs); free(rms);
	return rc;
}

static double clampd(double x, double lo, double hi) { return x < lo ? lo : x > hi ? hi : x; }

/* The candidate voices: the engine's voices of the character's sex (flite for English,
 * espeak-ng's Mandarin for Chinese). */
static size_t candidates(int zh, int female, const char **out)
{
	size_t n = 0;
	if (zh) out[n++] = female ? "cmn-latn-pinyin+f2" : "cmn-latn-pinyin+m1";
	else if (female) out[n++] = "slt";
	else { out[n++] = "kal16"; out[n++] = "awb"; out[n++] = "rms"; }
	return n;
}

static int speak_measure(const char *engine, const char *voice, const char *text, const char *lang, struct vstats *st)
{
	json_t *v = json_pack("{s:s,s:s,s:f,s:f}", "engine", engine, "voice", voice, "pitch", 1.0, "rate", 1.0);
	struct line l = { .text = (char *)text };
	struct voice_clip clip;
	int rc = voice_synth(v, &l, lang, &clip);
	if (rc == 0) rc = measure(clip.pcm, clip.n, VOICE_RATE, st);
	voice_clip_free(&clip);
	json_decref(v);
	return rc;
}

int voice_ref_match(const struct series *s, const struct character *c, const char *wav, const char *transcript, json_t **out)
{
	*out = NULL;
	int16_t *pcm = NULL;
	size_t n = 0;
	int rate = 0, ch = 0;
	int rc = wav_read(wav, &pcm, &n, &rate, &ch);
	if (rc < 0) return err_set(rc, "%s: %s; the reference voice must be a WAV file (16-bit PCM)", wav, err_msg());
	if (ch > 1) {                                 /* the first channel */
		for (size_t i = 0; i < n; i++) pcm[i] = pcm[i * (size_t)ch];
	}
	struct vstats ref;
	rc = measure(pcm, n, rate, &ref);
	free(pcm);
	if (rc < 0) return err_set(rc, "%s: %s", wav, err_msg());
	int zh = s->lang && !strncmp(s->lang, "zh", 2);
	const char *lang = zh ? "zh" : "en";
	int female = c->gender ? str_ieq(c->gender, "female") : ref.f0 > 165;
	const char *text = transcript && *transcript ? transcript
	                   : zh ? "今天天气很好，我们一起去公园散步，然后回家吃饭。" : "The quick brown fox jumps over the lazy dog, and then it runs away.";
	const char *engine = zh ? "espeak" : "flite", *names[4];
	size_t nc = candidates(zh, female, names);
	struct vstats best = { 0 };
	const char *pick = NULL;
	for (size_t i = 0; i < nc; i++) {
		struct vstats st;
		if (speak_measure(engine, names[i], text, lang, &st) < 0) continue;
		if (!pick || fabs(log(st.f0 / ref.f0)) < fabs(log(best.f0 / ref.f0))) { best = st; pick = names[i]; }
	}
	if (!pick) return err_set(ERR_GENERIC, "cannot measure the embedded voices to match %s's reference: %s", c->name, err_msg());
	double pitch = clampd(ref.f0 / best.f0, 0.6, 1.7);
	/* speed: only a transcript says how much was said in the reference's seconds */
	double speed = transcript && *transcript && ref.speech_sec > 0 ? clampd(best.speech_sec / ref.speech_sec, 0.5, 2.0) : 1.0;
	double timbre = clampd(ref.centroid / best.centroid, 0.8, 1.25);
	*out = json_pack("{s:s,s:s,s:f,s:f,s:f,s:f,s:{s:f,s:f,s:f,s:s}}", "engine", engine, "voice", pick, "pitch", pitch, "rate", speed,
	                 "gain", 1.0, "timbre", timbre, "ref", "f0", ref.f0, "centroid", ref.centroid, "speech_sec", ref.speech_sec,
	                 "matched_to", pick);
	log_info("voice", "%s: reference %.0f Hz, brightness %.0f Hz, %.2f s of speech -> %s %s pitch %.2f rate %.2f timbre %.2f%s",
	         c->name, ref.f0, ref.centroid, ref.speech_sec, engine, pick, pitch, speed, timbre,
	         transcript && *transcript ? "" : " (no transcript: speed not matched)");
	return 0;
}

/* characters/NAME.voice.wav / .txt of a character (caller frees). */
static char *ref_path(const struct project *p, const char *name, const char *ext)
{
	char *rel = xasprintf("characters/%s.voice.%s", name, ext);
	char *abs = project_path(p, rel);
	free(rel);
	return abs;
}

int voice_cast_refs(struct project *p)
{
	struct series *s = p->s;
	for (size_t i = 0; s && i < s->n_chars; i++) {
		struct character *c = &s->chars[i];
		if (c->voice) continue;                     /* a cast (or edited) voice is kept */
		char *wav = ref_path(p, c->name, "wav"), *txt = ref_path(p, c->name, "txt"), *text = NULL;
		if (file_exists(wav)) {
			size_t tn = 0;
			if (file_exists(txt)) file_read_all(txt, &text, &tn);
			json_t *v = NULL;
			if (voice_ref_match(s, c, wav, text, &v) == 0) c->voice = v;
			else log_warn("voice", "%s; %s gets a voice from the casting pools", err_msg(), c->name);
		}
		free(wav); free(txt); free(text);
	}
	return 0;
}

int voice_ref_set(struct project *p, const char *name, const char *file, const char *transcript)
{
	if (!p || !p->s) return err_set(ERR_INPUT, "no storyboard.json; run `drama script DIR` first");
	struct character *c = series_find_character(p->s, name);
	if (!c) return err_set(ERR_INPUT, "--ref %s=%s: there is no character \"%s\" in storyboard.json", name, file, name);
	json_t *v = NULL;
	int rc = voice_ref_match(p->s, c, file, transcript, &v);
	if (rc < 0) return rc;
	char *data = NULL;
	size_t n = 0;
	char *wav = ref_path(p, name, "wav"), *txt = ref_path(p, name, "txt"), *dir = project_path(p, "characters");
	if ((rc = mkdir_p(dir)) == 0 && (rc = file_read_all(file, &data, &n)) == 0 && (rc = file_write_atomic(wav, data, n)) == 0) {
		if (transcript && *transcript) rc = file_write_atomic(txt, transcript, strlen(transcript));
		else if (file_exists(txt)) remove(txt);          /* an old transcript is not this recording's */
	}
	if (rc == 0) {
		const json_t *api = json_object_get(c->voice, "api_voice");   /* the speech server's voice name stays */
		if (api) json_object_set_new(v, "api_voice", json_deep_copy(api));
		json_decref(c->voice);
		c->voice = v;
		v = NULL;
	}
	json_decref(v);
	free(data); free(wav); free(txt); free(dir);
	return rc;
}

int voice_ref_arg(struct project *p, const char *arg, const char *transcript)
{
	const char *eq = arg ? strchr(arg, '=') : NULL;
	if (!eq || eq == arg || !eq[1])
		return err_set(ERR_INPUT, "--ref %s: write NAME=FILE.wav, like --ref Xia=xia_sample.wav", arg ? arg : "");
	char *name = xstrndup(arg, (size_t)(eq - arg));
	int rc = voice_ref_set(p, name, eq + 1, transcript);
	if (rc == 0) rc = project_save(p);
	if (rc == 0) log_info("voice", "%s speaks like %s from now on (characters/%s.voice.wav)", name, eq + 1, name);
	free(name);
	return rc;
}
