/* fuzz/fuzz.h — what the fuzz targets share: a scratch folder, the save-and-reload
 * checks that turn "accepted but unloadable" into an abort() libFuzzer reports, and a
 * stand-in for http_do (linked with -Wl,--wrap=http_do) that serves the fuzz input as
 * the server's answers, so the real answer parsers of llm/ run with no network.
 *
 *   int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) {
 *       fuzz_init();
 *       struct series *s;
 *       if (story_from_outline(text, &o, &s) == 0) { fuzz_import_check(s, d, n); series_free(s); }
 *       return 0;
 *   }
 *
 * Served answers (fuzz_http_serve): the input is split at lines "=====" into answers;
 * an answer may start with a line "HTTP <status> <content-type>" (else 200,
 * application/json). text/event-stream answers go to the request's SSE callback. When
 * the answers run out, http_do fails as if the server were gone (ERR_NET).
 *
 * Text inputs pass the input boundary first (story_text_repair: invalid UTF-8 becomes
 * U+FFFD), as in `drama script`; from there on every string must stay valid UTF-8.
 */
#ifndef DRAMA_FUZZ_H
#define DRAMA_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

struct series;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern long fuzz_accepts;                        /* inputs that reached the checks (replay counts them) */
void fuzz_init(void);                              /* quiet logs, scratch folder; idempotent */
char *fuzz_path(const char *name);                 /* name inside the scratch folder; caller frees */
void fuzz_write(const char *path, const void *data, size_t n);   /* aborts when it cannot */
char *fuzz_text(const uint8_t *data, size_t n);    /* NUL-terminated copy; caller frees */
/* Print "fuzz: <what>" and abort(): libFuzzer keeps the input as crash-*. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* The input as text repaired at the door (story_text_repair); *out_n its length; caller frees. */
char *fuzz_text_at_door(const uint8_t *data, size_t n, size_t *out_n);
/* s was accepted: save it as storyboard.json, load that, save again, the same bytes. */
void fuzz_series_roundtrip(const struct series *s);
/* An importer accepted s: no invalid UTF-8 made, then what the script stage does
 * (language, validation, screenplay export) and the save and reload check. */
void fuzz_import_check(struct series *s);
/* Same JSON after a dump and a load (the cache formats written with jansson). */
void fuzz_json_roundtrip(const json_t *j, const char *what);

struct voice_timing;
/* Save, load, save: the same timing (counts, phonemes, visemes, words) and bytes. */
void fuzz_timing_roundtrip(const struct voice_timing *t);
/* Write, read, write: the same samples, rate, channels and bytes. */
void fuzz_wav_roundtrip(const int16_t *pcm, size_t frames, int rate, int channels);
void fuzz_rmtree(const char *path);                /* a scratch project folder */

void fuzz_http_serve(const uint8_t *data, size_t n, int as_chat);   /* as_chat: wrap each answer in a chat completion */
void fuzz_http_end(void);
size_t fuzz_http_left(void);                       /* answers not asked for yet */

#endif
