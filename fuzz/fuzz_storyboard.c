/* fuzz/fuzz_storyboard.c — storyboard.json load (series_load: JSON, fields, validation,
 * the file:line:column of a fault): whatever loads saves and reloads to the same bytes. */
#include "fuzz/fuzz.h"
#include "core/model.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	char *path = fuzz_path("storyboard.json");
	fuzz_write(path, data, size);
	struct series *s = NULL;
	if (series_load(path, &s) == 0) fuzz_import_check(s);
	series_free(s);
	free(path);
	return 0;
}
