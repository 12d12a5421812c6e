/* tests/test_novel_enturn24.c — lines the turn-taking step gave away (English): a narration
 * paragraph that ends leading into the next quote with a dash ("In the morning Mrs. Lapham
 * said--", "said at once—", "Again he said:--") is that quote's tag, as one ending with a
 * colon or a comma is (nov_dash_lead_en, novel_speak.c; paragraph, novel.c); and a quote
 * that opens calling someone by a title and a name the name is not written with ("Master
 * Bass, ...") calls that one (vocative_in). The positive tests fail on the code before the
 * rules; the last guards the dash rule's limit. */
#include "test.h"
#include "story/novel.h"
#include "novel_heard.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int hear(const char *text, struct heard *h) { return hear_in("en", text, h); }

/* enturn24-1: a paragraph ending with a said-verb and a word before a dash ("I called
 * again--", Poe's The Cask of Amontillado, its end; also "said at once—", "said with mild
 * dignity-") leads into the quote of the next paragraph as a colon would: the call is the
 * narrator's, not nobody's. */
TEST(novel_enturn24_dash_lead_in_with_adverbial)
{
	struct heard h;
	CHECKF(hear(
		"\n"
		"\"The Amontillado!\" ejaculated my friend, not yet recovered from his astonishment.\n"
		"\n"
		"\"True,\" I replied; \"the Amontillado.\"\n"
		"\n"
		"As I said these words I busied myself among the pile of bones of which I have before spoken.  Throwing them aside, I soon uncovered a quantity of building stone and mortar.  With these materials and with the aid of my trowel, I began vigorously to wall up the entrance of the niche.\n"
		"\n"
		"I had scarcely laid the first tier of the masonry when I discovered that the intoxication of Fortunato had in a great measure worn off. The earliest indication I had of this was a low moaning cry from the depth of the recess.  It was _not_ the cry of a drunken man. There was then a long and obstinate silence.  I laid the second tier, and the third, and the fourth; and then I heard the furious vibrations of the chain.  The noise lasted for several minutes, during which, that I might hearken to it with the more satisfaction, I ceased my labours and sat down upon the bones. When at last the clanking subsided, I resumed the trowel, and finished without interruption the fifth, the sixth, and the seventh tier.  The wall was now nearly upon a level with my breast.  I again paused, and holding the flambeaux over the mason-work, threw a few feeble rays upon the figure within.\n"
		"\n"
		"A succession of loud and shrill screams, bursting suddenly from the throat of the chained form, seemed to thrust me violently back.  For a brief moment I hesitated--I trembled.  Unsheathing my rapier, I began to grope with it about the recess; but the thought of an instant reassured me.  I placed my hand upon the solid fabric of the catacombs, and felt satisfied.  I reapproached the wall; I replied to the yells of him who clamoured.  I re-echoed--I aided--I surpassed them in volume and in strength.  I did this, and the clamourer grew still.\n"
		"\n"
		"It was now midnight, and my task was drawing to a close.  I had completed the eighth, the ninth, and the tenth tier.  I had finished a portion of the last and the eleventh; there remained but a single stone to be fitted and plastered in.  I struggled with its weight; I placed it partially in its destined position.  But now there came from out the niche a low laugh that erected the hairs upon my head.  It was succeeded by a sad voice, which I had difficulty in recognizing as that of the noble Fortunato.  The voice said--\n"
		"\n"
		"\"Ha! ha! ha!--he! he! he!--a very good joke indeed--an excellent jest. We shall have many a rich laugh about it at the palazzo--he! he! he!--over our wine--he! he! he!\"\n"
		"\n"
		"\"The Amontillado!\" I said.\n"
		"\n"
		"\"He! he! he!--he! he! he!--yes, the Amontillado.  But is it not getting late?  Will not they be awaiting us at the palazzo, the Lady Fortunato and the rest?  Let us be gone.\"\n"
		"\n"
		"\"Yes,\" I said, \"let us be gone.\"\n"
		"\n"
		"\"_For the love of God, Montresor!_\"\n"
		"\n"
		"\"Yes,\" I said, \"for the love of God!\"\n"
		"\n"
		"But to these words I hearkened in vain for a reply.  I grew impatient. I called aloud--\n"
		"\n"
		"\"Fortunato!\"\n"
		"\n"
		"No answer.  I called again--\n"
		"\n"
		"\"Fortunato--\"\n"
		, &h) == 0, "%s", err_msg());
	const char *w = who_said(&h, "Fortunato--");
	CHECKF(w && !strcmp(w, "I"), "the call went to %s", w ? w : "(nobody)");
	unhear(&h);
}

/* enturn24-2: a colon before the dash ("Roberta made an effort, and answered:--", Nesbit's
 * The Railway Children 1; "Again he said:--", Stoker) leads in as the colon alone does; the
 * turn-taking had given the line to Peter. */
TEST(novel_enturn24_colon_dash_lead_in)
{
	struct heard h;
	CHECKF(hear(
		"\"I don't think we ought to ask the servants things Mother doesn't tell us,\" said Roberta.\n"
		"\n"
		"\"That's right, Miss Goody-goody,\" said Peter, \"preach away.\"\n"
		"\n"
		"\"I'M not goody,\" said Phyllis, \"but I think Bobbie's right this time.\"\n"
		"\n"
		"\"Of course. She always is. In her own opinion,\" said Peter.\n"
		"\n"
		"\"Oh, DON'T!\" cried Roberta, putting down her egg-spoon; \"don't let's be horrid to each other. I'm sure some dire calamity is happening. Don't let's make it worse!\"\n"
		"\n"
		"\"Who began, I should like to know?\" said Peter.\n"
		"\n"
		"Roberta made an effort, and answered:--\n"
		"\n"
		"\"I did, I suppose, but--\"\n"
		, &h) == 0, "%s", err_msg());
	const char *w = who_said(&h, "I did, I suppose");
	CHECKF(w && !strcmp(w, "Roberta"), "the line went to %s", w ? w : "(nobody)");
	unhear(&h);
}

/* enturn24-3 (vocative_in): "Master Bass, ..." calls Bass, whom the text names without the
 * title, so "he answered" is his (Northup, Twelve Years a Slave 19; before, it went to Epps,
 * named last; in the whole chapter the dash lead-in "I stopped suddenly and said--" without
 * this vocative lost four of Bass's lines). Not "Mr. Bennet, ..." for Mrs. Bennet: a title
 * that makes another one's name is that one's (without that check Austen's pride lost 3). */
TEST(novel_enturn24_title_vocative)
{
	struct heard h;
	CHECKF(hear("\"All the difference in the world,\" replied Epps. \"You might as well ask what the difference is.\"\n\n"
		"\"Look here, Epps,\" continued Bass; \"you can't laugh me down in that way.\"\n\n"
		"\"You like to hear yourself talk, Bass, better than any man I know of.\"\n\n"
		"He remained at Epps' through the summer, visiting Marksville generally once a fortnight. The more I saw of him, the more I became convinced he was a man in whom I could confide. Nevertheless, my previous ill-fortune had taught me to be extremely cautious. It was not my place to speak to a white man except when spoken to, but I omitted no opportunity of throwing myself in his way, and endeavored constantly in every possible manner to attract his attention. In the early part of August he and myself were at work alone in the house, the other carpenters having left, and Epps being absent in the field. Now was the time, if ever, to broach the subject, and I resolved to do it, and submit to whatever consequences might ensue. We were busily at work in the afternoon, when I stopped suddenly and said--\n"
		"\n"
		"\"Master Bass, I want to ask you what part of the country you came from?\"\n\n"
		"\"Why, Platt, what put that into your head?\" he answered.\n", &h) == 0, "%s", err_msg());
	const char *w = who_said(&h, "Why, Platt");
	CHECKF(w && !strcmp(w, "Bass"), "the answer went to %s", w ? w : "(nobody)");
	unhear(&h);
}

/* enturn24-4: the other side: a paragraph that ends with a dash and no said-verb before it
 * ("the peril was desperate--", Twain) leads into nothing; the line after it takes its turn. */
TEST(novel_enturn24_dash_without_said_verb)
{
	struct heard h;
	CHECKF(hear("Aunt Polly seized Tom by the collar in the pantry.\n\n"
		"\"What you been doing in there?\" said Aunt Polly.\n\n"
		"\"Nothing,\" said Tom.\n\n"
		"\"Hand me that switch.\"\n\n"
		"The switch hovered in the air--the peril was desperate--\n\n"
		"\"My! Look behind you, aunt!\"\n", &h) == 0, "%s", err_msg());
	const char *w = who_said(&h, "My! Look behind you");
	CHECKF(w && !strcmp(w, "Tom"), "the line went to %s", w ? w : "(nobody)");
	unhear(&h);
}
