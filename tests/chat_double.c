/* tests/chat_double.c — answers of the OpenAI-compatible chat stand-in (see chat_double.h). */
#include "chat_double.h"
#include "core/util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ---- OpenAI-compatible answers ---- */
char *chat_sse_answer(const char *content, int pieces)
{
	struct sbuf b = { 0 };
	size_t n = strlen(content), step = n / (size_t)pieces + 1;
	for (size_t i = 0; i < n; i += step) {
		json_t *d = json_pack("{s:[{s:i, s:{s:s%}, s:n}]}", "choices", "index", 0, "delta", "content",
		                      content + i, n - i < step ? n - i : step, "finish_reason");
		char *t = json_dumps(d, JSON_COMPACT);
		sb_printf(&b, "data: %s\n\n", t);
		free(t);
		json_decref(d);
	}
	sb_add(&b, "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
	sb_add(&b, "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":45,\"total_tokens\":165}}\n\n");
	sb_add(&b, "data: [DONE]\n\n");
	return b.s;
}

char *chat_json_answer(const char *content)
{
	json_t *j = json_pack("{s:s, s:[{s:i, s:{s:s, s:s}, s:s}], s:{s:i, s:i}}", "object", "chat.completion", "choices",
	                      "index", 0, "message", "role", "assistant", "content", content, "finish_reason", "stop",
	                      "usage", "prompt_tokens", 10, "completion_tokens", 5);
	char *t = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return t;
}

/* A valid series bible (one episode, two scenes) and a valid scene for it. */
const char *const CHAT_BIBLE =
	"{\"title\":\"The Tea Prince\",\"logline\":\"A prince falls through time into a milk tea shop.\",\"era\":\"mixed\","
	"\"genres\":[\"time-travel\",\"romance\"],"
	"\"characters\":[{\"name\":\"Xia\",\"role\":\"shop owner\",\"gender\":\"female\",\"age\":24,\"personality\":\"stubborn\",\"description\":\"ponytail, green apron\"},"
	"{\"name\":\"Rui\",\"role\":\"prince\",\"gender\":\"male\",\"age\":26,\"personality\":\"proud\",\"description\":\"long hair, gold robe\"}],"
	"\"locations\":[{\"name\":\"Milk Tea Shop\",\"kind\":\"milk_tea_shop\",\"description\":\"pastel counter\"}],"
	"\"episodes\":[{\"number\":1,\"title\":\"He Fell From the Sky\",\"hook\":\"A prince crashes through the roof.\",\"cliffhanger\":\"Guards appear.\","
	"\"beats\":[\"crash\",\"argument\",\"truce\"],\"scenes\":["
	"{\"location\":\"Milk Tea Shop\",\"time\":\"night\",\"weather\":\"rain\",\"mood\":\"comedy\",\"summary\":\"He crashes in.\",\"cast\":[\"Xia\",\"Rui\"]},"
	"{\"location\":\"Milk Tea Shop\",\"time\":\"night\",\"weather\":\"clear\",\"mood\":\"tension\",\"summary\":\"Guards arrive.\",\"cast\":[\"Xia\",\"Rui\"]}]}]}";

const char *const CHAT_SCENE_GOOD =
	"{\"shots\":[{\"type\":\"wide\",\"camera\":\"shake\",\"transition\":\"cut\",\"sound\":\"stinger\",\"action\":\"The roof breaks.\",\"actors\":[{\"name\":\"Rui\",\"expression\":\"surprised\",\"pose\":\"idle\",\"action\":\"falls\"}],"
	"\"line\":{\"speaker\":\"Rui\",\"text\":\"Where am I?\",\"emotion\":\"surprised\",\"parenthetical\":null}},"
	"{\"type\":\"close_up\",\"camera\":\"push_in\",\"transition\":\"cut\",\"sound\":null,\"action\":\"Xia stares.\",\"actors\":[{\"name\":\"Xia\",\"expression\":\"angry\",\"pose\":\"arms_crossed\",\"action\":\"glares\"}],"
	"\"line\":{\"speaker\":\"Xia\",\"text\":\"You owe me a roof.\",\"emotion\":\"angry\",\"parenthetical\":null}},"
	"{\"type\":\"insert\",\"camera\":\"static\",\"transition\":\"crossfade\",\"sound\":null,\"action\":\"A jade seal on the floor.\",\"actors\":[],\"line\":null}]}";

