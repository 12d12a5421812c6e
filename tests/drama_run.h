/* tests/drama_run.h — run the built `drama` binary in the current case's temporary folder
 * (DRAMA_NO_BAR=1, stderr folded into the output), for tests that use the command line.
 *
 *   char *out = NULL;
 *   int status = drama_run(&out, "make palace -o p --size 64x112");
 *   free(out);
 */
#ifndef DRAMA_TESTS_DRAMA_RUN_H
#define DRAMA_TESTS_DRAMA_RUN_H

/* Returns the exit status; *out (if out != NULL) holds stdout+stderr, caller frees. */
int drama_run(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same for any shell command line, run in the case's temporary folder. */
int shell_run(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
