/* tests/test_series.c — the focus of this file is a series made side by side on one
 * machine: the episode writer lock (drama.lock shared + drama.epNN.lock), cache entries
 * written by several processes at once, `drama render DIR --episode N` run concurrently
 * for different episodes of one project, and `drama make --jobs J` giving every episode
 * and the storyboard byte-identical to the run one episode after another.
 * (series-1 .. series-5) */
#include "test.h"
#include "drama_run.h"
#include "core/util.h"
#include "core/cache.h"
#include "core/lock.h"
#include "httpd_double.h"

#include <jansson.h>
#include <math.h>

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *tmp(const char *rel) { return path_join(test_tmpdir(), rel); }

/* DIR/ledger.json of the case's folder DIR, loaded (NULL if unreadable); caller decrefs. */
static json_t *ledger_of(const char *dir)
{
	char *rel = xasprintf("%s/ledger.json", dir), *path = tmp(rel);
	json_t *j = json_load_file(path, 0, NULL);
	free(rel);
	free(path);
	return j;
}


/* series-1: the lock scheme in one process (OFD locks conflict between opens even there) */
TEST(series_lock_episodes)
{
	char *d = tmp("p");
	CHECK(mkdir_p(d) == 0);
	struct project_lock *e1 = NULL, *e2 = NULL, *e1b = NULL, *w = NULL;
	CHECK(project_lock_take_episode(d, "render", 1, &e1) == 0 && e1);
	CHECK(project_lock_take_episode(d, "render", 2, &e2) == 0 && e2);   /* another episode: at once */
	CHECK(project_lock_take_episode(d, "render", 1, &e1b) == ERR_INPUT && !e1b);
	CHECK(strstr(err_msg(), "episode 1 of"));
	CHECK(project_lock_take(d, "design", 0, &w) == ERR_INPUT && !w);    /* no whole-project writer meanwhile */
	CHECK(project_lock_exclusive(e1, 0) == ERR_INPUT);                 /* e2 is there too */
	project_lock_release(e2, 0);
	CHECK(project_lock_exclusive(e1, 0) == 0);                         /* alone: may take it whole */
	CHECK(project_lock_take(d, "design", 0, &w) == ERR_INPUT && !w);
	/* (another episode writer would wait for it now: that is series_jobs_identical's job) */
	CHECK(project_lock_share(e1) == 0);
	project_lock_release(e1, 0);
	char *lf = path_join(d, PROJECT_LOCK_FILE), *ef = path_join(d, "drama.ep01.lock");
	CHECK(!file_exists(lf) && !file_exists(ef));                        /* the last one out removes them */
	CHECK(project_lock_take(d, "make", 0, &w) == 0 && w);
	CHECK(project_lock_take_episode(d, "render", 3, &e1) == ERR_INPUT);
	CHECK(project_lock_share(w) == 0);                                  /* make --jobs lets them in */
	CHECK(project_lock_take_episode(d, "render", 3, &e1) == 0 && e1);
	project_lock_release(e1, 0);
	CHECK(project_lock_exclusive(w, 1) == 0);
	project_lock_release(w, 0);
	CHECK(!file_exists(lf));
	free(lf);
	free(ef);
	free(d);
}

/* series-2: four processes make and seal the same three entries over and over: every seal
 * works and every entry checked valid reads back whole (a writer's fresh file was once
 * removed by another's check between its rename and its seal) */
TEST(series_cache_concurrent_writers)
{
	char *dir = tmp("cache");
	CHECK(mkdir_p(dir) == 0);
	/* the window itself: a writer's entry is in place, not sealed yet, when another
	 * process checks it; the writer's seal must still find it */
	char *f0 = xasprintf("%s/w.bin", dir);
	CHECK(file_write_atomic(f0, "0123456789", 10) == 0);
	pid_t other = fork();
	if (other == 0) _exit(cache_valid(f0, -1));
	int st0 = -1;
	waitpid(other, &st0, 0);
	CHECK(WIFEXITED(st0) && WEXITSTATUS(st0) == 0);   /* not trusted yet ... */
	CHECK(cache_seal(f0, -1) == 0);                    /* ... but left for its writer */
	CHECK(cache_valid(f0, -1) == 1);
	free(f0);
	pid_t kids[4];
	for (int k = 0; k < 4; k++) {
		kids[k] = fork();
		if (kids[k] == 0) {
			int bad = 0;
			char content[4096];
			for (int i = 0; i < 400; i++) {
				int e = (i + k) % 3;
				memset(content, 'a' + e, sizeof content);
				char *f = xasprintf("%s/e%d.bin", dir, e);
				if (!cache_valid(f, -1)) {
					if (file_write_atomic(f, content, sizeof content) < 0 || cache_seal(f, -1) < 0) bad++;
				} else {
					char *got = NULL;
					size_t n = 0;
					if (file_read_all(f, &got, &n) < 0 || n != sizeof content || memcmp(got, content, n)) bad++;
					free(got);
				}
				free(f);
			}
			_exit(bad ? 1 : 0);
		}
	}
	int fails = 0;
	for (int k = 0; k < 4; k++) {
		int st = 0;
		waitpid(kids[k], &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st)) fails++;
	}
	CHECK_INT(fails, 0);
	free(dir);
}

#define SERIES "'milk tea shop, prince' --episodes 3 --size 216x384 --fps 10 --minutes 0.5"

/* series-3: make --jobs 2, and three `drama render --episode N` at once after script and
 * design, give every episode, subtitle and the storyboard byte for byte as --jobs 1 */
TEST(series_jobs_identical)
{
	char *out = NULL;
	int st = drama_run(&out, "make " SERIES " -o seq --jobs 1");
	CHECKF(st == 0, "sequential make: %s", out);
	free(out);
	out = NULL;
	st = drama_run(&out, "make " SERIES " -o par --jobs 2");
	CHECKF(st == 0, "make --jobs 2: %s", out);
	CHECKF(strstr(out, "3 episodes, 2 at a time") && strstr(out, "episode 3: done") && strstr(out, "3/3 done"), "%s", out);
	CHECKF(strstr(out, "par/ep02.mp4\n"), "the paths written are listed: %s", out);
	free(out);
	out = NULL;
	/* by hand: the shared stages, then the three episode writers together */
	st = drama_run(&out, "script hand " SERIES " && '%s' design hand && "
	               "{ '%s' render hand --episode 1 & a=$!; '%s' render hand --episode 2 & b=$!; "
	               "'%s' render hand --episode 3 & c=$!; wait $a; r1=$?; wait $b; r2=$?; wait $c; r3=$?; [ $r1$r2$r3 = 000 ]; }",
	               test_drama_bin(), test_drama_bin(), test_drama_bin(), test_drama_bin());
	CHECKF(st == 0, "three episode writers: %s", out);
	free(out);
	static const char *const files[] = { "ep01.mp4", "ep02.mp4", "ep03.mp4", "ep02.srt", "ep03.contact.png", "storyboard.json",
	                                     "series.contact.png" };
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char *a = xasprintf("%s/seq/%s", test_tmpdir(), files[i]), *b = xasprintf("%s/par/%s", test_tmpdir(), files[i]),
		     *c = xasprintf("%s/hand/%s", test_tmpdir(), files[i]);
		int ab = file_same_bytes(a, b), ac = file_same_bytes(a, c);
		free(a);
		free(b);
		free(c);
		CHECKF(ab, "%s differs between --jobs 1 and --jobs 2", files[i]);
		CHECKF(ac || i == 6, "%s differs between make and three concurrent renders", files[i]);
	}
	/* the series sheet of the hand-made one (the Slurm final job's command) is the same too */
	out = NULL;
	st = drama_run(&out, "sheet hand");
	CHECKF(st == 0 && strstr(out, "hand/series.contact.png"), "%s", out);
	free(out);
	char *sa = tmp("seq/series.contact.png"), *sc = tmp("hand/series.contact.png");
	CHECK(file_same_bytes(sa, sc));
	free(sa);
	free(sc);
	/* make --jobs 2's ledger holds each episode's (what its process ran, and for how long) */
	json_t *led = ledger_of("par");
	json_t *eps = json_object_get(led, "episodes");
	CHECK(json_object_size(eps) == 3);
	CHECK(json_number_value(json_object_get(json_object_get(json_object_get(eps, "2"), "stage_wall_seconds"), "render")) > 0);
	CHECK(json_number_value(json_object_get(json_object_get(led, "stage_wall_seconds"), "episodes")) > 0);
	json_decref(led);
	char *log = tmp("par/logs/ep02.log"), *lk = tmp("hand/drama.lock");
	CHECK(file_exists(log));
	CHECK(!file_exists(lk));
	free(log);
	free(lk);

	/* series-4: an edited screenplay is not imported by one episode writer under the others' feet */
	struct project_lock *held = NULL;
	char *hand = tmp("hand");
	CHECK(project_lock_take_episode(hand, "render", 2, &held) == 0 && held);
	out = NULL;
	st = shell_run(&out, "sleep 1; sed -i 's/Sophie/Sophia/' hand/script.fountain && '%s' render hand --episode 1",
	               test_drama_bin());
	project_lock_release(held, 0);
	CHECKF(st != 0 && strstr(out, "script.fountain was edited, and other episodes are being made"), "%s", out);
	free(out);
	free(hand);
}

/* series-5: the lock's messages, before anything is read */
TEST(series_episode_busy)
{
	char *d = tmp("busy");
	CHECK(mkdir_p(d) == 0);
	struct project_lock *held = NULL;
	CHECK(project_lock_take_episode(d, "render", 4, &held) == 0);
	char *out = NULL;
	int st = drama_run(&out, "render busy --episode 4");
	CHECKF(st == 1 && strstr(out, "episode 4 of busy is being written by another drama process (pid"), "%s", out);
	free(out);
	out = NULL;
	st = drama_run(&out, "design busy");
	CHECKF(st == 1 && strstr(out, "busy is being written by other drama processes (episodes)"), "%s", out);
	free(out);
	project_lock_release(held, 0);
	free(d);
}

/* series-6: make --jobs stopped by SIGTERM stops its episode processes too */
TEST(series_jobs_stopped)
{
	char *out = NULL;
	/* "true;" first: the & then puts only make in the background, not the cd before it */
	int st = shell_run(&out, "true; '%s' make palace -o stop --episodes 3 --size 216x384 --fps 10 --minutes 0.5 --jobs 2 2>&1 & m=$!; "
	                   "i=0; while [ ! -s stop/logs/ep01.log ] && [ $i -lt 600 ]; do sleep 0.2; i=$((i+1)); done; "
	                   "kill -TERM $m; wait $m; echo \"make exit $?\"; sleep 1; "
	                   "ps -eo args | grep -c '[r]ender stop --episode'", test_drama_bin());
	CHECKF(strstr(out, "make exit 1") && strstr(out, "stopped by signal 15"), "%s", out);
	CHECKF(str_has_suffix(out, "\n0\n"), "episode processes left running: %s", out);
	free(out);
	(void)st;
}

/* series-7: a workbench job (DRAMA_KEEP_LOCK) that renders one episode leaves how it
 * ended in drama.lock, where the workbench reads it */
TEST(series_lock_keep_episode)
{
	char *d = tmp("k");
	CHECK(mkdir_p(d) == 0);
	setenv("DRAMA_KEEP_LOCK", "1", 1);
	struct project_lock *e = NULL;
	int rc = project_lock_take_episode(d, "render", 1, &e);
	unsetenv("DRAMA_KEEP_LOCK");
	CHECK(rc == 0 && e);
	struct project_lock_info li;
	CHECK(project_lock_query(d, &li) == 0);
	CHECK(li.held && li.pid == (long)getpid() && !li.finished);
	CHECK_STR(li.what, "render");
	project_lock_release(e, 3);
	CHECK(project_lock_query(d, &li) == 0);
	CHECK(!li.held && li.finished && li.exit_code == 3);
	free(d);
}

/* series-8: `drama voice` again on a voiced project (every line from the cache) writes
 * storyboard.json as the first voicing did: each line's audio_sec is the WAV's own length,
 * not the timing file's rounded duration (2.405 where the first run wrote 2.4049375) */
TEST(series_voice_rerun_same_storyboard)
{
	char *out = NULL;
	int st = drama_run(&out, "script v 'milk tea shop, prince' --episodes 1 --minutes 0.5 && '%s' design v && '%s' voice v && "
	                   "cp v/storyboard.json first.json && '%s' voice v", test_drama_bin(), test_drama_bin(), test_drama_bin());
	CHECKF(st == 0, "%s", out);
	CHECKF(strstr(out, "0 line(s) voiced"), "the second voicing reuses every line: %s", out);
	free(out);
	char *a = tmp("first.json"), *b = tmp("v/storyboard.json");
	CHECK(file_same_bytes(a, b));
	free(a);
	free(b);
}

/* a speech server's answer: 0.6 s of a 24 kHz tone as 16-bit WAV */
static void h_tone(struct fake *f, int n, const char *m, const char *url, const json_t *req, const char *raw, size_t rawn,
                   struct fake_reply *r)
{
	(void)f; (void)n; (void)m; (void)req; (void)raw; (void)rawn;
	if (strcmp(url, "/v1/audio/speech")) { r->status = 404; r->body = xstrdup("{\"detail\":\"Not Found\"}"); return; }
	size_t frames = 14400, len = 44 + frames * 2;
	unsigned char *w = calloc(1, len);
	uint32_t v32[] = { (uint32_t)(len - 8), 16, 24000, 48000, (uint32_t)(frames * 2) };
	memcpy(w, "RIFF", 4); memcpy(w + 4, &v32[0], 4); memcpy(w + 8, "WAVEfmt ", 8); memcpy(w + 16, &v32[1], 4);
	uint16_t fmt[4] = { 1, 1 }, blk[2] = { 2, 16 };
	memcpy(w + 20, fmt, 4); memcpy(w + 24, &v32[2], 4); memcpy(w + 28, &v32[3], 4); memcpy(w + 32, blk, 4);
	memcpy(w + 36, "data", 4); memcpy(w + 40, &v32[4], 4);
	for (size_t i = 0; i < frames; i++) {
		int16_t s = (int16_t)(8000 * sin(2 * M_PI * 220 * (double)i / 24000));
		memcpy(w + 44 + 2 * i, &s, 2);
	}
	r->ctype = "audio/wav";
	r->body = (char *)w;
	r->len = len;
}

/* series-9: the episodes' processes voiced with a speech server: make --jobs 2's
 * ledger.json counts every request they made, as the sequential make's does */
TEST(series_jobs_ledger_merged)
{
	struct fake f;
	CHECK(fake_start(&f, h_tone, NULL) == 0);
	char *url = xasprintf("http://127.0.0.1:%d/v1", f.port);
	setenv("DRAMA_TTS_URL", url, 1);
	setenv("DRAMA_TTS_MODEL", "kokoro", 1);
	char *out = NULL;
	int st = drama_run(&out, "make palace -o lp --episodes 2 --size 64x112 --fps 5 --minutes 0.5 --jobs 2");
	int requests = f.count;
	unsetenv("DRAMA_TTS_URL");
	unsetenv("DRAMA_TTS_MODEL");
	fake_stop(&f);
	free(url);
	CHECKF(st == 0, "%s", out);
	free(out);
	json_t *led = ledger_of("lp");
	json_t *eps = json_object_get(led, "episodes");
	int e1 = (int)json_integer_value(json_object_get(json_object_get(json_object_get(json_object_get(eps, "1"), "backends"), "tts"), "requests"));
	int e2 = (int)json_integer_value(json_object_get(json_object_get(json_object_get(json_object_get(eps, "2"), "backends"), "tts"), "requests"));
	int all = (int)json_integer_value(json_object_get(json_object_get(json_object_get(led, "backends"), "tts"), "requests"));
	json_decref(led);
	CHECKF(e1 > 0 && e2 > 0, "each episode's speech requests: %d, %d", e1, e2);
	CHECK_INT(all, e1 + e2);
	CHECKF(requests >= all && all > 0, "server saw %d, ledger %d", requests, all);
}

/* series-10: `drama sheet` on a series not rendered yet: a sheet of "not made" frames, and an
 * episode's damaged ledger named (file:line) and left out, not a failure */
TEST(series_sheet_unmade_damaged_ledger)
{
	char *out = NULL;
	int st = drama_run(&out, "script sh palace --episodes 2 --minutes 0.5 && mkdir -p sh/logs && "
	                   "printf '{\"backends\": [' > sh/logs/ep01.ledger.json && '%s' sheet sh", test_drama_bin());
	CHECKF(st == 0 && strstr(out, "sh/series.contact.png") && strstr(out, "sh/ledger.json"), "%s", out);
	CHECKF(strstr(out, "sh/logs/ep01.ledger.json:1: ") && strstr(out, "leaves episode 1 out"), "%s", out);
	free(out);
	json_t *led = ledger_of("sh");
	CHECK(led && json_object_size(json_object_get(led, "episodes")) == 0);
	json_decref(led);
}
