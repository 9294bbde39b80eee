#!/bin/sh
# Interoperability: TMX files sverka writes must be accepted by the tools
# translators use.  Runs check-tmx (DTD validation, OmegaT 3.6 console
# import, Translate Toolkit, the npm parser tmexchange) from ../shared/tools
# next to the repository when it and its tools are installed ('make deps');
# otherwise says "SKIPPED (reason)" and succeeds.
#
#   seed.tmx    the seed pair, written the way the aligner writes (seed_pairs)
#   merged.tmx  'tm merge' of it (twice: duplicates) with TMX from memoQ and
#               Wordfast styles
#   markup.tmx  'tm export' of a memory holding a Trados-style TMX with
#               inline markup; checked by validation, OmegaT and Translate
#               Toolkit (tmexchange returns objects, not text, for markup)
#
# Usage: run-interop.sh SVERKA BUILD_DIR.  CHECK_TMX=/path/to/check-tmx
# overrides the search.  Prints "N passed, N failed" or the SKIPPED line.
set -u
S=${1:?usage: run-interop.sh SVERKA BUILD_DIR}
B=${2:?usage: run-interop.sh SVERKA BUILD_DIR}
case "$S" in /*) ;; *) S="$(pwd)/$S" ;; esac
case "$B" in /*) ;; *) B="$(pwd)/$B" ;; esac
TOP="$(cd "$(dirname "$0")/../.." && pwd)"
D="$TOP/tests/tm/data"

skip() { echo "interop: SKIPPED ($*)"; exit 0; }

# check-tmx: next to the repository, or next to the main working tree when
# this is a git worktree elsewhere.
chk="${CHECK_TMX:-}"
if [ -z "$chk" ]; then
    for c in "$TOP/../shared/tools/check-tmx" \
             "$(cd "$TOP" && git rev-parse --path-format=absolute --git-common-dir 2>/dev/null)/../../shared/tools/check-tmx"; do
        [ -x "$c" ] && { chk=$c; break; }
    done
fi
[ -n "$chk" ] && [ -x "$chk" ] || skip "no ../shared/tools/check-tmx next to the repository"
hdir="$(cd "$(dirname "$chk")" && pwd)/tmx-checks"
[ -x "$hdir/tmx-validate" ] || skip "check-tmx has no tmx-checks directory"
command -v xmllint >/dev/null 2>&1 || skip "xmllint missing: apt-get install libxml2-utils"
[ -f "${OMEGAT_JAR:-/usr/share/omegat/OmegaT.jar}" ] && command -v java >/dev/null 2>&1 \
    || skip "OmegaT missing: apt-get install omegat"
/usr/bin/python3 -c 'import translate' 2>/dev/null || skip "Translate Toolkit missing: apt-get install translate-toolkit"
command -v node >/dev/null 2>&1 || skip "node missing: apt-get install nodejs npm"
mods="${TMEXCHANGE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sverka-tmx-checks/node_modules}"
[ -f "$mods/tmexchange/package.json" ] || [ -f "$hdir/node_modules/tmexchange/package.json" ] \
    || skip "npm package tmexchange missing: tests/interop/setup-npm.sh"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL interop: $*"; }

# run CHECK-COMMAND FILE: passes when the command exits 0; shows its summary
run() {
    name=$1; shift
    if "$@" > "$tmp/log" 2>&1; then ok; echo "interop: ok   $name"
    else bad "$name"; grep -E '^(PASS|FAIL|ERROR|UNMATCHED|MISSING)' "$tmp/log" | sed -n '1,12p'; fi
}

"$B/interop/seed_pairs" "$TOP/corpora/seeds/000_8741e439ade6d75d.txt" \
    "$TOP/corpora/seeds/004_087b155903a46800.txt" "$tmp/seed.tmx" || bad "seed_pairs"
"$S" tm merge -q -o "$tmp/merged.tmx" "$tmp/seed.tmx" "$D/utf16.tmx" "$D/multilingual.tmx" \
    "$tmp/seed.tmx" 2>"$tmp/merge.err" || bad "merge"
"$S" tm import -q --db "$tmp/m.sqlite" "$D/trados-style.tmx" 2>/dev/null || bad "import"
"$S" tm export -q --db "$tmp/m.sqlite" -o "$tmp/markup.tmx" || bad "export"

run "seed.tmx: check-tmx (all four checks)" "$chk" "$tmp/seed.tmx"
run "merged.tmx: check-tmx (all four checks)" "$chk" "$tmp/merged.tmx"
run "markup.tmx: tmx-validate" "$hdir/tmx-validate" "$tmp/markup.tmx"
run "markup.tmx: tmx-omegat" "$hdir/tmx-omegat" "$tmp/markup.tmx"
run "markup.tmx: tmx-ttk" "$hdir/tmx-ttk" "$tmp/markup.tmx"

echo "interop: $pass passed, $fail failed"
[ $fail -eq 0 ]
