/* art/character_look.c — reads a character's look JSON (character->look) into the
 * drawing parameters used by character.c, tolerantly: a missing field takes a default
 * from gender and age, a malformed one logs a warning naming the character and field
 * (once per character and field) and takes the default.
 *
 * Outfit part recipes and colour names come from data/art/characters.json, loaded once;
 * when that file is missing the drawing still works with hex colours and a built-in
 * casual outfit. */
#include <math.h>
#include <string.h>
#include <ctype.h>
#include <pthread.h>
#include "art/creature_parts.h"

/* ---- data file: colour names and outfit recipes, loaded once ---- */

static pthread_once_t data_once = PTHREAD_ONCE_INIT;
static json_t *g_data;            /* whole data/art/characters.json or NULL */

json_t *chr_load_data(const char *rel, const char *fallback)
{
	char *path = data_path(rel);
	json_error_t je;
	json_t *j = json_load_file(path, 0, &je);
	if (!j)
		log_warn("art", "%s:%d:%d: %s; %s (reinstall the data folder or set DRAMA_DATA)",
		         path, je.line, je.column, je.text, fallback);
	free(path);
	return j;
}

static void load_data(void)
{
	g_data = chr_load_data("art/characters.json", "characters use built-in defaults");
}

const json_t *chr_data(void)
{
	pthread_once(&data_once, load_data);
	return g_data;
}

/* ---- warn once per (character, field) ---- */

static pthread_mutex_t warn_mu = PTHREAD_MUTEX_INITIALIZER;
static uint64_t warned[512];
static size_t n_warned;

static void look_warn(const struct character *c, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void look_warn(const struct character *c, const char *field, const char *fmt, ...)
{
	char key[256];
	snprintf(key, sizeof key, "%s/%s", c && c->name ? c->name : "?", field);
	uint64_t h = seed_mix(7, key);
	pthread_mutex_lock(&warn_mu);
	for (size_t i = 0; i < n_warned; i++)
		if (warned[i] == h) { pthread_mutex_unlock(&warn_mu); return; }
	if (n_warned < ARRAY_LEN(warned)) warned[n_warned++] = h;
	pthread_mutex_unlock(&warn_mu);
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	log_warn("art", "character \"%s\": look.%s: %s", c && c->name ? c->name : "?", field, msg);
}

/* ---- small parsers ---- */

/* "Ancient Topknot" -> "ancient_topknot" */
static void norm(const char *in, char *out, size_t n)
{
	size_t j = 0;
	for (; in && *in && j + 1 < n; in++) {
		unsigned char ch = (unsigned char)*in;
		out[j++] = (ch == ' ' || ch == '-') ? '_' : (char)tolower(ch);
	}
	out[j] = 0;
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9') return ch - '0';
	ch = tolower(ch);
	if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
	return -1;
}

int chr_parse_colour(const char *s, struct rgb *out)
{
	if (!s) return -1;
	if (s[0] == '#') {
		size_t n = strlen(s + 1);
		int v[6];
		if (n != 3 && n != 6) return -1;
		for (size_t i = 0; i < n; i++)
			if ((v[i] = hexval(s[1 + i])) < 0) return -1;
		if (n == 3) { out->r = v[0] / 15.0; out->g = v[1] / 15.0; out->b = v[2] / 15.0; }
		else { out->r = (v[0] * 16 + v[1]) / 255.0; out->g = (v[2] * 16 + v[3]) / 255.0; out->b = (v[4] * 16 + v[5]) / 255.0; }
		return 0;
	}
	const json_t *names = json_object_get(chr_data(), "colour_names");
	char k[64];
	norm(s, k, sizeof k);
	const char *hex = json_string_value(json_object_get(names, k));
	if (hex && hex[0] == '#') return chr_parse_colour(hex, out);
	return -1;
}

static const char *get_str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* Look up `v` (normalised) in `names`; aliases map by substring. Returns index or -1. */
static int pick(const char *v, const char *const *names, int n)
{
	char k[64];
	norm(v, k, sizeof k);
	for (int i = 0; i < n; i++)
		if (!strcmp(k, names[i])) return i;
	for (int i = 0; i < n; i++)
		if (strlen(names[i]) >= 3 && strstr(k, names[i])) return i;
	return -1;
}

/* Field `key` of object `o` as an enum; warn and keep *dst when malformed. */
static void enum_field(const struct character *c, const json_t *o, const char *key, const char *field,
                       const char *const *names, int n, int *dst)
{
	const json_t *j = json_object_get(o, key);
	if (!j) return;
	int i = json_is_string(j) ? pick(json_string_value(j), names, n) : -1;
	if (i < 0) {
		struct sbuf b = { 0 };
		for (int k = 0; k < n; k++) sb_printf(&b, "%s%s", k ? ", " : "", names[k]);
		look_warn(c, field, "\"%s\" is not one of %s; using \"%s\"",
		          json_is_string(j) ? json_string_value(j) : "(not a string)", b.s, names[*dst]);
		sb_free(&b);
		return;
	}
	*dst = i;
}

static void colour_field(const struct character *c, const json_t *o, const char *key, const char *field, struct rgb *dst)
{
	const json_t *j = json_object_get(o, key);
	if (!j) j = json_object_get(o, !strcmp(key, "colour") ? "color" : key);
	if (!j) return;
	struct rgb v;
	if (!json_is_string(j) || chr_parse_colour(json_string_value(j), &v) < 0) {
		look_warn(c, field, "\"%s\" is not a colour (write \"#rrggbb\" or a name listed in data/art/characters.json colour_names); using the default",
		          json_is_string(j) ? json_string_value(j) : "(not a string)");
		return;
	}
	*dst = v;
}

const char *const CHR_FACES[] = { "oval", "round", "long", "square", "heart" };
const char *const CHR_EYES[] = { "almond", "round", "narrow", "droopy", "sharp" };
const char *const CHR_BROWS[] = { "soft", "straight", "arched", "thick", "thin", "angled" };
const char *const CHR_NOSES[] = { "small", "button", "straight", "long" };
const char *const CHR_BUILDS[] = { "slim", "average", "sturdy", "heavy" };
const char *const CHR_HAIRS[] = { "short", "spiky", "slicked", "long", "bob", "ponytail", "bun", "topknot",
	"half_up", "braids", "twintails", "updo", "bald" };
const char *const CHR_COLLARS[] = { "round", "shirt", "lapel", "sailor", "cross", "mandarin", "vneck" };
const char *const CHR_SLEEVES[] = { "long", "short", "wide", "puff" };
const char *const CHR_LOWERS[] = { "trousers", "skirt_short", "skirt_knee", "skirt_long", "robe" };
const char *const CHR_SLOTS[] = { "main", "accent", "trim" };
const char *const CHR_BELTS[] = { "none", "belt", "sash" };
const char *const CHR_ACCS[] = { "crown", "phoenix_crown", "hairpin", "glasses", "tie", "earrings", "necklace",
	"badge", "stethoscope", "ribbon", "headband", "cap", "bow_tie", "flower", "moustache", "beard" };
const int CHR_N_FACES = ARRAY_LEN(CHR_FACES), CHR_N_EYES = ARRAY_LEN(CHR_EYES), CHR_N_BROWS = ARRAY_LEN(CHR_BROWS),
	CHR_N_NOSES = ARRAY_LEN(CHR_NOSES), CHR_N_BUILDS = ARRAY_LEN(CHR_BUILDS), CHR_N_HAIRS = ARRAY_LEN(CHR_HAIRS),
	CHR_N_ACCS = ARRAY_LEN(CHR_ACCS);

static const double BUILD_W[] = { 0.9, 1.0, 1.1, 1.22 };

/* Outfit recipe from data "outfits"[name]; 0 if found. */
static int outfit_recipe(const char *name, struct chr_outfit *o)
{
	const json_t *outs = json_object_get(chr_data(), "outfits");
	char k[64];
	norm(name, k, sizeof k);
	const json_t *r = json_object_get(outs, k);
	if (!r) {   /* alias by substring: "school uniform (winter)" -> school_uniform */
		const char *key;
		const json_t *v;
		json_object_foreach((json_t *)outs, key, v)
			if (strstr(k, key)) { r = v; break; }
	}
	if (!r) return -1;
	struct character none = { .name = "data/art/characters.json" };
	enum_field(&none, r, "collar", "outfits.collar", CHR_COLLARS, ARRAY_LEN(CHR_COLLARS), &o->collar);
	enum_field(&none, r, "sleeve", "outfits.sleeve", CHR_SLEEVES, ARRAY_LEN(CHR_SLEEVES), &o->sleeve);
	enum_field(&none, r, "lower", "outfits.lower", CHR_LOWERS, ARRAY_LEN(CHR_LOWERS), &o->lower);
	enum_field(&none, r, "lower_colour", "outfits.lower_colour", CHR_SLOTS, 3, &o->lower_slot);
	enum_field(&none, r, "inner_colour", "outfits.inner_colour", CHR_SLOTS, 3, &o->inner_slot);
	enum_field(&none, r, "belt", "outfits.belt", CHR_BELTS, ARRAY_LEN(CHR_BELTS), &o->belt);
	o->coat = json_is_true(json_object_get(r, "coat"));
	o->apron = json_is_true(json_object_get(r, "apron"));
	o->armour = json_is_true(json_object_get(r, "armour"));
	o->emblem = json_is_true(json_object_get(r, "emblem"));
	o->socks = json_is_true(json_object_get(r, "socks"));
	o->pleats = json_is_true(json_object_get(r, "pleats"));
	o->jacket = json_is_true(json_object_get(r, "jacket"));
	return 0;
}

static void outfit_default(struct chr_outfit *o)
{
	memset(o, 0, sizeof *o);
	o->collar = COL_ROUND; o->sleeve = SL_LONG; o->lower = LO_TROUSERS; o->lower_slot = 1; o->inner_slot = 2;
}

/* A creature look: {"creature": {"kind", "size", "ears", "pattern"}, "eyes": {"colour"},
 * "coat": {"colour", "accent", "trim"}}. */
static void creature_parse(const struct character *c, const json_t *j, struct chr_look *L)
{
	static const char *const EARS[] = { "pointed", "floppy" }, *const PATTERNS[] = { "plain", "stripes" };
	const json_t *k = json_object_get(j, "creature");
	int kind = CRT_ROBOT - 1;   /* index into CRT_KINDS + 1 */
	L->crt_size = 1;
	if (json_is_object(k)) {
		enum_field(c, k, "kind", "creature.kind", CRT_KINDS + 1, CRT_N_KINDS - 1, &kind);
		enum_field(c, k, "ears", "creature.ears", EARS, 2, &L->crt_ears);
		enum_field(c, k, "pattern", "creature.pattern", PATTERNS, 2, &L->crt_stripes);
		const json_t *sz = json_object_get(k, "size");
		if (sz && !(json_is_number(sz) && json_number_value(sz) >= 0.5 && json_number_value(sz) <= 2))
			look_warn(c, "creature.size", "must be a number from 0.5 to 2 (1 = the kind's usual size); using 1");
		else if (sz) L->crt_size = json_number_value(sz);
	} else look_warn(c, "creature", "must be an object such as {\"kind\": \"bird\"}; drawing a robot");
	L->creature = kind + 1;
	chr_parse_colour("#c23b3b", &L->main);
	chr_parse_colour("#3f6fb5", &L->accent);
	chr_parse_colour("#f0d25a", &L->trim);
	chr_parse_colour("#2a1e1a", &L->eye);
	const json_t *coat = json_object_get(j, "coat");
	colour_field(c, coat, "colour", "coat.colour", &L->main);
	colour_field(c, coat, "accent", "coat.accent", &L->accent);
	colour_field(c, coat, "trim", "coat.trim", &L->trim);
	colour_field(c, json_object_get(j, "eyes"), "colour", "eyes.colour", &L->eye);
}

void chr_look_parse(const struct character *c, struct chr_look *L)
{
	memset(L, 0, sizeof *L);
	L->female = c->gender && (str_ieq(c->gender, "female") || strstr(c->gender, "女"));
	if (!c->gender && c->look) {         /* no gender named: the sex the design chose (look.c, as the voice is cast) */
		const char *sx = json_string_value(json_object_get(c->look, "sex"));
		if (sx) L->female = str_ieq(sx, "female");
	}
	L->age = c->age > 0 ? c->age : 28;
	/* defaults from gender and age */
	L->height = L->female ? 0.93 : 1.0;
	if (L->age < 18) L->height *= 0.58 + 0.42 * fmin(1.0, fmax(0.0, (L->age - 4) / 14.0));
	if (L->age > 65) L->height *= 0.96;
	L->build = 1; L->build_w = 1.0;
	chr_parse_colour("#f6d7c3", &L->skin);
	chr_parse_colour("#4a3026", &L->eye);
	chr_parse_colour(L->age > 60 ? "#b9b6b4" : "#2a2228", &L->hair);
	chr_parse_colour("#5b7fb5", &L->main);
	chr_parse_colour("#34405a", &L->accent);
	chr_parse_colour("#f3efe6", &L->trim);
	L->hair_style = L->female ? HS_LONG : HS_SHORT;
	L->brows = L->female ? 0 : 1;
	outfit_default(&L->o);

	const json_t *j = c->look;
	if (!j) return;
	if (!json_is_object(j)) { look_warn(c, "(whole)", "is not a JSON object; using defaults"); return; }
	if (json_object_get(j, "creature")) { creature_parse(c, j, L); return; }

	/* height: centimetres (80..200; 180 = the tallest adult) or a fraction 0.4..1.0 */
	const json_t *h = json_object_get(j, "height");
	if (h) {
		double v = json_is_number(h) ? json_number_value(h) : -1;
		if (v >= 0.4 && v <= 1.0) L->height = v;
		else if (v >= 80 && v <= 200) L->height = v > 180 ? 1.0 : v / 180.0;
		else look_warn(c, "height", "must be centimetres from 80 to 200 (or a fraction 0.4..1.0); using %.0f cm", L->height * 180);
	}
	enum_field(c, j, "build", "build", CHR_BUILDS, CHR_N_BUILDS, &L->build);
	L->build_w = BUILD_W[L->build];
	colour_field(c, j, "skin", "skin", &L->skin);
	enum_field(c, j, "face", "face", CHR_FACES, CHR_N_FACES, &L->face);
	enum_field(c, j, "nose", "nose", CHR_NOSES, CHR_N_NOSES, &L->nose);
	const json_t *b = json_object_get(j, "brows");
	if (json_is_object(b)) enum_field(c, b, "shape", "brows.shape", CHR_BROWS, CHR_N_BROWS, &L->brows);
	else enum_field(c, j, "brows", "brows", CHR_BROWS, CHR_N_BROWS, &L->brows);
	const json_t *e = json_object_get(j, "eyes");
	if (json_is_object(e)) {
		enum_field(c, e, "shape", "eyes.shape", CHR_EYES, CHR_N_EYES, &L->eye_shape);
		colour_field(c, e, "colour", "eyes.colour", &L->eye);
	} else if (e) enum_field(c, j, "eyes", "eyes", CHR_EYES, CHR_N_EYES, &L->eye_shape);
	const json_t *hr = json_object_get(j, "hair");
	if (json_is_object(hr)) {
		enum_field(c, hr, "style", "hair.style", CHR_HAIRS, CHR_N_HAIRS, &L->hair_style);
		colour_field(c, hr, "colour", "hair.colour", &L->hair);
	} else if (hr) enum_field(c, j, "hair", "hair", CHR_HAIRS, CHR_N_HAIRS, &L->hair_style);
	const json_t *o = json_object_get(j, "outfit");
	const char *ostyle = json_is_object(o) ? get_str(o, "style") : json_string_value(o);
	if (ostyle) {
		if (outfit_recipe(ostyle, &L->o) < 0)
			look_warn(c, "outfit.style", "\"%s\" is not an outfit in data/art/characters.json; using casual", ostyle);
	}
	if (json_is_object(o)) {
		colour_field(c, o, "colour", "outfit.colour", &L->main);
		colour_field(c, o, "accent", "outfit.accent", &L->accent);
		colour_field(c, o, "trim", "outfit.trim", &L->trim);
	}
	/* men never get skirts unless the outfit is a robe; sailor collars become shirts */
	if (!L->female) {
		if (L->o.lower >= LO_SKIRT_SHORT && L->o.lower <= LO_SKIRT_LONG && !L->o.armour) { L->o.lower = LO_TROUSERS; L->o.socks = 0; L->o.pleats = 0; }
		if (L->o.collar == COL_SAILOR) { L->o.collar = COL_LAPEL; L->o.jacket = 1; }
		if (L->o.sleeve == SL_PUFF) L->o.sleeve = SL_SHORT;
	}
	const json_t *acc = json_object_get(j, "accessories");
	if (acc && !json_is_array(acc)) look_warn(c, "accessories", "must be a list such as [\"glasses\", \"tie\"]; ignored");
	size_t i;
	const json_t *a;
	json_array_foreach((json_t *)acc, i, a) {
		int k = json_is_string(a) ? pick(json_string_value(a), CHR_ACCS, CHR_N_ACCS) : -1;
		if (k < 0) {
			char f[32];
			snprintf(f, sizeof f, "accessories[%zu]", i);
			look_warn(c, f, "\"%s\" is not a known accessory; ignored", json_is_string(a) ? json_string_value(a) : "(not a string)");
			continue;
		}
		L->acc |= 1u << k;
	}
}
