"$SVERKA" align --all --format jsonl corpora/seed_pair/doc01.en.txt corpora/seed_pair/doc01.ru.txt
