/* tests/test_fountain_fixtures.c — the focus of this file is importing screenplays to
 * fountain.io's syntax, element by element, with the fixtures in tests/fountain/ (one
 * small file per element, plus Chinese and Japanese scripts): what each element becomes
 * in the storyboard, that the export writes it back in its place, and that every
 * fixture survives import -> export -> import unchanged. Also casting from the script
 * (gender, age, location kind) and a screenplay that is only a title page. */
#include "test.h"
#include "story/story.h"
#include "story/fountain.h"
#include "core/util.h"
#include "core/model.h"
#include "drama_run.h"

#include <stdlib.h>
#include <string.h>

/* fixtures-1: import a fixture; *script gets its export (caller frees both). */
static struct series *load(const char *name, char **script)
{
	char *path = xasprintf("tests/fountain/%s", name), *text = NULL;
	size_t n;
	struct series *s = NULL;
	struct story_opts o = { .minutes = 3 };
	if (file_read_all(path, &text, &n) == 0 && story_from_fountain(text, n, path, &o, &s) == 0 && script) {
		struct sbuf b = { 0 };
		story_to_fountain(s, &b);
		*script = b.s;
	}
	free(text);
	free(path);
	return s;
}

static const struct scene *scene_at(const struct series *s, size_t k)
{
	for (size_t i = 0; i < s->n_eps; i++) {
		if (k < s->eps[i].n_scenes) return &s->eps[i].scenes[k];
		k -= s->eps[i].n_scenes;
	}
	return NULL;
}

static size_t n_scenes(const struct series *s)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n_eps; i++) n += s->eps[i].n_scenes;
	return n;
}

/* The shot whose line contains part (NULL if none). */
static const struct shot *said(const struct series *s, const char *part)
{
	for (size_t k = 0; k < n_scenes(s); k++) {
		const struct scene *sc = scene_at(s, k);
		for (size_t j = 0; j < sc->n_shots; j++)
			if (sc->shots[j].line && strstr(sc->shots[j].line->text, part)) return &sc->shots[j];
	}
	return NULL;
}

/* 1 if any scene or shot keeps element el as written (scene notes, shot notes, end notes). */
static int kept(const struct series *s, const char *el)
{
	for (size_t k = 0; k < n_scenes(s); k++) {
		const struct scene *sc = scene_at(s, k);
		for (size_t i = 0; i < sc->n_notes; i++) if (str_eq(sc->notes[i], el)) return 1;
		for (size_t i = 0; i < sc->n_end_notes; i++) if (str_eq(sc->end_notes[i], el)) return 1;
		for (size_t j = 0; j < sc->n_shots; j++)
			for (size_t i = 0; i < sc->shots[j].n_notes; i++) if (str_eq(sc->shots[j].notes[i], el)) return 1;
	}
	return 0;
}

#define LOAD(name) char *f = NULL; struct series *s = load(name, &f); \
	CHECKF(s && f, "%s: %s", name, err_msg())
#define DONE() do { series_free(s); free(f); } while (0)

TEST(fixtures_1_transitions)
{
	LOAD("transitions.fountain");
	/* "FADE IN:" is a transition, not a scene "INT. Somewhere - DAY" */
	CHECK_INT(n_scenes(s), 5);
	CHECK(!series_find_location(s, "Somewhere"));
	CHECK_STR(scene_at(s, 0)->shots[0].transition_text, "FADE IN:");
	CHECK_STR(scene_at(s, 1)->shots[0].transition, "cut");
	CHECK(!scene_at(s, 1)->shots[0].transition_text);          /* "CUT TO:" says no more than "cut" */
	CHECK_STR(scene_at(s, 2)->shots[0].transition_text, "BURN TO PINK.");
	CHECK_STR(scene_at(s, 3)->shots[0].transition_text, "FADE TO:");
	CHECK_STR(scene_at(s, 4)->shots[0].transition, "flash");
	CHECK(kept(s, "> FADE OUT."));
	CHECK(strstr(f, "\n> BURN TO PINK.\n"));
	CHECK(strstr(f, "\nFADE TO:\n") && !strstr(f, "FADE TO BLACK"));
	CHECK(strstr(f, "\nSMASH CUT TO:\n"));
	CHECK(strstr(f, "> FADE IN:\n"));
	DONE();
}

TEST(fixtures_2_centered_lyrics)
{
	LOAD("centered.fountain");
	const struct scene *sc = scene_at(s, 0);
	CHECK(sc->shots[sc->n_shots - 2].centered && str_eq(sc->shots[sc->n_shots - 2].action, "THE END"));
	CHECK(strstr(f, "\n> THE END <\n") && strstr(f, "\n> INTERMISSION <\n") && !strstr(f, "!THE END"));
	DONE();
	s = load("lyrics.fountain", &f);
	CHECK(s);
	const struct shot *sh = said(s, "Willy Wonka");
	CHECK(sh && sh->line->lyrics && !sh->line->speaker);       /* lyrics, not narration */
	sh = said(s, "La la la, the tea is hot");
	CHECK(sh && sh->line->lyrics && str_eq(sh->line->speaker, "Singer"));
	sh = said(s, "Then she stops");
	CHECK(sh && !sh->line->lyrics && sh->line->cont);
	CHECK(strstr(f, "\n~Willy Wonka!") && strstr(f, "\nSINGER\n(singing)\n~La la la"));
	DONE();
}

TEST(fixtures_3_cues_and_dialogue)
{
	LOAD("character.fountain");
	CHECK_STR(said(s, "Eat your")->line->ext, "V.O.");          /* V.O. stays V.O. */
	CHECK(!said(s, "I can hear")->line->ext && said(s, "I can hear")->n_actors == 0);   /* O.S.: the default */
	CHECK_STR(said(s, "Still talking")->line->ext, "V.O. CONT'D");
	CHECK_STR(said(s, "Mr. McClane")->line->ext, "on the radio");
	CHECK_STR(said(s, "Yippee")->line->speaker, "McCLANE");
	CHECK(strstr(f, "\nMOM (V.O.)\n") && strstr(f, "\n@Hans (on the radio)\n"));
	DONE();
	s = load("dialogue.fountain", &f);
	CHECK(s);
	/* a parenthetical in the middle keeps its place: its own line, under the same cue */
	const struct shot *a = said(s, "retire them"), *b = said(s, "Permanently");
	CHECK(a && b && b == a + 1 && !a->line->parenthetical && str_eq(b->line->parenthetical, "beat") && b->line->cont);
	CHECK(strstr(f, "\nDAN\nThen let's retire them.\n(beat)\nPermanently.\n"));
	a = said(s, "Screw retirement");
	b = said(s, "Screw it");
	CHECK(str_eq(a->line->parenthetical, "quietly") && str_eq(b->line->parenthetical, "louder") && b->line->cont);
	CHECK(said(s, "and then another"));
	CHECK_STR(said(s, "Nobody")->line->text, "(Nobody.)");
	DONE();
	s = load("dual.fountain", &f);
	CHECK(s);
	const struct scene *sc = scene_at(s, 0);
	int duals = 0;
	for (size_t i = 0; i < sc->n_shots; i++) duals += sc->shots[i].line && sc->shots[i].line->dual;
	CHECK_INT(duals, 2);
	CHECK(strstr(f, "\nSTEEL ^\nScrew retirement.\n") && strstr(f, "\nSTEEL (V.O.) ^\nAgain.\n"));
	DONE();
	s = load("joint.fountain", &f);
	CHECK(s);
	CHECK_INT(s->n_chars, 2);                                   /* "EDWARD AND WILL" is the two of them */
	const struct shot *j = said(s, "same equation");
	CHECK(str_eq(j->line->speaker, "Edward") && str_eq(j->line->with, "Will") && j->n_actors == 2);
	CHECK_STR(said(s, "Together")->line->with, "Will");
	CHECK(strstr(f, "\nEDWARD AND WILL\nWe were part"));
	DONE();
}

/* fixtures-3b: a cue shared by three or more keeps every one of them (speaker, with, also),
 * also as the second side of dual dialogue and when the third never speaks alone */
TEST(fixtures_3b_joint_three)
{
	LOAD("joint3.fountain");
	const struct shot *j = said(s, "Three!");
	CHECK(j && str_eq(j->line->speaker, "Bob") && str_eq(j->line->with, "Alice"));
	CHECK(j && j->line->n_also == 1 && str_eq(j->line->also[0], "Carol") && j->n_actors == 3);
	j = said(s, "said it together");                            /* "BOB, ALICE AND CAROL" */
	CHECK(j && str_eq(j->line->speaker, "Bob") && str_eq(j->line->with, "Alice"));
	CHECK(j && j->line->n_also == 1 && str_eq(j->line->also[0], "Carol"));
	j = said(s, "Fine, fine");                                  /* dual: Bob, then three at once */
	CHECK(j && j->line->dual && str_eq(j->line->speaker, "Alice") && str_eq(j->line->with, "Carol"));
	CHECK(j && j->line->n_also == 1 && str_eq(j->line->also[0], "Dave"));
	j = said(s, "just got here");                               /* none speaks alone: still three */
	CHECK(j && str_eq(j->line->speaker, "Eve") && str_eq(j->line->with, "Frank"));
	CHECK(j && j->line->n_also == 1 && str_eq(j->line->also[0], "Gus"));
	CHECK_INT(s->n_chars, 7);                                  /* no "Bob & Alice & Carol" */
	CHECK(strstr(f, "\nBOB AND ALICE AND CAROL\nThree!\n"));
	CHECK(strstr(f, "\nALICE AND CAROL AND DAVE ^\nFine, fine.\n"));
	DONE();
}

TEST(fixtures_4_headings)
{
	LOAD("scene_headings.fountain");
	CHECK_INT(n_scenes(s), 11);
	/* forced headings keep their own text: no invented INT. or DAY */
	CHECK(strstr(f, "\n.BEDROOM\n") && !strstr(f, "INT. Bedroom"));
	CHECK(strstr(f, "\n.FLASHBACK - THE KITCHEN\n"));
	CHECK(strstr(f, "\nINT. HALL - CONTINUOUS\n"));
	CHECK(strstr(f, "\nint. lower case kitchen - day\n"));
	CHECK_STR(scene_at(s, 8)->number, "12A");                    /* INT. HALL - DAY #12A# */
	CHECK(strstr(f, "\nINT. HALL - DAY #12A#\n"));
	CHECK_STR(series_find_location(s, "Train Station - Platform")->kind, "city_street");   /* not a police station */
	CHECK_STR(series_find_location(s, "lower case kitchen")->kind, "apartment");
	DONE();
}

TEST(fixtures_5_sections_synopses_notes_pages)
{
	LOAD("sections.fountain");
	CHECK(kept(s, "# ACT ONE") && kept(s, "= Set up the characters and the story."));
	CHECK_STR(scene_at(s, 0)->summary, "This scene sets up Brick & Steel's new life as retirees.");
	CHECK(kept(s, "## Sequence one") && kept(s, "### The barbecue") && kept(s, "= Steel burns the burgers."));
	CHECK(kept(s, "# ACT TWO"));
	CHECK(strstr(f, "\n# ACT ONE\n") && strstr(f, "\n## Sequence one\n") && strstr(f, "\n= Steel burns the burgers.\n"));
	DONE();
	s = load("page_breaks.fountain", &f);
	CHECK(s && kept(s, "==="));
	CHECK(strstr(f, "\n===\n"));
	DONE();
	s = load("notes.fountain", &f);
	CHECK(s && kept(s, "[[This whole scene needs\na second look.]]") && kept(s, "[[A note on its own between blocks.]]"));
	CHECK(kept(s, "[[Or did we think of actual names for these guys?]]") && kept(s, "[[Is this too violent?]]"));
	CHECK_STR(said(s, "retire them")->line->text, "Then let's retire them.");
	DONE();
	/* an unclosed "[[" is text and swallows nothing */
	s = load("notes_unclosed.fountain", &f);
	CHECK(s && said(s, "Still here?") && said(s, "Always."));
	DONE();
	/* the boneyard is cut; a "CUT TO:" before it is no character */
	s = load("boneyard.fountain", &f);
	CHECK(s);
	CHECK_INT(s->n_chars, 1);
	CHECK_STR(s->chars[0].name, "Brick");
	CHECK_INT(n_scenes(s), 1);
	CHECK(!said(s, "Nobody sees this"));
	CHECK(kept(s, "/*\nINT. GARAGE - DAY\n\nBRICK and STEEL get into Mom's PORSCHE, Steel at the wheel.\n\nSTEEL\nNobody sees this.\n*/"));
	CHECK(strstr(f, "\n/*\nINT. GARAGE - DAY\n"));   /* the boneyard comes back out */
	DONE();
}

TEST(fixtures_6_title_page_emphasis)
{
	LOAD("title_page.fountain");
	CHECK_STR(s->title, "THE LAST CUP a short");
	int contact = 0;
	for (size_t i = 0; i < s->n_title_page; i++) contact |= str_eq(s->title_page[i], "Contact: Tea Shop Films\n1 Main Street\nTown");
	CHECK(contact);
	CHECK(strstr(f, "\nAuthor: Example Writer\n") && strstr(f, "\nContact:\n    Tea Shop Films\n    1 Main Street\n    Town\n"));
	CHECK(strstr(f, "\nDraft date: 1/20/2027\n") && !strstr(f, FOUNTAIN_CREDIT));
	DONE();
	s = load("emphasis.fountain", &f);
	CHECK(s);
	CHECK_STR(said(s, "keypad")->line->text, "Steel enters the code on the keypad: *9765* Underline this now.");
	DONE();
}

TEST(fixtures_7_chinese_japanese)
{
	LOAD("zh.fountain");
	CHECK_STR(s->title, "\xE7\x94\xB5\xE5\xBD\xB1");                        /* Title：电影 */
	CHECK_STR(s->lang, "zh");
	CHECK_INT(n_scenes(s), 2);
	CHECK_STR(scene_at(s, 0)->location, "\xE5\x8C\xBB\xE9\x99\xA2");          /* 医院 */
	CHECK_STR(scene_at(s, 0)->time, "day");
	CHECK_STR(scene_at(s, 1)->time, "night");
	CHECK_STR(series_find_location(s, "\xE5\x8C\xBB\xE9\x99\xA2")->kind, "hospital_room");
	CHECK_STR(series_find_location(s, "\xE7\x81\xAB\xE8\xBD\xA6\xE7\xAB\x99")->kind, "city_street");   /* 火车站 */
	const struct shot *sh = said(s, "\xE8\xAF\xB7\xE5\x9D\x90");             /* 请坐 */
	CHECK(sh && str_eq(sh->line->speaker, "\xE7\x8E\x8B\xE5\x8C\xBB\xE7\x94\x9F") && sh->n_actors == 0);   /* 王医生, off */
	CHECK_STR(sh->line->ext, "\xE7\x94\xBB\xE5\xA4\x96\xE9\x9F\xB3");         /* 画外音 */
	sh = said(s, "\xE6\x88\x91\xE4\xB8\x88\xE5\xA4\xAB");                    /* 我丈夫 */
	CHECK(sh && str_eq(sh->line->parenthetical, "\xE4\xBD\x8E\xE5\xA3\xB0")); /* （低声） */
	CHECK(sh[1].line && sh[1].line->cont && str_eq(sh[1].line->parenthetical, "\xE5\x81\x9C\xE9\xA1\xBF"));
	CHECK(said(s, "\xE9\x82\xA3\xE4\xB8\x80\xE5\xA4\x9C") && !said(s, "\xE9\x82\xA3\xE4\xB8\x80\xE5\xA4\x9C")->line->speaker);
	CHECK(strstr(f, "\n.INT\xE3\x80\x82 \xE5\x8C\xBB\xE9\x99\xA2-\xE5\xA4\xA9\n"));   /* forced for other parsers */
	/* she speaks of 我丈夫 (my husband): cast as a woman */
	CHECK_STR(series_find_character(s, "\xE5\xA4\x8F\xE6\x99\x93")->gender, "female");
	DONE();
	s = load("ja.fountain", &f);
	CHECK(s);
	CHECK_STR(s->title, "\xE6\x98\xA0\xE7\x94\xBB");
	sh = said(s, "\xE3\x81\xA9\xE3\x81\x86\xE3\x81\x9E");                    /* どうぞ */
	CHECK(sh && str_eq(sh->line->ext, "\xE3\x82\xAA\xE3\x83\x95"));           /* （オフ） */
	CHECK(said(s, "\xE5\xA4\xAB\xE3\x81\xAF"));
	DONE();
}

/* fixtures-8: every fixture, imported, exported and imported again, is the same storyboard */
TEST(fixtures_8_roundtrip_all)
{
	static const char *const names[] = { "action", "boneyard", "centered", "character", "dialogue", "dual",
		"emphasis", "ja", "joint", "joint3", "lyrics", "notes", "notes_unclosed", "page_breaks", "scene_headings",
		"sections", "title_page", "transitions", "zh" };
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *name = xasprintf("%s.fountain", names[i]), *f = NULL;
		struct series *s = load(name, &f), *back = NULL;
		CHECKF(s && f, "%s: %s", name, err_msg());
		struct story_opts o = { .minutes = 3 };
		int rc = story_from_fountain(f, strlen(f), "rt.fountain", &o, &back);
		CHECKF(rc == 0, "%s: %s", name, err_msg());
		json_t *a = series_to_json(s), *b = series_to_json(back);
		int same = json_equal(a, b);
		if (!same) {
			char *pa = xasprintf("%s/a.json", test_tmpdir()), *pb = xasprintf("%s/b.json", test_tmpdir());
			char *pf = xasprintf("%s/rt.fountain", test_tmpdir());
			json_dump_file(a, pa, JSON_INDENT(1) | JSON_SORT_KEYS);
			json_dump_file(b, pb, JSON_INDENT(1) | JSON_SORT_KEYS);
			file_write_atomic(pf, f, strlen(f));
			test_fail(__FILE__, __LINE__, "%s: the round trip changes the storyboard: diff %s %s (script %s)", name, pa, pb, pf);
		}
		json_decref(a);
		json_decref(b);
		series_free(s);
		series_free(back);
		free(f);
		free(name);
		if (!same) return;
	}
}

/* fixtures-9: casting from the script: a wife is a woman whatever "his" says, an adult
 * introduced as a child in a flashback is cast as the adult, "3 months" is no age */
TEST(fixtures_9_casting)
{
	const char *t =
		"INT. KITCHEN - DAY\n\nSANDRA, his wife, pours coffee for EDWARD (40s). He reads the paper.\n\n"
		"SANDRA\nMore?\n\nEDWARD\nPlease.\n\n"
		"EXT. YARD - DAY\n\nWILL BLOOM, AGE 3, plays in the yard.\n\nWILL\nDad!\n\n"
		"INT. APARTMENT - NIGHT\n\nWILL (30s) packs his bag. JOSEPHINE, 3 months pregnant, watches him. She sighs.\n\n"
		"JOSEPHINE\nStay.\n\nWILL\nI can't.\n\n"
		"EXT. TRAIN STATION - NIGHT\n\nA whistle.\n\nINT. POLICE STATION - NIGHT\n\nPhones ring.\n";
	struct series *s = NULL;
	struct story_opts o = { .minutes = 3 };
	CHECKF(story_from_fountain(t, strlen(t), "cast.fountain", &o, &s) == 0, "%s", err_msg());
	CHECK_STR(series_find_character(s, "Sandra")->gender, "female");
	CHECK_STR(series_find_character(s, "Edward")->gender, "male");
	CHECK_INT(series_find_character(s, "Edward")->age, 40);
	CHECK_INT(series_find_character(s, "Will")->age, 30);
	CHECK_STR(series_find_character(s, "Will")->gender, "male");
	CHECK_INT(series_find_character(s, "Josephine")->age, 0);    /* unknown: cast as an adult */
	CHECK_STR(series_find_character(s, "Josephine")->gender, "female");
	CHECK_STR(series_find_location(s, "Train Station")->kind, "city_street");
	CHECK_STR(series_find_location(s, "Police Station")->kind, "police_station");
	series_free(s);
	/* Chinese action: 她 after the name, not the other character's 他 */
	t = "INT. \xE5\xAE\xB6 - \xE5\xA4\x9C\n\n\xE6\x9E\x97\xE6\x99\x9A\xE5\x9D\x90\xE4\xB8\x8B\xEF\xBC\x8C"
	    "\xE5\xA5\xB9\xE7\x9C\x8B\xE7\x9D\x80\xE9\x99\x88\xE5\xB3\xB0\xE3\x80\x82\xE9\x99\x88\xE5\xB3\xB0"
	    "\xE7\xAC\x91\xE4\xBA\x86\xEF\xBC\x8C\xE4\xBB\x96\xE6\xB2\xA1\xE8\xAF\xB4\xE8\xAF\x9D\xE3\x80\x82\n\n"
	    "\xE6\x9E\x97\xE6\x99\x9A\n\xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82\n\n\xE9\x99\x88\xE5\xB3\xB0\n\xE5\x97\xAF\xE3\x80\x82\n";
	/* 林晚坐下，她看着陈峰。陈峰笑了，他没说话。 */
	CHECKF(story_from_fountain(t, strlen(t), "zh.fountain", &o, &s) == 0, "%s", err_msg());
	CHECK_STR(series_find_character(s, "\xE6\x9E\x97\xE6\x99\x9A")->gender, "female");
	CHECK_STR(series_find_character(s, "\xE9\x99\x88\xE5\xB3\xB0")->gender, "male");
	series_free(s);
}

/* fixtures-10: bad input, one message with file:line */
TEST(fixtures_10_bad_input)
{
	struct series *s = NULL;
	struct story_opts o = { .minutes = 3 };
	const char *t = "Title: Only a title\nAuthor: Someone\n";
	CHECK(story_from_fountain(t, strlen(t), "title.fountain", &o, &s) < 0 && !s);
	CHECKF(strstr(err_msg(), "title.fountain:3:") && strstr(err_msg(), "only a title page") && !strchr(err_msg(), '\n'),
	       "%s", err_msg());
	const char bin[] = "INT. A - DAY\n\n\x89PNG\0\0\x01";
	CHECK(story_from_fountain(bin, sizeof bin - 1, "b.fountain", &o, &s) < 0);
	CHECKF(strstr(err_msg(), "b.fountain:3:"), "%s", err_msg());
	/* a NUL inside an open boneyard (found by fuzz/fuzz_story.c: the cut text leaked) */
	const char bone[] = "Action.\n\n/* cut text\0 more";
	struct ft_doc d;
	CHECK(fountain_parse(bone, sizeof bone - 1, "n.fountain", &d) < 0 && d.n == 0);
	CHECKF(strstr(err_msg(), "n.fountain:3:") && strstr(err_msg(), "NUL"), "%s", err_msg());
}

/* fixtures-11: a heading no location kind draws (a dock, a gym, a barn) gets the nearest
 * drawn kind by WordNet, with one warning that names the file, line and heading; a heading
 * a table knows (a train station, a high school gymnasium) is quiet, and so is our own
 * export, whose notes carry the kinds */
TEST(fixtures_11_undrawn_location_kinds)
{
	const char *t = "EXT. DOCK - NIGHT\n\nWaves.\n\nINT. GYM - DAY\n\nWeights.\n\nINT. BARN - DAY\n\nHay.\n\n"
	                "INT. HIGH SCHOOL GYMNASIUM - DAY\n\nBalls.\n\nEXT. TRAIN STATION - NIGHT\n\nA whistle.\n\n"
	                "INT. ZORBLAX - DAY\n\nHum.\n";
	char *path = xasprintf("%s/heads.fountain", test_tmpdir()), *out = NULL;
	CHECK(file_write_atomic(path, t, strlen(t)) == 0);
	struct series *s = NULL;
	struct story_opts o = { .minutes = 3 };
	CHECKF(story_from_file(path, &o, &s) == 0, "%s", err_msg());
	CHECK_STR(series_find_location(s, "Dock")->kind, "park");
	CHECK_STR(series_find_location(s, "Gym")->kind, "classroom");
	CHECK_STR(series_find_location(s, "Barn")->kind, "courtyard");          /* a farm building, not an office */
	CHECK_STR(series_find_location(s, "High School Gymnasium")->kind, "classroom");
	series_free(s);
	CHECK(drama_run(&out, "script p --from %s", path) == 0);
	CHECKF(strstr(out, "heads.fountain:1: scene heading \"EXT. DOCK - NIGHT\"") && strstr(out, "nearest, park"), "%s", out);
	CHECKF(strstr(out, "heads.fountain:5: scene heading \"INT. GYM - DAY\"") && strstr(out, "nearest, classroom"), "%s", out);
	CHECKF(strstr(out, "heads.fountain:9: scene heading \"INT. BARN - DAY\""), "%s", out);
	CHECKF(strstr(out, "heads.fountain:21: scene heading \"INT. ZORBLAX - DAY\"") && strstr(out, "generic room"), "%s", out);
	CHECKF(!strstr(out, "TRAIN STATION") && !strstr(out, "GYMNASIUM"), "%s", out);
	free(out);
	/* the exported script read again: its notes carry the kinds, no warning */
	CHECK(drama_run(&out, "script p --from p/script.fountain --force") == 0);
	CHECKF(!strstr(out, "scene heading"), "%s", out);
	free(out);
	free(path);
}
