/* net/speech.c — OpenAI-compatible /v1/audio/speech (Kokoro-FastAPI, openedai-speech,
 * hosted APIs): ask for tts.format (WAV unless set) without streaming, decode it (WAV
 * here: 16/24/32-bit PCM or float; MP3/Opus/FLAC through speech_decode.c),
 * resample to 48 kHz mono with libswresample, and build timing from the audio: visemes
 * from the energy envelope, word times spread over the voiced span by word length. */
#include "net/net_internal.h"

#include <libavutil/base64.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rd32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t rd16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

/* Decode a RIFF/WAVE buffer to mono float. *out malloc'd. */
static int wav_decode(const unsigned char *b, size_t n, float **out, size_t *frames, int *rate)
{
	if (n < 12 || memcmp(b, "RIFF", 4) || memcmp(b + 8, "WAVE", 4))
		return err_set(ERR_INPUT, "the speech server's answer is not a WAV file (it starts \"%.8s\"); "
		               "does it support response_format \"wav\"?", n ? (const char *)b : "");
	size_t pos = 12;
	int fmt = 0, ch = 0, bits = 0;
	const unsigned char *data = NULL;
	size_t dlen = 0;
	while (pos + 8 <= n) {
		uint32_t len = rd32(b + pos + 4);
		const unsigned char *c = b + pos + 8;
		size_t avail = n - pos - 8;
		if (!memcmp(b + pos, "fmt ", 4) && avail >= 16) {
			fmt = rd16(c);
			ch = rd16(c + 2);
			*rate = (int)rd32(c + 4);
			bits = rd16(c + 14);
			if (fmt == 0xFFFE && avail >= 26) fmt = rd16(c + 24);   /* WAVE_FORMAT_EXTENSIBLE sub-format */
		} else if (!memcmp(b + pos, "data", 4)) {
			data = c;
			/* streamed WAVs carry 0 or 0xFFFFFFFF as the size: take the rest */
			dlen = (len == 0 || len == 0xFFFFFFFFu || len > avail) ? avail : len;
			break;
		}
		if (len > avail) break;
		pos += 8 + len + (len & 1);
	}
	if (!data || ch < 1 || *rate < 1000 || *rate > 384000)
		return err_set(ERR_INPUT, "the speech server's WAV has no usable fmt/data chunk");
	int bps = bits / 8;
	if (!((fmt == 1 && (bits == 16 || bits == 24 || bits == 32)) || (fmt == 3 && bits == 32)))
		return err_set(ERR_INPUT, "the speech server's WAV is format %d with %d bits; drama reads 16/24/32-bit PCM and 32-bit float", fmt, bits);
	*frames = dlen / (size_t)(bps * ch);
	float *o = xmalloc((*frames ? *frames : 1) * sizeof *o);
	for (size_t i = 0; i < *frames; i++) {
		double acc = 0;
		for (int k = 0; k < ch; k++) {
			const unsigned char *s = data + (i * (size_t)ch + (size_t)k) * (size_t)bps;
			double v;
			if (fmt == 3) { float f; memcpy(&f, s, 4); v = f; }
			else if (bits == 16) v = (int16_t)rd16(s) / 32768.0;
			else if (bits == 24) v = (double)((int32_t)((uint32_t)s[0] << 8 | (uint32_t)s[1] << 16 | (uint32_t)s[2] << 24) >> 8) / 8388608.0;
			else v = (int32_t)rd32(s) / 2147483648.0;
			acc += v;
		}
		o[i] = (float)(acc / ch);
	}
	*out = o;
	return 0;
}

static int resample(const float *in, size_t n, int rate, int16_t **out, size_t *on)
{
	AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
	SwrContext *s = NULL;
	if (swr_alloc_set_opts2(&s, &mono, AV_SAMPLE_FMT_S16, VOICE_RATE, &mono, AV_SAMPLE_FMT_FLT, rate, 0, NULL) < 0 ||
	    swr_init(s) < 0) {
		swr_free(&s);
		return err_set(ERR_GENERIC, "libswresample cannot convert %d Hz to %d Hz", rate, VOICE_RATE);
	}
	size_t cap = (size_t)((double)n * VOICE_RATE / rate) + 4096;
	int16_t *o = xmalloc(cap * sizeof *o);
	const uint8_t *ip[1] = { (const uint8_t *)in };
	uint8_t *op[1] = { (uint8_t *)o };
	int got = swr_convert(s, op, (int)cap, ip, (int)n);
	int tail = 0;
	if (got >= 0) {
		uint8_t *op2[1] = { (uint8_t *)(o + got) };
		tail = swr_convert(s, op2, (int)cap - got, NULL, 0);
	}
	swr_free(&s);
	if (got < 0 || tail < 0) { free(o); return err_set(ERR_GENERIC, "libswresample failed to resample the speech"); }
	*out = o;
	*on = (size_t)got + (size_t)tail;
	return 0;
}

/* ---- timing from audio ---- */
#define FRAME_SEC 0.010

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int is_space(int32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000; }
static int is_break(int32_t c)
{
	return c == ',' || c == '.' || c == '?' || c == '!' || c == ';' || c == ':' || c == 0x3001 || c == 0x3002 ||
	       c == 0xff0c || c == 0xff01 || c == 0xff1f || c == 0xff1b || c == 0xff1a || c == 0x2026;
}
static int is_punct(int32_t c)
{
	return (c < 128 && c > ' ' && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) ||
	       (c >= 0x2010 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff0f) ||
	       (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65);
}

static char level_viseme(double e, double zcr)
{
	if (zcr > 0.30 && e < 0.7) return 'B';      /* hiss: teeth (s, t, k) */
	if (e < 0.30) return 'B';
	if (e < 0.55) return 'C';
	if (e < 0.80) return 'E';
	return 'D';
}

int speech_timing_from_audio(const int16_t *pcm, size_t n, int rate, const char *text, struct voice_timing *t)
{
	memset(t, 0, sizeof *t);
	t->duration = (double)n / rate;
	size_t fl = (size_t)(rate * FRAME_SEC), nf = fl ? n / fl : 0;
	if (!nf) return 0;
	double *rms = xmalloc(nf * sizeof *rms), *zc = xmalloc(nf * sizeof *zc), *sorted = xmalloc(nf * sizeof *sorted);
	for (size_t f = 0; f < nf; f++) {
		double acc = 0;
		int z = 0;
		for (size_t i = f * fl; i < (f + 1) * fl; i++) {
			double v = pcm[i] / 32768.0;
			acc += v * v;
			if (i > f * fl && ((pcm[i] >= 0) != (pcm[i - 1] >= 0))) z++;
		}
		rms[f] = sqrt(acc / (double)fl);
		zc[f] = (double)z / (double)fl;
		sorted[f] = rms[f];
	}
	qsort(sorted, nf, sizeof *sorted, cmpd);
	double ref = sorted[(size_t)(nf * 0.95)], thr = ref * 0.12;
	if (thr < 0.003) thr = 0.003;
	free(sorted);
	/* visemes: one per frame, merged into runs, runs shorter than 40 ms absorbed */
	size_t first = nf, last = 0;
	unsigned char *voiced = xcalloc(nf, 1);
	struct voice_viseme *vis = xmalloc(nf * sizeof *vis);
	size_t nv = 0;
	for (size_t f = 0; f < nf; f++) {
		char v = 'X';
		if (rms[f] >= thr) {
			voiced[f] = 1;
			v = level_viseme(ref > 0 ? rms[f] / ref : 0, zc[f]);
			if (f < first) first = f;
			last = f;
		}
		double s = (double)f * FRAME_SEC, e = s + FRAME_SEC;
		if (nv && vis[nv - 1].v == v) vis[nv - 1].end = e;
		else if (nv && vis[nv - 1].end - vis[nv - 1].start < 0.04) { vis[nv - 1].v = v; vis[nv - 1].end = e; }
		else vis[nv++] = (struct voice_viseme){ s, e, v };
	}
	/* a short silence between voiced runs is a closed mouth (A), not rest */
	for (size_t i = 1; i + 1 < nv; i++)
		if (vis[i].v == 'X' && vis[i].end - vis[i].start < 0.15) vis[i].v = 'A';
	if (nv) vis[nv - 1].end = t->duration > vis[nv - 1].end ? t->duration : vis[nv - 1].end;
	t->vis = vis;
	t->n_vis = nv;
	free(rms);
	free(zc);
	if (first > last || !text) { free(voiced); return 0; }
	/* words: letters/digits runs; each CJK ideograph its own word; punctuation is no word,
	 * but , . ? ! ; : (and their CJK forms) mark a phrase break after the word before */
	struct { const char *s; size_t n; size_t w; int brk; } wd[512];
	size_t nw = 0;
	const char *p = text;
	while (*p && nw < ARRAY_LEN(wd)) {
		const char *q = p;
		int32_t cp = utf8_next(&q);
		if (is_space(cp) || is_punct(cp)) {
			if (nw && is_break(cp)) wd[nw - 1].brk = 1;
			p = q;
			continue;
		}
		if (utf8_is_cjk(cp)) {
			wd[nw].s = p; wd[nw].n = (size_t)(q - p); wd[nw].w = 1; wd[nw].brk = 0;
			nw++; p = q;
			continue;
		}
		const char *st = p;
		size_t w = 0;
		while (*p) {
			const char *r = p;
			int32_t c2 = utf8_next(&r);
			if (is_space(c2) || utf8_is_cjk(c2) || (is_punct(c2) && c2 != '\'' && c2 != '-')) break;
			p = r;
			w++;
		}
		wd[nw].s = st; wd[nw].n = (size_t)(p - st); wd[nw].w = w + 1; wd[nw].brk = 0;
		nw++;
	}
	if (!nw) { free(voiced); return 0; }
	/* phrases: each text break takes the pause (>= 80 ms) nearest to where the break
	 * would fall by word length, preferring longer pauses; breaks with no pause nearby
	 * are ignored */
	struct { size_t s, e; } gaps[64];
	size_t ng = 0;
	for (size_t f = first; f <= last && ng < ARRAY_LEN(gaps);) {
		if (voiced[f]) { f++; continue; }
		size_t g = f;
		while (g <= last && !voiced[g]) g++;
		if (g - f >= 8) { gaps[ng].s = f; gaps[ng].e = g; ng++; }
		f = g;
	}
	double S0 = (double)first * FRAME_SEC, S1 = (double)(last + 1) * FRAME_SEC, W = 0, cum = 0;
	for (size_t i = 0; i < nw; i++) W += (double)wd[i].w;
	struct { size_t word; double a, b; } cuts[64];
	size_t ncut = 0;
	long prev = -1;
	for (size_t i = 0; i + 1 < nw && ncut < ARRAY_LEN(cuts); i++) {
		cum += (double)wd[i].w;
		if (!wd[i].brk) continue;
		double expect = S0 + (S1 - S0) * cum / W, best_cost = 1e9;
		long best = -1;
		for (long g = prev + 1; g < (long)ng; g++) {
			double a = (double)gaps[g].s * FRAME_SEC, b = (double)gaps[g].e * FRAME_SEC, d = fabs((a + b) / 2 - expect);
			if (d > 0.25 * (S1 - S0)) continue;
			if (d - (b - a) < best_cost) { best_cost = d - (b - a); best = g; }
		}
		if (best < 0) continue;
		cuts[ncut].word = i;
		cuts[ncut].a = (double)gaps[best].s * FRAME_SEC;
		cuts[ncut].b = (double)gaps[best].e * FRAME_SEC;
		ncut++;
		prev = best;
	}
	t->words = xcalloc(nw, sizeof *t->words);
	size_t w0 = 0;
	for (size_t ph = 0; ph <= ncut; ph++) {
		size_t w1 = ph < ncut ? cuts[ph].word : nw - 1;
		double s0 = ph ? cuts[ph - 1].b : S0, s1 = ph < ncut ? cuts[ph].a : S1, total = 0, acc = 0;
		for (size_t i = w0; i <= w1; i++) total += (double)wd[i].w;
		for (size_t i = w0; i <= w1; i++) {
			t->words[i].start = s0 + (s1 - s0) * acc / total;
			acc += (double)wd[i].w;
			t->words[i].end = s0 + (s1 - s0) * acc / total;
			t->words[i].word = xstrndup(wd[i].s, wd[i].n);
		}
		w0 = w1 + 1;
	}
	t->n_words = nw;
	free(voiced);
	return 0;
}

static const char *pick_voice(const struct ai_config *c, const json_t *voice, json_t **data)
{
	const char *v = json_string_value(json_object_get(voice, "api_voice"));
	if (v && *v) return v;
	const char *eng = json_string_value(json_object_get(voice, "engine"));
	v = json_string_value(json_object_get(voice, "voice"));
	if (v && *v && (!eng || str_eq(eng, "speech-api") || str_eq(eng, "api"))) return v;
	if (v && *v) {                                /* an embedded voice: map it */
		char *p = data_path("llm/tts_voices.json");
		*data = json_load_file(p, 0, NULL);
		free(p);
		const char *m = json_string_value(json_object_get(json_object_get(*data, "from_engine"), v));
		if (m) return m;
	}
	return c->tts_voice ? c->tts_voice : "alloy";
}

/* Voice cloning: the reference voice (voice["ref_audio_file"], set by the stage from
 * characters/NAME.voice.wav) in the body field the server reads (tts.ref_audio_field), as
 * base64 or a data: URI (tts.ref_audio_format), and its transcript in tts.ref_text_field. */
static int add_reference(const struct ai_config *c, const json_t *voice, json_t *b)
{
	const char *file = json_string_value(json_object_get(voice, "ref_audio_file"));
	if (!file || !c->tts_ref_audio_field || !*c->tts_ref_audio_field) return 0;
	char *data = NULL;
	size_t n = 0;
	if (file_read_all(file, &data, &n) < 0)
		return err_set(ERR_NOTFOUND, "cannot read the reference voice %s: %s", file, err_msg());
	size_t cap = AV_BASE64_SIZE(n);
	char *b64 = xmalloc(cap);
	av_base64_encode(b64, (int)cap, (const uint8_t *)data, (int)n);
	free(data);
	if (str_eq(c->tts_ref_audio_format, "data-uri")) {
		char *u = xasprintf("data:audio/wav;base64,%s", b64);
		free(b64);
		b64 = u;
	}
	json_object_set_new(b, c->tts_ref_audio_field, json_string(b64));
	free(b64);
	const char *t = json_string_value(json_object_get(voice, "ref_text"));
	const char *tf = c->tts_ref_text_field && *c->tts_ref_text_field ? c->tts_ref_text_field : "ref_text";
	if (t) json_object_set_new(b, tf, json_string(t));
	return 0;
}

int speech_audio_clip(const void *data, size_t len, const char *text, struct voice_clip *out)
{
	memset(out, 0, sizeof *out);
	float *f = NULL;
	size_t nf = 0;
	int rate = 0, rc;
	/* WAV through our own reader (it takes streamed WAVs with zero sizes); anything else
	 * (MP3-only servers, Opus, FLAC) through libav */
	if (len >= 12 && !memcmp(data, "RIFF", 4)) rc = wav_decode(data, len, &f, &nf, &rate);
	else rc = speech_decode_any(data, len, &f, &nf, &rate);
	if (rc == 0) rc = resample(f, nf, rate, &out->pcm, &out->n);
	if (rc == 0) rc = speech_timing_from_audio(out->pcm, out->n, VOICE_RATE, text, &out->t);
	if (rc < 0) voice_clip_free(out);
	free(f);
	return rc;
}

int speech_api_synth(const struct ai_config *c, const json_t *voice, const struct line *l,
                     const char *lang, struct voice_clip *out)
{
	memset(out, 0, sizeof *out);
	if (!ai_tts_configured(c))
		return err_set(ERR_INPUT, "no speech server configured; set DRAMA_TTS_URL or \"tts\": {\"url\": ...} in drama.json");
	if (!l || !l->text || !*l->text) return err_set(ERR_INPUT, "nothing to say: the line is empty");
	json_t *vdata = NULL;
	const char *vname = pick_voice(c, voice, &vdata);
	json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:b}", "model", c->tts.model ? c->tts.model : "tts-1", "input", l->text,
	                      "voice", vname, "response_format", c->tts_format && *c->tts_format ? c->tts_format : "wav", "stream", 0);
	json_t *speed = json_object_get(voice, "speed");
	if (!speed) speed = json_object_get(voice, "rate");
	if (json_is_number(speed) && json_number_value(speed) > 0.25 && json_number_value(speed) < 4)
		json_object_set_new(b, "speed", json_real(json_number_value(speed)));
	if (lang && !strcmp(lang, "zh")) json_object_set_new(b, "lang_code", json_string("z"));
	int rc = add_reference(c, voice, b);
	if (rc < 0) { json_decref(b); json_decref(vdata); return rc; }
	char *text = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	char *url = ai_url(c->tts.url, "/audio/speech", 1);
	struct http_req r = { .url = url, .api_key = c->tts.api_key, .body = text, .timeout = c->tts.timeout, .load_wait = c->tts.load_wait,
	                      .retries = c->tts.retries, .retry_base = c->retry_base, .what = "the speech server" };
	struct http_resp resp;
	rc = http_do(&r, &resp);
	ai_ledger_add("tts", 1, 0, 0, resp.total_seconds);       /* characters are not tokens */
	ai_ledger_add_more("tts", resp.attempts, (long)utf8_len(l->text));
	if (rc < 0) goto end;
	if (resp.status < 200 || resp.status >= 300) {
		rc = ai_http_error("the speech server", url, &resp, c->tts.model);
		if (resp.status == 400 || resp.status == 422 || resp.status == 404) {
			char *m = xstrdup(err_msg());
			rc = err_set(ERR_INPUT, "%s (voice \"%s\"; set tts.voice or the character's voice.api_voice)", m, vname);
			free(m);
		}
		goto end;
	}
	rc = speech_audio_clip(resp.body.s, resp.body.len, l->text, out);
end:
	if (rc < 0) voice_clip_free(out);
	http_resp_free(&resp);
	free(url);
	free(text);
	json_decref(vdata);
	return rc;
}

int speech_api_cast(struct series *s, const char *lang)
{
	char *p = data_path("llm/tts_voices.json");
	json_t *d = json_load_file(p, 0, NULL);
	if (!d) {
		int rc = err_set(ERR_IO, "cannot read %s; the data folder is incomplete (DRAMA_DATA)", p);
		free(p);
		return rc;
	}
	free(p);
	const json_t *L = json_object_get(d, lang && !strcmp(lang, "zh") ? "zh" : "en");
	size_t next_f = 0, next_m = 0;
	/* skip names already taken */
	for (size_t i = 0; i < s->n_chars; i++) {
		const char *v = json_string_value(json_object_get(s->chars[i].voice, "api_voice"));
		if (!v) continue;
		size_t k;
		json_t *x;
		json_array_foreach(json_object_get(L, "female"), k, x) if (str_eq(json_string_value(x), v) && k + 1 > next_f) next_f = k + 1;
		json_array_foreach(json_object_get(L, "male"), k, x) if (str_eq(json_string_value(x), v) && k + 1 > next_m) next_m = k + 1;
	}
	for (size_t i = 0; i < s->n_chars; i++) {
		struct character *c = &s->chars[i];
		if (json_string_value(json_object_get(c->voice, "api_voice"))) continue;
		int female = str_eq(c->gender, "female");
		const json_t *pool = json_object_get(L, female ? "female" : "male");
		size_t n = json_array_size(pool);
		if (!n) continue;
		size_t *k = female ? &next_f : &next_m;
		const char *v = json_string_value(json_array_get(pool, *k % n));
		(*k)++;
		if (!c->voice) c->voice = json_object();
		json_object_set_new(c->voice, "api_voice", json_string(v));
	}
	const char *nv = json_string_value(json_object_get(L, "narrator"));
	if (nv && !json_string_value(json_object_get(s->narrator_voice, "api_voice"))) {
		if (!s->narrator_voice) s->narrator_voice = json_object();
		json_object_set_new(s->narrator_voice, "api_voice", json_string(nv));
	}
	json_decref(d);
	return 0;
}
