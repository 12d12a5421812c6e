/* music/level.c — loudness measurement (libebur128), loudness normalisation and a
 * look-ahead true-peak limiter, plus float <-> 16-bit WAV helpers for the music cache. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <ebur128.h>
#include "core/wav.h"
#include "music/music_internal.h"

int level_measure(const float *lr, size_t frames, double *lufs, double *tp_db)
{
	ebur128_state *st = ebur128_init(2, MIX_RATE, EBUR128_MODE_I | (tp_db ? EBUR128_MODE_TRUE_PEAK : 0));
	if (!st)
		return err_set(ERR_GENERIC, "libebur128: out of memory");
	size_t chunk = MIX_RATE;
	for (size_t i = 0; i < frames; i += chunk)
		ebur128_add_frames_float(st, lr + 2 * i, i + chunk > frames ? frames - i : chunk);
	double l = -HUGE_VAL;
	if (ebur128_loudness_global(st, &l) != EBUR128_SUCCESS || !isfinite(l))
		l = -HUGE_VAL;
	if (lufs) *lufs = l;
	if (tp_db) {
		double a = 0, b = 0;
		ebur128_true_peak(st, 0, &a);
		ebur128_true_peak(st, 1, &b);
		double p = a > b ? a : b;
		*tp_db = p > 0 ? 20 * log10(p) : -HUGE_VAL;
	}
	ebur128_destroy(&st);
	return 0;
}

static void gain(float *lr, size_t frames, double db)
{
	float g = (float)pow(10, db / 20);
	for (size_t i = 0; i < 2 * frames; i++)
		lr[i] *= g;
}

double level_normalize(float *lr, size_t frames, double target)
{
	double l;
	if (level_measure(lr, frames, &l, NULL) < 0 || !isfinite(l))
		return 0;
	gain(lr, frames, target - l);
	return target - l;
}

/* 4x oversampling interpolator: 4 phases x 12 taps of a Kaiser-windowed sinc. */
#define OS 4
#define TAPS 12
static float os_coef[OS][TAPS];
static float os_gain;                 /* the most one phase of the interpolator can gain */
static pthread_once_t os_once = PTHREAD_ONCE_INIT;

/* Filled once per process: two cue workers reach it at once (a plain flag let one read
 * the table while the other was still writing it). */
static void os_fill(void)
{
	int n = OS * TAPS;
	for (int i = 0; i < n; i++) {
		double x = (i - (n - 1) / 2.0) / OS;
		double s = fabs(x) < 1e-9 ? 1 : sin(M_PI * x) / (M_PI * x);
		double w = 0.5 - 0.5 * cos(2 * M_PI * (i + 0.5) / n);   /* Hann */
		os_coef[i % OS][i / OS] = (float)(s * w);
	}
	for (int ph = 0; ph < OS; ph++) {
		float g = 0;
		for (int t = 0; t < TAPS; t++) g += fabsf(os_coef[ph][t]);
		if (g > os_gain) os_gain = g;
	}
}

static void os_init(void) { pthread_once(&os_once, os_fill); }

/* highest |sample| of the 4x-interpolated signal around frame i (both channels);
 * lr holds frames from w0 on */
static float os_peak_at(const float *lr, size_t w0, size_t frames, size_t i)
{
	float pk = 0;
	for (int c = 0; c < 2; c++)
		for (int ph = 0; ph < OS; ph++) {
			float acc = 0;
			for (int t = 0; t < TAPS; t++) {
				long k = (long)i - TAPS / 2 + t;
				if (k >= 0 && (size_t)k < frames)
					acc += os_coef[ph][t] * lr[2 * ((size_t)k - w0) + c];
			}
			acc = fabsf(acc);
			if (acc > pk) pk = acc;
		}
	return pk;
}

static float os_peak(const float *lr, size_t frames, size_t i) { return os_peak_at(lr, 0, frames, i); }

float level_os_peak(const float *win, size_t w0, size_t frames, size_t i)
{
	os_init();
	return os_peak_at(win, w0, frames, i);
}

float level_true_peak(const float *win, size_t w0, size_t frames, size_t i0, size_t i1, float tp)
{
	os_init();
	for (size_t i = i0; i < i1; i++) {
		float x = fabsf(win[2 * (i - w0)]), y = fabsf(win[2 * (i - w0) + 1]);
		if (x > tp) tp = x;
		if (y > tp) tp = y;
		size_t lo = i >= TAPS / 2 ? i - TAPS / 2 : 0, hi = i + TAPS / 2 < frames ? i + TAPS / 2 : frames;
		float mx = 0;
		for (size_t k = lo < w0 ? w0 : lo; k < hi; k++) {
			float u = fabsf(win[2 * (k - w0)]), v = fabsf(win[2 * (k - w0) + 1]);
			if (u > mx) mx = u;
			if (v > mx) mx = v;
		}
		if (mx * os_gain <= tp)          /* the interpolated signal cannot reach tp here */
			continue;
		float p = os_peak_at(win, w0, frames, i);
		if (p > tp) tp = p;
	}
	return tp;
}

void level_limit(float *lr, size_t frames, double ceiling_db)
{
	if (!frames)
		return;
	os_init();
	float ceil_lin = (float)pow(10, ceiling_db / 20);
	float quick = ceil_lin * 0.5f;        /* inter-sample peaks stay well under +6 dB */
	size_t look = (size_t)(0.005 * MIX_RATE);
	float *env = xmalloc(frames * sizeof *env);
	for (size_t i = 0; i < frames; i++)
		env[i] = 1;
	int any = 0;
	for (size_t i = 0; i < frames; i++) {
		/* skip quiet stretches cheaply */
		size_t lo = i >= TAPS ? i - TAPS : 0, hi = i + TAPS < frames ? i + TAPS : frames;
		float m = 0;
		for (size_t k = lo; k < hi; k += 3) {
			float a = fabsf(lr[2 * k]), b = fabsf(lr[2 * k + 1]);
			if (a > m) m = a;
			if (b > m) m = b;
		}
		if (m < quick)
			continue;
		float p = os_peak(lr, frames, i);
		if (fabsf(lr[2 * i]) > p) p = fabsf(lr[2 * i]);
		if (fabsf(lr[2 * i + 1]) > p) p = fabsf(lr[2 * i + 1]);
		if (p <= ceil_lin)
			continue;
		any = 1;
		float g = ceil_lin / p;
		/* reach g at i with a linear attack ramp over the look-ahead, hold a few ms after */
		size_t a0 = i >= look ? i - look : 0;
		for (size_t k = a0; k <= i; k++) {
			float v = g + (1 - g) * (float)(i - k) / (float)look;
			if (v < env[k]) env[k] = v;
		}
		for (size_t k = i; k < frames && k < i + look; k++)
			if (g < env[k]) env[k] = g;
	}
	if (any) {
		/* release: recover exponentially (~80 ms) but never above what a peak needs */
		float rel = (float)(1 - exp(-1.0 / (0.08 * MIX_RATE)));
		float g = env[0];
		for (size_t i = 0; i < frames; i++) {
			g += (1 - g) * rel;
			if (env[i] < g) g = env[i];
			lr[2 * i] *= g;
			lr[2 * i + 1] *= g;
		}
	}
	free(env);
}

static double cue_peak_db(const float *lr, size_t frames)
{
	float pk = level_true_peak(lr, 0, frames, 0, frames, 0);
	return pk > 0 ? 20 * log10(pk) : -HUGE_VAL;
}

int level_master(float *lr, size_t frames, double target, double ceiling_db, double *lufs, double *tp)
{
	double l = -HUGE_VAL, p = -HUGE_VAL;
	for (int it = 0; it < 4; it++) {
		if (level_measure(lr, frames, &l, NULL) < 0)
			return ERR_GENERIC;
		if (!isfinite(l))
			break;                        /* silence: nothing to normalise */
		if (it > 0 && fabs(l - target) < 0.2)
			break;
		gain(lr, frames, target - l);
		level_limit(lr, frames, ceiling_db - 0.4);
	}
	/* the true peak by the limiter's own 4x detector, interpolated only where the
	 * samples around could exceed the peak so far (libebur128's interpolated every
	 * sample: about a quarter of the music stage's CPU). The loudness is measured again
	 * only for a caller that asks for it: the music stage does not, and this third pass
	 * over every cue was a third of its libebur128 time (0.55 s of CPU for the demo's cues). */
	if (lufs && level_measure(lr, frames, &l, NULL) < 0)
		return ERR_GENERIC;
	p = cue_peak_db(lr, frames);
	if (isfinite(p) && p > ceiling_db) {        /* belt and braces: static gain reduction */
		gain(lr, frames, ceiling_db - 0.05 - p);
		if (lufs) level_measure(lr, frames, &l, NULL);
		p = cue_peak_db(lr, frames);
	}
	if (lufs) *lufs = l;
	if (tp) *tp = p;
	return 0;
}

int wav_write_float(const char *path, const float *lr, size_t frames)
{
	int16_t *pcm = xmalloc((frames * 2 + 1) * sizeof *pcm);
	for (size_t i = 0; i < frames * 2; i++) {
		float v = lr[i] * 32767.0f;
		pcm[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : lrintf(v));
	}
	int rc = wav_write_replace(path, pcm, frames, MIX_RATE, 2);   /* a cue: sealed next (stage.c) */
	free(pcm);
	return rc;
}

int wav_read_float(const char *path, float **lr, size_t *frames)
{
	int16_t *pcm;
	size_t n;
	int rate, ch;
	*lr = NULL;
	*frames = 0;
	int rc = wav_read(path, &pcm, &n, &rate, &ch);
	if (rc < 0)
		return rc;
	if (ch < 1 || rate < 8000) {
		free(pcm);
		return err_set(ERR_INPUT, "%s: unsupported WAV (%d channels, %d Hz)", path, ch, rate);
	}
	/* linear resampling to MIX_RATE if needed (voices and cues are already 48 kHz) */
	size_t out = rate == MIX_RATE ? n : (size_t)((double)n * MIX_RATE / rate);
	float *o = xmalloc((out * 2 + 2) * sizeof *o);
	for (size_t i = 0; i < out; i++) {
		double src = rate == MIX_RATE ? (double)i : (double)i * rate / MIX_RATE;
		size_t k = (size_t)src;
		double fr = src - k;
		size_t k1 = k + 1 < n ? k + 1 : k;
		for (int c = 0; c < 2; c++) {
			int cc = ch == 1 ? 0 : c;
			double a = pcm[k * ch + cc], b = pcm[k1 * ch + cc];
			o[2 * i + c] = (float)((a + (b - a) * fr) / 32768.0);
		}
	}
	free(pcm);
	*lr = o;
	*frames = out;
	return 0;
}

/* ---- loudness in 400 ms blocks, for spans measured apart (mix.c) ---- */

#define HOP (MIX_RATE / 10)              /* 100 ms: the gating blocks' step */

void level_blocks_init(struct level_blocks *b, int true_peak)
{
	memset(b, 0, sizeof *b);
	b->st = ebur128_init(2, MIX_RATE, EBUR128_MODE_M | (true_peak ? EBUR128_MODE_TRUE_PEAK : 0));
	b->true_peak = true_peak;
}

int level_blocks_add(struct level_blocks *b, const float *lr, size_t frames)
{
	if (!b->st)
		return err_set(ERR_GENERIC, "libebur128: out of memory");
	while (frames) {
		size_t k = HOP - b->fed % HOP;       /* up to the next 100 ms step */
		if (k > frames) k = frames;
		ebur128_add_frames_float(b->st, lr, k);
		lr += 2 * k;
		frames -= k;
		b->fed += k;
		if (b->fed % HOP == 0 && b->fed >= 4 * HOP) {   /* a whole 400 ms block ends here */
			double l = -HUGE_VAL;
			if (ebur128_loudness_momentary(b->st, &l) != EBUR128_SUCCESS) l = -HUGE_VAL;
			xgrow((void **)&b->e, &b->cap, b->n, sizeof *b->e);
			b->e[b->n++] = isfinite(l) ? pow(10, (l + 0.691) / 10) : 0;
		}
	}
	return 0;
}

double level_blocks_end(struct level_blocks *b)
{
	double pk = 0;
	if (b->st && b->true_peak) {
		double x = 0, y = 0;
		ebur128_true_peak(b->st, 0, &x);
		ebur128_true_peak(b->st, 1, &y);
		pk = x > y ? x : y;
	}
	if (b->st) ebur128_destroy(&b->st);
	b->st = NULL;
	return pk;
}

double level_gated(const double *const *e, const size_t *n, size_t k)
{
	double abs_gate = pow(10, (-70 + 0.691) / 10), sum = 0;
	size_t cnt = 0;
	for (size_t s = 0; s < k; s++)
		for (size_t i = 0; i < n[s]; i++)
			if (e[s][i] > abs_gate) { sum += e[s][i]; cnt++; }
	if (!cnt)
		return -HUGE_VAL;
	double rel_gate = sum / (double)cnt * 0.1, gate = rel_gate > abs_gate ? rel_gate : abs_gate;
	sum = 0;
	cnt = 0;
	for (size_t s = 0; s < k; s++)
		for (size_t i = 0; i < n[s]; i++)
			if (e[s][i] > gate) { sum += e[s][i]; cnt++; }
	return cnt ? -0.691 + 10 * log10(sum / (double)cnt) : -HUGE_VAL;
}
