/* Link placeholders for the music module. */
#include "music/music.h"
int music_stage(struct project *p, const struct stage_opts *o) { return err_set(ERR_GENERIC, "not implemented yet"); }
int mix_episode(const struct project *p, const struct episode *ep, const struct timeline *tl, float **lr, size_t *frames) { return err_set(ERR_GENERIC, "not implemented yet"); }
