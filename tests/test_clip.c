/* tests/test_clip.c — the focus of this file is the clip reader (src/render/clip.c) that
 * puts generated video clips on the timeline: the picture for shot time t (trimmed
 * when the clip is longer than the shot, the last frame held when shorter, reopened
 * when asked for an earlier time), scale-to-fill with the overflow cropped, the
 * formats ComfyUI's save nodes write (SaveWEBM's VP9 WebM, SaveVideo's MP4, GIF), the
 * subtitle drawn over the clip, and clear messages naming the file for broken,
 * missing and animated-WebP clips. The clips are written in the tests with libavcodec
 * (tests/clip_double.c). The pipeline with a ComfyUI double is in test_comfy.c. */
#include "test.h"
#include "clip_double.h"
#include "render/clip.h"

#include <stdlib.h>
#include <string.h>

/* one saturated colour per frame, cycling through 7 */
static const uint32_t PAL[7] = { 0xff0000, 0x00ff00, 0x0000ff, 0xffff00, 0xff00ff, 0x00ffff, 0xffffff };
static uint32_t px_cycle(int i, int x, int y, void *ud) { return PAL[i % 7]; }

/* thirds: red | green | blue */
static uint32_t px_thirds(int i, int x, int y, void *ud)
{
	int w = *(int *)ud;
	return x < w / 3 ? 0xff0000 : x < 2 * w / 3 ? 0x00ff00 : 0x0000ff;
}

/* colour at (x, y) of a cairo RGB24/ARGB32 surface is near c (each channel within tol) */
static int near(cairo_surface_t *s, int x, int y, uint32_t c, int tol, uint32_t *got)
{
	cairo_surface_flush(s);
	const uint8_t *d = cairo_image_surface_get_data(s);
	uint32_t v = *(const uint32_t *)(d + (size_t)y * cairo_image_surface_get_stride(s) + 4 * (size_t)x) & 0xffffff;
	*got = v;
	for (int sh = 0; sh < 24; sh += 8) {
		int a = (int)(v >> sh & 255), b = (int)(c >> sh & 255);
		if (abs(a - b) > tol) return 0;
	}
	return 1;
}

static char *tmp(const char *name) { return xasprintf("%s/%s", test_tmpdir(), name); }

TEST(clip_1_frame_for_time_trim_and_hold)
{
	char *path = tmp("a.webm");
	CHECK(clip_double_write(path, 48, 80, 16, 10, px_cycle, NULL) == 0);     /* 10 frames: 0.625 s */
	struct rclip *k = NULL;
	CHECKF(rclip_open(path, 30, 50, NULL, &k) == 0, "%s", err_msg());
	static const struct { double t; int frame, changed; } T[] = {
		{ -0.5, 0, 1 },      /* before the start: the first picture */
		{ 0.0, 0, 0 },
		{ 0.06, 0, 0 },      /* 0.06 s < 1/16: still frame 0 */
		{ 0.0625, 1, 1 },    /* exactly frame 1's time */
		{ 0.2, 3, 1 },       /* frames skipped: 0.2 * 16 = 3.2 */
		{ 0.2, 3, 0 },
		{ 0.55, 8, 1 },      /* a shot that ends here: the clip is trimmed */
		{ 0.6, 9, 1 },       /* the last picture */
		{ 2.0, 9, 0 },       /* past the end: held */
		{ 30.0, 9, 0 },
		{ 0.13, 2, 1 },      /* back in time: reopened */
	};
	for (size_t i = 0; i < ARRAY_LEN(T); i++) {
		cairo_surface_t *img = NULL;
		int changed = -1;
		uint32_t got;
		int rc = rclip_picture(k, T[i].t, &img, &changed);
		CHECKF(rc == 0 && img, "t=%g: %s", T[i].t, err_msg());
		CHECK_INT(cairo_image_surface_get_width(img), 30);
		CHECK_INT(cairo_image_surface_get_height(img), 50);
		CHECKF(near(img, 15, 25, PAL[T[i].frame % 7], 24, &got), "t=%g: %06x, expected frame %d (%06x)", T[i].t, got,
		       T[i].frame, PAL[T[i].frame % 7]);
		CHECKF(near(img, 0, 0, PAL[T[i].frame % 7], 40, &got) && near(img, 29, 49, PAL[T[i].frame % 7], 40, &got),
		       "t=%g: corner %06x", T[i].t, got);
		CHECKF(changed == T[i].changed, "t=%g: changed %d", T[i].t, changed);
	}
	double d = rclip_duration(k);
	rclip_free(k);
	free(path);
	CHECKF(d > 0.62 && d < 0.63, "duration %g", d);
}

TEST(clip_2_fill_crops_to_the_aspect)
{
	/* a landscape 160x90 clip in a portrait 45x80 frame: scaled to the height, only the
	 * middle third (green) is left */
	int w = 160;
	char *path = tmp("wide.webm");
	CHECK(clip_double_write(path, w, 90, 16, 2, px_thirds, &w) == 0);
	struct rclip *k = NULL;
	CHECKF(rclip_open(path, 45, 80, NULL, &k) == 0, "%s", err_msg());
	cairo_surface_t *img;
	int ch;
	uint32_t got;
	CHECK(rclip_picture(k, 0, &img, &ch) == 0);
	for (int x = 0; x < 45; x += 44)
		CHECKF(near(img, x, 40, 0x00ff00, 40, &got), "x=%d: %06x, expected the middle (green)", x, got);
	rclip_free(k);
	/* the same clip in a landscape frame wider than it: all three thirds show */
	CHECK(rclip_open(path, 320, 90, NULL, &k) == 0);
	CHECK(rclip_picture(k, 0, &img, &ch) == 0);
	int ok = near(img, 20, 45, 0xff0000, 40, &got) && near(img, 160, 45, 0x00ff00, 40, &got) &&
	         near(img, 300, 45, 0x0000ff, 40, &got);
	rclip_free(k);
	free(path);
	CHECKF(ok, "%06x", got);
}

TEST(clip_3_formats_of_the_save_nodes)
{
	static const char *names[] = { "c.mp4", "c.gif", "c.webm" };
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *path = tmp(names[i]);
		CHECKF(clip_double_write(path, 32, 32, 8, 5, px_cycle, NULL) == 0, "%s", names[i]);
		struct rclip *k = NULL;
		CHECKF(rclip_open(path, 16, 16, NULL, &k) == 0, "%s: %s", names[i], err_msg());
		cairo_surface_t *img;
		int ch;
		uint32_t got0 = 0, got4 = 0;
		int ok0 = rclip_picture(k, 0.01, &img, &ch) == 0 && near(img, 8, 8, PAL[0], 40, &got0);
		int ok4 = rclip_picture(k, 0.51, &img, &ch) == 0 && near(img, 8, 8, PAL[4], 40, &got4);
		rclip_free(k);
		free(path);
		CHECKF(ok0 && ok4, "%s: frame 0 %06x, frame 4 %06x", names[i], got0, got4);
	}
}

TEST(clip_4_subtitle_over_the_clip)
{
	char *path = tmp("s.webm");
	CHECK(clip_double_write(path, 40, 40, 10, 3, px_cycle, NULL) == 0);
	struct rclip *k = NULL;
	CHECK(rclip_open(path, 40, 40, NULL, &k) == 0);
	struct rsub sub = { cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 20, 6), 10, 30 };
	cairo_t *cr = cairo_create(sub.img);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_t *dst = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 40, 40);
	int same[5];
	uint32_t g[5][2];
	int ok[5];
	/* frame 0 with the subtitle; again (same); without it (redrawn); frame 1; frame 1 again */
	static const struct { double t; int sub; } T[] = { { 0, 1 }, { 0.05, 1 }, { 0.05, 0 }, { 0.1, 0 }, { 0.15, 0 } };
	for (int i = 0; i < 5; i++) {
		CHECK(rclip_draw(k, T[i].t, T[i].sub ? &sub : NULL, dst, &same[i]) == 0);
		int f = T[i].t >= 0.1 ? 1 : 0;
		ok[i] = near(dst, 20, 10, PAL[f], 40, &g[i][0]) && near(dst, 20, 32, T[i].sub ? 0 : PAL[f], 40, &g[i][1]);
	}
	cairo_surface_destroy(dst);
	cairo_surface_destroy(sub.img);
	rclip_free(k);
	free(path);
	for (int i = 0; i < 5; i++) CHECKF(ok[i], "call %d: %06x %06x", i, g[i][0], g[i][1]);
	CHECK(!same[0] && same[1] && !same[2] && !same[3] && same[4]);
}

TEST(clip_5_broken_clips_name_the_file)
{
	char *bad = tmp("broken.webm"), *anim = tmp("anim.webp"), *gone = tmp("gone.mp4");
	CHECK(file_write_atomic(bad, "this is not a video at all", 26) == 0);
	static const char webp[] = "RIFF\x40\0\0\0WEBPVP8X\x0a\0\0\0\x02\0\0\0\x1f\0\0\x1f\0\0ANIM\x06\0\0\0\0\0\0\0\0\0";
	CHECK(file_write_atomic(anim, webp, sizeof webp - 1) == 0);
	struct rclip *k = (struct rclip *)1;
	int rc = rclip_open(bad, 20, 20, "1.2.3", &k);
	char m1[600];
	snprintf(m1, sizeof m1, "%s", err_msg());
	CHECK(rc < 0 && k == NULL);
	CHECKF(strstr(m1, bad) && strstr(m1, "cannot read the generated shot clip") && strstr(m1, "shot 1.2.3 in cache/ai/shots.json") &&
	       strstr(m1, "drama design DIR --shot 1.2.3 --again"), "%s", m1);
	CHECK(rclip_open(anim, 20, 20, NULL, &k) < 0);
	CHECKF(strstr(err_msg(), anim) && strstr(err_msg(), "animated WebP") && strstr(err_msg(), "SaveWEBM"), "%s", err_msg());
	CHECK(rclip_open(gone, 20, 20, NULL, &k) < 0);
	CHECKF(strstr(err_msg(), gone) && strstr(err_msg(), "missing"), "%s", err_msg());
	/* a clip cut short (a download that stopped): its pictures up to the cut, or a clear error */
	char *cut = tmp("cut.webm");
	CHECK(clip_double_write(cut, 48, 48, 16, 16, px_cycle, NULL) == 0);
	char *data = NULL;
	size_t n = 0;
	CHECK(file_read_all(cut, &data, &n) == 0);
	CHECK(file_write_atomic(cut, data, n / 2) == 0);
	free(data);
	rc = rclip_open(cut, 20, 20, NULL, &k);
	cairo_surface_t *img;
	int ch;
	if (rc == 0) {
		rc = rclip_picture(k, 5.0, &img, &ch);
		rclip_free(k);
	}
	CHECKF(rc == 0 || strstr(err_msg(), cut), "%s", err_msg());
	free(bad); free(anim); free(gone); free(cut);
}
