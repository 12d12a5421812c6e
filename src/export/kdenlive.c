/* export/kdenlive.c — a Kdenlive project (.kdenlive): MLT XML in the layout Kdenlive
 * 20.08 .. 22.12 writes (document version 1.04; Kdenlive's dev-docs/fileformat.md,
 * "generation 4"):
 *   - the profile; a "black_track" colour producer under everything;
 *   - one avformat producer per media file with kdenlive:id / clipname / clip_type (the
 *     project bin), its volume filter (level in dB, the duck as keyframes);
 *   - the "main_bin" playlist: kdenlive:docproperties.* and one entry per bin clip;
 *   - each timeline track a tractor of two playlists (the second holds same-track mixes;
 *     empty here) with kdenlive:track_name, kdenlive:audio_track;
 *   - the last tractor: black_track, the audio tracks (lowest first), the video track, and
 *     Kdenlive's internal transitions (internal_added 237): "mix" from every audio track
 *     and "qtblend" from the video track into track 0.
 *   - the subtitles as Kdenlive's subtitle track: the avfilter.subtitles filter on the last
 *     tractor (internal_added 237), reading epNN.kdenlive.srt beside the project (the
 *     name Kdenlive gives a project's subtitle file; export.c places it).
 * Resources are relative: MLT and Kdenlive resolve them against the project file's
 * folder when the document has no root attribute. */
#include "export/export.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KD_INTERNAL "237"

struct kd_track { const char *name; int audio; const struct ex_clip *c; size_t n; int lane; const char *prefix; int id0; };

/* The shots on the video track's two playlists (pl[0], pl[1]): a crossfade puts the
 * incoming shot on the other playlist (every other shot stays on the first, as Kdenlive
 * wants), starting at the cut, while the outgoing one plays
 * its handle on; Kdenlive's same-track mix (a luma transition with kdenlive:mixcut, the cut
 * at the mix's start) dissolves them, into *mixes. A dip to black: the outgoing shot plays
 * its handle, the incoming one starts at its head (the brightness keyframes fade them). */
static void video_mixes(const struct ex_episode *e, int id0, struct sbuf pl[2], struct sbuf *mixes)
{
	int64_t at[2] = { 0, 0 };
	int sub = 0;
	for (size_t k = 0; k < e->n_video; k++) {
		const struct ex_clip *c = &e->video[k];
		int xf = k > 0 && !strcmp(c->tr_in, "crossfade") && c->tr_frames > 0;
		int64_t pos = c->start + (xf ? 0 : c->head), in = xf ? 0 : c->head;
		int64_t out = c->frames - 1 + c->tail;
		if (k + 1 < e->n_video && !strcmp(e->video[k + 1].tr_in, "crossfade")) out += e->video[k + 1].tr_frames;
		if (!xf) sub = 0;                        /* Kdenlive keeps a clip outside a mix on the first */
		if (xf) {
			sub = !sub;
			sb_printf(mixes, "    <transition in=\"%lld\" out=\"%lld\">\n", (long long)c->start,
			          (long long)(c->start + c->tr_frames - 1));
			sb_add(mixes, "      <property name=\"a_track\">0</property>\n      <property name=\"b_track\">1</property>\n");
			ex_mlt_prop(mixes, "      ", "mlt_service", "luma");
			ex_mlt_prop(mixes, "      ", "kdenlive_id", "luma");
			ex_mlt_prop(mixes, "      ", "kdenlive:mixcut", "0");
			ex_mlt_prop(mixes, "      ", "reverse", sub == 0 ? "1" : "0");   /* the incoming shot on the lower playlist */
			sb_add(mixes, "    </transition>\n");
		}
		if (pos > at[sub]) sb_printf(&pl[sub], "    <blank length=\"%lld\"/>\n", (long long)(pos - at[sub]));
		sb_printf(&pl[sub], "    <entry producer=\"shot%zu\" in=\"%lld\" out=\"%lld\">\n", k, (long long)in, (long long)out);
		sb_printf(&pl[sub], "      <property name=\"kdenlive:id\">%zu</property>\n    </entry>\n", (size_t)id0 + k);
		at[sub] = pos + out - in + 1;
	}
}

static void track_tractor(struct sbuf *b, const struct ex_episode *e, const struct kd_track *t, int i)
{
	struct sbuf pl[2] = { { 0 }, { 0 } }, mixes = { 0 };
	if (t->c == e->video) video_mixes(e, t->id0, pl, &mixes);
	else ex_mlt_entries(&pl[0], t->prefix, t->c, t->n, t->lane, t->id0);
	for (int k = 0; k < 2; k++)
		sb_printf(b, "  <playlist id=\"playlist%d%c\">\n%s  </playlist>\n", i, 'a' + k, pl[k].s ? pl[k].s : "");
	sb_printf(b, "  <tractor id=\"tractor%d\" in=\"0\" out=\"%lld\">\n", i, (long long)(e->frames - 1));
	ex_mlt_prop(b, "    ", "kdenlive:track_name", t->name);
	if (t->audio) ex_mlt_prop(b, "    ", "kdenlive:audio_track", "1");
	ex_mlt_prop(b, "    ", "kdenlive:trackheight", "60");
	ex_mlt_prop(b, "    ", "kdenlive:timeline_active", "1");
	ex_mlt_prop(b, "    ", "kdenlive:collapsed", "0");
	const char *hide = t->audio ? "video" : "audio";
	sb_printf(b, "    <track hide=\"%s\" producer=\"playlist%da\"/>\n    <track hide=\"%s\" producer=\"playlist%db\"/>\n",
	          hide, i, hide, i);
	if (mixes.s) sb_add(b, mixes.s);
	sb_add(b, "  </tractor>\n");
	for (int k = 0; k < 2; k++) sb_free(&pl[k]);
	sb_free(&mixes);
}

int export_kdenlive(const struct ex_episode *e, struct sbuf *b)
{
	char id[32];
	int nv = (int)e->n_video, nd = (int)e->n_dialogue, nm = (int)e->n_music;
	/* bin ids: shots from 2, then the lines, then the music (Kdenlive keeps 1 for itself) */
	int nx = (int)e->n_effects;
	const struct kd_track tracks[] = {      /* bottom to top: audio first, then video */
		{ "A4 ambience + effects", 1, e->effects, e->n_effects, -1, "effects", 2 + nv + nd + nm },
		{ "A3 music", 1, e->music, e->n_music, 1, "music", 2 + nv + nd },
		{ "A2 music", 1, e->music, e->n_music, 0, "music", 2 + nv + nd },
		{ "A1 dialogue", 1, e->dialogue, e->n_dialogue, -1, "line", 2 + nv },
		{ "V1 shots", 0, e->video, e->n_video, -1, "shot", 2 },
	};
	sb_add(b, "<?xml version='1.0' encoding='utf-8'?>\n<mlt LC_NUMERIC=\"C\" producer=\"main_bin\" version=\"7.12.0\" "
	          "title=\"");
	ex_xml_text(b, e->title);
	sb_add(b, "\">\n");
	ex_mlt_profile(b, e);
	ex_mlt_black(b, e, "black_track", "black", "continue");
	for (int i = 0; i < nv; i++) { snprintf(id, sizeof id, "shot%d", i); ex_mlt_producer(b, id, &e->video[i], 2 + i); }
	for (int i = 0; i < nd; i++) { snprintf(id, sizeof id, "line%d", i); ex_mlt_producer(b, id, &e->dialogue[i], 2 + nv + i); }
	for (int i = 0; i < nm; i++) { snprintf(id, sizeof id, "music%d", i); ex_mlt_producer(b, id, &e->music[i], 2 + nv + nd + i); }
	for (int i = 0; i < nx; i++) {
		snprintf(id, sizeof id, "effects%d", i);
		ex_mlt_producer(b, id, &e->effects[i], 2 + nv + nd + nm + i);
	}
	sb_add(b, "  <playlist id=\"main_bin\">\n");
	ex_mlt_prop(b, "    ", "kdenlive:docproperties.version", "1.04");
	ex_mlt_prop(b, "    ", "kdenlive:docproperties.kdenliveversion", "22.12.3");
	ex_mlt_prop(b, "    ", "kdenlive:docproperties.audioChannels", "2");
	ex_mlt_prop(b, "    ", "kdenlive:docproperties.enableproxy", "0");
	ex_mlt_prop(b, "    ", "kdenlive:docproperties.documentid", "1");
	ex_mlt_prop(b, "    ", "kdenlive:docproperties.position", "0");
	if (e->n_markers) {      /* the scenes as timeline guides: a JSON list, positions in frames */
		json_t *list = json_array();
		for (size_t i = 0; i < e->n_markers; i++)
			json_array_append_new(list, json_pack("{s:s, s:I, s:i}", "comment", e->markers[i].name, "pos",
			                                      (json_int_t)e->markers[i].start, "type", 0));
		char *js = json_dumps(list, JSON_COMPACT);
		json_decref(list);
		if (js) ex_mlt_prop(b, "    ", "kdenlive:docproperties.guides", js);
		free(js);
	}
	ex_mlt_prop(b, "    ", "xml_retain", "1");
	const struct { const char *prefix; const struct ex_clip *c; int n; } bins[] = {
		{ "shot", e->video, nv }, { "line", e->dialogue, nd }, { "music", e->music, nm }, { "effects", e->effects, nx },
	};
	for (size_t k = 0; k < ARRAY_LEN(bins); k++)
		for (int i = 0; i < bins[k].n; i++) {
			const struct ex_clip *c = &bins[k].c[i];
			int64_t len = c->media_frames > c->frames ? c->media_frames : c->frames;
			sb_printf(b, "    <entry producer=\"%s%d\" in=\"0\" out=\"%lld\"/>\n", bins[k].prefix, i, (long long)(len - 1));
		}
	sb_add(b, "  </playlist>\n");
	for (size_t t = 0; t < ARRAY_LEN(tracks); t++) track_tractor(b, e, &tracks[t], (int)t);
	sb_printf(b, "  <tractor id=\"maintractor\" in=\"0\" out=\"%lld\">\n", (long long)(e->frames - 1));
	sb_add(b, "    <track producer=\"black_track\"/>\n");
	for (size_t t = 0; t < ARRAY_LEN(tracks); t++) sb_printf(b, "    <track producer=\"tractor%zu\"/>\n", t);
	for (size_t t = 0; t < ARRAY_LEN(tracks); t++) {
		sb_add(b, "    <transition>\n");
		sb_printf(b, "      <property name=\"a_track\">0</property>\n      <property name=\"b_track\">%zu</property>\n", t + 1);
		ex_mlt_prop(b, "      ", "mlt_service", tracks[t].audio ? "mix" : "qtblend");
		ex_mlt_prop(b, "      ", "kdenlive_id", tracks[t].audio ? "mix" : "qtblend");
		ex_mlt_prop(b, "      ", "internal_added", KD_INTERNAL);
		ex_mlt_prop(b, "      ", "always_active", "1");
		if (tracks[t].audio) ex_mlt_prop(b, "      ", "sum", "1");
		sb_add(b, "    </transition>\n");
	}
	ex_mlt_limiter(b, "    ");   /* a master effect */
	if (e->srt) {         /* the subtitle track */
		char *srt = xasprintf("%s/ep%02d.kdenlive.srt", e->dir, e->number);
		sb_add(b, "    <filter>\n");
		ex_mlt_prop(b, "      ", "mlt_service", "avfilter.subtitles");
		ex_mlt_prop(b, "      ", "internal_added", KD_INTERNAL);
		ex_mlt_prop(b, "      ", "av.filename", srt);
		ex_mlt_prop(b, "      ", "kdenlive:locked", "0");
		sb_add(b, "    </filter>\n");
		free(srt);
	}
	sb_add(b, "  </tractor>\n</mlt>\n");
	return 0;
}
