/* tests/test.h — a tiny test framework. Each tests/test_<module>.c registers its cases
 * with TEST(name) { ... }; the runner (tests/main.c) runs them all (or those whose
 * name contains argv[1]) and prints "N passed, N failed".
 *
 *   TEST(model_roundtrip) {
 *       CHECK(x == 1);
 *       CHECK_STR(a, "b");
 *   }
 *
 * A failed CHECK records the file:line and ends the case. Cases run in a fresh
 * temporary folder given by test_tmpdir() (removed after a pass).
 */
#ifndef DRAMA_TEST_H
#define DRAMA_TEST_H
#include <stdio.h>
#include <string.h>

typedef void (*test_fn)(void);
void test_register(const char *name, test_fn fn, const char *file);
void test_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int test_failed(void);
const char *test_tmpdir(void);           /* per-case temporary folder */
const char *test_drama_bin(void);        /* path of the built drama binary */
/* Run a shell command; returns its exit status; stdout/stderr captured into *out if out != NULL (caller frees). */
int test_run(const char *cmd, char **out);

#define TEST(name) \
	static void test_##name(void); \
	__attribute__((constructor)) static void reg_##name(void) { test_register(#name, test_##name, __FILE__); } \
	static void test_##name(void)

#define CHECK(cond) do { if (!(cond)) { test_fail(__FILE__, __LINE__, "CHECK(%s)", #cond); return; } } while (0)
#define CHECKF(cond, ...) do { if (!(cond)) { test_fail(__FILE__, __LINE__, __VA_ARGS__); return; } } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
	if (!a_ || !b_ || strcmp(a_, b_)) { test_fail(__FILE__, __LINE__, "%s = \"%s\", expected \"%s\"", #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); return; } } while (0)
#define CHECK_INT(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) { test_fail(__FILE__, __LINE__, "%s = %lld, expected %lld", #a, a_, b_); return; } } while (0)

#endif
