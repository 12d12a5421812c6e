/* fuzz/fuzz_timing.c — the voice cache's timing JSON (voice_timing_load): whatever
 * loads saves and loads to the same phonemes, visemes and words, and the same bytes. */
#include "fuzz/fuzz.h"
#include "voice/voice.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	char *path = fuzz_path("timing.json");
	fuzz_write(path, data, size);
	struct voice_timing t;
	if (voice_timing_load(path, &t) == 0) {
		fuzz_accepts++;
		(void)voice_viseme_at(&t, t.duration / 2);
		fuzz_timing_roundtrip(&t);
		voice_timing_free(&t);
	}
	free(path);
	return 0;
}
