/* music/mix_internal.h — shared by mix.c (the spans: what goes into each, mixing, the
 * cache of their samples) and mix_master.c (master gain, limiter, levels, readers, AAC
 * piece keys); not for other files. */
#ifndef DRAMA_MUSIC_MIX_INTERNAL_H
#define DRAMA_MUSIC_MIX_INTERNAL_H

#include <sys/types.h>
#include "music/music_internal.h"

#define MIX_TARGET_LUFS (-14.0)
#define MIX_CEILING_DB (-1.5)     /* -1 dBTP with room for the AAC encoder's overshoot */
#define MIX_CHUNK 61440                /* frames = 1.28 s, 256 duck blocks: blocks never straddle chunks */
#define MIX_WARM (MIX_RATE * 5 / 2)    /* 2.5 s of lines before a span: the duck's hold and release, reverb */
#define MIX_GAIN_STEP 0.5              /* dB: the master gain's step */
#define SPAN_MAGIC "DMIXSP01"
#define SPAN_HDR 32                    /* magic, frames, blocks, reserved; then floats, then blocks */
#define LVL_MAGIC "DMIXLV02"       /* 02: with the limiter's gain at each chunk start */

struct mline { char *path; size_t at, end, n; double lg; int lg_set; char sum[33]; };   /* lg: when first mixed */
struct mix_hall;                                           /* the hall reverb's state (mix.c) */
struct mscene {
	float *cue; size_t n; int64_t start, len; int state;     /* 0 not yet, 1 playing, 2 done */
	int cfd; int64_t coff; size_t cfade;                     /* cue NULL, cfd >= 0: read by range from its
	                                                          * WAV's samples at coff; faded out over its last cfade */
	double z[2][2]; size_t fin; double gain;
	float *amb; int64_t a0, alen; int amb_state;
	int afd;                                                 /* >= 0: its ambience made already, floats in this
	                                                          * file (mix_ambience; borrowed) */
	struct mix_hall *rv; size_t rvn; int64_t r0; int rv_state; int reverb;
	const char *layers[6]; int nl;
	char sum[33];                                          /* the score file's bytes */
};
struct mfx { const char *name; uint64_t seed; int64_t at, s0; size_t n; float *fx; int state; char why[64]; };
struct mspan {
	size_t a, b;                     /* samples of the episode */
	int body;                        /* 1: a scene's body, 0: a join (mix_open) */
	char hash[33];
	int fd;                          /* its unmastered samples, from SPAN_HDR */
	double *blk; size_t nblk;        /* their 400 ms block energies */
	double *mblk; size_t nmblk;      /* mastered at the mix's gain */
	double tp;                       /* mastered true peak, linear */
	float *gck; size_t ngck;         /* the limiter's gain at each MIX_CHUNK start (mastered at the mix's gain):
	                                  * a reader starts at any chunk as if it had mastered the span from its start */
	char lkey[33];                   /* its mastered level's cache name */
};

struct mix {
	const struct project *p;
	const struct episode *ep;
	const struct timeline *tl;
	size_t total;
	struct mline *lines; size_t nlines;
	ssize_t cached; float *cpcm;                 /* one loaded line */
	float *duck; size_t nb, duck0;               /* the duck curve of blocks from sample duck0 */
	struct mscene *sc; size_t nsc;
	struct mfx *fx; size_t nfx, capfx;
	struct mspan *sp; size_t nsp;
	struct mix_piece *pc; size_t npc;            /* where the AAC is cut (mix_audio_pieces) */
	size_t sa, sb;                               /* the span being mixed */
	char data_sum[33];                           /* ambience.json, version, mute */
	double gain_db;                              /* the master gain; NAN: no mastering */
	float final_gain;
	struct mix_stats st;
	struct mix_reader *rd;                       /* mix_read's */
	int grid;                                    /* scenes' sound on the AAC grid (mix.c shift_of) */
	int workers;                                 /* spans mixed and levelled on this many threads */
};

/* Reading the mastered mix: span rs, its mastered chunk [cx, cx + cn) in cbuf, read up to
 * cpos; pos is the episode's frame. Readers of one mix work apart (threads). */
struct mix_reader {
	const struct mix *m;
	size_t pos, rs, cx, cn, cpos;
	float g;                                     /* the limiter's gain, carried between chunks */
	size_t chunks;                               /* chunks mastered (tests) */
	float *cbuf, *win, *env;
};

/* frames [a, b) of a span file (stereo float after the header); wr 1 writes. 0 or <0. */
int mix_frames_io(int fd, float *lr, size_t a, size_t b, int wr);
static inline int mix_overlaps(int64_t s0, int64_t s1, size_t a, size_t b) { return s1 > (int64_t)a && s0 < (int64_t)b; }

/* ---- mix_master.c ---- */
/* The span's mastered loudness blocks and true peak at m->gain_db: from dir's cache
 * (NULL: none) or measured (and cached). 0 or <0. */
int mix_span_level(struct mix *m, struct mspan *sp, const char *dir);
/* Integrated loudness of all spans' blocks, mastered or not. */
double mix_spans_lufs(const struct mix *m, int mastered);
/* want_db rounded to the master gain's step */
double mix_gain_step(double want_db);
/* A reader at frame 0 (mix_reader_close frees). */
struct mix_reader *mix_reader_new(const struct mix *m);

#endif
