/* pipeline/pipeline.c — the stages in order over a project folder. */
#include "pipeline/pipeline.h"
#include "story/story.h"
#include "art/art.h"
#include "voice/voice.h"
#include "music/music.h"
#include "render/render.h"
#include "net/net.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void pipeline_out_free(struct pipeline_out *o)
{
	for (size_t i = 0; i < o->n; i++) free(o->paths[i]);
	free(o->paths);
	memset(o, 0, sizeof *o);
}

static void out_add(struct pipeline_out *o, const struct project *p, const char *rel)
{
	if (!o) return;
	char *path = project_path(p, rel);
	if (file_exists(path)) {
		xgrow((void **)&o->paths, &o->cap, o->n, sizeof *o->paths);
		o->paths[o->n++] = path;
	} else {
		free(path);
	}
}

/* CPU seconds (user + system) of the process or of the calling thread. */
static double cpu_sec(clockid_t id)
{
	struct timespec ts;
	if (clock_gettime(id, &ts) < 0) return 0;
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

void pipeline_apply(struct project *p, const struct pipeline_over *ov)
{
	struct settings *st = &p->set;
	if (ov->width) st->width = ov->width;
	if (ov->height) st->height = ov->height;
	if (ov->fps) st->fps = ov->fps;
	if (ov->episodes) st->episodes = ov->episodes;
	if (ov->crf) st->crf = ov->crf;
	if (ov->minutes > 0) st->minutes = ov->minutes;
	if (ov->lang[0]) snprintf(st->lang, sizeof st->lang, "%s", ov->lang);
	if (ov->seed_set) st->seed = ov->seed;
	if (ov->preset[0]) snprintf(st->preset, sizeof st->preset, "%s", ov->preset);
}

/* What the storyboard was made from, so a rerun of the same `make` resumes instead of
 * rewriting (and so never overwrites the user's edits). */
char *pipeline_source_key(const struct project *p, const struct pipeline_req *r)
{
	struct hash h;
	char hex[33];
	hash_init(&h);
	hash_str(&h, r->keywords);
	if (r->from) {
		char *text = NULL;
		size_t n = 0;
		if (file_read_all(r->from, &text, &n) == 0) hash_add(&h, text, n);
		free(text);
	}
	hash_str(&h, p->set.lang);
	hash_num(&h, (double)p->set.seed);
	hash_num(&h, p->set.episodes);
	hash_num(&h, p->set.minutes);
	hash_hex(&h, hex);
	return xstrdup(hex);
}

/* The input size limit (drama.json "max_input_mb", default 20): a clear message before
 * anything is read. */
static int check_input_size(const struct project *p, const char *from)
{
	struct stat st;
	if (!from || stat(from, &st) < 0 || !S_ISREG(st.st_mode)) return 0;
	double mb = (double)st.st_size / (1024.0 * 1024.0), lim = p->set.max_input_mb > 0 ? p->set.max_input_mb : 20;
	if (mb <= lim) return 0;
	return err_set(ERR_INPUT, "%s is %.1f MB, over the %g MB input limit; split it into parts (one project each), "
	               "or raise \"max_input_mb\" in %s/drama.json", from, mb, lim, p->dir);
}

static double mtime(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0) return -1;
	return st.st_mtim.tv_sec + st.st_mtim.tv_nsec * 1e-9;
}

/* script.fountain says what the storyboard would write: a newer file time alone (a copied
 * or restored project folder) is not an edit, and importing it would drop the voiced
 * lines' audio. */
static int fountain_is_export(const struct series *s, const char *fp)
{
	char *txt = NULL;
	size_t n = 0;
	struct sbuf f = { 0 };
	int same = file_read_all(fp, &txt, &n) == 0 && story_to_fountain(s, &f) == 0 && f.len == n &&
	           (!n || !memcmp(f.s, txt, n));
	free(txt);
	sb_free(&f);
	return same;
}

int pipeline_fountain_edited(const struct project *p)
{
	char *fp = project_path(p, "script.fountain"), *bp = project_path(p, "storyboard.json");
	double tf = mtime(fp), tb = mtime(bp);
	int edited = p->s && tf > 0 && tb > 0 && tf > tb && !fountain_is_export(p->s, fp);
	free(fp);
	free(bp);
	return edited;
}

int pipeline_reimport_if_edited(struct project *p)
{
	char *fp = project_path(p, "script.fountain"), *bp = project_path(p, "storyboard.json");
	int rc = 0;
	if (pipeline_fountain_edited(p)) {
		log_info("drama", "script.fountain was edited after storyboard.json: importing it");
		rc = story_stage(p, NULL, fp);
		if (rc == 0) rc = 1;
	}
	free(fp);
	free(bp);
	return rc;
}

static int stage_opts_for(const struct pipeline_req *r, struct stage_opts *o)
{
	memset(o, 0, sizeof *o);
	o->episode = r ? r->episode : 0;
	o->preview = r ? r->preview : 0;
	o->force = 0;
	return 0;
}

static int run_design(struct project *p, const struct stage_opts *o)
{
	const struct art_backend *a = art_backend_get(p->set.art);
	if (!a) return ERR_INPUT;
	if (!a->design) return err_set(ERR_GENERIC, "the %s art backend cannot design", a->name);
	return a->design(p, o);
}

static int stage_run(const char *name, struct project *p, const struct pipeline_req *r, struct pipeline_out *out,
                     const struct stage_opts *op, const struct ai_config *cfg);

/* The AI configuration for a project: files and environment, then command-line values. */
static int load_ai(const struct project *p, const struct pipeline_req *r, struct ai_config *cfg)
{
	int rc = ai_config_load(p->dir, cfg);
	if (rc < 0) return rc;
	if (r && r->strict) ai_config_set(cfg, "strict", "1");
	for (size_t i = 0; r && r->ai_set && r->ai_set[i]; i++) {
		const char *eq = strchr(r->ai_set[i], '=');
		if (!eq) return err_set(ERR_INPUT, "--set %s: write KEY=VALUE, like --set llm.model=qwen2.5", r->ai_set[i]);
		char *key = xstrndup(r->ai_set[i], (size_t)(eq - r->ai_set[i]));
		rc = ai_config_set(cfg, key, eq + 1);
		free(key);
		if (rc < 0) return rc;
	}
	return 0;
}

/* Which art backend: the project's choice, or an AI one when it is configured and the
 * project keeps the default. */
static void choose_art(struct project *p, const struct ai_config *cfg)
{
	if (strcmp(p->set.art, "procedural")) return;
	if (ai_comfyui_configured(cfg)) snprintf(p->set.art, sizeof p->set.art, "comfyui");
	else if (ai_images_configured(cfg)) snprintf(p->set.art, sizeof p->set.art, "images-api");
}

static int script_stage(struct project *p, const struct pipeline_req *r, const struct ai_config *cfg)
{
	const char *from = r ? r->from : NULL;
	char *kw = r && r->keywords ? xstrdup(r->keywords) : NULL, *why = NULL;
	int rc;
	if ((rc = check_input_size(p, from)) < 0) goto end;
	/* keywords are text at the input boundary too: repaired once here for either engine */
	size_t kn = kw ? strlen(kw) : 0;
	if (kw && (rc = story_text_repair("keywords", &kw, &kn, 0)) < 0) goto end;
	const struct story_backend *b = story_backend_for(cfg, from);
	if (b != &story_embedded) {
		rc = b->stage(p, kw, from, cfg);
		if (rc == 0) ai_fallback_clear(p, "script");
		if (rc != ERR_NET || cfg->strict) goto end;
		why = xstrdup(err_msg());
		log_warn("drama", "%s; writing with the embedded story engine instead (--strict to stop here)", why);
	}
	rc = story_embedded.stage(p, kw, from, cfg);
	if (rc == 0 && why) ai_fallback_note(p, "script", why);   /* the next make asks the LLM again */
	else if (rc == 0) ai_fallback_clear(p, "script");
end:
	free(why);
	free(kw);
	return rc;
}

static int voice_any(struct project *p, const struct stage_opts *o, const struct ai_config *cfg)
{
	const struct voice_backend *b = voice_backend_for(p, cfg);
	if (b != &voice_embedded) {
		ai_fallback_retry(p, "voice");
		int rc = b->stage(p, o, cfg);
		if (rc == 0) ai_fallback_clear(p, "voice");
		if (rc != ERR_NET || cfg->strict) return rc;
		char *why = xstrdup(err_msg());
		log_warn("drama", "%s; speaking with the embedded voices instead (--strict to stop here)", why);
		if ((rc = voice_embedded.stage(p, o, cfg)) == 0) ai_fallback_note(p, "voice", why);
		free(why);
		return rc;
	}
	return voice_embedded.stage(p, o, cfg);
}

static int design_any(struct project *p, const struct stage_opts *o, const struct ai_config *cfg)
{
	int ai = strcmp(p->set.art, "procedural") != 0;
	if (ai) ai_fallback_retry(p, "design");
	int rc = run_design(p, o);
	if (rc == 0 && ai) ai_fallback_clear(p, "design");
	if (rc == ERR_NET && !cfg->strict && ai) {
		char *why = xstrdup(err_msg());
		log_warn("drama", "%s; drawing with the procedural art instead (--strict to stop here)", why);
		snprintf(p->set.art, sizeof p->set.art, "procedural");
		if ((rc = run_design(p, o)) == 0) ai_fallback_note(p, "design", why);
		free(why);
	}
	return rc;
}

/* design --shot E.S[.H] [--again]: one shot through the AI image backend. */
static int design_shot(struct project *p, const struct pipeline_req *r, const struct ai_config *cfg, struct pipeline_out *out)
{
	unsigned e = 0, sc = 0, sh = 0;
	int n = sscanf(r->shot, "%u.%u.%u", &e, &sc, &sh);
	if (n == 2) { sh = sc; sc = e; e = r->episode ? (unsigned)r->episode : 1; }
	if (n < 2 || !e || !sc || !sh)
		return err_set(ERR_INPUT, "--shot %s: write SCENE.SHOT or EPISODE.SCENE.SHOT, like --shot 3.4", r->shot);
	if (!ai_comfyui_configured(cfg) && !ai_images_configured(cfg))
		return err_set(ERR_INPUT, "--shot needs an AI image backend: set DRAMA_COMFYUI_URL (see docs/ai-backends.md)");
	if (e > p->s->n_eps || sc > p->s->eps[e - 1].n_scenes || sh > p->s->eps[e - 1].scenes[sc - 1].n_shots)
		return err_set(ERR_INPUT, "--shot %s: there is no such shot in storyboard.json", r->shot);
	char *img = NULL, *vid = NULL;
	int rc = ai_shot_generate(p, cfg, e - 1, sc - 1, sh - 1, r->again, &img, &vid);
	if (rc == 0) {
		if (img) out_add(out, p, img);
		if (vid) out_add(out, p, vid);
	}
	free(img);
	free(vid);
	return rc;
}

int pipeline_doctor(const char *dir, struct sbuf *report)
{
	return doctor_run(dir, report);
}

/* pipeline_stage with the render's sound_wait (NULL: none). */
static int stage_waiting(const char *name, struct project *p, const struct pipeline_req *r, struct pipeline_out *out,
                         int (*sound_wait)(void *), void *sound_arg)
{
	struct stage_opts o;
	stage_opts_for(r, &o);
	o.sound_wait = sound_wait;
	o.sound_arg = sound_arg;
	struct ai_config cfg;
	int rc = load_ai(p, r, &cfg);
	if (rc < 0) { ai_config_free(&cfg); return rc; }
	choose_art(p, &cfg);
	ai_art_bind(p->dir, &cfg);
	double t0 = now_sec(), c0 = cpu_sec(CLOCK_PROCESS_CPUTIME_ID);
	ai_ledger_stage_begin(name);
	rc = stage_run(name, p, r, out, &o, &cfg);
	ai_ledger_stage_end(name);
	double cpu = cpu_sec(CLOCK_PROCESS_CPUTIME_ID) - c0;
	ai_ledger_stage_cpu(name, cpu);
	double rss, hwm;
	mem_now(&rss, &hwm);
	log_debug("pipeline", "after stage %s: %.1f s wall, %.1f s CPU, rss %.0f MB, peak %.0f MB", name,
	          now_sec() - t0, cpu, rss, hwm);
	ai_art_bind(NULL, NULL);
	ai_config_free(&cfg);
	return rc;
}

int pipeline_stage(const char *name, struct project *p, const struct pipeline_req *r, struct pipeline_out *out)
{
	return stage_waiting(name, p, r, out, NULL, NULL);
}

/* The files a render of o's episodes (all: 0) wrote, into out. */
static void render_outputs(const struct project *p, const struct stage_opts *o, struct pipeline_out *out)
{
	for (size_t i = 0; i < p->s->n_eps; i++) {
		int n = p->s->eps[i].number;
		if (o->episode && n != o->episode) continue;
		static const char *const ext[] = { "mp4", "srt", "ass", "cover.png", "contact.png", "preview.mp4" };
		for (size_t k = 0; k < ARRAY_LEN(ext); k++) {
			if (o->preview != (k == 5)) continue;
			char *rel = xasprintf("ep%02d.%s", n, ext[k]);
			out_add(out, p, rel);
			free(rel);
		}
	}
}

/* The character sheets and location cards, into out. */
static void design_outputs(const struct project *p, struct pipeline_out *out)
{
	for (size_t i = 0; i < p->s->n_chars; i++) {
		char *safe = path_safe_name(p->s->chars[i].name), *rel = xasprintf("characters/%s.png", safe);
		out_add(out, p, rel);
		free(safe);
		free(rel);
	}
	for (size_t i = 0; i < p->s->n_locs; i++) {
		char *safe = path_safe_name(p->s->locs[i].name), *rel = xasprintf("locations/%s.png", safe);
		out_add(out, p, rel);
		free(safe);
		free(rel);
	}
}

static int stage_run(const char *name, struct project *p, const struct pipeline_req *r, struct pipeline_out *out,
                     const struct stage_opts *op, const struct ai_config *cfg)
{
	struct stage_opts o = *op;
	int rc;
	if (!strcmp(name, "script")) {
		if (p->s && (!r || !r->force)) {
			return err_set(ERR_INPUT, "%s/storyboard.json already exists; add --force to replace it "
			               "(or edit it, or script.fountain, and run the next stage)", p->dir);
		}
		if (p->s) {
			char *bp = project_path(p, "storyboard.json"), *bak = project_path(p, "storyboard.json.bak");
			series_save(p->s, bak);
			free(bp);
			free(bak);
		}
		/* the input's key goes into drama.json before the new storyboard (project_save) */
		free(p->source);
		p->source = pipeline_source_key(p, r);
		rc = script_stage(p, r, cfg);
		if (rc == 0) {
			out_add(out, p, "storyboard.json");
			out_add(out, p, "script.fountain");
		}
		return rc;
	}
	if (!p->s)
		return err_set(ERR_INPUT, "%s has no storyboard.json yet; run `drama script %s KEYWORDS` (or `drama make`) first",
		               p->dir, p->dir);
	if (!strcmp(name, "sheet")) return pipeline_series_finish(p, 1, 1, out);
	/* an episode writer did this in pipeline_episode_prepare */
	if ((!r || !r->per_episode) && (rc = pipeline_reimport_if_edited(p)) < 0) return rc;
	if (!strcmp(name, "design") && r && r->shot) {
		rc = design_shot(p, r, cfg, out);
	} else if (!strcmp(name, "design")) {
		/* cast voices first (fills only missing ones) so the sheets can show them */
		if ((rc = voice_cast(p->s)) < 0) return rc;
		rc = design_any(p, &o, cfg);
	}
	else if (!strcmp(name, "voice")) rc = voice_any(p, &o, cfg);
	else if (!strcmp(name, "music")) rc = music_stage(p, &o);
	else if (!strcmp(name, "render")) rc = render_stage(p, &o);
	else return err_set(ERR_INPUT, "unknown stage \"%s\"", name);
	if (rc < 0) return rc;
	if ((rc = r && r->per_episode ? pipeline_episode_save(p, r) : project_save(p)) < 0) return rc;
	if (!strcmp(name, "design")) design_outputs(p, out);
	if (!strcmp(name, "render")) render_outputs(p, &o, out);
	return 0;
}

/* The run's ledger: DIR/ledger.json (with eps, the episode writers' own ledgers under
 * "episodes") and a summary on stderr. */
static void write_ledger(const struct project *p, struct pipeline_out *out, json_t *eps)
{
	char *path = project_path(p, "ledger.json");
	int rc = ai_ledger_write(path, 0);
	if (rc == 0 && eps && json_object_size(eps)) {
		json_error_t je;
		json_t *j = json_load_file(path, 0, &je);
		rc = j ? json_object_set(j, "episodes", eps) : err_set(ERR_IO, "%s: %s", path, je.text);
		if (rc == 0) rc = json_save_atomic(j, path, JSON_INDENT(2));
		json_decref(j);
	}
	if (rc < 0) log_warn("drama", "%s", err_msg());
	else out_add(out, p, "ledger.json");
	free(path);
	struct sbuf b = { 0 };
	ai_ledger_summary(&b);
	if (b.len) log_info("drama", "ledger:\n%s", b.s);
	sb_free(&b);
}

int pipeline_series_finish(struct project *p, int sheet, int merge, struct pipeline_out *out)
{
	int rc = 0;
	if (sheet) {
		char *path = project_path(p, "series.contact.png");
		if ((rc = render_series_sheet(p, path)) == 0) out_add(out, p, "series.contact.png");
		free(path);
	}
	json_t *eps = NULL;
	if (merge) pipeline_ledger_merge(p, &eps);
	write_ledger(p, out, eps);
	json_decref(eps);
	return rc;
}

/* Copy one small file from src to dst (atomic), keeping its modification time (the
 * screenplay/storyboard order decides whether script.fountain was edited). Absent = 0. */
static int copy_keep_time(const char *src, const char *dst)
{
	char *data = NULL;
	size_t n = 0;
	struct stat st;
	if (stat(src, &st) < 0) return 0;
	int rc = file_read_all(src, &data, &n);
	if (rc == 0) rc = file_write_atomic(dst, data, n);
	free(data);
	if (rc == 0) {
		struct timespec t[2] = { st.st_atim, st.st_mtim };
		utimensat(AT_FDCWD, dst, t, 0);
	}
	return rc;
}

/* dst -> src as a symbolic link, unless src is absent or dst exists. */
static int link_one(const char *src, const char *dst)
{
	struct stat st;
	if (!file_exists(src) || lstat(dst, &st) == 0) return 0;
	if (symlink(src, dst) < 0) return err_set(ERR_IO, "cannot link %s to %s: %s", dst, src, strerror(errno));
	return 0;
}

/* dst as a folder holding a link to each file of the folder src, and such a folder for each
 * folder in it, depth levels down (a stage writes its lists and temporary files in dst). */
static int link_entries(const char *src, const char *dst, int depth)
{
	int rc = mkdir_p(dst);
	DIR *d = rc == 0 ? opendir(src) : NULL;
	struct dirent *e;
	while (d && rc == 0 && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
		char *a = path_join(src, e->d_name), *b = path_join(dst, e->d_name);
		struct stat st;
		if (depth > 0 && stat(a, &st) == 0 && S_ISDIR(st.st_mode)) rc = link_entries(a, b, depth - 1);
		else rc = link_one(a, b);
		free(a);
		free(b);
	}
	if (d) closedir(d);
	return rc;
}

int pipeline_render_folder(const char *src, const char *dst)
{
	static const char *const files[] = { "drama.json", "script.fountain", "storyboard.json" };
	static const char *const dirs[] = { "cache", "characters", "locations" };
	char *rs = realpath(src, NULL);
	int rc = 0;
	if (!rs) return err_set(ERR_NOTFOUND, "project folder %s does not exist", src);
	char *sb = path_join(rs, "storyboard.json");
	if (!file_exists(sb)) rc = err_set(ERR_INPUT, "%s has no storyboard.json yet; run `drama make` or `drama script` there first", src);
	free(sb);
	if (rc == 0 && (rc = mkdir_p(dst)) < 0) rc = err_set(ERR_IO, "%s; choose another folder with --out", err_msg());
	char *rd = rc == 0 ? realpath(dst, NULL) : NULL;
	if (rc == 0 && rd && !strcmp(rs, rd))
		rc = err_set(ERR_INPUT, "--out %s is the project folder itself; give another folder", dst);
	for (size_t i = 0; rc == 0 && i < ARRAY_LEN(files); i++) {
		char *a = path_join(rs, files[i]), *b = path_join(dst, files[i]);
		rc = copy_keep_time(a, b);
		free(a);
		free(b);
	}
	/* the project's designs and each cache entry are used where they are (read only, when
	 * all is made); DST/cache and its folders are DST's own, for lists and temporary files */
	for (size_t i = 0; rc == 0 && i < ARRAY_LEN(dirs); i++) {
		char *a = path_join(rs, dirs[i]), *b = path_join(dst, dirs[i]);
		if (!strcmp(dirs[i], "cache") && file_exists(a)) rc = link_entries(a, b, 1);
		else rc = link_one(a, b);
		free(a);
		free(b);
	}
	free(rd);
	free(rs);
	return rc;
}

/* ---- design beside voice and music ----
 * design (character sheets, location cards: cairo and zlib on one core, ~2 s for the
 * demo) needs nothing from voice or music and they need nothing from it once the voices
 * are cast, so with the embedded backends it runs on a thread of its own while this one
 * voices the lines (flite, one core) and then makes the cues (two workers). Design writes
 * the looks and its pictures; voice and music write lines' audio and scenes' music and
 * their caches: no field is written by both, and the storyboard is saved once after both,
 * as the serial order's last save would write it. DRAMA_SERIAL_STAGES=1 runs them one
 * after another (the comparison in tests and for measuring). */
struct design_job {
	struct project *p;
	struct stage_opts o;
	const struct ai_config *cfg;
	int rc, failed;                  /* failed: set (atomically) as soon as design has failed */
	double cpu;
	char err[2048];
};

static void *design_main(void *arg)
{
	struct design_job *d = arg;
	progress_quiet(1);                   /* the voice and music bars own the terminal line */
	double c0 = cpu_sec(CLOCK_THREAD_CPUTIME_ID);
	ai_ledger_stage_begin("design");
	d->rc = design_any(d->p, &d->o, d->cfg);
	ai_ledger_stage_end("design");
	d->cpu = cpu_sec(CLOCK_THREAD_CPUTIME_ID) - c0;
	if (d->rc < 0) {
		snprintf(d->err, sizeof d->err, "%s", err_msg());
		__atomic_store_n(&d->failed, 1, __ATOMIC_RELEASE);
	}
	progress_quiet(0);                   /* (run on the caller's thread when no thread could start) */
	return NULL;
}

/* ---- the preview's music beside its render ----
 * The cues (fluidsynth on two workers, ~4 s of CPU for the demo) need only the timeline
 * the voices fixed, and the render needs them only when it mixes: in the preview (mixed
 * on a thread beside the frames) the render starts as soon as the cues are planned and
 * each scene's music file named, and its mix waits for them (stage_opts.sound_wait). The
 * frames alone left a core idle for part of the render (11.7 s of CPU in 7.6 s wall,
 * quiet). The cues and so the MP4 are the same bytes as one after the other (test
 * pipeline_preview_music_beside_same_bytes). At full size only for an edit
 * (MUSIC_BESIDE_FULL): all the cues' memory beside x264's would go over the 300 MB cap. */
struct music_job {
	struct music_plan *pl;
	pthread_mutex_t mu;
	pthread_t th;
	int started, joined, rc;
	char err[2048];
};

static void *music_main(void *arg)
{
	struct music_job *m = arg;
	progress_quiet(1);                   /* the render's bar owns the terminal line */
	const char *slow = getenv("DRAMA_TEST_MUSIC_LATE");   /* test seam: the cues start late */
	if (slow && *slow) usleep((useconds_t)(atof(slow) * 1e6));
	m->rc = music_plan_make(m->pl);
	if (m->rc < 0) snprintf(m->err, sizeof m->err, "%s", err_msg());
	progress_quiet(0);
	return NULL;
}

/* stage_opts.sound_wait: the cues made (joined once); 0 or the music's error. */
static int music_wait(void *arg)
{
	struct music_job *m = arg;
	pthread_mutex_lock(&m->mu);
	if (m->started && !m->joined) {
		pthread_join(m->th, NULL);
		m->joined = 1;
		ai_ledger_stage_end("music");
		log_debug("pipeline", "the music beside the render is made");
	}
	int rc = m->rc;
	pthread_mutex_unlock(&m->mu);
	return rc < 0 ? err_set(rc, "%s", m->err) : 0;
}

/* At full size the cues are made beside the render only when at most this many are
 * missing: an edit (a line's new length makes its scene's cue again). The cue is made
 * while the render sets up (the cache checks hash every segment); the render waits for
 * it before x264 starts (render.c), so a cue's memory never meets x264's. A fresh make's
 * cues are made before the render, as before. */
#define MUSIC_BESIDE_FULL 1

/* Plan the cues and make the missing ones on a thread when there are at most `most`
 * (else, or when none is missing or no thread starts, on this one, naming each scene's
 * music). With the thread, the caller names them after the prepare's save
 * (pipeline_make), so a storyboard saved before the cues are made never names a cue
 * that then failed, as in the serial order. */
static int music_start(struct project *p, const struct stage_opts *o, struct music_job *m, size_t most)
{
	ai_ledger_stage_begin("music");
	int rc = music_plan(p, o, &m->pl);
	if (rc < 0) { ai_ledger_stage_end("music"); return rc; }
	size_t missing = music_plan_missing(m->pl);
	if (missing && missing <= most && pthread_create(&m->th, NULL, music_main, m) == 0) {
		m->started = 1;
		return 0;
	}
	if ((rc = music_plan_make(m->pl)) == 0) music_plan_assign(m->pl);
	ai_ledger_stage_end("music");
	return rc;
}

/* 1 if design, voice and music may run side by side for this request and project. */
static int prepare_beside_ok(const struct project *p, const struct pipeline_req *r, const struct ai_config *cfg)
{
	const char *e = getenv("DRAMA_SERIAL_STAGES");
	if (e && *e && strcmp(e, "0")) return 0;
	/* the AI backends bind process-wide state (ai_art_bind) and fall back stage by stage */
	return !r->per_episode && !r->shot && !strcmp(p->set.art, "procedural") &&
	       voice_backend_for(p, cfg) == &voice_embedded;
}

/* make's design, voice and music: side by side when prepare_beside_ok, else 0 is returned
 * and nothing was run (the caller runs them in order). 1 when run, <0 on error (design's
 * before voice's before music's, as the serial order would report). */
static int prepare_beside(struct project *p, const struct pipeline_req *r, struct pipeline_out *out,
                          struct music_job *mj)
{
	struct ai_config cfg;
	int rc = load_ai(p, r, &cfg);
	if (rc < 0) { ai_config_free(&cfg); return rc; }
	choose_art(p, &cfg);
	if (!prepare_beside_ok(p, r, &cfg)) { ai_config_free(&cfg); return 0; }
	ai_art_bind(p->dir, &cfg);
	double t0 = now_sec(), c0 = cpu_sec(CLOCK_PROCESS_CPUTIME_ID);
	ai_ledger_stage_begin("prepare");
	struct design_job d = { .p = p, .cfg = &cfg };
	stage_opts_for(r, &d.o);
	pthread_t th;
	int threaded = 0;
	/* what stage_run does before design, here before the thread: afterwards every voice is
	 * cast, so the voice stage's casting writes nothing the design thread reads */
	if ((rc = pipeline_reimport_if_edited(p)) >= 0 && (rc = voice_cast(p->s)) >= 0) {
		threaded = pthread_create(&th, NULL, design_main, &d) == 0;
		if (!threaded) design_main(&d);
		rc = 0;
	}
	int rv = rc, rm = 0, music_ran = 0;
	double cv = 0;
	if (rv == 0) {
		double c1 = cpu_sec(CLOCK_THREAD_CPUTIME_ID);
		ai_ledger_stage_begin("voice");
		rv = voice_any(p, &d.o, &cfg);
		ai_ledger_stage_end("voice");
		cv = cpu_sec(CLOCK_THREAD_CPUTIME_ID) - c1;
		ai_ledger_stage_cpu("voice", cv);
		char *why = rv < 0 ? xstrdup(err_msg()) : NULL;
		/* a failed design ends the make (as in the serial order): no cues for nothing */
		if (rv == 0 && !__atomic_load_n(&d.failed, __ATOMIC_ACQUIRE) && mj) {
			/* its CPU is the render's when beside it */
			rm = music_start(p, &d.o, mj, r->preview ? (size_t)-1 : MUSIC_BESIDE_FULL);
			music_ran = !mj->started;
		} else if (rv == 0 && !__atomic_load_n(&d.failed, __ATOMIC_ACQUIRE)) {
			ai_ledger_stage_begin("music");
			rm = music_stage(p, &d.o);
			ai_ledger_stage_end("music");
			music_ran = 1;
		}
		if (threaded) pthread_join(th, NULL);
		if (why) err_set(rv, "%s", why);
		free(why);
	}
	ai_ledger_stage_end("prepare");
	double cpu = cpu_sec(CLOCK_PROCESS_CPUTIME_ID) - c0;
	ai_ledger_stage_cpu("prepare", cpu);
	if (rc == 0) {
		ai_ledger_stage_cpu("design", d.cpu);
		if (music_ran) ai_ledger_stage_cpu("music", cpu - d.cpu - cv);   /* its workers and this thread */
	}
	char *why = rc == 0 && rv == 0 && rm < 0 ? xstrdup(err_msg()) : NULL;
	if (rc == 0 && d.rc < 0) rc = err_set(d.rc, "%s", d.err);
	else if (rc == 0 && (rc = project_save(p)) == 0) {
		/* the serial order saved after design even when voice then failed */
		design_outputs(p, out);
		if (rv < 0) rc = rv;
		else if (rm < 0) rc = err_set(rm, "%s", why);
	}
	free(why);
	double rss, hwm;
	mem_now(&rss, &hwm);
	log_debug("pipeline", "after design | voice, music: %.1f s wall, %.1f s CPU (design %.1f s CPU on its thread), "
	          "rss %.0f MB, peak %.0f MB", now_sec() - t0, cpu, d.cpu, rss, hwm);
	ai_art_bind(NULL, NULL);
	ai_config_free(&cfg);
	return rc < 0 ? rc : 1;
}

int pipeline_make(const struct pipeline_req *r, struct pipeline_out *out)
{
	ai_ledger_reset();
	struct project *p = NULL;
	struct music_job mj = { 0 };         /* the preview's cues beside its render (ended at end:) */
	int rc;
	if ((!r->keywords || !*r->keywords) && !r->from)
		return err_set(ERR_INPUT, "nothing to make: give keywords (drama make \"palace, revenge\") or --from FILE");
	if (r->from && !file_exists(r->from))
		return err_set(ERR_NOTFOUND, "--from %s: no such file; check the path", r->from);
	if ((rc = project_open(r->dir, 1, &p)) < 0) return rc;
	pthread_mutex_init(&mj.mu, NULL);
	pipeline_apply(p, &r->over);
	char *key = NULL, *old = NULL;
	if ((rc = check_input_size(p, r->from)) < 0) goto end;
	key = pipeline_source_key(p, r);
	old = project_read_source(p);
	if (p->s && !r->force && !str_eq(old, key)) {
		rc = err_set(ERR_INPUT, "%s already holds a different project (its storyboard.json was made from other input); "
		             "use another folder with -o, or add --force to replace it", p->dir);
		goto end;
	}
	if (!p->s || r->force) {
		struct pipeline_req rr = *r;
		rr.force = 1;
		if ((rc = pipeline_stage("script", p, &rr, out)) < 0) goto end;
	} else if (ai_fallback_retry(p, "script") == 1) {
		struct pipeline_req rr = *r;        /* the last run fell back: not a result to keep */
		rr.force = 1;
		if ((rc = pipeline_stage("script", p, &rr, out)) < 0) goto end;
	} else {
		log_info("drama", "resuming the project in %s (storyboard.json kept)", p->dir);
	}
	static const char *const stages[] = { "design", "voice", "music", "render" };
	int side_by_side = r->jobs > 1 && p->s->n_eps > 1 && !r->episode;
	size_t first = 0;
	if (!side_by_side) {
		if ((rc = prepare_beside(p, r, out, &mj)) < 0) goto end;
		if (mj.started) music_plan_assign(mj.pl);   /* for the render; saved after it, when all is made */
		if (rc == 1) first = 3;        /* design, voice and music done (or the cues being made) */
	}
	for (size_t i = first; i < (side_by_side ? 1 : ARRAY_LEN(stages)); i++)
		if ((rc = stage_waiting(stages[i], p, r, out, mj.started ? music_wait : NULL, &mj)) < 0) goto end;
	if ((rc = music_wait(&mj)) < 0) goto end;   /* (made already when the render mixed) */
	if (side_by_side) {
		/* the episodes' voice, music and render in child processes; then the storyboard
		 * they merged their episodes into is the project's */
		ai_ledger_stage_begin("episodes");
		rc = pipeline_run_episodes(p, r, r->exe);
		ai_ledger_stage_end("episodes");
		if (rc < 0) goto end;
		char *dir = xstrdup(p->dir);
		project_free(p);
		p = NULL;
		rc = project_open(dir, 0, &p);
		free(dir);
		if (rc < 0) goto end;
		struct stage_opts o;
		stage_opts_for(r, &o);
		render_outputs(p, &o, out);
	}
	rc = pipeline_series_finish(p, p->s->n_eps > 1 && !r->episode && !r->preview, side_by_side, out);
end:
	if (mj.started) {                  /* a failed make: the cue thread ends before the storyboard goes */
		char *why = rc < 0 ? xstrdup(err_msg()) : NULL;
		music_wait(&mj);
		if (why) err_set(rc, "%s", why);
		free(why);
	}
	music_plan_free(mj.pl);
	pthread_mutex_destroy(&mj.mu);
	free(key);
	free(old);
	project_free(p);
	return rc;
}
