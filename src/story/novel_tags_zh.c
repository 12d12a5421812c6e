/* story/novel_tags_zh.c — Chinese speech tags (moved from novel_speak.c, which keeps the
 * turn-taking and the English tags): the tag after or before a quote (nov_zh_tag), its
 * subject (a name opening the verb's clause, a one-character name, 他/她, someone unnamed a
 * 只见 clause brings on, a group: nov_zh_tag_subject, nov_zh_subject), the one it speaks to
 * (对/向/问 X, a look: nov_zh_tag_listener) and the one who acts right after an untagged
 * quote (nov_zh_beat_after). Returns are characters (indices into n->ch), -1 for none,
 * -3 for a group. */
#include "story/novel.h"

#include <stdlib.h>
#include <string.h>
/* 1 if the character at p is one of the characters of s */
int nov_zh_stop(const char *p)
{
	return nov_starts(p, "。") || nov_starts(p, "！") || nov_starts(p, "？") || nov_starts(p, "．") || nov_starts(p, "；") || nov_starts(p, "…");
}

/* Early modern prose (鲁迅, 1918-1924) writes 伊 for "she" and no 她: 伊 is "she" in a text
 * that never writes 她 and writes 伊 three times or more before a word a pronoun takes
 * (伊的, 伊便, 伊说, 伊们, 伊，) — not a foreign name's 伊 (伊万, 伊丽莎白). */
void nov_zh_yi(struct nov *n)
{
	const char *after = json_string_value(json_object_get(n->nd, "zh_yi_after"));
	int k = 0;
	n->yi_she = 0;
	for (size_t pi = 0; pi < n->n_p; pi++) {
		if (strstr(n->p[pi].raw, "她")) return;
		for (const char *h = strstr(n->p[pi].raw, "伊"); h; h = strstr(h + 3, "伊"))
			k += nov_zh_han_in(after, h + 3) || nov_starts(h + 3, "，") || nov_starts(h + 3, "。");
	}
	n->yi_she = n->zh && k >= 3;
}

int nov_zh_pron(const struct nov *n, const char *p)
{
	if (nov_starts(p, "他")) return 'm';
	return nov_starts(p, "她") || (n->yi_she && nov_starts(p, "伊")) ? 'f' : 0;
}

/* Where the part of the clause [b, e) that an object or listener word opens begins
 * ("对他们", "眼望众官", "把我两个耳朵", "看见我们"; data zh_object_markers, and 与/跟 right
 * before the verb: "与众人道"), or e. Plural or listed words there are the ones spoken to
 * or acted on, not the subject ("将" after a rank word, "健将", is no object word). */
static const char *zh_object_part(struct nov *n, const char *b, const char *e)
{
	const char *one = json_string_value(json_object_get(n->nd, "zh_object_markers"));
	const char *near = json_string_value(json_object_get(n->nd, "zh_object_markers_near"));
	json_t *two = json_object_get(n->nd, "zh_object_markers_two");
	for (const char *h = b; h < e; h += nov_cp_len(h)) {
		if (nov_zh_han_in(one, h) &&
		    !(nov_starts(h, "将") && h >= b + 3 && nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_rank_before_jiang")), h - 3)))
			return h;
		if (nov_zh_han_in(near, h) && e - (h + 3) <= 6) return h;   /* (one word, then the verb) */
		size_t i;
		json_t *x;
		json_array_foreach(two, i, x)
			if (nov_starts(h, json_string_value(x))) return h;
	}
	return e;
}

/* 1 if the clause [b, e) before a said-verb names several people as its subject:
 * "龙婆、龙女" (not a list after 与/同/领: "敖广即忙起身与龙子、龙孙……出宫迎道"). */
static int zh_list_subject(struct nov *n, const char *b, const char *e)
{
	e = zh_object_part(n, b, e);
	for (const char *h = b; h < e; h += nov_cp_len(h)) {
		if (nov_zh_han_in("与和同领率带引", h)) return 0;
		if (nov_starts(h, "、")) return 1;
	}
	return 0;
}

/* 1 if the clause [b, e) before a said-verb has a subject that is several people or a
 * counted, unnamed one: "四老猴上前启奏", "十王躬身", "唬得众猴一齐跪下", "转上四个老猴",
 * "一个个咬指伸舌" (not the listener
 * of "对众说" nor one after an object word, zh_object_part: "眼望众官衙役人等说道", not a kin
 * title "二舅母"). */
static int zh_plural_subject(struct nov *n, const char *b, const char *e)
{
	static const char *const after_num[] = { "面", "时", "日", "语", "言", "声", "齐", "同", "起", "边", "般", "直", "路",
		"向", "把", "手", "头", "眼", "见", "心", "连", "再", "夜", "早", "晚", "会", "阵", "次", "句", "番", NULL };
	if (b < e && nov_zh_han_in("二三四五六七八九十两几数诸群", b) && !nov_zh_han_in("舅姨姑叔伯爷奶娘姐妹哥弟嫂婶", b + 3)) {
		int noun = 1;
		for (int k = 0; after_num[k] && noun; k++) noun = !nov_starts(b + 3, after_num[k]);
		if (noun && b + 3 < e) return 1;
	}
	const char *obj = zh_object_part(n, b, e);
	for (const char *h = b; h < e; h += nov_cp_len(h)) {
		if (nov_starts(h, "一齐") || nov_starts(h, "齐声") || nov_starts(h, "齐道") || nov_starts(h, "个个")) return 1;
		if (h >= obj) continue;
		if ((nov_starts(h, "们") || nov_starts(h, "們")) && h > b) return 1;   /* "门上小厮们回说" */
		/* "转上四个老猴……走在面前道": some counted ones */
		if (nov_zh_han_in("二三四五六七八九十两几数", h) && nov_starts(h + 3, "个")) return 1;
		if ((nov_starts(h, "众") || nov_starts(h, "眾")) && !(h >= b + 3 && nov_zh_han_in("对向告叫问谓给替", h - 3))) return 1;
	}
	return 0;
}

/* 1 if the known name at h (after 把/将) is followed, within three characters of its clause,
 * by a result: 得 or 了一跳 ("把李靖只吓得张口结舌", "把雯青说得呆了半晌", "把冯大生吓了一跳"):
 * the one 把 takes is the one the result befalls, who then acts and speaks in the clauses
 * after ("……，不语半晌，大叫曰" is 李靖's) */
static int zh_ba_result(struct nov *n, const char *h)
{
	size_t l = 0;
	for (size_t c = 0; c < n->n_ch; c++)
		if (n->ch[c].len > l && !strncmp(h, n->ch[c].name, n->ch[c].len)) l = n->ch[c].len;
	if (!l) return 0;
	const char *p = h + l;
	for (int k = 0; k < 4 && *p && nov_is_han_at(p); k++, p += nov_cp_len(p))
		if (nov_starts(p, "得") || nov_starts(p, "了一跳") || nov_starts(p, "了一大跳")) return 1;
	return 0;
}

/* 1 if the name at h is the object a word right before it in [b, h) takes: 把/将/携 ("把赵四
 * 一推道", "将悟空头上打了三下", "又忙携黛玉之手，问"), a verb and 着 ("引着刘姥姥") or a look
 * held on it (看着/望着/瞧着/盯着: "看着刚弼……便道"). Such a name is acted on, never the
 * subject of its clause. (将 after a rank word, "大将/部将 X", makes no object.) */
static int zh_object_at(struct nov *n, const char *b, const char *h)
{
	/* 在 X 耳畔 / 面前 / 身边 (data zh_place_after_name): X names the place the act is at, not
	 * the one who acts ("急在飞霞耳畔，说声" is said by the topic before, to 飞霞) */
	if (h >= b + 3 && nov_starts(h - 3, "在")) {
		size_t l = 0, i;
		json_t *x;
		for (size_t c = 0; c < n->n_ch; c++)
			if (n->ch[c].len > l && !strncmp(h, n->ch[c].name, n->ch[c].len)) l = n->ch[c].len;
		if (l && nov_starts(h + l, "的")) l += 3;
		json_array_foreach(json_object_get(n->nd, "zh_place_after_name"), i, x)
			if (l && nov_starts(h + l, json_string_value(x))) return 1;
	}
	if (h >= b + 3 && nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_object_before")), h - 3))
		return !(nov_starts(h - 3, "将") && h >= b + 6 && nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_rank_before_jiang")), h - 6)) &&
		       !zh_ba_result(n, h);
	/* any verb and 着 before it holds it as an object too ("引着刘姥姥", "让着老爷", "找着周有成"),
	 * unless a said-verb follows the name right away ("一齐在外面会着敖钦道", unpunctuated:
	 * the name may open the next clause; data zh_said_after_object) */
	if (h >= b + 6 && nov_starts(h - 3, "着") && nov_is_han_at(h - 6)) {
		size_t l = 0;
		for (size_t c = 0; c < n->n_ch; c++)
			if (n->ch[c].len > l && !strncmp(h, n->ch[c].name, n->ch[c].len)) l = n->ch[c].len;
		if (!l || !nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_said_after_object")), h + l)) return 1;
	}
	return h >= b + 6 && nov_starts(h - 3, "着") && nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_look_held")), h - 6);
}

/* 1 if the word at h, in the clause from b, is (in) a known name that is acted on (zh_object_at)
 * or spoken to (after 对/向/问...: zh_listener_before): "看着孙老汉" holds 老汉, no subject. */
static int zh_acted_on(struct nov *n, const char *b, const char *h)
{
	const char *listen = json_string_value(json_object_get(n->nd, "zh_listener_before"));
	for (const char *p = b; p <= h && *p; p += nov_cp_len(p))
		for (size_t c = 0; c < n->n_ch; c++)
			if (p + n->ch[c].len > h && !strncmp(p, n->ch[c].name, n->ch[c].len) &&
			    ((p >= b + 3 && nov_zh_han_in(listen, p - 3)) || zh_object_at(n, b, p)))
				return 1;
	return 0;
}

/* The first known name in [from, e) of the clause [b, e) (not the narrator) that is not
 * the one spoken to (after 对/向/叫...) nor one whose thing it names ("搡在七斤的面前道": 七斤的
 * is no subject, unless it opens the clause), mentioned; or -1. */
static int zh_named_in(struct nov *n, const char *b, const char *from, const char *e)
{
	const char *listen = json_string_value(json_object_get(n->nd, "zh_listener_before"));
	for (const char *h = from; h < e; h += nov_cp_len(h)) {
		if ((h >= b + 3 && nov_zh_han_in(listen, h - 3)) || zh_object_at(n, b, h)) {
			/* (over the whole name spoken to or acted on: not a shorter one inside it, 姥姥 of 刘姥姥) */
			size_t l = 0;
			for (size_t c = 0; c < n->n_ch; c++)
				if (n->ch[c].len > l && h + n->ch[c].len <= e && !memcmp(h, n->ch[c].name, n->ch[c].len)) l = n->ch[c].len;
			if (l) h += l - nov_cp_len(h);
			continue;
		}
		for (size_t c = 0; c < n->n_ch; c++)
			if ((int)c != n->narrator && h + n->ch[c].len <= e && !memcmp(h, n->ch[c].name, n->ch[c].len) &&
			    !(h > b && nov_starts(h + n->ch[c].len, "的"))) {
				int who = nov_follow(n, (int)c);
				nov_mention(n, who);
				return who;
			}
	}
	return -1;
}

/* The known person (not the narrator) whose name opens [p, e), after an optional 的 —
 * the one a possessive 我 owns in "我母亲道", "我的嬸娘道" (traditional or simplified
 * alike: the name is the text's own); the longest such name, or -1. */
static int zh_owned(struct nov *n, const char *p, const char *e)
{
	if (nov_starts(p, "的")) p += 3;
	int who = -1;
	size_t best = 0;
	for (size_t c = 0; c < n->n_ch; c++) {
		size_t l = n->ch[c].len;
		if ((int)c == n->narrator || n->ch[c].placeholder || l <= best || (size_t)(e - p) < l || memcmp(p, n->ch[c].name, l)) continue;
		int w = nov_follow(n, (int)c);
		if (w == n->narrator) continue;
		best = l;
		who = w;
	}
	if (who >= 0) nov_mention(n, who);
	return who;
}

/* 1 if the name just read, ending at p, heads a group: 等 ("and the others") right after
 * it or after more names joined to it ("张让等知外兵到，共议曰", "周公梦等齐对道", "黛玉宝钗
 * 等也走过来劝说"): they speak together, nobody named. Not 等 the verb "wait" (等着, 等了,
 * 等他, 等不得; data zh_deng_wait_after). */
static int zh_and_others(struct nov *n, const char *p, const char *e)
{
	for (int k = 0; k < 4 && p < e; k++) {
		if (nov_starts(p, "、")) { p += 3; continue; }
		int w = nov_name_at(n, p);
		if (w < 0) break;
		size_t l = 0;
		for (size_t c = 0; c < n->n_ch; c++)
			if (n->ch[c].len > l && (size_t)(e - p) >= n->ch[c].len && !memcmp(p, n->ch[c].name, n->ch[c].len)) l = n->ch[c].len;
		if (!l) break;
		p += l;
	}
	return p + 3 <= e && nov_starts(p, "等") && !(p + 6 <= e && nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_deng_wait_after")), p + 3));
}

static int zh_nameless_opens(struct nov *n, const char *b, const char *e);   /* (below: the stations fix17b_zh reads) */

/* 1 if the clause [b, e) (past the words that open a sentence, nov_zh_lead) brings on a
 * counted one the text does not name in its subject's place, right where the topic chain
 * looks for its subject: a place (up to three characters and a localizer: 门外, 对面, 侧边,
 * 二房里), a verb of coming or standing (进来, 来了, 走进来, 立着, 有), then 一人 or
 * 一个/一位/一员/一名 and a word that is no span of time (一个时辰) nor a descriptor (汉子,
 * whose placeholder the text may name later), with no known name, 我 or 他/她 in the clause:
 * "内中一个小小子叫他道", "对面一个帐房问道", "只见门外进来一人，口中喊道", "敌楼边，立着一员大将，
 * ……，大喝道". That one speaks, nobody named, not a name of a clause before (the speaker
 * bench, main @ 2f6612a: +6 quotations on 6 texts by 6 authors, none lower; the place alone
 * carries 4 texts, the coming verb 3). */
static int zh_counted_opens(struct nov *n, const char *b, const char *e)
{
	for (const char *h = b; h < e; h += nov_cp_len(h))
		if (nov_name_at(n, h) >= 0 || nov_zh_me(n, h) || nov_zh_pron(n, h)) return 0;
	const char *p = b;
	/* a place: up to three characters and a localizer (no verb's 着/了 in it: "指着内中一个老翁" points at him) */
	for (int k = 3; k >= 0; k--) {
		int han = 1;
		for (int j = 0; j <= k && han; j++) han = p + 3 * j + 3 <= e && nov_is_han_at(p + 3 * j) && !nov_zh_han_in("着著了过", p + 3 * j);
		if (han && nov_zh_han_in("里外边面上中内旁前后下", p + 3 * k) && !nov_zh_han_in("一两几数", p)) { p += 3 * k + 3; break; }
	}
	/* coming, standing, being there */
	if (nov_starts(p, "有")) p += 3;
	else {
		const char *q = p;
		if (nov_zh_han_in("走跑奔闪转踱飞", q)) q += 3;
		if (nov_zh_han_in("进出上过回", q)) q += 3;
		if (nov_zh_han_in("来出", q) && q > p) q += 3;
		else if (nov_starts(q, "来")) q += 3;
		else if (q == p && nov_zh_han_in("立站坐躺蹲", q) && nov_starts(q + 3, "着")) q += 6;
		else q = p;
		if (q > p && nov_starts(q, "了")) q += 3;
		p = q;
	}
	if (p + 6 > e || !nov_starts(p, "一")) return 0;
	if (nov_starts(p + 3, "人")) return 1;
	if (!nov_zh_han_in("个位员名", p + 3) || p + 9 > e || !nov_is_han_at(p + 6)) return 0;
	/* (a descriptor, 汉子 老者, is left to its placeholder, whom the text may name later) */
	size_t i;
	json_t *x;
	json_array_foreach(nov_vocab(n, "descriptors"), i, x)
		if (nov_starts(p + 6, json_string_value(json_array_get(x, 0)))) return 0;
	return !nov_zh_han_in("时日月年晚早会回次阵下声句眼人", p + 6);
}

/* 1 if a word for a wife opens p: data zh_wife_of (太太 嫂 家的 娘子 媳妇 老婆), 妻子, 女人. */
static int zh_spouse_word(struct nov *n, const char *p)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(n->nd, "zh_wife_of"), i, x)
		if (nov_starts(p, json_string_value(x))) return 1;
	return nov_starts(p, "妻子") || nov_starts(p, "女人");
}

/* His wife as the cast names her, for man m: a cast member (not m, no placeholder, not
 * known male) whose name is m's name, his surname or his given name, an optional 家, and a
 * wife's word (data zh_wife_of: 太太 嫂 家的 娘子 媳妇 老婆): 褚一官 -> 褚家娘子, 钱伯廉 ->
 * 伯廉娘子, 七斤 -> 七斤嫂; -1 if none or several. */
static int zh_wife_named(struct nov *n, int m)
{
	if (m < 0 || (size_t)m >= n->n_ch) return -1;
	const char *mn = n->ch[m].name;
	size_t ml = n->ch[m].len;
	int found = -1;
	for (size_t c = 0; c < n->n_ch; c++) {
		const struct nch *x = &n->ch[c];
		if ((int)c == m || x->merged >= 0 || x->placeholder || str_eq(x->gender, "male")) continue;
		/* (the part of m's name the wife's name opens with: all of it, the surname, the given name) */
		size_t pl = 0;
		if (x->len > ml && !strncmp(x->name, mn, ml)) pl = ml;
		else if (ml >= 6 && !strncmp(x->name, mn, 3)) pl = 3;
		else if (ml >= 9 && nov_zh_surname(n, mn) && x->len > ml - 3 && !strncmp(x->name, mn + 3, ml - 3)) pl = ml - 3;
		if (!pl) continue;
		const char *r = x->name + pl;
		if (nov_starts(r, "家") && !nov_starts(r, "家的")) r += 3;
		if (!nov_in_list(json_object_get(n->nd, "zh_wife_of"), r)) continue;
		if (found >= 0 && found != nov_follow(n, (int)c)) return -1;
		found = nov_follow(n, (int)c);
	}
	return found;
}

/* The one the cast calls by a kin word of the same kin as the kin word at k (data zh_kin_alike:
 * 母亲, 妈, 娘 are one kin), not who and not the narrator: "他母亲道" is the one the text calls
 * 娘; -1 if none or several. */
static int zh_kin_named(struct nov *n, const char *k, int who)
{
	const char *key;
	json_t *kx;
	const char *alike = NULL;
	json_object_foreach(json_object_get(n->nd, "zh_kin_alike"), key, kx)
		if (nov_zh_han_in(json_string_value(kx), k)) alike = json_string_value(kx);
	if (!alike) return -1;
	const char *shortk = json_string_value(json_object_get(n->nd, "zh_kin_short"));
	int found = -1;
	for (size_t c = 0; c < n->n_ch; c++) {
		const struct nch *x = &n->ch[c];
		if (x->merged >= 0 || x->placeholder || (int)c == who || (int)c == n->narrator || !nov_zh_han_in(alike, x->name)) continue;
		int is_kin = x->len == 3 && nov_zh_han_in(shortk, x->name);
		size_t i;
		json_t *y;
		json_array_foreach(json_object_get(n->nd, "zh_kin_names"), i, y) is_kin |= str_eq(json_string_value(y), x->name);
		if (!is_kin) continue;
		if (found >= 0 && found != nov_follow(n, (int)c)) return -1;
		found = nov_follow(n, (int)c);
	}
	return found;
}

/* The known character (or the narrator) at the start or end of a Chinese tag body: a
 * name opening it, a one-character name ("卓") before a verb, a name ending it that is
 * not the one spoken to ("入告何太后" names the listener), a pronoun. */
int nov_zh_subject(struct nov *n, const char *b, const char *e, int strict)
{
	/* "那人便焦急起来，嚷道": that one, whom the narration does not name, is nobody named */
	if ((nov_starts(b, "那人") || nov_starts(b, "这人")) && !nov_starts(b + 6, "家") && !nov_starts(b + 6, "们")) return -3;
	const char *b0 = b;
	if (nov_zh_lead(n, &b, e)) return nov_starts(b, "你") ? -1 : -3;   /* a group speaks: nobody named */
	/* (the same after the words that open the sentence, which take 那/这 too: "只听那人道",
	 * "这时有个老头说": that one, someone, unnamed) */
	if (b > b0 && b - b0 >= 3 && (nov_starts(b - 3, "那") || nov_starts(b - 3, "这")) && nov_starts(b, "人") &&
	    !nov_starts(b + 3, "家") && !nov_starts(b + 3, "们"))
		return -3;
	/* (a word spoken to opens it, "对他们", "和众人": no subject; but a known name that begins
	 * with such a character, 和尚, is the subject, unless a known name follows that character:
	 * "向伯怡回道" speaks to 伯怡, whatever "向伯" the cast holds) */
	if (b >= e || (nov_zh_han_in(json_string_value(json_object_get(n->nd, "zh_listener_before")), b) && (nov_name_at(n, b) < 0 || nov_name_at(n, b + 3) >= 0)))
		return -1;
	if (nov_zh_me(n, b)) {
		/* "我母亲吃惊道", "我的嬸娘道": the narrator's own kin or friend, a known person, speaks
		 * (余曰, 余笑曰: a classical narrator's 我, nov_zh_me) */
		int mine = zh_owned(n, b + 3, e);
		return mine >= 0 ? mine : n->narrator;
	}
	/* "里边应了一句说", "外面有人叫道": a voice from a place (a direction and a localizer
	 * opening the clause, no name after it) is someone there, nobody named. So for the other
	 * directions, "只听得上面答道", "后面许多人喊声", "前面庄客嚷了一声": speaker bench, main @
	 * db99c91: +3 quotations on 3 texts by 3 authors (mudu34, wuhua15, ernu14), none lower;
	 * not before a count ("后面一匹飞马赶来，却是徐管家": what comes is named after) nor a
	 * place alone in its clause before a comma ("只有北边，北斗七星": a place seen), each of
	 * which lost one */
	if (e - b >= 6 && nov_zh_han_in("里裡外", b) && nov_zh_han_in("面边邊头頭", b + 3) && zh_named_in(n, b + 6, b + 6, e) < 0) return -3;
	if (e - b >= 6 && nov_zh_han_in("上前后後东東南西北", b) && nov_zh_han_in("面边邊头頭", b + 3) && !nov_zh_han_in("一两兩二三几幾", b + 6) &&
	    !(e - b == 6 && nov_starts(e, "，")) && zh_named_in(n, b + 6, b + 6, e) < 0)
		return -3;
	/* "有弟子结结巴巴地说", "有个老头说": someone unnamed (not "有一天", "有时") */
	if (nov_starts(b, "有") && nov_name_at(n, b + 3) < 0 && !nov_starts(b + 3, "时") && !nov_starts(b + 3, "次") &&
	    !nov_starts(b + 3, "天") && !nov_starts(b + 3, "一天") && !nov_starts(b + 3, "一次") && !nov_starts(b + 3, "一回"))
		return -3;
	const char *verbs = json_string_value(json_object_get(n->nd, "zh_verbs_after"));
	const char *listen = json_string_value(json_object_get(n->nd, "zh_listener_before"));
	int who = -1;
	size_t best = 0;
	for (size_t c = 0; c < n->n_ch; c++) {
		size_t l = n->ch[c].len;
		if (l > best && (size_t)(e - b) >= l && !memcmp(b, n->ch[c].name, l)) { best = l; who = nov_follow(n, (int)c); }
	}
	if (who >= 0 && zh_and_others(n, b + best, e)) return -3;
	/* "王德、王仁說", "張千、李萬押著憨哥跪下，稟道", "尚秋、子珮已先問劍雲道": names joined by 、
	 * opening the clause are a list that speaks together, nobody named, never the first of them
	 * (speaker bench, main @ 4237350: +3 quotations on 3 texts by 3 authors, wuhua15, rulin6,
	 * niehai20, none lower; train_rank --cv ZH author held out 7159 -> 7161, EN 7576 = 7576) */
	if (who >= 0 && b + best + 3 < e && nov_starts(b + best, "、") && nov_name_at(n, b + best + 3) >= 0) return -3;
	/* a one-character name opening the clause ("卓怒曰", "肃大笑曰"), unless a full name follows ("卓婿谋士李儒") */
	for (size_t k = 0; k < n->n_alias && who < 0; k++) {
		size_t l = strlen(n->alias[k].a);
		if ((size_t)(e - b) < l || memcmp(b, n->alias[k].a, l)) continue;
		int later = 0;
		for (size_t c = 0; c < n->n_ch && !later; c++)
			for (const char *h = b + l; h + n->ch[c].len <= e && !later; h += nov_cp_len(h)) later = !memcmp(h, n->ch[c].name, n->ch[c].len);
		if (b + l == e || nov_zh_han_in(verbs, b + l) || !later) {
			who = nov_follow(n, n->alias[k].who);
			/* (of several whose names end in it, the one the narration named last: 金忠 of
			 * "燕王密召金忠至府，……忠曰", though the alias went to 宋忠) */
			for (int r = 0; r < 4; r++) {
				int c = n->recent[r] >= 0 ? nov_follow(n, n->recent[r]) : -1;
				if (c < 0 || c == who || n->ch[c].placeholder || n->ch[c].len <= l || strcmp(n->ch[c].name + n->ch[c].len - l, n->alias[k].a)) continue;
				who = c;
				break;
			}
		}
	}
	if (who >= 0) { nov_mention(n, who); return who; }
	/* "童子對曰", "那婆子道", "一个小厮跑来说": a role noun (role_nouns_zh, kin names; after
	 * 那/这/一个/一位/其) that no cast member goes by, opening the clause with no known name
	 * after it, is someone the text leaves unnamed: nobody named, never the one whose turn a
	 * guess would give it to (a descriptor, 汉子 老者, makes its placeholder below) */
	{
		static const char *const det[] = { "那个", "这个", "一个", "一位", "那位", "这位", "那", "这", "其", NULL };
		const char *r = b, *g;
		for (int k = 0; det[k]; k++)
			if (nov_starts(r, det[k])) { r += strlen(det[k]); break; }
		size_t pre = nov_starts(r, "老") || nov_starts(r, "小") ? 3 : 0;
		size_t rl = r + pre < e ? nov_zh_role_noun(n, r + pre, &g) : 0;
		if (!rl && pre) { pre = 0; rl = nov_zh_role_noun(n, r, &g); }
		if (rl && r + pre + rl <= e && zh_named_in(n, b, r + pre + rl, e) < 0 && !zh_nameless_opens(n, b, e)) {
			int desc = 0;
			size_t i;
			json_t *x;
			json_array_foreach(nov_vocab(n, "descriptors"), i, x) desc |= nov_starts(r, json_string_value(json_array_get(x, 0)));
			if (!desc) return -3;
		}
	}
	/* "他的母亲慌忙说", "他母亲道", "他娘子道" (他/她, an optional 的, a kin word of known
	 * gender, data zh_kin_gender, and no name; not "他妈的", the curse): not 他 but his kin —
	 * a wife (娘子, 老婆, 妻子, 女人: data zh_wife_of) the one the cast names as his wife
	 * (zh_wife_named), else nobody named; another kin the one the cast calls by a kin word of
	 * the same kin (zh_kin_named: 他母亲 is the text's 娘), else the last one of that gender
	 * mentioned who is not 他; nobody named if none. (The 的-less form and the two lookups,
	 * speaker bench on main @ 3a57e48: shisheng8 75 -> 85, of which the 的-less form 6 and the
	 * kin word 4; the wife honglou24 80 -> 82, ernu14 126 -> 127; no text lower.) */
	if (nov_zh_pron(n, b)) {
		const char *k0 = b + 3 + (nov_starts(b + 3, "的") ? 3 : 0), *kg = NULL, *kin;
		json_t *kx;
		json_object_foreach((json_t *)json_object_get(n->nd, "zh_kin_gender"), kin, kx)
			if (nov_starts(k0, kin) && !(k0 == b + 3 && nov_starts(k0 + strlen(kin), "的"))) kg = json_string_value(kx);
		if (kg) {
			int tmp[1], him;
			nov_refs(n, b, 3, tmp, 1, &him);
			if (zh_spouse_word(n, k0)) {
				int w = zh_wife_named(n, him);
				if (w >= 0) nov_mention(n, w);
				return w >= 0 ? w : -3;
			}
			int k = zh_kin_named(n, k0, him);
			if (k >= 0) { nov_mention(n, k); return k; }
			for (int r = 0; r < 4; r++) {
				int c = nov_follow(n, n->recent[r]);
				if (c >= 0 && c != him && c != n->narrator && !n->ch[c].placeholder && str_eq(n->ch[c].gender, kg)) { nov_mention(n, c); return c; }
			}
			return -3;
		}
	}
	if (strict) return -1;
	for (size_t c = 0; c < n->n_ch; c++) {
		size_t l = n->ch[c].len;
		if ((int)c == n->narrator) continue;   /* "他就用胳膊肘碰我": 我 ending the clause is its object */
		if ((size_t)(e - b) >= l && !memcmp(e - l, n->ch[c].name, l) && !(e - l >= b + 3 && nov_zh_han_in(listen, e - l - 3)) && !zh_acted_on(n, b, e - l) &&
		    !(e - l >= b + 6 && nov_zh_han_in(listen, e - l - 6))) {   /* "叫孙悟空" */
			who = nov_follow(n, (int)c);
			nov_mention(n, who);
			return who;
		}
	}
	/* "伊的曾孙女儿六斤捏着一把豆": the one named after 他的/她的 and a kin word is the subject */
	if (nov_zh_pron(n, b) && nov_starts(b + 3, "的") && (who = zh_named_in(n, b, b + 6, e)) >= 0) return who;
	if (nov_zh_pron(n, b)) {
		/* 他说 / 她说 (伊说): the last one of that gender, but never the one the quote speaks to */
		const char *g = nov_zh_pron(n, b) == 'f' ? "female" : n->he_any ? "" : "male";
		int to = nov_follow(n, n->cur_voc);
		int first, tmp[1];
		nov_refs(n, b, 3, tmp, 1, &first);
		for (int k = 0; first >= 0 && first == to && k < 4; k++) {   /* the one mentioned before */
			int r = nov_follow(n, n->recent[k]);
			if (r >= 0 && r != to && r != n->narrator && (!*g || str_eq(n->ch[r].gender, g))) first = r;
		}
		if (first >= 0 && first == to && nov_of_gender(n, g, to) >= 0) first = nov_of_gender(n, g, to);
		/* in an exchange, 他/她 is the one the last quote spoke to by name when that one is of its
		 * gender and the last one of that gender the narration named is neither of the two
		 * talking ("“老三，你站在那里干什么？”我……问她。她也前进了半尺，……笑着说：" -> 老三, not
		 * 老二 of the narration before) */
		{
			int ad = nov_follow(n, n->addressed), a = nov_follow(n, n->last_spk), p = nov_follow(n, n->prev_spk);
			if (n->turns && ad >= 0 && first >= 0 && first != ad && first != a && first != p && ad != a && *g && str_eq(n->ch[ad].gender, g))
				first = ad;
		}
		/* the caller of a phone call is not the one who acts in the room ("她把包扔在沙发上") */
		if (first >= 0 && first == nov_follow(n, n->remote) && !strstr(b, "电话") && nov_of_gender(n, g, first) >= 0) first = nov_of_gender(n, g, first);
		return first;
	}
	if (zh_list_subject(n, b, e)) return -3;
	/* someone unnamed opening it: "只见一个汉子跌跌撞撞跑进来" (the placeholder) */
	{
		const char *d = b;
		static const char *const one[] = { "一个", "一位", "那个", "这个", "那位", "这位", NULL };
		for (int k = 0; one[k]; k++)
			if (nov_starts(d, one[k])) { d += strlen(one[k]); break; }
		size_t i;
		json_t *x;
		json_array_foreach(nov_vocab(n, "descriptors"), i, x) {
			const char *w = json_string_value(json_array_get(x, 0));
			const char *h = strstr(d, w);
			if (!h || h >= e || h - d > 12 || zh_acted_on(n, b, h)) continue;
			int tmp[1], first;
			nov_refs(n, h, strlen(w), tmp, 1, &first);
			if (first >= 0) return first;
		}
		/* "一个喝酒的人说道", "一个大教育家说道" (一个/一位 and no descriptor): someone
		 * unnamed, nobody named (unless a known name follows: "一位姓王的，王掌柜说") */
		if ((d > b && (nov_starts(b, "一个") || nov_starts(b, "一位"))) || (nov_starts(b, "一人") && (d = b + 6))) {
			int w = zh_named_in(n, b, d, e);
			return w >= 0 ? w : -3;
		}
	}
	/* a known name anywhere in the clause that is not the one spoken to ("不免贾母又伤感起来") */
	if ((who = zh_named_in(n, b, b, e)) >= 0) return who;
	return zh_plural_subject(n, b, e) ? -3 : -1;
}

/* The bytes of the longest known name (two characters or more: a character's name, its
 * given name, or an alias) that opens p, or 0 */
static size_t zh_name_len_at(const struct nov *n, const char *p)
{
	size_t best = 0;
	for (size_t c = 0; c < n->n_ch; c++) {
		const char *nm[2] = { n->ch[c].name, n->ch[c].last ? n->ch[c].name + n->ch[c].last : NULL };
		for (int k = 0; k < 2; k++) {
			size_t l = nm[k] ? strlen(nm[k]) : 0;
			if (l >= 6 && l > best && !strncmp(p, nm[k], l)) best = l;
		}
	}
	for (size_t k = 0; k < n->n_alias; k++) {
		size_t l = strlen(n->alias[k].a);
		if (l >= 6 && l > best && !strncmp(p, n->alias[k].a, l)) best = l;
	}
	return best;
}

/* The first said-verb in [p, e) (nov_said_zh) that is no character of a known name: the
 * 道 of 道衍, 道子 and 黃道官 is the name's ("道衍曰：", "黃道官道："), the verb comes after
 * the name. A name that ends at e leaves its verb as it is. s is where the sentence starts
 * (a name may begin before p). */
static const char *zh_said_past_names(struct nov *n, const char *s, const char *p, const char *e, size_t *vl)
{
	const char *vv = nov_said_zh(n, p, e, vl);
	if (!vv) return NULL;
	/* (before the names are known, 道 is a name's or a title's when one or two characters
	 * and another said-verb ending the sentence follow it: "黃道官道", "王道台道", "道衍曰";
	 * a compound verb has no character between, "說道", and a pronoun after it is the one
	 * spoken to) */
	if (nov_starts(vv, "道") && !nov_zh_pron(n, vv + 3) && !nov_starts(vv + 3, "我") && !nov_starts(vv + 3, "你"))
		for (const char *r = vv + 3; r < e && r <= vv + 6; r += nov_cp_len(r)) {
			size_t l2;
			if (!nov_is_han_at(r) || nov_said_zh(n, r, r + nov_cp_len(r), &l2)) break;
			const char *v2 = nov_said_zh(n, r + nov_cp_len(r), e, &l2);
			if (v2 == r + nov_cp_len(r) && v2 + l2 == e) { *vl = l2; return v2; }
		}
	const char *h = vv;
	for (int k = 0; k < 4 && h >= s; k++) {
		size_t l = zh_name_len_at(n, h);
		if (l && h + l > vv && h + l < e) {
			size_t l2;
			const char *v2 = nov_said_zh(n, h + l, e, &l2);
			if (v2) { *vl = l2; return v2; }
			return vv;
		}
		if (h == s) break;
		h--;
		while (h > s && ((unsigned char)*h & 0xC0) == 0x80) h--;
	}
	return vv;
}

/* A Chinese speech tag: after a quote (after=1) in its first two clauses ("母亲说。",
 * "我惶恐着，站起来说。"), or leading into one (after=0): the last sentence of the
 * narration before it, ending with a said-verb and "：" or "，" ("如海笑道：", "雨村一面
 * 打恭，一面又问："). Returns 1 with [*b, *v) the text from the sentence's start to the
 * verb and *used the bytes the tag takes (after only); 0 if there is no tag. */
int nov_zh_tag(struct nov *n, const char *t, int after, const char **b, const char **v, size_t *used)
{
	size_t vl;
	if (after) {
		const char *p = t;
		while (nov_starts(p, "，") || *p == ' ') p += *p == ' ' ? 1 : 3;
		const char *sent = p;
		for (int clause = 0; clause < 2 && *p; clause++) {
			const char *e = p;
			while (*e && !nov_zh_stop(e) && !nov_starts(e, "，") && !nov_starts(e, "：")) e += nov_cp_len(e);
			const char *vv = zh_said_past_names(n, sent, p, e, &vl);
			/* the verb ends its clause ("母亲说。", "闰土说着，"): "说了些甚么妙法" is no tag */
			const char *ve = vv ? vv + vl : NULL;
			if (ve && ve < e && (nov_starts(ve, "着") || nov_starts(ve, "道") || nov_starts(ve, "了"))) ve += 3;
			if (vv && ve != e) vv = NULL;
			if (vv && (size_t)(vv - sent) <= 45) {
				*b = sent;
				*v = vv;
				*used = (size_t)(e - t) + (*e ? nov_cp_len(e) : 0);
				return 1;
			}
			if (!nov_starts(e, "，")) break;
			p = e + 3;
		}
		return 0;
	}
	size_t l = strlen(t);
	while (l && t[l - 1] == ' ') l--;
	if (l >= 3 && (!strncmp(t + l - 3, "：", 3) || !strncmp(t + l - 3, "，", 3) || !strncmp(t + l - 3, "；", 3))) l -= 3;
	const char *e = t + l, *s = t;
	for (const char *p = t; p < e; p += nov_cp_len(p))
		if (nov_zh_stop(p)) s = p + nov_cp_len(p);
	/* the verb ends the sentence, or is followed by one word ("大叫一声", "说着") */
	const char *bb = e;
	for (int k = 0; k < 3 && bb > s; k++) { bb--; while (bb > s && ((unsigned char)*bb & 0xC0) == 0x80) bb--; }
	const char *vv = zh_said_past_names(n, s, bb, e, &vl);
	if (!vv) return 0;
	*b = s;
	*v = vv;
	*used = 0;
	return 1;
}

/* The one a Chinese tag [s, v) speaks to: 对/向/问/跟 and a known name, 我 or a pronoun
 * right after it in the verb's clause ("又转过来问我：", "秀英便转向老汉："); -1 if none. */
int nov_zh_tag_listener(struct nov *n, const char *s, const char *v)
{
	const char *vc = v;
	while (vc > s && !(vc - s >= 3 && nov_starts(vc - 3, "，"))) { vc--; while (vc > s && ((unsigned char)*vc & 0xC0) == 0x80) vc--; }
	for (const char *h = vc; h < v + 3 && *h; h += nov_cp_len(h)) {
		/* (a look at someone too: "晓雯瞪了他一眼：", "看了看志刚，") */
		int look = nov_zh_han_in("瞪看望盯瞅", h);
		if (!nov_zh_han_in("对向问跟朝冲", h) && !look) continue;
		const char *p = h + 3;
		if (look && !strncmp(p, h, 3)) p += 3;   /* 看看 (strncmp: p may be the text's end) */
		if (nov_starts(p, "着") || (look && nov_starts(p, "了"))) p += 3;
		if (look && !strncmp(p, h, 3)) p += 3;   /* 看了看 */
		if (look && nov_zh_pron(n, p) && !nov_starts(p + 3, "们")) {
			int w = nov_follow(n, nov_zh_pron(n, p) == 'm' ? n->last_m : n->last_f);
			if (w >= 0) return w;
		}
		if (nov_zh_me(n, p)) return n->narrator;
		int who = -1;
		size_t best = 0;
		for (size_t c = 0; c < n->n_ch; c++)
			if (n->ch[c].len > best && !strncmp(p, n->ch[c].name, n->ch[c].len)) { best = n->ch[c].len; who = nov_follow(n, (int)c); }
		if (who >= 0) return who;
	}
	return -1;
}

/* His wife as "他的女人" (老婆, 妻子, 媳妇) writes her, at p after man m: the one named m and a
 * wife's kin ending (七斤 -> 七斤嫂, zh_number_name_ends), or -1. */
static int zh_his_wife(struct nov *n, int m, const char *p)
{
	static const char *const wife[] = { "他的女人", "他的老婆", "他的妻子", "他的媳妇", "他女人", "他老婆", NULL };
	int k;
	for (k = 0; wife[k] && !nov_starts(p, wife[k]); k++) {}
	if (!wife[k] || m < 0) return -1;
	for (size_t c = 0; c < n->n_ch; c++)
		if (n->ch[c].len > n->ch[m].len && !strncmp(n->ch[c].name, n->ch[m].name, n->ch[m].len) && str_eq(n->ch[c].gender, "female") &&
		    nov_in_list(json_object_get(n->nd, "zh_number_name_ends"), n->ch[c].name + n->ch[m].len))
			return (int)c;
	return -1;
}

/* The tag's subject who, found in a clause ending at from, asks "him" or "her" in the verb's
 * clause [vc, v] ("七斤从城内回家，看见他的女人非常高兴，问他说"): one does not ask oneself, so
 * when who is not known to be of the other gender, the one of the other gender a clause
 * between brings on (a name, his wife) speaks; else who. */
static int zh_asks_other(struct nov *n, int who, const char *from, const char *vc, const char *v)
{
	int g = 0;
	for (const char *h = vc; h < v + 3 && *h && !g; h += nov_cp_len(h))   /* (the verb may be 问 itself) */
		if (nov_zh_han_in("问对向朝冲", h) && nov_zh_pron(n, h + 3) && !nov_starts(h + 6, "们")) g = nov_zh_pron(n, h + 3);
	const char *other = g == 'm' ? "female" : "male";
	if (!g || str_eq(n->ch[who].gender, other)) return who;
	for (const char *h = from; h < vc; h += nov_cp_len(h)) {
		int w = zh_his_wife(n, who, h);
		for (size_t c = 0; c < n->n_ch && w < 0; c++)
			if ((int)c != who && !strncmp(h, n->ch[c].name, n->ch[c].len)) w = nov_follow(n, (int)c);
		if (w >= 0 && w != who && str_eq(n->ch[w].gender, other)) return w;
	}
	return who;
}

/* "她含胡的回答": one does not answer oneself; a pronoun whose last one of its gender, who,
 * spoke the quote before is the other of that gender. */
static int zh_answers_other(struct nov *n, int who, const char *v)
{
	if (!nov_starts(v, "回答") && !nov_starts(v, "答") && !nov_starts(v, "回道") && !nov_starts(v, "应"))
		return who;
	if (who != nov_follow(n, n->last_spk) || !n->ch[who].gender) return who;
	int other = nov_of_gender(n, n->ch[who].gender, who);
	return other >= 0 ? other : who;
}

/* 1 if a clause after the one ending at ce, before the verb at v, opens with a known name
 * (not one spoken to: "向伯怡回道") or with 我. */
static int zh_named_clause_after(struct nov *n, const char *ce, const char *v)
{
	const char *listen = json_string_value(json_object_get(n->nd, "zh_listener_before"));
	for (const char *c = ce; c + 3 < v;) {
		c += 3;   /* (past the "，") */
		if ((nov_name_at(n, c) >= 0 && !nov_zh_han_in(listen, c)) || nov_zh_me(n, c))
			return 1;
		/* (or puts one after 把 whom a result befalls: "忽听得外面有人叫门，把冯大生吓了一跳，说") */
		for (const char *h = c; h + 3 < v && !nov_starts(h, "，"); h += nov_cp_len(h))
			if (nov_starts(h, "把") && nov_name_at(n, h + 3) >= 0 && zh_ba_result(n, h + 3)) return 1;
		while (c < v && !nov_starts(c, "，")) c += nov_cp_len(c);
	}
	return 0;
}

/* 1 if a known name stands anywhere in [b, e) (a test only: mentions nobody) */
static int zh_names_any(struct nov *n, const char *b, const char *e)
{
	for (const char *h = b; h < e; h += nov_cp_len(h))
		if (nov_name_at(n, h) >= 0) return 1;
	return 0;
}

/* 1 if a station (a word of zh_nameless_roles) stands a few characters into the clause
 * [p, e), after a time or an owner that is no subject, and comes right after it (来, 过来,
 * 走来, 进来, 出来, 回来, 上来, 跑来): "一会帐房过来说", "王家小厮走来说", "那捕捉公人来禀",
 * "谁知家人回来说". The one who comes speaks, not the name of the sentence before. Not one
 * called or sent to come ("随叫一个丫鬟出来，对他说道": the caller speaks; a verb of
 * calling or sending stands before the station). Speaker bench, main @ 3a57e48: +4
 * quotations on 3 texts by 3 authors (rulin6, fubao20 x2, dangkou80), none lower; without
 * the called-or-sent check feilong24 lost one. */
static int zh_station_comes(struct nov *n, const char *p, const char *e)
{
	static const char *const come[] = { "来", "过来", "走来", "进来", "出来", "回来", "上来", "跑来", NULL };
	const json_t *roles = json_object_get(n->nd, "zh_nameless_roles");
	for (const char *h = p + 3; h < e && h - p <= 12; h += nov_cp_len(h)) {
		if (nov_zh_han_in("叫唤命令差遣派请让教使着", h - 3)) return 0;
		size_t i;
		json_t *x;
		json_array_foreach(roles, i, x) {
			const char *w = json_string_value(x);
			size_t l = strlen(w);
			if (h + l >= e || strncmp(h, w, l)) continue;
			for (int k = 0; come[k]; k++)
				if (nov_starts(h + l, come[k])) return 1;
		}
	}
	return 0;
}

/* 1 if the clause [b, e) opens with someone the narration gives no name, only a station
 * (after the words that open a sentence, nov_zh_lead, and an optional "早有/已有/内有", a
 * count "一员/两个/一伙/许多"): a word of data zh_nameless_roles (差人, 家人, 内侍, 书吏,
 * 水手, 里正 ...), a word ending in one of zh_nameless_role_ends (弓兵, 龙兵, 狱卒, 衙役), or
 * after a count 人 or 将 ("许多人", "一员大将"), or such a word a few characters in that
 * comes (zh_station_comes: "一会帐房过来说"). Such a one, not a known name, is the subject:
 * "内监回说", "内侍忙去看视，回来奏道", "只见一将传令说". No known name may stand in the
 * clause (the station of a named one, "差人带了张三来", is left to the other rules). */
static int zh_nameless_opens(struct nov *n, const char *b, const char *e)
{
	for (const char *h = b; h < e; h += nov_cp_len(h))
		if (nov_name_at(n, h) >= 0) return 0;
	const char *p = b;
	if (nov_zh_lead(n, &p, e)) return 0;   /* (a group: the other rules) */
	for (int k = 0; k <= 3; k++)   /* 有, 早有, 已有, 不妨已有 */
		if (p + 3 * k + 3 < e && nov_starts(p + 3 * k, "有")) {
			int han = 1;
			for (int j = 0; j < k && han; j++) han = nov_is_han_at(p + 3 * j);
			if (han) { p += 3 * k + 3; break; }
		}
	int counted = 0;
	if (nov_starts(p, "许多") || nov_starts(p, "这些") || nov_starts(p, "那些")) { p += 6; counted = 1; }
	else if (p + 6 <= e && nov_zh_han_in("一两二三四五六七八九十几数", p) && nov_zh_han_in("员名个位伙班群队起干", p + 3)) { p += 6; counted = 1; }
	else if (p + 3 <= e && nov_starts(p, "一") && nov_starts(p + 3, "将")) return 1;   /* 一将 */
	size_t best = 0, i;
	json_t *x;
	json_array_foreach(json_object_get(n->nd, "zh_nameless_roles"), i, x) {
		size_t l = strlen(json_string_value(x));
		if (l > best && p + l <= e && !strncmp(p, json_string_value(x), l)) best = l;
	}
	if (best) return 1;
	const char *ends = json_string_value(json_object_get(n->nd, "zh_nameless_role_ends"));
	for (int k = 1; k <= 2; k++) {
		const char *h = p + 3 * k;
		if (h + 3 > e) break;
		int han = 1;
		for (int j = 0; j < k && han; j++) han = nov_is_han_at(p + 3 * j);
		if (!han) break;
		if (nov_zh_han_in(ends, h) || (counted && (nov_starts(h, "人") || nov_starts(h, "将")) && !nov_starts(p - 6, "一个"))) return 1;
	}
	/* (not 一个人, "alone" or "no one": "一个人也没有") */
	if (counted && nov_starts(p, "人") && !nov_starts(p - 6, "一个")) return 1;
	return zh_station_comes(n, p, e);
}

/* 1 if the verb's clause [vc, v) brings on someone right before the verb: 人 after a verb of
 * seeing, hearing or being there (见/得/听/闻/有), at most three characters (高声, 吩咐) before
 * the verb, no known name between: "忽见人说", "耳朵边忽然听得人说", "周家里面有人吩咐道",
 * "只听庄门里有人高声叫说". Whoever it is, the text does not name: nobody named, not the one
 * whose turn it is nor a name of the clauses before (not 人家, 人们). Speaker bench, main @
 * 2f6612a: +5 quotations on 4 texts by 4 authors (honglou20, mingtian by 见/得; rulin6,
 * ernu14 by 有), none lower. */
static int zh_someone_before_verb(struct nov *n, const char *vc, const char *v)
{
	for (int k = 1; k <= 4; k++) {
		const char *h = v - 3 * k;
		if (h - 3 < vc) break;
		if (!nov_starts(h, "人") || !nov_zh_han_in("见得听闻有", h - 3) || nov_starts(h + 3, "家") || nov_starts(h + 3, "们")) continue;
		int named = 0;
		for (const char *q = h; q < v; q += nov_cp_len(q)) named |= nov_name_at(n, q) >= 0 || !nov_is_han_at(q);
		if (!named) return 1;
	}
	return 0;
}

/* The subject of a Chinese tag [s, v): the first clause that opens with (or is) a known
 * name, else the verb's own clause ("酒行数巡，卓教停酒止乐，乃厉声曰" -> 卓). */
int nov_zh_tag_subject(struct nov *n, const char *s, const char *v)
{
	/* the verb's own clause when a name opens it ("邢夫人苦留吃过晚饭去，黛玉笑回道") */
	const char *vc = v;
	while (vc > s && !(vc - s >= 3 && nov_starts(vc - 3, "，"))) { vc--; while (vc > s && ((unsigned char)*vc & 0xC0) == 0x80) vc--; }
	if (zh_someone_before_verb(n, vc, v)) return -3;
	int who = vc > s ? nov_zh_subject(n, vc, v, 1) : -1;
	if (who >= 0 || who == -3) return who;
	/* "大圣正说间，转上四个小妖走在面前道": the verb's clause has its own (unnamed) subject */
	if (vc > s && (zh_plural_subject(n, vc, v) || zh_list_subject(n, vc, v))) return -3;
	/* the topic chain ends with someone nameless ("内侍忙去看视，回来奏道", "内监回说"): the
	 * last clause that opens with a name, 我, 他/她 or a nameless station (zh_nameless_opens),
	 * with no known name after it, is that station's, nobody named, not a name of the
	 * sentence before. So is a group that opens a clause after the words that open a
	 * sentence (nov_zh_lead: 他们, 左右的人, 都/俱 "all of them"), no known name in it:
	 * "吴良吓的魂飞胆裂，左右的人无不吐舌，说", "我请求……，他们却竭力拦阻，说是". Speaker
	 * bench, main @ db99c91: +4 quotations on 4 texts by 4 authors (sanxia5 x2, pingshan5,
	 * guduzhe, chunfeng), -1 on hujia ("皆清丽可诵": 皆 of the poems) and yamen ("左右为难",
	 * the idiom) */
	{
		int nameless = 0;
		for (const char *c2 = s; c2 < v;) {
			const char *e2 = c2;
			while (e2 < v && !nov_starts(e2, "，")) e2 += nov_cp_len(e2);
			const char *b2 = c2;
			int lead_group = nov_zh_lead(n, &b2, e2);
			if (nov_name_at(n, c2) >= 0 || (!lead_group && nov_name_at(n, b2) >= 0) || nov_zh_me(n, c2) ||
			    (nov_zh_pron(n, c2) && !nov_starts(c2 + 3, "们")))
				nameless = 0;
			else if (zh_nameless_opens(n, c2, e2) || (!lead_group && zh_counted_opens(n, b2, e2)) ||
			         (lead_group && !nov_starts(b2, "你") && !zh_names_any(n, c2, e2)))
				nameless = 1;
			else   /* (a known name brought in after the station, "让芝麻李回城", is left to the other rules) */
				for (const char *h = c2; h < e2 && nameless; h += nov_cp_len(h))
					if (nov_name_at(n, h) >= 0) nameless = 0;
			if (e2 >= v) break;
			c2 = e2 + 3;
		}
		if (nameless) return -3;
	}
	/* someone unnamed a 只见/忽见 clause brings on acts nearer the verb than a name before it
	 * ("话说这一日包知府升堂，只见一个汉子跑进来，跪在堂下，口中叫道" -> the man); so does one
	 * named there after a first clause that names nobody ("两个吃了半个时辰，只见西门庆……，说道") */
	for (const char *cs = s; cs < v;) {
		const char *ce = cs;
		while (ce < v && !nov_starts(ce, "，")) ce += nov_cp_len(ce);
		if (cs > s && (nov_starts(cs, "只见") || nov_starts(cs, "忽见") || nov_starts(cs, "却见"))) {
			int w = nov_zh_subject(n, cs, ce, 0);
			if (w >= 0 && (n->ch[w].placeholder || nov_zh_subject(n, s, cs, 1) < 0)) return w;
		}
		cs = ce < v ? ce + 3 : v;
	}
	/* the topic chain: a subject goes on over the clauses until another opens one, so the
	 * verb's subject is the last name (or 我) that opens a clause before it, when two or
	 * more do ("我到的那天，奶奶拉着我的手看了又看，说" -> 奶奶; "董超，薛霸，又添酒来，……，
	 * 薛霸去烧一锅百沸滚汤，……，叫道" -> 薛霸); names alone in clauses of their own, one
	 * after another, are a list: both speak ("董超，薛霸，喏喏连声，说道") */
	{
		const char *ls = NULL, *le = NULL, *alone_end = NULL;   /* (the end of the clause before, if a name alone) */
		int opens = 0, list = 0, me = 0, pron = 0;
		/* 他/她 never means 我: where 我 opens one clause and 他/她 another ("我说还是我去访
		 * 她，她却很急促的警告我说"; "她说了这一句又哭起来了，我没有方法，……递给她说"), the
		 * pronoun's clause changes the topic too and counts as an opener */
		for (const char *c2 = s; c2 < v;) {
			const char *e2 = c2;
			while (e2 < v && !nov_starts(e2, "，")) e2 += nov_cp_len(e2);
			me |= nov_zh_me(n, c2) > 0;
			pron |= nov_zh_pron(n, c2) && !nov_starts(c2 + 3, "们") && !nov_starts(c2 + 3, "的");
			c2 = e2 < v ? e2 + 3 : v;
		}
		int pron_opens = me && pron;
		for (const char *c2 = s; c2 < v;) {
			const char *e2 = c2;
			while (e2 < v && !nov_starts(e2, "，")) e2 += nov_cp_len(e2);
			/* (a name after the words that open a sentence before its subject, nov_zh_lead,
			 * opens the clause too: "那郑洪把脸一翻", "只见那家人连声道") */
			const char *b2 = c2;
			int w = nov_name_at(n, c2);
			if (w < 0 && !nov_zh_lead(n, &b2, e2) && b2 > c2 && b2 < e2) w = nov_name_at(n, b2);
			if (w < 0) b2 = c2;
			int alone = w >= 0 && b2 + n->ch[w].len == e2;
			if (w >= 0 || nov_zh_me(n, c2) ||
			    (pron_opens && nov_zh_pron(n, c2) && !nov_starts(c2 + 3, "们") && !nov_starts(c2 + 3, "的"))) {
				list = alone && alone_end && alone_end + 3 == c2;
				ls = c2;
				le = e2;
				opens++;
			}
			alone_end = alone ? e2 : NULL;
			c2 = e2 < v ? e2 + 3 : v;
		}
		if (opens >= 2 && list) return -3;
		/* (one that opens a later clause alone takes the topic over a first clause that no name
		 * opens: "让等既杀何进，袁绍久不见进出，乃于宫门外大叫曰" -> 袁绍, not 何进 killed in it) */
		if (opens >= 2 || (opens == 1 && ls > s)) {
			int w = nov_zh_subject(n, ls, le, 0);
			if (w >= 0) return zh_asks_other(n, w, le, vc, v);
		}
	}
	const char *cs = s;
	while (cs < v) {
		const char *ce = cs;
		while (ce < v && !nov_starts(ce, "，")) ce += nov_cp_len(ce);
		who = nov_zh_subject(n, cs, ce, 0);
		/* a group or a list in a clause before one that opens with a name (or 我) is no
		 * subject of the verb: that one takes the topic over ("众人不解其语，黛玉便忖度着……，
		 * 因答道"; "桌上铺着纸、墨、笔、砚，孙媒婆就帮衬磨起墨来，……道") */
		if (who == -3 && zh_named_clause_after(n, ce, v)) {
			cs = ce + 3;
			continue;
		}
		if (who >= 0 && nov_zh_pron(n, cs)) who = zh_answers_other(n, who, v);
		/* one does not call himself: "且说何九叔……走出来，……，迎见西门庆叫道：“九叔，何往？”"
		 * is the one named right before the verb */
		if (who >= 0 && who == nov_follow(n, n->cur_voc))
			for (size_t c = 0; c < n->n_ch; c++)
				if ((int)c != n->narrator && (size_t)(v - vc) >= n->ch[c].len && !memcmp(v - n->ch[c].len, n->ch[c].name, n->ch[c].len) &&
				    nov_follow(n, (int)c) != who)
					return nov_follow(n, (int)c);
		if (who >= 0) return zh_asks_other(n, who, ce, vc, v);
		if (who == -3 || ce >= v) return who;
		cs = ce + 3;
	}
	return who;
}

/* The one who acts in the first clause of narration t that follows a quote with no tag
 * (“……”婆婆换了鞋，……; “……”他一下子坐了起来。): a name or 我 opening it, or 他/她
 * (never the one the quote addresses); -1 if none, -3 for a group (他们, 大家). */
int nov_zh_beat_after(struct nov *n, const char *t)
{
	while (*t == ' ') t++;
	const char *e = t;
	while (*e && !nov_zh_stop(e) && !nov_starts(e, "，") && !nov_starts(e, "：")) e += nov_cp_len(e);
	if (e == t) return -1;
	/* (a group: “……”他们立即打断她的话，走开去了。 — nobody named) */
	const char *g = t;
	if (nov_zh_lead(n, &g, e)) return -3;
	int pron = nov_zh_pron(n, t) && !nov_starts(t + 3, "们");
	int who = nov_zh_subject(n, t, e, !pron);
	/* (or the unnamed one a descriptor opening it is: “……”女人挑了挑眉。, “……”那汉子一拍桌子) */
	const char *d = t;
	if (nov_starts(d, "那") || nov_starts(d, "这")) d += 3;
	size_t i;
	json_t *x;
	json_array_foreach(nov_vocab(n, "descriptors"), i, x) {
		const char *w = json_string_value(json_array_get(x, 0));
		if (who >= 0 || !nov_starts(d, w)) continue;
		int tmp[1], first;
		nov_refs(n, d, strlen(w), tmp, 1, &first);
		who = first;
	}
	return who >= 0 ? nov_follow(n, who) : -1;
}

/* A subjectless answer tag: the last sentence of t is only an answer verb and the colon (or
 * comma) leading into the next quote ("问：“……”答称：“……”", the question-and-answer runs of
 * a court hearing or an interview): the one who answers is not the one who asked. */
int nov_zh_bare_answer(const char *t)
{
	/* (and a question with no subject right after an answer, "答：“……”问：“……”": the
	 * other one of the two asks; the caller asks for an exchange of two) */
	static const char *const verbs[] = { "答称", "答道", "答曰", "答说", "回答道", "回答说", "回答", "回道", "回称", "回说", "答",
		"问道", "问", NULL };
	const char *s = t;
	for (const char *p = t; *p; p += nov_cp_len(p))
		if (nov_zh_stop(p) || nov_starts(p, "”") || nov_starts(p, "」")) s = p + nov_cp_len(p);
	while (*s == ' ') s++;
	for (int k = 0; verbs[k]; k++) {
		if (!nov_starts(s, verbs[k])) continue;
		const char *r = s + strlen(verbs[k]);
		while (*r == ' ') r++;
		if (!nov_starts(r, "：") && !nov_starts(r, "，")) return 0;
		for (r += 3; *r == ' '; r++) {}
		return !*r;
	}
	return 0;
}
