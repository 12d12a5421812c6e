/* tests/test_core.c — the focus of this file is the core module: the storyboard model's
 * JSON round trip, the validator's messages (with file:line:column), json_locate,
 * atomic writes, the timeline's frame arithmetic, WAV I/O and settings. */
#include "test.h"
#include "core/util.h"
#include "core/model.h"
#include "core/timeline.h"
#include "core/wav.h"
#include "story/story.h"

#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>

/* A small storyboard with every kind of field. Caller frees. */
static struct series *sample(void)
{
	struct series *s = series_new();
	s->title = xstrdup("The Last Cup");
	s->lang = xstrdup("en");
	s->era = xstrdup("mixed");
	s->seed = 42;
	strv_push(&s->genres, &s->n_genres, &s->cap_genres, "time travel");
	struct character *c = series_add_character(s);
	c->name = xstrdup("Xia");
	c->role = xstrdup("shop owner");
	c->gender = xstrdup("female");
	c->age = 24;
	c->look = json_pack("{s:s}", "hair", "bob");
	c = series_add_character(s);
	c->name = xstrdup("Rui");
	c->role = xstrdup("prince");
	c->gender = xstrdup("male");
	struct location *l = series_add_location(s);
	l->name = xstrdup("Milk Tea Shop");
	l->kind = xstrdup("milk_tea_shop");
	struct episode *e = series_add_episode(s);
	e->title = xstrdup("Rain");
	strv_push(&e->beats, &e->n_beats, &e->cap_beats, "A stranger arrives");
	struct scene *sc = episode_add_scene(e);
	sc->location = xstrdup("Milk Tea Shop");
	sc->time = xstrdup("night");
	sc->weather = xstrdup("rain");
	sc->mood = xstrdup("mystery");
	strv_push(&sc->cast, &sc->n_cast, &sc->cap_cast, "Xia");
	strv_push(&sc->cast, &sc->n_cast, &sc->cap_cast, "Rui");
	struct shot *sh = scene_add_shot(sc);
	sh->type = xstrdup("wide");
	sh->camera = xstrdup("push_in");
	sh->duration = 2.5;
	sh = scene_add_shot(sc);
	sh->type = xstrdup("close_up");
	struct actor *a = shot_add_actor(sh);
	a->name = xstrdup("Rui");
	a->expression = xstrdup("angry");
	struct line *ln = shot_set_line(sh);
	ln->speaker = xstrdup("Rui");
	ln->text = xstrdup("Where are my guards?");
	ln->emotion = xstrdup("angry");
	ln->parenthetical = xstrdup("looking around");
	sh = scene_add_shot(sc);
	sh->type = xstrdup("medium");
	ln = shot_set_line(sh);
	ln->text = xstrdup("The rain did not stop.");
	return s;
}

TEST(core_model_roundtrip)
{
	struct series *s = sample(), *t = NULL;
	json_t *a = series_to_json(s);
	CHECK(series_from_json(a, &t) == 0);
	json_t *b = series_to_json(t);
	char *sa = json_dumps(a, JSON_SORT_KEYS), *sb = json_dumps(b, JSON_SORT_KEYS);
	int same = !strcmp(sa, sb);
	CHECK_STR(t->eps[0].scenes[0].shots[1].line->parenthetical, "looking around");
	CHECK(t->eps[0].scenes[0].shots[2].line->speaker == NULL);
	CHECK_STR(json_string_value(json_object_get(t->chars[0].look, "hair")), "bob");
	free(sa); free(sb);
	json_decref(a); json_decref(b);
	series_free(s); series_free(t);
	CHECK(same);
}

TEST(core_model_save_load)
{
	struct series *s = sample(), *t = NULL;
	char *path = path_join(test_tmpdir(), "storyboard.json");
	CHECK(series_save(s, path) == 0);
	int rc = series_load(path, &t);
	if (rc) fprintf(stderr, "%s\n", err_msg());
	CHECK(rc == 0);
	CHECK_INT(t->eps[0].scenes[0].n_shots, 3);
	CHECK(t->seed == 42);
	series_free(s); series_free(t); free(path);
}

/* series_to_text streams the save episode by episode (one episode's JSON tree alive at a
 * time); its text must equal the whole tree's dump, byte for byte. */
static void check_streamed(const struct series *s)
{
	char *text = NULL;
	size_t n = 0;
	int rc = series_to_text(s, "streamed.json", &text, &n);
	if (rc) fprintf(stderr, "%s\n", err_msg());
	CHECK(rc == 0);
	json_t *j = series_to_json(s);
	char *whole = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	CHECK(whole && text);
	if (whole && text) {
		size_t wn = strlen(whole);
		CHECK(n == wn + 1 && text[wn] == '\n');
		CHECK(!strncmp(text, whole, wn));
	}
	free(whole);
	free(text);
	json_decref(j);
}

TEST(core_model_save_streamed)
{
	struct series *s = series_new();
	s->title = xstrdup("Empty");
	check_streamed(s);   /* no episodes: "episodes": [] as before */
	series_free(s);
	s = sample();
	check_streamed(s);   /* one episode */
	/* more episodes, one of them empty, strings with escapes, a nested design */
	for (int i = 0; i < 3; i++) {
		struct episode *e = series_add_episode(s);
		e->number = i + 2;
		if (i == 1) continue;
		e->title = xstrdup("Line one\nline two \"quoted\"\t\u96e8");
		struct scene *sc = episode_add_scene(e);
		sc->location = xstrdup("Milk Tea Shop");
		struct shot *sh = scene_add_shot(sc);
		sh->type = xstrdup("wide");
		sh->duration = 1.0 / 3.0;
		shot_set_line(sh)->text = xstrdup("{\"not\": [\"json\"]}\n  indented");
	}
	s->chars[1].look = json_pack("{s:[i,{s:s}],s:{}}", "layers", 1, "k", "v\nw", "empty");
	check_streamed(s);
	series_free(s);
	/* a storyboard from the engine, several episodes */
	struct story_opts o = { .lang = "en", .seed = 7, .episodes = 3, .minutes = 1 };
	CHECK(story_from_keywords("ancient time-travel, milk tea shop, prince", &o, &s) == 0);
	CHECK(s && s->n_eps == 3);
	if (s) check_streamed(s);
	/* series_load frees each episode's JSON as it reads it: the loaded model saves the same */
	char *path = path_join(test_tmpdir(), "storyboard.json"), *a = NULL, *b = NULL;
	size_t na = 0, nb = 0;
	struct series *t = NULL;
	CHECK(s && series_save(s, path) == 0 && series_load(path, &t) == 0);
	CHECK(series_to_text(s, path, &a, &na) == 0 && t && series_to_text(t, path, &b, &nb) == 0);
	CHECK(a && b && na == nb && !memcmp(a, b, na));
	free(a); free(b); free(path);
	series_free(t);
	series_free(s);
}

/* validate-1.x: each problem gets its field path and an exact message */
TEST(core_validate_messages)
{
	static const struct { const char *mutation, *path, *msg; } cases[] = {
		{ "speaker", "episodes[0].scenes[0].shots[1].line.speaker", "no character \"Lin\"; add it to characters or use an existing name" },
		{ "location", "episodes[0].scenes[0].location", "no location \"Moon\"; add it to locations or use an existing name" },
		{ "type", "episodes[0].scenes[0].shots[0].type", "\"dolly\" is not one of: wide, medium, close_up, extreme_close_up, over_the_shoulder, two_shot, insert" },
		{ "empty", "episodes[0].scenes[0].shots[1].line.text", "the line is empty; write the line or remove it" },
		{ "dupe", "characters[1].name", "\"Xia\" is used by two characters; names must be unique" },
		{ "duration", "episodes[0].scenes[0].shots[0].duration", "-1 seconds is out of range (0 to 60; 0 = from the line)" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct series *s = sample();
		struct shot *sh = s->eps[0].scenes[0].shots;
		const char *m = cases[i].mutation;
		if (!strcmp(m, "speaker")) { free(sh[1].line->speaker); sh[1].line->speaker = xstrdup("Lin"); }
		if (!strcmp(m, "location")) { free(s->eps[0].scenes[0].location); s->eps[0].scenes[0].location = xstrdup("Moon"); }
		if (!strcmp(m, "type")) { free(sh[0].type); sh[0].type = xstrdup("dolly"); }
		if (!strcmp(m, "empty")) { free(sh[1].line->text); sh[1].line->text = xstrdup("  "); }
		if (!strcmp(m, "dupe")) { free(s->chars[1].name); s->chars[1].name = xstrdup("Xia"); }
		if (!strcmp(m, "duration")) sh[0].duration = -1;
		struct diags d = { 0 };
		size_t n = series_validate(s, &d);
		int ok = n >= 1 && !strcmp(d.v[0].path, cases[i].path) && !strcmp(d.v[0].msg, cases[i].msg);
		if (!ok) fprintf(stderr, "case %s: got %zu: %s: %s\n", m, n, n ? d.v[0].path : "", n ? d.v[0].msg : "");
		diags_free(&d);
		series_free(s);
		CHECK(ok);
	}
	struct series *s = sample();
	struct diags d = { 0 };
	CHECK_INT(series_validate(s, &d), 0);
	series_free(s);
}

/* A bad edit in the file is reported with file:line:column and the field path. */
TEST(core_load_reports_position)
{
	struct series *s = sample();
	char *path = path_join(test_tmpdir(), "storyboard.json");
	CHECK(series_save(s, path) == 0);
	series_free(s);
	char *text;
	CHECK(file_read_all(path, &text, NULL) == 0);
	char *at = strstr(text, "\"speaker\": \"Rui\"");
	CHECK(at);
	memcpy(at + 12, "Lin", 3);
	CHECK(file_write_atomic(path, text, strlen(text)) == 0);
	/* compute the expected line of the edit */
	int line = 1;
	for (char *p = text; p < at; p++) line += *p == '\n';
	free(text);
	struct series *t = NULL;
	CHECK(series_load(path, &t) < 0);
	CHECK(t == NULL);
	char want[512];
	snprintf(want, sizeof want, "%s:%d:", path, line);
	CHECKF(strstr(err_msg(), want), "message \"%s\" lacks \"%s\"", err_msg(), want);
	CHECK(strstr(err_msg(), "episodes[0].scenes[0].shots[1].line.speaker: no character \"Lin\""));
	free(path);
}

TEST(core_load_bad_json)
{
	char *path = path_join(test_tmpdir(), "storyboard.json");
	const char *bad = "{\n  \"title\": \"x\",\n  \"episodes\": [ }\n";
	CHECK(file_write_atomic(path, bad, strlen(bad)) == 0);
	struct series *t = NULL;
	CHECK(series_load(path, &t) < 0);
	char want[512];
	snprintf(want, sizeof want, "%s:3:", path);
	CHECKF(strstr(err_msg(), want) && strstr(err_msg(), "invalid JSON"), "got \"%s\"", err_msg());
	/* wrong type: path and position */
	bad = "{\"episodes\": [{\"scenes\": 5}]}";
	CHECK(file_write_atomic(path, bad, strlen(bad)) == 0);
	CHECK(series_load(path, &t) < 0);
	CHECKF(strstr(err_msg(), ":1:26: episodes[0].scenes: expected a list"), "got \"%s\"", err_msg());
	free(path);
}

TEST(core_json_locate)
{
	const char *t = "{\n \"a\": [1, {\"b\": \"x\"}],\n \"c\": {\"d\": [true, false]}\n}";
	int l, c;
	CHECK(json_locate(t, "a[1].b", &l, &c) == 1);
	CHECK_INT(l, 2); CHECK_INT(c, 17);
	CHECK(json_locate(t, "c.d[1]", &l, &c) == 1);
	CHECK_INT(l, 3); CHECK_INT(c, 20);
	CHECK(json_locate(t, "c.zz", &l, &c) == 0);
	CHECK_INT(l, 3);   /* the object that lacks it */
}

TEST(core_atomic_write_keeps_old_on_failure)
{
	char *path = path_join(test_tmpdir(), "f.txt");
	CHECK(file_write_atomic(path, "old", 3) == 0);
	char *bad = path_join(test_tmpdir(), "nodir/f.txt");
	CHECK(file_write_atomic(bad, "x", 1) < 0);
	CHECK(strstr(err_msg(), "nodir/f.txt"));
	char *txt;
	CHECK(file_read_all(path, &txt, NULL) == 0);
	CHECK_STR(txt, "old");
	free(txt);
	/* no temporary files left behind */
	char cmd[600];
	snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -c tmp", test_tmpdir());
	char *out;
	test_run(cmd, &out);
	CHECK_STR(out, "0\n");
	free(out); free(path); free(bad);
}

TEST(core_timeline_frames)
{
	struct series *s = sample();
	s->eps[0].scenes[0].shots[1].line->audio_sec = 1.0;
	struct timeline tl;
	CHECK(timeline_build(s, &s->eps[0], 30, &tl) == 0);
	CHECK_INT(tl.title_frames, 60);
	CHECK_INT(tl.n_shots, 3);
	CHECK_INT(tl.shots[0].start, 60);
	CHECK_INT(tl.shots[0].frames, 75);          /* 2.5 s */
	CHECK_INT(tl.shots[1].line_start, 135 + 6); /* lead 0.2 s */
	CHECK_INT(tl.shots[1].line_end, 141 + 30);
	CHECK_INT(tl.shots[1].frames, 47);          /* ceil((0.2+1+0.35)*30) */
	CHECK_INT(tl.shots[2].start, 182);
	CHECK_INT(tl.end_start, tl.shots[2].start + tl.shots[2].frames);
	CHECK_INT(tl.frames, tl.end_start + 75);
	CHECK_INT(tl.scenes[0].frames, tl.end_start - 60);
	timeline_free(&tl);
	series_free(s);
}

TEST(core_wav_roundtrip)
{
	int16_t pcm[200];
	for (int i = 0; i < 200; i++) pcm[i] = (int16_t)(i * 150 - 15000);
	char *path = path_join(test_tmpdir(), "a.wav");
	CHECK(wav_write(path, pcm, 100, 48000, 2) == 0);
	int16_t *back; size_t fr; int rate, ch;
	CHECK(wav_read(path, &back, &fr, &rate, &ch) == 0);
	CHECK_INT(fr, 100); CHECK_INT(rate, 48000); CHECK_INT(ch, 2);
	int same = !memcmp(back, pcm, sizeof pcm);
	free(back);
	CHECK(same);
	CHECK(file_write_atomic(path, "RIFFxxxxWAVEjunk", 16) == 0);
	CHECK(wav_read(path, &back, &fr, &rate, &ch) < 0);
	free(path);
}

TEST(core_settings)
{
	char *path = path_join(test_tmpdir(), "drama.json");
	struct settings st;
	CHECK(settings_load(path, &st) == 0);      /* missing file: defaults */
	CHECK_INT(st.width, 1080); CHECK_INT(st.height, 1920); CHECK_INT(st.fps, 30);
	const char *cfg = "{\"fps\": 24, \"llm\": {\"url\": \"http://x\"}}";
	CHECK(file_write_atomic(path, cfg, strlen(cfg)) == 0);
	CHECK(settings_load(path, &st) == 0);
	CHECK_INT(st.fps, 24);
	st.width = 720;
	CHECK(settings_save(&st, path) == 0);
	char *txt;
	CHECK(file_read_all(path, &txt, NULL) == 0);
	int kept = strstr(txt, "http://x") != NULL;
	free(txt);
	CHECK(kept);                                /* unknown keys survive */
	CHECK(file_write_atomic(path, "{\"fps\": \"fast\"}", strlen("{\"fps\": \"fast\"}")) == 0);
	CHECK(settings_load(path, &st) < 0);
	CHECK(strstr(err_msg(), "fps must be a whole number"));
	free(path);
}

TEST(core_hash_and_names)
{
	struct hash h;
	char a[33], b[33];
	hash_init(&h); hash_str(&h, "ab"); hash_str(&h, "c"); hash_hex(&h, a);
	hash_init(&h); hash_str(&h, "a"); hash_str(&h, "bc"); hash_hex(&h, b);
	CHECK(strcmp(a, b) != 0);
	CHECK_INT(strlen(a), 32);
	char *n = path_safe_name("Prince Rui (V.O.)");
	CHECK_STR(n, "Prince_Rui_V_O");
	free(n);
	n = path_safe_name("萧睿");
	CHECK_STR(n, "萧睿");
	free(n);
	n = path_safe_name("../../etc");
	CHECK_STR(n, "etc");
	free(n);
}
