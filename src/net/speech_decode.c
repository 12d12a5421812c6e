/* net/speech_decode.c — a speech server's compressed answer (MP3, Opus in Ogg or WebM,
 * FLAC, AAC, or anything else FFmpeg reads) decoded from memory with libavformat and
 * libavcodec into mono float samples at the source's rate. Many servers answer MP3
 * whatever response_format says; WAV keeps its own fast reader in speech.c. */
#include "net/net_internal.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
#include <stdlib.h>
#include <string.h>

struct membuf { const unsigned char *b; size_t n, pos; };

static int mem_read(void *opaque, uint8_t *buf, int size)
{
	struct membuf *m = opaque;
	size_t left = m->n - m->pos;
	if (!left) return AVERROR_EOF;
	size_t k = (size_t)size < left ? (size_t)size : left;
	memcpy(buf, m->b + m->pos, k);
	m->pos += k;
	return (int)k;
}

static int64_t mem_seek(void *opaque, int64_t off, int whence)
{
	struct membuf *m = opaque;
	if (whence == AVSEEK_SIZE) return (int64_t)m->n;
	int64_t p = (whence & ~AVSEEK_FORCE) == SEEK_CUR ? (int64_t)m->pos + off :
	            (whence & ~AVSEEK_FORCE) == SEEK_END ? (int64_t)m->n + off : off;
	if (p < 0 || p > (int64_t)m->n) return -1;
	m->pos = (size_t)p;
	return p;
}

/* Append one decoded frame, downmixed to mono float by swr (made on the first frame). */
static int take_frame(SwrContext **swr, const AVFrame *fr, float **out, size_t *n, size_t *cap)
{
	if (!*swr) {
		AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
		if (swr_alloc_set_opts2(swr, &mono, AV_SAMPLE_FMT_FLT, fr->sample_rate, (AVChannelLayout *)&fr->ch_layout,
		                        (enum AVSampleFormat)fr->format, fr->sample_rate, 0, NULL) < 0 || swr_init(*swr) < 0)
			return -1;
	}
	size_t want = *n + (size_t)fr->nb_samples + 64;
	if (want > *cap) {
		*cap = want * 2;
		*out = xrealloc(*out, *cap * sizeof **out);
	}
	uint8_t *op[1] = { (uint8_t *)(*out + *n) };
	int got = swr_convert(*swr, op, (int)(*cap - *n), (const uint8_t **)fr->extended_data, fr->nb_samples);
	if (got < 0) return -1;
	*n += (size_t)got;
	return 0;
}

int speech_decode_any(const void *data, size_t len, float **out, size_t *frames, int *rate)
{
	*out = NULL;
	*frames = 0;
	struct membuf m = { data, len, 0 };
	AVFormatContext *fc = avformat_alloc_context();
	unsigned char *iobuf = av_malloc(16384);
	AVIOContext *io = fc && iobuf ? avio_alloc_context(iobuf, 16384, 0, &m, mem_read, NULL, mem_seek) : NULL;
	AVCodecContext *cc = NULL;
	AVPacket *pkt = av_packet_alloc();
	AVFrame *fr = av_frame_alloc();
	SwrContext *swr = NULL;
	float *o = NULL;
	size_t n = 0, cap = 0;
	int rc = 0, e, si = -1;
	char eb[128];
	if (!io || !pkt || !fr) { if (!io) av_free(iobuf); rc = err_set(ERR_GENERIC, "out of memory decoding the speech"); goto end; }
	fc->pb = io;
	fc->flags |= AVFMT_FLAG_CUSTOM_IO;
	if ((e = avformat_open_input(&fc, NULL, NULL, NULL)) < 0) {
		fc = NULL;      /* freed by avformat_open_input on failure */
		av_strerror(e, eb, sizeof eb);
		rc = err_set(ERR_INPUT, "the speech server's answer is not audio FFmpeg can read (%s; it starts \"%.8s\"); "
		             "set tts.format to what the server sends (wav, mp3, opus, flac)", eb, len ? (const char *)data : "");
		goto end;
	}
	if (avformat_find_stream_info(fc, NULL) < 0 || (si = av_find_best_stream(fc, AVMEDIA_TYPE_AUDIO, -1, -1, NULL, 0)) < 0) {
		rc = err_set(ERR_INPUT, "the speech server's answer (%s) has no audio stream", fc->iformat->name);
		goto end;
	}
	const AVCodec *dec = avcodec_find_decoder(fc->streams[si]->codecpar->codec_id);
	if (!dec || !(cc = avcodec_alloc_context3(dec)) || avcodec_parameters_to_context(cc, fc->streams[si]->codecpar) < 0 ||
	    avcodec_open2(cc, dec, NULL) < 0) {
		rc = err_set(ERR_INPUT, "FFmpeg has no decoder for the speech server's %s audio", avcodec_get_name(fc->streams[si]->codecpar->codec_id));
		goto end;
	}
	int eof = 0;
	while (!eof) {
		if ((e = av_read_frame(fc, pkt)) < 0) { eof = 1; avcodec_send_packet(cc, NULL); }
		else if (pkt->stream_index != si) { av_packet_unref(pkt); continue; }
		else { avcodec_send_packet(cc, pkt); av_packet_unref(pkt); }
		while ((e = avcodec_receive_frame(cc, fr)) >= 0) {
			int r2 = take_frame(&swr, fr, &o, &n, &cap);
			*rate = fr->sample_rate;
			av_frame_unref(fr);
			if (r2 < 0) { rc = err_set(ERR_GENERIC, "libswresample cannot convert the speech server's audio"); goto end; }
		}
	}
	if (!n) { rc = err_set(ERR_INPUT, "the speech server's %s answer decodes to no samples", fc->iformat->name); goto end; }
	*out = o;
	*frames = n;
	o = NULL;
end:
	free(o);
	swr_free(&swr);
	av_frame_free(&fr);
	av_packet_free(&pkt);
	avcodec_free_context(&cc);
	avformat_close_input(&fc);
	if (io) { av_freep(&io->buffer); avio_context_free(&io); }
	return rc;
}
