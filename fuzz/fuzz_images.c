/* fuzz/fuzz_images.c — the images API's answer (images_api_generate): data[0].b64_json
 * (base64) or data[0].url (then a second answer is the image), error bodies; what is
 * accepted is a PNG. Answers are served from the input ("=====" between them). */
#include "fuzz/fuzz.h"
#include "net/net_internal.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	struct ai_config c = { .images = { .url = "http://127.0.0.1:9", .model = "m" } };
	struct sbuf png;
	fuzz_http_serve(data, size, 0);
	if (images_api_generate(&c, "a prince in a tea shop", 7, "1024x1536", &png) == 0) {
		fuzz_accepts++;
		if (png.len < 8 || memcmp(png.s, "\x89PNG", 4)) fuzz_fail("the images API answer was accepted without a PNG");
	}
	sb_free(&png);
	fuzz_http_end();
	return 0;
}
