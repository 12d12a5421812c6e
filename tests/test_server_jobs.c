/* tests/test_server_jobs.c — the focus of this file is the workbench's jobs surviving
 * anything (issue 18): the project writer lock held by the drama process itself, jobs
 * started with a clean signal state, Cancel (SIGTERM, then SIGKILL after the grace
 * period), and a server killed with -9 and restarted while its job runs: the job is found
 * running, no second writer starts, and the finished job reads as finished. */
#define _GNU_SOURCE
#include "test.h"
#include "core/lock.h"
#include "core/model.h"
#include "core/util.h"
#include "server/server.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "server_http.h"

extern char **environ;

/* The lock itself: one holder, a record of pid/start/exit (kept for workbench jobs,
 * removed after a terminal run), stale after a crash. */
TEST(server_project_lock)
{
	char *dir = path_join(test_tmpdir(), "show");
	struct project_lock *a = NULL, *b = NULL;
	struct project_lock_info li;
	CHECK(project_lock_query(dir, &li) == ERR_NOTFOUND);
	CHECK(project_lock_take(dir, "voice", 0, &a) == 0 && !a);   /* no folder made for a stage */
	CHECK(!file_exists(dir));
	/* a run from a terminal leaves no lock file behind */
	unsetenv("DRAMA_KEEP_LOCK");
	char *lf = path_join(dir, PROJECT_LOCK_FILE);
	CHECK(project_lock_take(dir, "make", 1, &a) == 0 && file_exists(lf));
	project_lock_release(a, 0);
	int gone = !file_exists(lf);
	free(lf);
	CHECK(gone);
	/* a workbench job's keeps its record, with the exit code */
	setenv("DRAMA_KEEP_LOCK", "1", 1);
	CHECK(project_lock_take(dir, "make", 1, &a) == 0);
	CHECK(project_lock_take(dir, "render", 1, &b) == ERR_INPUT);     /* a second writer, even in this process */
	char pidtxt[32];
	snprintf(pidtxt, sizeof pidtxt, "pid %d", (int)getpid());
	CHECKF(strstr(err_msg(), pidtxt) && strstr(err_msg(), "drama make"), "%s", err_msg());
	CHECK(project_lock_query(dir, &li) == 0);
	CHECK(li.held && li.pid == (long)getpid() && !li.finished && !strcmp(li.what, "make"));
	CHECK(li.start == proc_start_time(getpid()) && li.start > 0);
	/* the CLI refuses to write a project someone holds */
	char *cmd = xasprintf("'%s' voice '%s' 2>&1", test_drama_bin(), dir), *out = NULL;
	int st = test_run(cmd, &out);
	free(cmd);
	int refused = st != 0 && strstr(out, "is being written by another drama process");
	if (!refused) fprintf(stderr, "  drama voice: %d %s\n", st, out);
	free(out);
	CHECK(refused);
	project_lock_release(a, 3);
	CHECK(project_lock_query(dir, &li) == 0);
	CHECK(!li.held && li.finished && li.exit_code == 3);
	/* a holder that dies without releasing: the kernel drops the lock, the record says
	 * it did not finish */
	pid_t pid = fork();
	if (pid == 0) {
		struct project_lock *c;
		_exit(project_lock_take(dir, "render", 0, &c) == 0 ? 0 : 1);
	}
	int ws;
	waitpid(pid, &ws, 0);
	CHECK(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
	CHECK(project_lock_query(dir, &li) == 0);
	CHECK(!li.held && !li.finished && li.pid == (long)pid && !strcmp(li.what, "render"));
	CHECK(proc_start_time(pid) == 0);
	CHECK(project_lock_take(dir, "render", 0, &b) == 0);
	project_lock_release(b, 0);
	free(dir);
}

/* The job's state field (a static buffer, overwritten by the next call). */
static const char *job_state(int port, const char *name)
{
	static char st[32];
	char path[300];
	snprintf(path, sizeof path, "/api/projects/%s/job", name);
	struct resp r;
	st[0] = 0;
	if (http(port, "GET", path, NULL, NULL, &r) == 0) {
		const char *p = strstr(r.body.s, "\"state\":\"");
		if (p) snprintf(st, sizeof st, "%.*s", (int)strcspn(p + 9, "\""), p + 9);
	}
	resp_free(&r);
	return st;
}

/* Poll until the job's state is `want` (up to seconds); 1 if it got there. */
static int wait_state(int port, const char *name, const char *want, int seconds)
{
	for (int i = 0; i < seconds * 10; i++) {
		if (!strcmp(job_state(port, name), want)) return 1;
		usleep(100000);
	}
	fprintf(stderr, "  %s: state %s, not %s\n", name, job_state(port, name), want);
	return 0;
}

/* Poll until dir's writer lock is held (the job's drama process runs). */
static int wait_lock(const char *dir, int seconds)
{
	struct project_lock_info li;
	for (int i = 0; i < seconds * 20; i++) {
		if (project_lock_query(dir, &li) == 0 && li.held && !li.finished) return 1;
		usleep(50000);
	}
	return 0;
}

/* A job starts with nothing blocked and nothing ignored, although the server blocks
 * SIGINT/SIGTERM in its threads and ignores SIGPIPE; Cancel sends SIGTERM to the job's
 * process group and SIGKILL when the grace period passes. */
TEST(server_job_signals_and_cancel)
{
	char *sig = path_join(test_tmpdir(), "sig.txt");
	/* read with shell builtins only: dash blocks every signal around a fork, and a forked
	 * grep could catch the shell inside that window */
	char *body = xasprintf("while read k v; do case $k in SigBlk:|SigIgn:) echo \"$k $v\";; esac; done < /proc/$$/status > '%s'\n"
	                       "echo 'render: 10%% (0.1s elapsed, ETA 1s) shots' >&2\n"
	                       "trap '' TERM\nsleep 60 &\nwait\nwait\n", sig);
	char *bin = fake_bin("drama-stubborn", body);
	free(body);
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &old);   /* as `drama serve` does */
	struct server *sv = start_with(bin, 400, NULL, NULL, 0);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	CHECK(sv);
	int port = server_port(sv);
	make_project("alpha");
	struct resp r;
	CHECK(http(port, "POST", "/api/projects/alpha/job/cancel", "{}", NULL, &r) == 0);
	CHECK_INT(r.status, 409);   /* nothing runs */
	resp_free(&r);
	CHECK(http(port, "POST", "/api/projects/alpha/jobs", "{\"stage\": \"render\"}", NULL, &r) == 0);
	CHECK_INT(r.status, 202);
	resp_free(&r);
	char *txt = NULL;
	for (int i = 0; i < 50 && !(file_exists(sig) && file_read_all(sig, &txt, NULL) == 0 && strstr(txt, "SigIgn")); i++) {
		free(txt);
		txt = NULL;
		usleep(100000);
	}
	/* nothing blocked; no standard signal (1-31) ignored (glibc's posix_spawn leaves its
	 * two internal real-time signals, 32 and 33, ignored: 0000000180000000) */
	const char *ign = txt ? strstr(txt, "SigIgn: ") : NULL;
	CHECKF(txt && strstr(txt, "SigBlk: 0000000000000000") && ign && (strtoull(ign + 8, NULL, 16) & 0x7fffffffULL) == 0, "%s", txt ? txt : "(none)");
	free(txt);
	char *st = NULL;
	for (int i = 0; i < 50; i++) {
		CHECK(http(port, "GET", "/api/projects/alpha/job", NULL, NULL, &r) == 0);
		int seen = strstr(r.body.s, "\"stage\":\"render\",\"percent\":10") != NULL;
		if (seen) st = xstrdup(r.body.s);
		resp_free(&r);
		if (seen) break;
		usleep(100000);
	}
	/* overall: design, voice and music done (8 + 14 + 8 of 96), render 10% of its 66 */
	CHECKF(st && strstr(st, "\"overall\":38") && strstr(st, "\"state\":\"running\""), "%s", st ? st : "(no progress)");
	free(st);
	double t0 = now_sec();
	CHECK(http(port, "POST", "/api/projects/alpha/job/cancel", "{}", NULL, &r) == 0);
	CHECK_INT(r.status, 202);
	resp_free(&r);
	CHECK(wait_state(port, "alpha", "cancelled", 10));
	double dt = now_sec() - t0;
	fprintf(stderr, "  a job that ignores SIGTERM stopped %.1f s after Cancel (grace 0.4 s)\n", dt);
	CHECK(dt >= 0.35);
	/* the whole process group is gone: no `sleep 60` left behind */
	char *jj = path_join(test_tmpdir(), "ws/alpha/job.json");
	json_t *j = json_load_file(jj, 0, NULL);
	free(jj);
	pid_t pid = (pid_t)json_integer_value(json_object_get(j, "pid"));
	json_decref(j);
	CHECK(pid > 0);
	int gone = 0;
	for (int i = 0; i < 100 && !gone; i++) { gone = kill(-pid, 0) < 0 && errno == ESRCH; if (!gone) usleep(50000); }
	CHECK(gone);
	server_stop(sv);
	free(bin);
	free(sig);
}

/* Cancel a real job: it stops, the project stays loadable and the next job runs. */
TEST(server_job_cancel_real)
{
	struct server *sv = start(NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	struct resp r;
	CHECK(http(port, "POST", "/api/projects", "{\"keywords\": \"noodle stall, rival chef\", \"size\": \"216x384\", \"fps\": 10, \"minutes\": 0.5}", NULL, &r) == 0);
	CHECK_INT(r.status, 201);
	resp_free(&r);
	char *dir = path_join(test_tmpdir(), "ws/noodle_stall_rival_chef"), *sb = path_join(dir, "storyboard.json");
	/* cancel after the script is written, while the cast is designed or voiced */
	int written = 0;
	for (int i = 0; i < 1200 && !written; i++) { written = file_exists(sb); if (!written) usleep(50000); }
	free(sb);
	CHECK(written);
	CHECK(wait_lock(dir, 20));
	/* cancelled after the script stage (the follow-up `script` job re-imports its
	 * script.fountain): under load the cancel could otherwise land before it */
	char *fp = path_join(dir, "script.fountain");
	for (int i = 0; i < 600 && !file_exists(fp); i++) usleep(50000);
	int have_script = file_exists(fp);
	free(fp);
	CHECK(have_script);
	CHECK(http(port, "POST", "/api/projects/noodle_stall_rival_chef/job/cancel", "{}", NULL, &r) == 0);
	CHECK_INT(r.status, 202);
	resp_free(&r);
	CHECK(wait_state(port, "noodle_stall_rival_chef", "cancelled", 10));
	struct project_lock_info li;
	CHECK(project_lock_query(dir, &li) == 0 && !li.held);
	/* consistent: the folder opens, and a job can run on it to the end */
	struct project *p = NULL;
	CHECKF(project_open(dir, 0, &p) == 0, "%s", err_msg());
	project_free(p);
	CHECK(http(port, "POST", "/api/projects/noodle_stall_rival_chef/jobs", "{\"stage\": \"design\"}", NULL, &r) == 0);
	CHECK_INT(r.status, 202);
	resp_free(&r);
	CHECK(wait_state(port, "noodle_stall_rival_chef", "done", 180));
	server_stop(sv);
	free(dir);
}

/* `drama serve WS --port 0` as a separate process; returns its pid, *port set. */
static pid_t serve(int *port)
{
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) < 0) return -1;
	char *ws = path_join(test_tmpdir(), "ws"), *log = path_join(test_tmpdir(), "serve.log");
	char *argv[] = { (char *)test_drama_bin(), "serve", ws, "--port", "0", NULL };
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, log, O_WRONLY | O_CREAT | O_APPEND, 0644);
	pid_t pid;
	int rc = posix_spawn(&pid, test_drama_bin(), &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	free(ws);
	free(log);
	if (rc) { close(fds[0]); return -1; }
	char buf[256];
	size_t n = 0;
	*port = 0;
	struct pollfd pf = { fds[0], POLLIN, 0 };
	while (n < sizeof buf - 1 && poll(&pf, 1, 10000) > 0) {
		ssize_t k = read(fds[0], buf + n, sizeof buf - 1 - n);
		if (k <= 0) break;
		n += (size_t)k;
		buf[n] = 0;
		if (strchr(buf, '\n')) break;
	}
	buf[n] = 0;
	close(fds[0]);
	if (sscanf(buf, "http://127.0.0.1:%d/", port) != 1) { kill(pid, SIGKILL); waitpid(pid, NULL, 0); return -1; }
	return pid;
}

static void kill9(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* The server dies (-9) while its job runs. Restarted, it finds the job running and
 * follows it; a new job is refused (409) and the CLI cannot start a second writer; when
 * the orphan finishes, the job reads "done", and still does after another restart. A job
 * killed together with its server reads "interrupted". The keywords are "-o" (issue 18:
 * they once made the job write a project into the server's working directory). */
TEST(server_restart_after_kill9)
{
	/* the orphaned jobs become this process's children (not init's, which may not reap
	 * them here), and are reaped at the end */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	int port;
	pid_t sv = serve(&port);
	CHECK(sv > 0);
	struct resp r;
	CHECK(http(port, "POST", "/api/projects", "{\"keywords\": \"-o\", \"size\": \"216x384\", \"fps\": 10, \"minutes\": 0.5}", NULL, &r) == 0);
	CHECKF(r.status == 201 && strstr(r.body.s, "\"name\":\"project\""), "%ld %s", r.status, r.body.s);
	resp_free(&r);
	char *dir = path_join(test_tmpdir(), "ws/project");
	CHECK(wait_lock(dir, 20));
	struct project_lock_info li;
	project_lock_query(dir, &li);
	pid_t orphan1 = (pid_t)li.pid;
	kill9(sv);
	sv = serve(&port);
	CHECK(sv > 0);
	const char *st = job_state(port, "project");
	int running = !strcmp(st, "running");
	if (!running) { fprintf(stderr, "  after restart: %s\n", st); kill9(sv); }
	CHECK(running);
	CHECK(http(port, "POST", "/api/projects/project/jobs", "{\"stage\": \"render\"}", NULL, &r) == 0);
	long again = r.status;
	resp_free(&r);
	char *cmd = xasprintf("'%s' render '%s' 2>&1", test_drama_bin(), dir), *out = NULL;
	int cli = test_run(cmd, &out);
	free(cmd);
	int cli_refused = cli != 0 && strstr(out, "is being written by another drama process");
	if (!cli_refused) fprintf(stderr, "  drama render while the orphan runs: %d %s\n", cli, out);
	free(out);
	int done = wait_state(port, "project", "done", 120);
	/* the log was followed again: it holds the render's end */
	CHECK(http(port, "GET", "/api/projects/project/job", NULL, NULL, &r) == 0);
	int log_ok = strstr(r.body.s, "render: done") != NULL;
	if (!log_ok) fprintf(stderr, "  job: %s\n", r.body.s);
	resp_free(&r);
	kill9(sv);
	CHECK_INT(again, 409);
	CHECK(cli_refused);
	CHECK(done);
	CHECK(log_ok);
	char *mp4 = path_join(dir, "ep01.mp4"), *cwd_sb = path_join(test_tmpdir(), "storyboard.json");
	int made = file_exists(mp4) && !file_exists(cwd_sb);
	free(mp4);
	free(cwd_sb);
	CHECK(made);
	sv = serve(&port);
	CHECK(sv > 0);
	st = job_state(port, "project");
	int still_done = !strcmp(st, "done");
	/* a job killed with its server: interrupted, and Render may start again */
	CHECK(http(port, "POST", "/api/projects/project/jobs", "{\"stage\": \"render\", \"size\": \"180x320\"}", NULL, &r) == 0);
	long started = r.status;
	resp_free(&r);
	int locked = wait_lock(dir, 20);
	project_lock_query(dir, &li);
	pid_t orphan2 = (pid_t)li.pid;
	kill9(sv);
	if (locked) kill(-(pid_t)li.pid, SIGKILL);
	for (int i = 0; i < 100 && project_lock_query(dir, &li) == 0 && li.held; i++) usleep(50000);
	sv = serve(&port);
	CHECK(sv > 0);
	st = job_state(port, "project");
	int interrupted = !strcmp(st, "interrupted");
	if (!interrupted) fprintf(stderr, "  killed job reads %s\n", st);
	kill9(sv);
	free(dir);
	waitpid(orphan1, NULL, 0);
	if (locked) waitpid(orphan2, NULL, 0);
	prctl(PR_SET_CHILD_SUBREAPER, 0);
	CHECK(still_done);
	CHECK_INT(started, 202);
	CHECK(locked);
	CHECK(interrupted);
}
