/* render/render.c — the `drama render` stage.
 *
 * Per episode: build the frame-exact timeline; split it into segments (title card, every
 * shot, end card); give each a content hash of everything that affects its pixels;
 * render only the segments whose cache/shots/<hash>.mp4 is missing (each its own
 * closed-GOP H.264 file, encoded on the encoding thread while the next frames are
 * drawn); then assemble the episode by remuxing the segments and adding AAC made in
 * pieces from the mix's spans (each mixed and encoded only when its sound changed).
 * Also writes epNN.srt, epNN.ass, epNN.cover.png and epNN.contact.png. --preview does the same small and fast into epNN.preview.mp4. */
#include "render/render_internal.h"
#include "render/ai_mouth.h"
#include "render/clip.h"
#include "encode/encode.h"
#include "music/music.h"
#include "core/cache.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <math.h>
#include <sys/resource.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#define RENDER_VERSION "render-20"  /* 20: a zooming camera's room magnified in YUV (a level here and there); 19: the camera's zoom of the room, the characters and the front layer painted by blit.c instead of pixman (a level or two here and there); 18: a bald head's fringe behind the ear, not on the cheek; 17: characters and the front layer painted by bands (a level or two here and there); 16: creatures take poses, weathers storm fog heat dust flood; 15: creatures drawn as creatures; 14: front layer magnified from its cropped part; 13: hands-to-face pose redrawn; 12: YUV conversion in 8-bit coefficients; 6: rain/snow front layer per frame; 7: generated shot pictures; 8-9: flat fore; 10: character layers move (idle, walks), faces at line starts, word highlight; 11: narration subtitles italic in their own colour */
#define PREVIEW_W 360
#define PREVIEW_H 640
#define PREVIEW_FPS 15

static struct render_hooks hooks;

/* The full size mixes beside the frames when at most 1/RENDER_MIX_BESIDE of them are drawn. */
#define RENDER_MIX_BESIDE 8
/* Threads that mix the spans after the frames (beside the frames: one). */
#define RENDER_MIX_WORKERS 2

static double peak_mb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024.0;
}
static struct render_stats stats;


/* Give back the resident pages of file mappings nobody wrote to (the voices, lexicons and
 * fonts the earlier stages of `drama make` read: flite's voices alone are 16 MB): for a
 * private mapping with no anonymous (copied-on-write) page, MADV_DONTNEED only drops
 * clean page-cache pages, and whatever is read again is faulted back from the file.
 * Measured at the start of a `drama make`'s render: 53 MB of such pages, 71 MB RSS.
 * Returns the MB dropped (their Rss before). */
double rmem_drop_file_pages(void)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	if (!f) return 0;
	struct span { uintptr_t a, b; } *sp = NULL;
	size_t n = 0, cap = 0;
	char line[512], perm[8] = "";
	unsigned long long a = 0, b = 0, ino = 0;
	long rss = 0, anon = -1;
	double kb = 0;
	for (int more = 1; more; ) {
		more = fgets(line, sizeof line, f) != NULL;
		unsigned long long na, nb, nino;
		char np[8];
		int header = more && sscanf(line, "%llx-%llx %7s %*s %*s %llu", &na, &nb, np, &nino) == 4;
		if ((header || !more) && b > a) {    /* the mapping before is complete */
			if (ino && perm[1] != 'w' && perm[3] == 'p' && anon == 0 && rss > 0) {
				if (n == cap) sp = xrealloc(sp, (cap = cap ? 2 * cap : 64) * sizeof *sp);
				sp[n++] = (struct span){ (uintptr_t)a, (uintptr_t)b };
				kb += rss;
			}
			b = a = 0;
		}
		if (header) {
			a = na, b = nb, ino = nino, rss = 0, anon = -1;
			snprintf(perm, sizeof perm, "%s", np);
		} else if (more) {
			long v;
			if (sscanf(line, "Rss: %ld", &v) == 1) rss = v;
			else if (sscanf(line, "Anonymous: %ld", &v) == 1) anon = v;
		}
	}
	fclose(f);
	for (size_t i = 0; i < n; i++) (void)madvise((void *)sp[i].a, sp[i].b - sp[i].a, MADV_DONTNEED);
	free(sp);
	return kb / 1024;
}

void render_set_hooks(const struct render_hooks *h)
{
	if (h) hooks = *h;
	else memset(&hooks, 0, sizeof hooks);
}

void render_last_stats(struct render_stats *out) { *out = stats; }

/* ---- content hashes ---- */

const char *rrender_version(void) { return RENDER_VERSION; }

void rhash_json(struct hash *h, const json_t *j)
{
	if (!j) { hash_str(h, "null"); return; }
	/* storyboard.json keeps 6 significant digits: hash what survives a save and load */
	char *s = model_json_key(j, JSON_SORT_KEYS | JSON_COMPACT | JSON_REAL_PRECISION(6));
	hash_str(h, s);
	free(s);
}

static void hash_char(struct hash *h, const struct rctx *c, const char *name)
{
	const struct character *ch = name ? series_find_character(c->s, name) : NULL;
	hash_str(h, name);
	if (ch) rhash_json(h, ch->look);
}

static void hash_shot(struct hash *h, const struct rctx *c, const struct tl_shot *t)
{
	const struct shot *sh = t->sh;
	const struct scene *sc = t->sc;
	hash_str(h, sh->type);
	hash_str(h, sh->camera);
	hash_str(h, sh->action);
	if (sh->take) hash_num(h, sh->take);   /* take 0 keeps the keys of older renders */
	hash_num(h, (double)t->frames);
	hash_num(h, (double)(t->line_start >= 0 ? t->line_start - t->start : -1));
	hash_num(h, (double)(t->line_end >= 0 ? t->line_end - t->start : -1));
	for (size_t i = 0; i < sh->n_actors; i++) {
		hash_char(h, c, sh->actors[i].name);
		hash_str(h, sh->actors[i].expression);
		hash_str(h, sh->actors[i].pose);
	}
	if (sh->line) {
		hash_char(h, c, sh->line->speaker);
		hash_str(h, sh->line->text);
		hash_str(h, sh->line->emotion);
		hash_str(h, sh->line->audio);
		/* not audio_sec: it is saved rounded, so a reloaded storyboard would differ from the
		 * one in memory; the audio's bytes and the shot's frame counts cover it */
		if (sh->line->audio) {          /* the viseme track and audio it was made from */
			char *wp = project_path(c->p, sh->line->audio);
			char *txt = NULL;
			size_t n = 0;
			if (file_read_all(wp, &txt, &n) == 0) hash_add(h, txt, n);
			free(txt);
			size_t len = strlen(wp);
			char *jp = len > 4 && !strcmp(wp + len - 4, ".wav") ? xasprintf("%.*s.json", (int)(len - 4), wp)
			                                                     : xasprintf("%s.json", wp);
			if (file_read_all(jp, &txt, &n) == 0) hash_add(h, txt, n);
			free(txt);
			free(jp);
			free(wp);
		}
	}
	hash_str(h, sc->location);
	hash_str(h, sc->time);
	hash_str(h, sc->weather);
	for (size_t i = 0; i < sc->n_cast; i++) hash_char(h, c, sc->cast[i]);
	const struct location *l = series_find_location(c->s, sc->location);
	if (l) {
		hash_str(h, l->kind);
		hash_str(h, l->description);
		rhash_json(h, l->look);
	}
	rplan_hash(c, t, h);   /* who is in the shot, faces, walks, word highlight (anim.c) */
}

static void seg_hash(const struct rctx *c, size_t k, const char *style, char out[33])
{
	struct hash h;
	hash_init(&h);
	hash_str(&h, RENDER_VERSION);
	enum rstyle_part part = k == 0 ? RSTYLE_TITLE : k > c->tl.n_shots ? RSTYLE_END : RSTYLE_SHOT;
	if (part == RSTYLE_SHOT && !c->clean && rsub_has_cue(&c->tl.shots[k - 1])) part = RSTYLE_SHOT_SUB;
	char *sp = rstyle_part(style, part);   /* only the style this segment is drawn with */
	hash_str(&h, sp ? sp : style);
	free(sp);
	hash_str(&h, c->art->name);
	hash_num(&h, c->W);
	hash_num(&h, c->H);
	hash_num(&h, c->fps);
	hash_num(&h, (double)c->seed);
	hash_num(&h, c->zh);
	hash_num(&h, c->p->set.crf);
	hash_str(&h, c->p->set.preset);
	hash_num(&h, ENC_LOOKAHEAD);       /* encoder settings the segment's bytes depend on */
	hash_str(&h, ENC_X264_CPU);
	hash_str(&h, ENC_X264_CONFIG);
	if (c->clean) hash_str(&h, "clean");   /* without burned subtitles (clean.c) */
	if (k == 0) {
		hash_str(&h, "title");
		hash_str(&h, c->s->title);
		hash_num(&h, c->ep->number);
		hash_str(&h, c->ep->title);
		hash_num(&h, (double)c->tl.title_frames);
	} else if (k > c->tl.n_shots) {
		hash_str(&h, "end");
		hash_str(&h, c->ep->cliffhanger);
		hash_num(&h, (double)(c->tl.frames - c->tl.end_start));
	} else {
		hash_str(&h, "shot");
		hash_shot(&h, c, &c->tl.shots[k - 1]);
		char *ai = NULL;                 /* a generated picture: its bytes */
		if (rai_image(c, &c->tl.shots[k - 1], &ai) > 0) {
			char *data = NULL;
			size_t n = 0;
			hash_str(&h, "ai");
			if (file_read_all(ai, &data, &n) == 0) hash_add(&h, data, n);
			free(data);
			rmouth_hash(c, &c->tl.shots[k - 1], &h);   /* its speaking mouth */
		}
		free(ai);
		rclip_hash_shot(c, &c->tl.shots[k - 1], &h);
	}
	hash_hex(&h, out);
}

/* The segment's file: its own content, its transition and, unless it cuts, the content
 * of the previous segment (whose last frame its first frames show). */
static void seg_file_hash(const struct rctx *c, size_t k, const char *own, const char *prev_own, char out[33])
{
	struct hash h;
	hash_init(&h);
	hash_str(&h, own);
	const char *tr = rseg_transition(c, k);
	hash_str(&h, tr);
	if (strcmp(tr, "cut")) hash_str(&h, prev_own);
	hash_hex(&h, out);
}

/* ---- transitions ---- */

int rtransition_needs_prev(const char *tr)
{
	return !strcmp(tr, "crossfade") || !strcmp(tr, "dip_to_black") || !strcmp(tr, "whip_pan");
}

void rtransition(const struct rctx *c, const char *tr, double u, cairo_surface_t *prev, cairo_surface_t *cur,
                 cairo_t *cr)
{
	double W = c->W;
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	if (!strcmp(tr, "crossfade")) {
		cairo_set_source_surface(cr, prev, 0, 0);
		cairo_paint(cr);
		cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
		cairo_set_source_surface(cr, cur, 0, 0);
		cairo_paint_with_alpha(cr, u);
	} else if (!strcmp(tr, "dip_to_black")) {
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_paint(cr);
		cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
		cairo_set_source_surface(cr, u < 0.5 ? prev : cur, 0, 0);
		cairo_paint_with_alpha(cr, u < 0.5 ? 1 - 2 * u : 2 * u - 1);
	} else if (!strcmp(tr, "whip_pan")) {
		double e = u * u * (3 - 2 * u);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_paint(cr);
		cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
		/* a smear of offset copies reads as motion blur */
		double blur = W * 0.06 * sin(M_PI * u);
		for (int k = 0; k < 4; k++) {
			double d = blur * (k / 3.0 - 0.5);
			cairo_set_source_surface(cr, prev, -e * W + d, 0);
			cairo_paint_with_alpha(cr, k == 0 ? 1.0 : 0.35);
			cairo_set_source_surface(cr, cur, W - e * W + d, 0);
			cairo_paint_with_alpha(cr, k == 0 ? 1.0 : 0.35);
		}
	} else if (!strcmp(tr, "flash")) {
		cairo_set_source_surface(cr, cur, 0, 0);
		cairo_paint(cr);
		cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
		cairo_set_source_rgba(cr, 1, 1, 1, pow(1 - u, 1.5));
		cairo_paint(cr);
	} else {
		cairo_set_source_surface(cr, cur, 0, 0);
		cairo_paint(cr);
	}
}

/* Rows of a transition's frame drawn at a time: a W x BLEND_ROWS band (280 KB at 1080
 * wide) instead of a whole second frame (8.3 MB at 1080x1920). Even (the YUV 4:2:0
 * conversion takes row pairs). */
#define BLEND_ROWS 64

/* One frame of transition tr at u, drawn band by band into band (W x BLEND_ROWS) and
 * converted into the pipe's next slot: the same pixels as drawing the whole frame (each
 * band is the whole drawing moved up by a whole number of rows and clipped). */
static int blend_frame(const struct rctx *c, struct enc_pipe *q, const char *tr, double u, cairo_surface_t *prev,
                       cairo_surface_t *cur, cairo_surface_t *band)
{
	int rc = enc_pipe_begin(q);
	if (rc < 0) return rc;
	for (int y = 0; y < c->H; y += BLEND_ROWS) {
		int rows = c->H - y < BLEND_ROWS ? c->H - y : BLEND_ROWS;
		cairo_t *cr = cairo_create(band);
		cairo_translate(cr, 0, -y);
		rtransition(c, tr, u, prev, cur, cr);
		cairo_destroy(cr);
		cairo_surface_flush(band);
		enc_pipe_rows(q, cairo_image_surface_get_data(band), cairo_image_surface_get_stride(band), y, rows);
	}
	return enc_pipe_commit(q);
}

/* ---- small images ---- */

static int write_scaled(cairo_surface_t *src, int w, int h, const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_scale(cr, (double)w / cairo_image_surface_get_width(src), (double)h / cairo_image_surface_get_height(src));
	cairo_set_source_surface(cr, src, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_paint(cr);
	cairo_destroy(cr);
	int rc = rpng_write(s, path);
	cairo_surface_destroy(s);
	return rc;
}

static int64_t key_frame(const struct rctx *c, size_t k)
{
	if (k == 0 || k > c->tl.n_shots) {
		int64_t n = k == 0 ? c->tl.title_frames : c->tl.frames - c->tl.end_start;
		return n - 1;
	}
	const struct tl_shot *t = &c->tl.shots[k - 1];
	if (t->line_start >= 0) return (t->line_start + t->line_end) / 2 - t->start;
	return t->frames / 2;
}

/* The hook: the first close-up with a line, else the first shot with a line. */
static size_t cover_segment(const struct rctx *c)
{
	size_t best = 1;
	int found = 0;
	for (size_t i = 0; i < c->tl.n_shots && i < 12; i++) {
		const struct shot *sh = c->tl.shots[i].sh;
		int cu = sh->type && (!strcmp(sh->type, "close_up") || !strcmp(sh->type, "medium"));
		if (sh->line && sh->line->speaker && cu) return i + 1;
		if (sh->line && sh->line->speaker && !found) { best = i + 1; found = 1; }
	}
	return best;
}

/* ---- one episode ---- */


/* Frames of segment k (what rseg_frames gives, without drawing anything). */
static int64_t seg_frames(const struct rctx *c, size_t k)
{
	if (k == 0) return c->tl.title_frames;
	if (k > c->tl.n_shots) return c->tl.frames - c->tl.end_start;
	return c->tl.shots[k - 1].frames;
}

/* Seal a drawn segment's files once its MP4 is in place (the encoder renames it when it
 * is finished; until then it is not there, the old one having been removed). Sealed:
 * made = 0. `wait` 0 leaves one still being encoded for later. */
static int seal_segment(struct seginfo *g, int wait, int with_full)
{
	if (!g->made || (!wait && !file_exists(g->mp4))) return 0;
	int64_t n = 0;
	int rc = enc_count_frames(g->mp4, &n);
	if (rc == 0 && n != g->frames)
		rc = err_set(ERR_GENERIC, "shot segment %s has %lld frames instead of %lld; delete it and render again",
		             g->mp4, (long long)n, (long long)g->frames);
	if (rc == 0) rc = cache_seal(g->mp4, n);
	if (rc == 0) rc = cache_seal(g->thumb, -1);
	if (rc == 0 && with_full) rc = cache_seal(g->full, -1);
	g->made = 0;
	return rc;
}

/* One drawing lane: its own frame surfaces, encoding thread and location-layer cache
 * (its rctx), drawing the segments it takes one after another. */
struct lane {
	struct rctx *c;
	struct seginfo *sg;
	size_t n, cover;
	const struct enc_opts *eo;
	struct enc_pipe *q;
	cairo_surface_t *cur;                  /* the picture being drawn */
	cairo_surface_t *prev;                 /* the outgoing picture, only while a transition needs it */
	cairo_surface_t *blend;                /* a band of a transition's frame, only while one is drawn */
	size_t have_last;                      /* segment whose last frame is in cur */
	double part_px;                        /* pixels converted in the frames converted in part */
	struct render_stats st;                /* this lane's counts */
};

static void lane_init(struct lane *L, struct rctx *c, struct seginfo *sg, size_t n, const struct enc_opts *eo,
                      size_t cover)
{
	memset(L, 0, sizeof *L);
	L->c = c;
	L->sg = sg;
	L->n = n;
	L->cover = cover;
	L->eo = eo;
	L->have_last = (size_t)-1;
	L->cur = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, c->W, c->H);
	/* Frames in flight (enc_pipe_depth): 3 at the full size, 8 for small frames, so the
	 * drawing goes on while x264 finishes one segment's file and opens the next, and x264
	 * goes on through a slow frame. Measured on a 3-minute preview (`drama render DIR
	 * --preview`, load 5-7): the drawing thread waited for a free slot 2.2 / 2.9 s in all
	 * with 2 slots, 0.31 / 0.27 s with 8. Same bytes at any depth. */
	L->q = enc_pipe_new(c->W, c->H, enc_pipe_depth(c->W, c->H));
}

/* Stop the lane's encoding thread and free its pictures; its error or 0. */
static int lane_end(struct lane *L)
{
	int rc = enc_pipe_free(L->q);
	cairo_surface_destroy(L->cur);
	if (L->prev) cairo_surface_destroy(L->prev);
	if (L->blend) cairo_surface_destroy(L->blend);
	return rc;
}

/* Draw segment k and queue its frames to the lane's encoder (the file is finished on the
 * encoding thread). 0 or <0. */
static int lane_segment(struct lane *L, size_t k)
{
	struct rctx *c = L->c;
	struct seginfo *sg = L->sg;
	int W = c->W, H = c->H, rc = 0;
	struct enc_pipe *q = L->q;
	cairo_surface_t *cur = L->cur;
	log_debug("render", "segment %zu: cache/shots/%s.mp4 missing: drawing it", k, sg[k].hash);
	const char *tr = rseg_transition(c, k);
	int64_t trn = (int64_t)lround(rseg_transition_sec(c, tr) * c->fps);
	struct rseg *g = NULL;
	if (trn > 0 && k > 0 && rtransition_needs_prev(tr)) {
		if (!L->prev) L->prev = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W, H);
		if (L->have_last == k - 1) {
			memcpy(cairo_image_surface_get_data(L->prev), cairo_image_surface_get_data(cur),
			       (size_t)cairo_image_surface_get_stride(cur) * H);
			cairo_surface_mark_dirty(L->prev);
		} else {                         /* the previous shot is cached or another lane's: draw its last frame */
			int same;
			if ((rc = rseg_new(c, k - 1, &g)) < 0) return rc;
			rc = rseg_draw(g, rseg_frames(g) - 1, L->prev, &same);
			rseg_free(g);
			g = NULL;
			if (rc < 0) return rc;
		}
	}
	if ((rc = rseg_new(c, k, &g)) < 0) return rc;
	int64_t frames = rseg_frames(g), key = key_frame(c, k);
	if (trn > frames / 2) trn = frames / 2;
	enc_pipe_open(q, sg[k].mp4, L->eo);
	int prev_out_fresh = 0;               /* last output differed from cur (transition) */
	int queued_cur = 0;                   /* the last frame queued is cur as rseg_draw left it */
	int last_yuv = 0;                     /* the last frame drawn went by rseg_draw_yuv: cur lacks its room */
	for (int64_t i = 0; i < frames && rc == 0; i++) {
		int same = 0;
		int in_tr = i < trn;
		if (!in_tr && i != key && !hooks.whole_yuv && !hooks.rgb_room && rseg_yuv_ok(g, i, cur)) {
			if ((rc = rseg_draw_yuv(g, i, cur, q)) < 0) break;
			queued_cur = 1;                  /* the next frame is drawn whole (rseg_yuv_ok's contract) */
			prev_out_fresh = 0;
			last_yuv = 1;
			L->st.frames_drawn++;
			L->st.frames_yuv++;
			continue;
		}
		if ((rc = rseg_draw(g, i, cur, &same)) < 0) break;
		if (!same) last_yuv = 0;
		if (same && !in_tr && !prev_out_fresh) {
			enc_pipe_repeat(q);
			L->st.frames_repeated++;
		} else {
			cairo_surface_flush(cur);
			if (in_tr) {
				if (!L->blend) L->blend = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W, BLEND_ROWS);
				rc = blend_frame(c, q, tr, (i + 1.0) / (trn + 1.0), L->prev, cur, L->blend);
			} else if (queued_cur && !hooks.whole_yuv) {
				/* only what rseg_draw drew again is converted (characters breathing, a
				 * mouth, a subtitle changing): the rest of the last frame's YUV is copied */
				int box[4];
				rseg_changed(g, box);
				rc = enc_pipe_bgra_part(q, cairo_image_surface_get_data(cur), cairo_image_surface_get_stride(cur), box);
				L->st.frames_part++;
				L->part_px += (double)(box[2] - box[0]) * (box[3] - box[1]);
			} else {
				rc = enc_pipe_bgra(q, cairo_image_surface_get_data(cur), cairo_image_surface_get_stride(cur));
			}
			queued_cur = !in_tr;
			if (rc < 0) break;
			prev_out_fresh = in_tr;
			L->st.frames_drawn++;
		}
		if (i == trn - 1) {              /* the transition is over: its pictures go (8.3 MB at 1080x1920) */
			if (L->prev) cairo_surface_destroy(L->prev);
			if (L->blend) cairo_surface_destroy(L->blend);
			L->prev = L->blend = NULL;
		}
		if (i == key) {
			cairo_surface_flush(cur);
			if ((rc = write_scaled(cur, W / 6 > 0 ? W / 6 : 1, H / 6 > 0 ? H / 6 : 1, sg[k].thumb)) < 0) break;
			if (k == L->cover && (rc = rpng_write(cur, sg[k].full)) < 0) break;
		}
	}
	double r0, r1, hwm;
	mem_now(&r0, &hwm);
	enc_pipe_close(q, rc == 0);
	rseg_free(g);
	if (L->prev) cairo_surface_destroy(L->prev);
	if (L->blend) cairo_surface_destroy(L->blend);
	L->prev = L->blend = NULL;
	malloc_trim(0);   /* free pages inside the heaps too, so the next shot starts low */
	mem_now(&r1, &hwm);
	log_debug("render", "segment %zu: %lld frames, rss %.0f MB drawing, %.0f MB after, peak %.0f MB", k,
	          (long long)frames, r0, r1, hwm);
	L->have_last = last_yuv ? (size_t)-1 : k;   /* else the next transition draws our last frame again */
	sg[k].made = rc == 0;
	L->st.segments_rendered++;
	return rc;
}

/* The drawing thread yields to libx264's threads. Measured with the sliced threads of
 * before (which waited for each other at every frame, so one losing its core to drawing
 * stalled both) on a 52-second episode, three rounds alternated: 54.6/47.4/45.6 s plain,
 * 48.2/45.6/44.0 s with drawing at nice +10; kept for the frame threads (not measured
 * again: the machine was loaded). Returns the nice value to restore, or INT_MIN. */
static int yield_to_encoder(void)
{
	id_t tid = (id_t)syscall(SYS_gettid);
	errno = 0;
	int nice0 = getpriority(PRIO_PROCESS, tid);
	return errno == 0 && nice0 < 10 && setpriority(PRIO_PROCESS, tid, nice0 + 10) == 0 ? nice0 : INT_MIN;
}

static void restore_nice(int nice0)
{
	if (nice0 != INT_MIN) (void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), nice0);   /* refused without CAP_SYS_NICE: harmless */
}

/* Two lanes share the segments still to draw: lane 0 takes them one at a time from the
 * front, lane 1 runs of LANE_RUN from the back (each run drawn in order, so a transition
 * inside it reuses the picture before). They meet somewhere in the middle. */
#define LANE_RUN 4
struct lanes {
	pthread_mutex_t mu;
	size_t lo, hi;            /* segments lo..hi-1 are not taken yet */
	int err;                  /* a lane failed: the others stop */
	size_t todo, done;
};

struct lane_job { struct lane *L; struct lanes *sh; int back; int rc; char errmsg[1024]; };

static void *lane_main(void *arg)
{
	struct lane_job *j = arg;
	struct lane *L = j->L;
	struct lanes *sh = j->sh;
	int nice0 = j->back ? yield_to_encoder() : INT_MIN;   /* lane 0 runs on the caller, already reniced */
	for (;;) {
		size_t from = 0, to = 0;
		pthread_mutex_lock(&sh->mu);
		if (!sh->err && sh->lo < sh->hi) {
			if (j->back) {
				to = sh->hi;
				from = sh->hi - sh->lo > LANE_RUN ? sh->hi - LANE_RUN : sh->lo;
				sh->hi = from;
			} else {
				from = sh->lo++;
				to = from + 1;
			}
		}
		pthread_mutex_unlock(&sh->mu);
		if (from == to) break;
		for (size_t k = from; k < to && j->rc == 0; k++) {
			if (!L->sg[k].need) continue;
			j->rc = lane_segment(L, k);
			pthread_mutex_lock(&sh->mu);
			if (j->rc < 0) sh->err = 1;
			else progress_update((double)++sh->done, NULL);
			pthread_mutex_unlock(&sh->mu);
		}
		if (j->rc < 0) break;
	}
	if (j->rc < 0) snprintf(j->errmsg, sizeof j->errmsg, "%s", err_msg());
	restore_nice(nice0);
	return NULL;
}

/* Frames small enough (the preview) are drawn by two lanes at once: one drawing thread
 * was the preview's critical path (its encoder waited for frames most of the time while
 * a core stood idle). Each segment is its own file with the same encoder settings, so
 * which lane draws it does not change a byte. The full size keeps one lane (memory). */
#define LANES_MAX_PX (480 * 854)

static int render_segments(struct rctx *c, struct seginfo *sg, size_t n, const struct enc_opts *eo, size_t cover)
{
	int rc = 0;
	int nice0 = yield_to_encoder();
	struct timespec cpu0, cpu1;          /* the drawing's own CPU (one lane: this thread's), for -v */
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu0);
	size_t todo = 0;
	for (size_t k = 0; k < n; k++) {
		todo += sg[k].need ? 1 : 0;
		if (!sg[k].need) stats.segments_reused++;
	}
	double r0, hwm0;
	mem_now(&r0, &hwm0);
	log_debug("render", "before the segments: rss %.0f MB, peak %.0f MB", r0, hwm0);
	progress_begin("render", (double)todo);
	int two = todo >= 4 && (long)c->W * c->H <= LANES_MAX_PX && !hooks.one_lane;
	if (two) stats.lanes = 2;
	else if (!stats.lanes) stats.lanes = 1;
	struct lane L[2];
	struct rctx c1;
	lane_init(&L[0], c, sg, n, eo, cover);
	if (!two) {
		size_t sealed = 0;                       /* segments before this one are sealed */
		for (size_t k = 0; k < n && rc == 0; k++) {
			if (!sg[k].need) continue;
			rc = lane_segment(&L[0], k);
			for (; sealed < k && rc == 0; sealed++)   /* those the encoder has finished meanwhile */
				if (sg[sealed].made && !file_exists(sg[sealed].mp4)) break;
				else rc = seal_segment(&sg[sealed], 0, sealed == cover);
			progress_update((double)L[0].st.segments_rendered, NULL);
		}
	} else {
		c1 = *c;                                 /* its own location-layer cache */
		memset(&c1.layers, 0, sizeof c1.layers);
		lane_init(&L[1], &c1, sg, n, eo, cover);
		struct lanes sh = { .lo = 0, .hi = n, .todo = todo };
		pthread_mutex_init(&sh.mu, NULL);
		struct lane_job j[2] = { { &L[0], &sh, 0, 0, "" }, { &L[1], &sh, 1, 0, "" } };
		pthread_t th;
		int started = pthread_create(&th, NULL, lane_main, &j[1]) == 0;
		lane_main(&j[0]);
		if (!started) lane_main(&j[1]);            /* no thread: the same work on this one */
		else pthread_join(th, NULL);
		pthread_mutex_destroy(&sh.mu);
		for (int i = 0; i < 2 && rc == 0; i++)
			if (j[i].rc < 0) rc = err_set(j[i].rc, "%s", j[i].errmsg);
		log_debug("render", "two lanes: %d and %d segments", L[0].st.segments_rendered, L[1].st.segments_rendered);
	}
	progress_end();
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu1);
	log_debug("render", "drawing thread%s: %.2f s CPU", two ? " (the first lane)" : "",
	          (double)(cpu1.tv_sec - cpu0.tv_sec) + 1e-9 * (double)(cpu1.tv_nsec - cpu0.tv_nsec));
	for (int i = 0; i < 1 + two; i++) {
		int rc2 = lane_end(&L[i]);
		if (rc == 0) rc = rc2;
		stats.segments_rendered += L[i].st.segments_rendered;
		stats.frames_drawn += L[i].st.frames_drawn;
		stats.frames_repeated += L[i].st.frames_repeated;
		stats.frames_part += L[i].st.frames_part;
		stats.frames_yuv += L[i].st.frames_yuv;
	}
	double px = L[0].part_px + (two ? L[1].part_px : 0);
	log_debug("render", "%lld of %lld frames converted to YUV in part: %.0f%% of their pixels", (long long)stats.frames_part,
	          (long long)stats.frames_drawn, stats.frames_part ? 100.0 * px / ((double)stats.frames_part * c->W * c->H) : 0.0);
	log_debug("render", "%lld frames with the room magnified straight into YUV", (long long)stats.frames_yuv);
	struct rpool_stats ps = rpool_stats();
	log_debug("render", "pixel blocks: %ld reused, %ld fresh (process so far)", ps.reused, ps.fresh);
	if (two) rctx_release(&c1);
	for (size_t k = 0; k < n && rc == 0; k++)    /* the encoders are finished: every file is in place */
		rc = seal_segment(&sg[k], 1, k == cover);
	restore_nice(nice0);
	return rc;
}

/* A piece of the render on its own thread: run(arg), its result and error message. */
struct rjob {
	int (*run)(void *arg);
	void *arg;
	int rc;
	char err[1024];
	int started;
	pthread_t th;
};

static void *rjob_main(void *a)
{
	struct rjob *j = a;
	j->rc = j->run(j->arg);
	if (j->rc < 0) snprintf(j->err, sizeof j->err, "%s", err_msg());
	return NULL;
}

/* Start j (run inline where no thread can be made). */
static void rjob_start(struct rjob *j)
{
	j->started = 1;
	if (pthread_create(&j->th, NULL, rjob_main, j) != 0) {
		j->started = 0;
		rjob_main(j);
	}
}

/* Wait for j (if it ran). Returns its result, with its error message set on this thread. */
static int rjob_join(struct rjob *j)
{
	if (j->started) pthread_join(j->th, NULL);
	j->started = 0;
	if (j->rc < 0) err_set(j->rc, "%s", j->err);
	return j->rc;
}

_Static_assert(MIX_GRID == ENC_AAC_FRAME, "scenes' sound starts on the AAC frame grid: the pieces are cut there");

static void *reader_open(void *m, int64_t at) { return mix_reader_open(m, (size_t)at); }
static long reader_read(void *r, float *lr, size_t max) { return mix_reader_read(r, lr, max); }
static void reader_close(void *r) { mix_reader_close(r); }

/* The mix's AAC in pieces, each kept in cache/shots/<key>.aacpiece: an edit encodes again
 * only the pieces whose sound changed (mix.c, assemble.c). The packets in *pk. */
static int pieces_encode(const char *out, struct mix *m, const char *dir, int rate, struct enc_apackets **pk)
{
	size_t np = 0, encoded = 0;
	const struct mix_piece *mp = mix_audio_pieces(m, ENC_AAC_FRAME, ENC_AAC_ROLL, ENC_AAC_CONFIG, &np);
	struct enc_apiece *pc = xcalloc(np + 1, sizeof *pc);
	char **paths = xcalloc(np + 1, sizeof *paths);
	for (size_t k = 0; k < np; k++) {
		paths[k] = xasprintf("%s/%s.aacpiece", dir, mp[k].key);
		pc[k] = (struct enc_apiece){ mp[k].start, mp[k].end, paths[k] };
	}
	struct enc_asource src = { reader_open, reader_read, reader_close, m };
	int rc = enc_audio_pieces(out, &src, pc, np, rate, pk, &encoded);
	log_debug("render", "AAC in %zu pieces, %zu encoded", np, encoded);
	for (size_t k = 0; k < np; k++) free(paths[k]);
	free(paths);
	free(pc);
	return rc;
}

/* mix_open as an rjob: the mix in m (the caller closes it) and, with dir, its AAC pieces
 * encoded into pk (pieces_encode; the caller frees). */
struct mix_args {
	const struct project *p;
	const struct episode *ep;
	const struct timeline *tl;
	struct mix *m;
	const char *dir, *out;
	int rate;
	struct enc_apackets *pk;
	double sec;
	const struct stage_opts *o;     /* its sound_wait before mixing */
	int workers;                    /* mix_open_workers' */
	double cpu;                     /* this thread's CPU seconds */
};

static int mix_run(void *arg)
{
	struct mix_args *a = arg;
	double t0 = now_sec();
	struct timespec c0, c1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	int rc = a->o->sound_wait ? a->o->sound_wait(a->o->sound_arg) : 0;
	if (rc == 0) rc = mix_open_workers(a->p, a->ep, a->tl, a->workers, &a->m);
	if (rc == 0 && a->dir) rc = pieces_encode(a->out, a->m, a->dir, a->rate, &a->pk);
	a->sec = now_sec() - t0;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	a->cpu = (double)(c1.tv_sec - c0.tv_sec) + 1e-9 * (double)(c1.tv_nsec - c0.tv_nsec);
	return rc;
}

static int write_text(struct project *p, const char *name, const struct sbuf *b)
{
	char *path = project_path(p, name);
	int rc = file_write_atomic(path, b->s ? b->s : "", b->len);
	free(path);
	return rc;
}

/* write_sidecars as an rjob, its record lines in rec. */
struct side_args {
	const struct rctx *c;
	const struct episode *ep;
	const struct seginfo *sg;
	size_t cover;
	char **thumbs;
	const char *old_rec, *ht, *hp, *hc;
	unsigned which;                 /* routput_sidecars' */
	struct sbuf rec;
};

static int side_run(void *arg)
{
	struct side_args *a = arg;
	return routput_sidecars(a->c, a->ep, a->sg, a->cover, a->thumbs, a->old_rec, a->ht, a->hp, a->hc, a->which, &a->rec);
}

static int render_episode(struct project *p, const struct episode *ep, const struct stage_opts *o,
                          const struct art_backend *art)
{
	struct rctx c = { 0 };
	c.p = p;
	c.s = p->s;
	c.ep = ep;
	c.art = art;
	c.W = o->preview ? PREVIEW_W : p->set.width;
	c.H = o->preview ? PREVIEW_H : p->set.height;
	c.fps = o->preview ? PREVIEW_FPS : p->set.fps;
	c.seed = p->s->seed ? p->s->seed : p->set.seed;
	c.zh = str_eq(p->s->lang ? p->s->lang : p->set.lang, "zh");
	c.clean = getenv("DRAMA_RENDER_CLEAN") != NULL;   /* no burned subtitles (a textless master; clean.h) */
	int rc = rstyle_load(&c.st);
	if (rc < 0) return rc;
	if ((rc = timeline_build(p->s, ep, c.fps, &c.tl)) < 0) return rc;
	struct enc_opts eo = ENC_OPTS_INIT;
	eo.width = c.W;
	eo.height = c.H;
	eo.fps = c.fps;
	eo.crf = p->set.crf > 0 ? p->set.crf : 23;
	eo.preset = o->preview ? "ultrafast" : p->set.preset[0] ? p->set.preset : "veryfast";
	eo.video_only = 1;

	char *style_txt = NULL, *style_path = data_path("render/style.json");
	size_t style_n = 0;
	file_read_all(style_path, &style_txt, &style_n);
	free(style_path);
	size_t n = c.tl.n_shots + 2;
	struct seginfo *sg = xcalloc(n, sizeof *sg);
	char *shots_dir = project_path(p, "cache/shots");
	float *lr = NULL;
	size_t lr_n = 0;
	char **thumbs = xcalloc(n, sizeof *thumbs);
	const char **mp4s = xcalloc(n, sizeof *mp4s);
	char *rec_path = NULL, *old_rec = NULL, *mp4_rel = NULL, *mp4_out = NULL;
	struct sbuf rec = { 0 };
	if ((rc = mkdir_p(shots_dir)) < 0) goto end;
	size_t cover = cover_segment(&c);
	for (size_t k = 0; k < n; k++) {
		seg_hash(&c, k, style_txt, sg[k].own);
		seg_file_hash(&c, k, sg[k].own, k ? sg[k - 1].own : "", sg[k].hash);
		sg[k].mp4 = xasprintf("%s/%s.mp4", shots_dir, sg[k].hash);
		sg[k].thumb = xasprintf("%s/%s.thumb.png", shots_dir, sg[k].hash);
		sg[k].full = xasprintf("%s/%s.full.png", shots_dir, sg[k].hash);
		sg[k].frames = seg_frames(&c, k);
		/* each file whole, as sealed; the MP4 with the frames the timeline asks for */
		sg[k].need = o->force || !cache_valid(sg[k].mp4, sg[k].frames) || !cache_valid(sg[k].thumb, -1) ||
		             (k == cover && !o->preview && !cache_valid(sg[k].full, -1));
		if (sg[k].need) {
			cache_remove(sg[k].mp4);
			cache_remove(sg[k].thumb);
			if (k == cover && !o->preview) cache_remove(sg[k].full);
		}
		thumbs[k] = sg[k].thumb;
		mp4s[k] = sg[k].mp4;
	}
	/* What each output is made from (outputs_hashes); one whose record in
	 * cache/shots/epNN.outputs matches, and whose file is still there with the recorded
	 * size, is kept: a storyboard edit that changes nothing audible or visible costs
	 * the hashing only. Not with the test seam's mixer or --force. */
	char hv[33], ht[33], hp[33], hc[33];
	routput_hashes(&c, sg, n, cover, style_txt, o->preview, hv, ht, hp, hc);
	rec_path = xasprintf("%s/ep%02d%s.outputs", shots_dir, ep->number, o->preview ? ".preview" : "");
	size_t old_n = 0;
	if (hooks.mix || o->force || file_read_all(rec_path, &old_rec, &old_n) < 0) {
		err_clear();
		free(old_rec);
		old_rec = NULL;
	}
	mp4_rel = o->preview ? xasprintf("ep%02d.preview.mp4", ep->number) : xasprintf("ep%02d.mp4", ep->number);
	mp4_out = project_path(p, mp4_rel);
	/* music still being made: some cue is new, so the MP4 is not kept (hashed again below) */
	int kept = !o->sound_wait && routput_kept(old_rec, mp4_rel, hv, mp4_out);
	/* The preview's memory is small: the mix and its AAC are made on a thread while the
	 * frames are drawn. So are the full size's when few frames are drawn (an edit: one
	 * segment's x264 and drawing leave most of a core idle). A fresh full-size make mixes
	 * after the frames: measured on a 3-minute episode, mix_open held about 50-60 MB
	 * while it worked (a scene's cue, its reverb, ambience): beside x264 drawing every
	 * segment the peak went from about 280 to 333 MB. Mixing now holds a few MB (cues read
	 * by range, the hall made as it goes, the ambience made ahead: mix.c), yet beside the
	 * frames at nice 19 the make still peaked at 302.7 / 303.9 MB (bench, load 7-13; main
	 * 291-298 MB in -v logs), over the 300 MB cap: x264 and the drawing leave no room. */
	int64_t draw = 0;
	for (size_t k = 0; k < n; k++) draw += sg[k].need ? sg[k].frames : 0;
	/* nothing to draw (every segment cached): no x264 beside the mix, which takes two threads */
	struct mix_args ma = { p, ep, &c.tl, NULL, shots_dir, mp4_out, MIX_RATE, NULL, 0, o, draw ? 1 : RENDER_MIX_WORKERS, 0 };
	struct rjob mj = { mix_run, &ma, 0, "", 0 };
	int beside = !kept && !hooks.mix && !hooks.mix_after && (o->preview || draw * RENDER_MIX_BESIDE <= c.tl.frames);
	if (beside) rjob_start(&mj);
	/* at full size the music still being made (pipeline.c: an edit's one cue, beside the
	 * set-up above) is waited for before x264 starts, and what it freed given back, so its
	 * memory never meets x264's (beside the drawing it raised an edit's peak 256 -> 288 MB) */
	if (!o->preview && o->sound_wait) {
		if ((rc = o->sound_wait(o->sound_arg)) < 0) {
			if (beside) {                     /* (its mix failed the same way) */
				rjob_join(&mj);
				mix_close(ma.m);
				enc_apackets_free(ma.pk);
				err_set(rc, "%s", mj.err[0] ? mj.err : err_msg());
			}
			goto end;
		}
		malloc_trim(0);
	}
	stats.mix_beside = beside;
	double t0 = now_sec();
	rc = render_segments(&c, sg, n, &eo, o->preview ? (size_t)-1 : cover);
	double t_seg = now_sec() - t0;
	struct mix *m = NULL;
	if (rjob_join(&mj) < 0 && rc == 0) rc = mj.rc;   /* the mix thread's error, now on this thread */
	m = ma.m;
	if (beside)
		log_debug("render", "mix and AAC beside the %lld frames drawn: %.2f s, %.2f s CPU (the frames %.2f s, "
		          "waited %.2f s more)", (long long)draw, ma.sec, ma.cpu, t_seg, now_sec() - t0 - t_seg);
	if (rc == 0 && o->sound_wait && (beside || (rc = o->sound_wait(o->sound_arg)) == 0))
		routput_hashes(&c, sg, n, cover, style_txt, o->preview, hv, ht, hp, hc);   /* with the cues made */
	if (rc < 0) {
		enc_apackets_free(ma.pk);
		mix_close(m);
		goto end;
	}
	/* The subtitle files, cover and contact sheet (PNG compression, 1.2 s of CPU at
	 * 1080x1920) are made on a thread while the mix and its AAC take one core: they were
	 * the last 1-2 s of a make, after the sound. Memory: the mix's 50-60 MB and a few
	 * frame-sized pictures, after x264 has gone: `drama render` of a 3-minute 1080x1920
	 * episode with its segments cached peaked at 130 MB (78 MB one after the other), far
	 * below the segments' 259 MB. Its wall time at load 16 did not tell the two apart
	 * (27.5 / 36.3 s against 29.2 / 35.8 s; 7.3-7.7 s CPU both). On two threads, the
	 * subtitle files and covers on one, the contact sheet on the other (about half each):
	 * the mix and AAC on two threads end before them. */
	struct side_args sa = { &c, ep, sg, cover, thumbs, old_rec, ht, hp, hc, 7u, { 0 } };
	struct side_args sa2 = { &c, ep, sg, cover, thumbs, old_rec, ht, hp, hc, 8u, { 0 } };
	struct rjob sj = { side_run, &sa, 0, "", 0 }, sj2 = { side_run, &sa2, 0, "", 0 };
	if (!o->preview) {
		rjob_start(&sj);
		rjob_start(&sj2);
	}
	{	/* the segments this episode uses now: what `drama clean` and the size cap keep */
		struct sbuf b = { 0 };
		for (size_t k = 0; k < n; k++) sb_printf(&b, "%s\n", sg[k].hash);
		char *rel = xasprintf("cache/shots/ep%02d%s.list", ep->number, o->preview ? ".preview" : "");
		if (write_text(p, rel, &b) < 0) {    /* a read-only cache (render --out): clean keeps all */
			log_debug("render", "%s", err_msg());
			err_clear();
		}
		free(rel);
		sb_free(&b);
	}
	log_info("render", "episode %d: %d segments drawn, %d reused from cache; %lld frames drawn, %lld repeated "
	         "(%.1f s, peak %.0f MB)", ep->number, stats.segments_rendered, stats.segments_reused,
	         (long long)stats.frames_drawn, (long long)stats.frames_repeated, now_sec() - t0, peak_mb());
	if (kept) {
		stats.outputs_kept++;
		log_info("render", "episode %d: %s kept: its pictures and sound are unchanged", ep->number, mp4_rel);
	} else {
		struct enc_opts ao = eo;
		ao.sample_rate = MIX_RATE;
		if (hooks.mix) {                      /* the test seam: a whole buffer */
			if ((rc = hooks.mix(p, ep, &c.tl, &lr, &lr_n)) == 0)
				rc = enc_assemble(mp4_out, (const char *const *)mp4s, n, lr, lr_n, &ao);
		} else {                              /* the mix streamed into the MP4: flat memory */
			double ta = now_sec();
			/* x264 has gone: the spans are mixed and levelled on two threads (each
			 * holds one span's sound) beside the sidecars' threads, each scene's
			 * ambience made once first (a join span made both its scenes' whole again) */
			struct mix_amb *amb = NULL;
			if (!m && (rc = mix_ambience_new(p, ep, &c.tl, &amb)) == 0)
				rc = mix_open_with(p, ep, &c.tl, RENDER_MIX_WORKERS, amb, &m);
			mix_ambience_free(amb);
			if (rc == 0) {
				double r, hwm;
				mem_now(&r, &hwm);
				log_debug("render", "mixed %.1f s of sound (rss %.0f MB, peak %.0f MB)",
				          (double)mix_frames(m) / MIX_RATE, r, hwm);
				if (!ma.pk) rc = pieces_encode(mp4_out, m, shots_dir, MIX_RATE, &ma.pk);
				double tm = now_sec();
				if (rc == 0) rc = enc_assemble_packets(mp4_out, (const char *const *)mp4s, n, ma.pk, &ao);
				log_debug("render", "sound %.2f s after the frames, the MP4 muxed in %.2f s", tm - ta, now_sec() - tm);
			}
		}
		double r1, hwm1;
		mem_now(&r1, &hwm1);
		log_debug("render", "assembled: rss %.0f MB, peak %.0f MB", r1, hwm1);
	}
	if (m) {	/* the mix's spans, levels and AAC pieces: what `drama clean` keeps of them */
		struct sbuf b = { 0 };
		mix_cache_names(m, &b);
		char *rel = xasprintf("cache/shots/ep%02d%s.mix.list", ep->number, o->preview ? ".preview" : "");
		if (write_text(p, rel, &b) < 0) {
			log_debug("render", "%s", err_msg());
			err_clear();
		}
		free(rel);
		sb_free(&b);
	}
	mix_close(m);
	enc_apackets_free(ma.pk);
	if (rc == 0) routput_note(&rec, mp4_rel, hv, mp4_out);
	if (rjob_join(&sj) < 0 && rc == 0) rc = sj.rc;      /* the sidecars' error, now on this thread */
	if (rjob_join(&sj2) < 0 && rc == 0) rc = sj2.rc;
	if (rc == 0 && sa.rec.len) sb_printf(&rec, "%s", sa.rec.s);   /* (in the order of one thread) */
	if (rc == 0 && sa2.rec.len) sb_printf(&rec, "%s", sa2.rec.s);
	sb_free(&sa.rec);
	sb_free(&sa2.rec);
	if (rc == 0 && file_write_atomic(rec_path, rec.s ? rec.s : "", rec.len) < 0) {
		log_debug("render", "%s", err_msg());   /* a read-only cache: the outputs are made again next time */
		err_clear();
	}
end:
	sb_free(&rec);
	free(old_rec);
	free(rec_path);
	free(mp4_rel);
	free(mp4_out);
	for (size_t k = 0; k < n; k++) {
		free(sg[k].mp4);
		free(sg[k].thumb);
		free(sg[k].full);
	}
	free(sg);
	free(thumbs);
	free(mp4s);
	free(lr);
	free(style_txt);
	free(shots_dir);
	rctx_release(&c);
	timeline_free(&c.tl);
	return rc;
}

int render_stage(struct project *p, const struct stage_opts *o)
{
	memset(&stats, 0, sizeof stats);
	double t0 = now_sec();
	/* Frame-sized buffers come and go with every shot and every encoder: give them back
	 * to the system on free instead of letting the heap grow (flat memory over length). */
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	malloc_trim(0);       /* what the earlier stages freed (in `drama make`: +25 MB peak otherwise) */
	double dropped = rmem_drop_file_pages();
	log_debug("render", "%.0f MB of unwritten file pages given back", dropped);
	if (!p->s) return err_set(ERR_INPUT, "%s has no storyboard.json; run `drama script` first", p->dir);
	const struct art_backend *art = hooks.art ? hooks.art : art_backend_get(p->set.art);
	if (!art) return ERR_INPUT;
	int any = 0, rc = 0;
	for (size_t i = 0; i < p->s->n_eps && rc == 0; i++) {
		const struct episode *ep = &p->s->eps[i];
		if (o->episode && ep->number != o->episode) continue;
		any = 1;
		rc = render_episode(p, ep, o, art);
	}
	if (rc == 0 && !any)
		rc = o->episode ? err_set(ERR_INPUT, "there is no episode %d in %s/storyboard.json", o->episode, p->dir)
		                : err_set(ERR_INPUT, "%s/storyboard.json has no episodes", p->dir);
	double mb, sec;
	cache_hash_stats(&mb, &sec);
	log_debug("render", "cache checks so far: %.1f MB hashed in %.2f s", mb, sec);
	if (rc == 0) rc = cache_trim(p);
	stats.seconds = now_sec() - t0;
	return rc;
}

/* ---- for clean.c (the export's shots without burned subtitles) ---- */
void rseg_own_hash(const struct rctx *c, size_t k, const char *style, char own[33]) { seg_hash(c, k, style, own); }
