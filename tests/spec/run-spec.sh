#!/bin/sh
# Runs the segmentation spec files (tests/spec/*.spec) through 'sverka segment'.
#
# A spec file is a list of cases separated by lines of exactly "----".  In a
# case, lines starting with "## " describe it, a line starting with "@ " gives
# options for sverka segment (e.g. "@ --lang ru"), then come the input lines,
# a line of exactly ".", and the expected output (one sentence per line, a
# blank line between paragraphs).  Prints "N passed, N failed".
set -u
SVERKA=${1:?usage: run-spec.sh SVERKA [SPEC...]}
shift
dir=$(dirname "$0")
[ $# -gt 0 ] || set -- "$dir"/*.spec
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
for spec in "$@"; do
    rm -f "$tmp"/case.*
    awk -v out="$tmp/case" '
        BEGIN { n = 1; part = "in" }
        $0 == "----" { n++; part = "in"; next }
        part == "in" && /^## / { print substr($0, 4) > (out "." n ".desc"); next }
        part == "in" && /^@ / { print substr($0, 3) > (out "." n ".opts"); next }
        part == "in" && $0 == "." { part = "want"; printf "" > (out "." n ".want"); next }
        { print > (out "." n "." part) }
    ' "$spec"
    i=1
    while [ -f "$tmp/case.$i.want" ] || [ -f "$tmp/case.$i.in" ]; do
        if [ ! -f "$tmp/case.$i.want" ]; then i=$((i + 1)); continue; fi
        opts=$(cat "$tmp/case.$i.opts" 2>/dev/null || true)
        touch "$tmp/case.$i.in"
        # shellcheck disable=SC2086
        "$SVERKA" segment $opts "$tmp/case.$i.in" > "$tmp/got" 2> "$tmp/err"
        rc=$?
        if [ $rc -eq 0 ] && cmp -s "$tmp/got" "$tmp/case.$i.want"; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            desc=$(tail -n 1 "$tmp/case.$i.desc" 2>/dev/null || echo "case $i")
            echo "FAIL $(basename "$spec") case $i: $desc (exit $rc)"
            diff -u "$tmp/case.$i.want" "$tmp/got" | sed -n '3,40p'
            cat "$tmp/err"
        fi
        i=$((i + 1))
    done
done
echo "spec: $pass passed, $fail failed"
[ $fail -eq 0 ]
