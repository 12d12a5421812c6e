/* tests/drama_run.c — see drama_run.h. */
#include "drama_run.h"
#include "test.h"

#include <stdarg.h>
#include <stdio.h>

static int run_in_tmp(char **out, const char *prefix, const char *fmt, va_list ap)
{
	char args[4096], cmd[5000];
	vsnprintf(args, sizeof args, fmt, ap);
	snprintf(cmd, sizeof cmd, "cd '%s' && DRAMA_NO_BAR=1 %s%s", test_tmpdir(), prefix, args);
	return test_run(cmd, out);
}

int drama_run(char **out, const char *fmt, ...)
{
	char prefix[1100];
	snprintf(prefix, sizeof prefix, "'%s' ", test_drama_bin());
	va_list ap;
	va_start(ap, fmt);
	int st = run_in_tmp(out, prefix, fmt, ap);
	va_end(ap);
	return st;
}

int shell_run(char **out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int st = run_in_tmp(out, "", fmt, ap);
	va_end(ap);
	return st;
}
