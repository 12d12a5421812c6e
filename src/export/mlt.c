/* export/mlt.c — MLT XML (Shotcut, Kdenlive's engine, melt).
 *
 * One producer per media file (avformat), one playlist per track: V1 the shot segments
 * end to end; A1 the dialogue lines, blanks between them; A2/A3 the scene cues
 * alternating (they overlap by the crossfade), each with a volume filter at the level the
 * mix plays it (the duck as keyframes). The tractor stacks Shotcut's black "background"
 * track 0 and the playlists, and sums every track's audio into track 0 with "mix"
 * transitions (always_active, sum), which is how Shotcut lays out a timeline (without the
 * background track Shotcut 22.12 stretched the first clip over the whole episode).
 * Resources are relative (media/...): MLT resolves them against the XML file's folder.
 * The shots carry no burned subtitles (render/clean.h); the subtitles are a track of their
 * own above V1, "V2 subtitles" (Debian's Shotcut 22.12 has no subtitle track): one clip
 * per subtitle, a transparent colour clip with Shotcut's "Text: Simple" filter
 * (dynamictext) in our subtitle style, blended onto V1 (frei0r.cairoblend). The track is hidden
 * (hide="video"): the creator shows it with its eye button, or keeps the picture clean
 * for a platform's own captions; epNN.srt is beside it. */
#include "export/export.h"

#include <stdio.h>
#include <string.h>

void ex_mlt_prop(struct sbuf *b, const char *ind, const char *name, const char *val)
{
	sb_printf(b, "%s<property name=\"%s\">", ind, name);
	ex_xml_text(b, val);
	sb_add(b, "</property>\n");
}
#define prop ex_mlt_prop

void ex_mlt_producer(struct sbuf *b, const char *id, const struct ex_clip *c, int kdenlive_id)
{
	int64_t len = c->media_frames > c->frames ? c->media_frames : c->frames;
	sb_printf(b, "  <producer id=\"%s\" in=\"0\" out=\"%lld\">\n", id, (long long)(len - 1));
	sb_printf(b, "    <property name=\"length\">%lld</property>\n", (long long)len);
	prop(b, "    ", "resource", c->path);
	prop(b, "    ", "mlt_service", "avformat");
	prop(b, "    ", "shotcut:caption", c->name);
	if (kdenlive_id >= 0) {
		sb_printf(b, "    <property name=\"kdenlive:id\">%d</property>\n", kdenlive_id);
		prop(b, "    ", "kdenlive:clipname", c->name);
		prop(b, "    ", "kdenlive:clip_type", c->rate ? "1" : "2");   /* audio only, video only */
		prop(b, "    ", "kdenlive:folderid", "-1");
	}
	if (c->gain_db != 0 || c->n_keys) {
		/* the clip's level in dB; the duck as keyframes ("frame=dB;..."), frames from the
		 * clip's start, linear between them */
		sb_add(b, "    <filter>\n");
		prop(b, "      ", "mlt_service", "volume");
		prop(b, "      ", "kdenlive_id", "volume");
		prop(b, "      ", "shotcut:filter", "audioGain");
		sb_add(b, "      <property name=\"level\">");
		if (!c->n_keys) sb_printf(b, "%.2f", c->gain_db);
		for (size_t k = 0; k < c->n_keys; k++)
			sb_printf(b, "%s%lld=%.2f", k ? ";" : "", (long long)(c->keys[k].frame - c->start), c->gain_db + c->keys[k].db);
		sb_add(b, "</property>\n    </filter>\n");
	}
	if (c->fade) {       /* the dips to black: Shotcut's and Kdenlive's brightness filter */
		sb_add(b, "    <filter>\n");
		prop(b, "      ", "mlt_service", "brightness");
		prop(b, "      ", "kdenlive_id", "brightness");
		prop(b, "      ", "shotcut:filter", "brightness");
		prop(b, "      ", "level", c->fade);
		sb_add(b, "    </filter>\n");
	}
	sb_add(b, "  </producer>\n");
}

void ex_mlt_black(struct sbuf *b, const struct ex_episode *e, const char *id, const char *colour, const char *eof)
{
	sb_printf(b, "  <producer id=\"%s\" in=\"0\" out=\"%lld\">\n", id, (long long)(e->frames - 1));
	sb_printf(b, "    <property name=\"length\">%lld</property>\n", (long long)e->frames);
	prop(b, "    ", "eof", eof);
	prop(b, "    ", "resource", colour);
	prop(b, "    ", "aspect_ratio", "1");
	prop(b, "    ", "mlt_service", "color");
	prop(b, "    ", "set.test_audio", "0");
	sb_add(b, "  </producer>\n");
}

static int crossfade_in(const struct ex_clip *c) { return !strcmp(c->tr_in, "crossfade") && c->tr_frames > 0; }

/* The crossfades as Shotcut keeps a transition on one track: a tractor of the outgoing
 * shot (its last frame, then its handle: that frame held) and the incoming shot's first
 * frames, dissolved by a luma transition without a wipe picture. It starts one frame
 * before the cut so that luma's mix (position / length) steps as the render's does,
 * (i + 1) / (n + 1) over the n frames after the cut; the incoming shot waits a frame. */
static void xfades(struct sbuf *b, const struct ex_episode *e)
{
	for (size_t i = 1; i < e->n_video; i++) {
		const struct ex_clip *a = &e->video[i - 1], *c = &e->video[i];
		if (!crossfade_in(c)) continue;
		long long n = (long long)c->tr_frames, f = (long long)a->frames;
		sb_printf(b, "  <playlist id=\"xfadein%zu\">\n    <blank length=\"1\"/>\n", i);
		sb_printf(b, "    <entry producer=\"shot%zu\" in=\"0\" out=\"%lld\"/>\n  </playlist>\n", i, n - 1);
		sb_printf(b, "  <tractor id=\"xfade%zu\" in=\"0\" out=\"%lld\">\n", i, n);
		prop(b, "    ", "shotcut:transition", "lumaMix");
		sb_printf(b, "    <track producer=\"shot%zu\" in=\"%lld\" out=\"%lld\"/>\n", i - 1, f - 1, f + n - 1);
		sb_printf(b, "    <track producer=\"xfadein%zu\"/>\n", i);
		sb_printf(b, "    <transition in=\"0\" out=\"%lld\">\n", n);
		sb_add(b, "      <property name=\"a_track\">0</property>\n      <property name=\"b_track\">1</property>\n");
		prop(b, "      ", "factory", "loader");
		prop(b, "      ", "mlt_service", "luma");
		sb_add(b, "    </transition>\n  </tractor>\n");
	}
}

/* V1: each shot from its head to its end and tail, after the crossfade into it (xfades). */
static void video_playlist(struct sbuf *b, const struct ex_episode *e)
{
	sb_add(b, "  <playlist id=\"video\">\n");
	prop(b, "    ", "shotcut:video", "1");
	prop(b, "    ", "shotcut:name", "V1 shots");
	for (size_t i = 0; i < e->n_video; i++) {
		const struct ex_clip *c = &e->video[i];
		int into_xfade = i + 1 < e->n_video && crossfade_in(&e->video[i + 1]);   /* its last frame is there */
		if (crossfade_in(c))
			sb_printf(b, "    <entry producer=\"xfade%zu\" in=\"0\" out=\"%lld\"/>\n", i, (long long)c->tr_frames);
		sb_printf(b, "    <entry producer=\"shot%zu\" in=\"%lld\" out=\"%lld\"/>\n", i, (long long)c->head,
		          (long long)(c->frames - 1 + c->tail - into_xfade));
	}
	sb_add(b, "  </playlist>\n");
}

/* A playlist of clips (sorted, not overlapping) with blanks between them. */
static void playlist(struct sbuf *b, const char *id, const char *name, int audio, const char *prefix,
                     const struct ex_clip *c, size_t n, int lane)
{
	sb_printf(b, "  <playlist id=\"%s\">\n", id);
	prop(b, "    ", audio ? "shotcut:audio" : "shotcut:video", "1");
	prop(b, "    ", "shotcut:name", name);
	ex_mlt_entries(b, prefix, c, n, lane, -1);
	sb_add(b, "  </playlist>\n");
}

void ex_mlt_entries(struct sbuf *b, const char *prefix, const struct ex_clip *c, size_t n, int lane, int kdenlive_id0)
{
	int64_t at = 0;
	for (size_t i = 0; i < n; i++) {
		if (lane >= 0 && c[i].lane != lane) continue;
		if (c[i].start > at) sb_printf(b, "    <blank length=\"%lld\"/>\n", (long long)(c[i].start - at));
		sb_printf(b, "    <entry producer=\"%s%zu\" in=\"0\" out=\"%lld\"", prefix, i, (long long)(c[i].frames - 1));
		if (kdenlive_id0 >= 0)
			sb_printf(b, ">\n      <property name=\"kdenlive:id\">%zu</property>\n    </entry>\n", (size_t)kdenlive_id0 + i);
		else
			sb_add(b, "/>\n");
		at = c[i].start + c[i].frames;
	}
}

void ex_mlt_profile(struct sbuf *b, const struct ex_episode *e)
{
	sb_printf(b, "  <profile description=\"drama %dx%d %d fps\" width=\"%d\" height=\"%d\" progressive=\"1\" "
	          "sample_aspect_num=\"1\" sample_aspect_den=\"1\" display_aspect_num=\"%d\" display_aspect_den=\"%d\" "
	          "frame_rate_num=\"%d\" frame_rate_den=\"1\" colorspace=\"709\"/>\n",
	          e->width, e->height, e->fps, e->width, e->height, e->width, e->height, e->fps);
}

/* "HH:MM:SS.mmm" of frame f */
static void clock_time(struct sbuf *b, int64_t f, int fps)
{
	int64_t ms = f * 1000 / fps;
	sb_printf(b, "%02lld:%02lld:%02lld.%03lld", (long long)(ms / 3600000), (long long)(ms / 60000 % 60),
	          (long long)(ms / 1000 % 60), (long long)(ms % 1000));
}

/* the scene markers as Shotcut keeps its timeline markers (a nested property set) */
static void shotcut_markers(struct sbuf *b, const struct ex_episode *e)
{
	if (!e->n_markers) return;
	sb_add(b, "    <properties name=\"shotcut:markers\">\n");
	for (size_t i = 0; i < e->n_markers; i++) {
		sb_printf(b, "      <properties name=\"%zu\">\n", i);
		prop(b, "        ", "text", e->markers[i].name);
		for (int k = 0; k < 2; k++) {
			sb_printf(b, "        <property name=\"%s\">", k ? "end" : "start");
			clock_time(b, e->markers[i].start, e->fps);
			sb_add(b, "</property>\n");
		}
		prop(b, "        ", "color", "#ff0000");
		sb_add(b, "      </properties>\n");
	}
	sb_add(b, "    </properties>\n");
}

/* "#AARRGGBB" of a 0..1 RGB colour, opaque */
static void colour(char out[10], const double rgb[3])
{
	snprintf(out, 10, "#ff%02x%02x%02x", (int)(rgb[0] * 255 + 0.5), (int)(rgb[1] * 255 + 0.5), (int)(rgb[2] * 255 + 0.5));
}

/* The subtitles: one transparent colour producer per subtitle with a dynamictext filter
 * in the render's subtitle style (font, size, outline, colours; centred in its box). */
static void sub_producers(struct sbuf *b, const struct ex_episode *e)
{
	const struct render_sub_style *st = &e->sub_style;
	int px = (int)(st->size * e->width + 0.5), x = (int)((st->cx - st->max_w / 2) * e->width + 0.5);
	int y = (int)(st->top * e->height + 0.5), w = (int)(st->max_w * e->width + 0.5);
	int h = (int)((st->bottom - st->top) * e->height + 0.5);
	char fill[10], stroke[10];
	colour(fill, st->fill);
	colour(stroke, st->stroke);
	for (size_t i = 0; i < e->n_subs; i++) {
		const struct ex_sub *s = &e->subs[i];
		if (s->frames <= 0) continue;
		sb_printf(b, "  <producer id=\"sub%zu\" in=\"0\" out=\"%lld\">\n", i, (long long)(s->frames - 1));
		sb_printf(b, "    <property name=\"length\">%lld</property>\n", (long long)s->frames);
		prop(b, "    ", "resource", "#00000000");
		prop(b, "    ", "mlt_service", "color");
		prop(b, "    ", "mlt_image_format", "rgba");
		prop(b, "    ", "shotcut:caption", s->text);
		prop(b, "    ", "set.test_audio", "0");
		sb_add(b, "    <filter>\n");
		prop(b, "      ", "mlt_service", "dynamictext");
		prop(b, "      ", "shotcut:filter", "dynamicText");
		prop(b, "      ", "argument", s->text);
		sb_printf(b, "      <property name=\"geometry\">%d %d %d %d 1</property>\n", x, y, w, h);
		prop(b, "      ", "family", st->font);
		sb_printf(b, "      <property name=\"size\">%d</property>\n", px > 1 ? px : 1);
		prop(b, "      ", "weight", "700");
		prop(b, "      ", "fgcolour", fill);
		prop(b, "      ", "bgcolour", "#00000000");
		prop(b, "      ", "olcolour", stroke);
		sb_printf(b, "      <property name=\"outline\">%d</property>\n", (int)(st->outline * px + 0.5));
		prop(b, "      ", "halign", "center");
		prop(b, "      ", "valign", "middle");
		sb_add(b, "    </filter>\n  </producer>\n");
	}
}

static void sub_playlist(struct sbuf *b, const struct ex_episode *e)
{
	sb_add(b, "  <playlist id=\"subtitles\">\n");
	prop(b, "    ", "shotcut:video", "1");
	prop(b, "    ", "shotcut:name", "V2 subtitles");
	int64_t at = 0;
	for (size_t i = 0; i < e->n_subs; i++) {
		const struct ex_sub *s = &e->subs[i];
		if (s->frames <= 0) continue;
		if (s->start > at) sb_printf(b, "    <blank length=\"%lld\"/>\n", (long long)(s->start - at));
		sb_printf(b, "    <entry producer=\"sub%zu\" in=\"0\" out=\"%lld\"/>\n", i, (long long)(s->frames - 1));
		at = s->start + s->frames;
	}
	sb_add(b, "  </playlist>\n");
}

void ex_mlt_limiter(struct sbuf *b, const char *ind)
{
	/* the mix's limiter: ceiling 1.9 dB under full scale (mix.c MIX_CEILING_DB - 0.4), 5 ms ahead, 80 ms release; no
	 * automatic make-up gain (ffmpeg's alimiter has it on by default) */
	char in[16];
	snprintf(in, sizeof in, "%s  ", ind);
	sb_printf(b, "%s<filter>\n", ind);
	prop(b, in, "mlt_service", "avfilter.alimiter");
	prop(b, in, "av.limit", "0.804");
	prop(b, in, "av.attack", "5");
	prop(b, in, "av.release", "80");
	prop(b, in, "av.level", "0");
	prop(b, in, "shotcut:name", "limiter (the mix's)");
	sb_printf(b, "%s</filter>\n", ind);
}

int export_mlt(const struct ex_episode *e, struct sbuf *b)
{
	char id[32];
	sb_add(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<mlt LC_NUMERIC=\"C\" version=\"7.0.0\" title=\"");
	ex_xml_text(b, e->title);
	sb_add(b, "\" producer=\"main\">\n");
	ex_mlt_profile(b, e);
	for (size_t i = 0; i < e->n_video; i++) {
		snprintf(id, sizeof id, "shot%zu", i);
		ex_mlt_producer(b, id, &e->video[i], -1);
	}
	for (size_t i = 0; i < e->n_dialogue; i++) {
		snprintf(id, sizeof id, "line%zu", i);
		ex_mlt_producer(b, id, &e->dialogue[i], -1);
	}
	for (size_t i = 0; i < e->n_music; i++) {
		snprintf(id, sizeof id, "music%zu", i);
		ex_mlt_producer(b, id, &e->music[i], -1);
	}
	for (size_t i = 0; i < e->n_effects; i++) {
		snprintf(id, sizeof id, "effects%zu", i);
		ex_mlt_producer(b, id, &e->effects[i], -1);
	}
	/* Shotcut's timeline has a hidden black "background" track 0 under the others */
	sub_producers(b, e);
	ex_mlt_black(b, e, "black", "0", "pause");
	sb_printf(b, "  <playlist id=\"background\">\n    <entry producer=\"black\" in=\"0\" out=\"%lld\"/>\n"
	          "  </playlist>\n", (long long)(e->frames - 1));
	xfades(b, e);
	video_playlist(b, e);
	playlist(b, "dialogue", "A1 dialogue", 1, "line", e->dialogue, e->n_dialogue, -1);
	playlist(b, "musicA", "A2 music", 1, "music", e->music, e->n_music, 0);
	playlist(b, "musicB", "A3 music", 1, "music", e->music, e->n_music, 1);
	playlist(b, "effects", "A4 ambience + effects", 1, "effects", e->effects, e->n_effects, -1);
	sub_playlist(b, e);
	sb_printf(b, "  <tractor id=\"main\" in=\"0\" out=\"%lld\">\n", (long long)(e->frames - 1));
	prop(b, "    ", "shotcut", "1");
	if (e->srt) prop(b, "    ", "drama:subtitles", e->srt);   /* the sidecar too */
	shotcut_markers(b, e);
	sb_add(b, "    <track producer=\"background\"/>\n    <track producer=\"video\"/>\n");
	static const char *const audio[] = { "dialogue", "musicA", "musicB", "effects" };
	for (size_t i = 0; i < 4; i++) sb_printf(b, "    <track producer=\"%s\" hide=\"video\"/>\n", audio[i]);
	sb_add(b, "    <track producer=\"subtitles\" hide=\"video\"/>\n");   /* V2, hidden until shown */
	sb_add(b, "    <transition>\n      <property name=\"a_track\">1</property>\n      <property name=\"b_track\">6</property>\n");
	prop(b, "      ", "mlt_service", "frei0r.cairoblend");   /* Shotcut's blend (qtblend lost the alpha) */
	sb_add(b, "    </transition>\n");
	for (int t = 1; t <= 5; t++) {
		sb_add(b, "    <transition>\n");
		sb_printf(b, "      <property name=\"a_track\">0</property>\n      <property name=\"b_track\">%d</property>\n", t);
		prop(b, "      ", "mlt_service", "mix");
		prop(b, "      ", "always_active", "1");
		prop(b, "      ", "sum", "1");
		sb_add(b, "    </transition>\n");
	}
	ex_mlt_limiter(b, "    ");
	sb_add(b, "  </tractor>\n</mlt>\n");
	return 0;
}
