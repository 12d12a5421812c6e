/* cluster/slurm.h — a series on a Slurm cluster: `drama make ... --slurm` writes batch
 * scripts into PROJECT/slurm/ and submits script -> design -> a job array with one task
 * per episode (voice, music, render: `drama render DIR --episode N`) -> a final job (the
 * series index), each waiting for the one before with --dependency=afterok. It prints the
 * job ids and returns. Rerun, it submits only what is not done and not queued: the
 * episodes that failed, were cancelled or never ran. `drama status DIR` tells each
 * episode's state from squeue (and sacct, where the cluster keeps accounting), the task
 * logs and exit files under PROJECT/slurm/logs/, and the outputs.
 *
 * The project folder must be on a filesystem every node sees at the same path (NFS,
 * Lustre, CephFS...), and the drama binary too; a task that cannot see them fails at once
 * with exit code 3 and says so (docs/cluster.md).
 *
 *   struct slurm_opts so = { .partition = "gpu", .gres = "gpu:1" };
 *   struct sbuf rep = { 0 };
 *   if (slurm_submit(&r, &so, &rep) < 0) die(err_msg());
 *   fputs(rep.s, stdout);                 // "script 101\ndesign 102\nepisodes 103 ..."
 *   sb_free(&rep);
 */
#ifndef DRAMA_CLUSTER_SLURM_H
#define DRAMA_CLUSTER_SLURM_H

#include "pipeline/pipeline.h"

struct slurm_opts {
	const char *partition, *account, *time, *gres;   /* NULL = the cluster's defaults */
	const char *exe;                                 /* the drama binary the tasks run (absolute) */
};

/* Write and submit (see above). r: as for pipeline_make (dir set). The caller holds the
 * project lock *lock; it is released (and *lock set to NULL) before the first sbatch, so
 * the jobs can take it. Returns 0 with the job ids in report, or <0 with err_msg (sbatch
 * missing, controller unreachable, a different project in the folder, ...). */
int slurm_submit(const struct pipeline_req *r, const struct slurm_opts *o, struct project_lock **lock, struct sbuf *report);

/* `drama status DIR`: a table of the shared jobs and each episode's state into report.
 * Works without Slurm's tools (from the files alone). Returns 0 or <0 with err_msg. */
int slurm_status(const char *dir, struct sbuf *report);

#endif
