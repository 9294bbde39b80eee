"$SVERKA" segment corpora/seeds/003_a28e6e6453cc9cc1.txt
