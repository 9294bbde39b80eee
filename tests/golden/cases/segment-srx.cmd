"$SVERKA" segment --srx tests/data/omegat.srx --lang ru corpora/seeds/004_087b155903a46800.txt
