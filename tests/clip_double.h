/* tests/clip_double.h — small real video files for tests, written with libavcodec the way
 * ComfyUI's save nodes write them (SaveWEBM: VP9 in WebM; SaveVideo: H.264 in MP4; GIF).
 *
 *   static uint32_t px(int frame, int x, int y, void *ud) { return frame ? 0xff0000 : 0x00ff00; }
 *   clip_double_write("a.webm", 48, 80, 16, 8, px, NULL);   // 8 frames at 16 fps
 */
#ifndef DRAMA_TESTS_CLIP_DOUBLE_H
#define DRAMA_TESTS_CLIP_DOUBLE_H
#include <stdint.h>

/* Colour 0xRRGGBB of pixel (x, y) of frame i. */
typedef uint32_t (*clip_px_fn)(int frame, int x, int y, void *ud);

/* Write n frames of w×h at fps to path; the container and codec follow the extension
 * (.webm VP9, .mp4 H.264, .gif GIF). 0 or <0 (a message on stderr). */
int clip_double_write(const char *path, int w, int h, int fps, int n, clip_px_fn px, void *ud);

#endif
