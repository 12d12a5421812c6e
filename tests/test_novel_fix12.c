/* tests/test_novel_fix12.c — first-person texts (English), each rule from how the
 * language works, each on a fresh passage written here: a capitalised word that a
 * sentence with a subject pronoun already holds ("She laughed at my sudden Cornish
 * stubbornness.") leads into no quote and is no person. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* fix12-1 the first capitalised word of narration that leads into a quote is taken for its
 * speaker, so a word seen once may join the cast; not when a subject pronoun opened the
 * sentence before it: that sentence has its subject, and the word is an object or a
 * modifier ("my sudden Cornish stubbornness"). */
TEST(novel_fix12_lead_after_subject_pronoun_is_no_one)
{
	static const char text[] = "Morwenna and I had walked the cliff path every evening since the war.\n\n"
		"\"Will you come with me to Truro?\" I asked.\n\n"
		"She laughed at my sudden Cornish fervour. \"Why not?\"\n\n"
		"Then Morwenna turned to the sea. \"The fair is on.\"\n";
	struct nov n = { 0 };
	n.nd = imp_data("novel");
	n.last_m = n.last_f = n.last_any = n.narrator = -1;
	nov_split_paragraphs(&n, text);
	nov_find_narrator(&n);
	nov_names_en(&n, text);
	CHECKF(nov_find_ch(&n, "Cornish") < 0, "a word after its sentence's subject pronoun is no one of the cast");
	CHECKF(nov_find_ch(&n, "Morwenna") >= 0, "Morwenna is one");
	for (size_t i = 0; i < n.n_ch; i++) { free(n.ch[i].name); free(n.ch[i].role); free(n.ch[i].role_noun); }
	free(n.ch);
	for (size_t i = 0; i < n.n_p; i++) nov_para_free(&n.p[i]);
	free(n.p);
	/* the whole importer: the line is not Cornish's */
	struct heard h;
	CHECKF(hear(text, &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Cornish"), "Cornish is not in the cast");
	CHECKF(strcmp(who_said(&h, "Why not"), "Cornish") != 0, "\"Why not\" is not Cornish's");
	unhear(&h);
}
