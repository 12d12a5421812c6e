/* story/engine_cast.c — reading keywords (tropes, roles, places, props, unknown words,
 * in English or Chinese) and building the series bible: era, cast with names from the
 * pools, locations, props, title and logline. */
#include "story/engine.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- lexicon lookup ---- */
const json_t *eng_find_entry(const struct eng *g, const char *table, const char *id)
{
	size_t i;
	const json_t *e;
	json_array_foreach(json_object_get(g->lex, table), i, e)
		if (str_eq(eng_json_str(e, "id"), id)) return e;
	return NULL;
}

/* Lower-case ASCII, ASCII punctuation to spaces, spaces collapsed, padded with a space on
 * each side so " word " finds whole words. */
static char *norm(const char *s)
{
	struct sbuf b = { 0 };
	sb_add(&b, " ");
	int sp = 1;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80 && !isalnum(c)) {
			if (!sp) sb_add(&b, " ");
			sp = 1;
			continue;
		}
		char t = (char)tolower(c);
		sb_addn(&b, &t, 1);
		sp = 0;
	}
	if (!sp) sb_add(&b, " ");
	return b.s;
}

static int syn_hit(const char *normtext, const char *syn)
{
	if (!syn || !*syn) return 0;
	if ((unsigned char)syn[0] >= 0x80) return strstr(normtext, syn) != NULL;
	char *ns = norm(syn);          /* " time travel " */
	int hit = strstr(normtext, ns) != NULL;
	if (!hit && strlen(ns) > 4) {
		/* allow a plural or a suffix: " painting" matches " paintings " */
		ns[strlen(ns) - 1] = 0;
		const char *p = strstr(normtext, ns);
		if (p) {
			const char *q = p + strlen(ns);
			hit = (*q == 's' && q[1] == ' ') || (*q == 'e' && q[1] == 's' && q[2] == ' ');
		}
	}
	free(ns);
	return hit;
}

int eng_match(const struct eng *g, const char *table, const char *text, const json_t **hits, int max)
{
	char *t = norm(text);
	int n = 0;
	size_t i, k;
	const json_t *e, *syn;
	json_array_foreach(json_object_get(g->lex, table), i, e) {
		json_array_foreach(json_object_get(e, "match"), k, syn) {
			if (syn_hit(t, json_string_value(syn))) {
				if (n < max) hits[n++] = e;
				break;
			}
		}
	}
	free(t);
	return n;
}

void eng_add_trope(struct eng *g, const char *id)
{
	for (int i = 0; i < g->n_tropes; i++)
		if (str_eq(g->tropes[i], id)) return;
	const json_t *e = eng_find_entry(g, "tropes", id);
	if (!e || g->n_tropes >= (int)ARRAY_LEN(g->tropes)) return;
	g->tropes[g->n_tropes++] = eng_json_str(e, "id");
	const char *genre = eng_json_str(e, "genre");
	if (genre) strv_push(&g->s->genres, &g->s->n_genres, &g->s->cap_genres, genre);
}

/* ---- names ---- */
static int name_taken(const struct eng *g, const char *name)
{
	return series_find_character(g->s, name) != NULL;
}

static const char *pool_pick(struct eng *g, const char *pool, const char *key)
{
	const json_t *p = json_object_get(json_object_get(g->names, pool), key);
	return eng_pick_str(g, p);
}

/* Fill name, call and given for a new character. */
static void make_name(struct eng *g, int slot, const json_t *role, const char *gender,
                      const char *era, char **name, char **call, char **given)
{
	int ancient = str_eq(era, "ancient");
	char pool[32];
	snprintf(pool, sizeof pool, "%s%s", g->lang, ancient ? "_ancient" : "");
	const char *gk = str_eq(gender, "male") ? "male" : "female";
	for (int tries = 0; tries < 40; tries++) {
		const char *gv = pool_pick(g, pool, gk);
		const char *sn = pool_pick(g, pool, "surname");
		if (!gv) gv = g->zh ? "小雨" : "Sam";
		char *n, *c;
		if (g->zh && json_is_true(json_object_get(role, "creature"))) {
			/* a pet name: 小 + the given name's last character (小瑶), no surname */
			const char *p = gv, *last = gv;
			while (*p) { last = p; utf8_next(&p); }
			n = xasprintf("小%s", last);
			c = xstrdup(n);
		} else if (g->zh) {
			n = xasprintf("%s%s", sn ? sn : "林", gv);
			const char *pat = eng_json_str(role, "call_zh");
			if (pat) {
				struct sbuf b = { 0 };
				sb_add(&b, "");
				for (const char *p = pat; *p; p++) {
					if (!strncmp(p, "{s}", 3)) { sb_add(&b, sn ? sn : ""); p += 2; }
					else sb_addn(&b, p, 1);
				}
				c = b.s;
			} else {
				c = xstrdup(n);
			}
		} else {
			const char *title = eng_json_str(role, "title_en");
			int use_sn = json_is_true(json_object_get(role, "title_surname"));
			if (title && use_sn && sn) n = xasprintf("%s %s", title, sn);
			else if (title) n = xasprintf("%s %s", title, gv);
			else n = xstrdup(gv);
			c = xstrdup(n);
		}
		int clash = name_taken(g, n);
		for (int i = 0; i < SL_N && !clash; i++)
			if (g->slot[i].call && str_eq(g->slot[i].call, c)) clash = 1;
		if (!clash || tries == 39) {
			if (clash) { char *n2 = xasprintf("%s %d", n, slot + 2); free(n); n = n2; }
			*name = n;
			*call = c;
			*given = xstrdup(gv);
			return;
		}
		free(n);
		free(c);
	}
}

static const char *slot_default_gender(struct eng *g, int slot)
{
	const char *hero = g->slot[SL_HERO].ci >= 0 ? g->s->chars[g->slot[SL_HERO].ci].gender : "female";
	int hero_male = str_eq(hero, "male");
	switch (slot) {
	case SL_HERO: return "female";
	case SL_LOVE: return hero_male ? "female" : "male";
	case SL_RIVAL: return hero_male ? "male" : "female";
	case SL_ALLY: return rng_unit(&g->r) < 0.5 ? "female" : "male";
	default: return "male";
	}
}

int eng_add_character(struct eng *g, int slot, const json_t *role, const char *name)
{
	struct character *c = series_add_character(g->s);
	int ci = (int)(g->s->n_chars - 1);
	const char *gender = eng_json_str(role, "gender");
	if (!gender) gender = slot_default_gender(g, slot);
	const char *era = eng_json_str(role, "era");
	if (!era || str_eq(era, "any")) era = str_eq(g->era, "ancient") ? "ancient" : "modern";
	c->gender = xstrdup(gender);
	const char *rn = eng_lang_str(g, role, g->zh ? "zh" : "en");
	/* the mother-in-law of a male lead is 丈母娘, of a female lead 婆婆 */
	if (slot != SL_HERO && g->slot[SL_HERO].ci >= 0 && str_eq(g->s->chars[g->slot[SL_HERO].ci].gender, "male")) {
		char k[32];
		snprintf(k, sizeof k, "%s_male_lead", g->zh ? "zh" : "en");
		if (eng_json_str(role, k)) rn = eng_json_str(role, k);
	}
	c->role = xstrdup(rn ? rn : ENG_SLOT_NAMES[slot]);
	const json_t *age = json_object_get(role, "age");
	int lo = (int)json_integer_value(json_array_get(age, 0)), hi = (int)json_integer_value(json_array_get(age, 1));
	if (lo <= 0 || hi < lo) { lo = slot == SL_BOSS ? 40 : 20; hi = slot == SL_BOSS ? 58 : 29; }
	c->age = rng_range(&g->r, lo, hi);
	char *call = NULL, *given = NULL;
	if (name) {
		c->name = xstrdup(name);
		call = xstrdup(name);
		given = xstrdup(name);
	} else {
		make_name(g, slot, role, gender, era, &c->name, &call, &given);
	}
	char key[64];
	snprintf(key, sizeof key, "personality_%s", ENG_SLOT_NAMES[slot]);
	const char *pers = eng_pick_str(g, eng_bank(g, key));
	c->personality = xstrdup(pers ? pers : "");
	const char *tmpl = eng_json_str(g->ph, "char_desc");
	if (tmpl) {
		struct sbuf b = { 0 };
		sb_add(&b, "");
		char agebuf[16];
		snprintf(agebuf, sizeof agebuf, "%d", c->age);
		for (const char *p = tmpl; *p; p++) {
			if (!strncmp(p, "{age}", 5)) { sb_add(&b, agebuf); p += 4; }
			else if (!strncmp(p, "{role}", 6)) { sb_add(&b, c->role); p += 5; }
			else if (!strncmp(p, "{personality}", 13)) { sb_add(&b, c->personality); p += 12; }
			else sb_addn(&b, p, 1);
		}
		c->description = b.s;
		/* "A 18-year-old" -> "An 18-year-old" */
		if (!g->zh && !strncmp(b.s, "A ", 2) && (b.s[2] == '8' || !strncmp(b.s + 2, "11", 2) || !strncmp(b.s + 2, "18", 2))) {
			c->description = xasprintf("An %s", b.s + 2);
			free(b.s);
		}
	}
	if (slot >= 0 && slot < SL_N) {
		free(g->slot[slot].call);
		free(g->slot[slot].given);
		g->slot[slot].ci = ci;
		g->slot[slot].role = role;
		g->slot[slot].call = call;
		g->slot[slot].given = given;
	} else {
		free(call);
		free(given);
	}
	return ci;
}

int eng_add_location(struct eng *g, const char *name, const char *kind, const char *desc)
{
	struct location *l = series_find_location(g->s, name);
	if (l) return (int)(l - g->s->locs);
	l = series_add_location(g->s);
	l->name = xstrdup(name);
	l->kind = xstrdup(kind);
	l->description = xstrdup(desc);
	return (int)(g->s->n_locs - 1);
}

static int add_place_entry(struct eng *g, const json_t *pe)
{
	const char *nm = eng_lang_str(g, pe, g->zh ? "zh" : "en");
	if (!nm) return -1;
	char dk[16];
	snprintf(dk, sizeof dk, "desc_%s", g->lang);
	return eng_add_location(g, nm, eng_json_str(pe, "kind"), eng_json_str(pe, dk));
}

/* ---- keywords ---- */
static int is_sep(int32_t c)
{
	return c == ',' || c == ';' || c == '\n' || c == '|' || c == 0x3001 /* 、 */ ||
	       c == 0xff0c /* ， */ || c == 0xff1b /* ； */ || c == '\t';
}

static int ends_with_place_head(const struct eng *g, const char *kw)
{
	size_t i;
	const json_t *h;
	char *t = norm(kw);
	int hit = 0;
	json_array_foreach(json_object_get(g->lex, "place_heads"), i, h) {
		const char *s = json_string_value(h);
		if (!s) continue;
		if ((unsigned char)s[0] >= 0x80) {
			hit = str_has_suffix(kw, s);
		} else {
			char *w = xasprintf(" %s ", s);
			hit = str_has_suffix(t, w);
			free(w);
		}
		if (hit) break;
	}
	free(t);
	return hit;
}

static int slot_by_name(const char *s)
{
	for (int i = 0; i < SL_N; i++)
		if (str_eq(ENG_SLOT_NAMES[i], s)) return i;
	return -1;
}

static int place_by_name(const char *s)
{
	for (int i = 0; i < PL_N; i++)
		if (str_eq(ENG_PLACE_NAMES[i], s)) return i;
	return -1;
}

static void cast_role(struct eng *g, const json_t *role)
{
	for (int i = 0; i < SL_N; i++)
		if (g->slot[i].role == role) return;
	int want = slot_by_name(eng_json_str(role, "slot"));
	static const int order[] = { SL_HERO, SL_LOVE, SL_RIVAL, SL_ALLY, SL_BOSS };
	int sl = -1;
	if (want >= 0 && g->slot[want].ci < 0) sl = want;
	for (size_t i = 0; i < ARRAY_LEN(order) && sl < 0; i++)
		if (g->slot[order[i]].ci < 0 && order[i] != SL_HERO) sl = order[i];
	if (sl < 0) return;
	eng_add_character(g, sl, role, NULL);
}

int eng_place_entry(struct eng *g, const json_t *pe)
{
	int li = add_place_entry(g, pe);
	if (li < 0) return -1;
	for (int i = 0; i < PL_N; i++)
		if (g->place[i] == li) return li;
	int want = place_by_name(eng_json_str(pe, "slot"));
	static const int order[] = { PL_HOME, PL_PUBLIC, PL_PRIVATE, PL_POWER, PL_NIGHT };
	if (want >= 0 && g->place[want] < 0) { g->place[want] = li; return li; }
	for (size_t i = 0; i < ARRAY_LEN(order); i++)
		if (g->place[order[i]] < 0) { g->place[order[i]] = li; return li; }
	return li;
}

static void add_prop(struct eng *g, const char *name)
{
	for (int i = 0; i < g->n_props; i++)
		if (str_eq(g->props[i], name)) return;
	if (g->n_props < (int)ARRAY_LEN(g->props)) g->props[g->n_props++] = xstrdup(name);
}

/* Count letters by script; returns the number of characters of scripts we write. */
static int script_letters(const char *kw, int *other)
{
	int ok = 0;
	for (const char *p = kw; *p;) {
		int32_t c = utf8_next(&p);
		if (c < 0) continue;
		if ((c < 0x80 && isalnum((int)c)) || (c >= 0xc0 && c < 0x250 && c != 0xd7 && c != 0xf7) ||
		    (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) ok++;
		else if (c >= 0x80 && !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x303f) &&
		         !(c >= 0xff00 && c <= 0xffef)) (*other)++;
	}
	return ok;
}

struct kw { char *text; int known; };

/* A keyword the lexicon knows: what it became (the first table that matched decides). */
static void record_known(struct eng *g, const char *text)
{
	if (g->n_kw >= (int)ARRAY_LEN(g->kw)) return;
	struct eng_kw *k = &g->kw[g->n_kw];
	memset(k, 0, sizeof *k);
	k->slot = k->loc = -1;
	k->via = "lexicon";
	const json_t *hit[4];
	const char *nm = NULL;
	if (eng_match(g, "tropes", text, hit, 1)) {
		k->kind = KW_EVENT;
		k->trope = eng_json_str(hit[0], "id");
	} else if (eng_match(g, "roles", text, hit, 1)) {
		k->kind = KW_ROLE;
		for (int i = 0; i < SL_N; i++)
			if (g->slot[i].role == hit[0]) k->slot = i;
		nm = eng_lang_str(g, hit[0], g->zh ? "zh" : "en");
	} else if (eng_match(g, "places", text, hit, 1)) {
		k->kind = KW_PLACE;
		nm = eng_lang_str(g, hit[0], g->zh ? "zh" : "en");
		const struct location *l = nm ? series_find_location(g->s, nm) : NULL;
		k->loc = l ? (int)(l - g->s->locs) : -1;
	} else if (eng_match(g, "eras", text, hit, 1)) {
		k->kind = KW_WORLD;
		snprintf(k->sub, sizeof k->sub, "%s", eng_json_str(hit[0], "id"));
	} else {
		k->kind = KW_OBJECT;
		if (eng_match(g, "props", text, hit, 1)) nm = eng_lang_str(g, hit[0], g->zh ? "zh" : "en");
	}
	k->text = xstrdup(text);
	k->head = xstrdup(nm ? nm : text);
	g->n_kw++;
}

int eng_read_keywords(struct eng *g, const char *keywords)
{
	struct kw kws[32];
	int nk = 0, dropped = 0;
	/* split */
	const char *p = keywords, *start = keywords;
	while (1) {
		const char *here = p;
		int32_t c = *p ? utf8_next(&p) : 0;
		if (!c || is_sep(c)) {
			char *k = xstrndup(start, (size_t)(here - start));
			str_trim(k);
			int other = 0;
			if (*k && script_letters(k, &other) > 0 && nk < (int)ARRAY_LEN(kws)) {
				kws[nk++] = (struct kw){ k, 0 };
			} else {
				if (*k && nk >= (int)ARRAY_LEN(kws)) {
					if (!dropped++) log_warn("story", "more than %zu keywords; the rest are left out", ARRAY_LEN(kws));
				} else if (*k) {
					log_warn("story", "keyword \"%.40s\" is not English or Chinese; left out", k);
				}
				free(k);
			}
			if (!c) break;
			start = p;
		}
	}
	if (!nk) return err_set(ERR_INPUT, "the keywords have no English or Chinese words; "
	                        "write keywords like \"ancient time-travel, milk tea shop, prince\" or \"穿越, 奶茶店, 王爷\"");
	/* classify */
	const json_t *hits[16];
	int ancient = 0, modern = 0;
	for (int i = 0; i < nk; i++) {
		int n = eng_match(g, "tropes", kws[i].text, hits, 16);
		for (int h = 0; h < n; h++) eng_add_trope(g, eng_json_str(hits[h], "id"));
		kws[i].known += n;
		n = eng_match(g, "eras", kws[i].text, hits, 16);
		for (int h = 0; h < n; h++) {
			if (str_eq(eng_json_str(hits[h], "id"), "ancient")) ancient++;
			else modern++;
		}
		kws[i].known += n;
	}
	for (int i = 0; i < nk; i++) {
		int n = eng_match(g, "roles", kws[i].text, hits, 16);
		for (int h = 0; h < n; h++) cast_role(g, hits[h]);
		kws[i].known += n;
		n = eng_match(g, "places", kws[i].text, hits, 16);
		for (int h = 0; h < n; h++) eng_place_entry(g, hits[h]);
		kws[i].known += n;
		int placed = n;
		n = eng_match(g, "props", kws[i].text, hits, 16);
		/* "milk tea shop" is a place, not a cup of milk tea */
		for (int h = 0; h < n && !placed; h++) {
			const char *pn = eng_lang_str(g, hits[h], g->zh ? "zh" : "en");
			if (pn) add_prop(g, pn);
		}
		kws[i].known += n;
	}
	/* what the lexicon does not know is classified (engine_kw.c) and lands where it belongs */
	for (int i = 0; i < nk; i++) {
		char *k = kws[i].text;
		if (kws[i].known) { record_known(g, k); continue; }
		if (utf8_len(k) > 40) { log_warn("story", "keyword \"%.40s...\" is too long to use; left out", k); continue; }
		/* "the red umbrella" is a red umbrella (the lines say "the {prop}"); "the" alone says nothing */
		static const char *const ART[] = { "the ", "a ", "an " }, *const EMPTY[] = { "the", "a", "an", "and", "or", "of", "to", "in", "on", "with", "for" };
		for (size_t a = 0; a < ARRAY_LEN(ART); a++)
			if (!strncasecmp(k, ART[a], strlen(ART[a])) && k[strlen(ART[a])]) { memmove(k, k + strlen(ART[a]), strlen(k + strlen(ART[a])) + 1); break; }
		int empty = 0;
		for (size_t a = 0; a < ARRAY_LEN(EMPTY); a++) empty |= !strcasecmp(k, EMPTY[a]);
		if (empty) { log_warn("story", "keyword \"%s\" says nothing on its own; left out", k); continue; }
		if (g->n_kw >= (int)ARRAY_LEN(g->kw)) continue;
		struct eng_kw *kw = &g->kw[g->n_kw];
		eng_kw_classify(g, k, kw);
		if (ends_with_place_head(g, k) && kw->kind != KW_PLACE) { kw->kind = KW_PLACE; kw->via = "lexicon"; }
		if (kw->kind == KW_WORLD) {
			if (str_eq(kw->sub, "ancient")) ancient++;
			else modern++;
		}
		eng_kw_place(g, kw);
		g->n_kw++;
		log_info("story", "keyword \"%s\": %s (%s)", k, ENG_KW_KINDS[kw->kind], kw->via);
	}
	/* tropes implied by roles and places */
	for (int i = 0; i < SL_N; i++) {
		const char *t = eng_json_str(g->slot[i].role, "trope");
		if (t && g->n_tropes < 2) eng_add_trope(g, t);
	}
	for (size_t i = 0; i < g->s->n_locs; i++) {
		const json_t *pe = NULL;
		int n = eng_match(g, "places", g->s->locs[i].name, hits, 1);
		if (n) pe = hits[0];
		const char *t = eng_json_str(pe, "trope");
		if (t && !g->n_tropes) eng_add_trope(g, t);
	}
	/* then props ("family recipe" -> family feud) */
	for (int i = 0; i < nk && !g->n_tropes; i++) {
		int n = eng_match(g, "props", kws[i].text, hits, 16);
		for (int h = 0; h < n && !g->n_tropes; h++)
			if (eng_json_str(hits[h], "trope")) eng_add_trope(g, eng_json_str(hits[h], "trope"));
	}
	if (!g->n_tropes) eng_add_trope(g, eng_pick_str(g, json_object_get(g->lex, "default_tropes")));
	/* era votes */
	for (int i = 0; i < g->n_tropes; i++) {
		const char *e = eng_json_str(eng_find_entry(g, "tropes", g->tropes[i]), "era");
		if (str_eq(e, "ancient")) ancient++;
		else if (str_eq(e, "modern")) modern++;
		else if (str_eq(e, "mixed")) { ancient++; modern++; }
	}
	for (int i = 0; i < SL_N; i++) {
		const char *e = eng_json_str(g->slot[i].role, "era");
		if (str_eq(e, "ancient")) ancient++;
		else if (str_eq(e, "modern")) modern++;
	}
	for (size_t i = 0; i < g->s->n_locs; i++) {
		int n = eng_match(g, "places", g->s->locs[i].name, hits, 1);
		const char *e = n ? eng_json_str(hits[0], "era") : NULL;
		if (str_eq(e, "ancient")) ancient++;
		else if (str_eq(e, "modern")) modern++;
	}
	int tt = 0;
	for (int i = 0; i < g->n_tropes; i++) tt |= str_eq(g->tropes[i], "time_travel");
	g->era = tt || (ancient && modern) ? "mixed" : ancient ? "ancient" : "modern";
	g->s->era = xstrdup(g->era);
	for (int i = 0; i < nk; i++) free(kws[i].text);
	return 0;
}

/* A role or place entry fits the series era? */
static int era_fits(const struct eng *g, const json_t *e)
{
	const char *era = eng_json_str(e, "era");
	if (!era || str_eq(era, "any") || str_eq(g->era, "mixed")) return 1;
	return str_eq(era, g->era);
}

void eng_complete_cast(struct eng *g)
{
	const json_t *tr = eng_find_entry(g, "tropes", g->tropes[0]);
	const char *era_key = str_eq(g->era, "ancient") ? "ancient" : "modern";
	const json_t *defs = json_object_get(json_object_get(g->lex, "defaults"), era_key);
	/* cast: hero first so genders of the others follow */
	static const int order[] = { SL_HERO, SL_LOVE, SL_RIVAL, SL_ALLY, SL_BOSS };
	for (size_t i = 0; i < ARRAY_LEN(order); i++) {
		int sl = order[i];
		if (g->slot[sl].ci >= 0) continue;
		const json_t *role = NULL;
		for (int t = 0; t < g->n_tropes && !role; t++) {
			const json_t *te = eng_find_entry(g, "tropes", g->tropes[t]);
			const char *rid = eng_json_str(json_object_get(te, "roles"), ENG_SLOT_NAMES[sl]);
			const json_t *r = rid ? eng_find_entry(g, "roles", rid) : NULL;
			int dup = 0;
			for (int k = 0; k < SL_N; k++) dup |= r && g->slot[k].role == r;
			if (r && era_fits(g, r) && !dup) role = r;
		}
		if (!role) role = eng_find_entry(g, "roles", eng_json_str(json_object_get(defs, "roles"), ENG_SLOT_NAMES[sl]));
		eng_add_character(g, sl, role, NULL);
	}
	/* places */
	for (int pl = 0; pl < PL_N; pl++) {
		if (g->place[pl] >= 0) continue;
		const json_t *pe = NULL;
		for (int t = 0; t < g->n_tropes && !pe; t++) {
			const json_t *te = eng_find_entry(g, "tropes", g->tropes[t]);
			const char *pid = eng_json_str(json_object_get(te, "places"), ENG_PLACE_NAMES[pl]);
			const json_t *e = pid ? eng_find_entry(g, "places", pid) : NULL;
			if (e && era_fits(g, e)) pe = e;
		}
		int li = -1;
		if (pe) li = add_place_entry(g, pe);
		for (int k = 0; k < PL_N && li >= 0; k++)
			if (k != pl && g->place[k] == li) li = -1;
		if (li < 0) {
			/* era defaults: a list per place slot; take the first one not yet used */
			const json_t *lst = json_object_get(json_object_get(defs, "places"), ENG_PLACE_NAMES[pl]);
			size_t i;
			const json_t *id;
			json_array_foreach(lst, i, id) {
				const json_t *e = eng_find_entry(g, "places", json_string_value(id));
				if (!e) continue;
				const char *nm = eng_lang_str(g, e, g->zh ? "zh" : "en");
				if (nm && series_find_location(g->s, nm)) continue;
				li = add_place_entry(g, e);
				break;
			}
		}
		if (li < 0) li = g->place[PL_HOME] >= 0 ? g->place[PL_HOME] : 0;
		if (li < 0 || (size_t)li >= g->s->n_locs)
			li = eng_add_location(g, g->zh ? "街头" : "City Street", "city_street", NULL);
		g->place[pl] = li;
	}
	/* props: keywords first, then the trope's */
	size_t i;
	const json_t *id;
	json_array_foreach(json_object_get(tr, "props"), i, id) {
		if (g->n_props >= 3) break;
		const json_t *e = eng_find_entry(g, "props", json_string_value(id));
		const char *pn = e ? eng_lang_str(g, e, g->zh ? "zh" : "en") : NULL;
		if (pn && era_fits(g, e)) add_prop(g, pn);
	}
	if (!g->n_props) add_prop(g, g->zh ? "信" : "letter");
}

/* English title case: "the cup of tea between worlds" -> "The Cup of Tea Between Worlds". */
void eng_title_case(char *t)
{
	static const char *const small[] = { "a", "an", "the", "of", "in", "at", "on", "to", "and", "or", "for", "by", "with", NULL };
	int first = 1;
	for (char *w = t; *w;) {
		while (*w == ' ') w++;
		char *e = w;
		while (*e && *e != ' ') e++;
		int is_small = 0;
		for (int i = 0; small[i] && !first; i++)
			if ((size_t)(e - w) == strlen(small[i]) && !strncmp(w, small[i], (size_t)(e - w))) is_small = 1;
		if (!is_small && islower((unsigned char)*w)) *w = (char)toupper((unsigned char)*w);
		first = 0;
		w = e;
	}
}

void eng_title_and_logline(struct eng *g)
{
	g->cur_loc = g->place[PL_HOME];
	char *t = eng_phrase(g, "series_title", SL_HERO, SL_LOVE, 0);
	if (t && !g->zh) eng_title_case(t);
	g->s->title = t ? t : xstrdup(g->zh ? "逆袭" : "The Turn");
	char *l = eng_phrase(g, "logline", SL_HERO, SL_LOVE, 0);
	g->s->logline = l ? l : xstrdup(g->s->title);
	/* a world keyword the lexicon lacks ("post-apocalypse", "末日") frames the logline */
	for (int i = 0; i < g->n_kw; i++) {
		const struct eng_kw *k = &g->kw[i];
		if (k->kind != KW_WORLD || str_eq(k->via, "lexicon")) continue;
		char *w = xstrdup(k->head);
		if (!g->zh && w[0] >= 'a' && w[0] <= 'z') w[0] = (char)(w[0] - 'a' + 'A');
		char *nl = g->zh ? xasprintf("【%s】%s", w, g->s->logline) : xasprintf("%s. %s", w, g->s->logline);
		free(w);
		free(g->s->logline);
		g->s->logline = nl;
		break;
	}
}
