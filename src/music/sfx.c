/* music/sfx.c — synthesised sound effects (filtered noise, pitch sweeps, inharmonic
 * partials) and location ambience layers. Deterministic for a seed; no files needed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "music/music_internal.h"

#define SR ((double)MIX_RATE)

static const char *const EFFECTS[] = { "stinger", "whoosh", "slap", "impact", "door", "knock",
	"phone", "bell", "thunder", "footsteps", "glass", "heartbeat", "crowd", "gasp", NULL };

static json_t *amb_root;

static json_t *amb_data(void)
{
	if (amb_root)
		return amb_root;
	char *path = data_path("music/ambience.json");
	json_error_t e;
	amb_root = json_load_file(path, 0, &e);
	if (!amb_root)
		log_warn("music", "%s:%d:%d: %s; no ambience or effect aliases (reinstall data/music)",
		         path, e.line, e.column, e.text);
	free(path);
	return amb_root;
}

const char *sfx_canon(const char *word)
{
	if (!word || !*word)
		return NULL;
	for (int i = 0; EFFECTS[i]; i++)
		if (str_ieq(word, EFFECTS[i]))
			return EFFECTS[i];
	json_t *al = json_object_get(amb_data(), "effect_aliases");
	const char *k;
	json_t *v;
	json_object_foreach(al, k, v)
		if (str_ieq(k, word))
			for (int i = 0; EFFECTS[i]; i++)
				if (str_eq(json_string_value(v), EFFECTS[i]))
					return EFFECTS[i];
	return NULL;
}

/* ---- small DSP helpers ---- */
struct bq { double b0, b1, b2, a1, a2, z1, z2; };

static void bq_set(struct bq *f, int type, double fc, double q)
{
	if (fc > SR * 0.45) fc = SR * 0.45;
	if (fc < 10) fc = 10;
	double w = 2 * M_PI * fc / SR, c = cos(w), al = sin(w) / (2 * q), a0 = 1 + al;
	if (type == 0) {          /* low-pass */
		f->b0 = (1 - c) / 2 / a0; f->b1 = (1 - c) / a0; f->b2 = f->b0;
	} else if (type == 1) {   /* high-pass */
		f->b0 = (1 + c) / 2 / a0; f->b1 = -(1 + c) / a0; f->b2 = f->b0;
	} else {                  /* band-pass, 0 dB peak */
		f->b0 = al / a0; f->b1 = 0; f->b2 = -al / a0;
	}
	f->a1 = -2 * c / a0;
	f->a2 = (1 - al) / a0;
}

static double bq_run(struct bq *f, double x)
{
	double y = f->b0 * x + f->z1;
	f->z1 = f->b1 * x - f->a1 * y + f->z2;
	f->z2 = f->b2 * x - f->a2 * y;
	return y;
}

static double noise(struct rng *r) { return rng_unit(r) * 2 - 1; }

static void put(float *lr, size_t frames, size_t i, double v, double pan)
{
	if (i >= frames) return;
	lr[2 * i] += (float)(v * cos(pan * M_PI / 2));
	lr[2 * i + 1] += (float)(v * sin(pan * M_PI / 2));
}

/* a cheap stereo room: two feedback combs per side */
static void room(float *lr, size_t frames, double mix, double size)
{
	size_t d[4] = { (size_t)(0.0297 * size * SR), (size_t)(0.0371 * size * SR), (size_t)(0.0411 * size * SR), (size_t)(0.0437 * size * SR) };
	float *buf = xcalloc_written(frames * 2, sizeof *buf);
	for (int c = 0; c < 2; c++)
		for (int k = 0; k < 2; k++) {
			size_t dl = d[c * 2 + k];
			float *y = xcalloc(frames, sizeof *y);
			for (size_t i = 0; i < frames; i++) {
				float fb = i >= dl ? y[i - dl] : 0;
				y[i] = lr[2 * i + c] + 0.78f * fb;
				buf[2 * i + c] += fb;
			}
			free(y);
		}
	for (size_t i = 0; i < frames * 2; i++)
		lr[i] += (float)(mix * 0.25) * buf[i];
	free(buf);
}

static void peak_norm(float *lr, size_t frames, double peak)
{
	float m = 0;
	for (size_t i = 0; i < frames * 2; i++)
		if (fabsf(lr[i]) > m) m = fabsf(lr[i]);
	if (m > 0)
		for (size_t i = 0; i < frames * 2; i++)
			lr[i] *= (float)(peak / m);
}

int sfx_render(const char *name, uint64_t seed, float **out, size_t *frames, size_t *pre)
{
	const char *fx = sfx_canon(name);
	if (out) *out = NULL;
	*frames = *pre = 0;
	if (!fx)
		return err_set(ERR_INPUT, "unknown sound effect \"%s\" (known: stinger whoosh slap impact door knock phone bell thunder footsteps glass heartbeat crowd gasp)", name ? name : "");
	struct rng r;
	rng_seed(&r, seed_mix(seed, fx));
	double dur = 1.0;
	if (str_eq(fx, "stinger")) dur = 3.2;
	else if (str_eq(fx, "whoosh")) dur = 0.9;
	else if (str_eq(fx, "phone")) dur = 2.6;
	else if (str_eq(fx, "bell")) dur = 4.0;
	else if (str_eq(fx, "thunder")) dur = 3.5;
	else if (str_eq(fx, "footsteps")) dur = 2.4;
	else if (str_eq(fx, "door")) dur = 1.4;
	else if (str_eq(fx, "heartbeat")) dur = 2.8;
	else if (str_eq(fx, "crowd")) dur = 2.6;
	else if (str_eq(fx, "gasp")) dur = 0.7;
	size_t n = (size_t)(dur * SR);
	if (!out) {                       /* the length alone (mix.c places the effect) */
		*frames = n;
		*pre = str_eq(fx, "stinger") ? (size_t)(0.35 * SR) : str_eq(fx, "whoosh") ? (size_t)(0.45 * SR) : 0;
		return 0;
	}
	float *lr = xcalloc_written(n * 2 + 2, sizeof *lr);
	struct bq f1 = { 0 }, f2 = { 0 }, f3 = { 0 };

	if (str_eq(fx, "stinger")) {
		/* riser into the hit, sub drop, noise crack and a metallic ring */
		size_t p = (size_t)(0.35 * SR);
		*pre = p;
		bq_set(&f1, 2, 2000, 1.5);
		for (size_t i = 0; i < p; i++) {
			double t = (double)i / p;
			bq_set(&f1, 2, 400 + 5000 * t * t, 2.0);
			put(lr, n, i, bq_run(&f1, noise(&r)) * t * t * 0.5, 0.5);
		}
		static const double part[] = { 131, 207.4, 293.1, 411.6, 587.3, 833.9 };
		double ph = 0;
		bq_set(&f2, 0, 1800, 0.7);
		for (size_t i = p; i < n; i++) {
			double t = (double)(i - p) / SR;
			double f = 30 + 70 * exp(-t * 8);
			ph += 2 * M_PI * f / SR;
			double v = sin(ph) * exp(-t * 2.2) * 0.9;
			v += bq_run(&f2, noise(&r)) * exp(-t * 14) * 0.9;
			double m = 0;
			for (int k = 0; k < 6; k++)
				m += sin(2 * M_PI * part[k] * t + k) * exp(-t * (1.2 + k * 0.5)) / (1 + k * 0.6);
			v += m * 0.22 * (1 - exp(-t * 200));
			put(lr, n, i, v, 0.5 + 0.04 * sin(t * 7));
		}
		room(lr, n, 0.6, 1.6);
	} else if (str_eq(fx, "whoosh")) {
		size_t p = (size_t)(0.45 * SR);
		*pre = p;
		for (size_t i = 0; i < n; i++) {
			double t = (double)i / n;
			double fc = 300 + 3200 * sin(M_PI * t);
			bq_set(&f1, 2, fc, 1.2);
			double env = pow(sin(M_PI * fmin(1, t * 1.15)), 2);
			put(lr, n, i, bq_run(&f1, noise(&r)) * env, 0.15 + 0.7 * t);
		}
	} else if (str_eq(fx, "slap") || str_eq(fx, "impact")) {
		int slap = str_eq(fx, "slap");
		bq_set(&f1, 1, slap ? 1200 : 200, 0.7);
		bq_set(&f2, 0, slap ? 9000 : 2000, 0.7);
		double ph = 0;
		for (size_t i = 0; i < n; i++) {
			double t = (double)i / SR;
			double v = bq_run(&f2, bq_run(&f1, noise(&r))) * exp(-t * (slap ? 45 : 25));
			double f = slap ? 260 : 55 + 60 * exp(-t * 30);
			ph += 2 * M_PI * f / SR;
			v += sin(ph) * exp(-t * (slap ? 60 : 9)) * (slap ? 0.6 : 1.2);
			put(lr, n, i, v, 0.5);
		}
		room(lr, n, slap ? 0.5 : 0.3, 1.0);
	} else if (str_eq(fx, "door")) {
		/* creak, then the slam and the latch */
		size_t slam = (size_t)(0.55 * SR);
		double ph = 0;
		bq_set(&f1, 2, 900, 4);
		for (size_t i = 0; i < slam; i++) {
			double t = (double)i / SR;
			double f = 90 + 40 * sin(t * 9) + 25 * noise(&r);
			ph += 2 * M_PI * f / SR;
			double saw = fmod(ph, 2 * M_PI) / M_PI - 1;
			put(lr, n, i, bq_run(&f1, saw) * 0.35 * sin(M_PI * t / 0.55), 0.4);
		}
		bq_set(&f2, 0, 500, 0.8);
		bq_set(&f3, 2, 2500, 3);
		for (size_t i = slam; i < n; i++) {
			double t = (double)(i - slam) / SR;
			double v = bq_run(&f2, noise(&r)) * exp(-t * 18) * 2.0 + sin(2 * M_PI * 75 * t) * exp(-t * 14);
			if (t > 0.06) v += bq_run(&f3, noise(&r)) * exp(-(t - 0.06) * 60) * 0.6;
			put(lr, n, i, v, 0.45);
		}
		room(lr, n, 0.4, 1.0);
	} else if (str_eq(fx, "knock") || str_eq(fx, "footsteps")) {
		int knock = str_eq(fx, "knock");
		int hits = knock ? 3 : 6;
		double gap = knock ? 0.19 : 0.42;
		for (int h = 0; h < hits; h++) {
			size_t at = (size_t)((0.02 + h * gap + (knock ? 0 : 0.03 * noise(&r))) * SR);
			bq_set(&f1, 2, knock ? 380 + 40 * noise(&r) : 180 + 30 * noise(&r), 3);
			bq_set(&f2, 1, 2500, 0.7);
			for (size_t i = 0; i < (size_t)(0.12 * SR); i++) {
				double t = (double)i / SR;
				double v = bq_run(&f1, noise(&r)) * exp(-t * 45) * 3;
				if (!knock) v += bq_run(&f2, noise(&r)) * exp(-t * 90) * 0.5;
				put(lr, n, at + i, v, knock ? 0.45 : 0.35 + 0.05 * (h % 2));
			}
		}
		room(lr, n, 0.35, 0.9);
	} else if (str_eq(fx, "phone")) {
		/* a modern ring: two bursts of a bright two-tone warble */
		for (size_t i = 0; i < n; i++) {
			double t = (double)i / SR, cyc = fmod(t, 1.3);
			if (cyc > 0.9) continue;
			double env = fmin(1, cyc * 80) * fmin(1, (0.9 - cyc) * 80);
			double f = (fmod(t, 0.1) < 0.05) ? 1320 : 1760;
			double v = (sin(2 * M_PI * f * t) + 0.3 * sin(2 * M_PI * 2 * f * t)) * env * 0.5;
			put(lr, n, i, v, 0.6);
		}
		room(lr, n, 0.25, 0.7);
	} else if (str_eq(fx, "bell")) {
		static const double part[] = { 0.5, 1, 1.19, 1.56, 2.0, 2.51, 3.01 };
		double f0 = 196 + 30 * rng_unit(&r);
		for (size_t i = 0; i < n; i++) {
			double t = (double)i / SR, v = 0;
			for (int k = 0; k < 7; k++)
				v += sin(2 * M_PI * f0 * part[k] * t) * exp(-t * (0.6 + k * 0.45)) / (1 + k * 0.5);
			put(lr, n, i, v * (1 - exp(-t * 300)) * 0.4, 0.5);
		}
		room(lr, n, 0.5, 1.5);
	} else if (str_eq(fx, "thunder")) {
		bq_set(&f1, 0, 180, 0.7);
		bq_set(&f2, 0, 1200, 0.7);
		double crack = 0;
		for (size_t i = 0; i < n; i++) {
			double t = (double)i / SR;
			if (rng_unit(&r) < 0.0006) crack = 1;
			crack *= 0.9995;
			double v = bq_run(&f1, noise(&r)) * 3 * (1 - exp(-t * 4)) * exp(-t * 1.1);
			v += bq_run(&f2, noise(&r)) * crack * exp(-t * 2) * 0.6;
			put(lr, n, i, v, 0.5 + 0.2 * sin(t));
		}
	} else if (str_eq(fx, "glass")) {
		for (int s = 0; s < 24; s++) {
			size_t at = (size_t)(rng_unit(&r) * rng_unit(&r) * 0.5 * SR);
			double f = 2500 + 5000 * rng_unit(&r), pan = rng_unit(&r);
			for (size_t i = 0; i < (size_t)(0.25 * SR); i++) {
				double t = (double)i / SR;
				put(lr, n, at + i, sin(2 * M_PI * f * t) * exp(-t * (20 + s)) * 0.3, pan);
			}
		}
		bq_set(&f1, 1, 3000, 0.7);
		for (size_t i = 0; i < (size_t)(0.3 * SR); i++)
			put(lr, n, i, bq_run(&f1, noise(&r)) * exp(-(double)i / SR * 15), 0.5);
		room(lr, n, 0.4, 1.0);
	} else if (str_eq(fx, "heartbeat")) {
		/* three lub-dubs at about 70 bpm: low thumps felt more than heard */
		for (int b = 0; b < 3; b++)
			for (int k = 0; k < 2; k++) {
				size_t at = (size_t)((0.05 + b * 0.86 + k * 0.24) * SR);
				double amp = (k ? 0.6 : 1.0) * (1 - 0.12 * b), ph = 0;
				for (size_t i = 0; i < (size_t)(0.3 * SR); i++) {
					double t = (double)i / SR, f = 48 + 30 * exp(-t * 25);
					ph += 2 * M_PI * f / SR;
					put(lr, n, at + i, sin(ph) * amp * (1 - exp(-t * 400)) * exp(-t * 16), 0.5);
				}
			}
	} else if (str_eq(fx, "crowd")) {
		/* a crowd reacts: a swell of murmured "ooh" voices */
		for (int v = 0; v < 10; v++) {
			double f0 = 110 + 150 * rng_unit(&r), pan = 0.1 + 0.8 * rng_unit(&r), st0 = 0.15 * rng_unit(&r), ph = 0;
			struct bq fv = { 0 }, fn = { 0 };
			bq_set(&fv, 0, 700 + 300 * rng_unit(&r), 1.2);
			bq_set(&fn, 2, 600 + 500 * rng_unit(&r), 2);
			for (size_t i = 0; i < n; i++) {
				double t = (double)i / SR - st0;
				if (t < 0) continue;
				double env = sin(M_PI * fmin(1, t / 2.3)) * (1 + 0.3 * sin(2 * M_PI * (3 + v * 0.3) * t));
				ph += 2 * M_PI * f0 * (1 + 0.04 * sin(2 * M_PI * 0.7 * t) - 0.06 * t / 2.3) / SR;
				double saw = fmod(ph, 2 * M_PI) / M_PI - 1;
				put(lr, n, i, (bq_run(&fv, saw) * 0.5 + bq_run(&fn, noise(&r)) * 0.5) * env * 0.3, pan);
			}
		}
		room(lr, n, 0.4, 1.3);
	} else if (str_eq(fx, "gasp")) {
		/* a sharp intake of breath: rising band of noise */
		for (size_t i = 0; i < n; i++) {
			double t = (double)i / SR;
			bq_set(&f1, 2, 1200 + 2200 * fmin(1, t / 0.3), 2.5);
			double env = fmin(1, t / 0.06) * exp(-fmax(0, t - 0.18) * 9);
			put(lr, n, i, bq_run(&f1, noise(&r)) * env, 0.5);
		}
	}
	peak_norm(lr, n, 0.5);
	*out = lr;
	*frames = n;
	return 0;
}

/* ---- ambience ---- */

int amb_layers_for(const struct series *s, const struct scene *sc, const char **out, int max)
{
	static const char *const KNOWN[] = { "rain", "wind", "street", "crowd", "crowd_light", "hall",
		"birds", "birds_far", "night", "room", NULL };
	json_t *root = amb_data();
	int n = 0;
	if (!root || max <= 0)
		return 0;
	const struct location *loc = s ? series_find_location(s, sc->location) : NULL;
	char hay[512];
	snprintf(hay, sizeof hay, "%s %s %s", loc && loc->kind ? loc->kind : "", sc->location ? sc->location : "",
	         sc->heading ? sc->heading : "");
	for (char *c = hay; *c; c++)
		if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
		else if (*c == ' ' || *c == '-') *c = (*c == '-') ? '_' : ' ';
	json_t *rule;
	size_t i;
	int matched = 0;
	json_array_foreach(json_object_get(root, "rules"), i, rule) {
		json_t *w;
		size_t k;
		int hit = 0;
		json_array_foreach(json_object_get(rule, "match"), k, w)
			if (json_is_string(w) && strstr(hay, json_string_value(w))) hit = 1;
		if (!hit || matched)
			continue;
		matched = 1;                      /* the first matching rule describes the place */
		json_array_foreach(json_object_get(rule, "layers"), k, w)
			if (n < max && json_is_string(w)) out[n++] = json_string_value(w);
	}
	if (!matched) {
		json_t *w;
		size_t k;
		json_array_foreach(json_object_get(root, "default"), k, w)
			if (n < max && json_is_string(w)) out[n++] = json_string_value(w);
	}
	if (sc->weather) {
		json_t *w;
		size_t k;
		json_array_foreach(json_object_get(json_object_get(root, "weather"), sc->weather), k, w)
			if (n < max && json_is_string(w)) out[n++] = json_string_value(w);
	}
	if (str_eq(sc->time, "night")) {
		json_t *sw = json_object_get(root, "night_swap");
		for (int k = 0; k < n; k++) {
			json_t *v = json_object_get(sw, out[k]);
			if (json_is_string(v)) out[k] = json_string_value(v);
		}
	}
	/* drop unknown layer names (a typo in the data file must not crash the mix) */
	int m = 0;
	for (int k = 0; k < n; k++) {
		const char *canon = NULL;
		for (int j = 0; KNOWN[j]; j++)
			if (str_eq(out[k], KNOWN[j])) canon = KNOWN[j];
		if (!canon) {
			log_warn("music", "data/music/ambience.json: unknown layer \"%s\" ignored", out[k]);
			continue;
		}
		int dup = 0;
		for (int j = 0; j < m; j++)
			if (out[j] == canon) dup = 1;
		if (!dup) out[m++] = canon;
	}
	return m;
}

static void chirp(float *lr, size_t frames, size_t at, double f0, double f1, double len, double amp, double pan)
{
	double ph = 0;
	size_t n = (size_t)(len * SR);
	for (size_t i = 0; i < n && at + i < frames; i++) {
		double t = (double)i / n;
		ph += 2 * M_PI * (f0 + (f1 - f0) * t) / SR;
		put(lr, frames, at + i, sin(ph) * sin(M_PI * t) * amp, pan);
	}
}

/* One layer, levelled and faded, into out (added) or, with out NULL, returned as a new
 * buffer of its own (frames stereo frames; the first layer of a scene: no second buffer of
 * the scene's length alive while it is made). The samples are the same either way. */
static float *amb_layer(const char *kind, uint64_t seed, float *out, size_t frames, size_t fade, float gain)
{
	struct rng r;
	rng_seed(&r, seed_mix(seed, kind));
	float *lr = xcalloc_written(frames * 2, sizeof *lr);
	struct bq fl[2] = { { 0 } }, fh[2] = { { 0 } }, fb[2] = { { 0 } };
	double slow[2] = { 0, 0 };
	if (str_eq(kind, "rain") || str_eq(kind, "wind") || str_eq(kind, "hall") || str_eq(kind, "room") ||
	    str_eq(kind, "street")) {
		int rain = str_eq(kind, "rain"), wind = str_eq(kind, "wind"), street = str_eq(kind, "street");
		for (int c = 0; c < 2; c++) {
			bq_set(&fh[c], 1, rain ? 600 : wind ? 120 : 40, 0.7);
			bq_set(&fl[c], 0, rain ? 7000 : wind ? 700 : street ? 260 : 400, 0.7);
		}
		double gust = 0.5, gust_t = 0.5;
		for (size_t i = 0; i < frames; i++) {
			if (i % 4800 == 0) gust_t = 0.3 + 0.7 * rng_unit(&r);
			gust += (gust_t - gust) * 0.00002;
			for (int c = 0; c < 2; c++) {
				double v = bq_run(&fl[c], bq_run(&fh[c], noise(&r)));
				if (wind) v *= gust * 2;
				if (rain && rng_unit(&r) < 0.0015) slow[c] = 0.8 * rng_unit(&r);
				v += slow[c] * noise(&r) * (rain ? 1 : 0);
				slow[c] *= 0.97;
				lr[2 * i + c] = (float)(v * (street ? 2.2 : 1));
			}
		}
		if (street) {
			/* passing cars and a distant horn now and then */
			size_t at = (size_t)(rng_unit(&r) * 3 * SR);
			while (at < frames) {
				double len = 2.5 + 2 * rng_unit(&r), pan0 = rng_unit(&r) < 0.5 ? 0.1 : 0.9;
				size_t n = (size_t)(len * SR);
				bq_set(&fb[0], 2, 350 + 200 * rng_unit(&r), 1.0);
				for (size_t i = 0; i < n && at + i < frames; i++) {
					double t = (double)i / n;
					put(lr, frames, at + i, bq_run(&fb[0], noise(&r)) * pow(sin(M_PI * t), 3) * 1.4, pan0 + (1 - 2 * pan0) * t);
				}
				if (rng_unit(&r) < 0.25)
					for (size_t i = 0; i < (size_t)(0.35 * SR) && at + n / 2 + i < frames; i++) {
						double t = (double)i / SR;
						double sq = (sin(2 * M_PI * 392 * t) > 0 ? 1 : -1) + (sin(2 * M_PI * 494 * t) > 0 ? 1 : -1);
						put(lr, frames, at + n / 2 + i, bq_run(&fb[1], sq) * 0.08 * fmin(1, t * 40), 0.7);
					}
				at += n / 2 + (size_t)((2 + 5 * rng_unit(&r)) * SR);
			}
		}
	} else if (str_eq(kind, "crowd") || str_eq(kind, "crowd_light")) {
		/* babble: band-passed noise voices with syllable-rate envelopes */
		int voices = str_eq(kind, "crowd") ? 8 : 3;
		for (int v = 0; v < voices; v++) {
			struct bq f = { 0 }, f2 = { 0 };
			double fc = 350 + 700 * rng_unit(&r), pan = 0.15 + 0.7 * rng_unit(&r);
			bq_set(&f, 2, fc, 2.5);
			bq_set(&f2, 2, fc * 2.4, 3);
			double env = 0, tgt = 0;
			int talking = rng_unit(&r) < 0.6;
			for (size_t i = 0; i < frames; i++) {
				if (i % 2400 == 0) {                 /* every 50 ms: next syllable or pause */
					if (rng_unit(&r) < 0.03) talking = !talking;
					tgt = talking ? 0.3 + 0.7 * rng_unit(&r) : 0;
				}
				env += (tgt - env) * 0.002;
				double x = noise(&r);
				put(lr, frames, i, (bq_run(&f, x) + 0.5 * bq_run(&f2, x)) * env * 1.2, pan);
			}
		}
	} else if (str_eq(kind, "birds") || str_eq(kind, "birds_far")) {
		int far = str_eq(kind, "birds_far");
		size_t at = (size_t)(rng_unit(&r) * SR);
		while (at < frames) {
			double f = 2500 + 2500 * rng_unit(&r), pan = rng_unit(&r);
			int notes = rng_range(&r, 2, 6);
			for (int k = 0; k < notes; k++) {
				double len = 0.05 + 0.08 * rng_unit(&r);
				chirp(lr, frames, at, f * (1 + 0.2 * noise(&r)), f * (1.3 + 0.3 * noise(&r)), len, far ? 0.25 : 0.5, pan);
				at += (size_t)((len + 0.04 + 0.08 * rng_unit(&r)) * SR);
			}
			at += (size_t)((0.8 + 3.5 * rng_unit(&r)) * SR);
		}
		/* a soft bed of air under the birds */
		for (int c = 0; c < 2; c++) bq_set(&fl[c], 0, 500, 0.7);
		for (size_t i = 0; i < frames; i++)
			for (int c = 0; c < 2; c++)
				lr[2 * i + c] += (float)(bq_run(&fl[c], noise(&r)) * 0.15);
	} else if (str_eq(kind, "night")) {
		size_t at = (size_t)(rng_unit(&r) * 0.5 * SR);
		double f = 4200 + 600 * rng_unit(&r);
		while (at < frames) {
			double pan = 0.2 + 0.6 * rng_unit(&r);
			for (int p = 0; p < 3; p++) {
				size_t n = (size_t)(0.025 * SR);
				for (size_t i = 0; i < n && at + i < frames; i++)
					put(lr, frames, at + i, sin(2 * M_PI * f * i / SR) * sin(M_PI * i / n) * 0.3, pan);
				at += (size_t)(0.045 * SR);
			}
			at += (size_t)((0.35 + 0.6 * rng_unit(&r)) * SR);
		}
		for (int c = 0; c < 2; c++) bq_set(&fl[c], 0, 300, 0.7);
		for (size_t i = 0; i < frames; i++)
			for (int c = 0; c < 2; c++)
				lr[2 * i + c] += (float)(bq_run(&fl[c], noise(&r)) * 0.2);
	}
	/* level the layer (RMS ~ -20 dBFS) and add with fades */
	double ss = 0;
	for (size_t i = 0; i < frames * 2; i++)
		ss += (double)lr[i] * lr[i];
	double rms = sqrt(ss / (double)(frames * 2));
	double norm = rms > 1e-9 ? 0.1 / rms : 0;
	if (fade > frames / 2) fade = frames / 2;
	for (size_t i = 0; i < frames; i++) {
		double g = norm * gain;
		if (i < fade) g *= (double)i / fade;
		if (frames - i <= fade) g *= (double)(frames - i) / fade;
		if (out) {
			out[2 * i] += (float)(lr[2 * i] * g);
			out[2 * i + 1] += (float)(lr[2 * i + 1] * g);
		} else {                             /* (0 + x: the same float as out's calloc'd zeros plus x) */
			lr[2 * i] = 0.0f + (float)(lr[2 * i] * g);
			lr[2 * i + 1] = 0.0f + (float)(lr[2 * i + 1] * g);
		}
	}
	if (out) {
		free(lr);
		return NULL;
	}
	return lr;
}

void amb_add(const char *kind, uint64_t seed, float *out, size_t frames, size_t fade, float gain)
{
	if (frames && kind) amb_layer(kind, seed, out, frames, fade, gain);
}

float *amb_make(const char *kind, uint64_t seed, size_t frames, size_t fade, float gain)
{
	return frames && kind ? amb_layer(kind, seed, NULL, frames, fade, gain) : NULL;
}
