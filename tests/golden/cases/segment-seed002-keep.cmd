"$SVERKA" segment --keep-boilerplate corpora/seeds/002_f0fa65aa9091a9e5.txt
