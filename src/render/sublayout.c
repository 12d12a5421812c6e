/* render/sublayout.c — line breaking for subtitles and titles: Pango's UAX #14 break
 * opportunities, a balancing pass, and the split of a long cue into timed parts
 * (see sublayout.h). */
#include "render/sublayout.h"
#include "core/util.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <pango/pango.h>
#include <pthread.h>
#include <stdio.h>
#include <friso.h>

int rsub_closing(unsigned u)
{
	GUnicodeType t = g_unichar_type(u);
	if (t == G_UNICODE_CLOSE_PUNCTUATION || t == G_UNICODE_FINAL_PUNCTUATION) return 1;
	if (u < 0x80) return u && strchr(",.!?;:%", (int)u) != NULL;
	static const unsigned cl[] = { 0x3001, 0x3002, 0xFF0C, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A, 0xFF0E, 0x2026, 0x2025,
	                               0x00B7, 0x30FB, 0x201D, 0x2019 };
	for (size_t i = 0; i < sizeof cl / sizeof cl[0]; i++)
		if (u == cl[i]) return 1;
	return 0;
}

int rsub_opening(unsigned u)
{
	GUnicodeType t = g_unichar_type(u);
	return t == G_UNICODE_OPEN_PUNCTUATION || t == G_UNICODE_INITIAL_PUNCTUATION || u == 0x201C || u == 0x2018;
}

/* Punctuation after which a phrase ends (a good place for a break). */
static int phrase_punct(unsigned u)
{
	return (u < 0x80 && u && strchr(",.!?;:", (int)u)) || u == 0x3001 || u == 0x3002 || u == 0xFF0C || u == 0xFF01 ||
	       u == 0xFF1F || u == 0xFF1B || u == 0xFF1A || u == 0x2026 || u == 0x2014;
}

static int is_space(unsigned u) { return u == ' ' || u == '\t' || u == 0x3000 || u == 0xA0; }

static unsigned cp_at(const char *s, int i)
{
	gunichar u = g_utf8_get_char_validated(s + i, -1);
	return u == (gunichar)-1 || u == (gunichar)-2 ? (unsigned char)s[i] : u;
}

/* The code point before byte i (0 when none). */
static unsigned cp_before(const char *s, int i, int *at)
{
	if (i <= 0) return 0;
	const char *p = g_utf8_find_prev_char(s, s + i);
	if (!p) p = s + i - 1;
	if (at) *at = (int)(p - s);
	return cp_at(s, (int)(p - s));
}

static int next_i(const char *s, int i)
{
	int l = (int)(g_utf8_next_char(s + i) - (s + i));
	return i + (l > 0 ? l : 1);
}

static void trim(const char *s, int *a, int *b)
{
	while (*a < *b && is_space(cp_at(s, *a))) *a = next_i(s, *a);
	int at;
	while (*b > *a && is_space(cp_before(s, *b, &at))) *b = at;
}

double rsub_cost(const char *s, int a, int b, const struct rsub_limits *lim)
{
	double c = 0;
	for (int i = a; i < b; i = next_i(s, i)) c += g_unichar_iswide(cp_at(s, i)) ? 1 / lim->cjk : 1 / lim->latin;
	return c;
}

int rsub_orphan(const char *s, int a, int b)
{
	int n = 0;
	for (int i = a; i < b && n <= 2; i = next_i(s, i)) n += g_unichar_isalnum(cp_at(s, i)) != 0;
	return n <= 2;
}

/* ---- Chinese words (libfriso, friso-dict): a break inside a word is the last resort ---- */

static pthread_mutex_t fr_mu = PTHREAD_MUTEX_INITIALIZER;
static friso_t fr;
static friso_config_t fr_cfg;
static int fr_state;          /* 0 not tried, 1 loaded, -1 not installed */

/* Mark inword[i] = 1 for each byte i strictly inside a word of two or more characters;
 * nothing when friso's dictionary is missing. */
static void cjk_words(const char *s, int n, char *inword)
{
	pthread_mutex_lock(&fr_mu);
	if (!fr_state) {
		const char *ini = "/etc/friso/friso.ini";
		FILE *f = fopen(ini, "r");
		fr_state = -1;
		if (f) {
			fclose(f);
			fr = friso_new();
			fr_cfg = friso_new_config();
			if (friso_init_from_ifile(fr, fr_cfg, (char *)ini) == 1) fr_state = 1;
		}
		if (fr_state < 0) log_debug("render", "no friso dictionary: Chinese subtitle lines may break inside words");
	}
	if (fr_state > 0) {
		char *t = xstrndup(s, (size_t)n);
		friso_task_t task = friso_new_task();
		friso_set_text(task, t);
		while (fr_cfg->next_token(fr, fr_cfg, task) != NULL) {
			int a = task->token->offset, b = a + (int)task->token->length;   /* rlen overcounts punctuation */
			if (a < 0 || b > n) continue;
			for (int i = next_i(s, a); i < b; i = next_i(s, i)) inword[i] = 1;
		}
		friso_free_task(task);
		free(t);
	}
	pthread_mutex_unlock(&fr_mu);
}

/* The text with its break opportunities and prefix costs. */
struct tinfo {
	const char *s; int n;
	char *inword;            /* per byte: a break there splits a Chinese word */
	int *op; int n_op;       /* bytes where a line may start, ascending, in (0, n) */
	double *pre;             /* pre[i]: cost of bytes [0, i) (at character starts) */
	const struct rsub_limits *lim;
};

static int allowed(const char *s, int n, int p)
{
	int q = p;
	while (q < n && is_space(cp_at(s, q))) q = next_i(s, q);
	if (q >= n || rsub_closing(cp_at(s, q))) return 0;
	int r = p, at;
	unsigned u;
	while ((u = cp_before(s, r, &at)) && is_space(u)) r = at;
	return r > 0 && !rsub_opening(u);
}

/* loose: every character boundary (a text with too few opportunities); words: find the
 * Chinese words even in a text that fits one line. */
static void tinfo_init(struct tinfo *t, const char *s, const struct rsub_limits *lim, int loose, int words)
{
	memset(t, 0, sizeof *t);
	t->s = s;
	t->n = (int)strlen(s);
	t->lim = lim;
	int nch = (int)g_utf8_strlen(s, t->n);
	t->op = xcalloc((size_t)nch + 1, sizeof *t->op);
	t->pre = xcalloc((size_t)t->n + 1, sizeof *t->pre);
	PangoLogAttr *at = xcalloc((size_t)nch + 1, sizeof *at);
	int cjk = 0;
	for (int i = 0; i < t->n; i = next_i(s, i)) cjk |= g_unichar_iswide(cp_at(s, i));
	t->inword = xcalloc((size_t)t->n + 1, 1);
	char *inname = xcalloc((size_t)t->n + 1, 1);
	for (int k = 0; k < lim->n_keep; k++) {
		const char *w = lim->keep[k];
		size_t wl = w ? strlen(w) : 0;
		for (const char *q = wl ? strstr(s, w) : NULL; q; q = strstr(q + 1, w))
			for (int i = next_i(s, (int)(q - s)); i < (int)(q - s) + (int)wl; i = next_i(s, i)) inname[i] = 1;
	}
	if (g_utf8_validate(s, t->n, NULL))
		pango_get_log_attrs(s, t->n, -1, pango_language_from_string(cjk ? "zh-cn" : "en"), at, nch + 1);
	int k = 0;
	double c = 0;
	for (int i = 0; i < t->n; k++) {
		if (i > 0 && (at[k].is_line_break || loose) && (loose || !inname[i]) && allowed(s, t->n, i)) t->op[t->n_op++] = i;
		int j = next_i(s, i);
		c += g_unichar_iswide(cp_at(s, i)) ? 1 / lim->cjk : 1 / lim->latin;
		for (int m = i + 1; m <= j && m <= t->n; m++) t->pre[m] = c;
		i = j;
	}
	free(at);
	free(inname);
	if (cjk && (words || t->pre[t->n] > 1)) cjk_words(s, t->n, t->inword);   /* a text that breaks */
}

static void tinfo_free(struct tinfo *t)
{
	free(t->inword);
	free(t->op);
	free(t->pre);
}

static double tcost(const struct tinfo *t, int a, int b)
{
	trim(t->s, &a, &b);
	return t->pre[b] - t->pre[a];
}

/* 2 after a sentence's end (。！？ . ! ? …), 1 after other phrase punctuation, else 0. */
static int phrase_end(const struct tinfo *t, int p)
{
	int at;
	unsigned u;
	while ((u = cp_before(t->s, p, &at)) && (is_space(u) || rsub_closing(u)) && !phrase_punct(u)) p = at;
	if (!u || !phrase_punct(u)) return 0;
	return u == '.' || u == '!' || u == '?' || u == 0x3002 || u == 0xFF01 || u == 0xFF1F || u == 0x2026 ? 2 : 1;
}

#define EPS 1e-9
#define NOT_PUNCT 0.25     /* a break that is not after punctuation counts as this much imbalance */
#define IN_WORD 0.3        /* and one inside a Chinese word this much more */

/* The best break of [a, b) into two lines: *brk, returns its score (imbalance plus the
 * penalty for a break not after punctuation); *good = balanced within RSUB_BALANCE.
 * DBL_MAX when no break gives two lines that fit without orphans. */
static double best2(const struct tinfo *t, int a, int b, int *brk, int *good)
{
	double best = DBL_MAX;
	*good = 0;
	*brk = -1;
	for (int k = 0; k < t->n_op; k++) {
		int p = t->op[k];
		if (p <= a || p >= b) continue;
		int a1 = a, b1 = p, a2 = p, b2 = b;
		trim(t->s, &a1, &b1);
		trim(t->s, &a2, &b2);
		if (b1 <= a1 || b2 <= a2) continue;
		double c1 = t->pre[b1] - t->pre[a1], c2 = t->pre[b2] - t->pre[a2];
		if (c1 > 1 + EPS || c2 > 1 + EPS || rsub_orphan(t->s, a1, b1) || rsub_orphan(t->s, a2, b2)) continue;
		double imb = fabs(c1 - c2) / fmax(c1, c2);
		int g = imb <= RSUB_BALANCE + EPS;
		double sc = imb + (phrase_end(t, p) ? 0 : NOT_PUNCT) + (t->inword[p] ? IN_WORD : 0);
		if ((g && !*good) || (g == *good && sc < best)) {
			best = sc;
			*brk = p;
			*good = g;
		}
	}
	return best;
}

/* A part [a, b): 0 when it fits on one line, the two-line score, or DBL_MAX (does not
 * fit; strict: unless balanced). */
static double part_score(const struct tinfo *t, int a, int b, int strict, int *brk)
{
	*brk = -1;
	if (tcost(t, a, b) <= 1 + EPS) return 0;
	int good;
	double sc = best2(t, a, b, brk, &good);
	return strict && !good ? DBL_MAX : sc;
}

/* Cut [0, n) into parts: fewest parts first, then breaks at phrase ends, balanced lines.
 * Fills cut[] (part starts, then n) and returns the number of parts, 0 when impossible. */
static int plan_cuts(const struct tinfo *t, int strict, int *cut)
{
	int m = t->n_op + 2;
	int *pos = xcalloc((size_t)m, sizeof *pos), *from = xcalloc((size_t)m, sizeof *from);
	double *dp = xcalloc((size_t)m, sizeof *dp);
	pos[0] = 0;
	memcpy(pos + 1, t->op, (size_t)t->n_op * sizeof *pos);
	pos[m - 1] = t->n;
	for (int j = 1; j < m; j++) dp[j] = DBL_MAX;
	for (int i = 0; i < m - 1; i++) {
		if (dp[i] == DBL_MAX) continue;
		for (int j = i + 1; j < m; j++) {
			double c = tcost(t, pos[i], pos[j]);
			if (c > 2 + EPS) break;
			int brk;
			double sc = part_score(t, pos[i], pos[j], strict, &brk);
			if (sc == DBL_MAX) continue;
			/* a cut in time after a sentence is free, after a comma costs a little */
			int pe = j < m - 1 ? phrase_end(t, pos[j]) : 2;
			double v = dp[i] + 10 + sc + (pe == 2 ? 0 : pe == 1 ? 0.5 : 3) + (c < 0.3 ? 2 : 0) + (t->inword[pos[j]] ? 2 : 0);
			if (v < dp[j]) { dp[j] = v; from[j] = i; }
		}
	}
	int np = 0;
	if (dp[m - 1] < DBL_MAX) {
		for (int j = m - 1; j > 0; j = from[j]) np++;
		int k = np;
		cut[k] = t->n;
		for (int j = m - 1; j > 0; j = from[j]) cut[--k] = pos[from[j]];
	}
	free(pos);
	free(from);
	free(dp);
	return np;
}

static char *dup_range(const char *s, int a, int b) { return xstrndup(s + a, (size_t)(b - a)); }

int rsub_plan_make(const char *text, const struct rsub_limits *lim, const int *word_byte, const double *word_at,
                   int n_words, double len, struct rsub_plan *out)
{
	memset(out, 0, sizeof *out);
	const char *s = text ? text : "";
	struct tinfo t;
	int *cut = NULL, np = 0;
	/* strict (balanced) at the text's opportunities; then any fit; then at any character */
	for (int pass = 0; pass < 3 && !np; pass++) {
		if (pass != 1) {
			if (pass) tinfo_free(&t);
			tinfo_init(&t, s, lim, pass == 2, 0);
			free(cut);
			cut = xcalloc((size_t)t.n_op + 3, sizeof *cut);
		}
		np = plan_cuts(&t, pass == 0, cut);
	}
	if (!np) {        /* one unbreakable run: show it as it is */
		np = 1;
		cut[0] = 0;
		cut[1] = t.n;
	}
	out->parts = xcalloc((size_t)np, sizeof *out->parts);
	out->n = np;
	double total = t.pre[t.n] > 0 ? t.pre[t.n] : 1;
	for (int i = 0; i < np; i++) {
		struct rsub_part *pt = &out->parts[i];
		int a = cut[i], b = cut[i + 1], brk;
		pt->a = a;
		pt->b = b;
		part_score(&t, a, b, 0, &brk);
		int ends[3] = { a, brk, b };
		pt->n_lines = brk > a && brk < b ? 2 : 1;
		for (int l = 0; l < pt->n_lines; l++) {
			int la = ends[l], lb = l + 1 < pt->n_lines ? ends[l + 1] : b;
			trim(s, &la, &lb);
			pt->line_a[l] = la;
			pt->line_b[l] = lb;
			pt->line[l] = dup_range(s, la, lb);
		}
		/* when it shows: its first spoken word's start, else its share of the text */
		double at = i ? len * (t.pre[a] / total) : 0;
		for (int w = 0; i && w < n_words; w++)
			if (word_byte[w] >= a) {
				if (word_byte[w] < b) at = word_at[w];
				break;
			}
		if (i && at < out->parts[i - 1].at) at = out->parts[i - 1].at;
		pt->at = at;
	}
	free(cut);
	tinfo_free(&t);
	return 0;
}

void rsub_plan_free(struct rsub_plan *pl)
{
	for (int i = 0; pl->parts && i < pl->n; i++) {
		free(pl->parts[i].line[0]);
		free(pl->parts[i].line[1]);
	}
	free(pl->parts);
	memset(pl, 0, sizeof *pl);
}

char *rsub_part_text(const char *text, const struct rsub_part *pt, int **map)
{
	struct sbuf b = { 0 };
	int n = (int)strlen(text);
	if (map) {
		*map = xcalloc((size_t)n + 1, sizeof **map);
		for (int i = 0; i <= n; i++) (*map)[i] = -1;
	}
	for (int l = 0; l < pt->n_lines; l++) {
		if (l) sb_add(&b, "\n");
		if (map)
			for (int i = pt->line_a[l]; i <= pt->line_b[l]; i++) (*map)[i] = (int)b.len + i - pt->line_a[l];
		sb_addn(&b, text + pt->line_a[l], (size_t)(pt->line_b[l] - pt->line_a[l]));
	}
	return b.s ? b.s : xstrdup("");
}

double rsub_break_n(const char *s, int n, rsub_width_fn width, void *ctx, int *starts, int *ends)
{
	static const struct rsub_limits lim = RSUB_LIMITS_INIT;
	struct tinfo t;
	tinfo_init(&t, s, &lim, 0, 1);
	int m = t.n_op + 2;
	if (n < 1 || n > m - 1) {
		tinfo_free(&t);
		return -1;
	}
	int *pos = xcalloc((size_t)m, sizeof *pos);
	pos[0] = 0;
	memcpy(pos + 1, t.op, (size_t)t.n_op * sizeof *pos);
	pos[m - 1] = t.n;
	/* w[i*m+j]: the line from pos[i] to pos[j] (measured lazily); cube-sum DP over lines */
	double *w = xcalloc((size_t)m * m, sizeof *w), *dp = xcalloc((size_t)(n + 1) * m, sizeof *dp);
	int *from = xcalloc((size_t)(n + 1) * m, sizeof *from);
	for (size_t i = 0; i < (size_t)m * m; i++) w[i] = -1;
	for (size_t i = 0; i < (size_t)(n + 1) * m; i++) dp[i] = DBL_MAX;
	dp[0] = 0;
	for (int k = 1; k <= n; k++)
		for (int j = 1; j < m; j++)
			for (int i = 0; i < j; i++) {
				if (dp[(k - 1) * m + i] == DBL_MAX) continue;
				double *wij = &w[i * m + j];
				int a = pos[i], b = pos[j];
				trim(s, &a, &b);
				if (*wij < 0) *wij = b > a ? width(s, a, b, ctx) : 0;
				double pen = b <= a ? 1e12 : n > 1 && rsub_orphan(s, a, b) ? 1e9 : 0;
				double v = dp[(k - 1) * m + i] + pow(*wij, 3) * (i && t.inword[pos[i]] ? 1.5 : 1) + pen;
				if (v < dp[k * m + j]) { dp[k * m + j] = v; from[k * m + j] = i; }
			}
	double widest = 0;
	int j = m - 1;
	for (int k = n; k >= 1; k--) {
		int i = from[k * m + j], a = pos[i], b = pos[j];
		trim(s, &a, &b);
		starts[k - 1] = a;
		ends[k - 1] = b;
		widest = fmax(widest, w[i * m + j]);
		j = i;
	}
	free(pos);
	free(w);
	free(dp);
	free(from);
	tinfo_free(&t);
	return widest;
}
