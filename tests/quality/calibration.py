#!/usr/bin/env python3
"""calibration.py - does a link's score behave like the probability that it is right?

  calibration.py SVERKA SET_DIR...

Aligns every document pair of the sets with --min-score 0, marks each link
correct when it matches a gold link exactly (the strict measure of score.py;
links matching only a 'partial' gold link count as correct too), and prints,
per score band, the number of links, the share that is correct, and the mean
score.  Also prints the Brier score and the expected calibration error (ECE,
the mean |share correct - mean score| weighted by band size), and, for each
--min-score threshold, the precision and recall it would give.
"""
import glob
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402


def links_with_scores(path):
    out = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            c = line.rstrip('\n').split('\t')
            if len(c) >= 3:
                out.append((c[0], c[1], float(c[2])))
    return out


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sverka, sets = sys.argv[1], sys.argv[2:]
    tmp = tempfile.mkdtemp(prefix='sverka-cal.')
    rows = []  # (score, correct)
    core_total = 0
    for s in sets:
        for gold in sorted(glob.glob(os.path.join(s, '*.gold.tsv'))):
            base = gold[:-len('.gold.tsv')]
            out = os.path.join(tmp, 'out.tsv')
            subprocess.run([sverka, 'align', '-q', '--min-score', '0', base + '.en.txt', base + '.ru.txt',
                            '-o', out], check=True)
            en = score.Document(open(base + '.en.txt', encoding='utf-8').read())
            ru = score.Document(open(base + '.ru.txt', encoding='utf-8').read())
            g = []
            for kind, e, r in score.gold_links(gold):
                if score.toks(e) and score.toks(r):
                    g.append((kind, en.span(e), ru.span(r)))
            core_total += sum(1 for x in g if x[0] == 'core')
            en.cursor = ru.cursor = 0
            for e, r, sc in links_with_scores(out):
                if not score.toks(e) or not score.toks(r):
                    continue
                se, sr = en.span(e), ru.span(r)
                ok = se is not None and sr is not None and any(se == x[1] and sr == x[2] for x in g)
                core = ok and any(se == x[1] and sr == x[2] and x[0] == 'core' for x in g)
                rows.append((sc, ok, core))
    bands = [(i / 10, (i + 1) / 10) for i in range(10)]
    print('%-11s %7s %9s %10s' % ('score', 'links', 'correct', 'mean score'))
    ece, n = 0.0, len(rows)
    for lo, hi in bands:
        b = [r for r in rows if lo <= r[0] < hi or (hi == 1.0 and r[0] == 1.0)]
        if not b:
            continue
        acc = sum(r[1] for r in b) / len(b)
        mean = sum(r[0] for r in b) / len(b)
        ece += len(b) / n * abs(acc - mean)
        print('%.1f - %.1f  %7d %9.3f %10.3f' % (lo, hi, len(b), acc, mean))
    brier = sum((r[0] - r[1]) ** 2 for r in rows) / max(1, n)
    print('links %d, Brier %.4f, ECE %.4f' % (n, brier, ece))
    print('%-10s %9s %9s %9s' % ('min-score', 'precision', 'recall', 'F1'))
    for t in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        kept = [r for r in rows if r[0] >= t]
        p = sum(r[1] for r in kept) / max(1, len(kept))
        rec = sum(r[2] for r in kept) / max(1, core_total)
        f = 2 * p * rec / (p + rec) if p + rec else 0
        print('%-10.1f %9.3f %9.3f %9.3f' % (t, p, rec, f))


if __name__ == '__main__':
    main()
