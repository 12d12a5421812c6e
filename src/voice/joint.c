/* voice/joint.c — a joint cue ("BOB AND ALICE", "BOB & ALICE & CAROL") speaks with
 * every voice in it: the speaker's, line.with's and each of line.also's. The clips of
 * the same text, one per voice, are added sample by sample from their common start,
 * each at 1/sqrt(n) of its level (two voices: -3 dB each, so speech that is not in
 * phase sums to about the level of one voice) and the sum goes through the soft knee
 * of the gain stage, so it never wraps. */
#include "voice/voice_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const json_t *voice_for(const struct series *s, const struct line *l)
{
	if (!l->speaker) return s->narrator_voice;
	const struct character *c = series_find_character(s, l->speaker);
	if (!c) {
		log_warn("voice", "line \"%.30s\": no character \"%s\"; using the narrator's voice", l->text ? l->text : "", l->speaker);
		return s->narrator_voice;
	}
	return c->voice;
}

size_t voice_line_voices(const struct series *s, const struct line *l, const json_t ***v)
{
	size_t n = 0;
	*v = xcalloc(2 + l->n_also, sizeof **v);
	(*v)[n++] = voice_for(s, l);
	for (size_t k = 0; k <= l->n_also; k++) {
		const char *name = k == 0 ? l->with : l->also[k - 1];
		if (!name) continue;
		const struct character *w = series_find_character(s, name);
		if (!w) {
			log_warn("voice", "line \"%.30s\": no character \"%s\" to speak with %s; voiced without that voice",
			         l->text ? l->text : "", name, l->speaker ? l->speaker : "the narrator");
			continue;
		}
		(*v)[n++] = w->voice;
	}
	return n;
}

int voice_line_synth(const json_t *const *v, size_t n, const struct line *l, const char *lang, struct voice_clip *out)
{
	if (n == 1) return voice_synth(v[0], l, lang, out);
	struct voice_clip *c = xcalloc(n, sizeof *c);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) rc = voice_synth(v[i], l, lang, &c[i]);
	if (rc == 0) rc = voice_mix(c, n, out);
	else memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) voice_clip_free(&c[i]);
	free(c);
	return rc;
}

int voice_mix(struct voice_clip *clips, size_t n, struct voice_clip *out)
{
	memset(out, 0, sizeof *out);
	if (!clips || !n) return err_set(ERR_INPUT, "voice: nothing to mix (no clips)");
	size_t len = 0;
	for (size_t k = 0; k < n; k++) if (clips[k].n > len) len = clips[k].n;
	double g = 1.0 / sqrt((double)n);
	out->pcm = xcalloc(len ? len : 1, sizeof *out->pcm);
	out->n = len;
	for (size_t i = 0; i < len; i++) {
		double x = 0;
		for (size_t k = 0; k < n; k++) if (i < clips[k].n) x += clips[k].pcm[i] * g;
		out->pcm[i] = vsoft_clip(x / 32768.0);
	}
	/* timing and visemes of the first voice; the longest voice sets the length (the
	 * mouths rest, 'X', after the first voice's last viseme) */
	out->t = clips[0].t;
	memset(&clips[0].t, 0, sizeof clips[0].t);
	out->t.duration = (double)len / VOICE_RATE;
	return 0;
}
