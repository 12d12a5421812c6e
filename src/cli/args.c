/* cli/args.c — strict command-line numbers (see args.h). */
#include "cli/args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Only decimal digits, after an optional '-' when allowed: strtoll alone takes " 7",
 * "+7" and, with base 0, "0x10". */
static int digits_only(const char *v, int minus_ok)
{
	if (minus_ok && *v == '-') v++;
	if (!*v) return 0;
	for (; *v; v++)
		if (*v < '0' || *v > '9') return 0;
	return 1;
}

int cli_whole(const char *opt, const char *v, long long lo, long long hi, long long *out, char *msg, size_t msgn)
{
	char *end;
	long long x = 0;
	int ok = v && digits_only(v, lo < 0);
	if (ok) {
		errno = 0;
		x = strtoll(v, &end, 10);
		ok = !errno && !*end && x >= lo && x <= hi;
	}
	if (!ok) {
		snprintf(msg, msgn, "%s needs a whole number from %lld to %lld, not \"%s\"", opt, lo, hi, v ? v : "");
		return -1;
	}
	*out = x;
	return 0;
}

int cli_decimal(const char *opt, const char *v, double lo, double hi, double *out, char *msg, size_t msgn)
{
	int ok = v && *v, dots = 0, digits = 0;
	for (const char *c = v; ok && *c; c++) {
		if (*c == '.') dots++;
		else if (*c >= '0' && *c <= '9') digits++;
		else ok = 0;
	}
	double x = 0;
	if (ok && dots <= 1 && digits) {
		char *end;
		x = strtod(v, &end);
		ok = !*end && x >= lo && x <= hi;
	} else {
		ok = 0;
	}
	if (!ok) {
		snprintf(msg, msgn, "%s needs a number from %g to %g, not \"%s\"", opt, lo, hi, v ? v : "");
		return -1;
	}
	*out = x;
	return 0;
}

int cli_size(const char *v, int *w, int *h, char *msg, size_t msgn)
{
	char part[2][16] = { "", "" };
	int k = 0;
	size_t n = 0;
	long long x[2] = { 0, 0 };
	int ok = v != NULL;
	for (const char *c = v; ok && *c; c++) {
		if ((*c == 'x' || *c == 'X') && k == 0) { k = 1; n = 0; continue; }
		if (n + 1 >= sizeof part[0]) { ok = 0; break; }
		part[k][n++] = *c;
		part[k][n] = 0;
	}
	char dummy[8];
	ok = ok && k == 1 && cli_whole("", part[0], 16, 7680, &x[0], dummy, sizeof dummy) == 0 &&
	     cli_whole("", part[1], 16, 7680, &x[1], dummy, sizeof dummy) == 0 && !(x[0] & 1) && !(x[1] & 1);
	if (!ok) {
		snprintf(msg, msgn, "--size must be WIDTHxHEIGHT with even numbers from 16 to 7680, like 1080x1920, not \"%s\"",
		         v ? v : "");
		return -1;
	}
	*w = (int)x[0];
	*h = (int)x[1];
	return 0;
}

int cli_choice(const char *opt, const char *v, const char *const *list, char *msg, size_t msgn)
{
	size_t n = (size_t)snprintf(msg, msgn, "%s must be one of", opt);
	for (size_t i = 0; list[i]; i++) {
		if (v && !strcmp(v, list[i])) return 0;
		if (n < msgn) n += (size_t)snprintf(msg + n, msgn - n, "%s %s", i ? "," : "", list[i]);
	}
	if (n < msgn) snprintf(msg + n, msgn - n, ", not \"%s\"", v ? v : "");
	return -1;
}
