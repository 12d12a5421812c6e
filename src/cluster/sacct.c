/* cluster/sacct.c — parsing sacct's output (sacct.h). */
#include "cluster/sacct.h"

#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Slurm's job state words (job_state_string in Slurm 22.05's slurm_protocol_defs.c: the
 * base states and the flag names sacct can print instead), and what each means to us. */
static const struct {
	const char *word;
	enum sacct_kind kind;
} STATES[] = {
	{ "PENDING", SACCT_ACTIVE },       { "RUNNING", SACCT_ACTIVE },       { "SUSPENDED", SACCT_ACTIVE },
	{ "REQUEUED", SACCT_ACTIVE },      { "REQUEUE_FED", SACCT_ACTIVE },   { "REQUEUE_HOLD", SACCT_ACTIVE },
	{ "RESIZING", SACCT_ACTIVE },      { "CONFIGURING", SACCT_ACTIVE },   { "COMPLETING", SACCT_ACTIVE },
	{ "SIGNALING", SACCT_ACTIVE },     { "STAGE_OUT", SACCT_ACTIVE },     { "STOPPED", SACCT_ACTIVE },
	{ "RESV_DEL_HOLD", SACCT_ACTIVE }, { "POWER_UP_NODE", SACCT_ACTIVE }, { "UPDATE_DB", SACCT_ACTIVE },
	{ "COMPLETED", SACCT_DONE },
	{ "CANCELLED", SACCT_FAILED },     { "FAILED", SACCT_FAILED },        { "TIMEOUT", SACCT_FAILED },
	{ "NODE_FAIL", SACCT_FAILED },     { "PREEMPTED", SACCT_FAILED },     { "BOOT_FAIL", SACCT_FAILED },
	{ "DEADLINE", SACCT_FAILED },      { "OUT_OF_MEMORY", SACCT_FAILED }, { "REVOKED", SACCT_FAILED },
	{ "SPECIAL_EXIT", SACCT_FAILED },
};

enum sacct_kind sacct_state_kind(const char *word)
{
	for (size_t i = 0; word && i < ARRAY_LEN(STATES); i++)
		if (!strcmp(word, STATES[i].word)) return STATES[i].kind;
	return SACCT_UNKNOWN;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

int sacct_id_valid(const char *id)
{
	size_t i = 0, digits = 0;
	if (!id) return 0;
	while (is_digit(id[i])) i++;
	if (i == 0) return 0;
	if (id[i] == '_') {
		size_t j = ++i;
		while (is_digit(id[i])) i++;
		digits = i - j;
		if (!digits) return 0;
	}
	return id[i] == 0 && i < 32;
}

/* A decimal number of 1..9 digits in [s, e), at most max; -1 otherwise. */
static long number(const char *s, const char *e, long max)
{
	if (e <= s || e - s > 9) return -1;
	long v = 0;
	for (; s < e; s++) {
		if (!is_digit(*s)) return -1;
		v = v * 10 + (*s - '0');
	}
	return v <= max ? v : -1;
}

/* ExitCode "N:S" (both 0..255) into code and sig; -1 both when garbled. */
static void parse_exit(const char *s, const char *e, int *code, int *sig)
{
	*code = *sig = -1;
	const char *c = memchr(s, ':', (size_t)(e - s));
	if (!c) return;
	long a = number(s, c, 255), b = number(c + 1, e, 255);
	if (a < 0 || b < 0) return;
	*code = (int)a;
	*sig = (int)b;
}

/* Elapsed "[D-]HH:MM:SS", "MM:SS" (optionally ".mmm") in seconds; -1 when garbled. */
static long parse_elapsed(const char *s, const char *e)
{
	long days = 0;
	const char *dash = memchr(s, '-', (size_t)(e - s));
	if (dash) {
		if ((days = number(s, dash, 36500)) < 0) return -1;
		s = dash + 1;
	}
	const char *dot = memchr(s, '.', (size_t)(e - s));
	if (dot) {
		if (number(dot + 1, e, 999) < 0) return -1;
		e = dot;
	}
	long part[3];
	int k = 0;
	for (const char *p = s;; p++) {
		if (p == e || *p == ':') {
			/* the first part any width, minutes and seconds two digits below 60 */
			if (k == 3 || (k && p - s != 2) || (part[k] = number(s, p, k ? 59 : 999999)) < 0) return -1;
			k++;
			s = p + 1;
			if (p == e) break;
		}
	}
	if (k == 2) return days * 86400 + part[0] * 60 + part[1];                   /* MM:SS */
	if (k == 3) return days * 86400 + part[0] * 3600 + part[1] * 60 + part[2];  /* HH:MM:SS */
	return -1;
}

/* [s, e) without the spaces around it */
static void trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t')) (*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r')) (*e)--;
}

/* One line [s, e) into row; 0 kept, -1 skipped. */
static int parse_line(const char *s, const char *e, struct sacct_row *row)
{
	const char *f[5], *fe[5];
	int nf = 0;
	for (const char *p = s;; p++) {
		if (p == e || *p == '|') {
			if (nf == 5) return -1;   /* more fields than we asked for: not our command's output */
			f[nf] = s;
			fe[nf] = p;
			trim(&f[nf], &fe[nf]);
			nf++;
			s = p + 1;
			if (p == e) break;
		}
	}
	/* a field is complete when a '|' follows it: JobID and State must be */
	if (nf < 3 || fe[0] - f[0] >= (long)sizeof row->id) return -1;
	memset(row, 0, sizeof *row);
	memcpy(row->id, f[0], (size_t)(fe[0] - f[0]));
	if (!sacct_id_valid(row->id)) return -1;
	size_t k = 0;
	for (const char *p = f[1]; p < fe[1] && k + 1 < sizeof row->state; p++)
		row->state[k++] = (*p >= 0x20 && *p < 0x7f) ? *p : '?';
	size_t w = 0;
	while (f[1] + w < fe[1] && ((f[1][w] >= 'A' && f[1][w] <= 'Z') || f[1][w] == '_')) w++;
	/* a word must end at a space, a '+' (sacct's mark of a cut-off word) or the field's end */
	const char *after = f[1] + w;
	if (w == 0 || w >= sizeof row->word || (after < fe[1] && *after != ' ' && *after != '+')) {
		snprintf(row->word, sizeof row->word, "?");
		row->kind = SACCT_UNKNOWN;
	} else {
		memcpy(row->word, f[1], w);
		row->kind = *after == '+' && after < fe[1] ? SACCT_UNKNOWN : sacct_state_kind(row->word);
	}
	if (!row->state[0]) snprintf(row->state, sizeof row->state, "?");
	row->exit_code = row->signal = -1;
	row->elapsed = -1;
	/* the last field may be cut off (the input ended): ExitCode counts only with Elapsed after it */
	if (nf >= 4) {
		parse_exit(f[2], fe[2], &row->exit_code, &row->signal);
		row->elapsed = parse_elapsed(f[3], fe[3]);
	}
	return 0;
}

int sacct_parse(const char *text, struct sacct_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	size_t cap = 0;
	int skipped = 0;
	for (const char *s = text ? text : ""; *s;) {
		const char *e = s + strcspn(s, "\n");
		struct sacct_row row;
		if (e > s && parse_line(s, e, &row) == 0) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 16;
				*rows = xrealloc(*rows, cap * sizeof **rows);
			}
			(*rows)[(*n)++] = row;
		} else if (e > s) {
			skipped++;
		}
		s = *e ? e + 1 : e;
	}
	return skipped;
}

const struct sacct_row *sacct_find(const struct sacct_row *rows, size_t n, const char *id)
{
	for (size_t i = n; id && i-- > 0;)
		if (!strcmp(rows[i].id, id)) return &rows[i];
	return NULL;
}
