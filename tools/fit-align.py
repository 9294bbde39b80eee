#!/usr/bin/env python3
"""fit-align.py - fit the aligner's bead weights on gold-aligned corpora.

  tools/fit-align.py [--docs even|odd|all] [--neg N] SET_DIR...

For every document pair docNN of each set, runs
  ./sverka align --dump-features F docNN.en.txt docNN.ru.txt
which lists the candidate linked beads near the diagonal with their features;
a bead is labelled correct when its byte spans equal a gold link's (gold units
located in the running text, as docNN.gold.json lists them).  All positives and
N negatives per positive (the closest ones to the gold path first, then
random) are kept, and an L2-regularised logistic regression is fitted by
Newton's method.  Prints the weights in the order of the feature columns, as a
C initialiser to paste into align/align.c, and the training log-loss.

--docs even|odd picks half of the documents (by number), so that the other half
can be held out.  Pure Python (standard library only); a few seconds per set.
"""
import argparse
import glob
import json
import math
import os
import random
import subprocess
import sys
import tempfile


def unit_spans(text, paragraphs):
    """Byte spans of the gold units, found in order in the running text."""
    spans, pos = [], 0
    for para in paragraphs:
        for u in para:
            k = text.find(u, pos)
            if k < 0:
                k = text.find(u)
            if k < 0:
                raise SystemExit('gold unit not found: %r' % u[:60])
            b0 = len(text[:k].encode('utf-8'))
            b1 = b0 + len(u.encode('utf-8'))
            spans.append((b0, b1))
            pos = k + len(u)
    return spans


def gold_beads(base):
    g = json.load(open(base + '.gold.json', encoding='utf-8'))
    en = unit_spans(open(base + '.en.txt', encoding='utf-8').read(), g['en_paragraphs'])
    ru = unit_spans(open(base + '.ru.txt', encoding='utf-8').read(), g['ru_paragraphs'])
    out = set()
    for link in g['links']:
        if not link['en'] or not link['ru']:
            continue
        e = (en[min(link['en'])][0], en[max(link['en'])][1])
        r = (ru[min(link['ru'])][0], ru[max(link['ru'])][1])
        out.add((e, r))
    return out


def load(sets, which, neg_per_pos, sverka, rnd, extra=()):
    names, rows = None, []
    tmp = tempfile.mkdtemp(prefix='fit-align.')
    for s in sets:
        docs = sorted(glob.glob(os.path.join(s, '*.gold.json')))
        for d in docs:
            base = d[:-len('.gold.json')]
            num = int(''.join(ch for ch in os.path.basename(base) if ch.isdigit()) or 0)
            if which == 'even' and num % 2:
                continue
            if which == 'odd' and not num % 2:
                continue
            f = os.path.join(tmp, 'f.tsv')
            r = subprocess.run([sverka, 'align', '-q', *extra, '--dump-features', f, '-o', '/dev/null',
                                base + '.en.txt', base + '.ru.txt'], capture_output=True, text=True)
            if r.returncode:
                raise SystemExit('sverka failed on %s: %s' % (base, r.stderr))
            gold = gold_beads(base)
            pos, neg = [], []
            with open(f, encoding='utf-8') as fh:
                header = fh.readline().rstrip('\n').split('\t')
                names = header[8:]
                for line in fh:
                    c = line.rstrip('\n').split('\t')
                    e = (int(c[4]), int(c[5]))
                    ru = (int(c[6]), int(c[7]))
                    x = [float(v) for v in c[8:]]
                    (pos if (e, ru) in gold else neg).append(x)
            rnd.shuffle(neg)
            rows += [(x, 1) for x in pos] + [(x, 0) for x in neg[:max(neg_per_pos * len(pos), 20)]]
    return names, rows


def fit(rows, nfeat, l2=1.0, iters=30):
    w = [0.0] * nfeat
    for _ in range(iters):
        grad = [0.0] * nfeat
        hess = [[0.0] * nfeat for _ in range(nfeat)]
        for x, y in rows:
            z = sum(wi * xi for wi, xi in zip(w, x))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            g = p - y
            h = p * (1 - p)
            for i in range(nfeat):
                if x[i] == 0:
                    continue
                grad[i] += g * x[i]
                hx = h * x[i]
                row = hess[i]
                for j in range(nfeat):
                    if x[j]:
                        row[j] += hx * x[j]
        for i in range(1, nfeat):  # no penalty on the bias
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        for i in range(nfeat):
            hess[i][i] += 1e-9
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    loss = 0.0
    for x, y in rows:
        z = sum(wi * xi for wi, xi in zip(w, x))
        p = 1 / (1 + math.exp(-max(-30, min(30, z))))
        loss -= math.log(max(1e-12, p if y else 1 - p))
    return w, loss / max(1, len(rows))


def solve(a, b):
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c and m[r][c]:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('sets', nargs='+')
    ap.add_argument('--docs', choices=('even', 'odd', 'all'), default='even')
    ap.add_argument('--neg', type=int, default=20, help='negatives kept per positive')
    ap.add_argument('--l2', type=float, default=1.0)
    ap.add_argument('--sverka', default='./sverka')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--zero', default='', help='comma-separated features held at 0 (their weight is 0)')
    ap.add_argument('--align-args', default='', help='extra arguments for sverka align (e.g. --no-dict)')
    a = ap.parse_args()
    names, rows = load(a.sets, a.docs, a.neg, a.sverka, random.Random(a.seed), a.align_args.split())
    zero = [names.index(z) for z in a.zero.split(',') if z]
    rows = [([0.0 if i in zero else v for i, v in enumerate(x)], y) for x, y in rows]
    npos = sum(y for _, y in rows)
    print('# %d positives, %d negatives, %d features' % (npos, len(rows) - npos, len(names)), file=sys.stderr)
    w, loss = fit(rows, len(names), a.l2)
    print('# log-loss %.4f' % loss, file=sys.stderr)
    print('static const double weights[NFEAT] = {')
    print('    ' + ', '.join('%.4g' % x for x in w) + '};')
    for n, x in zip(names, w):
        print('/* %-10s %+.4f */' % (n, x))


if __name__ == '__main__':
    main()
