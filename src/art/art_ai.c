/* art/art_ai.c — AI image backends behind the art table: art_comfyui (ComfyUI workflows:
 * character sheet, location background, shot image keeping the character by its
 * reference via IP-Adapter, Wan image-to-video) and art_images_api (/v1/images/generations).
 * Every generated asset is cached in cache/ai/<hash of its inputs>.<ext>; draw_* blit the
 * generated images (art_ai_draw.c). */
#include "art/art_ai.h"
#include "core/cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- binding (the draw functions get no project) ---- */
static pthread_mutex_t bind_mu = PTHREAD_MUTEX_INITIALIZER;
static char *bound_dir;
static const struct ai_config *bound_cfg;

void ai_art_bind(const char *project_dir, const struct ai_config *c)
{
	pthread_mutex_lock(&bind_mu);
	free(bound_dir);
	bound_dir = project_dir ? xstrdup(project_dir) : NULL;
	bound_cfg = c;
	pthread_mutex_unlock(&bind_mu);
}
const char *ai_art_project_dir(void) { return bound_dir; }
const struct ai_config *ai_art_config(void) { return bound_cfg; }

static json_t *defaults(void)
{
	char *p = data_path("comfyui/defaults.json");
	json_t *j = json_load_file(p, 0, NULL);
	if (!j) err_set(ERR_IO, "cannot read %s; the data folder is incomplete (DRAMA_DATA)", p);
	free(p);
	return j;
}

static const char *EXTS[] = { "png", "jpg", "webp", "webm", "mp4", "gif", NULL };

/* project-relative path of a cached asset, or NULL */
static char *cache_find(const char *dir, const char *key)
{
	for (int i = 0; EXTS[i]; i++) {
		char *rel = xasprintf("cache/ai/%s.%s", key, EXTS[i]);
		char *abs = path_join(dir, rel);
		int ok = file_exists(abs) && cache_valid_kept(abs);   /* a damaged one is deleted: made again */
		free(abs);
		if (ok) return rel;
		free(rel);
	}
	return NULL;
}

static int read_bytes(const char *path, char **data, size_t *n)
{
	if (file_read_all(path, data, n) < 0)
		return err_set(ERR_NOTFOUND, "cannot read the reference image %s: %s", path, err_msg());
	return 0;
}

#define GEN_REFS 6
#define SHOT_ACTORS 3           /* references per shot: one per actor, up to this many */

struct gen {
	const char *kind;           /* character | location | shot | video */
	json_t *vars;               /* placeholder values (borrowed) */
	const char *refs[GEN_REFS][2];  /* {placeholder, absolute path} images to upload */
	size_t n_refs;
	size_t actors;              /* shot: actors with a reference (2+ = chained IP-Adapters) */
};

/* Generate one asset (or take it from the cache). *rel: project-relative path, caller frees. */
static int generate(const struct ai_config *c, int comfy, const char *dir, struct gen *g, int again, char **rel)
{
	*rel = NULL;
	int rc = 0;
	json_t *wf = NULL, *map = NULL;
	char *bytes[GEN_REFS] = { 0 };
	size_t nbytes[GEN_REFS] = { 0 };
	struct sbuf out = { 0 };
	struct hash h;
	char key[33], ext[8] = "png";
	hash_init(&h);
	hash_str(&h, g->kind);
	if (comfy) {
		for (size_t i = 0; i < g->n_refs; i++) {
			if ((rc = read_bytes(g->refs[i][1], &bytes[i], &nbytes[i])) < 0) goto end;
			struct hash hr;
			char hx[33];
			hash_init(&hr);
			hash_add(&hr, bytes[i], nbytes[i]);
			hash_hex(&hr, hx);
			const char *dot = strrchr(g->refs[i][1], '.');   /* LoadAudio lists files by their extension */
			char *nm = xasprintf("drama_%s.%s", hx, dot && strlen(dot) <= 5 ? dot + 1 : "png");
			json_object_set_new(g->vars, g->refs[i][0], json_string(nm));
			free(nm);
		}
		if ((rc = comfy_workflow_load(c, g->kind, &wf, &map)) < 0) goto end;
		if (g->actors > 1 && comfy_chain_refs(wf, g->actors, (int)json_integer_value(json_object_get(g->vars, "width")),
		                                      (int)json_integer_value(json_object_get(g->vars, "height"))) == 1)
			log_warn("ai", "the shot workflow has no IP-Adapter node fed by a \"{{ref_image}}\" LoadImage: only the "
			         "first of the shot's %zu actors is kept by a reference", g->actors);
		json_t *filled = json_deep_copy(wf);
		rc = comfy_workflow_fill(filled, map, g->vars);
		char *text = json_dumps(filled, JSON_COMPACT | JSON_SORT_KEYS);
		json_decref(filled);
		hash_str(&h, text);
		free(text);
		if (rc < 0) { hash_hex(&h, key); goto end; }
	} else {
		hash_str(&h, c->images.model);
		hash_str(&h, c->image_size);
		hash_str(&h, json_string_value(json_object_get(g->vars, "prompt")));
		hash_num(&h, json_number_value(json_object_get(g->vars, "seed")));
	}
	hash_hex(&h, key);
	if (!again && (*rel = cache_find(dir, key))) goto end;
	if (comfy) {
		for (size_t i = 0; i < g->n_refs; i++) {
			char *srv = NULL;
			const char *nm = json_string_value(json_object_get(g->vars, g->refs[i][0]));
			if ((rc = comfy_upload(c, bytes[i], nbytes[i], nm, &srv)) < 0) goto end;
			json_object_set_new(g->vars, g->refs[i][0], json_string(srv));   /* use the returned name */
			free(srv);
		}
		json_t *run = json_deep_copy(wf);
		if ((rc = comfy_workflow_fill(run, map, g->vars)) == 0)
			rc = comfy_run(c, run, c->comfyui.timeout > 0 ? c->comfyui.timeout : 900, &out, ext);
		json_decref(run);
		if (rc < 0) goto end;
	} else {
		uint64_t seed = (uint64_t)json_integer_value(json_object_get(g->vars, "seed"));
		if ((rc = images_api_generate(c, json_string_value(json_object_get(g->vars, "prompt")), seed, c->image_size, &out)) < 0)
			goto end;
	}
	char *cdir = path_join(dir, "cache/ai");
	mkdir_p(cdir);
	free(cdir);
	*rel = xasprintf("cache/ai/%s.%s", key, ext);
	char *abs = path_join(dir, *rel);
	rc = file_write_atomic(abs, out.s, out.len);
	if (rc == 0 && cache_seal(abs, -1) < 0) {
		log_warn("ai", "%s: cannot write its checksum (it will be checked as an older entry): %s", abs, err_msg());
		err_clear();
	}
	free(abs);
	if (rc < 0) { free(*rel); *rel = NULL; }
end:
	for (int i = 0; i < GEN_REFS; i++) free(bytes[i]);
	sb_free(&out);
	json_decref(wf);
	json_decref(map);
	return rc;
}

static void size_vars(json_t *vars, const json_t *d, const char *which)
{
	const json_t *a = json_object_get(d, which);
	json_object_set_new(vars, "width", json_integer(json_array_size(a) == 2 ? json_integer_value(json_array_get(a, 0)) : 768));
	json_object_set_new(vars, "height", json_integer(json_array_size(a) == 2 ? json_integer_value(json_array_get(a, 1)) : 1344));
}

/* vars every workflow shares: defaults.json values, checkpoint, negative, seed, prefix */
static json_t *base_vars(const struct ai_config *c, const json_t *d, uint64_t seed, const char *prefix)
{
	json_t *v = json_object();
	const char *k;
	json_t *x;
	json_object_foreach((json_t *)d, k, x)
		if (!json_is_object(x) && !json_is_array(x) && k[0] != '_') json_object_set(v, k, x);
	if (c->comfy_vars) json_object_update(v, c->comfy_vars);
	if (c->comfyui.model) json_object_set_new(v, "checkpoint", json_string(c->comfyui.model));
	json_object_set_new(v, "seed", json_integer((json_int_t)(seed & 0xffffffffffffULL)));
	json_object_set_new(v, "prefix", json_string(prefix));
	return v;
}

/* Image models read English: a text with CJK characters gives way to the English
 * keywords it carries in parentheses ("黑色长发（long black hair）" -> "long black hair"). */
static void english_only(json_t *vars)
{
	const char *k;
	json_t *v;
	json_object_foreach(vars, k, v) {
		const char *s = json_string_value(v);
		if (!s) continue;
		int cjk = 0;
		for (const char *q = s; *q && !cjk;) cjk = utf8_is_cjk(utf8_next(&q));
		if (!cjk) continue;
		struct sbuf b = { 0 };
		sb_add(&b, "");
		const char *p = s;
		while (*p) {
			const char *o1 = strstr(p, "("), *o2 = strstr(p, "\xef\xbc\x88");       /* ( or （ */
			const char *o = o1 && (!o2 || o1 < o2) ? o1 : o2;
			if (!o) break;
			const char *in = o + (o == o1 ? 1 : 3);
			const char *c1 = strstr(in, ")"), *c2 = strstr(in, "\xef\xbc\x89");   /* ) or ） */
			const char *c = c1 && (!c2 || c1 < c2) ? c1 : c2;
			if (!c) break;
			int ascii = 1;
			for (const char *q = in; q < c; q++) if ((unsigned char)*q >= 0x80) ascii = 0;
			if (ascii && c > in) sb_printf(&b, "%s%.*s", b.len ? ", " : "", (int)(c - in), in);
			p = c + (c == c1 ? 1 : 3);
		}
		if (b.len) json_object_set_new(vars, k, json_string(b.s));
		sb_free(&b);
	}
}

static void set_prompt(json_t *vars, const json_t *d, const char *kind)
{
	const char *t = json_string_value(json_object_get(json_object_get(d, "prompts"), kind));
	english_only(vars);
	char *p = ai_tmpl(t ? t : "{description}", vars);
	json_object_set_new(vars, "prompt", json_string(p));
	free(p);
}

static void look_set(json_t **look, const char *key, const char *val)
{
	if (!*look) *look = json_object();
	json_object_set_new(*look, key, json_string(val));
}

/* A generated PNG (rel, project-relative) copied to DIR/folder/NAME.png, the sheet or card
 * the rest of drama shows; a non-PNG answer is left where it is. Returns 0 or <0. */
static int publish_png(const char *dir, const char *folder, const char *name, const char *rel)
{
	if (!str_has_suffix(rel, ".png")) return 0;
	char *safe = path_safe_name(name), *png = xasprintf("%s/%s.png", folder, safe);
	char *abs = path_join(dir, png), *src = path_join(dir, rel), *fd = path_join(dir, folder), *data = NULL;
	size_t n;
	int rc = 0;
	mkdir_p(fd);
	if (file_read_all(src, &data, &n) == 0) rc = file_write_atomic(abs, data, n);
	free(fd); free(data); free(src); free(abs); free(png); free(safe);
	return rc;
}

static int gen_character(const struct ai_config *c, int comfy, const char *dir, const struct series *s,
                         struct character *ch, int again, const json_t *d)
{
	json_t *v = base_vars(c, d, seed_mix(s->seed, ch->name), "drama_character");
	size_vars(v, d, "character_size");
	json_object_set_new(v, "name", json_string(ch->name));
	json_object_set_new(v, "age", json_integer(ch->age > 0 ? ch->age : 25));
	json_object_set_new(v, "gender", json_string(ch->gender ? ch->gender : "person"));
	json_object_set_new(v, "role", json_string(ch->role ? ch->role : "character"));
	json_object_set_new(v, "description", json_string(ch->description ? ch->description : ""));
	json_object_set_new(v, "era", json_string(s->era ? s->era : "modern"));
	set_prompt(v, d, "character");
	struct gen g = { .kind = "character", .vars = v };
	char *rel = NULL;
	int rc = generate(c, comfy, dir, &g, again, &rel);
	json_decref(v);
	if (rc < 0) return err_set(rc, "character %s: %s", ch->name, err_msg());
	look_set(&ch->look, "ai_image", rel);
	/* the character sheet is the generated image */
	rc = publish_png(dir, "characters", ch->name, rel);
	free(rel);
	return rc;
}

static int gen_location(const struct ai_config *c, int comfy, const char *dir, const struct series *s,
                        struct location *l, const char *time, const char *weather, int again, const json_t *d)
{
	json_t *v = base_vars(c, d, seed_mix(s->seed, l->name), "drama_location");
	size_vars(v, d, "location_size");
	json_object_set_new(v, "name", json_string(l->name));
	json_object_set_new(v, "kind", json_string(l->kind ? l->kind : "room"));
	json_object_set_new(v, "description", json_string(l->description ? l->description : l->name));
	json_object_set_new(v, "era", json_string(s->era ? s->era : "modern"));
	json_object_set_new(v, "time", json_string(time ? time : "day"));
	json_object_set_new(v, "weather", json_string(weather && strcmp(weather, "clear") ? weather : "clear weather"));
	set_prompt(v, d, "location");
	struct gen g = { .kind = "location", .vars = v };
	char *rel = NULL;
	int rc = generate(c, comfy, dir, &g, again, &rel);
	json_decref(v);
	if (rc < 0) return err_set(rc, "location %s: %s", l->name, err_msg());
	look_set(&l->look, "ai_image", rel);
	rc = publish_png(dir, "locations", l->name, rel);
	free(rel);
	return rc;
}

const char *ai_look_image(const json_t *look) { return json_string_value(json_object_get(look, "ai_image")); }

/* cache/ai/shots.json: {"E.S.H": {"image": ..., "video": ...}} */
static pthread_mutex_t shots_mu = PTHREAD_MUTEX_INITIALIZER;
static int shots_record(const char *dir, const char *id, const char *image, const char *video, json_t *faces)
{
	pthread_mutex_lock(&shots_mu);
	char *p = path_join(dir, "cache/ai/shots.json");
	json_t *j = file_exists(p) ? json_load_file(p, 0, NULL) : NULL;
	if (!json_is_object(j)) { json_decref(j); j = json_object(); }
	json_t *e = json_object();
	json_object_set_new(e, "image", json_string(image));
	if (video) json_object_set_new(e, "video", json_string(video));
	if (faces) json_object_set_new(e, "faces", faces);
	json_object_set_new(j, id, e);
	int rc = json_save_atomic(j, p, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(j);
	free(p);
	pthread_mutex_unlock(&shots_mu);
	return rc;
}

int art_shot_record(const char *dir, size_t ei, size_t si, size_t hi, json_t **out)
{
	*out = NULL;
	char *p = path_join(dir, "cache/ai/shots.json");
	if (!file_exists(p)) { free(p); return 0; }
	json_error_t je;
	pthread_mutex_lock(&shots_mu);
	json_t *j = json_load_file(p, 0, &je);
	pthread_mutex_unlock(&shots_mu);
	if (!json_is_object(j)) {
		int rc = err_set(ERR_INPUT, "%s:%d:%d: damaged shot manifest (%s); delete it and run `drama design` again", p, je.line, je.column, je.text);
		json_decref(j);
		free(p);
		return rc;
	}
	free(p);
	char id[64];
	snprintf(id, sizeof id, "%zu.%zu.%zu", ei + 1, si + 1, hi + 1);
	json_t *e = json_object_get(j, id);
	if (json_is_object(e)) *out = json_incref(e);
	json_decref(j);
	return *out ? 1 : 0;
}

int art_shot_media(const char *dir, size_t ei, size_t si, size_t hi, char **image, char **video)
{
	*image = NULL;
	if (video) *video = NULL;
	json_t *e = NULL;
	int rc = art_shot_record(dir, ei, si, hi, &e);
	if (rc <= 0) return rc;
	const char *im = json_string_value(json_object_get(e, "image")), *vi = json_string_value(json_object_get(e, "video"));
	*image = xstrdup(im);
	if (video) *video = xstrdup(vi);
	json_decref(e);
	return im ? 1 : 0;
}

static int use_comfy(const struct ai_config *c) { return ai_comfyui_configured(c); }

int ai_shot_generate(struct project *p, const struct ai_config *c, size_t ei, size_t si, size_t hi, int again,
                     char **image, char **video)
{
	*image = NULL;
	if (video) *video = NULL;
	struct series *s = p->s;
	if (!s || ei >= s->n_eps || si >= s->eps[ei].n_scenes || hi >= s->eps[ei].scenes[si].n_shots)
		return err_set(ERR_INPUT, "there is no shot %zu.%zu.%zu in the storyboard", ei + 1, si + 1, hi + 1);
	int comfy = use_comfy(c);
	if (!comfy && !ai_images_configured(c))
		return err_set(ERR_INPUT, "no image backend configured; set DRAMA_COMFYUI_URL or DRAMA_IMAGES_URL");
	struct scene *sc = &s->eps[ei].scenes[si];
	struct shot *sh = &sc->shots[hi];
	json_t *d = defaults();
	if (!d) return ERR_IO;
	int rc = 0;
	char *rel = NULL, *vrel = NULL, *refs[SHOT_ACTORS] = { 0 }, *bg = NULL;
	struct location *loc = series_find_location(s, sc->location);
	/* every actor (up to SHOT_ACTORS, each once) is kept by its own reference */
	struct character *cast[SHOT_ACTORS];
	size_t n_cast = art_shot_cast(s, sh, cast, SHOT_ACTORS);
	struct character *ch = n_cast ? cast[0] : NULL;
	if (loc && !ai_look_image(loc->look) && (rc = gen_location(c, comfy, p->dir, s, loc, sc->time, sc->weather, 0, d)) < 0) goto end;
	for (size_t i = 0; i < n_cast; i++)
		if (!ai_look_image(cast[i]->look) && (rc = gen_character(c, comfy, p->dir, s, cast[i], 0, d)) < 0) goto end;
	char id[64];
	snprintf(id, sizeof id, "%zu.%zu.%zu", ei + 1, si + 1, hi + 1);
	json_t *v = base_vars(c, d, seed_mix(s->seed, id), "drama_shot");
	size_vars(v, d, "shot_size");
	double aspect = (double)json_integer_value(json_object_get(v, "width")) / (double)json_integer_value(json_object_get(v, "height"));
	struct sbuf actors = { 0 };
	sb_add(&actors, "");
	static const char *const place[2][SHOT_ACTORS] = { { "on the left", "on the right", "" },
	                                                   { "on the left", "in the middle", "on the right" } };
	for (size_t i = 0; i < sh->n_actors; i++) {
		struct character *a = series_find_character(s, sh->actors[i].name);
		const char *where = n_cast >= 2 && i < n_cast ? place[n_cast - 2][i] : "";
		sb_printf(&actors, "%s%s%s%s%s%s%s%s%s", i ? "; " : "", sh->actors[i].name,
		          a && a->description ? " (" : "", a && a->description ? a->description : "", a && a->description ? ")" : "",
		          sh->actors[i].expression ? ", " : "", sh->actors[i].expression ? sh->actors[i].expression : "",
		          *where ? " " : "", where);
	}
	json_object_set_new(v, "actors", json_string(actors.s));
	sb_free(&actors);
	json_object_set_new(v, "shot_type", json_string(sh->type ? sh->type : "medium"));
	json_object_set_new(v, "action", json_string(sh->action ? sh->action : sc->summary ? sc->summary : ""));
	json_object_set_new(v, "location", json_string(loc && loc->description ? loc->description : sc->location));
	json_object_set_new(v, "time", json_string(sc->time ? sc->time : "day"));
	json_object_set_new(v, "camera", json_string(sh->camera ? sh->camera : "static"));
	set_prompt(v, d, "shot");
	struct gen g = { .kind = "shot", .vars = v };
	static const char *const ref_names[SHOT_ACTORS] = { "ref_image", "ref_image_2", "ref_image_3" };
	if (comfy && ch && loc) {
		bg = path_join(p->dir, ai_look_image(loc->look));
		g.refs[0][0] = "background"; g.refs[0][1] = bg;
		for (size_t i = 0; i < n_cast; i++) {
			refs[i] = path_join(p->dir, ai_look_image(cast[i]->look));
			g.refs[1 + i][0] = ref_names[i];
			g.refs[1 + i][1] = refs[i];
		}
		g.n_refs = 1 + n_cast;
		g.actors = n_cast;
	} else if (comfy) {
		g.kind = "location";                  /* no one in frame: text to image */
		size_vars(v, d, "shot_size");
	}
	rc = generate(c, comfy, p->dir, &g, again, &rel);
	if (rc < 0) { json_decref(v); rc = err_set(rc, "shot %s: %s", id, err_msg()); goto end; }
	int lips = 0;
	char *line_wav = NULL;
	double line_sec = 0;
	if (comfy && c->comfy_lipsync && video && sh->line && sh->line->speaker && ch) {
		if (!sh->line->audio)
			log_warn("ai", "shot %s: no voice yet for its line, so no lip-synced clip; run `drama voice`, then "
			         "`drama design DIR --shot %s` (the still gets a drawn mouth meanwhile)", id, id);
		else if ((rc = line_audio_for_clip(p, ei, si, hi, &line_wav, &line_sec)) < 0) { json_decref(v); goto end; }
		else lips = 1;
	}
	if (comfy && (c->comfy_video || lips) && video) {
		json_t *vv = base_vars(c, d, seed_mix(s->seed, id) + 1, "drama_clip");
		size_vars(vv, d, "video_size");
		json_object_set(vv, "action", json_object_get(v, "action"));
		json_object_set(vv, "camera", json_object_get(v, "camera"));
		double sec = sh->line && sh->line->audio_sec > 0 ? sh->line->audio_sec + 0.6 : sh->duration > 0 ? sh->duration : 3.0;
		if (lips) {
			sec = line_sec + 0.4;   /* the line where it starts in the shot, and a beat after it */
			json_object_set_new(vv, "speaker", json_string(sh->line->speaker));
			json_object_set_new(vv, "text", json_string(sh->line->text ? sh->line->text : ""));
		}
		int fps = (int)json_integer_value(json_object_get(d, "fps"));
		int maxf = (int)json_integer_value(json_object_get(d, "max_frames"));
		int frames = (int)(sec * (fps > 0 ? fps : 16));
		frames = frames / 4 * 4 + 1;                     /* Wan wants 4k+1 frames */
		if (maxf > 0 && frames > maxf) frames = maxf;
		json_object_set_new(vv, "frames", json_integer(frames));
		set_prompt(vv, d, lips ? "s2v" : "video");
		char *start = path_join(p->dir, rel);
		struct gen gv = { .kind = lips ? "s2v" : "video", .vars = vv, .n_refs = 1 };
		gv.refs[0][0] = "start_image"; gv.refs[0][1] = start;
		if (lips) { gv.refs[1][0] = "line_audio"; gv.refs[1][1] = line_wav; gv.n_refs = 2; }
		rc = generate(c, comfy, p->dir, &gv, again, &vrel);
		free(start);
		json_decref(vv);
		if (rc < 0) { json_decref(v); free(line_wav); rc = err_set(rc, "shot %s %s: %s", id, lips ? "lip-synced clip" : "video", err_msg()); goto end; }
	}
	free(line_wav);
	json_decref(v);
	/* where the faces are, by the placement the prompt asked for (the renderer moves the
	 * speaker's mouth there) */
	struct art_face faces[SHOT_ACTORS];
	int nf = !strcmp(g.kind, "shot") ? art_faces_by_placement(s, sh, aspect, faces, SHOT_ACTORS) : 0;
	if ((rc = shots_record(p->dir, id, rel, vrel, nf > 0 ? art_faces_json(faces, nf) : NULL)) < 0) goto end;
	*image = rel;
	rel = NULL;
	if (video) { *video = vrel; vrel = NULL; }
end:
	free(rel); free(vrel); free(bg);
	for (size_t i = 0; i < SHOT_ACTORS; i++) free(refs[i]);
	json_decref(d);
	return rc;
}

/* ---- the design stage ---- */
static int design_with(struct project *p, const struct stage_opts *o, int want_comfy)
{
	struct ai_config own;
	const struct ai_config *c = ai_art_config();
	int loaded = 0, rc = 0;
	if (!c) {
		if ((rc = ai_config_load(p->dir, &own)) < 0) { ai_config_free(&own); return rc; }
		c = &own;
		loaded = 1;
	}
	if (want_comfy ? !ai_comfyui_configured(c) : !ai_images_configured(c)) {
		rc = err_set(ERR_INPUT, "the %s art backend needs %s; set it in drama.json or the environment",
		             want_comfy ? "comfyui" : "images-api", want_comfy ? "DRAMA_COMFYUI_URL" : "DRAMA_IMAGES_URL");
		goto end;
	}
	if (!p->s) { rc = err_set(ERR_INPUT, "no storyboard to design; run `drama script` first"); goto end; }
	struct ai_config copy = *c;
	if (!want_comfy) { copy.comfyui.url = NULL; c = &copy; }   /* images API even when ComfyUI is also set */
	char *old = ai_art_project_dir() ? xstrdup(ai_art_project_dir()) : NULL;
	const struct ai_config *oldc = ai_art_config();
	ai_art_bind(p->dir, loaded ? NULL : oldc);
	json_t *d = defaults();
	if (!d) { rc = ERR_IO; goto unbind; }
	struct series *s = p->s;
	if (art_procedural.assign_looks) art_procedural.assign_looks(s, s->seed);   /* fallback drawing needs looks */
	size_t total = s->n_chars + s->n_locs, done = 0;
	for (size_t e = 0; e < s->n_eps; e++)
		if (!o || !o->episode || o->episode == (int)e + 1)
			for (size_t k = 0; k < s->eps[e].n_scenes; k++) total += s->eps[e].scenes[k].n_shots;
	ai_ledger_stage_begin("design");
	progress_begin("design", (double)(total ? total : 1));
	int again = o && o->force;
	for (size_t i = 0; i < s->n_chars && rc == 0; i++, done++) {
		progress_update((double)done, s->chars[i].name);
		rc = gen_character(c, want_comfy, p->dir, s, &s->chars[i], again, d);
	}
	for (size_t i = 0; i < s->n_locs && rc == 0; i++, done++) {
		const char *time = NULL, *weather = NULL;
		for (size_t e = 0; e < s->n_eps && !time; e++)
			for (size_t k = 0; k < s->eps[e].n_scenes; k++)
				if (str_eq(s->eps[e].scenes[k].location, s->locs[i].name)) {
					time = s->eps[e].scenes[k].time;
					weather = s->eps[e].scenes[k].weather;
					break;
				}
		progress_update((double)done, s->locs[i].name);
		rc = gen_location(c, want_comfy, p->dir, s, &s->locs[i], time, weather, again, d);
	}
	for (size_t e = 0; e < s->n_eps && rc == 0; e++) {
		if (o && o->episode && o->episode != (int)e + 1) continue;
		for (size_t k = 0; k < s->eps[e].n_scenes && rc == 0; k++)
			for (size_t h = 0; h < s->eps[e].scenes[k].n_shots && rc == 0; h++, done++) {
				char what[48], *img = NULL, *vid = NULL;
				snprintf(what, sizeof what, "shot %zu.%zu.%zu", e + 1, k + 1, h + 1);
				progress_update((double)done, what);
				rc = ai_shot_generate(p, c, e, k, h, again, &img, &vid);
				free(img);
				free(vid);
			}
	}
	progress_end();
	ai_ledger_stage_end("design");
	json_decref(d);
unbind:
	ai_art_bind(old, oldc);
	free(old);
end:
	if (loaded) ai_config_free(&own);
	return rc;
}

int ai_design_comfy(struct project *p, const struct stage_opts *o) { return design_with(p, o, 1); }
int ai_design_images(struct project *p, const struct stage_opts *o) { return design_with(p, o, 0); }
