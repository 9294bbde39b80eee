#!/usr/bin/env python3
"""score.py - sverka's alignment scorer (strict and lax precision/recall/F1).

Links are compared as spans of word tokens in the original documents, so the
aligner's own segmentation is judged end to end.

  score.py --set corpora/ntrex_enru --cmd './sverka align {en} {ru} -o {out}'
  score.py --en doc.en.txt --ru doc.ru.txt --gold doc.gold.tsv PRED.tsv|PRED.tmx

Definitions (the same as the team's score-alignment tool, written anew here so
that CI needs nothing outside this repository):
  token      a maximal run of word characters, lower-cased, with ё→е and soft
             hyphens removed;
  span       the token positions a link side covers in its document: the first
             occurrence at or after the end of the previous link's side
             (links come in document order), else the first anywhere;
  strict     a predicted link whose spans equal a gold link's on both sides;
  lax        a predicted link whose spans overlap a gold link's on both sides;
  precision  predicted links correct against any gold link (core or partial);
  recall     core gold links found; figures are micro-averaged over documents.
Gold lines are 'en<TAB>ru' or 'core|partial<TAB>en<TAB>ru'; '#' comments.
Predictions: TSV 'en<TAB>ru[<TAB>...]' or TMX (<tu> with en* and ru* <tuv>).
Exit status 0, or 2 on a usage error, a missing file or a failed command.
"""
import argparse
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

WORD = re.compile(r'\w+')
LANG_ATTR = '{http://www.w3.org/XML/1998/namespace}lang'


def toks(text):
    text = text.replace('\u00ad', '').replace('ё', 'е').replace('Ё', 'Е')
    return [w.lower() for w in WORD.findall(text)]


class Document:
    def __init__(self, text):
        self.words = toks(text)
        self.where = {}
        for pos, w in enumerate(self.words):
            self.where.setdefault(w, []).append(pos)
        self.cursor = 0

    def span(self, text):
        q = toks(text)
        if not q:
            return None
        hits = [p for p in self.where.get(q[0], ()) if self.words[p:p + len(q)] == q]
        if not hits:
            return None
        later = [p for p in hits if p >= self.cursor]
        start = later[0] if later else hits[0]
        self.cursor = start + len(q)
        return frozenset(range(start, start + len(q)))


def gold_links(path):
    out = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            cols = line.split('\t')
            if len(cols) >= 3 and cols[0] in ('core', 'partial'):
                out.append((cols[0], cols[1], cols[2]))
            elif len(cols) >= 2:
                out.append(('core', cols[0], cols[1]))
    return out


def predicted_links(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        head = f.read(512).lstrip('\ufeff \t\r\n')
    if head.startswith('<'):
        pairs = []
        for tu in ET.parse(path).getroot().iter('tu'):
            sides = {}
            for tuv in tu.findall('tuv'):
                lang = (tuv.get(LANG_ATTR) or tuv.get('lang') or '').lower()[:2]
                seg = tuv.find('seg')
                sides[lang] = ''.join(seg.itertext()) if seg is not None else ''
            pairs.append((sides.get('en', ''), sides.get('ru', '')))
        return pairs
    pairs = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            cols = line.rstrip('\n').split('\t')
            if len(cols) >= 2:
                pairs.append((cols[0], cols[1]))
    return pairs


def counts(en_path, ru_path, gold_path, pred_path):
    en = Document(open(en_path, encoding='utf-8').read())
    ru = Document(open(ru_path, encoding='utf-8').read())
    gold = []
    for kind, e, r in gold_links(gold_path):
        if not toks(e) or not toks(r):
            continue
        se, sr = en.span(e), ru.span(r)
        if se is None or sr is None:
            raise SystemExit('%s: gold link not in its documents: %r / %r' % (gold_path, e[:50], r[:50]))
        gold.append((kind, se, sr))
    en.cursor = ru.cursor = 0
    pred, unlocated = [], 0
    for e, r in (predicted_links(pred_path) if pred_path else []):
        if not toks(e) or not toks(r):
            continue
        se, sr = en.span(e), ru.span(r)
        if se is None or sr is None:
            unlocated += 1
            se, sr = frozenset(), frozenset()
        pred.append((se, sr))
    core = [g for g in gold if g[0] == 'core']
    same = lambda p, g: p[0] == g[1] and p[1] == g[2]
    touch = lambda p, g: bool(p[0] & g[1]) and bool(p[1] & g[2])
    return {
        'pred': len(pred), 'unlocated': unlocated, 'core': len(core), 'gold': len(gold),
        'p_strict': sum(any(same(p, g) for g in gold) for p in pred),
        'p_lax': sum(any(touch(p, g) for g in gold) for p in pred),
        'r_strict': sum(any(same(p, g) for p in pred) for g in core),
        'r_lax': sum(any(touch(p, g) for p in pred) for g in core),
    }


def figures(c):
    ratio = lambda a, b: a / b if b else 0.0
    f1 = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0
    out = dict(c)
    for m in ('strict', 'lax'):
        p, r = ratio(c['p_' + m], c['pred']), ratio(c['r_' + m], c['core'])
        out['precision_' + m], out['recall_' + m], out['f1_' + m] = round(p, 4), round(r, 4), round(f1(p, r), 4)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--en')
    ap.add_argument('--ru')
    ap.add_argument('--gold')
    ap.add_argument('--set', help='folder of docNN.{en,ru}.txt and docNN.gold.tsv')
    ap.add_argument('--cmd', help='command per document with {en} {ru} {out}')
    ap.add_argument('--pred-dir', help='folder of docNN.tsv or docNN.tmx')
    ap.add_argument('--json', action='store_true')
    ap.add_argument('--per-doc', action='store_true')
    ap.add_argument('pred', nargs='?')
    a = ap.parse_args()
    if a.set:
        docs = sorted(p[:-len('.gold.tsv')] for p in glob.glob(os.path.join(a.set, '*.gold.tsv')))
        if not docs:
            print('score.py: no *.gold.tsv in %s' % a.set, file=sys.stderr)
            sys.exit(2)
        if not (a.cmd or a.pred_dir):
            ap.error('--set needs --cmd or --pred-dir')
        total, secs = None, 0.0
        tmp = tempfile.mkdtemp(prefix='sverka-score.')
        for d in docs:
            name = os.path.basename(d)
            en, ru, gold = d + '.en.txt', d + '.ru.txt', d + '.gold.tsv'
            if a.cmd:
                out = os.path.join(tmp, name + '.tsv')
                cmd = a.cmd.format(en=shlex.quote(en), ru=shlex.quote(ru), out=shlex.quote(out))
                t0 = time.monotonic()
                r = subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                secs += time.monotonic() - t0
                if r.returncode != 0 or not os.path.exists(out):
                    print('score.py: command failed (%d) on %s: %s\n%s' % (r.returncode, name, cmd, r.stderr[-2000:]), file=sys.stderr)
                    sys.exit(2)
            else:
                out = next((p for p in (os.path.join(a.pred_dir, name + x) for x in ('.tsv', '.tmx')) if os.path.exists(p)), None)
            c = counts(en, ru, gold, out)
            if a.per_doc:
                s = figures(c)
                print('%s\tP %.3f R %.3f lax P %.3f R %.3f' % (name, s['precision_strict'], s['recall_strict'], s['precision_lax'], s['recall_lax']))
            total = c if total is None else {k: total[k] + c[k] for k in c}
        res = figures(total)
        res['documents'] = len(docs)
        if a.cmd:
            res['seconds'] = round(secs, 3)
    else:
        if not (a.en and a.ru and a.gold and a.pred):
            ap.error('give --en --ru --gold PRED, or --set with --cmd or --pred-dir')
        res = figures(counts(a.en, a.ru, a.gold, a.pred))
    if a.json:
        print(json.dumps(res))
    else:
        print('links %d (unlocated %d), gold core %d of %d%s' % (res['pred'], res['unlocated'], res['core'], res['gold'],
              ', %d documents' % res['documents'] if 'documents' in res else ''))
        print('strict P %.3f R %.3f F1 %.3f' % (res['precision_strict'], res['recall_strict'], res['f1_strict']))
        print('lax    P %.3f R %.3f F1 %.3f' % (res['precision_lax'], res['recall_lax'], res['f1_lax']))


if __name__ == '__main__':
    main()
