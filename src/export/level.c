/* export/level.c — the mix's levels as an editor's clip volumes.
 *
 * The episode's own mix (src/music/mix.c) evens out the voices, normalises the dialogue
 * bus, lays the music at its bed level, ducks it under speech and masters the sum to
 * -14 LUFS. An editor plays clips at their volumes and sums them, nothing more, so:
 *   - each dialogue clip gets the mix's per-line gain (70% of the way to the dialogue
 *     target) plus the dialogue bus gain;
 *   - each music clip keeps its bed level and gets the duck as volume keyframes (down
 *     before each line, held over the line and its pause, released after);
 *   - the sum of all clips as an editor plays it is measured (libebur128), and the gap to
 *     -14 LUFS is added to every clip as the master gain (no limiter: the export has
 *     none to offer; the sum's peaks stay where the clips put them).
 * The constants mirror mix.c's (read there; they are not exported by it). */
#include "export/export.h"
#include "core/wav.h"

#include <ebur128.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LV_RATE 24000          /* the measuring rate: K-weighting's shelf sits far below 12 kHz */
#define LV_TARGET_LUFS (-14.0) /* mix.c MIX_TARGET_LUFS */
#define LV_DIA_LUFS (-16.0)    /* mix.c DIA_LUFS */
#define LV_LINE_PULL 0.7       /* mix.c: each line moves 70% of the way to DIA_LUFS */
#define LV_DUCK_DB (-20.0)     /* mix.c DUCK_DB */
#define LV_DUCK_AHEAD 0.120    /* mix.c DUCK_AHEAD: down before the word */
#define LV_DUCK_DOWN 0.150     /* ~3 attack time constants (DUCK_ATTACK 50 ms) */
#define LV_DUCK_HOLD 0.500     /* mix.c DUCK_HOLD */
#define LV_DUCK_UP 0.900       /* ~3 release time constants (DUCK_RELEASE 300 ms) */

/* interleaved stereo float at LV_RATE of a WAV (mono is put in both channels, as the
 * mix and the editors play it); *n frames. Caller frees. */
static int read_stereo(const char *path, float **out, size_t *n)
{
	int16_t *pcm = NULL;
	size_t frames = 0;
	int rate = 0, ch = 0;
	if (wav_read(path, &pcm, &frames, &rate, &ch) < 0) return err_set(ERR_NOTFOUND, "%s", err_msg());
	size_t m = (size_t)((double)frames * LV_RATE / rate);
	float *o = xcalloc(2 * m + 2, sizeof *o);
	for (size_t j = 0; j < m; j++) {
		double t = (double)j * rate / LV_RATE;
		size_t i = (size_t)t;
		double f = t - (double)i;
		for (int c = 0; c < 2; c++) {
			size_t k = (size_t)(c < ch ? c : 0);
			double a = pcm[i * (size_t)ch + k], b = i + 1 < frames ? pcm[(i + 1) * (size_t)ch + k] : a;
			o[2 * j + (size_t)c] = (float)((a + (b - a) * f) / 32768.0);
		}
	}
	free(pcm);
	*out = o;
	*n = m;
	return 0;
}

static double loudness(const float *x, size_t n, unsigned channels)
{
	double l = -HUGE_VAL;
	ebur128_state *st = ebur128_init(channels, LV_RATE, EBUR128_MODE_I);
	if (!st) return l;
	ebur128_add_frames_float(st, x, n);
	if (ebur128_loudness_global(st, &l) != EBUR128_SUCCESS || !isfinite(l)) l = -HUGE_VAL;
	ebur128_destroy(&st);
	return l;
}

static size_t sample_of(const struct ex_episode *e, int64_t frame)
{
	return (size_t)(frame * LV_RATE / e->fps);
}

/* the duck's breakpoints over the whole episode (frame, dB), from the dialogue spans */
static struct ex_key *duck_curve(const struct ex_episode *e, size_t *n_out)
{
	size_t n = 0, cap = 0;
	struct ex_key *k = NULL;
	double fps = e->fps;
	for (size_t i = 0; i < e->n_dialogue; i++) {
		const struct ex_clip *c = &e->dialogue[i];
		int64_t a0 = (int64_t)floor(c->start - (LV_DUCK_AHEAD + LV_DUCK_DOWN) * fps),
		        a1 = (int64_t)floor(c->start - LV_DUCK_AHEAD * fps + LV_DUCK_DOWN * fps),
		        b0 = (int64_t)ceil(c->start + c->frames + LV_DUCK_HOLD * fps),
		        b1 = (int64_t)ceil(b0 + LV_DUCK_UP * fps);
		if (a0 < 0) a0 = 0;
		if (a1 <= a0) a1 = a0 + 1;
		if (n >= 2 && a0 <= k[n - 1].frame) {       /* still down (or coming up): stay down */
			k[n - 2].frame = b0;
			k[n - 1].frame = b1;
			continue;
		}
		xgrow((void **)&k, &cap, n + 4, sizeof *k);
		k[n++] = (struct ex_key){ a0, 0 };
		k[n++] = (struct ex_key){ a1, LV_DUCK_DB };
		k[n++] = (struct ex_key){ b0, LV_DUCK_DB };
		k[n++] = (struct ex_key){ b1, 0 };
	}
	*n_out = n;
	return k;
}

static double curve_at(const struct ex_key *k, size_t n, double frame)
{
	if (!n || frame <= k[0].frame) return n ? k[0].db : 0;
	for (size_t i = 1; i < n; i++)
		if (frame <= k[i].frame) {
			double span = (double)(k[i].frame - k[i - 1].frame);
			return span > 0 ? k[i - 1].db + (k[i].db - k[i - 1].db) * (frame - k[i - 1].frame) / span : k[i].db;
		}
	return k[n - 1].db;
}

/* the clip's keyframes: its start, every breakpoint inside it, its end */
static void clip_keys(struct ex_clip *c, const struct ex_key *k, size_t n)
{
	int64_t end = c->start + c->frames;
	c->keys = xcalloc(n + 2, sizeof *c->keys);
	c->keys[c->n_keys++] = (struct ex_key){ c->start, curve_at(k, n, (double)c->start) };
	for (size_t i = 0; i < n; i++)
		if (k[i].frame > c->start && k[i].frame < end && k[i].frame != c->keys[c->n_keys - 1].frame)
			c->keys[c->n_keys++] = k[i];
	if (end - 1 > c->keys[c->n_keys - 1].frame)
		c->keys[c->n_keys++] = (struct ex_key){ end - 1, curve_at(k, n, (double)(end - 1)) };
}

/* Add clip c's WAV into the stereo bus at its time, at gain_db plus the keys' curve (k, nk). */
static int add_clip(const struct ex_episode *e, const struct ex_clip *c, const struct ex_key *k, size_t nk, float *bus,
                    size_t total)
{
	float *x;
	size_t n;
	int rc = read_stereo(c->src, &x, &n);
	if (rc < 0) return rc;
	size_t at = sample_of(e, c->start), len = sample_of(e, c->frames);
	for (size_t s = 0; s < n && s < len && at + s < total; s++) {
		double fr = (double)(at + s) * e->fps / LV_RATE;
		float g = (float)pow(10, (c->gain_db + (nk ? curve_at(k, nk, fr) : 0)) / 20);
		bus[2 * (at + s)] += x[2 * s] * g;
		bus[2 * (at + s) + 1] += x[2 * s + 1] * g;
	}
	free(x);
	return 0;
}

static void add_db(struct ex_clip *c, size_t n, double db)
{
	for (size_t i = 0; i < n; i++) c[i].gain_db += db;
}

int export_levels(struct ex_episode *e)
{
	size_t total = sample_of(e, e->frames);
	float *dia = xcalloc(total + 1, sizeof *dia), *bus[3];
	for (int k = 0; k < 3; k++) bus[k] = xcalloc(2 * total + 2, sizeof *bus[k]);
	int rc = 0;
	/* dialogue: each line evened out, then the bus to its target */
	for (size_t i = 0; i < e->n_dialogue && rc == 0; i++) {
		struct ex_clip *c = &e->dialogue[i];
		float *x;
		size_t n;
		if ((rc = read_stereo(c->src, &x, &n)) < 0) break;
		double l = loudness(x, n, 2);
		c->gain_db = isfinite(l) ? LV_LINE_PULL * (LV_DIA_LUFS - l) : 0;
		double g = pow(10, c->gain_db / 20);
		size_t at = sample_of(e, c->start), len = sample_of(e, c->frames);
		for (size_t s = 0; s < n && s < len && at + s < total; s++)
			dia[at + s] += (float)(0.5 * (x[2 * s] + x[2 * s + 1]) * g);
		free(x);
	}
	double lb = rc == 0 ? loudness(dia, total, 1) + 3.01 : -HUGE_VAL;
	double dbus = isfinite(lb) ? LV_DIA_LUFS - lb : 0, gbus = pow(10, dbus / 20);
	add_db(e->dialogue, e->n_dialogue, dbus);
	for (size_t s = 0; s < total; s++) bus[0][2 * s] = bus[0][2 * s + 1] = (float)(dia[s] * gbus);
	/* music: the bed level, the duck as keyframes */
	size_t nk = 0;
	struct ex_key *duck = duck_curve(e, &nk);
	for (size_t i = 0; i < e->n_music && rc == 0; i++) {
		clip_keys(&e->music[i], duck, nk);
		rc = add_clip(e, &e->music[i], duck, nk, bus[1], total);
	}
	free(duck);
	/* the effects stem, at its level in the mix before mastering */
	if (rc == 0 && e->n_effects) {
		if (e->stem.fx && e->stem.n == total) memcpy(bus[2], e->stem.fx, 2 * total * sizeof *bus[2]);
		else rc = add_clip(e, e->effects, NULL, 0, bus[2], total);
	}
	/* the bus gains: from the cache, else fitted to our finished mix, else none (the master
	 * gain below does it all, as before the stem) */
	double g[3] = { 0, 0, 0 };
	struct ex_stem *st = &e->stem;
	if (rc == 0 && st->have_bus) {
		memcpy(g, st->bus_db, sizeof g);
	} else if (rc == 0 && st->full && st->n == total) {
		const float *const b3[3] = { bus[0], bus[1], e->n_effects ? bus[2] : NULL };
		if (ex_stem_fit(st->full, b3, total, g, &st->fit_db) == 0) {
			for (int k = 0; k < 2; k++) if (!isfinite(g[k])) g[k] = 0;
			memcpy(st->bus_db, g, sizeof g);
			rc = ex_stem_write_gains(e);
		} else {
			g[0] = g[1] = g[2] = 0;
			log_warn("export", "episode %d: the clips' levels could not be fitted to the mix; the master gain alone "
			         "is used", e->number);
		}
	}
	if (rc == 0 && e->n_effects && !isfinite(g[2])) {   /* a silent stem: no track */
		ex_clips_free(e->effects, e->n_effects);
		e->effects = NULL;
		e->n_effects = 0;
	}
	if (rc == 0) {
		add_db(e->dialogue, e->n_dialogue, g[0]);
		add_db(e->music, e->n_music, g[1]);
		add_db(e->effects, e->n_effects, e->n_effects ? g[2] : 0);
		float gl[3];
		for (int k = 0; k < 3; k++) gl[k] = isfinite(g[k]) ? (float)pow(10, g[k] / 20) : 0;
		for (size_t i = 0; i < 2 * total; i++) bus[0][i] = bus[0][i] * gl[0] + bus[1][i] * gl[1] + bus[2][i] * gl[2];
		e->loudness = loudness(bus[0], total, 2);
		e->master_db = isfinite(e->loudness) ? LV_TARGET_LUFS - e->loudness : 0;
		add_db(e->dialogue, e->n_dialogue, e->master_db);
		add_db(e->music, e->n_music, e->master_db);
		add_db(e->effects, e->n_effects, e->master_db);
		float pk = 0;
		for (size_t i = 0; i < 2 * total; i++) pk = fmaxf(pk, fabsf(bus[0][i]));
		e->peak_db = pk > 0 ? 20 * log10(pk) + e->master_db : -HUGE_VAL;
	}
	free(st->full);
	free(st->fx);
	st->full = st->fx = NULL;
	free(dia);
	for (int k = 0; k < 3; k++) free(bus[k]);
	return rc;
}
