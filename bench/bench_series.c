/* bench/bench_series.c — series throughput on this machine: a 6-episode series written
 * and designed once, then its voice, music and render made twice from copies of that
 * folder, `drama make ... --jobs 1` (one episode after another) and `--jobs 2`
 * (two episode processes side by side). Prints minutes of finished video per wall-clock
 * hour for each and their ratio (target: --jobs 2 >= 1.6x), and whether every episode
 * came out byte-identical. Size: 540x960, 1-minute episodes by default (the full
 * 1080x1920, 3-minute series takes about 15 minutes here); DRAMA_BENCH_SERIES=WxH:MINUTES
 * sets another, e.g. 1080x1920:3.
 *
 * Beside the wall times it prints the CPU time (user+sys of the make and everything it
 * ran) and the load average before each run: on a shared machine the wall times mean
 * little alone. "cores used" = CPU / wall; the ratio's ceiling on this machine is the
 * sequential wall over the --jobs CPU spread on every core (what --jobs 2 would give if
 * it kept both cores busy all the time and no one else ran). "extra CPU" is what running
 * two episodes side by side costs beyond the same work one after another, with the
 * involuntary context switches of each run (threads preempted while runnable). */
#include "bench.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define KW "'milk tea shop, prince'"
#define EPISODES 6

static int sh(const char *cmd)
{
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* CPU seconds (user+sys) of the children waited for so far; their involuntary context
 * switches (preempted while runnable: more runnable threads than cores) into *preempt. */
static double children_cpu(double *preempt)
{
	struct rusage ru;
	getrusage(RUSAGE_CHILDREN, &ru);
	*preempt = (double)ru.ru_nivcsw;
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 + (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
}

static double load1(void)
{
	double l[1] = { -1 };
	getloadavg(l, 1);
	return l[0];
}

/* Seconds of video in the series' MP4s (ffprobe), 0 if unreadable. */
static double video_seconds(const char *dir)
{
	double total = 0;
	for (int e = 1; e <= EPISODES; e++) {
		char *cmd = xasprintf("ffprobe -v error -show_entries format=duration -of csv=p=0 '%s/ep%02d.mp4'", dir, e);
		FILE *f = popen(cmd, "r");
		double d = 0;
		if (f && fscanf(f, "%lf", &d) == 1) total += d;
		if (f) pclose(f);
		free(cmd);
	}
	return total;
}

BENCH(series)
{
	const char *env = getenv("DRAMA_BENCH_SERIES");
	char size[32] = "540x960";
	double minutes = 1;
	if (env && sscanf(env, "%31[0-9x]:%lf", size, &minutes) != 2) {
		fprintf(stderr, "bench_series: DRAMA_BENCH_SERIES=%s: write WxH:MINUTES, like 1080x1920:3\n", env);
		return;
	}
	const char *bin = bench_drama_bin(), *tmp = bench_tmpdir();
	char *args = xasprintf(KW " --episodes %d --size %s --minutes %g", EPISODES, size, minutes);
	/* the shared stages once; the copies start with the designs and no voices, music or shots */
	char *cmd = xasprintf("cd '%s' && rm -rf base seq par && DRAMA_NO_BAR=1 '%s' script base %s -q && "
	                      "DRAMA_NO_BAR=1 '%s' design base -q >/dev/null && cp -a base seq && cp -a base par",
	                      tmp, bin, args, bin);
	int rc = sh(cmd);
	free(cmd);
	if (rc != 0) { fprintf(stderr, "bench_series: making the shared stages failed\n"); free(args); return; }
	double wall[2], cpu[2], load[2], preempt[2];
	static const char *const dirs[2] = { "seq", "par" };
	for (int k = 0; k < 2; k++) {
		cmd = xasprintf("cd '%s' && DRAMA_NO_BAR=1 '%s' make %s -o %s --jobs %d -q >/dev/null", tmp, bin, args, dirs[k], k + 1);
		load[k] = load1();
		double p0 = 0, p1 = 0, t0 = bench_now(), c0 = children_cpu(&p0);
		rc = sh(cmd);
		wall[k] = bench_now() - t0;
		cpu[k] = children_cpu(&p1) - c0;
		preempt[k] = p1 - p0;
		free(cmd);
		if (rc != 0) { fprintf(stderr, "bench_series: make --jobs %d failed\n", k + 1); free(args); return; }
	}
	char *seq = path_join(tmp, "seq"), *par = path_join(tmp, "par");
	double video = video_seconds(seq) / 60.0;
	int same = 1;
	for (int e = 1; e <= EPISODES; e++) {
		cmd = xasprintf("cmp -s '%s/ep%02d.mp4' '%s/ep%02d.mp4'", seq, e, par, e);
		if (sh(cmd) != 0) same = 0;
		free(cmd);
	}
	char how[256];
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	snprintf(how, sizeof how, "%d episodes of %s, %g min each: %.1f min of video in %.1f s wall, %.1f s CPU, "
	         "%.2f cores used, load %.1f before (voice, music, render)", EPISODES, size, minutes, video, wall[0], cpu[0],
	         cpu[0] / wall[0], load[0]);
	bench_report("series: --jobs 1", video / (wall[0] / 3600.0), "video min/hour", how);
	snprintf(how, sizeof how, "the same from a copy of the designed folder: %.1f s wall, %.1f s CPU, %.2f cores used, "
	         "load %.1f before", wall[1], cpu[1], cpu[1] / wall[1], load[1]);
	bench_report("series: --jobs 2", video / (wall[1] / 3600.0), "video min/hour", how);
	bench_report("series: --jobs 2 / --jobs 1", wall[0] / wall[1], "x", "target 1.6x");
	snprintf(how, sizeof how, "--jobs 1 wall / (--jobs 2 CPU / %ld cores): the most --jobs 2 can give here", cores);
	bench_report("series: ratio ceiling", wall[0] / (cpu[1] / (double)(cores > 0 ? cores : 1)), "x", how);
	/* the CPU --jobs 2 spends beyond the same work done one episode at a time: two episode
	 * processes' draw, pipe and x264 threads share the cores (and the caches, memory bus) */
	snprintf(how, sizeof how, "(--jobs 2 CPU - --jobs 1 CPU) / --jobs 1 CPU: %+.1f s; involuntary context switches "
	         "%.0f (--jobs 1) vs %.0f (--jobs 2)", cpu[1] - cpu[0], preempt[0], preempt[1]);
	bench_report("series: --jobs 2 extra CPU", 100.0 * (cpu[1] - cpu[0]) / cpu[0], "%", how);
	bench_report("series: episodes byte-identical", same, "(1 = yes)", "cmp of every epNN.mp4, --jobs 2 against --jobs 1");
	free(seq);
	free(par);
	free(args);
}
