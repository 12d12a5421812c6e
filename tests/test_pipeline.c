/* tests/test_pipeline.c — how `drama make` schedules its stages: design on a thread of its
 * own beside voice and then music (pipeline.c prepare_beside) writes the same bytes as the
 * stages one after another (DRAMA_SERIAL_STAGES=1), and a failure on either side ends the
 * make with that stage's one clear message. */
#include "test.h"
#include "drama_run.h"
#include "core/util.h"
#include "core/model.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KW "'ancient time-travel, milk tea shop, prince'"
#define SMALL "--size 108x192 --fps 10 --minutes 0.5"

/* 1 if DIR/ledger.json names a stage `name` under "stage_cpu_seconds". */
static int ledger_has_cpu(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s/ledger.json", test_tmpdir(), dir), *txt = NULL;
	int has = 0;
	if (file_read_all(path, &txt, NULL) == 0) {
		const char *cpu = strstr(txt, "\"stage_cpu_seconds\"");
		char *key = xasprintf("\"%s\":", name);
		has = cpu && strstr(cpu, key) != NULL;
		free(key);
	}
	free(txt);
	free(path);
	return has;
}

/* `drama make` with the stages one after another into dir (args after -o dir); its status. */
static int make_serial(const char *dir, const char *args)
{
	char *out = NULL;
	int st = shell_run(&out, "DRAMA_SERIAL_STAGES=1 '%s' make " KW " -o %s %s", test_drama_bin(), dir, args);
	if (st) fprintf(stderr, "%s\n", out);
	free(out);
	return st;
}

/* The side-by-side make writes what the serial one writes: every line's WAV and timing,
 * every cue, the sheets and cards, the storyboard and the MP4 (same bytes). */
TEST(pipeline_prepare_beside_same_bytes)
{
	char *out = NULL;
	int st = make_serial("serial", SMALL);
	CHECK(st == 0);
	st = drama_run(&out, "make " KW " -o beside " SMALL " -v");
	if (st) fprintf(stderr, "%s\n", out);
	/* the side-by-side path ran (and says so under -v), the serial one did not */
	int said = out && strstr(out, "after design | voice, music:") != NULL;
	free(out);
	CHECK(st == 0);
	CHECK(said);
	CHECK(ledger_has_cpu("beside", "prepare") && ledger_has_cpu("beside", "design") && ledger_has_cpu("beside", "music"));
	CHECK(!ledger_has_cpu("serial", "prepare") && ledger_has_cpu("serial", "voice"));
	/* the caches hold something to compare */
	st = shell_run(&out, "ls beside/cache/voice/*.wav beside/cache/music/*.wav beside/characters/*.png | wc -l");
	int n = out ? atoi(out) : 0;
	free(out);
	CHECKF(st == 0 && n >= 6, "%d files", n);
	st = shell_run(&out, "diff -r -x ledger.json -x drama.lock -x '*.log' serial beside");
	if (st) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(st == 0);
	/* and a second side-by-side make is the same again */
	st = drama_run(&out, "make " KW " -o again " SMALL);
	free(out);
	CHECK(st == 0);
	st = shell_run(&out, "diff -r -x ledger.json -x drama.lock -x '*.log' beside again");
	if (st) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(st == 0);
}

/* A voice that flite does not have: voice fails while design runs on its thread. The make
 * stops with the voice stage's one message (the line, what to fix), design's work is saved
 * (the sheets are there, the storyboard has looks), and no music or video was made. */
TEST(pipeline_voice_fails_beside_design)
{
	char *out = NULL;
	int st = drama_run(&out, "script vf " KW " " SMALL);
	free(out);
	CHECK(st == 0);
	/* every character and the narrator get a voice flite does not have */
	char *sb = xasprintf("%s/vf/storyboard.json", test_tmpdir());
	struct series *s = NULL;
	CHECK(series_load(sb, &s) == 0);
	for (size_t i = 0; i < s->n_chars; i++) {
		json_decref(s->chars[i].voice);
		s->chars[i].voice = json_pack("{s:s, s:s}", "engine", "flite", "voice", "nosuch");
	}
	json_decref(s->narrator_voice);
	s->narrator_voice = json_pack("{s:s, s:s}", "engine", "flite", "voice", "nosuch");
	st = series_save(s, sb);
	series_free(s);
	free(sb);
	CHECK(st == 0);
	st = drama_run(&out, "make " KW " -o vf " SMALL);
	CHECKF(st == 1, "status %d: %s", st, out);
	CHECKF(out && strstr(out, "unknown flite voice \"nosuch\"") && strstr(out, "fix the line"), "%s", out);
	/* one error line */
	int errors = 0;
	for (const char *at = out; at && (at = strstr(at, "drama: ")); at++) errors++;
	CHECKF(errors == 1, "%d error lines: %s", errors, out);
	free(out);
	char *mp4 = path_join(test_tmpdir(), "vf/ep01.mp4");
	st = shell_run(&out, "ls vf/characters/*.png | wc -l; grep -c '\"look\"' vf/storyboard.json; "
	               "grep -c '\"music\": \"cache' vf/storyboard.json");
	int pngs = 0, looks = 0, cues = -1;
	if (out) sscanf(out, "%d %d %d", &pngs, &looks, &cues);
	free(out);
	CHECKF(pngs >= 2 && looks >= 2 && cues == 0, "pngs %d looks %d cues %d", pngs, looks, cues);
	CHECK(!file_exists(mp4));
	free(mp4);
}

/* design cannot write its pictures (characters/ is a file) while voice and music run: the
 * make stops with design's message, as the serial order would, and nothing is rendered. */
TEST(pipeline_design_fails_beside_voice)
{
	char *out = NULL;
	int st = drama_run(&out, "script df " KW " " SMALL);
	free(out);
	CHECK(st == 0);
	st = shell_run(&out, "echo not a folder > df/characters");
	free(out);
	CHECK(st == 0);
	st = drama_run(&out, "make " KW " -o df " SMALL);
	CHECKF(st == 1, "status %d: %s", st, out);
	CHECKF(out && strstr(out, "characters"), "%s", out);
	int errors = 0;
	for (const char *at = out; at && (at = strstr(at, "drama: ")); at++) errors++;
	CHECKF(errors == 1, "%d error lines: %s", errors, out);
	/* the serial order says the same */
	char *first = out;
	out = NULL;
	st = shell_run(&out, "DRAMA_SERIAL_STAGES=1 '%s' make " KW " -o df " SMALL, test_drama_bin());
	CHECK(st == 1);
	const char *a = first ? strstr(first, "drama: ") : NULL, *b = out ? strstr(out, "drama: ") : NULL;
	size_t la = a ? strcspn(a, "\n") : 0, lb = b ? strcspn(b, "\n") : 0;
	CHECKF(a && b && la == lb && !strncmp(a, b, la), "beside: %.*s\nserial: %.*s", (int)la, a ? a : "", (int)lb, b ? b : "");
	free(first);
	free(out);
	char *mp4 = path_join(test_tmpdir(), "df/ep01.mp4");
	CHECK(!file_exists(mp4));
	free(mp4);
}

/* The preview makes its cues beside the render (pipeline.c music_start): the render starts
 * as soon as the cues are named and its mix waits for them. Every file is what the serial
 * order writes (the cues, the storyboard's music, the MP4, the outputs record, whose hashes
 * take the cues once made), and a second make keeps the MP4. Without the wait the mix reads
 * missing cues; without the record hashed again the next make renders it again. */
TEST(pipeline_preview_music_beside_same_bytes)
{
	char *out = NULL;
	int st = make_serial("pserial", "--preview " SMALL);
	CHECK(st == 0);
	/* the cues start 2 s late: the render has drawn and its mix waits (it would mix without them) */
	st = shell_run(&out, "DRAMA_TEST_MUSIC_LATE=2 '%s' make " KW " -o pbeside --preview " SMALL " -v 2>&1", test_drama_bin());
	if (st) fprintf(stderr, "%s\n", out);
	int said = out && strstr(out, "the music beside the render is made") != NULL;
	free(out);
	CHECK(st == 0);
	CHECK(said);
	st = shell_run(&out, "ls pbeside/cache/music/*.wav | wc -l; grep -c '\"music\": \"cache' pbeside/storyboard.json");
	int cues = 0, named = 0;
	if (out) sscanf(out, "%d %d", &cues, &named);
	free(out);
	CHECKF(st == 0 && cues >= 1 && named == cues, "%d cues, %d named", cues, named);
	st = shell_run(&out, "diff -r -x ledger.json -x drama.lock -x '*.log' pserial pbeside");
	if (st) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(st == 0);
	st = drama_run(&out, "make " KW " -o pbeside --preview " SMALL " -v");
	CHECKF(st == 0 && out && strstr(out, "ep01.preview.mp4 kept"), "%s", out ? out : "");
	free(out);
}

/* A cue cannot be written (a folder stands at its path) while the preview renders beside
 * the music: the make stops with the music's one message, as the serial order does, no
 * preview is written, and the storyboard names no cue (it was saved before they failed). */
TEST(pipeline_preview_music_fails_beside_render)
{
	int st = make_serial("cues", "--preview " SMALL);
	CHECK(st == 0);
	char *out = NULL;
	st = shell_run(&out, "true; for d in mf ms; do mkdir -p $d/cache/music; for f in cues/cache/music/*.wav; do "
	               "mkdir $d/cache/music/$(basename $f); done; done; ls mf/cache/music | wc -l");
	int dirs = out ? atoi(out) : 0;
	free(out);
	CHECKF(st == 0 && dirs >= 1, "%d", dirs);
	st = drama_run(&out, "make " KW " -o mf --preview " SMALL);
	CHECKF(st == 1, "status %d: %s", st, out);
	int errors = 0;
	for (const char *at = out; at && (at = strstr(at, "drama: ")); at++) errors++;
	CHECKF(errors == 1 && strstr(out, "cache/music/") && strstr(out, "Is a directory"), "%d error lines: %s", errors, out);
	free(out);
	/* the serial order stops with the same message (its folder's name aside) */
	st = shell_run(&out, "DRAMA_SERIAL_STAGES=1 '%s' make " KW " -o ms --preview " SMALL " 2>&1", test_drama_bin());
	CHECKF(st == 1 && out && strstr(out, "cache/music/") && strstr(out, "Is a directory"), "status %d: %s", st, out);
	free(out);
	char *mp4 = path_join(test_tmpdir(), "mf/ep01.preview.mp4");
	CHECK(!file_exists(mp4));
	free(mp4);
	st = shell_run(&out, "grep -c '\"music\": \"cache' mf/storyboard.json");
	int named = out ? atoi(out) : -1;
	free(out);
	CHECKF(named == 0, "%d cues named", named);
}

/* In DIR/storyboard.json the first spoken line gets " Really." (its scene's cue is made
 * again: the scene is longer); with looks, every character's skin changes too (the
 * shots that show one are drawn again). 0 or <0. */
static int edit_storyboard(const char *dir, int looks)
{
	char *sb = xasprintf("%s/%s/storyboard.json", test_tmpdir(), dir);
	struct series *s = NULL;
	int rc = series_load(sb, &s), done = 0;
	for (size_t e = 0; rc == 0 && e < s->n_eps; e++)
		for (size_t i = 0; i < s->eps[e].n_scenes; i++)
			for (size_t j = 0; j < s->eps[e].scenes[i].n_shots && !done; j++) {
				struct line *l = s->eps[e].scenes[i].shots[j].line;
				if (!l || !l->text) continue;
				char *t = xasprintf("%s Really.", l->text);
				free(l->text);
				l->text = t;
				done = 1;
			}
	for (size_t i = 0; rc == 0 && looks && i < s->n_chars; i++)
		if (json_is_object(s->chars[i].look)) json_object_set_new(s->chars[i].look, "skin", json_string("#c99f86"));
	if (rc == 0) {
		sleep(1);                     /* file times are coarse: an edit in the same tick is not newer */
		rc = done ? series_save(s, sb) : -1;
	}
	series_free(s);
	free(sb);
	return rc;
}

/* At full size an edit's one new cue is made beside the render's set-up (pipeline.c
 * MUSIC_BESIDE_FULL), and the render waits for it before it draws (x264's memory and
 * the cue's do not meet); a line edit then mixes beside its few frames. Every file is
 * what the serial order writes, for a line edit and for one that draws most shots. The
 * cues start 2 s late, so a render that did not wait would be seen. */
TEST(pipeline_edit_music_beside_same_bytes)
{
	char *out = NULL;
	CHECK(make_serial("base", SMALL) == 0);
	for (int looks = 0; looks < 2; looks++) {
		int st = shell_run(&out, "rm -rf es eb && cp -a base es && cp -a base eb");
		free(out);
		CHECK(st == 0);
		CHECK(edit_storyboard("es", looks) == 0 && edit_storyboard("eb", looks) == 0);
		CHECK(make_serial("es", SMALL) == 0);
		st = shell_run(&out, "DRAMA_TEST_MUSIC_LATE=2 '%s' make " KW " -o eb " SMALL " -v 2>&1", test_drama_bin());
		if (st) fprintf(stderr, "%s\n", out);
		CHECK(st == 0 && out);
		const char *made = strstr(out, "the music beside the render is made"), *drawn = strstr(out, "missing: drawing it");
		const char *mixed = strstr(out, "mix and AAC beside");
		CHECKF(made && drawn, "looks %d: the cue beside %d, a segment drawn %d", looks, made != NULL, drawn != NULL);
		CHECKF(made < drawn, "looks %d: the cue made before drawing %d", looks, made < drawn);
		CHECKF(!looks == (mixed != NULL), "looks %d: mixed beside the frames %d", looks, mixed != NULL);
		free(out);
		st = shell_run(&out, "diff -r -x ledger.json -x drama.lock -x '*.log' es eb");
		if (st) fprintf(stderr, "%s\n", out);
		free(out);
		CHECKF(st == 0, "looks %d: the files differ", looks);
	}
}
