/* Link placeholders for the location/prop half of the procedural art backend, replaced
 * function by function as location.c and prop.c land. */
#include "art/art_internal.h"
int proc_draw_prop(cairo_t *cr, const char *what, const struct series *s, double w, double h)
{ return err_set(ERR_GENERIC, "props not implemented yet"); }
