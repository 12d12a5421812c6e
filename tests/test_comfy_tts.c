/* tests/test_comfy_tts.c — voice cloning through a ComfyUI TTS workflow (tts.json,
 * ComfyUI-F5-TTS): a character's reference voice is uploaded for LoadAudio, the line's
 * text and the transcript go into F5TTSAudioInputs, and the audio SaveAudio returns (FLAC
 * as ComfyUI writes it, or WAV) becomes the line's audio with its true length. */
#define _GNU_SOURCE
#include "test.h"
#include "comfy_double.h"
#include "drama_run.h"
#include "voice/voice.h"
#include "core/wav.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *class_of(const json_t *node) { return json_string_value(json_object_get(node, "class_type")); }

/* The first node of class cls in workflow wf (its id in *id). */
static const json_t *node_of(const json_t *wf, const char *cls, const char **id)
{
	const char *k;
	json_t *n;
	json_object_foreach((json_t *)wf, k, n)
		if (str_eq(class_of(n), cls)) { if (id) *id = k; return n; }
	return NULL;
}

static const char *input_str(const json_t *node, const char *in)
{
	return json_string_value(json_object_get(json_object_get(node, "inputs"), in));
}

/* A tone of sec seconds at rate Hz written to path (WAV), or encoded by ffmpeg when path
 * ends in .flac. 0 or <0. */
static int tone(const char *path, double sec, int rate, double hz)
{
	size_t n = (size_t)(sec * rate);
	int16_t *pcm = xmalloc(n * sizeof *pcm);
	for (size_t i = 0; i < n; i++) pcm[i] = (int16_t)(12000 * sin(2 * M_PI * hz * (double)i / rate) * ((i / (rate / 4)) % 2));
	int rc;
	if (str_has_suffix(path, ".flac")) {
		char *w = xasprintf("%s.src.wav", path), *out = NULL;
		rc = wav_write(w, pcm, n, rate, 1);
		if (rc == 0 && shell_run(&out, "ffmpeg -v error -y -i '%s' -c:a flac '%s'", w, path) != 0) rc = -1;
		free(out);
		free(w);
	} else rc = wav_write(path, pcm, n, rate, 1);
	free(pcm);
	return rc;
}

/* Xia speaks shot 1 and has a reference voice; the insert is narrated. */
static struct project *cloned_project(const char *sub)
{
	struct project *p = small_project(sub);
	struct line *ln = shot_set_line(&p->s->eps[0].scenes[0].shots[0]);
	ln->speaker = xstrdup("Xia");
	ln->text = xstrdup("You owe me three cups of tea.");
	struct line *nl = shot_set_line(&p->s->eps[0].scenes[0].shots[1]);
	nl->text = xstrdup("The seal was her grandmother's.");
	char *cd = project_path(p, "characters"), *ref = project_path(p, "characters/Xia.voice.wav");
	char *txt = project_path(p, "characters/Xia.voice.txt");
	mkdir_p(cd);
	tone(ref, 1.0, 22050, 220);
	file_write_atomic(txt, "Hello, this is my voice.\n", 25);
	free(cd); free(ref); free(txt);
	return p;
}

static void run_case(const char *ext)
{
	struct fake f;
	struct comfy_state st = { 0 };
	st.speech_ext = ext;
	char *sp = xasprintf("%s/speech_%s.%s", test_tmpdir(), ext, ext);
	CHECKF(tone(sp, 1.5, 24000, 330) == 0, "cannot make the %s fixture", ext);  /* F5-TTS answers at 24 kHz */
	CHECK(file_read_all(sp, &st.speech.s, &st.speech.len) == 0);
	free(sp);
	CHECK(fake_start(&f, h_comfy, &st) == 0);
	struct ai_config c;
	comfy_cfg(&c, &f);
	CHECK(ai_config_set(&c, "comfyui.tts", "true") == 0);
	char *sub = xasprintf("tts_%s", ext);
	struct project *p = cloned_project(sub);
	free(sub);
	CHECK(voice_backend_for(p, &c) == &voice_comfyui);
	struct stage_opts o = { 0 };
	CHECKF(voice_comfyui.stage(p, &o, &c) == 0, "%s", err_msg());
	struct line *ln = p->s->eps[0].scenes[0].shots[0].line, *nl = p->s->eps[0].scenes[0].shots[1].line;
	/* one prompt: Xia's line; the narration stays with the embedded voice */
	CHECK_INT(st.prompts, 1);
	CHECK_INT(st.audio_uploads, 1);
	const json_t *wf = json_object_get(nth_prompt(&f, 0), "prompt");
	const char *lid = NULL;
	const json_t *load = node_of(wf, "LoadAudio", &lid), *f5 = node_of(wf, "F5TTSAudioInputs", NULL);
	const json_t *save = node_of(wf, "SaveAudio", NULL);
	CHECK(load && f5 && save);
	CHECKF(str_eq(input_str(load, "audio"), st.audio_name) && str_has_suffix(st.audio_name, ".wav"),
	       "LoadAudio reads %s, uploaded %s", input_str(load, "audio") ? input_str(load, "audio") : "-", st.audio_name);
	/* the uploaded RIFF is the reference: 1 s of 22050 Hz mono 16-bit */
	CHECKF(st.audio_len == 36 + 22050 * 2, "uploaded RIFF size %zu", st.audio_len);
	const json_t *sa = json_object_get(json_object_get(f5, "inputs"), "sample_audio");
	CHECK(str_eq(json_string_value(json_array_get(sa, 0)), lid));
	CHECK(str_eq(input_str(f5, "speech"), "You owe me three cups of tea."));
	CHECK(str_eq(input_str(f5, "sample_text"), "Hello, this is my voice."));
	CHECK(json_is_integer(json_object_get(json_object_get(f5, "inputs"), "seed")));
	CHECK(str_eq(input_str(f5, "model"), "F5v1"));
	CHECK(input_str(save, "filename_prefix") != NULL);
	/* the returned audio is the line's, 1.5 s at 48 kHz; the timing covers it */
	CHECK(ln->audio && !strncmp(ln->audio, "cache/voice/", 12));
	CHECKF(fabs(ln->audio_sec - 1.5) < 0.03, "%s: audio_sec %.3f", ext, ln->audio_sec);
	char *wp = project_path(p, ln->audio);
	int16_t *pcm = NULL;
	size_t n = 0;
	int rate = 0, ch = 0;
	CHECK(wav_read(wp, &pcm, &n, &rate, &ch) == 0);
	CHECK(rate == VOICE_RATE && ch == 1);
	CHECKF(fabs((double)n / rate - ln->audio_sec) < 1e-9, "WAV %zu frames, audio_sec %.4f", n, ln->audio_sec);
	int loud = 0;
	for (size_t i = 0; i < n; i++) loud |= abs(pcm[i]) > 8000;
	CHECK(loud);
	free(pcm);
	free(wp);
	CHECK(nl->audio != NULL && nl->audio_sec > 0.5);
	/* again: from the cache, nothing sent */
	char *first = xstrdup(ln->audio);
	CHECKF(voice_comfyui.stage(p, &o, &c) == 0, "%s", err_msg());
	CHECK_INT(st.prompts, 1);
	CHECK(str_eq(ln->audio, first));
	free(first);
	fake_stop(&f);
	/* the server gone: ERR_NET, so the pipeline falls back to the embedded voices */
	o.force = 1;
	int rc = voice_comfyui.stage(p, &o, &c);
	CHECKF(rc == ERR_NET, "rc %d: %s", rc, err_msg());
	err_clear();
	project_free(p);
	ai_config_free(&c);
	sb_free(&st.speech);
}

TEST(comfy_tts_1_reference_voice_through_f5_flac)
{
	run_case("flac");
}

TEST(comfy_tts_2_wav_answer)
{
	run_case("wav");
}

TEST(comfy_tts_3_not_chosen_without_the_key)
{
	struct ai_config c;
	ai_config_load(NULL, &c);
	ai_config_set(&c, "comfyui.url", "http://127.0.0.1:9");
	struct project *p = small_project("tts_off");
	CHECK(voice_backend_for(p, &c) != &voice_comfyui);
	CHECK(ai_config_set(&c, "comfyui.tts", "true") == 0);
	CHECK(voice_backend_for(p, &c) == &voice_comfyui);
	project_free(p);
	ai_config_free(&c);
}
