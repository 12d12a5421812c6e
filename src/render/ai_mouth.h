/* render/ai_mouth.h — a speaking mouth on a generated (AI) shot still: the renderer
 * draws no character there, so the speaker's mouth is painted over the face the art
 * stage located (art_shot_faces), driven by the same visemes as the drawn characters.
 *
 *   struct rmouth *m = NULL;
 *   rmouth_new(c, ts, img, scale, LW, LH, &m);   // NULL when no face of the picture speaks
 *   rmouth_draw(m, cr, &layer_to_frame, 'D');    // 'X' (rest) leaves the picture as it is
 *   rmouth_free(m);
 */
#ifndef DRAMA_RENDER_AI_MOUTH_H
#define DRAMA_RENDER_AI_MOUTH_H

#include "render/render_internal.h"

struct rmouth;

/* For shot ts whose still img was painted scaled by sc, centred in an LW x LH layer:
 * *out is the speaker's mouth (caller frees with rmouth_free), or NULL when the shot's
 * line has no speaker with a face in the picture. Returns 0 or <0 (damaged manifest). */
int rmouth_new(const struct rctx *c, const struct tl_shot *ts, cairo_surface_t *img, double sc, int LW, int LH,
               struct rmouth **out);
/* Paint the mouth for viseme v ('A'..'H'; 'X' paints nothing) through m (layer -> frame). */
void rmouth_draw(const struct rmouth *mo, cairo_t *cr, const cairo_matrix_t *m, char v);
void rmouth_free(struct rmouth *mo);
/* What a still's mouth depends on besides the picture and the line: the faces and the
 * drawing's version (for the segment cache key). */
void rmouth_hash(const struct rctx *c, const struct tl_shot *ts, struct hash *h);

#endif
