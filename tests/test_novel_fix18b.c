/* tests/test_novel_fix18b.c — a pronoun tag in a scene of three or more (novel_speak.c
 * pre_subject): '"...," he said' right after narration (a paragraph of it, or what follows
 * a quote's tag in the paragraph before) is the one the last sentence of that narration
 * opens with, when the pronoun fits, not the one whose turn it would be;
 * a sentence that opens with no name, hands the focus to a when-clause or to a second
 * clause with a subject of its own names no one. And novel_rank.c tag_pronoun: a "He
 * replied:" that leads into the next quote is no tag of the quote before it. The texts
 * are written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* Three men; the turn would go back to Mr. Dunn, but Mr. Hale acted last in a long
 * paragraph of narration (over the 40 words a short beat has), so "he said" is his
 * (before the rule it went to Mr. Dunn). */
TEST(novel_fix18b_he_is_the_last_sentence_subject)
{
	struct heard h;
	CHECKF(hear_in("en", "Mr. Hale and Mr. Dunn came into the office together, and Mr. Crane got up from his desk to meet them.\n\n"
		"\"We have come about the lease,\" said Mr. Hale.\n\n"
		"\"I expected you,\" said Mr. Crane. \"Sit down, both of you.\"\n\n"
		"\"The lease runs out at Easter,\" said Mr. Dunn.\n\n"
		"\"And you want it renewed?\" said Mr. Crane.\n\n"
		"The clerk brought in the papers and laid them on the desk, and went out again without a word, shutting the door softly "
		"behind him as he had been told to do whenever the partners had visitors of that kind. Mr. Hale took the papers and "
		"turned them over slowly.\n\n"
		"\"These are not the papers we signed,\" he said.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "These are not the papers", "Mr. Hale");
	CHECK_WHO(&h, "The lease runs out", "Mr. Dunn");
	unhear(&h);
}

/* The narration after a quote and its tag in the paragraph before ('"...," said Mr. Dunn.
 * Mr. Hale took the papers ...'): its last sentence, not the tag, names the one "he" is
 * (before the rule it went to the one whose turn it was, Mr. Crane). */
TEST(novel_fix18b_he_after_a_tagged_paragraphs_narration)
{
	struct heard h;
	CHECKF(hear_in("en", "Mr. Hale, Mr. Dunn and Mr. Crane sat round the table in the back office with the lease between them.\n\n"
		"\"We have come about the lease,\" said Mr. Hale.\n\n"
		"\"I expected you,\" said Mr. Crane. \"Sit down, both of you.\"\n\n"
		"\"The lease runs out at Easter,\" said Mr. Dunn. Mr. Hale took the papers and turned them over slowly.\n\n"
		"\"These are not the papers we signed,\" he said.\n\n"
		"\"They are the same,\" Mr. Crane said.\n\n"
		"\"Not at all,\" he said.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "These are not the papers", "Mr. Hale");
	CHECK_WHO(&h, "The lease runs out", "Mr. Dunn");
	CHECK_WHO(&h, "They are the same", "Mr. Crane");
	unhear(&h);
}

/* The last sentence opens with "It was unfortunate for ...", or its main clause gives way
 * to a when-clause ("..., when the door flew open, and Mr. Lupin ran in"): neither names the
 * pronoun's one (Mr. Hempseed after a title's dot is no sentence opening either). */
TEST(novel_fix18b_no_subject_from_a_when_clause)
{
	struct heard h;
	CHECKF(hear_in("en", "Mr. Pooter and Carrie were at breakfast when Mr. Cummings came in.\n\n"
		"It was unfortunate for Carrie that she spoke just as Mr. Cummings was hanging up his hat in the hall, for it set him "
		"off again about the fire.\n\n"
		"\"You will have the chimney alight one of these days,\" he said.\n\n"
		"Mr. Pooter had opened his mouth to answer, when the door flew open, and Mr. Lupin ran into the room with his coat half on.\n\n"
		"\"I have lost my train,\" he cried.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "You will have the chimney", "Mr. Cummings");
	CHECK_WHO(&h, "I have lost my train", "Mr. Lupin");
	unhear(&h);
}

/* The weak-tag gender the re-ranker reads for the first quotation that starts with part
 * (1 he, 2 she, 0 none), -2 when the line is not re-decided, -1 no such quotation. */
static int weak_of(const char *text, const char *part)
{
	struct nov_rank_log log = { 0 };
	struct heard h;
	setenv("DRAMA_NOVEL_RANK", "off", 1);
	nov_rank_log = &log;
	int rc = hear_in("en", text, &h);
	nov_rank_log = NULL;
	unsetenv("DRAMA_NOVEL_RANK");
	int g = -1;
	for (size_t i = 0; rc == 0 && i < h.n && i < log.n; i++)
		if (!strncmp(h.v[i].quote, part, strlen(part))) { g = log.r[i].redecide ? log.r[i].weak : -2; break; }
	if (rc == 0) unhear(&h);
	nov_rank_log_free(&log);
	return g;
}

/* 'I said: "Well, Cummings ..."  He replied: "Yes! ..."': "He replied:" is the tag of the
 * quote after it; the one before is led in by "I said:" and no pronoun tag is its (before
 * the fix it read as a weak "he" tag, and the re-ranker gave the narrator's line to a man). */
TEST(novel_fix18b_lead_in_is_the_next_quotes_tag)
{
	const char *t = "I had just finished my tea, when who should come in but Mr. Cummings, who has not been here for over three weeks. "
		"I noticed that he looked anything but well, so I said: \"Well, Cummings, how are you? You look a little blue.\" "
		"He replied: \"Yes! and I feel blue too.\"\n\n"
		"\"Then sit by the fire,\" said Carrie.\n";
	CHECK_INT(weak_of(t, "Well, Cummings") == 1, 0);
	CHECK_INT(weak_of(t, "Yes! and I feel"), 1);   /* ("He replied:" is the tag of this one) */
	struct heard h;
	CHECKF(hear_in("en", t, &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Well, Cummings", "I");
	CHECK_WHO(&h, "Yes! and I feel", "Mr. Cummings");
	unhear(&h);
}
