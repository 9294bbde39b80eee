"$SVERKA" segment --format jsonl tests/data/page-belta.html
