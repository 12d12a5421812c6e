/* export/export.c — `drama export`: pick the episodes and formats, walk each episode once,
 * link its media into OUT/epNN/media, write each format's document atomically there. */
#include "export/export.h"
#include "core/wav.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct format { const char *name, *ext; int (*write)(const struct ex_episode *, struct sbuf *); };
static const struct format FORMATS[] = {
	{ "jianying", NULL, NULL },   /* a draft folder, not one document */
	{ "capcut", NULL, NULL },     /* the same draft: CapCut reads draft_info.json */
	{ "mlt", "mlt", export_mlt },
	{ "kdenlive", "kdenlive", export_kdenlive },
	{ "fcpxml", "fcpxml", export_fcpxml },
	{ "otio", "otio", export_otio },
};

static void add_path(char ***paths, size_t *n, char *path)
{
	*paths = xrealloc(*paths, (*n + 1) * sizeof **paths);
	(*paths)[(*n)++] = path;
}

/* A mono WAV is written as stereo (the same samples in both channels): editors differ in
 * how they play mono (MLT lowers each channel by 3 dB; the mix puts the voice at full
 * level in both), a stereo file plays the same everywhere. Other media are linked. */
static int place(const char *src, const char *dst, int wav)
{
	int16_t *pcm = NULL;
	size_t n = 0;
	int rate = 0, ch = 0, rc;
	if (!wav || wav_read(src, &pcm, &n, &rate, &ch) < 0 || ch != 1) {
		free(pcm);
		return ex_link(src, dst);
	}
	int16_t *st = xmalloc((2 * n + 1) * sizeof *st);
	for (size_t i = 0; i < n; i++) st[2 * i] = st[2 * i + 1] = pcm[i];
	rc = wav_write(dst, st, n, rate, 2);
	free(pcm);
	free(st);
	return rc;
}

/* Place every clip's media into dir/media under a stable name and point the clip at it
 * (path relative to dir, src the placed file); remove files there that this export no
 * longer uses. */
static int link_media(struct ex_episode *e, const char *dir)
{
	struct { struct ex_clip *c; size_t n; const char *fmt; } kinds[] = {
		{ e->video, e->n_video, "shot-%03zu.mp4" },
		{ e->dialogue, e->n_dialogue, "line-%03zu.wav" },
		{ e->music, e->n_music, "music-%02zu.wav" },
		{ e->effects, e->n_effects, "effects-%02zu.wav" },
	};
	char *media = path_join(dir, "media");
	int rc = mkdir_p(media);
	for (size_t k = 0; k < ARRAY_LEN(kinds) && rc == 0; k++)
		for (size_t i = 0; i < kinds[k].n && rc == 0; i++) {
			struct ex_clip *c = &kinds[k].c[i];
			char name[64];
			snprintf(name, sizeof name, kinds[k].fmt, i);
			char *rel = xasprintf("media/%s", name), *dst = path_join(dir, rel);
			rc = place(c->src, dst, c->rate > 0);
			if (c->rate) c->channels = 2;
			free(c->src);
			c->src = dst;
			free(c->path);
			c->path = rel;
		}
	DIR *d = rc == 0 ? opendir(media) : NULL;
	for (struct dirent *de; d && (de = readdir(d));) {
		if (de->d_name[0] == '.') continue;
		int used = 0;
		for (size_t k = 0; k < ARRAY_LEN(kinds) && !used; k++)
			for (size_t i = 0; i < kinds[k].n && !used; i++) used = !strcmp(kinds[k].c[i].path + 6, de->d_name);
		if (!used) {
			char *stale = path_join(media, de->d_name);
			unlink(stale);
			free(stale);
		}
	}
	if (d) closedir(d);
	free(media);
	return rc;
}

/* the draft's folder name: the title without the characters Windows forbids in names */
static char *draft_name(const struct ex_episode *e)
{
	char *s = xasprintf("%s", e->title);
	for (char *c = s; *c; c++)
		if (strchr("/\\:*?\"<>|", *c) || (unsigned char)*c < 32) *c = '_';
	return s;
}

static int export_episode(const struct project *p, const struct episode *ep, const char *format, const char *out,
                          char ***paths, size_t *n_paths)
{
	int all = str_eq(format, "all");
	struct ex_episode e;
	int rc = export_walk(p, ep, &e);
	if (rc < 0) return rc;
	char *name = xasprintf("ep%02d", ep->number), *dir = path_join(out, name);
	if ((rc = mkdir_p(dir)) == 0 && (rc = link_media(&e, dir)) == 0 && e.srt) {
		char *dst = path_join(dir, e.srt), *kd = xasprintf("%s/%s.kdenlive.srt", dir, name);
		rc = ex_link(e.srt_src, dst);
		if (rc == 0 && (all || str_eq(format, "kdenlive"))) rc = ex_link(e.srt_src, kd);   /* Kdenlive's subtitle track */
		free(kd);
		free(dst);
	}
	if (rc == 0) {
		char *abs = realpath(dir, NULL);
		free(e.dir);
		e.dir = abs ? abs : xstrdup(dir);
	}
	int draft_done = 0;
	for (size_t f = 0; f < ARRAY_LEN(FORMATS) && rc == 0; f++) {
		if (!all && !str_eq(format, FORMATS[f].name)) continue;
		if (!FORMATS[f].write) {
			if (draft_done++) continue;
			char *dn = draft_name(&e), *jdir = path_join(dir, "jianying"), *ddir = path_join(jdir, dn);
			if ((rc = export_jianying(&e, ddir, dn)) == 0) add_path(paths, n_paths, xstrdup(ddir));
			free(dn);
			free(jdir);
			free(ddir);
			continue;
		}
		struct sbuf b = { 0 };
		char *file = xasprintf("%s.%s", name, FORMATS[f].ext), *path = path_join(dir, file);
		if ((rc = FORMATS[f].write(&e, &b)) == 0 && (rc = file_write_atomic(path, b.s ? b.s : "", b.len)) == 0) {
			add_path(paths, n_paths, path);
			path = NULL;
		}
		free(path);
		free(file);
		sb_free(&b);
	}
	if (rc == 0)
		log_info("export", "episode %d: %zu shots (%d drawn without subtitles now, %d from the cache, %.1f s), %zu "
		         "lines, %zu cues, %s, %zu subtitles; bus gains %+.1f/%+.1f/%+.1f dB (dialogue/music/effects; fit to "
		         "our mix %.1f dB), export sum %.1f LUFS, sample peak %.1f dBFS before the limiter", ep->number,
		         e.n_video, e.clean.drawn, e.clean.reused, e.clean.seconds, e.n_dialogue, e.n_music,
		         e.n_effects ? "an effects stem" : "no effects stem", e.n_subs, e.stem.bus_db[0], e.stem.bus_db[1],
		         e.n_effects ? e.stem.bus_db[2] : 0.0, e.stem.fit_db, e.loudness + e.master_db, e.peak_db);
	free(name);
	free(dir);
	export_episode_free(&e);
	return rc;
}

int export_run(const struct project *p, int episode, const char *format, const char *out_dir, char ***paths,
               size_t *n_paths)
{
	int known = str_eq(format, "all"), rc = 0, any = 0;
	for (size_t f = 0; f < ARRAY_LEN(FORMATS); f++) known |= str_eq(format, FORMATS[f].name);
	if (!known) return err_set(ERR_INPUT, "--format %s: unknown format; use one of %s", format ? format : "(none)",
	                           EXPORT_FORMATS);
	if (!p->s) return err_set(ERR_INPUT, "%s has no storyboard.json; run `drama make` or `drama script` first", p->dir);
	char *out = out_dir ? xstrdup(out_dir) : project_path(p, "export");
	for (size_t i = 0; i < p->s->n_eps && rc == 0; i++) {
		const struct episode *ep = &p->s->eps[i];
		if (episode && ep->number != episode) continue;
		any = 1;
		rc = export_episode(p, ep, format, out, paths, n_paths);
	}
	if (rc == 0 && !any)
		rc = episode ? err_set(ERR_INPUT, "there is no episode %d in %s/storyboard.json", episode, p->dir)
		             : err_set(ERR_INPUT, "%s/storyboard.json has no episodes", p->dir);
	free(out);
	return rc;
}
