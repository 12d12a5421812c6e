/* story/fountain.h — the Fountain screenplay format (fountain.io) as a flat element list.
 *
 *   struct ft_doc d = {0};
 *   if (fountain_parse(text, n, "script.fountain", &d) < 0)
 *       log_error("story", "%s", err_msg());        // "script.fountain:12: ..."
 *   for (size_t i = 0; i < d.n; i++)
 *       printf("%d %s\n", d.v[i].line, d.v[i].text);
 *   fountain_doc_free(&d);
 *
 * Element text is the raw Fountain text (emphasis markers kept; fountain_plain() strips
 * them). Boneyard on lines of its own is an FT_BONEYARD element, inside a line it is
 * dropped (the text around it joins); notes become FT_NOTE elements: a note on a line of its own
 * comes where it stands, an inline note right after the element that held it.
 */
#ifndef DRAMA_STORY_FOUNTAIN_H
#define DRAMA_STORY_FOUNTAIN_H

#include <stddef.h>

enum ft_kind {
	FT_TITLE,          /* title page entry: key ("Title"), text (value; lines joined by '\n') */
	FT_SCENE_HEADING,  /* text without the forcing '.'; scene_number from "#1#" */
	FT_ACTION,         /* a paragraph (lines joined by '\n'), forcing '!' removed */
	FT_CHARACTER,      /* text = name as written (no '@', no extension); ext = "V.O." ...; dual */
	FT_PARENTHETICAL,  /* text without the parentheses */
	FT_DIALOGUE,       /* lines joined by '\n' */
	FT_TRANSITION,     /* "CUT TO:"; forcing '>' removed */
	FT_CENTERED,       /* text between '>' and '<' */
	FT_NOTE,           /* text between [[ and ]], newlines as '\n' */
	FT_SECTION,        /* depth = number of '#' */
	FT_SYNOPSIS,       /* text after '=' */
	FT_PAGE_BREAK,     /* === */
	FT_LYRICS,         /* text after '~' (inside a dialogue block or on its own) */
	FT_BONEYARD,       /* text between slash-star and star-slash when it stands on lines of its own
	                      (cut text inside a line is dropped) */
};

struct ft_elem {
	enum ft_kind kind;
	char *text;           /* never NULL */
	char *key;            /* FT_TITLE only */
	char *ext;            /* FT_CHARACTER: extensions without parentheses, "V.O." or "V.O. CONT'D"; else NULL */
	char *scene_number;   /* FT_SCENE_HEADING: "1A" from "#1A#"; else NULL */
	int line;             /* 1-based source line */
	int dual;             /* side-by-side speech: 2 = the cue written with '^' (and its block),
	                         1 = the speech before it, the left one of the pair */
	int depth;            /* FT_SECTION */
	int forced;           /* written with a forcing character (. ! @ >) */
};

struct ft_doc { struct ft_elem *v; size_t n, cap; };

/* Parse Fountain text (UTF-8; BOM, CRLF/CR and tabs accepted). fname is used in
 * messages. On error (binary data, text that is not UTF-8, an unclosed boneyard) returns
 * <0 with "fname:line: what; what to do" and d is left empty. An unclosed "[[" is text.
 * fountain_doc_free frees. */
int fountain_parse(const char *text, size_t n, const char *fname, struct ft_doc *d);
void fountain_doc_free(struct ft_doc *d);

/* Text with emphasis markers (*italic*, **bold**, ***both***, _underline_) removed and
 * escapes (\* \_ \\ \[ \/ \~ \( ) resolved. Caller frees. */
char *fountain_plain(const char *s);
/* Escape * _ \ and the boneyard opener (slash star) with a backslash, and part a note's
 * opener "[[" with an invisible word joiner (other parsers know no escape for it), so
 * that fountain_plain() gives s back and the parser reads it as text. Appends to b.
 * (A backslash before ~ or ( is also read as literal: story_to_fountain uses it for
 * dialogue that opens like lyrics or a parenthetical.) */
struct sbuf;
void fountain_escape(struct sbuf *b, const char *s);

const char *fountain_kind_name(enum ft_kind k);
/* Length of a scene heading's prefix with its separator: "INT. ", "EXT./INT. ", "INT。"
 * (full-width stop), "内景 "; 0 if t does not start a scene heading. */
size_t fountain_heading_prefix(const char *t);
/* A cue's name as the storyboard uses it: "PRINCE RUI" -> "Prince Rui"; mixed case is
 * kept. Caller frees. */
char *fountain_cue_name(const char *cue);
/* A scene heading into place ("Xia's Milk Tea Shop"; NULL if none; caller frees), time
 * of day ("day" | "dusk" | "night" | "keep" | NULL) and exterior flag. forced: written
 * with a leading '.', so it has no INT./EXT. prefix. */
void fountain_heading_parse(const char *h, int forced, char **place, const char **time, int *ext);
/* The Credit an exported title page carries when the storyboard has no title page of its own. */
#define FOUNTAIN_CREDIT "Written with drama"
/* The parenthetical written before a speech that opens with lyrics (see fountain_export.c);
 * read back as no parenthetical. */
#define FOUNTAIN_SINGING "singing"
#define FOUNTAIN_SINGING_ZH "\xE5\x94\xB1"   /* 唱 */
/* The screenplay line for a transition word (MODEL_TRANSITIONS): "cut" -> "CUT TO:",
 * "dip_to_black" -> ">FADE TO BLACK."; NULL if none. Static text. */
const char *fountain_transition_line(const char *t);
/* A transition's text as a line that reads back as a transition: "CUT TO:" as it is,
 * anything else forced ("> BURN TO PINK."). Caller frees. */
char *fountain_transition_written(const char *t);
/* 1 if an action paragraph is a transition by custom though not by the spec's "TO:" rule:
 * one line in capitals listed in data/story_import/screenplay.json ("FADE IN:", "FADE OUT."). */
int fountain_is_transition_line(const char *text);
/* Time of day ("day" | "dusk" | "night" | "keep") of a heading segment from the
 * screenplay vocabulary's extra words ("天" in "医院-天"); NULL if none. */
const char *fountain_time_extra(const char *seg);
/* Art template for a place named in a heading, from the head word ("TRAIN STATION" ->
 * city_street, "POLICE STATION" -> police_station) with screenplay.json's location_heads;
 * head words in no table go to WordNet (location_wordnet anchors: "CATHEDRAL" ->
 * wedding_hall, "MARINA" -> park). NULL if neither knows a word. Static text.
 * fountain_location_kind_near also sets *nearest to 1 when the kind came from WordNet: no
 * kind draws that place, the one given is the nearest ("DOCK" -> park, "GYM" ->
 * classroom), else 0. */
const char *fountain_location_kind(const char *place);
const char *fountain_location_kind_near(const char *place, int *nearest);
/* Gender and age of c from the action paragraphs of d (see fountain_cast.c); fills only
 * what c has not set. */
struct series;
struct character;
void fountain_cast_from_text(const struct series *s, struct character *c, const struct ft_doc *d);
/* 1 if text looks like Fountain (scene headings plus character cues, or a title page). */
int fountain_sniff(const char *text, size_t n);

/* ---- shared by the screenplay and novel importers (implemented in story.c) ---- */
#include <jansson.h>
#include "core/model.h"
/* Member `key` of data/story_import/import.json (loaded once, never freed). NULL with
 * err_msg if the file or member is missing. */
const json_t *imp_data(const char *key);
/* 1 if text contains word: a whole word, ASCII case-insensitive; a substring when word
 * has non-ASCII characters (Chinese). */
int imp_has_word(const char *text, const char *word);
/* The era an imported text's own words place it in ("ancient", "modern" or "mixed", from
 * import.json "era_cues"; "modern" when nothing says otherwise). */
const char *imp_guess_era(const char *text, size_t n);   /* (the first n bytes) */
void imp_era_words(const char *text, int *ancient, int *modern);   /* the times each era's cue words are written */
/* The value of the first [word, value] pair of table `key` whose word is in text; NULL if none. */
const char *imp_lookup(const char *key, const char *text);
/* 1 if word equals (ASCII case-insensitive) an entry of list `key`. */
int imp_in_list(const char *key, const char *word);
/* "male" / "female" from title and pronoun words in text (first found); NULL if none. */
const char *imp_gender(const char *text);
int imp_text_is_zh(const char *text);
/* Emotion (MODEL_EMOTIONS) from a stage direction ("furious", "低声"), else from the
 * punctuation of the line ("GET OUT!" shout, "What?!" surprised, "I know..." sad); NULL = neutral. */
const char *imp_guess_emotion(const char *direction, const char *text);
/* Estimated seconds of a shot: a line 0.4 s per English word or 0.25 s per Chinese
 * character plus 0.55 s; no line: its duration, else 1.6 s. */
double imp_shot_seconds(const struct shot *sh);
/* Split a single-episode series into episodes of about `minutes` at scene boundaries. */
void imp_split_episodes(struct series *s, double minutes);
/* Fill what the import left empty: scene cast and mood, episode title/hook/cliffhanger,
 * series title and lang. */
void imp_finish(struct series *s, const char *lang);
/* Validate; on problems returns <0 with the first one in err_msg (prefixed by what). */
int imp_validate(const struct series *s, const char *what);

#endif
