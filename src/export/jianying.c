/* export/jianying.c — a Jianying (剪映专业版) / CapCut draft folder.
 *
 * What a draft is (learnt from the public writers of the format, pyJianYingDraft and
 * others, and from their notes on Jianying 5.9 and CapCut; see docs/editors.md):
 *   NAME/draft_content.json   the timeline: canvas_config, fps, duration (microseconds),
 *                             materials {videos, audios, texts, speeds, ...}, tracks
 *                             [{type video|audio|text, segments [...]}]. Jianying 5.x reads it.
 *   NAME/draft_info.json      the same document: Jianying 6+ and CapCut read this name.
 *   NAME/draft_meta_info.json the draft's id, name, duration and the media pool
 *                             (draft_materials type 0: every file the draft uses).
 *   NAME/Resources/local/     the media, so the folder is whole wherever it is put; paths
 *                             start with Jianying's draft-folder placeholder, which the
 *                             program replaces by the folder's own location.
 * Every time is an integer number of microseconds. A segment names its material
 * (material_id), where it sits (target_timerange) and which part of the media it plays
 * (source_timerange); segments on one track never overlap. Volumes are linear (1.0 = as
 * recorded); the duck is a KFTypeVolume keyframe list whose offsets count from the
 * segment's start. Subtitles are text materials (content: a JSON string of text + styles)
 * on a text track, at the bottom of the frame. IDs are derived from the episode and the
 * item, so the same export writes the same draft. */
#include "export/export.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define JY_PLACEHOLDER "##_draftpath_placeholder_0E685133-18CE-45ED-8CB8-2904A212EC80_##"
#define JY_MEDIA "Resources/local"

struct jy {
	const struct ex_episode *e;
	json_t *mat;       /* materials */
	json_t *meta_pool; /* draft_meta_info's type-0 pool */
	unsigned serial;
};

/* a stable 32-hex id for item `what` number i of this episode */
static json_t *id_of(struct jy *j, const char *what, size_t i)
{
	struct hash h;
	char hex[33];
	hash_init(&h);
	hash_str(&h, j->e->title);
	hash_num(&h, j->e->number);
	hash_str(&h, what);
	hash_num(&h, (double)i);
	hash_hex(&h, hex);
	return json_string(hex);
}

static json_t *trange(int64_t start, int64_t dur)
{
	return json_pack("{s:I, s:I}", "start", (json_int_t)start, "duration", (json_int_t)dur);
}

static char *media_path(const struct ex_clip *c)
{
	const char *base = strrchr(c->path, '/');
	return xasprintf("%s/%s/%s", JY_PLACEHOLDER, JY_MEDIA, base ? base + 1 : c->path);
}

static int64_t clip_us(const struct ex_episode *e, const struct ex_clip *c)
{
	return c->rate ? (int64_t)(c->media_samples * 1000000 / c->rate) : ex_us(e, c->media_frames);
}

/* the material of clip c (video or audio), registered in the meta pool too */
static json_t *material(struct jy *j, const struct ex_clip *c, const char *kind, size_t i)
{
	const struct ex_episode *e = j->e;
	char *path = media_path(c);
	json_t *id = id_of(j, kind, i), *m;
	int64_t dur = clip_us(e, c);
	const char *file = strrchr(c->path, '/') ? strrchr(c->path, '/') + 1 : c->path;
	if (!c->rate)
		m = json_pack("{s:n, s:s, s:s, s:i, s:{s:f,s:f,s:f,s:f,s:f,s:f,s:f,s:f}, s:s, s:f, s:I, s:i, s:O, s:s, s:O, "
		              "s:s, s:s, s:s, s:s, s:i}", "audio_fade", "category_id", "", "category_name", "local",
		              "check_flag", 63487, "crop", "lower_left_x", 0.0, "lower_left_y", 1.0, "lower_right_x", 1.0,
		              "lower_right_y", 1.0, "upper_left_x", 0.0, "upper_left_y", 0.0, "upper_right_x", 1.0,
		              "upper_right_y", 0.0, "crop_ratio", "free", "crop_scale", 1.0, "duration", (json_int_t)dur,
		              "height", e->height, "id", id, "local_material_id", "", "material_id", id, "material_name",
		              c->name, "media_path", "", "path", path, "type", "video", "width", e->width);
	else
		m = json_pack("{s:i, s:s, s:s, s:i, s:s, s:I, s:s, s:s, s:O, s:O, s:O, s:s, s:s, s:i, s:s, s:[]}", "app_id", 0,
		              "category_id", "", "category_name", "local", "check_flag", 3, "copyright_limit_type", "none",
		              "duration", (json_int_t)dur, "effect_id", "", "formula_id", "", "id", id, "local_material_id",
		              id, "music_id", id, "name", c->name, "path", path, "source_platform", 0, "type",
		              "extract_music", "wave_points");
	json_array_append_new(json_object_get(j->mat, c->rate ? "audios" : "videos"), m);
	json_array_append_new(j->meta_pool,
	                      json_pack("{s:i, s:I, s:s, s:s, s:i, s:s, s:i, s:i, s:i, s:s, s:s, s:{s:I,s:i}, "
	                                "s:{s:i,s:i}, s:i, s:i}", "create_time", 0, "duration", (json_int_t)dur,
	                                "extra_info", file, "file_Path", path, "height", c->rate ? 0 : e->height, "id",
	                                json_string_value(id), "import_time", 0, "import_time_ms", 0, "item_source", 1,
	                                "md5", "", "metetype", c->rate ? "music" : "video", "roughcut_time_range",
	                                "duration", (json_int_t)dur, "start", 0, "sub_time_range", "duration", -1,
	                                "start", -1, "type", 0, "width", c->rate ? 0 : e->width));
	free(path);
	return id;   /* the caller's reference */
}

/* the fields every segment has */
static json_t *segment(struct jy *j, json_t *material_id, int64_t start, int64_t dur, int render_index)
{
	json_t *s = json_pack("{s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:f, s:b, s:i, s:i, s:b, s:o, s:O, s:o, s:[], "
	                      "s:[], s:i}", "enable_adjust", 1, "enable_color_correct_adjust", 0, "enable_color_curves", 1,
	                      "enable_color_match_adjust", 0, "enable_color_wheels", 1, "enable_lut", 1,
	                      "enable_smart_color_adjust", 0, "last_nonzero_volume", 1.0, "reverse", 0, "track_attribute",
	                      0, "track_render_index", 0, "visible", 1, "id", id_of(j, "segment", j->serial++),
	                      "material_id", material_id, "target_timerange", trange(start, dur), "common_keyframes",
	                      "keyframe_refs", "render_index", render_index);
	return s;
}

static json_t *clip_settings(double y)
{
	return json_pack("{s:f, s:{s:b,s:b}, s:f, s:{s:f,s:f}, s:{s:f,s:f}}", "alpha", 1.0, "flip", "horizontal", 0,
	                 "vertical", 0, "rotation", 0.0, "scale", "x", 1.0, "y", 1.0, "transform", "x", 0.0, "y", y);
}

/* a video or audio clip's segment: material, speed, volume (and keyframes) */
static json_t *media_segment(struct jy *j, const struct ex_clip *c, const char *kind, size_t i)
{
	const struct ex_episode *e = j->e;
	json_t *mid = material(j, c, kind, i);
	int64_t start = ex_us(e, c->start), dur = ex_us(e, c->start + c->frames) - start, have = clip_us(e, c);
	if (dur > have) dur = have;                /* the last partial frame of a WAV */
	json_t *speed = id_of(j, "speed", j->serial++);
	json_array_append_new(json_object_get(j->mat, "speeds"),
	                      json_pack("{s:n, s:O, s:i, s:f, s:s}", "curve_speed", "id", speed, "mode", 0, "speed", 1.0,
	                                "type", "speed"));
	json_t *s = segment(j, mid, start, dur, 0);
	json_decref(mid);
	json_object_set_new(s, "source_timerange", trange(0, dur));
	json_object_set_new(s, "speed", json_real(1.0));
	json_object_set_new(s, "volume", json_real(c->rate ? pow(10, c->gain_db / 20) : 1.0));
	json_object_set_new(s, "extra_material_refs", json_pack("[o]", speed));
	json_object_set_new(s, "is_tone_modify", json_false());
	if (c->rate) {
		json_object_set_new(s, "clip", json_null());
		json_object_set_new(s, "hdr_settings", json_null());
	} else {
		json_object_set_new(s, "clip", clip_settings(0));
		json_object_set_new(s, "uniform_scale", json_pack("{s:b, s:f}", "on", 1, "value", 1.0));
		json_object_set_new(s, "hdr_settings", json_pack("{s:f, s:i, s:i}", "intensity", 1.0, "mode", 1, "nits", 1000));
	}
	if (c->n_keys) {
		json_t *kl = json_array();
		for (size_t k = 0; k < c->n_keys; k++) {
			int64_t off = ex_us(e, c->keys[k].frame) - start;
			if (off < 0) off = 0;
			if (off > dur) off = dur;
			json_array_append_new(kl, json_pack("{s:s, s:s, s:{s:f,s:f}, s:{s:f,s:f}, s:o, s:I, s:[f]}", "curveType",
			                                    "Line", "graphID", "", "left_control", "x", 0.0, "y", 0.0,
			                                    "right_control", "x", 0.0, "y", 0.0, "id",
			                                    id_of(j, "key", j->serial++), "time_offset", (json_int_t)off, "values",
			                                    pow(10, (c->gain_db + c->keys[k].db) / 20)));
		}
		json_array_append_new(json_object_get(s, "common_keyframes"),
		                      json_pack("{s:o, s:o, s:s, s:s}", "id", id_of(j, "keys", j->serial++), "keyframe_list", kl,
		                                "material_id", "", "property_type", "KFTypeVolume"));
	}
	return s;
}

/* a subtitle: its text material (white, black outline) and the text segment */
static json_t *text_segment(struct jy *j, const struct ex_sub *sub, size_t i)
{
	const struct ex_episode *e = j->e;
	json_t *content = json_pack("{s:[{s:{s:f, s:{s:s, s:{s:f, s:[f,f,f]}}}, s:[i,i], s:f, s:b, s:b, s:b, "
	                            "s:[{s:{s:{s:f, s:[f,f,f]}}, s:f}]}], s:s}", "styles", "fill", "alpha", 1.0, "content",
	                            "render_type", "solid", "solid", "alpha", 1.0, "color", 1.0, 1.0, 1.0, "range", 0,
	                            (int)utf8_len(sub->text), "size", 8.0, "bold", 0, "italic", 0, "underline", 0,
	                            "strokes", "content", "solid", "alpha", 1.0, "color", 0.0, 0.0, 0.0, "width", 0.08,
	                            "text", sub->text);
	char *cs = content ? json_dumps(content, JSON_COMPACT) : NULL;
	json_decref(content);
	if (!cs) return NULL;
	json_t *mid = id_of(j, "text", i);
	json_array_append_new(json_object_get(j->mat, "texts"),
	                      json_pack("{s:O, s:s, s:i, s:i, s:f, s:f, s:i, s:f, s:b, s:i, s:s, s:f}", "id", mid, "content",
	                                cs, "typesetting", 0, "alignment", 1, "letter_spacing", 0.0, "line_spacing", 0.02,
	                                "line_feed", 1, "line_max_width", 0.82, "force_apply_line_max_width", 0,
	                                "check_flag", 15, "type", "subtitle", "global_alpha", 1.0));
	free(cs);
	int64_t start = ex_us(e, sub->start);
	json_t *s = segment(j, mid, start, ex_us(e, sub->start + sub->frames) - start, 15000);
	json_decref(mid);
	json_object_set_new(s, "source_timerange", json_null());
	json_object_set_new(s, "speed", json_real(1.0));
	json_object_set_new(s, "volume", json_real(1.0));
	json_object_set_new(s, "extra_material_refs", json_array());
	json_object_set_new(s, "clip", clip_settings(-0.8));
	json_object_set_new(s, "uniform_scale", json_pack("{s:b, s:f}", "on", 1, "value", 1.0));
	return s;
}

/* attribute 1: the track is hidden / muted */
static json_t *track(struct jy *j, const char *type, const char *name, json_t *segments, int attribute)
{
	return json_pack("{s:i, s:i, s:o, s:b, s:s, s:o, s:s}", "attribute", attribute, "flag", 0, "id",
	                 id_of(j, "track", j->serial++), "is_default_name", 0, "name", name, "segments", segments, "type",
	                 type);
}

/* the clips of one lane (lane < 0: all) as segments */
static json_t *clip_track(struct jy *j, const char *type, const char *name, const struct ex_clip *c, size_t n,
                          const char *kind, int lane)
{
	json_t *segs = json_array();
	for (size_t i = 0; i < n; i++)
		if (lane < 0 || c[i].lane == lane) json_array_append_new(segs, media_segment(j, &c[i], kind, i));
	return track(j, type, name, segs, 0);
}

/* the draft's id: an upper-case UUID made of the episode's hash */
static char *draft_uuid(struct jy *j)
{
	json_t *h = id_of(j, "draft", 0);
	const char *x = json_string_value(h);
	char *u = xasprintf("%.8s-%.4s-%.4s-%.4s-%.12s", x, x + 8, x + 12, x + 16, x + 20);
	json_decref(h);
	for (char *c = u; *c; c++)
		if (*c >= 'a' && *c <= 'f') *c = (char)(*c - 32);
	return u;
}

static int write_json(const char *dir, const char *name, json_t *doc)
{
	char *s = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	char *path = path_join(dir, name);
	int rc = s ? file_write_atomic(path, s, strlen(s)) : err_set(ERR_GENERIC, "%s: could not build the JSON", path);
	free(s);
	free(path);
	return rc;
}

static json_t *content_doc(struct jy *j, const char *uuid, int64_t dur, json_t *tracks)
{
	const struct ex_episode *e = j->e;
	json_t *plat = json_pack("{s:i, s:s, s:s, s:s}", "app_id", 3704, "app_source", "lv", "app_version", "5.9.0", "os",
	                         "windows");
	return json_pack("{s:{s:i, s:s, s:i}, s:i, s:{s:i, s:[], s:i, s:n, s:i, s:b, s:b, s:i, s:b, s:s, s:i, s:i, "
	                 "s:b}, s:n, s:i, s:I, s:n, s:f, s:b, s:n, s:s, s:[], "
	                 "s:{s:[], s:[], s:[], s:[], s:[], s:[], s:[], s:[]}, s:O, s:o, s:o, s:n, s:s, s:s, s:[], s:b, "
	                 "s:n, s:s, s:s, s:n, s:o, s:i, s:i}",
	                 "canvas_config", "height", e->height, "ratio", "original", "width", e->width, "color_space", 0,
	                 "config", "adjust_max_index", 1, "attachment_info", "combination_max_index", 1, "export_range",
	                 "extract_audio_last_index", 1, "lyrics_sync", 1, "maintrack_adsorb", 1, "material_save_mode", 0,
	                 "subtitle_sync", 1, "multi_language_current", "none", "original_sound_last_index", 1,
	                 "record_audio_last_index", 1, "video_mute", 0, "cover", "create_time", 0, "duration", (json_int_t)dur, "extra_info", "fps", (double)e->fps,
	                 "free_render_index_mode_on", 0, "group_container", "id", uuid, "keyframe_graph_list",
	                 "keyframes", "adjusts", "audios", "effects", "filters", "handwrites", "stickers", "texts", "videos",
	                 "last_modified_platform", plat, "materials", json_deep_copy(j->mat), "platform", plat,
	                 "mutable_config", "name", e->title, "new_version", "110.0.0", "relationships",
	                 "render_index_track_mode_on", 0, "retouch_cover", "source", "default", "static_cover_image_path", "",
	                 "time_marks", "tracks", tracks, "update_time", 0, "version", 360000);
}

int export_jianying(const struct ex_episode *e, const char *dir, const char *name)
{
	static const char *const lists[] = {
		"audio_balances", "audio_effects", "audio_fades", "audio_track_indexes", "audios", "beats", "canvases",
		"chromas", "color_curves", "drafts", "effects", "flowers", "green_screens", "handwrites", "hsl", "images",
		"log_color_wheels", "loudnesses", "manual_deformations", "masks", "material_animations", "material_colors",
		"placeholders", "plugin_effects", "primary_color_wheels", "realtime_denoises", "shapes", "smart_crops",
		"sound_channel_mappings", "speeds", "stickers", "tail_leaders", "text_templates", "texts", "time_marks",
		"transitions", "video_effects", "video_trackings", "videos", "vocal_beautifys", "vocal_separations",
	};
	struct jy j = { .e = e, .mat = json_object(), .meta_pool = json_array() };
	for (size_t i = 0; i < ARRAY_LEN(lists); i++) json_object_set_new(j.mat, lists[i], json_array());
	char *media = path_join(dir, JY_MEDIA), *uuid = draft_uuid(&j);
	int rc = mkdir_p(media);
	const struct { const struct ex_clip *c; size_t n; } kinds[] = {
		{ e->video, e->n_video }, { e->dialogue, e->n_dialogue }, { e->music, e->n_music },
		{ e->effects, e->n_effects },
	};
	for (size_t k = 0; k < ARRAY_LEN(kinds) && rc == 0; k++)
		for (size_t i = 0; i < kinds[k].n && rc == 0; i++) {
			const char *base = strrchr(kinds[k].c[i].path, '/');
			char *dst = path_join(media, base ? base + 1 : kinds[k].c[i].path);
			rc = ex_link(kinds[k].c[i].src, dst);
			free(dst);
		}
	json_t *tracks = NULL, *content = NULL, *meta = NULL;
	if (rc < 0) goto end;
	tracks = json_array();
	json_array_append_new(tracks, clip_track(&j, "video", "shots", e->video, e->n_video, "shot", -1));
	json_array_append_new(tracks, clip_track(&j, "audio", "dialogue", e->dialogue, e->n_dialogue, "line", -1));
	json_array_append_new(tracks, clip_track(&j, "audio", "music A", e->music, e->n_music, "music", 0));
	json_array_append_new(tracks, clip_track(&j, "audio", "music B", e->music, e->n_music, "music", 1));
	json_array_append_new(tracks, clip_track(&j, "audio", "ambience + effects", e->effects, e->n_effects, "effects", -1));
	json_t *texts = json_array();
	for (size_t i = 0; i < e->n_subs; i++)
		if (e->subs[i].frames > 0) json_array_append_new(texts, text_segment(&j, &e->subs[i], i));
	/* shown: the shots carry no burned subtitles (render/clean.h) */
	json_array_append_new(tracks, track(&j, "text", "subtitles", texts, 0));
	int64_t dur = ex_us(e, e->frames);
	content = content_doc(&j, uuid, dur, tracks);
	tracks = NULL;
	json_int_t now = (json_int_t)time(NULL) * 1000000;
	meta = json_pack("{s:s, s:s, s:b, s:[], s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:[{s:i,s:O}, {s:i,s:[]}, "
	                 "{s:i,s:[]}, {s:i,s:[]}, {s:i,s:[]}, {s:i,s:[]}, {s:i,s:[]}], s:[], s:s, s:s, "
	                 "s:s, s:s, s:s, s:I, s:I, s:s, s:I, s:i, s:I}",
	                 "cloud_package_completed_time", "", "draft_cloud_capcut_purchase_info", "",
	                 "draft_cloud_last_action_download", 0, "draft_cloud_materials", "draft_cloud_purchase_info", "",
	                 "draft_cloud_template_id", "", "draft_cloud_tutorial_info", "", "draft_cloud_videocut_purchase_info",
	                 "", "draft_cover", "", "draft_deeplink_url", "", "draft_fold_path", "", "draft_id", uuid,
	                 "draft_is_invisible", 0, "draft_materials", "type", 0, "value", j.meta_pool, "type", 1, "value",
	                 "type", 2, "value", "type", 3, "value", "type", 6, "value", "type", 7, "value", "type", 8, "value", "draft_materials_copied_info", "draft_name", name, "draft_new_version", "",
	                 "draft_removable_storage_device", "", "draft_root_path", "", "draft_type", "",
	                 "tm_draft_create", now, "tm_draft_modified", now, "tm_draft_cloud_completed", "",
	                 "tm_draft_cloud_modified", (json_int_t)0, "tm_draft_removed", 0, "tm_duration", (json_int_t)dur);
	if (!content || !meta) {
		rc = err_set(ERR_GENERIC, "%s: could not build the draft (invalid UTF-8 in a name or subtitle?)", dir);
		goto end;
	}
	if ((rc = write_json(dir, "draft_content.json", content)) == 0 && (rc = write_json(dir, "draft_info.json", content)) == 0)
		rc = write_json(dir, "draft_meta_info.json", meta);
end:
	json_decref(tracks);
	json_decref(content);
	json_decref(meta);
	json_decref(j.mat);
	json_decref(j.meta_pool);
	free(media);
	free(uuid);
	return rc;
}
