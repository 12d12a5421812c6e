/* fuzz/common.c — the fuzz targets' shared checks and the http_do stand-in (fuzz.h). */
#define _GNU_SOURCE
#include "fuzz/fuzz.h"
#include "core/model.h"
#include "core/util.h"
#include "net/net_internal.h"
#include "story/story.h"
#include "core/wav.h"
#include "voice/voice.h"

#include <ftw.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *scratch;
long fuzz_accepts;

static void remove_scratch(void) { fuzz_rmtree(scratch); }

/* The scratch folder goes at exit; after an abort it stays, with the files that differ. */
void fuzz_init(void)
{
	if (scratch) return;
	log_set_level(LOG_ERROR);
	/* tmpfs when there is one: every save is fsync'ed */
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	scratch = xasprintf("%s/drama-fuzz.%d", base, (int)getpid());
	if (mkdir_p(scratch) < 0) fuzz_fail("cannot make the scratch folder %s: %s", scratch, err_msg());
	atexit(remove_scratch);
}

char *fuzz_path(const char *name)
{
	fuzz_init();
	return path_join(scratch, name);
}

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fuzz: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

void fuzz_write(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f)) fuzz_fail("cannot write %s", path);
}

char *fuzz_text(const uint8_t *data, size_t n)
{
	char *t = xmalloc(n + 1);
	memcpy(t, data, n);
	t[n] = 0;
	return t;
}

char *fuzz_text_at_door(const uint8_t *data, size_t n, size_t *out_n)
{
	char *t = fuzz_text(data, n);
	*out_n = n;
	if (story_text_repair("fuzz input", &t, out_n, 0) < 0) fuzz_fail("the input boundary refused text it should repair: %s", err_msg());
	return t;
}

static char *slurp(const char *path)
{
	char *t = NULL;
	size_t n;
	if (file_read_all(path, &t, &n) < 0) fuzz_fail("cannot read back %s: %s", path, err_msg());
	return t;
}

void fuzz_series_roundtrip(const struct series *s)
{
	char *p1 = fuzz_path("saved1.json"), *p2 = fuzz_path("saved2.json");
	struct series *back = NULL;
	if (series_save(s, p1) < 0) fuzz_fail("an accepted storyboard cannot be saved: %s", err_msg());
	if (series_load(p1, &back) < 0) fuzz_fail("an accepted storyboard does not load after its save: %s", err_msg());
	if (series_save(back, p2) < 0) fuzz_fail("a reloaded storyboard cannot be saved: %s", err_msg());
	char *a = slurp(p1), *b = slurp(p2);
	if (strcmp(a, b)) fuzz_fail("save, load, save gives different storyboard.json: diff %s %s", p1, p2);
	free(a);
	free(b);
	series_free(back);
	free(p1);
	free(p2);
}

void fuzz_import_check(struct series *s)
{
	fuzz_accepts++;
	/* as story_stage: text that came in valid stays valid (an importer that cut a
	 * character in two would be repaired there, with a warning: a bug here), the
	 * project's language when the input named none, then validate */
	struct diags d = { 0 };
	series_check_text(s, &d);
	if (d.n) fuzz_fail("an importer made invalid UTF-8 out of valid text: %s: %s", d.v[0].path, d.v[0].msg);
	if (!s->lang) s->lang = xstrdup("en");
	if (series_validate(s, &d)) fuzz_fail("an import returned a storyboard that does not validate: %s: %s", d.v[0].path, d.v[0].msg);
	diags_free(&d);
	struct sbuf f = { 0 };
	if (story_to_fountain(s, &f) < 0) fuzz_fail("an accepted storyboard has no screenplay export: %s", err_msg());
	sb_free(&f);
	fuzz_series_roundtrip(s);
}

void fuzz_json_roundtrip(const json_t *j, const char *what)
{
	char *a = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	if (!a) fuzz_fail("%s: an accepted value cannot be written as JSON", what);
	json_error_t je;
	json_t *back = json_loads(a, JSON_DECODE_ANY, &je);
	if (!back) fuzz_fail("%s: written JSON does not load: %s", what, je.text);
	char *b = json_dumps(back, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	if (!b || strcmp(a, b)) fuzz_fail("%s: JSON changes on reload:\n%s\n%s", what, a, b ? b : "(null)");
	free(a);
	free(b);
	json_decref(back);
}

/* ---- http_do stand-in ---- */
struct answer { long status; char ctype[64]; struct sbuf body; };
static struct answer *answers;
static size_t n_answers, next_answer;
static int serving;

static void add_answer(const char *p, size_t n, int as_chat)
{
	struct answer a = { .status = 200 };
	strcpy(a.ctype, "application/json");
	if (n >= 5 && !memcmp(p, "HTTP ", 5)) {
		const char *nl = memchr(p, '\n', n);
		size_t hl = nl ? (size_t)(nl - p) : n;
		char head[128];
		snprintf(head, sizeof head, "%.*s", (int)(hl < sizeof head - 1 ? hl : sizeof head - 1), p);
		char ct[64] = "";
		if (sscanf(head, "HTTP %ld %63s", &a.status, ct) >= 1 && *ct) snprintf(a.ctype, sizeof a.ctype, "%s", ct);
		p += hl + (nl != NULL);
		n -= hl + (nl != NULL);
	}
	json_t *wrapped = NULL;
	if (as_chat) {
		json_t *c = json_stringn(p, n);
		if (c) wrapped = json_pack("{s:[{s:{s:o}, s:s}]}", "choices", "message", "content", c, "finish_reason", "stop");
	}
	if (wrapped) {
		char *t = json_dumps(wrapped, JSON_COMPACT);
		sb_add(&a.body, t);
		free(t);
		json_decref(wrapped);
	} else {
		sb_addn(&a.body, p, n);
	}
	answers = xrealloc(answers, (n_answers + 1) * sizeof *answers);
	answers[n_answers++] = a;
}

void fuzz_http_serve(const uint8_t *data, size_t n, int as_chat)
{
	fuzz_http_end();
	const char *p = (const char *)data, *end = p + n;
	static const char sep[] = "\n=====\n";
	for (;;) {
		const char *s = memmem(p, (size_t)(end - p), sep, sizeof sep - 1);
		add_answer(p, (size_t)((s ? s : end) - p), as_chat);
		if (!s) break;
		p = s + sizeof sep - 1;
	}
	serving = 1;
}

void fuzz_http_end(void)
{
	for (size_t i = 0; i < n_answers; i++) sb_free(&answers[i].body);
	free(answers);
	answers = NULL;
	n_answers = next_answer = 0;
	serving = 0;
}

size_t fuzz_http_left(void) { return n_answers - next_answer; }

/* Feed an event-stream body to the request's callback the way http.c does: "data:"
 * lines gather into an event, a blank line (or the end) sends it. */
static int sse_send(const struct http_req *r, struct sbuf *ev)
{
	int rc = ev->len && r->sse(r->ud, ev->s) < 0 ? -1 : 0;
	ev->len = 0;
	ev->s[0] = 0;
	return rc;
}

static int feed_sse(const struct http_req *r, const struct sbuf *body)
{
	struct sbuf ev = { 0 };
	int rc = 0;
	sb_add(&ev, "");
	const char *p = body->s ? body->s : "", *end = p + body->len;
	while (rc == 0) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ln = (size_t)((nl ? nl : end) - p);
		if (ln && p[ln - 1] == '\r') ln--;
		if (ln == 0) {
			rc = sse_send(r, &ev);
		} else if (ln >= 5 && !strncmp(p, "data:", 5)) {
			size_t skip = 5 + (ln > 5 && p[5] == ' ');
			if (ev.len) sb_add(&ev, "\n");
			sb_addn(&ev, p + skip, ln - skip);
		}
		if (!nl) break;
		p = nl + 1;
	}
	if (rc == 0) rc = sse_send(r, &ev);
	sb_free(&ev);
	return rc;
}

int __real_http_do(const struct http_req *r, struct http_resp *resp);
int __wrap_http_do(const struct http_req *r, struct http_resp *resp);

int __wrap_http_do(const struct http_req *r, struct http_resp *resp)
{
	if (!serving) return __real_http_do(r, resp);
	memset(resp, 0, sizeof *resp);
	const char *what = r->what ? r->what : "the server";
	if (next_answer >= n_answers) return err_set(ERR_NET, "cannot reach %s at %s (fuzz: no more answers)", what, r->url);
	const struct answer *a = &answers[next_answer++];
	if (r->sse) r->sse(r->ud, NULL);
	resp->status = a->status;
	snprintf(resp->content_type, sizeof resp->content_type, "%s", a->ctype);
	if (a->status == 429 || (a->status >= 500 && a->status != 501 && a->status != 505))
		return err_set(ERR_NET, "%s at %s answered HTTP %ld (after 1 attempts)", what, r->url, a->status);
	if (r->sse && strstr(a->ctype, "text/event-stream") && a->status >= 200 && a->status < 300) {
		if (feed_sse(r, &a->body) < 0)
			return err_set(ERR_INPUT, "the reply from %s at %s was rejected while streaming: %s", what, r->url, err_msg());
		return 0;
	}
	sb_addn(&resp->body, a->body.s ? a->body.s : "", a->body.len);
	return 0;
}

/* ---- cache formats: voice timing JSON and WAV ---- */
static int timing_same(const struct voice_timing *a, const struct voice_timing *b)
{
	if (a->n_ph != b->n_ph || a->n_vis != b->n_vis || a->n_words != b->n_words) return 0;
	for (size_t i = 0; i < a->n_ph; i++) if (strcmp(a->ph[i].ph, b->ph[i].ph)) return 0;
	for (size_t i = 0; i < a->n_vis; i++) if (a->vis[i].v != b->vis[i].v) return 0;
	for (size_t i = 0; i < a->n_words; i++) if (strcmp(a->words[i].word, b->words[i].word)) return 0;
	return 1;
}

void fuzz_timing_roundtrip(const struct voice_timing *t)
{
	char *p1 = fuzz_path("timing1.json"), *p2 = fuzz_path("timing2.json");
	struct voice_timing back, again;
	if (voice_timing_save(t, p1) < 0) fuzz_fail("accepted voice timing cannot be saved: %s", err_msg());
	if (voice_timing_load(p1, &back) < 0) fuzz_fail("saved voice timing does not load: %s", err_msg());
	if (!timing_same(t, &back)) fuzz_fail("voice timing changes on save and load (%zu/%zu/%zu phonemes/visemes/words, then %zu/%zu/%zu): %s",
	                                      t->n_ph, t->n_vis, t->n_words, back.n_ph, back.n_vis, back.n_words, p1);
	if (voice_timing_save(&back, p2) < 0) fuzz_fail("reloaded voice timing cannot be saved: %s", err_msg());
	char *a = slurp(p1), *b = slurp(p2);
	if (strcmp(a, b)) fuzz_fail("save, load, save gives different voice timing: diff %s %s", p1, p2);
	if (voice_timing_load(p2, &again) < 0 || !timing_same(&back, &again)) fuzz_fail("voice timing not stable: %s", p2);
	voice_timing_free(&again);
	voice_timing_free(&back);
	free(a);
	free(b);
	free(p1);
	free(p2);
}

void fuzz_wav_roundtrip(const int16_t *pcm, size_t frames, int rate, int ch)
{
	char *p1 = fuzz_path("audio1.wav"), *p2 = fuzz_path("audio2.wav");
	int16_t *back = NULL;
	size_t bf = 0, n1, n2;
	int br = 0, bc = 0;
	if (wav_write(p1, pcm, frames, rate, ch) < 0) fuzz_fail("accepted audio cannot be written as WAV: %s", err_msg());
	if (wav_read(p1, &back, &bf, &br, &bc) < 0) fuzz_fail("a written WAV does not read: %s", err_msg());
	if (bf != frames || br != rate || bc != ch || (frames && memcmp(back, pcm, frames * (size_t)ch * 2)))
		fuzz_fail("WAV changes on write and read: %zu frames %d Hz %d ch, then %zu frames %d Hz %d ch", frames, rate, ch, bf, br, bc);
	if (wav_write(p2, back, bf, br, bc) < 0) fuzz_fail("a reread WAV cannot be written: %s", err_msg());
	char *a, *b;
	if (file_read_all(p1, &a, &n1) < 0 || file_read_all(p2, &b, &n2) < 0) fuzz_fail("cannot read back %s", p2);
	if (n1 != n2 || memcmp(a, b, n1)) fuzz_fail("write, read, write gives a different WAV: cmp %s %s", p1, p2);
	free(a);
	free(b);
	free(back);
	free(p1);
	free(p2);
}

/* ---- scratch projects ---- */
static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

void fuzz_rmtree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}
