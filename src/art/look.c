/* art/look.c — chooses a look for every character that has none, from its role, gender,
 * age and the series era, varied by the seed (proc_assign_character_looks). The rules,
 * outfits and palettes are data (data/art/characters.json). Two characters of one series
 * never share a palette, nor a hair style with the same hair colour; looks the user
 * already has (edited in storyboard.json) are kept and counted as taken. What the
 * description says of colours, garment and hair (look_desc.c) wins over the seed, so two
 * characters may share a colour when their texts say so; the seed's draws are the same
 * either way, so a description that says nothing leaves the look as it was. */
#include <math.h>
#include <string.h>
#include <ctype.h>
#include "art/creature_parts.h"
#include "art/look_desc.h"
#include "voice/voice.h"

static void lower(const char *in, char *out, size_t n)
{
	size_t j = 0;
	for (; in && *in && j + 1 < n; in++) out[j++] = (char)tolower((unsigned char)*in);
	out[j] = 0;
}

static int has_word(const char *text, const char *word) { return str_has_word(text, word); }

static const json_t *match_rule(const json_t *data, const char *role)
{
	char r[256];
	lower(role, r, sizeof r);
	if (!r[0]) return NULL;
	size_t i, k;
	const json_t *rule, *w;
	json_array_foreach(json_object_get(data, "roles"), i, rule)
		json_array_foreach(json_object_get(rule, "words"), k, w) {
			const char *word = json_string_value(w);
			if (word && *word && has_word(r, word)) return rule;
		}
	return NULL;
}

/* The rule a description names, its ages left out: "a 25-year-old florist" (the outline
 * importer's and the story engine's descriptions) and "between forty and fifty years old"
 * (a novel's) matched the elder's rule by its word "old". */
static const json_t *match_desc_rule(const json_t *data, const char *desc)
{
	static const char *const AGE[] = { "years-old", "year-old", "years old", "year old" };
	if (!desc) return NULL;
	char d[256];                         /* (match_rule reads as much) */
	lower(desc, d, sizeof d);
	for (size_t k = 0; k < ARRAY_LEN(AGE); k++)
		for (char *p = strstr(d, AGE[k]); p; p = strstr(p, AGE[k])) memset(p, ' ', strlen(AGE[k]));
	return match_rule(data, d);
}

static const char *pick_str(struct rng *g, const json_t *arr)
{
	size_t n = json_array_size(arr);
	if (!n) return NULL;
	return json_string_value(json_array_get(arr, (size_t)rng_range(g, 0, (int)n - 1)));
}

/* What a look takes from the series' pool of distinctions. */
struct taken { char hair[64][48]; char pal[64][8]; size_t n_hair, n_pal; };

static int has(char (*v)[48], size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++) if (!strcmp(v[i], s)) return 1;
	return 0;
}

static int has_pal(const struct taken *t, const char *main)
{
	for (size_t i = 0; i < t->n_pal; i++) if (str_ieq(t->pal[i], main)) return 1;
	return 0;
}

static void take(struct taken *t, const char *hair_style, const char *hair_col, const char *main)
{
	if (hair_style && hair_col && t->n_hair < ARRAY_LEN(t->hair))
		snprintf(t->hair[t->n_hair++], 48, "%s/%s", hair_style, hair_col);
	if (main && t->n_pal < ARRAY_LEN(t->pal))
		snprintf(t->pal[t->n_pal++], 8, "%.7s", main);
}

static void take_existing(struct taken *t, const json_t *look)
{
	const json_t *h = json_object_get(look, "hair"), *o = json_object_get(look, "outfit");
	if (!o) o = json_object_get(look, "coat");   /* a creature */
	take(t, json_string_value(json_object_get(h, "style")), json_string_value(json_object_get(h, "colour")),
	     json_string_value(json_object_get(o, "colour")));
}

static void hex(char out[8], struct rgb c)
{
	snprintf(out, 8, "#%02x%02x%02x", (int)lround(fmin(1, fmax(0, c.r)) * 255), (int)lround(fmin(1, fmax(0, c.g)) * 255),
	         (int)lround(fmin(1, fmax(0, c.b)) * 255));
}

/* Shift a colour's hue a little so it differs from a taken one. */
static void nudge(const char *in, int k, char out[8])
{
	struct rgb c;
	if (chr_parse_colour(in, &c) < 0) { snprintf(out, 8, "%.7s", in); return; }
	double a = 0.35 * k, cs = cos(a), sn = sin(a);
	/* rotate around the grey axis */
	double m = (c.r + c.g + c.b) / 3, x = c.r - m, y = c.g - m, z = c.b - m;
	double k3 = 1 / sqrt(3.0);
	double dot = (x + y + z) * k3;
	double cx = k3 * (z - y), cy = k3 * (x - z), cz = k3 * (y - x);   /* axis x v */
	struct rgb r = { m + x * cs + cx * sn + k3 * dot * (1 - cs), m + y * cs + cy * sn + k3 * dot * (1 - cs),
	                 m + z * cs + cz * sn + k3 * dot * (1 - cs) };
	hex(out, r);
}

int crt_kind_for_role(const char *role, double *size)
{
	if (size) *size = 1;
	char r[256];
	lower(role, r, sizeof r);
	if (!r[0]) return CRT_NONE;
	const json_t *kinds = json_object_get(crt_data(), "kinds");
	for (int k = 1; k < CRT_N_KINDS; k++) {
		const json_t *kd = json_object_get(kinds, CRT_KINDS[k]), *w;
		size_t i;
		json_array_foreach(json_object_get(kd, "words"), i, w) {
			const char *word = json_string_value(w);
			if (!word || !*word || !has_word(r, word)) continue;
			json_array_foreach(json_object_get(kd, "big"), i, w)
				if (size && json_string_value(w) && has_word(r, json_string_value(w))) *size = 1.35;
			return k;
		}
	}
	return CRT_NONE;
}

/* A creature's look: coat palette of its kind (a free one), eye colour, ears and pattern. */
static json_t *make_creature_look(const struct character *c, int kind, double size, struct taken *tk, struct rng *g)
{
	const json_t *data = crt_data(), *kd = json_object_get(json_object_get(data, "kinds"), CRT_KINDS[kind]);
	const json_t *pals = json_object_get(kd, "palettes");
	size_t n = json_array_size(pals);
	const json_t *pal = NULL;
	for (int tries = 0; n && tries < 12; tries++) {
		pal = json_array_get(pals, (size_t)rng_range(g, 0, (int)n - 1));
		if (!has_pal(tk, json_string_value(json_object_get(pal, "colour")))) break;
	}
	json_t *look = json_object(), *cr = json_object(), *coat = json_object(), *eyes = json_object();
	json_object_set_new(look, "version", json_integer(1));
	json_object_set_new(cr, "kind", json_string(CRT_KINDS[kind]));
	json_object_set_new(cr, "size", json_real(size));
	char r[256];
	lower(c->role, r, sizeof r);
	int pointed = has_word(r, "wolf") || has_word(r, "fox") || has_word(r, "husky") || has_word(r, "狼") || has_word(r, "狐");
	json_object_set_new(cr, "ears", json_string(kind == CRT_CANINE && !pointed && rng_unit(g) < 0.7 ? "floppy" : "pointed"));
	int striped = has_word(r, "tiger") || has_word(r, "虎") || (kind == CRT_FELINE && rng_unit(g) < 0.3);
	json_object_set_new(cr, "pattern", json_string(striped ? "stripes" : "plain"));
	json_object_set_new(look, "creature", cr);
	const char *keys[] = { "colour", "accent", "trim" };
	for (int i = 0; i < 3; i++) {
		const char *v = json_string_value(json_object_get(pal, keys[i]));
		if (v) json_object_set_new(coat, keys[i], json_string(v));
	}
	if (has_word(r, "tiger") || has_word(r, "虎")) {
		json_object_set_new(coat, "colour", json_string("#e8842c"));
		json_object_set_new(coat, "accent", json_string("#2a1e1a"));
	}
	struct look_desc said;   /* "a white tiger", "a black cat", "金毛": the text's coat colour */
	look_desc_read(chr_data(), c->description, 1, &said);
	if (said.main[0]) json_object_set_new(coat, "colour", json_string(said.main));
	json_object_set_new(look, "coat", coat);
	const char *eye = pick_str(g, json_object_get(data, "eye_colours"));
	json_object_set_new(eyes, "colour", json_string(eye ? eye : "#2a1e1a"));
	if (said.eye_colour[0]) json_object_set_new(eyes, "colour", json_string(said.eye_colour));
	json_object_set_new(look, "eyes", eyes);
	take(tk, NULL, NULL, json_string_value(json_object_get(coat, "colour")));
	return look;
}

static json_t *make_look(const struct series *s, const struct character *c, const json_t *data,
                         struct taken *tk, uint64_t seed)
{
	struct rng g;
	rng_seed(&g, seed_mix(seed, c->name ? c->name : "?"));
	double size;
	int kind = crt_kind_for_role(c->role, &size);
	if (kind) return make_creature_look(c, kind, size, tk, &g);
	const json_t *rule = match_rule(data, c->role);
	if (!rule) rule = match_desc_rule(data, c->description);
	/* era: the series era; a mixed (time-travel) series dresses each role in its own era */
	const char *era = s->era && str_ieq(s->era, "ancient") ? "ancient" : "modern";
	if (s->era && str_ieq(s->era, "mixed")) {
		const char *re = json_string_value(json_object_get(rule, "era"));
		era = re ? re : "modern";
		/* the description may place the character: "a palace maid" */
		char d[768];
		snprintf(d, sizeof d, "%s | %s", c->role ? c->role : "", c->description ? c->description : "");
		lower(d, d, sizeof d);
		size_t k;
		const json_t *cue;
		json_array_foreach(json_object_get(data, "ancient_cues"), k, cue)
			if (!re && d[0] && json_string_value(cue) && has_word(d, json_string_value(cue))) { era = "ancient"; break; }
	}
	const json_t *ent = json_object_get(rule, era);
	if (!ent) ent = json_object_get(rule, str_eq(era, "ancient") ? "modern" : "ancient");
	if (!ent) ent = json_object_get(json_object_get(data, "default_role"), era);
	int female;
	if (c->gender) female = str_ieq(c->gender, "female") || strstr(c->gender, "女");
	else {
		const char *rg = json_string_value(json_object_get(rule, "gender"));
		if (rg) female = str_eq(rg, "female");
		else {
			/* as the voice is cast (a coin once chose; its draw is still taken, so the
			 * rest of the look stays what this seed gave before) */
			(void)rng_next(&g);
			female = voice_guess_female(s, c);
		}
	}
	int age = c->age > 0 ? c->age : 26;
	const char *sex = female ? "female" : "male";
	char key[32];

	snprintf(key, sizeof key, "outfit_%s", sex);
	const char *outfit = pick_str(&g, json_object_get(ent, key));
	if (!outfit) outfit = pick_str(&g, json_object_get(ent, "outfit"));
	if (!outfit) outfit = "casual";
	if (!female && str_eq(outfit, "dress")) outfit = "casual";
	if (!female && str_eq(outfit, "gown")) outfit = "suit";
	struct look_desc said;
	look_desc_read(data, c->description, 0, &said);
	const char *said_outfit = look_desc_outfit(&said, era, female, outfit);
	if (said_outfit) outfit = said_outfit;

	snprintf(key, sizeof key, "hair_%s", sex);
	const json_t *hairs = json_object_get(ent, key);
	const json_t *hc = json_object_get(data, "hair_colours");
	const json_t *hcols = json_object_get(hc, age >= 58 ? "elder" : str_eq(era, "ancient") ? "ancient" : "young");

	/* palette candidates: tagged with the entry's palette tag */
	const char *tag = json_string_value(json_object_get(ent, "palette"));
	const json_t *pals = json_object_get(data, "palettes");
	const json_t *cand[64];
	size_t nc = 0, i;
	const json_t *p;
	json_array_foreach(pals, i, p) {
		size_t k;
		const json_t *tg;
		json_array_foreach(json_object_get(p, "tags"), k, tg)
			if (tag && str_eq(json_string_value(tg), tag) && nc < ARRAY_LEN(cand)) { cand[nc++] = p; break; }
	}
	if (!nc) json_array_foreach(pals, i, p) if (nc < ARRAY_LEN(cand)) cand[nc++] = p;

	/* try candidates until hair and palette are both free; relax after many tries */
	const char *style = NULL, *hcol = NULL;
	const json_t *pal = NULL;
	for (int tries = 0; tries < 60; tries++) {
		const char *st = pick_str(&g, hairs);
		if (!st) st = female ? "long" : "short";
		if (age >= 60 && female && !str_eq(st, "updo")) st = "bun";
		const char *hcl = pick_str(&g, hcols);
		if (!hcl) hcl = "#231f26";
		const json_t *pl = nc ? cand[rng_range(&g, 0, (int)nc - 1)] : NULL;
		char sig[48];
		snprintf(sig, sizeof sig, "%s/%s", st, hcl);
		int hair_free = !has(tk->hair, tk->n_hair, sig) || tries >= 40;
		int pal_free = !pl || !has_pal(tk, json_string_value(json_object_get(pl, "main"))) || tries >= 30;
		style = st; hcol = hcl; pal = pl;
		if (hair_free && pal_free) break;
	}
	char main[8] = "#5b7fb5", acc[8] = "#34405a", trim[8] = "#f3efe6";
	if (pal) {
		snprintf(main, 8, "%.7s", json_string_value(json_object_get(pal, "main")));
		snprintf(acc, 8, "%.7s", json_string_value(json_object_get(pal, "accent")));
		snprintf(trim, 8, "%.7s", json_string_value(json_object_get(pal, "trim")));
	}
	if (said.main[0]) memcpy(main, said.main, 8);
	else for (int k = 1; pal && has_pal(tk, main) && k < 12; k++)   /* palette exhausted: shift the hue */
		nudge(json_string_value(json_object_get(pal, "main")), k, main);
	if (said.accent[0]) memcpy(acc, said.accent, 8);
	if (said.trim[0]) memcpy(trim, said.trim, 8);
	const char *said_hair = look_desc_hair(&said, era, female);
	if (said_hair) style = said_hair;
	if (said.hair_colour[0]) hcol = said.hair_colour;
	take(tk, style, hcol, main);

	json_t *look = json_object();
	json_object_set_new(look, "version", json_integer(1));
	static const char *const BUILD_M[] = { "slim", "average", "average", "sturdy" }, *const BUILD_F[] = { "slim", "slim", "average", "average" };
	const char *build = (female ? BUILD_F : BUILD_M)[rng_range(&g, 0, 3)];
	if (age >= 45 && !female && rng_unit(&g) < 0.35) build = "heavy";
	json_object_set_new(look, "build", json_string(build));
	if (!c->gender) json_object_set_new(look, "sex", json_string(sex));   /* the body to draw (character_look.c) */
	double h = female ? 0.9 + 0.05 * rng_unit(&g) : 0.95 + 0.05 * rng_unit(&g);
	if (age < 18) h *= 0.58 + 0.42 * fmin(1.0, fmax(0.0, (age - 4) / 14.0));
	if (age > 65) h *= 0.96;
	json_object_set_new(look, "height", json_integer(lround(h * 180)));   /* cm */
	json_object_set_new(look, "skin", json_string(pick_str(&g, json_object_get(data, "skin_tones")) ?: "#f6d7c3"));
	static const char *const FACE_F[] = { "oval", "heart", "round", "oval" }, *const FACE_M[] = { "oval", "long", "square", "oval" };
	json_object_set_new(look, "face", json_string(age < 13 ? "round" : (female ? FACE_F : FACE_M)[rng_range(&g, 0, 3)]));
	static const char *const EYE_F[] = { "round", "almond", "droopy", "almond" }, *const EYE_M[] = { "almond", "narrow", "sharp", "almond" };
	json_t *eyes = json_object();
	json_object_set_new(eyes, "shape", json_string(age < 13 ? "round" : (female ? EYE_F : EYE_M)[rng_range(&g, 0, 3)]));
	const char *eye_col = pick_str(&g, json_object_get(data, "eye_colours")) ?: "#4a3026";
	json_object_set_new(eyes, "colour", json_string(said.eye_colour[0] ? said.eye_colour : eye_col));
	json_object_set_new(look, "eyes", eyes);
	static const char *const BROW_F[] = { "soft", "arched", "thin", "soft" }, *const BROW_M[] = { "straight", "thick", "angled", "straight" };
	json_object_set_new(look, "brows", json_string((female ? BROW_F : BROW_M)[rng_range(&g, 0, 3)]));
	json_object_set_new(look, "nose", json_string(female || age < 13 ? (rng_unit(&g) < 0.5 ? "small" : "button")
	                                                        : (rng_unit(&g) < 0.6 ? "straight" : "long")));
	json_t *hair = json_object();
	json_object_set_new(hair, "style", json_string(style));
	json_object_set_new(hair, "colour", json_string(hcol));
	json_object_set_new(look, "hair", hair);
	json_t *o = json_object();
	json_object_set_new(o, "style", json_string(outfit));
	json_object_set_new(o, "colour", json_string(main));
	json_object_set_new(o, "accent", json_string(acc));
	json_object_set_new(o, "trim", json_string(trim));
	json_object_set_new(look, "outfit", o);
	json_t *accs = json_array();
	const json_t *a;
	json_array_foreach(json_object_get(ent, "acc"), i, a) json_array_append(accs, (json_t *)a);
	snprintf(key, sizeof key, "acc_%s", sex);
	json_array_foreach(json_object_get(ent, key), i, a) json_array_append(accs, (json_t *)a);
	if (age >= 50 && !female && !json_array_size(accs) && rng_unit(&g) < 0.3) json_array_append_new(accs, json_string("glasses"));
	/* older men: facial hair, most often in the past */
	if (!female && age >= 40) {
		double u = rng_unit(&g), anc = str_eq(era, "ancient");
		if (u < (anc ? 0.45 : 0.15) + (age >= 55 ? 0.2 : 0)) json_array_append_new(accs, json_string("beard"));
		else if (u < (anc ? 0.8 : 0.4)) json_array_append_new(accs, json_string("moustache"));
	}
	json_object_set_new(look, "accessories", accs);
	return look;
}

int proc_assign_character_looks(struct series *s, uint64_t seed)
{
	if (!s) return err_set(ERR_INPUT, "art: assign_looks needs a series");
	const json_t *data = chr_data();
	int need = 0;
	for (size_t i = 0; i < s->n_chars; i++) if (!s->chars[i].look) need = 1;
	if (!need) return 0;
	if (!data) {
		char *p = data_path("art/characters.json");
		int r = err_set(ERR_IO, "art: cannot read %s (character looks); reinstall the data folder or set DRAMA_DATA", p);
		free(p);
		return r;
	}
	struct taken *tk = xcalloc(1, sizeof *tk);
	for (size_t i = 0; i < s->n_chars; i++)
		if (s->chars[i].look) take_existing(tk, s->chars[i].look);
	for (size_t i = 0; i < s->n_chars; i++) {
		struct character *c = &s->chars[i];
		if (c->look) continue;
		c->look = make_look(s, c, data, tk, seed);
	}
	free(tk);
	return 0;
}
