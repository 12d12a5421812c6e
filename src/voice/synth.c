/* voice/synth.c — one line to one clip: choose the language, normalise the text
 * (English) or convert it to pinyin (Chinese), synthesise it in pieces, join the
 * pieces and their timings, resample to 48 kHz mono and apply the gain. */
#include "voice/voice_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* Gain with a soft knee above 0.9 of full scale so loud deliveries never wrap. */
static void apply_gain(int16_t *pcm, size_t n, double g)
{
	if (fabs(g - 1.0) < 1e-6) return;
	for (size_t i = 0; i < n; i++) {
		double x = pcm[i] * g / 32768.0, a = fabs(x);
		if (a > 0.9) a = 0.9 + 0.1 * tanh((a - 0.9) / 0.1);
		x = x < 0 ? -a : a;
		pcm[i] = (int16_t)lrint(x * 32767.0);
	}
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
	const char *lg = has_cjk(l->text) ? "zh" : (lang && !strncmp(lang, "zh", 2) ? "zh" : "en");
	/* a Chinese project line with only Latin text is spoken in English */
	if (!has_cjk(l->text)) lg = "en";
	struct voice_params vp;
	int rc = voice_params_from(voice, l->emotion, lg, &vp);
	if (rc < 0) return rc;
	int zh = !strcmp(vp.engine, "espeak");

	char *text = NULL, **src = NULL;
	size_t n_src = 0;
	if (zh) {
		if ((rc = vpinyin_convert(l->text, &text, &src, &n_src)) < 0) return rc;
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
	if ((rc = vresample(all, n_all, rate, &out->pcm, &out->n)) < 0) goto fail;
	free(all);
	all = NULL;
	apply_gain(out->pcm, out->n, vp.gain);
	/* the timing covers exactly the resampled audio */
	double dur = (double)out->n / VOICE_RATE;
	t.duration = dur;
	if (t.n_ph) {
		if (t.ph[t.n_ph - 1].end < dur || t.ph[t.n_ph - 1].end > dur) t.ph[t.n_ph - 1].end = dur;
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
