#!/bin/sh
# Golden CLI tests: every tests/golden/cases/NAME.cmd is a shell command line
# run from the top of the tree with $SVERKA set to the program; its standard
# output, standard error and exit status are compared with NAME.out,
# NAME.err and NAME.rc.  'run-golden.sh --regen SVERKA' rewrites them (review
# the diff before committing).  Prints "N passed, N failed".
set -u
regen=0
if [ "${1:-}" = "--regen" ]; then regen=1; shift; fi
SVERKA=${1:?usage: run-golden.sh [--regen] SVERKA}
case "$SVERKA" in /*) ;; *) SVERKA="$(pwd)/$SVERKA" ;; esac
export SVERKA
export SOURCE_DATE_EPOCH=1700000000
dir=$(dirname "$0")/cases
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export TMPDIR_GOLDEN="$tmp"
pass=0; fail=0
for cmd in "$dir"/*.cmd; do
    [ -f "$cmd" ] || continue
    name=${cmd%.cmd}
    sh "$cmd" > "$tmp/out" 2> "$tmp/err"
    echo $? > "$tmp/rc"
    if [ $regen -eq 1 ]; then
        cp "$tmp/out" "$name.out"; cp "$tmp/err" "$name.err"; cp "$tmp/rc" "$name.rc"
        continue
    fi
    ok=1
    for k in out err rc; do
        if ! cmp -s "$tmp/$k" "$name.$k"; then
            [ $ok -eq 1 ] && echo "FAIL golden $(basename "$name")"
            ok=0
            diff -u "$name.$k" "$tmp/$k" | sed -n '1,30p'
        fi
    done
    if [ $ok -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
[ $regen -eq 1 ] && { echo "golden: expected files rewritten"; exit 0; }
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
