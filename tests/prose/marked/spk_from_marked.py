#!/usr/bin/env python3
# tests/prose/marked/spk_from_marked.py SRC OUTDIR: a text written with its gold speakers
# marked after each opening quote ("{Nora}There is ...", “{外婆}小军来了”; {*} someone unnamed or
# several, {-} no speech; "= A | B" lines: one person) into OUTDIR/NAME.txt and NAME.spk for
# bench_novel. An opening quote with no mark continues the last speaker of its paragraph.
import re, sys, os
src, outdir = sys.argv[1], sys.argv[2]
name = os.path.basename(src)[:-4]
zh = name.startswith('zh_')
lines = open(src, encoding='utf-8').read().split('\n')
groups = [l for l in lines if l.startswith('= ')]
body = '\n'.join(l for l in lines if not l.startswith('= ')).lstrip('\n')
spk = []
paras = body.split('\n\n')
outp = []
for para in paras:
    res = []
    i = 0
    nstraight = 0
    last = None
    while i < len(para):
        c = para[i]
        opener = False
        if c in '“「':
            opener = True
        elif c == '"':
            nstraight += 1
            opener = nstraight % 2 == 1
        if opener:
            res.append(c)
            i += 1
            m = re.match(r'\{([^}]*)\}', para[i:])
            if m:
                who = m.group(1)
                i += m.end()
            else:
                if last is None:
                    print('unmarked quote with no speaker before it in its paragraph:', para[i:i+30]); sys.exit(1)
                who = last
            last = who
            rest = para[i:]
            n = 10 if zh else 24
            pre = rest[:n].split('\n')[0]
            for q in ['"', '”', '」']:
                if q in pre: pre = pre[:pre.index(q)]
            spk.append((who, pre.rstrip()))
            continue
        res.append(c)
        i += 1
    outp.append(''.join(res))
txt = '\n\n'.join(outp)
open(os.path.join(outdir, name + '.txt'), 'w', encoding='utf-8').write(txt)
with open(os.path.join(outdir, name + '.spk'), 'w', encoding='utf-8') as f:
    f.write('# new held-out (written for this check, not tuned on): %s\n' % name)
    for g in groups: f.write('=' + g[1:] + '\n')
    for s, p in spk: f.write('%s\t%s\n' % (s, p))
print(name, len(spk), 'quotes,', sum(1 for s,_ in spk if s != '-'), 'scored')
