/* art/look_desc.h — what a character's free-text description says about its look
 * (look.c reads it before the seed fills what the text leaves open). The vocabulary is
 * data/art/characters.json "look_words".
 *
 *   struct look_desc d;
 *   look_desc_read(chr_data(), "穿着绣金鹤的黑色长袍", 0, &d);   // d.main "#231f26", d.accent = d.trim "#e8b94a"
 *   const char *o = look_desc_outfit(&d, "ancient", 0, "commoner");  // "ancient_robe"
 */
#ifndef DRAMA_ART_LOOK_DESC_H
#define DRAMA_ART_LOOK_DESC_H
#include <jansson.h>

#define LOOK_DESC_MAX_GARMENTS 8

struct look_desc {
	char main[8], accent[8], trim[8], hair_colour[8], eye_colour[8];   /* "#rrggbb", or "" when the text leaves it open */
	const json_t *hair_style;                            /* a look_words.hair_styles entry, or NULL */
	const json_t *garments[LOOK_DESC_MAX_GARMENTS];      /* look_words.garments entries, in text order */
	int n_garments;
};

/* Read description (may be NULL) with the vocabulary of data (the parsed characters.json);
 * creature: also tie colours to a coat or an animal ("a black cat", "white fur", "金毛"), which
 * for a person says nothing of the person. d->main is then the coat's colour.
 * Returns 1 when the text says anything about the look, 0 when nothing (d is then all empty). */
int look_desc_read(const json_t *data, const char *description, int creature, struct look_desc *d);
/* The outfit style the text's first fitting garment asks for, given the character's era
 * ("ancient" | "modern"), sex, and the outfit its role gave (kept when it is of that
 * garment's kind); NULL when no garment named fits. */
const char *look_desc_outfit(const struct look_desc *d, const char *era, int female, const char *role_outfit);
/* The hair style the text names for this era and sex, NULL when none (or it does not fit). */
const char *look_desc_hair(const struct look_desc *d, const char *era, int female);

#endif
