#!/bin/sh
# Alignment quality floors: runs 'sverka align' on every gold set in
# corpora/, scores it with tests/quality/score.py (strict and lax P/R/F1),
# and fails if a figure falls below its floor in tests/quality/floors.tsv.
# Prints one line per set.  Usage: run-quality.sh SVERKA [SET...]
set -u
S=${1:?usage: run-quality.sh SVERKA [SET...]}
shift
here=$(dirname "$0")
top=$(cd "$here/../.." && pwd)
case "$S" in /*) ;; *) S="$(pwd)/$S" ;; esac
floors="$here/floors.tsv"
[ $# -gt 0 ] || set -- $(awk -F'\t' '!/^#/ && NF { print $1 }' "$floors")
fail=0
printf '%-18s %6s %6s %6s  %6s %6s %6s  %s\n' set P R F1 laxP laxR laxF1 seconds
for set in "$@"; do
    dir="$top/corpora/$set"
    json=$(python3 "$here/score.py" --json --set "$dir" --cmd "'$S' align -q {en} {ru} -o {out}") || { echo "FAIL $set: scoring failed"; fail=1; continue; }
    line=$(printf '%s' "$json" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("%.4f %.4f %.4f %.4f %.4f %.4f %.1f" % (r["precision_strict"], r["recall_strict"], r["f1_strict"],
      r["precision_lax"], r["recall_lax"], r["f1_lax"], r.get("seconds", 0)))')
    set -- $line "$@"
    printf '%-18s %6s %6s %6s  %6s %6s %6s  %s\n' "$set" $line
    want=$(awk -F'\t' -v s="$set" '$1 == s { print $2, $3 }' "$floors")
    f1_floor=${want% *}; laxp_floor=${want#* }
    f1=$(echo $line | cut -d' ' -f3); laxp=$(echo $line | cut -d' ' -f4)
    if [ -n "$want" ] && ! python3 -c "import sys; sys.exit(0 if $f1 >= $f1_floor and $laxp >= $laxp_floor else 1)"; then
        echo "FAIL $set: strict F1 $f1 (floor $f1_floor), lax precision $laxp (floor $laxp_floor)"
        fail=1
    fi
    shift 7
done
[ $fail -eq 0 ] && echo "quality: all floors met"
exit $fail
