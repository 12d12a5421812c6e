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
#include "core/wav.h"
#include "clip_double.h"

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

/* small_project at 108x192, 10 fps, with Xia's close-up (4.5 s) speaking a line. */
static struct project *spoken_project(const char *sub)
{
	struct project *p = small_project(sub);
	p->set.width = LW;
	p->set.height = LH;
	p->set.fps = 10;
	strcpy(p->set.preset, "ultrafast");
	struct shot *sh = &p->s->eps[0].scenes[0].shots[0];
	sh->duration = 4.5;
	struct line *ln = shot_set_line(sh);
	ln->speaker = xstrdup("Xia");
	ln->text = xstrdup("Who are you, and what do you want from my shop?");
	return p;
}

TEST(comfy_lip_1_spoken_ai_still_moves_its_mouth)
{
	struct fake f;
	struct comfy_state st = { 0 };
	CHECK(fake_start(&f, h_comfy, &st) == 0);
	struct ai_config c;
	comfy_cfg(&c, &f);
	struct project *p = spoken_project("lip");
	struct line *ln = p->s->eps[0].scenes[0].shots[0].line;
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

static uint32_t px_red(int i, int x, int y, void *ud) { return 0xff0000; }

/* The node a link ["id", 0] of node `from`'s input points at, or NULL. */
static const json_t *linked(const json_t *wf, const char *from, const char *input)
{
	const json_t *l = json_object_get(json_object_get(json_object_get(wf, from), "inputs"), input);
	return json_is_array(l) ? json_object_get(wf, json_string_value(json_array_get(l, 0))) : NULL;
}

static const char *class_of(const json_t *node) { return json_string_value(json_object_get(node, "class_type")); }

/* With comfyui.lipsync a spoken shot gets a Wan 2.2 speech-to-video clip: the line's voice
 * (silence first, so it starts where the line starts in the shot) uploaded as a WAV and
 * read by LoadAudio -> AudioEncoderEncode -> WanSoundImageToVideo with the shot picture
 * as ref_image; the renderer shows that clip. Before the line is voiced no such prompt
 * is sent. */
TEST(comfy_lip_2_speech_to_video_clip_from_the_line_audio)
{
	struct fake f;
	struct comfy_state st = { 0 };
	char *wpath = xasprintf("%s/red.webm", test_tmpdir());
	CHECK(clip_double_write(wpath, 48, 84, 16, 60, px_red, NULL) == 0);
	CHECK(file_read_all(wpath, &st.clips[0].s, &st.clips[0].len) == 0);
	free(wpath);
	CHECK(fake_start(&f, h_comfy, &st) == 0);
	struct ai_config c;
	comfy_cfg(&c, &f);
	CHECK(ai_config_set(&c, "comfyui.lipsync", "true") == 0);
	struct project *p = spoken_project("s2v");
	struct line *ln = p->s->eps[0].scenes[0].shots[0].line;
	ai_art_bind(NULL, &c);
	struct stage_opts o = { 0 };
	/* not voiced yet: pictures only */
	CHECKF(art_comfyui.design(p, &o) == 0, "%s", err_msg());
	int before = st.prompts, s2v_before = st.videos;
	CHECK_INT(s2v_before, 0);
	/* voiced, designed again: the pictures come from the cache, the clip is asked for */
	struct stage_opts vo = { .episode = 1 };
	CHECKF(voice_stage(p, &vo) == 0, "%s", err_msg());
	CHECKF(art_comfyui.design(p, &o) == 0, "%s", err_msg());
	CHECK_INT(st.prompts, before + 1);
	CHECK_INT(st.audio_uploads, 1);
	const json_t *wf = NULL;
	for (int k = 0; k < st.prompts && !wf; k++) {
		const json_t *w = json_object_get(nth_prompt(&f, k), "prompt");
		if (str_eq(class_of(json_object_get(w, "55")), "WanSoundImageToVideo")) wf = w;
	}
	CHECK(wf);
	const json_t *enc = linked(wf, "55", "audio_encoder_output"), *img = linked(wf, "55", "ref_image");
	CHECKF(str_eq(class_of(enc), "AudioEncoderEncode") && str_eq(class_of(linked(wf, "57", "audio_encoder")), "AudioEncoderLoader") &&
	       str_eq(class_of(linked(wf, "57", "audio")), "LoadAudio") && str_eq(class_of(img), "LoadImage"), "graph");
	const char *aname = json_string_value(json_object_get(json_object_get(json_object_get(wf, "58"), "inputs"), "audio"));
	CHECKF(aname && !strcmp(aname, st.audio_name) && str_has_suffix(aname, ".wav"), "LoadAudio reads %s, uploaded %s", aname ? aname : "-", st.audio_name);
	CHECK(str_eq(class_of(json_object_get(wf, "28")), "SaveWEBM"));
	/* the WAV: the line's voice after the silence before the line in the shot */
	struct timeline tl;
	CHECK(timeline_build(p->s, &p->s->eps[0], 10, &tl) == 0);
	int64_t a = tl.shots[0].start, lead = tl.shots[0].line_start - a, b = a + tl.shots[0].frames;
	timeline_free(&tl);
	int16_t *pcm = NULL, *line = NULL;
	size_t n = 0, nl = 0;
	int rate = 0, ch = 0, rl = 0, cl = 0;
	char *up = path_join(p->dir, "cache/ai/line_1.1.1.wav"), *lp = path_join(p->dir, ln->audio);
	CHECK(wav_read(up, &pcm, &n, &rate, &ch) == 0 && wav_read(lp, &line, &nl, &rl, &cl) == 0);
	CHECK(rate == rl && ch == cl);
	size_t pad = (size_t)(lead * rate / 10);
	CHECKF(lead > 0 && n == pad + nl, "%zu frames, expected %zu silence + %zu line", n, pad, nl);
	CHECK(memcmp(pcm + pad * (size_t)ch, line, nl * (size_t)ch * sizeof *line) == 0);
	CHECKF(st.audio_len == 36 + n * (size_t)ch * 2, "uploaded RIFF size %zu", st.audio_len);
	json_int_t len = json_integer_value(json_object_get(json_object_get(json_object_get(wf, "55"), "inputs"), "length"));
	CHECKF(len % 4 == 1 && llabs(len - (json_int_t)((double)n / rate * 16 + 0.4 * 16)) <= 4, "length %lld for %.2f s", (long long)len, (double)n / rate);
	free(pcm); free(line); free(up); free(lp);
	/* the renderer shows the clip (red) through the shot */
	ai_art_bind(p->dir, &c);
	struct render_hooks hk = { &art_comfyui, comfy_silent_mix };
	render_set_hooks(&hk);
	int rc = render_stage(p, &vo);
	render_set_hooks(NULL);
	ai_art_bind(NULL, NULL);
	CHECKF(rc == 0, "%s", err_msg());
	uint32_t *fr = episode_frames(p->dir, a + 10, a + 11);
	CHECK(fr);
	uint32_t px = fr[40 * LW + 54];
	free(fr);
	CHECKF((px >> 16 & 255) > 200 && (px >> 8 & 255) < 60, "shot pixel %06x, expected the red clip", px);
	(void)b;
	project_free(p);
	ai_config_free(&c);
	fake_stop(&f);
	sb_free(&st.clips[0]);
}
