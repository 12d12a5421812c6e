/* tests/test_comfy_lip.c — lip-sync on AI shots. A spoken shot whose picture comes from
 * ComfyUI (the stand-in server) gets the speaker's mouth moving over the face the art
 * stage located: the mouth region differs across the frames of the line and is still
 * outside it. */
#define _GNU_SOURCE
#include "test.h"
#include "comfy_double.h"
#include "art/art.h"
#include "voice/voice.h"
#include "render/clip.h"
#include "render/render.h"
#include "core/timeline.h"

#include <cairo.h>
#include <stdlib.h>
#include <string.h>

#define LW 108
#define LH 192

/* The pictures of frames a..b-1 of the episode, as 0xRRGGBB, one LW*LH block each. */
static uint32_t *episode_frames(const char *dir, int64_t a, int64_t b)
{
	char *mp4 = xasprintf("%s/ep01.mp4", dir);
	struct rclip *k = NULL;
	uint32_t *out = xcalloc((size_t)(b - a) * LW * LH, sizeof *out);
	int ok = rclip_open(mp4, LW, LH, NULL, &k) == 0;
	for (int64_t n = a; ok && n < b; n++) {
		cairo_surface_t *img;
		int ch;
		if (rclip_picture(k, (n + 0.5) / 10.0, &img, &ch) < 0) { ok = 0; break; }
		cairo_surface_flush(img);
		for (int y = 0; y < LH; y++)
			for (int x = 0; x < LW; x++)
				out[(size_t)(n - a) * LW * LH + (size_t)y * LW + x] =
				    *(uint32_t *)(cairo_image_surface_get_data(img) + (size_t)y * cairo_image_surface_get_stride(img) + 4 * x) & 0xffffff;
	}
	rclip_free(k);
	free(mp4);
	if (!ok) { free(out); return NULL; }
	return out;
}

/* Pixels of the upper 60% (above the subtitles) that differ by more than the encoder's
 * noise between two frames; their bounding box in box (x0 y0 x1 y1). */
static int differ(const uint32_t *p, const uint32_t *q, int box[4])
{
	int n = 0;
	box[0] = box[1] = 1 << 20;
	box[2] = box[3] = -1;
	for (int y = 0; y < LH * 6 / 10; y++)
		for (int x = 0; x < LW; x++) {
			uint32_t a = p[y * LW + x], b = q[y * LW + x];
			int d = 0;
			for (int s = 0; s < 24; s += 8) d += abs((int)(a >> s & 255) - (int)(b >> s & 255));
			if (d > 60) {
				n++;
				if (x < box[0]) box[0] = x;
				if (y < box[1]) box[1] = y;
				if (x > box[2]) box[2] = x;
				if (y > box[3]) box[3] = y;
			}
		}
	return n;
}

TEST(comfy_lip_1_spoken_ai_still_moves_its_mouth)
{
	struct fake f;
	struct comfy_state st = { 0 };
	CHECK(fake_start(&f, h_comfy, &st) == 0);
	struct ai_config c;
	comfy_cfg(&c, &f);
	struct project *p = small_project("lip");
	p->set.width = LW;
	p->set.height = LH;
	p->set.fps = 10;
	strcpy(p->set.preset, "ultrafast");
	struct shot *sh = &p->s->eps[0].scenes[0].shots[0];
	sh->duration = 4.5;
	struct line *ln = shot_set_line(sh);
	ln->speaker = xstrdup("Xia");
	ln->text = xstrdup("Who are you, and what do you want from my shop?");
	ai_art_bind(NULL, &c);
	struct stage_opts o = { 0 };
	int rc = art_comfyui.design(p, &o);
	CHECKF(rc == 0, "%s", err_msg());
	/* the art stage recorded where Xia's face is */
	struct art_face fc[4];
	int nf = art_shot_faces(p->dir, p->s, 0, 0, 0, 0.5, fc, 4);
	CHECK_INT(nf, 1);
	CHECKF(!strcmp(fc[0].name, "Xia") && fc[0].mouth_x > 0.4 && fc[0].mouth_x < 0.6, "%s %.2f", fc[0].name, fc[0].mouth_x);
	char *man = NULL;
	char *mp = path_join(p->dir, "cache/ai/shots.json");
	CHECK(file_read_all(mp, &man, NULL) == 0 && strstr(man, "\"faces\""));
	free(man); free(mp);
	/* the line is voiced by the embedded voice, then the episode rendered */
	struct stage_opts vo = { .episode = 1 };
	CHECKF(voice_stage(p, &vo) == 0, "%s", err_msg());
	CHECK(ln->audio != NULL);
	ai_art_bind(p->dir, &c);
	struct render_hooks hk = { &art_comfyui, comfy_silent_mix };
	render_set_hooks(&hk);
	rc = render_stage(p, &vo);
	render_set_hooks(NULL);
	ai_art_bind(NULL, NULL);
	CHECKF(rc == 0, "%s", err_msg());
	struct timeline tl;
	CHECK(timeline_build(p->s, &p->s->eps[0], 10, &tl) == 0);
	const struct tl_shot *t = &tl.shots[0];
	int64_t a = t->start, b = t->start + t->frames, ls = t->line_start, le = t->line_end;
	timeline_free(&tl);
	CHECKF(ls > a && le < b - 3, "line %lld..%lld in shot %lld..%lld", (long long)ls, (long long)le, (long long)a, (long long)b);
	uint32_t *fr = episode_frames(p->dir, a, b);
	CHECK(fr);
	/* within the line (after the crossfade out of the title card): the picture changes
	 * (the mouth), and only around the mouth */
	size_t px = (size_t)LW * LH;
	int changes = 0, far = 0, box[4];
	for (int64_t n = (ls > a + 8 ? ls : a + 8) + 1; n < le; n++)
		if (differ(fr + (size_t)(n - 1 - a) * px, fr + (size_t)(n - a) * px, box) > 0) {
			changes++;
			far += box[0] < LW / 4 || box[2] > LW * 3 / 4 || box[1] < LH / 8 || box[3] > LH * 6 / 10;
		}
	/* after the line: a still picture */
	int after = 0;
	for (int64_t n = le + 1; n < b - 1; n++) after += differ(fr + (size_t)(n - 1 - a) * px, fr + (size_t)(n - a) * px, box) > 0;
	/* a rest frame and the widest-open frame of the line differ by a mouth-sized patch */
	int most = 0;
	for (int64_t n = ls > a + 8 ? ls : a + 8; n < le; n++) {
		int d = differ(fr + (size_t)(le + 1 - a) * px, fr + (size_t)(n - a) * px, box);
		if (d > most) most = d;
	}
	free(fr);
	CHECKF(changes >= 4, "the mouth changed %d times in %lld frames of the line", changes, (long long)(le - ls));
	CHECKF(far == 0, "%d changes reached outside the face", far);
	CHECKF(after == 0, "%d frames changed after the line", after);
	CHECKF(most > 4 && most < LW * LH / 20, "largest mouth difference %d pixels", most);
	project_free(p);
	ai_config_free(&c);
	fake_stop(&f);
}
