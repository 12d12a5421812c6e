/* story/story.c — reading a story file of any kind (dispatch), the `drama script`
 * stage, and the helpers shared by the screenplay and novel importers (vocabulary from
 * data/story_import/import.json, episode splitting, finishing touches). */
#include "story/story.h"
#include "story/fountain.h"
#include "story/novel.h"
#include "core/util.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- import vocabulary ---- */
static json_t *g_data;
static char g_data_err[600];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void load_data(void)
{
	char *path = data_path("story_import/import.json");
	json_error_t je;
	g_data = json_load_file(path, 0, &je);
	if (!g_data)
		snprintf(g_data_err, sizeof g_data_err, "%s:%d: cannot load the import vocabulary: %s; "
		         "run from the source folder or set DRAMA_DATA to the data folder", path, je.line, je.text);
	free(path);
}

const json_t *imp_data(const char *key)
{
	pthread_once(&g_once, load_data);
	if (!g_data) { err_set(ERR_IO, "%s", g_data_err); return NULL; }
	const json_t *v = json_object_get(g_data, key);
	if (!v) err_set(ERR_IO, "data/story_import/import.json has no \"%s\"; reinstall the data folder", key);
	return v;
}

static int word_char(unsigned char c) { return isalnum(c) || c == '\'' || c >= 0x80; }

/* Where word occurs in text (see imp_has_word), or NULL. */
static const char *find_word(const char *text, const char *word)
{
	if (!text || !word || !*word) return NULL;
	int ascii = 1;
	for (const char *w = word; *w; w++)
		if ((unsigned char)*w >= 0x80) ascii = 0;
	if (!ascii) return strstr(text, word);
	size_t n = strlen(word);
	for (const char *p = text; *p; p++) {
		if (strncasecmp(p, word, n)) continue;
		if (p > text && isalnum((unsigned char)word[0]) && word_char((unsigned char)p[-1])) continue;
		unsigned char after = (unsigned char)p[n];
		if (after && isalnum((unsigned char)word[n - 1]) && (isalnum(after) || after == '-')) continue;
		if (after == '\'' && isalpha((unsigned char)p[n + 1]) && p[n + 1] != 's') continue;
		return p;
	}
	return NULL;
}

int imp_has_word(const char *text, const char *word) { return find_word(text, word) != NULL; }

/* Of the era cues (import.json "era_cues"): the times each list's words are written in
 * text (each word counted at most 4 times), and how many of its words are. */
static void era_count(const json_t *list, const char *text, int *times, int *words)
{
	size_t i;
	json_t *w;
	*times = *words = 0;
	json_array_foreach(list, i, w) {
		const char *s = json_string_value(w);
		size_t l = s ? strlen(s) : 0;
		int k = 0;
		for (const char *h = l ? find_word(text, s) : NULL; h && k < 4; h = find_word(h + l, s)) k++;
		*times += k;
		*words += k > 0;
	}
}

/* The most of a text imp_guess_era reads: a novel's opening sets its time, and the
 * rest of a 2 MB book would only cost time (each cue is a scan of what is read). */
#define ERA_READ (256u << 10)

void imp_era_words(const char *text, int *ancient, int *modern)
{
	const json_t *cues = imp_data("era_cues");
	int w;
	*ancient = *modern = 0;
	if (!cues || !text) return;
	era_count(json_object_get(cues, "ancient"), text, ancient, &w);
	era_count(json_object_get(cues, "modern"), text, modern, &w);
}

const char *imp_guess_era(const char *text, size_t n)
{
	const json_t *cues = imp_data("era_cues");
	if (!cues || !text) return "modern";
	size_t len = strnlen(text, n < ERA_READ ? n : ERA_READ);
	char *t = xmalloc(len + 1);
	memcpy(t, text, len);
	t[len] = 0;
	int a, na, m, nm, c, nc;
	era_count(json_object_get(cues, "ancient"), t, &a, &na);
	era_count(json_object_get(cues, "modern"), t, &m, &nm);
	era_count(json_object_get(cues, "crossing"), t, &c, &nc);
	free(t);
	/* two worlds: a crossing named with a word of each; or, in a short text, two words of
	 * each, each written at least once per 4 KB and at most four times apart (a modern
	 * novel that mentions an emperor and a robe once is modern). Measured on the annotated corpus
	 * (tests/prose, 266 texts but the test set): English all 137 modern (Zenda, Barsoom
	 * and a goblin princess read as ancient until the European words left the list: the
	 * art's ancient is Chinese); Chinese 74 ancient (the classical novels), 55 modern
	 * (Lu Xun, Yu Dafu, today's stories), 3 mixed (two of Lu Xun's, a late-Qing novel
	 * with a 公司); the examples story_en and story_zh read as mixed, short.fountain (one
	 * robe, its prince only a role) as modern. */
	int dense = (int)(len / 4096) > 2 ? (int)(len / 4096) : 2;
	if ((nc && na && nm) || (na >= 2 && nm >= 2 && a >= dense && m >= dense && 4 * (a < m ? a : m) >= (a > m ? a : m)))
		return "mixed";
	if (na >= 2 && a >= 4 && a >= 2 * m) return "ancient";
	return "modern";
}

const char *imp_lookup(const char *key, const char *text)
{
	const json_t *t = imp_data(key);
	if (!t || !text) return NULL;
	size_t i;
	json_t *pair;
	json_array_foreach(t, i, pair) {
		const char *w = json_string_value(json_array_get(pair, 0));
		if (w && imp_has_word(text, w)) return json_string_value(json_array_get(pair, 1));
	}
	return NULL;
}

int imp_in_list(const char *key, const char *word)
{
	const json_t *t = imp_data(key);
	size_t i;
	json_t *x;
	if (!t || !word) return 0;
	json_array_foreach(t, i, x)
		if (json_is_string(x) && !strcasecmp(json_string_value(x), word)) return 1;
	return 0;
}

const char *imp_gender(const char *text)
{
	const json_t *m = imp_data("male_words"), *f = imp_data("female_words");
	if (!m || !f || !text) return NULL;
	const char *best = NULL, *best_pos = NULL;
	for (int g = 0; g < 2; g++) {
		size_t i;
		json_t *x;
		json_array_foreach(g ? f : m, i, x) {
			const char *p = find_word(text, json_string_value(x));
			if (p && (!best_pos || p < best_pos || (p == best_pos && strlen(json_string_value(x)) > 2))) {
				best_pos = p;
				best = g ? "female" : "male";
			}
		}
	}
	return best;
}

int imp_text_is_zh(const char *text)
{
	size_t cjk = 0, latin = 0;
	const char *p = text;
	while (p && *p) {
		int32_t c = utf8_next(&p);
		if (c < 0) continue;
		if (utf8_is_cjk(c)) cjk++;
		else if (c < 128 && isalpha(c)) latin++;
	}
	return cjk > 0 && cjk * 3 >= latin;   /* a Chinese character carries about 3 letters' worth */
}

double imp_shot_seconds(const struct shot *sh)
{
	if (!sh->line || !sh->line->text) return sh->duration > 0 ? sh->duration : 1.6;
	size_t words = 0, cjk = 0;
	int in_word = 0;
	const char *p = sh->line->text;
	while (*p) {
		int32_t c = utf8_next(&p);
		if (c < 0) continue;
		if (utf8_is_cjk(c)) { cjk++; in_word = 0; }
		else if (c < 128 && isalnum(c)) { if (!in_word) words++; in_word = 1; }
		else if (c != '\'') in_word = 0;
	}
	double t = 0.4 * (double)words + 0.25 * (double)cjk + 0.55;
	return sh->duration > t ? sh->duration : t;
}

void imp_split_episodes(struct series *s, double minutes)
{
	if (s->n_eps != 1 || minutes <= 0) return;
	struct episode *e0 = &s->eps[0];
	struct scene *all = e0->scenes;
	size_t n = e0->n_scenes;
	double target = minutes * 60.0, total = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < all[i].n_shots; k++) total += imp_shot_seconds(&all[i].shots[k]);
	if (total <= target * 1.25 || n < 2) return;
	e0->scenes = NULL;
	e0->n_scenes = e0->cap_scenes = 0;
	size_t ei = 0;
	double acc = 0;
	for (size_t i = 0; i < n; i++) {
		double d = 0;
		for (size_t k = 0; k < all[i].n_shots; k++) d += imp_shot_seconds(&all[i].shots[k]);
		if (acc > 0 && acc + d / 2 > target) {
			series_add_episode(s);
			ei = s->n_eps - 1;
			acc = 0;
		}
		*episode_add_scene(&s->eps[ei]) = all[i];
		acc += d;
	}
	free(all);
}

static void add_unique(struct scene *sc, const char *name)
{
	if (!name) return;
	for (size_t i = 0; i < sc->n_cast; i++)
		if (str_eq(sc->cast[i], name)) return;
	strv_push(&sc->cast, &sc->n_cast, &sc->cap_cast, name);
}

static const char *scene_mood(const struct scene *sc)
{
	int tension = 0, sad = 0, happy = 0, fear = 0, lines = 0;
	for (size_t k = 0; k < sc->n_shots; k++) {
		const struct line *l = sc->shots[k].line;
		if (!l) continue;
		lines++;
		const char *e = l->emotion ? l->emotion : "";
		if (!strcmp(e, "angry") || !strcmp(e, "shout") || !strcmp(e, "determined")) tension++;
		else if (!strcmp(e, "sad") || !strcmp(e, "crying")) sad++;
		else if (!strcmp(e, "happy") || !strcmp(e, "smug") || !strcmp(e, "shy")) happy++;
		else if (!strcmp(e, "scared") || !strcmp(e, "surprised") || !strcmp(e, "whisper")) fear++;
	}
	int best = tension;
	const char *m = tension ? "tension" : NULL;
	if (sad > best) { best = sad; m = "sadness"; }
	if (happy > best) { best = happy; m = "comedy"; }
	if (fear > best) { best = fear; m = "mystery"; }
	if (m) return m;
	return str_eq(sc->time, "night") ? "mystery" : "calm";
}

static char *first_text(const struct episode *e, int last)
{
	for (size_t ii = 0; ii < e->n_scenes; ii++) {
		const struct scene *sc = &e->scenes[last ? e->n_scenes - 1 - ii : ii];
		for (size_t kk = 0; kk < sc->n_shots; kk++) {
			const struct shot *sh = &sc->shots[last ? sc->n_shots - 1 - kk : kk];
			if (sh->line && sh->line->text) return xstrdup(sh->line->text);
		}
	}
	return NULL;
}

void imp_finish(struct series *s, const char *lang)
{
	if (!s->lang) s->lang = xstrdup(lang ? lang : "en");
	int zh = str_eq(s->lang, "zh");
	if (!s->title) s->title = xstrdup(zh ? "无题" : "Untitled");
	if (!s->era) s->era = xstrdup("modern");
	/* an ancient story's places: no flat with a city skyline for 林冲's home */
	const json_t *anc = str_eq(s->era, "ancient") ? json_object_get(imp_data("era_cues"), "ancient_kinds") : NULL;
	for (size_t i = 0; anc && i < s->n_locs; i++) {
		const char *k = s->locs[i].kind ? json_string_value(json_object_get(anc, s->locs[i].kind)) : NULL;
		if (k) { free(s->locs[i].kind); s->locs[i].kind = xstrdup(k); }
	}
	for (size_t i = 0; i < s->n_eps; i++) {
		struct episode *e = &s->eps[i];
		e->number = (int)i + 1;
		if (!e->title) {
			if (s->n_eps == 1) e->title = xstrdup(s->title);
			else e->title = zh ? xasprintf("%s（第%d集）", s->title, e->number) : xasprintf("%s, Part %d", s->title, e->number);
		}
		if (!e->hook) e->hook = first_text(e, 0);
		if (!e->cliffhanger) e->cliffhanger = first_text(e, 1);
		for (size_t j = 0; j < e->n_scenes; j++) {
			struct scene *sc = &e->scenes[j];
			if (!sc->time) sc->time = xstrdup("day");
			if (!sc->n_cast)
				for (size_t k = 0; k < sc->n_shots; k++) {
					struct shot *sh = &sc->shots[k];
					if (sh->line) add_unique(sc, sh->line->speaker);
					for (size_t a = 0; a < sh->n_actors; a++) add_unique(sc, sh->actors[a].name);
				}
			if (!sc->mood) sc->mood = xstrdup(scene_mood(sc));
		}
	}
}

int imp_validate(const struct series *s, const char *what)
{
	struct diags d = { 0 };
	int rc = 0;
	if (series_validate(s, &d)) {
		rc = err_set(ERR_INPUT, "%s: the imported storyboard has %zu problem%s; first: %s: %s", what, d.n,
		             d.n == 1 ? "" : "s", d.v[0].path, d.v[0].msg);
	}
	diags_free(&d);
	return rc;
}

/* ---- dispatch ---- */
static int count_numbered_lines(const char *t, int *nonblank)
{
	int numbered = 0;
	*nonblank = 0;
	const char *p = t;
	while (*p) {
		const char *q = strchr(p, '\n');
		if (!q) q = p + strlen(p);
		const char *u = p;
		while (u < q && isspace((unsigned char)*u)) u++;
		if (u < q) {
			(*nonblank)++;
			const char *v = u;
			while (v < q && isdigit((unsigned char)*v)) v++;
			if ((v > u && v < q && (*v == '.' || *v == ')' || *v == ':')) ||
			    (q - u > 2 && (u[0] == '-' || u[0] == '*') && u[1] == ' '))
				numbered++;
			else if (q - u >= 3 && !strncmp(u, "第", 3)) numbered++;
		}
		p = *q ? q + 1 : q;
	}
	return numbered;
}

/* Quotes that open dialogue: “ 「 『 and straight double quotes. */
static int count_quotes(const char *t)
{
	int n = 0;
	for (const char *p = t; *p; p++) {
		if (*p == '"') n++;
		else if (!strncmp(p, "\xE2\x80\x9C", 3) || !strncmp(p, "\xE3\x80\x8C", 3) || !strncmp(p, "\xE3\x80\x8E", 3)) n += 2;
	}
	return n / 2;
}

static int longest_paragraph(const char *t)
{
	int best = 0, cur = 0;
	for (const char *p = t; *p; p++) {
		if (*p == '\n' && (p[1] == '\n' || (p[1] == '\r' && p[2] == '\n'))) { if (cur > best) best = cur; cur = 0; }
		else cur++;
	}
	return cur > best ? cur : best;
}

/* The input boundary for text: invalid UTF-8 is repaired, never carried into the model.
 * Each byte that does not start a valid sequence (stray continuation, overlong form,
 * surrogate, past U+10FFFF, 0xF8-0xFF, a truncated sequence) and each NUL becomes U+FFFD,
 * with one warning that names the first one; a file (is_file) where more than 1 in 20
 * characters is bad or a control byte is not text and is refused. *text is replaced in place. */
int story_text_repair(const char *what, char **text, size_t *n, int is_file)
{
	size_t bad = 0, ctl = 0, cps = 0, first = *n, first_any = *n;
	for (size_t i = 0; i < *n;) {
		const char *p = *text + i;
		int32_t c = (*text)[i] ? utf8_next(&p) : -1;
		if (!(*text)[i]) p++;
		if (c < 0 && !bad++) first = i;
		else if (c >= 0 && c < 32 && c != '\n' && c != '\r' && c != '\t') ctl++;
		if ((c < 0 || (c < 32 && c != '\n' && c != '\r' && c != '\t')) && first_any == *n) first_any = i;
		cps++;
		i = (size_t)(p - *text);
	}
	int line, col;
	if (is_file && (bad + ctl) * 20 > cps + 20) {
		/* not text: name the first byte that is no text (file:line:column, byte offset) */
		text_position(*text, first_any, &line, &col);
		unsigned char b = (unsigned char)(*text)[first_any];
		if (memchr(*text, 0, *n))
			return err_set(ERR_INPUT, "%s:%d:%d: binary data, not text (byte 0x%02X at byte offset %zu; it contains NUL bytes); "
			               "give a UTF-8 text file", what, line, col, b, first_any);
		return err_set(ERR_INPUT, "%s:%d:%d: not UTF-8 text (byte 0x%02X at byte offset %zu; %zu of %zu characters are invalid or control bytes); "
		               "save it as UTF-8 text", what, line, col, b, first_any, bad + ctl, cps);
	}
	text_position(*text, first, &line, &col);
	if (!bad) return 0;
	char *fixed = NULL;
	size_t fn = 0;
	utf8_repair(*text, *n, &fixed, &fn, NULL);
	log_warn("story", "%s:%d:%d: %zu byte%s not valid UTF-8 (first here); replaced with U+FFFD \"\xEF\xBF\xBD\"; "
	         "save the file as UTF-8 to keep those characters", what, line, col, bad, bad == 1 ? " is" : "s are");
	free(*text);
	*text = fixed;
	*n = fn;
	return 0;
}

int story_from_file(const char *path, const struct story_opts *o, struct series **out)
{
	struct stat st;
	char *text = NULL;
	size_t n = 0;
	int rc;
	*out = NULL;
	if (!path || !*path) return err_set(ERR_INPUT, "no input file given; pass --from FILE");
	if (stat(path, &st) < 0) return err_set(ERR_NOTFOUND, "%s: no such file; check the path", path);
	if (S_ISDIR(st.st_mode))
		return err_set(ERR_INPUT, "%s is a folder; give a .fountain screenplay, a .txt/.md outline or story, or a storyboard.json", path);
	if (str_has_suffix(path, ".json")) return series_load(path, out);
	if ((rc = file_read_all(path, &text, &n)) < 0) return rc;
	if ((rc = story_text_repair(path, &text, &n, 1)) < 0) goto end;
	const char *body = text;
	if (n >= 3 && !memcmp(body, "\xEF\xBB\xBF", 3)) body += 3;
	const char *q = body;
	while (*q && isspace((unsigned char)*q)) q++;
	if (!*q) { rc = err_set(ERR_INPUT, "%s is empty; write a screenplay, an outline or a story in it", path); goto end; }
	if (str_has_suffix(path, ".fountain") || str_has_suffix(path, ".spmd") || fountain_sniff(body, strlen(body))) {
		rc = story_from_fountain(text, n, path, o, out);
		goto end;
	}
	int nonblank, numbered = count_numbered_lines(body, &nonblank);
	int quotes = count_quotes(body), longest = longest_paragraph(body);
	if (quotes < 2) quotes += (int)nov_single_quotations(body);   /* a book in single quotes */
	if (quotes < 2) quotes += (int)nov_dash_quotations(body);   /* or in dash dialogue */
	int outline = numbered >= 2 && numbered * 2 >= nonblank - 2;
	if (!outline && (quotes >= 2 || longest > 400)) {
		rc = story_from_novel(body, o, out);
		if (rc < 0) {
			char *m = xstrdup(err_msg());
			err_set(rc, "%s: %s", path, m);
			free(m);
		}
	} else {
		rc = story_from_outline(body, o, out);
	}
end:
	free(text);
	return rc;
}

/* ---- the script stage ---- */
static json_t *copy_json(json_t *j) { return j ? json_deep_copy(j) : NULL; }

void story_carry_designs(struct series *s, const struct series *old)
{
	if (!old) return;
	for (size_t i = 0; i < s->n_chars; i++) {
		struct character *c = &s->chars[i];
		const struct character *oc = series_find_character(old, c->name);
		if (!oc) continue;
		if (!c->look) c->look = copy_json(oc->look);
		if (!c->voice) c->voice = copy_json(oc->voice);
	}
	for (size_t i = 0; i < s->n_locs; i++) {
		struct location *l = &s->locs[i];
		const struct location *ol = series_find_location(old, l->name);
		if (ol && !l->look) l->look = copy_json(ol->look);
	}
	if (!s->narrator_voice) s->narrator_voice = copy_json(old->narrator_voice);
}

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int story_stage(struct project *p, const char *keywords, const char *from_path)
{
	struct story_opts o = { .lang = NULL, .seed = p->set.seed, .episodes = p->set.episodes > 0 ? p->set.episodes : 1,
	                        .minutes = p->set.minutes > 0 ? p->set.minutes : 3.0 };
	struct series *s = NULL;
	struct sbuf f = { 0 };
	char *fp = NULL, *kw = NULL;
	int rc;
	int have_kw = keywords && *keywords;
	if (!have_kw && !from_path)
		return err_set(ERR_INPUT, "nothing to write a script from: give keywords or --from FILE");
	/* An empty language in the settings means: detect it from the input. */
	o.lang = p->set.lang[0] ? p->set.lang : NULL;
	if (have_kw) {
		size_t kn = strlen(keywords);
		kw = xstrdup(keywords);
		if ((rc = story_text_repair("keywords", &kw, &kn, 0)) < 0) goto end;
		rc = story_from_keywords(kw, &o, &s);
	} else {
		rc = story_from_file(from_path, &o, &s);
	}
	if (rc < 0) goto end;
	/* inputs are repaired at the door; this catches an importer that cut a character in two */
	series_repair_text(s, from_path ? from_path : "keywords");
	/* a storyboard.json keeps its own seed and language; everything else takes the project's seed */
	if (!from_path || !str_has_suffix(from_path, ".json")) s->seed = p->set.seed;
	if (!s->lang) s->lang = xstrdup(p->set.lang[0] ? p->set.lang : "en");
	story_carry_designs(s, p->s);
	if ((rc = imp_validate(s, from_path ? from_path : "keywords")) < 0) goto end;
	if ((rc = story_to_fountain(s, &f)) < 0) goto end;
	series_free(p->s);
	p->s = s;
	s = NULL;
	fp = project_path(p, "script.fountain");
	/* Re-importing the project's own screenplay (the user edited it) keeps the user's
	 * file as written; any other source gets a fresh script.fountain. */
	if (!from_path || !same_file(from_path, fp)) {
		if ((rc = file_write_atomic(fp, f.s, f.len)) < 0) goto end;
	}
	sb_free(&f);   /* the script's text (17 MB for a 10 MB novel) is not alive while the storyboard's is made */
	rc = project_save(p);   /* storyboard.json after script.fountain: the newer file is the truth */
	if (rc == 0) log_info("story", "wrote %s (%zu character%s, %zu location%s, %zu episode%s)", fp,
	                      p->s->n_chars, p->s->n_chars == 1 ? "" : "s", p->s->n_locs, p->s->n_locs == 1 ? "" : "s",
	                      p->s->n_eps, p->s->n_eps == 1 ? "" : "s");
end:
	series_free(s);
	sb_free(&f);
	free(fp);
	free(kw);
	return rc;
}

static int embedded_stage(struct project *p, const char *keywords, const char *from_path, const struct ai_config *c)
{
	(void)c;
	return story_stage(p, keywords, from_path);
}

const struct story_backend story_embedded = { "embedded", embedded_stage };
