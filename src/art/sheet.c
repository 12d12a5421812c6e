/* art/sheet.c — the character sheet a creator sees first (characters/NAME.png): the full
 * figure turning round (profile left, three-quarter left, front, three-quarter right,
 * profile right), the labelled expression row, the mouth
 * shapes for lip-sync, name, role, age and voice, and the look's colours. Drawn through
 * the backend table, so an AI backend's characters get the same sheet. */
#include <math.h>
#include <string.h>
#include <stdint.h>
#include <pango/pangocairo.h>
#include "art/creature_parts.h"

#define SHEET_W 2400
#define SHEET_H 1960

static void text(cairo_t *cr, const char *s, double x, double y, double px, int bold, double r, double g, double b,
                 double max_w, int centre)
{
	PangoLayout *lay = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(bold ? "Noto Sans CJK SC Bold" : "Noto Sans CJK SC");
	pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_text(lay, s, -1);
	if (max_w > 0) {
		pango_layout_set_width(lay, (int)(max_w * PANGO_SCALE));
		pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
		if (centre) pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER);
	}
	cairo_set_source_rgb(cr, r, g, b);
	cairo_move_to(cr, centre && max_w > 0 ? x - max_w / 2 : x, y);
	pango_cairo_show_layout(cr, lay);
	cairo_new_path(cr);
	pango_font_description_free(fd);
	g_object_unref(lay);
}

static void card(cairo_t *cr, double x, double y, double w, double h)
{
	chr_round_rect(cr, x + 4, y + 6, w, h, 18);
	cairo_set_source_rgba(cr, 0.2, 0.15, 0.3, 0.08);
	cairo_fill(cr);
	chr_round_rect(cr, x, y, w, h, 18);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill(cr);
}

/* A close-up of the head (zoom 1) or the mouth (zoom > 1) inside a cell. */
static int closeup(cairo_t *cr, const struct art_backend *a, const struct series *s, const struct character *c,
                   const struct art_metrics *m, const struct art_char_state *st, double x, double y, double w, double h,
                   double zoom, double centre_frac)
{
	double H = h * 0.36 * zoom / m->head_radius;
	cairo_save(cr);
	chr_round_rect(cr, x, y, w, h, 14);
	cairo_clip(cr);
	cairo_pattern_t *bg = cairo_pattern_create_linear(0, y, 0, y + h);
	cairo_pattern_add_color_stop_rgb(bg, 0, 0.95, 0.95, 0.99);
	cairo_pattern_add_color_stop_rgb(bg, 1, 0.88, 0.9, 0.97);
	cairo_set_source(cr, bg);
	cairo_paint(cr);
	cairo_pattern_destroy(bg);
	int r = a->draw_character(cr, s, c, st, x + w / 2, y + h * 0.52 + H * centre_frac, H);
	cairo_restore(cr);
	return r;
}

static void swatch(cairo_t *cr, double x, double y, const char *label, struct rgb c)
{
	cairo_new_path(cr);
	cairo_arc(cr, x + 22, y + 22, 22, 0, 2 * M_PI);
	chr_rgb(cr, c);
	cairo_fill_preserve(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.25);
	cairo_set_line_width(cr, 2);
	cairo_stroke(cr);
	text(cr, label, x + 56, y + 6, 26, 0, 0.3, 0.3, 0.38, 0, 0);
}

static void voice_line(const struct character *c, struct sbuf *b)
{
	const json_t *v = c->voice;
	if (!json_is_object(v)) { sb_add(b, "voice: not cast yet (run drama voice)"); return; }
	const char *name = json_string_value(json_object_get(v, "voice"));
	const char *engine = json_string_value(json_object_get(v, "engine"));
	sb_printf(b, "voice: %s", name ? name : "default");
	if (engine) sb_printf(b, " (%s)", engine);
	const char *nums[] = { "pitch", "rate", "speed", "timbre" };
	for (size_t i = 0; i < ARRAY_LEN(nums); i++) {
		const json_t *j = json_object_get(v, nums[i]);
		if (json_is_number(j)) sb_printf(b, "  ·  %s %.2f", nums[i], json_number_value(j));
	}
}

/* The turnaround of a creature is placed by what each view really draws. The person's
 * rule (figure height from the head top) makes a sitting cat, whose head tops out at 0.42
 * of its figure height, 2190 px tall and 1.4 slots wide: its five views overlapped and the
 * first was cut at the card's edge. So each view is drawn once at REF_H px onto a scratch
 * image and its visible pixels measured (tail, shadow, perch, a ghost's glow included; a
 * recording surface's ink extents are unbounded for the ghost's translucent group), drawn
 * smaller when it reaches the scratch image's border (a parrot of size 2). One
 * scale for all five (a turnaround shows one animal) fits the widest and the tallest of
 * them inside its slot, SLOT_GAP px apart, between the card's top and the view labels
 * (a kitten of size 0.5 fills its slot as a tiger of size 2 does: the LOOK card gives the
 * size); each view's ink is centred in its slot and the lowest ink sits just above the
 * labels. Out: fx[i] and *feet (where the feet go), *H. */
#define SLOT_GAP 24.0
#define REF_H 400.0
#define REF_W 800                     /* the feet at (REF_W / 2, REF_FEET): a tiger is 0.47 H wide */
#define REF_FEET 500                  /* a ghost floats: room below the feet for its shadow */
#define REF_IH 600

/* A view's visible pixels as a box in figure heights from the feet (x right, y down). */
struct ink { double x0, y0, x1, y1; int any; };

/* The visible box of one view drawn `hh` px tall; *edge set when the ink reaches the
 * scratch image's border (a parrot of size 2 is 1.8 figure heights tall). */
static int view_ink(const struct art_backend *a, const struct series *s, const struct character *c, int view,
                    double hh, struct ink *k, int *edge)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, REF_W, REF_IH);
	cairo_t *cr = cairo_create(sf);
	struct art_char_state st = ART_CHAR_STATE_INIT;
	st.view = view;
	st.expression = "neutral";
	int r = a->draw_character(cr, s, c, &st, REF_W / 2.0, REF_FEET, hh);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	const unsigned char *px = cairo_image_surface_get_data(sf);
	int stride = cairo_image_surface_get_stride(sf), x0 = REF_W, x1 = -1, y0 = REF_IH, y1 = -1;
	for (int y = 0; y < REF_IH; y++) {
		const uint32_t *row = (const uint32_t *)(px + (size_t)y * stride);
		for (int x = 0; x < REF_W; x++)
			if (row[x] >> 24) {
				if (x < x0) x0 = x;
				if (x > x1) x1 = x;
				if (y < y0) y0 = y;
				y1 = y;
			}
	}
	cairo_surface_destroy(sf);
	k->any = x1 >= 0;
	*edge = k->any && (x0 == 0 || y0 == 0 || x1 == REF_W - 1 || y1 == REF_IH - 1);
	k->x0 = (x0 - REF_W / 2.0) / hh;
	k->x1 = (x1 + 1 - REF_W / 2.0) / hh;
	k->y0 = (y0 - REF_FEET) / hh;
	k->y1 = (y1 + 1 - REF_FEET) / hh;
	return r;
}

static int creature_turnaround(const struct art_backend *a, const struct series *s, const struct character *c,
                               const int views[5], double x, double y, double w, double h, double fx[5],
                               double *feet, double *H)
{
	struct ink ink[5];
	double slot = w / 5, top = y + 30, bottom = y + h - 60;   /* the labels' glyphs start at y + h - 52 */
	double y0 = 0, y1 = 0, k = HUGE_VAL;                      /* k: sheet px per figure height */
	int drawn = 0;
	for (int i = 0; i < 5; i++) {
		int edge = 1, r = 0;
		for (double hh = REF_H; edge && hh >= REF_H / 8 && r >= 0; hh /= 2)
			r = view_ink(a, s, c, views[i], hh, &ink[i], &edge);
		if (r < 0) return r;
		if (!ink[i].any) continue;   /* drew nothing: nothing to fit */
		k = fmin(k, (slot - SLOT_GAP) / (ink[i].x1 - ink[i].x0));
		y0 = drawn++ ? fmin(y0, ink[i].y0) : ink[i].y0;
		y1 = drawn > 1 ? fmax(y1, ink[i].y1) : ink[i].y1;
	}
	if (!drawn) return 0;   /* nothing drawn at all: keep the person's layout */
	k = fmin(k, (bottom - top) / (y1 - y0));
	*feet = bottom - k * y1;
	for (int i = 0; i < 5; i++)
		fx[i] = x + slot * (i + 0.5) - (ink[i].any ? k * (ink[i].x0 + ink[i].x1) / 2 : 0);
	*H = k;
	return 0;
}

int art_character_sheet(const struct art_backend *a, const struct series *s, const struct character *c, const char *png_path)
{
	if (!a || !c || !png_path) return err_set(ERR_INPUT, "art: character_sheet needs a backend, a character and a path");
	struct art_metrics m;
	if (a->metrics(c, &m) < 0) return -1;
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, SHEET_W, SHEET_H);
	cairo_t *cr = cairo_create(sf);
	int r = 0;
	struct sbuf b = { 0 };

	/* paper */
	cairo_pattern_t *bg = cairo_pattern_create_linear(0, 0, 0, SHEET_H);
	cairo_pattern_add_color_stop_rgb(bg, 0, 0.97, 0.95, 0.93);
	cairo_pattern_add_color_stop_rgb(bg, 1, 0.91, 0.93, 0.97);
	cairo_set_source(cr, bg);
	cairo_paint(cr);
	cairo_pattern_destroy(bg);

	/* header: name, role, age, voice */
	struct chr_look L;
	chr_look_parse(c, &L);
	cairo_rectangle(cr, 0, 0, SHEET_W, 12);
	chr_rgb(cr, L.main);
	cairo_fill(cr);
	text(cr, c->name ? c->name : "(unnamed)", 60, 36, 78, 1, 0.16, 0.12, 0.2, 1300, 0);
	sb_printf(&b, "%s", c->role ? c->role : "role unknown");
	if (c->age > 0) sb_printf(&b, "  ·  %d", c->age);
	if (c->gender) sb_printf(&b, "  ·  %s", c->gender);
	if (s && s->title) sb_printf(&b, "  ·  %s", s->title);
	text(cr, b.s, 64, 140, 36, 0, 0.35, 0.32, 0.42, 1500, 0);
	b.len = 0; b.s[0] = 0;
	voice_line(c, &b);
	text(cr, b.s, 1500, 56, 32, 0, 0.35, 0.32, 0.42, 860, 0);
	if (c->personality) text(cr, c->personality, 1500, 110, 28, 0, 0.45, 0.42, 0.5, 860, 0);

	/* turnaround: profile, three-quarter, front, three-quarter, profile */
	double fy = 220, fh = 1040;
	card(cr, 40, fy, 1640, fh);
	const int views[] = { ART_VIEW_PROFILE_LEFT, ART_VIEW_LEFT, ART_VIEW_FRONT, ART_VIEW_RIGHT, ART_VIEW_PROFILE_RIGHT };
	/* fill the card whatever the character's height (a child is drawn as large as an adult here) */
	double top = m.head_center + m.head_radius * 1.25;
	double H = (fh - 120) / (top > 0.3 ? top : 1.0);
	double fx[5], feet = fy + fh - 70;
	for (int i = 0; i < 5; i++) fx[i] = 40 + 1640 * (i + 0.5) / 5;
	if (L.creature) r = creature_turnaround(a, s, c, views, 40, fy, 1640, fh, fx, &feet, &H);
	for (int i = 0; i < 5 && r >= 0; i++) {
		struct art_char_state st = ART_CHAR_STATE_INIT;
		st.view = views[i];
		st.expression = "neutral";
		double cx = 40 + 1640 * (i + 0.5) / 5;
		r = a->draw_character(cr, s, c, &st, fx[i], feet, H);
		text(cr, art_view_name(views[i]), cx, fy + fh - 58, 26, 0, 0.5, 0.48, 0.58, 320, 1);
	}
	/* look summary */
	card(cr, 1720, fy, 640, fh);
	text(cr, "LOOK", 1760, fy + 30, 30, 1, 0.3, 0.26, 0.38, 0, 0);
	const json_t *look = c->look;
	const json_t *out = json_object_get(look, "outfit");
	b.len = 0; b.s[0] = 0;
	if (L.creature)
		sb_printf(&b, "creature: %s\nsize: %.2f\nears: %s · pattern: %s", CRT_KINDS[L.creature], L.crt_size,
		          L.crt_ears ? "floppy" : "pointed", L.crt_stripes ? "stripes" : "plain");
	else sb_printf(&b, "hair: %s\noutfit: %s\nbuild: %s · face: %s\neyes: %s · brows: %s",
	          CHR_HAIRS[L.hair_style],
	          json_is_object(out) && json_string_value(json_object_get(out, "style")) ? json_string_value(json_object_get(out, "style")) : "casual",
	          CHR_BUILDS[L.build], CHR_FACES[L.face], CHR_EYES[L.eye_shape], CHR_BROWS[L.brows]);
	if (L.acc && !L.creature) {
		sb_add(&b, "\naccessories: ");
		int n = 0;
		for (int k = 0; k < CHR_N_ACCS; k++)
			if (L.acc & (1u << k)) sb_printf(&b, "%s%s", n++ ? ", " : "", CHR_ACCS[k]);
	}
	text(cr, b.s, 1760, fy + 90, 28, 0, 0.3, 0.3, 0.38, 570, 0);
	const char *sw_names[] = { "skin", "hair", "eyes", L.creature ? "coat" : "main", "accent", "trim" };
	struct rgb sw[] = { L.skin, L.hair, L.eye, L.main, L.accent, L.trim };
	for (int i = L.creature ? 2 : 0, n = 0; i < 6; i++, n++)   /* a creature has no skin or hair */
		swatch(cr, 1760 + (n % 2) * 300, fy + 420 + (n / 2) * 70, sw_names[i], sw[i]);
	/* a large head in the summary card */
	{
		struct art_char_state st = ART_CHAR_STATE_INIT;
		st.view = ART_VIEW_RIGHT;
		st.expression = "happy";
		if (r >= 0) r = closeup(cr, a, s, c, &m, &st, 1760, fy + 640, 560, 370, 1.0, m.head_center);
	}

	/* expression row */
	double ey = fy + fh + 30, eh = 300, ew = (SHEET_W - 80) / 12.0;
	text(cr, "EXPRESSIONS", 60, ey, 28, 1, 0.3, 0.26, 0.38, 0, 0);
	ey += 44;
	for (int i = 0; MODEL_EMOTIONS[i] && i < 12 && r >= 0; i++) {
		struct art_char_state st = ART_CHAR_STATE_INIT;
		st.expression = MODEL_EMOTIONS[i];
		double x = 40 + i * ew;
		r = closeup(cr, a, s, c, &m, &st, x + 5, ey, ew - 10, eh - 50, 1.0, m.head_center);
		text(cr, MODEL_EMOTIONS[i], x + ew / 2, ey + eh - 44, 26, 0, 0.3, 0.28, 0.36, ew - 10, 1);
	}
	/* mouth shapes */
	double my = ey + eh + 10, mh = 230, mw = (SHEET_W - 80) / 9.0;
	text(cr, "MOUTH SHAPES (LIP-SYNC)", 60, my, 28, 1, 0.3, 0.26, 0.38, 0, 0);
	my += 44;
	static const char VIS[] = "ABCDEFGHX";
	static const char *const VLAB[] = { "A  m b p", "B  k s t ee", "C  eh ae", "D  aa", "E  ao er", "F  uw ow w",
		"G  f v", "H  l", "X  rest" };
	for (int i = 0; i < 9 && r >= 0; i++) {
		struct art_char_state st = ART_CHAR_STATE_INIT;
		st.viseme = VIS[i];
		double x = 40 + i * mw;
		r = closeup(cr, a, s, c, &m, &st, x + 5, my, mw - 10, mh - 50, 3.2, (m.mouth * 2 + m.eyes) / 3);
		text(cr, VLAB[i], x + mw / 2, my + mh - 44, 26, 0, 0.3, 0.28, 0.36, mw - 10, 1);
	}
	sb_free(&b);
	cairo_destroy(cr);
	if (r >= 0 && cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS)
		r = err_set(ERR_GENERIC, "art: sheet for \"%s\": %s", c->name ? c->name : "?", cairo_status_to_string(cairo_surface_status(sf)));
	if (r >= 0) r = art_write_png(sf, png_path);
	cairo_surface_destroy(sf);
	return r;
}
