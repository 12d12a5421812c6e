/* export/otio.c — OpenTimelineIO JSON (.otio): Timeline.1 > Stack.1 > Track.1 (Video,
 * Audio) > Clip.2 / Gap.1, each Clip with one ExternalReference.1 (target_url relative to
 * the .otio file, available_range = the whole media) and a source_range from the media's
 * start, all times RationalTime.1 at the episode's frame rate. OTIO has no standard clip
 * volume: the level goes into the clip's metadata under "drama" (gain_db). Scene markers
 * (Marker.2, red) and one green marker per subtitle spanning it (its text as name and
 * comment) sit on the Stack. Written with jansson, so strings are escaped as JSON needs. */
#include "export/export.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *rt(double value, int rate)
{
	return json_pack("{s:s, s:f, s:f}", "OTIO_SCHEMA", "RationalTime.1", "rate", (double)rate, "value", value);
}

static json_t *range(int64_t start, int64_t dur, int rate)
{
	return json_pack("{s:s, s:o, s:o}", "OTIO_SCHEMA", "TimeRange.1", "start_time", rt((double)start, rate),
	                 "duration", rt((double)dur, rate));
}

static json_t *item(const char *schema, const char *name, int64_t dur, int rate)
{
	return json_pack("{s:s, s:s, s:o, s:[], s:[], s:{}, s:b}", "OTIO_SCHEMA", schema, "name", name ? name : "",
	                 "source_range", range(0, dur, rate), "effects", "markers", "metadata", "enabled", 1);
}

static json_t *clip(const struct ex_clip *c, int rate)
{
	json_t *j = item("Clip.2", c->name, c->frames, rate);
	json_t *ref = json_pack("{s:s, s:s, s:s, s:o, s:{}}", "OTIO_SCHEMA", "ExternalReference.1", "name", c->path,
	                        "target_url", c->path, "available_range", range(0, c->media_frames, rate), "metadata");
	json_object_set_new(j, "media_references", json_pack("{s:o}", "DEFAULT_MEDIA", ref));
	json_object_set_new(j, "active_media_reference_key", json_string("DEFAULT_MEDIA"));
	if (c->rate)
		json_object_set_new(json_object_get(j, "metadata"), "drama",
		                    json_pack("{s:f, s:i, s:i}", "gain_db", c->gain_db, "sample_rate", c->rate, "channels",
		                              c->channels));
	return j;
}

/* A track of the clips (sorted, not overlapping; lane < 0: all), with gaps between. */
static json_t *track(const char *name, const char *kind, const struct ex_clip *c, size_t n, int lane, int rate)
{
	json_t *kids = json_array();
	int64_t at = 0;
	for (size_t i = 0; i < n; i++) {
		if (lane >= 0 && c[i].lane != lane) continue;
		if (c[i].start > at) json_array_append_new(kids, item("Gap.1", "", c[i].start - at, rate));
		if (c[i].tr_in[0] && c[i].tr_frames > 0 && i > 0)   /* after the cut, over the outgoing clip's handle */
			json_array_append_new(kids, json_pack("{s:s, s:s, s:s, s:o, s:o, s:{s:{s:s}}}", "OTIO_SCHEMA", "Transition.1",
			                                      "name", c[i].tr_in, "transition_type", !strcmp(c[i].tr_in, "crossfade")
			                                      ? "SMPTE_Dissolve" : "Custom_Transition", "in_offset", rt(0, rate),
			                                      "out_offset", rt((double)c[i].tr_frames, rate), "metadata", "drama",
			                                      "kind", c[i].tr_in));
		json_array_append_new(kids, clip(&c[i], rate));
		at = c[i].start + c[i].frames;
	}
	return json_pack("{s:s, s:s, s:s, s:o, s:n, s:[], s:[], s:{}, s:b}", "OTIO_SCHEMA", "Track.1", "name", name,
	                 "kind", kind, "children", kids, "source_range", "effects", "markers", "metadata", "enabled", 1);
}

int export_otio(const struct ex_episode *e, struct sbuf *out)
{
	int r = e->fps;
	json_t *markers = json_array();
	for (size_t i = 0; i < e->n_markers; i++)
		json_array_append_new(markers, json_pack("{s:s, s:s, s:o, s:s, s:s, s:{s:{s:s}}}", "OTIO_SCHEMA", "Marker.2",
		                                         "name", e->markers[i].name, "marked_range",
		                                         range(e->markers[i].start, 0, r), "color", "RED", "comment", "",
		                                         "metadata", "drama", "kind", "scene"));
	for (size_t i = 0; i < e->n_subs; i++)     /* subtitles: green markers over their span */
		if (e->subs[i].frames > 0)
			json_array_append_new(markers, json_pack("{s:s, s:s, s:o, s:s, s:s, s:{s:{s:s}}}", "OTIO_SCHEMA", "Marker.2",
			                                         "name", e->subs[i].text, "marked_range",
			                                         range(e->subs[i].start, e->subs[i].frames, r), "color", "GREEN",
			                                         "comment", e->subs[i].text, "metadata", "drama", "kind", "subtitle"));
	json_t *tracks = json_pack("[o, o, o, o, o]", track("V1 shots", "Video", e->video, e->n_video, -1, r),
	                           track("A1 dialogue", "Audio", e->dialogue, e->n_dialogue, -1, r),
	                           track("A2 music", "Audio", e->music, e->n_music, 0, r),
	                           track("A3 music", "Audio", e->music, e->n_music, 1, r),
	                           track("A4 ambience + effects", "Audio", e->effects, e->n_effects, -1, r));
	json_t *stack = json_pack("{s:s, s:s, s:o, s:n, s:[], s:o, s:{}, s:b}", "OTIO_SCHEMA", "Stack.1", "name", "tracks",
	                          "children", tracks, "source_range", "effects", "markers", markers, "metadata", "enabled", 1);
	json_t *meta = json_pack("{s:{s:i, s:i, s:i, s:s?}}", "drama", "width", e->width, "height", e->height, "fps", r,
	                         "subtitles", e->srt);
	json_t *tl = json_pack("{s:s, s:s, s:n, s:o, s:o}", "OTIO_SCHEMA", "Timeline.1", "name", e->title,
	                       "global_start_time", "metadata", meta, "tracks", stack);
	if (!tl) return err_set(ERR_GENERIC, "otio: could not build the document (invalid UTF-8 in a name?)");
	char *s = json_dumps(tl, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(tl);
	if (!s) return err_set(ERR_GENERIC, "otio: could not write the document");
	sb_add(out, s);
	sb_add(out, "\n");
	free(s);
	return 0;
}
