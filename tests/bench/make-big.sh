#!/bin/sh
# make-big.sh N OUTPREFIX: writes OUTPREFIX.en.txt and OUTPREFIX.ru.txt, about N
# sentences each, by concatenating the gold corpora's document pairs (in the
# same order on both sides) as many times as needed.
set -eu
n=${1:?usage: make-big.sh SENTENCES OUTPREFIX}
out=${2:?usage: make-big.sh SENTENCES OUTPREFIX}
top=$(cd "$(dirname "$0")/../.." && pwd)
: > "$out.en.txt"; : > "$out.ru.txt"
# about 6,000 sentences per round of all sets (counted from the gold units)
per=$(cat "$top"/corpora/ntrex_enru/*.gold.tsv "$top"/corpora/debian_faq/*.gold.tsv \
      "$top"/corpora/aptitude_doc/*.gold.tsv | wc -l)
rounds=$(( (n + per - 1) / per ))
i=0
while [ $i -lt $rounds ]; do
    for d in "$top"/corpora/ntrex_enru/*.en.txt "$top"/corpora/debian_faq/*.en.txt \
             "$top"/corpora/aptitude_doc/*.en.txt; do
        cat "$d" >> "$out.en.txt"; printf '\n\n' >> "$out.en.txt"
        cat "${d%.en.txt}.ru.txt" >> "$out.ru.txt"; printf '\n\n' >> "$out.ru.txt"
    done
    i=$((i + 1))
done
