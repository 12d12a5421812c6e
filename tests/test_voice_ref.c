/* tests/test_voice_ref.c — reference voices with the embedded engines: a recording is
 * measured (aubio pitch tracker, spectral centroid, seconds of speech) and the
 * character cast to match it, so a higher reference gives a higher cast pitch, a
 * faster one a faster rate, a brighter one a brighter timbre; `drama voice --ref`
 * stores the recording and recasts. The references are made by our own engine with
 * known settings, so the expected direction and size are known. */
#include "test.h"
#include "drama_run.h"
#include "voice/voice.h"
#include "core/model.h"
#include "core/wav.h"
#include "server_http.h"

#include <libavutil/base64.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *TEXT = "I have waited three years for this day, and I will not wait any longer.";

/* A reference spoken by flite's slt with the given pitch, rate and timbre, as a WAV. */
static char *reference(const char *name, double pitch, double rate, double timbre)
{
	json_t *v = json_pack("{s:s,s:s,s:f,s:f,s:f}", "engine", "flite", "voice", "slt", "pitch", pitch, "rate", rate, "timbre", timbre);
	struct line l = { .text = (char *)TEXT };
	struct voice_clip c;
	char *path = xasprintf("%s/%s.wav", test_tmpdir(), name);
	int rc = voice_synth(v, &l, "en", &c);
	if (rc == 0) rc = wav_write(path, c.pcm, c.n, VOICE_RATE, 1);
	voice_clip_free(&c);
	json_decref(v);
	if (rc < 0) { free(path); return NULL; }
	return path;
}

static double vnum(const json_t *v, const char *k) { return json_number_value(json_object_get(v, k)); }

TEST(voice_ref_1_cast_follows_the_reference)
{
	struct series *s = series_new();
	s->lang = xstrdup("en");
	struct character *c = series_add_character(s);
	c->name = xstrdup("Xia");
	c->gender = xstrdup("female");
	char *lo = reference("lo", 0.9, 1.0, 1.0), *hi = reference("hi", 1.3, 1.0, 1.0);
	char *fast = reference("fast", 1.0, 1.5, 1.0), *bright = reference("bright", 1.0, 1.0, 1.2), *dark = reference("dark", 1.0, 1.0, 0.85);
	CHECK(lo && hi && fast && bright && dark);
	json_t *vl = NULL, *vh = NULL, *vf = NULL, *vb = NULL, *vd = NULL, *vn = NULL;
	CHECKF(voice_ref_match(s, c, lo, TEXT, &vl) == 0, "%s", err_msg());
	CHECKF(voice_ref_match(s, c, hi, TEXT, &vh) == 0, "%s", err_msg());
	CHECKF(voice_ref_match(s, c, fast, TEXT, &vf) == 0, "%s", err_msg());
	CHECKF(voice_ref_match(s, c, bright, TEXT, &vb) == 0, "%s", err_msg());
	CHECKF(voice_ref_match(s, c, dark, TEXT, &vd) == 0, "%s", err_msg());
	CHECKF(voice_ref_match(s, c, fast, NULL, &vn) == 0, "%s", err_msg());
	/* pitch: the measured F0s and the cast pitches keep the references' ratio 1.3 / 0.9 */
	double fl = vnum(json_object_get(vl, "ref"), "f0"), fh = vnum(json_object_get(vh, "ref"), "f0");
	double pl = vnum(vl, "pitch"), ph = vnum(vh, "pitch");
	CHECKF(fh / fl > 1.3 && fh / fl < 1.6, "reference F0 %.0f and %.0f Hz", fl, fh);
	CHECKF(ph / pl > 1.3 && ph / pl < 1.6 && fabs(pl - 0.9) < 0.1 && fabs(ph - 1.3) < 0.15, "cast pitch %.2f and %.2f", pl, ph);
	CHECK(str_eq(json_string_value(json_object_get(vh, "voice")), "slt"));
	/* speed: 1.5 times as fast -> rate about 1.5; without a transcript it is not matched */
	CHECKF(vnum(vf, "rate") > 1.25 && vnum(vf, "rate") < 1.75, "rate %.2f", vnum(vf, "rate"));
	CHECKF(fabs(vnum(vl, "rate") - 1.0) < 0.12, "rate of a natural-speed reference %.2f", vnum(vl, "rate"));
	CHECK(vnum(vn, "rate") == 1.0);
	/* brightness: formants scaled up -> brighter timbre than scaled down */
	double tb = vnum(vb, "timbre"), td = vnum(vd, "timbre");
	CHECKF(tb > td + 0.1 && tb > 1.0 && td < 1.0, "timbre %.2f (bright) and %.2f (dark)", tb, td);
	json_decref(vl); json_decref(vh); json_decref(vf); json_decref(vb); json_decref(vd); json_decref(vn);
	/* a male character with a low reference is cast among the male voices */
	struct character *m = series_add_character(s);
	m->name = xstrdup("Rui");
	char *low = reference("low", 0.62, 1.0, 1.0);
	json_t *vm = NULL;
	CHECKF(low && voice_ref_match(s, m, low, TEXT, &vm) == 0, "%s", err_msg());
	CHECKF(!str_eq(json_string_value(json_object_get(vm, "voice")), "slt"), "%s", json_string_value(json_object_get(vm, "voice")));
	json_decref(vm);
	/* a file that is not a WAV is refused by name */
	char *bad = xasprintf("%s/bad.wav", test_tmpdir());
	CHECK(file_write_atomic(bad, "not audio", 9) == 0);
	CHECK(voice_ref_match(s, c, bad, NULL, &vm) < 0 && strstr(err_msg(), "bad.wav"));
	free(bad); free(lo); free(hi); free(fast); free(bright); free(dark); free(low);
	series_free(s);
}

/* `drama voice DIR --ref Xia=FILE --ref-text TEXT` keeps the recording beside the
 * character and recasts her to it; a wrong name is one clear error. */
TEST(voice_ref_2_cli_sets_the_reference)
{
	char *out = NULL;
	CHECK(drama_run(&out, "script p \"palace, milk tea\" --size 64x112 --minutes 0.5 -q") == 0);
	free(out);
	char *sb = xasprintf("%s/p", test_tmpdir());
	struct project *p = NULL;
	CHECK(project_open(sb, 0, &p) == 0 && p->s && p->s->n_chars > 0);
	CHECK(p->s->n_chars >= 2 && !p->s->chars[1].voice);
	char *name = xstrdup(p->s->chars[0].name), *other = xstrdup(p->s->chars[1].name);
	project_free(p);
	char *hi = reference("ref_hi", 1.35, 1.0, 1.0);
	CHECK(hi);
	/* another character's recording put there by hand: cast to it when the voices are cast */
	char *cdir = xasprintf("%s/p/characters", test_tmpdir()), *hand = xasprintf("%s/%s.voice.wav", cdir, other);
	char *bytes = NULL;
	size_t nb = 0;
	CHECK(mkdir_p(cdir) == 0 && file_read_all(hi, &bytes, &nb) == 0 && file_write_atomic(hand, bytes, nb) == 0);
	free(bytes); free(cdir); free(hand);
	int st = drama_run(&out, "voice p --ref \"%s=%s\" --ref-text \"%s\"", name, hi, TEXT);
	CHECKF(st == 0, "%s", out ? out : "");
	free(out);
	char *wav = xasprintf("%s/p/characters/%s.voice.wav", test_tmpdir(), name), *txt = xasprintf("%s/p/characters/%s.voice.txt", test_tmpdir(), name);
	CHECK(file_exists(wav) && file_exists(txt));
	CHECK(project_open(sb, 0, &p) == 0);
	const struct character *c = series_find_character(p->s, name);
	CHECK(c && json_object_get(c->voice, "ref"));
	CHECKF(vnum(json_object_get(c->voice, "ref"), "f0") > 150, "ref f0 %.0f", vnum(json_object_get(c->voice, "ref"), "f0"));
	const struct character *o = series_find_character(p->s, other);
	CHECKF(o && json_object_get(o->voice, "ref"), "%s was not cast to the recording beside it", other);
	project_free(p);
	st = drama_run(&out, "voice p --ref Nobody=%s", hi);
	CHECKF(st != 0 && out && strstr(out, "no character \"Nobody\""), "%s", out ? out : "");
	free(out);
	st = drama_run(&out, "voice p --ref-text hello");
	CHECK(st != 0);
	free(out);
	free(sb); free(name); free(other); free(hi); free(wav); free(txt);
}

/* The workbench's reference-voice control: POST .../voice-ref with a WAV (base64) starts
 * a voice job that stores the recording beside the character and recasts her; what is
 * not a WAV, or names nobody, is refused by field. */
TEST(voice_ref_3_workbench_upload)
{
	make_project("vr");
	char *wav = reference("wb", 1.3, 1.0, 1.0), *bytes = NULL;
	size_t n = 0;
	CHECK(wav && file_read_all(wav, &bytes, &n) == 0);
	char *b64 = xmalloc(AV_BASE64_SIZE(n));
	av_base64_encode(b64, AV_BASE64_SIZE(n), (const uint8_t *)bytes, (int)n);
	struct server *sv = start(NULL, NULL, 0);
	CHECK(sv);
	int port = server_port(sv);
	struct resp r;
	CHECK(http(port, "POST", "/api/projects/vr/voice-ref", "{\"character\": \"Xia\", \"audio\": \"bm90IGEgd2F2ZSBmaWxlIGF0IGFsbCwgaG9uZXN0bHkgbm90\"}", NULL, &r) == 0);
	CHECKF(r.status == 422 && strstr(r.body.s, "\"field\":\"audio\""), "%ld %s", r.status, r.body.s);
	resp_free(&r);
	CHECK(http(port, "POST", "/api/projects/vr/voice-ref", "{\"audio\": \"UklGRg==\"}", NULL, &r) == 0);
	CHECKF(r.status == 422 && strstr(r.body.s, "\"field\":\"character\""), "%ld %s", r.status, r.body.s);
	resp_free(&r);
	char *body = xasprintf("{\"character\": \"Xia\", \"audio\": \"%s\", \"text\": \"%s\"}", b64, TEXT);
	CHECK(http(port, "POST", "/api/projects/vr/voice-ref", body, NULL, &r) == 0);
	CHECKF(r.status == 202, "%ld %s", r.status, r.body.s);
	resp_free(&r);
	CHECK(job_done(port, "vr", 120));
	server_stop(sv);
	char *kept = xasprintf("%s/ws/vr/characters/Xia.voice.wav", test_tmpdir()), *dir = xasprintf("%s/ws/vr", test_tmpdir());
	CHECK(file_exists(kept));
	struct project *p = NULL;
	CHECK(project_open(dir, 0, &p) == 0);
	const struct character *c = series_find_character(p->s, "Xia");
	CHECKF(c && json_object_get(c->voice, "ref") && vnum(c->voice, "pitch") > 1.15, "pitch %.2f", c ? vnum(c->voice, "pitch") : 0);
	CHECK(p->s->eps[0].scenes[0].shots[0].line->audio != NULL);
	project_free(p);
	free(kept); free(dir); free(body); free(b64); free(bytes); free(wav);
}
