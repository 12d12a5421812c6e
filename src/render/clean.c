/* render/clean.c — the export's shots without burned subtitles (clean.h): the render's
 * own drawing (shot.c) with rctx.clean set, which leaves the subtitle layer out. A whip
 * pan or flash is blended in as render.c blends it; a crossfade or dip to black is the
 * editor's (clean.h), and the segment before it gets a handle. */
#include "render/clean.h"
#include "render/render_internal.h"
#include "encode/encode.h"
#include "core/cache.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct clean_seg { char own[33], file[33]; char *mp4; struct render_clean_seg out; int bake; };

static int64_t clean_frames(const struct rctx *c, size_t k)
{
	if (k == 0) return c->tl.title_frames;
	if (k > c->tl.n_shots) return c->tl.frames - c->tl.end_start;
	return c->tl.shots[k - 1].frames;
}

/* A transition the editors have (a dissolve; fades through black). */
static int editor_transition(const char *tr)
{
	return !strcmp(tr, "crossfade") || !strcmp(tr, "dip_to_black");
}

/* The transition into segment k in frames, as render.c counts it (at most half the segment). */
static int64_t transition_frames(const struct rctx *c, size_t k, const char *tr)
{
	int64_t n = lround(rseg_transition_sec(c, tr) * c->fps), f = clean_frames(c, k);
	return n > f / 2 ? f / 2 : n;
}

/* Draw segment k into g->mp4 through the encoder pipe q; cur and prev are W x H pictures
 * (prev: the previous segment's last frame, drawn here when a baked transition shows it),
 * then its handle (the last frame held). */
static int draw_segment(struct rctx *c, size_t k, const struct clean_seg *g, struct enc_pipe *q,
                        const struct enc_opts *eo, cairo_surface_t *cur, cairo_surface_t *prev,
                        cairo_surface_t *blend, int64_t *drawn)
{
	const char *tr = rseg_transition(c, k);
	int64_t trn = g->bake ? transition_frames(c, k, tr) : 0;
	struct rseg *sg = NULL;
	int rc = 0, same = 0;
	if (trn > 0 && k > 0 && rtransition_needs_prev(tr)) {
		if ((rc = rseg_new(c, k - 1, &sg)) < 0) return rc;
		rc = rseg_draw(sg, rseg_frames(sg) - 1, prev, &same);
		rseg_free(sg);
		sg = NULL;
		if (rc < 0) return rc;
		cairo_surface_flush(prev);
	}
	if ((rc = rseg_new(c, k, &sg)) < 0) return rc;
	int64_t frames = rseg_frames(sg);
	if ((rc = enc_pipe_open(q, g->mp4, eo)) < 0) {
		rseg_free(sg);
		return rc;
	}
	int fresh = 0;                               /* the last frame sent was a blend */
	for (int64_t i = 0; i < frames && rc == 0; i++) {
		if ((rc = rseg_draw(sg, i, cur, &same)) < 0) break;
		int in_tr = i < trn;
		if (same && !in_tr && !fresh) {
			rc = enc_pipe_repeat(q);
			continue;
		}
		cairo_surface_t *show = cur;
		cairo_surface_flush(cur);
		if (in_tr) {
			cairo_t *cr = cairo_create(blend);
			rtransition(c, tr, (i + 1.0) / (trn + 1.0), prev, cur, cr);
			cairo_destroy(cr);
			cairo_surface_flush(blend);
			show = blend;
		}
		fresh = in_tr;
		rc = enc_pipe_bgra(q, cairo_image_surface_get_data(show), cairo_image_surface_get_stride(show));
		(*drawn)++;
	}
	for (int64_t i = 0; i < g->out.handle && rc == 0; i++) rc = enc_pipe_repeat(q);
	int rc2 = enc_pipe_close(q, rc == 0);
	rseg_free(sg);
	if (rc == 0) rc = rc2;
	if (rc == 0) rc = enc_pipe_sync(q);          /* the file is there, renamed, before it is sealed */
	int64_t n = 0, want = g->out.frames + g->out.handle;
	if (rc == 0 && (rc = enc_count_frames(g->mp4, &n)) == 0 && n != want)
		rc = err_set(ERR_GENERIC, "clean segment %s has %lld frames instead of %lld; delete it and export again",
		             g->mp4, (long long)n, (long long)want);
	if (rc == 0) rc = cache_seal(g->mp4, n);
	return rc;
}

/* cache/shots/epNN.clean.list: the segments `drama clean` keeps for the export */
static void write_list(const struct project *p, int number, const struct clean_seg *g, size_t n)
{
	struct sbuf b = { 0 };
	for (size_t k = 0; k < n; k++) sb_printf(&b, "%s\n", g[k].file);
	char *rel = xasprintf("cache/shots/ep%02d.clean.list", number), *path = project_path(p, rel);
	if (file_write_atomic(path, b.s ? b.s : "", b.len) < 0) {   /* a read-only cache: clean keeps all */
		log_debug("export", "%s", err_msg());
		err_clear();
	}
	free(path);
	free(rel);
	sb_free(&b);
}

/* Segment k's plan: what is baked, its handle, the editor's transition into it, its file hash. */
static void plan_segment(const struct rctx *c, size_t k, size_t n, const char *style, struct clean_seg *g,
                         const struct clean_seg *prev)
{
	const char *tr = rseg_transition(c, k);
	rseg_own_hash(c, k, style, g->own);
	g->out.frames = clean_frames(c, k);
	g->bake = k > 0 && strcmp(tr, "cut") && !editor_transition(tr);
	if (k > 0 && editor_transition(tr)) {
		snprintf(g->out.tr_in, sizeof g->out.tr_in, "%s", tr);
		g->out.tr_frames = transition_frames(c, k, tr);
	}
	const char *next = k + 1 < n ? rseg_transition(c, k + 1) : "cut";
	g->out.handle = k + 1 < n && editor_transition(next) ? transition_frames(c, k + 1, next) : 0;
	struct hash h;
	hash_init(&h);
	hash_str(&h, "clean-2");
	hash_str(&h, g->own);
	hash_num(&h, (double)g->out.handle);
	if (g->bake) {                               /* drawn with the previous segment's last frame */
		hash_str(&h, tr);
		hash_str(&h, prev ? prev->own : "");
	}
	hash_hex(&h, g->file);
}

void render_clean_free(struct render_clean_seg *segs, size_t n)
{
	for (size_t k = 0; segs && k < n; k++) free(segs[k].rel);
	free(segs);
}

int render_clean(const struct project *p, const struct episode *ep, struct render_clean_seg **segs, size_t *n_out,
                 struct render_clean_stats *st)
{
	memset(st, 0, sizeof *st);
	*segs = NULL;
	*n_out = 0;
	double t0 = now_sec();
	const struct art_backend *art = art_backend_get(p->set.art);
	if (!art) return ERR_INPUT;
	struct rctx c = { 0 };
	c.p = (struct project *)p;                 /* drawing reads the project only */
	c.s = p->s;
	c.ep = ep;
	c.art = art;
	c.W = p->set.width;
	c.H = p->set.height;
	c.fps = p->set.fps;
	c.seed = p->s->seed ? p->s->seed : p->set.seed;
	c.zh = str_eq(p->s->lang ? p->s->lang : p->set.lang, "zh");
	c.clean = 1;
	int rc = rstyle_load(&c.st);
	if (rc < 0) return rc;
	if ((rc = timeline_build(p->s, ep, c.fps, &c.tl)) < 0) return rc;
	char *style_txt = NULL, *style_path = data_path("render/style.json"), *dir = project_path(p, "cache/shots");
	file_read_all(style_path, &style_txt, NULL);
	free(style_path);
	size_t n = c.tl.n_shots + 2;
	struct clean_seg *g = xcalloc(n, sizeof *g);
	for (size_t k = 0; k < n; k++) {
		plan_segment(&c, k, n, style_txt, &g[k], k ? &g[k - 1] : NULL);
		g[k].out.rel = xasprintf("cache/shots/%s.mp4", g[k].file);
		g[k].mp4 = xasprintf("%s/%s.mp4", dir, g[k].file);
	}
	struct enc_opts eo = ENC_OPTS_INIT;
	eo.width = c.W;
	eo.height = c.H;
	eo.fps = c.fps;
	eo.crf = p->set.crf > 0 ? p->set.crf : 23;
	eo.preset = p->set.preset[0] ? p->set.preset : "veryfast";
	eo.video_only = 1;
	struct enc_pipe *q = NULL;
	cairo_surface_t *cur = NULL, *prev = NULL, *blend = NULL;
	rc = mkdir_p(dir);
	size_t todo = 0, done = 0;
	char *need = xcalloc(n, 1);
	for (size_t k = 0; k < n; k++) todo += need[k] = !cache_valid(g[k].mp4, g[k].out.frames + g[k].out.handle);
	if (todo) progress_begin("export", (double)todo);   /* the first export of an episode draws its shots */
	for (size_t k = 0; k < n && rc == 0; k++) {
		if (!need[k]) {
			st->reused++;
			continue;
		}
		cache_remove(g[k].mp4);
		if (!q) {
			q = enc_pipe_new(c.W, c.H, 2);
			cur = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, c.W, c.H);
			prev = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, c.W, c.H);
			blend = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, c.W, c.H);
		}
		log_debug("export", "episode %d segment %zu: drawing it without subtitles into %s", ep->number, k, g[k].out.rel);
		if ((rc = draw_segment(&c, k, &g[k], q, &eo, cur, prev, blend, &st->frames)) == 0) st->drawn++;
		progress_update((double)++done, "shots without subtitles");
	}
	if (todo) progress_end();
	free(need);
	int rc2 = enc_pipe_free(q);
	if (rc == 0) rc = rc2;
	if (cur) cairo_surface_destroy(cur);
	if (prev) cairo_surface_destroy(prev);
	if (blend) cairo_surface_destroy(blend);
	if (rc == 0) {
		write_list(p, ep->number, g, n);
		*segs = xcalloc(n, sizeof **segs);
		for (size_t k = 0; k < n; k++) {
			(*segs)[k] = g[k].out;
			g[k].out.rel = NULL;
		}
		*n_out = n;
	}
	for (size_t k = 0; k < n; k++) {
		free(g[k].out.rel);
		free(g[k].mp4);
	}
	free(g);
	free(style_txt);
	free(dir);
	rctx_release(&c);
	timeline_free(&c.tl);
	st->seconds = now_sec() - t0;
	return rc;
}

int render_sub_style(struct render_sub_style *out)
{
	struct rstyle st;
	int rc = rstyle_load(&st);
	if (rc < 0) return rc;
	memset(out, 0, sizeof *out);
	snprintf(out->font, sizeof out->font, "%s", st.font);
	out->size = st.sub_size;
	out->top = st.sub_top;
	out->bottom = st.sub_bottom;
	out->cx = st.sub_cx;
	out->max_w = st.sub_max_w;
	out->outline = st.sub_outline;
	const struct rgbf *f = &st.sub_fill, *k = &st.sub_stroke;
	out->fill[0] = f->r, out->fill[1] = f->g, out->fill[2] = f->b;
	out->stroke[0] = k->r, out->stroke[1] = k->g, out->stroke[2] = k->b;
	return 0;
}
