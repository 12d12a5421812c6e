/* story/novel.h — internals of the novel importer (story_from_novel), shared by its
 * files:
 *   novel_text.c   paragraphs, scene breaks and quote segments; text helpers
 *   novel_names.c  names (said-verbs, titles, recurring capitals, Chinese surnames),
 *                  the characters being discovered, mentions and pronouns
 *   novel_names_zh.c  Chinese names from tags and clauses (nov_names_zh, nov_zh_lead)
 *   novel_zh.c     Chinese people no tag names and the other names of each person
 *   novel_read_zh.c  how Chinese characters are read (misprints by ear)
 *   novel.c        scenes, shots and lines; speakers; roles and locations; the entry point
 *   novel_speak.c  who says each quotation; novel_roles.c role and kin nouns as people;
 *   novel_address.c names only the quotes or sentence openings give (English);
 *   novel_ages.c   ages the narration states; novel_eval.c the accuracy against an annotation
 *   novel_call.c   a telephone call: the one who answers talks with the caller
 *   novel_guard.c  guards that hold on any book (English): two names the text shows as two
 *                  people never join; the cast keeps only persons
 *
 *   struct nov n = { ... };  nov_split_paragraphs(&n, text);  nov_names_en(&n, text);
 *   ... nov_para_free(&n.p[i]) for each paragraph; the caller frees n.ch and n.p.
 */
#ifndef DRAMA_STORY_NOVEL_H
#define DRAMA_STORY_NOVEL_H

#include "story/story.h"
#include "story/fountain.h"
#include "core/util.h"

/* the CLI's limit on episodes (--episodes 1 to 500); a long text makes longer episodes */
#define NOV_MAX_EPISODES 500

/* ---- characters being discovered ---- */
struct nch {
	char *name;
	size_t len, last;         /* strlen(name); offset of its last word ("Bao" in "Mr. Bao"), 0 if one word */
	const char *gender;       /* "male" / "female" / NULL */
	int obj;                  /* (English) 1 if the narration named it last after a preposition ("waited on Mr. Bingley") */
	char *role;
	int placeholder;          /* "Stranger" until named; 2 (Chinese) while only a 他/她 with no one before it made him */
	int merged;               /* index this one became, or -1 */
	int used;                 /* speaks or appears */
	int count;                /* mentions so far */
	int spoke;                /* quotes given so far */
	int age;                  /* years the narration states, 0 if it does not (an adult) */
	char *role_noun;          /* the role noun the narration writes beside the name ("landlord": "Mr. Bao, the landlord"), or NULL */
	int addr_only;            /* (English) a name only the quotes use, in address ("Evening, Jack."): may name an unnamed one */
	int caller;               /* (Chinese) a phone caller the narration names by kin only ("是我妈"): not in the room */
};
struct nalias { char *a; int who; };   /* another name of a character, for tags only ("卓" for 董卓) */

struct seg { int quote; char *text; };
struct para { struct seg *v; size_t n, cap; int brk; const char *shift; char *raw; int open_end; /* its last quote runs on into the next paragraph */ };

struct nov {
	int zh;
	const json_t *nd;         /* the "novel" vocabulary */
	struct nch *ch; size_t n_ch, cap_ch;
	struct para *p; size_t n_p, cap_p;
	int last_m, last_f, last_any;     /* mentions */
	int last_spk, prev_spk;           /* speakers */
	int arrived;                      /* (English) one the narration just before the talk brings in ("Nell came in"), or -1 */
	int narrator;                     /* the first-person narrator ("I", "我"), or -1 */
	int he_any;                       /* 他 is anyone (the text never writes 她) */
	int yi_she;                       /* (Chinese) 伊 is "she", as in early modern prose that never writes 她 (nov_zh_yi) */
	char zh_me[4];                    /* (Chinese) the classical word a first-person narrator writes for 我 (余, 予, 吾; nov_find_narrator), or "" */
	int turns;                        /* an exchange is running (turn-taking applies) */
	int other;                        /* the one who spoke before the last speaker, kept over a pause */
	int anon_last;                    /* the last quote of the exchange was by someone unnamed */
	int anon_guess;                   /* (English, set by speaker) turn-taking gave nobody after such an unnamed one */
	int anon_indef;                   /* (English) ... and an indefinite tag named him ('said one of the men'), or a line after it went to nobody so */
	int addressed;                    /* the one the last quote spoke to by name, or -1 */
	int cur_voc;                      /* the one the quote being attributed addresses by name, or -1 */
	int para_subj;                    /* (English) the subject of its paragraph's narration before it, or -1 */
	int sent_subj;                    /* (English) the one who opened the last sentence read (a name or "he" / "she"), or -1 */
	int pre_subj;                     /* (English) the one named as the subject of the last sentence of narration right before the quote being attributed (novel_speak.c), or -1 */
	int pre_obj;                      /* (English) in that sentence, when a pronoun opens it ("Then he looked at Lord Henry"), the first person of that pronoun's gender named after it, whom the pronoun cannot be, or -1 */
	int first_obj;                    /* (English) nov_refs: its first one was named after a preposition or in the possessive ("to Mr. Bao", "Mrs. Sedley's hand") */
	int para_first_obj;               /* (English) narrate_refs: likewise for the first one of the narration it read */
	size_t sent_subj_p;               /* (English) its paragraph */
	int addressed_here;               /* 1: the narration of that quote's paragraph names the one addressed (present) */
	int lead_in;                      /* the speaker a paragraph ending "he said:" announces, or -1 */
	int heard;                        /* (English) the tag read for the quote is the narrator hearing a voice ("I heard him say") */
	int answer;                       /* (English) the tag read for the quote is an answer with no owner ("was the reply") */
	int tag_np;                       /* (English) the tag read for the quote has a noun phrase in the third person for its subject that names no one known ("said the little hero") */
	int tag_listener;                 /* the one a tag names as spoken to ("said she to Charlotte"), or -1 */
	int beat;                         /* one who joined the exchange by acting in narration since the last quote, or -1 */
	int beat_with;                    /* (Chinese) the one other person that narration names, who answers the newcomer, or -1 */
	int outsider;                     /* (Chinese) one outside the exchange the narration since the last quote names, or -1 */
	int alone;                        /* (Chinese) the first-person narrator when the others of the talk left, else -1 */
	int gone;                         /* (Chinese) one of the talk whom the narration before a quote sent away, or -1 */
	int remote;                       /* (Chinese) the caller of a phone call under way (not in the room), or -1 */
	struct { int owner, who, k; } kin[48]; size_t n_kin;   /* (English, novel_kin.c) who is whose kin */
	int old_one[3], old_set;          /* (English, novel_epithet.c) the one called old: male, female, either (-1 none or several); set once the cast is known */
	int came;                         /* (Chinese) one the last narration brought in ("卫老婆子又来了") who has not spoken since, or -1 */
	size_t sc_i;                      /* the index of sc in its episode */
	int guessed;                      /* (set by nov_speaker) the speaker came from turn-taking or the nearest subject, no tag or act */
	int how;                          /* (set by nov_speaker) which step of the cascade decided the quote (enum nov_how) */
	int seed[2];                      /* the first two people the narration paragraph just before names, or -1 */
	int ex_first, ex_mixed;           /* the first speaker of the running exchange; 1 once another (or nobody named) spoke in it */
	int call, call_aside, call_ans, caller, call_room;   /* (English) a phone call runs; a hand over the mouthpiece; the one who answered; the caller; the one in the room (or -1) */
	int para_refs[8]; size_t n_para_refs;   /* the people the narration paragraph being read names, in order (unique) */
	int nar_refs[8]; size_t n_nar_refs;     /* (English) those of the narration-only paragraph right before the quote paragraph being read */
	int recent[4];                    /* the last people mentioned, most recent first (no narrator), or -1 */
	size_t recent_p[4], cur_p;        /* the paragraph of each of those mentions; the paragraph being read */
	struct nalias *alias; size_t n_alias, cap_alias;
	char **tag_role; size_t n_tag_role, cap_tag_role;   /* (English) the role nouns the text's own tags use for people (novel_tagroles.c) */
	struct series *s;
	struct scene *sc;
	char *prev_line_speaker;
	struct nq { const char *text; int spk; size_t para; int first, anchored, voc, guessed, how; size_t scene, shot0, shot1; } *q;   /* every quote and its speaker, in order (text borrowed from n->p); its paragraph; 1 if the paragraph's first quote; 1 if a tag or the paragraph's narration named the speaker; whom it addresses or -1; (Chinese) 1 if turn-taking guessed it (no tag, no act); which cascade step decided it (enum nov_how); its shots [shot0, shot1) of scene `scene` of the one episode being filled */
	size_t indef_p;                   /* (English) 1 + the paragraph where a tag with an indefinite subject ('said a carter') gave a quote to nobody, 0 if none */
	int anchored, weak_tag, q_voc;    /* (English) the quote being attributed: a tag or the narration named its speaker; a pronoun tag took the one whose turn it was; whom it addresses */
	size_t n_q, cap_q;
	void *zh_counts; size_t zh_counts_np;   /* (Chinese) nov_zh_count's memo (a GHashTable, string -> count + 1) and the paragraphs it counted */
	struct nov_ref_at { size_t off, end; int who, poss; } ref_at[24]; size_t n_ref_at;   /* nov_refs: where in its text each one it read stands (poss: an English "his", read only for novel_looks.c) */
	struct nov_look { int who; char *text; } *looks; size_t n_looks, cap_looks;   /* (novel_looks.c) what the narration says each one looks like */
	int looks_prev; size_t looks_prev_p;   /* (novel_looks.c) the first one the last sentence it read names (-1 none), and its paragraph */
	int looks_prev_refs[8]; size_t n_looks_prev_refs;   /* (novel_looks.c) everyone that sentence names */
	int looks_named[8]; size_t n_looks_named, looks_p;   /* (novel_looks.c) those paragraph looks_p's narration named by a name, role or "the man" (no pronoun) so far */
};

/* novel_text.c: text helpers (UTF-8, byte-wise), and the paragraphs of the text into
 * n->p (segments of narration and quotes, breaks, time shifts). */
int nov_starts(const char *p, const char *w);
int nov_in_list(const json_t *list, const char *w);
int nov_is_han_at(const char *p);
size_t nov_cp_len(const char *p);
char *nov_own_words(const char *q);   /* q without the quotations nested in it; caller frees */
void nov_split_paragraphs(struct nov *n, const char *text);
void nov_para_free(struct para *pa);
size_t nov_zh_count(struct nov *n, const char *s, size_t l);   /* how often the l bytes at s are written in the text */
void nov_counts_free(struct nov *n);

/* novel_fold_zh.c: a text in traditional characters (說, 們) folded in place to the simplified
 * ones the rules read (0, *u NULL when the text is not traditional; negative when the table
 * data/story_import/zh_fold.txt cannot be read, err_msg()); nov_zh_unfold gives a string made
 * from it the text's own characters back (in place; u NULL: nothing). nov_unfold_free(NULL) is
 * a no-op. */
struct nov_unfold;
int nov_zh_fold(char *text, struct nov_unfold **u);
void nov_zh_unfold(const struct nov_unfold *u, char **s);
void nov_unfold_free(struct nov_unfold *u);

/* novel_quotes.c: the text rewritten in the importer's quotation style (“ ” outside,
 * ‘ ’ nested) when the book uses single quotes or dash dialogue; NULL when it already
 * uses double quotes (nothing to do). The caller frees the result. */
char *nov_quotes_house(struct nov *n, const char *text);
int nov_quote_style(struct nov *n, const char *text);   /* 0 double quotes, 1 single, 2 dash */
size_t nov_single_quotations(const char *text);   /* '...' quotations in a text, for story.c's prose test */
size_t nov_dash_quotations(const char *text);   /* dash-dialogue paragraphs shaped as talk, for the same test */

/* novel_names.c: the "novel" vocabulary entry base_en / base_zh; characters (an index
 * into n->ch after merges, -1 if unknown); pass 1 (names into n->ch); mentions and
 * pronouns (nov_refs: the characters a stretch of text refers to, in order). */
const json_t *nov_vocab(struct nov *n, const char *base);
int nov_follow(struct nov *n, int i);
int nov_find_ch(struct nov *n, const char *name);
int nov_add_ch(struct nov *n, const char *name);   /* the character named name, added if new */
size_t nov_word_at(const char *p);
/* 1 if the English word [p, p+l) is a contraction ("I've", "I'll", "We're", "Don't"): a
 * pronoun or verb with its auxiliary, capitalised as "I" is or as a sentence opens, never
 * a name (an apostrophe inside a name leads a longer part: "O'Brien", "D'Arcy") */
int nov_contraction_en(const char *p, size_t l);
int nov_is_title_word(struct nov *n, const char *p, size_t wl, size_t *with_dot);
int nov_said_verb_en(struct nov *n, const char *p, size_t wl);
const char *nov_said_zh(struct nov *n, const char *p, const char *e, size_t *vl);
/* (the same, where the text before p may be read back to lo: a said-verb character inside a
 * known name that begins before p, "杜遵道说" read from 遵, is no verb) */
void nov_strip_adverbs(struct nov *n, char *s);
size_t nov_lead_clause(struct nov *n, const char *t, size_t *body);
void nov_names_en(struct nov *n, const char *text);
int nov_seen_lower(const char *text, const char *w);   /* 1 if w is written somewhere in lower case */
void nov_names_zh(struct nov *n);
void nov_find_narrator(struct nov *n);
/* The narrator's word for himself at p: 我 (not 我们), or the classical one of n->zh_me
 * (余曰, 余笑曰) unless a known name opens there (余化龙); its length in bytes, else 0. */
size_t nov_zh_me(struct nov *n, const char *p);
void nov_nicknames(struct nov *n);
void nov_genders(struct nov *n);
void nov_join_names(struct nov *n, const char *text);
/* A one-word name always written with the same capitalised word after it ("Ben Winthrop")
 * becomes that two-word name (English; novel_names.c). */
void nov_full_names_en(struct nov *n, const char *text);
void nov_ages(struct nov *n);   /* (novel_ages.c) */
void nov_mention(struct nov *n, int i);
size_t nov_refs(struct nov *n, const char *t, size_t len, int *out, size_t max, int *first);
int nov_placeholder(struct nov *n, const char *gender);   /* "Stranger" / "Stranger Woman", added if new */

/* novel_roles.c: people known by a role or kin noun ("the ferryman", "my uncle", 师爷),
 * and surnames the quotes give a title ("Mr. Greer"); pass 1 adds them to n->ch.
 * nov_role_noun_en: the gender of a role noun ("" any) or NULL; nov_role_char_en: the
 * character a role noun names, or -1; nov_role_ref_en: a role mention at p, or -1. */
const char *nov_role_noun_en(struct nov *n, const char *p, size_t l);
/* novel_tagroles.c: the nouns a said-verb takes as its subject in two tags or more whose
 * first WordNet sense is a person ("said the archdeacon") into n->tag_role, read by
 * nov_role_noun_en as role nouns of any gender; nov_tag_roles_free frees them. */
void nov_tag_roles_en(struct nov *n);
void nov_tag_roles_free(struct nov *n);
int nov_role_char_en(struct nov *n, const char *noun, size_t nl);
int nov_role_ref_en(struct nov *n, const char *p, const char *e, size_t *adv);
void nov_roles_en(struct nov *n);
/* "the detective" for Valentin: a role character the narration writes right after naming one person, again and again, joins that person (novel_roles.c) */
void nov_role_heads_en(struct nov *n);
/* "spoke to the tall soldier. \"Jim!\"": a role character a quotation calls by a name is that name (novel_roles.c) */
void nov_role_vocatives_en(struct nov *n);
void nov_roles_zh(struct nov *n);
void nov_naming(struct nov *n);   /* "村里人都叫他水娃", "called him Sammy": aliases */
int nov_zh_opens(const char *t, const char *p);   /* 1 if p opens a clause of t (after 。！？；，：” or at t) */

/* novel_zh.c: Chinese people no speech tag names and the other names of each person
 * (pass 1): nov_zh_people after nov_roles_zh adds kin words (二叔, 婆婆, 国哥) and pet
 * names (小吴, 小六子) that open clauses, lengthens names cut short (陈志 -> 陈志刚) and
 * reads names introduced by 叫/名唤; nov_zh_join after nov_naming joins given names (晓雯
 * of 周晓雯), 小/老 + surname (小吴), surname + title (王大姐) and "叫他国哥" with their
 * owner (merged characters). nov_zh_han_in: 1 if the character at p is one of s;
 * nov_zh_surname: 1 if a surname is at p. */
int nov_zh_han_in(const char *s, const char *p);
int nov_zh_surname(struct nov *n, const char *p);
int nov_zh_name_ok(struct nov *n, const char *s);   /* 1 if s may be a Chinese name (2-4 characters, no verb phrase) */
int nov_zh_clause_name(struct nov *n, const char *s, char *name, size_t nn);   /* 0 if s is a longer word's piece (novel_names_zh.c) */
void nov_zh_people(struct nov *n);
void nov_zh_join(struct nov *n);
/* novel_guard_zh.c: 1 if the text shows name [s, s+l) and owner (under any of its names) as
 * two people ("王建国和小王", "王经理对小王说", a paragraph of one whose quote calls the other
 * by name): no rule may join them. */
int nov_zh_two_people(struct nov *n, const char *s, size_t l, int owner);
void nov_zh_genders(struct nov *n);
/* 1 if the text writes Chinese name [s, s+l) with a word for his wife after it (四铭太太, 七斤嫂,
 * 周瑞家的: zh_wife_of) or after 的 (陶子尧的太太: zh_wife_of_de): a man (novel_zh.c). */
int nov_zh_has_wife(struct nov *n, const char *s, size_t l);
/* novel_read_zh.c: for each pair i (a[i], b[i]: one Chinese character each, at most 8 pairs),
 * same[i] = 1 if the two are read as one syllable, tones aside (Unihan kMandarin; one pass
 * over the file, about 0.2 s through bzcat). Returns -1 (same[] all 0) when it is not installed. */
int nov_zh_homophones(const char *const *a, const char *const *b, int *same, size_t np);
/* novel_exchange.c: a two-person exchange whose untagged opening lines turn-taking guessed
 * is read again from its first line a tag or act anchors (nov_zh_exchanges, after pass 2;
 * renames the lines of the shots in e's scenes it changes). */
void nov_zh_exchanges(struct nov *n, struct episode *e);
void nov_zh_role_named(struct nov *n, struct episode *e);   /* novel_rolename_zh.c: a role word called out and answered by a name's tag (or the other way) is that name in the scene */
void nov_zh_named_late(struct nov *n, struct episode *e);   /* a stranger ("那人道") who falls silent as a new name first speaks is that one */
void nov_zh_self_named(struct nov *n, struct episode *e);   /* novel_selfname_zh.c: a line that gives its speaker's own name ("小弟姓江，号秋雯", "吾神乃独角龙是也") is that one's */
void nov_zh_said_by(struct nov *n, const char *t);   /* "说话的是X": the last quote was X's (during pass 2) */
void nov_zh_seen_to_be(struct nov *n, const char *t);   /* "卓视之，乃……丁原也": the last quote was 丁原's (during pass 2) */
void nov_zh_narration(struct nov *n, const struct para *pa);   /* a narration paragraph: phone calls, one who leaves, said_by */
int nov_zh_intro_named(struct nov *n, const char *p);   /* the known person "姓陈，名叫二妹" at p names, or -1 (novel_exchange.c) */
void nov_zh_stranger_named(struct nov *n, const char *t, int was_m, int was_f);   /* "她姓陈，名叫二妹": the placeholder who spoke is 陈二妹 */
int nov_zh_phone_call(struct nov *n, const char *t, int *owner);   /* narration t: a phone rings and "是我妈": the caller, *owner the one who takes it; -1 */
int nov_zh_kin_between(struct nov *n, const char *from, const char *to);   /* 1 if a kin word (其子, 儿子, 嫡妻) stands in [from, to) */
void nov_zh_narrator_name(struct nov *n);   /* a first-person narrator's name the quotes call him by (石头): an alias */
size_t nov_zh_title_len(struct nov *n, const char *p);   /* a title or kin word of address at p (员外, 大姐): its length, or 0 */   /* after nov_genders: the given name's last character (雯 female, 刚 male) */
size_t nov_zh_role_noun(struct nov *n, const char *p, const char **g);   /* the longest role noun or kin name at p (role_nouns_zh, zh_kin_names): its length or 0; *g its gender ("" any) */
int nov_zh_function_and_role(struct nov *n, const char *s, size_t l);   /* 和妈妈, 向和尚: a function word (zh_name_stop) and a role, kin or title word, no name */
/* novel_words_zh.c: 1 if the two characters at p are a word of libfriso's lexicon (分付, 豪华, 王孙;
 * 0 for any when friso-dict is not installed) */
int nov_zh_word2(const char *p);
int nov_zh_word(const char *p, size_t bytes);   /* 1 if the 2-4 characters at p (bytes long) are a word of the lexicon */

/* novel_address.c: nov_vocative_word: the name quotation q addresses someone by
 * ("Tommy, what ...", "..., Albert."), written to out (0 if none). nov_names_address_en:
 * pass 1 for names no tag gives: used in address and named in the narration, used in
 * address twice (once not as a quote's first word, which may be an interjection: "Ay,
 * and ..."), or opening two of the narration's sentences as subject ("Gran stood"); a
 * first-person narrator's name used in address so and never in the narration becomes
 * the narrator's alias. */
int nov_vocative_word(struct nov *n, const char *q, char *out, size_t outn);
int nov_intro_predicate_en(struct nov *n, const char *t, const char *p);   /* "... was an old man": p after "was " of a thing */
int nov_appositive_en(const char *a);   /* "Rafe Cole, who" / "Bucky, the sound man,": a relative or apposition at a */
int nov_titled_vocative_en(struct nov *n, const char *q, char *out, size_t outn, const char **gender);   /* the whole quote "Ranger Ortiz,": 1, out, *gender */
void nov_names_address_en(struct nov *n, const char *text);
/* 1 if the one the quotes call w answers as someone other than a first-person narrator:
 * after the quotes that open or close on w in address, the answers' narration names
 * another speaker ("replied the psychologist") more often than it says "I" or leaves the
 * answer bare. Such a w is no name of the narrator ("What manner of tale is this,
 * Notan?" overheard). */
int nov_answers_as_other_en(struct nov *n, const char *w);
int nov_cataphora_en(struct nov *n, const char *g);   /* "She ..." before the only woman is named: her, or -1 */
int nov_after_the(struct nov *n, const char *w);   /* 1 if w is written after a lower-case "the": a thing */
/* 1 if an English word of address w cannot name a first-person narrator: one letter ("A, B, C"), a
 * short form of another character's name ("Dan" for Daniel Dravot), or written in lower case in text
 * ("Aye, aye"). */
int nov_not_narrator_name_en(struct nov *n, const char *text, const char *w);
int nov_in_name(struct nov *n, const char *w);   /* 1 if w is a word of a character's name (not the narrator's) */

/* novel_call.c: a telephone or radio call (English): nov_call_narration reads a piece of
 * narration (the phone rings, a hand over the mouthpiece, the line clicks);
 * nov_call_turn: 1 if the call says whose turn it is at quote q after a spoke (*turn,
 * -1 for an unnamed caller); nov_call_spoke after each quote's speaker (voc: whom it
 * addresses). */
void nov_call_narration(struct nov *n, const char *t);
int nov_call_turn(struct nov *n, int a, const char *q, int *turn);
void nov_call_spoke(struct nov *n, int spk, int voc);

/* novel_arrive.c (English): the placeholder for an unnamed person the narration t brings in
 * ("when a boy of about ten came in"), or -1; who opens the talk after narration t: one
 * who arrives in it, else the one its last sentence opens with (n->seed); an unnamed one
 * among the last two speakers (two) becomes the one narration paragraph pi names first
 * (seen: mentions before it, had: characters then); unnamed ones who answer "What's your
 * name?" take the name (after the exchanges). nov_merge_into (novel.c): character from
 * becomes to, its lines too. */
int nov_newcomer_en(struct nov *n, const char *t);
/* the placeholder a tag [t, t+body) "cried a terrible voice, as a man started up" brings
 * on, or -1; 1 if quote q is at most three words that only name who ("poor Isabella") */
int nov_voice_newcomer(struct nov *n, const char *t, size_t body);
int nov_names_only(struct nov *n, const char *q, int who);
void nov_arrival_first_en(struct nov *n, const char *t);
void nov_last_sentence_first_en(struct nov *n, const char *t);
void nov_named_newcomer(struct nov *n, size_t pi, const int *seen, size_t had, const int *two);
void nov_name_answers(struct nov *n);
void nov_self_named_en(struct nov *n, struct episode *e);   /* (novel_arrive.c) "My name is X": X says it */
/* novel_looks.c: a person's appearance from the narration that describes it. nov_looks_read,
 * right after nov_refs read [t, t+len) (n->ref_at), keeps each clause that dresses or
 * describes one of the people it resolved ("He wore a robe of dark silk ...", "穿着绣金鹤的黑色长袍")
 * in n->looks; nov_looks_of: the first two kept for character i (after merges), joined, in
 * the text's language, or NULL (the caller frees); nov_looks_free frees n->looks. */
void nov_looks_read(struct nov *n, const char *t, size_t len);
char *nov_looks_of(struct nov *n, int i);
void nov_looks_free(struct nov *n);
/* novel_backturn.c: (English, after nov_rank) a run of untagged lines whose last guess goes to the
 * speaker of the tagged line right after it alternates back from that tag instead (see there). */
void nov_back_turns_en(struct nov *n, struct episode *e);
void nov_called_answers_en(struct nov *n, struct episode *e);   /* (novel_backturn.c) the untagged line after one that ends calling X by name is X's */
void nov_named_late(struct nov *n);   /* (novel_arrive.c) a stranger who falls silent as a new name first speaks is that one */
int nov_new_voice_after(struct nov *n, size_t last, size_t *xi);   /* (novel_arrive.c) the first new named voice within four quotes after quote last, or -1 */
void nov_merge_into(struct nov *n, int from, int to);

/* novel_guard.c: 1 if the text shows characters a and b (names a and b) as two people
 * ("A and B", a tagged quote of one that calls the other, tags of both in an exchange,
 * and for characters two tagged quotes in a row): such names never join. English only. */
int nov_apart_en(struct nov *n, int a, int b);
int nov_apart_names_en(struct nov *n, const char *a, const char *b);
/* nov_persons_en: person[c] (n->n_ch of them) 1 if character c is a person of the text:
 * it speaks, is spoken to by name, has a title, a role, a gender (pronouns that refer
 * back, a given name), another name, or is coordinated with a person; 0 for a
 * capitalised word with none of these, and for one WordNet knows as a thing (a place, a
 * day, a language: nov_thing_word_en) whatever it got (English; all 1 in Chinese). nov_drop_actor: the
 * actors called name out of every shot of s. */
void nov_persons_en(struct nov *n, int *person);
/* 1 if character c is one bare capitalised word WordNet knows as a thing (a place, a day or
 * month, a language, a common noun of no person, no noun), or an untitled name of several
 * words it knows whole as a place or thing ("San Francisco"), that no speech tag and no
 * address in a quote makes a person (English; 0 in Chinese) */
int nov_thing_word_en(struct nov *n, int c);
void nov_drop_actor(struct series *s, const char *name);
/* 1 if the lower-case word [p, p+l) is a noun whose first sense is a person ("man",
 * "servant", "agent"; WordNet's noun.person; 0 without WordNet) */
int nov_person_noun_en(const char *p, size_t l);
/* novel_epithet.c: 1 if [p, p+l) is "old", "aged" or "elderly"; nov_old_ones_en (after
 * nov_ages) finds, per sex, the one character the narration calls old ("old Mr. Bell", "Mr.
 * Bell was a very old man", an age of 60 or more), never a placeholder or the narrator;
 * nov_old_one_en gives it for gender g ("" any), -1 if none or several, or before
 * nov_old_ones_en ran (English; -1 in Chinese) */
int nov_old_word_en(const char *p, size_t l);
void nov_old_ones_en(struct nov *n);
int nov_old_one_en(struct nov *n, const char *g);
/* novel_kin.c: kin the narration states ("His daughter Ellen") or a tag found (nov_kin_note);
 * nov_kin_find: owner's <noun> ("father") as the text said it, either way round, or -1 */
void nov_kin_learn_en(struct nov *n);
void nov_kin_note(struct nov *n, int owner, const char *noun, int who);
int nov_kin_find(struct nov *n, int owner, const char *noun, size_t nl);
/* "the father": the one person the text made anyone's <noun>, or -1 */
int nov_kin_only(struct nov *n, const char *noun, size_t nl);
/* "the old man" at p (before e) in narration: the one called old (nov_old_one_en), *adv
 * the phrase's length; -1 if it is no such phrase or nobody is */
int nov_old_ref_en(struct nov *n, const char *p, const char *e, size_t *adv);

/* novel_scene.c: role words next to a name ("Mr. Bao, the landlord,"); the time a shift
 * phrase names (NULL if none; static data); the location a text names and the place a
 * paragraph opening moves to (NULL if none or cur; the caller frees); minutes per
 * episode (longer when the text would make more than NOV_MAX_EPISODES, with a
 * warning); neighbouring episodes joined so at most max are left. */
void nov_roles(struct nov *n);
const char *nov_shift_time(struct nov *n, const char *phrase);
char *nov_location_for(struct nov *n, const char *text);
char *nov_place_change(struct nov *n, const struct para *pa, const char *cur);
double nov_episode_minutes(const struct series *s, double minutes);
void nov_merge_episodes(struct series *s, size_t max);

/* novel_phase.c: after the text is read, the two-person exchanges whose named lines
 * (tags, beats) agree on one alternation but whose untagged lines do not follow it: the
 * speakers those untagged lines must have (an array of n->n_q characters, -1 where
 * nothing changes; NULL if nothing does). The caller frees it. English only. */
int *nov_phase_fix(struct nov *n);

/* novel.c: the speakers the importer gives the quotations of a text, for measuring
 * attribution (bench/bench_novel.c, tests/test_novel.c):
 *   struct nov_attr *v; size_t n; char **cast; size_t n_cast;
 *   nov_attribute(text, "en", &v, &n, &cast, &n_cast);  ...  nov_attr_free(v, n, cast, n_cast);
 * v[i].quote is the quotation's text as read, v[i].speaker the character's name or NULL;
 * cast the characters of the storyboard. Returns 0 or a negative error (err_msg()). */
struct nov_attr { char *quote; char *speaker; int how; };   /* how: the cascade step that decided it (enum nov_how) */
int nov_attribute(const char *text, const char *lang, struct nov_attr **v, size_t *n, char ***cast, size_t *n_cast);
void nov_attr_free(struct nov_attr *v, size_t n, char **cast, size_t n_cast);

/* novel_eval.c: attribution measured against an annotated text (txt) and its sidecar
 * (spk; the format is described in novel_eval.c). r->right of r->scored quotations
 * went to the right speaker; r->wrong lists the first misses, r->strange the cast
 * members that are no annotated person. Returns 0 or a negative error (err_msg()).
 * nov_eval_free(&r) frees the lists. */
#define NOV_EVAL_MAX_WRONG 400
struct nov_eval {
	size_t quotes, scored, right;
	size_t unnamed;           /* cast members that are placeholders for unnamed people */
	char *wrong[NOV_EVAL_MAX_WRONG]; size_t n_wrong;
	char *strange[NOV_EVAL_MAX_WRONG]; size_t n_strange;
};
int nov_is_placeholder(const char *lang, const char *name);
/* the annotation alone (for tools/train_rank.c): nov_gold_right: 1 if name (NULL: nobody)
 * is quotation i's speaker, 0 if not, -1 if it is not scored; nov_gold_free frees */
struct nov_gold { void *a; size_t n; };
int nov_gold_read(const char *spk, struct nov_gold *g);
int nov_gold_right(const struct nov_gold *g, size_t i, const char *name);
void nov_gold_free(struct nov_gold *g);
int nov_eval_file(const char *txt, const char *spk, const char *lang, struct nov_eval *r);
void nov_eval_free(struct nov_eval *r);

/* novel_speak.c: the speaker of quote si of paragraph pa (an index into n->ch, or -1).
 * same: the speaker of the quote before it in the paragraph (or -1); subject_last /
 * para_subject: the last / first subject of the paragraph's narration so far. *used:
 * bytes of the next narration segment its speech tag takes; *emo the tag's emotion. */
int nov_zh_tag(struct nov *n, const char *t, int after, const char **b, const char **v, size_t *used);
/* novel_tags_zh.c (with nov_zh_tag): nov_zh_stop: 1 at a sentence stop (。！？；…); the subject
 * of a tag body [b, e) (strict: a name opening it only) or of the tag [s, v); the one it
 * speaks to; the one who acts in narration t right after an untagged quote. nov_of_gender
 * (novel_speak.c): the last speaker / mention of gender g ("" any) that is not not. */
int nov_zh_stop(const char *p);
/* nov_zh_yi: sets n->yi_she from the text; nov_zh_pron: 'm' for 他, 'f' for 她 (and 伊 when
 * n->yi_she), 0 for anything else (their plurals too: 他们, 伊们) */
void nov_zh_yi(struct nov *n);
int nov_zh_pron(const struct nov *n, const char *p);
int nov_zh_subject(struct nov *n, const char *b, const char *e, int strict);
int nov_zh_tag_subject(struct nov *n, const char *s, const char *v);
int nov_zh_tag_listener(struct nov *n, const char *s, const char *v);
int nov_zh_beat_after(struct nov *n, const char *t);
/* Chinese narration t: one of the talk who leaves it ("母亲站起身，出去了。", "她转身进了灶房。") takes no
 * more turns (n->gone is that one). */
void nov_zh_leaves(struct nov *n, const char *t);
/* 1 if the narration t ends with an answer verb that has no subject of its own and leads into
 * the next quote (“……？”答称：“……”, 答：, 回道：) */
int nov_zh_bare_answer(const char *t);
int nov_of_gender(struct nov *n, const char *g, int not);
int nov_zh_lead(struct nov *n, const char **b, const char *e);
/* The one a sentence at s opens with as a relation of someone ("Her mother watched her
 * ...": Mrs. Pell when her daughter is Harriet Pell's), or -1 (English). */
int nov_relation_subject_en(struct nov *n, const char *s);
int nov_lead_in(struct nov *n, const char *t, int subject_last, int turn, int voc);
/* The length of the English narration t before a dash that ends it and leads into the
 * next quote as a colon does ("he added--", "Again he said:--" without its colon, "said at
 * once—", "said with mild dignity-"); 0 if t ends no such way. */
size_t nov_dash_lead_en(struct nov *n, const char *t);
size_t nov_lead_tag_start(struct nov *n, const char *t);
/* The character whose full name, or last name, starts the word at p (no mention counted), or -1. */
int nov_name_at(struct nov *n, const char *p);
/* (English) the first one of gender g whom p names by name before its sentence ends (or a
 * quote opens), not the narrator or a placeholder; -1 if none */
int nov_named_after_en(struct nov *n, const char *p, const char *g);
/* The one a Chinese quote calls by name (“周师傅，……”, “您是X吧？”, “X可在？”), or -1. */
int nov_zh_called(struct nov *n, const char *q);
int nov_speaker(struct nov *n, const struct para *pa, size_t si, int same, int subject_last, int para_subject, size_t *used, const char **emo);
/* Which step of the cascade decided a quote (n->how, nq.how, nov_rank_rec.how): some steps
 * are right far more often than others (tools/train_rank.c prints each one's record, per
 * language: EN turn-taking 78%, the same paragraph's speaker 89%; ZH that one 58%). */
enum nov_how {
	NOV_HOW_OTHER,     /* none of the below */
	NOV_HOW_TAG,       /* a tag before or after, or the paragraph's narration, named the speaker (anchored) */
	NOV_HOW_SAME,      /* the same speaker as the quote before in its paragraph */
	NOV_HOW_BEAT,      /* (Chinese) an action right after the quote with no said-verb */
	NOV_HOW_ANSWER,    /* a subjectless answer or a heard voice: the one whose turn it is */
	NOV_HOW_TURN,      /* turn-taking: the one before the last speaker */
	NOV_HOW_CALLED,    /* turn-taking: the one the quote before called by name */
	NOV_HOW_SUBJECT,   /* the nearest subject of the narration */
	NOV_HOW_SEED,      /* talk that opens after narration naming people */
	NOV_HOW_NOBODY,    /* no step found anyone (or an unnamed one's turn) */
	NOV_HOW_BACK2BACK, /* two quotes back to back: the other of the two */
	NOV_HOW_OWN_NAME,  /* a later correction: the quote's own name, or its answer to one called by name */
	NOV_HOW_PHASE,     /* whole exchanges re-read (novel_phase.c) */
	NOV_HOW_EXCHANGE,  /* (Chinese) runs alternated back from their anchor (novel_exchange.c) */
	NOV_HOW_LATE,      /* named late: a self-introduction, an answer to "who", a role name (novel_arrive.c, _rolename_zh.c, _selfname_zh.c) */
	NOV_HOW_N
};
extern const char *const nov_how_name[NOV_HOW_N];   /* (novel_rank.c) "tag", "same", ... */


/* novel_rank.c: a learned re-ranking of the speakers the cascade only guessed. After the
 * whole text is read, each quote no tag or narration anchored lists candidates (the
 * cascade's choice, the speakers of the 4 quotes before and after in its scene, those
 * the narration of its paragraph and the one before names, the one the quote before
 * addresses, the narrator), each with NOV_RANK_NF features; a linear score per candidate
 * (weights data/novel_rank_en.tsv / _zh.tsv, fitted by tools/train_rank.c, `make
 * train-rank`) picks the speaker, and the quote's shots say so. A quote a pronoun tag
 * anchored ("she said", 他道: rec.weak) is decided again by the weak_* features alone, among
 * the candidates of the tag's gender, when the weights give them a weight. No weights file: the
 * cascade alone. DRAMA_NOVEL_RANK=off turns it off; DRAMA_NOVEL_RANK=FILE uses FILE for
 * both languages (tests).
 *
 *   struct nov_rank_w w;  nov_rank_parse(buf, len, "x.tsv", &w) / nov_rank_load(path, &w):
 *   0 loaded, 1 no such file (w all zero, w.loaded 0), negative on a bad line (err_msg():
 *   file:line, what is wrong). Nothing to free.
 *   nov_rank(&n, e): novel.c's hook (after the exchanges and the narrator's name).
 *   nov_rank_log: the trainer's collector (NULL in the program): when set, nov_rank
 *   changes nothing and appends one record per quote (the caller frees with
 *   nov_rank_log_free). */
#define NOV_RANK_NF 60
#define NOV_RANK_MAXC 16
extern const char *const nov_rank_feature[NOV_RANK_NF];
struct nov_rank_w { double w[NOV_RANK_NF]; int loaded; };
int nov_rank_parse(const char *buf, size_t len, const char *path, struct nov_rank_w *w);
int nov_rank_load(const char *path, struct nov_rank_w *w);
double nov_rank_score(const struct nov_rank_w *w, const float *f);
struct nov_rank_rec {
	int redecide;                       /* 1 if the model may re-decide it (no anchor, or a weak tag) */
	int anchored, guessed, weak, how;   /* how: the cascade step that decided it (enum nov_how); weak: a pronoun tag's gender (1 he / 他, 2 she / 她), the line anchored by it; else 0 */
	size_t n_cand, cascade;             /* candidates; the index of the cascade's choice */
	char *name[NOV_RANK_MAXC];          /* each candidate's name (NULL: nobody) */
	float f[NOV_RANK_MAXC][NOV_RANK_NF];
};
struct nov_rank_log { struct nov_rank_rec *r; size_t n, cap; };
extern struct nov_rank_log *nov_rank_log;
void nov_rank_log_free(struct nov_rank_log *l);
void nov_rank(struct nov *n, struct episode *e);
/* The author group of an annotated text (tools/train_rank.c's leave-one-author-out folds): the
 * file name's second field, LANG_AUTHOR_WORK.txt -> AUTHOR (any folder: the same author in two
 * sets is one group); a name of two fields (en_bus.txt, prose written for the project) is its
 * own group, bus. Writes it into out (cut to cap - 1 bytes) and returns out. */
char *nov_rank_author(const char *path, char *out, size_t cap);
/* novel_exchange.c: the shots of quote q (in scene sc) say who (was old, -1 nobody) */
void nov_respeak(struct nov *n, struct scene *sc, const struct nq *q, int old, int who);

#endif
