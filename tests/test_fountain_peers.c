/* tests/test_fountain_peers.c — the focus of this file is that our script.fountain is
 * standard Fountain: two independent parsers from npm (fountain-js, and afterwriting's
 * command line rendering a PDF that pdftotext reads back; tests/peers/read.js) read the
 * same scene headings, character cues and dialogue in it as our own parser does.
 * Inputs: every example in ../shared/examples, generated episodes (EN and ZH, several
 * keyword sets and seeds) and every fixture in tests/fountain/, each imported, exported
 * and read by all three. Also: the fixtures import to the spec, element by element, and
 * survive import -> export -> import unchanged.
 *
 * The peers come from `make deps` (tests/peers/node_modules); without node the peer
 * cases print why and pass, without the installed packages they fail. */
#include "test.h"
#include "story/story.h"
#include "story/fountain.h"
#include "core/util.h"
#include "core/model.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* ---- what a parser reads: "H\t..", "C\t..", "D\t.." lines (see tests/peers/read.js) ---- */

static void item(struct sbuf *b, char kind, const char *text, int plain)
{
	char *p = plain ? fountain_plain(text) : xstrdup(text);
	sb_printf(b, "%c\t", kind);
	/* white space runs as one space, trimmed: what read.js does */
	int sp = 0, any = 0;
	for (const char *c = p; *c; c++) {
		if (*c == ' ' || *c == '\n' || *c == '\t' || *c == '\r') { sp = any; continue; }
		/* a line wrapped in Chinese or Japanese text has no space to keep; what a PDF
		 * shows is compared without spaces (pdftotext spaces out "*9765*") */
		if (sp && !plain && !((unsigned char)*c >= 0x80 || (b->len && (unsigned char)b->s[b->len - 1] >= 0x80)))
			sb_add(b, " ");
		sp = 0;
		any = 1;
		sb_addn(b, c, 1);
	}
	sb_add(b, "\n");
	free(p);
}

/* Our parser's reading. plain: as printed (emphasis and escapes resolved, lyrics
 * without '~'), as afterwriting's PDF shows it; else as written, as fountain-js gives it. */
static char *ours(const char *text, int plain)
{
	struct ft_doc d;
	if (fountain_parse(text, strlen(text), "ours.fountain", &d) < 0) return xasprintf("ERROR %s", err_msg());
	struct sbuf b = { 0 };
	sb_add(&b, "");
	for (size_t i = 0; i < d.n; i++) {
		const struct ft_elem *e = &d.v[i];
		if (e->kind == FT_SCENE_HEADING) {   /* afterwriting prints headings in capitals */
			char *h = xstrdup(e->text);
			for (char *c = h; plain && *c; c++) *c = (char)toupper((unsigned char)*c);
			item(&b, 'H', h, plain);
			free(h);
		}
		if (e->kind != FT_CHARACTER) continue;
		/* fountain-js also says which speech is the right one of a dual pair */
		char *cue = xasprintf("%s%s%s%s%s", e->text, e->ext ? " (" : "", e->ext ? e->ext : "", e->ext ? ")" : "",
		                      e->dual == 2 && !plain ? " ^" : "");
		item(&b, 'C', cue, plain);
		free(cue);
		struct sbuf body = { 0 };
		sb_add(&body, "");
		size_t j = i + 1;
		for (; j < d.n; j++) {
			const struct ft_elem *f = &d.v[j];
			if (f->kind == FT_PARENTHETICAL) sb_printf(&body, " (%s)", f->text);
			else if (f->kind == FT_DIALOGUE) sb_printf(&body, " %s", f->text);
			else if (f->kind == FT_LYRICS) sb_printf(&body, plain ? " %s" : " ~%s", f->text);
			else if (f->kind == FT_NOTE && f->line > e->line) continue;
			else break;
		}
		item(&b, 'D', body.s, plain);
		sb_free(&body);
		i = j - 1;
	}
	fountain_doc_free(&d);
	return b.s;
}

/* "" when a and b are the same, else where they part (a few lines each side). */
static char *first_difference(const char *a, const char *b)
{
	size_t i = 0, line = 1;
	while (a[i] && a[i] == b[i]) { if (a[i] == '\n') line++; i++; }
	if (!a[i] && !b[i]) return xstrdup("");
	size_t s = i;
	for (int k = 0; k < 3 && s > 0;) { s--; if (a[s] == '\n' && s + 1 < i) k++; }
	return xasprintf("item %zu differs:\n--- ours\n%.300s\n--- peer\n%.300s", line, a + s, b + s);
}

static int have_node(void)
{
	return test_run("command -v node >/dev/null && command -v pdftotext >/dev/null", NULL) == 0;
}

/* The peers' reading of file, compared with ours; 1 if the same, else *why says where. */
static int peers_agree(const char *file, const char *label, char **why)
{
	char *text = NULL;
	size_t n;
	*why = NULL;
	if (file_read_all(file, &text, &n) < 0) { *why = xasprintf("%s: %s", label, err_msg()); return 0; }
	static const char *const peers[] = { "fountain-js", "afterwriting" };
	int ok = 1;
	for (size_t p = 0; p < 2 && ok; p++) {
		char *cmd = xasprintf("( node tests/peers/read.js %s '%s' '%s' 2>'%s/peer.err' )", peers[p], file, test_tmpdir(),
		                      test_tmpdir());
		char *got = NULL;
		int rc = test_run(cmd, &got);
		free(cmd);
		char *want = ours(text, p == 1);
		char *diff = rc == 0 ? first_difference(want, got) : NULL;
		if (rc != 0) {
			char *err = NULL, *ep = xasprintf("%s/peer.err", test_tmpdir());
			size_t en;
			if (file_read_all(ep, &err, &en) < 0) err = xstrdup("");
			*why = xasprintf("%s: %s failed (exit %d): %s", label, peers[p], rc, err);
			free(err);
			free(ep);
			ok = 0;
		} else if (*diff) {
			char *a = xasprintf("%s/ours.txt", test_tmpdir()), *g = xasprintf("%s/%s.txt", test_tmpdir(), peers[p]);
			file_write_atomic(a, want, strlen(want));
			file_write_atomic(g, got, strlen(got));
			*why = xasprintf("%s: %s reads it differently (%s; diff %s %s); %s", label, peers[p], file, a, g, diff);
			free(a);
			free(g);
			ok = 0;
		} else if (!strstr(want, "C\t") && !strstr(want, "H\t")) {
			*why = xasprintf("%s: no headings or cues at all", label);
			ok = 0;
		}
		free(diff);
		free(want);
		free(got);
	}
	free(text);
	return ok;
}

/* Export s and append the script to group (a file of several scripts one after the
 * other, read in one run of each peer: afterwriting with a CJK font takes seconds). */
static int export_into(const struct series *s, struct sbuf *group, char **why, const char *label)
{
	struct sbuf f = { 0 };
	if (story_to_fountain(s, &f) < 0) { *why = xasprintf("%s: export: %s", label, err_msg()); return 0; }
	sb_printf(group, "%s\n\n", f.s);
	sb_free(&f);
	return 1;
}

static int check_group(const struct sbuf *group, const char *name, char **why)
{
	char *path = xasprintf("%s/%s.fountain", test_tmpdir(), name);
	int ok = file_write_atomic(path, group->s, group->len) == 0 && peers_agree(path, name, why);
	if (!ok && !*why) *why = xasprintf("%s: %s", name, err_msg());
	free(path);
	return ok;
}

#define PEERS_OR_SKIP() do { \
	if (!have_node()) { printf("  skip: node or pdftotext not installed (make deps installs them)\n"); return; } \
	CHECKF(file_exists("tests/peers/node_modules/fountain-js") && file_exists("tests/peers/node_modules/afterwriting"), \
	       "tests/peers/node_modules has no fountain-js or afterwriting: run make deps"); } while (0)

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The fixtures, in name order; caller frees each and the array. */
static size_t fixtures(char ***out)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	DIR *d = opendir("tests/fountain");
	struct dirent *de;
	while (d && (de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (l < 9 || strcmp(de->d_name + l - 9, ".fountain")) continue;
		strv_push(&v, &n, &cap, de->d_name);
	}
	if (d) closedir(d);
	if (n) qsort(v, n, sizeof *v, by_name);
	*out = v;
	return n;
}

TEST(fountain_peers_read_exported_examples)
{
	PEERS_OR_SKIP();
	static const char *const ex[] = { "short.fountain", "keywords.txt", "outline.txt", "story_en.txt", "story_zh.txt" };
	struct sbuf group = { 0 };
	char *why = NULL;
	for (size_t i = 0; i < ARRAY_LEN(ex); i++) {
		char *path = xasprintf("/work/shared/examples/%s", ex[i]);
		if (!file_exists(path)) { free(path); path = xasprintf("../shared/examples/%s", ex[i]); }
		struct series *s = NULL;
		struct story_opts o = { .minutes = 3, .seed = 3, .episodes = 1 };
		int rc = story_from_file(path, &o, &s);
		free(path);
		CHECKF(rc == 0, "%s: %s", ex[i], err_msg());
		int ok = export_into(s, &group, &why, ex[i]);
		series_free(s);
		CHECKF(ok, "%s", why);
	}
	int ok = check_group(&group, "examples", &why);
	sb_free(&group);
	CHECKF(ok, "%s", why);
	free(why);
}

TEST(fountain_peers_read_generated_episodes)
{
	PEERS_OR_SKIP();
	/* 20 episodes: 4 English series of 3, 2 Chinese series of 4 */
	static const struct { const char *kw, *lang; uint64_t seed; int eps; } gen[] = {
		{ "ancient time-travel, milk tea shop, prince", "en", 1, 3 },
		{ "revenge, wedding, stepsister", "en", 7, 3 },
		{ "hospital, amnesia, billionaire", "en", 21, 3 },
		{ "school, rivals, secret identity", "en", 99, 3 },
		{ "穿越, 奶茶店, 王爷", "zh", 2, 4 },
		{ "复仇, 婚礼, 豪门", "zh", 5, 4 },
	};
	struct sbuf group = { 0 };
	char *why = NULL;
	size_t episodes = 0;
	for (size_t i = 0; i < ARRAY_LEN(gen); i++) {
		struct series *s = NULL;
		struct story_opts o = { .lang = gen[i].lang, .seed = gen[i].seed, .episodes = gen[i].eps, .minutes = 2 };
		CHECKF(story_from_keywords(gen[i].kw, &o, &s) == 0, "%s: %s", gen[i].kw, err_msg());
		episodes += s->n_eps;
		int ok = export_into(s, &group, &why, gen[i].kw);
		series_free(s);
		CHECKF(ok, "%s", why);
	}
	CHECK_INT(episodes, 20);
	int ok = check_group(&group, "generated", &why);
	sb_free(&group);
	CHECKF(ok, "%s", why);
	free(why);
}

TEST(fountain_peers_read_exported_fixtures)
{
	PEERS_OR_SKIP();
	char **names;
	size_t n = fixtures(&names);
	CHECKF(n >= 15, "tests/fountain has %zu fixtures; run from the source folder", n);
	struct sbuf group = { 0 };
	char *why = NULL;
	int ok = 1;
	for (size_t i = 0; i < n && ok; i++) {
		char *path = xasprintf("tests/fountain/%s", names[i]);
		struct series *s = NULL;
		struct story_opts o = { .minutes = 3 };
		ok = story_from_file(path, &o, &s) == 0;
		if (!ok) why = xasprintf("%s: %s", path, err_msg());
		else ok = export_into(s, &group, &why, names[i]);
		series_free(s);
		free(path);
	}
	for (size_t i = 0; i < n; i++) free(names[i]);
	free(names);
	if (ok) ok = check_group(&group, "fixtures", &why);
	sb_free(&group);
	CHECKF(ok, "%s", why);
	free(why);
}
