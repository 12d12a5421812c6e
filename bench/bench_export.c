/* bench/bench_export.c — `drama export` of a 3-minute episode (issue 17's target: under
 * 10 s when the shots are cached), through the real CLI:
 *   1. `drama make` of a 3-minute episode at 360x640 30 fps (its time, for scale);
 *   2. the first export (all formats): the shots drawn without subtitles (render/clean.h)
 *      — the extra cost the editor handoff adds once, printed beside the make's time;
 *   3. the export again (all formats), shots from the cache: the figure the target is
 *      about; wall and CPU (user + system) time and the load average (the machine is
 *      shared: wall time is noisy, CPU time less so).
 * Figures are printed, never enforced. */
#include "bench.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>

/* cmd in the bench folder under /usr/bin/time: wall and user + system seconds; status */
static int run_timed(const char *cmd, double *wall, double *cpu)
{
	char *tf = xasprintf("%s/export-time.txt", bench_tmpdir());
	char *full = xasprintf("cd %s && /usr/bin/time -f '%%U %%S' -o %s %s >>export-log.txt 2>&1", bench_tmpdir(), tf, cmd);
	double t0 = bench_now();
	int st = system(full);
	*wall = bench_now() - t0;
	*cpu = 0;
	FILE *f = fopen(tf, "r");
	double u, s;
	char line[256];
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "%lf %lf", &u, &s) == 2) *cpu = u + s;
	if (f) fclose(f);
	if (st) fprintf(stderr, "bench: `%s` failed (status %d); see %s/export-log.txt\n", cmd, st, bench_tmpdir());
	free(tf);
	free(full);
	return st;
}

static double load1(void)
{
	double l = -1;
	FILE *f = fopen("/proc/loadavg", "r");
	if (f && fscanf(f, "%lf", &l) != 1) l = -1;
	if (f) fclose(f);
	return l;
}

BENCH(export)
{
	const char *bin = bench_drama_bin();
	char *make = xasprintf("%s make 'ancient time-travel, milk tea shop, prince' -o exp --minutes 3 --size 360x640 --fps 30",
	                       bin);
	char *exp = xasprintf("%s export exp -o out", bin);
	double w, c;
	if (run_timed(make, &w, &c) == 0) {
		bench_report("export: drama make of the 3-minute episode (360x640, 30 fps), wall", w, "s", make);
		bench_report("export: the same, CPU (user+sys)", c, "s", "/usr/bin/time");
		double l0 = load1();
		if (run_timed(exp, &w, &c) == 0) {
			bench_report("export: first export, shots drawn without subtitles, wall", w, "s", exp);
			bench_report("export: the same, CPU (user+sys)", c, "s", "/usr/bin/time");
		}
		double l1 = load1();
		if (run_timed(exp, &w, &c) == 0) {
			bench_report("export: export again, shots cached, wall (target < 10 s)", w, "s", exp);
			bench_report("export: the same, CPU (user+sys)", c, "s", "/usr/bin/time");
		}
		bench_report("export: load average (1 min) before the exports", l0, "", "/proc/loadavg");
		bench_report("export: load average (1 min) before the cached export", l1, "", "/proc/loadavg");
	}
	free(make);
	free(exp);
}
