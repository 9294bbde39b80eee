#!/bin/sh
# bench-batch.sh SVERKA: 'sverka batch' on 10,000 document pairs (the gold
# corpora's pairs, listed again and again under new ids; BENCH_PAIRS
# overrides), TSV output, with -j1 and -j2: pairs/s and the speed-up.
set -u
S=${1:?usage: bench-batch.sh SVERKA}
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=${TMPDIR:-/tmp}/sverka-bench-batch.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
n=${BENCH_PAIRS:-10000}
ls "$top"/corpora/ntrex_enru/*.en.txt "$top"/corpora/debian_faq/*.en.txt \
   "$top"/corpora/aptitude_doc/*.en.txt > "$tmp/list"
awk -v n="$n" '{ f[NR] = $0 } END { for (i = 0; i < n; i++) { e = f[i % NR + 1]; r = e; sub(/\.en\.txt$/, ".ru.txt", r); printf "p%05d\t%s\t%s\n", i, e, r } }' "$tmp/list" > "$tmp/manifest.tsv"
for j in 1 2; do
    start=$(date +%s.%N)
    "$S" batch -q -j $j -f tsv --no-progress "$tmp/manifest.tsv" -o "$tmp/out$j"
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" -v n="$n" -v j="$j" 'BEGIN { t = b - a; printf "batch -j%d: %d pairs in %.1f s = %.0f pairs/s\n", j, n, t, n / t }' | tee "$tmp/r$j"
done
t1=$(sed -n 's/.* in \([0-9.]*\) s.*/\1/p' "$tmp/r1"); t2=$(sed -n 's/.* in \([0-9.]*\) s.*/\1/p' "$tmp/r2")
awk -v a="$t1" -v b="$t2" 'BEGIN { printf "speed-up with -j2: %.2fx\n", a / b }'
if diff -rq -x summary.jsonl "$tmp/out1" "$tmp/out2" >/dev/null; then echo "outputs of -j1 and -j2 are identical"; else echo "outputs of -j1 and -j2 DIFFER"; exit 1; fi
