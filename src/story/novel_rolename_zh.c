/* story/novel_rolename_zh.c — a Chinese role word that stands for a named person in one
 * scene (after pass 2 of the novel importer). Old novels tag one person now by a role
 * word (姑娘道, 老头子道) and now by the name (十三妹道, 张老道); the importer reads the two
 * as two cast members and the role word keeps lines that are the named one's. A reader
 * joins them only on evidence of the scene itself; the one used here is an address
 * answered: a third person calls out the role word ("姑娘，世间那有个……", "你这老头子还不
 * 走！") and the very next line is the name's by a tag ("十三妹道", "张老道"), or calls out
 * the name and the next line is the role word's. Then every line of the role word in that
 * scene is the name's (the storyboard's shots follow). Never when the name speaks to the
 * role word (a quote a tag gives the name calls it out), when a line of one answers a line of the
 * other (tagged lines of the two in a row: two people talking), or when the role word has a
 * gender (姑娘, 老汉) and the name's is not known to be the same (林冲 calls out "娘子，……"
 * and her father 张教头 speaks next: he is not she).
 *
 *   nov_zh_role_named(n, e);   after nov_zh_named_late, before nov_rank */
#include "story/novel.h"

#include <stdlib.h>
#include <string.h>

/* The gender ("male", "female", "" either) of a cast name that is a role word and no
 * name (a role noun or kin word with or without 老/小, a title alone, a descriptor such
 * as 姑娘 or 老者), or NULL for a name. */
static const char *role_word(struct nov *n, const char *name)
{
	size_t l = strlen(name), pre = (nov_starts(name, "老") || nov_starts(name, "小")) ? 3 : 0;
	const char *g = "";
	if (nov_zh_role_noun(n, name, &g) == l || (pre && nov_zh_role_noun(n, name + pre, &g) == l - pre)) return g ? g : "";
	if (nov_zh_title_len(n, name) == l) return "";
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(n->nd, "descriptors_zh"), i, x)
		if (json_is_array(x) && str_eq(json_string_value(json_array_get(x, 0)), name)) return json_string_value(json_array_get(x, 1));
	return NULL;
}

/* 1 if quotation q opens by calling out w: "w，……", "w！", "你这w子……", "w你……" */
static int calls_out(const char *q, const char *w)
{
	int you = 0;
	if (nov_starts(q, "你这")) { q += 6; you = 1; }
	else if (nov_starts(q, "你")) { q += 3; you = 1; }
	size_t l = strlen(w);
	if (strncmp(q, w, l)) return 0;
	q += l;
	if (nov_starts(q, "子") || nov_starts(q, "儿")) q += 3;
	return you || !*q || nov_starts(q, "，") || nov_starts(q, "！") || nov_starts(q, "？") || nov_starts(q, "、") || nov_starts(q, "你");
}

static int tagged(const struct nq *q) { return q->anchored && !q->guessed; }

/* 1 if scene sc shows role r and name x as two people: a line a tag gives x calls out the
 * role word (one turn-taking guessed is no evidence: "你这老头子还不走！" of a clerk the tag
 * reader missed, guessed to 张老), or tagged lines of the two follow each other in
 * different paragraphs. */
static int apart(struct nov *n, size_t sc, int r, int x)
{
	const char *rw = n->ch[r].name;
	for (size_t k = 0; k < n->n_q; k++) {
		if (n->q[k].scene != sc) continue;
		int w = nov_follow(n, n->q[k].spk);
		if (w == x && tagged(&n->q[k]) && calls_out(n->q[k].text, rw)) return 1;
		if (k + 1 < n->n_q && n->q[k + 1].scene == sc && n->q[k + 1].para != n->q[k].para && tagged(&n->q[k]) && tagged(&n->q[k + 1])) {
			int v = nov_follow(n, n->q[k + 1].spk);
			if ((w == r && v == x) || (w == x && v == r)) return 1;
		}
	}
	return 0;
}

void nov_zh_role_named(struct nov *n, struct episode *e)
{
	if (!n->zh) return;
	for (size_t k = 0; k + 1 < n->n_q; k++) {
		const struct nq *a = &n->q[k], *b = &n->q[k + 1];
		if (b->scene != a->scene || !tagged(b)) continue;
		int s = nov_follow(n, a->spk), y = nov_follow(n, b->spk);
		if (y < 0 || y == s || y == n->narrator) continue;
		/* who is called out and who answers: the role word and the name, either way */
		int r = -1, x = -1;
		for (size_t c = 0; c < n->n_ch && r < 0; c++) {
			const struct nch *ch = &n->ch[c];
			if (ch->merged >= 0 || (int)c == s || (int)c == y || (int)c == n->narrator || !calls_out(a->text, ch->name)) continue;
			const char *gc = role_word(n, ch->name), *gy = role_word(n, n->ch[y].name);
			if (gc && !gy && !n->ch[y].placeholder) { r = (int)c; x = y; }
			else if (!gc && gy && !ch->placeholder) { r = y; x = (int)c; }
		}
		if (r < 0 || x < 0 || s == r || s == x) continue;
		const char *gr = role_word(n, n->ch[r].name), *gx = n->ch[x].gender;
		if (!gr || !*gr) gr = n->ch[r].gender;
		if (gr && *gr && !str_eq(gr, gx)) continue;   /* (a role word of one gender: the name's is known and the same) */
		if (apart(n, a->scene, r, x) || nov_zh_two_people(n, n->ch[r].name, n->ch[r].len, x)) continue;
		for (size_t j = 0; j < n->n_q; j++) {
			if (n->q[j].scene != a->scene || nov_follow(n, n->q[j].spk) != r) continue;
			if (n->q[j].scene < e->n_scenes) nov_respeak(n, &e->scenes[n->q[j].scene], &n->q[j], r, x);
			if (n->ch[r].spoke) n->ch[r].spoke--;
			n->q[j].spk = x;
			n->ch[x].spoke++;
		}
	}
}
