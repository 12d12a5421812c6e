/* music/compose.c — a small rule-based composer: mood rules from data/music/moods.json
 * become one cue (tempo, key, mode, progression, instruments, bass, pad/comp, drums and a
 * motif-based melody) as a note list. Rendering is synth.c's job. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "music/music_internal.h"

static const int MODE_STEPS[][7] = {
	{ 0, 2, 4, 5, 7, 9, 11 },   /* major */
	{ 0, 2, 3, 5, 7, 8, 10 },   /* minor */
	{ 0, 2, 3, 5, 7, 8, 11 },   /* harmonic_minor */
	{ 0, 2, 3, 5, 7, 9, 10 },   /* dorian */
	{ 0, 1, 3, 5, 7, 8, 10 },   /* phrygian */
	{ 0, 2, 4, 6, 7, 9, 11 },   /* lydian */
	{ 0, 2, 4, 5, 7, 9, 10 },   /* mixolydian */
};
static const char *const MODE_NAMES[] = { "major", "minor", "harmonic_minor", "dorian", "phrygian", "lydian", "mixolydian" };
static const char *const KEY_NAMES[] = { "C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B" };
static const char *const ROMAN[] = { "I", "II", "III", "IV", "V", "VI", "VII" };

enum { CH_PAD = 0, CH_COMP = 1, CH_LEAD = 2, CH_BASS = 3, CH_TIMP = 4, CH_DRUM = 9 };

/* one mood's rules, borrowed from the parsed JSON */
struct style {
	const char *name;
	json_t *m, *era;
	double tempo_lo, tempo_hi, density, chords_per_bar, melody_rest;
	int lead_octave, velocity, reverb, staccato, timpani, pentatonic;
};

static json_t *moods_root;     /* parsed once; freed at exit by the OS (read-only data) */

static json_t *load_moods(void)
{
	if (moods_root)
		return moods_root;
	char *path = data_path("music/moods.json");
	json_error_t e;
	json_t *j = json_load_file(path, 0, &e);
	if (!j) {
		err_set(ERR_INPUT, "%s:%d:%d: %s (music mood rules; reinstall data/music/moods.json)",
		        path, e.line, e.column, e.text);
		free(path);
		return NULL;
	}
	free(path);
	if (!json_is_object(json_object_get(j, "moods"))) {
		json_decref(j);
		err_set(ERR_INPUT, "data/music/moods.json: no \"moods\" object; reinstall the data folder");
		return NULL;
	}
	/* keep one reference for the process; a benign race only leaks one copy */
	moods_root = j;
	return moods_root;
}

const char *music_mood_canon(const char *word)
{
	if (!word || !*word)
		return NULL;
	json_t *root = load_moods();
	if (!root)
		return NULL;
	const char *key;
	json_t *v;
	json_object_foreach(json_object_get(root, "moods"), key, v)
		if (str_ieq(key, word))
			return key;
	json_object_foreach(json_object_get(root, "aliases"), key, v)
		if (str_ieq(key, word) && json_is_string(v))
			return json_string_value(v);
	return NULL;
}

static double num(json_t *o, const char *k, double def)
{
	json_t *v = json_object_get(o, k);
	return json_is_number(v) ? json_number_value(v) : def;
}

double music_mood_bed_db(const char *mood)
{
	const char *m = music_mood_canon(mood);
	if (!m || !moods_root)
		return 0;
	double v = num(json_object_get(json_object_get(moods_root, "moods"), m), "bed_db", 0);
	return v < -12 ? -12 : v > 6 ? 6 : v;
}

/* pick from a list in the era override first, then the mood */
static json_t *list(const struct style *st, const char *k)
{
	json_t *v = st->era ? json_object_get(st->era, k) : NULL;
	if (json_is_array(v) && json_array_size(v))
		return v;
	return json_object_get(st->m, k);
}

static int pick_int(const struct style *st, const char *k, struct rng *r, int def)
{
	json_t *a = list(st, k);
	if (!json_is_array(a) || !json_array_size(a))
		return def;
	json_t *v = json_array_get(a, (size_t)rng_range(r, 0, (int)json_array_size(a) - 1));
	return json_is_integer(v) ? (int)json_integer_value(v) : def;
}

static const char *pick_str(const struct style *st, const char *k, struct rng *r, const char *def)
{
	json_t *a = list(st, k);
	if (!json_is_array(a) || !json_array_size(a))
		return def;
	json_t *v = json_array_get(a, (size_t)rng_range(r, 0, (int)json_array_size(a) - 1));
	return json_is_string(v) ? json_string_value(v) : def;
}

static void add(struct mscore *sc, double beat, double dur, int ch, int key, int vel, struct rng *r)
{
	if (key < 0 || key > 127 || dur <= 0)
		return;
	if (vel < 1) vel = 1;
	if (vel > 127) vel = 127;
	if (sc->n == sc->cap)
		xgrow((void **)&sc->notes, &sc->cap, sc->n, sizeof *sc->notes);
	/* a little human timing on everything but the downbeat grid of the drums */
	double j = (rng_unit(r) - 0.5) * 0.02;
	sc->notes[sc->n++] = (struct mnote){ beat > 0 ? beat + j : beat, dur, (uint8_t)ch, (uint8_t)key, (uint8_t)vel };
	sc->ch[ch].used = 1;
}

static int jit(struct rng *r, int v, int spread) { return v + rng_range(r, -spread, spread); }

/* pitch classes of the diatonic triad on degree (1-based) */
static void triad(const int *steps, int tonic, int degree, int pcs[3])
{
	int d = ((degree - 1) % 7 + 7) % 7;
	for (int i = 0; i < 3; i++)
		pcs[i] = (tonic + steps[(d + 2 * i) % 7]) % 12;
}

static int in_chord(int key, const int pcs[3])
{
	int pc = key % 12;
	return pc == pcs[0] || pc == pcs[1] || pc == pcs[2];
}

/* nearest key >= lo with pitch class pc */
static int key_at(int pc, int lo) { return lo + ((pc - lo % 12) + 12) % 12; }

/* voice-led close triad around prev (or centre) */
static void voicing(const int pcs[3], const int prev[3], int centre, int out[3])
{
	int best = 1 << 30;
	for (int inv = 0; inv < 3; inv++) {
		int v[3];
		v[0] = key_at(pcs[inv], centre - 6);
		v[1] = key_at(pcs[(inv + 1) % 3], v[0] + 1);
		v[2] = key_at(pcs[(inv + 2) % 3], v[1] + 1);
		int cost = 0;
		for (int i = 0; i < 3; i++)
			cost += abs(v[i] - (prev[0] ? prev[i] : centre));
		if (cost < best) {
			best = cost;
			memcpy(out, v, sizeof v);
		}
	}
}

static void drums_bar(struct mscore *sc, const char *kit, int bar, double b0, int phrase_pos,
                      int section_start, int vel, struct rng *r)
{
	if (!kit || str_eq(kit, "none"))
		return;
	int crash = section_start;
	if (str_eq(kit, "soft")) {
		add(sc, b0, 0.5, CH_DRUM, 36, jit(r, vel - 20, 4), r);
		add(sc, b0 + 1, 0.25, CH_DRUM, 37, jit(r, vel - 30, 4), r);
		add(sc, b0 + 3, 0.25, CH_DRUM, 37, jit(r, vel - 30, 4), r);
		for (int i = 0; i < 8; i++)
			add(sc, b0 + i * 0.5, 0.25, CH_DRUM, 42, jit(r, vel - 45 + (i % 2 ? 0 : 8), 3), r);
	} else if (str_eq(kit, "heartbeat")) {
		add(sc, b0, 0.4, CH_DRUM, 36, jit(r, vel, 4), r);
		add(sc, b0 + 0.5, 0.4, CH_DRUM, 36, jit(r, vel - 20, 4), r);
		for (int i = 0; i < 4; i++)
			add(sc, b0 + i, 0.2, CH_DRUM, 42, jit(r, vel - 50, 3), r);
	} else if (str_eq(kit, "comedy")) {
		add(sc, b0, 0.5, CH_DRUM, 36, jit(r, vel - 15, 4), r);
		add(sc, b0 + 2, 0.5, CH_DRUM, 36, jit(r, vel - 20, 4), r);
		add(sc, b0 + 1, 0.25, CH_DRUM, 76, jit(r, vel - 10, 5), r);
		add(sc, b0 + 3, 0.25, CH_DRUM, 76, jit(r, vel - 10, 5), r);
		if (rng_unit(r) < 0.5)
			add(sc, b0 + 3.5, 0.25, CH_DRUM, 77, jit(r, vel - 15, 5), r);
		for (int i = 0; i < 8; i++)
			add(sc, b0 + i * 0.5, 0.2, CH_DRUM, 70, jit(r, vel - 50, 4), r);
	} else if (str_eq(kit, "action")) {
		if (crash) add(sc, b0, 2, CH_DRUM, 49, jit(r, vel, 4), r);
		add(sc, b0, 0.5, CH_DRUM, 36, jit(r, vel, 4), r);
		add(sc, b0 + 1.5, 0.5, CH_DRUM, 36, jit(r, vel - 10, 4), r);
		add(sc, b0 + 2, 0.5, CH_DRUM, 36, jit(r, vel - 5, 4), r);
		add(sc, b0 + 1, 0.5, CH_DRUM, 38, jit(r, vel, 4), r);
		if (phrase_pos == 3) {
			static const int toms[] = { 50, 48, 47, 45, 43, 41 };
			for (int i = 0; i < 6; i++)
				add(sc, b0 + 2.5 + i * 0.25, 0.25, CH_DRUM, toms[i], jit(r, vel - 5 + i * 2, 3), r);
		} else {
			add(sc, b0 + 3, 0.5, CH_DRUM, 38, jit(r, vel, 4), r);
			for (int i = 0; i < 16; i++)
				add(sc, b0 + i * 0.25, 0.2, CH_DRUM, 42, jit(r, vel - 40 + (i % 4 ? 0 : 15), 4), r);
		}
	} else if (str_eq(kit, "epic")) {
		if (crash) add(sc, b0, 3, CH_DRUM, 49, jit(r, vel, 4), r);
		add(sc, b0, 1, CH_DRUM, 36, jit(r, vel, 4), r);
		add(sc, b0 + 2.5, 0.5, CH_DRUM, 36, jit(r, vel - 12, 4), r);
		add(sc, b0 + 2, 0.5, CH_DRUM, 38, jit(r, vel - 5, 4), r);
		if (phrase_pos == 3)
			for (int i = 0; i < 8; i++)
				add(sc, b0 + 2 + i * 0.25, 0.25, CH_DRUM, 38, jit(r, vel - 40 + i * 5, 3), r);
	} else if (str_eq(kit, "mystery")) {
		if (bar % 2 == 0)
			add(sc, b0, 1, CH_DRUM, 53, jit(r, vel - 25, 4), r);
		if (rng_unit(r) < 0.35)
			add(sc, b0 + 2 + 0.5 * rng_range(r, 0, 3), 1, CH_DRUM, 81, jit(r, vel - 35, 4), r);
		for (int i = 0; i < 8; i++)
			add(sc, b0 + i * 0.5, 0.2, CH_DRUM, 82, jit(r, vel - 55, 3), r);
	}
}

int music_compose(const char *mood, const char *era, uint64_t seed, double seconds, struct mscore *sc)
{
	memset(sc, 0, sizeof *sc);
	json_t *root = load_moods();
	if (!root)
		return ERR_INPUT;
	const char *canon = music_mood_canon(mood);
	if (!canon) {
		if (mood && *mood)
			log_warn("music", "unknown mood \"%s\": scoring it as calm (moods: romance tension comedy sadness triumph mystery action calm)", mood);
		canon = "calm";
	}
	struct style st = { .name = canon, .m = json_object_get(json_object_get(root, "moods"), canon) };
	if (!json_is_object(st.m))
		return err_set(ERR_INPUT, "data/music/moods.json: moods.%s is missing; reinstall the data folder", canon);
	if (era)
		st.era = json_object_get(json_object_get(root, "era"), era);
	json_t *tempo = json_object_get(st.m, "tempo");
	st.tempo_lo = json_number_value(json_array_get(tempo, 0));
	st.tempo_hi = json_number_value(json_array_get(tempo, 1));
	if (st.tempo_lo < 30 || st.tempo_hi < st.tempo_lo || st.tempo_hi > 240)
		return err_set(ERR_INPUT, "data/music/moods.json: moods.%s.tempo must be [lo, hi] in 30..240 bpm", canon);
	st.density = num(st.m, "density", 0.4);
	st.chords_per_bar = num(st.m, "chords_per_bar", 1);
	if (st.chords_per_bar <= 0) st.chords_per_bar = 1;
	st.melody_rest = num(st.m, "melody_rest", 0.2);
	st.lead_octave = (int)num(st.m, "lead_octave", 5);
	st.velocity = (int)num(st.m, "velocity", 75);
	st.reverb = (int)num(st.m, "reverb", 70);
	st.staccato = (int)num(st.m, "staccato", 0);
	st.timpani = (int)num(st.m, "timpani", 0);
	st.pentatonic = st.era ? (int)num(st.era, "pentatonic", 0) : 0;

	struct rng r;
	rng_seed(&r, seed_mix(seed, canon));
	sc->tempo = st.tempo_lo + rng_unit(&r) * (st.tempo_hi - st.tempo_lo);
	sc->tempo = floor(sc->tempo + 0.5);
	const char *mode = pick_str(&st, "modes", &r, "major");
	int mi = 0;
	for (int i = 0; i < (int)ARRAY_LEN(MODE_NAMES); i++)
		if (str_eq(mode, MODE_NAMES[i])) mi = i;
	const int *steps = MODE_STEPS[mi];
	int tonic = rng_range(&r, 0, 11);
	json_t *progs = json_object_get(st.m, "progressions");
	json_t *prog = json_array_get(progs, (size_t)rng_range(&r, 0, (int)json_array_size(progs) - 1));
	json_t *prog_b = json_array_get(progs, (size_t)rng_range(&r, 0, (int)json_array_size(progs) - 1));
	if (!json_is_array(prog) || !json_array_size(prog))
		return err_set(ERR_INPUT, "data/music/moods.json: moods.%s.progressions must be a list of degree lists", canon);
	if (!json_is_array(prog_b) || !json_array_size(prog_b))
		prog_b = prog;
	const char *comp_style = pick_str(&st, "comp_style", &r, "pad");
	const char *bass_style = pick_str(&st, "bass_style", &r, "whole");
	const char *kit = pick_str(&st, "drums", &r, "none");

	/* instruments */
	int reverb = st.reverb > 127 ? 127 : st.reverb;
	sc->ch[CH_PAD] = (struct mchan){ pick_int(&st, "pad", &r, 48), 78, 64, reverb, 40, 0 };
	sc->ch[CH_COMP] = (struct mchan){ pick_int(&st, "comp", &r, 0), 92, 40 + rng_range(&r, 0, 10), reverb, 10, 0 };
	sc->ch[CH_LEAD] = (struct mchan){ pick_int(&st, "lead", &r, 73), 100, 78 + rng_range(&r, 0, 10), reverb, 10, 0 };
	sc->ch[CH_BASS] = (struct mchan){ pick_int(&st, "bass", &r, 32), 96, 64, reverb / 3, 0, 0 };
	sc->ch[CH_TIMP] = (struct mchan){ 47, 100, 60, reverb, 0, 0 };
	sc->ch[CH_DRUM] = (struct mchan){ 0, 84, 64, reverb / 2, 0, 0 };

	/* form */
	double spb = 60.0 / sc->tempo;
	double bar_sec = 4 * spb;
	int bars = (int)ceil(seconds / bar_sec) + 1;
	int end_bar = (int)floor((seconds - MUSIC_XFADE_SEC) / bar_sec) - 1;  /* final chord rings into the tail */
	if (end_bar < 0) end_bar = 0;
	int intro = end_bar >= 4 ? 1 : 0;          /* one bar of pads and bass, then the tune */
	int vel = st.velocity;

	/* melody material */
	int lo = st.lead_octave * 12 + tonic, hi = lo + 16;
	int scale_pc[7], n_scale = 0;
	for (int i = 0; i < 7; i++) {
		int major_like = steps[2] == 4;
		if (st.pentatonic && (major_like ? (i == 3 || i == 6) : (i == 1 || i == 5)))
			continue;
		scale_pc[n_scale++] = (tonic + steps[i]) % 12;
	}
	int mel[32], n_mel = 0;
	for (int k = lo - 2; k <= hi && n_mel < 32; k++)
		for (int i = 0; i < n_scale; i++)
			if (k % 12 == scale_pc[i]) mel[n_mel++] = k;
	int motif_on[8], motif_n = 0, motif_step[8];
	int cur = n_mel / 3;                     /* index into mel */
	int prev_voice[3] = { 0, 0, 0 };
	int rest_phrase = 0;

	for (int bar = 0; bar < bars; bar++) {
		double b0 = bar * 4.0;
		int final = bar >= end_bar;
		if (bar > end_bar)
			break;                            /* the last chord rings into the tail */
		int body = bar - intro;               /* bars since the intro */
		int phrase_pos = body >= 0 ? body % 4 : -1;
		int section = body >= 0 ? body / 8 : -1;
		json_t *pg = (section % 2 == 1) ? prog_b : prog;
		int plen = (int)json_array_size(pg);
		int nchords = st.chords_per_bar >= 2 ? 2 : 1;
		for (int c = 0; c < nchords; c++) {
			double cb = b0 + c * (4.0 / nchords), cdur = 4.0 / nchords;
			long idx = st.chords_per_bar >= 2 ? (long)bar * 2 + c : (long)floor(bar * st.chords_per_bar);
			int degree = (int)json_integer_value(json_array_get(pg, (size_t)(idx % plen)));
			if (degree < 1 || degree > 7) degree = 1;
			if (final) degree = 1;
			else if (bar == end_bar - 1 && c == nchords - 1) degree = 5;
			int pcs[3];
			triad(steps, tonic, degree, pcs);
			if (degree == 5 && (mi == 1 || mi == 3)) pcs[1] = (pcs[0] + 4) % 12;  /* major V for a cadence */
			if (c == 0 && bar == 0)
			{
				char pr[48] = "";
				for (size_t q = 0; q < json_array_size(prog) && strlen(pr) < 40; q++) {
					int dg = (int)json_integer_value(json_array_get(prog, q));
					snprintf(pr + strlen(pr), sizeof pr - strlen(pr), "%s%s", q ? "-" : "", dg >= 1 && dg <= 7 ? ROMAN[dg - 1] : "?");
				}
				snprintf(sc->desc, sizeof sc->desc, "%s: %s %s, %.0f bpm, %s, %s comp, %s drums", canon,
				         KEY_NAMES[tonic], mode, sc->tempo, pr, comp_style, kit);
			}
			int v[3];
			voicing(pcs, prev_voice, 62, v);
			memcpy(prev_voice, v, sizeof v);
			int dyn = body < 0 ? -6 : (section % 2 == 1 ? 6 : 0);
			double pad_dur = final ? 8 : cdur;
			/* pad */
			for (int i = 0; i < 3; i++)
				add(sc, cb, pad_dur, CH_PAD, v[i], jit(&r, vel - 20 + dyn, 3), &r);
			/* bass */
			int root = key_at(pcs[0], 36), fifth = key_at(pcs[2], root);
			{
				if (final || str_eq(bass_style, "whole") || nchords == 2) {
					add(sc, cb, final ? 8 : cdur, CH_BASS, root, jit(&r, vel - 5, 4), &r);
				} else if (str_eq(bass_style, "root_fifth")) {
					add(sc, cb, 2, CH_BASS, root, jit(&r, vel - 5, 4), &r);
					add(sc, cb + 2, 2, CH_BASS, fifth, jit(&r, vel - 10, 4), &r);
				} else if (str_eq(bass_style, "pulse")) {
					for (int i = 0; i < 8; i++)
						add(sc, cb + i * 0.5, 0.42, CH_BASS, root, jit(&r, vel - 10 + (i % 2 ? 0 : 8), 3), &r);
				} else { /* bounce */
					add(sc, cb, 0.6, CH_BASS, root, jit(&r, vel, 4), &r);
					add(sc, cb + 2, 0.6, CH_BASS, fifth, jit(&r, vel - 6, 4), &r);
					if (rng_unit(&r) < 0.5)
						add(sc, cb + 3.5, 0.4, CH_BASS, fifth + 2 > root + 12 ? root + 11 : fifth + 2, jit(&r, vel - 12, 4), &r);
				}
			}
			/* comp */
			if (body >= 0 && !final) {
				int tones[6] = { v[0], v[1], v[2], v[0] + 12, v[1] + 12, v[2] + 12 };
				if (str_eq(comp_style, "arp")) {
					static const int pat[8] = { 0, 1, 2, 3, 4, 3, 2, 1 };
					int n8 = (int)(cdur * 2);
					for (int i = 0; i < n8; i++)
						add(sc, cb + i * 0.5, 0.9, CH_COMP, tones[pat[i % 8]], jit(&r, vel - 18 + (i % 2 ? 0 : 6), 4), &r);
				} else if (str_eq(comp_style, "broken")) {
					int bass = key_at(pcs[0], 48);
					int t5 = key_at(pcs[2], bass), t3 = key_at(pcs[1], t5);
					int pat[8] = { bass, t5, bass + 12, t3 + 12 > bass + 24 ? t3 : t3 + 12, bass + 12, t5, bass + 12, t5 };
					int n8 = (int)(cdur * 2);
					for (int i = 0; i < n8; i++)
						add(sc, cb + i * 0.5, 1.0, CH_COMP, pat[i % 8], jit(&r, vel - 16 + (i % 4 ? 0 : 8), 4), &r);
				} else if (str_eq(comp_style, "stabs")) {
					for (int b = 1; b < (int)cdur; b += 2)
						for (int i = 0; i < 3; i++)
							add(sc, cb + b, st.staccato ? 0.25 : 0.5, CH_COMP, v[i], jit(&r, vel - 10, 4), &r);
					if (rng_unit(&r) < 0.3)
						for (int i = 0; i < 3; i++)
							add(sc, cb + 2.5, 0.25, CH_COMP, v[i], jit(&r, vel - 14, 4), &r);
				} else if (str_eq(comp_style, "ostinato")) {
					int rr = key_at(pcs[0], 50), f5 = key_at(pcs[2], rr);
					int pat[8] = { rr, rr + 12, rr, f5, rr, rr + 12, rr, f5 };
					int n8 = (int)(cdur * 2);
					for (int i = 0; i < n8; i++)
						add(sc, cb + i * 0.5, 0.4, CH_COMP, pat[i % 8], jit(&r, vel - 14 + (i % 2 ? 0 : 8), 3), &r);
				}
			}
			/* melody: 4-bar phrases, motif (bars 1-2), variation (3), cadence (4) */
			if (body >= 0 && !final && c == 0 && n_mel > 4) {
				if (phrase_pos == 0)
					rest_phrase = rng_unit(&r) < st.melody_rest;
				if (phrase_pos == 0 || phrase_pos == 2) {
					/* new rhythm: strong beats likely, off-beats by density */
					motif_n = 0;
					for (int s = 0; s < 8 && motif_n < 8; s++) {
						double p = s == 0 ? 0.9 : s == 4 ? 0.6 : s % 2 == 0 ? 0.25 + st.density * 0.5 : st.density * 0.55;
						if (rng_unit(&r) < p) {
							motif_on[motif_n] = s;
							motif_step[motif_n] = rng_range(&r, -2, 2);
							motif_n++;
						}
					}
					if (!motif_n) { motif_on[0] = 0; motif_step[0] = 1; motif_n = 1; }
				}
				if (!rest_phrase && phrase_pos != 3) {
					for (int i = 0; i < motif_n; i++) {
						double on = motif_on[i] * 0.5;
						double off = i + 1 < motif_n ? motif_on[i + 1] * 0.5 : 4.0;
						if (phrase_pos == 1 && i == motif_n - 1) off = 4.0;
						cur += motif_step[i];
						if (cur < 0) cur = 1;
						if (cur >= n_mel) cur = n_mel - 2;
						int k = mel[cur];
						if (motif_on[i] % 4 == 0) {         /* strong beat: nearest chord tone */
							for (int d = 0; d < n_mel; d++) {
								if (cur - d >= 0 && in_chord(mel[cur - d], pcs)) { cur -= d; break; }
								if (cur + d < n_mel && in_chord(mel[cur + d], pcs)) { cur += d; break; }
							}
							k = mel[cur];
						}
						double dur = (off - on) * (st.staccato ? 0.5 : 0.95);
						add(sc, cb + on, dur, CH_LEAD, k, jit(&r, vel + (motif_on[i] % 4 == 0 ? 6 : 0), 5), &r);
					}
				} else if (!rest_phrase) {                  /* cadence: a long chord tone */
					int d;
					for (d = 0; d < n_mel; d++) {
						if (cur - d >= 0 && in_chord(mel[cur - d], pcs)) { cur -= d; break; }
						if (cur + d < n_mel && in_chord(mel[cur + d], pcs)) { cur += d; break; }
					}
					add(sc, cb, 3.0, CH_LEAD, mel[cur], jit(&r, vel - 4, 4), &r);
				}
			}
			/* timpani: section starts, phrase-end rolls, the final hit */
			if (st.timpani && (final || (body >= 0 && c == 0 && (phrase_pos == 0 || phrase_pos == 3)))) {
				int tk = key_at(pcs[0], 41);
				if (phrase_pos == 3 && !final)
					for (int i = 0; i < 8; i++)
						add(sc, cb + 2 + i * 0.25, 0.3, CH_TIMP, tk, jit(&r, vel - 35 + i * 6, 3), &r);
				else
					add(sc, cb, 2, CH_TIMP, tk, jit(&r, vel, 4), &r);
			}
		}
		if (body >= 0 && !final)
			drums_bar(sc, kit, bar, b0, phrase_pos, phrase_pos == 0 && body % 8 == 0, vel, &r);
		else if (final && (str_eq(kit, "action") || str_eq(kit, "epic") || str_eq(kit, "comedy")))
			add(sc, b0, 4, CH_DRUM, 49, jit(&r, vel - 10, 4), &r);
	}
	return 0;
}

void mscore_free(struct mscore *sc)
{
	if (!sc)
		return;
	free(sc->notes);
	sc->notes = NULL;
	sc->n = sc->cap = 0;
}
