/* bench/bench_cache.c — what checking the cache costs: sealing and verifying a 64 MB
 * entry (about what a 3-minute episode's music cues weigh) from the page cache. */
#include <stdlib.h>
#include <stdio.h>
#include <unistd.h>
#include "bench.h"
#include "core/util.h"
#include "core/cache.h"

BENCH(cache_verify)
{
	char dir[] = "/tmp/drama-bench-cache-XXXXXX";
	if (!mkdtemp(dir)) return;
	char *path = path_join(dir, "entry.bin");
	size_t n = 64u << 20;
	unsigned char *buf = malloc(n);
	struct rng r;
	rng_seed(&r, 1);
	for (size_t i = 0; i < n; i += 8) { uint64_t v = rng_next(&r); for (int k = 0; k < 8; k++) buf[i + k] = (unsigned char)(v >> (8 * k)); }
	if (file_write_atomic(path, buf, n) == 0 && cache_seal(path, -1) == 0) {
		double t0 = bench_now();
		int ok = 1;
		for (int i = 0; i < 5; i++) ok &= cache_valid(path, -1);
		double dt = (bench_now() - t0) / 5;
		char how[160];
		snprintf(how, sizeof how, "64 MB entry from the page cache, size + MurmurHash3-128; %.3f s per check%s", dt,
		         ok ? "" : " (FAILED)");
		bench_report("cache check speed", 64 / dt, "MB/s", how);
	}
	cache_remove(path);
	rmdir(dir);
	free(buf);
	free(path);
}
