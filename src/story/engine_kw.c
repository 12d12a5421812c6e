/* story/engine_kw.c — what a keyword is: role, creature, place, world, event, weather or
 * object, for keywords the curated lexicon does not know.
 *
 * English: data/story/kinds.json (whole phrase, then the head word), then WordNet 3.0
 * (wordnet-dev, wordnet-base): the first noun sense's hypernym tree is searched for the
 * anchors of kinds.json ("person" -> role, "animal" -> creature, "structure" -> place...),
 * else its lexicographer file (noun.person, noun.event...) decides.
 * Chinese: kinds.json's zh table (whole, then the longest known suffix), then libfriso
 * (friso-dict) segments the keyword and each segment, last first, is looked up; then the
 * last character against zh_heads ("店" -> place, "鸟" -> creature); then the Unihan
 * kDefinition gloss of each character (last first) through WordNet.
 * WordNet and friso are loaded once per process on first need (friso's dictionary costs
 * about 100 ms; keywords that the curated tables know never load it) and guarded by a
 * mutex: both libraries keep global state. */
#include "story/engine.h"
#include "core/unihan.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wn.h>
#include <friso.h>

const char *const ENG_KW_KINDS[KW_N] = { "role", "creature", "place", "world", "event", "weather", "object" };
const char *const ENG_KW_VIA[6] = { "lexicon", "kinds", "wordnet", "friso", "heads", "unihan" };

static pthread_mutex_t lib_mu = PTHREAD_MUTEX_INITIALIZER;
static int wn_state;          /* 0 untried, 1 ready, -1 unavailable */
static int fr_state;
static friso_t fr;
static friso_config_t fr_cfg;

int eng_kw_kind_index(const char *s)
{
	for (int i = 0; i < KW_N; i++)
		if (s && !strncmp(s, ENG_KW_KINDS[i], strlen(ENG_KW_KINDS[i])) &&
		    (!s[strlen(ENG_KW_KINDS[i])] || s[strlen(ENG_KW_KINDS[i])] == ':')) return i;
	return -1;
}

/* "weather:rain" -> kind and sub; 0 when the value names a kind. */
static int set_kind(struct eng_kw *k, const char *v, const char *via)
{
	int ki = eng_kw_kind_index(v);
	if (ki < 0) return -1;
	k->kind = ki;
	const char *c = strchr(v, ':');
	snprintf(k->sub, sizeof k->sub, "%s", c ? c + 1 : "");
	k->via = via;
	return 0;
}

/* ---- WordNet ---- */
static int wn_ready(void)
{
	if (!wn_state) {
		wn_state = wninit() == 0 ? 1 : -1;
		if (wn_state < 0) log_warn("story", "WordNet data is not installed (apt-get install wordnet-base); "
		                           "unknown English keywords are classified by their last word only");
	}
	return wn_state > 0;
}

static void wn_words(SynsetPtr s, int depth, char ***v, size_t *n, size_t *cap)
{
	for (; s && depth < 24; s = s->nextss) {
		for (int i = 0; i < s->wcount; i++) {
			xgrow((void **)v, cap, *n, sizeof **v);
			(*v)[(*n)++] = xstrdup(s->words[i]);
		}
		if (s->ptrlist) wn_words(s->ptrlist, depth + 1, v, n, cap);
	}
}

int eng_wn_hypernyms(const char *word, int sense, char ***words, size_t *n, const char **lexname)
{
	char w[128];
	size_t k = 0;
	*words = NULL;
	*n = 0;
	if (lexname) *lexname = NULL;
	for (const char *p = word; p && *p && k < sizeof w - 1; p++)
		w[k++] = *p == ' ' || *p == '-' ? '_' : (char)tolower((unsigned char)*p);
	w[k] = 0;
	if (!k || sense < 1) return 0;
	int found = 0;
	pthread_mutex_lock(&lib_mu);
	if (!wn_ready()) goto end;
	char *m = morphstr(w, NOUN);
	if (m) snprintf(w, sizeof w, "%s", m);
	SynsetPtr s = findtheinfo_ds(w, NOUN, -HYPERPTR, sense);
	if (!s) goto end;
	size_t cap = 0;
	wn_words(s, 0, words, n, &cap);
	if (lexname && s->fnum >= 0 && s->fnum < 45) *lexname = lexfiles[s->fnum];   /* 45 lexicographer files in WordNet 3.0 */
	free_syns(s);
	found = 1;
end:
	pthread_mutex_unlock(&lib_mu);
	return found;
}

int eng_wn_person_class(const char *word, int *plural)
{
	char w[128], low[128];
	size_t k = 0;
	*plural = 0;
	for (const char *p = word; p && *p && k < sizeof w - 1; p++)
		w[k++] = *p == ' ' || *p == '-' ? '_' : (char)tolower((unsigned char)*p);
	w[k] = 0;
	if (!k) return 0;
	snprintf(low, sizeof low, "%s", w);
	int found = 0;
	pthread_mutex_lock(&lib_mu);
	if (!wn_ready()) goto end;
	char *m = morphstr(w, NOUN);
	if (m) snprintf(w, sizeof w, "%s", m);
	*plural = strcmp(w, low) != 0;
	for (int sense = 1; sense <= 8 && !found; sense++) {
		SynsetPtr s = findtheinfo_ds(w, NOUN, -HYPERPTR, sense);
		if (!s) break;
		int cap = 0, cls = 0;
		for (int i = 0; i < s->wcount; i++) cap |= isupper((unsigned char)s->words[i][0]) && !strcasecmp(s->words[i], w);
		for (int i = 0; i < s->ptrcount; i++) cls |= s->ptrtyp[i] == HYPERPTR;
		found = cap && cls && s->fnum >= 0 && s->fnum < 45 && !strcmp(lexfiles[s->fnum], "noun.person");
		free_syns(s);
	}
end:
	pthread_mutex_unlock(&lib_mu);
	return found;
}

/* The lexicographer file of verb sense 1 of an inflected English word ("looked":
 * "verb.perception"), static; NULL if WordNet has no such verb or is not installed. */
const char *eng_wn_verb_lex(const char *word)
{
	char w[64];
	size_t k = 0;
	for (const char *p = word; p && *p && k < sizeof w - 1; p++) w[k++] = (char)tolower((unsigned char)*p);
	w[k] = 0;
	if (!k) return NULL;
	const char *lex = NULL;
	pthread_mutex_lock(&lib_mu);
	if (wn_ready()) {
		char *m = morphstr(w, VERB);
		if (m) snprintf(w, sizeof w, "%s", m);
		SynsetPtr s = findtheinfo_ds(w, VERB, -HYPERPTR, 1);
		if (s) {
			if (s->fnum >= 0 && s->fnum < 45) lex = lexfiles[s->fnum];
			free_syns(s);
		}
	}
	pthread_mutex_unlock(&lib_mu);
	return lex;
}

/* The parts of speech WordNet knows the word as (in_wn: 1 << NOUN, VERB, ADJ, ADV,
 * SATELLITE), 0 if none, -1 without WordNet. The word as written, lower-cased. */
int eng_wn_pos(const char *word)
{
	char w[64];
	size_t k = 0;
	for (const char *p = word; p && *p && k < sizeof w - 1; p++)
		w[k++] = *p == ' ' || *p == '-' ? '_' : (char)tolower((unsigned char)*p);
	w[k] = 0;
	if (!k) return 0;
	pthread_mutex_lock(&lib_mu);
	int pos = wn_ready() ? (int)in_wn(w, ALL_POS) : -1;
	pthread_mutex_unlock(&lib_mu);
	return pos;
}

void eng_wn_words_free(char **words, size_t n)
{
	for (size_t i = 0; i < n; i++) free(words[i]);
	free(words);
}

/* The kind value (borrowed from the kinds data) of an English noun, or NULL. */
static const char *wn_kind(const json_t *wn, const char *word)
{
	char **v = NULL;
	size_t nv = 0;
	const char *lex = NULL, *out = NULL;
	if (!eng_wn_hypernyms(word, 1, &v, &nv, &lex)) return NULL;
	size_t i;
	const json_t *a;
	json_array_foreach(json_object_get(wn, "anchors"), i, a) {
		const char *aw = json_string_value(json_array_get(a, 0));
		for (size_t k = 0; k < nv && !out && aw; k++)
			if (!strcasecmp(v[k], aw)) out = json_string_value(json_array_get(a, 1));
		if (out) break;
	}
	if (!out && lex)
		out = json_string_value(json_object_get(json_object_get(wn, "lexnames"), lex));
	eng_wn_words_free(v, nv);
	return out;
}

/* ---- friso ---- */
static int fr_ready(void)
{
	if (!fr_state) {
		static const char *const ini[] = { "/etc/friso/friso.ini", "/usr/share/friso/friso.ini" };
		fr_state = -1;
		for (size_t i = 0; i < ARRAY_LEN(ini) && fr_state < 0; i++) {
			FILE *f = fopen(ini[i], "r");
			if (!f) continue;
			fclose(f);
			fr = friso_new();
			fr_cfg = friso_new_config();
			if (friso_init_from_ifile(fr, fr_cfg, (char *)ini[i]) == 1) fr_state = 1;
			else { friso_free_config(fr_cfg); friso_free(fr); fr = NULL; fr_cfg = NULL; }
		}
		if (fr_state < 0) log_warn("story", "libfriso's dictionary is not installed (apt-get install friso-dict); "
		                           "unknown Chinese keywords are classified by their last character");
	}
	return fr_state > 0;
}

/* Segments of a Chinese keyword (caller frees each and the array); 0 when friso is missing. */
static size_t fr_segments(const char *text, char ***out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	pthread_mutex_lock(&lib_mu);
	if (fr_ready()) {
		friso_task_t t = friso_new_task();
		friso_set_text(t, (char *)text);
		while (fr_cfg->next_token(fr, fr_cfg, t) != NULL) {
			xgrow((void **)out, &cap, n, sizeof **out);
			(*out)[n++] = xstrdup(t->token->word);
		}
		friso_free_task(t);
	}
	pthread_mutex_unlock(&lib_mu);
	return n;
}

/* ---- Unihan: the English gloss of a character (unicode-data's Unihan_Readings) ---- */
/* The first English word of each character's kDefinition ("pelican" for 鹕), last
 * character first, into gl[0..]; returns how many characters had one. One pass over the
 * file (read through bzcat when only the .bz2 is installed: about 0.2 s of CPU), so it is
 * the last resort for a Chinese keyword. */
struct glosses {
	int32_t cps[16];
	char (*gl)[48];
	int n, found;
};

/* the first plain word of a kDefinition ("(Cant.) a pelican; ..." -> "pelican") for each
 * character of the keyword it defines */
static int take_gloss(int32_t cp, const char *d0, void *ctx)
{
	struct glosses *x = ctx;
	for (int i = 0; i < x->n; i++) {
		if (x->cps[x->n - 1 - i] != cp || x->gl[i][0]) continue;
		const char *d = d0;
		size_t k = 0;
		/* the first plain word: skip "(...)", "a ", "to "; stop at , ; space */
		while (*d == '(' || !strncmp(d, "a ", 2) || !strncmp(d, "an ", 3) || !strncmp(d, "the ", 4) || !strncmp(d, "to ", 3)) {
			if (*d == '(') { const char *e = strchr(d, ')'); d = e ? e + 1 : d + 1; }
			else d = strchr(d, ' ') + 1;
			while (*d == ' ') d++;
		}
		while (d[k] && isalpha((unsigned char)d[k]) && k < 47) { x->gl[i][k] = d[k]; k++; }
		x->gl[i][k] = 0;
		x->found += k > 0;
	}
	return x->found >= x->n;
}

static int unihan_glosses(const char *text, char gl[][48], int max)
{
	struct glosses x = { .gl = gl };
	for (const char *p = text; *p && x.n < 16;) {
		int32_t c = utf8_next(&p);
		if (c >= 0x3400) x.cps[x.n++] = c;
	}
	if (x.n > max) x.n = max;
	for (int i = 0; i < x.n; i++) gl[i][0] = 0;
	if (!x.n || unihan_each("kDefinition", take_gloss, &x) < 0) return 0;
	return x.found;
}

/* ---- modifiers ---- */
static int is_zh(const char *s) { return (unsigned char)s[0] >= 0xe0; }

/* Remove a modifier from the start of s ("talking parrot", "会说话的鹦鹉"); 1 if removed. */
static int strip_mod(char *s, const json_t *list)
{
	size_t i;
	const json_t *m;
	json_array_foreach(list, i, m) {
		const char *w = json_string_value(m);
		size_t n = w ? strlen(w) : 0;
		if (!n || strncasecmp(s, w, n)) continue;
		if (is_zh(w)) {
			if (!s[n]) continue;
			memmove(s, s + n, strlen(s + n) + 1);
			if (!strncmp(s, "的", strlen("的")) && s[strlen("的")]) memmove(s, s + strlen("的"), strlen(s + strlen("的")) + 1);
			return 1;
		}
		if (s[n] != ' ') continue;
		memmove(s, s + n + 1, strlen(s + n + 1) + 1);
		return 1;
	}
	return 0;
}

/* The last word of an English phrase (borrowed pointer into s). */
static const char *head_word(const char *s)
{
	const char *h = strrchr(s, ' ');
	return h ? h + 1 : s;
}

static int word_in(const char *s, const json_t *list)
{
	size_t i;
	const json_t *m;
	json_array_foreach(list, i, m) {
		const char *w = json_string_value(m);
		if (!w) continue;
		if (is_zh(w) ? strstr(s, w) != NULL : !strcasecmp(head_word(s), w)) return 1;
	}
	return 0;
}

static const char *zh_table_suffix(const json_t *zh, const char *s)
{
	const char *key, *best = NULL;
	const json_t *v;
	size_t bl = 0;
	json_object_foreach((json_t *)zh, key, v) {
		size_t kl = strlen(key);
		if (kl > bl && str_has_suffix(s, key)) { best = json_string_value(v); bl = kl; }
	}
	return best;
}

static const char *zh_head_kind(const json_t *heads, const char *s)
{
	/* the last character */
	const char *p = s, *last = s;
	while (*p) { last = p; utf8_next(&p); }
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)heads, key, v) {
		size_t i;
		const json_t *c;
		json_array_foreach(v, i, c)
			if (str_eq(json_string_value(c), last)) return key;
	}
	return NULL;
}

/* What kind of event it is (kinds.json event_class): the word itself, its head, any
 * other word ("missing brother"), a Chinese key inside it (the longest), then WordNet
 * hypernyms against event_wordnet ("robbery" -> crime). Sets k->sub or leaves it "". */
static void event_class(const json_t *K, const char *h, struct eng_kw *k)
{
	const json_t *ec = json_object_get(K, "event_class");
	const char *v = NULL;
	if (is_zh(h)) {
		const char *key;
		const json_t *c;
		size_t bl = 0;
		json_object_foreach((json_t *)json_object_get(ec, "zh"), key, c)
			if (strlen(key) > bl && strstr(h, key)) { v = json_string_value(c); bl = strlen(key); }
	} else {
		const json_t *en = json_object_get(ec, "en");
		v = json_string_value(json_object_get(en, h));
		if (!v) v = json_string_value(json_object_get(en, head_word(h)));
		char *w = xstrdup(h), *sp;
		while (!v && (sp = strrchr(w, ' '))) {
			*sp = 0;
			v = json_string_value(json_object_get(en, head_word(w)));
		}
		free(w);
		if (!v) {
			const json_t *an = json_object_get(K, "event_wordnet");
			char **words = NULL;
			size_t nw = 0;
			const char *lex = NULL;
			if (eng_wn_hypernyms(strchr(h, ' ') ? h : head_word(h), 1, &words, &nw, &lex) ||
			    eng_wn_hypernyms(head_word(h), 1, &words, &nw, &lex)) {
				size_t i;
				const json_t *a;
				json_array_foreach(an, i, a) {
					const char *aw = json_string_value(json_array_get(a, 0));
					for (size_t j = 0; j < nw && !v && aw; j++)
						if (!strcasecmp(words[j], aw)) v = json_string_value(json_array_get(a, 1));
				}
			}
			eng_wn_words_free(words, nw);
		}
	}
	if (v) snprintf(k->sub, sizeof k->sub, "%s", v);
}

int eng_kw_classify(struct eng *g, const char *text, struct eng_kw *k)
{
	const json_t *K = g->kinds;
	memset(k, 0, sizeof *k);
	k->slot = -1;
	k->loc = -1;
	k->text = xstrdup(text);
	char *h = xstrdup(text);
	if (!is_zh(h))
		for (char *q = h; *q; q++) *q = (char)tolower((unsigned char)*q);
	for (int i = 0; i < 3; i++) {
		int any = 0;
		if (strip_mod(h, json_object_get(K, "speaking"))) { k->speaking = 1; any = 1; }
		if (strip_mod(h, json_object_get(K, "old"))) { k->old = 1; any = 1; }
		if (strip_mod(h, json_object_get(K, "young"))) { k->young = 1; any = 1; }
		if (!any) break;
	}
	k->head = h;
	const char *v = NULL;
	if (is_zh(text)) {
		const json_t *zh = json_object_get(K, "zh");
		v = json_string_value(json_object_get(zh, text));
		if (v) k->via = "kinds";
		if (!v && (v = zh_table_suffix(zh, h))) k->via = "kinds";
		if (!v) {
			char **seg;
			size_t ns = fr_segments(h, &seg);
			for (size_t i = ns; i-- > 0 && !v;) {
				if (str_eq(seg[i], "的")) continue;
				v = json_string_value(json_object_get(zh, seg[i]));
				if (!v) { const char *hk = zh_head_kind(json_object_get(K, "zh_heads"), seg[i]); v = hk; }
				if (v) k->via = "friso";
			}
			for (size_t i = 0; i < ns; i++) free(seg[i]);
			free(seg);
		}
		if (!v && (v = zh_head_kind(json_object_get(K, "zh_heads"), h))) k->via = "heads";
		/* last resort: what the characters mean in English, then WordNet ("鹈鹕": pelican) */
		if (!v) {
			char gl[8][48];
			int n = unihan_glosses(h, gl, 8);
			for (int i = 0; i < 8 && n && !v; i++)
				if (gl[i][0] && (v = wn_kind(json_object_get(K, "wordnet"), gl[i]))) k->via = "unihan";
		}
	} else {
		const json_t *en = json_object_get(K, "en");
		const json_t *wn = json_object_get(K, "wordnet");
		v = json_string_value(json_object_get(en, h));
		if (v) k->via = "kinds";
		if (!v && strchr(h, ' ') && (v = wn_kind(wn, h))) k->via = "wordnet";
		if (!v && (v = json_string_value(json_object_get(en, head_word(h))))) k->via = "kinds";
		if (!v && (v = wn_kind(wn, head_word(h)))) k->via = "wordnet";
		/* "ballet dancer" is a dancer; "zombie outbreak" an outbreak: the head decides; other words only when it says nothing */
		if (!v) {
			char *w = xstrdup(h);
			char *sp;
			while (!v && (sp = strrchr(w, ' '))) {
				*sp = 0;
				if ((v = wn_kind(wn, head_word(w)))) k->via = "wordnet";
			}
			free(w);
		}
	}
	if (!v || set_kind(k, v, k->via) < 0) set_kind(k, "object", "default");
	if (k->kind == KW_ROLE && !k->sub[0]) {
		if (word_in(h, json_object_get(K, "female"))) snprintf(k->sub, sizeof k->sub, "female");
		else if (word_in(h, json_object_get(K, "male"))) snprintf(k->sub, sizeof k->sub, "male");
	}
	if (k->kind == KW_EVENT && !k->sub[0]) event_class(K, h, k);
	/* a talking thing is a character */
	if (k->speaking && k->kind != KW_ROLE) k->kind = KW_CREATURE;
	return 0;
}

void eng_kw_free(struct eng_kw *k)
{
	if (!k) return;
	free(k->text);
	free(k->head);
	k->text = k->head = NULL;
}
