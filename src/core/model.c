/* core/model.c — building, finding, cloning and freeing the storyboard model. */
#include "core/model.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

const char *const MODEL_SHOT_TYPES[] = { "wide", "medium", "close_up", "extreme_close_up",
	"over_the_shoulder", "two_shot", "insert", NULL };
const char *const MODEL_CAMERAS[] = { "static", "push_in", "pull_out", "pan_left", "pan_right",
	"tilt_up", "tilt_down", "snap_zoom", "shake", NULL };
const char *const MODEL_TRANSITIONS[] = { "cut", "crossfade", "dip_to_black", "whip_pan", "flash", NULL };
const char *const MODEL_EMOTIONS[] = { "neutral", "happy", "sad", "angry", "surprised", "smug", "shy",
	"crying", "scared", "determined", "whisper", "shout", NULL };
const char *const MODEL_POSES[] = { "idle", "arms_crossed", "pointing", "hand_on_hip", "hands_to_face", "bow", NULL };
const char *const MODEL_TIMES[] = { "day", "dusk", "night", NULL };
const char *const MODEL_WEATHERS[] = { "clear", "rain", "snow", "storm", "fog", "heat", "dust", "flood", NULL };

int model_weather_moves(const char *w)
{
	static const char *const moving[] = { "rain", "snow", "storm", "dust", "flood", NULL };
	return model_in_vocab(moving, w);
}
const char *const MODEL_MOODS[] = { "romance", "tension", "comedy", "sadness", "triumph", "mystery",
	"action", "calm", NULL };

int model_in_vocab(const char *const *vocab, const char *v)
{
	if (!v) return 0;
	for (; *vocab; vocab++)
		if (!strcmp(*vocab, v)) return 1;
	return 0;
}

struct series *series_new(void)
{
	struct series *s = xcalloc(1, sizeof *s);
	s->schema = MODEL_SCHEMA;
	return s;
}

#define ADD(arr, n, cap) (xgrow((void **)&(arr), &(cap), (n), sizeof *(arr)), &(arr)[(n)++])

struct character *series_add_character(struct series *s) { return ADD(s->chars, s->n_chars, s->cap_chars); }
struct location *series_add_location(struct series *s) { return ADD(s->locs, s->n_locs, s->cap_locs); }

struct episode *series_add_episode(struct series *s)
{
	struct episode *e = ADD(s->eps, s->n_eps, s->cap_eps);
	e->number = (int)s->n_eps;
	return e;
}

struct scene *episode_add_scene(struct episode *e) { return ADD(e->scenes, e->n_scenes, e->cap_scenes); }
struct shot *scene_add_shot(struct scene *sc) { return ADD(sc->shots, sc->n_shots, sc->cap_shots); }
struct actor *shot_add_actor(struct shot *sh) { return ADD(sh->actors, sh->n_actors, sh->cap_actors); }

struct line *shot_set_line(struct shot *sh)
{
	if (!sh->line) sh->line = xcalloc(1, sizeof *sh->line);
	return sh->line;
}

void strv_push(char ***v, size_t *n, size_t *cap, const char *s)
{
	xgrow((void **)v, cap, *n, sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++) free(v[i]);
	free(v);
}

static void line_free(struct line *l)
{
	if (!l) return;
	free(l->speaker); free(l->text); free(l->emotion); free(l->parenthetical); free(l->audio);
	free(l->ext); free(l->with);
	strv_free(l->also, l->n_also);
	free(l);
}

static void shot_clear(struct shot *sh)
{
	free(sh->type); free(sh->camera); free(sh->transition); free(sh->sound); free(sh->action);
	for (size_t i = 0; i < sh->n_actors; i++) {
		struct actor *a = &sh->actors[i];
		free(a->name); free(a->expression); free(a->pose); free(a->action);
	}
	free(sh->actors);
	line_free(sh->line);
	free(sh->transition_text);
	strv_free(sh->notes, sh->n_notes);
}

static void scene_clear(struct scene *sc)
{
	free(sc->heading); free(sc->location); free(sc->time); free(sc->weather); free(sc->mood);
	free(sc->summary); free(sc->music);
	strv_free(sc->cast, sc->n_cast);
	free(sc->number);
	strv_free(sc->notes, sc->n_notes);
	strv_free(sc->end_notes, sc->n_end_notes);
	for (size_t i = 0; i < sc->n_shots; i++) shot_clear(&sc->shots[i]);
	free(sc->shots);
}

void series_free(struct series *s)
{
	if (!s) return;
	free(s->title); free(s->logline); free(s->lang); free(s->era);
	strv_free(s->genres, s->n_genres);
	strv_free(s->title_page, s->n_title_page);
	if (s->narrator_voice) json_decref(s->narrator_voice);
	for (size_t i = 0; i < s->n_chars; i++) {
		struct character *c = &s->chars[i];
		free(c->name); free(c->role); free(c->gender); free(c->personality); free(c->description);
		if (c->look) json_decref(c->look);
		if (c->voice) json_decref(c->voice);
	}
	free(s->chars);
	for (size_t i = 0; i < s->n_locs; i++) {
		struct location *l = &s->locs[i];
		free(l->name); free(l->kind); free(l->description);
		if (l->look) json_decref(l->look);
	}
	free(s->locs);
	for (size_t i = 0; i < s->n_eps; i++) {
		struct episode *e = &s->eps[i];
		free(e->title); free(e->hook); free(e->cliffhanger);
		strv_free(e->beats, e->n_beats);
		for (size_t j = 0; j < e->n_scenes; j++) scene_clear(&e->scenes[j]);
		free(e->scenes);
	}
	free(s->eps);
	free(s);
}

struct character *series_find_character(const struct series *s, const char *name)
{
	if (!s || !name) return NULL;
	for (size_t i = 0; i < s->n_chars; i++)
		if (str_eq(s->chars[i].name, name)) return &s->chars[i];
	return NULL;
}

struct location *series_find_location(const struct series *s, const char *name)
{
	if (!s || !name) return NULL;
	for (size_t i = 0; i < s->n_locs; i++)
		if (str_eq(s->locs[i].name, name)) return &s->locs[i];
	return NULL;
}

struct series *series_clone(const struct series *s)
{
	json_t *j = series_to_json(s);
	struct series *c = NULL;
	if (series_from_json(j, &c) < 0) {
		/* A model we built ourselves always converts; failing here is a bug. */
		log_error("core", "series_clone: %s", err_msg());
		abort();
	}
	json_decref(j);
	return c;
}
