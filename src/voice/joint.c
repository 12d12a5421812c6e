/* voice/joint.c — a joint cue ("BOB AND ALICE") speaks with every voice in it: the
 * clips of the same text, one per voice, are added sample by sample from their common
 * start, each at 1/sqrt(n) of its level (two voices: -3 dB each, so speech that is
 * not in phase sums to about the level of one voice) and the sum goes through the
 * soft knee of the gain stage, so it never wraps. */
#include "voice/voice_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int voice_mix(struct voice_clip *clips, size_t n, struct voice_clip *out)
{
	memset(out, 0, sizeof *out);
	if (!clips || !n) return err_set(ERR_INPUT, "voice: nothing to mix (no clips)");
	size_t len = 0;
	for (size_t k = 0; k < n; k++) if (clips[k].n > len) len = clips[k].n;
	double g = 1.0 / sqrt((double)n);
	out->pcm = xcalloc(len ? len : 1, sizeof *out->pcm);
	out->n = len;
	for (size_t i = 0; i < len; i++) {
		double x = 0;
		for (size_t k = 0; k < n; k++) if (i < clips[k].n) x += clips[k].pcm[i] * g;
		out->pcm[i] = vsoft_clip(x / 32768.0);
	}
	/* timing and visemes of the first voice; the longest voice sets the length (the
	 * mouths rest, 'X', after the first voice's last viseme) */
	out->t = clips[0].t;
	memset(&clips[0].t, 0, sizeof clips[0].t);
	out->t.duration = (double)len / VOICE_RATE;
	return 0;
}
