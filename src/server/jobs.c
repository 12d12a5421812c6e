/* server/jobs.c — background jobs as child drama processes (see jobs.h). */
#include "server/jobs.h"
#include "core/util.h"
#include "core/model.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_JOBS 256
#define LOG_TAIL 6000

struct job {
	char name[256], dir[1024], kind[16];
	pid_t pid;
	enum job_state state;
	char stage[32], message[512];
	int percent, exit_code;
	char log[LOG_TAIL];
	unsigned version;
	time_t started, ended;
	int fd;
};

static struct job jobs[MAX_JOBS];
static int n_jobs;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static char *bin;

static const char *state_name(enum job_state s)
{
	static const char *const n[] = { "none", "running", "done", "failed", "interrupted" };
	return n[s];
}

void jobs_init(const char *drama_bin)
{
	free(bin);
	bin = xstrdup(drama_bin);
	signal(SIGPIPE, SIG_IGN);
}

void jobs_shutdown(void)
{
	free(bin);
	bin = NULL;
}

static struct job *find(const char *name, int create)
{
	for (int i = 0; i < n_jobs; i++)
		if (!strcmp(jobs[i].name, name)) return &jobs[i];
	if (!create || n_jobs >= MAX_JOBS) return NULL;
	struct job *j = &jobs[n_jobs++];
	memset(j, 0, sizeof *j);
	snprintf(j->name, sizeof j->name, "%s", name);
	return j;
}

static json_t *to_json(const struct job *j)
{
	return json_pack("{s:s, s:s, s:s, s:i, s:s, s:s, s:i, s:i, s:I, s:I}",
	                 "state", state_name(j->state), "kind", j->kind, "stage", j->stage,
	                 "percent", j->percent, "message", j->message, "log", j->log,
	                 "version", (int)j->version, "exit_code", j->exit_code,
	                 "started", (json_int_t)j->started, "ended", (json_int_t)j->ended);
}

/* Under mu. */
static void persist(struct job *j)
{
	json_t *o = to_json(j);
	json_object_set_new(o, "pid", json_integer(j->pid));
	char *path = path_join(j->dir, "job.json");
	if (json_save_atomic(o, path, JSON_INDENT(2)) < 0) log_warn("serve", "%s", err_msg());
	json_decref(o);
	free(path);
}

static void bump(struct job *j)
{
	j->version++;
	pthread_cond_broadcast(&changed);
}

/* "render: 40% (3.2s elapsed, ETA 5s) what" → stage, percent */
static void parse_line(struct job *j, const char *line)
{
	size_t n = strlen(j->log), ln = strlen(line);
	if (n + ln + 2 > sizeof j->log) {
		size_t drop = n + ln + 2 - sizeof j->log;
		const char *nl = strchr(j->log + drop, '\n');
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
	} else {
		snprintf(j->message, sizeof j->message, "%s", line);
	}
}

static void *reader(void *arg)
{
	struct job *j = arg;
	int fd;
	pid_t pid;
	pthread_mutex_lock(&mu);
	fd = j->fd;
	pid = j->pid;
	pthread_mutex_unlock(&mu);
	char buf[4096], line[2048];
	size_t ll = 0;
	ssize_t r;
	while ((r = read(fd, buf, sizeof buf)) > 0 || (r < 0 && errno == EINTR)) {
		pthread_mutex_lock(&mu);
		for (ssize_t i = 0; i < r; i++) {
			if (buf[i] == '\n' || buf[i] == '\r' || ll + 1 >= sizeof line) {
				line[ll] = 0;
				if (ll) parse_line(j, line);
				ll = 0;
			} else {
				line[ll++] = buf[i];
			}
		}
		bump(j);
		pthread_mutex_unlock(&mu);
	}
	close(fd);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
	pthread_mutex_lock(&mu);
	j->exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	j->state = j->exit_code == 0 ? JOB_DONE : JOB_FAILED;
	if (j->state == JOB_DONE) {
		j->percent = 100;
		snprintf(j->message, sizeof j->message, "finished");
	} else {
		/* the last "drama: ..." line is the reason */
		const char *why = NULL, *p = j->log;
		while ((p = strstr(p, "drama: "))) { why = p + 7; p += 7; }
		if (why) {
			size_t k = strcspn(why, "\n");
			snprintf(j->message, sizeof j->message, "%.*s", (int)k, why);
		}
	}
	j->ended = time(NULL);
	j->fd = -1;
	persist(j);
	bump(j);
	pthread_mutex_unlock(&mu);
	return NULL;
}

int jobs_start(const char *name, const char *dir, const char *kind, const char *const *argv)
{
	pthread_mutex_lock(&mu);
	struct job *j = find(name, 1);
	if (!j) {
		pthread_mutex_unlock(&mu);
		return err_set(ERR_GENERIC, "too many jobs");
	}
	if (j->state == JOB_RUNNING) {
		pthread_mutex_unlock(&mu);
		return err_set(ERR_INPUT, "a %s job is already running for %s; wait for it to finish", j->kind, name);
	}
	int fds[2];
	if (pipe(fds) < 0) {
		pthread_mutex_unlock(&mu);
		return err_set(ERR_IO, "cannot start a job: %s", strerror(errno));
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
	posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	/* the child gets DRAMA_NO_BAR so its progress comes as plain lines */
	setenv("DRAMA_NO_BAR", "1", 1);
	pid_t pid;
	int rc = posix_spawn(&pid, bin, &fa, NULL, args, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(args);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		pthread_mutex_unlock(&mu);
		return err_set(ERR_IO, "cannot run %s: %s", bin, strerror(rc));
	}
	snprintf(j->dir, sizeof j->dir, "%s", dir);
	snprintf(j->kind, sizeof j->kind, "%s", kind);
	j->pid = pid;
	j->state = JOB_RUNNING;
	j->stage[0] = j->message[0] = j->log[0] = 0;
	j->percent = 0;
	j->exit_code = 0;
	j->started = time(NULL);
	j->ended = 0;
	j->fd = fds[0];
	persist(j);
	bump(j);
	pthread_t th;
	pthread_attr_t at;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	pthread_create(&th, &at, reader, j);
	pthread_attr_destroy(&at);
	pthread_mutex_unlock(&mu);
	return 0;
}

json_t *jobs_status(const char *name, const char *dir)
{
	pthread_mutex_lock(&mu);
	struct job *j = find(name, 0);
	json_t *o = j ? to_json(j) : NULL;
	pthread_mutex_unlock(&mu);
	if (o) return o;
	/* A job from an earlier server run: trust job.json, but a "running" job whose
	 * process is gone was interrupted. */
	char *path = path_join(dir, "job.json");
	o = json_load_file(path, 0, NULL);
	free(path);
	if (!o || !json_is_object(o)) {
		if (o) json_decref(o);
		return json_pack("{s:s, s:i}", "state", "none", "version", 0);
	}
	const char *st = json_string_value(json_object_get(o, "state"));
	json_int_t pid = json_integer_value(json_object_get(o, "pid"));
	if (st && !strcmp(st, "running") && (pid <= 0 || kill((pid_t)pid, 0) < 0)) {
		json_object_set_new(o, "state", json_string("interrupted"));
		json_object_set_new(o, "message", json_string("the job stopped when the server stopped; start it again to resume"));
	}
	json_object_del(o, "pid");
	return o;
}

unsigned jobs_wait(const char *name, unsigned seen, int timeout_ms)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += timeout_ms / 1000;
	ts.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
	pthread_mutex_lock(&mu);
	for (;;) {
		struct job *j = find(name, 0);
		unsigned v = j ? j->version : 0;
		if (v != seen) { pthread_mutex_unlock(&mu); return v; }
		if (pthread_cond_timedwait(&changed, &mu, &ts) == ETIMEDOUT) break;
	}
	struct job *j = find(name, 0);
	unsigned v = j ? j->version : 0;
	pthread_mutex_unlock(&mu);
	return v;
}
