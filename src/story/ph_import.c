/* Link placeholders for the novel import (being written). */
#include "story/story.h"
int story_from_novel(const char *text, const struct story_opts *o, struct series **out) { *out = NULL; return err_set(ERR_GENERIC, "not implemented yet"); }
