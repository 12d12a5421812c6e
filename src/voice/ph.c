/* Link placeholders for the voice module. */
#include "voice/voice.h"
int voice_cast(struct series *s) { return err_set(ERR_GENERIC, "not implemented yet"); }
int voice_synth(const json_t *voice, const struct line *l, const char *lang, struct voice_clip *out) { return err_set(ERR_GENERIC, "not implemented yet"); }
void voice_clip_free(struct voice_clip *c) {}
int voice_timing_save(const struct voice_timing *t, const char *json_path) { return err_set(ERR_GENERIC, "not implemented yet"); }
int voice_timing_load(const char *json_path, struct voice_timing *t) { return err_set(ERR_GENERIC, "not implemented yet"); }
void voice_timing_free(struct voice_timing *t) {}
char voice_viseme_at(const struct voice_timing *t, double sec) { return 'X'; }
int voice_stage(struct project *p, const struct stage_opts *o) { return err_set(ERR_GENERIC, "not implemented yet"); }
