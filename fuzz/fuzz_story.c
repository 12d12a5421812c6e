/* fuzz/fuzz_story.c — fuzzes the Fountain parser, the screenplay import/export round
 * trip and the novel import with arbitrary bytes. Every input must end in a storyboard
 * that validates or a clear error: no crash, no hang, no leak, no undefined behaviour;
 * and a storyboard's screenplay must import again and export to the same text (a fixed
 * point), so nothing in the export is misread by the parser.
 *
 * libFuzzer (clang), from the repository root:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc $(pkg-config --cflags jansson) \
 *     fuzz/fuzz_story.c src/story/fountain_*.c src/story/novel*.c src/story/story.c \
 *     src/core/util.c src/core/model.c src/core/model_json.c src/core/validate.c src/core/project.c \
 *     -DFUZZ_STUBS $(pkg-config --libs jansson libavutil) -lm -pthread -o build/fuzz_story
 *   mkdir -p build/fuzz-corpus && cp ../shared/examples/short.fountain ../shared/examples/story_en.txt ../shared/examples/story_zh.txt build/fuzz-corpus/
 *   DRAMA_DATA=$PWD/data ./build/fuzz_story -max_total_time=180 -max_len=8192 -timeout=5 build/fuzz-corpus
 *
 * Without libFuzzer, the same file builds a random-mutation driver (-DFUZZ_DRIVER with
 * gcc and -fsanitize=address,undefined instead of fuzzer): ./fuzz_story SECONDS FILE...
 * mutates the given files (byte flips, inserted Fountain/quote tokens, splices) and runs
 * each result through the same checks.
 */
#include "story/story.h"
#include "story/fountain.h"
#include "core/util.h"
#include "core/model.h"

#include <stdlib.h>
#include <string.h>

#ifdef FUZZ_STUBS
/* The engine (keywords, outline) is not under test here. */
int story_from_keywords(const char *k, const struct story_opts *o, struct series **out) { (void)k; (void)o; *out = NULL; return ERR_GENERIC; }
int story_from_outline(const char *t, const struct story_opts *o, struct series **out) { (void)t; (void)o; *out = NULL; return ERR_GENERIC; }
#endif

/* Keep the input that failed (libFuzzer keeps its own crash-* files too). */
static void save_failure(const unsigned char *data, size_t size)
{
	FILE *f = fopen("fuzz-failure.bin", "wb");
	if (f) { fwrite(data, 1, size, f); fclose(f); fprintf(stderr, "input saved to fuzz-failure.bin\n"); }
}

static void check_valid(const struct series *s)
{
	struct diags d = { 0 };
	if (series_validate(s, &d)) {
		fprintf(stderr, "invalid storyboard: %s: %s\n", d.v[0].path, d.v[0].msg);
		abort();
	}
	diags_free(&d);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = 0;
	struct ft_doc d;
	if (fountain_parse(text, size, "fuzz.fountain", &d) == 0) {
		for (size_t i = 0; i < d.n; i++) {
			char *p = fountain_plain(d.v[i].text);
			free(p);
		}
		fountain_doc_free(&d);
	}
	struct story_opts o = { .minutes = 1, .seed = 1 };
	struct series *s = NULL;
	if (story_from_fountain(text, size, "fuzz.fountain", &o, &s) == 0) {
		check_valid(s);
		struct sbuf f = { 0 };
		if (story_to_fountain(s, &f) == 0) {
			struct series *back = NULL;
			if (story_from_fountain(f.s, f.len, "export.fountain", &o, &back) < 0) {
				fprintf(stderr, "export does not import: %s\n", err_msg());
				save_failure(data, size);
				abort();
			}
			check_valid(back);
			/* the export of what came back is the same screenplay (a fixed point) */
			struct sbuf f2 = { 0 };
			if (story_to_fountain(back, &f2) == 0 && strcmp(f.s, f2.s)) {
				FILE *a = fopen("fuzz-export1.fountain", "w"), *b = fopen("fuzz-export2.fountain", "w");
				if (a) { fputs(f.s, a); fclose(a); }
				if (b) { fputs(f2.s, b); fclose(b); }
				fprintf(stderr, "export is not a fixed point: diff fuzz-export1.fountain fuzz-export2.fountain\n");
				save_failure(data, size);
				abort();
			}
			sb_free(&f2);
			series_free(back);
		}
		sb_free(&f);
		series_free(s);
	}
	if (story_from_novel(text, &o, &s) == 0) {
		check_valid(s);
		series_free(s);
	}
	free(text);
	return 0;
}

#ifdef FUZZ_DRIVER
static const char *const tokens[] = { "\n\n", "\"", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE3\x80\x8C", "\xE3\x80\x8D",
	"[[", "]]", "/*", "*/", "INT. ", "EXT. ", "\n\nBOB\n", "(V.O.)", "^", "> ", " <", "***", "#", "=", "~", "!", "@",
	"said", "说", "：", "The next morning ", "第二天", "CUT TO:", "*", "_", "\\", "\r\n", "\t", "\xEF\xBB\xBF",
	"\xFF", "\xC3", "[[drama: shot type=wide actor=\"X\"]]", "[[drama: scene location=\"\"]]", "\n\n# Episode 2\n\n" };

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 60;
	struct sbuf seeds[16];
	int ns = 0;
	for (int i = 2; i < argc && ns < 16; i++) {
		char *t;
		size_t n;
		if (file_read_all(argv[i], &t, &n) == 0) { seeds[ns] = (struct sbuf){ t, n, n + 1 }; ns++; }
	}
	if (!ns) { seeds[0] = (struct sbuf){ xstrdup("INT. A - DAY\n\nBOB\nHi.\n"), 23, 24 }; ns = 1; }
	struct rng r;
	rng_seed(&r, 42);
	double t0 = now_sec();
	long runs = 0;
	log_set_level(LOG_ERROR);
	while (now_sec() - t0 < secs) {
		const struct sbuf *src = &seeds[rng_range(&r, 0, ns - 1)];
		struct sbuf b = { 0 };
		sb_addn(&b, src->s, src->len);
		int muts = rng_range(&r, 1, 8);
		for (int m = 0; m < muts && b.len; m++) {
			size_t at = (size_t)rng_range(&r, 0, (int)b.len - 1);
			switch (rng_range(&r, 0, 3)) {
			case 0: b.s[at] = (char)rng_range(&r, 1, 255); break;
			case 1: {   /* insert a token */
				const char *tk = tokens[rng_range(&r, 0, (int)ARRAY_LEN(tokens) - 1)];
				struct sbuf c = { 0 };
				sb_addn(&c, b.s, at);
				sb_add(&c, tk);
				sb_addn(&c, b.s + at, b.len - at);
				sb_free(&b);
				b = c;
				break;
			}
			case 2: {   /* delete a span */
				size_t n = (size_t)rng_range(&r, 1, 40);
				if (at + n > b.len) n = b.len - at;
				memmove(b.s + at, b.s + at + n, b.len - at - n + 1);
				b.len -= n;
				break;
			}
			default: {  /* splice in a piece of another seed */
				const struct sbuf *o2 = &seeds[rng_range(&r, 0, ns - 1)];
				size_t from = (size_t)rng_range(&r, 0, (int)o2->len - 1), n = (size_t)rng_range(&r, 1, 200);
				if (from + n > o2->len) n = o2->len - from;
				struct sbuf c = { 0 };
				sb_addn(&c, b.s, at);
				sb_addn(&c, o2->s + from, n);
				sb_addn(&c, b.s + at, b.len - at);
				sb_free(&b);
				b = c;
			}
			}
		}
		/* keep an interior NUL sometimes: binary input must be refused cleanly */
		LLVMFuzzerTestOneInput((const unsigned char *)b.s, b.len);
		sb_free(&b);
		runs++;
	}
	fprintf(stderr, "%ld inputs in %.0f s, no failure\n", runs, now_sec() - t0);
	for (int i = 0; i < ns; i++) sb_free(&seeds[i]);
	return 0;
}
#endif
