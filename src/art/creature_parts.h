/* art/creature_parts.h — private to the creature half of the procedural backend
 * (creature.c, creature_beast.c; used by character.c, look.c, character_look.c, sheet.c).
 *
 *   if (L.creature) crt_draw(cr, &L, t, back, ex, viseme, blink, CHR_HEAD_STATIC | CHR_HEAD_DYNAMIC, "pointing");
 */
#ifndef DRAMA_ART_CREATURE_PARTS_H
#define DRAMA_ART_CREATURE_PARTS_H
#include "art/character_parts.h"

/* data/art/creatures.json (borrowed, NULL when it could not be loaded; loaded once). */
const json_t *crt_data(void);
/* CRT_* of a look's "creature" kind names, index = kind. */
extern const char *const CRT_KINDS[];
extern const int CRT_N_KINDS;

/* The creature kind (CRT_*) a role names by a whole word listed in data/art/creatures.json
 * ("a talking parrot" -> CRT_BIRD), CRT_NONE for a person; *size (may be NULL) gets 1,
 * or more for the kind's big animals (tiger, wolf). look.c. */
int crt_kind_for_role(const char *role, double *size);
/* Draw the creature of look L (L->creature != 0) in figure units, feet at the origin;
 * layers as chr_draw_head: CHR_HEAD_STATIC body, CHR_HEAD_DYNAMIC eyes and mouth. */
void crt_draw(cairo_t *cr, const struct chr_look *L, double t, int back, const struct chr_expr *ex,
              char vis, double blink, int layers, const char *pose);
/* Framing fractions (see struct art_metrics) of a creature look. */
void crt_metrics(const struct chr_look *L, struct art_metrics *m);

/* Shared pieces (creature.c) */
void crt_viseme(char v, double *open, double *wide);
void crt_ellipse(cairo_t *cr, double x, double y, double rx, double ry);
void crt_shadow(cairo_t *cr, double rx, double alpha);
void crt_eye(cairo_t *cr, double x, double y, double r, double ring, struct rgb iris, struct rgb lid,
             const struct chr_expr *ex, double blink, int slit);
void crt_marks(cairo_t *cr, const struct chr_expr *ex, double xl, double xr, double y, double r, struct rgb brow);
/* creature_beast.c; limbs: crt_pose_limbs() of the pose (the limbs the pose draws itself) */
void crt_draw_beast(cairo_t *cr, const struct chr_look *L, double t, int back, const struct chr_expr *ex,
                    char vis, double blink, int layers, unsigned limbs);
void crt_draw_robot(cairo_t *cr, const struct chr_look *L, double t, int back, const struct chr_expr *ex,
                    char vis, double blink, int layers, unsigned limbs);
/* creature_pose.c: a pose (MODEL_POSES) as a creature can take it. crt_pose_limbs: which
 * of its side limbs (wings, front paws, arms) the pose moves, CRT_LIMB_L|CRT_LIMB_R (the
 * body drawers skip those); crt_pose_draw draws them posed, on the static layer. */
enum { CRT_LIMB_L = 1, CRT_LIMB_R = 2 };
unsigned crt_pose_limbs(const struct chr_look *L, const char *pose, double t, int back);
void crt_pose_draw(cairo_t *cr, const struct chr_look *L, double t, const char *pose, unsigned limbs);
static inline int crt_limb_skip(unsigned limbs, int s) { return (limbs & (s < 0 ? CRT_LIMB_L : CRT_LIMB_R)) != 0; }

#endif
