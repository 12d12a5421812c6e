/* art/art_ai_face.c — where the faces are in a generated shot picture, so the renderer
 * can move a speaking character's mouth on a still (ComfyUI gives no face boxes). A
 * face is found by the framing the shot prompt asked for: the shot type's face size and
 * height (data/comfyui/faces.json) and the actor's strip (left, middle, right), as
 * ai_shot_generate places them; boxes recorded in cache/ai/shots.json ("faces") win. */
#include "art/art_ai.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static json_t *faces_data;

static void load_faces(void)
{
	char *p = data_path("comfyui/faces.json");
	json_error_t je;
	faces_data = json_load_file(p, 0, &je);
	if (!faces_data) log_warn("ai", "%s:%d:%d: %s; AI stills get no mouth animation", p, je.line, je.column, je.text);
	free(p);
}

static double num(const json_t *o, const char *k, double def)
{
	const json_t *v = json_object_get(o, k);
	return json_is_number(v) ? json_number_value(v) : def;
}

static void mouth_of(struct art_face *f)
{
	f->mouth_x = f->x + f->w / 2;
	f->mouth_y = f->y + f->h * num(faces_data, "mouth_y", 0.76);
	f->mouth_w = f->w * num(faces_data, "mouth_w", 0.34);
}

size_t art_shot_cast(const struct series *s, const struct shot *sh, struct character **cast, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < sh->n_actors && n < max; i++) {
		struct character *a = series_find_character(s, sh->actors[i].name);
		int dup = 0;
		for (size_t k = 0; k < n; k++) dup |= cast[k] == a;
		if (a && !dup) cast[n++] = a;
	}
	return n;
}

int art_faces_by_placement(const struct series *s, const struct shot *sh, double aspect, struct art_face *out, int max)
{
	pthread_once(&once, load_faces);
	const json_t *t = json_object_get(json_object_get(faces_data, "types"), sh->type ? sh->type : "medium");
	if (!t) t = json_object_get(json_object_get(faces_data, "types"), "medium");
	double fw = num(t, "width", 0), cy = num(t, "center_y", 0);
	if (fw <= 0 || aspect <= 0) return 0;
	struct character *cast[3];
	size_t n = art_shot_cast(s, sh, cast, 3);
	int k = 0;
	for (size_t i = 0; i < n && k < max; i++) {
		double strip = 1.0 / (double)n, w = fw < strip * 0.6 ? fw : strip * 0.6;
		struct art_face *f = &out[k++];
		memset(f, 0, sizeof *f);
		snprintf(f->name, sizeof f->name, "%s", cast[i]->name);
		f->w = w;
		f->h = w * aspect * 1.3;                 /* a face is about 1.3 times as tall as wide */
		f->x = strip * ((double)i + 0.5) - w / 2;
		f->y = cy - f->h / 2;
		mouth_of(f);
	}
	return k;
}

json_t *art_faces_json(const struct art_face *f, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:[f,f,f,f]}", "name", f[i].name, "box", f[i].x, f[i].y, f[i].w, f[i].h));
	return a;
}

int art_shot_faces(const char *dir, const struct series *s, size_t ei, size_t si, size_t hi, double aspect,
                   struct art_face *out, int max)
{
	pthread_once(&once, load_faces);
	if (!s || ei >= s->n_eps || si >= s->eps[ei].n_scenes || hi >= s->eps[ei].scenes[si].n_shots) return 0;
	const struct shot *sh = &s->eps[ei].scenes[si].shots[hi];
	json_t *rec = NULL;
	if (art_shot_record(dir, ei, si, hi, &rec) < 0) return -1;
	const json_t *faces = json_object_get(rec, "faces");
	int k = 0;
	if (json_is_array(faces)) {                 /* what the art stage recorded */
		size_t i;
		const json_t *e;
		json_array_foreach(faces, i, e) {
			const json_t *b = json_object_get(e, "box");
			const char *name = json_string_value(json_object_get(e, "name"));
			if (k >= max || !name || json_array_size(b) != 4) continue;
			struct art_face *f = &out[k++];
			memset(f, 0, sizeof *f);
			snprintf(f->name, sizeof f->name, "%s", name);
			f->x = json_number_value(json_array_get(b, 0));
			f->y = json_number_value(json_array_get(b, 1));
			f->w = json_number_value(json_array_get(b, 2));
			f->h = json_number_value(json_array_get(b, 3));
			mouth_of(f);
		}
	} else {
		k = art_faces_by_placement(s, sh, aspect, out, max);
	}
	json_decref(rec);
	return k;
}
