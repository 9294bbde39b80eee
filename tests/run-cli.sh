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

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
