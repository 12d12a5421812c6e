#!/usr/bin/env python3
"""Writes data/story_import/zh_fold.txt, the traditional -> simplified character table the
novel importer reads a traditional-character text through (src/story/novel_fold_zh.c).

Source: Unihan_Variants (Debian's unicode-data, /usr/share/unicode/Unihan_Variants.txt.bz2),
field kSimplifiedVariant. A character is kept when it has exactly one simplified variant
other than itself and both are 3-byte UTF-8 (the importer folds in place, byte for byte):
說 -> 说; 著 (着, 著) -> 着; 戰 (战, U+227D0) -> 战.

Usage: scripts/zh_fold_table.py [Unihan_Variants.txt(.bz2)] > data/story_import/zh_fold.txt
"""
import bz2
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode/Unihan_Variants.txt.bz2"
opener = bz2.open if path.endswith(".bz2") else open
pairs = []
with opener(path, "rt", encoding="utf-8") as f:
    for line in f:
        p = line.rstrip("\n").split("\t")
        if len(p) < 3 or p[1] != "kSimplifiedVariant":
            continue
        t = chr(int(p[0][2:], 16))
        vs = [chr(int(x[2:], 16)) for x in p[2].split()]
        vs = [v for v in vs if v != t and len(v.encode()) == 3]
        if len(vs) == 1 and len(t.encode()) == 3:
            pairs.append((t, vs[0]))
fold = dict(pairs)   # (a chain, 薴 -> 苧 -> 苎, goes to its end)
pairs = [(t, fold.get(s, s)) for t, s in pairs]
print("# traditional -> simplified, one pair a line (written by scripts/zh_fold_table.py from Unihan kSimplifiedVariant)")
for t, s in sorted(pairs):
    print(t + s)
