/* server/thumbs.c — which rendered thumbnail shows which shot. The render lists an
 * episode's segments in cache/shots/epNN.list (a title segment, the shots in order, an end
 * segment); a segment's key frame is cache/shots/HASH.thumb.png. That list is in the order
 * of the storyboard as rendered. Once the page saves a storyboard with shots moved or
 * edited, the order no longer holds: before such a save, each thumbnail is filed under
 * its shot's content (scene place and time + the shot's JSON) in
 * cache/preview/epNN.thumbs.json; until the next render, shots find their thumbnail by
 * their content, so a moved shot keeps its own and an edited shot has none. */
#include "server/internal.h"
#include "core/model.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The content key of every shot of episode e, in storyboard order: a JSON array of text. */
static json_t *shot_keys(const struct series *s, size_t e)
{
	json_t *all = series_to_json(s), *keys = json_array();
	json_t *scenes = json_object_get(json_array_get(json_object_get(all, "episodes"), e), "scenes"), *sc, *sh;
	size_t k, h;
	json_array_foreach(scenes, k, sc) {
		json_array_foreach(json_object_get(sc, "shots"), h, sh) {
			json_t *o = json_pack("{s:O?, s:O?, s:O?, s:O}", "location", json_object_get(sc, "location"),
			                      "time", json_object_get(sc, "time"), "weather", json_object_get(sc, "weather"), "shot", sh);
			char *t = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
			json_array_append_new(keys, json_string(t ? t : ""));
			free(t);
			json_decref(o);
		}
	}
	json_decref(all);
	return keys;
}

/* Modification time of a file in ns, 0 if absent. */
static long long mtime_ns(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec : 0;
}

/* The thumbnails in the rendered order, n + 1 entries checked (the shots, then the end
 * segment, which is dropped): an array of n paths or nulls, or NULL. */
static json_t *listed(const char *dir, int number, size_t n)
{
	char *rel = xasprintf("cache/shots/ep%02d.list", number), *path = path_join(dir, rel), *txt = NULL;
	free(rel);
	json_t *a = NULL;
	if (file_read_all(path, &txt, NULL) == 0) {
		a = json_array();
		size_t line = 0;
		for (char *p = txt, *nl; *p; p = nl ? nl + 1 : p + strlen(p), line++) {
			nl = strchr(p, '\n');
			if (nl) *nl = 0;
			if (line == 0) continue;   /* the title segment */
			char *t = xasprintf("cache/shots/%s.thumb.png", p), *tp = path_join(dir, t);
			int ok = strlen(p) == 32 && strspn(p, "0123456789abcdef") == 32 && file_exists(tp);
			json_array_append_new(a, ok ? json_string(t) : json_null());
			free(t);
			free(tp);
			if (!nl) break;
		}
		if (json_array_size(a) != n + 1) { json_decref(a); a = NULL; }
		else json_array_remove(a, n);
	}
	free(txt);
	free(path);
	return a;
}

json_t *thumbs_for(const char *dir, const struct series *s, size_t e)
{
	if (!s || e >= s->n_eps) return NULL;
	int number = s->eps[e].number;
	char *lrel = xasprintf("cache/shots/ep%02d.list", number), *mrel = xasprintf("cache/preview/ep%02d.thumbs.json", number);
	char *lpath = path_join(dir, lrel), *mpath = path_join(dir, mrel);
	long long lt = mtime_ns(lpath), mt = mtime_ns(mpath);
	json_t *keys = shot_keys(s, e), *out = NULL;
	size_t n = json_array_size(keys);
	if (lt && mt && mt >= lt) {           /* saved from the page since the render: by content */
		json_t *map = json_load_file(mpath, 0, NULL), *k;
		size_t i;
		if (json_is_object(map)) {
			out = json_array();
			json_array_foreach(keys, i, k) {
				json_t *t = json_object_get(map, json_string_value(k));
				const char *rel = json_string_value(t);
				char *tp = rel && !strncmp(rel, "cache/shots/", 12) && !strstr(rel, "..") ? path_join(dir, rel) : NULL;
				json_array_append_new(out, tp && file_exists(tp) ? json_string(rel) : json_null());
				free(tp);
			}
		}
		json_decref(map);
	} else if (lt) {
		out = listed(dir, number, n);     /* the storyboard is as rendered */
	}
	json_decref(keys);
	free(lrel); free(mrel); free(lpath); free(mpath);
	return out;
}

void thumbs_keep(const char *dir, const struct series *old)
{
	for (size_t e = 0; old && e < old->n_eps; e++) {
		json_t *t = thumbs_for(dir, old, e);
		if (!t) continue;
		json_t *keys = shot_keys(old, e), *map = json_object(), *k;
		size_t i;
		json_array_foreach(keys, i, k)
			if (json_is_string(json_array_get(t, i))) json_object_set(map, json_string_value(k), json_array_get(t, i));
		char *rel = xasprintf("cache/preview/ep%02d.thumbs.json", old->eps[e].number), *path = path_join(dir, rel);
		char *pdir = path_join(dir, "cache/preview");
		if (mkdir_p(pdir) < 0 || json_save_atomic(map, path, JSON_COMPACT) < 0) {
			log_warn("serve", "could not keep the thumbnails' places in %s: %s", path, err_msg());
			err_clear();
		}
		free(pdir); free(rel); free(path);
		json_decref(map);
		json_decref(keys);
		json_decref(t);
	}
}
