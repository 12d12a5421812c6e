#!/usr/bin/env python3
"""scripts/wer_mix.py — word error rate of pocketsphinx on an episode's final mix, line by line.

Usage:
  scripts/wer_mix.py EPISODE.mp4 EPISODE.srt OUTDIR [--pad SEC] [wer.py options...]

Decodes the episode's sound with ffmpeg, cuts one WAV per subtitle cue (the cue's times
plus 0.15 s either side) into OUTDIR/00.wav, 01.wav ..., writes the cues' text (with our
normaliser's spelling left to the subtitle: numbers in subtitles are rare) to OUTDIR/ref.txt
and runs scripts/wer.py on them with the remaining options (e.g. --lm script,
--unscored NAME,NAME, --per-line). Needs ffmpeg, sox, pocketsphinx.
"""
import os
import re
import subprocess
import sys


def cues(srt):
    out = []
    for block in re.split(r"\n\s*\n", open(srt, encoding="utf-8").read().strip()):
        ln = block.strip().splitlines()
        if len(ln) < 3:
            continue
        m = re.match(r"(\d+):(\d+):(\d+)[,.](\d+) --> (\d+):(\d+):(\d+)[,.](\d+)", ln[1])
        if not m:
            continue
        g = [int(x) for x in m.groups()]
        a = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
        b = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
        text = re.sub(r"<[^>]*>|\{[^}]*\}", "", " ".join(ln[2:]))
        out.append((a, b, text))
    return out


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    mp4, srt, outdir = sys.argv[1:4]
    rest = sys.argv[4:]
    pad = 0.0
    if rest[:1] == ["--pad"]:
        pad = float(rest[1])
        rest = rest[2:]
    os.makedirs(outdir, exist_ok=True)
    full = os.path.join(outdir, "mix16k.wav")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", mp4, "-vn", "-ac", "1", "-ar", "16000", full], check=True)
    cs = cues(srt)
    with open(os.path.join(outdir, "ref.txt"), "w", encoding="utf-8") as f:
        for i, (a, b, text) in enumerate(cs):
            a0 = max(0.0, a - pad)
            subprocess.run(["sox", "-V1", full, os.path.join(outdir, "%02d.wav" % i), "trim", "%.3f" % a0, "%.3f" % (b + pad - a0)], check=True)
            f.write(text + "\n")
    os.unlink(full)
    here = os.path.dirname(os.path.abspath(__file__))
    os.execv(sys.executable, [sys.executable, os.path.join(here, "wer.py"), "--ref", os.path.join(outdir, "ref.txt"),
                              "--wavs", outdir] + rest)


if __name__ == "__main__":
    main()
