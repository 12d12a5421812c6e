/* music/synth.c — render a composed score: libfluidsynth with the GM soundfont (no audio
 * driver: fluid_synth_write_float into memory), or, without a soundfont, a small additive
 * synthesiser that plays the same notes so the episode still has a score. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pthread.h>
#include <fluidsynth.h>
#include "music/music_internal.h"

struct msynth {
	fluid_settings_t *settings;
	fluid_synth_t *synth;          /* NULL = additive fallback */
	int sfid;
	char *path;
};

/* libfluidsynth 2.3 shares sample data between all synthesisers of a process (its
 * samplecache, a global list) and counts references to an entry outside its own mutex
 * (fluid_samplecache_load: `entry->num_references++` after the unlock). Two synthesisers
 * loading or unloading the same samples at once (program selection with dynamic sample
 * loading, creation, deletion) lose a count: an entry is then freed while the other
 * synthesiser still plays it ("Trying to free sample data not found in cache"), and a
 * cue came out different about once in 50 (RMS ~29%). Every call that can reach that
 * cache (creation with the font load, system reset, program selection, the writes that
 * release the previous cue's voices, deletion) runs under this lock; rendering a cue's
 * notes does not reach it (its presets stay selected while it plays) and runs unlocked
 * on each worker. */
static pthread_mutex_t fluid_mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned fluid_errors;          /* fluidsynth errors logged (msynth_error_count) */

unsigned msynth_error_count(void)
{
	return __atomic_load_n(&fluid_errors, __ATOMIC_RELAXED);
}

static void drama_fluid_log(int level, const char *message, void *data)
{
	(void)data;
	if (level <= FLUID_ERR)
		__atomic_add_fetch(&fluid_errors, 1, __ATOMIC_RELAXED);
	if (level <= FLUID_ERR)
		log_warn("music", "fluidsynth: %s", message);
	else
		log_debug("music", "fluidsynth: %s", message);
}

/* A synthesiser is made for every cue: say what is wrong with a soundfont once, not once
 * per scene (again when another font is asked for). */
static int warn_once(const char *sf2)
{
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	static char last[1024];
	pthread_mutex_lock(&mu);
	int fresh = strcmp(last, sf2) != 0;
	if (fresh) snprintf(last, sizeof last, "%s", sf2);
	pthread_mutex_unlock(&mu);
	return fresh;
}

static struct msynth *synth_new(const char *sf2)
{
	struct msynth *m = xcalloc(1, sizeof *m);
	if (!sf2 || !*sf2)
		sf2 = getenv("DRAMA_SF2");
	if (!sf2 || !*sf2)
		sf2 = MUSIC_SF2_DEFAULT;
	m->path = xstrdup(sf2);
	struct stat stt;
	if (stat(sf2, &stt) != 0 || !S_ISREG(stt.st_mode)) {
		if (warn_once(sf2))
			log_warn("music", "soundfont %s not found: scoring with the built-in synthesiser "
			         "(install fluid-soundfont-gm or set DRAMA_SF2 for real instruments)", sf2);
		return m;
	}
	for (int l = FLUID_PANIC; l <= FLUID_DBG; l++)
		fluid_set_log_function(l, drama_fluid_log, NULL);
	m->settings = new_fluid_settings();
	if (!m->settings)
		goto fallback;
	fluid_settings_setnum(m->settings, "synth.sample-rate", MIX_RATE);
	fluid_settings_setnum(m->settings, "synth.gain", 0.5);
	fluid_settings_setint(m->settings, "synth.polyphony", 256);
	fluid_settings_setint(m->settings, "synth.reverb.active", 1);
	fluid_settings_setint(m->settings, "synth.chorus.active", 0);
	fluid_settings_setint(m->settings, "synth.threadsafe-api", 0);
	/* load only the samples of the presets we select: seconds faster on a 140 MB font */
	fluid_settings_setint(m->settings, "synth.dynamic-sample-loading", 1);
	m->synth = new_fluid_synth(m->settings);
	if (!m->synth)
		goto fallback;
	double t0 = now_sec();
	m->sfid = fluid_synth_sfload(m->synth, sf2, 1);
	if (m->sfid == FLUID_FAILED) {
		if (warn_once(sf2))
			log_warn("music", "soundfont %s could not be loaded (corrupt or not an SF2 file): "
			         "scoring with the built-in synthesiser", sf2);
		goto fallback;
	}
	log_debug("music", "loaded %s in %.2f s", sf2, now_sec() - t0);
	return m;
fallback:
	if (m->synth) delete_fluid_synth(m->synth);
	if (m->settings) delete_fluid_settings(m->settings);
	m->synth = NULL;
	m->settings = NULL;
	return m;
}

struct msynth *msynth_new(const char *sf2)
{
	pthread_mutex_lock(&fluid_mu);
	struct msynth *m = synth_new(sf2);
	pthread_mutex_unlock(&fluid_mu);
	return m;
}

void msynth_free(struct msynth *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&fluid_mu);
	if (m->synth) delete_fluid_synth(m->synth);
	if (m->settings) delete_fluid_settings(m->settings);
	pthread_mutex_unlock(&fluid_mu);
	free(m->path);
	free(m);
}

int msynth_has_sf2(const struct msynth *m) { return m && m->synth; }
const char *msynth_sf2_path(const struct msynth *m) { return m ? m->path : ""; }

/* note on/off events in frames */
struct ev { int64_t at; int on; uint8_t ch, key, vel; };

static int ev_cmp(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;
	if (x->at != y->at) return x->at < y->at ? -1 : 1;
	return x->on - y->on;                 /* offs first */
}

static struct ev *events(const struct mscore *sc, size_t *n)
{
	double fpb = 60.0 / sc->tempo * MIX_RATE;
	struct ev *e = xmalloc((sc->n * 2 + 1) * sizeof *e);
	for (size_t i = 0; i < sc->n; i++) {
		const struct mnote *nt = &sc->notes[i];
		int64_t on = (int64_t)llround(nt->beat * fpb), off = (int64_t)llround((nt->beat + nt->dur) * fpb);
		if (on < 0) on = 0;
		if (off <= on) off = on + 1;
		e[2 * i] = (struct ev){ on, 1, nt->ch, nt->key, nt->vel };
		e[2 * i + 1] = (struct ev){ off, 0, nt->ch, nt->key, 0 };
	}
	*n = sc->n * 2;
	qsort(e, *n, sizeof *e, ev_cmp);
	return e;
}

static void fade_tail(float *lr, size_t frames, double fade_out)
{
	size_t f = (size_t)(fade_out * MIX_RATE);
	if (f > frames) f = frames;
	for (size_t i = 0; i < f; i++) {
		double g = cos((double)(i + 1) / (double)f * M_PI / 2);
		size_t k = frames - f + i;
		lr[2 * k] *= (float)g;
		lr[2 * k + 1] *= (float)g;
	}
}

static int render_fluid(struct msynth *m, const struct mscore *sc, size_t frames, float *lr)
{
	fluid_synth_t *s = m->synth;
	pthread_mutex_lock(&fluid_mu);         /* preset changes load and unload samples */
	fluid_synth_system_reset(s);
	for (int c = 0; c < 16; c++) {
		const struct mchan *ch = &sc->ch[c];
		if (!ch->used)
			continue;
		if (c == 9)
			fluid_synth_bank_select(s, c, 128);
		fluid_synth_program_select(s, c, m->sfid, c == 9 ? 128 : 0, c == 9 ? 0 : ch->program);
		fluid_synth_cc(s, c, 7, ch->volume);
		fluid_synth_cc(s, c, 10, ch->pan);
		fluid_synth_cc(s, c, 91, ch->reverb);
		fluid_synth_cc(s, c, 93, ch->chorus);
	}
	/* flush the previous cue's reverb tail, still under the lock: the voices the reset
	 * turned off are released inside these writes, and a released voice whose preset is
	 * no longer selected unloads its sample from the shared cache (dynamic sample
	 * loading's SAMPLE_DONE notice): the same race as a preset change. Seen under ASan:
	 * "Trying to free sample data not found in cache" with the unlock before the flush. */
	{
		float junk[2 * 1024];
		for (int i = 0; i < 48; i++)
			fluid_synth_write_float(s, 1024, junk, 0, 2, junk, 1, 2);
	}
	pthread_mutex_unlock(&fluid_mu);
	size_t n_ev;
	struct ev *e = events(sc, &n_ev);
	size_t pos = 0, k = 0;
	while (pos < frames) {
		while (k < n_ev && e[k].at <= (int64_t)pos) {
			if (e[k].on) fluid_synth_noteon(s, e[k].ch, e[k].key, e[k].vel);
			else fluid_synth_noteoff(s, e[k].ch, e[k].key);
			k++;
		}
		size_t next = k < n_ev ? (size_t)e[k].at : frames;
		if (next > frames) next = frames;
		while (pos < next) {
			int len = (int)(next - pos > 4096 ? 4096 : next - pos);
			if (fluid_synth_write_float(s, len, lr, (int)(2 * pos), 2, lr, (int)(2 * pos + 1), 2) != FLUID_OK) {
				free(e);
				return err_set(ERR_GENERIC, "fluidsynth failed to render at %.2f s", (double)pos / MIX_RATE);
			}
			pos += (size_t)len;
		}
	}
	free(e);
	fluid_synth_all_sounds_off(s, -1);
	return 0;
}

/* ---- additive fallback ---- */

enum timbre { T_PAD, T_PLUCK, T_LEAD, T_BASS, T_DRUM };

static enum timbre timbre_of(int ch, int program)
{
	if (ch == 9) return T_DRUM;
	if (ch == 3 || ch == 4) return T_BASS;
	if ((program >= 0 && program <= 15) || (program >= 24 && program <= 31) || program == 45 || program == 46 || (program >= 104 && program <= 108))
		return T_PLUCK;
	if (ch == 0) return T_PAD;
	return T_LEAD;
}

static void drum_hit(float *lr, size_t frames, size_t at, int key, double amp, struct rng *r)
{
	int kick = key == 35 || key == 36 || key == 41 || key == 43 || key == 45 || key == 47 || key == 48 || key == 50;
	int len = kick ? MIX_RATE / 3 : (key == 49 || key == 53 || key == 81) ? MIX_RATE : MIX_RATE / 8;
	double f0 = key == 36 || key == 35 ? 55 : 70 + (key - 40) * 6.0;
	double ph = 0, lp = 0;
	for (int i = 0; i < len && at + (size_t)i < frames; i++) {
		double t = (double)i / MIX_RATE, v;
		if (kick) {
			double f = f0 * (1 + 2.5 * exp(-t * 40));
			ph += 2 * M_PI * f / MIX_RATE;
			v = sin(ph) * exp(-t * 9);
		} else {
			double n = rng_unit(r) * 2 - 1;
			lp += 0.6 * (n - lp);
			double hpn = n - lp;             /* bright noise */
			double dec = (key == 38 || key == 40) ? 18 : (key == 49 || key == 53 || key == 81) ? 3 : 40;
			v = ((key == 38 || key == 40) ? 0.6 * n + 0.4 * sin(2 * M_PI * 190 * t) : hpn) * exp(-t * dec);
		}
		v *= amp;
		lr[2 * (at + i)] += (float)v;
		lr[2 * (at + i) + 1] += (float)v;
	}
}

static void render_additive(const struct mscore *sc, size_t frames, float *lr, uint64_t seed)
{
	size_t n_ev;
	struct ev *e = events(sc, &n_ev);
	struct rng r;
	rng_seed(&r, seed);
	/* pair each on with its off */
	for (size_t i = 0; i < n_ev; i++) {
		if (!e[i].on)
			continue;
		size_t at = (size_t)e[i].at, off = frames;
		for (size_t j = i + 1; j < n_ev; j++)
			if (!e[j].on && e[j].ch == e[i].ch && e[j].key == e[i].key) { off = (size_t)e[j].at; break; }
		const struct mchan *ch = &sc->ch[e[i].ch];
		double amp = (e[i].vel / 127.0) * (ch->volume / 127.0) * 0.12;
		enum timbre tb = timbre_of(e[i].ch, ch->program);
		if (tb == T_DRUM) {
			drum_hit(lr, frames, at, e[i].key, amp * 2, &r);
			continue;
		}
		double f = 440.0 * pow(2.0, (e[i].key - 69) / 12.0);
		double pan = ch->pan / 127.0, gl = cos(pan * M_PI / 2), gr = sin(pan * M_PI / 2);
		double att = tb == T_PAD ? 0.25 : tb == T_PLUCK ? 0.004 : 0.03, rel = tb == T_PAD ? 0.6 : 0.15;
		size_t held = off > at ? off - at : 1, len = held + (size_t)(rel * MIX_RATE);
		int nh = tb == T_BASS ? 3 : tb == T_PAD ? 5 : 6;
		for (size_t i2 = 0; i2 < len && at + i2 < frames; i2++) {
			double t = (double)i2 / MIX_RATE, env;
			env = t < att ? t / att : 1.0;
			if (tb == T_PLUCK) env *= exp(-t * 2.5);
			if (i2 >= held) env *= exp(-(double)(i2 - held) / (rel * MIX_RATE) * 5);
			double v = 0;
			for (int h = 1; h <= nh; h++)
				v += sin(2 * M_PI * f * h * t * (1 + 0.0007 * (h - 1))) / (h * (tb == T_PAD ? 1.5 : 1.0));
			if (tb == T_PAD) v *= 0.8 + 0.2 * sin(2 * M_PI * 4.5 * t);
			v *= amp * env;
			lr[2 * (at + i2)] += (float)(v * gl);
			lr[2 * (at + i2) + 1] += (float)(v * gr);
		}
	}
	free(e);
	/* a touch of room: a short stereo feedback delay */
	size_t dl = (size_t)(0.083 * MIX_RATE), dr = (size_t)(0.117 * MIX_RATE);
	for (size_t i = dr; i < frames; i++) {
		lr[2 * i] += 0.25f * lr[2 * (i - dl) + 1];
		lr[2 * i + 1] += 0.25f * lr[2 * (i - dr)];
	}
}

int msynth_render(struct msynth *m, const struct mscore *sc, size_t frames, double fade_out, float **lr)
{
	*lr = xcalloc(frames * 2 + 2, sizeof **lr);
	int rc = 0;
	if (m && m->synth)
		rc = render_fluid(m, sc, frames, *lr);
	else
		render_additive(sc, frames, *lr, (uint64_t)sc->n * 2654435761u + (uint64_t)sc->tempo);
	if (rc < 0) {
		free(*lr);
		*lr = NULL;
		return rc;
	}
	fade_tail(*lr, frames, fade_out);
	return 0;
}
