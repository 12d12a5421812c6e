/* core/util.h — memory, strings, errors, logging, progress, files, hashing.
 *
 * Every module may include this. Usage:
 *
 *   char *s = xstrdup("x");            // aborts with the size on out-of-memory
 *   if (file_write_atomic(path, buf, n) < 0) { log_error("core", "%s", err_msg()); }
 *   free(s);
 *
 * Errors: functions return 0 on success and a negative code on failure, after
 * calling err_set() with one user-facing sentence (what, where, what to do).
 * The message is thread-local and read with err_msg().
 */
#ifndef DRAMA_CORE_UTIL_H
#define DRAMA_CORE_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- memory: abort with the size on out-of-memory ---- */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t sz);
/* xcalloc with every page written now (malloc + memset), for a big buffer (a sound span,
 * an ambience bed) that is then added to (+=) before anything else writes it: calloc's
 * fresh mapping maps the shared zero page on that first read and copies it on the first
 * write, and in a process with threads on the other core each such copy flushes their
 * TLB too (an interrupt to it): in a preview's mix thread 0.3 s of CPU. */
void *xcalloc_written(size_t n, size_t sz);   /* (malloc + explicit_bzero) */
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);              /* xstrdup(NULL) returns NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Grow *arr (elements of size elsz) so that index n is valid; new space zeroed. */
void xgrow(void **arr, size_t *cap, size_t n, size_t elsz);

/* ---- string helpers ---- */
int str_eq(const char *a, const char *b);         /* NULL-safe */
int str_ieq(const char *a, const char *b);        /* ASCII case-insensitive, NULL-safe */
char *str_trim(char *s);                          /* in place; returns s */
int str_has_suffix(const char *s, const char *suffix);
/* `word` occurs in `text` as a whole word (ASCII letters around it end a word, a plural s
 * allowed; a word with non-ASCII bytes matches anywhere). Case-sensitive; NULL-safe. */
int str_has_word(const char *text, const char *word);
/* Growable string buffer. sb_free(&b) frees; sb.s is always NUL-terminated. */
struct sbuf { char *s; size_t len, cap; };
void sb_add(struct sbuf *b, const char *s);
void sb_addn(struct sbuf *b, const char *s, size_t n);
void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_free(struct sbuf *b);

/* ---- errors ---- */
enum { ERR_GENERIC = -1, ERR_IO = -2, ERR_INPUT = -3, ERR_NET = -4, ERR_NOTFOUND = -5 };
int err_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *err_msg(void);                 /* "" when no error was set */
void err_clear(void);

/* ---- logging (stderr, module tag) ---- */
enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };
void log_set_level(enum log_level l);
void log_msg(enum log_level l, const char *tag, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#define log_debug(tag, ...) log_msg(LOG_DEBUG, tag, __VA_ARGS__)
#define log_info(tag, ...)  log_msg(LOG_INFO, tag, __VA_ARGS__)
#define log_warn(tag, ...)  log_msg(LOG_WARN, tag, __VA_ARGS__)
#define log_error(tag, ...) log_msg(LOG_ERROR, tag, __VA_ARGS__)
/* VmRSS and VmHWM of this process in MB (0 where /proc is missing), for debug logs. */
void mem_now(double *rss, double *hwm);

/* ---- progress: a bar with stage, percent and ETA on a terminal, plain lines otherwise ---- */
void progress_begin(const char *stage, double total);
void progress_update(double done, const char *what);   /* what may be NULL */
void progress_end(void);
/* on = 1: the calling thread's progress calls draw nothing (its stage runs beside another
 * stage that owns the bar); 0 again to draw. */
void progress_quiet(int on);

/* ---- files ---- */
/* Write n bytes to path atomically (temp file in the same folder + fsync + rename).
 * On error returns <0, sets err_msg, and leaves any existing file at path untouched. */
int file_write_atomic(const char *path, const void *data, size_t n);
/* The same without the fsync (readers still see the old bytes or the new): for files
 * whose readers check them whole, such as a cache entry's checksum (core/cache.c), which
 * a crash can only leave unreadable, never wrong. Each fsync costs 1-4 ms of waiting. */
int file_write_replace(const char *path, const void *data, size_t n);
/* How many fsyncs file_write_atomic has made in this process. */
long file_fsync_count(void);
/* Read a whole file; *out is NUL-terminated and owned by the caller (free()). */
int file_read_all(const char *path, char **out, size_t *n);
/* 1 if both files can be read and hold the same bytes, else 0. */
int file_same_bytes(const char *a, const char *b);
int file_exists(const char *path);
int mkdir_p(const char *path);              /* 0 or <0 with err_msg */
char *path_join(const char *a, const char *b);  /* caller frees */
/* The shortest leading part of path that does not exist (what mkdir_p(path) would create
 * first), or NULL if path exists. Caller frees. */
char *path_first_missing(const char *path);
/* Remove dir and its parents while they are empty, stopping above top (a result of
 * path_first_missing): a failed run takes away the folders it created and left empty. */
void rmdir_empty_up_to(const char *dir, const char *top);
/* Remove "NAME.tmp.PID" files (file_write_atomic's temp files) whose process is gone, in
 * dir and depth levels of folders below. Returns how many were removed. */
size_t file_remove_stale_tmp(const char *dir, int depth);
/* A file name safe for any file system from a display name ("Prince Rui" -> "Prince_Rui").
 * UTF-8 letters are kept. Caller frees. */
char *path_safe_name(const char *name);
double now_sec(void);                        /* monotonic seconds */

/* ---- hashing for the content-addressed cache ---- */
/* Incremental SHA-256; hash_hex gives the first 16 bytes as 32 hex characters. */
struct hash { void *ctx; };
void hash_init(struct hash *h);
void hash_add(struct hash *h, const void *data, size_t n);
void hash_str(struct hash *h, const char *s);      /* adds s (NULL-safe) and a separator */
void hash_num(struct hash *h, double v);
void hash_hex(struct hash *h, char out[33]);       /* finishes and frees the context */

/* ---- deterministic random numbers (splitmix64/xorshift), seeded per use ---- */
struct rng { uint64_t s; };
void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
double rng_unit(struct rng *r);                    /* [0,1) */
int rng_range(struct rng *r, int lo, int hi);      /* inclusive */
uint64_t seed_mix(uint64_t seed, const char *s);   /* derive a sub-seed from a string */

/* ---- data files ---- */
/* Path to a file under the data folder (DRAMA_DATA env, else ./data next to the
 * binary, else the install prefix). Caller frees. */
char *data_path(const char *rel);

/* ---- UTF-8 ---- */
/* Decode one code point at *p and advance; returns -1 on invalid bytes (skips one byte):
 * a stray continuation byte, a truncated sequence, an overlong form, a surrogate
 * (U+D800-DFFF), a code point past U+10FFFF, or 0xF8-0xFF. */
int32_t utf8_next(const char **p);
/* 1 if the NUL-terminated s is valid UTF-8 (NULL is valid); else 0 and *bad_at (may be
 * NULL) is the byte offset of the first invalid byte. */
int utf8_validate(const char *s, size_t *bad_at);
/* Copy n bytes of s (s[n] must be 0) with every byte that does not start a valid sequence,
 * and every NUL, replaced by U+FFFD. Returns how many were replaced; *out is NUL-terminated
 * (caller frees), *out_n its length (may be NULL), *first_bad (may be NULL) the byte offset
 * of the first replaced byte, n if none. */
size_t utf8_repair(const char *s, size_t n, char **out, size_t *out_n, size_t *first_bad);
/* 1-based line and column (in characters) of byte offset off in s, for messages. */
void text_position(const char *s, size_t off, int *line, int *col);
size_t utf8_len(const char *s);                   /* code points */
int utf8_is_cjk(int32_t cp);

#endif
