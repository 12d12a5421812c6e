/* Link placeholders for Fountain and novel import/export and the script stage. */
#include "story/story.h"
int story_from_novel(const char *text, const struct story_opts *o, struct series **out) { *out = NULL; return err_set(ERR_GENERIC, "not implemented yet"); }
int story_from_fountain(const char *text, size_t n, const char *fname, const struct story_opts *o, struct series **out) { *out = NULL; return err_set(ERR_GENERIC, "not implemented yet"); }
int story_from_file(const char *path, const struct story_opts *o, struct series **out) { *out = NULL; return err_set(ERR_GENERIC, "not implemented yet"); }
int story_to_fountain(const struct series *s, struct sbuf *out) { return err_set(ERR_GENERIC, "not implemented yet"); }
int story_stage(struct project *p, const char *keywords, const char *from_path) { return err_set(ERR_GENERIC, "not implemented yet"); }
