/* pipeline/pipeline.h — runs the stages over a project folder in order, saving the model
 * after each, resuming from what the folder already holds. Used by the CLI and the web
 * workbench.
 *
 *   struct pipeline_req r = PIPELINE_REQ_INIT;
 *   r.dir = "demo"; r.keywords = "ancient time-travel, milk tea shop, prince";
 *   if (pipeline_make(&r, NULL) < 0) log_error("drama", "%s", err_msg());
 */
#ifndef DRAMA_PIPELINE_H
#define DRAMA_PIPELINE_H

#include "core/model.h"
#include "core/util.h"

/* Settings given on the command line; 0 / "" = not given (keep the project's). */
struct pipeline_over {
	int width, height, fps, episodes, crf;
	double minutes;
	char lang[8];
	int seed_set;
	uint64_t seed;
	char preset[16];
};

struct pipeline_req {
	const char *dir;
	int strict;               /* AI backends: no fallback to the embedded ones */
	const char *const *ai_set;/* "key=value" AI settings from the command line, NULL-terminated */
	const char *shot;         /* design: "E.S" or "E.S.H" shot to generate with the AI image backend */
	int again;                /* design --again: ignore the AI cache */
	const char *keywords;     /* NULL if none */
	const char *from;         /* --from FILE, NULL if none */
	int force;                /* replace a different existing storyboard */
	int episode;              /* render only this episode; 0 = all */
	int preview;
	struct pipeline_over over;
};
#define PIPELINE_REQ_INIT { 0 }

/* Paths written, for stdout. */
struct pipeline_out { char **paths; size_t n, cap; };
void pipeline_out_free(struct pipeline_out *o);

/* Apply command-line settings to a project. */
void pipeline_apply(struct project *p, const struct pipeline_over *ov);

/* `drama make`: script (unless the folder already holds this project's storyboard),
 * design, voice, music, render. out may be NULL. Returns 0 or <0 with err_msg. */
int pipeline_make(const struct pipeline_req *r, struct pipeline_out *out);

/* One stage by name ("script", "design", "voice", "music", "render") on an open project.
 * script uses r->keywords / r->from. */
int pipeline_stage(const char *name, struct project *p, const struct pipeline_req *r, struct pipeline_out *out);

/* `drama render DIR --out DST`: make DST a folder that renders DIR's storyboard: its
 * settings, storyboard and screenplay copied, its cache/, characters/ and locations/ linked
 * (so DIR may be read-only when everything is cached). Returns 0 or <0 with err_msg. */
int pipeline_render_folder(const char *src, const char *dst);

/* `drama doctor [DIR]`: check every configured AI backend; the table goes to report. */
int pipeline_doctor(const char *dir, struct sbuf *report);

/* If the user edited script.fountain after storyboard.json was written, import it
 * (keeping designs and voices). Returns 1 if it did, 0 if not needed, <0 on error. */
int pipeline_reimport_if_edited(struct project *p);

#endif
