/* fuzz/fuzz_llm_story.c — a storyboard written by an LLM (llm_story_stage): the bible
 * answer, the scene answers and the repair rounds, each the text of a chat answer
 * ("=====" between answers; the stand-in wraps each in a chat completion). Whatever the
 * stage accepts is in the project's storyboard.json, which must load and save to the
 * same bytes. Two scenes of one episode, one repair round. */
#include "fuzz/fuzz.h"
#include "net/net.h"
#include "story/story.h"
#include "core/model.h"
#include "core/util.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	char *dir = fuzz_path("llm-project");
	fuzz_rmtree(dir);                      /* no answer cached from an earlier input */
	struct project *p = NULL;
	if (project_open(dir, 1, &p) < 0) fuzz_fail("cannot make a scratch project: %s", err_msg());
	p->set.minutes = 1;
	p->set.episodes = 1;
	p->set.lang[0] = 0;
	struct ai_config c = { .llm = { .url = "http://127.0.0.1:9", .model = "m" }, .temperature = 0.8, .top_p = 0.95,
	                       .seed = 1, .stream = 0, .repairs = 1 };
	fuzz_http_serve(data, size, 1);
	if (llm_story_stage(p, "milk tea, prince", NULL, &c) == 0) {
		fuzz_accepts++;
		char *sb = project_path(p, "storyboard.json");
		struct series *s = NULL;
		if (series_load(sb, &s) < 0) fuzz_fail("the LLM stage saved a storyboard.json that does not load: %s", err_msg());
		fuzz_series_roundtrip(s);
		series_free(s);
		free(sb);
	}
	fuzz_http_end();
	project_free(p);
	free(dir);
	return 0;
}
