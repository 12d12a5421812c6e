/* voice/creature_fx.c — how a creature sounds (issue 14): the effect its voice object
 * asks for (cast.c casts it), applied to the synthesised line before resampling:
 *   robot  ring modulation at 55 Hz over a quarter of the dry voice (metallic, monotone-ish)
 *   ghost  whispered (noise-excited), wavering (5 Hz tremolo) and echoing (two taps)
 *   bird   a fast flutter (24 Hz, full tremolo) and a bright edge (first difference mixed in)
 *   beast  a growl: a 28 Hz rumble (partial ring modulation, the sign flips part of the time) and hard saturation
 * The length of the line is kept (timings stay valid); the level is kept near the dry one. */
#include "voice/voice_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const VOICE_EFFECTS[] = { "robot", "ghost", "bird", "beast", NULL };

static double sat(double x) { return tanh(x); }

void vcreature_fx(int16_t *pcm, size_t n, int rate, const char *effect)
{
	if (!pcm || !n || rate <= 0 || !effect || !*effect) return;
	if (!strcmp(effect, "ghost")) vwhisper(pcm, n, rate);
	double *x = xmalloc(n * sizeof *x), peak_in = 1e-9, peak_out = 1e-9;
	for (size_t i = 0; i < n; i++) {
		x[i] = pcm[i] / 32768.0;
		if (fabs(x[i]) > peak_in) peak_in = fabs(x[i]);
	}
	double *y = xmalloc(n * sizeof *y);
	for (size_t i = 0; i < n; i++) {
		double t = (double)i / rate, v = x[i];
		if (!strcmp(effect, "robot")) {
			v = 0.25 * x[i] + 0.95 * x[i] * sin(2 * M_PI * 55 * t);
		} else if (!strcmp(effect, "ghost")) {
			size_t d1 = (size_t)(0.11 * rate), d2 = (size_t)(0.23 * rate);
			v = x[i] * (0.75 + 0.25 * sin(2 * M_PI * 5 * t));
			if (i >= d1) v += 0.45 * x[i - d1];
			if (i >= d2) v += 0.25 * x[i - d2];
		} else if (!strcmp(effect, "bird")) {
			double edge = i ? x[i] - x[i - 1] : 0;
			v = (x[i] + 2.5 * edge) * (0.5 + 0.5 * sin(2 * M_PI * 24 * t));
		} else if (!strcmp(effect, "beast")) {
			v = sat(3.0 / peak_in * x[i] * (0.3 + 0.7 * sin(2 * M_PI * 28 * t)));
		}
		y[i] = v;
		if (fabs(v) > peak_out) peak_out = fabs(v);
	}
	double g = peak_in / peak_out;   /* the dry line's peak level */
	for (size_t i = 0; i < n; i++) pcm[i] = vsoft_clip(y[i] * g);
	free(x);
	free(y);
}
