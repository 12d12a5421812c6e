/* core/timeline.c — frame-exact episode timeline (see timeline.h). */
#include "core/timeline.h"
#include "core/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double shot_seconds(const struct shot *sh)
{
	if (sh->line && sh->line->audio_sec > 0) {
		double d = TL_LEAD_SEC + sh->line->audio_sec + TL_TAIL_SEC;
		return sh->duration > d ? sh->duration : d;
	}
	if (sh->duration > 0) return sh->duration;
	if (sh->line && sh->line->text) {
		/* Not voiced yet: estimate from the text (music length, previews). */
		/* the story engine's sizing rule: 0.4 s per English word or 0.25 s per
		 * Chinese character, plus 0.55 s */
		size_t n = utf8_len(sh->line->text);
		int han = 0;
		const char *p = sh->line->text;
		while (*p) {
			int32_t c = utf8_next(&p);
			han += c >= 0x4e00 && c <= 0x9fff;
		}
		double speech = han ? han * 0.25 : (n / 5.5) * 0.4;
		return TL_LEAD_SEC + 0.55 + speech;
	}
	return TL_BEAT_SEC;
}

static int64_t sec_frames(double sec, int fps)
{
	return (int64_t)ceil(sec * fps - 1e-9);
}

int timeline_build(const struct series *s, const struct episode *e, int fps, struct timeline *tl)
{
	memset(tl, 0, sizeof *tl);
	if (fps <= 0) return err_set(ERR_INPUT, "frame rate %d is not valid", fps);
	size_t n = 0;
	for (size_t i = 0; i < e->n_scenes; i++) n += e->scenes[i].n_shots;
	if (!n) return err_set(ERR_INPUT, "episode %d has no shots; add scenes with shots to storyboard.json", e->number);
	tl->fps = fps;
	tl->shots = xcalloc(n, sizeof *tl->shots);
	tl->scenes = xcalloc(e->n_scenes, sizeof *tl->scenes);
	tl->n_scenes = e->n_scenes;
	tl->title_frames = sec_frames(TL_TITLE_SEC, fps);
	int64_t f = tl->title_frames;
	for (size_t i = 0; i < e->n_scenes; i++) {
		const struct scene *sc = &e->scenes[i];
		tl->scenes[i].start = f;
		for (size_t k = 0; k < sc->n_shots; k++) {
			const struct shot *sh = &sc->shots[k];
			struct tl_shot *t = &tl->shots[tl->n_shots++];
			t->scene = (int)i;
			t->shot = (int)k;
			t->sc = sc;
			t->sh = sh;
			t->start = f;
			t->frames = sec_frames(shot_seconds(sh), fps);
			if (t->frames < 1) t->frames = 1;
			if (sh->line && sh->line->audio_sec > 0) {
				t->line_start = f + sec_frames(TL_LEAD_SEC, fps);
				t->line_end = t->line_start + sec_frames(sh->line->audio_sec, fps);
				if (t->line_end > f + t->frames) t->frames = t->line_end - f;
			} else {
				t->line_start = t->line_end = -1;
			}
			f += t->frames;
		}
		tl->scenes[i].frames = f - tl->scenes[i].start;
	}
	(void)s;
	tl->end_start = f;
	tl->frames = f + sec_frames(TL_END_SEC, fps);
	return 0;
}

void timeline_free(struct timeline *tl)
{
	free(tl->shots);
	free(tl->scenes);
	memset(tl, 0, sizeof *tl);
}
