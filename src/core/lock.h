/* core/lock.h — one writer per project folder. The `drama` process that writes a project
 * (make, script, design, voice, music, render) holds PROJECT/drama.lock for its whole run:
 * an open-file-description lock (fcntl F_OFD_SETLK, flock semantics: tied to the open file,
 * released by the kernel when the process dies however it dies). The file also records
 * the holder's pid, its start time (clock ticks since boot, /proc/PID/stat field 22, so a
 * reused pid is told apart). At release the file is removed (a project folder keeps no
 * trace of a finished run), unless DRAMA_KEEP_LOCK is set (the workbench sets it for its
 * jobs): then the record gains the exit code, which tells a restarted server how a job
 * ended. A reader (the web workbench) asks without taking the lock (F_OFD_GETLK), so it
 * never blocks a writer.
 *
 *   struct project_lock *lk;
 *   if (project_lock_take("myshow", "make", 1, &lk) < 0) die(err_msg());   // held elsewhere
 *   ... write the project ...
 *   project_lock_release(lk, rc);                                          // frees lk
 *
 *   struct project_lock_info li;
 *   if (project_lock_query("myshow", &li) == 0 && li.held) ... li.pid is writing ...
 */
#ifndef DRAMA_CORE_LOCK_H
#define DRAMA_CORE_LOCK_H

#define PROJECT_LOCK_FILE "drama.lock"

struct project_lock;

/* Take dir's lock for `what` (a command name). create: make dir if missing; without
 * create a missing dir takes no lock (0 with *out NULL: opening the project reports it).
 * Returns 0 with *out (project_lock_release frees), or ERR_INPUT when another live
 * process holds it (err_msg names its pid and command), ERR_IO on a file error. */
int project_lock_take(const char *dir, const char *what, int create, struct project_lock **out);

/* Remove the file (or, with DRAMA_KEEP_LOCK, record exit_code), unlock, free. NULL is a no-op. */
void project_lock_release(struct project_lock *lk, int exit_code);

/* Episodes written side by side. An episode writer (`drama render DIR --episode N`, and
 * voice/music with --episode) holds drama.lock shared and PROJECT/drama.epNN.lock
 * exclusively: writers of different episodes run together, one writer per episode, and
 * no whole-project writer (script, design, make) meanwhile. Returns 0 with *out (release
 * frees; a missing dir: 0 with *out NULL), ERR_INPUT naming the holder, ERR_IO. */
int project_lock_take_episode(const char *dir, const char *what, int episode, struct project_lock **out);
/* A whole-project writer lets episode writers in (its lock becomes shared) ... */
int project_lock_share(struct project_lock *lk);
/* ... or takes the project back: wait = 1 waits for them, 0 returns ERR_INPUT (no message)
 * at once while another holds it. Also upgrades an episode writer when it is alone. */
int project_lock_exclusive(struct project_lock *lk, int wait);
/* The short mutex around an episode writer's read-merge-write of storyboard.json (waits). */
int project_lock_save_begin(struct project_lock *lk);
void project_lock_save_end(struct project_lock *lk);

struct project_lock_info {
	int held;                 /* a live process holds the lock now */
	long pid;                 /* last holder (0 if unknown) */
	unsigned long long start; /* its start time in clock ticks since boot */
	int finished;             /* the last holder released it cleanly ... */
	int exit_code;            /* ... with this code */
	char what[32];            /* its command */
};

/* What dir's lock file says. Returns 0 with *out filled, ERR_NOTFOUND if there is no
 * lock file (no drama process ever wrote the folder with locking). Never blocks on the
 * lock; when a new holder has not written its record yet it waits up to 0.2 s for it. */
int project_lock_query(const char *dir, struct project_lock_info *out);

/* Start time of process pid (clock ticks since boot), 0 if it does not exist. */
unsigned long long proc_start_time(long pid);

#endif
