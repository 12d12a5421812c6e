/* export/stem.c — what of our mix has no clip of its own: the ambience, the sound effects
 * (stingers included) and the hall reverb, as one stereo WAV on an "effects" track; and the
 * bus gains that make an editor's sum of the clips match our mix.
 *
 * The stem is the mix (music/mix.c) made with DRAMA_MIX_MUTE="music,dialogue,master": the
 * same ambience, effects, reverb and ducking, not mastered, so its level is the one it has
 * in the mix before the master gain. The bus gains are fitted (least squares over every
 * sample, export_levels) from our finished mix against the three buses as an editor plays
 * them: the dialogue clips at their line and bus gains, the music clips at their bed level
 * with the duck's keyframes, the stem; that takes in the master gain and whatever of the
 * mix the clip levels only approximate. Stem and gains are kept in cache/music/ under a hash
 * of what the mix is made from (mix_hash): made once, as the clean shots are. */
#include "export/export.h"
#include "core/cache.h"
#include "core/wav.h"
#include "music/music.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define STEM_VERSION "fx-stem-1"

void ex_stem_free(struct ex_stem *s)
{
	if (!s) return;
	free(s->full);
	free(s->fx);
	free(s->gains_path);
	memset(s, 0, sizeof *s);
}

/* The whole mix of ep (mute: DRAMA_MIX_MUTE for it, NULL as it is) at 24 kHz stereo float
 * (pairs of 48 kHz frames averaged) into out[0, 2 n), zero past the mix's end; with pcm
 * non-NULL also the 48 kHz mix as 16-bit stereo (caller frees *pcm), *pcm_n frames. */
static int mix_into(const struct project *p, const struct episode *ep, const struct timeline *tl, const char *mute,
                    float *out, size_t n, int16_t **pcm, size_t *pcm_n)
{
	const char *old = getenv("DRAMA_MIX_MUTE");
	char *keep = old ? xstrdup(old) : NULL;
	/* each scene's sound at its frames, where the editor's clips are (not moved onto the
	 * AAC grid as in our MP4: up to 10.7 ms, which the fit of the bus gains would feel) */
	char *with = xasprintf("%s,grid", mute ? mute : old ? old : "");
	setenv("DRAMA_MIX_MUTE", with, 1);
	free(with);
	struct mix *m = NULL;
	int rc = mix_open(p, ep, tl, &m);
	if (keep) setenv("DRAMA_MIX_MUTE", keep, 1);
	else unsetenv("DRAMA_MIX_MUTE");
	free(keep);
	if (rc < 0) return rc;
	size_t total = mix_frames(m), at = 0, clipped = 0;
	if (pcm) {
		*pcm = xcalloc(2 * total + 2, sizeof **pcm);
		*pcm_n = total;
	}
	float buf[2 * 4096];
	long got;
	while ((got = mix_read(m, buf, 4096)) > 0) {
		for (long i = 0; i < got; i++, at++) {
			size_t j = at / 2;
			for (int c = 0; c < 2; c++) {
				float x = buf[2 * i + c];
				if (j < n) out[2 * j + c] += 0.5f * x;
				if (pcm && at < total) {
					double v = x * 32767.0;
					if (v > 32767 || v < -32768) clipped++;
					(*pcm)[2 * at + c] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : lrint(v));
				}
			}
		}
	}
	if (got < 0) rc = (int)got;
	mix_close(m);
	if (clipped) log_warn("export", "episode %d: the effects stem clipped %zu samples", ep->number, clipped);
	return rc;
}

/* cached gains: 0 and e->bus set when path holds them */
static int read_gains(const char *path, struct ex_episode *e)
{
	if (!cache_valid(path, -1)) return -1;
	json_t *j = json_load_file(path, 0, NULL);
	json_t *d = json_object_get(j, "dialogue_db"), *mu = json_object_get(j, "music_db"), *fx = json_object_get(j, "effects_db");
	int ok = json_is_number(d) && json_is_number(mu) && (json_is_number(fx) || json_is_null(fx));
	if (ok) {
		e->stem.bus_db[0] = json_number_value(d);
		e->stem.bus_db[1] = json_number_value(mu);
		e->stem.bus_db[2] = json_is_number(fx) ? json_number_value(fx) : NAN;
		e->stem.fit_db = json_number_value(json_object_get(j, "fit_db"));
		e->stem.have_bus = 1;
	}
	json_decref(j);
	return ok ? 0 : -1;
}

int ex_stem_write_gains(const struct ex_episode *e)
{
	const struct ex_stem *s = &e->stem;
	if (!s->gains_path) return 0;
	json_t *j = json_pack("{s:s, s:f, s:f, s:o, s:f}", "version", STEM_VERSION, "dialogue_db", s->bus_db[0], "music_db",
	                      s->bus_db[1], "effects_db", isfinite(s->bus_db[2]) ? json_real(s->bus_db[2]) : json_null(),
	                      "fit_db", isfinite(s->fit_db) ? s->fit_db : 0.0);
	char *txt = j ? json_dumps(j, JSON_INDENT(2)) : NULL;
	json_decref(j);
	int rc = txt ? file_write_atomic(s->gains_path, txt, strlen(txt)) : err_set(ERR_GENERIC, "out of memory");
	free(txt);
	if (rc == 0) rc = cache_seal(s->gains_path, -1);
	return rc;
}

int export_stem(const struct project *p, const struct episode *ep, const struct timeline *tl, struct ex_episode *e)
{
	struct hash h;
	hash_init(&h);
	hash_str(&h, STEM_VERSION);
	mix_hash(p, ep, tl, &h);
	char key[33];
	hash_hex(&h, key);
	char *dir = project_path(p, "cache/music"), *rel = xasprintf("cache/music/%s.fx.wav", key);
	char *wav = project_path(p, rel);
	e->stem.gains_path = xasprintf("%s/%s.fx.json", dir, key);
	int rc = mkdir_p(dir);
	int have = rc == 0 && cache_valid(wav, -1) && read_gains(e->stem.gains_path, e) == 0;
	if (rc == 0 && !have) {
		double t0 = now_sec();
		e->stem.n = (size_t)(e->frames * 24000 / e->fps);
		e->stem.full = xcalloc(2 * e->stem.n + 2, sizeof *e->stem.full);
		e->stem.fx = xcalloc(2 * e->stem.n + 2, sizeof *e->stem.fx);
		int16_t *pcm = NULL;
		size_t pn = 0;
		if ((rc = mix_into(p, ep, tl, NULL, e->stem.full, e->stem.n, NULL, NULL)) == 0)
			rc = mix_into(p, ep, tl, "music,dialogue,master", e->stem.fx, e->stem.n, &pcm, &pn);
		if (rc == 0) rc = wav_write_replace(wav, pcm, pn, MIX_RATE, 2);   /* no fsync: sealed next */
		if (rc == 0) rc = cache_seal(wav, -1);
		free(pcm);
		e->stem.made = 1;
		log_info("export", "episode %d: the effects stem and the mix to fit against, %.1f s", ep->number, now_sec() - t0);
	}
	if (rc == 0) {
		e->effects = xcalloc(1, sizeof *e->effects);
		struct ex_clip *c = e->effects;
		c->src = wav;
		c->path = rel;
		wav = rel = NULL;
		c->name = xstrdup("ambience + effects");
		c->rate = MIX_RATE;
		c->channels = 2;
		c->frames = c->media_frames = e->frames;
		c->media_samples = (int64_t)(e->frames * MIX_RATE / e->fps);
		e->n_effects = 1;
	}
	free(dir);
	free(rel);
	free(wav);
	return rc;
}

/* Solve the k x k system a x = b (Gaussian elimination with pivoting); 0 or -1 if singular. */
static int solve(double a[3][3], double b[3], int k, double x[3])
{
	for (int i = 0; i < k; i++) {
		int piv = i;
		for (int r = i + 1; r < k; r++) if (fabs(a[r][i]) > fabs(a[piv][i])) piv = r;
		if (fabs(a[piv][i]) < 1e-12) return -1;
		for (int c = 0; c < k; c++) { double t = a[i][c]; a[i][c] = a[piv][c]; a[piv][c] = t; }
		double t = b[i]; b[i] = b[piv]; b[piv] = t;
		for (int r = i + 1; r < k; r++) {
			double f = a[r][i] / a[i][i];
			for (int c = i; c < k; c++) a[r][c] -= f * a[i][c];
			b[r] -= f * b[i];
		}
	}
	for (int i = k - 1; i >= 0; i--) {
		double s = b[i];
		for (int c = i + 1; c < k; c++) s -= a[i][c] * x[c];
		x[i] = s / a[i][i];
	}
	return 0;
}

int ex_stem_fit(const float *y, const float *const bus[3], size_t n, double gain[3], double *fit_db)
{
	double e[3] = { 0, 0, 0 };
	for (int k = 0; k < 3; k++)
		for (size_t i = 0; bus[k] && i < 2 * n; i++) e[k] += (double)bus[k][i] * bus[k][i];
	int idx[3], m = 0;
	for (int k = 0; k < 3; k++) {
		gain[k] = NAN;
		if (bus[k] && e[k] > 1e-9) idx[m++] = k;
	}
	double a[3][3] = { { 0 } }, b[3] = { 0 }, x[3] = { 0 }, yy = 0;
	for (size_t i = 0; i < 2 * n; i++) {
		double v[3];
		for (int r = 0; r < m; r++) v[r] = bus[idx[r]][i];
		for (int r = 0; r < m; r++) {
			for (int c = 0; c < m; c++) a[r][c] += v[r] * v[c];
			b[r] += v[r] * y[i];
		}
		yy += (double)y[i] * y[i];
	}
	if (!m || solve(a, b, m, x) < 0) return -1;
	for (int r = 0; r < m; r++)
		if (!(x[r] > 0)) return -1;
	double res = 0;
	for (size_t i = 0; i < 2 * n; i++) {
		double s = y[i];
		for (int r = 0; r < m; r++) s -= x[r] * bus[idx[r]][i];
		res += s * s;
	}
	for (int r = 0; r < m; r++) gain[idx[r]] = 20 * log10(x[r]);
	*fit_db = yy > 0 ? 10 * log10(res / yy + 1e-12) : 0;
	return 0;
}
