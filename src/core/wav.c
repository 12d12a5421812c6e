/* core/wav.c — 16-bit PCM WAV read/write. */
#include "core/wav.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void put16(uint8_t *p, uint16_t v) { p[0] = v & 0xff; p[1] = v >> 8; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v & 0xffff); put16(p + 2, v >> 16); }
static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t get32(const uint8_t *p) { return get16(p) | (uint32_t)get16(p + 2) << 16; }

/* What the cache's WAVs can hold: the header's byte rate (rate * channels * 2) must fit. */
static int wav_shape_ok(int rate, int channels) { return rate >= 1 && rate <= 768000 && channels >= 1 && channels <= 64; }

static int write_wav(const char *path, const int16_t *pcm, size_t frames, int rate, int channels, int sync);

int wav_write(const char *path, const int16_t *pcm, size_t frames, int rate, int channels)
{
	return write_wav(path, pcm, frames, rate, channels, 1);
}

int wav_write_replace(const char *path, const int16_t *pcm, size_t frames, int rate, int channels)
{
	return write_wav(path, pcm, frames, rate, channels, 0);
}

static int write_wav(const char *path, const int16_t *pcm, size_t frames, int rate, int channels, int sync)
{
	if (!wav_shape_ok(rate, channels))
		return err_set(ERR_INPUT, "%s: cannot write %d Hz, %d-channel audio as WAV (1 Hz to 768 kHz, 1 to 64 channels)", path, rate, channels);
	size_t data = frames * (size_t)channels * 2;
	if (data > 0xffffffffu - 44) return err_set(ERR_INPUT, "%s: audio too long for WAV", path);
	uint8_t *buf = xmalloc(44 + data);
	memcpy(buf, "RIFF", 4);
	put32(buf + 4, (uint32_t)(36 + data));
	memcpy(buf + 8, "WAVEfmt ", 8);
	put32(buf + 16, 16);
	put16(buf + 20, 1);
	put16(buf + 22, (uint16_t)channels);
	put32(buf + 24, (uint32_t)rate);
	put32(buf + 28, (uint32_t)(rate * channels * 2));
	put16(buf + 32, (uint16_t)(channels * 2));
	put16(buf + 34, 16);
	memcpy(buf + 36, "data", 4);
	put32(buf + 40, (uint32_t)data);
	for (size_t i = 0; i < frames * (size_t)channels; i++) put16(buf + 44 + 2 * i, (uint16_t)pcm[i]);
	int rc = sync ? file_write_atomic(path, buf, 44 + data) : file_write_replace(path, buf, 44 + data);
	free(buf);
	return rc;
}

int wav_read(const char *path, int16_t **pcm, size_t *frames, int *rate, int *channels)
{
	*pcm = NULL;
	int fd, r, ch;
	int64_t off;
	size_t fr;
	int rc = wav_open_data(path, &fd, &off, &fr, &r, &ch);
	if (rc < 0) return rc;
	int16_t *out = xmalloc(fr * (size_t)ch * 2 + 2);
	rc = wav_read_range(fd, off, ch, 0, fr, out);
	close(fd);
	if (rc < 0) { free(out); return rc; }
	*pcm = out; *frames = fr; *rate = r; *channels = ch;
	return 0;
}

static int pread_all(int fd, void *buf, size_t n, int64_t off)
{
	char *b = buf;
	while (n) {
		ssize_t k = pread(fd, b, n, (off_t)off);
		if (k < 0 && errno == EINTR) continue;
		if (k <= 0) return -1;
		b += k; n -= (size_t)k; off += k;
	}
	return 0;
}

int wav_open_data(const char *path, int *fd, int64_t *data_off, size_t *frames, int *rate, int *channels)
{
	*fd = -1;
	int f = open(path, O_RDONLY | O_CLOEXEC);
	if (f < 0) return err_set(errno == ENOENT ? ERR_NOTFOUND : ERR_IO, "cannot read %s: %s", path, strerror(errno));
	int64_t size = (int64_t)lseek(f, 0, SEEK_END);
	uint8_t h[16];
	if (size < 12 || pread_all(f, h, 12, 0) < 0 || memcmp(h, "RIFF", 4) || memcmp(h + 8, "WAVE", 4)) {
		close(f);
		return err_set(ERR_INPUT, "%s is not a WAV file; delete it and run again to regenerate it", path);
	}
	/* the chunks as wav_read walks them: fmt then data */
	int64_t off = 12;
	int ch = 0, r = 0, bits = 0, fmt = 0;
	while (off + 8 <= size && pread_all(f, h, 8, off) == 0) {
		uint32_t len = get32(h + 4);
		if (off + 8 + (int64_t)len > size) len = (uint32_t)(size - off - 8);
		if (!memcmp(h, "fmt ", 4) && len >= 16) {
			if (pread_all(f, h, 16, off + 8) < 0) break;
			fmt = get16(h); ch = get16(h + 2); r = (int)get32(h + 4); bits = get16(h + 14);
		} else if (!memcmp(h, "data", 4)) {
			if (fmt != 1 || bits != 16 || !wav_shape_ok(r, ch)) break;
			*fd = f;
			*data_off = off + 8;
			*frames = len / (2u * (unsigned)ch);
			*rate = r;
			*channels = ch;
			return 0;
		}
		off += 8 + (int64_t)len + (len & 1);
	}
	close(f);
	return err_set(ERR_INPUT, "%s: not a 16-bit PCM WAV file (1 Hz to 768 kHz, 1 to 64 channels); delete it and run again to regenerate it", path);
}

int wav_read_range(int fd, int64_t data_off, int channels, size_t a, size_t b, int16_t *pcm)
{
	size_t n = (b - a) * (size_t)channels;
	errno = 0;   /* a file shorter than its header says reads 0 bytes and sets none */
	if (pread_all(fd, pcm, n * 2, data_off + (int64_t)(a * (size_t)channels * 2)) < 0)
		return err_set(ERR_IO, "a WAV file was cut short while it was read (%s)", errno ? strerror(errno) : "short read");
	uint8_t *raw = (uint8_t *)pcm;           /* little-endian on disk: in place, whatever the host */
	for (size_t i = 0; i < n; i++) pcm[i] = (int16_t)get16(raw + 2 * i);
	return 0;
}
