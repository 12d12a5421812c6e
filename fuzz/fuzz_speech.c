/* fuzz/fuzz_speech.c — the speech API's answer (speech_api_synth): a WAV of 16/24/32-bit
 * PCM or float at any rate, resampled to 48 kHz mono, and the timing built from it.
 * What is accepted goes into the voice cache: the WAV must write and read back the same,
 * the timing must save and load the same. The input is the answer ("=====" and an
 * "HTTP <status> <type>" line are understood, see fuzz.h). */
#include "fuzz/fuzz.h"
#include "net/net.h"
#include "voice/voice.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	struct ai_config c = { .tts = { .url = "http://127.0.0.1:9", .model = "kokoro" }, .tts_voice = "af_heart" };
	struct line l = { .text = "Well, hello there! \xe4\xbd\xa0\xe5\xa5\xbd\xe3\x80\x82 Fine day." };
	struct voice_clip clip;
	fuzz_http_serve(data, size, 0);
	if (speech_api_synth(&c, NULL, &l, "en", &clip) == 0) {
		fuzz_accepts++;
		fuzz_wav_roundtrip(clip.pcm, clip.n, VOICE_RATE, 1);
		fuzz_timing_roundtrip(&clip.t);
		voice_clip_free(&clip);
	}
	fuzz_http_end();
	return 0;
}
