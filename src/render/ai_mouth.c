/* render/ai_mouth.c — the speaker's mouth on a generated shot still. Where: the face box
 * the art stage gives for the speaker (recorded, or where the shot prompt placed the
 * actor). What: per viseme an opening of the embedded characters' shapes (closed M/B/P,
 * teeth, open, wide, rounded, puckered, F/V, L tongue), in lip and mouth colours taken
 * from the picture, over a soft patch of the face's own skin that hides the picture's
 * mouth. At rest ('X') nothing is painted: between lines the still is the still. */
#include "render/ai_mouth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MOUTH_VERSION "ai-mouth-1"

struct rmouth {
	double x, y, w;          /* centre and width in layer pixels */
	double skin[3], lip[3];
};

/* Mean colour of the picture in a square of side r*2 around (x, y) (picture pixels). */
static void sample(cairo_surface_t *img, double x, double y, double r, double rgb[3])
{
	int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
	int stride = cairo_image_surface_get_stride(img);
	const unsigned char *px = cairo_image_surface_get_data(img);
	double sum[3] = { 0, 0, 0 };
	int n = 0;
	int x0 = (int)fmax(0, x - r), x1 = (int)fmin(w - 1, x + r), y0 = (int)fmax(0, y - r), y1 = (int)fmin(h - 1, y + r);
	for (int j = y0; j <= y1; j++)
		for (int i = x0; i <= x1; i++) {
			uint32_t v = *(const uint32_t *)(px + (size_t)j * stride + 4 * (size_t)i);
			sum[0] += (v >> 16 & 255) / 255.0;
			sum[1] += (v >> 8 & 255) / 255.0;
			sum[2] += (v & 255) / 255.0;
			n++;
		}
	for (int k = 0; k < 3; k++) rgb[k] = n ? sum[k] / n : 0.5;
}

static int speaker_face(const struct rctx *c, const struct tl_shot *ts, double aspect, struct art_face *f)
{
	const struct line *ln = ts->sh->line;
	if (!ln || !ln->speaker || !ln->audio || ts->line_start < 0) return 0;
	struct art_face faces[4];
	int n = art_shot_faces(c->p->dir, c->s, (size_t)(c->ep - c->s->eps), (size_t)ts->scene, (size_t)ts->shot, aspect,
	                       faces, 4);
	if (n < 0) return n;
	for (int i = 0; i < n; i++)
		if (!strcmp(faces[i].name, ln->speaker)) {
			*f = faces[i];
			return 1;
		}
	return 0;
}

int rmouth_new(const struct rctx *c, const struct tl_shot *ts, cairo_surface_t *img, double sc, int LW, int LH,
               struct rmouth **out)
{
	*out = NULL;
	int iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
	struct art_face f;
	int rc = iw > 0 && ih > 0 ? speaker_face(c, ts, (double)iw / ih, &f) : 0;
	if (rc <= 0) return rc;
	cairo_surface_flush(img);
	struct rmouth *m = xcalloc(1, sizeof *m);
	double mx = f.mouth_x * iw, my = f.mouth_y * ih, mw = f.mouth_w * iw;
	m->x = LW / 2.0 + (mx - iw / 2.0) * sc;
	m->y = LH / 2.0 + (my - ih / 2.0) * sc;
	m->w = mw * sc;
	double l[3], r[3];
	sample(img, mx - 0.7 * mw, my - 0.1 * mw, 0.1 * mw, l);   /* the cheeks beside the mouth */
	sample(img, mx + 0.7 * mw, my - 0.1 * mw, 0.1 * mw, r);
	sample(img, mx, my, 0.08 * mw, m->lip);
	for (int k = 0; k < 3; k++) m->skin[k] = (l[k] + r[k]) / 2;
	/* lips too close to the skin (a mouth line we missed): a reddened, darker skin */
	double d = fabs(m->lip[0] - m->skin[0]) + fabs(m->lip[1] - m->skin[1]) + fabs(m->lip[2] - m->skin[2]);
	if (d < 0.15) {
		m->lip[0] = m->skin[0] * 0.85;
		m->lip[1] = m->skin[1] * 0.55;
		m->lip[2] = m->skin[2] * 0.55;
	}
	*out = m;
	return 0;
}

/* opening (of the width) and width factor per viseme, as the drawn characters' mouths */
static void shape(char v, double *open, double *wide, int *teeth, int *tongue)
{
	*teeth = *tongue = 0;
	switch (v) {
	case 'A': *open = 0.03; *wide = 0.92; break;            /* M B P: lips pressed */
	case 'B': *open = 0.16; *wide = 1.0; *teeth = 1; break; /* most consonants: teeth */
	case 'C': *open = 0.32; *wide = 1.0; *teeth = 1; break; /* E, A: open */
	case 'D': *open = 0.52; *wide = 1.08; *teeth = 1; break;/* AA: wide open */
	case 'E': *open = 0.34; *wide = 0.72; break;            /* AO, ER: rounded */
	case 'F': *open = 0.2; *wide = 0.52; break;             /* UW, OW, W: puckered */
	case 'G': *open = 0.12; *wide = 0.95; *teeth = 1; break;/* F V: teeth on the lip */
	case 'H': *open = 0.36; *wide = 0.95; *tongue = 1; break;/* L: tongue */
	default: *open = 0; *wide = 0; break;
	}
}

void rmouth_draw(const struct rmouth *mo, cairo_t *cr, const cairo_matrix_t *m, char v)
{
	double open, wide;
	int teeth, tongue;
	shape(v, &open, &wide, &teeth, &tongue);
	if (!mo || wide <= 0) return;
	double w = mo->w, rx = w * wide / 2, ry = fmax(w * open / 2, w * 0.035);
	cairo_save(cr);
	cairo_transform(cr, m);
	cairo_translate(cr, mo->x, mo->y);
	/* the picture's own mouth under a soft patch of skin */
	cairo_save(cr);
	cairo_scale(cr, 1, 0.55);
	cairo_pattern_t *g = cairo_pattern_create_radial(0, 0, 0, 0, 0, w * 0.68);
	cairo_pattern_add_color_stop_rgba(g, 0, mo->skin[0], mo->skin[1], mo->skin[2], 1);
	cairo_pattern_add_color_stop_rgba(g, 0.7, mo->skin[0], mo->skin[1], mo->skin[2], 1);
	cairo_pattern_add_color_stop_rgba(g, 1, mo->skin[0], mo->skin[1], mo->skin[2], 0);
	cairo_set_source(cr, g);
	cairo_arc(cr, 0, 0, w * 0.68, 0, 2 * M_PI);
	cairo_fill(cr);
	cairo_pattern_destroy(g);
	cairo_restore(cr);
	/* lips */
	double lip = w * 0.07;
	cairo_save(cr);
	cairo_scale(cr, rx + lip, ry + lip);
	cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
	cairo_restore(cr);
	cairo_set_source_rgb(cr, mo->lip[0], mo->lip[1], mo->lip[2]);
	cairo_fill(cr);
	if (open > 0.05) {
		/* the inside, with teeth at the top or a tongue at the bottom */
		cairo_save(cr);
		cairo_scale(cr, rx, ry);
		cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
		cairo_restore(cr);
		cairo_save(cr);
		cairo_clip_preserve(cr);
		cairo_set_source_rgb(cr, 0.22, 0.05, 0.07);
		cairo_fill(cr);
		if (teeth) {
			cairo_set_source_rgb(cr, 0.95, 0.94, 0.9);
			cairo_rectangle(cr, -rx, -ry, 2 * rx, fmin(ry * 0.7, w * 0.09));
			cairo_fill(cr);
		}
		if (tongue) {
			cairo_set_source_rgb(cr, 0.82, 0.4, 0.45);
			cairo_save(cr);
			cairo_translate(cr, 0, ry * 0.55);
			cairo_scale(cr, rx * 0.7, ry * 0.6);
			cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
			cairo_restore(cr);
			cairo_fill(cr);
		}
		cairo_restore(cr);
	} else {
		cairo_set_source_rgb(cr, mo->lip[0] * 0.45, mo->lip[1] * 0.35, mo->lip[2] * 0.35);  /* closed: the lips' line */
		cairo_set_line_width(cr, fmax(1, w * 0.025));
		cairo_move_to(cr, -rx, 0);
		cairo_line_to(cr, rx, 0);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

void rmouth_free(struct rmouth *mo) { free(mo); }

void rmouth_hash(const struct rctx *c, const struct tl_shot *ts, struct hash *h)
{
	struct art_face f;
	if (speaker_face(c, ts, 9.0 / 16, &f) <= 0) return;
	hash_str(h, MOUTH_VERSION);
	hash_str(h, f.name);
	double v[4] = { f.mouth_x, f.mouth_y, f.mouth_w, f.h };
	hash_add(h, v, sizeof v);
}
