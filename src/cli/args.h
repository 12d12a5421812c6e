/* cli/args.h — strict parsing of command-line numbers: the whole string must be the
 * number (no trailing junk, no hex, no nan/inf, no sign where none makes sense), inside the
 * range the help text gives. Kept apart from main.c so the tests can call them.
 *
 *   long fps;
 *   char msg[256];
 *   if (cli_whole("--fps", "30", 1, 120, &fps, msg, sizeof msg) < 0) { fputs(msg, stderr); exit(2); }
 */
#ifndef DRAMA_CLI_ARGS_H
#define DRAMA_CLI_ARGS_H

#include <stddef.h>

/* A whole number in decimal digits (a leading '-' only when lo < 0) from lo to hi.
 * Returns 0, or -1 with one sentence in msg ("--fps needs a whole number from 1 to 120, not \"x\""). */
int cli_whole(const char *opt, const char *v, long long lo, long long hi, long long *out, char *msg, size_t msgn);
/* A decimal number (digits with at most one '.') from lo to hi. Returns 0 or -1 with msg. */
int cli_decimal(const char *opt, const char *v, double lo, double hi, double *out, char *msg, size_t msgn);
/* One of the NULL-terminated list. Returns 0 or -1 with msg naming them all. */
int cli_choice(const char *opt, const char *v, const char *const *list, char *msg, size_t msgn);
/* WIDTHxHEIGHT (x or X), even whole numbers from 16 to 7680. Returns 0 or -1 with msg. */
int cli_size(const char *v, int *w, int *h, char *msg, size_t msgn);

#endif
