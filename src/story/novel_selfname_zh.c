/* story/novel_selfname_zh.c — a Chinese speaker who gives his own name in his line (after
 * pass 2 of the novel importer). Strangers and people named late introduce themselves:
 * "小弟姓江，号秋雯" (江秋雯), "吾神乃独角龙是也" (独角龙), "我就是叫作藤野严九郎的" (藤野严九郎),
 * "小的姓徐" (the one known name of that surname, 徐管家), "我焦赞未尝请汝" (我 and a known
 * name), an answer to "你是……" that opens with a name ("沈念，新来的助理"). Nobody gives
 * another's name as his own, so the line is that one's, whoever a tag ("后生道", "客人道") or a
 * guess gave it to; a name the cast lacks joins it. Not a first-person narrator's line (his own
 * name is nov_zh_narrator_name's), and only in the patterns above: "我是……", "我叫……" alone
 * say too many other things ("我是好意", "我叫老黑开门").
 *
 *   nov_zh_self_named(n, e);   after nov_zh_role_named, before nov_rank */
#include "story/novel.h"

#include <stdlib.h>
#include <string.h>

/* the words a speaker calls himself by before 姓 ("小的姓徐", "小弟姓江") */
static const char *const self_words[] = { "小的", "小人", "小弟", "在下", "晚生", "学生", "老夫", "本人", "我", "俺", "吾", NULL };

/* The bytes of the run of Chinese characters at p, at most max characters */
static size_t han_run(const char *p, int max)
{
	const char *h = p;
	for (int k = 0; k < max && nov_is_han_at(h); k++) h += nov_cp_len(h);
	return (size_t)(h - p);
}

/* 1 if the l bytes at p may be a name: two to five Chinese characters, none a pronoun, a
 * demonstrative or a function word (data zh_not_name_start opens none) */
static int name_ok(struct nov *n, const char *p, size_t l)
{
	if (l < 6 || l > 15 || han_run(p, 5) < l) return 0;
	if (nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_not_name_start")), p)) return 0;
	for (const char *h = p; h < p + l; h += 3)
		if (nov_zh_han_in("他她你我它的了是在这那个们", h)) return 0;
	return 1;
}

/* 1 if the text before h in quote q ends with a word the speaker calls himself by, at the
 * start of the quote or of a clause ("……，小弟姓江") */
static int self_before(const char *q, const char *h)
{
	for (int k = 0; self_words[k]; k++) {
		size_t l = strlen(self_words[k]);
		if ((size_t)(h - q) < l || strncmp(h - l, self_words[k], l)) continue;
		const char *s = h - l;
		if (s == q || (s - q >= 3 && (nov_starts(s - 3, "，") || nov_starts(s - 3, "。") || nov_starts(s - 3, "！") || nov_starts(s - 3, "："))))
			return 1;
	}
	return 0;
}

/* The one known person (not the narrator, not a placeholder) whose name opens with the l bytes
 * at p, or -1 if none or several */
static int known_opening(struct nov *n, const char *p, size_t l)
{
	int who = -1;
	for (size_t c = 0; c < n->n_ch; c++) {
		const struct nch *x = &n->ch[c];
		if (x->merged >= 0 || x->placeholder || (int)c == n->narrator || x->len <= l || strncmp(x->name, p, l)) continue;
		if (who >= 0 && who != (int)c) return -1;
		who = (int)c;
	}
	return who;
}

/* 1 if name is a kin word, a role noun or a title (我母亲, 我师父, 我大人: no name of one's own),
 * with or without 老/小 */
static int kin_or_role(struct nov *n, const char *name)
{
	size_t l = strlen(name);
	const char *g;
	const char *kin;
	json_t *kx;
	json_object_foreach((json_t *)json_object_get(n->nd, "zh_kin_gender"), kin, kx)
		if (strstr(name, kin)) return 1;
	if (nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_kin_female")), name + l - 3) || nov_zh_han_in("父爸爹哥弟兄叔伯爷公", name + l - 3)) return 1;
	for (size_t pre = 0; pre <= 3 && pre < l; pre += 3)
		if (nov_zh_role_noun(n, name + pre, &g) == l - pre || nov_zh_title_len(n, name + pre) == l - pre) return 1;
	return 0;
}

/* The cast member named exactly [p, p+l) (followed), or a new one */
static int named(struct nov *n, const char *p, size_t l)
{
	char *nm = xstrndup(p, l);
	int w = nov_find_ch(n, nm);
	if (w < 0) w = nov_add_ch(n, nm);
	free(nm);
	return nov_follow(n, w);
}

/* 1 if quote q asks who the one spoken to is ("你是……", "你是谁？", "您是？") */
static int asks_who(const char *q)
{
	static const char *const ends[] = { "你是……", "你是…", "你是谁？", "你是谁", "您是……", "您是？", "你是？", "您是哪位？", "你是哪位？", NULL };
	size_t ql = strlen(q);
	for (int k = 0; ends[k]; k++) {
		size_t l = strlen(ends[k]);
		if (ql >= l && !strcmp(q + ql - l, ends[k])) return 1;
	}
	return 0;
}

/* The speaker quote i names as himself, or -1 */
static int self_name(struct nov *n, size_t i)
{
	const char *q = n->q[i].text;
	/* "小弟姓江，号秋雯", "在下姓王名五": the surname and the given name; "小的姓徐": the one
	 * known name of that surname */
	for (const char *h = strstr(q, "姓"); h; h = strstr(h + 3, "姓")) {
		if (!self_before(q, h) || !nov_zh_surname(n, h + 3)) continue;
		const char *g = h + 6;
		if (nov_starts(g, "，")) g += 3;
		if (nov_starts(g, "号") || nov_starts(g, "名") || nov_starts(g, "字")) {
			g += 3;
			size_t gl = han_run(g, 2);
			if (gl && (!g[gl] || !nov_is_han_at(g + gl))) {
				char *nm = xasprintf("%.3s%.*s", h + 3, (int)gl, g);
				int w = name_ok(n, nm, strlen(nm)) ? named(n, nm, strlen(nm)) : -1;
				free(nm);
				return w;
			}
			continue;
		}
		if (nov_is_han_at(h + 6)) continue;   /* ("我姓王的……": no name of its own) */
		int w = known_opening(n, h + 3, 3);
		return w >= 0 ? nov_follow(n, w) : -1;
	}
	/* "吾神乃独角龙是也" (the self-word, or it and one word more, before 乃) */
	for (const char *h = strstr(q, "是也"); h; h = strstr(h + 6, "是也")) {
		const char *a = NULL;
		for (const char *c = q; c < h; c += nov_cp_len(c))
			if (nov_starts(c, "乃")) a = c;
		if (!a || h - a > 18 || !(self_before(q, a) || (a - q >= 3 && nov_is_han_at(a - 3) && self_before(q, a - 3)))) continue;
		if (name_ok(n, a + 3, (size_t)(h - a - 3))) return named(n, a + 3, (size_t)(h - a - 3));
	}
	/* "我就是叫作藤野严九郎的", "小人名叫王五。": a self-word in the clause before */
	static const char *const called[] = { "叫作", "叫做", "名叫", NULL };
	for (int k = 0; called[k]; k++) {
		const char *h = strstr(q, called[k]);
		if (!h) continue;
		const char *s = q;
		for (const char *c = q; c < h; c += nov_cp_len(c))
			if (nov_starts(c, "，") || nov_zh_stop(c)) s = c + nov_cp_len(c);
		int mine = 0;
		for (const char *c = s; c < h && !mine; c += nov_cp_len(c))
			mine = nov_starts(c, "我") || nov_starts(c, "俺") || nov_starts(c, "吾") || nov_starts(c, "小的") || nov_starts(c, "小人") || nov_starts(c, "在下");
		const char *p = h + 6;
		size_t l = han_run(p, 5);
		if (l >= 6 && nov_starts(p + l - 3, "的")) l -= 3;
		if (mine && name_ok(n, p, l)) return named(n, p, l);
	}
	/* "我焦赞未尝请汝", "小人胡成给老爷叩头": a self-word and the full name of one in the story
	 * (a cast member the narration or a tag has used, not a kin word, role noun or title:
	 * 我母亲; not a word the name-finder took, "小人何等样，敢共对席") opening the quote */
	for (int k = 0; self_words[k]; k++) {
		size_t sl = strlen(self_words[k]);
		if (strncmp(q, self_words[k], sl)) continue;
		const char *p = q + sl;
		int best = -1;
		size_t bl = 0;
		for (size_t c = 0; nov_name_at(n, p) >= 0 && c < n->n_ch; c++)
			if (n->ch[c].len > bl && !strncmp(p, n->ch[c].name, n->ch[c].len)) { bl = n->ch[c].len; best = (int)c; }
		if (best >= 0 && bl >= 6 && best != n->narrator && !n->ch[best].placeholder && n->ch[best].used && !kin_or_role(n, n->ch[best].name))
			return nov_follow(n, best);
		break;
	}
	/* “你是……” / “沈念，新来的助理。”: a name the narration writes opens the answer */
	if (i > 0 && asks_who(n->q[i - 1].text) && n->q[i - 1].para + 1 >= n->q[i].para) {
		size_t l = han_run(q, 3);
		if (l >= 6 && (nov_starts(q + l, "，") || nov_starts(q + l, "。")) && name_ok(n, q, l)) {
			int seen = 0;
			char *nm = xstrndup(q, l);
			for (size_t pi = 0; pi < n->n_p && seen < 2; pi++)
				for (size_t si = 0; si < n->p[pi].n && seen < 2; si++)
					for (const char *t = n->p[pi].v[si].quote ? NULL : strstr(n->p[pi].v[si].text, nm); t && seen < 2; t = strstr(t + l, nm)) seen++;
			int known = nov_find_ch(n, nm) >= 0;
			free(nm);
			if (seen >= 2 || known) return named(n, q, l);
		}
	}
	return -1;
}

void nov_zh_self_named(struct nov *n, struct episode *e)
{
	if (!n->zh) return;
	for (size_t i = 0; i < n->n_q; i++) {
		int old = nov_follow(n, n->q[i].spk);
		if (old >= 0 && old == n->narrator) continue;
		int w = self_name(n, i);
		if (w < 0 || w == old || w == n->narrator) continue;
		if (n->q[i].scene < e->n_scenes) nov_respeak(n, &e->scenes[n->q[i].scene], &n->q[i], old, w);
		if (old >= 0 && n->ch[old].spoke) n->ch[old].spoke--;
		n->q[i].spk = w;
		n->q[i].anchored = 1;
		n->q[i].how = NOV_HOW_LATE;
		n->q[i].guessed = 0;
		n->ch[w].spoke++;
		n->ch[w].used = 1;
	}
}
