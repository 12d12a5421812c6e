/* server/preview.c — what the cast editor needs (issue 18): the choices a look offers
 * (GET /api/looks), a character sheet drawn from an edited look without saving it (POST
 * .../preview/character -> PNG), and an audition of an edited voice (POST
 * .../preview/voice -> WAV). Previews draw through the art and voice stages' public
 * functions into PROJECT/cache/preview/ and are removed after sending; one preview
 * runs at a time (the speech engines keep global state).
 * Also the script view's picture of a shot that has never been rendered (GET
 * .../shots/preview?episode=E&scene=S&shot=K[&w=W&h=H], 540x960 by default), drawn in
 * memory by render_still. */
#include "server/internal.h"
#include "art/art.h"
#include "art/character_parts.h"   /* the look's choices: CHR_HAIRS, CHR_FACES, ... */
#include "core/model.h"
#include "core/util.h"
#include "core/wav.h"
#include "render/still.h"
#include "voice/voice.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t preview_mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned preview_n;

static json_t *strings(const char *const *v, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++) json_array_append_new(a, json_string(v[i]));
	return a;
}

void api_looks(struct hresp *r)
{
	char *path = data_path("art/characters.json");
	json_error_t je;
	json_t *d = json_load_file(path, 0, &je);
	free(path);
	if (!d) { resp_err(r, 500, "cannot read data/art/characters.json"); return; }
	json_t *outfits = json_array();
	const char *k;
	json_t *v;
	json_object_foreach(json_object_get(d, "outfits"), k, v) json_array_append_new(outfits, json_string(k));
	json_t *hair = json_array();
	json_object_foreach(json_object_get(d, "hair_colours"), k, v) json_array_extend(hair, v);
	json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:O, s:O, s:[s,s], s:[{s:s,s:s,s:s},{s:s,s:s,s:s},{s:s,s:s,s:s},{s:s,s:s,s:s},{s:s,s:s,s:s},{s:s,s:s,s:s}]}",
		"hair", strings(CHR_HAIRS, CHR_N_HAIRS), "face", strings(CHR_FACES, CHR_N_FACES),
		"eyes", strings(CHR_EYES, CHR_N_EYES), "brows", strings(CHR_BROWS, CHR_N_BROWS),
		"build", strings(CHR_BUILDS, CHR_N_BUILDS), "accessories", strings(CHR_ACCS, CHR_N_ACCS),
		"outfits", outfits, "hair_colours", hair,
		"skin_tones", json_object_get(d, "skin_tones"), "eye_colours", json_object_get(d, "eye_colours"),
		"genders", "female", "male",
		"voices",
		"engine", "flite", "voice", "slt", "label", "English, woman (slt)",
		"engine", "flite", "voice", "awb", "label", "English, man (awb)",
		"engine", "flite", "voice", "rms", "label", "English, man, deep (rms)",
		"engine", "flite", "voice", "kal16", "label", "English, man, light (kal16)",
		"engine", "espeak", "voice", "cmn-latn-pinyin+f2", "label", "Mandarin, woman",
		"engine", "espeak", "voice", "cmn-latn-pinyin+m3", "label", "Mandarin, man");
	json_decref(d);
	if (!o) { resp_err(r, 500, "cannot list the look choices"); return; }
	resp_json(r, 200, o);
}

/* The project's character `name`, with gender/age/look/voice of the request applied. */
static struct character *edited(struct project *p, json_t *body, struct hresp *r)
{
	const char *name = json_string_value(json_object_get(body, "name"));
	struct series *s = p->s;
	struct character *c = NULL;
	for (size_t i = 0; s && name && i < s->n_chars && !c; i++)
		if (str_eq(s->chars[i].name, name)) c = &s->chars[i];
	if (!c) { resp_field_err(r, "name", "no character of that name in this project"); return NULL; }
	json_t *look = json_object_get(body, "look"), *voice = json_object_get(body, "voice");
	json_t *gender = json_object_get(body, "gender"), *age = json_object_get(body, "age");
	if (look && !json_is_object(look)) { resp_field_err(r, "look", "look must be an object"); return NULL; }
	if (voice && !json_is_object(voice)) { resp_field_err(r, "voice", "voice must be an object"); return NULL; }
	if (gender && !str_eq(json_string_value(gender), "female") && !str_eq(json_string_value(gender), "male")) {
		resp_field_err(r, "gender", "gender must be \"female\" or \"male\"");
		return NULL;
	}
	if (age && (!json_is_integer(age) || json_integer_value(age) < 1 || json_integer_value(age) > 120)) {
		resp_field_err(r, "age", "age must be a whole number from 1 to 120");
		return NULL;
	}
	if (look) { json_decref(c->look); c->look = json_incref(look); }
	if (voice) { json_decref(c->voice); c->voice = json_incref(voice); }
	if (gender) { free(c->gender); c->gender = xstrdup(json_string_value(gender)); }
	if (age) c->age = (int)json_integer_value(age);
	return c;
}

static void send_temp(struct hresp *r, const char *path, const char *type)
{
	char *data = NULL;
	size_t n = 0;
	if (file_read_all(path, &data, &n) < 0) { resp_err(r, 500, err_msg()); return; }
	resp_buf(r, 200, type, data, n);
	free(data);
}

void api_preview(const char *dir, const char *what, json_t *body, struct hresp *r)
{
	int sheet = !strcmp(what, "character");
	if (!sheet && strcmp(what, "voice")) { resp_err(r, 404, "not found"); return; }
	pthread_mutex_lock(&preview_mu);
	struct project *p = NULL;
	char *tmp = NULL;
	if (project_open(dir, 0, &p) < 0 || !p->s) { resp_err(r, 409, p ? "this project has no storyboard yet" : err_msg()); goto end; }
	struct character *c = edited(p, body, r);
	if (!c) goto end;
	char *pdir = path_join(dir, "cache/preview");
	if (mkdir_p(pdir) < 0) { free(pdir); resp_err(r, 500, err_msg()); goto end; }
	tmp = xasprintf("%s/%d-%u.%s", pdir, (int)getpid(), preview_n++, sheet ? "png" : "wav");
	free(pdir);
	if (sheet) {
		double t0 = now_sec();
		if (art_character_sheet(art_backend_get("procedural"), p->s, c, tmp) < 0) { resp_err(r, 422, err_msg()); goto end; }
		send_temp(r, tmp, "image/png");
		log_debug("serve", "preview sheet of %s in %.0f ms", c->name, (now_sec() - t0) * 1000);
	} else {
		const char *text = json_string_value(json_object_get(body, "text"));
		struct line l = { 0 };
		l.speaker = c->name;
		l.text = (char *)(text && *text ? text : "This is how I sound.");
		if (strlen(l.text) > 300) { resp_field_err(r, "text", "the audition text is too long (300 characters at most)"); goto end; }
		struct voice_clip clip = { 0 };
		int rc = voice_synth(c->voice, &l, p->s->lang ? p->s->lang : p->set.lang, &clip);
		if (rc == 0) rc = wav_write(tmp, clip.pcm, clip.n, VOICE_RATE, 1);
		voice_clip_free(&clip);
		if (rc < 0) { resp_err(r, 422, err_msg()); goto end; }
		send_temp(r, tmp, "audio/wav");
	}
end:
	if (tmp) unlink(tmp);
	free(tmp);
	project_free(p);
	pthread_mutex_unlock(&preview_mu);
}

/* A whole number in [lo, hi] from the query's key (absent: dflt). -1 after a 422. */
static long query_int(const struct hreq *rq, const char *key, long lo, long hi, long dflt, struct hresp *r)
{
	const char *v = hreq_query(rq, key);
	if (!v) {
		if (dflt >= 0) return dflt;
	} else {
		char *end = NULL;
		errno = 0;
		long x = *v >= '0' && *v <= '9' ? strtol(v, &end, 10) : -1;
		if (end && !*end && !errno && x >= lo && x <= hi) return x;
	}
	char m[160];
	snprintf(m, sizeof m, "%s must be a whole number from %ld to %ld", key, lo, hi);
	resp_field_err(r, key, m);
	return -1;
}

void api_shot_preview(const char *dir, const struct hreq *rq, struct hresp *r)
{
	/* drawing costs CPU: only the page itself asks (an <img> on another site does not) */
	const char *site = hreq_header(rq, "Sec-Fetch-Site");
	if (site && strcmp(site, "same-origin") && strcmp(site, "none")) { resp_err(r, 403, "cross-site requests are refused"); return; }
	long e = query_int(rq, "episode", 0, 100000, -1, r), k = e < 0 ? -1 : query_int(rq, "scene", 0, 100000, -1, r);
	long h = k < 0 ? -1 : query_int(rq, "shot", 0, 100000, -1, r);
	long w = h < 0 ? -1 : query_int(rq, "w", 16, 2160, 540, r), ht = w < 0 ? -1 : query_int(rq, "h", 16, 3840, 960, r);
	if (ht < 0) return;
	if ((w & 1) || (ht & 1)) { resp_field_err(r, "w", "w and h must be even"); return; }
	pthread_mutex_lock(&preview_mu);
	struct project *p = NULL;
	struct sbuf png = { 0 };
	struct render_still_info info = { 0 };
	if (project_open(dir, 0, &p) < 0 || !p->s) { resp_err(r, 409, p ? "this project has no storyboard yet" : err_msg()); goto end; }
	if (render_still(p, (size_t)e, (size_t)k, (size_t)h, (int)w, (int)ht, &png, &info) < 0) {
		const char *m = err_msg();
		if (strstr(m, "no such")) resp_err(r, 404, m);
		else resp_err(r, 422, m);
		goto end;
	}
	resp_buf(r, 200, "image/png", png.s, png.len);
	char t[96];
	snprintf(t, sizeof t, "render;dur=%.1f, cpu;dur=%.1f", info.seconds * 1000, info.cpu_seconds * 1000);
	resp_header(r, "Server-Timing", t);
	/* the page asks with the storyboard's version (v): that picture never changes */
	if (hreq_query(rq, "v")) r->cache = "private, max-age=86400";
	log_debug("serve", "still of episodes[%ld].scenes[%ld].shots[%ld] at %ldx%ld in %.0f ms", e, k, h, w, ht, info.seconds * 1000);
end:
	sb_free(&png);
	project_free(p);
	pthread_mutex_unlock(&preview_mu);
}
