#!/bin/sh
# Runs every unit-test binary given; prints each one's summary and a total.
# Exit status 1 if any test failed or crashed.
set -u
total_p=0; total_f=0; bad=0
for t in "$@"; do
    out=$("$t" 2>&1); rc=$?
    last=$(printf '%s\n' "$out" | tail -n 1)
    p=$(printf '%s' "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
    f=$(printf '%s' "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
    if [ -z "$p" ] || [ $rc -ne 0 ]; then
        printf '%s\n' "$out" | tail -n 30
        echo "FAIL $(basename "$t") (exit $rc)"
        bad=1; p=${p:-0}; f=${f:-1}
    fi
    total_p=$((total_p + p)); total_f=$((total_f + f))
done
echo "unit tests: $total_p passed, $total_f failed"
[ $bad -eq 0 ] && [ $total_f -eq 0 ]
