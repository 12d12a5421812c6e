/* tests/render_scene.h — one scene built shot by shot for the renderer's shot tests
 * (test_render_anim.c, test_render_turn.c), and a render context over it.
 *
 *   struct series *s = rscene_series(2);              // Ann (f, 20) and Bo (m, 40) in "Room"
 *   struct shot *sh = rscene_shot(s, "two_shot", NULL, 0);
 *   rscene_actor(sh, "Ann", NULL);
 *   rscene_line(sh, "Ann", "angry", 2.0);
 *   struct rscene f;
 *   CHECK(rscene_open(&f, s, &my_art, 180, 320, 10) == 0);   // f owns s from here
 *   ... rseg_new(&f.c, 1, &g) ...
 *   rscene_close(&f);
 */
#ifndef DRAMA_TESTS_RENDER_SCENE_H
#define DRAMA_TESTS_RENDER_SCENE_H
#include "render/render_internal.h"

/* n (1..3) characters Ann, Bo, Cy in the cast of one scene at location "Room" by day. */
struct series *rscene_series(int n);
/* sec: the shot's duration (0 = from its line). */
struct shot *rscene_shot(struct series *s, const char *type, const char *action, double sec);
void rscene_actor(struct shot *sh, const char *name, const char *expr);
/* The line "Say it." of `who`, audio_sec long. */
struct line *rscene_line(struct shot *sh, const char *who, const char *emotion, double sec);

struct rscene { struct project *p; struct rctx c; };
/* A project in the test's folder holding s, and a context drawing with art. 0 or <0. */
int rscene_open(struct rscene *f, struct series *s, const struct art_backend *art, int w, int h, int fps);
void rscene_close(struct rscene *f);
/* Stand-in art: a grey room, no props. */
int rscene_loc(cairo_t *cr, const struct location *l, const char *time, const char *weather, int layer, double t,
               double w, double h);
int rscene_prop(cairo_t *cr, const char *what, const struct series *s, double w, double h);

#endif
