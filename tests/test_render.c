/* tests/test_render.c — the focus of this file is the render stage on a hand-built
 * project: the episode MP4 (streams, size, frame count, duration), frame-exact
 * subtitle cues (SRT start == the line's audio start frame), that a one-line edit
 * re-renders only the touched shot, byte-identical output for identical inputs, the
 * sidecars (SRT, ASS, cover, storyboard sheet), that mouths move during speech, that
 * a failing mix fails the render, that rain moves every frame, and that a generated
 * shot picture (cache/ai/shots.json) replaces the drawing. It uses a stand-in art backend and mixer so it
 * tests the renderer alone (tiny sizes, 10 fps). */
#include "test.h"
#include "render/render.h"
#include "render/render_internal.h"
#include "encode/encode.h"
#include "art/art.h"
#include "core/wav.h"
#include "music/music.h"
#include "core/cache.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cairo.h>

/* ---- a stand-in art backend: simple shapes whose mouth follows the viseme ---- */

static int fake_metrics(const struct character *c, struct art_metrics *m)
{
	*m = (struct art_metrics){ 0.88, 0.09, 0.89, 0.84, 0.76, 0.48, 0.26 };
	return 0;
}

static int fake_char(cairo_t *cr, const struct series *s, const struct character *c, const struct art_char_state *st,
                     double x, double y, double h)
{
	double hue = c->name[0] == 'X' ? 0.8 : 0.2;
	cairo_set_source_rgb(cr, hue, 0.3, 1 - hue);
	cairo_rectangle(cr, x - 0.13 * h, y - 0.76 * h, 0.26 * h, 0.76 * h);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.95, 0.8, 0.7);
	cairo_arc(cr, x, y - 0.88 * h, 0.09 * h, 0, 2 * M_PI);
	cairo_fill(cr);
	double open = st->viseme == 'X' || st->viseme == 'A' ? 0.004 : (st->viseme - 'A' + 1) * 0.004;
	cairo_set_source_rgb(cr, 0.4, 0, 0);
	cairo_rectangle(cr, x - 0.03 * h, y - 0.84 * h - open * h / 2, 0.06 * h, open * h + 1);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	double eh = (1 - st->blink) * 0.015 * h + 0.5;
	cairo_rectangle(cr, x - 0.05 * h + st->view * 0.01 * h, y - 0.9 * h, 0.02 * h, eh);
	cairo_rectangle(cr, x + 0.03 * h + st->view * 0.01 * h, y - 0.9 * h, 0.02 * h, eh);
	cairo_fill(cr);
	return 0;
}

static int fake_loc(cairo_t *cr, const struct location *l, const char *time, const char *weather, int layer, double t,
                    double w, double h)
{
	if (layer == ART_LAYER_BACK) {
		cairo_set_source_rgb(cr, 0.5, 0.6, 0.7);
		cairo_paint(cr);
		cairo_set_source_rgb(cr, 0.3, 0.25, 0.2);
		cairo_rectangle(cr, 0, h * 0.8, w, h * 0.2);
		cairo_fill(cr);
	} else if (layer == ART_LAYER_MID) {
		cairo_set_source_rgb(cr, 0.6, 0.4, 0.2);
		cairo_rectangle(cr, w * 0.05, h * 0.6, w * 0.25, h * 0.2);
		cairo_fill(cr);
	} else if (weather && !strcmp(weather, "rain")) {
		/* a falling white bar: where it is depends on t only */
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_rectangle(cr, 0, fmod(t * 0.45, 1.0) * h, w, h * 0.03);
		cairo_fill(cr);
	}
	return 0;
}

static int fake_prop(cairo_t *cr, const char *what, const struct series *s, double w, double h)
{
	cairo_set_source_rgb(cr, 0.9, 0.85, 0.6);
	cairo_rectangle(cr, w * 0.2, h * 0.2, w * 0.6, h * 0.6);
	cairo_fill(cr);
	return 0;
}

static const struct art_backend fake_art = {
	.name = "test", .metrics = fake_metrics, .draw_character = fake_char, .draw_location = fake_loc,
	.draw_prop = fake_prop,
};

static int mix_calls;
static int fake_mix(const struct project *p, const struct episode *ep, const struct timeline *tl, float **lr, size_t *n)
{
	mix_calls++;
	*n = (size_t)(tl->frames * 48000 / tl->fps);
	*lr = xcalloc(*n * 2, sizeof(float));
	for (size_t i = 0; i < *n; i++) (*lr)[i * 2] = (*lr)[i * 2 + 1] = 0.2f * (float)sin(i * 0.05);
	return 0;
}

static int failing_mix(const struct project *p, const struct episode *ep, const struct timeline *tl, float **lr, size_t *n)
{
	return err_set(ERR_GENERIC, "scene 1 has no music; run `drama music`");
}

/* A voiced line: a WAV of speech-like bursts in cache/voice (no timing JSON: the
 * renderer falls back to loudness and says so). */
static void voice_line(struct project *p, struct line *l, const char *name, double sec)
{
	char *dir = project_path(p, "cache/voice");
	mkdir_p(dir);
	free(dir);
	char *rel = xasprintf("cache/voice/%s.wav", name), *path = project_path(p, rel);
	size_t n = (size_t)(sec * 48000);
	int16_t *pcm = xmalloc(n * sizeof *pcm);
	for (size_t i = 0; i < n; i++) {
		double env = 0.5 + 0.5 * sin(i * 2 * M_PI * 3.0 / 48000);   /* syllables */
		pcm[i] = (int16_t)(12000 * env * sin(i * 2 * M_PI * 180.0 / 48000));
	}
	wav_write(path, pcm, n, 48000, 1);
	free(pcm);
	free(path);
	l->audio = rel;
	l->audio_sec = sec;
}

static struct project *make_project(const char *dir)
{
	struct project *p = NULL;
	if (project_open(dir, 1, &p) < 0) return NULL;
	p->set.width = 108;
	p->set.height = 192;
	p->set.fps = 10;
	strcpy(p->set.preset, "ultrafast");
	struct series *s = series_new();
	p->s = s;
	s->title = xstrdup("The Last Cup");
	s->lang = xstrdup("en");
	s->seed = 7;
	struct character *c = series_add_character(s);
	c->name = xstrdup("Xia");
	c = series_add_character(s);
	c->name = xstrdup("Rui");
	struct location *l = series_add_location(s);
	l->name = xstrdup("Shop");
	l->kind = xstrdup("milk_tea_shop");
	struct episode *e = series_add_episode(s);
	e->number = 1;
	e->title = xstrdup("Rain");
	e->cliffhanger = xstrdup("The seal glows.");
	struct scene *sc = episode_add_scene(e);
	sc->location = xstrdup("Shop");
	sc->time = xstrdup("night");
	strv_push(&sc->cast, &sc->n_cast, &sc->cap_cast, "Xia");
	strv_push(&sc->cast, &sc->n_cast, &sc->cap_cast, "Rui");
	static const struct { const char *type, *cam, *tr, *who, *text; } T[] = {
		{ "wide", "push_in", NULL, NULL, NULL },
		{ "close_up", NULL, NULL, "Xia", "Who are you?" },
		{ "over_the_shoulder", "snap_zoom", "whip_pan", "Rui", "Your prince. Where are my guards?" },
		{ "two_shot", "pan_left", "crossfade", "Xia", "This is a milk tea shop." },
		{ "insert", NULL, "flash", NULL, NULL },
	};
	for (size_t i = 0; i < ARRAY_LEN(T); i++) {
		struct shot *sh = scene_add_shot(sc);
		sh->type = xstrdup(T[i].type);
		sh->camera = xstrdup(T[i].cam);
		sh->transition = xstrdup(T[i].tr);
		if (!strcmp(T[i].type, "insert")) sh->action = xstrdup("jade seal");
		if (T[i].who) {
			struct actor *a = shot_add_actor(sh);
			a->name = xstrdup(T[i].who);
			struct line *ln = shot_set_line(sh);
			ln->speaker = xstrdup(T[i].who);
			ln->text = xstrdup(T[i].text);
			char nm[16];
			snprintf(nm, sizeof nm, "l%zu", i);
			voice_line(p, ln, nm, 1.0 + 0.3 * i);
		} else {
			sh->duration = 1.2;
		}
	}
	return p;
}

static void use_fakes(void)
{
	struct render_hooks h = { &fake_art, fake_mix };
	render_set_hooks(&h);
}

static char *read_file(const char *dir, const char *name, size_t *n)
{
	char *path = path_join(dir, name), *d = NULL;
	size_t k = 0;
	if (file_read_all(path, &d, &k) < 0) d = NULL;
	free(path);
	if (n) *n = k;
	return d;
}

TEST(render_episode_outputs_and_sync)
{
	use_fakes();
	struct project *p = make_project(test_tmpdir());
	CHECK(p);
	struct stage_opts o = { .episode = 1 };
	int rc = render_stage(p, &o);
	CHECKF(rc == 0, "render: %s", err_msg());
	struct timeline tl;
	CHECK(timeline_build(p->s, &p->s->eps[0], 10, &tl) == 0);
	char *mp4 = path_join(test_tmpdir(), "ep01.mp4");
	struct enc_probe pr;
	CHECK(enc_probe_file(mp4, &pr) == 0);
	CHECK_STR(pr.vcodec, "h264");
	CHECK_STR(pr.acodec, "aac");
	CHECK_INT(pr.width, 108);
	CHECK_INT(pr.height, 192);
	CHECK_INT(pr.video_frames, tl.frames);
	CHECKF(fabs(pr.duration - tl.frames / 10.0) < 0.15, "duration %.2f vs %.2f", pr.duration, tl.frames / 10.0);
	/* SRT: one cue per line, starting on the line's audio start frame */
	char *srt = read_file(test_tmpdir(), "ep01.srt", NULL);
	CHECK(srt);
	const char *q = srt;
	int cues = 0;
	for (size_t i = 0; i < tl.n_shots; i++) {
		if (tl.shots[i].line_start < 0) continue;
		int h, m, s, ms, h2, m2, s2, ms2;
		q = strstr(q, " --> ");
		CHECK(q);
		CHECK(sscanf(q - 12, "%d:%d:%d,%d --> %d:%d:%d,%d", &h, &m, &s, &ms, &h2, &m2, &s2, &ms2) == 8);
		long start = ((h * 60 + m) * 60 + s) * 1000L + ms, end = ((h2 * 60 + m2) * 60 + s2) * 1000L + ms2;
		CHECK_INT(lround(start * 10 / 1000.0), tl.shots[i].line_start);
		CHECK_INT(lround(end * 10 / 1000.0), tl.shots[i].line_end);
		q += 5;
		cues++;
	}
	CHECK_INT(cues, 3);
	CHECK(strstr(srt, "Where are my guards?"));
	char *ass = read_file(test_tmpdir(), "ep01.ass", NULL);
	CHECK(ass && strstr(ass, "PlayResY: 192") && strstr(ass, "Dialogue: 0,"));
	char *cover = path_join(test_tmpdir(), "ep01.cover.png"), *contact = path_join(test_tmpdir(), "ep01.contact.png");
	cairo_surface_t *cs = cairo_image_surface_create_from_png(cover);
	CHECK(cairo_surface_status(cs) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(cs) == 108);
	cairo_surface_destroy(cs);
	cs = cairo_image_surface_create_from_png(contact);
	CHECK(cairo_surface_status(cs) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(cs) > 500);
	cairo_surface_destroy(cs);
	struct render_stats st;
	render_last_stats(&st);
	CHECK_INT(st.segments_rendered, (int)tl.n_shots + 2);
	CHECK(st.frames_repeated > 0);              /* still frames cost no drawing */
	free(srt); free(ass); free(cover); free(contact); free(mp4);
	timeline_free(&tl);
	project_free(p);
	render_set_hooks(NULL);
}

TEST(render_one_line_edit_rerenders_one_shot)
{
	use_fakes();
	struct project *p = make_project(test_tmpdir());
	CHECK(p);
	struct stage_opts o = { .episode = 1 };
	CHECKF(render_stage(p, &o) == 0, "%s", err_msg());
	struct render_stats st;
	render_last_stats(&st);
	int total = st.segments_rendered;
	/* unchanged: nothing is drawn, the episode is reassembled */
	CHECK(render_stage(p, &o) == 0);
	render_last_stats(&st);
	CHECK_INT(st.segments_rendered, 0);
	CHECK_INT(st.segments_reused, total);
	/* edit the line of shot 2 (close-up, next shot cuts in with whip_pan: shot 3 shows
	 * shot 2's last frame, so it is touched too) */
	struct line *ln = p->s->eps[0].scenes[0].shots[1].line;
	free(ln->text);
	ln->text = xstrdup("Who are YOU?");
	CHECK(render_stage(p, &o) == 0);
	render_last_stats(&st);
	CHECK_INT(st.segments_rendered, 2);
	CHECK_INT(st.segments_reused, total - 2);
	/* edit the last line (shot 4): shot 5 flashes in from it */
	ln = p->s->eps[0].scenes[0].shots[3].line;
	free(ln->text);
	ln->text = xstrdup("It is a milk tea shop.");
	CHECK(render_stage(p, &o) == 0);
	render_last_stats(&st);
	CHECK_INT(st.segments_rendered, 2);
	char *srt = read_file(test_tmpdir(), "ep01.srt", NULL);
	CHECK(srt && strstr(srt, "Who are YOU?") && strstr(srt, "It is a milk tea shop."));
	free(srt);
	project_free(p);
	render_set_hooks(NULL);
}

TEST(render_identical_bytes)
{
	use_fakes();
	char *d1 = path_join(test_tmpdir(), "a"), *d2 = path_join(test_tmpdir(), "b");
	struct project *p1 = make_project(d1), *p2 = make_project(d2);
	CHECK(p1 && p2);
	struct stage_opts o = { .episode = 1 };
	CHECK(render_stage(p1, &o) == 0);
	CHECK(render_stage(p2, &o) == 0);
	size_t n1, n2;
	char *a = read_file(d1, "ep01.mp4", &n1), *b = read_file(d2, "ep01.mp4", &n2);
	CHECK(a && b);
	CHECKF(n1 == n2 && !memcmp(a, b, n1), "ep01.mp4 differs: %zu vs %zu bytes", n1, n2);
	free(a); free(b);
	project_free(p1); project_free(p2);
	free(d1); free(d2);
	render_set_hooks(NULL);
}

/* Decode the episode and compare the mouth area across frames of a spoken line. */
TEST(render_mouth_moves_while_speaking)
{
	use_fakes();
	struct project *p = make_project(test_tmpdir());
	CHECK(p);
	struct stage_opts o = { .episode = 1 };
	CHECK(render_stage(p, &o) == 0);
	struct timeline tl;
	CHECK(timeline_build(p->s, &p->s->eps[0], 10, &tl) == 0);
	/* shot 2 is Xia's close-up: distinct pictures during her line, fewer after it */
	const struct tl_shot *t = &tl.shots[1];
	char *cmd = xasprintf("ffmpeg -v error -i %s/ep01.mp4 -an -vf \"select='between(n\\,%lld\\,%lld)'\" -vsync 0 "
	                      "-f framemd5 -", test_tmpdir(), (long long)t->line_start, (long long)t->line_end - 1);
	char *out = NULL;
	CHECK(test_run(cmd, &out) == 0);
	int distinct = 0;
	char last[64] = "";
	for (char *l = strtok(out, "\n"); l; l = strtok(NULL, "\n")) {
		if (l[0] == '#') continue;
		char *h = strrchr(l, ',');
		if (h && strcmp(h, last)) { distinct++; snprintf(last, sizeof last, "%s", h); }
	}
	CHECKF(distinct >= 4, "only %d distinct frames while speaking", distinct);
	free(out); free(cmd);
	timeline_free(&tl);
	project_free(p);
	render_set_hooks(NULL);
}

/* Without a mix hook the episode's mix is streamed into the MP4 (mix_open/mix_read):
 * the same bytes as the whole-buffer mix_episode path. */
TEST(render_streamed_mix_same_bytes)
{
	struct render_hooks h = { &fake_art, mix_episode };
	render_set_hooks(&h);
	struct project *p = make_project(test_tmpdir());
	CHECK(p);
	struct stage_opts o = { .episode = 1 };
	CHECK(render_stage(p, &o) == 0);
	char *mp4 = path_join(test_tmpdir(), "ep01.mp4"), *a = NULL, *b = NULL;
	size_t an = 0, bn = 0;
	CHECK(file_read_all(mp4, &a, &an) == 0);
	remove(mp4);
	h.mix = NULL;
	render_set_hooks(&h);
	CHECK(render_stage(p, &o) == 0);
	struct render_stats st;
	render_last_stats(&st);
	CHECK_INT(st.segments_rendered, 0);            /* only the sound and the assembly again */
	CHECK(file_read_all(mp4, &b, &bn) == 0);
	struct enc_probe pr;
	CHECK(enc_probe_file(mp4, &pr) == 0 && pr.has_audio);
	CHECK_INT(an, bn);
	CHECK(memcmp(a, b, an) == 0);
	free(a); free(b); free(mp4);
	project_free(p);
	render_set_hooks(NULL);
}

/* A re-voiced line (longer: the shots after it move) made in spans and AAC pieces, most
 * from the cache, gives the bytes of the same project made with every span and piece
 * fresh (issue 22: edits at the cost of what changed, the same MP4 either way). */
TEST(render_edit_then_fresh_same_bytes)
{
	struct render_hooks h = { &fake_art, NULL };
	render_set_hooks(&h);
	struct project *p = make_project(test_tmpdir());
	CHECK(p);
	struct scene *sc = episode_add_scene(&p->s->eps[0]);   /* a second scene: a second span */
	sc->location = xstrdup("Shop");
	sc->time = xstrdup("day");
	for (int i = 0; i < 2; i++) {
		struct shot *sh = scene_add_shot(sc);
		sh->type = xstrdup("medium");
		struct line *ln = shot_set_line(sh);
		ln->speaker = xstrdup("Rui");
		ln->text = xstrdup(i ? "Tea." : "Then pour.");
		voice_line(p, ln, i ? "m1" : "m0", 1.1 + 0.4 * i);
	}
	struct shot *still = scene_add_shot(sc);       /* a long wide shot: the edit below draws */
	still->type = xstrdup("wide");                 /* under 1/8 of the frames (RENDER_MIX_BESIDE) */
	still->duration = 24;
	struct stage_opts o = { .episode = 1 };
	CHECKF(render_stage(p, &o) == 0, "%s", err_msg());
	struct line *ln = p->s->eps[0].scenes[0].shots[1].line;
	free(ln->audio);
	ln->audio = NULL;
	struct render_stats st;
	render_last_stats(&st);
	CHECK_INT(st.mix_beside, 0);                   /* every frame drawn: the mix after them */
	voice_line(p, ln, "l1b", 1.77);
	CHECKF(render_stage(p, &o) == 0, "%s", err_msg());
	render_last_stats(&st);
	CHECK_INT(st.mix_beside, 1);                   /* one shot drawn: the mix and AAC beside it */
	char *mp4 = path_join(test_tmpdir(), "ep01.mp4"), *a = NULL, *b = NULL;
	size_t an = 0, bn = 0;
	CHECK(file_read_all(mp4, &a, &an) == 0);
	char *dir = path_join(test_tmpdir(), "cache/shots");
	char *rm = xasprintf("rm -f %s/*.mixspan %s/*.mixlvl %s/*.aacpiece %s/*.outputs %s", dir, dir, dir, dir, mp4);
	CHECK(system(rm) == 0);
	h.mix_after = 1;                               /* fresh sound, made after the frames */
	render_set_hooks(&h);
	CHECKF(render_stage(p, &o) == 0, "%s", err_msg());
	render_last_stats(&st);
	CHECK_INT(st.mix_beside, 0);
	CHECK(file_read_all(mp4, &b, &bn) == 0);
	CHECK_INT(an, bn);
	CHECK(memcmp(a, b, an) == 0);
	/* `drama clean` keeps the spans, levels and pieces the render used (ep01.mix.list) */
	char *count = xasprintf("test $(ls %s | grep -cE '[.](mixspan|mixlvl|aacpiece)$') -ge 5", dir);
	CHECK(system(count) == 0);
	long long files = 0, bytes = 0;
	CHECK(cache_clean(p, 0, &files, &bytes) == 0);
	CHECK(system(count) == 0);
	free(count);
	free(a); free(b); free(mp4); free(dir); free(rm);
	project_free(p);
	render_set_hooks(NULL);
}

TEST(render_mix_failure_fails)
{
	struct render_hooks h = { &fake_art, failing_mix };
	render_set_hooks(&h);
	struct project *p = make_project(test_tmpdir());
	CHECK(p);
	struct stage_opts o = { .episode = 1 };
	CHECK(render_stage(p, &o) < 0);
	CHECK(strstr(err_msg(), "drama music") != NULL);
	char *mp4 = path_join(test_tmpdir(), "ep01.mp4");
	CHECK(!file_exists(mp4));
	free(mp4);
	o.episode = 3;
	CHECK(render_stage(p, &o) < 0);
	CHECK(strstr(err_msg(), "no episode 3") != NULL);
	project_free(p);
	render_set_hooks(NULL);
}

TEST(render_preview_small)
{
	use_fakes();
	struct project *p = make_project(test_tmpdir());
	CHECK(p);
	struct stage_opts o = { .episode = 1, .preview = 1 };
	CHECKF(render_stage(p, &o) == 0, "%s", err_msg());
	char *mp4 = path_join(test_tmpdir(), "ep01.preview.mp4");
	struct enc_probe pr;
	CHECK(enc_probe_file(mp4, &pr) == 0);
	CHECK_INT(pr.width, 360);
	CHECK_INT(pr.height, 640);
	CHECKF(fabs(pr.fps - 15) < 0.01, "fps %.2f", pr.fps);
	free(mp4);
	project_free(p);
	render_set_hooks(NULL);
}

/* Burned subtitles stay in the safe band (62-75% height, clear of the right 15%), at
 * most two lines, for English and Chinese, short and long. */
TEST(render_subtitle_safe_area)
{
	struct rctx c = { 0 };
	CHECK(rstyle_load(&c.st) == 0);
	const int W = 1080, H = 1920;
	static const char *const texts[] = {
		"Who are you?",
		"Your mother wrote it down before she died, and she hid it where only you would ever look for it.",
		"你是谁？",
		"这家奶茶店是我母亲留下的，谁也别想从我手里把它抢走，就算你是王爷也不行！",
	};
	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		struct rsub s;
		CHECK(rsub_make(&c, texts[i], 0, W, H, &s) == 0);
		int w = cairo_image_surface_get_width(s.img), h = cairo_image_surface_get_height(s.img);
		CHECKF(s.y >= 0.62 * H - 1 && s.y + h <= 0.75 * H + 1, "text %zu: rows %d..%d", i, s.y, s.y + h);
		CHECKF(s.x >= 0 && s.x + w <= 0.85 * W + 1, "text %zu: columns %d..%d", i, s.x, s.x + w);
		/* the ink really is there and no more than two lines tall */
		cairo_surface_flush(s.img);
		const uint8_t *d = cairo_image_surface_get_data(s.img);
		int stride = cairo_image_surface_get_stride(s.img), top = -1, bottom = -1;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				if (d[(size_t)y * stride + x * 4 + 3] > 128) {
					if (top < 0) top = y;
					bottom = y;
					break;
				}
		CHECKF(top >= 0, "text %zu drew nothing", i);
		double px = c.st.sub_size * W;
		CHECKF(bottom - top < 2 * 1.6 * px, "text %zu is %d px tall (more than two lines)", i, bottom - top);
		rsub_free(&s);
	}
}

/* Regression: a storyboard saved and loaded again (numbers rounded on the way) must hit
 * the same shot cache as the one in memory that was rendered. */
TEST(render_cache_survives_save_and_load)
{
	use_fakes();
	struct project *p = make_project(test_tmpdir());
	CHECK(p);
	for (size_t i = 0; i < p->s->eps[0].scenes[0].n_shots; i++) {
		struct line *l = p->s->eps[0].scenes[0].shots[i].line;
		if (l) l->audio_sec += 0.0001234;        /* not representable in what is saved */
	}
	struct stage_opts o = { .episode = 1 };
	CHECK(render_stage(p, &o) == 0);
	CHECK(project_save(p) == 0);
	project_free(p);
	p = NULL;
	CHECK(project_open(test_tmpdir(), 0, &p) == 0);
	CHECK(render_stage(p, &o) == 0);
	struct render_stats st;
	render_last_stats(&st);
	CHECK_INT(st.segments_rendered, 0);
	project_free(p);
	render_set_hooks(NULL);
}

/* md5 of each decoded frame in [from, to) of dir/ep01.mp4; returns how many differ from
 * their predecessor (+1 for the first). */
static int distinct_frames(const char *dir, int64_t from, int64_t to)
{
	char *cmd = xasprintf("ffmpeg -v error -i %s/ep01.mp4 -an -vf \"select='between(n\\,%lld\\,%lld)'\" -vsync 0 "
	                      "-f framemd5 -", dir, (long long)from, (long long)to - 1);
	char *out = NULL;
	int distinct = -1;
	if (test_run(cmd, &out) == 0) {
		distinct = 0;
		char last[64] = "";
		for (char *l = strtok(out, "\n"); l; l = strtok(NULL, "\n")) {
			if (l[0] == '#') continue;
			char *h = strrchr(l, ',');
			if (h && strcmp(h, last)) { distinct++; snprintf(last, sizeof last, "%s", h); }
		}
	}
	free(out);
	free(cmd);
	return distinct;
}

/* Rain: the front layer is drawn for every frame's time, so a still shot still moves. */
TEST(render_rain_moves_every_frame)
{
	use_fakes();
	char *dry = path_join(test_tmpdir(), "dry"), *wet = path_join(test_tmpdir(), "wet");
	struct project *p1 = make_project(dry), *p2 = make_project(wet);
	CHECK(p1 && p2);
	p2->s->eps[0].scenes[0].weather = xstrdup("rain");
	struct stage_opts o = { .episode = 1 };
	struct render_stats s_dry, s_wet;
	CHECKF(render_stage(p1, &o) == 0, "%s", err_msg());
	render_last_stats(&s_dry);
	CHECKF(render_stage(p2, &o) == 0, "%s", err_msg());
	render_last_stats(&s_wet);
	struct timeline tl;
	CHECK(timeline_build(p2->s, &p2->s->eps[0], 10, &tl) == 0);
	/* shot 2: a static close-up; after its line nothing but blinks would change */
	const struct tl_shot *t = &tl.shots[1];
	int64_t n = t->start + t->frames - t->line_end;
	CHECK(n >= 3);
	int d_wet = distinct_frames(wet, t->line_end, t->start + t->frames);
	CHECKF(d_wet == n, "rain: %d distinct frames of %lld", d_wet, (long long)n);
	/* drawn, not repeated: dry, the end of shot 2 changes only with the idle motion,
	 * which holds each pose two frames or more */
	CHECKF(s_wet.frames_repeated + (n - 1) / 2 <= s_dry.frames_repeated, "repeated frames: rain %lld, dry %lld",
	       (long long)s_wet.frames_repeated, (long long)s_dry.frames_repeated);
	timeline_free(&tl);
	project_free(p1); project_free(p2);
	free(dry); free(wet);
	render_set_hooks(NULL);
}

/* A shot with a generated picture shows it (scaled to fill) instead of the drawing;
 * replacing the picture re-renders that shot (and the one that transitions from it). */
static void write_solid_png(const char *path, double r, double g, double b)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 40, 30);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, r, g, b);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_write_to_png(s, path);
	cairo_surface_destroy(s);
}

/* RGB of pixel (x, y) of frame n. */
static int frame_pixel(const char *dir, int64_t n, int x, int y, int rgb[3])
{
	char *cmd = xasprintf("ffmpeg -v error -i %s/ep01.mp4 -an -vf \"select='eq(n\\,%lld)',crop=2:2:%d:%d\" -vsync 0 "
	                      "-frames:v 1 -f rawvideo -pix_fmt rgb24 - | od -An -tu1", dir, (long long)n, x, y);
	char *out = NULL;
	int rc = test_run(cmd, &out) == 0 && out && sscanf(out, "%d %d %d", &rgb[0], &rgb[1], &rgb[2]) == 3 ? 0 : -1;
	free(out);
	free(cmd);
	return rc;
}

TEST(render_ai_shot_picture)
{
	use_fakes();
	struct project *p = make_project(test_tmpdir());
	CHECK(p);
	char *aidir = project_path(p, "cache/ai"), *png = project_path(p, "cache/ai/shot-1-1-2.png");
	CHECK(mkdir_p(aidir) == 0);
	write_solid_png(png, 1, 0, 1);
	const char *manifest = "{\"1.1.2\": {\"image\": \"cache/ai/shot-1-1-2.png\"}}";
	char *mpath = project_path(p, "cache/ai/shots.json");
	CHECK(file_write_atomic(mpath, manifest, strlen(manifest)) == 0);
	struct stage_opts o = { .episode = 1 };
	CHECKF(render_stage(p, &o) == 0, "%s", err_msg());
	struct timeline tl;
	CHECK(timeline_build(p->s, &p->s->eps[0], 10, &tl) == 0);
	int rgb[3];
	/* shot 2 (the generated one) is magenta above the subtitles; shot 1 is not */
	const struct tl_shot *t = &tl.shots[1];
	CHECK(frame_pixel(test_tmpdir(), t->start + t->frames / 2, 54, 40, rgb) == 0);
	CHECKF(rgb[0] > 200 && rgb[1] < 60 && rgb[2] > 200, "shot 2 pixel %d,%d,%d, expected magenta", rgb[0], rgb[1], rgb[2]);
	t = &tl.shots[0];
	CHECK(frame_pixel(test_tmpdir(), t->start + t->frames / 2, 54, 40, rgb) == 0);
	CHECKF(!(rgb[0] > 200 && rgb[1] < 60 && rgb[2] > 200), "shot 1 is magenta too");
	/* its subtitle is still burned in (the cue band differs from the plain picture) */
	char *srt = read_file(test_tmpdir(), "ep01.srt", NULL);
	CHECK(srt && strstr(srt, "Who are you?"));
	free(srt);
	/* a new picture: that shot and the whip pan out of it are redrawn, nothing else */
	write_solid_png(png, 0, 1, 0);
	CHECKF(render_stage(p, &o) == 0, "%s", err_msg());
	struct render_stats st;
	render_last_stats(&st);
	CHECK_INT(st.segments_rendered, 2);
	t = &tl.shots[1];
	CHECK(frame_pixel(test_tmpdir(), t->start + t->frames / 2, 54, 40, rgb) == 0);
	CHECKF(rgb[1] > 200 && rgb[0] < 60, "shot 2 pixel %d,%d,%d after the new picture, expected green", rgb[0], rgb[1], rgb[2]);
	/* a broken picture fails the render and names the file */
	CHECK(file_write_atomic(png, "not a png", 9) == 0);
	CHECK(render_stage(p, &o) < 0);
	CHECK(strstr(err_msg(), "shot-1-1-2.png") != NULL);
	timeline_free(&tl);
	free(aidir); free(png); free(mpath);
	project_free(p);
	render_set_hooks(NULL);
}

/* A line with no speaker is the narrator's: its burned subtitle is italic in the
 * narration colour (so viewers tell voice-over from dialogue), dialogue stays white. */
TEST(render_subtitle_narration_style)
{
	struct rctx c = { 0 };
	CHECK(rstyle_load(&c.st) == 0);
	struct rsub d, n;
	CHECK(rsub_make(&c, "Three years ago, she lost everything.", 0, 1080, 1920, &d) == 0);
	CHECK(rsub_make(&c, "Three years ago, she lost everything.", 1, 1080, 1920, &n) == 0);
	/* the fill colour of the most opaque, brightest pixels of each picture */
	double blue[2] = { 0, 0 };
	const struct rsub *s2[2] = { &d, &n };
	for (int k = 0; k < 2; k++) {
		cairo_surface_flush(s2[k]->img);
		const uint8_t *px = cairo_image_surface_get_data(s2[k]->img);
		int w = cairo_image_surface_get_width(s2[k]->img), h = cairo_image_surface_get_height(s2[k]->img);
		int stride = cairo_image_surface_get_stride(s2[k]->img), best = -1;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				const uint8_t *q = px + (size_t)y * stride + x * 4;   /* BGRA premultiplied */
				if (q[3] == 255 && q[1] + q[2] > best) { best = q[1] + q[2]; blue[k] = q[0]; }
			}
		CHECKF(best > 400, "picture %d has no bright fill", k);
	}
	CHECKF(blue[0] > 240, "dialogue fill is not white (blue %.0f)", blue[0]);
	CHECKF(blue[1] < 220, "narration fill is not the warm narration colour (blue %.0f)", blue[1]);
	rsub_free(&d);
	rsub_free(&n);
}

/* Outputs made from unchanged inputs are kept: a second render (and one after the
 * storyboard is saved and loaded again unchanged, a no-op edit) neither mixes nor
 * assembles nor writes the sidecars; a changed line makes the MP4 and the subtitles
 * again; a deleted sidecar comes back while the MP4 is kept. The preview (mixed on a
 * thread beside the drawing) has its sound and is kept too. With the real mixer. */
TEST(render_unchanged_outputs_kept)
{
	struct render_hooks h = { &fake_art, NULL };
	render_set_hooks(&h);
	struct project *p = make_project(test_tmpdir());
	CHECK(p);
	struct stage_opts o = { .episode = 1 };
	struct render_stats st;
	CHECKF(render_stage(p, &o) == 0, "%s", err_msg());
	render_last_stats(&st);
	CHECK_INT(st.outputs_kept, 0);
	size_t n1 = 0, n2 = 0;
	char *a = read_file(test_tmpdir(), "ep01.mp4", &n1);
	CHECK(a != NULL);
	CHECK(render_stage(p, &o) == 0);
	render_last_stats(&st);
	CHECK_INT(st.outputs_kept, 1);
	/* a no-op edit: the storyboard saved and loaded again */
	char *sb = path_join(test_tmpdir(), "storyboard.json");
	struct series *s2 = NULL;
	CHECK(series_save(p->s, sb) == 0 && series_load(sb, &s2) == 0);
	series_free(p->s);
	p->s = s2;
	char *srt = path_join(test_tmpdir(), "ep01.srt");
	CHECK(remove(srt) == 0);
	CHECK(render_stage(p, &o) == 0);
	render_last_stats(&st);
	CHECK_INT(st.outputs_kept, 1);
	CHECK(file_exists(srt));                         /* the deleted sidecar is back */
	char *b = read_file(test_tmpdir(), "ep01.mp4", &n2);
	CHECK(b && n1 == n2 && !memcmp(a, b, n1));
	free(b);
	/* a changed line: sound, pictures, subtitles and contact sheet again; the cover (its
	 * speakers, places and titles are the same) is kept: the same file, not rewritten */
	struct stat cv0, ct0, cv1, ct1;
	char *cvp = path_join(test_tmpdir(), "ep01.cover.png"), *ctp = path_join(test_tmpdir(), "ep01.contact.png");
	CHECK(stat(cvp, &cv0) == 0 && stat(ctp, &ct0) == 0);
	struct line *ln = p->s->eps[0].scenes[0].shots[1].line;
	free(ln->text);
	ln->text = xstrdup("Who are YOU?");
	CHECK(render_stage(p, &o) == 0);
	render_last_stats(&st);
	CHECK_INT(st.outputs_kept, 0);
	CHECK_INT(st.segments_rendered, 2);
	CHECK(stat(cvp, &cv1) == 0 && stat(ctp, &ct1) == 0);
	CHECK(cv1.st_ino == cv0.st_ino);
	CHECK(ct1.st_ino != ct0.st_ino);
	/* a new speaker for that line: the cover's leads may change, so it is made again */
	free(ln->speaker);
	ln->speaker = xstrdup("Rui");
	CHECK(render_stage(p, &o) == 0);
	CHECK(stat(cvp, &cv0) == 0);
	CHECK(cv0.st_ino != cv1.st_ino);
	free(cvp);
	free(ctp);
	char *t = read_file(test_tmpdir(), "ep01.srt", NULL);
	CHECK(t && strstr(t, "Who are YOU?"));
	free(t);
	/* the preview mixes on a thread beside its drawing: the same sound in the MP4 */
	struct stage_opts pv = { .episode = 1, .preview = 1 };
	CHECKF(render_stage(p, &pv) == 0, "%s", err_msg());
	char *pmp4 = path_join(test_tmpdir(), "ep01.preview.mp4");
	struct enc_probe pr;
	CHECK(enc_probe_file(pmp4, &pr) == 0 && pr.has_audio && pr.width == 360);
	CHECK(render_stage(p, &pv) == 0);
	render_last_stats(&st);
	CHECK_INT(st.outputs_kept, 1);
	free(pmp4);
	free(a); free(sb); free(srt);
	project_free(p);
	render_set_hooks(NULL);
}

/* The sidecars (subtitles, cover, contact sheet) are made on a thread beside the mix and
 * its AAC: a sidecar that cannot be written fails the render with its own message, and
 * the next render (the obstacle gone) writes it and the record. */
TEST(render_sidecar_failure_fails)
{
	struct render_hooks h = { &fake_art, NULL };
	render_set_hooks(&h);
	struct project *p = make_project(test_tmpdir());
	CHECK(p);
	char *cover = path_join(test_tmpdir(), "ep01.cover.png"), *inside = path_join(cover, "x");
	CHECK(mkdir_p(cover) == 0 && file_write_atomic(inside, "x", 1) == 0);   /* a folder where the cover goes */
	struct stage_opts o = { .episode = 1 };
	CHECKF(render_stage(p, &o) < 0, "the render succeeded with a folder in the cover's place");
	CHECKF(strstr(err_msg(), "ep01.cover.png") != NULL, "message: %s", err_msg());
	CHECK(remove(inside) == 0 && remove(cover) == 0);
	CHECKF(render_stage(p, &o) == 0, "%s", err_msg());
	CHECK(file_exists(cover));
	char *rec = read_file(test_tmpdir(), "cache/shots/ep01.outputs", NULL);
	CHECKF(rec && strstr(rec, "ep01.mp4 ") && strstr(rec, "ep01.srt ") && strstr(rec, "ep01.cover.png ") &&
	       strstr(rec, "ep01.contact.png "), "record: %s", rec ? rec : "(none)");
	CHECK(!strncmp(rec, "ep01.mp4 ", 9));                     /* the MP4's line first, as before */
	free(rec);
	free(inside);
	free(cover);
	project_free(p);
	render_set_hooks(NULL);
}

/* Frames whose picture changed only in part (characters breathing, a mouth, a subtitle)
 * have only that part converted to YUV, the rest copied from the last frame's: the same
 * segments and MP4 bytes as converting every frame whole, full size and preview (the
 * zooming camera's room in BGRA in both: render_yuv_room_* is its own test). */
TEST(render_partial_yuv_same_bytes)
{
	for (int preview = 0; preview < 2; preview++) {
		char *d1 = path_join(test_tmpdir(), preview ? "wp" : "w"), *d2 = path_join(test_tmpdir(), preview ? "pp" : "p");
		struct project *p1 = make_project(d1), *p2 = make_project(d2);
		CHECK(p1 && p2);
		struct stage_opts o = { .episode = 1, .preview = preview };
		struct render_hooks h = { &fake_art, fake_mix, 1 };
		render_set_hooks(&h);
		CHECKF(render_stage(p1, &o) == 0, "%s", err_msg());
		struct render_stats st;
		render_last_stats(&st);
		CHECK(st.frames_part == 0);
		h.whole_yuv = 0;
		h.rgb_room = 1;
		render_set_hooks(&h);
		CHECKF(render_stage(p2, &o) == 0, "%s", err_msg());
		render_last_stats(&st);
		CHECKF(st.frames_part > 0 && st.frames_part < st.frames_drawn, "%lld of %lld frames converted in part",
		       (long long)st.frames_part, (long long)st.frames_drawn);
		const char *name = preview ? "ep01.preview.mp4" : "ep01.mp4";
		size_t n1, n2;
		char *a = read_file(d1, name, &n1), *b = read_file(d2, name, &n2);
		CHECK(a && b);
		CHECKF(n1 == n2 && !memcmp(a, b, n1), "%s differs: %zu vs %zu bytes", name, n1, n2);
		free(a); free(b);
		project_free(p1); project_free(p2);
		free(d1); free(d2);
	}
	render_set_hooks(NULL);
}

/* The frames of the push-in and the snap zoom have the room magnified straight into YUV
 * (rseg_draw_yuv): some frames go that way, and the episode's pictures are those of the
 * BGRA room within a few levels (decoded, PSNR of the two MP4s >= 40 dB in every frame). */
TEST(render_yuv_room_close_to_bgra_room)
{
	char *d1 = path_join(test_tmpdir(), "rgb"), *d2 = path_join(test_tmpdir(), "yuv");
	struct project *p1 = make_project(d1), *p2 = make_project(d2);
	CHECK(p1 && p2);
	struct stage_opts o = { .episode = 1 };
	struct render_hooks h = { &fake_art, fake_mix, 0, 0, 0, 1 };
	render_set_hooks(&h);
	CHECKF(render_stage(p1, &o) == 0, "%s", err_msg());
	struct render_stats st;
	render_last_stats(&st);
	CHECK(st.frames_yuv == 0);
	h.rgb_room = 0;
	render_set_hooks(&h);
	CHECKF(render_stage(p2, &o) == 0, "%s", err_msg());
	render_last_stats(&st);
	CHECKF(st.frames_yuv > 0 && st.frames_yuv < st.frames_drawn, "%lld of %lld frames with the room in YUV",
	       (long long)st.frames_yuv, (long long)st.frames_drawn);
	char *a = path_join(d1, "ep01.mp4"), *b = path_join(d2, "ep01.mp4");
	char *cmd = xasprintf("ffmpeg -v error -i %s -i %s -lavfi psnr=stats_file=- -f null - 2>/dev/null | awk "
	                      "'{for(i=1;i<=NF;i++) if($i ~ /^psnr_avg:/){split($i,v,\":\"); n++; if(v[2]!=\"inf\" && v[2]+0<40) low++}}"
	                      " END{print (n ? low+0 : -1)}'",
	                      a, b);
	FILE *f = popen(cmd, "r");
	int low = -1;
	CHECK(f && fscanf(f, "%d", &low) == 1);
	if (f) pclose(f);
	CHECKF(low == 0, "%d frames under 40 dB against the BGRA room's", low);
	free(cmd); free(a); free(b);
	project_free(p1); project_free(p2);
	free(d1); free(d2);
	render_set_hooks(NULL);
}

/* Small frames (the preview) are drawn by two lanes at once, each segment its own file:
 * the same segments and MP4 bytes as one lane drawing them all in order, and again the
 * same when a lane meets segments whose neighbours the other one drew (a rerun after one
 * segment went missing). */
TEST(render_two_lanes_same_bytes)
{
	char *d1 = path_join(test_tmpdir(), "one"), *d2 = path_join(test_tmpdir(), "two");
	struct project *p1 = make_project(d1), *p2 = make_project(d2);
	CHECK(p1 && p2);
	struct stage_opts o = { .episode = 1, .preview = 1 };
	struct render_hooks h = { &fake_art, fake_mix, 0, 1 };
	render_set_hooks(&h);
	CHECKF(render_stage(p1, &o) == 0, "%s", err_msg());
	struct render_stats st;
	render_last_stats(&st);
	CHECK_INT(st.lanes, 1);
	h.one_lane = 0;
	render_set_hooks(&h);
	CHECKF(render_stage(p2, &o) == 0, "%s", err_msg());
	render_last_stats(&st);
	CHECK_INT(st.lanes, 2);
	CHECK_INT(st.segments_rendered, 7);
	size_t n1, n2;
	char *a = read_file(d1, "ep01.preview.mp4", &n1), *b = read_file(d2, "ep01.preview.mp4", &n2);
	CHECK(a && b);
	CHECKF(n1 == n2 && !memcmp(a, b, n1), "ep01.preview.mp4 differs: %zu vs %zu bytes", n1, n2);
	free(b);
	/* shots 1, 3, 4 and the end card drawn again: each fades in from the picture before,
	 * which a lane has drawn itself just before (4 after 3), or not at all (1, 3), or
	 * longer ago (the end card after 4: the last frame of shot 5 is drawn anew) */
	char *list = read_file(d2, "cache/shots/ep01.preview.list", NULL);
	CHECK(list);
	char *l = list;
	for (int k = 0; k < 7 && l; k++) {
		char *e = strchr(l, '\n');
		if (e) *e = 0;
		if (k == 1 || k == 3 || k == 4 || k == 6) {
			char *rel = xasprintf("cache/shots/%s.mp4", l), *path = path_join(d2, rel);
			CHECK(remove(path) == 0);
			free(rel);
			free(path);
		}
		l = e ? e + 1 : NULL;
	}
	free(list);
	char *mp4 = path_join(d2, "ep01.preview.mp4");
	remove(mp4);
	CHECKF(render_stage(p2, &o) == 0, "%s", err_msg());
	render_last_stats(&st);
	CHECK_INT(st.segments_rendered, 4);
	CHECK_INT(st.lanes, 2);
	b = read_file(d2, "ep01.preview.mp4", &n2);
	CHECKF(b && n1 == n2 && !memcmp(a, b, n1), "after the rerun ep01.preview.mp4 differs: %zu vs %zu bytes", n1, n2);
	free(a); free(b); free(mp4);
	project_free(p1); project_free(p2);
	free(d1); free(d2);
	render_set_hooks(NULL);
}
