"$SVERKA" align corpora/seeds/000_8741e439ade6d75d.txt corpora/seeds/001_*.txt -o "$TMPDIR_GOLDEN/x.tmx"; rc=$?; test -e "$TMPDIR_GOLDEN/x.tmx" && echo "output written"; exit $rc
