/* cluster/sacct.h — what Slurm's accounting says about jobs that have left the queue.
 * `drama status` asks `sacct -X -P -n -j IDS --format=JobID,State,ExitCode,Elapsed` about
 * the tasks squeue no longer lists; sacct_parse turns its output into one row per job or
 * array task and sorts each state into active, done, failed or unknown.
 *
 * The parser trusts nothing: lines without a complete JobID and State field, job steps
 * ("103_2.batch"), array ranges still pending ("103_[3-5]"), heterogeneous job parts
 * ("103+1") and ids that are not DIGITS or DIGITS_DIGITS are skipped; a state word it does
 * not know is kept (cleaned) as SACCT_UNKNOWN; fields of any length are cut to the row's
 * buffers; numbers out of range become -1. Nothing in the input can make it read or write
 * out of bounds.
 *
 *   struct sacct_row *rows = NULL;
 *   size_t n = 0;
 *   sacct_parse(text, &rows, &n);                          // rows: malloc'd, caller frees
 *   const struct sacct_row *r = sacct_find(rows, n, "103_2");
 *   if (r && r->kind == SACCT_FAILED) puts(r->state);      // "CANCELLED by 0"
 *   free(rows);
 */
#ifndef DRAMA_CLUSTER_SACCT_H
#define DRAMA_CLUSTER_SACCT_H

#include <stddef.h>

enum sacct_kind {
	SACCT_UNKNOWN,   /* a word this version of drama does not know */
	SACCT_ACTIVE,    /* PENDING, RUNNING, SUSPENDED, REQUEUED, ... (still Slurm's) */
	SACCT_DONE,      /* COMPLETED */
	SACCT_FAILED,    /* CANCELLED, FAILED, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, PREEMPTED, ... */
};

struct sacct_row {
	char id[32];            /* "103" or "103_2" */
	char word[24];          /* the state's first word: "CANCELLED"; "?" when it has none */
	char state[48];         /* the whole state, printable ASCII only: "CANCELLED by 0" */
	enum sacct_kind kind;
	int exit_code, signal;  /* ExitCode "N:S"; both -1 when absent or not two numbers 0..255 */
	long elapsed;           /* Elapsed "[D-]HH:MM:SS" or "MM:SS" in seconds; -1 when absent or garbled */
};

/* Parse sacct's -P output (see above) into *rows (malloc'd, caller frees; NULL when n is 0)
 * and *n. Returns the number of lines skipped (>= 0); never fails. */
int sacct_parse(const char *text, struct sacct_row **rows, size_t *n);

/* The last row for id, or NULL. */
const struct sacct_row *sacct_find(const struct sacct_row *rows, size_t n, const char *id);

/* 1 when id is a job or array task id drama asks about: DIGITS or DIGITS_DIGITS, under 32
 * characters (what may go into a squeue/sacct command line). */
int sacct_id_valid(const char *id);

/* The kind of a state word ("CANCELLED" -> SACCT_FAILED). */
enum sacct_kind sacct_state_kind(const char *word);

#endif
