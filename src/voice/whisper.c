/* voice/whisper.c — a whisper from voiced speech: each 20 ms frame (10 ms hop, Hann
 * window) is analysed by linear prediction (order 18, Levinson-Durbin) and resynthesised
 * by driving the all-pole filter with white noise at the frame's level, then
 * overlap-added. Analysis runs on the pre-emphasised signal and the result is not
 * de-emphasised: whispers have no low voicing band. The vocal-tract shape (what is said) stays; the voicing goes. */
#include "voice/voice_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ORDER 18

/* LPC coefficients a[1..ORDER] from autocorrelation r[0..ORDER]; 0 if degenerate. */
static int levinson(const double *r, double *a)
{
	double e = r[0], tmp[ORDER + 1];
	if (e <= 0) return 0;
	memset(a, 0, (ORDER + 1) * sizeof *a);
	for (int i = 1; i <= ORDER; i++) {
		double k = r[i];
		for (int j = 1; j < i; j++) k -= a[j] * r[i - j];
		k /= e;
		memcpy(tmp, a, sizeof tmp);
		a[i] = k;
		for (int j = 1; j < i; j++) a[j] = tmp[j] - k * tmp[i - j];
		e *= 1 - k * k;
		if (e <= 0) return 0;
	}
	return 1;
}

void vwhisper(int16_t *pcm, size_t n, int rate)
{
	size_t hop = (size_t)rate / 100, win = 2 * hop;
	if (n < win) return;
	double *w = xmalloc(win * sizeof *w), *x = xmalloc(win * sizeof *x), *y = xmalloc(win * sizeof *y);
	double *out = xcalloc(n + win, sizeof *out);
	for (size_t i = 0; i < win; i++) w[i] = 0.5 - 0.5 * cos(2 * M_PI * i / win);   /* periodic Hann: sums to 1 at 50% */
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	for (size_t s = 0; s + win <= n; s += hop) {
		double r[ORDER + 1] = { 0 }, a[ORDER + 1], ex = 0, eo = 0;   /* emphasised, original energy */
		/* pre-emphasis: a whisper has no low voicing band, so the envelope is taken
		 * from the tilted-up signal and not tilted back */
		for (size_t i = 0; i < win; i++) {
			double prev = s + i ? pcm[s + i - 1] : 0;
			x[i] = (pcm[s + i] - 0.95 * prev) * w[i];
			ex += x[i] * x[i];
			eo += (pcm[s + i] * w[i]) * (pcm[s + i] * w[i]);
		}
		if (ex < 1e-3) continue;
		for (int k = 0; k <= ORDER; k++)
			for (size_t i = 0; i + (size_t)k < win; i++) r[k] += x[i] * x[i + k];
		r[0] *= 1.0001;                          /* white-noise correction: stable filter */
		if (!levinson(r, a)) continue;
		double ey = 0;
		for (size_t i = 0; i < win; i++) {
			seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
			double v = (double)(seed >> 11) / 9007199254740992.0 - 0.5;
			for (int k = 1; k <= ORDER && (size_t)k <= i; k++) v += a[k] * y[i - k];
			y[i] = v;
			ey += (y[i] * w[i]) * (y[i] * w[i]);
		}
		/* at 0.7 of the speech's level: a whisper carries less energy than voice */
		double g = ey > 0 ? 0.7 * sqrt(eo / ey) : 0;
		for (size_t i = 0; i < win; i++) out[s + i] += y[i] * w[i] * g;
	}
	for (size_t i = 0; i < n; i++) {
		double v = out[i];
		pcm[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : lrint(v));
	}
	free(w); free(x); free(y); free(out);
}
