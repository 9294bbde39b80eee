#!/bin/sh
# 'sverka glossary' end to end: the seed pair (the entries the issue asks
# for), the three formats (TBX well-formed for xmllint and structured as
# TBX-Basic, read back by OmegaT's own glossary readers; TSV read by OmegaT;
# CSV), --kind / --min-count, --from-tmx, --manifest, bad input and atomic
# output.  Usage: run-glossary.sh SVERKA.  Prints "N passed, N failed".
# Without javac/OmegaT or xmllint the checks that need them are skipped
# (and said so).
set -u
S=${1:?usage: run-glossary.sh SVERKA}
case "$S" in /*) ;; *) S="$(pwd)/$S" ;; esac
HERE="$(cd "$(dirname "$0")" && pwd)"
TOP="$(cd "$HERE/../.." && pwd)"
EN="$TOP/corpora/seeds/000_8741e439ade6d75d.txt"
RU="$TOP/corpora/seeds/004_087b155903a46800.txt"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL glossary: $*"; }
expect() {
    want=$1; desc=$2; shift 3
    "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?
    if [ $rc -eq "$want" ]; then ok; else bad "$desc: exit $rc, want $want"; sed -n '1,5p' "$tmp/err"; fi
}
has()  { if grep -q -- "$2" "$1"; then ok; else bad "$3: $1 lacks '$2'"; fi; }
hasnt() { if grep -q -- "$2" "$1"; then bad "$3: $1 has '$2'"; else ok; fi; }

# ---- the seed pair: the issue's "done when" -------------------------------
expect 0 "seed pair" -- "$S" glossary "$EN" "$RU" -o "$tmp/g.tsv"
for pair in "MAZ	МАЗ	enterprise" "MTZ	МТЗ	enterprise" "Gomselmash	Гомсельмаш	enterprise" \
            "Amkodor	Амкодор	enterprise" "Voronezh Oblast	Воронежская область	place" \
            "Minsk	Минск	place"; do
    has "$tmp/g.tsv" "^$pair;" "seed entry '$pair'"
done
cut -f1,2 "$tmp/g.tsv" > "$tmp/terms"
hasnt "$tmp/terms" "«" "no quote marks in the terms"
# enterprises first
first_other=$(awk -F'\t' '{ split($3, k, ";"); print NR, k[1] }' "$tmp/g.tsv" | awk '$2 != "enterprise" { print $1; exit }')
last_ent=$(awk -F'\t' '{ split($3, k, ";"); if (k[1] == "enterprise") n = NR } END { print n + 0 }' "$tmp/g.tsv")
if [ "${first_other:-999}" -gt "$last_ent" ]; then ok; else bad "enterprises are not first"; fi
if awk -F'\t' 'NF != 3 { exit 1 }' "$tmp/g.tsv"; then ok; else bad "TSV lines must have 3 fields"; fi

# --kind, --min-count, --ru-source
expect 0 "--kind enterprise" -- "$S" glossary --kind enterprise "$EN" "$RU"
if [ "$(wc -l < "$tmp/out")" -eq 4 ] && ! grep -qv "	enterprise;" "$tmp/out"; then ok; else bad "--kind enterprise: want the 4 enterprises only"; cat "$tmp/out"; fi
expect 0 "--min-count 3" -- "$S" glossary --min-count 3 "$EN" "$RU"
has "$tmp/out" "^Voronezh Oblast	" "--min-count 3 keeps Voronezh Oblast (3 pairs)"
hasnt "$tmp/out" "^MAZ	" "--min-count 3 drops MAZ (1 pair)"
expect 0 "Russian first" -- "$S" glossary "$RU" "$EN"
has "$tmp/out" "^МАЗ	MAZ	" "Russian source file: Russian column first"
expect 0 "--ru-source" -- "$S" glossary --ru-source --kind place "$EN" "$RU"
has "$tmp/out" "^Минск	Minsk	" "--ru-source"

expect 0 "--lang-tags" -- "$S" glossary --lang-tags en-GB,ru-RU -f tbx --kind enterprise "$EN" "$RU"
has "$tmp/out" '<langSet xml:lang="ru-RU">' "--lang-tags in the TBX"
expect 2 "bad --lang-tags" -- "$S" glossary --lang-tags en-GB "$EN" "$RU"

# ---- TBX: well-formed, TBX-Basic structure --------------------------------
expect 0 "TBX" -- "$S" glossary "$EN" "$RU" -o "$tmp/g.tbx"
expect 0 "TBX v3" -- "$S" glossary --tbx-version 3 -f tbx "$EN" "$RU" -o "$tmp/g3.xml"
if command -v xmllint >/dev/null 2>&1; then
    for f in g.tbx g3.xml; do
        if xmllint --noout "$tmp/$f" 2> "$tmp/lint"; then ok; else bad "$f is not well-formed"; sed -n '1,5p' "$tmp/lint"; fi
    done
    n=$(wc -l < "$tmp/g.tsv")
    x() { xmllint --xpath "$2" "$tmp/$1" 2>/dev/null; }
    [ "$(x g.tbx 'count(/martif[@type="TBX-Basic-V1"]/text/body/termEntry)')" = "$n" ] && ok || bad "TBX v2: one termEntry per entry"
    [ "$(x g.tbx 'count(//termEntry[count(langSet)=2])')" = "$n" ] && ok || bad "TBX v2: two langSets per termEntry"
    [ "$(x g.tbx 'count(//langSet[@xml:lang="ru"]/tig/term)')" = "$n" ] && ok || bad "TBX v2: a Russian term per entry"
    [ "$(x g.tbx 'count(//tig[termNote[@type="partOfSpeech"]="properNoun"])')" = "$((2 * n))" ] && ok || bad "TBX v2: partOfSpeech"
    [ "$(x g.tbx 'string(//termEntry[langSet[@xml:lang="en"]/tig/term="MAZ"]/descrip[@type="subjectField"])')" = "enterprise" ] && ok || bad "TBX v2: MAZ is an enterprise"
    [ "$(x g.tbx 'string(//langSet[@xml:lang="ru"]/tig[term="Гомсельмаш"]/descrip[@type="context"])' | grep -c 'Гомсельмаш')" = 1 ] && ok || bad "TBX v2: the example sentence"
    [ "$(x g3.xml 'count(/*[local-name()="tbx"]/*[local-name()="text"]/*[local-name()="body"]/*[local-name()="conceptEntry"]/*[local-name()="langSec"]/*[local-name()="termSec"]/*[local-name()="term"])')" = "$((2 * n))" ] && ok || bad "TBX v3: conceptEntry/langSec/termSec/term"
    [ "$(x g3.xml 'namespace-uri(/*)')" = "urn:iso:std:iso:30042:ed-2" ] && ok || bad "TBX v3: namespace"
else
    echo "glossary: xmllint missing (apt-get install libxml2-utils): TBX checks skipped"
fi

# ---- OmegaT reads the TSV and the TBX with its own glossary readers ---------
JAR=${OMEGAT_JAR:-/usr/share/omegat/OmegaT.jar}
if command -v javac >/dev/null 2>&1 && command -v java >/dev/null 2>&1 && [ -f "$JAR" ]; then
    mkdir -p "$tmp/jc" "$tmp/project/glossary"
    if javac -cp "$JAR" -d "$tmp/jc" "$HERE/OmegatGlossaryCheck.java" 2> "$tmp/javac"; then
        ok
        cp "$tmp/g.tsv" "$tmp/project/glossary/names.txt"
        cp "$tmp/g.tbx" "$tmp/project/glossary/names.tbx"
        # the JVM's default encoding must not matter: OmegaT reads .txt as UTF-8
        java -Djava.awt.headless=true -Dfile.encoding=ISO-8859-1 -cp "$JAR:$tmp/jc" OmegatGlossaryCheck \
            en ru "$tmp/project/glossary/names.txt" > "$tmp/om-tsv" 2> "$tmp/om-err"
        [ $? -eq 0 ] && ok || { bad "OmegaT cannot read the TSV glossary"; sed -n '1,5p' "$tmp/om-err"; }
        cut -f1,2 "$tmp/g.tsv" > "$tmp/want"
        cut -f1,2 "$tmp/om-tsv" > "$tmp/got"
        if cmp -s "$tmp/want" "$tmp/got"; then ok; else bad "OmegaT read other TSV entries"; diff "$tmp/want" "$tmp/got" | sed -n '1,10p'; fi
        has "$tmp/om-tsv" "^MAZ	МАЗ	enterprise; 1 aligned pair" "OmegaT TSV comment"
        java -Djava.awt.headless=true -cp "$JAR:$tmp/jc" OmegatGlossaryCheck \
            en-US ru-RU "$tmp/project/glossary/names.tbx" > "$tmp/om-tbx" 2> "$tmp/om-err"
        [ $? -eq 0 ] && ok || { bad "OmegaT cannot read the TBX glossary"; sed -n '1,5p' "$tmp/om-err"; }
        cut -f1,2 "$tmp/om-tbx" > "$tmp/got"
        if cmp -s "$tmp/want" "$tmp/got"; then ok; else bad "OmegaT read other TBX entries"; diff "$tmp/want" "$tmp/got" | sed -n '1,10p'; fi
        has "$tmp/om-tbx" "subjectField: enterprise" "OmegaT shows the kind from the TBX"
    else
        bad "OmegatGlossaryCheck.java does not compile"; sed -n '1,10p' "$tmp/javac"
    fi
else
    echo "glossary: javac or OmegaT ($JAR) missing: OmegaT reader checks skipped"
fi

# ---- CSV --------------------------------------------------------------------
expect 0 "CSV" -- "$S" glossary "$EN" "$RU" -o "$tmp/g.csv"
has "$tmp/g.csv" "^source,target,kind,count,confidence," "CSV header"
has "$tmp/g.csv" "^MAZ,МАЗ,enterprise,1," "CSV row"
if python3 -c 'import csv,sys; rows=list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))); sys.exit(0 if len(set(map(len, rows))) == 1 and len(rows) > 5 else 1)' "$tmp/g.csv"; then ok; else bad "CSV: rows of unequal length for Python's csv reader"; fi

# ---- TMX and manifest input -------------------------------------------------
expect 0 "align to TMX" -- "$S" align "$EN" "$RU" -o "$tmp/seed.tmx"
expect 0 "--from-tmx" -- "$S" glossary --from-tmx "$tmp/seed.tmx" -o "$tmp/t.tsv"
has "$tmp/t.tsv" "^Gomselmash	Гомсельмаш	enterprise" "--from-tmx entry"
printf '# two copies of the seed pair\nseed\t%s\t%s\nagain\t%s\t%s\n' "$EN" "$RU" "$EN" "$RU" > "$tmp/pairs.tsv"
expect 0 "--manifest" -- "$S" glossary --manifest "$tmp/pairs.tsv" -v -o "$tmp/m.tsv"
has "$tmp/m.tsv" "^MAZ	МАЗ	enterprise; 2 aligned pairs" "--manifest counts both pairs"
has "$tmp/err" "aligned pairs used" "--verbose summary"
printf 'ok\t%s\t%s\nbroken\t%s/nope.txt\t%s\n' "$EN" "$RU" "$tmp" "$RU" > "$tmp/pairs2.tsv"
expect 1 "a pair that cannot be read" -- "$S" glossary --manifest "$tmp/pairs2.tsv" -o "$tmp/m2.tsv"
has "$tmp/err" "broken: skipped" "skipped pair reported"
has "$tmp/m2.tsv" "^MAZ	МАЗ" "the other pair still used"

# ---- usage and bad input ------------------------------------------------------
expect 0 "help" -- "$S" glossary --help
has "$tmp/out" "Usage: sverka glossary" "help text"
expect 2 "odd number of files" -- "$S" glossary "$EN"
expect 2 "bad --kind" -- "$S" glossary --kind company "$EN" "$RU"
expect 2 "bad --format" -- "$S" glossary -f xlsx "$EN" "$RU"
expect 2 "bad --tbx-version" -- "$S" glossary --tbx-version 4 "$EN" "$RU"
expect 2 "missing file" -- "$S" glossary "$tmp/nope.txt" "$RU"
expect 2 "two English files" -- "$S" glossary "$EN" "$EN"
printf 'id only\n' > "$tmp/bad.tsv"
expect 2 "bad manifest" -- "$S" glossary --manifest "$tmp/bad.tsv"
has "$tmp/err" "bad.tsv:1: error: expected id<TAB>source<TAB>target" "manifest line reported"
printf '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>A</seg></tuv>' > "$tmp/bad.tmx"
expect 2 "truncated TMX" -- "$S" glossary --from-tmx "$tmp/bad.tmx"
echo "old" > "$tmp/keep.tsv"
expect 2 "failed run keeps output" -- "$S" glossary "$tmp/nope.txt" "$RU" -o "$tmp/keep.tsv"
[ "$(cat "$tmp/keep.tsv")" = "old" ] && ok || bad "output touched by a failed run"
if ls "$tmp"/*.tmp.* >/dev/null 2>&1; then bad "temporary file left"; else ok; fi

echo "glossary: $pass passed, $fail failed"
[ $fail -eq 0 ]
