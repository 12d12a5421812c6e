/* fuzz/replay.c — main() for a fuzz target without libFuzzer (gcc, `make test`): run the
 * target's entry point once on every file given, or every file in a folder given.
 *
 *   build/fuzz/replay_wav fuzz/corpus/wav      # "replay: 4 inputs, 4 accepted" and exit 0
 *
 * A failed check aborts (non-zero exit) after "fuzz: ..." and "replay: FILE" on stderr. */
#include "fuzz/fuzz.h"
#include "core/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static long run_file(const char *path)
{
	char *d;
	size_t n;
	if (file_read_all(path, &d, &n) < 0) { fprintf(stderr, "replay: %s\n", err_msg()); exit(2); }
	fprintf(stderr, "replay: %s\n", path);
	LLVMFuzzerTestOneInput((const uint8_t *)d, n);
	free(d);
	return 1;
}

static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

int main(int argc, char **argv)
{
	long runs = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) < 0) { fprintf(stderr, "replay: %s: no such file or folder\n", argv[i]); return 2; }
		if (!S_ISDIR(st.st_mode)) { runs += run_file(argv[i]); continue; }
		struct dirent **ents;
		int n = scandir(argv[i], &ents, NULL, by_name);
		for (int k = 0; k < n; k++) {
			char *p = path_join(argv[i], ents[k]->d_name);
			if (ents[k]->d_name[0] != '.' && stat(p, &st) == 0 && S_ISREG(st.st_mode)) runs += run_file(p);
			free(p);
			free(ents[k]);
		}
		free(ents);
	}
	printf("replay: %ld inputs, %ld accepted\n", runs, fuzz_accepts);
	return 0;
}
