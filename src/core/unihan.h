/* core/unihan.h — one pass over unicode-data's Unihan_Readings (kMandarin, kDefinition ...). */
#ifndef DRAMA_CORE_UNIHAN_H
#define DRAMA_CORE_UNIHAN_H

#include <stdint.h>

/* fn(code point, value, ctx) for each line of Unihan_Readings that holds `field` ("kMandarin",
 * "kDefinition"; value runs to the line's end, newline included), until fn returns non-zero.
 * The plain file is read when installed, else the .bz2 through bzcat (about 0.2 s of CPU for
 * the whole file). 0, or -1 when neither is there. */
int unihan_each(const char *field, int (*fn)(int32_t cp, const char *value, void *ctx), void *ctx);

#endif
