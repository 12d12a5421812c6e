/* fuzz/fuzz_detect.c — `drama script --from FILE`: the format detection that sends a
 * file to the Fountain, outline, novel or storyboard.json reader. The first byte picks
 * the file's extension (.txt .md .fountain .json), the rest is the file. Whatever is
 * accepted validates and saves and reloads to the same storyboard.json. */
#include "fuzz/fuzz.h"
#include "story/story.h"
#include "core/model.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ext[] = { "txt", "md", "fountain", "json" };
	fuzz_init();
	if (!size) return 0;
	char name[32];
	snprintf(name, sizeof name, "input.%s", ext[data[0] % 4]);
	char *path = fuzz_path(name);
	fuzz_write(path, data + 1, size - 1);
	struct story_opts o = { .minutes = 1, .seed = 1, .episodes = 1 };
	struct series *s = NULL;
	if (story_from_file(path, &o, &s) == 0) fuzz_import_check(s);
	series_free(s);
	remove(path);
	free(path);
	return 0;
}
