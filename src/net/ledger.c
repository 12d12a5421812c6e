/* net/ledger.c — what the AI backends cost: requests, tokens in/out (from the servers'
 * "usage" fields), generation seconds per backend, and wall time per stage. */
#include "net/net_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct lb { char name[32]; int requests, attempts; long tin, tout, chars; double sec; };
struct ls { char name[32]; double start, wall, cpu; int open, has_cpu; };

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct lb backends[16];
static size_t n_backends;
static struct ls stages[32];
static size_t n_stages;

void ai_ledger_reset(void)
{
	pthread_mutex_lock(&mu);
	n_backends = n_stages = 0;
	pthread_mutex_unlock(&mu);
}

static struct ls *stage_get(const char *name)
{
	for (size_t i = 0; i < n_stages; i++)
		if (!strcmp(stages[i].name, name)) return &stages[i];
	if (n_stages == ARRAY_LEN(stages)) return NULL;
	struct ls *s = &stages[n_stages++];
	memset(s, 0, sizeof *s);
	snprintf(s->name, sizeof s->name, "%s", name);
	return s;
}

void ai_ledger_stage_begin(const char *stage)
{
	pthread_mutex_lock(&mu);
	struct ls *s = stage_get(stage);
	if (s) { s->start = now_sec(); s->open = 1; }
	pthread_mutex_unlock(&mu);
}

void ai_ledger_stage_end(const char *stage)
{
	pthread_mutex_lock(&mu);
	struct ls *s = stage_get(stage);
	if (s && s->open) { s->wall += now_sec() - s->start; s->open = 0; }
	pthread_mutex_unlock(&mu);
}

void ai_ledger_stage_cpu(const char *stage, double sec)
{
	pthread_mutex_lock(&mu);
	struct ls *s = stage_get(stage);
	if (s) { s->cpu += sec; s->has_cpu = 1; }
	pthread_mutex_unlock(&mu);
}

/* The backend's entry (made on first use); NULL when the table is full. Lock held. */
static struct lb *backend_get(const char *backend)
{
	for (size_t i = 0; i < n_backends; i++)
		if (!strcmp(backends[i].name, backend)) return &backends[i];
	if (n_backends == ARRAY_LEN(backends)) return NULL;
	struct lb *b = &backends[n_backends++];
	memset(b, 0, sizeof *b);
	snprintf(b->name, sizeof b->name, "%s", backend);
	return b;
}

void ai_ledger_add_more(const char *backend, int attempts, long characters)
{
	pthread_mutex_lock(&mu);
	struct lb *b = backend_get(backend);
	if (b) { b->attempts += attempts; b->chars += characters; }
	pthread_mutex_unlock(&mu);
}

int ai_ledger_get_more(const char *backend, int *attempts, long *characters)
{
	pthread_mutex_lock(&mu);
	struct lb *b = NULL;
	for (size_t i = 0; i < n_backends; i++)
		if (!strcmp(backends[i].name, backend)) b = &backends[i];
	if (attempts) *attempts = b ? b->attempts : 0;
	if (characters) *characters = b ? b->chars : 0;
	pthread_mutex_unlock(&mu);
	return b != NULL;
}

void ai_ledger_add(const char *backend, int requests, long tokens_in, long tokens_out, double seconds)
{
	pthread_mutex_lock(&mu);
	struct lb *b = backend_get(backend);
	if (b) {
		b->requests += requests;
		b->tin += tokens_in;
		b->tout += tokens_out;
		b->sec += seconds;
	}
	pthread_mutex_unlock(&mu);
}

int ai_ledger_get(const char *backend, int *requests, long *tokens_in, long *tokens_out, double *seconds)
{
	int found = 0;
	pthread_mutex_lock(&mu);
	for (size_t i = 0; i < n_backends; i++)
		if (!strcmp(backends[i].name, backend)) {
			if (requests) *requests = backends[i].requests;
			if (tokens_in) *tokens_in = backends[i].tin;
			if (tokens_out) *tokens_out = backends[i].tout;
			if (seconds) *seconds = backends[i].sec;
			found = 1;
		}
	pthread_mutex_unlock(&mu);
	if (!found) {
		if (requests) *requests = 0;
		if (tokens_in) *tokens_in = 0;
		if (tokens_out) *tokens_out = 0;
		if (seconds) *seconds = 0;
	}
	return found;
}

int ai_ledger_write(const char *path, int episode)
{
	json_t *j = json_object();
	if (episode > 0) json_object_set_new(j, "episode", json_integer(episode));
	json_t *b = json_object(), *s = json_object(), *cpu = json_object();
	long tin = 0, tout = 0;
	int req = 0;
	pthread_mutex_lock(&mu);
	for (size_t i = 0; i < n_backends; i++) {
		json_t *o = json_pack("{s:i, s:I, s:I, s:f}", "requests", backends[i].requests,
		                      "tokens_in", (json_int_t)backends[i].tin, "tokens_out", (json_int_t)backends[i].tout,
		                      "generation_seconds", backends[i].sec);
		if (backends[i].attempts) json_object_set_new(o, "attempts", json_integer(backends[i].attempts));
		if (backends[i].chars) json_object_set_new(o, "characters", json_integer((json_int_t)backends[i].chars));
		json_object_set_new(b, backends[i].name, o);
		req += backends[i].requests;
		tin += backends[i].tin;
		tout += backends[i].tout;
	}
	for (size_t i = 0; i < n_stages; i++) {
		double w = stages[i].wall + (stages[i].open ? now_sec() - stages[i].start : 0);
		json_object_set_new(s, stages[i].name, json_real(w));
		if (stages[i].has_cpu) json_object_set_new(cpu, stages[i].name, json_real(stages[i].cpu));
	}
	pthread_mutex_unlock(&mu);
	json_object_set_new(j, "backends", b);
	json_object_set_new(j, "stage_wall_seconds", s);
	if (json_object_size(cpu)) json_object_set_new(j, "stage_cpu_seconds", cpu);
	else json_decref(cpu);
	json_object_set_new(j, "totals", json_pack("{s:i, s:I, s:I}", "requests", req,
	                                            "tokens_in", (json_int_t)tin, "tokens_out", (json_int_t)tout));
	int rc = json_save_atomic(j, path, JSON_INDENT(2));
	json_decref(j);
	return rc;
}

static void kfmt(char *buf, size_t n, long v)
{
	if (v >= 10000) snprintf(buf, n, "%.1fk", (double)v / 1000.0);
	else snprintf(buf, n, "%ld", v);
}

void ai_ledger_summary(struct sbuf *out)
{
	pthread_mutex_lock(&mu);
	for (size_t i = 0; i < n_backends; i++) {
		char a[32], b[32];
		kfmt(a, sizeof a, backends[i].tin);
		kfmt(b, sizeof b, backends[i].tout);
		sb_printf(out, "%s: %d request%s", backends[i].name, backends[i].requests, backends[i].requests == 1 ? "" : "s");
		if (backends[i].attempts > backends[i].requests) sb_printf(out, " (%d attempts)", backends[i].attempts);
		if (backends[i].chars) sb_printf(out, ", %ld characters", backends[i].chars);
		else sb_printf(out, ", %s tokens in, %s out", a, b);
		sb_printf(out, ", %.1f s\n", backends[i].sec);
	}
	for (size_t i = 0; i < n_stages; i++) {
		sb_printf(out, "stage %s: %.1f s wall", stages[i].name,
		          stages[i].wall + (stages[i].open ? now_sec() - stages[i].start : 0));
		if (stages[i].has_cpu) sb_printf(out, ", %.1f s CPU", stages[i].cpu);
		sb_printf(out, "\n");
	}
	pthread_mutex_unlock(&mu);
}
