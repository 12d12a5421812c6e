/* tests/novel_heard.h — the quotations of a text and who the importer gives them to
 * (nov_attribute), for the novel tests: hear_in(lang, text, &h) ... unhear(&h) frees
 * what it holds; who_said: the speaker of the first quotation that starts with part ("" for
 * nobody, "(none)" if there is no such quotation); in_cast: 1 if name is in the cast. */
#ifndef TESTS_NOVEL_HEARD_H
#define TESTS_NOVEL_HEARD_H

#include "story/novel.h"

#include <string.h>

struct heard { struct nov_attr *v; size_t n; char **cast; size_t n_cast; };

static inline int hear_in(const char *lang, const char *text, struct heard *h)
{
	memset(h, 0, sizeof *h);
	return nov_attribute(text, lang, &h->v, &h->n, &h->cast, &h->n_cast);
}

static inline void unhear(struct heard *h) { nov_attr_free(h->v, h->n, h->cast, h->n_cast); }

static inline const char *who_said(const struct heard *h, const char *part)
{
	for (size_t i = 0; i < h->n; i++)
		if (!strncmp(h->v[i].quote, part, strlen(part))) return h->v[i].speaker ? h->v[i].speaker : "";
	return "(none)";
}

static inline int in_cast(const struct heard *h, const char *name)
{
	for (size_t i = 0; i < h->n_cast; i++)
		if (!strcmp(h->cast[i], name)) return 1;
	return 0;
}

#define CHECK_WHO(h, part, name) CHECKF(!strcmp(who_said(h, part), name), "\"%s\" is %s's, not %s", part, name, who_said(h, part))

#endif
