/* voice/timing.c — phoneme → viseme mapping (ARPAbet and espeak-ng names), timing
 * tracks (build, append, save as JSON beside the WAV, load, look up), resampling to
 * 48 kHz and splitting long text into pieces an engine takes at once. */
#include "voice/voice_internal.h"

#include <libswresample/swresample.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

static void add_vis(struct voice_timing *t, double s, double e, char v);

/* ---- visemes (DESIGN.md section 6) ---- */

static const struct { const char *ph; char v; } ARPA[] = {
	{ "p", 'A' }, { "b", 'A' }, { "m", 'A' },
	{ "k", 'B' }, { "g", 'B' }, { "s", 'B' }, { "z", 'B' }, { "t", 'B' }, { "d", 'B' },
	{ "n", 'B' }, { "ng", 'B' }, { "th", 'B' }, { "dh", 'B' }, { "sh", 'B' }, { "zh", 'B' },
	{ "ch", 'B' }, { "jh", 'B' }, { "y", 'B' }, { "iy", 'B' }, { "ih", 'B' }, { "hh", 'B' },
	{ "eh", 'C' }, { "ae", 'C' }, { "ey", 'C' }, { "ah", 'C' },
	{ "aa", 'D' }, { "ay", 'D' }, { "aw", 'D' },
	{ "ao", 'E' }, { "er", 'E' }, { "r", 'E' }, { "oy", 'E' },
	{ "uw", 'F' }, { "ow", 'F' }, { "w", 'F' }, { "uh", 'F' },
	{ "f", 'G' }, { "v", 'G' },
	{ "l", 'H' },
};

/* espeak-ng mnemonics ("p", "ts.h", "a5", "@U", "_:" ...): by the leading symbol. */
static char espeak_viseme(const char *ph)
{
	unsigned char c = (unsigned char)ph[0];
	if (!c || c == '_' || c == ' ' || c == ';') return 'X';
	if (!strcmp(ph, "o-")) return 'C';        /* Mandarin e [ɤ]: open, unrounded */
	/* a glide before the main vowel (iA, iE, iou, uei, ua, u@): the vowel shapes the mouth */
	if ((c == 'i' || c == 'u' || c == 'y') && ph[1] && strchr("aAeEoO@", ph[1])) c = (unsigned char)ph[1];
	switch (c) {
	case 'p': case 'b': case 'm': return 'A';
	case 'f': case 'v': return 'G';
	case 'l': return 'H';
	case 'a': case 'A': return 'D';
	case 'o': case 'O': case 'r': case '3': return 'E';
	case 'u': case 'U': case 'w': case 'y': case 'Y': return 'F';
	case 'e': case 'E': case '@': return 'C';
	case 'i': case 'I': case 'j': return 'B';
	default: return 'B';      /* t d n k g s z x h ts tS S Z N ... */
	}
}

char vviseme_of(const char *ph, int espeak)
{
	if (!ph || !*ph) return 'X';
	if (espeak) return espeak_viseme(ph);
	for (size_t i = 0; i < ARRAY_LEN(ARPA); i++)
		if (!strcmp(ARPA[i].ph, ph)) return ARPA[i].v;
	return 'X';               /* pau, sil, h# */
}

void vviseme_build(struct voice_timing *t, int espeak)
{
	free(t->vis);
	t->vis = NULL; t->n_vis = 0;
	for (size_t i = 0; i < t->n_ph; i++) {
		char v = vviseme_of(t->ph[i].ph, espeak);
		/* a short break inside speech (espeak's "_|" between syllables) keeps the mouth */
		if (v == 'X' && t->n_vis && t->vis[t->n_vis - 1].v != 'X' && i + 1 < t->n_ph &&
		    t->ph[i].end - t->ph[i].start < 0.06 && vviseme_of(t->ph[i + 1].ph, espeak) != 'X') {
			t->vis[t->n_vis - 1].end = t->ph[i].end;
			continue;
		}
		if (t->n_vis && t->vis[t->n_vis - 1].v == v && t->vis[t->n_vis - 1].end >= t->ph[i].start - 1e-6) {
			t->vis[t->n_vis - 1].end = t->ph[i].end;
			continue;
		}
		add_vis(t, t->ph[i].start, t->ph[i].end, v);
	}
}

/* ---- timing tracks ---- */

/* Arrays of a timing grow through xgrow; their capacity is a function of the count
 * (a power of two, at least 8), so it need not be stored. */
static size_t cap_of(size_t n)
{
	if (!n) return 0;
	size_t c = 8;
	while (c < n) c *= 2;
	return c;
}

void vtiming_add_phone(struct voice_timing *t, double s, double e, const char *ph)
{
	size_t cap = cap_of(t->n_ph);
	xgrow((void **)&t->ph, &cap, t->n_ph, sizeof *t->ph);
	struct voice_phone *p = &t->ph[t->n_ph++];
	p->start = s; p->end = e;
	snprintf(p->ph, sizeof p->ph, "%s", ph ? ph : "");
}

static void add_vis(struct voice_timing *t, double s, double e, char v)
{
	size_t cap = cap_of(t->n_vis);
	xgrow((void **)&t->vis, &cap, t->n_vis, sizeof *t->vis);
	t->vis[t->n_vis++] = (struct voice_viseme){ s, e, v };
}

void vtiming_add_word(struct voice_timing *t, double s, double e, const char *w)
{
	size_t cap = cap_of(t->n_words);
	xgrow((void **)&t->words, &cap, t->n_words, sizeof *t->words);
	t->words[t->n_words++] = (struct voice_word){ s, e, xstrdup(w ? w : "") };
}

void vtiming_append(struct voice_timing *a, const struct voice_timing *b, double off)
{
	for (size_t i = 0; i < b->n_ph; i++)
		vtiming_add_phone(a, b->ph[i].start + off, b->ph[i].end + off, b->ph[i].ph);
	for (size_t i = 0; i < b->n_words; i++)
		vtiming_add_word(a, b->words[i].start + off, b->words[i].end + off, b->words[i].word);
	for (size_t i = 0; i < b->n_vis; i++)
		add_vis(a, b->vis[i].start + off, b->vis[i].end + off, b->vis[i].v);
	if (off + b->duration > a->duration) a->duration = off + b->duration;
}

void voice_timing_free(struct voice_timing *t)
{
	if (!t) return;
	for (size_t i = 0; i < t->n_words; i++) free(t->words[i].word);
	free(t->ph); free(t->vis); free(t->words);
	memset(t, 0, sizeof *t);
}

void voice_clip_free(struct voice_clip *c)
{
	if (!c) return;
	free(c->pcm);
	c->pcm = NULL; c->n = 0;
	voice_timing_free(&c->t);
}

/* Milliseconds, half away from zero; round() has no integer range to overflow. */
static double r3(double x) { return round(x * 1000.0) / 1000.0; }

static int timing_save(const struct voice_timing *t, const char *path, int sync);

int voice_timing_save(const struct voice_timing *t, const char *path) { return timing_save(t, path, 1); }

int voice_timing_save_replace(const struct voice_timing *t, const char *path) { return timing_save(t, path, 0); }

static int timing_save(const struct voice_timing *t, const char *path, int sync)
{
	json_t *o = json_object(), *ph = json_array(), *vis = json_array(), *w = json_array();
	json_object_set_new(o, "duration", json_real(r3(t->duration)));
	for (size_t i = 0; i < t->n_ph; i++)
		json_array_append_new(ph, json_pack("{s:f,s:f,s:s}", "s", r3(t->ph[i].start), "e", r3(t->ph[i].end), "p", t->ph[i].ph));
	for (size_t i = 0; i < t->n_vis; i++) {
		char v[2] = { t->vis[i].v, 0 };
		json_array_append_new(vis, json_pack("{s:f,s:f,s:s}", "s", r3(t->vis[i].start), "e", r3(t->vis[i].end), "v", v));
	}
	for (size_t i = 0; i < t->n_words; i++)
		json_array_append_new(w, json_pack("{s:f,s:f,s:s}", "s", r3(t->words[i].start), "e", r3(t->words[i].end), "w", t->words[i].word));
	json_object_set_new(o, "phonemes", ph);
	json_object_set_new(o, "visemes", vis);
	json_object_set_new(o, "words", w);
	char *s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
	json_decref(o);
	if (!s) return err_set(ERR_GENERIC, "voice: could not encode timing for %s", path);
	int rc = sync ? file_write_atomic(path, s, strlen(s)) : file_write_replace(path, s, strlen(s));
	free(s);
	return rc;
}

/* Times beyond this (seconds) are damage, not speech: refused so a save stays finite. */
#define TIMING_MAX_SEC 1e7

static int get_se(json_t *x, double *s, double *e)
{
	json_t *js = json_object_get(x, "s"), *je = json_object_get(x, "e");
	if (!json_is_number(js) || !json_is_number(je)) return -1;
	*s = json_number_value(js); *e = json_number_value(je);
	return fabs(*s) <= TIMING_MAX_SEC && fabs(*e) <= TIMING_MAX_SEC ? 0 : -1;
}

int voice_timing_load(const char *path, struct voice_timing *t)
{
	memset(t, 0, sizeof *t);
	json_error_t je;
	json_t *o = json_load_file(path, 0, &je);
	if (!o)
		return err_set(ERR_IO, "%s:%d:%d: cannot read voice timing: %s; rerun `drama voice`", path, je.line, je.column, je.text);
	int rc = 0;
	json_t *d = json_object_get(o, "duration");
	if (!json_is_number(d) || fabs(json_number_value(d)) > TIMING_MAX_SEC) {
		rc = err_set(ERR_INPUT, "%s: voice timing has no \"duration\" (seconds, at most %g); rerun `drama voice`", path, TIMING_MAX_SEC);
		goto end;
	}
	t->duration = json_number_value(d);
	size_t i; json_t *x; double s, e;
	json_array_foreach(json_object_get(o, "phonemes"), i, x) {
		const char *p = json_string_value(json_object_get(x, "p"));
		if (get_se(x, &s, &e) < 0 || !p) { rc = err_set(ERR_INPUT, "%s: phonemes[%zu]: needs \"s\", \"e\" and \"p\"; rerun `drama voice`", path, i); goto end; }
		vtiming_add_phone(t, s, e, p);
	}
	json_array_foreach(json_object_get(o, "visemes"), i, x) {
		const char *v = json_string_value(json_object_get(x, "v"));
		if (get_se(x, &s, &e) < 0 || !v || strlen(v) != 1 || !strchr("ABCDEFGHX", v[0])) { rc = err_set(ERR_INPUT, "%s: visemes[%zu]: needs \"s\", \"e\" and \"v\" (A-H or X); rerun `drama voice`", path, i); goto end; }
		add_vis(t, s, e, v[0]);
	}
	json_array_foreach(json_object_get(o, "words"), i, x) {
		const char *w = json_string_value(json_object_get(x, "w"));
		if (get_se(x, &s, &e) < 0 || !w) { rc = err_set(ERR_INPUT, "%s: words[%zu]: needs \"s\", \"e\" and \"w\"; rerun `drama voice`", path, i); goto end; }
		vtiming_add_word(t, s, e, w);
	}
end:
	json_decref(o);
	if (rc < 0) voice_timing_free(t);
	return rc;
}

char voice_viseme_at(const struct voice_timing *t, double sec)
{
	if (!t || !t->n_vis || sec < t->vis[0].start || sec >= t->vis[t->n_vis - 1].end) return 'X';
	size_t lo = 0, hi = t->n_vis;          /* last viseme with start <= sec */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (t->vis[mid].start <= sec) lo = mid; else hi = mid;
	}
	return sec < t->vis[lo].end ? t->vis[lo].v : 'X';
}

/* ---- resampling ---- */

int vresample(const int16_t *in, size_t n, int rate, int16_t **out, size_t *n_out)
{
	*out = NULL; *n_out = 0;
	if (rate == VOICE_RATE || n == 0) {
		*out = xmalloc((n ? n : 1) * sizeof **out);
		if (n) memcpy(*out, in, n * sizeof **out);
		*n_out = n;
		return 0;
	}
	SwrContext *swr = NULL;
	AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
	if (swr_alloc_set_opts2(&swr, &mono, AV_SAMPLE_FMT_S16, VOICE_RATE, &mono, AV_SAMPLE_FMT_S16, rate, 0, NULL) < 0 || swr_init(swr) < 0) {
		swr_free(&swr);
		return err_set(ERR_GENERIC, "voice: cannot resample %d Hz to %d Hz (libswresample)", rate, VOICE_RATE);
	}
	size_t cap = (size_t)av_rescale_rnd((int64_t)n, VOICE_RATE, rate, AV_ROUND_UP) + 256;
	int16_t *o = xmalloc(cap * sizeof *o);
	const uint8_t *ip[1] = { (const uint8_t *)in };
	uint8_t *op[1] = { (uint8_t *)o };
	int got = swr_convert(swr, op, (int)cap, ip, (int)n);
	if (got < 0) { free(o); swr_free(&swr); return err_set(ERR_GENERIC, "voice: resampling failed"); }
	size_t total = (size_t)got;
	op[0] = (uint8_t *)(o + total);
	int tail = swr_convert(swr, op, (int)(cap - total), NULL, 0);   /* flush */
	if (tail > 0) total += (size_t)tail;
	swr_free(&swr);
	*out = o; *n_out = total;
	return 0;
}

/* ---- splitting long text ---- */

static size_t cut_at(const char *s, size_t max)
{
	size_t best = 0;
	static const char *const tiers[] = { ".!?", ";:", ",", " " };
	for (size_t t = 0; t < ARRAY_LEN(tiers) && !best; t++)
		for (size_t i = max / 3; i < max; i++) {
			unsigned char c = (unsigned char)s[i];
			if (strchr(tiers[t], c) && c) best = i + 1;
			/* Chinese full stops and commas are three bytes: 。！？，、 */
			if (t < 3 && c == 0xE3 && (unsigned char)s[i + 1] == 0x80 && ((unsigned char)s[i + 2] == 0x82 || (unsigned char)s[i + 2] == 0x81) && i + 3 <= max) best = i + 3;
			if (t < 3 && c == 0xEF && (unsigned char)s[i + 1] == 0xBC && ((unsigned char)s[i + 2] == 0x81 || (unsigned char)s[i + 2] == 0x9F || (unsigned char)s[i + 2] == 0x8C) && i + 3 <= max) best = i + 3;
		}
	if (!best) {              /* no boundary: cut at a UTF-8 character start */
		best = max;
		while (best > 1 && ((unsigned char)s[best] & 0xC0) == 0x80) best--;
	}
	return best;
}

size_t vsplit(const char *text, size_t max, char ***pieces)
{
	size_t n = 0, cap = 0;
	*pieces = NULL;
	const char *p = text;
	while (*p) {
		while (*p == ' ') p++;
		if (!*p) break;
		size_t len = strlen(p), take = len <= max ? len : cut_at(p, max);
		xgrow((void **)pieces, &cap, n, sizeof **pieces);
		(*pieces)[n++] = xstrndup(p, take);
		p += take;
	}
	return n;
}
