/* story/fountain_export.c — a storyboard as a Fountain screenplay (story_to_fountain).
 *
 * The screenplay reads as a normal script (title page, episode sections, headings,
 * action, cues, parentheticals, dialogue, transitions). What Fountain cannot say goes
 * into notes "[[drama: KIND key=value ...]]" in front of what they describe, so that
 * story_from_fountain() gives back the same storyboard. */
#include "story/story.h"
#include "story/fountain.h"
#include "core/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* key="value" with \ " ] and newlines escaped (a note ends at "]]"). */
static void kv(struct sbuf *b, const char *k, const char *v)
{
	if (!v) return;
	sb_printf(b, " %s=\"", k);
	for (const char *p = v; *p; p++) {
		if (*p == '\n') sb_add(b, "\\n");
		else if (*p == '\r') continue;
		else {
			if (*p == '"' || *p == '\\' || *p == ']') sb_add(b, "\\");
			sb_addn(b, p, 1);
		}
	}
	sb_add(b, "\"");
}

static void kvs(struct sbuf *b, const char *k, const char *v)
{
	if (!v) return;
	/* a vocabulary word goes bare; anything else (a hand-edited value) is quoted */
	int bare = *v != 0;
	for (const char *p = v; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '.') bare = 0;
	if (bare) sb_printf(b, " %s=%s", k, v);
	else kv(b, k, v);
}

/* One line of text for a screenplay line: newlines become spaces, emphasis escaped. */
static void text1(struct sbuf *b, const char *s)
{
	char *t = xstrdup(s ? s : "");
	for (char *p = t; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
	fountain_escape(b, str_trim(t));
	free(t);
}

static int heading_matches(const char *h, int forced, const char *loc, const char *time)
{
	char *place = NULL;
	const char *t = NULL;
	int ext;
	fountain_heading_parse(h, forced, &place, &t, &ext);
	int ok = str_eq(place, loc) && str_eq(t, time ? time : "day");
	free(place);
	return ok;
}

static int is_exterior(const struct series *s, const char *loc)
{
	const struct location *l = series_find_location(s, loc);
	static const char *const ext[] = { "street", "garden", "forest", "rooftop", "park", NULL };
	return l && l->kind && model_in_vocab(ext, l->kind);
}

static const char *time_word(const char *t, int zh)
{
	if (str_eq(t, "night")) return zh ? "夜" : "NIGHT";
	if (str_eq(t, "dusk")) return zh ? "黄昏" : "DUSK";
	return zh ? "日" : "DAY";
}

static void action_para(struct sbuf *b, const char *text)
{
	struct sbuf t = { 0 };
	text1(&t, text);
	const char *s = t.s ? t.s : "";
	size_t n = strlen(s);
	int up = 0, lower = 0;
	for (const char *p = s; *p; p++) { if (isupper((unsigned char)*p)) up = 1; if (islower((unsigned char)*p)) lower = 1; }
	int force = strchr("#=~>.!@([", s[0]) != NULL ||
	            !strncasecmp(s, "INT", 3) || !strncasecmp(s, "EXT", 3) || !strncasecmp(s, "EST", 3) || !strncasecmp(s, "I/E", 3) ||
	            (up && !lower) || (n >= 3 && !strcmp(s + n - 3, "TO:"));
	if (force) sb_add(b, "!");
	sb_add(b, s);
	sb_add(b, "\n\n");
	sb_free(&t);
}

static void cue(struct sbuf *b, const struct series *s, const struct line *l, int in_frame)
{
	int zh = str_eq(s->lang, "zh");
	if (!l->speaker) {
		/* the first narrator name no character uses */
		const json_t *names = imp_data("narrator_names");
		size_t i;
		json_t *x;
		json_array_foreach(names, i, x) {
			const char *nm = json_string_value(x);
			char *back = nm ? fountain_cue_name(nm) : NULL;
			int taken = !nm || series_find_character(s, back) || (zh != ((unsigned char)nm[0] >= 0x80));
			free(back);
			if (taken) continue;
			sb_printf(b, "%s%s (V.O.)\n", (unsigned char)nm[0] >= 0x80 ? "@" : "", nm);
			return;
		}
		sb_add(b, zh ? "@旁白 (V.O.)\n" : "NARRATOR (V.O.)\n");
		return;
	}
	char *up = xstrdup(l->speaker);
	for (char *p = up; *p; p++) *p = (char)toupper((unsigned char)*p);
	char *back = fountain_cue_name(up);
	int has_upper = 0;
	for (const char *c = up; *c; c++) has_upper |= isupper((unsigned char)*c);
	int plain_ok = has_upper && str_eq(back, l->speaker) && !strchr(up, '(') && !strchr(up, '^') && !strchr(up, '*') &&
	               !strchr(up, '_') && !strchr(up, '\\') && up[0] != '@' && up[0] != '!' && up[0] != '#' &&
	               up[0] != '=' && up[0] != '~' && up[0] != '>' && up[0] != '.' &&
	               strncmp(up, "INT", 3) && strncmp(up, "EXT", 3) && strncmp(up, "EST", 3) && strncmp(up, "I/E", 3);
	free(back);
	if (plain_ok) sb_add(b, up);
	else { sb_add(b, "@"); sb_add(b, l->speaker); }
	free(up);
	if (!in_frame) sb_add(b, " (O.S.)");
	sb_add(b, "\n");
}

static void shot_out(struct sbuf *b, const struct series *s, const struct shot *sh)
{
	sb_add(b, "[[drama: shot");
	kvs(b, "type", sh->type);
	kvs(b, "camera", sh->camera);
	kvs(b, "transition", sh->transition);
	kv(b, "sound", sh->sound);
	if (sh->duration > 0) sb_printf(b, " duration=%.10g", sh->duration);
	if (sh->line) kvs(b, "emotion", sh->line->emotion);
	int in_frame = 0;
	for (size_t i = 0; i < sh->n_actors; i++) {
		const struct actor *a = &sh->actors[i];
		kv(b, "actor", a->name ? a->name : "");
		kvs(b, "expression", a->expression);
		kvs(b, "pose", a->pose);
		kv(b, "act", a->action);
		if (sh->line && str_eq(a->name, sh->line->speaker)) in_frame = 1;
	}
	sb_add(b, "]]\n");
	if (sh->action && *sh->action) action_para(b, sh->action);
	if (sh->line) {
		const struct line *l = sh->line;
		cue(b, s, l, in_frame || !l->speaker);
		if (l->parenthetical && *l->parenthetical) {
			sb_add(b, "(");
			text1(b, l->parenthetical);
			sb_add(b, ")\n");
		}
		/* a line that opens like lyrics "~" or a parenthetical "(" is still what is said */
		if (l->text && (l->text[0] == '~' || l->text[0] == '(')) sb_add(b, "\\");
		text1(b, l->text);
		sb_add(b, "\n\n");
	}
	if (!(sh->action && *sh->action) && !sh->line) sb_add(b, "\n");
}

static const char *transition_line(const char *t)
{
	if (!t) return NULL;
	if (!strcmp(t, "crossfade")) return "DISSOLVE TO:";
	if (!strcmp(t, "dip_to_black")) return ">FADE TO BLACK.";
	if (!strcmp(t, "flash")) return "SMASH CUT TO:";
	if (!strcmp(t, "whip_pan")) return "WHIP PAN TO:";
	if (!strcmp(t, "cut")) return "CUT TO:";
	return NULL;
}

static void scene_out(struct sbuf *b, const struct series *s, const struct scene *sc, int first)
{
	int zh = str_eq(s->lang, "zh");
	const char *tl = sc->n_shots ? transition_line(sc->shots[0].transition) : NULL;
	if (tl && !first) sb_printf(b, "%s\n\n", tl);
	/* the heading: the storyboard's own when it reads back as this scene's place and time */
	struct sbuf h = { 0 };
	int heading_key = 0, loc_key = 0;
	if (sc->heading && *sc->heading && !strchr(sc->heading, '\n') &&
	    heading_matches(sc->heading, 0, sc->location, sc->time) && strchr("IiEe", sc->heading[0])) {
		fountain_escape(&h, sc->heading);
	} else if (sc->heading && *sc->heading && !strchr(sc->heading, '\n') && sc->heading[0] != '.' &&
	           heading_matches(sc->heading, 1, sc->location, sc->time)) {
		sb_add(&h, ".");   /* a forced heading such as ".FLASHBACK - THE PALACE KITCHEN" */
		fountain_escape(&h, sc->heading);
	} else {
		sb_add(&h, zh ? "." : is_exterior(s, sc->location) ? "EXT. " : "INT. ");
		text1(&h, sc->location);
		sb_printf(&h, " - %s", time_word(sc->time, zh));
		heading_key = 1;
		int forced = h.s[0] == '.';
		if (!heading_matches(forced ? h.s + 1 : h.s, forced, sc->location, sc->time)) loc_key = 1;
	}
	sb_printf(b, "%s\n", h.s);
	sb_free(&h);
	sb_add(b, "[[drama: scene");
	if (heading_key) kv(b, "heading", sc->heading ? sc->heading : "");
	if (loc_key) { kv(b, "location", sc->location); kvs(b, "time", sc->time); }
	kvs(b, "weather", sc->weather);
	kvs(b, "mood", sc->mood);
	for (size_t i = 0; i < sc->n_cast; i++) kv(b, "cast", sc->cast[i]);
	sb_add(b, "]]\n\n");
	if (sc->summary && *sc->summary) {
		sb_add(b, "= ");
		text1(b, sc->summary);
		sb_add(b, "\n\n");
	}
	for (size_t i = 0; i < sc->n_shots; i++) shot_out(b, s, &sc->shots[i]);
}

int story_to_fountain(const struct series *s, struct sbuf *out)
{
	if (!s) return err_set(ERR_INPUT, "no storyboard to write as a screenplay");
	int zh = str_eq(s->lang, "zh");
	struct sbuf *b = out;
	sb_add(b, "");
	if (s->title && *s->title) { sb_add(b, "Title: "); text1(b, s->title); sb_add(b, "\n"); }
	sb_add(b, "Credit: Written with drama\n\n");
	sb_add(b, "[[drama: series");
	kvs(b, "lang", s->lang);
	kv(b, "era", s->era);
	sb_printf(b, " seed=%llu", (unsigned long long)s->seed);
	kv(b, "logline", s->logline);
	for (size_t i = 0; i < s->n_genres; i++) kv(b, "genre", s->genres[i]);
	sb_add(b, "]]\n\n");
	for (size_t i = 0; i < s->n_chars; i++) {
		const struct character *c = &s->chars[i];
		sb_add(b, "[[drama: character");
		kv(b, "name", c->name);
		kv(b, "role", c->role);
		kvs(b, "gender", c->gender);
		if (c->age) sb_printf(b, " age=%d", c->age);
		kv(b, "personality", c->personality);
		kv(b, "description", c->description);
		sb_add(b, "]]\n");
	}
	for (size_t i = 0; i < s->n_locs; i++) {
		const struct location *l = &s->locs[i];
		sb_add(b, "[[drama: location");
		kv(b, "name", l->name);
		kv(b, "kind", l->kind);
		kv(b, "description", l->description);
		sb_add(b, "]]\n");
	}
	sb_add(b, "\n");
	for (size_t i = 0; i < s->n_eps; i++) {
		const struct episode *e = &s->eps[i];
		if (zh) sb_printf(b, "# 第%d集", e->number);
		else sb_printf(b, "# Episode %d", e->number);
		if (e->title && *e->title) { sb_add(b, zh ? "：" : ": "); text1(b, e->title); }
		sb_add(b, "\n\n[[drama: episode");
		sb_printf(b, " number=%d", e->number);
		kv(b, "title", e->title);
		kv(b, "hook", e->hook);
		kv(b, "cliffhanger", e->cliffhanger);
		for (size_t k = 0; k < e->n_beats; k++) kv(b, "beat", e->beats[k]);
		sb_add(b, "]]\n\n");
		for (size_t j = 0; j < e->n_scenes; j++) scene_out(b, s, &e->scenes[j], j == 0);
	}
	return 0;
}
