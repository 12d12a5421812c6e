/* tests/test_novel_nested.c — English speech that retells another scene (branch
 * fixen7-nested): the words a speaker repeats in nested quotes ("'No, Baas,' he
 * answered") call no one of the present scene; a tagless paragraph that opens by repeating
 * words with their own tag goes on with the teller; "began—" leads into its quote as a
 * colon does. Fresh passages written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* nested-1.1 own words: "The paper, Jim," inside a nested quote does not speak to Jim
 * now, and the "I" who tells is never renamed from the address a retold servant used. */
TEST(novel_nested_own_words)
{
	char *own = nov_own_words("'No, Baas,' he answered, 'we are going.' And so they went, Sam.");
	CHECKF(!strstr(own, "Baas"), "own words: [%s]", own);
	CHECKF(strstr(own, "Sam") != NULL, "own words keep the speaker's own address: [%s]", own);
	free(own);
	own = nov_own_words("Bother! Well, go \xE2\x80\x98long with you, Tom.");
	CHECKF(strstr(own, "Tom") != NULL, "an elision is no nested quote: [%s]", own);
	free(own);
	struct heard h;
	CHECKF(hear("I sat with Sir Henry by the fire on the ship.\n\n"
		"\"Tell me of the wagon,\" said Sir Henry.\n\n"
		"\"I had a boy called Jim,\" I answered. \"'Baas,' said he one morning, 'the oxen are lost.'\"\n\n"
		"\"And then?\" asked Sir Henry.\n\n"
		"\"'No, Baas,' he said when I asked again, 'they are not found.' So we waited,\" I said.\n", &h) == 0, "%s", err_msg());
	CHECKF(!in_cast(&h, "Baas"), "Baas is no one's name here");
	CHECK_WHO(&h, "And then?", "Sir Henry");
	unhear(&h);
}

/* nested-1.2 a said-verb then a dash: "she ... began—'...'" is hers, not the narrator's
 * who opened the paragraph. */
TEST(novel_nested_said_dash)
{
	struct heard h;
	CHECKF(hear("While I was walking in the lane, Rosalie came running to meet me; she put her arm through mine and began\xE2\x80\x94\xE2\x80\x9CNow, Miss Grey, you must hear my news.\xE2\x80\x9D\n\n"
		"\xE2\x80\x9CWell, what is it?\xE2\x80\x9D\n\n"
		"\xE2\x80\x9CMr. Hatfield has made me an offer!\xE2\x80\x9D\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "Now, Miss Grey", "Rosalie");
	CHECK_WHO(&h, "Mr. Hatfield has made", "Rosalie");
	unhear(&h);
}

/* nested-1.3 a paragraph that is one quote opening with repeated words and their tag
 * ("'Ay,' said Evans, ...") goes on with the one telling, not the listener. */
TEST(novel_nested_retells)
{
	struct heard h;
	CHECKF(hear("Sir Henry and I sat on the deck after dinner. I had lit my pipe, and I watched the sea. My hands were cold, and I said nothing for a while.\n\n"
		"\"What did Evans say?\" asked Sir Henry.\n\n"
		"\"Well,\" I began, \"we sat by the fire that night, and he was quiet a long time.\"\n\n"
		"\"'Ay,' said Evans, 'but I will tell you a queerer story than that'; and he told me of a city in the hills.\"\n\n"
		"\"A city?\" said Sir Henry.\n", &h) == 0, "%s", err_msg());
	CHECK_WHO(&h, "'Ay,' said Evans", "I");
	CHECK_WHO(&h, "A city?", "Sir Henry");
	unhear(&h);
}
