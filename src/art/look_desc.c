/* art/look_desc.c — reads colours, garments and hair from a character's description
 * ("a black robe embroidered with golden cranes", "穿着绣金鹤的黑色长袍", "silver hair",
 * "XIA (24, apron, tired eyes)"). The text is cut into tokens (the longest vocabulary word
 * at each place: English whole words, Chinese substrings), then each colour is tied to the
 * garment, hair or detail next to it. A colour tied to nothing is not used: Chinese colour
 * characters are everywhere (明白, 青年, 金钱) and English ones too (a red light), and a
 * colour is only trusted when the text says what it colours. Vocabulary:
 * data/art/characters.json "look_words". */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "art/look_desc.h"
#include "art/character_parts.h"

enum { SLOT_TRIM = 1, SLOT_ACCENT = 2, SLOT_BOTH = 3 };

struct tok {
	size_t at, end;
	const json_t *colour;     /* look_words.colours entry */
	int hair_only;            /* "blonde", "redhead": names hair by itself */
	int hair, cue, slot;      /* hair word; dress cue ("dressed in", "穿着"); detail slot */
	int participle;           /* "embroidered", "trimmed": colours what follows it */
	int coat;                 /* a creature's coat or kind ("fur", "猫"), read only for creatures */
	int eye;                  /* "eyes", "眼" */
	const json_t *style, *before, *garment;   /* hair_styles entry (direct / "long" before hair); garments entry */
};

struct toks { struct tok *v; size_t n, cap; };

static int is_ascii(const char *w) { for (; *w; w++) if ((unsigned char)*w >= 0x80) return 0; return 1; }

/* Length of word w matched at text+p (English: whole word, a plural 's' allowed), 0 if none. */
static size_t match_at(const char *text, size_t p, const char *w)
{
	size_t n = strlen(w);
	if (!n || strncmp(text + p, w, n)) return 0;
	if (!is_ascii(w)) return n;
	if (p > 0 && isalpha((unsigned char)text[p - 1])) return 0;
	if (!isalpha((unsigned char)text[p + n])) return n;
	if (text[p + n] == 's' && !isalpha((unsigned char)text[p + n + 1])) return n + 1;
	return 0;
}

/* Longest word of a json array of strings at text+p. */
static size_t longest_in(const char *text, size_t p, const json_t *words)
{
	size_t i, best = 0;
	const json_t *w;
	json_array_foreach(words, i, w) {
		const char *s = json_string_value(w);
		size_t n = s ? match_at(text, p, s) : 0;
		if (n > best) best = n;
	}
	return best;
}

/* Longest word at text+p among the "words" of a list of entries; *hit gets the entry. */
static size_t longest_entry(const char *text, size_t p, const json_t *entries, const json_t **hit)
{
	size_t i, best = 0;
	const json_t *e;
	*hit = NULL;
	json_array_foreach(entries, i, e) {
		size_t n = longest_in(text, p, json_object_get(e, "words"));
		if (n > best) { best = n; *hit = e; }
	}
	return best;
}

/* The token at text+p (every role whose longest word there is the longest of all), 0 if none. */
static size_t token_at(const json_t *lw, const char *text, size_t p, int creature, struct tok *t)
{
	memset(t, 0, sizeof *t);
	const json_t *colour, *style, *garment, *detail, *before = NULL;
	size_t nc = longest_entry(text, p, json_object_get(lw, "colours"), &colour);
	size_t nh = longest_in(text, p, json_object_get(lw, "hair"));
	size_t nq = longest_in(text, p, json_object_get(lw, "dress_cues"));
	size_t ns = longest_entry(text, p, json_object_get(lw, "hair_styles"), &style);
	size_t ng = longest_entry(text, p, json_object_get(lw, "garments"), &garment);
	size_t nd = longest_entry(text, p, json_object_get(lw, "details"), &detail);
	size_t nb = 0, i;
	const json_t *e;
	json_array_foreach(json_object_get(lw, "hair_styles"), i, e) {
		size_t n = longest_in(text, p, json_object_get(e, "before_hair"));
		if (n > nb) { nb = n; before = e; }
	}
	size_t ne = longest_in(text, p, json_object_get(lw, "eyes"));
	size_t nk = creature ? longest_in(text, p, json_object_get(lw, "creature_coat")) : 0;
	size_t L = nc;
	size_t all[] = { nh, nq, ns, ng, nd, nb, nk, ne };
	for (i = 0; i < ARRAY_LEN(all); i++) if (all[i] > L) L = all[i];
	if (!L) return 0;
	t->at = p;
	t->end = p + L;
	if (nc == L) {
		t->colour = colour;
		t->hair_only = longest_in(text, p, json_object_get(lw, "hair_only")) == L;
	}
	t->hair = nh == L;
	t->coat = nk == L;
	t->eye = ne == L;
	t->cue = nq == L;
	if (ns == L) t->style = style;
	if (nb == L) t->before = before;
	if (ng == L) t->garment = garment;
	if (nd == L) {
		const char *s = json_string_value(json_object_get(detail, "slot"));
		t->slot = str_eq(s, "trim") ? SLOT_TRIM : str_eq(s, "accent") ? SLOT_ACCENT : SLOT_BOTH;
		t->participle = json_is_true(json_object_get(detail, "participle"));
	}
	return L;
}

/* A capitalised English word inside a sentence is a name: Mr. Brown, Lily Black, Grey. */
static int is_name_at(const char *orig, size_t p)
{
	if (!isupper((unsigned char)orig[p])) return 0;
	size_t i = p;
	while (i > 0 && orig[i - 1] == ' ') i--;
	if (i == 0) return 0;
	if (orig[i - 1] == '.') {   /* "Mr. Brown" */
		static const char *const TITLES[] = { "mr.", "mrs.", "ms.", "dr.", "miss." };
		for (size_t k = 0; k < ARRAY_LEN(TITLES); k++) {
			size_t n = strlen(TITLES[k]);
			if (i >= n && !strncasecmp(orig + i - n, TITLES[k], n) && (i == n || !isalpha((unsigned char)orig[i - n - 1]))) return 1;
		}
	}
	return !strchr(".!?\"(\n:;", orig[i - 1]);
}

/* A garment word that is a verb too ("it suits you", "to dress") is a garment only after a
 * determiner or right after a colour ("a suit", "his grey suit", "红裙"). */
static int garment_stands(const json_t *lw, const char *text, size_t p, const struct toks *ts)
{
	const json_t *w;
	size_t i;
	int verb = 0;
	json_array_foreach(json_object_get(lw, "needs_det"), i, w)
		if (json_string_value(w) && match_at(text, p, json_string_value(w))) verb = 1;
	if (!verb) return 1;
	size_t e = p;
	while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '-')) e--;
	if (ts->n && ts->v[ts->n - 1].end == e && ts->v[ts->n - 1].colour) return 1;
	size_t b = e;
	while (b > 0 && isalpha((unsigned char)text[b - 1])) b--;
	char word[24];
	if (e == b || e - b >= sizeof word) return 0;
	memcpy(word, text + b, e - b);
	word[e - b] = 0;
	json_array_foreach(json_object_get(lw, "determiners"), i, w)
		if (str_eq(json_string_value(w), word)) return 1;
	return 0;
}

/* text is the lower-cased orig (same offsets: only ASCII letters change). */
static void tokenize(const json_t *lw, const char *orig, const char *text, int creature, struct toks *ts)
{
	size_t len = strlen(text);
	for (size_t p = 0; p < len;) {
		if (((unsigned char)text[p] & 0xc0) == 0x80) { p++; continue; }   /* inside a UTF-8 character */
		struct tok t;
		size_t n = token_at(lw, text, p, creature, &t);
		if (!n) { p++; continue; }
		if (t.colour && is_name_at(orig, p)) t.colour = NULL;
		if (t.garment && !garment_stands(lw, text, p, ts)) t.garment = NULL;
		if (ts->n == ts->cap) {
			ts->cap = ts->cap ? ts->cap * 2 : 16;
			ts->v = xrealloc(ts->v, ts->cap * sizeof *ts->v);
		}
		ts->v[ts->n++] = t;
		p += n;
	}
}

/* May the text between two tokens stand inside one phrase? English: at most 2 words and
 * no punctuation ("black silk robe", "long dark hair"); Chinese: only filler characters
 * ("黑色的长袍"; 线 is no filler, so "金线绣的鹤" ties nothing). */
static int gap_ok(const json_t *lw, const char *text, size_t from, size_t to, int zh)
{
	if (to < from) return 0;
	if (!zh) {
		int words = 0, in_word = 0;
		for (size_t i = from; i < to; i++) {
			unsigned char c = (unsigned char)text[i];
			if (isalpha(c) || c == '\'' || c == '-') { if (!in_word) words++; in_word = 1; }
			else if (c == ' ' || c == '\t') in_word = 0;
			else return 0;
		}
		return words <= 2 && to - from <= 30;
	}
	size_t i = from;
	while (i < to) {
		if (text[i] == ' ') { i++; continue; }
		size_t n = longest_in(text, i, json_object_get(lw, "zh_fillers"));
		if (!n || i + n > to) return 0;
		i += n;
	}
	return 1;
}

static int blank_between(const char *text, size_t from, size_t to)
{
	if (to < from) return 0;
	for (size_t i = from; i < to; i++) if (text[i] != ' ') return 0;
	return 1;
}

/* A token a colour may be tied across: another colour ("black and gold robe", "黑金长袍"). */
static int passable(const struct tok *t) { return t->colour && !t->hair_only; }

/* ... and what a hair-length word may be tied across to its hair: a colour or another
 * length ("long black hair", "长长的黑发"). */
static int passable_to_hair(const struct tok *t)
{
	return passable(t) || (t->before && !t->hair && !t->garment && !t->slot && !t->style);
}

static void set_hex(const json_t *data, const char *name, char out[8])
{
	const char *hex = json_string_value(json_object_get(json_object_get(data, "colour_names"), name));
	if (hex && hex[0] == '#' && !out[0]) snprintf(out, 8, "%.7s", hex);
}

/* The slot a garment's colour goes to: its own ("apron": the trim, as drawn), else the main. */
static int garment_slot(const json_t *g)
{
	const char *s = json_string_value(json_object_get(g, "slot"));
	return str_eq(s, "trim") ? SLOT_TRIM : str_eq(s, "accent") ? SLOT_ACCENT : 0;
}

/* Put colour name into the first open slot a garment or detail asks for. */
static void put_colour(const json_t *data, struct look_desc *d, const char *name, int garment, int slot)
{
	if (garment && !slot) {
		if (!d->main[0]) set_hex(data, name, d->main);
		else set_hex(data, name, d->accent);
		return;
	}
	if (slot & SLOT_TRIM) set_hex(data, name, d->trim);
	if (slot & SLOT_ACCENT) set_hex(data, name, d->accent);
}

/* Tie colour token i to what it colours: the token after it, else the one before it. */
static void tie_colour(const json_t *data, const json_t *lw, const char *text, const struct toks *ts, size_t i,
                       struct look_desc *d)
{
	const struct tok *c = &ts->v[i];
	const char *name = json_string_value(json_object_get(c->colour, "name"));
	const char *hair = json_string_value(json_object_get(c->colour, "hair"));
	const char *eyes = json_string_value(json_object_get(c->colour, "eyes"));
	int zh = (unsigned char)text[c->at] >= 0x80;
	if (c->hair_only) { if (hair) set_hex(data, hair, d->hair_colour); return; }
	for (size_t j = i + 1; j < ts->n; j++) {
		const struct tok *t = &ts->v[j];
		if (!gap_ok(lw, text, ts->v[j - 1].end, t->at, zh)) break;
		if (passable(t)) continue;
		/* "gold-trimmed" ties; "dark silk embroidered with ..." does not */
		if (t->participle && !(t->at == c->end || (t->at == c->end + 1 && text[c->end] == '-'))) break;
		if (t->hair) { if (hair) set_hex(data, hair, d->hair_colour); return; }
		if (t->eye) { if (eyes) set_hex(data, eyes, d->eye_colour); return; }
		if (t->garment || t->slot || t->coat) { put_colour(data, d, name, t->garment || t->coat, t->garment ? garment_slot(t->garment) : t->slot); return; }
		break;
	}
	/* else what stands before it: "hair of silver", "a robe of dark silk", "trimmed in gold",
	 * "a coat in red"; a cue alone right before it ("in red", "一身红") dresses the whole outfit */
	int by_cue = 0;
	for (size_t j = i; j > 0; j--) {
		const struct tok *b = &ts->v[j - 1];
		if (!gap_ok(lw, text, b->end, ts->v[j].at, zh)) break;
		if (b->hair) { if (hair) set_hex(data, hair, d->hair_colour); return; }
		if (b->eye) { if (eyes) set_hex(data, eyes, d->eye_colour); return; }
		/* Chinese puts the colour first: a detail before it is another thing (海边碧绿) */
		if (b->garment || (b->slot && !zh) || b->coat) { put_colour(data, d, name, b->garment || b->coat, b->garment ? garment_slot(b->garment) : b->slot); return; }
		if (!b->cue) break;
		if (j == i && blank_between(text, b->end, c->at)) by_cue = 1;
	}
	if (by_cue) put_colour(data, d, name, 1, 0);
}

/* A "long"/"short" word counts as a hair style when hair follows ("long black hair"). */
static int before_hair(const json_t *lw, const char *text, const struct toks *ts, size_t i)
{
	int zh = (unsigned char)text[ts->v[i].at] >= 0x80;
	for (size_t j = i + 1; j < ts->n; j++) {
		if (!gap_ok(lw, text, ts->v[j - 1].end, ts->v[j].at, zh)) return 0;
		if (ts->v[j].hair) return 1;
		if (!passable_to_hair(&ts->v[j])) return 0;
	}
	return 0;
}

int look_desc_read(const json_t *data, const char *description, int creature, struct look_desc *d)
{
	memset(d, 0, sizeof *d);
	const json_t *lw = json_object_get(data, "look_words");
	if (!lw || !description || !*description) return 0;
	char *text = xstrdup(description);
	for (char *p = text; *p; p++) *p = (char)tolower((unsigned char)*p);
	struct toks ts = { 0 };
	tokenize(lw, description, text, creature, &ts);
	for (size_t i = 0; i < ts.n; i++) {
		const struct tok *t = &ts.v[i];
		if (t->colour) tie_colour(data, lw, text, &ts, i, d);
		/* the first style named wins, but a weak one ("long") gives way to what is done with
		 * the hair ("长发，扎着马尾" is a ponytail) */
		int open = !d->hair_style || json_is_true(json_object_get(d->hair_style, "weak"));
		if (open && t->style && t->style != d->hair_style) d->hair_style = t->style;
		else if (!d->hair_style && t->before && before_hair(lw, text, &ts, i)) d->hair_style = t->before;
		if (t->garment && d->n_garments < LOOK_DESC_MAX_GARMENTS) {
			d->garments[d->n_garments++] = t->garment;
			const char *col = json_string_value(json_object_get(t->garment, "colour"));
			if (col) put_colour(data, d, col, 1, garment_slot(t->garment));   /* "white coat", "白大褂" */
		}
	}
	free(ts.v);
	free(text);
	return d->main[0] || d->accent[0] || d->trim[0] || d->hair_colour[0] || d->eye_colour[0] || d->hair_style || d->n_garments;
}

static int fits_sex(const json_t *e, int female)
{
	const char *sex = json_string_value(json_object_get(e, "sex"));
	return !sex || str_eq(sex, female ? "female" : "male");
}

const char *look_desc_outfit(const struct look_desc *d, const char *era, int female, const char *role_outfit)
{
	for (int i = 0; i < d->n_garments; i++) {
		const json_t *g = d->garments[i], *k;
		const char *style = json_string_value(json_object_get(g, era));
		if (!style || !fits_sex(g, female)) continue;   /* a generic "coat", a suit in the past, a man's "dress" */
		size_t j;
		json_array_foreach(json_object_get(g, "keep"), j, k)
			if (role_outfit && str_eq(json_string_value(k), role_outfit)) return role_outfit;
		return style;
	}
	return NULL;
}

const char *look_desc_hair(const struct look_desc *d, const char *era, int female)
{
	if (!d->hair_style || !fits_sex(d->hair_style, female)) return NULL;
	const char *am = json_string_value(json_object_get(d->hair_style, "ancient_male"));
	if (am && !female && str_eq(era, "ancient")) return am;
	return json_string_value(json_object_get(d->hair_style, "style"));
}
