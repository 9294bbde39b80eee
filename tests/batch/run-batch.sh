#!/bin/sh
# Batch alignment: the same links as single 'sverka align' runs, resuming
# after SIGINT without redoing finished pairs or leaving a corrupt output,
# failing pairs reported without stopping the batch, manifest errors, paired
# folders, --merge, and the GNU parallel recipe of docs/scaling.md against a
# single process.  Prints "N passed, N failed".
set -u
S=${1:?usage: run-batch.sh SVERKA}
case "$S" in /*) ;; *) S="$(pwd)/$S" ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL batch: $*"; }

# -- 1. the same links as single runs (20 NTREX pairs, TSV) -----------------
: > "$tmp/m20.tsv"
for f in $(ls "$top"/corpora/ntrex_enru/*.en.txt | head -n 20); do
    id=$(basename "$f" .en.txt)
    printf '%s\t%s\t%s\n' "$id" "$f" "${f%.en.txt}.ru.txt" >> "$tmp/m20.tsv"
done
mkdir -p "$tmp/single"
while IFS="$(printf '\t')" read -r id en ru; do
    "$S" align -q "$en" "$ru" -o "$tmp/single/$id.tsv" || bad "align $id"
done < "$tmp/m20.tsv"
"$S" batch -q -j2 -f tsv "$tmp/m20.tsv" -o "$tmp/b20"; rc=$?
[ $rc -eq 0 ] && ok || bad "batch of 20 pairs: exit $rc"
if diff -rq -x summary.jsonl "$tmp/single" "$tmp/b20" > /dev/null; then ok; else bad "batch links differ from single runs"; fi
n=$(grep -c '"status":"ok"' "$tmp/b20/summary.jsonl")
[ "$n" -eq 20 ] && ok || bad "summary lists $n ok pairs, want 20"

# -- 2. SIGINT, then resume ------------------------------------------------
: > "$tmp/m60.tsv"
i=0
for r in 1 2; do
    for f in "$top"/corpora/aptitude_doc/*.en.txt; do
        i=$((i + 1))
        printf 'p%03d\t%s\t%s\n' $i "$f" "${f%.en.txt}.ru.txt" >> "$tmp/m60.tsv"
    done
done
total=$(wc -l < "$tmp/m60.tsv")
"$S" batch -q -j1 "$tmp/m60.tsv" -o "$tmp/ref" || bad "reference batch"
"$S" batch -q -j1 "$tmp/m60.tsv" -o "$tmp/int" & pid=$!
# interrupt once some pairs are done (however fast the machine)
k=0
while [ $k -lt 600 ] && [ "$(ls "$tmp/int"/*.tmx 2>/dev/null | wc -l)" -lt 3 ]; do sleep 0.05; k=$((k + 1)); done
kill -INT $pid; wait $pid; rc=$?
[ $rc -ne 0 ] && ok || bad "interrupted batch exited 0 (finished before the signal?)"
if ls "$tmp/int" | grep -q '\.tmp\.'; then bad "temporary files left after SIGINT"; else ok; fi
done_before=$(ls "$tmp/int"/*.tmx 2>/dev/null | wc -l)
[ "$done_before" -gt 0 ] && [ "$done_before" -lt "$total" ] && ok || bad "SIGINT after $done_before of $total pairs (want some, not all)"
corrupt=0
for f in "$tmp/int"/*.tmx; do
    cmp -s "$f" "$tmp/ref/$(basename "$f")" || corrupt=$((corrupt + 1))
done
[ $corrupt -eq 0 ] && ok || bad "$corrupt outputs written before SIGINT differ from a full run"
"$S" batch -j1 "$tmp/m60.tsv" -o "$tmp/int" 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && ok || bad "resumed batch: exit $rc"
grep -q "$done_before skipped (already done)" "$tmp/err" && ok || { bad "resume did not skip the $done_before finished pairs"; cat "$tmp/err"; }
if diff -rq -x summary.jsonl "$tmp/ref" "$tmp/int" > /dev/null; then ok; else bad "resumed outputs differ from an uninterrupted run"; fi
# a run that skips everything keeps the counts of the run that made the outputs
sed -n 's/.*"id":"\([^"]*\)".*"links":\([0-9]*\).*/\1 \2/p' "$tmp/ref/summary.jsonl" > "$tmp/links1"
"$S" batch -q -j1 "$tmp/m60.tsv" -o "$tmp/ref"
grep -c '"status":"skipped"' "$tmp/ref/summary.jsonl" > "$tmp/nskip"
sed -n 's/.*"id":"\([^"]*\)".*"links":\([0-9]*\).*/\1 \2/p' "$tmp/ref/summary.jsonl" > "$tmp/links2"
[ "$(cat "$tmp/nskip")" -eq "$total" ] && [ -s "$tmp/links1" ] && cmp -s "$tmp/links1" "$tmp/links2" && ok ||
    bad "summary of a run that skipped every pair lost the earlier counts"

# -- 3. failing pairs ---------------------------------------------------------
d="$top/corpora/ntrex_enru"
: > "$tmp/empty.txt"
printf 'good\t%s\t%s\nmissing\t%s\t%s\nempty\t%s\t%s\nenglish\t%s\t%s\ngood2\t%s\t%s\n' \
    "$d/doc001.en.txt" "$d/doc001.ru.txt" "$tmp/nope.txt" "$d/doc001.ru.txt" \
    "$tmp/empty.txt" "$tmp/empty.txt" "$d/doc002.en.txt" "$d/doc003.en.txt" \
    "$d/doc002.en.txt" "$d/doc002.ru.txt" > "$tmp/mfail.tsv"
"$S" batch -j2 -f tsv "$tmp/mfail.tsv" -o "$tmp/bf" 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && ok || bad "batch with failing pairs: exit $rc, want 1"
for id in missing empty english; do
    grep -q "\"id\":\"$id\",\"status\":\"failed\"" "$tmp/bf/summary.jsonl" && ok || bad "pair $id not reported as failed"
    grep -q "pair $id: error:" "$tmp/err" && ok || bad "pair $id: no error on stderr"
done
[ -s "$tmp/bf/good.tsv" ] && [ -s "$tmp/bf/good2.tsv" ] && ok || bad "good pairs not aligned next to failing ones"
grep -q '"id":"english".*both English' "$tmp/bf/summary.jsonl" && ok || bad "two English files: reason not given"

# -- 4. manifest errors ------------------------------------------------------
printf 'a\tb\n' > "$tmp/m1.tsv"
"$S" batch "$tmp/m1.tsv" -o "$tmp/x" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "m1.tsv:1: error: expected id<TAB>source<TAB>target" "$tmp/err" && ok || bad "malformed manifest: exit $rc"
printf 'a\t%s\t%s\na\t%s\t%s\n' "$d/doc001.en.txt" "$d/doc001.ru.txt" "$d/doc002.en.txt" "$d/doc002.ru.txt" > "$tmp/m2.tsv"
"$S" batch "$tmp/m2.tsv" -o "$tmp/x" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "used twice" "$tmp/err" && ok || bad "duplicate id: exit $rc"
printf '../evil\t%s\t%s\n' "$d/doc001.en.txt" "$d/doc001.ru.txt" > "$tmp/m3.tsv"
"$S" batch "$tmp/m3.tsv" -o "$tmp/x" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && ok || bad "an id with '/': exit $rc"

# -- 5. paired folders and --merge -------------------------------------------
mkdir -p "$tmp/en" "$tmp/ru"
for k in 004 005 006; do
    cp "$d/doc$k.en.txt" "$tmp/en/story$k.en.txt"
    cp "$d/doc$k.ru.txt" "$tmp/ru/story$k.ru.txt"
done
"$S" batch -q --pair-dirs "$tmp/en" "$tmp/ru" -o "$tmp/pd" --merge "$tmp/all.tmx"; rc=$?
[ $rc -eq 0 ] && [ -s "$tmp/pd/story004.tmx" ] && [ -s "$tmp/pd/story006.tmx" ] && ok || bad "--pair-dirs: exit $rc"
n=$(grep -c '<tu ' "$tmp/all.tmx")
m=$(cat "$tmp/pd"/story*.tmx | grep -c '<tu ')
[ "$n" -eq "$m" ] && [ "$n" -gt 20 ] && ok || bad "--merge joined $n units of $m"
if command -v xmllint > /dev/null; then
    xmllint --noout "$tmp/all.tmx" && ok || bad "merged TMX is not well-formed"
fi

# -- 6. the GNU parallel recipe (docs/scaling.md) ----------------------------
python3 - "$tmp/m20.tsv" > "$tmp/pairs.jsonl" <<'EOF'
import json, sys
for line in open(sys.argv[1], encoding='utf-8'):
    i, e, r = line.rstrip('\n').split('\t')
    print(json.dumps({'id': i, 'source': open(e, encoding='utf-8').read(),
                      'target': open(r, encoding='utf-8').read()}, ensure_ascii=False))
EOF
"$S" batch --stdin -j1 < "$tmp/pairs.jsonl" > "$tmp/single.jsonl"; rc=$?
[ $rc -eq 0 ] && ok || bad "batch --stdin: exit $rc"
if command -v parallel > /dev/null; then
    parallel --will-cite --pipe -k -j2 -N 4 "$S" batch --stdin -j1 < "$tmp/pairs.jsonl" > "$tmp/par.jsonl"; rc=$?
    [ $rc -eq 0 ] && ok || bad "parallel --pipe: exit $rc"
    cmp -s "$tmp/single.jsonl" "$tmp/par.jsonl" && ok || bad "GNU parallel output differs from a single process"
    # shards joined by tm merge
    parallel --will-cite --pipe -j2 -N 5 "'$S' batch --stdin -j1 > $tmp/shard.{#}.jsonl" < "$tmp/pairs.jsonl"
    "$S" tm merge -q -o "$tmp/shards.tmx" "$tmp"/shard.*.jsonl; rc=$?
    n=$(grep -c '<tu ' "$tmp/shards.tmx"); m=$(grep -c '"bead":"[1-3]-[1-3]"' "$tmp/single.jsonl")
    [ $rc -eq 0 ] && [ "$n" -gt 0 ] && [ "$n" -le "$m" ] && ok || bad "tm merge of the shards: exit $rc, $n units for $m links"
else
    echo "SKIPPED batch: GNU parallel recipe (parallel is not installed: make deps)"
fi
"$S" batch --stdin -f tsv < /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "do not apply" "$tmp/err" && ok || bad "batch --stdin -f tsv: exit $rc, want 2"
printf '{"id":"x","source":"Only one side."}\nnot json\n' | "$S" batch --stdin > "$tmp/errs.jsonl"; rc=$?
[ $rc -eq 1 ] && grep -q '"error":' "$tmp/errs.jsonl" && [ "$(wc -l < "$tmp/errs.jsonl")" -eq 2 ] && ok || bad "bad stdin lines: exit $rc"

echo "batch: $pass passed, $fail failed"
[ $fail -eq 0 ]
