/* pipeline/jobs.c — `drama make --jobs J`: the episodes' voice, music and render in child
 * processes, J at a time (see pipeline.h: pipeline_run_episodes).
 *
 * A child is our own binary run as `drama render DIR --episode N`: an episode writer
 * (core/lock.h) that finds the shared stages done, so it voices, scores and renders its
 * episode and merges it into storyboard.json. Processes, not threads: each render keeps
 * its own ~300 MB and gives it back when it ends, a crash takes one episode down, and the
 * same command is what a Slurm array task runs. */
#include "pipeline/pipeline.h"
#include "net/net.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MB_PER_RENDER 400.0

int pipeline_default_jobs(void)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	double avail = 0;
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256];
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "MemAvailable: %lf kB", &avail) == 1) break;
	if (f) fclose(f);
	long by_mem = avail > 0 ? (long)(avail / 1024.0 / MB_PER_RENDER) : cores;
	long j = cores < by_mem ? cores : by_mem;
	return j < 1 ? 1 : j > 64 ? 64 : (int)j;
}

static volatile sig_atomic_t stop_sig;
static void on_stop(int sig) { stop_sig = sig; }

struct ep_child {
	int number;
	pid_t pid;        /* 0: not started; -1: finished */
	double t0, t1;
	int status;       /* exit code; -signal when killed */
	double frac;      /* how far, 0..1 (episode_fraction) */
	char stage[40];   /* "render 40%" */
	char *log;
};

static pid_t start_child(const struct pipeline_req *r, const char *exe, const char *dir, struct ep_child *c)
{
	char num[16];
	snprintf(num, sizeof num, "%d", c->number);
	const char *argv[80];
	int n = 0;
	argv[n++] = exe;
	argv[n++] = "render";
	argv[n++] = dir;
	argv[n++] = "--episode";
	argv[n++] = num;
	if (r->preview) argv[n++] = "--preview";
	if (r->strict) argv[n++] = "--strict";
	for (size_t i = 0; r->ai_set && r->ai_set[i] && n < 76; i++) {
		argv[n++] = "--set";
		argv[n++] = r->ai_set[i];
	}
	argv[n] = NULL;
	fflush(NULL);
	pid_t pid = fork();
	if (pid != 0) return pid;
	int fd = open(c->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0) { dup2(fd, 1); dup2(fd, 2); }
	if (null >= 0) dup2(null, 0);
	setenv("DRAMA_NO_BAR", "1", 1);
	unsetenv("DRAMA_KEEP_LOCK");   /* drama.lock's record stays the parent's (a workbench job) */
	execv(exe, (char *const *)argv);
	dprintf(2, "drama: cannot run %s: %s\n", exe, strerror(errno));
	_exit(127);
}

/* The last line of a log, trimmed to fit a status line. */
static void last_line(const char *path, char *out, size_t n)
{
	out[0] = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) return;
	char buf[512];
	off_t end = lseek(fd, 0, SEEK_END), at = end > (off_t)sizeof buf - 1 ? end - (off_t)sizeof buf + 1 : 0;
	ssize_t k = pread(fd, buf, sizeof buf - 1, at);
	close(fd);
	if (k <= 0) return;
	buf[k] = 0;
	while (k > 0 && (buf[k - 1] == '\n' || buf[k - 1] == '\r' || buf[k - 1] == ' ')) buf[--k] = 0;
	char *s = strrchr(buf, '\n'), *cr = strrchr(buf, '\r');
	if (cr && (!s || cr > s)) s = cr;
	s = s ? s + 1 : buf;
	snprintf(out, n, "%s", s);
}

/* How far an episode is, 0..1, from the last progress line in its log ("render: 40% ...",
 * "music: done in 2s"): voice the first 20%, music the next 20%, render the rest. Never
 * goes back (other lines come between the progress lines). */
static double episode_fraction(struct ep_child *e, char *stage, size_t n)
{
	if (e->pid < 0) { snprintf(stage, n, "%s", e->status ? "failed" : "done"); return 1; }
	if (e->pid == 0) { snprintf(stage, n, "waiting"); return 0; }
	char buf[4096];
	buf[0] = 0;
	int fd = open(e->log, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		off_t end = lseek(fd, 0, SEEK_END), at = end > (off_t)sizeof buf - 1 ? end - (off_t)sizeof buf + 1 : 0;
		ssize_t k = pread(fd, buf, sizeof buf - 1, at);
		buf[k > 0 ? k : 0] = 0;
		close(fd);
	}
	char st[32] = "", best[32] = "";
	int pct = 0, best_pct = -1;
	for (char *l = buf; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (sscanf(l, "%31[a-z]: %d%%", st, &pct) == 2 || (sscanf(l, "%31[a-z]: don%c", st, (char[1]){ 0 }) == 2 && (pct = 100))) {
			snprintf(best, sizeof best, "%s", st);
			best_pct = pct;
		}
	}
	double f = 0;
	if (best_pct >= 0) {
		double x = best_pct / 100.0;
		f = !strcmp(best, "voice") ? 0.2 * x : !strcmp(best, "music") ? 0.2 + 0.2 * x : !strcmp(best, "render") ? 0.4 + 0.6 * x : 0;
		snprintf(e->stage, sizeof e->stage, "%s %d%%", best, best_pct);
	}
	if (f > e->frac) e->frac = f;
	snprintf(stage, n, "%s", e->stage[0] ? e->stage : "starting");
	return e->frac;
}

/* The whole series as one progress ("render: 40% (...) ep01 render 60% | ep02 voice 10%"). */
static void show_progress(struct ep_child *c, size_t n)
{
	struct sbuf what = { 0 };
	double sum = 0;
	for (size_t i = 0; i < n; i++) {
		char st[48];
		sum += episode_fraction(&c[i], st, sizeof st);
		if (c[i].pid > 0) sb_printf(&what, "%sep%02d %s", what.len ? " | " : "", c[i].number, st);
	}
	progress_update(sum, what.s);
	sb_free(&what);
}

static char *ledger_path(const struct project *p, int episode)
{
	char *rel = xasprintf("logs/ep%02d.ledger.json", episode), *path = project_path(p, rel);
	free(rel);
	return path;
}

static void ledger_remove(const struct project *p, int episode)
{
	char *path = ledger_path(p, episode);
	unlink(path);
	free(path);
}

int pipeline_ledger_merge(const struct project *p, json_t **eps)
{
	*eps = json_object();
	for (size_t i = 0; p->s && i < p->s->n_eps; i++) {
		int num = p->s->eps[i].number;
		char *path = ledger_path(p, num);
		json_error_t je;
		json_t *j = file_exists(path) ? json_load_file(path, 0, &je) : NULL;
		if (file_exists(path) && !j)
			log_warn("drama", "%s:%d: %s; the series ledger leaves episode %d out", path, je.line, je.text, num);
		else if (j && !json_is_object(j))
			log_warn("drama", "%s: not a JSON object; the series ledger leaves episode %d out", path, num);
		free(path);
		if (!json_is_object(j)) { json_decref(j); continue; }
		const char *name;
		json_t *o;
		json_object_foreach(json_object_get(j, "backends"), name, o) {
			ai_ledger_add(name, (int)json_integer_value(json_object_get(o, "requests")),
			              (long)json_integer_value(json_object_get(o, "tokens_in")),
			              (long)json_integer_value(json_object_get(o, "tokens_out")),
			              json_number_value(json_object_get(o, "generation_seconds")));
			ai_ledger_add_more(name, (int)json_integer_value(json_object_get(o, "attempts")),
			                   (long)json_integer_value(json_object_get(o, "characters")));
		}
		json_object_del(j, "episode");
		char key[16];
		snprintf(key, sizeof key, "%d", num);
		json_object_set_new(*eps, key, j);
	}
	return 0;
}

static void fmt_time(double sec, char *out, size_t n)
{
	long s = (long)(sec + 0.5);
	if (s >= 60) snprintf(out, n, "%ldm%02lds", s / 60, s % 60);
	else snprintf(out, n, "%lds", s);
}

int pipeline_run_episodes(struct project *p, const struct pipeline_req *r, const char *exe)
{
	if (!exe) return err_set(ERR_GENERIC, "make --jobs: the drama binary to run the episodes is not known");
	size_t n = p->s->n_eps, next = 0, done = 0, running = 0;
	int jobs = r->jobs > 0 ? r->jobs : 1, rc = 0, tty = isatty(2) && !getenv("DRAMA_NO_BAR");
	char *logs = project_path(p, "logs");
	if (mkdir_p(logs) < 0) { free(logs); return ERR_IO; }
	struct ep_child *c = xcalloc(n, sizeof *c);
	for (size_t i = 0; i < n; i++) {
		c[i].number = p->s->eps[i].number;
		c[i].log = xasprintf("%s/ep%02d.log", logs, c[i].number);
	}
	/* the episode writers come in; the designs are saved and stay as they are */
	if ((rc = project_lock_share(r->lock)) < 0) goto end;
	log_info("drama", "making %zu episodes, %d at a time (logs in %s)", n, jobs, logs);
	/* stopped (SIGTERM, SIGINT): the episodes' processes stop too, not left running */
	struct sigaction sa = { .sa_handler = on_stop }, old_term, old_int;
	sigemptyset(&sa.sa_mask);
	stop_sig = 0;
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGINT, &sa, &old_int);
	double t_start = now_sec(), busy = 0, t_shown = t_start;
	/* one progress for the episodes' voice, music and render, named "render": the web
	 * workbench weighs a job's progress by stage names and knows that one */
	progress_begin("render", (double)n);
	while (done < n) {
		if (stop_sig) {
			for (size_t i = 0; i < n; i++)
				if (c[i].pid > 0) kill(c[i].pid, SIGTERM);
			next = n;   /* start no more; the loop reaps the running ones */
			if (!running) break;
		}
		while (running < (size_t)jobs && next < n) {
			struct ep_child *e = &c[next++];
			ledger_remove(p, e->number);   /* an earlier run's is not this one's */
			e->t0 = now_sec();
			e->pid = start_child(r, exe, p->dir, e);
			if (e->pid < 0) {
				rc = err_set(ERR_IO, "cannot start a process for episode %d: %s", e->number, strerror(errno));
				e->pid = -1;
				e->status = 127;
				done++;
				continue;
			}
			running++;
			if (!tty) log_info("drama", "episode %d: started", e->number);
		}
		int st;
		pid_t w = waitpid(-1, &st, WNOHANG);
		if (w < 0 && errno == EINTR) continue;
		if (w < 0) break;
		if (w == 0) {
			usleep(200000);
			if (now_sec() - t_shown >= 1) {
				t_shown = now_sec();
				show_progress(c, n);
			}
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			struct ep_child *e = &c[i];
			if (e->pid != w) continue;
			e->pid = -1;
			e->t1 = now_sec();
			e->status = WIFEXITED(st) ? WEXITSTATUS(st) : -WTERMSIG(st);
			running--;
			done++;
			busy += e->t1 - e->t0;
			/* ETA: the mean episode time over the episodes still to finish, J at a time */
			size_t rest = n - done, par = (size_t)jobs < rest ? (size_t)jobs : rest ? rest : 1;
			double left = (double)rest * (busy / (double)done) / (double)par;
			char took[32], eta[32], why[200] = "";
			fmt_time(e->t1 - e->t0, took, sizeof took);
			fmt_time(left, eta, sizeof eta);
			if (e->status) last_line(e->log, why, sizeof why);
			log_info("drama", "episode %d: %s in %s (%zu/%zu done%s%s)%s%s", e->number, e->status ? "FAILED" : "done", took, done, n,
			         done < n ? ", about " : "", done < n ? eta : "", e->status ? ": " : "", why);
		}
	}
	show_progress(c, n);
	progress_end();
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGINT, &old_int, NULL);
	char total[32];
	fmt_time(now_sec() - t_start, total, sizeof total);
	struct sbuf failed = { 0 };
	for (size_t i = 0; i < n; i++)
		if (c[i].status) sb_printf(&failed, "%s%d (%s)", failed.len ? ", " : "", c[i].number, c[i].log);
	if (stop_sig)
		rc = err_set(ERR_GENERIC, "stopped by signal %d; the episodes' processes were stopped too (rerun to resume)", (int)stop_sig);
	else if (failed.len)
		rc = err_set(ERR_GENERIC, "episode(s) %s failed; read the log, fix, and run the same command again "
		             "(finished episodes are cached)", failed.s);
	else
		log_info("drama", "%zu episodes made in %s", n, total);
	sb_free(&failed);
	/* the project is ours again (waits for any episode writer someone else started) */
	int rc2 = project_lock_exclusive(r->lock, 1);
	if (rc == 0 && rc2 < 0) rc = rc2;
end:
	for (size_t i = 0; i < n; i++) free(c[i].log);
	free(c);
	free(logs);
	return rc;
}
