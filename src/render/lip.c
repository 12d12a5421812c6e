/* render/lip.c — what the speaking mouth does: the voice's viseme track (timing JSON
 * beside the line's WAV), or, when that is missing, visemes from the WAV's loudness
 * (logged as a warning: the product says when lip-sync is approximate). */
#include "render/render_internal.h"
#include "core/wav.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

char *rlip_timing_rel(const char *audio)
{
	char *t = xstrdup(audio);
	size_t n = strlen(t);
	if (n > 4 && !strcmp(t + n - 4, ".wav")) {
		t[n - 4] = 0;
		char *j = xasprintf("%s.json", t);
		free(t);
		return j;
	}
	char *j = xasprintf("%s.json", t);
	free(t);
	return j;
}

/* Loudness per video frame → open/closed shapes. */
static int envelope(const struct rctx *c, const char *wav, struct rlip *out)
{
	int16_t *pcm = NULL;
	size_t frames = 0;
	int rate = 0, ch = 0;
	int rc = wav_read(wav, &pcm, &frames, &rate, &ch);
	if (rc < 0) return rc;
	size_t per = (size_t)rate / (size_t)c->fps;
	if (!per) per = 1;
	out->n_env = (int64_t)((frames + per - 1) / per);
	out->env = xcalloc((size_t)out->n_env + 1, 1);
	for (int64_t f = 0; f < out->n_env; f++) {
		double e = 0;
		size_t a = (size_t)f * per, b = a + per < frames ? a + per : frames;
		for (size_t i = a; i < b; i++)
			for (int k = 0; k < ch; k++) {
				double v = pcm[i * ch + k] / 32768.0;
				e += v * v;
			}
		double rms = b > a ? sqrt(e / ((b - a) * ch)) : 0;
		char v = rms < 0.015 ? 'X' : rms < 0.05 ? 'B' : rms < 0.12 ? 'C' : 'D';
		if (v != 'X' && (f % 5) == 4) v = 'A';         /* consonant closures */
		out->env[f] = v;
	}
	free(pcm);
	return 0;
}

int rlip_load(const struct rctx *c, const struct line *l, struct rlip *out)
{
	memset(out, 0, sizeof *out);
	if (!l->audio) return 0;
	char *rel = rlip_timing_rel(l->audio);
	char *jp = project_path(c->p, rel);
	char *wp = project_path(c->p, l->audio);
	int rc = 0;
	if (voice_timing_load(jp, &out->t) == 0 && out->t.n_vis > 0) {
		out->has_t = 1;
	} else {
		log_warn("render", "%s; lip-sync follows the audio's loudness instead", err_msg());
		if (envelope(c, wp, out) < 0) {
			log_warn("render", "%s: %s; the mouth stays closed for this line", wp, err_msg());
			rc = 0;
		}
	}
	free(rel);
	free(jp);
	free(wp);
	return rc;
}

char rlip_viseme(const struct rlip *lp, double sec, int fps, int64_t frame)
{
	if (lp->has_t) return voice_viseme_at(&lp->t, sec);
	if (lp->env && frame >= 0 && frame < lp->n_env) return lp->env[frame];
	(void)fps;
	return 'X';
}

void rlip_free(struct rlip *lp)
{
	if (lp->has_t) voice_timing_free(&lp->t);
	free(lp->env);
	memset(lp, 0, sizeof *lp);
}
