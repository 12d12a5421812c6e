/* bench/bench.h — benchmarks. Each bench/bench_<module>.c registers cases with
 * BENCH(name) { ... }; `make bench` runs them all (or those matching B=...) and each
 * prints its own figures with bench_report(). Figures are printed, never enforced. */
#ifndef DRAMA_BENCH_H
#define DRAMA_BENCH_H
typedef void (*bench_fn)(void);
void bench_register(const char *name, bench_fn fn);
/* Print one figure: "name: value unit  (how it was measured)". */
void bench_report(const char *what, double value, const char *unit, const char *how);
double bench_now(void);
const char *bench_tmpdir(void);
const char *bench_drama_bin(void);
/* bench_art.c: a small cast (four characters, one location) with procedural looks */
struct series;
struct series *bench_cast(void);
#define BENCH(name) \
	static void bench_##name(void); \
	__attribute__((constructor)) static void breg_##name(void) { bench_register(#name, bench_##name); } \
	static void bench_##name(void)
#endif
