#!/bin/sh
# Runs every benchmark script tests/bench/bench-*.sh with the program given
# ('make bench').  Each script prints its own figures; add new ones as
# bench-NAME.sh taking the program as its only argument.
set -u
S=${1:?usage: run-bench.sh SVERKA}
case "$S" in /*) ;; *) S="$(pwd)/$S" ;; esac
dir=$(dirname "$0")
rc=0
for b in "$dir"/bench-*.sh; do
    [ -f "$b" ] || continue
    echo "== $(basename "$b")"
    sh "$b" "$S" "${BUILD_DIR:-build}" || rc=1
done
exit $rc
