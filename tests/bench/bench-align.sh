#!/bin/sh
# bench-align.sh SVERKA: segmentation and alignment speed on long inputs made
# by concatenating the gold corpora's document pairs (tests/bench/make-big.sh):
# about 100,000 and 1,000,000 sentences per side (BENCH_SIZES overrides).
# Prints, for each size, sentences/s, wall time and peak RSS of 'sverka
# segment' on each side and of 'sverka align' (which segments again, then
# aligns: its own line splits the time into evidence and search).
set -u
S=${1:?usage: bench-align.sh SVERKA}
here=$(cd "$(dirname "$0")" && pwd)
tmp=${TMPDIR:-/tmp}/sverka-bench-align.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench-align: /usr/bin/time is missing (Debian package 'time')"; exit 1; }
for n in ${BENCH_SIZES:-100000 1000000}; do
    "$here/make-big.sh" "$n" "$tmp/big"
    echo "-- about $n sentences per side ($(du -m "$tmp/big.en.txt" | cut -f1) MB English, $(du -m "$tmp/big.ru.txt" | cut -f1) MB Russian)"
    for l in en ru; do
        $TIME -f "%e %M" -o "$tmp/t" "$S" segment -q --format jsonl "$tmp/big.$l.txt" -o "$tmp/seg.jsonl"
        sents=$(wc -l < "$tmp/seg.jsonl")
        read -r secs rss < "$tmp/t"
        awk -v l="$l" -v s="$sents" -v t="$secs" -v m="$rss" 'BEGIN {
            printf "segment %s: %d sentences in %.2f s = %.0f sentences/s, peak RSS %.0f MB\n", l, s, t, s / (t > 0 ? t : 1), m / 1024 }'
    done
    rm -f "$tmp/seg.jsonl"
    $TIME -f "%e %M %U" -o "$tmp/t" "$S" align -v "$tmp/big.en.txt" "$tmp/big.ru.txt" -o "$tmp/out.tsv" 2> "$tmp/err"
    rc=$?
    read -r secs rss user < "$tmp/t"
    links=$(wc -l < "$tmp/out.tsv" 2>/dev/null || echo 0)
    line=$(grep '^sverka: [0-9]' "$tmp/err" | tail -n 1)
    total=$(echo "$line" | sed -n 's/^sverka: \([0-9]*\) + \([0-9]*\) sentences.*/\1 \2/p')
    awk -v t="$secs" -v m="$rss" -v u="$user" -v k="$links" -v n="$total" -v rc="$rc" 'BEGIN {
        split(n, a, " "); s = a[1] + a[2];
        printf "align: %d + %d sentences -> %d links in %.2f s wall (%.2f s CPU) = %.0f sentences/s, peak RSS %.0f MB%s\n",
               a[1], a[2], k, t, u, s / (t > 0 ? t : 1), m / 1024, rc ? " (FAILED)" : "" }'
    echo "  $line"
    rm -f "$tmp/out.tsv"
done
