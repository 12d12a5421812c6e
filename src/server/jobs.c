/* server/jobs.c — background jobs as child drama processes (see jobs.h).
 *
 * A job is a `drama` child in its own process group with the default signal mask and
 * dispositions, its stderr going to PROJECT/job.log. A monitor thread per job follows the
 * log (progress lines "render: 40% (3.2s elapsed, ETA 5s) what") and waits for the end:
 * waitpid for our own children, the project lock for a job adopted from an earlier
 * server run. The state is mirrored to PROJECT/job.json. Jobs are keyed by the project
 * folder and kept for the server's life (monitor threads hold pointers to them). */
#include "server/jobs.h"
#include "core/lock.h"
#include "core/model.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define LOG_TAIL 6000
#define POLL_US 150000

struct job {
	char name[256], dir[PATH_MAX], kind[16], plan[64];
	pid_t pid;
	unsigned long long pstart;   /* the process's start time: a reused pid is not ours */
	int own;                     /* our child (waitpid) or adopted (the lock tells the end) */
	int attach;                  /* follow job.log (it is this process's log) */
	enum job_state state;
	char stage[32], message[512];
	int percent, exit_code;
	char log[LOG_TAIL];
	unsigned version;
	time_t started, ended;
	double t0;                   /* now_sec() at the start, for the ETA */
	double cancel_at;            /* now_sec() of the SIGTERM, 0 = not asked */
	int killed;
};

static struct job **jobs;
static size_t n_jobs, cap_jobs;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static char *bin;
static int grace_ms = 5000;

static const char *const STATE_NAMES[] = { "none", "running", "done", "failed", "interrupted", "cancelled" };

void jobs_init(const char *drama_bin, int grace)
{
	pthread_mutex_lock(&mu);
	free(bin);
	bin = xstrdup(drama_bin);
	grace_ms = grace > 0 ? grace : 5000;
	pthread_mutex_unlock(&mu);
	signal(SIGPIPE, SIG_IGN);          /* children get SIG_DFL back (POSIX_SPAWN_SETSIGDEF) */
	setenv("DRAMA_NO_BAR", "1", 1);    /* children print progress as plain lines */
	setenv("DRAMA_KEEP_LOCK", "1", 1); /* and leave their exit code in drama.lock (core/lock.h) */
}

void jobs_shutdown(void)
{
	pthread_mutex_lock(&mu);
	free(bin);
	bin = NULL;
	pthread_mutex_unlock(&mu);
}

/* Under mu. */
static struct job *find(const char *dir)
{
	for (size_t i = 0; i < n_jobs; i++)
		if (!strcmp(jobs[i]->dir, dir)) return jobs[i];
	return NULL;
}

/* Under mu. A new job record for dir (replacing nothing: call find first). */
static struct job *add(const char *name, const char *dir)
{
	xgrow((void **)&jobs, &cap_jobs, n_jobs, sizeof *jobs);
	struct job *j = xcalloc(1, sizeof *j);
	snprintf(j->name, sizeof j->name, "%s", name);
	snprintf(j->dir, sizeof j->dir, "%s", dir);
	jobs[n_jobs++] = j;
	return j;
}

/* Share of the whole job done, 0..1, from the stage now running and its percent. */
static double overall(const struct job *j)
{
	static const struct { const char *stage; double w; } W[] = {
		{ "script", 4 }, { "design", 8 }, { "voice", 14 }, { "music", 8 }, { "render", 66 }, { "export", 1 },
	};
	if (j->state == JOB_DONE) return 1;
	double total = 0, before = 0, cur = 0;
	int seen = 0;
	for (size_t i = 0; i < ARRAY_LEN(W); i++) {
		if (!strstr(j->plan, W[i].stage)) continue;
		total += W[i].w;
		if (!strcmp(W[i].stage, j->stage)) { seen = 1; cur = W[i].w * j->percent / 100.0; }
		else if (!seen) before += W[i].w;
	}
	if (!seen || total <= 0) return 0;
	return (before + cur) / total;
}

static json_t *to_json(const struct job *j)
{
	double o = overall(j);
	long eta = -1;
	double el = now_sec() - j->t0;
	if (j->state == JOB_RUNNING && o >= 0.03 && el >= 2) eta = (long)(el * (1 - o) / o + 0.5);
	return json_pack("{s:s, s:s, s:s, s:i, s:i, s:I, s:s, s:s, s:i, s:i, s:I, s:I}",
	                 "state", STATE_NAMES[j->state], "kind", j->kind, "stage", j->stage,
	                 "percent", j->percent, "overall", (int)(o * 100), "eta", (json_int_t)eta,
	                 "message", j->message, "log", j->log,
	                 "version", (int)j->version, "exit_code", j->exit_code,
	                 "started", (json_int_t)j->started, "ended", (json_int_t)j->ended);
}

/* Under mu. */
static void persist(struct job *j)
{
	json_t *o = to_json(j);
	json_object_set_new(o, "pid", json_integer(j->pid));
	json_object_set_new(o, "pstart", json_integer((json_int_t)j->pstart));
	json_object_set_new(o, "plan", json_string(j->plan));
	json_object_set_new(o, "own_log", json_boolean(j->attach));
	char *path = path_join(j->dir, "job.json");
	if (json_save_atomic(o, path, JSON_INDENT(2)) < 0) log_warn("serve", "%s", err_msg());
	json_decref(o);
	free(path);
}

static unsigned generation;   /* every change of any job (jobs_generation) */

unsigned jobs_generation(void) { return __atomic_load_n(&generation, __ATOMIC_ACQUIRE); }

static void bump(struct job *j)
{
	j->version++;
	__atomic_add_fetch(&generation, 1, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&changed);
}

/* Under mu. "render: 40% (3.2s elapsed, ETA 5s) what" → stage, percent. */
static void parse_line(struct job *j, const char *line)
{
	size_t n = strlen(j->log), ln = strlen(line);
	if (n + ln + 2 > sizeof j->log) {
		size_t drop = n + ln + 2 - sizeof j->log;
		const char *nl = drop < n ? strchr(j->log + drop, '\n') : NULL;
		drop = nl ? (size_t)(nl + 1 - j->log) : n;
		memmove(j->log, j->log + drop, n - drop + 1);
		n = strlen(j->log);
	}
	if (ln + 2 <= sizeof j->log) {
		memcpy(j->log + n, line, ln);
		j->log[n + ln] = '\n';
		j->log[n + ln + 1] = 0;
	}
	char stage[32];
	int pct, used = 0;
	if (sscanf(line, "%31[a-z]: %d%%", stage, &pct) == 2) {
		snprintf(j->stage, sizeof j->stage, "%s", stage);
		j->percent = pct;
		const char *what = strstr(line, ") ");
		snprintf(j->message, sizeof j->message, "%s", what ? what + 2 : "");
	} else if (sscanf(line, "%31[a-z]: done%n", stage, &used) == 1 && used > 0) {
		snprintf(j->stage, sizeof j->stage, "%s", stage);
		j->percent = 100;
	} else if (j->cancel_at == 0) {
		snprintf(j->message, sizeof j->message, "%s", line);
	}
}

/* Under mu. The reason a job failed, for a person: the last "drama: " line of the log,
 * with the project folder's path taken out ("/srv/ws/show/ep01.mp4" -> "ep01.mp4"). */
static void failure_message(struct job *j)
{
	const char *why = NULL, *p = j->log;
	while ((p = strstr(p, "drama: "))) { why = p + 7; p += 7; }
	if (!why) {
		snprintf(j->message, sizeof j->message, "the job stopped with exit code %d; open the log for details", j->exit_code);
		return;
	}
	char msg[sizeof j->message];
	snprintf(msg, sizeof msg, "%.*s", (int)strcspn(why, "\n"), why);
	size_t dl = strlen(j->dir), k = 0;
	for (const char *s = msg; *s && k + 1 < sizeof j->message;) {
		if (!strncmp(s, j->dir, dl)) { s += dl; if (*s == '/') s++; continue; }
		j->message[k++] = *s++;
	}
	j->message[k] = 0;
}

/* Under mu. */
static void finish(struct job *j, enum job_state st, int code)
{
	j->state = st;
	j->exit_code = code;
	j->ended = time(NULL);
	if (st == JOB_DONE) {
		j->percent = 100;
		snprintf(j->message, sizeof j->message, "finished");
	} else if (st == JOB_CANCELLED) {
		snprintf(j->message, sizeof j->message, "stopped at your request; what was finished is kept, and Render resumes from there");
	} else if (st == JOB_INTERRUPTED) {
		snprintf(j->message, sizeof j->message, "the job was stopped before it finished (its process ended without a result); "
		         "Render resumes from what was finished");
	} else {
		failure_message(j);
	}
	persist(j);
	bump(j);
}

/* Read what the log gained since *off; complete lines go to parse_line. */
static void follow_log(struct job *j, int *fd, off_t *off, char *line, size_t *ll, size_t cap)
{
	if (*fd < 0) {
		char *p = path_join(j->dir, "job.log");
		*fd = open(p, O_RDONLY | O_CLOEXEC);
		free(p);
		if (*fd < 0) return;
	}
	char buf[4096];
	ssize_t r;
	while ((r = pread(*fd, buf, sizeof buf, *off)) > 0) {
		*off += r;
		pthread_mutex_lock(&mu);
		for (ssize_t i = 0; i < r; i++) {
			if (buf[i] == '\n' || buf[i] == '\r' || *ll + 1 >= cap) {
				line[*ll] = 0;
				if (*ll) parse_line(j, line);
				*ll = 0;
			} else {
				line[(*ll)++] = buf[i];
			}
		}
		bump(j);
		pthread_mutex_unlock(&mu);
	}
}

static void *monitor(void *arg)
{
	struct job *j = arg;
	int fd = -1;
	off_t off = 0;
	char line[2048];
	size_t ll = 0;
	pthread_mutex_lock(&mu);
	int own = j->own, attach = j->attach;
	pid_t pid = j->pid;
	pthread_mutex_unlock(&mu);
	for (;;) {
		if (attach) follow_log(j, &fd, &off, line, &ll, sizeof line);
		int ended = 0, code = 0;
		enum job_state st = JOB_FAILED;
		if (own) {
			int ws = 0;
			pid_t r = waitpid(pid, &ws, WNOHANG);
			if (r == pid || (r < 0 && errno == ECHILD)) {
				ended = 1;
				code = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
				st = code == 0 ? JOB_DONE : JOB_FAILED;
				if (WIFSIGNALED(ws)) st = JOB_INTERRUPTED;
			}
		} else {
			struct project_lock_info li;
			if (project_lock_query(j->dir, &li) < 0 || !li.held) {
				ended = 1;
				if (li.pid == (long)pid && li.finished) {
					code = li.exit_code;
					st = code == 0 ? JOB_DONE : JOB_FAILED;
				} else {
					st = JOB_INTERRUPTED;
				}
			}
		}
		pthread_mutex_lock(&mu);
		if (ended) {
			pthread_mutex_unlock(&mu);
			if (attach) follow_log(j, &fd, &off, line, &ll, sizeof line);
			pthread_mutex_lock(&mu);
			if (ll) { line[ll] = 0; parse_line(j, line); }
			if (j->cancel_at > 0 && st != JOB_DONE) st = JOB_CANCELLED;
			finish(j, st, code);
			pthread_mutex_unlock(&mu);
			break;
		}
		if (j->cancel_at > 0 && !j->killed && (now_sec() - j->cancel_at) * 1000 > grace_ms) {
			j->killed = 1;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			log_info("serve", "%s: the job did not stop within %d ms of SIGTERM; sent SIGKILL", j->name, grace_ms);
		}
		pthread_mutex_unlock(&mu);
		usleep(POLL_US);
	}
	if (fd >= 0) close(fd);
	return NULL;
}

static void start_monitor(struct job *j)
{
	pthread_t th;
	pthread_attr_t at;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&th, &at, monitor, j) != 0) log_error("serve", "cannot start a job monitor thread");
	pthread_attr_destroy(&at);
}

/* Under mu. A job the server has no record of in memory: read job.json, the lock and
 * the outputs. Returns the record (kept), or NULL when the project never had a job. */
static struct job *load(const char *name, const char *dir)
{
	char *path = path_join(dir, "job.json");
	json_t *o = json_load_file(path, 0, NULL);
	free(path);
	if (o && !json_is_object(o)) { json_decref(o); o = NULL; }
	struct project_lock_info li;
	int have_lock = project_lock_query(dir, &li) == 0;
	if (!o && !(have_lock && li.held)) return NULL;
	struct job *j = add(name, dir);
	const char *kind = o ? json_string_value(json_object_get(o, "kind")) : NULL;
	const char *plan = o ? json_string_value(json_object_get(o, "plan")) : NULL;
	const char *state = o ? json_string_value(json_object_get(o, "state")) : NULL;
	const char *stage = o ? json_string_value(json_object_get(o, "stage")) : NULL;
	const char *msg = o ? json_string_value(json_object_get(o, "message")) : NULL;
	const char *log = o ? json_string_value(json_object_get(o, "log")) : NULL;
	pid_t pid = o ? (pid_t)json_integer_value(json_object_get(o, "pid")) : 0;
	snprintf(j->kind, sizeof j->kind, "%s", kind ? kind : have_lock ? li.what : "");
	snprintf(j->plan, sizeof j->plan, "%s", plan ? plan : j->kind);
	snprintf(j->stage, sizeof j->stage, "%s", stage ? stage : "");
	snprintf(j->message, sizeof j->message, "%s", msg ? msg : "");
	snprintf(j->log, sizeof j->log, "%s", log ? log : "");
	j->percent = o ? (int)json_integer_value(json_object_get(o, "percent")) : 0;
	j->exit_code = o ? (int)json_integer_value(json_object_get(o, "exit_code")) : 0;
	j->started = o ? (time_t)json_integer_value(json_object_get(o, "started")) : time(NULL);
	j->ended = o ? (time_t)json_integer_value(json_object_get(o, "ended")) : 0;
	j->version = 1;
	j->pid = pid;
	j->t0 = now_sec() - (double)(time(NULL) - j->started);
	for (size_t s = 0; s < ARRAY_LEN(STATE_NAMES); s++)
		if (str_eq(state, STATE_NAMES[s])) j->state = (enum job_state)s;
	int ours = pid > 0 && have_lock && li.pid == (long)pid && json_is_true(json_object_get(o, "own_log"));
	if (have_lock && li.held) {
		/* still running: ours from an earlier server run (follow its log again), or a
		 * `drama` started elsewhere (a terminal) that holds the folder */
		j->state = JOB_RUNNING;
		j->pid = (pid_t)li.pid;
		j->pstart = li.start;
		j->attach = ours;
		if (ours) j->log[0] = 0;   /* rebuilt from job.log */
		else snprintf(j->message, sizeof j->message, "another drama process (pid %ld, `drama %s`) is writing this project",
		              li.pid, li.what);
		start_monitor(j);
	} else if (j->state == JOB_RUNNING) {
		/* the server stopped before the job's end was recorded: the lock tells */
		if (ours && li.finished) {
			finish(j, li.exit_code == 0 ? JOB_DONE : JOB_FAILED, li.exit_code);
			if (j->state == JOB_FAILED) {   /* the reason is in the log's last lines */
				char *lp = path_join(dir, "job.log"), *txt = NULL;
				size_t n = 0;
				if (file_read_all(lp, &txt, &n) == 0) {
					snprintf(j->log, sizeof j->log, "%s", n >= sizeof j->log ? txt + n - sizeof j->log + 1 : txt);
					failure_message(j);
					persist(j);
				}
				free(txt);
				free(lp);
			}
		} else {
			finish(j, JOB_INTERRUPTED, 0);
		}
	}
	json_decref(o);
	return j;
}

int jobs_project_busy(const char *dir)
{
	struct project_lock_info li;
	return project_lock_query(dir, &li) == 0 && li.held;
}

int jobs_start(const char *name, const char *dir, const char *kind, const char *plan, const char *const *argv)
{
	pthread_mutex_lock(&mu);
	struct job *j = find(dir);
	if (!j) j = load(name, dir);
	struct project_lock_info li;
	int rc = 0;
	if (j && j->state == JOB_RUNNING) {
		rc = err_set(ERR_INPUT, "a %s job is already running for %s; wait for it to finish or cancel it", j->kind, name);
		goto end;
	}
	if (project_lock_query(dir, &li) == 0 && li.held) {
		rc = err_set(ERR_INPUT, "another drama process (pid %ld, `drama %s`) is writing %s; wait for it to finish",
		             li.pid, li.what, name);
		goto end;
	}
	char *lp = path_join(dir, "job.log");
	int lfd = open(lp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	free(lp);
	if (lfd < 0) {
		rc = err_set(ERR_IO, "cannot start a job: cannot write %s/job.log: %s", name, strerror(errno));
		goto end;
	}
	size_t n = 0;
	while (argv[n]) n++;
	char **args = xcalloc(n + 2, sizeof *args);
	args[0] = bin;
	for (size_t i = 0; i < n; i++) args[i + 1] = (char *)argv[i];
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, lfd, 2);
	/* the child starts clean: no blocked signals, default dispositions (the server blocks
	 * SIGINT/SIGTERM and ignores SIGPIPE), and its own process group so Cancel reaches
	 * all of it and a Ctrl-C at the server's terminal does not */
	posix_spawnattr_t at;
	posix_spawnattr_init(&at);
	sigset_t none, all;
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &all);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
	pid_t pid;
	int e = posix_spawn(&pid, bin, &fa, &at, args, environ);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	free(args);
	close(lfd);
	if (e != 0) {
		rc = err_set(ERR_IO, "cannot run %s: %s", bin, strerror(e));
		goto end;
	}
	if (!j) j = add(name, dir);
	snprintf(j->kind, sizeof j->kind, "%s", kind);
	snprintf(j->plan, sizeof j->plan, "%s", plan ? plan : kind);
	j->pid = pid;
	j->pstart = proc_start_time(pid);
	j->own = j->attach = 1;
	j->state = JOB_RUNNING;
	j->stage[0] = j->message[0] = j->log[0] = 0;
	j->percent = j->exit_code = j->killed = 0;
	j->cancel_at = 0;
	j->started = time(NULL);
	j->t0 = now_sec();
	j->ended = 0;
	persist(j);
	bump(j);
	start_monitor(j);
end:
	pthread_mutex_unlock(&mu);
	return rc;
}

json_t *jobs_status(const char *name, const char *dir)
{
	pthread_mutex_lock(&mu);
	struct job *j = find(dir);
	if (!j) j = load(name, dir);
	json_t *o = j ? to_json(j) : json_pack("{s:s, s:i}", "state", "none", "version", 0);
	pthread_mutex_unlock(&mu);
	return o;
}

int jobs_cancel(const char *name, const char *dir)
{
	pthread_mutex_lock(&mu);
	struct job *j = find(dir);
	if (!j) j = load(name, dir);
	int rc = 0;
	if (!j || j->state != JOB_RUNNING) {
		rc = err_set(ERR_INPUT, "nothing is running for %s", name);
	} else if (!j->own && !j->attach) {
		rc = err_set(ERR_INPUT, "the process writing %s was not started by the workbench (pid %d); stop it where it runs",
		             name, (int)j->pid);
	} else if (j->pstart && proc_start_time(j->pid) != j->pstart) {
		rc = err_set(ERR_INPUT, "the job of %s has already ended", name);
	} else if (j->cancel_at == 0) {
		j->cancel_at = now_sec();
		/* our jobs lead their own process group (POSIX_SPAWN_SETPGROUP) */
		if (getpgid(j->pid) == j->pid) kill(-j->pid, SIGTERM);
		else kill(j->pid, SIGTERM);
		snprintf(j->message, sizeof j->message, "stopping…");
		bump(j);
	}
	pthread_mutex_unlock(&mu);
	return rc;
}

unsigned jobs_wait(const char *dir, unsigned seen, int timeout_ms)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += timeout_ms / 1000;
	ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
	pthread_mutex_lock(&mu);
	unsigned v = 0;
	for (;;) {
		struct job *j = find(dir);
		v = j ? j->version : 0;
		if (v != seen) break;
		if (pthread_cond_timedwait(&changed, &mu, &ts) == ETIMEDOUT) break;
	}
	pthread_mutex_unlock(&mu);
	return v;
}
