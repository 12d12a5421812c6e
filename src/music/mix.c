/* music/mix.c — the episode's sound: dialogue placed frame-exactly and centred, each
 * scene's score with crossfades at scene changes and ducked under speech (look-ahead
 * sidechain, attack ~50 ms, release ~300 ms, -30 dB plus a speech-band cut), effects at their cues, location
 * ambience, then libebur128 loudness normalisation to -14 LUFS with true peak <= -1 dBTP. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <ebur128.h>
#include <jansson.h>
#include "music/music_internal.h"
#include "core/cache.h"

#define MIX_TARGET_LUFS (-14.0)
#define MIX_CEILING_DB (-1.5)     /* -1 dBTP with room for the AAC encoder's overshoot */
#define DIA_LUFS (-16.0)          /* dialogue level before the master gain */
#define BED_LUFS (-22.0)          /* music between lines */
#define DIA_EVEN 0.9          /* share of the way each line moves to DIA_LUFS */
/* Music under speech. -20 dB left it 26..33 dB under the words, yet pocketsphinx lost
 * words to it (ceo episode: dialogue alone 13.4% WER, with the music 25.5%); -30 dB:
 * 22.8%, and the demo 26.6% -> 23.5% (/tmp A/B of the same line clips). */
#define DUCK_DB (-30.0)
#define DUCK_ATTACK 0.050
#define DUCK_RELEASE 0.300
#define DUCK_BLOCK 240            /* 5 ms sidechain blocks */
#define DUCK_AHEAD 0.120          /* s the duck starts before the speech */
#define DUCK_HOLD 0.500           /* s it stays down after speech: a sentence pause */
#define SPEECH_BAND_HZ 1500.0     /* centre of the extra cut in the music under speech */
#define SPEECH_BAND_DB (-20.0)    /* its depth at the centre */
/* Hall reverb on dialogue: wet level and comb feedback. 0.2 / 0.82 made the palace lines
 * ring with flutter echoes (pocketsphinx WER of the demo's dialogue-only mix 24.7% ->
 * 28.8% with the reverb, lines in the hall up to 80%); 0.1 / 0.72 keeps a room. */
#define REVERB_WET 0.10
#define REVERB_FEEDBACK 0.72f

static double db(double x) { return pow(10, x / 20); }

/* DRAMA_MIX_MUTE="music,ambience,effects,reverb,dialogue" leaves parts out (for checking a
 * mix); "master" leaves the mastering out (gain and limiter: the export's effects stem) */
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

double music_bed_db(const char *mood)
{
	return BED_LUFS - MUSIC_CUE_LUFS + music_mood_bed_db(mood);
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
		/* even out voices: each line moves 90% of the way to the dialogue target, so
		 * the level is nearly constant across characters and a shout stays a little
		 * louder than a whisper */
		double lg = 1;
		ebur128_state *st = ebur128_init(2, MIX_RATE, EBUR128_MODE_I);
		if (st) {
			double l;
			ebur128_add_frames_float(st, pcm, n);
			if (ebur128_loudness_global(st, &l) == EBUR128_SUCCESS && isfinite(l))
				lg = db(DIA_EVEN * (DIA_LUFS - l));
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

/* speech[b] for the sidechain blocks of dia[a .. e) (a a multiple of DUCK_BLOCK;
 * dia points at sample a) */
static void speech_blocks(const float *dia, size_t a, size_t e, char *speech)
{
	double thr = db(-50);
	for (size_t b = a / DUCK_BLOCK; b * DUCK_BLOCK < e; b++) {
		double ss = 0;
		size_t s0 = b * DUCK_BLOCK, s1 = s0 + DUCK_BLOCK < e ? s0 + DUCK_BLOCK : e;
		for (size_t i = s0; i < s1; i++) ss += (double)dia[i - a] * dia[i - a];
		speech[b] = sqrt(ss / (double)(s1 - s0)) > thr;
	}
}

static float *duck_from_speech(char *speech, size_t nb);

/* Per-block music gain: 1 between lines, DUCK_DB under speech, smoothed. */
static float *duck_curve(const float *dia, size_t total, size_t *nb_out)
{
	size_t nb = total / DUCK_BLOCK + 2;
	char *speech = xcalloc(nb, 1);
	speech_blocks(dia, 0, total, speech);
	*nb_out = nb;
	return duck_from_speech(speech, nb);
}

/* the smoothed duck curve from speech flags (frees speech) */
static float *duck_from_speech(char *speech, size_t nb)
{
	float *g = xmalloc(nb * sizeof *g);
	/* look-ahead (the duck is down when the word starts) and hold over the pauses inside
	 * a line: with 60 ms / 200 ms the music came back up in every sentence pause, to
	 * 3..11 dB under the speech, and the recogniser heard words in it (pocketsphinx WER
	 * of the demo mix 32.1% vs 24.7% for its dialogue alone) */
	size_t ahead = (size_t)(DUCK_AHEAD * MIX_RATE / DUCK_BLOCK), hold = (size_t)(DUCK_HOLD * MIX_RATE / DUCK_BLOCK);
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
			buf[i] = in + REVERB_FEEDBACK * lp;
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

int mix_episode_whole(const struct project *p, const struct episode *ep, const struct timeline *tl,
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
			hall_reverb(dia, out, (size_t)a0, (size_t)(a0 + alen), total, REVERB_WET);
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

/* ================= streamed mix: flat memory ================= */
#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>

#define MIX_CHUNK (DUCK_BLOCK * 256)   /* 61440 frames = 1.28 s; blocks never straddle chunks */

struct mline { char *path; size_t at, end, n; double lg; };
struct mscene {
	float *cue; size_t n; int64_t start; int state;     /* 0 not yet, 1 playing, 2 done */
	double z[2][2]; size_t fin; double gain;
	float *amb; int64_t a0, alen; int amb_state;
	float *rv; size_t rvn; int rv_state; int reverb;
	const char *layers[6]; int nl;
};
struct mfx { const char *name; uint64_t seed; int64_t at, s0; size_t n; float *fx; int state; char why[64]; };

struct mix {
	const struct project *p;
	const struct episode *ep;
	const struct timeline *tl;
	size_t total;
	struct mline *lines; size_t nlines;
	ssize_t cached; float *cpcm;                 /* one loaded line */
	float dgain;
	float *duck; size_t nb;
	struct mscene *sc; size_t nsc;
	struct mfx *fx; size_t nfx, capfx;
	int fd[2], cur;                              /* temp files; cur holds the result */
	float final_gain;
	size_t pos;
};

static int mix_fail(struct mix *m, int rc) { mix_close(m); return rc; }

static int io_rw(int fd, void *buf, size_t bytes, off_t off, int wr)
{
	char *b = buf;
	while (bytes) {
		ssize_t k = wr ? pwrite(fd, b, bytes, off) : pread(fd, b, bytes, off);
		if (k < 0 && errno == EINTR) continue;
		if (k <= 0)
			return err_set(ERR_IO, "mix: temporary file %s failed (%s); check free space in the project's cache/",
			               wr ? "write" : "read", k < 0 ? strerror(errno) : "short read");
		b += k; bytes -= (size_t)k; off += k;
	}
	return 0;
}
/* frames [a, b) of a stereo float temp file */
static int frames_io(int fd, float *lr, size_t a, size_t b, int wr)
{
	return io_rw(fd, lr, (b - a) * 2 * sizeof *lr, (off_t)(a * 2 * sizeof *lr), wr);
}

static int temp_file(const struct project *p)
{
	char *dir = p ? project_path(p, "cache") : xstrdup("/tmp");
	mkdir_p(dir);
	char *tpl = xasprintf("%s/mix-XXXXXX", dir);
	int fd = mkstemp(tpl);
	if (fd >= 0) unlink(tpl);
	else err_set(ERR_IO, "mix: cannot create a temporary file in %s (%s)", dir, strerror(errno));
	free(tpl);
	free(dir);
	return fd;
}

/* the dialogue bus (times gain) for samples [a, b) */
static void dia_range(struct mix *m, size_t a, size_t b, float gain, float *buf)
{
	memset(buf, 0, (b - a) * sizeof *buf);
	size_t fade = MIX_RATE / 500;
	for (size_t li = 0; li < m->nlines; li++) {
		struct mline *l = &m->lines[li];
		if (l->end <= a || l->at >= b) continue;
		if (m->cached != (ssize_t)li) {
			free(m->cpcm);
			m->cpcm = NULL;
			m->cached = -1;
			size_t n;
			if (wav_read_float(l->path, &m->cpcm, &n) < 0 || n != l->n) {
				free(m->cpcm);
				m->cpcm = NULL;
				continue;                        /* changed under us: silent */
			}
			m->cached = (ssize_t)li;
		}
		size_t s0 = a > l->at ? a - l->at : 0;
		for (size_t s = s0; l->at + s < l->end && l->at + s < b; s++) {
			double v = 0.5 * ((double)m->cpcm[2 * s] + m->cpcm[2 * s + 1]) * l->lg;
			size_t left = l->end - (l->at + s);
			if (left < fade) v *= (double)left / fade;
			buf[l->at + s - a] = (float)v;
		}
	}
	if (gain != 1)
		for (size_t i = 0; i < b - a; i++) buf[i] *= gain;
}

/* the lines: where they go, their level; the same checks as place_dialogue */
static int collect_lines(struct mix *m, int *n_lines)
{
	const struct timeline *tl = m->tl;
	int64_t prev_end = -1;
	*n_lines = 0;
	m->lines = xcalloc(tl->n_shots + 1, sizeof *m->lines);
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
		char *path = project_path(m->p, ln->audio);
		float *pcm;
		size_t n;
		if (wav_read_float(path, &pcm, &n) < 0) {
			log_warn("mix", "scene %d shot %d: %s; the line will be silent", t->scene + 1, t->shot + 1, err_msg());
			free(path);
			continue;
		}
		double lg = 1;
		ebur128_state *st = ebur128_init(2, MIX_RATE, EBUR128_MODE_I);
		if (st) {
			double l;
			ebur128_add_frames_float(st, pcm, n);
			if (ebur128_loudness_global(st, &l) == EBUR128_SUCCESS && isfinite(l))
				lg = db(DIA_EVEN * (DIA_LUFS - l));
			ebur128_destroy(&st);
		}
		free(pcm);
		size_t at = (size_t)music_sample_of(tl, t->line_start);
		size_t limit = m->total;
		for (size_t k = i + 1; k < tl->n_shots; k++)
			if (tl->shots[k].line_start >= 0) { limit = (size_t)music_sample_of(tl, tl->shots[k].line_start); break; }
		struct mline *l = &m->lines[m->nlines++];
		l->path = path;
		l->at = at;
		l->n = n;
		l->end = at + n < limit ? at + n : limit;
		l->lg = lg;
		(*n_lines)++;
	}
	return 0;
}

static void add_fx_event(struct mix *m, const char *name, uint64_t seed, int64_t at, const char *why)
{
	if (muted("effects"))
		return;
	float *fx;
	size_t n, pre;
	if (sfx_render(name, seed, &fx, &n, &pre) < 0) {
		log_warn("mix", "%s: %s; skipped", why, err_msg());
		return;
	}
	free(fx);                                    /* rendered again when it plays */
	if (m->nfx == m->capfx) {
		m->capfx = m->capfx ? 2 * m->capfx : 16;
		m->fx = xrealloc(m->fx, m->capfx * sizeof *m->fx);
	}
	struct mfx *e = &m->fx[m->nfx++];
	memset(e, 0, sizeof *e);
	e->name = name;
	e->seed = seed;
	e->at = at;
	e->s0 = at - (int64_t)pre;
	e->n = n;
	snprintf(e->why, sizeof e->why, "%s", why);
}

static void collect_effects(struct mix *m)
{
	const struct timeline *tl = m->tl;
	const struct series *s = m->p ? m->p->s : NULL;
	for (size_t i = 0; i < tl->n_shots; i++) {
		const struct tl_shot *t = &tl->shots[i];
		const struct shot *sh = t->sh;
		int64_t at = music_sample_of(tl, t->start);
		uint64_t seed = music_cue_seed(s, m->ep, (size_t)t->scene) ^ (uint64_t)(i * 7919);
		char why[64];
		snprintf(why, sizeof why, "scene %d shot %d", t->scene + 1, t->shot + 1);
		const char *fx = sfx_canon(sh->sound);
		if (sh->sound && !fx)
			log_warn("mix", "%s: unknown sound \"%s\" (known: stinger whoosh slap impact door knock phone bell thunder footsteps glass heartbeat crowd gasp)", why, sh->sound);
		int stinger = str_eq(fx, "stinger") || str_eq(sh->camera, "snap_zoom") || str_eq(sh->transition, "flash");
		if (stinger)
			add_fx_event(m, "stinger", seed, at, why);
		if (str_eq(sh->transition, "whip_pan") && !str_eq(fx, "whoosh"))
			add_fx_event(m, "whoosh", seed, at, why);
		if (fx && !str_eq(fx, "stinger")) {
			int64_t when = at + (str_eq(fx, "slap") || str_eq(fx, "impact") ? MIX_RATE / 5 : 0);
			add_fx_event(m, fx, seed, when, why);
		}
	}
	if (tl->end_start > tl->title_frames)
		add_fx_event(m, "stinger", music_cue_seed(s, m->ep, 999), music_sample_of(tl, tl->end_start), "end card");
}

/* one chunk [a, b) of the unmastered mix, summed in the same order as mix_episode_whole */
static void render_chunk(struct mix *m, size_t a, size_t b, float *out, float *dia)
{
	const struct series *s = m->p ? m->p->s : NULL;
	size_t total = m->total, xf = (size_t)(MUSIC_XFADE_SEC * MIX_RATE);
	memset(out, 0, 2 * (b - a) * sizeof *out);
	double w = 2 * M_PI * SPEECH_BAND_HZ / MIX_RATE, al = sin(w) / (2 * 0.6), q0 = 1 + al;
	double b0 = al / q0, b2 = -al / q0, a1 = -2 * cos(w) / q0, a2 = (1 - al) / q0;
	double floor_g = db(DUCK_DB), cut = 1 - db(SPEECH_BAND_DB);
	double bed = db(BED_LUFS - MUSIC_CUE_LUFS);
	for (size_t i = 0; i < m->nsc; i++) {
		struct mscene *q = &m->sc[i];
		const struct scene *sc = &m->ep->scenes[i];
		/* music */
		if (q->state == 0 && q->start < (int64_t)b) {
			q->state = 2;
			int64_t len;
			music_cue_span(m->tl, i, &q->start, &len);
			if (!sc->music || muted("music")) {
				if (!muted("music"))
					log_warn("mix", "episode %d scene %zu has no music (run `drama music`)", m->ep->number, i + 1);
			} else {
				char *path = project_path(m->p, sc->music);
				if (wav_read_float(path, &q->cue, &q->n) < 0) {
					log_warn("mix", "episode %d scene %zu: %s; no music for this scene", m->ep->number, i + 1, err_msg());
				} else {
					int last = i + 1 == m->tl->n_scenes;
					size_t want = (size_t)len + (last ? 0 : xf);
					if (q->n != want)
						music_fit(&q->cue, &q->n, want, 2 * MIX_RATE, 0, last ? MIX_RATE : xf);
					else if (last)
						music_fit(&q->cue, &q->n, want, 0, 0, MIX_RATE);
					q->fin = i == 0 ? 0 : xf / 3;
					q->gain = bed * db(music_mood_bed_db(sc->mood));
					q->state = 1;
				}
				free(path);
			}
		}
		if (q->state == 1) {
			size_t k0 = a > (size_t)q->start ? a - (size_t)q->start : 0;
			for (size_t k = k0; k < q->n; k++) {
				size_t at = (size_t)q->start + k;
				if (at >= total || at >= b) break;
				float d = duck_at(m->duck, m->nb, at);
				float g = (float)q->gain * d;
				if (k < q->fin) g *= (float)sin((double)k / q->fin * M_PI / 2);
				double u = (1 - d) / (1 - floor_g);
				for (int c = 0; c < 2; c++) {
					double x = q->cue[2 * k + c];
					double y = b0 * x + q->z[c][0];
					q->z[c][0] = -a1 * y + q->z[c][1];
					q->z[c][1] = b2 * x - a2 * y;
					out[2 * (at - a) + c] += (float)((x - u * cut * y) * g);
				}
			}
			if ((size_t)q->start + q->n <= b || total <= b) {
				free(q->cue);
				q->cue = NULL;
				q->state = 2;
			}
		}
		/* ambience and hall reverb of the scene */
		if (q->amb_state == 0 && q->a0 < (int64_t)b) {
			q->amb_state = 2;
			if (q->alen > 0 && q->nl > 0 && !muted("ambience")) {
				q->amb = xcalloc((size_t)q->alen * 2, sizeof *q->amb);
				for (int k = 0; k < q->nl; k++) {
					double gdb = DIA_LUFS - (-20.0) + data_db("gains_db", q->layers[k], -30);
					amb_add(q->layers[k], music_cue_seed(s, m->ep, i), q->amb, (size_t)q->alen, MIX_RATE / 4, (float)db(gdb));
				}
				q->amb_state = 1;
			}
		}
		if (q->amb_state == 1) {
			size_t a0 = (size_t)q->a0, k0 = a > a0 ? a - a0 : 0;
			for (size_t k = k0; k < (size_t)q->alen && a0 + k < total && a0 + k < b; k++) {
				float d = sqrtf(duck_at(m->duck, m->nb, a0 + k));
				out[2 * (a0 + k - a)] += q->amb[2 * k] * d;
				out[2 * (a0 + k - a) + 1] += q->amb[2 * k + 1] * d;
			}
			if (a0 + (size_t)q->alen <= b || total <= b) {
				free(q->amb);
				q->amb = NULL;
				q->amb_state = 2;
			}
		}
		if (q->rv_state == 0 && q->a0 < (int64_t)b) {
			q->rv_state = 2;
			if (q->reverb && q->alen > 0 && !muted("reverb")) {
				size_t a0 = (size_t)q->a0, alen = (size_t)q->alen, tail = MIX_RATE * 3 / 2;
				size_t n = alen + tail;
				if (a0 + n > total) n = total - a0;
				size_t dn = a0 + alen < total ? alen : total - a0;
				float *ld = xcalloc(alen + 1, sizeof *ld);
				dia_range(m, a0, a0 + dn, m->dgain, ld);
				q->rv = xcalloc(2 * n + 2, sizeof *q->rv);
				q->rvn = n;
				hall_reverb(ld, q->rv, 0, alen, total - a0, REVERB_WET);
				free(ld);
				q->rv_state = 1;
			}
		}
		if (q->rv_state == 1) {
			size_t a0 = (size_t)q->a0, k0 = a > a0 ? a - a0 : 0;
			for (size_t k = k0; k < q->rvn && a0 + k < b; k++) {
				out[2 * (a0 + k - a)] += q->rv[2 * k];
				out[2 * (a0 + k - a) + 1] += q->rv[2 * k + 1];
			}
			if (a0 + q->rvn <= b) {
				free(q->rv);
				q->rv = NULL;
				q->rv_state = 2;
			}
		}
	}
	/* effects at their cues */
	for (size_t j = 0; j < m->nfx; j++) {
		struct mfx *e = &m->fx[j];
		if (e->state == 2 || e->s0 >= (int64_t)b) continue;
		if (e->state == 0) {
			size_t n, pre;
			e->state = 2;
			if (sfx_render(e->name, e->seed, &e->fx, &n, &pre) < 0 || n != e->n) {
				free(e->fx);
				e->fx = NULL;
				continue;
			}
			e->state = 1;
		}
		double g = db(data_db("effects_db", sfx_canon(e->name), -10)) / 0.5;
		size_t hit = (size_t)(e->at - e->s0) + MIX_RATE / 4;
		int64_t i0 = (int64_t)a - e->s0;
		for (size_t i = i0 > 0 ? (size_t)i0 : 0; i < e->n; i++) {
			int64_t k = e->s0 + (int64_t)i;
			if (k >= (int64_t)b) break;
			if (k < 0 || (size_t)k >= total) continue;
			double gk = g;
			if (i >= hit) {
				double d = sqrt(duck_at(m->duck, m->nb, (size_t)k));
				double ramp = fmin(1.0, (double)(i - hit) / (MIX_RATE / 20));
				gk *= 1 - ramp * (1 - d);
			}
			out[2 * (k - (int64_t)a)] += (float)(e->fx[2 * i] * gk);
			out[2 * (k - (int64_t)a) + 1] += (float)(e->fx[2 * i + 1] * gk);
		}
		if (e->s0 + (int64_t)e->n <= (int64_t)b) {
			free(e->fx);
			e->fx = NULL;
			e->state = 2;
		}
	}
	/* dialogue on top, centred */
	if (!muted("dialogue")) {
		dia_range(m, a, b, m->dgain, dia);
		for (size_t i = 0; i < b - a; i++) {
			out[2 * i] += dia[i];
			out[2 * i + 1] += dia[i];
		}
	}
}

/* ---- mastering file to file: the steps of level_master, streamed ---- */

/* frames [a, b) of fi times gain, through the windowed true-peak limiter (exactly
 * level_limit over the whole episode), into fo; loudness and true peak (dBTP) of the
 * result into *lufs and *tp */
static int gain_limit_pass(struct mix *m, int fi, int fo, double gain_db, double ceiling_db, double *lufs,
                           double *tp)
{
	size_t total = m->total, look = (size_t)(0.005 * MIX_RATE), marg = look + LEVEL_TAPS + 2;
	float gl = (float)pow(10, gain_db / 20);
	float ceil_lin = (float)pow(10, ceiling_db / 20), quick = ceil_lin * 0.5f;
	float rel = (float)(1 - exp(-1.0 / (0.08 * MIX_RATE)));
	float *win = xmalloc((MIX_CHUNK + 2 * marg) * 2 * sizeof *win);
	float *env = xmalloc(MIX_CHUNK * sizeof *env);
	float *outc = xmalloc(MIX_CHUNK * 2 * sizeof *outc);
	ebur128_state *st = ebur128_init(2, MIX_RATE, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK);
	float g = 1;
	int rc = 0;
	for (size_t a = 0; a < total && rc == 0; a += MIX_CHUNK) {
		size_t b = a + MIX_CHUNK < total ? a + MIX_CHUNK : total;
		size_t w0 = a > marg ? a - marg : 0, w1 = b + marg < total ? b + marg : total;
		if ((rc = frames_io(fi, win, w0, w1, 0)) < 0) break;
		for (size_t i = 0; i < 2 * (w1 - w0); i++) win[i] *= gl;
#define W(k, c) win[2 * ((k) - w0) + (c)]          /* frame k (absolute) of the window */
		for (size_t k = 0; k < b - a; k++) env[k] = 1;
		size_t ilo = a + 1 > look ? a + 1 - look : 0, ihi = b + look < total ? b + look : total;
		for (size_t i = ilo; i < ihi; i++) {
			size_t lo = i >= LEVEL_TAPS ? i - LEVEL_TAPS : 0, hi = i + LEVEL_TAPS < total ? i + LEVEL_TAPS : total;
			float mx = 0;
			for (size_t k = lo; k < hi; k += 3) {
				float x = fabsf(W(k, 0)), y = fabsf(W(k, 1));
				if (x > mx) mx = x;
				if (y > mx) mx = y;
			}
			if (mx < quick)
				continue;
			float p = level_os_peak(win, w0, total, i);
			if (fabsf(W(i, 0)) > p) p = fabsf(W(i, 0));
			if (fabsf(W(i, 1)) > p) p = fabsf(W(i, 1));
			if (p <= ceil_lin)
				continue;
			float gg = ceil_lin / p;
			size_t a0 = i >= look ? i - look : 0;
			for (size_t k = a0 > a ? a0 : a; k <= i && k < b; k++) {
				float v = gg + (1 - gg) * (float)(i - k) / (float)look;
				if (v < env[k - a]) env[k - a] = v;
			}
			for (size_t k = i > a ? i : a; k < b && k < i + look; k++)
				if (gg < env[k - a]) env[k - a] = gg;
		}
		if (a == 0) g = env[0];
		for (size_t k = 0; k < b - a; k++) {
			g += (1 - g) * rel;
			if (env[k] < g) g = env[k];
			outc[2 * k] = W(a + k, 0) * g;
			outc[2 * k + 1] = W(a + k, 1) * g;
		}
#undef W
		if (st) ebur128_add_frames_float(st, outc, b - a);
		rc = frames_io(fo, outc, a, b, 1);
	}
	double l = -HUGE_VAL;
	*tp = -HUGE_VAL;
	if (st) {
		if (ebur128_loudness_global(st, &l) != EBUR128_SUCCESS || !isfinite(l)) l = -HUGE_VAL;
		double x = 0, y = 0;
		ebur128_true_peak(st, 0, &x);
		ebur128_true_peak(st, 1, &y);
		double pk = x > y ? x : y;
		*tp = pk > 0 ? 20 * log10(pk) : -HUGE_VAL;
		ebur128_destroy(&st);
	} else if (rc == 0) {
		rc = err_set(ERR_GENERIC, "libebur128: out of memory");
	}
	*lufs = l;
	free(win);
	free(env);
	free(outc);
	return rc;
}

/* loudness (and true peak) of a temp file times gain */
static int measure_file(struct mix *m, int fd, float gain, double *lufs, double *tp)
{
	ebur128_state *st = ebur128_init(2, MIX_RATE, EBUR128_MODE_I | (tp ? EBUR128_MODE_TRUE_PEAK : 0));
	if (!st)
		return err_set(ERR_GENERIC, "libebur128: out of memory");
	float *buf = xmalloc(MIX_RATE * 2 * sizeof *buf);
	int rc = 0;
	for (size_t a = 0; a < m->total; a += MIX_RATE) {
		size_t b = a + MIX_RATE < m->total ? a + MIX_RATE : m->total;
		if ((rc = frames_io(fd, buf, a, b, 0)) < 0) break;
		if (gain != 1)
			for (size_t i = 0; i < 2 * (b - a); i++) buf[i] *= gain;
		ebur128_add_frames_float(st, buf, b - a);
	}
	double l = -HUGE_VAL;
	if (ebur128_loudness_global(st, &l) != EBUR128_SUCCESS || !isfinite(l)) l = -HUGE_VAL;
	*lufs = l;
	if (tp) {
		double x = 0, y = 0;
		ebur128_true_peak(st, 0, &x);
		ebur128_true_peak(st, 1, &y);
		double pk = x > y ? x : y;
		*tp = pk > 0 ? 20 * log10(pk) : -HUGE_VAL;
	}
	ebur128_destroy(&st);
	free(buf);
	return rc;
}

int mix_open(const struct project *p, const struct episode *ep, const struct timeline *tl, struct mix **out)
{
	*out = NULL;
	if (!tl || tl->fps <= 0 || tl->frames <= 0)
		return err_set(ERR_INPUT, "mix: empty timeline for episode %d", ep ? ep->number : 0);
	double t0 = now_sec();
	struct mix *m = xcalloc(1, sizeof *m);
	m->p = p;
	m->ep = ep;
	m->tl = tl;
	m->cached = -1;
	m->fd[0] = m->fd[1] = -1;
	m->final_gain = 1;
	m->total = (size_t)music_sample_of(tl, tl->frames);
	size_t total = m->total;
	int n_lines = 0, rc;
	if ((rc = collect_lines(m, &n_lines)) < 0)
		return mix_fail(m, rc);
	float *dia = xmalloc(MIX_CHUNK * sizeof *dia);
	/* pass 1: dialogue loudness, then the sidechain's speech blocks */
	{
		ebur128_state *st = ebur128_init(1, MIX_RATE, EBUR128_MODE_I);
		double l = -HUGE_VAL;
		if (st) {
			for (size_t a = 0; a < total; a += MIX_CHUNK) {
				size_t b = a + MIX_CHUNK < total ? a + MIX_CHUNK : total;
				dia_range(m, a, b, 1, dia);
				ebur128_add_frames_float(st, dia, b - a);
			}
			if (ebur128_loudness_global(st, &l) != EBUR128_SUCCESS) l = -HUGE_VAL;
			ebur128_destroy(&st);
		}
		m->dgain = isfinite(l) ? (float)db(DIA_LUFS - (l + 3.01)) : 1;
	}
	m->nb = total / DUCK_BLOCK + 2;
	char *speech = xcalloc(m->nb, 1);
	for (size_t a = 0; a < total; a += MIX_CHUNK) {
		size_t b = a + MIX_CHUNK < total ? a + MIX_CHUNK : total;
		dia_range(m, a, b, m->dgain, dia);
		speech_blocks(dia, a, b, speech);
	}
	m->duck = duck_from_speech(speech, m->nb);
	/* scenes and effects */
	const struct series *s = p ? p->s : NULL;
	m->nsc = ep ? (tl->n_scenes < ep->n_scenes ? tl->n_scenes : ep->n_scenes) : 0;
	m->sc = xcalloc(m->nsc + 1, sizeof *m->sc);
	for (size_t i = 0; i < m->nsc; i++) {
		struct mscene *q = &m->sc[i];
		int64_t len;
		music_cue_span(tl, i, &q->start, &len);
		q->nl = amb_layers_for(s, &ep->scenes[i], q->layers, 6);
		q->a0 = music_sample_of(tl, tl->scenes[i].start);
		q->alen = music_sample_of(tl, tl->scenes[i].start + tl->scenes[i].frames) - q->a0;
		for (int k = 0; k < q->nl; k++) if (str_eq(q->layers[k], "hall")) q->reverb = 1;
	}
	collect_effects(m);
	/* pass 2: the unmastered mix, chunk by chunk, into a temp file */
	m->fd[0] = temp_file(p);
	m->fd[1] = m->fd[0] >= 0 ? temp_file(p) : -1;
	if (m->fd[1] < 0) {
		free(dia);
		return mix_fail(m, ERR_IO);
	}
	/* the unmastered mix's loudness is measured as it is written (not read back) */
	ebur128_state *st2 = ebur128_init(2, MIX_RATE, EBUR128_MODE_I);
	float *buf = xmalloc(MIX_CHUNK * 2 * sizeof *buf);
	for (size_t a = 0; a < total && rc == 0; a += MIX_CHUNK) {
		size_t b = a + MIX_CHUNK < total ? a + MIX_CHUNK : total;
		render_chunk(m, a, b, buf, dia);
		if (st2) ebur128_add_frames_float(st2, buf, b - a);
		rc = frames_io(m->fd[0], buf, a, b, 1);
	}
	free(buf);
	double l = -HUGE_VAL, tp = -HUGE_VAL;
	if (!st2) rc = rc < 0 ? rc : err_set(ERR_GENERIC, "libebur128: out of memory");
	else if (ebur128_loudness_global(st2, &l) != EBUR128_SUCCESS || !isfinite(l)) l = -HUGE_VAL;
	ebur128_destroy(&st2);
	free(dia);
	for (size_t i = 0; i < m->nsc; i++) { free(m->sc[i].cue); free(m->sc[i].amb); free(m->sc[i].rv); }
	for (size_t j = 0; j < m->nfx; j++) free(m->fx[j].fx);
	free(m->sc); m->sc = NULL; m->nsc = 0;
	free(m->fx); m->fx = NULL; m->nfx = 0;
	if (rc < 0)
		return mix_fail(m, rc);
	/* pass 3: master (level_master's steps: gain + limit until within 0.2 LU, then a
	 * static gain if the true peak is still over the ceiling). Each gain pass measures
	 * its result's loudness and true peak as it writes it; the file is read again only
	 * where no pass ran. */
	m->cur = 0;
	int passes = 0;
	for (int it = 0; it < 4; it++) {
		if (!isfinite(l) || muted("master"))   /* "master": the sum as mixed (the export's stem) */
			break;
		if (it > 0 && fabs(l - MIX_TARGET_LUFS) < 0.2)
			break;
		if ((rc = gain_limit_pass(m, m->fd[m->cur], m->fd[!m->cur], MIX_TARGET_LUFS - l, MIX_CEILING_DB - 0.4, &l,
		                          &tp)) < 0)
			return mix_fail(m, rc);
		m->cur = !m->cur;
		passes++;
	}
	if (!passes && (rc = measure_file(m, m->fd[m->cur], 1, &l, &tp)) < 0)
		return mix_fail(m, rc);
	if (isfinite(tp) && tp > MIX_CEILING_DB && !muted("master")) {
		m->final_gain = (float)pow(10, (MIX_CEILING_DB - 0.05 - tp) / 20);
		if ((rc = measure_file(m, m->fd[m->cur], m->final_gain, &l, &tp)) < 0)
			return mix_fail(m, rc);
	}
	log_info("mix", "episode %d: %.1f s, %d lines, %.1f LUFS, true peak %.1f dBTP (mixed in %.2f s, streamed)",
	         ep ? ep->number : 0, (double)total / MIX_RATE, n_lines, l, tp, now_sec() - t0);
	*out = m;
	return 0;
}

/* Bumped when the mix's code changes what it makes from the same inputs. */
#define MIX_VERSION "mix-2"

static void hash_file(struct hash *h, const struct project *p, const char *rel)
{
	struct cache_sum sum = { 0 };
	char *path = rel ? project_path(p, rel) : NULL;
	hash_str(h, rel);
	if (path && cache_sum_file(path, &sum) == 0) hash_str(h, sum.hash);
	else {
		hash_str(h, "missing");
		err_clear();
	}
	free(path);
}

void mix_hash(const struct project *p, const struct episode *ep, const struct timeline *tl, struct hash *h)
{
	hash_str(h, MIX_VERSION);
	hash_num(h, MIX_RATE);
	hash_str(h, getenv("DRAMA_MIX_MUTE"));
	char *amb = data_path("music/ambience.json"), *txt = NULL;
	size_t n = 0;
	if (file_read_all(amb, &txt, &n) == 0) hash_add(h, txt, n);
	else err_clear();
	free(txt);
	free(amb);
	json_t *j = p && p->s ? series_to_json(p->s) : NULL;
	char *js = j ? model_json_key(j, JSON_SORT_KEYS | JSON_COMPACT | JSON_REAL_PRECISION(6)) : NULL;
	hash_str(h, js);
	free(js);
	json_decref(j);
	hash_num(h, ep ? ep->number : 0);
	hash_num(h, tl->fps);
	hash_num(h, (double)tl->frames);
	hash_num(h, (double)tl->title_frames);
	hash_num(h, (double)tl->end_start);
	for (size_t i = 0; i < tl->n_shots; i++) {
		const struct tl_shot *t = &tl->shots[i];
		hash_num(h, (double)t->start);
		hash_num(h, (double)t->frames);
		hash_num(h, (double)t->line_start);
		hash_num(h, (double)t->line_end);
		if (p && t->sh->line && t->sh->line->audio) hash_file(h, p, t->sh->line->audio);
	}
	for (size_t i = 0; i < tl->n_scenes; i++) {
		hash_num(h, (double)tl->scenes[i].start);
		hash_num(h, (double)tl->scenes[i].frames);
	}
	for (size_t i = 0; p && ep && i < ep->n_scenes; i++)
		if (ep->scenes[i].music) hash_file(h, p, ep->scenes[i].music);
}

size_t mix_frames(const struct mix *m) { return m ? m->total : 0; }

long mix_read(struct mix *m, float *lr, size_t max)
{
	if (!m || m->fd[m->cur] < 0)
		return err_set(ERR_INPUT, "mix_read: mix is not open");
	size_t n = m->total - m->pos < max ? m->total - m->pos : max;
	if (!n)
		return 0;
	int rc = frames_io(m->fd[m->cur], lr, m->pos, m->pos + n, 0);
	if (rc < 0)
		return rc;
	if (m->final_gain != 1)
		for (size_t i = 0; i < 2 * n; i++) lr[i] *= m->final_gain;
	m->pos += n;
	return (long)n;
}

void mix_close(struct mix *m)
{
	if (!m)
		return;
	for (int i = 0; i < 2; i++) if (m->fd[i] >= 0) close(m->fd[i]);
	for (size_t i = 0; i < m->nlines; i++) free(m->lines[i].path);
	free(m->lines);
	free(m->cpcm);
	free(m->duck);
	if (m->sc) for (size_t i = 0; i < m->nsc; i++) { free(m->sc[i].cue); free(m->sc[i].amb); free(m->sc[i].rv); }
	free(m->sc);
	if (m->fx) for (size_t j = 0; j < m->nfx; j++) free(m->fx[j].fx);
	free(m->fx);
	free(m);
}

int mix_episode(const struct project *p, const struct episode *ep, const struct timeline *tl,
                float **lr_out, size_t *frames_out)
{
	*lr_out = NULL;
	*frames_out = 0;
	struct mix *m;
	int rc = mix_open(p, ep, tl, &m);
	if (rc < 0)
		return rc;
	float *lr = xmalloc((m->total * 2 + 2) * sizeof *lr);
	long n = mix_read(m, lr, m->total);
	if (n < 0 || (size_t)n != m->total) {
		free(lr);
		mix_close(m);
		return n < 0 ? (int)n : err_set(ERR_IO, "mix: short read of the mixed episode");
	}
	*lr_out = lr;
	*frames_out = m->total;
	mix_close(m);
	return 0;
}
