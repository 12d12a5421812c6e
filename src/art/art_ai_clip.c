/* art/art_ai_clip.c — the sound a lip-synced clip is made from. The Wan speech-to-video
 * clip plays from the shot's first frame, so the line's voice is put where the line
 * starts in the shot (the episode timeline at the project's frame rate): silence, then
 * the line. Written to cache/ai/ and uploaded with the shot's picture. */
#include "art/art_ai.h"
#include "core/timeline.h"
#include "core/wav.h"

#include <stdlib.h>
#include <string.h>

int line_audio_for_clip(const struct project *p, size_t ei, size_t si, size_t hi, char **path, double *seconds)
{
	*path = NULL;
	*seconds = 0;
	const struct shot *sh = &p->s->eps[ei].scenes[si].shots[hi];
	int fps = p->set.fps > 0 ? p->set.fps : 30;
	struct timeline tl;
	int rc = timeline_build(p->s, &p->s->eps[ei], fps, &tl);
	if (rc < 0) return rc;
	int64_t lead = 0;
	for (size_t k = 0; k < tl.n_shots; k++)
		if (tl.shots[k].scene == (int)si && tl.shots[k].shot == (int)hi && tl.shots[k].line_start >= 0)
			lead = tl.shots[k].line_start - tl.shots[k].start;
	timeline_free(&tl);
	int16_t *pcm = NULL;
	size_t n = 0;
	int rate = 0, ch = 0;
	char *src = project_path(p, sh->line->audio);
	rc = wav_read(src, &pcm, &n, &rate, &ch);
	if (rc < 0) {
		rc = err_set(rc, "%s: cannot read the line's voice for its lip-synced clip (%s); run `drama voice` again", src, err_msg());
		free(src);
		return rc;
	}
	free(src);
	size_t pad = (size_t)(lead * (int64_t)rate / fps), total = pad + n;
	int16_t *out = xcalloc(total * (size_t)ch + 1, sizeof *out);
	memcpy(out + pad * (size_t)ch, pcm, n * (size_t)ch * sizeof *pcm);
	free(pcm);
	char *dir = project_path(p, "cache/ai");
	mkdir_p(dir);
	free(dir);
	char rel[96];
	snprintf(rel, sizeof rel, "cache/ai/line_%zu.%zu.%zu.wav", ei + 1, si + 1, hi + 1);
	*path = project_path(p, rel);
	rc = wav_write(*path, out, total, rate, ch);
	free(out);
	if (rc < 0) { free(*path); *path = NULL; return rc; }
	*seconds = (double)total / rate;
	return 0;
}
