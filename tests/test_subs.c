/* tests/test_subs.c — the focus of this file is subtitle layout: at most two lines a
 * cue, no line over the limit (16 hanzi or 42 Latin characters), no orphan of one or
 * two characters, no line starting with closing punctuation or ending with opening
 * punctuation, the two lines within 30% of each other's width; a cue too long for two
 * lines split in time at a phrase, each part from its first spoken word; the same
 * parts in the burned pictures, the SRT and the ASS. The checks here count characters
 * themselves (not through the layout's own cost function) and run over every line of
 * 20 episodes written by `drama script` (10 English, 10 Chinese). */
#include "test.h"
#include "drama_run.h"
#include "render/render.h"
#include "render/render_internal.h"
#include "render/sublayout.h"
#include "render_scene.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- an independent checker ---- */

static const char *const CLOSING[] = { "，", "。", "！", "？", "、", "；", "：", "）", "」", "』", "》", "〉", "”", "’",
                                       "…", ",", ".", "!", "?", ";", ":", ")", "]", NULL };
static const char *const OPENING[] = { "（", "「", "『", "《", "〈", "“", "‘", "(", "[", NULL };

static int starts_with_any(const char *s, const char *const *v)
{
	for (int i = 0; v[i]; i++)
		if (!strncmp(s, v[i], strlen(v[i]))) return 1;
	return 0;
}

static int ends_with_any(const char *s, const char *const *v)
{
	size_t n = strlen(s);
	for (int i = 0; v[i]; i++) {
		size_t m = strlen(v[i]);
		if (n >= m && !strcmp(s + n - m, v[i])) return 1;
	}
	return 0;
}

/* Wide (hanzi, full-width punctuation) and narrow characters, and letters/hanzi. */
static void count(const char *s, int *wide, int *narrow, int *letters)
{
	*wide = *narrow = *letters = 0;
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);
		if (g_unichar_iswide(u)) (*wide)++;
		else (*narrow)++;
		if (g_unichar_isalnum(u)) (*letters)++;
	}
}

/* Width in hanzi: a narrow character is 16/42 of one. */
static double width_of(const char *s)
{
	int w, n, l;
	count(s, &w, &n, &l);
	return w + n * 16.0 / 42;
}

struct stats { int cues, parts, two_lines, split, worst_balance_pct; };

/* Check one cue's plan; on a fault, a message (caller frees) naming the line. */
static char *check_plan(const char *text, const struct rsub_plan *pl, struct stats *st)
{
	struct sbuf joined = { 0 }, orig = { 0 };
	st->cues++;
	st->split += pl->n > 1;
	for (int k = 0; k < pl->n; k++) {
		const struct rsub_part *pt = &pl->parts[k];
		st->parts++;
		if (pt->n_lines < 1 || pt->n_lines > 2) return xasprintf("\"%s\": part %d has %d lines", text, k, pt->n_lines);
		if (k && pt->at < pl->parts[k - 1].at) return xasprintf("\"%s\": part %d starts before part %d", text, k, k - 1);
		for (int l = 0; l < pt->n_lines; l++) {
			const char *ln = pt->line[l];
			int w, n, letters;
			count(ln, &w, &n, &letters);
			if (w > 16 || n > 42 || w + n * 16.0 / 42 > 16.001)
				return xasprintf("\"%s\": line \"%s\" is over the limit (%d wide, %d narrow)", text, ln, w, n);
			if (pt->n_lines == 2 && letters <= 2) return xasprintf("\"%s\": line \"%s\" is an orphan", text, ln);
			if (l && starts_with_any(ln, CLOSING)) return xasprintf("\"%s\": line \"%s\" starts with closing punctuation", text, ln);
			if (l + 1 < pt->n_lines && ends_with_any(ln, OPENING))
				return xasprintf("\"%s\": line \"%s\" ends with opening punctuation", text, ln);
			sb_add(&joined, ln);
		}
		if (pt->n_lines == 2) {
			st->two_lines++;
			double a = width_of(pt->line[0]), b = width_of(pt->line[1]);
			int pct = (int)lround(100 * fabs(a - b) / fmax(a, b));
			if (pct > st->worst_balance_pct) st->worst_balance_pct = pct;
			if (pct > 30) return xasprintf("\"%s\": lines \"%s\" / \"%s\" differ by %d%% in width", text, pt->line[0], pt->line[1], pct);
		}
	}
	for (const char *p = text; *p; p++)
		if (*p != ' ' && *p != '\n') sb_addn(&orig, p, 1);
	struct sbuf j2 = { 0 };
	for (const char *p = joined.s ? joined.s : ""; *p; p++)
		if (*p != ' ') sb_addn(&j2, p, 1);
	char *err = NULL;
	if (strcmp(j2.s ? j2.s : "", orig.s ? orig.s : ""))
		err = xasprintf("\"%s\": the parts show \"%s\"", text, j2.s ? j2.s : "");
	sb_free(&joined);
	sb_free(&orig);
	sb_free(&j2);
	return err;
}

/* The renderer's limits (data/render/style.json), which must keep within 16 / 42. */
static struct rsub_limits style_limits(void)
{
	struct rstyle st;
	struct rsub_limits lim = RSUB_LIMITS_INIT;
	if (rstyle_load(&st) == 0) lim = (struct rsub_limits){ st.sub_cjk, st.sub_latin };
	return lim;
}

/* Lay out text as the renderer does (the series' names kept whole, s may be NULL) and
 * check it, names included: a name in the text stands whole on one line. */
static char *plan_and_check_in(const struct series *s, const char *text, struct stats *st, struct rsub_plan *keep)
{
	struct rsub_limits lim = style_limits();
	const char *names[64];
	int nn = 0;
	for (size_t i = 0; s && i < s->n_chars && nn < 64; i++) names[nn++] = s->chars[i].name;
	for (size_t i = 0; s && i < s->n_locs && nn < 64; i++) names[nn++] = s->locs[i].name;
	lim.keep = names;
	lim.n_keep = nn;
	if (lim.cjk > 16 || lim.latin > 42) return xasprintf("style.json allows %g hanzi / %g Latin a line", lim.cjk, lim.latin);
	struct rsub_plan pl;
	rsub_plan_make(text, &lim, NULL, NULL, 0, 3.0, &pl);
	char *err = check_plan(text, &pl, st);
	for (int i = 0; !err && i < nn; i++) {
		if (!names[i] || !strstr(text, names[i])) continue;
		int whole = 0;
		for (int k = 0; k < pl.n; k++)
			for (int l = 0; l < pl.parts[k].n_lines; l++) whole |= strstr(pl.parts[k].line[l], names[i]) != NULL;
		if (!whole) err = xasprintf("\"%s\": the name %s is broken across lines", text, names[i]);
	}
	if (keep) *keep = pl;
	else rsub_plan_free(&pl);
	return err;
}

static char *plan_and_check(const char *text, struct stats *st, struct rsub_plan *keep)
{
	return plan_and_check_in(NULL, text, st, keep);
}

/* Write a storyboard with `drama ARGS` (its folder: the first word after "script") and
 * open it; NULL on failure with the reason in *why (caller frees). */
static struct project *generated(const char *args, const char *dir, char **why)
{
	char *out = NULL;
	*why = NULL;
	if (drama_run(&out, "%s", args) != 0) {
		*why = xasprintf("drama %s: %s", args, out ? out : "");
		free(out);
		return NULL;
	}
	free(out);
	char *path = path_join(test_tmpdir(), dir);
	struct project *p = NULL;
	if (project_open(path, 0, &p) < 0 || !p->s) *why = xasprintf("%s: %s", path, err_msg());
	free(path);
	return *why ? (project_free(p), NULL) : p;
}

/* subs-1.1: the lines viewers saw broken badly, and a few hard ones. */
TEST(subs_layout_known_lines)
{
	struct stats st = { 0 };
	const char *lines[] = {
		"小心点，大家都在拍。", "叶芊芊，你现在笑吧，最后笑的是我。", "就凭你，也配穿这身?",
		"你以为嫁进豪门就能高枕无忧了吗？我告诉你，这场婚礼根本就是一个局！",
		"「我不会原谅你的。」她说完转身就走，再也没有回头看他一眼，只留下一地碎片。",
		"Then who have I been trusting?", "Will you swear it before Heaven?",
		"I gave you everything, my name, my house, my trust, and you sold it all for a seat at their table.",
		"No.", "Supercalifragilisticexpialidociousnessandevenmorelettersthanfitonaline", "",
	};
	for (size_t i = 0; i < ARRAY_LEN(lines); i++) {
		char *err = plan_and_check(lines[i], &st, NULL);
		CHECKF(!err, "%s", err);
	}
	struct rsub_plan pl;
	char *err = plan_and_check("叶芊芊，你现在笑吧，最后笑的是我。", &st, &pl);
	CHECKF(!err, "%s", err);
	CHECK_INT(pl.n, 1);
	CHECK_INT(pl.parts[0].n_lines, 2);
	CHECK_STR(pl.parts[0].line[0], "叶芊芊，你现在笑吧，");     /* broken at the comma */
	CHECK_STR(pl.parts[0].line[1], "最后笑的是我。");
	rsub_plan_free(&pl);
	/* a name the dictionary does not know stays whole */
	struct series *s = series_new();
	series_add_character(s)->name = xstrdup("上官锦瑟");
	series_add_location(s)->name = xstrdup("Palace Hall");
	err = plan_and_check_in(s, "五年前，卫月娥夺走了上官锦瑟的一切。如今，她回来了。", &st, &pl);
	CHECKF(!err, "%s", err);
	fprintf(stderr, "  %s / %s%s\n", pl.parts[0].line[0], pl.parts[0].n_lines > 1 ? pl.parts[0].line[1] : "",
	        pl.n > 1 ? " | ..." : "");
	rsub_plan_free(&pl);
	err = plan_and_check_in(s, "Why are you in my Palace Hall at this hour?", &st, &pl);
	CHECKF(!err, "%s", err);
	rsub_plan_free(&pl);
	series_free(s);
	err = plan_and_check("小心点，大家都在拍。", &st, &pl);
	CHECKF(!err, "%s", err);
	CHECK(pl.n == 1 && pl.parts[0].n_lines == 1);          /* fits on one line: not "… / 拍。" */
	rsub_plan_free(&pl);
	/* too long for two lines: parts at phrase ends, in order, each shown from its share */
	err = plan_and_check("你以为嫁进豪门就能高枕无忧了吗？我告诉你，这场婚礼根本就是一个局！", &st, &pl);
	CHECKF(!err, "%s", err);
	CHECK_INT(pl.n, 2);
	CHECK_STR(pl.parts[0].line[pl.parts[0].n_lines - 1] + strlen(pl.parts[0].line[pl.parts[0].n_lines - 1]) - 3, "？");
	CHECK(pl.parts[0].at == 0 && pl.parts[1].at > 0.5 && pl.parts[1].at < 2.5);
	rsub_plan_free(&pl);
}

/* subs-1.2: with word timings a part shows from its first word's start. */
TEST(subs_parts_timed_by_words)
{
	const char *t = "I gave you everything, my name, my house, my trust, and you sold it all for a seat at their table "
	                "while I waited at home for you.";
	/* every word's start byte, 0.3 s apart */
	int wb[64], n = 0;
	double wa[64];
	for (int i = 0; t[i]; i++)
		if (i == 0 || (t[i - 1] == ' ' && t[i] != ' ')) { wb[n] = i; wa[n] = 0.3 * n; n++; }
	struct rsub_limits lim = RSUB_LIMITS_INIT;
	struct rsub_plan pl;
	rsub_plan_make(t, &lim, wb, wa, n, 0.3 * n, &pl);
	CHECK(pl.n >= 2);
	for (int k = 1; k < pl.n; k++) {
		int w = 0;
		while (w < n && wb[w] < pl.parts[k].a) w++;
		CHECKF(w < n && fabs(pl.parts[k].at - wa[w]) < 1e-9, "part %d at %.2f s, its first word at %.2f s", k,
		       pl.parts[k].at, w < n ? wa[w] : -1);
	}
	struct stats st = { 0 };
	char *err = check_plan(t, &pl, &st);
	CHECKF(!err, "%s", err);
	rsub_plan_free(&pl);
}

/* subs-2.1: every line of 20 generated episodes (10 English, 10 Chinese). */
TEST(subs_layout_20_episodes)
{
	const char *runs[] = { "script en1 revenge ceo wedding contract --episodes 5 --seed 11",
	                       "script en2 palace prince poison jade --episodes 5 --seed 12",
	                       "script zh1 复仇 总裁 婚礼 --lang zh --episodes 5 --seed 13",
	                       "script zh2 古代 皇宫 王爷 毒药 --lang zh --episodes 5 --seed 14" };
	const char *dirs[] = { "en1", "en2", "zh1", "zh2" };
	struct stats st[2] = { { 0 }, { 0 } };
	int eps = 0;
	for (size_t r = 0; r < ARRAY_LEN(runs); r++) {
		char *why;
		struct project *p = generated(runs[r], dirs[r], &why);
		CHECKF(p, "%s", why);
		const struct series *s = p->s;
		int zh = dirs[r][0] == 'z';
		for (size_t e = 0; e < s->n_eps; e++, eps++)
			for (size_t i = 0; i < s->eps[e].n_scenes; i++)
				for (size_t j = 0; j < s->eps[e].scenes[i].n_shots; j++) {
					const struct line *ln = s->eps[e].scenes[i].shots[j].line;
					if (!ln || !ln->text) continue;
					char *err = plan_and_check_in(s, ln->text, &st[zh], NULL);
					CHECKF(!err, "%s", err);
				}
		project_free(p);
	}
	CHECK_INT(eps, 20);
	for (int z = 0; z < 2; z++)
		fprintf(stderr, "  %s: %d cues, %d parts, %d on two lines, %d split in time, worst balance %d%%\n",
		        z ? "zh" : "en", st[z].cues, st[z].parts, st[z].two_lines, st[z].split, st[z].worst_balance_pct);
	CHECK(st[0].cues > 100 && st[1].cues > 100 && st[1].two_lines > 0);
}

/* ---- covers ---- */

/* "A · B\nC" -> "ABC": the text without line breaks, spaces and the label's dot. */
static char *squash(const char *s)
{
	struct sbuf b = { 0 };
	for (; *s; s++)
		if (!strncmp(s, "·", 2)) s++;
		else if (*s != ' ' && *s != '\n') sb_addn(&b, s, 1);
	return b.s ? b.s : xstrdup("");
}

/* A cover's report against the episode: whole texts, no ellipsis, inside the picture,
 * big enough for a thumbnail, no dialogue. NULL or a message (caller frees). */
static char *check_cover(const struct rctx *c, const struct rcover_report *r, int w, int h, const char *label)
{
	const char *want[2] = { c->s->title, label };
	if (r->n_text != 2) return xasprintf("%d texts on the cover, expected the title and the label", r->n_text);
	for (int i = 0; i < 2; i++) {
		const struct rcover_text *t = &r->text[i];
		char *a = squash(t->text), *b = squash(want[i]);
		int same = !strcmp(a, b);
		free(a);
		free(b);
		if (!same) return xasprintf("%dx%d: text %d is \"%s\", expected all of \"%s\"", w, h, i, t->text, want[i]);
		if (strstr(t->text, "…") || strstr(t->text, "...") || t->ellipsized)
			return xasprintf("%dx%d: \"%s\" is ellipsized", w, h, t->text);
		if (t->drawn_lines != t->lines) return xasprintf("%dx%d: \"%s\" wrapped into %d lines", w, h, t->text, t->drawn_lines);
		if (t->x < 0 || t->x + t->w > w + 0.5 || t->w > t->box_w + 0.5)
			return xasprintf("%dx%d: \"%s\" spans %.0f..%.0f", w, h, t->text, t->x, t->x + t->w);
		/* readable at 270 px wide (a quarter of 1080): title 14 px, label 9 px there */
		double min_px = (i ? 0.034 : 0.052) * (w < h ? w : h);
		if (t->px < min_px) return xasprintf("%dx%d: \"%s\" at %.0f px, under %.0f", w, h, t->text, t->px, min_px);
	}
	for (size_t i = 0; i < c->ep->n_scenes; i++)
		for (size_t j = 0; j < c->ep->scenes[i].n_shots; j++) {
			const struct line *ln = c->ep->scenes[i].shots[j].line;
			if (!ln || !ln->text || strlen(ln->text) < 4) continue;
			for (int k = 0; k < r->n_text; k++)
				if (strstr(r->text[k].text, ln->text)) return xasprintf("the dialogue \"%s\" is on the cover", ln->text);
		}
	if (r->n_who < 1) return xasprintf("nobody on the cover");
	return NULL;
}

/* subs-3.1: covers of 20 generated episodes at 9:16, 3:4 and 16:9. */
TEST(subs_covers_20_episodes)
{
	const char *runs[] = { "script c1 revenge ceo wedding contract --episodes 5 --seed 21",
	                       "script c2 the jade pendant between two worlds time travel --episodes 5 --seed 22",
	                       "script c3 复仇 总裁 婚礼 --lang zh --episodes 5 --seed 23",
	                       "script c4 古代 皇宫 王爷 毒药 玉佩 --lang zh --episodes 5 --seed 24" };
	const char *dirs[] = { "c1", "c2", "c3", "c4" };
	const struct art_backend *art = art_backend_get("procedural");
	CHECK(art);
	int covers = 0, pairs = 0;
	double min_title = 1e9;
	for (size_t r = 0; r < ARRAY_LEN(runs); r++) {
		char *why;
		struct project *p = generated(runs[r], dirs[r], &why);
		CHECKF(p, "%s", why);
		int rc;
		CHECK(art->assign_looks(p->s, 5) == 0);
		struct rctx c = { 0 };
		CHECK(rstyle_load(&c.st) == 0);
		c.p = p;
		c.s = p->s;
		c.art = art;
		c.zh = r >= 2;
		for (size_t e = 0; e < p->s->n_eps; e++) {
			c.ep = &p->s->eps[e];
			char ep[96];
			snprintf(ep, sizeof ep, c.zh ? c.st.ep_zh : c.st.ep_en, c.ep->number);
			char *label = c.ep->title && *c.ep->title ? xasprintf("%s · %s", ep, c.ep->title) : xstrdup(ep);
			static const int sz[3][2] = { { 270, 480 }, { 270, 360 }, { 480, 270 } };   /* thumbnail sizes */
			for (int v = 0; v < 3; v++) {
				int w = sz[v][0] * (v == 0 && e == 0 ? 4 : 1), h = sz[v][1] * (v == 0 && e == 0 ? 4 : 1);
				cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
				cairo_t *cr = cairo_create(s);
				struct rcover_report rep;
				rc = rcover_draw(&c, cr, w, h, &rep);
				cairo_destroy(cr);
				cairo_surface_destroy(s);
				CHECKF(rc == 0, "%s", err_msg());
				char *err = check_cover(&c, &rep, w, h, label);
				CHECKF(!err, "%s episode %d: %s", dirs[r], c.ep->number, err);
				covers++;
				pairs += rep.pair;
				double rel = rep.text[0].px / (w < h ? w : h);
				if (rel < min_title) min_title = rel;
			}
			free(label);
		}
		project_free(p);
	}
	fprintf(stderr, "  %d covers, %d with the main pair facing off; smallest title %.3f of the short side\n", covers,
	        pairs, min_title);
	CHECK_INT(covers, 60);
	CHECK(pairs > 30);
}

/* subs-3.2: render_cover writes the 9:16 cover and its 3:4 and 16:9 variants. */
TEST(subs_cover_variants_written)
{
	char *why;
	struct project *p = generated("script v revenge ceo --episodes 1 --seed 3", "v", &why);
	CHECKF(p, "%s", why);
	char *path = path_join(test_tmpdir(), "v");
	const struct art_backend *art = art_backend_get("procedural");
	CHECK(art->assign_looks(p->s, 5) == 0);
	struct rctx c = { .p = p, .s = p->s, .ep = &p->s->eps[0], .art = art, .W = 270, .H = 480 };
	CHECK(rstyle_load(&c.st) == 0);
	char *cover = path_join(path, "ep01.cover.png");
	CHECKF(render_cover(&c, NULL, cover) == 0, "%s", err_msg());
	const char *names[] = { "ep01.cover.png", "ep01.cover.3x4.png", "ep01.cover.16x9.png" };
	const int wh[3][2] = { { 270, 480 }, { 270, 360 }, { 480, 270 } };
	for (int i = 0; i < 3; i++) {
		char *f = path_join(path, names[i]);
		cairo_surface_t *s = cairo_image_surface_create_from_png(f);
		CHECKF(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS, "%s not written", f);
		CHECK_INT(cairo_image_surface_get_width(s), wh[i][0]);
		CHECK_INT(cairo_image_surface_get_height(s), wh[i][1]);
		cairo_surface_destroy(s);
		free(f);
	}
	free(cover);
	project_free(p);
	free(path);
}

/* ---- one cue through the three writers ---- */

/* subs-2.2: a cue too long for two lines: the SRT, the ASS and the burned pictures show
 * the same parts, switching at the first word of each (from the saved word timing). */
TEST(subs_parts_same_in_srt_ass_and_pictures)
{
	struct project *p = NULL;
	CHECK(project_open(test_tmpdir(), 1, &p) == 0);
	struct series *s = rscene_series(1);
	p->s = s;
	struct shot *sh = rscene_shot(s, "close_up", NULL, 0);
	struct line *ln = rscene_line(sh, "Ann", NULL, 0);
	free(ln->text);
	ln->text = xstrdup("I gave you everything, my name, my house, my trust, and you sold it all for a seat at their "
	                   "table while I waited at home.");
	ln->audio = xstrdup("cache/voice/w.wav");
	/* the words 0.25 s apart, as the voice stage saves them */
	struct voice_timing vt = { 0 };
	const char *t = ln->text;
	size_t cap = 0;
	for (int i = 0; t[i]; i++)
		if (i == 0 || t[i - 1] == ' ') {
			int n = 0;
			while (t[i + n] && t[i + n] != ' ' && t[i + n] != ',' && t[i + n] != '.') n++;
			xgrow((void **)&vt.words, &cap, vt.n_words, sizeof *vt.words);
			vt.words[vt.n_words] = (struct voice_word){ 0.25 * vt.n_words, 0.25 * vt.n_words + 0.2, xstrndup(t + i, (size_t)n) };
			vt.n_words++;
		}
	vt.duration = 0.25 * vt.n_words;
	ln->audio_sec = vt.duration;
	char *dir = project_path(p, "cache/voice"), *jp = project_path(p, "cache/voice/w.json");
	CHECK(mkdir_p(dir) == 0);
	CHECK(voice_timing_save(&vt, jp) == 0);
	voice_timing_free(&vt);
	free(dir);
	free(jp);
	struct rctx c = { .p = p, .s = s, .ep = &s->eps[0], .W = 540, .H = 960, .fps = 10 };
	CHECK(rstyle_load(&c.st) == 0);
	CHECK(timeline_build(s, &s->eps[0], 10, &c.tl) == 0);
	const struct tl_shot *ts = &c.tl.shots[0];
	CHECK(ts->line_start >= 0);
	struct rsub sub;
	CHECK(rsub_make_line(&c, ln, (double)(ts->line_end - ts->line_start) / 10, &sub) == 0);
	CHECKF(sub.plan.n >= 2, "%d parts", sub.plan.n);
	CHECK_INT(sub.n_pics, sub.plan.n);             /* no word highlight: one picture a part */
	struct sbuf srt = { 0 }, ass = { 0 };
	CHECK(render_srt(p, &s->eps[0], &c.tl, &srt) == 0);
	CHECK(render_ass(p, &s->eps[0], &c.tl, 540, 960, NULL, &ass) == 0);
	const char *sp = srt.s, *ap = ass.s ? strstr(ass.s, "[Events]") : NULL;
	CHECK(sp && ap);
	for (int k = 0; k < sub.plan.n; k++) {
		const struct rsub_part *pt = &sub.plan.parts[k];
		/* the picture changes to part k at its first word, 0.25 s a word */
		int64_t f = (int64_t)llround(pt->at * 10);
		CHECK_INT(rsub_index(&sub, f, 10), k);
		if (k) CHECK_INT(rsub_index(&sub, f - 1, 10), k - 1);
		char *txt = rsub_part_text(sub.text, pt, NULL);
		const char *hit = strstr(sp, txt);
		CHECKF(hit, "SRT lacks part %d \"%s\":\n%s", k, txt, srt.s);
		sp = hit + strlen(txt);
		int64_t ms = (ts->line_start + f) * 100;
		char when[32];
		snprintf(when, sizeof when, "%02d:%02d:%02d,%03d", (int)(ms / 3600000), (int)(ms / 60000 % 60),
		         (int)(ms / 1000 % 60), (int)(ms % 1000));
		CHECKF(strstr(srt.s, when), "no SRT cue starts at %s (part %d)", when, k);
		struct sbuf a = { 0 };
		for (const char *q = txt; *q; q++) sb_add(&a, *q == '\n' ? "\\N" : (char[2]){ *q, 0 });
		hit = strstr(ap, a.s);
		CHECKF(hit, "ASS lacks part %d \"%s\":\n%s", k, a.s, ass.s);
		ap = hit + a.len;
		sb_free(&a);
		free(txt);
	}
	CHECK(strstr(ass.s, "WrapStyle: 2"));
	sb_free(&srt);
	sb_free(&ass);
	rsub_free(&sub);
	timeline_free(&c.tl);
	project_free(p);
}

/* subs-3.3: a long title and episode title fit the title card whole, as on the cover. */
TEST(subs_card_title_whole)
{
	struct rctx c = { .W = 1080, .H = 1920 };
	CHECK(rstyle_load(&c.st) == 0);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1080, 1920);
	cairo_t *cr = cairo_create(s);
	const char *titles[] = { "The Jade Pendant Between Two Worlds and the Prince Who Waited",
	                         "穿越到古代开奶茶店，我被王爷缠上了", "Supercalifragilistic" };
	for (size_t i = 0; i < ARRAY_LEN(titles); i++) {
		struct rcover_text r;
		CHECK(rtext_fit(cr, &c, titles[i], "Black", 1080 * 0.84, 1920 * 0.2, 1080 * 0.105, 3, 0.06, &r) == 0);
		struct rgbf w = { 1, 1, 1 };
		rtext_draw_fit(cr, &c, &r, "Black", 1080 * 0.08, 500, 1080 * 0.84, w, w, 0.06);
		char *a = squash(r.text), *b = squash(titles[i]);
		CHECKF(!strcmp(a, b), "\"%s\" drawn as \"%s\"", titles[i], r.text);
		free(a);
		free(b);
		CHECKF(!r.ellipsized && r.drawn_lines == r.lines && r.lines <= 3 && r.w <= r.box_w + 0.5,
		       "\"%s\": %d lines drawn as %d, %.0f px wide in %.0f", r.text, r.lines, r.drawn_lines, r.w, r.box_w);
		CHECKF(r.px >= 1080 * 0.05, "\"%s\" at %.0f px", r.text, r.px);
	}
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

/* subs-3.4: one speaker: the lead in close-up with the key prop (the first insert). */
TEST(subs_cover_lead_with_prop)
{
	char *why;
	struct project *p = generated("script w revenge jade pendant --episodes 1 --seed 7", "w", &why);
	CHECKF(p, "%s", why);
	struct episode *e = &p->s->eps[0];
	const char *lead = NULL, *prop = NULL;
	for (size_t i = 0; i < e->n_scenes; i++)          /* every line given to one speaker */
		for (size_t j = 0; j < e->scenes[i].n_shots; j++) {
			struct shot *sh = &e->scenes[i].shots[j];
			if (!prop && sh->type && !strcmp(sh->type, "insert") && sh->action) prop = sh->action;
			if (!sh->line || !sh->line->speaker) continue;
			if (!lead) lead = sh->line->speaker;
			else if (strcmp(sh->line->speaker, lead)) {
				free(sh->line->speaker);
				sh->line->speaker = xstrdup(lead);
			}
		}
	CHECK(lead);
	if (!prop) {                                     /* the story had none: add one */
		struct shot *sh = scene_add_shot(&e->scenes[0]);
		sh->type = xstrdup("insert");
		sh->action = xstrdup("jade pendant");
		prop = sh->action;
	}
	const struct art_backend *art = art_backend_get("procedural");
	CHECK(art->assign_looks(p->s, 5) == 0);
	struct rctx c = { .p = p, .s = p->s, .ep = e, .art = art, .W = 270, .H = 480 };
	CHECK(rstyle_load(&c.st) == 0);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 270, 480);
	cairo_t *cr = cairo_create(s);
	struct rcover_report rep;
	CHECKF(rcover_draw(&c, cr, 270, 480, &rep) == 0, "%s", err_msg());
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	CHECK_INT(rep.n_who, 1);
	CHECK(!rep.pair);
	CHECK_STR(rep.who[0], lead);
	CHECK_STR(rep.prop, prop);
	project_free(p);
}
