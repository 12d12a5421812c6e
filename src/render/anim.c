/* render/anim.c — who is in a shot and what their faces do, from the storyboard alone.
 *
 * The cast plan of a shot: the characters it shows (the shot's actors, else the speaker;
 * wide, two and over-the-shoulder shots fill up from the scene's cast), dropping anyone
 * who has not arrived yet or has already left the scene. A character arrives at the shot
 * whose action says so ("walks in", "bursts into", "推门而入"; data/render/style.json
 * motion.enter), or at their first appearance when an earlier wide or two-shot listed the
 * people present without them; they leave at a shot whose action says so ("storms out",
 * "is dragged away"; motion.exit). The arriving character walks in at the start of that
 * shot, the leaving one walks out at its end.
 *
 * Faces change at line boundaries: every character carries an expression through the
 * scene; the speaker takes the line's emotion when the line starts, listeners without an
 * expression of their own react a moment later (style.json expression.reactions). The
 * plan depends only on the storyboard, so it enters the shot's content hash as it is. */
#include "render/render_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { TY_WIDE = 0, TY_TWO = 5, TY_OTS = 4, TY_INSERT = 6 };   /* MODEL_SHOT_TYPES order */

static int type_of(const struct shot *sh)
{
	for (int i = 0; MODEL_SHOT_TYPES[i]; i++)
		if (str_eq(MODEL_SHOT_TYPES[i], sh->type)) return i;
	return 1;   /* medium */
}

const char *rplan_face(const char *emotion)
{
	if (!emotion) return NULL;
	if (!strcmp(emotion, "whisper")) return "shy";
	if (!strcmp(emotion, "shout")) return "angry";
	if (!strcmp(emotion, "neutral")) return NULL;
	return emotion;
}

/* The listener's face for a line said with this emotion (NULL: no change). */
static const char *reaction(const struct rstyle *st, const char *emotion)
{
	if (!emotion) return NULL;
	for (int i = 0; i < st->n_react; i++)
		if (!strcmp(st->react_from[i], emotion)) return rplan_face(st->react_to[i]);
	return NULL;
}

/* Case-insensitive search (ASCII folding; other bytes compare as they are). */
static const char *find_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!n) return NULL;
	for (const char *p = hay; *p; p++) {
		size_t k = 0;
		while (k < n && p[k] && tolower((unsigned char)p[k]) == tolower((unsigned char)needle[k])) k++;
		if (k == n) return p;
	}
	return NULL;
}

/* Does one of the '|'-separated phrases occur in text? */
static int has_phrase(const char *text, const char *phrases)
{
	char buf[64];
	for (const char *p = phrases; *p;) {
		const char *e = strchr(p, '|');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n && n < sizeof buf) {
			memcpy(buf, p, n);
			buf[n] = 0;
			if (find_ci(text, buf)) return 1;
		}
		if (!e) break;
		p = e + 1;
	}
	return 0;
}

/* Phrases of an action or a parenthetical that turn its subject to the camera: the only
 * time a character looks into the lens. */
static const char CAMERA_WORDS[] = "to camera|to the camera|into the camera|into camera|at the camera|"
	"looks at us|at the audience|fourth wall|对着镜头|看向镜头|望向镜头|直视镜头|对镜头";

/* The shot's action text and its actors' actions, joined. Caller frees. */
static char *action_text(const struct shot *sh)
{
	struct sbuf b = { 0 };
	sb_add(&b, sh->action ? sh->action : "");
	for (size_t i = 0; i < sh->n_actors; i++)
		if (sh->actors[i].action) {
			sb_add(&b, " ");
			sb_add(&b, sh->actors[i].action);
		}
	return b.s ? b.s : xstrdup("");
}

/* Whom the action is about: the character named first in it, else the shot's first
 * actor, else the speaker. */
static const char *subject(const struct rctx *c, const struct shot *sh, const char *text)
{
	const char *best = NULL, *at = NULL;
	for (size_t i = 0; i < c->s->n_chars; i++) {
		const char *nm = c->s->chars[i].name;
		const char *p = nm ? find_ci(text, nm) : NULL;
		if (p && (!at || p < at || (p == at && strlen(nm) > strlen(best)))) { at = p; best = nm; }
	}
	if (best) return best;
	if (sh->n_actors) return sh->actors[0].name;
	return sh->line ? sh->line->speaker : NULL;
}

static int cue(const struct rctx *c, const struct shot *sh, const char *name, const char *phrases)
{
	char *t = action_text(sh);
	int yes = *t && has_phrase(t, phrases) && str_eq(subject(c, sh, t), name);
	free(t);
	return yes;
}

/* 1 if name speaks the shot's line: its speaker, or the other one of a joint cue
 * ("A AND B", line.with). */
static int speaks(const struct shot *sh, const char *name)
{
	return sh->line && name && (str_eq(sh->line->speaker, name) || str_eq(sh->line->with, name));
}

static int in_shot(const struct shot *sh, const char *name)
{
	for (size_t i = 0; i < sh->n_actors; i++)
		if (str_eq(sh->actors[i].name, name)) return 1;
	return speaks(sh, name);
}

/* Shots [arrive, leave] of the scene have the character in it; arrive 0 = from the start. */
static void presence(const struct rctx *c, const struct scene *sc, const char *name, int *arrive, int *leave)
{
	int n = (int)sc->n_shots, first = -1;
	*arrive = 0;
	*leave = n;
	for (int j = 0; j < n; j++)
		if (cue(c, &sc->shots[j], name, c->st.enter_words)) { *arrive = j; goto left; }
	for (int j = 0; j < n && first < 0; j++)
		if (in_shot(&sc->shots[j], name)) first = j;
	for (int j = 0; j < first; j++) {
		const struct shot *sh = &sc->shots[j];
		int ty = type_of(sh);
		if ((ty == TY_WIDE || ty == TY_TWO) && sh->n_actors >= 1) { *arrive = first; break; }
	}
left:
	for (int j = *arrive; j < n; j++)
		if (cue(c, &sc->shots[j], name, c->st.exit_words)) { *leave = j; break; }
}

struct faces { const struct character *c[32]; const char *f[32]; int n; };

static const char *face_get(const struct faces *F, const struct character *ch)
{
	for (int i = 0; i < F->n; i++)
		if (F->c[i] == ch) return F->f[i];
	return NULL;
}

static void face_set(struct faces *F, const struct character *ch, const char *f)
{
	for (int i = 0; i < F->n; i++)
		if (F->c[i] == ch) { F->f[i] = f; return; }
	if (F->n < 32) { F->c[F->n] = ch; F->f[F->n++] = f; }
}

static const struct character *chr(const struct rctx *c, const char *name)
{
	return name ? series_find_character(c->s, name) : NULL;
}

/* Arrival and exit of every character of a scene, worked out once per plan. */
struct stay { const char *name[32]; int arrive[32], leave[32]; int n; };

static void stay_add(const struct rctx *c, const struct scene *sc, struct stay *S, const char *name)
{
	if (!name || S->n >= 32) return;
	for (int i = 0; i < S->n; i++)
		if (str_eq(S->name[i], name)) return;
	S->name[S->n] = name;
	presence(c, sc, name, &S->arrive[S->n], &S->leave[S->n]);
	S->n++;
}

static void stay_of(const struct rctx *c, const struct scene *sc, struct stay *S)
{
	S->n = 0;
	for (size_t i = 0; i < sc->n_cast; i++) stay_add(c, sc, S, sc->cast[i]);
	for (size_t j = 0; j < sc->n_shots; j++) {
		for (size_t i = 0; i < sc->shots[j].n_actors; i++) stay_add(c, sc, S, sc->shots[j].actors[i].name);
		if (sc->shots[j].line) stay_add(c, sc, S, sc->shots[j].line->speaker);
		if (sc->shots[j].line && sc->shots[j].line->with) stay_add(c, sc, S, sc->shots[j].line->with);
	}
}

static void stay_get(const struct stay *S, const char *name, int *arrive, int *leave)
{
	*arrive = 0;
	*leave = 1 << 30;
	for (int i = 0; i < S->n; i++)
		if (str_eq(S->name[i], name)) { *arrive = S->arrive[i]; *leave = S->leave[i]; return; }
}

static int present(const struct stay *S, int j, const char *name)
{
	int a, l;
	stay_get(S, name, &a, &l);
	return j >= a && j <= l;
}

static void add(struct rplan *pl, const struct character *ch, const struct actor *a)
{
	if (!ch || pl->n >= RPLAN_MAX) return;
	for (int i = 0; i < pl->n; i++)
		if (pl->a[i].c == ch) return;
	struct rplan_actor *r = &pl->a[pl->n++];
	memset(r, 0, sizeof *r);
	r->c = ch;
	r->pose = a ? a->pose : NULL;
	r->own = a ? rplan_face(a->expression) : NULL;
	r->has_own = a && a->expression;
}

/* The characters of shot j and their faces, given the faces carried in F (updated). */
static void plan_one(const struct rctx *c, const struct scene *sc, const struct stay *S, int j, struct faces *F,
                     struct rplan *pl)
{
	const struct shot *sh = &sc->shots[j];
	const char *speaker = sh->line ? sh->line->speaker : NULL;
	int ty = type_of(sh);
	memset(pl, 0, sizeof *pl);
	if (ty == TY_INSERT) return;
	for (size_t i = 0; i < sh->n_actors; i++) {
		const char *nm = sh->actors[i].name;
		if (!speaks(sh, nm) && !present(S, j, nm)) continue;
		add(pl, chr(c, nm), &sh->actors[i]);
	}
	if (!pl->n && sh->n_actors) add(pl, chr(c, sh->actors[0].name), &sh->actors[0]);   /* never an empty shot */
	if (!pl->n && chr(c, speaker)) add(pl, chr(c, speaker), NULL);
	int want = ty == TY_OTS || ty == TY_TWO ? 2 : ty == TY_WIDE && !sh->n_actors ? 3 : 0;
	for (size_t i = 0; i < sc->n_cast && pl->n < want; i++)
		if (present(S, j, sc->cast[i])) add(pl, chr(c, sc->cast[i]), NULL);
	const char *emo = sh->line ? sh->line->emotion : NULL;
	const char *react = reaction(&c->st, emo);
	for (int i = 0; i < pl->n; i++) {
		struct rplan_actor *r = &pl->a[i];
		const char *carried = face_get(F, r->c);
		int a, l;
		stay_get(S, r->c->name, &a, &l);
		r->enter = j == a && j > 0;
		r->exit = j == l;
		/* 1 the cue's speaker, 2 the other speaker of a joint cue: both mouths move */
		r->speaker = speaker && str_eq(r->c->name, speaker) ? 1 : speaks(sh, r->c->name) ? 2 : 0;
		if (r->speaker) {
			r->face0 = carried;
			r->face1 = emo ? rplan_face(emo) : r->has_own ? r->own : carried;
			r->change = !str_eq(r->face1, r->face0) ? 1 : 0;
		} else {
			r->face0 = r->has_own ? r->own : carried;
			r->face1 = !r->has_own && react ? react : r->face0;
			r->change = !str_eq(r->face1, r->face0) ? 2 : 0;
		}
		face_set(F, r->c, r->face1);
	}
	char *t = action_text(sh);
	const char *look = *t && has_phrase(t, CAMERA_WORDS) ? subject(c, sh, t) : NULL;
	if (!look && sh->line && sh->line->parenthetical && has_phrase(sh->line->parenthetical, CAMERA_WORDS))
		look = speaker;
	for (int i = 0; i < pl->n; i++) pl->a[i].to_camera = look && str_eq(pl->a[i].c->name, look);
	free(t);
}

int rplan_shot(const struct rctx *c, const struct tl_shot *ts, struct rplan *out)
{
	struct faces F = { 0 };
	struct stay S;
	stay_of(c, ts->sc, &S);
	for (int j = 0; j <= ts->shot && j < (int)ts->sc->n_shots; j++) plan_one(c, ts->sc, &S, j, &F, out);
	return 0;
}

void rplan_hash(const struct rctx *c, const struct tl_shot *ts, struct hash *h)
{
	struct rplan pl;
	rplan_shot(c, ts, &pl);
	hash_str(h, "plan-2");   /* 2: turned views and looks (shot.c) */
	for (int i = 0; i < pl.n; i++) {
		const struct rplan_actor *r = &pl.a[i];
		hash_str(h, r->c->name);
		hash_str(h, r->pose);
		hash_str(h, r->face0);
		hash_str(h, r->face1);
		hash_num(h, r->change);
		hash_num(h, r->speaker);
		hash_num(h, r->enter);
		hash_num(h, r->exit);
		hash_num(h, r->to_camera);
	}
	hash_num(h, rsettings_word_highlight(c->p));
}
