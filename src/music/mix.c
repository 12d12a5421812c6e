/* music/mix.c — the episode's sound: dialogue placed frame-exactly and centred, each
 * scene's score with crossfades at scene changes and ducked under speech (look-ahead
 * sidechain, attack ~50 ms, release ~300 ms, -30 dB plus a speech-band cut), effects at their cues, location
 * ambience, then loudness normalisation to -14 LUFS (libebur128's K-weighted blocks, the gain
 * in 0.5 dB steps) with true peak <= -1 dBTP; made in spans cached by content (below). */
#include <math.h>
#include <pthread.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <ebur128.h>
#include <jansson.h>
#include "music/mix_internal.h"
#include "core/cache.h"
#include "core/wav.h"

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
/* A join (the spans, mix_open) from MIX_JOIN_TAIL samples before a scene's end (its
 * lines, effects and score end there; the next scene's sound may start MIX_GRID early, a
 * whoosh before its cut, the duck looks ahead) to MIX_JOIN_HEAD after the next scene's
 * start (the crossfade of the score before, the hall's tail and MIX_WARM: what reaches
 * past the start, up to MIX_GRID late); whole grid steps. */
#define MIX_JOIN_HEAD ((MIX_WARM + 2 * MIX_GRID + MIX_GRID - 1) / MIX_GRID * MIX_GRID)
#define MIX_JOIN_TAIL (MIX_RATE + MIX_GRID)

static double db(double x) { return pow(10, x / 20); }

/* DRAMA_MIX_MUTE="music,ambience,effects,reverb,dialogue" leaves parts out (for checking a
 * mix); "master" leaves the mastering out (gain and limiter: the export's effects stem);
 * "grid" leaves each scene's sound at its frames (shift_of) */
static int muted(const char *part)
{
	const char *m = getenv("DRAMA_MIX_MUTE");
	return m && strstr(m, part) != NULL;
}

/* How far scene i's sound is moved from its pictures: onto the AAC grid
 * (music_scene_shift), or not at all with DRAMA_MIX_MUTE's "grid" (the export's stem and
 * reference mix: an editor places the clips at frames). */
static int64_t shift_of(const struct mix *m, size_t i) { return m->grid ? music_scene_shift(m->tl, i) : 0; }

static json_t *data_root;              /* data/music/ambience.json, read once (spans are mixed on threads) */
static pthread_once_t data_once = PTHREAD_ONCE_INIT;
static void data_load(void)
{
	char *p = data_path("music/ambience.json");
	data_root = json_load_file(p, 0, NULL);
	free(p);
}

static double data_db(const char *table, const char *key, double def)
{
	pthread_once(&data_once, data_load);
	json_t *v = json_object_get(json_object_get(data_root, table), key);
	return json_is_number(v) ? json_number_value(v) : def;
}

double music_bed_db(const char *mood)
{
	return BED_LUFS - MUSIC_CUE_LUFS + music_mood_bed_db(mood);
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

/* A small Schroeder reverb on the dialogue, added to both channels (hall scenes), made
 * sample by sample as the chunks are mixed: four damped combs, the right channel
 * HALL_SKEW samples later. Its state is a few combs' delays (about 14 k floats), not the
 * whole scene: made whole before, it held five buffers of the span's length at once (the
 * dialogue, the combs, their sum and the stereo output: 36 MB for a 38-second scene). */
#define HALL_COMBS 4
#define HALL_SKEW 331
struct mix_hall {
	size_t i, n, nin;                /* next sample of n; the dialogue feeds the first nin, then silence */
	size_t d[HALL_COMBS];
	float lp[HALL_COMBS];
	float *ring[HALL_COMBS];         /* each comb's last d outputs, by i % d */
	float hist[HALL_SKEW];           /* the sum of the last HALL_SKEW samples, by i % HALL_SKEW */
	float mem[];
};

static struct mix_hall *hall_new(size_t n, size_t nin)
{
	static const double comb_ms[HALL_COMBS] = { 29.7, 37.1, 41.1, 43.7 };
	size_t d[HALL_COMBS], all = 0;
	for (int c = 0; c < HALL_COMBS; c++) all += d[c] = (size_t)(comb_ms[c] * 1.7 * MIX_RATE / 1000);
	struct mix_hall *h = xcalloc(1, sizeof *h + all * sizeof(float));
	h->n = n;
	h->nin = nin;
	for (int c = 0, at = 0; c < HALL_COMBS; at += (int)d[c], c++) {
		h->d[c] = d[c];
		h->ring[c] = h->mem + at;
	}
	return h;
}

/* Samples [h->i, to) of the hall (to <= h->n), their dialogue in dia (dia[0] is sample
 * h->i); with out, added to it (stereo, out[0] is sample h->i). The same floats as the
 * whole-buffer reverb of before: each comb's feedback, damping and sum in the same order. */
static void hall_run(struct mix_hall *h, const float *dia, size_t to, float *out, double wet)
{
	for (size_t k = 0; h->i < to; h->i++, k++) {
		float in = h->i < h->nin ? dia[k] : 0, y = 0;
		for (int c = 0; c < HALL_COMBS; c++) {
			float *r = &h->ring[c][h->i % h->d[c]];
			float fb = *r;                   /* (0 for the first d samples) */
			h->lp[c] = 0.7f * fb + 0.3f * h->lp[c];   /* damping */
			*r = in + REVERB_FEEDBACK * h->lp[c];
			y += fb * 0.25f;
		}
		float *old = &h->hist[h->i % HALL_SKEW];
		float w = h->i >= HALL_SKEW ? (float)(*old * wet) : 0;
		*old = y;
		if (out) {
			out[2 * k] += 0.0f + (float)(y * wet);
			out[2 * k + 1] += 0.0f + w;
		}
	}
}

/* ================= the mix in spans ================= */
/* The episode is cut into spans at scene starts (the first from sample 0, the last to
 * the end). Each span is mixed on its own from what reaches into it: the lines from
 * MIX_WARM before it on (the duck's and the hall reverb's memory; older speech is
 * forgotten there), the scores, ambience and effects that sound in it, all at their
 * places relative to the span's start. So a span's samples are a function of a content
 * hash of exactly those inputs: cache/shots/<hash>.mixspan holds them (unmastered float)
 * with their loudness blocks, and an edit mixes again only the spans whose inputs
 * changed; the spans after an edit that moved the timeline are found again at their new
 * places.
 *
 * Mastering is global but quantised: the gain is the integrated loudness of all spans'
 * blocks (level_gated) to -14 LUFS rounded to MIX_GAIN_STEP dB, so an edit that moves
 * the episode's loudness by less than the step leaves every other span's mastered
 * samples as they were; when the step changes, every span is mastered again (not mixed
 * again). The limiter works inside each span (its state starts fresh at the span's
 * start); each span's mastered blocks and true peak are cached by (span hash, gain) in
 * cache/shots/<hash>.mixlvl. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

_Static_assert(MIX_CHUNK % DUCK_BLOCK == 0, "a chunk is whole duck blocks");

static int mix_fail(struct mix *m, int rc) { mix_close(m); return rc; }

static int io_rw(int fd, void *buf, size_t bytes, off_t off, int wr)
{
	char *b = buf;
	while (bytes) {
		ssize_t k = wr ? pwrite(fd, b, bytes, off) : pread(fd, b, bytes, off);
		if (k < 0 && errno == EINTR) continue;
		if (k <= 0)
			return err_set(ERR_IO, "mix: %s file %s failed (%s); check free space in the project's cache/",
			               "span", wr ? "write" : "read", k < 0 ? strerror(errno) : "short read");
		b += k; bytes -= (size_t)k; off += k;
	}
	return 0;
}
int mix_frames_io(int fd, float *lr, size_t a, size_t b, int wr)
{
	return io_rw(fd, lr, (b - a) * 2 * sizeof *lr, (off_t)(SPAN_HDR + a * 2 * sizeof *lr), wr);
}

/* an unlinked temporary file (no project: nothing is cached) */
static int temp_file(void)
{
	char tpl[] = "/tmp/drama-mix-XXXXXX";
	int fd = mkstemp(tpl);
	if (fd >= 0) unlink(tpl);
	else err_set(ERR_IO, "mix: cannot create a temporary file in /tmp (%s)", strerror(errno));
	return fd;
}

/* A line's gain: each moves 90% of the way to the dialogue target, so the level is
 * nearly constant across characters and a shout stays a little louder than a whisper.
 * Measured when the line is first mixed (its samples' hash stands for it in the spans'). */
static double line_gain(const float *pcm, size_t n)
{
	double lg = 1;
	ebur128_state *st = ebur128_init(2, MIX_RATE, EBUR128_MODE_I);
	if (st) {
		double l;
		ebur128_add_frames_float(st, pcm, n);
		if (ebur128_loudness_global(st, &l) == EBUR128_SUCCESS && isfinite(l))
			lg = db(DIA_EVEN * (DIA_LUFS - l));
		ebur128_destroy(&st);
	}
	return lg;
}

/* the dialogue bus for samples [a, b) */
static void dia_range(struct mix *m, size_t a, size_t b, float *buf)
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
			if (!l->lg_set) l->lg = line_gain(m->cpcm, n);
			l->lg_set = 1;
		}
		size_t s0 = a > l->at ? a - l->at : 0;
		for (size_t s = s0; l->at + s < l->end && l->at + s < b; s++) {
			double v = 0.5 * ((double)m->cpcm[2 * s] + m->cpcm[2 * s + 1]) * l->lg;
			size_t left = l->end - (l->at + s);
			if (left < fade) v *= (double)left / fade;
			buf[l->at + s - a] = (float)v;
		}
	}
}

/* the lines: where they go, their level, a hash of their samples */
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
		/* the file's samples stand for the float stereo wav_read_float makes of them (a
		 * function of them, their rate and channels): a quarter of the bytes to hash for
		 * a mono line and no conversion (0.16 s of SHA-256 for the demo's lines) */
		int16_t *pcm;
		size_t frames, n;
		int rate, ch;
		int rc = wav_read(path, &pcm, &frames, &rate, &ch);
		if (rc == 0 && (ch < 1 || rate < 8000)) {     /* what wav_read_float refuses */
			free(pcm);
			rc = err_set(ERR_INPUT, "%s: unsupported WAV (%d channels, %d Hz)", path, ch, rate);
		}
		if (rc < 0) {
			log_warn("mix", "scene %d shot %d: %s; the line will be silent", t->scene + 1, t->shot + 1, err_msg());
			free(path);
			continue;
		}
		n = rate == MIX_RATE ? frames : (size_t)((double)frames * MIX_RATE / rate);   /* as wav_read_float */
		struct hash h;
		hash_init(&h);
		hash_str(&h, "pcm16");
		hash_num(&h, rate);
		hash_num(&h, ch);
		hash_add(&h, pcm, frames * (size_t)ch * sizeof *pcm);
		free(pcm);
		/* at its scene's sound (on the grid: music_scene_shift) */
		size_t at = (size_t)(music_sample_of(tl, t->line_start) + shift_of(m, (size_t)t->scene));
		size_t limit = m->total;
		for (size_t k = i + 1; k < tl->n_shots; k++)
			if (tl->shots[k].line_start >= 0) {
				limit = (size_t)(music_sample_of(tl, tl->shots[k].line_start) +
				                 shift_of(m, (size_t)tl->shots[k].scene));
				break;
			}
		struct mline *l = &m->lines[m->nlines++];
		l->path = path;
		l->at = at;
		l->n = n;
		l->end = at + n < limit ? at + n : limit;
		hash_hex(&h, l->sum);
		(*n_lines)++;
	}
	return 0;
}

static void add_fx_event(struct mix *m, const char *name, uint64_t seed, int64_t at, const char *why)
{
	if (muted("effects"))
		return;
	size_t n, pre;
	if (sfx_render(name, seed, NULL, &n, &pre) < 0) {   /* its length: rendered when it plays */
		log_warn("mix", "%s: %s; skipped", why, err_msg());
		return;
	}
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
		int64_t at = music_sample_of(tl, t->start) + shift_of(m, (size_t)t->scene);
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
		add_fx_event(m, "stinger", music_cue_seed(s, m->ep, 999),
		             music_sample_of(tl, tl->end_start) + shift_of(m, tl->n_scenes - 1), "end card");
}

/* the duck curve's gain at sample i */
static float mduck(const struct mix *m, size_t i) { return duck_at(m->duck, m->nb, i - m->duck0); }

/* one chunk [a, b) of the span being mixed (m->sa .. m->sb) */
static void render_chunk(struct mix *m, size_t a, size_t b, float *out, float *dia)
{
	const struct series *s = m->p ? m->p->s : NULL;
	size_t total = m->total, xf = (size_t)(MUSIC_XFADE_SEC * MIX_RATE);
	memset(out, 0, 2 * (b - a) * sizeof *out);
	dia_range(m, a, b, dia);                 /* the dialogue bus: added last, and the hall's input */
	int16_t *pcm = NULL;                     /* a cue's samples of this chunk, read from its file */
	float *lr = NULL;                        /* a prepared ambience's */
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
			int64_t len = q->len;
			if (!sc->music || muted("music")) {
				if (!muted("music"))
					log_warn("mix", "episode %d scene %zu has no music (run `drama music`)", m->ep->number, i + 1);
			} else {
				char *path = project_path(m->p, sc->music);
				int last = i + 1 == m->tl->n_scenes, rate = 0, ch = 0;
				size_t want = (size_t)len + (last ? 0 : xf), nf = 0;
				int64_t off = 0;
				/* a cue of the scene's length (as the music stage makes it) is read chunk by
				 * chunk from its file, only the last scene's faded out on the way; else
				 * loaded whole and fitted (music_fit) */
				if (wav_open_data(path, &q->cfd, &off, &nf, &rate, &ch) == 0 && (rate != MIX_RATE || ch != 2 || nf != want)) {
					close(q->cfd);
					q->cfd = -1;
				}
				err_clear();
				if (q->cfd >= 0) {
					q->coff = off;
					q->n = nf;
					q->cfade = last ? (MIX_RATE < want ? MIX_RATE : want) : 0;
					q->fin = i == 0 ? 0 : xf / 3;
					q->gain = bed * db(music_mood_bed_db(sc->mood));
					q->state = 1;
				} else if (wav_read_float(path, &q->cue, &q->n) < 0) {
					log_warn("mix", "episode %d scene %zu: %s; no music for this scene", m->ep->number, i + 1, err_msg());
				} else {
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
		if (q->state == 1 && q->cfd >= 0) {   /* its samples of this chunk */
			size_t k0 = a > (size_t)q->start ? a - (size_t)q->start : 0, k1 = q->n;
			if ((size_t)q->start + k1 > total) k1 = total - (size_t)q->start;
			if ((size_t)q->start + k1 > b) k1 = b - (size_t)q->start;
			if (k1 > k0) {
				if (!pcm) pcm = xmalloc(2 * (b - a) * sizeof *pcm);
				if (wav_read_range(q->cfd, q->coff, 2, k0, k1, pcm) < 0) {
					log_warn("mix", "episode %d scene %zu: %s; the rest of its music left out", m->ep->number, i + 1, err_msg());
					err_clear();
					close(q->cfd);
					q->cfd = -1;
					q->state = 2;
				}
			}
		}
		if (q->state == 1) {
			size_t k0 = a > (size_t)q->start ? a - (size_t)q->start : 0;
			for (size_t k = k0; k < q->n; k++) {
				size_t at = (size_t)q->start + k;
				if (at >= total || at >= b) break;
				float d = mduck(m, at);
				float g = (float)q->gain * d;
				if (k < q->fin) g *= (float)sin((double)k / q->fin * M_PI / 2);
				double u = (1 - d) / (1 - floor_g);
				float fo = 1;                /* the last scene's fade-out, as music_fit makes it */
				if (q->cfd >= 0 && q->n - k <= q->cfade)
					fo = (float)cos((double)(q->cfade - (q->n - k) + 1) / q->cfade * M_PI / 2);
				for (int c = 0; c < 2; c++) {
					double x = q->cfd < 0 ? q->cue[2 * k + c] : (float)((double)pcm[2 * (k - k0) + c] / 32768.0) * fo;
					double y = b0 * x + q->z[c][0];
					q->z[c][0] = -a1 * y + q->z[c][1];
					q->z[c][1] = b2 * x - a2 * y;
					out[2 * (at - a) + c] += (float)((x - u * cut * y) * g);
				}
			}
			if ((size_t)q->start + q->n <= b || total <= b) {
				free(q->cue);
				q->cue = NULL;
				if (q->cfd >= 0) close(q->cfd);
				q->cfd = -1;
				q->state = 2;
			}
		}
		/* ambience and hall reverb of the scene */
		if (q->amb_state == 0 && q->a0 < (int64_t)b) {
			q->amb_state = 2;
			if (q->alen > 0 && q->nl > 0 && !muted("ambience") && q->afd >= 0) {
				q->amb_state = 1;            /* made already (mix_ambience_new): read by range */
			} else if (q->alen > 0 && q->nl > 0 && !muted("ambience")) {
				/* (the first layer made in its own buffer, the others added to it: one buffer of
				 * the scene's length less at once, beside the encoder) */
				for (int k = 0; k < q->nl; k++) {
					double gdb = DIA_LUFS - (-20.0) + data_db("gains_db", q->layers[k], -30);
					if (!q->amb) q->amb = amb_make(q->layers[k], music_cue_seed(s, m->ep, i), (size_t)q->alen, MIX_RATE / 4, (float)db(gdb));
					else amb_add(q->layers[k], music_cue_seed(s, m->ep, i), q->amb, (size_t)q->alen, MIX_RATE / 4, (float)db(gdb));
				}
				if (!q->amb) q->amb = xcalloc_written((size_t)q->alen * 2, sizeof *q->amb);
				q->amb_state = 1;
			}
		}
		if (q->amb_state == 1) {
			size_t a0 = (size_t)q->a0, k0 = a > a0 ? a - a0 : 0, k1 = (size_t)q->alen;
			if (a0 + k1 > total) k1 = total - a0;
			if (a0 + k1 > b) k1 = b - a0;
			const float *amb = q->amb ? q->amb + 2 * k0 : NULL;
			if (!amb && k1 > k0) {
				if (!lr) lr = xmalloc(2 * (b - a) * sizeof *lr);
				if (mix_frames_io(q->afd, lr, k0, k1, 0) < 0) {    /* (a file of frames from SPAN_HDR) */
					log_warn("mix", "episode %d scene %zu: %s; its ambience left out", m->ep->number, i + 1, err_msg());
					err_clear();
					k1 = k0;
				}
				amb = lr;
			}
			for (size_t k = k0; k < k1; k++) {
				float d = sqrtf(mduck(m, a0 + k));
				out[2 * (a0 + k - a)] += amb[2 * (k - k0)] * d;
				out[2 * (a0 + k - a) + 1] += amb[2 * (k - k0) + 1] * d;
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
				/* the hall of the span's lines and of those MIX_WARM before it (the comb
				 * filters' memory: 0.72 a pass of 50-75 ms is -70 dB after 1.5 s) */
				size_t a0 = (size_t)q->a0, e0 = a0 + (size_t)q->alen, tail = MIX_RATE * 3 / 2;
				size_t r0 = m->sa > a0 + MIX_WARM ? m->sa - MIX_WARM : a0;
				size_t de = e0 < m->sb ? e0 : m->sb, re = e0 + tail;
				if (re > m->sb) re = m->sb;
				if (de > r0 && re > r0) {
					q->r0 = (int64_t)r0;
					q->rvn = re - r0;
					q->rv = hall_new(q->rvn, de - r0);
					if (r0 < a) {            /* its memory: the lines from MIX_WARM before the span */
						float *ld = xmalloc(MIX_CHUNK * sizeof *ld);
						for (size_t x = r0; x < a; x += MIX_CHUNK) {
							size_t y = x + MIX_CHUNK < a ? x + MIX_CHUNK : a;
							dia_range(m, x, y, ld);
							hall_run(q->rv, ld, y - r0, NULL, REVERB_WET);
						}
						free(ld);
					}
					q->rv_state = 1;
				}
			}
		}
		if (q->rv_state == 1) {
			size_t r0 = (size_t)q->r0, k0 = a > r0 ? a - r0 : 0, k1 = r0 + q->rvn < b ? q->rvn : b - r0;
			if (k1 > k0) hall_run(q->rv, dia + (r0 + k0 - a), k1, out + 2 * (r0 + k0 - a), REVERB_WET);
			if (r0 + q->rvn <= b) {
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
				double d = sqrt(mduck(m, (size_t)k));
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
	free(pcm);
	free(lr);
	if (!muted("dialogue")) {
		for (size_t i = 0; i < b - a; i++) {
			out[2 * i] += dia[i];
			out[2 * i + 1] += dia[i];
		}
	}
}


/* ---- one span: its inputs' hash, its mix ---- */

/* the samples of lines that reach a span's duck: [wa, wb) */
static void span_window(const struct mix *m, const struct mspan *sp, size_t *wa, size_t *wb)
{
	size_t ahead = ((size_t)(DUCK_AHEAD * MIX_RATE / DUCK_BLOCK) + 2) * DUCK_BLOCK;
	*wa = sp->a > MIX_WARM ? sp->a - MIX_WARM : 0;
	*wb = sp->b + ahead < m->total ? sp->b + ahead : m->total;
}

static int64_t cue_end(const struct mix *m, size_t i)
{
	const struct mscene *q = &m->sc[i];
	return q->start + q->len + (i + 1 == m->tl->n_scenes ? 0 : (int64_t)(MUSIC_XFADE_SEC * MIX_RATE));
}

/* Everything the span's samples are made of, at its place relative to the span's start:
 * what mix_span reads, no more (the same inputs at another place give the same hash). */
static void span_hash(const struct mix *m, struct mspan *sp)
{
	size_t a = sp->a, b = sp->b, wa, wb, tail = MIX_RATE * 3 / 2;
	span_window(m, sp, &wa, &wb);
	struct hash h;
	hash_init(&h);
	hash_str(&h, m->data_sum);
	hash_num(&h, (double)(b - a));
	hash_num(&h, (double)(a - wa));
	hash_num(&h, (double)(wb - b));
	for (size_t i = 0; i < m->nlines; i++) {
		const struct mline *l = &m->lines[i];
		if (!mix_overlaps((int64_t)l->at, (int64_t)l->end, wa, wb)) continue;
		hash_str(&h, "line");
		hash_num(&h, (double)((int64_t)l->at - (int64_t)a));
		hash_num(&h, (double)((int64_t)l->end - (int64_t)a));
		hash_num(&h, (double)l->n);
		hash_str(&h, l->sum);
	}
	const struct series *s = m->p ? m->p->s : NULL;
	for (size_t i = 0; i < m->nsc; i++) {        /* each scene's score, ambience and hall, where they reach */
		const struct mscene *q = &m->sc[i];
		char seed[32];
		snprintf(seed, sizeof seed, "%llx", (unsigned long long)music_cue_seed(s, m->ep, i));
		if (strcmp(q->sum, "none") && !muted("music") && mix_overlaps(q->start, cue_end(m, i), a, b)) {
			hash_str(&h, "score");
			hash_num(&h, (double)(q->start - (int64_t)a));
			hash_num(&h, (double)q->len);
			hash_num(&h, i == 0);
			hash_num(&h, i + 1 == m->tl->n_scenes);
			hash_num(&h, music_mood_bed_db(m->ep->scenes[i].mood));
			hash_str(&h, q->sum);
		}
		if (q->nl && mix_overlaps(q->a0, q->a0 + q->alen, a, b)) {
			hash_str(&h, "ambience");
			hash_str(&h, seed);
			hash_num(&h, (double)(q->a0 - (int64_t)a));
			hash_num(&h, (double)q->alen);
			for (int k = 0; k < q->nl; k++) hash_str(&h, q->layers[k]);
		}
		if (q->reverb && mix_overlaps(q->a0, q->a0 + q->alen + (int64_t)tail, a, b)) {
			int64_t r0 = (int64_t)a > q->a0 + MIX_WARM ? (int64_t)a - MIX_WARM : q->a0;   /* as render_chunk */
			hash_str(&h, "hall");
			hash_num(&h, (double)(r0 - (int64_t)a));
			hash_num(&h, (double)(q->a0 + q->alen - (int64_t)a));
		}
	}
	for (size_t j = 0; j < m->nfx; j++) {
		const struct mfx *e = &m->fx[j];
		if (!mix_overlaps(e->s0, e->s0 + (int64_t)e->n, a, b)) continue;
		char seed[32];
		snprintf(seed, sizeof seed, "%llx", (unsigned long long)e->seed);
		hash_str(&h, "effect");
		hash_str(&h, e->name);
		hash_str(&h, seed);
		hash_num(&h, (double)(e->at - (int64_t)a));
		hash_num(&h, (double)(e->s0 - (int64_t)a));
		hash_num(&h, (double)e->n);
	}
	hash_hex(&h, sp->hash);
}

/* scenes' and effects' states fresh for the span from sample a (what ended before it:
 * done) */
static void span_states(struct mix *m, size_t a)
{
	size_t tail = MIX_RATE * 3 / 2;
	for (size_t i = 0; i < m->nsc; i++) {
		struct mscene *q = &m->sc[i];
		free(q->cue); free(q->amb); free(q->rv);
		q->cue = q->amb = NULL;
		q->rv = NULL;
		if (q->cfd >= 0) close(q->cfd);
		q->cfd = -1;
		memset(q->z, 0, sizeof q->z);
		q->state = cue_end(m, i) <= (int64_t)a ? 2 : 0;
		q->amb_state = q->a0 + q->alen <= (int64_t)a ? 2 : 0;
		q->rv_state = q->a0 + q->alen + (int64_t)tail <= (int64_t)a ? 2 : 0;
	}
	for (size_t j = 0; j < m->nfx; j++) {
		struct mfx *e = &m->fx[j];
		free(e->fx);
		e->fx = NULL;
		e->state = e->s0 + (int64_t)e->n <= (int64_t)a ? 2 : 0;
	}
}

/* Mix span sp into fd (frames from SPAN_HDR), its loudness blocks into sp. */
static int mix_span(struct mix *m, struct mspan *sp, int fd)
{
	size_t a = sp->a, b = sp->b, wa, wb;
	span_window(m, sp, &wa, &wb);
	m->sa = a;
	m->sb = b;
	/* the duck from the speech of [wa, wb), its blocks from wa */
	float *dia = xmalloc(MIX_CHUNK * sizeof *dia);
	m->duck0 = wa;
	m->nb = (wb - wa) / DUCK_BLOCK + 2;
	char *speech = xcalloc(m->nb, 1);
	for (size_t x = wa; x < wb; x += MIX_CHUNK) {
		size_t y = x + MIX_CHUNK < wb ? x + MIX_CHUNK : wb;
		dia_range(m, x, y, dia);
		speech_blocks(dia, x - wa, y - wa, speech);
	}
	free(m->duck);
	m->duck = duck_from_speech(speech, m->nb);
	span_states(m, a);
	float *buf = xmalloc(MIX_CHUNK * 2 * sizeof *buf);
	struct level_blocks lb;
	level_blocks_init(&lb, 0);
	int rc = 0;
	for (size_t x = a; x < b && rc == 0; x += MIX_CHUNK) {
		size_t y = x + MIX_CHUNK < b ? x + MIX_CHUNK : b;
		render_chunk(m, x, y, buf, dia);
		if ((rc = level_blocks_add(&lb, buf, y - x)) == 0) rc = mix_frames_io(fd, buf, x - a, y - a, 1);
	}
	level_blocks_end(&lb);
	span_states(m, m->total);               /* frees what is still loaded */
	free(buf);
	free(dia);
	sp->blk = lb.e;
	sp->nblk = lb.n;
	if (rc == 0) {                          /* the header last: a file without it is not a span */
		int64_t hdr[4] = { 0, (int64_t)(b - a), (int64_t)lb.n, 0 };
		memcpy(hdr, SPAN_MAGIC, 8);
		off_t at = (off_t)(SPAN_HDR + (b - a) * 2 * sizeof(float));
		rc = io_rw(fd, lb.e, lb.n * sizeof *lb.e, at, 1);
		if (rc == 0) rc = io_rw(fd, hdr, sizeof hdr, 0, 1);
	}
	return rc;
}

/* Open a cached span: its blocks into sp, the file's descriptor (or -1 if it is not
 * there or not whole). */
static int span_load(const char *path, struct mspan *sp)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) return -1;
	int64_t hdr[4];
	struct stat st;
	size_t n = sp->b - sp->a;
	if (fstat(fd, &st) < 0 || io_rw(fd, hdr, sizeof hdr, 0, 0) < 0 || memcmp(hdr, SPAN_MAGIC, 8) ||
	    hdr[1] != (int64_t)n || hdr[2] < 0 || hdr[2] > (int64_t)(n / 4800 + 1) ||
	    st.st_size != (off_t)(SPAN_HDR + n * 2 * sizeof(float) + (size_t)hdr[2] * sizeof(double))) {
		err_clear();
		close(fd);
		return -1;
	}
	sp->nblk = (size_t)hdr[2];
	sp->blk = xmalloc((sp->nblk + 1) * sizeof *sp->blk);
	if (io_rw(fd, sp->blk, sp->nblk * sizeof *sp->blk, (off_t)(SPAN_HDR + n * 2 * sizeof(float)), 0) < 0) {
		err_clear();
		free(sp->blk);
		sp->blk = NULL;
		close(fd);
		return -1;
	}
	return fd;
}

/* The span's samples: from the cache if there, else mixed (and cached when the project
 * has a cache folder). Sets sp->fd. */
static int span_get(struct mix *m, struct mspan *sp, const char *dir)
{
	char *path = dir ? xasprintf("%s/%s.mixspan", dir, sp->hash) : NULL;
	sp->fd = path && cache_valid(path, -1) ? span_load(path, sp) : -1;   /* sealed like every cache entry */
	int rc = 0;
	if (sp->fd < 0) {
		char *tmp = path ? xasprintf("%s.tmp.%ld", path, (long)getpid()) : NULL;
		int fd = tmp ? open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) : -1;
		if (fd < 0) {                        /* no cache (a read-only one, or no project) */
			free(tmp);
			tmp = NULL;
			fd = temp_file();
		}
		if (fd < 0) rc = ERR_IO;
		else if ((rc = mix_span(m, sp, fd)) == 0 && tmp && rename(tmp, path) < 0)
			rc = err_set(ERR_IO, "mix: cannot rename %s to %s (%s)", tmp, path, strerror(errno));
		else if (rc == 0 && tmp && cache_seal(path, -1) < 0)
			err_clear();                 /* unsealed: mixed again next time */
		if (rc < 0 && tmp) unlink(tmp);
		if (rc < 0 && fd >= 0) close(fd);
		else sp->fd = fd;
		free(tmp);
		m->st.spans_mixed++;
	}
	free(path);
	return rc;
}

/* ---- the spans on several threads ----
 * Each span is mixed from its own inputs (span_states starts it afresh) and levelled from
 * its own samples at the mix's gain, so which thread does which span, or in what order,
 * changes no sample. A worker has its own copy of what mixing and levelling write: the
 * lines (a line's gain is measured by whoever mixes it first: the same value from the
 * same samples), the scenes' and effects' buffers, the duck, the loaded line, a reader
 * and its counts; a span's own fields are written only by the worker that took it. Each
 * worker holds what one span holds (a scene's cue, ambience and hall: tens of MB), so
 * the renderer asks for more than one only when x264 has gone (render.c). */
static struct mix *worker_new(const struct mix *m)
{
	struct mix *w = xmalloc(sizeof *w);
	*w = *m;
	w->lines = xmalloc((m->nlines + 1) * sizeof *w->lines);
	memcpy(w->lines, m->lines, m->nlines * sizeof *w->lines);
	w->sc = xmalloc((m->nsc + 1) * sizeof *w->sc);
	memcpy(w->sc, m->sc, m->nsc * sizeof *w->sc);
	for (size_t i = 0; i < m->nsc; i++) {
		w->sc[i].cue = w->sc[i].amb = NULL;
		w->sc[i].rv = NULL;
		w->sc[i].cfd = -1;                   /* (afd, the prepared ambience, is shared: read with pread) */
	}
	w->fx = xmalloc((m->nfx + 1) * sizeof *w->fx);
	memcpy(w->fx, m->fx, m->nfx * sizeof *w->fx);
	for (size_t j = 0; j < m->nfx; j++) w->fx[j].fx = NULL;
	w->duck = NULL;
	w->cpcm = NULL;
	w->cached = -1;
	memset(&w->st, 0, sizeof w->st);
	w->rd = mix_reader_new(w);
	return w;
}

/* Give back a worker's copy; its counts and the line gains it measured go to m. */
static void worker_free(struct mix *w, struct mix *m)
{
	for (size_t i = 0; i < m->nlines; i++)
		if (w->lines[i].lg_set && !m->lines[i].lg_set) {
			m->lines[i].lg = w->lines[i].lg;
			m->lines[i].lg_set = 1;
		}
	m->st.spans_mixed += w->st.spans_mixed;
	m->st.spans_levelled += w->st.spans_levelled;
	for (size_t i = 0; i < m->nsc; i++) {
		free(w->sc[i].cue); free(w->sc[i].amb); free(w->sc[i].rv);
		if (w->sc[i].cfd >= 0) close(w->sc[i].cfd);
	}
	for (size_t j = 0; j < m->nfx; j++) free(w->fx[j].fx);
	free(w->lines);
	free(w->sc);
	free(w->fx);
	free(w->duck);
	free(w->cpcm);
	mix_reader_close(w->rd);
	free(w);
}

struct span_pool {
	struct mix *m;
	const char *dir;
	int level;                       /* 0: span_get, 1: mix_span_level */
	size_t next;
	int stop;
	int *rc;                         /* each span's result */
	char (*err)[1024];               /* and message */
	char *fresh;                     /* spans_run's */
	double cpu[8];                   /* each worker's CPU seconds (the first 8) */
	int nw;
	pthread_mutex_t mu;
};

/* Span j of m mixed (level 0, span_get) or levelled (1, mix_span_level) by w (m or a worker). */
static int span_job(struct mix *w, struct mix *m, int level, size_t j, const char *dir)
{
	return level ? mix_span_level(w, &m->sp[j], dir) : span_get(w, &m->sp[j], dir);
}

static void *span_worker(void *arg)
{
	struct span_pool *pl = arg;
	struct mix *w = NULL;
	struct timespec c0, c1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	for (;;) {
		pthread_mutex_lock(&pl->mu);
		size_t j = pl->stop ? pl->m->nsp : pl->next++;
		if (j < pl->m->nsp && !w) w = worker_new(pl->m);   /* (another worker's worker_free writes m) */
		pthread_mutex_unlock(&pl->mu);
		if (j >= pl->m->nsp) break;
		size_t before = w->st.spans_mixed;
		int rc = span_job(w, pl->m, pl->level, j, pl->dir);
		pl->rc[j] = rc;
		if (pl->fresh) pl->fresh[j] = w->st.spans_mixed > before;
		if (rc < 0) {
			snprintf(pl->err[j], sizeof pl->err[j], "%s", err_msg());   /* the message is per thread */
			pthread_mutex_lock(&pl->mu);
			pl->stop = 1;
			pthread_mutex_unlock(&pl->mu);
		}
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	pthread_mutex_lock(&pl->mu);
	if (w) worker_free(w, pl->m);
	if (pl->nw < 8) pl->cpu[pl->nw++] = (double)(c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) * 1e-9;
	pthread_mutex_unlock(&pl->mu);
	return NULL;
}

/* Every span through span_get (level 0) or mix_span_level (level 1): on this thread with
 * one worker, else on m->workers threads. fresh (level 0, may be NULL) gets 1 for each
 * span mixed, not found in the cache. 0 or the first failing span's error. */
static int spans_run(struct mix *m, const char *dir, int level, char *fresh)
{
	if (m->workers <= 1 || m->nsp < 2) {
		int rc = 0;
		for (size_t j = 0; j < m->nsp && rc == 0; j++) {
			size_t before = m->st.spans_mixed;
			rc = span_job(m, m, level, j, dir);
			if (fresh) fresh[j] = m->st.spans_mixed > before;
		}
		return rc;
	}
	/* what the mixing reads once and keeps (parsed data) is read here, before the threads
	 * (data_db loads its table under pthread_once) */
	(void)music_mood_canon("calm");
	(void)amb_layers_for(NULL, NULL, NULL, 0);
	struct span_pool pl = { .m = m, .dir = dir, .level = level, .fresh = fresh };
	pl.rc = xcalloc(m->nsp, sizeof *pl.rc);
	pl.err = xcalloc(m->nsp, sizeof *pl.err);
	pthread_mutex_init(&pl.mu, NULL);
	int nth = m->workers < (int)m->nsp ? m->workers : (int)m->nsp;
	pthread_t *th = xcalloc((size_t)nth, sizeof *th);
	int started = 0;
	for (int t = 0; t < nth; t++)
		if (pthread_create(&th[started], NULL, span_worker, &pl) == 0) started++;
	if (!started) span_worker(&pl);          /* no thread: the same work on this one */
	for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
	char cpus[128] = "";
	for (int t = 0; t < pl.nw; t++)
		snprintf(cpus + strlen(cpus), sizeof cpus - strlen(cpus), "%s%.2f", t ? " + " : "", pl.cpu[t]);
	log_debug("mix", "spans %s on %d threads: %s s CPU", level ? "levelled" : "mixed", pl.nw, cpus);
	int rc = 0;
	for (size_t j = 0; j < m->nsp && rc == 0; j++)
		if (pl.rc[j] < 0) rc = err_set(pl.rc[j], "%s", pl.err[j]);
	pthread_mutex_destroy(&pl.mu);
	free(th);
	free(pl.rc);
	free(pl.err);
	return rc;
}

/* mix_ambience_new's scenes, taken one at a time by its threads */
struct amb_job {
	const struct series *s;
	const struct episode *ep;
	const struct timeline *tl;
	struct mix_amb *a;
	size_t next;
	int rc;
	char err[1024];
	pthread_mutex_t mu;
};

static void *amb_worker(void *arg)
{
	struct amb_job *j = arg;
	for (;;) {
		pthread_mutex_lock(&j->mu);
		size_t i = j->rc < 0 ? j->a->n : j->next++;
		pthread_mutex_unlock(&j->mu);
		if (i >= j->a->n) break;
		const char *layers[6];
		int nl = amb_layers_for(j->s, &j->ep->scenes[i], layers, 6);
		int64_t alen = music_scene_end(j->tl, i) - music_scene_sample(j->tl, i);   /* as mix_open_with */
		j->a->alen[i] = alen;
		j->a->nl[i] = nl;
		if (alen <= 0 || nl <= 0 || muted("ambience")) continue;
		float *amb = NULL;                   /* as render_chunk makes it */
		for (int k = 0; k < nl; k++) {
			double gdb = DIA_LUFS - (-20.0) + data_db("gains_db", layers[k], -30);
			if (!amb) amb = amb_make(layers[k], music_cue_seed(j->s, j->ep, i), (size_t)alen, MIX_RATE / 4, (float)db(gdb));
			else amb_add(layers[k], music_cue_seed(j->s, j->ep, i), amb, (size_t)alen, MIX_RATE / 4, (float)db(gdb));
		}
		if (!amb) amb = xcalloc_written((size_t)alen * 2, sizeof *amb);
		int fd = temp_file(), rc = fd < 0 ? ERR_IO : mix_frames_io(fd, amb, 0, (size_t)alen, 1);
		free(amb);
		if (rc == 0) j->a->fd[i] = fd;
		else if (fd >= 0) close(fd);
		if (rc < 0) {
			pthread_mutex_lock(&j->mu);
			if (j->rc == 0) {
				j->rc = rc;
				snprintf(j->err, sizeof j->err, "%s", err_msg());   /* (the message is per thread) */
			}
			pthread_mutex_unlock(&j->mu);
		}
	}
	return NULL;
}

/* (on two threads: the scenes are independent; one thread made the demo's in 0.6 s of CPU) */
int mix_ambience_new(const struct project *p, const struct episode *ep, const struct timeline *tl,
                     struct mix_amb **out)
{
	*out = NULL;
	if (!ep || !tl) return err_set(ERR_INPUT, "mix: no episode to make the ambience of");
	struct mix_amb *a = xcalloc(1, sizeof *a);
	a->n = tl->n_scenes < ep->n_scenes ? tl->n_scenes : ep->n_scenes;
	a->fd = xcalloc(a->n + 1, sizeof *a->fd);
	a->alen = xcalloc(a->n + 1, sizeof *a->alen);
	a->nl = xcalloc(a->n + 1, sizeof *a->nl);
	for (size_t i = 0; i < a->n; i++) a->fd[i] = -1;
	(void)data_db("gains_db", "", 0);        /* the tables, read once before the threads */
	(void)amb_layers_for(NULL, NULL, NULL, 0);
	struct amb_job j = { .s = p ? p->s : NULL, .ep = ep, .tl = tl, .a = a };
	pthread_mutex_init(&j.mu, NULL);
	pthread_t th;
	int two = a->n > 1 && pthread_create(&th, NULL, amb_worker, &j) == 0;
	amb_worker(&j);
	if (two) pthread_join(th, NULL);
	pthread_mutex_destroy(&j.mu);
	if (j.rc < 0) {
		mix_ambience_free(a);
		return err_set(j.rc, "%s", j.err);
	}
	*out = a;
	return 0;
}

void mix_ambience_free(struct mix_amb *a)
{
	if (!a) return;
	for (size_t i = 0; i < a->n; i++) if (a->fd[i] >= 0) close(a->fd[i]);
	free(a->fd);
	free(a->alen);
	free(a->nl);
	free(a);
}

/* Bumped when the mix's code changes what it makes from the same inputs. 3: in spans;
 * 4: each scene's sound on the AAC grid (music_scene_sample) */
#define MIX_VERSION "mix-4"

int mix_open(const struct project *p, const struct episode *ep, const struct timeline *tl, struct mix **out)
{
	return mix_open_workers(p, ep, tl, 1, out);
}

int mix_open_workers(const struct project *p, const struct episode *ep, const struct timeline *tl, int workers,
                     struct mix **out)
{
	return mix_open_with(p, ep, tl, workers, NULL, out);
}

int mix_open_with(const struct project *p, const struct episode *ep, const struct timeline *tl, int workers,
                  const struct mix_amb *amb, struct mix **out)
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
	m->final_gain = 1;
	m->gain_db = NAN;
	m->total = (size_t)music_sample_of(tl, tl->frames);
	m->rd = mix_reader_new(m);
	m->grid = !muted("grid");
	m->workers = workers > 1 ? workers : 1;
	size_t total = m->total;
	int n_lines = 0, rc;
	if ((rc = collect_lines(m, &n_lines)) < 0)
		return mix_fail(m, rc);
	/* scenes and effects */
	const struct series *s = p ? p->s : NULL;
	m->nsc = ep ? (tl->n_scenes < ep->n_scenes ? tl->n_scenes : ep->n_scenes) : 0;
	m->sc = xcalloc(m->nsc + 1, sizeof *m->sc);
	for (size_t i = 0; i < m->nsc; i++) m->sc[i].cfd = m->sc[i].afd = -1;
	for (size_t i = 0; i < m->nsc; i++) {
		struct mscene *q = &m->sc[i];
		music_cue_span(tl, i, &q->start, &q->len);
		if (i > 0) q->start += shift_of(m, i) - music_scene_shift(tl, i);      /* without the grid: at its frame */
		q->nl = amb_layers_for(s, &ep->scenes[i], q->layers, 6);
		q->a0 = music_sample_of(tl, tl->scenes[i].start) + shift_of(m, i);
		q->alen = music_scene_end(tl, i) - music_scene_sample(tl, i);        /* as long as its frames */
		for (int k = 0; k < q->nl; k++) if (str_eq(q->layers[k], "hall")) q->reverb = 1;
		if (amb && i < amb->n && amb->alen[i] == q->alen && amb->nl[i] == q->nl) q->afd = amb->fd[i];
		struct cache_sum sum = { 0 };
		char *path = ep->scenes[i].music ? project_path(p, ep->scenes[i].music) : NULL;
		if (path && cache_sum_file(path, &sum) == 0) snprintf(q->sum, sizeof q->sum, "%s", sum.hash);
		else snprintf(q->sum, sizeof q->sum, "none");
		err_clear();
		free(path);
	}
	collect_effects(m);
	{
		struct hash h;
		hash_init(&h);
		hash_str(&h, MIX_VERSION);
		hash_num(&h, MIX_RATE);
		hash_str(&h, getenv("DRAMA_MIX_MUTE"));
		char *amb = data_path("music/ambience.json"), *txt = NULL;
		size_t n = 0;
		if (file_read_all(amb, &txt, &n) == 0) hash_add(&h, txt, n);
		else err_clear();
		free(txt);
		free(amb);
		hash_hex(&h, m->data_sum);
	}
	/* the spans: each scene's body, where only its own sound plays (lines, score,
	 * ambience, effects at places fixed against its grid start), and between two bodies
	 * a join, where the sounds of two scenes meet (crossfade, the duck's and the hall's
	 * memory, MIX_JOIN_HEAD into the later scene; from MIX_JOIN_TAIL before the end of the
	 * earlier) and the episode's last second. An edit that moves the scenes after it by
	 * whole grid steps leaves their bodies as they were; only the joins, whose lengths
	 * depend on where the grid falls, and what it touched are mixed again. */
	m->sp = xcalloc(2 * m->nsc + 3, sizeof *m->sp);
	struct cutp { size_t at; int body; } *cut = xcalloc(2 * m->nsc + 3, sizeof *cut);
	size_t ncut = 0;
	for (size_t i = 0; i < m->nsc && m->nsc > 1; i++) {        /* one scene: one span */
		int64_t p0 = i == 0 ? 0 : music_sample_of(tl, tl->scenes[i].start) + shift_of(m, i), pa = i == 0 ? 0 : music_sample_of(tl, tl->scenes[i].start);
		int64_t pb = i + 1 == m->nsc ? music_sample_of(tl, tl->frames) : music_sample_of(tl, tl->scenes[i].start + tl->scenes[i].frames);
		int64_t h = i == 0 ? 0 : p0 + MIX_JOIN_HEAD;
		int64_t e = p0 + (pb - pa - (i + 1 == m->nsc ? MIX_RATE : MIX_JOIN_TAIL)) / MIX_GRID * MIX_GRID;
		size_t last = ncut ? cut[ncut - 1].at : 0;
		if (e - h < MIX_RATE || (i > 0 && h <= (int64_t)last) || e >= (int64_t)total) continue;   /* too short: in a join */
		cut[ncut++] = (struct cutp){ (size_t)h, 1 };
		cut[ncut++] = (struct cutp){ (size_t)e, 0 };
	}
	if (!ncut || cut[0].at > 0) {               /* the first span from 0: a join */
		memmove(cut + 1, cut, ncut * sizeof *cut);
		cut[0].at = 0;
		cut[0].body = 0;
		ncut++;
	}
	for (size_t k = 0; k < ncut; k++) {
		size_t e = k + 1 < ncut ? cut[k + 1].at : total;
		m->sp[m->nsp++] = (struct mspan){ .a = cut[k].at, .b = e, .fd = -1, .body = cut[k].body };
	}
	free(cut);
	char *dir = p ? project_path(p, "cache/shots") : NULL;
	if (dir && mkdir_p(dir) < 0) {
		err_clear();
		free(dir);
		dir = NULL;
	}
	m->st.spans = m->nsp;
	if (m->nsc > 1) {
		int64_t lo = 0, hi = 0;
		for (size_t i = 1; i < m->nsc; i++) {
			int64_t d = shift_of(m, i);
			if (d < lo) lo = d;
			if (d > hi) hi = d;
		}
		log_debug("mix", "scenes' sound on the %d-sample grid: moved %+lld..%+lld samples (%+.1f..%+.1f ms) from their pictures",
		          MIX_GRID, (long long)lo, (long long)hi, 1000.0 * (double)lo / MIX_RATE, 1000.0 * (double)hi / MIX_RATE);
	}
	for (size_t j = 0; j < m->nsp; j++) span_hash(m, &m->sp[j]);
	char *fresh = xcalloc(m->nsp + 1, 1);
	rc = spans_run(m, dir, 0, fresh);
	for (size_t j = 0; j < m->nsp && rc == 0; j++)
		log_debug("mix", "span %zu [%zu, %zu) %s: %s", j, m->sp[j].a, m->sp[j].b, m->sp[j].hash,
		          fresh[j] ? "mixed" : "cached");
	free(fresh);
	free(m->duck);
	m->duck = NULL;
	free(m->cpcm);
	m->cpcm = NULL;
	m->cached = -1;
	/* master: the gain in steps until within half a step of the target, each step's
	 * levels per span (cached); then a static gain if the true peak is over */
	double l = mix_spans_lufs(m, 0), tp = -HUGE_VAL;
	if (rc == 0 && isfinite(l) && !muted("master")) {   /* "master": the sum as mixed (the export's stem) */
		m->gain_db = mix_gain_step(MIX_TARGET_LUFS - l);
		for (int it = 0; it < 4 && rc == 0; it++) {
			rc = spans_run(m, dir, 1, NULL);
			l = mix_spans_lufs(m, 1);
			double d = isfinite(l) ? mix_gain_step(MIX_TARGET_LUFS - l) : 0;
			if (d == 0 || it == 3) break;
			m->gain_db += d;
		}
		double pk = 0;
		for (size_t j = 0; j < m->nsp; j++) if (m->sp[j].tp > pk) pk = m->sp[j].tp;
		tp = pk > 0 ? 20 * log10(pk) : -HUGE_VAL;
		if (isfinite(tp) && tp > MIX_CEILING_DB) {
			m->final_gain = (float)db(MIX_CEILING_DB - 0.05 - tp);
			l += MIX_CEILING_DB - 0.05 - tp;
			tp = MIX_CEILING_DB - 0.05;
		}
	}
	free(dir);
	for (size_t i = 0; i < m->nsc; i++) {
		free(m->sc[i].cue); free(m->sc[i].amb); free(m->sc[i].rv);
		m->sc[i].cue = m->sc[i].amb = NULL;
		m->sc[i].rv = NULL;
		if (m->sc[i].cfd >= 0) close(m->sc[i].cfd);
		m->sc[i].cfd = -1;
		m->sc[i].afd = -1;                   /* (the caller's, for the mixing only) */
	}
	for (size_t j = 0; j < m->nfx; j++) { free(m->fx[j].fx); m->fx[j].fx = NULL; }
	if (rc < 0)
		return mix_fail(m, rc);
	m->st.gain_db = m->gain_db;
	log_info("mix", "episode %d: %.1f s, %d lines, %.1f LUFS, true peak %.1f dBTP (%zu spans, %zu mixed, %zu levelled, "
	         "gain %+.1f dB, in %.2f s)", ep ? ep->number : 0, (double)total / MIX_RATE, n_lines, l, tp, m->nsp,
	         m->st.spans_mixed, m->st.spans_levelled, isnan(m->gain_db) ? 0.0 : m->gain_db, now_sec() - t0);
	*out = m;
	return 0;
}

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

void mix_close(struct mix *m)
{
	if (!m)
		return;
	for (size_t j = 0; j < m->nsp; j++) {
		if (m->sp[j].fd >= 0) close(m->sp[j].fd);
		free(m->sp[j].blk);
		free(m->sp[j].mblk);
		free(m->sp[j].gck);
	}
	free(m->sp);
	free(m->pc);
	for (size_t i = 0; i < m->nlines; i++) free(m->lines[i].path);
	free(m->lines);
	free(m->cpcm);
	free(m->duck);
	if (m->sc) for (size_t i = 0; i < m->nsc; i++) {
		free(m->sc[i].cue); free(m->sc[i].amb); free(m->sc[i].rv);
		if (m->sc[i].cfd >= 0) close(m->sc[i].cfd);
	}
	free(m->sc);
	if (m->fx) for (size_t j = 0; j < m->nfx; j++) free(m->fx[j].fx);
	free(m->fx);
	mix_reader_close(m->rd);
	free(m);
}
