#!/bin/sh
# 'make fuzz': builds every tests/fuzz/fuzz_NAME.c with libFuzzer and
# AddressSanitizer + UBSan (clang), and runs each for SECONDS on a copy of
# its corpus tests/fuzz/corpus/NAME/.  New inputs stay in build/fuzz/NAME;
# crash inputs are written to build/fuzz/ (copy them into the corpus after
# fixing the bug, so that 'make check' replays them).
#
#   tests/fuzz/run-fuzz.sh [SECONDS] [NAME ...]
#
# FUZZ_JOBS=N runs N targets at a time (default 1).  The last line sums the
# CPU time spent fuzzing; build/fuzz/log.tsv keeps one line per run
# (date, target, seconds, executions, new corpus size, result).
set -u
SECONDS_EACH=${1:-60}
[ $# -gt 0 ] && shift
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
CLANG=${CLANG:-clang}
JOBS=${FUZZ_JOBS:-1}
out=build/fuzz
mkdir -p "$out/obj"
[ -f build/gen/icu_sentence_rules.h ] || make -s all || exit 2
cflags="-g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined \
 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DSV_VERSION=\"fuzz\" -Ibuild/gen \
 $(pkg-config --cflags icu-uc icu-i18n libxml-2.0 hunspell sqlite3)"
libs="$(pkg-config --libs icu-uc icu-i18n libxml-2.0 sqlite3 hunspell) -lstemmer -lpthread -lm -lz"

# the library once, instrumented for coverage
objs=""
for src in base/*.c align/*.c tm/*.c; do
    o=$out/obj/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')
    if [ ! -f "$o" ] || [ "$src" -nt "$o" ] || [ "$(find "$(dirname "$src")" -name '*.h' -newer "$o" | head -1)" ]; then
        # shellcheck disable=SC2086
        $CLANG $cflags -fsanitize=fuzzer-no-link -c -o "$o" "$src" || exit 2
    fi
    objs="$objs $o"
done
rm -f "$out/libsverka-fuzz.a"
# shellcheck disable=SC2086
ar rcs "$out/libsverka-fuzz.a" $objs || exit 2

if [ $# -gt 0 ]; then names="$*"; else
    names=$(for s in tests/fuzz/fuzz_*.c; do n=$(basename "$s" .c); echo "${n#fuzz_}"; done)
fi

run_one() {
    name=$1
    mkdir -p "$out/$name"
    cp -n tests/fuzz/corpus/"$name"/* "$out/$name/" 2>/dev/null
    log=$out/$name.log
    (cd "$out" && ./"fuzz_$name" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 "$name") > "$log" 2>&1
    r=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    res=ok; [ $r -eq 0 ] || res="FAILED (exit $r, see $log)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$name" "$SECONDS_EACH" \
        "${execs:-?}" "$(ls "$out/$name" | wc -l)" "$res" >> "$out/log.tsv"
    echo "== fuzz_$name: ${execs:-?} runs in ${SECONDS_EACH}s, corpus $(ls "$out/$name" | wc -l): $res"
    [ $r -eq 0 ]
}

rc=0
before=$(grep -c FAILED "$out/log.tsv" 2>/dev/null)
for name in $names; do
    echo "== fuzz_$name: building"
    # shellcheck disable=SC2086
    $CLANG $cflags -fsanitize=fuzzer -o "$out/fuzz_$name" "tests/fuzz/fuzz_$name.c" "$out/libsverka-fuzz.a" $libs || { rc=1; continue; }
done
running=0
for name in $names; do
    [ -x "$out/fuzz_$name" ] || continue
    run_one "$name" &
    running=$((running + 1))
    if [ $running -ge "$JOBS" ]; then wait; running=0; fi
done
wait
fails=$(grep -c FAILED "$out/log.tsv" 2>/dev/null)
total=$(awk -F'\t' '{s += $3} END {printf "%.2f", s / 3600}' "$out/log.tsv")
echo "fuzz: CPU-hours so far in $out/log.tsv: $total; failed runs: ${fails:-0}"
[ "${fails:-0}" -eq "${before:-0}" ] || rc=1
exit $rc
