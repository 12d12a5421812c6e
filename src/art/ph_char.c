/* Link placeholders for the character half of the procedural art backend. */
#include "art/art_internal.h"
int proc_assign_character_looks(struct series *s, uint64_t seed) { return 0; }
int proc_metrics(const struct character *c, struct art_metrics *m) { return err_set(ERR_GENERIC, "not implemented yet"); }
int proc_draw_character(cairo_t *cr, const struct series *s, const struct character *c, const struct art_char_state *st, double x, double y_feet, double height)
{ return err_set(ERR_GENERIC, "characters not implemented yet"); }
const struct art_backend art_procedural = { .name = "procedural" };
const struct art_backend *art_backend_get(const char *name) { return &art_procedural; }
int art_character_sheet(const struct art_backend *a, const struct series *s, const struct character *c, const char *png_path)
{ return err_set(ERR_GENERIC, "not implemented yet"); }
int art_write_png(cairo_surface_t *surf, const char *path) { return err_set(ERR_GENERIC, "not implemented yet"); }
