/* tests/test_sacct.c — the focus of this file is the parser of sacct's output
 * (src/cluster/sacct.c): what a real Slurm 22.05 prints (array tasks, "CANCELLED by 0",
 * OUT_OF_MEMORY, days in Elapsed), and hostile input: lines cut short, unknown states,
 * job steps and pending ranges, ids that could inject into a command line, fields of a
 * megabyte, control bytes, numbers out of range. (sacct-1..5) */
#include "test.h"
#include "cluster/sacct.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* sacct-1: real output (the test cluster's, plus the states the cluster cannot make) */
TEST(sacct_parse_real)
{
	const char *text = "103_1|COMPLETED|0:0|00:01:02\n"
	                   "103_2|CANCELLED by 0|0:15|00:00:10\n"
	                   "103_3|FAILED|7:0|00:00:03\n"
	                   "103_4|OUT_OF_MEMORY|0:125|1-02:03:04\n"
	                   "104|TIMEOUT|0:0|10:00\n"
	                   "105|PENDING|0:0|00:00:00\n";
	struct sacct_row *r = NULL;
	size_t n = 0;
	CHECK_INT(sacct_parse(text, &r, &n), 0);
	CHECK_INT(n, 6);
	const struct sacct_row *a = sacct_find(r, n, "103_2");
	CHECK(a && a->kind == SACCT_FAILED);
	CHECK_STR(a->word, "CANCELLED");
	CHECK_STR(a->state, "CANCELLED by 0");
	CHECK_INT(a->exit_code, 0);
	CHECK_INT(a->signal, 15);
	CHECK_INT(a->elapsed, 10);
	a = sacct_find(r, n, "103_1");
	CHECK(a && a->kind == SACCT_DONE && a->elapsed == 62 && a->exit_code == 0);
	a = sacct_find(r, n, "103_3");
	CHECK(a && a->kind == SACCT_FAILED && a->exit_code == 7 && a->signal == 0);
	a = sacct_find(r, n, "103_4");
	CHECK(a && a->kind == SACCT_FAILED && !strcmp(a->state, "OUT_OF_MEMORY") && a->signal == 125);
	CHECK_INT(a->elapsed, 86400 + 2 * 3600 + 3 * 60 + 4);
	a = sacct_find(r, n, "104");
	CHECK(a && a->kind == SACCT_FAILED && a->elapsed == 600);
	a = sacct_find(r, n, "105");
	CHECK(a && a->kind == SACCT_ACTIVE);
	CHECK(!sacct_find(r, n, "103") && !sacct_find(r, n, "103_5") && !sacct_find(r, n, NULL));
	free(r);
}

/* sacct-2: what is not a job or array task line is skipped, whatever else it says */
TEST(sacct_parse_skips)
{
	const char *text = "sacct: error: Problem talking to the database: Connection refused\n"
	                   "103_1.batch|COMPLETED|0:0|00:00:03\n"   /* a step */
	                   "103_1.extern|COMPLETED|0:0|00:00:03\n"
	                   "103_[3-5]|PENDING|0:0|00:00:00\n"      /* tasks not yet split off */
	                   "103+1|COMPLETED|0:0|00:00:03\n"        /* a heterogeneous job's part */
	                   "103_1;rm -rf /|COMPLETED|0:0|00:00:03\n"
	                   "-5|COMPLETED|0:0|00:00:03\n"
	                   "103_|COMPLETED|0:0|00:00:03\n"
	                   "_2|COMPLETED|0:0|00:00:03\n"
	                   "12345678901234567890123456789012345|COMPLETED|0:0|00:00:03\n"
	                   "103_2|COMPLETED|0:0|00:00:03|x|y\n"    /* more fields than asked */
	                   "|||\n"
	                   "\n\n"
	                   "103_6|COMPLETED|0:0|00:00:09";          /* no newline at the end: kept */
	struct sacct_row *r = NULL;
	size_t n = 0;
	CHECK_INT(sacct_parse(text, &r, &n), 12);
	CHECK_INT(n, 1);
	CHECK_STR(r[0].id, "103_6");
	CHECK_INT(r[0].elapsed, 9);
	free(r);
	CHECK_INT(sacct_parse("", &r, &n), 0);
	CHECK(n == 0 && !r);
	CHECK_INT(sacct_parse(NULL, &r, &n), 0);
	CHECK(n == 0 && !r);
	CHECK(sacct_id_valid("1") && sacct_id_valid("103_22") && !sacct_id_valid("") && !sacct_id_valid("1_2_3") &&
	      !sacct_id_valid("1 2") && !sacct_id_valid("1,2") && !sacct_id_valid("$(id)") && !sacct_id_valid(NULL));
}

/* sacct-3: lines cut short: an id or state with no '|' after it is not trusted (it may be cut) */
TEST(sacct_parse_truncated)
{
	const char *text = "103_1|COMPLETED|0:0|00:0\n"      /* Elapsed cut: garbled, row kept */
	                   "103_2|CANCELLED by 0|0:\n"       /* ExitCode cut, no Elapsed */
	                   "103_3|COMPLE\n"                  /* State cut: not trusted */
	                   "103_4|\n"
	                   "103_5\n"
	                   "103_2";                          /* the input ends mid-id */
	struct sacct_row *r = NULL;
	size_t n = 0;
	CHECK_INT(sacct_parse(text, &r, &n), 4);
	CHECK_INT(n, 2);
	const struct sacct_row *a = sacct_find(r, n, "103_1");
	CHECK(a && a->kind == SACCT_DONE && a->elapsed == -1 && a->exit_code == 0);
	a = sacct_find(r, n, "103_2");
	CHECK(a && a->kind == SACCT_FAILED && a->exit_code == -1 && a->signal == -1 && a->elapsed == -1);
	CHECK(!sacct_find(r, n, "103_3") && !sacct_find(r, n, "103_4") && !sacct_find(r, n, "103_5"));
	free(r);
}

/* sacct-4: unknown states, lower case, cut-off words ('+'), control bytes, out-of-range numbers */
TEST(sacct_parse_unknown)
{
	const char *text = "1|EXPLODED|0:0|00:00:01\n"
	                   "2|completed|0:0|00:00:01\n"
	                   "3|CANCELLED+|0:0|00:00:01\n"
	                   "4|CANCELLEDX by 0|0:0|00:00:01\n"
	                   "5|COMPLETED\x01\x1b[31m|0:0|00:00:01\n"
	                   "6|COMPLETED|256:0|00:60:00\n"
	                   "7|COMPLETED|99999999999999999999:0|99999999999999:00:00\n"
	                   "8|  RUNNING  |-1:0|1-:00:00\n"
	                   "9|COMPLETED|0:0|00:00:60\n"
	                   "9|FAILED|1:0|00:00:01\n";            /* the same id twice: the last counts */
	struct sacct_row *r = NULL;
	size_t n = 0;
	CHECK_INT(sacct_parse(text, &r, &n), 0);
	CHECK_INT(n, 10);
	const struct sacct_row *a = sacct_find(r, n, "1");
	CHECK(a && a->kind == SACCT_UNKNOWN && !strcmp(a->word, "EXPLODED"));
	a = sacct_find(r, n, "2");
	CHECK(a && a->kind == SACCT_UNKNOWN && !strcmp(a->word, "?"));
	CHECK(sacct_find(r, n, "3")->kind == SACCT_UNKNOWN);
	CHECK(sacct_find(r, n, "4")->kind == SACCT_UNKNOWN);
	a = sacct_find(r, n, "5");
	CHECK(a && a->kind == SACCT_UNKNOWN);
	for (const char *p = a->state; *p; p++) CHECKF(*p >= 0x20 && *p < 0x7f, "control byte in %s", a->state);
	a = sacct_find(r, n, "6");
	CHECK(a && a->kind == SACCT_DONE && a->exit_code == -1 && a->signal == -1 && a->elapsed == -1);
	a = sacct_find(r, n, "7");
	CHECK(a && a->exit_code == -1 && a->elapsed == -1);
	a = sacct_find(r, n, "8");
	CHECK(a && a->kind == SACCT_ACTIVE && !strcmp(a->state, "RUNNING") && a->exit_code == -1 && a->elapsed == -1);
	a = sacct_find(r, n, "9");
	CHECK(a && a->kind == SACCT_FAILED && a->exit_code == 1);
	CHECK(sacct_state_kind("OUT_OF_MEMORY") == SACCT_FAILED && sacct_state_kind("NODE_FAIL") == SACCT_FAILED &&
	      sacct_state_kind("PREEMPTED") == SACCT_FAILED && sacct_state_kind("REQUEUED") == SACCT_ACTIVE &&
	      sacct_state_kind("") == SACCT_UNKNOWN && sacct_state_kind(NULL) == SACCT_UNKNOWN);
	free(r);
}

/* sacct-5: huge fields and many lines: cut to the row's buffers, nothing read or written past them */
TEST(sacct_parse_huge)
{
	enum { big = 1 << 20 };
	static char blob[big + 1];
	struct sbuf t = { 0 };
	memset(blob, 'A', big);
	blob[big] = 0;
	sb_printf(&t, "1|CANCELLED %s|0:0|00:00:01\n", blob);      /* a megabyte of state */
	sb_printf(&t, "2|%s|0:0|00:00:01\n", blob);                /* a megabyte-long word */
	sb_printf(&t, "3|COMPLETED|%s|%s\n", blob, blob);          /* and of ExitCode, Elapsed */
	memset(blob, '7', big);
	sb_printf(&t, "%s|COMPLETED|0:0|00:00:01\n", blob);        /* a megabyte of digits as the id */
	for (int i = 0; i < 20000; i++) sb_printf(&t, "%d_%d|COMPLETED|0:0|00:00:01\n", 500, i);
	struct sacct_row *r = NULL;
	size_t n = 0;
	CHECK_INT(sacct_parse(t.s, &r, &n), 1);
	CHECK_INT(n, 3 + 20000);
	const struct sacct_row *a = sacct_find(r, n, "1");
	CHECK(a && a->kind == SACCT_FAILED && strlen(a->state) == sizeof a->state - 1 && !strncmp(a->state, "CANCELLED AAA", 13));
	a = sacct_find(r, n, "2");
	CHECK(a && a->kind == SACCT_UNKNOWN && !strcmp(a->word, "?") && strlen(a->state) == sizeof a->state - 1);
	a = sacct_find(r, n, "3");
	CHECK(a && a->kind == SACCT_DONE && a->exit_code == -1 && a->elapsed == -1);
	a = sacct_find(r, n, "500_19999");
	CHECK(a && a->kind == SACCT_DONE);
	free(r);
	sb_free(&t);
}
