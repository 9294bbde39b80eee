#!/bin/sh
# Translation memory speed: import of a million units and fuzzy lookup.
#
#   bench-tm.sh SVERKA BUILD_DIR       (make bench-tm)
#
# gen_tm writes TM_UNITS (default 1000000) synthetic but realistic units as
# TMX (NTREX-128 sentence pairs from corpora/ntrex-pairs with words and
# numbers varied), 'sverka tm import' loads them into a new memory, and
# bench_lookup times 100 lookups made from units of the file (exact, a
# number changed, a word replaced) and checks each finds the right best
# match.  Targets: import <= 60 s, median lookup <= 50 ms.  Needs about
# 1.5 GB in TM_BENCH_DIR (default: a temporary directory, removed after;
# TM_BENCH_KEEP=1 keeps it).  The machine's load is printed too: timings on
# a shared machine are noisy.
set -u
S=${1:?usage: bench-tm.sh SVERKA BUILD_DIR}
B=${2:?usage: bench-tm.sh SVERKA BUILD_DIR}
TOP="$(cd "$(dirname "$0")/../.." && pwd)"
N=${TM_UNITS:-1000000}
dir=${TM_BENCH_DIR:-}
if [ -z "$dir" ]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/sverka-bench-tm.XXXXXX")
    [ "${TM_BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$dir"' EXIT
fi
mkdir -p "$dir"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "tm bench: $(nproc) cores, load average$(uptime | sed 's/.*load average//')"
t0=$(now)
"$B/bench/gen_tm" "$TOP/corpora/ntrex-pairs/pairs.tsv" "$N" "$dir/tm.tmx" "$dir/queries.tsv" || exit 2
t1=$(now)
mb=$(du -m "$dir/tm.tmx" | cut -f1)
echo "tm bench: wrote $N units as TMX ($mb MB) in $(secs "$t0" "$t1") s"

rm -f "$dir/tm.sqlite" "$dir/tm.sqlite-wal" "$dir/tm.sqlite-shm"
t0=$(now)
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%U %S %M" -o "$dir/time" "$S" tm import -q --db "$dir/tm.sqlite" "$dir/tm.tmx" || exit 2
else
    "$S" tm import -q --db "$dir/tm.sqlite" "$dir/tm.tmx" || exit 2
fi
t1=$(now)
imp=$(secs "$t0" "$t1")
cpu=""
[ -f "$dir/time" ] && cpu=$(awk '{ printf " (CPU %.1f s user + %.1f s system, %d MB peak memory)", $1, $2, $3 / 1024 }' "$dir/time")
verdict=$(awk -v t="$imp" 'BEGIN { print (t <= 60 ? "within" : "OVER") }')
db=$(du -m "$dir/tm.sqlite" | cut -f1)
echo "tm bench: import of $N units: $imp s$cpu, $verdict the 60 s target; memory file $db MB"

out=$("$B/bench/bench_lookup" "$dir/tm.sqlite" "$dir/queries.tsv" 2>"$dir/lookup.err")
rc=$?
echo "tm bench: $out"
med=$(printf '%s\n' "$out" | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')
[ -n "$med" ] && echo "tm bench: median lookup $med ms, $(awk -v t="$med" 'BEGIN { print (t <= 50 ? "within" : "OVER") }') the 50 ms target"
[ $rc -eq 0 ] || sed -n '1,5p' "$dir/lookup.err"
exit 0
