/* core/lock.c — the project folder's writer lock (see lock.h). */
#define _GNU_SOURCE
#include "core/lock.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The record is rewritten in place (the lock lives on this inode, so no rename), padded
 * to a fixed size so a reader never sees a shorter file's stale tail. */
#define LOCK_RECORD 256

struct project_lock {
	int fd;
	char *path;
	int keep;                    /* DRAMA_KEEP_LOCK: leave the file and its exit record */
	long pid;
	unsigned long long start;
	char what[32];
};

unsigned long long proc_start_time(long pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) return 0;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0) return 0;
	buf[n] = 0;
	/* the command name (field 2) may hold spaces and parentheses: count after the last ')' */
	const char *p = strrchr(buf, ')');
	if (!p) return 0;
	unsigned long long v = 0;
	for (int field = 2; *p && field < 22; p++)
		if (*p == ' ') field++;
	if (sscanf(p, "%llu", &v) != 1) return 0;
	return v;
}

static void write_record(const struct project_lock *lk, int finished, int exit_code)
{
	char rec[LOCK_RECORD + 1];
	int n = finished
		? snprintf(rec, sizeof rec, "{\"pid\": %ld, \"start\": %llu, \"command\": \"%s\", \"exit\": %d}\n",
		           lk->pid, lk->start, lk->what, exit_code)
		: snprintf(rec, sizeof rec, "{\"pid\": %ld, \"start\": %llu, \"command\": \"%s\"}\n", lk->pid, lk->start, lk->what);
	if (n < 0 || n >= LOCK_RECORD) return;
	memset(rec + n, ' ', LOCK_RECORD - (size_t)n);
	if (pwrite(lk->fd, rec, LOCK_RECORD, 0) != LOCK_RECORD) log_warn("lock", "cannot write the lock record: %s", strerror(errno));
}

static void read_record(int fd, struct project_lock_info *li)
{
	char rec[LOCK_RECORD + 1];
	ssize_t n = pread(fd, rec, LOCK_RECORD, 0);
	if (n <= 0) return;
	rec[n] = 0;
	json_t *o = json_loads(rec, JSON_DISABLE_EOF_CHECK, NULL);
	if (!json_is_object(o)) { json_decref(o); return; }
	li->pid = (long)json_integer_value(json_object_get(o, "pid"));
	li->start = (unsigned long long)json_integer_value(json_object_get(o, "start"));
	json_t *ex = json_object_get(o, "exit");
	li->finished = json_is_integer(ex);
	li->exit_code = li->finished ? (int)json_integer_value(ex) : 0;
	const char *w = json_string_value(json_object_get(o, "command"));
	snprintf(li->what, sizeof li->what, "%s", w ? w : "");
	json_decref(o);
}

static int is_held(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	if (fcntl(fd, F_OFD_GETLK, &fl) < 0) return 0;
	return fl.l_type != F_UNLCK;
}

int project_lock_take(const char *dir, const char *what, int create, struct project_lock **out)
{
	*out = NULL;
	struct stat st;
	if (stat(dir, &st) < 0) {
		if (!create) return 0;   /* nothing to lock: opening the project reports the missing folder */
		if (mkdir_p(dir) < 0) return ERR_IO;
	}
	char *path = path_join(dir, PROJECT_LOCK_FILE);
	int fd = -1, rc = 0;
	for (int tries = 0; fd < 0 && tries < 5; tries++) {
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0) {
			rc = err_set(ERR_IO, "cannot open the project lock %s: %s", path, strerror(errno));
			goto end;
		}
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
		if (fcntl(fd, F_OFD_SETLK, &fl) < 0) {
			int e = errno;
			struct project_lock_info li = { 0 };
			read_record(fd, &li);
			close(fd);
			rc = (e == EAGAIN || e == EACCES)
				? err_set(ERR_INPUT, "%s is being written by another drama process (pid %ld, `drama %s`); "
				          "wait for it to finish or stop it first", dir, li.pid, li.what[0] ? li.what : "?")
				: err_set(ERR_IO, "cannot lock %s: %s", path, strerror(e));
			goto end;
		}
		/* the holder before us may have removed the file as it let go: then we hold a lock
		 * on a file nobody else will open; start again with the one at the path now */
		struct stat a, b;
		if (fstat(fd, &a) < 0 || stat(path, &b) < 0 || a.st_ino != b.st_ino || a.st_dev != b.st_dev) {
			close(fd);
			fd = -1;
		}
	}
	if (fd < 0) { rc = err_set(ERR_IO, "cannot lock %s: it keeps being replaced", path); goto end; }
	struct project_lock *lk = xcalloc(1, sizeof *lk);
	lk->fd = fd;
	lk->path = path;
	path = NULL;
	lk->keep = getenv("DRAMA_KEEP_LOCK") != NULL;
	lk->pid = (long)getpid();
	lk->start = proc_start_time(lk->pid);
	snprintf(lk->what, sizeof lk->what, "%s", what ? what : "");
	write_record(lk, 0, 0);
	*out = lk;
end:
	free(path);
	return rc;
}

void project_lock_release(struct project_lock *lk, int exit_code)
{
	if (!lk) return;
	if (lk->keep) write_record(lk, 1, exit_code);
	else unlink(lk->path);   /* removed while still held, so no one locks a file on its way out */
	close(lk->fd);           /* closing the only descriptor of the description drops the lock */
	free(lk->path);
	free(lk);
}

int project_lock_query(const char *dir, struct project_lock_info *out)
{
	memset(out, 0, sizeof *out);
	char *path = path_join(dir, PROJECT_LOCK_FILE);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0) return ERR_NOTFOUND;
	out->held = is_held(fd);
	read_record(fd, out);
	/* a new holder takes the lock, then writes its record: until then the file still
	 * says how the previous holder finished; wait a moment for the new record */
	for (int i = 0; i < 40 && out->held && out->finished; i++) {
		usleep(5000);
		out->held = is_held(fd);
		if (out->held) read_record(fd, out);
	}
	close(fd);
	return 0;
}
