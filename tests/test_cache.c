/* tests/test_cache.c — the focus of this file is the cache that checks itself: a sealed
 * entry (file + .sum) is reused only while its size, bytes and frame count agree; a
 * damaged voice, music cue, shot segment or character sheet is rebuilt with one warning
 * naming it and the episode comes out byte-identical; `drama clean` and the size cap
 * remove what the storyboard does not use, and temporary files of runs that are gone. */
#include "test.h"
#include "core/util.h"
#include "core/cache.h"
#include "core/wav.h"

#include <dirent.h>
#include <fcntl.h>
#include <time.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run `drama ARGS` in the case's folder; stdout and stderr into *out. */
static int drama(char **out, const char *args)
{
	char *cmd = xasprintf("cd '%s' && DRAMA_NO_BAR=1 '%s' %s 2>&1", test_tmpdir(), test_drama_bin(), args);
	int st = test_run(cmd, out);
	free(cmd);
	return st;
}

static char *tmp(const char *rel) { return path_join(test_tmpdir(), rel); }

static void put(const char *path, const char *s) { file_write_atomic(path, s, strlen(s)); }

/* The n-th (0-based, sorted) file of dir ending in suffix, project-relative; caller frees. */
static char *nth_file(const char *dir, const char *suffix, int n)
{
	char *d = tmp(dir);
	struct dirent **list = NULL;
	int k = scandir(d, &list, NULL, alphasort), seen = 0;
	char *found = NULL;
	for (int i = 0; i < k; i++) {
		if (!found && str_has_suffix(list[i]->d_name, suffix) && seen++ == n)
			found = xasprintf("%s/%s", dir, list[i]->d_name);
		free(list[i]);
	}
	free(list);
	free(d);
	return found;
}


static int same_file(const char *a_rel, const char *b_rel)
{
	char *a = tmp(a_rel), *b = tmp(b_rel);
	int same = file_same_bytes(a, b);
	free(a);
	free(b);
	return same;
}

static void copy_file(const char *from_rel, const char *to_rel)
{
	char *a = tmp(from_rel), *b = tmp(to_rel), *x = NULL;
	size_t n = 0;
	if (file_read_all(a, &x, &n) == 0) file_write_atomic(b, x, n);
	free(a); free(b); free(x);
}

static void truncate_half(const char *rel)
{
	char *p = tmp(rel);
	struct stat st;
	if (stat(p, &st) == 0 && truncate(p, st.st_size / 2) == 0) {}
	free(p);
}

/* Same size, other bytes: the middle third overwritten. */
static void scramble(const char *rel)
{
	char *p = tmp(rel), *x = NULL;
	size_t n = 0;
	if (file_read_all(p, &x, &n) == 0) {
		for (size_t i = n / 3; i < 2 * n / 3; i++) x[i] = (char)(i * 7 + 1);
		file_write_atomic(p, x, n);
	}
	free(x);
	free(p);
}

/* Lines of out that warn and name `name`. */
static int warnings_naming(const char *out, const char *name)
{
	int n = 0;
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	for (const char *l = out; l && *l;) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		char *line = xstrndup(l, len);
		if (strstr(line, "warning") && strstr(line, base)) n++;
		free(line);
		l = e ? e + 1 : NULL;
	}
	return n;
}

static int count_warnings(const char *out)
{
	int n = 0;
	for (const char *l = out; (l = strstr(l, "warning")); l++) n++;
	return n;
}

#define MAKE "make 'milk tea shop, prince' -o c --size 216x384 --fps 10 --minutes 0.5"

/* cache-1: seal and check, at the level of one file */
TEST(cache_seal_and_check)
{
	char *f = tmp("x.bin"), *sum = tmp("x.bin.sum");
	put(f, "0123456789abcdef");
	CHECK(cache_valid(f, -1) == 0);                 /* no sidecar, just written: not trusted, kept */
	CHECK(file_exists(f));                          /* (another process may be sealing it) */
	struct timespec old[2] = { { time(NULL) - 600, 0 }, { time(NULL) - 600, 0 } };
	CHECK(utimensat(AT_FDCWD, f, old, 0) == 0);
	CHECK(cache_valid(f, -1) == 0);                 /* no sidecar, old: not trusted, removed */
	CHECK(!file_exists(f));
	put(f, "0123456789abcdef");
	CHECK(cache_seal(f, 7) == 0);
	CHECK(cache_valid(f, 7) == 1);
	CHECK(cache_valid(f, -1) == 1);                 /* frames not asked */
	CHECK(cache_valid(f, 8) == 0);                  /* other frame count */
	CHECK(!file_exists(f) && !file_exists(sum));
	put(f, "0123456789abcdef");
	CHECK(cache_seal(f, -1) == 0);
	put(f, "0123456789abcdeX");                     /* same size, other bytes */
	CHECK(cache_valid(f, -1) == 0);
	put(f, "0123456789abcdef");
	CHECK(cache_seal(f, -1) == 0);
	put(f, "0123");                                 /* truncated */
	CHECK(cache_valid(f, -1) == 0);
	put(sum, "garbage");                            /* a sidecar without its file goes */
	CHECK(cache_valid(f, -1) == 0);
	CHECK(!file_exists(sum));
	free(f);
	free(sum);
}

/* A seal is written without an fsync (its entry is hashed against it whenever it is
 * used, so a crash can leave it only unreadable: made again), while file_write_atomic
 * keeps its fsync; a sidecar left empty (what a crash may leave) is not trusted. */
TEST(cache_seal_without_fsync)
{
	char *f = tmp("y.bin"), *sum = tmp("y.bin.sum");
	put(f, "0123456789abcdef");
	long n0 = file_fsync_count();
	CHECK(cache_seal(f, 3) == 0);
	CHECKF(file_fsync_count() == n0, "%ld fsyncs for a seal", file_fsync_count() - n0);
	CHECK(cache_valid(f, 3) == 1);
	CHECK(file_write_atomic(f, "x", 1) == 0 && file_fsync_count() == n0 + 1);
	put(f, "0123456789abcdef");
	CHECK(cache_seal(f, 3) == 0);
	put(sum, "");
	CHECK(cache_valid(f, 3) == 0);
	free(f);
	free(sum);
}

/* A cache entry's WAV (a voice line, a music cue) is written without an fsync, byte for
 * byte the file wav_write (with its fsync) writes: it is sealed next, and a torn one fails
 * its seal (the preview's voice stage made 94 fsyncs on its critical path). */
TEST(cache_wav_without_fsync)
{
	char *a = tmp("a.wav"), *b = tmp("b.wav"), *da = NULL, *db = NULL;
	int16_t pcm[6] = { 0, 1000, -1000, 32767, -32768, 7 };
	size_t na = 0, nb = 0;
	long n0 = file_fsync_count();
	CHECK(wav_write_replace(a, pcm, 3, 48000, 2) == 0);
	CHECKF(file_fsync_count() == n0, "%ld fsyncs for a cache WAV", file_fsync_count() - n0);
	CHECK(wav_write(b, pcm, 3, 48000, 2) == 0 && file_fsync_count() == n0 + 1);
	CHECK(file_read_all(a, &da, &na) == 0 && file_read_all(b, &db, &nb) == 0);
	CHECK(na == 44 + sizeof pcm && na == nb && memcmp(da, db, na) == 0);
	free(da);
	free(db);
	free(a);
	free(b);
}

/* The frame count a cache entry's sidecar records (-2: none readable). */
static long long sum_frames(const char *rel)
{
	char *sp = xasprintf("%s.sum", rel), *p = tmp(sp), *txt = NULL;
	long long size, frames = -2;
	char hex[40];
	if (file_read_all(p, &txt, NULL) == 0 && sscanf(txt, "drama-cache-1 %lld %39s %lld", &size, hex, &frames) != 3) frames = -2;
	free(txt);
	free(p);
	free(sp);
	return frames;
}

/* cache-2: each kind of entry damaged in a small project is rebuilt with one warning that
 * names it, and the episode is byte-identical to the undamaged one */
TEST(cache_damaged_entries_rebuilt)
{
	char *out = NULL;
	int st = drama(&out, MAKE);
	if (st) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(st == 0);
	copy_file("c/ep01.mp4", "ref.mp4");
	char *voice = nth_file("c/cache/voice", ".wav", 0), *cue = nth_file("c/cache/music", ".wav", 0);
	char *shot = nth_file("c/cache/shots", ".mp4", 2), *sheet = nth_file("c/characters", ".png", 0);
	char *timing = nth_file("c/cache/voice", ".json", 1), *shot2 = nth_file("c/cache/shots", ".mp4", 4);
	/* a whole segment of another length (the seal is copied with it: only the frame
	 * count the timeline expects can tell) */
	char *other = NULL;
	for (int k = 0; shot2 && !other; k++) {
		char *o = nth_file("c/cache/shots", ".mp4", k);
		if (!o) break;
		if (k != 2 && k != 4 && sum_frames(o) >= 0 && sum_frames(o) != sum_frames(shot2)) other = o;
		else free(o);
	}
	int ok = voice && cue && shot && sheet && timing && shot2 && other;
	/* round 1: truncated voice, cue, segment and sheet */
	if (ok) {
		truncate_half(voice); truncate_half(cue); truncate_half(shot); truncate_half(sheet);
		st = drama(&out, "render c");
		ok = st == 0;
		const char *names[] = { voice, cue, shot, sheet };
		for (int i = 0; i < 4 && ok; i++) {
			ok = warnings_naming(out, names[i]) == 1;
			if (!ok) fprintf(stderr, "  no single warning for %s in:\n%s\n", names[i], out);
		}
		if (ok && count_warnings(out) != 4) { fprintf(stderr, "%s\n", out); ok = 0; }
		free(out);
	}
	CHECK(ok);
	CHECK(same_file("ref.mp4", "c/ep01.mp4"));
	/* round 2: same size and other bytes (a cue, a timing file), and a segment replaced by
	 * another whole one with its own seal (other frame count or other bytes) */
	scramble(cue);
	scramble(timing);
	char *o_sum = xasprintf("%s.sum", other), *s_sum = xasprintf("%s.sum", shot2);
	copy_file(other, shot2);
	copy_file(o_sum, s_sum);
	st = drama(&out, "render c");
	ok = st == 0 && warnings_naming(out, cue) == 1 && warnings_naming(out, timing) == 1 &&
	     warnings_naming(out, shot2) == 1 && count_warnings(out) == 3;
	if (!ok) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(ok);
	CHECK(same_file("ref.mp4", "c/ep01.mp4"));
	/* round 3: nothing damaged, nothing warned, nothing drawn */
	st = drama(&out, "render c");
	ok = st == 0 && count_warnings(out) == 0 && strstr(out, " 0 segments drawn");
	if (!ok) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(ok);
	free(voice); free(cue); free(shot); free(sheet); free(timing); free(shot2); free(other); free(o_sum); free(s_sum);
}

/* A process id that is certainly gone: a child that has exited and been reaped. */
static int dead_pid(void)
{
	pid_t c = fork();
	if (c == 0) _exit(0);
	waitpid(c, NULL, 0);
	return (int)c;
}

/* cache-3: `drama clean` keeps what the storyboard uses and removes the rest and dead
 * runs' temporary files; --all removes every entry and the next render rebuilds the same
 * episode; the size cap removes unused entries after a render */
TEST(cache_clean_and_cap)
{
	char *out = NULL;
	int st = drama(&out, MAKE);
	free(out);
	CHECK(st == 0);
	copy_file("c/ep01.mp4", "ref.mp4");
	char *dead = xasprintf("c/cache/voice/aa.wav.tmp.%d", dead_pid()), *live = xasprintf("c/cache/voice/bb.wav.tmp.%d", (int)getpid());
	char *dead_llm = xasprintf("c/cache/llm/aa.txt.tmp.%d", dead_pid());
	const char *unused[] = { "c/cache/voice/0000feed.wav", "c/cache/voice/0000feed.wav.sum", "c/cache/music/0000feed.wav",
		"c/cache/shots/0000feed.mp4", "c/cache/shots/0000feed.thumb.png", "c/cache/art/characters_Nobody.hash", dead, dead_llm };
	/* AI answers are not the storyboard's to judge: only --all removes them */
	char *ai = tmp("c/cache/ai/0000beef.png"), *llm = tmp("c/cache/llm/0000beef.txt");
	char *aid = tmp("c/cache/ai"), *llmd = tmp("c/cache/llm");
	mkdir_p(aid);
	mkdir_p(llmd);
	free(aid);
	free(llmd);
	put(ai, "x");
	put(llm, "x");
	for (size_t i = 0; i < ARRAY_LEN(unused); i++) { char *p = tmp(unused[i]); put(p, "x"); free(p); }
	char *lp = tmp(live);
	put(lp, "x");
	st = drama(&out, "clean c");
	/* 8 files, or 6 when opening the project already took the dead runs' temp files */
	int ok = st == 0 && (strstr(out, "8 file(s) removed") || strstr(out, "6 file(s) removed"));
	if (!ok) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(ok);
	for (size_t i = 0; i < ARRAY_LEN(unused); i++) {
		char *p = tmp(unused[i]);
		ok = !file_exists(p);
		free(p);
		CHECKF(ok, "%s still there", unused[i]);
	}
	CHECK(file_exists(lp));                            /* a running process's file stays */
	CHECK(file_exists(ai) && file_exists(llm));
	unlink(lp);
	st = drama(&out, "render c");
	ok = st == 0 && strstr(out, " 0 segments drawn") && strstr(out, "0 line(s) voiced");
	if (!ok) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(ok);
	/* --all: the next render makes every entry again, the same bytes */
	char *v0 = nth_file("c/cache/voice", ".wav", 0), *m0 = nth_file("c/cache/music", ".wav", 0);
	CHECK(v0 && m0);
	copy_file(v0, "voice.ref");
	copy_file(m0, "music.ref");
	st = drama(&out, "clean c --all");
	free(out);
	CHECK(st == 0);
	char *first = nth_file("c/cache/voice", ".wav", 0), *seg = nth_file("c/cache/shots", ".mp4", 0);
	CHECK(!first && !seg);
	CHECK(!file_exists(ai) && !file_exists(llm));
	free(ai);
	free(llm);
	free(dead_llm);
	st = drama(&out, "render c");
	ok = st == 0 && count_warnings(out) == 0;
	if (!ok) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(ok);
	CHECK(same_file("voice.ref", v0) && same_file("music.ref", m0));
	CHECK(same_file("ref.mp4", "c/ep01.mp4"));
	free(v0); free(m0);
	/* the cap: an unused old entry goes after the render, the used ones stay */
	char *dj = tmp("c/drama.json"), *txt = NULL;
	CHECK(file_read_all(dj, &txt, NULL) == 0);
	char *brace = strrchr(txt, '}');
	CHECK(brace);
	*brace = 0;
	char *capped = xasprintf("%s, \"cache\": {\"max_mb\": 0}}\n", txt);
	put(dj, capped);
	free(capped);
	free(txt);
	free(dj);
	char *old = tmp("c/cache/music/0000cafe.wav");
	put(old, "x");
	st = drama(&out, "render c");
	ok = st == 0 && !file_exists(old) && strstr(out, " 0 segments drawn");
	if (!ok) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(ok);
	char *cue = nth_file("c/cache/music", ".wav", 0);
	CHECK(cue != NULL);
	free(cue);
	free(old);
	free(lp);
	free(dead);
	free(live);
}

/* cache-4: the sound's cache entries (mix spans, their levels, AAC pieces) are sealed like
 * the rest: one with other bytes of the same size is warned about, made again, and the
 * episode comes out byte-identical (before, a changed span went into the mix unnoticed). */
TEST(cache_damaged_sound_pieces_rebuilt)
{
	char *out = NULL;
	int st = drama(&out, MAKE);
	CHECKF(st == 0, "%s", out);
	free(out);
	copy_file("c/ep01.mp4", "ref.mp4");
	char *span = nth_file("c/cache/shots", ".mixspan", 1), *lvl = nth_file("c/cache/shots", ".mixlvl", 0),
	     *piece = nth_file("c/cache/shots", ".aacpiece", 0);
	CHECK(span && lvl && piece);
	scramble(span);
	scramble(lvl);
	scramble(piece);
	char *rec = tmp("c/cache/shots/ep01.outputs");
	remove(rec);                                   /* else the kept MP4 needs none of them */
	free(rec);
	st = drama(&out, "render c");
	int ok = st == 0 && warnings_naming(out, span) == 1 && warnings_naming(out, lvl) == 1 &&
	         warnings_naming(out, piece) == 1 && count_warnings(out) == 3;
	if (!ok) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(ok);
	CHECK(same_file("ref.mp4", "c/ep01.mp4"));
	free(span);
	free(lvl);
	free(piece);
}
