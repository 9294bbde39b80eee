"$SVERKA" segment --format jsonl tests/data/invalid-utf8.txt
