/* story/engine.c — the embedded story engine's grammar: scene steps into shots
 * (shot types, cameras, transitions, sound cues, actors, lines), episodes sized to
 * their minutes with the short-drama shape (hook, escalation, reversal, emotional beat,
 * cliffhanger), series that carry characters and cliffhangers from episode to episode,
 * the quality rules, and story_from_keywords().
 *
 * Scene types and the episode structure are data (data/story/scenes.json); the words
 * are data (data/story/phrases_<lang>.json). */
#include "story/engine.h"
#include "story/story.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- per-scene state ---- */
struct scx {
	struct scene *sc;
	int cast[SL_N]; int n_cast;       /* slots present, in screen order (left to right) */
	const char *last_type;
	int same_type;
	int n_says;
	int last_speaker;
};

static int slot_of(const char *s)
{
	for (int i = 0; i < SL_N; i++)
		if (str_eq(ENG_SLOT_NAMES[i], s)) return i;
	return -1;
}

static const char *cname(const struct eng *g, int sl)
{
	if (sl < 0 || sl >= SL_N || g->slot[sl].ci < 0) return NULL;
	return g->s->chars[g->slot[sl].ci].name;
}

static int in_cast(const struct scx *x, int sl)
{
	for (int i = 0; i < x->n_cast; i++)
		if (x->cast[i] == sl) return 1;
	return 0;
}

static void cast_add(struct eng *g, struct scx *x, int sl)
{
	if (sl < 0 || in_cast(x, sl) || !cname(g, sl)) return;
	x->cast[x->n_cast++] = sl;
	strv_push(&x->sc->cast, &x->sc->n_cast, &x->sc->cap_cast, cname(g, sl));
}

static int side_of(const struct scx *x, int sl)
{
	for (int i = 0; i < x->n_cast; i++)
		if (x->cast[i] == sl) return i;
	return 99;
}

static const char *face(const char *emo)
{
	if (!emo) return NULL;
	if (str_eq(emo, "shout")) return "angry";
	if (str_eq(emo, "whisper")) return "neutral";
	return emo;
}

static const char *pose_for(struct eng *g, const char *emo)
{
	double u = rng_unit(&g->r);
	if (str_eq(emo, "angry") || str_eq(emo, "shout")) return u < 0.5 ? "pointing" : "hand_on_hip";
	if (str_eq(emo, "smug")) return u < 0.7 ? "arms_crossed" : "hand_on_hip";
	if (str_eq(emo, "crying") || str_eq(emo, "scared")) return u < 0.6 ? "hands_to_face" : "idle";
	if (str_eq(emo, "determined")) return u < 0.3 ? "arms_crossed" : "idle";
	return "idle";
}

static void add_actor(struct eng *g, struct shot *sh, int sl, const char *emo, const char *pose, const char *action)
{
	const char *n = cname(g, sl);
	if (!n) return;
	for (size_t i = 0; i < sh->n_actors; i++)
		if (str_eq(sh->actors[i].name, n)) return;
	struct actor *a = shot_add_actor(sh);
	a->name = xstrdup(n);
	a->expression = xstrdup(face(emo));
	a->pose = xstrdup(pose);
	a->action = xstrdup(action);
}

/* Two people in frame, listed left to right by their side in the scene (180-degree rule). */
static void add_pair(struct eng *g, struct scx *x, struct shot *sh, int a, const char *ea, int b, const char *eb)
{
	if (side_of(x, a) <= side_of(x, b)) {
		add_actor(g, sh, a, ea, pose_for(g, ea), NULL);
		add_actor(g, sh, b, eb, NULL, NULL);
	} else {
		add_actor(g, sh, b, eb, NULL, NULL);
		add_actor(g, sh, a, ea, pose_for(g, ea), NULL);
	}
}

static struct shot *new_shot(struct scx *x, const char *type)
{
	struct shot *sh = scene_add_shot(x->sc);
	sh->type = xstrdup(type);
	if (x->last_type && !strcmp(x->last_type, type)) x->same_type++;
	else x->same_type = 0;
	x->last_type = sh->type;
	return sh;
}

/* Actions are not spoken, but the same action twice in an episode reads badly too. */
static char *action_text(struct eng *g, const char *bank, int sp, int ls)
{
	return eng_phrase(g, bank, sp, ls, 1);
}

/* A line for speaker sp from bank (with fallbacks); NULL when every candidate is used.
 * When the line is one of a pair, its reply is kept in *reply (caller frees) if asked. */
static char *line_text(struct eng *g, const char *bank, const json_t *fallback, int sp, int ls, char **reply,
                       const char *emo)
{
	g->want_pair = reply != NULL;
	g->spoken = 1;
	char *t = eng_phrase(g, bank, sp, ls, 1);
	size_t i;
	const json_t *f;
	json_array_foreach(fallback, i, f) {
		/* in a series, an exchange line heard in an earlier episode gives way to a fresh
		 * fallback, or is not said at all (sizing finds the time elsewhere) */
		if (t && !(reply && g->n_eps > 1 && eng_heard(g, t))) break;
		char *t2 = eng_phrase(g, json_string_value(f), sp, ls, 1);
		if (t2 && (!t || !eng_heard(g, t2))) { free(t); t = t2; }
		else free(t2);
	}
	if (t && reply && g->n_eps > 1 && eng_heard(g, t)) { free(t); t = NULL; }
	/* a said line heard in an earlier episode: a fresh line of the scene's temperature instead */
	int key_line = bank && (!strncmp(bank, "reveal", 6) || !strncmp(bank, "cliff", 5) || !strncmp(bank, "hook", 4) ||
	                        !strncmp(bank, "after_cliff", 11));
	if (t && !reply && !key_line && g->n_eps > 1 && eng_heard(g, t)) {
		int hot = str_eq(emo, "angry") || str_eq(emo, "shout") || str_eq(emo, "smug") || str_eq(emo, "determined") || str_eq(emo, "scared");
		char *t2 = eng_phrase(g, hot ? "talk_tension" : "talk_soft", sp, ls, 1);
		if (t2 && !eng_heard(g, t2)) { free(t); t = t2; }
		else free(t2);
	}
	g->want_pair = 0;
	g->spoken = 0;
	if (reply) {
		*reply = t ? g->reply : NULL;
		if (t) g->reply = NULL;
	}
	return t;
}

static void set_line(struct eng *g, struct shot *sh, int sp, char *text, const char *emo)
{
	struct line *l = shot_set_line(sh);
	l->speaker = xstrdup(cname(g, sp));
	l->text = text;
	l->emotion = xstrdup(emo && strcmp(emo, "neutral") ? emo : NULL);
	if (sp >= 0 && emo && rng_unit(&g->r) < 0.22) {
		char k[48];
		snprintf(k, sizeof k, "paren_%s", emo);
		char *p = eng_phrase(g, k, sp, -1, 0);
		l->parenthetical = p;
	}
}

/* The shot type for a spoken line, following the exchange grammar. */
static const char *say_type(struct eng *g, struct scx *x, const char *emo, const char *text, int has_listener)
{
	int words = eng_count_words(g->zh, text);
	int hot = str_eq(emo, "angry") || str_eq(emo, "shout") || str_eq(emo, "crying") ||
	          str_eq(emo, "surprised") || str_eq(emo, "scared");
	const char *t;
	if (x->n_says == 0 && has_listener) t = rng_unit(&g->r) < 0.5 ? "two_shot" : "medium";
	else if (hot || words <= (g->zh ? 5 : 3)) t = "close_up";
	else if (has_listener && rng_unit(&g->r) < 0.45) t = "over_the_shoulder";
	else t = rng_unit(&g->r) < 0.7 ? "medium" : "close_up";
	if (x->same_type >= 1 && str_eq(x->last_type, t))
		t = str_eq(t, "close_up") ? (has_listener ? "over_the_shoulder" : "medium") : "close_up";
	return t;
}

/* Say a line (text given, or from bank). *reply, if not NULL, gets the paired reply of
 * a line from a bank (caller frees) or NULL. */
static void do_say_r(struct eng *g, struct scx *x, int sp, int ls, const char *bank, const json_t *fb,
                     const char *emo, const char *type, const char *camera, const char *sound,
                     const char *transition, char *text, char **reply)
{
	if (reply) *reply = NULL;
	if (!cname(g, sp)) { free(text); return; }
	int given = text != NULL;   /* a recap, a quoted line or a paired reply: no extra business on it */
	if (!text) text = line_text(g, bank, fb, sp, ls, reply, emo);
	if (!text) return;                     /* every line of the bank is used: skip */
	if (given) eng_mark_used(g, text);
	cast_add(g, x, sp);
	if (ls >= 0) cast_add(g, x, ls);
	int listener = ls >= 0 && cname(g, ls) && ls != sp;
	const char *t = type ? type : say_type(g, x, emo, text, listener);
	struct shot *sh = new_shot(x, t);
	if (camera) sh->camera = xstrdup(camera);
	else if (str_eq(emo, "shout")) sh->camera = xstrdup("shake");
	else if ((str_eq(emo, "crying") || str_eq(emo, "determined") || str_eq(emo, "sad")) && rng_unit(&g->r) < 0.5)
		sh->camera = xstrdup("push_in");
	else sh->camera = xstrdup("static");
	sh->sound = xstrdup(sound);
	sh->transition = xstrdup(transition);
	if (!strcmp(t, "two_shot") || !strcmp(t, "over_the_shoulder")) {
		if (listener) add_pair(g, x, sh, sp, emo, ls, NULL);
		else add_actor(g, sh, sp, emo, pose_for(g, emo), NULL);
	} else {
		add_actor(g, sh, sp, emo, pose_for(g, emo), NULL);
	}
	if (!given && rng_unit(&g->r) < 0.3) {
		char k[48];
		snprintf(k, sizeof k, "act_%s", emo ? emo : "neutral");
		sh->action = action_text(g, k, sp, ls);
	}
	set_line(g, sh, sp, text, emo);
	x->n_says++;
	x->last_speaker = sp;
}

static void do_say(struct eng *g, struct scx *x, int sp, int ls, const char *bank, const json_t *fb,
                   const char *emo, const char *type, const char *camera, const char *sound,
                   const char *transition, char *text)
{
	do_say_r(g, x, sp, ls, bank, fb, emo, type, camera, sound, transition, text, NULL);
}

static void do_react(struct eng *g, struct scx *x, int who, const char *emo, const char *type, const char *sound)
{
	if (!cname(g, who)) return;
	cast_add(g, x, who);
	struct shot *sh = new_shot(x, type ? type : "close_up");
	sh->camera = xstrdup(str_eq(emo, "surprised") && rng_unit(&g->r) < 0.4 ? "push_in" : "static");
	sh->sound = xstrdup(sound);
	char k[48];
	snprintf(k, sizeof k, "react_%s", emo ? emo : "neutral");
	sh->action = action_text(g, k, who, -1);
	if (!sh->action) sh->action = action_text(g, "react", who, -1);
	add_actor(g, sh, who, emo, pose_for(g, emo), NULL);
	sh->duration = 1.6;
}

static const char *jstr(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* A slot named by a step: "hero"... or "cliff" (who spoke the previous cliffhanger). */
static int slot_ref(const struct eng *g, const char *v)
{
	if (str_eq(v, "cliff")) return g->prev_cliff_slot >= 0 ? g->prev_cliff_slot : SL_RIVAL;
	/* the keyword the scene is about, when it is a cast member (a creature, a role) */
	if (str_eq(v, "ent")) return g->cur_ent && g->cur_ent->slot >= 0 ? g->cur_ent->slot : SL_ALLY;
	return v ? slot_of(v) : -1;
}

static int step_slot(const struct eng *g, const json_t *st, const char *k, int dflt)
{
	int s = slot_ref(g, jstr(st, k));
	return s >= 0 ? s : dflt;
}

/* Narration: the narrator's voice over the establishing shot just written (a wide
 * shot with no line), or over a wide shot of its own. A step may say how likely it
 * is ("p") and whether it belongs to the first episode only ("first"); an episode
 * carries at most two narrated lines, so the drama stays in the characters' mouths. */
static void do_narr(struct eng *g, struct scx *x, const struct episode *e, const json_t *v,
                    const char *bank, int who, int to, const char *tr)
{
	const json_t *p = json_object_get(v, "p");
	if (json_is_true(json_object_get(v, "first")) && g->ep_index > 0) return;
	if (p && rng_unit(&g->r) >= json_number_value(p)) return;
	int said = 0;
	for (size_t i = 0; i < e->n_scenes; i++)
		for (size_t k = 0; k < e->scenes[i].n_shots; k++)
			said += e->scenes[i].shots[k].line && !e->scenes[i].shots[k].line->speaker;
	if (said >= 2) return;
	char *text = eng_phrase(g, bank ? bank : "narr", who, to, 1);
	if (text && g->n_eps > 1 && eng_heard(g, text)) { free(text); text = NULL; }   /* narration is optional */
	if (!text) return;
	struct shot *sh = x->sc->n_shots ? &x->sc->shots[x->sc->n_shots - 1] : NULL;
	if (!sh || sh->line || !str_eq(sh->type, "wide")) {
		sh = new_shot(x, jstr(v, "shot") ? jstr(v, "shot") : "wide");
		sh->camera = xstrdup(jstr(v, "camera") ? jstr(v, "camera") : "push_in");
		sh->transition = xstrdup(tr);
		for (int i = 0; i < x->n_cast; i++) add_actor(g, sh, x->cast[i], NULL, NULL, NULL);
	}
	sh->duration = 0;   /* the narration's own length */
	struct line *l = shot_set_line(sh);
	l->text = text;
}

/* ---- one scene ---- */
static void scene_time(struct eng *g, struct scene *sc, const json_t *ty)
{
	const char *t = eng_pick_str(g, json_object_get(ty, "time"));
	sc->time = xstrdup(t && model_in_vocab(MODEL_TIMES, t) ? t : "day");
	const char *w = eng_pick_str(g, json_object_get(ty, "weather"));
	sc->weather = xstrdup(w && model_in_vocab(MODEL_WEATHERS, w) && strcmp(w, "clear") ? w : NULL);
	const char *m = jstr(ty, "mood");
	sc->mood = xstrdup(m && model_in_vocab(MODEL_MOODS, m) ? m : "tension");
}

static void establish(struct eng *g, struct scx *x, const char *transition, const char *camera)
{
	struct shot *sh = new_shot(x, "wide");
	sh->camera = xstrdup(camera ? camera : (rng_unit(&g->r) < 0.5 ? "push_in" : (rng_unit(&g->r) < 0.5 ? "pan_left" : "pan_right")));
	sh->transition = xstrdup(transition);
	char k[48];
	snprintf(k, sizeof k, "establish_%s", x->sc->time ? x->sc->time : "day");
	sh->action = g->cur_cond ? eng_phrase(g, "establish_cond", SL_HERO, -1, 1) : NULL;
	if (!sh->action && str_eq(x->sc->weather, "rain")) sh->action = eng_phrase(g, "establish_rain", -1, -1, 1);
	if (!sh->action) sh->action = eng_phrase(g, k, -1, -1, 1);
	if (!sh->action) sh->action = eng_phrase(g, "establish", -1, -1, 1);
	if (x->sc->weather || g->cur_cond) {
		const json_t *fx = json_object_get(json_object_get(g->kinds, "weather_fx"), x->sc->weather ? x->sc->weather : "clear");
		sh->sound = xstrdup(eng_json_str(fx, "sound"));
	}
	for (int i = 0; i < x->n_cast; i++) add_actor(g, sh, x->cast[i], NULL, NULL, NULL);
	sh->duration = 2.4;   /* an establishing shot holds a little longer than a reaction */
}

void eng_write_scene(struct eng *g, struct episode *e, const char *type, int extra, int open_on_cliff)
{
	const json_t *types = json_object_get(g->scenes, "types");
	const json_t *ty = json_object_get(types, type);
	if (!ty) ty = json_object_get(json_object_get(g->plots, "types"), type);   /* beat scenes */
	if (!ty) ty = json_object_get(types, "confront");
	if (!ty) return;
	struct scene *sc = episode_add_scene(e);
	struct scx x = { .sc = sc, .last_speaker = -1 };
	scene_time(g, sc, ty);
	/* a weather keyword is this scene's condition: the sky, the sound, the first shot */
	g->cur_cond = NULL;
	if (g->cur_ent && g->cur_ent->kind == KW_WEATHER) {
		g->cur_cond = g->cur_ent->head;
		free(sc->weather);
		sc->weather = model_in_vocab(MODEL_WEATHERS, g->cur_ent->sub) && !str_eq(g->cur_ent->sub, "clear") ? xstrdup(g->cur_ent->sub) : NULL;
		if (str_eq(g->cur_ent->sub, "blackout")) { free(sc->time); sc->time = xstrdup("night"); }
	}
	g->cur_weather = sc->weather;
	/* an event or weather keyword's scene speaks of that very thing: its own lines first */
	g->n_tags = 0;
	if (g->cur_ent && (g->cur_ent->kind == KW_EVENT || g->cur_ent->kind == KW_WEATHER)) {
		snprintf(g->tags[g->n_tags++], sizeof g->tags[0], "%s", g->cur_ent->head);
		if (g->cur_ent->sub[0] && !str_eq(g->cur_ent->sub, "clear"))
			snprintf(g->tags[g->n_tags++], sizeof g->tags[0], "%s", g->cur_ent->sub);
	}
	/* place */
	int li = -1;
	if (g->force_loc >= 0) li = g->force_loc;
	else if (open_on_cliff && g->prev_cliff_loc >= 0) li = g->prev_cliff_loc;
	else {
		const char *pl = jstr(ty, "place");
		/* a sky (storm, fog, sandstorm, flood) is seen best outdoors: a place of the
		 * series whose kind plots.json lists as outdoor, when there is one */
		if (sc->weather) {
			size_t k;
			const json_t *ok;
			for (size_t l = 0; l < g->s->n_locs && li < 0; l++)
				json_array_foreach(json_object_get(g->plots, "outdoor_kinds"), k, ok)
					if (li < 0 && str_eq(g->s->locs[l].kind, json_string_value(ok))) li = (int)l;
		}
		for (int p = 0; p < PL_N && li < 0; p++)
			if (str_eq(ENG_PLACE_NAMES[p], pl)) li = g->place[p];
		if (li < 0) li = g->place[PL_HOME];
	}
	if (li < 0 || (size_t)li >= g->s->n_locs) li = 0;
	g->cur_loc = li;
	sc->location = xstrdup(g->s->locs[li].name);
	/* cast in screen order */
	size_t i;
	const json_t *v;
	json_array_foreach(json_object_get(ty, "cast"), i, v) cast_add(g, &x, slot_ref(g, json_string_value(v)));
	/* steps */
	const json_t *steps = json_object_get(ty, "steps");
	int first_scene = e->n_scenes == 1;
	int established = 0;
	const char *scene_tr = first_scene ? NULL : eng_pick_str(g, json_object_get(g->scenes, "scene_transitions"));
	json_array_foreach(steps, i, v) {
		const char *t = jstr(v, "t");
		const char *emo = jstr(v, "emo");
		const char *bank = jstr(v, "bank");
		int who = step_slot(g, v, "who", SL_HERO), to = step_slot(g, v, "to", -1);
		const char *tr = x.sc->n_shots == 0 ? scene_tr : NULL;
		if (json_is_true(json_object_get(v, "opt")) && extra < 0) continue;
		if (!t) continue;
		if (!strcmp(t, "establish")) {
			establish(g, &x, tr, jstr(v, "camera"));
			established = 1;
		} else if (!strcmp(t, "recap")) {
			/* open on the previous episode's cliffhanger: the same words, the same face */
			if (!g->prev_cliff_line) continue;
			int sp = -1;
			for (int k = 0; k < SL_N; k++)
				if (str_eq(cname(g, k), g->prev_cliff_speaker)) sp = k;
			if (sp < 0) continue;
			do_say(g, &x, sp, to >= 0 ? to : SL_HERO, NULL, NULL, jstr(v, "emo") ? emo : "determined",
			       "close_up", "snap_zoom", "stinger", "flash", xstrdup(g->prev_cliff_line));
			eng_mark_used(g, g->prev_cliff_line);
		} else if (!strcmp(t, "say") || !strcmp(t, "reveal") || !strcmp(t, "cliff")) {
			const char *ty2 = jstr(v, "shot"), *cam = jstr(v, "camera"), *snd = jstr(v, "sound");
			const char *ttr = jstr(v, "transition");
			if (!strcmp(t, "reveal")) {
				if (!ty2) ty2 = "close_up";
				if (!cam) cam = "snap_zoom";
				if (!snd) snd = "stinger";
				if (!ttr) ttr = "flash";
			} else if (!strcmp(t, "cliff")) {
				if (!ty2) ty2 = rng_unit(&g->r) < 0.5 ? "extreme_close_up" : "close_up";
				if (!cam) cam = "push_in";
				if (!snd) snd = "stinger";
			}
			if (who == to) continue;
			/* outline mode: a line quoted in the beat is said first, by its speaker */
			if (g->beat_quote && g->beat_text) {
				int qs = g->beat_quote_slot >= 0 ? g->beat_quote_slot : SL_HERO;
				int ql = qs == who ? to : who;
				if (!eng_is_used(g, g->beat_quote)) {
					eng_mark_used(g, g->beat_quote);
					do_say(g, &x, qs, ql == qs ? -1 : ql, NULL, NULL, "determined", NULL, NULL, NULL,
					       tr, xstrdup(g->beat_quote));
					tr = NULL;
				}
				g->beat_quote = NULL;
			}
			do_say(g, &x, who, to, bank, json_object_get(v, "fallback"), emo, ty2, cam, snd,
			       tr ? tr : ttr, NULL);
		} else if (!strcmp(t, "react")) {
			do_react(g, &x, who, emo, jstr(v, "shot"), jstr(v, "sound"));
			if (tr) { free(sc->shots[sc->n_shots - 1].transition); sc->shots[sc->n_shots - 1].transition = xstrdup(tr); }
		} else if (!strcmp(t, "insert") || !strcmp(t, "slap") || !strcmp(t, "action")) {
			int slap = !strcmp(t, "slap");
			char *act = eng_phrase(g, bank ? bank : (slap ? "slap" : "insert_prop"), who, to, 1);
			if (!act) continue;
			struct shot *sh = new_shot(&x, jstr(v, "shot") ? jstr(v, "shot") : slap ? "two_shot" : !strcmp(t, "insert") ? "insert" : "medium");
			sh->action = act;
			sh->camera = xstrdup(jstr(v, "camera") ? jstr(v, "camera") : slap ? "shake" : "push_in");
			sh->sound = xstrdup(jstr(v, "sound") ? jstr(v, "sound") : slap ? "slap" : NULL);
			sh->transition = xstrdup(tr ? tr : jstr(v, "transition"));
			sh->duration = 1.6;
			if (slap) {
				cast_add(g, &x, who);
				cast_add(g, &x, to);
				add_pair(g, &x, sh, who, "angry", to, "surprised");
			} else if (!strcmp(t, "action")) {
				cast_add(g, &x, who);
				add_actor(g, sh, who, emo, jstr(v, "pose"), NULL);
				if (to >= 0) { cast_add(g, &x, to); add_actor(g, sh, to, NULL, NULL, NULL); }
			}
		} else if (!strcmp(t, "narr")) {
			do_narr(g, &x, e, v, bank, who, to, tr);
		} else if (!strcmp(t, "exchange")) {
			int a = step_slot(g, v, "a", SL_HERO), b = step_slot(g, v, "b", SL_RIVAL);
			const json_t *banks = json_object_get(v, "banks");
			const json_t *emos = json_object_get(v, "emos");
			const json_t *fb = json_object_get(v, "fallback");
			int n = (int)json_integer_value(json_object_get(v, "n"));
			if (extra > 0) n += extra;
			if (extra < 0 && n > 0) n--;
			for (int k = 0; k < n; k++) {
				char *reply = NULL;   /* the answer paired with side a's line, if any */
				for (int side = 0; side < 2; side++) {
					int sp = side ? b : a, ls = side ? a : b;
					const char *bk = json_string_value(json_array_get(banks, (size_t)side));
					const char *em = json_string_value(json_array_get(emos, (size_t)side));
					if (side) do_say(g, &x, sp, ls, bk, fb, em, NULL, NULL, NULL, NULL, reply);
					else do_say_r(g, &x, sp, ls, bk, fb, em, NULL, NULL, NULL, NULL, NULL, &reply);
				}
				/* a silent reaction now and then keeps the exchange breathing */
				if (k % 2 == 1 && k < n - 1 && rng_unit(&g->r) < 0.35)
					do_react(g, &x, rng_unit(&g->r) < 0.5 ? a : b, json_string_value(json_array_get(emos, 1)), NULL, NULL);
			}
		}
		(void)established;
	}
	/* summary and beat */
	char k[64];
	snprintf(k, sizeof k, "sum_%s", type);
	if (g->beat_text) sc->summary = xstrdup(g->beat_text);
	else sc->summary = eng_phrase(g, k, SL_HERO, SL_RIVAL, 0);
	if (!sc->summary) sc->summary = eng_phrase(g, "sum_generic", SL_HERO, SL_RIVAL, 0);
	if (sc->summary) strv_push(&e->beats, &e->n_beats, &e->cap_beats, sc->summary);
	if (!sc->n_shots) establish(g, &x, scene_tr, NULL);
	g->cur_weather = NULL;
	g->cur_cond = NULL;
	g->n_tags = 0;
}

/* ---- episodes ---- */
static int n_exchange_steps(const struct eng *g, const char *type)
{
	const json_t *ty = json_object_get(json_object_get(g->scenes, "types"), type);
	size_t i;
	const json_t *v;
	int n = 0;
	json_array_foreach(json_object_get(ty, "steps"), i, v) n += str_eq(jstr(v, "t"), "exchange");
	return n;
}

static void record_cliff(struct eng *g, const struct episode *e)
{
	/* the last spoken line of the episode is its cliffhanger */
	for (size_t i = e->n_scenes; i-- > 0;) {
		const struct scene *sc = &e->scenes[i];
		for (size_t k = sc->n_shots; k-- > 0;) {
			const struct line *l = sc->shots[k].line;
			if (!l || !l->speaker) continue;
			free(g->prev_cliff_line);
			free(g->prev_cliff_speaker);
			g->prev_cliff_line = xstrdup(l->text);
			g->prev_cliff_speaker = xstrdup(l->speaker);
			g->prev_cliff_slot = -1;
			for (int k2 = 0; k2 < SL_N; k2++)
				if (str_eq(cname(g, k2), l->speaker)) g->prev_cliff_slot = k2;
			const struct location *lo = series_find_location(g->s, sc->location);
			g->prev_cliff_loc = lo ? (int)(lo - g->s->locs) : -1;
			return;
		}
	}
}

static void write_scenes(struct eng *g, struct episode *e, const char **types, size_t n,
                         const char **beats, const int *extra, uint64_t ep_seed, size_t sused0)
{
	rng_seed(&g->r, ep_seed);
	eng_clear_used(g);
	eng_sused_truncate(g, sused0);   /* a discarded sizing pass must not use up fresh lines */
	for (size_t i = 0; i < n; i++) {
		g->beat_text = beats ? beats[i] : NULL;
		g->cur_prop = g->ep_index + (int)(i / 3);
		g->force_loc = g->beat_locs ? g->beat_locs[i] : -1;
		g->cur_ent = g->plan_ents ? g->plan_ents[i] : NULL;
		if (g->cur_ent && g->cur_ent->kind == KW_PLACE && g->cur_ent->loc >= 0) g->force_loc = g->cur_ent->loc;
		g->beat_quote = g->beat_quotes ? g->beat_quotes[i] : NULL;
		g->beat_quote_slot = g->beat_quote_slots ? g->beat_quote_slots[i] : -1;
		eng_write_scene(g, e, types[i], extra[i], i == 0 && g->ep_index > 0);
	}
	g->beat_text = NULL;
	g->force_loc = -1;
	g->cur_ent = NULL;
}

static void episode_clear(struct episode *e)
{
	struct series *tmp = series_new();
	struct episode *t = series_add_episode(tmp);
	*t = *e;
	int num = e->number;
	char *title = e->title, *hook = e->hook, *cliff = e->cliffhanger;
	t->title = t->hook = t->cliffhanger = NULL;
	series_free(tmp);
	memset(e, 0, sizeof *e);
	e->number = num;
	e->title = title;
	e->hook = hook;
	e->cliffhanger = cliff;
}

void eng_write_episode_scenes(struct eng *g, struct episode *e, const char **types, size_t n,
                              const char **beats, double minutes)
{
	uint64_t ep_seed = seed_mix(g->seed, "episode") + (uint64_t)g->ep_index * 0x9e3779b97f4a7c15ull;
	int *extra = xcalloc(n ? n : 1, sizeof *extra);
	/* Aim a little long in English: the estimate (0.4 s a word + 0.55 s) runs about 3%
	 * short of flite's real speech (3-minute episodes measured 175-177 s at 1.0, 181 s at 1.06), and an episode
	 * asked for 3 minutes must not come out under 3. Chinese measured 207 s: no margin. */
	double target = minutes * 60.0 * (g->zh ? 1.0 : 1.08);
	double best_err = 1e9;
	size_t sused0 = g->n_sused;
	int best_long = 0;
	g->prefer_long = 0;
	int *best = xcalloc(n ? n : 1, sizeof *best);
	double prev_d = 0;
	for (int pass = 0; pass < 8; pass++) {
		write_scenes(g, e, types, n, beats, extra, ep_seed, sused0);
		double d = eng_episode_seconds(e, g->zh);
		int lines = 0, shots = 0;
		for (size_t i = 0; i < e->n_scenes; i++)
			for (size_t k = 0; k < e->scenes[i].n_shots; k++) lines += e->scenes[i].shots[k].line != NULL;
		for (size_t i = 0; i < e->n_scenes; i++) shots += (int)e->scenes[i].n_shots;
		/* the short-drama shape caps a 3-minute episode at 70 shots */
		int shot_cap = (int)(70.0 * (minutes > 3 ? minutes / 3.0 : 1.0));
		/* short is worse than long: an episode must not come out under its minutes */
		double err = (d < target ? 2.0 * (target - d) : d - target) + (shots > shot_cap ? 30.0 * (shots - shot_cap) : 0);
		if (err < best_err) { best_err = err; memcpy(best, extra, n * sizeof *extra); best_long = g->prefer_long; }
		episode_clear(e);
		if (err < target * 0.025) break;
		/* one more exchange pair costs about two average lines */
		double per_line = lines ? (d - 4.5) / (lines + 4) : 3.0;
		int pairs = (int)lround((target - d) / (2.2 * per_line));
		if (!pairs) pairs = target > d ? 1 : -1;
		if (shots > shot_cap && pairs > -1) pairs = -1;
		/* at the shot cap and still short: longer lines instead of more shots */
		if (shots >= shot_cap - 2 && d < target) { g->prefer_long = 1; if (pairs > 0) pairs = 0; }
		/* one pair more is too long and one less too short: keep the pairs, change the line lengths */
		if (pass >= 2 && (d < target) != (prev_d < target) && !g->prefer_long) {
			g->prefer_long = d < target ? 1 : -1;
			pairs = 0;
		}
		prev_d = d;
		int slots = 0;
		for (size_t i = 0; i < n; i++) slots += n_exchange_steps(g, types[i]) > 0;
		if (!slots) break;
		/* spread over the scenes that have exchanges, middle scenes first */
		for (int k = 0; pairs != 0 && k < 400; k++) {
			size_t i = (size_t)(1 + k) % n;
			if (!n_exchange_steps(g, types[i])) continue;
			if (pairs > 0) {
				if (extra[i] >= 7) continue;
				extra[i]++;
				pairs--;
			} else {
				if (extra[i] <= -1) continue;
				extra[i]--;
				pairs++;
			}
		}
		/* every scene at its shortest and still long: shorter lines */
		if (pairs < 0 && d > target) g->prefer_long = -1;
	}
	g->prefer_long = best_long;
	write_scenes(g, e, types, n, beats, best, ep_seed, sused0);
	g->prefer_long = 0;
	free(extra);
	free(best);
}

/* Scene types of one episode: the structure from scenes.json sized by minutes. */
size_t eng_plan_episode(struct eng *g, double minutes, const char **out, size_t max)
{
	const json_t *st = json_object_get(g->scenes, "episode");
	const json_t *extra = json_object_get(g->scenes, "extra");
	size_t base = json_array_size(st);
	int want = (int)lround(minutes * 7.0 / 3.0);
	if (want < 3) want = 3;
	if (want > (int)max) want = (int)max;
	int keep_max = 9;
	/* drop slots with the highest "keep" until the count fits */
	int drop_above = keep_max;
	for (int lvl = keep_max; lvl >= 0; lvl--) {
		int cnt = 0;
		for (size_t i = 0; i < base; i++)
			cnt += json_integer_value(json_object_get(json_array_get(st, i), "keep")) <= lvl;
		if (cnt <= want || lvl == 0) { drop_above = lvl; if (cnt <= want) break; }
	}
	size_t n = 0;
	int n_extra = 0;
	size_t have = 0;
	for (size_t i = 0; i < base; i++)
		have += json_integer_value(json_object_get(json_array_get(st, i), "keep")) <= drop_above;
	int add = want - (int)have;
	for (size_t i = 0; i < base && n < max; i++) {
		const json_t *slot = json_array_get(st, i);
		if (json_integer_value(json_object_get(slot, "keep")) > drop_above) continue;
		if (json_is_true(json_object_get(slot, "extras_before"))) {
			for (; add > 0 && n < max && json_array_size(extra); add--) {
				const char *x = json_string_value(json_array_get(extra, (size_t)n_extra % json_array_size(extra)));
				n_extra++;
				if (x) out[n++] = x;
			}
		}
		const char *t = NULL;
		if (i == 0 && g->ep_index > 0) t = json_string_value(json_object_get(g->scenes, "continue"));
		/* scene types the main trope does not use ("reversal_identity" in a detective story) */
		const json_t *avoid = json_object_get(eng_find_entry(g, "tropes", g->tropes[0]), "avoid_scenes");
		for (int tries = 0; !t && tries < 8; tries++) {
			const char *c = eng_pick_str(g, json_object_get(slot, "types"));
			size_t ai;
			const json_t *av;
			int bad = 0;
			json_array_foreach(avoid, ai, av) bad |= str_eq(json_string_value(av), c);
			if (!bad || tries == 7) t = c;
		}
		/* after the first episode nobody meets for the first time again */
		if (g->ep_index > 0 && i > 0) {
			size_t fi;
			const json_t *fv;
			json_array_foreach(json_object_get(g->scenes, "first_episode_only"), fi, fv)
				if (str_eq(json_string_value(fv), t)) {
					const json_t *li = json_object_get(g->scenes, "later_instead");
					size_t nl = json_array_size(li);
					if (nl) t = json_string_value(json_array_get(li, (size_t)(g->ep_index + (int)i) % nl));
					break;
				}
		}
		/* one scene type once per episode when there is another choice */
		for (int tries = 0; t && tries < 12; tries++) {
			int dup = 0;
			for (size_t k = 0; k < n; k++) dup |= str_eq(out[k], t);
			if (!dup) break;
			const json_t *alt = tries < 6 ? json_object_get(slot, "types") : json_object_get(g->scenes, "later_instead");
			t = eng_pick_str(g, alt);
		}
		if (t) out[n++] = t;
	}
	return n;
}

static void episode_meta(struct eng *g, struct episode *e)
{
	/* title: unique in the series */
	for (int tries = 0; tries < 12 && !e->title; tries++) {
		char *t = eng_phrase(g, "ep_title", SL_HERO, SL_LOVE, 0);
		if (!t) break;
		if (!g->zh) eng_title_case(t);
		int dup = 0;
		for (size_t i = 0; i < g->s->n_eps; i++) dup |= str_eq(g->s->eps[i].title, t);
		if (dup) free(t);
		else e->title = t;
	}
	if (!e->title) e->title = g->zh ? xasprintf("第%d集", e->number) : xasprintf("Episode %d", e->number);
	/* hook: the first thing that happens; cliffhanger: the last line */
	const struct line *first = NULL;
	const char *act = NULL;
	for (size_t i = 0; i < e->n_scenes && !first; i++)
		for (size_t k = 0; k < e->scenes[i].n_shots && !first; k++) {
			const struct shot *sh = &e->scenes[i].shots[k];
			if (!act && sh->action && i == 0) act = sh->action;
			if (sh->line && sh->line->speaker) first = sh->line;
		}
	if (first) {
		if (g->zh) e->hook = act ? xasprintf("%s%s：“%s”", act, first->speaker, first->text)
		                         : xasprintf("%s：“%s”", first->speaker, first->text);
		else e->hook = act ? xasprintf("%s %s: \"%s\"", act, first->speaker, first->text)
		                   : xasprintf("%s: \"%s\"", first->speaker, first->text);
	}
	if (g->prev_cliff_line)
		e->cliffhanger = g->zh ? xasprintf("%s：“%s”", g->prev_cliff_speaker, g->prev_cliff_line)
		                       : xasprintf("%s: \"%s\"", g->prev_cliff_speaker, g->prev_cliff_line);
}

void eng_write_episodes(struct eng *g, int n, double minutes)
{
	const json_t *tr = eng_find_entry(g, "tropes", g->tropes[0]);
	const json_t *arc = json_object_get(tr, g->zh ? "arc_zh" : "arc_en");
	g->n_eps = n;
	for (int k = 0; k < n; k++) {
		g->ep_index = k;
		size_t na = json_array_size(arc);
		g->goal = na ? json_string_value(json_array_get(arc, (size_t)k * na / (size_t)n)) : NULL;
		if (!g->goal) g->goal = g->zh ? "真相" : "the truth";
		struct episode *e = series_add_episode(g->s);
		const char *types[24];
		const struct eng_kw *ents[24];
		size_t nt = eng_plan_episode(g, minutes, types, ARRAY_LEN(types) - 6);
		/* keyword beats may add scenes: about three a minute at most, one more than planned at least */
		size_t cap = (size_t)lround(minutes * 3.0);
		if (cap > nt + 3) cap = nt + 3;
		if (cap < nt + 1) cap = nt + 1;
		nt = eng_plot_episode(g, types, nt, cap, ents);
		g->plan_ents = ents;
		eng_write_episode_scenes(g, e, types, nt, NULL, minutes);
		g->plan_ents = NULL;
		eng_episode_meta_and_cliff(g, e);
		/* in a series, the first beat says where the arc stands */
		char *arc = n > 1 ? eng_phrase(g, "arc_beat", SL_HERO, SL_LOVE, 0) : NULL;
		if (arc) {
			strv_push(&e->beats, &e->n_beats, &e->cap_beats, arc);   /* grows the array (a copy) */
			free(e->beats[e->n_beats - 1]);
			memmove(e->beats + 1, e->beats, (e->n_beats - 1) * sizeof *e->beats);
			e->beats[0] = arc;
		}
	}
}

void eng_episode_meta_and_cliff(struct eng *g, struct episode *e)
{
	if (g->n_eps > 1) eng_count_episode(g, e);
	record_cliff(g, e);
	episode_meta(g, e);
}

/* ---- quality rules ---- */
size_t eng_check(const struct series *s, struct diags *d)
{
	size_t before = d->n;
	series_validate(s, d);
	for (size_t ei = 0; ei < s->n_eps; ei++) {
		const struct episode *e = &s->eps[ei];
		const char **seen = NULL;
		size_t ns = 0, cap = 0;
		for (size_t si = 0; si < e->n_scenes; si++)
			for (size_t hi = 0; hi < e->scenes[si].n_shots; hi++) {
				const struct line *l = e->scenes[si].shots[hi].line;
				if (!l || !l->text) continue;
				for (size_t k = 0; k < ns; k++)
					if (!strcmp(seen[k], l->text)) {
						char p[128];
						snprintf(p, sizeof p, "episodes[%zu].scenes[%zu].shots[%zu].line.text", ei, si, hi);
						diags_add(d, p, "the line \"%s\" is repeated within the episode", l->text);
						break;
					}
				xgrow((void **)&seen, &cap, ns, sizeof *seen);
				seen[ns++] = l->text;
			}
		free(seen);
	}
	return d->n - before;
}

static int finish(struct eng *g, struct series **out)
{
	struct diags d = { 0 };
	if (eng_check(g->s, &d)) {
		int rc = err_set(ERR_GENERIC, "story engine: %s: %s (%zu problems); please report this with the keywords and seed",
		                 d.v[0].path, d.v[0].msg, d.n);
		diags_free(&d);
		return rc;
	}
	diags_free(&d);
	*out = eng_take_series(g);
	return 0;
}

static int check_opts(const struct story_opts *o, const char *input, const char **lang)
{
	*lang = o ? o->lang : NULL;
	if (*lang && strcmp(*lang, "en") && strcmp(*lang, "zh"))
		return err_set(ERR_INPUT, "language \"%s\" is not supported; use --lang en or --lang zh", *lang);
	if (!*lang) {
		*lang = "en";
		for (const char *p = input; *p;) {
			int32_t c = utf8_next(&p);
			if (c >= 0x3400 && c <= 0x9fff) { *lang = "zh"; break; }
		}
	}
	return 0;
}

int eng_opts(const struct story_opts *o, int *episodes, double *minutes)
{
	*episodes = o && o->episodes > 0 ? o->episodes : 1;
	*minutes = o && o->minutes > 0 ? o->minutes : 3.0;
	if (*episodes > MODEL_MAX_EPISODES)
		return err_set(ERR_INPUT, "%d episodes is too many (at most %d); use --episodes 1 to %d", *episodes,
		               MODEL_MAX_EPISODES, MODEL_MAX_EPISODES);
	if (*minutes < MODEL_MIN_MINUTES || *minutes > MODEL_MAX_MINUTES)
		return err_set(ERR_INPUT, "%g minutes per episode is out of range; use --minutes %g to %g", *minutes,
		               MODEL_MIN_MINUTES, (double)MODEL_MAX_MINUTES);
	return 0;
}

int story_from_keywords(const char *keywords, const struct story_opts *o, struct series **out)
{
	return eng_from_keywords(keywords, o, out, NULL);
}

static void usage(const struct eng *g, struct eng_usage *u)
{
	memset(u, 0, sizeof *u);
	for (int i = 0; i < g->n_kw; i++) {
		int k = g->kw[i].kind, ok = eng_kw_used(g, g->s, i);
		for (int v = 0; v < 6; v++) u->by[v] += str_eq(g->kw[i].via, ENG_KW_VIA[v]);
		u->total[k]++;
		u->used[k] += ok;
		if (!ok) snprintf(u->unused + strlen(u->unused), sizeof u->unused - strlen(u->unused), "%s\"%s\" (%s)",
		                  u->unused[0] ? ", " : "", g->kw[i].text, ENG_KW_KINDS[k]);
	}
}

int eng_from_keywords(const char *keywords, const struct story_opts *o, struct series **out, struct eng_usage *u)
{
	*out = NULL;
	if (!keywords) keywords = "";
	const char *lang;
	if (check_opts(o, keywords, &lang) < 0) return ERR_INPUT;
	int n_eps;
	double minutes;
	if (eng_opts(o, &n_eps, &minutes) < 0) return ERR_INPUT;
	{
		const char *p = keywords;
		int any = 0;
		while (*p) {
			const char *q = p;
			int32_t c = utf8_next(&p);
			if (c < 0) return err_set(ERR_INPUT, "the keywords are not valid UTF-8 text (byte %zu); write them as plain text",
			                          (size_t)(q - keywords) + 1);
			if (c > ' ' && c != ',' && c != 0x3001 && c != 0xff0c) any = 1;
		}
		if (!any) return err_set(ERR_INPUT, "no keywords given; give a few comma-separated keywords, "
		                         "e.g. \"ancient time-travel, milk tea shop, prince\"");
	}
	struct eng *g = eng_new(lang, o ? o->seed : 0);
	if (!g) return ERR_IO;
	/* the lines follow the keywords: two keyword sets at one seed pick different lines */
	g->seed = seed_mix(g->seed, keywords);
	rng_seed(&g->r, seed_mix(g->seed, "story-engine"));
	int rc = eng_read_keywords(g, keywords);
	if (rc == 0) {
		eng_complete_cast(g);
		eng_title_and_logline(g);
		eng_write_episodes(g, n_eps, minutes);
		eng_kw_warn_unused(g);
		if (u) usage(g, u);
		rc = finish(g, out);
	}
	eng_free(g);
	return rc;
}

int eng_finish(struct eng *g, struct series **out) { return finish(g, out); }
int eng_check_opts(const struct story_opts *o, const char *input, const char **lang) { return check_opts(o, input, lang); }
