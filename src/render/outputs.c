/* render/outputs.c — the episode's outputs kept when what they are made from is
 * unchanged: the hashes of what the MP4, the subtitle files, the cover and the contact
 * sheet are made from, the record cache/shots/epNN[.preview].outputs ("NAME HASH SIZE"
 * lines), and the sidecars (subtitles, cover, contact sheet) made unless kept. */
#include "render/render_internal.h"
#include "render/render.h"
#include "music/music.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* What the cover (cover.c) is composed from, not its segment's frame: the titles, the
 * style, the characters and locations, the first scene's place, and who speaks in which
 * shot and the insert shots' props (its two leads and its prop), not what they say: a
 * line's new words leave it as it is (three PNGs, about 0.4 s of CPU at 1080x1920). */
static void cover_hash(const struct rctx *c, const char *style, struct hash *h)
{
	hash_str(h, "cover");
	hash_str(h, style);
	hash_str(h, c->art->name);
	hash_num(h, c->W);
	hash_num(h, c->H);
	hash_num(h, (double)c->seed);
	json_t *j = series_to_json(c->s);
	rhash_json(h, json_object_get(j, "characters"));
	rhash_json(h, json_object_get(j, "locations"));
	json_decref(j);
	for (size_t i = 0; i < c->ep->n_scenes; i++) {
		const struct scene *sc = &c->ep->scenes[i];
		hash_str(h, sc->location);
		hash_str(h, sc->time);
		hash_str(h, sc->weather);
		for (size_t k = 0; k < sc->n_shots; k++) {
			const struct shot *sh = &sc->shots[k];
			hash_str(h, sh->type);
			hash_str(h, sh->action);
			hash_str(h, sh->line ? sh->line->speaker : NULL);
		}
	}
}

/* The hashes of what the episode's outputs are made from: hv the MP4 (its segments and
 * the mix), ht the subtitle files (storyboard, timeline, style, word highlight), hp the
 * contact sheet (segments, titles, style), hc the cover (cover_hash). */
void routput_hashes(const struct rctx *c, const struct seginfo *sg, size_t n, size_t cover, const char *style,
                           int preview, char hv[33], char ht[33], char hp[33], char hc[33])
{
	struct hash h, m;
	hash_init(&m);
	mix_hash(c->p, c->ep, &c->tl, &m);
	char mh[33];
	hash_hex(&m, mh);
	hash_init(&h);
	hash_str(&h, "mp4");
	hash_str(&h, rrender_version());
	hash_num(&h, preview);
	for (size_t k = 0; k < n; k++) hash_str(&h, sg[k].hash);
	hash_str(&h, mh);
	hash_hex(&h, hv);
	hash_init(&h);
	hash_str(&h, "subtitles");
	hash_str(&h, rrender_version());
	hash_str(&h, mh);                    /* the storyboard, the timeline, the lines' audio */
	for (size_t i = 0; i < c->tl.n_shots; i++) {   /* word timings (long cues are split by them) */
		const struct line *ln = c->tl.shots[i].sh->line;
		if (!ln || !ln->audio) continue;
		char *rel = rlip_timing_rel(ln->audio), *path = project_path(c->p, rel), *txt = NULL;
		size_t len = 0;
		if (file_read_all(path, &txt, &len) == 0) hash_add(&h, txt, len);
		else err_clear();
		free(txt);
		free(path);
		free(rel);
	}
	hash_str(&h, style);
	hash_num(&h, c->W);
	hash_num(&h, c->H);
	hash_num(&h, rsettings_word_highlight(c->p));
	hash_hex(&h, ht);
	hash_init(&h);
	hash_str(&h, "pictures");
	hash_str(&h, rrender_version());
	hash_str(&h, style);
	hash_str(&h, c->s->title);
	hash_num(&h, c->ep->number);
	hash_str(&h, c->ep->title);
	hash_num(&h, c->zh);
	hash_num(&h, (double)cover);
	for (size_t k = 0; k < n; k++) hash_str(&h, sg[k].hash);
	hash_hex(&h, hp);
	hash_init(&h);
	hash_str(&h, rrender_version());
	hash_str(&h, c->s->title);
	hash_num(&h, c->ep->number);
	hash_str(&h, c->ep->title);
	hash_num(&h, c->zh);
	cover_hash(c, style, &h);
	hash_hex(&h, hc);
}

static long long file_size_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) ? (long long)st.st_size : -1;
}

/* 1 when the record (lines "NAME HASH SIZE") has name with hash and the file at path
 * still has that size. */
int routput_kept(const char *record, const char *name, const char *hash, const char *path)
{
	long long size = file_size_of(path);
	if (!record || size < 0) return 0;
	char want[600];
	snprintf(want, sizeof want, "%s %s %lld\n", name, hash, size);
	for (const char *l = record; *l; ) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l + 1) : strlen(l);
		if (len == strlen(want) && !memcmp(l, want, len)) return 1;
		l += len;
	}
	return 0;
}

void routput_note(struct sbuf *rec, const char *name, const char *hash, const char *path)
{
	long long size = file_size_of(path);
	if (size >= 0) sb_printf(rec, "%s %s %lld\n", name, hash, size);
}

/* epNN.srt, .ass (from ht), .cover.png (hc), .contact.png (hp), each unless kept. */
int routput_sidecars(const struct rctx *c, const struct episode *ep, const struct seginfo *sg, size_t cover,
                          char **thumbs, const char *old_rec, const char *ht, const char *hp, const char *hc,
                          unsigned which, struct sbuf *rec)
{
	static const char *const ext[4] = { "srt", "ass", "cover.png", "contact.png" };
	int rc = 0;
	for (int i = 0; i < 4 && rc == 0; i++) {
		if (!(which & 1u << i)) continue;
		char *rel = xasprintf("ep%02d.%s", ep->number, ext[i]), *out = project_path(c->p, rel);
		const char *hash = i < 2 ? ht : i == 2 ? hc : hp;
		if (routput_kept(old_rec, rel, hash, out)) {
			log_debug("render", "%s kept: unchanged", rel);
		} else if (i < 2) {
			struct sbuf b = { 0 };
			rc = i == 0 ? render_srt(c->p, ep, &c->tl, &b) : render_ass(c->p, ep, &c->tl, c->W, c->H, NULL, &b);
			if (rc == 0) rc = file_write_atomic(out, b.s ? b.s : "", b.len);
			sb_free(&b);
		} else {
			rc = i == 2 ? render_cover(c, sg[cover].full, out) : render_contact(c, thumbs + 1, out);
		}
		if (rc == 0) routput_note(rec, rel, hash, out);
		free(out);
		free(rel);
	}
	return rc;
}

