/* core/unihan.c — one pass over unicode-data's Unihan_Readings: the story engine's English
 * glosses of characters (engine_kw.c) and the importer's readings (novel_read_zh.c). */
#include "core/unihan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int unihan_each(const char *field, int (*fn)(int32_t cp, const char *value, void *ctx), void *ctx)
{
	FILE *f = fopen("/usr/share/unicode/Unihan_Readings.txt", "r");
	int piped = 0;
	if (!f) { f = popen("bzcat /usr/share/unicode/Unihan_Readings.txt.bz2 2>/dev/null", "r"); piped = 1; }
	if (!f) return -1;
	char key[40], line[1024];
	snprintf(key, sizeof key, "\t%s\t", field);
	size_t kl = strlen(key);
	while (fgets(line, sizeof line, f)) {
		const char *h;
		if (line[0] != 'U' || !(h = strstr(line, key))) continue;
		if (fn((int32_t)strtol(line + 2, NULL, 16), h + kl, ctx)) break;
	}
	if (piped) pclose(f);
	else fclose(f);
	return 0;
}
