/* tests/test_voice_cast.c — the focus of this file is that casting makes the main
 * characters sound distinct in the audio, not only in storyboard.json: characters who
 * share an engine voice are told apart by a measured pitch (median F0) difference, and
 * no adult gets raised formants (timbre > 1 costs intelligibility: see the comment in
 * data/voice/casting.json and `make bench B=voice_wer`). */
#include "test.h"
#include "core/util.h"
#include "core/model.h"
#include "voice/voice.h"
#include "voice/voice_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Median F0 (Hz) of the voiced 40 ms frames of a clip (autocorrelation, 60..450 Hz). */
static double median_f0(const struct voice_clip *c)
{
	size_t fl = VOICE_RATE / 25, hop = VOICE_RATE / 100, n = 0;
	double *f0 = xmalloc((c->n / hop + 1) * sizeof *f0);
	for (size_t a = 0; a + fl <= c->n; a += hop) {
		double best = 0;
		size_t best_lag = 0;
		for (size_t lag = VOICE_RATE / 450; lag <= VOICE_RATE / 60; lag++) {
			double num = 0, e1 = 0, e2 = 0;
			for (size_t i = 0; i + lag < fl; i += 3) {
				double x = c->pcm[a + i], y = c->pcm[a + i + lag];
				num += x * y; e1 += x * x; e2 += y * y;
			}
			double r = e1 > 1e6 && e2 > 1e6 ? num / sqrt(e1 * e2) : 0;
			if (r > best) { best = r; best_lag = lag; }
		}
		if (best > 0.7) f0[n++] = (double)VOICE_RATE / best_lag;
	}
	double m = 0;
	if (n) { qsort(f0, n, sizeof *f0, cmp_d); m = f0[n / 2]; }
	free(f0);
	return m;
}

/* voice-cast-1: a typical cast (three women, three men) as the listener hears it */
TEST(voice_cast_audibly_distinct)
{
	struct series *s = series_new();
	s->lang = xstrdup("en");
	static const struct { const char *name, *gender, *role; int age; } C[] = {
		{ "Chloe", "female", "tea shop owner", 24 }, { "Lang", "male", "prince", 24 }, { "Hua", "female", "rival", 26 },
		{ "Quinn", "male", "landlord", 50 }, { "Ava", "female", "best friend", 23 }, { "Tao", "male", "servant", 30 },
	};
	for (size_t i = 0; i < ARRAY_LEN(C); i++) {
		struct character *c = series_add_character(s);
		c->name = xstrdup(C[i].name); c->gender = xstrdup(C[i].gender); c->role = xstrdup(C[i].role); c->age = C[i].age;
	}
	CHECKF(voice_cast(s) == 0, "%s", err_msg());
	double f0[ARRAY_LEN(C)];
	for (size_t i = 0; i < s->n_chars; i++) {
		const json_t *v = s->chars[i].voice;
		double timbre = json_is_number(json_object_get(v, "timbre")) ? json_number_value(json_object_get(v, "timbre")) : 1.0;
		CHECKF(timbre <= 1.0 + 1e-9, "%s (adult) cast with raised formants, timbre %.2f", s->chars[i].name, timbre);
		struct line l = { .text = "I came back for the tea, and I am not leaving without it." };
		struct voice_clip c;
		CHECKF(voice_synth(v, &l, "en", &c) == 0, "%s", err_msg());
		f0[i] = median_f0(&c);
		voice_clip_free(&c);
		CHECKF(f0[i] > 60, "%s: no pitch measured", s->chars[i].name);
		fprintf(stderr, "  %s: %s, median F0 %.0f Hz\n", s->chars[i].name, json_string_value(json_object_get(v, "voice")), f0[i]);
	}
	for (size_t i = 0; i < s->n_chars; i++)
		for (size_t k = i + 1; k < s->n_chars; k++) {
			const char *vi = json_string_value(json_object_get(s->chars[i].voice, "voice"));
			const char *vk = json_string_value(json_object_get(s->chars[k].voice, "voice"));
			if (strcmp(vi, vk)) continue;          /* different speakers */
			double r = f0[i] > f0[k] ? f0[i] / f0[k] : f0[k] / f0[i];
			CHECKF(r >= 1.06, "%s and %s both speak with %s at %.0f Hz and %.0f Hz (%.1f%% apart, want >= 6%%)",
			       s->chars[i].name, s->chars[k].name, vi, f0[i], f0[k], (r - 1) * 100);
		}
	series_free(s);
}
