#!/bin/sh
# False findings of 'sverka check' on the 123 untouched NTREX pairs (a
# translation: every number and name has its counterpart, so findings are
# false or translators' liberties), per kind and per 100 documents, and
# the recall on the hand-changed documents of tests/check/data.
#   tests/check/measure-ntrex.sh ./sverka [OUTDIR]
# Takes about a minute on two cores (GNU parallel when installed).
set -u
S=${1:?usage: measure-ntrex.sh SVERKA [OUTDIR]}
case "$S" in /*) ;; *) S="$(pwd)/$S" ;; esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${2:-$(mktemp -d)}
mkdir -p "$out"
run() { "$S" check -q -f json "$1.en.txt" "$1.ru.txt" > "$out/$(basename "$1").json" 2> /dev/null; }
if command -v parallel > /dev/null 2>&1; then
    export S out
    ls "$root"/corpora/ntrex_enru/*.en.txt | sed 's/\.en\.txt$//' |
        parallel -j2 '"$S" check -q -f json {}.en.txt {}.ru.txt > "$out/{/}.json" 2> /dev/null'
else
    for f in "$root"/corpora/ntrex_enru/*.en.txt; do run "${f%.en.txt}"; done
fi
python3 - "$out" <<'PY'
import collections, glob, json, sys
c = collections.Counter(); vals = collections.Counter(); n = 0; docs_with = collections.Counter()
for f in sorted(glob.glob(sys.argv[1] + "/doc*.json")):
    n += 1
    kinds = set()
    for x in json.load(open(f))["findings"]:
        c[x["kind"]] += 1; kinds.add(x["kind"])
        vals[x["kind"]] += len(x["source_values"]) + len(x["target_values"])
    for k in kinds: docs_with[k] += 1
print("NTREX untouched: %d documents" % n)
for k in ["number-mismatch", "quote-missing", "name-mismatch"]:
    print("  %-16s %4d findings (%5.1f per 100 documents; %d documents have one; %d values)" %
          (k, c[k], c[k] * 100.0 / max(n, 1), docs_with[k], vals[k]))
PY
