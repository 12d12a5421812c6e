/* art/character_parts.h — private to the character half of the procedural backend
 * (character*.c, look.c, sheet.c): the parsed look that the drawing code uses.
 *
 *   struct chr_look L;
 *   chr_look_parse(c, &L);      // never fails: defaults + one warning per bad field
 */
#ifndef DRAMA_ART_CHARACTER_PARTS_H
#define DRAMA_ART_CHARACTER_PARTS_H
#include "art/art_internal.h"

struct rgb { double r, g, b; };

enum { HS_SHORT, HS_SPIKY, HS_SLICKED, HS_LONG, HS_BOB, HS_PONYTAIL, HS_BUN, HS_TOPKNOT, HS_HALF_UP,
       HS_BRAIDS, HS_TWINTAILS, HS_UPDO, HS_BALD };
enum { COL_ROUND, COL_SHIRT, COL_LAPEL, COL_SAILOR, COL_CROSS, COL_MANDARIN, COL_VNECK };
enum { SL_LONG, SL_SHORT, SL_WIDE, SL_PUFF };
enum { LO_TROUSERS, LO_SKIRT_SHORT, LO_SKIRT_KNEE, LO_SKIRT_LONG, LO_ROBE };
enum { ACC_CROWN, ACC_PHOENIX, ACC_HAIRPIN, ACC_GLASSES, ACC_TIE, ACC_EARRINGS, ACC_NECKLACE, ACC_BADGE,
       ACC_STETHO, ACC_RIBBON, ACC_HEADBAND, ACC_CAP, ACC_BOWTIE, ACC_FLOWER, ACC_MOUSTACHE, ACC_BEARD };

struct chr_outfit {
	int collar, sleeve, lower;
	int lower_slot, inner_slot;   /* 0 main, 1 accent, 2 trim */
	int belt;                     /* 0 none, 1 belt, 2 sash */
	int coat, apron, armour, emblem, socks, pleats, jacket;
};

struct chr_look {
	int female, age;
	double height;                /* 0.4..1, 1 = tallest adult */
	int build; double build_w;
	struct rgb skin, eye, hair, main, accent, trim;
	int face, eye_shape, brows, nose, hair_style;
	struct chr_outfit o;
	unsigned acc;                 /* 1u << ACC_* */
	/* creatures (creature.c): kind CRT_* (0 = a person), size factor (1 = the kind's
	 * standard), ear shape 0 pointed / 1 floppy, stripes; main/accent/trim are the coat */
	int creature, crt_ears, crt_stripes;
	double crt_size;
};
enum { CRT_NONE, CRT_BIRD, CRT_CANINE, CRT_FELINE, CRT_ROBOT, CRT_GHOST };

extern const char *const CHR_FACES[], *const CHR_EYES[], *const CHR_BROWS[], *const CHR_NOSES[],
	*const CHR_BUILDS[], *const CHR_HAIRS[], *const CHR_ACCS[];
extern const int CHR_N_FACES, CHR_N_EYES, CHR_N_BROWS, CHR_N_NOSES, CHR_N_BUILDS, CHR_N_HAIRS, CHR_N_ACCS;

/* Load data/REL; NULL after one warning naming the file, line and `fallback` (what is
 * done instead). Caller owns the result. */
json_t *chr_load_data(const char *rel, const char *fallback);
/* A rounded rectangle path (character.c). */
void chr_round_rect(cairo_t *cr, double x, double y, double w, double h, double r);
/* data/art/characters.json (borrowed, NULL if it could not be loaded; loaded once). */
const json_t *chr_data(void);
/* "#rgb", "#rrggbb" or a colour name from the data file. 0 or -1. */
int chr_parse_colour(const char *s, struct rgb *out);
void chr_look_parse(const struct character *c, struct chr_look *L);

/* Figure layout in figure units: feet at (0,0), y grows down (so the body is at y<0),
 * 100 units = a standard adult's height. */
struct chr_fig {
	double H, hh, hr;             /* height, head height, face half-width */
	double head_y, chin, sh, chest, waist, hip, crotch, knee, ankle;
	double sh_w, waist_w, hip_w, neck_w, arm_w;
	double L1, L2, hand;          /* upper arm, forearm, hand lengths */
	double t;                     /* view side: -1 faces screen left, 0 front, 1 right */
	double yaw;                   /* head and body turn: 0 front, +-0.5 three-quarter, +-1 profile */
	double lw;                    /* outline width */
	double head_dy;               /* head lowered (a bow seen from the front) */
	int back;                     /* seen from behind (view +-2, over-the-shoulder shots) */
};
/* yaw: 0 front, +-0.5 three-quarter, +-1 profile (sign: the screen side faced); the body's
 * width is foreshortened with the turn. */
void chr_layout(const struct chr_look *L, double yaw, struct chr_fig *f);
/* Screen x of a head point (face units: x across, z toward the camera in the front view)
 * once the head is turned by yaw (character_face.c). */
double chr_turn_x(double yaw, double x, double z);

/* Face parameters of one expression (character_face.c). */
struct chr_expr {
	const char *name;
	double open, squint, pupil, lid_tilt;   /* eye opening 0..1.3, lower lid raise, pupil scale, inner-lid drop */
	int eye_mode;                           /* 0 open, 1 happy-closed arcs */
	double brow_in, brow_out, brow_skew;    /* + = down (face units) */
	int mouth;                              /* CHR_M_* rest shape */
	double corner;                          /* mouth corner lift -1..1 */
	double gaze_x, gaze_y;
	int blush, tears, sweat, vein, gloom;
};
enum { CHR_M_SOFT, CHR_M_SMILE_OPEN, CHR_M_FROWN, CHR_M_GRIT, CHR_M_O, CHR_M_SMIRK, CHR_M_WAVY,
       CHR_M_CRY, CHR_M_FIRM, CHR_M_SMALL_O, CHR_M_SHOUT };
const struct chr_expr *chr_expr_get(const char *name);

/* Colour and stroke helpers (character.c). */
struct rgb chr_mul(struct rgb c, double k);          /* k<1 darker, k>1 toward white */
struct rgb chr_mix(struct rgb a, struct rgb b, double t);
struct rgb chr_line(struct rgb c);                   /* outline colour for a fill */
void chr_rgb(cairo_t *cr, struct rgb c);
/* Fill the current path with a soft cel gradient lit from x0 (shadow at x1), stroke the outline. */
void chr_fill(cairo_t *cr, struct rgb c, double x0, double x1, double lw);

/* Body (character_body.c). Arms: screen side s = -1 left, +1 right; front: 0 behind the
 * torso, 1 in front of it, 2 in front of the face. Arm parts: 0 upper arm, 1 forearm and
 * hand, 2 short-sleeve cap over the shoulder. */
struct chr_arm { double sx, sy, ex, ey, wx, wy; int front; int finger; };
void chr_arm_pose(const struct chr_fig *f, const char *pose, int s, struct chr_arm *a);
void chr_draw_arm(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f, const struct chr_arm *a, int part);
void chr_draw_lower(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f);
void chr_draw_torso(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f);
/* 0 front or three-quarter .. 1 profile; a profile's body is the three-quarter body
 * narrowed about its middle by chr_body_squash (a cairo transform). */
double chr_profness(const struct chr_fig *f);
void chr_body_squash(cairo_t *cr, const struct chr_fig *f);

/* Hair and headwear (character_hair.c), in face units (head centre 0,0; 1 = half the
 * face width). t: 0 front, +-1 three-quarter, +-2 profile (2 x yaw). */
void chr_hair_fill(cairo_t *cr, const struct chr_look *L, double y0, double y1);
void chr_hair_ball(cairo_t *cr, const struct chr_look *L, double x, double y, double rx, double ry);
void chr_hair_tie(cairo_t *cr, const struct chr_look *L, double x, double y);
void chr_hair_front(cairo_t *cr, const struct chr_look *L, double t);
void chr_braids(cairo_t *cr, const struct chr_look *L, double t);
void chr_head_accessories(cairo_t *cr, const struct chr_look *L, double t);

/* Head (character_face.c): in figure units, head centre at (0, f->head_y). */
void chr_draw_back_hair(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f);
/* layers: CHR_HEAD_STATIC (face, hair, marks) and/or CHR_HEAD_DYNAMIC (eyes, mouth, glasses:
 * what blinks and speaks, drawn over the static part). */
enum { CHR_HEAD_STATIC = 1, CHR_HEAD_DYNAMIC = 2, CHR_HEAD_BACK_ACC = 4 };   /* BACK_ACC: headwear of a back view */
/* gaze: extra eye turn, -1 screen left .. 1 right, on top of looking where the head points. */
void chr_draw_head(cairo_t *cr, const struct chr_look *L, const struct chr_fig *f,
                   const struct chr_expr *ex, char viseme, double blink, double gaze, int bowing, int layers);

#endif
