/* export/fcpxml.c — FCPXML 1.10 (Final Cut Pro 10.6, DaVinci Resolve's FCPXML import).
 *
 * resources: one <format> (frameDuration 1/fps s, the episode's size) and one <asset> per
 * media file with its <media-rep src>; the library > event > project > sequence > spine
 * holds the shot segments as asset-clips end to end; every dialogue line and music cue is
 * a connected asset-clip (lane -1 dialogue, -2/-3 music alternating) anchored to the
 * shot it starts in, offset in that shot's time (each shot starts at 0 s of its media, so
 * the offset is the frame within the shot); music carries <adjust-volume>; scene
 * markers sit on the shot where the scene starts; subtitles are titles (Basic Title) on
 * lane 1 (the shots carry none burned in). Times are rational seconds
 * ("N/30s"), whole frames. FCPXML's src is a URL: absolute file:// URLs, since Final Cut
 * does not resolve relative ones. */
#include "export/export.h"

#include <stdlib.h>
#include <string.h>

/* a file:// URL of the project file rel (percent-encoding what a URL path cannot hold) */
static void url(struct sbuf *b, const char *dir, const char *rel)
{
	sb_add(b, "file://");
	char *full = xasprintf("%s/%s", dir, rel);
	for (const unsigned char *s = (const unsigned char *)full; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || strchr("/-._~", *s))
			sb_addn(b, (const char *)s, 1);
		else
			sb_printf(b, "%%%02X", *s);
	free(full);
}

static void t(struct sbuf *b, const char *attr, int64_t frames, int fps)
{
	if (frames == 0) sb_printf(b, " %s=\"0s\"", attr);
	else sb_printf(b, " %s=\"%lld/%ds\"", attr, (long long)frames, fps);
}

static void asset(struct sbuf *b, const struct ex_episode *e, const char *id, const struct ex_clip *c)
{
	sb_printf(b, "    <asset id=\"%s\" name=\"", id);
	ex_xml_text(b, c->name);
	sb_add(b, "\" start=\"0s\"");
	if (c->rate)
		sb_printf(b, " duration=\"%lld/%ds\" hasAudio=\"1\" audioSources=\"1\" audioChannels=\"%d\" audioRate=\"%d\"",
		          (long long)c->media_samples, c->rate, c->channels, c->rate);
	else {
		t(b, "duration", c->media_frames, e->fps);
		sb_add(b, " hasVideo=\"1\" videoSources=\"1\" format=\"r1\"");
	}
	sb_add(b, ">\n      <media-rep kind=\"original-media\" src=\"");
	url(b, e->dir, c->path);
	sb_add(b, "\"/>\n    </asset>\n");
}

static void connected(struct sbuf *b, const struct ex_episode *e, const char *id, const struct ex_clip *c, int lane,
                      const struct ex_clip *host)
{
	sb_printf(b, "              <asset-clip ref=\"%s\" lane=\"%d\"", id, lane);
	t(b, "offset", c->start - host->start, e->fps);
	t(b, "duration", c->frames, e->fps);
	sb_add(b, " start=\"0s\" name=\"");
	ex_xml_text(b, c->name);
	sb_add(b, "\"");
	if (c->gain_db != 0) sb_printf(b, ">\n                <adjust-volume amount=\"%.2fdB\"/>\n              </asset-clip>\n",
	                               c->gain_db);
	else sb_add(b, "/>\n");
}

/* A subtitle as a title on lane 1, white with a black outline (the shots carry none
 * burned in: render/clean.h). */
static void title(struct sbuf *b, const struct ex_episode *e, const struct ex_sub *sub, size_t i,
                  const struct ex_clip *host)
{
	sb_add(b, "              <title ref=\"title\" lane=\"1\"");
	t(b, "offset", sub->start - host->start, e->fps);
	t(b, "duration", sub->frames, e->fps);
	sb_add(b, " start=\"0s\" name=\"");
	ex_xml_text(b, sub->text);
	sb_printf(b, "\">\n                <text><text-style ref=\"ts%zu\">", i);
	ex_xml_text(b, sub->text);
	sb_printf(b, "</text-style></text>\n                <text-style-def id=\"ts%zu\"><text-style font=\"Noto Sans CJK SC\" "
	          "fontSize=\"%d\" fontColor=\"1 1 1 1\" strokeColor=\"0 0 0 1\" strokeWidth=\"3\" alignment=\"center\"/>"
	          "</text-style-def>\n              </title>\n", i, e->height / 30 > 10 ? e->height / 30 : 10);
}

int export_fcpxml(const struct ex_episode *e, struct sbuf *b)
{
	char id[32];
	sb_add(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE fcpxml>\n<fcpxml version=\"1.10\">\n  <resources>\n");
	sb_printf(b, "    <format id=\"r1\" frameDuration=\"1/%ds\" width=\"%d\" height=\"%d\" colorSpace=\"1-1-1 (Rec. 709)\"/>\n",
	          e->fps, e->width, e->height);
	for (size_t i = 0; i < e->n_video; i++) { snprintf(id, sizeof id, "v%zu", i); asset(b, e, id, &e->video[i]); }
	for (size_t i = 0; i < e->n_dialogue; i++) { snprintf(id, sizeof id, "d%zu", i); asset(b, e, id, &e->dialogue[i]); }
	for (size_t i = 0; i < e->n_music; i++) { snprintf(id, sizeof id, "m%zu", i); asset(b, e, id, &e->music[i]); }
	for (size_t i = 0; i < e->n_effects; i++) { snprintf(id, sizeof id, "x%zu", i); asset(b, e, id, &e->effects[i]); }
	for (size_t i = 0; i < e->n_video; i++)
		if (!strcmp(e->video[i].tr_in, "crossfade")) {   /* Final Cut's Cross Dissolve */
			sb_add(b, "    <effect id=\"xd\" name=\"Cross Dissolve\" uid=\"FxPlug:4731E73A-8DAC-4113-9A30-AE85B1761265\"/>\n");
			break;
		}
	if (e->n_subs)   /* Final Cut's own Basic Title, which Resolve maps to its text */
		sb_add(b, "    <effect id=\"title\" name=\"Basic Title\" uid=\".../Titles.localized/Bumper:Opener.localized/"
		          "Basic Title.localized/Basic Title.moti\"/>\n");
	sb_add(b, "  </resources>\n  <library>\n    <event name=\"drama\">\n      <project name=\"");
	ex_xml_text(b, e->title);
	sb_add(b, "\">\n        <sequence format=\"r1\"");
	t(b, "duration", e->frames, e->fps);
	sb_add(b, " tcStart=\"0s\" tcFormat=\"NDF\" audioLayout=\"stereo\" audioRate=\"48k\">\n          <spine>\n");
	for (size_t v = 0; v < e->n_video; v++) {
		const struct ex_clip *s = &e->video[v];
		if (v > 0 && !strcmp(s->tr_in, "crossfade") && s->tr_frames > 0) {   /* after the cut, over the handle */
			sb_add(b, "            <transition name=\"Cross Dissolve\"");
			t(b, "offset", s->start, e->fps);
			t(b, "duration", s->tr_frames, e->fps);
			sb_add(b, ">\n              <filter-video ref=\"xd\" name=\"Cross Dissolve\"/>\n            </transition>\n");
		}
		sb_printf(b, "            <asset-clip ref=\"v%zu\"", v);
		t(b, "offset", s->start, e->fps);
		t(b, "duration", s->frames, e->fps);
		sb_add(b, " start=\"0s\" format=\"r1\" name=\"");
		ex_xml_text(b, s->name);
		sb_add(b, "\">\n");
		for (size_t i = 0; i < e->n_dialogue; i++)
			if (ex_video_at(e, e->dialogue[i].start) == s) {
				snprintf(id, sizeof id, "d%zu", i);
				connected(b, e, id, &e->dialogue[i], -1, s);
			}
		for (size_t i = 0; i < e->n_music; i++)
			if (ex_video_at(e, e->music[i].start) == s) {
				snprintf(id, sizeof id, "m%zu", i);
				connected(b, e, id, &e->music[i], -2 - e->music[i].lane, s);
			}
		for (size_t i = 0; i < e->n_effects; i++)
			if (ex_video_at(e, e->effects[i].start) == s) {
				snprintf(id, sizeof id, "x%zu", i);
				connected(b, e, id, &e->effects[i], -4, s);
			}
		for (size_t i = 0; i < e->n_subs; i++)
			if (e->subs[i].frames > 0 && ex_video_at(e, e->subs[i].start) == s) title(b, e, &e->subs[i], i, s);
		for (size_t i = 0; i < e->n_markers; i++)
			if (ex_video_at(e, e->markers[i].start) == s) {
				sb_add(b, "              <marker");
				t(b, "start", e->markers[i].start - s->start, e->fps);
				t(b, "duration", 1, e->fps);
				sb_add(b, " value=\"");
				ex_xml_text(b, e->markers[i].name);
				sb_add(b, "\"/>\n");
			}
		sb_add(b, "            </asset-clip>\n");
	}
	sb_add(b, "          </spine>\n        </sequence>\n      </project>\n    </event>\n  </library>\n</fcpxml>\n");
	return 0;
}
