/* tests/test_joint.c — joint cues ("BOB AND ALICE") voiced by both speakers (the two
 * voices mixed, a cache key of both voices, both mouths moving) and location kinds
 * from WordNet for heading words that no table of screenplay.json knows. */
#include "test.h"
#include "story/story.h"
#include "story/fountain.h"
#include "core/util.h"
#include "core/model.h"
#include "core/wav.h"
#include "voice/voice.h"

#include <math.h>
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

/* Normalised correlation of a and b over their common length (no shift: the mix is
 * sample-aligned). */
static double corr(const int16_t *a, size_t na, const int16_t *b, size_t nb)
{
	size_t n = na < nb ? na : nb;
	double ab = 0, aa = 0, bb = 0;
	for (size_t i = 0; i < n; i++) { ab += (double)a[i] * b[i]; aa += (double)a[i] * a[i]; bb += (double)b[i] * b[i]; }
	return aa > 0 && bb > 0 ? ab / sqrt(aa * bb) : 0;
}

/* A project in the test's folder with the screenplay at path imported; NULL on error
 * (err_msg). Free with project_free. */
static struct project *open_fountain(const char *path)
{
	struct project *p = NULL;
	char *text = NULL;
	size_t n;
	struct story_opts o = { .minutes = 3 };
	if (project_open(test_tmpdir(), 1, &p) < 0) return NULL;
	if (file_read_all(path, &text, &n) < 0 || story_from_fountain(text, n, strrchr(path, '/') + 1, &o, &p->s) < 0) {
		free(text);
		project_free(p);
		return NULL;
	}
	free(text);
	return p;
}

/* The samples of line l's voiced WAV into *pcm (caller frees), *n of them. */
static int line_audio(struct project *p, const struct line *l, int16_t **pcm, size_t *n)
{
	char *w = project_path(p, l->audio);
	int rate, ch, rc = wav_read(w, pcm, n, &rate, &ch);
	free(w);
	return rc;
}

static struct line *joint_line(struct series *s)
{
	for (size_t c = 0; c < s->eps[0].n_scenes; c++)
		for (size_t h = 0; h < s->eps[0].scenes[c].n_shots; h++) {
			struct line *l = s->eps[0].scenes[c].shots[h].line;
			if (l && l->with) return l;
		}
	return NULL;
}

/* joint-2: "BOB AND ALICE" (a man and a woman) is voiced by both: the WAV is neither
 * single voice, it correlates with each (the sum of both), it is as long as the longer
 * one and never clips; its timing is the first speaker's; changing the with speaker's
 * voice changes the cache key while Bob's own lines are reused. */
TEST(joint_cue_voiced_by_both)
{
	struct project *p = open_fountain("tests/joint/bob_and_alice.fountain");
	CHECKF(p, "%s", err_msg());
	int rc;
	struct series *s = p->s;
	struct character *bob = series_find_character(s, "Bob"), *alice = series_find_character(s, "Alice");
	CHECK(bob && alice);
	CHECK_STR(bob->gender, "male");
	CHECK_STR(alice->gender, "female");
	struct line *l = joint_line(s);
	CHECK(l);
	CHECK_STR(l->speaker, "Bob");
	CHECK_STR(l->with, "Alice");

	struct stage_opts so = { 0 };
	CHECKF(voice_stage(p, &so) == 0, "%s", err_msg());
	CHECK(strcmp(json_string_value(json_object_get(bob->voice, "voice")), json_string_value(json_object_get(alice->voice, "voice"))));
	int16_t *mix = NULL;
	size_t nm;
	rc = line_audio(p, l, &mix, &nm);
	CHECK(rc == 0);
	const char *lang = s->lang ? s->lang : "en";
	struct voice_clip b, a;
	CHECK(voice_synth(bob->voice, l, lang, &b) == 0);
	CHECK(voice_synth(alice->voice, l, lang, &a) == 0);
	double cb = corr(mix, nm, b.pcm, b.n), ca = corr(mix, nm, a.pcm, a.n), cab = corr(a.pcm, a.n, b.pcm, b.n);
	size_t peak = 0;
	for (size_t i = 0; i < nm; i++) if ((size_t)abs(mix[i]) > peak) peak = (size_t)abs(mix[i]);
	int differs_b = nm != b.n || memcmp(mix, b.pcm, nm * sizeof *mix), differs_a = nm != a.n || memcmp(mix, a.pcm, nm * sizeof *mix);
	size_t longest = a.n > b.n ? a.n : b.n, nb = b.n, na = a.n;
	/* the first speaker's timing */
	char *js = xasprintf("%.*s.json", (int)strlen(l->audio) - 4, l->audio), *jp = project_path(p, js);
	struct voice_timing t;
	int trc = voice_timing_load(jp, &t);
	free(js); free(jp);
	size_t nvis = trc == 0 ? t.n_vis : 0, bvis = b.t.n_vis;
	double tdur = trc == 0 ? t.duration : 0;
	if (trc == 0) voice_timing_free(&t);
	voice_clip_free(&b);
	voice_clip_free(&a);
	free(mix);
	printf("  joint: %zu samples (Bob %zu, Alice %zu), corr with Bob %.3f, Alice %.3f, Bob~Alice %.3f, peak %zu\n",
	       nm, nb, na, cb, ca, cab, peak);
	CHECK(differs_b && differs_a);
	CHECK_INT(nm, longest);
	CHECKF(cb > 0.5 && ca > 0.5, "the mix correlates with Bob %.3f and Alice %.3f (want > 0.5 each)", cb, ca);
	CHECKF(cab < 0.3, "the single voices correlate %.3f: the check could not tell them apart", cab);
	CHECKF(peak < 32767, "peak %zu: the mix clips", peak);
	CHECK(trc == 0 && nvis == bvis && fabs(tdur - (double)nm / VOICE_RATE) < 1e-3);

	/* the cache key covers Alice's voice: change it and the joint line is voiced anew,
	 * Bob's own line ("You came.") is reused */
	struct line *solo = s->eps[0].scenes[0].shots[0].line;
	for (size_t h = 0; h < s->eps[0].scenes[0].n_shots; h++)
		if (s->eps[0].scenes[0].shots[h].line && str_eq(s->eps[0].scenes[0].shots[h].line->speaker, "Bob")) {
			solo = s->eps[0].scenes[0].shots[h].line;
			break;
		}
	CHECK(solo && !solo->with);
	char *before = xstrdup(l->audio), *solo_before = xstrdup(solo->audio);
	json_object_set_new(alice->voice, "pitch", json_real(1.15));
	rc = voice_stage(p, &so);
	int new_key = strcmp(before, l->audio) != 0, solo_same = !strcmp(solo_before, solo->audio);
	free(before);
	free(solo_before);
	project_free(p);
	CHECKF(rc == 0, "%s", err_msg());
	CHECK(new_key);
	CHECK(solo_same);
}

/* joint-3: "BOB & ALICE & CAROL" is voiced by all three: the mix correlates with each
 * voice (Carol's, the second of line.also's owners, was left out before). */
TEST(joint_cue_three_voices)
{
	struct project *p = open_fountain("tests/fountain/joint3.fountain");
	CHECKF(p, "%s", err_msg());
	int rc;
	struct series *s = p->s;
	struct line *l = NULL;
	for (size_t c = 0; c < s->eps[0].n_scenes && !l; c++)
		for (size_t h = 0; h < s->eps[0].scenes[c].n_shots && !l; h++) {
			struct line *x = s->eps[0].scenes[c].shots[h].line;
			if (x && x->n_also == 1 && x->text && strstr(x->text, "Three")) l = x;
		}
	CHECK(l);
	struct stage_opts so = { 0 };
	CHECKF(voice_stage(p, &so) == 0, "%s", err_msg());
	int16_t *mix = NULL;
	size_t nm;
	rc = line_audio(p, l, &mix, &nm);
	CHECK(rc == 0);
	const char *who[3] = { l->speaker, l->with, l->also[0] }, *lang = s->lang ? s->lang : "en";
	double cr[3], other = 0;
	struct voice_clip v[3];
	memset(v, 0, sizeof v);
	for (int k = 0; k < 3; k++) {
		struct character *c = series_find_character(s, who[k]);
		CHECK(c && voice_synth(c->voice, l, lang, &v[k]) == 0);
		cr[k] = corr(mix, nm, v[k].pcm, v[k].n);
	}
	/* how alike the single voices are: the mix must be nearer each than they are to each other */
	for (int k = 0; k < 3; k++) {
		double x = corr(v[k].pcm, v[k].n, v[(k + 1) % 3].pcm, v[(k + 1) % 3].n);
		if (x > other) other = x;
	}
	printf("  joint3: corr with %s %.3f, %s %.3f, %s %.3f; voices with each other at most %.3f\n", who[0], cr[0], who[1], cr[1], who[2], cr[2], other);
	for (int k = 0; k < 3; k++) voice_clip_free(&v[k]);
	free(mix);
	int ok = 1;
	for (int k = 0; k < 3; k++) ok &= cr[k] > other + 0.1;
	project_free(p);
	CHECKF(ok, "the mix correlates %.3f / %.3f / %.3f with the three voices (want each above %.3f)", cr[0], cr[1], cr[2], other + 0.1);
}
