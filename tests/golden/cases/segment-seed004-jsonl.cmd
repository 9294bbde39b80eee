"$SVERKA" segment --format jsonl corpora/seeds/004_087b155903a46800.txt
