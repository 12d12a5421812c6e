/* tests/test_art_sexless.c — a character the storyboard names no gender for is drawn as
 * the voice is cast (look.c asks voice_guess_female and writes look "sex", which
 * character_look.c draws the body by). Before, the design tossed a coin: a woman the
 * narration calls "she" could be drawn as a man and voiced as a woman, or the reverse,
 * and the body was always a man's. */
#include "test.h"
#include "art/art_internal.h"
#include "art/character_parts.h"
#include "voice/voice.h"
#include "core/util.h"

#include <string.h>

static struct series *one_unnamed_sex(const char *action)
{
	struct series *s = series_new();
	s->era = xstrdup("modern");
	s->lang = xstrdup("en");
	struct character *c = series_add_character(s);
	c->name = xstrdup("Robin");
	struct episode *e = series_add_episode(s);
	struct scene *sc = episode_add_scene(e);
	struct shot *sh = scene_add_shot(sc);
	sh->action = xstrdup(action);
	return s;
}

TEST(art_sexless_drawn_as_voiced)
{
	static const char *const acts[] = { "Robin waits at the door. She smiles at her sister.", "Robin waits. He shrugs his coat off." };
	for (int k = 0; k < 2; k++) {
		struct series *s = one_unnamed_sex(acts[k]);
		struct character *c = &s->chars[0];
		CHECK(proc_assign_character_looks(s, 7) == 0);
		int f = voice_guess_female(s, c);
		CHECK_INT(f, k == 0);
		CHECK_STR(json_string_value(json_object_get(c->look, "sex")), k == 0 ? "female" : "male");
		struct chr_look L;
		chr_look_parse(c, &L);
		CHECK_INT(L.female, k == 0);   /* the body too */
		series_free(s);
	}
}

/* a named gender is never overridden, and no "sex" is written for it */
TEST(art_sexless_named_gender_kept)
{
	struct series *s = one_unnamed_sex("Robin waits. He shrugs.");
	s->chars[0].gender = xstrdup("female");
	CHECK(proc_assign_character_looks(s, 7) == 0);
	CHECK(json_object_get(s->chars[0].look, "sex") == NULL);
	struct chr_look L;
	chr_look_parse(&s->chars[0], &L);
	CHECK_INT(L.female, 1);
	series_free(s);
}

/* no pronoun either way: a skirt or a 旗袍 in the description says she (voice/casting.json
 * female_garments); a "dressing gown" or a "skirting board" does not */
TEST(art_sexless_garment_in_description)
{
	static const struct { const char *desc; int female; } T[] = {
		{ "穿着红色连衣裙，扎着马尾。", 1 }, { "一身蓝布旗袍。", 1 }, { "In a grey skirt and a bonnet.", 1 },
		{ "In a dressing gown by the skirting board.", 0 }, { "穿着黑色长袍。", 0 },
	};
	for (size_t k = 0; k < sizeof T / sizeof T[0]; k++) {
		struct series *s = one_unnamed_sex("Robin waits at the door.");
		s->chars[0].description = xstrdup(T[k].desc);
		CHECK_INT(voice_guess_female(s, &s->chars[0]), T[k].female);
		CHECK(proc_assign_character_looks(s, 7) == 0);
		CHECK_STR(json_string_value(json_object_get(s->chars[0].look, "sex")), T[k].female ? "female" : "male");
		series_free(s);
	}
}

/* an age in the description is no "old": "a 25-year-old florist" is not dressed by the
 * elder's rule (glasses, a bun, earth colours) */
TEST(art_description_age_is_not_old)
{
	static const char *const D[] = { "A 25-year-old florist; kind.", "A florist, between twenty and thirty years old." };
	for (size_t k = 0; k < 2; k++) {
		struct series *s = one_unnamed_sex("Robin waits. She smiles.");
		s->chars[0].role = xstrdup("florist");
		s->chars[0].description = xstrdup(D[k]);
		s->chars[0].age = 25;
		CHECK(proc_assign_character_looks(s, 7) == 0);
		const char *hair = json_string_value(json_object_get(json_object_get(s->chars[0].look, "hair"), "style"));
		const json_t *acc = json_object_get(s->chars[0].look, "accessories");
		CHECK(hair && strcmp(hair, "bun"));   /* the elder's rule gives a woman a bun */
		for (size_t i = 0; i < json_array_size(acc); i++) CHECK(strcmp(json_string_value(json_array_get(acc, i)), "glasses"));
		series_free(s);
	}
}
