/* export/walk.c — the one walk over a rendered episode that every export format shares:
 * the shot segments in order (cache/shots/epNN.list, checked against the storyboard's
 * timeline frame by frame), the voiced lines at their frames, the scenes' music cues at
 * their frames with the level the mix gives them, scene markers and the SRT. */
#include "export/export.h"
#include "core/timeline.h"
#include "core/wav.h"
#include "encode/encode.h"
#include "music/music.h"
#include "render/clean.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ex_xml_text(struct sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': sb_add(b, "&amp;"); break;
		case '<': sb_add(b, "&lt;"); break;
		case '>': sb_add(b, "&gt;"); break;
		case '"': sb_add(b, "&quot;"); break;
		case '\'': sb_add(b, "&apos;"); break;
		default: sb_addn(b, s, 1);
		}
	}
}

const struct ex_clip *ex_video_at(const struct ex_episode *e, int64_t frame)
{
	for (size_t i = 0; i < e->n_video; i++)
		if (frame < e->video[i].start + e->video[i].frames) return &e->video[i];
	return e->n_video ? &e->video[e->n_video - 1] : NULL;
}

int64_t ex_us(const struct ex_episode *e, int64_t frames)
{
	return (frames * 1000000 + e->fps / 2) / e->fps;
}

void ex_clips_free(struct ex_clip *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].path);
		free(c[i].src);
		free(c[i].name);
		free(c[i].keys);
		free(c[i].fade);
	}
	free(c);
}

void export_episode_free(struct ex_episode *e)
{
	if (!e) return;
	ex_clips_free(e->video, e->n_video);
	ex_clips_free(e->dialogue, e->n_dialogue);
	ex_clips_free(e->music, e->n_music);
	ex_clips_free(e->effects, e->n_effects);
	ex_stem_free(&e->stem);
	for (size_t i = 0; i < e->n_markers; i++) free(e->markers[i].name);
	free(e->markers);
	for (size_t i = 0; i < e->n_subs; i++) free(e->subs[i].text);
	free(e->subs);
	free(e->title);
	free(e->dir);
	free(e->srt);
	free(e->srt_src);
	memset(e, 0, sizeof *e);
}

/* An audio clip from a project-relative WAV: its length in samples and frames. */
static int audio_clip(const struct project *p, const struct ex_episode *e, const char *rel, const char *what,
                      struct ex_clip *c)
{
	char *path = project_path(p, rel);
	int16_t *pcm = NULL;
	size_t n = 0;
	int rate = 0, ch = 0;
	int rc = wav_read(path, &pcm, &n, &rate, &ch);
	free(pcm);
	if (rc < 0) {
		rc = err_set(ERR_NOTFOUND, "%s: %s (%s); run `drama render %s` first", path, err_msg(), what, p->dir);
		free(path);
		return rc;
	}
	c->src = path;
	c->path = xstrdup(rel);
	c->media_samples = (int64_t)n;
	c->rate = rate;
	c->channels = ch;
	c->media_frames = (int64_t)ceil((double)n * e->fps / rate - 1e-9);
	c->frames = c->media_frames;
	return 0;
}

/* MLT's brightness filter scales the luma (Y * level, not below video black 16); the
 * render blends the picture with black, 16 + a (Y - 16). The level that matches a mid-grey
 * (Y 128) picture: a + (1 - a) 16 / 128. */
static double dip_level(double a) { return a + (1 - a) * 0.125; }

/* The dips to black of clip c (next: the clip after it, or NULL) as brightness keyframes,
 * one a frame, at the render's levels: over a dip of n frames, frame i shows the outgoing
 * picture at 1 - 2u while u = (i + 1) / (n + 1) < 1/2, then the incoming one at 2u - 1.
 * The outgoing clip plays its handle for the first half, the incoming one from there. */
static void dip_keys(struct ex_clip *c, const struct ex_clip *next)
{
	struct sbuf f = { 0 };
	if (!strcmp(c->tr_in, "dip_to_black")) {
		int64_t n = c->tr_frames;
		sb_printf(&f, "%lld=0", (long long)(c->head > 0 ? c->head - 1 : 0));
		for (int64_t i = c->head; i < n; i++) sb_printf(&f, ";%lld=%.4f", (long long)i, dip_level(2.0 * (i + 1) / (n + 1) - 1));
		sb_printf(&f, ";%lld=1", (long long)n);
	}
	if (next && c->tail) {
		int64_t n = next->tr_frames;
		sb_printf(&f, "%s%lld=1", f.len ? ";" : "", (long long)(c->frames - 1));
		for (int64_t i = 0; i < c->tail; i++)
			sb_printf(&f, ";%lld=%.4f", (long long)(c->frames + i), dip_level(1 - 2.0 * (i + 1) / (n + 1)));
	}
	c->fade = f.s;
}

/* The clips show the shots without burned subtitles (render/clean.h: drawn the first
 * time, from the cache afterwards): the subtitles are the editors' own text items. */
static int use_clean(const struct project *p, const struct episode *ep, struct ex_episode *e)
{
	struct render_clean_seg *g = NULL;
	size_t n = 0;
	int rc = render_clean(p, ep, &g, &n, &e->clean);
	if (rc == 0 && n != e->n_video)
		rc = err_set(ERR_GENERIC, "episode %d: %zu clean segments for %zu shots and cards", ep->number, n, e->n_video);
	for (size_t k = 0; k < n && rc == 0; k++) {
		struct ex_clip *c = &e->video[k];
		free(c->path);
		free(c->src);
		c->path = g[k].rel;
		g[k].rel = NULL;
		c->src = project_path(p, c->path);
		c->media_frames = c->frames + g[k].handle;
		snprintf(c->tr_in, sizeof c->tr_in, "%s", g[k].tr_in);
		c->tr_frames = g[k].tr_frames;
		c->head = !strcmp(c->tr_in, "crossfade") ? c->tr_frames : !strcmp(c->tr_in, "dip_to_black") ? c->tr_frames / 2 : 0;
	}
	for (size_t k = 0; k + 1 < n && rc == 0; k++) {
		struct ex_clip *c = &e->video[k], *next = &e->video[k + 1];
		if (!strcmp(next->tr_in, "dip_to_black")) c->tail = next->head;
		dip_keys(c, next);
	}
	if (rc == 0 && n) dip_keys(&e->video[n - 1], NULL);
	render_clean_free(g, n);
	return rc;
}

static int walk_video(const struct project *p, const struct episode *ep, const struct timeline *tl,
                      struct ex_episode *e)
{
	char *rel = xasprintf("cache/shots/ep%02d.list", ep->number);
	char *lp = project_path(p, rel), *txt = NULL;
	size_t len = 0;
	int rc = 0;
	free(rel);
	if (file_read_all(lp, &txt, &len) < 0) {
		rc = err_set(ERR_NOTFOUND, "%s: missing; episode %d has not been rendered: run `drama render %s --episode %d` "
		             "first", lp, ep->number, p->dir, ep->number);
		goto end;
	}
	size_t want = tl->n_shots + 2;
	e->video = xcalloc(want, sizeof *e->video);
	int64_t at = 0;
	char *save = NULL;
	for (char *ln = strtok_r(txt, "\n", &save); ln && rc == 0; ln = strtok_r(NULL, "\n", &save)) {
		size_t k = e->n_video;
		int64_t frames = k == 0 ? tl->title_frames : k <= tl->n_shots ? tl->shots[k - 1].frames
		                                                                : tl->frames - tl->end_start;
		if (k >= want || strlen(ln) != 32) {
			rc = err_set(ERR_INPUT, "%s:%zu: %s; the storyboard changed since the render: run `drama render %s "
			             "--episode %d` again", lp, k + 1, k >= want ? "more segments than the episode has shots"
			             : "not a segment hash", p->dir, ep->number);
			break;
		}
		struct ex_clip *c = &e->video[e->n_video++];
		c->path = xasprintf("cache/shots/%s.mp4", ln);
		c->name = k == 0 ? xstrdup("title") : k > tl->n_shots ? xstrdup("end")
		          : xasprintf("%d.%d %s", tl->shots[k - 1].scene + 1, tl->shots[k - 1].shot + 1,
		                      tl->shots[k - 1].sh->type ? tl->shots[k - 1].sh->type : "shot");
		c->start = at;
		char *mp4 = project_path(p, c->path);
		c->src = xstrdup(mp4);
		int64_t n = 0;
		if (!file_exists(mp4) || enc_count_frames(mp4, &n) < 0)
			rc = err_set(ERR_NOTFOUND, "%s: missing or unreadable (segment %zu of %s); run `drama render %s --episode %d` "
			             "again", mp4, k + 1, lp, p->dir, ep->number);
		else if (n != frames)
			rc = err_set(ERR_INPUT, "%s has %lld frames but the storyboard's timeline gives segment %zu %lld; the "
			             "storyboard changed since the render: run `drama render %s --episode %d` again", mp4,
			             (long long)n, k + 1, (long long)frames, p->dir, ep->number);
		free(mp4);
		c->frames = c->media_frames = frames;
		at += frames;
	}
	if (rc == 0 && e->n_video != want)
		rc = err_set(ERR_INPUT, "%s lists %zu segments, the episode has %zu; run `drama render %s --episode %d` again",
		             lp, e->n_video, want, p->dir, ep->number);
	if (rc == 0) rc = use_clean(p, ep, e);
end:
	free(txt);
	free(lp);
	return rc;
}

static int walk_audio(const struct project *p, const struct episode *ep, const struct timeline *tl,
                      struct ex_episode *e)
{
	int rc = 0;
	e->dialogue = xcalloc(tl->n_shots ? tl->n_shots : 1, sizeof *e->dialogue);
	for (size_t i = 0; i < tl->n_shots && rc == 0; i++) {
		const struct tl_shot *t = &tl->shots[i];
		const struct line *l = t->sh->line;
		if (t->line_start < 0 || !l || !l->audio) continue;
		struct ex_clip *c = &e->dialogue[e->n_dialogue];
		char what[64];
		snprintf(what, sizeof what, "the voice of scene %d shot %d", t->scene + 1, t->shot + 1);
		if ((rc = audio_clip(p, e, l->audio, what, c)) < 0) break;
		e->n_dialogue++;
		c->name = xstrdup(l->speaker ? l->speaker : "narrator");
		c->start = t->line_start;
		for (size_t k = i + 1; k < tl->n_shots; k++)     /* the mix cuts a line at the next one */
			if (tl->shots[k].line_start >= 0) {
				if (c->start + c->frames > tl->shots[k].line_start) c->frames = tl->shots[k].line_start - c->start;
				break;
			}
		if (c->start + c->frames > tl->frames) c->frames = tl->frames - c->start;
	}
	e->music = xcalloc(tl->n_scenes ? tl->n_scenes : 1, sizeof *e->music);
	e->markers = xcalloc(tl->n_scenes ? tl->n_scenes : 1, sizeof *e->markers);
	for (size_t i = 0; i < tl->n_scenes && i < ep->n_scenes && rc == 0; i++) {
		const struct scene *sc = &ep->scenes[i];
		struct ex_marker *m = &e->markers[e->n_markers++];
		m->start = tl->scenes[i].start;
		m->name = sc->heading ? xstrdup(sc->heading) : xasprintf("scene %zu: %s", i + 1, sc->location ? sc->location : "");
		if (!sc->music) continue;
		struct ex_clip *c = &e->music[e->n_music];
		char what[64];
		snprintf(what, sizeof what, "the music of scene %zu", i + 1);
		if ((rc = audio_clip(p, e, sc->music, what, c)) < 0) break;
		e->n_music++;
		c->name = xasprintf("scene %zu %s", i + 1, sc->mood ? sc->mood : "music");
		c->start = i == 0 ? 0 : tl->scenes[i].start;      /* the span the mix plays the cue over */
		if (c->start + c->frames > tl->frames) c->frames = tl->frames - c->start;
		c->gain_db = music_bed_db(sc->mood);
		c->lane = (int)(i % 2);
	}
	return rc;
}

/* "HH:MM:SS,mmm" -> frames (rounded to the nearest); -1 when malformed */
static int64_t srt_time(const char *s, int fps)
{
	int h, m, sec, ms;
	if (sscanf(s, "%d:%d:%d,%d", &h, &m, &sec, &ms) != 4) return -1;
	int64_t t_ms = ((int64_t)h * 3600 + m * 60 + sec) * 1000 + ms;
	return (t_ms * fps + 500) / 1000;
}

/* The subtitles of our own SRT (numbered blocks, "a --> b", text lines, a blank line). A
 * block that does not parse is left out (the SRT is ours; it is also beside the export). */
static void read_srt(const char *path, struct ex_episode *e)
{
	char *txt = NULL;
	if (file_read_all(path, &txt, NULL) < 0) return;
	size_t cap = 0;
	char *save = NULL;
	struct ex_sub *cur = NULL;
	struct sbuf text = { 0 };
	for (char *ln = strtok_r(txt, "\n", &save);; ln = strtok_r(NULL, "\n", &save)) {
		if (ln) str_trim(ln);
		const char *arrow = ln ? strstr(ln, "-->") : NULL;
		if (!ln || arrow) {                      /* a new block begins (or the end): close the last */
			if (cur && text.len) {
				cur->text = xstrdup(text.s);
				e->n_subs++;
			}
			sb_free(&text);
			memset(&text, 0, sizeof text);
			cur = NULL;
			if (!ln) break;
			int64_t a = srt_time(ln, e->fps), b = srt_time(arrow + 3 + strspn(arrow + 3, " "), e->fps);
			if (a < 0 || b <= a) continue;
			xgrow((void **)&e->subs, &cap, e->n_subs + 1, sizeof *e->subs);
			cur = &e->subs[e->n_subs];
			memset(cur, 0, sizeof *cur);
			cur->start = a;
			cur->frames = b - a;
			continue;
		}
		if (!cur || !*ln) continue;
		/* the block's number line comes before its times, so a digits-only line after the
		 * text is the next block's number: it is never text of ours */
		if (strspn(ln, "0123456789") == strlen(ln)) continue;
		if (text.len) sb_add(&text, "\n");
		sb_add(&text, ln);
	}
	free(txt);
	/* no two subtitles overlap (a text track holds one at a time) */
	for (size_t i = 0; i + 1 < e->n_subs; i++)
		if (e->subs[i].start + e->subs[i].frames > e->subs[i + 1].start)
			e->subs[i].frames = e->subs[i + 1].start - e->subs[i].start;
}

int export_walk(const struct project *p, const struct episode *ep, struct ex_episode *e)
{
	memset(e, 0, sizeof *e);
	struct timeline tl = { 0 };
	e->number = ep->number;
	e->fps = p->set.fps > 0 ? p->set.fps : 30;
	e->width = p->set.width;
	e->height = p->set.height;
	char *abs = realpath(p->dir, NULL);
	e->dir = abs ? abs : xstrdup(p->dir);
	e->title = xasprintf("%s — Ep %d%s%s", p->s->title ? p->s->title : "drama", ep->number, ep->title ? ": " : "",
	                     ep->title ? ep->title : "");
	int rc = render_sub_style(&e->sub_style);
	if (rc == 0) rc = timeline_build(p->s, ep, e->fps, &tl);
	if (rc == 0) rc = walk_video(p, ep, &tl, e);
	if (rc == 0) rc = walk_audio(p, ep, &tl, e);
	if (rc == 0) {
		e->frames = tl.frames;
		rc = export_stem(p, ep, &tl, e);
	}
	if (rc == 0) {
		char *srt = xasprintf("ep%02d.srt", ep->number), *sp = project_path(p, srt);
		if (file_exists(sp)) {
			e->srt = srt;
			e->srt_src = sp;
			read_srt(sp, e);
		} else {
			free(srt);
			free(sp);
		}
		rc = export_levels(e);
	}
	timeline_free(&tl);
	if (rc < 0) export_episode_free(e);
	return rc;
}
