/* art/art_internal.h — contract between the procedural backend's parts inside src/art/
 * (characters: character*.c, look.c, sheet.c, art.c; locations and props: location*.c,
 * prop.c). Not for other modules. */
#ifndef DRAMA_ART_INTERNAL_H
#define DRAMA_ART_INTERNAL_H
#include "art/art.h"

/* Characters (character*.c, look.c) */
int proc_assign_character_looks(struct series *s, uint64_t seed);
int proc_metrics(const struct character *c, struct art_metrics *m);
int proc_draw_character(cairo_t *cr, const struct series *s, const struct character *c,
                        const struct art_char_state *st, double x, double y_feet, double height);

/* Locations and props (location*.c, prop.c) */
/* Set l->kind to the closest template for its name/description (English or Chinese)
 * when NULL or unknown, and fill l->look (palette variation, sign text) when NULL. */
int proc_assign_location_looks(struct series *s, uint64_t seed);
int proc_draw_location(cairo_t *cr, const struct location *l, const char *time,
                       const char *weather, int layer, double t, double w, double h);
int proc_draw_prop(cairo_t *cr, const char *what, const struct series *s, double w, double h);
/* NULL-terminated list of template names. */
extern const char *const PROC_LOCATION_KINDS[];

#endif
