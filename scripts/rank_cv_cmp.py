#!/usr/bin/env python3
"""scripts/rank_cv_cmp.py BEFORE AFTER: two outputs of `build/train_rank --cv` (make train-rank-cv)
compared by the keep rule of the re-ranker (issue 15): a change is kept only if, in a language, the
leave-one-author-out figure rises by at least 0.3 percentage points and no author group loses more
than 2 quotations. Prints per language the held-out figures, the in-sample ones, how many groups
go up and down, and the groups that lose more than 2."""
import re
import sys


def load(path):
    groups, total = {}, {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r"(EN|ZH) group (\S+)\s+texts\s+\d+\s+cascade\s+(\d+)\s+held out\s+(\d+)", line)
        if m:
            groups[(m[1], m[2])] = int(m[4])
        m = re.match(r"(EN|ZH) \d+ texts.*cascade alone (\d+)/(\d+).*leave-one-author-out (\d+)/.*in-sample (\d+)/", line)
        if m:
            total[m[1]] = (int(m[2]), int(m[3]), int(m[4]), int(m[5]))
    return groups, total


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: rank_cv_cmp.py BEFORE AFTER (outputs of build/train_rank --cv)")
    ga, ta = load(sys.argv[1])
    gb, tb = load(sys.argv[2])
    for lang in ("EN", "ZH"):
        if lang not in ta or lang not in tb:
            continue
        cascade, n, a, ia = ta[lang]
        b, ib = tb[lang][2], tb[lang][3]
        common = [k for k in ga if k[0] == lang and k in gb]
        drops = [(k[1], gb[k] - ga[k]) for k in common if gb[k] - ga[k] < -2]
        up = sum(gb[k] > ga[k] for k in common)
        down = sum(gb[k] < ga[k] for k in common)
        pp = 100.0 * (b - a) / n
        keep = pp >= 0.3 and not drops
        print(f"{lang}: held out {a} -> {b} ({b - a:+d}, {pp:+.2f} pp; the cascade alone {cascade}/{n}); in-sample {ia} -> {ib}; "
              f"groups up {up}, down {down}; losing more than 2: {drops or 'none'}; {'KEEP' if keep else 'not kept'}")


if __name__ == "__main__":
    main()
