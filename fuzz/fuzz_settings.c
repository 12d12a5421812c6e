/* fuzz/fuzz_settings.c — drama.json: the project settings (settings_load) and the AI
 * services read from the same file (ai_config_load). Settings that load save back into
 * the same file (unknown keys kept, as project_save does) and load to the same values;
 * a second save gives the same bytes. */
#include "fuzz/fuzz.h"
#include "core/model.h"
#include "core/util.h"
#include "net/net.h"

#include <stdlib.h>
#include <string.h>

static int same(const struct settings *a, const struct settings *b)
{
	return a->width == b->width && a->height == b->height && a->fps == b->fps && a->minutes == b->minutes &&
	       a->episodes == b->episodes && a->seed == b->seed && a->crf == b->crf && !strcmp(a->lang, b->lang) &&
	       !strcmp(a->preset, b->preset) && !strcmp(a->art, b->art) && !strcmp(a->voice, b->voice) &&
	       !strcmp(a->music, b->music) && !strcmp(a->story, b->story) && !strcmp(a->music_dir, b->music_dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	char *dir = fuzz_path("project"), *xdg = fuzz_path("no-user-config");
	setenv("XDG_CONFIG_HOME", xdg, 1);          /* only the fuzzed file, never the user's */
	mkdir_p(dir);
	char *path = path_join(dir, "drama.json");
	fuzz_write(path, data, size);
	struct ai_config c;
	ai_config_load(dir, &c);
	ai_config_free(&c);
	struct settings st, back;
	if (settings_load(path, &st) == 0) {
		fuzz_accepts++;
		char *first = NULL, *second = NULL;
		size_t n1, n2;
		if (settings_save(&st, path) < 0) fuzz_fail("accepted settings cannot be saved: %s", err_msg());
		if (settings_load(path, &back) < 0) fuzz_fail("saved drama.json does not load: %s", err_msg());
		if (!same(&st, &back)) fuzz_fail("settings change on save and load");
		if (file_read_all(path, &first, &n1) < 0 || settings_save(&back, path) < 0 || file_read_all(path, &second, &n2) < 0)
			fuzz_fail("cannot save drama.json again: %s", err_msg());
		if (n1 != n2 || memcmp(first, second, n1)) fuzz_fail("save, load, save gives a different drama.json");
		ai_config_load(dir, &c);                /* the AI services read the saved file too */
		ai_config_free(&c);
		free(first);
		free(second);
	}
	remove(path);
	free(path);
	free(dir);
	free(xdg);
	return 0;
}
