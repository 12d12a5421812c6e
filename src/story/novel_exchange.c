/* story/novel_exchange.c — a Chinese two-person exchange read as a whole (after pass 2 of
 * the novel importer). Turn-taking gives each untagged quote to the one whose turn it is,
 * from the first line on; when that first guess is wrong, every later untagged line is
 * wrong too. Here a run of untagged lines that opens an exchange takes the alternation
 * that agrees with the first line a tag or an act anchors after it:
 *
 *   “到了没有？” / “到了。” / “你奶奶呢？” / “在屋里。”我说。
 *
 * ends with the narrator's tagged line, so the untagged ones before it alternate back from
 * it (the narrator, the other, the narrator, ...), whoever turn-taking started with.
 * A run: quotes one per paragraph, in consecutive paragraphs of one scene. Only two
 * people: the anchor and the one the run's other anchored lines (or the guesses) give. A
 * line never goes to the one it addresses by name. A run whose turns start from a bare
 * 她/他 tag that fits both people re-anchors at the first name tag after it when that tag
 * shows the guesses out of step (weak_start). The storyboard follows: the lines and
 * actors of the changed quotes' shots are renamed.
 *
 * nov_zh_narration reads a narration paragraph for what changes the talk: a phone call (the
 * caller, not in the room), its end, one who leaves, "说话的是X" naming the last quote's speaker;
 * nov_zh_seen_to_be reads the narration right after a quote, in its paragraph, for a look that
 * names its speaker ("卓视之，乃荆州刺史丁原也"); nov_zh_stranger_named joins a stranger placeholder who has spoken with the name the
 * narration gives her later ("知道她姓陈，名叫二妹"); nov_zh_named_late gives a stranger's
 * lines ("那人道") to the new name that speaks first as he falls silent. */
#include "story/novel.h"

#include <stdlib.h>
#include <string.h>

/* The shots of quote q (in scene sc) say who = new (was old, -1 nobody): their lines and actors. */
void nov_respeak(struct nov *n, struct scene *sc, const struct nq *q, int old, int who)
{
	const char *from = old >= 0 ? n->ch[old].name : NULL, *to = n->ch[who].name;
	for (size_t k = q->shot0; k < q->shot1 && k < sc->n_shots; k++) {
		struct shot *sh = &sc->shots[k];
		if (sh->line && (str_eq(sh->line->speaker, from) || (!from && !sh->line->speaker))) { free(sh->line->speaker); sh->line->speaker = xstrdup(to); }
		for (size_t a = 0; a < sh->n_actors && from; a++) {   /* (an over-the-shoulder shot holds both: they swap) */
			const char *nm = str_eq(sh->actors[a].name, from) ? to : str_eq(sh->actors[a].name, to) ? from : NULL;
			if (!nm) continue;
			free(sh->actors[a].name);
			sh->actors[a].name = xstrdup(nm);
		}
	}
	n->ch[who].used = 1;
}

/* The run of quotes [i, j]: its untagged opening lines alternate back from its first anchor. */
static void opening(struct nov *n, struct episode *e, size_t i, size_t j)
{
	size_t f = i;
	while (f <= j && n->q[f].guessed) f++;
	if (f > j || f == i || f - i < 2) return;   /* (one guessed line alone: nothing to go by but the turn) */
	int x = nov_follow(n, n->q[f].spk);
	if (x < 0) return;
	/* the other one: the first anchored line after f by someone else, else the guesses' */
	int y = -1;
	for (size_t k = f + 1; k <= j && y < 0; k++) {
		int w = nov_follow(n, n->q[k].spk);
		if (!n->q[k].guessed && w >= 0 && w != x) y = w;
	}
	for (size_t k = i; k < f && y < 0; k++) {
		int w = nov_follow(n, n->q[k].spk);
		if (w >= 0 && w != x) y = w;
	}
	if (y < 0) return;
	int changes = 0;
	for (size_t k = i; k < f; k++) {
		int w = nov_follow(n, n->q[k].spk), want = (f - k) % 2 ? y : x;
		if (w < 0 || (w != x && w != y)) return;   /* a third one: not two people */
		if (want == nov_follow(n, n->q[k].voc)) return;   /* (never to the one it calls by name) */
		changes += w != want;
	}
	/* the guesses end with the anchor's own speaker: one of them spoke twice, or the turn started wrong */
	if (!changes || nov_follow(n, n->q[f - 1].spk) != x) return;
	for (size_t k = i; k < f; k++) {
		int w = nov_follow(n, n->q[k].spk), want = (f - k) % 2 ? y : x;
		if (w == want) continue;
		if (n->q[k].scene < e->n_scenes) nov_respeak(n, &e->scenes[n->q[k].scene], &n->q[k], w, want);
		n->q[k].spk = want;
		n->q[k].how = NOV_HOW_EXCHANGE;
	}
}

/* 'f' or 'm' if quote q's speech tag is a bare 她/他 ("“……”她问。", "他说：“……”"): the
 * narration right after it opens with the pronoun, or the last clause of the narration right
 * before it does; 0 otherwise. */
static int pronoun_tag(struct nov *n, const struct nq *q)
{
	const struct para *pa = &n->p[q->para];
	size_t si;
	for (si = 0; si < pa->n && pa->v[si].text != q->text; si++) {}
	if (si == pa->n) return 0;
	const char *c = NULL;
	if (si + 1 < pa->n && !pa->v[si + 1].quote) c = pa->v[si + 1].text;
	else if (si > 0 && !pa->v[si - 1].quote) {
		const char *t = pa->v[si - 1].text;
		c = t;
		for (const char *p = t; *p; p += nov_cp_len(p))
			if ((nov_starts(p, "。") || nov_starts(p, "，") || nov_starts(p, "！") || nov_starts(p, "？")) && p[3] && strcmp(p + 3, "：")) c = p + 3;
	}
	if (!c) return 0;
	while (*c == ' ' || nov_starts(c, "，")) c += *c == ' ' ? 1 : 3;
	int g = nov_starts(c, "她") ? 'f' : nov_starts(c, "他") ? 'm' : 0;
	if (g && nov_starts(c + 3, "们")) return 0;   /* (c + 3 read only after a 她/他: c may end the text) */
	return g;
}

/* A two-person run [i, j] whose turns ran from a line a bare 她/他 tags, when both people
 * could be that pronoun: the first line after it that a name anchors shows whether the turns
 * were right. When the guesses end with that anchor's own speaker (someone spoke twice, or
 * the pronoun took the wrong one), the pronoun's line and the guesses after it alternate back
 * from the anchor instead: a name is surer than a pronoun that fits both. */
static void weak_start(struct nov *n, struct episode *e, size_t i, size_t j)
{
	for (size_t a = i; a < j; a++) {
		if (n->q[a].guessed) continue;
		int pg = pronoun_tag(n, &n->q[a]);
		if (!pg) continue;
		size_t f = a + 1;
		while (f <= j && n->q[f].guessed) f++;
		if (f > j || f - a < 2 || pronoun_tag(n, &n->q[f])) continue;
		int x = nov_follow(n, n->q[f].spk), y = nov_follow(n, n->q[a].spk);
		if (x < 0 || y < 0) continue;
		if (y == x) {   /* (the other one: from the guesses) */
			y = -1;
			for (size_t k = a + 1; k < f && y < 0; k++) if (nov_follow(n, n->q[k].spk) != x) y = nov_follow(n, n->q[k].spk);
		}
		if (y < 0 || x == n->narrator || y == n->narrator || nov_follow(n, n->q[f - 1].spk) != x) continue;
		const char *g = pg == 'f' ? "female" : "male";
		if ((n->ch[x].gender && strcmp(n->ch[x].gender, g)) || (n->ch[y].gender && strcmp(n->ch[y].gender, g))) continue;   /* (the pronoun tells them apart) */
		int ok = 1;
		for (size_t k = a; k < f && ok; k++) {
			int w = nov_follow(n, n->q[k].spk), want = (f - k) % 2 ? y : x;
			ok = (w == x || w == y) && want != nov_follow(n, n->q[k].voc);
		}
		if (!ok) continue;
		for (size_t k = a; k < f; k++) {
			int w = nov_follow(n, n->q[k].spk), want = (f - k) % 2 ? y : x;
			if (w == want) continue;
			if (n->q[k].scene < e->n_scenes) nov_respeak(n, &e->scenes[n->q[k].scene], &n->q[k], w, want);
			n->q[k].spk = want;
			n->q[k].how = NOV_HOW_EXCHANGE;
		}
		a = f - 1;
	}
}

void nov_zh_exchanges(struct nov *n, struct episode *e)
{
	for (size_t i = 0; i < n->n_q;) {
		size_t j = i;
		while (j + 1 < n->n_q && n->q[j + 1].para == n->q[j].para + 1 && n->q[j + 1].scene == n->q[j].scene) j++;
		/* (a paragraph with two quotes ends the run at its first) */
		if (j > i) opening(n, e, i, j);
		if (j > i) weak_start(n, e, i, j);
		i = j + 1;
	}
}

/* "说话的是个胖子，……，正是外门有名的王胖子。" (narration t right after a quote's paragraph):
 * the quote before was that one's. */
void nov_zh_said_by(struct nov *n, const char *t)
{
	static const char *const who_said[] = { "说话的是", "说话的正是", "说话的原来是", "说这话的是", "开口的是", "开口的正是", NULL };
	int k;
	for (k = 0; who_said[k] && !nov_starts(t, who_said[k]); k++) {}
	if (!who_said[k] || !n->n_q || n->q[n->n_q - 1].para + 1 != n->cur_p || n->q[n->n_q - 1].scene != n->sc_i) return;
	int who = -1;
	for (const char *p = t + strlen(who_said[k]); *p && !nov_starts(p, "。") && who < 0; p += nov_cp_len(p)) who = nov_name_at(n, p);
	who = nov_follow(n, who);
	struct nq *q = &n->q[n->n_q - 1];
	int old = nov_follow(n, q->spk);
	if (who < 0 || who == old || who == n->narrator) return;
	nov_respeak(n, n->sc, q, old, who);
	q->spk = who;
	q->how = NOV_HOW_LATE;
	if (nov_follow(n, n->last_spk) == old || n->last_spk < 0) n->last_spk = who;
	if (nov_follow(n, n->prev_spk) == who) n->prev_spk = old;
}

/* "卓视之，乃荆州刺史丁原也。", "行恭……扭转头来一看，原来却是狄洪道", "纯客寻声看去，原来是黎石农"
 * (narration t right after a quote, in its paragraph): one looks (a look word of
 * data zh_look_reveal) and the first sentence says who it is (a word of zh_reveal_is opening
 * the clause after the look or right after it, and a known name within the clause, titles
 * before it): the quote was that one's, when it had no named speaker (nobody, someone
 * unnamed) or went to the one who looks. (Speaker bench, main @ 3a57e48 and the two rules of
 * branch zhtag24: sanguo3 90 -> 92, qijian42 51 -> 52, niehai20 116 -> 117, none lower; the
 * same look opening the next paragraph moved no text and is not read.) */
void nov_zh_seen_to_be(struct nov *n, const char *t)
{
	if (!n->n_q || n->q[n->n_q - 1].scene != n->sc_i || n->q[n->n_q - 1].para != n->cur_p) return;
	const char *e = t;
	while (*e && !nov_zh_stop(e)) e += nov_cp_len(e);
	const char *look = NULL, *is = NULL;
	size_t i, il = 0;
	json_t *x;
	for (const char *h = t; h < e && !look; h += nov_cp_len(h))
		json_array_foreach(json_object_get(n->nd, "zh_look_reveal"), i, x)
			if (nov_starts(h, json_string_value(x))) { look = h + strlen(json_string_value(x)); break; }
	if (!look) return;
	/* (the copula right after the look, or opening one of the two clauses after it) */
	for (const char *h = look; h < e && !is; h += nov_cp_len(h)) {
		if (h != look && !(h - look >= 3 && nov_starts(h - 3, "，"))) continue;
		json_array_foreach(json_object_get(n->nd, "zh_reveal_is"), i, x)
			if (nov_starts(h, json_string_value(x)) && strlen(json_string_value(x)) > il) { is = h; il = strlen(json_string_value(x)); }
	}
	if (!is) return;
	int who = -1;
	for (const char *p = is + il; p < e && !nov_starts(p, "，") && who < 0; p += nov_cp_len(p)) who = nov_name_at(n, p);
	who = nov_follow(n, who);
	/* the one who looks: the first known name of the sentence before the look */
	int looker = -1;
	for (const char *p = t; p < look && looker < 0; p += nov_cp_len(p)) looker = nov_name_at(n, p);
	looker = nov_follow(n, looker);
	struct nq *q = &n->q[n->n_q - 1];
	int old = nov_follow(n, q->spk);
	if (who < 0 || who == old || who == n->narrator || who == looker) return;
	if (old >= 0 && !n->ch[old].placeholder && old != looker) return;
	nov_respeak(n, n->sc, q, old, who);
	q->spk = who;
	q->how = NOV_HOW_LATE;
	if (nov_follow(n, n->last_spk) == old || n->last_spk < 0) n->last_spk = who;
	if (nov_follow(n, n->prev_spk) == who) n->prev_spk = old;
}

/* "母亲站起身，出去了。", "马主任说完就走了。": one of the exchange who leaves takes no more
 * turns (nor is spoken to); the talk goes on with the one left and whoever the narration
 * brings on. The one who leaves: the first named in the sentence of the leaving verb, else
 * the 他/她 that opens it. Read in narration paragraphs and in the narration before a
 * quote ("她转身进了灶房。……爷爷……说：“会不会编？”"). A first-person narrator whom
 * everyone left (n->alone) says the untagged lines that follow (novel_speak.c). */
void nov_zh_leaves(struct nov *n, const char *t)
{
	static const char *const go[] = { "出去了", "就走了", "转身走了", "离开了", "走开了", "出门去了", "扬长而去",
		"走了以后", "走了之后", "去了以后", "去之后", "转身进了", "转身出了", "回房去", "回屋去", "下楼去", NULL };
	int a = nov_follow(n, n->last_spk), b = nov_follow(n, n->prev_spk);
	for (int k = 0; go[k]; k++)
		for (const char *h = strstr(t, go[k]); h; h = strstr(h + 3, go[k])) {
			const char *s = h;
			while (s > t) {
				const char *c = s - 1;
				while (c > t && ((unsigned char)*c & 0xC0) == 0x80) c--;
				if (nov_starts(c, "。") || nov_starts(c, "！") || nov_starts(c, "？")) break;
				s = c;
			}
			int who = -1;
			for (const char *p = s; p < h && who < 0; p += nov_cp_len(p)) who = nov_name_at(n, p);
			who = nov_follow(n, who);
			/* "她转身进了灶房。", "他走了以后，……": a 他/她 that opens the sentence is the one of
			 * the two in the talk of that gender, if only one of them is */
			while (who < 0 && *s == ' ') s++;
			int g = who < 0 && !nov_starts(s + 3, "们") && !nov_starts(s + 3, "們") ? nov_zh_pron(n, s) : 0;
			if (g) {
				const char *gn = g == 'f' ? "female" : "male";
				int fa = a >= 0 && a != n->narrator && (!n->ch[a].gender || str_eq(n->ch[a].gender, gn)),
				    fb = b >= 0 && b != n->narrator && (!n->ch[b].gender || str_eq(n->ch[b].gender, gn));
				if (fa != fb) who = fa ? a : b;
			}
			if (who < 0 || who == n->narrator) continue;
			n->gone = who;
			if (nov_follow(n, n->addressed) == who) n->addressed = -1;
			if (nov_follow(n, n->prev_spk) == who) n->prev_spk = -1;
			if (nov_follow(n, n->last_spk) == who) { n->last_spk = n->prev_spk; n->prev_spk = -1; }
			/* (a first-person narrator left alone talks, or thinks aloud, to himself) */
			if (n->narrator >= 0 && nov_follow(n, n->last_spk) == n->narrator && n->prev_spk < 0) n->alone = n->narrator;
		}
}

/* "午饭之后，卫老婆子又来了。", "新正将尽，卫老婆子来拜年了": one a clause opens with and brings
 * in is n->came (the talk turns to that one until it speaks: novel_speak.c). */
static void comes(struct nov *n, const char *t)
{
	static const char *const come[] = { "来了", "进来", "走来", "来拜年", "回来了", "赶来", NULL };
	for (const char *cs = t; *cs;) {
		const char *ce = cs;
		while (*ce && !nov_starts(ce, "，") && !nov_zh_stop(ce)) ce += nov_cp_len(ce);
		int who = nov_follow(n, nov_name_at(n, cs));
		for (int k = 0; come[k] && who >= 0 && who != n->narrator; k++) {
			const char *h = strstr(cs, come[k]);
			if (h && h < ce && h - cs <= (ptrdiff_t)n->ch[who].len + 12) { n->came = who; n->alone = -1; break; }
		}
		cs = *ce ? ce + nov_cp_len(ce) : ce;
	}
}

/* A narration paragraph pa (no quote) while pass 2 reads: what it changes in the talk. */
void nov_zh_narration(struct nov *n, const struct para *pa)
{
	n->came = -1;
	for (size_t i = 0; i < pa->n; i++) comes(n, pa->v[i].text);
	/* "手机就响了。是我妈。": the talk that follows is the caller's with the one who took it, the caller first */
	for (size_t i = 0; i < pa->n; i++) {
		int owner, caller = nov_zh_phone_call(n, pa->v[i].text, &owner);
		if (caller < 0) continue;
		n->turns = 1;
		n->last_spk = owner;
		n->prev_spk = caller;
		n->addressed = n->beat = n->outsider = -1;
		n->remote = caller;
	}
	if (pa->shift || pa->brk) n->alone = -1;   /* (a new place or time: not alone any more) */
	for (size_t i = 0; i < pa->n; i++) nov_zh_leaves(n, pa->v[i].text);
	if (pa->n) nov_zh_said_by(n, pa->v[0].text);
	/* "挂了电话": the caller is gone from the talk, spoken to or not */
	for (size_t i = 0; n->remote >= 0 && i < pa->n; i++) {
		if (!strstr(pa->v[i].text, "挂") && !pa->shift && !pa->brk) continue;   /* (or a new day: "第二天一早") */
		if (nov_follow(n, n->addressed) == n->remote) n->addressed = -1;
		if (nov_follow(n, n->prev_spk) == n->remote) n->prev_spk = -1;
		if (nov_follow(n, n->last_spk) == n->remote) n->last_spk = n->prev_spk, n->prev_spk = -1;
		n->remote = -1;
	}
}

/* The known person a narration names at p after 姓/名叫 ("姓陈，名叫二妹": 陈二妹; "叫王二"),
 * or -1. */
int nov_zh_intro_named(struct nov *n, const char *p)
{
	if (nov_starts(p, "的名字")) p += 9;
	else if (nov_starts(p, "本") || nov_starts(p, "原")) p += 3;
	char sur[4] = "";
	if (nov_starts(p, "姓") && nov_is_han_at(p + 3)) {   /* 姓X，名叫YY / 姓X名YY */
		snprintf(sur, sizeof sur, "%.3s", p + 3);
		p += 6;
		if (nov_starts(p, "，")) p += 3;
		if (!nov_starts(p, "名")) return -1;
		p += 3;
		if (nov_starts(p, "叫") || nov_starts(p, "唤") || nov_starts(p, "喚")) p += 3;
	} else {
		static const char *const intro[] = { "名叫", "名唤", "名喚", "叫做", "名字叫", "叫", NULL };
		int k;
		for (k = 0; intro[k] && !nov_starts(p, intro[k]); k++) {}
		if (!intro[k]) return -1;
		p += strlen(intro[k]);
		if (nov_zh_han_in("了着過过", p)) return -1;   /* (叫了一声: the verb "to call out") */
	}
	for (size_t l = 9; *sur && l >= 3; l -= 3) {   /* the surname and the given name, longest first */
		if (!nov_is_han_at(p + l - 3)) continue;
		char full[16];
		snprintf(full, sizeof full, "%s%.*s", sur, (int)l, p);
		int c = nov_find_ch(n, full);
		if (c >= 0) return nov_follow(n, c);
	}
	return nov_follow(n, nov_name_at(n, p));
}

/* A stranger who has spoken as a placeholder ("陌生女子") and whom the narration names later
 * ("……知道她姓陈，名叫二妹"): the 他/她 of that sentence is the placeholder of its gender when
 * it was the last one of that gender before this paragraph (was_m, was_f), and the name is
 * one who has not spoken: the two are one person from then on (the placeholder's lines
 * included). */
void nov_zh_stranger_named(struct nov *n, const char *t, int was_m, int was_f)
{
	for (const char *h = t; *h; h += nov_cp_len(h)) {
		int g = nov_zh_pron(n, h);
		if (!g || nov_starts(h + 3, "们") || nov_starts(h + 3, "們")) continue;
		int ph = nov_follow(n, g == 'f' ? was_f : was_m);
		if (ph < 0 || !n->ch[ph].placeholder || !n->ch[ph].spoke) continue;
		int who = nov_zh_intro_named(n, h + 3);
		if (who < 0 || who == ph || who == n->narrator || n->ch[who].placeholder || n->ch[who].spoke) continue;
		if (n->ch[who].gender && strcmp(n->ch[who].gender, g == 'f' ? "female" : "male")) continue;
		nov_merge_into(n, ph, who);
		return;
	}
}

/* The unnamed one ("那人", "那汉子", "老者") who opens a clause of the tag of quote k (the last
 * sentence of the narration just before it in its paragraph, or the first clause just after
 * it); its gender in *g ("male", "female" or NULL). 0 if none, or if a known name follows it
 * in that sentence ("那人将林冲一推，林冲道"). */
static int stranger_tag(struct nov *n, size_t k, const char **g)
{
	static const char *const who[] = { "那人", "那汉", "那大汉", "老者", "那老者", "那老儿", "那后生", "那少年", "那和尚", "那道士", "那客人",
		"那女子", "那妇人", "那婆子", NULL };
	static const char *const gen[] = { NULL, "male", "male", "male", "male", "male", "male", "male", "male", "male", NULL,
		"female", "female", "female" };
	const struct para *pa = &n->p[n->q[k].para];
	size_t si = 0;
	while (si < pa->n && pa->v[si].text != n->q[k].text) si++;
	if (si >= pa->n) return 0;
	const char *b = NULL, *e = NULL;
	if (si > 0 && !pa->v[si - 1].quote) {
		const char *t = pa->v[si - 1].text;
		b = t;
		for (const char *p = t; *p; p += nov_cp_len(p))
			if (nov_starts(p, "。") || nov_starts(p, "！") || nov_starts(p, "？")) b = p + 3;
		e = t + strlen(t);
	} else if (si + 1 < pa->n && !pa->v[si + 1].quote) {
		b = pa->v[si + 1].text;
		for (e = b; *e && !nov_starts(e, "，") && !nov_starts(e, "。") && !nov_starts(e, "："); e += nov_cp_len(e)) {}
	}
	if (!b) return 0;
	while (*b == ' ') b++;
	const char *at = NULL;
	for (const char *p = b; p < e && !at; p += nov_cp_len(p)) {
		if (p > b && (p - b < 3 || !nov_starts(p - 3, "，"))) continue;   /* (at the opening of a clause) */
		for (int i = 0; who[i] && !at; i++)
			if (nov_starts(p, who[i]) && !nov_starts(p + strlen(who[i]), "们") && !nov_starts(p + strlen(who[i]), "家")) { at = p; *g = gen[i]; }
	}
	int found = at != NULL;
	for (const char *p = at; p && p < e; p += nov_cp_len(p))
		if (nov_name_at(n, p) >= 0) return 0;
	return found;
}

/* '那人道：“请坐，少间便知。”…… 那人道：“……我是高太尉府心腹人陆虞候便是。” 陆谦道：“……”': one
 * the tags call only "那人" / "老者" (nobody named), who talks and then falls silent just as
 * a name the text had not written before he came on speaks for the first time (among the next
 * four quotes of the scene), is that name: the text names a stranger once it knows him (the
 * Chinese side of nov_named_late; after the exchanges). Never when the stranger calls that
 * name (unless he gives it as his own: 我是, 在下, 小人), when the narration between brings
 * that one in ("和尚忙走了出来"), when the genders clash, or when the two both speak in one
 * scene before the name is known. */
/* Who quote k's stranger is: the placeholder it went to ("一个汉子": its index), or -2 (a
 * man), -3 (a woman), -4 (either) for a "那人"-like tag that gave it to nobody; -1 if neither. */
static int stranger_of(struct nov *n, size_t k)
{
	int w = nov_follow(n, n->q[k].spk);
	const char *g = NULL;
	if (w >= 0) return n->ch[w].placeholder && w != n->narrator ? w : -1;
	if (!stranger_tag(n, k, &g)) return -1;
	return !g ? -4 : !strcmp(g, "female") ? -3 : -2;
}

void nov_zh_named_late(struct nov *n, struct episode *e)
{
	static const char *const own[] = { "我是", "我叫", "在下", "小人", "我乃", "俺是", "我便是", "我就是", NULL };
	for (size_t i = 0; i < n->n_q;) {
		int st = stranger_of(n, i);
		if (st == -1) { i++; continue; }
		const char *g = st >= 0 ? n->ch[st].gender : st == -2 ? "male" : st == -3 ? "female" : NULL;
		/* the stranger's lines: his quotes of this scene, each within eight quotes of the one before */
		size_t first = i, last = i;
		for (size_t j = i + 1; j < n->n_q && j <= last + 8 && n->q[j].scene == n->q[i].scene; j++)
			if (stranger_of(n, j) == st) last = j;
		i = last + 1;
		size_t xi = 0;
		int x = nov_new_voice_after(n, last, &xi);
		if (x < 0 || (g && n->ch[x].gender && strcmp(g, n->ch[x].gender))) continue;
		const char *nm = n->ch[x].name;
		size_t nl = strlen(nm);
		int seen = 0;
		for (size_t p = 0; p < n->q[first].para && !seen; p++) seen = n->p[p].raw && strstr(n->p[p].raw, nm);
		if (seen) continue;
		/* the narration between the stranger's last line and that one's first names that one
		 * in a sentence of its own ("聽得朱氏說話", "和尚忙走了出来"): another, brought in; but
		 * "那王举人也不谦让" (那/这: the one already there) and the tag of that first line are his */
		for (size_t p = n->q[last].para; p <= n->q[xi].para && !seen; p++) {
			const struct para *pa = &n->p[p];
			size_t s0 = 0, s1 = pa->n;
			if (p == n->q[last].para)
				while (s0 < pa->n && pa->v[s0].text != n->q[last].text) s0++;
			if (p == n->q[xi].para)
				for (s1 = 0; s1 < pa->n && pa->v[s1].text != n->q[xi].text; s1++) {}
			for (size_t s = s0; s < s1 && !seen; s++) {
				const char *t = pa->v[s].text;
				if (pa->v[s].quote) continue;
				for (const char *h = strstr(t, nm); h && !seen; h = strstr(h + nl, nm)) {
					if (h - t >= 3 && (nov_starts(h - 3, "那") || nov_starts(h - 3, "这"))) continue;
					int ends = 0;
					for (const char *c = h; *c && !ends; c += nov_cp_len(c)) ends = nov_starts(c, "。") || nov_starts(c, "！") || nov_starts(c, "？");
					seen = ends || s + 1 != s1 || p != n->q[xi].para;
				}
			}
		}
		/* the stranger calls that name: not his own, unless he gives it as his own */
		for (size_t k = first; k <= last && !seen; k++) {
			if (stranger_of(n, k) != st) continue;
			for (const char *h = strstr(n->q[k].text, nm); h && !seen; h = strstr(h + nl, nm)) {
				int mine = 0;
				for (int a = 0; own[a] && !mine; a++) {
					const char *o = strstr(n->q[k].text, own[a]);
					mine = o && o < h && h - o <= 60;
				}
				seen = !mine;
			}
		}
		if (seen) continue;
		for (size_t k = first; k <= last; k++) {
			if (stranger_of(n, k) != st) continue;
			if (n->q[k].scene < e->n_scenes) nov_respeak(n, &e->scenes[n->q[k].scene], &n->q[k], st >= 0 ? st : -1, x);
			if (st >= 0 && n->ch[st].spoke) n->ch[st].spoke--;
			n->q[k].spk = x;
			n->q[k].how = NOV_HOW_LATE;
			n->ch[x].spoke++;
		}
	}
}
