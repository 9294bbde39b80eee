#!/bin/sh
# Replays the fuzz corpora: for each replay binary DIR/fuzz_NAME, every file
# under tests/fuzz/corpus/NAME/ (seeds and past crash inputs) is fed to the
# fuzz target once.  A crash, a sanitizer report or a hang fails the run.
set -u
bin=${1:?usage: run-replay.sh REPLAY_DIR}
dir=$(dirname "$0")/corpus
pass=0; fail=0
for t in "$bin"/fuzz_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t"); name=${name#fuzz_}
    [ -d "$dir/$name" ] || { echo "FAIL replay $name: no corpus in $dir/$name"; fail=$((fail + 1)); continue; }
    if timeout 300 "$t" "$dir/$name"/* > /dev/null 2>"$bin/$name.log"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL replay $name"; tail -n 20 "$bin/$name.log"
    fi
done
echo "fuzz replay: $pass passed, $fail failed"
[ $fail -eq 0 ]
