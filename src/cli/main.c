/* cli/main.c — the `drama` command line. The only place that exits.
 * stdout carries only the paths written; everything else goes to stderr. */
#include "pipeline/pipeline.h"
#include "cli/args.h"
#include "server/server.h"
#include "core/lock.h"
#include "core/util.h"
#include "core/model.h"
#include "core/cache.h"
#include "export/export.h"
#include "cluster/slurm.h"
#include "voice/voice.h"

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *USAGE =
	"drama — a local short-drama studio: keywords, outline, screenplay or novel in,\n"
	"vertical episode out (MP4 with burned subtitles, SRT, cover, storyboard sheet).\n"
	"\n"
	"usage:\n"
	"  drama make [KEYWORDS...] [--from FILE] [-o DIR] [--episodes N] [--lang en|zh]\n"
	"             [--seed N] [--size WxH] [--fps N] [--minutes M] [--preview] [--force]\n"
	"  drama script DIR [KEYWORDS... | --from FILE] [--force]\n"
	"  drama design DIR\n"
	"  drama voice DIR\n"
	"  drama music DIR\n"
	"  drama render DIR [--episode N] [--preview] [--out DIR2]\n"
	"  drama export DIR [--episode N] [--format F] [-o OUT] [--zip]  editable timelines for video editors\n"
	"  drama clean DIR [--all] remove cache entries the storyboard does not use (or all)\n"
	"  drama make ... --slurm [--partition P] [--account A] [--time T] [--gres G]   on a cluster\n"
	"  drama status DIR        each episode's state (Slurm jobs, logs, outputs)\n"
	"  drama sheet DIR         the series contact sheet (every episode's cover) and ledger\n"
	"  drama serve [WORKSPACE] [--port N] [--host ADDR --token T]\n"
	"  drama doctor [DIR]      check the configured AI servers\n"
	"  drama --help | drama COMMAND --help\n"
	"\n"
	"example:\n"
	"  drama make \"ancient time-travel, milk tea shop, prince\" -o demo\n";

struct cmd_help { const char *name, *text; };
static const struct cmd_help HELP[] = {
	{ "make",
	  "usage: drama make [KEYWORDS...] [--from FILE] [-o DIR] [options]\n"
	  "Write, design, voice, score and render episodes in one go.\n"
	  "  KEYWORDS          comma-separated ideas, English or Chinese (\"palace, revenge\", \"穿越, 奶茶店\")\n"
	  "  --from FILE       a .fountain screenplay, a .txt/.md outline or novel text, or a storyboard.json\n"
	  "  -o, --out DIR     project folder (default: a folder named after the keywords or file)\n"
	  "  --episodes N      number of episodes, 1 to 500 (default 1)\n"
	  "  --lang en|zh      language of the script (default: from the input, else en)\n"
	  "  --seed N          story and design seed, 0 to 9223372036854775807 (default 1;\n"
	  "                    the same seed gives the same episode)\n"
	  "  --size WxH        frame size, even numbers from 16 to 7680 (default 1080x1920)\n"
	  "  --fps N           frame rate, 1 to 120 (default 30)\n"
	  "  --minutes M       target episode length in minutes, 0.5 to 30 (default 3)\n"
	  "  --crf N, --preset NAME   libx264 quality 1 to 51 and speed (default 23, veryfast)\n"
	  "  --preview         render a small, fast preview (epNN.preview.mp4) instead of the full episode\n"
	  "  --jobs J          episodes voiced, scored and rendered side by side after the shared script\n"
	  "                    and design (default: the cores, at most one per ~400 MB of free memory;\n"
	  "                    1 = one after another); logs in DIR/logs/epNN.log\n"
	  "  --slurm           submit to Slurm instead: script -> design -> one array task per episode ->\n"
	  "                    final, with dependencies; prints the job ids and returns (docs/cluster.md).\n"
	  "                    Rerun to submit only the failed or missing episodes; `drama status DIR`\n"
	  "  --partition P, --account A, --time T, --gres G   sbatch options for --slurm\n"
	  "  --force           replace a different project already in DIR\n"
	  "  --strict          with AI servers configured: stop instead of falling back to the embedded engines\n"
	  "  --no-fallback     the same as --strict (for the one stage a stage command runs)\n"
	  "  --set KEY=VALUE   an AI setting, e.g. --set llm.url=http://127.0.0.1:8080 --set llm.model=qwen2.5\n"
	  "                    (also DRAMA_LLM_URL, DRAMA_COMFYUI_URL, DRAMA_TTS_URL...; see docs/ai-backends.md)\n"
	  "Rerunning the same command resumes: finished work is reused and your edits to\n"
	  "storyboard.json or script.fountain are kept. Story files over 20 MB are refused\n"
	  "(drama.json \"max_input_mb\" raises the limit); invalid UTF-8 in them is replaced\n"
	  "by U+FFFD with one warning.\n" },
	{ "script",
	  "usage: drama script DIR [KEYWORDS... | --from FILE] [--force] [--lang en|zh] [--seed N] [--episodes N] [--minutes M]\n"
	  "Write DIR/storyboard.json and DIR/script.fountain. With neither keywords nor --from,\n"
	  "re-import DIR/script.fountain after you edited it.\n" },
	{ "design",
	  "usage: drama design DIR [--shot [E.]S.H [--again]]\n"
	  "Design characters and locations: DIR/characters/NAME.png, DIR/locations/NAME.png.\n"
	  "With an AI image backend, --shot 3.4 generates scene 3 shot 4 (--again: regenerate it).\n" },
	{ "doctor",
	  "usage: drama doctor [DIR]\n"
	  "Check every configured AI backend (LLM, ComfyUI, images API, speech server): reachable,\n"
	  "model or workflow nodes present, a tiny request works. Prints a table with what to fix.\n" },
	{ "voice", "usage: drama voice DIR [--episode N] [--ref NAME=FILE.wav [--ref-text TEXT]]\n"
	  "Voice every line (cached: only new or edited lines are synthesised).\n"
	  "  --ref NAME=FILE.wav  NAME's reference voice (a few seconds of one speaker): a cloning speech server gets it,\n"
	  "                       the embedded voices match its pitch, speed and brightness; --ref-text is what it says\n" },
	{ "music", "usage: drama music DIR [--episode N]\nCompose each scene's music from its mood.\n" },
	{ "render",
	  "usage: drama render DIR [--episode N] [--preview] [--out DIR2]\n"
	  "Render DIR/epNN.mp4, .srt, .ass, .cover.png and .contact.png (designs, voices and\n"
	  "music are brought up to date first; unchanged shots are reused from the cache).\n"
	  "  --episode N  only episode N; several of these (other episodes) may run at once\n"
	  "  --out DIR2   write the episode and the updated storyboard to DIR2 instead, using\n"
	  "               DIR's cache where it is: DIR may be read-only when all is cached\n" },
	{ "export",
	  "usage: drama export DIR [--episode N] [--format F] [-o OUT] [--zip]\n"
	  "Write each rendered episode as a self-contained folder OUT/epNN/ (OUT: DIR/export)\n"
	  "that an editor opens with the episode on tracks: media/ (shots, voiced lines, music;\n"
	  "hard links, or copies across disks), epNN.mlt (Shotcut, melt), epNN.kdenlive\n"
	  "(Kdenlive), epNN.fcpxml (Final Cut Pro, DaVinci Resolve; FCPXML 1.10, absolute file://\n"
	  "URLs of OUT/epNN: export again after moving it), epNN.otio (OpenTimelineIO), epNN.srt,\n"
	  "and jianying/NAME/ (a Jianying / CapCut draft folder: copy it into the drafts folder).\n"
	  "F: jianying, capcut, mlt, kdenlive, fcpxml, otio or all (default all). Run `drama\n"
	  "render` first. --zip also writes OUT/epNN-F.zip with that format's files. See\n"
	  "docs/editors.md.\n" },
	{ "clean",
	  "usage: drama clean DIR [--all]\n"
	  "Remove from DIR/cache the voices, music, shot segments and design stamps that the\n"
	  "storyboard no longer uses (--all: every one; they are made again when needed), and\n"
	  "temporary files of runs that were stopped. A size cap in drama.json, \"cache\":\n"
	  "{\"max_mb\": N}, removes unused entries, oldest first, after every render.\n" },
	{ "status",
	  "usage: drama status DIR\n"
	  "Each episode's state: queued/running (squeue), done, failed (exit code, or sacct's\n"
	  "state where the cluster keeps accounting), missing (cancelled or lost); the jobs of\n"
	  "the last `drama make --slurm` and each task's log under DIR/slurm/logs/.\n" },
	{ "sheet",
	  "usage: drama sheet DIR\n"
	  "Write DIR/series.contact.png, every episode's cover with its number, length and\n"
	  "title on one sheet (episodes not rendered yet are marked), and DIR/ledger.json with\n"
	  "the episodes' AI usage (DIR/logs/epNN.ledger.json) added up. `drama make` with\n"
	  "several episodes and the Slurm final job do this themselves.\n" },
	{ "serve",
	  "usage: drama serve [WORKSPACE] [--port N] [--host ADDR] [--token T]\n"
	  "Start the web workbench for the projects in WORKSPACE (default: the current folder)\n"
	  "at http://127.0.0.1:8080/. Listening on another address needs --token (16+ characters).\n" },
};

static void die_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "drama: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(run `drama --help` for usage)\n");
	exit(2);
}

static long long parse_whole(const char *opt, const char *v, long long lo, long long hi)
{
	long long x;
	char msg[300];
	if (cli_whole(opt, v, lo, hi, &x, msg, sizeof msg) < 0) {
		fprintf(stderr, "drama: %s\n", msg);
		exit(2);
	}
	return x;
}
#define parse_int(opt, v, lo, hi) ((int)parse_whole(opt, v, lo, hi))

static char *default_dir(const char *keywords, const char *from)
{
	const char *src = keywords && *keywords ? keywords : from;
	if (from && (!keywords || !*keywords)) {
		const char *b = strrchr(from, '/');
		src = b ? b + 1 : from;
	}
	char *safe = path_safe_name(src);
	/* keep it short: at most ~40 bytes, not cutting a UTF-8 character */
	size_t n = strlen(safe);
	if (n > 40) {
		n = 40;
		while (n && ((unsigned char)safe[n] & 0xc0) == 0x80) n--;
		safe[n] = 0;
	}
	char *dot = strrchr(safe, '.');
	if (dot && dot != safe && from && (!keywords || !*keywords)) *dot = 0;
	return safe;
}

static int serve(const char *ws, const char *host, int port, const char *token)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0) {
		fprintf(stderr, "drama: cannot find my own executable to run jobs\n");
		return 1;
	}
	exe[n] = 0;
	struct server_opts o = SERVER_OPTS_INIT;
	o.workspace = ws;
	o.host = host ? host : "127.0.0.1";
	o.port = port;
	o.token = token;
	o.drama_bin = exe;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);   /* server threads inherit the mask */
	struct server *sv;
	if (server_start(&o, &sv) < 0) {
		fprintf(stderr, "drama: %s\n", err_msg());
		return 1;
	}
	printf("http://%s:%d/%s%s\n", strcmp(o.host, "0.0.0.0") ? o.host : "127.0.0.1", server_port(sv),
	       token ? "?token=" : "", token ? token : "");
	fflush(stdout);
	log_info("serve", "workbench for %s running; press Ctrl-C to stop", ws);
	int sig;
	sigwait(&set, &sig);
	log_info("serve", "stopping (running jobs continue in the background)");
	server_stop(sv);
	return 0;
}

/* A preview (`make ... --preview`, `render DIR --preview`) runs again at once with glibc's
 * malloc asked for transparent huge pages (the glibc.malloc.hugetlb=1 tunable: its mapped
 * blocks and heaps are madvised MADV_HUGEPAGE), which glibc reads only when a process
 * starts. A preview's working memory is many blocks of a megabyte or more made and freed
 * again (frame surfaces, x264's pictures, every scene's cue, ambience and reverb in the
 * mix), each faulted in 4 KB at a time: with 2 MB pages the 3-minute demo preview took
 * 324-333 K minor faults instead of 468-480 K, 16.8-18.5 s of CPU instead of 20.6-21.2 s
 * and 9.0-9.8 s instead of 10.9-11.4 s (alternated, the machine shared), peak RSS the same
 * (158-165 MB). The full size keeps 4 KB pages: its peak is near the 300 MB cap and huge
 * pages round every mapping up to 2 MB. Set already (by an earlier start or by the user):
 * left as it is; no /proc/self/exe: on without. */
static void preview_huge_pages(int argc, char **argv)
{
	if (argc < 3 || (strcmp(argv[1], "make") && strcmp(argv[1], "render"))) return;
	int preview = 0;
	for (int i = 2; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--preview")) preview = 1;
	const char *t = getenv("GLIBC_TUNABLES");
	if (!preview || (t && strstr(t, "glibc.malloc.hugetlb"))) return;
	char *old = t ? xstrdup(t) : NULL;
	char *v = old && *old ? xasprintf("%s:glibc.malloc.hugetlb=1", old) : xstrdup("glibc.malloc.hugetlb=1");
	if (setenv("GLIBC_TUNABLES", v, 1) == 0) {
		execv("/proc/self/exe", argv);
		if (old) setenv("GLIBC_TUNABLES", old, 1);   /* it did not start again: as before */
		else unsetenv("GLIBC_TUNABLES");
	}
	free(v);
	free(old);
}

int main(int argc, char **argv)
{
	preview_huge_pages(argc, argv);
	/* Pictures, cue and frame buffers (1 MB and up) get pages of their own that go back to
	 * the system when freed. glibc's default raises that threshold to the largest block
	 * freed so far, after which such buffers come from the heaps; a worker thread's heap
	 * keeps its freed top resident and malloc_trim does not release it (a 10-minute
	 * episode's music stage left 22 MB there, still resident through the render). */
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	mallopt(M_TRIM_THRESHOLD, 4 << 20);
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(USAGE, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *cmd = argv[1];
	const struct cmd_help *help = NULL;
	for (size_t i = 0; i < ARRAY_LEN(HELP); i++)
		if (!strcmp(HELP[i].name, cmd)) help = &HELP[i];
	if (!help) die_usage("unknown command \"%s\"", cmd);

	struct pipeline_req r = PIPELINE_REQ_INIT;
	struct sbuf kw = { 0 };
	const char *dir = NULL, *out_dir = NULL, *host = NULL, *token = NULL, *format = "all", *ref = NULL, *ref_text = NULL;
	const char *ai_set[33] = { NULL };
	int n_set = 0;
	int port = 8080, all = 0, jobs = 0, slurm = 0, zip = 0;
	struct slurm_opts so = { 0 };
	int have_dir_arg = strcmp(cmd, "make") != 0, dashdash = 0;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_VALUE() do { if (!v) die_usage("%s needs a value", a); i++; } while (0)
		if (!dashdash && !strcmp(a, "--")) {
			dashdash = 1;   /* the rest are keywords or the folder, even if they start with '-' */
		} else if (dashdash) {
			goto positional;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(help->text, stdout);
			return 0;
		} else if (!strcmp(a, "-o") || !strcmp(a, "--out")) {
			NEED_VALUE(); out_dir = v;
		} else if (!strcmp(a, "--from")) {
			NEED_VALUE(); r.from = v;
		} else if (!strcmp(a, "--episodes")) {
			NEED_VALUE(); r.over.episodes = parse_int(a, v, 1, MODEL_MAX_EPISODES);
		} else if (!strcmp(a, "--episode")) {
			NEED_VALUE(); r.episode = parse_int(a, v, 1, MODEL_MAX_EPISODES);
		} else if (!strcmp(a, "--jobs") && !strcmp(cmd, "make")) {
			NEED_VALUE(); jobs = parse_int(a, v, 1, 64);
		} else if (!strcmp(a, "--slurm") && !strcmp(cmd, "make")) {
			slurm = 1;
		} else if (!strcmp(a, "--partition") && !strcmp(cmd, "make")) {
			NEED_VALUE(); so.partition = v;
		} else if (!strcmp(a, "--account") && !strcmp(cmd, "make")) {
			NEED_VALUE(); so.account = v;
		} else if (!strcmp(a, "--time") && !strcmp(cmd, "make")) {
			NEED_VALUE(); so.time = v;
		} else if (!strcmp(a, "--gres") && !strcmp(cmd, "make")) {
			NEED_VALUE(); so.gres = v;
		} else if (!strcmp(a, "--lang")) {
			NEED_VALUE();
			if (strcmp(v, "en") && strcmp(v, "zh")) die_usage("--lang must be en or zh, not \"%s\"", v);
			snprintf(r.over.lang, sizeof r.over.lang, "%s", v);
		} else if (!strcmp(a, "--seed")) {
			NEED_VALUE();
			/* drama.json and storyboard.json hold the seed as a signed 64-bit number */
			r.over.seed = (uint64_t)parse_whole(a, v, 0, INT64_MAX);
			r.over.seed_set = 1;
		} else if (!strcmp(a, "--size")) {
			NEED_VALUE();
			char msg[300];
			if (cli_size(v, &r.over.width, &r.over.height, msg, sizeof msg) < 0) die_usage("%s", msg);
		} else if (!strcmp(a, "--fps")) {
			NEED_VALUE(); r.over.fps = parse_int(a, v, 1, 120);
		} else if (!strcmp(a, "--crf")) {
			NEED_VALUE(); r.over.crf = parse_int(a, v, 1, 51);
		} else if (!strcmp(a, "--preset")) {
			NEED_VALUE();
			char msg[300];
			if (cli_choice(a, v, MODEL_X264_PRESETS, msg, sizeof msg) < 0) die_usage("%s", msg);
			snprintf(r.over.preset, sizeof r.over.preset, "%s", v);
		} else if (!strcmp(a, "--minutes")) {
			NEED_VALUE();
			char msg[300];
			if (cli_decimal(a, v, MODEL_MIN_MINUTES, MODEL_MAX_MINUTES, &r.over.minutes, msg, sizeof msg) < 0)
				die_usage("%s", msg);
		} else if (!strcmp(a, "--port")) {
			NEED_VALUE(); port = parse_int(a, v, 0, 65535);
		} else if (!strcmp(a, "--host")) {
			NEED_VALUE(); host = v;
		} else if (!strcmp(a, "--token")) {
			NEED_VALUE(); token = v;
		} else if (!strcmp(a, "--strict") || !strcmp(a, "--no-fallback")) {
			r.strict = 1;
		} else if (!strcmp(a, "--set")) {
			NEED_VALUE();
			if (n_set >= 32) die_usage("too many --set options (%s)", v);
			ai_set[n_set++] = v;
			r.ai_set = ai_set;
		} else if (!strcmp(a, "--shot")) {
			NEED_VALUE(); r.shot = v;
		} else if (!strcmp(a, "--again")) {
			r.again = 1;
		} else if (!strcmp(a, "--preview")) {
			r.preview = 1;
		} else if (!strcmp(a, "--format") && !strcmp(cmd, "export")) {
			NEED_VALUE(); format = v;
		} else if (!strcmp(a, "--zip") && !strcmp(cmd, "export")) {
			zip = 1;
		} else if (!strcmp(a, "--ref") && !strcmp(cmd, "voice")) {
			NEED_VALUE(); ref = v;
		} else if (!strcmp(a, "--ref-text") && !strcmp(cmd, "voice")) {
			NEED_VALUE(); ref_text = v;
		} else if (!strcmp(a, "--all") && !strcmp(cmd, "clean")) {
			all = 1;
		} else if (!strcmp(a, "--force")) {
			r.force = 1;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			log_set_level(LOG_DEBUG);
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			log_set_level(LOG_WARN);
		} else if (a[0] == '-' && a[1]) {
			die_usage("unknown option \"%s\"", a);
		} else {
positional:
			if (have_dir_arg && !dir) {
				dir = a;
			} else {
				if (kw.len) sb_add(&kw, ", ");
				sb_add(&kw, a);
			}
		}
	}
	if (ref_text && !ref) die_usage("--ref-text %s needs --ref NAME=FILE.wav", ref_text);
	if (kw.len) {
		char *t = str_trim(xstrdup(kw.s));
		/* keywords made only of separators are empty */
		int letters = 0;
		for (const char *c = t; *c; c++)
			if (!strchr(" ,;\t\n", *c)) letters = 1;
		free(t);
		if (!letters) {
			sb_free(&kw);
			fprintf(stderr, "drama: the keywords are empty; give a few ideas, like \"palace, revenge, hidden identity\"\n");
			return 2;
		}
		r.keywords = kw.s;
	}
	/* -o/--out: make's project folder; render's output folder; else the project folder */
	if (!strcmp(cmd, "make") || !dir) {
		if (!dir) dir = out_dir;
		out_dir = NULL;
	} else if (out_dir && strcmp(cmd, "render") && strcmp(cmd, "export")) {
		die_usage("--out is for make and render (and export), not %s", cmd);
	}
	if (!strcmp(cmd, "serve")) return serve(dir ? dir : ".", host, port, token);
	if (!strcmp(cmd, "doctor")) {
		struct sbuf rep = { 0 };
		int drc = pipeline_doctor(dir, &rep);
		fputs(rep.s ? rep.s : "", stdout);
		sb_free(&rep);
		if (drc < 0 && *err_msg()) fprintf(stderr, "drama: %s\n", err_msg());
		return drc < 0 ? 1 : 0;
	}
	if (strcmp(cmd, "make") && !dir) die_usage("%s needs a project folder: drama %s DIR", cmd);
	if (!strcmp(cmd, "status")) {
		struct sbuf rep = { 0 };
		int src = slurm_status(dir, &rep);
		if (src == 0) fputs(rep.s ? rep.s : "", stdout);
		else fprintf(stderr, "drama: %s\n", err_msg());
		sb_free(&rep);
		return src < 0 ? 1 : 0;
	}
	if (strcmp(cmd, "make") && strcmp(cmd, "script") && (r.keywords || r.from))
		die_usage("%s takes no keywords or --from; use `drama script` or `drama make`", cmd);

	struct pipeline_out out = { 0 };
	int rc = 0;
	char *owned_dir = NULL, *created = NULL;
	struct project_lock *lock = NULL;   /* one writer per project folder (core/lock.h) */
	if (!strcmp(cmd, "make")) {
		if (!r.keywords && !r.from) {
			fprintf(stderr, "drama: nothing to make: give keywords (drama make \"palace, revenge\") or --from FILE\n");
			return 2;
		}
		if (!dir) dir = owned_dir = default_dir(r.keywords, r.from);
		r.dir = dir;
		created = path_first_missing(dir);
		char exe[4096];
		ssize_t en = readlink("/proc/self/exe", exe, sizeof exe - 1);
		exe[en > 0 ? en : 0] = 0;
		r.exe = en > 0 ? exe : NULL;
		r.jobs = jobs ? jobs : pipeline_default_jobs();
		if ((so.partition || so.account || so.time || so.gres) && !slurm)
			die_usage("%s", "--partition, --account, --time and --gres go with --slurm");
		if ((rc = project_lock_take(dir, cmd, 1, &lock)) == 0) {
			r.lock = lock;
			if (slurm) {
				struct sbuf rep = { 0 };
				so.exe = r.exe;
				if ((rc = slurm_submit(&r, &so, &lock, &rep)) == 0) fputs(rep.s ? rep.s : "", stdout);
				sb_free(&rep);
			} else {
				rc = pipeline_make(&r, &out);
			}
		}
	} else {
		if (!strcmp(cmd, "script")) created = path_first_missing(dir);
		if (out_dir && !strcmp(cmd, "render")) {
			/* render elsewhere: DIR is only read (where everything is cached) */
			created = path_first_missing(out_dir);
			if ((rc = pipeline_render_folder(dir, out_dir)) == 0) dir = out_dir;
		} else if (strcmp(cmd, "script") && file_exists(dir) && access(dir, W_OK) < 0) {
			rc = err_set(ERR_IO, "cannot write to %s (%s); render to another folder with `drama render %s --out NEWDIR` "
			             "(what is cached in %s is used from there), or copy the project somewhere writable",
			             dir, strerror(errno), dir, dir);
		}
	}
	/* one episode's voice, music or render: beside other episodes' writers (core/lock.h) */
	r.per_episode = r.episode && !out_dir && !r.shot &&
	                (!strcmp(cmd, "render") || !strcmp(cmd, "voice") || !strcmp(cmd, "music"));
	if (rc == 0 && strcmp(cmd, "make")) {
		struct project *p = NULL;
		int create = !strcmp(cmd, "script");
		if (create && r.from && !file_exists(r.from)) {
			rc = err_set(ERR_NOTFOUND, "--from %s: no such file; check the path", r.from);
		} else if ((rc = r.per_episode ? project_lock_take_episode(dir, cmd, r.episode, &lock)
		                               : project_lock_take(dir, cmd, create, &lock)) == 0 &&
		           (rc = project_open(dir, create, &p)) == 0) {
			pipeline_apply(p, &r.over);
			r.lock = lock;
			if (r.per_episode) rc = pipeline_episode_prepare(p, &r, !strcmp(cmd, "render"));
			if (rc < 0) {
				/* pipeline_episode_prepare said why */
			} else if (!strcmp(cmd, "script") && !r.keywords && !r.from) {
				char *fp = project_path(p, "script.fountain");
				if (!file_exists(fp)) {
					rc = err_set(ERR_INPUT, "give keywords or --from FILE to write %s/storyboard.json", dir);
				} else {
					r.from = fp;
					r.force = 1;
					rc = pipeline_stage("script", p, &r, &out);
				}
				r.from = NULL;
				free(fp);
			} else if (!strcmp(cmd, "render")) {
				/* designs, voices and music are cached: bring them up to date, then render */
				static const char *const before[] = { "design", "voice", "music" };
				for (size_t i = r.per_episode; i < ARRAY_LEN(before) && rc == 0; i++)   /* prepare designed */
					rc = pipeline_stage(before[i], p, &r, NULL);
				if (rc == 0) rc = pipeline_stage("render", p, &r, &out);
			} else if (!strcmp(cmd, "export")) {
				char **paths = NULL;
				size_t n = 0;
				rc = export_run(p, r.episode, format, out_dir, &paths, &n);
				if (rc == 0 && zip) rc = export_zip(p, r.episode, format, out_dir, &paths, &n);
				for (size_t i = 0; i < n; i++) {
					if (rc == 0) printf("%s\n", paths[i]);
					free(paths[i]);
				}
				free(paths);
			} else if (!strcmp(cmd, "clean")) {
				long long files = 0, bytes = 0;
				if ((rc = cache_clean(p, all, &files, &bytes)) == 0)
					printf("%lld file(s) removed from %s/cache (%.1f MB)\n", files, dir, (double)bytes / 1048576.0);
			} else {
				if (ref) rc = voice_ref_arg(p, ref, ref_text);    /* a reference voice first (voice/voice_ref.c) */
				if (rc == 0) rc = pipeline_stage(cmd, p, &r, &out);
			}
		}
		project_free(p);
	}
	int locked = lock != NULL;
	project_lock_release(lock, rc < 0 ? 1 : 0);
	if (rc < 0) {
		fprintf(stderr, "drama: %s\n", err_msg());
		/* a failed run takes away the folders it created and left empty (its lock file included) */
		if (created && locked) {
			char *lf = path_join(out_dir ? out_dir : dir, PROJECT_LOCK_FILE);
			unlink(lf);
			free(lf);
		}
		rmdir_empty_up_to(out_dir ? out_dir : dir, created);
	} else {
		for (size_t i = 0; i < out.n; i++) printf("%s\n", out.paths[i]);
	}
	pipeline_out_free(&out);
	sb_free(&kw);
	free(owned_dir);
	free(created);
	return rc < 0 ? 1 : 0;
}
