/* art/prop.c — insert-shot objects: a jade seal, a letter, a phone, a tea cup ... drawn
 * large on a table surface filling (0,0)-(w,h). The object's words (English or
 * Chinese) map to a kind through data/art/props.json; the series era picks ancient or
 * modern variants (scroll or envelope, copper coins or banknotes, gaiwan or mug).
 * Unknown objects become a wrapped parcel with the object's name on a tag. */
#include <math.h>
#include <string.h>
#include <ctype.h>
#include <pthread.h>
#include "art/location_int.h"

static json_t *g_props;
static char g_props_err[512];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void load_props(void)
{
	char *path = data_path("art/props.json");
	json_error_t je;
	g_props = json_load_file(path, 0, &je);
	if (!g_props || !json_is_object(json_object_get(g_props, "props")))
		snprintf(g_props_err, sizeof g_props_err, "%s:%d:%d: %s; restore data/art/props.json or set DRAMA_DATA",
		         path, je.line, je.column, g_props ? "no \"props\" object" : je.text);
	free(path);
}

/* w in s as whole words for ASCII (plural "s" allowed), anywhere for CJK. */
static int has_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	if (!n) return 0;
	for (const char *p = strstr(s, w); p; p = strstr(p + 1, w)) {
		if ((unsigned char)w[0] & 0x80) return 1;
		const char *e = p + n;
		if ((p == s || !isalnum((unsigned char)p[-1])) &&
		    (!isalnum((unsigned char)*e) || (*e == 's' && !isalnum((unsigned char)e[1]))))
			return 1;
	}
	return 0;
}

/* Kind of prop for a free-text description; NULL = unknown. *word (may be NULL) gets
 * the matched word (borrowed from the data). */
static const char *prop_kind(const char *what, const char **word)
{
	if (word) *word = NULL;
	pthread_once(&g_once, load_props);
	if (g_props_err[0] || !what) return NULL;
	char *lw = xstrdup(what);
	for (char *p = lw; *p; p++) *p = (char)tolower((unsigned char)*p);
	const char *best = NULL, *key;
	size_t best_len = 0;
	json_t *v;
	json_object_foreach(json_object_get(g_props, "props"), key, v) {
		size_t i;
		json_t *w;
		json_array_foreach(v, i, w) {
			const char *s = json_string_value(w);
			if (s && has_word(lw, s) && strlen(s) > best_len) {
				best = key;
				best_len = strlen(s);
				if (word) *word = s;
			}
		}
	}
	free(lw);
	return best;
}

#define C(hex) lc_grade(c, rgb_hex(hex))

static void shade_fill(const struct lc *c, struct rgb v, double x0, double y0, double x1, double y1)
{
	cairo_pattern_t *p = cairo_pattern_create_linear(x0, y0, x1, y1);
	struct rgb hi = rgb_mix(v, (struct rgb){ 1, 1, 1 }, 0.35), lo = rgb_scale(v, 0.65);
	cairo_pattern_add_color_stop_rgb(p, 0, hi.r, hi.g, hi.b);
	cairo_pattern_add_color_stop_rgb(p, 0.5, v.r, v.g, v.b);
	cairo_pattern_add_color_stop_rgb(p, 1, lo.r, lo.g, lo.b);
	cairo_set_source(c->cr, p);
	cairo_fill(c->cr);
	cairo_pattern_destroy(p);
}

static void jade_seal(const struct lc *c, int ancient)
{
	cairo_t *cr = c->cr;
	struct rgb jade = C(0x5fae8a);
	lc_shadow(c, 0, 250, 300, 60, 0.5);
	/* block */
	lc_rrect(cr, -190, -20, 380, 270, 24);
	shade_fill(c, jade, -190, -20, 190, 250);
	/* carved beast knob */
	cairo_move_to(cr, -150, -20);
	cairo_curve_to(cr, -160, -160, -60, -230, 20, -200);
	cairo_curve_to(cr, 100, -260, 170, -170, 150, -20);
	cairo_close_path(cr);
	shade_fill(c, rgb_scale(jade, 0.92), -150, -250, 150, -20);
	cairo_set_line_width(cr, 6);
	lc_set(c, rgb_scale(jade, 0.6), 0.8);
	cairo_arc(cr, -40, -140, 30, 0, 2 * M_PI);
	cairo_move_to(cr, 40, -120); cairo_curve_to(cr, 80, -150, 110, -100, 90, -60);
	cairo_stroke(cr);
	lc_set(c, C(0x1a1a1a), 1);
	cairo_arc(cr, -40, -140, 8, 0, 2 * M_PI);
	cairo_fill(cr);
	/* red impression on paper at the side */
	lc_set(c, C(0xf4ecd8), 1);
	cairo_rectangle(cr, 200, 150, 260, 200);
	cairo_fill(cr);
	lc_set(c, C(0xc0282a), 0.9);
	cairo_rectangle(cr, 260, 190, 130, 130);
	cairo_fill(cr);
	lc_text(c, ancient ? "御印" : "印", 325, 255, 52, C(0xf4ecd8), "Noto Serif CJK SC", 1, 120);
	/* tassel */
	cairo_set_line_width(cr, 8);
	lc_set(c, C(0xc0282a), 1);
	cairo_move_to(cr, 150, -60); cairo_curve_to(cr, 260, -40, 260, 60, 230, 120); cairo_stroke(cr);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.35);
	cairo_rectangle(cr, -160, 10, 30, 200);
	cairo_fill(cr);
}

static void paper_lines(const struct lc *c, double x, double y, double w, int n, struct rgb ink)
{
	for (int i = 0; i < n; i++) lc_fill_rect(c, x, y + i * 44, w * (i == n - 1 ? 0.5 : 0.85 + 0.15 * lc_hash(7, i)), 10, ink);
}

static void letter(const struct lc *c, int ancient, const char *label)
{
	cairo_t *cr = c->cr;
	if (ancient) {
		/* a paper scroll with brush columns, rollers top and bottom */
		lc_shadow(c, 10, 360, 300, 50, 0.45);
		lc_vgrad(c, -230, -300, 460, 620, C(0xf2e6c8), C(0xe4d2aa));
		lc_fill_rect(c, -260, -330, 520, 36, C(0x6a3a20));
		lc_fill_rect(c, -260, 306, 520, 36, C(0x6a3a20));
		for (int k = 0; k < 4; k++)
			lc_text_vertical(c, k == 0 ? "奉天承运" : k == 1 ? "皇帝诏曰" : k == 2 ? "即日起" : "钦此", 150 - k * 95, -20, 64, C(0x1e1a16), "Noto Serif CJK SC");
		return;
	}
	/* an envelope under an opened sheet */
	lc_shadow(c, 0, 330, 360, 60, 0.45);
	cairo_save(cr);
	cairo_rotate(cr, -0.12);
	lc_fill_rect(c, -300, 20, 560, 320, C(0xe8dcc4));
	lc_set(c, C(0xd8c8a8), 1);
	cairo_move_to(cr, -300, 20); cairo_line_to(cr, -20, 200); cairo_line_to(cr, 260, 20); cairo_fill(cr);
	cairo_restore(cr);
	cairo_save(cr);
	cairo_rotate(cr, 0.06);
	lc_fill_rect(c, -230, -330, 440, 560, C(0xfbfaf4));
	lc_text(c, label, -10, -260, 40, C(0x22262e), "Noto Serif CJK SC", 1, 380);
	paper_lines(c, -190, -190, 360, 8, C(0x8890a0));
	lc_set(c, C(0xc0282a), 1);
	cairo_arc(cr, 130, 180, 36, 0, 2 * M_PI);
	cairo_fill(cr);
	cairo_restore(cr);
}

static void phone(const struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, 20, 380, 260, 50, 0.5);
	cairo_save(cr);
	cairo_rotate(cr, 0.08);
	lc_set(c, C(0x1c1e22), 1);
	lc_rrect(cr, -190, -380, 380, 760, 56);
	cairo_fill(cr);
	lc_vgrad(c, -170, -350, 340, 700, C(0x3a6ad8), C(0x9a5ad0));
	lc_text(c, "23:47", 0, -200, 90, C(0xffffff), NULL, 0, 300);
	/* a message bubble */
	lc_set(c, C(0xffffff), 0.92);
	lc_rrect(cr, -140, -40, 280, 150, 24);
	cairo_fill(cr);
	paper_lines(c, -110, -10, 200, 3, C(0x6a7080));
	lc_set(c, C(0x22c55e), 1);
	lc_rrect(cr, -140, 140, 280, 60, 30);
	cairo_fill(cr);
	lc_set(c, C(0x111111), 1);
	lc_rrect(cr, -50, -340, 100, 22, 11);
	cairo_fill(cr);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.12);
	cairo_move_to(cr, -170, -350); cairo_line_to(cr, 40, -350); cairo_line_to(cr, -170, 100); cairo_close_path(cr);
	cairo_fill(cr);
	cairo_restore(cr);
}

static void tea_cup(const struct lc *c, int ancient)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, 0, 250, 330, 70, 0.45);
	if (ancient) {
		/* celadon gaiwan on a saucer */
		struct rgb cel = C(0xb4d4c0);
		cairo_save(cr); cairo_translate(cr, 0, 230); cairo_scale(cr, 1, 0.28);
		cairo_arc(cr, 0, 0, 300, 0, 2 * M_PI); cairo_restore(cr);
		shade_fill(c, cel, -300, 150, 300, 300);
		cairo_move_to(cr, -230, -40);
		cairo_curve_to(cr, -220, 160, -100, 220, 0, 220);
		cairo_curve_to(cr, 100, 220, 220, 160, 230, -40);
		cairo_close_path(cr);
		shade_fill(c, cel, -230, -40, 230, 220);
		cairo_save(cr); cairo_translate(cr, 0, -60); cairo_scale(cr, 1, 0.3);
		cairo_arc(cr, 0, 0, 250, M_PI, 2 * M_PI); cairo_restore(cr);
		shade_fill(c, rgb_scale(cel, 0.95), -250, -140, 250, -60);
		lc_set(c, rgb_scale(cel, 0.8), 1);
		cairo_arc(cr, 0, -130, 40, 0, 2 * M_PI);
		cairo_fill(cr);
		cairo_set_line_width(cr, 6);
		lc_set(c, C(0x3a6a9a), 0.8);
		cairo_move_to(cr, -150, 60); cairo_curve_to(cr, -60, 20, 60, 100, 150, 60);
		cairo_stroke(cr);
	} else {
		struct rgb cer = C(0xf6f2ea);
		cairo_move_to(cr, -210, -150);
		cairo_line_to(cr, 210, -150);
		cairo_curve_to(cr, 210, 150, 120, 230, 0, 230);
		cairo_curve_to(cr, -120, 230, -210, 150, -210, -150);
		shade_fill(c, cer, -210, -150, 210, 230);
		cairo_set_line_width(cr, 40);
		lc_set(c, rgb_scale(cer, 0.9), 1);
		cairo_arc(cr, 230, 10, 80, -M_PI / 2, M_PI / 2);
		cairo_stroke(cr);
		cairo_save(cr); cairo_translate(cr, 0, -150); cairo_scale(cr, 1, 0.22);
		cairo_arc(cr, 0, 0, 205, 0, 2 * M_PI); cairo_restore(cr);
		lc_set(c, C(0x9a6a3a), 1);
		cairo_fill(cr);
	}
	/* steam */
	cairo_set_line_width(cr, 18);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.35);
	for (int i = 0; i < 3; i++) {
		cairo_move_to(cr, -80 + i * 80, -200);
		cairo_curve_to(cr, -120 + i * 80, -280, -40 + i * 80, -330, -80 + i * 80, -420);
	}
	cairo_stroke(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
}

static void ring(const struct lc *c)
{
	cairo_t *cr = c->cr;
	/* open velvet box */
	lc_shadow(c, 0, 330, 330, 60, 0.5);
	lc_set(c, C(0x7a1a2e), 1);
	lc_rrect(cr, -260, 60, 520, 260, 30);
	cairo_fill(cr);
	lc_set(c, C(0x5a1020), 1);
	lc_rrect(cr, -260, -330, 520, 360, 30);
	cairo_fill(cr);
	lc_set(c, C(0x3a0a16), 1);
	lc_rrect(cr, -200, 80, 400, 90, 45);
	cairo_fill(cr);
	/* band */
	cairo_set_line_width(cr, 26);
	struct rgb gold = C(0xe0b44a);
	lc_set(c, gold, 1);
	cairo_save(cr); cairo_translate(cr, 0, 60); cairo_scale(cr, 1, 0.75);
	cairo_arc(cr, 0, 0, 110, 0, 2 * M_PI); cairo_restore(cr);
	cairo_stroke(cr);
	/* diamond */
	lc_set(c, C(0xdff4ff), 1);
	cairo_move_to(cr, -60, -60); cairo_line_to(cr, 60, -60); cairo_line_to(cr, 85, -30); cairo_line_to(cr, 0, 40); cairo_line_to(cr, -85, -30);
	cairo_close_path(cr);
	cairo_fill(cr);
	cairo_set_line_width(cr, 3);
	lc_set(c, C(0x9ac4e0), 1);
	cairo_move_to(cr, -85, -30); cairo_line_to(cr, 85, -30);
	cairo_move_to(cr, -30, -60); cairo_line_to(cr, 0, 40); cairo_line_to(cr, 30, -60);
	cairo_stroke(cr);
	lc_glow(c, 30, -55, 90, (struct rgb){ 1, 1, 1 }, 0.8);
}

static void contract(const struct lc *c, const char *label)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, 0, 380, 340, 50, 0.45);
	lc_fill_rect(c, -260, -360, 500, 700, C(0xe8e8e4));
	lc_fill_rect(c, -240, -380, 500, 720, C(0xfdfdfb));
	lc_text(c, label, 10, -300, 44, C(0x1e2430), NULL, 1, 420);
	paper_lines(c, -190, -220, 400, 9, C(0x9aa0aa));
	cairo_set_line_width(cr, 3);
	lc_set(c, C(0x30343c), 1);
	cairo_move_to(cr, -180, 260); cairo_line_to(cr, 20, 260);
	cairo_stroke(cr);
	cairo_set_line_width(cr, 5);
	lc_set(c, C(0x1a3a8a), 1);
	cairo_move_to(cr, -170, 250);
	cairo_curve_to(cr, -120, 190, -90, 290, -40, 230);
	cairo_curve_to(cr, -10, 200, 0, 260, 30, 235);
	cairo_stroke(cr);
	lc_set(c, C(0xc0282a), 0.85);
	cairo_arc(cr, 140, 240, 60, 0, 2 * M_PI);
	cairo_fill(cr);
	/* pen */
	cairo_save(cr);
	cairo_translate(cr, 250, 150);
	cairo_rotate(cr, -0.7);
	lc_set(c, C(0x1a1a1e), 1);
	lc_rrect(cr, -20, -220, 40, 360, 18);
	cairo_fill(cr);
	lc_fill_rect(c, -20, -140, 40, 14, C(0xd8b048));
	cairo_restore(cr);
}

static void sword(const struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, 0, 120, 460, 50, 0.45);
	cairo_save(cr);
	cairo_rotate(cr, -0.5);
	/* blade */
	cairo_move_to(cr, -120, -22); cairo_line_to(cr, 420, -16); cairo_line_to(cr, 470, 0); cairo_line_to(cr, 420, 16); cairo_line_to(cr, -120, 22);
	cairo_close_path(cr);
	shade_fill(c, C(0xc8d0d8), 0, -22, 0, 22);
	lc_fill_rect(c, -120, -2, 520, 4, C(0xeef2f6));
	/* guard, grip, pommel tassel */
	lc_set(c, C(0xc89a3a), 1);
	lc_rrect(cr, -150, -70, 34, 140, 12);
	cairo_fill(cr);
	lc_set(c, C(0x3a1e14), 1);
	lc_rrect(cr, -330, -20, 184, 40, 10);
	cairo_fill(cr);
	cairo_set_line_width(cr, 4);
	lc_set(c, C(0x6a3a24), 1);
	for (double x = -320; x < -150; x += 24) { cairo_move_to(cr, x, -20); cairo_line_to(cr, x + 14, 20); }
	cairo_stroke(cr);
	lc_set(c, C(0xc89a3a), 1);
	cairo_arc(cr, -345, 0, 26, 0, 2 * M_PI);
	cairo_fill(cr);
	lc_set(c, C(0xc0282a), 1);
	cairo_move_to(cr, -360, 10); cairo_line_to(cr, -420, 160); cairo_line_to(cr, -370, 170); cairo_line_to(cr, -345, 20);
	cairo_fill(cr);
	cairo_restore(cr);
}

static void painting(const struct lc *c, int ancient)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, 0, 400, 360, 50, 0.4);
	if (ancient) {
		lc_fill_rect(c, -250, -400, 500, 800, C(0xe8dcc0));
		lc_fill_rect(c, -280, -420, 560, 30, C(0x4a2a1a));
		lc_fill_rect(c, -280, 390, 560, 30, C(0x4a2a1a));
		lc_fill_rect(c, -200, -340, 400, 640, C(0xf4ecd8));
		/* ink mountains, a boat, a red seal */
		for (int k = 0; k < 3; k++) {
			lc_set(c, C(k == 0 ? 0xb8b4a8 : k == 1 ? 0x7a786e : 0x3a3a36), 0.9);
			cairo_move_to(cr, -200, 100 + k * 80);
			cairo_curve_to(cr, -120, -200 + k * 120, -40, -60 + k * 100, 20, -140 + k * 120);
			cairo_curve_to(cr, 80, -40 + k * 100, 140, 20 + k * 80, 200, -20 + k * 110);
			cairo_line_to(cr, 200, 300); cairo_line_to(cr, -200, 300);
			cairo_close_path(cr); cairo_fill(cr);
		}
		lc_set(c, C(0xc0282a), 1);
		cairo_rectangle(cr, 120, -300, 40, 40);
		cairo_fill(cr);
		return;
	}
	struct rgb gold = C(0xc9a24a);
	lc_fill_rect(c, -330, -260, 660, 520, gold);
	lc_fill_rect(c, -290, -220, 580, 440, rgb_scale(gold, 0.8));
	lc_vgrad(c, -270, -200, 540, 400, C(0xf0c890), C(0x7aa0c8));
	lc_set(c, C(0xffe6a0), 1);
	cairo_arc(cr, 120, -80, 50, 0, 2 * M_PI);
	cairo_fill(cr);
	lc_set(c, C(0x3a5a4a), 1);
	cairo_move_to(cr, -270, 200); cairo_curve_to(cr, -150, 20, -50, 80, 40, 0);
	cairo_curve_to(cr, 120, 60, 200, 40, 270, 120); cairo_line_to(cr, 270, 200); cairo_close_path(cr);
	cairo_fill(cr);
	lc_fill_rect(c, -90, 280, 180, 40, C(0xf4f0e6));
}

static void photo(const struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, 0, 330, 320, 50, 0.45);
	cairo_save(cr);
	cairo_rotate(cr, -0.08);
	lc_fill_rect(c, -260, -320, 520, 620, C(0xfbfaf6));
	lc_vgrad(c, -230, -290, 460, 460, C(0xa8c8e8), C(0xf0d8c0));
	/* two silhouettes, heads together */
	for (int k = 0; k < 2; k++) {
		double x = k ? 70 : -70;
		lc_set(c, C(k ? 0x3a4a6a : 0x8a3a4a), 1);
		cairo_arc(cr, x, 20, 55, 0, 2 * M_PI);
		cairo_fill(cr);
		cairo_move_to(cr, x - 110, 170); cairo_curve_to(cr, x - 100, 80, x + 100, 80, x + 110, 170);
		cairo_fill(cr);
		lc_set(c, C(0x2a1e1a), 1);
		cairo_arc(cr, x, 5, 58, M_PI, 2 * M_PI);
		cairo_fill(cr);
	}
	/* a tear across the corner */
	lc_set(c, C(0xd8d0c0), 1);
	cairo_move_to(cr, 120, -320); cairo_line_to(cr, 260, -320); cairo_line_to(cr, 260, -190); cairo_line_to(cr, 200, -230); cairo_line_to(cr, 170, -260);
	cairo_close_path(cr);
	cairo_fill(cr);
	cairo_restore(cr);
}

static void key(const struct lc *c, int ancient)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, 0, 100, 380, 40, 0.4);
	struct rgb metal = ancient ? C(0xb08a3a) : C(0x8e98a4);
	cairo_save(cr);
	cairo_rotate(cr, -0.25);
	cairo_set_line_width(cr, 62);
	lc_set(c, rgb_scale(metal, 0.55), 1);
	cairo_arc(cr, -240, 0, 110, 0, 2 * M_PI);
	cairo_stroke(cr);
	cairo_rectangle(cr, -140, -34, 490, 68);
	cairo_rectangle(cr, 244, 22, 52, 102);
	cairo_rectangle(cr, 304, 22, 42, 72);
	cairo_fill(cr);
	cairo_set_line_width(cr, 50);
	lc_set(c, metal, 1);
	cairo_arc(cr, -240, 0, 110, 0, 2 * M_PI);
	cairo_stroke(cr);
	cairo_rectangle(cr, -135, -28, 480, 56);
	cairo_fill(cr);
	cairo_rectangle(cr, 250, 28, 40, 90);
	cairo_rectangle(cr, 310, 28, 30, 60);
	cairo_fill(cr);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.35);
	cairo_rectangle(cr, -130, -22, 460, 12);
	cairo_fill(cr);
	cairo_restore(cr);
	/* a tag on a string */
	cairo_set_line_width(cr, 4);
	lc_set(c, C(0x8a6a4a), 1);
	cairo_move_to(cr, -300, -60); cairo_curve_to(cr, -360, -200, -300, -260, -200, -280); cairo_stroke(cr);
	lc_set(c, C(0xf2e6c8), 1);
	lc_rrect(cr, -230, -340, 160, 90, 10);
	cairo_fill(cr);
}

static void hairpin(const struct lc *c)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, 0, 120, 420, 40, 0.4);
	cairo_save(cr);
	cairo_rotate(cr, -0.35);
	struct rgb gold = C(0xe0b44a);
	cairo_move_to(cr, -60, -14); cairo_line_to(cr, 440, -4); cairo_line_to(cr, 440, 4); cairo_line_to(cr, -60, 14);
	cairo_close_path(cr);
	shade_fill(c, gold, 0, -14, 0, 14);
	/* flower head with jade and pearls, dangling beads */
	for (int i = 0; i < 6; i++) {
		double a = i * M_PI / 3;
		lc_set(c, i & 1 ? C(0xe88aa8) : C(0xf4b8c8), 1);
		cairo_arc(cr, -140 + cos(a) * 70, sin(a) * 70, 60, 0, 2 * M_PI);
		cairo_fill(cr);
	}
	lc_set(c, C(0x5fae8a), 1);
	cairo_arc(cr, -140, 0, 44, 0, 2 * M_PI);
	cairo_fill(cr);
	cairo_set_line_width(cr, 3);
	for (int k = 0; k < 3; k++) {
		double x = -200 + k * 60;
		lc_set(c, gold, 1);
		cairo_move_to(cr, x, 60); cairo_line_to(cr, x, 200 + k * 20); cairo_stroke(cr);
		lc_set(c, C(0xfaf6ee), 1);
		for (int b = 0; b < 3; b++) { cairo_arc(cr, x, 110 + b * 45 + k * 7, 14, 0, 2 * M_PI); cairo_fill(cr); }
	}
	cairo_restore(cr);
}

static void money(const struct lc *c, int ancient)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, 0, 260, 400, 60, 0.45);
	if (ancient) {
		/* silver ingots and a string of copper cash */
		for (int i = 0; i < 3; i++) {
			double x = -200 + i * 200, y = 120 - (i == 1) * 80;
			cairo_move_to(cr, x - 110, y - 60);
			cairo_curve_to(cr, x - 60, y - 20, x + 60, y - 20, x + 110, y - 60);
			cairo_curve_to(cr, x + 100, y + 40, x + 60, y + 70, x, y + 70);
			cairo_curve_to(cr, x - 60, y + 70, x - 100, y + 40, x - 110, y - 60);
			shade_fill(c, C(0xd8dce2), x - 110, y - 60, x + 110, y + 70);
			lc_set(c, C(0xc0c4ca), 1);
			cairo_save(cr); cairo_translate(cr, x, y - 40); cairo_scale(cr, 1, 0.5);
			cairo_arc(cr, 0, 0, 50, 0, 2 * M_PI); cairo_restore(cr); cairo_fill(cr);
		}
		for (int i = 0; i < 7; i++) {
			double x = -330 + i * 110, y = -180 + sin(i * 0.8) * 30;
			lc_set(c, C(0xb0803a), 1);
			cairo_arc(cr, x, y, 50, 0, 2 * M_PI);
			cairo_fill(cr);
			lc_set(c, C(0x6a4a24), 1);
			cairo_rectangle(cr, x - 14, y - 14, 28, 28);
			cairo_fill(cr);
		}
		return;
	}
	/* a fanned stack of banknotes with a paper band */
	for (int i = 0; i < 5; i++) {
		cairo_save(cr);
		cairo_rotate(cr, -0.25 + i * 0.09);
		lc_fill_rect(c, -300, -130, 600, 260, C(i & 1 ? 0xd8585a : 0xe26a6a));
		cairo_set_line_width(cr, 6);
		lc_set(c, C(0xf6d8d0), 0.8);
		cairo_rectangle(cr, -280, -110, 560, 220);
		cairo_stroke(cr);
		lc_set(c, C(0xf6d8d0), 0.9);
		cairo_arc(cr, 170, 0, 60, 0, 2 * M_PI);
		cairo_fill(cr);
		lc_text(c, "100", -180, -60, 50, C(0x6a1a1e), NULL, 1, 0);
		cairo_restore(cr);
	}
	lc_fill_rect(c, -40, -200, 80, 400, C(0xf2ecd8));
}

static void generic(const struct lc *c, const char *label)
{
	cairo_t *cr = c->cr;
	lc_shadow(c, 0, 260, 340, 60, 0.45);
	lc_set(c, C(0xc8a478), 1);
	lc_rrect(cr, -260, -180, 520, 440, 20);
	cairo_fill(cr);
	lc_set(c, C(0xb08c60), 1);
	lc_rrect(cr, -260, -180, 520, 80, 20);
	cairo_fill(cr);
	lc_fill_rect(c, -30, -180, 60, 440, C(0xc0282a));
	lc_fill_rect(c, -260, 10, 520, 50, C(0xc0282a));
	/* tag with the object's name */
	cairo_set_line_width(cr, 4);
	lc_set(c, C(0x6a5a4a), 1);
	cairo_move_to(cr, 0, 30); cairo_curve_to(cr, 120, 120, 200, 200, 200, 260); cairo_stroke(cr);
	lc_set(c, C(0xfbf6e8), 1);
	lc_rrect(cr, 40, 250, 380, 130, 16);
	cairo_fill(cr);
	lc_text(c, label, 230, 315, 54, C(0x2a2420), NULL, 1, 340);
}

int proc_draw_prop(cairo_t *cr, const char *what, const struct series *s, double w, double h)
{
	if (!cr) return err_set(ERR_INPUT, "draw_prop: no cairo context");
	if (!(w > 0 && h > 0) || w > 20000 || h > 20000)
		return err_set(ERR_INPUT, "prop \"%s\": bad size %gx%g; give a positive width and height", what ? what : "", w, h);
	const char *word;
	const char *kind = prop_kind(what, &word);
	if (g_props_err[0]) return err_set(ERR_IO, "props: %s", g_props_err);
	int ancient = s && str_eq(s->era, "ancient");
	const char *label = what && *what ? what : "?";
	/* a heading for paper props: the matched word ("NOTICE", "合同"); a short label
	 * for the parcel tag: the text itself, cut at a word boundary */
	char heading[64] = "", tag[24];
	if (word) {
		for (size_t i = 0; word[i] && i + 1 < sizeof heading; i++) heading[i] = (char)toupper((unsigned char)word[i]), heading[i + 1] = 0;
		if (strstr(label, "eviction") || strstr(label, "Eviction")) snprintf(heading, sizeof heading, "EVICTION NOTICE");
	}
	snprintf(tag, sizeof tag, "%s", label);
	if (strlen(label) >= sizeof tag) {
		char *sp = strrchr(tag, ' ');
		if (sp && sp > tag + 8) *sp = 0;
		else { /* cut at a UTF-8 boundary */
			size_t n = strlen(tag);
			while (n && ((unsigned char)tag[n - 1] & 0xC0) == 0x80) tag[--n] = 0;
			if (n && ((unsigned char)tag[n - 1] & 0x80)) tag[n - 1] = 0;
		}
	}

	struct lc c;
	memset(&c, 0, sizeof c);
	c.cr = cr;
	c.indoor = 1;
	c.seed = seed_mix(0x9e0, label);
	cairo_save(cr);
	cairo_rectangle(cr, 0, 0, w, h);
	cairo_clip(cr);
	/* surface: dark wood for ancient, a light table for modern, with a soft vignette */
	struct rgb a = ancient ? rgb_hex(0x7a4e32) : rgb_hex(0xe6ddd0), b = ancient ? rgb_hex(0x4e2e1c) : rgb_hex(0xc8baa8);
	lc_vgrad(&c, 0, 0, w, h, a, b);
	cairo_set_line_width(cr, fmax(1, w * 0.003));
	cairo_set_source_rgba(cr, 0, 0, 0, 0.08);
	for (int i = 0; i < 14; i++) {   /* wood grain; one stroke per line keeps the rasteriser local */
		double y = h * (i + 0.5) / 14;
		cairo_move_to(cr, 0, y);
		cairo_curve_to(cr, w * 0.3, y + h * 0.01 * sin(i), w * 0.6, y - h * 0.01, w, y + h * 0.005);
		cairo_stroke(cr);
	}
	lc_vignette(&c, 0, 0, w, h, 0.55);
	double k = fmin(w, h) / 1000.0;
	cairo_translate(cr, w / 2, h / 2);
	cairo_scale(cr, k, k);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	if (!kind) generic(&c, tag);
	else if (str_eq(kind, "jade_seal")) jade_seal(&c, ancient);
	else if (str_eq(kind, "letter")) letter(&c, ancient, heading);
	else if (str_eq(kind, "phone")) phone(&c);
	else if (str_eq(kind, "tea_cup")) tea_cup(&c, ancient);
	else if (str_eq(kind, "ring")) ring(&c);
	else if (str_eq(kind, "contract")) contract(&c, heading);
	else if (str_eq(kind, "sword")) sword(&c);
	else if (str_eq(kind, "painting")) painting(&c, ancient);
	else if (str_eq(kind, "photo")) photo(&c);
	else if (str_eq(kind, "key")) key(&c, ancient);
	else if (str_eq(kind, "hairpin")) hairpin(&c);
	else if (str_eq(kind, "money")) money(&c, ancient);
	else generic(&c, tag);
	cairo_restore(cr);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		return err_set(ERR_GENERIC, "prop \"%s\": cairo: %s", label, cairo_status_to_string(cairo_status(cr)));
	return 0;
}
