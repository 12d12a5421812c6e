/* core/project.c — the project folder: drama.json settings and storyboard.json. */
#include "core/model.h"
#include "core/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const MODEL_X264_PRESETS[] = { "ultrafast", "superfast", "veryfast", "faster", "fast", "medium",
                                            "slow", "slower", "veryslow", "placebo", NULL };

void settings_default(struct settings *st)
{
	memset(st, 0, sizeof *st);
	st->width = 1080;
	st->height = 1920;
	st->fps = 30;
	st->minutes = 3.0;
	st->episodes = 1;
	st->lang[0] = 0;      /* detect from the input */
	st->seed = 1;
	st->crf = 23;
	strcpy(st->preset, "veryfast");
	strcpy(st->story, "embedded");
	strcpy(st->art, "procedural");
	strcpy(st->voice, "embedded");
	strcpy(st->music, "synth");
	st->max_input_mb = 20;
}

static int rd_int(const json_t *o, const char *k, int *v, const char *path, int lo, int hi)
{
	json_t *x = json_object_get(o, k);
	if (!x) return 0;
	if (!json_is_integer(x) || json_integer_value(x) < lo || json_integer_value(x) > hi)
		return err_set(ERR_INPUT, "%s: %s must be a whole number from %d to %d", path, k, lo, hi);
	*v = (int)json_integer_value(x);
	return 0;
}

static int rd_num(const json_t *o, const char *k, double *v, const char *path, double lo, double hi)
{
	json_t *x = json_object_get(o, k);
	if (!x) return 0;
	if (!json_is_number(x) || !(json_number_value(x) >= lo && json_number_value(x) <= hi))
		return err_set(ERR_INPUT, "%s: %s must be a number from %g to %g", path, k, lo, hi);
	*v = json_number_value(x);
	return 0;
}

static int rd_str(const json_t *o, const char *k, char *v, size_t n, const char *path)
{
	json_t *x = json_object_get(o, k);
	if (!x) return 0;
	if (!json_is_string(x) || strlen(json_string_value(x)) >= n)
		return err_set(ERR_INPUT, "%s: %s must be a short text value", path, k);
	snprintf(v, n, "%s", json_string_value(x));
	return 0;
}

int settings_load(const char *path, struct settings *st)
{
	settings_default(st);
	if (!file_exists(path)) return 0;
	json_error_t je;
	json_t *j = json_load_file(path, 0, &je);
	if (!j)
		return err_set(ERR_INPUT, "%s:%d:%d: invalid JSON: %s; fix it or delete the file to use defaults",
		               path, je.line, je.column, je.text);
	int rc = 0;
	if (!json_is_object(j)) { rc = err_set(ERR_INPUT, "%s: expected a JSON object { ... }", path); goto end; }
	if ((rc = rd_int(j, "width", &st->width, path, 16, 7680)) < 0) goto end;
	if ((rc = rd_int(j, "height", &st->height, path, 16, 7680)) < 0) goto end;
	if ((rc = rd_int(j, "fps", &st->fps, path, 1, 120)) < 0) goto end;
	if ((rc = rd_int(j, "episodes", &st->episodes, path, 1, MODEL_MAX_EPISODES)) < 0) goto end;
	if ((rc = rd_int(j, "crf", &st->crf, path, 0, 51)) < 0) goto end;
	if ((rc = rd_str(j, "lang", st->lang, sizeof st->lang, path)) < 0) goto end;
	if ((rc = rd_str(j, "preset", st->preset, sizeof st->preset, path)) < 0) goto end;
	if ((rc = rd_str(j, "music_dir", st->music_dir, sizeof st->music_dir, path)) < 0) goto end;
	if ((rc = rd_num(j, "minutes", &st->minutes, path, MODEL_MIN_MINUTES, MODEL_MAX_MINUTES)) < 0) goto end;
	if ((rc = rd_num(j, "max_input_mb", &st->max_input_mb, path, 0.001, 4096)) < 0) goto end;
	json_t *sd = json_object_get(j, "seed");
	if (sd) {
		if (!json_is_integer(sd) || json_integer_value(sd) < 0) {
			rc = err_set(ERR_INPUT, "%s: seed must be a whole number from 0 to %lld", path, (long long)INT64_MAX);
			goto end;
		}
		st->seed = (uint64_t)json_integer_value(sd);
	}
	json_t *b = json_object_get(j, "backends");
	if (b && json_is_object(b)) {
		if ((rc = rd_str(b, "story", st->story, sizeof st->story, path)) < 0) goto end;
		if ((rc = rd_str(b, "art", st->art, sizeof st->art, path)) < 0) goto end;
		if ((rc = rd_str(b, "voice", st->voice, sizeof st->voice, path)) < 0) goto end;
		if ((rc = rd_str(b, "music", st->music, sizeof st->music, path)) < 0) goto end;
	}
	if (!model_in_vocab(MODEL_X264_PRESETS, st->preset))
		rc = err_set(ERR_INPUT, "%s: preset \"%s\" is not a libx264 preset; use veryfast (the default), faster, "
		             "medium, slow ...", path, st->preset);
	else if (st->lang[0] && strcmp(st->lang, "en") && strcmp(st->lang, "zh"))
		rc = err_set(ERR_INPUT, "%s: lang \"%s\" is not supported; use \"en\", \"zh\" or \"\" (detect)", path, st->lang);
end:
	json_decref(j);
	return rc;
}

static int settings_write(const struct settings *st, const char *path, const char *source);

int settings_save(const struct settings *st, const char *path)
{
	return settings_write(st, path, NULL);
}

/* source: the "source" key to set, NULL = keep what the file has. */
static int settings_write(const struct settings *st, const char *path, const char *source)
{
	/* Keep keys we do not know (a user's backend configuration, for example). */
	json_t *j = file_exists(path) ? json_load_file(path, 0, NULL) : NULL;
	if (!j || !json_is_object(j)) {
		if (j) json_decref(j);
		j = json_object();
	}
	json_object_set_new(j, "width", json_integer(st->width));
	json_object_set_new(j, "height", json_integer(st->height));
	json_object_set_new(j, "fps", json_integer(st->fps));
	json_object_set_new(j, "minutes", json_real(st->minutes));
	json_object_set_new(j, "episodes", json_integer(st->episodes));
	json_object_set_new(j, "lang", json_string(st->lang));
	json_object_set_new(j, "seed", json_integer((json_int_t)st->seed));
	json_object_set_new(j, "crf", json_integer(st->crf));
	json_object_set_new(j, "preset", json_string(st->preset));
	json_object_set_new(j, "music_dir", json_string(st->music_dir));
	if (st->max_input_mb != 20) json_object_set_new(j, "max_input_mb", json_real(st->max_input_mb));
	if (source) json_object_set_new(j, "source", json_string(source));
	json_t *b = json_object_get(j, "backends");
	if (!json_is_object(b)) {
		b = json_object();
		json_object_set_new(j, "backends", b);
	}
	json_object_set_new(b, "story", json_string(st->story));
	json_object_set_new(b, "art", json_string(st->art));
	json_object_set_new(b, "voice", json_string(st->voice));
	json_object_set_new(b, "music", json_string(st->music));
	int rc = json_save_atomic(j, path, JSON_INDENT(2));
	json_decref(j);
	return rc;
}

char *project_path(const struct project *p, const char *rel)
{
	return path_join(p->dir, rel);
}

int project_open(const char *dir, int create, struct project **out)
{
	int rc;
	*out = NULL;
	if (!dir || !*dir) return err_set(ERR_INPUT, "no project folder given");
	if (create) {
		if (mkdir_p(dir) < 0) return err_set(ERR_IO, "%s; choose another folder with -o", err_msg());
		if (access(dir, W_OK) < 0)
			return err_set(ERR_IO, "cannot write to %s: %s; choose another folder with -o", dir, strerror(errno));
	} else if (!file_exists(dir)) {
		return err_set(ERR_NOTFOUND, "project folder %s does not exist; create it with `drama make -o %s` or `drama script %s KEYWORDS`",
		               dir, dir, dir);
	}
	/* temp files of runs that were killed (file_write_atomic's NAME.tmp.PID) */
	if (access(dir, W_OK) == 0) file_remove_stale_tmp(dir, 3);
	struct project *p = xcalloc(1, sizeof *p);
	p->dir = xstrdup(dir);
	char *sp = project_path(p, "drama.json");
	rc = settings_load(sp, &p->set);
	free(sp);
	if (rc < 0) { project_free(p); return rc; }
	char *bp = project_path(p, "storyboard.json");
	if (file_exists(bp)) rc = series_load(bp, &p->s);
	free(bp);
	if (rc < 0) { project_free(p); return rc; }
	*out = p;
	return 0;
}

void project_free(struct project *p)
{
	if (!p) return;
	series_free(p->s);
	free(p->source);
	free(p->dir);
	free(p);
}

char *project_read_source(const struct project *p)
{
	char *path = project_path(p, "drama.json");
	json_t *j = json_load_file(path, 0, NULL);
	free(path);
	char *s = NULL;
	if (j && json_is_string(json_object_get(j, "source"))) s = xstrdup(json_string_value(json_object_get(j, "source")));
	if (j) json_decref(j);
	return s;
}

int project_save(struct project *p)
{
	char *bp = project_path(p, "storyboard.json"), *sp = project_path(p, "drama.json");
	char *old = p->source ? project_read_source(p) : NULL, *text = NULL;
	size_t n = 0;
	int rc = 0;
	if (p->source && !str_eq(old, p->source)) {
		/* a new identity: the new storyboard is made and checked, the old one goes (the
		 * script stage kept a .bak), drama.json names the new input, the new one is written */
		if (p->s && (rc = series_to_text(p->s, bp, &text, &n)) < 0) goto end;
		if (unlink(bp) < 0 && errno != ENOENT) {
			rc = err_set(ERR_IO, "cannot replace %s: %s", bp, strerror(errno));
			goto end;
		}
		if ((rc = settings_write(&p->set, sp, p->source)) < 0) goto end;
		if (text) rc = file_write_atomic(bp, text, n);
		goto end;
	}
	if (p->s && (rc = series_save(p->s, bp)) < 0) goto end;
	rc = settings_write(&p->set, sp, p->source);
end:
	free(text);
	free(old);
	free(bp);
	free(sp);
	return rc;
}