/* net/fallback.c — which stages fell back to the embedded engines, and why, kept in the
 * project's fallback.json so a fallback does not stick: the next run asks the server
 * again (and says so), unless the user has edited what the embedded engine wrote. */
#include "net/net.h"
#include "story/story.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *record_path(const struct project *p) { return project_path(p, "fallback.json"); }

static json_t *record_load(const struct project *p)
{
	char *path = record_path(p);
	json_error_t je;
	json_t *j = file_exists(path) ? json_load_file(path, 0, &je) : NULL;
	if (file_exists(path) && !json_is_object(j))   /* only a note of ours: start it again */
		log_warn("drama", "%s:%d:%d: not a JSON object (%s); the record of which stages fell back starts again",
		         path, j ? 1 : je.line, j ? 1 : je.column, j ? "another JSON value" : je.text);
	free(path);
	if (!json_is_object(j)) { json_decref(j); j = json_object(); }
	return j;
}

static int record_save(const struct project *p, json_t *j)
{
	char *path = record_path(p);
	int rc = 0;
	if (json_object_size(j) == 0) {
		if (file_exists(path)) remove(path);
	} else {
		char *t = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
		rc = file_write_atomic(path, t, strlen(t));
		free(t);
	}
	free(path);
	return rc;
}

/* What the story says, as its Fountain export: stage fields (audio, timings) are not in
 * it, so only a change to the story itself counts as the user's edit. */
static void story_key(const struct project *p, char out[33])
{
	struct sbuf f = { 0 };
	struct hash h;
	hash_init(&h);
	if (p->s && story_to_fountain(p->s, &f) == 0) hash_add(&h, f.s, f.len);
	hash_hex(&h, out);
	sb_free(&f);
}

static void file_key(const struct project *p, const char *rel, char out[33])
{
	char *path = project_path(p, rel), *t = NULL;
	size_t n = 0;
	struct hash h;
	hash_init(&h);
	if (file_read_all(path, &t, &n) == 0) hash_add(&h, t, n);
	hash_hex(&h, out);
	free(t);
	free(path);
}

int ai_fallback_note(const struct project *p, const char *stage, const char *why)
{
	json_t *j = record_load(p);
	char when[32], sk[33], fk[33];
	time_t now = time(NULL);
	struct tm tm;
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	json_t *e = json_pack("{s:s, s:s}", "why", why ? why : "", "at", when);
	if (!strcmp(stage, "script")) {
		story_key(p, sk);
		file_key(p, "script.fountain", fk);
		json_object_set_new(e, "story", json_string(sk));
		json_object_set_new(e, "fountain", json_string(fk));
	}
	json_object_set_new(j, stage, e);
	int rc = record_save(p, j);
	json_decref(j);
	if (rc < 0) { log_warn("drama", "%s", err_msg()); err_clear(); }
	return rc;
}

void ai_fallback_clear(const struct project *p, const char *stage)
{
	json_t *j = record_load(p);
	if (json_object_get(j, stage)) {
		json_object_del(j, stage);
		if (record_save(p, j) < 0) { log_warn("drama", "%s", err_msg()); err_clear(); }
	}
	json_decref(j);
}

static const char *stage_engine(const char *stage)
{
	if (!strcmp(stage, "script")) return "the embedded story engine";
	if (!strcmp(stage, "voice")) return "the embedded voices";
	if (!strcmp(stage, "design")) return "the procedural art";
	return "the embedded engine";
}

int ai_fallback_retry(const struct project *p, const char *stage)
{
	json_t *j = record_load(p);
	const json_t *e = json_object_get(j, stage);
	int retry = 0;
	if (json_is_object(e)) {
		const char *why = json_string_value(json_object_get(e, "why"));
		const char *sk0 = json_string_value(json_object_get(e, "story"));
		const char *fk0 = json_string_value(json_object_get(e, "fountain"));
		char sk[33], fk[33];
		retry = 1;
		if (sk0) {
			story_key(p, sk);
			file_key(p, "script.fountain", fk);
			if (strcmp(sk, sk0) || (fk0 && strcmp(fk, fk0))) retry = 0;
		}
		if (retry) {
			log_info("drama", "the last run used %s for the %s stage (%s); asking the server again", stage_engine(stage),
			         stage, why && *why ? why : "the server was unavailable");
		} else {
			log_info("drama", "the last run used %s for the %s stage, and you have edited the result since: keeping "
			         "it (`drama make --force` asks the server for a new story)", stage_engine(stage), stage);
			json_object_del(j, stage);
			if (record_save(p, j) < 0) { log_warn("drama", "%s", err_msg()); err_clear(); }
		}
	}
	json_decref(j);
	return retry;
}
