/* export/zip.c — `drama export --zip`: one episode's export folder, the files of one
 * format, as OUT/epNN-FORMAT.zip (entries "epNN/..."; the media stored, documents
 * deflated), written to a temp file and renamed into place. */
#include "export/export.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

/* Does the file at rel (relative to the epNN folder `name`) belong to format's ZIP? */
static int wanted(const char *rel, const char *name, const char *format)
{
	if (str_eq(format, "all")) return 1;
	if (str_eq(format, "jianying") || str_eq(format, "capcut")) return !strncmp(rel, "jianying/", 9);
	if (!strncmp(rel, "media/", 6)) return 1;
	char doc[64], srt[64], ksrt[80];
	snprintf(doc, sizeof doc, "%s.%s", name, format);
	snprintf(srt, sizeof srt, "%s.srt", name);
	snprintf(ksrt, sizeof ksrt, "%s.kdenlive.srt", name);
	return !strcmp(rel, doc) || !strcmp(rel, srt) || (str_eq(format, "kdenlive") && !strcmp(rel, ksrt));
}

/* Add the wanted regular files under root/rel (rel "" = root) to za; hidden and temp
 * files (".name", "*.tmp.PID") are left out. *n counts the entries. */
static int add_tree(zip_t *za, const char *root, const char *rel, const char *name, const char *format, int *n)
{
	char *dir = *rel ? path_join(root, rel) : xstrdup(root);
	DIR *d = opendir(dir);
	int rc = d ? 0 : err_set(ERR_IO, "cannot read %s: %s", dir, strerror(errno));
	for (struct dirent *de; rc == 0 && (de = readdir(d));) {
		if (de->d_name[0] == '.' || strstr(de->d_name, ".tmp.")) continue;
		char *r = *rel ? xasprintf("%s/%s", rel, de->d_name) : xstrdup(de->d_name), *full = path_join(root, r);
		struct stat st;
		if (stat(full, &st) < 0) rc = err_set(ERR_IO, "cannot read %s: %s", full, strerror(errno));
		else if (S_ISDIR(st.st_mode)) rc = add_tree(za, root, r, name, format, n);
		else if (S_ISREG(st.st_mode) && wanted(r, name, format)) {
			char *entry = xasprintf("%s/%s", name, r);
			zip_source_t *src = zip_source_file(za, full, 0, 0);
			zip_int64_t i = src ? zip_file_add(za, entry, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) : -1;
			if (i < 0) {
				if (src) zip_source_free(src);
				rc = err_set(ERR_IO, "cannot add %s to the ZIP: %s", full, zip_strerror(za));
			} else {
				int media = str_has_suffix(r, ".mp4") || str_has_suffix(r, ".wav") || str_has_suffix(r, ".png");
				zip_set_file_compression(za, (zip_uint64_t)i, media ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
				zip_file_set_mtime(za, (zip_uint64_t)i, st.st_mtime, 0);
				++*n;
			}
			free(entry);
		}
		free(r);
		free(full);
	}
	if (d) closedir(d);
	free(dir);
	return rc;
}

static int zip_episode(const char *out, int number, const char *format, char ***paths, size_t *n_paths)
{
	char name[32];
	snprintf(name, sizeof name, "ep%02d", number);
	char *dir = path_join(out, name), *zpath = xasprintf("%s/%s-%s.zip", out, name, format),
	     *tmp = xasprintf("%s.tmp.%ld", zpath, (long)getpid());
	int err = 0, n = 0, rc = 0;
	unlink(tmp);
	zip_t *za = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		rc = err_set(ERR_IO, "cannot create %s: %s", tmp, zip_error_strerror(&ze));
		zip_error_fini(&ze);
	}
	if (rc == 0) rc = add_tree(za, dir, "", name, format, &n);
	if (rc == 0 && n == 0) rc = err_set(ERR_INPUT, "%s has no %s files to put in a ZIP; run `drama export` without --zip to see why", dir, format);
	if (rc == 0 && zip_close(za) < 0) rc = err_set(ERR_IO, "cannot write %s: %s", tmp, zip_strerror(za));
	else if (rc == 0) za = NULL;
	if (za) zip_discard(za);
	if (rc == 0 && rename(tmp, zpath) < 0) rc = err_set(ERR_IO, "cannot rename %s to %s: %s", tmp, zpath, strerror(errno));
	if (rc < 0) unlink(tmp);
	else {
		log_info("export", "%s: %d files", zpath, n);
		*paths = xrealloc(*paths, (*n_paths + 1) * sizeof **paths);
		(*paths)[(*n_paths)++] = zpath;
		zpath = NULL;
	}
	free(zpath);
	free(tmp);
	free(dir);
	return rc;
}

int export_zip(const struct project *p, int episode, const char *format, const char *out_dir, char ***paths,
               size_t *n_paths)
{
	if (!p->s) return err_set(ERR_INPUT, "%s has no storyboard.json; run `drama make` or `drama script` first", p->dir);
	char *out = out_dir ? xstrdup(out_dir) : project_path(p, "export");
	int rc = 0;
	for (size_t i = 0; i < p->s->n_eps && rc == 0; i++)
		if (!episode || p->s->eps[i].number == episode)
			rc = zip_episode(out, p->s->eps[i].number, format ? format : "all", paths, n_paths);
	free(out);
	return rc;
}
