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
#include "core/lock.h"

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
	/* Episode writer (render/voice/music --episode N beside other episodes' writers): the
	 * caller holds `lock` from project_lock_take_episode; shared stages run only when the
	 * project lock can be taken whole for a moment, and the storyboard is saved by merging
	 * this episode into the one on disk (pipeline_episode_save). */
	int per_episode;
	struct project_lock *lock;     /* borrowed; the whole-project writer's lock for make --jobs */
	int jobs;                      /* make: episodes rendered side by side (0/1 = one after another) */
	const char *exe;               /* make --jobs: our own binary, for the children */
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

/* 1 if script.fountain was edited after storyboard.json was written (not our own export). */
int pipeline_fountain_edited(const struct project *p);

/* If the user edited script.fountain after storyboard.json was written, import it
 * (keeping designs and voices). Returns 1 if it did, 0 if not needed, <0 on error. */
int pipeline_reimport_if_edited(struct project *p);

/* Episode writer, before its stages: script.fountain imported and (design = 1) the designs made if
 * needed, which takes the project lock whole for a moment (it fails with a clear message
 * while other episode writers run and something shared is out of date). Returns 0 or <0. */
int pipeline_episode_prepare(struct project *p, const struct pipeline_req *r, int design);

/* Episode writer's save: under the save mutex, storyboard.json as on disk with episode
 * r->episode replaced by p's (the other writers' episodes are kept). Returns 0 or <0. */
int pipeline_episode_save(struct project *p, const struct pipeline_req *r);

/* make --jobs J: episode N's voice, music and render in a child `drama render DIR
 * --episode N` (exe = our binary), J at a time, logs in DIR/logs/epNN.log, progress on
 * stderr. The caller holds r->lock whole; it is shared while the children run and whole
 * again after. Returns 0 or <0 naming the episodes that failed and their logs. */
int pipeline_run_episodes(struct project *p, const struct pipeline_req *r, const char *exe);

/* The episode writers' ledgers (DIR/logs/epNN.ledger.json, written by each `render
 * --episode N` as it saves) added into this process's ledger (requests, tokens, seconds
 * per backend); *eps = {"N": episode N's ledger, ...}, the caller json_decref()s.
 * A damaged one is named in a warning and left out. Returns 0. */
int pipeline_ledger_merge(const struct project *p, json_t **eps);

/* `drama sheet DIR` (the Slurm final job) and the end of `make`: with sheet, the series
 * contact sheet DIR/series.contact.png (render_series_sheet); DIR/ledger.json from this
 * process's ledger, with merge the episode writers' added in (pipeline_ledger_merge) and
 * listed under "episodes". Paths written go to out. 0 or <0 with err_msg. */
int pipeline_series_finish(struct project *p, int sheet, int merge, struct pipeline_out *out);

/* What a storyboard made from r's input is keyed by (drama.json "source"); caller frees. */
char *pipeline_source_key(const struct project *p, const struct pipeline_req *r);

/* 1 if every character and location is designed and every voice cast (the shared stages
 * are done), else 0. */
int pipeline_designed(const struct series *s);

/* Default --jobs: cores, and free memory at ~400 MB per render. */
int pipeline_default_jobs(void);

#endif
