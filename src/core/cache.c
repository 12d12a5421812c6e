/* core/cache.c — self-checking cache entries (F + F.sum), `drama clean` and the size cap. */
#define _GNU_SOURCE
#include "core/cache.h"
#include "core/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libavutil/mem.h>
#include <libavutil/murmur3.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SUM_MAGIC "drama-cache-1"
#define CACHE_SEALING_SEC 120   /* an entry without its sidecar younger than this may be mid-seal */

static double hashed_mb, hashed_sec;          /* cache_hash_stats */
static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;

void cache_hash_stats(double *mb, double *sec)
{
	pthread_mutex_lock(&stats_mu);
	if (mb) *mb = hashed_mb;
	if (sec) *sec = hashed_sec;
	pthread_mutex_unlock(&stats_mu);
}

int cache_sum_file(const char *path, struct cache_sum *out)
{
	memset(out, 0, sizeof *out);
	out->frames = -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) return err_set(ERR_IO, "cannot read %s: %s", path, strerror(errno));
	double t0 = now_sec();
	size_t cap = 1 << 20;
	char *buf = xmalloc(cap);
	/* MurmurHash3 (128 bits) finds damage as surely as SHA-256 (nobody forges a cache
	 * entry) at ten times the speed: 0.9-1.4 GB/s here from the page cache, SHA-256 125 MB/s. */
	struct AVMurMur3 *h = av_murmur3_alloc();
	if (!h) { fprintf(stderr, "out of memory\n"); abort(); }
	av_murmur3_init(h);
	int rc = 0;
	for (;;) {
		ssize_t r = read(fd, buf, cap);
		if (r < 0 && errno == EINTR) continue;
		if (r < 0) { rc = err_set(ERR_IO, "cannot read %s: %s", path, strerror(errno)); break; }
		if (r == 0) break;
		av_murmur3_update(h, (const uint8_t *)buf, (size_t)r);
		out->size += r;
	}
	uint8_t d[16];
	av_murmur3_final(h, d);
	av_free(h);
	for (int i = 0; i < 16; i++) snprintf(out->hash + 2 * i, 3, "%02x", d[i]);
	free(buf);
	close(fd);
	pthread_mutex_lock(&stats_mu);
	hashed_mb += (double)out->size / (1 << 20);
	hashed_sec += now_sec() - t0;
	pthread_mutex_unlock(&stats_mu);
	return rc;
}

static char *sum_path(const char *path) { return xasprintf("%s.sum", path); }

int cache_seal(const char *path, long long frames)
{
	struct cache_sum s;
	int rc = cache_sum_file(path, &s);
	if (rc < 0) return rc;
	char line[128];
	int n = snprintf(line, sizeof line, SUM_MAGIC " %lld %s %lld\n", s.size, s.hash, frames);
	char *sp = sum_path(path);
	/* no fsync: cache_valid hashes the entry against it, so a sidecar a crash left empty or
	 * torn only means "made again" (a preview make wrote 259 of its 412 fsyncs here,
	 * 3.7 ms of waiting each at load 7) */
	rc = file_write_replace(sp, line, (size_t)n);
	free(sp);
	return rc;
}

void cache_remove(const char *path)
{
	char *sp = sum_path(path);
	unlink(path);
	unlink(sp);
	free(sp);
}

/* Why the entry at path does not match its sidecar; NULL if it does. */
static const char *mismatch(const char *path, const char *sp, long long frames, char *why, size_t n)
{
	char *txt = NULL;
	size_t len = 0;
	if (file_read_all(sp, &txt, &len) < 0) {
		err_clear();
		return "no checksum beside it (made by an older drama, or the run was stopped)";
	}
	long long size = -1, fr = -2;
	char hex[33] = "";
	int ok = sscanf(txt, SUM_MAGIC " %lld %32s %lld", &size, hex, &fr) == 3 && strlen(hex) == 32;
	free(txt);
	if (!ok) return "its checksum file is unreadable";
	struct stat st;
	if (stat(path, &st) < 0) return "it cannot be read";
	if ((long long)st.st_size != size) {
		snprintf(why, n, "%lld bytes instead of %lld", (long long)st.st_size, size);
		return why;
	}
	if (frames >= 0 && fr != frames) {
		snprintf(why, n, "%lld frames instead of %lld", fr, frames);
		return why;
	}
	struct cache_sum s;
	if (cache_sum_file(path, &s) < 0) {
		err_clear();
		return "it cannot be read";
	}
	if (strcmp(s.hash, hex)) return "its bytes changed";
	return NULL;
}

int cache_valid(const char *path, long long frames)
{
	char *sp = sum_path(path);
	if (!file_exists(path)) {
		unlink(sp);
		free(sp);
		return 0;
	}
	char buf[96];
	const char *why = mismatch(path, sp, frames, buf, sizeof buf);
	struct stat st;
	if (why && !strncmp(why, "no checksum", 11) && stat(path, &st) == 0 && time(NULL) - st.st_mtime < CACHE_SEALING_SEC) {
		/* just put in place: another process (an episode beside this one) may be about to
		 * seal it. Not trusted, not removed: the caller makes the same bytes and renames
		 * them over it; removing it would pull it from under that writer's seal. */
		log_debug("cache", "%s: %s yet; making it again", path, why);
	} else if (why) {
		if (!strncmp(why, "no checksum", 11)) log_info("cache", "%s: %s; making it again", path, why);
		else log_warn("cache", "%s is damaged (%s); deleted, making it again", path, why);
		cache_remove(path);
	} else {
		utimensat(AT_FDCWD, sp, NULL, 0);     /* last use: the size cap removes the oldest first */
	}
	free(sp);
	return why == NULL;
}

int cache_valid_kept(const char *path)
{
	char *sp = sum_path(path);
	int legacy = file_exists(path) && !file_exists(sp);
	free(sp);
	if (!legacy) return cache_valid(path, -1);
	/* written atomically, so whole: only a kill between it and its sidecar, or an
	 * older drama, leaves it without one */
	if (cache_seal(path, -1) < 0) {
		log_warn("cache", "%s: cannot write its checksum: %s", path, err_msg());
		err_clear();
	}
	return 1;
}

/* ---- clean and trim ---- */

/* Folders whose entries the storyboard tells used or not. cache/ai and cache/llm hold
 * answers of the AI servers that cost minutes to get again and that nothing in the
 * storyboard lists: only --all removes them (and stale temporary files, always). */
static const char *const DIRS[] = { "cache/voice", "cache/music", "cache/shots", "cache/art", "cache/ai", "cache/llm" };
#define N_STORYBOARD_DIRS 4

/* One entry: the files of one folder that share a stem ("ab12.wav", "ab12.wav.sum", "ab12.json"). */
struct entry { char *dir, *stem; long long bytes; time_t last; int used; };
struct plan { struct entry *e; size_t n, cap; char **used; size_t n_used, cap_used; };

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Mark dir/name used; the entry is the name up to its first dot, as scan() groups files. */
static void use(struct plan *pl, const char *dir, const char *name)
{
	const char *dot = strchr(name, '.');
	xgrow((void **)&pl->used, &pl->cap_used, pl->n_used, sizeof *pl->used);
	pl->used[pl->n_used++] = xasprintf("%s/%.*s", dir, dot ? (int)(dot - name) : (int)strlen(name), name);
}

/* "cache/voice/ab.wav" -> dir "cache/voice", stem "ab" */
static void use_rel(struct plan *pl, const char *rel)
{
	if (!rel) return;
	const char *slash = strrchr(rel, '/');
	if (!slash) return;
	char *dir = xstrndup(rel, (size_t)(slash - rel));
	use(pl, dir, slash + 1);
	free(dir);
}

/* Segments the last render of each episode used, and the last export's clean ones:
 * cache/shots/epNN[.preview|.clean].list; the mix's spans, levels and AAC pieces:
 * cache/shots/epNN[.preview].mix.list. */
static void use_shot_lists(struct plan *pl, const struct project *p, int number)
{
	static const char *const kind[] = { "", ".preview", ".clean", ".mix", ".preview.mix" };
	for (int pv = 0; pv < 5; pv++) {
		char *rel = xasprintf("cache/shots/ep%02d%s.list", number, kind[pv]);
		char *path = project_path(p, rel), *txt = NULL;
		size_t n = 0;
		use_rel(pl, rel);
		if (file_read_all(path, &txt, &n) == 0) {
			for (char *line = strtok(txt, "\n"); line; line = strtok(NULL, "\n"))
				if (*line) use(pl, "cache/shots", line);
		} else {
			err_clear();
		}
		free(txt);
		free(path);
		free(rel);
	}
}

static void use_storyboard(struct plan *pl, const struct project *p)
{
	const struct series *s = p->s;
	if (!s) return;
	for (size_t e = 0; e < s->n_eps; e++) {
		const struct episode *ep = &s->eps[e];
		use_shot_lists(pl, p, ep->number);
		for (size_t c = 0; c < ep->n_scenes; c++) {
			const struct scene *sc = &ep->scenes[c];
			use_rel(pl, sc->music);
			for (size_t h = 0; h < sc->n_shots; h++)
				if (sc->shots[h].line) use_rel(pl, sc->shots[h].line->audio);
		}
	}
	const char *kinds[] = { "characters", "locations" };
	for (int k = 0; k < 2; k++) {
		size_t n = k ? s->n_locs : s->n_chars;
		for (size_t i = 0; i < n; i++) {
			const char *name = k ? s->locs[i].name : s->chars[i].name;
			char *safe = path_safe_name(name ? name : "unnamed"), *stem = xasprintf("%s_%s", kinds[k], safe);
			use(pl, "cache/art", stem);
			free(safe);
			free(stem);
		}
	}
	qsort(pl->used, pl->n_used, sizeof *pl->used, cmp_str);
}

static int is_used(const struct plan *pl, const char *dir, const char *stem)
{
	char *key = xasprintf("%s/%s", dir, stem);
	int found = pl->n_used && bsearch(&key, pl->used, pl->n_used, sizeof *pl->used, cmp_str) != NULL;
	free(key);
	return found;
}

/* A temporary file: "*.tmp.PID" (file_write_atomic) or "*.part" (an encoder's output
 * before its rename). 2: nobody will finish it (its process is gone, or a .part untouched
 * for an hour); 1: a run may still be writing it (left alone); 0: not temporary. */
static int temp_kind(const char *name, const struct stat *st)
{
	const char *t = strstr(name, ".tmp.");
	if (t) {
		char *end;
		long pid = strtol(t + 5, &end, 10);
		if (*end == 0 && pid > 0 && end != t + 5)
			return pid != (long)getpid() && kill((pid_t)pid, 0) < 0 && errno == ESRCH ? 2 : 1;
	}
	if (str_has_suffix(name, ".part")) return time(NULL) - st->st_mtime > 3600 ? 2 : 1;
	return 0;
}

static struct entry *entry_for(struct plan *pl, const char *dir, const char *stem)
{
	for (size_t i = pl->n; i-- > 0;)                 /* a folder's files come together */
		if (!strcmp(pl->e[i].stem, stem) && !strcmp(pl->e[i].dir, dir)) return &pl->e[i];
	xgrow((void **)&pl->e, &pl->cap, pl->n, sizeof *pl->e);
	struct entry *e = &pl->e[pl->n++];
	e->dir = xstrdup(dir);
	e->stem = xstrdup(stem);
	e->used = is_used(pl, dir, stem);
	return e;
}

/* Read the cache folders into entries; stale temporary files are removed on the way. */
static void scan(struct plan *pl, const struct project *p, int all, long long *files, long long *bytes)
{
	for (size_t d = 0; d < ARRAY_LEN(DIRS); d++) {
		int entries = all || d < N_STORYBOARD_DIRS;     /* else temporary files only */
		char *dpath = project_path(p, DIRS[d]);
		DIR *dh = opendir(dpath);
		struct dirent *de;
		while (dh && (de = readdir(dh))) {
			if (de->d_name[0] == '.') continue;
			char *fp = path_join(dpath, de->d_name);
			struct stat st;
			if (lstat(fp, &st) == 0 && S_ISREG(st.st_mode)) {
				int tk = temp_kind(de->d_name, &st);
				if (tk == 2 && unlink(fp) == 0) {
					if (files) (*files)++;
					if (bytes) *bytes += st.st_size;
				} else if (tk == 0 && entries) {
					const char *dot = strchr(de->d_name, '.');
					char *stem = xstrndup(de->d_name, dot ? (size_t)(dot - de->d_name) : strlen(de->d_name));
					struct entry *e = entry_for(pl, DIRS[d], stem);
					e->bytes += st.st_size;
					if (st.st_mtime > e->last) e->last = st.st_mtime;
					free(stem);
				}
			}
			free(fp);
		}
		if (dh) closedir(dh);
		free(dpath);
	}
}

/* Delete every file of entry e. */
static void drop(const struct project *p, const struct entry *e, long long *files, long long *bytes)
{
	char *dpath = project_path(p, e->dir);
	DIR *dh = opendir(dpath);
	struct dirent *de;
	size_t sl = strlen(e->stem);
	while (dh && (de = readdir(dh))) {
		if (strncmp(de->d_name, e->stem, sl) || (de->d_name[sl] && de->d_name[sl] != '.')) continue;
		char *fp = path_join(dpath, de->d_name);
		struct stat st;
		if (lstat(fp, &st) == 0 && S_ISREG(st.st_mode) && !temp_kind(de->d_name, &st) && unlink(fp) == 0) {
			if (files) (*files)++;
			if (bytes) *bytes += st.st_size;
		}
		free(fp);
	}
	if (dh) closedir(dh);
	free(dpath);
}

static void plan_free(struct plan *pl)
{
	for (size_t i = 0; i < pl->n; i++) { free(pl->e[i].dir); free(pl->e[i].stem); }
	for (size_t i = 0; i < pl->n_used; i++) free(pl->used[i]);
	free(pl->e);
	free(pl->used);
}

int cache_clean(struct project *p, int all, long long *files, long long *bytes)
{
	if (files) *files = 0;
	if (bytes) *bytes = 0;
	if (!all && !p->s)
		return err_set(ERR_INPUT, "%s has no storyboard.json, so nothing says which cache entries are used; "
		               "add --all to remove them all", p->dir);
	struct plan pl = { 0 };
	if (!all) use_storyboard(&pl, p);
	scan(&pl, p, all, files, bytes);
	for (size_t i = 0; i < pl.n; i++)
		if (!pl.e[i].used) drop(p, &pl.e[i], files, bytes);
	plan_free(&pl);
	return 0;
}

static int by_age(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	return x->last < y->last ? -1 : x->last > y->last;
}

/* "cache": {"max_mb": N} from drama.json: 0 and *mb = -1 when not set. */
static int read_cap(const struct project *p, double *mb)
{
	*mb = -1;
	char *path = project_path(p, "drama.json");
	int rc = 0;
	json_t *j = file_exists(path) ? json_load_file(path, 0, NULL) : NULL;
	json_t *c = json_object_get(j, "cache");
	json_t *m = json_object_get(c, "max_mb");
	if (m) {
		if (!json_is_number(m) || json_number_value(m) < 0)
			rc = err_set(ERR_INPUT, "%s: cache.max_mb must be a number of megabytes, 0 or more; fix it or remove it "
			             "(no limit)", path);
		else
			*mb = json_number_value(m);
	}
	json_decref(j);
	free(path);
	return rc;
}

int cache_trim(struct project *p)
{
	double cap_mb;
	int rc = read_cap(p, &cap_mb);
	if (rc < 0 || cap_mb < 0 || !p->s) return rc;
	struct plan pl = { 0 };
	long long files = 0, freed = 0, total = 0;
	use_storyboard(&pl, p);
	scan(&pl, p, 0, &files, &freed);
	for (size_t i = 0; i < pl.n; i++) total += pl.e[i].bytes;
	long long cap = (long long)(cap_mb * 1048576.0);
	qsort(pl.e, pl.n, sizeof *pl.e, by_age);
	for (size_t i = 0; i < pl.n && total > cap; i++) {
		if (pl.e[i].used) continue;
		long long b = 0;
		drop(p, &pl.e[i], &files, &b);
		total -= pl.e[i].bytes;
		freed += b;
	}
	if (files)
		log_info("cache", "cache over %.0f MB: %lld unused file(s) removed (%.1f MB), %.1f MB left", cap_mb, files,
		         (double)freed / 1048576.0, (double)total / 1048576.0);
	if (total > cap)
		log_info("cache", "the cache holds %.1f MB that the current storyboard uses, over cache.max_mb (%.0f MB)",
		         (double)total / 1048576.0, cap_mb);
	plan_free(&pl);
	return 0;
}
