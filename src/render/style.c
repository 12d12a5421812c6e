/* render/style.c — the renderer's look from data/render/style.json, and small output helpers. */
#include "render/render_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rgbf rstyle_hex(const char *hex, struct rgbf dflt)
{
	unsigned v;
	if (!hex || hex[0] != '#' || strlen(hex) != 7 || sscanf(hex + 1, "%6x", &v) != 1) return dflt;
	return (struct rgbf){ ((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0, (v & 255) / 255.0 };
}

/* Read a number at "a.b"; missing or wrong type is an error naming the field. */
static int num(json_t *root, const char *a, const char *b, double *out, const char *file)
{
	json_t *o = b ? json_object_get(root, a) : root;
	json_t *v = json_object_get(o, b ? b : a);
	if (!json_is_number(v))
		return err_set(ERR_INPUT, "%s: %s%s%s must be a number; restore it from the repository", file, a,
		               b ? "." : "", b ? b : "");
	*out = json_number_value(v);
	return 0;
}

static int str(json_t *root, const char *a, const char *b, char *out, size_t n, const char *file)
{
	json_t *o = b ? json_object_get(root, a) : root;
	json_t *v = json_object_get(o, b ? b : a);
	if (!json_is_string(v))
		return err_set(ERR_INPUT, "%s: %s%s%s must be a string; restore it from the repository", file, a,
		               b ? "." : "", b ? b : "");
	snprintf(out, n, "%s", json_string_value(v));
	return 0;
}

/* motion.<key>: an array of phrases, joined with '|' into out. */
static int words(json_t *root, const char *key, char *out, size_t n, const char *file)
{
	json_t *a = json_object_get(json_object_get(root, "motion"), key);
	if (!json_is_array(a))
		return err_set(ERR_INPUT, "%s: motion.%s must be an array of phrases; restore it from the repository", file, key);
	size_t len = 0, i;
	json_t *v;
	out[0] = 0;
	json_array_foreach(a, i, v) {
		const char *w = json_string_value(v);
		if (!w || !*w || strchr(w, '|')) continue;
		size_t wl = strlen(w);
		if (len + wl + 2 > n) break;
		if (len) out[len++] = '|';
		memcpy(out + len, w, wl + 1);
		len += wl;
	}
	return 0;
}

int rsettings_word_highlight(const struct project *p)
{
	char *path = p ? project_path(p, "drama.json") : NULL;
	json_t *j = path ? json_load_file(path, 0, NULL) : NULL;
	int on = json_is_true(json_object_get(json_object_get(j, "render"), "word_highlight"));
	json_decref(j);
	free(path);
	return on;
}

static struct rgbf col(json_t *root, const char *a, const char *b, struct rgbf dflt)
{
	json_t *v = json_object_get(json_object_get(root, a), b);
	return rstyle_hex(json_string_value(v), dflt);
}

int rstyle_load(struct rstyle *st)
{
	memset(st, 0, sizeof *st);
	char *file = data_path("render/style.json");
	json_error_t je;
	json_t *j = json_load_file(file, 0, &je);
	int rc = 0;
	if (!j) {
		rc = err_set(ERR_INPUT, "%s:%d:%d: cannot load the render style: %s; restore data/render/style.json "
		             "or set DRAMA_DATA to the data folder", file, je.line, je.column, je.text);
		goto end;
	}
	struct rgbf white = { 1, 1, 1 }, black = { 0, 0, 0 };
	if ((rc = str(j, "font", NULL, st->font, sizeof st->font, file)) < 0) goto end;
	const char *sn[] = { "size", "min_size", "max_width", "center_x", "top", "bottom", "outline", "line_cjk", "line_latin" };
	double *sv[] = { &st->sub_size, &st->sub_min, &st->sub_max_w, &st->sub_cx, &st->sub_top, &st->sub_bottom, &st->sub_outline,
	                 &st->sub_cjk, &st->sub_latin };
	for (size_t i = 0; i < ARRAY_LEN(sn); i++)
		if ((rc = num(j, "subtitle", sn[i], sv[i], file)) < 0) goto end;
	st->sub_fill = col(j, "subtitle", "fill", white);
	st->sub_stroke = col(j, "subtitle", "stroke", black);
	st->sub_hl = col(j, "subtitle", "highlight", white);
	st->sub_narr_fill = col(j, "subtitle", "narration_fill", white);
	if ((rc = str(j, "title_card", "episode_en", st->ep_en, sizeof st->ep_en, file)) < 0) goto end;
	if ((rc = str(j, "title_card", "episode_zh", st->ep_zh, sizeof st->ep_zh, file)) < 0) goto end;
	st->card_top = col(j, "title_card", "bg_top", black);
	st->card_bottom = col(j, "title_card", "bg_bottom", black);
	st->card_accent = col(j, "title_card", "accent", white);
	if ((rc = str(j, "end_card", "text_en", st->end_en, sizeof st->end_en, file)) < 0) goto end;
	if ((rc = str(j, "end_card", "text_zh", st->end_zh, sizeof st->end_zh, file)) < 0) goto end;
	if ((rc = str(j, "end_card", "next_en", st->next_en, sizeof st->next_en, file)) < 0) goto end;
	if ((rc = str(j, "end_card", "next_zh", st->next_zh, sizeof st->next_zh, file)) < 0) goto end;
	st->cover_fill = col(j, "cover", "title_fill", white);
	st->cover_stroke = col(j, "cover", "title_stroke", black);
	st->cover_ribbon = col(j, "cover", "ribbon", black);
	const char *cn[] = { "margin", "push", "pan", "snap", "shake" };
	double *cv[] = { &st->margin, &st->push, &st->pan, &st->snap, &st->shake };
	for (size_t i = 0; i < ARRAY_LEN(cn); i++)
		if ((rc = num(j, "camera", cn[i], cv[i], file)) < 0) goto end;
	const char *tn[] = { "crossfade", "dip_to_black", "whip_pan", "flash" };
	double *tv[] = { &st->tr_crossfade, &st->tr_dip, &st->tr_whip, &st->tr_flash };
	for (size_t i = 0; i < ARRAY_LEN(tn); i++)
		if ((rc = num(j, "transition_sec", tn[i], tv[i], file)) < 0) goto end;
	for (size_t i = 0; MODEL_SHOT_TYPES[i] && i < ARRAY_LEN(st->zoom); i++) {
		st->zoom[i] = 1.0;
		json_t *v = json_object_get(json_object_get(j, "shot_zoom"), MODEL_SHOT_TYPES[i]);
		if (json_is_number(v)) st->zoom[i] = json_number_value(v);
	}
	const char *bn[] = { "first_min", "first_max", "gap_min", "gap_max", "length" };
	double *bv[] = { &st->blink_first_min, &st->blink_first_max, &st->blink_gap_min, &st->blink_gap_max, &st->blink_len };
	for (size_t i = 0; i < ARRAY_LEN(bn); i++)
		if ((rc = num(j, "blink", bn[i], bv[i], file)) < 0) goto end;
	const char *in[] = { "breath", "breath_sec_min", "breath_sec_max", "sway", "sway_sec_min", "sway_sec_max", "rate_hz",
	                     "walk_sec", "walk_bob" };
	double *iv[] = { &st->breath, &st->breath_min, &st->breath_max, &st->sway, &st->sway_min, &st->sway_max, &st->idle_hz,
	                 &st->walk_sec, &st->walk_bob };
	for (size_t i = 0; i < ARRAY_LEN(in); i++)
		if ((rc = num(j, "motion", in[i], iv[i], file)) < 0) goto end;
	if ((rc = num(j, "expression", "react_delay", &st->react_delay, file)) < 0) goto end;
	json_t *ro = json_object_get(json_object_get(j, "expression"), "reactions");
	const char *k;
	json_t *v;
	json_object_foreach(ro, k, v) {
		if (!json_is_string(v) || st->n_react >= (int)ARRAY_LEN(st->react_from)) continue;
		snprintf(st->react_from[st->n_react], sizeof st->react_from[0], "%s", k);
		snprintf(st->react_to[st->n_react], sizeof st->react_to[0], "%s", json_string_value(v));
		st->n_react++;
	}
	if ((rc = words(j, "enter", st->enter_words, sizeof st->enter_words, file)) < 0) goto end;
	if ((rc = words(j, "exit", st->exit_words, sizeof st->exit_words, file)) < 0) goto end;
	if (st->sub_cjk < 2 || st->sub_latin < 4) {
		rc = err_set(ERR_INPUT, "%s: subtitle.line_cjk must be 2 or more and subtitle.line_latin 4 or more", file);
		goto end;
	}
	if (st->idle_hz <= 0) { rc = err_set(ERR_INPUT, "%s: motion.rate_hz must be above 0", file); goto end; }
	if (st->margin < 0 || st->margin > 0.5) { rc = err_set(ERR_INPUT, "%s: camera.margin must be within 0..0.5", file); goto end; }
end:
	json_decref(j);
	free(file);
	return rc;
}

/* Through art_png_encode (zlib level 3, the Up filter; the pixels cairo's writer stores):
 * the cover, its variants, the contact sheet, the cover frame and the 72 thumbnails of a
 * 1080 make took about 1.2 s of CPU in cairo's writer (level 6, every filter per row). */
int rpng_write(cairo_surface_t *s, const char *path)
{
	struct sbuf b = { 0 };
	int rc = art_png_encode(s, &b);
	if (rc == 0) rc = file_write_replace(path, b.s, b.len);   /* (no fsync, as cairo's writer) */
	sb_free(&b);
	return rc;
}

/* The parts of style.json that segment kind `part` is drawn from: the cover's colours
 * are drawn into no segment, the cards' into the title and end card only, the subtitle's
 * into shots that show one. So a title or cover style edit leaves the shots' cache valid.
 * Returns compact JSON with sorted keys (caller frees), or NULL when txt is no JSON
 * object (the caller then hashes txt whole). */
char *rstyle_part(const char *txt, enum rstyle_part part)
{
	json_t *j = txt ? json_loads(txt, 0, NULL) : NULL;
	if (!json_is_object(j)) {
		json_decref(j);
		return NULL;
	}
	json_object_del(j, "cover");
	if (part != RSTYLE_SHOT_SUB) json_object_del(j, "subtitle");
	if (part != RSTYLE_TITLE && part != RSTYLE_END) json_object_del(j, "title_card");   /* both cards' background */
	if (part != RSTYLE_END) json_object_del(j, "end_card");
	char *out = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	return out;
}
