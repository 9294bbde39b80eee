"$SVERKA" segment --format jsonl corpora/seeds/000_8741e439ade6d75d.txt
