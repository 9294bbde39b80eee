#!/usr/bin/env python3
"""tune-align.py - tune a few of the aligner's weights against strict F1.

  tools/tune-align.py [--params bias,b21,b22,b31] [--docs even] [--step 1] SET_DIR...

Logistic regression (tools/fit-align.py) scores beads one at a time; how
much a merged bead (2-1, 3-1, 2-2) must pay, and the overall bias between
linking and skipping, interact with the dynamic programme and are better set
against the end result.  This script does coordinate ascent on the named
weights: it tries each value minus and plus a step, keeps a change that
raises the objective, and halves the step when nothing helps.  The
objective is the mean over the sets of strict F1 (tests/quality/score.py),
on the documents --docs selects (even: docNN with an even number; a set with
a single document is always used whole).  Alignment runs through
'sverka batch' (one dictionary load per set).  Prints each trial and, at
the end, the --weights string of the best point.
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCORE = os.path.join(HERE, '..', 'tests', 'quality', 'score.py')


def docs_of(setdir, which):
    docs = sorted(glob.glob(os.path.join(setdir, '*.gold.tsv')))
    if len(docs) == 1 or which == 'all':
        return docs
    out = []
    for d in docs:
        num = int(''.join(c for c in os.path.basename(d) if c.isdigit()) or 0)
        if (num % 2 == 0) == (which == 'even'):
            out.append(d)
    return out


def evaluate(sverka, sets, which, weights, tmp):
    f1s = []
    for s in sets:
        docs = docs_of(s, which)
        work = os.path.join(tmp, os.path.basename(s.rstrip('/')))
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        gold = os.path.join(work, 'gold')
        os.makedirs(gold)
        with open(os.path.join(work, 'manifest.tsv'), 'w') as m:
            for d in docs:
                base = d[:-len('.gold.tsv')]
                name = os.path.basename(base)
                m.write('%s\t%s\t%s\n' % (name, os.path.abspath(base + '.en.txt'), os.path.abspath(base + '.ru.txt')))
                for ext in ('.en.txt', '.ru.txt', '.gold.tsv'):
                    os.symlink(os.path.abspath(base + ext), os.path.join(gold, name + ext))
        cmd = [sverka, 'batch', '-q', '-j2', '-f', 'tsv', '-o', os.path.join(work, 'out'),
               os.path.join(work, 'manifest.tsv')]
        if weights:
            cmd += ['--weights', weights]
        subprocess.run(cmd, check=True)
        r = subprocess.run([sys.executable, SCORE, '--json', '--set', gold, '--pred-dir', os.path.join(work, 'out')],
                           check=True, capture_output=True, text=True)
        f1s.append(json.loads(r.stdout)['f1_strict'])
    return sum(f1s) / len(f1s), f1s


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('sets', nargs='+')
    ap.add_argument('--params', default='bias,b21,b22,b31')
    ap.add_argument('--start', default='', help='name=value,... starting point (default: the built-in weights)')
    ap.add_argument('--docs', choices=('even', 'odd', 'all'), default='even')
    ap.add_argument('--step', type=float, default=1.0)
    ap.add_argument('--min-step', type=float, default=0.25)
    ap.add_argument('--sverka', default='./sverka')
    a = ap.parse_args()
    names = a.params.split(',')
    point = {}
    for kv in filter(None, a.start.split(',')):
        k, v = kv.split('=')
        point[k] = float(v)
    spec = lambda p: ','.join('%s=%g' % kv for kv in sorted(p.items()))
    tmp = tempfile.mkdtemp(prefix='tune-align.')
    best, per = evaluate(a.sverka, a.sets, a.docs, spec(point), tmp)
    print('start %.4f %s %s' % (best, ' '.join('%.4f' % x for x in per), spec(point)), flush=True)
    step = a.step
    while step >= a.min_step:
        improved = False
        for n in names:
            for sign in (-1, 1):
                trial = dict(point)
                if n not in trial:
                    # the built-in value is unknown here: ask for it through a probe run
                    raise SystemExit('give a starting value for %s with --start' % n)
                trial[n] += sign * step
                f, per = evaluate(a.sverka, a.sets, a.docs, spec(trial), tmp)
                mark = ''
                if f > best + 1e-4:
                    best, point, improved, mark = f, trial, True, ' *'
                print('%.4f %s %s%s' % (f, ' '.join('%.4f' % x for x in per), spec(trial), mark), flush=True)
        if not improved:
            step /= 2
    print('best %.4f --weights %s' % (best, spec(point)))


if __name__ == '__main__':
    main()
