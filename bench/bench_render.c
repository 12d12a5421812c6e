/* bench/bench_render.c — where the render time goes, through the real CLI:
 *   1. `drama make` of the default 3-minute 1080x1920 30 fps episode (wall, CPU, peak RSS);
 *   2. the baseline: libx264 alone with its default (frame) threading for the preset, same
 *      preset and CRF, on the same frames: our MP4 is decoded to raw YUV in chunks (not
 *      timed) and each chunk is encoded by ffmpeg's libx264 (timed);
 *   3. rounds alternate (make, baseline, make, baseline) so that the machine's drift in
 *      speed (other jobs share its 2 cores) cancels; the ratio is the makes' mean over
 *      the baselines' mean (target <= 1.15); the two makes' MP4s must be byte-identical;
 *   4. the quality check: the first chunk encoded with our settings and with the earlier
 *      ones (sliced threads), PSNR/SSIM against the decoded frames (within 0.1 dB);
 *   5. a one-line edit of storyboard.json and the rerun (target <= 4% of the full make; wall
 *      and CPU), its MP4 against the same project's made with no sound cached (identical),
 *      and a no-op edit (storyboard saved unchanged; target < 1 s);
 *   6. a 10-minute episode's peak RSS (target: about the same as 3 minutes, <= 300 MB);
 *   7. the same for --preview (target <= 12 s), plus the render alone (`drama render DIR
 *      --preview` with the voices and music cached, twice) and the CPU time of each
 *      figure and the load average, since the machine is shared.
 * Figures are printed with the command that measured them, never enforced. */
#include "bench.h"
#include "core/util.h"
#include "core/model.h"
#include "encode/encode.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KEYWORDS "ancient time-travel, milk tea shop, prince"
#define CHUNK 600

/* Run cmd under /usr/bin/time; wall seconds, peak RSS (MB) and, if cpu is not NULL,
 * user + system CPU seconds. Returns the exit status. */
static int timed_cpu(const char *cmd, double *sec, double *rss_mb, double *cpu)
{
	char *tf = xasprintf("%s/time.txt", bench_tmpdir());
	char *full = xasprintf("/usr/bin/time -f '%%e %%M %%U %%S' -o %s sh -c '%s' >/dev/null 2>>%s/log.txt", tf, cmd,
	                       bench_tmpdir());
	double t0 = bench_now();
	int st = system(full);
	*sec = bench_now() - t0;
	*rss_mb = 0;
	if (cpu) *cpu = 0;
	FILE *f = fopen(tf, "r");
	if (f) {
		double e, u, sy;
		long kb;
		char line[256];
		while (fgets(line, sizeof line, f))
			if (sscanf(line, "%lf %ld %lf %lf", &e, &kb, &u, &sy) == 4) {
				*rss_mb = kb / 1024.0;
				if (cpu) *cpu = u + sy;
			}
		fclose(f);
	}
	if (st != 0) fprintf(stderr, "bench: `%s` failed (status %d); see %s/log.txt\n", cmd, st, bench_tmpdir());
	free(tf);
	free(full);
	return st;
}

static int timed(const char *cmd, double *sec, double *rss_mb) { return timed_cpu(cmd, sec, rss_mb, NULL); }

/* Change the text of the n-th spoken line in DIR/storyboard.json; nth < 0: save it
 * unchanged (a no-op edit: the file is newer, its content the same). */
static int edit_line(const char *dir, int nth)
{
	char *path = path_join(dir, "storyboard.json");
	struct series *s = NULL;
	int rc = series_load(path, &s), k = 0;
	for (size_t e = 0; rc == 0 && nth >= 0 && e < s->n_eps; e++)
		for (size_t i = 0; i < s->eps[e].n_scenes; i++)
			for (size_t j = 0; j < s->eps[e].scenes[i].n_shots; j++) {
				struct line *l = s->eps[e].scenes[i].shots[j].line;
				if (!l || !l->text || k++ != nth) continue;
				char *t = xasprintf("%s Really.", l->text);
				free(l->text);
				l->text = t;
			}
	if (rc == 0) {
		sleep(1);            /* file times are coarse: an edit in the same tick is not newer */
		rc = series_save(s, path);
	}
	series_free(s);
	free(path);
	return rc;
}

/* From a make's messages in path: segments drawn and reused, frames drawn and repeated
 * (the render's "episode N: ..." line); 0, or -1 if it is not there. */
static int drawn_of(const char *path, long v[4])
{
	char *txt = NULL;
	size_t n = 0;
	int rc = -1;
	if (file_read_all(path, &txt, &n) == 0) {
		const char *q = strstr(txt, " segments drawn, ");
		while (q && q > txt && q[-1] >= '0' && q[-1] <= '9') q--;
		if (q && sscanf(q, "%ld segments drawn, %ld reused from cache; %ld frames drawn, %ld repeated", &v[0], &v[1],
		                &v[2], &v[3]) == 4)
			rc = 0;
	}
	free(txt);
	return rc;
}

/* A copy of the data folder with the subtitle fill colour changed (a subtitle-style
 * edit); its path, or NULL. The caller frees. */
static char *data_with_subtitle_edit(void)
{
	char *style = data_path("render/style.json"), *dir = xasprintf("%s/data-style", bench_tmpdir());
	char *slash = strrchr(style, '/');
	if (slash) *slash = 0;             /* .../data/render */
	slash = strrchr(style, '/');
	if (slash) *slash = 0;             /* .../data */
	char *cmd = xasprintf("rm -rf %s && cp -r %s %s && sed -i '0,/\"fill\": \"#FFFFFF\"/s//\"fill\": \"#FFFFE0\"/' "
	                      "%s/render/style.json && grep -q FFFFE0 %s/render/style.json", dir, style, dir, dir, dir);
	if (system(cmd) != 0) {
		fprintf(stderr, "bench: `%s` failed\n", cmd);
		free(dir);
		dir = NULL;
	}
	free(cmd);
	free(style);
	return dir;
}

/* PSNR (dB, average) and SSIM (All) of mp4 against the raw YUV it was made from. */
static int quality(const char *mp4, const char *raw, int w, int h, int fps, double *psnr, double *ssim)
{
	char *out = xasprintf("%s/quality.txt", bench_tmpdir());
	char *cmd = xasprintf("ffmpeg -v info -nostats -i %s -f rawvideo -pix_fmt yuv420p -s %dx%d -r %d -i %s "
	                      "-lavfi \"[0:v]split[a][b];[1:v]split[c][d];[a][c]psnr;[b][d]ssim\" -f null - 2>%s",
	                      mp4, w, h, fps, raw, out);
	int st = system(cmd);
	*psnr = *ssim = -1;
	char *txt = NULL;
	size_t n = 0;
	if (st == 0 && file_read_all(out, &txt, &n) == 0) {
		const char *p = strstr(txt, "average:"), *q = strstr(txt, "All:");
		if (p) *psnr = atof(p + 8);
		if (q) *ssim = atof(q + 4);
	}
	free(txt);
	free(cmd);
	free(out);
	return *psnr > 0 && *ssim > 0 ? 0 : -1;
}

/* The first chunk encoded with our settings and with the earlier ones (sliced threads,
 * the same lookahead cap), each compared with the decoded frames. */
static void quality_check(const char *label, const char *raw, int w, int h, int fps, const char *preset)
{
	char ours[128], name[160];
	enc_x264_params(preset, w, h, ours, sizeof ours);
	const char *what[2] = { "ours", "earlier (sliced threads)" };
	char *params[2] = { xstrdup(ours), strstr(ours, "sliced") ? xstrdup(ours) : xasprintf("sliced-threads=1:%s", ours) };
	double psnr[2], ssim[2];
	int ok = 1;
	for (int i = 0; i < 2 && ok; i++) {
		char *mp4 = xasprintf("%s/q%d.mp4", bench_tmpdir(), i);
		char *cmd = xasprintf("ffmpeg -v error -y -f rawvideo -pix_fmt yuv420p -s %dx%d -r %d -i %s -c:v libx264 "
		                      "-preset %s -crf 23 -threads %d -x264-params %s %s",
		                      w, h, fps, raw, preset, ENC_THREADS, params[i], mp4);
		double s, rss;
		ok = timed(cmd, &s, &rss) == 0 && quality(mp4, raw, w, h, fps, &psnr[i], &ssim[i]) == 0;
		if (ok) {
			snprintf(name, sizeof name, "%s: PSNR, %s", label, what[i]);
			bench_report(name, psnr[i], "dB", cmd);
			snprintf(name, sizeof name, "%s: SSIM, %s", label, what[i]);
			bench_report(name, ssim[i], "", "ffmpeg ssim filter against the decoded frames (first chunk)");
		}
		remove(mp4);
		free(mp4);
		free(cmd);
	}
	if (ok) {
		snprintf(name, sizeof name, "%s: PSNR ours - earlier", label);
		bench_report(name, psnr[0] - psnr[1], "dB", "target: within 0.1 dB");
	}
	free(params[0]);
	free(params[1]);
}

/* The baseline: libx264 alone, its default threading for the preset (frame threads),
 * same preset and CRF, on our frames: decode in chunks (untimed), encode each (timed).
 * With check set, the quality check runs on the first chunk. */
static double x264_alone(const char *label, const char *mp4, int w, int h, int fps, int64_t frames,
                         const char *preset, int check, char *how, size_t hn, double *cpu_out)
{
	double total = 0, rss, cpu_total = 0;
	char *raw = xasprintf("%s/chunk.yuv", bench_tmpdir());
	for (int64_t at = 0; at < frames; at += CHUNK) {
		/* every shot starts with an IDR, so an accurate seek decodes little */
		char *dec = xasprintf("ffmpeg -v error -y -ss %.4f -i %s -frames:v %d -f rawvideo -pix_fmt yuv420p %s",
		                      (double)at / fps, mp4, CHUNK, raw);
		double s;
		if (timed(dec, &s, &rss) != 0) { free(dec); total = -1; break; }
		free(dec);
		char *enc = xasprintf("ffmpeg -v error -y -f rawvideo -pix_fmt yuv420p -s %dx%d -r %d -i %s "
		                      "-c:v libx264 -preset %s -crf 23 -threads %d -f null -",
		                      w, h, fps, raw, preset, ENC_THREADS);
		double cpu;
		if (timed_cpu(enc, &s, &rss, &cpu) != 0) { free(enc); total = -1; break; }
		snprintf(how, hn, "sum over %d-frame chunks of `%s`", CHUNK, enc);
		free(enc);
		total += s;
		cpu_total += cpu;
		if (check && at == 0) quality_check(label, raw, w, h, fps, preset);
	}
	remove(raw);
	free(raw);
	if (cpu_out) *cpu_out = cpu_total;
	return total;
}

/* The 1-minute load average now (the machine is shared: figures go with it). */
static double load_now(void)
{
	double l = -1;
	FILE *f = fopen("/proc/loadavg", "r");
	if (f) {
		if (fscanf(f, "%lf", &l) != 1) l = -1;
		fclose(f);
	}
	return l;
}

/* `drama render DIR --preview` with the voices and music in DIR's cache and the shot
 * segments and the MP4 removed: the picture path, the mix and the AAC (wall, CPU). */
static double render_only(const char *dir, double *cpu, char **cmd_out)
{
	char *rm = xasprintf("rm -rf %s/cache/shots %s/ep01.preview.mp4", dir, dir);
	if (system(rm) != 0) fprintf(stderr, "bench: `%s` failed\n", rm);
	free(rm);
	char *cmd = xasprintf("%s render %s --preview", bench_drama_bin(), dir);
	double s, rss;
	int st = timed_cpu(cmd, &s, &rss, cpu);
	*cmd_out = cmd;
	return st == 0 ? s : -1;
}

/* `drama make` from nothing into DIR: wall seconds, peak RSS (MB), CPU seconds; <0 on failure. */
static double make_fresh(const char *dir, const char *extra, double *rss, double *cpu, char **cmd_out)
{
	char *rm = xasprintf("rm -rf %s", dir);
	if (system(rm) != 0) fprintf(stderr, "bench: `%s` failed\n", rm);
	free(rm);
	char *cmd = xasprintf("%s make \"%s\" -o %s %s", bench_drama_bin(), KEYWORDS, dir, extra);
	double s;
	int st = timed_cpu(cmd, &s, rss, cpu);
	if (cmd_out) *cmd_out = cmd; else free(cmd);
	return st == 0 ? s : -1;
}


static void report(const char *label, const char *what, double v, const char *unit, const char *how)
{
	char name[160];
	snprintf(name, sizeof name, "%s: %s", label, what);
	bench_report(name, v, unit, how);
}

/* Where a make's time went: each stage's wall and CPU seconds from DIR/ledger.json (the
 * make's own clocks; "prepare" is design beside voice then music, which overlap), and the
 * 1-minute load average when the make started (on this shared 2-core machine). */
static void stage_breakdown(const char *label, const char *dir, double load)
{
	char *path = path_join(dir, "ledger.json"), name[160];
	json_error_t je;
	json_t *j = json_load_file(path, 0, &je);
	json_t *wall = json_object_get(j, "stage_wall_seconds"), *cpu = json_object_get(j, "stage_cpu_seconds");
	const char *k;
	json_t *v;
	json_object_foreach(wall, k, v) {
		snprintf(name, sizeof name, "%s: stage %s, wall", label, k);
		bench_report(name, json_number_value(v), "s", "ledger.json stage_wall_seconds of the first make");
		json_t *c = json_object_get(cpu, k);
		snprintf(name, sizeof name, "%s: stage %s, CPU", label, k);
		if (c) bench_report(name, json_number_value(c), "s", "ledger.json stage_cpu_seconds (user + system)");
	}
	if (!wall) fprintf(stderr, "bench: %s: %s\n", path, j ? "no stage_wall_seconds" : je.text);
	snprintf(name, sizeof name, "%s: load average when the make started", label);
	bench_report(name, load, "", "/proc/loadavg, 1 minute (2 cores)");
	json_decref(j);
	free(path);
}

/* Rounds alternate: make, baseline, make again (a fresh project), baseline again. */
static void one(const char *label, const char *extra, int preview)
{
	char *dir = xasprintf("%s/%s", bench_tmpdir(), label), *dir2 = xasprintf("%s-again", dir);
	char how[1024], *cmd = NULL;
	double rss[2], cpu[2], make_s[2], base[2] = { -1, -1 }, base_cpu[2] = { 0, 0 }, load[2];
	double ro_s[2] = { -1, -1 }, ro_cpu[2] = { 0, 0 }, ro_load[2] = { 0, 0 };
	char *ro_cmd[2] = { NULL, NULL };
	const char *preset = preview ? "ultrafast" : "veryfast";
	load[0] = load_now();
	if ((make_s[0] = make_fresh(dir, extra, &rss[0], &cpu[0], &cmd)) < 0) goto end;
	stage_breakdown(label, dir, load[0]);
	char *mp4 = xasprintf("%s/ep01%s.mp4", dir, preview ? ".preview" : "");
	struct enc_probe pr;
	if (enc_probe_file(mp4, &pr) == 0) {
		int fps = (int)(pr.fps + 0.5);
		base[0] = x264_alone(label, mp4, pr.width, pr.height, fps, pr.video_frames, preset, 1, how, sizeof how,
		                     &base_cpu[0]);
		load[1] = load_now();
		make_s[1] = base[0] > 0 ? make_fresh(dir2, extra, &rss[1], &cpu[1], NULL) : -1;
		if (make_s[1] > 0)
			base[1] = x264_alone(label, mp4, pr.width, pr.height, fps, pr.video_frames, preset, 0, how, sizeof how,
			                     &base_cpu[1]);
		/* the preview's render alone, twice (voices and music cached in the second folder) */
		for (int r = 0; preview && make_s[1] > 0 && r < 2; r++) {
			ro_load[r] = load_now();
			ro_s[r] = render_only(dir2, &ro_cpu[r], &ro_cmd[r]);
		}
		report(label, "episode length", pr.duration, "s", "libavformat probe of the MP4");
	}
	report(label, "drama make wall time", make_s[0], "s", cmd);
	report(label, "drama make CPU time", cpu[0], "s", "/usr/bin/time %U + %S");
	report(label, "drama make peak RSS", rss[0], "MB", "/usr/bin/time -f %M (largest process: drama or a child)");
	report(label, "load average at the make's start", load[0], "", "/proc/loadavg, 1 minute (2 cores)");
	if (base[1] > 0) {
		report(label, "libx264 alone (default threading), round 1", base[0], "s", how);
		report(label, "libx264 alone, round 1, CPU time", base_cpu[0], "s", "/usr/bin/time %U + %S, summed over the chunks");
		report(label, "load average at the second make's start", load[1], "", "/proc/loadavg, 1 minute (2 cores)");
		report(label, "drama make again, wall time", make_s[1], "s", "the same command into a fresh folder");
		report(label, "drama make again, CPU time", cpu[1], "s", "/usr/bin/time %U + %S");
		report(label, "drama make again, peak RSS", rss[1], "MB", "/usr/bin/time -f %M; target <= 300 MB");
		report(label, "libx264 alone (default threading), round 2", base[1], "s", how);
		report(label, "libx264 alone, round 2, CPU time", base_cpu[1], "s", "/usr/bin/time %U + %S, summed over the chunks");
		for (int r = 0; r < 2 && ro_s[r] > 0; r++) {
			char what[96];
			snprintf(what, sizeof what, "render only (voices, music cached), round %d, wall time", r + 1);
			report(label, what, ro_s[r], "s", ro_cmd[r]);
			snprintf(what, sizeof what, "render only, round %d, CPU time", r + 1);
			report(label, what, ro_cpu[r], "s", "/usr/bin/time %U + %S, after rm -rf DIR/cache/shots DIR/ep01.preview.mp4");
			snprintf(what, sizeof what, "render only, round %d, load average", r + 1);
			report(label, what, ro_load[r], "", "/proc/loadavg, 1 minute, at its start");
		}
		if (preview)
			report(label, "fresh make, best of two, wall time", make_s[0] < make_s[1] ? make_s[0] : make_s[1], "s",
			       "target <= 12 s for a 3-minute episode on this 2-core machine (quiet)");
		report(label, "make / libx264 ratio", (make_s[0] + make_s[1]) / (base[0] + base[1]), "x", preview
		       ? "mean of the two makes over the mean of the two baselines (the 1.15 target is the full size's; at 360x640 libx264 is cheap and the size-independent work dominates: sheets, voices, music, the mix, AAC)"
		       : "mean of the two makes over the mean of the two baselines; target <= 1.15");
		char *mp4b = xasprintf("%s/ep01%s.mp4", dir2, preview ? ".preview" : "");
		report(label, "the two makes' MP4s byte-identical", file_same_bytes(mp4, mp4b), "(1 = yes)", "cmp of ep01 from the two fresh folders");
		free(mp4b);
	}
	int64_t all_frames = enc_probe_file(mp4, &pr) == 0 ? pr.video_frames : 0;
	free(mp4);
	double edit_s, edit_cpu, edit_rss;
	char *errf = xasprintf("%s/edit-messages.txt", bench_tmpdir());
	char *ecmd = xasprintf("%s 2>%s", cmd, errf);
	long dv[4];
	if (edit_line(dir, 3) == 0 && timed_cpu(ecmd, &edit_s, &edit_rss, &edit_cpu) == 0) {
		report(label, "rerun after a one-line edit", edit_s, "s", "edit the 4th line's text in storyboard.json, then the same command");
		report(label, "rerun after a one-line edit, CPU time", edit_cpu, "s", "/usr/bin/time %U + %S");
		report(label, "rerun after a one-line edit, peak RSS", edit_rss, "MB", "/usr/bin/time -f %M");
		report(label, "one-line edit / full make", 100.0 * edit_s / make_s[0], "%", "wall; target <= 4%");
		report(label, "one-line edit / full make, CPU", 100.0 * edit_cpu / cpu[0], "%", "user + system of each");
		if (drawn_of(errf, dv) == 0)
			report(label, "one-line edit, segments drawn", (double)dv[0], "", "the render's \"segments drawn\" message");
		/* the edited project's MP4 against the same project's made with no mix span, level
		 * or AAC piece cached: byte-identical (the audio is made again from the pieces) */
		char *keep = xasprintf("%s/edited.mp4", bench_tmpdir()), *mp4e = xasprintf("%s/ep01%s.mp4", dir, preview ? ".preview" : "");
		char *rm = xasprintf("cp %s %s && rm -f %s/cache/shots/*.mixspan %s/cache/shots/*.mixlvl %s/cache/shots/*.aacpiece "
		                     "%s/cache/shots/*.outputs", mp4e, keep, dir, dir, dir, dir);
		double s2;
		if (system(rm) == 0 && timed(cmd, &s2, &rss[0]) == 0)
			report(label, "edited MP4 = the same project's made without cached sound", file_same_bytes(keep, mp4e), "(1 = yes)",
			       "cmp after removing cache/shots/*.mixspan, *.mixlvl, *.aacpiece and the outputs record, then the same command");
		free(rm); free(keep); free(mp4e);
	}
	if (edit_line(dir, -1) == 0 && timed_cpu(cmd, &edit_s, &rss[0], &edit_cpu) == 0) {
		report(label, "rerun after a no-op edit", edit_s, "s", "storyboard.json saved unchanged, then the same command; target < 1 s");
		report(label, "rerun after a no-op edit, CPU time", edit_cpu, "s", "/usr/bin/time %U + %S");
	}
	/* a subtitle-style edit: the subtitle fill colour in a copy of the data folder */
	char *sdata = data_with_subtitle_edit();
	char *scmd = sdata ? xasprintf("DRAMA_DATA=%s %s 2>%s", sdata, cmd, errf) : NULL;
	if (scmd && timed_cpu(scmd, &edit_s, &edit_rss, &edit_cpu) == 0) {
		report(label, "rerun after a subtitle-style edit", edit_s, "s", scmd);
		report(label, "rerun after a subtitle-style edit, CPU time", edit_cpu, "s", "/usr/bin/time %U + %S");
		report(label, "subtitle-style edit / full make", 100.0 * edit_s / make_s[0], "%", "wall; target <= 25%");
		report(label, "subtitle-style edit / full make, CPU", 100.0 * edit_cpu / cpu[0], "%", "user + system of each");
		if (drawn_of(errf, dv) == 0 && all_frames > 0) {
			report(label, "subtitle-style edit, segments drawn", (double)dv[0], "", "the render's \"segments drawn\" message");
			report(label, "subtitle-style edit, frames of the segments drawn", 100.0 * (double)(dv[2] + dv[3]) / (double)all_frames,
			       "% of the episode", "frames drawn + repeated in them, over the MP4's frames: each must be encoded again");
		}
	}
	free(scmd);
	free(sdata);
	free(ecmd);
	free(errf);
end:
	free(ro_cmd[0]);
	free(ro_cmd[1]);
	free(cmd);
	free(dir);
	free(dir2);
}
BENCH(render_episode)
{
	one("3min", "", 0);
}

BENCH(render_preview)
{
	one("3min-preview", "--preview", 1);
}

BENCH(render_10min_rss)
{
	const char *bin = bench_drama_bin();
	char *dir = xasprintf("%s/10min", bench_tmpdir());
	char *cmd = xasprintf("%s make \"%s\" -o %s --minutes 10", bin, KEYWORDS, dir);
	double s, rss;
	if (timed(cmd, &s, &rss) == 0) {
		bench_report("10min: drama make wall time", s, "s", cmd);
		bench_report("10min: drama make peak RSS", rss, "MB", "/usr/bin/time -f %M; compare with 3min (target: flat, <= 300 MB)");
	}
	free(cmd);
	free(dir);
}
