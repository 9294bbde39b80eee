#!/bin/sh
# 'make fuzz': builds every tests/fuzz/fuzz_NAME.c with libFuzzer and
# AddressSanitizer + UBSan (clang), and runs each for SECONDS on a copy of
# its corpus tests/fuzz/corpus/NAME/.  New inputs stay in build/fuzz/NAME;
# crash inputs are written to build/fuzz/ (copy them into the corpus after
# fixing the bug, so that 'make check' replays them).
set -u
SECONDS_EACH=${1:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
CLANG=${CLANG:-clang}
out=build/fuzz
mkdir -p "$out"
[ -f build/gen/icu_sentence_rules.h ] || make -s all || exit 2
cflags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ibuild/gen \
 $(pkg-config --cflags icu-uc icu-i18n libxml-2.0)"
libs="$(pkg-config --libs icu-uc icu-i18n libxml-2.0 sqlite3 hunspell 2>/dev/null) -lpthread -lm -lz"
rc=0
for src in tests/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c); name=${name#fuzz_}
    echo "== fuzz_$name: building"
    # shellcheck disable=SC2086
    $CLANG $cflags -o "$out/fuzz_$name" "$src" base/*.c align/*.c $(ls tm/*.c 2>/dev/null) $libs || { rc=1; continue; }
    mkdir -p "$out/$name"
    cp -n tests/fuzz/corpus/"$name"/* "$out/$name/" 2>/dev/null
    echo "== fuzz_$name: running ${SECONDS_EACH}s"
    (cd "$out" && ./"fuzz_$name" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 "$name") 2>&1 | tail -n 15 || rc=1
done
exit $rc
