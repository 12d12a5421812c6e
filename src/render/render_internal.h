/* render/render_internal.h — the renderer's parts: style (data/render/style.json),
 * subtitles, the per-shot compositor, cards. Not for other modules. */
#ifndef DRAMA_RENDER_INTERNAL_H
#define DRAMA_RENDER_INTERNAL_H

#include <cairo.h>
#include "render/render.h"
#include "art/art.h"
#include "voice/voice.h"
#include "render/sublayout.h"

struct rgbf { double r, g, b; };

struct rstyle {
	char font[64];
	double sub_size, sub_min, sub_max_w, sub_cx, sub_top, sub_bottom, sub_outline;
	double sub_cjk, sub_latin;    /* characters a subtitle line holds (sublayout.h) */
	struct rgbf sub_fill, sub_stroke, sub_hl, sub_narr_fill;
	char ep_en[64], ep_zh[64];
	struct rgbf card_top, card_bottom, card_accent;
	char end_en[64], end_zh[64], next_en[64], next_zh[64];
	struct rgbf cover_fill, cover_stroke, cover_ribbon;
	double margin, push, pan, snap, shake;
	double tr_crossfade, tr_dip, tr_whip, tr_flash;
	double zoom[8];          /* per MODEL_SHOT_TYPES index */
	double blink_first_min, blink_first_max, blink_gap_min, blink_gap_max, blink_len;
	/* idle motion: amplitudes as fractions of the head radius, periods in seconds */
	double breath, breath_min, breath_max, sway, sway_min, sway_max, idle_hz;
	double walk_sec, walk_bob;              /* entering / leaving: time, step bounce */
	double react_delay;                     /* listeners react this long after a line starts */
	char react_from[16][16], react_to[16][16];
	int n_react;
	char enter_words[1024], exit_words[1024];   /* '|'-separated phrases */
};
/* Load data/render/style.json. 0 or <0 with err_msg naming the file and field. */
int rstyle_load(struct rstyle *st);
enum rstyle_part { RSTYLE_TITLE, RSTYLE_END, RSTYLE_SHOT, RSTYLE_SHOT_SUB };
char *rstyle_part(const char *txt, enum rstyle_part part);
int rsub_has_cue(const struct tl_shot *t);   /* the shot shows a subtitle (unless clean) */

/* Everything one episode's render shares. */
struct rctx {
	struct project *p;
	const struct series *s;
	const struct episode *ep;
	const struct art_backend *art;
	struct rstyle st;
	struct timeline tl;
	int W, H, fps, zh;
	int clean;               /* 1: no burned subtitles (the export's clean shots, clean.c) */
	uint64_t seed;
	/* The last shot's location layers: the next shot of the same scene and type reuses them. */
	struct { char key[33]; cairo_surface_t *back, *mid, *front; int fx, fy;   /* front: cropped, at (fx, fy) */
	         cairo_surface_t *flat; double fz, fdim; } layers;  /* flat: the last flat shot's room (shot.c) at zoom fz, dim fdim */
	int rooms_reused;        /* shots that took the last flat shot's room (for tests) */
};
void rctx_release(struct rctx *c);     /* frees the layer cache */

/* ---- big surfaces' pixel blocks kept between shots (pool.c) ---- */
/* An ARGB32 surface for the caller to paint every pixel of with CAIRO_OPERATOR_SOURCE:
 * from 1 MB up its pixels are a block freed by an earlier such surface when one fits, not
 * cleared (kept only until the next rpool_trim). The caller destroys it as any other. */
cairo_surface_t *rpool_overwrite(int w, int h);
void rpool_trim(void);                 /* frees the idle blocks (end of a shot's set-up, of a render) */
struct rpool_stats { long fresh, reused; int idle; };   /* blocks allocated, reused; idle now */
struct rpool_stats rpool_stats(void);

/* ---- cast plan (anim.c) ---- */
#define RPLAN_MAX 4
struct rplan_actor {
	const struct character *c;
	const char *pose;
	const char *own;          /* the storyboard's expression for this actor (face name) */
	int has_own;
	const char *face0;        /* face from the shot's start (NULL = neutral) */
	const char *face1;        /* face after the change */
	int change;               /* 0 none, 1 at the line's start (speaker), 2 a beat later (listener) */
	int speaker;              /* 1 speaks the line, 2 speaks it with 1 (joint cue "A AND B"); 0 listens */
	int enter, exit;
	int to_camera;            /* the action or parenthetical turns this actor to the camera */
};
struct rplan { struct rplan_actor a[RPLAN_MAX]; int n; };
/* The characters shot ts shows (storyboard order) and their faces. Returns 0. */
int rplan_shot(const struct rctx *c, const struct tl_shot *ts, struct rplan *out);
/* Everything of the plan that affects pixels, for the shot's content hash. */
void rplan_hash(const struct rctx *c, const struct tl_shot *ts, struct hash *h);
/* An emotion's face ("whisper" -> "shy", "neutral" -> NULL). */
const char *rplan_face(const char *emotion);
/* drama.json "render": {"word_highlight": true}: 1 or 0 (default 0). */
int rsettings_word_highlight(const struct project *p);

/* ---- subtitles (subs.c) ---- */
/* A rasterised subtitle: outlined text in at most two balanced lines (sublayout.h),
 * placed in the safe area; a cue too long for two lines is shown in parts, each from
 * its first spoken word. With word highlight, also one picture per spoken word (that
 * word in the highlight colour). pics are in time order: pics[k] shows from pic_at[k]
 * seconds after the line's start; all share img's size and place (x, y). */
struct rsub {
	cairo_surface_t *img; int x, y;          /* img = pics[0] */
	cairo_surface_t **pics; double *pic_at; int n_pics;
	int n_words;                              /* highlighted-word pictures among pics */
	struct rsub_plan plan;                    /* the parts and their lines */
	/* what rsub_words needs to draw again */
	char *text; double px, pad, maxw, len; int width, height;
	int narration;   /* a line with no speaker: the narrator's style */
};
/* narration: set for a line with no speaker (drawn italic in subtitle.narration_fill).
 * Without timing, parts share a reading time of the text's length. */
int rsub_make(const struct rctx *c, const char *text, int narration, int width, int height, struct rsub *out);
/* Time the parts from the line's word timings (voice timing JSON) and add the word
 * pictures. A line without timings, or whose words cannot be found in the text, keeps
 * the plain subtitle (0). */
int rsub_words(const struct rctx *c, const struct line *ln, struct rsub *s);
/* Everything for a shot's line shown len seconds at the frame size c->W x c->H: parts
 * timed by the word timing, word pictures with render.word_highlight. Returns 0. */
int rsub_make_line(const struct rctx *c, const struct line *ln, double len, struct rsub *out);
/* Which picture frame f of the line shows (an index for rsub_image). */
int rsub_index(const struct rsub *s, int64_t f, int fps);
cairo_surface_t *rsub_image(const struct rsub *s, int idx);
void rsub_free(struct rsub *s);
/* "Noto Sans CJK SC Bold 40px"-style description for pango; caller frees. */
char *rfont_desc(const struct rctx *c, const char *weight, double px);
/* A pango layout of text with its own line breaks ('\n'), no wrapping, lines centred
 * on each other, in font/weight at px pixels. Caller g_object_unref()s. */
struct _PangoLayout *rtext_layout(cairo_t *cr, const char *font, const char *weight, double px, const char *text);
/* Draw text centred in a box with an outline (cards, cover, sheets). Returns the height used. */
double rtext(cairo_t *cr, const struct rctx *c, const char *text, const char *weight, double px,
             double x, double y, double w, struct rgbf fill, struct rgbf stroke, double outline, int max_lines);

/* ---- where a layer is not transparent, by bands of rows (bands.c) ---- */
#define RBAND_ROWS 16
/* Band k (rows k*RBAND_ROWS ..) of a layer has its non-transparent pixels in columns
 * x0[k]..x1[k]; x1[k] < x0[k]: none. x1 points into x0's block; rbands_free frees it. */
struct rbands { int n; int *x0, *x1; };
/* Look again at the bands holding rows y0..y1-1 of s (every band when s has another
 * height than the last scan, or none was made). */
void rbands_scan(struct rbands *b, cairo_surface_t *s, int y0, int y1);
void rbands_free(struct rbands *b);
/* Intersect cr's clip with the frame boxes that the layer's bands (the layer's origin at
 * (x, y), painted through device matrix m) can change with OVER, bilinear or not, and
 * reset cr's matrix (bands never scanned: no clip). The paint that follows gives the
 * unclipped paint's pixels within a level or two (see bands.c); the caller saves and
 * restores cr around this and its paint. */
void rbands_clip(cairo_t *cr, const struct rbands *b, const cairo_matrix_t *m, double x, double y);
/* The frame rectangle (x0 y0 x1 y1, whole pixels, grown by 1) that layer rectangle
 * (x, y, w, h) covers through m. */
void rframe_box(const cairo_matrix_t *m, double x, double y, double w, double h, double box[4]);

/* ---- a layer painted through a scale-and-move matrix, bilinear (blit.c) ---- */
/* Paint src (its origin at (ox, oy) where m maps from) into dst through m, which only
 * scales (xx, yy > 0) and moves (xy, yx ignored), bilinear with pixman's arithmetic (7-bit
 * weights; outside src transparent), only inside the boxes (x0 y0 x1 y1 each, whole
 * pixels, they may overlap; at most 64 looked at). over 0: SOURCE (every pixel of the
 * boxes written); 1: OVER, only where bands b (NULL or never scanned: everywhere) say src
 * is not transparent. A pixel's value depends on m and src only, never on the boxes;
 * against cairo's paint it may differ by a level or two (a whole-pixel move: none). */
void rblit(cairo_surface_t *dst, const int (*boxes)[4], int nbox, cairo_surface_t *src, const struct rbands *b,
           const cairo_matrix_t *m, double ox, double oy, int over);
/* 1: the plain C row kernels even where AVX2 is there (tests: the two give the same bytes). */
void rblit_force_plain(int on);
/* An 8-bit plane (sw x sh, stride ss) magnified by z into dst (W x H, stride ds) with
 * rblit's bilinear arithmetic: frame column x samples the plane at (x + .5 - mx) / z - .5
 * (row y likewise with my); outside the plane, its edge texels. The pixels inside the
 * boxes skip (x0 y0 x1 y1, at most 64) are left as they are. The room of a zooming
 * frame straight into the frame's YUV planes (shot.c). */
void rblit_plane(uint8_t *dst, int ds, int W, int H, const uint8_t *src, int ss, int sw, int sh, double z, double mx,
                 double my, const int (*skip)[4], int nskip);

/* ---- segments: the title card, each shot, the end card (shot.c, cards.c) ---- */
enum { SEG_TITLE, SEG_SHOT, SEG_END };
struct rseg;
/* idx: 0 = title, 1..n_shots = tl.shots[idx-1], n_shots+1 = end card. */
int rseg_new(struct rctx *c, size_t idx, struct rseg **out);
int64_t rseg_frames(const struct rseg *g);
/* Draw local frame i (in order, or any order: state is recomputed) into a W×H ARGB32
 * surface. *same = 1 when the picture is identical to the previous call's. */
int rseg_draw(struct rseg *g, int64_t i, cairo_surface_t *dst, int *same);
/* What the last rseg_draw changed in dst: box x0 y0 x1 y1 (pixels, x1 y1 exclusive);
 * every pixel outside it is as before that call. The whole frame when it drew the whole
 * picture, empty (all 0) when *same. */
void rseg_changed(const struct rseg *g, int box[4]);
/* A frame whose camera magnifies the flat room (push, pull, snap, shake; not rain or snow,
 * a pan, a generated clip or mouth) is drawn whole: rseg_yuv_ok says frame i is one.
 * rseg_draw_yuv then queues it to q with the room magnified straight into the slot's YUV
 * planes from the room's own YUV (made once per shot, 1.5 bytes a pixel against 4), and
 * only the boxes that hold a character, the front layer or the subtitle drawn into dst
 * and converted over it; dst holds nothing else afterwards (the next rseg_draw draws
 * whole). The room differs from rseg_draw's by a level here and there (chroma is
 * subsampled before it is magnified, not after). 0 or <0. */
struct enc_pipe;
int rseg_yuv_ok(const struct rseg *g, int64_t i, cairo_surface_t *dst);
int rseg_draw_yuv(struct rseg *g, int64_t i, cairo_surface_t *dst, struct enc_pipe *q);
void rseg_free(struct rseg *g);
/* The generated picture recorded for timeline shot ts (cache/ai/shots.json, see
 * art_shot_media): absolute path in *path (caller frees), 1; 0 and NULL when the shot
 * has none; <0 on a damaged manifest. */
int rai_image(const struct rctx *c, const struct tl_shot *ts, char **path);
const char *rseg_transition(const struct rctx *c, size_t idx);   /* into segment idx */
double rseg_transition_sec(const struct rctx *c, const char *tr);

/* Cards (cards.c) draw a full W×H frame. */
int rcard_title(const struct rctx *c, cairo_t *cr, double t);
int rcard_end(const struct rctx *c, cairo_t *cr, double t);

/* Timing of a line for lip-sync: voice timing JSON, else the WAV's loudness. */
struct rlip {
	struct voice_timing t;
	int has_t;
	char *env;              /* amplitude visemes per frame (fallback), or NULL */
	int64_t n_env;
};
int rlip_load(const struct rctx *c, const struct line *l, struct rlip *out);
/* The timing JSON beside a line's audio ("cache/voice/ab.wav" -> "cache/voice/ab.json"); caller frees. */
char *rlip_timing_rel(const char *audio);
char rlip_viseme(const struct rlip *lp, double sec, int fps, int64_t frame);
void rlip_free(struct rlip *lp);

/* ---- pictures for the creator (cover.c, sheets.c) ---- */
/* epNN.cover.png (the frame size, 9:16) and its variants epNN.cover.3x4.png and
 * epNN.cover.16x9.png: a poster composed with the art backend (the main pair facing
 * off, or the lead with the key prop) with the whole title and episode label.
 * frame_png is not used (a key frame carries the line's subtitle). 0 or <0 with err_msg. */
int render_cover(const struct rctx *c, const char *frame_png, const char *out);
/* What a cover shows, as drawn: each text (title, then the episode label) with its
 * lines ('\n'-joined), size and measured extent; who is on it and the prop. */
struct rcover_text {
	char text[512];
	double px, x, y, w, h, box_w;   /* w, h: the drawn text's extent; box_w: the room it had */
	int lines, drawn_lines, ellipsized;
};
struct rcover_report {
	struct rcover_text text[4]; int n_text;
	char who[2][64]; int n_who, pair;
	char prop[128];
};
/* Fit text into bw x bh: 1..max_lines balanced lines (sublayout.h) at the largest size
 * up to max_px, never ellipsized. Fills r (text with '\n' between lines, px, lines). */
int rtext_fit(cairo_t *cr, const struct rctx *c, const char *text, const char *weight, double bw, double bh,
              double max_px, int max_lines, double outline, struct rcover_text *r);
/* Draw a fitted r centred in the box (x, y, w) with an outline; records its extent in r. */
void rtext_draw_fit(cairo_t *cr, const struct rctx *c, struct rcover_text *r, const char *weight, double x, double y,
                    double w, struct rgbf fill, struct rgbf stroke, double outline);
/* Draw the cover at w x h into cr and report its layout. */
int rcover_draw(const struct rctx *c, cairo_t *cr, int w, int h, struct rcover_report *rep);
/* epNN.contact.png: thumbs[i] is shot i's key frame (tl.shots order). */
int render_contact(const struct rctx *c, char *const *thumbs, const char *out);

/* ---- frames and memory (render.c) ---- */
/* Draw transition tr ("crossfade", "dip_to_black", "whip_pan", "flash", else a cut) at u
 * (0..1) from prev to cur into cr (a W x H drawing; translated, it draws a band). */
void rtransition(const struct rctx *c, const char *tr, double u, cairo_surface_t *prev, cairo_surface_t *cur,
                 cairo_t *cr);
/* Whether transition tr shows the outgoing picture (a flash and a cut do not). */
int rtransition_needs_prev(const char *tr);
/* Drop from RSS the resident pages of private file mappings nobody wrote to (clean
 * page-cache pages: what is read again is faulted back from the file). Returns the MB
 * dropped. */
double rmem_drop_file_pages(void);

/* ---- the export's clean shots (clean.c), from render.c ---- */
/* Segment k's content hash (everything that affects its pixels; with c->clean it differs
 * from the subtitled segment's). */
void rseg_own_hash(const struct rctx *c, size_t k, const char *style, char own[33]);

/* ---- output helpers ---- */
int rpng_write(cairo_surface_t *s, const char *path);   /* atomic */
struct rgbf rstyle_hex(const char *hex, struct rgbf dflt);

/* ---- outputs.c: the episode's outputs kept when unchanged ---- */
/* A segment of the episode (render.c): its content hash (own) and file hash, its files
 * (cache/shots/<hash>.mp4, .thumb.png, .full.png), frames, whether it is drawn. */
struct seginfo { char own[33], hash[33]; char *mp4, *thumb, *full; int64_t frames; int need, made; };
/* RENDER_VERSION (render.c): what every segment and output hash starts from. */
const char *rrender_version(void);
/* Hash a JSON value as it survives a save and load of storyboard.json (render.c). */
void rhash_json(struct hash *h, const json_t *j);
/* The hashes of what the outputs are made from: hv the MP4 (its segments and the mix),
 * ht the subtitle files, hp the contact sheet, hc the cover (not its segment's frame:
 * a line's new words leave it as it is). */
void routput_hashes(const struct rctx *c, const struct seginfo *sg, size_t n, size_t cover, const char *style,
                    int preview, char hv[33], char ht[33], char hp[33], char hc[33]);
/* 1 when the record (lines "NAME HASH SIZE") has name with hash and the file at path
 * still has that size. */
int routput_kept(const char *record, const char *name, const char *hash, const char *path);
/* Add name's line (its hash, the size of the file at path) to rec, if the file is there. */
void routput_note(struct sbuf *rec, const char *name, const char *hash, const char *path);
/* Of epNN.srt, .ass (from ht), .cover.png (hc), .contact.png (hp), those in `which`
 * (bit 0 srt, 1 ass, 2 cover, 3 contact sheet; ROUTPUT_ALL: all four), each unless kept
 * by old_rec; their record lines into rec. 0 or <0. */
#define ROUTPUT_ALL 15u
int routput_sidecars(const struct rctx *c, const struct episode *ep, const struct seginfo *sg, size_t cover,
                     char **thumbs, const char *old_rec, const char *ht, const char *hp, const char *hc,
                     unsigned which, struct sbuf *rec);

#endif
