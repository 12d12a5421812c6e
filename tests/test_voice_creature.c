/* tests/test_voice_creature.c — the focus of this file is how creatures sound (issue 14):
 * a parrot, a dog, a robot and a ghost are cast from their own pools with their kind's
 * effect (not a child's voice, whatever their age), EN and ZH; each effect changes the
 * synthesised line audibly (low correlation with the dry voice, same length, no clipping;
 * the ghost echoes, the robot's envelope rings at 55 Hz); an unknown effect is refused by
 * name. */
#include "test.h"
#include "core/util.h"
#include "core/model.h"
#include "voice/voice.h"
#include "voice/voice_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static struct series *cast_of(const char *lang, const char *const roles[][3], size_t n)
{
	struct series *s = series_new();
	s->lang = xstrdup(lang);
	for (size_t i = 0; i < n; i++) {
		struct character *c = series_add_character(s);
		c->name = xstrdup(roles[i][0]);
		c->role = xstrdup(roles[i][1]);
		c->gender = xstrdup(roles[i][2]);
		c->age = 6;   /* the story engine makes creatures young; a child is 6 too */
	}
	return s;
}

static const char *effect_of(const struct character *c)
{
	return json_string_value(json_object_get(c->voice, "effect"));
}

/* voice-creature-1: creatures are cast by kind, with their effect; the child is not */
TEST(voice_creature_1_cast_by_kind)
{
	static const char *const EN[][3] = { { "Polly", "parrot", "female" }, { "Rex", "dog", "male" }, { "Unit", "robot", "male" },
	                                     { "Wisp", "ghost", "female" }, { "Mia", "girl", "female" }, { "Tom", "fisherman", "male" } };
	static const char *const WANT[] = { "bird", "beast", "robot", "ghost", NULL, NULL };
	struct series *s = cast_of("en", EN, ARRAY_LEN(EN));
	CHECKF(voice_cast(s) == 0, "%s", err_msg());
	for (size_t i = 0; i < s->n_chars; i++)
		CHECKF(str_eq(effect_of(&s->chars[i]), WANT[i]), "%s (%s): effect %s, expected %s", s->chars[i].name, s->chars[i].role,
		       effect_of(&s->chars[i]) ? effect_of(&s->chars[i]) : "none", WANT[i] ? WANT[i] : "none");
	/* the parrot is not the girl's child voice: another pitch or voice */
	const json_t *p = s->chars[0].voice, *g = s->chars[4].voice;
	CHECK(!json_equal(json_object_get(p, "pitch"), json_object_get(g, "pitch")) ||
	      !json_equal(json_object_get(p, "voice"), json_object_get(g, "voice")));
	CHECK(json_number_value(json_object_get(p, "pitch")) > 1.4);                          /* a bird is high */
	CHECK(json_number_value(json_object_get(s->chars[1].voice, "pitch")) < 0.9);          /* a dog is low */
	series_free(s);
	static const char *const ZH[][3] = { { "小瑶", "会说话的鹦鹉", "female" }, { "阿黄", "狗", "male" }, { "小铁", "机器人", "male" } };
	s = cast_of("zh", ZH, ARRAY_LEN(ZH));
	CHECKF(voice_cast(s) == 0, "%s", err_msg());
	CHECK(str_eq(effect_of(&s->chars[0]), "bird") && str_eq(effect_of(&s->chars[1]), "beast") && str_eq(effect_of(&s->chars[2]), "robot"));
	CHECK(strstr(json_string_value(json_object_get(s->chars[0].voice, "voice")), "cmn-latn-pinyin"));
	series_free(s);
}

static double corr(const struct voice_clip *a, const struct voice_clip *b, size_t lag)
{
	double num = 0, ea = 0, eb = 0;
	size_t n = a->n < b->n ? a->n : b->n;
	for (size_t i = lag; i < n; i++) {
		num += (double)a->pcm[i] * b->pcm[i - lag];
		ea += (double)a->pcm[i] * a->pcm[i];
		eb += (double)b->pcm[i - lag] * b->pcm[i - lag];
	}
	return ea > 0 && eb > 0 ? num / sqrt(ea * eb) : 0;
}

/* voice-creature-2: each effect is heard */
TEST(voice_creature_2_effects_audible)
{
	struct line l = { .text = "Listen to me. The door is a trap, and they are coming tonight." };
	json_t *dry = json_pack("{s:s,s:s,s:f,s:f}", "engine", "flite", "voice", "kal16", "pitch", 1.0, "rate", 1.0);
	struct voice_clip d;
	CHECKF(voice_synth(dry, &l, "en", &d) == 0, "%s", err_msg());
	for (int e = 0; VOICE_EFFECTS[e]; e++) {
		json_t *v = json_deep_copy(dry);
		json_object_set_new(v, "effect", json_string(VOICE_EFFECTS[e]));
		struct voice_clip c;
		int rc = voice_synth(v, &l, "en", &c);
		json_decref(v);
		CHECKF(rc == 0, "%s: %s", VOICE_EFFECTS[e], err_msg());
		double r = corr(&c, &d, 0);
		int peak = 0;
		for (size_t i = 0; i < c.n; i++) peak = abs(c.pcm[i]) > peak ? abs(c.pcm[i]) : peak;
		printf("  %s: corr with the dry voice %.2f, peak %d, %zu samples (dry %zu)\n", VOICE_EFFECTS[e], r, peak, c.n, d.n);
		CHECKF(c.n == d.n, "%s changed the length", VOICE_EFFECTS[e]);
		CHECKF(r < 0.85, "%s: hardly changed (corr %.2f)", VOICE_EFFECTS[e], r);
		CHECKF(peak < 32767 && peak > 3000, "%s: peak %d", VOICE_EFFECTS[e], peak);
		if (!strcmp(VOICE_EFFECTS[e], "ghost")) {
			/* the echo: the ghost line resembles itself 110 ms later more than the dry one does */
			double g = corr(&c, &c, (size_t)(0.11 * VOICE_RATE)), dd = corr(&d, &d, (size_t)(0.11 * VOICE_RATE));
			CHECKF(g > dd + 0.1, "ghost: no echo (self-corr at 110 ms %.2f vs dry %.2f)", g, dd);
		}
		if (!strcmp(VOICE_EFFECTS[e], "robot")) {
			/* the ring: |x| rises and falls 110 times a second (55 Hz carrier, both half-waves) */
			double at = 0, off = 0;
			for (size_t i = 0; i < c.n; i++) {
				double t = (double)i / VOICE_RATE, a = fabs((double)c.pcm[i]);
				at += a * fabs(sin(2 * M_PI * 55 * t));
				off += a * fabs(cos(2 * M_PI * 55 * t));
			}
			CHECKF(at > 1.3 * off, "robot: no 55 Hz ring (%.0f vs %.0f)", at, off);
		}
		voice_clip_free(&c);
	}
	voice_clip_free(&d);
	/* a storyboard edit with a wrong effect: one clear message */
	json_object_set_new(dry, "effect", json_string("dalek"));
	struct voice_clip c;
	CHECK(voice_synth(dry, &l, "en", &c) < 0);
	CHECKF(strstr(err_msg(), "dalek") && strstr(err_msg(), "robot"), "message: %s", err_msg());
	json_decref(dry);
}
