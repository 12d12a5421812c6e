/* story/story.h — the story stage: keywords, outline, Fountain screenplay or novel text
 * into a storyboard (struct series), and the storyboard back into Fountain.
 *
 *   struct story_opts o = { .lang = "en", .seed = 1, .episodes = 1, .minutes = 3 };
 *   struct series *s;
 *   if (story_from_keywords("ancient time-travel, milk tea shop, prince", &o, &s) < 0)
 *       log_error("story", "%s", err_msg());
 *   struct sbuf f = {0}; story_to_fountain(s, &f); ... sb_free(&f); series_free(s);
 *
 * All functions return 0 or <0 with err_msg; *out is owned by the caller (series_free).
 * Every storyboard they return passes series_validate().
 */
#ifndef DRAMA_STORY_STORY_H
#define DRAMA_STORY_STORY_H

#include "core/util.h"
#include "core/model.h"

struct story_opts {
	const char *lang;     /* "en" | "zh"; NULL = detect from the input */
	uint64_t seed;
	int episodes;         /* >= 1 */
	double minutes;       /* target length per episode */
};

int story_from_keywords(const char *keywords, const struct story_opts *o, struct series **out);
int story_from_outline(const char *text, const struct story_opts *o, struct series **out);
int story_from_novel(const char *text, const struct story_opts *o, struct series **out);
/* fname is used in error messages ("script.fountain:12: ..."). */
int story_from_fountain(const char *text, size_t n, const char *fname, const struct story_opts *o, struct series **out);
/* Reads a file and dispatches by extension and content: .fountain/.spmd → Fountain,
 * .json → storyboard, .txt/.md → outline or novel text. */
int story_from_file(const char *path, const struct story_opts *o, struct series **out);
/* Text at the input boundary (*text holds n bytes, NUL-terminated): invalid UTF-8 and NUL
 * bytes become U+FFFD with one warning "what:line:col"; a mostly-binary file (is_file) is refused.
 * *text may be replaced (the old one freed); returns 0 or <0 with err_msg. */
int story_text_repair(const char *what, char **text, size_t *n, int is_file);
/* Write the storyboard as a Fountain screenplay (round-trips through story_from_fountain). */
int story_to_fountain(const struct series *s, struct sbuf *out);

/* Copy look/voice of same-named characters and locations (and the narrator voice) from
 * old into s where s has none: a user's designs survive a re-script. old may be NULL. */
void story_carry_designs(struct series *s, const struct series *old);

/* The `drama script` stage: build the storyboard from keywords or --from FILE and write
 * storyboard.json and script.fountain into the project. */
int story_stage(struct project *p, const char *keywords, const char *from_path);

/* ---- the story stage's AI backend (story_llm.c, over the chat client) ---- */
struct ai_config;
/* The story stage through the LLM: a series bible with episode beats and scene outlines,
 * then one request per scene for its shots and lines (structured output with a JSON
 * schema, validated by series_validate, repaired up to c->repairs times). Replaces p->s,
 * writes storyboard.json (project_save) and script.fountain. keywords and/or from_path
 * (a text file the story is based on) may be NULL but not both.
 * Returns 0; ERR_NET if the server cannot be reached (fall back unless strict); other
 * <0 when the server refuses (message quoted) or the answer stays invalid. */
int llm_story_stage(struct project *p, const char *keywords, const char *from_path, const struct ai_config *c);

/* ---- the story stage's backends, as art_backend is for pictures ---- */
struct story_backend {
	const char *name;     /* "embedded", "llm" */
	/* The stage: keywords and/or from_path; c is the AI configuration (the embedded
	 * engine ignores it). 0, or <0 with err_msg; ERR_NET = server unavailable. */
	int (*stage)(struct project *p, const char *keywords, const char *from_path, const struct ai_config *c);
};
extern const struct story_backend story_embedded, story_llm;
/* The backend for this configuration and input: the LLM when one is configured (a
 * storyboard .json is read by the embedded importer), else the embedded engine. */
const struct story_backend *story_backend_for(const struct ai_config *c, const char *from_path);

#endif
