/* music/mix.c — the episode's sound: dialogue placed frame-exactly and centred, each
 * scene's score with crossfades at scene changes and ducked under speech (look-ahead
 * sidechain, attack ~50 ms, release ~300 ms, -20 dB plus a speech-band cut), effects at their cues, location
 * ambience, then libebur128 loudness normalisation to -14 LUFS with true peak <= -1 dBTP. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <ebur128.h>
#include <jansson.h>
#include "music/music_internal.h"

#define MIX_TARGET_LUFS (-14.0)
#define MIX_CEILING_DB (-1.5)     /* -1 dBTP with room for the AAC encoder's overshoot */
#define DIA_LUFS (-16.0)          /* dialogue level before the master gain */
#define BED_LUFS (-22.0)          /* music between lines */
#define DUCK_DB (-20.0)
#define DUCK_ATTACK 0.050
#define DUCK_RELEASE 0.300
#define DUCK_BLOCK 240            /* 5 ms sidechain blocks */
#define SPEECH_BAND_HZ 1500.0     /* centre of the extra cut in the music under speech */
#define SPEECH_BAND_DB (-20.0)    /* its depth at the centre */

static double db(double x) { return pow(10, x / 20); }

/* DRAMA_MIX_MUTE="music,ambience,effects,reverb,dialogue" leaves parts out (for checking a mix) */
static int muted(const char *part)
{
	const char *m = getenv("DRAMA_MIX_MUTE");
	return m && strstr(m, part) != NULL;
}

static double data_db(const char *table, const char *key, double def)
{
	static json_t *root;
	if (!root) {
		char *p = data_path("music/ambience.json");
		root = json_load_file(p, 0, NULL);
		free(p);
	}
	json_t *v = json_object_get(json_object_get(root, table), key);
	return json_is_number(v) ? json_number_value(v) : def;
}

/* Mono dialogue bus: every line at its line_start sample, cut at the next line. */
static int place_dialogue(const struct project *p, const struct timeline *tl, float *dia, size_t total,
                          int *n_lines)
{
	int64_t prev_end = -1;
	*n_lines = 0;
	for (size_t i = 0; i < tl->n_shots; i++) {
		const struct tl_shot *t = &tl->shots[i];
		if (t->line_start < 0 || !t->sh->line)
			continue;
		if (t->line_start < prev_end)
			return err_set(ERR_GENERIC, "timeline: line of scene %d shot %d starts at frame %lld, before the previous "
			               "line ends (frame %lld); lines must not overlap", t->scene + 1, t->shot + 1,
			               (long long)t->line_start, (long long)prev_end);
		prev_end = t->line_end;
		const struct line *ln = t->sh->line;
		if (!ln->audio) {
			log_warn("mix", "scene %d shot %d: line has no audio yet (run `drama voice`); it will be silent",
			         t->scene + 1, t->shot + 1);
			continue;
		}
		char *path = project_path(p, ln->audio);
		float *pcm;
		size_t n;
		int rc = wav_read_float(path, &pcm, &n);    /* any rate/channels -> 48 kHz stereo */
		free(path);
		if (rc < 0) {
			log_warn("mix", "scene %d shot %d: %s; the line will be silent", t->scene + 1, t->shot + 1, err_msg());
			continue;
		}
		/* even out voices: each line moves 70% of the way to the dialogue target, so
		 * a shout stays louder than a whisper but no voice gets lost */
		double lg = 1;
		ebur128_state *st = ebur128_init(2, MIX_RATE, EBUR128_MODE_I);
		if (st) {
			double l;
			ebur128_add_frames_float(st, pcm, n);
			if (ebur128_loudness_global(st, &l) == EBUR128_SUCCESS && isfinite(l))
				lg = db(0.7 * (DIA_LUFS - l));
			ebur128_destroy(&st);
		}
		size_t at = (size_t)music_sample_of(tl, t->line_start);
		/* the next line's start bounds this one, so two voices never overlap */
		size_t limit = total;
		for (size_t k = i + 1; k < tl->n_shots; k++)
			if (tl->shots[k].line_start >= 0) { limit = (size_t)music_sample_of(tl, tl->shots[k].line_start); break; }
		size_t fade = MIX_RATE / 500;
		size_t end = at + n < limit ? at + n : limit;
		for (size_t s = 0; at + s < end; s++) {
			double v = 0.5 * ((double)pcm[2 * s] + pcm[2 * s + 1]) * lg;
			size_t left = end - (at + s);
			if (left < fade) v *= (double)left / fade;
			dia[at + s] += (float)v;
		}
		free(pcm);
		(*n_lines)++;
	}
	return 0;
}

/* Per-block music gain: 1 between lines, DUCK_DB under speech, smoothed. */
static float *duck_curve(const float *dia, size_t total, size_t *nb_out)
{
	size_t nb = total / DUCK_BLOCK + 2;
	float *g = xmalloc(nb * sizeof *g);
	char *speech = xcalloc(nb, 1);
	double thr = db(-50);
	for (size_t b = 0; b * DUCK_BLOCK < total; b++) {
		double ss = 0;
		size_t a = b * DUCK_BLOCK, e = a + DUCK_BLOCK < total ? a + DUCK_BLOCK : total;
		for (size_t i = a; i < e; i++) ss += (double)dia[i] * dia[i];
		speech[b] = sqrt(ss / (double)(e - a)) > thr;
	}
	/* look-ahead 60 ms (the duck is down when the word starts), hold 200 ms over word gaps */
	size_t ahead = (size_t)(0.060 * MIX_RATE / DUCK_BLOCK), hold = (size_t)(0.200 * MIX_RATE / DUCK_BLOCK);
	char *key = xcalloc(nb, 1);
	for (size_t b = 0; b < nb; b++)
		if (speech[b]) {
			size_t a = b > ahead ? b - ahead : 0;
			for (size_t k = a; k <= b + hold && k < nb; k++) key[k] = 1;
		}
	double blk = (double)DUCK_BLOCK / MIX_RATE;
	double ca = 1 - exp(-blk / DUCK_ATTACK), cr = 1 - exp(-blk / DUCK_RELEASE);
	double lvl = 0;                       /* duck depth in dB, smoothed */
	for (size_t b = 0; b < nb; b++) {
		double tgt = key[b] ? DUCK_DB : 0;
		lvl += (tgt - lvl) * (tgt < lvl ? ca : cr);
		g[b] = (float)db(lvl);
	}
	free(speech);
	free(key);
	*nb_out = nb;
	return g;
}

static float duck_at(const float *g, size_t nb, size_t i)
{
	size_t b = i / DUCK_BLOCK;
	if (b + 1 >= nb) return g[nb - 1];
	float f = (float)(i % DUCK_BLOCK) / DUCK_BLOCK;
	return g[b] + (g[b + 1] - g[b]) * f;
}

/* A small Schroeder reverb on a mono range, added to both channels (hall scenes). */
static void hall_reverb(const float *dia, float *out, size_t a, size_t e, size_t total, double wet)
{
	static const double comb_ms[4] = { 29.7, 37.1, 41.1, 43.7 };
	size_t tail = MIX_RATE * 3 / 2;
	size_t n = (e - a) + tail;
	if (a + n > total) n = total - a;
	float *y = xcalloc(n, sizeof *y);
	for (int c = 0; c < 4; c++) {
		size_t d = (size_t)(comb_ms[c] * 1.7 * MIX_RATE / 1000);
		float *buf = xcalloc(n, sizeof *buf);
		float lp = 0;
		for (size_t i = 0; i < n; i++) {
			float in = i < e - a ? dia[a + i] : 0;
			float fb = i >= d ? buf[i - d] : 0;
			lp = 0.7f * fb + 0.3f * lp;          /* damping */
			buf[i] = in + 0.82f * lp;
			y[i] += fb * 0.25f;
		}
		free(buf);
	}
	for (size_t i = 0; i < n; i++) {
		float v = (float)(y[i] * wet);
		float w = i >= 331 ? (float)(y[i - 331] * wet) : 0;
		out[2 * (a + i)] += v;
		out[2 * (a + i) + 1] += w;
	}
	free(y);
}

/* The effect's hit plays in full; its tail (from 250 ms after the cue) ducks under speech
 * at half the music's depth in dB, so a ringing stinger does not cover the next words. */
static void add_effect(const char *name, uint64_t seed, float *out, size_t total, int64_t at, double gain_db,
                       const float *duck, size_t nb, const char *why)
{
	float *fx;
	size_t n, pre;
	if (muted("effects"))
		return;
	if (sfx_render(name, seed, &fx, &n, &pre) < 0) {
		log_warn("mix", "%s: %s; skipped", why, err_msg());
		return;
	}
	/* effects come normalised to a 0.5 peak; the table gives their peak in dBFS with the
	 * dialogue at DIA_LUFS */
	double g = db(data_db("effects_db", sfx_canon(name), -10) + gain_db) / 0.5;
	int64_t s0 = at - (int64_t)pre;
	size_t hit = pre + MIX_RATE / 4;
	for (size_t i = 0; i < n; i++) {
		int64_t k = s0 + (int64_t)i;
		if (k < 0 || (size_t)k >= total) continue;
		double gk = g;
		if (i >= hit) {
			double d = sqrt(duck_at(duck, nb, (size_t)k));
			double ramp = fmin(1.0, (double)(i - hit) / (MIX_RATE / 20));
			gk *= 1 - ramp * (1 - d);
		}
		out[2 * k] += (float)(fx[2 * i] * gk);
		out[2 * k + 1] += (float)(fx[2 * i + 1] * gk);
	}
	free(fx);
}

int mix_episode(const struct project *p, const struct episode *ep, const struct timeline *tl,
                float **lr_out, size_t *frames_out)
{
	*lr_out = NULL;
	*frames_out = 0;
	if (!tl || tl->fps <= 0 || tl->frames <= 0)
		return err_set(ERR_INPUT, "mix: empty timeline for episode %d", ep ? ep->number : 0);
	double t0 = now_sec();
	size_t total = (size_t)music_sample_of(tl, tl->frames);
	const struct series *s = p ? p->s : NULL;
	float *out = xcalloc(total * 2 + 2, sizeof *out);
	float *dia = xcalloc(total + 1, sizeof *dia);
	int n_lines = 0;
	int rc = place_dialogue(p, tl, dia, total, &n_lines);
	if (rc < 0)
		goto fail;
	/* dialogue level: measured as it will sound (centred = the same in both channels) */
	{
		ebur128_state *st = ebur128_init(1, MIX_RATE, EBUR128_MODE_I);
		double l = -HUGE_VAL;
		if (st) {
			ebur128_add_frames_float(st, dia, total);
			if (ebur128_loudness_global(st, &l) != EBUR128_SUCCESS) l = -HUGE_VAL;
			ebur128_destroy(&st);
		}
		if (isfinite(l)) {
			float g = (float)db(DIA_LUFS - (l + 3.01));
			for (size_t i = 0; i < total; i++) dia[i] *= g;
		}
	}
	size_t nb;
	float *duck = duck_curve(dia, total, &nb);

	/* music: scene by scene, one cue in memory at a time */
	size_t xf = (size_t)(MUSIC_XFADE_SEC * MIX_RATE);
	double bed = db(BED_LUFS - MUSIC_CUE_LUFS);
	for (size_t i = 0; i < tl->n_scenes && ep && i < ep->n_scenes; i++) {
		const struct scene *sc = &ep->scenes[i];
		int64_t start, len;
		music_cue_span(tl, i, &start, &len);
		if (!sc->music || muted("music")) {
			log_warn("mix", "episode %d scene %zu has no music (run `drama music`)", ep->number, i + 1);
			continue;
		}
		char *path = project_path(p, sc->music);
		float *cue;
		size_t n;
		if (wav_read_float(path, &cue, &n) < 0) {
			log_warn("mix", "episode %d scene %zu: %s; no music for this scene", ep->number, i + 1, err_msg());
			free(path);
			continue;
		}
		free(path);
		int last = i + 1 == tl->n_scenes;
		size_t want = (size_t)len + (last ? 0 : xf);
		if (n != want) {
			/* the cue was made for another length (lines re-voiced): loop or trim, fade out */
			music_fit(&cue, &n, want, 2 * MIX_RATE, 0, last ? MIX_RATE : xf);
		} else if (last) {
			music_fit(&cue, &n, want, 0, 0, MIX_RATE);
		}
		size_t fin = i == 0 ? 0 : xf / 3;
		double mood_gain = db(music_mood_bed_db(sc->mood));
		/* under speech the music also loses most of the speech band (a dynamic
		 * peaking cut around 1.5 kHz): words stay clear without pumping the bass */
		double w = 2 * M_PI * SPEECH_BAND_HZ / MIX_RATE, al = sin(w) / (2 * 0.6), q0 = 1 + al;
		double b0 = al / q0, b2 = -al / q0, a1 = -2 * cos(w) / q0, a2 = (1 - al) / q0;
		double z[2][2] = { { 0, 0 }, { 0, 0 } };
		double floor_g = db(DUCK_DB), cut = 1 - db(SPEECH_BAND_DB);
		for (size_t k = 0; k < n; k++) {
			size_t at = (size_t)start + k;
			if (at >= total) break;
			float d = duck_at(duck, nb, at);
			float g = (float)(bed * mood_gain) * d;
			if (k < fin) g *= (float)sin((double)k / fin * M_PI / 2);
			double u = (1 - d) / (1 - floor_g);       /* 0 between lines, 1 under speech */
			for (int c = 0; c < 2; c++) {
				double x = cue[2 * k + c];
				double y = b0 * x + z[c][0];
				z[c][0] = -a1 * y + z[c][1];
				z[c][1] = b2 * x - a2 * y;
				out[2 * at + c] += (float)((x - u * cut * y) * g);
			}
		}
		free(cue);

		/* ambience of the place, under everything, lightly ducked */
		const char *layers[6];
		int nl = amb_layers_for(s, sc, layers, 6);
		int64_t a0 = music_sample_of(tl, tl->scenes[i].start);
		int64_t alen = music_sample_of(tl, tl->scenes[i].start + tl->scenes[i].frames) - a0;
		if (alen > 0 && nl > 0 && !muted("ambience")) {
			/* the layers of one scene, then under speech at half the music's duck (dB) */
			float *amb = xcalloc((size_t)alen * 2, sizeof *amb);
			for (int k = 0; k < nl; k++) {
				double gdb = DIA_LUFS - (-20.0) + data_db("gains_db", layers[k], -30);
				amb_add(layers[k], music_cue_seed(s, ep, i), amb, (size_t)alen, MIX_RATE / 4, (float)db(gdb));
			}
			for (size_t k = 0; k < (size_t)alen && (size_t)a0 + k < total; k++) {
				float d = sqrtf(duck_at(duck, nb, (size_t)a0 + k));
				out[2 * (a0 + k)] += amb[2 * k] * d;
				out[2 * (a0 + k) + 1] += amb[2 * k + 1] * d;
			}
			free(amb);
		}
		int reverb = 0;
		for (int k = 0; k < nl; k++) if (str_eq(layers[k], "hall")) reverb = 1;
		if (reverb && alen > 0 && !muted("reverb"))
			hall_reverb(dia, out, (size_t)a0, (size_t)(a0 + alen), total, 0.2);
	}

	/* effects at their cues */
	for (size_t i = 0; i < tl->n_shots; i++) {
		const struct tl_shot *t = &tl->shots[i];
		const struct shot *sh = t->sh;
		int64_t at = music_sample_of(tl, t->start);
		uint64_t seed = music_cue_seed(s, ep, (size_t)t->scene) ^ (uint64_t)(i * 7919);
		char why[64];
		snprintf(why, sizeof why, "scene %d shot %d", t->scene + 1, t->shot + 1);
		const char *fx = sfx_canon(sh->sound);
		if (sh->sound && !fx)
			log_warn("mix", "%s: unknown sound \"%s\" (known: stinger whoosh slap impact door knock phone bell thunder footsteps glass heartbeat crowd gasp)", why, sh->sound);
		int stinger = str_eq(fx, "stinger") || str_eq(sh->camera, "snap_zoom") || str_eq(sh->transition, "flash");
		if (stinger)
			add_effect("stinger", seed, out, total, at, 0, duck, nb, why);
		if (str_eq(sh->transition, "whip_pan") && !str_eq(fx, "whoosh"))
			add_effect("whoosh", seed, out, total, at, 0, duck, nb, why);
		if (fx && !str_eq(fx, "stinger")) {
			/* a slap lands a beat into the shot, on the action */
			int64_t when = at + (str_eq(fx, "slap") || str_eq(fx, "impact") ? MIX_RATE / 5 : 0);
			add_effect(fx, seed, out, total, when, 0, duck, nb, why);
		}
	}
	/* the cliffhanger: a hit on the "to be continued" card */
	if (tl->end_start > tl->title_frames)
		add_effect("stinger", music_cue_seed(s, ep, 999), out, total, music_sample_of(tl, tl->end_start), 0, duck, nb, "end card");
	free(duck);

	/* dialogue on top, centred */
	for (size_t i = 0; i < total && !muted("dialogue"); i++) {
		out[2 * i] += dia[i];
		out[2 * i + 1] += dia[i];
	}
	free(dia);
	dia = NULL;
	double lufs, tp;
	if ((rc = level_master(out, total, MIX_TARGET_LUFS, MIX_CEILING_DB, &lufs, &tp)) < 0)
		goto fail;
	log_info("mix", "episode %d: %.1f s, %d lines, %.1f LUFS, true peak %.1f dBTP (mixed in %.2f s)",
	         ep ? ep->number : 0, (double)total / MIX_RATE, n_lines, lufs, tp, now_sec() - t0);
	*lr_out = out;
	*frames_out = total;
	return 0;
fail:
	free(out);
	free(dia);
	return rc;
}
