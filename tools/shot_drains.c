/* tools/shot_drains.c — what encoding every shot with its own libx264 encoder costs.
 *
 *   make build/shot_drains
 *   build/shot_drains DEMO FRAMES one|split [OUTDIR]
 *
 * Decodes the first FRAMES frames of DEMO's episode 1 from its shot segments (in the order
 * of DEMO/cache/shots/ep01.list, untimed) into memory, then encodes them with enc_open's
 * settings on this thread (x264's big buffers pooled, as on the pipe's thread) either
 * through ONE encoder ("one") or through one encoder per shot ("split", as a make does).
 * Prints wall and CPU seconds of the encoding and where the CPU went by how many of the
 * process's threads were runnable (state R in /proc, sampled every 2 ms): CPU spent while
 * at most one thread was runnable is time in which, on an otherwise idle 2-core machine,
 * one core waits. The difference of that figure between "split" and "one" is what the
 * drains and the lookahead refills at the shot boundaries cost, whatever the load on a
 * shared machine (wall time is not: the load stretches it).
 *
 * Measured on the demo ("ancient time-travel, milk tea shop, prince", 1080x1920), its first
 * 1200 frames in 16 shots, five pairs alternated at load 6-14 (the process got 0.5-0.7 of
 * a core, so the wall times say little): CPU with at most one thread runnable, one encoder
 * 4.60 / 4.29 / 4.40 / 4.06 / 3.78 s, one per shot 4.93 / 5.01 / 4.61 / 4.34 / 4.53 s: +0.2
 * to +0.75 s for 15 more boundaries, 0.01-0.05 core-seconds each, 1-3.5 for a 3-minute
 * make's 71 (at most 0.5-1.8 s of wall on an idle machine, less since the drawing runs in
 * those gaps). What the boundaries do cost is system CPU: the last pair, user 20.02 s
 * against 20.12 s, system 1.40 s against 0.75 s, 370,877 minor faults against 39,466:
 * each new encoder faulted in fresh pages for the big buffers that bigpool.c did not keep
 * then (those written in part), 0.04 s a boundary, about 3 s a make; it keeps them since,
 * with their always-written pages (see there: 6.9 -> 4.4 s of system CPU a make; with it,
 * split: 1.02 s system, 52,888 faults). So a second encoder alive at once
 * (libx264 takes about 170 MB at 1080x1920 and a make peaks at 290-297 MB of its 300 MB)
 * would buy at most the 0.5-1.8 s of parallelism and none of the faults. */
#include "encode/encode.h"
#include "core/util.h"

#include <dirent.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>

#define MAX_SEGS 1024
#define MAX_SAMPLES 400000

static uint8_t **frames;
static int nframes, W, H;
static int seg_start[MAX_SEGS], nsegs;   /* first frame of each shot */

static double wall_at[MAX_SAMPLES], cpu_at[MAX_SAMPLES];
static int runnable_at[MAX_SAMPLES], nsamples;
static volatile int stop;

/* user or system CPU seconds of the process so far, and its minor faults */
static void usage_now(double *user, double *sys, long *faults)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	*user = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6;
	*sys = (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
	*faults = ru.ru_minflt;
}

static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

/* The process's threads in state R (running or waiting for a core), this one left out. */
static int runnable(int self)
{
	DIR *d = opendir("/proc/self/task");
	if (!d) return 0;
	struct dirent *de;
	int n = 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || atoi(de->d_name) == self) continue;
		char path[64], buf[512];
		snprintf(path, sizeof path, "/proc/self/task/%s/stat", de->d_name);
		FILE *f = fopen(path, "r");
		if (!f) continue;
		size_t k = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[k] = 0;
		char *q = strrchr(buf, ')');
		if (q && q[1] && q[2] == 'R') n++;
	}
	closedir(d);
	return n;
}

static void *sampler(void *arg)
{
	(void)arg;
	int self = (int)syscall(SYS_gettid);
	while (!stop && nsamples < MAX_SAMPLES) {
		wall_at[nsamples] = now_sec();
		cpu_at[nsamples] = cpu_now();
		runnable_at[nsamples] = runnable(self);
		nsamples++;
		struct timespec t = { 0, 2000000 };
		nanosleep(&t, NULL);
	}
	return NULL;
}

/* Append the frames of one segment file (up to max in all). */
static int load_segment(const char *path, int max)
{
	AVFormatContext *fc = NULL;
	int r = avformat_open_input(&fc, path, NULL, NULL);
	if (r < 0) return err_set(ERR_IO, "cannot open %s", path);
	avformat_find_stream_info(fc, NULL);
	const AVCodec *c = avcodec_find_decoder(fc->streams[0]->codecpar->codec_id);
	AVCodecContext *cc = c ? avcodec_alloc_context3(c) : NULL;
	if (!cc || avcodec_parameters_to_context(cc, fc->streams[0]->codecpar) < 0 || avcodec_open2(cc, c, NULL) < 0) {
		avcodec_free_context(&cc);
		avformat_close_input(&fc);
		return err_set(ERR_GENERIC, "cannot decode %s", path);
	}
	AVPacket *pk = av_packet_alloc();
	AVFrame *fm = av_frame_alloc();
	int start = nframes, eof = 0;
	while (!eof) {
		if (av_read_frame(fc, pk) < 0) {
			avcodec_send_packet(cc, NULL);
			eof = 1;
		} else {
			avcodec_send_packet(cc, pk);
			av_packet_unref(pk);
		}
		while (avcodec_receive_frame(cc, fm) == 0) {
			if (nframes >= max) continue;
			W = fm->width;
			H = fm->height;
			size_t luma = (size_t)W * H;
			uint8_t *b = xmalloc(luma * 3 / 2);
			uint8_t *dst[4] = { b, b + luma, b + luma + luma / 4, NULL };
			int ls[4] = { W, W / 2, W / 2, 0 };
			av_image_copy(dst, ls, (const uint8_t **)fm->data, fm->linesize, AV_PIX_FMT_YUV420P, W, H);
			frames[nframes++] = b;
		}
	}
	if (nframes > start && nsegs < MAX_SEGS) seg_start[nsegs++] = start;
	av_frame_free(&fm);
	av_packet_free(&pk);
	avcodec_free_context(&cc);
	avformat_close_input(&fc);
	return 0;
}

static int load(const char *dir, int max)
{
	char *list = xasprintf("%s/cache/shots/ep01.list", dir);
	FILE *f = fopen(list, "r");
	if (!f) {
		err_set(ERR_IO, "cannot read %s (make the demo first: drama make ... -o %s)", list, dir);
		free(list);
		return ERR_IO;
	}
	free(list);
	frames = xcalloc((size_t)max, sizeof *frames);
	char hash[128];
	int rc = 0;
	while (rc == 0 && nframes < max && fscanf(f, "%127s", hash) == 1) {
		char *seg = xasprintf("%s/cache/shots/%s.mp4", dir, hash);
		rc = load_segment(seg, max);
		free(seg);
	}
	fclose(f);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 4 || (strcmp(argv[3], "one") && strcmp(argv[3], "split")) || atoi(argv[2]) <= 0) {
		fprintf(stderr, "usage: shot_drains DEMO FRAMES one|split [OUTDIR]\n");
		return 2;
	}
	const char *out = argc > 4 ? argv[4] : "/tmp";
	int split = !strcmp(argv[3], "split");
	if (load(argv[1], atoi(argv[2])) < 0) {
		fprintf(stderr, "shot_drains: %s\n", err_msg());
		return 1;
	}
	if (!nframes) {
		fprintf(stderr, "shot_drains: no frames in %s/cache/shots\n", argv[1]);
		return 1;
	}
	fprintf(stderr, "%d frames of %dx%d in %d shots\n", nframes, W, H, nsegs);
	mallopt(M_MMAP_THRESHOLD, 1 << 20);   /* as main.c */
	enc_bigpool_arm(1);                   /* as the pipe's thread */
	struct enc_opts o = ENC_OPTS_INIT;
	o.width = W;
	o.height = H;
	o.video_only = 1;
	pthread_t th;
	pthread_create(&th, NULL, sampler, NULL);
	double w0 = now_sec(), c0 = cpu_now(), t_close = 0, u0, s0, u1, s1;
	long f0, f1;
	usage_now(&u0, &s0, &f0);
	struct encoder *e = NULL;
	int seg = 0, rc = 0;
	for (int i = 0; i <= nframes && rc == 0; i++) {
		int boundary = i == nframes || (seg < nsegs && seg_start[seg] == i);
		if (boundary && i < nframes) seg++;
		if (boundary && (split || i == 0 || i == nframes)) {
			if (e) {
				double t = now_sec();
				rc = enc_close(e, 1);
				t_close += now_sec() - t;
				e = NULL;
			}
			if (rc == 0 && i < nframes) {
				char *path = xasprintf("%s/shot_drains_%s%03d.mp4", out, argv[3], seg);
				rc = enc_open(path, &o, &e);
				free(path);
			}
		}
		if (rc < 0 || i == nframes) break;
		size_t luma = (size_t)W * H;
		const uint8_t *pl[3] = { frames[i], frames[i] + luma, frames[i] + luma + luma / 4 };
		int ls[3] = { W, W / 2, W / 2 };
		rc = enc_video_yuv(e, pl, ls);
	}
	double w1 = now_sec(), c1 = cpu_now();
	usage_now(&u1, &s1, &f1);
	stop = 1;
	pthread_join(th, NULL);
	if (rc < 0) {
		enc_close(e, 0);
		fprintf(stderr, "shot_drains: %s\n", err_msg());
		return 1;
	}
	double cpu_by[5] = { 0 }, wall_by[5] = { 0 };
	for (int k = 1; k < nsamples; k++) {
		int r = runnable_at[k] > 4 ? 4 : runnable_at[k];
		cpu_by[r] += cpu_at[k] - cpu_at[k - 1];
		wall_by[r] += wall_at[k] - wall_at[k - 1];
	}
	printf("%s: %d frames, %d shots, %d encoder(s): wall %.2f s, CPU %.2f s, in enc_close %.2f s\n", argv[3], nframes,
	       nsegs, split ? nsegs : 1, w1 - w0, c1 - c0, t_close);
	printf("  user %.2f s, system %.2f s, %ld minor faults\n", u1 - u0, s1 - s0, f1 - f0);
	printf("  CPU s with 0 / 1 / 2 / 3 / 4+ threads runnable: %.2f / %.2f / %.2f / %.2f / %.2f\n", cpu_by[0], cpu_by[1],
	       cpu_by[2], cpu_by[3], cpu_by[4]);
	printf("  wall s likewise: %.2f / %.2f / %.2f / %.2f / %.2f\n", wall_by[0], wall_by[1], wall_by[2], wall_by[3],
	       wall_by[4]);
	for (int i = 0; i < nframes; i++) free(frames[i]);
	free(frames);
	return 0;
}
