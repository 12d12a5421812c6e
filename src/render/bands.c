/* render/bands.c — where a layer is not transparent, band by band, so that painting it
 * through a transform touches only the frame pixels it can change.
 *
 * A character's layer is its bounding box: beside the head, the arms and between the
 * feet most of it is transparent, and so is most of a room's front layer (a lantern at
 * the top, a table at the bottom). Painted with OVER, a fully transparent source pixel
 * leaves the frame's pixel exactly as it was, and a bilinear sample is 0 when its four
 * texels are. So the paint is clipped to the frame boxes of each band's covered columns
 * (grown by 2 texels for the filter's reach).
 *
 * Nearly the same pixels: pixman places every sample from the transform alone, but cairo
 * rounds the transform's translation to 16.16 around the centre of each box it paints
 * (_cairo_matrix_to_pixman_matrix), so a bilinear sample may move by 1/65536 px and a
 * pixel by a level or two, as it already could in a partial frame's boxes. The same
 * calls give the same bytes run to run; RENDER_VERSION says when the pictures changed. */
#include "render/render_internal.h"

#include "core/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void rbands_free(struct rbands *b)
{
	free(b->x0);
	memset(b, 0, sizeof *b);
}

void rbands_scan(struct rbands *b, cairo_surface_t *s, int y0, int y1)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int n = (h + RBAND_ROWS - 1) / RBAND_ROWS;
	if (n != b->n || !b->x0) {          /* a new surface: every band */
		rbands_free(b);
		b->x0 = xcalloc(2 * (size_t)(n ? n : 1), sizeof *b->x0);
		b->x1 = b->x0 + n;
		b->n = n;
		y0 = 0;
		y1 = h;
	}
	if (y0 < 0) y0 = 0;
	if (y1 > h) y1 = h;
	if (y1 <= y0) return;
	cairo_surface_flush(s);
	const uint8_t *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	for (int k = y0 / RBAND_ROWS; k * RBAND_ROWS < y1 && k < n; k++) {
		int a0 = w, a1 = -1;
		for (int y = k * RBAND_ROWS; y < (k + 1) * RBAND_ROWS && y < h; y++) {
			const uint32_t *p = (const uint32_t *)(d + (size_t)y * stride);
			int a = 0, e = w - 1;
			while (a < a0 && !p[a]) a++;       /* only what widens the band is looked at */
			if (a < a0) a0 = a;
			while (e > a1 && !p[e]) e--;
			if (e > a1) a1 = e;
		}
		b->x0[k] = a0;
		b->x1[k] = a1;
	}
}

void rframe_box(const cairo_matrix_t *m, double x, double y, double w, double h, double box[4])
{
	double px[4] = { x, x + w, x, x + w }, py[4] = { y, y, y + h, y + h };
	box[0] = box[1] = 1e9;
	box[2] = box[3] = -1e9;
	for (int k = 0; k < 4; k++) {
		double u = px[k], v = py[k];
		cairo_matrix_transform_point(m, &u, &v);
		box[0] = fmin(box[0], floor(u) - 1);
		box[1] = fmin(box[1], floor(v) - 1);
		box[2] = fmax(box[2], ceil(u) + 1);
		box[3] = fmax(box[3], ceil(v) + 1);
	}
}

void rbands_clip(cairo_t *cr, const struct rbands *b, const cairo_matrix_t *m, double x, double y)
{
	cairo_identity_matrix(cr);
	if (!b->n) return;                   /* never scanned: the whole layer */
	int any = 0;
	for (int k = 0; k < b->n;) {
		if (b->x1[k] < b->x0[k]) {
			k++;
			continue;
		}
		int e = k + 1;                     /* bands with the same columns go as one box */
		while (e < b->n && b->x0[e] == b->x0[k] && b->x1[e] == b->x1[k]) e++;
		double box[4];
		rframe_box(m, x + b->x0[k] - 2, y + k * RBAND_ROWS - 2, b->x1[k] - b->x0[k] + 5, (e - k) * RBAND_ROWS + 4, box);
		cairo_rectangle(cr, box[0], box[1], box[2] - box[0], box[3] - box[1]);
		any = 1;
		k = e;
	}
	if (!any) cairo_rectangle(cr, 0, 0, 0, 0);
	cairo_clip(cr);
}
