/* render/sublayout.h — where subtitle and title text breaks into lines. Break
 * opportunities come from Pango's UAX #14 log attributes (no break before closing
 * punctuation or after opening punctuation, CJK between characters, Latin at spaces);
 * on top of them a balancing pass picks the break that makes the lines even, prefers
 * a break after punctuation, and never leaves one or two characters alone on a line.
 * A cue too long for two lines is split in time at phrase boundaries; each part shows
 * from its first word's start (the voice stage's word timing) or, without timing, from
 * its share of the text.
 *
 *   struct rsub_limits lim = RSUB_LIMITS_INIT;     // 16 CJK or 42 Latin characters a line
 *   struct rsub_plan pl;
 *   rsub_plan_make("叶芊芊，你现在笑吧，最后笑的是我。", &lim, NULL, NULL, 0, 2.4, &pl);
 *   for (int i = 0; i < pl.n; i++) ... pl.parts[i].line[0], pl.parts[i].line[1] (NULL: one line)
 *   rsub_plan_free(&pl);
 */
#ifndef DRAMA_RENDER_SUBLAYOUT_H
#define DRAMA_RENDER_SUBLAYOUT_H

/* Characters a subtitle line holds: cjk wide ones, or latin narrow ones (mixed lines
 * count each kind against its own limit: cjk_chars / cjk + latin_chars / latin <= 1). */
struct rsub_limits {
	double cjk, latin;
	const char *const *keep; int n_keep;   /* names never broken (characters, places); may be NULL */
};
#define RSUB_LIMITS_INIT { 16, 42, NULL, 0 }
#define RSUB_BALANCE 0.30    /* two lines differ in width by at most this share of the wider */

/* One subtitle picture: one or two lines (line[1] NULL for one), bytes [a, b) of the
 * cue's text, shown from `at` seconds after the line's start. line_a/line_b: each
 * line's bytes in the text (trimmed). */
struct rsub_part {
	char *line[2];
	int n_lines;
	int a, b;
	int line_a[2], line_b[2];
	double at;
};
struct rsub_plan { struct rsub_part *parts; int n; };

/* Lay out text (one paragraph; newlines are treated as spaces by the caller) under lim.
 * word_byte/word_at: the spoken words' start bytes in text and start times (seconds,
 * ascending), n_words of them (0: parts are timed by their share of len seconds).
 * Returns 0 (always at least one part; an empty text gives one empty line); caller
 * frees with rsub_plan_free. */
int rsub_plan_make(const char *text, const struct rsub_limits *lim, const int *word_byte, const double *word_at,
                   int n_words, double len, struct rsub_plan *out);
void rsub_plan_free(struct rsub_plan *pl);      /* NULL fields ok */
/* The part's text as drawn: its lines joined by '\n'; caller frees. *map (may be NULL)
 * gets a malloc'd table: byte i of the cue's text -> byte in the drawn text, or -1. */
char *rsub_part_text(const char *text, const struct rsub_part *pt, int **map);

/* Width of bytes [a, b) of s in lines of the limit (1.0 = a full line). */
double rsub_cost(const char *s, int a, int b, const struct rsub_limits *lim);
/* 1 when the line [a, b) of s is an orphan: two or fewer letters/hanzi. */
int rsub_orphan(const char *s, int a, int b);
/* 1 when code point u may not start a line (closing punctuation: ，。！？）」 , . ! ? ...)
 * or, for rsub_opening, may not end one (（「《“ ...). */
int rsub_closing(unsigned u);
int rsub_opening(unsigned u);

/* Break s into exactly n lines (n >= 1) at break opportunities so that the widest line,
 * as measured by width(s, a, b, ctx) on trimmed lines, is as narrow as possible, without
 * orphans where there is a choice. starts[0..n-1] / ends[0..n-1] get each line's bytes.
 * Returns the widest line's width, or <0 when s has fewer than n-1 break opportunities. */
typedef double (*rsub_width_fn)(const char *s, int a, int b, void *ctx);
double rsub_break_n(const char *s, int n, rsub_width_fn width, void *ctx, int *starts, int *ends);

#endif
