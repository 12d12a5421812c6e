/* voice/synth.c — one line to one clip: choose the language, normalise the text
 * (English) or convert it to pinyin (Chinese), synthesise it in pieces, join the
 * pieces and their timings, resample to 48 kHz mono and apply the gain. */
#include "voice/voice_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

pthread_mutex_t voice_engine_lock = PTHREAD_MUTEX_INITIALIZER;

#define SILENCE_SEC 0.25     /* a line with nothing speakable becomes this much silence */

static int has_cjk(const char *s)
{
	const char *p = s;
	while (p && *p) {
		int32_t c = utf8_next(&p);
		if (c > 0 && utf8_is_cjk(c)) return 1;
	}
	return 0;
}

int16_t vsoft_clip(double x)
{
	double a = fabs(x);
	if (a > 0.9) a = 0.9 + 0.1 * tanh((a - 0.9) / 0.1);
	return (int16_t)lrint((x < 0 ? -a : a) * 32767.0);
}

/* Gain, lowered where it would push the peak into the soft knee (0.9 of full scale):
 * a loud delivery is louder but never saturated. Saturating shouts (angry x1.4, shout
 * x1.6 clipped by the knee) was distortion standing in for emotion; the mix evens the
 * lines' loudness anyway, and the emotion is carried by pitch, rate and rise. */
static void apply_gain(int16_t *pcm, size_t n, double g)
{
	int peak = 1;
	for (size_t i = 0; i < n; i++) if (abs(pcm[i]) > peak) peak = abs(pcm[i]);
	if (g * peak > 0.9 * 32767) g = 0.9 * 32767 / peak;
	if (fabs(g - 1.0) < 1e-6) return;
	for (size_t i = 0; i < n; i++) pcm[i] = vsoft_clip(pcm[i] * g / 32768.0);
}

/* A rising ending (surprise, "rise" > 0): the last word (at least 0.35 s, at most
 * 0.6 s) is
 * replayed with a speed that grows to 1 + 0.4 * rise, so its pitch glides up by as
 * much; the timing inside the tail is remapped through the same curve. */
static void rise_tail(int16_t **pcm, size_t *n, int rate, struct voice_timing *t, double rise)
{
	if (rise <= 0 || *n < (size_t)rate / 4) return;
	double dur = (double)*n / rate, ts = dur - 0.6;
	if (t->n_words && t->words[t->n_words - 1].start > ts) ts = t->words[t->n_words - 1].start;
	if (ts > dur - 0.35) ts = dur - 0.35;      /* a short last syllable: glide over the last two */
	if (ts < 0) ts = 0;
	size_t s0 = (size_t)(ts * rate), len = *n - s0;
	if (len < 64) return;
	double g = 0.4 * (rise > 1 ? 1 : rise);
	double *xs = xmalloc((len + 2) * sizeof *xs);            /* input position of each output sample */
	int16_t *out = xmalloc((s0 + len + 2) * sizeof *out);
	memcpy(out, *pcm, s0 * sizeof *out);
	size_t m = 0;
	for (double x = (double)s0; x < (double)(*n - 1); x += 1.0 + g * ((x - s0) / len)) {
		size_t i = (size_t)x;
		double f = x - i;
		out[s0 + m] = (int16_t)lrint((*pcm)[i] * (1 - f) + (*pcm)[i + 1] * f);
		xs[m++] = x;
	}
	/* input seconds -> output seconds */
#define REMAP(tau) do { double in_ = (tau) * rate; if (in_ > s0) { size_t lo_ = 0, hi_ = m; 		while (lo_ < hi_) { size_t mid_ = (lo_ + hi_) / 2; if (xs[mid_] < in_) lo_ = mid_ + 1; else hi_ = mid_; } 		(tau) = (double)(s0 + lo_) / rate; } } while (0)
	for (size_t i = 0; i < t->n_ph; i++) { REMAP(t->ph[i].start); REMAP(t->ph[i].end); }
	for (size_t i = 0; i < t->n_words; i++) { REMAP(t->words[i].start); REMAP(t->words[i].end); }
#undef REMAP
	free(xs);
	free(*pcm);
	*pcm = out;
	*n = s0 + m;
	t->duration = (double)*n / rate;
	if (t->n_ph) t->ph[t->n_ph - 1].end = t->duration;
}

/* Word timings name what was written: map Chinese syllables back to their hanzi. */
static void rename_words(struct voice_timing *t, char **src, size_t n_src)
{
	if (!src || t->n_words != n_src) return;
	for (size_t i = 0; i < n_src; i++) {
		free(t->words[i].word);
		t->words[i].word = xstrdup(src[i]);
	}
}

int voice_synth(const json_t *voice, const struct line *l, const char *lang, struct voice_clip *out)
{
	memset(out, 0, sizeof *out);
	if (!l || !l->text)
		return err_set(ERR_INPUT, "voice: a line has no text; give it text or remove it");
	/* the text decides: hanzi are spoken in Chinese, Latin letters in English; a line
	 * of digits and symbols only follows the project's language */
	int latin = 0;
	for (const char *q = l->text; *q; q++) if ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z') { latin = 1; break; }
	const char *lg = has_cjk(l->text) ? "zh" : latin ? "en" : (lang && !strncmp(lang, "zh", 2) ? "zh" : "en");
	struct voice_params vp;
	int rc = voice_params_from(voice, l->emotion, lg, &vp);
	if (rc < 0) return rc;
	int zh = !strcmp(vp.engine, "espeak");

	char *text = NULL, **src = NULL;
	size_t n_src = 0;
	if (zh) {
		if ((rc = vpinyin_convert(l->text, &text, &src, &n_src)) < 0) return rc;
		vpinyin_spoken(text);
	} else {
		text = vnorm_en(l->text);
	}

	char **pieces = NULL;
	size_t np = vsplit(text, VOICE_PIECE_CHARS, &pieces);
	int16_t *all = NULL;
	size_t n_all = 0, cap = 0;
	int rate = 0;
	struct voice_timing t = { 0 };
	for (size_t i = 0; i < np && rc == 0; i++) {
		int16_t *pcm = NULL; size_t n = 0; int r = 0;
		struct voice_timing pt;
		rc = zh ? vespeak_synth(&vp, pieces[i], &pcm, &n, &r, &pt) : vflite_synth(&vp, pieces[i], &pcm, &n, &r, &pt);
		if (rc == 0 && n) {
			if (rate && r != rate) {      /* one voice has one rate; guard anyway */
				rc = err_set(ERR_GENERIC, "voice: engine changed sample rate mid-line (%d vs %d)", rate, r);
			} else {
				rate = r;
				vtiming_append(&t, &pt, (double)n_all / rate);
				if (n_all + n > cap) { cap = (n_all + n) * 2; all = xrealloc(all, cap * sizeof *all); }
				memcpy(all + n_all, pcm, n * sizeof *pcm);
				n_all += n;
			}
		}
		free(pcm);
		voice_timing_free(&pt);
	}
	for (size_t i = 0; i < np; i++) free(pieces[i]);
	free(pieces);
	free(text);
	if (rc < 0) goto fail;

	if (n_all == 0) {
		log_warn("voice", "line \"%.40s\" has nothing to speak (symbols or stage directions only); using %.2f s of silence", l->text, SILENCE_SEC);
		voice_timing_free(&t);
		out->n = (size_t)(SILENCE_SEC * VOICE_RATE);
		out->pcm = xcalloc(out->n, sizeof *out->pcm);
		out->t.duration = SILENCE_SEC;
		vtiming_add_phone(&out->t, 0, SILENCE_SEC, zh ? "_" : "pau");
		vviseme_build(&out->t, zh);
		vpinyin_strv_free(src, n_src);
		return 0;
	}
	if (zh) rename_words(&t, src, n_src);
	if (vp.unvoiced && !zh) vwhisper(all, n_all, rate);
	rise_tail(&all, &n_all, rate, &t, vp.rise);
	vcreature_fx(all, n_all, rate, vp.effect);
	if ((rc = vresample(all, n_all, rate, &out->pcm, &out->n)) < 0) goto fail;
	free(all);
	all = NULL;
	apply_gain(out->pcm, out->n, vp.gain);
	/* the timing covers exactly the resampled audio */
	double dur = (double)out->n / VOICE_RATE;
	t.duration = dur;
	if (t.n_ph) {
		t.ph[t.n_ph - 1].end = dur;
		for (size_t i = 0; i < t.n_ph; i++) {
			if (t.ph[i].end > dur) t.ph[i].end = dur;
			if (t.ph[i].start > dur) t.ph[i].start = dur;
		}
	}
	for (size_t i = 0; i < t.n_words; i++) if (t.words[i].end > dur) t.words[i].end = dur;
	vviseme_build(&t, zh);
	out->t = t;
	vpinyin_strv_free(src, n_src);
	return 0;
fail:
	free(all);
	voice_timing_free(&t);
	vpinyin_strv_free(src, n_src);
	voice_clip_free(out);
	return rc;
}
