/* tests/test_joint.c — joint cues ("BOB AND ALICE") voiced by both speakers (the two
 * voices mixed, a cache key of both voices, both mouths moving) and location kinds
 * from WordNet for heading words that no table of screenplay.json knows. */
#include "test.h"
#include "story/story.h"
#include "story/fountain.h"
#include "core/util.h"
#include "core/model.h"

#include <stdlib.h>
#include <string.h>

/* joint-1: heading words in no table (location_heads, art's match lists) get a kind
 * through WordNet's hypernyms: a cathedral is a church, a marina a dock, a gymnasium a
 * school; a word WordNet does not know stays unknown. */
TEST(joint_location_wordnet)
{
	CHECK_STR(fountain_location_kind("ST. MARY'S CATHEDRAL"), "wedding_hall");
	CHECK_STR(fountain_location_kind("THE MARINA"), "park");
	CHECK_STR(fountain_location_kind("HIGH SCHOOL GYMNASIUM"), "classroom");
	CHECK_STR(fountain_location_kind("MOSQUE"), "wedding_hall");
	CHECK_STR(fountain_location_kind("OLD WAREHOUSE"), "museum");          /* a depository */
	CHECK_STR(fountain_location_kind("TAVERN"), "restaurant");
	CHECK_STR(fountain_location_kind("DORMITORY"), "bedroom");
	CHECK_STR(fountain_location_kind("HARBOR"), "park");
	CHECK_STR(fountain_location_kind("PENITENTIARY"), "police_station");
	CHECK_STR(fountain_location_kind("INFIRMARY"), "hospital_room");
	CHECK_STR(fountain_location_kind("VESTIBULE OF THE CATHEDRAL"), "apartment");   /* the head is before "of": a room */
	CHECK(fountain_location_kind("ZORBLAX") == NULL);
	/* the tables still come first */
	CHECK_STR(fountain_location_kind("POLICE STATION"), "police_station");
	CHECK_STR(fountain_location_kind("TRAIN STATION"), "city_street");
	/* through the importer */
	char *text = NULL;
	size_t n;
	struct series *s = NULL;
	struct story_opts o = { .minutes = 3 };
	CHECK(file_read_all("tests/joint/bob_and_alice.fountain", &text, &n) == 0);
	int rc = story_from_fountain(text, n, "bob_and_alice.fountain", &o, &s);
	free(text);
	CHECKF(rc == 0, "%s", err_msg());
	const char *kinds[3] = { "wedding_hall", "park", "classroom" };
	CHECK_INT(s->n_locs, 3);
	for (size_t i = 0; i < 3; i++) CHECKF(str_eq(s->locs[i].kind, kinds[i]), "%s: %s", s->locs[i].name, s->locs[i].kind);
	series_free(s);
}
