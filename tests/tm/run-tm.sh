#!/bin/sh
# 'sverka tm' end to end: imports of TMX written by other tools, the
# TMX -> TM -> TMX round trip, merge and filter, lookup and concordance,
# readers while an import runs, and imports killed with SIGKILL at random
# moments (the database must stay consistent, every file fully present or
# absent).  Usage: run-tm.sh SVERKA BUILD_DIR.  Prints "N passed, N failed".
set -u
S=${1:?usage: run-tm.sh SVERKA BUILD_DIR}
B=${2:?usage: run-tm.sh SVERKA BUILD_DIR}
case "$S" in /*) ;; *) S="$(pwd)/$S" ;; esac
case "$B" in /*) ;; *) B="$(pwd)/$B" ;; esac
D="$(cd "$(dirname "$0")" && pwd)/data"
TOP="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL tm: $*"; }
# expect RC DESCRIPTION -- COMMAND...
expect() {
    want=$1; desc=$2; shift 3
    "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?
    if [ $rc -eq "$want" ]; then ok; else bad "$desc: exit $rc, want $want"; sed -n '1,5p' "$tmp/err"; fi
}
grep_out() { if grep -q -- "$1" "$tmp/out"; then ok; else bad "$2: stdout lacks '$1'"; sed -n '1,5p' "$tmp/out"; fi; }
grep_err() { if grep -q -- "$1" "$tmp/err"; then ok; else bad "$2: stderr lacks '$1'"; sed -n '1,5p' "$tmp/err"; fi; }
same() { if cmp -s "$1" "$2"; then ok; else bad "$3: $1 and $2 differ"; diff "$1" "$2" | sed -n '1,10p'; fi; }
ntu() { grep -c '<tu ' "$1"; }

# ---- other tools' TMX ------------------------------------------------
db=$tmp/a.sqlite
expect 0 "import other tools' TMX" -- "$S" tm import --db "$db" "$D/omegat-project_save.tmx" \
    "$D/trados-style.tmx" "$D/multilingual.tmx" "$D/utf16.tmx"
grep_err "omegat-project_save.tmx: 4 TUs read, 4 added" "OmegaT import"
grep_err "utf16.tmx: 2 TUs read, 2 added" "UTF-16 import"
grep_err "multilingual.tmx: 2 TUs read, 2 added, 0 duplicates, 2 skipped" "multilingual import"
expect 0 "stats" -- "$S" tm stats --db "$db"
grep_out "^units: *13$" "13 units"
grep_out "with markup:  5" "markup kept"
expect 0 "import again" -- "$S" tm import --db "$db" "$D/utf16.tmx"
grep_err "already imported" "second import noticed"
expect 1 "one file missing" -- "$S" tm import --db "$db" "$tmp/none.tmx" "$D/trados-style.tmx"
grep_err "none.tmx: error: cannot open" "missing file named"
expect 2 "no --db" -- "$S" tm import "$D/utf16.tmx"
expect 2 "bad langs" -- "$S" tm import --db "$db" --langs en "$D/utf16.tmx"
expect 0 "lookup" -- "$S" tm lookup --db "$db" "The plant in Gomel makes tractors for export."
grep_out "88%" "lookup percentage"
grep_out "Завод в Минске" "lookup target"
expect 1 "lookup without match" -- "$S" tm lookup --db "$db" "Completely unrelated words about quantum chromodynamics."
expect 0 "lookup jsonl" -- "$S" tm lookup --db "$db" --format jsonl --timing "Press Start to begin ploughing."
grep_out '"match":98,"source":"Press {1}Start{/1} to begin ploughing."' "tags rendered"
grep_out '"ms":' "timing"
expect 0 "concordance" -- "$S" tm concordance --db "$db" "тракторов"
grep_out "\[тракторы\]" "concordance highlight"
expect 1 "concordance without match" -- "$S" tm concordance --db "$db" "комбайн"
expect 2 "lookup on a missing memory" -- "$S" tm lookup --db "$tmp/none.sqlite" "x"
grep_err "no such translation memory" "missing memory message"
printf 'not a database at all, just text that fills the first page of the file\n' > "$tmp/junk.sqlite"
expect 2 "lookup on junk" -- "$S" tm lookup --db "$tmp/junk.sqlite" "x"
expect 2 "unknown subcommand" -- "$S" tm frobnicate
expect 0 "tm help" -- "$S" tm --help
expect 0 "stats --check" -- "$S" tm stats --check --db "$db"
grep_out "check: *ok" "check ok"

# hostile input changes nothing
cat > "$tmp/lol.tmx" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&b;&b;&b;</seg></tuv>
<tuv xml:lang="ru"><seg>x</seg></tuv></tu></body></tmx>
EOF
expect 2 "entity expansion refused" -- "$S" tm import --db "$db" "$tmp/lol.tmx"
grep_err "DOCTYPE with declarations refused" "hostile message"
expect 0 "stats after refusal" -- "$S" tm stats --db "$db"
grep_out "^units: *13$" "nothing added"

# ---- round trip: what 'tm filter' streams equals what the memory gives back
"$B/interop/seed_pairs" "$TOP/corpora/seeds/000_8741e439ade6d75d.txt" \
    "$TOP/corpora/seeds/004_087b155903a46800.txt" "$tmp/seed.tmx" || bad "seed_pairs"
for f in "$tmp/seed.tmx" "$D/trados-style.tmx" "$D/omegat-project_save.tmx"; do
    n=$(basename "$f" .tmx)
    rdb=$tmp/rt-$n.sqlite
    expect 0 "round trip import $n" -- "$S" tm import -q --db "$rdb" "$f"
    expect 0 "round trip export $n" -- "$S" tm export -q --db "$rdb" -o "$tmp/rt-$n.tmx"
    expect 0 "round trip stream $n" -- "$S" tm filter -q "$f" -o "$tmp/st-$n.tmx"
    same "$tmp/st-$n.tmx" "$tmp/rt-$n.tmx" "TMX -> TM -> TMX ($n)"
    # and once more through a memory: nothing changes
    expect 0 "round trip 2 $n" -- "$S" tm import -q --db "$rdb.2" "$tmp/rt-$n.tmx"
    expect 0 "round trip 2 export $n" -- "$S" tm export -q --db "$rdb.2" -o "$tmp/rt2-$n.tmx"
    same "$tmp/rt-$n.tmx" "$tmp/rt2-$n.tmx" "second round trip ($n)"
done
grep -q 'x-sverka-score">0.92<' "$tmp/rt-seed.tmx" && ok || bad "score kept"
grep -q '<ph x="9">&lt;img src=&quot;<sub type="x-alt">tractor front view</sub>' \
    "$tmp/rt-trados-style.tmx" && ok || bad "sub flow kept"
grep -q 'changedate="20240401T080000Z" creationid="translator"' "$tmp/rt-omegat-project_save.tmx" \
    && ok || bad "tuv attributes kept"
expect 0 "export tsv" -- "$S" tm export -q --db "$tmp/rt-trados-style.sqlite" -o "$tmp/t.tsv"
if grep -q "^Press Start to begin ploughing.	Нажмите Пуск, чтобы начать вспашку.$" "$tmp/t.tsv"; then ok
else bad "tsv content"; head -3 "$tmp/t.tsv"; fi

# ---- merge and filter ----------------------------------------------------
mk() { # FILE TUID DATE EN RU
    printf '<tmx version="1.4"><header srclang="en-US"/><body><tu tuid="%s" creationdate="%s">' "$2" "$3" > "$1"
    printf '<tuv xml:lang="en-US"><seg>%s</seg></tuv><tuv xml:lang="ru-RU"><seg>%s</seg></tuv></tu>' "$4" "$5" >> "$1"
    printf '<tu tuid="x-%s"><tuv xml:lang="en-US"><seg>Only in %s.</seg></tuv><tuv xml:lang="ru-RU"><seg>Только в %s.</seg></tuv></tu></body></tmx>\n' "$2" "$2" "$2" >> "$1"
}
mk "$tmp/m1.tmx" old 20200101T000000Z "Same." "То же."
mk "$tmp/m2.tmx" new 20230101T000000Z "Same." "То же."
mk "$tmp/m3.tmx" oldest 20190101T000000Z "Same." "То же."
expect 0 "merge" -- "$S" tm merge -o "$tmp/merged.tmx" "$tmp/m1.tmx" "$tmp/m2.tmx" "$tmp/m3.tmx" "$tmp/seed.tmx" "$tmp/seed.tmx"
[ "$(ntu "$tmp/merged.tmx")" -eq $(( 4 + $(ntu "$tmp/seed.tmx") )) ] && ok || bad "merge count $(ntu "$tmp/merged.tmx")"
grep -q 'tuid="new"' "$tmp/merged.tmx" && ! grep -q 'tuid="old"' "$tmp/merged.tmx" && ok || bad "newest wins"
expect 2 "merge from stdin" -- "$S" tm merge -o "$tmp/x.tmx" - < "$tmp/m1.tmx"
expect 0 "filter by score" -- "$S" tm filter --min-score 0.8 -o "$tmp/f.tmx" "$tmp/seed.tmx"
[ "$(ntu "$tmp/f.tmx")" -eq 5 ] && ok || bad "filter kept $(ntu "$tmp/f.tmx"), want 5"
expect 0 "filter unscored dropped" -- "$S" tm filter --min-score 0.5 -o "$tmp/f2.tmx" "$tmp/m1.tmx"
grep_err "0 TUs written" "unscored dropped"
expect 0 "filter keep unscored" -- "$S" tm filter --min-score 0.5 --keep-unscored -o "$tmp/f3.tmx" "$tmp/m1.tmx"
[ "$(ntu "$tmp/f3.tmx")" -eq 2 ] && ok || bad "keep-unscored"
expect 0 "filter by pair" -- "$S" tm filter --langs de,ru -o "$tmp/de.tmx" --lang-tags de-DE,ru-RU "$D/multilingual.tmx"
[ "$(ntu "$tmp/de.tmx")" -eq 1 ] && grep -q 'xml:lang="de-DE"><seg>Guten Morgen.' "$tmp/de.tmx" && ok || bad "de-ru pair"
echo "old content" > "$tmp/keep.tmx"
expect 2 "failed merge keeps output" -- "$S" tm merge -o "$tmp/keep.tmx" "$tmp/m1.tmx" "$tmp/lol.tmx"
[ "$(cat "$tmp/keep.tmx")" = "old content" ] && ok || bad "output touched by a failed merge"
ls "$tmp"/keep.tmx.tmp.* >/dev/null 2>&1 && bad "temporary file left" || ok

# ---- readers while one writer imports (WAL) -----------------------------
"$B/bench/gen_tm" "$TOP/corpora/ntrex-pairs/pairs.tsv" 60000 "$tmp/g1.tmx" "$tmp/q1.tsv" 1 || bad "gen_tm"
cdb=$tmp/c.sqlite
"$S" tm import -q --db "$cdb" "$D/utf16.tmx" || bad "first import"
"$S" tm import -q --db "$cdb" "$tmp/g1.tmx" & imp=$!
reads=0; readfail=0
while kill -0 $imp 2>/dev/null; do
    "$S" tm lookup --db "$cdb" "Check the oil level every 50 hours." > "$tmp/l.out" 2> "$tmp/l.err"
    rc=$?
    reads=$((reads + 1))
    if [ $rc -ne 0 ] || ! grep -q "100%" "$tmp/l.out"; then readfail=$((readfail + 1)); sed -n 1,3p "$tmp/l.err"; fi
    "$S" tm stats --db "$cdb" > /dev/null 2>&1 || readfail=$((readfail + 1))
done
wait $imp && ok || bad "import beside readers"
[ $readfail -eq 0 ] && [ $reads -gt 0 ] && ok || bad "$readfail of $reads reads failed during an import"

# ---- SIGKILL at random moments -------------------------------------------
# Three files; each run imports whatever is not in yet and is killed after a
# random delay.  After every kill the memory must pass --check, and each file
# must be entirely in it (if recorded) or contribute nothing (if not).
for k in 2 3 4; do
    "$B/bench/gen_tm" "$TOP/corpora/ntrex-pairs/pairs.tsv" 25000 "$tmp/k$k.tmx" /dev/null $k || bad "gen_tm $k"
done
for k in 2 3 4; do "$S" tm filter -q "$tmp/k$k.tmx" -o "$tmp/k$k.tsv" && sort -u "$tmp/k$k.tsv" -o "$tmp/k$k.tsv"; done
kdb=$tmp/k.sqlite
seed=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
delays=$(awk -v s="$seed" 'BEGIN { srand(s); for (i = 0; i < 6; i++) printf "%.2f ", 0.05 + rand() * 3 }')
echo "tm: kill test delays (seed $seed): $delays"
for delay in $delays; do
    "$S" tm import -q --db "$kdb" "$tmp/k2.tmx" "$tmp/k3.tmx" "$tmp/k4.tmx" 2>/dev/null & imp=$!
    sleep "$delay"
    kill -KILL $imp 2>/dev/null
    wait $imp 2>/dev/null
    [ -f "$kdb" ] || continue
    if "$S" tm stats --check --db "$kdb" > "$tmp/ks.out" 2> "$tmp/ks.err"; then ok
    else bad "check after kill at ${delay}s"; cat "$tmp/ks.err" | sed -n 1,5p; continue; fi
    "$S" tm export -q --db "$kdb" -o "$tmp/all.tsv" && sort -u "$tmp/all.tsv" -o "$tmp/all.tsv"
    : > "$tmp/in.tsv"
    for k in 2 3 4; do grep -q "k$k.tmx: " "$tmp/ks.out" && cat "$tmp/k$k.tsv" >> "$tmp/in.tsv"; done
    sort -u "$tmp/in.tsv" -o "$tmp/in.tsv"
    # the memory holds exactly the pairs of the files it records
    if cmp -s "$tmp/in.tsv" "$tmp/all.tsv"; then ok
    else bad "after a kill at ${delay}s the memory is not the union of its recorded files"
        comm -3 "$tmp/in.tsv" "$tmp/all.tsv" | sed -n 1,3p; fi
done
expect 0 "finish the import" -- "$S" tm import -q --db "$kdb" "$tmp/k2.tmx" "$tmp/k3.tmx" "$tmp/k4.tmx"
expect 0 "final check" -- "$S" tm stats --check --db "$kdb"
[ "$(grep -c 'k[234].tmx: ' "$tmp/out")" -eq 3 ] && ok || bad "all three files in the end"

echo "tm: $pass passed, $fail failed"
[ $fail -eq 0 ]
