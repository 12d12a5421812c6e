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
	int shared;                  /* holds drama.lock shared (an episode writer, or a writer letting them in) */
	int ep_fd;                   /* the episode's lock (drama.epNN.lock), -1 if none */
	char *ep_path;
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

/* The project lock is byte 0 of drama.lock (shared or exclusive); byte SAVE_BYTE is the
 * short mutex episode writers hold while they merge their episode into storyboard.json. */
#define SAVE_BYTE (1 << 20)

static int set_lock(int fd, short type, off_t at, int wait)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = at, .l_len = 1 };
	int r;
	do r = fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl);
	while (r < 0 && wait && errno == EINTR);
	return r;
}

/* Held by an episode writer that took the project whole for a moment to bring the shared
 * stages up to date (pipeline_episode_prepare): other episode writers wait for it. */
#define PREP_BYTE 1

static int held_at(int fd, off_t at)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = at, .l_len = 1 };
	if (fcntl(fd, F_OFD_GETLK, &fl) < 0) return 0;
	return fl.l_type != F_UNLCK;
}

static int is_held(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_len = 1 };
	if (fcntl(fd, F_OFD_GETLK, &fl) < 0) return 0;
	return fl.l_type != F_UNLCK;
}

/* Open path and lock its byte 0 (type F_WRLCK or F_RDLCK) without waiting. Returns 0 with
 * *fd_out, ERR_INPUT naming the holder when another process holds it, ERR_IO. */
static int lock_path(const char *dir, const char *path, short type, int *fd_out)
{
	int fd = -1;
	*fd_out = -1;
	for (int tries = 0; fd < 0 && tries < 5; tries++) {
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0) return err_set(ERR_IO, "cannot open the project lock %s: %s", path, strerror(errno));
		int got = set_lock(fd, type, 0, 0) == 0, e = errno;
		/* another episode writer is updating the shared stages: wait until it is done */
		while (!got && type == F_RDLCK && (e == EAGAIN || e == EACCES) && held_at(fd, PREP_BYTE)) {
			log_info("lock", "%s: another episode's writer is updating the designs; waiting for it", dir);
			got = set_lock(fd, type, 0, 1) == 0;
			e = errno;
		}
		if (!got) {
			struct project_lock_info li = { 0 };
			read_record(fd, &li);
			close(fd);
			if (e != EAGAIN && e != EACCES) return err_set(ERR_IO, "cannot lock %s: %s", path, strerror(e));
			if (type == F_WRLCK && (!li.pid || li.finished))   /* episode writers hold it; the record is old or none */
				return err_set(ERR_INPUT, "%s is being written by other drama processes (episodes); "
				               "wait for them to finish or stop them first", dir);
			return err_set(ERR_INPUT, "%s is being written by another drama process (pid %ld, `drama %s`); "
			               "wait for it to finish or stop it first", dir, li.pid, li.what[0] ? li.what : "?");
		}
		/* the holder before us may have removed the file as it let go: then we hold a lock
		 * on a file nobody else will open; start again with the one at the path now */
		struct stat a, b;
		if (fstat(fd, &a) < 0 || stat(path, &b) < 0 || a.st_ino != b.st_ino || a.st_dev != b.st_dev) {
			close(fd);
			fd = -1;
		}
	}
	if (fd < 0) return err_set(ERR_IO, "cannot lock %s: it keeps being replaced", path);
	*fd_out = fd;
	return 0;
}

static struct project_lock *lock_new(int fd, char *path, const char *what)
{
	struct project_lock *lk = xcalloc(1, sizeof *lk);
	lk->fd = fd;
	lk->path = path;
	lk->ep_fd = -1;
	lk->keep = getenv("DRAMA_KEEP_LOCK") != NULL;
	lk->pid = (long)getpid();
	lk->start = proc_start_time(lk->pid);
	snprintf(lk->what, sizeof lk->what, "%s", what ? what : "");
	return lk;
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
	int fd, rc = lock_path(dir, path, F_WRLCK, &fd);
	if (rc < 0) { free(path); return rc; }
	*out = lock_new(fd, path, what);
	write_record(*out, 0, 0);
	return 0;
}

int project_lock_take_episode(const char *dir, const char *what, int episode, struct project_lock **out)
{
	*out = NULL;
	struct stat st;
	if (stat(dir, &st) < 0) return 0;
	char *path = path_join(dir, PROJECT_LOCK_FILE), name[32];
	int fd, rc = lock_path(dir, path, F_RDLCK, &fd);
	if (rc < 0) { free(path); return rc; }
	struct project_lock *lk = lock_new(fd, path, what);
	lk->shared = 1;
	snprintf(name, sizeof name, "drama.ep%02d.lock", episode);
	lk->ep_path = path_join(dir, name);
	if ((rc = lock_path(dir, lk->ep_path, F_WRLCK, &lk->ep_fd)) < 0) {
		if (rc == ERR_INPUT) {
			struct project_lock_info li = { 0 };
			int efd = open(lk->ep_path, O_RDONLY | O_CLOEXEC);
			if (efd >= 0) { read_record(efd, &li); close(efd); }
			rc = err_set(ERR_INPUT, "episode %d of %s is being written by another drama process (pid %ld, `drama %s`); "
			             "wait for it to finish or stop it first", episode, dir, li.pid, li.what[0] ? li.what : "?");
		}
		project_lock_release(lk, 1);
		return rc;
	}
	/* the episode's own record; drama.lock keeps the whole-project writer's, except for a
	 * workbench job (DRAMA_KEEP_LOCK: one job per project at a time), whose end the
	 * workbench reads there */
	int keep_fd = lk->fd;
	lk->fd = lk->ep_fd;
	write_record(lk, 0, 0);
	lk->fd = keep_fd;
	if (lk->keep) write_record(lk, 0, 0);
	*out = lk;
	return 0;
}

int project_lock_share(struct project_lock *lk)
{
	if (!lk || lk->shared) return 0;
	if (set_lock(lk->fd, F_RDLCK, 0, 0) < 0) return err_set(ERR_IO, "cannot share the lock %s: %s", lk->path, strerror(errno));
	if (lk->ep_fd >= 0) set_lock(lk->fd, F_UNLCK, PREP_BYTE, 0);
	lk->shared = 1;
	return 0;
}

int project_lock_exclusive(struct project_lock *lk, int wait)
{
	if (!lk || !lk->shared) return 0;
	/* an episode writer marks first that it is only preparing: the others wait, not fail */
	if (lk->ep_fd >= 0 && set_lock(lk->fd, F_WRLCK, PREP_BYTE, 0) < 0) return ERR_INPUT;
	if (set_lock(lk->fd, F_WRLCK, 0, wait) < 0) {
		int e = errno;
		if (lk->ep_fd >= 0) set_lock(lk->fd, F_UNLCK, PREP_BYTE, 0);
		if (e == EAGAIN || e == EACCES) return ERR_INPUT;
		return err_set(ERR_IO, "cannot lock %s: %s", lk->path, strerror(e));
	}
	lk->shared = 0;
	return 0;
}

int project_lock_save_begin(struct project_lock *lk)
{
	if (!lk) return 0;
	if (set_lock(lk->fd, F_WRLCK, SAVE_BYTE, 1) < 0) return err_set(ERR_IO, "cannot lock %s: %s", lk->path, strerror(errno));
	return 0;
}

void project_lock_save_end(struct project_lock *lk)
{
	if (lk) set_lock(lk->fd, F_UNLCK, SAVE_BYTE, 0);
}

void project_lock_release(struct project_lock *lk, int exit_code)
{
	if (!lk) return;
	if (lk->ep_fd >= 0) {
		unlink(lk->ep_path);
		close(lk->ep_fd);
	}
	/* an episode writer removes drama.lock only when it is the last one holding it */
	int last = !lk->shared || set_lock(lk->fd, F_WRLCK, 0, 0) == 0;
	if (lk->keep && (!lk->shared || lk->ep_fd >= 0)) write_record(lk, 1, exit_code);
	else if (last && !lk->keep) unlink(lk->path);   /* removed while still held, so no one locks a file on its way out */
	close(lk->fd);           /* closing the only descriptor of the description drops the lock */
	free(lk->ep_path);
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
