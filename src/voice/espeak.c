/* voice/espeak.c — Mandarin speech with espeak-ng in-process, from tone-numbered
 * pinyin through the cmn-latn-pinyin voice (variants "+f2", "+m3" change the timbre).
 * espeak-ng's state is global: voice_engine_lock guards initialisation and every
 * synthesis. Its output is not bit-for-bit repeatable: it varies by a few samples from
 * call to call, and after some sentences later ones come out up to ~6% slower (state
 * that neither espeak_SetVoiceByName nor a closing stop resets); Chinese clips are
 * reproducible through the cache.
 * Phoneme events (audio_position, ms) give the phoneme times, word events the
 * syllable times. */
#include "voice/voice_internal.h"

#include <espeak-ng/speak_lib.h>
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static int g_rate;            /* 0 = not initialised, <0 = failed */
static char g_voice[48];

struct ev { double t; char ph[8]; int word, pos, len; };   /* word: 0 phoneme, 1 word, 2 ignored */
struct collect {
	int16_t *pcm; size_t n, cap;
	struct ev *ev; size_t n_ev, cap_ev;
};

static int on_synth(short *wav, int n, espeak_EVENT *events)
{
	struct collect *c = events ? events->user_data : NULL;
	if (!c) return 0;
	if (wav && n > 0) {
		if (c->n + (size_t)n > c->cap) {
			c->cap = (c->n + (size_t)n) * 2;
			c->pcm = xrealloc(c->pcm, c->cap * sizeof *c->pcm);
		}
		memcpy(c->pcm + c->n, wav, (size_t)n * sizeof *wav);
		c->n += (size_t)n;
	}
	for (espeak_EVENT *e = events; e && e->type != espeakEVENT_LIST_TERMINATED; e++) {
		if (e->type != espeakEVENT_PHONEME && e->type != espeakEVENT_WORD) continue;
		xgrow((void **)&c->ev, &c->cap_ev, c->n_ev, sizeof *c->ev);
		struct ev *x = &c->ev[c->n_ev++];
		x->t = e->audio_position / 1000.0;
		x->word = e->type == espeakEVENT_WORD;
		x->pos = e->text_position;
		x->len = e->length;
		if (!x->word) snprintf(x->ph, sizeof x->ph, "%.7s", e->id.string);
	}
	return 0;
}

static int init_locked(void)
{
	if (g_rate > 0) return 0;
	if (g_rate < 0) return err_set(ERR_NOTFOUND, "voice: espeak-ng failed to start earlier; check that espeak-ng-data is installed (libespeak-ng1)");
	int r = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, NULL, espeakINITIALIZE_PHONEME_EVENTS | espeakINITIALIZE_DONT_EXIT);
	if (r <= 0) {
		g_rate = -1;
		return err_set(ERR_NOTFOUND, "voice: espeak-ng could not start (no espeak-ng-data?); install libespeak-ng1 and espeak-ng-data");
	}
	espeak_SetSynthCallback(on_synth);
	g_rate = r;
	/* the first utterance after start-up comes out differently (longer, and with
	 * extra word events); speak a throw-away syllable so every line is a later one */
	struct collect junk = { 0 };
	if (espeak_SetVoiceByName("cmn-latn-pinyin") == EE_OK)
		espeak_Synth("a1", 3, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, &junk);
	free(junk.pcm);
	free(junk.ev);
	g_voice[0] = 0;
	return 0;
}

static int clampi(int x, int lo, int hi) { return x < lo ? lo : x > hi ? hi : x; }

int vespeak_synth(const struct voice_params *vp, const char *text, int16_t **pcm, size_t *n, int *rate, struct voice_timing *t)
{
	memset(t, 0, sizeof *t);
	*pcm = NULL; *n = 0;
	struct collect c = { 0 };
	pthread_mutex_lock(&voice_engine_lock);
	srand((unsigned)seed_mix(0x65737065616bULL, text));    /* espeak-ng uses rand() too */
	int rc = init_locked();
	if (rc < 0) goto end;
	if (strcmp(g_voice, vp->voice)) {
		if (espeak_SetVoiceByName(vp->voice) != EE_OK) {
			rc = err_set(ERR_INPUT, "voice: espeak-ng has no voice \"%s\"; use cmn-latn-pinyin, optionally with a variant such as +f2 or +m3", vp->voice);
			g_voice[0] = 0;
			goto end;
		}
		snprintf(g_voice, sizeof g_voice, "%s", vp->voice);
	}
	espeak_SetParameter(espeakRATE, clampi((int)(165 * vp->rate), 80, 450), 0);
	espeak_SetParameter(espeakPITCH, clampi((int)(50 + (vp->pitch - 1.0) * 150), 0, 99), 0);
	espeak_SetParameter(espeakRANGE, clampi((int)(50 + vp->rise * 35), 0, 99), 0);
	espeak_SetParameter(espeakVOLUME, 100, 0);
	/* a text without a final stop leaves espeak-ng's clause state open and slows every
	 * later utterance: always close it (positions of the words are unchanged) */
	size_t tlen = strlen(text);
	char *closed = xasprintf("%s%s", text, tlen && strchr(".?!", text[tlen - 1]) ? "" : ".");
	int ok = espeak_Synth(closed, strlen(closed) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, &c) == EE_OK;
	free(closed);
	if (!ok) {
		rc = err_set(ERR_GENERIC, "voice: espeak-ng could not synthesise \"%.40s\"", text);
		goto end;
	}
	*rate = g_rate;
end:
	pthread_mutex_unlock(&voice_engine_lock);
	if (rc < 0) { free(c.pcm); free(c.ev); return rc; }

	double dur = (double)c.n / *rate;
	t->duration = dur;
	/* phonemes: each lasts until the next one starts; silence before the first */
	double prev = 0;
	const char *prev_ph = "_";
	for (size_t i = 0; i < c.n_ev; i++) {
		if (c.ev[i].word) continue;
		double s = c.ev[i].t > dur ? dur : c.ev[i].t;
		if (s < prev) s = prev;
		if (s > prev) vtiming_add_phone(t, prev, s, prev_ph);
		prev = s;
		prev_ph = c.ev[i].ph;
	}
	if (dur > prev) vtiming_add_phone(t, prev, dur, prev_ph);
	/* espeak-ng also reports "words" for pause marks (after its first utterance, with
	 * no letters in them): those are not words */
	size_t tl = strlen(text);
	for (size_t i = 0; i < c.n_ev; i++) {
		if (c.ev[i].word != 1) continue;
		int letters = 0;
		for (int k = 0; k < c.ev[i].len && c.ev[i].pos >= 1 && (size_t)(c.ev[i].pos - 1 + k) < tl; k++)
			if (isalnum((unsigned char)text[c.ev[i].pos - 1 + k])) letters = 1;
		if (!letters) c.ev[i].word = 2;
	}
	/* words: from the word event to the end of its last sounding phoneme */
	for (size_t i = 0; i < c.n_ev; i++) {
		if (c.ev[i].word != 1) continue;
		double s = c.ev[i].t > dur ? dur : c.ev[i].t, e = dur;
		for (size_t j = i + 1; j < c.n_ev; j++) if (c.ev[j].word == 1) { e = c.ev[j].t > dur ? dur : c.ev[j].t; break; }
		double last = s;
		for (size_t k = 0; k < t->n_ph; k++)
			if (t->ph[k].start >= s - 1e-6 && t->ph[k].start < e && t->ph[k].ph[0] != '_') last = t->ph[k].end;
		if (last > s && last < e) e = last;
		/* the pinyin is ASCII: character positions (1-based) are byte offsets */
		char w[64] = "";
		if (c.ev[i].pos >= 1 && (size_t)c.ev[i].pos <= tl && c.ev[i].len > 0)
			snprintf(w, sizeof w, "%.*s", c.ev[i].len, text + c.ev[i].pos - 1);
		vtiming_add_word(t, s, e, w);
	}
	vviseme_build(t, 1);
	free(c.ev);
	*pcm = c.pcm;
	*n = c.n;
	return 0;
}
