/* fuzz/fuzz_novel_rank.c — the weights parser of the speaker re-ranking
 * (story/novel_rank.c, nov_rank_parse) with arbitrary bytes, read in place (not NUL
 * terminated, so an over-read shows). Checks: an accepted file has only finite weights
 * within +-1e6 and, written out again as FEATURE<TAB>WEIGHT, parses to the same weights;
 * a refused one has a message that names file:line. */
#include "fuzz/fuzz.h"
#include "story/novel.h"
#include "core/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	char *copy = malloc(size ? size : 1);   /* (exactly size bytes: ASan sees a read past them) */
	if (!copy) abort();
	memcpy(copy, data, size);
	struct nov_rank_w w, back;
	if (nov_rank_parse(copy, size, "fuzz.tsv", &w) < 0) {
		if (!strstr(err_msg(), "fuzz.tsv:")) fuzz_fail("a refused weights file without file:line: %s", err_msg());
		free(copy);
		return 0;
	}
	struct sbuf b = { 0 };
	sb_add(&b, "");
	for (int k = 0; k < NOV_RANK_NF; k++) {
		if (!isfinite(w.w[k]) || fabs(w.w[k]) > 1e6) fuzz_fail("weight %s = %g accepted", nov_rank_feature[k], w.w[k]);
		sb_printf(&b, "%s\t%.17g\n", nov_rank_feature[k], w.w[k]);
	}
	if (nov_rank_parse(b.s, b.len, "again.tsv", &back) < 0) fuzz_fail("the weights written out do not parse: %s", err_msg());
	if (memcmp(w.w, back.w, sizeof w.w)) fuzz_fail("the weights written out parse to other weights");
	fuzz_accepts++;
	sb_free(&b);
	free(copy);
	return 0;
}
