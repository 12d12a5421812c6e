/* fuzz/fuzz_llm_chat.c — the LLM server's answer to /v1/chat/completions (llm_chat):
 * plain JSON or an SSE stream, error bodies, the 400 "no json_schema" retry; then the
 * JSON object taken out of the reply text (llm_extract_json) must dump and load to the
 * same JSON. Answers are served from the input (see fuzz.h: "=====" between answers,
 * an optional "HTTP <status> <content-type>" first line). */
#include "fuzz/fuzz.h"
#include "net/net.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	struct ai_config c = { .llm = { .url = "http://127.0.0.1:9/v1", .model = "m" }, .temperature = 0.8, .top_p = 0.95,
	                       .seed = 1, .stream = 1 };
	json_t *msgs = json_pack("[{s:s, s:s}]", "role", "user", "content", "write");
	json_t *schema = json_pack("{s:s, s:i}", "type", "object", "x-expect-chars", 100);
	char *content = NULL;
	fuzz_http_serve(data, size, 0);
	if (llm_chat(&c, msgs, schema, "answer", 0, 0, &content) == 0) {
		fuzz_accepts++;
		if (!content || !*content) fuzz_fail("llm_chat accepted an empty answer");
		json_t *j = llm_extract_json(content);
		if (j) fuzz_json_roundtrip(j, "the JSON in an LLM answer");
		json_decref(j);
	}
	fuzz_http_end();
	free(content);
	json_decref(msgs);
	json_decref(schema);
	return 0;
}
