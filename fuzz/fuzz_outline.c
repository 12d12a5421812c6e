/* fuzz/fuzz_outline.c — the outline import (one beat per line) with arbitrary bytes: a
 * storyboard that validates and saves and reloads to the same storyboard.json, or a
 * clear error. */
#include "fuzz/fuzz.h"
#include "story/story.h"
#include "core/model.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	size_t n;
	char *text = fuzz_text_at_door(data, size, &n);
	struct story_opts o = { .minutes = 1, .seed = 1, .episodes = 1 };
	struct series *s = NULL;
	if (story_from_outline(text, &o, &s) == 0) fuzz_import_check(s);
	series_free(s);
	free(text);
	return 0;
}
