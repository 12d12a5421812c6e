/* fuzz/fuzz_wav.c — the WAV reader of the audio cache (wav_read): whatever reads writes
 * and reads back to the same samples, rate and channels, and the same bytes. */
#include "fuzz/fuzz.h"
#include "core/wav.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	char *path = fuzz_path("input.wav");
	fuzz_write(path, data, size);
	int16_t *pcm = NULL;
	size_t frames = 0;
	int rate = 0, ch = 0;
	if (wav_read(path, &pcm, &frames, &rate, &ch) == 0) {
		fuzz_accepts++;
		fuzz_wav_roundtrip(pcm, frames, rate, ch);
	}
	free(pcm);
	free(path);
	return 0;
}
