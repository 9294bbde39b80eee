"$SVERKA" align corpora/seeds/000_8741e439ade6d75d.txt corpora/seeds/004_087b155903a46800.txt -o "$TMPDIR_GOLDEN/seed.tmx" && cat "$TMPDIR_GOLDEN/seed.tmx"
