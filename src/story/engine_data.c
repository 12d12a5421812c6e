/* story/engine_data.c — the engine's data: loading data/story/ JSON files, phrase banks
 * with trope and era variants, slot filling, the per-episode used-line set, and the
 * duration estimates used to size an episode. */
#include "story/engine.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const ENG_SLOT_NAMES[SL_N] = { "hero", "love", "rival", "ally", "boss" };
const char *const ENG_PLACE_NAMES[PL_N] = { "home", "public", "power", "private", "night" };

static json_t *load_json(const char *rel)
{
	char *p = data_path(rel);
	json_error_t je;
	json_t *j = json_load_file(p, 0, &je);
	if (!j)
		err_set(ERR_IO, "story data %s:%d:%d: %s; reinstall the data folder or set DRAMA_DATA",
		        p, je.line, je.column, je.text);
	else if (!json_is_object(j)) {
		err_set(ERR_INPUT, "story data %s: the top level must be an object", p);
		json_decref(j);
		j = NULL;
	}
	free(p);
	return j;
}

struct eng *eng_new(const char *lang, uint64_t seed)
{
	struct eng *g = xcalloc(1, sizeof *g);
	g->zh = str_eq(lang, "zh");
	g->lang = g->zh ? "zh" : "en";
	g->seed = seed;
	rng_seed(&g->r, seed_mix(seed, "story-engine"));
	g->lex = load_json("story/lexicon.json");
	if (g->lex) g->scenes = load_json("story/scenes.json");
	if (g->scenes) g->names = load_json("story/names.json");
	if (g->names) g->ph = load_json(g->zh ? "story/phrases_zh.json" : "story/phrases_en.json");
	if (g->ph) g->kinds = load_json("story/kinds.json");
	if (g->kinds) g->plots = load_json("story/plots.json");
	json_t *beats = g->plots ? load_json(g->zh ? "story/beats_zh.json" : "story/beats_en.json") : NULL;
	if (!beats) { eng_free(g); return NULL; }
	/* the beat banks join the phrase banks; a bank in both keeps the phrases' entries first */
	const char *bk;
	json_t *bv;
	json_object_foreach(beats, bk, bv) {
		json_t *have = json_object_get(g->ph, bk);
		if (json_is_array(have) && json_is_array(bv)) json_array_extend(have, bv);
		else if (!have) json_object_set(g->ph, bk, bv);
	}
	json_decref(beats);
	g->kwroles = json_array();
	g->s = series_new();
	g->s->lang = xstrdup(g->lang);
	g->s->seed = seed;
	for (int i = 0; i < SL_N; i++) g->slot[i].ci = -1;
	for (int i = 0; i < PL_N; i++) g->place[i] = -1;
	g->prev_cliff_loc = -1;
	g->prev_cliff_slot = -1;
	g->force_loc = -1;
	g->cur_loc = -1;
	return g;
}

void eng_free(struct eng *g)
{
	if (!g) return;
	json_decref(g->lex);
	json_decref(g->scenes);
	json_decref(g->names);
	json_decref(g->ph);
	json_decref(g->kinds);
	json_decref(g->plots);
	json_decref(g->kwroles);
	for (int i = 0; i < g->n_kw; i++) eng_kw_free(&g->kw[i]);
	for (size_t i = 0; i < g->n_once; i++) free(g->once[i]);
	free(g->once);
	series_free(g->s);
	for (int i = 0; i < SL_N; i++) { free(g->slot[i].call); free(g->slot[i].given); }
	for (int i = 0; i < g->n_props; i++) free(g->props[i]);
	for (int i = 0; i < g->n_topics; i++) free(g->topics[i]);
	eng_clear_used(g);
	free(g->used);
	for (size_t i = 0; i < g->n_sused; i++) free(g->sused[i]);
	free(g->sused);
	for (size_t i = 0; i < g->cap_counts; i++) free(g->counts[i].s);
	free(g->counts);
	free(g->prev_cliff_line);
	free(g->prev_cliff_speaker);
	free(g->reply);
	free(g);
}

struct series *eng_take_series(struct eng *g)
{
	struct series *s = g->s;
	g->s = NULL;
	return s;
}

const char *eng_json_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

const char *eng_lang_str(const struct eng *g, const json_t *o, const char *key)
{
	char k[64];
	snprintf(k, sizeof k, "%s_%s", key, g->lang);
	const char *v = eng_json_str(o, k);
	return v ? v : eng_json_str(o, key);
}

const char *eng_pick_str(struct eng *g, const json_t *arr)
{
	size_t n = json_array_size(arr);
	if (!n) return json_string_value(arr);
	return json_string_value(json_array_get(arr, (size_t)rng_range(&g->r, 0, (int)n - 1)));
}

const json_t *eng_bank(const struct eng *g, const char *key)
{
	return json_object_get(g->ph, key);
}

/* ---- used lines ---- */
int eng_is_used(const struct eng *g, const char *text)
{
	for (size_t i = 0; i < g->n_used; i++)
		if (!strcmp(g->used[i], text)) return 1;
	return 0;
}

void eng_mark_used(struct eng *g, const char *text)
{
	if (eng_is_used(g, text)) return;
	xgrow((void **)&g->used, &g->cap_used, g->n_used, sizeof *g->used);
	g->used[g->n_used++] = xstrdup(text);
}

void eng_sused_truncate(struct eng *g, size_t n)
{
	while (g->n_sused > n) free(g->sused[--g->n_sused]);
}

void eng_clear_used(struct eng *g)
{
	for (size_t i = 0; i < g->n_used; i++) free(g->used[i]);
	g->n_used = 0;
}

/* ---- how often a line was heard in the series: open addressing on FNV-1a ---- */
static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static struct eng_count *count_slot(struct eng *g, const char *s, int create)
{
	if (!g->cap_counts) {
		if (!create) return NULL;
		g->cap_counts = 1024;
		g->counts = xcalloc(g->cap_counts, sizeof *g->counts);
	}
	if (create && (g->n_counts + 1) * 2 > g->cap_counts) {
		struct eng_count *old = g->counts;
		size_t oc = g->cap_counts;
		g->cap_counts *= 2;
		g->counts = xcalloc(g->cap_counts, sizeof *g->counts);
		for (size_t i = 0; i < oc; i++)
			if (old[i].s) {
				size_t j = fnv(old[i].s) & (g->cap_counts - 1);
				while (g->counts[j].s) j = (j + 1) & (g->cap_counts - 1);
				g->counts[j] = old[i];
			}
		free(old);
	}
	size_t j = fnv(s) & (g->cap_counts - 1);
	while (g->counts[j].s) {
		if (!strcmp(g->counts[j].s, s)) return &g->counts[j];
		j = (j + 1) & (g->cap_counts - 1);
	}
	if (!create) return NULL;
	g->counts[j].s = xstrdup(s);
	g->n_counts++;
	return &g->counts[j];
}

static int heard(struct eng *g, const char *s)
{
	struct eng_count *c = count_slot(g, s, 0);
	return c ? c->n : 0;
}

int eng_heard(struct eng *g, const char *text) { return heard(g, text); }

void eng_count_episode(struct eng *g, const struct episode *e)
{
	for (size_t i = 0; i < e->n_scenes; i++)
		for (size_t k = 0; k < e->scenes[i].n_shots; k++) {
			const struct shot *sh = &e->scenes[i].shots[k];
			if (sh->line && sh->line->text) count_slot(g, sh->line->text, 1)->n++;
			if (sh->action) count_slot(g, sh->action, 1)->n++;
		}
}

/* ---- slot filling ---- */
static const char *slot_call(const struct eng *g, int sl)
{
	if (sl < 0 || sl >= SL_N) return NULL;
	return g->slot[sl].call;
}

static const char *slot_full(const struct eng *g, int sl)
{
	if (sl < 0 || sl >= SL_N || g->slot[sl].ci < 0) return NULL;
	return g->s->chars[g->slot[sl].ci].name;
}

static const char *slot_role(const struct eng *g, int sl)
{
	if (sl < 0 || sl >= SL_N || g->slot[sl].ci < 0) return NULL;
	return g->s->chars[g->slot[sl].ci].role;
}

static int slot_index(const char *name, size_t n)
{
	for (int i = 0; i < SL_N; i++)
		if (strlen(ENG_SLOT_NAMES[i]) == n && !strncmp(ENG_SLOT_NAMES[i], name, n)) return i;
	return -1;
}

static const char *loc_name(const struct eng *g, int li)
{
	return li >= 0 && (size_t)li < g->s->n_locs ? g->s->locs[li].name : NULL;
}

static int noun_slot(const char *k, size_t n);
static const char *slot_value(struct eng *g, const char *k, size_t n, int sp, int ls);

/* The first keyword of a kind, or NULL. */
static const struct eng_kw *kw_of(const struct eng *g, int kind)
{
	if (g->cur_ent && g->cur_ent->kind == kind) return g->cur_ent;
	for (int i = 0; i < g->n_kw; i++)
		if (g->kw[i].kind == kind && !g->kw[i].trope) return &g->kw[i];
	return NULL;
}

/* ZH measure word of a noun: the longest suffix in kinds.json zh_measure, else 个. */
static const char *zh_measure(const struct eng *g, const char *noun)
{
	const char *key, *best = "个";
	const json_t *v;
	size_t bl = 0;
	if (!noun) return NULL;
	json_object_foreach(json_object_get(g->kinds, "zh_measure"), key, v)
		if (strlen(key) > bl && str_has_suffix(noun, key)) { best = json_string_value(v); bl = strlen(key); }
	return best;
}

/* The value of one {slot}; NULL if unknown (the template is then rejected). */
static const char *slot_value(struct eng *g, const char *k, size_t n, int sp, int ls)
{
#define IS(lit) (n == sizeof(lit) - 1 && !strncmp(k, lit, n))
	if (IS("event")) { const struct eng_kw *e = kw_of(g, KW_EVENT); return e ? e->head : NULL; }
	if (IS("cond")) return g->cur_cond;
	if (IS("world")) { const struct eng_kw *e = kw_of(g, KW_WORLD); return e ? e->head : NULL; }
	if (IS("ent")) return g->cur_ent ? g->cur_ent->head : NULL;
	if (IS("prop_mw")) return zh_measure(g, g->n_props ? g->props[g->cur_prop % g->n_props] : NULL);
	/* {prop_it} "it"/"them", {event_was} "was"/"were": the noun's number decides */
	if (n > 3 && (!strncmp(k + n - 3, "_it", 3) || (n > 4 && !strncmp(k + n - 4, "_was", 4)))) {
		int was = k[n - 1] == 's';
		size_t bn = n - (was ? 4 : 3);
		if (noun_slot(k, bn)) {
			const char *v = slot_value(g, k, bn, sp, ls);
			if (!v) return NULL;
			int pl = eng_plural(g, v);
			return was ? (pl ? "were" : "was") : (pl ? "them" : "it");
		}
	}
	if (IS("you")) return slot_call(g, ls);
	if (IS("me")) return slot_call(g, sp);
	if (IS("you_name")) return slot_full(g, ls);
	if (IS("me_name")) return slot_full(g, sp);
	if (IS("you_role")) return slot_role(g, ls);
	if (IS("me_role")) return slot_role(g, sp);
	if (IS("you_given")) return ls >= 0 ? g->slot[ls].given : NULL;
	if (IS("place")) return loc_name(g, g->cur_loc);
	if (IS("prop")) return g->n_props ? g->props[g->cur_prop % g->n_props] : NULL;
	if (IS("prop2")) return g->n_props > 1 ? g->props[(g->cur_prop + 1) % g->n_props] : NULL;
	if (IS("topic")) return g->n_topics ? g->topics[g->ep_index % g->n_topics]
	                        : (g->n_props ? g->props[g->cur_prop % g->n_props] : NULL);
	if (IS("goal")) return g->goal;
	if (IS("title")) return g->s->title;
	for (int p = 0; p < PL_N; p++)
		if (strlen(ENG_PLACE_NAMES[p]) == n && !strncmp(ENG_PLACE_NAMES[p], k, n))
			return loc_name(g, g->place[p]);
	/* {hero}, {hero_name}, {hero_role}, {hero_given}; pronouns {you_he} {me_his} {hero_Him} */
	const char *us = memchr(k, '_', n);
	int sl = us && (size_t)(us - k) == 2 && !strncmp(k, "me", 2) ? sp
	       : us && (size_t)(us - k) == 3 && !strncmp(k, "you", 3) ? ls
	       : slot_index(k, us ? (size_t)(us - k) : n);
	if (sl < 0 || sl >= SL_N) return NULL;
	/* a spoken line never names its own speaker in the third person ("Ask Mr. Pierce why he...") */
	if (g->spoken && sl == sp && !(us && (size_t)(us - k) == 2 && !strncmp(k, "me", 2)) && !(!us && IS("me"))) return NULL;
	if (!us) return slot_call(g, sl);
	size_t rest = n - (size_t)(us - k) - 1;
	if (g->slot[sl].ci >= 0 && rest == 7 && !strncmp(us + 1, "himself", 7))
		return g->zh ? (str_eq(g->s->chars[g->slot[sl].ci].gender, "male") ? "他自己" : "她自己")
		             : str_eq(g->s->chars[g->slot[sl].ci].gender, "male") ? "himself" : "herself";
	if (g->slot[sl].ci >= 0 && (rest == 3 || rest == 4)) {
		int fem = !str_eq(g->s->chars[g->slot[sl].ci].gender, "male");
		/* possessive pronoun ("in hers"), and forms of address that fit the listener */
		if (rest == 4 && !strncmp(us + 1, "hers", 4)) return g->zh ? (fem ? "她的" : "他的") : fem ? "hers" : "his";
		/* a servant to the young one of the house */
		if (rest == 4 && !strncmp(us + 1, "Miss", 4)) return g->zh ? (fem ? "小姐" : "少爷") : fem ? "Miss" : "Young master";
		if (rest == 3 && !strncmp(us + 1, "sir", 3)) return g->zh ? (fem ? "女士" : "先生") : fem ? "madam" : "sir";
		if (rest == 3 && !strncmp(us + 1, "Sir", 3)) return g->zh ? (fem ? "女士" : "先生") : fem ? "Madam" : "Sir";
		if (rest == 3 && !strncmp(us + 1, "Mr.", 3)) return fem ? "Madam" : "Mr.";
	}
	if (rest >= 2 && rest <= 3 && strchr("hH", us[1])) {
		static const char *const P[2][2][3] = {
			{ { "he", "his", "him" }, { "she", "her", "her" } },
			{ { "He", "His", "Him" }, { "She", "Her", "Her" } } };
		static const char *const ZH[2] = { "他", "她" };
		if (g->slot[sl].ci < 0) return NULL;
		int fem = !str_eq(g->s->chars[g->slot[sl].ci].gender, "male");
		if (g->zh) return ZH[fem];
		int cap = us[1] == 'H';
		int form = rest == 2 ? 0 : (us[2] == 'i' && us[3] == 's') ? 1 : 2;
		return P[cap][fem][form];
	}
	if (rest == 4 && !strncmp(us + 1, "name", 4)) return slot_full(g, sl);
	if (rest == 4 && !strncmp(us + 1, "role", 4)) return slot_role(g, sl);
	if (rest == 5 && !strncmp(us + 1, "given", 5)) return g->slot[sl].given;
	return NULL;
#undef IS
}

/* Is an English noun phrase plural? "divorce papers", "exam results" yes; "glass",
 * "blackmail", "princess" no (kinds.json singular_s). */
int eng_plural(const struct eng *g, const char *np)
{
	if (!np || g->zh) return 0;
	/* the head noun: the last word before a clause or a phrase that follows it ("the secret
	 * nobody guesses", "the name on the contract", "the day the mask falls") */
	static const char *const STOP[] = { "nobody", "no", "that", "who", "which", "whom", "of", "on", "in", "about",
	                                    "behind", "from", "with", "for", "to", "at", "everyone", "someone", "the", "a", "an",
	                                    "he", "she", "they", "we", "i", "you", "his", "her", "their", "my", "your" };
	char buf[128];
	snprintf(buf, sizeof buf, "%s", np);
	char *words[16];
	int nw = 0;
	char *save = NULL;
	for (char *q = strtok_r(buf, " ", &save); q && nw < 16; q = strtok_r(NULL, " ", &save)) words[nw++] = q;
	int head = nw - 1;
	for (int i = 1; i < nw; i++) {
		int stop = 0;
		for (size_t k = 0; k < ARRAY_LEN(STOP); k++) stop |= !strcasecmp(words[i], STOP[k]);
		if (stop) { head = i - 1; break; }
	}
	const char *w = head >= 0 ? words[head] : np;
	size_t n = strlen(w);
	if (n < 3 || tolower((unsigned char)w[n - 1]) != 's') return 0;
	char c2 = (char)tolower((unsigned char)w[n - 2]);
	if (c2 == 's' || c2 == 'u' || c2 == 'i') return 0;
	size_t i;
	const json_t *x;
	json_array_foreach(json_object_get(g->kinds, "singular_s"), i, x)
		if (!strcasecmp(json_string_value(x), w)) return 0;
	return 1;
}

/* After a plural noun slot: the verb of the template agrees ("papers have", "results
 * bring"). Returns how many template bytes were consumed (0 = nothing to change). */
static size_t agree(struct sbuf *b, const char *t)
{
	static const char *const IRR[][2] = { { " has", " have" }, { " is", " are" }, { " was", " were" },
	                                      { " does", " do" }, { " doesn't", " don't" }, { " isn't", " aren't" },
	                                      { " wasn't", " weren't" }, { " goes", " go" } };
	for (size_t i = 0; i < ARRAY_LEN(IRR); i++) {
		size_t n = strlen(IRR[i][0]);
		if (!strncmp(t, IRR[i][0], n) && !isalpha((unsigned char)t[n])) { sb_add(b, IRR[i][1]); return n; }
	}
	/* a regular verb in -s right after the noun: "brings", "belongs", "lies" */
	static const char *const REG[] = { "brings", "belongs", "lies", "means", "changes", "matters", "stays", "holds",
	                                   "proves", "costs", "comes", "makes", "hides", "tells", "shows", "keeps",
	                                   "remains", "needs", "feels", "seems", "glows", "sits", "bears", "looks", "says" };
	for (size_t i = 0; i < ARRAY_LEN(REG); i++) {
		size_t n = strlen(REG[i]);
		if (t[0] == ' ' && !strncmp(t + 1, REG[i], n) && !isalpha((unsigned char)t[n + 1])) {
			sb_add(b, " ");
			if (!strcmp(REG[i], "lies")) sb_add(b, "lie");
			else if (!strcmp(REG[i], "says")) sb_add(b, "say");
			else sb_addn(b, REG[i], n - 1);
			return n + 1;
		}
	}
	return 0;
}

static int noun_slot(const char *k, size_t n)
{
	static const char *const N[] = { "prop", "prop2", "topic", "event", "cond", "world", "ent", "goal" };
	for (size_t i = 0; i < ARRAY_LEN(N); i++)
		if (strlen(N[i]) == n && !strncmp(N[i], k, n)) return 1;
	return 0;
}

char *eng_fill(struct eng *g, const char *tmpl, int sp, int ls)
{
	struct sbuf b = { 0 };
	sb_add(&b, "");
	for (const char *p = tmpl; *p;) {
		if (*p == '{') {
			const char *e = strchr(p, '}');
			if (e) {
				const char *v = slot_value(g, p + 1, (size_t)(e - p - 1), sp, ls);
				if (!v) { sb_free(&b); return NULL; }
				if (!g->zh && noun_slot(p + 1, (size_t)(e - p - 1)) && eng_plural(g, v)) {
					/* "that {prop}" before a plural: "those" */
					static const char *const DEM[][2] = { { "That ", "Those " }, { "that ", "those " }, { "This ", "These " }, { "this ", "these " } };
					for (size_t d = 0; d < ARRAY_LEN(DEM); d++) {
						size_t dl = strlen(DEM[d][0]);
						if (b.len >= dl && !strcmp(b.s + b.len - dl, DEM[d][0]) && (b.len == dl || b.s[b.len - dl - 1] == ' ')) {
							b.len -= dl;
							b.s[b.len] = 0;
							sb_add(&b, DEM[d][1]);
							break;
						}
					}
					/* "a {prop}" before a plural: the article goes */
					if (b.len >= 2 && b.s[b.len - 1] == ' ' && (b.s[b.len - 2] == 'a' || b.s[b.len - 2] == 'A') &&
					    (b.len == 2 || b.s[b.len - 3] == ' ')) {
						b.len -= 2;
						b.s[b.len] = 0;
					}
					sb_add(&b, v);
					p = e + 1;
					p += agree(&b, p);
					continue;
				}
				/* "a {you_role}" before "intern": "an intern" */
				if (!g->zh && strchr("aeioAEIO", v[0]) && b.len >= 2 && (b.s[b.len - 2] == 'a' || b.s[b.len - 2] == 'A') &&
				    b.s[b.len - 1] == ' ' && (b.len == 2 || b.s[b.len - 3] == ' ') && strncasecmp(v, "one", 3)) {
					b.s[b.len - 1] = 'n';
					sb_add(&b, " ");
				}
				sb_add(&b, v);
				p = e + 1;
				continue;
			}
		}
		sb_addn(&b, p, 1);
		p++;
	}
	if (!g->zh && b.len && islower((unsigned char)b.s[0])) b.s[0] = (char)toupper((unsigned char)b.s[0]);
	/* "本王" is how a prince says "I"; an emperor says "朕", a general "本将军", others "我" */
	if (g->zh && sp >= 0 && sp < SL_N && strstr(b.s, "本王")) {
		const char *self = eng_json_str(g->slot[sp].role, "self_zh");
		if (!self) self = "我";
		if (strcmp(self, "本王")) {
			struct sbuf r = { 0 };
			sb_add(&r, "");
			for (const char *p = b.s; *p;) {
				if (!strncmp(p, "本王", strlen("本王"))) { sb_add(&r, self); p += strlen("本王"); }
				else { sb_addn(&r, p, 1); p++; }
			}
			sb_free(&b);
			return r.s;
		}
	}
	return b.s;
}

/* ---- phrase choice ---- */
struct cand { char *text; int tier; char *reply; };

/* Hooks, reveals and cliffhangers should not come back in later episodes while the
 * bank still has fresh ones. */
static int series_fresh_bank(const char *key)
{
	return !strncmp(key, "cliff_", 6) || !strncmp(key, "hook_", 5) || !strncmp(key, "reveal_", 7) ||
	       !strncmp(key, "ep_title", 8) || !strncmp(key, "sum_", 4);
}

static int series_used(const struct eng *g, const char *t)
{
	for (size_t i = 0; i < g->n_sused; i++)
		if (!strcmp(g->sused[i], t)) return 1;
	return 0;
}

static void add_cands(struct eng *g, const char *key, int tier, int sp, int ls,
                      struct cand **v, size_t *n, size_t *cap)
{
	int fresh = series_fresh_bank(key);
	const json_t *a = eng_bank(g, key);
	size_t i;
	const json_t *it;
	json_array_foreach(a, i, it) {
		/* a pair ["line", "reply"]: the reply answers this line and nothing else */
		const char *t = json_string_value(json_is_array(it) ? json_array_get(it, 0) : it);
		const char *rt = json_is_array(it) ? json_string_value(json_array_get(it, 1)) : NULL;
		if (!t || (json_is_array(it) && !g->want_pair)) continue;
		char *f = eng_fill(g, t, sp, ls);
		if (!f) continue;
		char *r = rt ? eng_fill(g, rt, ls, sp) : NULL;
		if (eng_is_used(g, f) || (r && eng_is_used(g, r)) || (rt && !r)) { free(f); free(r); continue; }
		xgrow((void **)v, cap, *n, sizeof **v);
		/* series-used ones go to a last tier, taken only when nothing fresh is left */
		(*v)[(*n)++] = (struct cand){ f, fresh && series_used(g, f) ? 3 : tier, r };
	}
}

/* The era a speaker talks in: their role's era when the series mixes eras. */
static const char *speech_era(const struct eng *g, int sp)
{
	if (!str_eq(g->era, "mixed")) return g->era;
	if (sp >= 0 && sp < SL_N && g->slot[sp].role) {
		const char *e = eng_json_str(g->slot[sp].role, "era");
		if (e && strcmp(e, "any")) return e;
	}
	return NULL;
}

char *eng_phrase(struct eng *g, const char *key, int sp, int ls, int mark)
{
	free(g->reply);
	g->reply = NULL;
	struct cand *v = NULL;
	size_t n = 0, cap = 0;
	char k[128];
	/* the scene's event or weather keyword and its class: ev_strike@car accident,
	 * ev_strike@accident; when a bank has them, no other line will do */
	for (int t = 0; t < g->n_tags && !n; t++) {
		snprintf(k, sizeof k, "%s@%s", key, g->tags[t]);
		add_cands(g, k, 0, sp, ls, &v, &n, &cap);
	}
	const char *era = NULL;
	if (n) goto pick;
	/* the speaker's own role first: reveal_identity@role:ceo */
	if (sp >= 0 && sp < SL_N && g->slot[sp].role) {
		snprintf(k, sizeof k, "%s@role:%s", key, eng_json_str(g->slot[sp].role, "id"));
		add_cands(g, k, 0, sp, ls, &v, &n, &cap);
	}
	for (int t = 0; t < g->n_tropes; t++) {
		snprintf(k, sizeof k, "%s@%s", key, g->tropes[t]);
		add_cands(g, k, 0, sp, ls, &v, &n, &cap);
	}
	/* shop talk (cups, rent, customers) only where there is a counter */
	const char *kind = g->cur_loc >= 0 && (size_t)g->cur_loc < g->s->n_locs ? g->s->locs[g->cur_loc].kind : NULL;
	if (kind && (str_eq(kind, "milk_tea_shop") || str_eq(kind, "cafe") || str_eq(kind, "bakery") || str_eq(kind, "restaurant"))) {
		snprintf(k, sizeof k, "%s@shop", key);
		add_cands(g, k, 1, sp, ls, &v, &n, &cap);
	}
	if (g->cur_weather && *g->cur_weather) {
		snprintf(k, sizeof k, "%s@%s", key, g->cur_weather);
		add_cands(g, k, 0, sp, ls, &v, &n, &cap);
	}
	era = speech_era(g, sp);
	if (era) {
		snprintf(k, sizeof k, "%s@%s", key, era);
		add_cands(g, k, 1, sp, ls, &v, &n, &cap);
	}
	add_cands(g, key, 2, sp, ls, &v, &n, &cap);
	/* in a series, lines for where the arc stands: key@act1 (the first third of the
	 * episodes), key@act2, key@act3; era-neutral, taken like the plain key's */
	if (g->n_eps >= 3) {
		snprintf(k, sizeof k, "%s@act%d", key, 1 + g->ep_index * 3 / g->n_eps);
		add_cands(g, k, 2, sp, ls, &v, &n, &cap);
	}
pick:;
	char *out = NULL;
	/* an ancient speaker never takes a generic (modern) line while the bank has ancient ones */
	if (n && str_eq(era, "ancient")) {
		int anc = 0;
		for (size_t i = 0; i < n; i++) anc |= v[i].tier < 2;
		if (anc)
			for (size_t i = 0; i < n; i++)
				if (v[i].tier == 2) v[i].tier = 3;
	}
	if (n) {
		/* In a series a specific tier (the speaker's role, the trope, the era) is taken
		 * only while its least-heard line has been heard no more often than the least
		 * heard of all: a one-line role bank must not come back in every episode. */
		int least_all = -1;
		for (size_t i = 0; i < n; i++)
			if (v[i].tier < 3) {
				int h = heard(g, v[i].text);
				if (least_all < 0 || h < least_all) least_all = h;
			}
		int tier = -1;
		for (int t = 0; t < 4 && tier < 0; t++) {
			size_t here = 0, later = 0;
			for (size_t i = 0; i < n; i++) {
				int fresh = t == 3 || heard(g, v[i].text) <= least_all;
				if (v[i].tier == t && fresh) here++;
				else if (v[i].tier > t && v[i].tier < 3) later++;   /* tier 3: only when nothing fresh */
			}
			if (here && (!later || rng_unit(&g->r) < 0.7)) tier = t;
		}
		/* within the tier, the lines heard least in the series so far */
		int least = -1;
		for (size_t i = 0; i < n; i++)
			if (v[i].tier == tier) {
				int h = heard(g, v[i].text);
				if (least < 0 || h < least) least = h;
			}
		/* sizing asks for longer lines: among those, drop the shorter half (prefer_long < 0:
		 * the episode is too long with every scene at its shortest: drop the longer half) */
		if (g->prefer_long && mark) {
			int lens[64], nl = 0;
			for (size_t i = 0; i < n && nl < 64; i++)
				if (v[i].tier == tier && heard(g, v[i].text) == least) lens[nl++] = eng_count_words(g->zh, v[i].text);
			int med = 0;
			for (int a = 0; a < nl; a++) {
				int below = 0;
				for (int b = 0; b < nl; b++) below += lens[b] < lens[a];
				if (below <= nl / 2 && lens[a] > med) med = lens[a];
			}
			for (size_t i = 0; i < n; i++) {
				int w = eng_count_words(g->zh, v[i].text);
				if (v[i].tier == tier && heard(g, v[i].text) == least && (g->prefer_long > 0 ? w < med : w > med)) v[i].tier = 4;
			}
		}
		size_t cnt = 0;
		for (size_t i = 0; i < n; i++) cnt += v[i].tier == tier && heard(g, v[i].text) == least;
		size_t pick = (size_t)rng_range(&g->r, 0, (int)cnt - 1);
		for (size_t i = 0; i < n; i++)
			if (v[i].tier == tier && heard(g, v[i].text) == least && pick-- == 0) {
				out = v[i].text;
				v[i].text = NULL;
				free(g->reply);
				g->reply = v[i].reply;
				v[i].reply = NULL;
				break;
			}
	}
	for (size_t i = 0; i < n; i++) { free(v[i].text); free(v[i].reply); }
	free(v);
	if (out && mark) eng_mark_used(g, out);
	if (out && series_fresh_bank(key) && !series_used(g, out)) {
		xgrow((void **)&g->sused, &g->cap_sused, g->n_sused, sizeof *g->sused);
		g->sused[g->n_sused++] = xstrdup(out);
	}
	return out;
}

/* ---- duration estimates (see the brief: 0.4 s a word / 0.25 s a hanzi + 0.55 s) ---- */
int eng_count_words(int zh, const char *text)
{
	int n = 0;
	if (!text) return 0;
	if (zh) {
		const char *p = text;
		while (*p) {
			int32_t c = utf8_next(&p);
			if (c >= 0x3400 && c <= 0x9fff) n++;
			else if (c < 0x80 && isalnum((int)c)) n++;
		}
		return n;
	}
	int in = 0;
	for (const char *p = text; *p; p++) {
		if (isspace((unsigned char)*p)) in = 0;
		else if (!in) { in = 1; n++; }
	}
	return n;
}

double eng_line_seconds(int zh, const char *text)
{
	int w = eng_count_words(zh, text);
	return 0.55 + (zh ? 0.25 : 0.4) * w;
}

double eng_episode_seconds(const struct episode *e, int zh)
{
	double t = 4.5;
	for (size_t i = 0; i < e->n_scenes; i++)
		for (size_t k = 0; k < e->scenes[i].n_shots; k++) {
			const struct shot *sh = &e->scenes[i].shots[k];
			if (sh->line && sh->line->text) t += eng_line_seconds(zh, sh->line->text);
			else t += sh->duration > 0 ? sh->duration : 1.6;
		}
	return t;
}
