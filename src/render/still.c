/* render/still.c — one shot's key frame drawn on demand (see still.h): the episode's
 * timeline, the shot's segment set up by the compositor (rseg_new), one frame drawn
 * (rseg_draw) and encoded as PNG in memory. */
#include "render/still.h"
#include "render/render_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static double thread_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static cairo_status_t png_sink(void *closure, const unsigned char *data, unsigned int len)
{
	sb_addn(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* The frame render.c keeps as a shot's thumbnail: the middle of its line, else of the shot. */
static int64_t still_frame(const struct tl_shot *t)
{
	if (t->line_start >= 0) return (t->line_start + t->line_end) / 2 - t->start;
	return t->frames / 2;
}

int render_still(struct project *p, size_t episode, size_t scene, size_t shot, int width, int height,
                 struct sbuf *png, struct render_still_info *info)
{
	double t0 = now_sec(), c0 = thread_cpu();
	if (!p || !p->s) return err_set(ERR_INPUT, "the project has no storyboard.json yet; write the script first");
	struct series *s = p->s;
	if (episode >= s->n_eps) return err_set(ERR_INPUT, "episodes[%zu]: there is no such episode (the storyboard has %zu)", episode, s->n_eps);
	struct episode *ep = &s->eps[episode];
	if (scene >= ep->n_scenes)
		return err_set(ERR_INPUT, "episodes[%zu].scenes[%zu]: there is no such scene (the episode has %zu)", episode, scene, ep->n_scenes);
	struct scene *sc = &ep->scenes[scene];
	if (shot >= sc->n_shots)
		return err_set(ERR_INPUT, "episodes[%zu].scenes[%zu].shots[%zu]: there is no such shot (the scene has %zu)", episode, scene,
		               shot, sc->n_shots);
	if (width < 16 || height < 16 || width > 4096 || height > 4096 || (width & 1) || (height & 1))
		return err_set(ERR_INPUT, "a still is %dx%d; give even sizes from 16 to 4096", width, height);

	const struct art_backend *art = art_backend_get("procedural");
	uint64_t seed = s->seed ? s->seed : p->set.seed;
	/* what `drama design` would give the characters and places it has not drawn yet */
	if (art->assign_looks(s, seed) < 0) return -1;
	/* a line not voiced yet lasts as long as its text takes to say: its subtitle shows */
	struct line *ln = sc->shots[shot].line;
	double audio_sec = ln ? ln->audio_sec : 0;
	if (ln && ln->audio_sec <= 0 && ln->text && *ln->text) {
		double d = shot_seconds(&sc->shots[shot]) - TL_LEAD_SEC - TL_TAIL_SEC;
		ln->audio_sec = d > 0.3 ? d : 0.3;
	}
	struct rctx c = { 0 };
	c.p = p;
	c.s = s;
	c.ep = ep;
	c.art = art;
	c.W = width;
	c.H = height;
	c.fps = p->set.fps > 0 ? p->set.fps : 30;
	c.seed = seed;
	c.zh = str_eq(s->lang ? s->lang : p->set.lang, "zh");
	struct rseg *g = NULL;
	cairo_surface_t *surf = NULL;
	int rc = rstyle_load(&c.st);
	if (rc == 0) rc = timeline_build(s, ep, c.fps, &c.tl);
	size_t idx = 1;   /* the segment: 0 is the title card, then the shots in order */
	for (size_t k = 0; k < scene; k++) idx += ep->scenes[k].n_shots;
	idx += shot;
	if (rc == 0) rc = rseg_new(&c, idx, &g);
	if (rc == 0) {
		int64_t f = still_frame(&c.tl.shots[idx - 1]);
		int same = 0;
		surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
		if ((rc = rseg_draw(g, f, surf, &same)) == 0) {
			cairo_surface_flush(surf);
			size_t before = png->len;
			if (cairo_surface_write_to_png_stream(surf, png_sink, png) != CAIRO_STATUS_SUCCESS) {
				png->len = before;
				rc = err_set(ERR_GENERIC, "could not encode the still of episodes[%zu].scenes[%zu].shots[%zu] as PNG",
				             episode, scene, shot);
			}
		}
		if (info) info->frame = (int)f;
	}
	if (surf) cairo_surface_destroy(surf);
	rseg_free(g);
	rctx_release(&c);
	timeline_free(&c.tl);
	if (ln) ln->audio_sec = audio_sec;
	if (info) {
		info->seconds = now_sec() - t0;
		info->cpu_seconds = thread_cpu() - c0;
	}
	return rc;
}
