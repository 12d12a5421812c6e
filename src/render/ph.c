/* Link placeholders for the renderer. */
#include "render/render.h"
int render_stage(struct project *p, const struct stage_opts *o) { return err_set(ERR_GENERIC, "not implemented yet"); }
int render_srt(const struct episode *ep, const struct timeline *tl, struct sbuf *out) { return err_set(ERR_GENERIC, "not implemented yet"); }
