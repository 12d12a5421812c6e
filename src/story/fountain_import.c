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
	return NULL;
}

/* "INT. XIA'S MILK TEA SHOP - NIGHT" -> place "Xia's Milk Tea Shop", time "night", ext 0. */
void fountain_heading_parse(const char *h, int forced, char **place, const char **time, int *ext)
{
	const char *p = h;
	*ext = 0;
	*time = NULL;
	if (!forced) {
		*ext = !strncasecmp(p, "EXT", 3);
		while (*p && *p != ' ' && *p != '.') p++;
		while (*p == '.' || *p == ' ' || *p == '/') {
			/* INT./EXT. : skip the second part too */
			p++;
			if (!strncasecmp(p, "EXT", 3) || !strncasecmp(p, "INT", 3)) { p += 3; }
		}
	}
	char *rest = xstrdup(p);
	/* split on " - " (also en/em dashes) */
	char *segs[16];
	int n = 0;
	char *s = rest;
	for (;;) {
		char *d1 = strstr(s, " - "), *d2 = strstr(s, " \xE2\x80\x93 "), *d3 = strstr(s, " \xE2\x80\x94 ");
		char *d = d1;
		size_t dl = 3;
		if (d2 && (!d || d2 < d)) { d = d2; dl = 5; }
		if (d3 && (!d || d3 < d)) { d = d3; dl = 5; }
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
	struct shot *open;        /* a shot made by a note that still takes an action and a line */
	char *open_emotion;       /* the note's line emotion for that shot */
	const char *pending_transition;
	char *prev_speaker;       /* last in-frame speaker in this scene */
	const char *prev_time;
};

static struct episode *cur_ep(struct imp *m)
{
	if (!m->s->n_eps) series_add_episode(m->s);
	return &m->s->eps[m->s->n_eps - 1];
}

static struct location *get_location(struct imp *m, const char *name, int ext)
{
	struct location *l = series_find_location(m->s, name);
	if (l) return l;
	l = series_add_location(m->s);
	l->name = xstrdup(name);
	const char *k = imp_lookup("location_kinds", name);
	l->kind = xstrdup(k ? k : ext ? "street" : "room");
	return l;
}

static void new_scene(struct imp *m, const char *heading, int forced)
{
	struct episode *e = cur_ep(m);
	struct scene *sc = episode_add_scene(e);
	char *place = NULL;
	const char *time = NULL;
	int ext = 0;
	if (heading) fountain_heading_parse(heading, forced, &place, &time, &ext);
	if (!place) place = xstrdup(m->zh ? "某处" : "Somewhere");
	get_location(m, place, ext);
	sc->location = place;
	sc->heading = heading ? fountain_plain(heading) : NULL;
	if (!time || !strcmp(time, "keep")) time = m->prev_time ? m->prev_time : "day";
	sc->time = xstrdup(time);
	m->prev_time = str_eq(time, "day") ? "day" : str_eq(time, "dusk") ? "dusk" : "night";
	m->sc = sc;
	m->sc_ext = ext;
	m->need_establish = 1;
	m->open = NULL;
	free(m->prev_speaker);
	m->prev_speaker = NULL;
}

static void ensure_scene(struct imp *m)
{
	if (!m->sc) new_scene(m, NULL, 0);
}

static struct shot *add_shot(struct imp *m, const char *type)
{
	struct shot *sh = scene_add_shot(m->sc);
	sh->type = xstrdup(type);
	if (m->pending_transition) {
		sh->transition = xstrdup(m->pending_transition);
		m->pending_transition = NULL;
	}
	m->open = NULL;   /* pointers into shots move when the array grows */
	return sh;
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
	if (m->open && !m->open->action && !m->open->line) {
		m->open->action = text;
		return;
	}
	const char *who[4];
	size_t n = mentions(m, text, who, 4);
	const char *sound = imp_lookup("sounds", text);
	const char *pose = imp_lookup("poses", text);
	struct shot *sh;
	if (m->need_establish) {
		sh = add_shot(m, "wide");
		sh->camera = xstrdup(m->sc_ext ? "pan_right" : "push_in");
		m->need_establish = 0;
		if (!m->sc->weather && !m->noted) {
			const char *w = imp_lookup("weathers", text);
			if (w) m->sc->weather = xstrdup(w);
		}
	} else if (centered) {
		sh = add_shot(m, "insert");
	} else if (n == 0) {
		sh = add_shot(m, count_words(text) <= (m->zh ? 16u : 10u) ? "insert" : "wide");
	} else {
		sh = add_shot(m, n == 1 ? "medium" : "two_shot");
	}
	for (size_t i = 0; i < n; i++) add_actor(sh, who[i], NULL, i == 0 ? pose : NULL);
	if (sound) sh->sound = xstrdup(sound);
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

struct block {
	char *name;               /* normalised; NULL = narration */
	int offscreen, dual;
	char *paren;              /* first parenthetical */
	char *last_paren;         /* the last one: the text when the block has no dialogue */
	int n_paren;
	struct sbuf text;
};

static void on_dialogue(struct imp *m, struct block *b, const char *dual_partner)
{
	ensure_scene(m);
	if (!b->text.s) return;
	char *all = flat(b->text.s);
	if (!*all) { free(all); return; }
	const char *e = m->open_emotion;
	const char *emotion = m->noted && m->open ? (e && *e ? e : NULL) : imp_guess_emotion(b->paren, all);
	const char *pose = b->paren ? imp_lookup("poses", b->paren) : NULL;
	if (m->need_establish && !(m->open && !m->open->line)) {
		struct shot *est = add_shot(m, "wide");
		est->camera = xstrdup(m->sc_ext ? "pan_right" : "push_in");
		m->need_establish = 0;
	}
	size_t off = 0, len = strlen(all);
	int first = 1;
	while (off < len) {
		size_t cut = split_point(all + off, 180);
		char *piece = xstrndup(all + off, cut);
		off += cut;
		while (all[off] == ' ') off++;
		struct shot *sh;
		if (first && m->open && !m->open->line) {
			sh = m->open;
			m->open = NULL;
		} else {
			const char *type = "medium";
			int spoke_before = 0;
			for (size_t k = 0; k < m->sc->n_shots && b->name; k++)
				if (m->sc->shots[k].line && str_eq(m->sc->shots[k].line->speaker, b->name)) spoke_before = 1;
			if (!b->name || b->offscreen) type = "wide";
			else if (b->dual && dual_partner) type = "two_shot";
			else if (emotion && (!strcmp(emotion, "surprised") || !strcmp(emotion, "scared")) && count_words(piece) <= 4)
				type = "extreme_close_up";
			else if (emotion && strstr(" angry shout crying surprised scared whisper ", emotion)) type = "close_up";
			else if (spoke_before && m->prev_speaker && !str_eq(m->prev_speaker, b->name)) type = "over_the_shoulder";
			sh = add_shot(m, type);
			if (emotion && (!strcmp(emotion, "angry") || !strcmp(emotion, "shout") || !strcmp(emotion, "crying")))
				sh->camera = xstrdup("push_in");
			else if (emotion && !strcmp(emotion, "surprised"))
				sh->camera = xstrdup("snap_zoom");
			if (b->name && !b->offscreen) {
				add_actor(sh, b->name, face_of(emotion), pose);
				if (!strcmp(type, "two_shot")) add_actor(sh, dual_partner, NULL, NULL);
				if (!strcmp(type, "over_the_shoulder")) add_actor(sh, m->prev_speaker, NULL, NULL);
			}
		}
		struct line *l = shot_set_line(sh);
		l->speaker = b->name ? xstrdup(b->name) : NULL;
		l->text = piece;
		if (first && b->paren) {
			char *pp = flat(b->paren);
			l->parenthetical = *pp ? pp : (free(pp), NULL);
		}
		l->emotion = emotion ? xstrdup(emotion) : NULL;
		first = 0;
	}
	if (b->name && !b->offscreen) {
		free(m->prev_speaker);
		m->prev_speaker = xstrdup(b->name);
	}
	free(all);
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

/* "XIA (24, apron, tired eyes) wipes..." gives age 24, description, and a pronoun after it. */
static void read_intro(struct character *c, const struct ft_doc *d)
{
	char *up = xstrdup(c->name);
	for (char *p = up; *p; p++) *p = (char)toupper((unsigned char)*p);
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].kind != FT_ACTION) continue;
		const char *t = d->v[i].text, *p = strstr(t, up);
		size_t ul = strlen(up);
		while (p && ((p > t && isalpha((unsigned char)p[-1])) || isalpha((unsigned char)p[ul]))) p = strstr(p + 1, up);
		if (!p) continue;
		const char *q = p + ul;
		/* "EDWARD BLOOM, 40's" / "WILL BLOOM, AGE 3": skip a surname in capitals */
		for (;;) {
			const char *r = q;
			while (*r == ' ') r++;
			const char *w = r;
			while (isupper((unsigned char)*w) || *w == '\'' || *w == '-') w++;
			if (w - r < 2 || isalpha((unsigned char)*w)) break;
			q = w;
		}
		if (q[0] == ',' && !c->age) {
			const char *a = q + 1;
			while (*a == ' ') a++;
			if (!strncasecmp(a, "AGE ", 4)) a += 4;
			if (isdigit((unsigned char)*a)) {
				int age = atoi(a);
				if (age > 0 && age < 120) c->age = age;
			}
		}
		while (*q == ' ') q++;
		if (*q == '(') {
			const char *close = strchr(q, ')');
			if (close) {
				char *in = xstrndup(q + 1, (size_t)(close - q - 1));
				if (isdigit((unsigned char)in[0]) && !c->age) {
					int age = atoi(in);
					if (age > 0 && age < 120) c->age = age;
					const char *comma = strchr(in, ',');
					if (comma && !c->description) {
						comma++;
						while (*comma == ' ') comma++;
						if (*comma) c->description = xstrdup(comma);
					}
				}
				free(in);
				q = close + 1;
			}
		}
		if (!c->gender) {
			/* the first pronoun after the introduction, within the sentence or the next */
			const char *g = imp_gender(q);
			if (g) c->gender = xstrdup(g);
		}
		break;
	}
	free(up);
}

/* "EDWARD AND WILL" / "EDWARD & WILL" when both are characters: *second gets the other name. */
static int split_pair(const struct series *s, const char *name, char **first, char **second)
{
	const char *sep = strstr(name, " And ");
	size_t sl = 5;
	if (!sep) { sep = strstr(name, " and "); }
	if (!sep) { sep = strstr(name, " & "); sl = 3; }
	if (!sep) return 0;
	char *a = xstrndup(name, (size_t)(sep - name)), *b = xstrdup(sep + sl);
	if (series_find_character(s, a) && series_find_character(s, b)) { *first = a; *second = b; return 1; }
	free(a);
	free(b);
	return 0;
}

static void collect_cast(struct imp *m, const struct ft_doc *d)
{
	struct series *s = m->s;
	size_t declared = s->n_chars;
	for (int pass = 0; pass < 2; pass++)
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].kind != FT_CHARACTER) continue;
		char *name = fountain_cue_name(d->v[i].text);
		int pair = strstr(name, " And ") || strstr(name, " and ") || strstr(name, " & ");
		char *a, *b;
		if (pass == 0 && pair) { free(name); continue; }   /* pairs once the single names are known */
		if (pass == 1 && !pair) { free(name); continue; }
		if (pair && split_pair(s, name, &a, &b)) { free(a); free(b); free(name); continue; }
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
		read_intro(c, d);
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
		if (loc && *loc) { get_location(m, loc, 0); set(&sc->location, loc); }
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
		struct shot *sh = add_shot(m, dget(d, "type") ? dget(d, "type") : "medium");
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
		free(m->open_emotion);
		m->open_emotion = xstrdup(dget(d, "emotion") ? dget(d, "emotion") : "");
		m->open = sh;
	}
}

static const char *transition_of(const char *t)
{
	return imp_lookup("transitions", t);
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
			}
			break;
		case FT_NOTE: {
			struct dnote dn;
			if (dnote_parse(e->text, &dn)) {
				if (strcmp(dn.type, "character") && strcmp(dn.type, "location")) on_note(m, &dn);
				dnote_free(&dn);
			}
			break;
		}
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
			if (!num) break;
			while (*title == ':' || *title == ' ' || !strncmp(title, "：", 3)) title += *title == ':' || *title == ' ' ? 1 : 3;
			struct episode *ep = NULL;
			if (s->n_eps && !s->eps[s->n_eps - 1].n_scenes) ep = &s->eps[s->n_eps - 1];
			else ep = series_add_episode(s);
			m->explicit_eps = 1;
			m->sc = NULL;
			if (*title && !m->noted) set(&ep->title, title);
			break;
		}
		case FT_SYNOPSIS:
			if (m->sc && !m->sc->n_shots && !m->sc->summary) { char *t = flat(e->text); m->sc->summary = t; }
			else if (!m->sc && s->n_eps) {
				char *t = flat(e->text);
				struct episode *ep = &s->eps[s->n_eps - 1];
				strv_push(&ep->beats, &ep->n_beats, &ep->cap_beats, t);
				free(t);
			}
			break;
		case FT_SCENE_HEADING: {
			const char *tr = m->pending_transition;
			new_scene(m, e->text, e->forced);
			m->pending_transition = tr;
			break;
		}
		case FT_ACTION:
			on_action(m, e->text, 0);
			break;
		case FT_CENTERED:
			on_action(m, e->text, 1);
			break;
		case FT_TRANSITION:
			m->pending_transition = transition_of(e->text);
			break;
		case FT_LYRICS: {   /* lyrics on their own: sung by no one in particular */
			struct block b = { 0 };
			sb_add(&b.text, e->text);
			on_dialogue(m, &b, NULL);
			sb_free(&b.text);
			break;
		}
		case FT_CHARACTER: {
			struct block b = { 0 };
			char *name = fountain_cue_name(e->text), *first, *second = NULL;
			if (split_pair(s, name, &first, &second)) { free(name); name = first; }
			b.name = is_narrator(s, name) ? NULL : name;
			if (!b.name) free(name);
			b.offscreen = e->ext && (strstr(e->ext, "V.O") || strstr(e->ext, "O.S") || strstr(e->ext, "O.C") ||
			                         strstr(e->ext, "OFF"));
			b.dual = e->dual;
			size_t j = i + 1;
			for (; j < d->n; j++) {
				const struct ft_elem *f = &d->v[j];
				if (f->kind == FT_PARENTHETICAL) {
					if (!b.paren) b.paren = xstrdup(f->text);
					free(b.last_paren);
					b.last_paren = xstrdup(f->text);
					b.n_paren++;
				} else if (f->kind == FT_DIALOGUE || f->kind == FT_LYRICS) {
					if (b.text.s) sb_add(&b.text, " ");
					sb_add(&b.text, f->text);
				} else if (f->kind == FT_NOTE && f->line >= e->line && j + 1 < d->n &&
				           (d->v[j + 1].kind == FT_DIALOGUE || d->v[j + 1].kind == FT_PARENTHETICAL)) {
					continue;   /* a note inside the block: skip it */
				} else break;
			}
			/* "(Nobody.)" alone under a cue is what the character says */
			if (!b.text.s && b.last_paren) {
				sb_printf(&b.text, "(%s)", b.last_paren);
				if (b.n_paren == 1) { free(b.paren); b.paren = NULL; }
			}
			/* the partner of a dual block: the previous speaker */
			if (second) b.dual = 1;   /* said together: a two-shot of both */
			/* a copy: a new scene frees prev_speaker (regression, found by fuzz/fuzz_story.c) */
			char *partner = xstrdup(second ? second : b.dual ? m->prev_speaker : NULL);
			on_dialogue(m, &b, partner);
			free(partner);
			free(second);
			free(b.name);
			free(b.paren);
			free(b.last_paren);
			sb_free(&b.text);
			i = j - 1;
			break;
		}
		case FT_PARENTHETICAL:
		case FT_DIALOGUE:
		case FT_PAGE_BREAK:
			break;
		}
	}
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
	free(m.prev_speaker);
	free(m.open_emotion);
	fountain_doc_free(&d);
	if (!any_scene) {
		series_free(s);
		return err_set(ERR_INPUT, "%s: the screenplay has no scenes, action or dialogue; "
		               "write at least a scene heading (INT. PLACE - DAY) and some action", fname);
	}
	if (!m.explicit_eps) imp_split_episodes(s, o && o->minutes > 0 ? o->minutes : 3.0);
	if (o && o->seed && !m.noted) s->seed = o->seed;
	if (!m.noted) imp_finish(s, m.zh ? "zh" : "en");
	else {
		if (!s->lang) s->lang = xstrdup(m.zh ? "zh" : "en");
		for (size_t i = 0; i < s->n_eps; i++) s->eps[i].number = (int)i + 1;
	}
	if ((rc = imp_validate(s, fname)) < 0) { series_free(s); return rc; }
	*out = s;
	return 0;
}
