/* Link placeholders for the location/prop half of the procedural art backend, replaced
 * function by function as location.c and prop.c land. */
#include "art/art_internal.h"
const char *const PROC_LOCATION_KINDS[] = { NULL };
int proc_assign_location_looks(struct series *s, uint64_t seed) { return 0; }
int proc_draw_location(cairo_t *cr, const struct location *l, const char *time, const char *weather, int layer, double t, double w, double h)
{ return err_set(ERR_GENERIC, "locations not implemented yet"); }
int proc_draw_prop(cairo_t *cr, const char *what, const struct series *s, double w, double h)
{ return err_set(ERR_GENERIC, "props not implemented yet"); }
int art_location_card(const struct art_backend *a, const struct location *l, const char *png_path)
{ return err_set(ERR_GENERIC, "location cards not implemented yet"); }
