/* bench/bench_clip.c — the clip reader (src/render/clip.c) on a Wan-sized clip (480x832
 * VP9 WebM at 16 fps, as ComfyUI's SaveWEBM writes it; made by ffmpeg's testsrc2) for a
 * 1080x1920 shot at 30 fps: time per output frame and per converted clip picture, and
 * the peak memory the reader adds for a 5 s and a 50 s clip (flat: streamed decode). */
#include "bench.h"
#include "render/clip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *make_clip(double sec)
{
	char *path = xasprintf("%s/clip_%g.webm", bench_tmpdir(), sec);
	char *cmd = xasprintf("ffmpeg -v error -y -f lavfi -i testsrc2=size=480x832:rate=16 -t %g -c:v libvpx-vp9 -crf 32 "
	                      "-b:v 0 -deadline realtime -cpu-used 8 %s", sec, path);
	int st = system(cmd);
	free(cmd);
	if (st != 0) { free(path); return NULL; }
	return path;
}

/* The shot's frames through rclip_picture: seconds, output frames, clip pictures converted. */
static int walk(const char *path, double sec, double *secs, int *frames, int *pictures)
{
	struct rclip *k = NULL;
	double t0 = bench_now();
	if (rclip_open(path, 1080, 1920, NULL, &k) < 0) return -1;
	*frames = (int)(sec * 30);
	*pictures = 0;
	for (int i = 0; i < *frames; i++) {
		cairo_surface_t *img;
		int ch;
		if (rclip_picture(k, i / 30.0, &img, &ch) < 0) { rclip_free(k); return -1; }
		*pictures += ch;
	}
	rclip_free(k);
	*secs = bench_now() - t0;
	return 0;
}

/* kB of one /proc/self/status field */
static long status_kb(const char *field)
{
	char *txt = NULL;
	size_t n = 0;
	long v = -1;
	if (file_read_all("/proc/self/status", &txt, &n) == 0) {
		const char *p = strstr(txt, field);
		if (p) v = strtol(p + strlen(field) + 1, NULL, 10);
	}
	free(txt);
	return v;
}

/* MB the walk adds to the resident peak, measured in a forked child. */
static double walk_peak_mb(const char *path, double sec)
{
	int fd[2];
	if (pipe(fd) < 0) return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(fd[0]);
		long before = status_kb("VmRSS:");
		double s;
		int f, p;
		double mb = walk(path, sec, &s, &f, &p) == 0 ? (status_kb("VmHWM:") - before) / 1024.0 : -1;
		if (write(fd[1], &mb, sizeof mb) != sizeof mb) _exit(1);
		_exit(0);
	}
	close(fd[1]);
	double mb = -1;
	if (read(fd[0], &mb, sizeof mb) != sizeof mb) mb = -1;
	close(fd[0]);
	waitpid(pid, NULL, 0);
	return mb;
}

BENCH(clip_wan_480x832_to_1080x1920)
{
	char *five = make_clip(5.0), *fifty = make_clip(50.0);
	if (!five || !fifty) {
		printf("  (skipped: ffmpeg with libvpx-vp9 is needed to make the clip)\n");
		free(five); free(fifty);
		return;
	}
	double s;
	int frames, pictures;
	if (walk(five, 5.0, &s, &frames, &pictures) == 0) {
		bench_report("clip shot: time per output frame", s * 1000 / frames, "ms",
		             "5 s 480x832 VP9 clip, 150 frames at 30 fps, decode + bicubic fill to 1080x1920 BGR0");
		bench_report("clip shot: time per clip picture", s * 1000 / pictures, "ms", "80 pictures decoded and converted");
	}
	bench_report("clip reader peak memory, 5 s clip", walk_peak_mb(five, 5.0), "MB", "VmHWM - VmRSS before, forked child");
	bench_report("clip reader peak memory, 50 s clip", walk_peak_mb(fifty, 50.0), "MB", "same; flat = streamed");
	free(five);
	free(fifty);
}
