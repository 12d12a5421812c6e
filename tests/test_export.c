/* tests/test_export.c — the focus of this file is `drama export`: the editor timelines of
 * a rendered episode, read back by a real client where Debian has one, from a folder that
 * stands alone (moved, the project's cache cleaned). export-1: melt (MLT's own player)
 * renders our .mlt to an MP4 as long as the episode, to the frame, at our loudness within
 * 1 LU; the .fcpxml, .mlt and .kdenlive are well-formed XML (xmllint); the .otio (no OTIO
 * client on Debian; PyPI is out of reach) is checked structurally here: schemas, every
 * clip's file exists, source ranges inside available ranges, each track as long as the
 * episode; the Jianying / CapCut draft by test_export_draft.c's checker. export-2: bad
 * input (before a render; an unknown format) gets one line naming what to do. Shotcut and
 * Kdenlive opening the projects: test_export_editors.c. */
#include "test.h"
#include "test_export.h"
#include "drama_run.h"
#include "core/util.h"

#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static double rt_value(json_t *rt, int fps, int *ok)
{
	const char *sc = json_string_value(json_object_get(rt, "OTIO_SCHEMA"));
	double rate = json_number_value(json_object_get(rt, "rate"));
	if (!sc || strcmp(sc, "RationalTime.1") || rate != fps || !json_is_number(json_object_get(rt, "value"))) *ok = 0;
	return json_number_value(json_object_get(rt, "value"));
}

/* Whole-frame start and duration of a TimeRange.1; *ok = 0 when it is malformed. */
static void range_of(json_t *r, int fps, double *start, double *dur, int *ok)
{
	const char *sc = json_string_value(json_object_get(r, "OTIO_SCHEMA"));
	if (!sc || strcmp(sc, "TimeRange.1")) *ok = 0;
	*start = rt_value(json_object_get(r, "start_time"), fps, ok);
	*dur = rt_value(json_object_get(r, "duration"), fps, ok);
	if (*dur < 0 || *start < 0 || floor(*dur) != *dur) *ok = 0;
}

/* The OTIO structure: returns NULL when good, else what is wrong (static text). */
static const char *otio_check(json_t *tl, const char *dir, int fps, double frames, int *n_clips)
{
	int ok = 1;
	if (!json_is_string(json_object_get(tl, "OTIO_SCHEMA")) ||
	    strcmp(json_string_value(json_object_get(tl, "OTIO_SCHEMA")), "Timeline.1"))
		return "not a Timeline.1";
	json_t *stack = json_object_get(tl, "tracks");
	if (!json_is_string(json_object_get(stack, "OTIO_SCHEMA")) ||
	    strcmp(json_string_value(json_object_get(stack, "OTIO_SCHEMA")), "Stack.1"))
		return "tracks is not a Stack.1";
	json_t *tracks = json_object_get(stack, "children"), *t;
	size_t i, video = 0, audio = 0;
	json_array_foreach(tracks, i, t) {
		const char *kind = json_string_value(json_object_get(t, "kind"));
		if (strcmp(json_string_value(json_object_get(t, "OTIO_SCHEMA")), "Track.1")) return "a track is not Track.1";
		if (kind && !strcmp(kind, "Video")) video++;
		else if (kind && !strcmp(kind, "Audio")) audio++;
		else return "a track's kind is neither Video nor Audio";
		double at = 0;
		size_t k;
		json_t *c;
		double handle_needed = 0, prev_end = 0, prev_avail = 0;   /* a transition after the cut plays the outgoing clip on */
		json_array_foreach(json_object_get(t, "children"), k, c) {
			const char *sc = json_string_value(json_object_get(c, "OTIO_SCHEMA"));
			double s, d;
			if (sc && !strcmp(sc, "Transition.1")) {   /* takes no time of its own */
				double in_off = rt_value(json_object_get(c, "in_offset"), fps, &ok);
				handle_needed = rt_value(json_object_get(c, "out_offset"), fps, &ok);
				if (!ok || in_off != 0 || handle_needed <= 0) return "a bad transition";
				if (prev_end + handle_needed > prev_avail) return "a transition longer than the outgoing clip's handle";
				continue;
			}
			range_of(json_object_get(c, "source_range"), fps, &s, &d, &ok);
			if (!ok) return "a bad source_range";
			at += d;
			if (sc && !strcmp(sc, "Gap.1")) continue;
			if (!sc || strcmp(sc, "Clip.2")) return "a child is neither Clip.2 nor Gap.1";
			const char *key = json_string_value(json_object_get(c, "active_media_reference_key"));
			json_t *ref = json_object_get(json_object_get(c, "media_references"), key ? key : "");
			if (strcmp(json_string_value(json_object_get(ref, "OTIO_SCHEMA")), "ExternalReference.1"))
				return "a clip without an ExternalReference.1";
			char *path = path_join(dir, json_string_value(json_object_get(ref, "target_url")));
			int there = file_exists(path);
			free(path);
			if (!there) return "a clip's target_url is not a file beside the .otio";
			double as, ad;
			range_of(json_object_get(ref, "available_range"), fps, &as, &ad, &ok);
			if (!ok || s < as || s + d > as + ad) return "a source_range outside its media's available_range";
			prev_end = s + d;
			prev_avail = as + ad;
			(*n_clips)++;
		}
		if (!strcmp(kind, "Video") && at != frames) return "the video track is not as long as the episode";
		if (at > frames) return "a track is longer than the episode";
	}
	return video == 1 && audio >= 2 ? NULL : "not one video and two or more audio tracks";
}

static double probe_num(const char *what, const char *file)
{
	char *out = NULL;
	shell_run(&out, "ffprobe -v error %s -of csv=p=0 '%s'", what, file);
	double v = out ? atof(out) : -1;
	free(out);
	return v;
}

/* PSNR (dB; 99 when identical) of a against b within the horizontal band from y (fraction
 * of the height) h high, frame by frame: the worst frame's, and (if sampled != NULL) the
 * worst of 20 frames spread evenly over the episode; -1 when it could not be measured. */
static double band_psnr_sampled(const char *a, const char *b, const char *y, const char *h, double *sampled)
{
	char *out = NULL;
	int st = shell_run(&out, "ffmpeg -nostats -hide_banner -i '%s' -i '%s' -lavfi '[0:v]crop=iw:trunc(ih*%s/2)*2:0:trunc(ih*%s)"
	                         "[a];[1:v]crop=iw:trunc(ih*%s/2)*2:0:trunc(ih*%s)[b];[a][b]psnr=stats_file=-' -f null - 2>/dev/null | "
	                         "sed -n 's/.*psnr_avg:\\([0-9.inf]*\\).*/\\1/p'", a, b, h, y, h, y);
	double worst = -1, *v = NULL;
	size_t n = 0, cap = 0;
	for (char *s = st == 0 ? out : NULL, *save = NULL, *ln = s ? strtok_r(s, "\n", &save) : NULL; ln;
	     ln = strtok_r(NULL, "\n", &save)) {
		xgrow((void **)&v, &cap, n + 1, sizeof *v);
		v[n++] = strstr(ln, "inf") ? 99 : atof(ln);
	}
	for (size_t i = 0; i < n; i++) worst = i == 0 || v[i] < worst ? v[i] : worst;
	if (sampled) {
		*sampled = n ? 99 : -1;
		for (int k = 0; k < 20 && n; k++) {
			double x = v[(size_t)k * (n - 1) / 19];
			if (x < *sampled) *sampled = x;
		}
	}
	free(v);
	free(out);
	return worst;
}
#define band_psnr(a, b, y, h) band_psnr_sampled(a, b, y, h, NULL)

/* A figure of the summary of ffmpeg's ebur128 (with true peak) for a file's audio: key "I"
 * the integrated loudness (LUFS), "Peak" the true peak (dBFS); -99 if unmeasured. */
static double ebur(const char *file, const char *key)
{
	char *out = NULL;
	int st = shell_run(&out, "ffmpeg -nostats -hide_banner -i '%s' -af ebur128=peak=true -f null - 2>&1 | "
	                         "sed -n '/Summary/,$s/^ *%s: *\\(-*[0-9.]*\\) .*/\\1/p' | tail -1", file, key);
	double v = st == 0 && out && *out ? atof(out) : -99;
	free(out);
	return v;
}
#define loudness(file) ebur(file, "I")
#define true_peak(file) ebur(file, "Peak")

/* the one entry of folder dir (the draft folder); caller frees */
static char *only_entry(const char *dir)
{
	DIR *d = opendir(dir);
	char *name = NULL;
	for (struct dirent *de; d && (de = readdir(d));)
		if (de->d_name[0] != '.') {
			free(name);
			name = path_join(dir, de->d_name);
		}
	if (d) closedir(d);
	return name;
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *s = hay ? strstr(hay, needle) : NULL; s; s = strstr(s + 1, needle)) n++;
	return n;
}

/* export-1: one rendered episode, every format, the folder moved and the project's cache
 * cleaned before each is read back */
TEST(export_formats_read_back)
{
	char *out = NULL;
	int st = drama_run(&out, "make 'ancient time-travel, milk tea shop, prince' -o ep --size 216x384 --fps 10 --minutes 0.5");
	if (st) fprintf(stderr, "%s\n", out);
	free(out);
	CHECK(st == 0);
	st = drama_run(&out, "export ep -o out");
	CHECKF(st == 0 && strstr(out, "out/ep01/ep01.mlt") && strstr(out, "out/ep01/ep01.otio") &&
	       strstr(out, "out/ep01/ep01.fcpxml") && strstr(out, "out/ep01/ep01.kdenlive") && strstr(out, "out/ep01/jianying/") &&
	       strstr(out, " drawn without subtitles now") && !strstr(out, "(0 drawn without subtitles now"),
	       "export (the shots drawn without subtitles the first time): %s", out);
	free(out);
	double ep_frames = probe_num("-count_packets -select_streams v:0 -show_entries stream=nb_read_packets", "ep/ep01.mp4");
	CHECKF(ep_frames > 100, "episode frames %g", ep_frames);

	/* export-1.1: FCPXML's assets are absolute URLs of the export folder, all there */
	char *fx = NULL, *fp = path_join(test_tmpdir(), "out/ep01/ep01.fcpxml"), *mdir = path_join(test_tmpdir(), "out/ep01/media"), *abs = realpath(mdir, NULL);
	free(mdir);
	st = file_read_all(fp, &fx, NULL);
	free(fp);
	CHECK(st == 0 && abs);
	int assets = 0, missing = 0, outside = 0;
	for (const char *s = strstr(fx, "src=\"file://"); s; s = strstr(s + 1, "src=\"file://")) {
		const char *b = s + 12, *e = strchr(b, '"');
		char *path = xstrndup(b, (size_t)(e - b));
		assets++;
		missing += !file_exists(path);
		outside += strncmp(path, abs, strlen(abs)) != 0;
		free(path);
	}
	free(abs);
	int spine = count_of(fx, "<asset-clip ref=\"v"), titles = count_of(fx, "<title ref=\"title\"");
	int has_version = strstr(fx, "<fcpxml version=\"1.10\">") != NULL;
	free(fx);
	CHECKF(assets > 0 && missing == 0 && outside == 0, "%d of %d FCPXML assets missing, %d outside the export", missing,
	       assets, outside);
	CHECK(has_version);
	CHECK(spine > 2);

	/* export-1.2: the shots are drawn once without subtitles, then reused (a `drama clean`
	 * keeps them) */
	st = drama_run(&out, "clean ep");
	free(out);
	CHECK(st == 0);
	st = drama_run(&out, "export ep -o out --format mlt");
	CHECKF(st == 0 && strstr(out, "(0 drawn without subtitles now"), "a second export draws no shot: %s", out);
	free(out);
	/* the reference: our MP4 rendered without subtitles (DRAMA_RENDER_CLEAN, a copy of the
	 * project); it equals ours except in the subtitle band (0.60..0.77 of the height, the
	 * style's box 0.62..0.75 with its outline) on the frames a subtitle shows */
	st = shell_run(&out, "cp -a ep textless && DRAMA_RENDER_CLEAN=1 '%s' render textless 2>&1", test_drama_bin());
	CHECKF(st == 0, "textless render: %s", out);
	free(out);
	double band_in = band_psnr("textless/ep01.mp4", "ep/ep01.mp4", "0.60", "0.17");
	double above = band_psnr("textless/ep01.mp4", "ep/ep01.mp4", "0", "0.60");
	double below = band_psnr("textless/ep01.mp4", "ep/ep01.mp4", "0.77", "0.23");
	CHECKF(band_in < 30 && above >= 35 && below >= 35, "the textless render against ours, worst frame: subtitle band "
	       "%.1f dB (want < 30: the subtitles gone), above it %.1f, below it %.1f (want >= 35)", band_in, above, below);

	/* export-1.3: the folder stands alone: the project's cache cleaned, the folder moved */
	st = drama_run(&out, "clean ep --all");
	free(out);
	CHECK(st == 0);
	st = shell_run(&out, "mkdir moved && mv out/ep01 moved/ 2>&1");
	free(out);
	CHECK(st == 0);

	/* export-1.4: melt renders the moved .mlt: the episode's length within one frame, its
	 * loudness within 1 LU (the mix's line, bus and master gains and the duck keyframes
	 * are in the clips' volume filters: measured -14.1 against ours -14.1; without them
	 * -17.0, with the mono lines played by MLT at -3 dB -16.7) */
	st = shell_run(&out, "cd moved/ep01 && melt -quiet ep01.mlt -consumer avformat:../../melt.mp4 vcodec=libx264 "
	                     "preset=ultrafast acodec=aac 2>&1");
	CHECKF(st == 0, "melt: %s", out);
	free(out);
	double frames = probe_num("-count_packets -select_streams v:0 -show_entries stream=nb_read_packets", "melt.mp4");
	CHECKF(fabs(frames - ep_frames) <= 1, "melt rendered %g frames, the episode has %g", frames, ep_frames);
	double a_dur = probe_num("-select_streams a:0 -show_entries stream=duration", "melt.mp4");
	CHECKF(fabs(a_dur - ep_frames / 10) <= 0.1 + 1e-9, "melt's audio lasts %g s, the episode %g s", a_dur, ep_frames / 10);
	double lu_melt = loudness("melt.mp4"), lu_ours = loudness("ep/ep01.mp4");
	CHECKF(lu_melt > -30 && fabs(lu_melt - lu_ours) <= 1, "melt's audio %.1f LUFS, ours %.1f", lu_melt, lu_ours);
	/* the peaks too: the effects stem and the mix's limiter on the output (before them melt
	 * peaked at +0.3 dBFS against our -1.7) */
	double pk_melt = true_peak("melt.mp4"), pk_ours = true_peak("ep/ep01.mp4");
	CHECKF(pk_melt > -30 && pk_melt <= -1.0 && fabs(pk_melt - pk_ours) <= 1, "melt's true peak %.1f dBFS, ours %.1f",
	       pk_melt, pk_ours);
	printf("  melt's audio: %.1f LUFS, true peak %.1f dBFS; ours %.1f LUFS, %.1f dBFS\n", lu_melt, pk_melt, lu_ours, pk_ours);
	/* the pictures against the textless render, its transitions made by melt (the dissolves
	 * by luma, the dips by brightness keyframes): 20 frames spread over the episode each at
	 * 35 dB or more, and no frame under 30 (a shot missing or out of place drops one far
	 * below; measured: worst 34.7 dB, in a dip to black, where MLT's brightness scales the
	 * luma and the render blends with video black) */
	double sampled = -1, whole = band_psnr_sampled("melt.mp4", "textless/ep01.mp4", "0", "1", &sampled);
	CHECKF(sampled >= 35 && whole >= 30, "melt's render against the textless one: worst of 20 sampled frames %.1f dB "
	       "(want >= 35), worst frame %.1f dB (want >= 30)", sampled, whole);
	/* the subtitle track shown (its eye button in Shotcut): the text items draw the
	 * subtitles in the band and nothing else changes */
	st = shell_run(&out, "cd moved/ep01 && sed 's|<track producer=\"subtitles\" hide=\"video\"/>|<track producer=\"subtitles\"/>|' "
	                     "ep01.mlt >shown.mlt && grep -c 'producer=\"subtitles\"/>' shown.mlt && melt -quiet shown.mlt "
	                     "-consumer avformat:../../shown.mp4 vcodec=libx264 preset=ultrafast an=1 2>&1");
	CHECKF(st == 0, "melt, subtitles shown: %s", out);
	free(out);
	band_in = band_psnr("shown.mp4", "melt.mp4", "0.60", "0.17");
	above = band_psnr("shown.mp4", "melt.mp4", "0", "0.60");
	CHECKF(band_in < 30 && above >= 35, "the subtitle track shown, worst frame against it hidden: band %.1f dB "
	       "(want < 30), above it %.1f (want >= 35)", band_in, above);
	printf("  melt's render against the textless one: worst of 20 sampled frames %.1f dB, worst frame %.1f dB; subtitles "
	       "shown: band %.1f dB, above %.1f dB\n", sampled, whole, band_in, above);

	/* export-1.5: the XML formats are well formed; the music carries the duck as keyframes */
	st = shell_run(&out, "xmllint --noout moved/ep01/ep01.mlt moved/ep01/ep01.fcpxml moved/ep01/ep01.kdenlive 2>&1");
	CHECKF(st == 0, "xmllint: %s", out);
	free(out);
	char *mlt = NULL, *mp = path_join(test_tmpdir(), "moved/ep01/ep01.kdenlive");
	st = file_read_all(mp, &mlt, NULL);
	free(mp);
	CHECK(st == 0);
	int keyed = count_of(mlt, ";"), bins = count_of(mlt, "kdenlive:clipname"), subtrack = count_of(mlt, "avfilter.subtitles");
	int stem = count_of(mlt, "<entry producer=\"effects0\""), limiter = count_of(mlt, "avfilter.alimiter");
	CHECKF(stem == 2 && limiter == 1, "kdenlive: the effects stem in the bin and on its track (%d of 2 entries), "
	       "%d limiters (want 1)", stem, limiter);
	char *ksrt = path_join(test_tmpdir(), "moved/ep01/ep01.kdenlive.srt");
	int ksrt_there = file_exists(ksrt);
	free(ksrt);
	CHECKF(subtrack == 1 && ksrt_there, "kdenlive: %d subtitle tracks, want 1 with its .srt beside it (%s)", subtrack,
	       ksrt_there ? "there" : "missing");
	free(mlt);
	CHECKF(keyed > 0 && bins == assets, "kdenlive: %d keyframe separators, %d bin clips for %d media", keyed, bins, assets);

	/* FCPXML against Apple's DTD when it is at hand (DRAMA_FCPXML_DTD: FCPXMLv1_10.dtd, e.g.
	 * from the public CommandPost repository; not shipped here, it is Apple's) */
	const char *dtd = getenv("DRAMA_FCPXML_DTD");
	if (dtd && *dtd) {
		st = shell_run(&out, "xmllint --noout --dtdvalid '%s' moved/ep01/ep01.fcpxml 2>&1", dtd);
		CHECKF(st == 0, "ep01.fcpxml against %s: %s", dtd, out);
		free(out);
		printf("  ep01.fcpxml validates against %s\n", dtd);
	} else {
		printf("  SKIP: FCPXML DTD check (set DRAMA_FCPXML_DTD to FCPXMLv1_10.dtd)\n");
	}

	/* export-1.6: OTIO structure */
	json_error_t je;
	char *op = path_join(test_tmpdir(), "moved/ep01/ep01.otio"), *dir = path_join(test_tmpdir(), "moved/ep01");
	json_t *tl = json_load_file(op, 0, &je);
	free(op);
	CHECKF(tl, "ep01.otio:%d:%d: %s", je.line, je.column, je.text);
	int n_clips = 0;
	const char *why = otio_check(tl, dir, 10, ep_frames, &n_clips);
	json_decref(tl);
	free(dir);
	CHECKF(!why, "ep01.otio: %s", why);
	CHECKF(n_clips == assets, "%d OTIO clips, %d FCPXML assets", n_clips, assets);

	/* export-1.7: the Jianying / CapCut draft: structure, a segment per shot, line and cue,
	 * a text segment per subtitle of the SRT, the duck as volume keyframes */
	char *jdir = path_join(test_tmpdir(), "moved/ep01/jianying"), *draft = only_entry(jdir), *srt = NULL,
	     *sp = path_join(test_tmpdir(), "moved/ep01/ep01.srt");
	free(jdir);
	CHECK(draft);
	int counts[3];
	json_t *content = NULL;
	why = jy_check_folder(draft, counts, &content);
	char *dump = content ? json_dumps(content, 0) : NULL;
	json_decref(content);
	free(draft);
	st = file_read_all(sp, &srt, NULL);
	free(sp);
	int subs = count_of(srt, " --> "), kf = count_of(dump, "KFTypeVolume");
	free(srt);
	free(dump);
	CHECKF(!why, "draft: %s", why);
	CHECKF(counts[0] == spine && counts[1] == assets - spine && counts[2] == subs && subs > 0,
	       "draft segments: %d video, %d audio, %d text; want %d, %d, %d", counts[0], counts[1], counts[2], spine,
	       assets - spine, subs);
	CHECKF(kf > 0, "no volume keyframes in the draft");
	/* export-1.8: the subtitles as FCPXML titles and OTIO markers, one each */
	char *otio = NULL, *otp = path_join(test_tmpdir(), "moved/ep01/ep01.otio");
	st = file_read_all(otp, &otio, NULL);
	free(otp);
	int sub_markers = count_of(otio, "\"kind\": \"subtitle\"");
	free(otio);
	CHECKF(titles == subs && sub_markers == subs, "%d subtitles: %d FCPXML titles, %d OTIO markers", subs, titles,
	       sub_markers);
}

/* export-2: bad input */
TEST(export_bad_input)
{
	char *out = NULL;
	int st = drama_run(&out, "script s 'palace, revenge' --minutes 0.5");
	free(out);
	CHECK(st == 0);
	st = drama_run(&out, "export s");
	CHECKF(st != 0 && strstr(out, "drama render") && strstr(out, "ep01.list"), "before a render: %s", out);
	free(out);
	st = drama_run(&out, "export s --format avid");
	CHECKF(st != 0 && strstr(out, "--format avid") && strstr(out, "jianying, capcut, mlt, kdenlive, fcpxml, otio"),
	       "unknown format: %s", out);
	free(out);
	st = drama_run(&out, "export s --episode 7");
	CHECKF(st != 0 && strstr(out, "no episode 7"), "missing episode: %s", out);
	free(out);
}
