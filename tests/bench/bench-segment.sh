#!/bin/sh
# Throughput of 'sverka segment' on about 50 MB of text made by
# concatenating the corpus documents in corpora/ (and BENCH_CORPUS, a
# directory of more .txt files, if set), then time and memory on
# pathological inputs: a 100 MB line without a sentence end, a 200 MB
# text without a line break, a million empty paragraphs.
#
#   tests/bench/bench-segment.sh ./sverka
#   BENCH_MB=20 BENCH_RUNS=1 BENCH_PATHOLOGICAL=0 tests/bench/bench-segment.sh ./sverka
#
# Wall time is the best of BENCH_RUNS runs; CPU time (user + system) is
# given too, because on a shared machine wall time mostly measures the
# neighbours.  Peak RSS comes from /usr/bin/time -f %M, or from getrusage
# through python3 when GNU time is missing.
set -u
S=${1:?usage: bench-segment.sh SVERKA}
MB=${BENCH_MB:-50}
RUNS=${BENCH_RUNS:-3}
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# measure OUT FILE ARGS...: runs sverka segment ARGS with stdout to OUT and
# prints "wall user sys maxrss_kb"
measure() {
    out=$1; shift
    if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
        /usr/bin/time -o "$tmp/time" -f "%e %U %S %M" "$S" segment "$@" > "$out" 2>/dev/null
        cat "$tmp/time"
    else
        python3 - "$out" "$S" "$@" <<'PY'
import resource, subprocess, sys, time
out = open(sys.argv[1], "wb")
t = time.time()
subprocess.run([sys.argv[2], "segment"] + sys.argv[3:], stdout=out, stderr=subprocess.DEVNULL)
w = time.time() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.2f %.2f %.2f %d" % (w, r.ru_utime, r.ru_stime, r.ru_maxrss))
PY
    fi
}

# ---- throughput ---------------------------------------------------------
find "$top/corpora" ${BENCH_CORPUS:+"$BENCH_CORPUS"} -name '*.txt' -type f | sort > "$tmp/list"
[ -s "$tmp/list" ] || { echo "bench-segment: no .txt files in corpora/"; exit 1; }
want=$((MB * 1000000))
: > "$tmp/big.txt"
while [ "$(wc -c < "$tmp/big.txt")" -lt "$want" ]; do
    while read -r f; do cat "$f"; printf '\n\n'; done < "$tmp/list" > "$tmp/round.txt"
    # double the round until it is a sizeable chunk, then append
    while [ "$(wc -c < "$tmp/round.txt")" -lt 4000000 ]; do
        cat "$tmp/round.txt" "$tmp/round.txt" > "$tmp/r2.txt" && mv "$tmp/r2.txt" "$tmp/round.txt"
    done
    cat "$tmp/round.txt" >> "$tmp/big.txt"
done
bytes=$(wc -c < "$tmp/big.txt")
best=""
i=0
while [ $i -lt "$RUNS" ]; do
    r=$(measure "$tmp/out.txt" "$tmp/big.txt")
    w=${r%% *}
    if [ -z "$best" ] || awk -v a="$w" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best=$r; fi
    i=$((i + 1))
done
sents=$(grep -c . "$tmp/out.txt")
set -- $best
awk -v b="$bytes" -v n="$sents" -v w="$1" -v u="$2" -v s="$3" -v m="$4" -v runs="$RUNS" \
    -v files="$(wc -l < "$tmp/list")" 'BEGIN {
    if (w <= 0) w = 0.01
    cpu = u + s; if (cpu <= 0) cpu = 0.01
    printf "segment: %.1f MB (%d corpus files repeated), %d sentences\n", b / 1e6, files, n
    printf "  best of %d: %.2f s wall = %.1f MB/s, %.0f sentences/s\n", runs, w, b / 1e6 / w, n / w
    printf "  CPU %.2f s (user %.2f, sys %.2f) = %.1f MB/s; peak RSS %.0f MB\n", cpu, u, s, b / 1e6 / cpu, m / 1024
}'

# ---- pathological inputs -------------------------------------------------
[ "${BENCH_PATHOLOGICAL:-1}" = 1 ] || exit 0
python3 - "$tmp" "$top/corpora/seeds/000_8741e439ade6d75d.txt" <<'PY'
import sys
tmp, seed = sys.argv[1], sys.argv[2]
w = b"lorem ipsum dolor sit amet consectetur adipiscing "
n = 100 * 1000 * 1000
with open(tmp + "/line100.txt", "wb") as f:
    f.write((w * (n // len(w) + 1))[:n])
s = open(seed, "rb").read().replace(b"\n", b" ")
n = 200 * 1000 * 1000
with open(tmp + "/nobreak200.txt", "wb") as f:
    f.write((s * (n // len(s) + 1))[:n])
with open(tmp + "/empty1m.txt", "wb") as f:
    f.write(b"\n\n" * 1000000)
with open(tmp + "/paras1m.txt", "wb") as f:
    f.write(b"Short paragraph.\n\n" * 1000000)
PY
for f in line100 nobreak200 empty1m paras1m; do
    case $f in
        line100) what="100 MB line, no sentence end" ;;
        nobreak200) what="200 MB of sentences, no line break" ;;
        empty1m) what="a million empty paragraphs" ;;
        paras1m) what="a million one-sentence paragraphs" ;;
    esac
    bytes=$(wc -c < "$tmp/$f.txt")
    set -- $(measure "$tmp/out.txt" "$tmp/$f.txt")
    printf '  %-36s %6.1f MB: %5.2f s wall, CPU %5.2f s, peak RSS %5.0f MB, %d lines out\n' \
        "$what" "$(echo "$bytes" | awk '{ print $1 / 1e6 }')" "$1" \
        "$(echo "$2 $3" | awk '{ print $1 + $2 }')" "$(echo "$4" | awk '{ print $1 / 1024 }')" \
        "$(grep -c . "$tmp/out.txt")"
    rm -f "$tmp/$f.txt"
done
