/* story/engine.h — internals of the embedded story engine (keywords and outline).
 *
 * The engine is content-driven: data/story/lexicon.json (tropes, roles, places, props
 * with English and Chinese synonyms), data/story/names.json (name pools),
 * data/story/scenes.json (scene types: steps of a scene; the episode structure) and
 * data/story/phrases_<lang>.json (phrase banks with {slots}). The C code holds only the
 * grammar: how steps become shots, how an episode is sized to its minutes, and the
 * quality rules.
 *
 *   struct eng *g = eng_new("en", seed);           // loads the data; NULL + err_msg on error
 *   eng_cast_from_keywords(g, kw) ... eng_write_episodes(g, n, minutes);
 *   struct series *s = eng_take_series(g);  eng_free(g);
 */
#ifndef DRAMA_STORY_ENGINE_H
#define DRAMA_STORY_ENGINE_H

#include <jansson.h>
#include "core/util.h"
#include "core/model.h"
#include "story/story.h"

/* Functional slots of the cast: who does what in the drama's grammar. */
enum { SL_HERO, SL_LOVE, SL_RIVAL, SL_ALLY, SL_BOSS, SL_N };
/* Place slots: where scenes of each kind happen. */
enum { PL_HOME, PL_PUBLIC, PL_POWER, PL_PRIVATE, PL_NIGHT, PL_N };

extern const char *const ENG_SLOT_NAMES[SL_N];    /* "hero", "love", ... */

/* What a keyword is (engine_kw.c; data/story/kinds.json). */
enum { KW_ROLE, KW_CREATURE, KW_PLACE, KW_WORLD, KW_EVENT, KW_WEATHER, KW_OBJECT, KW_N };
extern const char *const ENG_KW_KINDS[KW_N];      /* "role", "creature", ... */
struct eng_kw {
	char *text;           /* as typed (trimmed); owned */
	char *head;           /* without "talking", "old"...: "parrot", "fisherman"; owned */
	int kind;             /* KW_* */
	char sub[12];         /* weather: a MODEL_WEATHERS value; world: ancient|modern|future; role: male|female|"";
	                       * event: its class (kinds.json event_class: accident, blackmail...) or "" */
	int speaking, old, young;
	const char *via;      /* how it was classified: "lexicon" "kinds" "wordnet" "friso" "heads" "default" */
	const char *trope;    /* an event that is a lexicon trope: its id (borrowed) */
	int slot;             /* role/creature: the SL_* it was cast in, -1 */
	int loc;              /* place: its location index, -1 */
	int hits;             /* beats planned for it */
};
extern const char *const ENG_PLACE_NAMES[PL_N];   /* "home", "public", ... */

struct eng_char {
	int ci;               /* index in series->chars; -1 = not cast */
	const json_t *role;   /* lexicon role entry (borrowed from g->lex) */
	char *call;           /* how others address them in lines ("Xia", "王爷") */
	char *given;          /* given name only (ZH intimacy, EN = name) */
};

struct eng {
	json_t *lex, *scenes, *names, *ph;   /* owned data */
	json_t *kinds, *plots;               /* owned: kinds.json, plots.json */
	json_t *kwroles;                     /* owned: roles made for keywords the lexicon lacks */
	struct eng_kw kw[32]; int n_kw;      /* every keyword and what it became */
	const struct eng_kw *cur_ent;        /* the keyword the current scene is about, or NULL */
	const char *cur_cond;                /* the weather keyword of the current scene, or NULL */
	const struct eng_kw *const *plan_ents; /* per scene of the episode being written: its keyword or NULL */
	char **once; size_t n_once, cap_once; /* beats that happen once in a series (reveals) */
	int zh;
	const char *lang;                    /* "en" | "zh" (static string) */
	struct rng r;
	uint64_t seed;
	struct series *s;                    /* being built; owned until taken */
	const char *tropes[8]; int n_tropes; /* trope ids (borrowed from lex) */
	const char *era;                     /* "modern" | "ancient" | "mixed" */
	struct eng_char slot[SL_N];
	int place[PL_N];                     /* index into series->locs; -1 = none */
	char *props[6]; int n_props;         /* prop names, display form */
	char *topics[4]; int n_topics;       /* unknown keywords used as topics */
	/* per episode */
	char **used; size_t n_used, cap_used;   /* lines used in the current episode */
	char **sused; size_t n_sused, cap_sused; /* hooks, reveals, cliffhangers used in the series */
	struct eng_count { char *s; int n; } *counts; size_t n_counts, cap_counts; /* lines of finished episodes */
	char *prev_cliff_line, *prev_cliff_speaker;
	int prev_cliff_loc;
	int prev_cliff_slot;                 /* SL_* of who spoke the last cliffhanger; -1 */
	const char *goal;                    /* the arc step of the current episode */
	char *reply;                         /* the paired reply of the phrase just picked, or NULL */
	int want_pair;                       /* pairs are candidates only when their reply will follow */
	int spoken;                          /* filling a spoken line: slots naming the speaker are refused */
	int ep_index, n_eps;
	/* per scene */
	int cur_loc;
	int prefer_long;                     /* sizing: 1 at the shot cap but short: longer lines; -1 at the shortest but long: shorter */
	const char *cur_weather;             /* MODEL_WEATHERS value or NULL: phrase variants key@rain */
	char tags[2][48]; int n_tags;        /* the scene's keyword and its class ("car accident", "accident"):
	                                      * key@tag lines, when a bank has them, are the only candidates */
	int cur_prop;
	/* outline mode: beat text to honour in the current scene, and quoted lines */
	const char *beat_text;
	const char *beat_quote; int beat_quote_slot;
	const int *beat_locs;                /* outline: forced location per scene (-1 = by type) */
	const char *const *beat_quotes;      /* outline: a quoted line per scene, or NULL */
	const int *beat_quote_slots;
	int force_loc;
};

/* engine_data.c */
struct eng *eng_new(const char *lang, uint64_t seed);   /* NULL + err_msg if data is missing */
void eng_free(struct eng *g);
struct series *eng_take_series(struct eng *g);
const json_t *eng_bank(const struct eng *g, const char *key);      /* phrases[key] or NULL */
/* Pick an unused phrase for bank `key` (looked up with trope and era variants), fill
 * its slots and return it (caller frees), or NULL when every candidate is used. A bank
 * entry may be a pair ["line", "reply"], a candidate only while g->want_pair: the filled
 * reply is left in g->reply (owned by g, replaced by the next call) for the other side of
 * an exchange. */
char *eng_phrase(struct eng *g, const char *key, int speaker, int listener, int mark_used);
/* Fill {slots} of a template. speaker/listener are SL_* or -1. Caller frees. */
char *eng_fill(struct eng *g, const char *tmpl, int speaker, int listener);
int eng_is_used(const struct eng *g, const char *text);
void eng_mark_used(struct eng *g, const char *text);
void eng_clear_used(struct eng *g);
void eng_sused_truncate(struct eng *g, size_t n);
/* Count the lines of a finished episode, so later episodes prefer lines heard least. */
void eng_count_episode(struct eng *g, const struct episode *e);
int eng_heard(struct eng *g, const char *text);          /* times heard in finished episodes */   /* forget series-used lines after the nth */
double eng_line_seconds(int zh, const char *text);      /* estimate of a spoken shot */
double eng_episode_seconds(const struct episode *e, int zh);
const char *eng_pick_str(struct eng *g, const json_t *arr);   /* random string of an array */
const char *eng_json_str(const json_t *o, const char *key);
const char *eng_lang_str(const struct eng *g, const json_t *o, const char *key); /* key_en / key_zh */
int eng_count_words(int zh, const char *text);
int eng_plural(const struct eng *g, const char *np);      /* "divorce papers": 1 */

/* engine_cast.c */
/* Parse and interpret keywords: tropes, era, cast, places, props. Returns 0 or <0. */
int eng_read_keywords(struct eng *g, const char *keywords);
/* Cast: create characters for every slot not yet filled, and locations for every
 * place slot (roles and places chosen from tropes). */
void eng_complete_cast(struct eng *g);
int eng_add_character(struct eng *g, int slot, const json_t *role, const char *name);
int eng_add_location(struct eng *g, const char *name, const char *kind, const char *desc);
/* Add a lexicon place and put it in its preferred free place slot; returns its index or -1. */
int eng_place_entry(struct eng *g, const json_t *pe);
const json_t *eng_find_entry(const struct eng *g, const char *table, const char *id);
/* Match text against lexicon table entries' synonyms; fills up to max entries. */
int eng_match(const struct eng *g, const char *table, const char *text, const json_t **hits, int max);
void eng_add_trope(struct eng *g, const char *id);
void eng_title_and_logline(struct eng *g);
void eng_title_case(char *t);

/* engine_kw.c */
/* Classify one keyword the lexicon does not know into *k (eng_kw_free releases it). */
int eng_kw_classify(struct eng *g, const char *text, struct eng_kw *k);
void eng_kw_free(struct eng_kw *k);
int eng_kw_kind_index(const char *s);     /* "weather:rain" -> KW_WEATHER; -1 */
/* WordNet 3.0 for other importers: the words of noun sense `sense` (1 = the most
 * common) of an English word (base form found with morphstr; spaces as in "bus stop")
 * and of all its hypernyms, most specific first ("cathedral" -> "cathedral", "church",
 * "church building", "place of worship", ..., "building", ... "entity"; WordNet's
 * underscores kept: "place_of_worship"). *lexname (may be NULL) gets the sense's
 * lexicographer file ("noun.artifact"), static. Returns 1 when the sense exists, 0 when
 * not or when WordNet is not installed (a warning once); *words (caller frees with
 * eng_wn_words_free) is then NULL. Thread-safe (one lock with the classifier). */
int eng_wn_hypernyms(const char *word, int sense, char ***words, size_t *n, const char **lexname);
void eng_wn_words_free(char **words, size_t n);
/* The parts of speech WordNet knows an English word as: a mask of 1 << NOUN, VERB, ADJ,
 * ADV, SATELLITE (wn.h), 0 if it knows none, -1 if WordNet is not installed. Thread-safe. */
int eng_wn_pos(const char *word);
/* 1 if a noun sense of an English word is a class of persons written with a capital
 * ("American", "Jews", "Quaker": a people, a faith; not an instance, a named person:
 * "James"), 0 if none or WordNet is not installed; *plural: the word is an inflected
 * form (morphstr's base differs: "Jews" of "Jew"). Thread-safe. */
int eng_wn_person_class(const char *word, int *plural);
/* The lexicographer file of verb sense 1 of an inflected word ("looked": "verb.perception"),
 * static; NULL if WordNet knows no such verb or is not installed. Thread-safe. */
const char *eng_wn_verb_lex(const char *word);
/* engine_plot.c */
/* Cast, locate and note each classified keyword (roles and creatures get a slot). */
void eng_kw_place(struct eng *g, struct eng_kw *k);
/* Replace and add scene types of one planned episode so that tropes' required beats and
 * keywords' beats happen; n is the planned count, returns the new count (<= max). */
size_t eng_plot_episode(struct eng *g, const char **types, size_t n, size_t max, const struct eng_kw **ents);
/* Is keyword i used by its kind in the finished series? 1/0. */
int eng_kw_used(const struct eng *g, const struct series *s, int i);
/* One warning for each keyword that is not used by its kind. */
void eng_kw_warn_unused(const struct eng *g);

/* engine_stats.c: measures for tests and the bench */
double eng_stats_jaccard(const struct series *a, const struct series *b);   /* line sets, names normalised */
int eng_stats_same_beats(const struct series *a, const struct series *b);   /* episode 1 beats equal in place */
struct eng_series_stats {
	int cliffs, answered;            /* cliffhangers followed by an episode; picked up in its opening scene */
	int beats, beats_repeated;       /* scene summaries; those an earlier episode already had */
	double reuse_mean, reuse_max;    /* share of an episode's lines heard in earlier episodes */
};
void eng_stats_series(const struct series *s, struct eng_series_stats *st);
/* What the keywords became: per kind, how many keywords and how many the story uses. */
struct eng_usage {
	int total[KW_N], used[KW_N]; char unused[256];
	int by[6];   /* how many were classified by: lexicon, kinds, wordnet, friso, heads, unihan */
};
extern const char *const ENG_KW_VIA[6];   /* "lexicon", "kinds", "wordnet", "friso", "heads", "unihan" */

/* engine.c */
/* story_from_keywords, and when u is not NULL what each keyword became. */
int eng_from_keywords(const char *keywords, const struct story_opts *o, struct series **out, struct eng_usage *u);
/* Write n episodes of about `minutes` each into g->s. */
void eng_write_episodes(struct eng *g, int n, double minutes);
/* Write one scene of type `type` (scenes.json) into e with `extra` extra exchanges. */
void eng_write_scene(struct eng *g, struct episode *e, const char *type, int extra, int open_on_cliff);
/* Quality rules: no repeated line within an episode, references exist. Returns number of problems. */
size_t eng_check(const struct series *s, struct diags *d);
/* Episode sizing to minutes for a list of scene types (used by outline too). */
void eng_write_episode_scenes(struct eng *g, struct episode *e, const char **types, size_t n,
                              const char **beats, double minutes);
/* Scene types of one episode: the structure from scenes.json sized by minutes. */
size_t eng_plan_episode(struct eng *g, double minutes, const char **out, size_t max);
/* After an episode is written: remember its cliffhanger, set title, hook and cliffhanger. */
void eng_episode_meta_and_cliff(struct eng *g, struct episode *e);
/* Options: episodes and minutes with defaults and ranges; language check/detection. */
int eng_opts(const struct story_opts *o, int *episodes, double *minutes);
int eng_check_opts(const struct story_opts *o, const char *input, const char **lang);
/* Run the quality rules and hand the series to *out. */
int eng_finish(struct eng *g, struct series **out);

#endif
