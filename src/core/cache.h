/* core/cache.h — cache entries that check themselves, and keeping the cache small.
 *
 * Every file F the stages keep in cache/ (a voice WAV and its timing, a music cue, a
 * shot segment and its pictures) gets a sidecar "F.sum" written right after F: its size,
 * the hash of its bytes and, for a video, its frame count. Before a stage reuses F it
 * asks cache_valid(): an entry that is damaged (other size, other bytes, other frame
 * count, no sidecar) is deleted with one warning naming it, and the stage makes it again.
 *
 *   if (!cache_valid(wav, -1)) {
 *       make(wav);                      // atomically, as always
 *       cache_seal(wav, -1);
 *   }
 *
 * cache_clean() removes the entries the current storyboard does not use (or all of
 * them); cache_trim() does that, oldest first, only while the cache is over the size
 * the project's drama.json allows ("cache": {"max_mb": N}).
 */
#ifndef DRAMA_CORE_CACHE_H
#define DRAMA_CORE_CACHE_H

#include "core/model.h"

/* Size, hash (MurmurHash3-128, 32 hex digits) and frame count (-1: not a video) of a file. */
struct cache_sum { long long size, frames; char hash[33]; };

/* Hash a file's bytes. Returns 0, or <0 with err_msg if it cannot be read. */
int cache_sum_file(const char *path, struct cache_sum *out);
/* Write F.sum for the file F at path (frames -1 unless a video). Returns 0 or <0 with
 * err_msg (the entry then counts as damaged at its next use and is made again). */
int cache_seal(const char *path, long long frames);
/* 1 if F and F.sum exist and agree (and, when frames >= 0, F.sum says that many frames).
 * 0 otherwise: F and F.sum are deleted; a damaged entry is warned about once, naming it,
 * a missing one silently. Never fails. An F without F.sum that is under two minutes old is
 * left alone (0 all the same): another process writing the same entry may be between its
 * rename and its seal; the caller's atomic rewrite replaces it. */
int cache_valid(const char *path, long long frames);
/* For entries that are dear to make again (AI server answers): like cache_valid(F, -1),
 * but an F without a sidecar (an older drama, or a kill between F and F.sum; F itself was
 * written atomically) is kept and sealed now. */
int cache_valid_kept(const char *path);
/* Delete F and F.sum (missing ones are fine). */
void cache_remove(const char *path);
/* Bytes and seconds spent hashing in cache_valid and cache_seal since the process
 * started (for debug logs and the measurement in bench). */
void cache_hash_stats(double *mb, double *sec);

/* Remove from p's cache folders (voice, music, shots, art) what the storyboard does not
 * use (all = 1: every entry, cache/ai and cache/llm too), stale "*.tmp.PID" files of processes that are gone and
 * "*.part" files older than an hour. Counts in *files and *bytes (NULL ok). Returns 0 or
 * <0 with err_msg (no storyboard to tell what is used, without all). */
int cache_clean(struct project *p, int all, long long *files, long long *bytes);
/* With "cache": {"max_mb": N} in p's drama.json: while the cache folders hold more than
 * N MB, remove unused entries, oldest first. No setting: nothing happens. Returns 0 or
 * <0 with err_msg (a bad setting). */
int cache_trim(struct project *p);

#endif
