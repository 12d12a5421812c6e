/* server/jobs.h — background jobs for the workbench: one child `drama` process per
 * project at a time. The child writes its progress to PROJECT/job.log and holds the
 * project's writer lock (core/lock.h) itself, so a job outlives the server, and a server
 * restarted after a crash finds it again: job.json + the lock + the log tell finished,
 * failed, still running (the log is followed again) or interrupted.
 *
 *   jobs_init("/usr/bin/drama", 5000);
 *   const char *argv[] = { "render", "--", "/ws/show", NULL };
 *   if (jobs_start("show", "/ws/show", "make", "design,voice,music,render", argv) == ERR_INPUT) ... 409 ...
 *   json_t *st = jobs_status("show", "/ws/show");   // caller json_decref()s
 */
#ifndef DRAMA_SERVER_JOBS_H
#define DRAMA_SERVER_JOBS_H

#include <jansson.h>

enum job_state { JOB_NONE, JOB_RUNNING, JOB_DONE, JOB_FAILED, JOB_INTERRUPTED, JOB_CANCELLED };

/* drama_bin: the executable jobs run; grace_ms: how long Cancel waits after SIGTERM
 * before SIGKILL (0 = 5000). */
void jobs_init(const char *drama_bin, int grace_ms);
void jobs_shutdown(void);
/* Start `drama argv...` for the project folder dir (name = project name, kind = what the
 * page asked for, plan = the comma-separated stages it will run, for the overall
 * progress). Returns 0, or <0 with err_msg: ERR_INPUT when a job (this server's, an
 * earlier server's, or a `drama` run from a terminal) holds the project. argv is copied. */
int jobs_start(const char *name, const char *dir, const char *kind, const char *plan, const char *const *argv);
/* The job's state as JSON (new reference): state, kind, stage, percent, overall, eta,
 * message, log, version, exit_code, started, ended. */
json_t *jobs_status(const char *name, const char *dir);
/* Ask the running job to stop: SIGTERM to its process group, SIGKILL after the grace
 * period. Returns 0, or ERR_INPUT (err_msg) when nothing runs. */
int jobs_cancel(const char *name, const char *dir);
/* Wait up to timeout_ms for the job's version to differ from `seen`; returns the version. */
unsigned jobs_wait(const char *dir, unsigned seen, int timeout_ms);
/* A number that changes whenever any job's state or progress changes. */
unsigned jobs_generation(void);
/* Is the project's writer lock held by a live process (any job, ours or not)? */
int jobs_project_busy(const char *dir);

#endif
