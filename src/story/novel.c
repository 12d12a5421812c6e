/* story/novel.c — a novel chapter or short story (English or Chinese plain text) into a
 * storyboard (story_from_novel).
 *
 * 1. Paragraphs, scene breaks (***, ---, chapter headings, two blank lines, "The next
 *    morning" / "第二天" at the start of a paragraph) and quote segments
 *    (“ ” " " 「 」 『 』).
 * 2. Names: said-verb attributions ("said Xia", "夏晓说"), titled mentions ("Mr. Bao",
 *    "鲍老板"), capitalised words that recur and never appear in lower case, and
 *    self-introductions in dialogue ("I am Rui", "本王乃……萧睿").
 * 3. Speakers, in reading order: an attribution after the quote, then one before it
 *    ("X: “...”", "X说：“...”"), then the same speaker as an earlier quote of the
 *    paragraph, then the subject of the paragraph's narration, then turn-taking.
 *    Pronouns go to the last-named character of that gender; "the man" / "男人" is a
 *    stranger until he introduces himself, then every line of his is renamed.
 * 4. Shots: a wide establishing shot per scene, narration lines (speaker NULL) for
 *    paragraphs without dialogue, an action shot for narration inside dialogue
 *    paragraphs, and a shot per quote.
 *
 * Steps 1 (novel_text.c) and 2 (novel_names.c) live in their own files; this one holds
 * steps 3 and 4 and story_from_novel (roles, places and episodes: novel_scene.c). */
#include "story/novel.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- pass 2: scenes, shots and lines ---- */
static void rename_all(struct series *s, const char *from, const char *to)
{
	for (size_t i = 0; i < s->n_eps; i++)
		for (size_t j = 0; j < s->eps[i].n_scenes; j++) {
			struct scene *sc = &s->eps[i].scenes[j];
			for (size_t k = 0; k < sc->n_shots; k++) {
				struct shot *sh = &sc->shots[k];
				if (sh->line && str_eq(sh->line->speaker, from)) { free(sh->line->speaker); sh->line->speaker = xstrdup(to); }
				for (size_t a = 0; a < sh->n_actors; a++) {
					if (!str_eq(sh->actors[a].name, from)) continue;
					int dup = 0;
					for (size_t b = 0; b < sh->n_actors; b++) dup |= b != a && str_eq(sh->actors[b].name, to);
					if (dup) {
						struct actor *x = &sh->actors[a];
						free(x->name); free(x->expression); free(x->pose); free(x->action);
						memmove(sh->actors + a, sh->actors + a + 1, (sh->n_actors - a - 1) * sizeof *sh->actors);
						sh->n_actors--;
						a--;
					} else {
						free(sh->actors[a].name);
						sh->actors[a].name = xstrdup(to);
					}
				}
			}
		}
}

/* Character from becomes to: its lines, its mentions. */
static void merge_into(struct nov *n, int from, int to)
{
	if (!n->zh && nov_apart_en(n, from, to)) return;   /* (novel_guard.c: two people, never one) */
	n->ch[from].merged = to;
	if (!n->ch[to].gender) n->ch[to].gender = n->ch[from].gender;
	n->ch[to].used = 1;
	n->ch[to].spoke += n->ch[from].spoke;
	rename_all(n->s, n->ch[from].name, n->ch[to].name);
	if (str_eq(n->prev_line_speaker, n->ch[from].name)) { free(n->prev_line_speaker); n->prev_line_speaker = xstrdup(n->ch[to].name); }
	if (n->last_m == from) n->last_m = to;
	if (n->last_f == from) n->last_f = to;
	if (n->last_any == from) n->last_any = to;
	if (n->last_spk == from) n->last_spk = to;
	if (n->prev_spk == from) n->prev_spk = to;
}

void nov_merge_into(struct nov *n, int from, int to) { merge_into(n, from, to); }

/* A placeholder who says "I am Rui" becomes Rui. */
static void self_intro(struct nov *n, int spk, const char *quote)
{
	if (spk < 0 || !n->ch[spk].placeholder || n->ch[spk].merged >= 0) return;
	/* "Leo Brandt. I own the place.": a first sentence of one to three capitalised words
	 * that end with the name of one who has not spoken (English) */
	const char *dot = n->zh ? NULL : strchr(quote, '.');
	int words = 0, caps = 1;
	for (const char *w = quote; dot && w < dot; w++)
		if (w == quote || w[-1] == ' ') { words++; caps &= isupper((unsigned char)*w) != 0; }
	for (size_t c = 0; dot && caps && words <= 3 && c < n->n_ch; c++) {
		size_t l = n->ch[c].len;
		if ((int)c == spk || n->ch[c].merged >= 0 || n->ch[c].placeholder || (int)c == n->narrator || n->ch[c].spoke) continue;
		if ((size_t)(dot - quote) >= l && !strncmp(dot - l, n->ch[c].name, l) && (dot - l == quote || dot[-(ptrdiff_t)l - 1] == ' ')) {
			merge_into(n, spk, (int)c);
			return;
		}
	}
	const json_t *intro = nov_vocab(n, "self_intro");
	size_t i;
	json_t *x;
	json_array_foreach(intro, i, x) {
		const char *mk = json_string_value(x);
		/* the first marker, then any that opens a later sentence ("... at once. I am the Witch") */
		const char *first = strstr(quote, mk);
		for (const char *hm = first; hm; hm = strstr(hm + 1, mk)) {
			const char *sb = hm;
			while (sb > quote && sb[-1] == ' ') sb--;
			if (hm != first && (n->zh || sb == hm || sb == quote || !strchr(".!?", sb[-1]))) continue;
			const char *q = hm + strlen(mk);
			/* the earliest known name after the marker */
			int best = -1;
			const char *bp = NULL;
			for (size_t c = 0; c < n->n_ch; c++) {
				if ((int)c == spk || n->ch[c].merged >= 0 || n->ch[c].placeholder || (int)c == n->narrator) continue;
				const char *h = strstr(q, n->ch[c].name);
				/* (not "I'm Peter's son": a name in the possessive is another's) */
				if (h && (!strncmp(h + n->ch[c].len, "'s", 2) || !strncmp(h + n->ch[c].len, "\u2019s", 4))) continue;
				if (h && (!bp || h < bp)) { bp = h; best = (int)c; }
			}
			if (best < 0 || bp - q > 40) {
				/* "I am the King", "address me as the Count Von Kramm": the title names him */
				const char *w = q;
				while (*w == ' ') w++;
				if (!strncmp(w, "the ", 4)) w += 4;
				size_t wl = nov_word_at(w), td;
				if (n->zh || !wl || !isupper((unsigned char)*w)) continue;
				/* "I am the Witch of the North", "the Lady of the Lake": a capitalised word of a
				 * capitalised place names her though it is no title */
				size_t ol = !strncmp(w + wl, " of the ", 8) ? 8 : !strncmp(w + wl, " of ", 4) ? 4 : 0;
				size_t pl = ol ? nov_word_at(w + wl + ol) : 0;
				if (pl && isupper((unsigned char)w[wl + ol])) wl += ol + pl;
				else if (!nov_is_title_word(n, w, wl, &td)) continue;
				char *t = xstrndup(w, wl);
				best = nov_find_ch(n, t);
				if (best < 0) {
					best = (int)n->n_ch;
					xgrow((void **)&n->ch, &n->cap_ch, n->n_ch, sizeof *n->ch);
					memset(&n->ch[best], 0, sizeof n->ch[best]);
					n->ch[best].name = t;
					n->ch[best].len = wl;
					n->ch[best].merged = -1;
					n->n_ch++;
					t = NULL;
				}
				free(t);
			}
			merge_into(n, spk, best);
			return;
		}
	}
}

/* The one who answers a quote that calls someone who has not spoken yet (“您是王秀兰吧？”,
 * “周师傅，您先别动。”, “陈员外可在？”) is that one when the importer has no name for the
 * answer: a placeholder ("the woman") becomes that one, nobody is that one (Chinese).
 * Returns the speaker of the answer. */
static int zh_answer_called(struct nov *n, int spk)
{
	if (!n->zh || !n->n_q) return spk;
	int who = nov_zh_called(n, n->q[n->n_q - 1].text);
	if (who < 0 || who == n->narrator || n->ch[who].placeholder || who == nov_follow(n, n->q[n->n_q - 1].spk)) return spk;
	int self = spk >= 0 && nov_follow(n, spk) == who;   /* (turn-taking gave it to the one called) */
	if (n->ch[who].spoke > self) return spk;   /* heard before: not a newcomer */
	if (spk >= 0 && !self && (!n->ch[spk].placeholder || n->ch[spk].merged >= 0)) return spk;
	int ph = spk >= 0 && !self ? spk : -1;
	/* "进来一个男人" just before: he is the one called */
	for (int k = 0; k < 4 && ph < 0; k++) {
		int r = nov_follow(n, n->recent[k]);
		if (r >= 0 && n->ch[r].placeholder && !n->ch[r].spoke && (!n->ch[who].gender || str_eq(n->ch[who].gender, n->ch[r].gender))) ph = r;
	}
	if (ph >= 0 && (!n->ch[who].gender || !n->ch[ph].gender || !strcmp(n->ch[who].gender, n->ch[ph].gender))) merge_into(n, ph, who);
	else if (ph >= 0) return spk;
	return who;
}

/* 1 if the sentence of narration seg that touches the quote (its last sentence when the
 * quote follows, its first when the quote comes before) writes a name of who. */
static int zh_clause_names(struct nov *n, const struct seg *sg, int last, int who)
{
	if (!sg || sg->quote || who < 0) return 0;
	const char *t = sg->text, *b = t, *e = t + strlen(t);
	if (last) {
		while (e - t >= 3 && (nov_starts(e - 3, "：") || nov_starts(e - 3, "，") || nov_starts(e - 3, "。"))) e -= 3;
		for (const char *p = t; p < e; p += nov_cp_len(p))
			if (nov_starts(p, "。") || nov_starts(p, "！") || nov_starts(p, "？") || nov_starts(p, "；")) b = p + 3;
	} else {
		while (nov_starts(b, "，")) b += 3;
		for (const char *p = b; p < e; p += nov_cp_len(p))
			if (nov_starts(p, "。") || nov_starts(p, "！") || nov_starts(p, "？") || nov_starts(p, "；")) { e = p; break; }
	}
	for (size_t c = 0; c < n->n_ch; c++)
		if (nov_follow(n, (int)c) == who) {
			const char *h = strstr(b, n->ch[c].name);
			if (h && h + n->ch[c].len <= e) return 1;
		}
	return 0;
}

/* The person "姓陶，名幼芳" / "姓吕名佩" at p (姓) gives, added to the cast when no known
 * name is his: the surname and a given name of one or two characters that ends the clause;
 * -1 if p is not so shaped. */
static int zh_new_full_name(struct nov *n, const char *p)
{
	if (!nov_starts(p, "姓") || !nov_is_han_at(p + 3) || nov_zh_han_in("名是甚什", p + 3)) return -1;
	const char *g = p + 6;
	if (nov_starts(g, "，")) g += 3;
	if (!nov_starts(g, "名") || nov_starts(g + 3, "叫") || nov_starts(g + 3, "唤") || nov_starts(g + 3, "字")) return -1;
	g += 3;
	size_t gl = 0;
	while (gl < 6 && nov_is_han_at(g + gl)) gl += 3;
	if (!gl || nov_is_han_at(g + gl) || !(nov_starts(g + gl, "，") || nov_starts(g + gl, "。") || nov_starts(g + gl, "！") || nov_starts(g + gl, "；") || !g[gl]))
		return -1;
	char full[16];
	snprintf(full, sizeof full, "%.3s%.*s", p + 3, (int)gl, g);
	if (!nov_zh_surname(n, full) || !nov_zh_name_ok(n, full)) return -1;
	return nov_add_ch(n, full);
}

/* A quote in which the speaker gives a surname and a given name ("我姓董名士宏，本钱塘人氏",
 * "奴家姓陶，名幼芳", "我姓吕名佩"), the self-word (我, 小人, 奴家, 在下 ...: data
 * zh_self_words_intro) opening the quote or one of its sentences, is that person's (one
 * not known yet joins the cast: zh_new_full_name), whoever the tag or turn-taking gave it
 * to: one introduces oneself so, in full, and the tag before it is often only "那人道" or a
 * role word ("那女子道"). The person, or -1. */
static int zh_own_full_name(struct nov *n, const char *quote)
{
	const char *self = json_string_value(json_object_get(n->nd, "zh_self_words_intro"));
	for (const char *h = quote; *h; h += nov_cp_len(h)) {
		if (h > quote && !(h - quote >= 3 && (nov_zh_stop(h - 3) || nov_starts(h - 3, "。") || nov_starts(h - 3, "，")))) continue;
		for (const char *w = self; w && *w; ) {
			const char *e = strchr(w, ' ');
			size_t wl = e ? (size_t)(e - w) : strlen(w);
			if (!strncmp(h, w, wl) && nov_starts(h + wl, "姓")) {
				int who = nov_follow(n, nov_zh_intro_named(n, h + wl));
				if (who < 0) who = zh_new_full_name(n, h + wl);
				if (who >= 0 && who != n->narrator && !n->ch[who].placeholder) return who;
			}
			w += wl;
			while (*w == ' ') w++;
		}
	}
	return -1;
}

/* A quote that gives its speaker's own name ("小人叫王辅庭，在四美斋掌柜。", "我叫林峰。") is
 * that one's when no tag named its speaker (turn-taking or the paragraph's subject gave it
 * to the one who spoke the quote before, or guessed it, or nobody): the marker (我叫, 小人叫,
 * 在下) opens the quote or one of its sentences, the name after it ends its clause and
 * belongs to a known person who has not spoken yet (Chinese). Returns the speaker. */
static int zh_own_name(struct nov *n, int spk, const char *quote, const struct para *pa, size_t si)
{
	if (!n->zh) return spk;
	int full = zh_own_full_name(n, quote);
	if (full >= 0) return spk >= 0 && nov_follow(n, spk) == full ? spk : full;
	if (zh_clause_names(n, si > 0 ? &pa->v[si - 1] : NULL, 1, nov_follow(n, spk)) ||
	    zh_clause_names(n, si + 1 < pa->n ? &pa->v[si + 1] : NULL, 0, nov_follow(n, spk)))
		return spk;   /* (a tag names its speaker) */
	static const char *const mine[] = { "我叫", "我名叫", "我的名字叫", "小人叫", "小人名叫", "小的叫", "小的名叫", "小人是", "小的是",
		"小人乃", "在下", "我就是", "我乃", NULL };
	/* (a tag's own subject wins, but not the one who spoke the quote before: he does not
	 * answer himself, "你叫什么？" ... 答称：“小人叫王辅庭”) */
	int again = spk >= 0 && n->n_q && nov_follow(n, n->q[n->n_q - 1].spk) == nov_follow(n, spk);
	if (spk >= 0 && !n->guessed && !n->ch[spk].placeholder && !again) return spk;
	for (int k = 0; mine[k]; k++)
		for (const char *h = strstr(quote, mine[k]); h; h = strstr(h + 3, mine[k])) {
			const char *p = h + strlen(mine[k]);
			/* (opening the quote or one of its sentences: "……我叫阿毛，没有应" is "I called") */
			if (h > quote && !(h - quote >= 3 && (nov_zh_stop(h - 3) || nov_starts(h - 3, "。")))) continue;
			int who = nov_follow(n, nov_name_at(n, p));
			if (who < 0 || who == n->narrator || n->ch[who].placeholder || who == nov_follow(n, spk) || n->ch[who].spoke) continue;
			size_t l = 0;
			for (size_t c = 0; c < n->n_ch; c++)   /* (the name written there, under any of its names) */
				if (nov_follow(n, (int)c) == who && n->ch[c].len > l && !strncmp(p, n->ch[c].name, n->ch[c].len)) l = n->ch[c].len;
			const char *e = p + l;
			if (*e && !nov_starts(e, "，") && !nov_starts(e, "。") && !nov_starts(e, "！") && !nov_starts(e, "；") && !nov_starts(e, "…")) continue;
			return spk >= 0 && n->ch[spk].placeholder ? spk : who;   /* (a placeholder takes the name: self_intro) */
		}
	return spk;
}

/* "My name is Johnson, not Yonson." / "I am Captain Hobart, of Colonel Kirke's dragoons." /
 * "Yes, I am Flambeau.": one who says his own name, opening the quote or one of its
 * sentences (after a yes or no at most), is the speaker, whoever the cascade gave the line
 * to: nobody introduces himself by another's name (English).
 * The name is a character's, the narrator's only if pass 1 named him so, and nothing but
 * a stop follows it ("I am Tom's sister" is no introduction). Returns the speaker, the
 * line anchored when it names him. */
static int en_own_name(struct nov *n, int spk, const char *quote, const struct para *pa, size_t si)
{
	if (n->zh || (spk >= 0 && n->ch[nov_follow(n, spk)].placeholder)) return spk;   /* (a placeholder takes the name: self_intro) */
	static const char *const mine[] = { "My name is ", "my name is ", "I am ", "I'm ", "I\u2019m ", NULL };
	const char *cut = NULL;
	for (int k = 0; mine[k] || cut; k++) {
		const char *h = cut ? quote : strstr(quote, mine[k]);
		for (; h; h = cut ? NULL : strstr(h + 1, mine[k])) {
			const char *p = cut ? cut : h + strlen(mine[k]);
			if (!cut && h > quote) {   /* opening the quote, a sentence, or after one word ("Yes, I am") */
				const char *b = h;
				while (b > quote && b[-1] == ' ') b--;
				int ok = b > quote && strchr(".!?", b[-1]);
				if (!ok && b > quote && b[-1] == ',') {
					const char *w = b - 1;
					while (w > quote && isalpha((unsigned char)w[-1])) w--;
					ok = w == quote && (size_t)(b - 1 - w) <= 5;
				}
				if (!ok) continue;
			}
			if (!isupper((unsigned char)*p)) continue;
			int who = nov_name_at(n, p);
			if (who < 0 || n->ch[who].placeholder) continue;
			size_t l = 0;
			for (size_t c = 0; c < n->n_ch; c++) {   /* (the name written there, under any of its names, or its surname) */
				const char *nm[2] = { n->ch[c].name, n->ch[c].last ? n->ch[c].name + n->ch[c].last : NULL };
				for (int j = 0; j < 2; j++) {
					size_t nl = nm[j] ? strlen(nm[j]) : 0;
					if (nov_follow(n, (int)c) == who && nl > l && !strncmp(p, nm[j], nl)) l = nl;
				}
			}
			if (!l) continue;
			const char *e = p + l;
			if (*e && !strchr(",.!;", *e) && strncmp(e, "--", 2)) continue;
			n->anchored = 1;   /* (the line names its speaker: no re-ranking) */
			return who;
		}
		if (cut) break;
	}
	return spk;
}

/* "Evening, Jack." to an unnamed one in the talk (the placeholder of "said the tall
 * man"): the name the quotes alone use for someone, spoken to him, is his (English). */
static void named_in_address(struct nov *n, int spk, int a, int b, const char *quote)
{
	int voc = nov_follow(n, n->cur_voc);
	if (n->zh) return;
	int to = a >= 0 && a != spk ? a : b;
	if (to < 0 || to == spk || !n->ch[to].placeholder || n->ch[to].merged >= 0) return;
	if (voc < 0) {   /* the whole quote "Ranger Ortiz," / "Mr. Penney!" to the unnamed one: that is her name */
		char nm[64];
		const char *g = NULL;
		if (nov_titled_vocative_en(n, quote, nm, sizeof nm, &g) && (!g || str_eq(g, n->ch[to].gender)))
			merge_into(n, to, nov_add_ch(n, nm));
		return;
	}
	if (!n->ch[voc].addr_only || n->ch[voc].spoke) return;
	if (n->ch[voc].gender && !str_eq(n->ch[voc].gender, n->ch[to].gender)) return;
	merge_into(n, to, voc);
}

/* A quote or narration piece as a sentence: a trailing comma or colon becomes a full stop. */
static char *tidy(const char *t)
{
	char *s = xstrdup(t);
	char *u = str_trim(s);
	size_t l = strlen(u);
	struct sbuf b = { 0 };
	if (l && (u[l - 1] == ',' || u[l - 1] == ':' || u[l - 1] == ';')) { u[l - 1] = 0; sb_add(&b, u); sb_add(&b, "."); }
	else if (l >= 3 && (!strcmp(u + l - 3, "，") || !strcmp(u + l - 3, "：") || !strcmp(u + l - 3, "；"))) { u[l - 3] = 0; sb_add(&b, u); sb_add(&b, "。"); }
	else sb_add(&b, u);
	free(s);
	return b.s;
}

static struct shot *new_shot(struct nov *n, const char *type)
{
	struct shot *sh = scene_add_shot(n->sc);
	sh->type = xstrdup(type);
	return sh;
}

static void put_actor(struct nov *n, struct shot *sh, int who, const char *face)
{
	if (who < 0) return;
	who = nov_follow(n, who);
	n->ch[who].used = 1;
	for (size_t i = 0; i < sh->n_actors; i++)
		if (str_eq(sh->actors[i].name, n->ch[who].name)) return;
	struct actor *a = shot_add_actor(sh);
	a->name = xstrdup(n->ch[who].name);
	if (face) a->expression = xstrdup(face);
}

static size_t words_of(const char *t)
{
	size_t w = 0;
	int in = 0;
	const char *p = t;
	while (*p) {
		int32_t c = utf8_next(&p);
		if (c > 0 && utf8_is_cjk(c)) { w++; in = 0; }
		else if (c == ' ' || c == '\n') in = 0;
		else if (!in) { w++; in = 1; }
	}
	return w;
}

/* Sentences of a narration into chunks of at most ~150 characters (2 sentences). */
static size_t next_chunk(struct nov *n, const char *t)
{
	const char *p = t;
	size_t cps = 0;
	int sentences = 0;
	const char *last_end = NULL, *last_space = NULL;
	while (*p) {
		const char *q = p + nov_cp_len(p);
		cps++;
		int end = 0;
		if (strchr(".!?", *p) && (*q == ' ' || !*q || *q == '"')) {
			const char *w = p;
			while (w > t && isalpha((unsigned char)w[-1])) w--;
			size_t td;
			end = !(p > w && nov_is_title_word(n, w, (size_t)(p - w), &td));
		}
		if (nov_starts(p, "。") || nov_starts(p, "！") || nov_starts(p, "？") || nov_starts(p, "；")) end = 1;
		if (*p == ' ') last_space = p;
		if (end) {
			sentences++;
			last_end = q;
			if (sentences >= 2 || cps > 110) return (size_t)(q - t);
		}
		if (cps >= 170) {
			if (last_end) return (size_t)(last_end - t);
			if (last_space) return (size_t)(last_space - t);
			return (size_t)(q - t);
		}
		p = q;
	}
	return (size_t)(p - t);
}

static const char *shot_for(size_t actors, size_t words)
{
	return actors == 0 ? (words <= 10 ? "insert" : "wide") : actors == 1 ? "medium" : "two_shot";
}

/* who[0..k) into the people the paragraph being read names (n->para_refs, unique) */
static void para_ref_add(struct nov *n, const int *who, size_t k)
{
	for (size_t i = 0; i < k; i++) {
		size_t j = 0;
		while (j < n->n_para_refs && n->para_refs[j] != who[i]) j++;
		if (j == n->n_para_refs && j < sizeof n->para_refs / sizeof *n->para_refs) n->para_refs[n->n_para_refs++] = who[i];
	}
}

/* Narration: a line with no speaker per chunk, framed on who it names. */
static void narrate(struct nov *n, const char *text, int establishing)
{
	const char *p = text;
	while (*p) {
		while (*p == ' ') p++;
		if (!*p) break;
		size_t len = next_chunk(n, p);
		char *chunk = xstrndup(p, len);
		p += len;
		char *c = str_trim(chunk);
		if (*c) {
			int who[3], first;
			size_t k = nov_refs(n, c, strlen(c), who, 3, &first);
			nov_looks_read(n, c, strlen(c));   /* (novel_looks.c: how the ones it named look) */
			for (size_t i = 0; i < k; i++)   /* the people this paragraph names, in order */
				if (who[i] != n->seed[0] && n->seed[1] < 0) n->seed[n->seed[0] < 0 ? 0 : 1] = who[i];
			para_ref_add(n, who, k);
			struct shot *sh;
			if (establishing && n->sc->n_shots == 1 && !n->sc->shots[0].line) sh = &n->sc->shots[0];
			else sh = new_shot(n, shot_for(k, words_of(c)));
			for (size_t i = 0; i < k; i++) put_actor(n, sh, who[i], NULL);
			const char *snd = imp_lookup("sounds", c), *pose = imp_lookup("poses", c);
			if (snd && !sh->sound) sh->sound = xstrdup(snd);
			if (pose && sh->n_actors && !sh->actors[sh->n_actors - 1].pose) sh->actors[sh->n_actors - 1].pose = xstrdup(pose);
			struct line *l = shot_set_line(sh);
			l->text = xstrdup(c);
			establishing = 0;
		}
		free(chunk);
	}
}

/* An action shot for narration inside a dialogue paragraph (not spoken). */
static void action(struct nov *n, const char *text)
{
	int who[3], first;
	size_t k = nov_refs(n, text, strlen(text), who, 3, &first);
	if (words_of(text) < (n->zh ? 6u : 4u)) return;
	struct shot *sh;
	if (n->sc->n_shots == 1 && !n->sc->shots[0].line && !n->sc->shots[0].action) sh = &n->sc->shots[0];
	else sh = new_shot(n, shot_for(k, words_of(text)));
	for (size_t i = 0; i < k; i++) put_actor(n, sh, who[i], NULL);
	const char *pose = imp_lookup("poses", text), *snd = imp_lookup("sounds", text);
	if (pose && sh->n_actors) sh->actors[0].pose = xstrdup(pose);
	if (snd) sh->sound = xstrdup(snd);
	sh->action = tidy(text);
}

static void speak(struct nov *n, int spk, const char *text, const char *emotion)
{
	spk = nov_follow(n, spk);
	const char *name = spk >= 0 ? n->ch[spk].name : NULL;
	const char *t = text;
	int first = 1;
	while (*t) {
		size_t len = strlen(t);
		if (utf8_len(t) > 180) len = next_chunk(n, t);
		char *piece = xstrndup(t, len);
		t += len;
		while (*t == ' ') t++;
		if (!*str_trim(piece)) { free(piece); continue; }
		int spoke_before = 0;
		for (size_t k = 0; k < n->sc->n_shots && name; k++)
			if (n->sc->shots[k].line && str_eq(n->sc->shots[k].line->speaker, name)) spoke_before = 1;
		const char *type = "medium";
		if (!name) type = "wide";
		else if (emotion && (!strcmp(emotion, "surprised") || !strcmp(emotion, "scared")) && words_of(piece) <= 4) type = "extreme_close_up";
		else if (emotion && strstr(" angry shout crying surprised scared whisper ", emotion)) type = "close_up";
		else if (spoke_before && n->prev_line_speaker && !str_eq(n->prev_line_speaker, name)) type = "over_the_shoulder";
		struct shot *sh = new_shot(n, type);
		if (name) {
			const char *face = emotion && strcmp(emotion, "whisper") ? (strcmp(emotion, "shout") ? emotion : "angry") : NULL;
			put_actor(n, sh, spk, face);
			if (!strcmp(type, "over_the_shoulder")) {
				int o = nov_find_ch(n, n->prev_line_speaker);
				put_actor(n, sh, o, NULL);
			}
		}
		if (emotion && (!strcmp(emotion, "angry") || !strcmp(emotion, "shout"))) sh->camera = xstrdup("push_in");
		struct line *l = shot_set_line(sh);
		l->speaker = name ? xstrdup(name) : NULL;
		l->text = tidy(piece);
		l->emotion = emotion ? xstrdup(emotion) : NULL;
		free(piece);
		(void)first;
		first = 0;
	}
	if (name) {
		free(n->prev_line_speaker);
		n->prev_line_speaker = xstrdup(name);
		if (spk != n->last_spk) { n->prev_spk = n->last_spk; n->last_spk = spk; }
		nov_mention(n, spk);
		n->ch[spk].used = 1;
	}
}

/* The first character named in the last sentence of t (resolving as it reads). */
static int narrate_refs(struct nov *n, const char *t, int *subject_first, int *subject_last)
{
	const char *p = t;
	*subject_first = *subject_last = -1;
	n->para_first_obj = 0;
	while (*p) {
		size_t len = next_chunk(n, p);
		if (!len) break;
		int who[3], first;
		size_t k = nov_refs(n, p, len, who, 3, &first);
		nov_looks_read(n, p, len);
		para_ref_add(n, who, k);
		if (*subject_first < 0) { *subject_first = first; n->para_first_obj = first >= 0 && n->first_obj; }
		*subject_last = first;
		p += len;
		while (*p == ' ') p++;
	}
	return *subject_first;
}

/* Someone outside the exchange of a and b whom a narration paragraph brings on ("She
 * sighed and went out. Greer was sitting on the bench ... and he stood up"): the first
 * such person named joins the talk (n->beat), unless a and b both act in it too. */
static void beat_outsider(struct nov *n, const char *t, int a, int b)
{
	int in = 0, out = -1;
	for (size_t i = 0; i < n->n_para_refs; i++) {
		int w = nov_follow(n, n->para_refs[i]);
		in += w == a || w == b;
		if (out < 0 && w != a && w != b && w != n->narrator && !n->ch[w].placeholder) out = w;
	}
	/* not while both of the exchange act in it ("He held it out. She unwound the towel. Bell drew in her breath.") */
	if (in < 2) n->beat = out;
}

/* "熄灯以后，苏晴还在床上翻来覆去。对面床的唐悦打开手电，压低了声音。": the one the last
 * sentence's first clause names acted last and opens the talk that follows (n->seed). */
static void zh_last_sentence_first(struct nov *n, const char *t)
{
	size_t l = strlen(t);
	const char *s = t;
	for (const char *p = t; p < t + l; p += nov_cp_len(p))
		if ((nov_starts(p, "。") || nov_starts(p, "！") || nov_starts(p, "？")) && p + 3 < t + l && p[3]) s = p + 3;
	/* (a first clause with no one in it, "刚进院门，奶奶就……": the next clause) */
	for (const char *p = s; *p && !nov_starts(p, "。") && !(nov_starts(p, "，") && p - s > 12); p += nov_cp_len(p)) {
		int who = nov_name_at(n, p);
		if (who < 0) continue;
		if (who == n->narrator || n->ch[who].placeholder || who == n->seed[0] || s == t) return;
		n->seed[1] = n->seed[0];
		n->seed[0] = who;
		return;
	}
}

/* A short narration paragraph between quotes of an exchange ("Mr. Darcy bowed."): the
 * one it opens with acted. The one asked a question whose turn it was answered without
 * words, so the turn passes back (after a statement, one who reacts then speaks:
 * "Elizabeth looked with unaffected astonishment."); someone not in the exchange joined
 * it (n->beat: a pronoun tag of the next quote is that one). */
static void beat(struct nov *n, const char *t)
{
	const char *lq = n->n_q ? n->q[n->n_q - 1].text : "";
	size_t ql = strlen(lq);
	while (ql && (lq[ql - 1] == ' ' || lq[ql - 1] == '\n')) ql--;
	int asked = ql && (lq[ql - 1] == '?' || (ql >= 3 && !strncmp(lq + ql - 3, "？", 3)));
	int sf, sl;
	size_t len = next_chunk(n, t);
	char *first = xstrndup(t, len);
	narrate_refs(n, first, &sf, &sl);
	free(first);
	sf = nov_follow(n, sf);
	int a = nov_follow(n, n->last_spk), b = nov_follow(n, n->prev_spk), ad = nov_follow(n, n->addressed);
	for (size_t i = 0; n->zh && i < n->n_para_refs && n->outsider < 0; i++) {   /* (Chinese: one outside the two it names) */
		int w = nov_follow(n, n->para_refs[i]);
		if (w != a && w != b && w != n->narrator && !n->ch[w].placeholder) n->outsider = w;
	}
	/* "He looked at her father before he answered." after a question to Mr. Fenwick: he is Mr. Fenwick */
	size_t wl = nov_word_at(t);
	if (!n->zh && ad >= 0 && ad != a && ((wl == 2 && !strncmp(t, "He", 2)) || (wl == 3 && !strncmp(t, "She", 3))) &&
	    str_eq(n->ch[ad].gender, wl == 2 ? "male" : "female"))
		sf = ad;
	/* "A man stood on the mat, looking at them both. Jess put on her work smile.": the one
	 * the last sentence opens with acted last */
	const char *ls = NULL;
	for (const char *q = t; *q; q++)
		if ((*q == '.' || *q == '!' || *q == '?') && q[1] == ' ' && isupper((unsigned char)q[2])) ls = q + 2;
	int last = ls && !n->zh ? nov_name_at(n, ls) : -1;
	if (ls && !n->zh && last < 0) last = nov_relation_subject_en(n, ls);   /* "Her mother watched her over the teapot." */
	if (last >= 0 && last != sf && last != a) sf = last;
	/* "They stood and looked at each other. I pulled at my aunt's sleeve." / "I climbed the
	 * rest of the way up.": a first-person narrator who acts last in a short beat (or opens
	 * it, with no one else's sentence after) takes the next turn like anyone who acts */
	if (!n->zh && a >= 0 && a != n->narrator && n->narrator >= 0 &&
	    ((last >= 0 && last == n->narrator) || (last < 0 && nov_follow(n, sf) == n->narrator))) {
		n->beat = n->narrator;
		return;
	}
	/* "Gemma pointed upward. Nadia looked up, and ..." after Nadia spoke: she acted last,
	 * so "she said" next is hers (an untagged quote still takes turns) */
	if (!n->zh && last >= 0 && last == a && sf != a) { n->beat = a; return; }
	/* "跑进来一个小姑娘，叫春妮": the unnamed one is the one named right after */
	for (size_t i = 0; n->zh && sf >= 0 && n->ch[sf].placeholder && i < n->n_para_refs; i++) {
		int w = nov_follow(n, n->para_refs[i]);
		if (!n->ch[w].placeholder && w != a && w != b && w != n->narrator) sf = w;
	}
	if (sf < 0 || sf == a) { beat_outsider(n, t, a, b); return; }
	int turn = ad >= 0 && ad != a ? ad : b;
	if (asked && (sf == turn || (turn < 0 && sf != n->narrator))) {
		n->prev_spk = n->last_spk;
		n->last_spk = sf;
		n->addressed = -1;
	} else if (sf != b && sf != n->narrator) n->beat = sf;
	else if (!(last >= 0 && sf == last && !n->zh)) beat_outsider(n, t, a, b);   /* (the one whose turn it is acted last: no outsider) */
	/* "舅舅家有个闺女，叫二丫，比我小一岁，躲在门后偷偷看我。": the newcomer talks with the
	 * first-person narrator the paragraph names, else with the one other person it names */
	n->beat_with = -1;
	for (size_t i = 0; n->zh && n->beat >= 0 && i < n->n_para_refs; i++) {
		int w = nov_follow(n, n->para_refs[i]);
		if (w == n->narrator) { n->beat_with = w; break; }
		if (w == n->beat || n->ch[w].placeholder || w == n->beat_with) continue;
		n->beat_with = n->beat_with >= 0 ? -2 : w;
	}
	if (n->beat_with == -2) n->beat_with = -1;
}

/* "Nell came in from the yard with mud to her knees.": one a sentence of the narration
 * paragraph pa opens with (a name or a relation) and brings in (import.json novel.
 * arrive_en within the next five words) is n->arrived, else -1 (English). */
static void came_in(struct nov *n, const struct para *pa)
{
	n->arrived = -1;
	for (size_t i = 0; i < pa->n; i++) {
		const char *t = pa->v[i].text;
		for (const char *s = t; *s; s++) {
			if (!(s == t || (s - t >= 2 && s[-1] == ' ' && strchr(".!?", s[-2]))) || !isupper((unsigned char)*s)) continue;
			int who = nov_name_at(n, s);
			if (who < 0) who = nov_relation_subject_en(n, s);
			if (who < 0) continue;
			const char *e = s;
			for (int w = 0; w < 7 && *e && !strchr(".!?;", *e); e++) w += *e == ' ';
			size_t k;
			json_t *x;
			json_array_foreach(json_object_get(n->nd, "arrive_en"), k, x) {
				const char *a = json_string_value(x);
				size_t al = strlen(a);
				for (const char *h = s; al && h < e; h++)   /* (starting within the words after the name only) */
					if (!strncmp(h, a, al)) { n->arrived = nov_follow(n, who); break; }
			}
		}
	}
}

static int ends_colon_text(const char *t)
{
	size_t l = strlen(t);
	while (l && t[l - 1] == ' ') l--;
	return (l && t[l - 1] == ':') || (l >= 3 && !strncmp(t + l - 3, "：", 3));
}

/* 1 if the paragraph before pa left its last quote open */
static int pi_prev_open(struct nov *n, const struct para *pa)
{
	return pa > n->p && pa[-1].open_end && !pa->brk;
}

/* 1 if paragraph pa is one quotation with no tag that opens by repeating someone's words
 * ("'Ay,' said Evans, 'but I will spin you a queerer yarn'; and he went on to tell me") right
 * after a paragraph of talk: one retelling a scene goes on with the story, the listener
 * has none to retell (English). */
static int retells(struct nov *n, const struct para *pa)
{
	if (n->zh || pa->n != 1 || !pa->v[0].quote || pa == n->p || pa->brk) return 0;
	int talk = 0;
	for (size_t i = 0; i < pa[-1].n; i++) talk |= pa[-1].v[i].quote;
	const char *q = pa->v[0].text;
	int opens = nov_starts(q, "\xE2\x80\x98") || nov_starts(q, "\xE2\x80\x9C") || (*q == '\'' && isalpha((unsigned char)q[1]));
	if (!talk || !opens) return 0;
	/* the words repeated close and a tag follows them ("' said Evans", "' I asked", "' he
	 * moaned"): not an elision opening the quote ("'Tis me humble dwelling", "‘Nuff!") */
	char *own = nov_own_words(q);
	const char *t = own;
	while (*t == ' ') t++;
	size_t wl = nov_word_at(t);
	int tag = t != own && wl && (nov_said_verb_en(n, t, wl) || (wl == 1 && *t == 'I') || (wl == 2 && !strncmp(t, "he", 2)) || (wl == 3 && !strncmp(t, "she", 3)));
	if (tag && !nov_said_verb_en(n, t, wl)) {   /* (a pronoun, then its said-verb) */
		const char *v = t + wl;
		while (*v == ' ') v++;
		tag = nov_said_verb_en(n, v, nov_word_at(v));
	}
	free(own);
	return tag;
}

/* The talk turns to the first-person narrator and someone new: the narration paragraph
 * (t its last part) names the narrator and a person who is neither of the pair a, b that
 * was talking, and names neither of them ("My day was a busy one, and I had an early
 * dinner at the Savage Club with Tarp Henry, to whom I gave some account of my
 * adventures."). That newcomer (the first named, not a placeholder), else -1 (English).
 * Not after a lead-in colon: the quote after it is the tag's. Measured (bench_drama
 * novel_speakers): EN 7200 -> 7217, up en_doyle_lostworld5 +13, en_gaskell_cranford4 +2,
 * en_stevenson_treasure3 +2, no text down; with exactly one other person named instead
 * of the first new one, +0; with the narrator opening when the newcomer does not act
 * last, +1 more on one text only; without the narrator named, or with no pair talking,
 * six texts down by up to 4. */
static int new_with_me(struct nov *n, const char *t, int a, int b)
{
	if (n->zh || n->narrator < 0 || a < 0 || b < 0 || ends_colon_text(t)) return -1;
	int x = -1, me = 0;
	for (size_t i = 0; i < n->n_para_refs; i++) {
		int w = nov_follow(n, n->para_refs[i]);
		if (w < 0) continue;
		if (w == n->narrator) { me = 1; continue; }
		if (w == a || w == b) return -1;
		if (x < 0 && !n->ch[w].placeholder) x = w;
	}
	return me ? x : -1;
}

static void paragraph(struct nov *n, struct para *pa, int establishing)
{
	int has_quote = 0, was_m = n->last_m, was_f = n->last_f;   /* (the 他/她 one before this paragraph) */
	n->n_para_refs = 0;
	for (size_t i = 0; i < pa->n; i++) has_quote |= pa->v[i].quote;
	if (!has_quote) {
		n->lead_in = -1;
		n->seed[0] = n->seed[1] = -1;
		size_t words = 0;
		int two[2] = { nov_follow(n, n->last_spk), nov_follow(n, n->prev_spk) };   /* (before a long narration ends the talk) */
		for (size_t i = 0; i < pa->n; i++) {
			words += words_of(pa->v[i].text);
			if (words_of(pa->v[i].text) > (n->zh ? 150u : 60u)) {
				if (n->prev_spk >= 0) n->other = n->prev_spk;
				n->turns = 0;
				n->last_spk = n->prev_spk = n->addressed = -1;
			}
			int *seen = n->zh ? NULL : xcalloc(n->n_ch ? n->n_ch : 1, sizeof *seen);
			for (size_t c = 0; seen && c < n->n_ch; c++) seen[c] = n->ch[c].count;
			size_t had = n->n_ch;
			if (n->zh) nov_zh_stranger_named(n, pa->v[i].text, was_m, was_f);
			narrate(n, pa->v[i].text, establishing);
			if (seen) nov_named_newcomer(n, (size_t)(pa - n->p), seen, had, two);
			free(seen);
			nov_call_narration(n, pa->v[i].text);
			establishing = 0;
		}
		if (pa->n && n->turns && words <= (n->zh ? 60u : 40u)) beat(n, pa->v[0].text);
		/* narration that turns the talk to the narrator and a newcomer (new_with_me): the
		 * newcomer opens it, so the next bare line is his and the one after the narrator's */
		int x = pa->n && n->turns ? new_with_me(n, pa->v[pa->n - 1].text, nov_follow(n, n->last_spk), nov_follow(n, n->prev_spk)) : -1;
		if (x >= 0) {
			n->prev_spk = x;
			n->last_spk = n->narrator;
			n->beat = x;
		}
		if (n->zh) nov_zh_narration(n, pa);   /* (phone calls, one who leaves, "说话的是X": novel_exchange.c) */
		if (pa->n && !n->zh) nov_arrival_first_en(n, pa->v[pa->n - 1].text);
		if (pa->n && !n->zh) nov_last_sentence_first_en(n, pa->v[pa->n - 1].text);
		if (pa->n && n->zh) zh_last_sentence_first(n, pa->v[pa->n - 1].text);
		if (n->zh && n->last_spk < 0) n->turns = 0;   /* (after a group's or no one's words: talk opens anew) */
		/* "He said:" / "他说：" / "he had said at dinner," ending the paragraph: its speaker
		 * says the next quote */
		if (pa->n) {
			int sf, sl;
			const char *t = pa->v[pa->n - 1].text;
			size_t l = strlen(t), dl = nov_dash_lead_en(n, t);   /* ("In the morning Mrs. Lapham said--") */
			if (dl) l = dl + 1;
			if (l && (t[l - 1] == ':' || (t[l - 1] == ',' && !n->zh) || dl || (l >= 3 && !strcmp(t + l - 3, "：")))) {
				const char *s = t + l - 1;
				while (s > t && !strchr(".!?", s[-1]) && !(s - t >= 3 && (!strncmp(s - 3, "。", 3) || !strncmp(s - 3, "！", 3)))) s--;
				narrate_refs(n, s, &sf, &sl);
				n->tag_listener = -1;
				int li = nov_lead_in(n, t, sf, -1, -1);
				n->lead_in = li >= 0 ? li : -1;
				/* "he was thinking of her, when thus accosted by Miss Bingley:" he is spoken to */
				if (li >= 0 && n->tag_listener >= 0 && n->tag_listener != li) n->addressed = n->tag_listener;
			}
		}
		if (!n->zh) came_in(n, pa);
		memcpy(n->nar_refs, n->para_refs, sizeof n->nar_refs);
		n->n_nar_refs = words <= 30 ? n->n_para_refs : 0;   /* (a short beat) */
		return;
	}
	int para_subject = -1, same = -1, subject_last = -1, quoted = 0;
	size_t skip = 0;
	for (size_t si = 0; si < pa->n; si++) {
		struct seg *sg = &pa->v[si];
		if (!sg->quote) {
			const char *t = sg->text + (skip <= strlen(sg->text) ? skip : strlen(sg->text));
			skip = 0;
			while (*t == ' ' || nov_starts(t, "，")) t += *t == ' ' ? 1 : 3;
			int sf;
			if (n->zh) nov_zh_stranger_named(n, t, was_m, was_f);
			n->gone = -1;
			if (n->zh && si + 1 < pa->n) nov_zh_leaves(n, t);
			if (n->zh && si > 0 && pa->v[si - 1].quote) nov_zh_seen_to_be(n, t);   /* ("卓视之，乃……丁原也": novel_exchange.c) */
			narrate_refs(n, t, &sf, &subject_last);
			nov_call_narration(n, t);
			/* (one first named after a preposition, "It was my turn to stare at Raffles", or in
			 * the possessive inside a sentence, "taking Mrs. Sedley's hand", is no subject of
			 * the paragraph's narration: a pronoun tag is not sent to him) */
			if (para_subject < 0 && !(n->para_first_obj && !n->zh)) para_subject = sf;
			/* the tag that leads into the next quote is no action ("Mrs. Bennet said only,") */
			size_t cut = si + 1 < pa->n && pa->v[si + 1].quote ? nov_lead_tag_start(n, t) : strlen(t);
			char *act = xstrndup(t, cut);
			action(n, act);
			free(act);
			continue;
		}
		if (!*sg->text) continue;
		const char *emo = NULL;
		size_t used = 0;
		/* a speech over several paragraphs: each opens a quote, only the last closes it */
		int cont = si == 0 && (pi_prev_open(n, pa) || retells(n, pa)) && n->last_spk >= 0 ? nov_follow(n, n->last_spk) : -1;
		int pa_a = nov_follow(n, n->last_spk), pa_b = nov_follow(n, n->prev_spk);
		int joined = n->beat, with = n->beat_with;
		n->beat_with = -1;
		int spk = nov_speaker(n, pa, si, cont >= 0 ? cont : same, subject_last, para_subject, &used, &emo);
		/* “哦！”“他总仍旧是偷。……”, '“Lupin, you are joking.”  “No, Guv., it's the good old
		 * truth”': two quotes back to back with no word between are two speakers taking turns
		 * (the one before the last, or someone unnamed), unless a tag of the second names its
		 * speaker; one speaker's words run on in one quotation */
		if (si > 0 && pa->v[si - 1].quote && n->guessed == 0 && same >= 0 && nov_follow(n, spk) == same && !used) {
			int other = nov_follow(n, n->prev_spk);
			spk = other >= 0 && other != same ? other : -1;
			n->anchored |= !n->zh;   /* (English: no re-ranking moves it) */
			n->how = NOV_HOW_BACK2BACK;
		}
		named_in_address(n, nov_follow(n, spk), pa_a, pa_b, sg->text);
		int own = n->zh ? zh_own_name(n, spk, sg->text, pa, si) : en_own_name(n, spk, sg->text, pa, si);
		if (own != spk) {
			if (spk >= 0 && n->ch[nov_follow(n, spk)].spoke) n->ch[nov_follow(n, spk)].spoke--;
			n->ch[own].spoke++;
			spk = own;
			n->guessed = 0;
			n->anchored |= !n->zh;   /* (the speaker's own name: no re-ranking moves it) */
			n->how = NOV_HOW_OWN_NAME;
		}
		int named = zh_answer_called(n, spk);
		if (named != spk && named >= 0 && nov_zh_called(n, sg->text) == nov_follow(n, named)) named = spk;   /* (it calls that one too) */
		if (named != spk && spk < 0) { n->ch[named].spoke++; n->anon_last = 0; }
		int guess = n->guessed && named == spk;
		if (named != spk) n->how = NOV_HOW_OWN_NAME;
		spk = named;
		n->addressed_here = 0;
		if (used) skip = used;
		xgrow((void **)&n->q, &n->cap_q, n->n_q, sizeof *n->q);
		n->q[n->n_q].text = sg->text;
		n->q[n->n_q].para = (size_t)(pa - n->p);
		n->q[n->n_q].first = !quoted;
		n->q[n->n_q].anchored = n->anchored || cont >= 0;
		n->q[n->n_q].voc = nov_follow(n, n->zh ? n->cur_voc : n->q_voc);
		n->q[n->n_q].guessed = guess;
		n->q[n->n_q].how = n->how;
		n->q[n->n_q++].spk = spk;
		quoted = 1;
		const char *emotion = emo ? emo : imp_guess_emotion(NULL, sg->text);
		n->q[n->n_q - 1].scene = (size_t)(n->sc - n->s->eps[n->s->n_eps - 1].scenes);
		n->q[n->n_q - 1].shot0 = n->sc->n_shots;
		speak(n, spk, sg->text, emotion);
		n->q[n->n_q - 1].shot1 = n->sc->n_shots;
		if (joined >= 0 && with >= 0 && nov_follow(n, spk) == joined) n->prev_spk = with;
		self_intro(n, nov_follow(n, spk), sg->text);
		/* a question asked where the narration names one other person ("我站在院子里……爷爷
		 * ……说：“会不会编？”"): that one is asked */
		size_t ql = strlen(sg->text);
		while (ql && sg->text[ql - 1] == ' ') ql--;
		if (n->addressed < 0 && spk >= 0 && ((ql && sg->text[ql - 1] == '?') || (ql >= 3 && !strcmp(sg->text + ql - 3, "？")))) {
			int other = -1, k = 0;
			for (size_t i = 0; i < n->n_para_refs; i++) {
				int r = nov_follow(n, n->para_refs[i]);
				if (r != nov_follow(n, spk) && !n->ch[r].placeholder && r != other && r != nov_follow(n, n->gone)) { other = r; k++; }
			}
			/* (English) else the one other person the short narration paragraph right before names
			 * ("Nell went back out and came in again in her socks." / "Where have you been?"
			 * Aunt Bea asked.) */
			for (size_t i = 0; !n->zh && !k && si == 0 && i < n->n_nar_refs; i++) {
				int r = nov_follow(n, n->nar_refs[i]);
				if (r != nov_follow(n, spk) && r != n->narrator && !n->ch[r].placeholder && r != other) { other = r; k++; }
			}
			if (k == 1) { n->addressed = other; n->addressed_here = 1; }
		}
		same = nov_follow(n, spk);
		n->turns = 1;
		subject_last = -1;
	}
	n->seed[0] = n->seed[1] = -1;
	n->n_nar_refs = 0;
	if (n->turns && n->ex_mixed) n->arrived = -1;   /* (the first reply has been given) */
	/* narration after the last quote that leads into the next paragraph's ("..., and said
	 * with some discomposure to Sir William:") */
	if (pa->n >= 2 && !pa->v[pa->n - 1].quote && pa->v[pa->n - 2].quote && ends_colon_text(pa->v[pa->n - 1].text)) {
		int li = nov_lead_in(n, pa->v[pa->n - 1].text, -1, -1, -1);
		n->lead_in = li >= 0 ? li : -1;
	}
}

/* 1 if the first-person narrator's own lines call someone w ("We have company, Johann,"
 * said I): nobody calls himself by his name, so w is another's. */
static int calls_self(struct nov *n, const char *w)
{
	for (size_t i = 0; i < n->n_q; i++) {
		if (nov_follow(n, n->q[i].spk) != n->narrator) continue;
		char v[64], *own = n->zh ? xstrdup(n->q[i].text) : nov_own_words(n->q[i].text);
		int hit = 0;
		for (const char *r = own, *h; *r && !hit && nov_vocative_word(n, r, v, sizeof v) && (h = strstr(r, v)); r = h + strlen(v)) hit = !strcmp(v, w);
		free(own);
		if (hit) return 1;
	}
	return 0;
}

/* A first-person narrator takes the name the others call him by (Watson, 迅哥儿) when
 * one name, no other character's, is used for that at least twice. */
static void name_narrator(struct nov *n, const char *text)
{
	if (n->narrator < 0) return;
	struct { char w[64]; int k, later; } c[32];
	size_t nc = 0;
	for (size_t i = 0; i < n->n_q; i++) {
		char w[64];
		if (nov_follow(n, n->q[i].spk) == n->narrator) continue;
		char *own = n->zh ? xstrdup(n->q[i].text) : nov_own_words(n->q[i].text);
		int voc = nov_vocative_word(n, own, w, sizeof w), later = voc && strstr(own, w) != own;
		free(own);
		if (!voc) continue;
		if (nov_find_ch(n, w) >= 0 || (!n->zh && (nov_in_name(n, w) || nov_not_narrator_name_en(n, text, w)))) continue;
		/* (an answer opening with a negation or a pronoun, "不差。" "quite so", is no one's name) */
		if (n->zh && (!nov_zh_name_ok(n, w) || nov_zh_han_in("不没别你我他她咱", w) ||
		              nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_not_name_start")), w)))
			continue;
		int known = 0;
		for (size_t a = 0; a < n->n_alias; a++) known |= !strcmp(n->alias[a].a, w) && nov_follow(n, n->alias[a].who) != n->narrator;
		if (known) continue;
		size_t j;
		for (j = 0; j < nc && strcmp(c[j].w, w); j++) {}
		if (j == nc && nc < ARRAY_LEN(c)) { snprintf(c[nc].w, sizeof c[nc].w, "%s", w); c[nc].later = 0; c[nc++].k = 0; }
		if (j < nc) { c[j].k++; c[j].later += later; }
	}
	int best = -1;
	for (size_t a = 0; a < n->n_alias && nc < ARRAY_LEN(c); a++)   /* the alias pass 1 gave the narrator */
		if (n->alias[a].who == n->narrator) { snprintf(c[nc].w, sizeof c[nc].w, "%s", n->alias[a].a); c[nc].later = 1; c[nc++].k = 1 << 20; break; }
	for (size_t j = 0; j < nc; j++)   /* (a word the text writes after "the" is a thing: checked for the few counted) */
		if (c[j].k >= 2 && (best < 0 || c[j].k > c[best].k) && (n->zh || c[j].k == 1 << 20 || !nov_after_the(n, c[j].w)) && !calls_self(n, c[j].w)) best = (int)j;
	/* (English: a word that only ever opens a quote may be an interjection, "Ay, and
	 * women...", "Whist!"; one that calls the narrator is said to him, not overheard) */
	if (best < 0 || (!n->zh && (!c[best].later || nov_answers_as_other_en(n, c[best].w)))) return;
	rename_all(n->s, n->ch[n->narrator].name, c[best].w);
	free(n->ch[n->narrator].name);
	n->ch[n->narrator].name = xstrdup(c[best].w);
	n->ch[n->narrator].len = strlen(c[best].w);
	if (!n->ch[n->narrator].gender) n->ch[n->narrator].gender = imp_gender(c[best].w);   /* 迅哥儿: 哥 */
}

/* Character c is no person (novel_guard.c): the quotes given to it go to nobody, and its
 * shots say so (the one episode being filled). */
static void unspeak(struct nov *n, int c)
{
	struct episode *e = &n->s->eps[n->s->n_eps - 1];
	for (size_t i = 0; i < n->n_q; i++) {
		if (nov_follow(n, n->q[i].spk) != c) continue;
		n->q[i].spk = -1;
		if (n->q[i].scene >= e->n_scenes) continue;
		struct scene *sc = &e->scenes[n->q[i].scene];
		for (size_t k = n->q[i].shot0; k < n->q[i].shot1 && k < sc->n_shots; k++) {
			struct line *l = sc->shots[k].line;
			if (l && str_eq(l->speaker, n->ch[c].name)) { free(l->speaker); l->speaker = NULL; }
		}
	}
}

/* The import; with attr, the quotations and their speakers too (see nov_attribute). */
/* Whole exchanges (novel_phase.c) give some untagged lines to another: their shots say so. */
static void exchanges(struct nov *n)
{
	int *fix = nov_phase_fix(n);
	struct episode *e = &n->s->eps[n->s->n_eps - 1];
	for (size_t i = 0; fix && i < n->n_q; i++) {
		if (fix[i] < 0 || n->q[i].scene >= e->n_scenes) continue;
		const char *name = n->ch[fix[i]].name;
		struct scene *sc = &e->scenes[n->q[i].scene];
		for (size_t k = n->q[i].shot0; k < n->q[i].shot1 && k < sc->n_shots; k++) {
			struct shot *sh = &sc->shots[k];
			if (sh->line) { free(sh->line->speaker); sh->line->speaker = xstrdup(name); }
			if (sh->n_actors) { free(sh->actors[0].name); sh->actors[0].name = xstrdup(name); }
		}
		n->q[i].spk = fix[i];
		n->q[i].how = NOV_HOW_PHASE;
		n->ch[fix[i]].used = 1;
	}
	free(fix);
}

static void unfold_text(char **field, const char *path, void *u) { (void)path; nov_zh_unfold(u, field); }

/* "LASSITER!", "CHAPTER I. LASSITER": a name the text writes only in capitals (a cry, a
 * heading) is the name Lassiter; capitals are the type, not another name (English).
 * Each such cast name becomes its capitalised form, in the cast and on every line, or
 * joins one who already has that form. */
static void fold_capitals(struct nov *n)
{
	for (size_t i = 0; i < n->n_ch; i++) {
		struct nch *c = &n->ch[i];
		if (c->merged >= 0 || (int)i == n->narrator) continue;
		size_t letters = 0;
		int lower = 0;
		for (const char *p = c->name; *p; p++) {
			if (islower((unsigned char)*p)) lower = 1;
			else if (isupper((unsigned char)*p)) letters++;
			else if (!strchr(" .'-", *p)) lower = 1;   /* (no name of plain letters) */
		}
		if (lower || letters < 2) continue;
		char *t = xstrdup(c->name);
		for (char *p = t + 1; *p; p++)
			if (isalpha((unsigned char)p[-1])) *p = (char)tolower((unsigned char)*p);
		int same = nov_find_ch(n, t);
		if (same >= 0 && nov_follow(n, same) != (int)i) merge_into(n, (int)i, nov_follow(n, same));
		else {
			rename_all(n->s, c->name, t);
			if (str_eq(n->prev_line_speaker, c->name)) { free(n->prev_line_speaker); n->prev_line_speaker = xstrdup(t); }
			free(c->name);
			c->name = t;
			c->len = strlen(t);
			t = NULL;
		}
		free(t);
	}
}

/* In a story of two eras (a prince in a milk tea shop), which one character i belongs to, by
 * the era words of the lines given to it ("本王乃当朝三皇子", "Which province? ... son of the
 * Emperor" against "你是剧组的吧", "Ten yuan"): a description the design stage reads
 * (art/look.c: an ancient word dresses the character in its era), or NULL when its lines
 * lean neither way. The narration around is not read: it describes the room as often as
 * the person. */
static char *era_by_speech(struct nov *n, int i)
{
	struct sbuf b = { 0 };
	sb_add(&b, "");
	for (size_t k = 0; k < n->n_q; k++)
		if (nov_follow(n, n->q[k].spk) == i) { sb_add(&b, n->q[k].text); sb_add(&b, "\n"); }
	int a, m;
	imp_era_words(b.s, &a, &m);
	sb_free(&b);
	if (a > m) return xstrdup(n->zh ? "言谈像古代人（古装）。" : "Speaks as one from ancient times (period costume).");
	if (m > a) return xstrdup(n->zh ? "言谈像现代人。" : "Speaks as one of today.");
	return NULL;
}

static int novel_run(const char *text, const struct story_opts *o, struct series **out, struct nov_attr **attr, size_t *n_attr)
{
	struct nov n = { 0 };
	*out = NULL;
	if (!text) text = "";
	if (!imp_data("novel")) return ERR_IO;
	n.nd = imp_data("novel");
	n.zh = o && o->lang ? !strcmp(o->lang, "zh") : imp_text_is_zh(text);
	n.last_m = n.last_f = n.last_any = n.last_spk = n.prev_spk = n.narrator = n.addressed = n.lead_in = n.other = n.arrived = -1;
	n.tag_listener = n.beat = n.beat_with = n.outsider = n.gone = n.alone = n.remote = n.came = n.seed[0] = n.seed[1] = -1;
	n.recent[0] = n.recent[1] = n.recent[2] = n.recent[3] = n.cur_voc = n.para_subj = n.sent_subj = n.pre_subj = n.pre_obj = -1;
	n.looks_prev = -1;
	if (!strncmp(text, "\xEF\xBB\xBF", 3)) text += 3;
	/* CRLF and CR line ends */
	char *norm = xstrdup(text);
	{
		char *w = norm;
		for (const char *r = norm; *r; r++) {
			if (*r == '\r') { *w++ = '\n'; if (r[1] == '\n') r++; }
			else *w++ = *r;
		}
		*w = 0;
	}
	/* (novel_fold_zh.c: traditional characters read as simplified ones, given back at the end) */
	struct nov_unfold *unfold = NULL;
	if (n.zh && nov_zh_fold(norm, &unfold) < 0) { free(norm); return ERR_IO; }
	/* dialogue in 「」 (web novels, Taiwan and Hong Kong print) when the text has no “”: read as “”, so
	 * every rule that looks for ” before a clause (“……”叶尘在她对面坐下) reads it too */
	if (strstr(norm, "\xE3\x80\x8C") && !strstr(norm, "\xE2\x80\x9C"))
		for (char *q = norm; (q = strstr(q, "\xE3\x80")) != NULL; q += q[2] ? 3 : 2)
			if (q[2] == '\x8C' || q[2] == '\x8D') { q[0] = '\xE2'; q[1] = '\x80'; q[2] = q[2] == '\x8C' ? '\x9C' : '\x9D'; }
	/* single quotes ('...', British printings) and dash dialogue: read as “” */
	char *house = nov_quotes_house(&n, norm);
	if (house) { free(norm); norm = house; }
	nov_split_paragraphs(&n, norm);
	if (!n.n_p) {
		free(norm);
		free(n.p);
		nov_unfold_free(unfold);
		return err_set(ERR_INPUT, "the story text is empty; write a story (paragraphs, with dialogue in quotes)");
	}
	nov_find_narrator(&n);
	if (n.zh) nov_zh_yi(&n);
	if (n.zh) { nov_names_zh(&n); nov_roles_zh(&n); nov_zh_people(&n); }
	else { nov_tag_roles_en(&n); nov_names_en(&n, norm); nov_roles_en(&n); nov_nicknames(&n); nov_names_address_en(&n, norm); nov_full_names_en(&n, norm); }
	nov_naming(&n);
	if (n.zh) { nov_zh_join(&n); nov_zh_narrator_name(&n); }
	nov_genders(&n);
	if (n.zh) nov_zh_genders(&n);
	nov_join_names(&n, norm);
	nov_role_heads_en(&n);
	nov_role_vocatives_en(&n);
	nov_ages(&n);
	nov_roles(&n);
	nov_kin_learn_en(&n);   /* (novel_kin.c: "said her father" is the one she was called the daughter of) */
	if (!n.zh) nov_old_ones_en(&n);   /* (novel_epithet.c: "said the old man" is the one called old) */
	struct series *s = series_new();
	n.s = s;
	size_t first = 0;
	/* a short first line without an ending mark is the title */
	{
		struct para *pa = &n.p[0];
		size_t l = strlen(pa->raw);
		int ends = l && (strchr(".!?\"", pa->raw[l - 1]) || (l >= 3 && (!strcmp(pa->raw + l - 3, "。") || !strcmp(pa->raw + l - 3, "”") ||
		                 !strcmp(pa->raw + l - 3, "！") || !strcmp(pa->raw + l - 3, "？"))));
		if (n.n_p > 1 && !ends && utf8_len(pa->raw) <= (n.zh ? 20u : 60u) && pa->n == 1 && !pa->v[0].quote) {
			s->title = xstrdup(pa->raw);
			first = 1;
		}
	}
	struct episode *e = series_add_episode(s);
	char *prev_loc = NULL, *whole_loc = NULL;
	int whole_loc_done = 0;
	const char *prev_time = "day";
	for (size_t pi = first; pi < n.n_p; pi++) {
		struct para *pa = &n.p[pi];
		char *moved = pi == first || pa->brk ? NULL : nov_place_change(&n, pa, prev_loc);
		int start = pi == first || pa->brk || moved;
		if (start) {
			/* what the scene's narration says about place, time and weather */
			struct sbuf nar = { 0 };
			sb_add(&nar, "");
			for (size_t k = pi; k < n.n_p && (k == pi || !n.p[k].brk); k++) {
				char *elsewhere = k > pi ? nov_place_change(&n, &n.p[k], NULL) : NULL;
				free(elsewhere);
				if (elsewhere) break;   /* the next scene's place is not this one's */
				for (size_t j = 0; j < n.p[k].n; j++)
					if (!n.p[k].v[j].quote) { sb_add(&nar, n.p[k].v[j].text); sb_add(&nar, " "); }
			}
			char *loc = moved ? moved : pa->brk || pi == first ? nov_place_change(&n, pa, NULL) : NULL;
			if (!loc) loc = nov_location_for(&n, nar.s);
			if (!loc && prev_loc) loc = xstrdup(prev_loc);
			if (!loc) {
				/* the whole text's place, read once (not at every scene) */
				if (!whole_loc_done) { whole_loc = nov_location_for(&n, norm); whole_loc_done = 1; }
				loc = xstrdup(whole_loc);
			}
			if (!loc) loc = xstrdup(n.zh ? "房间" : "Room");
			if (!series_find_location(s, loc)) {
				struct location *l = series_add_location(s);
				l->name = xstrdup(loc);
				const char *kind = imp_lookup("location_kinds", loc);
				l->kind = xstrdup(kind ? kind : "room");
			}
			n.sc = episode_add_scene(e);
			n.sc_i = e->n_scenes - 1;
			n.sc->location = loc;
			free(prev_loc);
			prev_loc = xstrdup(loc);
			const char *t = pa->shift ? nov_shift_time(&n, pa->shift) : NULL;
			if (!t) t = prev_time;
			n.sc->time = xstrdup(t);
			prev_time = !strcmp(t, "night") ? "night" : !strcmp(t, "dusk") ? "dusk" : "day";
			const char *w = imp_lookup("weathers", nar.s);
			if (w) n.sc->weather = xstrdup(w);
			sb_free(&nar);
			struct shot *est = new_shot(&n, "wide");
			est->camera = xstrdup("push_in");
			free(n.prev_line_speaker);
			n.prev_line_speaker = NULL;
			n.turns = 0;
			n.last_spk = n.prev_spk = n.addressed = n.other = -1;
			n.call = 0;
		}
		n.cur_p = (size_t)(pa - n.p);
		paragraph(&n, pa, start);
	}
	free(prev_loc);
	free(whole_loc);
	exchanges(&n);
	if (!n.zh) { nov_name_answers(&n); nov_self_named_en(&n, e); nov_named_late(&n); }
	if (n.zh) { nov_zh_exchanges(&n, e); nov_zh_named_late(&n, e); nov_zh_role_named(&n, e); nov_zh_self_named(&n, e); }
	name_narrator(&n, norm);
	nov_rank(&n, e);   /* (novel_rank.c: the learned re-ranking of guessed speakers) */
	if (!n.zh) nov_back_turns_en(&n, e);   /* (novel_backturn.c: untagged runs read back from the tag after them) */
	if (!n.zh) nov_called_answers_en(&n, e);   /* (novel_backturn.c: the line after one that ends calling X is X's) */
	if (!n.zh) fold_capitals(&n);
	if (!s->era) s->era = xstrdup(imp_guess_era(norm, strlen(norm)));
	/* the cast: everyone who speaks or is seen, in order of discovery */
	int *person = xcalloc(n.n_ch ? n.n_ch : 1, sizeof *person);
	nov_persons_en(&n, person);
	for (size_t i = 0; i < n.n_ch; i++) {
		struct nch *c = &n.ch[i];
		if (c->merged >= 0 || !c->used) continue;
		/* (novel_guard.c: a capitalised word no tag, title, pronoun or address makes a person) */
		if (!person[i]) { unspeak(&n, (int)i); nov_drop_actor(s, c->name); continue; }
		struct character *sc = series_add_character(s);
		sc->name = xstrdup(c->name);
		sc->gender = c->gender ? xstrdup(c->gender) : NULL;
		sc->age = c->age;
		sc->role = c->role ? xstrdup(c->role) : NULL;
		if (str_eq(s->era, "mixed")) sc->description = era_by_speech(&n, (int)i);
		char *looks = nov_looks_of(&n, (int)i);   /* (novel_looks.c: what the narration says they wear, their hair) */
		if (looks && sc->description) {
			char *both = xasprintf("%s%s%s", sc->description, n.zh ? "" : " ", looks);
			free(sc->description);
			sc->description = both;
			free(looks);
		} else if (looks) sc->description = looks;
	}
	free(person);
	if (attr) {
		*attr = xcalloc(n.n_q ? n.n_q : 1, sizeof **attr);
		for (size_t i = 0; i < n.n_q; i++) {
			int w = nov_follow(&n, n.q[i].spk);
			(*attr)[i].quote = xstrdup(n.q[i].text);
			(*attr)[i].speaker = w >= 0 ? xstrdup(n.ch[w].name) : NULL;
			(*attr)[i].how = n.q[i].how;
			nov_zh_unfold(unfold, &(*attr)[i].quote);
			nov_zh_unfold(unfold, &(*attr)[i].speaker);
		}
		*n_attr = n.n_q;
	}
	free(n.q);
	for (size_t i = 0; i < n.n_alias; i++) free(n.alias[i].a);
	free(n.alias);
	nov_tag_roles_free(&n);
	nov_looks_free(&n);
	for (size_t i = 0; i < n.n_ch; i++) { free(n.ch[i].name); free(n.ch[i].role); free(n.ch[i].role_noun); }
	free(n.ch);
	nov_counts_free(&n);
	for (size_t i = 0; i < n.n_p; i++) nov_para_free(&n.p[i]);
	free(n.p);
	free(n.prev_line_speaker);
	free(norm);
	if (o && o->seed) s->seed = o->seed;
	imp_split_episodes(s, nov_episode_minutes(s, o && o->minutes > 0 ? o->minutes : 3.0));
	nov_merge_episodes(s, NOV_MAX_EPISODES);
	imp_finish(s, n.zh ? "zh" : "en");
	if (unfold) series_each_text(s, unfold_text, unfold);
	nov_unfold_free(unfold);
	int rc = imp_validate(s, "story text");
	if (rc < 0) { series_free(s); return rc; }
	*out = s;
	return 0;
}

int story_from_novel(const char *text, const struct story_opts *o, struct series **out)
{
	return novel_run(text, o, out, NULL, NULL);
}

int nov_attribute(const char *text, const char *lang, struct nov_attr **v, size_t *n, char ***cast, size_t *n_cast)
{
	struct story_opts o = { .lang = lang, .minutes = 3 };
	struct series *s = NULL;
	*v = NULL;
	*n = 0;
	*cast = NULL;
	*n_cast = 0;
	int rc = novel_run(text, &o, &s, v, n);
	if (rc < 0) {
		nov_attr_free(*v, *n, NULL, 0);
		*v = NULL;
		*n = 0;
		return rc;
	}
	size_t cap = 0;
	for (size_t i = 0; i < s->n_chars; i++) strv_push(cast, n_cast, &cap, s->chars[i].name);
	series_free(s);
	return 0;
}

void nov_attr_free(struct nov_attr *v, size_t n, char **cast, size_t n_cast)
{
	for (size_t i = 0; i < n; i++) { free(v[i].quote); free(v[i].speaker); }
	free(v);
	for (size_t i = 0; i < n_cast; i++) free(cast[i]);
	free(cast);
}
