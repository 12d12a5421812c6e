/* pipeline/episode.c — one episode's stages beside other episodes' writers (see
 * pipeline.h: pipeline_episode_prepare, pipeline_episode_save).
 *
 * The shared stages (script, design, a re-import of an edited script.fountain) write the
 * whole storyboard and the designs: they need the project to themselves. An episode's
 * voice, music and render write only that episode's fields and content-addressed cache
 * entries, so writers of different episodes may run at once; each merges its episode into
 * storyboard.json under a short mutex instead of writing its whole (stale) copy. */
#include "pipeline/pipeline.h"
#include "net/net.h"

#include <stdlib.h>
#include <string.h>

/* Every character and location designed and every voice cast: what the episode stages use. */
int pipeline_designed(const struct series *s)
{
	for (size_t i = 0; i < s->n_chars; i++)
		if (!s->chars[i].look || !s->chars[i].voice) return 0;
	for (size_t i = 0; i < s->n_locs; i++)
		if (!s->locs[i].look) return 0;
	return s->narrator_voice != NULL;
}

int pipeline_episode_prepare(struct project *p, const struct pipeline_req *r, int design)
{
	if (!p->s)
		return err_set(ERR_INPUT, "%s has no storyboard.json yet; run `drama script %s KEYWORDS` (or `drama make`) first",
		               p->dir, p->dir);
	int found = 0;
	for (size_t i = 0; i < p->s->n_eps; i++) found |= p->s->eps[i].number == r->episode;
	if (!found)
		return err_set(ERR_INPUT, "no episode %d in %s/storyboard.json (it has %zu); pick one with --episode",
		               r->episode, p->dir, p->s->n_eps);
	int rc = r->lock ? project_lock_exclusive(r->lock, 0) : 0;
	if (rc == 0) {
		/* alone in the project: bring the shared part up to date as a whole-project writer */
		struct pipeline_req whole = *r;
		whole.per_episode = 0;
		if ((rc = pipeline_reimport_if_edited(p)) >= 0 && design) rc = pipeline_stage("design", p, &whole, NULL);
		int rc2 = r->lock ? project_lock_share(r->lock) : 0;
		return rc < 0 ? rc : rc2 < 0 ? rc2 : 0;
	}
	if (rc != ERR_INPUT) return rc;
	/* other episodes are being written: the shared part must already be done */
	if (pipeline_fountain_edited(p))
		return err_set(ERR_INPUT, "%s/script.fountain was edited, and other episodes are being made from the storyboard; "
		               "when they finish, run `drama script %s` (or any command without --episode) to import it",
		               p->dir, p->dir);
	if (design && !pipeline_designed(p->s))
		return err_set(ERR_INPUT, "%s is not designed yet, and other episodes are being made; run `drama design %s` first",
		               p->dir, p->dir);
	return 0;
}

int pipeline_episode_save(struct project *p, const struct pipeline_req *r)
{
	char *bp = project_path(p, "storyboard.json");
	struct series *disk = NULL;
	int rc = project_lock_save_begin(r->lock);
	if (rc < 0) goto end;
	if ((rc = series_load(bp, &disk)) < 0) goto end_locked;
	size_t a = disk->n_eps, b = p->s->n_eps;
	for (size_t i = 0; i < disk->n_eps; i++)
		if (disk->eps[i].number == r->episode) a = i;
	for (size_t i = 0; i < p->s->n_eps; i++)
		if (p->s->eps[i].number == r->episode) b = i;
	if (a == disk->n_eps || b == p->s->n_eps || disk->n_eps != p->s->n_eps) {
		rc = err_set(ERR_INPUT, "%s changed while episode %d was being made (its episodes differ now); run the command again",
		             bp, r->episode);
		goto end_locked;
	}
	/* the disk's series with our episode: swap it in for the save, and back */
	struct episode t = disk->eps[a];
	disk->eps[a] = p->s->eps[b];
	p->s->eps[b] = t;
	rc = series_save(disk, bp);
	t = disk->eps[a];
	disk->eps[a] = p->s->eps[b];
	p->s->eps[b] = t;
end_locked:
	project_lock_save_end(r->lock);
	/* what this writer's AI backends cost so far: make --jobs and the Slurm final job add
	 * the episodes' ledgers into the project's (pipeline_ledger_merge) */
	if (rc == 0) {
		char *rel = xasprintf("logs/ep%02d.ledger.json", r->episode), *lp = project_path(p, rel), *logs = project_path(p, "logs");
		if (mkdir_p(logs) < 0 || ai_ledger_write(lp, r->episode) < 0) {
			log_warn("drama", "%s (the series ledger will miss episode %d)", err_msg(), r->episode);
			err_clear();
		}
		free(rel);
		free(lp);
		free(logs);
	}
end:
	series_free(disk);
	free(bp);
	return rc;
}
