/* export/folder.c — the self-contained export folder: media linked in (hard links cost
 * no space and survive `drama clean --all`, which only unlinks the cache's names; across
 * file systems the file is copied), each link made under a temporary name and renamed,
 * so a killed run leaves the old file or the new one. */
#include "export/export.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int copy_file(const char *src, const char *dst)
{
	int in = open(src, O_RDONLY), out = -1, rc = 0;
	char buf[1 << 16];
	if (in < 0) return err_set(ERR_IO, "%s: %s", src, strerror(errno));
	if ((out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
		rc = err_set(ERR_IO, "%s: %s", dst, strerror(errno));
		goto end;
	}
	for (;;) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n == 0) break;
		if (n < 0 || write(out, buf, (size_t)n) != n) {
			rc = err_set(ERR_IO, "copying %s to %s: %s", src, dst, strerror(errno));
			break;
		}
	}
	if (close(out) < 0 && rc == 0) rc = err_set(ERR_IO, "%s: %s", dst, strerror(errno));
end:
	close(in);
	return rc;
}

int ex_link(const char *src, const char *dst)
{
	struct stat a, b;
	if (stat(src, &a) < 0) return err_set(ERR_NOTFOUND, "%s: %s; run `drama render` again", src, strerror(errno));
	if (stat(dst, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev) return 0;   /* linked already */
	char *tmp = xasprintf("%s.tmp%ld", dst, (long)getpid());
	unlink(tmp);
	int rc = 0;
	if (link(src, tmp) < 0) {
		if (errno != EXDEV && errno != EPERM && errno != EMLINK && errno != ENOTSUP)
			rc = err_set(ERR_IO, "cannot link %s to %s: %s", src, tmp, strerror(errno));
		else
			rc = copy_file(src, tmp);
	}
	if (rc == 0 && rename(tmp, dst) < 0) rc = err_set(ERR_IO, "cannot rename %s to %s: %s", tmp, dst, strerror(errno));
	if (rc < 0) unlink(tmp);
	free(tmp);
	return rc;
}
