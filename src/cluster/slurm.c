/* cluster/slurm.c — batch scripts, submission with dependencies, and status (slurm.h). */
#include "cluster/slurm.h"
#include "cluster/sacct.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define JOBS_FILE "slurm/jobs.json"    /* each episode's latest task id and the shared jobs' ids */

/* s quoted for sh: 'it'\''s' */
static void sq(struct sbuf *b, const char *s)
{
	sb_add(b, "'");
	for (; *s; s++) {
		if (*s == '\'') sb_add(b, "'\\''");
		else sb_addn(b, s, 1);
	}
	sb_add(b, "'");
}

/* A program on PATH, as the shell would find it. */
static int on_path(const char *prog)
{
	const char *path = getenv("PATH");
	if (!path) path = "/usr/bin:/bin";
	while (*path) {
		const char *c = strchr(path, ':');
		size_t n = c ? (size_t)(c - path) : strlen(path);
		char *f = xasprintf("%.*s/%s", (int)n, path, prog);
		int ok = access(f, X_OK) == 0;
		free(f);
		if (ok) return 1;
		path += n + (c ? 1 : 0);
	}
	return 0;
}

/* Run a shell command line; stdout and stderr into out. Returns the exit status (-1: not run). */
static int run(const char *cmd, struct sbuf *out)
{
	char *full = xasprintf("%s 2>&1", cmd);
	FILE *f = popen(full, "r");
	free(full);
	if (!f) return -1;
	char buf[4096];
	size_t k;
	while ((k = fread(buf, 1, sizeof buf, f)) > 0) sb_addn(out, buf, k);
	int st = pclose(f);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The last non-empty line of text (copied into line). */
static void last_line(const char *text, char *line, size_t n)
{
	line[0] = 0;
	const char *s = text ? text : "", *best = s;
	for (const char *p = s; *p; p++)
		if (*p == '\n' && p[1] && p[1] != '\n') best = p + 1;
	size_t len = strcspn(best, "\n");
	snprintf(line, n, "%.*s", (int)len, best);
}

/* ---- the record of what was submitted: slurm/jobs.json ---- */

static json_t *jobs_load(const char *dir)
{
	char *path = path_join(dir, JOBS_FILE);
	json_t *j = json_load_file(path, 0, NULL);
	free(path);
	if (!json_is_object(j)) {
		json_decref(j);
		j = json_object();
	}
	if (!json_is_object(json_object_get(j, "episodes"))) json_object_set_new(j, "episodes", json_object());
	return j;
}

static int jobs_save(const char *dir, json_t *j)
{
	char *path = path_join(dir, JOBS_FILE);
	int rc = json_save_atomic(j, path, JSON_INDENT(2) | JSON_SORT_KEYS);
	free(path);
	return rc;
}

/* ---- the batch scripts ---- */

/* The lines every script starts with: its options, the shared-filesystem check, the env. */
static void script_head(struct sbuf *b, const char *name, const char *dir, const char *exe, const struct slurm_opts *o,
                        int gpu, const char *out)
{
	sb_printf(b, "#!/bin/sh\n# written by drama make --slurm; submitted with sbatch (see docs/cluster.md)\n");
	sb_printf(b, "#SBATCH --job-name=drama-%s\n#SBATCH --output=%s\n", name, out);
	if (o->partition) sb_printf(b, "#SBATCH --partition=%s\n", o->partition);
	if (o->account) sb_printf(b, "#SBATCH --account=%s\n", o->account);
	if (o->time) sb_printf(b, "#SBATCH --time=%s\n", o->time);
	if (gpu && o->gres) sb_printf(b, "#SBATCH --gres=%s\n", o->gres);
	sb_add(b, "P=");
	sq(b, dir);
	sb_add(b, "\nDRAMA=");
	sq(b, exe);
	sb_add(b, "\n"
	       "if [ ! -f \"$P/drama.json\" ]; then\n"
	       "  echo \"drama: this task (on $(hostname)) cannot see the project folder $P; it must be on a filesystem every node\" \\\n"
	       "       \"shares at the same path (NFS, Lustre, CephFS...): see docs/cluster.md\" >&2\n"
	       "  exit 3\n"
	       "fi\n"
	       "if [ ! -x \"$DRAMA\" ]; then\n"
	       "  echo \"drama: this task (on $(hostname)) cannot run $DRAMA; install drama at that path on every node, or share it\" >&2\n"
	       "  exit 3\n"
	       "fi\n"
	       "# AI servers per partition or node: slurm/env.sh, then slurm/env-PARTITION.sh, may set DRAMA_* variables\n"
	       "[ -f \"$P/slurm/env.sh\" ] && . \"$P/slurm/env.sh\"\n"
	       "[ -n \"$SLURM_JOB_PARTITION\" ] && [ -f \"$P/slurm/env-$SLURM_JOB_PARTITION.sh\" ] && . \"$P/slurm/env-$SLURM_JOB_PARTITION.sh\"\n"
	       "export DRAMA_NO_BAR=1\n");
}

/* The task's own log in the project (the sbatch --output file is node-local: it only
 * holds what is said before the project folder is known to be there). */
static const char *NODE_OUT = "/tmp/drama-slurm-%j.out";

static int write_script(const char *dir, const char *name, const struct sbuf *b)
{
	char *rel = xasprintf("slurm/%s.sbatch", name), *path = path_join(dir, rel);
	int rc = file_write_atomic(path, b->s, b->len);
	if (rc == 0) chmod(path, 0755);
	free(rel);
	free(path);
	return rc;
}

static int write_scripts(const char *dir, const struct pipeline_req *r, const struct slurm_opts *o)
{
	struct sbuf b = { 0 };
	int rc;
	/* script: the storyboard from the keywords or the file, with drama.json's settings */
	script_head(&b, "script", dir, o->exe, o, 0, NODE_OUT);
	sb_add(&b, "exec \"$DRAMA\" script \"$P\" --force");
	if (r->from) { sb_add(&b, " --from "); sq(&b, r->from); }
	if (r->strict) sb_add(&b, " --strict");
	for (size_t i = 0; r->ai_set && r->ai_set[i]; i++) { sb_add(&b, " --set "); sq(&b, r->ai_set[i]); }
	if (r->keywords) { sb_add(&b, " -- "); sq(&b, r->keywords); }
	sb_add(&b, " >>\"$P/slurm/logs/script.log\" 2>&1\n");
	if ((rc = write_script(dir, "script", &b)) < 0) goto end;
	b.len = 0;
	script_head(&b, "design", dir, o->exe, o, 1, NODE_OUT);
	sb_add(&b, "exec \"$DRAMA\" design \"$P\"");
	if (r->strict) sb_add(&b, " --strict");
	for (size_t i = 0; r->ai_set && r->ai_set[i]; i++) { sb_add(&b, " --set "); sq(&b, r->ai_set[i]); }
	sb_add(&b, " >>\"$P/slurm/logs/design.log\" 2>&1\n");
	if ((rc = write_script(dir, "design", &b)) < 0) goto end;
	/* one array task per episode: its number is the task id */
	b.len = 0;
	script_head(&b, "episode", dir, o->exe, o, 1, "/tmp/drama-slurm-%A_%a.out");
	sb_add(&b, "N=$SLURM_ARRAY_TASK_ID\n"
	       "NN=$(printf %02d \"$N\")\n"
	       "LOG=\"$P/slurm/logs/ep$NN.log\"\n"
	       "rm -f \"$P/slurm/logs/ep$NN.exit\"\n"
	       "echo \"drama: episode $N, job ${SLURM_ARRAY_JOB_ID}_$N on $(hostname), $(date -u +%FT%TZ)\" >\"$LOG\"\n"
	       "\"$DRAMA\" render \"$P\" --episode \"$N\"");
	if (r->preview) sb_add(&b, " --preview");
	if (r->strict) sb_add(&b, " --strict");
	for (size_t i = 0; r->ai_set && r->ai_set[i]; i++) { sb_add(&b, " --set "); sq(&b, r->ai_set[i]); }
	sb_add(&b, " >>\"$LOG\" 2>&1\n"
	       "rc=$?\n"
	       "echo \"$rc\" >\"$P/slurm/logs/ep$NN.exit\"\n"
	       "exit \"$rc\"\n");
	if ((rc = write_script(dir, "episode", &b)) < 0) goto end;
	/* final: the series contact sheet, ledger and index, once every episode is done */
	b.len = 0;
	script_head(&b, "final", dir, o->exe, o, 0, NODE_OUT);
	sb_add(&b, "\"$DRAMA\" sheet \"$P\" -q >>\"$P/slurm/logs/final.log\" 2>&1 &&\n"
	       "\"$DRAMA\" status \"$P\" >\"$P/slurm/index.txt.tmp\" 2>>\"$P/slurm/logs/final.log\" &&\n"
	       "  mv \"$P/slurm/index.txt.tmp\" \"$P/slurm/index.txt\"\n");
	rc = write_script(dir, "final", &b);
end:
	sb_free(&b);
	return rc;
}

/* sbatch ARGS SCRIPT: the job id into id. */
static int sbatch(const char *dir, const char *args, const char *name, char *id, size_t idn)
{
	struct sbuf cmd = { 0 }, out = { 0 };
	sb_printf(&cmd, "sbatch --parsable %s ", args);
	char *path = xasprintf("%s/slurm/%s.sbatch", dir, name);
	sq(&cmd, path);
	free(path);
	int st = run(cmd.s, &out), rc = 0;
	/* --parsable prints "ID" or "ID;CLUSTER" on its last line (warnings come before) */
	char line[512];
	last_line(out.s, line, sizeof line);
	long long v = 0;
	if (st != 0 || sscanf(line, "%lld", &v) != 1 || v <= 0) {
		rc = err_set(ERR_IO, "sbatch could not submit the %s job: %s; is the Slurm controller up and reachable "
		             "(`scontrol ping`; SLURM_CONF names the cluster's slurm.conf)?", name, line[0] ? line : "no answer");
	} else {
		snprintf(id, idn, "%lld", v);
	}
	sb_free(&cmd);
	sb_free(&out);
	return rc;
}

/* Where each episode stands, for submit and status. */
enum ep_state { EP_DONE, EP_QUEUED, EP_FAILED, EP_MISSING };
struct ep_info {
	int number;
	enum ep_state state;
	char task[64];     /* ARRAY_TASK of its latest submission, "" if none */
	char slurm[48];    /* squeue's or sacct's state, "" if unknown */
	long elapsed;      /* sacct's Elapsed in seconds; -1 unknown */
	int exit_code;     /* from the exit file; -1 none */
};

/* What Slurm says about our jobs: squeue for those still queued, sacct for the others. */
struct queue_view {
	json_t *queued;            /* id -> squeue's state */
	int squeue_ok;             /* squeue answered: what it does not list has left the queue */
	struct sacct_row *acct;    /* sacct's rows (sacct.h) */
	size_t n_acct;
	char note[320];            /* one line when sacct could not be used, "" otherwise */
	char qnote[240];           /* one line when squeue failed, "" otherwise */
};

/* The first non-empty line of text, printable ASCII only, at most n-1 bytes. */
static void first_line(const char *text, char *line, size_t n)
{
	const char *s = text ? text + strspn(text, "\n") : "";
	size_t k = 0;
	for (; *s && *s != '\n' && k + 1 < n; s++) line[k++] = (*s >= 0x20 && *s < 0x7f) ? *s : '?';
	line[k] = 0;
}

#define FROM_FILES "tasks no longer in squeue are judged by slurm/logs/epNN.exit and the MP4s"

/* sacct -j ids (comma-separated, each sacct_id_valid) into v, or the reason it could not. */
static void ask_sacct(const char *ids, struct queue_view *v)
{
	if (!on_path("sacct")) {
		snprintf(v->note, sizeof v->note, "sacct is not installed here: " FROM_FILES);
		return;
	}
	struct sbuf cmd = { 0 }, out = { 0 };
	sb_printf(&cmd, "sacct -X -P -n -j %s --format=JobID,State,ExitCode,Elapsed", ids);
	int st = run(cmd.s, &out);
	if (st == 0) {
		sacct_parse(out.s, &v->acct, &v->n_acct);
	} else if (out.s && strstr(out.s, "accounting storage is disabled")) {
		snprintf(v->note, sizeof v->note, "sacct: this cluster keeps no accounting (AccountingStorageType=accounting_storage/none): "
		         FROM_FILES);
	} else {
		char line[160];
		first_line(out.s, line, sizeof line);
		snprintf(v->note, sizeof v->note, "sacct failed (%s): " FROM_FILES, line[0] ? line : "no answer");
	}
	sb_free(&cmd);
	sb_free(&out);
}

/* Ask squeue, then sacct about what squeue does not list. ids: comma-separated, each valid. */
static void queue_states(const char *ids, struct queue_view *v)
{
	v->queued = json_object();
	if (!ids[0]) return;
	if (!on_path("squeue")) {
		snprintf(v->note, sizeof v->note, "Slurm's client tools (squeue, sacct) are not installed here: states come from "
		         "slurm/logs/epNN.exit and the MP4s");
		return;
	}
	struct sbuf cmd = { 0 }, out = { 0 }, gone = { 0 };
	sb_printf(&cmd, "squeue -h -r -o '%%i %%T' -j %s", ids);
	int st = run(cmd.s, &out);
	/* every id long gone: squeue says "Invalid job id specified" and fails */
	v->squeue_ok = st == 0 || (out.s && strstr(out.s, "Invalid job id"));
	if (!v->squeue_ok) {
		char line[160];
		first_line(out.s, line, sizeof line);
		snprintf(v->qnote, sizeof v->qnote, "squeue failed (%s): a task still queued shows as sacct or its files say",
		         line[0] ? line : "no answer");
	}
	if (st == 0 && out.s) {
		char *save = NULL;
		for (char *l = strtok_r(out.s, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			char id[64], state[32];
			if (sscanf(l, "%63s %31s", id, state) == 2 && sacct_id_valid(id)) json_object_set_new(v->queued, id, json_string(state));
		}
	}
	char *list = xstrdup(ids), *save = NULL;
	for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save))
		if (!json_object_get(v->queued, t)) sb_printf(&gone, "%s%s", gone.len ? "," : "", t);
	free(list);
	if (gone.len) ask_sacct(gone.s, v);
	sb_free(&cmd);
	sb_free(&out);
	sb_free(&gone);
}

static void queue_view_free(struct queue_view *v)
{
	json_decref(v->queued);
	free(v->acct);
	memset(v, 0, sizeof *v);
}

static int read_exit(const char *dir, int n)
{
	char rel[64], *txt = NULL;
	size_t len = 0;
	snprintf(rel, sizeof rel, "slurm/logs/ep%02d.exit", n);
	char *path = path_join(dir, rel);
	int code = -1;
	if (file_read_all(path, &txt, &len) == 0 && sscanf(txt, "%d", &code) != 1) code = -1;
	err_clear();
	free(txt);
	free(path);
	return code;
}

/* An id from jobs.json, if it is one we may put on a command line. */
static const char *job_id(json_t *j)
{
	const char *t = json_string_value(j);
	return sacct_id_valid(t) ? t : NULL;
}

/* The episodes of dir and their states; v: what Slurm says (queue_view_free). */
static void episode_states(const char *dir, const struct project *p, json_t *jobs, struct queue_view *v, struct ep_info **out,
                           size_t *n_out)
{
	size_t n = p->s ? p->s->n_eps : (size_t)(p->set.episodes > 0 ? p->set.episodes : 1);
	struct ep_info *e = xcalloc(n ? n : 1, sizeof *e);
	json_t *eps = json_object_get(jobs, "episodes");
	struct sbuf ids = { 0 };
	for (size_t i = 0; i < n; i++) {
		e[i].number = p->s ? p->s->eps[i].number : (int)i + 1;
		char key[16];
		snprintf(key, sizeof key, "%d", e[i].number);
		const char *t = job_id(json_object_get(eps, key));
		snprintf(e[i].task, sizeof e[i].task, "%s", t ? t : "");
		if (t) sb_printf(&ids, "%s%s", ids.len ? "," : "", t);
	}
	static const char *const shared[] = { "script", "design", "final" };
	for (size_t i = 0; i < ARRAY_LEN(shared); i++) {
		const char *t = job_id(json_object_get(jobs, shared[i]));
		if (t) sb_printf(&ids, "%s%s", ids.len ? "," : "", t);
	}
	queue_states(ids.s ? ids.s : "", v);
	for (size_t i = 0; i < n; i++) {
		struct ep_info *x = &e[i];
		const char *q = x->task[0] ? json_string_value(json_object_get(v->queued, x->task)) : NULL;
		const struct sacct_row *a = x->task[0] && !q ? sacct_find(v->acct, v->n_acct, x->task) : NULL;
		snprintf(x->slurm, sizeof x->slurm, "%s", q ? q : a ? a->state : "");
		x->elapsed = a ? a->elapsed : -1;
		x->exit_code = read_exit(dir, x->number);
		char rel[32];
		snprintf(rel, sizeof rel, "ep%02d.mp4", x->number);
		char *mp4 = path_join(dir, rel);
		int have = file_exists(mp4);
		free(mp4);
		/* the exit file is the task's own last word; sacct tells how a task that could not write it ended */
		if (q) x->state = EP_QUEUED;
		else if (x->exit_code == 0 && have) x->state = EP_DONE;
		else if (x->exit_code > 0) x->state = EP_FAILED;
		else if (!x->task[0] && have) x->state = EP_DONE;   /* made here, not by a task */
		else if (a && a->kind == SACCT_DONE && have) x->state = EP_DONE;
		else if (a && a->kind == SACCT_FAILED) x->state = EP_FAILED;
		else if (a && a->kind == SACCT_ACTIVE && !v->squeue_ok) x->state = EP_QUEUED;   /* squeue did not answer */
		else x->state = EP_MISSING;
	}
	sb_free(&ids);
	*out = e;
	*n_out = n;
}

int slurm_submit(const struct pipeline_req *r, const struct slurm_opts *o, struct project_lock **lock, struct sbuf *report)
{
	if (!on_path("sbatch"))
		return err_set(ERR_INPUT, "--slurm: sbatch is not installed here; install Slurm's client tools (Debian: apt-get install "
		               "slurm-client) with your cluster's slurm.conf (or SLURM_CONF), or run without --slurm");
	if (on_path("scontrol")) {
		struct sbuf out = { 0 };
		int st = run("scontrol ping", &out);
		char line[300];   /* the first line says it ("Slurmctld(primary) at vm is DOWN"); a banner follows */
		snprintf(line, sizeof line, "%.*s", (int)strcspn(out.s ? out.s : "", "\n"), out.s ? out.s : "");
		sb_free(&out);
		if (st != 0 || strstr(line, "DOWN"))
			return err_set(ERR_IO, "--slurm: the Slurm controller does not answer (`scontrol ping`: %s); start slurmctld or "
			               "point SLURM_CONF at your cluster's slurm.conf", line[0] ? line : "no answer");
	}
	if (!o->exe || o->exe[0] != '/') return err_set(ERR_GENERIC, "--slurm: the drama binary's absolute path is not known");
	char dir[PATH_MAX];
	if (!realpath(r->dir, dir)) return err_set(ERR_IO, "cannot resolve %s: %s", r->dir, strerror(errno));
	char from[PATH_MAX];
	struct pipeline_req rr = *r;
	if (r->from) {
		if (!realpath(r->from, from)) return err_set(ERR_NOTFOUND, "--from %s: no such file; check the path", r->from);
		rr.from = from;
	}
	rr.dir = dir;
	struct project *p = NULL;
	json_t *jobs = NULL;
	struct ep_info *eps = NULL;
	struct queue_view view = { 0 };
	size_t n = 0;
	char *key = NULL, *old = NULL;
	int rc = project_open(dir, 1, &p);
	if (rc < 0) return rc;
	pipeline_apply(p, &r->over);
	key = pipeline_source_key(p, &rr);
	old = project_read_source(p);
	int scripted = p->s && str_eq(old, key) && !r->force;
	if (p->s && !r->force && !str_eq(old, key)) {
		rc = err_set(ERR_INPUT, "%s already holds a different project (its storyboard.json was made from other input); "
		             "use another folder with -o, or add --force to replace it", dir);
		goto end;
	}
	int designed = scripted && pipeline_designed(p->s);
	if (!scripted) {
		/* the settings the script job uses (drama.json), before its storyboard */
		struct series *keep = p->s;
		p->s = NULL;
		rc = project_save(p);
		p->s = keep;
		if (rc < 0) goto end;
	}
	char *logs = path_join(dir, "slurm/logs");
	rc = mkdir_p(logs);
	free(logs);
	if (rc < 0 || (rc = write_scripts(dir, &rr, o)) < 0) goto end;
	jobs = jobs_load(dir);
	episode_states(dir, p, jobs, &view, &eps, &n);
	/* the episodes to submit: all of a new storyboard; else those neither done nor queued */
	struct sbuf list = { 0 }, args = { 0 };
	size_t todo = 0;
	for (size_t i = 0; i < n; i++) {
		if (scripted && (eps[i].state == EP_DONE || eps[i].state == EP_QUEUED)) continue;
		sb_printf(&list, "%s%d", list.len ? "," : "", eps[i].number);
		todo++;
	}
	char id_script[32] = "", id_design[32] = "", id_array[32] = "", id_final[32] = "";
	/* the jobs are the project's writers from now on (a job may start before we return) */
	project_lock_release(*lock, 0);
	*lock = NULL;
	if (!todo) {
		sb_printf(report, "nothing to submit: all %zu episodes are done or queued (drama status %s)\n", n, r->dir);
		goto done;
	}
	if (!scripted) {
		if ((rc = sbatch(dir, "", "script", id_script, sizeof id_script)) < 0) goto done;
		sb_printf(report, "script %s\n", id_script);
	}
	if (!designed) {
		sb_printf(&args, id_script[0] ? "--dependency=afterok:%s --kill-on-invalid-dep=yes" : "", id_script);
		if ((rc = sbatch(dir, args.s ? args.s : "", "design", id_design, sizeof id_design)) < 0) goto done;
		sb_printf(report, "design %s\n", id_design);
	}
	args.len = 0;
	sb_printf(&args, "--array=%s", list.s);
	if (id_design[0]) sb_printf(&args, " --dependency=afterok:%s --kill-on-invalid-dep=yes", id_design);
	if ((rc = sbatch(dir, args.s, "episode", id_array, sizeof id_array)) < 0) goto done;
	sb_printf(report, "episodes %s (array %s)\n", id_array, list.s);
	args.len = 0;
	sb_printf(&args, "--dependency=afterok:%s --kill-on-invalid-dep=yes", id_array);
	if ((rc = sbatch(dir, args.s, "final", id_final, sizeof id_final)) < 0) goto done;
	sb_printf(report, "final %s\n", id_final);
done:
	/* what was submitted, even when a later sbatch failed */
	if (id_script[0]) json_object_set_new(jobs, "script", json_string(id_script));
	if (id_design[0]) json_object_set_new(jobs, "design", json_string(id_design));
	if (id_final[0]) json_object_set_new(jobs, "final", json_string(id_final));
	if (id_array[0]) {
		json_t *e = json_object_get(jobs, "episodes");
		char *save = NULL, *l = xstrdup(list.s);
		for (char *t = strtok_r(l, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			char *task = xasprintf("%s_%s", id_array, t);
			json_object_set_new(e, t, json_string(task));
			free(task);
		}
		free(l);
	}
	if (id_script[0] || id_array[0]) {
		int rc2 = jobs_save(dir, jobs);
		if (rc == 0) rc = rc2;
	}
	sb_free(&list);
	sb_free(&args);
end:
	free(eps);
	queue_view_free(&view);
	json_decref(jobs);
	free(key);
	free(old);
	project_free(p);
	return rc;
}

/* A job's or task's elapsed time for the table: "1-02:03:04", "00:10:05", "-". */
static void fmt_elapsed(long sec, char *buf, size_t n)
{
	if (sec < 0) snprintf(buf, n, "-");
	else if (sec >= 86400) snprintf(buf, n, "%ld-%02ld:%02ld:%02ld", sec / 86400, sec / 3600 % 24, sec / 60 % 60, sec % 60);
	else snprintf(buf, n, "%02ld:%02ld:%02ld", sec / 3600, sec / 60 % 60, sec % 60);
}

int slurm_status(const char *dir, struct sbuf *report)
{
	struct project *p = NULL;
	int rc = project_open(dir, 0, &p);
	if (rc < 0) return rc;
	json_t *jobs = jobs_load(dir);
	struct ep_info *e = NULL;
	struct queue_view v = { 0 };
	size_t n = 0;
	episode_states(dir, p, jobs, &v, &e, &n);
	if (v.qnote[0]) sb_printf(report, "note: %s\n", v.qnote);
	if (v.note[0]) sb_printf(report, "note: %s\n", v.note);
	static const char *const shared[] = { "script", "design", "final" };
	for (size_t i = 0; i < ARRAY_LEN(shared); i++) {
		const char *id = job_id(json_object_get(jobs, shared[i]));
		if (!id) continue;
		const char *q = json_string_value(json_object_get(v.queued, id));
		const struct sacct_row *a = q ? NULL : sacct_find(v.acct, v.n_acct, id);
		/* a job that left the queue is judged by what it made; sacct says how it ended */
		int made = i == 0 ? p->s != NULL : i == 1 ? p->s && pipeline_designed(p->s) : 0;
		if (i == 2) {
			char *ix = path_join(dir, "slurm/index.txt");
			made = file_exists(ix);
			free(ix);
		}
		char buf[128];
		if (q) snprintf(buf, sizeof buf, "%s", q);
		else if (made) snprintf(buf, sizeof buf, "done%s%s", a ? ", sacct: " : "", a ? a->state : "");
		else if (a) snprintf(buf, sizeof buf, "not done (sacct: %s): see slurm/logs/", a->state);
		else snprintf(buf, sizeof buf, "not queued, not done: see slurm/logs/");
		sb_printf(report, "%-8s job %-12s %s\n", shared[i], id, buf);
	}
	static const char *const names[] = { "done", "queued", "failed", "missing" };
	size_t count[4] = { 0 };
	sb_printf(report, "%-8s %-27s %-16s %-12s %-9s %s\n", "episode", "state", "slurm", "job", "elapsed", "log");
	for (size_t i = 0; i < n; i++) {
		struct ep_info *x = &e[i];
		count[x->state]++;
		char state[48], log[48], el[32];
		if (x->state == EP_FAILED && x->exit_code == 3) snprintf(state, sizeof state, "failed (no shared folder)");
		else if (x->state == EP_FAILED && x->exit_code > 0) snprintf(state, sizeof state, "failed (exit %d)", x->exit_code);
		else if (x->state == EP_MISSING && x->task[0] && !x->slurm[0]) snprintf(state, sizeof state, "missing (cancelled or lost)");
		else snprintf(state, sizeof state, "%s", names[x->state]);
		snprintf(log, sizeof log, "slurm/logs/ep%02d.log", x->number);
		char *lp = path_join(dir, log);
		int have_log = file_exists(lp);
		free(lp);
		fmt_elapsed(x->elapsed, el, sizeof el);
		sb_printf(report, "%-8d %-27s %-16s %-12s %-9s %s\n", x->number, state, x->slurm[0] ? x->slurm : "-",
		          x->task[0] ? x->task : "-", el, have_log ? log : "-");
	}
	sb_printf(report, "%zu done, %zu queued, %zu failed, %zu missing of %zu episodes%s\n", count[0], count[1], count[2], count[3], n,
	          count[2] + count[3] ? "; rerun the same `drama make ... --slurm` to submit the failed and missing ones" : "");
	free(e);
	queue_view_free(&v);
	json_decref(jobs);
	project_free(p);
	return 0;
}
