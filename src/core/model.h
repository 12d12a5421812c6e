/* core/model.h — the one data model: series → characters, locations → episodes →
 * scenes → shots → lines; its JSON form (storyboard.json), validation, and the
 * project folder.
 *
 *   struct series *s = series_new();
 *   struct character *c = series_add_character(s);  c->name = xstrdup("Xia");
 *   struct episode *e = series_add_episode(s);
 *   struct scene *sc = episode_add_scene(e);        sc->location = xstrdup("Milk Tea Shop");
 *   struct shot *sh = scene_add_shot(sc);
 *   struct line *l = shot_set_line(sh);              l->speaker = xstrdup("Xia");
 *   series_save(s, "demo/storyboard.json");          // atomic
 *   series_free(s);
 *
 * Every string field is owned by its struct (malloc'd, freed by series_free).
 * NULL string = not set. Fields marked (stage) are written by that stage only.
 * The vocabularies (shot types, emotions, ...) are listed below as MODEL_* tables.
 */
#ifndef DRAMA_CORE_MODEL_H
#define DRAMA_CORE_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#define MODEL_SCHEMA 1

/* NULL-terminated vocabularies; validation accepts only these values. */
extern const char *const MODEL_SHOT_TYPES[];   /* wide medium close_up extreme_close_up over_the_shoulder two_shot insert */
extern const char *const MODEL_CAMERAS[];      /* static push_in pull_out pan_left pan_right tilt_up tilt_down snap_zoom shake */
extern const char *const MODEL_TRANSITIONS[];  /* cut crossfade dip_to_black whip_pan flash */
extern const char *const MODEL_EMOTIONS[];     /* neutral happy sad angry surprised smug shy crying scared determined whisper shout */
extern const char *const MODEL_POSES[];        /* idle arms_crossed pointing hand_on_hip hands_to_face bow */
extern const char *const MODEL_TIMES[];        /* day dusk night */
extern const char *const MODEL_WEATHERS[];     /* clear rain snow storm fog heat dust flood (older files: the first three) */
extern const char *const MODEL_MOODS[];        /* romance tension comedy sadness triumph mystery action calm */
int model_in_vocab(const char *const *vocab, const char *v);
/* 1 when the weather's overlay moves (falling rain/snow, storm, blowing dust, flood water):
 * the renderer redraws the front layer every frame; 0 for clear, fog, heat, NULL. */
int model_weather_moves(const char *w);

struct line {
	char *speaker;        /* character name; NULL = narration (narrator voice) */
	char *text;           /* what is said, as the subtitle shows it */
	char *emotion;        /* MODEL_EMOTIONS; NULL = neutral */
	char *parenthetical;  /* "(looking around)" without parentheses; not spoken */
	/* (voice) */
	char *audio;          /* project-relative WAV path, e.g. "cache/voice/<hash>.wav";
	                         the timing JSON (phonemes, visemes, words) is the same path
	                         with ".json" instead of ".wav" */
	double audio_sec;     /* length of that audio in seconds */
	/* screenplay form (Fountain), kept so an imported script is written back as it was;
	 * 0 / NULL = plain */
	char *ext;            /* cue extension as written: "V.O.", "O.S. CONT'D"; NULL = O.S. when not in frame */
	char *with;           /* joint cue "A AND B": the other character, speaking with speaker */
	char **also; size_t n_also, cap_also;   /* joint cue of three or more ("A & B & C"): the
	                         characters after with, in cue order; the line owns them */
	int dual;             /* the cue carries ^ (side by side with the previous speech) */
	int cont;             /* continues the previous shot's speech under the same cue (after a
	                         parenthetical or lyrics in the middle of a speech) */
	int lyrics;           /* sung (~) */
};

struct actor {            /* a character in frame */
	char *name;           /* character name */
	char *expression;     /* MODEL_EMOTIONS subset for faces; NULL = neutral */
	char *pose;           /* MODEL_POSES; NULL = idle */
	char *action;         /* free text: "slams the notice on the door" */
};

struct shot {
	char *type;           /* MODEL_SHOT_TYPES */
	char *camera;         /* MODEL_CAMERAS; NULL = static */
	char *transition;     /* transition INTO this shot: MODEL_TRANSITIONS; NULL = cut */
	char *sound;          /* effect cue: "stinger", "whoosh", "slap", "door", ... or NULL */
	char *action;         /* what happens / what an insert shows */
	struct actor *actors; size_t n_actors, cap_actors;
	struct line *line;    /* NULL if no one speaks */
	double duration;      /* seconds; 0 = from the line's audio plus a beat */
	int take;             /* 0 = first take; "regenerate" bumps it: a new variant of the shot */
	/* screenplay form (Fountain) */
	int centered;         /* action is centered text (> THE END <) */
	char *transition_text;   /* the transition as written before this shot ("BURN TO PINK.") */
	char **notes; size_t n_notes, cap_notes;   /* Fountain elements before this shot that the
	                         storyboard has no field for (sections, synopses, page breaks,
	                         writer's notes), each as written: "# Act One", "= ...", "===" */
};

struct scene {
	char *heading;        /* "INT. MILK TEA SHOP - NIGHT" (optional, for Fountain) */
	char *location;       /* location name (must exist in series) */
	char *time;           /* MODEL_TIMES */
	char *weather;        /* MODEL_WEATHERS; NULL = clear */
	char *mood;           /* MODEL_MOODS */
	char *summary;        /* one sentence */
	char **cast; size_t n_cast, cap_cast;       /* character names present */
	struct shot *shots; size_t n_shots, cap_shots;
	/* (music) */
	char *music;          /* project-relative WAV path of the scene's score */
	/* screenplay form (Fountain): the scene number ("12A" from "#12A#"), and elements as
	 * written before the heading / after the last shot */
	char *number;
	char **notes; size_t n_notes, cap_notes;
	char **end_notes; size_t n_end_notes, cap_end_notes;
};

struct episode {
	int number;           /* 1-based */
	char *title;
	char *hook;           /* the first seconds, one sentence */
	char *cliffhanger;    /* the last seconds, one sentence */
	char **beats; size_t n_beats, cap_beats;
	struct scene *scenes; size_t n_scenes, cap_scenes;
};

struct character {
	char *name;           /* unique, as used by line.speaker and actor.name */
	char *role;           /* "prince", "shop owner", ... */
	char *gender;         /* "female" | "male" | NULL */
	int age;              /* years; 0 = unknown */
	char *personality;
	char *description;
	json_t *look;         /* (design) art parameters; owned; NULL until designed */
	json_t *voice;        /* (voice) casting parameters; owned; NULL until cast */
};

struct location {
	char *name;           /* unique, as used by scene.location */
	char *kind;           /* art template: "milk_tea_shop", "palace_hall", ... */
	char *description;
	json_t *look;         /* (design) art parameters; owned */
};

struct series {
	int schema;           /* MODEL_SCHEMA */
	char *title;
	char *logline;
	char *lang;           /* "en" | "zh" */
	char *era;            /* "modern" | "ancient" | "mixed" */
	char **genres; size_t n_genres, cap_genres;
	uint64_t seed;
	char **title_page; size_t n_title_page, cap_title_page;   /* screenplay title page entries
	                         other than Title, as written: "Author: A", "Contact: 1 Main St\nTown" */
	json_t *narrator_voice;  /* (voice) */
	struct character *chars; size_t n_chars, cap_chars;
	struct location *locs; size_t n_locs, cap_locs;
	struct episode *eps; size_t n_eps, cap_eps;
};

/* ---- building (each returns a zeroed element owned by its parent) ---- */
struct series *series_new(void);
void series_free(struct series *s);                     /* NULL ok */
struct character *series_add_character(struct series *s);
struct location *series_add_location(struct series *s);
struct episode *series_add_episode(struct series *s);
struct scene *episode_add_scene(struct episode *e);
struct shot *scene_add_shot(struct scene *sc);
struct actor *shot_add_actor(struct shot *sh);
struct line *shot_set_line(struct shot *sh);            /* creates or returns the line */
void strv_push(char ***v, size_t *n, size_t *cap, const char *s);  /* copies s */
struct character *series_find_character(const struct series *s, const char *name);
struct location *series_find_location(const struct series *s, const char *name);
struct series *series_clone(const struct series *s);    /* deep copy; caller frees */

/* ---- JSON ---- */
/* Write j to path atomically as JSON (jansson dump flags) plus a final newline. */
int json_save_atomic(const json_t *j, const char *path, size_t flags);
json_t *series_to_json(const struct series *s);         /* new reference */
/* Parse a storyboard from JSON. On error returns <0 and err_msg names the field path. */
int series_from_json(const json_t *j, struct series **out);
/* Load + validate storyboard.json. Errors carry "file:line:column: path: message"
 * and what to do. On error *out is NULL. */
int series_load(const char *path, struct series **out);
int series_save(const struct series *s, const char *path);   /* atomic */
/* json_dumps(j, flags) with whole numbers as integers (1.0 and 1 give one text): what a
 * cache key hashes for a look or voice, which a browser's save writes as 1. NULL if j is
 * NULL; caller frees. */
char *model_json_key(const json_t *j, size_t flags);
/* The text series_save writes, checked the same way (path is for messages). On success
 * *text (caller frees) holds *n bytes; on error <0 with err_msg and *text is NULL. */
int series_to_text(const struct series *s, const char *path, char **text, size_t *n);

/* ---- validation ---- */
struct diag { char *path; char *msg; };                 /* "episodes[0].scenes[3]..." */
struct diags { struct diag *v; size_t n, cap; };
void diags_add(struct diags *d, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diags_free(struct diags *d);
/* Check references, vocabularies, durations, empty or overlong lines. Returns number of problems. */
size_t series_validate(const struct series *s, struct diags *out);

/* Every text field of the model with its field path ("episodes[0].scenes[2].shots[1].line.text");
 * fn may replace *field (free the old, store a malloc'd new one). */
typedef void (*series_text_fn)(char **field, const char *path, void *ctx);
void series_each_text(struct series *s, series_text_fn fn, void *ctx);
/* Adds one diag for each text field that is not valid UTF-8 (series_validate calls it). */
void series_check_text(const struct series *s, struct diags *d);
/* Replaces invalid UTF-8 in every text field with U+FFFD; one warning naming `what` and
 * the first field. Returns the number of fields repaired. */
size_t series_repair_text(struct series *s, const char *what);
/* The most episodes one project holds: the command line, drama.json, every importer and
 * storyboard.json are held to it. */
#define MODEL_MAX_EPISODES 500
/* libx264's presets, NULL-terminated (--preset, drama.json "preset"). */
extern const char *const MODEL_X264_PRESETS[];
/* Episode length in minutes the story engine writes (--minutes, drama.json "minutes"). */
#define MODEL_MIN_MINUTES 0.5
#define MODEL_MAX_MINUTES 30
/* Locate a field path in JSON text: 1-based line and column of its value; 0 if not found. */
int json_locate(const char *text, const char *path, int *line, int *col);

/* ---- settings (drama.json) and the project folder ---- */
struct settings {
	int width, height, fps;
	double minutes;       /* target episode length */
	int episodes;
	char lang[8];         /* "en" | "zh" | "" = detect from the input */
	uint64_t seed;
	int crf;              /* libx264 CRF */
	char preset[16];      /* libx264 preset */
	char art[16], voice[16], music[16], story[16];  /* backend names */
	char music_dir[512];  /* user music library folder, "" = composed */
	double max_input_mb;  /* the largest story file accepted (default 20) */
};
void settings_default(struct settings *st);
int settings_load(const char *path, struct settings *st);   /* missing file = defaults, 0 */
int settings_save(const struct settings *st, const char *path);

struct project {
	char *dir;
	struct settings set;
	struct series *s;     /* NULL until a storyboard exists */
	char *source;         /* set by the script stage: the input's key, saved in drama.json
	                       * before a new storyboard (see project_save); owned */
};
/* The "source" key of DIR/drama.json (what the storyboard was made from), NULL if none. Caller frees. */
char *project_read_source(const struct project *p);
/* Open (create=1: create the folder if needed) a project folder and load what it has. */
int project_open(const char *dir, int create, struct project **out);
void project_free(struct project *p);
/* storyboard.json + drama.json, each atomic. A new p->source (differs from drama.json's)
 * is written first, after removing the old storyboard.json: a kill at any point leaves
 * either the old project or a folder whose drama.json names the new input, which the same
 * command resumes. */
int project_save(struct project *p);
char *project_path(const struct project *p, const char *rel);   /* caller frees */

/* Every stage: reads the model, writes only its own fields and files. */
struct stage_opts {
	int episode;          /* 1-based; 0 = all */
	int force;            /* ignore caches */
	int preview;          /* small, fast render for checking a cut */
	/* render: when set, the scenes' music is still being made (pipeline.c makes the cues
	 * beside the frames); the render calls it before it mixes (more than once is fine) and
	 * mixes only after it returned 0 (<0: the music's error, with err_msg). */
	int (*sound_wait)(void *arg);
	void *sound_arg;
};
typedef int (*stage_fn)(struct project *p, const struct stage_opts *o);

#endif
