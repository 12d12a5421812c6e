/* story/novel_eval.c — measures the novel importer's speaker attribution against an
 * annotated text (tests/prose/NAME.txt with its sidecar NAME.spk), for the bench and
 * the tests.
 *
 * The sidecar lists, in reading order, one line per quotation the importer reads:
 *   SPEAKER<TAB>the first words of the quotation (checked, so a drift is caught)
 * SPEAKER is the person's name, "-" for a quotation that is no speech (a title, a
 * written text, a sound; not scored), "*" for a speaker with no name or a group (right
 * when the importer gives the line to nobody named in the annotation). Lines "= A | B"
 * say that names A and B are one person (the importer may use either); "#" comments. */
#include "story/novel.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct ann {
	char **group; size_t n_group, cap_group;   /* "= A | B | C" lines as given */
	char **spk, **pre; size_t n, n_pre;        /* per quotation */
};

static void ann_free(struct ann *a)
{
	for (size_t i = 0; i < a->n_group; i++) free(a->group[i]);
	for (size_t i = 0; i < a->n; i++) { free(a->spk[i]); free(a->pre[i]); }
	free(a->group);
	free(a->spk);
	free(a->pre);
}

static int ann_read(const char *path, struct ann *a)
{
	char *buf = NULL;
	size_t len, cap_pre = 0, cap_spk = 0;
	if (file_read_all(path, &buf, &len) < 0) return -1;
	int line = 0;
	for (char *p = buf, *e; p && *p; p = e) {
		e = strchr(p, '\n');
		if (e) *e++ = 0;
		line++;
		if (!*p || *p == '#') continue;
		if (*p == '=') { strv_push(&a->group, &a->n_group, &a->cap_group, p + 1); continue; }
		char *tab = strchr(p, '\t');
		if (!tab) { free(buf); return err_set(ERR_INPUT, "%s:%d: no tab between the speaker and the quotation; write SPEAKER<TAB>QUOTE", path, line); }
		*tab = 0;
		strv_push(&a->spk, &a->n, &cap_spk, p);
		strv_push(&a->pre, &a->n_pre, &cap_pre, tab + 1);
	}
	free(buf);
	return 0;
}

/* The group ("= ..." line) that holds name, or -1. */
static int group_of(const struct ann *a, const char *name)
{
	if (!name) return -1;
	for (size_t g = 0; g < a->n_group; g++) {
		const char *p = a->group[g];
		while (*p) {
			while (*p == ' ' || *p == '|') p++;
			const char *e = strchr(p, '|');
			if (!e) e = p + strlen(p);
			const char *t = e;
			while (t > p && t[-1] == ' ') t--;
			if ((size_t)(t - p) == strlen(name) && !strncmp(p, name, (size_t)(t - p))) return (int)g;
			/* the importer names one known by a role noun by the noun, capitalised: its
			 * "Coachman" is the annotation's "the coachman" */
			if (t - p > 4 && !strncmp(p, "the ", 4) && (size_t)(t - p - 4) == strlen(name) && !strncasecmp(p + 4, name, (size_t)(t - p - 4))) return (int)g;
			if ((size_t)(t - p) == strlen(name) && islower((unsigned char)*p) && !strncasecmp(p, name, (size_t)(t - p))) return (int)g;   /* "mother": "Mother" */
			p = e;
		}
	}
	return -1;
}

/* 1 if name (NULL: nobody) is the annotated speaker of quotation i (scored) */
static int right(const struct ann *a, size_t i, const char *name)
{
	if (!strcmp(a->spk[i], "*")) return !name || group_of(a, name) < 0;
	return str_eq(name, a->spk[i]) || (group_of(a, a->spk[i]) >= 0 && group_of(a, name) == group_of(a, a->spk[i]));
}

int nov_gold_read(const char *spk, struct nov_gold *g)
{
	struct ann *a = xcalloc(1, sizeof *a);
	g->a = a;
	g->n = 0;
	if (ann_read(spk, a) < 0) return -1;
	g->n = a->n;
	return 0;
}

int nov_gold_right(const struct nov_gold *g, size_t i, const char *name)
{
	const struct ann *a = g->a;
	if (i >= a->n || !strcmp(a->spk[i], "-")) return -1;
	return right(a, i, name);
}

void nov_gold_free(struct nov_gold *g)
{
	if (g->a) ann_free(g->a);
	free(g->a);
	g->a = NULL;
	g->n = 0;
}

/* Leading whitespace runs folded to one space, as the sidecar writes them. */
static int prefix_ok(const char *quote, const char *pre)
{
	const char *q = quote;
	for (const char *p = pre; *p; p++) {
		if (*p == ' ') { if (*q != ' ' && *q != '\n') return 0; while (*q == ' ' || *q == '\n') q++; continue; }
		if (*q != *p) return 0;
		q++;
	}
	return 1;
}

int nov_eval_file(const char *txt, const char *spk, const char *lang, struct nov_eval *r)
{
	struct ann a = { 0 };
	char *text = NULL;
	size_t len, n = 0, n_cast = 0;
	struct nov_attr *v = NULL;
	char **cast = NULL;
	int rc;
	memset(r, 0, sizeof *r);
	if ((rc = ann_read(spk, &a)) < 0) goto end;
	if ((rc = file_read_all(txt, &text, &len)) < 0) goto end;
	if ((rc = nov_attribute(text, lang, &v, &n, &cast, &n_cast)) < 0) goto end;
	if (n != a.n) {
		rc = err_set(ERR_INPUT, "%s: the importer reads %zu quotations, the annotation lists %zu; re-annotate", spk, n, a.n);
		goto end;
	}
	for (size_t i = 0; i < n; i++) {
		if (!prefix_ok(v[i].quote, a.pre[i])) {
			rc = err_set(ERR_INPUT, "%s: quotation %zu reads \"%.40s\", the annotation has \"%s\"; re-annotate", spk, i + 1, v[i].quote, a.pre[i]);
			goto end;
		}
		r->quotes++;
		if (!strcmp(a.spk[i], "-")) continue;
		r->scored++;
		if (right(&a, i, v[i].speaker)) { r->right++; continue; }
		if (r->n_wrong < NOV_EVAL_MAX_WRONG)
			r->wrong[r->n_wrong++] = xasprintf("%zu [%s]: %s, not %s: \"%.60s\"", i + 1, v[i].how >= 0 && v[i].how < NOV_HOW_N ? nov_how_name[v[i].how] : "?", v[i].speaker ? v[i].speaker : "(nobody)", a.spk[i], v[i].quote);
	}
	/* the cast that is no annotated person; the placeholders "the man" / "a woman" make
	 * ("Stranger", "陌生男子") stand for unnamed people and are counted apart */
	for (size_t i = 0; i < n_cast; i++) {
		if (group_of(&a, cast[i]) >= 0) continue;
		if (nov_is_placeholder(lang, cast[i])) { r->unnamed++; continue; }
		if (r->n_strange < NOV_EVAL_MAX_WRONG) r->strange[r->n_strange++] = xstrdup(cast[i]);
	}
	rc = 0;
end:
	nov_attr_free(v, n, cast, n_cast);
	free(text);
	ann_free(&a);
	return rc;
}

void nov_eval_free(struct nov_eval *r)
{
	for (size_t i = 0; i < r->n_wrong; i++) free(r->wrong[i]);
	for (size_t i = 0; i < r->n_strange; i++) free(r->strange[i]);
	memset(r, 0, sizeof *r);
}
