/* export/export.c — `drama export`: pick the episodes and formats, walk each episode once,
 * write each format's document atomically beside storyboard.json. */
#include "export/export.h"

#include <stdlib.h>
#include <string.h>

struct format { const char *name, *ext; int (*write)(const struct ex_episode *, struct sbuf *); };
static const struct format FORMATS[] = {
	{ "mlt", "mlt", export_mlt },
	{ "otio", "otio", export_otio },
	{ "fcpxml", "fcpxml", export_fcpxml },
};

int export_run(const struct project *p, int episode, const char *format, char ***paths, size_t *n_paths)
{
	int all = str_eq(format, "all"), known = all, rc = 0, any = 0;
	for (size_t f = 0; f < ARRAY_LEN(FORMATS); f++) known |= str_eq(format, FORMATS[f].name);
	if (!known) return err_set(ERR_INPUT, "--format %s: unknown format; use one of %s", format ? format : "(none)",
	                           EXPORT_FORMATS);
	if (!p->s) return err_set(ERR_INPUT, "%s has no storyboard.json; run `drama make` or `drama script` first", p->dir);
	for (size_t i = 0; i < p->s->n_eps && rc == 0; i++) {
		const struct episode *ep = &p->s->eps[i];
		if (episode && ep->number != episode) continue;
		any = 1;
		struct ex_episode e;
		if ((rc = export_walk(p, ep, &e)) < 0) break;
		for (size_t f = 0; f < ARRAY_LEN(FORMATS) && rc == 0; f++) {
			if (!all && !str_eq(format, FORMATS[f].name)) continue;
			struct sbuf b = { 0 };
			char *rel = xasprintf("ep%02d.%s", ep->number, FORMATS[f].ext), *path = project_path(p, rel);
			if ((rc = FORMATS[f].write(&e, &b)) == 0 && (rc = file_write_atomic(path, b.s ? b.s : "", b.len)) == 0) {
				*paths = xrealloc(*paths, (*n_paths + 1) * sizeof **paths);
				(*paths)[(*n_paths)++] = path;
				path = NULL;
			}
			free(path);
			free(rel);
			sb_free(&b);
		}
		export_episode_free(&e);
	}
	if (rc == 0 && !any)
		rc = episode ? err_set(ERR_INPUT, "there is no episode %d in %s/storyboard.json", episode, p->dir)
		             : err_set(ERR_INPUT, "%s/storyboard.json has no episodes", p->dir);
	return rc;
}
