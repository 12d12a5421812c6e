/* Link placeholders for the embedded story engine. */
#include "story/story.h"
int story_from_outline(const char *text, const struct story_opts *o, struct series **out) { *out = NULL; return err_set(ERR_GENERIC, "not implemented yet"); }
