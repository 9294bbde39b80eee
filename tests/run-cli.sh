#!/bin/sh
# Command-line behaviour: exit codes, messages, atomic outputs, bad inputs.
# Prints "N passed, N failed".
set -u
S=${1:?usage: run-cli.sh SVERKA}
case "$S" in /*) ;; *) S="$(pwd)/$S" ;; esac
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL cli: $*"; }
# expect RC DESCRIPTION -- COMMAND...: runs COMMAND, checks its exit status
expect() {
    want=$1; desc=$2; shift 3
    "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?
    if [ $rc -eq "$want" ]; then ok; else bad "$desc: exit $rc, want $want"; sed -n '1,5p' "$tmp/err"; fi
}
# grep_err PATTERN DESCRIPTION: the last command's stderr matches
grep_err() { if grep -q -- "$1" "$tmp/err"; then ok; else bad "$2: stderr lacks '$1'"; sed -n '1,5p' "$tmp/err"; fi; }
grep_out() { if grep -q -- "$1" "$tmp/out"; then ok; else bad "$2: stdout lacks '$1'"; fi; }

expect 0 "version" -- "$S" --version
grep_out "^sverka [0-9]" "version"
expect 0 "help" -- "$S" --help
grep_out "segment" "help lists commands"
expect 2 "no command" -- "$S"
expect 2 "unknown command" -- "$S" frobnicate
grep_err "not a sverka command" "unknown command"
expect 0 "segment help" -- "$S" segment --help
grep_out "Usage: sverka segment" "segment help"
expect 2 "segment bad option" -- "$S" segment --bogus x
expect 2 "segment missing file" -- "$S" segment "$tmp/nope.txt"
grep_err "sverka: $tmp/nope.txt: error: cannot open" "missing file message"
expect 2 "segment directory" -- "$S" segment "$tmp"
grep_err "is a directory" "directory message"
expect 2 "segment bad lang" -- "$S" segment --lang fr "$tmp/nope.txt"

: > "$tmp/empty.txt"
expect 0 "empty file" -- "$S" segment "$tmp/empty.txt"
grep_err "no text found (empty file)" "empty file warning"

head -c 3000 /dev/urandom > "$tmp/binary.bin"; printf '\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0' >> "$tmp/binary.bin"
printf '\177ELF\2\1\1\0\0\0\0\0\0\0\0\0\3\0\76\0\1\0\0\0' > "$tmp/elf.bin"; head -c 2000 /dev/zero >> "$tmp/elf.bin"
expect 2 "binary file" -- "$S" segment "$tmp/elf.bin"
grep_err "does not look like text" "binary message"

printf 'Valid start. Bad \377\376 bytes here. End.\n' > "$tmp/bad.txt"
expect 0 "invalid UTF-8 repaired" -- "$S" segment "$tmp/bad.txt"
grep_err "bad.txt:1: warning: invalid UTF-8 (1 byte 0xFF...) at byte offset 17" "invalid UTF-8 offset"
grep_out "Bad �� bytes here." "replacement characters"

printf 'Line one.\r\nLine two of the same paragraph.\r\n\r\nSecond paragraph.\r\n' > "$tmp/crlf.txt"
expect 0 "crlf" -- "$S" segment "$tmp/crlf.txt"
if [ "$(cat "$tmp/out")" = "$(printf 'Line one.\nLine two of the same paragraph.\n\nSecond paragraph.')" ]; then ok; else bad "crlf output"; cat "$tmp/out"; fi

echo "old content" > "$tmp/keep.txt"
expect 2 "failed run keeps output" -- "$S" segment -o "$tmp/keep.txt" "$tmp/nope.txt"
if [ "$(cat "$tmp/keep.txt")" = "old content" ]; then ok; else bad "output was touched by a failed run"; fi
expect 0 "output file" -- "$S" segment -o "$tmp/keep.txt" "$tmp/crlf.txt"
if grep -q "Second paragraph." "$tmp/keep.txt"; then ok; else bad "output file content"; fi
if ls "$tmp"/keep.txt.tmp.* >/dev/null 2>&1; then bad "temporary file left"; else ok; fi

printf 'Один. Два.\n' | "$S" segment - > "$tmp/out" 2>&1
if [ "$(cat "$tmp/out")" = "$(printf 'Один.\nДва.')" ]; then ok; else bad "stdin"; fi

# ---- bad and pathological inputs: a clear message or a reported repair,
# never a crash, and bounded time (timeout) ----
expect 2 "input over --max-input" -- "$S" segment --max-input 10 "$tmp/crlf.txt"
grep_err "more than the limit of 10" "max-input message"
expect 2 "unknown --encoding" -- "$S" segment --encoding klingon-8 "$tmp/crlf.txt"
grep_err "unknown encoding 'klingon-8'" "unknown encoding message"
expect 2 "srx file missing" -- "$S" segment --srx "$tmp/nope.srx" "$tmp/crlf.txt"
printf '<srx><body><languagerules>\n<languagerule languagerulename="D"><rule><beforebreak>[a-</beforebreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="D"/></maprules></body></srx>\n' > "$tmp/bad.srx"
expect 2 "srx with a bad regex" -- "$S" segment --srx "$tmp/bad.srx" "$tmp/crlf.txt"
grep_err "bad.srx:2: error: beforebreak regular expression '\[a-' does not compile" "srx regex message"
printf '\376\377\000A\000.' > "$tmp/tiny16.txt"
expect 0 "UTF-16 with a BOM" -- "$S" segment "$tmp/tiny16.txt"
grep_out "^A\.$" "UTF-16 text"
# a million empty lines, and a 20 MB line with no sentence end
awk 'BEGIN { for (i = 0; i < 1000000; i++) print "" }' > "$tmp/empty-lines.txt"
expect 0 "a million empty lines" -- timeout 20 "$S" segment "$tmp/empty-lines.txt"
grep_err "no text found" "empty lines message"
awk 'BEGIN { s = "lorem ipsum dolor sit amet "; for (i = 0; i < 18; i++) s = s s; printf "%s", s }' > "$tmp/long-line.txt"
expect 0 "a 7 MB line without a sentence end" -- timeout 30 "$S" segment "$tmp/long-line.txt"
grep_err "sentences longer than 1048576 bytes cut by force" "forced cut warning"
awk 'BEGIN { for (i = 0; i < 300000; i++) printf "Short sentence number %d. ", i }' > "$tmp/many.txt"
expect 0 "300,000 sentences on one line" -- timeout 30 "$S" segment "$tmp/many.txt"
if [ "$(grep -c . "$tmp/out")" -eq 300000 ]; then ok; else bad "300,000 sentences: $(grep -c . "$tmp/out") lines"; fi
head -c 100000 /dev/urandom > "$tmp/random.bin"
"$S" segment "$tmp/random.bin" > "$tmp/out" 2> "$tmp/err"; rc=$?
if [ $rc -eq 0 ] || [ $rc -eq 2 ]; then ok; else bad "random bytes: exit $rc"; fi
printf '<html><body>%s</body></html>' "$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<div>"; printf "Deep."}')" > "$tmp/deep.html"
expect 0 "HTML nested 100,000 deep" -- timeout 20 "$S" segment "$tmp/deep.html"
grep_out "^Deep\.$" "deep HTML text"

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
