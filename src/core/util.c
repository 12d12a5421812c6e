/* core/util.c — memory, strings, errors, logging, progress, files, hashing, rng, UTF-8. */
#include "core/util.h"

#include <ctype.h>
#include <dirent.h>
#include <signal.h>
#include <errno.h>
#include <fcntl.h>
#include <libavutil/sha.h>
#include <libavutil/mem.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- memory ---- */
static void oom(size_t n)
{
	fprintf(stderr, "drama: out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) oom(n);
	return p;
}

void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);
	if (!p) oom(n * sz);
	return p;
}

void *xcalloc_written(size_t n, size_t sz)
{
	if (sz && n > SIZE_MAX / sz) oom(SIZE_MAX);
	size_t b = n * sz;
	void *p = xmalloc(b);
	explicit_bzero(p, b ? b : 1);   /* (a memset here is turned into calloc by the compiler) */
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	if (!s) return NULL;
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

void xgrow(void **arr, size_t *cap, size_t n, size_t elsz)
{
	if (n < *cap) return;
	size_t nc = *cap ? *cap * 2 : 8;
	while (nc <= n) nc *= 2;
	*arr = xrealloc(*arr, nc * elsz);
	memset((char *)*arr + *cap * elsz, 0, (nc - *cap) * elsz);
	*cap = nc;
}

/* ---- strings ---- */
int str_eq(const char *a, const char *b)
{
	if (!a || !b) return a == b;
	return strcmp(a, b) == 0;
}

int str_ieq(const char *a, const char *b)
{
	if (!a || !b) return a == b;
	return strcasecmp(a, b) == 0;
}

char *str_trim(char *s)
{
	if (!s) return s;
	char *p = s;
	while (*p && isspace((unsigned char)*p)) p++;
	size_t n = strlen(p);
	while (n && isspace((unsigned char)p[n - 1])) n--;
	memmove(s, p, n);
	s[n] = 0;
	return s;
}

int str_has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

int str_has_word(const char *text, const char *word)
{
	if (!text || !word || !*word) return 0;
	size_t n = strlen(word);
	int ascii = 1;
	for (const char *w = word; *w; w++) if ((unsigned char)*w >= 0x80) ascii = 0;
	for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
		if (!ascii) return 1;
		int before = p > text && isalpha((unsigned char)p[-1]);
		int after = isalpha((unsigned char)p[n]) && !(p[n] == 's' && !isalpha((unsigned char)p[n + 1]));
		if (!before && !after) return 1;
	}
	return 0;
}

void sb_addn(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap : 64;
		while (nc < b->len + n + 1) nc *= 2;
		b->s = xrealloc(b->s, nc);
		b->cap = nc;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void sb_add(struct sbuf *b, const char *s)
{
	sb_addn(b, s ? s : "", s ? strlen(s) : 0);
}

void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *tmp = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(tmp, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb_addn(b, tmp, (size_t)n);
	free(tmp);
}

void sb_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* ---- errors ---- */
static _Thread_local char err_buf[2048];

int err_set(int code, const char *fmt, ...)
{
	/* Format into a temporary first: callers may pass err_msg() as an argument. */
	char tmp[sizeof err_buf];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	memcpy(err_buf, tmp, sizeof err_buf);
	return code < 0 ? code : ERR_GENERIC;
}

const char *err_msg(void) { return err_buf; }
void err_clear(void) { err_buf[0] = 0; }

/* ---- logging ---- */
static enum log_level log_level = LOG_INFO;
static int progress_active;   /* a bar is drawn on the current terminal line (atomic: a stage
                               * beside another logs from its own thread) */

void log_set_level(enum log_level l) { log_level = l; }

void log_msg(enum log_level l, const char *tag, const char *fmt, ...)
{
	static const char *names[] = { "debug", "info", "warning", "error" };
	if (l < log_level) return;
	if (__atomic_load_n(&progress_active, __ATOMIC_RELAXED)) fputs("\r\033[K", stderr);
	char msg[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (l == LOG_INFO)
		fprintf(stderr, "[%s] %s\n", tag, msg);
	else
		fprintf(stderr, "[%s] %s: %s\n", tag, names[l], msg);
}

/* ---- progress ---- */
static struct {
	char stage[32];
	double total, t0, last_print;
	int last_pct;
	int tty;
} pg;
static _Thread_local int pg_quiet;    /* this thread's stage runs beside another's bar */

void progress_quiet(int on) { pg_quiet = on; }

void progress_begin(const char *stage, double total)
{
	if (pg_quiet) return;
	snprintf(pg.stage, sizeof pg.stage, "%s", stage);
	pg.total = total > 0 ? total : 1;
	pg.t0 = now_sec();
	pg.last_print = 0;
	pg.last_pct = -1;
	pg.tty = isatty(2) && !getenv("DRAMA_NO_BAR");
	progress_update(0, NULL);
}

void progress_update(double done, const char *what)
{
	if (pg_quiet || !pg.stage[0]) return;
	int pct = (int)(100.0 * done / pg.total);
	if (pct > 100) pct = 100;
	double t = now_sec(), el = t - pg.t0;
	double eta = done > 0 ? el * (pg.total - done) / done : 0;
	if (pg.tty) {
		if (t - pg.last_print < 0.1 && pct != 100) return;
		pg.last_print = t;
		char bar[31];
		int fill = pct * 30 / 100;
		for (int i = 0; i < 30; i++) bar[i] = i < fill ? '#' : '-';
		bar[30] = 0;
		fprintf(stderr, "\r\033[K%-7s [%s] %3d%%  ETA %3.0fs  %.40s", pg.stage, bar, pct, eta, what ? what : "");
		__atomic_store_n(&progress_active, 1, __ATOMIC_RELAXED);
	} else {
		if (pct / 10 == pg.last_pct / 10 && pg.last_pct >= 0) return;
		fprintf(stderr, "%s: %d%% (%.1fs elapsed, ETA %.0fs)%s%s\n", pg.stage, pct, el, eta,
		        what ? " " : "", what ? what : "");
	}
	pg.last_pct = pct;
}

void progress_end(void)
{
	if (pg_quiet || !pg.stage[0]) return;
	double el = now_sec() - pg.t0;
	if (pg.tty) fputs("\r\033[K", stderr);
	__atomic_store_n(&progress_active, 0, __ATOMIC_RELAXED);
	fprintf(stderr, "%s: done in %.1fs\n", pg.stage, el);
	pg.stage[0] = 0;
}

/* ---- files ---- */
static long fsyncs;                   /* file_fsync_count */

long file_fsync_count(void) { return __atomic_load_n(&fsyncs, __ATOMIC_RELAXED); }

static int write_replace(const char *path, const void *data, size_t n, int sync);

int file_write_atomic(const char *path, const void *data, size_t n) { return write_replace(path, data, n, 1); }

int file_write_replace(const char *path, const void *data, size_t n) { return write_replace(path, data, n, 0); }

static int write_replace(const char *path, const void *data, size_t n, int sync)
{
	char *tmp = xasprintf("%s.tmp.%d", path, (int)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return err_set(ERR_IO, "cannot write %s: %s; check that the folder exists and is writable", path, strerror(e));
	}
	const char *p = data;
	size_t left = n;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0) {
			if (errno == EINTR) continue;
			int e = errno;
			close(fd);
			unlink(tmp);
			free(tmp);
			return err_set(ERR_IO, "cannot write %s: %s%s", path, strerror(e),
			               e == ENOSPC ? "; free some disk space and run again" : "");
		}
		p += w;
		left -= (size_t)w;
	}
	if (sync) __atomic_add_fetch(&fsyncs, 1, __ATOMIC_RELAXED);
	if (sync && fsync(fd) < 0 && errno != EINVAL) {
		int e = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		return err_set(ERR_IO, "cannot write %s: %s", path, strerror(e));
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		int e = errno;
		unlink(tmp);
		free(tmp);
		return err_set(ERR_IO, "cannot write %s: %s", path, strerror(e));
	}
	free(tmp);
	return 0;
}

int file_read_all(const char *path, char **out, size_t *n)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(errno == ENOENT ? ERR_NOTFOUND : ERR_IO, "cannot read %s: %s", path, strerror(errno));
	struct sbuf b = { 0 };
	char chunk[65536];
	size_t r;
	while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_addn(&b, chunk, r);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		sb_free(&b);
		return err_set(ERR_IO, "cannot read %s: read error", path);
	}
	if (!b.s) sb_add(&b, "");
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		sb_free(&b);
		return err_set(ERR_INPUT, "%s is a folder, not a file", path);
	}
	*out = b.s;
	if (n) *n = b.len;
	return 0;
}

int file_same_bytes(const char *a, const char *b)
{
	char *x = NULL, *y = NULL;
	size_t nx = 0, ny = 0;
	int same = file_read_all(a, &x, &nx) == 0 && file_read_all(b, &y, &ny) == 0 && nx == ny && !memcmp(x, y, nx);
	free(x);
	free(y);
	err_clear();
	return same;
}

int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

int mkdir_p(const char *path)
{
	char buf[PATH_MAX];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/') continue;
		*p = 0;
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			return err_set(ERR_IO, "cannot create folder %s: %s", buf, strerror(errno));
		*p = '/';
	}
	if (mkdir(buf, 0755) < 0 && errno != EEXIST)
		return err_set(ERR_IO, "cannot create folder %s: %s", buf, strerror(errno));
	struct stat st;
	if (stat(buf, &st) < 0 || !S_ISDIR(st.st_mode))
		return err_set(ERR_IO, "cannot use %s as a folder: a file with that name exists", buf);
	return 0;
}

char *path_first_missing(const char *path)
{
	char buf[PATH_MAX];
	snprintf(buf, sizeof buf, "%s", path);
	size_t n = strlen(buf);
	while (n > 1 && buf[n - 1] == '/') buf[--n] = 0;
	for (char *p = buf + 1;; p++) {
		if (*p && *p != '/') continue;
		char c = *p;
		*p = 0;
		if (!file_exists(buf)) return xstrdup(buf);
		if (!c) return NULL;
		*p = c;
	}
}

void rmdir_empty_up_to(const char *dir, const char *top)
{
	if (!dir || !top) return;
	char buf[PATH_MAX];
	snprintf(buf, sizeof buf, "%s", dir);
	size_t n = strlen(buf), tn = strlen(top);
	while (n > 1 && buf[n - 1] == '/') buf[--n] = 0;
	while (n >= tn && !strncmp(buf, top, tn) && (buf[tn] == 0 || buf[tn] == '/')) {
		if (rmdir(buf) < 0) return;          /* not empty (or not ours): stop */
		log_debug("core", "removed the empty folder %s that this run created", buf);
		char *slash = strrchr(buf, '/');
		if (!slash || slash == buf) return;
		*slash = 0;
		n = strlen(buf);
	}
}

/* "NAME.tmp.PID" with a whole-number PID: the pid, else 0. */
static long tmp_pid(const char *name)
{
	const char *t = strstr(name, ".tmp.");
	if (!t) return 0;
	while (strstr(t + 1, ".tmp.")) t = strstr(t + 1, ".tmp.");
	const char *d = t + 5;
	if (!*d) return 0;
	for (const char *c = d; *c; c++)
		if (*c < '0' || *c > '9') return 0;
	return strtol(d, NULL, 10);
}

size_t file_remove_stale_tmp(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	size_t removed = 0;
	if (!d) return 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2]))) continue;
		char *p = path_join(dir, e->d_name);
		struct stat st;
		if (lstat(p, &st) == 0) {
			long pid = tmp_pid(e->d_name);
			if (S_ISDIR(st.st_mode) && depth > 0) {
				removed += file_remove_stale_tmp(p, depth - 1);
			} else if (S_ISREG(st.st_mode) && pid > 0 && pid != (long)getpid() &&
			           kill((pid_t)pid, 0) < 0 && errno == ESRCH && unlink(p) == 0) {
				log_debug("core", "removed %s, left by a run that ended (process %ld)", p, pid);
				removed++;
			}
		}
		free(p);
	}
	closedir(d);
	return removed;
}

char *path_join(const char *a, const char *b)
{
	if (!a || !*a) return xstrdup(b);
	size_t n = strlen(a);
	return xasprintf("%s%s%s", a, a[n - 1] == '/' ? "" : "/", b);
}

char *path_safe_name(const char *name)
{
	struct sbuf b = { 0 };
	for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p; p++) {
		if (*p >= 0x80 || isalnum(*p) || *p == '-' || *p == '_')
			sb_addn(&b, (const char *)p, 1);
		else if (b.len && b.s[b.len - 1] != '_')
			sb_add(&b, "_");
	}
	while (b.len && b.s[b.len - 1] == '_') b.s[--b.len] = 0;
	if (!b.len) sb_add(&b, "unnamed");
	return b.s;
}

double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- hashing ---- */
void hash_init(struct hash *h)
{
	struct AVSHA *s = av_sha_alloc();
	if (!s) oom(256);
	av_sha_init(s, 256);
	h->ctx = s;
}

void hash_add(struct hash *h, const void *data, size_t n)
{
	av_sha_update(h->ctx, data, n);
}

void hash_str(struct hash *h, const char *s)
{
	static const uint8_t sep[2] = { 0, 1 };
	if (s) hash_add(h, s, strlen(s));
	hash_add(h, sep, s ? 1 : 2);
}

void hash_num(struct hash *h, double v)
{
	char b[64];
	snprintf(b, sizeof b, "%.9g", v);
	hash_str(h, b);
}

void hash_hex(struct hash *h, char out[33])
{
	uint8_t d[32];
	av_sha_final(h->ctx, d);
	av_freep(&h->ctx);
	for (int i = 0; i < 16; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
	out[32] = 0;
}

/* ---- rng ---- */
void rng_seed(struct rng *r, uint64_t seed) { r->s = seed ^ 0x9e3779b97f4a7c15ull; }

uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

double rng_unit(struct rng *r) { return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0); }

int rng_range(struct rng *r, int lo, int hi)
{
	if (hi <= lo) return lo;
	return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

uint64_t seed_mix(uint64_t seed, const char *s)
{
	uint64_t h = 1469598103934665603ull ^ seed;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	struct rng r = { h };
	return rng_next(&r);
}

/* ---- data ---- */
char *data_path(const char *rel)
{
	const char *env = getenv("DRAMA_DATA");
	if (env && *env) return path_join(env, rel);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		/* <repo>/build/drama or <repo>/drama -> <repo>/data */
		for (int up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/');
			if (!slash) break;
			*slash = 0;
			char *d = xasprintf("%s/data/%s", exe, rel);
			char *probe = xasprintf("%s/data", exe);
			int ok = file_exists(probe);
			free(probe);
			if (ok) return d;
			free(d);
		}
	}
	char *d = xasprintf("/usr/local/share/drama/%s", rel);
	if (file_exists(d)) return d;
	free(d);
	return path_join("data", rel);
}

/* ---- UTF-8 ---- */
int32_t utf8_next(const char **pp)
{
	/* the smallest code point each length may carry: shorter forms are overlong */
	static const int32_t min_cp[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	const unsigned char *p = (const unsigned char *)*pp;
	int32_t c;
	int n;
	if (p[0] < 0x80) { c = p[0]; n = 1; }
	else if ((p[0] & 0xe0) == 0xc0) { c = p[0] & 0x1f; n = 2; }
	else if ((p[0] & 0xf0) == 0xe0) { c = p[0] & 0x0f; n = 3; }
	else if ((p[0] & 0xf8) == 0xf0) { c = p[0] & 0x07; n = 4; }
	else { *pp += 1; return -1; }
	for (int i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80) { *pp += 1; return -1; }
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min_cp[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) { *pp += 1; return -1; }
	*pp += n;
	return c;
}

int utf8_validate(const char *s, size_t *bad_at)
{
	const char *p = s;
	while (p && *p) {
		const char *at = p;
		if (utf8_next(&p) < 0) {
			if (bad_at) *bad_at = (size_t)(at - s);
			return 0;
		}
	}
	return 1;
}

size_t utf8_repair(const char *s, size_t n, char **out, size_t *out_n, size_t *first_bad)
{
	struct sbuf b = { 0 };
	size_t bad = 0, i = 0;
	if (first_bad) *first_bad = n;
	sb_addn(&b, "", 0);
	while (i < n) {
		const char *p = s + i;
		size_t run = i;
		/* copy the longest valid stretch in one go */
		while (run < n && s[run]) {
			const char *q = s + run;
			if (utf8_next(&q) < 0) break;
			run = (size_t)(q - s);
		}
		if (run > i) sb_addn(&b, p, run - i);
		if (run >= n) break;
		if (!bad && first_bad) *first_bad = run;
		bad++;
		sb_addn(&b, "\xEF\xBF\xBD", 3);   /* U+FFFD REPLACEMENT CHARACTER */
		i = run + 1;
	}
	*out = b.s;
	if (out_n) *out_n = b.len;
	return bad;
}

void text_position(const char *s, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off && s[i]; i++) {
		if (s[i] == '\n') { l++; c = 1; }
		else if (((unsigned char)s[i] & 0xc0) != 0x80) c++;
	}
	*line = l;
	*col = c;
}

size_t utf8_len(const char *s)
{
	size_t n = 0;
	while (*s) { utf8_next(&s); n++; }
	return n;
}

int utf8_is_cjk(int32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0x20000 && c <= 0x2a6df) || (c >= 0xf900 && c <= 0xfaff) ||
	       (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef);
}

/* VmRSS and VmHWM of this process in MB (debug log of where memory goes). */
void mem_now(double *rss, double *hwm)
{
	*rss = *hwm = 0;
	FILE *f = fopen("/proc/self/status", "r");
	if (!f) return;
	char line[128];
	long kb;
	while (fgets(line, sizeof line, f)) {
		if (sscanf(line, "VmRSS: %ld", &kb) == 1) *rss = kb / 1024.0;
		else if (sscanf(line, "VmHWM: %ld", &kb) == 1) *hwm = kb / 1024.0;
	}
	fclose(f);
}
