/* art/location_int.h — shared state and drawing kit of the procedural location
 * templates (location*.c and prop.c only): location.c (table, name mapping, looks,
 * dispatch, card), location_draw.c (kit), location_weather.c (weather overlays),
 * location_modern.c, location_outdoor.c, location_ancient.c, location_ancient_extra.c
 * (templates).
 *
 * A template is a function `void tpl_x(struct lc *c)` that draws one layer (c->layer)
 * in a fixed 1080x1920 design space (the caller has scaled cairo to the target size).
 * Colours come from the template's palette in data/art/locations.json through
 * lc_pal(c, "wall"), already shifted by the look's hue and graded for time of day and
 * weather; emissive colours (lamps, neon) use lc_lit() so that they stay bright at night.
 * Templates declare their windows with lc_window() before drawing any layer so that the
 * front layer can put rain/snow behind the glass.
 */
#ifndef DRAMA_ART_LOCATION_INT_H
#define DRAMA_ART_LOCATION_INT_H
#include <cairo.h>
#include <jansson.h>
#include "art/art_internal.h"

#define LC_W 1080.0
#define LC_H 1920.0
enum { LC_DAY = 0, LC_DUSK = 1, LC_NIGHT = 2 };
/* in MODEL_WEATHERS order */
enum { LC_CLEAR = 0, LC_RAIN = 1, LC_SNOW = 2, LC_STORM = 3, LC_FOG = 4, LC_HEAT = 5, LC_DUST = 6, LC_FLOOD = 7 };

struct rgb { double r, g, b; };

struct lc_rect { double x, y, w, h; };

struct lc {
	cairo_t *cr;
	const char *kind;
	int time, weather, layer, indoor, variant;
	double t;            /* seconds, animates weather */
	double hue;          /* palette hue shift in turns (small, from the look) */
	const char *sign;    /* text for a sign/plaque (the place's name), never NULL */
	uint64_t seed;
	const json_t *pal;   /* palette object of the template (borrowed) */
	struct lc_rect win[8];
	int n_win;
	double fy;           /* y of the floor/horizon line in design space */
};

/* ---- colours ---- */
struct rgb rgb_hex(unsigned v);
struct rgb rgb_mix(struct rgb a, struct rgb b, double t);
struct rgb rgb_scale(struct rgb a, double k);
/* Palette colour by key, hue-shifted and graded for time/weather (ambient surface). */
struct rgb lc_pal(const struct lc *c, const char *key);
/* Palette colour as a light source (neon, lamps): bright at night, muted by day. */
struct rgb lc_pal_lit(const struct lc *c, const char *key);
/* Grade a raw colour as an ambient surface / as a light source. */
struct rgb lc_grade(const struct lc *c, struct rgb v);
struct rgb lc_lit(const struct lc *c, struct rgb v);
/* Mix toward the haze colour for atmospheric depth (0 near .. 1 far). */
struct rgb lc_haze(const struct lc *c, struct rgb v, double depth);
void lc_set(const struct lc *c, struct rgb v, double a);
/* 0 by day, ~0.5 at dusk, 1 at night: how much lamps glow. */
double lc_lamp(const struct lc *c);

/* ---- shapes and fills ---- */
void lc_rrect(cairo_t *cr, double x, double y, double w, double h, double r);
void lc_vgrad(const struct lc *c, double x, double y, double w, double h, struct rgb top, struct rgb bot);
void lc_fill_rect(const struct lc *c, double x, double y, double w, double h, struct rgb v);
void lc_glow(const struct lc *c, double x, double y, double r, struct rgb v, double a);
void lc_shadow(const struct lc *c, double cx, double cy, double rx, double ry, double a);
/* Darken toward the corners of (x,y,w,h), alpha a at the corners. */
void lc_vignette(const struct lc *c, double x, double y, double w, double h, double a);
/* Text centred at (x, y) with height ~size px; font NULL = "Noto Sans CJK SC". */
void lc_text(const struct lc *c, const char *s, double x, double y, double size, struct rgb v,
             const char *font, int bold, double max_w);
void lc_text_vertical(const struct lc *c, const char *s, double x, double y, double size, struct rgb v, const char *font);

/* ---- scenery kit ---- */
void lc_sky(const struct lc *c, double x, double y, double w, double h, int with_sun);
void lc_skyline(const struct lc *c, double y_base, double h_max, double depth, uint64_t seed);
void lc_hills(const struct lc *c, double y_base, double amp, double depth, uint64_t seed);
void lc_window(struct lc *c, double x, double y, double w, double h);   /* declare */
/* Draw declared window i: sky (+ skyline when city), frame, mullions, glass sheen. */
void lc_draw_window(const struct lc *c, int i, struct rgb frame, int cols, int rows, int city);
void lc_curtain(const struct lc *c, double x, double y, double w, double h, struct rgb v, int side);
void lc_wall(const struct lc *c, struct rgb top, struct rgb bot);
void lc_floor_planks(const struct lc *c, struct rgb a, struct rgb b);
void lc_floor_tiles(const struct lc *c, struct rgb a, struct rgb b, int n);
void lc_baseboard(const struct lc *c, struct rgb v);
void lc_pendant(const struct lc *c, double x, double y_top, double len, double r, struct rgb shade);
void lc_plant(const struct lc *c, double x, double y_base, double size, struct rgb pot, struct rgb leaf);
void lc_tree(const struct lc *c, double x, double y_base, double size, struct rgb leaf, struct rgb trunk, uint64_t seed);
void lc_frame_pic(const struct lc *c, double x, double y, double w, double h, struct rgb frame, struct rgb a, struct rgb b);
void lc_streetlamp(const struct lc *c, double x, double y_base, double hgt, struct rgb pole);
void lc_lantern(const struct lc *c, double x, double y, double r, struct rgb v);
void lc_roof(const struct lc *c, double x, double y, double w, double h, struct rgb tile, struct rgb eave);
void lc_snowcap(const struct lc *c, double x, double y, double w, double th);
void lc_wet_ground(const struct lc *c, double y0, double y1);
void lc_table(const struct lc *c, double x, double y_top, double w, double hgt, struct rgb top, struct rgb leg);
void lc_chair(const struct lc *c, double x, double y_base, double s, struct rgb v, int facing);
void lc_shelf(const struct lc *c, double x, double y, double w, double h, int rows, struct rgb wood, uint64_t seed);

/* Weather overlay for the front layer (whole frame outdoors, windows indoors). */
void lc_weather(const struct lc *c);

/* ---- templates ---- */
typedef void (*lc_tpl_fn)(struct lc *c);
struct lc_tpl { const char *kind; lc_tpl_fn fn; int indoor; };
extern const struct lc_tpl LC_MODERN[];   /* { NULL } terminated */
extern const struct lc_tpl LC_ANCIENT[];
extern const struct lc_tpl LC_OUTDOOR[];
extern const struct lc_tpl LC_ANCIENT_EXTRA[];

/* Palette data for a kind (borrowed; NULL when the data file lacks it). */
const json_t *lc_palette(const char *kind);
/* Deterministic hash in [0,1) of (seed, i). */
double lc_hash(uint64_t seed, unsigned i);

#endif
