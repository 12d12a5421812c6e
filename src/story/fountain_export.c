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

/* 1 if heading h reads back as place loc (and as time, unless it names none: then
 * *time_key asks the scene note to carry the time). forced: h is written with '.'. */
static int heading_matches(const char *h, int forced, const char *loc, const char *time, int *time_key)
{
	char *place = NULL;
	const char *t = NULL;
	int ext;
	fountain_heading_parse(h, forced, &place, &t, &ext);
	int no_time = !t || !strcmp(t, "keep");
	int ok = str_eq(place, loc) && (no_time || str_eq(t, time ? time : "day"));
	if (time_key) *time_key = no_time;
	free(place);
	return ok;
}

/* A heading every Fountain parser knows without the forcing '.': INT, EXT, EST or I/E
 * then '.' or a space ("INT。 医院-天" and "内景 医院" are ours only: written forced). */
static int std_heading(const char *h)
{
	static const char *const pre[] = { "INT", "EXT", "EST", "I/E", NULL };
	for (int i = 0; pre[i]; i++)
		if (!strncasecmp(h, pre[i], strlen(pre[i])) && (h[strlen(pre[i])] == '.' || h[strlen(pre[i])] == ' ')) return 1;
	return 0;
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

/* name in capitals when it reads back as itself ("Prince Rui" -> "PRINCE RUI"); 0 if it
 * needs the forcing '@' (mixed case such as "McQueen", non-Latin names, special openers). */
static int cue_plain(const char *name, char **up_out)
{
	char *up = xstrdup(name);
	for (char *p = up; *p; p++) *p = (char)toupper((unsigned char)*p);
	char *back = fountain_cue_name(up);
	int has_upper = 0;
	for (const char *c = up; *c; c++) has_upper |= isupper((unsigned char)*c);
	int ok = has_upper && str_eq(back, name) && !strpbrk(up, "(^*_\\（") && !strchr("@!#=~>.", up[0]) &&
	         !fountain_heading_prefix(up) && strncmp(up, "EST", 3) && !strstr(up, " AND ") && !strstr(up, " & ");
	free(back);
	*up_out = up;
	return ok;
}

static void cue(struct sbuf *b, const struct series *s, const struct line *l, int in_frame)
{
	int zh = str_eq(s->lang, "zh");
	if (!l->speaker) {
		const char *ext = l->ext ? l->ext : "V.O.";
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
			sb_printf(b, "%s%s (%s)%s\n", (unsigned char)nm[0] >= 0x80 ? "@" : "", nm, ext, l->dual ? " ^" : "");
			return;
		}
		sb_printf(b, "%s (%s)%s\n", zh ? "@\xE6\x97\x81\xE7\x99\xBD" : "NARRATOR", ext, l->dual ? " ^" : "");
		return;
	}
	char *up = NULL, *up2 = NULL;
	int plain = cue_plain(l->speaker, &up);
	if (l->with) plain &= cue_plain(l->with, &up2);
	for (size_t k = 0; k < l->n_also; k++) {
		char *u = NULL;
		plain &= cue_plain(l->also[k], &u);
		free(u);
	}
	/* "HANS (on the radio)": the spec allows it, afterwriting reads a cue only in capitals */
	for (const char *p = l->ext; p && *p; p++) plain &= !islower((unsigned char)*p);
	if (plain) {
		sb_add(b, up);
		if (l->with) sb_printf(b, " AND %s", up2);
		for (size_t k = 0; k < l->n_also; k++) {
			char *u = NULL;
			cue_plain(l->also[k], &u);
			sb_printf(b, " AND %s", u);
			free(u);
		}
	} else {
		sb_printf(b, "@%s", l->speaker);
		if (l->with) sb_printf(b, " and %s", l->with);
		for (size_t k = 0; k < l->n_also; k++) sb_printf(b, " and %s", l->also[k]);
	}
	free(up);
	free(up2);
	if (l->ext) sb_printf(b, " (%s)", l->ext);   /* lower case in it: forced above */
	else if (!in_frame) sb_add(b, " (O.S.)");
	if (l->dual) sb_add(b, " ^");
	sb_add(b, "\n");
}

/* The drama note of one shot, on a line of its own; cont: the shot takes the next piece
 * of the speech that the note before announced. */
static void shot_note(struct sbuf *b, const struct shot *sh, int cont)
{
	sb_add(b, "[[drama: shot");
	if (cont) sb_add(b, " cont=1");
	kvs(b, "type", sh->type);
	kvs(b, "camera", sh->camera);
	kvs(b, "transition", sh->transition);
	kv(b, "sound", sh->sound);
	if (sh->duration > 0) sb_printf(b, " duration=%.10g", sh->duration);
	if (sh->line) kvs(b, "emotion", sh->line->emotion);
	for (size_t i = 0; i < sh->n_actors; i++) {
		const struct actor *a = &sh->actors[i];
		kv(b, "actor", a->name ? a->name : "");
		kvs(b, "expression", a->expression);
		kvs(b, "pose", a->pose);
		kv(b, "act", a->action);
	}
	sb_add(b, "]]\n");
}

static int speaker_in_frame(const struct shot *sh)
{
	for (size_t i = 0; i < sh->n_actors; i++)
		if (str_eq(sh->actors[i].name, sh->line->speaker)) return 1;
	return 0;
}

/* Shot k continues the speech of line l under the same cue: nothing stands between. */
static int continues(const struct shot *sh, const struct line *l)
{
	return sh->line && sh->line->cont && str_eq(sh->line->speaker, l->speaker) && !(sh->action && *sh->action) &&
	       !sh->n_notes && !sh->transition_text && !sh->transition;
}

static void paragraphs(struct sbuf *b, char **v, size_t n)
{
	for (size_t i = 0; i < n; i++) sb_printf(b, "%s\n\n", v[i]);
}

/* Shot i of sc and the shots that continue its speech; returns the index after them.
 * Every drama note stands in a paragraph of its own, so the headings, cues and
 * dialogue around it read as the spec says (a cue needs a blank line above it). */
static size_t shots_out(struct sbuf *b, const struct series *s, const struct scene *sc, size_t i)
{
	const struct shot *sh = &sc->shots[i];
	if (i > 0) {
		paragraphs(b, sh->notes, sh->n_notes);
		const char *tl = sh->transition_text ? sh->transition_text : NULL;
		if (tl) { char *w = fountain_transition_written(tl); sb_printf(b, "%s\n\n", w); free(w); }
	}
	size_t j = i + 1;
	if (sh->line)
		while (j < sc->n_shots && continues(&sc->shots[j], sh->line)) j++;
	for (size_t k = i; k < j; k++) shot_note(b, &sc->shots[k], k > i);
	sb_add(b, "\n");
	if (sh->action && *sh->action) {
		if (sh->centered) { sb_add(b, "> "); text1(b, sh->action); sb_add(b, " <\n\n"); }
		else action_para(b, sh->action);
	}
	if (!sh->line) return j;
	const struct line *l = sh->line;
	if (l->speaker || !l->lyrics) cue(b, s, l, !l->speaker || speaker_in_frame(sh));
	for (size_t k = i; k < j; k++) {
		const struct line *x = sc->shots[k].line;
		/* fountain-js 1.2.4 fails on a speech that opens with lyrics: a parenthetical first
		 * (the importer drops it again, see FOUNTAIN_SINGING) */
		if (k == i && x->lyrics && (l->speaker || !x->lyrics) && !(x->parenthetical && *x->parenthetical))
			sb_printf(b, "(%s)\n", str_eq(s->lang, "zh") ? FOUNTAIN_SINGING_ZH : FOUNTAIN_SINGING);
		if (x->parenthetical && *x->parenthetical) {
			sb_add(b, "(");
			text1(b, x->parenthetical);
			sb_add(b, ")\n");
		}
		size_t tl = x->text ? strlen(x->text) : 0;
		int alone = j == i + 1 && !(x->parenthetical && *x->parenthetical);
		if (x->lyrics) sb_add(b, "~");
		/* a line that opens like lyrics "~" or reads as a parenthetical "(...)" is still what
		 * is said; "(Nobody.)" alone under its cue reads back as that (other parsers show
		 * the escaping backslash, so it is kept for where it is needed) */
		else if (tl && (x->text[0] == '~' || (x->text[0] == '(' && x->text[tl - 1] == ')' && !alone))) sb_add(b, "\\");
		text1(b, x->text);
		sb_add(b, "\n");
	}
	sb_add(b, "\n");
	return j;
}

const char *fountain_transition_line(const char *t)
{
	if (!t) return NULL;
	if (!strcmp(t, "crossfade")) return "DISSOLVE TO:";
	if (!strcmp(t, "dip_to_black")) return ">FADE TO BLACK.";
	if (!strcmp(t, "flash")) return "SMASH CUT TO:";
	if (!strcmp(t, "whip_pan")) return "WHIP PAN TO:";
	if (!strcmp(t, "cut")) return "CUT TO:";
	return NULL;
}

char *fountain_transition_written(const char *t)
{
	if (t[0] == '>') return xstrdup(t);
	size_t n = strlen(t);
	int lower = 0;
	for (const char *p = t; *p; p++) lower |= islower((unsigned char)*p);
	if (!lower && n >= 3 && !strcmp(t + n - 3, "TO:")) return xstrdup(t);
	return xasprintf("> %s", t);
}

static void scene_out(struct sbuf *b, const struct series *s, const struct scene *sc, int first)
{
	int zh = str_eq(s->lang, "zh");
	paragraphs(b, sc->notes, sc->n_notes);
	const struct shot *sh0 = sc->n_shots ? &sc->shots[0] : NULL;
	if (sh0 && sh0->transition_text) {
		char *w = fountain_transition_written(sh0->transition_text);
		sb_printf(b, "%s\n\n", w);
		free(w);
	} else {
		const char *tl = sh0 ? fountain_transition_line(sh0->transition) : NULL;
		if (tl && !first) sb_printf(b, "%s\n\n", tl);
	}
	/* the heading: the storyboard's own when it reads back as this scene's place and time */
	struct sbuf h = { 0 };
	int heading_key = 0, loc_key = 0, time_key = 0;
	int one_line = sc->heading && *sc->heading && !strchr(sc->heading, '\n');
	if (one_line && std_heading(sc->heading) && heading_matches(sc->heading, 0, sc->location, sc->time, &time_key)) {
		fountain_escape(&h, sc->heading);
	} else if (one_line && sc->heading[0] != '.' && heading_matches(sc->heading, 1, sc->location, sc->time, &time_key)) {
		sb_add(&h, ".");   /* a forced heading such as ".FLASHBACK - THE PALACE KITCHEN" */
		fountain_escape(&h, sc->heading);
	} else {
		sb_add(&h, zh ? "." : is_exterior(s, sc->location) ? "EXT. " : "INT. ");
		text1(&h, sc->location);
		sb_printf(&h, " - %s", time_word(sc->time, zh));
		heading_key = 1;
		time_key = 0;
		int forced = h.s[0] == '.';
		if (!heading_matches(forced ? h.s + 1 : h.s, forced, sc->location, sc->time, NULL)) loc_key = 1;
	}
	sb_printf(b, "%s", h.s);
	if (sc->number && *sc->number && !strpbrk(sc->number, "#\n")) sb_printf(b, " #%s#", sc->number);
	sb_add(b, "\n\n");
	sb_free(&h);
	sb_add(b, "[[drama: scene");
	if (heading_key) kv(b, "heading", sc->heading ? sc->heading : "");
	if (loc_key) kv(b, "location", sc->location);
	if (loc_key || time_key) kvs(b, "time", sc->time);
	kvs(b, "weather", sc->weather);
	kvs(b, "mood", sc->mood);
	for (size_t i = 0; i < sc->n_cast; i++) kv(b, "cast", sc->cast[i]);
	sb_add(b, "]]\n\n");
	if (sc->summary && *sc->summary) {
		sb_add(b, "= ");
		text1(b, sc->summary);
		sb_add(b, "\n\n");
	}
	if (sh0) paragraphs(b, sh0->notes, sh0->n_notes);
	for (size_t i = 0; i < sc->n_shots;) i = shots_out(b, s, sc, i);
	paragraphs(b, sc->end_notes, sc->n_end_notes);
}

int story_to_fountain(const struct series *s, struct sbuf *out)
{
	if (!s) return err_set(ERR_INPUT, "no storyboard to write as a screenplay");
	int zh = str_eq(s->lang, "zh");
	struct sbuf *b = out;
	sb_add(b, "");
	if (s->title && *s->title) { sb_add(b, "Title: "); text1(b, s->title); sb_add(b, "\n"); }
	for (size_t i = 0; i < s->n_title_page; i++) {
		const char *e = s->title_page[i], *c = strchr(e, ':'), *v = c ? c + 1 : "";
		if (!c) continue;
		while (*v == ' ') v++;
		sb_printf(b, "%.*s:", (int)(c - e), e);
		if (!strchr(v, '\n')) { sb_printf(b, " %s\n", v); continue; }
		for (const char *p = v; *p;) {   /* a value over several lines: indented */
			const char *q = strchr(p, '\n');
			size_t n = q ? (size_t)(q - p) : strlen(p);
			sb_printf(b, "\n    %.*s", (int)n, p);
			p += n + (q != NULL);
		}
		sb_add(b, "\n");
	}
	if (!s->n_title_page) sb_add(b, "Credit: " FOUNTAIN_CREDIT "\n");
	sb_add(b, "\n[[drama: series");
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
		sb_add(b, "]]\n\n");
	}
	for (size_t i = 0; i < s->n_locs; i++) {
		const struct location *l = &s->locs[i];
		sb_add(b, "[[drama: location");
		kv(b, "name", l->name);
		kv(b, "kind", l->kind);
		kv(b, "description", l->description);
		sb_add(b, "]]\n\n");
	}
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
