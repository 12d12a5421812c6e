/* music/mix_master.c — the mix's mastering and reading: the master gain in steps from the
 * spans' loudness blocks, the true-peak limiter inside each span, each span's mastered
 * level (cached by span and gain), readers of the mastered mix from any frame (one a
 * thread), and the keys of the AAC pieces cut at the spans. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "music/mix_internal.h"
#include "core/cache.h"

static double db(double x) { return pow(10, x / 20); }

/* ---- mastering: gain, then the true-peak limiter inside each span ---- */

/* Frames [x, y) of span sp mastered into out (r->g carries the limiter from the chunk
 * before; x == 0 starts it). Without mastering, the samples as mixed. */
static int master_chunk(const struct mix *m, struct mix_reader *r, const struct mspan *sp, size_t x, size_t y,
                        float *out)
{
	if (isnan(m->gain_db)) return mix_frames_io(sp->fd, out, x, y, 0);
	size_t n = sp->b - sp->a, look = (size_t)(0.005 * MIX_RATE), marg = look + LEVEL_TAPS + 2;
	float gl = (float)db(m->gain_db);
	float ceil_lin = (float)db(MIX_CEILING_DB - 0.4), quick = ceil_lin * 0.5f;
	float rel = (float)(1 - exp(-1.0 / (0.08 * MIX_RATE)));
	float *win = r->win, *env = r->env;
	size_t w0 = x > marg ? x - marg : 0, w1 = y + marg < n ? y + marg : n;
	int rc = mix_frames_io(sp->fd, win, w0, w1, 0);
	if (rc < 0) return rc;
	for (size_t i = 0; i < 2 * (w1 - w0); i++) win[i] *= gl;
#define W(k, c) win[2 * ((k) - w0) + (c)]          /* frame k (of the span) of the window */
	for (size_t k = 0; k < y - x; k++) env[k] = 1;
	size_t ilo = x + 1 > look ? x + 1 - look : 0, ihi = y + look < n ? y + look : n;
	for (size_t i = ilo; i < ihi; i++) {
		size_t lo = i >= LEVEL_TAPS ? i - LEVEL_TAPS : 0, hi = i + LEVEL_TAPS < n ? i + LEVEL_TAPS : n;
		float mx = 0;
		for (size_t k = lo; k < hi; k += 3) {
			float u = fabsf(W(k, 0)), v = fabsf(W(k, 1));
			if (u > mx) mx = u;
			if (v > mx) mx = v;
		}
		if (mx < quick)
			continue;
		float pk = level_os_peak(win, w0, n, i);
		if (fabsf(W(i, 0)) > pk) pk = fabsf(W(i, 0));
		if (fabsf(W(i, 1)) > pk) pk = fabsf(W(i, 1));
		if (pk <= ceil_lin)
			continue;
		float gg = ceil_lin / pk;
		size_t a0 = i >= look ? i - look : 0;
		for (size_t k = a0 > x ? a0 : x; k <= i && k < y; k++) {
			float v = gg + (1 - gg) * (float)(i - k) / (float)look;
			if (v < env[k - x]) env[k - x] = v;
		}
		for (size_t k = i > x ? i : x; k < y && k < i + look; k++)
			if (gg < env[k - x]) env[k - x] = gg;
	}
	if (x == 0) r->g = env[0];
	for (size_t k = 0; k < y - x; k++) {
		r->g += (1 - r->g) * rel;
		if (env[k] < r->g) r->g = env[k];
		out[2 * k] = W(x + k, 0) * r->g;
		out[2 * k + 1] = W(x + k, 1) * r->g;
	}
#undef W
	return 0;
}

int mix_span_level(struct mix *m, struct mspan *sp, const char *dir)
{
	struct hash h;
	hash_init(&h);
	hash_str(&h, "level-3");              /* 2: true peak by our own detector; 3: the chunks' limiter gains */
	hash_str(&h, sp->hash);
	hash_num(&h, m->gain_db);
	hash_num(&h, MIX_CEILING_DB);
	hash_hex(&h, sp->lkey);
	free(sp->mblk);
	sp->mblk = NULL;
	size_t n = sp->b - sp->a, nck = (n + MIX_CHUNK - 1) / MIX_CHUNK;
	free(sp->gck);
	sp->gck = xcalloc(nck + 1, sizeof *sp->gck);
	sp->ngck = nck;
	char *path = dir ? xasprintf("%s/%s.mixlvl", dir, sp->lkey) : NULL, *txt = NULL;
	size_t len = 0;
	if (path && cache_valid(path, -1) && file_read_all(path, &txt, &len) == 0 && len >= 24 && !memcmp(txt, LVL_MAGIC, 8)) {
		int64_t nb;
		memcpy(&nb, txt + 8, 8);
		/* nb is bounded by the file's length before it is multiplied: a crafted count must
		 * not wrap the size into a match */
		int fits = nb >= 0 && (uint64_t)nb <= (len - 24) / sizeof(double);
		size_t at = 24 + (fits ? (size_t)nb : 0) * sizeof(double);
		if (fits && len == at + nck * sizeof(float)) {
			memcpy(&sp->tp, txt + 16, 8);
			sp->nmblk = (size_t)nb;
			sp->mblk = xmalloc((sp->nmblk + 1) * sizeof *sp->mblk);
			memcpy(sp->mblk, txt + 24, sp->nmblk * sizeof *sp->mblk);
			memcpy(sp->gck, txt + at, nck * sizeof(float));
		}
	}
	err_clear();
	free(txt);
	int rc = 0;
	if (!sp->mblk) {
		/* the true peak by the limiter's own detector, computed only where the samples
		 * around could exceed the peak so far (libebur128's true peak interpolated every
		 * sample: 28% of the tail of a 1080x1920 make); tw keeps the chunk before's last
		 * frames for it */
		struct level_blocks lb;
		level_blocks_init(&lb, 0);
		size_t keep = LEVEL_TAPS, tw0 = 0, tn = 0, done = 0;
		float *tw = xmalloc((MIX_CHUNK + keep) * 2 * sizeof *tw), tp = 0;
		for (size_t x = 0; x < n && rc == 0; x += MIX_CHUNK) {
			size_t y = x + MIX_CHUNK < n ? x + MIX_CHUNK : n;
			sp->gck[x / MIX_CHUNK] = x ? m->rd->g : 0;     /* chunk 0 starts the limiter afresh */
			if ((rc = master_chunk(m, m->rd, sp, x, y, m->rd->cbuf)) == 0) rc = level_blocks_add(&lb, m->rd->cbuf, y - x);
			size_t k0 = tn > keep ? tn - keep : 0;
			memmove(tw, tw + 2 * k0, (tn - k0) * 2 * sizeof *tw);
			tw0 += k0;
			tn -= k0;
			memcpy(tw + 2 * tn, m->rd->cbuf, (y - x) * 2 * sizeof *tw);
			tn += y - x;
			size_t upto = y == n ? n : y > LEVEL_TAPS / 2 ? y - LEVEL_TAPS / 2 : 0;
			if (upto > done) tp = level_true_peak(tw, tw0, n, done, upto, tp);
			if (upto > done) done = upto;
		}
		free(tw);
		level_blocks_end(&lb);
		sp->tp = tp;
		sp->mblk = lb.e;
		sp->nmblk = lb.n;
		m->st.spans_levelled++;
		if (rc == 0 && path) {
			size_t bytes = 24 + lb.n * sizeof(double) + nck * sizeof(float);
			char *rec = xmalloc(bytes);
			int64_t nb = (int64_t)lb.n;
			memcpy(rec, LVL_MAGIC, 8);
			memcpy(rec + 8, &nb, 8);
			memcpy(rec + 16, &sp->tp, 8);
			memcpy(rec + 24, lb.e, lb.n * sizeof(double));
			memcpy(rec + 24 + lb.n * sizeof(double), sp->gck, nck * sizeof(float));
			if (file_write_replace(path, rec, bytes) < 0 || cache_seal(path, -1) < 0)   /* no fsync: sealed */
				err_clear();   /* a read-only cache: measured again */
			free(rec);
		}
	}
	free(path);
	return rc;
}

double mix_spans_lufs(const struct mix *m, int mastered)
{
	const double **e = xcalloc(m->nsp + 1, sizeof *e);
	size_t *n = xcalloc(m->nsp + 1, sizeof *n);
	for (size_t j = 0; j < m->nsp; j++) {
		e[j] = mastered ? m->sp[j].mblk : m->sp[j].blk;
		n[j] = mastered ? m->sp[j].nmblk : m->sp[j].nblk;
	}
	double l = level_gated(e, n, m->nsp);
	free(e);
	free(n);
	return l;
}

double mix_gain_step(double want_db) { return MIX_GAIN_STEP * round(want_db / MIX_GAIN_STEP); }

size_t mix_frames(const struct mix *m) { return m ? m->total : 0; }

void mix_get_stats(const struct mix *m, struct mix_stats *out) { *out = m->st; }

void mix_cache_names(const struct mix *m, struct sbuf *b)
{
	for (size_t j = 0; j < m->nsp; j++) {
		sb_printf(b, "%s\n", m->sp[j].hash);
		if (m->sp[j].lkey[0]) sb_printf(b, "%s\n", m->sp[j].lkey);
	}
	for (size_t k = 0; k < m->npc; k++) sb_printf(b, "%s\n", m->pc[k].key);
}

const struct mix_piece *mix_audio_pieces(struct mix *m, int frame, int roll, const char *config, size_t *n)
{
	free(m->pc);
	m->pc = xcalloc(m->nsp + 1, sizeof *m->pc);
	m->npc = 0;
	for (size_t j = 0; j < m->nsp; j++) {
		/* a body's piece keeps the encoder's roll inside the body (from ROLL after its
		 * start to ROLL before its end): its key holds the body's hash alone, not the
		 * joins' around it, whose lengths an edit elsewhere changes */
		int64_t c = (int64_t)m->sp[j].a + (m->sp[j].body ? roll : j && m->sp[j - 1].body ? -roll : 0);
		int64_t at = j ? c / frame * frame : 0;
		if (m->npc && at <= m->pc[m->npc - 1].start) continue;
		if (at >= (int64_t)m->total) break;
		if (m->npc) m->pc[m->npc - 1].end = at;
		m->pc[m->npc++].start = at;
	}
	m->pc[m->npc - 1].end = (int64_t)m->total;
	for (size_t k = 0; k < m->npc; k++) {
		struct mix_piece *q = &m->pc[k];
		int64_t S = q->start > roll ? q->start - roll : 0, E = q->end + roll;
		if (E > (int64_t)m->total) E = (int64_t)m->total;
		struct hash h;
		hash_init(&h);
		hash_str(&h, "aac");
		hash_str(&h, config);
		hash_num(&h, m->gain_db);
		hash_num(&h, m->final_gain);
		hash_num(&h, (double)(q->start - S));
		hash_num(&h, (double)(q->end - q->start));
		hash_num(&h, (double)(E - q->end));
		hash_num(&h, E == (int64_t)m->total);
		hash_num(&h, k == 0);
		hash_num(&h, k + 1 == m->npc);
		for (size_t j = 0; j < m->nsp; j++)          /* the mastered samples it is fed: its spans' */
			if (mix_overlaps(S, E, m->sp[j].a, m->sp[j].b)) {
				hash_str(&h, m->sp[j].hash);
				hash_num(&h, (double)((int64_t)m->sp[j].a - S));
			}
		hash_hex(&h, q->key);
	}
	*n = m->npc;
	return m->pc;
}

struct mix_reader *mix_reader_new(const struct mix *m)
{
	struct mix_reader *r = xcalloc(1, sizeof *r);
	r->m = m;
	r->cbuf = xmalloc(MIX_CHUNK * 2 * sizeof *r->cbuf);
	r->win = xmalloc((MIX_CHUNK + 2 * ((size_t)(0.005 * MIX_RATE) + LEVEL_TAPS + 2)) * 2 * sizeof *r->win);
	r->env = xmalloc(MIX_CHUNK * sizeof *r->env);
	return r;
}

long mix_reader_read(struct mix_reader *r, float *lr, size_t max)
{
	const struct mix *m = r->m;
	if (!m->nsp)
		return err_set(ERR_INPUT, "mix_read: mix is not open");
	size_t n = m->total - r->pos < max ? m->total - r->pos : max, got = 0;
	while (got < n) {
		if (r->cpos == r->cn) {                 /* the next chunk: of this span, or the next span's first */
			size_t x = r->cx + r->cn;
			if (x >= m->sp[r->rs].b - m->sp[r->rs].a) {
				if (r->rs + 1 >= m->nsp) break;
				r->rs++;
				x = 0;
			}
			const struct mspan *sp = &m->sp[r->rs];
			size_t y = x + MIX_CHUNK < sp->b - sp->a ? x + MIX_CHUNK : sp->b - sp->a;
			int rc = master_chunk(m, r, sp, x, y, r->cbuf);
			if (rc < 0) return rc;
			r->chunks++;
			r->cx = x;
			r->cn = y - x;
			r->cpos = 0;
			continue;
		}
		size_t k = r->cn - r->cpos < n - got ? r->cn - r->cpos : n - got;
		const float *src = r->cbuf + 2 * r->cpos;
		if (lr)
			for (size_t i = 0; i < 2 * k; i++) lr[2 * got + i] = src[i] * m->final_gain;
		r->cpos += k;
		got += k;
	}
	r->pos += got;
	return (long)got;
}

struct mix_reader *mix_reader_open(const struct mix *m, size_t at)
{
	struct mix_reader *r = mix_reader_new(m);
	while (r->rs + 1 < m->nsp && m->sp[r->rs].b <= at) r->rs++;     /* its span, mastered from its start */
	r->pos = m->nsp ? m->sp[r->rs].a : 0;
	const struct mspan *sp = m->nsp ? &m->sp[r->rs] : NULL;
	size_t ck = sp && at > sp->a ? (at - sp->a) / MIX_CHUNK : 0;
	if (ck > 0 && ck < sp->ngck && sp->gck && !isnan(m->gain_db)) {
		/* or from the chunk holding at, with the limiter's gain the levelling found there */
		r->cx = ck * MIX_CHUNK;
		r->pos = sp->a + r->cx;
		r->g = sp->gck[ck];
	}
	while (r->pos < at) {
		long k = mix_reader_read(r, NULL, at - r->pos);
		if (k <= 0) {
			if (k < 0) log_warn("mix", "%s", err_msg());
			break;
		}
	}
	return r;
}

void mix_reader_close(struct mix_reader *r)
{
	if (!r) return;
	free(r->cbuf);
	free(r->win);
	free(r->env);
	free(r);
}

long mix_read(struct mix *m, float *lr, size_t max)
{
	if (!m || !m->rd)
		return err_set(ERR_INPUT, "mix_read: mix is not open");
	return mix_reader_read(m->rd, lr, max);
}

int mix_episode(const struct project *p, const struct episode *ep, const struct timeline *tl,
                float **lr_out, size_t *frames_out)
{
	*lr_out = NULL;
	*frames_out = 0;
	struct mix *m;
	int rc = mix_open(p, ep, tl, &m);
	if (rc < 0)
		return rc;
	float *lr = xmalloc((m->total * 2 + 2) * sizeof *lr);
	long n = mix_read(m, lr, m->total);
	if (n < 0 || (size_t)n != m->total) {
		free(lr);
		mix_close(m);
		return n < 0 ? (int)n : err_set(ERR_IO, "mix: short read of the mixed episode");
	}
	*lr_out = lr;
	*frames_out = m->total;
	mix_close(m);
	return 0;
}
