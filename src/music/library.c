/* music/library.c — the user's music library: a folder of audio files tagged by mood
 * (tracks.json {"file": "mood"} and/or the mood word in the file name), decoded with
 * libavformat/libavcodec and resampled with libswresample to 48 kHz stereo float. */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libswresample/swresample.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include "music/music_internal.h"

struct mtrack { char *path; const char *mood; };
struct mlib { struct mtrack *t; size_t n, cap; };

static const char *const AUDIO_EXT[] = { ".wav", ".mp3", ".ogg", ".oga", ".opus", ".flac", ".m4a",
	".aac", ".wma", ".aiff", ".aif", NULL };

static int is_audio(const char *name)
{
	char low[512];
	snprintf(low, sizeof low, "%s", name);
	for (char *c = low; *c; c++)
		if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
	for (int i = 0; AUDIO_EXT[i]; i++)
		if (str_has_suffix(low, AUDIO_EXT[i]))
			return 1;
	return 0;
}

/* the first mood word (or alias) found in a file name, split at non-letters */
static const char *mood_in_name(const char *name)
{
	char w[64];
	size_t n = 0;
	for (const char *c = name;; c++) {
		int letter = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || *c == '-';
		if (letter && n + 1 < sizeof w) {
			w[n++] = *c;
			continue;
		}
		if (n) {
			w[n] = 0;
			const char *m = music_mood_canon(w);
			if (m) return m;
			n = 0;
		}
		if (!*c || *c == '.') {
			if (!*c) break;
			if (!strchr(c + 1, '.')) break;   /* stop at the extension */
		}
	}
	return NULL;
}

static void add_track(struct mlib *l, const char *path, const char *mood)
{
	if (l->n == l->cap)
		xgrow((void **)&l->t, &l->cap, l->n, sizeof *l->t);
	l->t[l->n++] = (struct mtrack){ xstrdup(path), mood };
}

int mlib_open(const char *dir, struct mlib **out)
{
	*out = NULL;
	DIR *d = opendir(dir);
	if (!d)
		return err_set(ERR_NOTFOUND, "music library folder %s cannot be opened; check settings.music_dir in drama.json", dir);
	struct mlib *l = xcalloc(1, sizeof *l);
	char *side = path_join(dir, "tracks.json");
	json_t *tags = NULL;
	if (file_exists(side)) {
		json_error_t e;
		tags = json_load_file(side, 0, &e);
		if (!tags || !json_is_object(tags))
			log_warn("music", "%s:%d:%d: %s; expected {\"file.mp3\": \"mood\"}. Using file names only",
			         side, e.line, e.column, tags ? "not an object" : e.text);
	}
	struct dirent *de;
	char **names = NULL;
	size_t nn = 0, cap = 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || !is_audio(de->d_name))
			continue;
		if (nn == cap)
			xgrow((void **)&names, &cap, nn, sizeof *names);
		names[nn++] = xstrdup(de->d_name);
	}
	closedir(d);
	/* sorted so a seed picks the same track on every machine */
	for (size_t i = 1; i < nn; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j]; names[j] = names[j - 1]; names[j - 1] = t;
		}
	for (size_t i = 0; i < nn; i++) {
		const char *mood = NULL;
		json_t *tag = json_is_object(tags) ? json_object_get(tags, names[i]) : NULL;
		if (json_is_string(tag)) {
			mood = music_mood_canon(json_string_value(tag));
			if (!mood)
				log_warn("music", "%s: \"%s\": unknown mood \"%s\" (use romance tension comedy sadness triumph mystery action calm)",
				         side, names[i], json_string_value(tag));
		}
		if (!mood)
			mood = mood_in_name(names[i]);
		if (mood) {
			char *p = path_join(dir, names[i]);
			add_track(l, p, mood);
			free(p);
		} else {
			log_debug("music", "%s/%s has no mood tag; skipped", dir, names[i]);
		}
		free(names[i]);
	}
	free(names);
	json_decref(tags);
	free(side);
	if (!l->n) {
		mlib_free(l);
		return err_set(ERR_NOTFOUND, "music library %s has no tagged audio files: name files with a mood word "
		               "(\"tension_01.mp3\") or list them in tracks.json {\"file.mp3\": \"romance\"}", dir);
	}
	*out = l;
	return 0;
}

void mlib_free(struct mlib *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->t[i].path);
	free(l->t);
	free(l);
}

size_t mlib_count(const struct mlib *l) { return l ? l->n : 0; }

const char *mlib_pick(const struct mlib *l, const char *mood, uint64_t seed)
{
	const char *m = music_mood_canon(mood);
	if (!l || !m)
		return NULL;
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (str_eq(l->t[i].mood, m)) n++;
	if (!n)
		return NULL;
	size_t k = (size_t)(seed % n);
	for (size_t i = 0; i < l->n; i++)
		if (str_eq(l->t[i].mood, m) && k-- == 0)
			return l->t[i].path;
	return NULL;
}

static int averr(const char *path, const char *what, int e)
{
	char b[128];
	av_strerror(e, b, sizeof b);
	return err_set(ERR_INPUT, "%s: %s: %s (is it an audio file FFmpeg can read?)", path, what, b);
}

int music_decode(const char *path, float **lr, size_t *frames)
{
	AVFormatContext *fmt = NULL;
	AVCodecContext *dec = NULL;
	SwrContext *swr = NULL;
	AVPacket *pkt = NULL;
	AVFrame *fr = NULL;
	float *buf = NULL;
	size_t n = 0, cap = 0;
	int rc = 0, e;
	*lr = NULL;
	*frames = 0;
	if ((e = avformat_open_input(&fmt, path, NULL, NULL)) < 0)
		return averr(path, "cannot open", e);
	if ((e = avformat_find_stream_info(fmt, NULL)) < 0) { rc = averr(path, "cannot read stream info", e); goto end; }
	const AVCodec *codec = NULL;
	int si = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
	if (si < 0 || !codec) { rc = averr(path, "no audio stream", si < 0 ? si : AVERROR_DECODER_NOT_FOUND); goto end; }
	dec = avcodec_alloc_context3(codec);
	avcodec_parameters_to_context(dec, fmt->streams[si]->codecpar);
	if ((e = avcodec_open2(dec, codec, NULL)) < 0) { rc = averr(path, "cannot open decoder", e); goto end; }
	if (!dec->ch_layout.nb_channels || dec->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC) {
		int ch = dec->ch_layout.nb_channels ? dec->ch_layout.nb_channels : 2;
		av_channel_layout_uninit(&dec->ch_layout);
		av_channel_layout_default(&dec->ch_layout, ch);
	}
	AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
	if ((e = swr_alloc_set_opts2(&swr, &stereo, AV_SAMPLE_FMT_FLT, MIX_RATE, &dec->ch_layout,
	                             dec->sample_fmt, dec->sample_rate, 0, NULL)) < 0 || (e = swr_init(swr)) < 0) {
		rc = averr(path, "cannot set up resampling", e);
		goto end;
	}
	pkt = av_packet_alloc();
	fr = av_frame_alloc();
	int flushing = 0;
	for (;;) {
		if (!flushing) {
			e = av_read_frame(fmt, pkt);
			if (e < 0) {
				flushing = 1;
				avcodec_send_packet(dec, NULL);
			} else {
				if (pkt->stream_index == si)
					avcodec_send_packet(dec, pkt);
				av_packet_unref(pkt);
			}
		}
		while ((e = avcodec_receive_frame(dec, fr)) >= 0) {
			int outn = swr_get_out_samples(swr, fr->nb_samples);
			if (n + (size_t)outn + 1 > cap) {
				cap = (n + (size_t)outn + 1) * 2;
				buf = xrealloc(buf, cap * 2 * sizeof *buf);
			}
			uint8_t *o = (uint8_t *)(buf + 2 * n);
			int got = swr_convert(swr, &o, outn, (const uint8_t **)fr->extended_data, fr->nb_samples);
			if (got > 0) n += (size_t)got;
			av_frame_unref(fr);
		}
		if (e == AVERROR_EOF)
			break;
		if (e != AVERROR(EAGAIN)) { rc = averr(path, "decoding failed", e); goto end; }
		if (flushing && e == AVERROR(EAGAIN))
			break;
	}
	/* drain the resampler */
	for (;;) {
		int outn = swr_get_out_samples(swr, 0);
		if (outn <= 0) break;
		if (n + (size_t)outn + 1 > cap) {
			cap = (n + (size_t)outn + 1) * 2;
			buf = xrealloc(buf, cap * 2 * sizeof *buf);
		}
		uint8_t *o = (uint8_t *)(buf + 2 * n);
		int got = swr_convert(swr, &o, outn, NULL, 0);
		if (got <= 0) break;
		n += (size_t)got;
	}
	if (!n) { rc = err_set(ERR_INPUT, "%s: no audio samples decoded", path); goto end; }
	*lr = buf;
	*frames = n;
	buf = NULL;
end:
	free(buf);
	av_frame_free(&fr);
	av_packet_free(&pkt);
	swr_free(&swr);
	avcodec_free_context(&dec);
	avformat_close_input(&fmt);
	return rc;
}

void music_fit(float **lrp, size_t *frames, size_t want, size_t xfade, size_t fade_in, size_t fade_out)
{
	float *in = *lrp;
	size_t n = *frames;
	float *o = xcalloc_written(want * 2 + 2, sizeof *o);
	if (n) {
		if (xfade > n / 2) xfade = n / 2;
		/* first pass copies [0, n); each loop restarts at 0 with a crossfade over xfade */
		size_t pos = 0;
		while (pos < want) {
			for (size_t i = 0; i < n && pos + i < want; i++) {
				double g = 1;
				if (pos > 0 && i < xfade) g = sin((double)i / xfade * M_PI / 2);
				o[2 * (pos + i)] += (float)(in[2 * i] * g);
				o[2 * (pos + i) + 1] += (float)(in[2 * i + 1] * g);
			}
			if (n <= xfade || pos + n >= want)
				break;
			/* fade the end of this pass out under the next pass's start */
			size_t next = pos + n - xfade;
			for (size_t i = 0; i < xfade && next + i < want; i++) {
				double g = cos((double)i / xfade * M_PI / 2);
				size_t k = next + i;
				size_t src = n - xfade + i;
				o[2 * k] -= (float)(in[2 * src] * (1 - g));
				o[2 * k + 1] -= (float)(in[2 * src + 1] * (1 - g));
			}
			pos = next;
		}
	}
	if (fade_in > want) fade_in = want;
	if (fade_out > want) fade_out = want;
	for (size_t i = 0; i < fade_in; i++) {
		float g = (float)((double)i / fade_in);
		o[2 * i] *= g;
		o[2 * i + 1] *= g;
	}
	for (size_t i = 0; i < fade_out; i++) {
		float g = (float)cos((double)(i + 1) / fade_out * M_PI / 2);
		size_t k = want - fade_out + i;
		o[2 * k] *= g;
		o[2 * k + 1] *= g;
	}
	free(in);
	*lrp = o;
	*frames = want;
}
