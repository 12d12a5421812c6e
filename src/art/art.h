/* art/art.h — the art backend: characters, locations and props drawn for the renderer
 * and the creator's sheets. The procedural backend (cairo + pango) is the default;
 * an AI image backend implements the same table.
 *
 *   const struct art_backend *a = art_backend_get("procedural");
 *   a->assign_looks(s, seed);                   // fills character->look / location->look
 *   struct art_char_state st = ART_CHAR_STATE_INIT;
 *   st.expression = "angry"; st.viseme = 'D'; st.view = ART_VIEW_RIGHT;
 *   a->draw_character(cr, s, c, &st, 540, 1800, 1500);   // feet at (540,1800), 1500 px tall
 *   a->draw_location(cr, loc, "night", "rain", ART_LAYER_BACK, 0.0, 1080, 1920);
 *
 * Drawing is deterministic: the same parameters give the same pixels. Functions
 * return 0 or <0 with err_msg.
 */
#ifndef DRAMA_ART_ART_H
#define DRAMA_ART_ART_H

#include <cairo.h>
#include "core/util.h"
#include "core/model.h"

/* three-quarter views (+-1) and profiles (+-3) face screen left/right; back views (seen
 * from behind, for the listener in an over-the-shoulder shot) turn the head toward screen
 * left/right */
enum { ART_VIEW_PROFILE_LEFT = -3, ART_VIEW_BACK_LEFT = -2, ART_VIEW_LEFT = -1, ART_VIEW_FRONT = 0,
       ART_VIEW_RIGHT = 1, ART_VIEW_BACK_RIGHT = 2, ART_VIEW_PROFILE_RIGHT = 3 };
/* The turn of a view: 0 front, +-0.5 three-quarter, +-1 profile, 0 for back views. */
double art_view_yaw(int view);
/* "front", "three-quarter right", "profile left", "back left", ... (static string). */
const char *art_view_name(int view);
enum { ART_LAYER_BACK = 0, ART_LAYER_MID = 1, ART_LAYER_FRONT = 2 };

struct art_char_state {
	const char *expression;   /* MODEL_EMOTIONS face; NULL = neutral */
	const char *pose;         /* MODEL_POSES; NULL = idle */
	char viseme;              /* 'A'..'H' or 'X' (rest) */
	double blink;             /* 0 = eyes open .. 1 = closed */
	int view;                 /* ART_VIEW_* */
	double breath;            /* -1..1 idle breathing phase (small vertical scale) */
	double gaze;              /* eyes turned further: -1 screen left .. 1 right; 0 = where the head points */
};
#define ART_CHAR_STATE_INIT { NULL, NULL, 'X', 0.0, ART_VIEW_FRONT, 0.0, 0.0 }
/* The gaze that brings the eyes of a head turned to `view` back to the camera. */
double art_gaze_to_camera(int view);

/* Where the body parts are, as fractions of a standard adult's height measured up from
 * the feet (0 = feet), for framing shots. The top of the head is head_center +
 * head_radius: 1 for an adult, less for a child, so characters share one scale. */
struct art_metrics {
	double head_center, head_radius, eyes, mouth, shoulders, waist;
	double width;             /* body width (shoulders) as a fraction of height */
};

struct art_backend {
	const char *name;
	/* Fill c->look / l->look where NULL from role, age, gender, era and seed;
	 * two characters of one series never look alike. */
	int (*assign_looks)(struct series *s, uint64_t seed);
	int (*metrics)(const struct character *c, struct art_metrics *m);
	/* Full figure with feet centred at (x, y_feet), `height` px from feet to top of head. */
	int (*draw_character)(cairo_t *cr, const struct series *s, const struct character *c,
	                      const struct art_char_state *st, double x, double y_feet, double height);
	/* One parallax layer of a location filling (0,0)-(w,h); time: MODEL_TIMES, weather:
	 * MODEL_WEATHERS; t = seconds (animates rain/snow on the front layer). Back is opaque,
	 * mid and front are transparent where empty. */
	int (*draw_location)(cairo_t *cr, const struct location *l, const char *time,
	                     const char *weather, int layer, double t, double w, double h);
	/* An insert shot's object ("jade seal", "letter", "phone") filling (0,0)-(w,h). */
	int (*draw_prop)(cairo_t *cr, const char *what, const struct series *s, double w, double h);
	/* The `drama design` stage: looks, characters/NAME.png sheets, locations/NAME.png cards. */
	int (*design)(struct project *p, const struct stage_opts *o);
};

extern const struct art_backend art_procedural;
/* NULL name = default. Returns NULL with err_msg for an unknown name. */
const struct art_backend *art_backend_get(const char *name);

/* ---- the AI art backends (art_ai.c, art_ai_draw.c, over the ComfyUI and images clients) ---- */
struct ai_config;
extern const struct art_backend art_comfyui;
extern const struct art_backend art_images_api;
/* Tell the AI art backends which project folder and config draw/design use (the art
 * table's draw functions get no project). Borrowed; call again to rebind; NULLs unbind. */
void ai_art_bind(const char *project_dir, const struct ai_config *c);
/* Generate (or take from cache/ai/) one shot's image that keeps its characters by their
 * reference images; if c->comfy_video, also an image-to-video clip. again = ignore cache.
 * ep/scene/shot are 0-based. *image / *video are project-relative paths (caller frees;
 * *video NULL when none). Records them in cache/ai/shots.json under "E.S.H" (1-based). */
int ai_shot_generate(struct project *p, const struct ai_config *c, size_t ep, size_t scene,
                     size_t shot, int again, char **image, char **video);

/* The art stage's picture or clip for a shot, as ai_shot_generate recorded it (ep/scene/
 * shot 0-based): project-relative image and video paths (caller frees; NULL when none).
 * Returns 1 if the shot has generated media, 0 if not (both NULL), <0 on a damaged
 * manifest. The renderer asks this instead of drawing the shot. */
int art_shot_media(const char *project_dir, size_t ep, size_t scene, size_t shot, char **image, char **video);
/* A face in a generated shot picture, in fractions of the picture: box (x, y top left,
 * w, h) and the mouth's centre and width. */
struct art_face { char name[64]; double x, y, w, h, mouth_x, mouth_y, mouth_w; };
/* The faces of a shot's generated picture (ep/scene/shot 0-based; aspect = picture
 * width / height): the boxes cache/ai/shots.json recorded, else where the shot prompt
 * placed its actors (data/comfyui/faces.json). Returns how many (<= max), or <0. */
int art_shot_faces(const char *project_dir, const struct series *s, size_t ep, size_t scene, size_t shot,
                   double aspect, struct art_face *out, int max);

/* Sheets, used by design and tests. Write PNG atomically. */
int art_character_sheet(const struct art_backend *a, const struct series *s, const struct character *c, const char *png_path);
int art_location_card(const struct art_backend *a, const struct location *l, const char *png_path);
/* Write a cairo image surface to PNG atomically. */
int art_write_png(cairo_surface_t *surf, const char *path);
/* surf (ARGB32/RGB24) as PNG bytes appended to out (fast zlib; the pixels cairo's own
 * writer would store). 0 or <0 with err_msg. */
struct sbuf;
int art_png_encode(cairo_surface_t *surf, struct sbuf *out);

#endif
