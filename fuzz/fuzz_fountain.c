/* fuzz/fuzz_fountain.c — the Fountain screenplay import with arbitrary bytes: every
 * input ends in a storyboard that validates, saves and reloads to the same
 * storyboard.json, or in a clear error; and the storyboard's own screenplay export
 * imports again and exports to the same text (a fixed point), so nothing in the export
 * is misread by the parser. Build and run: see fuzz/README. */
#include "fuzz/fuzz.h"
#include "story/story.h"
#include "story/fountain.h"
#include "core/util.h"
#include "core/model.h"

#include <stdlib.h>
#include <string.h>

static void check_export(const struct series *s, const struct story_opts *o)
{
	struct sbuf f = { 0 }, f2 = { 0 };
	struct series *back = NULL;
	if (story_to_fountain(s, &f) < 0) goto end;
	if (story_from_fountain(f.s, f.len, "export.fountain", o, &back) < 0)
		fuzz_fail("the screenplay export does not import: %s", err_msg());
	struct diags d = { 0 };
	if (series_validate(back, &d)) fuzz_fail("the export imports to a storyboard that does not validate: %s: %s", d.v[0].path, d.v[0].msg);
	if (story_to_fountain(back, &f2) == 0 && strcmp(f.s, f2.s)) {
		char *a = fuzz_path("export1.fountain"), *b = fuzz_path("export2.fountain");
		fuzz_write(a, f.s, f.len);
		fuzz_write(b, f2.s, f2.len);
		fuzz_fail("the screenplay export is not a fixed point: diff %s %s", a, b);
	}
end:
	sb_free(&f);
	sb_free(&f2);
	series_free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	size_t n;
	char *text = fuzz_text_at_door(data, size, &n);
	struct ft_doc d;
	if (fountain_parse(text, n, "fuzz.fountain", &d) == 0) {
		for (size_t i = 0; i < d.n; i++) free(fountain_plain(d.v[i].text));
		fountain_doc_free(&d);
	}
	struct story_opts o = { .minutes = 1, .seed = 1 };
	struct series *s = NULL;
	if (story_from_fountain(text, n, "fuzz.fountain", &o, &s) == 0) {
		fuzz_import_check(s);
		check_export(s, &o);
	}
	series_free(s);
	free(text);
	return 0;
}
