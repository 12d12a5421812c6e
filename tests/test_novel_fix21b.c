/* tests/test_novel_fix21b.c — a role noun the narration sets beside a name with
 * adjectives before it ("Miss Baker, the retired dressmaker,", "Mr. Pell, the new curate,")
 * is that character's role (novel_roles.c appositions), also when the noun is no word of
 * the role lexicon but a WordNet person noun ("dressmaker", "chairman"): "said the
 * dressmaker" later is she, not the woman whose turn it would be.
 * The texts are written here. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <string.h>

/* Before the rule "the dressmaker" was nobody the text knew (only "retired" was read as
 * the role), and the tag went to Maria, the last woman who spoke. */
TEST(novel_fix21b_apposition_with_adjectives_names_the_role)
{
	struct heard h;
	CHECKF(hear_in("en", "At one o'clock came Miss Baker, the retired dressmaker, a little old maid from down the hall.\n\n"
		"Maria Macapa was sweeping the floor of the parlor.\n\n"
		"\"Buy a ticket in the lottery?\" said Maria to the dentist.\n\n"
		"\"No,\" said McTeague.\n\n"
		"\"You should notice,\" the dressmaker said to the dentist, in a low voice, \"he always leaves the door ajar.\"\n", &h) == 0,
	       "%s", err_msg());
	CHECK_WHO(&h, "You should notice", "Miss Baker");
	CHECK_WHO(&h, "Buy a ticket", "Maria");
	unhear(&h);
}

/* Three words before the stop and a person noun the lexicon lacks ("the new curate"): the
 * head is the last word, and "observed the curate" is Mr. Pell. An apposition that is no
 * noun phrase ("September, the heavy clouds and ...") makes nobody a person. */
TEST(novel_fix21b_apposition_head_is_the_last_word)
{
	struct heard h;
	CHECKF(hear_in("en", "It was late in September, the heavy clouds and strong wind made the day cold. Mrs. Dale sat in the parlour "
		"with her daughter Kitty, and Mr. Pell, the new curate, stood by the window.\n\n"
		"\"Will it rain, do you think?\" asked Mrs. Dale.\n\n"
		"\"I fear so,\" said Kitty.\n\n"
		"\"One can never tell in this valley,\" observed the curate, looking towards the hills.\n", &h) == 0,
	       "%s", err_msg());
	CHECK_WHO(&h, "One can never tell", "Mr. Pell");
	CHECKF(!in_cast(&h, "September"), "September is no person");
	unhear(&h);
}
