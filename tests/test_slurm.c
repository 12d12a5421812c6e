/* tests/test_slurm.c — the focus of this file is a series on a real Slurm cluster: a
 * single-node one started by tests/slurm/start.sh (munged, slurmctld, slurmd as root, and
 * for accounting a private MariaDB and slurmdbd). `drama make ... --slurm` submits script ->
 * design -> array -> final; each episode's MP4 is byte-identical to a local make; an array
 * task cancelled while it runs is reported CANCELLED from sacct (the others COMPLETED) and a
 * rerun submits that episode alone; `drama status` reads sacct's output robustly and says
 * in one line when sacct cannot help (stand-in tools, slurm-6); a task that cannot
 * see the project folder fails with exit 3 and a clear message; no sbatch or no controller
 * gives one line. Skipped (with the reason) where Slurm or root is missing. (slurm-1..6) */
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

/* The status table's line of episode ep (without its newline) into line; "" if none. */
static void ep_line(const char *out, int ep, char *line, size_t n)
{
	char key[16];
	snprintf(key, sizeof key, "\n%d ", ep);
	const char *l = out ? strstr(out, key) : NULL;
	line[0] = 0;
	if (l) snprintf(line, n, "%.*s", (int)strcspn(l + 1, "\n"), l + 1);
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


/* Wait (a safety net, not a measure) until squeue lists task in state want, or 1 when it has
 * left the queue; 0 when it is there, -1 when it never came to that. */
static int wait_task(const char *task, const char *want)
{
	for (int i = 0; i < 1800; i++) {
		char *out = NULL;
		int st = shell_run(&out, "squeue -h -r -j %s -o %%T", task);
		int gone = st != 0 || !out || !out[strspn(out, " \n")], there = out && want && !strncmp(out, want, strlen(want));
		free(out);
		if (there) return 0;
		if (gone) return 1;
		sleep(1);
	}
	return -1;
}

/* Wait until the accounting has each of ids (comma-separated) in a final state: slurmctld
 * sends a task's end to slurmdbd a moment after it leaves the queue. */
static int wait_accounted(const char *ids)
{
	for (int i = 0; i < 120; i++) {
		char *out = NULL;
		int st = shell_run(&out, "sacct -X -P -n -j %s -o State | grep -cvE '^(COMPLETED|CANCELLED|FAILED|TIMEOUT|OUT_OF_MEMORY)'", ids);
		int pending = st != 1 || !out || atoi(out) != 0;   /* grep -c: 0 lines not final, exit 1 */
		free(out);
		if (!pending) return 0;
		sleep(1);
	}
	return -1;
}

/* The steps on a running cluster; the caller stops it whatever happens here. accounting:
 * the cluster keeps it (tests/slurm/start.sh wrote DIR/accounting = "slurmdbd"). */
static void on_cluster(int accounting)
{
	char *out = NULL;
	int st = drama_run(&out, "make " SERIES " -o local --jobs 2");
	CHECKF(st == 0, "local make: %s", out);
	free(out);

	/* slurm-1: submit; one array task cancelled while it runs */
	out = NULL;
	st = drama_run(&out, "make " SERIES " -o cl --slurm");
	CHECKF(st == 0 && strstr(out, "script ") && strstr(out, "design ") && strstr(out, "(array 1,2,3,4)") && strstr(out, "final "),
	       "submit: %s", out);
	long long array = 0;
	const char *ep = strstr(out, "episodes ");
	CHECK(ep && sscanf(ep, "episodes %lld", &array) == 1 && array > 0);
	free(out);
	out = NULL;
	st = drama_run(&out, "status cl");
	CHECKF(st == 0 && (strstr(out, "PENDING") || strstr(out, "RUNNING")), "status while queued: %s", out);
	free(out);
	char task2[64], tasks[128];
	snprintf(task2, sizeof task2, "%lld_2", array);
	snprintf(tasks, sizeof tasks, "%lld_1,%lld_2,%lld_3,%lld_4", array, array, array, array);
	CHECKF(wait_task(task2, "RUNNING") == 0, "task %s never ran", task2);
	/* RUNNING comes a moment before the batch script starts: cancel once it has begun its log */
	char *log2 = xasprintf("%s/cl/slurm/logs/ep02.log", test_tmpdir());
	for (int i = 0; i < 600 && !file_exists(log2); i++) usleep(100000);
	CHECKF(file_exists(log2), "task %s never started its log", task2);
	free(log2);
	out = NULL;
	st = shell_run(&out, "scancel %s", task2);
	CHECKF(st == 0, "scancel: %s", out);
	free(out);
	CHECK(wait_task(task2, NULL) == 1);
	CHECK(wait_queue_empty() == 0);
	if (accounting) CHECKF(wait_accounted(tasks) == 0, "the accounting never recorded the ends of %s", tasks);
	out = NULL;
	st = drama_run(&out, "status cl");
	char l[4][256];
	for (int e = 0; e < 4; e++) ep_line(out, e + 1, l[e], sizeof l[e]);
	CHECKF(st == 0 && !strncmp(l[0], "1        done ", 13) && !strncmp(l[2], "3        done ", 13) && !strncmp(l[3], "4        done ", 13) &&
	       strstr(l[1], "slurm/logs/ep02.log"), "status after the run: %s", out);
	if (accounting) {
		/* sacct: the cancelled task and the completed ones, each with its elapsed time */
		CHECKF(!strncmp(l[1], "2        failed", 15) && strstr(l[1], " CANCELLED by 0 ") &&
		       strstr(out, "3 done, 0 queued, 1 failed, 0 missing of 4 episodes") && !strstr(out, "note:"),
		       "status with sacct after the run: %s", out);
		for (int e = 0; e < 4; e++) {
			int num = 0;
			char state[32] = "", slurm[32] = "", job[64] = "", el[32] = "";
			sscanf(l[e], "%d %31s %31s %63s %31s", &num, state, slurm, job, el);
			CHECKF(e == 1 || (!strcmp(slurm, "COMPLETED") && el[0] >= '0' && el[0] <= '9'), "episode %d: %s", e + 1, out);
		}
		CHECKF(strstr(out, "\nfinal    job") && strstr(out, "not done (sacct: CANCELLED"), "the final job never ran: %s", out);
	} else {
		printf("  SKIP (sacct part): no accounting in the test cluster\n");
		CHECKF(!strncmp(l[1], "2        missing (cancelled or lost)", 36) &&
		       strstr(out, "3 done, 0 queued, 0 failed, 1 missing of 4 episodes") && strstr(out, "note: sacct: this cluster keeps no accounting"),
		       "status without sacct after the run: %s", out);
		CHECKF(strstr(out, "\nfinal    job") && strstr(out, "not queued, not done"), "the final job never ran: %s", out);
	}
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
	       !strstr(out, "not queued, not done") && !strstr(out, "not done (sacct"), "status after the rerun: %s", out);
	ep_line(out, 2, l[1], sizeof l[1]);
	CHECKF(!accounting || (strstr(l[1], " COMPLETED ") && !strstr(l[1], task2)), "episode 2 after the rerun: %s", out);
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
	/* absolute paths, and stop.sh run from anywhere: it stops the cluster even if the case's folder went */
	char *stop = xasprintf("'%s/tests/slurm/stop.sh' '%s/cluster'", repo, test_tmpdir());
	int st = shell_run(&out, "'%s/tests/slurm/start.sh' '%s/cluster'", repo, test_tmpdir());
	if (st == 77) {
		printf("  SKIP: %s", out ? out : "no Slurm here\n");
		free(out);
		free(stop);
		free(repo);
		return;
	}
	if (st != 0) {
		test_fail(__FILE__, __LINE__, "tests/slurm/start.sh: %s", out);
		test_run(stop, NULL);   /* what did start: the pid files say what */
		free(out);
		free(stop);
		free(repo);
		return;
	}
	printf("  %s", out ? out : "");
	free(out);
	char *conf = xasprintf("%s/cluster/slurm.conf", test_tmpdir()), *acct = NULL, *ap = xasprintf("%s/cluster/accounting", test_tmpdir());
	size_t n = 0;
	file_read_all(ap, &acct, &n);
	setenv("SLURM_CONF", conf, 1);
	on_cluster(acct && !strncmp(acct, "slurmdbd", 8));
	free(acct);
	free(ap);
	test_run(stop, NULL);
	free(stop);
	unsetenv("SLURM_CONF");
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
	char l1[256], l2[256];
	ep_line(out, 1, l1, sizeof l1);
	ep_line(out, 2, l2, sizeof l2);
	CHECKF(st == 0 && !strncmp(l1, "1        done ", 13) && strstr(l1, " -  ") && !strncmp(l2, "2        missing ", 17) &&
	       strstr(out, "1 done, 0 queued, 0 failed, 1 missing of 2 episodes") && !strstr(out, "note:"), "%s", out);
	free(out);
}

/* Stand-ins for squeue, sacct, scontrol and sbatch in ./bin: each records its arguments in
 * ./bin/NAME.args; what they answer is in ./bin/NAME.out (and NAME.rc). */
static int fake_tools(void)
{
	return shell_run(NULL, "mkdir -p bin && for t in squeue sacct scontrol sbatch; do "
	                 "printf '#!/bin/sh\\necho \"$*\" >>\"%s/bin/'$t'.args\"\\ncat \"%s/bin/'$t'.out\" 2>/dev/null\\n"
	                 "exit $(cat \"%s/bin/'$t'.rc\" 2>/dev/null || echo 0)\\n' > bin/$t && chmod +x bin/$t; done",
	                 test_tmpdir(), test_tmpdir(), test_tmpdir());
}

/* slurm-6: status from sacct (stand-in tools, no cluster): a task squeue no longer lists is
 * judged by sacct's state when it left no exit file (CANCELLED, OUT_OF_MEMORY), sacct is asked
 * only about those tasks, hostile lines in its answer change nothing, and the resubmit takes
 * exactly the failed episodes */
TEST(slurm_status_sacct)
{
	char *out = NULL;
	/* status reads the storyboard, the designs and whether each MP4 is there: no need to render */
	int st = drama_run(&out, "script st --episodes 4 --size 64x112 --fps 5 --minutes 0.5 palace && "
	                   "'%s' design st && touch st/ep01.mp4 st/ep02.mp4 st/ep03.mp4 st/ep04.mp4", test_drama_bin());
	CHECKF(st == 0, "%s", out);
	free(out);
	CHECK(fake_tools() == 0);
	/* tasks 7_1..7_4: 1 finished (exit file 0), 2 cancelled while running, 3 running, 4 killed for memory */
	st = shell_run(NULL, "mkdir -p st/slurm/logs && rm st/ep02.mp4 st/ep04.mp4 && echo 0 > st/slurm/logs/ep01.exit && "
	               "echo started > st/slurm/logs/ep02.log && "
	               "printf '{\"script\": \"5\", \"design\": \"6\", \"final\": \"8\", \"episodes\": "
	               "{\"1\": \"7_1\", \"2\": \"7_2\", \"3\": \"7_3\", \"4\": \"7_4\"}}' > st/slurm/jobs.json && "
	               "echo '7_3 RUNNING' > bin/squeue.out && "
	               "printf 'sacct: warning: a line that is not a job\\n7_1|COMPLETED|0:0|00:00:31\\n7_1.batch|CANCELLED|0:0|00:00:01\\n"
	               "7_2|CANCELLED by 0|0:15|00:00:10\\n7_3|COMPLETED|0:0|00:00:01\\n7_4|OUT_OF_MEMORY|0:125|1-00:00:02\\n"
	               "7_|FAILED\\n5|COMPLETED|0:0|00:00:05\\n6|COMPLETED|0:0|00:00:06\\n8|CANCELLED by 0|0:0|00:00:00\\n7_2' > bin/sacct.out");
	CHECK(st == 0);
	out = NULL;
	st = shell_run(&out, "PATH=$PWD/bin:$PATH '%s' status st", test_drama_bin());
	char l[4][256];
	for (int e = 0; e < 4; e++) ep_line(out, e + 1, l[e], sizeof l[e]);
	CHECKF(st == 0 && !strncmp(l[0], "1        done ", 13) && strstr(l[0], " COMPLETED ") && strstr(l[0], " 7_1 ") &&
	       strstr(l[0], " 00:00:31 "), "ep 1: %s", out);
	CHECKF(!strncmp(l[1], "2        failed ", 16) && strstr(l[1], " CANCELLED by 0 ") && strstr(l[1], " 00:00:10 ") &&
	       strstr(l[1], "slurm/logs/ep02.log"), "ep 2: %s", out);
	CHECKF(!strncmp(l[2], "3        queued ", 16) && strstr(l[2], " RUNNING "), "ep 3 (squeue wins over sacct): %s", out);
	CHECKF(!strncmp(l[3], "4        failed ", 16) && strstr(l[3], " OUT_OF_MEMORY ") && strstr(l[3], " 1-00:00:02 "), "ep 4: %s", out);
	CHECKF(!strncmp(out, "script   job 5            done, sacct: COMPLETED\n", 47) &&
	       strstr(out, "\nfinal    job 8            not done (sacct: CANCELLED by 0): see slurm/logs/\n") &&
	       strstr(out, "1 done, 1 queued, 2 failed, 0 missing of 4 episodes") && !strstr(out, "note:"), "%s", out);
	free(out);
	/* squeue asked about every id, sacct only about those squeue did not list, with the agreed format */
	char *args = NULL;
	size_t n = 0;
	char *ap = xasprintf("%s/bin/sacct.args", test_tmpdir());
	CHECK(file_read_all(ap, &args, &n) == 0);
	CHECKF(!strcmp(args, "-X -P -n -j 7_1,7_2,7_4,5,6,8 --format=JobID,State,ExitCode,Elapsed\n"), "sacct %s", args);
	free(args);
	free(ap);

	/* the resubmit: episodes 2 and 4 only (squeue says 3 runs; 1 is done), no script or design job */
	out = NULL;
	st = shell_run(&out, "echo 'Slurmctld(primary) at vm is UP' > bin/scontrol.out && echo 42 > bin/sbatch.out && "
	               "PATH=$PWD/bin:$PATH '%s' make palace -o st --episodes 4 --size 64x112 --fps 5 --minutes 0.5 --slurm",
	               test_drama_bin());
	CHECKF(st == 0 && strstr(out, "episodes 42 (array 2,4)\n") && !strstr(out, "script ") && !strstr(out, "design "), "%s", out);
	free(out);

	/* a cluster without accounting: one note, and the files decide (2 left no exit file: missing) */
	out = NULL;
	st = shell_run(&out, "printf '{\"episodes\": {\"1\": \"7_1\", \"2\": \"7_2\", \"3\": \"7_3\", \"4\": \"7_4\"}}' > st/slurm/jobs.json && "
	               "echo 'slurm_load_jobs error: Invalid job id specified' > bin/squeue.out && echo 1 > bin/squeue.rc && "
	               "echo 'Slurm accounting storage is disabled' > bin/sacct.out && echo 1 > bin/sacct.rc && "
	               "PATH=$PWD/bin:$PATH '%s' status st", test_drama_bin());
	for (int e = 0; e < 4; e++) ep_line(out, e + 1, l[e], sizeof l[e]);
	CHECKF(st == 0 && strstr(out, "note: sacct: this cluster keeps no accounting (AccountingStorageType=accounting_storage/none): "
	                              "tasks no longer in squeue are judged by slurm/logs/epNN.exit and the MP4s\n") &&
	       !strncmp(l[0], "1        done ", 13) && !strncmp(l[1], "2        missing (cancelled or lost) ", 37) &&
	       !strncmp(l[2], "3        missing (cancelled or lost) ", 37) && !strncmp(l[3], "4        missing (cancelled or lost) ", 37), "%s", out);
	free(out);

	/* sacct that fails otherwise: its first line, once; ids from a damaged jobs.json never reach a command line */
	out = NULL;
	st = shell_run(&out, "rm bin/sacct.args && printf '{\"episodes\": {\"1\": \"7_1;touch pwned\", \"2\": \"7_2\"}}' > st/slurm/jobs.json && "
	               "printf 'sacct: error: Problem talking to the database: Connection refused\\nsecond line\\n' > bin/sacct.out && "
	               "PATH=$PWD/bin:$PATH '%s' status st", test_drama_bin());
	CHECKF(st == 0 && strstr(out, "note: sacct failed (sacct: error: Problem talking to the database: Connection refused): tasks") &&
	       !strstr(out, "second line") && !strstr(out, "squeue failed"), "%s", out);
	free(out);
	ap = xasprintf("%s/bin/sacct.args", test_tmpdir());
	CHECK(file_read_all(ap, &args, &n) == 0);
	CHECKF(!strcmp(args, "-X -P -n -j 7_2 --format=JobID,State,ExitCode,Elapsed\n"), "sacct %s", args);
	free(args);
	free(ap);
	/* squeue that fails otherwise (controller down): said too; sacct's RUNNING then counts as queued */
	out = NULL;
	st = shell_run(&out, "echo 'squeue: error: Unable to contact slurm controller (connect failure)' > bin/squeue.out && "
	               "echo 0 > bin/sacct.rc && echo '7_2|RUNNING|0:0|00:00:07' > bin/sacct.out && PATH=$PWD/bin:$PATH '%s' status st",
	               test_drama_bin());
	ep_line(out, 2, l[1], sizeof l[1]);
	CHECKF(st == 0 && strstr(out, "note: squeue failed (squeue: error: Unable to contact slurm controller (connect failure)): ") &&
	       !strncmp(l[1], "2        queued ", 16) && strstr(l[1], " RUNNING "), "%s", out);
	free(out);
	char *pw = xasprintf("%s/pwned", test_tmpdir());
	CHECK(!file_exists(pw));
	free(pw);
}
