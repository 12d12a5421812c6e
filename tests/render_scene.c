/* tests/render_scene.c — see render_scene.h. */
#include "render_scene.h"
#include "test.h"

struct series *rscene_series(int n)
{
	static const char *const names[] = { "Ann", "Bo", "Cy" };
	struct series *s = series_new();
	s->title = xstrdup("T");
	s->lang = xstrdup("en");
	for (int i = 0; i < n && i < 3; i++) {
		struct character *c = series_add_character(s);
		c->name = xstrdup(names[i]);
		c->gender = xstrdup(i % 2 ? "male" : "female");
		c->age = 20 + 20 * i;
	}
	struct location *l = series_add_location(s);
	l->name = xstrdup("Room");
	l->kind = xstrdup("office");
	struct episode *e = series_add_episode(s);
	e->number = 1;
	struct scene *sc = episode_add_scene(e);
	sc->location = xstrdup("Room");
	sc->time = xstrdup("day");
	for (int i = 0; i < n && i < 3; i++) strv_push(&sc->cast, &sc->n_cast, &sc->cap_cast, names[i]);
	return s;
}

struct shot *rscene_shot(struct series *s, const char *type, const char *action, double sec)
{
	struct shot *sh = scene_add_shot(&s->eps[0].scenes[0]);
	sh->type = xstrdup(type);
	sh->action = action ? xstrdup(action) : NULL;
	sh->duration = sec;
	return sh;
}

void rscene_actor(struct shot *sh, const char *name, const char *expr)
{
	struct actor *a = shot_add_actor(sh);
	a->name = xstrdup(name);
	a->expression = expr ? xstrdup(expr) : NULL;
}

struct line *rscene_line(struct shot *sh, const char *who, const char *emotion, double sec)
{
	struct line *l = shot_set_line(sh);
	l->speaker = xstrdup(who);
	l->text = xstrdup("Say it.");
	l->emotion = emotion ? xstrdup(emotion) : NULL;
	l->audio_sec = sec;
	return l;
}

int rscene_open(struct rscene *f, struct series *s, const struct art_backend *art, int w, int h, int fps)
{
	memset(f, 0, sizeof *f);
	if (project_open(test_tmpdir(), 1, &f->p) < 0) return -1;
	f->p->s = s;
	f->c.p = f->p;
	f->c.s = s;
	f->c.ep = &s->eps[0];
	f->c.art = art;
	f->c.W = w;
	f->c.H = h;
	f->c.fps = fps;
	f->c.seed = 3;
	if (rstyle_load(&f->c.st) < 0) return -1;
	return timeline_build(s, &s->eps[0], fps, &f->c.tl);
}

void rscene_close(struct rscene *f)
{
	rctx_release(&f->c);
	timeline_free(&f->c.tl);
	project_free(f->p);
}

int rscene_loc(cairo_t *cr, const struct location *l, const char *time, const char *weather, int layer, double t,
               double w, double h)
{
	if (layer == ART_LAYER_BACK) {
		cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
		cairo_paint(cr);
	}
	return 0;
}

int rscene_prop(cairo_t *cr, const char *what, const struct series *s, double w, double h) { return 0; }
