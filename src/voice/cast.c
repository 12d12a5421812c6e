/* voice/cast.c — casting (a voice object per character and for the narrator, from
 * gender, age and role, all different) and delivery (a voice object plus the line's
 * emotion → engine parameters). Pools and emotion multipliers are data:
 * data/voice/casting.json and data/voice/emotions.json. */
#define _GNU_SOURCE              /* strcasestr */
#include "voice/voice_internal.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static json_t *g_cast, *g_emo;      /* loaded once, never freed (process-lifetime data) */
static json_t *g_creatures;         /* data/art/creatures.json: the role words of each creature kind */

static json_t *load_data(const char *rel)
{
	char *p = data_path(rel);
	json_error_t e;
	json_t *j = p ? json_load_file(p, 0, &e) : NULL;
	if (!j)
		log_warn("voice", "%s: %s; using built-in defaults (check DRAMA_DATA)", p ? p : rel, p ? e.text : "not found");
	free(p);
	return j;
}

static void init_once(void)
{
	g_cast = load_data("voice/casting.json");
	g_emo = load_data("voice/emotions.json");
	g_creatures = load_data("art/creatures.json");
}

/* Which creature a role names: the same word lists the art stage draws from. */
const char *vcreature_kind(const char *role)
{
	pthread_once(&once, init_once);
	if (!role || !*role) return NULL;
	char r[256];
	size_t j = 0;
	for (const char *q = role; *q && j + 1 < sizeof r; q++) r[j++] = (char)tolower((unsigned char)*q);
	r[j] = 0;
	const char *key;
	json_t *kd;
	json_object_foreach(json_object_get(g_creatures, "kinds"), key, kd) {
		size_t i;
		json_t *w;
		json_array_foreach(json_object_get(kd, "words"), i, w)
			if (str_has_word(r, json_string_value(w))) return key;
	}
	return NULL;
}

static double num(const json_t *o, const char *k, double def)
{
	json_t *v = json_object_get(o, k);
	return json_is_number(v) ? json_number_value(v) : def;
}

static double clampd(double x, double lo, double hi) { return x < lo ? lo : x > hi ? hi : x; }

static int lang_is_zh(const char *lang) { return lang && !strncmp(lang, "zh", 2); }

/* An espeak voice for a flite voice and back, so a line in the other language keeps
 * the character's sex and pitch. */
static void cross_voice(struct voice_params *vp, int zh)
{
	if (zh && strcmp(vp->engine, "espeak")) {
		int female = str_eq(vp->voice, "slt");
		const char *v = str_eq(vp->voice, "rms") ? "+m3" : str_eq(vp->voice, "awb") ? "+m1" : str_eq(vp->voice, "kal16") ? "+m2" : female ? "+f2" : "+m1";
		snprintf(vp->engine, sizeof vp->engine, "espeak");
		snprintf(vp->voice, sizeof vp->voice, "cmn-latn-pinyin%s", v);
	} else if (!zh && strcmp(vp->engine, "flite")) {
		const char *plus = strchr(vp->voice, '+');
		const char *v = plus && plus[1] == 'f' ? "slt" : plus && plus[2] == '3' ? "rms" : plus && plus[2] == '2' ? "kal16" : "awb";
		snprintf(vp->engine, sizeof vp->engine, "flite");
		snprintf(vp->voice, sizeof vp->voice, "%s", v);
	}
}

int voice_params_from(const json_t *voice, const char *emotion, const char *lang, struct voice_params *out)
{
	pthread_once(&once, init_once);
	int zh = lang_is_zh(lang);
	memset(out, 0, sizeof *out);
	const char *eng = json_string_value(json_object_get(voice, "engine"));
	const char *v = json_string_value(json_object_get(voice, "voice"));
	if (eng && strcmp(eng, "flite") && strcmp(eng, "espeak"))
		return err_set(ERR_INPUT, "voice: engine \"%s\" is not known; use \"flite\" (English) or \"espeak\" (Chinese)", eng);
	snprintf(out->engine, sizeof out->engine, "%s", eng ? eng : zh ? "espeak" : "flite");
	snprintf(out->voice, sizeof out->voice, "%s", v ? v : zh ? "cmn-latn-pinyin" : "kal16");
	out->pitch = num(voice, "pitch", 1.0);
	out->rate = num(voice, "rate", 1.0);
	out->gain = num(voice, "gain", 1.0);
	out->timbre = num(voice, "timbre", 1.0);
	if (!(out->pitch > 0) || !(out->rate > 0) || !(out->gain >= 0) || !(out->timbre > 0))
		return err_set(ERR_INPUT, "voice: pitch, rate, gain and timbre must be positive multipliers (1 = natural), got %g, %g, %g, %g", out->pitch, out->rate, out->gain, out->timbre);
	const char *fx = json_string_value(json_object_get(voice, "effect"));
	if (fx && *fx) {
		int known = 0;
		for (int i = 0; VOICE_EFFECTS[i]; i++) known |= !strcmp(VOICE_EFFECTS[i], fx);
		if (!known)
			return err_set(ERR_INPUT, "voice: effect \"%s\" is not known; use robot, ghost, bird or beast (or leave it out)", fx);
		snprintf(out->effect, sizeof out->effect, "%s", fx);
	}
	cross_voice(out, zh);
	const json_t *e = json_object_get(g_emo, emotion && *emotion ? emotion : "neutral");
	if (emotion && *emotion && !e)
		log_warn("voice", "emotion \"%s\" has no delivery in voice/emotions.json; speaking it neutral", emotion);
	/* rms moves its pitch by replaying the wave, formants and all (flite.c); a formant
	 * shift of 3% cost 6 points of WER (data/voice/casting.json), so its emotions are
	 * rate, gain and rise only */
	if (!(str_eq(out->engine, "flite") && str_eq(out->voice, "rms")))
		out->pitch *= num(e, "pitch", 1.0);
	out->rate *= num(e, "rate", 1.0);
	out->gain *= num(e, "gain", 1.0);
	out->rise = num(e, "rise", 0.0);
	out->unvoiced = json_is_true(json_object_get(e, "unvoiced"));
	const char *var = json_string_value(json_object_get(e, "espeak_variant"));
	if (var && !strcmp(out->engine, "espeak")) {
		char *plus = strchr(out->voice, '+');
		int female = plus && plus[1] == 'f';
		if (plus) *plus = 0;
		size_t used = strlen(out->voice);
		snprintf(out->voice + used, sizeof out->voice - used, "+%s%s", var, female ? "f" : "");
	}
	/* what the engines take without breaking up */
	out->pitch = clampd(out->pitch, 0.6, 1.7);
	out->rate = clampd(out->rate, 0.5, 2.0);
	out->gain = clampd(out->gain, 0.05, 3.0);
	out->timbre = clampd(out->timbre, 0.8, 1.25);
	return 0;
}

/* ---- casting ---- */

static int has_word(const char *hay, const json_t *words)
{
	if (!hay) return 0;
	size_t i; json_t *w;
	json_array_foreach(words, i, w) {
		const char *s = json_string_value(w);
		if (!s) continue;
		size_t n = strlen(s);
		for (const char *p = hay; *p; p++)
			if (!strncasecmp(p, s, n)) return 1;
	}
	return 0;
}

/* Count whole-word occurrences of w (ASCII, case-insensitive) or of a CJK string. */
static int count_word(const char *text, const char *w)
{
	int n = 0;
	size_t wl = strlen(w);
	for (const char *p = text; p && (p = strcasestr(p, w)); p += wl) {
		int ascii = (unsigned char)w[0] < 0x80;
		if (ascii && ((p > text && isalpha((unsigned char)p[-1])) || isalpha((unsigned char)p[wl]))) continue;
		n++;
	}
	return n;
}

static int pronoun_score(const char *text)          /* > 0: she, < 0: he */
{
	static const char *const SHE[] = { "she", "her", "hers", "herself", "她" };
	static const char *const HE[] = { "he", "him", "his", "himself", "他" };
	int n = 0;
	for (size_t i = 0; i < ARRAY_LEN(SHE); i++) n += count_word(text, SHE[i]);
	for (size_t i = 0; i < ARRAY_LEN(HE); i++) n -= count_word(text, HE[i]);
	return n;
}

/* A character without a gender: female words in the role or name ("madam", "妈"),
 * else the pronouns in the description and in the narration and actions that
 * mention the name. */
static int guess_female(const struct series *s, const struct character *c)
{
	const json_t *fw = json_object_get(g_cast, "female_words");
	if (has_word(c->role, fw) || has_word(c->name, fw)) return 1;
	int score = 0;
	if (c->description) score += pronoun_score(c->description);
	if (c->personality) score += pronoun_score(c->personality);
	for (size_t e = 0; e < s->n_eps; e++)
		for (size_t k = 0; k < s->eps[e].n_scenes; k++)
			for (size_t h = 0; h < s->eps[e].scenes[k].n_shots; h++) {
				const struct shot *sh = &s->eps[e].scenes[k].shots[h];
				if (sh->action && strstr(sh->action, c->name)) score += pronoun_score(sh->action);
				if (sh->line && !sh->line->speaker && sh->line->text && strstr(sh->line->text, c->name)) score += pronoun_score(sh->line->text);
			}
	if (score) return score > 0;
	/* no pronoun either way: what the description says she wears ("系着红色围裙的裙子", "旗袍") */
	size_t i;
	json_t *g;
	json_array_foreach(json_object_get(g_cast, "female_garments"), i, g)
		if (c->description && json_string_value(g) && count_word(c->description, json_string_value(g))) return 1;
	return 0;
}

int voice_guess_female(const struct series *s, const struct character *c)
{
	pthread_once(&once, init_once);
	return s && c && guess_female(s, c);
}

struct used { char key[48]; };

static void pair_key(const json_t *v, char out[48])
{
	const char *e = json_string_value(json_object_get(v, "engine"));
	const char *n = json_string_value(json_object_get(v, "voice"));
	snprintf(out, 48, "%s/%s/%.2f", e ? e : "", n ? n : "", num(v, "pitch", 1.0));
}

static int is_used(const struct used *u, size_t n, const char *k)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(u[i].key, k)) return 1;
	return 0;
}

static size_t count_lines(const struct series *s, const char *name)
{
	size_t n = 0;
	for (size_t e = 0; e < s->n_eps; e++)
		for (size_t c = 0; c < s->eps[e].n_scenes; c++)
			for (size_t h = 0; h < s->eps[e].scenes[c].n_shots; h++) {
				const struct line *l = s->eps[e].scenes[c].shots[h].line;
				if (l && str_eq(l->speaker, name)) n++;
			}
	return n;
}

/* Take the first unused [voice, pitch, rate] of the pools in order; when all are used,
 * spread the pitch of the first pool's voices until a free pair appears. */
static json_t *take(const json_t *lang, const char *engine, const char *const *pools, size_t n_pools,
                    struct used **used, size_t *n_used, size_t *cap_used)
{
	json_t *pick = NULL;
	char key[48];
	for (size_t p = 0; p < n_pools && !pick; p++) {
		size_t i; json_t *c;
		json_array_foreach(json_object_get(lang, pools[p]), i, c) {
			json_t *v = json_pack("{s:s,s:s?,s:f,s:f,s:f}", "engine", engine, "voice", json_string_value(json_array_get(c, 0)),
			                      "pitch", json_number_value(json_array_get(c, 1)), "rate", json_number_value(json_array_get(c, 2)), "gain", 1.0);
			if (v && json_is_number(json_array_get(c, 3)) && json_number_value(json_array_get(c, 3)) != 1.0)
				json_object_set(v, "timbre", json_array_get(c, 3));
			pair_key(v, key);
			if (v && json_is_string(json_object_get(v, "voice")) && !is_used(*used, *n_used, key)) { pick = v; break; }
			json_decref(v);
		}
	}
	for (int step = 1; !pick && step < 200; step++) {
		json_t *c = json_array_get(json_object_get(lang, pools[n_pools - 1]), (size_t)step % 3);
		if (!c) c = json_array_get(json_object_get(lang, pools[n_pools - 1]), 0);
		double pitch = 1.0 + (step % 2 ? 1 : -1) * 0.03 * ((step + 1) / 2);
		json_t *v = json_pack("{s:s,s:s?,s:f,s:f,s:f}", "engine", engine, "voice", c ? json_string_value(json_array_get(c, 0)) : NULL,
		                      "pitch", clampd(pitch, 0.6, 1.7), "rate", 1.0, "gain", 1.0);
		pair_key(v, key);
		if (!is_used(*used, *n_used, key)) pick = v; else json_decref(v);
	}
	if (pick) {
		xgrow((void **)used, cap_used, *n_used, sizeof **used);
		pair_key(pick, (*used)[(*n_used)++].key);
	}
	return pick;
}

int voice_cast(struct series *s)
{
	pthread_once(&once, init_once);
	if (!s) return err_set(ERR_INPUT, "voice: no storyboard to cast");
	if (!g_cast)
		return err_set(ERR_NOTFOUND, "voice: voice/casting.json is missing from the data folder; set DRAMA_DATA to the folder holding voice/casting.json");
	int zh = lang_is_zh(s->lang);
	const json_t *lang = json_object_get(g_cast, zh ? "zh" : "en");
	const char *engine = json_string_value(json_object_get(lang, "engine"));
	if (!lang || !engine)
		return err_set(ERR_INPUT, "voice: voice/casting.json has no \"%s\" pools with an \"engine\"", zh ? "zh" : "en");

	struct used *used = NULL; size_t n_used = 0, cap_used = 0;
	/* user-edited (or earlier) voices are kept and their pairs reserved */
	for (size_t i = 0; i < s->n_chars; i++)
		if (s->chars[i].voice) {
			xgrow((void **)&used, &cap_used, n_used, sizeof *used);
			pair_key(s->chars[i].voice, used[n_used++].key);
		}
	if (s->narrator_voice) {
		xgrow((void **)&used, &cap_used, n_used, sizeof *used);
		pair_key(s->narrator_voice, used[n_used++].key);
	}
	/* main characters (most lines) choose first */
	size_t *order = xmalloc((s->n_chars + 1) * sizeof *order), *lines = xmalloc((s->n_chars + 1) * sizeof *lines);
	for (size_t i = 0; i < s->n_chars; i++) { order[i] = i; lines[i] = count_lines(s, s->chars[i].name); }
	for (size_t i = 1; i < s->n_chars; i++)       /* stable insertion sort by line count */
		for (size_t j = i; j > 0 && lines[order[j]] > lines[order[j - 1]]; j--) {
			size_t t = order[j]; order[j] = order[j - 1]; order[j - 1] = t;
		}
	for (size_t k = 0; k < s->n_chars; k++) {
		struct character *c = &s->chars[order[k]];
		if (c->voice) continue;
		/* a creature (parrot, dog, robot, ghost) has its kind's voice and sound, whatever its age */
		const char *kind = vcreature_kind(c->role);
		char cpool[40];
		snprintf(cpool, sizeof cpool, "creature_%s", kind ? kind : "");
		if (kind && json_array_size(json_object_get(lang, cpool))) {
			const char *pools[] = { cpool };
			c->voice = take(lang, engine, pools, 1, &used, &n_used, &cap_used);
			const char *fx = json_string_value(json_object_get(json_object_get(g_cast, "creature_effects"), kind));
			if (c->voice && fx) json_object_set_new(c->voice, "effect", json_string(fx));
			if (c->voice) {
				log_info("voice", "cast %s (%s): %s %s pitch %.2f %s", c->name, kind, engine,
				         json_string_value(json_object_get(c->voice, "voice")), num(c->voice, "pitch", 1), fx ? fx : "");
				continue;
			}
		}
		int female = c->gender ? str_ieq(c->gender, "female") : guess_female(s, c);
		int child = c->age > 0 && c->age < 14, old = c->age >= 58;
		int boss = has_word(c->role, json_object_get(g_cast, "authority_words"));
		const char *pools[3]; size_t np = 0;
		if (female) {
			if (child) pools[np++] = "female_child";
			if (old) pools[np++] = "female_old";
			pools[np++] = "female";
		} else {
			if (child) pools[np++] = "male_child";
			if (old) pools[np++] = "male_old";
			if (boss && !child) pools[np++] = "male_authority";
			pools[np++] = "male";
		}
		c->voice = take(lang, engine, pools, np, &used, &n_used, &cap_used);
		if (!c->voice) { free(order); free(lines); free(used); return err_set(ERR_GENERIC, "voice: could not find a free voice for \"%s\"", c->name); }
		log_info("voice", "cast %s: %s %s pitch %.2f", c->name, engine, json_string_value(json_object_get(c->voice, "voice")), num(c->voice, "pitch", 1));
	}
	if (!s->narrator_voice) {
		const char *pools[] = { "narrator" };
		s->narrator_voice = take(lang, engine, pools, 1, &used, &n_used, &cap_used);
	}
	free(order); free(lines); free(used);
	return s->narrator_voice ? 0 : err_set(ERR_GENERIC, "voice: could not find a narrator voice");
}
