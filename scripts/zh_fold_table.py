#!/usr/bin/env python3
"""Writes data/story_import/zh_fold.txt, the traditional -> simplified character table the
novel importer reads a traditional-character text through (src/story/novel_fold_zh.c).

Source: Unihan_Variants (Debian's unicode-data, /usr/share/unicode/Unihan_Variants.txt.bz2),
field kSimplifiedVariant. A character is kept when it has exactly one simplified variant
other than itself and both are 3-byte UTF-8 (the importer folds in place, byte for byte):
說 -> 说; 著 (着, 著) -> 着; 戰 (战, U+227D0) -> 战.

A traditional character with no simplified variant of its own is folded through the
traditional one it is written for: a kZVariant (説, a glyph of 說 -> 说; 絶 -> 绝) or a
kSemanticVariant that Hong Kong's glyph standard counts as the same character (kHKGlyph:
裏, the 裡 of older printings -> 里; 爲 -> 为; 歎 -> 叹), when all of them give one
simplified character.

雲 is not folded: 云 is also a character of traditional writing, the classical "says"
(子云, 人云亦云), which the importer reads as a said-verb, and 雲 never means that; folded,
every name written with 雲 (雲岫) read as a name and a said-verb.

Usage: scripts/zh_fold_table.py [Unihan_Variants.txt(.bz2)] > data/story_import/zh_fold.txt
"""
import bz2
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode/Unihan_Variants.txt.bz2"
opener = bz2.open if path.endswith(".bz2") else open
NOT_FOLDED = {"雲"}


def char(field):
    """U+8AAA<kLau,... -> (說, "kLau,...")"""
    cp, _, src = field.partition("<")
    return chr(int(cp[2:], 16)), src


pairs = []
has_simplified = set()
zvar, semvar = {}, {}
with opener(path, "rt", encoding="utf-8") as f:
    for line in f:
        p = line.rstrip("\n").split("\t")
        if len(p) < 3:
            continue
        t = chr(int(p[0][2:], 16))
        vs = [char(x) for x in p[2].split()]
        if p[1] == "kZVariant":
            zvar[t] = [v for v, _ in vs]
        elif p[1] == "kSemanticVariant":
            semvar[t] = [v for v, src in vs if "kHKGlyph" in src.split(",")]
        if p[1] != "kSimplifiedVariant":
            continue
        has_simplified.add(t)
        vs = [v for v, _ in vs if v != t and len(v.encode()) == 3]
        if len(vs) == 1 and len(t.encode()) == 3 and t not in NOT_FOLDED:
            pairs.append((t, vs[0]))
fold = dict(pairs)   # (a chain, 薴 -> 苧 -> 苎, goes to its end)
pairs = [(t, fold.get(s, s)) for t, s in pairs]
fold = dict(pairs)
for variants in (zvar, semvar):
    for t, vs in sorted(variants.items()):
        if t in has_simplified or t in fold or t in NOT_FOLDED or len(t.encode()) != 3:
            continue
        to = {fold[v] for v in vs if v in fold}
        if len(to) == 1 and t not in to:
            pairs.append((t, to.pop()))
            fold[t] = pairs[-1][1]
print("# traditional -> simplified, one pair a line (written by scripts/zh_fold_table.py from Unihan kSimplifiedVariant, kZVariant, kSemanticVariant)")
for t, s in sorted(pairs):
    print(t + s)
