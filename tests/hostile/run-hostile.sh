#!/bin/sh
# The hostile-input suite (docs/security.md): inputs a web scraper or an
# unknown tool may bring, each run under a time limit and a memory limit.
# Every case must end with its documented exit status (2 and a message, or
# 0/1 with a bounded result), never a crash, a hang, a read of a file it
# was not given, or an output file damaged by a failed run.
#
#   run-hostile.sh SVERKA [--big] [--sanitizer]
#
# --big adds the 200 MB one-line file (about 10 s); --sanitizer (asan/ubsan
# builds) drops the address-space limit, which ASan cannot run under, and
# multiplies the time limits by 5.  Prints "N passed, N failed".
set -u
S=${1:?usage: run-hostile.sh SVERKA [--big] [--sanitizer]}
shift
case "$S" in /*) ;; *) S="$(pwd)/$S" ;; esac
BIG=; SAN=0
for a in "$@"; do
    case "$a" in --big) BIG=--big ;; --sanitizer) SAN=1 ;; esac
done
HERE="$(cd "$(dirname "$0")" && pwd)"
TOP="$(cd "$HERE/../.." && pwd)"
EN="$TOP/corpora/seeds/000_8741e439ade6d75d.txt"
RU="$TOP/corpora/seeds/004_087b155903a46800.txt"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
IN=$T/in
python3 "$HERE/make-inputs.py" "$IN" $BIG || { echo "FAIL hostile: cannot make the inputs"; exit 1; }
MARK=TOPSECRET-MARKER-7f3a
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL hostile: $*"; }
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=

# run NAME RCS SECONDS MEGABYTES -- COMMAND...
# RCS: the accepted exit statuses, e.g. "2" or "0 1".  Leaves the output in
# $T/out, messages in $T/err, peak memory (KB) in $T/rss.
run() {
    name=$1; rcs=$2; secs=$3; mb=$4; shift 5
    [ $SAN -eq 1 ] && secs=$((secs * 5))
    lim=unlimited
    [ $SAN -eq 1 ] || lim=$((mb * 1024 + 1024 * 1024)) # address space: the limit plus 1 GB of maps
    echo 0 > "$T/rss"
    if [ -n "$TIME" ]; then
        (ulimit -v $lim; exec timeout -k 5 "$secs" "$TIME" -q -f %M -o "$T/rss" "$@") \
            > "$T/out" 2> "$T/err"
    else
        (ulimit -v $lim; exec timeout -k 5 "$secs" "$@") > "$T/out" 2> "$T/err"
    fi
    rc=$?
    rss=$(tail -n 1 "$T/rss" 2>/dev/null); case "$rss" in ''|*[!0-9]*) rss=0 ;; esac
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
        bad "$name: no result within ${secs}s"; return
    fi
    if [ $rc -gt 2 ]; then
        bad "$name: exit $rc (a crash?)"; sed -n '1,8p' "$T/err"; return
    fi
    case " $rcs " in *" $rc "*) ok ;; *) bad "$name: exit $rc, want $rcs"; sed -n '1,5p' "$T/err" ;; esac
    if [ "$rss" -gt $((mb * 1024)) ] && [ $SAN -eq 0 ]; then
        bad "$name: peak memory $((rss / 1024)) MB over the limit of $mb MB"
    fi
    if grep -q "$MARK" "$T/out" "$T/err"; then bad "$name: read a file it was not given"; fi
    if grep -q "AddressSanitizer\|runtime error:\|LeakSanitizer" "$T/err"; then
        bad "$name: sanitizer report"; sed -n '1,12p' "$T/err"
    fi
}
says() { # NAME PATTERN: the messages of the last run say PATTERN
    if grep -q -- "$2" "$T/err"; then ok; else bad "$1: the message lacks '$2'"; sed -n '1,3p' "$T/err"; fi
}
absent() { if [ -e "$2" ]; then bad "$1: $2 was written"; else ok; fi; }
nomark() { if grep -rq "$MARK" "$2" 2>/dev/null; then bad "$1: $2 holds the secret"; else ok; fi; }

# ---- XML: entities, external DTDs, depth, size ---------------------------
for f in laughs quadratic xxe; do
    run "tmx $f" 2 20 300 -- "$S" tm merge -o "$T/m.tmx" "$IN/$f.tmx"
    says "tmx $f" "DOCTYPE with declarations refused"
    absent "tmx $f" "$T/m.tmx"
done
run "tmx external DTD" 2 20 300 -- "$S" tm merge -o "$T/m.tmx" "$IN/extdtd.tmx"
says "tmx external DTD" "Entity 'y' not defined"
absent "tmx external DTD" "$T/m.tmx"
run "tmx 100000 deep" 2 20 300 -- "$S" tm merge -o "$T/m.tmx" "$IN/deep.tmx"
says "tmx 100000 deep" "depth"
run "tmx 50 MB seg" 2 60 600 -- "$S" tm merge -o "$T/m.tmx" "$IN/seg50mb.tmx"
says "tmx 50 MB seg" "huge text node"
absent "tmx 50 MB seg" "$T/m.tmx"
run "tmx 50 MB seg, import" 2 60 600 -- "$S" tm import --db "$T/tm.sqlite" "$IN/seg50mb.tmx"
says "tmx 50 MB seg, import" "huge text node"
for f in xxe extdtd; do
    run "tm import $f" 2 20 300 -- "$S" tm import --db "$T/tm.sqlite" "$IN/$f.tmx"
    nomark "tm import $f" "$T/tm.sqlite"
done
for f in laughs xxe; do
    run "srx $f" 2 20 300 -- "$S" segment --srx "$IN/$f.srx" "$EN"
    says "srx $f" "DOCTYPE with declarations refused"
done
run "srx external DTD" 2 20 300 -- "$S" segment --srx "$IN/extdtd.srx" "$EN"
says "srx external DTD" "Entity 'y' not defined"
run "srx 100000 deep" 2 20 300 -- "$S" segment --srx "$IN/deep.srx" "$EN"
says "srx 100000 deep" "depth"
printf 'He said aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac hi. Then left.\n' > "$T/a.txt"
run "srx catastrophic regex" 2 60 300 -- "$S" segment --srx "$IN/redos.srx" "$T/a.txt"
says "srx catastrophic regex" "takes too long"
run "html 100000 deep" 0 30 500 -- "$S" segment "$IN/deep.html"
if [ "$(cat "$T/out")" = "Hello there.
Second sentence." ]; then ok; else bad "html 100000 deep: the text is lost"; head -c 300 "$T/out"; fi
run "html external entity" "0 2" 20 300 -- "$S" segment "$IN/xxe.html"
run "html billion laughs" "0 2" 20 300 -- "$S" segment "$IN/laughs.html"

# ---- text ----------------------------------------------------------------
run "20 MB without a line break, segment" 0 60 700 -- "$S" segment "$IN/nolf20mb.txt" -o "$T/s.txt"
n=$(wc -l < "$T/s.txt"); [ "$n" -gt 400000 ] && ok || bad "20 MB one line: $n sentences"
run "20 MB without a line break, align" 0 120 1200 -- "$S" align "$IN/nolf20mb.txt" "$RU" -o "$T/a.tmx"
if [ -n "$BIG" ]; then
    run "200 MB without a line break, segment" 0 120 1500 -- "$S" segment "$IN/nolf200mb.txt" -o "$T/s.txt"
    rm -f "$T/s.txt"
fi
run "a line of 20 MB of words" 0 60 700 -- "$S" segment "$IN/longline.txt" -o "$T/s.txt"
run "2 million empty lines" 0 30 300 -- "$S" segment "$IN/empty-paras.txt"
says "2 million empty lines" "no text found"
run "2 million empty lines, align" 2 30 300 -- "$S" align "$IN/empty-paras.txt" "$RU" -o "$T/e.tmx"
says "2 million empty lines, align" "cannot tell the language"
absent "2 million empty lines, align" "$T/e.tmx"
run "2 million empty lines between two sentences" 0 30 300 -- "$S" segment "$IN/empty-paras-text.txt"
[ "$(wc -l < "$T/out")" -ge 2 ] && ok || bad "empty lines between sentences: text lost"
run "NUL bytes" 2 20 300 -- "$S" segment "$IN/nul.txt"
says "NUL bytes" "does not look like text"
run "one NUL byte in Russian text" "0 2" 20 300 -- "$S" segment "$IN/nul-rare.txt"
run "invalid and overlong UTF-8" 0 20 300 -- "$S" segment "$IN/bad-utf8.txt"
says "invalid and overlong UTF-8" "U+FFFD"
says "invalid and overlong UTF-8" "byte offset"
grep -q "$(printf '\357\277\275')" "$T/out" && ok || bad "invalid UTF-8: no U+FFFD in the output"
run "lone surrogate in UTF-16LE" 0 20 300 -- "$S" segment "$IN/utf16-lone.txt"
says "lone surrogate in UTF-16LE" "U+FFFD"
run "lone surrogate in UTF-16BE" 0 20 300 -- "$S" segment "$IN/utf16be-lone.txt"
says "lone surrogate in UTF-16BE" "U+FFFD"
run "binary file" 2 20 300 -- "$S" segment "$IN/binary.bin"
says "binary file" "does not look like text"
run "binary file, align" 2 20 300 -- "$S" align "$IN/binary.bin" "$RU" -o "$T/b.tmx"
absent "binary file, align" "$T/b.tmx"
run "binary TMX" 2 20 300 -- "$S" tm merge -o "$T/m.tmx" "$IN/binary.bin"
run "two English files" 2 30 400 -- "$S" align "$EN" "$EN" -o "$T/ee.tmx"
says "two English files" "both English"
absent "two English files" "$T/ee.tmx"
run "two English files, check" 2 30 400 -- "$S" check "$EN" "$EN"
says "two English files, check" "both English"

# ---- batch input -------------------------------------------------------------
run "JSON nested 100000 deep" 1 20 300 -- sh -c "\"$S\" batch --stdin < \"$IN/deep.jsonl\""
grep -q '"error":".*nesting too deep' "$T/out" && ok || bad "deep JSON: no error line"
run "a request line of 70 MB" 1 60 400 -- sh -c "\"$S\" batch --stdin < \"$IN/long-request.jsonl\""
grep -q 'line longer than 64 MiB' "$T/out" && ok || bad "70 MB request: no error line"
grep -q '"id":"b","bead":"1-1"' "$T/out" && ok || bad "70 MB request: the next request was not aligned"
run "manifest escaping its folder" 2 20 300 -- "$S" batch -o "$T/bo" "$IN/manifest-escape.tsv"
says "manifest escaping its folder" "manifest-escape.tsv:2:.*cannot name a file"
absent "manifest escaping its folder" "$T/bo/ok.tmx"
run "binary manifest" 2 20 300 -- "$S" batch -o "$T/bo" "$IN/manifest-binary.tsv"

# ---- no lost output: a full disk (ulimit -f) ------------------------------------
cp "$EN" "$T/en.txt"; cp "$RU" "$T/ru.txt"
"$S" align "$T/en.txt" "$T/ru.txt" -o "$T/keep.tmx" 2>/dev/null
cp "$T/keep.tmx" "$T/keep.orig"
for fmt in tmx tsv jsonl; do
    run "full disk, align --format $fmt" 2 30 400 -- sh -c \
        "ulimit -f 2; exec \"$S\" align --all --format $fmt \"$T/en.txt\" \"$T/ru.txt\" -o \"$T/keep.tmx\""
    says "full disk, align --format $fmt" "previous file, if any, is unchanged"
    cmp -s "$T/keep.tmx" "$T/keep.orig" && ok || bad "full disk, align --format $fmt: the old output changed"
done
ls "$T" | grep -q '^\.\?keep\.tmx\..' && bad "full disk: a temporary file is left" || ok
"$S" glossary "$EN" "$RU" -o "$T/g.tbx" 2>/dev/null; cp "$T/g.tbx" "$T/g.orig"
run "full disk, glossary" 2 30 400 -- sh -c "ulimit -f 1; exec \"$S\" glossary \"$EN\" \"$RU\" -o \"$T/g.tbx\""
cmp -s "$T/g.tbx" "$T/g.orig" && ok || bad "full disk, glossary: the old output changed"
"$S" check -o "$T/r.html" "$EN" "$RU" > /dev/null 2>&1; cp "$T/r.html" "$T/r.orig"
run "full disk, check --format html" 2 30 400 -- sh -c "ulimit -f 1; exec \"$S\" check -o \"$T/r.html\" \"$EN\" \"$RU\""
cmp -s "$T/r.html" "$T/r.orig" && ok || bad "full disk, check --format html: the old report changed"
run "full disk, new memory" 2 30 400 -- sh -c "ulimit -f 2; exec \"$S\" tm import --db \"$T/new.sqlite\" \"$T/keep.tmx\""
absent "full disk, new memory" "$T/new.sqlite"
"$S" tm import --db "$T/tm2.sqlite" "$T/keep.tmx" 2>/dev/null
"$S" tm export --db "$T/tm2.sqlite" -o "$T/tm2.before.tsv" 2>/dev/null
for i in 1 2 3 4 5 6; do
    "$S" align "$TOP/corpora/ntrex_enru/doc00$i.en.txt" "$TOP/corpora/ntrex_enru/doc00$i.ru.txt" \
        -o "$T/n$i.tmx" 2>/dev/null
done
run "full disk, import into a memory" "1 2" 60 400 -- sh -c "ulimit -f 70; exec \"$S\" tm import --db \"$T/tm2.sqlite\" \"$T\"/n?.tmx"
run "the memory after a full disk" 0 30 400 -- "$S" tm stats --db "$T/tm2.sqlite" --check
grep -q "^check: *ok" "$T/out" && ok || bad "the memory after a full disk is damaged"
"$S" tm export --db "$T/tm2.sqlite" -o "$T/tm2.after.tsv" 2>/dev/null
# what was there before is still there
sort "$T/tm2.before.tsv" > "$T/b.s"; sort "$T/tm2.after.tsv" > "$T/a.s"
[ -z "$(comm -23 "$T/b.s" "$T/a.s")" ] && ok || bad "full disk: units of the memory were lost"

echo "hostile: $pass passed, $fail failed"
[ $fail -eq 0 ]
