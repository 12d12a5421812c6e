/* render/clip.h — a generated video clip (ComfyUI image-to-video: WebM from SaveWEBM,
 * MP4 from SaveVideo, GIF, ...) as a shot's pictures. The clip is decoded as a stream
 * (libavformat/libavcodec: two decoded frames held at a time, whatever the clip's
 * length), each picture scaled to fill the output size and cropped to its aspect
 * (libswscale). Shot time t shows the clip's frame at t: a clip longer than the shot
 * is trimmed, a shorter one holds its last frame. The shot's camera move is not
 * applied: the clip was generated with it in its motion prompt. Internal to render/.
 *
 *   struct rclip *k = NULL;
 *   if (rclip_for_shot(c, ts, &k) < 0) ...;          // k NULL: the shot has no clip
 *   for (i = 0; i < frames; i++)
 *       rclip_draw(k, (double)i / fps, show_sub ? &sub : NULL, dst, &same);
 *   rclip_free(k);
 */
#ifndef DRAMA_RENDER_CLIP_H
#define DRAMA_RENDER_CLIP_H

#include "render/render_internal.h"

struct rclip;

/* Open the clip at path for w×h output and decode its first picture. shot ("E.S.H", the
 * cache/ai/shots.json key; may be NULL) goes into messages. Returns 0 and *out (free with rclip_free); on error
 * <0, *out NULL and err_msg naming the file, what is wrong and what to do. */
int rclip_open(const char *path, int w, int h, const char *shot, struct rclip **out);

/* The picture for clip time t seconds (frame whose time is <= t; the last one past the
 * end; the first one before 0): a w×h RGB24 surface owned by k, valid until the next
 * call. *changed = 1 when it differs from the previous call's. Earlier t than the last
 * call reopens the clip. <0 on a decoding error (err_msg names the file). */
int rclip_picture(struct rclip *k, double t, cairo_surface_t **img, int *changed);

/* Draw the picture for time t into dst (w×h ARGB32) with the subtitle sub over it
 * (NULL: none). *same = 1 when the result equals the previous call's (dst untouched). */
int rclip_draw(struct rclip *k, double t, const struct rsub *sub, cairo_surface_t *dst, int *same);

/* The clip's length in seconds as its container gives it (else what was decoded so far). */
double rclip_duration(const struct rclip *k);
void rclip_free(struct rclip *k);          /* NULL is a no-op */

/* The clip recorded for timeline shot ts (cache/ai/shots.json "video", see
 * art_shot_media) opened for the episode's frame size: 0 with *out NULL when the shot
 * has none; <0 on a damaged manifest or an unreadable clip (the message names the file
 * and the shot). */
int rclip_for_shot(const struct rctx *c, const struct tl_shot *ts, struct rclip **out);

/* Add the bytes of shot ts's clip, if it has one, to h: replacing the clip changes the
 * shot's content hash. */
void rclip_hash_shot(const struct rctx *c, const struct tl_shot *ts, struct hash *h);

#endif
