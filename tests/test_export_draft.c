/* tests/test_export_draft.c — the focus of this file is the structural checker of a
 * Jianying / CapCut draft folder (no Jianying or CapCut runs on Debian). It is written from
 * the public descriptions of the format (pyJianYingDraft's writer and notes on Jianying
 * 5.9 / 6 / CapCut drafts; docs/editors.md): the three files exist and parse,
 * draft_info.json is draft_content.json, the required keys are there, every time is an
 * integer number of microseconds, every segment's material exists and holds the part the
 * segment plays, segments on a track never overlap, the main video track runs from 0 to
 * the draft's duration without a gap, every referenced file exists in the folder (the
 * draft-folder placeholder resolved), text materials carry JSON text with style ranges
 * inside it, draft_meta_info.json has the draft's id and duration and registers every
 * media file. export_draft-1 shows the checker catches each kind of fault; test_export.c
 * runs it on a real export. */
#include "test.h"
#include "test_export.h"
#include "core/util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define PLACEHOLDER_PREFIX "##_draftpath_placeholder_"

static char jy_why[512];

#define FAIL(...) do { snprintf(jy_why, sizeof jy_why, __VA_ARGS__); return jy_why; } while (0)

static int is_int(json_t *j, const char *key, json_int_t *v)
{
	json_t *x = json_object_get(j, key);
	if (!json_is_integer(x)) return 0;
	if (v) *v = json_integer_value(x);
	return 1;
}

/* the material with id among materials[kind] (kind NULL: any list) */
static json_t *find_material(json_t *mats, const char *kind, const char *id)
{
	const char *k;
	json_t *list;
	json_object_foreach(mats, k, list) {
		if (kind && strcmp(k, kind)) continue;
		size_t i;
		json_t *m;
		json_array_foreach(list, i, m)
			if (json_is_object(m) && !strcmp(json_string_value(json_object_get(m, "id")) ?: "", id)) return m;
	}
	return NULL;
}

/* a material path with the draft-folder placeholder resolved against dir */
static char *resolve(const char *path, const char *dir)
{
	if (strncmp(path, PLACEHOLDER_PREFIX, strlen(PLACEHOLDER_PREFIX))) return xstrdup(path);
	const char *end = strstr(path, "_##");
	return end ? xasprintf("%s%s", dir, end + 3) : xstrdup(path);
}

static const char *check_segment(json_t *seg, json_t *mats, const char *type, json_int_t *end, json_int_t prev_end)
{
	json_t *tr = json_object_get(seg, "target_timerange");
	json_int_t start, dur;
	const char *mid = json_string_value(json_object_get(seg, "material_id"));
	if (!json_is_string(json_object_get(seg, "id")) || !mid) FAIL("a %s segment without id or material_id", type);
	if (!is_int(tr, "start", &start) || !is_int(tr, "duration", &dur) || start < 0 || dur <= 0)
		FAIL("segment %s: target_timerange is not integer microseconds (start >= 0, duration > 0)", mid);
	if (start < prev_end) FAIL("segment %s on the %s track starts at %lld us, before the previous one ends (%lld us)",
	                           mid, type, (long long)start, (long long)prev_end);
	*end = start + dur;
	const char *kind = !strcmp(type, "video") ? "videos" : !strcmp(type, "audio") ? "audios" : "texts";
	json_t *m = find_material(mats, kind, mid);
	if (!m) FAIL("segment material %s is not in materials.%s", mid, kind);
	size_t i;
	json_t *ref;
	json_array_foreach(json_object_get(seg, "extra_material_refs"), i, ref)
		if (!find_material(mats, NULL, json_string_value(ref) ?: "")) FAIL("extra_material_ref %s of %s: no such material",
		                                                                     json_string_value(ref), mid);
	if (strcmp(type, "text")) {
		json_t *sr = json_object_get(seg, "source_timerange");
		json_int_t ss, sd, md;
		if (!is_int(sr, "start", &ss) || !is_int(sr, "duration", &sd) || !is_int(m, "duration", &md))
			FAIL("segment %s: source_timerange or its material's duration is not integer microseconds", mid);
		if (ss < 0 || ss + sd > md) FAIL("segment %s plays %lld..%lld us of a material %lld us long", mid, (long long)ss,
		                                 (long long)(ss + sd), (long long)md);
		if (sd != dur) FAIL("segment %s: source and target durations differ at speed 1", mid);
		if (!json_is_number(json_object_get(seg, "volume"))) FAIL("segment %s has no volume", mid);
	} else {
		const char *cs = json_string_value(json_object_get(m, "content"));
		json_t *c = cs ? json_loads(cs, 0, NULL) : NULL;
		const char *text = json_string_value(json_object_get(c, "text"));
		json_t *st0 = json_array_get(json_object_get(c, "styles"), 0), *range = json_object_get(st0, "range");
		long long len = text ? (long long)utf8_len(text) : -1, a = json_integer_value(json_array_get(range, 0)),
		          b = json_integer_value(json_array_get(range, 1));
		int has_text = text && *text;
		json_decref(c);
		if (!has_text) FAIL("text material %s: content is not JSON with a text", mid);
		if (a < 0 || b > len || a >= b) FAIL("text material %s: style range %lld..%lld outside its %lld characters", mid,
		                                     a, b, len);
	}
	json_t *kl;
	json_array_foreach(json_object_get(seg, "common_keyframes"), i, kl) {
		size_t k;
		json_t *key;
		if (!json_is_string(json_object_get(kl, "property_type"))) FAIL("segment %s: a keyframe list without property_type", mid);
		json_int_t last = -1;
		json_array_foreach(json_object_get(kl, "keyframe_list"), k, key) {
			json_int_t off;
			if (!is_int(key, "time_offset", &off) || off < 0 || off > dur || off < last)
				FAIL("segment %s: keyframe %zu at a time outside the segment or out of order", mid, k);
			if (!json_is_number(json_array_get(json_object_get(key, "values"), 0))) FAIL("segment %s: keyframe without value", mid);
			last = off;
		}
	}
	return NULL;
}

const char *jy_check_docs(json_t *content, json_t *info, json_t *meta, const char *dir, int counts[3])
{
	json_int_t duration, w, h;
	json_t *mats = json_object_get(content, "materials"), *tracks = json_object_get(content, "tracks");
	counts[0] = counts[1] = counts[2] = 0;
	if (!json_equal(content, info)) FAIL("draft_info.json is not the same document as draft_content.json");
	if (!is_int(content, "duration", &duration) || duration <= 0) FAIL("duration is not a positive integer (us)");
	if (!json_is_number(json_object_get(content, "fps")) || !json_is_string(json_object_get(content, "id")))
		FAIL("fps or id missing");
	if (!is_int(json_object_get(content, "canvas_config"), "width", &w) ||
	    !is_int(json_object_get(content, "canvas_config"), "height", &h) || w <= 0 || h <= 0)
		FAIL("canvas_config width/height missing");
	static const char *const lists[] = { "videos", "audios", "texts", "speeds" };
	for (size_t i = 0; i < 4; i++)
		if (!json_is_array(json_object_get(mats, lists[i]))) FAIL("materials.%s is not a list", lists[i]);
	if (!json_is_array(tracks) || !json_array_size(tracks)) FAIL("no tracks");
	/* media materials: files there, registered in the meta pool */
	json_t *pool = NULL, *g;
	size_t i, k;
	json_array_foreach(json_object_get(meta, "draft_materials"), i, g)
		if (json_integer_value(json_object_get(g, "type")) == 0) pool = json_object_get(g, "value");
	if (!json_is_array(pool)) FAIL("draft_meta_info.json: draft_materials has no type-0 list");
	for (i = 0; i < 2; i++) {
		json_t *m;
		json_array_foreach(json_object_get(mats, lists[i]), k, m) {
			const char *path = json_string_value(json_object_get(m, "path"));
			json_int_t d;
			if (!path || !is_int(m, "duration", &d) || d <= 0) FAIL("a material of %s without path or duration", lists[i]);
			char *file = resolve(path, dir);
			int there = file_exists(file);
			free(file);
			if (!there) FAIL("material %s: %s is not in the draft folder", json_string_value(json_object_get(m, "id")), path);
			int registered = 0;
			size_t p;
			json_t *pm;
			json_array_foreach(pool, p, pm) registered |= str_eq(json_string_value(json_object_get(pm, "file_Path")), path);
			if (!registered) FAIL("%s is not registered in draft_meta_info.json", path);
		}
	}
	/* tracks: segments in order without overlap; the main video track whole */
	json_int_t longest = 0;
	int main_video = 0;
	json_t *t;
	json_array_foreach(tracks, i, t) {
		const char *type = json_string_value(json_object_get(t, "type"));
		if (!type || (strcmp(type, "video") && strcmp(type, "audio") && strcmp(type, "text")))
			FAIL("track %zu: type %s is not video, audio or text", i, type ? type : "(none)");
		if (!json_is_string(json_object_get(t, "id"))) FAIL("track %zu has no id", i);
		json_int_t end = 0, prev = 0;
		json_t *seg;
		int first = !main_video && !strcmp(type, "video");
		json_array_foreach(json_object_get(t, "segments"), k, seg) {
			const char *why = check_segment(seg, mats, type, &end, prev);
			if (why) return why;
			if (first && end - prev != json_integer_value(json_object_get(json_object_get(seg, "target_timerange"), "duration")))
				FAIL("the main video track has a gap before segment %zu", k);
			prev = end;
			counts[!strcmp(type, "video") ? 0 : !strcmp(type, "audio") ? 1 : 2]++;
		}
		if (first) {
			main_video = 1;
			if (end != duration) FAIL("the main video track ends at %lld us, the draft lasts %lld", (long long)end,
			                          (long long)duration);
		}
		if (end > longest) longest = end;
	}
	if (longest > duration) FAIL("a track ends at %lld us, after the draft's duration %lld", (long long)longest,
	                             (long long)duration);
	if (!str_eq(json_string_value(json_object_get(meta, "draft_id")), json_string_value(json_object_get(content, "id"))))
		FAIL("draft_meta_info.json's draft_id is not draft_content.json's id");
	json_int_t tm;
	if (!is_int(meta, "tm_duration", &tm) || tm != duration) FAIL("draft_meta_info.json's tm_duration is not the duration");
	if (!json_is_string(json_object_get(meta, "draft_name"))) FAIL("draft_meta_info.json has no draft_name");
	return NULL;
}

const char *jy_check_folder(const char *dir, int counts[3], json_t **content_out)
{
	static const char *const names[] = { "draft_content.json", "draft_info.json", "draft_meta_info.json" };
	json_t *doc[3] = { NULL, NULL, NULL };
	const char *why = NULL;
	for (int i = 0; i < 3 && !why; i++) {
		json_error_t je;
		char *p = path_join(dir, names[i]);
		doc[i] = json_load_file(p, 0, &je);
		free(p);
		if (!doc[i]) {
			snprintf(jy_why, sizeof jy_why, "%s:%d:%d: %s", names[i], je.line, je.column, je.text);
			why = jy_why;
		}
	}
	if (!why) why = jy_check_docs(doc[0], doc[1], doc[2], dir, counts);
	if (content_out) *content_out = json_incref(doc[0]);
	for (int i = 0; i < 3; i++) json_decref(doc[i]);
	return why;
}

/* a small draft that passes: one 2 s video (a file here), one audio, one subtitle */
static json_t *good_draft(const char *dir, json_t **meta)
{
	char *media = path_join(dir, "Resources/local");
	mkdir_p(media);
	char *v = path_join(media, "v.mp4"), *a = path_join(media, "a.wav");
	file_write_atomic(v, "x", 1);
	file_write_atomic(a, "x", 1);
	free(v);
	free(a);
	free(media);
	const char *pv = PLACEHOLDER_PREFIX "0E685133-18CE-45ED-8CB8-2904A212EC80_##/Resources/local/v.mp4",
	           *pa = PLACEHOLDER_PREFIX "0E685133-18CE-45ED-8CB8-2904A212EC80_##/Resources/local/a.wav";
	*meta = json_pack("{s:s, s:s, s:I, s:[{s:i, s:[{s:s},{s:s}]}]}", "draft_id", "D", "draft_name", "d", "tm_duration",
	                  (json_int_t)2000000, "draft_materials", "type", 0, "value", "file_Path", pv, "file_Path", pa);
	return json_pack("{s:s, s:I, s:f, s:{s:i,s:i}, s:{s:[{s:s,s:s,s:I}], s:[{s:s,s:s,s:I}], s:[{s:s,s:s}], s:[{s:s}]},"
	                 " s:[{s:s,s:s,s:[{s:s,s:s,s:{s:I,s:I},s:{s:I,s:I},s:f,s:[s]}]},"
	                 "    {s:s,s:s,s:[{s:s,s:s,s:{s:I,s:I},s:{s:I,s:I},s:f,s:[]}]},"
	                 "    {s:s,s:s,s:[{s:s,s:s,s:{s:I,s:I}}]}]}",
	                 "id", "D", "duration", (json_int_t)2000000, "fps", 30.0, "canvas_config", "width", 1080, "height", 1920,
	                 "materials", "videos", "id", "mv", "path", pv, "duration", (json_int_t)2000000, "audios", "id", "ma",
	                 "path", pa, "duration", (json_int_t)1500000, "texts", "id", "mt", "content",
	                 "{\"text\":\"你好 hi\",\"styles\":[{\"range\":[0,5]}]}", "speeds", "id", "sp",
	                 "tracks", "id", "t1", "type", "video", "segments", "id", "s1", "material_id", "mv", "target_timerange",
	                 "start", (json_int_t)0, "duration", (json_int_t)2000000, "source_timerange", "start", (json_int_t)0,
	                 "duration", (json_int_t)2000000, "volume", 1.0, "extra_material_refs", "sp",
	                 "id", "t2", "type", "audio", "segments", "id", "s2", "material_id", "ma", "target_timerange", "start",
	                 (json_int_t)500000, "duration", (json_int_t)1500000, "source_timerange", "start", (json_int_t)0,
	                 "duration", (json_int_t)1500000, "volume", 0.5, "extra_material_refs",
	                 "id", "t3", "type", "text", "segments", "id", "s3", "material_id", "mt", "target_timerange", "start",
	                 (json_int_t)0, "duration", (json_int_t)1000000);
}

/* export_draft-1: a good draft passes; each fault is named */
TEST(export_draft_checker_catches_faults)
{
	const char *dir = test_tmpdir();
	int counts[3];
	json_t *meta, *c = good_draft(dir, &meta);
	CHECK(c && meta);
	const char *why = jy_check_docs(c, c, meta, dir, counts);
	CHECKF(!why, "good draft: %s", why);
	CHECK(counts[0] == 1 && counts[1] == 1 && counts[2] == 1);
	static const struct { const char *path, *key; json_int_t v; const char *expect; } faults[] = {
		{ "video", "start", 100, "gap" },                  /* main track not from 0 */
		{ "audio", "start", 1000000, "longer" },           /* ends after the draft: 2.5 s */
		{ "audio", "duration", 1600000, "material" },      /* plays past its material */
		{ "audio", "sduration", 1600000, "material" },
		{ "meta", "tm_duration", 1, "tm_duration" },
		{ "file", "", 0, "not in the draft folder" },
	};
	for (size_t i = 0; i < ARRAY_LEN(faults); i++) {
		json_t *m2 = json_deep_copy(meta), *c2 = json_deep_copy(c);
		json_t *tracks = json_object_get(c2, "tracks");
		json_t *seg = json_array_get(json_object_get(json_array_get(tracks, str_eq(faults[i].path, "video") ? 0 : 1),
		                                             "segments"), 0);
		if (str_eq(faults[i].key, "start") || str_eq(faults[i].key, "duration"))
			json_object_set_new(json_object_get(seg, "target_timerange"), faults[i].key, json_integer(faults[i].v));
		if (str_eq(faults[i].key, "duration") || str_eq(faults[i].key, "sduration"))
			json_object_set_new(json_object_get(seg, "source_timerange"), "duration", json_integer(faults[i].v));
		if (str_eq(faults[i].path, "meta")) json_object_set_new(m2, faults[i].key, json_integer(faults[i].v));
		if (str_eq(faults[i].path, "file"))
			json_object_set_new(json_array_get(json_object_get(json_object_get(c2, "materials"), "videos"), 0), "path",
			                    json_string(PLACEHOLDER_PREFIX "X_##/Resources/local/gone.mp4"));
		why = jy_check_docs(c2, c2, m2, dir, counts);
		int caught = why && (strstr(why, faults[i].expect) || (str_eq(faults[i].expect, "longer") && strstr(why, "after")));
		json_decref(c2);
		json_decref(m2);
		CHECKF(caught, "fault %zu (%s %s) not caught: %s", i, faults[i].path, faults[i].key, why ? why : "passed");
	}
	/* overlap: a second audio segment inside the first */
	json_t *c3 = json_deep_copy(c);
	json_t *segs = json_object_get(json_array_get(json_object_get(c3, "tracks"), 1), "segments");
	json_t *dup = json_deep_copy(json_array_get(segs, 0));
	json_object_set_new(dup, "id", json_string("s4"));
	json_object_set_new(json_object_get(dup, "target_timerange"), "start", json_integer(600000));
	json_object_set_new(json_object_get(dup, "target_timerange"), "duration", json_integer(100000));
	json_object_set_new(json_object_get(dup, "source_timerange"), "duration", json_integer(100000));
	json_array_append_new(segs, dup);
	why = jy_check_docs(c3, c3, meta, dir, counts);
	json_decref(c3);
	CHECKF(why && strstr(why, "before the previous one ends"), "overlap not caught: %s", why ? why : "passed");
	/* draft_info.json differing from draft_content.json */
	json_t *c4 = json_deep_copy(c);
	json_object_set_new(c4, "fps", json_real(25));
	why = jy_check_docs(c, c4, meta, dir, counts);
	json_decref(c4);
	CHECKF(why && strstr(why, "draft_info"), "draft_info difference not caught: %s", why ? why : "passed");
	json_decref(c);
	json_decref(meta);
}
