/* Link placeholders for the encoder. */
#include "encode/encode.h"
#include "core/util.h"
int enc_open(const char *path, const struct enc_opts *o, struct encoder **out) { return err_set(ERR_GENERIC, "not implemented yet"); }
int enc_video_bgra(struct encoder *e, const uint8_t *bgra, int stride) { return -1; }
int enc_video_yuv(struct encoder *e, const uint8_t *const planes[3], const int strides[3]) { return -1; }
int enc_audio(struct encoder *e, const float *lr, size_t frames) { return -1; }
int enc_close(struct encoder *e, int ok) { return -1; }
