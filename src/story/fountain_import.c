/* story/fountain_import.c — a Fountain screenplay into a storyboard (story_from_fountain).
 *
 * Characters come from the cues (names normalised, extensions dropped; NARRATOR is the
 * narrator), locations from the scene headings (INT./EXT., place, time of day), one wide
 * establishing shot per scene, then a shot per action paragraph and per dialogue block.
 * What Fountain cannot say (shot types, cameras, emotions, episode boundaries, the
 * series bible) is read from notes "[[drama: KIND key=value ...]]" that
 * story_to_fountain writes, so an exported storyboard comes back the same. */
#include "story/story.h"
#include "story/fountain.h"
#include "core/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- drama notes ---- */
struct kv { char *k, *v; };
struct dnote { char *type; struct kv *v; size_t n, cap; };

static void dnote_free(struct dnote *d)
{
	free(d->type);
	for (size_t i = 0; i < d->n; i++) { free(d->v[i].k); free(d->v[i].v); }
	free(d->v);
	memset(d, 0, sizeof *d);
}

/* "drama: shot type=medium actor=\"Xia\"" -> type "shot" and pairs. 0 if not a drama note. */
static int dnote_parse(const char *t, struct dnote *d)
{
	memset(d, 0, sizeof *d);
	if (strncmp(t, "drama:", 6)) return 0;
	const char *p = t + 6;
	while (isspace((unsigned char)*p)) p++;
	const char *q = p;
	while (isalnum((unsigned char)*q) || *q == '_') q++;
	if (q == p) return 0;
	d->type = xstrndup(p, (size_t)(q - p));
	p = q;
	for (;;) {
		while (isspace((unsigned char)*p)) p++;
		if (!*p) break;
		q = p;
		while (isalnum((unsigned char)*q) || *q == '_') q++;
		if (q == p || *q != '=') {   /* junk: skip a token */
			while (*p && !isspace((unsigned char)*p)) p++;
			continue;
		}
		char *k = xstrndup(p, (size_t)(q - p));
		p = q + 1;
		struct sbuf v = { 0 };
		sb_add(&v, "");
		if (*p == '"') {
			p++;
			while (*p && *p != '"') {
				if (*p == '\\' && p[1]) {
					p++;
					sb_addn(&v, *p == 'n' ? "\n" : p, 1);
				} else {
					sb_addn(&v, p, 1);
				}
				p++;
			}
			if (*p == '"') p++;
		} else {
			while (*p && !isspace((unsigned char)*p)) sb_addn(&v, p++, 1);
		}
		xgrow((void **)&d->v, &d->cap, d->n, sizeof *d->v);
		d->v[d->n++] = (struct kv){ k, v.s };
	}
	return 1;
}

static const char *dget(const struct dnote *d, const char *k)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].k, k)) return d->v[i].v;
	return NULL;
}

static void set(char **dst, const char *v)
{
	free(*dst);
	*dst = v && *v ? xstrdup(v) : NULL;
}

/* ---- names and headings ---- */
static int all_caps(const char *s)
{
	int up = 0;
	for (; *s; s++) {
		if (islower((unsigned char)*s)) return 0;
		if (isupper((unsigned char)*s)) up = 1;
	}
	return up;
}

static char *title_case(const char *s)
{
	char *o = xstrdup(s);
	int start = 1;
	size_t wl = 0;   /* letters into the current word */
	for (char *p = o; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalpha(c)) {
			*p = (char)(start ? toupper(c) : tolower(c));
			start = 0;
			wl++;
		} else if (c == '\'') {
			start = wl == 1 && isalpha((unsigned char)p[1]) && isalpha((unsigned char)p[2]);   /* O'Brien, not Xia's */
		} else {
			start = c == ' ' || c == '-' || c == '.' || c == '(' || c == '/';
			if (start) wl = 0;
		}
	}
	return o;
}

/* A cue's name as the storyboard uses it: "PRINCE RUI" -> "Prince Rui". */
char *fountain_cue_name(const char *cue)
{
	char *plain = fountain_plain(cue);
	char *t = str_trim(plain);
	char *r = all_caps(t) ? title_case(t) : xstrdup(t);
	free(plain);
	return r;
}

static const char *heading_time(const char *seg)
{
	static const char *const order[] = { "night", "dusk", "day", "keep" };
	const json_t *times = imp_data("times");
	for (size_t i = 0; times && i < ARRAY_LEN(order); i++) {
		const json_t *list = json_object_get(times, order[i]);
		size_t k;
		json_t *w;
		json_array_foreach(list, k, w)
			if (imp_has_word(seg, json_string_value(w))) return order[i];
	}
	return fountain_time_extra(seg);
}

/* "INT. XIA'S MILK TEA SHOP - NIGHT" -> place "Xia's Milk Tea Shop", time "night", ext 0. */
void fountain_heading_parse(const char *h, int forced, char **place, const char **time, int *ext)
{
	const char *p = h;
	*ext = 0;
	*time = NULL;
	/* a forced heading may still open with a prefix (".INT。 医院-天" is how we write one
	 * other parsers would not know) */
	size_t pre = fountain_heading_prefix(p);
	if (pre || !forced) {
		*ext = !strncasecmp(p, "EXT", 3) || !strncmp(p, "\xE5\xA4\x96\xE6\x99\xAF", 6);   /* 外景 */
		p += pre ? pre : strlen(p);
	}
	char *rest = xstrdup(p);
	/* split on " - " (also en/em dashes); a Chinese or Japanese heading ("医院-天") also
	 * on a dash with no spaces around it */
	static const char *const dash_spaced[] = { " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", NULL };
	static const char *const dash_cjk[] = { " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", "-", "\xEF\xBC\x8D",
		"\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x94\xE2\x80\x94", NULL };
	int cjk = 0;
	for (const char *q = rest; *q && !cjk; q++) cjk = (unsigned char)*q >= 0xE3;
	const char *const *dashes = cjk && !strstr(rest, " - ") ? dash_cjk : dash_spaced;
	char *segs[16];
	int n = 0;
	char *s = rest;
	for (;;) {
		char *d = NULL;
		size_t dl = 0;
		for (int k = 0; dashes[k]; k++) {
			char *x = strstr(s, dashes[k]);
			if (x && (!d || x < d || (x == d && strlen(dashes[k]) > dl))) { d = x; dl = strlen(dashes[k]); }
		}
		if (!d || n == 15) { segs[n++] = s; break; }
		*d = 0;
		segs[n++] = s;
		s = d + dl;
	}
	for (int i = 0; i < n; i++) segs[i] = str_trim(segs[i]);
	/* the time of day: the last segment that names one */
	if (n > 1 || (n == 1 && heading_time(segs[0]) && strlen(segs[0]) < 12)) {
		const char *t = heading_time(segs[n - 1]);
		if (t) { *time = t; n--; }
	}
	struct sbuf b = { 0 };
	for (int i = 0; i < n; i++) {
		if (!*segs[i] || (imp_in_list("heading_words_dropped", segs[i]) && n > 1)) continue;
		if (b.len) sb_add(&b, " - ");
		sb_add(&b, segs[i]);
	}
	if (!b.len) sb_add(&b, n > 0 && *segs[0] ? segs[0] : "");
	char *plain = fountain_plain(b.s ? b.s : "");
	*place = *str_trim(plain) ? (all_caps(plain) ? title_case(str_trim(plain)) : xstrdup(str_trim(plain))) : NULL;
	free(plain);
	sb_free(&b);
	free(rest);
}

/* ---- import state ---- */
struct imp {
	struct series *s;
	const char *fname;
	int zh;
	int noted;                /* the script carries drama notes (exported by us) */
	int explicit_eps;
	struct scene *sc;         /* current scene (pointer into the current episode) */
	int sc_ext;
	int need_establish;
	/* shots made by drama notes that still take an action and a line, in order:
	 * m->sc->shots[q_head .. q_head + q_n), each with the note's line emotion */
	size_t q_head, q_n, q_cap;
	char **q_emo;
	const char *pending_transition;
	char *pending_transition_text;   /* as written, when it says more than the vocabulary word */
	char **pending; size_t n_pending, cap_pending;   /* elements as written, for the next shot */
	char *prev_speaker;       /* last in-frame speaker in this scene */
	const char *prev_time;
};

/* ---- the queue of shots opened by notes ---- */
static void q_reset(struct imp *m)
{
	for (size_t i = 0; i < m->q_n; i++) free(m->q_emo[i]);
	m->q_n = 0;
}

static struct shot *q_peek(struct imp *m)
{
	return m->q_n && m->sc ? &m->sc->shots[m->q_head] : NULL;
}

static void q_pop(struct imp *m)
{
	if (!m->q_n) return;
	free(m->q_emo[0]);
	memmove(m->q_emo, m->q_emo + 1, (m->q_n - 1) * sizeof *m->q_emo);
	m->q_n--;
	m->q_head++;
}

static void pending_clear(struct imp *m)
{
	for (size_t i = 0; i < m->n_pending; i++) free(m->pending[i]);
	m->n_pending = 0;
}

static struct episode *cur_ep(struct imp *m)
{
	if (!m->s->n_eps) series_add_episode(m->s);
	return &m->s->eps[m->s->n_eps - 1];
}

/* The location named name, made on its first heading (at line, NULL heading: none) with
 * the kind its words say. A place no kind draws gets the nearest kind, or a generic
 * street/room that the art stage resolves by era, with one warning naming the heading
 * (not for scripts we exported: their notes carry the kinds). */
static struct location *get_location(struct imp *m, const char *name, int ext, const char *heading, int line)
{
	struct location *l = series_find_location(m->s, name);
	if (l) return l;
	l = series_add_location(m->s);
	l->name = xstrdup(name);
	int nearest = 0;
	const char *k = fountain_location_kind_near(name, &nearest);
	l->kind = xstrdup(k ? k : ext ? "street" : "room");
	if (heading && !m->noted && (nearest || !k)) {
		char *h = fountain_plain(heading);
		if (nearest)
			log_warn("story", "%s:%d: scene heading \"%s\": no location kind draws \"%s\"; drawn as the nearest, %s "
			         "(to choose another, set its kind in storyboard.json; kinds: data/art/locations.json)",
			         m->fname, line, h, name, k);
		else
			log_warn("story", "%s:%d: scene heading \"%s\": no word of \"%s\" says what kind of place it is; drawn as a "
			         "generic %s (to choose, set its kind in storyboard.json; kinds: data/art/locations.json)",
			         m->fname, line, h, name, ext ? "street" : "room");
		free(h);
	}
	return l;
}

static void new_scene(struct imp *m, const char *heading, int forced, int line)
{
	struct episode *e = cur_ep(m);
	struct scene *sc = episode_add_scene(e);
	char *place = NULL;
	const char *time = NULL;
	int ext = 0;
	if (heading) fountain_heading_parse(heading, forced, &place, &time, &ext);
	if (!place) place = xstrdup(m->zh ? "某处" : "Somewhere");
	get_location(m, place, ext, heading, line);
	sc->location = place;
	sc->heading = heading ? fountain_plain(heading) : NULL;
	if (!time || !strcmp(time, "keep")) time = m->prev_time ? m->prev_time : "day";
	sc->time = xstrdup(time);
	m->prev_time = str_eq(time, "day") ? "day" : str_eq(time, "dusk") ? "dusk" : "night";
	m->sc = sc;
	m->sc_ext = ext;
	m->need_establish = 1;
	q_reset(m);
	for (size_t i = 0; i < m->n_pending; i++) strv_push(&sc->notes, &sc->n_notes, &sc->cap_notes, m->pending[i]);
	pending_clear(m);
	free(m->prev_speaker);
	m->prev_speaker = NULL;
}

static void ensure_scene(struct imp *m)
{
	if (!m->sc) new_scene(m, NULL, 0, 0);
}

static struct shot *add_shot(struct imp *m, const char *type)
{
	struct shot *sh = scene_add_shot(m->sc);
	sh->type = xstrdup(type);
	if (m->pending_transition) {
		sh->transition = xstrdup(m->pending_transition);
		m->pending_transition = NULL;
	}
	sh->transition_text = m->pending_transition_text;
	m->pending_transition_text = NULL;
	for (size_t i = 0; i < m->n_pending; i++) strv_push(&sh->notes, &sh->n_notes, &sh->cap_notes, m->pending[i]);
	pending_clear(m);
	return sh;
}

/* A shot no note made: it closes the queue of note shots. */
static struct shot *add_plain_shot(struct imp *m, const char *type)
{
	q_reset(m);
	return add_shot(m, type);
}

/* What the script leaves after the last shot of an episode (a closing "FADE OUT.", a
 * section) stays with the last scene. */
static void pending_to_scene_end(struct imp *m)
{
	if (!m->sc) return;
	struct scene *sc = m->sc;
	if (m->pending_transition_text || m->pending_transition) {
		const char *t = m->pending_transition_text ? m->pending_transition_text : fountain_transition_line(m->pending_transition);
		if (t) {
			char *w = fountain_transition_written(t);
			strv_push(&sc->end_notes, &sc->n_end_notes, &sc->cap_end_notes, w);
			free(w);
		}
	}
	free(m->pending_transition_text);
	m->pending_transition_text = NULL;
	m->pending_transition = NULL;
	for (size_t i = 0; i < m->n_pending; i++) strv_push(&sc->end_notes, &sc->n_end_notes, &sc->cap_end_notes, m->pending[i]);
	pending_clear(m);
}

/* Characters named in an action paragraph, in order of the name list. */
static size_t mentions(struct imp *m, const char *text, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < m->s->n_chars && n < max; i++) {
		const char *name = m->s->chars[i].name;
		int hit = imp_has_word(text, name);
		if (!hit && !m->zh) {
			const char *last = strrchr(name, ' ');
			if (last && strlen(last + 1) >= 3 && isupper((unsigned char)last[1])) {
				/* "Rui" for "Prince Rui", case-sensitive so "rui" in a word does not count */
				const char *p = text;
				size_t ln = strlen(last + 1);
				while ((p = strstr(p, last + 1))) {
					if ((p == text || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[ln])) { hit = 1; break; }
					p += ln;
				}
				if (!hit) {
					char *up = xstrdup(last + 1);
					for (char *c = up; *c; c++) *c = (char)toupper((unsigned char)*c);
					p = text;
					while ((p = strstr(p, up))) {
						if ((p == text || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[ln])) { hit = 1; break; }
						p += ln;
					}
					free(up);
				}
			}
		}
		if (hit) out[n++] = name;
	}
	return n;
}

static size_t count_words(const char *t)
{
	size_t w = 0;
	int in = 0;
	const char *p = t;
	while (*p) {
		int32_t c = utf8_next(&p);
		if (c < 0) continue;
		if (utf8_is_cjk(c)) { w++; in = 0; }
		else if (c < 128 && isspace(c)) in = 0;
		else if (!in) { w++; in = 1; }
	}
	return w;
}

static char *flat(const char *raw)
{
	char *p = fountain_plain(raw);
	for (char *c = p; *c; c++)
		if (*c == '\n' || *c == '\r') *c = ' ';
	/* squeeze double spaces left by joined lines */
	char *w = p;
	for (char *r = p; *r; r++) {
		if (*r == ' ' && w > p && w[-1] == ' ') continue;
		*w++ = *r;
	}
	*w = 0;
	char *t = xstrdup(str_trim(p));
	free(p);
	return t;
}

static const char *face_of(const char *emotion)
{
	if (!emotion || !strcmp(emotion, "whisper")) return NULL;
	if (!strcmp(emotion, "shout")) return "angry";
	return emotion;
}

/* Emotion from a parenthetical, else from the punctuation of the line. */
const char *imp_guess_emotion(const char *paren, const char *text)
{
	const char *e = paren ? imp_lookup("emotions", paren) : NULL;
	if (e) return e;
	size_t n = strlen(text);
	int bangs = 0, letters = 0, lower = 0;
	for (const char *p = text; *p; p++) {
		if (*p == '!') bangs++;
		if (!strncmp(p, "\xEF\xBC\x81", 3)) bangs++;   /* ！ */
		if (isalpha((unsigned char)*p)) { letters++; if (islower((unsigned char)*p)) lower++; }
	}
	while (n && isspace((unsigned char)text[n - 1])) n--;
	if (bangs && letters >= 4 && !lower) return "shout";
	if (n >= 2 && (!strncmp(text + n - 2, "?!", 2) || !strncmp(text + n - 2, "!?", 2))) return "surprised";
	if (n >= 6 && (!strcmp(text + n - 6, "\xEF\xBC\x9F\xEF\xBC\x81") || !strcmp(text + n - 6, "\xEF\xBC\x81\xEF\xBC\x9F"))) return "surprised";
	if (bangs >= 2) return "angry";
	if (n && (text[n - 1] == '!' || (n >= 3 && !strncmp(text + n - 3, "\xEF\xBC\x81", 3)))) return "determined";
	if ((n >= 3 && !strncmp(text + n - 3, "...", 3)) || (n >= 3 && !strncmp(text + n - 3, "\xE2\x80\xA6", 3))) return "sad";
	return NULL;
}

static void add_actor(struct shot *sh, const char *name, const char *expression, const char *pose)
{
	for (size_t i = 0; i < sh->n_actors; i++)
		if (str_eq(sh->actors[i].name, name)) return;
	struct actor *a = shot_add_actor(sh);
	a->name = xstrdup(name);
	a->expression = expression ? xstrdup(expression) : NULL;
	a->pose = pose ? xstrdup(pose) : NULL;
}

static void on_action(struct imp *m, const char *raw, int centered)
{
	ensure_scene(m);
	char *text = flat(raw);
	if (!*text) { free(text); return; }
	struct shot *open = q_peek(m);
	if (open && !open->action && !open->line) {
		open->action = text;
		open->centered = centered;
		return;
	}
	const char *who[4];
	size_t n = mentions(m, text, who, 4);
	const char *sound = imp_lookup("sounds", text);
	const char *pose = imp_lookup("poses", text);
	struct shot *sh;
	if (m->need_establish) {
		sh = add_plain_shot(m, "wide");
		sh->camera = xstrdup(m->sc_ext ? "pan_right" : "push_in");
		m->need_establish = 0;
		if (!m->sc->weather && !m->noted) {
			const char *w = imp_lookup("weathers", text);
			if (w) m->sc->weather = xstrdup(w);
		}
	} else if (centered) {
		sh = add_plain_shot(m, "insert");
	} else if (n == 0) {
		sh = add_plain_shot(m, count_words(text) <= (m->zh ? 16u : 10u) ? "insert" : "wide");
	} else {
		sh = add_plain_shot(m, n == 1 ? "medium" : "two_shot");
	}
	for (size_t i = 0; i < n; i++) add_actor(sh, who[i], NULL, i == 0 ? pose : NULL);
	if (sound) sh->sound = xstrdup(sound);
	sh->centered = centered;
	sh->action = text;
}

/* Split a long line at sentence ends so every piece stays readable (< 180 characters). */
static size_t split_point(const char *t, size_t max_cp)
{
	const char *p = t, *best = NULL, *space = NULL;
	size_t cp = 0;
	while (*p && cp < max_cp) {
		const char *q = p;
		int32_t c = utf8_next(&q);
		cp++;
		if ((c == '.' || c == '!' || c == '?') && *q == ' ') best = q;
		if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B) best = q;
		if (c == ' ') space = q;
		p = q;
	}
	if (!*p) return strlen(t);
	if (best && best - t > 20) return (size_t)(best - t);
	if (space && space - t > 20) return (size_t)(space - t);
	return (size_t)(p - t);
}

/* One speech under one cue, cut into pieces at parentheticals and lyrics in the middle,
 * so each keeps its place: "One. (beat) Two." is two lines, the second marked cont. */
struct piece { char *paren; struct sbuf text; int lyrics; };
struct block {
	char *name;               /* normalised; NULL = narration */
	char *with;               /* joint cue "A AND B": the other speaker */
	char **also; size_t n_also;   /* "A & B & C": the speakers after with */
	char *ext;                /* extension as written, NULL when it says what the shot says */
	int offscreen, dual, caret;
	struct piece *v; size_t n, cap;
};

static struct piece *block_add(struct block *b)
{
	xgrow((void **)&b->v, &b->cap, b->n, sizeof *b->v);
	struct piece *p = &b->v[b->n++];
	memset(p, 0, sizeof *p);
	return p;
}

/* Add an element under the cue: a parenthetical opens a piece (or joins one still
 * without text), dialogue goes to the open piece, lyrics to a piece of lyrics. */
static void block_take(struct block *b, enum ft_kind k, const char *text)
{
	struct piece *p = b->n ? &b->v[b->n - 1] : NULL;
	if (k == FT_PARENTHETICAL) {
		if (p && !p->text.len && p->paren) {
			char *j = xasprintf("%s) (%s", p->paren, text);
			free(p->paren);
			p->paren = j;
		} else {
			if (!p || p->text.len || p->paren) p = block_add(b);
			p->paren = xstrdup(text);
		}
		return;
	}
	int lyr = k == FT_LYRICS;
	if (!p || (p->text.len && p->lyrics != lyr)) p = block_add(b);
	if (!p->text.len) p->lyrics = lyr;
	if (p->text.len) sb_add(&p->text, " ");
	sb_add(&p->text, text);
}

/* A parenthetical with no text after it: alone, it is what is said ("(Nobody.)");
 * after a speech, it joins that speech's text. */
static void block_close(struct block *b)
{
	if (!b->n) return;
	struct piece *p = &b->v[b->n - 1];
	if (p->text.len || !p->paren) return;
	if (b->n == 1) {
		sb_printf(&p->text, "(%s)", p->paren);
		free(p->paren);
		p->paren = NULL;
		return;
	}
	sb_printf(&b->v[b->n - 2].text, " (%s)", p->paren);
	free(p->paren);
	b->n--;
}

static void block_free(struct block *b)
{
	for (size_t i = 0; i < b->n; i++) { free(b->v[i].paren); sb_free(&b->v[i].text); }
	free(b->v);
	free(b->name);
	free(b->with);
	for (size_t i = 0; i < b->n_also; i++) free(b->also[i]);
	free(b->also);
	free(b->ext);
	memset(b, 0, sizeof *b);
}

/* One piece of a speech as one or more shots (long text is split at sentence ends). */
static void on_piece(struct imp *m, const struct block *b, const struct piece *pc, int cont, const char *dual_partner)
{
	char *all = flat(pc->text.s ? pc->text.s : "");
	if (!*all) { free(all); return; }
	const char *emotion = imp_guess_emotion(pc->paren, all);
	const char *pose = pc->paren ? imp_lookup("poses", pc->paren) : NULL;
	struct shot *open = q_peek(m);
	if (m->need_establish && !(open && !open->line)) {
		struct shot *est = add_plain_shot(m, "wide");
		est->camera = xstrdup(m->sc_ext ? "pan_right" : "push_in");
		m->need_establish = 0;
	}
	size_t off = 0, len = strlen(all);
	int first = 1;
	char *emo_own = NULL;   /* a note's emotion, copied: the queue frees its own */
	while (off < len) {
		size_t cut = split_point(all + off, 180);
		char *piece = xstrndup(all + off, cut);
		off += cut;
		while (all[off] == ' ') off++;
		struct shot *sh;
		open = q_peek(m);
		if (open && !open->line) {
			sh = open;
			free(emo_own);
			emo_own = *m->q_emo[0] ? xstrdup(m->q_emo[0]) : NULL;
			emotion = emo_own;
			q_pop(m);
		} else {
			const char *type = "medium";
			int spoke_before = 0;
			for (size_t k = 0; k < m->sc->n_shots && b->name; k++)
				if (m->sc->shots[k].line && str_eq(m->sc->shots[k].line->speaker, b->name)) spoke_before = 1;
			if (!b->name || b->offscreen) type = "wide";
			else if (b->n_also) type = "wide";   /* three or more speak together: all in frame */
			else if ((b->dual && dual_partner) || b->with) type = "two_shot";
			else if (emotion && (!strcmp(emotion, "surprised") || !strcmp(emotion, "scared")) && count_words(piece) <= 4)
				type = "extreme_close_up";
			else if (emotion && strstr(" angry shout crying surprised scared whisper ", emotion)) type = "close_up";
			else if (spoke_before && m->prev_speaker && !str_eq(m->prev_speaker, b->name)) type = "over_the_shoulder";
			sh = add_plain_shot(m, type);
			if (emotion && (!strcmp(emotion, "angry") || !strcmp(emotion, "shout") || !strcmp(emotion, "crying")))
				sh->camera = xstrdup("push_in");
			else if (emotion && !strcmp(emotion, "surprised"))
				sh->camera = xstrdup("snap_zoom");
			if (b->name && !b->offscreen) {
				add_actor(sh, b->name, face_of(emotion), pose);
				if (!strcmp(type, "two_shot")) add_actor(sh, b->with ? b->with : dual_partner, NULL, NULL);
				if (b->n_also) {
					add_actor(sh, b->with, NULL, NULL);
					for (size_t k = 0; k < b->n_also; k++) add_actor(sh, b->also[k], NULL, NULL);
				}
				if (!strcmp(type, "over_the_shoulder")) add_actor(sh, m->prev_speaker, NULL, NULL);
			}
		}
		struct line *l = shot_set_line(sh);
		l->speaker = b->name ? xstrdup(b->name) : NULL;
		l->text = piece;
		if (first && pc->paren) {
			char *pp = flat(pc->paren);
			l->parenthetical = *pp ? pp : (free(pp), NULL);
		}
		l->emotion = emotion ? xstrdup(emotion) : NULL;
		l->lyrics = pc->lyrics;
		l->cont = cont || !first;
		if (!l->cont) {
			l->ext = b->ext ? xstrdup(b->ext) : NULL;
			l->with = b->with ? xstrdup(b->with) : NULL;
			for (size_t k = 0; k < b->n_also; k++) strv_push(&l->also, &l->n_also, &l->cap_also, b->also[k]);
			l->dual = b->caret;
		}
		first = 0;
	}
	free(emo_own);
	free(all);
}

static void on_dialogue(struct imp *m, struct block *b, const char *dual_partner)
{
	ensure_scene(m);
	int said = 0;
	for (size_t i = 0; i < b->n; i++) {
		on_piece(m, b, &b->v[i], said, dual_partner);
		said |= b->v[i].text.len > 0;
	}
	if (b->name && !b->offscreen) {
		free(m->prev_speaker);
		m->prev_speaker = xstrdup(b->name);
	}
}

/* ---- pass 1: the cast ---- */
static int is_narrator(const struct series *s, const char *name)
{
	return !series_find_character(s, name) && imp_in_list("narrator_names", name);
}

static void read_character_note(struct series *s, const struct dnote *d)
{
	const char *name = dget(d, "name");
	if (!name || !*name || series_find_character(s, name)) return;
	struct character *c = series_add_character(s);
	c->name = xstrdup(name);
	set(&c->role, dget(d, "role"));
	set(&c->gender, dget(d, "gender"));
	set(&c->personality, dget(d, "personality"));
	set(&c->description, dget(d, "description"));
	const char *age = dget(d, "age");
	if (age) c->age = atoi(age);
}

static void read_location_note(struct series *s, const struct dnote *d)
{
	const char *name = dget(d, "name");
	if (!name || !*name || series_find_location(s, name)) return;
	struct location *l = series_add_location(s);
	l->name = xstrdup(name);
	set(&l->kind, dget(d, "kind"));
	set(&l->description, dget(d, "description"));
}

/* The next joint-cue separator in name (" And ", " and ", " & ", ", "), its length in *sl. */
static const char *joint_sep(const char *name, size_t *sl)
{
	static const char *const seps[] = { " And ", " and ", " & ", ", " };
	const char *best = NULL;
	for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
		const char *p = strstr(name, seps[i]);
		if (p && (!best || p < best)) { best = p; *sl = strlen(seps[i]); }
	}
	return best;
}

/* A joint cue: "EDWARD AND WILL", "BOB & ALICE & CAROL", "BOB, ALICE AND CAROL" split
 * into its names (*v, *n; caller frees each and the array). Two names speak together
 * when both are characters ("SALT AND PEPPER" may be one); three or more when each is
 * a short name of 1-3 words (add_unknown: the unknown ones become characters; else
 * they must all be known). Returns 1 when it is
 * a joint cue, else 0 with nothing allocated. */
static int split_joint(struct series *s, const char *name, int add_unknown, char ***v, size_t *n)
{
	char **parts = NULL;
	size_t np = 0, cap = 0, sl = 0, known = 0, shortn = 0;
	for (const char *p = name, *e;; p = e + sl) {
		e = joint_sep(p, &sl);
		char *part = e ? xstrndup(p, (size_t)(e - p)) : xstrdup(p);
		strv_push(&parts, &np, &cap, part);
		size_t words = *part ? 1 : 0;
		for (const char *q = part; *q; q++) words += *q == ' ';
		known += series_find_character(s, part) != NULL;
		shortn += *part && words <= 3;
		free(part);
		if (!e) break;
	}
	int ok = np >= 2 && (known == np || (np >= 3 && shortn == np));
	if (ok && add_unknown)
		for (size_t i = 0; i < np; i++)
			if (!series_find_character(s, parts[i])) series_add_character(s)->name = xstrdup(parts[i]);
	if (ok && known < np && !add_unknown) ok = 0;
	if (!ok) {
		for (size_t i = 0; i < np; i++) free(parts[i]);
		free(parts);
		return 0;
	}
	*v = parts;
	*n = np;
	return 1;
}

/* "EDWARD AND WILL" / "A & B & C" when they are characters: *first gets the first name,
 * b->with the second, b->also the rest. */
static int split_pair(struct series *s, const char *name, char **first, char **second, char ***also, size_t *n_also)
{
	char **v;
	size_t n;
	if (!split_joint(s, name, 0, &v, &n)) return 0;
	*first = v[0];
	*second = v[1];
	*also = n > 2 ? v : NULL;
	*n_also = n > 2 ? n - 2 : 0;
	if (n > 2) memmove(v, v + 2, (n - 2) * sizeof *v);
	else free(v);
	return 1;
}

static void collect_cast(struct imp *m, const struct ft_doc *d)
{
	struct series *s = m->s;
	size_t declared = s->n_chars;
	for (int pass = 0; pass < 2; pass++)
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].kind != FT_CHARACTER) continue;
		char *name = fountain_cue_name(d->v[i].text);
		size_t sl;
		int pair = joint_sep(name, &sl) != NULL;
		char **parts;
		size_t np;
		if (pass == 0 && pair) { free(name); continue; }   /* pairs once the single names are known */
		if (pass == 1 && !pair) { free(name); continue; }
		if (pair && split_joint(s, name, 1, &parts, &np)) {
			for (size_t k = 0; k < np; k++) free(parts[k]);
			free(parts);
			free(name);
			continue;
		}
		if (*name && !series_find_character(s, name) && !imp_in_list("narrator_names", name)) {
			struct character *c = series_add_character(s);
			c->name = name;
			name = NULL;
		}
		free(name);
	}
	for (size_t i = declared; i < s->n_chars; i++) {
		struct character *c = &s->chars[i];
		const char *role = imp_lookup("role_words", c->name);
		if (role) c->role = xstrdup(role);
		const char *g = imp_gender(c->name);
		if (g) c->gender = xstrdup(g);
		fountain_cast_from_text(s, c, d);
	}
}

/* ---- pass 2 ---- */
static void on_note(struct imp *m, const struct dnote *d)
{
	struct series *s = m->s;
	if (!strcmp(d->type, "series")) {
		set(&s->lang, dget(d, "lang"));
		set(&s->era, dget(d, "era"));
		set(&s->logline, dget(d, "logline"));
		const char *seed = dget(d, "seed");
		if (seed) s->seed = strtoull(seed, NULL, 10);
		for (size_t i = 0; i < d->n; i++)
			if (!strcmp(d->v[i].k, "genre")) strv_push(&s->genres, &s->n_genres, &s->cap_genres, d->v[i].v);
	} else if (!strcmp(d->type, "episode")) {
		struct episode *e = s->n_eps && !s->eps[s->n_eps - 1].n_scenes && !m->explicit_eps ? &s->eps[s->n_eps - 1] : NULL;
		if (!e && s->n_eps && !s->eps[s->n_eps - 1].n_scenes) e = &s->eps[s->n_eps - 1];
		if (!e) e = series_add_episode(s);
		m->explicit_eps = 1;
		pending_to_scene_end(m);
		m->sc = NULL;
		set(&e->title, dget(d, "title"));
		set(&e->hook, dget(d, "hook"));
		set(&e->cliffhanger, dget(d, "cliffhanger"));
		for (size_t i = 0; i < d->n; i++)
			if (!strcmp(d->v[i].k, "beat")) strv_push(&e->beats, &e->n_beats, &e->cap_beats, d->v[i].v);
	} else if (!strcmp(d->type, "scene") && m->sc) {
		struct scene *sc = m->sc;
		for (size_t i = 0; i < d->n; i++)
			if (!strcmp(d->v[i].k, "heading")) set(&sc->heading, d->v[i].v);
		set(&sc->weather, dget(d, "weather"));
		set(&sc->mood, dget(d, "mood"));
		const char *t = dget(d, "time");
		if (t) set(&sc->time, t);
		const char *loc = dget(d, "location");
		if (loc && *loc) { get_location(m, loc, 0, NULL, 0); set(&sc->location, loc); }
		for (size_t i = 0; i < d->n; i++)
			if (!strcmp(d->v[i].k, "cast")) strv_push(&sc->cast, &sc->n_cast, &sc->cap_cast, d->v[i].v);
		if (!dget(d, "cast")) strv_push(&sc->cast, &sc->n_cast, &sc->cap_cast, "");   /* marks "cast given" */
		const char *kind = dget(d, "kind");
		struct location *l = series_find_location(s, sc->location);
		if (kind && l && !l->kind) l->kind = xstrdup(kind);
	} else if (!strcmp(d->type, "shot")) {
		ensure_scene(m);
		m->need_establish = 0;
		m->pending_transition = NULL;
		/* "cont": one more shot of the speech under the next cue (the shots before wait
		 * their turn); any other shot note closes the queue */
		if (!dget(d, "cont")) q_reset(m);
		struct shot *sh = add_shot(m, dget(d, "type") ? dget(d, "type") : "medium");
		if (!m->q_n) m->q_head = m->sc->n_shots - 1;
		xgrow((void **)&m->q_emo, &m->q_cap, m->q_n, sizeof *m->q_emo);
		m->q_emo[m->q_n++] = xstrdup(dget(d, "emotion") ? dget(d, "emotion") : "");
		set(&sh->camera, dget(d, "camera"));
		set(&sh->transition, dget(d, "transition"));
		set(&sh->sound, dget(d, "sound"));
		const char *dur = dget(d, "duration");
		if (dur) sh->duration = strtod(dur, NULL);
		struct actor *a = NULL;
		for (size_t i = 0; i < d->n; i++) {
			const char *k = d->v[i].k, *v = d->v[i].v;
			if (!strcmp(k, "actor")) { a = shot_add_actor(sh); a->name = xstrdup(v); }
			else if (a && !strcmp(k, "expression")) set(&a->expression, v);
			else if (a && !strcmp(k, "pose")) set(&a->pose, v);
			else if (a && !strcmp(k, "act")) set(&a->action, v);
		}
	}
}

/* An element the storyboard has no field for, kept as written for the next shot;
 * takes t (malloc'd). */
static void pend(struct imp *m, char *t)
{
	xgrow((void **)&m->pending, &m->cap_pending, m->n_pending, sizeof *m->pending);
	m->pending[m->n_pending++] = t;
}

/* "CUT TO:", "> BURN TO PINK.", "FADE IN:": into the next shot. The vocabulary word
 * goes to shot.transition; the text is kept when it says more than that word's line. */
static void on_transition(struct imp *m, const char *text)
{
	const char *v = imp_lookup("transitions", text);
	m->pending_transition = v;
	free(m->pending_transition_text);
	m->pending_transition_text = NULL;
	const char *std = fountain_transition_line(v);
	if (!std || strcmp(std[0] == '>' ? std + 1 : std, text)) m->pending_transition_text = xstrdup(text);
}

static int build(struct imp *m, const struct ft_doc *d)
{
	struct series *s = m->s;
	for (size_t i = 0; i < d->n; i++) {
		const struct ft_elem *e = &d->v[i];
		switch (e->kind) {
		case FT_TITLE:
			if (!strcasecmp(e->key, "Title") && !s->title) {
				char *t = flat(e->text);
				s->title = *t ? t : (free(t), NULL);
			} else if (strcasecmp(e->key, "Title") &&
			           !(!strcasecmp(e->key, "Credit") && str_eq(e->text, FOUNTAIN_CREDIT))) {
				char *kv = xasprintf("%s: %s", e->key, e->text);
				strv_push(&s->title_page, &s->n_title_page, &s->cap_title_page, kv);
				free(kv);
			}
			break;
		case FT_NOTE: {
			struct dnote dn;
			if (dnote_parse(e->text, &dn)) {
				if (strcmp(dn.type, "character") && strcmp(dn.type, "location")) on_note(m, &dn);
				dnote_free(&dn);
			} else {
				pend(m, xasprintf("[[%s]]", e->text));
			}
			break;
		}
		case FT_PAGE_BREAK:
			pend(m, xstrdup("==="));
			break;
		case FT_BONEYARD:   /* cut text: kept as written, never read as script */
			pend(m, xasprintf("/*%s*/", e->text));
			break;
		case FT_SECTION: {
			const char *t = e->text;
			int num = 0;
			const char *title = NULL;
			if (!strncasecmp(t, "Episode ", 8) && isdigit((unsigned char)t[8])) {
				num = atoi(t + 8);
				title = t + 8;
				while (isdigit((unsigned char)*title)) title++;
			} else if (!strncmp(t, "第", 3) && isdigit((unsigned char)t[3])) {
				num = atoi(t + 3);
				title = t + 3;
				while (isdigit((unsigned char)*title)) title++;
				if (!strncmp(title, "集", 3)) title += 3;
			}
			if (!num) { pend(m, xasprintf("%.*s %s", e->depth, "##########", e->text)); break; }
			while (*title == ':' || *title == ' ' || !strncmp(title, "：", 3)) title += *title == ':' || *title == ' ' ? 1 : 3;
			struct episode *ep = NULL;
			if (s->n_eps && !s->eps[s->n_eps - 1].n_scenes) ep = &s->eps[s->n_eps - 1];
			else ep = series_add_episode(s);
			m->explicit_eps = 1;
			pending_to_scene_end(m);
			m->sc = NULL;
			if (*title && !m->noted) set(&ep->title, title);
			break;
		}
		case FT_SYNOPSIS:
			if (m->sc && !m->sc->n_shots && !m->sc->summary) { char *t = flat(e->text); m->sc->summary = t; }
			else if (!m->sc && s->n_eps && !m->noted) {   /* our own scripts carry beats in the episode note */
				char *t = flat(e->text);
				struct episode *ep = &s->eps[s->n_eps - 1];
				strv_push(&ep->beats, &ep->n_beats, &ep->cap_beats, t);
				free(t);
			} else pend(m, xasprintf("= %s", e->text));
			break;
		case FT_SCENE_HEADING: {
			const char *tr = m->pending_transition;
			new_scene(m, e->text, e->forced, e->line);
			m->pending_transition = tr;
			if (e->scene_number && *e->scene_number) m->sc->number = xstrdup(e->scene_number);
			break;
		}
		case FT_ACTION:
			if (fountain_is_transition_line(e->text)) { on_transition(m, e->text); break; }   /* "FADE IN:" */
			on_action(m, e->text, 0);
			break;
		case FT_CENTERED:
			on_action(m, e->text, 1);
			break;
		case FT_TRANSITION:
			on_transition(m, e->text);
			break;
		case FT_LYRICS: {   /* lyrics on their own: sung by no one in particular */
			struct block b = { 0 };
			size_t j = i;
			for (; j < d->n && d->v[j].kind == FT_LYRICS; j++) block_take(&b, FT_LYRICS, d->v[j].text);
			on_dialogue(m, &b, NULL);
			block_free(&b);
			i = j - 1;
			break;
		}
		case FT_CHARACTER: {
			struct block b = { 0 };
			char *name = fountain_cue_name(e->text), *first, *second = NULL;
			if (split_pair(s, name, &first, &second, &b.also, &b.n_also)) { free(name); name = first; b.with = second; }
			b.name = is_narrator(s, name) ? NULL : name;
			if (!b.name) free(name);
			b.offscreen = e->ext && (strstr(e->ext, "V.O") || strstr(e->ext, "O.S") || strstr(e->ext, "O.C") ||
			                         strstr(e->ext, "OFF") || strstr(e->ext, "\xE7\x94\xBB\xE5\xA4\x96"));   /* 画外 */
			/* the extension as written, unless it is what the export writes anyway */
			if (e->ext && !(str_eq(e->ext, "V.O.") && !b.name) && !(str_eq(e->ext, "O.S.") && b.name))
				b.ext = xstrdup(e->ext);
			b.dual = e->dual != 0;
			b.caret = e->dual == 2;
			size_t j = i + 1;
			for (; j < d->n; j++) {
				const struct ft_elem *f = &d->v[j];
				if (f->kind == FT_PARENTHETICAL || f->kind == FT_DIALOGUE || f->kind == FT_LYRICS) {
					if (f->line < e->line) break;
					block_take(&b, f->kind, f->text);
				} else if (f->kind == FT_NOTE && f->line >= e->line && j + 1 < d->n &&
				           (d->v[j + 1].kind == FT_DIALOGUE || d->v[j + 1].kind == FT_PARENTHETICAL ||
				            d->v[j + 1].kind == FT_LYRICS)) {
					continue;   /* a note inside the block: skip it */
				} else break;
			}
			block_close(&b);
			/* "(singing)" over opening lyrics is the export's own mark: no parenthetical */
			if (b.n && b.v[0].lyrics && (str_eq(b.v[0].paren, FOUNTAIN_SINGING) || str_eq(b.v[0].paren, FOUNTAIN_SINGING_ZH))) {
				free(b.v[0].paren);
				b.v[0].paren = NULL;
			}
			/* the partner of a dual block: the previous speaker */
			char *partner = xstrdup(b.with ? b.with : b.dual ? m->prev_speaker : NULL);
			/* a copy: a new scene frees prev_speaker (regression, found by fuzz/fuzz_story.c) */
			on_dialogue(m, &b, partner);
			free(partner);
			block_free(&b);
			i = j - 1;
			break;
		}
		case FT_PARENTHETICAL:
		case FT_DIALOGUE:
			break;
		}
	}
	pending_to_scene_end(m);
	return 0;
}

int story_from_fountain(const char *text, size_t n, const char *fname, const struct story_opts *o, struct series **out)
{
	struct ft_doc d = { 0 };
	struct imp m = { 0 };
	int rc;
	*out = NULL;
	if (!fname) fname = "screenplay";
	if (!imp_data("times")) return ERR_IO;
	if ((rc = fountain_parse(text, n, fname, &d)) < 0) return rc;
	struct series *s = series_new();
	m.s = s;
	m.fname = fname;
	/* language: given, else from the dialogue and action */
	struct sbuf all = { 0 };
	for (size_t i = 0; i < d.n && all.len < 200000; i++)
		if (d.v[i].kind == FT_DIALOGUE || d.v[i].kind == FT_ACTION || d.v[i].kind == FT_CHARACTER) {
			sb_add(&all, d.v[i].text);
			sb_add(&all, "\n");
		}
	m.zh = o && o->lang ? !strcmp(o->lang, "zh") : (all.s && imp_text_is_zh(all.s));
	sb_free(&all);
	/* the bible from drama notes first, then the cues */
	for (size_t i = 0; i < d.n; i++) {
		if (d.v[i].kind != FT_NOTE) continue;
		struct dnote dn;
		if (!dnote_parse(d.v[i].text, &dn)) continue;
		m.noted = 1;
		if (!strcmp(dn.type, "character")) read_character_note(s, &dn);
		else if (!strcmp(dn.type, "location")) read_location_note(s, &dn);
		dnote_free(&dn);
	}
	size_t declared_locs = s->n_locs;
	collect_cast(&m, &d);
	build(&m, &d);
	/* a heading whose place a scene note replaced leaves an unused location: drop it */
	for (size_t i = declared_locs; m.noted && i < s->n_locs;) {
		int used = 0;
		for (size_t a = 0; a < s->n_eps && !used; a++)
			for (size_t b = 0; b < s->eps[a].n_scenes && !used; b++)
				used = str_eq(s->eps[a].scenes[b].location, s->locs[i].name);
		if (used) { i++; continue; }
		free(s->locs[i].name); free(s->locs[i].kind); free(s->locs[i].description);
		if (s->locs[i].look) json_decref(s->locs[i].look);
		memmove(s->locs + i, s->locs + i + 1, (s->n_locs - i - 1) * sizeof *s->locs);
		s->n_locs--;
	}
	/* drop the "cast given" markers and fill what the script left open */
	int any_scene = 0;
	for (size_t i = 0; i < s->n_eps; i++)
		for (size_t j = 0; j < s->eps[i].n_scenes; j++) {
			struct scene *sc = &s->eps[i].scenes[j];
			any_scene = 1;
			for (size_t k = 0; k < sc->n_cast;) {
				if (!*sc->cast[k]) {
					free(sc->cast[k]);
					memmove(sc->cast + k, sc->cast + k + 1, (sc->n_cast - k - 1) * sizeof *sc->cast);
					sc->n_cast--;
				} else k++;
			}
			if (!sc->n_shots) {   /* a heading with nothing under it: one establishing shot */
				struct shot *sh = scene_add_shot(sc);
				sh->type = xstrdup("wide");
			}
		}
	/* episodes with no scenes (a trailing section) go */
	for (size_t i = 0; i < s->n_eps;) {
		if (s->eps[i].n_scenes) { i++; continue; }
		struct episode *e = &s->eps[i];
		free(e->title); free(e->hook); free(e->cliffhanger);
		for (size_t k = 0; k < e->n_beats; k++) free(e->beats[k]);
		free(e->beats);
		free(e->scenes);
		memmove(s->eps + i, s->eps + i + 1, (s->n_eps - i - 1) * sizeof *s->eps);
		s->n_eps--;
	}
	int end_line = d.n ? d.v[d.n - 1].line + 1 : 1, only_title = d.n > 0;
	for (size_t i = 0; i < d.n; i++) only_title &= d.v[i].kind == FT_TITLE;
	free(m.prev_speaker);
	q_reset(&m);
	free(m.q_emo);
	pending_clear(&m);
	free(m.pending);
	free(m.pending_transition_text);
	fountain_doc_free(&d);
	if (!any_scene) {
		series_free(s);
		if (only_title)
			return err_set(ERR_INPUT, "%s:%d: the screenplay is only a title page; after it leave a blank line and "
			               "write a scene heading (INT. PLACE - DAY) and some action", fname, end_line);
		return err_set(ERR_INPUT, "%s:%d: the screenplay has no scenes, action or dialogue; "
		               "write at least a scene heading (INT. PLACE - DAY) and some action", fname, end_line);
	}
	if (!m.explicit_eps) imp_split_episodes(s, o && o->minutes > 0 ? o->minutes : 3.0);
	if (o && o->seed && !m.noted) s->seed = o->seed;
	if (!m.noted && !s->era) s->era = xstrdup(imp_guess_era(text, n));
	if (!m.noted) imp_finish(s, m.zh ? "zh" : "en");
	else {
		if (!s->lang) s->lang = xstrdup(m.zh ? "zh" : "en");
		for (size_t i = 0; i < s->n_eps; i++) s->eps[i].number = (int)i + 1;
	}
	if ((rc = imp_validate(s, fname)) < 0) { series_free(s); return rc; }
	*out = s;
	return 0;
}
