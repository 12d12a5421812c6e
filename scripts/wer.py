#!/usr/bin/env python3
"""scripts/wer.py — word error rate of pocketsphinx on a folder of spoken lines.

Usage:
  scripts/wer.py --ref REF.txt --wavs DIR [--lm generic|script] [--dict-extra FILE]
                 [--lw X] [--unscored WORD,WORD] [--per-line]

REF.txt holds one reference line per WAV; DIR holds 00.wav, 01.wav, ... in the same
order (any rate, mono; resampled to 16 kHz with sox when needed, since the en-us acoustic
model is 16 kHz). Prints the total "WER <percent> <errors>/<words>" on the last line.

--lm generic   pocketsphinx-en-us's general English trigram model (default). Words it
               does not know (names such as Xia, Rui) cannot be recognised.
--lm script    a bigram model built from REF.txt itself (restricted to the episode's
               script): a much easier task; label its figures as such.
--dict-extra   extra pronunciations ("word PH ON ES", ARPAbet), added to the dictionary
               (e.g. the names as flite says them, from flite's lexicon/letter-to-sound).
--unscored     reference words (out-of-vocabulary names under the generic model) whose
               errors are not counted: printed as a second figure, "WER-names-unscored".
Needs pocketsphinx, pocketsphinx-en-us and sox (Debian packages).
"""
import argparse
import math
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

MODEL = "/usr/share/pocketsphinx/model/en-us"
# spellings the dictionary uses for the same spoken word
HYP_SAME = {"mr": "mister", "mrs": "missus", "dr": "doctor", "st": "saint", "ok": "okay", "madame": "madam"}


def words(s):
    out = []
    for w in re.findall(r"[A-Za-z']+", s.lower()):
        w = w.strip("'")
        if w:
            out.append(HYP_SAME.get(w, w))
    return out


def align(ref, hyp, unscored):
    """Levenshtein alignment; returns (errors, ops) where ops lists (op, ref_word, hyp_word).
    Substitutions and deletions of unscored reference words cost nothing."""
    n, m = len(ref), len(hyp)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        d[i][0] = d[i - 1][0] + (0 if ref[i - 1] in unscored else 1)
    for j in range(1, m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        free = ref[i - 1] in unscored
        for j in range(1, m + 1):
            sub = d[i - 1][j - 1] + (0 if ref[i - 1] == hyp[j - 1] or free else 1)
            d[i][j] = min(sub, d[i - 1][j] + (0 if free else 1), d[i][j - 1] + 1)
    ops, i, j = [], n, m
    while i or j:
        free = i and ref[i - 1] in unscored
        if i and j and d[i][j] == d[i - 1][j - 1] + (0 if ref[i - 1] == hyp[j - 1] or free else 1):
            if ref[i - 1] != hyp[j - 1]:
                ops.append(("sub", ref[i - 1], hyp[j - 1]))
            i, j = i - 1, j - 1
        elif i and d[i][j] == d[i - 1][j] + (0 if free else 1):
            ops.append(("del", ref[i - 1], ""))
            i -= 1
        else:
            ops.append(("ins", "", hyp[j - 1]))
            j -= 1
    return d[n][m], ops[::-1]


def load_dict(path):
    pron = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for ln in f:
            p = ln.split()
            if p:
                pron.setdefault(re.sub(r"\(\d+\)$", "", p[0]), []).append(" ".join(p[1:]))
    return pron


def write_script_lm(sents, path):
    """Bigram ARPA model of the sentences: absolute discounting (D = 0.5) with backoff
    to unigrams; <s> and </s> around each sentence."""
    uni, bi = Counter(), Counter()
    for s in sents:
        t = ["<s>"] + s + ["</s>"]
        uni.update(t)
        bi.update(zip(t, t[1:]))
    total = sum(c for w, c in uni.items() if w != "<s>")
    D = 0.5
    follow = defaultdict(list)
    for (a, b), c in bi.items():
        follow[a].append((b, c))
    def lg(x):
        return math.log10(x) if x > 0 else -99.0
    p1 = {w: uni[w] / total for w in uni if w != "<s>"}
    with open(path, "w") as f:
        f.write("\\data\\\nngram 1=%d\nngram 2=%d\n\n\\1-grams:\n" % (len(uni), len(bi)))
        for w in sorted(uni):
            if w in follow:
                cnt = sum(c for _, c in follow[w])
                left = D * len(follow[w]) / cnt
                seen = sum(p1.get(b, 0) for b, _ in follow[w])
                bow = left / max(1e-9, 1 - seen)
            else:
                bow = 1.0
            f.write("%.4f %s %.4f\n" % (-99.0 if w == "<s>" else lg(p1[w]), w, lg(bow)))
        f.write("\n\\2-grams:\n")
        for (a, b), c in sorted(bi.items()):
            cnt = sum(x for _, x in follow[a])
            f.write("%.4f %s %s\n" % (lg((c - D) / cnt), a, b))
        f.write("\n\\end\\\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ref", required=True)
    ap.add_argument("--wavs", required=True)
    ap.add_argument("--lm", choices=["generic", "script"], default="generic")
    ap.add_argument("--dict-extra")
    ap.add_argument("--lw", type=float)
    ap.add_argument("--unscored", default="")
    ap.add_argument("--per-line", action="store_true")
    a = ap.parse_args()

    refs = [ln.rstrip("\n") for ln in open(a.ref, encoding="utf-8")]
    refs = [r for r in refs if r.strip()]
    wavs = sorted(f for f in os.listdir(a.wavs) if f.endswith(".wav"))
    if len(wavs) != len(refs):
        sys.exit("wer.py: %d reference lines but %d WAV files in %s" % (len(refs), len(wavs), a.wavs))
    unscored = set(w.strip().lower() for w in a.unscored.split(",") if w.strip())
    tmp = tempfile.mkdtemp(prefix="wer.")
    ctl = []
    for i, w in enumerate(wavs):
        name = "%03d" % i
        # 16 kHz, 16-bit mono, raw headerless samples for pocketsphinx_batch
        subprocess.run(["sox", "-V1", "-D", os.path.join(a.wavs, w), "-r", "16000", "-c", "1", "-b", "16", "-e", "signed",
                        "-t", "raw", os.path.join(tmp, name + ".raw")], check=True)
        ctl.append(name)
    with open(os.path.join(tmp, "ctl"), "w") as f:
        f.write("\n".join(ctl) + "\n")
    cmd = ["pocketsphinx_batch", "-hmm", os.path.join(MODEL, "en-us"), "-adcin", "yes", "-cepdir", tmp,
           "-cepext", ".raw", "-ctl", os.path.join(tmp, "ctl"), "-hyp", os.path.join(tmp, "hyp"),
           "-logfn", os.path.join(tmp, "log")]
    dict_path = os.path.join(MODEL, "cmudict-en-us.dict")
    if a.dict_extra or a.lm == "script":
        pron = load_dict(dict_path)
        if a.dict_extra:
            for w, p in load_dict(a.dict_extra).items():
                pron[w.lower()] = p          # flite's pronunciation wins
        dict_path = os.path.join(tmp, "dict")
        vocab = None
        if a.lm == "script":
            vocab = set(w for r in refs for w in words(r))
            missing = sorted(w for w in vocab if w not in pron)
            if missing:
                print("wer.py: no pronunciation for %s (give them in --dict-extra)" % ", ".join(missing), file=sys.stderr)
        with open(dict_path, "w") as f:
            for w in sorted(pron):
                if vocab is not None and w not in vocab:
                    continue
                for k, p in enumerate(pron[w]):
                    f.write("%s %s\n" % (w if k == 0 else "%s(%d)" % (w, k + 1), p))
    cmd += ["-dict", dict_path]
    if a.lm == "script":
        lm = os.path.join(tmp, "script.lm")
        write_script_lm([[w for w in words(r)] for r in refs], lm)
        cmd += ["-lm", lm]
    else:
        cmd += ["-lm", os.path.join(MODEL, "en-us.lm.bin")]
    if a.lw:
        cmd += ["-lw", str(a.lw)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    hyps = {}
    for ln in open(os.path.join(tmp, "hyp"), encoding="utf-8", errors="replace"):
        m = re.match(r"^(.*) \((\d+)(?: -?\d+)?\)\s*$", ln)
        if m:
            hyps[m.group(2)] = m.group(1)
    errs = total = uerrs = utotal = 0
    for i, r in enumerate(refs):
        rw, hw = words(r), words(hyps.get("%03d" % i, ""))
        e, ops = align(rw, hw, set())
        errs += e
        total += len(rw)
        if unscored:
            uerrs += align(rw, hw, unscored)[0]
            utotal += sum(1 for w in rw if w not in unscored)
        if a.per_line:
            bad = " ".join("%s:%s>%s" % (o, x, y) for o, x, y in ops)
            print("%2d %5.1f%% | %s | %s" % (i, 100.0 * e / max(1, len(rw)), " ".join(hw), bad))
    for f in os.listdir(tmp):
        os.unlink(os.path.join(tmp, f))
    os.rmdir(tmp)
    if unscored:
        print("WER-names-unscored %.1f %d/%d" % (100.0 * uerrs / max(1, utotal), uerrs, utotal))
    print("WER %.1f %d/%d" % (100.0 * errs / max(1, total), errs, total))


if __name__ == "__main__":
    main()
