/* tests/test_server_regen.c — regenerating one shot from the workbench (issue 18): a
 * shot's "take" is part of its render cache key, so POST .../shots/regenerate bumps it
 * and the render redraws that shot only; every other segment comes from the cache. */
#define _GNU_SOURCE
#include "test.h"
#include "core/model.h"
#include "core/util.h"
#include "server/server.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server_http.h"

/* How many times needle occurs in hay. */
static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle)) n++;
	return n;
}

/* "take": absent = 0 (storyboards written before it load unchanged and are saved without
 * it); a whole number 0..1000000 round-trips; anything else is refused with its path. */
TEST(server_take_in_storyboard)
{
	const char *base =
		"{\"title\": \"T\", \"lang\": \"en\", \"characters\": [{\"name\": \"Xia\"}],"
		" \"locations\": [{\"name\": \"Shop\"}],"
		" \"episodes\": [{\"number\": 1, \"scenes\": [{\"location\": \"Shop\", \"shots\": ["
		"{\"type\": \"medium\"%s}]}]}]}";
	const char *takes[] = { "", ", \"take\": 3", ", \"take\": -1", ", \"take\": 1.5", ", \"take\": \"2\"" };
	for (size_t i = 0; i < 5; i++) {
		char *txt = xasprintf(base, takes[i]);
		json_error_t je;
		json_t *j = json_loads(txt, 0, &je);
		CHECK(j);
		struct series *s = NULL;
		int rc = series_from_json(j, &s);
		json_decref(j);
		if (i < 2) {
			CHECKF(rc == 0, "%s", err_msg());
			CHECK_INT(s->eps[0].scenes[0].shots[0].take, i ? 3 : 0);
			char *path = path_join(test_tmpdir(), "sb.json"), *out = NULL;
			size_t n = 0;
			CHECK(series_save(s, path) == 0);
			CHECK(file_read_all(path, &out, &n) == 0);
			CHECK_INT(count(out, "\"take\""), i ? 1 : 0);
			free(out);
			free(path);
		} else {
			CHECK(rc < 0);
			CHECKF(strstr(err_msg(), "take"), "%s", err_msg());
		}
		series_free(s);
		free(txt);
	}
}

/* Cache keys see values, not spellings: a look saved from a browser (1 for 1.0) keys the
 * same pictures, voices and segments as before. */
TEST(server_cache_key_whole_numbers)
{
	json_t *a = json_loads("{\"voice\": {\"rate\": 1.0, \"pitch\": 0.95}, \"l\": [2.0, 3]}", 0, NULL);
	json_t *b = json_loads("{\"voice\": {\"rate\": 1, \"pitch\": 0.95}, \"l\": [2, 3.0]}", 0, NULL);
	json_t *c = json_loads("{\"voice\": {\"rate\": 1.5, \"pitch\": 0.95}, \"l\": [2, 3]}", 0, NULL);
	CHECK(a && b && c);
	char *ka = model_json_key(a, JSON_SORT_KEYS | JSON_COMPACT), *kb = model_json_key(b, JSON_SORT_KEYS | JSON_COMPACT);
	char *kc = model_json_key(c, JSON_SORT_KEYS | JSON_COMPACT);
	CHECKF(!strcmp(ka, kb), "%s vs %s", ka, kb);
	CHECK(strcmp(ka, kc) != 0);
	CHECK(json_is_real(json_object_get(json_object_get(a, "voice"), "rate")));   /* the value itself untouched */
	CHECK(model_json_key(NULL, 0) == NULL);
	free(ka); free(kb); free(kc);
	json_decref(a); json_decref(b); json_decref(c);
}

/* A real small project; regenerate its second shot: 202 with take 1, the job renders the
 * episode and its log says exactly 1 segment drawn. Bad positions: 422 naming the field,
 * nothing changed. */
TEST(server_regenerate_shot)
{
	CHECK(make_real_project("tea") == 0);
	char *sb = path_join(test_tmpdir(), "ws/tea/storyboard.json"), *log = path_join(test_tmpdir(), "ws/tea/job.log");
	char *before = NULL, *after = NULL, *txt = NULL;
	size_t n = 0;
	CHECK(file_read_all(sb, &before, &n) == 0);
	CHECK_INT(count(before, "\"take\""), 0);
	struct server *sv = start(NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	struct resp r;
	const char *bad[][2] = {
		{ "{\"episode\": 1, \"scene\": 0, \"shot\": 0}", "\"field\":\"episode\"" },
		{ "{\"episode\": 0, \"scene\": 99, \"shot\": 0}", "\"field\":\"scene\"" },
		{ "{\"episode\": 0, \"scene\": 0, \"shot\": 9999}", "\"field\":\"shot\"" },
		{ "{\"episode\": 0, \"scene\": 0, \"shot\": -1}", "\"field\":\"shot\"" },
		{ "{\"episode\": 0, \"scene\": 0, \"shot\": \"1\"}", "\"field\":\"shot\"" },
		{ "{\"episode\": 0, \"scene\": 0}", "\"field\":\"shot\"" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK(http(port, "POST", "/api/projects/tea/shots/regenerate", bad[i][0], NULL, &r) == 0);
		CHECK_INT(r.status, 422);
		CHECKF(strstr(r.body.s, bad[i][1]), "%s -> %s", bad[i][0], r.body.s);
		resp_free(&r);
	}
	CHECK(file_read_all(sb, &after, &n) == 0);
	CHECK(!strcmp(before, after));
	free(after);
	after = NULL;
	CHECK(http(port, "POST", "/api/projects/tea/shots/regenerate", "{\"episode\": 0, \"scene\": 0, \"shot\": 1}", NULL, &r) == 0);
	CHECK_INT(r.status, 202);
	CHECKF(strstr(r.body.s, "\"take\":1"), "%s", r.body.s);
	resp_free(&r);
	CHECK(job_done(port, "tea", 300));
	CHECK(file_read_all(log, &txt, &n) == 0);
	const char *stat = strstr(txt, "segments drawn");
	CHECKF(stat && count(txt, "segments drawn") == 1, "%s", txt);
	while (stat > txt && stat[-1] != ':') stat--;
	fprintf(stderr, "  after regenerate:%.60s\n", stat);
	CHECKF(!strncmp(stat, " 1 segments drawn, ", 19), "%s", txt);
	CHECK(file_read_all(sb, &after, &n) == 0);
	CHECK_INT(count(after, "\"take\": 1"), 1);
	server_stop(sv);
	free(before); free(after); free(txt); free(sb); free(log);
}
