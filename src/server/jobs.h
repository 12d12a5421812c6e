/* server/jobs.h — background jobs for the workbench: one child `drama` process per
 * project at a time; progress parsed from its stderr; state mirrored to PROJECT/job.json. */
#ifndef DRAMA_SERVER_JOBS_H
#define DRAMA_SERVER_JOBS_H

#include <jansson.h>

enum job_state { JOB_NONE, JOB_RUNNING, JOB_DONE, JOB_FAILED, JOB_INTERRUPTED };

void jobs_init(const char *drama_bin);
void jobs_shutdown(void);
/* Start `drama argv...` for the project folder dir (name = project name). Returns 0,
 * or <0 with err_msg ("a job is already running" → ERR_INPUT). argv is copied. */
int jobs_start(const char *name, const char *dir, const char *kind, const char *const *argv);
/* The job's state as JSON (new reference): state, kind, stage, percent, message, log,
 * version, exit_code. Reads PROJECT/job.json for jobs from an earlier server run. */
json_t *jobs_status(const char *name, const char *dir);
/* Wait up to timeout_ms for the job's version to differ from `seen`; returns the version. */
unsigned jobs_wait(const char *name, unsigned seen, int timeout_ms);

#endif
