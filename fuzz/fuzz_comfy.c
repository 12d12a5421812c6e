/* fuzz/fuzz_comfy.c — ComfyUI's answers (comfy_run): POST /prompt (prompt_id or
 * node_errors), the GET /history polls (status, messages, outputs) and the /view bytes.
 * Answers are served from the input ("=====" between them, see fuzz.h). The file
 * extension taken from the output's name becomes part of a cache path kept in the
 * storyboard: it must be a plain extension. */
#include "fuzz/fuzz.h"
#include "net/net_internal.h"

#include <ctype.h>
#include <stdlib.h>

static const char WORKFLOW[] =
	"{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 1, \"model\": [\"4\", 0]}},"
	" \"4\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": \"x.safetensors\"}},"
	" \"9\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"3\", 0]}}}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	struct ai_config c = { .comfyui = { .url = "http://127.0.0.1:9" }, .comfy_poll = 1e-6 };
	json_t *wf = json_loads(WORKFLOW, 0, NULL);
	struct sbuf out;
	char ext[8] = "png";
	fuzz_http_serve(data, size, 0);
	if (comfy_run(&c, wf, 1e9, &out, ext) == 0) {
		fuzz_accepts++;
		for (const char *e = ext; *e; e++)
			if (!isalnum((unsigned char)*e)) fuzz_fail("ComfyUI output extension \"%s\" would make the cache path unsafe", ext);
	}
	sb_free(&out);
	fuzz_http_end();
	json_decref(wf);
	return 0;
}
