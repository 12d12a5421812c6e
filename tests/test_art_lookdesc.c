/* tests/test_art_lookdesc.c — a character's description decides what the design draws
 * (look_desc.c, data/art/characters.json "look_words"): colours tied to a garment, hair or
 * detail, the garment's outfit style (where it fits sex and era), hair styles; English and
 * Chinese. Before, "a prince in a black robe" was drawn in whatever the seed gave. */
#include <string.h>
#include "test.h"
#include "art/art_internal.h"
#include "art/character_parts.h"
#include "art/look_desc.h"
#include "core/model.h"
#include "core/util.h"
#include "story/story.h"

/* The look one character gets in a one-character series. */
static json_t *look_of(const char *era, const char *role, const char *gender, int age, const char *desc)
{
	struct series *s = series_new();
	s->era = xstrdup(era);
	struct character *c = series_add_character(s);
	c->name = xstrdup("X");
	c->role = role ? xstrdup(role) : NULL;
	c->gender = gender ? xstrdup(gender) : NULL;
	c->age = age;
	c->description = desc ? xstrdup(desc) : NULL;
	json_t *look = NULL;
	if (proc_assign_character_looks(s, 77) == 0) look = json_incref(c->look);
	series_free(s);
	return look;
}

static const char *field(const json_t *look, const char *obj, const char *key)
{
	return json_string_value(json_object_get(json_object_get(look, obj), key));
}

static const char *hex(const char *name)
{
	return json_string_value(json_object_get(json_object_get(chr_data(), "colour_names"), name));
}

/* the brief's example, both languages: a black robe with golden cranes */
TEST(art_lookdesc_black_robe_golden_cranes_en_zh)
{
	const char *texts[] = { "A prince in a black robe embroidered with golden cranes.", "穿着绣金鹤的黑色长袍的皇子" };
	for (int i = 0; i < 2; i++) {
		json_t *l = look_of("ancient", "prince", "male", 24, texts[i]);
		CHECK(l);
		CHECK_STR(field(l, "outfit", "style"), "ancient_robe");
		CHECK_STR(field(l, "outfit", "colour"), hex("black"));
		CHECK_STR(field(l, "outfit", "accent"), hex("gold"));
		CHECK_STR(field(l, "outfit", "trim"), hex("gold"));
		json_decref(l);
	}
	/* a plain man in a robe in the past: the role gave a commoner's jacket, the text a robe */
	json_t *l = look_of("ancient", NULL, "male", 30, "一身青色长衫");
	CHECK_STR(field(l, "outfit", "style"), "ancient_robe");
	CHECK_STR(field(l, "outfit", "colour"), hex("teal"));
	json_decref(l);
	/* an emperor in a black robe keeps his imperial robe, in black */
	l = look_of("ancient", "emperor", "male", 50, "in a black robe");
	CHECK_STR(field(l, "outfit", "style"), "imperial_robe");
	CHECK_STR(field(l, "outfit", "colour"), hex("black"));
	json_decref(l);
	/* a robe today is the plainer robe */
	l = look_of("modern", "priest", "male", 50, "a grey robe");
	CHECK_STR(field(l, "outfit", "style"), "scholar_robe");
	CHECK_STR(field(l, "outfit", "colour"), hex("grey"));
	json_decref(l);
}

TEST(art_lookdesc_garment_colours)
{
	struct { const char *era, *gender, *desc, *style, *colour; } C[] = {
		{ "modern", "female", "A 22-year-old singer in a red dress", "dress", "red" },
		{ "modern", "female", "她穿着一条红色连衣裙", "dress", "red" },
		{ "ancient", "female", "一身白衣", NULL, "white" },
		{ "modern", "male", "白衣少年", NULL, "white" },
		{ "modern", "male", "dressed in navy", NULL, "navy" },
		{ "modern", "female", "a woman dressed all in purple", NULL, "purple" },
		{ "ancient", "female", "身上穿着银红撒花半旧大袄", NULL, "rose" },
		{ "modern", "male", "his grey suit", "suit", "grey" },
		{ "modern", "male", "a black and gold jacket", NULL, "black" },
		{ "modern", "male", "a robe of black silk", "scholar_robe", "black" },
		{ "modern", "male", "wears a dark blue suit", "suit", "navy" },
		{ "modern", "male", "穿深蓝色西装", "suit", "navy" },
		{ "modern", "female", "a doctor in a white coat", "doctor_coat", "white" },
		{ "modern", "female", "穿着白大褂", "doctor_coat", "white" },
	};
	for (size_t i = 0; i < ARRAY_LEN(C); i++) {
		json_t *l = look_of(C[i].era, NULL, C[i].gender, 25, C[i].desc);
		CHECK(l);
		if (C[i].style) CHECKF(str_eq(field(l, "outfit", "style"), C[i].style), "%s: style %s", C[i].desc, field(l, "outfit", "style"));
		CHECKF(str_eq(field(l, "outfit", "colour"), hex(C[i].colour)), "%s: colour %s", C[i].desc, field(l, "outfit", "colour"));
		json_decref(l);
	}
	/* a name that is a colour is no colour: Mr. Brown's suit is grey; a colour opening a sentence still counts */
	json_t *n = look_of("modern", NULL, "male", 50, "Mr. Brown's grey suit.");
	CHECK_STR(field(n, "outfit", "colour"), hex("grey"));
	json_decref(n);
	n = look_of("modern", NULL, "female", 30, "Black hair, a red dress.");
	CHECK_STR(field(n, "hair", "colour"), hex("black"));
	json_decref(n);
	/* a second colour on the same garment is its accent; a trim or a sash take theirs */
	json_t *l = look_of("modern", NULL, "male", 25, "a black and gold jacket");
	CHECK_STR(field(l, "outfit", "accent"), hex("gold"));
	json_decref(l);
	l = look_of("ancient", NULL, "female", 20, "a white robe with gold trim and a red sash");
	CHECK_STR(field(l, "outfit", "colour"), hex("white"));
	CHECK_STR(field(l, "outfit", "trim"), hex("gold"));
	CHECK_STR(field(l, "outfit", "accent"), hex("red"));
	json_decref(l);
	/* the novel's own sentences (shared/examples): the robe is dark, the cranes gold */
	l = look_of("ancient", NULL, "male", 25, "He wore a robe of dark silk embroidered with golden cranes, and water ran from his sleeves onto her clean floor.");
	CHECK_STR(field(l, "outfit", "colour"), hex("charcoal"));
	CHECK_STR(field(l, "outfit", "accent"), hex("gold"));
	CHECK_STR(field(l, "outfit", "trim"), hex("gold"));
	json_decref(l);
	l = look_of("ancient", NULL, "male", 25, "门口站着一个浑身湿透的男人，穿着绣金鹤的黑色长袍。他冷得发抖");
	CHECK_STR(field(l, "outfit", "colour"), hex("black"));
	CHECK_STR(field(l, "outfit", "trim"), hex("gold"));
	json_decref(l);
	l = look_of("modern", NULL, "female", 25, "a coat trimmed in silver, gold-trimmed cuffs");
	CHECK_STR(field(l, "outfit", "trim"), hex("silver"));
	json_decref(l);
	l = look_of("modern", NULL, "female", 25, "wearing a coat in red");
	CHECK_STR(field(l, "outfit", "colour"), hex("red"));
	json_decref(l);
	l = look_of("ancient", NULL, "female", 20, "粉色的裙子镶着金边");
	CHECK_STR(field(l, "outfit", "style"), "ruqun");
	CHECK_STR(field(l, "outfit", "colour"), hex("pink"));
	CHECK_STR(field(l, "outfit", "trim"), hex("gold"));
	json_decref(l);
}

TEST(art_lookdesc_garment_styles_fit_sex_and_era)
{
	struct { const char *era, *gender, *desc, *style; } C[] = {
		{ "modern", "female", "XIA (24, apron, tired eyes)", "apron" },
		{ "modern", "female", "系着围裙", "apron" },                 /* 围裙 is an apron, not a 裙 */
		{ "ancient", "female", "系着围裙", "commoner_apron" },
		{ "modern", "male", "in a police uniform", "police_uniform" },
		{ "modern", "female", "穿着警服", "police_uniform" },
		{ "modern", "male", "a knight in armour", "armour" },
		{ "ancient", "male", "身披铠甲", "armour" },
		{ "modern", "male", "grey hoodie, headphones", "hoodie" },
		{ "modern", "female", "穿着卫衣", "hoodie" },
		{ "modern", "female", "a man in a suit", "suit" },
		{ "ancient", "female", "a long dress", "ruqun" },
		{ "modern", "female", "a silk gown", "gown" },
		{ "modern", "female", "校服", "school_uniform" },
	};
	for (size_t i = 0; i < ARRAY_LEN(C); i++) {
		json_t *l = look_of(C[i].era, NULL, C[i].gender, 25, C[i].desc);
		CHECK(l);
		CHECKF(str_eq(field(l, "outfit", "style"), C[i].style), "%s: style %s, want %s", C[i].desc, field(l, "outfit", "style"), C[i].style);
		json_decref(l);
	}
	/* what does not fit is left to the role: a man's dress, a suit in the past */
	json_t *bare = look_of("modern", NULL, "male", 25, NULL), *l = look_of("modern", NULL, "male", 25, "wears a dress");
	CHECK_STR(field(l, "outfit", "style"), field(bare, "outfit", "style"));
	json_decref(l); json_decref(bare);
	bare = look_of("ancient", NULL, "male", 25, NULL);
	l = look_of("ancient", NULL, "male", 25, "穿着西装");
	CHECK_STR(field(l, "outfit", "style"), field(bare, "outfit", "style"));
	json_decref(l); json_decref(bare);
}

TEST(art_lookdesc_hair)
{
	struct { const char *era, *gender, *desc, *style, *colour; } C[] = {
		{ "modern", "female", "silver hair, sharp eyes", NULL, "silver" },
		{ "modern", "male", "dark hair, dark eyes", NULL, "dark_brown" },
		{ "ancient", "male", "白发苍苍的老者", NULL, "white" },
		{ "modern", "female", "a red-haired girl", NULL, "copper" },
		{ "modern", "female", "金发碧眼", NULL, "blonde" },
		{ "modern", "female", "a blonde lawyer", NULL, "blonde" },
		{ "modern", "female", "long black hair", "long", "black" },
		{ "modern", "female", "一头乌黑的长发", "long", "black" },
		{ "modern", "female", "长长的黑发", "long", "black" },
		{ "modern", "female", "a high ponytail", "ponytail", NULL },
		{ "modern", "female", "扎着马尾", "ponytail", NULL },
		{ "modern", "female", "双马尾", "twintails", NULL },
		{ "ancient", "female", "挽着发髻", "bun", NULL },
		{ "ancient", "male", "挽着发髻", "topknot", NULL },   /* a man's bun in the past */
		{ "modern", "male", "short hair", "short", NULL },
		{ "modern", "male", "短发", "short", NULL },
		{ "modern", "male", "a bald bouncer", "bald", NULL },
		{ "ancient", "male", "光头和尚", "bald", NULL },
		{ "modern", "female", "a bun and glasses", "bun", NULL },
		{ "modern", "female", "long hair in a ponytail", "ponytail", NULL },   /* long gives way */
		{ "ancient", "female", "一头乌黑的长发，扎着马尾", "ponytail", "black" },
		{ "modern", "female", "a ponytail, long hair", "ponytail", NULL },
	};
	for (size_t i = 0; i < ARRAY_LEN(C); i++) {
		json_t *l = look_of(C[i].era, NULL, C[i].gender, 30, C[i].desc);
		CHECK(l);
		if (C[i].style) CHECKF(str_eq(field(l, "hair", "style"), C[i].style), "%s: hair %s", C[i].desc, field(l, "hair", "style"));
		if (C[i].colour) CHECKF(str_eq(field(l, "hair", "colour"), hex(C[i].colour)), "%s: hair colour %s", C[i].desc, field(l, "hair", "colour"));
		json_decref(l);
	}
}

/* colour words that colour nothing said here are not read: the seed decides */
TEST(art_lookdesc_untied_colours_say_nothing)
{
	const char *texts[] = {
		"A 25-year-old shop owner; gentle, but stubborn.", "She runs a red light every morning.",
		"He waits in the red room.", "他很明白这个道理，青年时代花了很多金钱。", "白天在店里，晚上去红楼",
		"There are three hundred pounds in gold and seven hundred in notes.", "Wedlock suits you.",
		"Insensibly one begins to twist facts to suit theories.", "She will dress for dinner.",
		"like a blue thread a long thin dragon-fly floated past", "眼前展开一片海边碧绿的沙地来", "Mr. Brown waits.", "Lily Black, a lawyer", "Olive has a cat.",
		"tired eyes", "", "A black cat follows her.", "Down a dark alley she runs.",
	};
	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		struct look_desc d;
		CHECKF(look_desc_read(chr_data(), texts[i], 0, &d) == 0, "%s: read something (main %s hair %s)", texts[i], d.main, d.hair_colour);
	}
}

/* a description that says nothing changes nothing: the same look, byte for byte */
TEST(art_lookdesc_nothing_said_same_look)
{
	const char *eras[] = { "modern", "ancient" };
	const char *roles[] = { "shop owner", "prince", "CEO", "maid", "student" };
	for (int e = 0; e < 2; e++)
		for (size_t r = 0; r < ARRAY_LEN(roles); r++) {
			json_t *a = look_of(eras[e], roles[r], r % 2 ? "male" : "female", 25, NULL);
			json_t *b = look_of(eras[e], roles[r], r % 2 ? "male" : "female", 25, "A 25-year-old; gentle, tired eyes. 性格温和，明白事理。");
			char *sa = json_dumps(a, JSON_SORT_KEYS), *sb = json_dumps(b, JSON_SORT_KEYS);
			CHECKF(str_eq(sa, sb), "%s %s: %s vs %s", eras[e], roles[r], sa, sb);
			free(sa); free(sb);
			json_decref(a); json_decref(b);
		}
}

/* two characters may share a colour when their texts say so; open ones still differ;
 * a look the user already has is kept as it is */
TEST(art_lookdesc_shared_colour_and_user_look_kept)
{
	struct series *s = series_new();
	s->era = xstrdup("ancient");
	const char *descs[] = { "a black robe", "穿黑色长袍", NULL, NULL, NULL, "a white robe" };
	for (size_t i = 0; i < ARRAY_LEN(descs); i++) {
		struct character *c = series_add_character(s);
		char name[8];
		snprintf(name, sizeof name, "C%zu", i);
		c->name = xstrdup(name);
		c->role = xstrdup("scholar");
		c->gender = xstrdup("male");
		c->age = 30;
		c->description = descs[i] ? xstrdup(descs[i]) : NULL;
	}
	json_error_t je;
	s->chars[5].look = json_loads("{\"outfit\":{\"style\":\"armour\",\"colour\":\"#112233\"}}", 0, &je);
	CHECK(proc_assign_character_looks(s, 5) == 0);
	CHECK_STR(field(s->chars[0].look, "outfit", "colour"), hex("black"));
	CHECK_STR(field(s->chars[1].look, "outfit", "colour"), hex("black"));
	CHECK(!str_eq(field(s->chars[2].look, "outfit", "colour"), field(s->chars[3].look, "outfit", "colour")));
	CHECK(!str_eq(field(s->chars[3].look, "outfit", "colour"), field(s->chars[4].look, "outfit", "colour")));
	CHECK(!str_eq(field(s->chars[2].look, "outfit", "colour"), field(s->chars[4].look, "outfit", "colour")));
	CHECK_STR(field(s->chars[5].look, "outfit", "colour"), "#112233");
	CHECK_STR(field(s->chars[5].look, "outfit", "style"), "armour");
	CHECK(json_object_size(s->chars[5].look) == 1);
	series_free(s);
}

/* an apron's colour is the apron (drawn in the trim colour), not the shirt under it */
TEST(art_lookdesc_apron_colour_is_the_apron)
{
	const char *texts[] = { "XIA (24, red apron, long black hair, tired eyes)", "系着红色围裙" };
	for (int i = 0; i < 2; i++) {
		json_t *bare = look_of("modern", "shop owner", "female", 24, NULL), *l = look_of("modern", "shop owner", "female", 24, texts[i]);
		CHECK_STR(field(l, "outfit", "style"), "apron");
		CHECK_STR(field(l, "outfit", "trim"), hex("red"));
		CHECK_STR(field(l, "outfit", "colour"), field(bare, "outfit", "colour"));
		json_decref(l); json_decref(bare);
	}
}

/* a Chinese screenplay's introduction, in full-width brackets and commas, reaches the
 * design: before, only "(24, apron)" was read and "（24岁，系着红色围裙）" gave no description */
TEST(art_lookdesc_fountain_intro_zh_to_design)
{
	const char *t = "Title: 鹤袍\n\nINT. 奶茶店 - 日\n\n夏晓（24岁，系着红色围裙，扎着马尾）擦着柜台。\n\n"
	                "萧睿（25岁，穿着绣金鹤的黑色长袍）走进店里。\n\n萧睿\n来一杯茶。\n\n夏晓\n我们五分钟后打烊。\n";
	struct series *s = NULL;
	struct story_opts o = { .seed = 7, .episodes = 1, .minutes = 1 };
	CHECKF(story_from_fountain(t, strlen(t), "z.fountain", &o, &s) == 0, "%s", err_msg());
	struct character *xia = series_find_character(s, "夏晓"), *xiao = series_find_character(s, "萧睿");
	CHECK(xia && xiao);
	CHECK_INT(xia->age, 24);
	CHECK_STR(xia->description, "系着红色围裙，扎着马尾");
	CHECK_STR(xiao->description, "穿着绣金鹤的黑色长袍");
	for (size_t i = 0; i < s->n_chars; i++) { json_decref(s->chars[i].look); s->chars[i].look = NULL; }
	CHECK(proc_assign_character_looks(s, 7) == 0);
	CHECK_STR(field(xia->look, "outfit", "trim"), hex("red"));
	CHECK_STR(field(xia->look, "hair", "style"), "ponytail");
	CHECK_STR(field(xiao->look, "outfit", "colour"), hex("black"));
	CHECK_STR(field(xiao->look, "outfit", "accent"), hex("gold"));
	series_free(s);
}

/* a creature's coat: "a black cat", "a white tiger", "金毛"; nothing said, nothing changed */
TEST(art_lookdesc_creature_coat)
{
	struct { const char *role, *desc, *colour; } C[] = {
		{ "cat", "a black cat with one torn ear", "black" }, { "tiger", "a white tiger", "white" },
		{ "dog", "一只金毛", "gold" }, { "parrot", "green feathers", "green" }, { "狗", "黑色的狗", "black" },
	};
	for (size_t i = 0; i < ARRAY_LEN(C); i++) {
		json_t *l = look_of("modern", C[i].role, NULL, 3, C[i].desc);
		CHECK(l && json_object_get(l, "creature"));
		CHECKF(str_eq(field(l, "coat", "colour"), hex(C[i].colour)), "%s: coat %s", C[i].desc, field(l, "coat", "colour"));
		json_decref(l);
	}
	json_t *a = look_of("modern", "cat", NULL, 3, NULL), *b = look_of("modern", "cat", NULL, 3, "lazy, sleeps all day");
	char *sa = json_dumps(a, JSON_SORT_KEYS), *sb = json_dumps(b, JSON_SORT_KEYS);
	CHECK_STR(sa, sb);
	free(sa); free(sb); json_decref(a); json_decref(b);
}

/* eye colours: "green eyes", "blue-eyed", "碧眼"; red eyes are from crying and not drawn */
TEST(art_lookdesc_eyes)
{
	struct { const char *role, *desc, *colour; } C[] = {
		{ NULL, "green eyes, a grey coat", "green" }, { NULL, "a blue-eyed boy", "blue" }, { NULL, "金发碧眼", "jade" },
		{ NULL, "黑色的眼睛", "black" }, { NULL, "hazel eyes", "hazel" }, { NULL, "her dark eyes narrow", "dark_brown" }, { "cat", "a black cat with green eyes", "green" },
	};
	for (size_t i = 0; i < ARRAY_LEN(C); i++) {
		json_t *l = look_of("modern", C[i].role, "female", 20, C[i].desc);
		CHECKF(str_eq(field(l, "eyes", "colour"), hex(C[i].colour)), "%s: eyes %s", C[i].desc, field(l, "eyes", "colour"));
		json_decref(l);
	}
	json_t *bare = look_of("modern", NULL, "female", 20, NULL), *l = look_of("modern", NULL, "female", 20, "her eyes were red from crying");
	CHECK_STR(field(l, "eyes", "colour"), field(bare, "eyes", "colour"));
	json_decref(l); json_decref(bare);
	l = look_of("modern", "cat", NULL, 3, "a black cat with green eyes");
	CHECK_STR(field(l, "coat", "colour"), hex("black"));
	json_decref(l);
}

/* in a time-travel series a character in a robe or armour comes from the past */
TEST(art_lookdesc_mixed_series_robe_is_the_past)
{
	json_t *l = look_of("mixed", NULL, "male", 25, "a stranger in a black robe, soaked by rain");
	CHECK_STR(field(l, "outfit", "style"), "ancient_robe");
	CHECK_STR(field(l, "outfit", "colour"), hex("black"));
	const char *hs = field(l, "hair", "style");
	CHECKF(str_eq(hs, "topknot") || str_eq(hs, "half_up"), "hair %s", hs);
	json_decref(l);
	l = look_of("mixed", NULL, "male", 25, "身披铠甲");
	CHECK_STR(field(l, "outfit", "style"), "armour");
	json_decref(l);
	l = look_of("mixed", NULL, "female", 25, "a red dress");   /* a dress is of any time: today, here */
	CHECK_STR(field(l, "outfit", "style"), "dress");
	json_decref(l);
}
