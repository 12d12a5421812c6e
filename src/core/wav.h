/* core/wav.h — 16-bit PCM WAV read/write (the cache's audio format).
 *
 *   int16_t *pcm; size_t frames; int rate, ch;
 *   if (wav_read("cache/voice/x.wav", &pcm, &frames, &rate, &ch) == 0) { ...; free(pcm); }
 *   wav_write("out.wav", pcm, frames, 48000, 1);   // atomic
 */
#ifndef DRAMA_CORE_WAV_H
#define DRAMA_CORE_WAV_H
#include <stdint.h>
#include <stddef.h>
/* pcm is interleaved; frames = samples per channel. Returns 0 or <0 with err_msg. */
int wav_write(const char *path, const int16_t *pcm, size_t frames, int rate, int channels);
/* The same file, replaced without an fsync (file_write_replace): for a cache entry that is
 * sealed next (cache_seal), which a crash can only leave failing its hash (made again). */
int wav_write_replace(const char *path, const int16_t *pcm, size_t frames, int rate, int channels);
/* *pcm is malloc'd; caller frees. */
int wav_read(const char *path, int16_t **pcm, size_t *frames, int *rate, int *channels);
/* A WAV opened for reading by range, not loaded: *fd (the caller closes it), the byte
 * offset of its samples (16-bit little-endian, interleaved), frames, rate, channels.
 * 0, or <0 with err_msg (a file wav_read would refuse; nothing left open). */
int wav_open_data(const char *path, int *fd, int64_t *data_off, size_t *frames, int *rate, int *channels);
/* Frames [a, b) of a file from wav_open_data into pcm ((b - a) * channels samples). 0 or <0. */
int wav_read_range(int fd, int64_t data_off, int channels, size_t a, size_t b, int16_t *pcm);
#endif
