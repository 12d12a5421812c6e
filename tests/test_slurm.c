/* tests/test_slurm.c — the focus of this file is a series on a real Slurm cluster: a
 * single-node one started by tests/slurm/start.sh (munged, slurmctld, slurmd as root, no
 * accounting database). `drama make ... --slurm` submits script -> design -> array ->
 * final; each episode's MP4 is byte-identical to a local make; a cancelled array task is
 * reported by `drama status` and a rerun submits that episode alone; a task that cannot
 * see the project folder fails with exit 3 and a clear message; no sbatch or no controller
 * gives one line. Skipped (with the reason) where Slurm or root is missing. (slurm-1..3) */
#include "test.h"
#include "drama_run.h"
#include "core/util.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SERIES "'milk tea shop, prince' --episodes 4 --size 540x960 --minutes 1 --fps 15"

/* The repository (tests/slurm/ is there): the drama binary is REPO/build/drama (or build-san). */
static char *repo_dir(void)
{
	char *b = xstrdup(test_drama_bin());
	char *d = xstrdup(dirname(dirname(b)));
	free(b);
	return d;
}

/* Wait (up to 30 minutes, a safety net, not a measure) until the cluster's queue is empty. */
static int wait_queue_empty(void)
{
	for (int i = 0; i < 1800; i++) {
		char *out = NULL;
		int st = shell_run(&out, "squeue -h");
		int empty = st == 0 && (!out || !out[strspn(out, " \n")]);
		free(out);
		if (empty) return 0;
		sleep(1);
	}
	return -1;
}


/* The steps on a running cluster; the caller stops it whatever happens here. */
static void on_cluster(void)
{
	char *out = NULL;
	int st = drama_run(&out, "make " SERIES " -o local --jobs 2");
	CHECKF(st == 0, "local make: %s", out);
	free(out);

	/* slurm-1: submit; one array task cancelled before it runs */
	out = NULL;
	st = drama_run(&out, "make " SERIES " -o cl --slurm");
	CHECKF(st == 0 && strstr(out, "script ") && strstr(out, "design ") && strstr(out, "(array 1,2,3,4)") && strstr(out, "final "),
	       "submit: %s", out);
	long long array = 0;
	const char *ep = strstr(out, "episodes ");
	CHECK(ep && sscanf(ep, "episodes %lld", &array) == 1 && array > 0);
	free(out);
	out = NULL;
	st = shell_run(&out, "scancel %lld_2", array);
	CHECKF(st == 0, "scancel: %s", out);
	free(out);
	out = NULL;
	st = drama_run(&out, "status cl");
	CHECKF(st == 0 && (strstr(out, "PENDING") || strstr(out, "RUNNING")), "status while queued: %s", out);
	CHECKF(strstr(out, "\n2        missing (cancelled or lost)"), "status after scancel: %s", out);
	free(out);
	CHECK(wait_queue_empty() == 0);
	out = NULL;
	st = drama_run(&out, "status cl");
	CHECKF(st == 0 && strstr(out, "\n1        done") && strstr(out, "\n3        done") && strstr(out, "\n4        done") &&
	       strstr(out, "\n2        missing") && strstr(out, "3 done, 0 queued, 0 failed, 1 missing of 4 episodes"),
	       "status after the run: %s", out);
	CHECKF(strstr(out, "final    job") && strstr(out, "not queued, not done"), "the final job never ran: %s", out);
	free(out);
	char *log1 = NULL, *log1_after = NULL;
	size_t n1 = 0;
	char *p1 = xasprintf("%s/cl/slurm/logs/ep01.log", test_tmpdir());
	CHECK(file_read_all(p1, &log1, &n1) == 0);

	/* slurm-2: the same command again submits episode 2 alone */
	out = NULL;
	st = drama_run(&out, "make " SERIES " -o cl --slurm");
	CHECKF(st == 0 && strstr(out, "(array 2)\n") && !strstr(out, "script ") && !strstr(out, "design "), "resubmit: %s", out);
	free(out);
	CHECK(wait_queue_empty() == 0);
	out = NULL;
	st = drama_run(&out, "status cl");
	CHECKF(st == 0 && strstr(out, "4 done, 0 queued, 0 failed, 0 missing of 4 episodes") && strstr(out, "final    job") &&
	       !strstr(out, "not queued, not done"), "status after the rerun: %s", out);
	free(out);
	CHECK(file_read_all(p1, &log1_after, &n1) == 0);
	CHECKF(!strcmp(log1, log1_after), "episode 1 ran again");
	free(log1);
	free(log1_after);
	free(p1);
	for (int e = 1; e <= 4; e++) {
		char *a = xasprintf("%s/local/ep%02d.mp4", test_tmpdir(), e), *b = xasprintf("%s/cl/ep%02d.mp4", test_tmpdir(), e);
		int same = file_same_bytes(a, b);
		free(a);
		free(b);
		CHECKF(same, "episode %d made on Slurm differs from the local make", e);
	}
	/* the final job's series contact sheet and ledger: the same sheet as the local make's */
	char *sl = xasprintf("%s/local/series.contact.png", test_tmpdir()), *sc = xasprintf("%s/cl/series.contact.png", test_tmpdir()),
	     *lc = xasprintf("%s/cl/ledger.json", test_tmpdir()), *ix = xasprintf("%s/cl/slurm/index.txt", test_tmpdir());
	CHECKF(file_same_bytes(sl, sc), "the final job's series.contact.png differs from the local make's");
	CHECK(file_exists(lc) && file_exists(ix));
	free(sl);
	free(sc);
	free(lc);
	free(ix);

	/* slurm-3: a node that cannot see the project folder: the task fails at once, saying so */
	out = NULL;
	st = shell_run(&out, "sed \"s|^P=.*|P='/nonexistent/cl'|\" cl/slurm/episode.sbatch > elsewhere.sbatch && "
	               "SLURM_ARRAY_TASK_ID=1 sh elsewhere.sbatch");
	CHECKF(WEXITSTATUS(st) == 3 || st == 3, "exit %d: %s", st, out);
	CHECKF(strstr(out, "cannot see the project folder /nonexistent/cl; it must be on a filesystem every node"), "%s", out);
	free(out);
}

TEST(slurm_series_end_to_end)
{
	char *repo = repo_dir(), *out = NULL;
	int st = shell_run(&out, "'%s/tests/slurm/start.sh' cluster", repo);
	if (st == 77) {
		printf("  SKIP: %s", out ? out : "no Slurm here\n");
		free(out);
		free(repo);
		return;
	}
	CHECKF(st == 0, "tests/slurm/start.sh: %s", out);
	free(out);
	char *conf = xasprintf("%s/cluster/slurm.conf", test_tmpdir());
	setenv("SLURM_CONF", conf, 1);
	on_cluster();
	out = NULL;
	shell_run(&out, "'%s/tests/slurm/stop.sh' cluster", repo);
	unsetenv("SLURM_CONF");
	free(out);
	free(conf);
	free(repo);
}

/* slurm-4: one line, and nothing made, when there is no sbatch or no controller */
TEST(slurm_errors)
{
	char *out = NULL;
	int st = shell_run(&out, "PATH=/nonexistent '%s' make palace -o nos --slurm", test_drama_bin());
	CHECKF(st == 1 && strstr(out, "drama: --slurm: sbatch is not installed here; install Slurm's client tools"), "%s", out);
	free(out);
	out = NULL;
	st = shell_run(&out, "command -v scontrol >/dev/null || { echo 'SKIP: no scontrol'; exit 0; }; "
	               "printf 'ClusterName=x\\nSlurmctldHost=localhost(127.0.0.1)\\nSlurmctldPort=9\\nAuthType=auth/munge\\n"
	               "AuthInfo=socket=%s/none.socket\\nNodeName=localhost CPUs=1\\nPartitionName=p Nodes=localhost\\n' > bad.conf && "
	               "SLURM_CONF=$PWD/bad.conf '%s' make palace -o nos --slurm",
	               test_tmpdir(), test_drama_bin());
	if (out && strstr(out, "SKIP")) { printf("  %s", out); free(out); return; }
	CHECKF(st == 1 && strstr(out, "drama: --slurm: the Slurm controller does not answer (`scontrol ping`: ") &&
	       !strchr(strstr(out, "drama: --slurm") , '*'), "%s", out);
	free(out);
	char *nos = xasprintf("%s/nos", test_tmpdir());
	CHECK(!file_exists(nos));
	free(nos);
}

/* slurm-5: status without any Slurm tools: from the outputs alone */
TEST(slurm_status_without_slurm)
{
	char *out = NULL;
	int st = drama_run(&out, "make palace -o st --episodes 2 --size 64x112 --fps 5 --minutes 0.5 --jobs 1");
	CHECKF(st == 0, "%s", out);
	free(out);
	out = NULL;
	st = shell_run(&out, "rm st/ep02.mp4 && PATH=/nonexistent '%s' status st", test_drama_bin());
	CHECKF(st == 0 && strstr(out, "\n1        done       -") && strstr(out, "\n2        missing") &&
	       strstr(out, "1 done, 0 queued, 0 failed, 1 missing of 2 episodes"), "%s", out);
	free(out);
}
