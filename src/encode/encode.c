/* encode/encode.c — the MP4 writer: libx264 yuv420p + AAC, faststart, atomic rename. */
#include "encode/encode.h"
#include "encode/enc_internal.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include <libavutil/opt.h>
#include <libavutil/imgutils.h>
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
#include <x264.h>

struct encoder {
	struct enc_opts o;
	char *path, *part;
	AVFormatContext *fmt;
	AVStream *vst, *ast;
	AVCodecContext *vc, *ac;
	AVFrame *vf, *af;
	AVPacket *pkt;
	SwrContext *swr;
	AVAudioFifo *fifo;
	int64_t vpts, apts;
	int have_frame;
	int own;                /* vf holds its own buffer (else the caller's, see enc_video_send_ref) */
};

int enc_averr(int code, const char *what, const char *path, int averr)
{
	char buf[AV_ERROR_MAX_STRING_SIZE] = "";
	av_strerror(averr, buf, sizeof buf);
	return err_set(code, "%s %s: %s", what, path ? path : "", buf);
}

/* "asm=N": the CPU features libx264 detects, less AVX-512. libx264 0.164's AVX-512
 * macroblock-tree code lets bytes it never wrote reach the output: the same frames gave
 * different files depending on what the heap held before (MALLOC_PERTURB_=85 and =170
 * differ; under load other threads' frees change it, so renders differed run to run,
 * mostly at small sizes). With AVX2 and below the bytes do not depend on it; measured on
 * a 64x112 render: the same speed. "" where x264 finds no AVX-512. */
static const char *x264_asm(char buf[32])
{
	x264_param_t p;
	x264_param_default(&p);              /* p.cpu = what x264 would detect itself */
	if (!(p.cpu & X264_CPU_AVX512)) return "";
	snprintf(buf, 32, "asm=%u", p.cpu & ~X264_CPU_AVX512);
	return buf;
}

void enc_x264_params(const char *preset, int width, int height, char *buf, size_t n)
{
	const char *pr = preset ? preset : "veryfast";
	int la = strcmp(pr, "ultrafast") && strcmp(pr, "superfast");
	char cpu[32];
	/* with a lookahead, it runs on x264's own thread, frames ahead of the frame threads (see below):
	 * on the calling thread (sync-lookahead=0) it was a serial half of x264's work. Measured with it one frame ahead (1),
	 * on the demo's 3-minute 1080x1920 `drama make` (per-thread CPU from /proc, loaded
	 * machine): the encoding thread took 48 s of CPU against 46 s for both frame threads
	 * together. libx264 alone on 600 of our frames (ffmpeg, raw YUV from /dev/shm, veryfast
	 * crf 23, 2 threads, rc-lookahead 5, asm without AVX-512, alternated): 10.3 / 9.8 / 10.0 s
	 * with sync-lookahead=0, 8.4 / 8.2 / 8.5 s with 1, the same CPU, RSS 201 -> 211 MB, the
	 * same bytes. The whole make, alternated with main at nice -20 on the loaded machine:
	 * 96.3 / 96.3 / 102.3 / 95.8 s against 104.3 / 102.8 / 97.5 / 99.5 s (the third pair
	 * with tests running beside), peak 284-293 MB against 281-284 MB, the same MP4 bytes
	 * (cmp). The bytes are the same only without AVX-512 (x264_asm): with it, the two
	 * settings gave different files (its heap-dependent macroblock tree).
	 * Three frames ahead (sync-lookahead=3) since: with one, x264's two frame threads waited
	 * for the lookahead at every mini-GOP. libx264 alone on 600 of our frames (ffmpeg, the
	 * same settings, alternated, loaded machine): 7.7 / 8.5 s with 1, 7.4 / 6.9 s with 2,
	 * 6.0 / 6.1 s with 3, 6.4 / 5.8 s with 4; RSS 210 / 218 / 224 / 231 MB. The full 3-minute
	 * render (`drama render` of the demo, fresh segments, alternated at nice -20, load 7-9):
	 * 85.4 / 86.3 s against 98.2 / 104.6 s with 1, the same MP4 bytes (cmp). Its memory is
	 * paid back by fewer pipe slots and smaller drawing caches (ENC_PIPE_BUDGET, CACHE_BYTES
	 * in art/character.c, PATCH_BUDGET in render/shot.c). */
	snprintf(buf, n, "%s%s%s", la ? "sync-lookahead=3:rc-lookahead=" ENC_LOOKAHEAD_STR : "sync-lookahead=0",
	         x264_asm(cpu)[0] ? ":" : "", x264_asm(cpu));
}

static int open_video(struct encoder *e)
{
	const AVCodec *c = avcodec_find_encoder_by_name("libx264");
	if (!c) return err_set(ERR_GENERIC, "libx264 encoder not available in libavcodec; install libavcodec59 with x264");
	e->vc = avcodec_alloc_context3(c);
	e->vc->width = e->o.width;
	e->vc->height = e->o.height;
	e->vc->pix_fmt = AV_PIX_FMT_YUV420P;
	e->vc->time_base = (AVRational){ 1, e->o.fps };
	e->vc->framerate = (AVRational){ e->o.fps, 1 };
	e->vc->gop_size = 250;
	/* A fixed thread count keeps the bytes identical run to run, at every size: the
	 * differences once seen with frame threads at small sizes (216x384 3 times in 36 runs)
	 * were libx264's AVX-512 bug (see x264_asm); without it, two runs agree
	 * (test encode_frame_threads_same_bytes). */
	e->vc->thread_count = e->o.threads > 0 ? e->o.threads : ENC_THREADS;
	e->vc->flags |= AV_CODEC_FLAG_BITEXACT;
	e->vc->color_range = AVCOL_RANGE_MPEG;
	e->vc->colorspace = AVCOL_SPC_BT709;
	e->vc->color_primaries = AVCOL_PRI_BT709;
	e->vc->color_trc = AVCOL_TRC_BT709;
	if (e->fmt->oformat->flags & AVFMT_GLOBALHEADER) e->vc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	char crf[16];
	snprintf(crf, sizeof crf, "%d", e->o.crf);
	av_opt_set(e->vc->priv_data, "preset", e->o.preset ? e->o.preset : "veryfast", 0);
	av_opt_set(e->vc->priv_data, "crf", crf, 0);
	/* Frame threads (x264's default): ENC_THREADS frames encoded at once. Sliced threads
	 * (each frame split across the threads) wait for each other at every frame, which
	 * costs most when other work shares the cores. The lookahead has a thread of its own
	 * with three frames queued for it (sync-lookahead=3, enc_x264_params).
	 * Measured on 300 of our 1080x1920 frames, veryfast crf 23, 2 threads (ffmpeg CLI,
	 * loaded machine): sliced + rc-lookahead 5: peak RSS 181 MB, 6.1-6.4 s user CPU,
	 * PSNR 46.59 dB, SSIM 0.99631; frame threads + rc-lookahead 5 + sync-lookahead 0:
	 * 202 MB, 6.7 s, 46.52 dB, 0.99626 (x264's own lookahead thread: 232 MB, same bytes).
	 * The frame-type/rate-control lookahead holds that many whole frames with their
	 * quarter-size copies (about 6.8 MB each at 1080x1920). Capped at ENC_LOOKAHEAD
	 * (veryfast's own is 10; ultrafast and superfast have none): 266 -> 232 MB, file
	 * -8%, PSNR 47.47 -> 46.52 dB. ENC_X264_CONFIG names these settings for the
	 * segment cache's hash.
	 * At every size: a whole 3-minute 1080x1920 `drama make` with frame threads peaked at
	 * 302-306 MB (/usr/bin/time) until the render gave back the earlier stages' file
	 * pages, drew transitions in bands and let x264 read the pipe's slots (render.c,
	 * pipe.c): then 266 MB (302.5 MB before, same machine and hour; sliced threads had
	 * been 278-285 MB). */
	char params[128];
	enc_x264_params(e->o.preset, e->o.width, e->o.height, params, sizeof params);
	if (params[0]) av_opt_set(e->vc->priv_data, "x264-params", params, 0);
	int r = avcodec_open2(e->vc, c, NULL);
	if (r < 0) return enc_averr(ERR_GENERIC, "cannot open libx264 (check preset/crf) for", e->path, r);
	e->vst = avformat_new_stream(e->fmt, NULL);
	e->vst->time_base = e->vc->time_base;
	e->vst->avg_frame_rate = e->vc->framerate;
	avcodec_parameters_from_context(e->vst->codecpar, e->vc);
	e->vf = av_frame_alloc();     /* its picture: own_frame or enc_video_send_ref */
	return 0;
}

static void frame_shape(struct encoder *e)
{
	e->vf->format = AV_PIX_FMT_YUV420P;
	e->vf->width = e->o.width;
	e->vf->height = e->o.height;
}

/* vf with a picture of its own, writable (allocated on first use: the encoding thread's
 * frames come in the pipe's buffers, 3.1 MB at 1080x1920 not copied). */
static int own_frame(struct encoder *e)
{
	if (!e->own) {
		av_frame_unref(e->vf);
		frame_shape(e);
		if (av_frame_get_buffer(e->vf, 0) < 0) return err_set(ERR_GENERIC, "out of memory for a video frame");
		e->own = 1;
	}
	if (av_frame_make_writable(e->vf) < 0) return err_set(ERR_GENERIC, "out of memory for a video frame");
	return 0;
}

int enc_audio_codec_open(AVFormatContext *fmt, int rate, AVCodecContext **acp, AVStream **astp, const char *path)
{
	const AVCodec *c = avcodec_find_encoder(AV_CODEC_ID_AAC);
	if (!c) return err_set(ERR_GENERIC, "no AAC encoder in libavcodec");
	AVCodecContext *ac = avcodec_alloc_context3(c);
	*acp = ac;
	ac->sample_fmt = AV_SAMPLE_FMT_FLTP;
	ac->sample_rate = rate;
	ac->bit_rate = 160000;
	av_channel_layout_default(&ac->ch_layout, 2);
	ac->time_base = (AVRational){ 1, rate };
	ac->flags |= AV_CODEC_FLAG_BITEXACT;
	if (fmt->oformat->flags & AVFMT_GLOBALHEADER) ac->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
	/* The "fast" coder: the episode's 185 s of sound took 12.0 s with the default
	 * two-loop search and 4.3 s with this (ffmpeg -c:a aac -b:a 192k on the demo mix),
	 * a sixth of `drama make`'s time over libx264's; at 160 kb/s its difference from the
	 * input was no larger (sox difference RMS 0.0020 against 0.0041). */
	av_opt_set(ac->priv_data, "aac_coder", "fast", 0);
	int r = avcodec_open2(ac, c, NULL);
	if (r < 0) return enc_averr(ERR_GENERIC, "cannot open the AAC encoder for", path, r);
	AVStream *st = avformat_new_stream(fmt, NULL);
	st->time_base = ac->time_base;
	avcodec_parameters_from_context(st->codecpar, ac);
	*astp = st;
	return 0;
}

int enc_write_header(AVFormatContext *fmt, const char *part)
{
	int r = avio_open(&fmt->pb, part, AVIO_FLAG_WRITE);
	if (r < 0) return enc_averr(ERR_IO, "cannot write", part, r);
	fmt->flags |= AVFMT_FLAG_BITEXACT;
	AVDictionary *opt = NULL;
	av_dict_set(&opt, "movflags", "+faststart", 0);
	r = avformat_write_header(fmt, &opt);
	av_dict_free(&opt);
	if (r < 0) return enc_averr(ERR_IO, "cannot write the MP4 header of", part, r);
	return 0;
}

int enc_open(const char *path, const struct enc_opts *o, struct encoder **out)
{
	*out = NULL;
	if (o->width <= 0 || o->height <= 0 || (o->width & 1) || (o->height & 1) || o->fps <= 0)
		return err_set(ERR_INPUT, "video size %dx%d at %d fps is not valid; width and height must be even",
		               o->width, o->height, o->fps);
	if (av_log_get_level() > AV_LOG_ERROR) av_log_set_level(AV_LOG_ERROR);
	/* libx264 rounds each large buffer up to whole 2 MB pages and asks for transparent
	 * huge pages (madvise), which are resident whole: opting this process out kept
	 * x264's speed (ffmpeg, 200 frames 1080x1920: 6.6/6.4 s with, 6.7/6.3 s without) and
	 * lowered peak memory (ffmpeg -8 MB; a drama render -7 to -12 MB). */
#ifdef PR_SET_THP_DISABLE
	prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
#endif
	struct encoder *e = xcalloc(1, sizeof *e);
	e->o = *o;
	e->o.preset = NULL;
	if (!e->o.sample_rate) e->o.sample_rate = 48000;
	e->path = xstrdup(path);
	e->part = xasprintf("%s.part", path);
	int rc = avformat_alloc_output_context2(&e->fmt, NULL, "mp4", e->part);
	if (rc < 0 || !e->fmt) { rc = enc_averr(ERR_GENERIC, "cannot create an MP4 muxer for", path, rc); goto fail; }
	e->o.preset = o->preset;
	rc = open_video(e);
	e->o.preset = NULL;
	if (rc < 0) goto fail;
	if (!o->video_only) {
		if ((rc = enc_audio_codec_open(e->fmt, e->o.sample_rate, &e->ac, &e->ast, path)) < 0) goto fail;
		e->fifo = av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, 2, e->ac->frame_size * 4);
		e->af = av_frame_alloc();
		e->af->format = AV_SAMPLE_FMT_FLTP;
		e->af->nb_samples = e->ac->frame_size;
		av_channel_layout_copy(&e->af->ch_layout, &e->ac->ch_layout);
		e->af->sample_rate = e->o.sample_rate;
		av_frame_get_buffer(e->af, 0);
		AVChannelLayout st = AV_CHANNEL_LAYOUT_STEREO;
		rc = swr_alloc_set_opts2(&e->swr, &st, AV_SAMPLE_FMT_FLTP, e->o.sample_rate,
		                         &st, AV_SAMPLE_FMT_FLT, e->o.sample_rate, 0, NULL);
		if (rc < 0 || swr_init(e->swr) < 0) { rc = err_set(ERR_GENERIC, "cannot set up libswresample"); goto fail; }
	}
	if ((rc = enc_write_header(e->fmt, e->part)) < 0) goto fail;
	e->pkt = av_packet_alloc();
	*out = e;
	return 0;
fail:
	enc_close(e, 0);
	return rc < 0 ? rc : ERR_GENERIC;
}

/* Send frame (NULL = flush) and write every packet the codec gives back. */
static int drain(struct encoder *e, AVCodecContext *c, AVStream *st, AVFrame *f)
{
	int r = avcodec_send_frame(c, f);
	if (r < 0) return enc_averr(ERR_GENERIC, "encoding failed for", e->path, r);
	for (;;) {
		r = avcodec_receive_packet(c, e->pkt);
		if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return 0;
		if (r < 0) return enc_averr(ERR_GENERIC, "encoding failed for", e->path, r);
		if (c == e->vc) e->pkt->duration = 1;
		else if (!e->pkt->duration) e->pkt->duration = c->frame_size;
		av_packet_rescale_ts(e->pkt, c->time_base, st->time_base);
		e->pkt->stream_index = st->index;
		r = av_interleaved_write_frame(e->fmt, e->pkt);
		if (r < 0) return enc_averr(ERR_IO, "cannot write", e->part, r);
	}
}

static int send_video(struct encoder *e)
{
	e->vf->pts = e->vpts++;
	e->have_frame = 1;
	return drain(e, e->vc, e->vst, e->vf);
}

/* Opaque BGRA (cairo ARGB32 in memory) to BT.709 limited-range YUV 4:2:0, chroma from
 * the mean of each 2x2 block; black is 16/128/128, white 235/128/128. 8-bit
 * coefficients (luma within 1 level of 16.16 fixed point). One pass over each row
 * pair: a pixel is one 32-bit load, split with shifts and masks, which gcc vectorises
 * (AVX2 where the CPU has it, picked at load time). 1080x1920, CPU time per frame:
 * 2.0 ms before (16-bit lanes, three passes, -O3), 1.4 ms with AVX2; with an AVX-512
 * clone (x86-64-v4, picked where the CPU has it) 0.9 ms (1.40-1.56 -> 0.86-0.99 ms, a
 * loop of 200 conversions, thread CPU time, same output hash). The bytes are the same
 * (enc_bgra_to_yuv420_ref in the tests, the former code). */
static inline uint32_t bgra_at(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

static inline uint8_t luma_of(uint32_t a)
{
	return (uint8_t)((16 * (a & 255) + 157 * ((a >> 8) & 255) + 47 * ((a >> 16) & 255) + 4224) >> 8);
}

/* Cb, Cr of a block's mean B, G, R: 128 + (..) / 256 rounded, within +-112 * 255 */
static inline void chroma_of(int B, int G, int R, uint8_t *u, uint8_t *v)
{
	*u = (uint8_t)(((-26 * R - 86 * G + 112 * B + 128) >> 8) + 128);
	*v = (uint8_t)(((112 * R - 102 * G - 10 * B + 128) >> 8) + 128);
}

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((optimize("O3"), target_clones("arch=x86-64-v4", "avx2", "default")))
#endif
void enc_bgra_to_yuv420(const uint8_t *restrict src, int stride, int w, int h, uint8_t *restrict py, int ly,
                        uint8_t *restrict pu, int lu, uint8_t *restrict pv, int lv)
{
	for (int y = 0; y < h; y += 2) {
		const uint8_t *r0 = src + (size_t)y * stride, *r1 = y + 1 < h ? r0 + stride : r0;
		uint8_t *y0 = py + (size_t)y * ly, *y1 = y + 1 < h ? y0 + ly : y0;
		uint8_t *u = pu + (size_t)(y / 2) * lu, *v = pv + (size_t)(y / 2) * lv;
		for (int x = 0; x < w / 2; x++) {
			uint32_t a0 = bgra_at(r0 + 8 * x), a1 = bgra_at(r0 + 8 * x + 4);
			uint32_t b0 = bgra_at(r1 + 8 * x), b1 = bgra_at(r1 + 8 * x + 4);
			y0[2 * x] = luma_of(a0);        /* with an odd h, row 1 is row 0 again */
			y0[2 * x + 1] = luma_of(a1);
			y1[2 * x] = luma_of(b0);
			y1[2 * x + 1] = luma_of(b1);
			int B = (int)(((a0 & 255) + (a1 & 255) + (b0 & 255) + (b1 & 255) + 2) >> 2);
			int G = (int)((((a0 >> 8) & 255) + ((a1 >> 8) & 255) + ((b0 >> 8) & 255) + ((b1 >> 8) & 255) + 2) >> 2);
			int R = (int)((((a0 >> 16) & 255) + ((a1 >> 16) & 255) + ((b0 >> 16) & 255) + ((b1 >> 16) & 255) + 2) >> 2);
			chroma_of(B, G, R, &u[x], &v[x]);
		}
		if (w & 1) {                    /* odd width: the last column's 1x2 mean */
			uint32_t a = bgra_at(r0 + 4 * (w - 1)), b = bgra_at(r1 + 4 * (w - 1));
			y0[w - 1] = luma_of(a);
			y1[w - 1] = luma_of(b);
			int B = (int)(((a & 255) + (b & 255) + 1) >> 1), G = (int)((((a >> 8) & 255) + ((b >> 8) & 255) + 1) >> 1),
			    R = (int)((((a >> 16) & 255) + ((b >> 16) & 255) + 1) >> 1);
			chroma_of(B, G, R, &u[w / 2], &v[w / 2]);
		}
	}
}

int enc_video_send_ref(struct encoder *e, AVBufferRef *buf, uint8_t *const planes[3], const int strides[3])
{
	av_frame_unref(e->vf);       /* the previous picture's buffer goes back to its owner */
	e->own = 0;
	frame_shape(e);
	e->vf->buf[0] = buf;
	for (int i = 0; i < 3; i++) {
		e->vf->data[i] = planes[i];
		e->vf->linesize[i] = strides[i];
	}
	return send_video(e);
}

int enc_video_bgra(struct encoder *e, const uint8_t *bgra, int stride)
{
	if (own_frame(e) < 0) return ERR_GENERIC;
	enc_bgra_to_yuv420(bgra, stride, e->o.width, e->o.height, e->vf->data[0], e->vf->linesize[0], e->vf->data[1],
	                   e->vf->linesize[1], e->vf->data[2], e->vf->linesize[2]);
	return send_video(e);
}

int enc_video_yuv(struct encoder *e, const uint8_t *const planes[3], const int strides[3])
{
	if (own_frame(e) < 0) return ERR_GENERIC;
	const uint8_t *src[4] = { planes[0], planes[1], planes[2], NULL };
	int ss[4] = { strides[0], strides[1], strides[2], 0 };
	av_image_copy(e->vf->data, e->vf->linesize, src, ss, AV_PIX_FMT_YUV420P, e->o.width, e->o.height);
	return send_video(e);
}

int enc_video_repeat(struct encoder *e)
{
	if (!e->have_frame) {
		/* Nothing before: a black frame. */
		if (own_frame(e) < 0) return ERR_GENERIC;
		memset(e->vf->data[0], 16, (size_t)e->vf->linesize[0] * e->o.height);
		memset(e->vf->data[1], 128, (size_t)e->vf->linesize[1] * (e->o.height / 2));
		memset(e->vf->data[2], 128, (size_t)e->vf->linesize[2] * (e->o.height / 2));
	}
	return send_video(e);
}

/* Encode whole AAC frames from the FIFO; pad the last one with silence when flushing. */
static int audio_pump(struct encoder *e, int flush)
{
	int fs = e->ac->frame_size;
	while (av_audio_fifo_size(e->fifo) >= fs || (flush && av_audio_fifo_size(e->fifo) > 0)) {
		if (av_frame_make_writable(e->af) < 0) return err_set(ERR_GENERIC, "out of memory for audio");
		int n = av_audio_fifo_read(e->fifo, (void **)e->af->data, fs);
		for (int ch = 0; ch < 2 && n < fs; ch++) memset((float *)e->af->data[ch] + n, 0, (size_t)(fs - n) * sizeof(float));
		e->af->nb_samples = fs;
		e->af->pts = e->apts;
		e->apts += fs;
		int r = drain(e, e->ac, e->ast, e->af);
		if (r < 0) return r;
	}
	return 0;
}

int enc_audio(struct encoder *e, const float *lr, size_t frames)
{
	if (!e->ac) return err_set(ERR_INPUT, "%s was opened video-only; it takes no audio", e->path);
	size_t chunk = 4096;
	float *tmp[2] = { xmalloc(chunk * sizeof(float)), xmalloc(chunk * sizeof(float)) };
	int rc = 0;
	for (size_t off = 0; off < frames && rc == 0; off += chunk) {
		size_t n = frames - off < chunk ? frames - off : chunk;
		const uint8_t *in[1] = { (const uint8_t *)(lr + off * 2) };
		int got = swr_convert(e->swr, (uint8_t **)tmp, (int)chunk, in, (int)n);
		if (got < 0) { rc = err_set(ERR_GENERIC, "audio conversion failed for %s", e->path); break; }
		av_audio_fifo_write(e->fifo, (void **)tmp, got);
		rc = audio_pump(e, 0);
	}
	free(tmp[0]);
	free(tmp[1]);
	return rc;
}

int enc_close(struct encoder *e, int ok)
{
	if (!e) return 0;
	int rc = 0;
	if (ok && e->fmt && e->fmt->pb) {
		if (e->vc) rc = drain(e, e->vc, e->vst, NULL);
		if (rc == 0 && e->ac) {
			rc = audio_pump(e, 1);
			if (rc == 0) rc = drain(e, e->ac, e->ast, NULL);
		}
		if (rc == 0) {
			int r = av_write_trailer(e->fmt);
			if (r < 0) rc = enc_averr(ERR_IO, "cannot finish", e->part, r);
		}
	}
	if (e->fmt && e->fmt->pb) avio_closep(&e->fmt->pb);
	if (ok && rc == 0) {
		if (rename(e->part, e->path) < 0) rc = err_set(ERR_IO, "cannot rename %s to %s", e->part, e->path);
	} else if (e->part) {
		remove(e->part);
	}
	avcodec_free_context(&e->vc);
	avcodec_free_context(&e->ac);
	av_frame_free(&e->vf);
	av_frame_free(&e->af);
	av_packet_free(&e->pkt);
	swr_free(&e->swr);
	if (e->fifo) av_audio_fifo_free(e->fifo);
	avformat_free_context(e->fmt);
	free(e->path);
	free(e->part);
	free(e);
	if (!ok) return 0;
	return rc;
}
