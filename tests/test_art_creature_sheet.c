/* The focus of this file is the turnaround panel of a creature's character sheet
 * (src/art/sheet.c): each of the five views of a cat, dog, tiger, parrot, robot, ghost,
 * kitten and wolf, of sizes 0.5 to 2,
 * stays inside its fifth of the panel (the panel's edges and the lines between the slots
 * stay white card) and is drawn large enough to be seen. On main before the fix a cat was
 * drawn 2190 px tall: its views overlapped and the first was cut at the panel's left edge. */
#include <stdint.h>
#include <stdlib.h>
#include "test.h"
#include "art/art_internal.h"
#include "art/creature_parts.h"

/* The turnaround card as sheet.c lays it out: x, y, width, height; the view labels below
 * FIG_BOTTOM. */
#define CARD_X 40
#define CARD_Y 220
#define CARD_W 1640
#define CARD_H 1040
#define FIG_TOP (CARD_Y + 20)              /* below the card's rounded corners */
#define FIG_BOTTOM (CARD_Y + CARD_H - 60)

static struct series *menagerie(void)
{
	static const char *const ROLES[] = { "black cat with green eyes", "dog", "tiger", "talking parrot", "robot",
	                                     "ghost", "kitten", "wolf" };
	struct series *s = series_new();
	s->era = xstrdup("modern");
	for (size_t i = 0; i < ARRAY_LEN(ROLES); i++) {
		struct character *c = series_add_character(s);
		c->name = xstrdup(ROLES[i]);
		c->role = xstrdup(ROLES[i]);
		c->gender = xstrdup("male");
		c->age = 5;
	}
	return s;
}

static int white(cairo_surface_t *img, int x, int y)
{
	const unsigned char *p = cairo_image_surface_get_data(img) + (size_t)y * cairo_image_surface_get_stride(img);
	return (((const uint32_t *)p)[x] & 0xffffff) == 0xffffff;
}

/* First row between FIG_TOP and FIG_BOTTOM where column x is not white card, -1 if none. */
static int blot(cairo_surface_t *img, int x)
{
	for (int y = FIG_TOP; y < FIG_BOTTOM; y++)
		if (!white(img, x, y)) return y;
	return -1;
}

/* art-creature-sheet-1: the slot borders and the card's edges are clear of every view, and
 * each view's drawing spans at least a third of its slot's width or of the figure height. */
TEST(art_creature_sheet_views_in_slots)
{
	struct series *s = menagerie();
	CHECK(proc_assign_character_looks(s, 7) == 0);
	/* the size range of an edited look (data/art/creatures.json: 0.5..2): a parrot of size 2
	 * is 1.8 figure heights tall, a kitten of 0.5 a fifth of one */
	json_object_set_new(json_object_get(s->chars[3].look, "creature"), "size", json_real(2));
	json_object_set_new(json_object_get(s->chars[6].look, "creature"), "size", json_real(0.5));
	for (size_t i = 0; i < s->n_chars; i++) {
		const struct character *c = &s->chars[i];
		struct chr_look L;
		chr_look_parse(c, &L);
		CHECKF(L.creature, "%s: not drawn as a creature", c->role);
		CHECKF(i != 3 || L.crt_size == 2, "parrot: size %.2f, not the edited 2", L.crt_size);
		char *png = path_join(test_tmpdir(), "sheet.png");
		CHECK(art_character_sheet(&art_procedural, s, c, png) == 0);
		cairo_surface_t *img = cairo_image_surface_create_from_png(png);
		free(png);
		CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
		cairo_surface_flush(img);
		double slot = CARD_W / 5.0;
		for (int b = 0; b <= 5; b++) {   /* the card's left edge, the four borders, its right edge */
			int x = b == 0 ? CARD_X + 4 : b == 5 ? CARD_X + CARD_W - 5 : (int)(CARD_X + slot * b);
			int y = blot(img, x);
			CHECKF(y < 0, "%s: a view crosses x=%d (border %d) at y=%d", c->role, x, b, y);
		}
		for (int v = 0; v < 5; v++) {
			int x0 = CARD_X + 5 + (int)(slot * v), x1 = CARD_X + (int)(slot * (v + 1)) - 5;
			int bx0 = x1, bx1 = -1, by0 = FIG_BOTTOM, by1 = -1;
			for (int y = FIG_TOP; y < FIG_BOTTOM; y++)
				for (int x = x0; x < x1; x++)
					if (!white(img, x, y)) {
						if (x < bx0) bx0 = x;
						if (x > bx1) bx1 = x;
						if (y < by0) by0 = y;
						if (y > by1) by1 = y;
					}
			CHECKF(bx1 >= 0, "%s: view %d draws nothing", c->role, v);
			CHECKF(bx1 - bx0 > slot / 3 || by1 - by0 > (FIG_BOTTOM - FIG_TOP) / 3,
			       "%s: view %d is tiny (%d x %d px)", c->role, v, bx1 - bx0, by1 - by0);
		}
		cairo_surface_destroy(img);
	}
	series_free(s);
}
