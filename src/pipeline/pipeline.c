/* pipeline/pipeline.c — the stages in order over a project folder. */
#include "pipeline/pipeline.h"
#include "story/story.h"
#include "art/art.h"
#include "voice/voice.h"
#include "music/music.h"
#include "render/render.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void pipeline_out_free(struct pipeline_out *o)
{
	for (size_t i = 0; i < o->n; i++) free(o->paths[i]);
	free(o->paths);
	memset(o, 0, sizeof *o);
}

static void out_add(struct pipeline_out *o, const struct project *p, const char *rel)
{
	if (!o) return;
	char *path = project_path(p, rel);
	if (file_exists(path)) {
		xgrow((void **)&o->paths, &o->cap, o->n, sizeof *o->paths);
		o->paths[o->n++] = path;
	} else {
		free(path);
	}
}

void pipeline_apply(struct project *p, const struct pipeline_over *ov)
{
	struct settings *st = &p->set;
	if (ov->width) st->width = ov->width;
	if (ov->height) st->height = ov->height;
	if (ov->fps) st->fps = ov->fps;
	if (ov->episodes) st->episodes = ov->episodes;
	if (ov->crf) st->crf = ov->crf;
	if (ov->minutes > 0) st->minutes = ov->minutes;
	if (ov->lang[0]) snprintf(st->lang, sizeof st->lang, "%s", ov->lang);
	if (ov->seed_set) st->seed = ov->seed;
	if (ov->preset[0]) snprintf(st->preset, sizeof st->preset, "%s", ov->preset);
}

/* What the storyboard was made from, so a rerun of the same `make` resumes instead of
 * rewriting (and so never overwrites the user's edits). */
static char *source_key(const struct project *p, const struct pipeline_req *r)
{
	struct hash h;
	char hex[33];
	hash_init(&h);
	hash_str(&h, r->keywords);
	if (r->from) {
		char *text = NULL;
		size_t n = 0;
		if (file_read_all(r->from, &text, &n) == 0) hash_add(&h, text, n);
		free(text);
	}
	hash_str(&h, p->set.lang);
	hash_num(&h, (double)p->set.seed);
	hash_num(&h, p->set.episodes);
	hash_num(&h, p->set.minutes);
	hash_hex(&h, hex);
	return xstrdup(hex);
}

static char *read_source(const struct project *p)
{
	char *path = project_path(p, "drama.json");
	json_t *j = json_load_file(path, 0, NULL);
	free(path);
	char *s = NULL;
	if (j && json_is_string(json_object_get(j, "source"))) s = xstrdup(json_string_value(json_object_get(j, "source")));
	if (j) json_decref(j);
	return s;
}

static int write_source(const struct project *p, const char *key)
{
	char *path = project_path(p, "drama.json");
	json_t *j = json_load_file(path, 0, NULL);
	if (!j || !json_is_object(j)) { if (j) json_decref(j); j = json_object(); }
	json_object_set_new(j, "source", json_string(key));
	char *text = json_dumps(j, JSON_INDENT(2));
	json_decref(j);
	struct sbuf b = { 0 };
	sb_add(&b, text);
	sb_add(&b, "\n");
	free(text);
	int rc = file_write_atomic(path, b.s, b.len);
	sb_free(&b);
	free(path);
	return rc;
}

static double mtime(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0) return -1;
	return st.st_mtim.tv_sec + st.st_mtim.tv_nsec * 1e-9;
}

int pipeline_reimport_if_edited(struct project *p)
{
	char *fp = project_path(p, "script.fountain"), *bp = project_path(p, "storyboard.json");
	double tf = mtime(fp), tb = mtime(bp);
	int rc = 0;
	if (p->s && tf > 0 && tb > 0 && tf > tb) {
		log_info("drama", "script.fountain was edited after storyboard.json: importing it");
		rc = story_stage(p, NULL, fp);
		if (rc == 0) rc = 1;
	}
	free(fp);
	free(bp);
	return rc;
}

static int stage_opts_for(const struct pipeline_req *r, struct stage_opts *o)
{
	memset(o, 0, sizeof *o);
	o->episode = r ? r->episode : 0;
	o->preview = r ? r->preview : 0;
	o->force = 0;
	return 0;
}

static int run_design(struct project *p, const struct stage_opts *o)
{
	const struct art_backend *a = art_backend_get(p->set.art);
	if (!a) return ERR_INPUT;
	if (!a->design) return err_set(ERR_GENERIC, "the %s art backend cannot design", a->name);
	return a->design(p, o);
}

int pipeline_stage(const char *name, struct project *p, const struct pipeline_req *r, struct pipeline_out *out)
{
	struct stage_opts o;
	stage_opts_for(r, &o);
	int rc;
	if (!strcmp(name, "script")) {
		if (p->s && (!r || !r->force)) {
			return err_set(ERR_INPUT, "%s/storyboard.json already exists; add --force to replace it "
			               "(or edit it, or script.fountain, and run the next stage)", p->dir);
		}
		if (p->s) {
			char *bp = project_path(p, "storyboard.json"), *bak = project_path(p, "storyboard.json.bak");
			series_save(p->s, bak);
			free(bp);
			free(bak);
		}
		rc = story_stage(p, r ? r->keywords : NULL, r ? r->from : NULL);
		if (rc == 0) {
			char *key = source_key(p, r);
			write_source(p, key);
			free(key);
			out_add(out, p, "storyboard.json");
			out_add(out, p, "script.fountain");
		}
		return rc;
	}
	if (!p->s)
		return err_set(ERR_INPUT, "%s has no storyboard.json yet; run `drama script %s KEYWORDS` (or `drama make`) first",
		               p->dir, p->dir);
	if ((rc = pipeline_reimport_if_edited(p)) < 0) return rc;
	if (!strcmp(name, "design")) {
		/* cast voices first (fills only missing ones) so the sheets can show them */
		if ((rc = voice_cast(p->s)) < 0) return rc;
		rc = run_design(p, &o);
	}
	else if (!strcmp(name, "voice")) rc = voice_stage(p, &o);
	else if (!strcmp(name, "music")) rc = music_stage(p, &o);
	else if (!strcmp(name, "render")) rc = render_stage(p, &o);
	else return err_set(ERR_INPUT, "unknown stage \"%s\"", name);
	if (rc < 0) return rc;
	if ((rc = project_save(p)) < 0) return rc;
	if (!strcmp(name, "design")) {
		for (size_t i = 0; i < p->s->n_chars; i++) {
			char *safe = path_safe_name(p->s->chars[i].name), *rel = xasprintf("characters/%s.png", safe);
			out_add(out, p, rel);
			free(safe);
			free(rel);
		}
		for (size_t i = 0; i < p->s->n_locs; i++) {
			char *safe = path_safe_name(p->s->locs[i].name), *rel = xasprintf("locations/%s.png", safe);
			out_add(out, p, rel);
			free(safe);
			free(rel);
		}
	}
	if (!strcmp(name, "render")) {
		for (size_t i = 0; i < p->s->n_eps; i++) {
			int n = p->s->eps[i].number;
			if (o.episode && n != o.episode) continue;
			static const char *const ext[] = { "mp4", "srt", "ass", "cover.png", "contact.png", "preview.mp4" };
			for (size_t k = 0; k < ARRAY_LEN(ext); k++) {
				if (o.preview != (k == 5)) continue;
				char *rel = xasprintf("ep%02d.%s", n, ext[k]);
				out_add(out, p, rel);
				free(rel);
			}
		}
	}
	return 0;
}

int pipeline_make(const struct pipeline_req *r, struct pipeline_out *out)
{
	struct project *p = NULL;
	int rc;
	if ((!r->keywords || !*r->keywords) && !r->from)
		return err_set(ERR_INPUT, "nothing to make: give keywords (drama make \"palace, revenge\") or --from FILE");
	if (r->from && !file_exists(r->from))
		return err_set(ERR_NOTFOUND, "--from %s: no such file; check the path", r->from);
	if ((rc = project_open(r->dir, 1, &p)) < 0) return rc;
	pipeline_apply(p, &r->over);
	char *key = source_key(p, r);
	char *old = read_source(p);
	if (p->s && !r->force && !str_eq(old, key)) {
		rc = err_set(ERR_INPUT, "%s already holds a different project (its storyboard.json was made from other input); "
		             "use another folder with -o, or add --force to replace it", p->dir);
		goto end;
	}
	if (!p->s || r->force) {
		struct pipeline_req rr = *r;
		rr.force = 1;
		if ((rc = pipeline_stage("script", p, &rr, out)) < 0) goto end;
	} else {
		log_info("drama", "resuming the project in %s (storyboard.json kept)", p->dir);
	}
	static const char *const stages[] = { "design", "voice", "music", "render" };
	for (size_t i = 0; i < ARRAY_LEN(stages); i++)
		if ((rc = pipeline_stage(stages[i], p, r, out)) < 0) goto end;
	rc = 0;
end:
	free(key);
	free(old);
	project_free(p);
	return rc;
}
